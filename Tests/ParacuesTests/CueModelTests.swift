import Foundation
import Testing
import Paracues

@Suite("Cue model file and report shape")
struct CueModelTests {
    @Test func defaultModelRoundTripsThroughJSONAndLoadsFromAFile() throws {
        let data = CueModel.default.jsonData()
        let decoded = try CueModel.decode(data)
        #expect(decoded == CueModel.default)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cue-model-\(UUID().uuidString).json")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try CueModel.load(path: url.path) == CueModel.default)
        // Every target has a head; keys in the file are the documented snake_case names.
        #expect(Set(CueModel.default.heads.keys) == Set(CueTarget.allCases))
        let text = String(decoding: data, as: UTF8.self)
        for key in ["\"age_band\"", "\"population_sd\"", "\"within_speaker_sd\"", "\"pitch_mean_st\"", "\"temperature\""] {
            #expect(text.contains(key), "missing \(key)")
        }
    }

    @Test func badModelFilesAreTypedErrors() throws {
        #expect(throws: ParacuesError.self) { try CueModel.load(path: "/nonexistent/model.json") }
        #expect(throws: ParacuesError.self) { try CueModel.decode(Data("{\"format\": 3}".utf8)) }
        var broken = CueModel.default
        broken.heads[.arousal]!.weights = [[1, 2]]
        do {
            _ = try CueModel.decode(broken.jsonData())
            Issue.record("a head with the wrong number of weights must be rejected")
        } catch {
            #expect(error.description.contains("arousal"))
        }
        var wrongClasses = CueModel.default
        wrongClasses.heads[.emotion]!.classes = ["neutral", "happy", "sad", "angry", "bored"]
        #expect(throws: ParacuesError.self) { try CueModel.decode(wrongClasses.jsonData()) }
    }

    @Test func reportHasTheDocumentedShape() throws {
        let segment = SegmentFeatures(durationSeconds: 6, values: [
            .voicedSeconds: 4, .pitchMeanSt: 31, .pitchMedianSt: 31, .pitchRangeSt: 6, .pitchStddevSt: 2,
            .loudnessMean: 0.5, .loudnessStddev: 0.3, .energyMeanDBFS: -25, .snrDB: 40, .clippedFraction: 0,
        ])
        let report = CueClassifier().classify(segment)
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(["cues": report])) as! [String: Any]
        let cues = object["cues"] as! [String: Any]
        #expect(Set(cues.keys) == ["uncertain", "reasons", "baseline_ready", "emotion", "arousal", "valence",
                                   "age_band", "fatigue", "frustration"])
        let emotion = cues["emotion"] as! [String: Any]
        #expect(Set((emotion["probabilities"] as! [String: Double]).keys) == ["neutral", "happy", "sad", "angry", "anxious"])
        let age = cues["age_band"] as! [String: Any]
        #expect(Set((age["probabilities"] as! [String: Double]).keys) == ["child", "teen", "adult", "senior"])
        #expect(Set((cues["arousal"] as! [String: Any]).keys) == ["value", "confidence"])
        #expect(Set((cues["fatigue"] as! [String: Any]).keys) == ["value", "confidence", "evidence"])
        let p = (emotion["probabilities"] as! [String: Double]).values.reduce(0, +)
        #expect(abs(p - 1) < 1e-12)
        // Missing features are imputed (z = 0) and named; confidence drops with the missing weight.
        #expect(report.reasons.contains { $0.hasPrefix("not measured") && $0.contains("speaking_rate") })
        var withRate = segment
        withRate[.speakingRate] = 4.5
        withRate[.articulationRate] = 5.2
        #expect(CueClassifier().classify(withRate).arousal.confidence > report.arousal.confidence)
    }

    @Test func segmentFeaturesEncodeAsAnObjectKeyedByFeatureName() throws {
        var s = SegmentFeatures(durationSeconds: 3, values: [.pitchMeanSt: 30.5, .hnrDB: .nan])
        #expect(s[.hnrDB] == nil)   // non-finite values are dropped
        s[.speakingRate] = 4.2
        let data = try JSONEncoder().encode(s)
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let values = object["values"] as! [String: Double]
        #expect(values == ["pitch_mean_st": 30.5, "speaking_rate": 4.2])
        #expect(try JSONDecoder().decode(SegmentFeatures.self, from: data) == s)
    }
}
