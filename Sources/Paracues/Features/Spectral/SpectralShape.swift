import Foundation

/// Band-energy descriptors of a power spectrum: alpha ratio, Hammarberg index, spectral slopes
/// and spectral flux (eGeMAPS definitions, Eyben et al. 2016, IEEE Trans. Affective Computing 7(2)).
///
/// Bands are clipped to the source bandwidth; a band that lies entirely above it makes its
/// descriptor nil. Weights and bin ranges are precomputed; O(bins) per frame, no allocation.
/// A class with its previous-frame magnitudes in an unsafe buffer: the flux loop carries no bounds
/// or exclusivity checks.
final class SpectralShape {
    private let binHz: Double
    private let alphaLow: Range<Int>, alphaHigh: Range<Int>?
    private let hammLow: Range<Int>, hammHigh: Range<Int>?
    private let slopeLow: Range<Int>, slopeMid: Range<Int>?
    private let fluxBins: Range<Int>
    private let previous: UnsafeMutableBufferPointer<Float>
    private var previousValid = false

    /// Converts √(engine power) to the FFT magnitude of openSMILE's 20 ms Hamming frame.
    private let magnitudeScale: Float
    /// Converts |X|² to openSMILE's |X|² at the source rate (a frame of fewer samples has less power).
    private let powerScale: Float

    init(binCount: Int, binHz: Double, bandwidth: Double, magnitudeScale: Float, powerScale: Float) {
        self.binHz = binHz
        self.magnitudeScale = magnitudeScale
        self.powerScale = powerScale
        func bins(_ lo: Double, _ hi: Double) -> Range<Int>? {
            let top = min(hi, bandwidth)
            let a = Int((lo / binHz).rounded(.up)), b = min(binCount - 1, Int((top / binHz).rounded(.down)))
            return a < b ? a..<(b + 1) : nil
        }
        alphaLow = bins(50, 1000)!
        alphaHigh = bins(1000, 5000)
        hammLow = bins(0, 2000)!
        hammHigh = bins(2000, 5000)
        // openSMILE's slope bands include both edge bins: 0…16 and 16…48 at 31.25 Hz.
        slopeLow = 0..<(Int((500 / binHz).rounded()) + 1)
        slopeMid = bandwidth >= 1500 ? Int((500 / binHz).rounded())..<(Int((1500 / binHz).rounded()) + 1) : nil
        // Flux bins: those below 5 kHz at the source rate (0…159 at 16 kHz, all 0…128 of an 8 kHz source).
        fluxBins = 0..<min(Int((5000 / binHz).rounded()), Int((bandwidth / binHz).rounded()) + 1)
        previous = .allocate(capacity: binCount)
        previous.initialize(repeating: 0)
    }

    deinit { previous.deallocate() }

    /// Fills the spectral-shape fields of `frame` from `power` (mean-square units per bin).
    func describe(_ power: UnsafeBufferPointer<Float>, into frame: inout SpectralFrame) {
        let tiny: Float = 1e-20
        let p = power.baseAddress!
        func sum(_ r: Range<Int>) -> Float { var s: Float = 0; for k in r { s += p[k] }; return s }
        func peak(_ r: Range<Int>) -> Float { var m: Float = 0; for k in r { m = max(m, p[k]) }; return m }
        let total = sum(fluxBins)
        if let hi = alphaHigh {
            let l = sum(alphaLow), h = sum(hi)
            frame.alphaRatio = l > tiny && h > tiny ? 10 * log10f(h / l) : nil
        }
        if let hi = hammHigh {
            let l = peak(hammLow), h = peak(hi)
            frame.hammarbergIndex = l > tiny && h > tiny ? 10 * log10f(l / h) : nil
        }
        if total > tiny {
            frame.slope0to500 = slope(power, slopeLow)
            if let mid = slopeMid { frame.slope500to1500 = slope(power, mid) }
        }
        // Flux (openSMILE cSpectral, eGeMAPS): √(Σ_k (M_t(k) − M_{t−1}(k))² / K) over the K bins below 5 kHz
        // at the source rate (K = 160 at 16 kHz, 129 at 8 kHz; measured, ratio 1.0000), with M the
        // FFT magnitude of a 20 ms Hamming frame in sample units; the engine's spectrum is rescaled to it.
        var flux: Float = 0
        let last = previous.baseAddress!
        for k in fluxBins {
            let m = p[k].squareRoot() * magnitudeScale
            let d = m - last[k]
            flux += d * d
            last[k] = m
        }
        // openSMILE counts a flux of 0 (digital silence) as 0 in `spectralFlux_sma3` and leaves it out of
        // the V/UV means; nil here marks it (and the first frame) for both.
        frame.spectralFlux = previousValid && flux > 0 ? (flux / Float(fluxBins.count)).squareRoot() : nil
        previousValid = true
    }

    /// eGeMAPS spectral slope (openSMILE cSpectral `slopes`, as measured on its output):
    /// Σ_k c·(k − k_c)·ln max(|X_k|², 10⁻¹⁴) over the band's bins k, with, for 31.25 Hz bins,
    /// 0–500 Hz: k = 0…16, k_c = 8.5, c = 4.08747·10⁻⁴; 500–1500 Hz: k = 16…48, k_c = 33, c = 7.17836·10⁻⁵.
    /// These weights were identified by least squares from openSMILE's per-frame values (fit r = 1 − 10⁻¹¹);
    /// they are a regression slope whose centre is offset from the band's middle (so a flat spectrum
    /// gives −(Σ c(k − k_c))·ln P ≠ 0: 0.112 and 0.0764 in digital silence, as openSMILE reports).
    private func slope(_ power: UnsafeBufferPointer<Float>, _ r: Range<Int>) -> Float? {
        let isLow = r.lowerBound == 0
        let c = isLow ? 4.08747e-4 : 7.17836e-5
        let centre = isLow ? Double(r.lowerBound + r.upperBound - 1) / 2 + 0.5 : Double(r.lowerBound + r.upperBound - 1) / 2 + 1
        var s = 0.0
        let p = power.baseAddress!, scale = Double(powerScale)
        for k in r {
            s += (Double(k) - centre) * log(max(Double(p[k]) * scale, 1e-14))
        }
        return Float(c * s)
    }
}
