import Foundation
import Testing
import Paracues
import ParacuesTestSupport

@Suite("Streaming engine: chunking invariance and the frame grid")
struct StreamingInvarianceTests {
    static func analyze(_ samples: [Float], chunkSizes: (inout SeededRandom) -> Int, seed: UInt64) throws -> AnalysisOutput {
        let analyzer = try StreamingAnalyzer()
        var output = AnalysisOutput()
        var random = SeededRandom(seed: seed)
        var offset = 0
        samples.withUnsafeBufferPointer { all in
            while offset < all.count {
                let n = min(all.count - offset, chunkSizes(&random))
                analyzer.process(UnsafeBufferPointer(rebasing: all[offset..<(offset + n)]), into: &output)
                offset += n
            }
        }
        analyzer.finish(into: &output)
        return output
    }

    static let signal = SyntheticVoice.utterance(speaker: .female, seed: 7).render()

    @Test func anyChunkingGivesBitIdenticalFramesPausesAndEvents() throws {
        let whole = try Self.analyze(Self.signal.samples, chunkSizes: { _ in Int.max }, seed: 1)
        let ones = try Self.analyze(Self.signal.samples, chunkSizes: { _ in 1 }, seed: 1)
        let random = try Self.analyze(Self.signal.samples, chunkSizes: { Int($0.next() % 5000) + 1 }, seed: 2)
        let small = try Self.analyze(Self.signal.samples, chunkSizes: { Int($0.next() % 37) + 1 }, seed: 3)
        #expect(whole.frames.count == StreamingAnalyzer.frameCount(sampleCount: Self.signal.samples.count, hop: 160))
        for other in [ones, random, small] {
            #expect(other.frames == whole.frames)
            #expect(other.pauses == whole.pauses)
            #expect(other.events == whole.events)
        }
    }

    @Test func framesAreOnTheHopGridAndInOrder() throws {
        let out = try Self.analyze(Self.signal.samples, chunkSizes: { _ in 333 }, seed: 1)
        for (k, frame) in out.frames.enumerated() { #expect(frame.index == k) }
    }

    @Test func framesAreEmittedWithinTheStatedLatency() throws {
        let analyzer = try StreamingAnalyzer()
        #expect(analyzer.latencySeconds <= 0.100)
        var output = AnalysisOutput()
        let samples = Self.signal.samples
        var emitted = 0
        for start in stride(from: 0, to: samples.count, by: 160) {
            output.removeAll()
            analyzer.process(Array(samples[start..<min(samples.count, start + 160)]), into: &output)
            emitted += output.frames.count
            let received = Double(analyzer.samplesReceived) / 16_000
            // Every frame whose instant lies more than the latency in the past has been emitted.
            let due = Int(((received - analyzer.latencySeconds) / 0.01).rounded(.down)) + 1
            #expect(emitted >= max(0, due))
        }
    }

    @Test(arguments: [0, 1, 2, 159, 160, 161, 399, 400])
    func subFrameLengthsGiveOneFramePerHopInstant(length: Int) throws {
        let samples = (0..<length).map { Float(sin(Double($0) * 0.3)) * 0.1 }
        let out = try Self.analyze(samples, chunkSizes: { _ in 7 }, seed: 1)
        #expect(out.frames.count == StreamingAnalyzer.frameCount(sampleCount: length, hop: 160))
        for f in out.frames { #expect(f.energyDBFS.isFinite && f.loudness.isFinite && f.f0Hz.isFinite) }
    }

    @Test func nonFiniteSamplesAreFlaggedAndDoNotPoisonOtherFrames() throws {
        var samples = Self.signal.samples
        samples[8000] = .nan
        samples[8001] = .infinity
        samples[20000] = -.infinity
        let out = try Self.analyze(samples, chunkSizes: { _ in 1000 }, seed: 1)
        let flagged = out.frames.filter { $0.validity.contains(.nonFinite) }.map(\.index)
        #expect(flagged.contains(50) && flagged.contains(125))
        #expect(!flagged.contains(10) && !flagged.contains(90))
        for f in out.frames { #expect(f.energyDBFS.isFinite && f.loudness.isFinite && f.f0Hz.isFinite && f.voicing.isFinite) }
    }

    @Test func digitalSilenceAndClippingAreFlagged() throws {
        var samples = [Float](repeating: 0, count: 16_000)
        for i in 8000..<16_000 { samples[i] = i % 40 < 20 ? 1 : -1 }
        let out = try Self.analyze(samples, chunkSizes: { _ in 512 }, seed: 1)
        #expect(out.frames[20].validity.contains(.digitalSilence))
        #expect(out.frames[20].energyDBFS == -120)
        #expect(out.frames[80].validity.contains(.clipped))
        #expect(abs(out.frames[80].energyDBFS) < 0.1)   // full-scale square = 0 dBFS
    }
}
