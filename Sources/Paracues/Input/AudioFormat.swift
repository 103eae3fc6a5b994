/// Sample rate and channel layout of an audio source.
public struct AudioFormat: Sendable, Hashable {
    /// Samples per second per channel, in Hz. Accepted: ``supportedSampleRates``.
    public var sampleRate: Int
    /// Interleaved channel count. Accepted: ``supportedChannelCounts``.
    public var channels: Int

    /// Creates a format (not validated: call ``validate()``).
    public init(sampleRate: Int, channels: Int) { self.sampleRate = sampleRate; self.channels = channels }

    /// Sample rates paracues accepts, in Hz: 8 kHz (telephone) … 192 kHz.
    public static let supportedSampleRates = 8_000...192_000
    /// Channel counts paracues accepts.
    public static let supportedChannelCounts = 1...64

    /// Checks the rate and channel count are in the accepted ranges.
    /// - Throws: ``ParacuesError/unsupportedFormat(_:)`` naming the offending value.
    public func validate() throws(ParacuesError) {
        guard Self.supportedSampleRates.contains(sampleRate) else {
            throw .unsupportedFormat(
                "sample rate \(sampleRate) Hz is outside the accepted 8000–192000 Hz")
        }
        guard Self.supportedChannelCounts.contains(channels) else {
            throw .unsupportedFormat("\(channels) channels is outside the accepted 1–64")
        }
    }
}
