import Foundation
import ParacuesDSP

/// The immutable tables of a ``PeriodicityAnalyzer`` — Hann window, its autocorrelation corrections,
/// the low-cut weights and the FFT size — computed once per (window, rate, f0 range) and shared by
/// every analyser of the process through a ``SharedTableCache`` (creating a pitch tracker no longer
/// recomputes a 163 × 480 window autocorrelation). Bit-identical to computing them per analyser.
final class PeriodicityTables: @unchecked Sendable {
    /// What the tables depend on.
    struct Key: Hashable, Sendable {
        let length: Int, analysisRate: Int, minimumF0: Double, maximumF0: Double
    }

    /// Rate of the decimated signal, Hz.
    let rate: Double
    /// Shortest and longest lag searched (samples at ``rate``).
    let minimumLag: Int, maximumLag: Int
    /// FFT length of the autocorrelation.
    let size: Int
    /// Periodic Hann window of the decimated length, and Σ w².
    let hann: UnsafeBufferPointer<Float>
    let hannPower: Float
    /// `r_w(0) / r_w(τ)` of the Hann window, lags 0…maximumLag + 1.
    let windowCorrelation: UnsafeBufferPointer<Float>
    /// `g(0) / g(τ)`, `g` the inverse FFT of the window's magnitude spectrum, lags 0…maximumLag + 1.
    let windowCompressed: UnsafeBufferPointer<Float>
    /// Spectral weights of the low-cut applied before autocorrelation (bins below `lowCut.count` ramp
    /// from 0 to 1; the rest pass). Read-only.
    let lowCut: UnsafeBufferPointer<Float>

    private static let cache = SharedTableCache<Key, PeriodicityTables>(limit: 16)

    /// The shared tables for `key` (computed on first use).
    static func shared(_ key: Key) -> PeriodicityTables { cache.value(for: key) { PeriodicityTables($0) } }

    private init(_ key: Key) {
        let length = key.length
        rate = Double(key.analysisRate) / 2
        minimumLag = max(2, Int((rate / key.maximumF0).rounded(.down)))
        maximumLag = min(length / 2, Int((rate / key.minimumF0).rounded(.up)) + 1)
        // Circular autocorrelation at lag τ adds r(size − τ), which vanishes once size − τ ≥ length − 1
        // (the periodic Hann window's first coefficient is 0). Lags up to maximumLag + 1 are read, and
        // at the last one the residue r(length − 2) = x₁w₁·x_{L−1}w_{L−1} is ~1e-9 of r(0), far below
        // float resolution; so size ≥ length + maximumLag − 1 suffices. The smallest power of two, or
        // 5 × a power of two (FFTW is as fast on those), is used: 640 at the 50 Hz default floor.
        let needed = length + maximumLag - 1
        var size = 64
        while size < needed { size *= 2 }
        if size / 8 * 5 >= needed { size = size / 8 * 5 }
        self.size = size
        // Low cut: nothing below half the floor, a raised-cosine ramp up to 0.9 × the floor.
        let binHz = rate / Double(size)
        let stop = 0.5 * key.minimumF0 / binHz, pass = 0.9 * key.minimumF0 / binHz
        let cut = (0..<Int(pass.rounded(.up))).map { k in
            let x = (Double(k) - stop) / (pass - stop)
            return x <= 0 ? 0 : Float(0.5 - 0.5 * cos(Double.pi * min(1, x)))
        }
        lowCut = Self.copy(cut)
        let coefficients = WindowShape.hann.coefficients(count: length)
        hann = Self.copy(coefficients)
        hannPower = coefficients.reduce(0) { $0 + $1 * $1 }
        let lags = maximumLag + 2
        let correlation = UnsafeMutableBufferPointer<Float>.allocate(capacity: lags)
        for lag in 0..<lags {
            var s: Double = 0
            for t in 0..<(length - lag) { s += Double(coefficients[t]) * Double(coefficients[t + lag]) }
            correlation[lag] = Float(s)
        }
        // Stored as the factor r_w(0) / r_w(τ) applied to each lag.
        let w0 = correlation[0]
        for lag in 0..<lags { correlation[lag] = w0 / correlation[lag] }
        windowCorrelation = UnsafeBufferPointer(correlation)
        // The window's own magnitude-spectrum "autocorrelation" (inverse FFT of |W|).
        let forward = RealFFT(size: size), inverse = InverseRealFFT(size: size)
        for i in 0..<forward.input.count { forward.input[i] = i < length ? coefficients[i] : 0 }
        forward.transform()
        for k in 0..<forward.binCount {
            let re = forward.output[2 * k], im = forward.output[2 * k + 1]
            inverse.input[2 * k] = (re * re + im * im).squareRoot()
            inverse.input[2 * k + 1] = 0
        }
        inverse.transform()
        let compressed = UnsafeMutableBufferPointer<Float>.allocate(capacity: lags)
        let g0 = inverse.output[0]
        for lag in 0..<lags { compressed[lag] = g0 / inverse.output[lag] }
        windowCompressed = UnsafeBufferPointer(compressed)
    }

    private static func copy(_ values: [Float]) -> UnsafeBufferPointer<Float> {
        let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(1, values.count))
        buffer.initialize(repeating: 0)
        _ = buffer.initialize(from: values)
        return UnsafeBufferPointer(rebasing: buffer[0..<values.count])
    }

    deinit {
        hann.deallocate(); windowCorrelation.deallocate(); windowCompressed.deallocate(); lowCut.deallocate()
    }
}
