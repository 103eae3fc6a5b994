import Foundation
import Testing
import Paracues
import ParacuesTestSupport

/// `paracues train` end to end: tiny generated WAV files, a labels CSV, cross-validation output and
/// a model file that loads and classifies.
@Suite("paracues train, end to end")
struct TrainCommandTests {
    /// Four speakers (levels −30…−24 dBFS), each with a quiet "neutral" and a 10 dB louder "angry"
    /// utterance (≈ 2.6 s, 16 kHz float WAV). Returns the folder and the CSV path.
    static func makeCorpus() throws -> (URL, String) {
        let dir = CLIRun.temporaryDirectory()
        var csv = "file,label,speaker\n"
        let speakers: [SpeakerClass] = [.male, .female, .male, .child]
        for (n, speaker) in speakers.enumerated() {
            for (label, boost) in [("neutral", 0.0), ("angry", 10.0)] {
                var voice = SyntheticVoice.utterance(speaker: speaker, seed: UInt64(10 * n + Int(boost)))
                let level = -30 + 2 * Double(n) + boost
                for i in voice.segments.indices { voice.segments[i].levelDB = level + (voice.segments[i].levelDB + 22) }
                let name = "s\(n)_\(label).wav"
                try voice.render().wavData().write(to: dir.appendingPathComponent(name))
                csv += "\(name),\(label),spk\(n)\n"
            }
        }
        let path = dir.appendingPathComponent("labels.csv").path
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        return (dir, path)
    }

    @Test func trainsAModelThatLoadsAndSeparatesTheClasses() throws {
        let (dir, labels) = try Self.makeCorpus()
        let model = dir.appendingPathComponent("model.json").path
        let run = try CLIRun.run(["train", "--labels", labels, "--target", "emotion", "-o", model, "--folds", "4"])
        #expect(run.status == 0, "\(run.stderr)")
        print(run.stdout)
        #expect(run.stdout.contains("emotion: 8 samples, 4 groups, 4-fold"))
        #expect(run.stdout.contains("confusion (rows true, columns predicted)"))
        #expect(run.stdout.contains("normalisation: baseline"))
        let uar = try #require(run.stdout.firstMatch(of: /UAR ([0-9.]+)/).flatMap { Double($0.1) })
        #expect(uar >= 0.75, "cross-validated UAR \(uar)")
        let loaded = try CueModel.load(path: model)
        let head = try #require(loaded.heads[.emotion])
        #expect(head.classes == ["neutral", "angry"])
        #expect(head.features.contains { $0.name == .loudnessMean })
        // Loudness pushes towards "angry" in the trained weights.
        let j = head.features.firstIndex { $0.name == .loudnessMean }!
        #expect(head.weights[1][j] > head.weights[0][j])
        // Targets without a trained head fall back to the default model.
        #expect(loaded.head(for: .arousal) == CueModel.default.heads[.arousal]!)
    }

    @Test func badInputsAreReported() throws {
        let (dir, labels) = try Self.makeCorpus()
        let model = dir.appendingPathComponent("model.json").path
        // A label outside the target's classes: training fails with status 1 and names it.
        var text = try String(contentsOfFile: labels, encoding: .utf8)
        text += "s0_angry.wav,bored,spk0\n"
        let bad = dir.appendingPathComponent("bad.csv").path
        try text.write(toFile: bad, atomically: true, encoding: .utf8)
        let run = try CLIRun.run(["train", "--labels", bad, "--target", "emotion", "-o", model])
        #expect(run.status == 1 && run.stderr.contains("bored"), "\(run.stderr)")
        // A missing file: named on stderr, status 1, the model still written from the others.
        text = try String(contentsOfFile: labels, encoding: .utf8) + "missing.wav,angry,spk9\n"
        try text.write(toFile: bad, atomically: true, encoding: .utf8)
        let missing = try CLIRun.run(["train", "--labels", bad, "--target", "emotion", "-o", model])
        #expect(missing.status == 1 && missing.stderr.contains("missing.wav"), "\(missing.stderr)")
        #expect(FileManager.default.fileExists(atPath: model))
        // Usage errors: status 2.
        #expect(try CLIRun.run(["train", "--labels", labels, "-o", model]).status == 2)
        #expect(try CLIRun.run(["train", "--labels", labels, "--target", "mood", "-o", model]).status == 2)
    }

    @Test func printDefaultWritesTheBuiltInModel() throws {
        let path = CLIRun.temporaryDirectory().appendingPathComponent("default.json").path
        let run = try CLIRun.run(["train", "--print-default", "-o", path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try CueModel.load(path: path) == CueModel.default)
    }
}
