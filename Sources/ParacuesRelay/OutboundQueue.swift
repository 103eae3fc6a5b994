import Foundation
import NIOCore

/// One message waiting to be written to a socket.
enum OutboundItem: Sendable {
    case text(String)
    case binary(ByteBuffer)
}

/// A bounded queue of messages for one socket, drained by that socket's only writer task.
///
/// ``push(_:)`` never blocks; it fails once more than `limit` messages wait (the peer reads too
/// slowly), and the session is then ended rather than buffering without bound. Thread-safe.
final class OutboundQueue: @unchecked Sendable {
    let stream: AsyncStream<OutboundItem>
    private let continuation: AsyncStream<OutboundItem>.Continuation
    private let lock = NSLock()
    private var queued = 0
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
        (stream, continuation) = AsyncStream.makeStream(of: OutboundItem.self)
    }

    /// Adds a message; false when the queue is full or finished.
    @discardableResult
    func push(_ item: OutboundItem) -> Bool {
        lock.withLock {
            guard queued < limit else { return false }
            queued += 1
            if case .terminated = continuation.yield(item) { return false }
            return true
        }
    }

    /// Ends the stream after the messages already queued.
    func finish() { continuation.finish() }

    /// Writes every message with `write` until the stream is finished or `write` throws.
    func drain(_ write: (OutboundItem) async throws -> Void) async throws {
        for await item in stream {
            try await write(item)
            lock.withLock { queued -= 1 }
        }
    }
}
