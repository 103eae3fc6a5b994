import Foundation
import Synchronization

/// Measures how fast the real pipeline runs, stage by stage, on given audio.
///
/// Throughput is seconds of audio per CPU-second of one core ("× realtime"), from the calling
/// thread's CPU clock, so it does not depend on other load as much as wall time does (it still
/// depends on cache and frequency sharing: compare ratios measured in the same run).
public struct ThroughputBenchmark: Sendable {
    /// One measured stage.
    public struct Stage: Sendable, Encodable {
        /// Stage name, e.g. `"decode"`, `"engine"`.
        public var name: String
        /// Seconds of audio processed.
        public var audioSeconds: Double
        /// CPU seconds spent.
        public var cpuSeconds: Double
        /// audioSeconds / cpuSeconds.
        public var realtimeFactor: Double { cpuSeconds > 0 ? audioSeconds / cpuSeconds : .infinity }
        enum CodingKeys: String, CodingKey { case name, audioSeconds = "audio_s", cpuSeconds = "cpu_s", realtimeFactor = "x_realtime" }
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(audioSeconds, forKey: .audioSeconds)
            try c.encode(cpuSeconds, forKey: .cpuSeconds)
            try c.encode(realtimeFactor.isFinite ? realtimeFactor : 0, forKey: .realtimeFactor)
        }
    }

    /// Result of ``run(path:seconds:)``.
    public struct Result: Sendable, Encodable {
        public var file: String
        public var audioSeconds: Double
        public var stages: [Stage]
        /// Growth of the resident set per hop over the second half of the engine run (bytes; 0 = flat).
        public var residentBytesPerHop: Double
        /// Aggregate throughput of 1…N concurrent streams (one per thread).
        public var scaling: [ScalingPoint]
        enum CodingKeys: String, CodingKey {
            case file, audioSeconds = "audio_s", stages, residentBytesPerHop = "rss_growth_bytes_per_hop", scaling
        }
    }

    /// Throughput of `jobs` streams analysed at once, one per thread.
    public struct ScalingPoint: Sendable, Encodable {
        /// Concurrent streams.
        public var jobs: Int
        /// Seconds of audio analysed per wall-clock second, all streams together.
        public var aggregateRealtimeFactor: Double
        /// aggregate / (jobs × the one-stream figure): 1 is perfect scaling.
        public var efficiency: Double
        /// Mean CPU seconds one stream's thread spent (its own CPU clock).
        public var cpuSecondsPerStream: Double
        /// CPU seconds of one stream alone / ``cpuSecondsPerStream``: 1 when concurrent streams cost
        /// each other nothing (no locks, no shared cache lines). When this stays near 1 but
        /// ``efficiency`` drops, the streams waited for a core (other load), not for each other.
        public var cpuEfficiency: Double
        enum CodingKeys: String, CodingKey {
            case jobs, aggregateRealtimeFactor = "aggregate_x_realtime", efficiency
            case cpuSecondsPerStream = "cpu_s_per_stream", cpuEfficiency = "cpu_efficiency"
        }
    }

    /// Audio seconds to process per measurement.
    public var seconds: Double
    /// Analysis settings.
    public var configuration: AnalysisConfiguration

    /// - Parameter seconds: audio seconds per stage measurement (the input is looped to this length).
    public init(seconds: Double = 60, configuration: AnalysisConfiguration = AnalysisConfiguration()) {
        self.seconds = seconds
        self.configuration = configuration
    }

    /// Decodes `path` once, loops it to ``seconds``, and measures each stage.
    public func run(path: String, jobs: Int = 1) throws(ParacuesError) -> Result {
        // Decode: read the file repeatedly until `seconds` of audio.
        var interleaved: [Float] = []
        var format = AudioFormat(sampleRate: 0, channels: 0)
        var decodedFrames = 0
        let decodeStart = CPUClock.threadSeconds()
        repeat {
            let reader = try AudioFileReader(path: path)
            format = reader.format
            var block = [Float](repeating: 0, count: 4096 * format.channels)
            while true {
                let n = try block.withUnsafeMutableBufferPointer { b throws(ParacuesError) in try reader.read(into: b) }
                if n == 0 { break }
                if interleaved.count < Int(seconds * Double(format.sampleRate)) * format.channels {
                    interleaved.append(contentsOf: block[0..<(n * format.channels)])
                }
                decodedFrames += n
            }
            if decodedFrames == 0 { throw .tooShort("\(path): no audio samples") }
        } while Double(decodedFrames) / Double(format.sampleRate) < seconds
        let decodeCPU = CPUClock.threadSeconds() - decodeStart
        let decodeAudio = Double(decodedFrames) / Double(format.sampleRate)
        while interleaved.count < Int(seconds * Double(format.sampleRate)) * format.channels {
            interleaved.append(contentsOf: interleaved.prefix(Int(seconds * Double(format.sampleRate)) * format.channels - interleaved.count))
        }
        let audio = Double(interleaved.count / format.channels) / Double(format.sampleRate)

        // Normalize (mix down and resample to the analysis rate).
        var mono: [Float] = []
        mono.reserveCapacity(Int(audio * Double(configuration.analysisRate)) + 1024)
        let normalizeStart = CPUClock.threadSeconds()
        let normalizer = try SignalNormalizer(format: format, targetRate: configuration.analysisRate)
        interleaved.withUnsafeBufferPointer { all in
            var offset = 0
            let step = 4096 * format.channels
            while offset < all.count {
                let end = min(all.count, offset + step)
                normalizer.process(interleaved: UnsafeBufferPointer(rebasing: all[offset..<end])) { mono.append(contentsOf: $0) }
                offset = end
            }
        }
        normalizer.finish { mono.append(contentsOf: $0) }
        let normalizeCPU = CPUClock.threadSeconds() - normalizeStart

        // Engine, in 20 ms chunks as a live stream would deliver them, feeding the report builder.
        var configuration = self.configuration
        configuration.sourceBandwidth = Double(min(format.sampleRate, configuration.analysisRate)) / 2
        let chunk = configuration.analysisRate / 50
        var builder = ReportBuilder(hopSeconds: configuration.hopSeconds, keepFrames: false)
        var reportCPU = 0.0
        var rssAtHalf = 0
        let analyzer = try StreamingAnalyzer(configuration: configuration)
        let engineStart = CPUClock.threadSeconds()
        Self.stream(mono, chunk: chunk, through: analyzer) { output, progress in
            let t = CPUClock.threadSeconds()
            builder.add(output)
            reportCPU += CPUClock.threadSeconds() - t
            if progress == 0.5 { rssAtHalf = CPUClock.residentBytes() }
        }
        let rssAtEnd = CPUClock.residentBytes()
        let engineCPU = CPUClock.threadSeconds() - engineStart - reportCPU
        let hops = Double(mono.count / 2) / Double(configuration.hop)
        let t = CPUClock.threadSeconds()
        let report = builder.report(file: path, format: format, channel: nil, durationSeconds: audio,
                                    analysisRate: configuration.analysisRate, silence: analyzer.silence)
        _ = ReportEncoding.json(report)
        reportCPU += CPUClock.threadSeconds() - t

        // A second engine pass with per-stage clocks on (they cost time, so not in the figure above).
        let profiled = try StreamingAnalyzer(configuration: configuration)
        profiled.isProfiling = true
        Self.stream(mono, chunk: chunk, through: profiled) { _, _ in }

        var stages = [
            Stage(name: "decode", audioSeconds: decodeAudio, cpuSeconds: decodeCPU),
            Stage(name: "normalize (\(format.sampleRate) Hz × \(format.channels) → \(configuration.analysisRate) Hz mono)",
                  audioSeconds: audio, cpuSeconds: normalizeCPU),
        ]
        stages += profiled.stageProfile.map { Stage(name: "  engine: \($0.name)", audioSeconds: audio, cpuSeconds: $0.seconds) }
        stages += [
            Stage(name: "engine (all features and detectors)", audioSeconds: audio, cpuSeconds: engineCPU),
            Stage(name: "report", audioSeconds: audio, cpuSeconds: reportCPU),
            Stage(name: "total", audioSeconds: audio, cpuSeconds: decodeCPU * audio / decodeAudio + normalizeCPU + engineCPU + reportCPU),
        ]
        let growth = Double(max(0, rssAtEnd - rssAtHalf)) / max(1, hops)
        var scaling: [ScalingPoint] = []
        for n in 1...max(1, jobs) {
            let (wall, cpu) = Self.concurrentTimes(mono, jobs: n, configuration: configuration)
            let aggregate = Double(n) * audio / wall
            let single = scaling.first?.aggregateRealtimeFactor ?? aggregate
            let singleCPU = scaling.first?.cpuSecondsPerStream ?? cpu
            scaling.append(ScalingPoint(jobs: n, aggregateRealtimeFactor: aggregate, efficiency: aggregate / (Double(n) * single),
                                        cpuSecondsPerStream: cpu, cpuEfficiency: cpu > 0 ? singleCPU / cpu : 0))
        }
        return Result(file: path, audioSeconds: audio, stages: stages, residentBytesPerHop: growth, scaling: scaling)
    }

    /// Pushes `samples` through `analyzer` in chunks, handing each call's output to `body` with a
    /// progress mark (0.5 exactly once, at the midpoint chunk; otherwise −1) and reusing the buffers.
    static func stream(_ samples: [Float], chunk: Int, through analyzer: StreamingAnalyzer,
                       _ body: (AnalysisOutput, Double) -> Void) {
        var output = AnalysisOutput()
        output.frames.reserveCapacity(64)
        let half = samples.count / 2
        samples.withUnsafeBufferPointer { all in
            var offset = 0
            while offset < all.count {
                let end = min(all.count, offset + chunk)
                analyzer.process(UnsafeBufferPointer(rebasing: all[offset..<end]), into: &output)
                body(output, offset < half && end >= half ? 0.5 : -1)
                output.removeAll()
                offset = end
            }
        }
        analyzer.finish(into: &output)
        body(output, -1)
    }

    /// Wall time for `jobs` threads each streaming `samples` through its own analyser, and the mean
    /// CPU time of one thread.
    static func concurrentTimes(_ samples: [Float], jobs: Int, configuration: AnalysisConfiguration) -> (wall: Double, cpuPerStream: Double) {
        let cpu = Mutex<Double>(0)
        let start = CPUClock.wallSeconds()
        DispatchQueue.concurrentPerform(iterations: jobs) { _ in
            let threadStart = CPUClock.threadSeconds()
            guard let analyzer = try? StreamingAnalyzer(configuration: configuration) else { return }
            stream(samples, chunk: configuration.analysisRate / 50, through: analyzer) { _, _ in }
            let spent = CPUClock.threadSeconds() - threadStart
            cpu.withLock { $0 += spent }
        }
        let wall = CPUClock.wallSeconds() - start
        return (wall, cpu.withLock { $0 } / Double(jobs))
    }
}
