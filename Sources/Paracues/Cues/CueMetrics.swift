import Foundation

/// Evaluation measures used by ``CueTraining``.
public enum CueMetrics {
    /// Confusion matrix: `matrix[true][predicted]` counts.
    public static func confusion(truth: [Int], predicted: [Int], classCount: Int) -> [[Int]] {
        var m = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: classCount)
        for (t, p) in zip(truth, predicted) { m[t][p] += 1 }
        return m
    }

    /// Unweighted average recall: mean over classes present in `truth` of the fraction of that
    /// class predicted correctly (chance = 1 / number of classes).
    public static func unweightedAverageRecall(_ confusion: [[Int]]) -> Double {
        let recalls = confusion.enumerated().compactMap { (c, row) -> Double? in
            let n = row.reduce(0, +)
            return n > 0 ? Double(row[c]) / Double(n) : nil
        }
        return recalls.isEmpty ? 0 : recalls.reduce(0, +) / Double(recalls.count)
    }

    /// Expected calibration error (Guo et al. 2017): rows' top probabilities binned into `bins`
    /// equal-width bins on 0…1; Σ_b (n_b / n) · |accuracy_b − mean confidence_b|. 0 = perfectly calibrated.
    public static func expectedCalibrationError(probabilities: [[Double]], truth: [Int], bins: Int = 10) -> Double {
        var count = [Double](repeating: 0, count: bins), correct = count, confidence = count
        for (p, t) in zip(probabilities, truth) {
            let top = p.indices.max { p[$0] < p[$1] }!
            let b = min(bins - 1, Int(p[top] * Double(bins)))
            count[b] += 1
            confidence[b] += p[top]
            if top == t { correct[b] += 1 }
        }
        let n = count.reduce(0, +)
        guard n > 0 else { return 0 }
        return (0..<bins).reduce(0) { sum, b in
            count[b] > 0 ? sum + abs(correct[b] - confidence[b]) / n : sum
        }
    }

    /// Lin's concordance correlation coefficient, −1…1 (1 = perfect agreement):
    /// `2 cov(x, y) / (var x + var y + (mean x − mean y)²)`.
    public static func concordance(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        guard n > 1 else { return 0 }
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var vx = 0.0, vy = 0.0, c = 0.0
        for (a, b) in zip(x, y) { vx += (a - mx) * (a - mx); vy += (b - my) * (b - my); c += (a - mx) * (b - my) }
        let denominator = vx / n + vy / n + (mx - my) * (mx - my)
        return denominator > 0 ? 2 * c / n / denominator : 0
    }

    /// Softmax of `scores / temperature`.
    public static func softmax(_ scores: [Double], temperature: Double = 1) -> [Double] {
        let top = scores.max() ?? 0
        let e = scores.map { exp(($0 - top) / temperature) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }

    /// The temperature T (0.05…20) minimising the negative log-likelihood of held-out `scores`
    /// (Guo et al. 2017), by golden-section search on ln T.
    public static func fitTemperature(scores: [[Double]], truth: [Int]) -> Double {
        func nll(_ logT: Double) -> Double {
            let t = exp(logT)
            return zip(scores, truth).reduce(0) { $0 - log(max(softmax($1.0, temperature: t)[$1.1], 1e-300)) }
        }
        var a = log(0.05), b = log(20.0)
        let g = (5.0.squareRoot() - 1) / 2
        var c = b - g * (b - a), d = a + g * (b - a)
        var fc = nll(c), fd = nll(d)
        for _ in 0..<60 {
            if fc < fd { b = d; d = c; fd = fc; c = b - g * (b - a); fc = nll(c) }
            else { a = c; c = d; fc = fd; d = a + g * (b - a); fd = nll(d) }
        }
        return exp((a + b) / 2)
    }
}
