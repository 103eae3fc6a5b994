/// Analysis window shapes.
///
/// All windows are the symmetric-periodic ("DFT-even") form of length `n`: `w[t]` for `t = 0..<n`
/// with the peak at the centre sample `n/2`, so a window of even length is centred exactly on a sample,
/// which is what places frame `k` at time `k × hop`.
public enum WindowShape: Sendable, Hashable {
    /// Hann: `0.5 - 0.5 cos(2π t / n)`.
    case hann
    /// Hamming: `0.54 - 0.46 cos(2π t / n)`.
    case hamming
    /// Gaussian with standard deviation `sigma` × (n/2), as Praat's pitch analysis uses (sigma ≈ 0.4).
    case gaussian(sigma: Double)

    /// Returns the `n` coefficients of the window.
    ///
    /// - Parameter n: window length in samples, ≥ 1.
    /// - Complexity: O(n).
    public func coefficients(count n: Int) -> [Float] {
        precondition(n >= 1)
        let half = Double(n) / 2
        return (0..<n).map { t in
            let x = Double(t)
            switch self {
            case .hann: return Float(0.5 - 0.5 * _cos(2 * Double.pi * x / Double(n)))
            case .hamming: return Float(0.54 - 0.46 * _cos(2 * Double.pi * x / Double(n)))
            case .gaussian(let sigma):
                let z = (x - half) / (sigma * half)
                return Float(_exp(-0.5 * z * z))
            }
        }
    }
}
