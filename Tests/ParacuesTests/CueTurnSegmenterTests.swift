import Foundation
import Testing
import Paracues
import ParacuesTestSupport

/// Turn-by-turn cues on a stream: four turns separated by 1 s of silence, streamed in odd-sized
/// chunks; the fourth (louder, faster, wider) is judged against the baseline of the first three.
@Suite("Cue turn segmenter")
struct CueTurnSegmenterTests {
    @Test func splitsAtLongPausesAndBuildsTheBaselineAcrossTurns() {
        var turns = (1...3).map { seed -> CueTurn in var t = CueDirectionTests.neutral; t.seed = UInt64(seed); return t }
        var excited = CueDirectionTests.neutral
        excited.seed = 4; excited.levelDB = -14; excited.rangeSt = 10; excited.f0Hz = 220
        turns.append(excited)
        // Render each turn with its oracle f0 (see CueTurn), then concatenate with 1 s gaps.
        var samples: [Float] = [], f0: [Float] = []
        for t in turns {
            let signal = t.voice.render()
            samples += signal.samples + [Float](repeating: 0, count: 16_000)
            var track = [Float](repeating: 0, count: (signal.samples.count + 16_000) / 160)
            for frame in signal.frames where frame.voicing == .voiced && frame.index < track.count {
                track[frame.index] = Float(frame.f0Hz)
            }
            f0 += track
        }
        let analyzer = try! StreamingAnalyzer()
        var segmenter = CueTurnSegmenter()
        var closed: [CueTurnSegmenter.Turn] = []
        var output = AnalysisOutput()
        var offset = 0
        while offset < samples.count {
            let n = min(3_001, samples.count - offset)
            analyzer.process(Array(samples[offset..<(offset + n)]), into: &output)
            for i in output.frames.indices where output.frames[i].index < f0.count { output.frames[i].f0Hz = f0[output.frames[i].index] }
            closed += segmenter.add(output)
            output.removeAll()
            offset += n
        }
        analyzer.finish(into: &output)
        for i in output.frames.indices where output.frames[i].index < f0.count { output.frames[i].f0Hz = f0[output.frames[i].index] }
        closed += segmenter.add(output)
        if let last = segmenter.finish() { closed.append(last) }
        // Four turns with speech (the trailing silence may add an empty one, which is uncertain).
        let speaking = closed.filter { $0.features.voicedSeconds > 1 }
        #expect(speaking.count == 4, "\(closed.map { ($0.start, $0.end, $0.features.voicedSeconds) })")
        guard speaking.count == 4 else { return }
        #expect(!speaking[0].report.baselineReady && !speaking[2].report.baselineReady)
        #expect(speaking[3].report.baselineReady)
        #expect(speaking[3].report.arousal.value > 0.6 && speaking[3].report.frustration.value > 0.5)
        // Turn boundaries lie at the pauses: a turn spans its script minus the 0.3 s of silence at either end.
        let length = turns[0].voice.duration
        #expect(abs((speaking[1].end - speaking[1].start) - (length - 0.6)) < 0.1, "turn 2: \(speaking[1].start)…\(speaking[1].end) s")
    }
}
