import Foundation
@testable import Paracues
import ParacuesTestSupport
import Testing

/// `RunningStatistics`: moments exact, quantiles within half a bin of the sorted data's, values
/// outside the range clamped into the end bins, whatever pages of the histogram the values touch.
@Suite struct RunningStatisticsTests {
    /// The nearest-rank style quantile the histogram approximates: the value below which a
    /// fraction p of the sorted data lies.
    static func exactQuantile(_ sorted: [Double], _ p: Double) -> Double {
        sorted[min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))]
    }

    /// Gaussian pitch-like values (mean 40 st, SD 3) in 0…80 st at 0.01 st, and a spread over the
    /// whole range (every page): mean/SD to 1e-9, min/max exact, quantiles within one bin plus one
    /// inter-sample gap of the exact ones.
    @Test(arguments: [3.0, 20.0])
    func quantilesMatchSortedData(spread: Double) {
        var random = SeededRandom(seed: 7)
        var statistics = RunningStatistics(lower: 0, upper: 80, resolution: 0.01)
        var values: [Double] = []
        for _ in 0..<5_000 {
            let x = min(79.99, max(0, 40 + spread * random.gaussian()))
            values.append(x)
            statistics.add(x)
        }
        let sorted = values.sorted()
        let mean = values.reduce(0, +) / Double(values.count)
        let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
        #expect(statistics.count == 5_000)
        #expect(abs(statistics.mean! - mean) < 1e-9 && abs(statistics.standardDeviation! - sd) < 1e-9)
        #expect(statistics.minimum == sorted.first && statistics.maximum == sorted.last)
        for p in [0.01, 0.2, 0.5, 0.8, 0.99] {
            let exact = Self.exactQuantile(sorted, p)
            let k = Int(p * Double(sorted.count))
            let gap = sorted[min(k + 1, sorted.count - 1)] - sorted[max(k - 1, 0)]
            #expect(abs(statistics.quantile(p)! - exact) <= 0.01 + gap, "p \(p)")
        }
    }

    /// Values below `lower` and above `upper` land in the end bins; quantiles stay inside the data's
    /// own extremes; non-finite values are ignored; an empty statistic has no values.
    @Test func clampsOutOfRangeAndIgnoresNonFinite() {
        var statistics = RunningStatistics(lower: -120, upper: 10, resolution: 0.05)
        #expect(statistics.mean == nil && statistics.quantile(0.5) == nil)
        for x in [-500.0, -130, .nan, .infinity, 5, 9.99, 50] { statistics.add(x) }
        #expect(statistics.count == 5)
        #expect(statistics.minimum == -500 && statistics.maximum == 50)
        #expect(statistics.quantile(0)! >= -500 && statistics.quantile(0.2)! <= -119.9)
        #expect(statistics.quantile(1)! == 50 || statistics.quantile(1)! >= 9.95)
        #expect(abs(statistics.quantile(0.6)! - 5) <= 0.05 + 1e-9)
    }
}
