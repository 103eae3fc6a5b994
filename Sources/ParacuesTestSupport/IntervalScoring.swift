/// Scores detected time intervals (pauses, events) against true ones.
///
/// Matching is one-to-one and greedy by overlap: a detection matches the unmatched truth interval it
/// overlaps most, if their intersection over union is at least `minimumOverlap`, or — with
/// `boundaryTolerance` set — if both its start and end lie within that many seconds of the truth's.
public struct IntervalScore: Sendable, Hashable {
    /// Creates a score from counts.
    public init(truePositives: Int, falsePositives: Int, falseNegatives: Int) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
    }

    /// Matched detections.
    public var truePositives: Int
    /// Detections with no match.
    public var falsePositives: Int
    /// Truth intervals with no match.
    public var falseNegatives: Int

    /// TP / (TP + FP); 1 when nothing was detected and nothing was there.
    public var precision: Double {
        truePositives + falsePositives == 0 ? (falseNegatives == 0 ? 1 : 0)
            : Double(truePositives) / Double(truePositives + falsePositives)
    }
    /// TP / (TP + FN); 1 when there was nothing to find.
    public var recall: Double {
        truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives)
    }
    /// Harmonic mean of precision and recall.
    public var f1: Double {
        precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
    }

    /// Adds two scores (pooling counts over files).
    public static func + (a: IntervalScore, b: IntervalScore) -> IntervalScore {
        IntervalScore(truePositives: a.truePositives + b.truePositives,
                      falsePositives: a.falsePositives + b.falsePositives,
                      falseNegatives: a.falseNegatives + b.falseNegatives)
    }

    /// Scores `detected` against `truth` (each `(start, end)` in seconds).
    public static func score(detected: [(start: Double, end: Double)], truth: [(start: Double, end: Double)],
                             minimumOverlap: Double = 0.5, boundaryTolerance: Double? = nil) -> IntervalScore {
        var used = Array(repeating: false, count: truth.count)
        var tp = 0
        for d in detected {
            var best = -1
            var bestIoU = 0.0
            for (i, t) in truth.enumerated() where !used[i] {
                let inter = max(0, min(d.end, t.end) - max(d.start, t.start))
                let union = max(d.end, t.end) - min(d.start, t.start)
                let iou = union > 0 ? inter / union : 0
                let withinTolerance = boundaryTolerance.map { abs(d.start - t.start) <= $0 && abs(d.end - t.end) <= $0 } ?? false
                if (iou >= minimumOverlap || withinTolerance) && iou >= bestIoU {
                    best = i
                    bestIoU = iou
                }
            }
            if best >= 0 { used[best] = true; tp += 1 }
        }
        return IntervalScore(truePositives: tp, falsePositives: detected.count - tp, falseNegatives: truth.count - tp)
    }
}

extension SyntheticSignal {
    /// True pauses: maximal runs of silence between two speech segments lasting at least
    /// `minimum` seconds (leading and trailing silence excluded).
    public func truePauses(minimum: Double = 0.2) -> [(start: Double, end: Double)] {
        var result: [(start: Double, end: Double)] = []
        var lastSpeechEnd: Double? = nil
        var silenceStart: Double? = nil
        for s in segments {
            if s.isSpeech {
                if let end = lastSpeechEnd, let start = silenceStart, s.start - start >= minimum - 1e-9 {
                    result.append((start: max(end, start), end: s.start))
                }
                lastSpeechEnd = s.end
                silenceStart = nil
            } else if silenceStart == nil {
                silenceStart = s.start
            }
        }
        return result
    }
}
