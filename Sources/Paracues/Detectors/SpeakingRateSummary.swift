/// Syllable count and rates over a stretch of audio (a file, a segment or a rolling window).
///
/// Definitions (de Jong & Wempe 2009): *speech rate* is syllables per second of speaking time, the
/// span from the start of the first sounding stretch to the end of the last one (pauses inside it
/// included); *articulation rate* is syllables per second of phonation time (speaking time minus
/// silent pauses of at least ``AnalysisConfiguration/minimumPause``). Both are 0 when their time is 0.
public struct SpeakingRateSummary: Sendable, Hashable, Codable {
    /// Syllable nuclei counted, ≥ 0.
    public var syllableCount: Int
    /// Syllables per second of speaking time (pauses included), syl/s; typical speech 3–7.
    public var speechRate: Double
    /// Syllables per second of phonation time (pauses excluded), syl/s; ≥ ``speechRate``.
    public var articulationRate: Double
    /// Speaking time: first sounding instant to last, in seconds.
    public var speakingTime: Double
    /// Phonation time: speaking time without the silent pauses, in seconds.
    public var phonationTime: Double

    /// Creates a summary; the rates are derived from the count and times.
    public init(syllableCount: Int, speakingTime: Double, phonationTime: Double) {
        self.syllableCount = syllableCount
        self.speakingTime = speakingTime
        self.phonationTime = phonationTime
        speechRate = speakingTime > 0 ? Double(syllableCount) / speakingTime : 0
        articulationRate = phonationTime > 0 ? Double(syllableCount) / phonationTime : 0
    }
}
