import Foundation
@testable import ParacuesRelay
import Testing
import WSCore

/// Thread-safe holder for values a client script collects.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [[String: Any]] = []
    var messages: [[String: Any]] {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
    var types: [String] { messages.compactMap { $0["type"] as? String } }
}

@Suite(.serialized, .timeLimit(.minutes(1))) struct RelayForwardingTests {
    /// Beta (StepFun) and GA (OpenAI): the annotation item lands after the user's committed item and
    /// before the relay's response.create; acknowledgements of relay items never reach the client.
    @Test(arguments: [RealtimeDialect.stepfun, .openai])
    func injectsAfterUserItemBeforeResponse(dialect: RealtimeDialect) async throws {
        try await withRelay(dialect: dialect) { port, fake, log in
            let seen = Collected()
            try await withClient(port: port) { inbound, outbound in
                var detection: [String: Any] = ["type": "server_vad", "create_response": true]
                detection["silence_duration_ms"] = 500
                let session: [String: Any] = dialect == .openai
                    ? ["type": "realtime", "instructions": "Be kind.", "audio": ["input": ["turn_detection": detection]]]
                    : ["instructions": "Be kind.", "turn_detection": detection]
                try await outbound.write(.text(json(["type": "session.update", "session": session])))
                for event in turnAudio(f0: 150) { try await outbound.write(.text(event)) }
                var messages: [[String: Any]] = []
                try await read(inbound, until: "response.done", into: &messages)
                seen.messages = messages
            }
            // What the upstream received, in order.
            let received = fake.received
            let types = received.compactMap { $0["type"] as? String }.filter { $0 != "input_audio_buffer.append" }
            let create = try #require(received.firstIndex { $0["type"] as? String == "conversation.item.create" })
            let response = try #require(received.firstIndex { $0["type"] as? String == "response.create" })
            #expect(create < response, "\(types)")
            let item = try #require(received[create]["item"] as? [String: Any])
            #expect(item["role"] as? String == "system")
            #expect(received[create]["previous_item_id"] as? String == "item_user_1")
            let content = try #require((item["content"] as? [[String: Any]])?.first)
            let text = try #require(content["text"] as? String)
            #expect(text.hasPrefix("[paracues | turn 1, "), "\(text)")
            #expect(text.contains("pitch 15"), "\(text)")  // 150 Hz voice
            // The relay's item.create was sent after the upstream committed the user's item.
            let fakeLog = fake.log
            let committedAt = try #require(fakeLog.firstIndex { !$0.received && $0.text.contains("\"input_audio_buffer.committed\"") })
            let createAt = try #require(fakeLog.firstIndex { $0.received && $0.text.contains("\"conversation.item.create\"") })
            #expect(committedAt < createAt)
            // Upstream was told not to respond by itself, so exactly one response happened.
            let updates = received.filter { $0["type"] as? String == "session.update" }
            for update in updates {
                if case .object(let d) = dialect.turnDetection(in: update["session"] as? [String: Any] ?? [:]) {
                    #expect(d["create_response"] as? Bool == false)
                }
            }
            #expect(fakeLog.filter { !$0.received && $0.text.contains("\"response.created\"") }.count == 1)
            // The client saw its own item and the response, never the relay's items or ids.
            let clientTypes = seen.types
            #expect(clientTypes.contains("input_audio_buffer.committed"))
            #expect(clientTypes.contains("response.created"))
            #expect(clientTypes.contains("x.unknown.server"))
            #expect(!seen.messages.contains { json($0).contains("pqcue_") || json($0).contains("pqevt_") })
            // The client was shown the create_response it asked for.
            let updated = try #require(seen.messages.first { $0["type"] as? String == "session.updated" })
            if case .object(let d) = dialect.turnDetection(in: updated["session"] as? [String: Any] ?? [:]) {
                #expect(d["create_response"] as? Bool == true)
            } else { Issue.record("no turn_detection in session.updated") }
            let relayLines = log.lines.filter { $0.contains("\"inject\"") }
            #expect(relayLines.count == 1)
        }
    }

    @Test func malformedAndUnknownEventsAreForwardedUnchanged() async throws {
        try await withRelay(dialect: .stepfun) { port, fake, _ in
            let seen = Collected()
            try await withClient(port: port) { inbound, outbound in
                try await outbound.write(.text("{oops"))
                try await outbound.write(.text(#"{"type":"x.unknown.client","n":1}"#))
                var messages: [[String: Any]] = []
                try await read(inbound, until: "error", into: &messages)
                seen.messages = messages
            }
            let texts = fake.log.filter(\.received).map(\.text)
            #expect(texts.contains("{oops"))
            #expect(texts.contains(#"{"type":"x.unknown.client","n":1}"#))
            #expect(seen.types.contains("x.unknown.server"))
            let error = try #require(seen.messages.last?["error"] as? [String: Any])
            #expect(error["code"] as? String == "invalid_json")
        }
    }

    @Test func oversizedClientMessageClosesOnlyThatSession() async throws {
        try await withRelay(dialect: .stepfun, maximumMessageBytes: 64 << 10) { port, fake, _ in
            let close = try await withClient(port: port) { inbound, outbound in
                let big = json(["type": "x.big", "data": String(repeating: "a", count: 100_000)])
                try await outbound.write(.text(big))
                for try await _ in inbound.messages(maxSize: 1 << 24) {}
            }
            #expect(close?.closeCode == .messageTooLarge)
            #expect(!fake.log.contains { $0.text.contains("x.big") })
            // A new session still works.
            let seen = Collected()
            try await withClient(port: port) { inbound, _ in
                var messages: [[String: Any]] = []
                try await read(inbound, until: "session.created", into: &messages)
                seen.messages = messages
            }
            #expect(seen.types.contains("session.created"))
        }
    }

    @Test func upstreamRefusalBecomesAClearError() async throws {
        try await withRelay(dialect: .stepfun, apiKey: "wrong-key") { port, _, log in
            let seen = Collected()
            try await withClient(port: port) { inbound, _ in
                var messages: [[String: Any]] = []
                try await read(inbound, until: "error", into: &messages)
                seen.messages = messages
            }
            let error = try #require(seen.messages.last?["error"] as? [String: Any])
            #expect(error["code"] as? String == "upstream_refused")
            #expect((error["message"] as? String)?.contains("401") == true)
            #expect(!log.lines.joined().contains("wrong-key"))
        }
    }

    @Test func upstreamTimeoutIsReported() async throws {
        try await withRelay(dialect: .stepfun, mode: .slowUpgrade, connectTimeout: 0.5) { port, _, _ in
            let seen = Collected()
            try await withClient(port: port) { inbound, _ in
                let started = ContinuousClock.now
                var messages: [[String: Any]] = []
                try await read(inbound, until: "error", into: &messages)
                // The error arrives at the timeout, not when the slow upstream finally answers (3 s).
                messages.append(["elapsed": (ContinuousClock.now - started) < .seconds(2)])
                seen.messages = messages
            }
            let error = try #require(seen.messages.dropLast().last?["error"] as? [String: Any])
            #expect(error["code"] as? String == "upstream_timeout")
            #expect(seen.messages.last?["elapsed"] as? Bool == true)
        }
    }

    @Test func upstreamDropMidSessionIsReported() async throws {
        try await withRelay(dialect: .stepfun, mode: .dropAfterCommit) { port, _, _ in
            let seen = Collected()
            try await withClient(port: port) { inbound, outbound in
                for event in turnAudio(f0: 200) { try await outbound.write(.text(event)) }
                var messages: [[String: Any]] = []
                try await read(inbound, until: "error", into: &messages)
                seen.messages = messages
            }
            #expect(seen.types.contains("input_audio_buffer.committed"))
            let error = try #require(seen.messages.last?["error"] as? [String: Any])
            #expect(error["code"] as? String == "upstream_closed")
        }
    }

    @Test func clientDropClosesTheUpstream() async throws {
        try await withRelay(dialect: .openai) { port, fake, log in
            try await withClient(port: port) { inbound, outbound in
                var messages: [[String: Any]] = []
                try await read(inbound, until: "session.created", into: &messages)
                try await outbound.write(.text(turnAudio(f0: 120)[0]))
            }
            var waited = 0
            func logged() -> Bool { log.lines.contains { $0.contains("session_closed") && $0.contains("client_closed") } }
            while (fake.closedSessions == 0 || !logged()) && waited < 100 {
                try await Task.sleep(for: .milliseconds(50))
                waited += 1
            }
            #expect(fake.closedSessions == 1)
            #expect(logged())
        }
    }

    @Test func keepsAtMostTheConfiguredNumberOfCueItems() async throws {
        try await withRelay(dialect: .stepfun, maximumCueItems: 1) { port, fake, _ in
            let seen = Collected()
            try await withClient(port: port) { inbound, outbound in
                var messages: [[String: Any]] = []
                var iterator = inbound.messages(maxSize: 1 << 24).makeAsyncIterator()
                for f0 in [130.0, 190.0] {
                    for event in turnAudio(f0: f0) { try await outbound.write(.text(event)) }
                    try await read(&iterator, until: "response.done", into: &messages)
                }
                seen.messages = messages
            }
            let received = fake.received
            let created = received.filter { $0["type"] as? String == "conversation.item.create" }
            let deleted = received.filter { $0["type"] as? String == "conversation.item.delete" }
            #expect(created.count == 2 && deleted.count == 1)
            let firstId = (created.first?["item"] as? [String: Any])?["id"] as? String
            #expect(deleted.first?["item_id"] as? String == firstId)
            #expect(!seen.types.contains("conversation.item.deleted"))
            let second = ((created.last?["item"] as? [String: Any])?["content"] as? [[String: Any]])?.first?["text"] as? String
            #expect(second?.contains("pitch 19") == true && second?.contains("vs baseline") == true, "\(second ?? "")")
        }
    }
}
