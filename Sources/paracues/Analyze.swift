import ArgumentParser
import Foundation
import Paracues
import Synchronization

/// `paracues analyze`: a thin front end over ``FileAnalysis``.
extension RawPCMEncoding: ExpressibleByArgument {}

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse audio files (or raw PCM on stdin) and print a paracues/1 report.",
        discussion: """
            Exit status: 0 all inputs analysed; 1 an input could not be analysed (a one-line message \
            names it and the reason; the other inputs are still processed); 2 usage error.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, csv }

    @Argument(help: "Audio files (WAV, FLAC, OGG, … anything libsndfile reads), directories (walked for audio files), or - for raw PCM on stdin.")
    var files: [String] = []

    @Option(help: "Also analyse the files listed in LIST (one path per line; # comments).")
    var filesFrom: String?

    @Option(help: "Analyse only shard K of N (1-based), by position in the sorted input list: split a corpus across machines.")
    var shard: String?

    @Option(name: .shortAndLong, help: "Files analysed in parallel.")
    var jobs: Int = 1

    @Flag(help: "With -o DIR: skip inputs whose output file already exists.")
    var resume = false

    @Flag(name: .shortAndLong, help: "No progress bar and no batch summary.")
    var quiet = false

    @Option(help: "Output format: json (one object per file, JSON Lines) or csv (one row per frame).")
    var format: Format = .json

    enum FeatureSet: String, ExpressibleByArgument, CaseIterable { case egemaps }

    @Option(help: "Extra feature set: egemaps adds the 88 eGeMAPSv02 functionals (openSMILE names). With --format csv: one row per file.")
    var features: FeatureSet?

    @Option(help: "With --features egemaps: also compute them over sliding windows of this length (e.g. 2s).")
    var window: String?

    @Option(help: "With --window: the step between windows (e.g. 1s; default: the window length).")
    var step: String?

    @Flag(help: "Include the frame arrays in the JSON report.")
    var frames = false

    @Option(help: "Also draw a timeline (energy, pitch, pauses, events) as an SVG file (one input only).")
    var plot: String?

    @Flag(help: "Pretty-print JSON.")
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

    @Option(help: "Raw PCM on stdin: sample encoding (s16le, s24le, f32le).")
    var raw: RawPCMEncoding?

    @Option(help: "Cue model file (JSON, from `paracues train`); default: the built-in model (docs/cues.md).")
    var model: String?

    @Option(help: "Raw PCM on stdin: sample rate in Hz.")
    var rate: Int?

    @Option(help: "Raw PCM on stdin: interleaved channel count.")
    var channels: Int = 1

    func validate() throws {
        if files.isEmpty && filesFrom == nil { throw ValidationError("give at least one input (file, directory, - or --files-from)") }
        if jobs < 1 || jobs > 256 { throw ValidationError("--jobs must be 1…256") }
        if shard != nil && parsedShard == nil { throw ValidationError("--shard takes K/N with 1 ≤ K ≤ N, e.g. 3/8") }
        if plot != nil && (files.count != 1 || filesFrom != nil || Self.isDirectory(files[0])) {
            throw ValidationError("--plot takes one input file")
        }
        if (window != nil || step != nil) && features != .egemaps { throw ValidationError("--window/--step need --features egemaps") }
        if step != nil && window == nil { throw ValidationError("--step needs --window") }
        for (name, value) in [("--window", window), ("--step", step)] {
            if let value, Self.seconds(value) == nil { throw ValidationError("\(name) takes a duration in seconds, e.g. 2s or 0.5 (got \(value))") }
        }
        if resume && output == nil { throw ValidationError("--resume needs -o DIR") }
        if files.contains("-") && (raw == nil || rate == nil) {
            throw ValidationError("reading stdin (-) needs --raw s16le|f32le and --rate HZ")
        }
        if (files.count > 1 || filesFrom != nil) && format == .csv && features == nil && output == nil {
            throw ValidationError("CSV for several files needs -o DIR (one CSV per file)")
        }
        if let channel, channel < 0 { throw ValidationError("--channel must be ≥ 0") }
    }

    var parsedShard: (index: Int, count: Int)? {
        guard let shard else { return nil }
        let parts = shard.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] >= 1, (1...parts[1]).contains(parts[0]) else { return nil }
        return (parts[0], parts[1])
    }

    func run() throws {
        var options = FileAnalysis.Options()
        options.configuration.minimumF0 = f0Min
        options.configuration.maximumF0 = f0Max
        options.configuration.minimumPause = minPause
        options.channel = channel
        options.keepFrames = frames || (format == .csv && features == nil) || plot != nil
        options.egemaps = features == .egemaps
        options.egemapsWindow = window.flatMap(Self.seconds)
        options.egemapsStep = step.flatMap(Self.seconds)
        do { try options.configuration.validate() } catch { throw ValidationError(error.description) }
        if let model {
            do { options.cueModel = try CueModel.load(path: model) } catch {
                Diagnostics.write("paracues: \(Self.describe(error, file: model))\n")
                throw ExitCode.failure
            }
        }

        let items: [InputList.Item]
        do { items = try InputList.expand(files, filesFrom: filesFrom, shard: parsedShard) }
        catch { throw ValidationError("\(error)") }
        let batch = items.count > 1 || output.map { Self.isDirectory($0) } == true
        let sink = try OutputSink(path: output, batch: batch, format: format, oneRowPerInput: features == .egemaps)
        let progress = Progress(total: items.count, quiet: quiet)
        let ordered = OrderedWriter()

        let (raw, rate, channels, pretty, format, resume, plot, frames) = (raw, rate, channels, pretty, format, resume, plot, frames)
        let fixedOptions = options
        let analyse: @Sendable (Int) -> Void = { index in
            let item = items[index]
            if resume, sink.outputExists(for: item, format: format) {
                progress.finished(audioSeconds: 0, failed: false)
                ordered.deliver(index) {}
                return
            }
            do {
                var report = item.path == "-"
                    ? try RawInput.analyzeStandardInput(encoding: raw!, rate: rate!, channels: channels, options: fixedOptions)
                    : try FileAnalysis.analyze(path: item.path, options: fixedOptions)
                if let plot {
                    let svg = TimelinePlot().svg(for: report)
                    guard OutputSink.writeInPlace(Data(svg.utf8), to: plot) else {  // robustness: no rename over devices
                        throw ParacuesError.outputFailed(path: plot, reason: "cannot create the file")
                    }
                }
                if !frames && format == .json { report.frames = nil }
                let rendered = sink.render(report, format: format, pretty: pretty)
                progress.finished(audioSeconds: report.durationS, failed: report.incompleteInput != nil)
                let incomplete = report.incompleteInput
                ordered.deliver(index) {
                    try? sink.write(rendered, for: item, format: format)
                    if let incomplete {
                        Diagnostics.write("paracues: \(Self.describe(incomplete, file: item.path)) (the report covers what was read)\n")
                    }
                }
            } catch {
                progress.finished(audioSeconds: 0, failed: true)
                ordered.deliver(index) {
                    Diagnostics.write("paracues: \(Self.describe(error, file: item.path))\n")
                }
            }
        }
        if jobs == 1 || items.count < 2 {
            for i in items.indices { analyse(i) }
        } else {
            let next = Mutex(0)
            DispatchQueue.concurrentPerform(iterations: min(jobs, items.count)) { _ in
                while true {
                    let i = next.withLock { n -> Int in defer { n += 1 }; return n }
                    guard i < items.count else { return }
                    analyse(i)
                }
            }
        }
        let totals = progress.finish()
        if !quiet && items.count > 1 {
            let rate = totals.wallSeconds > 0 ? totals.audioSeconds / totals.wallSeconds : 0
            Diagnostics.write(String(
                format: "paracues: %d files (%d failed), %.2f h of audio in %.1f s: %.0f× realtime with %d job%@\n",
                totals.files, totals.failed, totals.audioSeconds / 3600, totals.wallSeconds, rate, jobs, jobs == 1 ? "" : "s"))
        }
        if sink.writeFailures > 0 || totals.failed > 0 { throw ExitCode(1) }
    }

    /// Parses a duration like `2s`, `500ms` or `1.5` into seconds (> 0).
    static func seconds(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let value: Double?
        if t.hasSuffix("ms") { value = Double(t.dropLast(2)).map { $0 / 1000 } }
        else if t.hasSuffix("s") { value = Double(t.dropLast()) }
        else { value = Double(t) }
        guard let value, value.isFinite, value > 0 else { return nil }
        return value
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// One line naming the file and the reason.
    static func describe(_ error: any Error, file: String) -> String {
        let text = (error as? ParacuesError)?.description ?? "\(error)"
        return text.hasPrefix(file) ? text : "\(file): \(text)"
    }
}
