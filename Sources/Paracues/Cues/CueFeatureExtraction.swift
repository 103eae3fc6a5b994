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
        let reader = try AudioFileReader(path: path)
        let format = reader.format
        var configuration = configuration
        configuration.sourceBandwidth = Double(min(format.sampleRate, configuration.analysisRate)) / 2
        let normalizer = try SignalNormalizer(format: format, channel: channel, targetRate: configuration.analysisRate)
        let analyzer = try StreamingAnalyzer(configuration: configuration)
        let hop = configuration.hopSeconds
        var accumulator = SegmentFeatureAccumulator(hopSeconds: hop)
        var output = AnalysisOutput()
        var inputFrames = 0
        func take(_ output: AnalysisOutput) {
            for frame in output.frames {
                let t = frame.time(hopSeconds: hop)
                if t >= from && t < to { accumulator.add(frame) }
            }
            for pause in output.pauses where pause.start >= from && pause.end <= to { accumulator.add(pause) }
            for event in output.events where event.start >= from && event.start < to { accumulator.add(event) }
        }
        let block = UnsafeMutableBufferPointer<Float>.allocate(capacity: 4096 * format.channels)
        defer { block.deallocate() }
        while true {
            let frames = try reader.read(into: block)
            if frames == 0 { break }
            inputFrames += frames
            normalizer.process(interleaved: UnsafeBufferPointer(rebasing: block[0..<(frames * format.channels)])) {
                analyzer.process($0, into: &output)
            }
            take(output)
            output.removeAll()
        }
        guard inputFrames > 0 else { throw .tooShort("\(path): no audio samples") }
        normalizer.finish { analyzer.process($0, into: &output) }
        analyzer.finish(into: &output)
        take(output)
        let duration = Double(inputFrames) / Double(format.sampleRate)
        guard from < duration else { throw .invalidConfiguration("\(path): span starts at \(from) s, after the end (\(duration) s)") }
        return accumulator.features(durationSeconds: min(to, duration) - from)
    }
}
