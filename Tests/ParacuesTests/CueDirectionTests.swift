import Foundation
import Testing
import Paracues
import ParacuesTestSupport

/// Controlled manipulations of one synthetic speaker move the cues the way the literature says
/// (docs/cues.md cites the sources of every sign). The speaker's baseline is three neutral turns.
@Suite("Cue directions under controlled manipulations")
struct CueDirectionTests {
    static let neutral = CueTurn(speaker: .female, f0Hz: 200, rangeSt: 6, tempo: 1, levelDB: -22)

    /// A session that has heard three neutral turns (seeds 1–3) of ``neutral`` (computed once).
    static let heard = session()

    static func session() -> CueSession {
        var session = CueSession()
        for seed in 1...3 {
            var t = neutral
            t.seed = UInt64(seed)
            _ = session.next(t.features())
        }
        return session
    }

    static func classify(_ change: (inout CueTurn) -> Void) -> CueReport {
        var turn = neutral
        turn.seed = 9
        change(&turn)
        let session = heard
        #expect(session.baseline.isReady)
        return session.classifier.classify(turn.features(), baseline: session.baseline)
    }

    static func line(_ name: String, _ r: CueReport) -> String {
        String(format: "| %@ | %+.2f | %+.2f | %.2f | %.2f | %@ (%.2f) |", name, r.arousal.value, r.valence.value,
               r.fatigue.value, r.frustration.value, r.emotion.label, r.emotion.probabilities[r.emotion.label]!)
    }

    @Test func unchangedVoiceStaysPut() {
        let r = Self.classify { _ in }
        print(Self.line("unchanged", r))
        #expect(!r.uncertain && r.baselineReady)
        #expect(abs(r.arousal.value) < 0.15)
        #expect(abs(r.valence.value) < 0.15)
        #expect(r.fatigue.value < 0.3 && r.frustration.value < 0.3)
        #expect(r.emotion.label == "neutral")
        #expect(r.arousal.confidence > 0.4, "confidence \(r.arousal.confidence)")
    }

    @Test func fasterLouderWiderPitchRaisesArousalAndFrustration() {
        let base = Self.classify { _ in }
        let r = Self.classify { $0.tempo = 1.3; $0.levelDB = -14; $0.rangeSt = 10; $0.f0Hz = 220 }
        print(Self.line("faster + louder + wider + higher", r))
        #expect(r.arousal.value > 0.6)
        #expect(r.frustration.value > base.frustration.value + 0.25)
        #expect(r.fatigue.value < base.fatigue.value)
        #expect(["angry", "happy"].contains(r.emotion.label))
        #expect(r.frustration.evidence?.contains { $0.hasPrefix("loudness +") && $0.hasSuffix("vs baseline") } == true,
                "\(r.frustration.evidence ?? [])")
    }

    @Test func slowerQuieterFlatterRaisesFatigue() {
        let base = Self.classify { _ in }
        let r = Self.classify { $0.tempo = 0.75; $0.levelDB = -30; $0.rangeSt = 3; $0.f0Hz = 190 }
        print(Self.line("slower + quieter + flatter + lower", r))
        #expect(r.fatigue.value > 0.6 && r.fatigue.value > base.fatigue.value + 0.4)
        #expect(r.arousal.value < -0.5)
        #expect(r.frustration.value <= base.frustration.value)
        #expect(r.emotion.label == "sad")
        let evidence = r.fatigue.evidence ?? []
        #expect(evidence.contains { $0.hasPrefix("rate −") && $0.hasSuffix("% vs baseline") }, "\(evidence)")
    }

    /// Each single manipulation moves arousal in its literature direction (Juslin & Laukka 2003).
    @Test(arguments: [
        ("pitch +3 st", 1.0), ("pitch −3 st", -1.0), ("louder +8 dB", 1.0), ("quieter −8 dB", -1.0),
        ("faster ×1.3", 1.0), ("slower ×0.75", -1.0), ("wider range 10 st", 1.0), ("flatter range 3 st", -1.0),
    ])
    func singleManipulationMovesArousal(name: String, sign: Double) {
        let base = Self.classify { _ in }
        let r = Self.classify { t in
            switch name {
            case "pitch +3 st": t.f0Hz *= pow(2, 3.0 / 12)
            case "pitch −3 st": t.f0Hz *= pow(2, -3.0 / 12)
            case "louder +8 dB": t.levelDB += 8
            case "quieter −8 dB": t.levelDB -= 8
            case "faster ×1.3": t.tempo = 1.3
            case "slower ×0.75": t.tempo = 0.75
            case "wider range 10 st": t.rangeSt = 10
            default: t.rangeSt = 3
            }
        }
        print(Self.line(name, r))
        #expect((r.arousal.value - base.arousal.value) * sign > 0.15, "\(name): \(r.arousal.value)")
        // Fatigue moves the other way for every one of these (all are activation cues).
        #expect((r.fatigue.value - base.fatigue.value) * sign < 0, "\(name): fatigue \(r.fatigue.value)")
    }

    /// Higher pitch and formants (male → female → child presets, Hillenbrand et al. 1995 formants)
    /// move the age band younger; age uses population norms, so no baseline is needed.
    @Test func higherPitchAndFormantsMoveAgeBandYounger() {
        let classifier = CueClassifier()
        var young: [Double] = []
        for (speaker, f0) in [(SpeakerClass.male, 120.0), (.female, 210), (.child, 290)] {
            let s = CueTurn(speaker: speaker, f0Hz: f0).features()
            let r = classifier.classify(s)
            print(String(format: "| %@ %.0f Hz | age %@ | child %.2f teen %.2f adult %.2f senior %.2f |",
                         speaker.rawValue, f0, r.ageBand.label, r.ageBand.probabilities["child"]!,
                         r.ageBand.probabilities["teen"]!, r.ageBand.probabilities["adult"]!,
                         r.ageBand.probabilities["senior"]!))
            young.append(r.ageBand.probabilities["child"]! + r.ageBand.probabilities["teen"]!)
            #expect(r.ageBand.label == (speaker == .child ? "child" : "adult"))
        }
        #expect(young[0] < young[1] && young[1] < young[2], "\(young)")
        // Formants alone (measured by the formant stage, here set by hand to the presets' means).
        var adult = CueTurn(speaker: .female, f0Hz: 240).features()
        var child = adult
        adult[.f1Hz] = 700; adult[.f2Hz] = 1930; adult[.f3Hz] = 3000
        child[.f1Hz] = 850; child[.f2Hz] = 2250; child[.f3Hz] = 3300
        let pa = classifier.classify(adult).ageBand.probabilities["child"]!
        let pc = classifier.classify(child).ageBand.probabilities["child"]!
        #expect(pc > pa + 0.1, "child formants: \(pc) vs adult formants \(pa)")
    }
}
