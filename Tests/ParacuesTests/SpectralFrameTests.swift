import Foundation
import Testing
import ParacuesDSP
@testable import Paracues
import ParacuesTestSupport

/// Computes SpectralFrames for a signal as the engine hook does, completing every frame with `f0`
/// (0 = unvoiced).
func spectralFrames(_ x: [Float], f0: Float, bandwidth: Double = 8000) -> [SpectralFrame] {
    var config = AnalysisConfiguration()
    config.sourceBandwidth = bandwidth
    let extractor = SpectralExtractor(configuration: config)
    var out: [SpectralFrame] = []
    var k = 0
    while k * 160 + 480 <= x.count {
        let c = k * 160
        if c >= 480 {
            let raw = Array(x[(c - 200)..<(c + 200)])
            let long = Array(x[(c - 480)..<(c + 480)])
            raw.withUnsafeBufferPointer { r in
                long.withUnsafeBufferPointer { l in
                    extractor.analyze(index: k, rawFrame: r, longWindow: l)
                }
            }
            out.append(extractor.complete(index: k, f0Hz: f0))
        }
        k += 1
    }
    return out
}

func noise(_ n: Int, seed: UInt64) -> [Float] {
    var g = SeededRandom(seed: seed)
    return (0..<n).map { _ in Float.random(in: -0.3...0.3, using: &g) }
}

func sines(_ parts: [(Double, Double)], count: Int) -> [Float] {
    (0..<count).map { i in Float(parts.reduce(0.0) { $0 + $1.1 * sin(2 * Double.pi * $1.0 * Double(i) / 16000) }) }
}

func average(_ v: [Float?]) -> Double {
    let p = v.compactMap { $0 }
    return p.reduce(0.0) { $0 + Double($1) } / Double(max(1, p.count))
}

@Suite struct SpectralFrameTests {
    @Test func alphaRatioOfWhiteNoiseIsBandwidthRatio() {
        let frames = spectralFrames(noise(16000, seed: 3), f0: 0)
        // Flat spectrum: energy ratio = band widths, (5000 − 1000) / (1000 − 50).
        let expected = 10 * log10(4000.0 / 950.0)
        #expect(abs(average(frames.map(\.alphaRatio)) - expected) < 0.5)
        #expect(abs(average(frames.map(\.slope0to500))) < 0.01)
        #expect(abs(average(frames.map(\.slope500to1500))) < 0.005)
        // Telephone band: high band becomes 1–4 kHz.
        let narrow = spectralFrames(noise(16000, seed: 3), f0: 0, bandwidth: 4000)
        #expect(abs(average(narrow.map(\.alphaRatio)) - 10 * log10(3000.0 / 950.0)) < 0.5)
    }

    @Test func hammarbergIndexOfTwoSines() {
        let frames = spectralFrames(sines([(500, 0.5), (3000, 0.05)], count: 8000), f0: 0)
        #expect(abs(average(frames.map(\.hammarbergIndex)) - 20) < 0.5)
        let narrow = spectralFrames(sines([(500, 0.5), (3000, 0.05)], count: 8000), f0: 0, bandwidth: 1500)
        // 2–5 kHz lies above a 1.5 kHz bandwidth: absent, not zero; alpha uses 1–1.5 kHz.
        #expect(narrow.allSatisfy { $0.hammarbergIndex == nil && $0.alphaRatio != nil })
    }

    @Test func harmonicDifferences() {
        let frames = spectralFrames(sines([(200, 0.4), (400, 0.2), (600, 0.1)], count: 8000), f0: 200)
        #expect(abs(average(frames.map(\.h1MinusH2)) - 6.02) < 0.3)
        let unvoiced = spectralFrames(sines([(200, 0.4), (400, 0.2)], count: 8000), f0: 0)
        #expect(unvoiced.allSatisfy { $0.h1MinusH2 == nil })
    }

    /// 120 Hz harmonics shaped by resonances at 700/80, 1220/90, 2600/120 Hz (centre/bandwidth, Hz),
    /// 1 s at 16 kHz, peak 0.24: the signal of `Benchmarks/compare/egemaps_synthetic_vowel.py`.
    static func harmonicVowel() -> [Float] {
        func gain(_ f: Double) -> Double {
            [(700.0, 80.0), (1220, 90), (2600, 120)].reduce(1.0) { g, r in
                g / (pow(1 - (f / r.0) * (f / r.0), 2) + pow(f * r.1 / (r.0 * r.0), 2)).squareRoot()
            }
        }
        let amplitudes = (1..<60).map { gain(120 * Double($0)) }
        let total = amplitudes.reduce(0, +)
        return (0..<16000).map { i in
            Float(amplitudes.enumerated().reduce(0.0) { s, h in
                s + 0.3 * h.element / total * sin(2 * Double.pi * 120 * Double(h.offset + 1) * Double(i) / 16000)
            })
        }
    }

    @Test func formantsLoudnessAndHarmonicsMatchOpenSMILE() {
        // openSMILE 3 (opensmile-python 2.6) on the same signal, medians over frames (its SHS pitch is
        // 240.4 Hz here, an octave up): F2 1289, F3 2536, B2 1079, B3 737 Hz; loudness 0.912;
        // H1−H2 −15.10 dB. (F1 and B1 swing between 80 and 880 Hz from frame to frame in openSMILE too.)
        let frames = spectralFrames(Self.harmonicVowel(), f0: 240.4)
        func median(_ v: [Float?]) -> Double {
            let s = v.compactMap { $0 }.sorted()
            return s.isEmpty ? .nan : Double(s[s.count / 2])
        }
        #expect(abs(median(frames.map(\.formantFrequency.1)) - 1289) < 0.05 * 1289)
        #expect(abs(median(frames.map(\.formantFrequency.2)) - 2536) < 0.05 * 2536)
        #expect(abs(median(frames.map(\.formantBandwidth.1)) - 1079) < 0.15 * 1079)
        #expect(abs(median(frames.map(\.formantBandwidth.2)) - 737) < 0.15 * 737)
        #expect(abs(median(frames.map(\.loudness)) - 0.912) < 0.02 * 0.912)
        #expect(abs(median(frames.map(\.h1MinusH2)) + 15.10) < 0.5)
    }

    @Test func formantRootsFollowOpenSMILEsSignConvention() {
        // The LPC of a single strong resonance: with openSMILE's reading of the coefficients the polynomial
        // roots are not the resonance's; this pins the convention (a textbook LPC would put F1 near 700 Hz).
        let v = SustainedVowel(f0: 120, duration: 1.0, jitter: 0.005, shimmer: 0.02, hnrDB: 30, seed: 4)
        let frames = spectralFrames(v.samples, f0: 120)
        let f1 = average(frames.map(\.formantFrequency.0))
        #expect(frames.allSatisfy { $0.formantFrequency.0 == nil || $0.formantFrequency.0! > 50 })
        #expect(abs(f1 - 700) > 100)
    }

    @Test func spectralFluxIsZeroForStationaryAndPositiveForChange() {
        let steady = spectralFrames(sines([(440, 0.3)], count: 8000), f0: 0)
        let change = sines([(440, 0.3)], count: 4000) + sines([(2000, 0.3)], count: 4000)
        let frames = spectralFrames(change, f0: 0)
        let jump = frames.compactMap(\.spectralFlux).max() ?? 0
        #expect(average(steady.dropFirst().map(\.spectralFlux)) < 0.01 * Double(jump))
        // A 0.3-amplitude 440 Hz sine replaced by 2 kHz: the openSMILE definition (numpy replica of
        // 20 ms Hamming frames on the same 10 ms grid) peaks at 2.67 on this signal.
        #expect(abs(jump - 2.67) < 0.1)
    }
}
