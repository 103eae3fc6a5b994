import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
@testable import ParacuesRelay
import WSCore

/// An in-process realtime API for tests, speaking the beta (StepFun) or GA (OpenAI) protocol.
///
/// It requires `Authorization: Bearer test-key` (else HTTP 401), sends `session.created` (after 150 ms) with server
/// VAD (`create_response: true`), runs a simple energy VAD on the appended audio (speech = 20 ms
/// chunk RMS above −40 dBFS; a turn ends after 500 ms of silence) and then emits `speech_started` /
/// `speech_stopped` / `committed` / the user item acknowledgement, and a response when the session's
/// `create_response` is true. It answers `conversation.item.create`, `conversation.item.delete`,
/// `response.create` and `session.update`, replies `error` to malformed JSON, and records every
/// message sent and received, in order.
final class FakeUpstream: @unchecked Sendable {
    enum Mode: Sendable { case normal, dropAfterCommit, slowUpgrade }
    struct Record: Sendable { var received: Bool; var text: String }

    let dialect: RealtimeDialect
    let mode: Mode
    private let lock = NSLock()
    private var records: [Record] = []
    private var closedCount = 0

    init(dialect: RealtimeDialect, mode: Mode = .normal) { self.dialect = dialect; self.mode = mode }

    /// Everything sent and received so far.
    var log: [Record] { lock.withLock { records } }
    /// Number of upstream sessions that ended.
    var closedSessions: Int { lock.withLock { closedCount } }
    /// Parsed received messages.
    var received: [[String: Any]] { log.filter(\.received).compactMap { parse($0.text) } }

    private func record(_ received: Bool, _ text: String) { lock.withLock { records.append(Record(received: received, text: text)) } }

    func application(onPort: @escaping @Sendable (Int) async -> Void) -> some ApplicationProtocol {
        let router = Router()
        router.get("/v1/realtime") { _, _ -> Response in Response(status: .unauthorized) }
        var logger = Logger(label: "fake-upstream")
        logger.logLevel = .critical
        return Application(
            router: router,
            server: .http1WebSocketUpgrade(configuration: .init(ws: .init(maxFrameSize: 1 << 24))) { request, _, _ async throws in
                if self.mode == .slowUpgrade { try await Task.sleep(for: .seconds(3)) }
                guard request.headerFields[.authorization] == "Bearer test-key" else { return .dontUpgrade }
                return .upgrade([:]) { inbound, outbound, _ in
                    try await self.serve(inbound: inbound, outbound: outbound)
                }
            },
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { await onPort($0.localAddress?.port ?? 0) },
            logger: logger)
    }

    private func serve(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        var state = VADState()
        var createResponse = true
        var counter = 0
        func send(_ object: [String: Any]) async throws {
            let text = json(object)
            record(false, text)
            try await outbound.write(.text(text))
        }
        defer { lock.withLock { closedCount += 1 } }
        let detection: [String: Any] = ["type": "server_vad", "create_response": true, "silence_duration_ms": 500]
        var session: [String: Any] = dialect == .openai
            ? ["type": "realtime", "audio": ["input": ["format": ["type": "audio/pcm", "rate": 24000], "turn_detection": detection]]]
            : ["input_audio_format": "pcm16", "turn_detection": detection]
        // Like a real API, session.created comes a moment after the upgrade: a client that speaks at
        // once must not get two responses to its first turn (the relay holds its audio until then).
        try await Task.sleep(for: .milliseconds(150))
        try await send(["type": "session.created", "event_id": "ev_0", "session": session])
        try await send(["type": "x.unknown.server", "detail": 1])
        for try await message in inbound.messages(maxSize: 1 << 24) {
            guard case .text(let text) = message else { continue }
            record(true, text)
            guard let event = parse(text), let type = event["type"] as? String else {
                try await send(["type": "error", "error": ["type": "invalid_request_error", "code": "invalid_json"]])
                continue
            }
            counter += 1
            switch type {
            case "session.update":
                let update = event["session"] as? [String: Any] ?? [:]
                session.merge(update) { _, new in new }
                if case .object(let d) = dialect.turnDetection(in: session) {
                    createResponse = (d["create_response"] as? Bool) ?? true
                }
                try await send(["type": "session.updated", "session": session])
            case "input_audio_buffer.append":
                guard let audio = (event["audio"] as? String).flatMap({ Data(base64Encoded: $0) }) else { continue }
                for turn in state.feed(audio) {
                    try await send(["type": "input_audio_buffer.speech_started", "audio_start_ms": turn.startMs, "item_id": turn.item])
                    try await send(["type": "input_audio_buffer.speech_stopped", "audio_end_ms": turn.endMs, "item_id": turn.item])
                    try await send(["type": "input_audio_buffer.committed", "item_id": turn.item, "previous_item_id": NSNull()])
                    if mode == .dropAfterCommit { return }
                    try await acknowledge(item: ["id": turn.item, "type": "message", "role": "user"], send: send)
                    if createResponse { try await respond(counter, send: send) }
                }
            case "conversation.item.create":
                var item = event["item"] as? [String: Any] ?? [:]
                if item["id"] == nil { item["id"] = "item_fake_\(counter)" }
                try await acknowledge(item: item, send: send)
            case "conversation.item.delete":
                try await send(["type": "conversation.item.deleted", "item_id": event["item_id"] ?? ""])
            case "response.create":
                try await respond(counter, send: send)
            default:
                continue
            }
        }
    }

    private func acknowledge(item: [String: Any], send: ([String: Any]) async throws -> Void) async throws {
        if dialect == .openai {
            try await send(["type": "conversation.item.added", "item": item])
            try await send(["type": "conversation.item.done", "item": item])
        } else {
            try await send(["type": "conversation.item.created", "item": item])
        }
    }

    private func respond(_ n: Int, send: ([String: Any]) async throws -> Void) async throws {
        let id = "resp_\(n)"
        try await send(["type": "response.created", "response": ["id": id]])
        try await send(["type": dialect == .openai ? "response.output_audio.delta" : "response.audio.delta",
                        "response_id": id, "delta": "AAAA"])
        try await send(["type": "response.done", "response": ["id": id, "status": "completed"]])
    }
}

/// The fake's energy VAD over 20 ms PCM16 chunks (24 kHz).
struct VADState {
    struct Turn { var startMs: Int; var endMs: Int; var item: String }
    private var samples = 0
    private var speechStart: Int?
    private var lastSpeechEnd = 0
    private var turns = 0
    private var pending: [Int16] = []

    mutating func feed(_ data: Data) -> [Turn] {
        data.withUnsafeBytes { raw in
            for i in 0..<(raw.count / 2) { pending.append(Int16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * i, as: Int16.self))) }
        }
        var result: [Turn] = []
        while pending.count >= 480 {
            let chunk = pending.prefix(480)
            pending.removeFirst(480)
            let rms = (chunk.reduce(0.0) { $0 + Double($1) * Double($1) } / 480).squareRoot() / 32768
            let startMs = samples / 24, endMs = (samples + 480) / 24
            samples += 480
            if rms > 0.01 {
                if speechStart == nil { speechStart = startMs }
                lastSpeechEnd = endMs
            } else if let start = speechStart, endMs - lastSpeechEnd >= 500 {
                turns += 1
                result.append(Turn(startMs: start, endMs: lastSpeechEnd, item: "item_user_\(turns)"))
                speechStart = nil
            }
        }
        return result
    }
}

func parse(_ text: String) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
}

func json(_ object: [String: Any]) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
}
