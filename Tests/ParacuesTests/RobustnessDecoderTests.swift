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
}
