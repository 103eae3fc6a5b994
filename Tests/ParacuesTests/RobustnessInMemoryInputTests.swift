import CSndFile
import Foundation
import Paracues
import ParacuesTestSupport
import Testing

/// `AudioFileReader(bytes:name:)` and `FileAnalysis.analyze(bytes:name:)` (libsndfile virtual I/O)
/// must behave exactly as the path-based entries on a file holding the same bytes.
@Suite("robustness: in-memory input")
struct RobustnessInMemoryInputTests {
    /// Everything observable about opening and reading a source: the samples, or the error.
    struct Outcome: Equatable, CustomStringConvertible {
        var format: AudioFormat?
        var declared = 0
        var formatDescription = ""
        var samples: [Float] = []
        var truncation: String?
        var error: String?
        var description: String {
            error.map { "error \($0)" } ?? "\(format!) \(samples.count) samples, declared \(declared), truncation \(truncation ?? "-")"
        }
        static func == (a: Outcome, b: Outcome) -> Bool {
            // NaN samples compare by bit pattern.
            a.format == b.format && a.declared == b.declared && a.formatDescription == b.formatDescription
                && a.truncation == b.truncation && a.error == b.error
                && a.samples.map(\.bitPattern) == b.samples.map(\.bitPattern)
        }
    }

    static func outcome(_ open: () throws(ParacuesError) -> AudioFileReader) -> Outcome {
        do {
            let reader = try open()
            let samples = try readAll(reader, block: 777)
            return Outcome(format: reader.format, declared: reader.declaredFrameCount,
                           formatDescription: reader.formatDescription, samples: samples,
                           truncation: reader.truncation?.description)
        } catch {
            return Outcome(error: error.description)
        }
    }

    /// Small files of many encodings, written by libsndfile, plus every decoder regression input
    /// (hostile headers, truncation, NaN, odd sizes).
    static func sampleFiles() throws -> [URL] {
        let directory = makeTemporaryDirectory()
        let signal = testSignal(rate: 11_025, channels: 2, frames: 3_000)
        let formats: [(String, Int32)] = [
            ("s16.wav", Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)), ("f32.wav", Int32(SF_FORMAT_WAV | SF_FORMAT_FLOAT)),
            ("ulaw.wav", Int32(SF_FORMAT_WAV | SF_FORMAT_ULAW)), ("ima.wav", Int32(SF_FORMAT_WAV | SF_FORMAT_IMA_ADPCM)),
            ("u8.aiff", Int32(SF_FORMAT_AIFF | SF_FORMAT_PCM_S8)), ("s24.flac", Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_24)),
            ("v.ogg", Int32(SF_FORMAT_OGG | SF_FORMAT_VORBIS)), ("s16.caf", Int32(SF_FORMAT_CAF | SF_FORMAT_PCM_16)),
        ]
        var files: [URL] = []
        for (name, format) in formats {
            let url = directory.appendingPathComponent(name)
            if writeAudio(signal, to: url.path, rate: 11_025, channels: 2, format: format) { files.append(url) }
        }
        // A truncated copy of the 16-bit WAV (the header declares more than the file holds).
        let whole = try Data(contentsOf: files[0])
        let cut = directory.appendingPathComponent("cut.wav")
        try whole.prefix(whole.count / 2 + 1).write(to: cut)
        return files + [cut] + (try RobustnessFixtures.files(prefix: "decoder-"))
    }

    @Test func bytesDecodeExactlyAsTheFileDoes() throws {
        let files = try Self.sampleFiles()
        #expect(files.count >= 15)
        var decoded = 0
        for url in files {
            let bytes = try Data(contentsOf: url)
            let fromFile = Self.outcome { () throws(ParacuesError) in try AudioFileReader(path: url.path) }
            let fromBytes = Self.outcome { () throws(ParacuesError) in try AudioFileReader(bytes: bytes, name: url.path) }
            #expect(fromBytes == fromFile, "\(url.lastPathComponent): bytes \(fromBytes) vs file \(fromFile)")
            if fromFile.error == nil { decoded += 1 }
        }
        #expect(decoded >= 9)  // the 8 encodings libsndfile wrote (Ogg may be missing) + regression files that decode
    }

    @Test func noBytesIsTooShortAndGarbageIsUnreadable() {
        #expect(throws: ParacuesError.self) { try AudioFileReader(bytes: [UInt8](), name: "upload.wav") }
        do {
            _ = try AudioFileReader(bytes: [UInt8](), name: "upload.wav")
        } catch {
            guard case .tooShort(let message) = error else { Issue.record("\(error)"); return }
            #expect(message.contains("upload.wav"))
        }
        do {
            _ = try AudioFileReader(bytes: Array("certainly not audio, just text".utf8), name: "upload.wav")
            Issue.record("garbage decoded")
        } catch {
            guard case .unreadable(let path, _) = error else { Issue.record("\(error)"); return }
            #expect(path == "upload.wav")
        }
    }

    /// The WAVE header probe names the problem for bytes as it does for a file.
    @Test func unsupportedCodecInBytesIsNamed() {
        let mp2 = craftedWAV(tag: 0x0050)
        do {
            _ = try AudioFileReader(bytes: mp2, name: "mp2.wav")
            Issue.record("decoded an MPEG-1 layer 2 WAVE")
        } catch {
            #expect(error.description.contains("0x0050") && error.description.contains("MPEG-1 layer 1/2"), "\(error)")
        }
    }

    @Test func analysisOfBytesEqualsAnalysisOfTheFile() throws {
        let url = makeTemporaryDirectory().appendingPathComponent("voice.wav")
        let voice = SyntheticVoice.utterance(speaker: .female, sampleRate: 22_050).render()
        try voice.wavData().write(to: url)
        var options = FileAnalysis.Options()
        options.keepFrames = true
        let fromFile = try FileAnalysis.analyze(path: url.path, options: options)
        let fromBytes = try FileAnalysis.analyze(bytes: try Data(contentsOf: url), name: url.path, options: options)
        #expect(ReportEncoding.json(fromBytes) == ReportEncoding.json(fromFile))
        #expect(fromFile.summary.pitch.medianHz != nil)  // a voiced utterance: the comparison covers real numbers
    }
}
