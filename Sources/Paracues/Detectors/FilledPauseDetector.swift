import Foundation

/// Streaming filled-pause detector ("uh", "um", 嗯): reports `{"type": "filled_pause", …}` events.
///
/// A filled pause is a hesitation vocalisation: a sustained voiced sound of about 200–800 ms on an
/// almost level pitch with a stable, usually central (schwa-like) vowel, sometimes ending in a nasal
/// murmur (Shriberg 2001; Clark & Fox Tree 2002). Ordinary syllables are shorter, and longer voiced
/// stretches of speech change pitch and formants.
///
/// Method: a run of frames that are voiced (harmonicity ≥ 0.6), ≥ 10 dB above the tracked noise
/// floor of the total level, with frame-to-frame periodicity change < 1 semitone (gaps ≤ 20 ms
/// bridged). The run is a filled pause if it lasts 0.25–1.0 s, its periodicity spans ≤ 2 semitones
/// (10th–90th percentile), and its spectral shape is steady: median frame-to-frame mel-shape distance
/// ≤ 2 dB with ≤ 10 % of steps above 4 dB (one vowel-to-nasal transition is allowed).
///
/// Latency: decided 30 ms after the run ends (≤ 1.03 s after it starts).
/// Known failures: lengthened vowels in slow or emphatic speech ("sooo"), sung notes, short "uh"
/// under 250 ms, filled pauses with strongly falling pitch.
public struct FilledPauseDetector: Sendable, RunEventDetector {
    /// Harmonicity a frame needs, 0…1.
    public let minimumHarmonicity: Float = 0.6
    /// Level above the noise floor a frame needs, dB.
    public let aboveFloorDB: Float = 10
    /// Shortest and longest filled pause, seconds.
    public let durationRange: ClosedRange<Double> = 0.25...1.0
    /// Largest periodicity spread (10th–90th percentile), semitones.
    public let maximumPitchSpread: Float = 2
    /// Largest median frame-to-frame spectral-shape distance, dB.
    public let maximumShapeChange: Float = 2

    private let hopSeconds: Double
    private let bridgeFrames = 2
    var history = EventFrameHistory(capacity: 8, usesTotalLevel: true)
    private var previous: SmoothedEventFrame? = nil
    private var pitch: [Float] = []
    private var steps: [Float] = []
    private var scratch: [Float] = []
    private(set) var start = -1
    private var lastGood = -1
    private var tooLong = false

    /// Creates a detector for the configuration's hop.
    public init(configuration: AnalysisConfiguration = AnalysisConfiguration()) {
        hopSeconds = configuration.hopSeconds
        let capacity = Int((1.0 / configuration.hopSeconds).rounded(.up)) + 8
        pitch.reserveCapacity(capacity)
        steps.reserveCapacity(capacity)
        scratch.reserveCapacity(capacity)
    }

    /// Feeds the next completed frame (in index order); appends decided filled-pause events.
    public mutating func process(_ frame: FrameFeatures, acoustics: FrameAcoustics, into output: inout AnalysisOutput) {
        pushFrame(frame, acoustics: acoustics, into: &output)
    }

    /// Ends the stream: decides the frames still held and an open run.
    public mutating func finish(into output: inout AnalysisOutput) { flush(into: &output) }

    mutating func step(_ f: SmoothedEventFrame, into output: inout AnalysisOutput) {
        defer { previous = f }
        var good = false
        var shapeStep: Float = 9
        if let p = previous {
            shapeStep = LaughterCriteria.rms(LaughterCriteria.centred(f.mel) - LaughterCriteria.centred(p.mel))
            if f.harmonicity >= minimumHarmonicity && f.level >= f.floor + aboveFloorDB
                && f.periodicityHz > 0 && p.periodicityHz > 0 {
                good = abs(12 * log2f(f.periodicityHz / p.periodicityHz)) < 1
            }
        }
        if good {
            if start < 0 { start = f.index; tooLong = false }
            lastGood = f.index
        } else if start >= 0 && f.index - lastGood > bridgeFrames {
            close(into: &output)
            return
        }
        guard start >= 0 else { return }
        if pitch.count < pitch.capacity - 1 {
            pitch.append(f.periodicityHz > 0 ? 12 * log2f(f.periodicityHz) : 0)
            steps.append(shapeStep)
        } else {
            tooLong = true
        }
    }

    mutating func close(into output: inout AnalysisOutput) {
        defer {
            start = -1
            pitch.removeAll(keepingCapacity: true)
            steps.removeAll(keepingCapacity: true)
        }
        let count = lastGood - start + 1
        guard !tooLong, durationRange.contains(Double(count) * hopSeconds), count <= pitch.count, count >= 3
        else { return }
        let spread = percentile(0..<count, of: pitch, 0.9) - percentile(0..<count, of: pitch, 0.1)
        let change = percentile(1..<count, of: steps, 0.5)
        var big = 0
        for i in 1..<count where steps[i] > 4 { big += 1 }
        guard spread <= maximumPitchSpread, change <= maximumShapeChange, Float(big) <= 0.1 * Float(count - 1)
        else { return }
        let confidence = min(1, 0.5 + 0.25 * (1 - spread / maximumPitchSpread) + 0.25 * (1 - change / maximumShapeChange))
        output.events.append(ParalinguisticEvent(type: "filled_pause", start: Double(start) * hopSeconds,
                                                 end: Double(lastGood + 1) * hopSeconds,
                                                 confidence: Double(confidence)))
    }

    /// Linearly interpolated quantile `q` of `values[indices]` (NumPy's default definition).
    private mutating func percentile(_ indices: Range<Int>, of values: [Float], _ q: Float) -> Float {
        scratch.removeAll(keepingCapacity: true)
        for i in indices { scratch.append(values[i]) }
        scratch.sort()
        let position = q * Float(scratch.count - 1)
        let lower = Int(position.rounded(.down)), upper = min(scratch.count - 1, lower + 1)
        return scratch[lower] + (scratch[upper] - scratch[lower]) * (position - Float(lower))
    }
}
