import CSndFile

/// Sample rate and channel layout of an audio source.
public struct AudioFormat: Sendable, Hashable {
    /// Samples per second per channel, in Hz.
    public var sampleRate: Int
    /// Interleaved channel count, ≥ 1.
    public var channels: Int
    /// Creates a format.
    public init(sampleRate: Int, channels: Int) { self.sampleRate = sampleRate; self.channels = channels }
}

/// Reads an audio file through libsndfile in blocks, as interleaved Float32 (PLACEHOLDER version:
/// the input stage replaces it).
public final class AudioFileReader {
    /// The path it was opened with.
    public let path: String
    /// The file's format.
    public let format: AudioFormat
    /// Number of sample frames the header declares.
    public let declaredFrameCount: Int
    private let handle: OpaquePointer

    /// Opens `path`. - Throws: ``ParacuesError/unreadable(path:reason:)``.
    public init(path: String) throws(ParacuesError) {
        var info = SF_INFO()
        guard let h = sf_open(path, Int32(SFM_READ), &info) else {
            throw .unreadable(path: path, reason: String(cString: sf_strerror(nil)))
        }
        self.path = path
        handle = h
        format = AudioFormat(sampleRate: Int(info.samplerate), channels: Int(info.channels))
        declaredFrameCount = Int(info.frames)
    }

    deinit { sf_close(handle) }

    /// Reads up to `buffer.count / channels` frames of interleaved samples; returns frames read,
    /// 0 at the end.
    public func read(into buffer: UnsafeMutableBufferPointer<Float>) throws(ParacuesError) -> Int {
        let frames = buffer.count / format.channels
        return Int(sf_readf_float(handle, buffer.baseAddress, sf_count_t(frames)))
    }
}
