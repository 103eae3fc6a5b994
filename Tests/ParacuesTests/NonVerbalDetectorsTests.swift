import Testing
import Foundation
@testable import Paracues
import ParacuesTestSupport

/// Engine-level properties of the event detectors: chunking invariance, edge cases.
@Suite struct NonVerbalDetectorsTests {
    @Test func eventsDoNotDependOnChunking() throws {
        var b = MixtureBuilder()
        b.seed = 3; b.utterances = 4; b.laughProbability = 0.5; b.sighProbability = 0.5
        let m = try b.build()
        let whole = try analyseEvents(m.samples, chunk: m.samples.count)
        let small = try analyseEvents(m.samples, chunk: 37)
        let odd = try analyseEvents(m.samples, chunk: 1601)
        #expect(!whole.events.isEmpty)
        #expect(whole.events == small.events)
        #expect(whole.events == odd.events)
        #expect(whole.rate == small.rate)
    }

    @Test func emptyTinyAndNonFiniteInputs() throws {
        let empty = try analyseEvents([])
        #expect(empty.events.isEmpty && empty.rate.syllableCount == 0)
        let one = try analyseEvents([0.5])
        #expect(one.events.isEmpty)
        var x = [Float](repeating: 0, count: 16_000)
        for i in stride(from: 0, to: x.count, by: 97) { x[i] = .nan }
        x[5000] = .infinity
        let bad = try analyseEvents(x)
        #expect(bad.events.isEmpty && bad.rate.syllableCount == 0)
    }

    @Test func frameAcousticsOfToneAndNoise() {
        let analyzer = FrameAcousticsAnalyzer()
        let fft = RealFFTHelper(size: 512)
        // 200 Hz harmonic tone: harmonicity near 1, band level from its 400–2800 Hz harmonics.
        var tone = [Float](repeating: 0, count: 400)
        for n in 0..<400 { for k in 1...14 { tone[n] += 0.05 * sinf(2 * .pi * 200 * Float(k) * Float(n) / 16_000) } }
        let a = fft.power(tone).withUnsafeBufferPointer { analyzer.measure(index: 0, power: $0) }
        #expect(a.harmonicity > 0.9)
        var noise = NonVerbalNoise(seed: 1)
        let white = (0..<400).map { _ in Float(0.1 * noise.gaussian()) }
        let b = fft.power(white).withUnsafeBufferPointer { analyzer.measure(index: 0, power: $0) }
        #expect(b.harmonicity < 0.45)
        // White noise: centroid near 4 kHz, high band (3–8 kHz) about 3.7 dB above the 0.3–3 kHz band.
        #expect(abs(b.centroidHz - 4000) < 400)
        #expect(abs((b.highLevelDB - b.bandLevelDB) - 10 * log10f(5000 / 2700)) < 1.5)
    }
}

/// Hann-windowed power spectrum with the engine's scaling, for unit tests of spectral measures.
struct RealFFTHelper {
    let size: Int
    func power(_ x: [Float]) -> [Float] {
        let n = x.count
        let w = (0..<n).map { 0.5 - 0.5 * cosf(2 * .pi * Float($0) / Float(n)) }
        let wp = w.reduce(0) { $0 + $1 * $1 }
        var out = [Float](repeating: 0, count: size / 2 + 1)
        for k in 0...(size / 2) {
            var re: Float = 0, im: Float = 0
            for t in 0..<n {
                let v = x[t] * w[t], ph = -2 * Float.pi * Float(k * t % size) / Float(size)
                re += v * cosf(ph); im += v * sinf(ph)
            }
            out[k] = (re * re + im * im) * 2 / (wp * Float(size))
        }
        return out
    }
}
