/// Vector kernels of ``PeriodicityAnalyzer``: each gives the same bits as its scalar definition
/// (lane-wise IEEE operations in the same order per value; sums in the lane order of
/// `Reductions.sumOfSquares`).
enum PeriodicityKernels {
    /// `target[2k] = re² + im²` (or its square root when `magnitude`), `target[2k + 1] = 0` for the
    /// interleaved complex bins `k` in `bins`, eight bins at a time (the same arithmetic per bin as
    /// the scalar tail; lane-wise square roots are exact). `magnitude` is a constant at each call
    /// site, so the inlined loop has no branch.
    @inline(__always)
    static func binPowers(_ spectrum: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>,
                          bins: Range<Int>, magnitude: Bool) {
        var k = bins.lowerBound
        let raw = UnsafeRawPointer(spectrum), out = UnsafeMutableRawPointer(target)
        while k + 8 <= bins.upperBound {
            let pairs = raw.loadUnaligned(fromByteOffset: 8 * k, as: SIMD16<Float>.self)
            let re = pairs.evenHalf, im = pairs.oddHalf
            var result = SIMD16<Float>(repeating: 0)
            result.evenHalf = magnitude ? (re * re + im * im).squareRoot() : re * re + im * im
            out.storeBytes(of: result, toByteOffset: 8 * k, as: SIMD16<Float>.self)
            k += 8
        }
        while k < bins.upperBound {
            let re = spectrum[2 * k], im = spectrum[2 * k + 1]
            target[2 * k] = magnitude ? (re * re + im * im).squareRoot() : re * re + im * im
            target[2 * k + 1] = 0
            k += 1
        }
    }

    /// `peak = max |x − mean|`, `output = (x − mean) · window`, and `energy = Σ output²` summed
    /// exactly as `Reductions.sumOfSquares(output)` does (eight lanes over blocks of eight, then the
    /// scalar tail), in the same pass. The maximum is taken over the bit patterns of `|x − mean|`
    /// (ordered like the values for non-negative floats), an integer reduction.
    @inline(__always)
    static func removeMeanAndWindow(_ x: UnsafePointer<Float>, mean: Float, window: UnsafePointer<Float>,
                                            into output: UnsafeMutablePointer<Float>, count: Int)
        -> (peak: Float, energy: Float) {
        var largest = SIMD8<UInt32>(repeating: 0), acc = SIMD8<Float>(repeating: 0)
        let rawX = UnsafeRawPointer(x), rawW = UnsafeRawPointer(window), rawOut = UnsafeMutableRawPointer(output)
        let magnitude = SIMD8<UInt32>(repeating: 0x7fff_ffff), m = SIMD8<Float>(repeating: mean)
        var i = 0
        while i + 8 <= count {
            let v = rawX.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self) - m
            largest = pointwiseMax(largest, unsafeBitCast(v, to: SIMD8<UInt32>.self) & magnitude)
            let y = v * rawW.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self)
            rawOut.storeBytes(of: y, toByteOffset: 4 * i, as: SIMD8<Float>.self)
            acc = acc + y * y
            i += 8
        }
        var top = largest.max(), tail: Float = 0
        while i < count {
            let v = x[i] - mean
            top = max(top, v.bitPattern & 0x7fff_ffff)
            let y = v * window[i]
            output[i] = y
            tail += y * y
            i += 1
        }
        return (Float(bitPattern: top), count > 0 ? acc.sum() + tail : 0)
    }

    /// `Σ (x[i] − mean)² · weights[i]` for `i` in `0..<count`.
    @inline(__always)
    static func weightedEnergy(_ x: UnsafePointer<Float>, mean: Float, weights: UnsafePointer<Float>, count: Int) -> Float {
        let rawX = UnsafeRawPointer(x), rawW = UnsafeRawPointer(weights)
        let m = SIMD8<Float>(repeating: mean)
        var acc = SIMD8<Float>(repeating: 0)
        var i = 0
        while i + 8 <= count {
            let v = rawX.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self) - m
            acc += v * v * rawW.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self)
            i += 8
        }
        var total = acc.sum()
        while i < count { let v = x[i] - mean; total += v * v * weights[i]; i += 1 }
        return total
    }

    /// `max |x[i] − mean|` for `i` in `range` (0 for an empty range).
    @inline(__always)
    static func peakDeviation(_ x: UnsafePointer<Float>, mean: Float, range: Range<Int>) -> Float {
        // Maximum over the bit patterns of |x − mean| (ordered like the values), as in removeMeanAndWindow.
        let raw = UnsafeRawPointer(x), m = SIMD8<Float>(repeating: mean)
        let magnitude = SIMD8<UInt32>(repeating: 0x7fff_ffff)
        var largest = SIMD8<UInt32>(repeating: 0)
        var i = range.lowerBound
        while i + 8 <= range.upperBound {
            let v = raw.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self) - m
            largest = pointwiseMax(largest, unsafeBitCast(v, to: SIMD8<UInt32>.self) & magnitude)
            i += 8
        }
        var top = Float(bitPattern: largest.max())
        while i < range.upperBound { top = max(top, abs(x[i] - mean)); i += 1 }
        return top
    }
}
