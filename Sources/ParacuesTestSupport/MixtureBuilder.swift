import Foundation

/// A labelled stretch of a mixture: what was inserted, and where (seconds).
public struct MixtureEvent: Sendable, Hashable {
    /// `"laughter"`, `"sigh"` or `"filled_pause"`.
    public var type: String
    /// Start, seconds.
    public var start: Double
    /// End, seconds.
    public var end: Double
}

/// A synthetic recording with exact truth: espeak-ng utterances with laughs and sighs placed between
/// them at known times, plus white noise at a given SNR.
public struct Mixture: Sendable {
    /// Samples at 16 kHz.
    public var samples: [Float]
    /// Inserted events, in time order.
    public var events: [MixtureEvent]
    /// The utterances, for diagnostics: voice, words per minute, text, start and end seconds.
    public var utterances: [(voice: String, wordsPerMinute: Int, text: String, start: Double, end: Double)] = []
    /// Duration, seconds.
    public var duration: Double { Double(samples.count) / 16_000 }
}

/// Builds ``Mixture``s deterministically from a seed.
public struct MixtureBuilder: Sendable {
    /// espeak-ng voices to draw from.
    public var voices = ["en", "en-us", "en-us+f3", "en-gb-x-rp+m3", "en+f4", "cmn-latn-pinyin"]
    /// Speaking rates to draw from, words per minute.
    public var rates: ClosedRange<Int> = 130...300
    /// Number of utterances.
    public var utterances = 8
    /// Probability of a laugh in each gap after an utterance.
    public var laughProbability = 0.5
    /// Probability of a sigh in each gap (if no laugh was placed there).
    public var sighProbability = 0.0
    /// Probability of a filled pause ("uh"/"um") in each gap (if no laugh or sigh was placed there).
    public var filledPauseProbability = 0.0
    /// White-noise SNR relative to the active speech power, dB (nil = no noise).
    public var snrDB: Double? = 20
    /// Laugh parameter override applied to each random bout (e.g. a fixed burst rate).
    public var laughCallsPerSecond: ClosedRange<Double>? = nil
    /// Seed.
    public var seed: UInt64 = 1

    /// Creates a builder with the defaults above.
    public init() {}

    /// Renders the mixture.
    /// - Throws: ``NonVerbalSpeechSynth/ToolError`` when espeak-ng or sox cannot run.
    public func build() throws -> Mixture {
        var rng = NonVerbalNoise(seed: seed)
        var samples = [Float](repeating: 0, count: Int(0.5 * 16_000))
        var events: [MixtureEvent] = []
        var log: [(voice: String, wordsPerMinute: Int, text: String, start: Double, end: Double)] = []
        func pad(_ seconds: Double) { samples += [Float](repeating: 0, count: Int(seconds * 16_000)) }
        for u in 0..<utterances {
            let voice = voices[Int(rng.uniform() * Double(voices.count)) % voices.count]
            let rate = rates.lowerBound + Int(rng.uniform() * Double(rates.count - 1))
            let text = voice.hasPrefix("cmn") ? NonVerbalSentences.mandarin(&rng) : NonVerbalSentences.english(&rng)
            var speech = try NonVerbalSpeechSynth.speak(text, voice: voice, wordsPerMinute: rate,
                                                        pitch: 30 + Int(rng.uniform() * 40))
            let gain = Float(pow(10, (-6 * rng.uniform()) / 20))
            for i in speech.indices { speech[i] *= gain }
            log.append((voice, rate, text, Double(samples.count) / 16_000, Double(samples.count + speech.count) / 16_000))
            samples += speech
            pad(0.15 + 0.5 * rng.uniform())
            let draw = rng.uniform()
            if draw < laughProbability {
                var laugh = LaughterSynth.random(seed: seed &* 1000 &+ UInt64(u))
                if let r = laughCallsPerSecond { laugh.callsPerSecond = r.lowerBound + (r.upperBound - r.lowerBound) * rng.uniform() }
                let start = Double(samples.count) / 16_000
                samples += laugh.render(peak: Float(0.5 * (0.5 + 0.5 * rng.uniform())))
                events.append(MixtureEvent(type: "laughter", start: start, end: start + laugh.duration))
                pad(0.2 + 0.5 * rng.uniform())
            } else if draw < laughProbability + sighProbability {
                let sigh = SighSynth.random(seed: seed &* 1000 &+ UInt64(u))
                let start = Double(samples.count) / 16_000
                samples += sigh.render(peak: Float(0.5 * (0.25 + 0.35 * rng.uniform())))
                events.append(MixtureEvent(type: "sigh", start: start, end: start + sigh.duration))
                pad(0.2 + 0.5 * rng.uniform())
            } else if draw < laughProbability + sighProbability + filledPauseProbability {
                let uh = NonVerbalFilledPauseSynth.random(seed: seed &* 1000 &+ UInt64(u))
                let start = Double(samples.count) / 16_000
                samples += uh.render(peak: Float(0.5 * (0.4 + 0.5 * rng.uniform())))
                events.append(MixtureEvent(type: "filled_pause", start: start, end: start + uh.duration))
                pad(0.2 + 0.5 * rng.uniform())
            }
        }
        pad(0.5)
        if let snrDB {
            var noise = NonVerbalNoise(seed: seed &+ 99)
            noise.addWhiteNoise(to: &samples, snrDB: snrDB)
        }
        return Mixture(samples: samples, events: events, utterances: log)
    }
}
