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
}
