import Foundation
@testable import ParacuesRelay
import Testing

@Suite struct FlatEventScannerTests {
    @Test func readsTypeAndFieldOfFlatEvents() throws {
        let append = #"{"type":"input_audio_buffer.append","audio":"AAEC/+==","event_id":"e1"}"#
        let scan = try #require(FlatEventScanner(append, field: "audio"))
        #expect(scan.type == "input_audio_buffer.append" && scan.field == "AAEC/+==")
        let spaced = " {\n \"event_id\" : \"x\" , \"n\": -1500.25, \"ok\": true, \"none\": null,\t\"type\" : \"response.audio.delta\", \"delta\":\"QQ==\" } "
        let delta = try #require(FlatEventScanner(spaced, field: "delta"))
        #expect(delta.type == "response.audio.delta" && delta.field == "QQ==")
        let empty = try #require(FlatEventScanner("{}", field: "audio"))
        #expect(empty.type == nil && empty.field == nil)
        // Non-ASCII text in another field is fine.
        let unicode = try #require(FlatEventScanner(#"{"note":"嗯 ü","type":"t"}"#, field: "audio"))
        #expect(unicode.type == "t")
    }

    /// Anything that is not a flat, escape-free object goes to the full parser.
    @Test func declinesWhatItCannotReadExactly() {
        let declined = [
            #"{"type":"input_audio_buffer.append","audio":"A\/B"}"#,          // escape
            #"{"item":{"type":"input_audio_buffer.append"},"type":"x"}"#,     // nested object
            #"{"type":"x","list":[1,2]}"#,                                    // array
            #"{"type":1}"#,                                                   // type not a string
            #"{"type":"x",}"#, #"{"type":"x""#, #"{"type" "x"}"#, #"["type"]"#, "", "{oops",
            #"{"type":"x"} trailing"#, "{\"type\":\"a\nb\"}",                   // control character
            // Numbers the full parser may reject (found by Fuzz/run.sh relay-parsing: out of range).
            #"{"333333#we":23.666666666666666666666666666000000000000000000000e0000000322710329}"#,
            #"{"type":"input_audio_buffer.append","n":1e400,"audio":"QUJD"}"#,
            #"{"type":"x","n":1E5}"#, #"{"type":"x","n":1234567890123456789012345}"#,
        ]
        for text in declined { #expect(FlatEventScanner(text, field: "audio") == nil, "\(text)") }
    }

    /// Where it answers, it agrees with JSONSerialization (random flat events and mutations of them).
    @Test func agreesWithTheFullParser() throws {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["\"type\"", "\"audio\"", "\"x\"", ":", ",", "{", "}", " ", "\"input_audio_buffer.append\"", "\"QUJD\"",
                      "12", "true", "null", "\"a b\"", "\\", "[", "]", "-0.5", "e400", "E-3", "99999999999999999999"]
        var agreed = 0
        for _ in 0..<20_000 {
            var text = "{"
            let pairs = Int.random(in: 0...4, using: &rng)
            for k in 0..<pairs {
                if k > 0 { text += "," }
                text += ["\"type\"", "\"audio\"", "\"event_id\""].randomElement(using: &rng)! + ":"
                text += ["\"input_audio_buffer.append\"", "\"QUJD\"", "7", "\"e\""].randomElement(using: &rng)!
            }
            text += "}"
            for _ in 0..<Int.random(in: 0...2, using: &rng) {  // mutate
                var chars = Array(text)
                let at = Int.random(in: 0...chars.count, using: &rng)
                if Bool.random(using: &rng), at < chars.count { chars.remove(at: at) } else {
                    chars.insert(contentsOf: pieces.randomElement(using: &rng)!, at: at)
                }
                text = String(chars)
            }
            guard let scan = FlatEventScanner(text, field: "audio") else { continue }
            let object = try #require((try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any], "\(text)")
            #expect(scan.type.map(String.init) == object["type"] as? String, "\(text)")
            #expect(scan.field.map(String.init) == object["audio"] as? String, "\(text)")
            agreed += 1
        }
        #expect(agreed > 5_000)
    }
}
