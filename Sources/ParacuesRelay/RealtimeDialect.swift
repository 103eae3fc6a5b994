import Foundation

/// Which realtime protocol the upstream speaks. Events the relay reads or writes differ in where
/// the session's audio settings live and in the names of item acknowledgements.
///
/// - `stepfun`: StepFun realtime (`wss://api.stepfun.com/v1/realtime`), the OpenAI Realtime beta
///   protocol: flat `session` (`input_audio_format`, `turn_detection`), `conversation.item.created`.
/// - `openaiBeta`: OpenAI Realtime beta (adds the header `OpenAI-Beta: realtime=v1`).
/// - `openai`: OpenAI Realtime GA: `session.type = "realtime"`, audio settings under
///   `session.audio.input` (`format: {"type":"audio/pcm","rate":24000}`, `turn_detection`), items
///   acknowledged by `conversation.item.added` / `conversation.item.done`.
public enum RealtimeDialect: String, Sendable, CaseIterable, Codable {
    /// StepFun realtime (beta protocol).
    case stepfun
    /// OpenAI Realtime beta protocol.
    case openaiBeta = "openai-beta"
    /// OpenAI Realtime GA protocol.
    case openai

    /// Whether the dialect is the GA protocol.
    var isGA: Bool { self == .openai }

    /// Server events that acknowledge an item added to the conversation.
    var itemAcknowledgements: Set<String> {
        isGA ? ["conversation.item.added", "conversation.item.done", "conversation.item.created",
                "conversation.item.retrieved"]
             : ["conversation.item.created"]
    }

    /// Server event that first says an item exists (the one the relay waits for).
    func isItemAdded(_ type: String) -> Bool {
        type == "conversation.item.created" || (isGA && type == "conversation.item.added")
    }

    /// Extra request headers for the upstream handshake.
    var extraHeaders: [(String, String)] { self == .openaiBeta ? [("OpenAI-Beta", "realtime=v1")] : [] }

    /// The `turn_detection` value of a `session` object: `.absent` when the key is missing,
    /// `.null` when explicitly null (manual turns), `.object` otherwise.
    func turnDetection(in session: [String: Any]) -> TurnDetectionSetting {
        let holder: [String: Any]?
        if isGA {
            holder = (session["audio"] as? [String: Any])?["input"] as? [String: Any]
        } else {
            holder = session
        }
        guard let holder, let value = holder["turn_detection"] else { return .absent }
        if let object = value as? [String: Any] { return .object(object) }
        return .null
    }

    /// Returns `session` with its `turn_detection` replaced by `value`.
    func setTurnDetection(_ value: [String: Any], in session: [String: Any]) -> [String: Any] {
        var session = session
        if isGA {
            var audio = session["audio"] as? [String: Any] ?? [:]
            var input = audio["input"] as? [String: Any] ?? [:]
            input["turn_detection"] = value
            audio["input"] = input
            session["audio"] = audio
        } else {
            session["turn_detection"] = value
        }
        return session
    }

    /// Input audio sample rate the session declares: 24 000 for PCM16 (beta `"pcm16"`, GA
    /// `{"type":"audio/pcm"}` with its `rate`), 0 for formats the annotator cannot read (G.711),
    /// nil when the session does not say.
    func inputRate(in session: [String: Any]) -> Int? {
        if isGA {
            guard let format = ((session["audio"] as? [String: Any])?["input"] as? [String: Any])?["format"] as? [String: Any]
            else { return nil }
            guard (format["type"] as? String) == "audio/pcm" else { return 0 }
            return (format["rate"] as? Int) ?? 24_000
        }
        guard let format = session["input_audio_format"] as? String else { return nil }
        return format == "pcm16" ? 24_000 : 0
    }

    /// A bare `session` object for a relay-made `session.update`.
    var emptySession: [String: Any] { isGA ? ["type": "realtime"] : [:] }
}

/// A session's `turn_detection` setting as found in a `session` object.
enum TurnDetectionSetting {
    case absent
    case null
    case object([String: Any])
}
