import Foundation
import ParacuesDSP
import Testing

/// `LaggedCorrelation.normalized` against the definition evaluated in Double.
///
/// Bound checked per lag: |r − r_exact| ≤ (length/2 + 8) × 2⁻²⁴ × Σ|a·b| / √(Σa² Σb²) + 1e-12 (each
/// lag's products are summed in float over two interleaved halves of length/2 terms: the recursive
/// summation bound, Higham 2002 §4.2; the energies are Double).
@Suite struct LaggedCorrelationTests {
    /// (window length, first lag, lag count): lag counts around the 16-lag block size, odd lengths.
    static let cases: [(Int, Int, Int)] = [(1, 0, 3), (2, 1, 16), (7, 3, 15), (160, 127, 67), (213, 127, 17),
                                          (213, 40, 100), (33, 0, 33), (320, 250, 16)]

    @Test(arguments: 0..<cases.count)
    func matchesDefinition(index: Int) {
        let (length, first, count) = Self.cases[index]
        let lags = first...(first + count - 1)
        let aStart = 5
        let x = SignalMeasurement.noise(count: aStart + lags.upperBound + length + 3, seed: UInt64(31 + index))
        var r = [Float](repeating: .nan, count: lags.upperBound + 1)
        let ea = x.withUnsafeBufferPointer { xb in
            r.withUnsafeMutableBufferPointer { rb in
                LaggedCorrelation.normalized(xb.baseAddress!, aStart: aStart, length: length, lags: lags, into: rb.baseAddress!)
            }
        }
        var exactEA = 0.0
        for t in 0..<length { exactEA += Double(x[aStart + t]) * Double(x[aStart + t]) }
        #expect(abs(ea - exactEA) <= 1e-12 * exactEA)
        for lag in lags {
            var dot = 0.0, dotAbs = 0.0, eb = 0.0
            for t in 0..<length {
                let a = Double(x[aStart + t]), b = Double(x[aStart + lag + t])
                dot += a * b; dotAbs += abs(a * b); eb += b * b
            }
            let norm = (exactEA * eb).squareRoot()
            let bound = (Double(length) / 2 + 8) * pow(2, -24) * dotAbs / norm + 1e-12
            #expect(abs(Double(r[lag]) - dot / norm) <= bound, "lag \(lag): \(r[lag]) vs \(dot / norm)")
        }
        // Only the requested lags are written.
        for lag in 0..<lags.lowerBound { #expect(r[lag].isNaN) }
    }

    /// A periodic signal correlates to 1 at its period; silence gives 0 and writes nothing.
    @Test func periodicAndSilent() {
        let period = 80
        let x = (0..<1_000).map { Float(sin(2 * Double.pi * Double($0) / Double(period)) + 0.3 * sin(6 * Double.pi * Double($0) / Double(period))) }
        var r = [Float](repeating: 0, count: 121)
        x.withUnsafeBufferPointer { xb in
            r.withUnsafeMutableBufferPointer { rb in
                _ = LaggedCorrelation.normalized(xb.baseAddress!, aStart: 10, length: 160, lags: 60...120, into: rb.baseAddress!)
            }
        }
        let best = (60...120).max { r[$0] < r[$1] }!
        #expect(best == period)
        #expect(abs(r[period] - 1) < 1e-5)
        let silent = [Float](repeating: 0, count: 400)
        var untouched = [Float](repeating: 7, count: 121)
        let ea = silent.withUnsafeBufferPointer { xb in
            untouched.withUnsafeMutableBufferPointer { rb in
                LaggedCorrelation.normalized(xb.baseAddress!, aStart: 0, length: 160, lags: 60...120, into: rb.baseAddress!)
            }
        }
        #expect(ea == 0)
        #expect(untouched.allSatisfy { $0 == 7 })
        // A silent lagged window (signal then zeros) gives 0, not NaN.
        var tail = [Float](repeating: 0, count: 400)
        for i in 0..<100 { tail[i] = Float(i % 7) - 3 }
        var rt = [Float](repeating: .nan, count: 201)
        tail.withUnsafeBufferPointer { xb in
            rt.withUnsafeMutableBufferPointer { rb in
                _ = LaggedCorrelation.normalized(xb.baseAddress!, aStart: 0, length: 100, lags: 100...200, into: rb.baseAddress!)
            }
        }
        #expect(rt[100...200].allSatisfy { $0 == 0 })
    }
}
