import Foundation
import ParacuesDSP

/// Formant frequencies and bandwidths by linear prediction (after openSMILE cLpc + cFormantLpc in
/// eGeMAPS: the spectrum is band-limited to 0–5.5 kHz, i.e. resampled to 11 kHz, LPC order 11 by the
/// autocorrelation method, formants = roots of A(z) in 50–5450 Hz).
///
/// The autocorrelation of the band-limited signal is the inverse FFT of the power spectrum bins up
/// to 5.5 kHz (or the source bandwidth, with the order reduced in proportion: 8 at 4 kHz). Roots are
/// found by Durand–Kerner iteration started from the previous frame's roots (cold start: a circle of
/// radius 0.9). A root z gives F = fs·arg(z)/2π and B = −fs·ln|z|/π.
///
/// - Complexity: one inverse FFT of 2·bins points, Levinson O(p²), ≤ 60 Durand–Kerner sweeps O(p²).
final class FormantLPC {
    let order: Int
    let rate: Double
    private let bins: Int
    private let ifft: InverseRealFFT
    private var r: [Double]
    private var a: [Double]
    private var tmp: [Double]
    private var roots: [(re: Double, im: Double)]
    private var warm = false
    private var found: [(f: Double, b: Double)] = []

    init(binHz: Double, binCount: Int, bandwidth: Double) {
        let top = min(5500, bandwidth)
        bins = min(binCount - 1, Int(top / binHz))
        rate = 2 * Double(bins) * binHz
        order = max(6, Int((11 * top / 5500).rounded()))
        ifft = InverseRealFFT(size: 2 * bins)
        r = [Double](repeating: 0, count: order + 1)
        a = [Double](repeating: 0, count: order + 1)
        tmp = [Double](repeating: 0, count: order + 1)
        roots = []
        found.reserveCapacity(order)
        coldStart()
    }

    private func coldStart() {
        roots = (0..<order).map { i in
            let th = Double.pi * (Double(i) + 0.5) / Double(order) + 0.1
            return (0.9 * cos(th), 0.9 * sin(th))
        }
    }

    /// Writes F1–F3 and their bandwidths into `frame` from `power` (nil when fewer are found).
    func describe(_ power: UnsafeBufferPointer<Float>, into frame: inout SpectralFrame) {
        let input = ifft.input
        for k in 0...bins {
            input[2 * k] = k == 0 || k == bins ? 0 : power[k]  // drop DC and the band edge
            input[2 * k + 1] = 0
        }
        ifft.transform()
        let out = ifft.output
        guard out[0] > 0 else { frame.formantFrequency = (nil, nil, nil); frame.formantBandwidth = (nil, nil, nil); return }
        for i in 0...order { r[i] = Double(out[i]) }
        r[0] *= 1 + 1e-9
        guard levinson() else { return }
        solveRoots()
        found.removeAll(keepingCapacity: true)
        for z in roots where z.im > 0 {
            let f = atan2(z.im, z.re) * rate / (2 * Double.pi)
            let mag = (z.re * z.re + z.im * z.im).squareRoot()
            let b = -log(max(mag, 1e-9)) * rate / Double.pi
            if f > 50 && f < min(5450, rate / 2 - 50) && b > 0 { found.append((f, b)) }
        }
        found.sort { $0.f < $1.f }
        func at(_ i: Int) -> (Float?, Float?) { i < found.count ? (Float(found[i].f), Float(found[i].b)) : (nil, nil) }
        let f1 = at(0), f2 = at(1), f3 = at(2)
        frame.formantFrequency = (f1.0, f2.0, f3.0)
        frame.formantBandwidth = (f1.1, f2.1, f3.1)
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
            if err <= 0 || !err.isFinite { return false }
        }
        return true
    }

    /// Durand–Kerner on z^p + a1 z^(p−1) + … + ap.
    private func solveRoots() {
        if !warm || roots.contains(where: { !$0.re.isFinite || !$0.im.isFinite }) { coldStart() }
        for _ in 0..<60 {
            var change = 0.0
            for i in 0..<order {
                let z = roots[i]
                var pr = 1.0, pi = 0.0
                for j in 1...order { (pr, pi) = (pr * z.re - pi * z.im + a[j], pr * z.im + pi * z.re) }
                var dr = 1.0, di = 0.0
                for j in 0..<order where j != i {
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
