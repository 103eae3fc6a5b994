import Foundation

/// A cascade of two-pole resonators (Klatt 1980 cascade formant synthesiser), for synthetic
/// vocalisations. Each resonator has unit gain at 0 Hz.
public struct NonVerbalFormantFilter: Sendable {
    private var a: [Double] = [], b: [Double] = [], c: [Double] = []
    private var y1: [Double] = [], y2: [Double] = []

    /// - Parameters:
    ///   - formants: (centre frequency Hz, bandwidth Hz) pairs, each below `sampleRate / 2`.
    ///   - sampleRate: Hz.
    public init(formants: [(Double, Double)], sampleRate: Double) {
        for (f, bw) in formants {
            let cc = -exp(-2 * Double.pi * bw / sampleRate)
            let bb = 2 * exp(-Double.pi * bw / sampleRate) * cos(2 * Double.pi * f / sampleRate)
            a.append(1 - bb - cc); b.append(bb); c.append(cc)
        }
        y1 = [Double](repeating: 0, count: a.count)
        y2 = y1
    }

    /// Filters one sample.
    public mutating func process(_ x: Double) -> Double {
        var v = x
        for i in a.indices {
            let y = a[i] * v + b[i] * y1[i] + c[i] * y2[i]
            y2[i] = y1[i]; y1[i] = y
            v = y
        }
        return v
    }
}

/// Vowel formant sets (F1–F4 with bandwidths, Hz) for adult voices, after Peterson & Barney (1952)
/// and Klatt (1980).
public enum NonVerbalVowel: CaseIterable, Sendable {
    /// /a/ as in "ha".
    case ah
    /// Schwa /ə/ as in "huh".
    case schwa
    /// /i/ as in "hee".
    case ee
    /// /o/ as in "ho".
    case oh

    /// (frequency, bandwidth) of F1–F4, scaled by `scale` (1 for male, ≈ 1.15 for female voices).
    public func formants(scale: Double = 1) -> [(Double, Double)] {
        let f: [Double]
        switch self {
        case .ah: f = [730, 1090, 2440, 3400]
        case .schwa: f = [500, 1500, 2500, 3500]
        case .ee: f = [300, 2250, 3000, 3700]
        case .oh: f = [570, 840, 2410, 3400]
        }
        let bw: [Double] = [90, 110, 170, 250]
        return zip(f, bw).map { ($0 * scale, $1) }
    }
}
