import Foundation

/// One frame's pitch decision.
public struct PitchEstimate: Sendable, Hashable {
    /// Frame number k (time k × hop).
    public var frameIndex: Int
    /// f0 in Hz, 0 when unvoiced.
    public var f0Hz: Float
    /// Probability (0…1) that the frame is voiced: above 0.5 exactly when `f0Hz > 0`.
    public var voicing: Float
    /// Creates an estimate.
    public init(frameIndex: Int, f0Hz: Float, voicing: Float) {
        self.frameIndex = frameIndex
        self.f0Hz = f0Hz
        self.voicing = voicing
    }
}

/// Streaming f0 and voicing tracker: Boersma's (1993) normalised autocorrelation with a fixed-lag
/// Viterbi path search. Definition, parameters and validity: `docs/pitch.md`.
///
/// Per frame it takes a window of `3 / minimumF0` seconds centred on the frame instant, finds
/// candidate periods as peaks of the normalised autocorrelation between `1 / maximumF0` and
/// `1 / minimumF0`, scores them (Praat's octave cost), adds an unvoiced candidate whose score rises
/// when the frame is much quieter than the running speech level, and chooses a path through the
/// candidates that penalises octave jumps and voicing changes. Frame k is decided after frame
/// k + ``latencyFrames`` has been analysed.
///
/// Deterministic; allocation-free per frame; not thread-safe (one tracker per stream).
public final class PitchTracker {
    /// Samples (at the analysis rate) needed on each side of a frame's centre: half of
    /// `3 / minimumF0` seconds, rounded up to an even count (480 at the 50 Hz default).
    public let halfWindow: Int
    /// Frames of look-ahead of the path search: estimates for frame k are emitted after frame
    /// k + latencyFrames has been analysed. `halfWindow + latencyFrames × hop` stays ≤ 100 ms when the
    /// floor allows (6 frames at the default 50 Hz floor; at least 2).
    public let latencyFrames: Int

    private let parameters: PitchParameters
    private let analyzer: PeriodicityAnalyzer
    private let search: PitchPathSearch
    private let scores: UnsafeMutableBufferPointer<Float>
    private let minimumF0: Float
    /// Upper bound of any voiced candidate's local score: `r ≤ 1` plus the octave bonus of the
    /// highest frequency a peak can have (between the two shortest lags), plus a margin.
    private let voicedScoreBound: Float
    /// `absoluteSilenceDB` as a mean square.
    private let silenceMeanSquare: Float
    private let levelRelease: Float
    private var runningLevelDB: Float
    private var noiseFloorDB: Float = 200
    /// Floor of the energy above 4 kHz (steady broadband noise): the minimum over the current and
    /// the previous block of `highBandBlock` frames (0.5–1 s of history).
    private var highBandMinimum: (current: Float, previous: Float) = (.infinity, .infinity)
    private let highBandBlock: Int
    private let noiseRise: Float
    private var framesAnalyzed = 0

    /// Creates a tracker for `configuration`'s rate, hop and f0 range
    /// (`minimumF0`…`maximumF0`, Hz).
    public convenience init(configuration: AnalysisConfiguration) {
        self.init(configuration: configuration, parameters: PitchParameters())
    }

    /// Creates a tracker with explicit tuning constants (for tuning experiments and tests).
    init(configuration: AnalysisConfiguration, parameters: PitchParameters) {
        self.parameters = parameters
        let rate = Double(configuration.analysisRate)
        let half = Int((parameters.periodsPerWindow / configuration.minimumF0 * rate / 2).rounded(.up))
        halfWindow = half + half % 2
        let spare = parameters.maximumLatency * rate - Double(halfWindow)
        latencyFrames = max(2, min(parameters.preferredLookAhead, Int(spare / Double(configuration.hop))))
        analyzer = PeriodicityAnalyzer(
            halfWindow: halfWindow, hop: configuration.hop, analysisRate: configuration.analysisRate,
            minimumF0: configuration.minimumF0, maximumF0: configuration.maximumF0,
            capacity: parameters.maximumCandidates)
        analyzer.octaveCost = parameters.octaveCost
        analyzer.measuresHighBand = parameters.highBandWeight > 0
        search = PitchPathSearch(capacity: parameters.maximumCandidates + 1, lookAhead: latencyFrames,
                                 parameters: parameters)
        scores = .allocate(capacity: parameters.maximumCandidates)
        scores.initialize(repeating: 0)
        minimumF0 = Float(configuration.minimumF0)
        silenceMeanSquare = powf(10, parameters.absoluteSilenceDB / 10)
        let highest = Float(analyzer.rate) / Float(max(1, analyzer.minimumLag - 1))
        voicedScoreBound = 1 + max(0, parameters.octaveCost) * log2f(highest / minimumF0) + 0.01
        levelRelease = parameters.levelReleaseDBPerSecond * Float(configuration.hopSeconds)
        runningLevelDB = parameters.levelFloorDB
        noiseRise = parameters.noiseFloorRiseDBPerSecond * Float(configuration.hopSeconds)
        highBandBlock = max(1, Int((0.5 / configuration.hopSeconds).rounded()))
    }

    deinit { scores.deallocate() }

    /// Analyses frame `frameIndex`, given the `2 × halfWindow` samples centred on it
    /// (`window[halfWindow]` is the centre sample), and emits every estimate now decided, in order.
    /// Frames must be given consecutively from 0, their windows cut from one continuous signal `hop`
    /// samples apart (the low-passed overlap of the previous window is reused).
    public func analyze(frameIndex: Int, window: UnsafeBufferPointer<Float>, emit: (PitchEstimate) -> Void) {
        precondition(frameIndex == framesAnalyzed && window.count == 2 * halfWindow,
                     "pitch frames must be consecutive, with 2 × halfWindow samples")
        framesAnalyzed += 1
        analyzer.prepare(window: window)
        // Finite even for absurd input (samples far beyond full scale).
        let levelDB = analyzer.peak > 0 && analyzer.peak.isFinite ? min(200, 20 * log10f(analyzer.peak)) : -200
        runningLevelDB = max(levelDB, runningLevelDB - levelRelease, parameters.levelFloorDB)
        // Background level: a minimum tracker that drifts upward slowly (minimum statistics).
        noiseFloorDB = max(-120, min(levelDB, noiseFloorDB + noiseRise))

        // Praat's unvoiced strength, with the running peak level in place of the global peak, and a
        // voicing threshold lowered in steady background noise (which caps the correlation of voice).
        let relative = powf(10, (levelDB - runningLevelDB) / 20)
        // Only for moderate SNRs: near 0 dB the "speech" level is the noise itself.
        let snr = runningLevelDB - noiseFloorDB
        let falling = (parameters.noisySNRDB - snr) / (parameters.noisySNRDB - parameters.noisiestSNRDB)
        let rising = (snr - parameters.noiseOnlySNRDB) / (parameters.noisiestSNRDB - parameters.noiseOnlySNRDB)
        let noisiness = min(1, max(0, falling), max(0, rising))
        let threshold = parameters.voicingThreshold - parameters.noiseThresholdDrop * noisiness
        var unvoiced = threshold + max(0, 2 - relative / (parameters.silenceThreshold / (1 + threshold)))
        // After speech, the same strength on the frame's own stretch (within half a floor period of
        // the instant), at a lower ratio: the window reaches 1.5 floor periods back, and the decaying
        // tail of a vowel at its edge (mostly first-formant ringing) correlates strongly at short
        // lags. Not before speech: there the window's leading edge holds the first periods of the
        // voice, at the f0 the following frames confirm.
        if analyzer.peakIsBehind {
            let centreDB = analyzer.centrePeak > 0 && analyzer.centrePeak.isFinite ? min(200, 20 * log10f(analyzer.centrePeak)) : -200
            let centreRelative = powf(10, (centreDB - runningLevelDB) / 20)
            unvoiced = max(unvoiced, threshold + 2 - centreRelative / (parameters.tailSilenceThreshold / (1 + threshold)))
        }
        // A voiced state at this frame is never on a best path when the unvoiced one beats every
        // possible voiced score by more than two voicing changes: swapping it for the unvoiced state
        // gains more than the two transitions can lose, so no decision or other frame's probability
        // depends on it. With 5 × probabilityScale more margin, its candidates could only have given
        // this frame a voicing probability below 1 / (1 + e⁵) ≈ 0.007 (0 when skipped); the
        // correlation is then skipped.
        let skipMargin = 2 * parameters.voicedUnvoicedCost + 5 * parameters.probabilityScale
        if parameters.highBandWeight > 0 {
            // Energy above 4 kHz beyond its steady floor (frication, aspiration, bursts) is aperiodic
            // signal the decimated correlation does not see: count it as a full-band correlation would.
            let high = analyzer.highBandEnergy, low = analyzer.lowBandEnergy
            if framesAnalyzed % highBandBlock == 1 { highBandMinimum = (.infinity, highBandMinimum.current) }
            highBandMinimum.current = min(highBandMinimum.current, high)
            let floor = min(highBandMinimum.current, highBandMinimum.previous)
            let excess = max(0, high - parameters.highBandFloorMargin * floor)
            analyzer.bandFactor = low > 0 ? low / (low + parameters.highBandWeight * excess) : 1
        }
        if !(unvoiced - voicedScoreBound > skipMargin) {
            analyzer.correlate(silenceMeanSquare: silenceMeanSquare)
        }
        PitchCandidateScoring.score(analyzer, parameters: parameters, minimumF0: minimumF0, into: scores)
        search.add(unvoicedScore: unvoiced, frequencies: UnsafeBufferPointer(analyzer.frequencies),
                   scores: UnsafeBufferPointer(scores), voicedCount: analyzer.count) { frame, f0, p in
            emit(PitchEstimate(frameIndex: frame, f0Hz: f0, voicing: p))
        }
    }

    /// Emits the estimates still pending at the end of the stream.
    public func finish(emit: (PitchEstimate) -> Void) {
        search.finish { frame, f0, p in emit(PitchEstimate(frameIndex: frame, f0Hz: f0, voicing: p)) }
    }
}
