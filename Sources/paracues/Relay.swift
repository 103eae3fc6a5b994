import ArgumentParser
import Foundation
import Paracues
import ParacuesRelay

extension RealtimeDialect: ExpressibleByArgument {}
extension InjectionPolicy: ExpressibleByArgument {}

/// `paracues relay`: a realtime-API WebSocket relay that adds paracues annotations of the user's
/// turns to the conversation (docs/relay.md).
struct RelayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relay",
        abstract: "Relay a realtime speech API (StepFun, OpenAI) and inject voice-cue annotations of each user turn.",
        discussion: """
            Point a realtime SDK at ws://HOST:PORT/v1 (path /v1/realtime?model=…). Every event is forwarded \
            unchanged both ways, except that each committed user turn gets a system item with its paracues \
            annotation right after the user's item (see --policy). The API key comes from --api-key, else \
            STEPFUN_API_KEY (stepfun) or OPENAI_API_KEY (openai, openai-beta), else the client's own \
            Authorization header is passed through. Keys are never logged. Stop with Ctrl-C.
            """)

    @Option(help: "Address to listen on, HOST:PORT (loopback by default; port 0 picks a free one).")
    var listen = "127.0.0.1:8788"

    @Option(help: "Upstream protocol: stepfun, openai-beta or openai (GA).")
    var dialect: RealtimeDialect = .stepfun

    @Option(help: "Upstream realtime URL (default: StepFun's or OpenAI's by dialect).")
    var upstream: String?

    @Option(help: "Model when the client's URL names none (default: stepaudio-2.5-realtime for stepfun, gpt-realtime for openai).")
    var model: String?

    @Option(help: "Upstream API key (prefer the environment variable: command lines are visible to other users).")
    var apiKey: String?

    @Option(help: "Injection policy: own-responses (default), best-effort or slow-context.")
    var policy: InjectionPolicy = .ownResponses

    @Option(help: "Most annotation items kept in the conversation (older ones are deleted).")
    var maxCueItems = 3

    @Option(help: "slow-context: shortest time between instruction updates, seconds.")
    var contextInterval = 10.0

    @Option(help: "Guidance line appended to each annotation (empty for none).")
    var guidance: String?

    @Option(help: "Cue model file for the annotations (JSON, from `paracues train`); default: the built-in model.")
    var cueModel: String?

    @Flag(help: "Leave the cue classifier out of the annotations (measurements only).")
    var noCues = false

    @Option(help: "JSON Lines session log (event types, ids, timings; no audio, no keys).")
    var log: String?

    @Option(help: "PEM file of extra CA certificates trusted for the upstream (the system store is always used).")
    var caFile: String?

    @Option(help: "Largest WebSocket message, bytes.")
    var maxMessageBytes = 16 << 20

    @Option(help: "Time allowed to connect to the upstream, seconds.")
    var connectTimeout = 10.0

    func makeConfiguration(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RelayConfiguration {
        var configuration = RelayConfiguration()
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]) else {
            throw ValidationError("--listen must be HOST:PORT")
        }
        configuration.host = String(listen[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        configuration.port = port
        let openAI = dialect != .stepfun
        configuration.upstreamURL = upstream ?? (openAI ? "wss://api.openai.com/v1/realtime" : "wss://api.stepfun.com/v1/realtime")
        configuration.defaultModel = model ?? (openAI ? "gpt-realtime" : "stepaudio-2.5-realtime")
        let variable = openAI ? "OPENAI_API_KEY" : "STEPFUN_API_KEY"
        configuration.apiKey = apiKey ?? environment[variable].flatMap { $0.isEmpty ? nil : $0 }
        configuration.caFile = caFile
        configuration.logPath = log
        configuration.maximumMessageBytes = maxMessageBytes
        configuration.connectTimeout = connectTimeout
        configuration.session.dialect = dialect
        configuration.session.policy = policy
        configuration.session.maximumCueItems = maxCueItems
        configuration.session.contextInterval = contextInterval
        if let guidance { configuration.session.annotator.guidance = guidance.isEmpty ? nil : guidance }
        if noCues {
            configuration.session.annotator.cueModel = nil
        } else if let cueModel {
            do { configuration.session.annotator.cueModel = try CueModel.load(path: cueModel) } catch {
                throw ValidationError(error.description)
            }
        }
        return configuration
    }

    func run() throws {
        let configuration = try makeConfiguration()
        let server: RelayServer
        do { server = try RelayServer(configuration: configuration) } catch {
            throw ValidationError(String(describing: error))
        }
        let keySource = configuration.apiKey == nil ? "client's Authorization header" : "configured key"
        let failure = FailureBox()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await server.run { port in
                    Diagnostics.write(
                        "paracues relay: listening on ws://\(configuration.host):\(port)/v1 → \(configuration.upstreamURL) (\(configuration.session.dialect.rawValue), \(configuration.session.policy.rawValue), \(keySource))\n")
                }
            } catch { failure.message = String(describing: error) }
            done.signal()
        }
        done.wait()
        if let message = failure.message {
            Diagnostics.write("paracues relay: \(message)\n")
            throw ExitCode(1)
        }
    }
}

/// Carries a failure message out of the server task.
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: String?
    var message: String? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
