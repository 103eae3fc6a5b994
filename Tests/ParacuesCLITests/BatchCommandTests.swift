import Foundation
import Testing
import Paracues

@Suite("paracues analyze: batch runs")
struct BatchCommandTests {
    /// A corpus directory: two good WAVs (one in a sub-directory), one garbage .wav, one text file.
    static func corpus() throws -> URL {
        let dir = CLIRun.temporaryDirectory()
        let sample = URL(fileURLWithPath: CLIRun.sample("TestAudio/speech/cmn_pauses.wav"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: sample, to: dir.appendingPathComponent("a.wav"))
        try FileManager.default.copyItem(at: sample, to: dir.appendingPathComponent("sub/b.wav"))
        try Data(repeating: 0x5A, count: 3000).write(to: dir.appendingPathComponent("broken.wav"))
        try Data("notes".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        return dir
    }

    @Test func aDirectoryWithABadFileCompletesAndReportsIt() throws {
        let dir = try Self.corpus()
        let out = CLIRun.temporaryDirectory().appendingPathComponent("reports")
        let run = try CLIRun.run(["analyze", dir.path, "--jobs", "2", "-o", out.path + "/"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("broken.wav"))
        #expect(run.stderr.contains("3 files (1 failed)"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("a.json").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("sub/b.json").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("broken.json").path))
        let report = try JSONDecoder().decode(AnalysisReport.self, from: Data(contentsOf: out.appendingPathComponent("sub/b.json")))
        #expect(report.schema == "paracues/1")
    }

    @Test func parallelJSONLinesComeOutInInputOrderAndMatchASerialRun() throws {
        let dir = try Self.corpus()
        let a = dir.appendingPathComponent("a.wav").path, b = dir.appendingPathComponent("sub/b.wav").path
        let en = CLIRun.sample("TestAudio/speech/en_pauses.wav")
        let serial = try CLIRun.run(["analyze", en, a, b, en, "--quiet"])
        let parallel = try CLIRun.run(["analyze", en, a, b, en, "--jobs", "3", "--quiet"])
        #expect(serial.status == 0 && parallel.status == 0)
        #expect(parallel.stdout == serial.stdout)
        #expect(parallel.stderr.isEmpty)
    }

    @Test func resumeSkipsFilesWhoseOutputExists() throws {
        let dir = try Self.corpus()
        try FileManager.default.removeItem(at: dir.appendingPathComponent("broken.wav"))
        let out = CLIRun.temporaryDirectory()
        try Data("kept".utf8).write(to: out.appendingPathComponent("a.json"))
        let run = try CLIRun.run(["analyze", dir.path, "-o", out.path, "--resume"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try String(contentsOf: out.appendingPathComponent("a.json"), encoding: .utf8) == "kept")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("sub/b.json").path))
    }

    @Test func shardsPartitionTheFileList() throws {
        let dir = try Self.corpus()
        let list = dir.appendingPathComponent("list.txt")
        let en = CLIRun.sample("TestAudio/speech/en_pauses.wav")
        let cmn = CLIRun.sample("TestAudio/speech/cmn_pauses.wav")
        try "# corpus\n\(en)\n\(cmn)\n\(en)\n".write(to: list, atomically: true, encoding: .utf8)
        var seen: [String] = []
        for k in 1...2 {
            let run = try CLIRun.run(["analyze", "--files-from", list.path, "--shard", "\(k)/2", "--quiet"])
            #expect(run.status == 0)
            seen += run.stdout.split(separator: "\n").map { line in
                (try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any])["file"] as! String
            }
        }
        #expect(seen.sorted() == [en, en, cmn].sorted())
        let bad = try CLIRun.run(["analyze", en, "--shard", "3/2"])
        #expect(bad.status == 2)
    }

    @Test func unwritableOutputIsAClearError() throws {
        let run = try CLIRun.run(["analyze", CLIRun.sample("TestAudio/speech/en_pauses.wav"), "-o", "/nonexistent-dir/x/report.json"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("/nonexistent-dir/x/report.json"))
    }
}
