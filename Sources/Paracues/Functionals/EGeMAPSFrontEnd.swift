/// Glue between the streaming engine and the eGeMAPS functionals: owns the ``SpectralExtractor``,
/// the ``VoiceQualityAnalyzer`` and the ``EGeMAPSAccumulator`` (plus an optional windowed one).
///
/// The engine calls, in stream order:
/// 1. ``process(samples:)`` with every chunk of analysis-rate samples (before the frames they cover);
/// 2. ``analyze(index:rawFrame:longWindow:)`` when frame k is analysed (its samples at hand);
/// 3. ``complete(_:)`` with frame k's finished ``FrameFeatures`` (f0, voicing, loudness);
/// 4. ``finish()`` at the end of the stream.
/// Then ``functionals()`` gives the 88 features; ``windows`` the rolling ones (if configured).
/// Cost per hop: the spectral FFTs, LPC root solving and band sums, plus the eGeMAPS pitch (one 1024-point
/// FFT and a 15-harmonic sum); see `docs/egemaps.md`. Frames wait up to ``EGeMAPSPitchTracker/lookahead`` frames
/// for their eGeMAPS F0.
public final class EGeMAPSFrontEnd {
    /// Per-frame spectral extractor.
    public let spectral: SpectralExtractor
    /// Period-level voice quality (file totals: ``VoiceQualityAnalyzer/summary(minimumTerms:)``).
    public let voiceQuality: VoiceQualityAnalyzer
    /// File-level accumulator.
    public private(set) var accumulator: EGeMAPSAccumulator
    /// Rolling accumulator, when a window was given.
    public private(set) var windowed: EGeMAPSWindowedAccumulator?
    /// Rolling windows completed so far (the caller may empty it).
    public var windows: [EGeMAPSWindowedAccumulator.Window] = []

    /// eGeMAPS's own F0 and voicing (subharmonic summation, `docs/egemaps.md`).
    let pitch: EGeMAPSPitchTracker
    private var undecided: [FrameFeatures] = []
    private var undecidedHead = 0
    private var waiting: [(FrameFeatures, SpectralFrame)] = []
    private var waitingHead = 0
    private var vqFrames: [VoiceQualityFrame] = []

    /// - Parameters:
    ///   - configuration: analysis settings.
    ///   - window: rolling window length in seconds, or nil for file-level only.
    ///   - step: rolling step in seconds.
    public init(configuration: AnalysisConfiguration, window: Double? = nil, step: Double? = nil) throws(ParacuesError) {
        spectral = SpectralExtractor(configuration: configuration)
        voiceQuality = VoiceQualityAnalyzer(configuration: configuration)
        pitch = EGeMAPSPitchTracker(sampleRate: Double(configuration.analysisRate),
                                    bandwidth: min(configuration.sourceBandwidth, Double(configuration.analysisRate) / 2))
        accumulator = EGeMAPSAccumulator(frameSeconds: configuration.hopSeconds)
        if let window {
            windowed = try EGeMAPSWindowedAccumulator(window: window, step: step ?? window,
                                                      frameSeconds: configuration.hopSeconds)
        }
        waiting.reserveCapacity(256)
        undecided.reserveCapacity(256)
        vqFrames.reserveCapacity(256)
    }

    /// Takes analysis-rate samples.
    public func process(samples: UnsafeBufferPointer<Float>) { voiceQuality.process(samples) }

    /// Takes frame `index`'s samples (see ``SpectralExtractor/analyze(index:rawFrame:longWindow:)``).
    public func analyze(index: Int, rawFrame: UnsafeBufferPointer<Float>, longWindow: UnsafeBufferPointer<Float>) {
        spectral.analyze(index: index, rawFrame: rawFrame, longWindow: longWindow)
        pitch.analyze(index: index, samples: longWindow)
    }

    /// Takes a finished frame (in order).
    /// The frame waits until the eGeMAPS pitch tracker has decided its F0 (at most ``EGeMAPSPitchTracker/lookahead``
    /// frames later), whose value replaces `f0Hz` for every eGeMAPS descriptor (jitter and shimmer keep
    /// following the engine's track, which also feeds the Praat-style ``voiceQuality`` totals).
    public func complete(_ frame: FrameFeatures) {
        undecided.append(frame)
        decide()
        join()
    }

    /// Ends the stream.
    public func finish() {
        pitch.finish()
        decide()
        voiceQuality.finish()
        join()
    }

    private func decide() {
        while undecidedHead < undecided.count, let f0 = pitch.decision(index: undecided[undecidedHead].index) {
            var frame = undecided[undecidedHead]
            undecidedHead += 1
            voiceQuality.process(frameIndex: frame.index, f0Hz: frame.f0Hz)
            frame.f0Hz = f0
            let s = spectral.complete(index: frame.index, f0Hz: f0)
            waiting.append((frame, s))
        }
        if undecidedHead > 128 {
            undecided.removeFirst(undecidedHead)
            undecidedHead = 0
        }
    }

    /// The 88 eGeMAPSv02 features over the whole stream.
    public func functionals() -> [EGeMAPSFeature] { accumulator.functionals() }

    private func join() {
        voiceQuality.drainFrames(into: &vqFrames)
        for vq in vqFrames {
            guard waitingHead < waiting.count else { break }
            let (frame, s) = waiting[waitingHead]
            waitingHead += 1
            let joined = EGeMAPSFrame(frame: frame, spectral: s, voiceQuality: vq.index == frame.index ? vq : nil)
            accumulator.add(joined)
            if windowed != nil, let w = windowed!.add(joined) { windows.append(w) }
        }
        vqFrames.removeAll(keepingCapacity: true)
        if waitingHead > 128 {
            waiting.removeFirst(waitingHead)
            waitingHead = 0
        }
    }
}
