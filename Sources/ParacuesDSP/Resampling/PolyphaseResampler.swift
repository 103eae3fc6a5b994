/// Streaming rational-ratio sample-rate converter (polyphase Kaiser-windowed sinc, see
/// ``ResamplerDesign``).
///
/// Output sample `n` is the band-limited input evaluated at exactly `t = n / outputRate` seconds
/// (input sample `k` sits at `k / inputRate`): the filter is symmetric about the output instant, so
/// the group delay is compensated to zero and a click at time t in the input peaks at time t in the
/// output. The stream starts at t = 0 (input before sample 0 is taken as silence) and yields
/// `ceil(inputCount × L / M)` samples in all, the last ones once ``finish(emit:)`` flushes the tail
/// (input after the end is taken as silence).
///
/// Streaming: any chunking of the same input gives bit-identical output (each output is one
/// ``Reductions/dot(_:_:)`` of the same `tapsPerPhase` samples and the same coefficient row).
/// Latency: an output is emitted once ``ResamplerDesign/lookAhead`` input samples past its instant
/// have arrived (3.6 ms for 44.1 kHz → 16 kHz); see ``latencySeconds``.
///
/// The coefficients are designed once per rate pair in a process and shared by every resampler of
/// that pair (``ResamplerCoefficients``), so creating a resampler costs a cache lookup and its own
/// small buffers.
///
/// Cost: `tapsPerPhase` multiply-adds per output sample (320 for 44.1 kHz → 16 kHz, 576 for 48 kHz →
/// 16 kHz... see `docs/input.md`), no allocation after `init`. Coefficients are tabulated
/// (`upFactor × tapsPerPhase` floats) when that table holds at most 2²¹ values, which covers every
/// common rate; for unusual rates with a huge `L` (e.g. 44 101 Hz) each output's row is interpolated
/// from a dense kernel table instead (``InterpolatedKernel``: same response within 1e-8 per
/// coefficient, ~4× the arithmetic, 40× real time at 44 101 Hz in a release build).
///
/// Equal rates pass samples through unchanged, with no latency.
/// Not thread-safe: one instance per stream.
public final class PolyphaseResampler {
    /// The filter and rate ratio.
    public let design: ResamplerDesign

    private static let blockSize = 4096

    private let taps: Int
    private let half: Int
    /// Shared, read-only (``ResamplerCoefficients/shared(inputRate:outputRate:)``).
    private let coefficients: ResamplerCoefficients
    private let table: UnsafeBufferPointer<Float>?
    private let kernel: InterpolatedKernel?
    private let row: UnsafeMutableBufferPointer<Float>
    private let history: UnsafeMutableBufferPointer<Float>
    private let output: UnsafeMutableBufferPointer<Float>
    /// Absolute input index of `history[0]`.
    private var historyStart: Int
    private var historyCount: Int
    private var outputCount = 0
    private var inputReceived = 0
    private var nextOutput = 0
    /// `floor(nextOutput × M / L)`: the input sample at or before the next output instant.
    private var nextBase = 0
    /// `(nextOutput × M) mod L`: the branch of the next output.
    private var nextPhase = 0
    private var finished = false

    /// Creates a converter from `inputRate` to `outputRate` Hz (both > 0; paracues accepts
    /// 8 000…192 000 Hz in).
    public init(inputRate: Int, outputRate: Int) {
        coefficients = ResamplerCoefficients.shared(inputRate: inputRate, outputRate: outputRate)
        design = coefficients.design
        taps = design.tapsPerPhase
        half = taps / 2
        table = coefficients.table
        kernel = coefficients.kernel
        row = .allocate(capacity: max(taps, 1))
        row.initialize(repeating: 0)
        history = .allocate(capacity: taps + Self.blockSize)
        history.initialize(repeating: 0)
        output = .allocate(capacity: Self.blockSize)
        output.initialize(repeating: 0)
        // Silence before t = 0: the first output needs inputs −(H−1)…H.
        historyStart = -(max(half, 1) - 1)
        historyCount = max(half, 1) - 1
    }

    deinit {
        row.deallocate()
        history.deallocate()
        output.deallocate()
    }

    /// Seconds of input needed past an instant before its output sample is emitted.
    public var latencySeconds: Double { Double(design.lookAhead) / Double(design.inputRate) }

    /// Input samples received so far.
    public var inputSamplesReceived: Int { inputReceived }

    /// Output samples computed so far; inside an `emit` callback, the block being emitted ends here
    /// (its first sample has index `outputSamplesEmitted − block.count`).
    public var outputSamplesEmitted: Int { nextOutput }

    /// Number of output samples a stream of `inputCount` input samples yields in all:
    /// `ceil(inputCount × L / M)` (every output instant `n / outputRate` before the input's end).
    public func outputCount(forInputCount inputCount: Int) -> Int {
        (inputCount * design.upFactor + design.downFactor - 1) / design.downFactor
    }

    /// Converts a chunk of input (any length, including 0) and passes the output samples that are
    /// now complete to `emit` (possibly in several calls, possibly none).
    public func process(_ input: UnsafeBufferPointer<Float>, emit: (UnsafeBufferPointer<Float>) -> Void) {
        precondition(!finished, "process(_:emit:) after finish(emit:)")
        if design.isIdentity {
            inputReceived += input.count
            nextOutput += input.count
            if !input.isEmpty { emit(input) }
            return
        }
        var offset = 0
        while offset < input.count {
            let n = min(history.count - historyCount, input.count - offset)
            _ = UnsafeMutableBufferPointer(rebasing: history[historyCount..<(historyCount + n)])
                .update(fromContentsOf: UnsafeBufferPointer(rebasing: input[offset..<(offset + n)]))
            historyCount += n
            inputReceived += n
            offset += n
            produce(emit: emit)
        }
        flush(emit)
    }

    /// Convenience for arrays.
    public func process(_ input: [Float], emit: (UnsafeBufferPointer<Float>) -> Void) {
        input.withUnsafeBufferPointer { process($0, emit: emit) }
    }

    /// Ends the stream: emits the remaining output samples up to ``outputCount(forInputCount:)``
    /// (input past the end taken as silence). Later calls do nothing.
    public func finish(emit: (UnsafeBufferPointer<Float>) -> Void) {
        guard !finished else { return }
        finished = true
        if design.isIdentity { return }
        let total = outputCount(forInputCount: inputReceived)
        while nextOutput < total {
            let n = min(history.count - historyCount, half + 1)
            UnsafeMutableBufferPointer(rebasing: history[historyCount..<(historyCount + n)]).update(repeating: 0)
            historyCount += n
            produce(limit: total, emit: emit)
        }
        flush(emit)
    }

    /// Computes every output whose taps are all in `history`, then drops the samples no longer needed.
    private func produce(limit: Int = .max, emit: (UnsafeBufferPointer<Float>) -> Void) {
        let available = historyStart + historyCount
        let l = design.upFactor, m = design.downFactor
        let samples = UnsafeBufferPointer(history)
        while nextBase + half < available && nextOutput < limit {
            let start = nextBase - half + 1 - historyStart
            let branch: UnsafeBufferPointer<Float>
            if let table {
                branch = UnsafeBufferPointer(rebasing: table[(nextPhase * taps)..<((nextPhase + 1) * taps)])
            } else {
                kernel!.fill(phase: nextPhase, row: row)
                branch = UnsafeBufferPointer(row)
            }
            output[outputCount] = Reductions.dot(UnsafeBufferPointer(rebasing: samples[start..<(start + taps)]),
                                                 branch)
            outputCount += 1
            nextOutput += 1
            nextPhase += m
            nextBase += nextPhase / l
            nextPhase %= l
            if outputCount == output.count { flush(emit) }
        }
        let drop = min(nextBase - half + 1 - historyStart, historyCount)
        if drop > 0 {
            let keep = historyCount - drop
            if keep > 0 {
                // Regions may overlap: memmove semantics.
                memmove(history.baseAddress!, history.baseAddress! + drop, keep * MemoryLayout<Float>.stride)
            }
            historyStart += drop
            historyCount = keep
        }
    }

    private func flush(_ emit: (UnsafeBufferPointer<Float>) -> Void) {
        guard outputCount > 0 else { return }
        emit(UnsafeBufferPointer(rebasing: output[0..<outputCount]))
        outputCount = 0
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
