import Testing
@testable import Paracues

/// openSMILE cPitchSmootherViterbi's definition (`EGeMAPSPitchViterbi`) on candidate sequences whose best
/// path follows from its cost terms by hand (see `docs/egemaps.md`, eGeMAPS F0 step 6).
@Suite struct EGeMAPSPitchViterbiTests {
    /// Runs the search over (frequencies, voicing) frames; returns each frame's f0 (0 = unvoiced) and the
    /// largest number of frames added after a frame before it was decided.
    func smooth(_ frames: [(f: [Float], v: [Float])]) -> (f0: [Float], latency: Int) {
        var viterbi = EGeMAPSPitchViterbi()
        var decidedAt = [Int](repeating: -1, count: frames.count)
        for (k, frame) in frames.enumerated() {
            var f = SIMD8<Float>.zero, v = SIMD8<Float>.zero
            for i in frame.f.indices { f[i] = frame.f[i]; v[i] = frame.v[i] }
            viterbi.add(frequencies: f, voicing: v)
            for n in 0..<(viterbi.decidedThrough + 1) where decidedAt[n] < 0 { decidedAt[n] = k }
        }
        viterbi.flush()
        let f0 = frames.indices.map { n -> Float in
            let s = viterbi.state(n)
            return s < EGeMAPSPitchViterbi.candidates ? frames[n].f[s] : 0
        }
        let latency = decidedAt.enumerated().filter { $0.element >= 0 }.map { $0.element - $0.offset }.max() ?? 0
        return (f0, latency)
    }

    @Test func octaveJumpOfOneFrameIsCorrected() {
        // 200 Hz voiced throughout, its subharmonic 100 Hz as second candidate; in frame 15 the best
        // candidate is the octave above (400 Hz), 200 Hz only second. Taking 400 Hz costs two ln 2 jumps
        // (≥ 2 × 10 ln 2 ≈ 13.9) against a local difference of 2 ln(0.9/0.88) ≈ 0.04: 200 Hz is kept.
        var frames = [(f: [Float], v: [Float])](repeating: ([200, 100], [0.9, 0.85]), count: 30)
        frames[15] = ([400, 200], [0.9, 0.88])
        let out = smooth(frames).f0
        #expect(out.allSatisfy { $0 == 200 }, "\(out)")
    }

    @Test(arguments: [1, 2, 3, 6])
    func shortVoicedBlipsAreUnvoiced(run: Int) {
        // Unvoiced context (every candidate's voicing 0.3), then `run` frames with a 150 Hz candidate at
        // voicing 0.9. Voicing the run costs wTvuv twice (20) plus 2·(−ln 0.9) per frame; leaving it
        // unvoiced costs wLocal·wThr = 8 per frame plus 1 per unvoiced→unvoiced step (run + 1):
        // voiced iff 20 + 0.21 n < 9 n + 1, i.e. n ≥ 3.
        var frames = [(f: [Float], v: [Float])](repeating: ([150, 300], [0.3, 0.3]), count: 20)
        for k in 8..<(8 + run) { frames[k] = ([150, 300], [0.9, 0.5]) }
        let out = smooth(frames).f0
        let voiced = out.indices.filter { out[$0] > 0 }
        if run >= 3 {
            #expect(voiced == Array(8..<(8 + run)) && voiced.allSatisfy { out[$0] == 150 }, "\(out)")
        } else {
            #expect(voiced.isEmpty, "\(out)")
        }
    }

    @Test func decisionsWaitAtMostTheBufferLength() {
        // Pseudo-random candidates (LCG): every frame is decided at most `bufferLength` frames after it
        // (merged paths or the forced rule), and `flush` decides the rest.
        var state: UInt64 = 42
        func next() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(state >> 40) / Float(1 << 24)
        }
        let frames = (0..<2000).map { _ in
            (f: (0..<6).map { _ in 60 + 500 * next() }, v: (0..<6).map { _ in 0.4 + 0.5 * next() })
        }
        let (out, latency) = smooth(frames)
        #expect(out.count == 2000)
        #expect(latency >= 2 && latency <= EGeMAPSPitchViterbi.bufferLength, "latency \(latency)")
    }

    @Test func frequencyWeightFollowsOpenSMILE() {
        // Piecewise-linear range weight: 1 − f/100 below 100 Hz, 0 on 100–350, (f − 350)/250 up to 600,
        // 1.2 above, 2 for an empty candidate.
        #expect(EGeMAPSPitchViterbi.frequencyWeight(0) == 2)
        #expect(abs(EGeMAPSPitchViterbi.frequencyWeight(60) - 0.4) < 1e-6)
        #expect(EGeMAPSPitchViterbi.frequencyWeight(200) == 0)
        #expect(abs(EGeMAPSPitchViterbi.frequencyWeight(475) - 0.5) < 1e-6)
        #expect(EGeMAPSPitchViterbi.frequencyWeight(800) == 1.2)
    }
}
