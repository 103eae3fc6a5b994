/// The session baseline: medians of pitch, loudness and articulation rate over the most recent earlier
/// turns, and each new turn's change against it (``BaselineChange``).
struct TurnBaselineHistory {
    private var pitch: [Double] = []
    private var loudness: [Double] = []
    private var rate: [Double] = []
    private var turns = 0

    /// Change of `features` against the baseline of the turns recorded so far.
    func change(for features: TurnFeatures) -> BaselineChange {
        BaselineChange(
            pitchPercent: Self.percent(features.pitchMedianHz, Self.median(pitch)),
            loudnessPercent: Self.percent(features.loudnessMedian, Self.median(loudness)),
            ratePercent: Self.percent(features.articulationRate, Self.median(rate)),
            baselineTurns: turns)
    }

    /// Adds a finished turn, keeping the most recent `keep` values of each measure.
    mutating func record(_ features: TurnFeatures, keep: Int) {
        func push(_ value: Double?, _ list: inout [Double]) {
            guard let value, value.isFinite else { return }
            list.append(value)
            if list.count > keep { list.removeFirst(list.count - keep) }
        }
        push(features.pitchMedianHz, &pitch)
        push(features.loudnessMedian, &loudness)
        push(features.articulationRate, &rate)
        turns = min(keep, turns + 1)
    }

    static func median(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : TurnFeatureExtractor.percentile(values.sorted(), 0.5)
    }

    static func percent(_ value: Double?, _ baseline: Double?) -> Double? {
        guard let value, let baseline, baseline > 0 else { return nil }
        return 100 * (value - baseline) / baseline
    }
}
