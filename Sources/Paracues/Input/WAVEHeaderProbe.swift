#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `fmt ` fields of a RIFF/WAVE header, read directly when libsndfile refuses a file, so the
/// error can name an unsupported codec or a 0 Hz rate instead of a generic parse failure.
struct WAVEHeaderProbe {
    /// WAVE format tag (for WAVE_FORMAT_EXTENSIBLE, the sub-format's tag).
    var formatTag: Int
    /// Declared channel count.
    var channels: Int
    /// Declared sample rate, in Hz.
    var sampleRate: Int

    /// Format tags libsndfile 1.2 decodes: PCM, MS ADPCM, IEEE float, A-law, µ-law, IMA ADPCM,
    /// GSM 6.10, G.721, MPEG layer 3, and the extensible wrapper.
    static let decodableTags: Set<Int> = [0x0001, 0x0002, 0x0003, 0x0006, 0x0007, 0x0011, 0x0031, 0x0040, 0x0055, 0xFFFE]

    /// Common names of some tags libsndfile cannot decode, for the error message.
    static func name(ofTag tag: Int) -> String? {
        switch tag {
        case 0x0050: return "MPEG-1 layer 1/2"
        case 0x0092: return "Dolby AC-3"
        case 0x0160, 0x0161, 0x0162, 0x0163: return "Windows Media Audio"
        case 0x00FF, 0x1600, 0x1610: return "AAC"
        case 0x2000: return "AC-3"
        case 0x674F, 0x6750, 0x6751: return "Ogg Vorbis in WAVE"
        default: return nil
        }
    }

    /// Reads the first 4 KiB of `path`; nil unless it is RIFF/WAVE with a `fmt ` chunk there.
    init?(path: String) {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = fread(&bytes, 1, bytes.count, file)
        self.init(header: bytes[0..<count])
    }

    /// Parses the start of a file (up to its first 4 KiB are looked at); nil unless it is RIFF/WAVE
    /// with a `fmt ` chunk there.
    init?(header: some Collection<UInt8>) {
        let bytes = Array(header.prefix(4096))
        let count = bytes.count
        guard count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WAVE".utf8) else {
            return nil
        }
        func le(_ at: Int, _ size: Int) -> Int {
            (0..<size).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) }
        }
        var offset = 12
        while offset + 8 <= count {
            let size = le(offset + 4, 4)
            if bytes[offset..<(offset + 4)].elementsEqual("fmt ".utf8) {
                guard offset + 8 + 16 <= count else { return nil }
                let body = offset + 8
                formatTag = le(body, 2)
                channels = le(body + 2, 2)
                sampleRate = le(body + 4, 4)
                if formatTag == 0xFFFE && size >= 40 && body + 26 <= count { formatTag = le(body + 24, 2) }
                return
            }
            offset += 8 + size + (size & 1)
        }
        return nil
    }
}
