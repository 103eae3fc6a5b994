import Foundation
import Testing
@testable import Paracues

/// eGeMAPS's own subharmonic-summation F0 (`EGeMAPSPitchTracker`) on generated signals with known truth.
@Suite struct EGeMAPSPitchTests {
    /// Runs the tracker over `x` (16 kHz) and returns every frame's decided f0 (Hz, 0 = unvoiced).
    func track(_ x: [Float], bandwidth: Double = 8000) -> [Float] {
        let tracker = EGeMAPSPitchTracker(sampleRate: 16000, bandwidth: bandwidth)
        let padded = [Float](repeating: 0, count: 480) + x + [Float](repeating: 0, count: 480)
        let frames = StreamingAnalyzer.frameCount(sampleCount: x.count, hop: 160)
        var out: [Float] = []
        var next = 0
        for k in 0..<frames {
            padded[(k * 160)..<(k * 160 + 960)].withUnsafeBufferPointer { tracker.analyze(index: k, samples: $0) }
            while next <= k, let f = tracker.decision(index: next) { out.append(f); next += 1 }
        }
        tracker.finish()
        while next < frames, let f = tracker.decision(index: next) { out.append(f); next += 1 }
        return out
    }

    /// A harmonic tone (10 harmonics, 1/h amplitudes) at `f0` Hz, `seconds` long, peak ≈ 0.3.
    func tone(f0: Double, seconds: Double = 0.6) -> [Float] {
        (0..<Int(seconds * 16000)).map { i in
            let t = Double(i) / 16000
            return Float((1...10).reduce(0.0) { $0 + sin(2 * .pi * f0 * Double($1) * t) / Double($1) } * 0.1)
        }
    }

    @Test(arguments: [80.0, 120.0, 210.0, 330.0])
    func harmonicToneIsVoicedAtItsF0(f0: Double) {
        let f = track(tone(f0: f0))
        #expect(f.count == StreamingAnalyzer.frameCount(sampleCount: 9600, hop: 160))
        // Frames whose 60 ms window lies inside the tone: voiced, within 1 % (a fifth of a semitone).
        let inner = f[4..<(f.count - 4)]
        #expect(inner.allSatisfy { $0 > 0 && abs(Double($0) / f0 - 1) < 0.01 }, "f0 \(f0): \(Array(inner))")
    }

    @Test func narrowbandSourceKeepsF0() {
        let f = track(tone(f0: 150), bandwidth: 4000)
        #expect(f[4..<(f.count - 4)].allSatisfy { $0 > 0 && abs($0 / 150 - 1) < 0.01 })
    }

    @Test func noiseAndSilenceAreUnvoiced() {
        var state: UInt64 = 12345
        let noise: [Float] = (0..<9600).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: state >> 11) % 2000 - 1000) / 4000
        }
        #expect(track(noise).allSatisfy { $0 == 0 })
        #expect(track([Float](repeating: 0, count: 9600)).allSatisfy { $0 == 0 })
        // Below openSMILE's energy gate (windowed RMS < 0.001): unvoiced even though periodic.
        #expect(track(tone(f0: 150).map { $0 * 0.001 }).allSatisfy { $0 == 0 })
    }

    /// Log axis (`EGeMAPSPitchLogAxis`) at 16 kHz: 513 points, 25 Hz–8 kHz.
    func resample(_ magnitude: (Int) -> Float) -> [Float] {
        var axis = EGeMAPSPitchLogAxis(binHz: 15.625, count: 513)
        let m = (0..<513).map(magnitude)
        var out = [Float](repeating: 0, count: 513)
        m.withUnsafeBufferPointer { src in out.withUnsafeMutableBufferPointer { axis.resample(src, into: $0) } }
        return out
    }

    @Test func logAxisOfAFlatSpectrumIsTheAuditoryWeighting() {
        // A constant spectrum gives a constant spline, so the output is the weighting
        // ½ + atan(3(i + 1 − s)/q)/π, q = 513/log2(320), s = q·log2(1.3) − 1 (evaluated by hand):
        // point 0 (25 Hz) 0.24403, 100 (77.1 Hz) 0.91867, 350 (1289.6 Hz) 0.98013, 512 (8 kHz) 0.98668.
        let out = resample { _ in 2 }
        for (i, a) in [(0, 0.24403), (100, 0.91867), (350, 0.98013), (512, 0.98668)] {
            #expect(abs(Double(out[i]) - 2 * a) < 2e-4, "point \(i): \(out[i])")
        }
        #expect(EGeMAPSPitchLogAxis(binHz: 15.625, count: 513).pointsPerOctave == Float(512 / log2(320.0)))
    }

    @Test func logAxisSplineIsExactForLinearLogFrequencyData() {
        // A natural cubic spline reproduces data linear in its abscissa: |X_k| = log2(k · 15.625 Hz)
        // (bin 0 at its extrapolated knot) comes out as log2 f_i × weighting at every point.
        let out = resample { k in k == 0 ? log2(15.625) - 1 : log2(Float(k) * 15.625) }
        let q = 513 / log2(320.0), s = q * log2(1.3) - 1
        for i in stride(from: 0, to: 513, by: 16) {
            let f = 25 * pow(2, Double(i) * log2(320.0) / 512)
            let expected = log2(f) * (0.5 + atan(3 * (Double(i) + 1 - s) / q) / Double.pi)
            #expect(abs(Double(out[i]) - expected) < 1e-3, "point \(i): \(out[i]) vs \(expected)")
        }
    }
}
