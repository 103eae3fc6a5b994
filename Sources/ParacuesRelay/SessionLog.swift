import Foundation

/// Writes the relay's JSON Lines session log: one object per line, flushed per line.
///
/// Each line has `t` (seconds since the relay started, 3 decimals), `session`, `kind` (`client`,
/// `upstream`, `relay`), and for events `type`, `event_id`, `item_id` when present and `bytes`;
/// relay lines add their own fields (`turn`, `delay_ms`, …). No audio, no keys, no transcript text.
/// Thread-safe.
public final class SessionLog: @unchecked Sendable {
    private let handle: FileHandle?
    private let lock = NSLock()
    private let started = Date()
    private var memory: [String]?

    /// Opens (appends to) `path`; nil path keeps lines in memory (``lines``), for tests.
    public init(path: String?) throws {
        if let path {
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil)
            }
            guard let handle = FileHandle(forWritingAtPath: path) else {
                throw RelayError.configuration("cannot open log file \(path)")
            }
            handle.seekToEndOfFile()
            self.handle = handle
            memory = nil
        } else {
            handle = nil
            memory = []
        }
    }

    /// Lines written so far (in-memory logs only).
    public var lines: [String] { lock.withLock { memory ?? [] } }

    /// Seconds since the log was opened.
    public var now: Double { Date().timeIntervalSince(started) }

    /// Writes one line with `fields` plus `t` and `session`.
    public func write(session: String, kind: String, _ fields: [String: Any]) {
        var object = fields
        object["t"] = (now * 1000).rounded() / 1000
        object["session"] = session
        object["kind"] = kind
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
              let text = String(data: data, encoding: .utf8) else { return }
        lock.withLock {
            if let handle { handle.write(Data((text + "\n").utf8)) } else { memory?.append(text) }
        }
    }
}

/// Errors of the relay.
public enum RelayError: Error, Sendable, CustomStringConvertible {
    /// A setting is invalid.
    case configuration(String)
    /// One line for the user.
    public var description: String {
        switch self { case .configuration(let message): return "invalid relay setting: \(message)" }
    }
}
