import Foundation
import Testing
import ParacuesDSP
@testable import Paracues
import ParacuesTestSupport

/// openSMILE eGeMAPSv02 rules identified on its own intermediate levels (docs/egemaps.md, "What changed
/// last", steps 5–7): an 8 kHz source analysed at its own rate, the A3 of H1−A3, formants past an
/// unstable LPC step.
@Suite struct EGeMAPSOpenSMILERulesTests {
    /// A 16 kHz stream whose even samples are `even` and whose odd samples are `odd` (what a half-band
    /// 2× interpolator gives from an 8 kHz source: the source samples at even positions).
    private func interleave(_ even: [Float], _ odd: [Float]) -> [Float] {
        var x = [Float](repeating: 0, count: 2 * even.count)
        for i in 0..<even.count { x[2 * i] = even[i]; x[2 * i + 1] = odd[i] }
        return x
    }

    @Test func eightKilohertzSourceIsAnalysedOnItsOwnSamples() {
        let source = noise(8000, seed: 11).enumerated().map { i, v in v + 0.4 * Float(sin(2 * Double.pi * 440 * Double(i) / 8000)) }
        let a = interleave(source, noise(8000, seed: 12)), b = interleave(source, noise(8000, seed: 13))
        let narrowA = spectralFrames(a, f0: 0, bandwidth: 4000), narrowB = spectralFrames(b, f0: 0, bandwidth: 4000)
        #expect(narrowA.count > 40 && narrowA.count == narrowB.count)
        // Only the source's own samples count: the odd samples change nothing, to the bit.
        for (p, q) in zip(narrowA, narrowB) {
            #expect(p.mfcc == q.mfcc && p.loudness == q.loudness && p.power == q.power)
            #expect(p.alphaRatio == q.alphaRatio && p.spectralFlux == q.spectralFlux)
            #expect(p.formantFrequency.0 == q.formantFrequency.0 && p.formantBandwidth.2 == q.formantBandwidth.2)
        }
        // Power is the mean square of the 160 source samples of the 20 ms frame (frame k: source samples 80k − 80 ..< 80k + 80).
        for (j, f) in narrowA.enumerated().prefix(10) {
            let k = j + 3, frame = source[(80 * k - 80)..<(80 * k + 80)]
            let expected = frame.reduce(0.0) { $0 + Double($1) * Double($1) } / 160
            #expect(abs(Double(f.power) - expected) <= 1e-5 * expected)
        }
        // Control: analysed at 16 kHz (full band) the odd samples do matter.
        let wideA = spectralFrames(a, f0: 0), wideB = spectralFrames(b, f0: 0)
        #expect(zip(wideA, wideB).contains { $0.mfcc != $1.mfcc })
    }

    /// 60 ms of a 200 Hz harmonic complex: harmonic n (n·200 Hz) at amplitude `amplitudes[n − 1]`.
    private func harmonicLevels(_ amplitudes: [Double], f3: Float?, b3: Float?) -> SpectralFrame {
        let levels = HarmonicLevels(sampleRate: 16000, bandwidth: 8000)
        let x = (0..<960).map { i in
            Float(amplitudes.enumerated().reduce(0.0) { $0 + $1.1 * cos(2 * Double.pi * 200 * Double($1.0 + 1) * Double(i) / 16000) })
        }
        x.withUnsafeBufferPointer { levels.analyze(index: 0, samples: $0) }
        var frame = SpectralFrame(index: 0)
        levels.complete(&frame, f0Hz: 200, formants: ((500, 1500, f3), (100, 200, b3)))
        return frame
    }

    @Test func a3IsTheHarmonicAboveF3() throws {
        // F3 = 2500 Hz: openSMILE's harmonic ⌊2500/200⌋ = 12, which it labels one place off — the peak at
        // 13·200 = 2600 Hz; "H1" is the peak at 400 Hz. The 1200 Hz harmonic (inside F3 ± B3) is made the
        // strongest there, so the largest-in-band rule would give 20 log10(0.5/0.2) instead.
        var amplitudes = [Double](repeating: 0.01, count: 20)
        amplitudes[0] = 0.3; amplitudes[1] = 0.5; amplitudes[5] = 0.2; amplitudes[12] = 0.02
        let frame = harmonicLevels(amplitudes, f3: 2500, b3: 1500)
        let expected = 20 * log10(0.5 / 0.02)  // 27.96 dB
        let h1a3 = try #require(frame.h1MinusA3)
        #expect(abs(Double(h1a3) - expected) < 0.3)
        #expect(abs(Double(h1a3) - 20 * log10(0.5 / 0.2)) > 10)
    }

    @Test func withoutF3H1MinusA3IsTheLogFloorPlusH1OverF0() throws {
        // No third formant: −201 + max(0, L(2 f0) − L(f0)).
        var amplitudes = [Double](repeating: 0.01, count: 20)
        amplitudes[0] = 0.1; amplitudes[1] = 0.4
        let louder = try #require(harmonicLevels(amplitudes, f3: nil, b3: nil).h1MinusA3)
        #expect(abs(Double(louder) - (-201 + 20 * log10(0.4 / 0.1))) < 0.3)
        amplitudes[0] = 0.4; amplitudes[1] = 0.1
        let softer = try #require(harmonicLevels(amplitudes, f3: nil, b3: nil).h1MinusA3)
        #expect(softer == -201)
    }

    @Test func formantsPastAPredictionErrorBelowZeroAreStillReported() {
        // Lags 0…11 of the 11 kHz formant signal of a voiced frame of the parity corpus (de_f_16k, openSMILE 20 ms frame 265:
        // a very peaky low-frequency spectrum). In Float the Toeplitz system is not quite positive definite:
        // the recursion's prediction error turns negative at order 10. openSMILE still reports this frame's
        // formants — 742, 1823, 2782, 3343 Hz from its own (slightly different) Float lags.
        let lags: [Double] = [236918.59375, 232472.578125, 220712.0, 203792.84375, 181941.65625, 155342.1875,
                              125458.6796875, 93680.4140625, 61444.44140625, 31023.23046875, 3619.0341796875,
                              -21666.451171875]
        let found = FormantLPC(binHz: 31.25).formants(autocorrelation: lags)
        #expect(found.count == 4)
        for (ours, theirs) in zip(found.map(\.f), [742.0, 1823, 2782, 3343]) {
            #expect(abs(ours - theirs) < 0.05 * theirs, "\(ours) Hz against openSMILE's \(theirs) Hz")
        }
        #expect(found.allSatisfy { $0.b.isFinite && $0.b > 0 })
    }

    @Test func windowsAreOpenSMILEsSymmetricForms() {
        // openSMILE's cWindower: symmetric, end samples equal, the centre between samples for even N.
        let hamming = EGeMAPSWindow.hamming(count: 320), gauss = EGeMAPSWindow.gaussian(count: 960, sigma: 0.4)
        #expect(abs(hamming[0] - 0.08) < 1e-6 && abs(hamming[319] - 0.08) < 1e-6)
        #expect(hamming[159] == hamming[160] && abs(hamming[159] - 1) < 1e-4)
        #expect(abs(gauss[0] - Float(exp(-0.5 / 0.16))) < 1e-6 && gauss[0] == gauss[959] && gauss[479] == gauss[480])
        for t in 0..<160 { #expect(hamming[t] == hamming[319 - t]) }
        // The DFT-even form differs (its peak on sample N/2): the reason openSMILE's spectra were 1e-3 off.
        #expect(WindowShape.hamming.coefficients(count: 320)[0] != WindowShape.hamming.coefficients(count: 320)[319])
    }
}
