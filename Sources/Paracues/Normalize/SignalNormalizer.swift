/// Turns interleaved audio at any rate and channel count into mono Float32 at the analysis rate
/// (PLACEHOLDER version: mixes down; the input stage adds resampling).
public final class SignalNormalizer {
    /// The source format.
    public let format: AudioFormat
    /// Which channel to keep (0-based), or nil to average all channels.
    public let channel: Int?
    private let targetRate: Int
    private var mono: [Float] = []

    /// - Throws: ``ParacuesError/unsupportedFormat(_:)`` for rates or channels out of range.
    public init(format: AudioFormat, channel: Int? = nil, targetRate: Int) throws(ParacuesError) {
        guard format.sampleRate == targetRate else {
            throw .unsupportedFormat("resampling from \(format.sampleRate) Hz is not implemented yet")
        }
        self.format = format
        self.channel = channel
        self.targetRate = targetRate
    }

    /// Converts interleaved samples (a whole number of frames) and passes mono analysis-rate
    /// samples to `emit`.
    public func process(interleaved: UnsafeBufferPointer<Float>, emit: (UnsafeBufferPointer<Float>) -> Void) {
        let c = format.channels
        let frames = interleaved.count / c
        mono.removeAll(keepingCapacity: true)
        for f in 0..<frames {
            if let channel { mono.append(interleaved[f * c + channel]) } else {
                var s: Float = 0
                for ch in 0..<c { s += interleaved[f * c + ch] }
                mono.append(s / Float(c))
            }
        }
        mono.withUnsafeBufferPointer { emit($0) }
    }

    /// Flushes the resampler's tail.
    public func finish(emit: (UnsafeBufferPointer<Float>) -> Void) {}
}
