import Benchmark
import Paracues
import ParacuesDSP
import ParacuesTestSupport

/// Per-stage benchmarks of the analysis engine, gated on instructions and mallocs (wall time is too
/// noisy on shared machines). Each iteration processes one second of synthetic speech (100 hops),
/// so `mallocCountTotal` per iteration / 100 is allocations per hop.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.instructions, .mallocCountTotal, .cpuTotal, .throughput],
        warmupIterations: 2,
        scalingFactor: .one,
        maxDuration: .seconds(3),
        maxIterations: 200,
        thresholds: [
            .instructions: .init(relative: [.p50: 5.0]),
            .mallocCountTotal: .init(absolute: [.p50: 2]),
        ])

    let second = SyntheticVoice.utterance(speaker: .female, seed: 3).render().samples.prefix(16_000).map { $0 }

    Benchmark("engine: one second of speech (all features and detectors)") { benchmark in
        let analyzer = try StreamingAnalyzer()
        var output = AnalysisOutput()
        output.frames.reserveCapacity(256)
        // Warm the analyser so the measured second is steady state.
        analyzer.process(second, into: &output)
        output.removeAll()
        benchmark.startMeasurement()
        second.withUnsafeBufferPointer { all in
            var offset = 0
            while offset < all.count {
                analyzer.process(UnsafeBufferPointer(rebasing: all[offset..<min(all.count, offset + 320)]), into: &output)
                output.removeAll()
                offset += 320
            }
        }
        benchmark.stopMeasurement()
        blackHole(output)
    }

    Benchmark("spectrum: 100 × 512-point real FFT + power") { benchmark in
        let fft = RealFFT(size: 512)
        let power = UnsafeMutableBufferPointer<Float>.allocate(capacity: 257)
        defer { power.deallocate() }
        for i in 0..<512 { fft.input[i] = second[i] }
        benchmark.startMeasurement()
        for _ in 0..<100 {
            fft.transform()
            fft.powerSpectrum(into: power)
        }
        benchmark.stopMeasurement()
        blackHole(power[3])
    }

    Benchmark("normalize: one second 44.1 kHz stereo → 16 kHz mono") { benchmark in
        let stereo = (0..<88_200).map { i in Float(i % 441) / 441 - 0.5 }
        let normalizer = try SignalNormalizer(format: AudioFormat(sampleRate: 44_100, channels: 2), targetRate: 16_000)
        var count = 0
        stereo.withUnsafeBufferPointer { normalizer.process(interleaved: $0) { count += $0.count } }
        benchmark.startMeasurement()
        stereo.withUnsafeBufferPointer { normalizer.process(interleaved: $0) { count += $0.count } }
        benchmark.stopMeasurement()
        blackHole(count)
    }
}
