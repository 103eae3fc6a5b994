import Foundation
import ParacuesDSP
import Testing

/// `RealFFT` / `InverseRealFFT` against a direct DFT evaluated in Double.
///
/// Error bound checked: for uniform noise in [−1, 1), the relative L2 error
/// ‖X_fft − X_dft‖ / ‖X_dft‖ ≤ 2⁻²⁴ × (2 log₂ n + 4) (float unit round-off times a small multiple of
/// the FFT depth; FFTW's error grows as O(ε log n), Schatzman 1996), and the same for the inverse.
@Suite struct FFTTests {
    static let sizes = [2, 4, 6, 8, 16, 30, 100, 256, 400, 512, 1_024, 2_048]

    static func bound(_ n: Int) -> Double { pow(2, -24) * (2 * log2(Double(n)) + 4) }

    /// cos/sin of 2π m / n for m = 0..<n, in Double.
    static func twiddles(_ n: Int) -> ([Double], [Double]) {
        ((0..<n).map { cos(2 * Double.pi * Double($0) / Double(n)) },
         (0..<n).map { sin(2 * Double.pi * Double($0) / Double(n)) })
    }

    @Test(arguments: sizes)
    func forwardMatchesDirectDFT(n: Int) {
        let fft = RealFFT(size: n)
        #expect(fft.binCount == n / 2 + 1)
        let x = SignalMeasurement.noise(count: n, seed: UInt64(n))
        for t in 0..<n { fft.input[t] = x[t] }
        fft.transform()
        let (c, s) = Self.twiddles(n)
        var errorSquared = 0.0, normSquared = 0.0
        for k in 0...(n / 2) {
            var re = 0.0, im = 0.0
            for t in 0..<n {
                let m = (k * t) % n
                re += Double(x[t]) * c[m]
                im -= Double(x[t]) * s[m]
            }
            let dr = Double(fft.output[2 * k]) - re, di = Double(fft.output[2 * k + 1]) - im
            errorSquared += dr * dr + di * di
            normSquared += re * re + im * im
        }
        let relative = (errorSquared / normSquared).squareRoot()
        if ProcessInfo.processInfo.environment["PARACUES_PRINT"] != nil { print("MEASURED forward n=\(n) \(relative) bound \(Self.bound(n))") }
        #expect(relative <= Self.bound(n), "n = \(n): relative error \(relative), bound \(Self.bound(n))")
    }

    @Test(arguments: sizes)
    func inverseMatchesDirectDFT(n: Int) {
        let inverse = InverseRealFFT(size: n)
        let spectrum = SignalMeasurement.noise(count: 2 * (n / 2 + 1), seed: UInt64(1_000 + n))
        var bins = spectrum
        bins[1] = 0                // DC is real
        bins[2 * (n / 2) + 1] = 0  // Nyquist is real
        for i in 0..<bins.count { inverse.input[i] = bins[i] }
        inverse.transform()
        let (c, s) = Self.twiddles(n)
        var errorSquared = 0.0, normSquared = 0.0
        for t in 0..<n {
            var v = Double(bins[0]) + Double(bins[n]) * (t % 2 == 0 ? 1 : -1)
            for k in 1..<(n / 2) {
                let m = (k * t) % n
                v += 2 * (Double(bins[2 * k]) * c[m] - Double(bins[2 * k + 1]) * s[m])
            }
            let d = Double(inverse.output[t]) - v
            errorSquared += d * d
            normSquared += v * v
        }
        let relative = (errorSquared / normSquared).squareRoot()
        if ProcessInfo.processInfo.environment["PARACUES_PRINT"] != nil { print("MEASURED inverse n=\(n) \(relative)") }
        #expect(relative <= Self.bound(n), "n = \(n): relative error \(relative)")
    }

    /// Forward then inverse gives n × x.
    @Test(arguments: [16, 400, 512])
    func roundTripScalesByN(n: Int) {
        let forward = RealFFT(size: n), inverse = InverseRealFFT(size: n)
        let x = SignalMeasurement.noise(count: n, seed: 3)
        for t in 0..<n { forward.input[t] = x[t] }
        forward.transform()
        for i in 0..<forward.output.count { inverse.input[i] = forward.output[i] }
        inverse.transform()
        let worst = (0..<n).map { abs(Double(inverse.output[$0]) / Double(n) - Double(x[$0])) }.max()!
        #expect(worst <= 1e-6)
    }

    @Test func powerSpectrumIsSquaredMagnitude() {
        let fft = RealFFT(size: 64)
        let x = SignalMeasurement.noise(count: 64, seed: 8)
        for t in 0..<64 { fft.input[t] = x[t] }
        fft.transform()
        let power = UnsafeMutableBufferPointer<Float>.allocate(capacity: fft.binCount)
        defer { power.deallocate() }
        fft.powerSpectrum(into: power)
        for k in 0..<fft.binCount {
            let re = fft.output[2 * k], im = fft.output[2 * k + 1]
            #expect(power[k] == re * re + im * im)
        }
        // Parseval: Σ|X|² over the full spectrum = n Σ x².
        var full = Double(power[0]) + Double(power[32])
        for k in 1..<32 { full += 2 * Double(power[k]) }
        let energy = x.reduce(0.0) { $0 + Double($1) * Double($1) }
        #expect(abs(full / (64 * energy) - 1) < 1e-6)
    }
}

/// Transforms of one size share one FFTW plan (`FFTPlanner`): executed from several threads at once,
/// each on its own arrays, they give the same bits as a transform running alone.
@Suite struct SharedPlanTests {
    @Test func concurrentTransformsOfOneSizeMatchASoloTransform() async {
        let sizes = [512, 640]
        for n in sizes {
            let x = SignalMeasurement.noise(count: n, seed: UInt64(77 + n))
            let solo = RealFFT(size: n)
            for t in 0..<n { solo.input[t] = x[t] }
            solo.transform()
            let expected = Array(solo.output)
            let results = await withTaskGroup(of: [Float].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let fft = RealFFT(size: n)
                        let inverse = InverseRealFFT(size: n)
                        for t in 0..<n { fft.input[t] = x[t] }
                        var last: [Float] = []
                        for _ in 0..<200 {
                            fft.transform()
                            for i in 0..<inverse.input.count { inverse.input[i] = fft.output[i] }
                            inverse.transform()
                            last = Array(fft.output)
                        }
                        return last
                    }
                }
                var all: [[Float]] = []
                for await r in group { all.append(r) }
                return all
            }
            #expect(results.count == 4)
            for r in results { #expect(r.map(\.bitPattern) == expected.map(\.bitPattern), "n = \(n)") }
        }
    }
}
