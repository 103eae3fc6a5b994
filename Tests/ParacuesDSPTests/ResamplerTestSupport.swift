import ParacuesDSP

/// Runs a whole signal through a fresh resampler, in one chunk or in the given chunk sizes.
func resampleAll(_ x: [Float], from inputRate: Int, to outputRate: Int, chunks: [Int]? = nil) -> [Float] {
    let resampler = PolyphaseResampler(inputRate: inputRate, outputRate: outputRate)
    var y: [Float] = []
    x.withUnsafeBufferPointer { all in
        if let chunks {
            var offset = 0
            for size in chunks where offset < all.count {
                let end = min(all.count, offset + size)
                resampler.process(UnsafeBufferPointer(rebasing: all[offset..<end])) { y.append(contentsOf: $0) }
                offset = end
            }
        } else {
            resampler.process(all) { y.append(contentsOf: $0) }
        }
    }
    resampler.finish { y.append(contentsOf: $0) }
    return y
}
