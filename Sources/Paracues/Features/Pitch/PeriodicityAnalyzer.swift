import Foundation
import ParacuesDSP

/// Per-frame periodicity analysis: the normalised autocorrelation of Boersma (1993) and its peaks.
///
/// The 16 kHz window is low-passed and decimated to 8 kHz (31-tap half-band FIR, Blackman-windowed
/// sinc), its mean removed, Hann-windowed, spectrally low-cut below the floor (so that hum and
/// 1/f noise do not look periodic), and autocorrelated through one forward and one inverse
/// FFT. Dividing by the window's own autocorrelation gives `r(τ)`, the normalised autocorrelation
/// of the underlying signal (≈ 1 at the period of a periodic signal). Local maxima of `r` between
/// the lags of the f0 ceiling and floor, refined by parabolic interpolation, are the candidates.
///
/// All buffers are allocated in `init`; ``analyze(window:)`` allocates nothing.
final class PeriodicityAnalyzer {
    /// Rate of the decimated signal, Hz.
    let rate: Double
    /// Decimated window length (samples at ``rate``).
    let length: Int
    /// Shortest and longest lag searched (samples at ``rate``).
    let minimumLag: Int, maximumLag: Int
    /// Candidate frequencies (Hz) and normalised correlations after ``analyze(window:)``:
    /// `correlations` of the signal (power spectrum), `compressed` of the magnitude spectrum.
    let frequencies: UnsafeMutableBufferPointer<Float>
    let correlations: UnsafeMutableBufferPointer<Float>
    let compressed: UnsafeMutableBufferPointer<Float>
    /// Ranking bonus per octave used to keep the most plausible peaks.
    var octaveCost: Float = 0.01
    /// Number of valid candidates after ``analyze(window:)``.
    private(set) var count = 0
    /// Mean square of the Hann-weighted, mean-removed, low-passed window (full-scale units).
    private(set) var meanSquare: Float = 0
    /// Largest absolute value of the mean-removed, low-passed window (Praat's "local peak").
    private(set) var peak: Float = 0

    private let taps: [Float]
    /// Half the number of non-zero off-centre taps (31-tap half-band: 8), also the zero padding of
    /// ``oddSamples`` on each side.
    private static let oddPadding = 8
    private let oddSamples: UnsafeMutableBufferPointer<Float>
    private let hann: UnsafeMutableBufferPointer<Float>
    /// `r_w(0) / r_w(τ)` of the Hann window, per lag.
    private let windowCorrelation: UnsafeMutableBufferPointer<Float>
    private let normalised: UnsafeMutableBufferPointer<Float>
    private let normalisedCompressed: UnsafeMutableBufferPointer<Float>
    /// `g(0) / g(τ)`, `g` the inverse FFT of the window's magnitude spectrum, per lag.
    private let windowCompressed: UnsafeMutableBufferPointer<Float>
    private let inverseCompressed: InverseRealFFT
    private let decimated: UnsafeMutableBufferPointer<Float>
    private let forward: RealFFT
    private let inverse: InverseRealFFT
    private let hannPower: Float
    /// Spectral weights of the low-cut applied before autocorrelation (bins below `lowCutBins.count` ramp
    /// from 0 to 1; the rest pass).
    private let lowCut: [Float]

    /// - Parameters: `halfWindow` (16 kHz samples, even), f0 range in Hz, candidate capacity.
    init(halfWindow: Int, analysisRate: Int, minimumF0: Double, maximumF0: Double, capacity: Int) {
        rate = Double(analysisRate) / 2
        length = halfWindow
        minimumLag = max(2, Int((rate / maximumF0).rounded(.down)))
        maximumLag = min(length / 2, Int((rate / minimumF0).rounded(.up)) + 1)
        var size = 64
        while size < length + maximumLag + 2 { size *= 2 }
        forward = RealFFT(size: size)
        // Low cut: nothing below half the floor, a raised-cosine ramp up to 0.9 × the floor.
        let binHz = rate / Double(size)
        let stop = 0.5 * minimumF0 / binHz, pass = 0.9 * minimumF0 / binHz
        lowCut = (0..<Int(pass.rounded(.up))).map { k in
            let x = (Double(k) - stop) / (pass - stop)
            return x <= 0 ? 0 : Float(0.5 - 0.5 * cos(Double.pi * min(1, x)))
        }
        inverse = InverseRealFFT(size: size)
        inverseCompressed = InverseRealFFT(size: size)
        // Half-band low-pass: sinc(n/2)/2 with a Blackman window, 31 taps (zero at even n ≠ 0).
        let m = 15
        taps = (-m...m).map { n -> Float in
            let x = Double(n)
            let sinc = n == 0 ? 0.5 : sin(Double.pi * x / 2) / (Double.pi * x)
            let w = 0.42 + 0.5 * cos(Double.pi * x / Double(m + 1)) + 0.08 * cos(2 * Double.pi * x / Double(m + 1))
            return Float(sinc * w)
        }
        let coefficients = WindowShape.hann.coefficients(count: length)
        hann = .allocate(capacity: length)
        _ = hann.initialize(from: coefficients)
        hannPower = coefficients.reduce(0) { $0 + $1 * $1 }
        windowCorrelation = .allocate(capacity: maximumLag + 2)
        for lag in 0..<(maximumLag + 2) {
            var s: Double = 0
            for t in 0..<(length - lag) { s += Double(coefficients[t]) * Double(coefficients[t + lag]) }
            windowCorrelation[lag] = Float(s)
        }
        // Stored as the factor r_w(0) / r_w(τ) applied to each lag.
        let w0 = windowCorrelation[0]
        for lag in 0..<(maximumLag + 2) { windowCorrelation[lag] = w0 / windowCorrelation[lag] }
        normalised = .allocate(capacity: maximumLag + 2)
        normalised.initialize(repeating: 0)
        normalisedCompressed = .allocate(capacity: maximumLag + 2)
        normalisedCompressed.initialize(repeating: 0)
        // The window's own magnitude-spectrum "autocorrelation" (inverse FFT of |W|).
        windowCompressed = .allocate(capacity: maximumLag + 2)
        for i in 0..<forward.input.count { forward.input[i] = i < length ? coefficients[i] : 0 }
        forward.transform()
        for k in 0..<forward.binCount {
            let re = forward.output[2 * k], im = forward.output[2 * k + 1]
            inverseCompressed.input[2 * k] = (re * re + im * im).squareRoot()
            inverseCompressed.input[2 * k + 1] = 0
        }
        inverseCompressed.transform()
        let g0 = inverseCompressed.output[0]
        for lag in 0..<(maximumLag + 2) { windowCompressed[lag] = g0 / inverseCompressed.output[lag] }
        oddSamples = .allocate(capacity: length + 2 * Self.oddPadding)
        oddSamples.initialize(repeating: 0)
        decimated = .allocate(capacity: length)
        decimated.initialize(repeating: 0)
        frequencies = .allocate(capacity: capacity)
        frequencies.initialize(repeating: 0)
        correlations = .allocate(capacity: capacity)
        correlations.initialize(repeating: 0)
        compressed = .allocate(capacity: capacity)
        compressed.initialize(repeating: 0)
    }

    deinit {
        hann.deallocate(); windowCorrelation.deallocate(); normalised.deallocate()
        decimated.deallocate(); oddSamples.deallocate()
        frequencies.deallocate(); correlations.deallocate()
        compressed.deallocate(); normalisedCompressed.deallocate(); windowCompressed.deallocate()
    }

    /// Analyses one 16 kHz window of `2 × length` samples centred on the frame instant.
    func analyze(window: UnsafeBufferPointer<Float>, silenceMeanSquare: Float) {
        decimate(window)
        var mean: Float = 0
        mean = Reductions.sum(UnsafeBufferPointer(decimated)) / Float(length)
        let input = forward.input
        var largest: Float = 0
        for i in 0..<length {
            let v = decimated[i] - mean
            largest = max(largest, abs(v))
            input[i] = v * hann[i]
        }
        peak = largest
        for i in length..<input.count { input[i] = 0 }
        let r0 = Reductions.sumOfSquares(UnsafeBufferPointer(rebasing: UnsafeBufferPointer(input)[0..<length]))
        meanSquare = r0 / hannPower
        count = 0
        guard meanSquare > silenceMeanSquare, r0 > 0, r0.isFinite else { return }
        forward.transform()
        let spectrum = forward.output, bins = forward.binCount
        let target = inverse.input, targetCompressed = inverseCompressed.input
        for k in 0..<bins {
            let re = spectrum[2 * k], im = spectrum[2 * k + 1]
            let p = re * re + im * im
            target[2 * k] = p
            target[2 * k + 1] = 0
            targetCompressed[2 * k] = p.squareRoot()
            targetCompressed[2 * k + 1] = 0
        }
        lowCut.withUnsafeBufferPointer { cut in
            for k in 0..<min(cut.count, bins) {
                target[2 * k] *= cut[k] * cut[k]
                targetCompressed[2 * k] *= cut[k]
            }
        }
        inverse.transform()
        inverseCompressed.transform()
        let acfCompressed = inverseCompressed.output
        let zeroCompressed = acfCompressed[0]
        let acf = inverse.output
        let zero = acf[0]
        guard zero > 0, zeroCompressed > 0 else { return }
        let inverseZero = 1 / zero, inverseZeroCompressed = 1 / zeroCompressed
        for lag in (minimumLag - 1)...(maximumLag + 1) {
            normalised[lag] = acf[lag] * inverseZero * windowCorrelation[lag]
            normalisedCompressed[lag] = acfCompressed[lag] * inverseZeroCompressed * windowCompressed[lag]
        }
        pickPeaks()
    }

    /// Keeps the strongest local maxima of `r` (at most `capacity`), parabolically refined.
    private func pickPeaks() {
        let capacity = frequencies.count
        for lag in minimumLag...maximumLag {
            let a = normalised[lag - 1], b = normalised[lag], c = normalised[lag + 1]
            guard b > 0.2, b > a, b >= c else { continue }
            let denominator = a - 2 * b + c
            var offset: Float = 0, peak = b
            if denominator < 0 {
                offset = 0.5 * (a - c) / denominator
                peak = b - 0.25 * (a - c) * offset
            }
            if peak > 1 { peak = 1 / peak }
            let frequency = Float(rate) / (Float(lag) + offset)
            let rank = peak + octaveCost * log2f(frequency)
            var slot = count
            if count == capacity {
                slot = 0
                for i in 1..<capacity where rankOf(i) < rankOf(slot) { slot = i }
                guard rank > rankOf(slot) else { continue }
            } else {
                count += 1
            }
            frequencies[slot] = frequency; correlations[slot] = peak
            compressed[slot] = compressedPeak(near: lag)
        }
    }

    private func rankOf(_ i: Int) -> Float { correlations[i] + octaveCost * log2f(frequencies[i]) }

    /// Highest parabolic-interpolated value of the compressed correlation within ±1 lag of `lag`.
    private func compressedPeak(near lag: Int) -> Float {
        var best = max(normalisedCompressed[lag - 1], normalisedCompressed[lag], normalisedCompressed[lag + 1])
        let low = max(minimumLag, lag - 1), high = min(maximumLag, lag + 1)
        for l in low...high {
            let a = normalisedCompressed[l - 1], b = normalisedCompressed[l], c = normalisedCompressed[l + 1]
            let d = a - 2 * b + c
            if b >= a && b >= c && d < 0 { best = max(best, b - 0.125 * (a - c) * (a - c) / d) }
        }
        return best > 1 ? 1 / best : best
    }

    /// Low-pass and keep every other sample: `decimated[m]` ↔ window sample `2m`.
    ///
    /// Half-band: besides the centre tap only odd offsets are non-zero, so
    /// `y[j] = h₀·x[2j] + Σ_q h_{2q+1}·(x[2j−2q−1] + x[2j+2q+1])`, computed from the odd-indexed
    /// samples (zero-padded) as contiguous, vectorisable passes.
    private func decimate(_ x: UnsafeBufferPointer<Float>) {
        let pad = Self.oddPadding
        let odd = oddSamples.baseAddress!, y = decimated.baseAddress!, src = x.baseAddress!
        for i in 0..<length { odd[pad + i] = src[2 * i + 1] }
        let centre = taps[taps.count / 2]
        for j in 0..<length { y[j] = centre * src[2 * j] }
        for q in 0..<pad {
            let c = taps[taps.count / 2 + 2 * q + 1]
            let left = odd + (pad - q - 1), right = odd + (pad + q)
            for j in 0..<length { y[j] += c * (left[j] + right[j]) }
        }
    }

}
