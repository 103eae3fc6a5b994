import Foundation
import Testing
import Paracues
import ParacuesTestSupport

/// Feature extraction from files, whole or by time span (the `start_s,end_s` columns of `paracues train`).
@Suite("Cue feature extraction from files")
struct CueFeatureExtractionTests {
    /// A 16 kHz WAV: the utterance at −32 dBFS (0…2.57 s), then the same at −20 dBFS (2.57…5.14 s).
    static func twoLevelFile() throws -> (String, Double) {
        func voice(_ offset: Double) -> [Float] {
            var v = SyntheticVoice.utterance(speaker: .female, seed: 3)
            for i in v.segments.indices { v.segments[i].levelDB += offset }
            return v.render().samples
        }
        let quiet = voice(-10), loud = voice(2)
        var signal = SyntheticVoice.utterance(speaker: .female).render()
        signal.samples = quiet + loud
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cue-spans-\(UUID().uuidString).wav")
        try signal.wavData().write(to: url)
        return (url.path, Double(quiet.count) / 16_000)
    }

    @Test func spansSelectTheirFramesAndDuration() throws {
        let (path, half) = try Self.twoLevelFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let whole = try CueFeatureExtraction.segmentFeatures(path: path)
        let first = try CueFeatureExtraction.segmentFeatures(path: path, start: 0, end: half)
        let second = try CueFeatureExtraction.segmentFeatures(path: path, start: half)
        #expect(abs(whole.durationSeconds - 2 * half) < 1e-3)
        #expect(abs(first.durationSeconds - half) < 1e-9 && abs(second.durationSeconds - half) < 1e-3)
        // 12 dB apart in level (active frames: the pitch tracker decides nothing yet, or voiced frames later).
        let difference = second[.energyMeanDBFS]! - first[.energyMeanDBFS]!
        #expect(abs(difference - 12) < 1.5, "level difference \(difference) dB")
        #expect(whole[.energyMeanDBFS]! > first[.energyMeanDBFS]! && whole[.energyMeanDBFS]! < second[.energyMeanDBFS]!)
    }

    @Test func badSpansAndFilesAreTypedErrors() throws {
        let (path, half) = try Self.twoLevelFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: ParacuesError.self) { try CueFeatureExtraction.segmentFeatures(path: path, start: 2, end: 1) }
        #expect(throws: ParacuesError.self) { try CueFeatureExtraction.segmentFeatures(path: path, start: 4 * half) }
        #expect(throws: ParacuesError.self) { try CueFeatureExtraction.segmentFeatures(path: "/nonexistent.wav") }
    }
}
