import Foundation
import ParacuesDSP

/// Harmonic levels from a 60 ms Gaussian-windowed spectrum (σ = 0.4, as eGeMAPS's pitch-related
/// branch), for H1−H2, H1−A3 and the formant amplitudes relative to H1.
///
/// The spectrum of each frame is computed when the frame is analysed and kept (power, 513 bins) in a
/// ring until its f0 is decided; the level of harmonic h is the largest bin within ±10 % of h·f0, refined by a parabola through the
/// dB values of the peak bin and its neighbours.
/// - Complexity: one 1024-point FFT per frame; O(harmonics) at completion.
final class HarmonicLevels {
    static let ringSize = 128
    let windowLength: Int
    private let fft = RealFFT(size: 1024)
    private let window: [Float]
    private let binHz: Double
    private let sampleRate: Double
    private let bins = 513
    private let bandwidth: Double
    private var ring: UnsafeMutableBufferPointer<Float>
    private var ringIndex = [Int](repeating: -1, count: HarmonicLevels.ringSize)
    private let ifft = InverseRealFFT(size: 1024)
    /// Normalised autocorrelation (lags 0..<acfLags) of each pending frame's 60 ms window.
    private let acfLags = 400
    private var acf: UnsafeMutableBufferPointer<Float>

    init(sampleRate: Double, bandwidth: Double) {
        windowLength = Int(0.060 * sampleRate)
        window = WindowShape.gaussian(sigma: 0.4).coefficients(count: windowLength)
        binHz = sampleRate / 1024
        self.sampleRate = sampleRate
        self.bandwidth = bandwidth
        ring = .allocate(capacity: Self.ringSize * bins)
        ring.initialize(repeating: 0)
        acf = .allocate(capacity: Self.ringSize * acfLags)
        acf.initialize(repeating: 0)
    }

    deinit { ring.deallocate(); acf.deallocate() }

    /// Stores the power spectrum and autocorrelation of frame `index` from the 60 ms of samples centred on it.
    func analyze(index: Int, samples: UnsafeBufferPointer<Float>) {
        let input = fft.input
        let n = min(windowLength, samples.count)
        let offset = (samples.count - n) / 2
        for i in 0..<n { input[i] = samples[offset + i] * window[i] }
        for i in n..<input.count { input[i] = 0 }
        fft.transform()
        let slot = index % Self.ringSize
        let base = slot * bins
        let out = fft.output
        let acfIn = ifft.input
        for k in 0..<bins {
            let p = out[2 * k] * out[2 * k] + out[2 * k + 1] * out[2 * k + 1]
            ring[base + k] = p
            acfIn[2 * k] = p
            acfIn[2 * k + 1] = 0
        }
        ifft.transform()
        let a0 = ifft.output[0]
        let acfBase = slot * acfLags
        for lag in 0..<acfLags { acf[acfBase + lag] = a0 > 0 ? ifft.output[lag] / a0 : 0 }
        ringIndex[slot] = index
    }

    /// Level (dB) of harmonic `h` of frame `index`, nil when the spectrum is gone or above bandwidth.
    private func level(_ slot: Int, f0: Double, harmonic h: Int) -> Float? {
        let f = Double(h) * f0
        guard f < bandwidth - 0.1 * f0 else { return nil }
        let lo = max(1, Int((0.9 * f / binHz).rounded(.down))), hi = min(bins - 1, Int((1.1 * f / binHz).rounded(.up)))
        guard lo <= hi else { return nil }
        let base = slot * bins
        var best = lo
        for k in lo...hi where ring[base + k] > ring[base + best] { best = k }
        func db(_ p: Float) -> Float { p > 1e-20 ? 10 * log10f(p) : -200 }
        // Parabolic interpolation of the dB peak (exact for a Gaussian window's main lobe).
        guard best > 0, best < bins - 1 else { return db(ring[base + best]) }
        let ym = db(ring[base + best - 1]), y0 = db(ring[base + best]), yp = db(ring[base + best + 1])
        let c = ym - 2 * y0 + yp
        guard c < 0 else { return y0 }
        let d = max(-0.5, min(0.5, 0.5 * (ym - yp) / c))
        return y0 - 0.25 * (ym - yp) * d
    }

    /// Sets H1−H2, H1−A3 and formant amplitudes of a voiced frame (formants must be set).
    func complete(_ frame: inout SpectralFrame, f0Hz: Float) {
        let slot = frame.index % Self.ringSize
        guard f0Hz > 0, ringIndex[slot] == frame.index, let h1 = level(slot, f0: Double(f0Hz), harmonic: 1)
        else { return }
        let f0 = Double(f0Hz)
        // HNR from the windowed frame's autocorrelation at the period (openSMILE cHarmonics
        // computeAcfHnrLogdB): best normalised ACF within ±3 % of T0, 10 log10(r / (1 − r)).
        let t0 = sampleRate / f0
        let lo = max(2, Int((0.97 * t0).rounded(.down))), hi = min(acfLags - 1, Int((1.03 * t0).rounded(.up)))
        if lo <= hi {
            var r: Float = -1
            for lag in lo...hi { r = max(r, acf[slot * acfLags + lag]) }
            let c = min(max(r, 1e-4), 1 - 1e-6)
            frame.hnrACF = 10 * log10f(c / (1 - c))
        }
        if let h2 = level(slot, f0: f0, harmonic: 2) { frame.h1MinusH2 = h1 - h2 }
        func near(_ formant: Float?) -> Float? {
            guard let f = formant else { return nil }
            return level(slot, f0: f0, harmonic: max(1, Int((Double(f) / f0).rounded()))).map { $0 - h1 }
        }
        frame.formantAmplitude = (near(frame.formantFrequency.0), near(frame.formantFrequency.1),
                                  near(frame.formantFrequency.2))
        if let f3 = frame.formantFrequency.2 {
            let b3 = Double(frame.formantBandwidth.2 ?? 200)
            let lo = max(1, Int(((Double(f3) - max(b3, f0)) / f0).rounded(.up)))
            let hi = Int(((Double(f3) + max(b3, f0)) / f0).rounded(.down))
            var a3: Float?
            if lo <= hi {
                for h in lo...hi { if let l = level(slot, f0: f0, harmonic: h) { a3 = max(a3 ?? -200, l) } }
            }
            if let a3 { frame.h1MinusA3 = h1 - a3 }
        }
    }
}
