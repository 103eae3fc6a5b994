/// Phonation type of a voiced segment: shapes the glottal pulse and, for creak, the period pattern.
public enum VoiceQuality: Sendable, Hashable {
    /// Modal voice: Rosenberg pulse opening over 40 % and closing over 16 % of the period.
    case modal
    /// Breathy voice: long, smooth pulse (opening 50 %, closing 32 % of the period, no complete
    /// closure abruptness) and wider formant bandwidths (× 1.6). Pair it with a low HNR (≈ 5–10 dB).
    case breathy
    /// Creaky voice (vocal fry): short pulse (opening 30 %, closing 10 %), and successive periods
    /// alternately lengthened and shortened by `alternation` (relative, e.g. 0.08 = ±8 %) with
    /// amplitudes alternating by ±`alternation` × 2. Use with a low f0 (≈ 40–70 Hz) and some jitter.
    case creaky(alternation: Double)

    /// (opening, closing) fractions of the period of the Rosenberg pulse.
    var pulsePhases: (open: Double, close: Double) {
        switch self {
        case .modal: return (0.40, 0.16)
        case .breathy: return (0.50, 0.32)
        case .creaky: return (0.30, 0.10)
        }
    }

    /// Multiplier of formant bandwidths.
    var bandwidthScale: Double {
        if case .breathy = self { return 1.6 }
        return 1
    }
}

/// The glottal excitation of a voiced segment: a train of Rosenberg (1971) glottal flow pulses laid
/// period by period along an f0 contour, with optional jitter, shimmer and aspiration noise.
///
/// Each period `T_n` starts at the previous period's end `t_n`: `T_n = 1 / f0(t_n + 0.5/f0(t_n))`
/// (the contour sampled near the period's middle), multiplied by `1 + jitter · N(0,1)` (clamped to
/// ±3 σ) and, for creak, by `1 ± alternation` on alternate periods. Each pulse's amplitude is
/// `1 + shimmer · N(0,1)` (clamped to ±3 σ and ≥ 0.05).
public struct VoiceSource: Sendable, Hashable {
    /// The intended f0 over the segment (the per-frame ground truth).
    public var contour: F0Contour
    /// Relative standard deviation of the period (e.g. 0.01 = 1 % jitter); 0…0.1.
    public var jitter: Double
    /// Relative standard deviation of the pulse amplitude (e.g. 0.05 = 5 % shimmer); 0…0.3.
    public var shimmer: Double
    /// Phonation type.
    public var quality: VoiceQuality
    /// Harmonics-to-noise ratio of the segment in dB (power of the periodic part over power of the
    /// pulse-modulated aspiration noise, both after the vocal tract filter); `nil` for no noise.
    public var hnrDB: Double?

    /// Creates a source. Defaults: modal, no jitter, shimmer or aspiration noise.
    public init(contour: F0Contour, jitter: Double = 0, shimmer: Double = 0,
                quality: VoiceQuality = .modal, hnrDB: Double? = nil) {
        self.contour = contour
        self.jitter = jitter
        self.shimmer = shimmer
        self.quality = quality
        self.hnrDB = hnrDB
    }

    /// A typical creaky source: f0 `f0` Hz (40–70), 3 % jitter, 10 % shimmer, ±4 % alternation,
    /// HNR 15 dB.
    public static func creaky(f0: Double = 55) -> VoiceSource {
        VoiceSource(contour: .constant(f0), jitter: 0.03, shimmer: 0.10,
                    quality: .creaky(alternation: 0.04), hnrDB: 15)
    }

    /// A typical breathy source at `f0` Hz: HNR 8 dB, 0.5 % jitter.
    public static func breathy(f0: Double) -> VoiceSource {
        VoiceSource(contour: .constant(f0), jitter: 0.005, shimmer: 0.02, quality: .breathy, hnrDB: 8)
    }

    /// Rosenberg glottal flow at phase `x` (0…1 of the period): rises as ½(1 − cos) over the opening
    /// phase, falls as a quarter cosine over the closing phase, then stays closed (0).
    func flow(phase x: Double) -> Double {
        let (open, close) = quality.pulsePhases
        if x < 0 { return 0 }
        if x < open { return 0.5 * (1 - _cos(Double.pi * x / open)) }
        if x < open + close { return _cos(Double.pi / 2 * (x - open) / close) }
        return 0
    }
}

/// One true glottal period of the generated signal (ground truth for jitter and shimmer).
public struct PitchMark: Sendable, Hashable {
    /// Time in seconds of the glottal closure that ends the pulse's open phase.
    public var closureTime: Double
    /// Start time of the period, in seconds.
    public var startTime: Double
    /// Length of the period in seconds.
    public var period: Double
    /// Relative pulse amplitude (1 nominal, varied by shimmer and creak).
    public var amplitude: Double
}
