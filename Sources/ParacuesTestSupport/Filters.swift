/// A second-order IIR section in direct form I (RBJ audio-EQ-cookbook designs).
public struct Biquad: Sendable {
    private var b0, b1, b2, a1, a2: Double
    private var x1 = 0.0, x2 = 0.0, y1 = 0.0, y2 = 0.0

    /// Low-pass of corner `frequency` Hz and quality `q` at `sampleRate` Hz.
    public static func lowPass(frequency: Double, q: Double, sampleRate: Double) -> Biquad {
        let w = 2 * Double.pi * frequency / sampleRate, alpha = _sin(w) / (2 * q), c = _cos(w)
        return Biquad(b: [(1 - c) / 2, 1 - c, (1 - c) / 2], a: [1 + alpha, -2 * c, 1 - alpha])
    }

    /// High-pass of corner `frequency` Hz and quality `q` at `sampleRate` Hz.
    public static func highPass(frequency: Double, q: Double, sampleRate: Double) -> Biquad {
        let w = 2 * Double.pi * frequency / sampleRate, alpha = _sin(w) / (2 * q), c = _cos(w)
        return Biquad(b: [(1 + c) / 2, -(1 + c), (1 + c) / 2], a: [1 + alpha, -2 * c, 1 - alpha])
    }

    private init(b: [Double], a: [Double]) {
        b0 = b[0] / a[0]; b1 = b[1] / a[0]; b2 = b[2] / a[0]; a1 = a[1] / a[0]; a2 = a[2] / a[0]
    }

    /// Filters one sample.
    public mutating func process(_ x: Double) -> Double {
        let y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
        x2 = x1; x1 = x; y2 = y1; y1 = y
        return y
    }

    /// Butterworth section qualities for an even `order`.
    static func butterworthQ(order: Int) -> [Double] {
        (0..<(order / 2)).map { k in 1 / (2 * _sin(Double.pi * Double(2 * k + 1) / Double(2 * order))) }
    }
}

/// Telephone channel: 4th-order Butterworth high-pass at 300 Hz and 6th-order Butterworth low-pass
/// at 3 400 Hz (the ITU-T G.712 pass band), causal.
public struct TelephoneBand: Sendable {
    private var sections: [Biquad]

    /// Creates the band-pass for `sampleRate` Hz (≥ 8 000).
    public init(sampleRate: Double) {
        sections = Biquad.butterworthQ(order: 4).map { Biquad.highPass(frequency: 300, q: $0, sampleRate: sampleRate) }
            + Biquad.butterworthQ(order: 6).map { Biquad.lowPass(frequency: 3400, q: $0, sampleRate: sampleRate) }
    }

    /// Filters `x` in place.
    public mutating func apply(to x: inout [Float]) {
        for i in x.indices {
            var v = Double(x[i])
            for s in sections.indices { v = sections[s].process(v) }
            x[i] = Float(v)
        }
    }
}

/// A cascade of Klatt (1980) two-pole formant resonators with unity gain at 0 Hz:
/// `y[n] = A x[n] + B y[n−1] + C y[n−2]`, `C = −e^{−2πBw/fs}`, `B = 2e^{−πBw/fs} cos(2πF/fs)`,
/// `A = 1 − B − C`. Formants at or above 0.45 × the sample rate are skipped.
struct FormantCascade {
    private var coefficients: [(a: Double, b: Double, c: Double)] = []
    private var state: [(y1: Double, y2: Double)] = []

    init(frequencies: [Double], bandwidths: [Double], sampleRate: Double) {
        for (f, bw) in zip(frequencies, bandwidths) where f < 0.45 * sampleRate {
            let c = -_exp(-2 * Double.pi * bw / sampleRate)
            let b = 2 * _exp(-Double.pi * bw / sampleRate) * _cos(2 * Double.pi * f / sampleRate)
            coefficients.append((1 - b - c, b, c))
            state.append((0, 0))
        }
    }

    mutating func process(_ x: Double) -> Double {
        var v = x
        for i in coefficients.indices {
            let k = coefficients[i]
            let y = k.a * v + k.b * state[i].y1 + k.c * state[i].y2
            state[i] = (y, state[i].y1)
            v = y
        }
        return v
    }
}
