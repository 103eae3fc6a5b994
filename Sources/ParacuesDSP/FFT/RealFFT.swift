import CFFTW

/// A forward real-to-complex FFT of one fixed size, with its own aligned buffers.
///
/// `n` real samples in, `n/2 + 1` complex bins out (unnormalised: bin k is
/// `sum_t x[t] * exp(-2πi k t / n)`). The plan is made once per size by the serialised ``FFTPlanner``
/// and shared by every transform of that size, so a hop costs one plan execution and no allocation,
/// and creating a transform costs no FFTW planning after the first of its size.
///
/// Not thread-safe: one instance belongs to one analyser (one task). Create one per stream.
///
/// - Complexity: O(n log n) per ``transform()``.
public final class RealFFT {
    /// Transform length in samples (even, ≥ 2).
    public let size: Int
    /// Number of complex output bins, `size / 2 + 1`.
    public var binCount: Int { size / 2 + 1 }

    /// The real input buffer (`size` samples). Write the frame here, then call ``transform()``.
    public let input: UnsafeMutableBufferPointer<Float>
    /// Interleaved complex output (`re, im` pairs, `binCount` of them) after ``transform()``.
    public let output: UnsafeMutableBufferPointer<Float>

    private let plan: fftwf_plan
    private let complexOutput: UnsafeMutablePointer<fftwf_complex>

    /// Creates a transform of `size` points (even, ≥ 2).
    public init(size: Int) {
        precondition(size >= 2 && size % 2 == 0, "RealFFT size must be even and ≥ 2")
        self.size = size
        let inRaw = fftwf_malloc(MemoryLayout<Float>.stride * size)!
        let outRaw = fftwf_malloc(MemoryLayout<Float>.stride * 2 * (size / 2 + 1))!
        input = UnsafeMutableBufferPointer(start: inRaw.bindMemory(to: Float.self, capacity: size), count: size)
        output = UnsafeMutableBufferPointer(
            start: outRaw.bindMemory(to: Float.self, capacity: 2 * (size / 2 + 1)), count: 2 * (size / 2 + 1))
        input.initialize(repeating: 0)
        output.initialize(repeating: 0)
        complexOutput = UnsafeMutableRawPointer(output.baseAddress!).assumingMemoryBound(to: fftwf_complex.self)
        plan = FFTPlanner.shared.forwardPlan(size: size)
    }

    deinit {
        fftwf_free(input.baseAddress)
        fftwf_free(output.baseAddress)
    }

    /// Transforms ``input`` into ``output``.
    @inline(__always)
    public func transform() {
        fftwf_execute_dft_r2c(plan, input.baseAddress!, complexOutput)
    }

    /// Writes `|X[k]|²` for every bin into `power` (`binCount` values).
    public func powerSpectrum(into power: UnsafeMutableBufferPointer<Float>) {
        precondition(power.count >= binCount)
        let out = UnsafePointer(output.baseAddress!)
        for k in 0..<binCount {
            let re = out[2 * k], im = out[2 * k + 1]
            power[k] = re * re + im * im
        }
    }
}

/// An inverse complex-to-real FFT of one fixed size (unnormalised: the result is `size` times the
/// mathematical inverse). Used for autocorrelation from a power spectrum.
///
/// - Complexity: O(n log n) per ``transform()``.
public final class InverseRealFFT {
    /// Transform length in samples (even, ≥ 2).
    public let size: Int
    /// Interleaved complex input (`size/2 + 1` bins). FFTW may overwrite it.
    public let input: UnsafeMutableBufferPointer<Float>
    /// Real output (`size` samples).
    public let output: UnsafeMutableBufferPointer<Float>
    private let plan: fftwf_plan
    private let complexInput: UnsafeMutablePointer<fftwf_complex>

    /// Creates an inverse transform of `size` points (even, ≥ 2).
    public init(size: Int) {
        precondition(size >= 2 && size % 2 == 0, "InverseRealFFT size must be even and ≥ 2")
        self.size = size
        let bins = size / 2 + 1
        let inRaw = fftwf_malloc(MemoryLayout<Float>.stride * 2 * bins)!
        let outRaw = fftwf_malloc(MemoryLayout<Float>.stride * size)!
        input = UnsafeMutableBufferPointer(start: inRaw.bindMemory(to: Float.self, capacity: 2 * bins), count: 2 * bins)
        output = UnsafeMutableBufferPointer(start: outRaw.bindMemory(to: Float.self, capacity: size), count: size)
        input.initialize(repeating: 0)
        output.initialize(repeating: 0)
        complexInput = UnsafeMutableRawPointer(input.baseAddress!).assumingMemoryBound(to: fftwf_complex.self)
        plan = FFTPlanner.shared.inversePlan(size: size)
    }

    deinit {
        fftwf_free(input.baseAddress)
        fftwf_free(output.baseAddress)
    }

    /// Transforms ``input`` into ``output``.
    @inline(__always)
    public func transform() {
        fftwf_execute_dft_c2r(plan, complexInput, output.baseAddress!)
    }
}
