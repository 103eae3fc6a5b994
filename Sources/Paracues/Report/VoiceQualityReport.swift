/// `summary.voice_quality` of a `paracues/1` report: Praat-style perturbation and noise measures over
/// the voiced stretches of the input (`docs/egemaps.md`). A value is null when it could not be
/// measured; `unmeasured` then says why (e.g. too few periods).
public struct VoiceQualityReport: Sendable, Codable {
    /// Mean absolute difference of consecutive periods / mean period, %.
    @ExplicitNull public var jitterLocalPct: Double?
    /// Mean absolute difference of consecutive periods, seconds.
    @ExplicitNull public var jitterLocalAbsS: Double?
    /// Relative average perturbation (3 periods), %.
    @ExplicitNull public var jitterRapPct: Double?
    /// Five-point period perturbation quotient, %.
    @ExplicitNull public var jitterPpq5Pct: Double?
    /// Mean absolute difference of consecutive peak amplitudes / mean amplitude, %.
    @ExplicitNull public var shimmerLocalPct: Double?
    /// Mean |20 log10(A[i+1]/A[i])|, dB.
    @ExplicitNull public var shimmerLocalDB: Double?
    /// Amplitude perturbation quotients over 3, 5, 11 periods, %.
    @ExplicitNull public var shimmerApq3Pct: Double?
    @ExplicitNull public var shimmerApq5Pct: Double?
    @ExplicitNull public var shimmerApq11Pct: Double?
    /// Harmonics-to-noise ratio (cross-correlation method), dB.
    @ExplicitNull public var hnrDB: Double?
    /// Glottal periods measured.
    public var periodCount: Int
    /// Reason per null value (key = the value's name).
    public var unmeasured: [String: String]

    enum CodingKeys: String, CodingKey {
        case jitterLocalPct = "jitter_local_pct", jitterLocalAbsS = "jitter_local_abs_s", jitterRapPct = "jitter_rap_pct"
        case jitterPpq5Pct = "jitter_ppq5_pct", shimmerLocalPct = "shimmer_local_pct", shimmerLocalDB = "shimmer_local_db"
        case shimmerApq3Pct = "shimmer_apq3_pct", shimmerApq5Pct = "shimmer_apq5_pct", shimmerApq11Pct = "shimmer_apq11_pct"
        case hnrDB = "hnr_db", periodCount = "period_count", unmeasured
    }

    /// The report form of an analyser's ``VoiceQualitySummary``.
    public init(_ s: VoiceQualitySummary) {
        var unmeasured: [String: String] = [:]
        func take(_ m: Measured, _ key: CodingKeys) -> Double? {
            if m.value == nil { unmeasured[key.rawValue] = m.reason ?? "not measurable" }
            return m.value
        }
        jitterLocalPct = take(s.jitterLocalPercent, .jitterLocalPct)
        jitterLocalAbsS = take(s.jitterLocalAbsoluteSeconds, .jitterLocalAbsS)
        jitterRapPct = take(s.jitterRAPPercent, .jitterRapPct)
        jitterPpq5Pct = take(s.jitterPPQ5Percent, .jitterPpq5Pct)
        shimmerLocalPct = take(s.shimmerLocalPercent, .shimmerLocalPct)
        shimmerLocalDB = take(s.shimmerLocalDB, .shimmerLocalDB)
        shimmerApq3Pct = take(s.shimmerAPQ3Percent, .shimmerApq3Pct)
        shimmerApq5Pct = take(s.shimmerAPQ5Percent, .shimmerApq5Pct)
        shimmerApq11Pct = take(s.shimmerAPQ11Percent, .shimmerApq11Pct)
        hnrDB = take(s.hnrDB, .hnrDB)
        periodCount = s.periodCount
        self.unmeasured = unmeasured
    }
}

/// The eGeMAPSv02 functionals of a report: openSMILE's names in openSMILE's order, each value a
/// number or null (with the reason in `unmeasured`).
public struct EGeMAPSReport: Sendable, Codable {
    /// Feature names in openSMILE's order.
    public var names: [String]
    /// Values, parallel to `names` (null when not measurable).
    public var values: [Double?]
    /// Reason per null value.
    public var unmeasured: [String: String]

    /// The report form of a functionals list.
    public init(_ features: [EGeMAPSFeature]) {
        names = features.map(\.name)
        values = features.map(\.value)
        unmeasured = Dictionary(features.compactMap { f in f.value == nil ? (f.name, f.reason ?? "not measurable") : nil },
                                uniquingKeysWith: { a, _ in a })
    }

    /// Encodes as one object mapping each name to its value (null when absent), in openSMILE's order
    /// where the encoder keeps order.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        for (name, value) in zip(names, values) {
            if let value { try c.encode(value, forKey: AnyKey(name)) } else { try c.encodeNil(forKey: AnyKey(name)) }
        }
    }

    /// Decodes the object form (order taken from the keys as stored).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        names = c.allKeys.map(\.stringValue)
        values = try names.map { try c.decodeIfPresent(Double.self, forKey: AnyKey($0)) }
        unmeasured = [:]
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
