import Foundation
import HTTPTypes
import Logging
import NIOCore
import NIOSSL
import WSClient
import WSCore

/// How a relayed session ended.
enum SessionEnding: Sendable {
    case clientClosed
    case upstreamClosed
    case connected
    case timerDone
}

/// Errors that end one relayed session.
enum RelayFailure: Error {
    case queueOverflow
    case connectTimeout
}

/// Runs one relayed session: connects upstream, then pumps both sockets through a ``RelaySession``
/// with one writer task per socket (bounded queues), a 100 ms tick, and clear `error` events to the
/// client when the upstream refuses, times out or drops.
struct RelayConnection: Sendable {
    let configuration: RelayConfiguration
    let log: SessionLog?
    let logger: Logger

    /// Serves one client socket until either side ends.
    func serve(model: String?, clientAuthorization: String?, inbound: WebSocketInboundStream,
               outbound: WebSocketOutboundWriter) async throws {
        let session = RelaySession(configuration: configuration.session, log: log)
        let clientQueue = OutboundQueue(limit: configuration.maximumQueuedMessages)
        let upstreamQueue = OutboundQueue(limit: configuration.maximumQueuedMessages)
        let routeLock = NSLock()
        let route: @Sendable ([RelayMessage]) throws -> Void = { messages in
            for message in messages {
                let ok: Bool
                switch message {
                case .toUpstream(let text): ok = upstreamQueue.push(.text(text))
                case .toClient(let text): ok = clientQueue.push(.text(text))
                }
                if !ok { throw RelayFailure.queueOverflow }
            }
        }
        let url = configuration.upstreamURL(model: model)
        log?.write(session: session.id, kind: "relay", ["type": "session_open", "model": model ?? configuration.defaultModel,
                                                         "dialect": configuration.session.dialect.rawValue,
                                                         "policy": configuration.session.policy.rawValue])
        async let clientWriter: Void = clientQueue.drain { item in
            switch item {
            case .text(let text): try await outbound.write(.text(text))
            case .binary(let buffer): try await outbound.write(.binary(buffer))
            }
        }
        var ending = "client_closed"
        let connected = ConnectedFlag()
        let started = ProcessInfo.processInfo.systemUptime
        do {
            try await withThrowingTaskGroup(of: SessionEnding.self) { group in
                group.addTask {
                    try await Task.sleep(for: .seconds(configuration.connectTimeout))
                    if connected.isSet { return .timerDone }
                    // Tell the client now: the connect attempt may take longer to unwind.
                    clientQueue.push(.text(session.relayError(
                        code: "upstream_timeout", message: "no upstream connection within \(configuration.connectTimeout) s")))
                    throw RelayFailure.connectTimeout
                }
                group.addTask {
                    let result = EndingBox()
                    try await WebSocketClient.connect(
                        url: url, configuration: clientConfiguration(clientAuthorization: clientAuthorization),
                        tlsConfiguration: try tlsConfiguration(), logger: logger
                    ) { upstreamInbound, upstreamOutbound, _ in
                        connected.set()
                        log?.write(session: session.id, kind: "relay", [
                            "type": "upstream_connected",
                            "connect_ms": ((ProcessInfo.processInfo.systemUptime - started) * 1000).rounded()])
                        result.value = try await pump(session: session, route: route, routeLock: routeLock,
                                                clientInbound: inbound, upstreamInbound: upstreamInbound,
                                                upstreamOutbound: upstreamOutbound, upstreamQueue: upstreamQueue)
                    }
                    return result.value == .clientClosed ? .clientClosed : .upstreamClosed
                }
                while let next = try await group.next() {
                    if next == .timerDone { continue }
                    ending = next == .clientClosed ? "client_closed" : "upstream_closed"
                    group.cancelAll()
                    break
                }
            }
            if ending == "upstream_closed" {
                clientQueue.push(.text(session.relayError(code: "upstream_closed",
                                                          message: "the upstream realtime API closed the connection")))
            }
        } catch let error as WebSocketClientError where error == .webSocketUpgradeFailed {
            ending = "upstream_refused"
            clientQueue.push(.text(session.relayError(
                code: "upstream_refused",
                message: "the upstream refused the WebSocket connection (HTTP status other than 101: invalid API key (401/403), wrong URL or model)")))
        } catch let error as ClientSideError {
            // The client broke the protocol (e.g. a message over the size limit): let the server
            // close the client socket with the matching close code.
            session.closed(reason: "client_protocol_error")
            clientQueue.finish()
            _ = try? await clientWriter
            throw error.underlying
        } catch RelayFailure.connectTimeout {
            ending = "upstream_timeout"
        } catch RelayFailure.queueOverflow {
            ending = "queue_overflow"
            clientQueue.push(.text(session.relayError(code: "relay_overloaded", message: "a peer reads too slowly; session ended")))
        } catch {
            if connected.isSet {
                ending = "upstream_error"
                clientQueue.push(.text(session.relayError(code: "upstream_error", message: "upstream connection failed: \(error)")))
            } else {
                ending = "upstream_unreachable"
                clientQueue.push(.text(session.relayError(code: "upstream_unreachable", message: "cannot connect to the upstream: \(error)")))
            }
        }
        session.closed(reason: ending)
        clientQueue.finish()
        _ = try? await clientWriter
    }

    /// Forwards both directions until one side ends; returns which.
    private func pump(session: RelaySession, route: @escaping @Sendable ([RelayMessage]) throws -> Void, routeLock: NSLock,
                      clientInbound: WebSocketInboundStream, upstreamInbound: WebSocketInboundStream,
                      upstreamOutbound: WebSocketOutboundWriter, upstreamQueue: OutboundQueue) async throws -> SessionEnding {
        let maximum = configuration.maximumMessageBytes
        return try await withThrowingTaskGroup(of: SessionEnding?.self) { group in
            group.addTask {
                try await upstreamQueue.drain { item in
                    switch item {
                    case .text(let text): try await upstreamOutbound.write(.text(text))
                    case .binary(let buffer): try await upstreamOutbound.write(.binary(buffer))
                    }
                }
                return nil
            }
            group.addTask {
                for try await message in upstreamInbound.messages(maxSize: maximum) {
                    switch message {
                    case .text(let text): try routeLock.withLock { try route(session.fromUpstream(text)) }
                    case .binary: continue  // realtime APIs send text only
                    }
                }
                return .upstreamClosed
            }
            group.addTask {
                var messages = clientInbound.messages(maxSize: maximum).makeAsyncIterator()
                while true {
                    let next: WebSocketMessage?
                    do { next = try await messages.next() } catch { throw ClientSideError(underlying: error) }
                    guard let message = next else { return .clientClosed }
                    switch message {
                    case .text(let text):
                        try routeLock.withLock { try route(session.fromClient(text)) }
                    case .binary(let buffer):
                        if !upstreamQueue.push(.binary(buffer)) { throw RelayFailure.queueOverflow }
                    }
                }
            }
            group.addTask {
                // Analysis off the forwarding path.
                for await _ in session.analysisSignals { session.analyseDeferredAudio() }
                return nil
            }
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: .milliseconds(100))
                    try routeLock.withLock { try route(session.tick()) }
                }
                return nil
            }
            var ending = SessionEnding.clientClosed
            while let next = try await group.next() {
                if let next { ending = next; break }
            }
            upstreamQueue.finish()
            group.cancelAll()
            return ending
        }
    }

    private func clientConfiguration(clientAuthorization: String?) -> WebSocketClientConfiguration {
        var headers = HTTPFields()
        if let key = configuration.apiKey {
            headers[.authorization] = "Bearer \(key)"
        } else if let clientAuthorization {
            headers[.authorization] = clientAuthorization
        }
        for (name, value) in configuration.session.dialect.extraHeaders {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        return WebSocketClientConfiguration(
            maxFrameSize: configuration.maximumMessageBytes, additionalHeaders: headers,
            closeTimeout: .seconds(2), autoPing: .enabled(timePeriod: .seconds(configuration.pingInterval)))
    }

    private func tlsConfiguration() throws -> TLSConfiguration? {
        guard configuration.upstreamURL.hasPrefix("wss:") || configuration.upstreamURL.hasPrefix("https:") else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caFile = configuration.caFile { tls.additionalTrustRoots = [.file(caFile)] }
        return tls
    }
}

/// An error reading the client socket (as opposed to the upstream).
struct ClientSideError: Error { let underlying: any Error }

/// How the pump ended, set from inside the upstream handler. Thread-safe.
final class EndingBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = SessionEnding.clientClosed
    var value: SessionEnding {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

/// Set once the upstream is connected. Thread-safe.
final class ConnectedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
