import Foundation

/// A running model of one speaker in one session: mean and spread of every feature over the
/// segments seen so far, so that a new segment can be described relative to the speaker's own
/// habits ("rate +35 % vs baseline") rather than population norms.
///
/// Each segment counts with weight = its voiced seconds (capped at 30 s), a weighted Welford
/// update (West 1979). Log-scale features (``CueFeature/isLogScale``) are tracked as `ln(x)`.
/// The baseline is ``isReady`` after ``readyVoicedSeconds`` of voiced speech or ``readySegments``
/// segments with at least 1 s of voiced speech each; before that the classifier uses population norms.
///
/// Long sessions: once a feature's accumulated weight exceeds ``memorySeconds``, older segments are
/// down-weighted (weight and sum of squares scaled back to ``memorySeconds``), i.e. exponential
/// forgetting with a time constant of about ``memorySeconds`` of voiced speech, so the baseline follows
/// slow drift (a speaker warming up, a changed microphone) without reacting to a single turn.
public struct SpeakerBaseline: Sendable, Hashable, Codable {
    /// Voiced seconds after which the baseline is ready (default 20 s).
    public var readyVoicedSeconds: Double = 20
    /// Number of segments (each with ≥ 1 s voiced) after which the baseline is ready (default 3).
    public var readySegments: Int = 3
    /// Voiced seconds of memory before older segments are forgotten exponentially (default 300 s, > 0).
    public var memorySeconds: Double = 300

    private struct Moments: Sendable, Hashable, Codable {
        var weight = 0.0
        var weightSquared = 0.0
        var count = 0
        var mean = 0.0
        var m2 = 0.0
    }
    private var moments: [CueFeature: Moments] = [:]
    /// Voiced seconds seen so far.
    public private(set) var voicedSeconds = 0.0
    /// Segments with at least 1 s of voiced speech seen so far.
    public private(set) var segmentCount = 0

    /// An empty baseline.
    public init() {}

    /// True once enough speech has been seen to describe segments relative to it.
    public var isReady: Bool { voicedSeconds >= readyVoicedSeconds || segmentCount >= readySegments }

    /// Adds a segment. Segments with less than 0.5 s of voiced speech are ignored (too little to
    /// describe the speaker).
    public mutating func update(with segment: SegmentFeatures) {
        let voiced = segment.voicedSeconds
        guard voiced >= 0.5 else { return }
        voicedSeconds += voiced
        if voiced >= 1 { segmentCount += 1 }
        let w = min(voiced, 30)
        for (feature, raw) in segment.values where !feature.isQualityMeasure {
            guard let x = Self.transform(raw, feature) else { continue }
            var m = moments[feature] ?? Moments()
            m.weight += w
            m.weightSquared += w * w
            m.count += 1
            let delta = x - m.mean
            m.mean += delta * w / m.weight
            m.m2 += w * delta * (x - m.mean)
            if m.weight > memorySeconds {
                let keep = memorySeconds / m.weight
                m.weight *= keep
                m.m2 *= keep
            }
            moments[feature] = m
        }
    }

    /// Mean of `feature` over past segments in the comparison domain (`ln` for log-scale features);
    /// nil when never measured.
    public func mean(_ feature: CueFeature) -> Double? { moments[feature].map(\.mean) }

    /// Number of segments in which `feature` was measured.
    public func count(_ feature: CueFeature) -> Int { moments[feature]?.count ?? 0 }

    /// Spread of `feature` used for z-scores: the observed between-segment standard deviation shrunk
    /// towards `prior` (the model's typical within-speaker spread) as if the prior were worth
    /// `priorSegments` segments: `sqrt((k·prior² + (n−1)·s²) / (k + n − 1))`.
    public func spread(_ feature: CueFeature, prior: Double, priorSegments: Double = 5) -> Double {
        guard let m = moments[feature], m.count > 1, m.weight > 0 else { return prior }
        let variance = m.m2 / m.weight
        let n = Double(m.count)
        return ((priorSegments * prior * prior + (n - 1) * variance) / (priorSegments + n - 1)).squareRoot()
    }

    /// The value compared by the classifier: `ln(max(x, 1e-6))` for log-scale features, else x.
    public static func transform(_ value: Double, _ feature: CueFeature) -> Double? {
        guard value.isFinite else { return nil }
        return feature.isLogScale ? log(max(value, 1e-6)) : value
    }
}
