import Foundation

/// Builds ``SegmentFeatures`` for the current segment from the engine's stream output.
///
/// Feed it every ``AnalysisOutput`` (frames, pauses, events) with ``add(_:)``; read the segment with
/// ``features(durationSeconds:)``; start the next segment with ``reset()``. Fixed memory: frame
/// statistics live in histograms (``RunningStatistics``), no per-frame allocation.
///
/// Values the engine does not measure yet are set by the caller through the named setters
/// (``setRate(speakingRate:articulationRate:)``, ``setVoiceQuality(_:)``, ``setFormants(f1Hz:f2Hz:f3Hz:)``).
/// Event rates are computed from events of type `"laughter"`, `"sigh"` and `"filled_pause"` only once
/// ``eventsDetected`` is set to true (otherwise nil: "not measured" is not "none seen").
public struct SegmentFeatureAccumulator: Sendable {
    /// Voice-quality values measured by the voice-quality stage over the segment (any may be nil).
    public struct VoiceQualityValues: Sendable, Hashable {
        /// Local jitter, percent.
        public var jitterPercent: Double?
        /// Local shimmer, dB.
        public var shimmerDB: Double?
        /// Harmonics-to-noise ratio, dB.
        public var hnrDB: Double?
        /// Alpha ratio, dB.
        public var alphaRatioDB: Double?
        /// Hammarberg index, dB.
        public var hammarbergIndexDB: Double?
        /// Spectral slope 0–500 Hz, dB/Hz.
        public var spectralSlope: Double?
        /// Creates a value set.
        public init(jitterPercent: Double? = nil, shimmerDB: Double? = nil, hnrDB: Double? = nil,
                    alphaRatioDB: Double? = nil, hammarbergIndexDB: Double? = nil, spectralSlope: Double? = nil) {
            self.jitterPercent = jitterPercent; self.shimmerDB = shimmerDB; self.hnrDB = hnrDB
            self.alphaRatioDB = alphaRatioDB; self.hammarbergIndexDB = hammarbergIndexDB
            self.spectralSlope = spectralSlope
        }
    }

    /// Frame spacing in seconds.
    public let hopSeconds: Double
    /// Set to true when the event detectors run, so that zero events means "none" rather than "unknown".
    public var eventsDetected = false

    private var frameCount = 0
    private var voicedCount = 0
    private var clippedCount = 0
    private var firstVoiced: Double?
    private var lastVoiced: Double?
    private var semitones = RunningStatistics(lower: 0, upper: 80, resolution: 0.01)
    private var loudness = RunningStatistics(lower: 0, upper: 200, resolution: 0.01)
    private var voicedEnergy = RunningStatistics(lower: -120, upper: 10, resolution: 0.05)
    private var allEnergy = RunningStatistics(lower: -120, upper: 10, resolution: 0.05)
    private var activeLoudness = RunningStatistics(lower: 0, upper: 200, resolution: 0.01)
    private var activeEnergy = RunningStatistics(lower: -120, upper: 10, resolution: 0.05)
    private var firstActive: Double?
    private var lastActive: Double?
    private var pauses: [Pause] = []
    private var eventCounts: [String: Int] = [:]
    private var external: [CueFeature: Double] = [:]

    /// Creates an empty accumulator.
    /// - Parameter hopSeconds: frame spacing of the frames it will be fed (0.010 for the engine).
    public init(hopSeconds: Double = 0.010) {
        self.hopSeconds = hopSeconds
        pauses.reserveCapacity(64)
    }

    /// Forgets everything (start of a new segment); keeps ``eventsDetected``.
    public mutating func reset() {
        self = SegmentFeatureAccumulator(hopSeconds: hopSeconds, eventsDetected: eventsDetected)
    }

    private init(hopSeconds: Double, eventsDetected: Bool) {
        self.init(hopSeconds: hopSeconds)
        self.eventsDetected = eventsDetected
    }

    /// Adds one call's engine output (frames, pauses and events).
    public mutating func add(_ output: AnalysisOutput) {
        for frame in output.frames { add(frame) }
        for pause in output.pauses { add(pause) }
        for event in output.events { add(event) }
    }

    /// Adds one frame.
    public mutating func add(_ frame: FrameFeatures) {
        frameCount += 1
        if frame.validity.contains(.clipped) { clippedCount += 1 }
        allEnergy.add(Double(frame.energyDBFS))
        let t = frame.time(hopSeconds: hopSeconds)
        if frame.energyDBFS > Self.activeThresholdDBFS && !frame.validity.contains(.digitalSilence) {
            if firstActive == nil { firstActive = t }
            lastActive = t
            activeLoudness.add(Double(frame.loudness))
            activeEnergy.add(Double(frame.energyDBFS))
        }
        guard frame.f0Hz > 0 else { return }
        voicedCount += 1
        if firstVoiced == nil { firstVoiced = t }
        lastVoiced = t
        semitones.add(12 * log2(Double(frame.f0Hz) / 27.5))
        loudness.add(Double(frame.loudness))
        voicedEnergy.add(Double(frame.energyDBFS))
    }

    /// Adds one pause.
    public mutating func add(_ pause: Pause) { pauses.append(pause) }

    /// Adds one event (counted by type).
    public mutating func add(_ event: ParalinguisticEvent) { eventCounts[event.type, default: 0] += 1 }

    /// Sets the speaking and articulation rates (syllables per second) measured by the rate detector.
    public mutating func setRate(speakingRate: Double?, articulationRate: Double?) {
        external[.speakingRate] = speakingRate
        external[.articulationRate] = articulationRate
    }

    /// Sets the segment's voice-quality measurements.
    public mutating func setVoiceQuality(_ values: VoiceQualityValues) {
        external[.jitterPercent] = values.jitterPercent
        external[.shimmerDB] = values.shimmerDB
        external[.hnrDB] = values.hnrDB
        external[.alphaRatioDB] = values.alphaRatioDB
        external[.hammarbergIndexDB] = values.hammarbergIndexDB
        external[.spectralSlope] = values.spectralSlope
    }

    /// Sets the segment's mean formant frequencies in Hz.
    public mutating func setFormants(f1Hz: Double?, f2Hz: Double?, f3Hz: Double?) {
        external[.f1Hz] = f1Hz
        external[.f2Hz] = f2Hz
        external[.f3Hz] = f3Hz
    }

    /// The segment's features.
    /// - Parameter durationSeconds: segment length in seconds; nil = frames × hop.
    public func features(durationSeconds: Double? = nil) -> SegmentFeatures {
        let duration = durationSeconds ?? Double(frameCount) * hopSeconds
        var s = SegmentFeatures(durationSeconds: duration, values: external)
        let voiced = Double(voicedCount) * hopSeconds
        s[.voicedSeconds] = voiced
        s[.clippedFraction] = frameCount > 0 ? Double(clippedCount) / Double(frameCount) : 0
        if let p10 = semitones.quantile(0.1), let p90 = semitones.quantile(0.9) {
            s[.pitchMeanSt] = semitones.mean
            s[.pitchMedianSt] = semitones.quantile(0.5)
            s[.pitchRangeSt] = p90 - p10
            // Robust: half the 15.9–84.1 percentile spread (the SD of a normal distribution), so that
            // a few stray frames (an octave error, a voiced click) do not dominate it as they do the
            // plain standard deviation.
            if let low = semitones.quantile(0.1587), let high = semitones.quantile(0.8413) {
                s[.pitchStddevSt] = (high - low) / 2
            }
        }
        // Levels over voiced frames; without any (unvoiced or whispered input, or no pitch tracker),
        // over active frames (energy above activeThresholdDBFS).
        let levels = voicedCount > 0 ? (loudness, voicedEnergy) : (activeLoudness, activeEnergy)
        s[.loudnessMean] = levels.0.mean
        s[.loudnessStddev] = levels.0.standardDeviation
        s[.energyMeanDBFS] = levels.1.mean
        // Speech span: first to last voiced (else active) instant; pauses count when inside it.
        var speech = 0.0
        var inside: [Double] = []
        if let first = firstVoiced ?? firstActive, let last = lastVoiced ?? lastActive {
            inside = pauses.filter { $0.start >= first && $0.end <= last + hopSeconds }.map(\.duration)
            speech = max(0, last - first + hopSeconds - inside.reduce(0, +))
        }
        s[.speechSeconds] = speech
        s[.pauseCount] = Double(inside.count)
        if speech > 0 { s[.pauseRatePerMinute] = Double(inside.count) / speech * 60 }
        if !inside.isEmpty { s[.pauseMeanSeconds] = inside.reduce(0, +) / Double(inside.count) }
        if eventsDetected && duration > 0 {
            let minutes = duration / 60
            s[.laughterPerMinute] = Double(eventCounts["laughter"] ?? 0) / minutes
            s[.sighPerMinute] = Double(eventCounts["sigh"] ?? 0) / minutes
            s[.filledPausePerMinute] = Double(eventCounts["filled_pause"] ?? 0) / minutes
        }
        s[.snrDB] = snrEstimate()
        return s
    }

    /// Frames above this energy (dBFS) count as active when there are no voiced frames.
    public static let activeThresholdDBFS: Float = -50

    /// Speech level (median energy of voiced frames) minus the noise floor (10th percentile of all
    /// frames' energy, digital silence at −120 dBFS), capped to 0…60 dB; nil without voiced frames.
    private func snrEstimate() -> Double? {
        guard let speech = voicedEnergy.quantile(0.5), let floor = allEnergy.quantile(0.1) else { return nil }
        return min(60, max(0, speech - floor))
    }
}
