import Foundation
import Testing
import Paracues
import ParacuesTestSupport

/// A controllable synthetic speaking turn for cue tests, and the features paracues extracts from it.
///
/// A turn is `syllables` voiced vowels of 0.14 s (each a glide of ±`rangeSt`/2 semitones around
/// `f0Hz`), each followed by a 0.06 s fricative, with a 0.4 s pause after every 8 syllables (4.2 syl/s
/// speaking rate, 5 syl/s articulation rate at tempo 1). `tempo` divides every
/// duration; `levelDB` sets the vowel level. Energy, loudness, clipping and pauses come from the
/// engine; f0 comes from the generator's frame truth (an oracle pitch tracker, so that these tests
/// measure the cue model, not tracker error); the speaking rate is set from the script (syllables
/// per second), standing in for the rate detector.
struct CueTurn {
    var speaker: SpeakerClass = .female
    var f0Hz: Double = 200
    var rangeSt: Double = 6
    var tempo: Double = 1
    var levelDB: Double = -22
    var syllables = 30
    var seed: UInt64 = 1
    var noise: AdditiveNoise? = nil
    var gain: Float = 1

    /// The script.
    var voice: SyntheticVoice {
        var segments: [SpeechSegment] = [.silence(0.3)]
        let vowels: [Vowel] = [.a, .i, .u, .ae, .eh, .er]
        var rng = SeededRandom(seed: seed &* 7919)
        for k in 0..<syllables {
            let jitterSt = 0.6 * (rng.uniform() - 0.5)
            let rising = k % 2 == 0
            let low = f0Hz * pow(2, (-rangeSt / 2 + jitterSt) / 12), high = f0Hz * pow(2, (rangeSt / 2 + jitterSt) / 12)
            let source = VoiceSource(contour: .exponentialGlide(from: rising ? low : high, to: rising ? high : low),
                                     jitter: 0.005, shimmer: 0.03, hnrDB: 25)
            segments.append(.voiced(0.14 / tempo, source: source, vowel: vowels[k % vowels.count], speaker: speaker,
                                    levelDB: levelDB + 2 * (rng.uniform() - 0.5)))
            segments.append(.unvoiced(0.06 / tempo, levelDB: levelDB - 12))
            if k % 8 == 7 && k < syllables - 1 { segments.append(.silence(0.4 / tempo)) }
        }
        segments.append(.silence(0.3))
        return SyntheticVoice(segments: segments, noise: noise, seed: seed)
    }

    /// Seconds of the script from the first syllable to the end of the last, pauses included.
    var speechSeconds: Double {
        Double(syllables) * 0.2 / tempo + pauseSeconds
    }

    /// Seconds of scripted pauses between syllables.
    var pauseSeconds: Double { Double((syllables - 1) / 8) * 0.4 / tempo
    }

    /// Features of the turn as paracues measures them (oracle f0, see the type's doc).
    func features() -> SegmentFeatures {
        let signal = voice.render()
        var samples = signal.samples
        if gain != 1 { for i in samples.indices { samples[i] = min(1, max(-1, samples[i] * gain)) } }
        let analyzer = try! StreamingAnalyzer()
        var output = AnalysisOutput()
        analyzer.process(samples, into: &output)
        analyzer.finish(into: &output)
        for i in output.frames.indices {
            let k = output.frames[i].index
            guard k < signal.frames.count else { continue }
            let truth = signal.frames[k]
            output.frames[i].f0Hz = truth.voicing == .voiced ? Float(truth.f0Hz) : 0
        }
        var accumulator = SegmentFeatureAccumulator()
        accumulator.add(output)
        accumulator.setRate(speakingRate: Double(syllables) / speechSeconds,
                            articulationRate: Double(syllables) / (speechSeconds - pauseSeconds))
        return accumulator.features(durationSeconds: Double(samples.count) / 16_000)
    }
}

@Suite("Cue fixtures: the segment accumulator measures the synthetic turn")
struct CueFixtureTests {
    @Test func accumulatorMeasuresTheTurn() {
        let turn = CueTurn(f0Hz: 200, rangeSt: 6, seed: 3)
        let s = turn.features()
        // Voiced time and pitch statistics against the generator's frame truth (exact up to the
        // 0.01 st histogram bins of RunningStatistics).
        let truth = turn.voice.render().frames.filter { $0.voicing == .voiced }.map { 12 * log2($0.f0Hz / 27.5) }.sorted()
        #expect(abs(s.voicedSeconds - Double(truth.count) * 0.01) < 1e-9, "voiced \(s.voicedSeconds)")
        let mean = truth.reduce(0, +) / Double(truth.count)
        #expect(abs(s[.pitchMeanSt]! - mean) < 1e-6)
        let median = truth[truth.count / 2]
        #expect(abs(s[.pitchMedianSt]! - median) < 0.05)
        let range = truth[Int(0.9 * Double(truth.count))] - truth[Int(0.1 * Double(truth.count))]
        #expect(abs(s[.pitchRangeSt]! - range) < 0.1, "range \(s[.pitchRangeSt]!) vs truth \(range)")
        // The script's glides span ±3 st around 200 Hz (30.9 st re 27.5 Hz).
        #expect(abs(median - 12 * log2(200 / 27.5)) < 0.5 && range > 3 && range < 6)
        // Three inner pauses of 0.4 s, plus the fricative gaps that the pause detector may or may not take.
        #expect(s[.pauseCount]! >= 3)
        #expect(s[.snrDB]! > 30)
        #expect(s[.clippedFraction]! == 0)
        #expect(s[.jitterPercent] == nil && s[.laughterPerMinute] == nil)
    }

    @Test func gainMovesLevelAndLoudnessNotPitch() {
        let quiet = CueTurn(levelDB: -32, seed: 4).features(), loud = CueTurn(levelDB: -22, seed: 4).features()
        #expect(abs(loud[.energyMeanDBFS]! - quiet[.energyMeanDBFS]! - 10) < 1)
        // Loudness follows Stevens' power law: +10 dB ≈ × 2 (docs/features.md).
        let ratio = loud[.loudnessMean]! / quiet[.loudnessMean]!
        #expect(ratio > 1.7 && ratio < 2.6, "loudness ratio \(ratio)")
        #expect(abs(loud[.pitchMeanSt]! - quiet[.pitchMeanSt]!) < 0.01)
    }

    @Test func withoutVoicedFramesLevelsComeFromActiveFrames() {
        // Frames 0–99 silent (−120 dBFS), 100–299 active at −30 dBFS, loudness 0.4, no f0.
        var accumulator = SegmentFeatureAccumulator()
        var output = AnalysisOutput()
        for k in 0..<300 {
            output.frames.append(k < 100 ? FrameFeatures(index: k, validity: .digitalSilence)
                                         : FrameFeatures(index: k, energyDBFS: -30, loudness: 0.4))
        }
        output.pauses.append(Pause(start: 1.5, end: 1.8))
        output.events.append(ParalinguisticEvent(type: "laughter", start: 2, end: 2.5, confidence: 0.9))
        accumulator.add(output)
        var s = accumulator.features()
        #expect(s.voicedSeconds == 0 && s[.pitchMeanSt] == nil && s[.snrDB] == nil)
        #expect(abs(s[.energyMeanDBFS]! + 30) < 1e-9 && abs(s[.loudnessMean]! - 0.4) < 1e-6)
        // Active span 1.00…2.99 s = 2.0 s, minus the 0.3 s pause inside it.
        #expect(abs(s[.speechSeconds]! - 1.7) < 1e-9 && s[.pauseCount]! == 1)
        #expect(abs(s[.pauseRatePerMinute]! - 60 / 1.7) < 1e-9)
        // Events are "not measured" until the detectors are declared to run.
        #expect(s[.laughterPerMinute] == nil)
        accumulator.eventsDetected = true
        s = accumulator.features()
        #expect(abs(s[.laughterPerMinute]! - 20) < 1e-9)   // 1 event in 3 s
        #expect(s[.sighPerMinute] == 0)
        accumulator.reset()
        #expect(accumulator.features().durationSeconds == 0 && accumulator.eventsDetected)
    }
}
