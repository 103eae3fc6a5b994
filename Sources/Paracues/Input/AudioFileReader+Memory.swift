import CSndFile

/// The bytes of an audio file held in memory, read by libsndfile through its virtual I/O
/// (`sf_open_virtual`). One read position; used by one ``AudioFileReader`` only.
final class InMemoryAudioBytes {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// libsndfile's callbacks; `user` is an unretained `InMemoryAudioBytes` (the reader keeps it alive).
    static var virtualIO: SF_VIRTUAL_IO {
        SF_VIRTUAL_IO(
            get_filelen: { user in sf_count_t(source(user).bytes.count) },
            seek: { offset, whence, user in
                let bytes = source(user)
                let base: Int
                switch whence {
                case SEEK_CUR: base = bytes.position
                case SEEK_END: base = bytes.bytes.count
                default: base = 0
                }
                // A seek before the start fails; past the end is allowed (reads then give 0 bytes).
                let (target, overflow) = base.addingReportingOverflow(Int(offset))
                guard !overflow, target >= 0 else { return -1 }
                bytes.position = target
                return sf_count_t(target)
            },
            read: { destination, count, user in
                let bytes = source(user)
                guard let destination, count > 0, bytes.position < bytes.bytes.count else { return 0 }
                let n = min(Int(count), bytes.bytes.count - bytes.position)
                bytes.bytes.withUnsafeBytes { all in
                    destination.copyMemory(from: all.baseAddress! + bytes.position, byteCount: n)
                }
                bytes.position += n
                return sf_count_t(n)
            },
            write: { _, _, _ in 0 },
            tell: { user in sf_count_t(source(user).position) })
    }

}

/// The `InMemoryAudioBytes` behind libsndfile's `user_data` pointer.
private func source(_ user: UnsafeMutableRawPointer?) -> InMemoryAudioBytes {
    Unmanaged<InMemoryAudioBytes>.fromOpaque(user!).takeUnretainedValue()
}

extension AudioFileReader {
    /// Decodes an audio file held in memory (the complete bytes of a WAV, AIFF, FLAC, Ogg, … file,
    /// as read from disk or received over a network), without writing it anywhere.
    ///
    /// Behaves exactly as ``init(path:)`` on a regular file holding the same bytes: same formats,
    /// same validation, same errors and truncation handling; `name` stands for the path in error
    /// messages and in ``path``. The bytes are copied once; memory is their size plus libsndfile's
    /// buffers.
    /// - Throws: ``ParacuesError/tooShort(_:)`` for no bytes or no frames, and the errors of ``init(path:)``.
    public convenience init(bytes: some Collection<UInt8>, name: String) throws(ParacuesError) {
        let memory = InMemoryAudioBytes(Array(bytes))
        if memory.bytes.isEmpty { throw .tooShort("\(name) is empty (0 bytes)") }
        var io = InMemoryAudioBytes.virtualIO
        var info = SF_INFO()
        let user = Unmanaged.passUnretained(memory).toOpaque()
        guard let handle = sf_open_virtual(&io, Int32(SFM_READ), &info, user) else {
            throw Self.openFailure(path: name, code: Int(sf_error(nil)), message: String(cString: sf_strerror(nil)),
                                   probe: WAVEHeaderProbe(header: memory.bytes))
        }
        try self.init(handle: handle, info: info, path: name, regularFile: true, memory: memory)
    }
}
