/// Event-detection scoring against exact truth.
///
/// Matching rule: a detection matches a true event of the same type when their intervals overlap by
/// at least `minimumOverlap` (default 30 %) of the true event's duration; each detection and each true
/// event is matched at most once (greedy, in time order).
public struct NonVerbalEventScore: Sendable, CustomStringConvertible {
    /// Matched detections.
    public var truePositives = 0
    /// Unmatched detections.
    public var falsePositives = 0
    /// Unmatched true events.
    public var falseNegatives = 0

    /// Creates an empty score.
    public init() {}

    /// TP / (TP + FP), 1 when nothing was detected.
    public var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
    /// TP / (TP + FN), 1 when there was nothing to find.
    public var recall: Double { truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives) }
    /// Harmonic mean of precision and recall.
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    /// Adds the matches of `detected` against `truth`, both as (start, end) seconds of one type.
    public mutating func add(detected: [(Double, Double)], truth: [(Double, Double)], minimumOverlap: Double = 0.3) {
        var used = [Bool](repeating: false, count: detected.count)
        var tp = 0
        for t in truth {
            for (i, d) in detected.enumerated() where !used[i] {
                if min(t.1, d.1) - max(t.0, d.0) >= minimumOverlap * (t.1 - t.0) {
                    used[i] = true
                    tp += 1
                    break
                }
            }
        }
        truePositives += tp
        falsePositives += detected.count - tp
        falseNegatives += truth.count - tp
    }

    /// "P=… R=… F1=… (TP/FP/FN)".
    public var description: String {
        func f(_ x: Double) -> String { String(Double((x * 1000).rounded()) / 1000) }
        return "P=\(f(precision)) R=\(f(recall)) F1=\(f(f1)) (TP \(truePositives), FP \(falsePositives), FN \(falseNegatives))"
    }
}
