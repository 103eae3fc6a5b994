import Foundation

/// Per-frame eGeMAPS spectral and formant descriptors from the engine's shared spectrum.
///
/// Call ``analyze(index:power:rawFrame:longWindow:)`` for every frame as the engine computes its
/// spectrum, then ``complete(index:f0Hz:)`` once the frame's pitch decision is known (in order, at
/// most ``HarmonicLevels/ringSize`` frames later). Preallocated; no allocation per hop.
public final class SpectralExtractor {
    private var shape: SpectralShape
    private var mel: MelCepstrum
    private let formants: FormantLPC
    private let harmonics: HarmonicLevels
    private var pending: [SpectralFrame]
    private let melScale: Float

    /// - Parameters:
    ///   - configuration: analysis settings (rate, source bandwidth).
    ///   - fftSize: size of the shared spectrum (512).
    ///   - windowPower: Σ w² of the shared spectrum's window (to undo its normalisation for MFCCs).
    public init(configuration: AnalysisConfiguration, fftSize: Int = 512, windowPower: Float) {
        let rate = Double(configuration.analysisRate)
        let binHz = rate / Double(fftSize)
        let bins = fftSize / 2 + 1
        let bandwidth = min(configuration.sourceBandwidth, rate / 2)
        // √(engine power) → |X| of the window (√(Σw² N / 2)), then × 0.864, the coherent-gain ratio of a
        // 320-point Hamming (172.8) to the 400-point Hann (200) window, to match openSMILE's flux scale.
        shape = SpectralShape(binCount: bins, binHz: binHz, bandwidth: bandwidth,
                              magnitudeScale: (windowPower * Float(fftSize) / 2).squareRoot() * 0.864
                                  * Float((bandwidth / (rate / 2)).squareRoot()))
        // The last factor, √(bandwidth / 8 kHz), gives the flux openSMILE computes at the source rate
        // (an 8 kHz source has half the samples per 20 ms frame and divides by √80 instead of √160).
        mel = MelCepstrum(binCount: bins, binHz: binHz, bandwidth: bandwidth)
        formants = FormantLPC(binHz: binHz, binCount: bins, bandwidth: bandwidth)
        harmonics = HarmonicLevels(sampleRate: rate, bandwidth: bandwidth)
        pending = [SpectralFrame](repeating: SpectralFrame(index: -1), count: HarmonicLevels.ringSize)
        // Engine power = |X|² · 2 / (Σw² · N); HTK-style MFCCs use |X|² of 16-bit-scaled samples.
        melScale = 32768 * 32768 * windowPower * Float(fftSize) / 2
    }

    /// Computes the spectral-shape, MFCC and formant descriptors of frame `index`.
    /// - Parameters:
    ///   - power: the shared power spectrum (mean-square units per bin, `fftSize/2 + 1` bins).
    ///   - rawFrame: the unwindowed samples of the spectral frame (for the frame power).
    ///   - longWindow: samples centred on the frame instant, ≥ 60 ms, for the harmonic levels.
    public func analyze(index: Int, power: UnsafeBufferPointer<Float>, rawFrame: UnsafeBufferPointer<Float>,
                        longWindow: UnsafeBufferPointer<Float>) {
        var frame = SpectralFrame(index: index)
        frame.power = rawFrame.isEmpty ? 0 : ParacuesDSPSum.meanSquare(rawFrame)
        if frame.power > 1e-14 {
            shape.describe(power, into: &frame)
            frame.mfcc = mel.coefficients(power, scale: melScale)
            formants.describe(power, into: &frame)
        } else {
            shape.describe(power, into: &frame)
            frame.alphaRatio = nil; frame.hammarbergIndex = nil; frame.slope0to500 = nil; frame.slope500to1500 = nil
            frame.mfcc = mel.coefficients(power, scale: melScale)
        }
        harmonics.analyze(index: index, samples: longWindow)
        pending[index % pending.count] = frame
    }

    /// Returns frame `index` with its f0-dependent descriptors set (`f0Hz` 0 = unvoiced).
    public func complete(index: Int, f0Hz: Float) -> SpectralFrame {
        var frame = pending[index % pending.count]
        guard frame.index == index else { return SpectralFrame(index: index) }
        if f0Hz > 0 { harmonics.complete(&frame, f0Hz: f0Hz) }
        return frame
    }
}

import ParacuesDSP

/// Small helpers over `Reductions`.
enum ParacuesDSPSum {
    /// Mean of x².
    static func meanSquare(_ x: UnsafeBufferPointer<Float>) -> Float {
        Reductions.sumOfSquares(x) / Float(max(1, x.count))
    }
}
