import Foundation

extension FrameFeatures {
    /// Voiced for turn statistics: voicing ≥ 0.5 and an f0.
    var isVoicedForTurn: Bool { voicing >= 0.5 && f0Hz > 0 }
}

/// Computes ``TurnFeatures`` from the frames, pauses, events and syllable-rate summary of one turn.
/// Runs once per turn (not per hop), so it may allocate.
enum TurnFeatureExtractor {
    static func features(frames: ArraySlice<FrameFeatures>, start: Double, end: Double,
                         pauses: [Pause], events: [ParalinguisticEvent], rate: SpeakingRateSummary,
                         minimumVoicedFrames: Int) -> TurnFeatures {
        let voiced = frames.filter(\.isVoicedForTurn)
        var result = TurnFeatures()
        result.voicedFraction = frames.isEmpty ? 0 : Double(voiced.count) / Double(frames.count)
        result.pauses = pauses.filter { $0.start >= start - 1e-9 && $0.end <= end + 1e-9 }
        result.events = events.filter { $0.end > start && $0.start < end }
        result.syllableCount = rate.syllableCount
        // Rates need enough sounding time to mean anything (as in the file report).
        if rate.phonationTime >= SessionAnnotator.minimumRateSeconds {
            result.articulationRate = rate.articulationRate
            result.speechRate = rate.speechRate
        }
        guard voiced.count >= max(1, minimumVoicedFrames) else { return result }
        let f0 = voiced.map { Double($0.f0Hz) }.sorted()
        result.pitchMedianHz = percentile(f0, 0.5)
        let p10 = percentile(f0, 0.1), p90 = percentile(f0, 0.9)
        result.pitchRangeSemitones = 12 * log2(p90 / p10)
        result.loudnessMedian = percentile(voiced.map { Double($0.loudness) }.sorted(), 0.5)
        result.energyMedianDBFS = percentile(voiced.map { Double($0.energyDBFS) }.sorted(), 0.5)
        return result
    }

    /// Linear-interpolated percentile of sorted values, `q` in 0…1.
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        precondition(!sorted.isEmpty)
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(sorted.count - 1, lower + 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }
}
