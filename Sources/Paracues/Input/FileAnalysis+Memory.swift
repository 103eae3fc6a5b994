extension FileAnalysis {
    /// Analyses an audio file held in memory (its complete bytes: WAV, AIFF, FLAC, Ogg, …), decoded
    /// through libsndfile without writing it anywhere (see ``AudioFileReader/init(bytes:name:)``).
    ///
    /// Gives the same report as ``analyze(path:options:)`` on a file holding the same bytes, with
    /// `name` in place of the path (in ``AnalysisReport`` and in error messages).
    /// - Throws: ``ParacuesError`` when the bytes cannot be decoded, have an unsupported format or
    ///   hold no samples.
    public static func analyze(bytes: some Collection<UInt8>, name: String,
                               options: Options = Options()) throws(ParacuesError) -> AnalysisReport {
        let reader = try AudioFileReader(bytes: bytes, name: name)
        let block = UnsafeMutableBufferPointer<Float>.allocate(capacity: 4096 * reader.format.channels)
        defer { block.deallocate() }
        var report = try analyze(source: name, format: reader.format, options: options,
                                 nextBlock: blocks(of: reader, into: block))
        if let truncation = reader.truncation {
            report.incompleteInput = truncation
            report.warnings.append(truncation.description)
        }
        return report
    }
}
