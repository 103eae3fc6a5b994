import Foundation

/// Fitting routines for the cue heads: L2-regularised multinomial logistic regression and ridge
/// regression on standardised features (rows of `x`, no intercept column: intercepts are fitted
/// unpenalised). Small dense problems (tens of features, thousands of rows).
enum LinearModels {
    /// Multinomial logistic regression minimising
    /// `Σ_i s_i · (−log softmax(b + W x_i)[y_i]) / Σ_i s_i + λ/2 · ‖W‖²` by gradient descent with
    /// Armijo backtracking (convex: converges to the unique optimum).
    /// - Parameters:
    ///   - x: n rows of d features.
    ///   - y: class index of each row (0..<classCount).
    ///   - sampleWeights: s_i > 0 (e.g. class balancing).
    /// - Returns: (W: classCount × d, b: classCount).
    static func logistic(x: [[Double]], y: [Int], classCount k: Int, sampleWeights: [Double], l2: Double,
                         maxIterations: Int = 3000, tolerance: Double = 1e-7) -> (weights: [[Double]], bias: [Double]) {
        let d = x.first?.count ?? 0
        let total = sampleWeights.reduce(0, +)
        var w = [Double](repeating: 0, count: k * (d + 1))   // per class: d weights then bias
        func loss(_ w: [Double], gradient: inout [Double]) -> Double {
            for i in gradient.indices { gradient[i] = 0 }
            var value = 0.0
            var scores = [Double](repeating: 0, count: k)
            for (i, row) in x.enumerated() {
                for c in 0..<k {
                    var s = w[c * (d + 1) + d]
                    for j in 0..<d { s += w[c * (d + 1) + j] * row[j] }
                    scores[c] = s
                }
                let top = scores.max()!
                var sum = 0.0
                for c in 0..<k { scores[c] = exp(scores[c] - top); sum += scores[c] }
                let si = sampleWeights[i] / total
                value -= si * log(max(scores[y[i]] / sum, 1e-300))
                for c in 0..<k {
                    let g = si * (scores[c] / sum - (c == y[i] ? 1 : 0))
                    for j in 0..<d { gradient[c * (d + 1) + j] += g * row[j] }
                    gradient[c * (d + 1) + d] += g
                }
            }
            for c in 0..<k {
                for j in 0..<d {
                    let v = w[c * (d + 1) + j]
                    value += 0.5 * l2 * v * v
                    gradient[c * (d + 1) + j] += l2 * v
                }
            }
            return value
        }
        var gradient = w, trialGradient = w
        var current = loss(w, gradient: &gradient)
        var step = 1.0
        for _ in 0..<maxIterations {
            let norm2 = gradient.reduce(0) { $0 + $1 * $1 }
            if norm2.squareRoot() < tolerance { break }
            var accepted = false
            while step > 1e-12 {
                let trial = zip(w, gradient).map { $0 - step * $1 }
                let value = loss(trial, gradient: &trialGradient)
                if value <= current - 0.5 * step * norm2 {
                    w = trial; current = value; swap(&gradient, &trialGradient)
                    accepted = true
                    step *= 2
                    break
                }
                step *= 0.5
            }
            if !accepted { break }
        }
        let weights = (0..<k).map { c in Array(w[(c * (d + 1))..<(c * (d + 1) + d)]) }
        let bias = (0..<k).map { w[$0 * (d + 1) + d] }
        return (weights, bias)
    }

    /// Ridge regression: minimises `Σ (y_i − b − w·x_i)² / n + λ ‖w‖²` in closed form
    /// (`(XcᵀXc/n + λI) w = Xcᵀ yc / n` on centred data, then `b = ȳ − w·x̄`).
    static func ridge(x: [[Double]], y: [Double], l2: Double) -> (weights: [Double], bias: Double) {
        let n = Double(x.count), d = x.first?.count ?? 0
        let xMean = (0..<d).map { j in x.reduce(0) { $0 + $1[j] } / n }
        let yMean = y.reduce(0, +) / n
        var a = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        var rhs = [Double](repeating: 0, count: d)
        for (row, target) in zip(x, y) {
            for p in 0..<d {
                let xp = row[p] - xMean[p]
                rhs[p] += xp * (target - yMean) / n
                for q in 0..<d { a[p][q] += xp * (row[q] - xMean[q]) / n }
            }
        }
        for p in 0..<d { a[p][p] += l2 }
        let w = solve(a, rhs)
        let b = yMean - zip(w, xMean).reduce(0) { $0 + $1.0 * $1.1 }
        return (w, b)
    }

    /// Solves a symmetric positive-definite system by Gaussian elimination with partial pivoting.
    static func solve(_ matrix: [[Double]], _ vector: [Double]) -> [Double] {
        var a = matrix, b = vector
        let n = b.count
        for col in 0..<n {
            let pivot = (col..<n).max { abs(a[$0][col]) < abs(a[$1][col]) }!
            a.swapAt(col, pivot); b.swapAt(col, pivot)
            let p = a[col][col]
            guard abs(p) > 1e-300 else { continue }
            for r in (col + 1)..<n where a[r][col] != 0 {
                let f = a[r][col] / p
                for c in col..<n { a[r][c] -= f * a[col][c] }
                b[r] -= f * b[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for r in stride(from: n - 1, through: 0, by: -1) {
            var s = b[r]
            for c in (r + 1)..<n { s -= a[r][c] * x[c] }
            x[r] = abs(a[r][r]) > 1e-300 ? s / a[r][r] : 0
        }
        return x
    }
}
