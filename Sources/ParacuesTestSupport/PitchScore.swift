/// Standard frame-level pitch-tracking scores against a ``FrameTruth`` grid (as in
/// Mauch & Dixon 2014, pYIN; and the MIREX melody metrics), over scored frames only
/// (frames marked ``FrameTruth/Voicing/ignored`` are skipped).
public struct PitchScore: Sendable, Hashable, CustomStringConvertible {
    /// Raw pitch accuracy: among truly voiced frames, the share whose estimate is voiced and within
    /// 50 cents of the truth (unvoiced estimates count as wrong). 0…1.
    public var rawPitchAccuracy: Double
    /// Raw chroma accuracy: as ``rawPitchAccuracy`` but octave errors forgiven. 0…1.
    public var rawChromaAccuracy: Double
    /// Voicing decision error: among scored frames, the share whose voiced/unvoiced decision differs
    /// from the truth. 0…1.
    public var voicingDecisionError: Double
    /// Gross pitch error: among frames both truly and estimated voiced, the share more than 20 %
    /// away from the truth. 0…1.
    public var grossPitchError: Double
    /// Truly voiced frames scored.
    public var voicedFrames: Int
    /// All frames scored (voiced + unvoiced).
    public var scoredFrames: Int

    /// Scores `estimates` (f0 in Hz, ≤ 0 meaning unvoiced; index k ↔ truth frame k) against `truth`.
    /// Frames missing from either side are skipped.
    public init(truth: [FrameTruth], estimates: [Float]) {
        var voiced = 0, scored = 0, hits = 0, chroma = 0, vdeErrors = 0, bothVoiced = 0, gross = 0
        for (t, e) in zip(truth, estimates) where t.voicing != .ignored {
            scored += 1
            let estVoiced = e > 0
            let isVoiced = t.voicing == .voiced
            if estVoiced != isVoiced { vdeErrors += 1 }
            guard isVoiced else { continue }
            voiced += 1
            guard estVoiced else { continue }
            let cents = 1200 * _log(Double(e) / t.f0Hz) / _log(2)
            if abs(cents) <= 50 { hits += 1 }
            let folded = cents - 1200 * (cents / 1200).rounded()
            if abs(folded) <= 50 { chroma += 1 }
            bothVoiced += 1
            if abs(Double(e) / t.f0Hz - 1) > 0.2 { gross += 1 }
        }
        rawPitchAccuracy = voiced > 0 ? Double(hits) / Double(voiced) : 1
        rawChromaAccuracy = voiced > 0 ? Double(chroma) / Double(voiced) : 1
        voicingDecisionError = scored > 0 ? Double(vdeErrors) / Double(scored) : 0
        grossPitchError = bothVoiced > 0 ? Double(gross) / Double(bothVoiced) : 0
        voicedFrames = voiced
        scoredFrames = scored
    }

    /// "RPA 99.5 % RCA 99.7 % VDE 0.8 % GPE 0.1 % (n=…)".
    public var description: String {
        func pct(_ x: Double) -> String { String(Double(Int((x * 1000).rounded())) / 10) + " %" }
        return "RPA \(pct(rawPitchAccuracy)) RCA \(pct(rawChromaAccuracy)) VDE \(pct(voicingDecisionError)) "
            + "GPE \(pct(grossPitchError)) (voiced \(voicedFrames)/\(scoredFrames))"
    }
}
