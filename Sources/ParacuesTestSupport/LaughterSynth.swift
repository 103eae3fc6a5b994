import Foundation

/// Synthetic laughter bouts built from published acoustic descriptions of human laughter.
///
/// Bachorowski, Smoski & Owren (2001, JASA 110:1581): a bout is a series of calls ("ha") at about
/// 4–5 per second, call durations about 100–200 ms, f0 well above speech (means ≈ 280 Hz women,
/// 175 Hz men, wide range), f0 and intensity typically falling over the bout; calls start with a
/// breathy /h/ onset and are often breathy throughout; vowels mostly central (schwa / "ha").
/// Each call: aspiration noise (25–60 ms) then a voiced vowel (harmonics of a falling f0 with a
/// −6 dB/octave source tilt plus aspiration noise), through a cascade formant filter, with a raised-
/// cosine envelope. Gaps between calls carry faint breath noise.
public struct LaughterSynth: Sendable {
    /// Calls per second (valid 2…8; literature mean ≈ 4.5).
    public var callsPerSecond: Double = 4.5
    /// Number of calls in the bout (≥ 2).
    public var callCount: Int = 5
    /// Duration of a call's voiced vowel, seconds (0.05…0.25).
    public var vowelDuration: Double = 0.12
    /// Duration of the breathy /h/ onset, seconds (0…0.08).
    public var onsetDuration: Double = 0.04
    /// f0 at the first call, Hz.
    public var startF0: Double = 260
    /// Relative f0 drop from call to call (0…0.1).
    public var f0DeclinePerCall: Double = 0.04
    /// Level drop from call to call, dB.
    public var levelDeclinePerCall: Double = 1.5
    /// Aspiration noise in the vowel relative to the harmonics, dB (−30 clean … −6 very breathy).
    public var breathinessDB: Double = -14
    /// Vowel quality.
    public var vowel: NonVerbalVowel = .ah
    /// Formant scale (1 male … 1.2 child-like).
    public var formantScale: Double = 1.1
    /// Relative random variation of call timing and duration (0…0.3).
    public var jitter: Double = 0.1
    /// Seed of the random variation and noise.
    public var seed: UInt64 = 1

    /// Creates the default bout (5 calls at 4.5/s).
    public init() {}

    /// A bout with parameters drawn from the literature ranges with `seed`: 3–8 calls at
    /// 3.5–6 calls/s, vowel 80–160 ms, start f0 150–400 Hz, declining.
    public static func random(seed: UInt64) -> LaughterSynth {
        var rng = NonVerbalNoise(seed: seed)
        var s = LaughterSynth()
        s.callsPerSecond = 3.5 + 2.5 * rng.uniform()
        s.callCount = 3 + Int(rng.uniform() * 6)
        s.vowelDuration = 0.08 + 0.08 * rng.uniform()
        s.onsetDuration = 0.025 + 0.035 * rng.uniform()
        s.startF0 = 150 + 250 * rng.uniform()
        s.f0DeclinePerCall = 0.01 + 0.05 * rng.uniform()
        s.levelDeclinePerCall = 0.5 + 2 * rng.uniform()
        s.breathinessDB = -20 + 10 * rng.uniform()
        s.vowel = [NonVerbalVowel.ah, .schwa, .ah, .ee, .oh][Int(rng.uniform() * 5)]
        s.formantScale = 1 + 0.2 * rng.uniform()
        s.seed = seed &* 31 &+ 7
        return s
    }

    /// Duration of the bout in seconds (first call onset to last call end).
    public var duration: Double {
        Double(callCount - 1) / callsPerSecond + onsetDuration + vowelDuration
    }

    /// Renders the bout at `sampleRate`, peak-normalised to `peak`.
    public func render(sampleRate: Double = 16_000, peak: Float = 0.5) -> [Float] {
        var rng = NonVerbalNoise(seed: seed)
        let total = Int(((duration + 0.1) * sampleRate).rounded())
        var out = [Float](repeating: 0, count: total)
        var filter = NonVerbalFormantFilter(formants: vowel.formants(scale: formantScale), sampleRate: sampleRate)
        // Aspiration noise excites the tract with open-glottis (wider) bandwidths (Klatt & Klatt 1990).
        var breathFilter = NonVerbalFormantFilter(formants: vowel.formants(scale: formantScale).map { ($0.0, $0.1 * 3) },
                                                  sampleRate: sampleRate)
        var phase = 0.0
        var callStart = 0.0
        let breath = pow(10, breathinessDB / 20)
        var starts: [(Int, Int, Int, Double, Double)] = []  // (onset, vowel start, end, f0, gain)
        for c in 0..<callCount {
            let onset = onsetDuration * (1 + jitter * (2 * rng.uniform() - 1))
            let vowelLength = vowelDuration * (1 + jitter * (2 * rng.uniform() - 1))
            let a = Int(callStart * sampleRate), v = Int((callStart + onset) * sampleRate)
            let e = min(total, Int((callStart + onset + vowelLength) * sampleRate))
            starts.append((a, v, e, startF0 * pow(1 - f0DeclinePerCall, Double(c)),
                           pow(10, -levelDeclinePerCall * Double(c) / 20)))
            callStart += (1 / callsPerSecond) * (1 + jitter * (2 * rng.uniform() - 1))
        }
        var call = 0
        for n in 0..<total {
            while call < starts.count - 1 && n >= starts[call].2 && n >= starts[call + 1].0 { call += 1 }
            let (a, v, e, f0, gain) = starts[call]
            var noise = 0.003 * rng.gaussian()  // faint breath between calls
            var source = 0.0
            if n >= a && n < v {
                let x = Double(n - a) / Double(max(1, v - a))
                noise += 0.25 * gain * x * rng.gaussian()
            } else if n >= v && n < e {
                let x = Double(n - v) / Double(max(1, e - v))
                let env = gain * (x < 0.2 ? 0.5 - 0.5 * cos(Double.pi * x / 0.2) : 0.5 + 0.5 * cos(Double.pi * (x - 0.2) / 0.8))
                let f = f0 * (1 - 0.08 * x)
                phase += 2 * Double.pi * f / sampleRate
                if phase > 2 * Double.pi { phase -= 2 * Double.pi }
                var h = 0.0
                var k = 1.0
                while k * f < 4000 { h += sin(k * phase) / k; k += 1 }
                source = env * 0.5 * h
                noise += env * breath * 1.5 * rng.gaussian()
            }
            out[n] = Float(filter.process(source) + breathFilter.process(noise))
        }
        let m = out.reduce(Float(0)) { max($0, abs($1)) }
        if m > 0 { for i in out.indices { out[i] *= peak / m } }
        return out
    }
}
