import Foundation

/// The log-frequency axis of eGeMAPS's SHS pitch (openSMILE cSpecScale, `scale = octave`,
/// `interpMethod = spline`, `auditoryWeighting = 1`), used only by ``EGeMAPSPitchTracker``.
///
/// Definition (from cSpecScale's documented options and its output, which this reproduces to a median
/// relative L1 difference of 10⁻⁴–2·10⁻³ per frame on the parity corpus):
/// - knots: linear bin k (k ≥ 1) sits at x_k = log2(k·Δf) (Δf = bin width), bin 0 at 2x_1 − x_2;
/// - a natural cubic spline through (x_k, |X_k|), k = 0…P − 1 (P = bins up to the bandwidth), is evaluated
///   at P points spaced evenly in log2 f from 25 Hz to the bandwidth;
/// - every point i is multiplied by the auditory weighting a_i = ½ + atan(3(i + 1 − s)/q)/π, a sigmoid
///   in log frequency centred near 32 Hz (s = q·log2(65/50) − 1, q = P / log2(P·Δf / 25 Hz)), which
///   lowers 77 Hz by 8 % against 1.3 kHz; negative values become 0.
/// The spline's tridiagonal system depends only on the knots: it is factorised once, so each frame costs
/// one forward and one backward sweep plus P evaluations. No allocation per frame.
struct EGeMAPSPitchLogAxis {
    /// Number of knots (bins) and of output points.
    let count: Int
    /// Output points per octave.
    let pointsPerOctave: Float
    private let h: [Float]            // knot spacing h_k = x_{k+1} − x_k
    private let denominator: [Float]  // Thomas algorithm: 1 / modified diagonal
    private let upper: [Float]        // modified super-diagonal c'_k
    private let interval: [Int]       // per output point: knot interval j (x_j ≤ t ≤ x_{j+1})
    private let a: [Float], b: [Float], ca: [Float], cb: [Float]
    private let weighting: [Float]
    private var second: [Float]       // spline second derivatives M_k
    private var rhs: [Float]

    /// - Parameters:
    ///   - binHz: linear bin width (Hz); `count`: bins up to the bandwidth (knots = output points);
    ///   - minF: lowest output frequency (25 Hz).
    init(binHz: Float, count: Int, minF: Float = 25) {
        self.count = count
        let n = count
        var x = (0..<n).map { log2(Double(max($0, 1)) * Double(binHz)) }
        x[0] = 2 * x[1] - x[2]
        let spacing = (0..<(n - 1)).map { x[$0 + 1] - x[$0] }
        // Natural spline: M_0 = M_{n−1} = 0; rows k = 1…n−2 of
        // h_{k−1} M_{k−1} + 2(h_{k−1} + h_k) M_k + h_k M_{k+1} = 6(Δ_k − Δ_{k−1}).
        var den = [Float](repeating: 0, count: n), up = [Float](repeating: 0, count: n)
        var previousUpper = 0.0
        for k in 1..<(n - 1) {
            let diag = 2 * (spacing[k - 1] + spacing[k]) - spacing[k - 1] * previousUpper
            den[k] = Float(1 / diag)
            previousUpper = spacing[k] / diag
            up[k] = Float(previousUpper)
        }
        denominator = den; upper = up
        h = spacing.map { Float($0) }
        let top = log2(Double(n - 1) * Double(binHz)), bottom = log2(Double(minF))
        let step = (top - bottom) / Double(n - 1)
        var iv: [Int] = [], aa: [Float] = [], bb: [Float] = [], cA: [Float] = [], cB: [Float] = []
        var j = 0
        for i in 0..<n {
            let t = bottom + Double(i) * step
            while j < n - 2 && x[j + 1] < t { j += 1 }
            let hj = spacing[j], A = (x[j + 1] - t) / hj, B = 1 - A
            iv.append(j); aa.append(Float(A)); bb.append(Float(B))
            cA.append(Float((A * A * A - A) * hj * hj / 6)); cB.append(Float((B * B * B - B) * hj * hj / 6))
        }
        interval = iv; a = aa; b = bb; ca = cA; cb = cB
        pointsPerOctave = Float(Double(n - 1) / (top - bottom))
        let q = Double(n) / log2(Double(n) * Double(binHz) / Double(minF))
        let s = q * log2(65.0 / 50.0) - 1
        weighting = (0..<n).map { Float(0.5 + atan(3 * (Double($0) + 1 - s) / q) / Double.pi) }
        second = [Float](repeating: 0, count: n)
        rhs = [Float](repeating: 0, count: n)
    }

    /// Resamples `magnitude` (linear bins 0…count − 1) onto the weighted log axis, into `output[0..<count]`.
    mutating func resample(_ magnitude: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>) {
        let n = count
        guard let y = magnitude.baseAddress, let out = output.baseAddress else { return }
        h.withUnsafeBufferPointer { hb in
        denominator.withUnsafeBufferPointer { db in
        upper.withUnsafeBufferPointer { ub in
        second.withUnsafeMutableBufferPointer { mb in
        rhs.withUnsafeMutableBufferPointer { rb in
            let h = hb.baseAddress!, den = db.baseAddress!, up = ub.baseAddress!
            let m = mb.baseAddress!, r = rb.baseAddress!
            // Forward sweep; each slope (y_{k+1} − y_k)/h_k is computed once and carried (same value).
            r[0] = 0
            var previousSlope = (y[1] - y[0]) / h[0]
            for k in 1..<(n - 1) {
                let slope = (y[k + 1] - y[k]) / h[k]
                let d = 6 * (slope - previousSlope)
                previousSlope = slope
                r[k] = (d - h[k - 1] * r[k - 1]) * den[k]
            }
            // Back substitution.
            m[n - 1] = 0
            var k = n - 2
            while k >= 1 { m[k] = r[k] - up[k] * m[k + 1]; k -= 1 }
            m[0] = 0
        } } } } }
        interval.withUnsafeBufferPointer { ib in
        a.withUnsafeBufferPointer { ab in
        b.withUnsafeBufferPointer { bb in
        ca.withUnsafeBufferPointer { cab in
        cb.withUnsafeBufferPointer { cbb in
        weighting.withUnsafeBufferPointer { wb in
        second.withUnsafeBufferPointer { mb in
            let iv = ib.baseAddress!, a = ab.baseAddress!, b = bb.baseAddress!
            let ca = cab.baseAddress!, cb = cbb.baseAddress!, w = wb.baseAddress!, m = mb.baseAddress!
            for i in 0..<n {
                let j = iv[i]
                let v = a[i] * y[j] + b[i] * y[j + 1] + ca[i] * m[j] + cb[i] * m[j + 1]
                out[i] = v > 0 ? v * w[i] : 0
            }
        } } } } } } }
    }
}
