import Foundation

/// Statistics of one contour as openSMILE's cFunctionals computes them for eGeMAPS.
enum ContourStatistics {
    /// Three-frame centred moving average ("sma3"). With `skipMissing` ("nz"), absent frames stay
    /// absent and are left out of their neighbours' averages; otherwise absent frames count as 0.
    static func smooth(_ x: [Float?], skipMissing: Bool) -> [Float?] {
        var out = [Float?](repeating: nil, count: x.count)
        for i in 0..<x.count {
            if skipMissing && x[i] == nil { continue }
            var s: Float = 0, n: Float = 0
            for j in max(0, i - 1)...min(x.count - 1, i + 1) {
                if let v = x[j] { s += v; n += 1 } else if !skipMissing { n += 1 }
            }
            out[i] = n > 0 ? s / n : nil
        }
        return out
    }

    /// Arithmetic mean.
    static func mean(_ v: [Float]) -> Double? {
        v.isEmpty ? nil : v.reduce(0.0) { $0 + Double($1) } / Double(v.count)
    }

    /// Coefficient of variation, σ/μ (population σ; sign of μ kept, as openSMILE's stddevNorm).
    static func stddevNorm(_ v: [Float]) -> Double? {
        guard let m = mean(v), m != 0 else { return nil }
        let varSum = v.reduce(0.0) { $0 + (Double($1) - m) * (Double($1) - m) }
        return (varSum / Double(v.count)).squareRoot() / m
    }

    /// Percentile `p` (0…1) of sorted values with linear interpolation between ranks p·(n−1).
    static func percentile(sorted v: [Float], _ p: Double) -> Double? {
        guard !v.isEmpty else { return nil }
        let pos = p * Double(v.count - 1)
        let lo = Int(pos.rounded(.down)), hi = min(v.count - 1, lo + 1)
        let f = pos - Double(lo)
        return Double(v[lo]) * (1 - f) + Double(v[hi]) * f
    }

    /// Lengths (in frames) of runs of `true` and of `false`.
    static func runs(_ flags: [Bool]) -> (on: [Int], off: [Int]) {
        var on: [Int] = [], off: [Int] = []
        var i = 0
        while i < flags.count {
            var j = i
            while j < flags.count && flags[j] == flags[i] { j += 1 }
            if flags[i] { on.append(j - i) } else { off.append(j - i) }
            i = j
        }
        return (on, off)
    }

    /// Population standard deviation.
    static func stddev(_ v: [Double]) -> Double? {
        guard !v.isEmpty else { return nil }
        let m = v.reduce(0, +) / Double(v.count)
        return (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count)).squareRoot()
    }
}
