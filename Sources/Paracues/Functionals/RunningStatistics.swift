import Foundation

/// Mean, standard deviation, extremes and quantiles of a stream of values in fixed memory.
///
/// Moments use Welford's update in Double. Quantiles come from a fixed-bin histogram over
/// `[lower, upper)`: a quantile is exact to within half a bin (`resolution / 2`); values outside the
/// range are clamped into the end bins (and counted). Memory is at most `(upper - lower) / resolution`
/// counters, independent of stream length; the counters are kept in pages of 512 allocated when a
/// value first falls in them, so a statistic over a narrow stretch of a wide range (a turn's pitch
/// in 0…80 st at 0.01 st) costs a few kilobytes, not 32.
public struct RunningStatistics: Sendable {
    /// Number of values added.
    public private(set) var count = 0
    private var mean_ = 0.0
    private var m2 = 0.0
    /// Smallest value added (+∞ when empty).
    public private(set) var minimum = Double.infinity
    /// Largest value added (−∞ when empty).
    public private(set) var maximum = -Double.infinity
    private let lower: Double
    private let resolution: Double
    private let binCount: Int
    /// Counters of bins `p × pageSize ..< (p + 1) × pageSize`; empty until a value falls in page `p`.
    private var pages: [[UInt32]]
    private static let pageSize = 512

    /// - Parameters:
    ///   - lower: lowest value the histogram resolves.
    ///   - upper: highest value it resolves (> lower).
    ///   - resolution: bin width (> 0).
    public init(lower: Double, upper: Double, resolution: Double) {
        precondition(upper > lower && resolution > 0)
        self.lower = lower
        self.resolution = resolution
        binCount = Int(((upper - lower) / resolution).rounded(.up))
        pages = Array(repeating: [], count: (binCount + Self.pageSize - 1) / Self.pageSize)
    }

    /// Adds a finite value (non-finite values are ignored).
    public mutating func add(_ x: Double) {
        guard x.isFinite else { return }
        count += 1
        let delta = x - mean_
        mean_ += delta / Double(count)
        m2 += delta * (x - mean_)
        minimum = Swift.min(minimum, x)
        maximum = Swift.max(maximum, x)
        let bin = Swift.min(binCount - 1, Swift.max(0, Int(((x - lower) / resolution).rounded(.down))))
        let page = bin / Self.pageSize
        if pages[page].isEmpty { pages[page] = Array(repeating: 0, count: Self.pageSize) }
        pages[page][bin % Self.pageSize] &+= 1
    }

    /// Arithmetic mean; nil when empty.
    public var mean: Double? { count > 0 ? mean_ : nil }
    /// Population standard deviation; nil when empty.
    public var standardDeviation: Double? { count > 0 ? (m2 / Double(count)).squareRoot() : nil }

    /// The `p`-quantile (0…1), linear within the bin; nil when empty.
    public func quantile(_ p: Double) -> Double? {
        guard count > 0 else { return nil }
        let target = p * Double(count)
        var cumulative = 0.0
        for (p, page) in pages.enumerated() {
            for (j, c) in page.enumerated() where c > 0 {
                let next = cumulative + Double(c)
                if next >= target {
                    let fraction = (target - cumulative) / Double(c)
                    let value = lower + (Double(p * Self.pageSize + j) + fraction) * resolution
                    return Swift.min(maximum, Swift.max(minimum, value))
                }
                cumulative = next
            }
        }
        return maximum
    }
}
