import Foundation

/// Runs the engine over an audio file (or a time span of it) and returns the segment's
/// ``SegmentFeatures``: the I/O side of training (`paracues train`) and of one-shot classification.
public enum CueFeatureExtraction {
    /// Features of `path` between `start` and `end` seconds (whole file when nil).
    ///
    /// Frames whose instant lies in `[start, end)`, pauses lying entirely inside it and events
    /// starting inside it are accumulated; the segment duration is the span's length (clipped to the file).
    /// - Throws: ``ParacuesError`` when the file cannot be read, ``ParacuesError/invalidConfiguration(_:)``
    ///   for an empty span, ``ParacuesError/tooShort(_:)`` for a file without samples.
    public static func segmentFeatures(path: String, start: Double? = nil, end: Double? = nil,
                                       configuration: AnalysisConfiguration = AnalysisConfiguration(),
                                       channel: Int? = nil) throws(ParacuesError) -> SegmentFeatures {
        let from = start ?? 0, to = end ?? .infinity
        guard from >= 0, to > from else { throw .invalidConfiguration("\(path): empty span \(from)–\(to) s") }
        let hop = configuration.hopSeconds
        var accumulator = SegmentFeatureAccumulator(hopSeconds: hop)
        accumulator.eventsDetected = true
        let run = try FileAnalysis.run(path: path, configuration: configuration, channel: channel) { output, _ in
            for frame in output.frames {
                let t = frame.time(hopSeconds: hop)
                if t >= from && t < to { accumulator.add(frame) }
            }
            for pause in output.pauses where pause.start >= from && pause.end <= to { accumulator.add(pause) }
            for event in output.events where event.start >= from && event.start < to { accumulator.add(event) }
        }
        let duration = run.durationSeconds
        guard from < duration else { throw .invalidConfiguration("\(path): span starts at \(from) s, after the end (\(duration) s)") }
        let rate = run.analyzer.detectors.speakingRate.summary(from: from, to: min(to, duration))
        accumulator.setRate(speakingRate: rate.phonationTime >= 0.5 ? rate.speechRate : nil,
                            articulationRate: rate.phonationTime >= 0.5 ? rate.articulationRate : nil)
        return accumulator.features(durationSeconds: min(to, duration) - from)
    }
}
