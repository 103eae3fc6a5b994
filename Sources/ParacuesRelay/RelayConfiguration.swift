import Foundation
import Paracues

/// When and how the relay puts a turn's annotation into the upstream conversation.
public enum InjectionPolicy: String, Sendable, CaseIterable, Codable {
    /// Default. The relay owns responses: it sets `create_response: false` on the upstream's server
    /// VAD, and when a user turn is committed it inserts the annotation as a system item right after
    /// the user's item, then sends `response.create` itself if the client wanted automatic replies.
    /// The annotation is always in context before the model answers.
    case ownResponses = "own-responses"
    /// Best effort: the session is left as the client set it; the annotation is inserted as soon as
    /// the upstream commits the turn, racing the upstream's automatic response. The log says whether
    /// it landed before `response.created`.
    case bestEffort = "best-effort"
    /// Slow context: no items; the latest annotation is appended to the session `instructions`
    /// with `session.update`, at most once per ``RelaySessionConfiguration/contextInterval``.
    case slowContext = "slow-context"
}

/// Per-session behaviour of the relay.
public struct RelaySessionConfiguration: Sendable {
    /// Upstream protocol.
    public var dialect: RealtimeDialect = .stepfun
    /// Injection policy.
    public var policy: InjectionPolicy = .ownResponses
    /// Most annotation items kept in the conversation; older ones are deleted (1…100).
    public var maximumCueItems: Int = 3
    /// Slow-context policy: shortest time between two instruction updates, seconds.
    public var contextInterval: Double = 10
    /// Annotator settings (input rate follows the session's declared audio format).
    public var annotator = SessionAnnotator.Configuration()
    /// Creates the default configuration.
    public init() { annotator.turnDetection = .external }
}

/// Everything `paracues relay` needs.
public struct RelayConfiguration: Sendable {
    /// Address to listen on (loopback by default).
    public var host: String = "127.0.0.1"
    /// Port to listen on; 0 picks a free one (see ``RelayServer/run(onListening:)``).
    public var port: Int = 8788
    /// Upstream realtime URL without the model, e.g. `wss://api.stepfun.com/v1/realtime`.
    public var upstreamURL: String = "wss://api.stepfun.com/v1/realtime"
    /// Model used when the client's URL names none.
    public var defaultModel: String = "stepaudio-2.5-realtime"
    /// Upstream API key; nil: the client's own `Authorization` header is passed through. Never logged.
    public var apiKey: String?
    /// Extra CA certificates (PEM file) trusted for the upstream, besides the system store.
    public var caFile: String?
    /// Largest WebSocket message accepted or sent on either side, bytes (default 16 MiB).
    public var maximumMessageBytes: Int = 16 << 20
    /// Most messages waiting to be written to one socket before the session is ended as too slow.
    public var maximumQueuedMessages: Int = 4096
    /// Keep-alive ping period on both sockets, seconds.
    public var pingInterval: Double = 20
    /// Time allowed to open the upstream connection, seconds.
    public var connectTimeout: Double = 10
    /// JSON Lines session log path (event types, ids, timings; no audio, no keys); nil for none.
    public var logPath: String?
    /// Per-session behaviour.
    public var session = RelaySessionConfiguration()
    /// Creates the default configuration.
    public init() {}

    /// The upstream URL for a model: adds `model=` unless the URL already has one.
    public func upstreamURL(model: String?) -> String {
        let model = model ?? defaultModel
        if upstreamURL.contains("model=") { return upstreamURL }
        let separator = upstreamURL.contains("?") ? "&" : "?"
        let encoded = model.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? model
        return upstreamURL + separator + "model=" + encoded
    }
}
