/// Speaker classes of the formant presets; they also suggest a typical f0 (``typicalF0``).
public enum SpeakerClass: String, Sendable, Hashable, CaseIterable {
    /// Adult male formants (Hillenbrand et al. 1995 "men").
    case male
    /// Adult female formants ("women").
    case female
    /// Child formants ("children", 10–12 years).
    case child

    /// A typical mean speaking f0 in Hz (120, 210, 280).
    public var typicalF0: Double {
        switch self {
        case .male: return 120
        case .female: return 210
        case .child: return 280
        }
    }
}

/// Vowel presets with formant frequencies F1–F4 in Hz, after the American English averages of
/// Hillenbrand, Getty, Clark & Wheeler (1995), "Acoustic characteristics of American English vowels",
/// JASA 97(5) (F1–F3 rounded; F4 set to a typical value for the speaker class).
public enum Vowel: String, Sendable, Hashable, CaseIterable {
    /// /ɑ/ as in "hod".
    case a
    /// /i/ as in "heed".
    case i
    /// /u/ as in "who'd".
    case u
    /// /æ/ as in "had".
    case ae
    /// /ɛ/ as in "head".
    case eh
    /// /ɝ/ as in "herd".
    case er

    /// Formant frequencies F1…F4 in Hz for `speaker`.
    public func formants(for speaker: SpeakerClass) -> [Double] {
        switch (speaker, self) {
        case (.male, .a): return [768, 1333, 2522, 3400]
        case (.male, .i): return [342, 2322, 3000, 3400]
        case (.male, .u): return [378, 997, 2343, 3400]
        case (.male, .ae): return [588, 1952, 2601, 3400]
        case (.male, .eh): return [580, 1799, 2605, 3400]
        case (.male, .er): return [474, 1379, 1710, 3300]
        case (.female, .a): return [936, 1551, 2815, 4000]
        case (.female, .i): return [437, 2761, 3372, 4200]
        case (.female, .u): return [459, 1105, 2735, 4000]
        case (.female, .ae): return [669, 2349, 2972, 4100]
        case (.female, .eh): return [731, 2058, 2979, 4100]
        case (.female, .er): return [519, 1588, 1929, 3900]
        case (.child, .a): return [1002, 1688, 2950, 4400]
        case (.child, .i): return [452, 3081, 3702, 4600]
        case (.child, .u): return [494, 1345, 2988, 4400]
        case (.child, .ae): return [1012, 2434, 3227, 4500]
        case (.child, .eh): return [749, 2267, 3104, 4400]
        case (.child, .er): return [568, 1690, 2017, 4300]
        }
    }

    /// Formant bandwidths in Hz matching ``formants(for:)``: 50 + 0.05·F (a common rule of thumb
    /// for modal voice; breathy voice widens them, see ``VoiceQuality``).
    public func bandwidths(for speaker: SpeakerClass) -> [Double] {
        formants(for: speaker).map { 50 + 0.05 * $0 }
    }
}
