/// The anti-aliasing / anti-imaging filter of a ``PolyphaseResampler``: a Kaiser-windowed sinc
/// low-pass designed for a rational rate change `L/M`.
///
/// Design rules (Kaiser 1974, as given in Oppenheim & Schafer, *Discrete-Time Signal Processing*,
/// §7.5.3): with `fmin = min(inputRate, outputRate)`,
/// - downsampling (and equal rates): passband edge `fp = 0.45 × fmin` (7 200 Hz for 16 kHz output),
///   stopband edge `fs = 0.50 × fmin` (the output Nyquist frequency, so nothing aliases at all);
/// - upsampling (`inputRate < outputRate`): `fp = 0.49 × inputRate`, `fs = 0.51 × inputRate`, so the
///   cutoff sits exactly on the input Nyquist frequency (3 920 / 4 080 / 4 000 Hz for 8 kHz input).
///   The whole input band up to 0.98 × its Nyquist passes flat, which is what an analysis of the
///   file at its own rate sees (eGeMAPS parity on native 8 kHz files, docs/egemaps.md); the price is
///   that input content within 0.02 × inputRate of its Nyquist leaves a partial image just above it
///   (8 kHz input: 3 920–4 000 Hz images to 4 000–4 080 Hz, −6 dB at 4 000 Hz, ≥ 90 dB down from
///   4 080 Hz), outside the source bandwidth the analysis uses. For `L = 2` the filter is a half-band
///   interpolator: the input samples reappear unchanged (to Float rounding) at the even outputs;
/// - cutoff `fc = (fp + fs) / 2` (the −6 dB point),
/// - design attenuation `A = 90 dB` → `β = 0.1102 (A − 8.7)`, and
///   `N = (A − 7.95) / (2.285 × 2π × Δf)` taps (Δf = (fs − fp) / inputRate), rounded up to a
///   multiple of 8 so every dot product runs entirely in SIMD lanes (upsampling: 288 taps, 18 ms
///   look-ahead from 8 kHz).
///
/// The measured response (tests in `ResamplerResponseTests`) is ≤ 0.001 dB passband ripple and
/// ≥ 85 dB stopband attenuation for the rates paracues accepts; see `docs/input.md`.
public struct ResamplerDesign: Sendable, Hashable {
    /// Input sample rate, in Hz (> 0).
    public let inputRate: Int
    /// Output sample rate, in Hz (> 0).
    public let outputRate: Int
    /// Interpolation factor `L = outputRate / gcd`.
    public let upFactor: Int
    /// Decimation factor `M = inputRate / gcd`.
    public let downFactor: Int
    /// Passband edge, in Hz: `0.45 × min(inputRate, outputRate)`; upsampling `0.49 × inputRate`.
    public let passbandEdge: Double
    /// Stopband edge, in Hz: `0.5 × min(inputRate, outputRate)`; upsampling `0.51 × inputRate`.
    public let stopbandEdge: Double
    /// Cutoff (−6 dB) frequency, in Hz: midway between the edges.
    public let cutoff: Double
    /// Stopband attenuation the Kaiser formula was asked for, in dB (90).
    public let designAttenuation: Double
    /// Kaiser window shape parameter β.
    public let beta: Double
    /// Taps per polyphase branch (input samples per output sample), even, a multiple of 8; 0 when
    /// the rates are equal (identity, no filter).
    public let tapsPerPhase: Int

    /// Designs the filter for `inputRate → outputRate` (both > 0).
    public init(inputRate: Int, outputRate: Int) {
        precondition(inputRate > 0 && outputRate > 0, "sample rates must be positive")
        self.inputRate = inputRate
        self.outputRate = outputRate
        let g = Self.gcd(inputRate, outputRate)
        upFactor = outputRate / g
        downFactor = inputRate / g
        let fmin = Double(min(inputRate, outputRate))
        if inputRate < outputRate {
            passbandEdge = 0.49 * fmin
            stopbandEdge = 0.51 * fmin
        } else {
            passbandEdge = 0.45 * fmin
            stopbandEdge = 0.5 * fmin
        }
        cutoff = (passbandEdge + stopbandEdge) / 2
        designAttenuation = 90
        beta = 0.1102 * (designAttenuation - 8.7)
        if inputRate == outputRate {
            tapsPerPhase = 0
        } else {
            let transition = (stopbandEdge - passbandEdge) / Double(inputRate)
            let length = (designAttenuation - 7.95) / (2.285 * 2 * Double.pi * transition)
            tapsPerPhase = (Int(length.rounded(.up)) + 7) / 8 * 8
        }
    }

    /// True when input and output rates are equal: samples pass through unchanged.
    public var isIdentity: Bool { inputRate == outputRate }

    /// Input samples the filter looks ahead of an output instant (half the taps). The resampler's
    /// latency is this many input samples; its group delay is compensated (zero).
    public var lookAhead: Int { tapsPerPhase / 2 }

    /// Greatest common divisor (Euclid).
    public static func gcd(_ a: Int, _ b: Int) -> Int {
        var a = a, b = b
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    /// The `tapsPerPhase` coefficients of branch `phase` (0..<upFactor), normalised to sum to
    /// exactly 1 (in Double) so the DC gain is 1 in every phase.
    ///
    /// Tap `j` multiplies input sample `i − H + 1 + j`, where `i + phase/L` is the output instant in
    /// input samples and `H = tapsPerPhase / 2`; its value is the windowed sinc at distance
    /// `u = phase/L + H − 1 − j` input samples: `2ν sinc(2ν u) × I0(β √(1 − (u/H)²)) / I0(β)`,
    /// `ν = cutoff / inputRate`.
    public func coefficients(phase: Int) -> [Float] {
        var row = [Float](repeating: 0, count: tapsPerPhase)
        var scratch = [Double](repeating: 0, count: tapsPerPhase)
        row.withUnsafeMutableBufferPointer { r in
            scratch.withUnsafeMutableBufferPointer { s in fill(phase: phase, row: r, scratch: s) }
        }
        return row
    }

    /// Allocation-free form of ``coefficients(phase:)``: `row` and `scratch` hold ≥ `tapsPerPhase`.
    func fill(phase: Int, row: UnsafeMutableBufferPointer<Float>, scratch: UnsafeMutableBufferPointer<Double>) {
        precondition(row.count >= tapsPerPhase && scratch.count >= tapsPerPhase && (0..<upFactor).contains(phase))
        let half = tapsPerPhase / 2
        let nu = cutoff / Double(inputRate)
        let fraction = Double(phase) / Double(upFactor)
        let normaliser = Self.besselI0(beta)
        var total = 0.0
        for j in 0..<tapsPerPhase {
            let u = fraction + Double(half - 1 - j)
            let x = 2 * nu * u
            let sinc = x == 0 ? 1 : resamplerSine(Double.pi * x) / (Double.pi * x)
            let r = u / Double(half)
            let window = abs(r) <= 1 ? Self.besselI0(beta * (1 - r * r).squareRoot()) / normaliser : 0
            scratch[j] = 2 * nu * sinc * window
            total += scratch[j]
        }
        for j in 0..<tapsPerPhase { row[j] = Float(scratch[j] / total) }
    }

    /// Modified Bessel function of the first kind, order 0, by its power series
    /// `Σ ((x/2)^k / k!)²` (converges for all x; ~30 terms for x ≤ 10).
    public static func besselI0(_ x: Double) -> Double {
        let q = x * x / 4
        var term = 1.0, sum = 1.0, k = 1.0
        while term > sum * 1e-17 {
            term *= q / (k * k)
            sum += term
            k += 1
        }
        return sum
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@inline(__always) func resamplerSine(_ x: Double) -> Double { sin(x) }
