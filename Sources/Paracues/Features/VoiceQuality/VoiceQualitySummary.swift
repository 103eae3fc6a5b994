/// A measured value, or why it could not be measured.
public struct Measured: Sendable, Hashable, Codable {
    /// The value, or nil when not measurable.
    public var value: Double?
    /// Why ``value`` is nil (e.g. "only 3 periods measured (need 10)"); nil when measured.
    public var reason: String?

    /// A measured value.
    public static func value(_ v: Double) -> Measured { Measured(value: v, reason: nil) }
    /// A value that could not be measured, with the reason.
    public static func missing(_ reason: String) -> Measured { Measured(value: nil, reason: reason) }
}

/// Praat-compatible voice quality over a file or window: jitter, shimmer and harmonicity.
///
/// Jitter and shimmer come from glottal period marks found on the waveform (see
/// ``VoiceQualityAnalyzer``); fractions are reported in percent like Praat's voice report.
/// Definitions: ``PerturbationSums`` and `docs/egemaps.md#voice-quality`.
public struct VoiceQualitySummary: Sendable, Hashable, Codable {
    /// Jitter (local), percent.
    public var jitterLocalPercent: Measured
    /// Jitter (local, absolute), seconds.
    public var jitterLocalAbsoluteSeconds: Measured
    /// Jitter (RAP), percent.
    public var jitterRAPPercent: Measured
    /// Jitter (PPQ5), percent.
    public var jitterPPQ5Percent: Measured
    /// Shimmer (local), percent.
    public var shimmerLocalPercent: Measured
    /// Shimmer (local, dB), dB.
    public var shimmerLocalDB: Measured
    /// Shimmer (APQ3), percent.
    public var shimmerAPQ3Percent: Measured
    /// Shimmer (APQ5), percent.
    public var shimmerAPQ5Percent: Measured
    /// Shimmer (APQ11), percent.
    public var shimmerAPQ11Percent: Measured
    /// Mean harmonics-to-noise ratio over voiced frames (cross-correlation method), dB.
    public var hnrDB: Measured
    /// Number of valid glottal periods measured.
    public var periodCount: Int
    /// Number of voiced frames with an HNR value.
    public var hnrFrameCount: Int

    /// Builds the summary from accumulated sums.
    /// - Parameters:
    ///   - sums: perturbation sums.
    ///   - hnrSum: Σ per-frame HNR (dB) over `hnrFrames` frames.
    ///   - minimumTerms: fewest terms a measure needs to be reported (default 5).
    public init(sums s: PerturbationSums, hnrSum: Double, hnrFrames: Int, minimumTerms: Int = 5) {
        func ratio(_ sum: Double, _ count: Int, over mean: Double, scale: Double, what: String) -> Measured {
            guard count >= minimumTerms, mean > 0 else {
                return .missing("only \(count) \(what) term(s) measured (need \(minimumTerms)): too few regular voiced periods")
            }
            return .value(sum / Double(count) / mean * scale)
        }
        let meanT = s.periodCount > 0 ? s.periodSum / Double(s.periodCount) : 0
        let meanA = s.amplitudeCount > 0 ? s.amplitudeSum / Double(s.amplitudeCount) : 0
        jitterLocalPercent = ratio(s.jitterAbsoluteSum, s.jitterPairCount, over: meanT, scale: 100, what: "jitter")
        jitterLocalAbsoluteSeconds = ratio(s.jitterAbsoluteSum, s.jitterPairCount, over: 1, scale: 1, what: "jitter")
        jitterRAPPercent = ratio(s.rapSum, s.rapCount, over: meanT, scale: 100, what: "RAP")
        jitterPPQ5Percent = ratio(s.ppq5Sum, s.ppq5Count, over: meanT, scale: 100, what: "PPQ5")
        shimmerLocalPercent = ratio(s.shimmerAbsoluteSum, s.shimmerPairCount, over: meanA, scale: 100, what: "shimmer")
        shimmerLocalDB = ratio(s.shimmerDBSum, s.shimmerPairCount, over: 1, scale: 1, what: "shimmer")
        shimmerAPQ3Percent = ratio(s.apq3Sum, s.apq3Count, over: meanA, scale: 100, what: "APQ3")
        shimmerAPQ5Percent = ratio(s.apq5Sum, s.apq5Count, over: meanA, scale: 100, what: "APQ5")
        shimmerAPQ11Percent = ratio(s.apq11Sum, s.apq11Count, over: meanA, scale: 100, what: "APQ11")
        hnrDB = hnrFrames > 0 ? .value(hnrSum / Double(hnrFrames)) : .missing("no voiced frames")
        periodCount = s.periodCount
        hnrFrameCount = hnrFrames
    }
}
