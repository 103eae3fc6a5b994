#if canImport(Glibc)
import Glibc
#endif

/// Per-stage time accumulators of one analyser (used only when profiling is on).
struct StageProfile {
    /// Pipeline stages, in order.
    enum Stage: Int, CaseIterable {
        case spectrum, loudness, framing, pitch, detectors
        var name: String {
            switch self {
            case .spectrum: return "spectrum (window + FFT + power)"
            case .loudness: return "loudness"
            case .framing: return "framing (flags, window copies)"
            case .pitch: return "pitch"
            case .detectors: return "detectors (pauses, events)"
            }
        }
    }

    private var nanoseconds = [UInt64](repeating: 0, count: Stage.allCases.count)

    /// A running lap timer; inert when profiling is off.
    struct Lap {
        let enabled: Bool
        var last: UInt64

        @inline(__always)
        mutating func lap(_ stage: Stage, into profile: inout StageProfile) {
            guard enabled else { return }
            let now = StageProfile.now()
            profile.nanoseconds[stage.rawValue] &+= now &- last
            last = now
        }
    }

    @inline(__always)
    func start(_ enabled: Bool) -> Lap { Lap(enabled: enabled, last: enabled ? Self.now() : 0) }

    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }

    var entries: [(name: String, seconds: Double)] {
        Stage.allCases.map { ($0.name, Double(nanoseconds[$0.rawValue]) * 1e-9) }
    }
}
