/// The resampler's windowed-sinc kernel tabulated densely (`oversampling` points per input sample)
/// for rate pairs whose exact polyphase table (`L × tapsPerPhase`) would be too large, e.g.
/// 44 101 Hz → 16 kHz (L = 16 000).
///
/// A branch's coefficients are linearly interpolated from the dense table, then normalised to sum
/// 1. Linear interpolation errs by at most `Δ² max|h''| / 8` with `Δ = 1/Q` and
/// `max|h''| ≤ (2πν)² × 2ν / 3` (ν = cutoff / inputRate), i.e. `(2πν)² 2ν / (24 Q²)`. With
/// `Q = 2¹⁹ / tapsPerPhase` this is < 2e-8 per coefficient for every accepted rate pair that takes
/// this path (ν ≤ 0.43 with Q ≥ 3 800, or smaller ν with fewer points), far below Float rounding of
/// the output. Cost: ~4 × `tapsPerPhase` operations per output sample; memory 2¹⁹ floats (2 MB).
struct InterpolatedKernel {
    /// Dense table points per input sample.
    let oversampling: Int
    private let taps: Int
    private let upFactor: Int
    /// Points in the dense table.
    var pointCount: Int { dense.count }
    /// `h(u)` for `u = −H + i / Q`, `i = 0 … 2HQ + 1` (one guard point).
    private let dense: [Float]

    init(design: ResamplerDesign, budget: Int) {
        taps = design.tapsPerPhase
        upFactor = design.upFactor
        let half = taps / 2
        oversampling = max(1, budget / taps)
        let q = oversampling
        let nu = design.cutoff / Double(design.inputRate)
        let normaliser = ResamplerDesign.besselI0(design.beta)
        dense = (0...(2 * half * q + 1)).map { i in
            let u = Double(i) / Double(q) - Double(half)
            let r = u / Double(half)
            guard abs(r) <= 1 else { return 0 }
            let x = 2 * nu * u
            let sinc = x == 0 ? 1 : resamplerSine(Double.pi * x) / (Double.pi * x)
            return Float(2 * nu * sinc * ResamplerDesign.besselI0(design.beta * (1 - r * r).squareRoot()) / normaliser)
        }
    }

    /// Writes branch `phase`'s `taps` coefficients into `row` (tap `j` at distance
    /// `u = phase/L + H − 1 − j`, as in ``ResamplerDesign/coefficients(phase:)``), summing to 1.
    func fill(phase: Int, row: UnsafeMutableBufferPointer<Float>) {
        let q = oversampling
        // Position of tap j in the dense table: (phase/L + 2H − 1 − j) × Q.
        let scaled = phase * q
        let whole = scaled / upFactor
        let fraction = Float(Double(scaled % upFactor) / Double(upFactor))
        dense.withUnsafeBufferPointer { d in
            for j in 0..<taps {
                let i = whole + (taps - 1 - j) * q
                let a = d[i], b = d[i + 1]
                row[j] = a + fraction * (b - a)
            }
        }
        let scale = 1 / Reductions.sum(UnsafeBufferPointer(row))
        for j in 0..<taps { row[j] *= scale }
    }
}
