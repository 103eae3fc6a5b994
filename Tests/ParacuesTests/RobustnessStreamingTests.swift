import Foundation
import Testing
@testable import Paracues
import ParacuesTestSupport

/// The streaming engine under hostile sample values and chunkings: the invariants the
/// `Fuzz/` StreamingFuzz harness asserts, checked here on deterministic programs and on the
/// regression corpus (`Fixtures/fuzz-regressions/streaming-*`), so CI replays every finding.
///
/// `StreamProgram.decode` must stay byte-for-byte the same as `Fuzz/Sources/StreamingFuzz`.
enum StreamProgram {
    static let specials: [Float] = [
        .nan, -.nan, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
        .leastNormalMagnitude / 2, 0, -0.0, 1, -1, 0.9999, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
        1e-30, 3e38,
    ]

    /// Decoding stops once the program holds this many samples (1 s): longer programs only make
    /// executions slower (the pauses, pitch look-ahead and detectors all act within 1 s).
    static let maximumSamples = 16_000

    /// (configuration, samples, chunk boundaries) from fuzz bytes.
    static func decode(_ bytes: [UInt8]) -> (AnalysisConfiguration, [Float], [Int]) {
        var configuration = AnalysisConfiguration()
        guard let setting = bytes.first else { return (configuration, [], []) }
        configuration.minimumF0 = [50, 30, 75, 200][Int(setting & 3)]
        configuration.maximumF0 = [800, 1_200, 400, 500][Int((setting >> 2) & 3)]
        configuration.minimumPause = [0.2, 0.05, 0.5, 0.1][Int((setting >> 4) & 3)]
        var samples: [Float] = [], boundaries: [Int] = []
        var i = 1
        func next() -> UInt8? { guard i < bytes.count else { return nil }; defer { i += 1 }; return bytes[i] }
        loop: while samples.count < maximumSamples, let tag = next() {
            switch tag {
            case 0x00..<0x30: boundaries.append(samples.count)
            case 0x30..<0x80:
                guard let a = next(), let b = next(), let c = next(), let d = next() else { break loop }
                samples.append(Float(bitPattern: UInt32(a) | UInt32(b) << 8 | UInt32(c) << 16 | UInt32(d) << 24))
            case 0x80..<0xA0:
                samples.append(contentsOf: repeatElement(specials[Int(tag - 0x80) % specials.count], count: Int(tag & 7) + 1))
            case 0xA0..<0xE0:
                guard let f = next(), let n = next() else { break loop }
                let f0 = 40 + Float(f) * 4, count = (Int(n & 31) + 1) * 80
                let amplitude = Float(tag - 0xA0 + 1) / 64 * 1.2
                let start = samples.count
                for k in 0..<count { samples.append(amplitude * sinf(2 * .pi * f0 * Float(start + k) / 16_000)) }
            default:
                guard let n = next() else { break loop }
                samples.append(contentsOf: repeatElement(0, count: (Int(n & 31) + 1) * 80))
            }
        }
        return (configuration, samples, boundaries)
    }

    static func run(_ samples: [Float], boundaries: [Int], configuration: AnalysisConfiguration) throws -> AnalysisOutput {
        let analyzer = try StreamingAnalyzer(configuration: configuration)
        var all = AnalysisOutput(), output = AnalysisOutput()
        var start = 0
        samples.withUnsafeBufferPointer { buffer in
            for end in boundaries + [samples.count] where end >= start {
                analyzer.process(UnsafeBufferPointer(rebasing: buffer[start..<end]), into: &output)
                all.append(contentsOf: output)
                output.removeAll()
                start = end
            }
        }
        analyzer.finish(into: &output)
        all.append(contentsOf: output)
        return all
    }

    /// Records an issue for every broken invariant; returns the number found.
    @discardableResult
    static func check(_ bytes: [UInt8], label: String) throws -> Int {
        let (configuration, samples, boundaries) = decode(bytes)
        let out = try run(samples, boundaries: boundaries, configuration: configuration)
        var problems: [String] = []
        if out.frames.map(\.index) != Array(0..<StreamingAnalyzer.frameCount(sampleCount: samples.count, hop: 160)) {
            problems.append("frames not 0…N−1 in order (\(out.frames.count) for \(samples.count) samples)")
        }
        let range = Float(configuration.minimumF0)...Float(configuration.maximumF0)
        for f in out.frames {
            if !(f.f0Hz.isFinite && f.voicing.isFinite && f.energyDBFS.isFinite && f.loudness.isFinite) {
                problems.append("non-finite value in frame \(f.index)")
            } else if f.f0Hz != 0 && !range.contains(f.f0Hz) {
                problems.append("f0 \(f.f0Hz) outside \(range) in frame \(f.index)")
            } else if !(0...1).contains(f.voicing) || !(-120...121).contains(f.energyDBFS) || f.loudness < 0 {
                problems.append("value out of range in frame \(f)")
            }
            let c = f.index * 160
            if c < samples.count, !samples[c].isFinite, !f.validity.contains(.nonFinite) {
                problems.append("frame \(f.index) on a non-finite sample not flagged")
            }
        }
        let duration = Double(samples.count) / 16_000
        var last = -Double.infinity
        for p in out.pauses {
            if !(p.start.isFinite && p.end.isFinite && p.start < p.end && p.start >= max(0, last) && p.end <= duration + 0.011) {
                problems.append("bad pause \(p)")
            }
            last = p.end
        }
        let whole = try run(samples, boundaries: [], configuration: configuration)
        if whole.frames != out.frames || whole.pauses != out.pauses || whole.events != out.events {
            problems.append("chunked output differs from one-chunk output")
        }
        for p in problems.prefix(5) { Issue.record("\(label): \(p)") }
        return problems.count
    }
}

@Suite("robustness: streaming engine")
struct RobustnessStreamingTests {
    /// Seeded random programs: mixes of sine runs, silences, specials, raw bit patterns, chunk cuts.
    @Test(arguments: 0..<40)
    func randomProgramKeepsTheInvariants(seed: UInt64) throws {
        var rng = SeededRandom(seed: 1_000 + seed)
        var bytes: [UInt8] = [UInt8(truncatingIfNeeded: rng.next())]
        for _ in 0..<(20 + Int(rng.next() % 60)) {
            let kind = rng.next() % 10
            let tag: UInt8 = switch kind {
            case 0, 1: UInt8(rng.next() % 0x30)
            case 2: UInt8(0x30 + rng.next() % 0x50)
            case 3, 4: UInt8(0x80 + rng.next() % 0x20)
            case 5, 6, 7: UInt8(0xA0 + rng.next() % 0x40)
            default: UInt8(0xE0 + rng.next() % 0x20)
            }
            bytes.append(tag)
            for _ in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: rng.next() >> 3)) }
        }
        #expect(try StreamProgram.check(bytes, label: "seed \(seed)") == 0)
    }

    /// Every file in the regression corpus named `streaming-*` (fuzzer findings, fixed).
    @Test func regressionCorpusReplays() throws {
        let files = try RobustnessFixtures.files(prefix: "streaming-")
        #expect(!files.isEmpty)
        for url in files {
            #expect(try StreamProgram.check(Array(Data(contentsOf: url)), label: url.lastPathComponent) == 0)
        }
    }

    /// Fuzzer finding: ±3.4e38 samples made the frame energy +inf. Now clamped to ±10⁶ and flagged.
    @Test func hugeFiniteSamplesGiveFiniteFlaggedFrames() throws {
        var x = [Float](repeating: 0, count: 4_800)
        for i in 2_000..<2_100 { x[i] = i % 2 == 0 ? .greatestFiniteMagnitude : -.greatestFiniteMagnitude }
        let out = try StreamProgram.run(x, boundaries: [777], configuration: AnalysisConfiguration())
        #expect(out.frames.allSatisfy { $0.energyDBFS.isFinite && $0.loudness.isFinite && $0.f0Hz.isFinite })
        let frame = out.frames[2_050 / 160]
        #expect(frame.validity.contains(.clipped))
        #expect(abs(frame.energyDBFS - 20 * log10f(StreamingAnalyzer.sampleLimit)) < 20, "\(frame.energyDBFS) dBFS")
    }

    /// Fuzzer finding: an 820 Hz tone read 820 Hz with an 800 Hz ceiling. f0 stays in the range.
    @Test func f0StaysInsideTheConfiguredRange() throws {
        for (tone, ceiling) in [(Float(820), 800.0), (404, 400), (1_250, 1_200)] {
            var configuration = AnalysisConfiguration()
            configuration.maximumF0 = ceiling
            let x = (0..<16_000).map { 0.3 * sinf(2 * .pi * tone * Float($0) / 16_000) }
            let out = try StreamProgram.run(x, boundaries: [], configuration: configuration)
            let voiced = out.frames.map(\.f0Hz).filter { $0 > 0 }
            #expect(voiced.allSatisfy { $0 <= Float(ceiling) && $0 >= Float(configuration.minimumF0) },
                    "\(tone) Hz tone, ceiling \(ceiling): max f0 \(voiced.max() ?? 0)")
        }
    }

    @Test func denormalInputIsNotSlow() throws {
        // 30 s of subnormal samples must not take much longer than 30 s of ordinary noise.
        var rng = SeededRandom(seed: 5)
        let normal = (0..<480_000).map { _ in Float(rng.uniform() - 0.5) * 0.2 }
        let tiny = normal.map { $0 * 1e-38 }
        func time(_ x: [Float]) throws -> Double {
            let start = Date()
            let out = try StreamProgram.run(x, boundaries: [], configuration: AnalysisConfiguration())
            #expect(out.frames.allSatisfy { $0.f0Hz.isFinite && $0.loudness.isFinite && $0.energyDBFS.isFinite })
            return Date().timeIntervalSince(start)
        }
        let a = try time(normal), b = try time(tiny)
        #expect(b < 3 * a + 0.5, "subnormal input \(b) s vs \(a) s")
    }
}

/// The fuzz regression corpus in `Tests/ParacuesTests/Fixtures/fuzz-regressions/`.
enum RobustnessFixtures {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz-regressions")
    }

    static func files(prefix: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasPrefix(prefix) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
