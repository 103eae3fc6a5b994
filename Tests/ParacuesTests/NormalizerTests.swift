import Foundation
import Paracues
import ParacuesDSP
import Testing

/// Mixdown, channel pick, resampling, timing and non-finite handling of `SignalNormalizer`.
@Suite struct NormalizerTests {
    /// Runs interleaved `x` through a normaliser in chunks of `chunk` frames (in-band mode).
    func normalize(_ x: [Float], format: AudioFormat, channel: Int? = nil, chunk: Int = 1_000) throws -> [Float] {
        let normalizer = try SignalNormalizer(format: format, channel: channel, targetRate: 16_000)
        var y: [Float] = []
        x.withUnsafeBufferPointer { all in
            var f = 0
            let frames = all.count / format.channels
            while f < frames {
                let n = min(chunk, frames - f)
                normalizer.process(interleaved: UnsafeBufferPointer(rebasing: all[(f * format.channels)..<((f + n) * format.channels)])) {
                    y.append(contentsOf: $0)
                }
                f += n
            }
        }
        normalizer.finish { y.append(contentsOf: $0) }
        return y
    }

    @Test func mixdownIsTheChannelMean() throws {
        let x = testSignal(rate: 16_000, channels: 3, frames: 2_000)
        let y = try normalize(x, format: AudioFormat(sampleRate: 16_000, channels: 3))
        let expected = (0..<2_000).map { f in (x[3 * f] + x[3 * f + 1] + x[3 * f + 2]) * (1 / Float(3)) }
        #expect(y == expected)
    }

    @Test func channelPickKeepsOneChannel() throws {
        let x = testSignal(rate: 16_000, channels: 4, frames: 1_500)
        let y = try normalize(x, format: AudioFormat(sampleRate: 16_000, channels: 4), channel: 2)
        #expect(y == (0..<1_500).map { x[4 * $0 + 2] })
    }

    @Test func validatesSettings() {
        #expect(throws: ParacuesError.invalidConfiguration("channel 2 does not exist: the input has 2 channels (0-based: 0–1)")) {
            _ = try SignalNormalizer(format: AudioFormat(sampleRate: 16_000, channels: 2), channel: 2, targetRate: 16_000)
        }
        #expect(throws: ParacuesError.self) {
            _ = try SignalNormalizer(format: AudioFormat(sampleRate: 16_000, channels: 1), channel: -1, targetRate: 16_000)
        }
        #expect(throws: ParacuesError.unsupportedFormat("sample rate 7000 Hz is outside the accepted 8000–192000 Hz")) {
            _ = try SignalNormalizer(format: AudioFormat(sampleRate: 7_000, channels: 1), targetRate: 16_000)
        }
        #expect(throws: ParacuesError.unsupportedFormat("65 channels is outside the accepted 1–64")) {
            _ = try SignalNormalizer(format: AudioFormat(sampleRate: 16_000, channels: 65), targetRate: 16_000)
        }
    }

    @Test func sourceBandwidthIsTheLowerNyquist() throws {
        try #expect(SignalNormalizer(format: AudioFormat(sampleRate: 44_100, channels: 2), targetRate: 16_000).sourceBandwidth == 8_000)
        try #expect(SignalNormalizer(format: AudioFormat(sampleRate: 8_000, channels: 1), targetRate: 16_000).sourceBandwidth == 4_000)
        try #expect(SignalNormalizer(format: AudioFormat(sampleRate: 11_025, channels: 1), targetRate: 16_000).sourceBandwidth == 5_512.5)
    }

    /// 44.1 kHz stereo with a click at 0.5 s in both channels: the 16 kHz output peaks at sample
    /// 8 000 (0.5 s), and has ceil(n × 160 / 441) samples.
    @Test func resamplingKeepsTime() throws {
        var x = [Float](repeating: 0, count: 2 * 44_100)
        x[2 * 22_050] = 1
        x[2 * 22_050 + 1] = 1
        let y = try normalize(x, format: AudioFormat(sampleRate: 44_100, channels: 2), chunk: 313)
        #expect(y.count == 16_000)
        #expect(y.indices.max { y[$0] < y[$1] } == 8_000)
    }

    /// In-band mode: a NaN at input sample k makes exactly the outputs that depend on it NaN;
    /// everything else equals the output for the same signal with 0 there (no poisoning).
    @Test(arguments: [44_100, 8_000, 16_000])
    func nanIsMarkedInBand(rate: Int) throws {
        let format = AudioFormat(sampleRate: rate, channels: 1)
        var x = testSignal(rate: rate, channels: 1, frames: rate / 2)
        let k = rate / 4
        x[k] = 0
        let clean = try normalize(x, format: format)
        x[k] = .nan
        x[k + 1] = .infinity  // a run of two
        var cleanTwo = x
        cleanTwo[k] = 0
        cleanTwo[k + 1] = 0
        let reference = try normalize(cleanTwo, format: format)
        let y = try normalize(x, format: format, chunk: 77)
        #expect(y.count == clean.count)
        let bad = y.indices.filter { !y[$0].isFinite }
        let expected: Range<Int>
        if rate == 16_000 {
            expected = k..<(k + 2)
        } else {
            let d = PolyphaseResampler(inputRate: rate, outputRate: 16_000).design
            let h = d.lookAhead, l = d.upFactor, m = d.downFactor
            expected = ((k - h) * l + m - 1) / m ..< ((k + 1 + h) * l + m - 1) / m
        }
        #expect(bad.first == expected.lowerBound && bad.last == expected.upperBound - 1 && bad.count == expected.count)
        if rate == 16_000 { #expect(y[k + 1] == .infinity) }  // passed through as-is
        for n in y.indices where !expected.contains(n) { #expect(y[n] == reference[n]) }
    }

    /// Callback mode: finite output equal to the zero-substituted signal, and the reported ranges
    /// flag exactly the frames the analyser flags when it sees the NaNs itself (in-band mode).
    @Test func callbackModeFlagsTheSameFrames() throws {
        let rate = 44_100
        let format = AudioFormat(sampleRate: rate, channels: 2)
        var x = testSignal(rate: rate, channels: 2, frames: rate)
        x[2 * 30_000] = .nan
        x[2 * 30_000 + 1] = .nan

        func frames(callback: Bool) throws -> ([FrameFeatures], [Float]) {
            let normalizer = try SignalNormalizer(format: format, targetRate: 16_000)
            let analyzer = try StreamingAnalyzer()
            var output = AnalysisOutput()
            var all: [Float] = []
            x.withUnsafeBufferPointer { b in
                if callback {
                    normalizer.process(interleaved: b, emit: { all.append(contentsOf: $0); analyzer.process($0, into: &output) },
                                       nonFinite: { analyzer.markNonFinite($0) })
                } else {
                    normalizer.process(interleaved: b) { all.append(contentsOf: $0); analyzer.process($0, into: &output) }
                }
            }
            normalizer.finish { all.append(contentsOf: $0); analyzer.process($0, into: &output) }
            analyzer.finish(into: &output)
            return (output.frames, all)
        }
        let (withCallback, samples) = try frames(callback: true)
        let (inBand, _) = try frames(callback: false)
        #expect(samples.allSatisfy { $0.isFinite })
        let flaggedCallback = withCallback.filter { $0.validity.contains(.nonFinite) }.map(\.index)
        let flaggedInBand = inBand.filter { $0.validity.contains(.nonFinite) }.map(\.index)
        #expect(!flaggedCallback.isEmpty && flaggedCallback == flaggedInBand)
        // 30 000 / 44 100 s = 0.680 s → frame 68 must be flagged, frames far away must not.
        #expect(flaggedCallback.contains(68) && !flaggedCallback.contains(40) && !flaggedCallback.contains(95))
    }

    /// Any chunking gives the same output bits (NaN marks included).
    @Test func chunkingDoesNotChangeOutput() throws {
        let format = AudioFormat(sampleRate: 48_000, channels: 2)
        var x = testSignal(rate: 48_000, channels: 2, frames: 9_000)
        x[2 * 4_000] = .nan
        let a = try normalize(x, format: format, chunk: 9_000)
        let b = try normalize(x, format: format, chunk: 1)
        let c = try normalize(x, format: format, chunk: 4_097)
        #expect(a.map(\.bitPattern) == b.map(\.bitPattern) && a.map(\.bitPattern) == c.map(\.bitPattern))
    }
}
