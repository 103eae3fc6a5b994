import Foundation
import Testing
import Paracues

/// Builders for the bad-input matrix: WAV bytes with any header values, and helpers to run the CLI
/// on them and decode the report.
enum BadInput {
    static func le(_ v: Int, _ n: Int) -> [UInt8] { (0..<n).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }

    /// A canonical WAV file. `samples` are interleaved; `bits` 16 (PCM) or 32 (IEEE float).
    /// `declaredDataBytes` overrides the data chunk size (to fake truncation); `rate`/`tag` any value.
    static func wav(_ samples: [Float], rate: Int, channels: Int = 1, bits: Int = 16,
                    declaredDataBytes: Int? = nil, tag: Int? = nil) -> Data {
        let bytesPerSample = bits / 8
        var body = [UInt8]()
        body.reserveCapacity(samples.count * bytesPerSample)
        for s in samples {
            if bits == 32 {
                body += le(Int(s.bitPattern), 4)
            } else {
                let v = Int((max(-1, min(1, s)) * 32767).rounded())
                body += le(v, 2)
            }
        }
        let dataBytes = declaredDataBytes ?? body.count
        var d = Data("RIFF".utf8) + le(36 + dataBytes, 4) + Data("WAVEfmt ".utf8) + le(16, 4)
        d += le(tag ?? (bits == 32 ? 3 : 1), 2) + le(channels, 2) + le(rate, 4)
        d += le(rate * channels * bytesPerSample, 4) + le(channels * bytesPerSample, 2) + le(bits, 2)
        d += Data("data".utf8) + le(dataBytes, 4)
        d += body
        return d
    }

    /// Writes `data` to a fresh temporary file named `name`; returns its path.
    static func file(_ data: Data, _ name: String) throws -> String {
        let url = CLIRun.temporaryDirectory().appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    /// A `samples`-long mono signal from a closure of the sample index.
    static func signal(_ count: Int, _ f: (Int) -> Float) -> [Float] { (0..<count).map(f) }

    /// Runs `paracues analyze args --frames` and decodes the JSON report (nil if stdout is not one).
    static func analyze(_ args: [String], stdin: Data? = nil) throws -> (run: CLIRun, report: AnalysisReport?) {
        let run = try CLIRun.run(["analyze"] + args + ["--frames"], stdin: stdin)
        let report = try? JSONDecoder().decode(AnalysisReport.self, from: Data(run.stdout.utf8))
        return (run, report)
    }

    /// Every frame value is finite, voicing in 0…1, f0 0 or in 50…800 Hz (the default range).
    static func expectSaneFrames(_ report: AnalysisReport, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let t = report.frames else { Issue.record("no frames", sourceLocation: sourceLocation); return }
        let bad = t.f0Hz.indices.filter { i in
            !t.f0Hz[i].isFinite || !t.voicing[i].isFinite || !t.energyDBFS[i].isFinite || !t.loudness[i].isFinite
                || !(0...1).contains(t.voicing[i]) || (t.f0Hz[i] != 0 && !(50...800).contains(t.f0Hz[i]))
                || t.loudness[i] < 0
        }
        #expect(bad.isEmpty, "\(bad.count) frames with out-of-range values, first at \(bad.first ?? -1)",
                sourceLocation: sourceLocation)
        for (k, time) in t.timeS.enumerated() where abs(time - Double(k) * 0.01) > 1e-9 {
            Issue.record("frame \(k) at \(time) s is off the 10 ms grid", sourceLocation: sourceLocation)
            break
        }
    }
}

/// The support code's own checks (so a broken WAV writer cannot make the matrix pass vacuously).
@Suite("bad input: fixtures")
struct BadInputSupportTests {
    @Test func writtenWAVReadsBackThroughTheLibrary() throws {
        let x = BadInput.signal(1_600) { Float(sin(Double($0) * 0.1)) * 0.5 }
        let p = try BadInput.file(BadInput.wav(x, rate: 16_000, channels: 2, bits: 32), "rt.wav")
        let reader = try AudioFileReader(path: p)
        #expect(reader.format.sampleRate == 16_000 && reader.format.channels == 2)
        #expect(reader.declaredFrameCount == 800)
        let block = UnsafeMutableBufferPointer<Float>.allocate(capacity: 1_600)
        defer { block.deallocate() }
        #expect(try reader.read(into: block) == 800)
        #expect(Array(block) == x)
    }
}
