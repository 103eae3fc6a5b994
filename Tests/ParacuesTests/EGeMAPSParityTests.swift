import Foundation
import Testing
import ParacuesDSP
@testable import Paracues

/// Stand-in f0 for the parity harness while the engine's pitch tracker is a placeholder (test code
/// only): Boersma's (1993) normalised autocorrelation of a 40 ms Hann-windowed frame (FFT-based,
/// divided by the window's own autocorrelation), 55–600 Hz, voiced when the peak exceeds 0.45 and the
/// frame is above −50 dBFS; the shortest lag within 85 % of the best peak wins (octave guard); then a
/// 5-frame median over voiced runs, gaps ≤ 3 frames bridged, voiced islands < 4 frames dropped.
final class ReferencePitch {
    private let fft = RealFFT(size: 2048)
    private let ifft = InverseRealFFT(size: 2048)
    private let window = WindowShape.hann.coefficients(count: 640)
    private var windowAC = [Float](repeating: 0, count: 400)

    init() {
        for i in 0..<640 { fft.input[i] = window[i] }
        let ac = autocorrelation()
        for lag in 0..<400 { windowAC[lag] = ac[lag] / ac[0] }
    }

    private func autocorrelation() -> [Float] {
        fft.transform()
        for k in 0...1024 {
            let re = fft.output[2 * k], im = fft.output[2 * k + 1]
            ifft.input[2 * k] = re * re + im * im
            ifft.input[2 * k + 1] = 0
        }
        ifft.transform()
        return Array(ifft.output[0..<400])
    }

    func track(_ x: [Float]) -> [Float] {
        let frames = StreamingAnalyzer.frameCount(sampleCount: x.count, hop: 160)
        var f0 = [Float](repeating: 0, count: frames)
        for k in 0..<frames {
            let c = k * 160
            guard c - 320 >= 0, c + 320 <= x.count else { continue }
            var mean: Float = 0, energy: Float = 0
            for i in 0..<640 { mean += x[c - 320 + i] }
            mean /= 640
            for i in 0..<640 { let v = x[c - 320 + i] - mean; energy += v * v; fft.input[i] = v * window[i] }
            for i in 640..<2048 { fft.input[i] = 0 }
            guard energy / 640 > 1e-5 else { continue }
            let ac = autocorrelation()
            guard ac[0] > 0 else { continue }
            let minLag = 27, maxLag = 290
            var r = [Float](repeating: 0, count: maxLag + 2)
            for lag in (minLag - 1)...(maxLag + 1) { r[lag] = ac[lag] / ac[0] / max(windowAC[lag], 1e-3) }
            var best = minLag
            for lag in minLag...maxLag where r[lag] > r[best] { best = lag }
            guard r[best] > 0.6 else { continue }
            for lag in minLag...maxLag where r[lag] >= 0.85 * r[best] && r[lag] >= r[lag - 1] && r[lag] >= r[lag + 1] {
                best = lag; break
            }
            let den = r[best - 1] - 2 * r[best] + r[best + 1]
            let d = den < 0 ? max(-0.5, min(0.5, 0.5 * (r[best - 1] - r[best + 1]) / den)) : 0
            f0[k] = 16000 / (Float(best) + d)
        }
        var smoothed = f0
        for k in 0..<frames where f0[k] > 0 {
            let near = (max(0, k - 2)...min(frames - 1, k + 2)).map { f0[$0] }.filter { $0 > 0 }.sorted()
            smoothed[k] = near[near.count / 2]
        }
        // Fill unvoiced gaps of ≤ 3 frames inside voicing; drop voiced islands shorter than 4 frames.
        var k = 0
        while k < frames {
            var j = k
            while j < frames && (smoothed[j] > 0) == (smoothed[k] > 0) { j += 1 }
            if smoothed[k] == 0, k > 0, j < frames, j - k <= 3 {
                for i in k..<j { smoothed[i] = smoothed[k - 1] + (smoothed[j] - smoothed[k - 1]) * Float(i - k + 1) / Float(j - k + 1) }
            }
            k = j
        }
        k = 0
        while k < frames {
            var j = k
            while j < frames && (smoothed[j] > 0) == (smoothed[k] > 0) { j += 1 }
            if smoothed[k] > 0, j - k < 4 { for i in k..<j { smoothed[i] = 0 } }
            k = j
        }
        return smoothed
    }
}

/// eGeMAPS of 16 kHz samples: the engine end to end when its pitch tracker finds voicing, otherwise
/// the same front end driven by ``referenceF0(_:frame:)`` on engine-identical spectra.
func egemaps(_ x: [Float], bandwidth: Double, tryEngine: Bool = true) throws
    -> (features: [EGeMAPSFeature], enginePitch: Bool, frames: [EGeMAPSFrame]) {
    var config = AnalysisConfiguration()
    config.sourceBandwidth = bandwidth
    if tryEngine {
        let engine = try StreamingAnalyzer(configuration: config)
        try engine.enableEGeMAPS()
        var out = AnalysisOutput()
        engine.process(x, into: &out)
        engine.finish(into: &out)
        if out.frames.contains(where: { $0.f0Hz > 0 }) {
            return (engine.egemaps!.functionals(), true, engine.egemaps!.accumulator.frames)
        }
    }
    let track = ReferencePitch().track(x)
    // Stand-in path: same spectrum and loudness as the engine, reference f0.
    let window = WindowShape.hann.coefficients(count: 400)
    let windowPower = window.reduce(0) { $0 + $1 * $1 }
    let front = try EGeMAPSFrontEnd(configuration: config)
    let loudness = AuditoryLoudness(fftSize: 512, sampleRate: 16000, bandwidth: bandwidth)
    let fft = RealFFT(size: 512)
    let power = UnsafeMutableBufferPointer<Float>.allocate(capacity: 257)
    defer { power.deallocate() }
    let padded = [Float](repeating: 0, count: 800) + x + [Float](repeating: 0, count: 800)
    var fed = 0
    for k in 0..<StreamingAnalyzer.frameCount(sampleCount: x.count, hop: 160) {
        let upTo = min(x.count, k * 160 + 480)
        if upTo > fed { x[fed..<upTo].withUnsafeBufferPointer { front.process(samples: $0) }; fed = upTo }
        let c = k * 160 + 800
        let raw = Array(padded[(c - 200)..<(c + 200)])
        for i in 0..<400 { fft.input[i] = raw[i] * window[i] }
        for i in 400..<512 { fft.input[i] = 0 }
        fft.transform()
        fft.powerSpectrum(into: power)
        for i in 0..<257 { power[i] *= 2 / (windowPower * 512) }
        let long = Array(padded[(c - 480)..<(c + 480)])
        raw.withUnsafeBufferPointer { r in long.withUnsafeBufferPointer { l in
            front.analyze(index: k, rawFrame: r, longWindow: l) } }
        let f0 = track[k]
        front.complete(FrameFeatures(index: k, f0Hz: f0, voicing: f0 > 0 ? 1 : 0,
                                     loudness: loudness.loudness(power: UnsafeBufferPointer(power))))
    }
    if fed < x.count { x[fed...].withUnsafeBufferPointer { front.process(samples: $0) } }
    front.finish()
    return (front.functionals(), false, front.accumulator.frames)
}

/// The file's samples at 16 kHz through the engine's input path (mono mix, resampler).
func readAtAnalysisRate(_ path: String) throws -> [Float] {
    let reader = try AudioFileReader(path: path)
    let normalizer = try SignalNormalizer(format: reader.format, channel: nil, targetRate: 16000)
    var all: [Float] = []
    let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: 8192 * reader.format.channels)
    defer { buffer.deallocate() }
    while true {
        let n = try reader.read(into: buffer)
        if n == 0 { break }
        normalizer.process(interleaved: UnsafeBufferPointer(rebasing: buffer[0..<(n * reader.format.channels)])) {
            all.append(contentsOf: $0)
        }
    }
    normalizer.finish { all.append(contentsOf: $0) }
    return all
}

func readWAV(_ path: String) throws -> [Float] {
    let reader = try AudioFileReader(path: path)
    var all: [Float] = []
    let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: 8192 * reader.format.channels)
    defer { buffer.deallocate() }
    while true {
        let n = try reader.read(into: buffer)
        if n == 0 { break }
        all.append(contentsOf: buffer[0..<(n * reader.format.channels)])
    }
    return all
}

func toolAvailable(_ name: String) -> Bool {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["which", name]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    do { try p.run(); p.waitUntilExit(); return p.terminationStatus == 0 } catch { return false }
}

struct GoldenEGeMAPS: Decodable {
    var features: [String]
    var files: [String: [Double]]
}

@Suite struct EGeMAPSParityTests {
    @Test(.enabled(if: toolAvailable("espeak-ng") && toolAvailable("sox")))
    func parityWithOpenSMILE() throws {
        let golden = try JSONDecoder().decode(GoldenEGeMAPS.self, from: Data(
            contentsOf: egemapsFixtures.appendingPathComponent("opensmile_golden.json")))
        let script = egemapsFixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Benchmarks/compare/make_egemaps_corpus.sh")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paracues-egemaps-\(getpid())")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [script.path, dir.path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run(); p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        defer { try? FileManager.default.removeItem(at: dir) }
        var ours: [String: [Double?]] = [:]
        var usedEnginePitch = true
        for name in golden.files.keys.sorted() {
            // The native-rate file, brought to 16 kHz by the engine's own input path (SignalNormalizer), as the
            // CLI reads it: openSMILE analysed these very samples (an 8 kHz source's even samples are kept).
            let narrow = name.hasSuffix("_8k")
            let samples = try readAtAnalysisRate(dir.appendingPathComponent("\(name).wav").path)
            let result = try egemaps(samples, bandwidth: narrow ? 4000 : 8000, tryEngine: usedEnginePitch)
            usedEnginePitch = result.enginePitch
            ours[name] = result.features.map(\.value)
        }
        if let dump = ProcessInfo.processInfo.environment["PARACUES_DUMP_DIR"] {
            let encoded = try JSONSerialization.data(withJSONObject: ours.mapValues { $0.map { v -> Any in v.map { $0 as Any } ?? NSNull() } })
            try encoded.write(to: URL(fileURLWithPath: "\(dump)/paracues_functionals.json"))
            for name in golden.files.keys.sorted() where name.hasSuffix("_16k") {
                let frames = try egemaps(try readWAV(dir.appendingPathComponent("\(name).wav").path),
                                         bandwidth: 8000, tryEngine: usedEnginePitch).frames
                var csv = EGeMAPSFrame.Slot.allCases.map { "\($0)" }.joined(separator: ",") + "\n"
                for f in frames {
                    csv += EGeMAPSFrame.Slot.allCases.map { f[$0].map { "\($0)" } ?? "" }.joined(separator: ",") + "\n"
                }
                try csv.write(toFile: "\(dump)/\(name).csv", atomically: true, encoding: .utf8)
            }
        }
        let table = EGeMAPSParityTable(golden: golden, ours: ours)
        let report = table.markdown(title: "eGeMAPSv02 parity (\(usedEnginePitch ? "engine pitch" : "reference pitch"))")
        print(report)
        try? report.write(toFile: "/tmp/paracues-egemaps-parity.md", atomically: true, encoding: .utf8)
        // Regression bar at what is reached today (target 80 of 88 at r ≥ 0.9: see docs/egemaps.md).
        #expect(table.rows.filter { ($0.r ?? 0) >= 0.9 }.count >= EGeMAPSParityTable.requiredAtR090)
    }
}

/// Ranks (1…n, ties averaged) for Spearman's ρ.
func ranks(_ x: [Double]) -> [Double] {
    let order = x.indices.sorted { x[$0] < x[$1] }
    var r = [Double](repeating: 0, count: x.count)
    var i = 0
    while i < order.count {
        var j = i
        while j + 1 < order.count && x[order[j + 1]] == x[order[i]] { j += 1 }
        for k in i...j { r[order[k]] = Double(i + j) / 2 + 1 }
        i = j + 1
    }
    return r
}

/// Per-feature agreement across files: Pearson r and median relative difference.
struct EGeMAPSParityTable {
    /// Features that must reach r ≥ 0.9. Measured 2026-11-22: 82 of 88 — native 8 kHz files through the engine's
    /// input path (as `egemaps_parity.sh`), an 8 kHz source's 20 ms spectrum at its own rate, openSMILE's
    /// symmetric Hamming window and its A3 rule for H1−A3 (75 before, on sox-upsampled 8 kHz files; 70 with
    /// the earlier SHS approximation, 39 with the engine pitch tracker); the bar leaves a margin of 3 for
    /// pitch-tracker changes. Shortfalls: docs/egemaps.md.
    static let requiredAtR090 = 79
    struct Row { var name: String; var r: Double?; var spearman: Double?; var medianRelative: Double?; var files: Int }
    var rows: [Row] = []

    /// Features openSMILE computes over voiced frames only, writing 0 when a file has none.
    static func voicedOnly(_ name: String) -> Bool {
        let unvoiced = ["loudness", "spectralFlux_sma3", "mfcc1_sma3", "mfcc2_sma3", "mfcc3_sma3", "mfcc4_sma3",
                        "equivalentSoundLevel", "UV_sma3nz", "UV0-500", "UV500-1500", "MeanUnvoiced", "StddevUnvoiced"]
        return !unvoiced.contains { name.contains($0) }
    }

    init(golden: GoldenEGeMAPS, ours: [String: [Double?]]) {
        let f0 = golden.features.firstIndex(of: "F0semitoneFrom27.5Hz_sma3nz_amean") ?? 0
        for (i, name) in golden.features.enumerated() {
            var x: [Double] = [], y: [Double] = [], rel: [Double] = []
            for (file, values) in golden.files {
                guard let mine = ours[file]?[i] else { continue }
                // openSMILE's 0 for "no voiced frame" (us_whisper at 8 kHz) is not a measurement.
                if values[f0] == 0 && Self.voicedOnly(name) { continue }
                x.append(values[i]); y.append(mine)
                rel.append(abs(mine - values[i]) / max(abs(values[i]), 1e-9))
            }
            rows.append(Row(name: name, r: x.count >= 3 ? pearson(x, y) : nil,
                            spearman: x.count >= 3 ? pearson(ranks(x), ranks(y)) : nil,
                            medianRelative: rel.isEmpty ? nil : rel.sorted()[rel.count / 2], files: x.count))
        }
    }

    func markdown(title: String) -> String {
        var s = "### \(title)\n\n| feature | Pearson r | Spearman ρ | median rel. diff | files |\n|---|---|---|---|---|\n"
        for row in rows {
            s += "| \(row.name) | \(row.r.map { String(format: "%.3f", $0) } ?? "–") | "
            s += "\(row.spearman.map { String(format: "%.3f", $0) } ?? "–") | "
            s += "\(row.medianRelative.map { String(format: "%.2f", $0) } ?? "–") | \(row.files) |\n"
        }
        let good = rows.filter { ($0.r ?? 0) >= 0.9 }.count
        let rankGood = rows.filter { ($0.spearman ?? 0) >= 0.9 }.count
        s += "\n\(good) of \(rows.count) features with Pearson r ≥ 0.9; \(rankGood) with Spearman ρ ≥ 0.9\n"
        return s
    }
}
