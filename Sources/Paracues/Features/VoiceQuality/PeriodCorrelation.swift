import ParacuesDSP

/// Normalised cross-correlation kernels for period marking and harmonicity.
///
/// `r(L) = Σ a[t] b[t] / sqrt(Σ a² Σ b²)` with `b` the same signal `L` samples later. The best integer
/// lag is refined by fitting a parabola through `r(L−1), r(L), r(L+1)` (as Praat does), giving a
/// fractional lag and an interpolated peak value. The correlations of all lags come from
/// ``LaggedCorrelation`` (ParacuesDSP), which shares every loaded sample between 16 lags.
enum PeriodCorrelation {
    /// The lag in `[minLag, maxLag]` (samples) maximising the normalised correlation between
    /// `x[aStart ..< aStart + length]` and `x[aStart + L ..< aStart + L + length]`.
    ///
    /// `x` must hold indices `aStart ..< aStart + maxLag + 1 + length`. `scratch` needs
    /// `maxLag + 2` slots. Returns the fractional lag and the interpolated peak correlation (−1…1),
    /// or nil when the range is empty or the signal silent.
    static func bestLag(_ x: UnsafePointer<Float>, aStart: Int, length: Int, minLag: Int, maxLag: Int,
                        scratch: UnsafeMutableBufferPointer<Float>) -> (lag: Double, r: Double)? {
        let lo = max(1, minLag - 1), hi = maxLag + 1
        guard lo + 1 < hi, length > 1, hi < scratch.count else { return nil }
        let r = scratch.baseAddress!
        guard LaggedCorrelation.normalized(x, aStart: aStart, length: length, lags: lo...hi, into: r) > 0
        else { return nil }
        var best = -1, bestR: Float = -2
        for lag in minLag...maxLag where r[lag] > bestR { bestR = r[lag]; best = lag }
        guard best >= 0 else { return nil }
        let rm = Double(scratch[best - 1]), r0 = Double(scratch[best]), rp = Double(scratch[best + 1])
        let curvature = rm - 2 * r0 + rp
        guard curvature < 0 else { return (Double(best), r0) }
        let delta = max(-0.5, min(0.5, 0.5 * (rm - rp) / curvature))
        let peak = r0 - 0.25 * (rm - rp) * delta
        return (Double(best) + delta, min(peak, 1))
    }

    /// Position (fractional index) and value of the maximum of `x[from ..< to]`, refined by a parabola.
    static func peak(_ x: UnsafePointer<Float>, from: Int, to: Int, sign: Float) -> (position: Double, value: Double) {
        var best = from, bestV = -Float.greatestFiniteMagnitude
        for i in from..<to where sign * x[i] > bestV { bestV = sign * x[i]; best = i }
        guard best > from, best < to - 1 else { return (Double(best), Double(bestV)) }
        let ym = Double(sign * x[best - 1]), y0 = Double(bestV), yp = Double(sign * x[best + 1])
        let c = ym - 2 * y0 + yp
        guard c < 0 else { return (Double(best), y0) }
        let d = max(-0.5, min(0.5, 0.5 * (ym - yp) / c))
        return (Double(best) + d, y0 - 0.25 * (ym - yp) * d)
    }
}
