/// Streaming sigh detector: reports `{"type": "sigh", start, end, confidence}` events.
///
/// A sigh is an audible, mostly unvoiced, breathy exhalation of about 0.4–2 s with falling energy,
/// often after an audible inhalation (Vlemincx et al. 2013; Teigen 2008). The detector looks for one
/// continuous sounding stretch (smoothed 300–3000 Hz level ≥ 10 dB above the tracked noise floor,
/// gaps ≤ 50 ms bridged) that
/// 1. lasts 0.4–2.5 s (fricatives are shorter, stationary noise does not rise above its own floor),
/// 2. is mostly unvoiced: at most 25 % of its frames have harmonicity ≥ 0.7 (speech is mostly voiced),
/// 3. fades: the mean level of its last 30 % is ≥ 4 dB below that of its first 30 %,
/// 4. is one breath: no dip inside it deeper than 10 dB below the lower of the maxima on either side
///    (a string of syllables has such dips between them).
///
/// Confidence grows with the energy drop and the unvoiced share. Latency: an event is decided 60 ms
/// after the sounding stretch ends; stretches longer than 2.5 s are rejected as soon as they pass it.
/// Known failures: very quiet sighs (< 10 dB above the noise), sighs overlapping speech or another
/// sound, voiced "aah" sighs (rejected as voiced), long breathy fades of whispered speech.
public struct SighDetector: Sendable, RunEventDetector {
    /// Level above the noise floor for a frame to be sounding, dB.
    public let aboveFloorDB: Float = 10
    /// Shortest and longest sigh, seconds.
    public let durationRange: ClosedRange<Double> = 0.4...2.5
    /// Largest share of clearly voiced frames.
    public let maximumVoicedShare: Float = 0.25
    /// Harmonicity at or above which a frame counts as clearly voiced.
    public let voicedHarmonicity: Float = 0.7
    /// Minimum level drop from the first to the last 30 % of the stretch, dB.
    public let minimumDropDB: Float = 4
    /// Deepest allowed dip inside the stretch, dB.
    public let maximumInnerDipDB: Float = 10
    /// Longest silence bridged inside one stretch, frames.
    private let bridgeFrames = 5

    private let hopSeconds: Double
    var history = EventFrameHistory(capacity: 8)
    private var levels: [Float]
    private var voiced: [Bool]
    private var rightMaximum: [Float]
    private(set) var start = -1
    private var lastActive = -1
    private var tooLong = false

    /// Creates a detector for the configuration's hop.
    public init(configuration: AnalysisConfiguration = AnalysisConfiguration()) {
        hopSeconds = configuration.hopSeconds
        let capacity = Int((2.5 / configuration.hopSeconds).rounded(.up)) + 16
        levels = []
        levels.reserveCapacity(capacity)
        voiced = []
        voiced.reserveCapacity(capacity)
        rightMaximum = [Float](repeating: 0, count: capacity)
    }

    /// Feeds the next completed frame (in index order); appends decided sigh events.
    public mutating func process(_ frame: FrameFeatures, acoustics: FrameAcoustics, into output: inout AnalysisOutput) {
        pushFrame(frame, acoustics: acoustics, into: &output)
    }

    /// Ends the stream: decides the frames still held and an open run.
    public mutating func finish(into output: inout AnalysisOutput) { flush(into: &output) }

    mutating func step(_ f: SmoothedEventFrame, into output: inout AnalysisOutput) {
        let active = f.level >= f.floor + aboveFloorDB
        if active {
            if start < 0 { start = f.index; tooLong = false }
            lastActive = f.index
        } else if start >= 0 && f.index - lastActive > bridgeFrames {
            close(into: &output)
            return
        }
        guard start >= 0 else { return }
        if levels.count < levels.capacity - 1 {
            levels.append(f.level)
            voiced.append(f.harmonicity >= voicedHarmonicity)
        } else {
            tooLong = true
        }
    }

    mutating func close(into output: inout AnalysisOutput) {
        defer {
            start = -1
            levels.removeAll(keepingCapacity: true)
            voiced.removeAll(keepingCapacity: true)
        }
        let count = lastActive - start + 1
        let duration = Double(count) * hopSeconds
        guard !tooLong, durationRange.contains(duration), count <= levels.count else { return }
        var voicedCount = 0
        for i in 0..<count where voiced[i] { voicedCount += 1 }
        let voicedShare = Float(voicedCount) / Float(count)
        let m = max(1, Int(0.3 * Double(count)))
        var head: Float = 0, tail: Float = 0
        for i in 0..<m { head += levels[i]; tail += levels[count - m + i] }
        let drop = (head - tail) / Float(m)
        guard voicedShare <= maximumVoicedShare, drop >= minimumDropDB, innerDip(count) <= maximumInnerDipDB
        else { return }
        let confidence = min(1, 0.5 + 0.25 * min(1, (drop - minimumDropDB) / 6)
                               + 0.25 * (1 - voicedShare / maximumVoicedShare))
        output.events.append(ParalinguisticEvent(type: "sigh", start: Double(start) * hopSeconds,
                                                 end: Double(lastActive + 1) * hopSeconds,
                                                 confidence: Double(confidence)))
    }

    /// Deepest dip of the first `count` levels below the lower of the maxima on its two sides, dB.
    private mutating func innerDip(_ count: Int) -> Float {
        var right = -Float.infinity
        for i in stride(from: count - 1, through: 0, by: -1) {
            right = max(right, levels[i])
            rightMaximum[i] = right
        }
        var left = -Float.infinity, dip: Float = 0
        for i in 0..<count {
            left = max(left, levels[i])
            dip = max(dip, min(left, rightMaximum[i]) - levels[i])
        }
        return dip
    }
}
