import Paracues
import ParacuesTestSupport
import Testing

/// Interface, latency, range and voicing-probability behaviour of `PitchTracker`.
@Suite struct PitchTrackerTests {
    @Test func latencyStaysWithin100Milliseconds() {
        for floor in [30.0, 50.0, 75.0, 100.0] {
            var configuration = AnalysisConfiguration()
            configuration.minimumF0 = floor
            let tracker = PitchTracker(configuration: configuration)
            #expect(tracker.halfWindow % 2 == 0)
            #expect(Double(tracker.halfWindow) >= 1.5 / floor * 16_000)
            #expect(tracker.latencyFrames >= 2)
            if floor >= 50 { #expect(tracker.halfWindow + tracker.latencyFrames * 160 <= 1_600) }
        }
        #expect(PitchTracker(configuration: AnalysisConfiguration()).latencyFrames == 6)
    }

    @Test func everyFrameIsEmittedOnceInOrder() {
        let tracker = PitchTracker(configuration: AnalysisConfiguration())
        let samples = SyntheticVoice.utterance(speaker: .male, seed: 2).render().samples
        let h = tracker.halfWindow
        var emitted: [Int] = []
        var window = [Float](repeating: 0, count: 2 * h)
        let count = (samples.count - 1) / 160 + 1
        for k in 0..<count {
            for i in 0..<(2 * h) {
                let j = k * 160 - h + i
                window[i] = j >= 0 && j < samples.count ? samples[j] : 0
            }
            window.withUnsafeBufferPointer { w in
                tracker.analyze(frameIndex: k, window: w) { emitted.append($0.frameIndex) }
            }
            #expect(emitted.count == max(0, k + 1 - tracker.latencyFrames))
        }
        tracker.finish { emitted.append($0.frameIndex) }
        #expect(emitted == Array(0..<count))
    }

    @Test func voicingProbabilityAgreesWithTheDecision() throws {
        let signal = SyntheticVoice.utterance(speaker: .female, seed: 5, noise: AdditiveNoise(.white, snrDB: 20)).render()
        let frames = try PitchHarness.track(signal.samples)
        var voicedProbabilities: [Float] = [], silentProbabilities: [Float] = []
        for (truth, frame) in zip(signal.frames, frames) {
            #expect((frame.f0Hz > 0) == (frame.voicing > 0.5))
            #expect(frame.voicing >= 0 && frame.voicing <= 1)
            if truth.voicing == .voiced { voicedProbabilities.append(frame.voicing) }
            if truth.voicing == .unvoiced { silentProbabilities.append(frame.voicing) }
        }
        #expect(voicedProbabilities.reduce(0, +) / Float(voicedProbabilities.count) > 0.9)
        #expect(silentProbabilities.reduce(0, +) / Float(silentProbabilities.count) < 0.1)
    }

    @Test func estimatesStayInsideTheConfiguredRange() throws {
        var configuration = AnalysisConfiguration()
        configuration.minimumF0 = 75
        configuration.maximumF0 = 300
        // A 150 Hz voice is found; a 450 Hz voice is outside the range (no estimate above 300 Hz).
        for (f0, inside) in [(150.0, true), (450.0, false)] {
            let signal = PitchHarness.vowel(VoiceSource(contour: .constant(f0)), seconds: 1).render()
            let frames = try PitchHarness.track(signal.samples, configuration: configuration)
            #expect(frames.allSatisfy { $0.f0Hz == 0 || (75...300).contains($0.f0Hz) })
            if inside {
                #expect(PitchScore(truth: signal.frames, estimates: frames.map(\.f0Hz)).rawPitchAccuracy >= 0.99)
            }
        }
    }

    @Test func silenceAndNoiseAreUnvoiced() throws {
        let silent = [Float](repeating: 0, count: 16_000)
        #expect(try PitchHarness.track(silent).allSatisfy { $0.f0Hz == 0 && $0.voicing < 0.01 })
        let noise = SyntheticVoice(segments: [.unvoiced(1.0, levelDB: -20)], noise: AdditiveNoise(.pink, snrDB: 0),
                                   seed: 8).render()
        let frames = try PitchHarness.track(noise.samples)
        #expect(frames.filter { $0.f0Hz > 0 }.count <= frames.count / 50)
    }

    @Test func repeatedRunsAreIdentical() throws {
        let samples = SyntheticVoice.utterance(speaker: .child, seed: 4).render().samples
        #expect(try PitchHarness.track(samples, chunk: 333) == PitchHarness.track(samples, chunk: 4_096))
    }
}

extension PitchTrackerTests {
    /// Absurdly large input (far beyond full scale) must not crash or produce non-finite values.
    @Test func hugeInputStaysFinite() throws {
        var samples = SyntheticVoice.utterance(speaker: .male, seed: 6).render().samples
        for i in samples.indices where i % 3 == 0 { samples[i] *= 1e18 }
        let frames = try PitchHarness.track(samples)
        #expect(frames.allSatisfy { $0.f0Hz.isFinite && $0.voicing.isFinite && $0.voicing >= 0 && $0.voicing <= 1 })
    }
}

extension PitchTrackerTests {
    /// The widest configurable range (30–1 200 Hz) still tracks a low male and a very high voice.
    /// The 30 Hz floor needs a 100 ms window, so frames within half of it (50 ms) of a voicing
    /// boundary are unscored.
    @Test(arguments: [(40.0, SpeakerClass.male), (140.0, .male), (1_000.0, .child)])
    func widestRangeTracks(f0: Double, speaker: SpeakerClass) throws {
        var configuration = AnalysisConfiguration()
        configuration.minimumF0 = 30
        configuration.maximumF0 = 1_200
        var voice = PitchHarness.vowel(VoiceSource(contour: .constant(f0)), speaker: speaker, vowel: .u, seconds: 1)
        voice.edgeGuard = 0.05
        let signal = voice.render()
        let frames = try PitchHarness.track(signal.samples, configuration: configuration)
        let score = PitchScore(truth: signal.frames, estimates: frames.map(\.f0Hz))
        #expect(score.rawPitchAccuracy >= 0.98, "\(score)")
        #expect(score.voicingDecisionError <= 0.02, "\(score)")
    }
}
