/// Finds user turns in the engine's frames when no external voice-activity events are given.
///
/// A frame is active when it is voiced (voicing ≥ 0.5) and at least 6 dB above the noise floor, or
/// at least 15 dB above it (unvoiced consonants); and above −70 dBFS. The floor follows the frame
/// energy down at once and rises by at most 1 dB/s (minimum tracking, after Martin 2001); it starts
/// at −60 dBFS. A turn starts at the first active frame and ends when ``endSilenceFrames`` inactive
/// frames follow the last active one; turns with fewer than ``minimumVoicedFrames`` voiced frames
/// are dropped as noise. Boundaries fall half a hop outside the first and last active frames.
///
/// Latency: a turn end is known `endSilence` seconds after the speech stops (plus the engine's).
/// No allocation per frame.
struct OwnTurnDetector {
    /// A finished turn, frame indices inclusive.
    struct Turn { var firstFrame: Int; var lastFrame: Int }

    let endSilenceFrames: Int
    let minimumVoicedFrames: Int
    private let risePerFrame: Float
    private var floor: Float = -60
    private var firstActive: Int? = nil
    private var lastActive = 0
    private var voicedCount = 0

    init(endSilence: Double, minimumVoicedFrames: Int, hopSeconds: Double) {
        endSilenceFrames = max(1, Int((endSilence / hopSeconds).rounded()))
        self.minimumVoicedFrames = minimumVoicedFrames
        risePerFrame = Float(hopSeconds)
    }

    /// Whether a turn is under way (speech seen, end not yet decided).
    var inTurn: Bool { firstActive != nil }

    /// Feeds one frame; returns a turn when this frame decides its end.
    mutating func process(index: Int, voicing: Float, f0Hz: Float, energyDBFS: Float) -> Turn? {
        let energy = energyDBFS
        floor = min(energy, floor + risePerFrame)
        let voiced = voicing >= 0.5 && f0Hz > 0
        let active = energy > -70 && ((voiced && energy > floor + 6) || energy > floor + 15)
        if active {
            if firstActive == nil { firstActive = index; voicedCount = 0 }
            lastActive = index
            if voiced { voicedCount += 1 }
            return nil
        }
        guard let first = firstActive, index - lastActive >= endSilenceFrames else { return nil }
        return close(first: first)
    }

    /// Ends the stream: closes an open turn.
    mutating func finish() -> Turn? {
        guard let first = firstActive else { return nil }
        return close(first: first)
    }

    private mutating func close(first: Int) -> Turn? {
        firstActive = nil
        return voicedCount >= minimumVoicedFrames ? Turn(firstFrame: first, lastFrame: lastActive) : nil
    }
}
