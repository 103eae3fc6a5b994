import Foundation

/// Turns ``SegmentFeatures`` into a ``CueReport`` with a ``CueModel``: per head, z-scores against
/// the speaker's baseline (or population norms), a linear score, the calibrated output link, and a
/// confidence that shrinks with thin evidence, missing features and an unready baseline.
///
/// Pure and cheap (a few hundred multiply-adds); call it once per segment.
public struct CueClassifier: Sendable {
    /// The model in use.
    public var model: CueModel

    /// Largest |z| used; more extreme values are clamped (robustness to outliers).
    public static let zLimit = 4.0
    /// Confidence multiplier when a baseline-relative head falls back to population norms.
    public static let populationFallbackFactor = 0.6

    /// Creates a classifier for `model` (default: ``CueModel/default``).
    public init(model: CueModel = .default) { self.model = model }

    /// What one head made of a segment.
    public struct HeadResult: Sendable {
        /// Softmax: calibrated class probabilities in the head's class order; numeric: one value.
        public var outputs: [Double]
        /// Per feature (head order): weight × z for numeric heads (nil when missing).
        public var contributions: [(feature: CueFeature, value: Double, text: String)]
        /// 1 − 0.6 × (share of the head's absolute weight on missing features).
        public var coverage: Double
        /// True when at least one feature was compared with the speaker's baseline.
        public var usedBaseline: Bool
        /// Features the head wanted but the segment lacks.
        public var missing: [CueFeature]
    }

    /// Evaluates one head on a segment.
    public func evaluate(_ head: CueModel.Head, _ segment: SegmentFeatures, baseline: SpeakerBaseline?) -> HeadResult {
        let rows = head.weights.count
        var scores = head.bias
        var missingWeight = 0.0, totalWeight = 0.0
        var contributions: [(CueFeature, Double, String)] = []
        var missing: [CueFeature] = []
        var usedBaseline = false
        let useBaseline = head.normalisation == .baseline && (baseline?.isReady ?? false)
        for (j, norm) in head.features.enumerated() {
            let weight = (0..<rows).reduce(0) { $0 + abs(head.weights[$1][j]) }
            totalWeight += weight
            guard let raw = segment[norm.name], let x = SpeakerBaseline.transform(raw, norm.name) else {
                missingWeight += weight
                missing.append(norm.name)
                continue
            }
            var reference = norm.mean, scale = norm.populationSD, name = "population norm"
            if useBaseline, let b = baseline, let mean = b.mean(norm.name) {
                reference = mean
                scale = b.spread(norm.name, prior: norm.withinSpeakerSD)
                name = "baseline"
                usedBaseline = true
            }
            let z = min(Self.zLimit, max(-Self.zLimit, (x - reference) / scale))
            for r in 0..<rows { scores[r] += head.weights[r][j] * z }
            contributions.append((norm.name, head.weights[0][j] * z, Self.describe(norm.name, x, reference, name)))
        }
        let t = head.temperature
        let outputs: [Double]
        switch head.output {
        case .softmax:
            let top = scores.max() ?? 0
            let e = scores.map { exp(($0 - top) / t) }
            let sum = e.reduce(0, +)
            outputs = e.map { $0 / sum }
        case .tanh: outputs = [tanh(scores[0] / t)]
        case .sigmoid: outputs = [1 / (1 + exp(-scores[0] / t))]
        case .linear: outputs = [scores[0]]
        }
        let coverage = totalWeight > 0 ? 1 - 0.6 * missingWeight / totalWeight : 0
        return HeadResult(outputs: outputs, contributions: contributions, coverage: coverage,
                          usedBaseline: usedBaseline, missing: missing)
    }

    /// Classifies a segment. `baseline` is the speaker's state *before* this segment (update it
    /// afterwards, or use ``CueSession``); nil or not ready → population norms, lower confidence.
    public func classify(_ segment: SegmentFeatures, baseline: SpeakerBaseline? = nil) -> CueReport {
        let evidence = CueEvidence(segment)
        var reasons = evidence.reasons
        var fellBack = false
        var missing = Set<CueFeature>()

        func confidence(_ head: CueModel.Head, _ r: HeadResult, _ base: Double) -> Double {
            let relativeButPopulation = head.normalisation == .baseline && !r.usedBaseline
            if relativeButPopulation { fellBack = true }
            missing.formUnion(r.missing)
            let factor = relativeButPopulation ? Self.populationFallbackFactor : 1
            return min(1, max(0, base * evidence.quality * factor * r.coverage))
        }
        func categorical(_ target: CueTarget) -> CueReport.Categorical {
            let head = model.head(for: target)
            let r = evaluate(head, segment, baseline: baseline)
            let classes = head.classes ?? []
            var probabilities = Dictionary(uniqueKeysWithValues: target.classes!.map { ($0, 0.0) })
            for (c, p) in zip(classes, r.outputs) { probabilities[c] = p }
            let best = zip(classes, r.outputs).max { $0.1 < $1.1 }!
            return .init(label: best.0, probabilities: probabilities, confidence: confidence(head, r, best.1))
        }
        func dimension(_ target: CueTarget, evidenceStrings: Bool) -> CueReport.Dimension {
            let head = model.head(for: target)
            let r = evaluate(head, segment, baseline: baseline)
            let value = min(target.range.upperBound, max(target.range.lowerBound, r.outputs[0]))
            let strings = r.contributions.filter { $0.value > 0.15 }.sorted { $0.value > $1.value }.prefix(3).map(\.text)
            return .init(value: value, confidence: confidence(head, r, head.reliability),
                         evidence: evidenceStrings ? Array(strings) : nil)
        }

        var report = CueReport(
            uncertain: evidence.uncertain, reasons: [], baselineReady: baseline?.isReady ?? false,
            emotion: categorical(.emotion), arousal: dimension(.arousal, evidenceStrings: false),
            valence: dimension(.valence, evidenceStrings: false), ageBand: categorical(.ageBand),
            fatigue: dimension(.fatigue, evidenceStrings: true),
            frustration: dimension(.frustration, evidenceStrings: true))
        if fellBack && segment.voicedSeconds > 0 {
            reasons.append("speaker baseline not ready: compared with population norms (confidence × \(Self.populationFallbackFactor))")
        }
        if !missing.isEmpty && segment.voicedSeconds > 0 {
            reasons.append("not measured (population mean assumed): " + missing.sorted().map(\.rawValue).joined(separator: ", "))
        }
        report.reasons = reasons
        return report
    }

    /// "rate −20 % vs baseline", "pitch range +3.1 st vs population norm".
    static func describe(_ feature: CueFeature, _ x: Double, _ reference: Double, _ name: String) -> String {
        func signed(_ v: Double, _ digits: Int) -> String {
            let text = String(format: "%.\(digits)f", abs(v))
            return (v < 0 && Double(text) != 0 ? "−" : "+") + text
        }
        if feature.isLogScale {
            return "\(feature.label) \(signed((exp(x - reference) - 1) * 100, 0)) % vs \(name)"
        }
        let unit = feature == .energyMeanDBFS ? "dB" : feature.unit
        return "\(feature.label) \(signed(x - reference, 1)) \(unit) vs \(name)"
    }
}

/// One speaker's session: classifies each segment against the baseline built from the earlier
/// segments, then adds the segment to the baseline.
public struct CueSession: Sendable {
    /// The classifier.
    public var classifier: CueClassifier
    /// The speaker's baseline so far.
    public private(set) var baseline = SpeakerBaseline()

    /// Creates a session with `model`.
    public init(model: CueModel = .default) { classifier = CueClassifier(model: model) }

    /// Classifies `segment` against the current baseline, then updates the baseline with it
    /// (segments flagged uncertain because of noise or clipping are not added).
    public mutating func next(_ segment: SegmentFeatures) -> CueReport {
        let report = classifier.classify(segment, baseline: baseline)
        let evidence = CueEvidence(segment)
        let corrupt = (segment[.snrDB] ?? 0) < CueEvidence.minimumSNR
            || (segment[.clippedFraction] ?? 0) > CueEvidence.maximumClippedFraction
        if !(evidence.uncertain && corrupt) { baseline.update(with: segment) }
        return report
    }
}
