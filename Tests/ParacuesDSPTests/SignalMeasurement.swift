import Foundation

/// Deterministic test signals and least-squares tone measurement (Double precision), shared by the
/// DSP kernel tests.
enum SignalMeasurement {
    /// `amplitude × sin(2π f n / rate + phase)` for `n = 0..<count`, computed in Double.
    static func sine(frequency: Double, rate: Int, count: Int, amplitude: Double = 1, phase: Double = 0) -> [Float] {
        (0..<count).map { Float(amplitude * sin(2 * Double.pi * frequency * Double($0) / Double(rate) + phase)) }
    }

    /// Fits `a sin + b cos` at `frequency` to `y[range]` by least squares; returns the fitted
    /// amplitude and the RMS of what the tone does not explain.
    static func fitTone(_ y: [Float], frequency: Double, rate: Int, range: Range<Int>) -> (amplitude: Double, residualRMS: Double) {
        var ss = 0.0, cc = 0.0, sc = 0.0, ys = 0.0, yc = 0.0
        for n in range {
            let w = 2 * Double.pi * frequency * Double(n) / Double(rate)
            let s = sin(w), c = cos(w), v = Double(y[n])
            ss += s * s; cc += c * c; sc += s * c; ys += v * s; yc += v * c
        }
        let det = ss * cc - sc * sc
        let a = (ys * cc - yc * sc) / det
        let b = (yc * ss - ys * sc) / det
        var residual = 0.0
        for n in range {
            let w = 2 * Double.pi * frequency * Double(n) / Double(rate)
            let e = Double(y[n]) - a * sin(w) - b * cos(w)
            residual += e * e
        }
        return ((a * a + b * b).squareRoot(), (residual / Double(range.count)).squareRoot())
    }

    /// RMS of `y[range]` in Double.
    static func rms(_ y: [Float], range: Range<Int>) -> Double {
        (range.reduce(0.0) { $0 + Double(y[$1]) * Double(y[$1]) } / Double(range.count)).squareRoot()
    }

    /// Uniform noise in [−1, 1) from a 64-bit LCG (Knuth MMIX constants), reproducible.
    static func noise(count: Int, seed: UInt64) -> [Float] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Double(state >> 11) / Double(1 << 53) * 2 - 1)
        }
    }

    /// Chunk sizes in 1…`maximum` from an LCG, summing to at least `total`.
    static func chunkSizes(total: Int, maximum: Int, seed: UInt64) -> [Int] {
        var state = seed, sizes: [Int] = [], sum = 0
        while sum < total {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let size = sum == 0 ? 1 : Int(state >> 33) % maximum + 1
            sizes.append(size)
            sum += size
        }
        return sizes
    }
}
