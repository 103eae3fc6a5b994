import Foundation
import Paracues
import ParacuesTestSupport
import Testing

/// Builds a 24 kHz synthetic session and runs it through an annotator in chunks.
func annotate(_ segments: [SpeechSegment], chunk: Int = 480, configuration: SessionAnnotator.Configuration = .init())
    throws -> [TurnAnnotation] {
    let signal = SyntheticVoice(segments: segments, sampleRate: 24_000).render()
    let annotator = try SessionAnnotator(configuration: configuration)
    var output = SessionOutput()
    var annotations: [TurnAnnotation] = []
    signal.samples.withUnsafeBufferPointer { all in
        var offset = 0
        while offset < all.count {
            let n = min(chunk, all.count - offset)
            annotator.process(UnsafeBufferPointer(rebasing: all[offset..<(offset + n)]), into: &output)
            annotations += output.annotations
            output.removeAll()
            offset += n
        }
    }
    annotator.finish(into: &output)
    return annotations + output.annotations
}

/// `count` syllables: voiced `vowel` s at `f0` Hz (± `swing` Hz, alternating glides) and `level`
/// dBFS, separated by `gap` s of silence.
func syllables(_ count: Int, f0: Double, vowel: Double, gap: Double, swing: Double = 0,
               level: Double = -20) -> [SpeechSegment] {
    (0..<count).flatMap { i -> [SpeechSegment] in
        let contour: F0Contour = swing == 0 ? .constant(f0)
            : (i % 2 == 0 ? .linearGlide(from: f0 - swing, to: f0 + swing) : .linearGlide(from: f0 + swing, to: f0 - swing))
        let v = SpeechSegment.voiced(vowel, source: VoiceSource(contour: contour), vowel: i % 2 == 0 ? .a : .u,
                                     levelDB: level)
        return i == count - 1 ? [v] : [v, .silence(gap)]
    }
}

@Suite struct SessionAnnotatorTests {
    @Test func ownDetectionFindsTurnsAndPitchAgainstBaseline() throws {
        let segments: [SpeechSegment] = [
            .silence(0.5), .voiced(1.0, source: VoiceSource(contour: .constant(120))),
            .silence(1.0), .voiced(1.0, source: VoiceSource(contour: .constant(180))), .silence(1.0),
        ]
        let turns = try annotate(segments)
        try #require(turns.count == 2)
        // Truth: 0.5–1.5 s and 2.5–3.5 s; boundaries within 40 ms.
        #expect(abs(turns[0].start - 0.5) < 0.04 && abs(turns[0].end - 1.5) < 0.04, "\(turns[0].start)–\(turns[0].end)")
        #expect(abs(turns[1].start - 2.5) < 0.04 && abs(turns[1].end - 3.5) < 0.04, "\(turns[1].start)–\(turns[1].end)")
        let p0 = try #require(turns[0].features.pitchMedianHz), p1 = try #require(turns[1].features.pitchMedianHz)
        #expect(abs(p0 / 120 - 1) < 0.02, "\(p0)")
        #expect(abs(p1 / 180 - 1) < 0.02, "\(p1)")
        // Constant f0: range under 1 semitone.
        #expect(try #require(turns[1].features.pitchRangeSemitones) < 1)
        #expect(turns[0].change.pitchPercent == nil)
        let change = try #require(turns[1].change.pitchPercent)
        #expect(abs(change - 50) < 3, "\(change)")
        #expect(turns[1].text.hasPrefix("[paracues | turn 2, 2.5–3.5 s] "), "\(turns[1].text)")
        #expect(turns[1].text.contains("pitch 180 Hz (+50 % vs baseline)"), "\(turns[1].text)")
        #expect(turns[1].text.contains("+50 % vs baseline"), "\(turns[1].text)")
        #expect(turns.allSatisfy { $0.complete })
    }

    @Test func syllableRateFollowsTheSyllableTiming() throws {
        // Slow: 0.20 s syllables + 0.10 s gaps = 3.45 syl/s over the turn; fast: 0.08 + 0.05 = 7.9 syl/s.
        let slow = syllables(8, f0: 130, vowel: 0.20, gap: 0.10)
        let fast = syllables(8, f0: 130, vowel: 0.08, gap: 0.05)
        let turns = try annotate([.silence(0.4)] + slow + [.silence(1.2)] + fast + [.silence(1.0)])
        try #require(turns.count == 2)
        #expect(turns[0].features.syllableCount == 8 && turns[1].features.syllableCount == 8)
        // Speech rate over the turn (pauses included); gaps shorter than a pause count as speech.
        let slowRate = try #require(turns[0].features.speechRate)
        let fastRate = try #require(turns[1].features.speechRate)
        let slowTruth = 8 / (8 * 0.20 + 7 * 0.10), fastTruth = 8 / (8 * 0.08 + 7 * 0.05)
        #expect(abs(slowRate / slowTruth - 1) < 0.15, "\(slowRate) vs \(slowTruth)")
        #expect(abs(fastRate / fastTruth - 1) < 0.15, "\(fastRate) vs \(fastTruth)")
        let slowArticulation = try #require(turns[0].features.articulationRate)
        let fastArticulation = try #require(turns[1].features.articulationRate)
        #expect(slowArticulation >= slowRate - 1e-9 && fastArticulation > 1.5 * slowArticulation)
        let change = try #require(turns[1].change.ratePercent)
        #expect(abs(change - 100 * (fastArticulation / slowArticulation - 1)) < 1e-6)
    }

    @Test func pausesInsideATurnAreReported() throws {
        let source = VoiceSource(contour: .constant(140))
        let turns = try annotate([.silence(0.3), .voiced(0.6, source: source), .silence(0.35),
                                  .voiced(0.6, source: source), .silence(1.0)])
        try #require(turns.count == 1)
        let pause = try #require(turns[0].features.pauses.first)
        #expect(abs(pause.start - 0.9) < 0.03 && abs(pause.end - 1.25) < 0.03, "\(pause)")
        #expect(turns[0].text.contains("1 pause (0.3 s)") || turns[0].text.contains("1 pause (0.4 s)"), "\(turns[0].text)")
    }

    @Test func chunkingDoesNotChangeAnnotations() throws {
        let segments: [SpeechSegment] = [.silence(0.3), .voiced(0.8, source: VoiceSource(contour: .constant(200))),
                                         .silence(0.9)]
        let a = try annotate(segments, chunk: 480)
        let b = try annotate(segments, chunk: 7)
        let c = try annotate(segments, chunk: 100_000)
        #expect(a == b && b == c)
        #expect(a.count == 1)
    }

    @Test func externalTurnsUseTheGivenTimes() throws {
        var configuration = SessionAnnotator.Configuration()
        configuration.turnDetection = .external
        let segments: [SpeechSegment] = [.silence(0.2), .voiced(1.0, source: VoiceSource(contour: .constant(220))),
                                         .silence(0.8)]
        let signal = SyntheticVoice(segments: segments, sampleRate: 24_000).render()
        let annotator = try SessionAnnotator(configuration: configuration)
        var output = SessionOutput()
        annotator.process(signal.samples, into: &output)
        #expect(output.annotations.isEmpty)
        let turn = annotator.annotateTurn(start: 0.2, end: 1.2)
        #expect(turn.turn == 1 && turn.start == 0.2 && turn.end == 1.2 && turn.complete)
        let pitch = try #require(turn.features.pitchMedianHz)
        #expect(abs(pitch / 220 - 1) < 0.02)
        // Next turn starts where this one ended; the end is clamped to the audio received (2.0 s).
        let next = annotator.annotateTurn(end: 99)
        #expect(next.start == 1.2 && abs(next.end - 2.0) < 1e-9 && next.features.pitchMedianHz == nil)
        #expect(next.text.contains("no voiced speech measured"))
    }

    @Test func base64PCM16MatchesFloatInput() throws {
        let signal = SyntheticVoice(segments: [.voiced(0.5, source: VoiceSource(contour: .constant(150))), .silence(0.7)],
                                    sampleRate: 24_000).render()
        let pcm = signal.samples.map { Int16(max(-32768, min(32767, ($0 * 32768).rounded()))) }
        let data = pcm.withUnsafeBufferPointer { Data(buffer: $0) }
        let viaBase64 = try SessionAnnotator()
        var a = SessionOutput()
        try viaBase64.processBase64PCM16(data.base64EncodedString(), into: &a)
        viaBase64.finish(into: &a)
        let viaFloat = try SessionAnnotator()
        var b = SessionOutput()
        viaFloat.process(pcm.map { Float($0) / 32768 }, into: &b)
        viaFloat.finish(into: &b)
        #expect(a.analysis.frames == b.analysis.frames && a.annotations == b.annotations && a.annotations.count == 1)
        #expect(throws: ParacuesError.malformedInput("audio is not valid base64")) {
            try viaFloat.processBase64PCM16("not base64!", into: &b)
        }
    }

    /// The cue classifier runs per turn against the speaker's own baseline: after calm turns, a turn
    /// that is faster, higher, wider in pitch and louder reads as more aroused and more frustrated,
    /// with rate or pitch named as evidence; a short turn is flagged uncertain.
    @Test func cuesFollowTheTurnAgainstTheSpeakersBaseline() throws {
        let calm = syllables(10, f0: 115, vowel: 0.22, gap: 0.10, swing: 4, level: -24)
        let agitated = syllables(20, f0: 165, vowel: 0.11, gap: 0.045, swing: 25, level: -14)
        var segments: [SpeechSegment] = [.silence(0.4)]
        for _ in 0..<4 { segments += calm + [.silence(1.0)] }
        segments += agitated + [.silence(1.0)]
        segments += [.voiced(0.5, source: VoiceSource(contour: .constant(120))), .silence(1.0)]
        var configuration = SessionAnnotator.Configuration()
        configuration.guidance = "Be brief."
        let turns = try annotate(segments, configuration: configuration)
        try #require(turns.count == 6)
        let reports = try turns.map { try #require($0.cues) }
        #expect(!reports[0].baselineReady && reports[4].baselineReady)
        #expect(reports[1...4].allSatisfy { !$0.uncertain }, "\(reports.map(\.reasons))")
        let calmArousal = reports[1...3].map(\.arousal.value).max()!
        let calmFrustration = reports[1...3].map(\.frustration.value).max()!
        #expect(reports[4].arousal.value > calmArousal + 0.3, "\(reports.map(\.arousal.value))")
        #expect(reports[4].frustration.value > calmFrustration + 0.2, "\(reports.map(\.frustration.value))")
        let evidence = reports[4].frustration.evidence ?? []
        #expect(evidence.contains { $0.contains("rate") || $0.contains("pitch") }, "\(evidence)")
        #expect(turns[4].text.contains("frustration") || turns[4].text.contains("arousal high"), "\(turns[4].text)")
        #expect(turns[4].text.hasSuffix("\nBe brief."))
        // 0.5 s of voice: too little to judge.
        #expect(reports[5].uncertain)
        #expect(turns[5].text.contains("] cues uncertain: only 0.5 s of voiced speech"), "\(turns[5].text)")
    }

    @Test func withoutACueModelTurnsCarryMeasurementsOnly() throws {
        var configuration = SessionAnnotator.Configuration()
        configuration.cueModel = nil
        let turns = try annotate([.silence(0.2), .voiced(0.6, source: VoiceSource(contour: .constant(150))), .silence(0.8)],
                                 configuration: configuration)
        try #require(turns.count == 1)
        #expect(turns[0].cues == nil)
        #expect(turns[0].text.contains("] pitch 15"), "\(turns[0].text)")
    }

    @Test func rejectsBadSettings() {
        var configuration = SessionAnnotator.Configuration()
        configuration.inputRate = 1000
        #expect(throws: ParacuesError.self) { try SessionAnnotator(configuration: configuration) }
        configuration.inputRate = 24_000
        configuration.endSilence = 0
        #expect(throws: ParacuesError.self) { try SessionAnnotator(configuration: configuration) }
    }
}

extension SessionAnnotator {
    /// Test convenience for arrays.
    func process(_ samples: [Float], into output: inout SessionOutput) {
        samples.withUnsafeBufferPointer { process($0, into: &output) }
    }
}
