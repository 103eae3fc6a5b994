/// Tuning constants of the pitch tracker (see `docs/pitch.md`). Defaults follow Boersma (1993) and
/// Praat's `To Pitch (ac)` where a counterpart exists; the adaptive level replaces Praat's
/// whole-file peak, which a stream cannot know.
struct PitchParameters: Sendable {
    /// Minimum normalised autocorrelation for a frame to be voiced (Praat: 0.45).
    var voicingThreshold: Float = 0.45
    /// Frames whose local peak is below this ratio to the running peak level lean unvoiced
    /// (Praat's silence threshold, 0.03, applied to the running level instead of the global peak).
    var silenceThreshold: Float = 0.03
    /// After speech (the window's peak lies before the frame's instant), the same test on the peak
    /// within half a floor period of the instant, with this lower ratio: the tail of a vowel at the
    /// window's edge must not voice a frame whose own stretch is near-silent.
    var tailSilenceThreshold: Float = 0.01
    /// Weight of the energy above 4 kHz beyond its steady floor in the normalisation of every
    /// candidate's correlation, `r × E_low / (E_low + w · E_excess)`: the decimated (0–4 kHz)
    /// correlation does not see frication or aspiration, a full-band one (Praat's) counts it as
    /// aperiodic energy. 1 = as a full-band correlation would; 0 = ignored.
    var highBandWeight: Float = 1
    /// Energy above 4 kHz up to this multiple of its floor (its minimum over the last 0.5–1 s)
    /// counts as steady noise, not as aperiodic signal.
    var highBandFloorMargin: Float = 2
    /// Score bonus per octave of a candidate above the floor (Praat: 0.01).
    var octaveCost: Float = 0.01
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
    /// Penalty per octave of a candidate that is a sub-multiple (1/2, 1/3, 1/4) of another, nearly as
    /// strongly correlated candidate (see ``PitchCandidateScoring``).
    var subMultipleCost: Float = 0.03
    /// Relative tolerance of the integer frequency ratio of the sub-multiple test.
    var subMultipleTolerance: Float = 0.04
    /// How much weaker (in correlation) the higher candidate may be for the sub-multiple test.
    var subMultipleMargin: Float = 0.05
    /// Path cost per octave of f0 change between successive frames (Praat: 0.35).
    var octaveJumpCost: Float = 0.35
    /// Path cost of a voiced/unvoiced transition (Praat: 0.14).
    var voicedUnvoicedCost: Float = 0.14
    /// Most voiced candidates kept per frame (Praat: 15 in total; 8 is ample after peak picking).
    var maximumCandidates: Int = 10
    /// Release of the running peak level (the largest recent local peak), in dB per second.
    var levelReleaseDBPerSecond: Float = 1.5
    /// Lowest running peak level, in dBFS (keeps near-digital silence from counting as loud).
    var levelFloorDB: Float = -70
    /// Upward drift of the background-level (minimum) tracker, in dB per second.
    var noiseFloorRiseDBPerSecond: Float = 2
    /// Peak-to-background ratio (dB) below which the voicing threshold starts to drop…
    var noisySNRDB: Float = 30
    /// …and at which it has dropped by ``noiseThresholdDrop``; below it the drop shrinks again…
    var noisiestSNRDB: Float = 18
    /// …to nothing at this ratio (a stream of noise alone must not become easier to voice).
    var noiseOnlySNRDB: Float = 10
    /// Largest reduction of the voicing threshold in steady background noise.
    var noiseThresholdDrop: Float = 0.1
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
