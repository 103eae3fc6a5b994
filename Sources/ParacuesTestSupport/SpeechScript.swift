/// One piece of a synthetic utterance.
public struct SpeechSegment: Sendable, Hashable {
    /// What the segment contains.
    public enum Kind: Sendable, Hashable {
        /// A sustained vowel voiced by `source` through the formants of `vowel` for `speaker`.
        case voiced(source: VoiceSource, vowel: Vowel, speaker: SpeakerClass)
        /// A voiceless fricative: white noise through a broad resonance (4.5 kHz, or 0.3 × the
        /// sample rate if lower; bandwidth 2.5 kHz) — an [s]/[ʃ]-like hiss without periodicity.
        case unvoiced
        /// Digital silence (exact zeros before any added noise).
        case silence
    }

    /// Content of the segment.
    public var kind: Kind
    /// Length in seconds (> 0).
    public var duration: Double
    /// RMS level of the segment in dB relative to full scale (a full-scale sine is −3 dBFS).
    /// Ignored for silence.
    public var levelDB: Double

    /// Creates a segment.
    public init(kind: Kind, duration: Double, levelDB: Double = -20) {
        self.kind = kind
        self.duration = duration
        self.levelDB = levelDB
    }

    /// A voiced vowel of `duration` s at `levelDB` dBFS RMS (default −20).
    public static func voiced(_ duration: Double, source: VoiceSource, vowel: Vowel = .a,
                              speaker: SpeakerClass = .male, levelDB: Double = -20) -> SpeechSegment {
        SpeechSegment(kind: .voiced(source: source, vowel: vowel, speaker: speaker), duration: duration,
                      levelDB: levelDB)
    }

    /// A voiceless fricative of `duration` s at `levelDB` dBFS RMS (default −32).
    public static func unvoiced(_ duration: Double, levelDB: Double = -32) -> SpeechSegment {
        SpeechSegment(kind: .unvoiced, duration: duration, levelDB: levelDB)
    }

    /// Silence of `duration` s.
    public static func silence(_ duration: Double) -> SpeechSegment {
        SpeechSegment(kind: .silence, duration: duration)
    }

    /// Whether the segment is voiced.
    public var isVoiced: Bool {
        if case .voiced = kind { return true }
        return false
    }
}

/// Colour of additive background noise.
public enum NoiseColour: Sendable, Hashable {
    /// Flat spectrum (Gaussian).
    case white
    /// −3 dB/octave, from Gaussian noise through Paul Kellet's three-pole "economy" pink filter.
    case pink
}

/// Additive background noise: colour and signal-to-noise ratio.
public struct AdditiveNoise: Sendable, Hashable {
    /// Spectrum shape.
    public var colour: NoiseColour
    /// SNR in dB: the speech's active level (RMS over the samples of non-silent segments) over the
    /// noise RMS over the whole signal.
    public var snrDB: Double
    /// Creates a noise description.
    public init(_ colour: NoiseColour = .white, snrDB: Double) {
        self.colour = colour
        self.snrDB = snrDB
    }
}

/// Everything that defines one synthetic signal. Rendering (``render()``) is deterministic in these
/// values: the same description gives bit-identical samples.
public struct SyntheticVoice: Sendable, Hashable {
    /// Segments in order; the signal lasts their total duration.
    public var segments: [SpeechSegment]
    /// Output sample rate in Hz (any, ≥ 8 000 recommended).
    public var sampleRate: Double
    /// Additive noise, `nil` for none.
    public var noise: AdditiveNoise?
    /// Whether the mix (speech plus noise) goes through the 300–3 400 Hz ``TelephoneBand``.
    public var telephoneBand: Bool
    /// Seed of every random choice (jitter, shimmer, noises).
    public var seed: UInt64
    /// Frames within this many seconds of a voiced segment's start or end are "don't care"
    /// (``FrameTruth/Voicing/ignored``) in the truth grid. Default 0.020 s.
    public var edgeGuard: Double
    /// Spacing of the truth grid in seconds (default 0.010; frame k is the instant k × spacing).
    public var frameSpacing: Double

    /// Creates a description; see the properties for meanings and defaults.
    public init(segments: [SpeechSegment], sampleRate: Double = 16_000, noise: AdditiveNoise? = nil,
                telephoneBand: Bool = false, seed: UInt64 = 1, edgeGuard: Double = 0.020,
                frameSpacing: Double = 0.010) {
        self.segments = segments
        self.sampleRate = sampleRate
        self.noise = noise
        self.telephoneBand = telephoneBand
        self.seed = seed
        self.edgeGuard = edgeGuard
        self.frameSpacing = frameSpacing
    }

    /// Total duration in seconds.
    public var duration: Double { segments.reduce(0) { $0 + $1.duration } }
}
