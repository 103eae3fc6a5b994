/// Settings of one analysis. Every stage reads its parameters from here.
///
/// The defaults are the documented behaviour of `paracues analyze` (see `docs/features.md`).
public struct AnalysisConfiguration: Sendable, Hashable {
    /// Sample rate, in Hz, at which all features are computed. Input at any other rate is
    /// resampled to it first. Fixed at 16 000 Hz.
    public var analysisRate: Int = 16_000
    /// Hop between frames, in samples at ``analysisRate`` (160 = 10 ms). Frame `k` describes the
    /// instant `k × hop / analysisRate` seconds from the start of the stream.
    public var hop: Int = 160
    /// Lowest f0 searched, in Hz (valid 30…400, below ``maximumF0``).
    public var minimumF0: Double = 50
    /// Highest f0 searched, in Hz (valid 100…1 200, above ``minimumF0``).
    public var maximumF0: Double = 800
    /// Shortest silent interval reported as a pause, in seconds (valid ≥ 0.05).
    public var minimumPause: Double = 0.200
    /// Bandwidth of the original recording, in Hz: `min(sourceRate, analysisRate) / 2`. Features
    /// that need energy above it are reported as not measurable. Set by the input stage.
    public var sourceBandwidth: Double = 8_000

    /// Creates the default configuration.
    public init() {}

    /// Hop in seconds (0.010 by default).
    public var hopSeconds: Double { Double(hop) / Double(analysisRate) }

    /// Checks the values are in their valid ranges.
    /// - Throws: ``ParacuesError/invalidConfiguration(_:)`` naming the first bad value.
    public func validate() throws(ParacuesError) {
        guard analysisRate == 16_000 else {
            throw .invalidConfiguration("analysis rate must be 16000 Hz (got \(analysisRate))")
        }
        guard hop == 160 else { throw .invalidConfiguration("hop must be 160 samples (10 ms), got \(hop)") }
        guard (30...400).contains(minimumF0), (100...1_200).contains(maximumF0), minimumF0 * 1.5 < maximumF0
        else {
            throw .invalidConfiguration(
                "pitch range \(minimumF0)–\(maximumF0) Hz is invalid (floor 30–400 Hz, ceiling 100–1200 Hz, ceiling > 1.5 × floor)")
        }
        guard minimumPause >= 0.05, minimumPause.isFinite else {
            throw .invalidConfiguration("minimum pause must be at least 0.05 s (got \(minimumPause))")
        }
    }
}
