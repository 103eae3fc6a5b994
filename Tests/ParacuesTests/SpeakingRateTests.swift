import Testing
import Foundation
@testable import Paracues
import ParacuesTestSupport

/// Speaking rate against syllable counts of the texts given to espeak-ng.
///
/// Truth: syllables of the text (hyphenated English; one per Hanzi) divided by the speaking time of
/// the clean synthetic signal (first to last sample above 0.1 % of peak). Rates 120–350 wpm.
/// Targets: Pearson r ≥ 0.98 between estimated and true speech rate, mean absolute relative error
/// ≤ 6 %, per language.
@Suite struct SpeakingRateTests {
    static let wordsPerMinute = [120, 160, 200, 250, 300, 350]

    static func analyse(_ samples: [Float], chunk: Int = 4096) throws -> (SpeakingRateSummary, [FrameFeatures]) {
        let analyzer = try StreamingAnalyzer()
        var output = AnalysisOutput()
        var i = 0
        while i < samples.count {
            let n = min(chunk, samples.count - i)
            samples[i..<(i + n)].withUnsafeBufferPointer { analyzer.process($0, into: &output) }
            i += n
        }
        analyzer.finish(into: &output)
        return (analyzer.detectors.speakingRate.summary(), output.frames)
    }

    static func pearson(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(a.count)
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for i in a.indices {
            sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb)
        }
        return sab / (saa * sbb).squareRoot()
    }

    /// Returns (r, MAE) of estimated vs true speech rate over texts × rates.
    static func evaluate(texts: [String], voice: String, spoken: (String) -> String, syllables: (String) -> Int,
                         snrDB: Double? = nil) throws -> (r: Double, mae: Double) {
        var estimated: [Double] = [], truth: [Double] = []
        var noise = NonVerbalNoise(seed: 7)
        for text in texts {
            for wpm in wordsPerMinute {
                var x = try NonVerbalSpeechSynth.speak(spoken(text), voice: voice, wordsPerMinute: wpm)
                let span = NonVerbalSpeechSynth.speakingTime(x)
                if let snrDB {
                    x = [Float](repeating: 0, count: 8000) + x + [Float](repeating: 0, count: 8000)
                    noise.addWhiteNoise(to: &x, snrDB: snrDB)
                }
                let (summary, _) = try analyse(x)
                estimated.append(summary.speechRate)
                truth.append(Double(syllables(text)) / span)
            }
        }
        let mae = zip(estimated, truth).map { abs($0 / $1 - 1) }.reduce(0, +) / Double(truth.count)
        return (pearson(estimated, truth), mae)
    }

    @Test func englishRateTracksTruth() throws {
        let (r, mae) = try Self.evaluate(texts: NonVerbalRateCorpus.english, voice: "en",
                                         spoken: NonVerbalRateCorpus.englishSpoken,
                                         syllables: NonVerbalRateCorpus.englishSyllables)
        print("speaking rate en: r=\(r) MAE=\(mae)")
        #expect(r >= 0.98)
        #expect(mae <= 0.06)
    }

    @Test func mandarinRateTracksTruth() throws {
        // espeak-ng 1.51's plain `cmn` voice spells most Hanzi as English letters; the
        // `cmn-latn-pinyin` voice reads Hanzi correctly.
        let (r, mae) = try Self.evaluate(texts: NonVerbalRateCorpus.mandarin, voice: "cmn-latn-pinyin",
                                         spoken: { $0 }, syllables: NonVerbalRateCorpus.mandarinSyllables)
        print("speaking rate cmn: r=\(r) MAE=\(mae)")
        #expect(r >= 0.98)
        #expect(mae <= 0.06)
    }

    @Test func englishRateInNoise() throws {
        let (r, mae) = try Self.evaluate(texts: Array(NonVerbalRateCorpus.english.prefix(3)), voice: "en-us+f3",
                                         spoken: NonVerbalRateCorpus.englishSpoken,
                                         syllables: NonVerbalRateCorpus.englishSyllables, snrDB: 20)
        print("speaking rate en-us+f3 @20 dB SNR: r=\(r) MAE=\(mae)")
        #expect(r >= 0.97)
        #expect(mae <= 0.08)
    }

    @Test func articulationRateExcludesPauses() throws {
        let a = try NonVerbalSpeechSynth.speak("the train to the coast leaves at noon", voice: "en", wordsPerMinute: 200)
        let gap = [Float](repeating: 0, count: 16_000)
        let (summary, _) = try Self.analyse(a + gap + a)
        // 2 × 9 syllables; a 1 s pause inside: speaking time ≈ 2 × speech + 1 s, phonation ≈ 2 × speech.
        let speech = NonVerbalSpeechSynth.speakingTime(a)
        #expect(abs(summary.phonationTime - 2 * speech) < 0.25)
        #expect(abs(summary.speakingTime - (2 * speech + 1)) < 0.25)
        #expect(summary.articulationRate > summary.speechRate)
        #expect(abs(summary.syllableCount - 18) <= 1)
    }

    @Test func chunkingDoesNotChangeResult() throws {
        let a = try NonVerbalSpeechSynth.speak("she opened the letter with shaking hands", voice: "en", wordsPerMinute: 220)
        let (one, _) = try Self.analyse(a, chunk: a.count)
        let (small, _) = try Self.analyse(a, chunk: 37)
        #expect(one == small)
    }

    @Test func silenceAndNoiseHaveNoSyllables() throws {
        var noise = NonVerbalNoise(seed: 3)
        var x = [Float](repeating: 0, count: 48_000)
        for i in x.indices { x[i] = Float(0.01 * noise.gaussian()) }
        let (summary, _) = try Self.analyse(x)
        #expect(summary.syllableCount <= 1)
        let (empty, _) = try Self.analyse([Float](repeating: 0, count: 16_000))
        #expect(empty.syllableCount == 0)
        #expect(empty.speechRate == 0)
    }
}

@Suite struct SpeakingRateRollingTests {
    /// Slow speech then fast speech: the rolling 2.5 s rate follows the change; segment summaries split
    /// the syllables between the halves.
    @Test func rollingRateFollowsTempoChange() throws {
        let text = NonVerbalRateCorpus.englishSpoken(NonVerbalRateCorpus.english[1])
        let slow = try NonVerbalSpeechSynth.speak(text, voice: "en", wordsPerMinute: 130)
        let fast = try NonVerbalSpeechSynth.speak(text, voice: "en", wordsPerMinute: 320)
        let analyzer = try StreamingAnalyzer()
        var output = AnalysisOutput()
        analyzer.process(slow, into: &output)
        let slowRolling = analyzer.detectors.speakingRate.rollingSummary(window: 2.5)
        analyzer.process(fast, into: &output)
        analyzer.finish(into: &output)
        let fastRolling = analyzer.detectors.speakingRate.rollingSummary(window: 2.5)
        #expect(fastRolling.speechRate > 1.6 * slowRolling.speechRate)
        let boundary = Double(slow.count) / 16_000
        let tracker = analyzer.detectors.speakingRate
        let first = tracker.summary(from: 0, to: boundary), second = tracker.summary(from: boundary, to: .infinity)
        #expect(first.syllableCount + second.syllableCount == tracker.summary().syllableCount)
        #expect(abs(first.syllableCount - 25) <= 2 && abs(second.syllableCount - 25) <= 2)
    }
}
