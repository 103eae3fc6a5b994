import ArgumentParser
import Foundation
import Paracues

/// `paracues analyze`: a thin front end over ``FileAnalysis``.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse audio files (or raw PCM on stdin) and print a paracues/1 report.",
        discussion: """
            Exit status: 0 all inputs analysed; 1 an input could not be analysed (a one-line message \
            names it and the reason; the other inputs are still processed); 2 usage error.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, csv }
    enum RawEncoding: String, ExpressibleByArgument, CaseIterable { case s16le, f32le }

    @Argument(help: "Audio files (WAV, FLAC, OGG, … anything libsndfile reads), or - for raw PCM on stdin.")
    var files: [String]

    @Option(help: "Output format: json (one object per file, JSON Lines) or csv (one row per frame).")
    var format: Format = .json

    @Flag(help: "Include the frame arrays in the JSON report.")
    var frames = false

    @Flag(help: "Pretty-print JSON (one file only).")
    var pretty = false

    @Option(name: .shortAndLong, help: "Write to PATH instead of stdout (a directory with several files: one output per file).")
    var output: String?

    @Option(help: "Analyse only this channel (0-based) instead of the average of all channels.")
    var channel: Int?

    @Option(help: "Lowest f0 searched, Hz.")
    var f0Min: Double = 50

    @Option(help: "Highest f0 searched, Hz.")
    var f0Max: Double = 800

    @Option(help: "Shortest silence reported as a pause, seconds.")
    var minPause: Double = 0.2

    @Option(help: "Raw PCM on stdin: sample encoding.")
    var raw: RawEncoding?

    @Option(help: "Raw PCM on stdin: sample rate in Hz.")
    var rate: Int?

    @Option(help: "Raw PCM on stdin: interleaved channel count.")
    var channels: Int = 1

    func validate() throws {
        if files.contains("-") && (raw == nil || rate == nil) {
            throw ValidationError("reading stdin (-) needs --raw s16le|f32le and --rate HZ")
        }
        if files.count > 1 && format == .csv && output == nil {
            throw ValidationError("CSV for several files needs -o DIR (one CSV per file)")
        }
        if let channel, channel < 0 { throw ValidationError("--channel must be ≥ 0") }
    }

    func run() throws {
        var options = FileAnalysis.Options()
        options.configuration.minimumF0 = f0Min
        options.configuration.maximumF0 = f0Max
        options.configuration.minimumPause = minPause
        options.channel = channel
        options.keepFrames = frames || format == .csv
        do { try options.configuration.validate() } catch { throw ValidationError(error.description) }

        let sink = try OutputSink(path: output, inputCount: files.count, format: format)
        var failures = 0
        for file in files {
            do {
                let report = file == "-"
                    ? try RawInput.analyzeStandardInput(encoding: raw!, rate: rate!, channels: channels, options: options)
                    : try FileAnalysis.analyze(path: file, options: options)
                try sink.write(report: report, format: format, pretty: pretty)
            } catch let error as ParacuesError {
                failures += 1
                FileHandle.standardError.write(Data("paracues: \(Self.describe(error, file: file))\n".utf8))
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }

    /// One line naming the file and the reason.
    static func describe(_ error: ParacuesError, file: String) -> String {
        let text = error.description
        return text.hasPrefix(file) ? text : "\(file): \(text)"
    }
}
