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

    @Test func formantsOfSyntheticVowel() {
        let v = SustainedVowel(f0: 120, duration: 1.0, jitter: 0.005, shimmer: 0.02, hnrDB: 30, seed: 4)
        let frames = spectralFrames(v.samples, f0: 120)
        let f1 = average(frames.map(\.formantFrequency.0)), f2 = average(frames.map(\.formantFrequency.1))
        let f3 = average(frames.map(\.formantFrequency.2))
        print("formants", f1, f2, f3, average(frames.map(\.formantBandwidth.0)))
        #expect(abs(f1 - 700) < 70)
        #expect(abs(f2 - 1220) < 120)
        #expect(abs(f3 - 2600) < 260)
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
