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
        /// The cue model (`docs/cues.md`); the built-in default unless `--model` gives another.
        public var cueModel = CueModel.default
        /// Compute the 88 eGeMAPSv02 functionals (`docs/egemaps.md`).
        public var egemaps = false
        /// With ``egemaps``: also over sliding windows of this many seconds…
        public var egemapsWindow: Double? = nil
        /// …starting this many seconds apart (default: the window length).
        public var egemapsStep: Double? = nil
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
        var report = try analyze(source: path, format: format, options: options, nextBlock: blocks(of: reader, into: block))
        if let truncation = reader.truncation {
            report.incompleteInput = truncation
            report.warnings.append(truncation.description)
        }
        return report
    }

    /// What ``run(path:configuration:channel:_:)`` streamed.
    public struct Run {
        /// The file's format.
        public var format: AudioFormat
        /// Its length in seconds.
        public var durationSeconds: Double
        /// The finished analyser (silence summary, detectors' summaries).
        public var analyzer: StreamingAnalyzer
        /// The input's truncation, when it ended early.
        public var truncation: ParacuesError?
    }

    /// Streams the file at `path` through the engine, handing every call's output to `body`
    /// (with the analyser, for its detectors' running summaries). The one read → normalize → analyse
    /// loop that batch analysis and training share.
    public static func run(path: String, configuration: AnalysisConfiguration, channel: Int?,
                           egemaps: (window: Double?, step: Double?)? = nil,
                           _ body: (AnalysisOutput, StreamingAnalyzer) -> Void) throws(ParacuesError) -> Run {
        let reader = try AudioFileReader(path: path)
        let format = reader.format
        let block = UnsafeMutableBufferPointer<Float>.allocate(capacity: 4096 * format.channels)
        defer { block.deallocate() }
        let (duration, analyzer) = try run(source: path, format: format, configuration: configuration, channel: channel,
                                           egemaps: egemaps, body, nextBlock: blocks(of: reader, into: block))
        return Run(format: format, durationSeconds: duration, analyzer: analyzer, truncation: reader.truncation)
    }

    /// Reads `reader` block by block into `block`: interleaved samples, nil at the end.
    static func blocks(of reader: AudioFileReader, into block: UnsafeMutableBufferPointer<Float>)
        -> () throws(ParacuesError) -> UnsafeBufferPointer<Float>? {
        let channels = reader.format.channels
        return { () throws(ParacuesError) -> UnsafeBufferPointer<Float>? in
            let frames = try reader.read(into: block)
            return frames == 0 ? nil : UnsafeBufferPointer(rebasing: block[0..<(frames * channels)])
        }
    }

    /// The streaming loop over blocks of interleaved samples; returns the duration and the analyser.
    static func run(source: String, format: AudioFormat, configuration: AnalysisConfiguration, channel: Int?,
                    egemaps: (window: Double?, step: Double?)?,
                    _ body: (AnalysisOutput, StreamingAnalyzer) -> Void,
                    nextBlock: () throws(ParacuesError) -> UnsafeBufferPointer<Float>?) throws(ParacuesError) -> (Double, StreamingAnalyzer) {
        var configuration = configuration
        let normalizer = try SignalNormalizer(format: format, channel: channel, targetRate: configuration.analysisRate)
        configuration.sourceBandwidth = normalizer.sourceBandwidth
        let analyzer = try StreamingAnalyzer(configuration: configuration)
        if let egemaps { try analyzer.enableEGeMAPS(window: egemaps.window, step: egemaps.step) }
        var output = AnalysisOutput()
        var inputFrames = 0
        while let block = try nextBlock() {
            inputFrames += block.count / format.channels
            normalizer.process(interleaved: block) { analyzer.process($0, into: &output) }
            body(output, analyzer)
            output.removeAll()
        }
        guard inputFrames > 0 else { throw .tooShort("\(source): no audio samples") }
        normalizer.finish { analyzer.process($0, into: &output) }
        analyzer.finish(into: &output)
        body(output, analyzer)
        return (Double(inputFrames) / Double(format.sampleRate), analyzer)
    }

    /// Analyses interleaved samples delivered block by block by `nextBlock` (nil at the end).
    ///
    /// - Throws: whatever `nextBlock` throws, ``ParacuesError/tooShort(_:)`` when there are no samples.
    public static func analyze(
        source: String, format: AudioFormat, options: Options,
        nextBlock: () throws(ParacuesError) -> UnsafeBufferPointer<Float>?
    ) throws(ParacuesError) -> AnalysisReport {
        let configuration = options.configuration
        var builder = ReportBuilder(hopSeconds: configuration.hopSeconds, keepFrames: options.keepFrames)
        var cueFeatures = SegmentFeatureAccumulator(hopSeconds: configuration.hopSeconds)
        var turns = CueTurnSegmenter(model: options.cueModel, hopSeconds: configuration.hopSeconds)
        cueFeatures.eventsDetected = true
        turns.accumulator.eventsDetected = true
        var segments: [AnalysisReport.Segment] = []
        let (duration, analyzer) = try run(source: source, format: format, configuration: configuration,
                                           channel: options.channel,
                                           egemaps: options.egemaps ? (options.egemapsWindow, options.egemapsStep) : nil,
                                           { output, analyzer in
            builder.add(output)
            cueFeatures.add(output)
            if let last = output.frames.last {
                // The open turn's rate so far (the rate tracker decides nuclei ≤ 0.1 s late).
                let rate = analyzer.detectors.speakingRate.summary(from: turns.start, to: last.time(hopSeconds: configuration.hopSeconds))
                turns.accumulator.setRate(speakingRate: rate.phonationTime >= 0.5 ? rate.speechRate : nil,
                                          articulationRate: rate.phonationTime >= 0.5 ? rate.articulationRate : nil)
            }
            for turn in turns.add(output) { segments.append(.init(startS: turn.start, endS: turn.end, cues: turn.report)) }
        }, nextBlock: nextBlock)
        if let last = turns.finish() { segments.append(.init(startS: last.start, endS: last.end, cues: last.report)) }
        var report = builder.report(
            file: source, format: format, channel: options.channel, durationSeconds: duration,
            analysisRate: configuration.analysisRate, silence: analyzer.silence)
        // robustness: say so when no frame saw a whole window of signal.
        if duration < analyzer.longestWindowSeconds {
            let samples = Int((duration * Double(format.sampleRate)).rounded())
            report.warnings.append("the input (\(samples) samples, \(Int((duration * 1_000).rounded(.up))) ms) is shorter than one "
                + "analysis window (\(Int((analyzer.longestWindowSeconds * 1_000).rounded())) ms): its frames are computed mostly from zero padding")
        }
        let rate = analyzer.detectors.speakingRate.summary()
        let measurable = rate.phonationTime >= 0.5
        report.summary.speakingRateSylS = measurable ? rate.speechRate : nil
        report.summary.articulationRateSylS = measurable ? rate.articulationRate : nil
        report.summary.syllableCount = rate.syllableCount
        cueFeatures.setRate(speakingRate: report.summary.speakingRateSylS, articulationRate: report.summary.articulationRateSylS)
        let voice = analyzer.voiceQualitySummary()
        report.summary.voiceQuality = VoiceQualityReport(voice)
        var voiceValues = SegmentFeatureAccumulator.VoiceQualityValues(
            jitterPercent: voice.jitterLocalPercent.value, shimmerDB: voice.shimmerLocalDB.value, hnrDB: voice.hnrDB.value)
        if let egemaps = analyzer.egemaps {
            let features = egemaps.functionals()
            let value = { (name: String) in features.first { $0.name == name }?.value }
            voiceValues.alphaRatioDB = value("alphaRatioV_sma3nz_amean")
            voiceValues.hammarbergIndexDB = value("hammarbergIndexV_sma3nz_amean")
            voiceValues.spectralSlope = value("slopeV0-500_sma3nz_amean")
            cueFeatures.setFormants(f1Hz: value("F1frequency_sma3nz_amean"), f2Hz: value("F2frequency_sma3nz_amean"),
                                    f3Hz: value("F3frequency_sma3nz_amean"))
            let egemapsReport = EGeMAPSReport(features)
            report.egemaps = egemapsReport
            report.egemapsUnmeasured = egemapsReport.unmeasured
            if options.egemapsWindow != nil {
                report.egemapsWindows = egemaps.windows.map { .init(startS: $0.start, endS: $0.end, features: EGeMAPSReport($0.features)) }
            }
        }
        cueFeatures.setVoiceQuality(voiceValues)
        report.cues = CueClassifier(model: options.cueModel).classify(cueFeatures.features(durationSeconds: duration))
        report.segments = segments
        return report
    }
}
