/// The `paracues/1` report of one analysed file or stream. Field by field: `docs/schema.md`.
///
/// Encoded with ``ReportEncoding/json(_:)``; key names are snake_case as in the schema.
public struct AnalysisReport: Sendable, Codable {
    /// Always `"paracues/1"`.
    public var schema = "paracues/1"
    /// The input's path (or `"-"` for stdin).
    public var file: String
    /// Length of the input in seconds.
    public var durationS: Double
    /// The input's sample rate in Hz.
    public var sampleRate: Int
    /// The input's channel count.
    public var channels: Int
    /// The channel analysed (0-based), or nil when all channels were averaged.
    @ExplicitNull public var channel: Int?
    /// Sample rate of the analysis, Hz.
    public var analysisRate: Int
    /// Seconds between frames.
    public var hopS: Double
    /// Per-file statistics.
    public var summary: Summary
    /// Silent pauses between stretches of speech.
    public var pauses: [TimeSpan]
    /// Non-verbal events.
    public var events: [Event]
    /// Conditions that qualify the numbers (clipping, non-finite input, truncation…).
    public var warnings: [String]
    /// Paralinguistic cues for the whole file (`docs/cues.md`); judged against population norms,
    /// since one file gives no speaker baseline of its own.
    public var cues: CueReport?
    /// Turns (speech between pauses ≥ 0.7 s, at most 20 s), each with its cues judged against the
    /// speaker's baseline from the earlier turns.
    public var segments: [Segment] = []
    /// Frame arrays (only with `--frames`).
    public var frames: FrameTable?
    /// Set when the input ended early (truncated file, decoder failure part-way): the report covers
    /// what was read, and this error says how much. Not part of the JSON (see `warnings`).
    public var incompleteInput: ParacuesError? = nil

    enum CodingKeys: String, CodingKey {
        case schema, file, durationS = "duration_s", sampleRate = "sample_rate", channels, channel
        case analysisRate = "analysis_rate", hopS = "hop_s", summary, pauses, events, warnings, cues, segments, frames
    }

    /// One turn of the file with its cues.
    public struct Segment: Sendable, Codable {
        public var startS: Double
        public var endS: Double
        public var cues: CueReport
        enum CodingKeys: String, CodingKey { case startS = "start_s", endS = "end_s", cues }
        public init(startS: Double, endS: Double, cues: CueReport) { self.startS = startS; self.endS = endS; self.cues = cues }
    }

    /// A time interval in seconds.
    public struct TimeSpan: Sendable, Codable, Hashable {
        public var startS: Double
        public var endS: Double
        enum CodingKeys: String, CodingKey { case startS = "start_s", endS = "end_s" }
        public init(startS: Double, endS: Double) { self.startS = startS; self.endS = endS }
    }

    /// A non-verbal event.
    public struct Event: Sendable, Codable, Hashable {
        public var type: String
        public var startS: Double
        public var endS: Double
        public var confidence: Double
        enum CodingKeys: String, CodingKey { case type, startS = "start_s", endS = "end_s", confidence }
    }

    /// Per-file statistics.
    public struct Summary: Sendable, Codable {
        public var pitch: PitchSummary
        public var loudness: LevelSummary
        public var energyDBFS: LevelSummary
        public var pauses: PauseSummary
        public var leadingSilenceS: Double
        public var trailingSilenceS: Double
        public var speechS: Double
        /// Syllables per second of speaking time, pauses included (null: under 0.5 s of phonation).
        @ExplicitNull public var speakingRateSylS: Double? = nil
        /// Syllables per second of phonation time, pauses excluded (null: under 0.5 s of phonation).
        @ExplicitNull public var articulationRateSylS: Double? = nil
        /// Syllable nuclei counted.
        public var syllableCount = 0
        enum CodingKeys: String, CodingKey {
            case pitch, loudness, energyDBFS = "energy_dbfs", pauses
            case leadingSilenceS = "leading_silence_s", trailingSilenceS = "trailing_silence_s", speechS = "speech_s"
            case speakingRateSylS = "speaking_rate_syl_s", articulationRateSylS = "articulation_rate_syl_s"
            case syllableCount = "syllable_count"
        }
    }

    /// f0 statistics over voiced frames. Nil values: no voiced frame.
    public struct PitchSummary: Sendable, Codable {
        @ExplicitNull public var meanHz: Double?
        @ExplicitNull public var medianHz: Double?
        @ExplicitNull public var p10Hz: Double?
        @ExplicitNull public var p90Hz: Double?
        /// p90 − p10 in semitones.
        @ExplicitNull public var rangeSt: Double?
        /// Standard deviation of f0 in semitones.
        @ExplicitNull public var stddevSt: Double?
        /// Voiced frames / all frames.
        public var voicedFraction: Double
        enum CodingKeys: String, CodingKey {
            case meanHz = "mean_hz", medianHz = "median_hz", p10Hz = "p10_hz", p90Hz = "p90_hz"
            case rangeSt = "range_st", stddevSt = "stddev_st", voicedFraction = "voiced_fraction"
        }
    }

    /// Statistics of a level over the speech frames (all frames when there is no speech).
    public struct LevelSummary: Sendable, Codable {
        @ExplicitNull public var mean: Double?
        @ExplicitNull public var stddev: Double?
        @ExplicitNull public var p10: Double?
        @ExplicitNull public var median: Double?
        @ExplicitNull public var p90: Double?
    }

    /// Pause statistics.
    public struct PauseSummary: Sendable, Codable {
        public var count: Int
        public var totalS: Double
        @ExplicitNull public var meanS: Double?
        @ExplicitNull public var longestS: Double?
        enum CodingKeys: String, CodingKey { case count, totalS = "total_s", meanS = "mean_s", longestS = "longest_s" }
    }

    /// Frame values as parallel arrays (columnar: compact and easy to load into numpy/pandas).
    public struct FrameTable: Sendable, Codable {
        public var timeS: [Double] = []
        public var f0Hz: [Float] = []
        public var voicing: [Float] = []
        public var energyDBFS: [Float] = []
        public var loudness: [Float] = []
        /// Validity flags per frame: `FrameValidity.rawValue` (0 = valid; bit 0 non-finite input, bit 1
        /// clipped, bit 2 digital silence).
        public var flags: [UInt8] = []
        /// An empty table.
        public init() {}
        enum CodingKeys: String, CodingKey {
            case timeS = "time_s", f0Hz = "f0_hz", voicing, energyDBFS = "energy_dbfs", loudness, flags
        }
    }
}
