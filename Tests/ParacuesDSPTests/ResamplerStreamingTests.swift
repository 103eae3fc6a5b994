import Foundation
import ParacuesDSP
import Testing

/// Streaming behaviour of the resampler: chunk invariance, timing, length, identity, and agreement
/// with a direct evaluation of its defining formula.
@Suite struct ResamplerStreamingTests {
    /// 44 101 Hz has L = 16 000 and exercises the on-the-fly coefficient path.
    static let pairs: [(Int, Int)] = [
        (44_100, 16_000), (48_000, 16_000), (11_025, 16_000), (8_000, 16_000), (22_050, 16_000),
        (44_101, 16_000), (16_000, 16_000),
    ]

    /// Any chunking (random sizes 1…700, starting with a chunk of 1, and all size-1 chunks) gives
    /// bit-identical output to one whole-signal call.
    @Test(arguments: 0..<pairs.count)
    func chunkingDoesNotChangeOutput(pairIndex: Int) {
        let (inRate, outRate) = Self.pairs[pairIndex]
        let x = SignalMeasurement.noise(count: inRate / 10 + 37, seed: UInt64(pairIndex + 1))
        let whole = resampleAll(x, from: inRate, to: outRate)
        let random = resampleAll(x, from: inRate, to: outRate,
                                 chunks: SignalMeasurement.chunkSizes(total: x.count, maximum: 700, seed: 99))
        let ones = resampleAll(x, from: inRate, to: outRate, chunks: Array(repeating: 1, count: x.count))
        #expect(whole.count == random.count && whole == random)
        #expect(whole.count == ones.count && whole == ones)
    }

    /// Output length is ceil(n × L / M): every output instant before the end of the input.
    @Test(arguments: 0..<pairs.count)
    func lengthCoversTheInput(pairIndex: Int) {
        let (inRate, outRate) = Self.pairs[pairIndex]
        for n in [0, 1, 2, 3, 441, 1_000, 4_097, 9_999] {
            let y = resampleAll([Float](repeating: 0.5, count: n), from: inRate, to: outRate)
            let expected = Int((Double(n) * Double(outRate) / Double(inRate)).rounded(.up))
            #expect(y.count == expected, "\(n) samples \(inRate)→\(outRate)")
        }
    }

    /// A click at input time t appears centred at t in the output (group delay compensated): the
    /// centroid Σ n·y[n] / Σ y[n] of the output pulse lies within 0.001 output samples of
    /// t × outputRate, for clicks at many sub-sample offsets. The centroid is taken over the whole
    /// filter response (± the look-ahead, at least ± 10 ms).
    @Test(arguments: 0..<pairs.count)
    func clickKeepsItsTime(pairIndex: Int) {
        let (inRate, outRate) = Self.pairs[pairIndex]
        let design = ResamplerDesign(inputRate: inRate, outputRate: outRate)
        let span = max(outRate / 100, design.lookAhead * outRate / inRate + 2)
        var worst = 0.0
        for k in stride(from: inRate / 20, to: inRate / 20 + 97, by: 7) {
            var x = [Float](repeating: 0, count: inRate / 10)
            x[k] = 1
            let y = resampleAll(x, from: inRate, to: outRate)
            let expected = Double(k) * Double(outRate) / Double(inRate)
            let lo = Int(expected) - span, hi = Int(expected) + span
            var moment = 0.0, mass = 0.0
            for n in lo...hi { moment += Double(n) * Double(y[n]); mass += Double(y[n]) }
            worst = max(worst, abs(moment / mass - expected))
            let peak = (lo...hi).max { y[$0] < y[$1] }!
            #expect(abs(Double(peak) - expected) <= 0.5 + 1e-9, "peak \(peak) vs \(expected)")
        }
        #expect(worst <= 0.001, "centroid error \(worst) output samples for \(inRate)→\(outRate)")
    }

    /// Equal rates pass samples through bit for bit, including NaN-free extremes, with no latency.
    @Test func equalRatesAreIdentity() {
        let x = SignalMeasurement.noise(count: 1_234, seed: 5) + [1, -1, 0, .leastNonzeroMagnitude]
        let resampler = PolyphaseResampler(inputRate: 16_000, outputRate: 16_000)
        var y: [Float] = []
        resampler.process(x) { y.append(contentsOf: $0) }
        #expect(y == x)
        resampler.finish { y.append(contentsOf: $0) }
        #expect(y == x)
        #expect(resampler.latencySeconds == 0)
    }

    /// Each output equals the defining sum Σ x[k] · h(n/outRate − k/inRate) computed in Double from
    /// ``ResamplerDesign/coefficients(phase:)`` within 2e-6 (Float rounding of ~300 products; for
    /// 44 101 Hz the rows are interpolated from the dense kernel, which adds < 2e-8 per coefficient).
    @Test(arguments: [(44_100, 16_000), (8_000, 16_000), (44_101, 16_000)])
    func matchesDirectEvaluation(rates: (Int, Int)) {
        let (inRate, outRate) = rates
        let design = ResamplerDesign(inputRate: inRate, outputRate: outRate)
        let x = SignalMeasurement.noise(count: 3_000, seed: 11)
        let y = resampleAll(x, from: inRate, to: outRate)
        let l = design.upFactor, m = design.downFactor, h = design.lookAhead
        var worst = 0.0
        for n in stride(from: 0, to: y.count, by: 37) {
            let base = n * m / l, phase = n * m % l
            let row = design.coefficients(phase: phase)
            var sum = 0.0
            for j in 0..<design.tapsPerPhase {
                let k = base - h + 1 + j
                if k >= 0 && k < x.count { sum += Double(x[k]) * Double(row[j]) }
            }
            worst = max(worst, abs(sum - Double(y[n])))
        }
        #expect(worst <= 2e-6, "max deviation \(worst)")
    }

    /// Ratios reduce by the gcd, and the design sizes follow the Kaiser formula.
    @Test func ratiosAndSizes() {
        let d = ResamplerDesign(inputRate: 44_100, outputRate: 16_000)
        #expect(d.upFactor == 160 && d.downFactor == 441)
        #expect(d.tapsPerPhase % 8 == 0 && d.tapsPerPhase == 320)
        #expect(abs(d.passbandEdge - 7_200) < 1e-9 && abs(d.stopbandEdge - 8_000) < 1e-9)
        let up = ResamplerDesign(inputRate: 8_000, outputRate: 16_000)
        #expect(up.upFactor == 2 && up.downFactor == 1)
        #expect(abs(up.passbandEdge - 3_920) < 1e-9 && abs(up.stopbandEdge - 4_080) < 1e-9 && abs(up.cutoff - 4_000) < 1e-9)
        #expect(up.tapsPerPhase == 288)
        #expect(abs(ResamplerDesign.besselI0(0) - 1) < 1e-15)
        #expect(abs(ResamplerDesign.besselI0(1) - 1.2660658777520082) < 1e-14)
        // Reference values: scipy.special.i0(5.0), i0(8.96).
        #expect(abs(ResamplerDesign.besselI0(5) / 27.239871823604442 - 1) < 1e-14)
        #expect(abs(ResamplerDesign.besselI0(8.96) / 1053.125122491171 - 1) < 1e-14)
    }
}
