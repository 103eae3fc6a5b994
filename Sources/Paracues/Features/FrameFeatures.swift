/// What paracues measured at one instant (one frame, 10 ms hop).
///
/// Frame `index` describes the instant `index × 0.010 s` from the start of the stream: the centre of
/// every analysis window used for it. Definitions, units and latency of each field: `docs/features.md`.
public struct FrameFeatures: Sendable, Hashable {
    /// Frame number k ≥ 0.
    public var index: Int
    /// Fundamental frequency in Hz, 0 when the frame is judged unvoiced.
    public var f0Hz: Float
    /// Probability (0…1) that the frame is voiced.
    public var voicing: Float
    /// Energy of the 25 ms Hann-windowed frame in dB relative to full scale (a full-scale square
    /// wave is 0 dBFS, a full-scale sine −3 dBFS); floored at −120 dBFS.
    public var energyDBFS: Float
    /// Auditory loudness (sone-like units, ≥ 0): see `docs/features.md#loudness`.
    public var loudness: Float
    /// Why the frame's values may not describe the signal faithfully.
    public var validity: FrameValidity

    /// Creates a frame record.
    public init(index: Int, f0Hz: Float = 0, voicing: Float = 0, energyDBFS: Float = -120,
                loudness: Float = 0, validity: FrameValidity = []) {
        self.index = index
        self.f0Hz = f0Hz
        self.voicing = voicing
        self.energyDBFS = energyDBFS
        self.loudness = loudness
        self.validity = validity
    }

    /// Time of the frame in seconds for a given hop (seconds).
    public func time(hopSeconds: Double) -> Double { Double(index) * hopSeconds }
}

/// Flags that qualify one frame's values. Empty means valid.
public struct FrameValidity: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// The frame's window contains input samples that were NaN or ±Inf (replaced by 0).
    public static let nonFinite = FrameValidity(rawValue: 1 << 0)
    /// The frame's window contains samples at or above 99.9 % of full scale.
    public static let clipped = FrameValidity(rawValue: 1 << 1)
    /// The frame's window is digital silence (all samples exactly 0).
    public static let digitalSilence = FrameValidity(rawValue: 1 << 2)

    /// Names of the set flags, for reports (`"non_finite"`, `"clipped"`, `"digital_silence"`).
    public var names: [String] {
        var result: [String] = []
        if contains(.nonFinite) { result.append("non_finite") }
        if contains(.clipped) { result.append("clipped") }
        if contains(.digitalSilence) { result.append("digital_silence") }
        return result
    }
}
