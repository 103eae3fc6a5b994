#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif
import Foundation

/// Sample encodings of headerless PCM streams (little-endian, interleaved).
public enum RawPCMEncoding: String, Sendable, CaseIterable {
    /// Signed 16-bit integer, scaled by 1/32 768.
    case s16le
    /// Signed 24-bit integer packed in 3 bytes, scaled by 1/8 388 608.
    case s24le
    /// IEEE-754 32-bit float, passed through unscaled (NaN/Inf included).
    case f32le

    /// Bytes per sample.
    public var bytesPerSample: Int {
        switch self {
        case .s16le: return 2
        case .s24le: return 3
        case .f32le: return 4
        }
    }
}

/// Reads headerless interleaved PCM from a file descriptor (typically standard input) in blocks,
/// as interleaved Float32.
///
/// Memory is flat (one block buffer). ``read(into:)`` blocks on the descriptor until it has at least
/// one whole frame or the stream ends (EOF: writer closed, or an empty stream). At the end, every
/// complete frame has been delivered; a partial trailing frame then raises
/// ``ParacuesError/malformedInput(_:)`` stating the bytes left over (``framesRead`` still tells how
/// much was read). An empty stream simply ends with ``framesRead`` = 0: the caller reports
/// ``ParacuesError/tooShort(_:)``.
///
/// The descriptor is not closed by the reader. Not thread-safe.
public final class RawPCMReader {
    /// Sample encoding.
    public let encoding: RawPCMEncoding
    /// The stream's format (validated: 8–192 kHz, 1–64 channels).
    public let format: AudioFormat
    /// Whole frames delivered so far.
    public private(set) var framesRead = 0
    /// True once the stream has ended (EOF seen and all complete frames delivered).
    public private(set) var isAtEnd = false

    private let descriptor: Int32
    private let bytesPerFrame: Int
    private var bytes: [UInt8]
    private var byteCount = 0
    private var sawEOF = false

    /// Reads from `fileDescriptor` (not closed by the reader).
    /// - Throws: ``ParacuesError/unsupportedFormat(_:)`` for a rate or channel count out of range.
    public init(fileDescriptor: Int32, encoding: RawPCMEncoding, format: AudioFormat,
                blockBytes: Int = 65_536) throws(ParacuesError) {
        try format.validate()
        self.descriptor = fileDescriptor
        self.encoding = encoding
        self.format = format
        bytesPerFrame = encoding.bytesPerSample * format.channels
        bytes = [UInt8](repeating: 0, count: max(blockBytes, bytesPerFrame))
    }

    /// Reads from a `FileHandle` (e.g. `FileHandle.standardInput`).
    public convenience init(fileHandle: FileHandle, encoding: RawPCMEncoding, format: AudioFormat) throws(ParacuesError) {
        try self.init(fileDescriptor: fileHandle.fileDescriptor, encoding: encoding, format: format)
    }

    /// Reads up to `buffer.count / channels` whole frames; returns frames read, 0 at the end.
    /// - Throws: ``ParacuesError/malformedInput(_:)`` at the end if a partial frame is left over;
    ///   ``ParacuesError/unreadable(path:reason:)`` if the descriptor cannot be read;
    ///   ``ParacuesError/invalidConfiguration(_:)`` if `buffer` cannot hold one frame.
    public func read(into buffer: UnsafeMutableBufferPointer<Float>) throws(ParacuesError) -> Int {
        let capacity = buffer.count / format.channels
        guard capacity > 0 else {
            throw .invalidConfiguration("read buffer of \(buffer.count) samples cannot hold one \(format.channels)-channel frame")
        }
        guard !isAtEnd else { return 0 }
        while byteCount < bytesPerFrame && !sawEOF { try fill() }
        let frames = min(capacity, byteCount / bytesPerFrame)
        if frames == 0 {
            isAtEnd = true
            if byteCount > 0 {
                throw .malformedInput(
                    "the stream ends with \(byteCount) byte\(byteCount == 1 ? "" : "s") left over, less than one "
                    + "\(format.channels)-channel \(encoding.rawValue) frame (\(bytesPerFrame) bytes); "
                    + "\(framesRead) whole frames were read")
            }
            return 0
        }
        let samples = frames * format.channels
        bytes.withUnsafeBytes { raw in
            switch encoding {
            case .s16le:
                for i in 0..<samples {
                    let v = Int16(bitPattern: UInt16(raw[2 * i]) | UInt16(raw[2 * i + 1]) << 8)
                    buffer[i] = Float(v) * (1 / 32_768)
                }
            case .s24le:
                for i in 0..<samples {
                    let u = UInt32(raw[3 * i]) << 8 | UInt32(raw[3 * i + 1]) << 16 | UInt32(raw[3 * i + 2]) << 24
                    buffer[i] = Float(Int32(bitPattern: u) >> 8) * (1 / 8_388_608)
                }
            case .f32le:
                for i in 0..<samples {
                    let u = UInt32(raw[4 * i]) | UInt32(raw[4 * i + 1]) << 8 | UInt32(raw[4 * i + 2]) << 16
                        | UInt32(raw[4 * i + 3]) << 24
                    buffer[i] = Float(bitPattern: u)
                }
            }
        }
        let used = frames * bytesPerFrame
        bytes.withUnsafeMutableBufferPointer { b in
            if byteCount > used { memmove(b.baseAddress!, b.baseAddress! + used, byteCount - used) }
        }
        byteCount -= used
        framesRead += frames
        return frames
    }

    /// One `read(2)` into the free part of the buffer, retrying on EINTR.
    private func fill() throws(ParacuesError) {
        let free = bytes.count - byteCount
        var got = 0
        repeat {
            got = bytes.withUnsafeMutableBytes { raw in
                systemRead(descriptor, raw.baseAddress! + byteCount, free)
            }
        } while got < 0 && errno == EINTR
        if got < 0 {
            throw .unreadable(path: "file descriptor \(descriptor)", reason: String(cString: strerror(errno)))
        }
        if got == 0 { sawEOF = true } else { byteCount += got }
    }
}
