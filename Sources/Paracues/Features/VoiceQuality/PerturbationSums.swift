import Foundation

/// Running sums of Praat's period and amplitude perturbation terms (jitter and shimmer).
///
/// Definitions (Praat manual, "Voice 2. Jitter" and "Voice 3. Shimmer"): with consecutive periods
/// `T_i` (s) and per-period peak-to-peak amplitudes `A_i`,
/// - jitter (local) = mean |T_i − T_{i−1}| / mean T;  (local, absolute) = mean |T_i − T_{i−1}| (s);
/// - RAP = mean |T_i − (T_{i−1} + T_i + T_{i+1})/3| / mean T;  PPQ5 the same over five periods;
/// - shimmer (local) = mean |A_i − A_{i−1}| / mean A;  (local, dB) = mean |20 log10(A_i / A_{i−1})|;
/// - APQ3, APQ5, APQ11 = mean |A_i − mean of the 3, 5, 11 amplitudes centred on i| / mean A.
///
/// A term is counted only when every period in its neighbourhood lies between the period floor and
/// ceiling and consecutive periods differ by at most the maximum period factor (and, for shimmer terms,
/// consecutive amplitudes by at most the maximum amplitude factor); see ``PerturbationRun``.
/// Sums add across stretches and windows with ``merge(_:)``.
public struct PerturbationSums: Sendable, Hashable {
    /// Number of valid periods.
    public var periodCount = 0
    /// Σ T over valid periods, seconds.
    public var periodSum = 0.0
    /// Number of consecutive-period pairs counted for jitter (local).
    public var jitterPairCount = 0
    /// Σ |T_i − T_{i−1}|, seconds.
    public var jitterAbsoluteSum = 0.0
    /// Number of RAP terms and their Σ, seconds.
    public var rapCount = 0, rapSum = 0.0
    /// Number of PPQ5 terms and their Σ, seconds.
    public var ppq5Count = 0, ppq5Sum = 0.0
    /// Number of amplitudes and their Σ (signal units).
    public var amplitudeCount = 0, amplitudeSum = 0.0
    /// Number of consecutive-amplitude pairs and Σ |A_i − A_{i−1}|.
    public var shimmerPairCount = 0, shimmerAbsoluteSum = 0.0
    /// Σ |20 log10(A_i / A_{i−1})|, dB.
    public var shimmerDBSum = 0.0
    /// APQ3 terms.
    public var apq3Count = 0, apq3Sum = 0.0
    /// APQ5 terms.
    public var apq5Count = 0, apq5Sum = 0.0
    /// APQ11 terms.
    public var apq11Count = 0, apq11Sum = 0.0

    /// Empty sums.
    public init() {}

    /// Adds another set of sums (e.g. another stretch or window).
    public mutating func merge(_ o: PerturbationSums) {
        periodCount += o.periodCount; periodSum += o.periodSum
        jitterPairCount += o.jitterPairCount; jitterAbsoluteSum += o.jitterAbsoluteSum
        rapCount += o.rapCount; rapSum += o.rapSum
        ppq5Count += o.ppq5Count; ppq5Sum += o.ppq5Sum
        amplitudeCount += o.amplitudeCount; amplitudeSum += o.amplitudeSum
        shimmerPairCount += o.shimmerPairCount; shimmerAbsoluteSum += o.shimmerAbsoluteSum
        shimmerDBSum += o.shimmerDBSum
        apq3Count += o.apq3Count; apq3Sum += o.apq3Sum
        apq5Count += o.apq5Count; apq5Sum += o.apq5Sum
        apq11Count += o.apq11Count; apq11Sum += o.apq11Sum
    }

    /// Removes sums previously merged (for sliding windows).
    public mutating func subtract(_ o: PerturbationSums) {
        periodCount -= o.periodCount; periodSum -= o.periodSum
        jitterPairCount -= o.jitterPairCount; jitterAbsoluteSum -= o.jitterAbsoluteSum
        rapCount -= o.rapCount; rapSum -= o.rapSum
        ppq5Count -= o.ppq5Count; ppq5Sum -= o.ppq5Sum
        amplitudeCount -= o.amplitudeCount; amplitudeSum -= o.amplitudeSum
        shimmerPairCount -= o.shimmerPairCount; shimmerAbsoluteSum -= o.shimmerAbsoluteSum
        shimmerDBSum -= o.shimmerDBSum
        apq3Count -= o.apq3Count; apq3Sum -= o.apq3Sum
        apq5Count -= o.apq5Count; apq5Sum -= o.apq5Sum
        apq11Count -= o.apq11Count; apq11Sum -= o.apq11Sum
    }
}

/// The periods of the current run of valid consecutive periods (at most the last 11), turning each
/// new period into perturbation terms as soon as its neighbourhood is complete.
///
/// Fixed storage, no allocation. A period outside `[floor, ceiling]`, or differing from its predecessor
/// by more than `maximumPeriodFactor`, ends the run; an amplitude ratio above `maximumAmplitudeFactor`
/// ends it too (Praat applies the amplitude factor to shimmer terms; we apply it to both, which only
/// removes outliers).
struct PerturbationRun {
    var periodFloor = 0.0001
    var periodCeiling = 0.02
    var maximumPeriodFactor = 1.3
    var maximumAmplitudeFactor = 1.6
    private var periods = [Double](repeating: 0, count: 11)
    private var amplitudes = [Double](repeating: 0, count: 11)
    private var count = 0

    /// Ends the run (at a break in voicing).
    mutating func reset() { count = 0 }

    /// Adds one period (seconds) with its peak-to-peak amplitude and accumulates the completed terms.
    mutating func add(period: Double, amplitude: Double, into sums: inout PerturbationSums) {
        guard period >= periodFloor, period <= periodCeiling, amplitude > 0, period.isFinite, amplitude.isFinite
        else { count = 0; return }
        if count > 0 {
            let p = periods[count - 1], a = amplitudes[count - 1]
            if max(p, period) / min(p, period) > maximumPeriodFactor
                || max(a, amplitude) / min(a, amplitude) > maximumAmplitudeFactor { count = 0 }
        }
        if count == 11 {
            for i in 0..<10 { periods[i] = periods[i + 1]; amplitudes[i] = amplitudes[i + 1] }
            count = 10
        }
        periods[count] = period
        amplitudes[count] = amplitude
        count += 1
        sums.periodCount += 1; sums.periodSum += period
        sums.amplitudeCount += 1; sums.amplitudeSum += amplitude
        let n = count
        if n >= 2 {
            sums.jitterPairCount += 1
            sums.jitterAbsoluteSum += abs(periods[n - 1] - periods[n - 2])
            sums.shimmerPairCount += 1
            sums.shimmerAbsoluteSum += abs(amplitudes[n - 1] - amplitudes[n - 2])
            sums.shimmerDBSum += abs(20 * log10(amplitudes[n - 1] / amplitudes[n - 2]))
        }
        if n >= 3 {
            sums.rapCount += 1; sums.rapSum += deviation(periods, centre: n - 2, half: 1)
            sums.apq3Count += 1; sums.apq3Sum += deviation(amplitudes, centre: n - 2, half: 1)
        }
        if n >= 5 {
            sums.ppq5Count += 1; sums.ppq5Sum += deviation(periods, centre: n - 3, half: 2)
            sums.apq5Count += 1; sums.apq5Sum += deviation(amplitudes, centre: n - 3, half: 2)
        }
        if n >= 11 {
            sums.apq11Count += 1; sums.apq11Sum += deviation(amplitudes, centre: n - 6, half: 5)
        }
    }

    /// |v[centre] − mean(v[centre−half … centre+half])|.
    private func deviation(_ v: [Double], centre: Int, half: Int) -> Double {
        var s = 0.0
        for i in (centre - half)...(centre + half) { s += v[i] }
        return abs(v[centre] - s / Double(2 * half + 1))
    }
}
