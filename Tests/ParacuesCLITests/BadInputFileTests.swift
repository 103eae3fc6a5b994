import Foundation
import Testing
import Paracues

/// Bad-input matrix, container and I/O cases, end to end through the built `paracues`: each gives
/// either a one-line error naming the file and the reason with exit status 1, or a valid report.
@Suite("bad input: files and streams")
struct BadInputFileTests {
    static let speech = BadInput.signal(16_000) { i in
        // 1 s of a 150 Hz harmonic tone at −12 dBFS peak (voiced, with a clear f0).
        let t = Double(i) / 16_000
        return Float(0.12 * (sin(2 * .pi * 150 * t) + 0.5 * sin(2 * .pi * 300 * t) + 0.3 * sin(2 * .pi * 450 * t)))
    }

    /// Exit 1, nothing on stdout, one stderr line naming `path` and containing `reason`.
    func expectError(_ args: [String], path: String, reason: String, stdin: Data? = nil,
                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        let run = try CLIRun.run(["analyze"] + args, stdin: stdin)
        #expect(run.status == 1, "status \(run.status): \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stdout.isEmpty, "stdout: \(run.stdout.prefix(200))", sourceLocation: sourceLocation)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.contains(path), "stderr: \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.contains(reason), "stderr: \(run.stderr)", sourceLocation: sourceLocation)
    }

    @Test func emptyFile() throws {
        let p = try BadInput.file(Data(), "empty.wav")
        try expectError([p], path: p, reason: "is empty (0 bytes)")
    }

    @Test func headerOnly() throws {
        let header = BadInput.wav([], rate: 16_000, declaredDataBytes: 32_000)
        let p = try BadInput.file(header, "header-only.wav")
        try expectError([p], path: p, reason: "holds no audio data")
    }

    @Test func truncatedDataGivesTheReportOfWhatWasReadAndExitOne() throws {
        // Header declares 1 s; 0.4 s of data follows.
        let data = BadInput.wav(Array(Self.speech.prefix(6_400)), rate: 16_000, declaredDataBytes: 32_000)
        let p = try BadInput.file(data, "cut.wav")
        let (run, report) = try BadInput.analyze([p])
        #expect(run.status == 1)
        #expect(run.stderr.contains(p) && run.stderr.contains("read 6400 of 16000 declared frames (0.40 s)"), "\(run.stderr)")
        let r = try #require(report, "the report of the part read is still written")
        #expect(abs(r.durationS - 0.4) < 1e-9)
        #expect(r.frames?.timeS.count == (6_400 - 1) / 160 + 1)
        #expect(r.warnings.contains { $0.contains("read 6400 of 16000") })
        let median = try #require(r.summary.pitch.medianHz)
        #expect(abs(median - 150) < 3)
    }

    @Test func garbageBytesWithAWavName() throws {
        var state: UInt64 = 99
        let bytes = (0..<20_000).map { _ -> UInt8 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(state >> 56)
        }
        let p = try BadInput.file(Data(bytes), "garbage.wav")
        try expectError([p], path: p, reason: "not a recognised audio file")
        // Garbage after a valid RIFF/WAVE signature.
        let q = try BadInput.file(Data("RIFF\u{10}\0\0\0WAVE".utf8) + Data(bytes), "riff-garbage.wav")
        let run = try CLIRun.run(["analyze", q])
        #expect(run.status == 1 && run.stderr.contains(q) && run.stdout.isEmpty, "\(run.stderr)")
    }

    @Test func unsupportedCodec() throws {
        let p = try BadInput.file(BadInput.wav(Self.speech, rate: 16_000, tag: 0x0161), "wma.wav")
        try expectError([p], path: p, reason: "unsupported codec: WAVE format tag 0x0161")
    }

    @Test(arguments: [0, 1, 4_000, 7_999, 192_001, 500_000, Int(Int32.max)])
    func absurdSampleRate(rate: Int) throws {
        let p = try BadInput.file(BadInput.wav(Self.speech, rate: rate), "rate-\(rate).wav")
        try expectError([p], path: p, reason: "sample rate \(rate) Hz is outside the accepted 8000–192000 Hz")
    }

    @Test func oneSampleGivesOneFrame() throws {
        let p = try BadInput.file(BadInput.wav([0.5], rate: 16_000), "one.wav")
        let (run, report) = try BadInput.analyze([p])
        #expect(run.status == 0, "\(run.stderr)")
        let r = try #require(report)
        #expect(r.frames?.timeS == [0])
        #expect(r.summary.pitch.medianHz == nil && r.summary.pauses.count == 0)
        #expect(r.warnings.contains { $0.contains("shorter than one analysis window") }, "\(r.warnings)")
        BadInput.expectSaneFrames(r)
    }

    @Test func shorterThanOneFrameWindow() throws {
        // 20 ms: less than the 25 ms spectral window and the pitch window.
        let p = try BadInput.file(BadInput.wav(Array(Self.speech.prefix(320)), rate: 16_000), "short.wav")
        let (run, report) = try BadInput.analyze([p])
        #expect(run.status == 0, "\(run.stderr)")
        let r = try #require(report)
        #expect(r.frames?.timeS.count == 2)
        #expect(abs(r.durationS - 0.02) < 1e-12)
        #expect(r.warnings.contains { $0.contains("shorter than one analysis window") }, "\(r.warnings)")
        BadInput.expectSaneFrames(r)
    }

    @Test func stdinClosedEarly() throws {
        let raw = ["-", "--raw", "s16le", "--rate", "16000"]
        // Nothing arrives.
        try expectError(raw, path: "-", reason: "no audio samples", stdin: Data())
        // Half a second arrives, then the writer closes: a report of what arrived.
        let pcm = Self.speech.prefix(8_000).flatMap { BadInput.le(Int(($0 * 32_767).rounded()), 2) }
        let (run, report) = try BadInput.analyze(raw, stdin: Data(pcm))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(report.map { abs($0.durationS - 0.5) < 1e-9 } == true)
        // The writer stops mid-sample: a clear error saying how much arrived.
        try expectError(raw, path: "-", reason: "1 byte left over", stdin: Data(pcm + [7]))
    }

    @Test func outputPathNotWritable() throws {
        let p = try BadInput.file(BadInput.wav(Self.speech, rate: 16_000), "ok.wav")
        for target in ["/nonexistent-dir/report.json", "/proc/version"] {
            let run = try CLIRun.run(["analyze", p, "-o", target])
            #expect(run.status == 1, "\(target): \(run.stderr)")
            #expect(run.stderr.contains(target) && run.stderr.contains("cannot"), "\(run.stderr)")
        }
        // A device that refuses the data (ENOSPC).
        if FileManager.default.fileExists(atPath: "/dev/full") {
            let run = try CLIRun.run(["analyze", p, "-o", "/dev/full"])
            #expect(run.status == 1, "\(run.stderr)")
            #expect(run.stderr.contains("/dev/full"), "\(run.stderr)")
        }
    }

    @Test func closedStandardStreams() throws {
        let p = try BadInput.file(BadInput.wav(Self.speech, rate: 16_000), "ok.wav")
        let exe = CLIRun.productsDirectory.appendingPathComponent("paracues").path
        // stderr closed: a bad file still ends with status 1 (not a trap); a good one with 0.
        let bad = try Self.shell("'\(exe)' analyze /nonexistent.wav 2>&-")
        #expect(bad == 1)
        let good = try Self.shell("'\(exe)' analyze '\(p)' >/dev/null 2>&-")
        #expect(good == 0)
        // stdout closed or full: the report cannot be delivered, so status 1 (not 0, not a trap).
        #expect(try Self.shell("'\(exe)' analyze '\(p)' >&- 2>/dev/null") == 1)
        if FileManager.default.fileExists(atPath: "/dev/full") {
            #expect(try Self.shell("'\(exe)' analyze '\(p)' >/dev/full 2>/dev/null") == 1)
            // stderr open but failing: diagnostics are lost, never the run. A batch with a bad
            // file ends with status 1 (some failed) and the good file's report written (the batch
            // summary goes to the failing stderr); a good file alone with 0.
            let out = (NSTemporaryDirectory() as NSString).appendingPathComponent("stderr-full-\(UUID().uuidString)") + "/"
            let batch = try Self.shell("'\(exe)' analyze '\(p)' /nonexistent.wav -o '\(out)' 2>/dev/full")
            #expect(batch == 1)
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).contains { $0.hasPrefix("ok") })
            #expect(try Self.shell("'\(exe)' analyze '\(p)' >/dev/null 2>/dev/full") == 0)
        }
    }

    /// Exit status of `/bin/sh -c command`.
    static func shell(_ command: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func channelOutOfRangeIsAClearError() throws {
        let stereo = zip(Self.speech, Self.speech).flatMap { [$0, $1 * 0.5] }
        let p = try BadInput.file(BadInput.wav(stereo, rate: 16_000, channels: 2), "stereo.wav")
        try expectError([p, "--channel", "2"], path: p, reason: "channel 2")
        let negative = try CLIRun.run(["analyze", p, "--channel", "-1"])
        #expect(negative.status != 0 && negative.stderr.contains("--channel"))
    }

    @Test func aBatchWithEveryKindOfBadFileStillAnalysesTheGoodOnes() throws {
        let dir = CLIRun.temporaryDirectory()
        let good = BadInput.wav(Self.speech, rate: 16_000)
        try good.write(to: dir.appendingPathComponent("a-good.wav"))
        try Data().write(to: dir.appendingPathComponent("b-empty.wav"))
        try BadInput.wav([], rate: 16_000, declaredDataBytes: 3_200).write(to: dir.appendingPathComponent("c-header.wav"))
        try BadInput.wav(Self.speech, rate: 0).write(to: dir.appendingPathComponent("d-zero-hz.wav"))
        try BadInput.wav(Self.speech, rate: 16_000, tag: 0x0161).write(to: dir.appendingPathComponent("e-wma.wav"))
        try BadInput.wav(Array(Self.speech.prefix(800)), rate: 16_000, declaredDataBytes: 32_000)
            .write(to: dir.appendingPathComponent("f-cut.wav"))
        try good.write(to: dir.appendingPathComponent("g-good.wav"))
        let out = CLIRun.temporaryDirectory().appendingPathComponent("reports")
        let run = try CLIRun.run(["analyze", dir.path, "--jobs", "2", "-o", out.path + "/"])
        #expect(run.status == 1)
        for bad in ["b-empty", "c-header", "d-zero-hz", "e-wma", "f-cut"] {
            #expect(run.stderr.contains("\(bad).wav"), "\(bad) not reported: \(run.stderr)")
        }
        #expect(run.stderr.contains("7 files (5 failed)"), "\(run.stderr)")
        for name in ["a-good", "g-good", "f-cut"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(name).json").path), "\(name)")
        }
    }
}
