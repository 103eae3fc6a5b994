/// Streaming laughter detector: reports `{"type": "laughter", start, end, confidence}` events.
///
/// Looks for what the acoustic literature describes as the signature of laughter (Bachorowski,
/// Smoski & Owren 2001; Truong & van Leeuwen 2007; Knox & Mirghafori 2007): a series of short
/// vowel-like calls ("ha ha ha") at a regular 3–7 per second — the 3–8 Hz peak of the energy-envelope
/// modulation spectrum — with deep intensity dips and unvoiced (breathy or silent) gaps between
/// voiced call centres, and the *same* steady vowel in every call (laughter is unarticulated, speech
/// syllables change vowel and have formant transitions).
///
/// Method: calls are bursts of the smoothed 300–3000 Hz level found by hysteresis peak picking
/// (6 dB dips). Every three consecutive calls are tested against ``LaughterCriteria``: rhythm
/// regularity, spectral-shape distance between calls, dip depth, call-duration regularity, steadiness
/// within calls, voiced centres and unvoiced gaps. Overlapping passing triples form a run; a run of
/// ≥ 4 calls (or 3 calls meeting ``LaughterCriteria/strict``) is a laugh. The event spans the first to
/// the last call, each widened to where the level is 15 dB below its peak (≤ 0.3 s).
///
/// Latency: an event is emitted ≤ 0.8 s after the bout's last call peak; bouts longer than 4 s are
/// emitted in pieces as they go, so no event waits more than about 5 s.
/// Known failures: laughs of 1–2 calls, speech-laughs (laughter over words), very irregular laughs;
/// rhythmic repeated identical sounds with gaps (staccato music notes, "ha-ha" spoken rhythmically).
public struct LaughterDetector: Sendable {
    private let hopSeconds: Float
    private var history = EventFrameHistory(capacity: 256)
    private let criteria = LaughterCriteria()
    private var rising = true
    private var extreme: Float = 0
    private var extremeIndex = 0
    private var valley: Float = 0
    private var started = false
    private var pending: [LaughterCall] = []
    private var recent: [LaughterCall] = []
    private var sequence = 0
    private var run: (first: Int, last: Int, firstPeak: Int, lastPeak: Int, start: Int, strict: Bool,
                      scoreSum: Float, triples: Int, emittedUntil: Int)? = nil

    /// Creates a detector for the configuration's hop.
    public init(configuration: AnalysisConfiguration = AnalysisConfiguration()) {
        hopSeconds = Float(configuration.hopSeconds)
        pending.reserveCapacity(16)
        recent.reserveCapacity(4)
    }

    /// Feeds the next completed frame (in index order); appends decided laughter events.
    public mutating func process(_ frame: FrameFeatures, acoustics: FrameAcoustics, into output: inout AnalysisOutput) {
        guard let f = history.push(acoustics, valid: !frame.validity.contains(.nonFinite)) else { return }
        step(f, into: &output)
    }

    /// Ends the stream: decides pending calls and emits an open laugh.
    public mutating func finish(into output: inout AnalysisOutput) {
        while let f = history.flushNext() { step(f, into: &output) }
        let last = history.latest
        for i in pending.indices where pending[i].end == nil { pending[i].end = last }
        finalizeReady(now: last, force: true, into: &output)
        closeRun(into: &output)
    }

    private mutating func step(_ f: SmoothedEventFrame, into output: inout AnalysisOutput) {
        let s = f.level
        if !started { started = true; extreme = s; extremeIndex = f.index; valley = s }
        if rising {
            if s > extreme { extreme = s; extremeIndex = f.index }
            if s < extreme - 6 {
                pending.append(LaughterCall(peak: extremeIndex, level: extreme, valley: valley))
                rising = false
                extreme = s
            }
        } else {
            if s < extreme { extreme = s }
            if s > extreme + 6 { valley = extreme; rising = true; extreme = s; extremeIndex = f.index }
        }
        for i in pending.indices where pending[i].end == nil {
            if s < pending[i].level - 10 { pending[i].end = f.index - 1 }
            else if f.index - pending[i].peak >= 30 { pending[i].end = pending[i].peak + 30 }
        }
        finalizeReady(now: f.index, force: false, into: &output)
        if let r = run, f.index - r.lastPeak > 80 { closeRun(into: &output) }
    }

    private mutating func finalizeReady(now: Int, force: Bool, into output: inout AnalysisOutput) {
        while let call = pending.first, let end = call.end, force || now >= call.peak + 4 {
            pending.removeFirst()
            finalize(call, end: min(end, now), into: &output)
        }
    }

    private mutating func finalize(_ input: LaughterCall, end: Int, into output: inout AnalysisOutput) {
        var call = input
        let i = call.peak
        let oldest = history.oldest, latest = history.latest
        guard i >= oldest else { return }
        let peakFrame = history[i]
        call.shape = LaughterCriteria.centred(peakFrame.mel)
        var start = i
        while start > oldest && history[start - 1].level >= call.level - 10 && i - start < 30 { start -= 1 }
        call.duration = max(end, i) - start
        var v: Float = 0, sum: Float = 0, n = 0
        for k in max(oldest, i - 4)...min(latest, i + 4) {
            let fk = history[k]
            if abs(k - i) <= 2 { v = max(v, fk.harmonicity) }
            if k != i && fk.level >= call.level - 12 {
                sum += LaughterCriteria.rms(LaughterCriteria.centred(fk.mel) - call.shape); n += 1
            }
        }
        call.voicing = v
        call.unsteadiness = n > 0 ? sum / Float(n) : 0
        if let previous = recent.last, previous.peak >= oldest {
            var g: Float = 1
            for k in previous.peak...i { g = min(g, history[k].harmonicity) }
            call.gapVoicing = g
        }
        if recent.count == 3 { recent.removeFirst() }
        recent.append(call)
        sequence += 1
        let n3 = sequence - 1
        guard recent.count == 3 else { return }
        if let score = criteria.evaluate(recent[0], recent[1], recent[2], hopSeconds: hopSeconds) {
            let strict = LaughterCriteria.strict.evaluate(recent[0], recent[1], recent[2], hopSeconds: hopSeconds) != nil
            if var r = run, n3 - 2 <= r.last {
                r.last = n3; r.lastPeak = i; r.strict = r.strict || strict; r.scoreSum += score; r.triples += 1
                run = r
            } else {
                closeRun(into: &output)
                let first = recent[0].peak
                var s = first
                while s > oldest && history[s - 1].level >= recent[0].level - 15 && first - s < 30 { s -= 1 }
                run = (n3 - 2, n3, first, i, s, strict, score, 1, -1)
            }
            if let r = run, r.lastPeak - max(r.firstPeak, r.emittedUntil) > 400, r.strict || r.last - r.first + 1 >= 4 {
                emit(upTo: r.lastPeak, into: &output)
            }
        } else if let r = run, n3 - 1 > r.last {
            closeRun(into: &output)
        }
    }

    /// Emits the open run up to `peak` (plus its decay) and keeps the run open after it.
    private mutating func emit(upTo peak: Int, into output: inout AnalysisOutput) {
        guard var r = run else { return }
        let level = history[peak].level
        var e = peak
        while e < history.latest && history[e + 1].level >= level - 15 && e - peak < 30 { e += 1 }
        let from = r.emittedUntil >= 0 ? r.emittedUntil : r.start
        let calls = r.last - r.first + 1
        let confidence = min(1, 0.5 + 0.5 * r.scoreSum / Float(r.triples) + 0.05 * Float(calls - 3))
        if e > from {
            output.events.append(ParalinguisticEvent(type: "laughter", start: Double(from) * Double(hopSeconds),
                                                     end: Double(e + 1) * Double(hopSeconds),
                                                     confidence: Double(confidence)))
        }
        r.emittedUntil = e + 1
        run = r
    }

    private mutating func closeRun(into output: inout AnalysisOutput) {
        guard let r = run else { return }
        if r.strict || r.last - r.first + 1 >= 4 { emit(upTo: r.lastPeak, into: &output) }
        run = nil
    }
}
