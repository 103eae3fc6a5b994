import Foundation

/// Deterministic noise and mixing helpers for detector tests.
public struct NonVerbalNoise: Sendable {
    private var state: UInt64

    /// A generator with a fixed `seed` (same seed, same sequence on every platform).
    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    /// Next uniform value in [0, 1) (SplitMix64).
    public mutating func uniform() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }

    /// Next standard normal value (Box–Muller).
    public mutating func gaussian() -> Double {
        let u = max(uniform(), 1e-300), v = uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// Adds white Gaussian noise to `signal` so that the ratio of the mean power of the signal's
    /// active samples (|x| > 0.1 % of peak) to the noise power is `snrDB`.
    public mutating func addWhiteNoise(to signal: inout [Float], snrDB: Double) {
        let peak = signal.reduce(Float(0)) { max($0, abs($1)) }
        var power = 0.0, count = 0
        for x in signal where abs(x) > peak * 1e-3 { power += Double(x) * Double(x); count += 1 }
        guard count > 0 else { return }
        let sigma = (power / Double(count) / pow(10, snrDB / 10)).squareRoot()
        for i in signal.indices { signal[i] += Float(sigma * gaussian()) }
    }
}
