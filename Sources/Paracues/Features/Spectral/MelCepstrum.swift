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
struct MelCepstrum {
    static let bands = 26
    private var starts: [Int] = []
    private var weights: [[Float]] = []
    private var dct: [Float]  // 4 × 26
    private var energies: [Float]
    private var equalLoudness: [Float]

    init(binCount: Int, binHz: Double, bandwidth: Double) {
        func mel(_ f: Double) -> Double { 2595 * log10(1 + f / 700) }
        func hz(_ m: Double) -> Double { 700 * (pow(10, m / 2595) - 1) }
        let lo = mel(20), hi = mel(min(8000, bandwidth))
        let n = Self.bands
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
            weights.append(w)
        }
        var d = [Float](repeating: 0, count: 4 * n)
        for i in 1...4 {
            let lifter = 1 + 11 * sin(Double.pi * Double(i) / 22)
            for j in 0..<n {
                d[(i - 1) * n + j] = Float(sqrt(2 / Double(n)) * cos(Double.pi * Double(i) * (Double(j) + 0.5) / Double(n)) * lifter)
            }
        }
        dct = d
        energies = [Float](repeating: 0, count: n)
        equalLoudness = (0..<n).map { b in
            let f = centres[b + 1], w2 = pow(2 * Double.pi * f, 2)
            let hermansky = (w2 + 56.8e6) * w2 * w2 / ((w2 + 6.3e6) * (w2 + 6.3e6) * (w2 + 0.38e9))
            return Float(hermansky / 0.17 / (1 + pow(f / 4605.88, 7)))
        }
    }

    /// MFCC 1–4 of a power spectrum |X|²; `scale` converts it to HTK's 16-bit convention (32768² for
    /// samples in ±1), so the log floor (band energy 1) sits where openSMILE's does.
    /// `loudnessScale` multiplies |X|² for the loudness (1 at the analysis rate's full band).
    mutating func coefficients(_ power: UnsafeBufferPointer<Float>, scale: Float, loudnessScale: Float)
        -> (mfcc: SIMD4<Float>, loudness: Float) {
        let n = Self.bands
        var loudness: Float = 0
        for b in 0..<n {
            var e: Float = 0
            let s = starts[b]
            weights[b].withUnsafeBufferPointer { w in
                for i in 0..<w.count { e += w[i] * power[s + i] }
            }
            energies[b] = logf(max(e * scale, 1))
            let v = equalLoudness[b] * e * loudnessScale
            if v > 0 { loudness += powf(v, 0.33) }
        }
        var out = SIMD4<Float>.zero
        for i in 0..<4 {
            var c: Float = 0
            for j in 0..<n { c += dct[i * n + j] * energies[j] }
            out[i] = c
        }
        return (out, loudness / Float(n))
    }
}
