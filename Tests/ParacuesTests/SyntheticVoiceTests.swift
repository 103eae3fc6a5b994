import Foundation
import Testing
import ParacuesTestSupport

@Suite struct SyntheticVoiceTests {
    @Test(arguments: [SpeakerClass.male, .female, .child])
    func pulsePeriodsFollowConstantF0(speaker: SpeakerClass) {
        let f0 = speaker.typicalF0
        let signal = SyntheticVoice(segments: [.voiced(1.0, source: VoiceSource(contour: .constant(f0)),
                                                       speaker: speaker)]).render()
        #expect(!signal.pitchMarks.isEmpty)
        for mark in signal.pitchMarks { #expect(abs(mark.period * f0 - 1) < 1e-9) }
        // The waveform repeats at the requested period: the normalised autocorrelation peaks there.
        let x = signal.speech.map(Double.init)
        let lag = f0Lag(x, sampleRate: signal.sampleRate, from: f0 / 1.4, to: f0 * 1.4)
        #expect(abs(signal.sampleRate / lag / f0 - 1) < 0.005, "measured \(signal.sampleRate / lag) Hz")
    }

    @Test func glideAndVibratoPeriodsTrackTheContour() {
        for contour in [F0Contour.exponentialGlide(from: 100, to: 300), .linearGlide(from: 300, to: 150),
                        .vibrato(base: 200, rate: 5, depthCents: 100)] {
            let signal = SyntheticVoice(segments: [.voiced(1.0, source: VoiceSource(contour: contour))]).render()
            for mark in signal.pitchMarks.dropLast() {
                let mid = mark.startTime + mark.period / 2
                let expected = contour.f0(at: mid, duration: 1.0)
                #expect(abs(1 / mark.period / expected - 1) < 0.01)
            }
        }
    }

    @Test func jitterAndShimmerHaveTheRequestedSpread() {
        let source = VoiceSource(contour: .constant(150), jitter: 0.02, shimmer: 0.08)
        let marks = SyntheticVoice(segments: [.voiced(4.0, source: source)], seed: 7).render().pitchMarks
        let periods = marks.map { $0.period * 150 }, amps = marks.map(\.amplitude)
        #expect(abs(relativeSD(periods) - 0.02) < 0.003)
        #expect(abs(relativeSD(amps) - 0.08) < 0.012)
    }

    @Test func creakAlternatesPeriods() {
        let marks = SyntheticVoice(segments: [.voiced(1.0, source: .creaky(f0: 50))], seed: 3).render().pitchMarks
        let ratios = zip(marks, marks.dropFirst()).map { $0.period / $1.period }
        let alternating = zip(ratios, ratios.dropFirst()).filter { ($0 - 1) * ($1 - 1) < 0 }.count
        #expect(Double(alternating) / Double(ratios.count - 1) > 0.6)
        let mean = marks.map(\.period).reduce(0, +) / Double(marks.count)
        #expect(abs(1 / mean / 50 - 1) < 0.03)
    }

    @Test(arguments: [NoiseColour.white, .pink], [0.0, 10.0, 20.0])
    func mixHasRequestedSNR(colour: NoiseColour, snr: Double) {
        let voice = SyntheticVoice(
            segments: [.silence(0.3), .voiced(0.6, source: VoiceSource(contour: .constant(180))),
                       .unvoiced(0.2), .silence(0.3)],
            noise: AdditiveNoise(colour, snrDB: snr), seed: 11)
        let s = voice.render()
        var active = 0.0, n = 0
        for seg in s.segments where seg.isSpeech {
            for i in Int((seg.start * s.sampleRate).rounded())..<Int((seg.end * s.sampleRate).rounded()) {
                active += Double(s.speech[i] * s.speech[i]); n += 1
            }
        }
        let noisePower = zip(s.samples, s.speech).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }
            / Double(s.samples.count)
        let measured = 10 * log10(active / Double(n) / noisePower)
        #expect(abs(measured - snr) < 0.2, "measured \(measured) dB")
    }

    @Test func segmentLevelsAndRenderingAreDeterministic() {
        let voice = SyntheticVoice(segments: [.voiced(0.5, source: .breathy(f0: 220), vowel: .i, speaker: .female,
                                                      levelDB: -26), .unvoiced(0.2)],
                                   noise: AdditiveNoise(.white, snrDB: 15), seed: 5)
        let a = voice.render(), b = voice.render()
        #expect(a.samples == b.samples)
        var other = voice
        other.seed = 6
        #expect(other.render().samples != a.samples)
        let voiced = a.speech[0..<8000].map(Double.init)
        let rmsDB = 10 * log10(voiced.reduce(0) { $0 + $1 * $1 } / Double(voiced.count))
        #expect(abs(rmsDB + 26) < 0.05)
    }

    @Test func truthGridIsExactAndGuardsVoicedEdges() {
        let voice = SyntheticVoice(segments: [.silence(0.25), .voiced(0.5, source: VoiceSource(contour: .constant(100))),
                                              .unvoiced(0.3), .silence(0.2)])
        let s = voice.render()
        #expect(s.samples.count == 20_000)
        #expect(s.frames.count == (20_000 - 1) / 160 + 1)
        for (k, frame) in s.frames.enumerated() {
            #expect(frame.index == k)
            #expect(frame.time == Double(k) * 0.010)
            let t = frame.time
            let expected: FrameTruth.Voicing =
                (abs(t - 0.25) < 0.02 || abs(t - 0.75) < 0.02) ? .ignored
                : (t > 0.25 && t < 0.75) ? .voiced : .unvoiced
            #expect(frame.voicing == expected, "frame \(k)")
            if expected == .voiced { #expect(frame.f0Hz == 100) }
        }
        #expect(s.segments.map(\.isSpeech) == [false, true, true, false])
        #expect(abs(s.segments[2].end - 1.05) < 1e-12)
    }

    @Test func telephoneBandPassesVoiceBandOnly() {
        func gain(_ f: Double) -> Double {
            var x = (0..<16_000).map { Float(sin(2 * Double.pi * f * Double($0) / 16_000)) }
            var band = TelephoneBand(sampleRate: 16_000)
            band.apply(to: &x)
            let tail = x[8000...].map { Double($0 * $0) }
            return 10 * log10(tail.reduce(0, +) / Double(tail.count) / 0.5)
        }
        #expect(gain(100) < -30)
        #expect(abs(gain(1000)) < 0.5)
        #expect(gain(6000) < -40)
        let tel = SyntheticVoice(segments: [.voiced(0.5, source: VoiceSource(contour: .constant(120)))],
                                 sampleRate: 8000, telephoneBand: true).render()
        #expect(tel.samples.count == 4000)
    }

    @Test func scoresCountHitsMissesAndDontCares() {
        let truth = (0..<6).map { k in
            FrameTruth(index: k, time: Double(k) / 100, voicing: k < 4 ? .voiced : (k == 4 ? .ignored : .unvoiced),
                       f0Hz: k < 5 ? 200 : 0)
        }
        // hit, octave error, unvoiced miss, 40-cent hit, ignored, false voiced.
        let score = PitchScore(truth: truth, estimates: [201, 400, 0, 204.7, 0, 150])
        #expect(score.voicedFrames == 4 && score.scoredFrames == 5)
        #expect(score.rawPitchAccuracy == 0.5)
        #expect(score.rawChromaAccuracy == 0.75)
        #expect(score.voicingDecisionError == 0.4)
        #expect(abs(score.grossPitchError - 1.0 / 3.0) < 1e-12)
    }
}

/// Lag (samples, parabolic-interpolated) of the highest normalised autocorrelation peak between f0s.
private func f0Lag(_ x: [Double], sampleRate: Double, from low: Double, to high: Double) -> Double {
    let minLag = Int(sampleRate / high), maxLag = Int(sampleRate / low) + 1
    let n = x.count - maxLag - 1
    func r(_ lag: Int) -> Double {
        var s = 0.0, e1 = 0.0, e2 = 0.0
        for i in 0..<n { s += x[i] * x[i + lag]; e1 += x[i] * x[i]; e2 += x[i + lag] * x[i + lag] }
        return s / (e1 * e2).squareRoot()
    }
    let values = (minLag...maxLag).map(r)
    let best = values.indices.max { values[$0] < values[$1] }!
    guard best > 0 && best < values.count - 1 else { return Double(minLag + best) }
    let a = values[best - 1], b = values[best], c = values[best + 1]
    return Double(minLag + best) + 0.5 * (a - c) / (a - 2 * b + c)
}

private func relativeSD(_ x: [Double]) -> Double {
    let mean = x.reduce(0, +) / Double(x.count)
    let v = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count)
    return v.squareRoot() / mean
}
