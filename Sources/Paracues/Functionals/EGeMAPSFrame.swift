import Foundation

/// One frame's eGeMAPS low-level descriptors, unsmoothed, as fed to ``EGeMAPSAccumulator``.
///
/// Stored in a `SIMD32<Float>` (no allocation); NaN marks a value that is absent for this frame
/// (unvoiced frame for the f0-dependent descriptors, silence, or above the source bandwidth). Formant
/// frequencies and bandwidths are kept in unvoiced frames too; the functionals select them by voicing.
public struct EGeMAPSFrame: Sendable, Hashable {
    /// Descriptor slots.
    public enum Slot: Int, CaseIterable, Sendable {
        case f0Semitone, loudness, alphaRatio, hammarbergIndex, slope0to500, slope500to1500, spectralFlux
        case mfcc1, mfcc2, mfcc3, mfcc4, jitterLocal, shimmerLocalDB, hnrDB, h1MinusH2, h1MinusA3
        case f1Frequency, f1Bandwidth, f1Amplitude, f2Frequency, f2Bandwidth, f2Amplitude
        case f3Frequency, f3Bandwidth, f3Amplitude, power
    }

    /// Frame number k.
    public var index: Int
    /// True when the frame is voiced (f0 > 0).
    public var voiced: Bool
    /// Values by ``Slot`` raw value.
    public var values: SIMD32<Float>

    /// An all-absent frame.
    public init(index: Int) {
        self.index = index
        voiced = false
        values = SIMD32(repeating: .nan)
    }

    /// The value in `slot`, nil when absent.
    public subscript(_ slot: Slot) -> Float? {
        get { let v = values[slot.rawValue]; return v.isNaN ? nil : v }
        set { values[slot.rawValue] = newValue ?? .nan }
    }

    /// Builds the frame from the engine's records of the same frame index.
    /// - Parameters:
    ///   - frame: pitch, voicing and loudness (`f0Hz` 0 = unvoiced).
    ///   - spectral: spectral and formant descriptors.
    ///   - voiceQuality: per-frame HNR, jitter and shimmer.
    public init(frame: FrameFeatures, spectral: SpectralFrame, voiceQuality: VoiceQualityFrame?) {
        self.init(index: frame.index)
        voiced = frame.f0Hz > 0
        if voiced { self[.f0Semitone] = 12 * log2f(frame.f0Hz / 27.5) }
        self[.loudness] = spectral.loudness
        self[.alphaRatio] = spectral.alphaRatio
        self[.hammarbergIndex] = spectral.hammarbergIndex
        self[.slope0to500] = spectral.slope0to500
        self[.slope500to1500] = spectral.slope500to1500
        self[.spectralFlux] = spectral.spectralFlux
        self[.mfcc1] = spectral.mfcc[0]; self[.mfcc2] = spectral.mfcc[1]
        self[.mfcc3] = spectral.mfcc[2]; self[.mfcc4] = spectral.mfcc[3]
        self[.power] = spectral.power
        // Formants come from the 20 ms frame and are kept in every frame: openSMILE selects them (like the
        // V/UV spectral subsets) by the voicing of the pitch frame 20 ms later (see EGeMAPSFunctionals).
        self[.f1Frequency] = spectral.formantFrequency.0
        self[.f1Bandwidth] = spectral.formantBandwidth.0
        self[.f2Frequency] = spectral.formantFrequency.1
        self[.f2Bandwidth] = spectral.formantBandwidth.1
        self[.f3Frequency] = spectral.formantFrequency.2
        self[.f3Bandwidth] = spectral.formantBandwidth.2
        guard voiced else { return }
        self[.jitterLocal] = voiceQuality?.jitterLocal
        self[.shimmerLocalDB] = voiceQuality?.shimmerLocalDB
        self[.hnrDB] = spectral.hnrACF
        self[.h1MinusH2] = spectral.h1MinusH2
        self[.h1MinusA3] = spectral.h1MinusA3
        self[.f1Amplitude] = spectral.formantAmplitude.0
        self[.f2Amplitude] = spectral.formantAmplitude.1
        self[.f3Amplitude] = spectral.formantAmplitude.2
    }
}

/// One named functional value, or why it is absent.
public struct EGeMAPSFeature: Sendable, Hashable {
    /// openSMILE eGeMAPSv02 name, e.g. `F0semitoneFrom27.5Hz_sma3nz_amean`.
    public var name: String
    /// The value, nil when not measurable.
    public var value: Double?
    /// Why ``value`` is nil.
    public var reason: String?
}
