import Foundation

/// MFCC 1–4 as eGeMAPS computes them (openSMILE cMelspec + cMfcc, HTK-compatible): 26 triangular
/// mel filters, linear on the HTK mel scale 2595 log10(1 + f/700), from 20 Hz to min(8 kHz, source bandwidth) on the
/// power spectrum, natural log of each band energy (floored), DCT-II with √(2/26) normalisation and
/// sinusoidal liftering with L = 22. Precomputed weights; O(bins + 26·4) per frame.
///
/// The same 26 band energies give eGeMAPS's loudness (openSMILE cMelspec → cPlp with `doAud` → mean of
/// the bands, `Loudness` in eGeMAPS): L = (1/26) Σ_b (E(f_b) · e_b)^0.33, e_b = Σ_k w_bk |X_k|² of samples
/// in ±1, f_b the band's centre, and the equal-loudness weight
/// E(f) = [(ω² + 56.8·10⁶) ω⁴ / ((ω² + 6.3·10⁶)² (ω² + 0.38·10⁹))] / 0.17 / (1 + (f / 4605.88 Hz)⁷), ω = 2πf
/// (Hermansky 1990's curve; the 1/0.17 gain and the high-frequency roll-off are measured from openSMILE's
/// auditory spectrum, exact to 10⁻⁶ at all 26 band centres). Per-frame agreement with openSMILE's
/// `Loudness_sma3`: ratio 1.000 ± 0.002, r = 0.99998.
///
/// Immutable after `init`; the tables live in unsafe buffers so that the per-frame loops carry no
/// bounds or exclusivity checks.
final class MelCepstrum {
    static let bands = 26
    /// First bin of each band.
    private let starts: UnsafeMutableBufferPointer<Int>
    /// Where each band's weights start in ``weights`` (`bands + 1` offsets).
    private let offsets: UnsafeMutableBufferPointer<Int>
    /// Every band's triangle weights, one band after the other.
    private let weights: UnsafeMutableBufferPointer<Float>
    /// Column b of the lifted DCT: its coefficients for MFCC 1–4, applied to log energy b.
    private let dctColumns: UnsafeMutableBufferPointer<SIMD4<Float>>
    private let equalLoudness: UnsafeMutableBufferPointer<Float>

    init(binCount: Int, binHz: Double, bandwidth: Double) {
        func mel(_ f: Double) -> Double { 2595 * log10(1 + f / 700) }
        func hz(_ m: Double) -> Double { 700 * (pow(10, m / 2595) - 1) }
        let lo = mel(20), hi = mel(min(8000, bandwidth))
        let n = Self.bands
        var starts: [Int] = [], offsets = [0], weights: [Float] = []
        let centres = (0..<(n + 2)).map { hz(lo + (hi - lo) * Double($0) / Double(n + 1)) }
        for b in 0..<n {
            let l = centres[b], c = centres[b + 1], r = centres[b + 2]
            // HTK's lowest bin: ⌊20 Hz / binHz + 2.5⌋ (1-based), i.e. bin 2 (62.5 Hz) here — openSMILE skips
            // the 31.25 Hz bin in both its mel banks (band 0 then matches to 10⁻⁶).
            let lowest = Int(20 / binHz + 2.5) - 1
            let first = max(lowest, Int((l / binHz).rounded(.up))), last = min(binCount - 1, Int((r / binHz).rounded(.down)))
            var w: [Float] = []
            if first <= last {
                for k in first...last {
                    // Triangles linear on the mel scale (HTK; openSMILE's band energies match to 10⁻³).
                    let m = mel(Double(k) * binHz), ml = mel(l), mc = mel(c), mr = mel(r)
                    w.append(Float(max(0, m <= mc ? (m - ml) / (mc - ml) : (mr - m) / (mr - mc))))
                }
            }
            starts.append(first)
            weights += w
            offsets.append(weights.count)
        }
        var d = [Float](repeating: 0, count: 4 * n)  // row i − 1: MFCC i
        for i in 1...4 {
            let lifter = 1 + 11 * sin(Double.pi * Double(i) / 22)
            for j in 0..<n {
                d[(i - 1) * n + j] = Float(sqrt(2 / Double(n)) * cos(Double.pi * Double(i) * (Double(j) + 0.5) / Double(n)) * lifter)
            }
        }
        self.starts = Self.copy(starts)
        self.offsets = Self.copy(offsets)
        self.weights = Self.copy(weights)
        dctColumns = Self.copy((0..<n).map { j in SIMD4(d[j], d[n + j], d[2 * n + j], d[3 * n + j]) })
        equalLoudness = Self.copy((0..<n).map { b in
            let f = centres[b + 1], w2 = pow(2 * Double.pi * f, 2)
            let hermansky = (w2 + 56.8e6) * w2 * w2 / ((w2 + 6.3e6) * (w2 + 6.3e6) * (w2 + 0.38e9))
            return Float(hermansky / 0.17 / (1 + pow(f / 4605.88, 7)))
        })
    }

    deinit {
        starts.deallocate(); offsets.deallocate(); weights.deallocate(); dctColumns.deallocate()
        equalLoudness.deallocate()
    }

    private static func copy<T>(_ values: [T]) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, values.count))
        _ = buffer.initialize(from: values)
        return buffer
    }

    /// MFCC 1–4 of a power spectrum |X|²; `scale` converts it to HTK's 16-bit convention (32768² for
    /// samples in ±1), so the log floor (band energy 1) sits where openSMILE's does.
    /// `loudnessScale` multiplies |X|² for the loudness (1 at the analysis rate's full band).
    func coefficients(_ power: UnsafeBufferPointer<Float>, scale: Float, loudnessScale: Float)
        -> (mfcc: SIMD4<Float>, loudness: Float) {
        let n = Self.bands
        let p = power.baseAddress!, w = weights.baseAddress!, starts = starts.baseAddress!
        let offsets = offsets.baseAddress!, dct = dctColumns.baseAddress!, equal = equalLoudness.baseAddress!
        var loudness: Float = 0
        var out = SIMD4<Float>.zero
        for b in 0..<n {
            var e: Float = 0
            let band = w + offsets[b], bins = p + starts[b], count = offsets[b + 1] - offsets[b]
            for i in 0..<count { e += band[i] * bins[i] }
            // Lane i adds dct[i][b] · log E_b for b = 0, 1, … in order: the same sums as one loop
            // per coefficient over the stored log energies.
            out += dct[b] * logf(max(e * scale, 1))
            let v = equal[b] * e * loudnessScale
            if v > 0 { loudness += powf(v, 0.33) }
        }
        return (out, loudness / Float(n))
    }
}
