import Foundation
import Testing
import Paracues
import ParacuesTestSupport

/// Frames of near-silence after speech are not voiced: the pitch window (60 ms at the
/// 50 Hz floor) reaches 30 ms into the neighbouring speech, and the decaying tail of a vowel at its
/// edge once voiced frames at −96 dBFS (espeak-ng "…half past four.", 550–600 Hz, voicing 0.98).
/// espeak-ng sentences, several voices, peak at −12 dBFS, 16-bit with sox's dither (`-R`: repeatable) (needs espeak-ng
/// and sox, as the other espeak tests).
@Suite struct PitchSpeechEdgeTests {
    static let sentences = [
        "I checked the schedule again and the train leaves at half past four.",
        "Would you like to come over for dinner on Sunday?",
        "The library opens at nine and closes early on Saturdays.",
    ]

    /// Samples at 16 kHz of `text` in `voice`, peak −12 dBFS, quantised to 16 bits with dither.
    static func speak(_ text: String, voice: String) throws -> [Float] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "espeak-ng -v \"$1\" -s 170 --stdout \"$2\" | sox -R -t wav - -r 16000 -c 1 -b 16 -t raw -e signed - norm -12",
                             "sh", voice, text]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 && data.count > 3200)
        return data.withUnsafeBytes { raw in raw.bindMemory(to: Int16.self).map { Float($0) / 32768 } }
    }

    @Test(arguments: ["en-us", "en", "en+f3"])
    func nearSilentFramesAfterSpeechAreUnvoiced(voice: String) throws {
        var voicedInSilence: [String] = []
        var voicedFrames = 0
        for text in Self.sentences {
            let samples = try Self.speak(text, voice: voice)
            let analyzer = try StreamingAnalyzer()
            var output = AnalysisOutput()
            analyzer.process(samples, into: &output)
            analyzer.finish(into: &output)
            voicedFrames += output.frames.filter { $0.f0Hz > 0 }.count
            // Speech sits near −30 dBFS; −80 dBFS is 50 dB below it (dither alone is ≈ −96 dBFS).
            // Frames nearer to the speech before them than to the speech after them are "after
            // speech"; the others (just before an onset) are a known weak spot (docs/pitch.md).
            let loud = output.frames.filter { $0.energyDBFS > -60 }.map(\.index)
            for frame in output.frames where frame.f0Hz > 0 && frame.energyDBFS < -80 {
                let before = loud.last { $0 < frame.index }.map { frame.index - $0 } ?? .max
                let after = loud.first { $0 > frame.index }.map { $0 - frame.index } ?? .max
                let line = String(format: "%.2f s %.0f Hz %.1f dBFS", Double(frame.index) * 0.01, frame.f0Hz, frame.energyDBFS)
                if before <= after { voicedInSilence.append(line) } else { print("\(voice): voiced before an onset: \(line)") }
            }
        }
        #expect(voicedFrames > 300)
        #expect(voicedInSilence.isEmpty, "\(voice): voiced frames in near-silence: \(voicedInSilence)")
    }
}
