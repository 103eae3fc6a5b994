import Foundation
import Logging
import ParacuesTestSupport
@testable import ParacuesRelay
import WSClient
import WSCore

/// Runs a fake upstream and a relay in front of it on loopback, calls `body`, then stops both.
func withRelay(dialect: RealtimeDialect, policy: InjectionPolicy = .ownResponses, mode: FakeUpstream.Mode = .normal,
               apiKey: String = "test-key", maximumCueItems: Int = 3, maximumMessageBytes: Int = 16 << 20,
               connectTimeout: Double = 5,
               _ body: @Sendable (_ relayPort: Int, _ fake: FakeUpstream, _ log: SessionLog) async throws -> Void) async throws {
    let fake = FakeUpstream(dialect: dialect, mode: mode)
    let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await fake.application { portSink.yield($0) }.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        let upstreamPort = await iterator.next()!
        var configuration = RelayConfiguration()
        configuration.port = 0
        configuration.upstreamURL = "ws://127.0.0.1:\(upstreamPort)/v1/realtime"
        configuration.apiKey = apiKey
        configuration.maximumMessageBytes = maximumMessageBytes
        configuration.connectTimeout = connectTimeout
        configuration.session.dialect = dialect
        configuration.session.policy = policy
        configuration.session.maximumCueItems = maximumCueItems
        let log = try SessionLog(path: nil)
        let server = try RelayServer(configuration: configuration, log: log)
        group.addTask { try await server.run(handleSignals: false) { portSink.yield($0) } }
        let relayPort = await iterator.next()!
        defer { group.cancelAll() }
        try await body(relayPort, fake, log)
    }
}

/// Connects a client to the relay and runs `script`; returns the close frame.
@discardableResult
func withClient(port: Int, path: String = "/v1/realtime?model=test-model",
                _ script: @escaping @Sendable (WebSocketInboundStream, WebSocketOutboundWriter) async throws -> Void)
    async throws -> WebSocketCloseFrame? {
    var logger = Logger(label: "test-client")
    logger.logLevel = .critical
    return try await WebSocketClient.connect(
        url: "ws://127.0.0.1:\(port)\(path)", configuration: .init(maxFrameSize: 1 << 24), logger: logger
    ) { inbound, outbound, _ in try await script(inbound, outbound) }
}

/// Reads parsed messages until one has `type` (included) or the stream ends (one call per stream).
func read(_ inbound: WebSocketInboundStream, until type: String, into messages: inout [[String: Any]]) async throws {
    var iterator = inbound.messages(maxSize: 1 << 24).makeAsyncIterator()
    try await read(&iterator, until: type, into: &messages)
}

/// Reads parsed messages from an iterator until one has `type` (included) or the stream ends.
func read(_ iterator: inout WebSocketInboundMessageStream.AsyncIterator, until type: String,
          into messages: inout [[String: Any]]) async throws {
    while let message = try await iterator.next() {
        guard case .text(let text) = message, let object = parse(text) else { continue }
        messages.append(object)
        if object["type"] as? String == type { return }
    }
}

/// `input_audio_buffer.append` events (20 ms PCM16 chunks, 24 kHz) for a synthetic utterance.
func appendEvents(_ segments: [SpeechSegment]) -> [String] {
    let samples = SyntheticVoice(segments: segments, sampleRate: 24_000).render().samples
    var events: [String] = []
    var offset = 0
    while offset < samples.count {
        let chunk = samples[offset..<min(samples.count, offset + 480)]
        let pcm = chunk.map { Int16(max(-32768, min(32767, ($0 * 32768).rounded()))) }
        let data = pcm.withUnsafeBufferPointer { Data(buffer: $0) }
        events.append(json(["type": "input_audio_buffer.append", "audio": data.base64EncodedString()]))
        offset += 480
    }
    return events
}

/// One user turn: 0.3 s silence, `seconds` of a vowel at `f0`, 0.8 s silence.
func turnAudio(f0: Double, seconds: Double = 1.0) -> [String] {
    appendEvents([.silence(0.3), .voiced(seconds, source: VoiceSource(contour: .constant(f0))), .silence(0.8)])
}
