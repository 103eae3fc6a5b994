import Foundation
import Paracues
import Testing

/// Headerless PCM from a file descriptor: decoding, block reads, partial frames, empty and
/// early-closed streams.
@Suite struct InputRawPCMTests {
    /// A pipe whose writer sends `bytes` and closes (early or not) from another thread.
    func pipeReader(_ bytes: [UInt8], encoding: RawPCMEncoding, channels: Int) throws -> (RawPCMReader, Pipe) {
        let pipe = Pipe()
        let writer = pipe.fileHandleForWriting
        let data = Data(bytes)
        Thread.detachNewThread {
            writer.write(data)
            try? writer.close()
        }
        let reader = try RawPCMReader(fileHandle: pipe.fileHandleForReading, encoding: encoding,
                                      format: AudioFormat(sampleRate: 16_000, channels: channels))
        return (reader, pipe)
    }

    /// Reads everything with `block`-frame buffers; returns the samples and the error at the end.
    func drain(_ reader: RawPCMReader, block: Int) -> ([Float], ParacuesError?) {
        var all: [Float] = []
        var buffer = [Float](repeating: 0, count: block * reader.format.channels)
        do {
            while true {
                let n = try buffer.withUnsafeMutableBufferPointer { (b) throws(ParacuesError) -> Int in try reader.read(into: b) }
                if n == 0 { return (all, nil) }
                all.append(contentsOf: buffer[0..<(n * reader.format.channels)])
            }
        } catch {
            return (all, error)
        }
    }

    /// Every 16-bit value decodes to v / 32768 exactly, through a pipe, in odd-sized blocks.
    @Test func s16leDecodesExactly() throws {
        let values = (0..<70_000).map { Int16(truncatingIfNeeded: $0 &* 7919) }
        let bytes = values.flatMap { [UInt8(UInt16(bitPattern: $0) & 0xFF), UInt8(UInt16(bitPattern: $0) >> 8)] }
        let (reader, pipe) = try pipeReader(bytes, encoding: .s16le, channels: 2)
        let (y, error) = drain(reader, block: 777)
        _ = pipe
        #expect(error == nil)
        #expect(y == values.map { Float($0) / 32_768 })
        #expect(reader.framesRead == 35_000 && reader.isAtEnd)
    }

    @Test func s24leDecodesExactly() throws {
        let values: [Int32] = [0, 1, -1, 8_388_607, -8_388_608, 123_456, -654_321]
        let bytes = values.flatMap { v in (0..<3).map { UInt8((UInt32(bitPattern: v) >> (8 * $0)) & 0xFF) } }
        let (reader, pipe) = try pipeReader(bytes, encoding: .s24le, channels: 1)
        let (y, error) = drain(reader, block: 2)
        _ = pipe
        #expect(error == nil)
        #expect(y == values.map { Float($0) / 8_388_608 })
    }

    /// Float samples pass through bit for bit, NaN and infinities included.
    @Test func f32lePassesThrough() throws {
        let values: [Float] = [0, 1, -1, 0.25, 3.5, .infinity, -.infinity, .nan, .leastNonzeroMagnitude]
        let bytes = values.flatMap { v in (0..<4).map { UInt8((v.bitPattern >> (8 * $0)) & 0xFF) } }
        let (reader, pipe) = try pipeReader(bytes, encoding: .f32le, channels: 1)
        let (y, error) = drain(reader, block: 4)
        _ = pipe
        #expect(error == nil)
        #expect(y.map(\.bitPattern) == values.map(\.bitPattern))
    }

    /// A partial trailing frame: all whole frames first, then `malformedInput` naming the bytes.
    @Test func partialTrailingFrame() throws {
        let bytes = [UInt8](repeating: 0, count: 4 * 10 + 3)  // 10 stereo s16 frames + 3 bytes
        let (reader, pipe) = try pipeReader(bytes, encoding: .s16le, channels: 2)
        let (y, error) = drain(reader, block: 3)
        _ = pipe
        #expect(y.count == 20 && reader.framesRead == 10)
        guard case .malformedInput(let message)? = error else { Issue.record("expected malformedInput"); return }
        #expect(message.contains("3 bytes left over") && message.contains("10 whole frames"))
    }

    /// An empty stream (writer closed at once) ends cleanly with 0 frames; the caller reports tooShort.
    @Test func emptyStream() throws {
        let (reader, pipe) = try pipeReader([], encoding: .f32le, channels: 1)
        let (y, error) = drain(reader, block: 100)
        _ = pipe
        #expect(y.isEmpty && error == nil && reader.framesRead == 0 && reader.isAtEnd)
    }

    /// A regular file descriptor works too (the `--raw` file case), and reads are block-wise.
    @Test func regularFileDescriptor() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("paracues-raw-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        let values = (0..<200_000).map { Float($0 % 1000) / 1000 }
        let bytes = values.flatMap { v in (0..<4).map { UInt8((v.bitPattern >> (8 * $0)) & 0xFF) } }
        FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let reader = try RawPCMReader(fileHandle: handle, encoding: .f32le, format: AudioFormat(sampleRate: 48_000, channels: 4))
        let (y, error) = drain(reader, block: 4_096)
        #expect(error == nil && y == values)
    }

    @Test func rejectsBadFormats() {
        #expect(throws: ParacuesError.unsupportedFormat("sample rate 0 Hz is outside the accepted 8000–192000 Hz")) {
            _ = try RawPCMReader(fileDescriptor: 0, encoding: .s16le, format: AudioFormat(sampleRate: 0, channels: 1))
        }
        #expect(throws: ParacuesError.unsupportedFormat("0 channels is outside the accepted 1–64")) {
            _ = try RawPCMReader(fileDescriptor: 0, encoding: .s16le, format: AudioFormat(sampleRate: 16_000, channels: 0))
        }
    }

    @Test func unreadableDescriptor() throws {
        let reader = try RawPCMReader(fileDescriptor: -1, encoding: .s16le, format: AudioFormat(sampleRate: 16_000, channels: 1))
        let (_, error) = drain(reader, block: 10)
        guard case .unreadable? = error else { Issue.record("expected unreadable"); return }
    }
}
