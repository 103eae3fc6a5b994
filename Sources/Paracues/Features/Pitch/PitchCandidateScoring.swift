import Foundation

/// Local score of each voiced candidate (higher is better; compared with the unvoiced candidate's
/// score and combined with transition costs by ``PitchPathSearch``).
///
/// `S = r + octaveCost · log2(f / floor) − subMultiple − compressed`, where
/// - `r` is the normalised autocorrelation peak and the octave term is Praat's (Boersma 1993, eq. 26);
/// - *subMultiple* = `subMultipleCost · log2(m)` when another candidate lies at `m × f`
///   (m = 2, 3, 4, within ±`subMultipleTolerance`) with `r` at least `r − subMultipleMargin`: the signal
///   is then periodic at the shorter period too, so `f` is a sub-harmonic (octave-down error);
/// - *compressed* = `compressedWeight · max over lower candidates j (f_j < 0.75 f) of
///   trust_j · (c_j − c − compressedMargin)`, `c` the magnitude-spectrum correlation: a longer period
///   with a clearly better compressed correlation says `f` is a harmonic (octave-up error). `trust_j`
///   rises from 0 at `r_j = compressedTrustFloor` to 1 at `r_j = 1`, because noise biases `c` upward at
///   long lags.
enum PitchCandidateScoring {
    static func score(_ a: PeriodicityAnalyzer, parameters p: PitchParameters, minimumF0: Float,
                      into scores: UnsafeMutableBufferPointer<Float>) {
        let f = a.frequencies, r = a.correlations, c = a.compressed, n = a.count
        for i in 0..<n {
            var subMultiple: Float = 0, excess: Float = 0
            for j in 0..<n where j != i {
                let ratio = f[j] / f[i]
                if ratio > 1.5 {
                    let m = ratio.rounded()
                    if m <= 4, abs(ratio / m - 1) <= p.subMultipleTolerance, r[j] >= r[i] - p.subMultipleMargin {
                        subMultiple = max(subMultiple, p.subMultipleCost * log2f(m))
                    }
                } else if ratio < 0.75 {
                    let trust = min(1, max(0, (r[j] - p.compressedTrustFloor) / (1 - p.compressedTrustFloor)))
                    excess = max(excess, trust * (c[j] - c[i] - p.compressedMargin))
                }
            }
            scores[i] = r[i] + p.octaveCost * log2f(f[i] / minimumF0) - subMultiple - p.compressedWeight * excess
        }
    }
}
