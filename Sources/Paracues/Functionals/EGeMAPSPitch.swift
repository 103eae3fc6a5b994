import Foundation
import ParacuesDSP

/// eGeMAPS's own F0 and voicing: subharmonic summation (Hermes 1988) with openSMILE eGeMAPSv02's
/// parameters, used only by ``EGeMAPSFrontEnd`` (the engine's pitch track is unchanged).
///
/// Per frame (60 ms centred on the frame instant, Gaussian window σ = 0.4, 1024-point FFT):
/// 1. the magnitude spectrum, peak-enhanced and smoothed (see ``enhanceAndSmooth()``), is resampled (cubic, Catmull-Rom) onto a log-frequency axis from 25 Hz to
///    the bandwidth with as many points as linear bins up to the bandwidth (openSMILE cSpecScale
///    `scale = octave`, `minF = 25`, `nPointsTarget = 0`; 513 points at 16 kHz ≈ 61.5 per octave);
/// 2. S(f) = Σ_{n=1}^{15} 0.85^{n−1} H(n f) (cPitchShs `nHarmonics = 15`, `compressionFactor = 0.85`),
///    each harmonic a shift of log2(n) on the axis, linearly interpolated, 0 beyond its end;
/// 3. candidates are the 6 largest local maxima of S between 55 and 1000 Hz (`minPitch`, `maxPitch`,
///    `nCandidates`), position refined by a parabola; a candidate's voicing is 1 − mean(S)/S(peak)
///    (identified on openSMILE's candScores / candVoicing output: exact on its own spectra);
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
    private let searchLow: Int, searchHigh: Int
    /// Per log point: linear-bin position (fractional) of its frequency.
    private let binPosition: [Float]
    private let shiftInt: [Int], shiftFrac: [Float], weight: [Float]
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
        window = WindowShape.gaussian(sigma: 0.4).coefficients(count: windowLength)
        binHz = Float(sampleRate / 1024)
        let maxF = Float(min(bandwidth, sampleRate / 2))
        points = Int((maxF / binHz).rounded(.down)) + 1
        pointsPerOctave = Float(points - 1) / log2f(maxF / minF)
        let ppo = pointsPerOctave, lo = minF, bh = binHz
        binPosition = (0..<points).map { lo * exp2f(Float($0) / ppo) / bh }
        searchLow = Int((ppo * log2f(55 / lo)).rounded(.up))
        searchHigh = min(points - 2, Int((ppo * log2f(1000 / lo)).rounded(.down)))
        var si: [Int] = [], sf: [Float] = [], w: [Float] = []
        for n in 1...Self.harmonics {
            let s = log2f(Float(n)) * ppo
            si.append(Int(s.rounded(.down))); sf.append(s - s.rounded(.down))
            w.append(powf(Self.compression, Float(n - 1)))
        }
        shiftInt = si; shiftFrac = sf; weight = w
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
        for i in 0..<n {
            let v = samples[offset + i] * window[i]
            input[i] = v
            energy += v * v
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
        let last = 512, count = points
        magnitude.withUnsafeBufferPointer { m in
            binPosition.withUnsafeBufferPointer { pos in
                logSpectrum.withUnsafeMutableBufferPointer { h in
                    for i in 0..<count {
                        let x = pos[i]
                        let k = min(Int(x), last - 1), t = x - Float(k)
                        let p0 = m[max(k - 1, 0)], p1 = m[k], p2 = m[k + 1], p3 = m[min(k + 2, last)]
                        // Catmull-Rom cubic through the neighbouring bins, clamped at 0.
                        let v = p1 + 0.5 * t * (p2 - p0 + t * (2 * p0 - 5 * p1 + 4 * p2 - p3 + t * (3 * (p1 - p2) + p3 - p0)))
                        h[i] = max(v, 0)
                    }
                    h[count] = 0
                }
            }
        }
    }

    private func summation() {
        let count = points
        logSpectrum.withUnsafeBufferPointer { h in
            shs.withUnsafeMutableBufferPointer { s in
                for i in 0..<count { s[i] = h[i] }
                for n in 1..<Self.harmonics {
                    let si = shiftInt[n], f = shiftFrac[n], w = weight[n]
                    let end = count - si - 1
                    guard end > 0 else { break }
                    for i in 0..<end { s[i] += w * (h[i + si] + f * (h[i + si + 1] - h[i + si])) }
                }
            }
        }
    }

    private func pickCandidates(slot: Int) {
        let mean = shs.withUnsafeBufferPointer { s in
            var sum: Float = 0
            for i in 0..<s.count { sum += s[i] }
            return sum / Float(s.count)
        }
        var top = SIMD8<Float>.zero      // peak values
        var freq = SIMD8<Float>.zero
        for i in max(searchLow, 1)...searchHigh where shs[i] > shs[i - 1] && shs[i] >= shs[i + 1] {
            let v = shs[i]
            guard v > top[Self.candidates - 1] else { continue }
            var p = Self.candidates - 1
            while p > 0 && top[p - 1] < v { top[p] = top[p - 1]; freq[p] = freq[p - 1]; p -= 1 }
            let a = shs[i - 1], c = shs[i + 1], d = a - 2 * v + c
            let offset: Float = d < 0 ? 0.5 * (a - c) / d : 0
            top[p] = v
            freq[p] = minF * exp2f((Float(i) + offset) / pointsPerOctave)
        }
        guard top[0] > 0 else { return }
        ringCandidates[slot] = freq
        var voicing = SIMD8<Float>.zero
        for i in 0..<Self.candidates where top[i] > 0 { voicing[i] = 1 - mean / top[i] }
        ringVoicing[slot] = voicing
    }
}
