import Foundation
import ParacuesDSP
import Testing

/// Frequency response of the resampler, measured with pure tones (0.25 s each, amplitude 1,
/// least-squares fit over the middle of the output, 25 ms trimmed at each end).
@Suite struct ResamplerResponseTests {
    static let pairs: [(Int, Int)] = [
        (44_100, 16_000), (48_000, 16_000), (22_050, 16_000), (11_025, 16_000), (8_000, 16_000),
        (32_000, 16_000), (96_000, 16_000), (192_000, 16_000), (44_101, 16_000),
    ]

    /// Passband: gain within ±0.05 dB (ripple ≤ 0.1 dB) from 50 Hz to the passband edge
    /// (0.45 × min rate: 7.2 kHz at 16 kHz output; upsampling 0.49 × input rate: 3.92 kHz from 8 kHz), and the residual (aliases, images, rounding)
    /// at least 80 dB below the tone.
    @Test(arguments: 0..<pairs.count)
    func passbandIsFlat(pairIndex: Int) {
        let (inRate, outRate) = Self.pairs[pairIndex]
        let design = ResamplerDesign(inputRate: inRate, outputRate: outRate)
        var lowest = Double.infinity, highest = -Double.infinity, worstResidual = -Double.infinity
        let steps = 24
        for s in 0...steps {
            let f = 50 + (design.passbandEdge - 50) * Double(s) / Double(steps)
            let x = SignalMeasurement.sine(frequency: f, rate: inRate, count: inRate / 4, phase: 0.3)
            let y = resampleAll(x, from: inRate, to: outRate)
            let trim = outRate / 40
            let fit = SignalMeasurement.fitTone(y, frequency: f, rate: outRate, range: trim..<(y.count - trim))
            let gain = 20 * log10(fit.amplitude)
            lowest = min(lowest, gain)
            highest = max(highest, gain)
            worstResidual = max(worstResidual, 20 * log10(fit.residualRMS * 2.squareRoot() / fit.amplitude))
        }
        if ProcessInfo.processInfo.environment["PARACUES_PRINT"] != nil { print("MEASURED \(inRate)→\(outRate) taps \(design.tapsPerPhase) gain \(lowest)…\(highest) dB residual \(worstResidual) dB") }
        #expect(highest - lowest <= 0.1, "ripple \(highest - lowest) dB for \(inRate)→\(outRate)")
        #expect(highest <= 0.05 && lowest >= -0.05, "gain \(lowest)…\(highest) dB for \(inRate)→\(outRate)")
        #expect(worstResidual <= -80, "residual \(worstResidual) dB for \(inRate)→\(outRate)")
    }

    /// Stopband: a tone between the stopband edge (the lower Nyquist frequency) and the input
    /// Nyquist frequency leaves at most −80 dB (RMS re the tone's RMS) in the output.
    @Test(arguments: 0..<pairs.count)
    func stopbandIsAttenuated(pairIndex: Int) {
        let (inRate, outRate) = Self.pairs[pairIndex]
        guard inRate > outRate else { return }  // upsampling has no input above the stopband edge
        let design = ResamplerDesign(inputRate: inRate, outputRate: outRate)
        let top = Double(inRate) / 2
        var worst = -Double.infinity
        let steps = 24
        for s in 0...steps {
            let f = design.stopbandEdge + (top - design.stopbandEdge) * (0.001 + 0.998 * Double(s) / Double(steps))
            let x = SignalMeasurement.sine(frequency: f, rate: inRate, count: inRate / 4, phase: 0.7)
            let y = resampleAll(x, from: inRate, to: outRate)
            let trim = outRate / 40
            let leak = SignalMeasurement.rms(y, range: trim..<(y.count - trim)) * 2.squareRoot()
            worst = max(worst, 20 * log10(max(leak, 1e-12)))
        }
        if ProcessInfo.processInfo.environment["PARACUES_PRINT"] != nil { print("MEASURED \(inRate)→\(outRate) stopband \(worst) dB") }
        #expect(worst <= -80, "aliasing \(worst) dB for \(inRate)→\(outRate)")
    }

    /// Upsampling images: an 8 kHz → 16 kHz tone at f leaves its image at 8000 − f at least 80 dB
    /// down (the residual after removing the tone holds the image).
    @Test func upsamplingImagesAreRejected() {
        var worst = -Double.infinity
        for f in stride(from: 100.0, through: 3_600, by: 250) {
            let x = SignalMeasurement.sine(frequency: f, rate: 8_000, count: 2_000)
            let y = resampleAll(x, from: 8_000, to: 16_000)
            #expect(y.count == 4_000)
            let image = SignalMeasurement.fitTone(y, frequency: 8_000 - f, rate: 16_000, range: 400..<3_600)
            worst = max(worst, 20 * log10(image.amplitude))
        }
        if ProcessInfo.processInfo.environment["PARACUES_PRINT"] != nil { print("MEASURED 8000→16000 image \(worst) dB") }
        #expect(worst <= -80, "image \(worst) dB")
    }

    /// Upsampling puts the cutoff on the input Nyquist frequency: an 8 kHz → 16 kHz tone at f near
    /// 4 kHz leaves a partial image at 8000 − f (just above 4 kHz); figures in `docs/input.md`. Checked:
    /// a tone at 0.49 × 8 kHz passes flat (±0.05 dB); a tone at 3 990 Hz and its image at 4 010 Hz
    /// share the input amplitude, H(f) + H(8000 − f) = 1 within 0.001 (half-band cutoff; measured
    /// −3.8 dB and −9.0 dB); a tone at 3 900 Hz (image at 4 100 Hz, beyond the 4 080 Hz stopband
    /// edge) leaves its image ≥ 80 dB down (measured −93 dB).
    @Test func upsamplingEdgeResponse() {
        func gain(_ f: Double, at g: Double) -> Double {
            let x = SignalMeasurement.sine(frequency: f, rate: 8_000, count: 4_000, phase: 0.3)
            let y = resampleAll(x, from: 8_000, to: 16_000)
            return 20 * log10(SignalMeasurement.fitTone(y, frequency: g, rate: 16_000, range: 800..<7_200).amplitude)
        }
        let edge = gain(3_920, at: 3_920), image3900 = gain(3_900, at: 4_100)
        let tone3990 = gain(3_990, at: 3_990), image3990 = gain(3_990, at: 4_010)
        if ProcessInfo.processInfo.environment["PARACUES_PRINT"] != nil {
            print("MEASURED 8000→16000 3920 Hz \(edge) dB, 3990 Hz \(tone3990) dB (image at 4010 Hz \(image3990) dB), image of 3900 Hz \(image3900) dB")
        }
        #expect(abs(edge) <= 0.05, "gain at 3 920 Hz \(edge) dB")
        #expect(image3900 <= -80, "image of 3 900 Hz \(image3900) dB")
        let sum = pow(10, tone3990 / 20) + pow(10, image3990 / 20)
        #expect(abs(sum - 1) <= 0.001 && tone3990 < -1 && image3990 < -1, "3 990 Hz \(tone3990) dB, image \(image3990) dB")
    }

    /// 8 kHz → 16 kHz is a half-band interpolator (cutoff on the input Nyquist frequency): every even
    /// output sample is the input sample at that instant, to Float rounding.
    @Test func twofoldUpsamplingKeepsInputSamples() {
        let x = SignalMeasurement.noise(count: 3_000, seed: 7)
        let y = resampleAll(x, from: 8_000, to: 16_000)
        var worst: Float = 0
        for n in 0..<x.count { worst = max(worst, abs(y[2 * n] - x[n])) }
        #expect(worst <= 1e-5, "even outputs differ from the input by up to \(worst)")
    }
}
