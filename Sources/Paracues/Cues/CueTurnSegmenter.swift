/// Cues for a live stream, turn by turn: splits the engine's output into segments at long pauses
/// (or at a maximum length), and classifies each closed segment with a ``CueSession`` so that later
/// turns are judged against the speaker's baseline from earlier ones.
///
/// Latency: a turn closes when the pause detector reports a pause of at least ``turnGapSeconds``
/// (30 ms after speech resumes, `docs/features.md`) or when it reaches ``maximumTurnSeconds``. The
/// few frames between the pause's end and its report are counted in the closing turn (≤ 30 ms plus
/// frame latency; they carry the onset of the next turn and move nothing measurable).
public struct CueTurnSegmenter: Sendable {
    /// One classified segment.
    public struct Turn: Sendable, Hashable {
        /// Start and end of the segment, seconds from the stream start.
        public var start: Double, end: Double
        /// What was measured.
        public var features: SegmentFeatures
        /// The cues (against the baseline of the earlier turns).
        public var report: CueReport
    }

    /// Pauses at least this long (seconds) end a turn (default 0.7 s).
    public var turnGapSeconds = 0.7
    /// Turns longer than this (seconds) are closed anyway (default 20 s).
    public var maximumTurnSeconds = 20.0
    /// The session (classifier and speaker baseline).
    public private(set) var session: CueSession
    /// Accumulator of the open turn; set its rate and voice-quality values before the turn closes.
    public var accumulator: SegmentFeatureAccumulator
    /// Start of the open turn, seconds from the stream start.
    public private(set) var start = 0.0
    private var lastTime = 0.0

    /// Creates a segmenter classifying with `model`; `hopSeconds` is the engine's frame spacing.
    public init(model: CueModel = .default, hopSeconds: Double = 0.010) {
        session = CueSession(model: model)
        accumulator = SegmentFeatureAccumulator(hopSeconds: hopSeconds)
    }

    /// Adds one call's engine output; returns the turns it closed (usually none or one).
    public mutating func add(_ output: AnalysisOutput) -> [Turn] {
        var closed: [Turn] = []
        for frame in output.frames {
            lastTime = frame.time(hopSeconds: accumulator.hopSeconds)
            accumulator.add(frame)
            if lastTime + accumulator.hopSeconds - start >= maximumTurnSeconds {
                closed.append(close(at: lastTime + accumulator.hopSeconds, next: lastTime + accumulator.hopSeconds))
            }
        }
        for event in output.events { accumulator.add(event) }
        for pause in output.pauses {
            if pause.duration >= turnGapSeconds && pause.start > start {
                closed.append(close(at: pause.start, next: pause.end))
            } else {
                accumulator.add(pause)
            }
        }
        return closed
    }

    /// Closes the open turn at the end of the stream; nil when it holds no frames.
    public mutating func finish() -> Turn? {
        guard lastTime + accumulator.hopSeconds > start else { return nil }
        return close(at: lastTime + accumulator.hopSeconds, next: lastTime + accumulator.hopSeconds)
    }

    private mutating func close(at end: Double, next: Double) -> Turn {
        let features = accumulator.features(durationSeconds: end - start)
        let report = session.next(features)
        let turn = Turn(start: start, end: end, features: features, report: report)
        accumulator.reset()
        start = next
        return turn
    }
}
