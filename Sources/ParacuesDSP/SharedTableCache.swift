import Synchronization

/// A process-wide cache of immutable tables derived from a few parameters (resampler coefficients,
/// window autocorrelations, band ranges, …), so that creating an analyser costs a dictionary lookup
/// instead of recomputing them (like ``FFTPlanner`` does for FFTW plans).
///
/// Values are computed deterministically from their key, so a cached value is bit-identical to a
/// fresh one; the cache only saves time. The lock is held only for the lookup and the insertion, not
/// while a value is computed (two threads may both compute the same value once; either result is the
/// same). Bounded: when `limit` keys are held, or the new value would take the summed `cost` past
/// `costLimit`, the cache is emptied before inserting (users with many different parameters, e.g.
/// odd sample rates from untrusted headers, then simply recompute their tables; holders of a value
/// keep it alive on their own).
package final class SharedTableCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entries {
        var values: [Key: Value] = [:]
        var cost = 0
    }

    private let entries = Mutex(Entries())
    private let cost: @Sendable (Value) -> Int
    /// Largest number of keys kept.
    package let limit: Int
    /// Largest summed cost of the values kept (e.g. floats held).
    package let costLimit: Int

    /// - Parameters:
    ///   - limit: largest number of keys kept (≥ 1).
    ///   - costLimit: largest summed `cost` of the values kept.
    ///   - cost: a value's cost (e.g. its memory in floats); 0 by default.
    package init(limit: Int, costLimit: Int = .max, cost: @escaping @Sendable (Value) -> Int = { _ in 0 }) {
        self.limit = max(1, limit)
        self.costLimit = costLimit
        self.cost = cost
    }

    /// The value for `key`, made by `make(key)` when it is not cached yet.
    package func value(for key: Key, make: (Key) -> Value) -> Value {
        if let cached = entries.withLock({ $0.values[key] }) { return cached }
        let made = make(key)
        let madeCost = cost(made)
        return entries.withLock { cache in
            if let cached = cache.values[key] { return cached }
            if cache.values.count >= limit || cache.cost + madeCost > costLimit { cache = Entries() }
            cache.values[key] = made
            cache.cost += madeCost
            return made
        }
    }

    /// Keys held now.
    package var count: Int { entries.withLock { $0.values.count } }
    /// Summed cost of the values held now.
    package var totalCost: Int { entries.withLock { $0.cost } }
}
