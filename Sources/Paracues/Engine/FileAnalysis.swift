/// Batch analysis: the streaming engine run over a whole source. Gives exactly the frames,
/// pauses and events that pushing the same samples through ``StreamingAnalyzer`` in any chunking gives.
public enum FileAnalysis {
    /// Options for one file.
    public struct Options: Sendable {
        /// Analysis settings.
        public var configuration = AnalysisConfiguration()
        /// Channel to analyse (0-based), or nil to average all channels.
        public var channel: Int? = nil
        /// Keep the frame table in the report.
        public var keepFrames = false
        /// Creates default options.
        public init() {}
    }

    /// Analyses an audio file read through libsndfile. Memory stays flat in the file's length
    /// (unless `keepFrames`).
    ///
    /// A file whose data ends early is analysed as far as it decodes; the report then carries the
    /// truncation in ``AnalysisReport/incompleteInput`` and in `warnings`.
    ///
    /// - Throws: ``ParacuesError`` when the file cannot be read, has an unsupported format or holds
    ///   no samples.
    public static func analyze(path: String, options: Options = Options()) throws(ParacuesError) -> AnalysisReport {
        let reader = try AudioFileReader(path: path)
        let format = reader.format
        let block = UnsafeMutableBufferPointer<Float>.allocate(capacity: 4096 * format.channels)
        defer { block.deallocate() }
        var report = try analyze(source: path, format: format, options: options) { () throws(ParacuesError) -> UnsafeBufferPointer<Float>? in
            let frames = try reader.read(into: block)
            return frames == 0 ? nil : UnsafeBufferPointer(rebasing: block[0..<(frames * format.channels)])
        }
        if let truncation = reader.truncation {
            report.incompleteInput = truncation
            report.warnings.append(truncation.description)
        }
        return report
    }

    /// Analyses interleaved samples delivered block by block by `nextBlock` (nil at the end).
    ///
    /// - Throws: whatever `nextBlock` throws, ``ParacuesError/tooShort(_:)`` when there are no samples.
    public static func analyze(
        source: String, format: AudioFormat, options: Options,
        nextBlock: () throws(ParacuesError) -> UnsafeBufferPointer<Float>?
    ) throws(ParacuesError) -> AnalysisReport {
        var configuration = options.configuration
        let normalizer = try SignalNormalizer(format: format, channel: options.channel, targetRate: configuration.analysisRate)
        configuration.sourceBandwidth = normalizer.sourceBandwidth
        let analyzer = try StreamingAnalyzer(configuration: configuration)
        var builder = ReportBuilder(hopSeconds: configuration.hopSeconds, keepFrames: options.keepFrames)
        var output = AnalysisOutput()
        var inputFrames = 0
        while let block = try nextBlock() {
            inputFrames += block.count / format.channels
            normalizer.process(interleaved: block) { analyzer.process($0, into: &output) }
            builder.add(output)
            output.removeAll()
        }
        guard inputFrames > 0 else { throw .tooShort("\(source): no audio samples") }
        normalizer.finish { analyzer.process($0, into: &output) }
        analyzer.finish(into: &output)
        builder.add(output)
        let duration = Double(inputFrames) / Double(format.sampleRate)
        // robustness: say so when no frame saw a whole window of signal.
        var warnings: [String] = []
        if duration < analyzer.longestWindowSeconds {
            warnings.append("the input (\(inputFrames) samples, \(Int((duration * 1_000).rounded(.up))) ms) is shorter than one "
                + "analysis window (\(Int((analyzer.longestWindowSeconds * 1_000).rounded())) ms): its frames are computed mostly from zero padding")
        }
        return builder.report(
            file: source, format: format, channel: options.channel, durationSeconds: duration,
            analysisRate: configuration.analysisRate, silence: analyzer.silence, warnings: warnings)
    }
}
