import Foundation

/// Synthetic filled pauses ("uh", "um", 嗯): a sustained central vowel on an almost level f0, after
/// descriptions of hesitation vocalisations (Shriberg 2001; Clark & Fox Tree 2002): 200–800 ms,
/// flat or slightly falling f0 near the speaker's baseline, schwa-like stable formants, "um" ending
/// in a nasal murmur.
public struct NonVerbalFilledPauseSynth: Sendable {
    /// Duration, seconds (0.2…0.9).
    public var duration: Double = 0.45
    /// f0, Hz.
    public var f0: Double = 120
    /// Relative f0 fall over the vocalisation (0…0.08).
    public var f0Fall: Double = 0.03
    /// Fraction of the duration that is a final nasal /m/ (0 for "uh").
    public var nasalFraction: Double = 0
    /// Formant scale (1 male … 1.2 female).
    public var formantScale: Double = 1
    /// Seed.
    public var seed: UInt64 = 1

    /// Creates the default "uh".
    public init() {}

    /// Parameters drawn from the ranges above with `seed`.
    public static func random(seed: UInt64) -> NonVerbalFilledPauseSynth {
        var rng = NonVerbalNoise(seed: seed)
        var s = NonVerbalFilledPauseSynth()
        s.duration = 0.25 + 0.5 * rng.uniform()
        s.f0 = 90 + 140 * rng.uniform()
        s.f0Fall = 0.06 * rng.uniform()
        s.nasalFraction = rng.uniform() < 0.5 ? 0 : 0.3 + 0.2 * rng.uniform()
        s.formantScale = 1 + 0.2 * rng.uniform()
        s.seed = seed &* 13 &+ 5
        return s
    }

    /// Renders at `sampleRate`, peak-normalised to `peak`.
    public func render(sampleRate: Double = 16_000, peak: Float = 0.3) -> [Float] {
        var rng = NonVerbalNoise(seed: seed)
        let total = Int(duration * sampleRate)
        let nasalStart = Int(Double(total) * (1 - nasalFraction))
        var vowel = NonVerbalFormantFilter(formants: NonVerbalVowel.schwa.formants(scale: formantScale), sampleRate: sampleRate)
        var nasal = NonVerbalFormantFilter(formants: [(250, 100), (1100, 300), (2300, 300)], sampleRate: sampleRate)
        var out = [Float](repeating: 0, count: total)
        var phase = 0.0
        for n in 0..<total {
            let x = Double(n) / Double(total)
            let t = Double(n) / sampleRate
            let env = min(1, t / 0.04) * min(1, (duration - t) / 0.06)
            let f = f0 * (1 - f0Fall * x) * (1 + 0.003 * rng.gaussian())
            phase += 2 * Double.pi * f / sampleRate
            if phase > 2 * Double.pi { phase -= 2 * Double.pi }
            var h = 0.0, k = 1.0
            while k * f < 4000 { h += sin(k * phase) / k; k += 1 }
            let source = env * (h + 0.05 * rng.gaussian())
            out[n] = Float(n < nasalStart ? vowel.process(source) : 0.5 * nasal.process(source))
        }
        let m = out.reduce(Float(0)) { max($0, abs($1)) }
        if m > 0 { for i in out.indices { out[i] *= peak / m } }
        return out
    }
}
