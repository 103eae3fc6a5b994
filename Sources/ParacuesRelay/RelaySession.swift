import Foundation
import Paracues

/// A message the relay sends: to the upstream realtime API or to the client.
public enum RelayMessage: Sendable, Equatable {
    /// Text message for the upstream socket.
    case toUpstream(String)
    /// Text message for the client socket.
    case toClient(String)
}

/// The relay's logic for one client session, without any networking: every text message from the
/// client or the upstream goes in, the messages to send come out, in order.
///
/// Everything is forwarded unchanged, except:
/// - `input_audio_buffer.append` audio is also fed to a ``SessionAnnotator``;
/// - when a user turn is committed, the turn's annotation is inserted as a system message item after
///   the user's item (see ``InjectionPolicy``), and older annotation items beyond
///   ``RelaySessionConfiguration/maximumCueItems`` are deleted;
/// - with ``InjectionPolicy/ownResponses`` the client's `turn_detection.create_response` is sent
///   upstream as `false` (and shown back to the client as it set it), and the relay sends
///   `response.create` after the annotation when the client wanted automatic replies;
/// - the upstream's acknowledgements of the relay's own events (items, deletions, session updates,
///   errors about them) are not shown to the client.
///
/// Relay-made ids start with `pq` (`pqcue_…` items, `pqevt_…` events). Thread-safe (one lock).
public final class RelaySession: @unchecked Sendable {
    /// Session id (used in logs and relay-made ids).
    public let id: String
    let configuration: RelaySessionConfiguration
    let log: SessionLog?
    let clock: @Sendable () -> Double
    let lock = NSLock()

    var annotator: SessionAnnotator?
    var annotatorUnavailable = false
    var declaredRate: Int?
    var appendCount = 0
    var deferredAudio: [String] = []
    var deferredHead = 0
    var tapOutput = SessionOutput()
    var serverVAD = true
    var clientWantsAutoResponse = true
    var relayForcesManualResponses = false
    var upstreamIgnoresCreateResponse = false
    var speechStart: Double?
    var speechEnd: Double?
    var speechEndSeenAt: Double?
    var pending: PendingTurn?
    var addedItems: [String] = []
    var cueItems: [String] = []
    var updateOwners: [(relay: Bool, eventId: String?)] = []
    var relayEventPurposes: [String: String] = [:]
    var ownResponsePending: Double?
    var clientResponseRequests = 0
    var manualInjections = 0
    var counter = 0
    var clientInstructions: String?
    var lastContextUpdate = -Double.infinity
    var bestEffortWatch: (itemId: String, sentAt: Double, ackAt: Double?)?
    var upstreamStarted = false
    var heldClientMessages: [String] = []
    var firstHeldAt: Double?

    struct PendingTurn {
        var userItem: String
        var annotation: TurnAnnotation
        var committedAt: Double
    }

    /// Creates the state of one session.
    public init(id: String = RelaySession.makeId(), configuration: RelaySessionConfiguration, log: SessionLog?,
                clock: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.id = id
        self.configuration = configuration
        self.log = log
        self.clock = clock
        (analysisSignals, analysisSignal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Appends queued before the analysis task is woken (5 × 20 ms = 100 ms of audio).
    static let appendsPerAnalysisWake = 5

    /// Most appends waiting for analysis (1000 × 20 ms = 20 s of audio) before annotation stops.
    static let maximumDeferredAppends = 1000

    /// A random 8-character session id.
    public static func makeId() -> String {
        String(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(8))
    }

    /// Most client messages held while the upstream has not yet spoken (see ``fromClient(_:)``).
    static let maximumHeldClientMessages = 2000
    /// Longest time client messages are held waiting for the upstream's first event (s).
    static let maximumHoldSeconds = 2.0

    /// Handles one text message from the client.
    ///
    /// Until the upstream's first event (`session.created`) has been handled, client messages are
    /// held and released right after it, in order: the relay's own `session.update` (holding back
    /// automatic responses) then reaches the upstream before any of the client's audio, so a turn the
    /// client speaks at once cannot be answered twice. Held messages are released anyway after
    /// ``maximumHoldSeconds`` (by ``tick()``) or beyond ``maximumHeldClientMessages``.
    public func fromClient(_ text: String) -> [RelayMessage] {
        lock.withLock {
            guard upstreamStarted else {
                if firstHeldAt == nil { firstHeldAt = clock() }
                heldClientMessages.append(text)
                if heldClientMessages.count >= Self.maximumHeldClientMessages {
                    logRelay("client_hold_released", ["reason": "too many messages before the upstream's first event"])
                    return releaseHeldClientMessages()
                }
                return []
            }
            return handleClient(text)
        }
    }

    /// Marks the upstream as started and handles the held client messages, in order.
    func releaseHeldClientMessages() -> [RelayMessage] {
        upstreamStarted = true
        let held = heldClientMessages
        heldClientMessages = []
        firstHeldAt = nil
        return held.flatMap { handleClient($0) }
    }

    /// Handles one text message from the upstream.
    public func fromUpstream(_ text: String) -> [RelayMessage] {
        lock.withLock { handleUpstream(text) }
    }

    /// Feeds the audio of the appends handled so far to the annotator, one append per lock hold.
    /// Run it from its own task on every ``analysisSignals`` element, so that forwarding never
    /// waits for the analysis; a committed turn analyses what is left first anyway.
    public func analyseDeferredAudio() {
        while lock.withLock({ analyseNextDeferredAudio() }) {}
    }

    /// One element per ``appendsPerAnalysisWake`` appends received (coalesced): audio is waiting for
    /// ``analyseDeferredAudio()``.
    public let analysisSignals: AsyncStream<Void>
    let analysisSignal: AsyncStream<Void>.Continuation

    private func analyseNextDeferredAudio() -> Bool {
        guard deferredHead < deferredAudio.count else {
            deferredAudio.removeAll(keepingCapacity: true)
            deferredHead = 0
            return false
        }
        tap(deferredAudio[deferredHead])
        deferredHead += 1
        return true
    }

    func drainDeferredAudio() {
        while analyseNextDeferredAudio() {}
    }

    /// Periodic check (call every ~100 ms): injects a committed turn whose user item was never
    /// acknowledged within 0.3 s.
    public func tick() -> [RelayMessage] {
        lock.withLock {
            if !upstreamStarted, let firstHeldAt, clock() - firstHeldAt >= Self.maximumHoldSeconds {
                logRelay("client_hold_released", ["reason": "no upstream event within \(Self.maximumHoldSeconds) s"])
                return releaseHeldClientMessages()
            }
            guard let pending, clock() - pending.committedAt >= 0.3 else { return [] }
            logRelay("item_ack_timeout", ["item_id": pending.userItem])
            return injectPending()
        }
    }

    /// An `error` event for the client, from the relay (`error.type` = `relay_error`).
    public func relayError(code: String, message: String) -> String {
        lock.withLock {
            logRelay("relay_error", ["code": code, "message": message])
            return Self.json(["type": "error", "event_id": nextEventId(),
                              "error": ["type": "relay_error", "code": code, "message": message]])
        }
    }

    /// Records the end of the session in the log.
    public func closed(reason: String) {
        lock.withLock { logRelay("session_closed", ["reason": reason, "appends": appendCount]) }
    }

    // MARK: Helpers shared with the upstream side

    func annotateTurn(start: Double?, end: Double?) -> TurnAnnotation? {
        guard let annotator else { return nil }
        return annotator.annotateTurn(start: start, end: end)
    }

    func nextEventId() -> String {
        counter += 1
        return "pqevt_\(id)_\(counter)"
    }

    func logEvent(_ kind: String, _ type: String, _ object: [String: Any], bytes: Int) {
        guard let log else { return }
        var fields: [String: Any] = ["type": type, "bytes": bytes]
        if let eventId = object["event_id"] as? String { fields["event_id"] = eventId }
        if let itemId = object["item_id"] as? String { fields["item_id"] = itemId }
        if let item = object["item"] as? [String: Any], let itemId = item["id"] as? String { fields["item_id"] = itemId }
        if let response = object["response"] as? [String: Any], let rid = response["id"] as? String { fields["response_id"] = rid }
        if let ms = object["audio_start_ms"] { fields["audio_start_ms"] = ms }
        if let ms = object["audio_end_ms"] { fields["audio_end_ms"] = ms }
        if let error = object["error"] as? [String: Any] {
            fields["error_code"] = error["code"] ?? NSNull()
            fields["error_type"] = error["type"] ?? NSNull()
        }
        log.write(session: id, kind: kind, fields)
    }

    func logRelay(_ type: String, _ fields: [String: Any]) {
        var fields = fields
        fields["type"] = type
        log?.write(session: id, kind: "relay", fields)
    }

    static func parse(_ text: String) -> [String: Any]? {
        guard let data = text.data(using: .utf8) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    static func json(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
