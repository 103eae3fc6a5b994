import Foundation

/// A synthetic sustained vowel with known period-to-period jitter, amplitude shimmer and
/// harmonics-to-noise ratio, for checking voice-quality measures against ground truth.
///
/// Construction: a train of Rosenberg glottal flow pulses (opening 40 %, closing 16 % of each period),
/// differentiated analytically (lip radiation) and rendered at exact fractional pulse times, each
/// period's length drawn as `T0 · (1 + jitter · g)` and its amplitude as `1 + shimmer · g` (g standard
/// normal, deterministic seed), passed through three two-pole formant resonators (/a/-like:
/// 700/1220/2600 Hz, bandwidths 80/90/120 Hz). White Gaussian "aspiration" noise is then added at the
/// power that gives the requested HNR relative to the harmonic part.
///
/// The truth is measured on what was generated, with Praat's definitions: ``trueJitterLocal`` is the
/// mean absolute difference of consecutive periods over the mean period, ``trueShimmerLocal`` the mean
/// absolute difference of consecutive pulse amplitudes over the mean amplitude, ``trueHNRdB`` the
/// realised harmonic-to-noise power ratio in dB.
public struct SustainedVowel: Sendable {
    /// The samples (mono), peak-normalised to 0.5.
    public let samples: [Float]
    /// Sample rate, Hz.
    public let sampleRate: Double
    /// Exact glottal closure instants (period marks), seconds; period i is `pulseTimes[i+1] − pulseTimes[i]`
    /// and its pulse has amplitude factor i.
    public let pulseTimes: [Double]
    /// Realised jitter (local) as a fraction (0.01 = 1 %).
    public let trueJitterLocal: Double
    /// Realised shimmer (local) as a fraction.
    public let trueShimmerLocal: Double
    /// Realised shimmer (local, dB): mean |20 log10(A_{i+1}/A_i)|.
    public let trueShimmerLocalDB: Double
    /// Realised harmonics-to-noise ratio, dB (infinite when no noise is added).
    public let trueHNRdB: Double

    /// Generates the vowel.
    /// - Parameters:
    ///   - f0: mean fundamental frequency, Hz (50…500).
    ///   - duration: seconds.
    ///   - jitter: relative standard deviation of the period (0.01 = 1 %).
    ///   - shimmer: relative standard deviation of the pulse amplitude.
    ///   - hnrDB: harmonics-to-noise ratio in dB; `.infinity` for no noise.
    ///   - sampleRate: Hz.
    ///   - seed: random seed (deterministic output for a seed).
    public init(f0: Double, duration: Double, jitter: Double, shimmer: Double, hnrDB: Double,
                sampleRate: Double = 16_000, seed: UInt64 = 1) {
        var rng = VowelNoiseSource(seed: seed)
        let n = Int(duration * sampleRate)
        var excitation = [Double](repeating: 0, count: n)
        var times: [Double] = []
        var amps: [Double] = []
        // Marks are glottal closure instants: the pulse of period P_i (t_i → t_{i+1}) opens at
        // t_{i+1} − 0.56 P_i and closes exactly at t_{i+1}, so mark differences are the periods.
        var t = 0.004
        let t0 = 1 / f0
        times.append(t)
        while t < duration {
            let period = t0 * max(0.5, 1 + jitter * rng.nextGaussian())
            let amp = max(0.2, 1 + shimmer * rng.nextGaussian())
            let closure = t + period
            guard closure < duration else { break }
            times.append(closure)
            amps.append(amp)
            let tp = 0.40 * period, tn = 0.16 * period
            let open = closure - tp - tn
            let first = Int((open * sampleRate).rounded(.up)), last = min(n - 1, Int(closure * sampleRate))
            if first <= last {
                for i in first...last {
                    let u = Double(i) / sampleRate - open
                    let d: Double
                    if u <= tp { d = 0.5 * Double.pi / tp * sin(Double.pi * u / tp) }
                    else { d = -Double.pi / (2 * tn) * sin(Double.pi * (u - tp) / (2 * tn)) }
                    excitation[i] += amp * d * period * 0.1
                }
            }
            t = closure
        }
        // Formant filtering (two-pole resonators in cascade).
        var voiced = excitation
        for (fc, bw) in [(700.0, 80.0), (1220.0, 90.0), (2600.0, 120.0)] {
            let r = exp(-Double.pi * bw / sampleRate)
            let a1 = 2 * r * cos(2 * Double.pi * fc / sampleRate), a2 = -r * r
            let g = 1 - a1 - a2
            var y1 = 0.0, y2 = 0.0
            for i in 0..<n {
                let y = g * voiced[i] + a1 * y1 + a2 * y2
                voiced[i] = y; y2 = y1; y1 = y
            }
        }
        let harmonicPower = voiced.reduce(0) { $0 + $1 * $1 } / Double(max(n, 1))
        var noise = [Double](repeating: 0, count: n)
        var noisePower = 0.0
        if hnrDB.isFinite {
            for i in 0..<n { noise[i] = rng.nextGaussian() }
            let raw = noise.reduce(0) { $0 + $1 * $1 } / Double(max(n, 1))
            let scale = sqrt(harmonicPower / pow(10, hnrDB / 10) / raw)
            for i in 0..<n { noise[i] *= scale }
            noisePower = noise.reduce(0) { $0 + $1 * $1 } / Double(max(n, 1))
        }
        var mixed = (0..<n).map { voiced[$0] + noise[$0] }
        let peak = mixed.reduce(0) { max($0, abs($1)) }
        if peak > 0 { for i in 0..<n { mixed[i] *= 0.5 / peak } }
        samples = mixed.map { Float($0) }
        self.sampleRate = sampleRate
        pulseTimes = times
        var periods: [Double] = []
        for i in 1..<max(1, times.count) { periods.append(times[i] - times[i - 1]) }
        trueJitterLocal = Self.localPerturbation(periods)
        trueShimmerLocal = Self.localPerturbation(amps)
        var db = 0.0
        for i in 1..<max(1, amps.count) { db += abs(20 * log10(amps[i] / amps[i - 1])) }
        trueShimmerLocalDB = amps.count > 1 ? db / Double(amps.count - 1) : 0
        trueHNRdB = noisePower > 0 ? 10 * log10(harmonicPower / noisePower) : .infinity
    }

    /// Mean absolute consecutive difference over the mean (Praat's "local" perturbation).
    public static func localPerturbation(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        var diff = 0.0
        for i in 1..<values.count { diff += abs(values[i] - values[i - 1]) }
        let mean = values.reduce(0, +) / Double(values.count)
        return diff / Double(values.count - 1) / mean
    }
}

/// A small deterministic random generator (VowelNoiseSource) with a Gaussian draw.
struct VowelNoiseSource: Sendable {
    private var state: UInt64
    /// Creates a generator from a seed.
    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    /// Next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in (0, 1).
    public mutating func nextUniform() -> Double { (Double(next() >> 11) + 0.5) / Double(1 << 53) }
    /// Standard normal (Box–Muller).
    public mutating func nextGaussian() -> Double {
        let u1 = nextUniform(), u2 = nextUniform()
        return sqrt(-2 * log(u1)) * cos(2 * Double.pi * u2)
    }
}
