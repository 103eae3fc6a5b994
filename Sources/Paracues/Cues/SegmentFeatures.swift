/// The measurements of one speech segment (a turn, a file or a rolling window) that the cue
/// classifier reads: a table of ``CueFeature`` values, `nil` where not measured.
///
/// Built by ``SegmentFeatureAccumulator`` from the engine's output, or filled by hand (tests, other
/// front ends). Values must be finite; setting a non-finite value stores `nil`.
public struct SegmentFeatures: Sendable, Hashable, Codable {
    /// Measured values by feature (absent = not measured).
    public private(set) var values: [CueFeature: Double]
    /// Length of the segment in seconds (≥ 0), silence included.
    public var durationSeconds: Double

    /// Creates a segment from a table of values (non-finite values are dropped).
    public init(durationSeconds: Double, values: [CueFeature: Double] = [:]) {
        self.durationSeconds = durationSeconds
        self.values = values.filter { $0.value.isFinite }
    }

    /// The value of `feature`, or nil when it was not measured.
    public subscript(feature: CueFeature) -> Double? {
        get { values[feature] }
        set { values[feature] = newValue.flatMap { $0.isFinite ? $0 : nil } }
    }

    /// Voiced speech in seconds (0 when unknown).
    public var voicedSeconds: Double { values[.voicedSeconds] ?? 0 }
}
