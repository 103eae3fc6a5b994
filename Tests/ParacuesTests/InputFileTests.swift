import CSndFile
import Foundation
import Paracues
import Testing

// MARK: helpers shared by the Input*Tests files

/// A fresh temporary directory for one test.
func makeTemporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("paracues-input-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Channel `c` of the test signal: a sine at 200 × (c + 1) Hz, amplitude 0.5, interleaved.
func testSignal(rate: Int, channels: Int, frames: Int) -> [Float] {
    var x = [Float](repeating: 0, count: frames * channels)
    for f in 0..<frames {
        for c in 0..<channels {
            x[f * channels + c] = Float(0.5 * sin(2 * Double.pi * 200 * Double(c + 1) * Double(f) / Double(rate)))
        }
    }
    return x
}

/// Writes interleaved `samples` with libsndfile (`format` = major | subtype); false if libsndfile refuses.
@discardableResult
func writeAudio(_ samples: [Float], to path: String, rate: Int, channels: Int, format: Int32) -> Bool {
    var info = SF_INFO()
    info.samplerate = Int32(rate)
    info.channels = Int32(channels)
    info.format = format
    guard let file = sf_open(path, Int32(SFM_WRITE), &info) else { return false }
    let written = samples.withUnsafeBufferPointer { sf_writef_float(file, $0.baseAddress, sf_count_t(samples.count / channels)) }
    sf_close(file)
    return Int(written) == samples.count / channels
}

/// Reads a whole file through `AudioFileReader` in blocks of `block` frames.
func readAll(_ reader: AudioFileReader, block: Int = 1_000) throws(ParacuesError) -> [Float] {
    var all: [Float] = []
    var buffer = [Float](repeating: 0, count: block * reader.format.channels)
    while true {
        let n = try buffer.withUnsafeMutableBufferPointer { (b) throws(ParacuesError) -> Int in try reader.read(into: b) }
        if n == 0 { break }
        all.append(contentsOf: buffer[0..<(n * reader.format.channels)])
    }
    return all
}

/// A RIFF/WAVE file as bytes, with any header values (for malformed-input tests).
func craftedWAV(tag: Int = 1, channels: Int = 1, rate: Int = 16_000, bits: Int = 16, frames: Int = 100,
                declaredDataBytes: Int? = nil, dataBytes: Int? = nil) -> Data {
    func le(_ v: Int, _ n: Int) -> [UInt8] { (0..<n).map { UInt8((v >> (8 * $0)) & 0xFF) } }
    let blockAlign = channels * bits / 8
    let data = [UInt8](repeating: 0x11, count: dataBytes ?? frames * blockAlign)
    let fmt = le(tag, 2) + le(channels, 2) + le(rate, 4) + le(rate * blockAlign, 4) + le(blockAlign, 2) + le(bits, 2)
    let body = Array("WAVE".utf8) + Array("fmt ".utf8) + le(fmt.count, 4) + fmt
        + Array("data".utf8) + le(declaredDataBytes ?? data.count, 4) + data
    return Data(Array("RIFF".utf8) + le(body.count, 4) + body)
}

// MARK: round trips

/// Files written with libsndfile read back with the same format, length and samples.
@Suite struct InputFileTests {
    struct Encoding: Sendable, CustomStringConvertible {
        let name: String
        let format: Int32
        let tolerance: Float
        var description: String { name }
    }

    /// 16/24-bit int read back as n / 2^(bits−1) after libsndfile wrote round(v × (2^(bits−1) − 1)):
    /// error ≤ |v| / 2^(bits−1) + 0.5 LSB. 32-bit int and float: Float rounding only.
    static let encodings: [Encoding] = [
        Encoding(name: "wav16", format: Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16), tolerance: 4e-5),
        Encoding(name: "wav24", format: Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_24), tolerance: 2e-7),
        Encoding(name: "wav32", format: Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_32), tolerance: 1e-7),
        Encoding(name: "wavfloat", format: Int32(SF_FORMAT_WAV | SF_FORMAT_FLOAT), tolerance: 0),
        Encoding(name: "flac16", format: Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_16), tolerance: 4e-5),
        Encoding(name: "flac24", format: Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_24), tolerance: 2e-7),
        Encoding(name: "aiff16", format: Int32(SF_FORMAT_AIFF | SF_FORMAT_PCM_16), tolerance: 4e-5),
    ]
    static let rates = [8_000, 11_025, 16_000, 22_050, 32_000, 44_100, 48_000, 96_000]

    @Test(arguments: encodings, rates)
    func losslessRoundTrip(encoding: Encoding, rate: Int) throws {
        let dir = makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.\(encoding.name)").path
        let x = testSignal(rate: rate, channels: 2, frames: rate / 5 + 3)
        #expect(writeAudio(x, to: path, rate: rate, channels: 2, format: encoding.format))
        let reader = try AudioFileReader(path: path)
        #expect(reader.format == AudioFormat(sampleRate: rate, channels: 2))
        #expect(reader.declaredFrameCount == x.count / 2)
        let y = try readAll(reader, block: 333)
        #expect(y.count == x.count)
        let worst = zip(x, y).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= encoding.tolerance, "\(encoding.name) at \(rate) Hz: max error \(worst)")
        #expect(reader.truncation == nil && reader.isAtEnd && reader.framesRead == x.count / 2)
        try reader.checkComplete()
    }

    /// 1…8 channels keep their order (each channel is a different sine).
    @Test(arguments: 1...8)
    func channelsKeepTheirOrder(channels: Int) throws {
        let dir = makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, format) in [("wav", Int32(SF_FORMAT_WAV | SF_FORMAT_FLOAT)), ("flac", Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_24))] {
            let path = dir.appendingPathComponent("c.\(name)").path
            let x = testSignal(rate: 44_100, channels: channels, frames: 5_000)
            #expect(writeAudio(x, to: path, rate: 44_100, channels: channels, format: format))
            let reader = try AudioFileReader(path: path)
            #expect(reader.format.channels == channels)
            let y = try readAll(reader, block: 1)
            #expect(y.count == x.count)
            #expect((zip(x, y).map { abs($0 - $1) }.max() ?? 1) <= 2e-7)
        }
    }

    /// Ogg Vorbis (lossy): same format, every frame, and each channel's tone within 0.5 dB with the
    /// residual at least 25 dB down.
    @Test(arguments: [8_000, 16_000, 22_050, 44_100, 48_000])
    func oggVorbisRoundTrip(rate: Int) throws {
        let dir = makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.ogg").path
        let x = testSignal(rate: rate, channels: 2, frames: rate / 2)
        #expect(writeAudio(x, to: path, rate: rate, channels: 2, format: Int32(SF_FORMAT_OGG | SF_FORMAT_VORBIS)))
        let reader = try AudioFileReader(path: path)
        #expect(reader.format == AudioFormat(sampleRate: rate, channels: 2))
        #expect(reader.formatDescription.contains("Vorbis"))
        let y = try readAll(reader)
        #expect(y.count == x.count)
        try reader.checkComplete()
        for c in 0..<2 {
            let f = 200 * Double(c + 1)
            let mono = stride(from: c, to: y.count, by: 2).map { y[$0] }
            let fit = fitSine(mono, frequency: f, rate: rate, range: (rate / 10)..<(mono.count - rate / 10))
            #expect(abs(20 * log10(fit.amplitude / 0.5)) < 0.5)
            #expect(20 * log10(fit.residual / fit.amplitude) < -25)
        }
    }
}

/// Least-squares sine fit (Double): amplitude and residual RMS × √2.
func fitSine(_ y: [Float], frequency: Double, rate: Int, range: Range<Int>) -> (amplitude: Double, residual: Double) {
    var ss = 0.0, cc = 0.0, sc = 0.0, ys = 0.0, yc = 0.0
    for n in range {
        let w = 2 * Double.pi * frequency * Double(n) / Double(rate)
        ss += sin(w) * sin(w); cc += cos(w) * cos(w); sc += sin(w) * cos(w)
        ys += Double(y[n]) * sin(w); yc += Double(y[n]) * cos(w)
    }
    let det = ss * cc - sc * sc
    let a = (ys * cc - yc * sc) / det, b = (yc * ss - ys * sc) / det
    var r = 0.0
    for n in range {
        let w = 2 * Double.pi * frequency * Double(n) / Double(rate)
        let e = Double(y[n]) - a * sin(w) - b * cos(w)
        r += e * e
    }
    return ((a * a + b * b).squareRoot(), (2 * r / Double(range.count)).squareRoot())
}
