import Foundation

/// Auditory loudness of one frame from its power spectrum.
///
/// Definition (after Hermansky 1990, PLP; the engine's own loudness — eGeMAPS `Loudness` is computed
/// separately, on openSMILE's mel bands, by `MelCepstrum` for the eGeMAPS front end): the power spectrum is integrated in critical bands spaced 0.5 Bark apart
/// (triangular on the Bark scale, 1 Bark wide at the base) from 50 Hz to the source bandwidth, each band
/// is weighted by the 40-phon equal-loudness curve approximation
/// `E(ω) = (ω² + 56.8e6) ω⁴ / ((ω² + 6.3e6)² (ω² + 0.38e9))`, compressed with exponent 0.33
/// (Stevens' power law), and the bands are summed. Units are arbitrary but fixed ("sone-like"):
/// doubling the sound pressure multiplies loudness by 2^0.66 ≈ 1.58.
///
/// - Complexity: O(bins) per frame; the weights are precomputed.
public struct AuditoryLoudness: Sendable {
    /// Band edges as (first bin, weights) per band.
    private let bandStart: [Int]
    private let bandWeights: [[Float]]

    /// - Parameters:
    ///   - fftSize: FFT length the power spectra come from.
    ///   - sampleRate: their sample rate in Hz.
    ///   - bandwidth: highest frequency (Hz) to integrate, ≤ sampleRate / 2.
    public init(fftSize: Int, sampleRate: Double, bandwidth: Double) {
        func bark(_ f: Double) -> Double { 6 * asinh(f / 600) }
        func hertz(_ z: Double) -> Double { 600 * sinh(z / 6) }
        let binHz = sampleRate / Double(fftSize)
        let bins = fftSize / 2 + 1
        let zLow = bark(50), zHigh = bark(min(bandwidth, sampleRate / 2))
        var starts: [Int] = [], weights: [[Float]] = []
        var zc = zLow + 0.5
        while zc + 0.5 <= zHigh + 1e-9 {
            let fc = hertz(zc)
            let w = 2 * Double.pi * fc
            let w2 = w * w
            let eq = (w2 + 56.8e6) * w2 * w2 / ((w2 + 6.3e6) * (w2 + 6.3e6) * (w2 + 0.38e9))
            let lo = Int((hertz(zc - 0.5) / binHz).rounded(.up)), hi = min(bins - 1, Int(hertz(zc + 0.5) / binHz))
            if lo <= hi {
                var band: [Float] = []
                for k in lo...hi {
                    let z = bark(Double(k) * binHz)
                    band.append(Float(max(0, 1 - abs(z - zc) / 0.5) * eq))
                }
                starts.append(lo)
                weights.append(band)
            }
            zc += 0.5
        }
        bandStart = starts
        bandWeights = weights
    }

    /// Loudness of a power spectrum already normalised to mean-square units per bin.
    public func loudness(power: UnsafeBufferPointer<Float>) -> Float {
        var total: Float = 0
        guard let p = power.baseAddress else { return 0 }
        for b in 0..<bandStart.count {
            // Through base pointers: no overflow check on `start + i` per bin.
            let bins = p + bandStart[b]
            var e: Float = 0
            bandWeights[b].withUnsafeBufferPointer { w in
                let weights = w.baseAddress!
                for i in 0..<w.count { e += weights[i] * bins[i] }
            }
            if e > 0 { total += powf(e, 0.33) }
        }
        return total
    }
}
