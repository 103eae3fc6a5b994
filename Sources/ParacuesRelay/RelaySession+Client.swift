import Foundation
import Paracues

extension RelaySession {
    func handleClient(_ text: String) -> [RelayMessage] {
        // The high-rate event first, without a full JSON parse (see FlatEventScanner).
        if let scan = FlatEventScanner(text, field: "audio"), scan.type == "input_audio_buffer.append" {
            tapAppend(audio: scan.field.map(String.init))
            return [.toUpstream(text)]
        }
        guard let object = Self.parse(text), let type = object["type"] as? String else {
            log?.write(session: id, kind: "client", ["type": "malformed", "bytes": text.utf8.count])
            return [.toUpstream(text)]
        }
        if type == "input_audio_buffer.append" {
            tapAppend(audio: object["audio"] as? String)
            return [.toUpstream(text)]
        }
        logEvent("client", type, object, bytes: text.utf8.count)
        switch type {
        case "session.update":
            return [.toUpstream(clientSessionUpdate(object) ?? text)]
        case "response.create":
            clientResponseRequests += 1
            return [.toUpstream(text)]
        case "input_audio_buffer.commit":
            // Manual commit: the user item is appended now, so an item created next lands after it.
            var out: [RelayMessage] = [.toUpstream(text)]
            drainDeferredAudio()
            let annotation = annotateTurn(start: nil, end: nil)
            switch configuration.policy {
            case .ownResponses, .bestEffort:
                manualInjections += 1
                out += inject(annotation, after: nil, committedAt: clock())
            case .slowContext:
                manualInjections += 1
                out += contextUpdate(annotation)
            }
            return out
        default:
            return [.toUpstream(text)]
        }
    }

    /// Counts an append and queues its audio for the analysis task.
    private func tapAppend(audio: String?) {
        appendCount += 1
        guard let audio, !annotatorUnavailable else { return }
        if deferredAudio.count - deferredHead >= Self.maximumDeferredAppends {
            // Analysis cannot keep up: stop annotating this session rather than buffer without
            // bound or slow the forwarding down.
            annotatorUnavailable = true
            annotator = nil
            deferredAudio.removeAll()
            deferredHead = 0
            logRelay("annotator_off", ["reason": "analysis fell more than 1000 appends behind"])
        } else {
            deferredAudio.append(audio)
            // Wake the analysis task once per few appends (fewer thread hand-offs); a commit
            // analyses whatever is left anyway.
            if (deferredAudio.count - deferredHead) % Self.appendsPerAnalysisWake == 0 { analysisSignal.yield() }
        }
    }

    /// Reads the client's `session.update`; returns the rewritten text when the relay must change it.
    private func clientSessionUpdate(_ object: [String: Any]) -> String? {
        updateOwners.append((relay: false, eventId: object["event_id"] as? String))
        if updateOwners.count > 64 { updateOwners.removeFirst() }  // unacknowledged (fuzz finding)
        guard let session = object["session"] as? [String: Any] else { return nil }
        if let instructions = session["instructions"] as? String { clientInstructions = instructions }
        if let rate = configuration.dialect.inputRate(in: session) { declaredRate = rate }
        switch configuration.dialect.turnDetection(in: session) {
        case .absent:
            return nil
        case .null:
            serverVAD = false
            return nil
        case .object(var detection):
            serverVAD = true
            clientWantsAutoResponse = (detection["create_response"] as? Bool) ?? true
            guard configuration.policy == .ownResponses else { return nil }
            relayForcesManualResponses = true
            detection["create_response"] = false
            var rewritten = object
            rewritten["session"] = configuration.dialect.setTurnDetection(detection, in: session)
            return Self.json(rewritten)
        }
    }

    /// Feeds one append's audio to the annotator (created on first use at the declared rate).
    func tap(_ audio: String) {
        if annotator == nil && !annotatorUnavailable {
            var settings = configuration.annotator
            settings.inputRate = declaredRate ?? 24_000
            if settings.inputRate == 0 {
                annotatorUnavailable = true
                logRelay("annotator_off", ["reason": "input audio format is not PCM"])
                return
            }
            do { annotator = try SessionAnnotator(configuration: settings) } catch {
                annotatorUnavailable = true
                logRelay("annotator_off", ["reason": error.description])
            }
        }
        guard let annotator else { return }
        tapOutput.removeAll()
        do { try annotator.processBase64PCM16(audio, into: &tapOutput) } catch {
            logRelay("bad_audio", ["append": appendCount])
        }
    }
}
