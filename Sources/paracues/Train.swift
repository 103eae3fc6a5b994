import ArgumentParser
import Foundation
import Paracues

extension CueTarget: ExpressibleByArgument {}

/// `paracues train`: fits a cue model head from labelled audio and writes a model for `--model`.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a cue model head from labelled audio files (see docs/cues.md).",
        discussion: """
            LABELS.csv has a header row naming the columns file,label and optionally speaker,start_s,end_s \
            (any order; no commas inside fields; file paths relative to the CSV's folder). Labels are class \
            names for emotion (neutral|happy|sad|angry|anxious) and age_band (child|teen|adult|senior), numbers \
            for arousal and valence (−1…1) and fatigue and frustration (0…1). Prints speaker-independent \
            cross-validated UAR, confusion matrix and ECE (or CCC and RMSE) and writes the model JSON. \
            Exit status: 0 trained; 1 an input could not be analysed (named on stderr; the model is still \
            written from the others) or training failed; 2 usage error.
            """)

    @Option(help: "CSV of labelled files: file,label[,speaker,start_s,end_s].")
    var labels: String?

    @Option(help: "What to train: \(CueTarget.allCases.map(\.rawValue).joined(separator: "|")).")
    var target: CueTarget?

    @Option(name: .shortAndLong, help: "Write the model JSON to PATH.")
    var output: String

    @Option(help: "Cross-validation folds (speaker-independent; by file when there is no speaker column).")
    var folds = 5

    @Option(help: "L2 penalty on the weights of standardised features.")
    var l2 = 0.01

    @Flag(help: "Write the built-in default model to -o instead of training (a starting point to edit).")
    var printDefault = false

    func validate() throws {
        if printDefault { return }
        guard labels != nil, target != nil else { throw ValidationError("train needs --labels LABELS.csv and --target TARGET") }
        guard folds >= 2 else { throw ValidationError("--folds must be ≥ 2") }
        guard l2 >= 0 else { throw ValidationError("--l2 must be ≥ 0") }
    }

    func run() throws {
        if printDefault { return try write(CueModel.default.jsonData()) }
        let rows = try Self.readLabels(path: labels!)
        var samples: [CueTrainingSample] = []
        var failures = 0
        for row in rows {
            do {
                let features = try CueFeatureExtraction.segmentFeatures(path: row.path, start: row.start, end: row.end)
                samples.append(.init(features: features, label: row.label, speaker: row.speaker, source: row.file))
            } catch {
                failures += 1
                Diagnostics.write("paracues: \(Analyze.describe(error, file: row.file))\n")
            }
        }
        var options = CueTraining.Options()
        options.folds = folds
        options.l2 = l2
        let result: CueTraining.Result
        do {
            result = try CueTraining.fit(samples: samples, target: target!, options: options,
                                         provenance: "labels \(URL(fileURLWithPath: labels!).lastPathComponent)")
        } catch {
            Diagnostics.write("paracues: training failed: \(error.description)\n")
            throw ExitCode(1)
        }
        try write(result.model.jsonData())
        print(Self.describe(result.evaluation), terminator: "")
        if failures > 0 { throw ExitCode(1) }
    }

    private func write(_ data: Data) throws {
        do { try data.write(to: URL(fileURLWithPath: output)) } catch {
            Diagnostics.write("paracues: \(output): cannot write: \(error.localizedDescription)\n")
            throw ExitCode(1)
        }
    }

    /// The evaluation as text: summary, features, confusion matrix or regression figures.
    static func describe(_ e: CueTraining.Evaluation) -> String {
        var text = CueTraining.summary(e) + "\n"
        text += "normalisation: \(e.normalisation.rawValue)\n"
        text += "features: \(e.features.map(\.rawValue).joined(separator: ", "))\n"
        if let classes = e.classes, let confusion = e.confusion {
            let width = max(8, (classes.map(\.count).max() ?? 0) + 1)
            func pad(_ s: String) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
            text += "confusion (rows true, columns predicted):\n" + pad("") + classes.map(pad).joined() + "\n"
            for (c, row) in zip(classes, confusion) { text += pad(c) + row.map { pad(String($0)) }.joined() + "\n" }
            if let before = e.eceUncalibrated, let after = e.ece {
                text += String(format: "ECE before calibration %.3f, after %.3f\n", before, after)
            }
        }
        return text
    }

    /// One labelled row of the CSV.
    struct LabelRow {
        var file: String, path: String, label: String, speaker: String?, start: Double?, end: Double?
    }

    /// Reads the labels CSV. Paths are resolved against the CSV's folder.
    static func readLabels(path: String) throws -> [LabelRow] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValidationError("cannot read labels file \(path)")
        }
        let lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        func fields(_ line: String) -> [String] {
            line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        guard let header = lines.first.map(fields), let fileColumn = header.firstIndex(of: "file"),
              let labelColumn = header.firstIndex(of: "label") else {
            throw ValidationError("\(path): the first line must name the columns, including file and label")
        }
        let speakerColumn = header.firstIndex(of: "speaker"), startColumn = header.firstIndex(of: "start_s")
        let endColumn = header.firstIndex(of: "end_s")
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        var rows: [LabelRow] = []
        for (n, line) in lines.dropFirst().enumerated() {
            let f = fields(line)
            guard f.count == header.count else {
                throw ValidationError("\(path):\(n + 2): expected \(header.count) fields, found \(f.count)")
            }
            func number(_ column: Int?) throws -> Double? {
                guard let column, !f[column].isEmpty else { return nil }
                guard let v = Double(f[column]), v.isFinite else {
                    throw ValidationError("\(path):\(n + 2): \(header[column]) is not a number: \(f[column])")
                }
                return v
            }
            let file = f[fileColumn]
            let resolved = file.hasPrefix("/") ? file : folder.appendingPathComponent(file).path
            rows.append(LabelRow(file: file, path: resolved, label: f[labelColumn],
                                 speaker: speakerColumn.flatMap { f[$0].isEmpty ? nil : f[$0] },
                                 start: try number(startColumn), end: try number(endColumn)))
        }
        guard !rows.isEmpty else { throw ValidationError("\(path): no labelled rows") }
        return rows
    }
}
