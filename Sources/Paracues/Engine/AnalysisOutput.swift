/// A silent pause between two stretches of speech, in seconds from the start of the stream.
public struct Pause: Sendable, Hashable, Codable {
    /// Start of the silence, seconds.
    public var start: Double
    /// End of the silence, seconds (> start).
    public var end: Double
    /// Creates a pause record.
    public init(start: Double, end: Double) { self.start = start; self.end = end }
    /// Length in seconds.
    public var duration: Double { end - start }
}

/// A non-verbal event (laughter, sigh, …) with its time span and detector confidence.
public struct ParalinguisticEvent: Sendable, Hashable, Codable {
    /// Event type, e.g. `"laughter"`, `"sigh"`, `"filled_pause"`.
    public var type: String
    /// Start, seconds from the stream start.
    public var start: Double
    /// End, seconds.
    public var end: Double
    /// Detector confidence, 0…1.
    public var confidence: Double
    /// Creates an event record.
    public init(type: String, start: Double, end: Double, confidence: Double) {
        self.type = type; self.start = start; self.end = end; self.confidence = confidence
    }
}

/// What a call to ``StreamingAnalyzer/process(_:into:)`` or ``StreamingAnalyzer/finish(into:)``
/// produced: complete frames in order, and pauses and events as soon as they are decided.
///
/// Callers own it and may reuse it across calls (`removeAll(keepingCapacity: true)`).
public struct AnalysisOutput: Sendable {
    /// Finished frames, in index order.
    public var frames: [FrameFeatures] = []
    /// Pauses decided in this call.
    public var pauses: [Pause] = []
    /// Events decided in this call.
    public var events: [ParalinguisticEvent] = []

    /// Creates an empty output.
    public init() {}

    /// Empties all arrays, keeping their capacity.
    public mutating func removeAll() {
        frames.removeAll(keepingCapacity: true)
        pauses.removeAll(keepingCapacity: true)
        events.removeAll(keepingCapacity: true)
    }

    /// Appends another output's contents.
    public mutating func append(contentsOf other: AnalysisOutput) {
        frames.append(contentsOf: other.frames)
        pauses.append(contentsOf: other.pauses)
        events.append(contentsOf: other.events)
    }
}
