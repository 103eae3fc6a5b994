import ParacuesDSP
import Foundation

/// Spectral measurements of one frame that the event detectors (speaking rate, laughter, sigh) use.
///
/// Computed from the engine's shared per-hop power spectrum (25 ms Hann window, 512-point FFT, 16 kHz)
/// by ``FrameAcousticsAnalyzer``. Definitions: `docs/detectors.md#frame-acoustics`.
public struct FrameAcoustics: Sendable, Hashable {
    /// Frame number k (instant k × 10 ms).
    public var index: Int
    /// Power in the 300–3000 Hz band (vowel formant region, where syllable nuclei dominate and
    /// fricative and low-frequency noise energy is small), dB re full scale; floored at −120.
    public var bandLevelDB: Float
    /// Power above 3000 Hz (frication, breath noise), dB re full scale; floored at −120.
    public var highLevelDB: Float
    /// Total power of the frame, dB re full scale; floored at −120.
    public var totalLevelDB: Float
    /// Periodicity 0…1: the highest window-corrected normalised autocorrelation at lags 2–12.5 ms
    /// (f0 80–500 Hz), after Boersma (1993). Near 1 for vowels, near 0 for noise and breath.
    public var harmonicity: Float
    /// Power-weighted mean frequency of the spectrum (spectral centroid), Hz.
    public var centroidHz: Float
    /// Periodicity frequency, Hz (80–500, 0 for an empty frame): the shortest lag whose corrected
    /// autocorrelation is a local maximum within 90 % of the best one (prefers the fundamental over its
    /// sub-multiples, like Praat's octave cost). Meaningful only when ``harmonicity`` is high; the
    /// engine's pitch tracker gives the reference f0.
    public var periodicityHz: Float = 0
    /// Coarse spectral envelope: levels (dB re full scale, floored at −120) of ``melBandCount`` bands
    /// equally spaced on the mel scale from 150 to 4500 Hz, in lanes 0..<20 (lanes 20…31 are 0).
    public var melLevelsDB: SIMD32<Float> = .zero
    /// Number of used lanes of ``melLevelsDB``.
    public static let melBandCount = 20

    /// Creates a record (all levels −120 dB, harmonicity 0).
    public init(index: Int, bandLevelDB: Float = -120, highLevelDB: Float = -120, totalLevelDB: Float = -120,
                harmonicity: Float = 0, centroidHz: Float = 0) {
        self.index = index
        self.bandLevelDB = bandLevelDB
        self.highLevelDB = highLevelDB
        self.totalLevelDB = totalLevelDB
        self.harmonicity = harmonicity
        self.centroidHz = centroidHz
    }
}

/// Computes ``FrameAcoustics`` from a one-sided power spectrum. No allocation per frame.
///
/// Harmonicity: the autocorrelation is the inverse FFT of the power spectrum (Wiener–Khinchin),
/// normalised by its lag-0 value and divided by the analysis window's own normalised autocorrelation
/// (Boersma 1993, "Accurate short-term analysis of the fundamental frequency and the
/// harmonics-to-noise ratio of a sampled sound"). The window is zero-padded from 400 to 512 points, so
/// circular wrap-around adds only products of both window tails (negligible for a Hann window).
///
/// Not thread-safe: one per stream.
public final class FrameAcousticsAnalyzer {
    /// FFT size of the spectra it accepts (bins = size / 2 + 1).
    public let fftSize: Int
    /// Sample rate of the spectra, Hz.
    public let sampleRate: Double
    private let inverse: InverseRealFFT
    private let windowAutocorrelation: [Float]
    private let bandRange: Range<Int>
    private let highStart: Int
    private let lagRange: ClosedRange<Int>
    /// Bins of each mel band (150–4500 Hz): consecutive, since mel is monotonic in frequency.
    private let melRanges: [Range<Int>]
    /// Window-corrected normalised autocorrelation per lag (scratch, one frame).
    private let corrected: UnsafeMutableBufferPointer<Float>

    /// - Parameters:
    ///   - fftSize: FFT length of the incoming spectra (512 in the engine).
    ///   - windowLength: length of the Hann window the spectra were made with (400 in the engine).
    ///   - sampleRate: Hz (16 000 in the engine).
    public init(fftSize: Int = 512, windowLength: Int = 400, sampleRate: Double = 16_000) {
        self.fftSize = fftSize
        self.sampleRate = sampleRate
        inverse = InverseRealFFT(size: fftSize)
        let binHz = sampleRate / Double(fftSize)
        bandRange = Int((300 / binHz).rounded(.up))..<(Int((3000 / binHz).rounded(.down)) + 1)
        highStart = Int((3000 / binHz).rounded(.down)) + 1
        let minLag = Int((sampleRate / 500).rounded())
        let maxLag = min(Int((sampleRate / 80).rounded()), windowLength / 2)
        lagRange = minLag...maxLag
        corrected = .allocate(capacity: maxLag + 2)
        corrected.initialize(repeating: 0)
        let tables = Self.tables.value(for: Tables.Key(fftSize: fftSize, windowLength: windowLength, sampleRate: sampleRate,
                                                       maxLag: maxLag)) { Tables($0) }
        melRanges = tables.melRanges
        windowAutocorrelation = tables.windowAutocorrelation
    }

    /// The immutable tables of one (fftSize, windowLength, sampleRate), shared process-wide.
    private struct Tables: Sendable {
        struct Key: Hashable, Sendable {
            let fftSize: Int, windowLength: Int, sampleRate: Double, maxLag: Int
        }
        /// Bins of each mel band (150–4500 Hz).
        let melRanges: [Range<Int>]
        /// The Hann window's autocorrelation normalised to lag 0, lags 0…maxLag.
        let windowAutocorrelation: [Float]

        init(_ key: Key) {
            let binHz = key.sampleRate / Double(key.fftSize)
            func mel(_ f: Double) -> Double { 2595 * log10(1 + f / 700) }
            let bands = FrameAcoustics.melBandCount
            let lowMel = mel(150), highMel = mel(4500)
            let melBand = (0...(key.fftSize / 2)).map { k in
                let m = mel(Double(k) * binHz)
                guard m >= lowMel && m < highMel else { return -1 }
                return min(bands - 1, Int((m - lowMel) / (highMel - lowMel) * Double(bands)))
            }
            melRanges = (0..<bands).map { b in
                guard let first = melBand.firstIndex(of: b), let last = melBand.lastIndex(of: b) else { return 0..<0 }
                return first..<(last + 1)
            }
            let w = WindowShape.hann.coefficients(count: key.windowLength)
            var ac = [Float](repeating: 0, count: key.maxLag + 1)
            for lag in 0...key.maxLag {
                var s: Float = 0
                for i in 0..<(key.windowLength - lag) { s += w[i] * w[i + lag] }
                ac[lag] = s
            }
            let zero = ac[0]
            windowAutocorrelation = ac.map { $0 / zero }
        }
    }

    private static let tables = SharedTableCache<Tables.Key, Tables>(limit: 16)

    deinit { corrected.deallocate() }

    /// Measures one frame.
    /// - Parameters:
    ///   - index: frame number.
    ///   - power: one-sided power spectrum, `fftSize / 2 + 1` bins, scaled so that the sum is the
    ///     frame's mean-square power (the engine's scaling).
    public func measure(index: Int, power: UnsafeBufferPointer<Float>) -> FrameAcoustics {
        precondition(power.count >= fftSize / 2 + 1)
        let p = power.baseAddress!
        // Each sum runs in bin order (the same arithmetic as one pass with per-bin tests), but over
        // precomputed bin ranges instead of testing every bin for every band.
        var total: Float = 0, moment: Float = 0
        let binHz = Float(sampleRate / Double(fftSize))
        for k in 0...(fftSize / 2) {
            total += p[k]
            moment += p[k] * Float(k) * binHz
        }
        func sum(_ range: Range<Int>) -> Float {
            var s: Float = 0
            for k in range { s += p[k] }
            return s
        }
        let band = sum(bandRange), high = sum(highStart..<(fftSize / 2 + 1))
        func dB(_ p: Float) -> Float { p > 1e-12 ? max(-120, 10 * log10f(p)) : -120 }
        var result = FrameAcoustics(index: index, bandLevelDB: dB(band), highLevelDB: dB(high),
                                    totalLevelDB: dB(total), centroidHz: total > 0 ? moment / total : 0)
        // Written through the vector's bytes: inserting into a SIMD32 lane by a loop index makes the
        // compiler move the whole vector through registers for every band.
        var mel = SIMD32<Float>.zero
        withUnsafeMutableBytes(of: &mel) { lanes in
            melRanges.withUnsafeBufferPointer { ranges in
                for b in 0..<FrameAcoustics.melBandCount {
                    lanes.storeBytes(of: dB(sum(ranges[b])), toByteOffset: 4 * b, as: Float.self)
                }
            }
        }
        result.melLevelsDB = mel
        guard total > 1e-12 else { return result }
        let input = inverse.input.baseAddress!
        for k in 0...(fftSize / 2) {
            input[2 * k] = p[k]
            input[2 * k + 1] = 0
        }
        inverse.transform()
        let r = inverse.output
        let r0 = r[0]
        guard r0 > 0 else { return result }
        var best: Float = 0
        let c = corrected.baseAddress!
        windowAutocorrelation.withUnsafeBufferPointer { w in
            for lag in lagRange {
                let v = (r[lag] / r0) / w[lag]
                c[lag] = v
                if v > best { best = v }
            }
        }
        result.harmonicity = min(1, best)
        var chosen = lagRange.lowerBound
        for lag in (lagRange.lowerBound + 1)..<lagRange.upperBound {
            let v = c[lag]
            if v >= 0.9 * best && v >= c[lag - 1] && v >= c[lag + 1] { chosen = lag; break }
        }
        if chosen == lagRange.lowerBound {
            for lag in lagRange where c[lag] == best { chosen = lag; break }
        }
        result.periodicityHz = Float(sampleRate) / Float(chosen)
        return result
    }
}
