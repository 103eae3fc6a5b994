import CSndFile
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an audio file through libsndfile in blocks, as interleaved Float32 in [−1, 1)
/// (integer formats are scaled by 2^(bits−1); float formats pass through unscaled).
///
/// Formats: whatever the system libsndfile reads (1.2: WAV/RF64/W64 with 8/16/24/32-bit integer,
/// 32/64-bit float, µ-law, A-law, ADPCM; AIFF/AIFC; FLAC; Ogg Vorbis/Opus; CAF; AU; …).
/// Memory is flat in file length: nothing is read ahead beyond libsndfile's own buffers.
///
/// Errors at ``init(path:)``: missing file, no permission, a directory, not audio (garbage bytes
/// whatever the extension), unsupported codec, a malformed header → ``ParacuesError/unreadable(path:reason:)``;
/// a 0-byte file or a file holding 0 frames → ``ParacuesError/tooShort(_:)``; a header that declares
/// audio but no data follows → ``ParacuesError/truncated(path:reason:)``; a sample rate outside
/// 8–192 kHz (including 0 Hz) or more than 64 channels → ``ParacuesError/unsupportedFormat(_:)``.
///
/// Truncation *part-way* (the header declares more data than the file holds, or the decoder fails
/// mid-stream) does not interrupt reading: ``read(into:)`` delivers every frame that decodes and then
/// returns 0; ``truncation`` then holds the error, saying how much was read. Callers analyse what was
/// read and then report it by calling ``checkComplete()`` (paracues writes the partial analysis and
/// exits with the truncation error).
///
/// Not thread-safe: one reader per task.
public final class AudioFileReader {
    /// The path it was opened with.
    public let path: String
    /// The file's format (validated: 8–192 kHz, 1–64 channels).
    public let format: AudioFormat
    /// Number of sample frames the header declares. When the header declares more data than the
    /// file holds, this is the header's figure, larger than what ``read(into:)`` can deliver.
    /// `Int.max` when the length is unknown (a WAV streamed through a named pipe with a placeholder
    /// size): then only decoder errors count as truncation.
    public let declaredFrameCount: Int
    /// Human-readable container and encoding, e.g. "WAV (Microsoft), Signed 24 bit PCM".
    public let formatDescription: String
    /// Frames delivered by ``read(into:)`` so far.
    public private(set) var framesRead = 0
    /// True once ``read(into:)`` has returned 0.
    public private(set) var isAtEnd = false
    /// After the end: ``ParacuesError/truncated(path:reason:)`` if fewer frames were read than
    /// declared or the decoder reported an error; nil for a complete file (or before the end).
    public private(set) var truncation: ParacuesError?

    private let handle: OpaquePointer
    /// Frames libsndfile found actually present (≤ `declaredFrameCount`).
    private let presentFrameCount: Int
    /// The bytes an in-memory reader decodes from (kept alive as long as the handle).
    private let memory: InMemoryAudioBytes?

    /// Opens `path` and validates its format.
    /// - Throws: ``ParacuesError/unreadable(path:reason:)``, ``ParacuesError/tooShort(_:)``,
    ///   ``ParacuesError/truncated(path:reason:)``, ``ParacuesError/unsupportedFormat(_:)`` (see the type).
    public convenience init(path: String) throws(ParacuesError) {
        let regularFile = try Self.checkFileAccess(path)
        var info = SF_INFO()
        guard let h = sf_open(path, Int32(SFM_READ), &info) else {
            throw Self.openFailure(path: path, code: Int(sf_error(nil)), message: String(cString: sf_strerror(nil)),
                                     probe: regularFile ? WAVEHeaderProbe(path: path) : nil)
        }
        try self.init(handle: h, info: info, path: path, regularFile: regularFile, memory: nil)
    }

    /// Takes over an open libsndfile handle (closed on failure and at deinit); `regularFile` false
    /// for pipes and devices (see ``declaredFrameCount``); `memory`: the bytes an in-memory handle reads.
    init(handle h: OpaquePointer, info: SF_INFO, path: String, regularFile: Bool,
         memory: InMemoryAudioBytes?) throws(ParacuesError) {
        self.path = path
        self.memory = memory
        let fileFormat = AudioFormat(sampleRate: Int(info.samplerate), channels: Int(info.channels))
        do {
            try fileFormat.validate()
        } catch {
            sf_close(h)
            throw error
        }
        handle = h
        format = fileFormat
        formatDescription = Self.describe(format: info.format)
        if Self.lengthIsUnknown(frames: info.frames, format: info.format, channels: fileFormat.channels,
                                regularFile: regularFile) {
            presentFrameCount = Int.max
            declaredFrameCount = Int.max
        } else {
            presentFrameCount = Int(info.frames)
            let headerFrames = Self.headerDeclaredFrames(handle: h, format: info.format,
                                                         channels: fileFormat.channels, present: Int(info.frames))
            declaredFrameCount = max(presentFrameCount, headerFrames ?? 0)
        }
        if presentFrameCount == 0 {
            sf_close(h)
            if declaredFrameCount > 0 {
                throw .truncated(path: path, reason:
                    "the header declares \(declaredFrameCount) frames but the file holds no audio data (header only)")
            }
            throw .tooShort("\(path) holds no audio samples (0 frames)")
        }
    }

    deinit { if presentFrameCount > 0 { sf_close(handle) } }

    /// Reads up to `buffer.count / channels` whole frames of interleaved samples; returns the
    /// number of frames read, 0 at the end (and on every later call).
    ///
    /// Never throws for truncation (see ``truncation``).
    /// - Throws: ``ParacuesError/invalidConfiguration(_:)`` if `buffer` cannot hold one frame.
    public func read(into buffer: UnsafeMutableBufferPointer<Float>) throws(ParacuesError) -> Int {
        let frames = buffer.count / format.channels
        guard frames > 0 else {
            throw .invalidConfiguration("read buffer of \(buffer.count) samples cannot hold one \(format.channels)-channel frame")
        }
        guard !isAtEnd else { return 0 }
        let got = Int(sf_readf_float(handle, buffer.baseAddress, sf_count_t(frames)))
        if got > 0 {
            framesRead += got
            return got
        }
        isAtEnd = true
        let code = sf_error(handle)
        let seconds = Double(framesRead) / Double(format.sampleRate)
        let declared = declaredFrameCount == Int.max ? "an unknown number of" : "\(declaredFrameCount)"
        let readPart = "read \(framesRead) of \(declared) declared frames (\(Self.format(seconds)) s)"
        if code != 0 {
            truncation = .truncated(path: path, reason: "decoding failed part-way (\(String(cString: sf_strerror(handle)))); \(readPart)")
        } else if framesRead < declaredFrameCount && declaredFrameCount != Int.max {
            truncation = .truncated(path: path, reason: "data ends early; \(readPart)")
        }
        return 0
    }

    /// Throws ``truncation`` if the file turned out truncated; call after ``read(into:)`` returned 0
    /// (before the end it does nothing).
    public func checkComplete() throws(ParacuesError) {
        if let truncation { throw truncation }
    }

    private static func format(_ seconds: Double) -> String {
        let centiseconds = (seconds * 100).rounded()
        return "\(Int(centiseconds) / 100).\(String(Int(centiseconds) % 100).leftPadded(to: 2))"
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
