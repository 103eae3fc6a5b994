/// Laughter detector (in progress).
public struct LaughterDetector: Sendable {
    /// Creates a detector.
    public init(configuration: AnalysisConfiguration) {}
    /// Feeds one completed frame.
    public mutating func process(_ frame: FrameFeatures, acoustics: FrameAcoustics, into output: inout AnalysisOutput) {}
    /// Closes an open event.
    public mutating func finish(into output: inout AnalysisOutput) {}
}
