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
    /// Whether ``prepare(window:)`` measures ``highBandEnergy`` (a pass over the full-rate window).
    var measuresHighBand = false
    /// Windowed energy of the full-rate window above the decimated band (4–8 kHz at 16 kHz), in the
    /// units of ``lowBandEnergy``; 0 unless ``measuresHighBand``.
    private(set) var highBandEnergy: Float = 0
    /// Windowed energy of the decimated (0–4 kHz) window.
    var lowBandEnergy: Float { windowEnergy }
    /// Factor applied to every candidate's correlation (set by the caller after ``prepare(window:)``;
    /// 1 by default): `E_low / (E_low + E_aperiodic)` when part of the window's energy is known to be
    /// aperiodic, as a full-band autocorrelation would count it.
    var bandFactor: Float = 1
    /// Number of valid candidates after ``analyze(window:)``.
    private(set) var count = 0
    /// Mean square of the Hann-weighted, mean-removed, low-passed window (full-scale units).
    private(set) var meanSquare: Float = 0
    /// Largest absolute value of the mean-removed, low-passed window (Praat's "local peak").
    private(set) var peak: Float = 0
    /// Largest absolute value of the same signal within half a floor period of the frame's instant
    /// (±10 ms at a 50 Hz floor; where Praat takes its local peak, "half a longest period to both
    /// sides"). The whole window's ``peak`` overstates a frame's own level at the edges of speech.
    private(set) var centrePeak: Float = 0
    /// True when the window's ``peak`` lies before the centre region: the frame's window ends in
    /// quieter signal than it starts with, as after the end of a stretch of speech.
    private(set) var peakIsBehind = false
    /// Half-width of the ``centrePeak`` region, in samples at ``rate``.
    private let centreReach: Int
    /// The Hann window squared at the full rate (`hann[i / 2]²`, `2 × length` values), for ``highBandEnergy``.
    private let fullRateHannSquared: UnsafeMutableBufferPointer<Float>
    /// Σ of the squared windowed samples (r(0) before normalisation) of the prepared frame.
    private var windowEnergy: Float = 0

    private let decimator: StreamingHalfBandDecimator
    /// Lag (samples at ``rate``) and ranking value of each kept candidate.
    private let lags: UnsafeMutableBufferPointer<Int>
    private let ranks: UnsafeMutableBufferPointer<Float>
    /// Whether ``compressed`` holds this frame's values (see ``computeCompressed()``).
    private(set) var compressedReady = false
    /// Window, corrections and low-cut weights, shared with every analyser of the same settings.
    private let tables: PeriodicityTables
    private let hann: UnsafeBufferPointer<Float>
    /// `r_w(0) / r_w(τ)` of the Hann window, per lag.
    private let windowCorrelation: UnsafeBufferPointer<Float>
    private let normalised: UnsafeMutableBufferPointer<Float>
    private let normalisedCompressed: UnsafeMutableBufferPointer<Float>
    /// `g(0) / g(τ)`, `g` the inverse FFT of the window's magnitude spectrum, per lag.
    private let windowCompressed: UnsafeBufferPointer<Float>
    private let inverseCompressed: InverseRealFFT
    private let forward: RealFFT
    private let inverse: InverseRealFFT
    private let hannPower: Float
    /// Spectral weights of the low-cut applied before autocorrelation (bins below `lowCutBins.count` ramp
    /// from 0 to 1; the rest pass).
    private let lowCut: UnsafeBufferPointer<Float>

    /// - Parameters: `halfWindow` (16 kHz samples, even), `hop` (16 kHz samples between consecutive
    ///   windows), f0 range in Hz, candidate capacity.
    init(halfWindow: Int, hop: Int, analysisRate: Int, minimumF0: Double, maximumF0: Double, capacity: Int) {
        tables = PeriodicityTables.shared(.init(length: halfWindow, analysisRate: analysisRate,
                                                minimumF0: minimumF0, maximumF0: maximumF0))
        rate = tables.rate
        length = halfWindow
        centreReach = min(halfWindow / 2, Int((tables.rate * 0.5 / minimumF0).rounded()))
        fullRateHannSquared = .allocate(capacity: 2 * halfWindow)
        for i in 0..<(2 * halfWindow) { fullRateHannSquared[i] = tables.hann[i / 2] * tables.hann[i / 2] }
        minimumLag = tables.minimumLag
        maximumLag = tables.maximumLag
        forward = RealFFT(size: tables.size)
        inverse = InverseRealFFT(size: tables.size)
        inverseCompressed = InverseRealFFT(size: tables.size)
        decimator = StreamingHalfBandDecimator(length: length, hop: hop)
        hann = tables.hann
        hannPower = tables.hannPower
        windowCorrelation = tables.windowCorrelation
        windowCompressed = tables.windowCompressed
        lowCut = tables.lowCut
        normalised = .allocate(capacity: maximumLag + 2)
        normalised.initialize(repeating: 0)
        normalisedCompressed = .allocate(capacity: maximumLag + 2)
        normalisedCompressed.initialize(repeating: 0)
        lags = .allocate(capacity: capacity)
        lags.initialize(repeating: 0)
        ranks = .allocate(capacity: capacity)
        ranks.initialize(repeating: 0)
        frequencies = .allocate(capacity: capacity)
        frequencies.initialize(repeating: 0)
        correlations = .allocate(capacity: capacity)
        correlations.initialize(repeating: 0)
        compressed = .allocate(capacity: capacity)
        compressed.initialize(repeating: 0)
    }

    deinit {
        normalised.deallocate()
        fullRateHannSquared.deallocate()
        lags.deallocate(); ranks.deallocate()
        frequencies.deallocate(); correlations.deallocate()
        compressed.deallocate(); normalisedCompressed.deallocate()
    }

    /// Analyses one 16 kHz window of `2 × length` samples centred on the frame instant, `hop`
    /// samples after the previous one. ``compressed`` is left stale: call ``computeCompressed()``
    /// when it is needed.
    func analyze(window: UnsafeBufferPointer<Float>, silenceMeanSquare: Float) {
        prepare(window: window)
        correlate(silenceMeanSquare: silenceMeanSquare)
    }

    /// First half of ``analyze(window:silenceMeanSquare:)``: decimates and windows the frame and sets
    /// ``peak`` and ``meanSquare``; no candidates yet (``count`` = 0).
    func prepare(window: UnsafeBufferPointer<Float>) {
        decimator.decimate(window)
        compressedReady = false
        let decimated = decimator.output
        let mean = Reductions.sum(UnsafeBufferPointer(decimated)) / Float(length)
        let input = forward.input
        (peak, windowEnergy) = PeriodicityKernels.removeMeanAndWindow(decimated.baseAddress!, mean: mean, window: hann.baseAddress!,
                                                        into: input.baseAddress!, count: length)
        for i in length..<input.count { input[i] = 0 }
        let samples = UnsafePointer(decimated.baseAddress!), centreStart = length / 2 - centreReach
        centrePeak = PeriodicityKernels.peakDeviation(samples, mean: mean, range: centreStart..<(length / 2 + centreReach))
        peakIsBehind = PeriodicityKernels.peakDeviation(samples, mean: mean, range: 0..<centreStart) >= peak
        if measuresHighBand {
            // Full-rate windowed energy (the decimated Hann read at half resolution), per output sample.
            let full = PeriodicityKernels.weightedEnergy(window.baseAddress!, mean: mean, weights: fullRateHannSquared.baseAddress!,
                                                         count: 2 * length)
            highBandEnergy = max(0, 0.5 * full - windowEnergy)
        }
        meanSquare = windowEnergy / hannPower
        count = 0
    }

    /// Second half of ``analyze(window:silenceMeanSquare:)``, after ``prepare(window:)``: the
    /// autocorrelation and its candidates (none when the frame's mean square is not above
    /// `silenceMeanSquare`).
    func correlate(silenceMeanSquare: Float) {
        let r0 = windowEnergy
        guard meanSquare > silenceMeanSquare, r0 > 0, r0.isFinite else { return }
        forward.transform()
        let spectrum = forward.output.baseAddress!, bins = forward.binCount
        let target = inverse.input.baseAddress!
        do {
            let cut = lowCut, cutBins = min(cut.count, bins)
            for k in 0..<cutBins {
                let re = spectrum[2 * k], im = spectrum[2 * k + 1]
                target[2 * k] = (re * re + im * im) * (cut[k] * cut[k])
                target[2 * k + 1] = 0
            }
            PeriodicityKernels.binPowers(spectrum, into: target, bins: cutBins..<bins, magnitude: false)
        }
        inverse.transform()
        let acf = inverse.output
        let zero = acf[0]
        guard zero > 0 else { return }
        let inverseZero = 1 / zero
        for lag in (minimumLag - 1)...(maximumLag + 1) {
            normalised[lag] = acf[lag] * inverseZero * windowCorrelation[lag]
        }
        pickPeaks()
    }

    /// Fills ``compressed`` for this frame's candidates: a second inverse FFT, of the magnitude
    /// spectrum. Only the candidate scoring's octave-up test reads it, so it is skipped when that
    /// test cannot apply.
    func computeCompressed() {
        guard !compressedReady, count > 0 else { return }
        compressedReady = true
        let spectrum = forward.output.baseAddress!, bins = forward.binCount
        let target = inverseCompressed.input.baseAddress!
        do {
            let cut = lowCut, cutBins = min(cut.count, bins)
            for k in 0..<cutBins {
                let re = spectrum[2 * k], im = spectrum[2 * k + 1]
                target[2 * k] = (re * re + im * im).squareRoot() * cut[k]
                target[2 * k + 1] = 0
            }
            PeriodicityKernels.binPowers(spectrum, into: target, bins: cutBins..<bins, magnitude: true)
        }
        inverseCompressed.transform()
        let acfCompressed = inverseCompressed.output
        let inverseZeroCompressed = 1 / acfCompressed[0]
        for lag in (minimumLag - 1)...(maximumLag + 1) {
            normalisedCompressed[lag] = acfCompressed[lag] * inverseZeroCompressed * windowCompressed[lag]
        }
        for slot in 0..<count { compressed[slot] = compressedPeak(near: lags[slot]) }
    }

    /// Keeps the strongest local maxima of `r` (at most `capacity`), parabolically refined.
    private func pickPeaks() {
        let r = normalised.baseAddress!, raw = UnsafeRawPointer(r)
        var lag = minimumLag
        while lag <= maximumLag {
            // Eight lags at a time: a block without a local maximum above 0.2 (most of them) is
            // skipped; the lags of the others take the scalar test. Loads stay within maximumLag + 1.
            guard lag + 8 <= maximumLag + 1 else { consider(lag, r); lag += 1; continue }
            let a = raw.loadUnaligned(fromByteOffset: 4 * (lag - 1), as: SIMD8<Float>.self)
            let b = raw.loadUnaligned(fromByteOffset: 4 * lag, as: SIMD8<Float>.self)
            let c = raw.loadUnaligned(fromByteOffset: 4 * (lag + 1), as: SIMD8<Float>.self)
            if any((b .> 0.2) .& (b .> a) .& (b .>= c)) {
                for l in lag..<(lag + 8) { consider(l, r) }
            }
            lag += 8
        }
    }

    /// Keeps `lag` as a candidate if `r` has a local maximum above 0.2 there (parabolically refined),
    /// replacing the lowest-ranked one when all `capacity` slots are taken.
    @inline(__always)
    private func consider(_ lag: Int, _ r: UnsafePointer<Float>) {
        let capacity = frequencies.count
        let a = r[lag - 1], b = r[lag], c = r[lag + 1]
        guard b > 0.2, b > a, b >= c else { return }
        let denominator = a - 2 * b + c
        var offset: Float = 0, peak = b
        if denominator < 0 {
            offset = 0.5 * (a - c) / denominator
            peak = b - 0.25 * (a - c) * offset
        }
        if peak > 1 { peak = 1 / peak }
        peak *= bandFactor
        let frequency = Float(rate) / (Float(lag) + offset)
        let rank = peak + octaveCost * log2f(frequency)
        var slot = count
        if count == capacity {
            slot = 0
            for i in 1..<capacity where ranks[i] < ranks[slot] { slot = i }
            guard rank > ranks[slot] else { return }
        } else {
            count += 1
        }
        frequencies[slot] = frequency; correlations[slot] = peak
        lags[slot] = lag; ranks[slot] = rank
    }

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
}
