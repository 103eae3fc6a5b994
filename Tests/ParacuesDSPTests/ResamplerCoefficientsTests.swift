@testable import ParacuesDSP
import Testing

/// The process-wide coefficient cache: one design per rate pair, the same numbers as a private
/// design, and bounded however many odd rates arrive.
@Suite struct ResamplerCoefficientsTests {
    /// Two lookups of one rate pair give the same object; its table equals a fresh design's exactly.
    @Test(arguments: [(44_100, 16_000), (48_000, 16_000), (44_101, 16_000), (16_000, 16_000)])
    func sharedCoefficientsAreTheDesignedOnes(pair: (Int, Int)) {
        let a = ResamplerCoefficients.shared(inputRate: pair.0, outputRate: pair.1)
        let b = ResamplerCoefficients.shared(inputRate: pair.0, outputRate: pair.1)
        // The cache may have been cleared between the two lookups by a concurrent test filling it
        // with odd rates; then the numbers must still agree.
        let fresh = ResamplerCoefficients(design: ResamplerDesign(inputRate: pair.0, outputRate: pair.1))
        #expect(a.design == fresh.design && b.design == fresh.design)
        #expect(a.table.map(Array.init) == fresh.table.map(Array.init))
        #expect(b.table.map(Array.init) == fresh.table.map(Array.init))
        #expect((a.kernel == nil) == (fresh.kernel == nil))
        if pair.0 == pair.1 { #expect(a.floatCount == 0) }
        if pair.0 == 44_101 { #expect(a.table == nil && a.kernel != nil) }
    }

    /// Resamplers of one rate pair share the cached table: a second one and a fresh one produce
    /// bit-identical output to the first.
    @Test func resamplersOfOnePairAgree() {
        let x = SignalMeasurement.noise(count: 4_410, seed: 5)
        let first = resampleAll(x, from: 44_100, to: 16_000)
        let second = resampleAll(x, from: 44_100, to: 16_000)
        #expect(first == second && first.count == 1_600)
    }

    /// 51 distinct input rates (more designs than the cache keeps; untrusted headers can bring any)
    /// never leave the cache above its limits, and each resampler still works (output length
    /// ceil(n L / M)). Multiples of 1 kHz keep each design small, so the test is quick.
    @Test func cacheStaysBoundedUnderManyRates() {
        for rate in stride(from: 9_000, through: 60_000, by: 1_000) where rate != 16_000 {
            let y = resampleAll([Float](repeating: 0.25, count: 1_000), from: rate, to: 16_000)
            #expect(y.count == (1_000 * 16_000 + rate - 1) / rate)
        }
        #expect(ResamplerCoefficients.cachedFloatCount <= ResamplerCoefficients.cacheFloatLimit)
        #expect(ResamplerCoefficients.cachedDesignCount <= ResamplerCoefficients.cacheDesignLimit)
    }
}
