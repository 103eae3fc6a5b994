import Benchmark
import Paracues
import ParacuesDSP
import ParacuesTestSupport

/// Per-stage benchmarks of the analysis engine, gated on instructions and mallocs (wall time is too
/// noisy on shared machines). Each iteration processes one second of synthetic speech (100 hops),
/// so a count per iteration / 100 is per hop. Thresholds: `Thresholds/*.p90.json` (see
/// `docs/performance.md`). The measured work of each benchmark is one `@inline(never)` function
/// below, so `valgrind --tool=callgrind` can count its instructions on machines without hardware
/// counters (inclusive cost / calls). Names have no spaces or slashes: `thresholds update` writes
/// file names with those replaced, `thresholds check` reads them unreplaced (benchmark 1.38.1).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.instructions, .mallocCountTotal],
        warmupIterations: 2,
        scalingFactor: .one,
        maxDuration: .seconds(3),
        maxIterations: 100,
        // Only p90 is compared with the checked-in thresholds (`thresholds check`).
        thresholds: [
            .instructions: .init(relative: [.p90: 5.0]),
            .mallocCountTotal: .init(absolute: [.p90: 2]),
        ])

    let speech = BenchmarkSignal.speech

    Benchmark("engine_default_one_second") { benchmark in
        let analyzer = try StreamingAnalyzer()
        var output = AnalysisOutput()
        output.frames.reserveCapacity(256)
        output.events.reserveCapacity(64)
        // Warm the analyser so the measured second is steady state.
        analyzeSecond(analyzer, speech.first, into: &output)
        benchmark.startMeasurement()
        analyzeSecond(analyzer, speech.second, into: &output)
        benchmark.stopMeasurement()
        blackHole(output)
    }

    Benchmark("engine_egemaps_one_second") { benchmark in
        let analyzer = try StreamingAnalyzer()
        try analyzer.enableEGeMAPS()
        var output = AnalysisOutput()
        output.frames.reserveCapacity(256)
        output.events.reserveCapacity(64)
        analyzeSecond(analyzer, speech.first, into: &output)
        benchmark.startMeasurement()
        analyzeSecond(analyzer, speech.second, into: &output)
        benchmark.stopMeasurement()
        blackHole(output)
    }

    Benchmark("pitch_tracker_100_frames") { benchmark in
        let tracker = PitchTracker(configuration: AnalysisConfiguration())
        var decided = 0
        var window = [Float](repeating: 0, count: 2 * tracker.halfWindow)
        trackPitch(tracker, speech.all, frames: 0..<100, window: &window, decided: &decided)
        benchmark.startMeasurement()
        trackPitch(tracker, speech.all, frames: 100..<200, window: &window, decided: &decided)
        benchmark.stopMeasurement()
        blackHole(decided)
    }

    Benchmark("voice_quality_one_second") { benchmark in
        let analyzer = VoiceQualityAnalyzer()
        measureVoiceQuality(analyzer, speech, frames: 0..<100)
        benchmark.startMeasurement()
        measureVoiceQuality(analyzer, speech, frames: 100..<200)
        benchmark.stopMeasurement()
        blackHole(analyzer.totals)
    }

    Benchmark("detectors_100_frames") { benchmark in
        let detectors = NonVerbalDetectors(configuration: AnalysisConfiguration(), maximumDelayFrames: 0)
        var output = AnalysisOutput()
        output.events.reserveCapacity(64)
        runDetectors(detectors, speech, frames: 0..<100, into: &output)
        benchmark.startMeasurement()
        runDetectors(detectors, speech, frames: 100..<200, into: &output)
        benchmark.stopMeasurement()
        blackHole(output)
    }

    Benchmark("spectrum_fft512_power_x100") { benchmark in
        let fft = RealFFT(size: 512)
        let power = UnsafeMutableBufferPointer<Float>.allocate(capacity: 257)
        defer { power.deallocate() }
        for i in 0..<512 { fft.input[i] = speech.all[i] }
        benchmark.startMeasurement()
        transformHundred(fft, into: power)
        benchmark.stopMeasurement()
        blackHole(power[3])
    }

    Benchmark("normalize_44k1_stereo_one_second") { benchmark in
        let stereo = (0..<88_200).map { i in Float(i % 441) / 441 - 0.5 }
        let normalizer = try SignalNormalizer(format: AudioFormat(sampleRate: 44_100, channels: 2), targetRate: 16_000)
        var count = 0
        normalizeSecond(normalizer, stereo, count: &count)
        benchmark.startMeasurement()
        normalizeSecond(normalizer, stereo, count: &count)
        benchmark.stopMeasurement()
        blackHole(count)
    }
}

/// Two seconds of synthetic speech at 16 kHz, the engine's frames for them, and the shared power
/// spectrum of each frame (computed once, outside any measurement).
struct BenchmarkSignal: Sendable {
    let all: [Float]
    var first: ArraySlice<Float> { all[0..<16_000] }
    var second: ArraySlice<Float> { all[16_000..<32_000] }
    let frames: [FrameFeatures]
    let spectra: [[Float]]

    static let speech = BenchmarkSignal()

    init() {
        let rendered = SyntheticVoice.utterance(speaker: .female, seed: 3).render().samples
        var all = Array(rendered.prefix(32_000))
        while all.count < 32_000 { all += rendered.prefix(32_000 - all.count) }
        self.all = all
        var output = AnalysisOutput()
        if let analyzer = try? StreamingAnalyzer() {
            analyzer.process(all, into: &output)
            analyzer.finish(into: &output)
        }
        frames = output.frames
        let fft = RealFFT(size: 512)
        let window = WindowShape.hann.coefficients(count: 400)
        var spectra: [[Float]] = []
        for k in 0..<(all.count / 160) {
            for i in 0..<512 {
                let t = k * 160 - 200 + i
                fft.input[i] = i < 400 && t >= 0 && t < all.count ? all[t] * window[i] : 0
            }
            fft.transform()
            spectra.append((0..<257).map { b in
                (fft.output[2 * b] * fft.output[2 * b] + fft.output[2 * b + 1] * fft.output[2 * b + 1]) / 80_000
            })
        }
        self.spectra = spectra
    }
}

@inline(never)
func analyzeSecond(_ analyzer: StreamingAnalyzer, _ second: ArraySlice<Float>, into output: inout AnalysisOutput) {
    // 20 ms chunks, as a live stream delivers them.
    second.withUnsafeBufferPointer { all in
        var offset = 0
        while offset < all.count {
            analyzer.process(UnsafeBufferPointer(rebasing: all[offset..<min(all.count, offset + 320)]), into: &output)
            output.removeAll()
            offset += 320
        }
    }
}

@inline(never)
func trackPitch(_ tracker: PitchTracker, _ samples: [Float], frames: Range<Int>, window: inout [Float],
                decided: inout Int) {
    let half = tracker.halfWindow
    for k in frames {
        for i in 0..<(2 * half) {
            let t = k * 160 - half + i
            window[i] = t >= 0 && t < samples.count ? samples[t] : 0
        }
        window.withUnsafeBufferPointer { w in tracker.analyze(frameIndex: k, window: w) { _ in decided += 1 } }
    }
}

@inline(never)
func measureVoiceQuality(_ analyzer: VoiceQualityAnalyzer, _ signal: BenchmarkSignal, frames: Range<Int>) {
    signal.all.withUnsafeBufferPointer { all in
        analyzer.process(UnsafeBufferPointer(rebasing: all[(frames.lowerBound * 160)..<(frames.upperBound * 160)]))
    }
    // Frames lag their samples by the engine's latency (≥ 30 ms); here by 10 frames.
    for k in max(0, frames.lowerBound - 10)..<(frames.upperBound - 10) {
        analyzer.process(frameIndex: k, f0Hz: signal.frames[k].f0Hz)
    }
}

@inline(never)
func runDetectors(_ detectors: NonVerbalDetectors, _ signal: BenchmarkSignal, frames: Range<Int>,
                  into output: inout AnalysisOutput) {
    for k in frames {
        signal.spectra[k].withUnsafeBufferPointer { detectors.measure(frameIndex: k, power: $0) }
        detectors.process(signal.frames[k], into: &output)
    }
    output.removeAll()
}

@inline(never)
func transformHundred(_ fft: RealFFT, into power: UnsafeMutableBufferPointer<Float>) {
    for _ in 0..<100 {
        fft.transform()
        fft.powerSpectrum(into: power)
    }
}

@inline(never)
func normalizeSecond(_ normalizer: SignalNormalizer, _ stereo: [Float], count: inout Int) {
    stereo.withUnsafeBufferPointer { normalizer.process(interleaved: $0) { count += $0.count } }
}
