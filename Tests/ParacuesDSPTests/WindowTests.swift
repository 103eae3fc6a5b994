import Foundation
import ParacuesDSP
import Testing

/// `WindowShape` coefficients against their closed-form sums, symmetry and peak.
///
/// Periodic windows of length n (n ≥ 3): Σ cos(2πt/n) = 0 and Σ cos²(2πt/n) = n/2, so
/// Hann: Σw = n/2, Σw² = 3n/8; Hamming: Σw = 0.54 n, Σw² = (0.54² + 0.46²/2) n.
@Suite struct WindowTests {
    static func sums(_ w: [Float]) -> (Double, Double) {
        (w.reduce(0.0) { $0 + Double($1) }, w.reduce(0.0) { $0 + Double($1) * Double($1) })
    }

    @Test(arguments: [3, 4, 5, 16, 255, 400, 512, 1_001])
    func hannSums(n: Int) {
        let w = WindowShape.hann.coefficients(count: n)
        let (s1, s2) = Self.sums(w)
        #expect(abs(s1 - Double(n) / 2) <= 1e-6 * Double(n))
        #expect(abs(s2 - 3 * Double(n) / 8) <= 1e-6 * Double(n))
        #expect(w[0] == 0)
        for t in 1..<n { #expect(abs(w[t] - w[n - t]) <= 1e-7) }
        if n % 2 == 0 { #expect(w[n / 2] == 1) }
    }

    @Test(arguments: [3, 8, 400, 999])
    func hammingSums(n: Int) {
        let w = WindowShape.hamming.coefficients(count: n)
        let (s1, s2) = Self.sums(w)
        #expect(abs(s1 - 0.54 * Double(n)) <= 1e-6 * Double(n))
        #expect(abs(s2 - (0.54 * 0.54 + 0.46 * 0.46 / 2) * Double(n)) <= 1e-6 * Double(n))
        #expect(abs(w[0] - 0.08) <= 1e-7)
    }

    /// Gaussian: peak 1 at n/2, symmetric, w[0] = exp(−0.5 / σ²), and Σw ≈ σ (n/2) √(2π) × erf-truncation.
    @Test(arguments: [0.3, 0.4, 0.5])
    func gaussianShape(sigma: Double) {
        let n = 600
        let w = WindowShape.gaussian(sigma: sigma).coefficients(count: n)
        #expect(w[n / 2] == 1)
        for t in 1..<n { #expect(abs(w[t] - w[n - t]) <= 1e-7) }
        #expect(abs(Double(w[0]) - exp(-0.5 / (sigma * sigma))) <= 1e-7)
        let half = Double(n) / 2
        let expected = sigma * half * (2 * Double.pi).squareRoot() * erf(1 / (sigma * 2.squareRoot()))
        let (s1, _) = Self.sums(w)
        // The sampled sum differs from the integral by at most the end effect (≤ one sample of w[0]).
        #expect(abs(s1 - expected) <= Double(w[0]) + 1e-3)
    }
}
