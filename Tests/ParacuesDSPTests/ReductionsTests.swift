import Foundation
import ParacuesDSP
import Testing

/// `Reductions` against Double sums. Bound checked: |float − double| ≤ (n/8 + 16) × 2⁻²⁴ × Σ|terms|
/// (each SIMD lane sums n/8 terms, then the lanes and the tail are folded: the standard
/// recursive-summation bound, Higham 2002 §4.2).
@Suite struct ReductionsTests {
    static let lengths = [0, 1, 7, 8, 9, 15, 16, 17, 100, 1_001, 4_096, 65_537]

    static func bound(_ n: Int, _ absoluteSum: Double) -> Double { (Double(n) / 8 + 16) * pow(2, -24) * absoluteSum }

    @Test(arguments: lengths)
    func matchDoubleSums(n: Int) {
        // Offset by 3 so the SIMD loads are unaligned.
        let xAll = SignalMeasurement.noise(count: n + 3, seed: 21), yAll = SignalMeasurement.noise(count: n + 3, seed: 22)
        xAll.withUnsafeBufferPointer { xb in
            yAll.withUnsafeBufferPointer { yb in
                let x = UnsafeBufferPointer(rebasing: xb[3...]), y = UnsafeBufferPointer(rebasing: yb[3...])
                var dot = 0.0, dotAbs = 0.0, sum = 0.0, sumAbs = 0.0, squares = 0.0, peak = 0.0
                for i in 0..<n {
                    let a = Double(x[i]), b = Double(y[i])
                    dot += a * b; dotAbs += abs(a * b); sum += a; sumAbs += abs(a); squares += a * a
                    peak = max(peak, abs(a))
                }
                #expect(abs(Double(Reductions.dot(x, y)) - dot) <= Self.bound(n, dotAbs))
                #expect(abs(Double(Reductions.sum(x)) - sum) <= Self.bound(n, sumAbs))
                #expect(abs(Double(Reductions.sumOfSquares(x)) - squares) <= Self.bound(n, squares))
                #expect(Double(Reductions.peakMagnitude(x)) == peak)
                // Deterministic: same bits on every call.
                #expect(Reductions.dot(x, y).bitPattern == Reductions.dot(x, y).bitPattern)
            }
        }
    }

    /// dot uses the shorter length.
    @Test func dotUsesShorterLength() {
        let x: [Float] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        let y: [Float] = [1, 1, 1]
        x.withUnsafeBufferPointer { xb in y.withUnsafeBufferPointer { yb in
            #expect(Reductions.dot(xb, yb) == 6)
            #expect(Reductions.dot(yb, xb) == 6)
        } }
    }
}
