import Foundation
@testable import Paracues
import ParacuesTestSupport

/// Runs the engine over samples in fixed chunks and returns its events and speaking-rate summary.
func analyseEvents(_ samples: [Float], chunk: Int = 4000) throws -> (events: [ParalinguisticEvent], rate: SpeakingRateSummary) {
    let analyzer = try StreamingAnalyzer()
    var output = AnalysisOutput()
    var events: [ParalinguisticEvent] = []
    var i = 0
    while i < samples.count {
        let n = min(chunk, samples.count - i)
        samples[i..<(i + n)].withUnsafeBufferPointer { analyzer.process($0, into: &output) }
        events += output.events
        output.removeAll()
        i += n
    }
    analyzer.finish(into: &output)
    events += output.events
    return (events, analyzer.detectors.speakingRate.summary())
}

/// Scores one event type over mixtures built by `builders`.
func scoreMixtures(_ builders: [MixtureBuilder], type: String) throws -> NonVerbalEventScore {
    var score = NonVerbalEventScore()
    for b in builders {
        let m = try b.build()
        let (events, _) = try analyseEvents(m.samples)
        score.add(detected: events.filter { $0.type == type }.map { ($0.start, $0.end) },
                  truth: m.events.filter { $0.type == type }.map { ($0.start, $0.end) })
    }
    return score
}

/// Builders for seeds `seeds` with the given event probabilities.
func mixtureBuilders(seeds: ClosedRange<UInt64>, laugh: Double, sigh: Double,
                     configure: (inout MixtureBuilder) -> Void = { _ in }) -> [MixtureBuilder] {
    seeds.map { seed in
        var b = MixtureBuilder()
        b.seed = seed; b.utterances = 10; b.laughProbability = laugh; b.sighProbability = sigh
        configure(&b)
        return b
    }
}

/// Events per 10 minutes of `type` on ordinary speech (no inserted events): varied voices and rates.
func falseAlarmsPerTenMinutes(type: String, seed: UInt64 = 200, utterances: Int = 160) throws -> (rate: Double, minutes: Double) {
    var b = MixtureBuilder()
    b.seed = seed; b.utterances = utterances; b.laughProbability = 0; b.sighProbability = 0
    let m = try b.build()
    let (events, _) = try analyseEvents(m.samples)
    let count = events.filter { $0.type == type }.count
    return (Double(count) * 600 / m.duration, m.duration / 60)
}
