/// Every error paracues reports. Each case carries a message a user can act on.
public enum ParacuesError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file cannot be opened or read (missing, permissions, not audio, unsupported codec).
    case unreadable(path: String, reason: String)
    /// The file's data ends early or is corrupt part-way.
    case truncated(path: String, reason: String)
    /// The audio format is outside what paracues accepts (sample rate, channel count).
    case unsupportedFormat(String)
    /// The input holds no samples, or too few to analyse.
    case tooShort(String)
    /// A setting is out of its valid range.
    case invalidConfiguration(String)
    /// Raw PCM input is malformed (e.g. a partial sample at the end).
    case malformedInput(String)
    /// Writing output failed.
    case outputFailed(path: String, reason: String)

    /// One line for the user.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "\(path): cannot read: \(reason)"
        case .truncated(let path, let reason): return "\(path): truncated: \(reason)"
        case .unsupportedFormat(let message): return "unsupported format: \(message)"
        case .tooShort(let message): return "too short to analyse: \(message)"
        case .invalidConfiguration(let message): return "invalid setting: \(message)"
        case .malformedInput(let message): return "malformed input: \(message)"
        case .outputFailed(let path, let reason): return "\(path): cannot write: \(reason)"
        }
    }
}
