import Foundation

/// Writes the compact text of a ``TurnAnnotation`` for a language model, e.g.
/// `[paracues | turn 3, 41.2–46.9 s] frustration 0.72 (rate +38 % vs baseline, pitch range −40 %),
/// emotion angry 0.61; pitch 182 Hz (+18 % vs baseline), range 6.1 st, loudness +12 %,
/// rate 5.2 syl/s (+38 % vs baseline), 2 pauses (0.9 s), sigh at 46.1 s.`
/// followed by the guidance line when one is configured. Numbers use a point decimal separator
/// whatever the locale. Which cues are mentioned: ``salientCues(_:)``.
enum AnnotationText {
    /// Cues are mentioned only with at least this confidence (0…1).
    static let minimumConfidence = 0.3
    /// Fatigue and frustration are mentioned from this value on (0…1).
    static let minimumLevel = 0.5
    /// Arousal is mentioned from this magnitude on (−1…1 scale).
    static let minimumArousal = 0.5

    static func compose(turn: Int, start: Double, end: Double, features: TurnFeatures,
                        change: BaselineChange, cues: CueReport?, guidance: String?) -> String {
        var parts: [String] = []
        if let cues {
            let salient = salientCues(cues)
            if !salient.isEmpty { parts.append(salient.joined(separator: ", ") + ";") }
        }
        var measures: [String] = []
        if let pitch = features.pitchMedianHz {
            measures.append("pitch \(fixed(pitch, 0)) Hz" + percent(change.pitchPercent))
        }
        if let range = features.pitchRangeSemitones { measures.append("range \(fixed(range, 1)) st") }
        if let loudnessChange = change.loudnessPercent {
            measures.append("loudness \(signed(loudnessChange)) %")
        }
        if let rate = features.articulationRate {
            measures.append("rate \(fixed(rate, 1)) syl/s" + percent(change.ratePercent))
        }
        if !features.pauses.isEmpty {
            let total = features.pauses.reduce(0) { $0 + $1.duration }
            measures.append("\(features.pauses.count) pause\(features.pauses.count == 1 ? "" : "s") (\(fixed(total, 1)) s)")
        }
        for event in features.events {
            measures.append("\(event.type.replacingOccurrences(of: "_", with: " ")) at \(fixed(event.start, 1)) s")
        }
        if measures.isEmpty { measures.append("no voiced speech measured") }
        parts.append(measures.joined(separator: ", ") + ".")
        var text = "[paracues | turn \(turn), \(fixed(start, 1))–\(fixed(end, 1)) s] " + parts.joined(separator: " ")
        if let guidance, !guidance.isEmpty { text += "\n" + guidance }
        return text
    }

    /// The cues worth a model's attention, strongest first: "cues uncertain: reason" when the
    /// evidence is too thin; else frustration and fatigue at ≥ ``minimumLevel`` (with up to two pieces
    /// of evidence), a non-neutral emotion, arousal at |value| ≥ ``minimumArousal``, and a non-adult age
    /// band, each only with confidence ≥ ``minimumConfidence``. Empty when nothing stands out.
    static func salientCues(_ cues: CueReport) -> [String] {
        if cues.uncertain { return ["cues uncertain: \(cues.reasons.first ?? "thin evidence")"] }
        var found: [(weight: Double, text: String)] = []
        for (name, cue) in [("frustration", cues.frustration), ("fatigue", cues.fatigue)]
        where cue.value >= minimumLevel && cue.confidence >= minimumConfidence {
            let evidence = (cue.evidence ?? []).prefix(2)
            found.append((cue.value, "\(name) \(fixed(cue.value, 2))" + (evidence.isEmpty ? "" : " (" + evidence.joined(separator: ", ") + ")")))
        }
        if cues.emotion.label != "neutral", cues.emotion.confidence >= minimumConfidence,
           let p = cues.emotion.probabilities[cues.emotion.label] {
            found.append((p, "emotion \(cues.emotion.label.replacingOccurrences(of: "_", with: "/")) \(fixed(p, 2))"))
        }
        if abs(cues.arousal.value) >= minimumArousal, cues.arousal.confidence >= minimumConfidence {
            found.append((abs(cues.arousal.value), "arousal \(cues.arousal.value > 0 ? "high" : "low") \(fixed(cues.arousal.value, 2))"))
        }
        if cues.ageBand.label != "adult", cues.ageBand.confidence >= minimumConfidence,
           let p = cues.ageBand.probabilities[cues.ageBand.label] {
            found.append((p, "age band \(cues.ageBand.label) \(fixed(p, 2))"))
        }
        return found.sorted { $0.weight > $1.weight }.map(\.text)
    }

    /// `value` with `digits` (0…6) decimals, as `%.Nf` prints it, without `String(format:)`: that
    /// builds an ICU number formatter per call, which was a third of the relay's CPU per annotated
    /// turn. Rounds half to even on the scaled value (printf rounds the exact binary value: the two
    /// differ only for values within an ulp of a tie); no minus sign on a value that rounds to zero.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        let digits = min(max(digits, 0), 6)
        let scale = [1.0, 10, 100, 1_000, 10_000, 100_000, 1_000_000][digits]
        let scaled = (abs(value) * scale).rounded(.toNearestOrEven)
        guard scaled < 1e15 else {  // also NaN and ±∞
            return String(format: "%.\(digits)f", locale: Locale(identifier: "en_US_POSIX"), value)
        }
        let units = UInt64(scaled), divisor = UInt64(scale)
        var text = (value < 0 && units > 0 ? "-" : "") + String(units / divisor)
        if digits > 0 {
            let fraction = String(units % divisor)
            text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return text
    }

    static func signed(_ value: Double) -> String {
        let rounded = value.rounded()
        return (rounded >= 0 ? "+" : "−") + fixed(abs(rounded), 0)
    }

    static func percent(_ value: Double?) -> String {
        guard let value else { return "" }
        return " (\(signed(value)) % vs baseline)"
    }
}
