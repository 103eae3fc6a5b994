import Foundation

/// Low-pass and 2:1 decimation of consecutive, overlapping pitch windows, computing each output
/// sample once.
///
/// Output `y[j]` ↔ window sample `2j`, with the 31-tap half-band FIR (Blackman-windowed sinc) of
/// ``PeriodicityAnalyzer``: besides the centre tap only odd offsets are non-zero, so
/// `y[j] = h₀·x[2j] + Σ_q h_{2q+1}·(x[2j−2q−1] + x[2j+2q+1])`, the window zero-padded at both ends.
///
/// Consecutive windows are `hop` samples apart, so an output whose taps lie wholly inside the window
/// (every `j` except the first 8 and last 7) reappears `hop / 2` places earlier in the next window
/// with the very same value. Those are shifted, not recomputed: per window only the `hop / 2` new
/// outputs and the zero-padded edges are filtered. The arithmetic per output is the same whichever
/// way it is reached, so the result is bit-identical to filtering every window in full.
///
/// All buffers are allocated in `init`; ``decimate(_:)`` allocates nothing.
final class StreamingHalfBandDecimator {
    /// Output samples per window.
    let length: Int
    /// The decimated window after ``decimate(_:)`` (`length` samples).
    let output: UnsafeMutableBufferPointer<Float>
    /// Non-zero odd-offset taps either side of the centre.
    private static let pad = 8
    private let centre: Float
    private let oddTaps: UnsafeMutableBufferPointer<Float>
    /// Odd-indexed input samples with `pad` zeros on each side.
    private let odd: UnsafeMutableBufferPointer<Float>
    /// Outputs shared by consecutive windows (`hop / 2`), 0 when windows must be filtered in full.
    private let shift: Int
    private var primed = false

    /// - Parameters: `length` output samples per window (the window has `2 × length`), `hop` input
    ///   samples between consecutive windows.
    init(length: Int, hop: Int) {
        self.length = length
        let m = 15
        let taps = (-m...m).map { n -> Float in
            let x = Double(n)
            let sinc = n == 0 ? 0.5 : sin(Double.pi * x / 2) / (Double.pi * x)
            let w = 0.42 + 0.5 * cos(Double.pi * x / Double(m + 1)) + 0.08 * cos(2 * Double.pi * x / Double(m + 1))
            return Float(sinc * w)
        }
        centre = taps[m]
        oddTaps = .allocate(capacity: Self.pad)
        for q in 0..<Self.pad { oddTaps[q] = taps[m + 2 * q + 1] }
        odd = .allocate(capacity: length + 2 * Self.pad)
        odd.initialize(repeating: 0)
        output = .allocate(capacity: length)
        output.initialize(repeating: 0)
        let s = hop / 2
        shift = hop % 2 == 0 && s >= Self.pad && s + 2 * Self.pad <= length ? s : 0
    }

    deinit { oddTaps.deallocate(); odd.deallocate(); output.deallocate() }

    /// Filters the next window (`2 × length` samples, `hop` samples after the previous one).
    func decimate(_ x: UnsafeBufferPointer<Float>) {
        let src = x.baseAddress!
        guard primed, shift > 0 else {
            primed = true
            fill(src, 0, length)
            filter(src, 0, length)
            return
        }
        let y = output.baseAddress!
        // Outputs 8 ..< length − 7 are interior; the previous window's interior ones move down.
        let keep = length - shift
        y.update(from: y + shift, count: keep)
        let left = Self.pad, right = length - (Self.pad - 1) - shift
        fill(src, 0, left + Self.pad)
        fill(src, right - Self.pad, length)
        filter(src, 0, left)
        filter(src, right, length)
    }

    /// Copies odd input samples `lo ..< hi` (clamped to the window) into the padded buffer.
    @inline(__always) private func fill(_ src: UnsafePointer<Float>, _ lo: Int, _ hi: Int) {
        let o = odd.baseAddress! + Self.pad
        var i = max(0, lo)
        let end = min(length, hi)
        let raw = UnsafeRawPointer(src), out = UnsafeMutableRawPointer(o)
        while i + 8 <= end {
            let pairs = raw.loadUnaligned(fromByteOffset: 8 * i, as: SIMD16<Float>.self)
            out.storeBytes(of: pairs.oddHalf, toByteOffset: 4 * i, as: SIMD8<Float>.self)
            i += 8
        }
        while i < end { o[i] = src[2 * i + 1]; i += 1 }
    }

    /// Computes outputs `lo ..< hi` from the even input samples and the padded odd samples, eight
    /// at a time (each lane: `h₀·x`, then `+ h·(left + right)` tap by tap, as the scalar tail).
    @inline(__always) private func filter(_ src: UnsafePointer<Float>, _ lo: Int, _ hi: Int) {
        let y = output.baseAddress!, o = odd.baseAddress!, pad = Self.pad, taps = oddTaps.baseAddress!
        let c0 = centre
        let rawSrc = UnsafeRawPointer(src), rawOdd = UnsafeRawPointer(o), rawY = UnsafeMutableRawPointer(y)
        var j = lo
        while j + 8 <= hi {
            let even = rawSrc.loadUnaligned(fromByteOffset: 8 * j, as: SIMD16<Float>.self).evenHalf
            var acc = c0 * even
            for q in 0..<pad {
                let left = rawOdd.loadUnaligned(fromByteOffset: 4 * (j + pad - q - 1), as: SIMD8<Float>.self)
                let right = rawOdd.loadUnaligned(fromByteOffset: 4 * (j + pad + q), as: SIMD8<Float>.self)
                acc += taps[q] * (left + right)
            }
            rawY.storeBytes(of: acc, toByteOffset: 4 * j, as: SIMD8<Float>.self)
            j += 8
        }
        while j < hi {
            var acc = c0 * src[2 * j]
            for q in 0..<pad { acc += taps[q] * (o[j + pad - q - 1] + o[j + pad + q]) }
            y[j] = acc
            j += 1
        }
    }
}
