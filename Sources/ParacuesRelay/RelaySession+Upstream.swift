import Foundation
import Paracues

extension RelaySession {
    static let itemPrefix = "pqcue_"
    static let eventPrefix = "pqevt_"

    func handleUpstream(_ text: String) -> [RelayMessage] {
        guard upstreamStarted else { return handleUpstreamEvent(text) + releaseHeldClientMessages() }
        return handleUpstreamEvent(text)
    }

    private func handleUpstreamEvent(_ text: String) -> [RelayMessage] {
        // High-rate audio deltas are forwarded without a full JSON parse (see FlatEventScanner).
        if let scan = FlatEventScanner(text, field: "delta"),
           scan.type == "response.audio.delta" || scan.type == "response.output_audio.delta" {
            return [.toClient(text)]
        }
        guard let object = Self.parse(text), let type = object["type"] as? String else {
            log?.write(session: id, kind: "upstream", ["type": "malformed", "bytes": text.utf8.count])
            return [.toClient(text)]
        }
        let dialect = configuration.dialect
        if dialect.itemAcknowledgements.contains(type), let item = object["item"] as? [String: Any],
           let itemId = item["id"] as? String {
            if itemId.hasPrefix(Self.itemPrefix) {
                acknowledge(ownItem: itemId, type: type)
                return []
            }
            logEvent("upstream", type, object, bytes: text.utf8.count)
            guard dialect.isItemAdded(type) else { return [.toClient(text)] }
            addedItems.append(itemId)
            if addedItems.count > 64 { addedItems.removeFirst(addedItems.count - 64) }
            if pending?.userItem == itemId { return [.toClient(text)] + injectPending() }
            return [.toClient(text)]
        }
        if type == "response.audio.delta" || type == "response.output_audio.delta" {
            return [.toClient(text)]  // high-rate: forwarded without a log line
        }
        logEvent("upstream", type, object, bytes: text.utf8.count)
        switch type {
        case "session.created":
            return [.toClient(text)] + sessionCreated(object)
        case "session.updated":
            let owner = updateOwners.isEmpty ? (relay: false, eventId: nil) : updateOwners.removeFirst()
            if owner.relay { return [] }
            return [.toClient(restoreCreateResponse(object) ?? text)]
        case "input_audio_buffer.speech_started":
            speechStart = (object["audio_start_ms"] as? NSNumber).map { $0.doubleValue / 1000 }
            return [.toClient(text)]
        case "input_audio_buffer.speech_stopped":
            speechEnd = (object["audio_end_ms"] as? NSNumber).map { $0.doubleValue / 1000 }
            speechEndSeenAt = clock()
            return [.toClient(text)]
        case "input_audio_buffer.committed":
            return [.toClient(text)] + committed(object)
        case "conversation.item.deleted":
            if let itemId = object["item_id"] as? String, itemId.hasPrefix(Self.itemPrefix) { return [] }
            return [.toClient(text)]
        case "response.created":
            responseCreated()
            return [.toClient(text)]
        case "error":
            return upstreamError(object, text)
        default:
            return [.toClient(text)]
        }
    }

    /// A turn was committed upstream (server VAD, or the client's own commit coming back).
    private func committed(_ object: [String: Any]) -> [RelayMessage] {
        if manualInjections > 0 {
            manualInjections -= 1
            return []
        }
        drainDeferredAudio()
        let annotation = annotateTurn(start: speechStart, end: speechEnd)
        speechStart = nil
        speechEnd = nil
        let userItem = object["item_id"] as? String
        let now = clock()
        switch configuration.policy {
        case .ownResponses:
            guard let annotation, let userItem else {
                return annotation == nil ? ownResponseIfWanted() : inject(annotation, after: nil, committedAt: now)
            }
            pending = PendingTurn(userItem: userItem, annotation: annotation, committedAt: now)
            return addedItems.contains(userItem) ? injectPending() : []
        case .bestEffort:
            return inject(annotation, after: userItem, committedAt: now)
        case .slowContext:
            return contextUpdate(annotation)
        }
    }

    /// Injects the pending turn (its user item is acknowledged, or the wait timed out).
    func injectPending() -> [RelayMessage] {
        guard let turn = pending else { return [] }
        pending = nil
        return inject(turn.annotation, after: turn.userItem, committedAt: turn.committedAt)
    }

    /// Inserts `annotation` as a system item after `userItem` (at the end when nil), prunes old
    /// annotation items, and (own-responses policy, automatic replies wanted) asks for the response.
    func inject(_ annotation: TurnAnnotation?, after userItem: String?, committedAt: Double) -> [RelayMessage] {
        var out: [RelayMessage] = []
        if let annotation {
            counter += 1
            let itemId = "\(Self.itemPrefix)\(id)_\(counter)"
            var event: [String: Any] = [
                "type": "conversation.item.create", "event_id": nextEventId(),
                "item": ["id": itemId, "type": "message", "role": "system",
                         "content": [["type": "input_text", "text": annotation.text]]],
            ]
            if let userItem { event["previous_item_id"] = userItem }
            out.append(.toUpstream(Self.json(event)))
            cueItems.append(itemId)
            let now = clock()
            var fields: [String: Any] = [
                "turn": annotation.turn, "item_id": itemId, "after_item": userItem ?? NSNull(),
                "turn_start": annotation.start, "turn_end": annotation.end, "complete": annotation.complete,
                "delay_ms": ((now - committedAt) * 1000).rounded(), "policy": configuration.policy.rawValue,
            ]
            if let speechEndSeenAt { fields["since_speech_stopped_ms"] = ((now - speechEndSeenAt) * 1000).rounded() }
            if let pitch = annotation.features.pitchMedianHz { fields["pitch_hz"] = (pitch * 10).rounded() / 10 }
            if let rate = annotation.features.articulationRate { fields["articulation_rate"] = (rate * 100).rounded() / 100 }
            if let cues = annotation.cues {
                fields["cues_uncertain"] = cues.uncertain
                fields["frustration"] = (cues.frustration.value * 100).rounded() / 100
                fields["emotion"] = cues.emotion.label
            }
            logRelay("inject", fields)
            if configuration.policy == .bestEffort { bestEffortWatch = (itemId, now, nil) }
            while cueItems.count > configuration.maximumCueItems {
                let oldest = cueItems.removeFirst()
                out.append(.toUpstream(Self.json(["type": "conversation.item.delete", "event_id": nextEventId(),
                                                  "item_id": oldest])))
                logRelay("delete", ["item_id": oldest])
            }
        }
        if configuration.policy == .ownResponses && userItem != nil { out += ownResponseIfWanted() }
        return out
    }

    /// `response.create` from the relay when it holds back the upstream's automatic reply.
    private func ownResponseIfWanted() -> [RelayMessage] {
        guard configuration.policy == .ownResponses, serverVAD, clientWantsAutoResponse,
              relayForcesManualResponses, !upstreamIgnoresCreateResponse else { return [] }
        let eventId = nextEventId()
        if relayEventPurposes.count > 256 { relayEventPurposes.removeAll() }
        relayEventPurposes[eventId] = "response.create"
        ownResponsePending = clock()
        logRelay("response_create", ["event_id": eventId])
        return [.toUpstream(Self.json(["type": "response.create", "event_id": eventId]))]
    }

    /// Slow-context policy: the latest annotation into the session instructions, debounced.
    func contextUpdate(_ annotation: TurnAnnotation?) -> [RelayMessage] {
        guard let annotation else { return [] }
        let now = clock()
        guard now - lastContextUpdate >= configuration.contextInterval else {
            logRelay("context_skipped", ["turn": annotation.turn])
            return []
        }
        lastContextUpdate = now
        var session = configuration.dialect.emptySession
        let base = clientInstructions.map { $0 + "\n\n" } ?? ""
        session["instructions"] = base + annotation.text
        let eventId = nextEventId()
        if relayEventPurposes.count > 256 { relayEventPurposes.removeAll() }  // bounded (fuzz finding)
        relayEventPurposes[eventId] = "session.update"
        updateOwners.append((relay: true, eventId: eventId))
        if updateOwners.count > 64 { updateOwners.removeFirst() }  // unacknowledged (fuzz finding)
        logRelay("context_update", ["turn": annotation.turn, "event_id": eventId])
        return [.toUpstream(Self.json(["type": "session.update", "event_id": eventId, "session": session]))]
    }

    private func acknowledge(ownItem itemId: String, type: String) {
        if let watch = bestEffortWatch, watch.itemId == itemId, watch.ackAt == nil {
            bestEffortWatch?.ackAt = clock()
        }
        logRelay("ack", ["item_id": itemId, "ack_type": type])
    }

    private func sessionCreated(_ object: [String: Any]) -> [RelayMessage] {
        guard let session = object["session"] as? [String: Any] else { return [] }
        if clientInstructions == nil { clientInstructions = session["instructions"] as? String }
        if declaredRate == nil, let rate = configuration.dialect.inputRate(in: session) { declaredRate = rate }
        guard case .object(var detection) = configuration.dialect.turnDetection(in: session) else {
            if case .null = configuration.dialect.turnDetection(in: session) { serverVAD = false }
            return []
        }
        guard configuration.policy == .ownResponses, !relayForcesManualResponses,
              (detection["create_response"] as? Bool) ?? true else { return [] }
        clientWantsAutoResponse = true
        relayForcesManualResponses = true
        detection["create_response"] = false
        let update = configuration.dialect.setTurnDetection(detection, in: configuration.dialect.emptySession)
        let eventId = nextEventId()
        relayEventPurposes[eventId] = "session.update"
        updateOwners.append((relay: true, eventId: eventId))
        logRelay("hold_responses", ["event_id": eventId])
        return [.toUpstream(Self.json(["type": "session.update", "event_id": eventId, "session": update]))]
    }

    /// Shows the client the `create_response` it asked for, not the relay's `false`.
    private func restoreCreateResponse(_ object: [String: Any]) -> String? {
        guard relayForcesManualResponses, let session = object["session"] as? [String: Any],
              case .object(var detection) = configuration.dialect.turnDetection(in: session) else { return nil }
        detection["create_response"] = clientWantsAutoResponse
        var rewritten = object
        rewritten["session"] = configuration.dialect.setTurnDetection(detection, in: session)
        return Self.json(rewritten)
    }

    private func responseCreated() {
        if let requested = ownResponsePending {
            ownResponsePending = nil
            logRelay("own_response_started", ["latency_ms": ((clock() - requested) * 1000).rounded()])
        } else if clientResponseRequests > 0 {
            clientResponseRequests -= 1
        } else if configuration.policy == .ownResponses && relayForcesManualResponses && !upstreamIgnoresCreateResponse {
            upstreamIgnoresCreateResponse = true
            logRelay("upstream_ignores_create_response", ["note": "falling back to best effort for this session"])
        }
        if let watch = bestEffortWatch {
            bestEffortWatch = nil
            logRelay("best_effort_result", ["item_id": watch.itemId, "landed_before_response": watch.ackAt != nil])
        }
    }

    private func upstreamError(_ object: [String: Any], _ text: String) -> [RelayMessage] {
        let error = object["error"] as? [String: Any]
        let eventId = (error?["event_id"] as? String) ?? (object["event_id"] as? String)
        if let first = updateOwners.first, first.eventId != nil, first.eventId == eventId { updateOwners.removeFirst() }
        guard let eventId, eventId.hasPrefix(Self.eventPrefix) else { return [.toClient(text)] }
        let purpose = relayEventPurposes.removeValue(forKey: eventId)
        logRelay("own_event_error", ["event_id": eventId, "purpose": purpose ?? "item"])
        if purpose == "response.create" {
            ownResponsePending = nil
            return [.toClient(text)]  // the client would have had this error for its own reply
        }
        return []
    }
}
