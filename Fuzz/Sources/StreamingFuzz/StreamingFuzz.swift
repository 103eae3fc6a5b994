// libFuzzer harness (b): the streaming engine under random chunking and random sample values.
//
// Input bytes are a program of records (see `decode`): chunk boundaries, raw Float bit patterns,
// special values (NaN, ±Inf, denormals, ±0, full scale, huge), and runs of a sine (so frames are
// voiced and the pitch tracker and pause detector get real work), up to 1 s of samples. The samples are pushed through
// `StreamingAnalyzer` in the decoded chunking and again as one chunk. Invariants asserted:
//  - frames arrive in order, indices 0, 1, 2, … (the 10 ms grid), and after finish their count is
//    `frameCount(sampleCount:hop:)`;
//  - every value is finite; f0 is 0 or inside the configured f0 range; voicing in 0…1;
//    energy in −120…+121 dBFS (samples are clamped to ±10⁶); loudness ≥ 0;
//  - frames whose window held a non-finite sample are flagged `.nonFinite`;
//  - pauses are ordered, non-empty and inside the stream;
//  - the chunked run is bit-identical to the one-chunk run.
import Foundation
import Paracues

private let specials: [Float] = [
    .nan, -.nan, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
    .leastNormalMagnitude / 2, 0, -0.0, 1, -1, 0.9999, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
    1e-30, 3e38,
]

/// Decoding stops once this many samples (1 s) are there: longer programs only make executions
/// slower (pauses, the pitch look-ahead and the detectors all act within 1 s, and the engine's
/// sample history compacts within 0.75 s; the voice-quality history's 2.5 s is left to the
/// long-signal tests). Same in the tests.
private let maximumSamples = 16_000

private struct Program {
    var samples: [Float] = []
    var boundaries: [Int] = []
}

private func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Program {
    var p = Program()
    var i = 0
    func next() -> UInt8? { guard i < bytes.count else { return nil }; defer { i += 1 }; return bytes[i] }
    while p.samples.count < maximumSamples, let tag = next() {
        switch tag {
        case 0x00..<0x30:  // chunk boundary
            p.boundaries.append(p.samples.count)
        case 0x30..<0x80:  // raw bit pattern
            guard let a = next(), let b = next(), let c = next(), let d = next() else { return p }
            p.samples.append(Float(bitPattern: UInt32(a) | UInt32(b) << 8 | UInt32(c) << 16 | UInt32(d) << 24))
        case 0x80..<0xA0:  // special values, repeated 1…8 times
            let v = specials[Int(tag - 0x80) % specials.count]
            p.samples.append(contentsOf: repeatElement(v, count: Int(tag & 7) + 1))
        case 0xA0..<0xE0:  // sine run: f0 40…1060 Hz, 5…160 ms of it, amplitude from the tag
            guard let f = next(), let n = next() else { return p }
            let f0 = 40 + Float(f) * 4
            let count = (Int(n & 31) + 1) * 80
            let amplitude = Float(tag - 0xA0 + 1) / 64 * 1.2
            let start = p.samples.count
            for k in 0..<count {
                p.samples.append(amplitude * sinf(2 * .pi * f0 * Float(start + k) / 16_000))
            }
        default:  // silence run: 5…160 ms of zeros
            guard let n = next() else { return p }
            p.samples.append(contentsOf: repeatElement(0, count: (Int(n & 31) + 1) * 80))
        }
    }
    return p
}

private func run(_ samples: [Float], chunkEnds: [Int], configuration: AnalysisConfiguration) -> AnalysisOutput {
    let analyzer = try! StreamingAnalyzer(configuration: configuration)
    var all = AnalysisOutput()
    var output = AnalysisOutput()
    var start = 0
    var expectedNext = 0
    func drain() {
        for frame in output.frames {
            if frame.index != expectedNext { fatalError("frame \(frame.index) arrived, expected \(expectedNext)") }
            expectedNext += 1
        }
        all.append(contentsOf: output)
        output.removeAll()
    }
    samples.withUnsafeBufferPointer { buffer in
        for end in chunkEnds + [samples.count] where end >= start {
            analyzer.process(UnsafeBufferPointer(rebasing: buffer[start..<end]), into: &output)
            drain()
            start = end
        }
    }
    analyzer.finish(into: &output)
    drain()
    return all
}

private func checkInvariants(_ out: AnalysisOutput, samples: [Float], configuration: AnalysisConfiguration) {
    let expected = StreamingAnalyzer.frameCount(sampleCount: samples.count, hop: configuration.hop)
    if out.frames.count != expected { fatalError("\(out.frames.count) frames for \(samples.count) samples, expected \(expected)") }
    let lo = Float(configuration.minimumF0), hi = Float(configuration.maximumF0)
    for f in out.frames {
        guard f.f0Hz.isFinite, f.voicing.isFinite, f.energyDBFS.isFinite, f.loudness.isFinite else {
            fatalError("non-finite value in frame \(f)")
        }
        if f.f0Hz != 0 && !(lo...hi).contains(f.f0Hz) { fatalError("f0 \(f.f0Hz) outside \(lo)…\(hi) in frame \(f.index)") }
        if !(0...1).contains(f.voicing) { fatalError("voicing \(f.voicing) in frame \(f.index)") }
        if !(-120...121).contains(f.energyDBFS) { fatalError("energy \(f.energyDBFS) dBFS in frame \(f.index)") }
        if f.loudness < 0 { fatalError("loudness \(f.loudness) in frame \(f.index)") }
        // A non-finite sample at the frame's own instant must be flagged.
        let centre = f.index * configuration.hop
        if centre < samples.count, !samples[centre].isFinite, !f.validity.contains(.nonFinite) {
            fatalError("frame \(f.index) sits on a non-finite sample but is not flagged")
        }
    }
    let duration = Double(samples.count) / Double(configuration.analysisRate)
    var last = -Double.infinity
    for p in out.pauses {
        guard p.start.isFinite, p.end.isFinite, p.start < p.end, p.start >= last, p.start >= 0, p.end <= duration + 0.011
        else { fatalError("bad pause \(p) (previous end \(last), duration \(duration))") }
        last = p.end
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStreaming(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    var configuration = AnalysisConfiguration()
    // First byte: pitch range and minimum pause (all inside the valid ranges).
    let setting = data[0]
    configuration.minimumF0 = [50, 30, 75, 200][Int(setting & 3)]
    configuration.maximumF0 = [800, 1_200, 400, 500][Int((setting >> 2) & 3)]
    configuration.minimumPause = [0.2, 0.05, 0.5, 0.1][Int((setting >> 4) & 3)]
    let program = decode(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let chunked = run(program.samples, chunkEnds: program.boundaries, configuration: configuration)
    checkInvariants(chunked, samples: program.samples, configuration: configuration)
    let whole = run(program.samples, chunkEnds: [], configuration: configuration)
    guard whole.frames == chunked.frames, whole.pauses == chunked.pauses, whole.events == chunked.events else {
        fatalError("chunked output differs from one-chunk output")
    }
    return 0
}
