// The invariants RelayFuzz checks on everything a RelaySession sends (see docs/robustness.md).
import Foundation
@testable import ParacuesRelay

/// What the session was given, for one call.
enum Input {
    case client(String)
    case upstream(String)
    case tick
}

func fail(_ message: String, _ context: @autoclosure () -> String = "") -> Never {
    fatalError("relay invariant: \(message)\n\(context())")
}

func parseObject(_ text: String) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
}

/// Tracks the conversation the relay is taking part in and checks each call's messages.
struct ForwardingOracle {
    let sessionId: String
    let dialect: RealtimeDialect
    let maximumCueItems: Int
    var ids = IdPool()
    /// Client messages not yet seen going upstream (held, or not handled yet), oldest first.
    var pendingClient: [String] = []
    var upstreamSeen = false
    var liveCueItems: [String] = []
    var relayEventIds: Set<String> = []
    var relayResponseCreates: Set<String> = []
    var relayPurposeEvents = 0
    var relayUpdates = 0
    var droppedUpdated = 0

    init(sessionId: String, configuration: RelaySessionConfiguration) {
        self.sessionId = sessionId
        dialect = configuration.dialect
        maximumCueItems = configuration.maximumCueItems
    }

    var itemPrefix: String { "pqcue_\(sessionId)_" }
    var eventPrefix: String { "pqevt_\(sessionId)_" }

    mutating func check(_ input: Input, _ out: [RelayMessage], session: RelaySession) {
        let context = { "input: \(input)\noutput: \(out)" }
        if case .client(let text) = input { pendingClient.append(text) }
        for (index, message) in out.enumerated() {
            switch message {
            case .toClient(let text):
                guard case .upstream(let received) = input else { fail("a message to the client from a client call or tick", context()) }
                guard index == 0 else { fail("a second or late message to the client", context()) }
                checkForwardedToClient(text, received: received, context: context)
            case .toUpstream(let text):
                if let first = pendingClient.first, isForward(text, of: first) {
                    pendingClient.removeFirst()
                } else {
                    checkRelayMade(text, context: context)
                }
            }
        }
        if case .upstream(let received) = input {
            if case .toClient? = out.first {} else { checkDropped(received, context: context) }
            upstreamSeen = true
        }
        if upstreamSeen && !pendingClient.isEmpty { fail("client messages still held after the upstream spoke", context()) }
        if pendingClient.count >= RelaySession.maximumHeldClientMessages { fail("more held client messages than the bound", context()) }
        if liveCueItems.count > maximumCueItems { fail("\(liveCueItems.count) annotation items alive", context()) }
        checkBoundedState(session, context: context)
    }

    /// A client message goes upstream unchanged; a `session.update` may differ only in `create_response`.
    func isForward(_ text: String, of sent: String) -> Bool {
        if text == sent { return true }
        guard let a = parseObject(text), let b = parseObject(sent), a["type"] as? String == "session.update",
              b["type"] as? String == "session.update" else { return false }
        return sameIgnoringCreateResponse(a, b)
    }

    func sameIgnoringCreateResponse(_ a: [String: Any], _ b: [String: Any]) -> Bool {
        NSDictionary(dictionary: withoutCreateResponse(a)).isEqual(to: withoutCreateResponse(b))
    }

    func withoutCreateResponse(_ object: [String: Any]) -> [String: Any] {
        guard let session = object["session"] as? [String: Any],
              case .object(var detection) = dialect.turnDetection(in: session) else { return object }
        detection["create_response"] = nil
        var copy = object
        copy["session"] = dialect.setTurnDetection(detection, in: session)
        return copy
    }

    /// What the relay shows the client is the upstream's message, never one about the relay's own
    /// items or events (except an error for its own `response.create`).
    mutating func checkForwardedToClient(_ text: String, received: String, context: () -> String) {
        guard let object = parseObject(received), let type = object["type"] as? String else {
            if text != received { fail("malformed upstream text changed on its way to the client", context()) }
            return
        }
        if text != received {
            guard type == "session.updated", let shown = parseObject(text), sameIgnoringCreateResponse(shown, object) else {
                fail("upstream event changed on its way to the client", context())
            }
        }
        if dialect.itemAcknowledgements.contains(type), let id = (object["item"] as? [String: Any])?["id"] as? String,
           id.hasPrefix("pqcue_") {
            fail("acknowledgement of a relay item shown to the client", context())
        }
        if type == "conversation.item.deleted", let id = object["item_id"] as? String, id.hasPrefix("pqcue_") {
            fail("deletion of a relay item shown to the client", context())
        }
        if type == "error", let id = errorEventId(object), id.hasPrefix("pqevt_") {
            guard relayResponseCreates.remove(id) != nil else { fail("error about a relay event shown to the client", context()) }
        }
    }

    func errorEventId(_ object: [String: Any]) -> String? {
        ((object["error"] as? [String: Any])?["event_id"] as? String) ?? (object["event_id"] as? String)
    }

    /// An upstream message not shown to the client must be about the relay's own items or events.
    mutating func checkDropped(_ received: String, context: () -> String) {
        guard let object = parseObject(received), let type = object["type"] as? String else {
            fail("malformed upstream text not forwarded to the client", context())
        }
        if type == "session.updated" {
            droppedUpdated += 1
            if droppedUpdated > relayUpdates { fail("more session.updated hidden than the relay's own updates", context()) }
            return
        }
        if dialect.itemAcknowledgements.contains(type), let id = (object["item"] as? [String: Any])?["id"] as? String,
           id.hasPrefix("pqcue_") { return }
        if type == "conversation.item.deleted", let id = object["item_id"] as? String, id.hasPrefix("pqcue_") { return }
        if type == "error", let id = errorEventId(object), id.hasPrefix("pqevt_") {
            if relayResponseCreates.contains(id) && relayPurposeEvents <= 256 {
                fail("error for the relay's own response.create hidden from the client", context())
            }
            return
        }
        fail("upstream event \(type) dropped", context())
    }

    /// A message the relay made: a known type, a fresh `pqevt_` event id; items it deletes are its own.
    mutating func checkRelayMade(_ text: String, context: () -> String) {
        guard let object = parseObject(text), let type = object["type"] as? String, let eventId = object["event_id"] as? String,
              eventId.hasPrefix(eventPrefix) else {
            fail("upstream message that is neither the next client message nor relay-made", context())
        }
        guard relayEventIds.insert(eventId).inserted else { fail("relay event id \(eventId) used twice", context()) }
        if ids.relayEvents.count < 16 { ids.relayEvents.append(eventId) }
        switch type {
        case "conversation.item.create":
            guard let item = object["item"] as? [String: Any], let id = item["id"] as? String, id.hasPrefix(itemPrefix),
                  item["role"] as? String == "system" else { fail("relay item without a relay id", context()) }
            liveCueItems.append(id)
            if ids.relayItems.count < 16 { ids.relayItems.append(id) }
        case "conversation.item.delete":
            guard let id = object["item_id"] as? String, let at = liveCueItems.firstIndex(of: id) else {
                fail("relay deletes an item that is not one of its live annotation items", context())
            }
            liveCueItems.remove(at: at)
        case "session.update":
            relayUpdates += 1
            relayPurposeEvents += 1
        case "response.create":
            relayResponseCreates.insert(eventId)
            relayPurposeEvents += 1
        default:
            fail("relay-made event of type \(type)", context())
        }
    }

    /// The session's queues stay bounded whatever the peers send.
    func checkBoundedState(_ session: RelaySession, context: () -> String) {
        if session.deferredAudio.count - session.deferredHead > RelaySession.maximumDeferredAppends {
            fail("deferred audio beyond its bound", context())
        }
        if session.addedItems.count > 64 { fail("addedItems unbounded", context()) }
        if session.cueItems.count > maximumCueItems { fail("cueItems beyond maximumCueItems", context()) }
        if session.relayEventPurposes.count > 257 { fail("relayEventPurposes grows without bound (\(session.relayEventPurposes.count))", context()) }
        if session.updateOwners.count > 64 { fail("updateOwners grows without bound (\(session.updateOwners.count))", context()) }
    }
}
