import ParacuesDSP

/// Turns interleaved audio at any accepted rate and channel count into mono Float32 at the
/// analysis rate: channel mixdown (mean of all channels) or pick, then ``PolyphaseResampler``.
///
/// Timing is preserved exactly: output sample `n` is the instant `n / targetRate` s of the input
/// (the resampler's group delay is compensated). Latency: ``latencySeconds`` (0 when the rates are
/// equal, 3.6 ms from 44.1 kHz). Output length: `ceil(inputFrames × target / source)` after
/// ``finish(emit:)``. Any chunking of the input gives bit-identical output.
///
/// Non-finite samples (NaN, ±Inf) must not smear through the resampling filter, and the analyser
/// must still learn where they were. Two ways, one per stream:
/// - ``process(interleaved:emit:)``: at equal rates they pass through as-is; when resampling they
///   are replaced by 0 before filtering and every output sample that depended on one is emitted as
///   NaN, so ``StreamingAnalyzer/process(_:into:)`` flags those frames itself. No extra wiring.
/// - ``process(interleaved:emit:nonFinite:)``: output is always finite (non-finite inputs become 0
///   before filtering) and `nonFinite` receives the analysis-rate sample ranges whose values depended
///   on one, before those samples are emitted; pass them to ``StreamingAnalyzer/markNonFinite(_:)``.
///
/// Not thread-safe: one normaliser per stream.
public final class SignalNormalizer {
    /// The source format.
    public let format: AudioFormat
    /// Which channel to keep (0-based), or nil to average all channels.
    public let channel: Int?
    /// Output sample rate, in Hz.
    public let targetRate: Int
    /// Bandwidth of the original recording as seen at the output, in Hz:
    /// `min(sourceRate, targetRate) / 2`. Set ``AnalysisConfiguration/sourceBandwidth`` to it. (The
    /// resampler passes up to 0.9 × this flat when downsampling, 0.98 × when upsampling, and removes
    /// the rest: −6 dB at this frequency when upsampling, everything above 1.02 × it; see `ResamplerDesign`.)
    public var sourceBandwidth: Double { Double(min(format.sampleRate, targetRate)) / 2 }
    /// Seconds of input past an instant before its output sample is emitted.
    public var latencySeconds: Double { resampler.latencySeconds }
    /// Output samples emitted so far.
    public var samplesEmitted: Int { resampler.outputSamplesEmitted }

    private let resampler: PolyphaseResampler
    private let mono: UnsafeMutableBufferPointer<Float>
    private let marked: UnsafeMutableBufferPointer<Float>
    private var framesReceived = 0
    private var tracker: NonFiniteTracker

    /// - Throws: ``ParacuesError/unsupportedFormat(_:)`` for a rate (source or target) outside
    ///   8–192 kHz or a channel count outside 1–64; ``ParacuesError/invalidConfiguration(_:)`` for a
    ///   `channel` the input does not have.
    public init(format: AudioFormat, channel: Int? = nil, targetRate: Int) throws(ParacuesError) {
        try format.validate()
        try AudioFormat(sampleRate: targetRate, channels: 1).validate()
        if let channel, !(0..<format.channels).contains(channel) {
            throw .invalidConfiguration(
                "channel \(channel) does not exist: the input has \(format.channels) channel\(format.channels == 1 ? "" : "s") (0-based: 0–\(format.channels - 1))")
        }
        self.format = format
        self.channel = channel
        self.targetRate = targetRate
        resampler = PolyphaseResampler(inputRate: format.sampleRate, outputRate: targetRate)
        tracker = NonFiniteTracker(design: resampler.design)
        mono = .allocate(capacity: 4096)
        mono.initialize(repeating: 0)
        marked = .allocate(capacity: 4096)
        marked.initialize(repeating: 0)
    }

    deinit {
        mono.deallocate()
        marked.deallocate()
    }

    /// Converts interleaved samples (a whole number of frames) and passes mono target-rate samples
    /// to `emit`. Non-finite input is reported in-band (passed through, or NaN after resampling).
    public func process(interleaved: UnsafeBufferPointer<Float>, emit: (UnsafeBufferPointer<Float>) -> Void) {
        convert(interleaved, sanitize: !resampler.design.isIdentity, inBand: true, report: { _ in }, emit: emit)
    }

    /// Converts interleaved samples (a whole number of frames); `emit` receives finite mono
    /// target-rate samples, `nonFinite` the absolute output index ranges (from the stream start)
    /// that depended on a non-finite input sample, each before the samples it covers are emitted.
    public func process(interleaved: UnsafeBufferPointer<Float>, emit: (UnsafeBufferPointer<Float>) -> Void,
                        nonFinite: (Range<Int>) -> Void) {
        convert(interleaved, sanitize: true, inBand: false, report: nonFinite, emit: emit)
    }

    /// Flushes the resampler's tail (the last `latencySeconds` of output). Later calls do nothing.
    public func finish(emit: (UnsafeBufferPointer<Float>) -> Void) {
        resampler.finish { deliver($0, emit: emit) }
    }

    private func convert(_ interleaved: UnsafeBufferPointer<Float>, sanitize: Bool, inBand: Bool,
                         report: (Range<Int>) -> Void, emit: (UnsafeBufferPointer<Float>) -> Void) {
        let c = format.channels
        precondition(interleaved.count % c == 0, "process(interleaved:) needs whole frames")
        let frames = interleaved.count / c
        var done = 0
        while done < frames {
            let n = min(mono.count, frames - done)
            let base = done * c
            if let channel {
                for f in 0..<n { mono[f] = interleaved[base + f * c + channel] }
            } else if c == 1 {
                for f in 0..<n { mono[f] = interleaved[base + f] }
            } else {
                let scale = 1 / Float(c)
                for f in 0..<n {
                    var s: Float = 0
                    for ch in 0..<c { s += interleaved[base + f * c + ch] }
                    // The sum of huge finite samples can overflow to ±Inf although their mean is
                    // finite (fuzz finding: such frames were flagged non-finite and zeroed instead of
                    // clipped): those are redone in Double. NaN/Inf inputs stay non-finite.
                    mono[f] = s.isFinite ? s * scale : Self.mean(of: interleaved, from: base + f * c, count: c)
                }
            }
            if !resampler.design.isIdentity {
                // Huge finite samples (|x| > 10⁶, e.g. 3e38 in a float file) overflow the filter's
                // sums to ±Inf (fuzz finding: the output then held Inf and the frames were flagged
                // non-finite instead of clipped). The engine clamps to ±sampleLimit anyway: clamp first.
                let limit = StreamingAnalyzer.sampleLimit
                for f in 0..<n where abs(mono[f]) > limit && mono[f].isFinite { mono[f] = mono[f] > 0 ? limit : -limit }
            }
            if sanitize {
                for f in 0..<n where !mono[f].isFinite {
                    mono[f] = 0
                    if let range = tracker.note(inputIndex: framesReceived + f) {
                        if inBand { tracker.queue(range) } else { report(range) }
                    }
                }
                if let range = tracker.close() {
                    if inBand { tracker.queue(range) } else { report(range) }
                }
            }
            framesReceived += n
            resampler.process(UnsafeBufferPointer(rebasing: mono[0..<n])) { deliver($0, emit: emit) }
            done += n
        }
    }

    /// Mean of `count` samples from `start`, summed in Double (no overflow for finite samples).
    private static func mean(of samples: UnsafeBufferPointer<Float>, from start: Int, count: Int) -> Float {
        var sum = 0.0
        for i in start..<(start + count) { sum += Double(samples[i]) }
        return Float(sum / Double(count))
    }

    /// Emits `samples` (the next output block), NaN-marking pending ranges in in-band mode.
    private func deliver(_ samples: UnsafeBufferPointer<Float>, emit: (UnsafeBufferPointer<Float>) -> Void) {
        let start = resampler.outputSamplesEmitted - samples.count
        guard tracker.hasPendingMarks(before: start + samples.count) else {
            emit(samples)
            return
        }
        var offset = 0
        while offset < samples.count {
            let n = min(marked.count, samples.count - offset)
            _ = UnsafeMutableBufferPointer(rebasing: marked[0..<n])
                .update(fromContentsOf: UnsafeBufferPointer(rebasing: samples[offset..<(offset + n)]))
            tracker.applyMarks(to: UnsafeMutableBufferPointer(rebasing: marked[0..<n]), startingAt: start + offset)
            emit(UnsafeBufferPointer(rebasing: marked[0..<n]))
            offset += n
        }
    }
}
