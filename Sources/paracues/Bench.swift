import ArgumentParser
import Foundation
import Paracues

/// `paracues bench`: throughput of the real pipeline, per stage, on one core and on N.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure throughput (seconds of audio per CPU-second, × realtime) per stage.",
        discussion: "Build with -c release for meaningful figures. Quote ratios from one run, not absolute times.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "Audio files (default: TestAudio/speech/en_pauses.wav).")
    var files: [String] = []

    @Option(help: "Audio seconds per measurement (the input is looped).")
    var seconds: Double = 60

    @Option(help: "Measure aggregate throughput for 1…N concurrent streams.")
    var jobs: Int = 1

    @Option(help: "text or json.")
    var format: Format = .text

    func validate() throws {
        guard seconds > 0, seconds <= 36_000 else { throw ValidationError("--seconds must be in (0, 36000]") }
        guard (1...256).contains(jobs) else { throw ValidationError("--jobs must be 1…256") }
    }

    func run() throws {
        let inputs = files.isEmpty ? [Self.defaultSample()] : files
        #if DEBUG
        let build = "debug (figures are not representative: build with -c release)"
        #else
        let build = "release"
        #endif
        let machine = Self.machine()
        var results: [ThroughputBenchmark.Result] = []
        for file in inputs {
            do { results.append(try ThroughputBenchmark(seconds: seconds).run(path: file, jobs: jobs)) }
            catch {
                Diagnostics.write("paracues: \(Analyze.describe(error, file: file))\n")
                throw ExitCode.failure
            }
        }
        if format == .json {
            struct Envelope: Encodable { var machine: String; var cores: Int; var build: String; var results: [ThroughputBenchmark.Result] }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(Envelope(machine: machine, cores: ProcessInfo.processInfo.activeProcessorCount, build: build, results: results))
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print("machine: \(machine), \(ProcessInfo.processInfo.activeProcessorCount) cores; build: \(build); load average at start: \(Self.loadAverage())")
        for r in results {
            print("\n\(r.file): \(String(format: "%.1f", r.audioSeconds)) s of audio")
            print("stage".padding(toLength: 58, withPad: " ", startingAt: 0) + "   x realtime   µs per 10 ms hop")
            for s in r.stages where s.cpuSeconds > 0 {
                let perHop = s.cpuSeconds / (s.audioSeconds / 0.01) * 1e6
                print(s.name.padding(toLength: 58, withPad: " ", startingAt: 0)
                      + String(format: " %12.0f   %8.2f", s.realtimeFactor, perHop))
            }
            print(String(format: "resident memory growth in steady state: %.1f bytes per hop", r.residentBytesPerHop))
            for p in r.scaling {
                print(String(format: "jobs %d: aggregate %.0f× realtime, scaling efficiency %.2f (CPU per stream %.2f s, CPU efficiency %.2f)",
                             p.jobs, p.aggregateRealtimeFactor, p.efficiency, p.cpuSecondsPerStream, p.cpuEfficiency))
            }
        }
    }

    static func defaultSample() -> String {
        let candidates = ["TestAudio/speech/en_pauses.wav",
                          URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
                            .appendingPathComponent("../../TestAudio/speech/en_pauses.wav").path]
        return candidates.first { FileManager.default.fileExists(atPath: $0) } ?? candidates[0]
    }

    /// The 1-minute load average (`/proc/loadavg`): above the core count, `--jobs` scaling is bounded
    /// by the other load, not by paracues.
    static func loadAverage() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8),
              let first = text.split(separator: " ").first else { return "unknown" }
        return String(first)
    }

    static func machine() -> String {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
              let name = line.split(separator: ":", maxSplits: 1).last else { return "unknown CPU" }
        return name.trimmingCharacters(in: .whitespaces)
    }
}
