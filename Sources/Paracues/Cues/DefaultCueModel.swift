import Foundation

extension CueModel {
    /// The built-in model: weights hand-set from the directions of published acoustic correlates
    /// (Juslin & Laukka 2003; Scherer 2003; Hillenbrand et al. 1995; Krajewski et al. 2009; Ang et al.
    /// 2002), not fitted to data. Magnitudes are judgement; see `docs/cues.md` for every sign's source
    /// and the limits (valence in particular is weak from acoustics).
    public static let `default` = CueModel(
        provenance: "paracues default cue model v1: hand-set signs from published correlates, not trained; see docs/cues.md",
        heads: [
            .emotion: defaultHead(
                .baseline, .softmax, classes: CueTarget.emotion.classes!, reliability: 1,
                bias: [1.5, 0, 0, 0, 0],
                weights: [
                    //                       neutral happy   sad angry anxious
                    .pitchMeanSt:           [0, 0.8, -0.8, 0.6, 1.0],
                    .pitchRangeSt:          [0, 0.8, -0.8, 0.5, -0.2],
                    .pitchStddevSt:         [0, 0.4, -0.4, 0.3, 0],
                    .loudnessMean:          [0, 0.5, -0.8, 1.2, 0],
                    .energyMeanDBFS:        [0, 0.2, -0.3, 0.5, 0],
                    .loudnessStddev:        [0, 0.3, -0.3, 0.4, 0],
                    .speakingRate:          [0, 0.4, -0.8, 0.5, 0.6],
                    .pauseRatePerMinute:    [0, -0.1, 0.4, -0.2, 0.2],
                    .jitterPercent:         [0, 0, 0.2, 0.2, 0.5],
                    .hnrDB:                 [0, 0.3, -0.3, -0.2, -0.3],
                    .alphaRatioDB:          [0, 0.2, -0.4, 0.6, 0.1],
                    .hammarbergIndexDB:     [0, -0.2, 0.4, -0.6, 0],
                    .laughterPerMinute:     [0, 1.0, -0.2, 0, 0],
                    .sighPerMinute:         [0, -0.2, 0.6, 0.1, 0.2],
                ],
                provenance: "Juslin & Laukka 2003 (summary of vocal cue patterns per emotion); Scherer 2003 (review of vocal emotion correlates)"),
            .arousal: defaultHead(
                .baseline, .tanh, reliability: 0.7, bias: [0],
                weights: [
                    .pitchMeanSt: [0.35], .pitchRangeSt: [0.25], .pitchStddevSt: [0.1], .loudnessMean: [0.4],
                    .energyMeanDBFS: [0.15], .loudnessStddev: [0.1], .speakingRate: [0.3],
                    .articulationRate: [0.1], .pauseRatePerMinute: [-0.1], .pauseMeanSeconds: [-0.1],
                    .alphaRatioDB: [0.15], .hammarbergIndexDB: [-0.15],
                ],
                provenance: "Juslin & Laukka 2003; Scherer 2003: activation raises F0 level and range, intensity, rate and high-frequency energy"),
            .valence: defaultHead(
                .baseline, .tanh, reliability: 0.3, bias: [0],
                weights: [
                    .pitchRangeSt: [0.2], .pitchMeanSt: [0.05], .speakingRate: [0.1], .loudnessStddev: [0.1],
                    .laughterPerMinute: [0.6], .sighPerMinute: [-0.4], .hnrDB: [0.1], .pauseRatePerMinute: [-0.1],
                    .jitterPercent: [-0.1],
                ],
                provenance: "Juslin & Laukka 2003; Scherer 2003 (valence is weakly and inconsistently coded in acoustics); laughter and sighs as event evidence"),
            .ageBand: defaultHead(
                .absolute, .softmax, classes: CueTarget.ageBand.classes!, reliability: 1,
                bias: [-4.5, -2.0, 0, -1.2],
                weights: [
                    //                   child  teen adult senior
                    .pitchMedianSt:     [3.0, 1.5, 0, 0],
                    .f1Hz:              [0.8, 0.4, 0, 0],
                    .f2Hz:              [0.8, 0.4, 0, 0],
                    .f3Hz:              [1.0, 0.5, 0, 0],
                    .jitterPercent:     [0.3, 0, 0, 0.8],
                    .shimmerDB:         [0, 0, 0, 0.6],
                    .hnrDB:             [0, 0, 0, -0.6],
                    .speakingRate:      [-0.3, 0, 0, -0.4],
                ],
                provenance: "Hillenbrand et al. 1995 (child vs adult F0 and formants); age F0 norms (Traunmüller & Eriksson 1995; Linville 2001): senior voices more jitter and shimmer, lower HNR, slower rate"),
            .fatigue: defaultHead(
                .baseline, .sigmoid, reliability: 0.5, bias: [-1.8],
                weights: [
                    .speakingRate: [-0.6], .articulationRate: [-0.3], .pitchRangeSt: [-0.4], .pitchStddevSt: [-0.3],
                    .pitchMeanSt: [-0.3], .loudnessMean: [-0.4], .energyMeanDBFS: [-0.2], .pauseRatePerMinute: [0.3],
                    .pauseMeanSeconds: [0.4], .hnrDB: [-0.2], .alphaRatioDB: [-0.2], .hammarbergIndexDB: [0.2],
                    .sighPerMinute: [0.4], .jitterPercent: [0.1],
                ],
                provenance: "Krajewski et al. 2009 (sleepiness: psychomotor slowing and lower tension: slower, less modulated, quieter, breathier speech; pause patterns)"),
            .frustration: defaultHead(
                .baseline, .sigmoid, reliability: 0.4, bias: [-2.0],
                weights: [
                    .loudnessMean: [0.5], .energyMeanDBFS: [0.2], .pitchMeanSt: [0.4], .pitchRangeSt: [0.3],
                    .loudnessStddev: [0.2], .speakingRate: [0.15], .hammarbergIndexDB: [-0.2], .alphaRatioDB: [0.2],
                    .sighPerMinute: [0.5], .laughterPerMinute: [-0.3], .filledPausePerMinute: [0.1], .hnrDB: [-0.1],
                ],
                provenance: "Ang et al. 2002 (prosody: duration/rate, pitch and energy features detect annoyance/frustration); Scherer 2003 (irritation/cold anger: raised F0 and intensity)"),
        ])

    /// Population and within-speaker norms shared by the default heads (comparison domain: `ln` for
    /// log-scale features). Adult speech, mixed sexes: f0 around 155 Hz (Hillenbrand et al. 1995:
    /// men ≈ 130 Hz, women ≈ 220 Hz in vowels), 4–5 syllables/s, formants of the adult averages.
    /// Jitter, shimmer and HNR are norms of *connected speech* (what every segment is), not of
    /// sustained vowels: running speech has more perturbation and less harmonicity (Tylečková &
    /// Skarnitzl 2019); the means sit at what this analyzer measures on adult connected speech
    /// (docs/cues.md, "Population norms").
    static let defaultNorms: [CueFeature: (mean: Double, population: Double, within: Double)] = [
        .pitchMeanSt: (30, 5, 1.2), .pitchMedianSt: (30, 5, 1.2), .pitchRangeSt: (6, 2.5, 1.5),
        .pitchStddevSt: (2.3, 1, 0.6), .loudnessMean: (-0.7, 0.7, 0.2), .loudnessStddev: (-1.2, 0.7, 0.25),
        .energyMeanDBFS: (-26, 8, 2.5), .speakingRate: (log(4.5), 0.2, 0.1), .articulationRate: (log(5.2), 0.18, 0.09),
        .pauseRatePerMinute: (20, 10, 6), .pauseMeanSeconds: (log(0.5), 0.4, 0.25), .jitterPercent: (1.4, 0.6, 0.25),
        .shimmerDB: (1.5, 0.4, 0.15), .hnrDB: (12.5, 3.5, 1.5), .alphaRatioDB: (-12, 4, 1.5),
        .hammarbergIndexDB: (20, 5, 2), .spectralSlope: (0, 0.02, 0.01), .f1Hz: (600, 90, 40), .f2Hz: (1700, 200, 80),
        .f3Hz: (2750, 250, 100), .laughterPerMinute: (0.5, 1.5, 1), .sighPerMinute: (0.3, 0.8, 0.5),
        .filledPausePerMinute: (3, 3, 2),
    ]

    private static func defaultHead(
        _ normalisation: Normalisation, _ output: Output, classes: [String]? = nil, reliability: Double,
        bias: [Double], weights: [CueFeature: [Double]], provenance: String
    ) -> Head {
        let features = weights.keys.sorted()
        let norms = features.map { f in
            let n = defaultNorms[f]!
            return FeatureNorm(f, mean: n.mean, populationSD: n.population, withinSpeakerSD: n.within)
        }
        let rows = bias.count
        let matrix = (0..<rows).map { r in features.map { weights[$0]![r] } }
        return Head(features: norms, normalisation: normalisation, output: output, classes: classes,
                    weights: matrix, bias: bias, temperature: 1, reliability: reliability, provenance: provenance)
    }
}
