import Foundation

/// Synthetic sighs: an optional audible inhalation, then a long breathy exhalation with falling
/// energy, after descriptions of sighs as deep breaths with a prolonged audible expiration
/// (Vlemincx et al. 2013; Teigen 2008): expiration 0.4–2 s, mostly unvoiced (aspiration noise shaped
/// by an open vowel tract), sometimes with weak voicing at its start, intensity decaying.
public struct SighSynth: Sendable {
    /// Inhalation duration, seconds (0 = none; typical 0.3–0.8).
    public var inhaleDuration: Double = 0.5
    /// Gap between inhalation and exhalation, seconds.
    public var holdDuration: Double = 0.1
    /// Exhalation duration, seconds (0.4…2).
    public var exhaleDuration: Double = 1.0
    /// Inhalation level relative to the exhalation peak, dB.
    public var inhaleLevelDB: Double = -12
    /// Weak voicing in the first part of the exhalation ("haah"), relative level dB (−∞ … −6).
    public var voicingDB: Double = -20
    /// f0 of the voiced part, Hz.
    public var f0: Double = 140
    /// Vowel shaping the breath noise.
    public var vowel: NonVerbalVowel = .ah
    /// Seed of the noise.
    public var seed: UInt64 = 1

    /// Creates the default sigh (0.5 s inhalation, 1 s exhalation).
    public init() {}

    /// A sigh with parameters drawn from the ranges above with `seed`.
    public static func random(seed: UInt64) -> SighSynth {
        var rng = NonVerbalNoise(seed: seed)
        var s = SighSynth()
        s.inhaleDuration = rng.uniform() < 0.3 ? 0 : 0.3 + 0.5 * rng.uniform()
        s.holdDuration = 0.05 + 0.2 * rng.uniform()
        s.exhaleDuration = 0.5 + 1.3 * rng.uniform()
        s.inhaleLevelDB = -16 + 8 * rng.uniform()
        s.voicingDB = rng.uniform() < 0.5 ? -60 : -22 + 10 * rng.uniform()
        s.f0 = 100 + 120 * rng.uniform()
        s.vowel = [NonVerbalVowel.ah, .schwa, .oh][Int(rng.uniform() * 3)]
        s.seed = seed &* 17 &+ 3
        return s
    }

    /// Start of the exhalation within the rendered sound, seconds.
    public var exhaleStart: Double { inhaleDuration > 0 ? inhaleDuration + holdDuration : 0 }
    /// Total duration, seconds.
    public var duration: Double { exhaleStart + exhaleDuration }

    /// Renders at `sampleRate`, peak-normalised to `peak`.
    public func render(sampleRate: Double = 16_000, peak: Float = 0.3) -> [Float] {
        var rng = NonVerbalNoise(seed: seed)
        let total = Int((duration * sampleRate).rounded())
        var out = [Float](repeating: 0, count: total)
        // Open-glottis damping widens the formant bandwidths of breath noise (Klatt & Klatt 1990).
        var tract = NonVerbalFormantFilter(formants: vowel.formants(scale: 1.05).map { ($0.0, $0.1 * 3) },
                                           sampleRate: sampleRate)
        var inhaleTract = NonVerbalFormantFilter(formants: NonVerbalVowel.schwa.formants(scale: 1.1).map { ($0.0, $0.1 * 3) },
                                                 sampleRate: sampleRate)
        let inhaleEnd = Int(inhaleDuration * sampleRate)
        let exhaleStartSample = Int(exhaleStart * sampleRate)
        let inhaleGain = pow(10, inhaleLevelDB / 20)
        let voiceGain = pow(10, voicingDB / 20)
        var phase = 0.0
        for n in 0..<total {
            var v = 0.0
            if n < inhaleEnd {
                let x = Double(n) / Double(max(1, inhaleEnd))
                v = inhaleTract.process(inhaleGain * sin(Double.pi * x) * rng.gaussian())
            } else if n >= exhaleStartSample {
                let x = Double(n - exhaleStartSample) / Double(max(1, total - exhaleStartSample))
                // Fast rise (60 ms), then exponential-like decay to about −25 dB.
                let rise = min(1, Double(n - exhaleStartSample) / (0.06 * sampleRate))
                let env = rise * pow(10, -25 * x * x / 20) * (x > 0.9 ? (1 - x) / 0.1 : 1)
                var src = rng.gaussian()
                if voiceGain > 1e-3 {
                    phase += 2 * Double.pi * f0 * (1 - 0.15 * x) / sampleRate
                    if phase > 2 * Double.pi { phase -= 2 * Double.pi }
                    var h = 0.0, k = 1.0
                    while k * f0 < 3000 { h += sin(k * phase) / k; k += 1 }
                    src += voiceGain * 4 * max(0, 1 - 2 * x) * h
                }
                v = tract.process(env * src)
            }
            out[n] = Float(v)
        }
        let m = out.reduce(Float(0)) { max($0, abs($1)) }
        if m > 0 { for i in out.indices { out[i] *= peak / m } }
        return out
    }
}
