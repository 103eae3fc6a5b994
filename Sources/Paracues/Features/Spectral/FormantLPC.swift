import Foundation
import ParacuesDSP

/// Formant frequencies and bandwidths as eGeMAPS v02 defines them (openSMILE cSpecResample → cLpc →
/// cFormantLpc, measured on openSMILE 3 / opensmile-python 2.6 and reproduced to per-frame r ≥ 0.99).
///
/// 1. "Resampling to 11 kHz": from the complex spectrum X of the 20 ms Hamming frame (bins of
///    31.25 Hz), the signal y(j) = 2 X₀ + 2 Σ_{k=1}^{109} Re(X_k e^{2πi k (j − 66)/352}), j = 0…219, is
///    formed: the frame band-limited to 0–3.41 kHz (bins 0–109, DC counted twice), sampled at 11 kHz,
///    delayed by 66 samples (6 ms) and cut to 220 samples (its last 6 ms are lost). These are the
///    measured properties of openSMILE's resampler, identified as a linear map from noise input.
/// 2. LPC order 11 by the autocorrelation method on y (no further window): Levinson–Durbin gives
///    A(z) = 1 + Σ a_k z^{−k}, continued when the prediction error turns ≤ 0 (openSMILE reports those
///    frames' roots too); only a zero or non-finite error leaves the frame without formants.
/// 3. Formants are the roots of z¹¹ − a₁z¹⁰ − … − a₁₁ (openSMILE reads the prediction coefficients
///    with the opposite sign convention): F = 11000·arg z / 2π, B = 11000·|ln |z|| / π, roots with
///    Im z > 0 and 50 < F < 5450 Hz, sorted by F; F1–F3 are the first three.
/// The same definition holds for any source rate (openSMILE uses p = 11 at 8 kHz too; the band above
/// the source bandwidth is empty either way).
///
/// - Complexity: one 352-point inverse FFT, 220×12 products, Levinson O(p²), ≤ 60 Durand–Kerner sweeps O(p²).
final class FormantLPC {
    static let order = 11
    static let rate = 11000.0
    static let length = 220
    static let delay = 66
    let order = FormantLPC.order
    private let keptBins: Int
    private let ifft: InverseRealFFT
    // Fixed-size state on unsafe buffers: no bounds or exclusivity checks in the per-frame loops.
    private let r: UnsafeMutableBufferPointer<Double>
    private let a: UnsafeMutableBufferPointer<Double>
    private let tmp: UnsafeMutableBufferPointer<Double>
    private let roots: UnsafeMutableBufferPointer<(re: Double, im: Double)>
    private var warm = false
    private var found: [(f: Double, b: Double)] = []
    /// The delayed, cut signal in reverse order, then `lanes − 1` zeros: `reversed[length − 1 − j] = cut[j]`.
    private let reversed: UnsafeMutableBufferPointer<Float>
    /// Lags accumulated at once by ``autocorrelate()`` (order + 1).
    private static let lanes = 12

    /// - Parameter binHz: bin spacing of the spectra passed to ``describe(_:into:)`` (31.25 Hz: 512 points at 16 kHz).
    init(binHz: Double) {
        // 110 bins of 31.25 Hz (0–3.41 kHz) onto a 352-point grid (11 kHz / 31.25 Hz).
        keptBins = Int((3437.5 / binHz).rounded())
        ifft = InverseRealFFT(size: Int((Self.rate / binHz).rounded()))
        r = .allocate(capacity: Self.order + 1)
        r.initialize(repeating: 0)
        a = .allocate(capacity: Self.order + 1)
        a.initialize(repeating: 0)
        tmp = .allocate(capacity: Self.order + 1)
        tmp.initialize(repeating: 0)
        roots = .allocate(capacity: Self.order)
        roots.initialize(repeating: (0, 0))
        reversed = .allocate(capacity: Self.length + Self.lanes - 1)
        reversed.initialize(repeating: 0)
        found.reserveCapacity(Self.order)
        coldStart()
    }

    deinit {
        r.deallocate(); a.deallocate(); tmp.deallocate(); roots.deallocate(); reversed.deallocate()
    }

    private func coldStart() {
        for i in 0..<order {
            let th = Double.pi * (Double(i) + 0.5) / Double(order) + 0.1
            roots[i] = (0.9 * cos(th), 0.9 * sin(th))
        }
    }

    /// Writes F1–F3 and their bandwidths into `frame` from the interleaved complex spectrum `spectrum`
    /// (nil when fewer are found or the frame is silent).
    func describe(_ spectrum: UnsafeBufferPointer<Float>, into frame: inout SpectralFrame) {
        frame.formantFrequency = (nil, nil, nil)
        frame.formantBandwidth = (nil, nil, nil)
        let input = ifft.input
        for i in 0..<input.count { input[i] = 0 }
        let kept = min(keptBins, spectrum.count / 2)
        for k in 0..<kept {
            let w: Float = k == 0 ? 2 : 1  // the inverse transform doubles k ≥ 1 itself
            input[2 * k] = spectrum[2 * k] * w
            input[2 * k + 1] = k == 0 ? 0 : spectrum[2 * k + 1]
        }
        ifft.transform()
        // The delayed, cut signal: cut[j] = y[(j − delay) mod n], j = 0..<length (stored reversed).
        let y = UnsafePointer(ifft.output.baseAddress!), n = ifft.size, q = reversed.baseAddress!
        let last = Self.length - 1
        for j in 0..<min(Self.delay, Self.length) { q[last - j] = y[j - Self.delay + n] }
        for j in Self.delay..<Self.length { q[last - j] = y[j - Self.delay] }
        autocorrelate()
        guard solve() else { return }
        func at(_ i: Int) -> (Float?, Float?) { i < found.count ? (Float(found[i].f), Float(found[i].b)) : (nil, nil) }
        let f1 = at(0), f2 = at(1), f3 = at(2)
        frame.formantFrequency = (f1.0, f2.0, f3.0)
        frame.formantBandwidth = (f1.1, f2.1, f3.1)
    }

    /// Formants (Hz, ascending) and bandwidths (Hz) from ``r``: Levinson, openSMILE's sign convention, roots
    /// with Im z > 0 and 50 < F < 5450 Hz, into ``found``. False when ``r`` is silent or the recursion breaks down.
    private func solve() -> Bool {
        found.removeAll(keepingCapacity: true)
        guard r[0] > 1e-20 else { return false }
        guard levinson() else { return false }
        for j in 1...order { a[j] = -a[j] }  // openSMILE's sign convention for the polynomial
        solveRoots()
        for z in roots where z.im > 0 {
            let f = atan2(z.im, z.re) * Self.rate / (2 * Double.pi)
            let mag = (z.re * z.re + z.im * z.im).squareRoot()
            let b = abs(log(max(mag, 1e-12))) * Self.rate / Double.pi
            if f > 50 && f < 5450 { found.append((f, b)) }
        }
        found.sort { $0.f < $1.f }
        return true
    }

    /// The formants the autocorrelation `lags` (lags 0…11 of the 11 kHz signal) gives, as ``describe(_:into:)``
    /// computes them after its own autocorrelation (for tests; allocates).
    func formants(autocorrelation lags: [Double]) -> [(f: Double, b: Double)] {
        for i in 0...order { r[i] = i < lags.count ? lags[i] : 0 }
        return solve() ? found : []
    }

    /// r[lag] = Σ_{j = lag}^{length − 1} cut[j]·cut[j − lag] for lags 0…order, all lags at once: lane l
    /// of the accumulator adds cut[j]·cut[j − l] for j = 0, 1, … in order — the same Float sums as one
    /// loop per lag (for j < l the lane adds cut[j]·0 = ±0 to +0, which leaves it +0).
    private func autocorrelate() {
        let q = UnsafeRawPointer(reversed.baseAddress!)
        // Lags 0–3, 4–7 and 8–11 (order 11) in three 4-lane accumulators.
        var s0 = SIMD4<Float>(repeating: 0), s1 = s0, s2 = s0
        let last = Self.length - 1
        for j in 0..<Self.length {
            // Lanes l: cut[j − l] = reversed[last − j + l] (zero past the signal's start).
            let at = 4 * (last - j)
            let c = SIMD4(repeating: reversed[last - j])
            s0 += c * q.loadUnaligned(fromByteOffset: at, as: SIMD4<Float>.self)
            s1 += c * q.loadUnaligned(fromByteOffset: at + 16, as: SIMD4<Float>.self)
            s2 += c * q.loadUnaligned(fromByteOffset: at + 32, as: SIMD4<Float>.self)
        }
        for l in 0..<4 { r[l] = Double(s0[l]); r[4 + l] = Double(s1[l]); r[8 + l] = Double(s2[l]) }
    }

    /// Levinson–Durbin: a[0] = 1, a[1…p] prediction-error filter coefficients.
    private func levinson() -> Bool {
        for i in 0...order { a[i] = 0 }
        a[0] = 1
        var err = r[0]
        for i in 1...order {
            var acc = r[i]
            for j in 1..<i { acc += a[j] * r[i - j] }
            let k = -acc / err
            for j in 0...i { tmp[j] = a[j] }
            for j in 1..<i { a[j] = tmp[j] + k * tmp[i - j] }
            a[i] = k
            err *= 1 - k * k
            // A prediction error ≤ 0 (|k| ≥ 1: the Float autocorrelation of a very peaky frame is not quite
            // positive definite) does not stop openSMILE: it reports the roots of the resulting polynomial
            // (measured: 7 voiced frames of the corpus where we had stopped, its formants within ≈ 5 % of
            // the continued recursion's). Only a zero or non-finite error ends the recursion.
            if err == 0 || !err.isFinite { return false }
        }
        return true
    }

    /// Durand–Kerner on z^p + a1 z^(p−1) + … + ap.
    private func solveRoots() {
        if !warm || roots.contains(where: { !$0.re.isFinite || !$0.im.isFinite }) { coldStart() }
        let n = Self.order
        for _ in 0..<60 {
            var change = 0.0
            for i in 0..<n {
                let z = roots[i]
                var pr = 1.0, pi = 0.0
                for j in 1...n { (pr, pi) = (pr * z.re - pi * z.im + a[j], pr * z.im + pi * z.re) }
                var dr = 1.0, di = 0.0
                for j in 0..<n where j != i {
                    let wr = z.re - roots[j].re, wi = z.im - roots[j].im
                    (dr, di) = (dr * wr - di * wi, dr * wi + di * wr)
                }
                let den = dr * dr + di * di
                guard den > 1e-300 else { continue }
                let qr = (pr * dr + pi * di) / den, qi = (pi * dr - pr * di) / den
                roots[i] = (z.re - qr, z.im - qi)
                change = max(change, abs(qr) + abs(qi))
            }
            if change < 1e-7 { break }  // |Δz| < 1e-7 ⇒ frequency error < 0.0002 Hz
        }
        warm = true
    }
}
