import Foundation
import Testing
import Paracues
import ParacuesTestSupport

/// Speaker normalisation: a naturally high-pitched, calm speaker is not called aroused once the
/// baseline is ready, while population norms alone (before it is ready) would lean that way.
@Suite("Cue speaker normalisation")
struct CueNormalisationTests {
    @Test func highPitchedCalmSpeakerIsNotArousedOnceBaselineIsReady() {
        // A child-like voice at 300 Hz (≈ 2.3 population SDs above the adult norm of 155 Hz).
        let calm = CueTurn(speaker: .child, f0Hz: 300, rangeSt: 6, levelDB: -22)
        var session = CueSession()
        var reports: [CueReport] = []
        for seed in 1...5 {
            var t = calm
            t.seed = UInt64(seed)
            reports.append(session.next(t.features()))
        }
        let first = reports[0], last = reports[4]
        // Before: population norms, flagged, with lower confidence.
        #expect(!first.baselineReady)
        #expect(first.reasons.contains { $0.hasPrefix("speaker baseline not ready") })
        #expect(first.arousal.value > 0.2, "population-normed arousal \(first.arousal.value)")
        // After three turns: ready, the same calm voice reads as calm, with more confidence.
        #expect(reports[3].baselineReady && last.baselineReady)
        #expect(abs(last.arousal.value) < 0.15, "baseline-normed arousal \(last.arousal.value)")
        #expect(first.arousal.value - last.arousal.value > 0.2)
        #expect(last.emotion.label == "neutral")
        #expect(last.arousal.confidence > first.arousal.confidence * 1.4)
        print(String(format: "| high-pitched calm speaker | before baseline: arousal %+.2f (conf %.2f) | after: %+.2f (conf %.2f) |",
                     first.arousal.value, first.arousal.confidence, last.arousal.value, last.arousal.confidence))
    }

    @Test func baselineBecomesReadyAfterThreeTurnsOrTwentyVoicedSeconds() {
        var b = SpeakerBaseline()
        let turn = SegmentFeatures(durationSeconds: 5, values: [.voicedSeconds: 3, .pitchMeanSt: 30])
        b.update(with: turn); b.update(with: turn)
        #expect(!b.isReady)
        b.update(with: turn)
        #expect(b.isReady && b.segmentCount == 3)
        var long = SpeakerBaseline()
        long.update(with: SegmentFeatures(durationSeconds: 30, values: [.voicedSeconds: 21, .pitchMeanSt: 30]))
        #expect(long.isReady && long.segmentCount == 1)
        // Too little speech is ignored altogether.
        var short = SpeakerBaseline()
        short.update(with: SegmentFeatures(durationSeconds: 1, values: [.voicedSeconds: 0.3, .pitchMeanSt: 30]))
        #expect(short.voicedSeconds == 0 && short.mean(.pitchMeanSt) == nil)
    }

    @Test func baselineIsTheVoicedTimeWeightedMeanAndSpreadShrinksToThePrior() {
        var b = SpeakerBaseline()
        b.update(with: SegmentFeatures(durationSeconds: 2, values: [.voicedSeconds: 1, .pitchMeanSt: 30, .loudnessMean: 1]))
        b.update(with: SegmentFeatures(durationSeconds: 6, values: [.voicedSeconds: 3, .pitchMeanSt: 34, .loudnessMean: 2]))
        #expect(abs(b.mean(.pitchMeanSt)! - 33) < 1e-12)
        // Loudness is log-scale: the mean is of ln(x).
        #expect(abs(b.mean(.loudnessMean)! - (0.25 * 0 + 0.75 * log(2.0))) < 1e-12)
        // Weighted variance 0.25·9 + 0.75·1 = 3; n = 2, prior 1 worth 5 segments: sqrt((5 + 3) / 6).
        #expect(abs(b.spread(.pitchMeanSt, prior: 1) - (8.0 / 6).squareRoot()) < 1e-12)
        #expect(b.spread(.hnrDB, prior: 1.5) == 1.5)
    }

    @Test func longSessionsForgetOldSegmentsExponentially() {
        var b = SpeakerBaseline()
        b.memorySeconds = 60
        for _ in 0..<100 { b.update(with: SegmentFeatures(durationSeconds: 5, values: [.voicedSeconds: 3, .pitchMeanSt: 30])) }
        // The voice drifts up 4 st: after 7 turns of 3 s (21 s voiced, a third of the memory) the
        // baseline has moved 1 − (60/63)^7 ≈ 29 % of the way; a plain running mean over 300 + 21 s
        // would have moved only 6.5 %.
        for _ in 0..<7 { b.update(with: SegmentFeatures(durationSeconds: 5, values: [.voicedSeconds: 3, .pitchMeanSt: 34])) }
        let moved = (b.mean(.pitchMeanSt)! - 30) / 4
        #expect(moved > 0.25 && moved < 0.35, "moved \(moved)")
        #expect(b.mean(.pitchMeanSt)! < 34)
    }
}
