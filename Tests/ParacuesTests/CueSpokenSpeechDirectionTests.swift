import Foundation
import Testing
import Paracues

/// The direction tests of `CueDirectionTests` on spoken speech instead of the glottal synthesiser:
/// espeak-ng sentences manipulated by sox (pitch shift, tempo, gain), each read through the file
/// path (`CueFeatureExtraction`) and classified against a baseline of three unmodified sentences of
/// the same voice. Every manipulation is compared with the same sentence unmodified, so the
/// sentence's own content cancels out. Signs follow docs/cues.md (Juslin & Laukka 2003; Krajewski
/// et al. 2009 for fatigue; Hillenbrand et al. 1995 for age).
///
/// Needs `espeak-ng` and `sox` (installed by scripts/install-deps, as for the other espeak tests).
@Suite("Cue directions on spoken speech (espeak-ng + sox)")
struct CueSpokenSpeechDirectionTests {
    static let baselineSentences = [
        "The weather was pleasant enough for a walk along the river this morning.",
        "We moved the meeting to Thursday so that everyone could join the call.",
        "Please send me the figures from last quarter when you have a moment.",
    ]
    /// About as many syllables per second as the baseline sentences (5 ± 0.7 syl/s when spoken): a
    /// sentence of long monosyllables would read as slower speech, which it is.
    static let testSentence = "We talked about the project and decided to finish the report tomorrow."

    /// One sentence rendered at 16 kHz, 16-bit, peak at −12 dBFS, then `effects` (sox syntax).
    static func render(_ text: String, effects: [String], into directory: URL, name: String) throws -> String {
        let path = directory.appendingPathComponent("\(name).wav").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "t=$1 p=$2; shift 2; espeak-ng -v en-us -s 170 --stdout \"$t\" | sox -R -t wav - -r 16000 -c 1 -b 16 \"$p\" norm -12 \"$@\"",
                             "sh", text, path] + effects
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ParacuesError.invalidConfiguration("espeak-ng/sox failed (\(process.terminationStatus)) for \(name)")
        }
        return path
    }

    /// Reports for the test sentence under each manipulation (name → report), all against the same
    /// baseline session; computed once.
    static let reports: [String: CueReport] = {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("paracues-cue-spoken-\(ProcessInfo.processInfo.processIdentifier)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var session = CueSession()
        for (k, sentence) in baselineSentences.enumerated() {
            let path = try! render(sentence, effects: [], into: directory, name: "baseline\(k)")
            _ = session.next(try! CueFeatureExtraction.segmentFeatures(path: path))
        }
        let manipulations: [(String, [String])] = [
            ("unchanged", []),
            ("pitch +4 st", ["pitch", "400"]),
            ("pitch −4 st", ["pitch", "-400"]),
            ("louder +8 dB", ["gain", "8"]),
            ("quieter −8 dB", ["gain", "-8"]),
            ("faster ×1.3", ["tempo", "-s", "1.3"]),
            ("slower ×0.75", ["tempo", "-s", "0.75"]),
            ("slower ×0.8, quieter −8 dB, pitch −2 st", ["tempo", "-s", "0.8", "gain", "-8", "pitch", "-200"]),
            ("faster ×1.25, louder +8 dB, pitch +2 st", ["tempo", "-s", "1.25", "gain", "8", "pitch", "200"]),
            ("pitch and formants +12 st", ["pitch", "1200"]),
        ]
        var reports: [String: CueReport] = [:]
        for (k, (name, effects)) in manipulations.enumerated() {
            let path = try! render(testSentence, effects: effects, into: directory, name: "test\(k)")
            let features = try! CueFeatureExtraction.segmentFeatures(path: path)
            reports[name] = session.classifier.classify(features, baseline: session.baseline)
            let r = reports[name]!
            print(String(format: "| %@ | %+.2f | %+.2f | %.2f | %.2f | %@ (%.2f) | child+teen %.2f |", name,
                         r.arousal.value, r.valence.value, r.fatigue.value, r.frustration.value, r.emotion.label,
                         r.emotion.probabilities[r.emotion.label]!,
                         r.ageBand.probabilities["child"]! + r.ageBand.probabilities["teen"]!))
        }
        return reports
    }()

    static func report(_ name: String) -> CueReport { reports[name]! }

    /// Every report is on the speaker's own baseline and confident enough to be read. (How far an
    /// unmodified sentence sits from the three-sentence baseline depends on the sentence: espeak-ng
    /// sentences of one voice differ by about one within-speaker SD in level and rate, which the
    /// default model reads as arousal up to ±0.7 — docs/cues.md "Limits".)
    @Test func everyReportUsesTheBaseline() {
        for (name, r) in Self.reports {
            #expect(r.baselineReady && !r.uncertain, "\(name): \(r.reasons)")
        }
    }

    /// Higher pitch, louder, faster → arousal up; lower, quieter, slower → down (each by ≥ 0.2
    /// relative to the unmodified sentence).
    @Test(arguments: [("pitch +4 st", 1.0), ("pitch −4 st", -1.0), ("louder +8 dB", 1.0), ("quieter −8 dB", -1.0),
                      ("faster ×1.3", 1.0), ("slower ×0.75", -1.0)])
    func singleManipulationMovesArousal(name: String, sign: Double) {
        let base = Self.report("unchanged").arousal.value
        let moved = Self.report(name).arousal.value
        #expect((moved - base) * sign >= 0.2, "\(name): arousal \(base) → \(moved)")
    }

    @Test func slowerQuieterLowerRaisesFatigue() {
        let base = Self.report("unchanged"), r = Self.report("slower ×0.8, quieter −8 dB, pitch −2 st")
        #expect(r.fatigue.value >= base.fatigue.value + 0.25, "fatigue \(base.fatigue.value) → \(r.fatigue.value)")
        #expect(r.arousal.value < base.arousal.value - 0.3)
        #expect(r.frustration.value <= base.frustration.value + 0.05)
        #expect(Self.report("slower ×0.75").fatigue.value > base.fatigue.value)
    }

    @Test func fasterLouderHigherRaisesArousalAndFrustration() {
        let base = Self.report("unchanged"), r = Self.report("faster ×1.25, louder +8 dB, pitch +2 st")
        #expect(r.arousal.value > base.arousal.value && r.arousal.value > 0.9, "arousal \(base.arousal.value) → \(r.arousal.value)")
        #expect(r.frustration.value >= base.frustration.value + 0.2, "frustration \(base.frustration.value) → \(r.frustration.value)")
        #expect(r.fatigue.value <= base.fatigue.value)
    }

    /// sox `pitch` raises f0 and the spectral envelope together, as a shorter vocal tract would; an
    /// octave up takes this ≈ 100 Hz adult male voice to ≈ 200 Hz. Formants are not measured without
    /// `--features egemaps`, so the age band moves on pitch alone, and modestly.
    @Test func higherPitchAndFormantsMoveAgeBandYounger() {
        func younger(_ r: CueReport) -> Double { r.ageBand.probabilities["child"]! + r.ageBand.probabilities["teen"]! }
        let base = Self.report("unchanged"), r = Self.report("pitch and formants +12 st")
        #expect(younger(r) >= younger(base) + 0.2, "P(child)+P(teen) \(younger(base)) → \(younger(r))")
        #expect(younger(Self.report("pitch −4 st")) <= younger(base))
    }
}
