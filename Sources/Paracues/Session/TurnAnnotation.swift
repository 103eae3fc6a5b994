/// Measurements of one user turn, from the engine's frames, pauses and events.
///
/// Pitch and loudness statistics use the turn's voiced frames (voicing ≥ 0.5, f0 > 0); `nil` means
/// the turn had too few voiced frames (fewer than ``SessionAnnotator/Configuration/minimumVoicedFrames``).
public struct TurnFeatures: Sendable, Hashable, Codable {
    /// Median f0 of the voiced frames, Hz.
    public var pitchMedianHz: Double?
    /// Pitch range: 90th minus 10th percentile of voiced f0, in semitones (≥ 0).
    public var pitchRangeSemitones: Double?
    /// Median auditory loudness of the voiced frames (sone-like units, ≥ 0; `docs/features.md#loudness`).
    public var loudnessMedian: Double?
    /// Median frame energy of the voiced frames, dBFS.
    public var energyMedianDBFS: Double?
    /// Fraction of the turn's frames that are voiced, 0…1.
    public var voicedFraction: Double
    /// Syllable nuclei found in the turn by the engine's speaking-rate tracker
    /// (``SpeakingRateTracker``, `docs/detectors.md`).
    public var syllableCount: Int
    /// Articulation rate: nuclei per second of phonation time (pauses excluded), syl/s; `nil` under
    /// ``SessionAnnotator/minimumRateSeconds`` of phonation.
    public var articulationRate: Double?
    /// Speech rate: nuclei per second from the first to the last sounding instant of the turn
    /// (pauses included), syl/s; `nil` as ``articulationRate``.
    public var speechRate: Double?
    /// Silent pauses inside the turn.
    public var pauses: [Pause]
    /// Non-verbal events (laughter, sigh, …) inside the turn, as the engine reported them.
    public var events: [ParalinguisticEvent]

    /// Creates a record.
    public init(pitchMedianHz: Double? = nil, pitchRangeSemitones: Double? = nil, loudnessMedian: Double? = nil,
                energyMedianDBFS: Double? = nil, voicedFraction: Double = 0, syllableCount: Int = 0,
                articulationRate: Double? = nil, speechRate: Double? = nil,
                pauses: [Pause] = [], events: [ParalinguisticEvent] = []) {
        self.pitchMedianHz = pitchMedianHz
        self.pitchRangeSemitones = pitchRangeSemitones
        self.loudnessMedian = loudnessMedian
        self.energyMedianDBFS = energyMedianDBFS
        self.voicedFraction = voicedFraction
        self.syllableCount = syllableCount
        self.articulationRate = articulationRate
        self.speechRate = speechRate
        self.pauses = pauses
        self.events = events
    }
}

/// Relative change of a turn against the session baseline (median of earlier turns), in percent:
/// `100 × (turn − baseline) / baseline`. `nil` when either side is unknown (e.g. the first turn).
public struct BaselineChange: Sendable, Hashable, Codable {
    /// Pitch median change, %.
    public var pitchPercent: Double?
    /// Loudness median change, %.
    public var loudnessPercent: Double?
    /// Articulation rate change, %.
    public var ratePercent: Double?
    /// Number of earlier turns the baseline is made of.
    public var baselineTurns: Int
    /// Creates a record.
    public init(pitchPercent: Double? = nil, loudnessPercent: Double? = nil, ratePercent: Double? = nil,
                baselineTurns: Int = 0) {
        self.pitchPercent = pitchPercent
        self.loudnessPercent = loudnessPercent
        self.ratePercent = ratePercent
        self.baselineTurns = baselineTurns
    }
}

/// What the annotator says about one user turn: structured values and a compact text for a model.
/// Never contains audio.
public struct TurnAnnotation: Sendable, Hashable, Codable {
    /// Turn number in the session, from 1.
    public var turn: Int
    /// Start of the turn, seconds from the start of the session's audio.
    public var start: Double
    /// End of the turn, seconds.
    public var end: Double
    /// Whether the engine had analysed all frames up to `end` when the annotation was made (false
    /// when a turn end arrived less than the engine latency after the audio).
    public var complete: Bool
    /// Measurements.
    public var features: TurnFeatures
    /// Change against the session baseline.
    public var change: BaselineChange
    /// The cue classifier's verdict on the turn, judged against the speaker's baseline from the
    /// session's earlier turns (`docs/cues.md`); nil when the annotator has no cue model.
    public var cues: CueReport?
    /// One-line summary plus the guidance line, for a model's context.
    public var text: String
}
