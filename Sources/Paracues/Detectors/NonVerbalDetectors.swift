/// The engine's bundle of acoustic-event detectors: speaking rate, laughter, sigh and filled pause.
///
/// The engine calls ``measure(frameIndex:power:)`` when it has the shared power spectrum of frame k
/// (before the pitch decision), then ``process(_:into:)`` with the completed frame k (after the
/// pitch tracker's look-ahead), and ``finish(endTime:into:)`` once. The spectral measurements wait
/// in a ring buffer in between, so the pitch look-ahead may be anything up to `maximumDelayFrames`.
///
/// Latency of each detector: see its type; events are appended to `AnalysisOutput.events` when
/// decided. Not thread-safe: one per stream.
public final class NonVerbalDetectors {
    private let analyzer: FrameAcousticsAnalyzer
    private var ring: [FrameAcoustics]
    /// Speaking-rate state (nuclei, sounding time); read ``speakingRate`` for results.
    public private(set) var speakingRate: SpeakingRateTracker
    /// Laughter detector state.
    public private(set) var laughter: LaughterDetector
    /// Sigh detector state.
    public private(set) var sigh: SighDetector
    /// Filled-pause detector state.
    public private(set) var filledPause: FilledPauseDetector

    /// - Parameters:
    ///   - configuration: the analysis configuration (hop, minimum pause).
    ///   - maximumDelayFrames: most frames between ``measure(frameIndex:power:)`` and
    ///     ``process(_:into:)`` of the same frame (the pitch tracker's look-ahead), ≥ 0.
    public init(configuration: AnalysisConfiguration, maximumDelayFrames: Int) {
        analyzer = FrameAcousticsAnalyzer(sampleRate: Double(configuration.analysisRate))
        ring = [FrameAcoustics](repeating: FrameAcoustics(index: -1), count: max(1, maximumDelayFrames) + 8)
        speakingRate = SpeakingRateTracker(configuration: configuration)
        laughter = LaughterDetector(configuration: configuration)
        sigh = SighDetector(configuration: configuration)
        filledPause = FilledPauseDetector(configuration: configuration)
    }

    /// Measures frame `frameIndex` from its one-sided power spectrum (257 bins, engine scaling).
    public func measure(frameIndex: Int, power: UnsafeBufferPointer<Float>) {
        ring[frameIndex % ring.count] = analyzer.measure(index: frameIndex, power: power)
    }

    /// Feeds the completed frame to every detector; appends decided events to `output.events`.
    public func process(_ frame: FrameFeatures, into output: inout AnalysisOutput) {
        var acoustics = ring[frame.index % ring.count]
        if acoustics.index != frame.index { acoustics = FrameAcoustics(index: frame.index) }
        speakingRate.process(acoustics, validity: frame.validity)
        laughter.process(frame, acoustics: acoustics, into: &output)
        sigh.process(frame, acoustics: acoustics, into: &output)
        filledPause.process(frame, acoustics: acoustics, into: &output)
    }

    /// Ends the stream: flushes pending nuclei and open events.
    public func finish(endTime: Double, into output: inout AnalysisOutput) {
        speakingRate.finish()
        laughter.finish(into: &output)
        sigh.finish(into: &output)
        filledPause.finish(into: &output)
    }
}
