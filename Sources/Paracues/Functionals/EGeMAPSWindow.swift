import Foundation

/// openSMILE's analysis windows (cWindower), as eGeMAPSv02 uses them: the symmetric form, whose end samples
/// mirror each other and whose centre lies between samples N/2 − 1 and N/2 for even N — not the DFT-even form
/// of ``WindowShape``. Identified on openSMILE's own levels: with these its 20 ms formant signal
/// (`gemapsv01b_outpR`) and 60 ms magnitude spectrum (`gemapsv01b_fftmagG60`) are reproduced to 3·10⁻⁷ and
/// 1·10⁻⁷ (relative); with the DFT-even forms only to 2–5·10⁻³ and 1–2·10⁻³.
enum EGeMAPSWindow {
    /// Hamming, 0.54 − 0.46 cos(2π t / (N − 1)), t = 0…N − 1 (`winFunc = hamming`). N ≥ 2.
    static func hamming(count n: Int) -> [Float] {
        (0..<n).map { Float(0.54 - 0.46 * cos(2 * Double.pi * Double($0) / Double(n - 1))) }
    }

    /// Gaussian, exp(−½ ((t − (N − 1)/2) / (σ (N − 1)/2))²), t = 0…N − 1 (`winFunc = gauss`, `sigma`). N ≥ 2.
    static func gaussian(count n: Int, sigma: Double) -> [Float] {
        let half = Double(n - 1) / 2
        return (0..<n).map { t in
            let z = (Double(t) - half) / (sigma * half)
            return Float(exp(-0.5 * z * z))
        }
    }
}
