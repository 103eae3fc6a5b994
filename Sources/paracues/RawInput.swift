import Foundation
import Paracues

/// Raw PCM on stdin (interim: replaced by the library's RawPCMReader).
enum RawInput {
    static func analyzeStandardInput(encoding: Analyze.RawEncoding, rate: Int, channels: Int,
                                     options: FileAnalysis.Options) throws(ParacuesError) -> AnalysisReport {
        let bytesPerSample = encoding == .s16le ? 2 : 4
        let handle = FileHandle.standardInput
        let samples = UnsafeMutableBufferPointer<Float>.allocate(capacity: 65536 / bytesPerSample + 1)
        defer { samples.deallocate() }
        var carry = Data()
        let format = AudioFormat(sampleRate: rate, channels: channels)
        return try FileAnalysis.analyze(source: "-", format: format, options: options) { () throws(ParacuesError) -> UnsafeBufferPointer<Float>? in
            let chunk = handle.readData(ofLength: 65536 - carry.count)
            if chunk.isEmpty {
                if !carry.isEmpty { throw .malformedInput("stdin ends with \(carry.count) bytes of a partial sample frame") }
                return nil
            }
            carry.append(chunk)
            let frameBytes = bytesPerSample * channels
            let usable = carry.count / frameBytes * frameBytes
            carry.withUnsafeBytes { raw in
                for i in 0..<(usable / bytesPerSample) {
                    if encoding == .s16le {
                        samples[i] = (Float(Int16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * i, as: Int16.self))) / 32768)
                    } else {
                        samples[i] = (Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))))
                    }
                }
            }
            carry.removeFirst(usable)
            return UnsafeBufferPointer(rebasing: samples[0..<(usable / bytesPerSample)])
        }
    }
}
