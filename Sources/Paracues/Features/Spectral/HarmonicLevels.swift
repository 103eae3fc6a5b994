import Foundation
import ParacuesDSP

/// Harmonic levels from a 60 ms Gaussian-windowed spectrum (σ = 0.4, as eGeMAPS's pitch-related
/// branch), for H1−H2, H1−A3 and the formant amplitudes relative to H1.
///
/// The 60 ms of samples centred on each frame are kept in a ring until the frame's f0 is decided;
/// only a voiced frame's are then windowed and transformed (power spectrum, 513 bins, and its
/// autocorrelation), since unvoiced frames have no harmonics (eGeMAPS reports its −201 dB floor for
/// them, set downstream). The level of harmonic h is the largest bin within ±10 % of h·f0, refined by
/// a parabola through the magnitudes (not dB) of the peak bin and its neighbours, as openSMILE's cHarmonics;
/// each level is computed once
/// per frame.
/// - Complexity: one 960-sample copy per frame; one 1024-point FFT and inverse FFT per voiced frame,
///   O(harmonics) at completion.
final class HarmonicLevels {
    static let ringSize = 128
    let windowLength: Int
    private let fft = RealFFT(size: 1024)
    private let window: [Float]
    private let binHz: Double
    private let sampleRate: Double
    private let bins = 513
    private let bandwidth: Double
    /// Raw (unwindowed) samples of each pending frame, `windowLength` per slot, zero beyond the
    /// samples given.
    private let ring: UnsafeMutableBufferPointer<Float>
    private var ringIndex = [Int](repeating: -1, count: HarmonicLevels.ringSize)
    /// Power spectrum of the frame being completed.
    private let power: UnsafeMutableBufferPointer<Float>
    private let ifft = InverseRealFFT(size: 1024)
    /// Lags of the normalised autocorrelation searched for the ACF HNR (up to 400).
    private let acfLags = 400
    /// Level (dB) of harmonic h of the frame being completed, valid where `levelStamp[h]` is `stamp`.
    private let levels: UnsafeMutableBufferPointer<Float>
    private let levelStamp: UnsafeMutableBufferPointer<Int>
    /// Level (dB) of the peak at each bin of the frame being completed, valid where `peakStamp[k]` is `stamp`.
    private let peakLevels: UnsafeMutableBufferPointer<Float>
    private let peakStamp: UnsafeMutableBufferPointer<Int>
    private var stamp = 0
    /// The last range ``firstPeak(_:_:_:)`` searched, and its result.
    private var lastScan = (stamp: -1, lo: 0, hi: 0, best: 0)

    init(sampleRate: Double, bandwidth: Double) {
        windowLength = Int(0.060 * sampleRate)
        window = EGeMAPSWindow.gaussian(count: windowLength, sigma: 0.4)  // openSMILE's symmetric form
        binHz = sampleRate / 1024
        self.sampleRate = sampleRate
        self.bandwidth = bandwidth
        // Not zeroed (480 kB): a slot is read only after ``analyze(index:samples:)`` has filled it
        // (``ringIndex`` says which frame it holds).
        ring = .allocate(capacity: Self.ringSize * windowLength)
        power = .allocate(capacity: bins)
        power.initialize(repeating: 0)
        levels = .allocate(capacity: Self.maximumHarmonics)
        levels.initialize(repeating: 0)
        levelStamp = .allocate(capacity: Self.maximumHarmonics)
        levelStamp.initialize(repeating: -1)
        peakLevels = .allocate(capacity: bins)
        peakLevels.initialize(repeating: 0)
        peakStamp = .allocate(capacity: bins)
        peakStamp.initialize(repeating: -1)
    }

    deinit {
        ring.deallocate(); power.deallocate()
        levels.deallocate(); levelStamp.deallocate(); peakLevels.deallocate(); peakStamp.deallocate()
    }

    /// Harmonic numbers memoised per frame (higher ones, f0 below bandwidth / 256, are recomputed).
    private static let maximumHarmonics = 256

    /// Keeps the 60 ms of samples centred on frame `index` (``windowLength``, fewer if `samples` is shorter).
    func analyze(index: Int, samples: UnsafeBufferPointer<Float>) {
        let n = min(windowLength, samples.count)
        let offset = (samples.count - n) / 2
        let slot = ring.baseAddress! + (index % Self.ringSize) * windowLength
        slot.update(from: samples.baseAddress! + offset, count: n)
        if n < windowLength { (slot + n).update(repeating: 0, count: windowLength - n) }
        ringIndex[index % Self.ringSize] = index
    }

    /// Windows and transforms the kept samples of `slot`: ``power`` and the inverse FFT of it
    /// (`ifft.output`, the unnormalised circular autocorrelation).
    private func transform(slot: Int) {
        let input = fft.input.baseAddress!
        let samples = ring.baseAddress! + slot * windowLength
        window.withUnsafeBufferPointer { w in
            for i in 0..<windowLength { input[i] = samples[i] * w[i] }
        }
        (input + windowLength).update(repeating: 0, count: fft.size - windowLength)
        fft.transform()
        let out = UnsafePointer(fft.output.baseAddress!), acfIn = ifft.input.baseAddress!, p = power.baseAddress!
        for k in 0..<bins {
            let v = out[2 * k] * out[2 * k] + out[2 * k + 1] * out[2 * k + 1]
            p[k] = v
            acfIn[2 * k] = v
            acfIn[2 * k + 1] = 0
        }
        ifft.transform()
        stamp += 1
    }

    /// Level (dB) of harmonic `h` in ``power``, nil when above the bandwidth; memoised per frame.
    private func level(f0: Double, harmonic h: Int) -> Float? {
        if h < Self.maximumHarmonics && levelStamp[h] == stamp {
            let v = levels[h]
            return v.isNaN ? nil : v
        }
        let v = computeLevel(f0: f0, harmonic: h)
        if h < Self.maximumHarmonics {
            levels[h] = v ?? .nan
            levelStamp[h] = stamp
        }
        return v
    }

    private func computeLevel(f0: Double, harmonic h: Int) -> Float? {
        let f = Double(h) * f0
        guard f < bandwidth - 0.1 * f0 else { return nil }
        let lo = max(1, Int((0.9 * f / binHz).rounded(.down))), hi = min(bins - 1, Int((1.1 * f / binHz).rounded(.up)))
        guard lo <= hi else { return nil }
        let p = UnsafePointer(power.baseAddress!)
        let best = firstPeak(p, lo, hi)
        // Neighbouring harmonics' ranges overlap above the 5th: the same peak bin gives the same level.
        if peakStamp[best] == stamp { return peakLevels[best] }
        let v = peakLevel(p, best)
        peakLevels[best] = v
        peakStamp[best] = stamp
        return v
    }

    /// The first bin of the largest power in `lo...hi`. Consecutive harmonics search ranges whose
    /// ends both move up; when the previous range's peak lies inside the new range, only the bins
    /// added at the top are scanned: bins below that peak in the old range are smaller than it, so the
    /// first maximum of the new range is that peak unless an added bin is larger (then the first of
    /// the largest added ones) — the same bin as a full scan.
    private func firstPeak(_ p: UnsafePointer<Float>, _ lo: Int, _ hi: Int) -> Int {
        var best = lo
        if lastScan.stamp == stamp, lo >= lastScan.lo, lastScan.best >= lo, hi >= lastScan.hi {
            best = lastScan.best
            if lastScan.hi < hi {
                var added = lastScan.hi + 1
                for k in added...hi where p[k] > p[added] { added = k }
                if p[added] > p[best] { best = added }
            }
        } else {
            for k in lo...hi where p[k] > p[best] { best = k }
        }
        lastScan = (stamp, lo, hi, best)
        return best
    }

    /// Level (dB) of the peak at bin `best`: the vertex of the parabola through the magnitudes |X| of the
    /// bin and its neighbours, 20 log10 of it — openSMILE's levels: from its own 60 ms spectra this gives its
    /// H1−H2 within 0.03 dB in 90–98 % of voiced frames (us_f_mid, de_f, us_f_slow at 16 kHz; 19–24 % with a
    /// parabola through the dB values, which is the better estimate of a Gaussian window's true peak).
    private func peakLevel(_ p: UnsafePointer<Float>, _ best: Int) -> Float {
        func db(_ m: Float) -> Float { m > 1e-10 ? 20 * log10f(m) : -200 }
        guard best > 0, best < bins - 1 else { return db(p[best].squareRoot()) }
        let ym = p[best - 1].squareRoot(), y0 = p[best].squareRoot(), yp = p[best + 1].squareRoot()
        let c = ym - 2 * y0 + yp
        guard c < 0 else { return db(y0) }
        let d = 0.5 * (ym - yp) / c
        return db(y0 - 0.25 * (ym - yp) * d)
    }

    /// Sets the ACF HNR, H1−H2, H1−A3 and formant amplitudes of a voiced frame.
    ///
    /// eGeMAPS (openSMILE cHarmonics) labels harmonics one place off: what it calls harmonic n is the
    /// spectral peak at (n + 1)·f0 (measured: on a synthetic tone with H1 −10 dB below H2 it reports
    /// "H1−H2" = H2 − H3; on speech this reading matches its values per frame with r = 0.99). So, with
    /// L'(n) = level at (n + 1)·f0: H1−H2 = L'(1) − L'(2); a formant's amplitude is the largest L'(n) over
    /// n·f0 within F ± B/2 (else L'(⌊F/f0⌋)) minus L'(1); A3 = L'(⌊F3/f0⌋), and without F3
    /// H1−A3 = −201 + max(0, L'(1) − L'(0)) (both identified on openSMILE's own spectra, docs/egemaps.md).
    /// - Parameter formants: F1–F3 and bandwidths of the 20 ms frame openSMILE pairs with this one
    ///   (the frame 20 ms earlier).
    func complete(_ frame: inout SpectralFrame, f0Hz: Float,
                  formants: (frequency: (Float?, Float?, Float?), bandwidth: (Float?, Float?, Float?))) {
        let slot = frame.index % Self.ringSize
        guard f0Hz > 0, ringIndex[slot] == frame.index else { return }
        let f0 = Double(f0Hz)
        transform(slot: slot)
        // HNR from the windowed frame's autocorrelation at the period (openSMILE cHarmonics
        // computeAcfHnrLogdB): best normalised ACF within ±3 % of T0, 10 log10(r / (1 − r)).
        let t0 = sampleRate / f0
        let lo = max(2, Int((0.97 * t0).rounded(.down))), hi = min(acfLags - 1, Int((1.03 * t0).rounded(.up)))
        if lo <= hi {
            let acf = UnsafePointer(ifft.output.baseAddress!), a0 = acf[0]
            var r: Float = -1
            for lag in lo...hi { r = max(r, a0 > 0 ? acf[lag] / a0 : 0) }
            let c = min(max(r, 1e-4), 1 - 1e-6)
            frame.hnrACF = 10 * log10f(c / (1 - c))
        }
        func shifted(_ n: Int) -> Float? { level(f0: f0, harmonic: n + 1) }
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
        // A3: openSMILE's harmonic ⌊F3/f0⌋ (its labelling: the peak at (⌊F3/f0⌋ + 1)·f0), whatever F3's
        // bandwidth — identified on its own 60 ms spectra and levels (us_f_mid_16k, 324 voiced frames:
        // per-frame r 0.93 with its H1−A3, mean 14.30 vs its 14.52 dB; the largest harmonic within F3 ± B3
        // gave r 0.70 and a mean 5 dB low).
        if let f3 = f.2 {
            if let a3 = shifted(max(1, Int((Double(f3) / f0).rounded(.down)))) { frame.h1MinusA3 = h1 - a3 }
        } else if let h0 = shifted(0) {
            // No third formant (openSMILE's F3 = 0: the LPC frame found fewer than three, or was silent): its
            // H1−A3 is then −201 + max(0, L'(1) − L'(0)) dB (its log floor; measured on 15 such voiced frames
            // in 4 files, 11 within 0.1 dB, the others where its harmonic peak picking differs from ours).
            frame.h1MinusA3 = -201 + max(0, h1 - h0)
        }
    }
}
