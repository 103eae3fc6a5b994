// Structured generators for RelayFuzz: realtime-API events of the types the relay reads, with
// parameters (ids, numbers, turn-detection and audio-format shapes) drawn from the fuzz input.
import Foundation

/// A JSON value, rendered without JSONSerialization (fast, and keys keep the order given).
indirect enum JSON {
    case string(String)
    case number(String)  // the literal as written (so 1e400, -0, 2.50 reach the parser as such)
    case bool(Bool)
    case null
    case object([(String, JSON)])
    case array([JSON])

    var text: String {
        switch self {
        case .string(let s): return "\"" + s + "\""  // pool strings hold no characters needing escapes
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .object(let members): return "{" + members.map { "\"\($0.0)\":\($0.1.text)" }.joined(separator: ",") + "}"
        case .array(let items): return "[" + items.map(\.text).joined(separator: ",") + "]"
        }
    }
}

/// Reads the fuzz input byte by byte; past the end every read gives 0.
struct ByteReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0
    var atEnd: Bool { offset >= bytes.count }
    mutating func next() -> UInt8 {
        guard offset < bytes.count else { return 0 }
        defer { offset += 1 }
        return bytes[offset]
    }
    mutating func pick<T>(_ options: [T]) -> T { options[Int(next()) % options.count] }
    mutating func take(_ count: Int) -> UnsafeBufferPointer<UInt8> {
        let n = min(count, bytes.count - offset)
        defer { offset += n }
        return UnsafeBufferPointer(rebasing: bytes[offset..<(offset + n)])
    }
}

/// Ids the generated events refer to: fixed client/upstream ones plus those the relay made so far.
struct IdPool {
    var relayItems: [String] = []
    var relayEvents: [String] = []
    static let items = ["item_a", "item_b", "item_c", "pqcue_other_1", ""]
    static let events = ["evt_1", "evt_2", "pqevt_other_1"]

    func item(_ r: inout ByteReader) -> JSON {
        let b = Int(r.next())
        if b % 4 == 3 && !relayItems.isEmpty { return .string(relayItems[(b / 4) % relayItems.count]) }
        if b % 16 == 14 { return .null }
        if b % 16 == 15 { return .number("7") }
        return .string(Self.items[(b / 4) % Self.items.count])
    }

    func event(_ r: inout ByteReader) -> JSON {
        let b = Int(r.next())
        if b % 4 == 3 && !relayEvents.isEmpty { return .string(relayEvents[(b / 4) % relayEvents.count]) }
        return .string(Self.events[(b / 4) % Self.events.count])
    }
}

enum EventGenerators {
    static let numbers = ["0", "500", "1200", "-5", "1e12", "3.7", "1e308", "-0", "\"600\"", "null", "18446744073709551616"]

    static func number(_ r: inout ByteReader) -> JSON { .number(r.pick(numbers)) }

    /// A `turn_detection` value: server VAD with or without `create_response`, null, or odd shapes.
    static func turnDetection(_ r: inout ByteReader) -> JSON? {
        switch r.next() % 8 {
        case 0: return nil
        case 1: return .null
        case 2: return .object([("type", .string("server_vad"))])
        case 3: return .object([("type", .string("server_vad")), ("create_response", .bool(true)), ("silence_duration_ms", .number("500"))])
        case 4: return .object([("type", .string("semantic_vad")), ("create_response", .bool(false))])
        case 5: return .object([("create_response", .string("yes"))])
        case 6: return .array([])
        default: return .number("1")
        }
    }

    /// A `session` object in either protocol's shape (the relay reads the one of its dialect).
    static func session(_ r: inout ByteReader) -> JSON {
        var members: [(String, JSON)] = []
        let shape = r.next()
        if shape & 1 != 0 { members.append(("instructions", .string("be brief"))) }
        if shape & 2 != 0 {  // beta: flat
            if let detection = turnDetection(&r) { members.append(("turn_detection", detection)) }
            members.append(("input_audio_format", r.pick([JSON.string("pcm16"), .string("g711_ulaw"), .number("16"), .null])))
        }
        if shape & 4 != 0 {  // GA: audio.input
            members.append(("type", .string("realtime")))
            var input: [(String, JSON)] = []
            if let detection = turnDetection(&r) { input.append(("turn_detection", detection)) }
            switch r.next() % 5 {
            case 0: break
            case 1: input.append(("format", .object([("type", .string("audio/pcm"))])))
            case 2: input.append(("format", .object([("type", .string("audio/pcm")), ("rate", number(&r))])))
            case 3: input.append(("format", .object([("type", .string("audio/pcm")), ("rate", r.pick([
                JSON.number("24000"), .number("16000"), .number("8000"), .number("48000"), .number("192000"), .number("7999"),
            ]))])))
            default: input.append(("format", .object([("type", .string("audio/pcmu"))])))
            }
            members.append(("audio", shape & 8 != 0 ? .object([("input", .object(input))]) : .array([])))
        }
        if shape & 0x30 == 0x30 { return .string("not a session") }
        return .object(members)
    }

    /// Little-endian PCM16 of a tone (f0 and level from the input), `samples` long, as base64.
    static func toneAudio(_ r: inout ByteReader, samples: Int, phase: inout Double) -> String {
        let f0 = r.next()
        return toneAudio(f0Byte: f0, levelByte: r.next(), samples: samples, phase: &phase)
    }

    /// f0 = 80 + 2 × `f0Byte` Hz, level (`levelByte` mod 16) / 16 of full scale.
    static func toneAudio(f0Byte: UInt8, levelByte: UInt8, samples: Int, phase: inout Double) -> String {
        let f0 = 80 + Double(f0Byte) * 2
        let level = Double(levelByte % 16) / 16
        var pcm = [Int16](repeating: 0, count: samples)
        for i in pcm.indices {
            // A crude voiced source: a sine plus its 2nd and 3rd harmonics.
            let x = sin(phase) + 0.5 * sin(2 * phase) + 0.25 * sin(3 * phase)
            pcm[i] = Int16(clamping: Int((level * 32767 / 1.75 * x).rounded()))
            phase += 2 * .pi * f0 / 24_000
        }
        return pcm.withUnsafeBytes { Data($0).base64EncodedString() }
    }

    static func append(_ r: inout ByteReader, phase: inout Double) -> JSON {
        let audio: JSON
        switch r.next() % 6 {
        case 0: audio = .string(Data(r.take(Int(r.next() % 64))).base64EncodedString())  // raw bytes
        case 1: audio = .string("@@not base64@@")
        case 2: audio = .number("12")
        case 3: audio = .string("")
        default: audio = .string(toneAudio(&r, samples: appendSamples, phase: &phase))
        }
        return .object([("type", .string("input_audio_buffer.append")), ("audio", audio)])
    }

    /// One client event.
    static func client(_ r: inout ByteReader, ids: IdPool, phase: inout Double) -> JSON {
        func event(_ type: String, _ rest: [(String, JSON)] = []) -> JSON {
            .object([("type", .string(type)), ("event_id", ids.event(&r))] + rest)
        }
        switch r.next() % 10 {
        case 0, 1: return event("session.update", [("session", session(&r))])
        case 2: return append(&r, phase: &phase)
        case 3: return event("input_audio_buffer.commit")
        case 4: return event("response.create", r.next() & 1 == 0 ? [] : [("response", .object([("modalities", .array([.string("text")]))]))])
        case 5: return event("conversation.item.create", [("previous_item_id", ids.item(&r)),
                                                         ("item", .object([("id", ids.item(&r)), ("type", .string("message"))]))])
        case 6: return event("input_audio_buffer.clear")
        case 7: return event("response.cancel")
        case 8: return .object([("type", number(&r))])
        default: return .object([("event_id", ids.event(&r))])
        }
    }

    /// One upstream (server) event.
    static func upstream(_ r: inout ByteReader, ids: IdPool) -> JSON {
        func event(_ type: String, _ rest: [(String, JSON)] = []) -> JSON {
            .object([("type", .string(type)), ("event_id", .string("srv_\(r.next())"))] + rest)
        }
        switch r.next() % 16 {
        case 0: return event("session.created", [("session", session(&r))])
        case 1: return event("session.updated", [("session", session(&r))])
        case 2: return event("input_audio_buffer.speech_started", [("audio_start_ms", number(&r)), ("item_id", ids.item(&r))])
        case 3: return event("input_audio_buffer.speech_stopped", [("audio_end_ms", number(&r)), ("item_id", ids.item(&r))])
        case 4, 5: return event("input_audio_buffer.committed", [("previous_item_id", ids.item(&r)), ("item_id", ids.item(&r))])
        case 6, 7:
            let type = r.pick(["conversation.item.created", "conversation.item.added", "conversation.item.done",
                               "conversation.item.retrieved"])
            return event(type, [("previous_item_id", ids.item(&r)),
                                ("item", r.next() % 8 == 0 ? .string("x") : .object([("id", ids.item(&r)), ("role", .string("user"))]))])
        case 8: return event("conversation.item.deleted", [("item_id", ids.item(&r))])
        case 9: return event("response.created", [("response", .object([("id", .string("resp_1"))]))])
        case 10: return event("response.done", [("response", .object([("id", .string("resp_1"))]))])
        case 11: return event(r.pick(["response.audio.delta", "response.output_audio.delta"]), [("delta", .string("AAAA"))])
        case 12, 13:
            var error: [(String, JSON)] = [("type", .string("invalid_request_error")), ("code", .string("bad"))]
            if r.next() & 1 == 0 { error.append(("event_id", ids.event(&r))) }
            var rest: [(String, JSON)] = [("error", r.next() % 8 == 0 ? .null : .object(error))]
            if r.next() & 1 == 0 { rest.append(("event_id", ids.event(&r))) }
            return .object([("type", .string("error"))] + rest)
        case 14: return event("conversation.item.input_audio_transcription.completed", [("item_id", ids.item(&r))])
        default: return event("rate_limits.updated")
        }
    }

    /// `text` with a few bytes overwritten, inserted or cut (near-valid JSON).
    static func mutate(_ text: String, _ r: inout ByteReader) -> String {
        var bytes = Array(text.utf8)
        for _ in 0..<(Int(r.next() % 3) + 1) where !bytes.isEmpty {
            let at = Int(r.next()) * bytes.count / 256
            switch r.next() % 3 {
            case 0: bytes[at] = r.next()
            case 1: bytes.insert(r.pick(Array("{}[]\",:\\0e-".utf8)), at: at)
            default: bytes.removeSubrange(at..<min(bytes.count, at + Int(r.next() % 8) + 1))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
