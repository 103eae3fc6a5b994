import Foundation
import Testing
@testable import Paracues
import ParacuesTestSupport

let egemapsFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/egemaps")

/// Frames with a given f0 (Hz, 0 = unvoiced) and loudness contour, every other descriptor constant.
/// The alpha ratio is −10 dB where the pitch frame 20 ms later is voiced and 2 dB elsewhere (openSMILE
/// pairs its 20 ms spectral frame with the 60 ms pitch frame that starts with it).
func syntheticFrames(f0: [Float], loudness: [Float]) -> [EGeMAPSFrame] {
    (0..<f0.count).map { k in
        var frame = FrameFeatures(index: k, f0Hz: f0[k], voicing: f0[k] > 0 ? 1 : 0, loudness: loudness[k])
        frame.energyDBFS = -20
        var s = SpectralFrame(index: k)
        s.loudness = loudness[k]
        s.alphaRatio = k + 2 < f0.count && f0[k + 2] > 0 ? -10 : 2
        s.power = 0.01
        s.mfcc = SIMD4(1, 2, 3, 4)
        s.hnrACF = 10
        return EGeMAPSFrame(frame: frame, spectral: s, voiceQuality: VoiceQualityFrame(index: k, hnrDB: 10))
    }
}

func value(_ features: [EGeMAPSFeature], _ name: String) -> Double? {
    features.first { $0.name == name }?.value
}

@Suite struct EGeMAPSFunctionalsTests {
    @Test func namesMatchOpenSMILEInOrder() throws {
        let expected = try String(contentsOf: egemapsFixtures.appendingPathComponent("feature_names.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let features = EGeMAPSAccumulator().functionals()
        #expect(expected.count == 88)
        #expect(features.map(\.name) == expected)
        // Nothing measured: every value absent, each with a reason.
        #expect(features.allSatisfy { $0.value == nil && $0.reason != nil })
    }

    @Test func pitchAndSegmentFunctionals() {
        // 1 s voiced at 110 Hz, 0.5 s unvoiced, 0.5 s voiced at 220 Hz, 0.3 s unvoiced.
        let f0 = [Float](repeating: 110, count: 100) + [Float](repeating: 0, count: 50)
            + [Float](repeating: 220, count: 50) + [Float](repeating: 0, count: 30)
        var acc = EGeMAPSAccumulator()
        for f in syntheticFrames(f0: f0, loudness: [Float](repeating: 1, count: f0.count)) { acc.add(f) }
        let out = acc.functionals()
        // 12 log2(110/27.5) = 24 st, 220 Hz = 36 st; two thirds of voiced frames at 24.
        #expect(abs(value(out, "F0semitoneFrom27.5Hz_sma3nz_amean")! - (24.0 * 100 + 36 * 50) / 150) < 0.1)
        #expect(abs(value(out, "F0semitoneFrom27.5Hz_sma3nz_percentile20.0")! - 24) < 1e-4)
        #expect(abs(value(out, "F0semitoneFrom27.5Hz_sma3nz_percentile80.0")! - 36) < 1e-4)
        #expect(abs(value(out, "F0semitoneFrom27.5Hz_sma3nz_pctlrange0-2")! - 12) < 1e-4)
        #expect(abs(value(out, "VoicedSegmentsPerSec")! - 2 / 2.3) < 1e-9)
        // Segment lengths as openSMILE measures them: (frames − 1) hops, so 0.99 s and 0.49 s.
        #expect(abs(value(out, "MeanVoicedSegmentLengthSec")! - 0.74) < 1e-9)
        #expect(abs(value(out, "StddevVoicedSegmentLengthSec")! - 0.25) < 1e-9)
        #expect(abs(value(out, "MeanUnvoicedSegmentLength")! - 0.39) < 1e-9)
        #expect(abs(value(out, "HNRdBACF_sma3nz_amean")! - 10) < 1e-6)
        #expect(abs(value(out, "alphaRatioV_sma3nz_amean")! + 10) < 1e-6)
        #expect(abs(value(out, "alphaRatioUV_sma3nz_amean")! - 2) < 1e-6)
        #expect(abs(value(out, "mfcc3_sma3_amean")! - 3) < 1e-6)
        #expect(abs(value(out, "mfcc3_sma3_stddevNorm")!) < 1e-6)
        #expect(abs(value(out, "equivalentSoundLevel_dBp")! + 20) < 1e-6)
        // Jitter was never measured: absent with a reason, not zero.
        let jitter = out.first { $0.name == "jitterLocal_sma3nz_amean" }!
        #expect(jitter.value == nil && jitter.reason != nil)
    }

    @Test func loudnessSlopesAndPeaks() {
        // Triangle waves: 0 → 1 in 0.5 s and back, three times: rising and falling slopes 2 /s. openSMILE
        // (cFunctionalPeaks2) counts the final fall after the last peak as a slope of −2 among the falling
        // ones: falling mean (2 + 2 − 2)/3 = 2/3 (see EGeMAPSPeakSlopesTests).
        var loud: [Float] = []
        for _ in 0..<3 {
            loud += (0..<50).map { Float($0) / 50 }
            loud += (0..<50).map { 1 - Float($0) / 50 }
        }
        var acc = EGeMAPSAccumulator()
        for f in syntheticFrames(f0: [Float](repeating: 0, count: loud.count), loudness: loud) { acc.add(f) }
        let out = acc.functionals()
        #expect(abs(value(out, "loudness_sma3_meanRisingSlope")! - 2) < 0.15)
        #expect(abs(value(out, "loudness_sma3_meanFallingSlope")! - 2.0 / 3) < 0.15)
        #expect(abs(value(out, "loudnessPeaksPerSec")! - 1) < 1e-9)
        #expect(abs(value(out, "loudness_sma3_percentile50.0")! - 0.5) < 0.02)
    }

    @Test func rollingWindows() throws {
        var w = try EGeMAPSWindowedAccumulator(window: 1.0, step: 0.5)
        var results: [EGeMAPSWindowedAccumulator.Window] = []
        for f in syntheticFrames(f0: [Float](repeating: 150, count: 300), loudness: [Float](repeating: 1, count: 300)) {
            if let r = w.add(f) { results.append(r) }
        }
        #expect(results.count == 5)
        #expect(results.map(\.start) == [0, 0.5, 1.0, 1.5, 2.0])
        #expect(results.allSatisfy { $0.features.count == 88 && abs($0.end - $0.start - 1) < 1e-9 })
        #expect(throws: ParacuesError.self) { try EGeMAPSWindowedAccumulator(window: 0.01, step: 0.01) }
    }

    @Test func engineHookIsChunkingInvariant() throws {
        let v = SustainedVowel(f0: 140, duration: 1.0, jitter: 0.01, shimmer: 0.03, hnrDB: 20, seed: 11)
        func run(chunk: Int) throws -> [EGeMAPSFeature] {
            let engine = try StreamingAnalyzer()
            try engine.enableEGeMAPS()
            var out = AnalysisOutput()
            var i = 0
            while i < v.samples.count {
                engine.process(Array(v.samples[i..<min(v.samples.count, i + chunk)]), into: &out)
                i += chunk
            }
            engine.finish(into: &out)
            return engine.egemaps!.functionals()
        }
        let a = try run(chunk: 1), b = try run(chunk: 5000)
        #expect(a == b)
        #expect(a.count == 88)
        #expect(value(a, "loudness_sma3_amean") != nil)
        // F0 from the eGeMAPS subharmonic-summation tracker: 12 log2(140 / 27.5) = 28.17 semitones.
        let f0 = try #require(value(a, "F0semitoneFrom27.5Hz_sma3nz_amean"))
        #expect(abs(f0 - 12 * log2(140 / 27.5)) < 0.2, "F0 amean \(f0)")
        // eGeMAPS F1 is openSMILE's (band-limited LPC, its root convention), not the vowel's 700 Hz.
        #expect(value(a, "F1frequency_sma3nz_amean") == nil || (50...5450).contains(value(a, "F1frequency_sma3nz_amean")!))
    }
}
