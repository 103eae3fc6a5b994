/// The coefficients of one ``ResamplerDesign``, computed once and shared, read-only, by every
/// ``PolyphaseResampler`` of that design in the process.
///
/// Designing a filter costs `upFactor × tapsPerPhase` windowed-sinc evaluations (each a sine and a
/// Bessel series): 51 200 for 44.1 kHz → 16 kHz, 2²¹ for the largest tabulated pairs. Paid per
/// resampler, that dominated short inputs — a relay session opening at 24 kHz, a batch of short
/// files, a fuzz execution. ``shared(for:)`` pays it once per rate pair.
///
/// Either an exact polyphase table (`upFactor × tapsPerPhase` floats, when that is at most 2²¹) or,
/// for unusual rate pairs with a huge `upFactor`, a dense ``InterpolatedKernel`` from which each
/// branch is interpolated; identity designs have neither. Immutable after `init`, so sharing across
/// threads is safe.
final class ResamplerCoefficients: @unchecked Sendable {
    /// The largest exact table, in floats (8 MB).
    static let tableLimit = 1 << 21
    /// Dense-kernel points for the interpolated path (2 MB).
    static let kernelBudget = 1 << 19
    /// The cache drops everything once it holds more than this many floats (32 MB) or designs,
    /// so odd rates from untrusted headers cannot grow it without bound. Resamplers keep their
    /// coefficients alive on their own.
    static let cacheFloatLimit = 1 << 23
    static let cacheDesignLimit = 32

    let design: ResamplerDesign
    /// `upFactor × tapsPerPhase` coefficients, branch `p` at `p × tapsPerPhase`; nil when absent.
    let table: UnsafeBufferPointer<Float>?
    /// The dense kernel when the exact table would exceed ``tableLimit``.
    let kernel: InterpolatedKernel?

    /// Floats held (table or dense kernel).
    var floatCount: Int { table?.count ?? kernel?.pointCount ?? 0 }

    /// Designs the coefficients of `design` (no caching; see ``shared(for:)``).
    init(design: ResamplerDesign) {
        self.design = design
        let taps = design.tapsPerPhase, phases = design.upFactor
        if design.isIdentity {
            table = nil
            kernel = nil
        } else if phases * taps <= Self.tableLimit {
            let t = UnsafeMutableBufferPointer<Float>.allocate(capacity: phases * taps)
            let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: taps)
            defer { scratch.deallocate() }
            for p in 0..<phases {
                design.fill(phase: p, row: UnsafeMutableBufferPointer(rebasing: t[(p * taps)..<((p + 1) * taps)]),
                            scratch: scratch)
            }
            table = UnsafeBufferPointer(t)
            kernel = nil
        } else {
            table = nil
            kernel = InterpolatedKernel(design: design, budget: Self.kernelBudget)
        }
    }

    deinit { table?.deallocate() }

    private static let cache = SharedTableCache<ResamplerDesign, ResamplerCoefficients>(
        limit: cacheDesignLimit, costLimit: cacheFloatLimit, cost: { $0.floatCount })

    /// Floats held by the cache now (for tests and diagnostics).
    static var cachedFloatCount: Int { cache.totalCost }
    /// Designs held by the cache now.
    static var cachedDesignCount: Int { cache.count }

    /// The coefficients for `inputRate → outputRate`, from the process-wide cache (designed on first
    /// use; the design runs outside the lock, so other rate pairs never wait for it).
    static func shared(inputRate: Int, outputRate: Int) -> ResamplerCoefficients {
        cache.value(for: ResamplerDesign(inputRate: inputRate, outputRate: outputRate)) { ResamplerCoefficients(design: $0) }
    }
}
