import CSndFile
import Foundation
import Testing
@testable import Paracues

/// Replays the decoder regression corpus (`Fixtures/fuzz-regressions/decoder-*`: inputs the
/// DecoderFuzz harness found, or hand-made hostile headers) through `FileAnalysis.analyze(path:)`:
/// each must give a typed error with a message naming the file, or a report whose numbers are finite.
@Suite("robustness: decoder corpus")
struct RobustnessDecoderTests {
    @Test func regressionCorpusGivesErrorsOrFiniteReports() throws {
        let files = try RobustnessFixtures.files(prefix: "decoder-")
        #expect(!files.isEmpty)
        for url in files {
            var options = FileAnalysis.Options()
            options.keepFrames = true
            do {
                let r = try FileAnalysis.analyze(path: url.path, options: options)
                let numbers = [r.durationS, r.summary.speechS, r.summary.leadingSilenceS, r.summary.pauses.totalS]
                    + [r.summary.pitch.medianHz, r.summary.loudness.mean, r.summary.energyDBFS.mean].compactMap { $0 }
                #expect(numbers.allSatisfy { $0.isFinite }, "\(url.lastPathComponent): \(numbers)")
                let t = try #require(r.frames)
                #expect(t.loudness.allSatisfy { $0.isFinite } && t.f0Hz.allSatisfy { $0.isFinite }, "\(url.lastPathComponent)")
            } catch let error as ParacuesError {
                #expect(!error.description.isEmpty, "\(url.lastPathComponent)")
            }
        }
    }

    /// DecoderFuzz finding (`decoder-stereo-huge-floats-mixdown.wav`): the mixdown summed the
    /// channels in Float, so two finite samples of ±2.5e38 gave ±Inf: the normaliser reported them
    /// non-finite and zeroed them (frames flagged `non_finite`) instead of passing the finite mean
    /// on (frames then clamped and flagged `clipped`, as for a mono file with the same samples).
    @Test func mixdownOfHugeFiniteSamplesStaysFinite() throws {
        for rate in [16_000, 44_100] {
            let normalizer = try SignalNormalizer(format: AudioFormat(sampleRate: rate, channels: 3), targetRate: 16_000)
            let big = Float.greatestFiniteMagnitude
            let x: [Float] = (0..<3_000).flatMap { i -> [Float] in i % 2 == 0 ? [big, big, big] : [-big, -big, 0] }
            var out: [Float] = [], ranges: [Range<Int>] = []
            x.withUnsafeBufferPointer { normalizer.process(interleaved: $0, emit: { out += $0 }, nonFinite: { ranges.append($0) }) }
            normalizer.finish { out += $0 }
            #expect(ranges.isEmpty, "\(rate) Hz: \(ranges.count) non-finite ranges for finite input")
            #expect(out.allSatisfy { $0.isFinite } && out.contains { abs($0) >= 1e5 }, "\(rate) Hz")
        }
        let url = try #require(try RobustnessFixtures.files(prefix: "decoder-stereo-huge-floats").first)
        var options = FileAnalysis.Options()
        options.keepFrames = true
        let report = try FileAnalysis.analyze(path: url.path, options: options)
        let flags = try #require(report.frames?.flags)
        #expect(!flags.isEmpty && flags.allSatisfy { $0 & 1 == 0 }, "frames flagged non_finite: \(flags)")
        #expect(flags.contains { $0 & 2 != 0 })  // clipped
    }

    /// DecoderFuzz finding (`decoder-float-huge-resampled.wav`: a 12 160 Hz mono float file holding
    /// ±3.4e38 and NaNs): the resampling filter's sums overflowed to ±Inf, so the normaliser emitted
    /// Inf (its `nonFinite:` variant promises finite output) and the frames were flagged non-finite
    /// rather than clipped. Samples beyond ±10⁶ are now clamped before filtering.
    @Test func resamplingOfHugeFiniteSamplesStaysFinite() throws {
        for rate in [12_160, 44_100, 8_000] {
            let normalizer = try SignalNormalizer(format: AudioFormat(sampleRate: rate, channels: 1), targetRate: 16_000)
            let big = Float.greatestFiniteMagnitude
            let x: [Float] = (0..<2_000).map { $0 % 3 == 0 ? big : -big }
            var out: [Float] = [], ranges: [Range<Int>] = []
            x.withUnsafeBufferPointer { normalizer.process(interleaved: $0, emit: { out += $0 }, nonFinite: { ranges.append($0) }) }
            normalizer.finish { out += $0 }
            #expect(ranges.isEmpty && out.allSatisfy { $0.isFinite }, "\(rate) Hz: \(out.filter { !$0.isFinite }.count) non-finite")
            #expect(out.contains { abs($0) >= 1e5 }, "\(rate) Hz: the huge samples still come out large")
        }
        // A 44.1 kHz float file of such samples: frames clipped, none non-finite.
        let url = makeTemporaryDirectory().appendingPathComponent("huge.wav")
        let huge: [Float] = (0..<22_050).map { $0 % 3 == 0 ? Float.greatestFiniteMagnitude : -3e38 }
        #expect(writeAudio(huge, to: url.path, rate: 44_100, channels: 1, format: Int32(SF_FORMAT_WAV | SF_FORMAT_FLOAT)))
        var options = FileAnalysis.Options()
        options.keepFrames = true
        let report = try FileAnalysis.analyze(path: url.path, options: options)
        let flags = try #require(report.frames?.flags)
        #expect(flags.count == 50 && flags.allSatisfy { $0 & 1 == 0 }, "frames flagged non_finite: \(flags)")
        #expect(flags.contains { $0 & 2 != 0 })  // clipped
    }
}
