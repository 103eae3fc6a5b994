import Foundation
import Testing
@testable import Paracues
import ParacuesTestSupport

/// Cost of the eGeMAPS hook per hop (run with PARACUES_SPEED=1, ideally `-c release`): the engine on
/// 20 s of synthetic vowel with and without ``StreamingAnalyzer/enableEGeMAPS(window:step:)``.
@Suite struct EGeMAPSSpeedTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PARACUES_SPEED"] != nil))
    func perHopCost() throws {
        let v = SustainedVowel(f0: 130, duration: 20, jitter: 0.01, shimmer: 0.03, hnrDB: 20, seed: 1)
        func run(_ egemaps: Bool) throws -> Double {
            let engine = try StreamingAnalyzer()
            if egemaps { try engine.enableEGeMAPS() }
            var out = AnalysisOutput()
            let start = DispatchTime.now().uptimeNanoseconds
            var i = 0
            while i < v.samples.count {
                engine.process(Array(v.samples[i..<min(i + 1600, v.samples.count)]), into: &out)
                out.removeAll()
                i += 1600
            }
            engine.finish(into: &out)
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3 / 2000
        }
        _ = try run(true)
        let base = try run(false), with = try run(true)
        print(String(format: "per hop: engine %.1f µs, with eGeMAPS %.1f µs, eGeMAPS cost %.1f µs", base, with, with - base))
        #expect(with >= base * 0.5)
        // Breakdown: spectral extractor alone, voice quality alone.
        let extractor = SpectralExtractor(configuration: AnalysisConfiguration())
        var t = DispatchTime.now().uptimeNanoseconds
        v.samples.withUnsafeBufferPointer { p in
            for k in 3..<1990 {
                extractor.analyze(index: k, rawFrame: UnsafeBufferPointer(rebasing: p[(k * 160 - 200)..<(k * 160 + 200)]),
                                  longWindow: UnsafeBufferPointer(rebasing: p[(k * 160 - 480)..<(k * 160 + 480)]))
                _ = extractor.complete(index: k, f0Hz: 130)
            }
        }
        let spectral = Double(DispatchTime.now().uptimeNanoseconds - t) / 1e3 / 1987
        let vq = VoiceQualityAnalyzer()
        t = DispatchTime.now().uptimeNanoseconds
        var frame = 0
        var i = 0
        while i < v.samples.count {
            let n = min(1600, v.samples.count - i)
            v.samples.withUnsafeBufferPointer { vq.process(UnsafeBufferPointer(rebasing: $0[i..<(i + n)])) }
            i += n
            while frame * 160 + 480 <= i { vq.process(frameIndex: frame, f0Hz: 130); frame += 1 }
        }
        vq.finish()
        let voice = Double(DispatchTime.now().uptimeNanoseconds - t) / 1e3 / Double(frame)
        let tracker = EGeMAPSPitchTracker(sampleRate: 16000, bandwidth: 8000)
        t = DispatchTime.now().uptimeNanoseconds
        var voiced = 0
        v.samples.withUnsafeBufferPointer { p in
            for k in 3..<1990 {
                tracker.analyze(index: k, samples: UnsafeBufferPointer(rebasing: p[(k * 160 - 480)..<(k * 160 + 480)]))
                if let f = tracker.decision(index: k - EGeMAPSPitchTracker.lookahead), f > 0 { voiced += 1 }
            }
        }
        let shs = Double(DispatchTime.now().uptimeNanoseconds - t) / 1e3 / 1987
        #expect(voiced > 1900)
        print(String(format: "per hop: spectral extractor %.1f µs, voice quality %.1f µs, eGeMAPS pitch (SHS) %.1f µs",
                     spectral, voice, shs))
    }
}
