/// A named, unit-bearing measurement of one speech segment that the cue classifier can use.
///
/// The raw value is the name used in model files and reports (snake_case). Definitions, units and
/// sources: `docs/cues.md#features`. Features the engine cannot measure yet (speaking rate, voice
/// quality, formants, events) are `nil` in ``SegmentFeatures`` until their detectors are wired in.
public enum CueFeature: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Mean f0 over voiced frames, semitones above 27.5 Hz.
    case pitchMeanSt = "pitch_mean_st"
    /// Median f0 over voiced frames, semitones above 27.5 Hz.
    case pitchMedianSt = "pitch_median_st"
    /// 90th minus 10th percentile of f0 over voiced frames, semitones.
    case pitchRangeSt = "pitch_range_st"
    /// Standard deviation of f0 over voiced frames, semitones.
    case pitchStddevSt = "pitch_stddev_st"
    /// Mean auditory loudness over voiced frames (sone-like units, see `docs/features.md`).
    case loudnessMean = "loudness_mean"
    /// Standard deviation of loudness over voiced frames (same units).
    case loudnessStddev = "loudness_stddev"
    /// Mean frame energy over voiced frames, dBFS.
    case energyMeanDBFS = "energy_mean_dbfs"
    /// Voiced time in the segment, seconds.
    case voicedSeconds = "voiced_s"
    /// Speech time: first to last voiced instant minus the pauses inside, seconds.
    case speechSeconds = "speech_s"
    /// Syllables per second of speech time including pauses (optional).
    case speakingRate = "speaking_rate"
    /// Syllables per second of speech time excluding pauses (optional).
    case articulationRate = "articulation_rate"
    /// Number of pauses inside the segment.
    case pauseCount = "pause_count"
    /// Pauses per minute of speech time.
    case pauseRatePerMinute = "pause_rate_per_min"
    /// Mean pause length, seconds (optional: nil without pauses).
    case pauseMeanSeconds = "pause_mean_s"
    /// Local jitter, percent (optional).
    case jitterPercent = "jitter_pct"
    /// Local shimmer, dB (optional).
    case shimmerDB = "shimmer_db"
    /// Harmonics-to-noise ratio, dB (optional).
    case hnrDB = "hnr_db"
    /// Alpha ratio: energy 50–1000 Hz over 1–5 kHz, dB (optional; eGeMAPS sign convention).
    case alphaRatioDB = "alpha_ratio_db"
    /// Hammarberg index: peak 0–2 kHz minus peak 2–5 kHz, dB (optional).
    case hammarbergIndexDB = "hammarberg_db"
    /// Spectral slope 0–500 Hz, dB/Hz (optional).
    case spectralSlope = "spectral_slope"
    /// Mean first formant, Hz (optional).
    case f1Hz = "f1_hz"
    /// Mean second formant, Hz (optional).
    case f2Hz = "f2_hz"
    /// Mean third formant, Hz (optional).
    case f3Hz = "f3_hz"
    /// Laughter events per minute of segment time (optional: nil until the detector is wired).
    case laughterPerMinute = "laughter_per_min"
    /// Sigh events per minute (optional).
    case sighPerMinute = "sigh_per_min"
    /// Filled pauses ("uh", "um") per minute (optional).
    case filledPausePerMinute = "filled_pause_per_min"
    /// Estimated signal-to-noise ratio, dB (speech median level minus noise floor, capped at 60).
    case snrDB = "snr_db"
    /// Fraction of frames (0…1) whose window holds clipped samples.
    case clippedFraction = "clipped_fraction"

    /// Unit symbol for documentation and evidence strings.
    public var unit: String {
        switch self {
        case .pitchMeanSt, .pitchMedianSt, .pitchRangeSt, .pitchStddevSt: return "st"
        case .loudnessMean, .loudnessStddev: return "sone"
        case .energyMeanDBFS: return "dBFS"
        case .voicedSeconds, .speechSeconds, .pauseMeanSeconds: return "s"
        case .speakingRate, .articulationRate: return "syl/s"
        case .pauseCount: return "count"
        case .pauseRatePerMinute, .laughterPerMinute, .sighPerMinute, .filledPausePerMinute: return "/min"
        case .jitterPercent: return "%"
        case .shimmerDB, .hnrDB, .alphaRatioDB, .hammarbergIndexDB, .snrDB: return "dB"
        case .spectralSlope: return "dB/Hz"
        case .f1Hz, .f2Hz, .f3Hz: return "Hz"
        case .clippedFraction: return "fraction"
        }
    }

    /// True for ratio-scale features that the classifier compares on a log scale (loudness, rates,
    /// durations): a change is read as a percentage (`ln(x / baseline)`), not a difference.
    public var isLogScale: Bool {
        switch self {
        case .loudnessMean, .loudnessStddev, .speakingRate, .articulationRate, .pauseMeanSeconds: return true
        default: return false
        }
    }

    /// Words used in evidence strings ("pitch range", "speaking rate", …).
    public var label: String {
        switch self {
        case .pitchMeanSt: return "pitch"
        case .pitchMedianSt: return "median pitch"
        case .pitchRangeSt: return "pitch range"
        case .pitchStddevSt: return "pitch variability"
        case .loudnessMean: return "loudness"
        case .loudnessStddev: return "loudness variability"
        case .energyMeanDBFS: return "level"
        case .voicedSeconds: return "voiced time"
        case .speechSeconds: return "speech time"
        case .speakingRate: return "rate"
        case .articulationRate: return "articulation rate"
        case .pauseCount: return "pauses"
        case .pauseRatePerMinute: return "pause rate"
        case .pauseMeanSeconds: return "pause length"
        case .jitterPercent: return "jitter"
        case .shimmerDB: return "shimmer"
        case .hnrDB: return "HNR"
        case .alphaRatioDB: return "alpha ratio"
        case .hammarbergIndexDB: return "Hammarberg index"
        case .spectralSlope: return "spectral slope"
        case .f1Hz: return "F1"
        case .f2Hz: return "F2"
        case .f3Hz: return "F3"
        case .laughterPerMinute: return "laughter"
        case .sighPerMinute: return "sighs"
        case .filledPausePerMinute: return "filled pauses"
        case .snrDB: return "SNR"
        case .clippedFraction: return "clipping"
        }
    }

    /// Features describing recording quality or amount of speech rather than the speaker's state;
    /// ``CueTraining`` does not use them as predictors.
    public var isQualityMeasure: Bool {
        switch self {
        case .voicedSeconds, .speechSeconds, .pauseCount, .snrDB, .clippedFraction: return true
        default: return false
        }
    }

    /// Declaration order.
    public static func < (a: CueFeature, b: CueFeature) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Dictionaries keyed by feature encode as JSON objects keyed by the feature's name.
extension CueFeature: CodingKeyRepresentable {}
