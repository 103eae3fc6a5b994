import Foundation
import Testing
import Paracues

@Suite("paracues analyze, end to end")
struct AnalyzeCommandTests {
    static let sample = CLIRun.sample("TestAudio/speech/en_pauses.wav")

    @Test func jsonReportIsValidParacuesV1() throws {
        let run = try CLIRun.run(["analyze", Self.sample, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try JSONDecoder().decode(AnalysisReport.self, from: Data(run.stdout.utf8))
        #expect(report.schema == "paracues/1")
        #expect(report.sampleRate == 16_000 && report.channels == 1 && report.analysisRate == 16_000)
        #expect(report.hopS == 0.01)
        // The sample is 13.827 + 0.4 s long (TestAudio/speech/en_pauses.truth.json).
        #expect(abs(report.durationS - 14.227188) < 0.001)
        #expect(report.frames == nil)
        // Every documented key is present, absent values as null.
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        for key in ["schema", "file", "duration_s", "sample_rate", "channels", "analysis_rate", "hop_s",
                    "summary", "pauses", "events", "warnings"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        let pitch = (object["summary"] as! [String: Any])["pitch"] as! [String: Any]
        for key in ["mean_hz", "median_hz", "p10_hz", "p90_hz", "range_st", "stddev_st", "voiced_fraction"] {
            #expect(pitch[key] != nil, "missing summary.pitch.\(key)")
        }
    }

    @Test func csvFramesAreOnTheExactTenMillisecondGrid() throws {
        let run = try CLIRun.run(["analyze", Self.sample, "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("time_s,f0_hz,voicing,") == true)
        let times = lines.dropFirst().map { Double($0.split(separator: ",")[0])! }
        // One frame per 10 ms instant within the signal: floor((N - 1) / 160) + 1 frames.
        #expect(times.count == (227_635 - 1) / 160 + 1)
        for (k, t) in times.enumerated() { #expect(abs(t - Double(k) * 0.01) < 1e-9) }
    }

    @Test func framesFlagAddsColumnarArraysOfEqualLength() throws {
        let run = try CLIRun.run(["analyze", Self.sample, "--frames"])
        let report = try JSONDecoder().decode(AnalysisReport.self, from: Data(run.stdout.utf8))
        let frames = try #require(report.frames)
        #expect(frames.timeS.count > 1000)
        #expect(frames.f0Hz.count == frames.timeS.count && frames.flags.count == frames.timeS.count)
    }

    @Test func severalFilesGiveJSONLinesAndOneBadFileFailsWithStatusOne() throws {
        let dir = CLIRun.temporaryDirectory()
        let garbage = dir.appendingPathComponent("garbage.wav")
        try Data("this is not audio at all, just text".utf8).write(to: garbage)
        let run = try CLIRun.run(["analyze", Self.sample, garbage.path, Self.sample])
        #expect(run.status == 1)
        #expect(run.stdout.split(separator: "\n").count == 2)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("paracues: \(garbage.path): ") == true)
        #expect(lines.last?.contains("3 files (1 failed)") == true)
    }

    @Test(arguments: [
        ["analyze"],
        ["analyze", "x.wav", "--format", "xml"],
        ["analyze", "-"],
        ["analyze", "x.wav", "--f0-min", "500", "--f0-max", "600"],
        ["analyze", "a.wav", "b.wav", "--format", "csv"],
    ])
    func usageErrorsExitWithStatusTwo(arguments: [String]) throws {
        let run = try CLIRun.run(arguments)
        #expect(run.status == 2, "\(arguments): \(run.stderr)")
        #expect(!run.stderr.isEmpty)
    }

    @Test func missingFileIsReportedWithItsName() throws {
        let run = try CLIRun.run(["analyze", "/nonexistent/file.wav"])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("paracues: /nonexistent/file.wav"))
    }

    @Test func rawPCMOnStdinMatchesTheSameSamplesFromAFile() throws {
        // 1 s of a 16-bit 200 Hz tone at 16 kHz, as raw s16le and as the WAV written by libsndfile.
        let samples = (0..<16_000).map { Int16((0.3 * sin(2 * Double.pi * 200 * Double($0) / 16_000) * 32767).rounded()) }
        var data = Data()
        for s in samples { withUnsafeBytes(of: s.littleEndian) { data.append(contentsOf: $0) } }
        let viaStdin = try CLIRun.run(["analyze", "-", "--raw", "s16le", "--rate", "16000", "--format", "csv"], stdin: data)
        #expect(viaStdin.status == 0, "\(viaStdin.stderr)")
        #expect(viaStdin.stdout.split(separator: "\n").count == 1 + 100)
        // A partial trailing sample is an error naming the leftover bytes.
        let partial = try CLIRun.run(["analyze", "-", "--raw", "s16le", "--rate", "16000"], stdin: data + Data([1]))
        #expect(partial.status == 1)
        #expect(partial.stderr.contains("1 bytes"))
    }
}
