/// The cue classifier's verdict on one segment: the `"cues"` object of a paracues report
/// (`docs/cues.md#report`). Keys are snake_case.
public struct CueReport: Sendable, Codable, Hashable {
    /// True when the evidence is too thin to trust any cue (see ``reasons``).
    public var uncertain: Bool
    /// Why the evidence is thin or confidence reduced (empty when all is well).
    public var reasons: [String]
    /// True when features were compared with the speaker's own baseline; false: population norms.
    public var baselineReady: Bool
    /// Categorical emotion.
    public var emotion: Categorical
    /// Activation −1…1.
    public var arousal: Dimension
    /// Pleasantness −1…1 (low confidence by design).
    public var valence: Dimension
    /// Age band.
    public var ageBand: Categorical
    /// Tiredness 0…1 with its evidence.
    public var fatigue: Dimension
    /// Frustration 0…1 with its evidence.
    public var frustration: Dimension

    enum CodingKeys: String, CodingKey {
        case uncertain, reasons, baselineReady = "baseline_ready", emotion, arousal, valence
        case ageBand = "age_band", fatigue, frustration
    }

    /// A categorical cue.
    public struct Categorical: Sendable, Codable, Hashable {
        /// The most probable class.
        public var label: String
        /// Calibrated probability of every class (sum 1).
        public var probabilities: [String: Double]
        /// 0…1: calibrated top probability reduced for thin evidence, missing features and (for
        /// baseline-relative cues) a baseline not yet ready.
        public var confidence: Double
    }

    /// A numeric cue.
    public struct Dimension: Sendable, Codable, Hashable {
        /// The value (−1…1 for arousal and valence, 0…1 for fatigue and frustration).
        public var value: Double
        /// 0…1: the head's reliability reduced as for ``Categorical/confidence``.
        public var confidence: Double
        /// Strongest contributions pushing the value up, e.g. `"rate −20 % vs baseline"` (fatigue and
        /// frustration only; absent for arousal and valence).
        public var evidence: [String]?
    }
}
