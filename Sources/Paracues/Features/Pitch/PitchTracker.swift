/// One frame's pitch decision.
public struct PitchEstimate: Sendable, Hashable {
    /// Frame number k (time k × hop).
    public var frameIndex: Int
    /// f0 in Hz, 0 when unvoiced.
    public var f0Hz: Float
    /// Probability (0…1) that the frame is voiced.
    public var voicing: Float
    public init(frameIndex: Int, f0Hz: Float, voicing: Float) {
        self.frameIndex = frameIndex
        self.f0Hz = f0Hz
        self.voicing = voicing
    }
}

/// Streaming f0 and voicing tracker (PLACEHOLDER: reports every frame unvoiced).
public final class PitchTracker {
    /// Samples needed on each side of a frame's centre.
    public let halfWindow: Int
    /// Frames of look-ahead of the path search: estimates for frame k are emitted after frame
    /// k + latencyFrames has been analysed.
    public let latencyFrames: Int

    /// Creates a tracker for `configuration`'s rate, hop and f0 range.
    public init(configuration: AnalysisConfiguration) {
        halfWindow = Int((3.0 / configuration.minimumF0 * Double(configuration.analysisRate) / 2).rounded(.up))
        latencyFrames = 0
    }

    /// Analyses frame `frameIndex`, given the `2 × halfWindow` samples centred on it
    /// (`window[halfWindow]` is the centre sample), and emits every estimate now decided, in order.
    public func analyze(frameIndex: Int, window: UnsafeBufferPointer<Float>, emit: (PitchEstimate) -> Void) {
        emit(PitchEstimate(frameIndex: frameIndex, f0Hz: 0, voicing: 0))
    }

    /// Emits the estimates still pending at the end of the stream.
    public func finish(emit: (PitchEstimate) -> Void) {}
}
