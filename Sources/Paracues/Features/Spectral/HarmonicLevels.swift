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

    /// Sets the ACF HNR, H1−H2, H1−A3 and formant amplitudes of a voiced frame.
    ///
    /// eGeMAPS (openSMILE cHarmonics) labels harmonics one place off: what it calls harmonic n is the
    /// spectral peak at (n + 1)·f0 (measured: on a synthetic tone with H1 −10 dB below H2 it reports
    /// "H1−H2" = H2 − H3; on speech this reading matches its values per frame with r = 0.99). So, with
    /// L'(n) = level at (n + 1)·f0: H1−H2 = L'(1) − L'(2); a formant's amplitude is the largest L'(n) over
    /// n·f0 within F ± B/2 (else L'(⌊F/f0⌋)) minus L'(1); A3 the largest L'(n) over n·f0 within F3 ± B3.
    /// - Parameter formants: F1–F3 and bandwidths of the 20 ms frame openSMILE pairs with this one
    ///   (the frame 20 ms earlier).
    func complete(_ frame: inout SpectralFrame, f0Hz: Float,
                  formants: (frequency: (Float?, Float?, Float?), bandwidth: (Float?, Float?, Float?))) {
        let slot = frame.index % Self.ringSize
        guard f0Hz > 0, ringIndex[slot] == frame.index else { return }
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
        func shifted(_ n: Int) -> Float? { level(slot, f0: f0, harmonic: n + 1) }
        guard let h1 = shifted(1) else { return }
        if let h2 = shifted(2) { frame.h1MinusH2 = h1 - h2 }
        func strongest(_ formant: Float?, _ bandwidth: Float?, halfWidth: Double, fallback: Bool) -> Float? {
            guard let fr = formant.map(Double.init) else { return nil }
            let b = Double(bandwidth ?? 0) * halfWidth
            let first = max(1, Int(((fr - b) / f0).rounded(.up))), last = Int(((fr + b) / f0).rounded(.down))
            var best: Float?
            if first <= last {
                for n in first...last { if let l = shifted(n) { best = max(best ?? -400, l) } }
            }
            if best == nil && fallback { best = shifted(max(1, Int((fr / f0).rounded(.down)))) }
            return best
        }
        let f = formants.frequency, b = formants.bandwidth
        frame.formantAmplitude = (strongest(f.0, b.0, halfWidth: 0.5, fallback: true).map { $0 - h1 },
                                  strongest(f.1, b.1, halfWidth: 0.5, fallback: true).map { $0 - h1 },
                                  strongest(f.2, b.2, halfWidth: 0.5, fallback: true).map { $0 - h1 })
        if let a3 = strongest(f.2, b.2, halfWidth: 1, fallback: true) { frame.h1MinusA3 = h1 - a3 }
    }
}
