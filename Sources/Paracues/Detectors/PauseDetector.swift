/// Silent-pause detector (placeholder: reports nothing).
struct PauseDetector {
    init(configuration: AnalysisConfiguration) {}
    mutating func process(_ frame: FrameFeatures, into output: inout AnalysisOutput) {}
    mutating func finish(endTime: Double, into output: inout AnalysisOutput) {}
}
