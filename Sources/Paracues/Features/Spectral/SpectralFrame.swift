/// eGeMAPS-style low-level descriptors of one frame (instant k × hop).
///
/// Spectral-shape fields, MFCCs and formants come from a 20 ms Hamming, 512-point spectrum (eGeMAPS's
/// spectral frame) and are set as soon as the frame is analysed; the f0-dependent fields (harmonic
/// levels, ACF HNR) come from a 60 ms Gaussian window and are set when the frame's pitch is known. `nil` means not measurable for this frame (unvoiced,
/// silent, or outside the source bandwidth); definitions and units: `docs/egemaps.md`.
public struct SpectralFrame: Sendable, Hashable {
    /// Frame number k.
    public var index: Int
    /// Alpha ratio, dB: 10 log10(E[1–5 kHz] / E[50 Hz–1 kHz]) (upper edge clipped to the source bandwidth).
    public var alphaRatio: Float?
    /// Hammarberg index, dB: 10 log10(max P[0–2 kHz] / max P[2–5 kHz]).
    public var hammarbergIndex: Float?
    /// Spectral slope 0–500 Hz as eGeMAPS defines it (openSMILE's weighted sum of ln |X_k|², see
    /// `SpectralShape`; proportional to the regression slope of the log spectrum; 0.112 in digital silence).
    public var slope0to500: Float?
    /// Spectral slope 500–1500 Hz as eGeMAPS defines it (0.0764 in digital silence).
    public var slope500to1500: Float?
    /// Spectral flux: √(Σ_k (M_t(k) − M_{t−1}(k))² / K) over the K bins below 5 kHz (or the source bandwidth), M = FFT magnitude scaled to a
    /// 20 ms Hamming frame of samples in ±1 (openSMILE's scale; ≥ 0). Nil on the first frame and in silence.
    public var spectralFlux: Float?
    /// MFCC 1–4 (26 mel bands 20 Hz–8 kHz or source bandwidth, log power, DCT-II, lifter 22).
    public var mfcc: SIMD4<Float>
    /// eGeMAPS loudness (openSMILE `Loudness`): mean over the 26 mel bands of (equal-loudness weight ×
    /// band power)^0.33 on the 20 ms Hamming spectrum of samples in ±1; ≥ 0, arbitrary units
    /// (≈ 0.2–3 for speech at conversational level). See ``MelCepstrum``.
    public var loudness: Float
    /// Frame power (mean square of the unwindowed 20 ms frame), linear, for the equivalent sound level.
    public var power: Float
    /// Formant frequencies F1–F3, Hz (LPC order 11 on the 0–5.5 kHz band); nil when not found.
    public var formantFrequency: (Float?, Float?, Float?)
    /// Formant bandwidths, Hz.
    public var formantBandwidth: (Float?, Float?, Float?)
    /// Level of the harmonic nearest each formant relative to H1, dB (voiced frames only).
    public var formantAmplitude: (Float?, Float?, Float?)
    /// Harmonics-to-noise ratio from the autocorrelation r of the 60 ms Gaussian-windowed frame at the
    /// period (best lag within ±3 % of 1/f0): 10 log10(r / (1 − r)), dB (voiced frames only).
    public var hnrACF: Float?
    /// H1 − H2, dB (voiced frames only).
    public var h1MinusH2: Float?
    /// H1 − A3, dB: H1 over the strongest harmonic in the F3 region (voiced frames only).
    public var h1MinusA3: Float?

    /// An empty record for frame `index`.
    public init(index: Int) {
        self.index = index
        mfcc = .zero
        loudness = 0
        power = 0
        formantFrequency = (nil, nil, nil)
        formantBandwidth = (nil, nil, nil)
        formantAmplitude = (nil, nil, nil)
    }

    /// Field-by-field equality (tuples are not automatically `Equatable`).
    public static func == (a: SpectralFrame, b: SpectralFrame) -> Bool {
        a.index == b.index && a.alphaRatio == b.alphaRatio && a.hammarbergIndex == b.hammarbergIndex
            && a.slope0to500 == b.slope0to500 && a.slope500to1500 == b.slope500to1500
            && a.spectralFlux == b.spectralFlux && a.mfcc == b.mfcc && a.loudness == b.loudness && a.power == b.power
            && a.formantFrequency == b.formantFrequency && a.formantBandwidth == b.formantBandwidth
            && a.formantAmplitude == b.formantAmplitude && a.h1MinusH2 == b.h1MinusH2 && a.hnrACF == b.hnrACF && a.h1MinusA3 == b.h1MinusA3
    }

    /// Hashes a subset of the fields (consistent with ==).
    public func hash(into h: inout Hasher) {
        h.combine(index); h.combine(alphaRatio); h.combine(mfcc); h.combine(power)
    }
}
