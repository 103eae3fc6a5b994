import Foundation

/// Streaming Praat-style voice quality: jitter, shimmer and harmonicity, period by period.
///
/// Feed it the analysis-rate samples (``process(_:)``) and, in order, every completed frame's f0
/// (``process(frameIndex:f0Hz:)``; 0 = unvoiced). Samples must arrive before the frames that describe
/// them, with at least 20 ms of look-ahead (the engine's frames lag its samples by ≥ 30 ms).
///
/// Method (after Praat "Sound & Pitch: To PointProcess (cc)" and "Voice"): in each voiced stretch the
/// first glottal mark is the waveform maximum in the stretch's first period; each next mark lies
/// 0.8–1.2 periods later (period from the f0 track) where the normalised cross-correlation of the
/// ±T0/2 neighbourhoods of the two marks is maximal (parabolic interpolation). The period is the
/// mark distance; the amplitude the peak-to-peak amplitude between the two marks. Periods go to
/// ``PerturbationRun`` with Praat's floor 0.0001 s, ceiling 0.02 s, maximum period factor 1.3 and
/// maximum amplitude factor 1.6. HNR per voiced frame is Praat's "To Harmonicity (cc)" (0.01 s step,
/// 75 Hz floor → 13.3 ms window, one period per window): `10 log10(r / (1 − r))` with `r` the peak
/// normalised cross-correlation near the tracked period.
///
/// Memory is bounded (2 s of samples plus a few frames of state); no allocation per hop.
/// Latency: per-frame values (``VoiceQualityFrame``) appear ~30 ms + one period after the frame.
public final class VoiceQualityAnalyzer {
    /// Analysis rate, Hz.
    public let sampleRate: Double
    /// Hop, samples.
    public let hop: Int
    /// Everything accumulated so far (subtract snapshots for windows).
    public private(set) var totals = VoiceQualityTotals()
    /// Whether finished per-frame records are kept for ``drainFrames(into:)`` (default true). Set it to
    /// false when only ``totals`` / ``summary(minimumTerms:)`` are read, so that memory stays flat
    /// however long the stream (the engine does this when eGeMAPS is off).
    public var keepsFrames = true

    private var history: SampleHistory
    private var run = PerturbationRun()
    private let scratch: UnsafeMutableBufferPointer<Float>
    private let lagScratch: UnsafeMutableBufferPointer<Float>
    private var f0Ring = [Float](repeating: 0, count: 256)
    private var framesReceived = 0
    private var inStretch = false
    private var stretchStart = 0
    private var voicedEnd = 0
    private var mark: Double?
    /// Distance (samples) from the previous mark to the current one; 0 at a stretch start.
    private var previousLag = 0.0
    private var records = [PeriodRecord](repeating: PeriodRecord(), count: 64)
    private var recordCount = 0
    private var pending: [VoiceQualityFrame] = []
    private var ready: [VoiceQualityFrame] = []
    private let hnrWindow: Int
    private let frameHalfSpan: Double

    /// Creates an analyser for the configuration's analysis rate and hop.
    public init(configuration: AnalysisConfiguration = AnalysisConfiguration()) {
        sampleRate = Double(configuration.analysisRate)
        hop = configuration.hop
        history = SampleHistory(capacity: 2 * configuration.analysisRate + 8192)
        scratch = .allocate(capacity: 4096)
        lagScratch = .allocate(capacity: 1024)
        hnrWindow = Int((sampleRate / 75).rounded())
        frameHalfSpan = 0.030 * sampleRate
        pending.reserveCapacity(80)
        ready.reserveCapacity(80)
    }

    deinit {
        scratch.deallocate()
        lagScratch.deallocate()
    }

    /// The summary of everything so far.
    public func summary(minimumTerms: Int = 5) -> VoiceQualitySummary { totals.summary(minimumTerms: minimumTerms) }

    /// Appends analysis-rate samples (any chunk size).
    public func process(_ samples: UnsafeBufferPointer<Float>) {
        var done = 0
        while done < samples.count {
            var keep = framesReceived * hop - 2048
            if let m = mark { keep = min(keep, Int(m) - 1024) }
            let chunk = UnsafeBufferPointer(rebasing: samples[done...])
            var n = history.append(chunk, keepFrom: keep)
            if n == 0 { n = history.append(chunk, keepFrom: history.endIndex - 8192) }
            done += n
        }
        advanceMarks()
    }

    /// Convenience for arrays.
    public func process(_ samples: [Float]) { samples.withUnsafeBufferPointer { process($0) } }

    /// Takes the next frame's f0 (Hz, 0 = unvoiced). Frames must come in order from 0.
    public func process(frameIndex k: Int, f0Hz: Float) {
        precondition(k == framesReceived, "frames must arrive in order")
        framesReceived += 1
        let voiced = f0Hz > 0 && f0Hz.isFinite
        f0Ring[k & 255] = voiced ? f0Hz : 0
        var record = VoiceQualityFrame(index: k)
        if voiced {
            record.hnrDB = harmonicity(centre: k * hop, f0: Double(f0Hz))
            if let h = record.hnrDB { totals.hnrSum += Double(h); totals.hnrFrames += 1 }
            let start = k * hop - hop / 2
            if !inStretch { inStretch = true; stretchStart = start; mark = nil; run.reset() }
            voicedEnd = start + hop
        } else if inStretch {
            advanceMarks()
            endStretch()
        }
        pending.append(record)
        advanceMarks()
        finalizeFrames(force: !voiced || pending.count > 64)
    }

    /// Ends the stream: finishes the open stretch and releases every pending frame.
    public func finish() {
        advanceMarks()
        endStretch()
        finalizeFrames(force: true)
    }

    /// Moves the per-frame records decided so far into `output` (in frame order).
    public func drainFrames(into output: inout [VoiceQualityFrame]) {
        output.append(contentsOf: ready)
        ready.removeAll(keepingCapacity: true)
    }

    private func endStretch() {
        inStretch = false
        mark = nil
        run.reset()
    }

    private func f0(atSample s: Int) -> Double {
        let j = max(0, min(framesReceived - 1, (s + hop / 2) / hop))
        for d in 0..<4 {
            if j - d >= 0, f0Ring[(j - d) & 255] > 0 { return Double(f0Ring[(j - d) & 255]) }
        }
        return 0
    }

    /// Finds as many new glottal marks as the available samples and voicing allow.
    private func advanceMarks() {
        guard inStretch else { return }
        while true {
            guard let m = mark else {
                let f = f0(atSample: stretchStart)
                guard f > 0 else { return }
                let t0 = sampleRate / f
                let from = stretchStart + Int(t0 / 2), to = stretchStart + Int(1.5 * t0)
                guard Double(voicedEnd) >= Double(stretchStart) + 2.2 * t0, to + 2 <= history.endIndex else { return }
                let base = from - 1
                let count = to - from + 2
                guard count < scratch.count else { return }
                history.copy(from: base, into: UnsafeMutableBufferPointer(rebasing: scratch[0..<count]))
                let p = PeriodCorrelation.peak(UnsafePointer(scratch.baseAddress!), from: 1, to: count - 1, sign: 1)
                mark = Double(base) + p.position
                previousLag = 0
                continue
            }
            let f = f0(atSample: Int(m))
            guard f > 0 else { return }
            let t0 = sampleRate / f
            let half = Int(t0 / 2)
            let minLag = max(2, Int((0.8 * t0).rounded(.down)))
            let maxLag = min(Int(0.02 * sampleRate), Int((1.2 * t0).rounded(.up)), lagScratch.count - 3)
            let c = Int(m.rounded())
            guard Double(c + maxLag) <= Double(voicedEnd) else { return }
            // Window start `base`: room for the amplitude window's left half (previous half period).
            let left = max(half, Int(0.5 * min(previousLag, 1.3 * t0)) + 2)
            let base = c - left
            let count = left + half + maxLag + 3
            guard base + count <= history.endIndex, count < scratch.count, minLag < maxLag else { return }
            history.copy(from: base, into: UnsafeMutableBufferPointer(rebasing: scratch[0..<count]))
            let x = UnsafePointer(scratch.baseAddress!)
            guard let best = PeriodCorrelation.bestLag(x, aStart: left - half, length: 2 * half, minLag: minLag,
                                                        maxLag: maxLag, scratch: lagScratch), best.r > 0.5
            else {
                run.reset()
                mark = m + t0
                previousLag = t0
                continue
            }
            // Praat's per-mark amplitude: peak-to-peak over [t_i − P_{i−1}/2, t_i + P_i/2].
            let lagBefore = previousLag > 0 ? previousLag : best.lag
            let rel = m - Double(base)
            let lo = max(1, Int((rel - 0.5 * lagBefore).rounded(.up)))
            let hi = min(count - 1, Int((rel + 0.5 * best.lag).rounded(.down)) + 1)
            let top = PeriodCorrelation.peak(x, from: lo, to: hi, sign: 1).value
            let bottom = -PeriodCorrelation.peak(x, from: lo, to: hi, sign: -1).value
            let before = totals.perturbation
            run.add(period: best.lag / sampleRate, amplitude: top - bottom, into: &totals.perturbation)
            record(end: m + best.lag, before: before)
            previousLag = best.lag
            mark = m + best.lag
        }
    }

    private func record(end: Double, before: PerturbationSums) {
        let now = totals.perturbation
        var r = PeriodRecord(end: end)
        if now.periodCount > before.periodCount { r.period = now.periodSum - before.periodSum }
        if now.jitterPairCount > before.jitterPairCount {
            r.absoluteDifference = now.jitterAbsoluteSum - before.jitterAbsoluteSum
            r.decibelDifference = now.shimmerDBSum - before.shimmerDBSum
        }
        if recordCount == records.count {
            for i in 0..<(records.count - 1) { records[i] = records[i + 1] }
            recordCount -= 1
        }
        records[recordCount] = r
        recordCount += 1
    }

    /// Releases pending frames whose ±30 ms neighbourhood of periods is complete.
    private func finalizeFrames(force: Bool) {
        var released = 0
        for i in 0..<pending.count {
            var f = pending[i]
            let centre = Double(f.index * hop)
            let complete = force || f.hnrDB == nil || (mark.map { $0 > centre + frameHalfSpan } ?? false)
            guard complete else { break }
            if keepsFrames {
                if f.hnrDB != nil { fillPerturbation(&f, centre: centre) }
                ready.append(f)
            }
            released += 1
        }
        if released > 0 { pending.removeFirst(released) }
    }

    private func fillPerturbation(_ f: inout VoiceQualityFrame, centre: Double) {
        var periodSum = 0.0, periods = 0, diffSum = 0.0, diffs = 0, dbSum = 0.0
        for i in 0..<recordCount {
            let r = records[i]
            guard abs(r.end - centre) <= frameHalfSpan else { continue }
            if r.period > 0 { periodSum += r.period; periods += 1 }
            if r.absoluteDifference >= 0 { diffSum += r.absoluteDifference; dbSum += r.decibelDifference; diffs += 1 }
        }
        guard diffs > 0, periods > 0 else { return }
        f.jitterLocal = Float(diffSum / Double(diffs) / (periodSum / Double(periods)))
        f.shimmerLocalDB = Float(dbSum / Double(diffs))
    }

    /// Cross-correlation HNR of the frame centred on sample `centre`, dB.
    private func harmonicity(centre: Int, f0: Double) -> Float? {
        let t0 = sampleRate / f0
        let minLag = max(2, Int((0.8 * t0).rounded(.down)))
        let maxLag = min(lagScratch.count - 3, Int((1.25 * t0).rounded(.up)))
        let w = hnrWindow
        let base = centre - (w + Int(t0)) / 2
        let count = w + maxLag + 2
        guard count < scratch.count, minLag < maxLag, base >= history.firstIndex, base + count <= history.endIndex
        else { return nil }
        history.copy(from: base, into: UnsafeMutableBufferPointer(rebasing: scratch[0..<count]))
        guard let best = PeriodCorrelation.bestLag(UnsafePointer(scratch.baseAddress!), aStart: 0, length: w,
                                                    minLag: minLag, maxLag: maxLag, scratch: lagScratch)
        else { return nil }
        let r = min(max(best.r, 1e-4), 1 - 1e-6)
        return Float(max(-40, min(60, 10 * log10(r / (1 - r)))))
    }
}
