/// What a cue model head predicts.
public enum CueTarget: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
    /// Categorical emotion: neutral, happy, sad, angry, anxious.
    case emotion
    /// Activation, −1 (calm, sleepy) … +1 (excited, agitated).
    case arousal
    /// Pleasantness, −1 (negative) … +1 (positive). Weakly reflected in acoustics.
    case valence
    /// Age band: child, teen, adult, senior.
    case ageBand = "age_band"
    /// Tiredness, 0 … 1.
    case fatigue
    /// Frustration or annoyance, 0 … 1.
    case frustration

    /// Class labels of categorical targets (in report order); nil for numeric targets.
    public var classes: [String]? {
        switch self {
        case .emotion: return ["neutral", "happy", "sad", "angry", "anxious"]
        case .ageBand: return ["child", "teen", "adult", "senior"]
        default: return nil
        }
    }

    /// Valid range of numeric targets: −1…1 for arousal and valence, 0…1 for fatigue and frustration.
    public var range: ClosedRange<Double> {
        switch self {
        case .arousal, .valence: return -1...1
        default: return 0...1
        }
    }
}
