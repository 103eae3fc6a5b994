import CSndFile
import Foundation
@testable import Paracues
import Testing

/// Every bad-input case of `AudioFileReader` gives its typed error with an actionable message.
@Suite final class InputErrorTests {
    let dir = makeTemporaryDirectory()

    deinit { try? FileManager.default.removeItem(at: dir) }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    func write(_ data: Data, _ name: String) -> String {
        let p = path(name)
        _ = FileManager.default.createFile(atPath: p, contents: data)
        return p
    }

    /// The error `AudioFileReader(path:)` throws, or nil if it opened.
    func openError(_ p: String) -> ParacuesError? {
        do {
            _ = try AudioFileReader(path: p)
            return nil
        } catch {
            return error
        }
    }

    func expectUnreadable(_ error: ParacuesError?, containing text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard case .unreadable(_, let reason)? = error else {
            Issue.record("expected unreadable, got \(String(describing: error))", sourceLocation: sourceLocation)
            return
        }
        #expect(reason.contains(text), "reason: \(reason)", sourceLocation: sourceLocation)
    }

    @Test func missingFile() {
        expectUnreadable(openError(path("nope.wav")), containing: "no such file")
    }

    @Test func directory() {
        expectUnreadable(openError(dir.path), containing: "directory")
    }

    /// Root reads any file, so the permission check itself runs only for other users; the
    /// message mapping is checked for everyone.
    @Test func permissionDenied() throws {
        #expect(AudioFileReader.describe(errno: EACCES).contains("permission denied"))
        let p = path("locked.wav")
        #expect(writeAudio(testSignal(rate: 16_000, channels: 1, frames: 100), to: p, rate: 16_000, channels: 1,
                           format: Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)))
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: p)
        if geteuid() != 0 { expectUnreadable(openError(p), containing: "permission denied") }
    }

    @Test func garbageBytesWithWavName() {
        var state: UInt64 = 7
        let bytes = (0..<10_000).map { _ -> UInt8 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(state >> 56)
        }
        expectUnreadable(openError(write(Data(bytes), "noise.wav")), containing: "not a recognised audio file")
        expectUnreadable(openError(write(Data("hello, world\n".utf8), "text.wav")), containing: "not a recognised")
    }

    @Test func unsupportedCodec() {
        let p = write(craftedWAV(tag: 0x0161), "wma.wav")
        expectUnreadable(openError(p), containing: "unsupported codec: WAVE format tag 0x0161 (Windows Media Audio)")
    }

    @Test func emptyFile() {
        guard case .tooShort(let message)? = openError(write(Data(), "empty.wav")) else {
            Issue.record("expected tooShort"); return
        }
        #expect(message.contains("0 bytes"))
    }

    @Test func zeroFrames() {
        guard case .tooShort(let message)? = openError(write(craftedWAV(frames: 0), "zero.wav")) else {
            Issue.record("expected tooShort"); return
        }
        #expect(message.contains("0 frames"))
    }

    @Test func headerOnly() {
        let p = write(craftedWAV(frames: 0, declaredDataBytes: 32_000), "header.wav")
        guard case .truncated(_, let reason)? = openError(p) else { Issue.record("expected truncated"); return }
        #expect(reason.contains("declares 16000 frames") && reason.contains("no audio data"))
    }

    /// A WAV cut part-way: the readable frames are delivered, then `truncation` says how many of
    /// how many were read, and `checkComplete` throws it.
    @Test(arguments: [(Int32(SF_FORMAT_PCM_16), 2), (Int32(SF_FORMAT_PCM_24), 3), (Int32(SF_FORMAT_FLOAT), 4)])
    func truncatedWAV(subtype: Int32, bytes: Int) throws {
        let full = path("full.wav")
        let x = testSignal(rate: 16_000, channels: 2, frames: 16_000)
        #expect(writeAudio(x, to: full, rate: 16_000, channels: 2, format: Int32(SF_FORMAT_WAV) | subtype))
        let data = try Data(contentsOf: URL(fileURLWithPath: full))
        let headerBytes = data.count - 16_000 * 2 * bytes
        let cut = write(data.prefix(headerBytes + 6_000 * 2 * bytes + 1), "cut.wav")
        let reader = try AudioFileReader(path: cut)
        #expect(reader.declaredFrameCount == 16_000)
        let y = try readAll(reader)
        #expect(y.count == 6_000 * 2)
        #expect(reader.framesRead == 6_000)
        guard case .truncated(_, let reason)? = reader.truncation else { Issue.record("expected truncated"); return }
        #expect(reason.contains("read 6000 of 16000 declared frames (0.38 s)"))
        #expect(throws: ParacuesError.self) { try reader.checkComplete() }
    }

    @Test func truncatedAIFF() throws {
        let full = path("full.aiff")
        #expect(writeAudio(testSignal(rate: 16_000, channels: 1, frames: 16_000), to: full, rate: 16_000, channels: 1,
                           format: Int32(SF_FORMAT_AIFF | SF_FORMAT_PCM_16)))
        let data = try Data(contentsOf: URL(fileURLWithPath: full))
        let headerBytes = data.count - 32_000
        let reader = try AudioFileReader(path: write(data.prefix(headerBytes + 2 * 5_000), "cut.aiff"))
        #expect(reader.declaredFrameCount == 16_000)
        #expect(try readAll(reader).count == 5_000)
        guard case .truncated(_, let reason)? = reader.truncation else { Issue.record("expected truncated"); return }
        #expect(reason.contains("read 5000 of 16000 declared frames"))
    }

    @Test func truncatedFLAC() throws {
        let full = path("full.flac")
        #expect(writeAudio(testSignal(rate: 16_000, channels: 1, frames: 32_000), to: full, rate: 16_000, channels: 1,
                           format: Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_16)))
        let data = try Data(contentsOf: URL(fileURLWithPath: full))
        let reader = try AudioFileReader(path: write(data.prefix(data.count / 2), "cut.flac"))
        let y = try readAll(reader)
        #expect(y.count > 0 && y.count < 32_000)
        guard case .truncated(_, let reason)? = reader.truncation else { Issue.record("expected truncated"); return }
        #expect(reason.contains("of 32000 declared frames"))
    }

    /// Streaming writers put 0xFFFFFFFF in the data size: not a truncation.
    @Test func unknownLengthPlaceholderIsNotTruncation() throws {
        let reader = try AudioFileReader(path: write(craftedWAV(frames: 500, declaredDataBytes: 0xFFFF_FFFF), "s.wav"))
        #expect(try readAll(reader).count == 500)
        #expect(reader.truncation == nil)
    }

    /// A WAV streamed through a named pipe: with a real length it reads like a file; with the
    /// 0xFFFFFFFF placeholder the length is unknown, every frame is read and it is not truncation.
    @Test(arguments: [Optional<Int>.none, 0xFFFF_FFFF])
    func namedPipe(declaredDataBytes: Int?) throws {
        let p = path("pipe.wav")
        #expect(mkfifo(p, 0o600) == 0)
        let data = craftedWAV(frames: 20_000, declaredDataBytes: declaredDataBytes)
        Thread.detachNewThread {
            if let handle = FileHandle(forWritingAtPath: p) {
                handle.write(data)
                try? handle.close()
            }
        }
        let reader = try AudioFileReader(path: p)
        #expect(try readAll(reader).count == 20_000)
        #expect(reader.truncation == nil)
        #expect(reader.declaredFrameCount == (declaredDataBytes == nil ? 20_000 : Int.max))
    }

    @Test(arguments: [0, 1, 4_000, 7_999, 192_001, 500_000])
    func absurdSampleRate(rate: Int) {
        guard case .unsupportedFormat(let message)? = openError(write(craftedWAV(rate: rate), "r.wav")) else {
            Issue.record("expected unsupportedFormat for \(rate) Hz"); return
        }
        #expect(message.contains("\(rate) Hz"))
    }

    @Test(arguments: [8_000, 192_000])
    func boundarySampleRatesAreAccepted(rate: Int) throws {
        let reader = try AudioFileReader(path: write(craftedWAV(rate: rate), "ok.wav"))
        #expect(reader.format.sampleRate == rate)
    }

    @Test func tooManyChannels() throws {
        guard case .unsupportedFormat(let message)? = openError(write(craftedWAV(channels: 65), "c.wav")) else {
            Issue.record("expected unsupportedFormat"); return
        }
        #expect(message.contains("65 channels"))
        guard case .unsupportedFormat(let zero)? = openError(write(craftedWAV(channels: 0), "c0.wav")) else {
            Issue.record("expected unsupportedFormat for 0 channels"); return
        }
        #expect(zero.contains("0 channels"))
        #expect(try AudioFileReader(path: write(craftedWAV(channels: 64), "c64.wav")).format.channels == 64)
    }

    @Test func bufferSmallerThanAFrame() throws {
        let reader = try AudioFileReader(path: write(craftedWAV(channels: 3), "c3.wav"))
        var two: [Float] = [0, 0]
        #expect(throws: ParacuesError.self) {
            _ = try two.withUnsafeMutableBufferPointer { (b) throws(ParacuesError) -> Int in try reader.read(into: b) }
        }
    }
}
