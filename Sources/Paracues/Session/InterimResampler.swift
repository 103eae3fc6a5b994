import Foundation

/// Streaming rational-ratio resampler (windowed-sinc, polyphase) used by ``SessionAnnotator`` only
/// while ``SignalNormalizer`` refuses a rate (INTERIM: once the input stage's normalizer resamples,
/// this path is never taken and can be deleted).
///
/// Output sample `n` is the input interpolated at input time `n × M / L` (L/M = target/source
/// rate reduced), with a Kaiser-windowed sinc (β = 8, 2 × 16 taps per phase) low-passed at 0.45 ×
/// the lower of the two Nyquist rates. Latency: 16 input samples.
final class InterimResampler {
    private let up: Int
    private let down: Int
    private let halfTaps = 16
    private let table: [Float]
    private var input: [Float] = []
    private var inputBase = 0
    private var nextOutput = 0
    private var output: [Float] = []

    init(sourceRate: Int, targetRate: Int) {
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        let g = gcd(sourceRate, targetRate)
        up = targetRate / g
        down = sourceRate / g
        let cutoff = 0.45 * min(1, Double(up) / Double(down))
        let beta = 8.0
        func bessel0(_ x: Double) -> Double {
            var sum = 1.0, term = 1.0
            for k in 1..<30 { term *= (x / (2 * Double(k))) * (x / (2 * Double(k))); sum += term }
            return sum
        }
        var table = [Float](repeating: 0, count: up * 2 * halfTaps)
        let h = Double(halfTaps)
        for phase in 0..<up {
            let fraction = Double(phase) / Double(up)
            for k in 0..<(2 * halfTaps) {
                let t = fraction + h - 1 - Double(k)
                let x = 2 * cutoff * t
                let sinc = x == 0 ? 1 : sin(Double.pi * x) / (Double.pi * x)
                let r = t / h
                let window = abs(r) >= 1 ? 0 : bessel0(beta * (1 - r * r).squareRoot()) / bessel0(beta)
                table[phase * 2 * halfTaps + k] = Float(2 * cutoff * sinc * window)
            }
        }
        self.table = table
        input.reserveCapacity(8192)
        output.reserveCapacity(8192)
    }

    /// Resamples a chunk; passes the output (possibly empty) to `emit`.
    func process(_ samples: UnsafeBufferPointer<Float>, emit: (UnsafeBufferPointer<Float>) -> Void) {
        input.append(contentsOf: samples)
        drain(final: false, emit: emit)
    }

    /// Flushes the tail (pads with zeros).
    func finish(emit: (UnsafeBufferPointer<Float>) -> Void) {
        input.append(contentsOf: repeatElement(0, count: halfTaps))
        drain(final: true, emit: emit)
    }

    private func drain(final: Bool, emit: (UnsafeBufferPointer<Float>) -> Void) {
        output.removeAll(keepingCapacity: true)
        let available = inputBase + input.count
        let inputEnd = final ? available - halfTaps : available
        while true {
            let numerator = nextOutput * down
            let centre = numerator / up
            if centre + halfTaps >= available || (final && centre >= inputEnd) { break }
            let phase = numerator - centre * up
            var sum: Float = 0
            let first = centre - halfTaps + 1 - inputBase
            let row = phase * 2 * halfTaps
            for k in 0..<(2 * halfTaps) {
                let j = first + k
                if j >= 0 { sum += input[j] * table[row + k] }
            }
            output.append(sum)
            nextOutput += 1
        }
        let keepFrom = (nextOutput * down) / up - halfTaps
        if keepFrom - inputBase > 4096 {
            let drop = keepFrom - inputBase
            input.removeFirst(drop)
            inputBase += drop
        }
        output.withUnsafeBufferPointer { emit($0) }
    }
}
