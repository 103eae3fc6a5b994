@testable import Paracues
import ParacuesTestSupport
import Testing

/// Shared helpers for the pitch suites: run a signal through the engine and score it.
enum PitchHarness {
    /// f0 (Hz, 0 unvoiced) and voicing per frame from `StreamingAnalyzer`, pushing `chunk`-sample chunks.
    static func track(_ samples: [Float], chunk: Int = 1_237,
                      configuration: AnalysisConfiguration = AnalysisConfiguration()) throws -> [FrameFeatures] {
        let analyzer = try StreamingAnalyzer(configuration: configuration)
        var output = AnalysisOutput()
        var start = 0
        while start < samples.count {
            let end = min(samples.count, start + chunk)
            analyzer.process(Array(samples[start..<end]), into: &output)
            start = end
        }
        analyzer.finish(into: &output)
        return output.frames
    }

    /// f0 per frame from a bare `PitchTracker` with explicit `parameters` (tuning experiments).
    static func trackDirect(_ samples: [Float], parameters: PitchParameters) -> [Float] {
        let tracker = PitchTracker(configuration: AnalysisConfiguration(), parameters: parameters)
        let h = tracker.halfWindow, count = samples.isEmpty ? 0 : (samples.count - 1) / 160 + 1
        var f0 = [Float](repeating: -1, count: count)
        var window = [Float](repeating: 0, count: 2 * h)
        for k in 0..<count {
            for i in 0..<(2 * h) {
                let j = k * 160 - h + i
                window[i] = j >= 0 && j < samples.count ? samples[j] : 0
            }
            window.withUnsafeBufferPointer { w in
                tracker.analyze(frameIndex: k, window: w) { f0[$0.frameIndex] = $0.f0Hz }
            }
        }
        tracker.finish { f0[$0.frameIndex] = $0.f0Hz }
        return f0
    }

    /// Scores the engine's f0 track of `voice` (rendered at 16 kHz) against its truth.
    static func score(_ voice: SyntheticVoice) throws -> PitchScore {
        let signal = voice.render()
        let frames = try track(signal.samples)
        #expect(frames.count == signal.frames.count)
        return PitchScore(truth: signal.frames, estimates: frames.map(\.f0Hz))
    }

    /// A named synthetic condition for sweeps.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var voice: SyntheticVoice
        var testDescription: String { name }
    }

    /// One vowel of `seconds` with silence around it.
    static func vowel(_ source: VoiceSource, speaker: SpeakerClass = .male, vowel: Vowel = .a,
                      seconds: Double = 1.5, seed: UInt64 = 1) -> SyntheticVoice {
        SyntheticVoice(segments: [.silence(0.2), .voiced(seconds, source: source, vowel: vowel, speaker: speaker),
                                  .silence(0.2)], seed: seed)
    }

    /// The clean sweep: speakers, glides, vibrato, jitter/shimmer, creak, breathy, telephone band.
    static let cleanCases: [Case] = {
        var cases: [Case] = []
        for speaker in SpeakerClass.allCases {
            cases.append(Case(name: "utterance-\(speaker)", voice: .utterance(speaker: speaker, seed: 3)))
            var tel = SyntheticVoice.utterance(speaker: speaker, seed: 4)
            tel.telephoneBand = true
            cases.append(Case(name: "telephone-\(speaker)", voice: tel))
        }
        cases.append(Case(name: "glide-80-400", voice: vowel(VoiceSource(contour: .exponentialGlide(from: 80, to: 400),
                                                                         hnrDB: 30), vowel: .eh)))
        cases.append(Case(name: "glide-600-150", voice: vowel(VoiceSource(contour: .linearGlide(from: 600, to: 150)),
                                                              speaker: .child, vowel: .i)))
        cases.append(Case(name: "vibrato-female", voice: vowel(VoiceSource(
            contour: .vibrato(base: 330, rate: 6, depthCents: 100), jitter: 0.003), speaker: .female, vowel: .a)))
        cases.append(Case(name: "jitter-shimmer", voice: vowel(VoiceSource(
            contour: .constant(140), jitter: 0.02, shimmer: 0.1, hnrDB: 20), vowel: .u)))
        cases.append(Case(name: "creak-60", voice: vowel(.creaky(f0: 60), vowel: .a)))
        cases.append(Case(name: "breathy-female", voice: vowel(.breathy(f0: 230), speaker: .female, vowel: .ae)))
        cases.append(Case(name: "breathy-male", voice: vowel(.breathy(f0: 110), speaker: .male, vowel: .er)))
        cases.append(Case(name: "high-child-700", voice: vowel(VoiceSource(contour: .constant(700)), speaker: .child,
                                                               vowel: .u)))
        return cases
    }()

    /// The noisy sweep: utterances at 10 dB SNR white noise.
    static let noisyCases: [Case] = SpeakerClass.allCases.flatMap { speaker in
        [Case(name: "white10-\(speaker)", voice: .utterance(speaker: speaker, seed: 9,
                                                             noise: AdditiveNoise(.white, snrDB: 10))),
         Case(name: "pink10-\(speaker)", voice: .utterance(speaker: speaker, seed: 10,
                                                            noise: AdditiveNoise(.pink, snrDB: 10)))]
    }
}

@Suite struct PitchHarnessTests {
    @Test func harnessChunkingIsBitIdentical() throws {
        let signal = SyntheticVoice.utterance(speaker: .female, seed: 2).render()
        let a = try PitchHarness.track(signal.samples, chunk: 160)
        let b = try PitchHarness.track(signal.samples, chunk: 7_919)
        #expect(a == b)
    }
}

extension PitchHarness {
    /// A wider validation sweep for tuning (not asserted): more seeds, vowels and degradations.
    static let extraCases: [Case] = {
        var cases: [Case] = []
        for (n, speaker) in SpeakerClass.allCases.enumerated() {
            for seed in UInt64(20)..<23 {
                cases.append(Case(name: "utt-\(speaker)-\(seed)", voice: .utterance(speaker: speaker, seed: seed)))
                var tel = SyntheticVoice.utterance(speaker: speaker, seed: seed + 10,
                                                   noise: AdditiveNoise(.white, snrDB: 20))
                tel.telephoneBand = true
                cases.append(Case(name: "tel20-\(speaker)-\(seed)", voice: tel))
                cases.append(Case(name: "white5-\(speaker)-\(seed)", voice: .utterance(
                    speaker: speaker, seed: seed + 20, noise: AdditiveNoise(.white, snrDB: 5))))
            }
            for v in Vowel.allCases {
                let f = speaker.typicalF0 * (0.9 + 0.1 * Double(n))
                cases.append(Case(name: "breathy-\(speaker)-\(v)", voice: vowel(
                    .breathy(f0: f), speaker: speaker, vowel: v, seconds: 0.6, seed: 40)))
                var tel = vowel(VoiceSource(contour: .vibrato(base: f, rate: 5, depthCents: 50), jitter: 0.01,
                                            shimmer: 0.05, hnrDB: 18), speaker: speaker, vowel: v, seconds: 0.6)
                tel.telephoneBand = true
                cases.append(Case(name: "telvowel-\(speaker)-\(v)", voice: tel))
            }
        }
        cases.append(Case(name: "creak-50", voice: vowel(.creaky(f0: 52), seconds: 1.0, seed: 5)))
        cases.append(Case(name: "creak-70", voice: vowel(.creaky(f0: 70), vowel: .i, seconds: 1.0, seed: 6)))
        return cases
    }()
}
