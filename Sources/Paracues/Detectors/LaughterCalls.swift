/// One candidate laugh call ("ha"): an intensity burst of the 300–3000 Hz band level.
struct LaughterCall: Sendable {
    /// Frame of the level peak.
    var peak: Int
    /// Smoothed band level at the peak, dB.
    var level: Float
    /// Lowest level between the previous burst and this one, dB.
    var valley: Float
    /// Coarse spectral envelope at the peak (mel levels minus their mean), dB.
    var shape: SIMD32<Float> = .zero
    /// Highest harmonicity within ±2 frames of the peak.
    var voicing: Float = 0
    /// Frames the level stays within 10 dB of the peak (≤ 30 each side).
    var duration: Int = 0
    /// Mean spectral-shape distance (dB RMS) of frames within ±4 frames and 12 dB of the peak to the
    /// peak frame: low for a steady vowel, high for articulated syllables with formant transitions.
    var unsteadiness: Float = 0
    /// Lowest harmonicity from the previous call's peak to this one's (the unvoiced gap), 1 if none.
    var gapVoicing: Float = 1
    /// First frame after the peak below `level − 10`, once seen.
    var end: Int? = nil
}

/// Thresholds a run of three consecutive calls must meet. Literature ranges: call rate ≈ 4–5/s
/// (inter-onset 0.13–0.36 s), regular rhythm, repeated vowel-like spectrum, deep inter-call dips,
/// unvoiced (breathy or silent) gaps, voiced call centres (Bachorowski et al. 2001; Truong & van
/// Leeuwen 2007; Knox & Mirghafori 2007).
struct LaughterCriteria: Sendable {
    var maximumRhythmVariation: Float = 0.25
    var maximumShapeDistance: Float = 5
    var minimumDepth: Float = 20
    var maximumDurationVariation: Float = 0.2
    var maximumUnsteadiness: Float = 4.5
    var maximumGapVoicing: Float = 0.35
    var minimumVoicing: Float = 0.5
    var meanInterval: ClosedRange<Float> = 0.13...0.36
    var interval: ClosedRange<Float> = 0.09...0.45

    /// Tighter values under which three calls alone make a laugh.
    static let strict = LaughterCriteria(maximumRhythmVariation: 0.1, maximumShapeDistance: 3, minimumDepth: 24,
                                         maximumDurationVariation: 0.12)

    /// Score 0…1 of three calls if they pass, nil otherwise.
    func evaluate(_ a: LaughterCall, _ b: LaughterCall, _ c: LaughterCall, hopSeconds: Float) -> Float? {
        let i1 = Float(b.peak - a.peak) * hopSeconds, i2 = Float(c.peak - b.peak) * hopSeconds
        let meanIOI = (i1 + i2) / 2
        guard meanInterval.contains(meanIOI), interval.contains(i1), interval.contains(i2) else { return nil }
        let rhythm = abs(i1 - i2) / 2 / meanIOI
        let shape = (Self.rms(a.shape - b.shape) + Self.rms(b.shape - c.shape)) / 2
        let depth = ((a.level - a.valley) + (b.level - b.valley) + (c.level - c.valley)) / 3
        let voicing = (a.voicing + b.voicing + c.voicing) / 3
        let gap = (b.gapVoicing + c.gapVoicing) / 2
        let d = [Float(a.duration), Float(b.duration), Float(c.duration)]
        let dm = (d[0] + d[1] + d[2]) / 3
        let dsd = ((d[0] - dm) * (d[0] - dm) + (d[1] - dm) * (d[1] - dm) + (d[2] - dm) * (d[2] - dm)) / 3
        let durationVariation = dm > 0 ? dsd.squareRoot() / dm : 1
        let unsteadiness = max(a.unsteadiness, b.unsteadiness, c.unsteadiness)
        guard rhythm < maximumRhythmVariation, shape < maximumShapeDistance, depth >= minimumDepth,
              voicing >= minimumVoicing, gap < maximumGapVoicing, durationVariation < maximumDurationVariation,
              unsteadiness <= maximumUnsteadiness else { return nil }
        func margin(_ x: Float) -> Float { min(1, max(0, x)) }
        let score = (margin(1 - shape / maximumShapeDistance) + margin(1 - rhythm / maximumRhythmVariation)
                     + margin((depth - minimumDepth) / 15) + margin(1 - durationVariation / maximumDurationVariation)
                     + margin(1 - unsteadiness / maximumUnsteadiness)) / 5
        return score
    }

    /// Root-mean-square of the first ``FrameAcoustics/melBandCount`` lanes.
    static func rms(_ v: SIMD32<Float>) -> Float {
        let n = FrameAcoustics.melBandCount
        var s: Float = 0
        for i in 0..<n { s += v[i] * v[i] }
        return (s / Float(n)).squareRoot()
    }

    /// `v` minus the mean of its first ``FrameAcoustics/melBandCount`` lanes (other lanes 0).
    static func centred(_ v: SIMD32<Float>) -> SIMD32<Float> {
        let n = FrameAcoustics.melBandCount
        var m: Float = 0
        for i in 0..<n { m += v[i] }
        m /= Float(n)
        var out = SIMD32<Float>.zero
        for i in 0..<n { out[i] = v[i] - m }
        return out
    }
}
