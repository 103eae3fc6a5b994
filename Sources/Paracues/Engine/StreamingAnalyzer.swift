import ParacuesDSP
import Foundation

/// The streaming analysis engine: mono samples at the analysis rate in, frames and events out.
///
/// Push chunks of any size with ``process(_:into:)``; call ``finish(into:)`` once at the end.
/// Frame `k` describes the instant `k × hop` (the centre of all its analysis windows). The output is
/// bit-identical for any chunking of the same samples: each frame is computed from the same window
/// of samples whatever the chunk boundaries.
///
/// Latency: a frame is emitted once the samples up to `k × hop + halfWindow` have arrived and the
/// pitch path search has looked ``PitchTracker/latencyFrames`` further ahead (see ``latencySeconds``).
///
/// Not thread-safe: one analyser per stream. Create many for parallel streams.
public final class StreamingAnalyzer {
    /// The configuration it was created with.
    public let configuration: AnalysisConfiguration

    /// Half-length of the spectral frame window (25 ms Hann window = 400 samples at 16 kHz).
    static let spectralHalfWindow = 200
    /// FFT size of the shared per-hop spectrum.
    static let spectrumSize = 512
    /// Largest sample magnitude analysed (120 dB above full scale); larger finite samples are clamped
    /// to it (their frames are flagged ``FrameValidity/clipped`` like any sample at full scale).
    static let sampleLimit: Float = 1e6

    private var history: SampleHistory
    private let pitch: PitchTracker
    private let fft: RealFFT
    private let spectralWindow: [Float]
    private let windowPower: Float
    private let loudness: AuditoryLoudness
    private let power: UnsafeMutableBufferPointer<Float>
    private let pitchWindow: UnsafeMutableBufferPointer<Float>
    private let rawWindow: UnsafeMutableBufferPointer<Float>
    private let sanitized: UnsafeMutableBufferPointer<Float>
    private let maximumHalfWindow: Int

    private var pending: [FrameFeatures] = []
    private var pendingHead = 0
    private var nextFrame = 0
    private var totalSamples = 0
    private var finished = false
    /// Non-finite input positions (absolute sample indices), recent ones only.
    private var invalidSpans: [Range<Int>] = []
    private var pauses: PauseDetector
    private let f0Floor: Float
    private let f0Ceiling: Float
    /// Speaking rate, laughter and sigh detectors (Detectors/NonVerbalDetectors.swift).
    public let detectors: NonVerbalDetectors
    /// eGeMAPS descriptors and functionals, when enabled with ``enableEGeMAPS(window:step:)``.
    public private(set) var egemaps: EGeMAPSFrontEnd?
    /// Praat-style jitter, shimmer and HNR, period by period (always on; when eGeMAPS is enabled its
    /// front end does this work instead). Read it with ``voiceQualitySummary()``.
    private let voiceQuality: VoiceQualityAnalyzer

    /// Creates an analyser.
    /// - Throws: ``ParacuesError/invalidConfiguration(_:)`` when a setting is out of range.
    public init(configuration: AnalysisConfiguration = AnalysisConfiguration()) throws(ParacuesError) {
        try configuration.validate()
        self.configuration = configuration
        pitch = PitchTracker(configuration: configuration)
        maximumHalfWindow = max(pitch.halfWindow, Self.spectralHalfWindow)
        history = SampleHistory(capacity: 2 * maximumHalfWindow + 8192)
        fft = RealFFT(size: Self.spectrumSize)
        spectralWindow = WindowShape.hann.coefficients(count: 2 * Self.spectralHalfWindow)
        windowPower = spectralWindow.reduce(0) { $0 + $1 * $1 }
        loudness = AuditoryLoudness(
            fftSize: Self.spectrumSize, sampleRate: Double(configuration.analysisRate),
            bandwidth: configuration.sourceBandwidth)
        power = .allocate(capacity: Self.spectrumSize / 2 + 1)
        pitchWindow = .allocate(capacity: 2 * pitch.halfWindow)
        rawWindow = .allocate(capacity: 2 * Self.spectralHalfWindow)
        sanitized = .allocate(capacity: 4096)
        // Frames wait here for their pitch decision; the head is compacted every 64 (see complete).
        pending.reserveCapacity(pitch.latencyFrames + 72)
        pauses = PauseDetector(configuration: configuration)
        f0Floor = Float(configuration.minimumF0)
        f0Ceiling = Float(configuration.maximumF0)
        detectors = NonVerbalDetectors(configuration: configuration, maximumDelayFrames: pitch.latencyFrames)
        voiceQuality = VoiceQualityAnalyzer(configuration: configuration)
        voiceQuality.keepsFrames = false  // only the summary is read: memory stays flat
    }

    deinit {
        power.deallocate()
        pitchWindow.deallocate()
        rawWindow.deallocate()
        sanitized.deallocate()
    }

    /// Turns on eGeMAPS descriptors (spectral LLDs, voice quality, the 88 functionals) for this stream.
    /// Call before the first ``process(_:into:)``. `window`/`step` (seconds) add rolling functionals.
    /// - Throws: ``ParacuesError/invalidConfiguration(_:)`` for a bad window, or when called late.
    public func enableEGeMAPS(window: Double? = nil, step: Double? = nil) throws(ParacuesError) {
        guard totalSamples == 0 else { throw .invalidConfiguration("enable eGeMAPS before processing samples") }
        egemaps = try EGeMAPSFrontEnd(configuration: configuration, window: window, step: step)
    }

    /// Jitter, shimmer and HNR over the stream so far (`docs/egemaps.md`); values are nil with a
    /// reason when too few periods were measured.
    public func voiceQualitySummary() -> VoiceQualitySummary { voiceQualityTotals.summary() }

    /// Running jitter, shimmer and HNR sums over the stream so far; the difference of two readings
    /// (``VoiceQualityTotals/since(_:)``) covers the audio between them.
    public var voiceQualityTotals: VoiceQualityTotals { (egemaps?.voiceQuality ?? voiceQuality).totals }

    /// Seconds of audio after an instant before its frame is emitted (window half-length plus the
    /// pitch path search's look-ahead).
    public var latencySeconds: Double {
        Double(maximumHalfWindow + pitch.latencyFrames * configuration.hop) / Double(configuration.analysisRate)
    }

    /// Length in seconds of the longest analysis window (a stream shorter than this gives frames
    /// computed mostly from zero padding).
    public var longestWindowSeconds: Double {
        Double(2 * maximumHalfWindow) / Double(configuration.analysisRate)
    }

    /// Silence before and after the speech (complete after ``finish(into:)``).
    public var silence: SilenceSummary { pauses.silence }

    /// When true, the analyser clocks each stage of every frame (costs ~0.1 µs per stage per frame;
    /// for ``ThroughputBenchmark``). Off by default.
    public var isProfiling = false
    private var profile = StageProfile()

    /// Wall-clock seconds spent per stage while ``isProfiling`` was on, in pipeline order.
    public var stageProfile: [(name: String, seconds: Double)] { profile.entries }

    /// Number of samples received so far.
    public var samplesReceived: Int { totalSamples }

    /// Analyses a chunk of mono samples at the analysis rate (any length, including 0 or 1).
    ///
    /// Non-finite samples (NaN, ±Inf) are replaced by 0 and the frames whose windows contain them
    /// are flagged ``FrameValidity/nonFinite``. Finite samples beyond ±10⁶ are clamped to ±10⁶.
    public func process(_ samples: UnsafeBufferPointer<Float>, into output: inout AnalysisOutput) {
        precondition(!finished, "process(_:into:) after finish(into:)")
        var offset = 0
        while offset < samples.count {
            let n = min(sanitized.count, samples.count - offset)
            if Self.clampFinite(samples.baseAddress! + offset, into: sanitized.baseAddress!, count: n) {
                appendToHistory(count: n, into: &output)
                offset += n
                continue
            }
            var firstBad = -1
            for i in 0..<n {
                let v = samples[offset + i]
                if v.isFinite {
                    // robustness: clamp absurd finite values (float files may hold up to 3.4e38) so that
                    // no sum of squares, spectrum or autocorrelation can overflow to inf.
                    sanitized[i] = min(max(v, -Self.sampleLimit), Self.sampleLimit)
                } else {
                    sanitized[i] = 0
                    if firstBad < 0 { firstBad = i }
                    let absolute = totalSamples + i
                    if let last = invalidSpans.last, last.upperBound == absolute {
                        invalidSpans[invalidSpans.count - 1] = last.lowerBound..<(absolute + 1)
                    } else {
                        invalidSpans.append(absolute..<(absolute + 1))
                    }
                }
            }
            appendToHistory(count: n, into: &output)
            offset += n
        }
    }

    /// Clamps `count` samples to ±``sampleLimit`` into `output`; false when one is not finite (the
    /// caller then takes the per-sample path). Branch-free, so it vectorises.
    @inline(__always)
    private static func clampFinite(_ input: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>,
                                    count: Int) -> Bool {
        var exponents: UInt32 = 0
        for i in 0..<count {
            let v = input[i]
            // All-ones exponent (inf or NaN): `bits & 0x7f80_0000` reaches 0x7f80_0000 only then.
            exponents = max(exponents, v.bitPattern & 0x7f80_0000)
            output[i] = min(max(v, -sampleLimit), sampleLimit)
        }
        return exponents != 0x7f80_0000
    }

    /// Appends the first `count` samples of ``sanitized`` to the history and analyses the frames
    /// they complete.
    private func appendToHistory(count n: Int, into output: inout AnalysisOutput) {
        var done = 0
        while done < n {
            let keepFrom = nextFrame * configuration.hop - maximumHalfWindow
            let chunk = UnsafeBufferPointer(rebasing: UnsafeBufferPointer(sanitized)[done..<n])
            let appended = history.append(chunk, keepFrom: keepFrom)
            let appendedSamples = UnsafeBufferPointer(rebasing: chunk[0..<appended])
            if let egemaps { egemaps.process(samples: appendedSamples) } else { voiceQuality.process(appendedSamples) }
            done += appended
            totalSamples += appended
            emitReadyFrames(into: &output, final: false)
        }
    }

    /// Convenience for arrays.
    public func process(_ samples: [Float], into output: inout AnalysisOutput) {
        samples.withUnsafeBufferPointer { process($0, into: &output) }
    }

    /// Marks analysis-rate samples `range` (absolute indices from the stream start) as derived from
    /// non-finite input, exactly as if they had arrived as NaN: frames whose windows overlap them are
    /// flagged ``FrameValidity/nonFinite``. Call it with the ranges
    /// ``SignalNormalizer/process(interleaved:emit:nonFinite:)`` reports, before (or when) the
    /// samples are passed to ``process(_:into:)``; ranges must not lie before frames already emitted.
    public func markNonFinite(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        if let last = invalidSpans.last, last.upperBound >= range.lowerBound, last.lowerBound <= range.lowerBound {
            invalidSpans[invalidSpans.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
        } else {
            invalidSpans.append(range)
        }
    }

    /// Ends the stream: emits the remaining frames (the last one is the last frame whose instant
    /// lies within the signal) and closes open pauses and events.
    public func finish(into output: inout AnalysisOutput) {
        guard !finished else { return }
        emitReadyFrames(into: &output, final: true)
        finished = true
        pitch.finish { estimate in complete(estimate, into: &output) }
        if let egemaps { egemaps.finish() } else { voiceQuality.finish() }
        pauses.finish(endTime: Double(totalSamples) / Double(configuration.analysisRate), into: &output)
        detectors.finish(endTime: Double(totalSamples) / Double(configuration.analysisRate), into: &output)
    }

    /// Number of frames a stream of `sampleCount` samples yields: one per hop instant within it.
    public static func frameCount(sampleCount: Int, hop: Int) -> Int {
        sampleCount == 0 ? 0 : (sampleCount - 1) / hop + 1
    }

    private func emitReadyFrames(into output: inout AnalysisOutput, final: Bool) {
        let hop = configuration.hop
        let lastFrame = final
            ? Self.frameCount(sampleCount: totalSamples, hop: hop) - 1
            : (totalSamples - maximumHalfWindow) / hop
        while nextFrame <= lastFrame && (final || nextFrame * hop + maximumHalfWindow <= totalSamples) {
            analyzeFrame(nextFrame, into: &output)
            nextFrame += 1
        }
    }

    private func analyzeFrame(_ k: Int, into output: inout AnalysisOutput) {
        let centre = k * configuration.hop
        var frame = FrameFeatures(index: k)
        var clock = profile.start(isProfiling)

        // Shared spectrum: 25 ms Hann window centred on the frame instant, zero-padded to 512.
        let half = Self.spectralHalfWindow
        history.copy(from: centre - half, into: rawWindow)
        let input = fft.input
        // max |v| over the bit patterns of |v| (ordered like the values for non-negative floats; all
        // samples are finite here): an integer reduction that vectorises. All zero ⇔ the maximum is 0.
        var largest: UInt32 = 0
        spectralWindow.withUnsafeBufferPointer { w in
            let x = UnsafePointer(rawWindow.baseAddress!), y = input.baseAddress!, c = w.baseAddress!
            for i in 0..<(2 * half) {
                let v = x[i]
                largest = max(largest, v.bitPattern & 0x7fff_ffff)
                y[i] = v * c[i]
            }
        }
        let peak = Float(bitPattern: largest), allZero = largest == 0
        (input.baseAddress! + 2 * half).update(repeating: 0, count: input.count - 2 * half)
        let energy = Reductions.sumOfSquares(UnsafeBufferPointer(input)) / windowPower
        frame.energyDBFS = energy > 1e-12 ? max(-120, 10 * log10f(energy)) : -120
        fft.transform()
        fft.powerSpectrum(into: power)
        let scale = 2 / (windowPower * Float(Self.spectrumSize))
        for i in 0..<power.count { power[i] *= scale }
        clock.lap(.spectrum, into: &profile)
        frame.loudness = loudness.loudness(power: UnsafeBufferPointer(power))
        clock.lap(.loudness, into: &profile)
        detectors.measure(frameIndex: k, power: UnsafeBufferPointer(power))
        clock.lap(.detectors, into: &profile)

        if allZero { frame.validity.insert(.digitalSilence) }
        if peak >= 0.999 { frame.validity.insert(.clipped) }
        if !invalidSpans.isEmpty {
            let span = (centre - maximumHalfWindow)..<(centre + maximumHalfWindow)
            invalidSpans.removeAll { $0.upperBound <= span.lowerBound - maximumHalfWindow }
            if invalidSpans.contains(where: { $0.overlaps(span) }) { frame.validity.insert(.nonFinite) }
        }

        pending.append(frame)
        history.copy(from: centre - pitch.halfWindow, into: pitchWindow)
        clock.lap(.framing, into: &profile)
        if let egemaps {
            egemaps.analyze(index: k, rawFrame: UnsafeBufferPointer(rawWindow), longWindow: UnsafeBufferPointer(pitchWindow))
            clock.lap(.egemaps, into: &profile)
        }
        pitch.analyze(frameIndex: k, window: UnsafeBufferPointer(pitchWindow)) { estimate in
            clock.lap(.pitch, into: &profile)
            complete(estimate, into: &output)
            clock.lap(.detectors, into: &profile)
        }
        clock.lap(.pitch, into: &profile)
    }

    private func complete(_ estimate: PitchEstimate, into output: inout AnalysisOutput) {
        precondition(pendingHead < pending.count && pending[pendingHead].index == estimate.frameIndex,
                     "pitch estimates must arrive once per frame, in order")
        var frame = pending[pendingHead]
        pendingHead += 1
        if pendingHead > 64 {
            pending.removeFirst(pendingHead)
            pendingHead = 0
        }
        // robustness: the tracker's interpolated lag can land ~3 % beyond the searched range (a tone at
        // 820 Hz reads 820 with an 800 Hz ceiling); the reported f0 stays inside minimumF0…maximumF0.
        frame.f0Hz = estimate.f0Hz > 0 ? min(max(estimate.f0Hz, f0Floor), f0Ceiling) : estimate.f0Hz
        frame.voicing = estimate.voicing
        output.frames.append(frame)
        if let egemaps { egemaps.complete(frame) } else { voiceQuality.process(frameIndex: frame.index, f0Hz: frame.f0Hz) }
        pauses.process(frame, into: &output)
        detectors.process(frame, into: &output)  // speaking rate, laughter, sigh
    }
}
