import Foundation
import Synchronization

/// A one-line progress bar on stderr for batch runs — only when stderr is a terminal and not
/// `--quiet`. Thread-safe: workers report completed files from any thread.
final class Progress: Sendable {
    private struct State { var files = 0; var failed = 0; var audioSeconds = 0.0; var lastDraw = 0.0 }
    private let state = Mutex(State())
    private let total: Int
    private let enabled: Bool
    private let start = Date()

    init(total: Int, quiet: Bool) {
        self.total = total
        enabled = !quiet && isatty(2) != 0 && total > 1
    }

    /// Records one finished file (`audioSeconds` 0 for a failure).
    func finished(audioSeconds: Double, failed: Bool) {
        let line: String? = state.withLock { s in
            s.files += 1
            if failed { s.failed += 1 }
            s.audioSeconds += audioSeconds
            let now = Date().timeIntervalSince(start)
            guard enabled, now - s.lastDraw > 0.1 || s.files == total else { return nil }
            s.lastDraw = now
            let fraction = Double(s.files) / Double(total)
            let width = 24
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            let rate = now > 0 ? s.audioSeconds / now : 0
            let eta = fraction > 0 ? now * (1 - fraction) / fraction : 0
            return String(format: "\r%@ %d/%d files, %.2f h audio, %.0f× realtime, ETA %@%@ ", bar, s.files, total,
                          s.audioSeconds / 3600, rate, Self.clock(eta), s.failed > 0 ? ", \(s.failed) failed" : "")
        }
        if let line { Diagnostics.write(line) }
    }

    /// Clears the bar and returns totals: (files, failed, audio seconds, wall seconds).
    func finish() -> (files: Int, failed: Int, audioSeconds: Double, wallSeconds: Double) {
        if enabled { Diagnostics.write("\r\u{1B}[K") }
        return state.withLock { ($0.files, $0.failed, $0.audioSeconds, Date().timeIntervalSince(start)) }
    }

    private static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
