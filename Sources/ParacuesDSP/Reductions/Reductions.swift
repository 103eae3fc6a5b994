/// Vectorised reductions over `Float` buffers.
///
/// A plain `for` loop accumulating into one `Float` does not vectorise (IEEE addition is not
/// associative), so these accumulate into `SIMD8<Float>` lanes and fold at the end. Results may differ
/// from a sequential sum in the last bits, but are the same on every call for the same input, which
/// keeps the engine deterministic.
public enum Reductions {
    /// Σ x[i]². - Complexity: O(n).
    @inlinable
    public static func sumOfSquares(_ x: UnsafeBufferPointer<Float>) -> Float {
        dot(x, x)
    }

    /// Σ x[i] · y[i] over the shorter length. - Complexity: O(n).
    @inlinable
    public static func dot(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Float {
        let n = min(x.count, y.count)
        guard n > 0, let xp = x.baseAddress, let yp = y.baseAddress else { return 0 }
        var acc = SIMD8<Float>(repeating: 0)
        let blocks = n / 8
        var rawX = UnsafeRawPointer(xp), rawY = UnsafeRawPointer(yp)
        for _ in 0..<blocks {
            let a = rawX.loadUnaligned(as: SIMD8<Float>.self)
            let b = rawY.loadUnaligned(as: SIMD8<Float>.self)
            acc = acc + a * b
            rawX += 32
            rawY += 32
        }
        var i = blocks * 8
        var tail: Float = 0
        while i < n { tail += xp[i] * yp[i]; i += 1 }
        return acc.sum() + tail
    }

    /// Σ x[i]. - Complexity: O(n).
    @inlinable
    public static func sum(_ x: UnsafeBufferPointer<Float>) -> Float {
        let n = x.count
        guard n > 0, let xp = x.baseAddress else { return 0 }
        var acc = SIMD8<Float>(repeating: 0)
        let blocks = n / 8
        var raw = UnsafeRawPointer(xp)
        for _ in 0..<blocks {
            acc = acc + raw.loadUnaligned(as: SIMD8<Float>.self)
            raw += 32
        }
        var i = blocks * 8
        var tail: Float = 0
        while i < n { tail += xp[i]; i += 1 }
        return acc.sum() + tail
    }

    /// max |x[i]|, 0 for an empty buffer. - Complexity: O(n).
    @inlinable
    public static func peakMagnitude(_ x: UnsafeBufferPointer<Float>) -> Float {
        var m: Float = 0
        for v in x { m = Swift.max(m, Swift.abs(v)) }
        return m
    }
}
