import Foundation

/// Writes the compact text of a ``TurnAnnotation`` for a language model, e.g.
/// `[paracues | turn 3, 41.2–46.9 s] frustration 0.72 (rate +38 % vs baseline); pitch 182 Hz (+18 %),
/// range 6.1 st, loudness +12 %, rate 5.2 syl/s (+38 %), 2 pauses (0.9 s), sigh at 46.1 s.`
/// followed by the guidance line when one is configured. Numbers use a point decimal separator
/// whatever the locale.
enum AnnotationText {
    static func compose(turn: Int, start: Double, end: Double, features: TurnFeatures,
                        change: BaselineChange, cues: [CueScore], guidance: String?) -> String {
        var parts: [String] = []
        let topCues = cues.sorted { $0.score > $1.score }.prefix(3)
        if !topCues.isEmpty {
            parts.append(topCues.map { cue in
                let reasons = cue.reasons.isEmpty ? "" : " (" + cue.reasons.joined(separator: ", ") + ")"
                return "\(cue.name) \(fixed(cue.score, 2))\(reasons)"
            }.joined(separator: ", ") + ";")
        }
        var measures: [String] = []
        if let pitch = features.pitchMedianHz {
            measures.append("pitch \(fixed(pitch, 0)) Hz" + percent(change.pitchPercent))
        }
        if let range = features.pitchRangeSemitones { measures.append("range \(fixed(range, 1)) st") }
        if let loudnessChange = change.loudnessPercent {
            measures.append("loudness \(signed(loudnessChange)) %")
        }
        if let rate = features.syllableRate {
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

    static func fixed(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", locale: Locale(identifier: "en_US_POSIX"), value)
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
