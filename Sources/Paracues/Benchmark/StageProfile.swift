#if canImport(Glibc)
import Glibc
#endif

/// Per-stage time accumulators of one analyser (used only when profiling is on).
struct StageProfile {
    /// Pipeline stages, in order.
    enum Stage: Int, CaseIterable {
        case spectrum, loudness, framing, egemaps, pitch, detectors
        var name: String {
            switch self {
            case .spectrum: return "spectrum (window + FFT + power)"
            case .loudness: return "loudness"
            case .framing: return "framing (flags, window copies)"
            case .egemaps: return "eGeMAPS descriptors (when enabled)"
            case .pitch: return "pitch (+ frame completion)"
            case .detectors: return "detectors (pauses, events)"
            }
        }
    }

    private var nanoseconds = [UInt64](repeating: 0, count: Stage.allCases.count)
    /// CPU nanoseconds one clock reading costs (measured on first use, subtracted from every lap).
    private var readingCost: UInt64?

    /// A running lap timer; inert when profiling is off.
    struct Lap {
        let enabled: Bool
        var last: UInt64

        @inline(__always)
        mutating func lap(_ stage: Stage, into profile: inout StageProfile) {
            guard enabled else { return }
            let now = StageProfile.now()
            let spent = now &- last
            let cost = profile.readingCost ?? 0
            profile.nanoseconds[stage.rawValue] &+= spent > cost ? spent - cost : 0
            last = now
        }
    }

    @inline(__always)
    mutating func start(_ enabled: Bool) -> Lap {
        guard enabled else { return Lap(enabled: false, last: 0) }
        if readingCost == nil { readingCost = Self.measureReadingCost() }
        return Lap(enabled: true, last: Self.now())
    }

    /// CPU time of the calling thread, nanoseconds: laps do not count time the thread spent waiting
    /// for a core, so the per-stage split holds on a loaded machine.
    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }

    /// Median cost of one ``now()`` reading over 15 runs of 64 readings.
    private static func measureReadingCost() -> UInt64 {
        var costs: [UInt64] = []
        for _ in 0..<15 {
            let start = now()
            var last = start
            for _ in 0..<64 { last = now() }
            costs.append((last &- start) / 64)
        }
        return costs.sorted()[costs.count / 2]
    }

    var entries: [(name: String, seconds: Double)] {
        Stage.allCases.map { ($0.name, Double(nanoseconds[$0.rawValue]) * 1e-9) }
    }
}
