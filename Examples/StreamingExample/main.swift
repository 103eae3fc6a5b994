// A complete example of embedding paracues in a voice pipeline: audio arrives in 20 ms chunks
// (here read from a file to stand in for a microphone or a network stream), goes through the
// normalizer (any rate and channel count → 16 kHz mono) into the streaming analyser, and frames,
// pauses and events are handled as soon as they are decided.
//
//   swift run paracues-example TestAudio/speech/en_pauses.wav
import Foundation
import Paracues

/// Streams the file at `path` through paracues in 20 ms chunks and prints what it hears.
func analyseAsAStream(path: String) throws(ParacuesError) {
    let reader = try AudioFileReader(path: path)
    let normalizer = try SignalNormalizer(format: reader.format, targetRate: 16_000)
    var configuration = AnalysisConfiguration()
    configuration.sourceBandwidth = normalizer.sourceBandwidth
    let analyzer = try StreamingAnalyzer(configuration: configuration)

    // 20 ms of interleaved input per chunk, as a live source would deliver it.
    let framesPerChunk = reader.format.sampleRate / 50
    let chunk = UnsafeMutableBufferPointer<Float>.allocate(capacity: framesPerChunk * reader.format.channels)
    defer { chunk.deallocate() }

    var output = AnalysisOutput()          // reused: no allocation per chunk in steady state
    var voicedFrames = 0, frames = 0

    func handle(_ output: AnalysisOutput) {
        frames += output.frames.count
        voicedFrames += output.frames.filter { $0.f0Hz > 0 }.count
        for pause in output.pauses {
            print(String(format: "pause   %6.2f–%6.2f s", pause.start, pause.end))
        }
        for event in output.events {
            print(String(format: "%@ %6.2f–%6.2f s (confidence %.2f)", event.type, event.start, event.end, event.confidence))
        }
    }

    while true {
        let n = try reader.read(into: chunk)
        if n == 0 { break }
        normalizer.process(interleaved: UnsafeBufferPointer(rebasing: chunk[0..<(n * reader.format.channels)])) {
            analyzer.process($0, into: &output)
        }
        handle(output)
        output.removeAll()
    }
    normalizer.finish { analyzer.process($0, into: &output) }
    analyzer.finish(into: &output)
    handle(output)
    try reader.checkComplete()

    print(String(format: "%d frames, %.0f %% voiced; latency %.0f ms", frames,
                 100 * Double(voicedFrames) / Double(max(1, frames)), analyzer.latencySeconds * 1000))
}

do {
    try analyseAsAStream(path: CommandLine.arguments.dropFirst().first ?? "TestAudio/speech/en_pauses.wav")
} catch {
    FileHandle.standardError.write(Data("paracues-example: \(error)\n".utf8))
    exit(1)
}
