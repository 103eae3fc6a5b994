/// Streaming syllable-nucleus detector and speaking-rate meter.
///
/// After de Jong & Wempe (2009, "Praat script to detect syllable nuclei and measure speech rate
/// automatically"), made robust to noise: the intensity contour is the 300–3000 Hz band level
/// (``FrameAcoustics/bandLevelDB``), smoothed with a 5-tap binomial-like kernel (≈ 40 ms). A nucleus is
/// a local maximum that
/// 1. rises at least ``dipDB`` above the preceding minimum and is followed by a fall of at least
///    ``dipDB`` (hysteresis peak picking: the "sufficient dips" of de Jong & Wempe),
/// 2. lies above an adaptive floor: within ``floorBelowPeakDB`` of a slowly decaying peak-hold level
///    and at least ``aboveNoiseDB`` above a tracked noise floor,
/// 3. is voiced: ``FrameAcoustics/harmonicity`` ≥ ``minimumHarmonicity`` within ±2 frames.
///
/// Sounding stretches (band level above the floor) separated by less than the configured minimum
/// pause are merged; they give speaking and phonation time.
///
/// Latency: a nucleus is decided when the contour has fallen ``dipDB`` below it — typically 30–100 ms
/// after the peak — plus 20 ms of smoothing look-ahead. Memory grows by one `Double` per syllable.
public struct SpeakingRateTracker: Sendable {
    /// Minimum rise and fall around a nucleus, dB.
    public let dipDB: Float = 3
    /// A nucleus must be within this many dB of the running peak level.
    public let floorBelowPeakDB: Float = 25
    /// A nucleus (and a sounding frame) must be this many dB above the noise floor.
    public let aboveNoiseDB: Float = 9
    /// Minimum periodicity near a nucleus, 0…1.
    public let minimumHarmonicity: Float = 0.5

    private let hopSeconds: Double
    private let minimumPauseFrames: Int
    private static let kernel: [Float] = [0.06, 0.24, 0.40, 0.24, 0.06]
    private var recentLevel: [Float] = [Float](repeating: -120, count: 5)
    private var recentHarmonicity: [Float] = [Float](repeating: 0, count: 5)
    private var received = 0
    private var peakHold: Float = -120
    private var noiseFloor: Float = 0
    private var rising = true
    private var extreme: Float = -Float.infinity
    private var extremeIndex = 0
    private var extremeVoiced = false
    private var extremeAboveFloor = false

    /// Times of the nuclei found so far, seconds from the stream start, increasing.
    public private(set) var nucleusTimes: [Double] = []
    /// Sounding intervals found so far (frame indices, half-open), pauses ≥ minimum pause between them.
    private var sounding: [Range<Int>] = []
    private var openStart: Int? = nil
    private var lastSounding = -1
    /// Last smoothed frame decided (index), −1 before any.
    private var decidedFrame = -1

    /// Creates a tracker for the configuration's hop and minimum pause.
    public init(configuration: AnalysisConfiguration = AnalysisConfiguration()) {
        hopSeconds = configuration.hopSeconds
        minimumPauseFrames = max(1, Int((configuration.minimumPause / configuration.hopSeconds).rounded()))
    }

    /// Feeds the next frame (frames must arrive once each, in index order).
    public mutating func process(_ acoustics: FrameAcoustics, validity: FrameValidity = []) {
        let level = validity.contains(.nonFinite) ? -120 : acoustics.bandLevelDB
        if received == 0 {
            for i in 0..<5 { recentLevel[i] = level }
            noiseFloor = level
        }
        push(level: level, harmonicity: acoustics.harmonicity)
        if received >= 3 { step(smoothedIndex: received - 3) }
    }

    /// Ends the stream: decides the last frames and a pending nucleus.
    public mutating func finish() {
        guard received > 0 else { return }
        let lastLevel = recentLevel[4]
        let lastFrame = received - 1
        while decidedFrame < lastFrame {
            push(level: lastLevel, harmonicity: 0)
            step(smoothedIndex: decidedFrame + 1)
        }
        if rising { confirmPeak() }
        closeSounding(at: decidedFrame + 1)
    }

    private mutating func push(level: Float, harmonicity: Float) {
        for i in 0..<4 { recentLevel[i] = recentLevel[i + 1]; recentHarmonicity[i] = recentHarmonicity[i + 1] }
        recentLevel[4] = level
        recentHarmonicity[4] = harmonicity
        received += 1
    }

    /// Decides frame `j` (the centre of the 5-frame delay line).
    private mutating func step(smoothedIndex j: Int) {
        guard j > decidedFrame else { return }
        decidedFrame = j
        var s: Float = 0
        for i in 0..<5 { s += Self.kernel[i] * recentLevel[i] }
        peakHold = max(s, peakHold - 0.02)
        if s < noiseFloor { noiseFloor += 0.3 * (s - noiseFloor) } else { noiseFloor += 0.01 }
        let floor = max(peakHold - floorBelowPeakDB, noiseFloor + aboveNoiseDB, -75)
        let isSounding = s >= floor
        trackSounding(j, isSounding)
        if rising {
            if s > extreme {
                extreme = s
                extremeIndex = j
                extremeVoiced = (recentHarmonicity.max() ?? 0) >= minimumHarmonicity
                extremeAboveFloor = isSounding
            }
            if s < extreme - dipDB {
                confirmPeak()
                rising = false
                extreme = s
            }
        } else {
            if s < extreme { extreme = s }
            if s > extreme + dipDB {
                rising = true
                extreme = s
                extremeIndex = j
                extremeVoiced = (recentHarmonicity.max() ?? 0) >= minimumHarmonicity
                extremeAboveFloor = isSounding
            }
        }
    }

    private mutating func confirmPeak() {
        if extremeVoiced && extremeAboveFloor && extreme > -Float.infinity {
            nucleusTimes.append(Double(extremeIndex) * hopSeconds)
        }
        extremeVoiced = false
        extremeAboveFloor = false
    }

    private mutating func trackSounding(_ j: Int, _ isSounding: Bool) {
        if isSounding {
            if openStart == nil {
                if let last = sounding.last, j - last.upperBound < minimumPauseFrames {
                    openStart = sounding.removeLast().lowerBound
                } else {
                    openStart = j
                }
            }
            lastSounding = j
        } else if let start = openStart, j - lastSounding >= minimumPauseFrames {
            sounding.append(start..<(lastSounding + 1))
            openStart = nil
        }
    }

    private mutating func closeSounding(at end: Int) {
        if let start = openStart {
            sounding.append(start..<(lastSounding + 1))
            openStart = nil
        }
    }

    /// Summary of everything decided so far (the whole file after ``finish()``).
    public func summary() -> SpeakingRateSummary {
        summary(from: 0, to: .infinity)
    }

    /// Summary of the segment [`start`, `end`) seconds: nuclei inside it, sounding time clipped to it.
    public func summary(from start: Double, to end: Double) -> SpeakingRateSummary {
        var intervals = sounding
        if let open = openStart { intervals.append(open..<(lastSounding + 1)) }
        var first = Double.infinity, last = -Double.infinity, phonation = 0.0
        for r in intervals {
            let a = max(start, Double(r.lowerBound) * hopSeconds)
            let b = min(end, Double(r.upperBound) * hopSeconds)
            guard b > a else { continue }
            first = min(first, a)
            last = max(last, b)
            phonation += b - a
        }
        let count = nucleusTimes.reduce(0) { $0 + ($1 >= start && $1 < end ? 1 : 0) }
        let span = last > first ? last - first : 0
        return SpeakingRateSummary(syllableCount: count, speakingTime: span, phonationTime: phonation)
    }

    /// Rolling summary of the last `window` seconds decided (e.g. 5 s).
    public func rollingSummary(window: Double) -> SpeakingRateSummary {
        let now = Double(decidedFrame + 1) * hopSeconds
        return summary(from: max(0, now - window), to: now)
    }
}
