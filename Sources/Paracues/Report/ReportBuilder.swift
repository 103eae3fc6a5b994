import Foundation

/// Accumulates a stream's output into an ``AnalysisReport`` in fixed memory (plus the frame table
/// when frames are kept).
public struct ReportBuilder: Sendable {
    private let hopSeconds: Double
    private let keepFrames: Bool
    private var frameCount = 0
    private var voicedCount = 0
    private var clippedFrames = 0
    private var nonFiniteFrames = 0
    private var silentFrames = 0
    private var semitones = RunningStatistics(lower: 0, upper: 80, resolution: 0.01)
    private var f0Mean = RunningStatistics(lower: 0, upper: 1, resolution: 1)
    private var loudness = RunningStatistics(lower: 0, upper: 200, resolution: 0.01)
    private var energy = RunningStatistics(lower: -120, upper: 10, resolution: 0.01)
    private var pauses: [AnalysisReport.TimeSpan] = []
    private var events: [AnalysisReport.Event] = []
    private var table = AnalysisReport.FrameTable()

    /// - Parameters:
    ///   - hopSeconds: frame spacing.
    ///   - keepFrames: keep every frame for the `frames` table (memory grows with length).
    public init(hopSeconds: Double, keepFrames: Bool) {
        self.hopSeconds = hopSeconds
        self.keepFrames = keepFrames
    }

    /// Semitones above 27.5 Hz (A0), the pitch scale of eGeMAPS.
    static func semitones(_ hz: Double) -> Double { 12 * log2(hz / 27.5) }

    /// Adds one call's output.
    public mutating func add(_ output: AnalysisOutput) {
        for frame in output.frames {
            frameCount += 1
            if frame.validity.contains(.clipped) { clippedFrames += 1 }
            if frame.validity.contains(.nonFinite) { nonFiniteFrames += 1 }
            if frame.validity.contains(.digitalSilence) { silentFrames += 1 }
            if frame.f0Hz > 0 {
                voicedCount += 1
                semitones.add(Self.semitones(Double(frame.f0Hz)))
                f0Mean.add(Double(frame.f0Hz))
                loudness.add(Double(frame.loudness))
                energy.add(Double(frame.energyDBFS))
            }
            if keepFrames {
                table.timeS.append(frame.time(hopSeconds: hopSeconds))
                table.f0Hz.append(frame.f0Hz)
                table.voicing.append(frame.voicing)
                table.energyDBFS.append(frame.energyDBFS)
                table.loudness.append(frame.loudness)
                table.flags.append(frame.validity.rawValue)
            }
        }
        pauses += output.pauses.map { .init(startS: $0.start, endS: $0.end) }
        events += output.events.map {
            .init(type: $0.type, startS: $0.start, endS: $0.end, confidence: $0.confidence)
        }
    }

    /// Builds the report.
    /// - Parameters:
    ///   - silence: the analyser's silence summary after `finish`.
    ///   - warnings: warnings from the input stage (appended after the builder's own).
    public func report(file: String, format: AudioFormat, channel: Int?, durationSeconds: Double,
                       analysisRate: Int, silence: SilenceSummary, warnings: [String] = []) -> AnalysisReport {
        func hz(_ st: Double?) -> Double? { st.map { 27.5 * pow(2, $0 / 12) } }
        let p10 = semitones.quantile(0.1), p90 = semitones.quantile(0.9)
        let pitch = AnalysisReport.PitchSummary(
            meanHz: f0Mean.mean, medianHz: hz(semitones.quantile(0.5)), p10Hz: hz(p10), p90Hz: hz(p90),
            rangeSt: p10.flatMap { a in p90.map { $0 - a } }, stddevSt: semitones.standardDeviation,
            voicedFraction: frameCount > 0 ? Double(voicedCount) / Double(frameCount) : 0)
        func level(_ s: RunningStatistics) -> AnalysisReport.LevelSummary {
            .init(mean: s.mean, stddev: s.standardDeviation, p10: s.quantile(0.1), median: s.quantile(0.5),
                  p90: s.quantile(0.9))
        }
        let durations = pauses.map { $0.endS - $0.startS }
        let total = durations.reduce(0, +)
        let pauseSummary = AnalysisReport.PauseSummary(
            count: pauses.count, totalS: total, meanS: durations.isEmpty ? nil : total / Double(durations.count),
            longestS: durations.max())
        let leading = silence.leading ?? durationSeconds
        let trailing = silence.trailing ?? 0
        let summary = AnalysisReport.Summary(
            pitch: pitch, loudness: level(loudness), energyDBFS: level(energy), pauses: pauseSummary,
            leadingSilenceS: leading, trailingSilenceS: trailing,
            speechS: max(0, durationSeconds - leading - trailing - total))
        var notes: [String] = []
        if clippedFrames > 0 { notes.append("\(clippedFrames) of \(frameCount) frames are clipped (samples at full scale)") }
        if nonFiniteFrames > 0 { notes.append("\(nonFiniteFrames) of \(frameCount) frames contain NaN or infinite samples (treated as 0)") }
        if frameCount > 0 && silentFrames == frameCount { notes.append("the input is digital silence") }
        else if voicedCount == 0 { notes.append("no voiced speech found: pitch statistics are null") }
        return AnalysisReport(
            file: file, durationS: durationSeconds, sampleRate: format.sampleRate, channels: format.channels,
            channel: channel, analysisRate: analysisRate, hopS: hopSeconds, summary: summary, pauses: pauses,
            events: events, warnings: notes + warnings, frames: keepFrames ? table : nil)
    }
}
