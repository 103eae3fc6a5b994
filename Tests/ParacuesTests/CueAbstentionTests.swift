import Foundation
import Testing
import Paracues
import ParacuesTestSupport

/// The classifier says "uncertain" (and lowers confidence) when evidence is thin: short, silent,
/// clipped or noisy input.
@Suite("Cue abstention on thin evidence")
struct CueAbstentionTests {
    static let classifier = CueClassifier()

    @Test func cleanTurnIsCertain() {
        let r = Self.classifier.classify(CueTurn(seed: 5).features())
        #expect(!r.uncertain)
        #expect(!r.reasons.contains { $0.contains("voiced") || $0.contains("SNR") || $0.contains("clipped") })
    }

    @Test func shortInputIsUncertain() {
        // 8 syllables ≈ 0.9 s voiced.
        let r = Self.classifier.classify(CueTurn(syllables: 8, seed: 5).features())
        #expect(r.uncertain)
        #expect(r.reasons.contains { $0.hasPrefix("only") && $0.contains("voiced speech") }, "\(r.reasons)")
        #expect(r.arousal.confidence <= 0.25 && r.emotion.confidence <= 0.25)
    }

    @Test func silenceIsUncertainWithZeroConfidence() {
        let analyzer = try! StreamingAnalyzer()
        var output = AnalysisOutput()
        analyzer.process([Float](repeating: 0, count: 48_000), into: &output)
        analyzer.finish(into: &output)
        var accumulator = SegmentFeatureAccumulator()
        accumulator.add(output)
        let r = Self.classifier.classify(accumulator.features())
        #expect(r.uncertain)
        #expect(r.reasons == ["no voiced speech (silent or unvoiced input)"])
        for c in [r.arousal.confidence, r.valence.confidence, r.fatigue.confidence, r.frustration.confidence,
                  r.emotion.confidence, r.ageBand.confidence] { #expect(c == 0) }
    }

    @Test func clippedInputIsUncertain() {
        var turn = CueTurn(seed: 5)
        turn.gain = 30   // vowels at −22 dBFS RMS → peaks far past full scale
        let s = turn.features()
        #expect(s[.clippedFraction]! > 0.05)
        let r = Self.classifier.classify(s)
        #expect(r.uncertain && r.reasons.contains { $0.contains("clipped") }, "\(r.reasons)")
    }

    @Test func noisyInputIsUncertainAndCleanerIsMoreConfident() {
        var noisy = CueTurn(seed: 5)
        noisy.noise = AdditiveNoise(.white, snrDB: 0)
        var moderate = CueTurn(seed: 5)
        moderate.noise = AdditiveNoise(.white, snrDB: 20)
        let sn = noisy.features(), sm = moderate.features()
        let rn = Self.classifier.classify(sn), rm = Self.classifier.classify(sm)
        print(String(format: "| SNR estimate: 0 dB input → %.1f dB, 20 dB input → %.1f dB |", sn[.snrDB]!, sm[.snrDB]!))
        #expect(rn.uncertain && rn.reasons.contains { $0.contains("SNR") }, "\(rn.reasons)")
        #expect(!rm.uncertain)
        #expect(rm.arousal.confidence > rn.arousal.confidence)
    }
}
