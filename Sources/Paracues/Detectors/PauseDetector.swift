/// Silent-pause detector: speech/non-speech per frame from an adaptive noise floor, the speaker's
/// running level and voicing evidence, then pauses as non-speech runs between speech.
///
/// A frame counts as the speaker's speech when
/// - it is voiced (voicing ≥ 0.5), at least 3 dB above the noise floor and within 30 dB of the
///   speaker's level; or
/// - it is at least 10 dB above the noise floor and within 25 dB of the speaker's level, or at least
///   20 dB above the floor and within 40 dB of the speaker's level (unvoiced consonants, whispered
///   syllables, fricatives weakened by a telephone band).
/// The noise floor is the minimum of the frame energy over the last 2 s, rising by at most 1 dB/s
/// when that minimum is gone (minimum statistics, after Martin 2001). The speaker's level follows the
/// loudest voiced frames and decays 3 dB/s, so a quiet background voice more than 30 dB below the
/// speaker is not speech. Speech runs shorter than 30 ms with no voiced frame are ignored as clicks.
///
/// A run of such frames is the speaker's only when it reaches the speaker's foreground: one frame
/// within 15 dB of the speaker's level, or a start within 100 ms of the speaker's last such frame.
/// Quieter runs (a background talker 15–30 dB down, in the speaker's pauses) stay part of the pause;
/// at most 200 ms of quiet speech before a foreground frame is counted as the speaker's onset.
///
/// A pause is a non-speech run of at least ``AnalysisConfiguration/minimumPause`` between two
/// speech runs; silence before the first and after the last speech is reported separately
/// (``leadingSilence``, ``trailingSilence``), never as a pause. Boundaries fall halfway between
/// the last speech frame and the first non-speech frame (and vice versa).
///
/// Latency: a pause is emitted 30 ms after speech resumes, or at the speaker's first foreground
/// frame when the speech resumes quietly.
struct PauseDetector {
    private let hopSeconds: Double
    private let minimumPause: Double
    private let floorWindow: Int
    private let floorRisePerFrame: Float
    private let levelDecayPerFrame: Float

    // Minimum-statistics floor: minima of consecutive blocks.
    private var blockMinima: [Float]
    private var blockCursor = 0
    private var blockFill = 0
    private var currentBlockMinimum: Float = .infinity
    private var floor: Float = .nan
    private var speakerLevel: Float = -.infinity

    // Run tracking (frame indices).
    private var lastSpeechFrame: Int? = nil
    private var firstSpeechFrame: Int? = nil
    private var candidateStart: Int? = nil
    private var candidateLength = 0
    private var candidateVoiced = false
    private var candidateForeground = false
    private var lastForegroundFrame: Int? = nil
    private var inSpeech = false

    /// Seconds of silence before the first speech (the whole stream when there is no speech).
    private(set) var leadingSilence: Double? = nil
    /// Seconds of silence after the last speech, known after `finish`.
    private(set) var trailingSilence: Double? = nil
    /// Start and end time of the speech, when any was found.
    private(set) var speechSpan: (start: Double, end: Double)? = nil

    private static let blockFrames = 25
    private static let minimumSpeechFrames = 3
    /// A frame within this many dB of the speaker's level is the speaker's for certain (foreground).
    private let foregroundRange: Float = 15
    /// Frames of quiet speech that may lead into the speaker's first foreground frame (200 ms).
    private let maximumLeadIn: Int
    /// Frames after the speaker's last foreground frame within which quiet speech still belongs to
    /// the speaker without a foreground frame of its own (100 ms).
    private let attachFrames: Int

    init(configuration: AnalysisConfiguration) {
        hopSeconds = configuration.hopSeconds
        minimumPause = configuration.minimumPause
        floorWindow = Int((2.0 / configuration.hopSeconds).rounded()) / Self.blockFrames
        floorRisePerFrame = Float(1.0 * configuration.hopSeconds)
        levelDecayPerFrame = Float(3.0 * configuration.hopSeconds)
        maximumLeadIn = max(1, Int((0.2 / configuration.hopSeconds).rounded()))
        attachFrames = Int((0.1 / configuration.hopSeconds).rounded())
        blockMinima = Array(repeating: .infinity, count: max(1, floorWindow))
    }

    /// Updates the noise floor with one frame's energy and returns the floor in dBFS.
    private mutating func updateFloor(_ energy: Float) -> Float {
        currentBlockMinimum = min(currentBlockMinimum, energy)
        blockFill += 1
        if blockFill == Self.blockFrames {
            blockMinima[blockCursor] = currentBlockMinimum
            blockCursor = (blockCursor + 1) % blockMinima.count
            currentBlockMinimum = .infinity
            blockFill = 0
        }
        var minimum = currentBlockMinimum
        for m in blockMinima { minimum = min(minimum, m) }
        if floor.isNaN || minimum <= floor { floor = minimum } else { floor = min(minimum, floor + floorRisePerFrame) }
        return floor
    }

    mutating func process(_ frame: FrameFeatures, into output: inout AnalysisOutput) {
        let energy = frame.energyDBFS
        let noise = updateFloor(energy)
        let voiced = frame.voicing >= 0.5 && frame.f0Hz > 0
        if voiced { speakerLevel = max(speakerLevel - levelDecayPerFrame, energy) } else { speakerLevel -= levelDecayPerFrame }
        let level = speakerLevel.isFinite ? speakerLevel : energy
        let isSpeech = (voiced && energy > noise + 3 && energy > level - 30)
            || (energy > noise + 10 && energy > level - 25 && energy > -100)
            || (energy > noise + 20 && energy > level - 40 && energy > -100)

        let foreground = energy > level - foregroundRange
        if isSpeech {
            if inSpeech {
                lastSpeechFrame = frame.index
                if foreground { lastForegroundFrame = frame.index }
                return
            }
            if candidateStart == nil { candidateStart = frame.index; candidateLength = 0; candidateVoiced = false; candidateForeground = false }
            candidateLength += 1
            candidateVoiced = candidateVoiced || voiced
            candidateForeground = candidateForeground || foreground
                || (lastForegroundFrame.map { candidateStart! - $0 <= attachFrames } ?? false)
            if !candidateForeground, let start = candidateStart, frame.index - start >= maximumLeadIn {
                // Quiet speech this long without one frame near the speaker's level: a background
                // voice so far; only its last `maximumLeadIn` frames may still lead into the speaker's.
                candidateStart = frame.index - maximumLeadIn + 1
                candidateLength = maximumLeadIn
            }
            if candidateForeground && (candidateLength >= Self.minimumSpeechFrames || candidateVoiced) {
                beginSpeech(at: candidateStart!, into: &output)
                lastSpeechFrame = frame.index
                if foreground { lastForegroundFrame = frame.index }
                inSpeech = true
                candidateStart = nil
            }
        } else {
            inSpeech = false
            candidateStart = nil
        }
    }

    /// Speech (re)starts at frame `start`: closes the silence before it.
    private mutating func beginSpeech(at start: Int, into output: inout AnalysisOutput) {
        if let last = lastSpeechFrame {
            let pauseStart = (Double(last) + 0.5) * hopSeconds
            let pauseEnd = (Double(start) - 0.5) * hopSeconds
            if pauseEnd - pauseStart >= minimumPause - 1e-9 {
                output.pauses.append(Pause(start: pauseStart, end: pauseEnd))
            }
        } else {
            firstSpeechFrame = start
            leadingSilence = max(0, (Double(start) - 0.5) * hopSeconds)
        }
    }

    mutating func finish(endTime: Double, into output: inout AnalysisOutput) {
        if let first = firstSpeechFrame, let last = lastSpeechFrame {
            let speechEnd = min(endTime, (Double(last) + 0.5) * hopSeconds)
            trailingSilence = max(0, endTime - speechEnd)
            speechSpan = (max(0, (Double(first) - 0.5) * hopSeconds), speechEnd)
        } else {
            leadingSilence = endTime
            trailingSilence = 0
        }
    }
}

extension PauseDetector {
    /// The silence around the speech, as known so far (complete after `finish`).
    var silence: SilenceSummary {
        SilenceSummary(leading: leadingSilence, trailing: trailingSilence,
                       speechStart: speechSpan?.start, speechEnd: speechSpan?.end)
    }
}

/// Silence before the first and after the last stretch of speech, in seconds.
public struct SilenceSummary: Sendable, Hashable {
    /// Silence before the first speech (the whole stream when there is no speech); nil until known.
    public var leading: Double?
    /// Silence after the last speech; nil until the stream is finished.
    public var trailing: Double?
    /// Time the speech starts, seconds; nil when there is none.
    public var speechStart: Double?
    /// Time the speech ends, seconds; nil when there is none or before the stream is finished.
    public var speechEnd: Double?
}
