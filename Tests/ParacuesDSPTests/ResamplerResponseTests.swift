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
    /// (0.45 × min rate: 7.2 kHz at 16 kHz output), and the residual (aliases, images, rounding)
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
}
