import Foundation
import Testing

@Suite("docs/library.md")
struct LibraryDocTests {
    @Test func theDocumentedExampleIsTheCompiledOne() throws {
        let root = CLIRun.packageRoot
        let doc = try String(contentsOf: root.appendingPathComponent("docs/library.md"), encoding: .utf8)
        let example = try String(contentsOf: root.appendingPathComponent("Examples/StreamingExample/main.swift"), encoding: .utf8)
        #expect(doc.contains(example), "docs/library.md must show Examples/StreamingExample/main.swift verbatim")
    }

    @Test func theExampleRunsAndReportsTheSamplesPauses() throws {
        let process = Process()
        process.executableURL = CLIRun.productsDirectory.appendingPathComponent("paracues-example")
        process.arguments = [CLIRun.sample("TestAudio/speech/en_pauses.wav")]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        // The sample has three pauses (TestAudio/speech/en_pauses.truth.json).
        #expect(text.components(separatedBy: "pause ").count - 1 == 3, "\(text)")
        #expect(text.contains("frames"))
    }
}
