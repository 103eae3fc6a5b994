import Foundation
import ParacuesDSP

/// eGeMAPS's own F0 and voicing: subharmonic summation (Hermes 1988) with openSMILE eGeMAPSv02's
/// parameters, used only by ``EGeMAPSFrontEnd`` (the engine's pitch track is unchanged).
///
/// Per frame (60 ms centred on the frame instant, Gaussian window σ = 0.4, 1024-point FFT):
/// 1. the magnitude spectrum, peak-enhanced and smoothed (see ``enhanceAndSmooth()``), is resampled onto
///    a log-frequency axis from 25 Hz to the bandwidth with as many points P as linear bins up to it, by a
///    natural cubic spline in log frequency, and auditory-weighted (``EGeMAPSPitchLogAxis``; openSMILE
///    cSpecScale `scale = octave`, `minF = 25`, `nPointsTarget = 0`, `auditoryWeighting = 1`);
/// 2. S(i) = Σ_{n=1}^{15} 0.85^{n−1} H(i + ⌊q log2 n⌋), q = P / log2(bandwidth / 25 Hz) (cPitchShs
///    `nHarmonics = 15`, `compressionFactor = 0.85`; whole-point shifts, 0 beyond the axis);
/// 3. candidates: the 6 highest local maxima of S on the whole axis, refined by a parabola (position and
///    height h), voicing 1 − mean(S)/h; those outside 55–1000 Hz are dropped (`minPitch`, `maxPitch`,
///    `nCandidates`, `greedyPeakAlgo = 1`). Steps 1–3 reproduce openSMILE's candidates and voicing exactly
///    from its own spectra, and from ours to a median 0.0002 in voicing and 0.0001 semitone in f0;
/// 4. the candidates and their voicing go through ``EGeMAPSPitchViterbi`` (openSMILE cPitchSmootherViterbi's
///    cost terms and eGeMAPSv02 weights, 40-frame buffer), which picks one candidate or "unvoiced" per frame;
/// 5. frames whose windowed RMS < 0.001 are unvoiced (cValbasedSelector on the 60 ms energy).
/// Latency: a frame is decided when the Viterbi paths merge on it, at most ``lookahead`` (40) frames later.
/// No allocation per hop.
final class EGeMAPSPitchTracker {
    /// Frames after frame k that, at most, must be analysed before k is decided (the Viterbi buffer).
    static let lookahead = EGeMAPSPitchViterbi.bufferLength
    private static let ringSize = 128
    private static let candidates = 6
    private static let harmonics = 15
    private static let compression: Float = 0.85

    private let fft = RealFFT(size: 1024)
    private let window: [Float]
    private let windowLength: Int
    private let binHz: Float
    private let points: Int
    private let minF: Float = 25
    private let pointsPerOctave: Float
    private var logAxis: EGeMAPSPitchLogAxis
    private let shiftInt: [Int], weight: [Float]
    private var magnitude: [Float]
    private var enhanced: [Float]
    private var logSpectrum: [Float]
    private var shs: [Float]
    // Ring of per-frame raw analyses.
    private var ringIndex = [Int](repeating: -1, count: EGeMAPSPitchTracker.ringSize)
    private var ringVoicing = [SIMD8<Float>](repeating: .zero, count: EGeMAPSPitchTracker.ringSize)
    /// Viterbi state chosen for each decided frame (0…5 a candidate, 6 unvoiced).
    private var ringState = [UInt8](repeating: 6, count: EGeMAPSPitchTracker.ringSize)
    private var viterbi = EGeMAPSPitchViterbi()
    private var firstIndex = -1
    /// Last frame whose Viterbi state was copied into `ringState`.
    private var decidedThrough = -1
    private var ringLoud = [Bool](repeating: false, count: EGeMAPSPitchTracker.ringSize)
    private var ringCandidates = [SIMD8<Float>](repeating: .zero, count: EGeMAPSPitchTracker.ringSize)
    private var lastAnalysed = -1
    private var ended = false

    /// - Parameters:
    ///   - sampleRate: analysis rate (Hz).
    ///   - bandwidth: source bandwidth (Hz); the log axis stops there.
    init(sampleRate: Double, bandwidth: Double) {
        windowLength = Int(0.060 * sampleRate)
        window = EGeMAPSWindow.gaussian(count: windowLength, sigma: 0.4)  // openSMILE's symmetric form
        binHz = Float(sampleRate / 1024)
        let maxF = Float(min(bandwidth, sampleRate / 2))
        points = Int((maxF / binHz).rounded(.down)) + 1
        logAxis = EGeMAPSPitchLogAxis(binHz: binHz, count: points, minF: minF)
        pointsPerOctave = logAxis.pointsPerOctave
        // cPitchShs shifts by whole points, ⌊q·log2 n⌋, with cSpecScale's points per octave
        // q = P / log2(top / 25 Hz) (P points, not the P − 1 steps of the axis).
        let top = Double(points - 1) * Double(binHz)
        let q = Double(points) / log2(top / Double(minF))
        shiftInt = (1...Self.harmonics).map { Int((q * log2(Double($0))).rounded(.down)) }
        weight = (1...Self.harmonics).map { powf(Self.compression, Float($0 - 1)) }
        magnitude = [Float](repeating: 0, count: 513)
        enhanced = [Float](repeating: 0, count: 513)
        logSpectrum = [Float](repeating: 0, count: points + 1)
        shs = [Float](repeating: 0, count: points)
    }

    /// Analyses frame `index` (in order) from the samples centred on its instant (≥ 60 ms used).
    func analyze(index: Int, samples: UnsafeBufferPointer<Float>) {
        let input = fft.input
        let n = min(windowLength, samples.count)
        let offset = (samples.count - n) / 2
        var energy: Float = 0
        window.withUnsafeBufferPointer { w in
            guard let x = samples.baseAddress.map({ $0 + offset }), let wp = w.baseAddress else { return }
            for i in 0..<n {
                let v = x[i] * wp[i]
                input[i] = v
                energy += v * v
            }
        }
        for i in n..<input.count { input[i] = 0 }
        fft.transform()
        let out = fft.output
        magnitude.withUnsafeMutableBufferPointer { m in
            for k in 0..<513 { m[k] = (out[2 * k] * out[2 * k] + out[2 * k + 1] * out[2 * k + 1]).squareRoot() }
        }
        enhanceAndSmooth()
        let slot = index % Self.ringSize
        ringIndex[slot] = index
        ringLoud[slot] = (energy / Float(windowLength)).squareRoot() >= 0.001
        ringCandidates[slot] = .zero
        ringVoicing[slot] = .zero
        if firstIndex < 0 { firstIndex = index; decidedThrough = index - 1 }
        lastAnalysed = index
        if energy > 0 {
            resampleLogAxis()
            summation()
            pickCandidates(slot: slot)
        }
        viterbi.add(frequencies: ringCandidates[slot], voicing: ringVoicing[slot])
        copyDecisions()
    }

    /// Marks the end of the stream: every analysed frame becomes decidable.
    func finish() {
        guard !ended else { return }
        ended = true
        viterbi.flush()
        copyDecisions()
    }

    private func copyDecisions() {
        while decidedThrough < firstIndex + viterbi.decidedThrough {
            decidedThrough += 1
            ringState[decidedThrough % Self.ringSize] = UInt8(viterbi.state(decidedThrough - firstIndex))
        }
    }

    /// Frame `index`'s f0 in Hz (0 = unvoiced), or nil when it cannot be decided yet.
    func decision(index: Int) -> Float? {
        if index > decidedThrough { return ended ? 0 : nil }
        guard let slot = slot(index), ringLoud[slot] else { return 0 }
        let state = Int(ringState[slot])
        return state < Self.candidates ? ringCandidates[slot][state] : 0
    }

    private func slot(_ index: Int) -> Int? {
        guard index >= 0, index <= lastAnalysed else { return nil }
        let s = index % Self.ringSize
        return ringIndex[s] == index ? s : nil
    }

    /// Peak enhancement (bins more than 2 bins from every local maximum set to 0), then a 3-tap Hann
    /// smoothing (¼, ½, ¼) of the linear magnitude spectrum (cSpecScale `specEnhance`, `specSmooth`;
    /// identified on its output: per-frame correlation 0.999 with its log-axis spectrum).
    private func enhanceAndSmooth() {
        let count = 513
        magnitude.withUnsafeMutableBufferPointer { m in
            enhanced.withUnsafeMutableBufferPointer { e in
                for k in 0..<count { e[k] = 0 }
                for k in 1..<(count - 1) where m[k] > m[k - 1] && m[k] >= m[k + 1] {
                    for j in max(0, k - 2)...min(count - 1, k + 2) { e[j] = m[j] }
                }
                m[0] = 0.5 * e[0] + 0.25 * e[1]
                for k in 1..<(count - 1) { m[k] = 0.25 * e[k - 1] + 0.5 * e[k] + 0.25 * e[k + 1] }
                m[count - 1] = 0.25 * e[count - 2] + 0.5 * e[count - 1]
            }
        }
    }

    private func resampleLogAxis() {
        let count = points
        magnitude.withUnsafeBufferPointer { m in
            logSpectrum.withUnsafeMutableBufferPointer { h in
                logAxis.resample(UnsafeBufferPointer(rebasing: m[0..<count]), into: h)
                h[count] = 0
            }
        }
    }

    private func summation() {
        let count = points
        logSpectrum.withUnsafeBufferPointer { h in
            shs.withUnsafeMutableBufferPointer { s in
                guard let sp = s.baseAddress, let hp = h.baseAddress else { return }
                sp.update(from: hp, count: count)
                // Per point the harmonics are still added in order n = 2…15 (SIMD only across points).
                for n in 1..<Self.harmonics {
                    let si = shiftInt[n], w = weight[n]
                    guard si < count else { break }
                    let length = count - si, src = hp + si
                    let w8 = SIMD8<Float>(repeating: w)
                    var i = 0
                    while i + 8 <= length {
                        let acc = UnsafeRawPointer(sp + i).loadUnaligned(as: SIMD8<Float>.self)
                        let add = UnsafeRawPointer(src + i).loadUnaligned(as: SIMD8<Float>.self)
                        UnsafeMutableRawPointer(sp + i).storeBytes(of: acc + w8 * add, as: SIMD8<Float>.self)
                        i += 8
                    }
                    while i < length { sp[i] += w * src[i]; i += 1 }
                }
            }
        }
    }

    /// The 6 highest strict local maxima of S over the whole axis (ties keep the earlier one), each refined
    /// by a parabola through its 3 points (position and height h); voicing 1 − mean(S)/h (0 when h ≤ mean);
    /// then candidates outside 55–1000 Hz are dropped and the highest refined one is swapped to slot 0
    /// (cPitchShs `greedyPeakAlgo = 1`, cPitchBase range filter; exact on openSMILE's own spectra).
    private func pickCandidates(slot: Int) {
        let count = points
        let mean = shs.withUnsafeBufferPointer { s in
            var sum: Float = 0
            for i in 0..<count { sum += s[i] }
            return sum / Float(count)
        }
        var raw = SIMD8<Float>.zero, height = SIMD8<Float>.zero, position = SIMD8<Float>.zero
        shs.withUnsafeBufferPointer { s in
            for i in 1..<(count - 1) where s[i] > s[i - 1] && s[i] > s[i + 1] {
                let v = s[i]
                guard v > raw[Self.candidates - 1] else { continue }
                var p = Self.candidates - 1
                while p > 0 && raw[p - 1] < v {
                    raw[p] = raw[p - 1]; height[p] = height[p - 1]; position[p] = position[p - 1]; p -= 1
                }
                let a = s[i - 1], c = s[i + 1], d = a - 2 * v + c
                let offset: Float = 0.5 * (a - c) / d
                raw[p] = v
                height[p] = v - 0.25 * (a - c) * offset
                position[p] = Float(i) + offset
            }
        }
        var freq = SIMD8<Float>.zero, voicing = SIMD8<Float>.zero, score = SIMD8<Float>.zero
        var kept = 0
        for k in 0..<Self.candidates where raw[k] > 0 {
            let f = minF * exp2f(position[k] / pointsPerOctave)
            guard f >= 55 && f <= 1000 else { continue }
            freq[kept] = f
            score[kept] = height[k]
            voicing[kept] = height[k] > mean ? 1 - mean / height[k] : 0
            kept += 1
        }
        var best = 0
        for k in 1..<max(kept, 1) where score[k] > score[best] { best = k }
        if best > 0 {
            (freq[0], freq[best]) = (freq[best], freq[0])
            (voicing[0], voicing[best]) = (voicing[best], voicing[0])
        }
        ringCandidates[slot] = freq
        ringVoicing[slot] = voicing
    }
}
