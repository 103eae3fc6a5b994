import CSndFile
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turning file-system and libsndfile failures into errors a user can act on.
extension AudioFileReader {
    /// Checks `path` exists, is not a directory, is readable and is not empty; returns whether it
    /// is a regular file (false for a named pipe or device).
    @discardableResult
    static func checkFileAccess(_ path: String) throws(ParacuesError) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw .unreadable(path: path, reason: describe(errno: errno))
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            throw .unreadable(path: path, reason: "is a directory, not an audio file")
        }
        guard access(path, R_OK) == 0 else {
            throw .unreadable(path: path, reason: describe(errno: errno))
        }
        if (status.st_mode & S_IFMT) == S_IFREG && status.st_size == 0 {
            throw .tooShort("\(path) is empty (0 bytes)")
        }
        return (status.st_mode & S_IFMT) == S_IFREG
    }

    /// Bytes per sample of uncompressed encodings, nil for compressed ones.
    static func bytesPerSample(format: Int32) -> Int? {
        switch format & Int32(SF_FORMAT_SUBMASK) {
        case Int32(SF_FORMAT_PCM_S8), Int32(SF_FORMAT_PCM_U8), Int32(SF_FORMAT_ULAW), Int32(SF_FORMAT_ALAW): return 1
        case Int32(SF_FORMAT_PCM_16): return 2
        case Int32(SF_FORMAT_PCM_24): return 3
        case Int32(SF_FORMAT_PCM_32), Int32(SF_FORMAT_FLOAT): return 4
        case Int32(SF_FORMAT_DOUBLE): return 8
        default: return nil
        }
    }

    /// True when libsndfile's frame count is a placeholder, not a length: `SF_COUNT_MAX`, or, on a
    /// pipe, the "unknown size" data length 0xFFFFFFFF divided by the frame size.
    static func lengthIsUnknown(frames: Int64, format: Int32, channels: Int, regularFile: Bool) -> Bool {
        if frames == Int64.max { return true }
        guard !regularFile else { return false }
        let frameBytes = Int64((bytesPerSample(format: format) ?? 1) * channels)
        return frames * frameBytes >= 0xFFFF_FF00 - frameBytes
    }

    /// A message for a failed `stat`/`access`/`open`.
    static func describe(errno code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES, EPERM: return "permission denied (the file is not readable by this user)"
        case ENOTDIR: return "a component of the path is not a directory"
        default: return String(cString: strerror(code))
        }
    }

    /// The error for a file libsndfile would not open (`code` = `sf_error(nil)`), naming the
    /// problem `probe` (the WAVE header, when there is one) shows. Only regular files and in-memory
    /// bytes are probed (re-opening a named pipe would block).
    static func openFailure(path: String, code: Int, message: String, probe: WAVEHeaderProbe?) -> ParacuesError {
        if let probe {
            if probe.sampleRate == 0 || !AudioFormat.supportedSampleRates.contains(probe.sampleRate) {
                return .unsupportedFormat(
                    "\(path): sample rate \(probe.sampleRate) Hz is outside the accepted 8000–192000 Hz")
            }
            if !WAVEHeaderProbe.decodableTags.contains(probe.formatTag) {
                let tag = "0x" + String(probe.formatTag, radix: 16, uppercase: true).leftPaddedHex
                let name = WAVEHeaderProbe.name(ofTag: probe.formatTag).map { " (\($0))" } ?? ""
                return .unreadable(path: path, reason:
                    "unsupported codec: WAVE format tag \(tag)\(name); readable encodings are PCM, float, µ-law, A-law, ADPCM, GSM 6.10")
            }
            if probe.channels == 0 || probe.channels > AudioFormat.supportedChannelCounts.upperBound {
                return .unsupportedFormat("\(path): \(probe.channels) channels is outside the accepted 1–64")
            }
        }
        switch code {
        case SF_ERR_UNRECOGNISED_FORMAT:
            return .unreadable(path: path, reason: "not a recognised audio file (libsndfile: \(message))")
        case SF_ERR_UNSUPPORTED_ENCODING:
            return .unreadable(path: path, reason: "unsupported codec (libsndfile: \(message))")
        case SF_ERR_MALFORMED_FILE:
            return .unreadable(path: path, reason: "malformed or truncated audio file (libsndfile: \(message))")
        default:
            return .unreadable(path: path, reason: "libsndfile: \(message)")
        }
    }

    /// "Container, encoding" from libsndfile's format tables.
    static func describe(format: Int32) -> String {
        func name(_ value: Int32) -> String? {
            var info = SF_FORMAT_INFO()
            info.format = value
            guard sf_command(nil, Int32(SFC_GET_FORMAT_INFO), &info, Int32(MemoryLayout<SF_FORMAT_INFO>.size)) == 0,
                  let cName = info.name else { return nil }
            return String(cString: cName)
        }
        let major = name(format & Int32(SF_FORMAT_TYPEMASK)) ?? "unknown container"
        let minor = name(format & Int32(SF_FORMAT_SUBMASK)) ?? "unknown encoding"
        return "\(major), \(minor)"
    }

    /// Frames the header declares when it declares more data than the file holds, read from
    /// libsndfile's parse log (`data : 32000 (should be 19956)` for WAV, `SSND : …` for AIFF).
    /// Streaming placeholders (sizes ≥ 0xFFFFFF00, or 0) mean "unknown length" and are ignored.
    static func headerDeclaredFrames(handle: OpaquePointer, format: Int32, channels: Int, present: Int) -> Int? {
        var buffer = [CChar](repeating: 0, count: 16_384)
        _ = sf_command(handle, Int32(SFC_GET_LOG_INFO), &buffer, Int32(buffer.count))
        let log = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        for line in log.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("data :") || trimmed.hasPrefix("SSND :"),
                  let open = trimmed.range(of: "(should be ") else { continue }
            // AIFF's SSND chunk starts with 8 bytes (offset, block size) before the samples.
            let chunkHeader = trimmed.hasPrefix("SSND") ? 8 : 0
            let declared = (Int(trimmed[trimmed.index(trimmed.startIndex, offsetBy: 6)..<open.lowerBound]
                .trimmingSpaces) ?? 0) - chunkHeader
            let actual = (Int(trimmed[open.upperBound...].prefix { $0.isNumber }) ?? 0) - chunkHeader
            guard declared > actual, declared > 0, declared < 0xFFFF_FF00 else { continue }
            guard let size = bytesPerSample(format: format) else {
                // Compressed in a RIFF container: scale the present frames by the byte ratio.
                return actual > 0 ? Int(Double(present) * Double(declared) / Double(actual)) : nil
            }
            return declared / (size * channels)
        }
        return nil
    }
}

private extension StringProtocol {
    var trimmingSpaces: String { String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
}

private extension String {
    var leftPaddedHex: String { String(repeating: "0", count: max(0, 4 - count)) + self }
}
