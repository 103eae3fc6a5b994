import ParacuesDSP

/// Maps runs of non-finite input samples to the output sample ranges that depended on them, and
/// (in-band mode) marks those output samples NaN as they are emitted.
///
/// Output `n` of the resampler reads inputs `⌊nM/L⌋ − H + 1 … ⌊nM/L⌋ + H` (`H` = look-ahead), so
/// input `k` affects outputs `⌈(k − H)L/M⌉ ..< ⌈(k + H)L/M⌉`; at equal rates, just output `k`.
struct NonFiniteTracker {
    private let identity: Bool
    private let up: Int
    private let down: Int
    private let half: Int
    private var runStart = -1
    private var runEnd = -1
    /// In-band mode: output ranges still to be marked, sorted, non-overlapping.
    private var pending: [Range<Int>] = []

    init(design: ResamplerDesign) {
        identity = design.isIdentity
        up = design.upFactor
        down = design.downFactor
        half = design.lookAhead
    }

    /// Records that input sample `k` (absolute index) was non-finite (indices arrive in order);
    /// returns the output range of the previous run if this sample does not extend it.
    mutating func note(inputIndex k: Int) -> Range<Int>? {
        if k == runEnd {
            runEnd = k + 1
            return nil
        }
        let closed = close()
        runStart = k
        runEnd = k + 1
        return closed
    }

    /// Closes the current run, returning its output range (nil if there is none).
    mutating func close() -> Range<Int>? {
        guard runStart >= 0 else { return nil }
        let range = outputRange(ofInput: runStart..<runEnd)
        runStart = -1
        runEnd = -1
        return range
    }

    /// In-band mode: queues `range` for NaN marking, merging with the last queued range.
    mutating func queue(_ range: Range<Int>) {
        if let last = pending.last, last.upperBound >= range.lowerBound {
            pending[pending.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
        } else {
            pending.append(range)
        }
    }

    /// The output samples whose values depend on any input sample in `input`.
    func outputRange(ofInput input: Range<Int>) -> Range<Int> {
        if identity { return input }
        let lower = max(0, Self.ceilDiv((input.lowerBound - half) * up, down))
        let upper = Self.ceilDiv((input.upperBound - 1 + half) * up, down)
        return lower..<max(lower, upper)
    }

    /// True if a queued range starts before output index `end`.
    func hasPendingMarks(before end: Int) -> Bool {
        guard let first = pending.first else { return false }
        return first.lowerBound < end
    }

    /// Sets to NaN the samples of `block` (output indices from `start`) inside queued ranges, and
    /// drops the ranges that end within it.
    mutating func applyMarks(to block: UnsafeMutableBufferPointer<Float>, startingAt start: Int) {
        let end = start + block.count
        var consumed = 0
        for range in pending {
            guard range.lowerBound < end else { break }
            for n in max(range.lowerBound, start)..<min(range.upperBound, end) { block[n - start] = .nan }
            if range.upperBound <= end { consumed += 1 } else { break }
        }
        if consumed > 0 { pending.removeFirst(consumed) }
    }

    private static func ceilDiv(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? (a + b - 1) / b : -((-a) / b)
    }
}
