import Foundation
import Testing
import Paracues
import ParacuesTestSupport

/// The band factor of the pitch tracker (docs/pitch.md, step 5): energy above 4 kHz that rises
/// over its steady floor (frication) counts as aperiodic, as in a full-band correlation; steady
/// broadband noise does not.
@Suite struct PitchBandFactorTests {
    /// A weak 150 Hz harmonic complex (8 harmonics, −46 dBFS each) for 1.2 s; from 0.5 to 0.7 s a
    /// 4.5–7.5 kHz noise burst 20 dB stronger (a fricative over a faint periodic murmur); optionally
    /// white noise throughout.
    static func signal(burst: Bool, whiteNoiseRMS: Double) -> [Float] {
        var rng = SeededRandom(seed: 11)
        let n = 19_200
        var x = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let t = Double(i) / 16_000
            for h in 1...8 { x[i] += 0.005 * sin(2 * .pi * 150 * Double(h) * t) }
            x[i] += whiteNoiseRMS * rng.gaussian()
        }
        if burst {
            // Band-limited noise: 300 sinusoids of random phase, 4.5–7.5 kHz, scaled to RMS 0.1.
            let components = (0..<300).map { k in (4_500 + 10 * Double(k), 2 * Double.pi * rng.uniform()) }
            let amplitude = 0.1 * (2 / Double(components.count)).squareRoot()
            for i in 8_000..<11_200 {
                let t = Double(i) / 16_000
                for (f, phase) in components { x[i] += amplitude * sin(2 * .pi * f * t + phase) }
            }
        }
        return x.map(Float.init)
    }

    static func frames(_ x: [Float]) throws -> [FrameFeatures] {
        let analyzer = try StreamingAnalyzer()
        var output = AnalysisOutput()
        analyzer.process(x, into: &output)
        analyzer.finish(into: &output)
        return output.frames
    }

    @Test func fricationOverAFaintPeriodicSignalIsUnvoiced() throws {
        let f = try Self.frames(Self.signal(burst: true, whiteNoiseRMS: 0))
        let inside = f.filter { (53...67).contains($0.index) }
        let before = f.filter { (20...40).contains($0.index) }
        #expect(before.allSatisfy { $0.f0Hz > 0 && abs($0.f0Hz / 150 - 1) < 0.03 }, "\(before.map(\.f0Hz))")
        #expect(inside.allSatisfy { $0.f0Hz == 0 }, "\(inside.map(\.f0Hz))")
    }

    /// Steady white noise (its 4–8 kHz energy at its floor) leaves the periodic signal voiced:
    /// −46 dBFS noise is 6 dB below the harmonic complex (its half above 4 kHz as strong as the burst
    /// test's periodic part).
    @Test func steadyBroadbandNoiseDoesNotUnvoice() throws {
        let f = try Self.frames(Self.signal(burst: false, whiteNoiseRMS: 0.005))
        let middle = f.filter { (20...100).contains($0.index) }
        let voiced = middle.filter { $0.f0Hz > 0 && abs($0.f0Hz / 150 - 1) < 0.03 }.count
        #expect(Double(voiced) / Double(middle.count) > 0.95, "\(voiced) of \(middle.count)")
    }
}
