import Foundation

/// The per-frame values a turn summary needs (a compact copy of ``FrameFeatures``).
struct TurnFrame: Sendable {
    var index: Int
    var f0Hz: Float
    var voicing: Float
    var energyDBFS: Float
    var loudness: Float
    var isVoiced: Bool { voicing >= 0.5 && f0Hz > 0 }
}

/// Computes ``TurnFeatures`` from the frames, pauses and events of one turn. Runs once per turn
/// (not per hop), so it may allocate.
enum TurnFeatureExtractor {
    /// Minimum prominence of a syllable nucleus over the dips around it, dB (de Jong & Wempe 2009).
    static let nucleusProminenceDB: Float = 2
    /// Nuclei must lie within this many dB of the turn's loudest voiced frame.
    static let nucleusFloorBelowPeakDB: Float = 25
    /// Minimum spacing of nuclei, frames (50 ms).
    static let nucleusMinimumSpacing = 5

    static func features(frames: ArraySlice<TurnFrame>, start: Double, end: Double,
                         pauses: [Pause], events: [ParalinguisticEvent],
                         minimumVoicedFrames: Int) -> TurnFeatures {
        let voiced = frames.filter(\.isVoiced)
        var result = TurnFeatures()
        result.voicedFraction = frames.isEmpty ? 0 : Double(voiced.count) / Double(frames.count)
        result.pauses = pauses.filter { $0.start >= start - 1e-9 && $0.end <= end + 1e-9 }
        result.events = events.filter { $0.end > start && $0.start < end }
        guard voiced.count >= max(1, minimumVoicedFrames) else { return result }
        let f0 = voiced.map { Double($0.f0Hz) }.sorted()
        result.pitchMedianHz = percentile(f0, 0.5)
        let p10 = percentile(f0, 0.1), p90 = percentile(f0, 0.9)
        result.pitchRangeSemitones = 12 * log2(p90 / p10)
        result.loudnessMedian = percentile(voiced.map { Double($0.loudness) }.sorted(), 0.5)
        result.energyMedianDBFS = percentile(voiced.map { Double($0.energyDBFS) }.sorted(), 0.5)
        let speakingTime = (end - start) - result.pauses.reduce(0) { $0 + $1.duration }
        if speakingTime >= 0.3 {
            result.syllableRate = Double(nucleusCount(frames)) / speakingTime
        }
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

    /// Number of syllable nuclei: voiced local maxima of the 3-frame-smoothed energy, merged while
    /// the dip between two neighbours is less than ``nucleusProminenceDB`` below the lower one.
    static func nucleusCount(_ frames: ArraySlice<TurnFrame>) -> Int {
        let raw = frames.map(\.energyDBFS)
        let voiced = frames.map(\.isVoiced)
        guard raw.count >= 3 else { return 0 }
        var energy = raw
        for i in 1..<(raw.count - 1) { energy[i] = (raw[i - 1] + raw[i] + raw[i + 1]) / 3 }
        let loudest = zip(energy, voiced).filter(\.1).map(\.0).max() ?? -120
        let floor = loudest - nucleusFloorBelowPeakDB
        var peaks: [Int] = []
        for i in 1..<(energy.count - 1) where voiced[i] && energy[i] > floor
            && energy[i] > energy[i - 1] && energy[i] >= energy[i + 1] {
            guard let last = peaks.last else { peaks.append(i); continue }
            let dip = energy[last...i].min()!
            let lower = min(energy[last], energy[i])
            if lower - dip >= nucleusProminenceDB && i - last >= nucleusMinimumSpacing {
                peaks.append(i)
            } else if energy[i] > energy[last] {
                peaks[peaks.count - 1] = i
            }
        }
        return peaks.count
    }
}
