/// Tuning constants of the pitch tracker (see `docs/pitch.md`). Defaults follow Boersma (1993) and
/// Praat's `To Pitch (ac)` where a counterpart exists; the adaptive level replaces Praat's
/// whole-file peak, which a stream cannot know.
struct PitchParameters: Sendable {
    /// Minimum normalised autocorrelation for a frame to be voiced (Praat: 0.45).
    var voicingThreshold: Float = 0.45
    /// Frames quieter than this amplitude ratio to the running speech level lean unvoiced
    /// (Praat's silence threshold, 0.03, applied to the running level instead of the global peak).
    var silenceThreshold: Float = 0.03
    /// Score bonus per octave of a candidate above the most strongly correlated one (Praat: 0.01, measured
    /// from the floor; relative here so that it favours short periods without raising voicing).
    var octaveCost: Float = 0.04
    /// Weight of the magnitude-spectrum ("compressed") correlation test: a candidate loses
    /// `weight × max(0, c_lower − c − margin)`, where `c` is its compressed correlation and
    /// `c_lower` the best of the candidates below 0.75 × its frequency. Compression lets weak odd
    /// harmonics count, which separates f0 from 2·f0 when the second harmonic dominates.
    var compressedWeight: Float = 2
    /// Margin of the compressed correlation test (see ``compressedWeight``).
    var compressedMargin: Float = 0.1
    /// Correlation of the longer-period candidate below which the compressed test is not trusted
    /// (its weight rises linearly from 0 there to 1 at a correlation of 1).
    var compressedTrustFloor: Float = 0.9
    /// Path cost per octave of f0 change between successive frames (Praat: 0.35).
    var octaveJumpCost: Float = 0.35
    /// Path cost of a voiced/unvoiced transition (Praat: 0.14).
    var voicedUnvoicedCost: Float = 0.14
    /// Most voiced candidates kept per frame (Praat: 15 in total; 8 is ample after peak picking).
    var maximumCandidates: Int = 10
    /// Release of the running speech level, in dB per second.
    var levelReleaseDBPerSecond: Float = 3
    /// Lowest running speech level, in dBFS (keeps near-digital silence from counting as loud).
    var levelFloorDB: Float = -70
    /// Frames below this mean-square level (dBFS) have no voiced candidate at all.
    var absoluteSilenceDB: Float = -90
    /// Scale (in path-score units) of the logistic mapping a voiced-vs-unvoiced score margin to a
    /// voicing probability.
    var probabilityScale: Float = 0.05
    /// Window length in periods of the pitch floor (Boersma 1993: 3 for the Hann window).
    var periodsPerWindow: Double = 3
    /// Longest total latency (window half-length + look-ahead), in seconds.
    var maximumLatency: Double = 0.100
    /// Preferred path-search look-ahead, in frames.
    var preferredLookAhead: Int = 6
}
