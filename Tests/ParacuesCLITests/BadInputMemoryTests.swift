import Foundation
import Testing
import ParacuesTestSupport

/// Long inputs: peak memory of `paracues analyze` must not grow with the length of the file.
/// The 2-hour measurement is `scripts/measure-long-input-memory`; CI compares a short and a 6×
/// longer file (debug build speed bounds the length).
@Suite("bad input: long files", .serialized)
struct BadInputMemoryTests {
    /// Writes `seconds` of the synthetic utterance, looped, as 16-bit mono WAV at `rate`.
    static func longWAV(seconds: Int, rate: Int, to path: String) throws {
        let loop = SyntheticVoice.utterance(speaker: .female, sampleRate: Double(rate)).render().samples
        let pcm = loop.flatMap { BadInput.le(Int((max(-1, min(1, $0)) * 32_767).rounded()), 2) }
        let total = seconds * rate * 2
        var header = BadInput.wav([], rate: rate, declaredDataBytes: total)
        header.count = 44
        FileManager.default.createFile(atPath: path, contents: header)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        let block = Data(pcm)
        var left = total
        while left > 0 {
            let n = min(left, block.count)
            try handle.write(contentsOf: block.prefix(n))
            left -= n
        }
    }

    /// Runs the CLI and returns (exit status, peak RSS in KiB), polling `VmHWM` in /proc/PID/status.
    /// (`wait4`'s `ru_maxrss` is no good here: a child created by vfork/posix_spawn inherits the
    /// test process's own high-water mark at exec.)
    static func peakRSS(_ arguments: [String]) throws -> (status: Int32, kib: Int) {
        let process = Process()
        process.executableURL = CLIRun.productsDirectory.appendingPathComponent("paracues")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let status = "/proc/\(process.processIdentifier)/status"
        var peak = 0
        while process.isRunning {
            if let text = try? String(contentsOfFile: status, encoding: .utf8),
               let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
               let kib = Int(line.split(separator: " ").dropFirst().first ?? "") {
                peak = max(peak, kib)
            }
            usleep(10_000)
        }
        process.waitUntilExit()
        return (process.terminationStatus, peak)
    }

    @Test func peakMemoryIsFlatInFileLength() throws {
        let dir = CLIRun.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let short = dir.appendingPathComponent("short.wav").path, long = dir.appendingPathComponent("long.wav").path
        // 8 kHz input also exercises the resampler's state over the whole length.
        try Self.longWAV(seconds: 40, rate: 8_000, to: short)
        try Self.longWAV(seconds: 240, rate: 8_000, to: long)
        let a = try Self.peakRSS(["analyze", short, "--quiet"])
        let b = try Self.peakRSS(["analyze", long, "--quiet"])
        #expect(a.status == 0 && b.status == 0)
        #expect(a.kib > 1_000, "VmHWM was read")
        // Flat: the 6× longer file may not need more than 2 MiB more at peak.
        print("robustness: peak RSS \(a.kib) KiB for 40 s, \(b.kib) KiB for 4 min (8 kHz input)")
        #expect(b.kib - a.kib < 2_048, "peak RSS \(a.kib) KiB for 40 s, \(b.kib) KiB for 4 min")
    }
}
