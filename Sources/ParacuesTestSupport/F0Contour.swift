/// How the intended fundamental frequency of a voiced segment moves over time.
///
/// ``f0(at:duration:)`` gives the *intended* f0 in Hz at a time (seconds) from the start of the
/// segment; it is the ground truth reported per frame. Period-to-period jitter and the alternation
/// of creaky voice perturb the actual pulse periods around it (see ``VoiceSource``).
public enum F0Contour: Sendable, Hashable {
    /// A constant f0 in Hz.
    case constant(Double)
    /// f0 moving linearly in Hz from `from` to `to` over the segment.
    case linearGlide(from: Double, to: Double)
    /// f0 moving linearly in log-frequency (constant semitones per second) from `from` to `to`.
    case exponentialGlide(from: Double, to: Double)
    /// Sinusoidal vibrato around `base` Hz: `base · 2^(depthCents/1200 · sin(2π rate t))`,
    /// `rate` in Hz, `depthCents` the peak deviation in cents.
    case vibrato(base: Double, rate: Double, depthCents: Double)

    /// Intended f0 in Hz at `time` seconds into a segment lasting `duration` seconds.
    public func f0(at time: Double, duration: Double) -> Double {
        let x = duration > 0 ? min(max(time / duration, 0), 1) : 0
        switch self {
        case .constant(let f): return f
        case .linearGlide(let a, let b): return a + (b - a) * x
        case .exponentialGlide(let a, let b): return a * _pow(b / a, x)
        case .vibrato(let base, let rate, let depth):
            return base * _pow(2, depth / 1200 * _sin(2 * Double.pi * rate * time))
        }
    }
}
