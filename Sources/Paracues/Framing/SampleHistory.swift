/// The recent past of a stream at the analysis rate, addressed by absolute sample index.
///
/// Appending never allocates once the buffer has grown to `capacity`: old samples are discarded
/// (moved out) as new ones arrive. Windows that reach before sample 0 or past the last sample
/// received read as zeros, which is how frame 0 is centred on the first sample.
struct SampleHistory: ~Copyable {
    private var storage: UnsafeMutableBufferPointer<Float>
    /// Absolute index of `storage[0]`.
    private(set) var firstIndex = 0
    /// Number of valid samples in `storage`.
    private(set) var count = 0

    /// Absolute index one past the newest sample.
    var endIndex: Int { firstIndex + count }

    /// - Parameter capacity: samples kept; must exceed the widest window plus the largest chunk
    ///   appended at once (appends are split internally, so any chunk size works).
    init(capacity: Int) {
        // Not zeroed: only the `count` samples appended are ever read (``copy(from:into:)`` supplies the
        // zeros outside them), and Float is trivial; this spares creating an analyser a memset of
        // its whole history (160 kB for the voice-quality analyser) and the page faults.
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    /// Appends as many of `samples` as fit, discarding samples older than `keepFrom` to make room.
    /// Returns how many were appended (callers loop until all are in).
    mutating func append(_ samples: UnsafeBufferPointer<Float>, keepFrom: Int) -> Int {
        if count + samples.count > storage.count {
            let drop = min(max(0, keepFrom - firstIndex), count)
            if drop > 0 {
                let base = storage.baseAddress!
                (base).update(from: base + drop, count: count - drop)
                firstIndex += drop
                count -= drop
            }
        }
        let n = min(samples.count, storage.count - count)
        if n > 0 {
            (storage.baseAddress! + count).update(from: samples.baseAddress!, count: n)
            count += n
        }
        return n
    }

    /// Copies samples `[start, start + destination.count)` into `destination`, zeros outside what is held.
    func copy(from start: Int, into destination: UnsafeMutableBufferPointer<Float>) {
        let n = destination.count
        let lo = max(start, firstIndex), hi = min(start + n, endIndex)
        guard lo < hi else { destination.update(repeating: 0); return }
        let dst = destination.baseAddress!
        if lo > start { dst.update(repeating: 0, count: lo - start) }
        (dst + (lo - start)).update(from: storage.baseAddress! + (lo - firstIndex), count: hi - lo)
        if start + n > hi { (dst + (hi - start)).update(repeating: 0, count: start + n - hi) }
    }
}
