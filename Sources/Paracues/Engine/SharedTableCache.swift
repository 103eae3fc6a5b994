import Synchronization

/// A process-wide cache of immutable tables derived from a few parameters (window autocorrelations,
/// band ranges, …), so that creating an analyser costs a dictionary lookup instead of recomputing
/// them (like ``FFTPlanner`` does for FFTW plans).
///
/// Values are computed deterministically from their key, so a cached value is bit-identical to a
/// fresh one; the cache only saves time. The lock is held only for the lookup and the insertion, not
/// while a value is computed (two threads may both compute the same value once; either result is the
/// same). Bounded: when `limit` keys are held, the cache is emptied before inserting (analysers with
/// many different configurations then simply recompute their tables).
final class SharedTableCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let entries = Mutex<[Key: Value]>([:])
    /// Largest number of keys kept.
    let limit: Int

    /// - Parameter limit: largest number of keys kept (≥ 1).
    init(limit: Int) { self.limit = max(1, limit) }

    /// The value for `key`, made by `make(key)` when it is not cached yet.
    func value(for key: Key, make: (Key) -> Value) -> Value {
        if let cached = entries.withLock({ $0[key] }) { return cached }
        let made = make(key)
        return entries.withLock { cache in
            if let cached = cache[key] { return cached }
            if cache.count >= limit { cache.removeAll() }
            cache[key] = made
            return made
        }
    }
}
