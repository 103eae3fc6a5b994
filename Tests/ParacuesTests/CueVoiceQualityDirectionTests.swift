import Foundation
import Testing
import Paracues
import ParacuesTestSupport

/// Directions for the features other stages will supply (voice quality, events), set here through
/// the accumulator's setters on the measured synthetic turn, as the voice-quality and event stages will.
@Suite("Cue directions for voice quality and events")
struct CueVoiceQualityDirectionTests {
    static let modal = SegmentFeatureAccumulator.VoiceQualityValues(
        jitterPercent: 0.8, shimmerDB: 0.5, hnrDB: 16, alphaRatioDB: -12, hammarbergIndexDB: 20, spectralSlope: nil)

    /// Features of a neutral turn with the given voice quality and event rates.
    static func turn(seed: UInt64, quality: SegmentFeatureAccumulator.VoiceQualityValues = modal,
                     laughter: Double = 0, sighs: Double = 0) -> SegmentFeatures {
        var t = CueDirectionTests.neutral
        t.seed = seed
        var s = t.features()
        s[.jitterPercent] = quality.jitterPercent; s[.shimmerDB] = quality.shimmerDB; s[.hnrDB] = quality.hnrDB
        s[.alphaRatioDB] = quality.alphaRatioDB; s[.hammarbergIndexDB] = quality.hammarbergIndexDB
        s[.laughterPerMinute] = laughter; s[.sighPerMinute] = sighs; s[.filledPausePerMinute] = 2
        return s
    }

    static let heard: CueSession = {
        var session = CueSession()
        for seed in 1...3 { _ = session.next(turn(seed: UInt64(seed))) }
        return session
    }()

    static func classify(_ s: SegmentFeatures) -> CueReport { heard.classifier.classify(s, baseline: heard.baseline) }

    @Test func breathierVoiceRaisesFatigue() {
        let base = Self.classify(Self.turn(seed: 9))
        // Breathy: lower HNR, steeper spectrum (lower alpha ratio, higher Hammarberg index), more jitter.
        let breathy = SegmentFeatureAccumulator.VoiceQualityValues(
            jitterPercent: 1.1, shimmerDB: 0.7, hnrDB: 10, alphaRatioDB: -16, hammarbergIndexDB: 25)
        let r = Self.classify(Self.turn(seed: 9, quality: breathy))
        print(String(format: "| breathier (HNR −6 dB, alpha −4 dB, Hammarberg +5 dB) | arousal %+.2f → %+.2f | fatigue %.2f → %.2f |",
                     base.arousal.value, r.arousal.value, base.fatigue.value, r.fatigue.value))
        #expect(r.fatigue.value > base.fatigue.value + 0.2)
        #expect(r.arousal.value < base.arousal.value)
        #expect(r.fatigue.evidence?.contains { $0.hasPrefix("HNR −") } == true, "\(r.fatigue.evidence ?? [])")
        // With voice quality measured, nothing about it is reported missing.
        #expect(!r.reasons.contains { $0.contains("hnr_db") })
    }

    @Test func laughterRaisesValenceAndHappinessSighsLowerValence() {
        let base = Self.classify(Self.turn(seed: 9))
        let laughing = Self.classify(Self.turn(seed: 9, laughter: 4))
        let sighing = Self.classify(Self.turn(seed: 9, sighs: 3))
        print(String(format: "| laughter 4/min | valence %+.2f → %+.2f | P(happy) %.2f → %.2f |", base.valence.value,
                     laughing.valence.value, base.emotion.probabilities["happy"]!, laughing.emotion.probabilities["happy"]!))
        print(String(format: "| sighs 3/min | valence %+.2f → %+.2f | fatigue %.2f → %.2f |", base.valence.value,
                     sighing.valence.value, base.fatigue.value, sighing.fatigue.value))
        #expect(laughing.valence.value > base.valence.value + 0.3)
        #expect(laughing.emotion.probabilities["happy"]! > base.emotion.probabilities["happy"]! + 0.2)
        #expect(sighing.valence.value < base.valence.value - 0.3)
        #expect(sighing.fatigue.value > base.fatigue.value)
        // Valence never claims much confidence: reliability 0.3 caps it.
        #expect(laughing.valence.confidence <= 0.3)
    }
}
