/// Voice quality of one frame, eGeMAPS-style (only voiced frames carry values).
///
/// Emitted by ``VoiceQualityAnalyzer`` a few frames after the frame itself (once the glottal periods
/// within ±30 ms of its instant are known), in frame order.
public struct VoiceQualityFrame: Sendable, Hashable {
    /// Frame number k (instant k × hop).
    public var index: Int
    /// Harmonics-to-noise ratio from the normalised cross-correlation at the period, dB
    /// (`10 log10(r / (1 − r))`, clamped to −40…60 dB); nil when the frame is unvoiced.
    public var hnrDB: Float?
    /// Jitter (local) of the periods ending within ±30 ms of the instant, as a fraction
    /// (mean |ΔT| / mean T, 0.01 = 1 %); nil when fewer than 2 consecutive valid periods.
    public var jitterLocal: Float?
    /// Shimmer (local, dB) of the periods ending within ±30 ms: mean |20 log10(A_i / A_{i−1})|, dB.
    public var shimmerLocalDB: Float?

    /// Creates a record.
    public init(index: Int, hnrDB: Float? = nil, jitterLocal: Float? = nil, shimmerLocalDB: Float? = nil) {
        self.index = index
        self.hnrDB = hnrDB
        self.jitterLocal = jitterLocal
        self.shimmerLocalDB = shimmerLocalDB
    }
}

/// Running totals of everything a ``VoiceQualitySummary`` needs; subtract two snapshots to get a window.
public struct VoiceQualityTotals: Sendable, Hashable {
    /// Jitter and shimmer sums.
    public var perturbation = PerturbationSums()
    /// Σ per-frame HNR over voiced frames, dB.
    public var hnrSum = 0.0
    /// Number of voiced frames with an HNR value.
    public var hnrFrames = 0

    /// Empty totals.
    public init() {}

    /// The totals accumulated between `earlier` and `self` (for a sliding window).
    public func since(_ earlier: VoiceQualityTotals) -> VoiceQualityTotals {
        var t = self
        t.perturbation.subtract(earlier.perturbation)
        t.hnrSum -= earlier.hnrSum
        t.hnrFrames -= earlier.hnrFrames
        return t
    }

    /// The summary of these totals.
    public func summary(minimumTerms: Int = 5) -> VoiceQualitySummary {
        VoiceQualitySummary(sums: perturbation, hnrSum: hnrSum, hnrFrames: hnrFrames, minimumTerms: minimumTerms)
    }
}

/// One measured glottal period, kept briefly for per-frame values.
struct PeriodRecord {
    /// End mark, absolute sample position.
    var end: Double = 0
    /// Period, seconds (0 when invalid).
    var period: Double = 0
    /// |T_i − T_{i−1}| in seconds, or −1 when the pair is not valid.
    var absoluteDifference: Double = -1
    /// |20 log10(A_i / A_{i−1})| in dB, or −1 when not valid.
    var decibelDifference: Double = -1
}
