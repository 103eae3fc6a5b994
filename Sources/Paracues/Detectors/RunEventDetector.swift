/// The shared shell of the run-based event detectors (``SighDetector``, ``FilledPauseDetector``):
/// frames go through an ``EventFrameHistory`` (smoothing, look-ahead), each smoothed frame is
/// judged by ``step(_:into:)``, and a run still open at the end of the stream is closed.
protocol RunEventDetector {
    /// Smoothing and look-ahead of the detector's frames.
    var history: EventFrameHistory { get set }
    /// First frame of the open run, −1 when none is open.
    var start: Int { get }
    /// Judges one smoothed frame (in index order); appends decided events.
    mutating func step(_ f: SmoothedEventFrame, into output: inout AnalysisOutput)
    /// Closes the open run and appends its event when it qualifies.
    mutating func close(into output: inout AnalysisOutput)
}

extension RunEventDetector {
    /// Feeds the next completed frame (in index order); appends decided events.
    mutating func pushFrame(_ frame: FrameFeatures, acoustics: FrameAcoustics, into output: inout AnalysisOutput) {
        guard let f = history.push(acoustics, valid: !frame.validity.contains(.nonFinite)) else { return }
        step(f, into: &output)
    }

    /// Ends the stream: decides the frames still held and an open run.
    mutating func flush(into output: inout AnalysisOutput) {
        while let f = history.flushNext() { step(f, into: &output) }
        if start >= 0 { close(into: &output) }
    }
}
