import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite("paracues analyze --plot")
struct PlotCommandTests {
    @Test func plotIsWellFormedSVGWithPausesAndAnEnergyEnvelope() throws {
        let svg = CLIRun.temporaryDirectory().appendingPathComponent("timeline.svg")
        let run = try CLIRun.run(["analyze", CLIRun.sample("TestAudio/speech/en_pauses.wav"), "--plot", svg.path])
        #expect(run.status == 0, "\(run.stderr)")
        let data = try Data(contentsOf: svg)
        let parser = XMLParser(data: data)
        #expect(parser.parse(), "SVG is not well-formed XML: \(String(describing: parser.parserError))")
        let text = String(decoding: data, as: UTF8.self)
        // One shaded rectangle per pause (the sample has 3), and the envelope polygon.
        #expect(text.components(separatedBy: "<title>pause ").count - 1 == 3)
        #expect(text.contains("<polygon points="))
        // The JSON report on stdout does not carry the frames the plot needed.
        #expect(!run.stdout.contains("\"frames\""))
    }

    @Test func plotNeedsExactlyOneInput() throws {
        let sample = CLIRun.sample("TestAudio/speech/en_pauses.wav")
        let run = try CLIRun.run(["analyze", sample, sample, "--plot", "/tmp/x.svg"])
        #expect(run.status == 2)
    }
}
