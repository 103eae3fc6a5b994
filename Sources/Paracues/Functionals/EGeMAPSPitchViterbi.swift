import Foundation

/// openSMILE's cPitchSmootherViterbi definition (as configured by eGeMAPSv02) over the SHS candidates:
/// an incremental Viterbi search with 7 states per frame — one per candidate (6) and "unvoiced" — whose
/// decisions are final as soon as every surviving path agrees on a frame, or forced after
/// ``bufferLength`` frames. Used only by ``EGeMAPSPitchTracker``.
///
/// Costs (natural log; v = candidate voicing clamped to [0.01, 1], f = candidate Hz, θ = 0.70):
/// - local, voiced state:  wLocal·(−ln v + [v < θ]·wThr) + wRange·w(f), where the frequency weight w is
///   1 − f/100 below 100 Hz, 0 on 100–350 Hz, (f − 350)/250 on 350–600 Hz, 1.2 from 600 Hz, 2 for f ≤ 0;
/// - local, unvoiced state: wLocal·wThr when any candidate's voicing ≥ θ, else 0;
/// - voiced → voiced: 999 when either candidate is empty (f = 0), else with r = ln(f_now / f_before),
///   wTvv·|r| + wTvvd·|r − c|, where c is the r of the transition evaluated just before (states visited
///   current-outer, previous-inner; a voiced/unvoiced transition resets c to 0; c starts at 1);
/// - voiced ↔ unvoiced: wTvuv; unvoiced → unvoiced: 1.
/// Weights (eGeMAPSv02 / GeMAPSv01b `gemapsv01b_pitchSmoothViterbi`): wLocal 2, wTvv 10, wTvuv 10, wThr 4,
/// wRange 1, bufferLength 40. The configured wTvvd (5) and wTuu (0) are not what openSMILE applies: it sets
/// wTvvd to wTvv's value and its unvoiced → unvoiced test never matches (cost 1). With exactly these
/// terms this search reproduces openSMILE's F0final from its own candidates in every frame of the 48-file
/// parity corpus (with wTvvd 5 or a u→u cost of 0 it would differ in 0.1–0.3 % of frames).
/// Ties go to the lowest state index. Latency: at most ``bufferLength`` frames. No allocation per frame.
struct EGeMAPSPitchViterbi {
    /// Candidates per frame (states 0…5); state 6 is unvoiced.
    static let candidates = 6
    static let states = 7
    /// Frames kept in the trellis: a frame is decided at the latest when this many later frames were added.
    static let bufferLength = 40
    static let wLocal = 2.0, wTvv = 10.0, wTvvd = 10.0, wTvuv = 10.0, wThr = 4.0, wRange = 1.0
    static let unvoicedToUnvoiced = 1.0
    static let emptyCandidateCost = 999.0
    static let voicingThreshold: Float = 0.70

    /// Frames added so far (relative index of the next frame).
    private(set) var count = 0
    /// Relative index of the last decided frame (−1: none yet).
    private(set) var decidedThrough = -1
    private var costs = [Double](repeating: 0, count: states)
    private var newCosts = [Double](repeating: 0, count: states)
    private var local = [Double](repeating: 0, count: states)
    /// Two buffers (double buffering) of `states` paths, each a ring of `bufferLength` states.
    private var paths = [UInt8](repeating: 0, count: 2 * states * bufferLength)
    private var current = 0
    private var best = [UInt8](repeating: 0, count: bufferLength)
    private var lastChange = 1.0
    private var previousF = SIMD8<Float>.zero

    /// The decided state of relative frame `n` (≤ ``decidedThrough``, within the last ``bufferLength``).
    func state(_ n: Int) -> Int { Int(best[n % Self.bufferLength]) }

    /// Frequency weight w(f) of the local cost.
    static func frequencyWeight(_ f: Float) -> Double {
        let f = Double(f)
        if f > 0 && f < 100 { return 1 - f / 100 }
        if f >= 100 && f < 350 { return 0 }
        if f >= 350 && f < 600 { return (f - 350) / 250 }
        if f >= 600 { return 1.2 }
        return 2
    }

    /// Adds the next frame's candidates (Hz, 0 = empty) and their voicing; decides what has converged.
    mutating func add(frequencies f: SIMD8<Float>, voicing v: SIMD8<Float>) {
        let n = Self.states, length = Self.bufferLength
        var anyVoiced = false
        for i in 0..<Self.candidates {
            let pv = min(max(Double(v[i]), 0.01), 1)
            let thr = pv < Double(Self.voicingThreshold) ? Self.wThr : 0
            local[i] = (-log(pv) + thr) * Self.wLocal + Self.frequencyWeight(f[i]) * Self.wRange
            if v[i] >= Self.voicingThreshold { anyVoiced = true }
        }
        local[n - 1] = anyVoiced ? Self.wLocal * Self.wThr : 0
        let position = count % length
        if count == 0 {
            for i in 0..<n {
                costs[i] = local[i]
                paths[current * n * length + i * length] = UInt8(i)
            }
        } else {
            let next = 1 - current
            for i in 0..<n {
                var minState = 0, minCost = Double.infinity
                for j in 0..<n {
                    let c = transition(current: i, previous: j, f) + costs[j]
                    if j == 0 || c < minCost { minCost = c; minState = j }
                }
                newCosts[i] = minCost + local[i]
                let from = current * n * length + minState * length, to = next * n * length + i * length
                for k in 0..<length { paths[to + k] = paths[from + k] }
                paths[to + position] = UInt8(i)
            }
            swap(&costs, &newCosts)
            current = next
        }
        previousF = f
        count += 1
        let base = current * n * length
        if count - decidedThrough > length {
            // Forced decision for the oldest frame, from the currently cheapest path.
            decidedThrough += 1
            best[decidedThrough % length] = paths[base + cheapestState() * length + decidedThrough % length]
        } else {
            // Frames on which every path agrees.
            while decidedThrough + 1 < count {
                let k = (decidedThrough + 1) % length
                let x = paths[base + k]
                var agree = true
                for s in 1..<n where paths[base + s * length + k] != x { agree = false; break }
                guard agree else { break }
                decidedThrough += 1
                best[k] = x
            }
        }
    }

    /// Decides every remaining frame from the cheapest path (end of stream).
    mutating func flush() {
        let n = Self.states, length = Self.bufferLength
        guard count > 0 else { return }
        let s = cheapestState()
        while decidedThrough + 1 < count {
            decidedThrough += 1
            best[decidedThrough % length] = paths[current * n * length + s * length + decidedThrough % length]
        }
    }

    private func cheapestState() -> Int {
        var s = 0
        for i in 1..<Self.states where costs[i] < costs[s] { s = i }
        return s
    }

    private mutating func transition(current i: Int, previous j: Int, _ f: SIMD8<Float>) -> Double {
        let unvoiced = Self.states - 1
        if i < unvoiced && j < unvoiced {
            let f0 = previousF[j], f1 = f[i]
            if f0 == 0 || f1 == 0 { return Self.emptyCandidateCost }
            let r = log(Double(f1 / f0))
            let cost = Self.wTvv * abs(r) + Self.wTvvd * abs(r - lastChange)
            lastChange = r
            return cost
        }
        if i == unvoiced && j == unvoiced { return Self.unvoicedToUnvoiced }
        lastChange = 0
        return Self.wTvuv
    }
}
