import Foundation
@testable import ParacuesRelay
import Testing

/// Findings of the RelayFuzz harness (`Fuzz/Sources/RelayFuzz`, docs/robustness.md), each replayed
/// here on a `RelaySession` directly. The inputs are also kept in
/// `Tests/ParacuesTests/Fixtures/fuzz-regressions/relay-*.bin` (they seed the harness's corpus).
@Suite struct RelayFuzzRegressionTests {
    /// `relay-purposes-unbounded.bin`: with the slow-context policy every instruction update left an
    /// entry in the relay's event-purpose table, removed only by an error about that event: one entry
    /// per update for the whole session. The table now stays under 257 entries.
    @Test func slowContextUpdatesDoNotAccumulateEventPurposes() throws {
        let d = try SessionDriver(policy: .slowContext, contextInterval: 0.5)
        d.speak(f0: 160)
        var updates = 0
        for _ in 0..<300 {
            d.clock.advance(1)
            updates += types(d.client(["type": "input_audio_buffer.commit"])).filter { $0 == "↑session.update" }.count
            _ = d.upstream(["type": "session.updated", "session": [String: Any]()])
        }
        #expect(updates == 300)  // every commit updated the instructions: the table had 300 chances to grow
        #expect(d.session.relayEventPurposes.count <= 257)
    }

    /// `relay-updateowners-unbounded.bin`: every `session.update` (the client's or the relay's)
    /// waits in a queue for its `session.updated`; an upstream that answers some with an error
    /// carrying no `event_id` (or not at all) grew the queue for the whole session. It now keeps the
    /// 64 most recent.
    @Test func unacknowledgedSessionUpdatesDoNotAccumulate() throws {
        let d = try SessionDriver(policy: .ownResponses)
        for _ in 0..<200 {
            #expect(types(d.client(["type": "session.update", "session": ["voice": "nobody"]])) == ["↑session.update"])
            // The error has no event_id: it cannot be matched to the update it answers.
            #expect(types(d.upstream(["type": "error", "error": ["type": "invalid_request_error", "message": "bad voice"]]))
                    == ["↓error"])
        }
        #expect(d.session.updateOwners.count <= 64)
        // Acknowledgements still reach the client once the upstream answers again.
        #expect(types(d.client(["type": "session.update", "session": ["instructions": "hi"]])) == ["↑session.update"])
        #expect(types(d.upstream(["type": "session.updated", "session": ["instructions": "hi"]])) == ["↓session.updated"])
    }
}
