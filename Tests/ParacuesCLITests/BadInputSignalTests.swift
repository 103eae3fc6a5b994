import Foundation
import Testing
import Paracues
import ParacuesTestSupport

/// Bad-input matrix, signal cases, end to end through `paracues analyze --frames`: valid output,
/// frames flagged where values are qualified, a warning in the report, and numbers that still
/// describe the speech.
@Suite("bad input: signals")
struct BadInputSignalTests {
    /// The synthetic male utterance (2.6 s, one 0.3 s pause between voiced stretches) at `rate`.
    static func utterance(rate: Double) -> [Float] {
        SyntheticVoice.utterance(speaker: .male, sampleRate: rate).render().samples
    }

    static func analyze(_ samples: [Float], rate: Int, channels: Int = 1, bits: Int = 32,
                        extra: [String] = [], name: String = "x.wav") throws -> AnalysisReport {
        let p = try BadInput.file(BadInput.wav(samples, rate: rate, channels: channels, bits: bits), name)
        let (run, report) = try BadInput.analyze([p] + extra)
        #expect(run.status == 0, "\(name): \(run.stderr)")
        let r = try #require(report, "\(name): \(run.stderr)")
        BadInput.expectSaneFrames(r)
        return r
    }

    @Test func pureDigitalSilence() throws {
        let r = try Self.analyze([Float](repeating: 0, count: 32_000), rate: 16_000, name: "silence.wav")
        #expect(r.warnings.contains { $0.contains("digital silence") }, "\(r.warnings)")
        #expect(r.summary.pitch.medianHz == nil && r.summary.pitch.meanHz == nil && r.summary.pitch.voicedFraction == 0)
        #expect(r.summary.pauses.count == 0 && r.pauses.isEmpty)
        #expect(r.summary.speechS == 0)
        #expect(r.frames?.flags.allSatisfy { $0 & 4 != 0 } == true)
    }

    @Test func dcOffsetDoesNotMovePitchOrPauses() throws {
        let x = Self.utterance(rate: 16_000)
        let clean = try Self.analyze(x, rate: 16_000, name: "clean.wav")
        let offset = try Self.analyze(x.map { $0 + 0.5 }, rate: 16_000, name: "dc.wav")
        let a = try #require(clean.summary.pitch.medianHz), b = try #require(offset.summary.pitch.medianHz)
        #expect(abs(b / a - 1) < 0.01, "median f0 \(a) → \(b) Hz with +0.5 DC")
        print("robustness: DC +0.5: median f0 \(a) → \(b) Hz, pauses \(clean.pauses) → \(offset.pauses)")
        #expect(offset.summary.pauses.count == clean.summary.pauses.count)
        #expect(abs(offset.summary.pitch.voicedFraction - clean.summary.pitch.voicedFraction) < 0.03)
        for (p, q) in zip(clean.pauses, offset.pauses) {
            #expect(abs(p.startS - q.startS) < 0.03 && abs(p.endS - q.endS) < 0.03, "\(p) vs \(q)")
        }
    }

    @Test func fullScaleSquareWave() throws {
        // 200 Hz, ±1.0 float: every frame touches full scale.
        let x = BadInput.signal(16_000) { ($0 / 40) % 2 == 0 ? 1 : -1 }
        let r = try Self.analyze(x, rate: 16_000, name: "square.wav")
        #expect(r.frames?.flags.allSatisfy { $0 & 2 != 0 } == true)
        #expect(r.warnings.contains { $0.contains("clipped") })
        let median = try #require(r.summary.pitch.medianHz)
        #expect(abs(median / 200 - 1) < 0.02)
        #expect(r.frames?.energyDBFS.dropFirst(3).dropLast(3).allSatisfy { abs($0) < 0.5 } == true,
                "a full-scale square wave is 0 dBFS")
    }

    @Test func heavyClippingIsFlaggedAndWarned() throws {
        let x = Self.utterance(rate: 16_000).map { max(-0.3, min(0.3, $0 * 20)) / 0.3 }  // ×20 then clip to ±1
        let r = try Self.analyze(x, rate: 16_000, bits: 16, name: "clipped.wav")
        let flags = try #require(r.frames?.flags)
        let clipped = flags.filter { $0 & 2 != 0 }.count
        #expect(clipped > flags.count / 3, "\(clipped) of \(flags.count) frames flagged")
        #expect(r.warnings.contains { $0.contains("\(clipped) of \(flags.count) frames are clipped") }, "\(r.warnings)")
        #expect(r.summary.pitch.medianHz.map { abs($0 / 120 - 1) < 0.15 } == true)
    }

    @Test func nanAndInfinityInFloatWAV() throws {
        var x = Self.utterance(rate: 16_000)
        let bad: [(Int, Float)] = [(8_000, .nan), (16_000, .infinity), (24_000, -.infinity), (24_001, .nan)]
        for (i, v) in bad { x[i] = v }
        let r = try Self.analyze(x, rate: 16_000, name: "nonfinite.wav")
        let flags = try #require(r.frames?.flags)
        for (i, _) in bad { #expect(flags[i / 160] & 1 != 0, "frame at sample \(i) not flagged non_finite") }
        let flagged = flags.filter { $0 & 1 != 0 }.count
        #expect(flagged > 0 && flagged < 30, "\(flagged) frames flagged: only those near the bad samples")
        #expect(r.warnings.contains { $0.contains("NaN or infinite") })
        // Summary is still a number and close to the clean analysis.
        let clean = try Self.analyze(Self.utterance(rate: 16_000), rate: 16_000, name: "clean.wav")
        #expect(abs(r.summary.pitch.medianHz! / clean.summary.pitch.medianHz! - 1) < 0.01)
    }

    @Test func hugeFiniteFloatSamplesGiveFiniteClippedFrames() throws {
        // A float WAV may hold any finite value: ±3.4e38 squared overflows any sum (fuzzer finding).
        var x = Self.utterance(rate: 16_000)
        for i in 10_000..<10_400 { x[i] = i % 2 == 0 ? .greatestFiniteMagnitude : -.greatestFiniteMagnitude }
        let r = try Self.analyze(x, rate: 16_000, name: "huge.wav")
        let flags = try #require(r.frames?.flags)
        #expect(flags[10_200 / 160] & 2 != 0, "frames over the huge samples are flagged clipped")
        #expect(r.summary.energyDBFS.mean?.isFinite == true && r.summary.loudness.mean?.isFinite == true)
        #expect(r.warnings.contains { $0.contains("clipped") })
    }

    @Test func denormalsNeitherSlowDownNorGiveNaN() throws {
        // 60 s of denormal noise vs 60 s of ordinary noise: similar wall time (loosely: < 3×).
        var rng = SeededRandom(seed: 3)
        let normal = (0..<960_000).map { _ in Float(rng.uniform() - 0.5) * 0.1 }
        let denormal = normal.map { $0 * 1e-38 }  // every non-zero sample subnormal
        #expect(denormal.contains { $0.isSubnormal })
        let t0 = Date()
        _ = try Self.analyze(normal, rate: 16_000, name: "normal.wav")
        let t1 = Date()
        let r = try Self.analyze(denormal, rate: 16_000, name: "denormal.wav")
        let t2 = Date()
        let (a, b) = (t1.timeIntervalSince(t0), t2.timeIntervalSince(t1))
        #expect(b < 3 * a + 1, "denormal input took \(b) s vs \(a) s")
        print("robustness: 60 s noise \(a) s, 60 s subnormal noise \(b) s (debug CLI)")
        #expect(r.summary.pitch.medianHz == nil)
    }

    @Test func theSameSpeechAtEveryCommonRateGivesTheSameReport() throws {
        let reference = try Self.analyze(Self.utterance(rate: 16_000), rate: 16_000, name: "16000.wav")
        let f0 = try #require(reference.summary.pitch.medianHz)
        #expect(reference.summary.pauses.count == 1)
        for rate in [8_000, 11_025, 22_050, 32_000, 44_100, 48_000, 96_000] {
            let r = try Self.analyze(Self.utterance(rate: Double(rate)), rate: rate, name: "\(rate).wav")
            let m = try #require(r.summary.pitch.medianHz)
            #expect(abs(m / f0 - 1) < 0.03, "\(rate) Hz: median f0 \(m) vs \(f0)")
            print("robustness: \(rate) Hz: median f0 \(m) Hz (16 kHz: \(f0)), pauses \(r.summary.pauses.count)")
            #expect(r.summary.pauses.count == reference.summary.pauses.count, "\(rate) Hz: \(r.pauses)")
            #expect(abs(r.durationS - reference.durationS) < 0.001)
            // Lengths differ by the rounding of the render to whole samples at each rate: ≤ 1 frame.
            #expect(abs((r.frames?.timeS.count ?? 0) - (reference.frames?.timeS.count ?? 0)) <= 1)
        }
    }

    @Test(arguments: 1...8)
    func channelsMixDownAndPick(channels: Int) throws {
        let x = Self.utterance(rate: 16_000)
        // Channel c carries the utterance scaled by 1/(c+1); the mixdown is the utterance times the mean.
        let interleaved = x.flatMap { s in (0..<channels).map { s / Float($0 + 1) } }
        let mix = try Self.analyze(interleaved, rate: 16_000, channels: channels, name: "c\(channels).wav")
        #expect(mix.channels == channels && mix.channel == nil)
        let f0 = try #require(mix.summary.pitch.medianHz)
        #expect(abs(f0 / 120 - 1) < 0.1)
        let last = try Self.analyze(interleaved, rate: 16_000, channels: channels,
                                    extra: ["--channel", "\(channels - 1)"], name: "c\(channels)-pick.wav")
        #expect(last.channel == channels - 1)
        #expect(abs(try #require(last.summary.pitch.medianHz) / f0 - 1) < 0.01)
        // The picked channel is quieter by 20·log10(channels × mean gain): energy shows it.
        let gain = (0..<channels).map { 1 / Double($0 + 1) }.reduce(0, +) / Double(channels)
        let expected = 20 * log10((1 / Double(channels)) / gain)
        let measured = try #require(last.summary.energyDBFS.median) - (try #require(mix.summary.energyDBFS.median))
        #expect(abs(measured - expected) < 0.5, "picked − mix energy \(measured) dB, expected \(expected)")
    }
}
