import Foundation
import ParacuesDSP

/// Per-frame eGeMAPS spectral and formant descriptors.
///
/// The spectral-shape descriptors, MFCCs and formants use eGeMAPS's own short-time spectrum: the
/// central 20 ms of the engine's 25 ms frame, Hamming-windowed, 512-point FFT, magnitudes in sample
/// units (openSMILE's `fftmagH25`, whose frame is 20 ms despite the name). We compute it here rather
/// than reuse the engine's 25 ms Hann spectrum because the window's leakage changes the MFCCs and
/// band ratios measurably (MFCC 3 by ~30 % in voiced frames). Harmonic levels and the ACF HNR use a
/// 60 ms Gaussian window (``HarmonicLevels``), as eGeMAPS does.
///
/// An 8 kHz source (source bandwidth a quarter of the analysis rate) is analysed at its own rate, as
/// openSMILE analyses an 8 kHz file: the frame is the 160 even samples of the 16 kHz frame (the 2×
/// upsampler is a half-band interpolator, so they are the source samples), Hamming-windowed, 256-point
/// FFT — the same 31.25 Hz bins, without the upsampler's roll-off above 3.92 kHz.
///
/// Call ``analyze(index:rawFrame:longWindow:)`` for every frame as the engine reaches it, then
/// ``complete(index:f0Hz:)`` once the frame's pitch decision is known (in order, at most
/// ``HarmonicLevels/ringSize`` frames later). Preallocated; no allocation per hop. Cost per hop: a
/// 512-point FFT, a 352-point inverse FFT, LPC root solving and band sums; for voiced frames (at
/// ``complete(index:f0Hz:)``) a 1024-point FFT and inverse FFT more (``HarmonicLevels``).
public final class SpectralExtractor {
    /// Samples in the eGeMAPS spectral frame (20 ms at 16 kHz).
    public static let frameLength = 320
    private let shape: SpectralShape
    private let mel: MelCepstrum
    private let formants: FormantLPC
    private let harmonics: HarmonicLevels
    private var pending: [SpectralFrame]
    private let fft: RealFFT
    private let window: [Float]
    /// 2 for an 8 kHz source (every other sample: the source's own samples), else 1.
    private let step: Int
    private let power: UnsafeMutableBufferPointer<Float>
    private let loudnessScale: Float

    /// - Parameter configuration: analysis settings (rate, source bandwidth).
    public init(configuration: AnalysisConfiguration) {
        let rate = Double(configuration.analysisRate)
        let bandwidth = min(configuration.sourceBandwidth, rate / 2)
        // openSMILE frames a file at its own rate (20 ms, FFT to the next power of two): at 8 kHz 160
        // samples and 256 points, the same 31.25 Hz bins as 320 samples and 512 points at 16 kHz.
        step = bandwidth * 4 == rate && Self.frameLength % 2 == 0 ? 2 : 1
        fft = RealFFT(size: 512 / step)
        // openSMILE's symmetric Hamming (its formant signal to 3·10⁻⁷; the DFT-even form only to 2–5·10⁻³).
        window = EGeMAPSWindow.hamming(count: Self.frameLength / step)
        let binHz = rate / 512
        let bins = 512 / step / 2 + 1
        // Any other narrow source is analysed at the analysis rate: its 20 ms frame at the source rate has
        // fewer samples, so its FFT magnitudes are ours × bandwidth / (rate / 2), its power that squared;
        // openSMILE's flux, slopes and loudness are taken at the source rate.
        let toSource = step == 2 ? 1 : bandwidth / (rate / 2)
        shape = SpectralShape(binCount: bins, binHz: binHz, bandwidth: bandwidth,
                              magnitudeScale: Float(toSource), powerScale: Float(toSource * toSource))
        mel = MelCepstrum(binCount: bins, binHz: binHz, bandwidth: bandwidth)
        formants = FormantLPC(binHz: binHz)
        loudnessScale = Float(toSource * toSource)
        harmonics = HarmonicLevels(sampleRate: rate, bandwidth: bandwidth)
        pending = [SpectralFrame](repeating: SpectralFrame(index: -1), count: HarmonicLevels.ringSize)
        power = .allocate(capacity: bins)
        power.initialize(repeating: 0)
    }

    deinit { power.deallocate() }

    /// Computes the spectral-shape, MFCC and formant descriptors of frame `index`.
    /// - Parameters:
    ///   - rawFrame: unwindowed samples centred on the frame instant (≥ 320; the central 320 are used).
    ///   - longWindow: samples centred on the frame instant, ≥ 60 ms, for the harmonic levels.
    public func analyze(index: Int, rawFrame: UnsafeBufferPointer<Float>, longWindow: UnsafeBufferPointer<Float>) {
        var frame = SpectralFrame(index: index)
        let used = min(Self.frameLength, rawFrame.count)
        let offset = (rawFrame.count - used) / 2
        let input = fft.input, samples = rawFrame.baseAddress! + offset
        let n = used / step
        var energy: Float = 0
        for i in 0..<n {
            let v = samples[i * step]
            energy += v * v
            input[i] = v * window[i]
        }
        for i in n..<input.count { input[i] = 0 }
        frame.power = n > 0 ? energy / Float(n) : 0
        fft.transform()
        fft.powerSpectrum(into: power)
        let p = UnsafeBufferPointer(power)
        shape.describe(p, into: &frame)
        // HTK-compatible MFCCs take |X|² of 16-bit-scaled samples, at the source rate (where the log floor sits).
        (frame.mfcc, frame.loudness) = mel.coefficients(p, scale: 32768 * 32768 * loudnessScale, loudnessScale: loudnessScale)
        if frame.power > 1e-14 {
            formants.describe(UnsafeBufferPointer(fft.output), into: &frame)
        } else {
            // Digital silence: openSMILE reports alpha ratio and Hammarberg index 0 (left out of its means)
            // and, from its log-spectrum floor, slopes of 0.112 (0–500 Hz) and 0.076364 (500–1500 Hz), which
            // its unvoiced means include; we reproduce them so that `slopeUV…` means the same.
            frame.alphaRatio = nil; frame.hammarbergIndex = nil
            frame.slope0to500 = 0.112; frame.slope500to1500 = 0.076364
        }
        harmonics.analyze(index: index, samples: longWindow)
        pending[index % pending.count] = frame
    }

    /// Returns frame `index` with its f0-dependent descriptors set (`f0Hz` 0 = unvoiced).
    public func complete(index: Int, f0Hz: Float) -> SpectralFrame {
        var frame = pending[index % pending.count]
        guard frame.index == index else { return SpectralFrame(index: index) }
        if f0Hz > 0 {
            // openSMILE pairs the 60 ms frame with the 20 ms frame that starts with it: 20 ms earlier.
            let paired = pending[(index - 2 + pending.count) % pending.count]
            let formants = paired.index == index - 2
                ? (paired.formantFrequency, paired.formantBandwidth) : (frame.formantFrequency, frame.formantBandwidth)
            harmonics.complete(&frame, f0Hz: f0Hz, formants: formants)
        }
        return frame
    }
}

/// Small helpers over `Reductions`.
enum ParacuesDSPSum {
    /// Mean of x².
    static func meanSquare(_ x: UnsafeBufferPointer<Float>) -> Float {
        Reductions.sumOfSquares(x) / Float(max(1, x.count))
    }
}
