import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import WSCore

/// `paracues relay`: a WebSocket server speaking the realtime API to clients (path
/// `/v1/realtime?model=…`, so SDKs pointed at `ws://HOST:PORT/v1` work), relaying each session to
/// the upstream realtime API through a ``RelaySession``. `GET /health` answers `ok`.
public struct RelayServer: Sendable {
    /// The configuration it was created with.
    public let configuration: RelayConfiguration
    private let log: SessionLog?
    private let logger: Logger

    /// Creates a server (opens the session log).
    /// - Throws: ``RelayError/configuration(_:)`` for invalid settings.
    public init(configuration: RelayConfiguration, log: SessionLog? = nil) throws {
        guard (0...65_535).contains(configuration.port) else { throw RelayError.configuration("port \(configuration.port)") }
        guard configuration.upstreamURL.hasPrefix("ws://") || configuration.upstreamURL.hasPrefix("wss://") else {
            throw RelayError.configuration("upstream URL must start with ws:// or wss:// (got \(configuration.upstreamURL))")
        }
        guard (1...100).contains(configuration.session.maximumCueItems) else {
            throw RelayError.configuration("maximum cue items must be 1–100")
        }
        guard configuration.maximumMessageBytes >= 1 << 14 else {
            throw RelayError.configuration("maximum message size must be at least 16 KiB")
        }
        self.configuration = configuration
        self.log = try log ?? configuration.logPath.map { try SessionLog(path: $0) }
        var logger = Logger(label: "paracues.relay")
        logger.logLevel = .warning
        self.logger = logger
    }

    /// Whether a request path is the realtime endpoint; returns the `model` query value.
    static func realtimeModel(path: String) -> (matches: Bool, model: String?) {
        let parts = path.split(separator: "?", maxSplits: 1)
        let route = parts.first.map(String.init) ?? ""
        guard route == "/v1/realtime" || route == "/realtime" else { return (false, nil) }
        guard parts.count == 2 else { return (true, nil) }
        for pair in parts[1].split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            if kv.count == 2 && kv[0] == "model" {
                return (true, String(kv[1]).removingPercentEncoding ?? String(kv[1]))
            }
        }
        return (true, nil)
    }

    /// Runs until the task is cancelled (or, with `handleSignals`, SIGINT/SIGTERM). `onListening`
    /// receives the bound port (useful with port 0).
    public func run(handleSignals: Bool = true, onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let router = Router()
        router.get("/health") { _, _ in "ok" }
        let connection = RelayConnection(configuration: configuration, log: log, logger: logger)
        let ws = WebSocketServerConfiguration(
            maxFrameSize: configuration.maximumMessageBytes,
            autoPing: .enabled(timePeriod: .seconds(configuration.pingInterval)),
            closeTimeout: .seconds(2))
        let app = Application(
            router: router,
            server: .http1WebSocketUpgrade(configuration: .init(ws: ws)) { request, _, _ in
                let (matches, model) = Self.realtimeModel(path: request.path ?? "")
                guard matches else { return .dontUpgrade }
                let authorization = request.headerFields[.authorization]
                return .upgrade([:]) { inbound, outbound, _ in
                    try await connection.serve(model: model, clientAuthorization: authorization,
                                               inbound: inbound, outbound: outbound)
                }
            },
            configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                 serverName: "paracues-relay"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        try await app.runService(gracefulShutdownSignals: handleSignals ? [.sigterm, .sigint] : [])
    }
}
