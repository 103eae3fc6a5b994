import Foundation

/// Follows one conversation session's user audio and annotates every user turn with how it was
/// said: pitch, loudness, speaking and articulation rate, pauses, events, voice quality, and the cue
/// classifier's verdict (emotion, arousal, valence, age band, fatigue, frustration with confidences
/// and evidence), absolute and relative to the session's own baseline (its earlier turns). Never
/// keeps raw audio beyond the engine's analysis windows.
///
/// Feed audio with ``process(_:into:)`` (Float, mono, at ``Configuration/inputRate``),
/// ``processPCM16(_:into:)`` or ``processBase64PCM16(_:into:)``. Turns come either from the
/// annotator's own voice-activity detection (``TurnDetection/own``: annotations appear in the
/// output `endSilence` seconds after the speech stops) or from the caller
/// (``TurnDetection/external``: call ``annotateTurn(start:end:)`` when e.g. a realtime API reports
/// `input_audio_buffer.committed`).
///
/// Latency: features of an instant are known ``latencySeconds`` after its audio arrived.
/// Not thread-safe: one annotator per session.
public final class SessionAnnotator {
    /// How turns are found.
    public enum TurnDetection: String, Sendable, Hashable, Codable {
        /// The annotator's own voice-activity detection on the engine's frames.
        case own
        /// The caller marks turns with ``SessionAnnotator/annotateTurn(start:end:)``.
        case external
    }

    /// Settings of an annotator.
    public struct Configuration: Sendable {
        /// Sample rate of the audio passed in, Hz (8 000…192 000; realtime APIs use 24 000).
        public var inputRate: Int = 24_000
        /// Engine settings.
        public var analysis = AnalysisConfiguration()
        /// Where turns come from.
        public var turnDetection: TurnDetection = .own
        /// Own detection: silence after speech that ends a turn, seconds (0.1…5).
        public var endSilence: Double = 0.6
        /// Turns with fewer voiced frames (10 ms each) get no pitch or loudness statistics, and
        /// own detection drops them as noise.
        public var minimumVoicedFrames: Int = 10
        /// Longest stretch of frames kept for one turn, seconds; older frames are forgotten.
        public var maximumTurnSeconds: Double = 120
        /// How many earlier turns make up the baseline (most recent first).
        public var baselineTurns: Int = 20
        /// Cue model scoring every turn (``CueModel/default`` unless set, e.g. from
        /// ``CueModel/load(path:)``); nil: annotations carry measurements only.
        public var cueModel: CueModel? = .default
        /// A line appended to every annotation's text, telling the model how to use it; nil for none.
        public var guidance: String? =
            "Voice cues for the user's last turn (measured from audio, may be wrong); adapt your tone, don't mention them unless asked."
        /// Creates the default configuration.
        public init() {}
    }

    /// The configuration it was created with.
    public let configuration: Configuration
    /// Turn number of the next annotation (from 1).
    public private(set) var nextTurn = 1

    private let analyzer: StreamingAnalyzer
    private let normalizer: SignalNormalizer
    private var cueSession: CueSession?
    private var detector: OwnTurnDetector
    private let hopSeconds: Double
    private var frames: [FrameFeatures] = []
    /// Energy of every frame of the session (fixed-size histogram), for the noise floor.
    private var sessionEnergy = RunningStatistics(lower: -120, upper: 10, resolution: 0.05)
    /// Voice-quality totals when the previous turn was annotated.
    private var voiceQualityMark = VoiceQualityTotals()
    private var pauses: [Pause] = []
    private var events: [ParalinguisticEvent] = []
    private var lastTurnEnd: Double = 0
    private var inputSamples = 0
    private var scratch: [Float] = []
    private var history = TurnBaselineHistory()
    private var engineOutput = AnalysisOutput()

    /// Shortest phonation time of a turn for which rates are reported, seconds.
    public static let minimumRateSeconds = 0.5

    /// Creates an annotator for one session.
    /// - Throws: ``ParacuesError/invalidConfiguration(_:)`` or ``ParacuesError/unsupportedFormat(_:)``.
    public init(configuration: Configuration = Configuration()) throws(ParacuesError) {
        guard (8_000...192_000).contains(configuration.inputRate) else {
            throw .unsupportedFormat("input rate must be 8000–192000 Hz (got \(configuration.inputRate))")
        }
        guard (0.1...5).contains(configuration.endSilence), configuration.minimumVoicedFrames >= 1,
              configuration.maximumTurnSeconds >= 1, configuration.baselineTurns >= 1 else {
            throw .invalidConfiguration("session annotator: end silence 0.1–5 s, minimum voiced frames ≥ 1, maximum turn ≥ 1 s, baseline turns ≥ 1")
        }
        var analysis = configuration.analysis
        analysis.sourceBandwidth = Double(min(configuration.inputRate, analysis.analysisRate)) / 2
        self.configuration = configuration
        analyzer = try StreamingAnalyzer(configuration: analysis)
        let format = AudioFormat(sampleRate: configuration.inputRate, channels: 1)
        normalizer = try SignalNormalizer(format: format, targetRate: analysis.analysisRate)
        cueSession = configuration.cueModel.map { CueSession(model: $0) }
        hopSeconds = analysis.hopSeconds
        detector = OwnTurnDetector(endSilence: configuration.endSilence,
                                   minimumVoicedFrames: configuration.minimumVoicedFrames, hopSeconds: hopSeconds)
        frames.reserveCapacity(Int(configuration.maximumTurnSeconds / hopSeconds) * 2)
    }

    /// Seconds of audio received so far.
    public var secondsReceived: Double { Double(inputSamples) / Double(configuration.inputRate) }

    /// Seconds after an instant before its frame is analysed (engine plus resampler latency).
    public var latencySeconds: Double { analyzer.latencySeconds + normalizer.latencySeconds }

    /// Time up to which frames have been analysed, seconds.
    public var analysedUntil: Double { frames.last.map { Double($0.index) * hopSeconds } ?? 0 }

    /// Analyses a chunk of mono Float samples (−1…1) at the input rate. The engine's frames, pauses
    /// and events, and the turn annotations this chunk completed (own detection), are appended to
    /// `output`.
    public func process(_ samples: UnsafeBufferPointer<Float>, into output: inout SessionOutput) {
        inputSamples += samples.count
        let start = output.analysis.frames.count
        normalizer.process(interleaved: samples) { analyzer.process($0, into: &output.analysis) }
        absorb(output: &output, fromFrame: start)
    }

    /// Analyses little-endian signed 16-bit mono PCM (an odd trailing byte is ignored).
    public func processPCM16(_ bytes: UnsafeRawBufferPointer, into output: inout SessionOutput) {
        let count = bytes.count / 2
        if scratch.count < count { scratch = [Float](repeating: 0, count: count) }
        for i in 0..<count {
            scratch[i] = Float(Int16(littleEndian: bytes.loadUnaligned(fromByteOffset: 2 * i, as: Int16.self))) / 32768
        }
        scratch.withUnsafeBufferPointer { process(UnsafeBufferPointer(rebasing: $0[0..<count]), into: &output) }
    }

    /// Analyses base64-encoded little-endian PCM16 mono (the `audio` field of a realtime API's
    /// `input_audio_buffer.append`).
    /// - Throws: ``ParacuesError/malformedInput(_:)`` when the text is not base64.
    public func processBase64PCM16(_ base64: String, into output: inout SessionOutput) throws(ParacuesError) {
        guard let data = Data(base64Encoded: base64) else {
            throw .malformedInput("audio is not valid base64")
        }
        data.withUnsafeBytes { processPCM16($0, into: &output) }
    }

    /// Ends the session's audio: flushes the engine and (own detection) closes an open turn.
    public func finish(into output: inout SessionOutput) {
        let start = output.analysis.frames.count
        normalizer.finish { analyzer.process($0, into: &output.analysis) }
        analyzer.finish(into: &output.analysis)
        absorb(output: &output, fromFrame: start)
        if configuration.turnDetection == .own, let turn = detector.finish() {
            output.annotations.append(annotate(turn))
        }
    }

    /// Annotates the turn from `start` to `end` (seconds of session audio) with what has been
    /// analysed so far. `start` nil: the end of the previous turn; `end` nil: the audio received.
    /// Times are clamped to the audio received. Use with ``TurnDetection/external``.
    public func annotateTurn(start: Double? = nil, end: Double? = nil) -> TurnAnnotation {
        let received = secondsReceived
        let e = min(max(end ?? received, 0), received)
        let s = min(max(start ?? lastTurnEnd, 0), e)
        return makeAnnotation(start: s, end: e)
    }

    private func absorb(output: inout SessionOutput, fromFrame start: Int) {
        let analysis = output.analysis
        var closed: [OwnTurnDetector.Turn] = []
        for i in start..<analysis.frames.count {
            let f = analysis.frames[i]
            frames.append(f)
            if !f.validity.contains(.digitalSilence) { sessionEnergy.add(Double(f.energyDBFS)) }
            if configuration.turnDetection == .own,
               let turn = detector.process(index: f.index, voicing: f.voicing, f0Hz: f.f0Hz, energyDBFS: f.energyDBFS) {
                closed.append(turn)
            }
        }
        // Pauses and events of this call (output may hold earlier calls' too: keep only new ones).
        // Absorbed before the turns closed in this call are annotated, so that an annotation sees the
        // same pauses and events whatever the chunking.
        for pause in analysis.pauses where pause.end > (pauses.last?.end ?? -1) { pauses.append(pause) }
        for event in analysis.events where !events.contains(event) { events.append(event) }
        for turn in closed { output.annotations.append(annotate(turn)) }
        forget()
    }

    private func annotate(_ turn: OwnTurnDetector.Turn) -> TurnAnnotation {
        let start = max(0, (Double(turn.firstFrame) - 0.5) * hopSeconds)
        let end = min(secondsReceived, (Double(turn.lastFrame) + 0.5) * hopSeconds)
        return makeAnnotation(start: start, end: end)
    }

    private func makeAnnotation(start: Double, end: Double) -> TurnAnnotation {
        let first = frames.firstIndex { Double($0.index) * hopSeconds >= start - 1e-9 } ?? frames.count
        let last = frames.lastIndex { Double($0.index) * hopSeconds <= end + 1e-9 } ?? -1
        let slice = first <= last ? frames[first...last] : []
        let rate = analyzer.detectors.speakingRate.summary(from: start, to: end)
        let features = TurnFeatureExtractor.features(
            frames: slice, start: start, end: end, pauses: pauses, events: events, rate: rate,
            minimumVoicedFrames: configuration.minimumVoicedFrames)
        let change = history.change(for: features)
        let cues = classify(slice, start: start, end: end, features: features)
        let text = AnnotationText.compose(turn: nextTurn, start: start, end: end, features: features,
                                          change: change, cues: cues, guidance: configuration.guidance)
        let annotation = TurnAnnotation(
            turn: nextTurn, start: start, end: end, complete: analysedUntil >= end - hopSeconds,
            features: features, change: change, cues: cues, text: text)
        history.record(features, keep: configuration.baselineTurns)
        nextTurn += 1
        lastTurnEnd = max(lastTurnEnd, end)
        return annotation
    }

    /// The cue classifier's verdict on a turn (updates the speaker baseline).
    ///
    /// Voice quality: the periods measured since the previous annotation (turns come in order and
    /// the audio between them is mostly silence). SNR: the turn's median voiced energy above the
    /// session's noise floor (10th percentile of every frame's energy so far), 0…60 dB, as turns are
    /// cut tightly around speech and hold too little silence of their own.
    private func classify(_ slice: ArraySlice<FrameFeatures>, start: Double, end: Double,
                          features turn: TurnFeatures) -> CueReport? {
        guard var session = cueSession else { return nil }
        var accumulator = SegmentFeatureAccumulator(hopSeconds: hopSeconds)
        accumulator.eventsDetected = true
        for frame in slice { accumulator.add(frame) }
        for pause in turn.pauses { accumulator.add(pause) }
        for event in turn.events { accumulator.add(event) }
        accumulator.setRate(speakingRate: turn.speechRate, articulationRate: turn.articulationRate)
        let totals = analyzer.voiceQualityTotals
        let voice = totals.since(voiceQualityMark).summary()
        voiceQualityMark = totals
        accumulator.setVoiceQuality(.init(jitterPercent: voice.jitterLocalPercent.value,
                                          shimmerDB: voice.shimmerLocalDB.value, hnrDB: voice.hnrDB.value))
        var segment = accumulator.features(durationSeconds: end - start)
        if let speech = turn.energyMedianDBFS, let floor = sessionEnergy.quantile(0.1) {
            segment[.snrDB] = min(60, max(0, speech - floor))
        }
        let report = session.next(segment)
        cueSession = session
        return report
    }

    /// Drops frames, pauses and events that no future turn can need.
    private func forget() {
        let keepSeconds = configuration.maximumTurnSeconds
        let horizon = min(lastTurnEnd, analysedUntil - keepSeconds) - 1
        if let head = frames.first {
            let firstKept = min(frames.count, Int((horizon / hopSeconds).rounded(.down)) - head.index)
            if firstKept > 4096 { frames.removeFirst(firstKept) }
        }
        if pauses.count > 256 { pauses.removeAll { $0.end < horizon } }
        if events.count > 256 { events.removeAll { $0.end < horizon } }
    }
}

/// What one call of ``SessionAnnotator/process(_:into:)`` (or `finish`) produced. Reuse it across
/// calls with ``removeAll()``.
public struct SessionOutput: Sendable {
    /// The engine's frames, pauses and events.
    public var analysis = AnalysisOutput()
    /// User turns completed (own turn detection).
    public var annotations: [TurnAnnotation] = []
    /// Creates an empty output.
    public init() {}
    /// Empties it, keeping capacity.
    public mutating func removeAll() {
        analysis.removeAll()
        annotations.removeAll(keepingCapacity: true)
    }
}
