import Foundation
import Paracues
import ParacuesTestSupport
import Testing

/// The age head against connected speech: adult recordings read adult (they all read "senior" with
/// sustained-vowel voice-quality norms), and a rough, noisy voice reads older than a clean one.
@Suite struct CueAgeNormsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("TestAudio/speech")

    /// espeak-ng adult male voices, English and Mandarin (TestAudio/README.md).
    @Test(arguments: ["en_pauses", "cmn_pauses"])
    func adultRecordingsReadAdult(name: String) throws {
        let report = try FileAnalysis.analyze(path: Self.root.appendingPathComponent("\(name).wav").path)
        let age = try #require(report.cues?.ageBand)
        #expect(age.label == "adult", "\(age.probabilities)")
        #expect((age.probabilities["senior"] ?? 1) < 0.3, "\(age.probabilities)")
    }

    /// Same syllables at 115 Hz: clean vs jitter 3 %, shimmer 15 %, HNR 8 dB.
    @Test func roughVoiceReadsOlderThanCleanVoice() throws {
        func seniorProbability(_ source: VoiceSource) throws -> Double {
            var segments: [SpeechSegment] = [.silence(0.3)]
            for i in 0..<24 {
                segments.append(.voiced(0.2, source: source, vowel: i % 2 == 0 ? .a : .i))
                segments.append(.silence(0.08))
            }
            let samples = SyntheticVoice(segments: segments, sampleRate: 16_000, seed: 7).render().samples
            var delivered = false
            let report = try samples.withUnsafeBufferPointer { all in
                try FileAnalysis.analyze(source: "synthetic", format: AudioFormat(sampleRate: 16_000, channels: 1),
                                         options: FileAnalysis.Options()) { () throws(ParacuesError) -> UnsafeBufferPointer<Float>? in
                    defer { delivered = true }
                    return delivered ? nil : all
                }
            }
            return try #require(report.cues?.ageBand.probabilities["senior"])
        }
        let clean = try seniorProbability(VoiceSource(contour: .linearGlide(from: 125, to: 105)))
        let rough = try seniorProbability(VoiceSource(contour: .linearGlide(from: 125, to: 105), jitter: 0.03,
                                                      shimmer: 0.15, hnrDB: 8))
        #expect(rough > clean + 0.2, "senior: rough \(rough) vs clean \(clean)")
    }
}
