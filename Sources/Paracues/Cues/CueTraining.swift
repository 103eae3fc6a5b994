import Foundation

/// One labelled segment for ``CueTraining``.
public struct CueTrainingSample: Sendable, Hashable {
    /// The segment's measurements.
    public var features: SegmentFeatures
    /// The label: a class name for categorical targets, a number (as text) for numeric ones.
    public var label: String
    /// Speaker identity, if known (cross-validation folds never split a speaker; baseline-relative
    /// normalisation uses each speaker's mean).
    public var speaker: String?
    /// Where the segment comes from (file name); the cross-validation group when `speaker` is nil.
    public var source: String

    /// Creates a sample.
    public init(features: SegmentFeatures, label: String, speaker: String? = nil, source: String) {
        self.features = features; self.label = label; self.speaker = speaker; self.source = source
    }

    /// Cross-validation group: the speaker, else the source.
    public var group: String { speaker ?? source }
}

/// Fits a cue model head from labelled segments: feature selection, standardisation, regularised
/// multinomial logistic regression (categorical targets) or ridge regression (numeric targets),
/// speaker-independent k-fold cross-validation, and temperature calibration on the held-out folds.
/// Pure computation: no I/O (see ``CueFeatureExtraction`` and `paracues train`).
public enum CueTraining {
    /// Fitting options.
    public struct Options: Sendable, Hashable {
        /// Cross-validation folds (≥ 2; reduced to the number of groups when there are fewer).
        public var folds = 5
        /// L2 penalty λ on the weights of standardised features (≥ 0).
        public var l2 = 0.01
        /// A feature is used when measured in at least this fraction of samples (0…1).
        public var minimumCoverage = 0.5
        /// Creates default options.
        public init() {}
    }

    /// Cross-validated performance of a fit.
    public struct Evaluation: Sendable, Hashable, Codable {
        /// The target.
        public var target: CueTarget
        /// Number of samples, groups (speakers or files) and folds used.
        public var samples: Int, groups: Int, folds: Int
        /// Normalisation of the fitted head.
        public var normalisation: CueModel.Normalisation
        /// Features used (model order).
        public var features: [CueFeature]
        /// Classes (categorical targets).
        public var classes: [String]?
        /// Held-out confusion matrix `[true][predicted]` (categorical).
        public var confusion: [[Int]]?
        /// Held-out unweighted average recall (categorical; chance = 1 / classes).
        public var uar: Double?
        /// Held-out expected calibration error after temperature scaling (categorical, 10 bins).
        public var ece: Double?
        /// Held-out ECE before temperature scaling.
        public var eceUncalibrated: Double?
        /// Fitted temperature (categorical).
        public var temperature: Double?
        /// Held-out concordance correlation coefficient (numeric).
        public var ccc: Double?
        /// Held-out root-mean-square error (numeric, target units).
        public var rmse: Double?
    }

    /// A fitted model and its cross-validated evaluation.
    public struct Result: Sendable {
        /// A model holding only the fitted head (other targets fall back to the default model).
        public var model: CueModel
        /// Cross-validated performance.
        public var evaluation: Evaluation
    }

    /// Fits a head for `target`.
    /// - Throws: ``ParacuesError/invalidConfiguration(_:)`` when labels are invalid for the target,
    ///   there are fewer than 2 groups or 2 classes, or no feature is measured often enough.
    public static func fit(samples: [CueTrainingSample], target: CueTarget, options: Options = Options(),
                           provenance: String = "") throws(ParacuesError) -> Result {
        guard options.folds >= 2, options.l2 >= 0, (0...1).contains(options.minimumCoverage) else {
            throw .invalidConfiguration("folds must be ≥ 2, l2 ≥ 0, coverage in 0…1")
        }
        let labels = try parseLabels(samples, target)
        let groups = Array(Set(samples.map(\.group))).sorted()
        guard groups.count >= 2 else {
            throw .invalidConfiguration("cross-validation needs at least 2 speakers (or files); got \(groups.count)")
        }
        let design = try TrainingDesign(samples: samples, target: target, minimumCoverage: options.minimumCoverage)
        let k = min(options.folds, groups.count)
        let foldOfGroup = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($1, $0 % k) })
        let folds = samples.map { foldOfGroup[$0.group]! }

        var evaluation = Evaluation(target: target, samples: samples.count, groups: groups.count, folds: k,
                                    normalisation: design.normalisation, features: design.features)
        let head: CueModel.Head
        switch labels {
        case .classes(let y, let classes):
            guard Set(y).count >= 2 else { throw .invalidConfiguration("training needs at least 2 classes") }
            var heldOut = [[Double]](repeating: [], count: samples.count)
            for f in 0..<k {
                let train = samples.indices.filter { folds[$0] != f }, test = samples.indices.filter { folds[$0] == f }
                let norms = design.norms(rows: train)
                let fit = fitLogistic(design.matrix(train, norms), train.map { y[$0] }, classes.count, options.l2)
                for i in test {
                    let z = design.row(i, norms)
                    heldOut[i] = (0..<classes.count).map { c in fit.bias[c] + zip(fit.weights[c], z).reduce(0) { $0 + $1.0 * $1.1 } }
                }
            }
            let temperature = CueMetrics.fitTemperature(scores: heldOut, truth: y)
            let raw = heldOut.map { CueMetrics.softmax($0) }, calibrated = heldOut.map { CueMetrics.softmax($0, temperature: temperature) }
            let confusion = CueMetrics.confusion(truth: y, predicted: raw.map { p in p.indices.max { p[$0] < p[$1] }! },
                                                 classCount: classes.count)
            evaluation.classes = classes
            evaluation.confusion = confusion
            evaluation.uar = CueMetrics.unweightedAverageRecall(confusion)
            evaluation.ece = CueMetrics.expectedCalibrationError(probabilities: calibrated, truth: y)
            evaluation.eceUncalibrated = CueMetrics.expectedCalibrationError(probabilities: raw, truth: y)
            evaluation.temperature = temperature
            let all = Array(samples.indices), norms = design.norms(rows: all)
            let fit = fitLogistic(design.matrix(all, norms), y, classes.count, options.l2)
            head = .init(features: design.featureNorms(norms), normalisation: design.normalisation, output: .softmax,
                         classes: classes, weights: fit.weights, bias: fit.bias, temperature: temperature, reliability: 1,
                         provenance: "")
        case .values(let y):
            var predicted = [Double](repeating: 0, count: samples.count)
            for f in 0..<k {
                let train = samples.indices.filter { folds[$0] != f }, test = samples.indices.filter { folds[$0] == f }
                let norms = design.norms(rows: train)
                let fit = LinearModels.ridge(x: design.matrix(train, norms), y: train.map { y[$0] }, l2: options.l2)
                for i in test {
                    let value = fit.bias + zip(fit.weights, design.row(i, norms)).reduce(0) { $0 + $1.0 * $1.1 }
                    predicted[i] = min(target.range.upperBound, max(target.range.lowerBound, value))
                }
            }
            let ccc = CueMetrics.concordance(predicted, y)
            evaluation.ccc = ccc
            evaluation.rmse = (zip(predicted, y).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(y.count)).squareRoot()
            let all = Array(samples.indices), norms = design.norms(rows: all)
            let fit = LinearModels.ridge(x: design.matrix(all, norms), y: y, l2: options.l2)
            head = .init(features: design.featureNorms(norms), normalisation: design.normalisation, output: .linear,
                         classes: nil, weights: [fit.weights], bias: [fit.bias], temperature: 1,
                         reliability: min(1, max(0, ccc)), provenance: "")
        }
        var described = head
        described.provenance = summary(evaluation) + (provenance.isEmpty ? "" : "; " + provenance)
        let model = CueModel(provenance: "trained by paracues train: " + described.provenance, heads: [target: described])
        return Result(model: model, evaluation: evaluation)
    }

    /// One line: "emotion: 40 samples, 8 groups, 5-fold speaker-independent CV: UAR 0.83, ECE 0.05 (T 1.3)".
    public static func summary(_ e: Evaluation) -> String {
        var text = "\(e.target.rawValue): \(e.samples) samples, \(e.groups) groups, \(e.folds)-fold group-independent CV"
        if let uar = e.uar, let ece = e.ece, let t = e.temperature {
            text += String(format: ": UAR %.3f, ECE %.3f (temperature %.2f)", uar, ece, t)
        }
        if let ccc = e.ccc, let rmse = e.rmse { text += String(format: ": CCC %.3f, RMSE %.3f", ccc, rmse) }
        return text
    }

    private static func fitLogistic(_ x: [[Double]], _ y: [Int], _ k: Int, _ l2: Double) -> (weights: [[Double]], bias: [Double]) {
        // Class-balanced sample weights (n / (K · n_c)) so that UAR, not accuracy, is optimised.
        var counts = [Double](repeating: 0, count: k)
        for c in y { counts[c] += 1 }
        let present = Double(counts.filter { $0 > 0 }.count)
        let weights = y.map { Double(y.count) / (present * counts[$0]) }
        return LinearModels.logistic(x: x, y: y, classCount: k, sampleWeights: weights, l2: l2)
    }

    private enum Labels { case classes([Int], [String]), values([Double]) }

    private static func parseLabels(_ samples: [CueTrainingSample], _ target: CueTarget) throws(ParacuesError) -> Labels {
        if let allowed = target.classes {
            for s in samples where !allowed.contains(s.label) {
                throw .invalidConfiguration("\(s.source): label \"\(s.label)\" is not one of \(allowed.joined(separator: ", ")) (\(target.rawValue))")
            }
            let classes = allowed.filter { c in samples.contains { $0.label == c } }
            return .classes(samples.map { classes.firstIndex(of: $0.label)! }, classes)
        }
        var values: [Double] = []
        for s in samples {
            guard let v = Double(s.label.trimmingCharacters(in: .whitespaces)), target.range.contains(v) else {
                throw .invalidConfiguration("\(s.source): label \"\(s.label)\" is not a number in \(target.range.lowerBound)…\(target.range.upperBound) (\(target.rawValue))")
            }
            values.append(v)
        }
        return .values(values)
    }
}
