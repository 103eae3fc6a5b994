import Foundation
import Paracues

/// Raw PCM on stdin, through the library's ``RawPCMReader``.
enum RawInput {
    static func analyzeStandardInput(encoding: RawPCMEncoding, rate: Int, channels: Int,
                                     options: FileAnalysis.Options) throws(ParacuesError) -> AnalysisReport {
        let format = AudioFormat(sampleRate: rate, channels: channels)
        let reader = try RawPCMReader(fileDescriptor: 0, encoding: encoding, format: format)
        let block = UnsafeMutableBufferPointer<Float>.allocate(capacity: 4096 * channels)
        defer { block.deallocate() }
        return try FileAnalysis.analyze(source: "-", format: format, options: options) { () throws(ParacuesError) -> UnsafeBufferPointer<Float>? in
            let frames = try reader.read(into: block)
            return frames == 0 ? nil : UnsafeBufferPointer(rebasing: block[0..<(frames * channels)])
        }
    }
}
