import Foundation
import Testing
import Paracues
import ParacuesTestSupport

/// Training recovers a known structure from a generated labelled set, cross-validated across
/// speakers, with calibrated probabilities; and finds nothing in random labels.
@Suite("Cue training")
struct CueTrainingTests {
    /// 12 speakers with their own pitch (±4 st), loudness (±40 %) and rate (±15 %) habits; per speaker
    /// 10 turns of each of neutral, angry (+2 st, loudness × 1.5, rate × 1.12, range +1.5 st) and sad
    /// (−1.5 st, loudness × 0.7, rate × 0.88, range −1.5 st); within-speaker noise 0.8 st, 12 %, 6 %,
    /// 1 st; HNR pure noise (an irrelevant feature).
    static func corpus(seed: UInt64 = 11, shuffleLabels: Bool = false) -> [CueTrainingSample] {
        var rng = SeededRandom(seed: seed)
        var samples: [CueTrainingSample] = []
        for speaker in 0..<12 {
            let pitch = 30 + 4 * (2 * rng.uniform() - 1), loud = 0.5 * (1 + 0.4 * (2 * rng.uniform() - 1))
            let rate = 4.5 * (1 + 0.15 * (2 * rng.uniform() - 1))
            for turn in 0..<30 {
                let label = ["neutral", "angry", "sad"][turn % 3]
                let (dp, dl, dr, dg): (Double, Double, Double, Double) =
                    label == "angry" ? (2, 1.5, 1.12, 1.5) : label == "sad" ? (-1.5, 0.7, 0.88, -1.5) : (0, 1, 1, 0)
                let values: [CueFeature: Double] = [
                    .voicedSeconds: 4, .snrDB: 40, .clippedFraction: 0,
                    .pitchMeanSt: pitch + dp + 0.8 * rng.gaussian(),
                    .pitchRangeSt: 6 + dg + rng.gaussian(),
                    .loudnessMean: loud * dl * exp(0.12 * rng.gaussian()),
                    .speakingRate: rate * dr * exp(0.06 * rng.gaussian()),
                    .hnrDB: 15 + 3 * rng.gaussian(),
                ]
                samples.append(.init(features: SegmentFeatures(durationSeconds: 6, values: values), label: label,
                                     speaker: "s\(speaker)", source: "s\(speaker)_\(turn).wav"))
            }
        }
        if shuffleLabels {
            var labels = samples.map(\.label)
            for i in stride(from: labels.count - 1, to: 0, by: -1) { labels.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            for i in samples.indices { samples[i].label = labels[i] }
        }
        return samples
    }

    @Test func recoversEmotionStructureAcrossSpeakersWithCalibratedProbabilities() throws {
        let result = try CueTraining.fit(samples: Self.corpus(), target: .emotion)
        let e = result.evaluation
        print(CueTraining.summary(e), e.confusion!, String(format: "ECE before calibration %.3f", e.eceUncalibrated!))
        #expect(e.normalisation == .baseline && e.folds == 5 && e.groups == 12 && e.samples == 360)
        #expect(e.classes! == ["neutral", "sad", "angry"])   // target order (CueTarget.classes)
        #expect(e.uar! > 0.85, "UAR \(e.uar!)")
        #expect(e.ece! < 0.08, "ECE \(e.ece!)")
        // The known directions: angry loads positively on loudness and pitch, sad negatively.
        let head = result.model.heads[.emotion]!
        func weight(_ c: String, _ f: CueFeature) -> Double {
            head.weights[head.classes!.firstIndex(of: c)!][head.features.firstIndex { $0.name == f }!]
        }
        #expect(weight("angry", .loudnessMean) > weight("neutral", .loudnessMean))
        #expect(weight("sad", .loudnessMean) < weight("neutral", .loudnessMean))
        #expect(weight("angry", .pitchMeanSt) > weight("sad", .pitchMeanSt))
        // The irrelevant feature gets small weights compared with loudness.
        #expect(abs(weight("angry", .hnrDB)) < 0.25 * abs(weight("angry", .loudnessMean)))
    }

    @Test func trainedModelWorksThroughASessionOnANewSpeaker() throws {
        let model = try CueModel.decode(CueTraining.fit(samples: Self.corpus(), target: .emotion).model.jsonData())
        // A new speaker, far from the training speakers' pitch: four neutral turns, then angry, then sad.
        let test = Self.corpus(seed: 99).filter { $0.speaker == "s3" }
        var session = CueSession(model: model)
        for s in test.filter({ $0.label == "neutral" }).prefix(4) { _ = session.next(s.features) }
        #expect(session.baseline.isReady)
        var correct = 0
        let probe = test.filter { $0.label != "neutral" }
        for s in probe where session.classifier.classify(s.features, baseline: session.baseline).emotion.label == s.label {
            correct += 1
        }
        #expect(Double(correct) / Double(probe.count) > 0.8, "\(correct) of \(probe.count)")
    }

    @Test func randomLabelsGiveChanceLevel() throws {
        let e = try CueTraining.fit(samples: Self.corpus(shuffleLabels: true), target: .emotion).evaluation
        print("shuffled labels:", CueTraining.summary(e))
        #expect(e.uar! < 0.45, "UAR \(e.uar!) on random labels (chance 0.33)")
    }

    @Test func ridgeRecoversANumericTarget() throws {
        var samples = Self.corpus()
        var rng = SeededRandom(seed: 5)
        for i in samples.indices {
            let label = samples[i].label
            let value = (label == "angry" ? 0.6 : label == "sad" ? -0.5 : 0) + 0.1 * rng.gaussian()
            samples[i].label = String(min(1, max(-1, value)))
        }
        let e = try CueTraining.fit(samples: samples, target: .arousal).evaluation
        print(CueTraining.summary(e))
        #expect(e.ccc! > 0.8 && e.rmse! < 0.2)
        #expect(throws: ParacuesError.self) {
            var bad = samples
            bad[0].label = "7"
            _ = try CueTraining.fit(samples: bad, target: .arousal)
        }
    }

    @Test func metricsMatchHandComputedValues() {
        let confusion = [[8, 2], [5, 5]]
        #expect(abs(CueMetrics.unweightedAverageRecall(confusion) - 0.65) < 1e-12)
        // Two rows at confidence 0.9 (one right) and two at 0.6 (both right): ECE = ½·0.4 + ½·0.4.
        let p = [[0.9, 0.1], [0.9, 0.1], [0.6, 0.4], [0.6, 0.4]]
        #expect(abs(CueMetrics.expectedCalibrationError(probabilities: p, truth: [0, 1, 0, 0]) - 0.4) < 1e-12)
        #expect(abs(CueMetrics.concordance([1, 2, 3], [1, 2, 3]) - 1) < 1e-12)
        // Shifted by 1: 2·cov / (var x + var y + 1²) = (4/3) / (7/3).
        #expect(abs(CueMetrics.concordance([1, 2, 3], [2, 3, 4]) - 4.0 / 7) < 1e-12)
        // Overconfident scores: the fitted temperature is above 1.
        let scores = (0..<200).map { i in [i % 4 == 0 ? -3.0 : 3.0, 0] }
        #expect(CueMetrics.fitTemperature(scores: scores, truth: (0..<200).map { _ in 0 }) > 1.5)
    }
}
