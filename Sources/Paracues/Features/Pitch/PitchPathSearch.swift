import Foundation

/// Fixed-lag Viterbi search over per-frame pitch candidates (Boersma 1993, §5; Praat's path
/// finder), with committed decisions.
///
/// Each frame has up to `capacity − 1` voiced candidates (frequency, local score) and one unvoiced
/// candidate (slot 0, frequency 0). Transition costs: `octaveJumpCost · |log2(f₁/f₂)|` between voiced
/// candidates, `voicedUnvoicedCost` across a voicing change, 0 between unvoiced ones. A frame is
/// decided once `lookAhead` later frames are known: the state maximising (score of the path through
/// the previously committed state to it) + (best score from it to the newest frame) — the Viterbi
/// path's state given the committed past — is emitted and committed, so emitted decisions always
/// form one connected path. Cost per frame: `(lookAhead + 1) × capacity²` transitions. The voicing probability is a logistic function of the
/// margin between the best voiced and the unvoiced state's total score.
///
/// Storage is a ring of `lookAhead + 1` frames, allocated in `init`.
final class PitchPathSearch {
    let capacity: Int
    let lookAhead: Int
    private let ring: Int
    private let frequency: UnsafeMutableBufferPointer<Float>
    private let logFrequency: UnsafeMutableBufferPointer<Float>
    private let local: UnsafeMutableBufferPointer<Float>
    private let forwardScore: UnsafeMutableBufferPointer<Float>
    private let backwardScore: UnsafeMutableBufferPointer<Float>
    private let scratch: UnsafeMutableBufferPointer<Float>
    private let counts: UnsafeMutableBufferPointer<Int>
    private let parameters: PitchParameters
    /// Frames added so far, and the first frame not yet emitted.
    private var added = 0
    private var nextToEmit = 0
    /// The state emitted for frame `nextToEmit − 1` (its frequency, 0 when unvoiced).
    private var committed: (frequency: Float, logFrequency: Float)?

    init(capacity: Int, lookAhead: Int, parameters: PitchParameters) {
        self.capacity = capacity
        self.lookAhead = lookAhead
        self.parameters = parameters
        ring = lookAhead + 1
        func buffer<T>(_ value: T) -> UnsafeMutableBufferPointer<T> {
            let b = UnsafeMutableBufferPointer<T>.allocate(capacity: (lookAhead + 1) * capacity)
            b.initialize(repeating: value)
            return b
        }
        frequency = buffer(0); logFrequency = buffer(0); local = buffer(0)
        forwardScore = buffer(0); backwardScore = buffer(0)
        scratch = .allocate(capacity: capacity)
        scratch.initialize(repeating: 0)
        counts = .allocate(capacity: ring)
        counts.initialize(repeating: 0)
    }

    deinit {
        frequency.deallocate(); logFrequency.deallocate(); local.deallocate(); forwardScore.deallocate()
        backwardScore.deallocate(); scratch.deallocate(); counts.deallocate()
    }

    /// Adds the next frame: `unvoicedScore`, then `voicedCount` candidates from the arrays. Emits
    /// every frame now decided (frequency 0 when unvoiced, voicing probability).
    func add(unvoicedScore: Float, frequencies: UnsafeBufferPointer<Float>, scores: UnsafeBufferPointer<Float>,
             voicedCount: Int, emit: (_ frame: Int, _ f0: Float, _ voicing: Float) -> Void) {
        let slot = added % ring, base = slot * capacity
        let n = min(voicedCount, capacity - 1) + 1
        counts[slot] = n
        frequency[base] = 0; logFrequency[base] = 0; local[base] = unvoicedScore
        for i in 1..<n {
            frequency[base + i] = frequencies[i - 1]
            logFrequency[base + i] = log2f(frequencies[i - 1])
            local[base + i] = scores[i - 1]
        }
        added += 1
        while added - nextToEmit > lookAhead { decide(emit: emit) }
    }

    /// Decides and emits every remaining frame.
    func finish(emit: (_ frame: Int, _ f0: Float, _ voicing: Float) -> Void) {
        while nextToEmit < added { decide(emit: emit) }
    }

    /// Transition cost between states of frequency `fa` and `fb` (0 = unvoiced) with their log2.
    @inline(__always) private func cost(_ fa: Float, _ la: Float, _ fb: Float, _ lb: Float) -> Float {
        if fa == 0 && fb == 0 { return 0 }
        if fa == 0 || fb == 0 { return parameters.voicedUnvoicedCost }
        return parameters.octaveJumpCost * abs(la - lb)
    }

    /// Forward score of every state of frame `d` given the committed state of frame `d − 1` (the
    /// only surviving path into `d`; constant terms dropped).
    private func computeForward(frame d: Int) {
        let base = (d % ring) * capacity, n = counts[d % ring]
        for j in 0..<n {
            var s = local[base + j]
            if let p = committed { s -= cost(p.frequency, p.logFrequency, frequency[base + j], logFrequency[base + j]) }
            forwardScore[base + j] = s
        }
    }

    /// `backward[i] = max_j (backward[j] + local[j] − transition(i, j))` for the `m` states at
    /// `prevBase` over the `n` states at `base`. State 0 is the unvoiced one (frequency 0) and every
    /// other state is voiced, so the transition cost is split by index instead of tested per pair.
    @inline(__always)
    private func relax(into prevBase: Int, count m: Int, from base: Int, count n: Int) {
        // Base pointers of both frames' rows: no overflow check on `base + j` in the inner loops.
        let back = backwardScore.baseAddress! + base, loc = local.baseAddress! + base
        let logF = logFrequency.baseAddress! + base, logPrevious = logFrequency.baseAddress! + prevBase
        let backPrevious = backwardScore.baseAddress! + prevBase
        let gain = scratch.baseAddress!
        for j in 0..<n { gain[j] = back[j] + loc[j] }
        let switchCost = parameters.voicedUnvoicedCost, jumpCost = parameters.octaveJumpCost
        // From the unvoiced state: no cost to stay unvoiced, the voicing-change cost to any voiced one.
        var s: Float = gain[0] - 0
        for j in 1..<n { s = max(s, gain[j] - switchCost) }
        backPrevious[0] = s
        for i in 1..<m {
            let li = logPrevious[i]
            var s: Float = gain[0] - switchCost
            for j in 1..<n { s = max(s, gain[j] - jumpCost * abs(li - logF[j])) }
            backPrevious[i] = s
        }
    }

    private func decide(emit: (_ frame: Int, _ f0: Float, _ voicing: Float) -> Void) {
        let d = nextToEmit, newest = added - 1
        computeForward(frame: d)
        // Backward scores from the newest frame down to d.
        let newestBase = (newest % ring) * capacity
        for j in 0..<counts[newest % ring] { backwardScore[newestBase + j] = 0 }
        var frame = newest
        while frame > d {
            let base = (frame % ring) * capacity, n = counts[frame % ring]
            let prevBase = ((frame - 1) % ring) * capacity, m = counts[(frame - 1) % ring]
            relax(into: prevBase, count: m, from: base, count: n)
            frame -= 1
        }
        let base = (d % ring) * capacity, n = counts[d % ring]
        var bestState = 0, bestTotal: Float = -.infinity, bestVoiced: Float = -.infinity
        for j in 0..<n {
            let total = forwardScore[base + j] + backwardScore[base + j]
            if total > bestTotal { bestTotal = total; bestState = j }
            if j > 0 { bestVoiced = max(bestVoiced, total) }
        }
        let unvoicedTotal = forwardScore[base] + backwardScore[base]
        let margin = bestVoiced - unvoicedTotal
        var probability: Float = margin.isFinite ? 1 / (1 + expf(-margin / parameters.probabilityScale))
            : (margin > 0 ? 1 : 0)
        if bestState == 0 { probability = min(probability, 0.5) } else { probability = max(probability, 0.5) }
        emit(d, frequency[base + bestState], probability)
        // Commit: only the chosen state survives as the predecessor of the next frame.
        committed = (frequency[base + bestState], logFrequency[base + bestState])
        nextToEmit += 1
    }
}
