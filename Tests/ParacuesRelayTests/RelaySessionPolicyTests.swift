import Foundation
@testable import ParacuesRelay
import Testing

/// A settable clock for ``RelaySession``.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds = 100.0
    var now: Double { lock.withLock { seconds } }
    func advance(_ s: Double) { lock.withLock { seconds += s } }
}

/// Drives a ``RelaySession`` directly (no sockets) and decodes what it sends.
struct SessionDriver {
    let session: RelaySession
    let clock = ManualClock()
    let log: SessionLog

    init(policy: InjectionPolicy, dialect: RealtimeDialect = .stepfun, contextInterval: Double = 10) throws {
        var configuration = RelaySessionConfiguration()
        configuration.policy = policy
        configuration.dialect = dialect
        configuration.contextInterval = contextInterval
        log = try SessionLog(path: nil)
        let clock = self.clock
        session = RelaySession(id: "test0001", configuration: configuration, log: log, clock: { clock.now })
        // The upstream's first event (no turn detection: the relay changes nothing).
        _ = session.fromUpstream(json(["type": "session.created", "session": [String: Any]()]))
    }

    func client(_ object: [String: Any]) -> [(upstream: Bool, event: [String: Any])] { decode(session.fromClient(json(object))) }
    func upstream(_ object: [String: Any]) -> [(upstream: Bool, event: [String: Any])] { decode(session.fromUpstream(json(object))) }

    /// Sends a turn's appends (analysed as the relay would).
    func speak(f0: Double) {
        for event in turnAudio(f0: f0) {
            _ = session.fromClient(event)
            session.analyseDeferredAudio()
        }
    }

    func decode(_ messages: [RelayMessage]) -> [(upstream: Bool, event: [String: Any])] {
        messages.map {
            switch $0 {
            case .toUpstream(let text): return (true, parse(text) ?? [:])
            case .toClient(let text): return (false, parse(text) ?? [:])
            }
        }
    }
}

func types(_ out: [(upstream: Bool, event: [String: Any])]) -> [String] {
    out.map { ($0.upstream ? "↑" : "↓") + (($0.event["type"] as? String) ?? "?") }
}

@Suite struct RelaySessionPolicyTests {
    @Test func manualCommitInjectsBeforeTheClientsResponseCreate() throws {
        let d = try SessionDriver(policy: .ownResponses)
        #expect(types(d.client(["type": "session.update", "session": ["turn_detection": NSNull()]])) == ["↑session.update"])
        d.speak(f0: 160)
        let commit = d.client(["type": "input_audio_buffer.commit"])
        #expect(types(commit) == ["↑input_audio_buffer.commit", "↑conversation.item.create"])
        #expect(commit[1].event["previous_item_id"] == nil)  // appended right after the committed item
        #expect(types(d.client(["type": "response.create"])) == ["↑response.create"])
        // The commit coming back does not inject a second time.
        #expect(types(d.upstream(["type": "input_audio_buffer.committed", "item_id": "u1"])) == ["↓input_audio_buffer.committed"])
    }

    @Test func bestEffortInjectsOnCommitAndLogsTheRace() throws {
        let d = try SessionDriver(policy: .bestEffort)
        let created = d.upstream(["type": "session.created",
                                  "session": ["turn_detection": ["type": "server_vad", "create_response": true]]])
        #expect(types(created) == ["↓session.created"])  // session left as it is
        d.speak(f0: 140)
        _ = d.upstream(["type": "input_audio_buffer.speech_started", "audio_start_ms": 300, "item_id": "u1"])
        _ = d.upstream(["type": "input_audio_buffer.speech_stopped", "audio_end_ms": 1300, "item_id": "u1"])
        let out = d.upstream(["type": "input_audio_buffer.committed", "item_id": "u1"])
        #expect(types(out) == ["↓input_audio_buffer.committed", "↑conversation.item.create"])
        #expect(out[1].event["previous_item_id"] as? String == "u1")
        _ = d.upstream(["type": "response.created", "response": ["id": "r1"]])
        #expect(d.log.lines.contains { $0.contains("best_effort_result") && $0.contains("\"landed_before_response\":false") })
    }

    @Test func slowContextUpdatesInstructionsAtMostOncePerInterval() throws {
        let d = try SessionDriver(policy: .slowContext, contextInterval: 10)
        _ = d.client(["type": "session.update", "session": ["instructions": "Be kind."]])
        _ = d.upstream(["type": "session.updated", "session": [:]])
        d.speak(f0: 150)
        let first = d.upstream(["type": "input_audio_buffer.committed", "item_id": "u1"])
        #expect(types(first) == ["↓input_audio_buffer.committed", "↑session.update"])
        let instructions = (first[1].event["session"] as? [String: Any])?["instructions"] as? String ?? ""
        #expect(instructions.hasPrefix("Be kind.\n\n[paracues | turn 1,"), "\(instructions)")
        // Its session.updated is not shown to the client.
        #expect(d.upstream(["type": "session.updated", "session": ["instructions": instructions]]).isEmpty)
        d.clock.advance(3)
        d.speak(f0: 150)
        #expect(types(d.upstream(["type": "input_audio_buffer.committed", "item_id": "u2"])) == ["↓input_audio_buffer.committed"])
        d.clock.advance(8)
        d.speak(f0: 150)
        #expect(types(d.upstream(["type": "input_audio_buffer.committed", "item_id": "u3"])).last == "↑session.update")
    }

    @Test func fallsBackWhenTheUpstreamAnswersByItself() throws {
        let d = try SessionDriver(policy: .ownResponses, dialect: .openai)
        let detection: [String: Any] = ["type": "server_vad", "create_response": true]
        let created = d.upstream(["type": "session.created", "session": ["type": "realtime", "audio": ["input": ["turn_detection": detection]]]])
        #expect(types(created) == ["↓session.created", "↑session.update"])  // relay holds responses back
        #expect(d.upstream(["type": "session.updated", "session": [:]]).isEmpty)
        d.speak(f0: 150)
        _ = d.upstream(["type": "input_audio_buffer.committed", "item_id": "u1"])
        // The upstream responds on its own before the item is acknowledged: from now on no relay response.create.
        _ = d.upstream(["type": "response.created", "response": ["id": "r1"]])
        let added = d.upstream(["type": "conversation.item.added", "item": ["id": "u1"]])
        #expect(types(added) == ["↓conversation.item.added", "↑conversation.item.create"])
        #expect(d.log.lines.contains { $0.contains("upstream_ignores_create_response") })
    }

    @Test func injectsAfterTheAckTimeoutWhenTheUserItemIsNeverAcknowledged() throws {
        let d = try SessionDriver(policy: .ownResponses)
        _ = d.client(["type": "session.update", "session": ["turn_detection": ["type": "server_vad"]]])
        d.speak(f0: 150)
        #expect(types(d.upstream(["type": "input_audio_buffer.committed", "item_id": "u1"])) == ["↓input_audio_buffer.committed"])
        #expect(d.session.tick().isEmpty)
        d.clock.advance(0.31)
        let out = d.decode(d.session.tick())
        #expect(types(out) == ["↑conversation.item.create", "↑response.create"])
    }

    /// A client that speaks before the upstream's session.created: its audio must reach the upstream
    /// after the relay's session.update that holds automatic responses back (else a turn is answered twice).
    @Test func clientMessagesWaitForTheUpstreamsFirstEvent() throws {
        var configuration = RelaySessionConfiguration()
        configuration.policy = .ownResponses
        let clock = ManualClock()
        let session = RelaySession(id: "test0002", configuration: configuration, log: try SessionLog(path: nil),
                                   clock: { clock.now })
        let appends = turnAudio(f0: 140)
        for event in appends { #expect(session.fromClient(event).isEmpty) }
        let detection: [String: Any] = ["type": "server_vad", "create_response": true]
        let released = session.fromUpstream(json(["type": "session.created", "session": ["turn_detection": detection]]))
        let upstreamTexts = released.compactMap { if case .toUpstream(let t) = $0 { t } else { nil } }
        #expect(released.first == .toClient(json(["type": "session.created", "session": ["turn_detection": detection]])))
        #expect(upstreamTexts.count == appends.count + 1)
        #expect(parse(upstreamTexts[0])?["type"] as? String == "session.update")
        #expect(Array(upstreamTexts.dropFirst()) == appends)  // unchanged, in order
        // Afterwards messages pass straight through.
        #expect(session.fromClient(appends[0]) == [.toUpstream(appends[0])])
    }

    @Test func heldClientMessagesAreReleasedWhenTheUpstreamStaysSilent() throws {
        let clock = ManualClock()
        let session = RelaySession(id: "test0003", configuration: RelaySessionConfiguration(),
                                   log: try SessionLog(path: nil), clock: { clock.now })
        #expect(session.fromClient(#"{"type":"x.early"}"#).isEmpty)
        #expect(session.tick().isEmpty)
        clock.advance(RelaySession.maximumHoldSeconds)
        #expect(session.tick() == [.toUpstream(#"{"type":"x.early"}"#)])
        #expect(session.fromClient(#"{"type":"x.later"}"#) == [.toUpstream(#"{"type":"x.later"}"#)])
    }
}
