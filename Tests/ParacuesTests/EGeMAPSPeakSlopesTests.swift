import Testing
@testable import Paracues

/// openSMILE cFunctionalPeaks2's peak and slope definition (`EGeMAPSPeakSlopes`) on contours whose
/// extrema and slopes follow by hand from the rules in its doc comment.
@Suite struct EGeMAPSPeakSlopesTests {
    /// 0 → 1 in 50 frames and back, three times (300 frames, 10 ms): maxima at 50, 150, 250, minima at
    /// 100, 200, last value 0.02 at frame 299.
    func triangle() -> [Float] {
        var x: [Float] = []
        for _ in 0..<3 { x += (0..<50).map { Float($0) / 50 } + (0..<50).map { 1 - Float($0) / 50 } }
        return x
    }

    @Test func triangleSlopes() {
        let r = EGeMAPSPeakSlopes.compute(triangle(), frameSeconds: 0.01)
        // Rising: (1 − 0)/0.5 s three times → mean 2, deviation 0. Falling: 2, 2, then the final stretch
        // (0.02 − 1)/0.49 s = −2 → mean 2/3; deviation over the two list slopes, divided by 3:
        // √(2 (2 − 2/3)² / 3) = √(32/27).
        #expect(r.peaks == 3)
        #expect(abs(r.meanRising! - 2) < 1e-4 && abs(r.stddevRising!) < 1e-4)
        #expect(abs(r.meanFalling! - 2.0 / 3) < 1e-4)
        #expect(abs(r.stddevFalling! - (32.0 / 27).squareRoot()) < 1e-4)
    }

    @Test func wigglesBelowTenPercentOfTheRangeAreNotPeaks() {
        // A dip of 0.05 (< θ = 0.1) in the middle of the first rise adds a local maximum and minimum that
        // steps 2–4 remove: still 3 peaks and the same rising mean.
        var x = triangle()
        x[25] = x[24] - 0.05
        let r = EGeMAPSPeakSlopes.compute(x, frameSeconds: 0.01)
        #expect(r.peaks == 3)
        #expect(abs(r.meanRising! - 2) < 1e-4)
    }

    @Test func monotoneContourHasOneSlopePerN() {
        // No extremum: one slope (x_last − x_0)/N, not divided by the frame period (openSMILE).
        let r = EGeMAPSPeakSlopes.compute((0..<100).map { Float($0) / 100 }, frameSeconds: 0.01)
        #expect(r.peaks == 0 && r.meanFalling == nil)
        #expect(abs(r.meanRising! - 0.99 / 100) < 1e-6)
    }
}
