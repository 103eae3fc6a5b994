import Foundation

/// Speech from the espeak-ng synthesiser, resampled to 16 kHz mono by sox, for detector tests.
///
/// Needs `espeak-ng` and `sox` on the `PATH` (installed in CI). Deterministic for a given espeak-ng
/// version, voice, rate and text.
public enum NonVerbalSpeechSynth {
    /// Failure to run the external tools.
    public struct ToolError: Error, CustomStringConvertible {
        /// What went wrong.
        public var description: String
    }

    /// Synthesises `text` with espeak-ng voice `voice` (e.g. `"en"`, `"en-us+f3"`,
    /// `"cmn-latn-pinyin"`) at `wordsPerMinute` (80…450) and pitch `pitch` (0…99, espeak `-p`).
    /// - Returns: samples at 16 kHz, peak-normalised to 0.5.
    public static func speak(_ text: String, voice: String, wordsPerMinute: Int, pitch: Int = 50) throws -> [Float] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c",
            "espeak-ng -v \"$1\" -s \"$2\" -p \"$3\" --stdout \"$4\" | sox -t wav - -t f32 -r 16000 -c 1 -",
            "sh", voice, String(wordsPerMinute), String(pitch), text]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw ToolError(description: "cannot run espeak-ng/sox: \(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, data.count >= 4 * 160 else {
            throw ToolError(description: "espeak-ng/sox failed (status \(process.terminationStatus)) for voice \(voice)")
        }
        var samples = [Float](repeating: 0, count: data.count / 4)
        samples.withUnsafeMutableBytes { _ = data.copyBytes(to: $0) }
        let peak = samples.reduce(Float(0)) { max($0, abs($1)) }
        if peak > 0 { for i in samples.indices { samples[i] *= 0.5 / peak } }
        return samples
    }

    /// Seconds from the first to the last sample whose magnitude exceeds 0.1 % of the peak
    /// (the true speaking time of clean synthetic speech).
    public static func speakingTime(_ samples: [Float], sampleRate: Double = 16_000) -> Double {
        let peak = samples.reduce(Float(0)) { max($0, abs($1)) }
        let threshold = peak * 1e-3
        guard let first = samples.firstIndex(where: { abs($0) > threshold }),
              let last = samples.lastIndex(where: { abs($0) > threshold }) else { return 0 }
        return Double(last - first) / sampleRate
    }
}
