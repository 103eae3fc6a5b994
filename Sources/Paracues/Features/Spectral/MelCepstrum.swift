import Foundation

/// MFCC 1–4 as eGeMAPS computes them (openSMILE cMelspec + cMfcc, HTK-compatible): 26 triangular
/// mel filters (HTK mel scale 2595 log10(1 + f/700)) from 20 Hz to min(8 kHz, source bandwidth) on the
/// power spectrum, natural log of each band energy (floored), DCT-II with √(2/26) normalisation and
/// sinusoidal liftering with L = 22. Precomputed weights; O(bins + 26·4) per frame.
struct MelCepstrum {
    static let bands = 26
    private var starts: [Int] = []
    private var weights: [[Float]] = []
    private var dct: [Float]  // 4 × 26
    private var energies: [Float]

    init(binCount: Int, binHz: Double, bandwidth: Double) {
        func mel(_ f: Double) -> Double { 2595 * log10(1 + f / 700) }
        func hz(_ m: Double) -> Double { 700 * (pow(10, m / 2595) - 1) }
        let lo = mel(20), hi = mel(min(8000, bandwidth))
        let n = Self.bands
        let centres = (0..<(n + 2)).map { hz(lo + (hi - lo) * Double($0) / Double(n + 1)) }
        for b in 0..<n {
            let l = centres[b], c = centres[b + 1], r = centres[b + 2]
            let first = max(0, Int((l / binHz).rounded(.up))), last = min(binCount - 1, Int((r / binHz).rounded(.down)))
            var w: [Float] = []
            if first <= last {
                for k in first...last {
                    let f = Double(k) * binHz
                    w.append(Float(f <= c ? (f - l) / (c - l) : (r - f) / (r - c)))
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
    }

    /// MFCC 1–4 of a power spectrum |X|²; `scale` converts it to HTK's 16-bit convention (32768² for
    /// samples in ±1), so the log floor (band energy 1) sits where openSMILE's does.
    mutating func coefficients(_ power: UnsafeBufferPointer<Float>, scale: Float) -> SIMD4<Float> {
        let n = Self.bands
        for b in 0..<n {
            var e: Float = 0
            let s = starts[b]
            weights[b].withUnsafeBufferPointer { w in
                for i in 0..<w.count { e += w[i] * power[s + i] }
            }
            energies[b] = logf(max(e * scale, 1))
        }
        var out = SIMD4<Float>.zero
        for i in 0..<4 {
            var c: Float = 0
            for j in 0..<n { c += dct[i * n + j] * energies[j] }
            out[i] = c
        }
        return out
    }
}
