import Foundation

/// How much the measurements of a segment can be trusted, independent of any model.
public struct CueEvidence: Sendable, Hashable {
    /// True when any cue should be read as unknown.
    public var uncertain: Bool
    /// Human-readable reasons (thin speech, noise, clipping, silence, baseline not ready).
    public var reasons: [String]
    /// Multiplier 0…1 applied to every confidence.
    public var quality: Double

    /// Minimum voiced speech, seconds, below which the result is uncertain.
    public static let minimumVoicedSeconds = 2.0
    /// SNR in dB below which the result is uncertain.
    public static let minimumSNR = 10.0
    /// Fraction of clipped frames above which the result is uncertain.
    public static let maximumClippedFraction = 0.05

    /// Judges a segment.
    ///
    /// quality = √min(1, voiced / 5 s) × clamp((SNR − 5) / 15, 0, 1) × max(0, 1 − 10 × clipped fraction),
    /// additionally capped at 0.25 when uncertain.
    public init(_ segment: SegmentFeatures) {
        var reasons: [String] = []
        let voiced = segment.voicedSeconds
        if voiced == 0 {
            reasons.append(segment.durationSeconds > 0 ? "no voiced speech (silent or unvoiced input)" : "empty segment")
        } else if voiced < Self.minimumVoicedSeconds {
            reasons.append(String(format: "only %.1f s of voiced speech (< %.0f s)", voiced, Self.minimumVoicedSeconds))
        }
        let snr = segment[.snrDB]
        if let snr, voiced > 0, snr < Self.minimumSNR {
            reasons.append(String(format: "low SNR (%.0f dB < %.0f dB)", snr, Self.minimumSNR))
        }
        let clipped = segment[.clippedFraction] ?? 0
        if clipped > Self.maximumClippedFraction {
            reasons.append(String(format: "%.0f %% of frames clipped", clipped * 100))
        }
        uncertain = !reasons.isEmpty
        let snrFactor = snr.map { min(1, max(0, ($0 - 5) / 15)) } ?? 0
        var q = min(1, voiced / 5).squareRoot() * snrFactor * max(0, 1 - 10 * clipped)
        if uncertain { q = min(q, 0.25) }
        quality = q
        self.reasons = reasons
    }
}
