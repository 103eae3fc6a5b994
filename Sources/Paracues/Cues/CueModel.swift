import Foundation

/// A transparent cue model: one linear head per target, each listing its features, how they are
/// normalised, the weights, the calibration and where the numbers come from. Stored as JSON
/// (`docs/cues.md#model-file`); ``default`` is hand-set from published acoustic correlates.
public struct CueModel: Sendable, Codable, Hashable {
    /// Always `"paracues-cue-model/1"`.
    public var format = "paracues-cue-model/1"
    /// Where the model comes from (free text).
    public var provenance: String
    /// The heads by target. A target without a head falls back to ``default``'s head.
    public var heads: [CueTarget: Head]

    /// Creates a model.
    public init(provenance: String, heads: [CueTarget: Head]) {
        self.provenance = provenance
        self.heads = heads
    }

    /// How one feature enters a head.
    public struct FeatureNorm: Sendable, Codable, Hashable {
        /// The feature.
        public var name: CueFeature
        /// Population mean (in the comparison domain: `ln(x)` for log-scale features).
        public var mean: Double
        /// Between-speaker standard deviation (same domain, > 0): the z-score scale against the population.
        public var populationSD: Double
        /// Typical within-speaker spread between segments (same domain, > 0): the z-score scale against a
        /// speaker baseline.
        public var withinSpeakerSD: Double

        /// Creates a feature entry.
        public init(_ name: CueFeature, mean: Double, populationSD: Double, withinSpeakerSD: Double) {
            self.name = name; self.mean = mean; self.populationSD = populationSD; self.withinSpeakerSD = withinSpeakerSD
        }

        enum CodingKeys: String, CodingKey {
            case name, mean, populationSD = "population_sd", withinSpeakerSD = "within_speaker_sd"
        }
    }

    /// Reference the features are compared with.
    public enum Normalisation: String, Sendable, Codable, Hashable {
        /// Relative to the speaker's baseline (population norms until it is ready, with lower confidence).
        case baseline
        /// Relative to the population norms only (e.g. age, which is a between-speaker property).
        case absolute
    }

    /// Link from the linear score to the output.
    public enum Output: String, Sendable, Codable, Hashable {
        /// Class probabilities `softmax(score / T)`.
        case softmax
        /// `tanh(score / T)` in −1…1.
        case tanh
        /// `1 / (1 + e^(−score / T))` in 0…1.
        case sigmoid
        /// `score` clamped to the target's range (ridge regression).
        case linear
    }

    /// One target's linear model: `score_c = bias_c + Σ_f weights[c][f] · z_f`.
    public struct Head: Sendable, Codable, Hashable {
        /// Features with their norms; the order of the weight columns.
        public var features: [FeatureNorm]
        /// Reference for the z-scores.
        public var normalisation: Normalisation
        /// Output link.
        public var output: Output
        /// Class names (rows of ``weights``) for softmax heads; nil for numeric heads (one row).
        public var classes: [String]?
        /// One row per class (one row for numeric heads), one column per feature.
        public var weights: [[Double]]
        /// One intercept per row.
        public var bias: [Double]
        /// Temperature T > 0 dividing the score (calibration; 1 = none).
        public var temperature: Double
        /// For numeric heads: expected agreement with true values (0…1, e.g. cross-validated CCC), the
        /// ceiling of reported confidence. Softmax heads use their calibrated probability instead.
        public var reliability: Double
        /// Where the numbers come from.
        public var provenance: String

        /// Creates a head.
        public init(features: [FeatureNorm], normalisation: Normalisation, output: Output, classes: [String]?,
                    weights: [[Double]], bias: [Double], temperature: Double = 1, reliability: Double,
                    provenance: String) {
            self.features = features; self.normalisation = normalisation; self.output = output
            self.classes = classes; self.weights = weights; self.bias = bias; self.temperature = temperature
            self.reliability = reliability; self.provenance = provenance
        }

        /// Checks shapes and ranges; returns a message naming the first problem, nil when valid.
        func problem() -> String? {
            let rows = classes?.count ?? 1
            if output == .softmax && classes == nil { return "a softmax head needs classes" }
            if weights.count != rows || bias.count != rows { return "expected \(rows) weight rows and biases" }
            if let bad = weights.firstIndex(where: { $0.count != features.count }) {
                return "weight row \(bad) has \(weights[bad].count) values for \(features.count) features"
            }
            if !(temperature > 0 && temperature.isFinite) { return "temperature must be > 0" }
            if !(0...1).contains(reliability) { return "reliability must be in 0…1" }
            for f in features where !(f.populationSD > 0 && f.withinSpeakerSD > 0 && f.mean.isFinite) {
                return "feature \(f.name.rawValue) needs a finite mean and positive spreads"
            }
            if (weights.joined() + bias).contains(where: { !$0.isFinite }) { return "weights must be finite" }
            return nil
        }

        enum CodingKeys: String, CodingKey {
            case features, normalisation, output, classes, weights, bias, temperature, reliability, provenance
        }
    }

    /// Loads a model file and checks it.
    /// - Throws: ``ParacuesError/unreadable(path:reason:)`` when the file cannot be read or parsed,
    ///   ``ParacuesError/invalidConfiguration(_:)`` when its contents are inconsistent.
    public static func load(path: String) throws(ParacuesError) -> CueModel {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        return try decode(data, source: path)
    }

    /// Parses and checks a model from JSON.
    /// - Throws: as ``load(path:)``.
    public static func decode(_ data: Data, source: String = "model") throws(ParacuesError) -> CueModel {
        let model: CueModel
        do { model = try JSONDecoder().decode(CueModel.self, from: data) } catch {
            throw .unreadable(path: source, reason: "not a paracues cue model: \(error)")
        }
        guard model.format == "paracues-cue-model/1" else {
            throw .invalidConfiguration("\(source): unknown model format \(model.format)")
        }
        for (target, head) in model.heads {
            if let problem = head.problem() { throw .invalidConfiguration("\(source): \(target.rawValue): \(problem)") }
            if let expected = target.classes, let classes = head.classes, !Set(classes).isSubset(of: expected) {
                throw .invalidConfiguration("\(source): \(target.rawValue) classes must be among \(expected)")
            }
            if (target.classes == nil) != (head.output != .softmax) {
                throw .invalidConfiguration("\(source): \(target.rawValue) has the wrong output kind")
            }
        }
        return model
    }

    /// The model as pretty-printed JSON with sorted keys.
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Finite doubles, strings and arrays only: encoding cannot fail.
        return try! encoder.encode(self)
    }

    /// The head used for `target`: this model's, else the default model's.
    public func head(for target: CueTarget) -> Head {
        heads[target] ?? CueModel.default.heads[target]!
    }
}
