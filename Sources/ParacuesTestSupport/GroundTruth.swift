/// The truth about one instant of the 10 ms grid.
public struct FrameTruth: Sendable, Hashable {
    /// How the frame is scored.
    public enum Voicing: Sendable, Hashable {
        /// The instant lies inside a voiced segment, at least the edge guard away from its edges.
        case voiced
        /// The instant lies inside an unvoiced or silent segment, at least the edge guard away from
        /// every voiced segment's edges.
        case unvoiced
        /// Within the edge guard of a voiced segment's start or end: not scored ("don't care").
        case ignored
    }

    /// Frame number k; its instant is k × frame spacing.
    public var index: Int
    /// Instant in seconds.
    public var time: Double
    /// Scoring class.
    public var voicing: Voicing
    /// Intended f0 in Hz at the instant when it lies in a voiced segment (also for ignored frames
    /// inside one), else 0.
    public var f0Hz: Double

    /// Creates a truth entry (normally made by ``SyntheticVoice/render()``).
    public init(index: Int, time: Double, voicing: Voicing, f0Hz: Double) {
        self.index = index
        self.time = time
        self.voicing = voicing
        self.f0Hz = f0Hz
    }
}

/// One segment's place in the rendered signal (for pause and segmentation tests).
public struct SegmentTruth: Sendable, Hashable {
    /// Start in seconds.
    public var start: Double
    /// End in seconds.
    public var end: Double
    /// Voiced, unvoiced or silence (same meaning as ``SpeechSegment/Kind``).
    public var kind: SpeechSegment.Kind
    /// Whether the segment contains speech (voiced or unvoiced; not silence).
    public var isSpeech: Bool {
        if case .silence = kind { return false }
        return true
    }
}

/// A rendered synthetic signal with its exact truth.
public struct SyntheticSignal: Sendable {
    /// The final samples (speech + noise, band-limited if requested), at ``sampleRate``.
    public var samples: [Float]
    /// The speech alone (before noise; band-limited if requested), same length.
    public var speech: [Float]
    /// The noise alone as added (before the telephone band, if any), same length; zeros if none.
    public var noise: [Float]
    /// Sample rate in Hz.
    public var sampleRate: Double
    /// Truth on the frame grid: one entry per instant k × spacing within the signal
    /// (k = 0 … ⌊(n − 1) / (spacing × rate)⌋), the same count as the engine's frames at 16 kHz.
    public var frames: [FrameTruth]
    /// Every glottal period generated, in time order.
    public var pitchMarks: [PitchMark]
    /// Segments with their start and end times.
    public var segments: [SegmentTruth]
    /// Root-mean-square level of the speech over the non-silent segments (linear full-scale units).
    public var activeSpeechRMS: Double
}

extension SyntheticVoice {
    /// The frame truth grid for these segments (see ``FrameTruth``).
    func truthGrid(sampleCount: Int, layout: [SegmentTruth]) -> [FrameTruth] {
        let hopSamples = frameSpacing * sampleRate
        let count = sampleCount == 0 ? 0 : Int((Double(sampleCount - 1) / hopSamples).rounded(.down)) + 1
        let voicedEdges = layout.filter { if case .voiced = $0.kind { return true } else { return false } }
            .flatMap { [$0.start, $0.end] }
        return (0..<count).map { k in
            let t = Double(k) * frameSpacing
            let segIndex = layout.firstIndex { t >= $0.start && t < $0.end } ?? (layout.count - 1)
            let seg = layout[segIndex]
            let nearEdge = voicedEdges.contains { abs($0 - t) < edgeGuard }
            var f0 = 0.0
            var voicing = FrameTruth.Voicing.unvoiced
            if case .voiced(let source, _, _) = seg.kind {
                f0 = source.contour.f0(at: t - seg.start, duration: seg.end - seg.start)
                voicing = .voiced
            }
            if nearEdge { voicing = .ignored }
            return FrameTruth(index: k, time: t, voicing: voicing, f0Hz: f0)
        }
    }
}
