import Foundation

/// The design matrix of a training set: which features are used, their transformed values, and
/// the z-scores of any row under norms estimated from a subset of rows (a training fold).
struct TrainingDesign {
    let features: [CueFeature]
    let normalisation: CueModel.Normalisation
    /// values[i][j]: transformed value (ln for log-scale features) or nil when missing.
    let values: [[Double?]]
    /// Per row, the mean of each feature over that row's speaker (baseline normalisation only).
    let speakerMeans: [[Double?]]
    let speakers: [String]

    struct Norms { var mean: [Double]; var population: [Double]; var within: [Double] }

    init(samples: [CueTrainingSample], target: CueTarget, minimumCoverage: Double) throws(ParacuesError) {
        let n = Double(samples.count)
        features = CueFeature.allCases.filter { f in
            guard !f.isQualityMeasure else { return false }
            let present = samples.compactMap { $0.features[f].flatMap { SpeakerBaseline.transform($0, f) } }
            guard Double(present.count) >= minimumCoverage * n, let first = present.first else { return false }
            return present.contains { abs($0 - first) > 1e-9 }
        }
        guard !features.isEmpty else {
            throw .invalidConfiguration("no feature is measured (and varies) in at least \(Int(minimumCoverage * 100)) % of the samples")
        }
        let features = self.features
        let values = samples.map { s in features.map { f in s.features[f].flatMap { SpeakerBaseline.transform($0, f) } } }
        let speakers = samples.map(\.group)
        let withSpeaker = samples.filter { $0.speaker != nil }
        let repeated = Dictionary(grouping: withSpeaker, by: { $0.speaker! }).values.filter { $0.count >= 2 }
            .map(\.count).reduce(0, +)
        var means: [String: [Double?]] = [:]
        for (speaker, rows) in Dictionary(grouping: samples.indices, by: { speakers[$0] }) {
            means[speaker] = (0..<features.count).map { j in
                let v = rows.compactMap { values[$0][j] }
                return v.isEmpty ? nil : v.reduce(0, +) / Double(v.count)
            }
        }
        self.values = values
        self.speakers = speakers
        normalisation = target == .ageBand || Double(repeated) < 0.5 * n ? .absolute : .baseline
        speakerMeans = speakers.map { means[$0]! }
    }

    /// Norms from `rows`: mean and standard deviation of each feature, and the pooled within-speaker
    /// standard deviation (deviations from each row's speaker mean). Spreads are floored at 1e-6.
    func norms(rows: [Int]) -> Norms {
        var result = Norms(mean: [], population: [], within: [])
        for j in 0..<features.count {
            let v = rows.compactMap { values[$0][j] }
            let mean = v.isEmpty ? 0 : v.reduce(0, +) / Double(v.count)
            let sd = v.isEmpty ? 1 : (v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count)).squareRoot()
            let deviations = rows.compactMap { i in values[i][j].flatMap { x in speakerMeans[i][j].map { x - $0 } } }
            let within = deviations.count > 1
                ? (deviations.reduce(0) { $0 + $1 * $1 } / Double(deviations.count)).squareRoot() : sd
            result.mean.append(mean)
            result.population.append(max(sd, 1e-6))
            result.within.append(max(within > 1e-6 ? within : sd, 1e-6))
        }
        return result
    }

    /// z-scores of row `i` (0 for missing values), clamped to ±``CueClassifier/zLimit`` as at inference.
    func row(_ i: Int, _ norms: Norms) -> [Double] {
        (0..<features.count).map { j in
            guard let x = values[i][j] else { return 0 }
            let z: Double
            if normalisation == .baseline, let m = speakerMeans[i][j] { z = (x - m) / norms.within[j] }
            else { z = (x - norms.mean[j]) / norms.population[j] }
            return min(CueClassifier.zLimit, max(-CueClassifier.zLimit, z))
        }
    }

    func matrix(_ rows: [Int], _ norms: Norms) -> [[Double]] { rows.map { row($0, norms) } }

    func featureNorms(_ norms: Norms) -> [CueModel.FeatureNorm] {
        features.enumerated().map { j, f in
            .init(f, mean: norms.mean[j], populationSD: norms.population[j],
                  withinSpeakerSD: normalisation == .baseline ? norms.within[j] : norms.population[j])
        }
    }
}
