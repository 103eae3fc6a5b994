// libFuzzer harness (a): arbitrary bytes as an audio file, decoded from memory.
//
// Default: `AudioFileReader(bytes:name:)` (libsndfile through its virtual I/O: no file is written)
// → every block read → `SignalNormalizer` to 16 kHz mono (the engine's input; only for rates whose
// resampling filter is cheap to design, see `hasSmallFilter`). Asserted:
//  - open gives a validated format (8–192 kHz, 1–64 channels) or a `ParacuesError` with a message;
//  - reads never exceed the buffer; frames read ≤ frames declared (unless the length is unknown);
//    the reader reports truncation exactly when it read fewer frames than declared and the
//    truncation message is non-empty; `checkComplete()` throws exactly then;
//  - the normaliser emits ceil(frames × 16000 / rate) samples, all finite, and reports non-finite
//    ranges in order of their start, each before the samples it covers are emitted, and none
//    when every decoded sample was finite.
// With DECODER_FUZZ_ANALYSE=1 in the environment, each input also goes through the whole
// `FileAnalysis.analyze(bytes:name:)` (engine, detectors, cues, report, JSON), asserting a finite
// report (≈ 100× slower: the engine's set-up dominates; see docs/robustness.md).
import Foundation
import Paracues
import ParacuesDSP

private let analyseWholeFile = ProcessInfo.processInfo.environment["DECODER_FUZZ_ANALYSE"] == "1"
private let name = "fuzz-input"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    decodeAndNormalise(bytes)
    if analyseWholeFile { analyse(bytes) }
    return 0
}

private func decodeAndNormalise(_ bytes: UnsafeBufferPointer<UInt8>) {
    let reader: AudioFileReader
    do {
        reader = try AudioFileReader(bytes: bytes, name: name)
    } catch {
        if error.description.isEmpty { fatalError("empty error message") }
        return
    }
    let format = reader.format
    guard AudioFormat.supportedSampleRates.contains(format.sampleRate),
          AudioFormat.supportedChannelCounts.contains(format.channels) else { fatalError("unvalidated format \(format)") }
    var normalizer: SignalNormalizer?
    if hasSmallFilter(sampleRate: format.sampleRate) {
        do { normalizer = try SignalNormalizer(format: format, targetRate: 16_000) } catch {
            fatalError("a format the reader accepted is refused by the normaliser: \(error)")
        }
    }
    let capacity = 1_024
    let block = UnsafeMutableBufferPointer<Float>.allocate(capacity: capacity * format.channels)
    defer { block.deallocate() }
    var frames = 0, emitted = 0, sawNonFinite = false, lastRangeStart = 0, ranges = 0
    func emit(_ out: UnsafeBufferPointer<Float>) {
        for x in out where !x.isFinite { fatalError("non-finite sample \(x) from the normaliser at \(emitted)") }
        emitted += out.count
    }
    // Ranges may overlap (two runs of bad samples closer than the filter length) and run past the
    // end of the stream (they are reported before the end is known); each must come before the
    // samples it covers are emitted, in order of their start.
    func nonFinite(_ range: Range<Int>) {
        if range.isEmpty || range.lowerBound < lastRangeStart || range.lowerBound < emitted {
            fatalError("non-finite range \(range) after one from \(lastRangeStart), \(emitted) samples already emitted")
        }
        lastRangeStart = range.lowerBound
        ranges += 1
    }
    while true {
        let n: Int
        do { n = try reader.read(into: block) } catch { fatalError("read threw \(error)") }
        if n == 0 { break }
        if n > capacity { fatalError("read \(n) frames into a \(capacity)-frame buffer") }
        let samples = UnsafeBufferPointer(rebasing: block[0..<(n * format.channels)])
        if !sawNonFinite { sawNonFinite = samples.contains { !$0.isFinite } }
        frames += n
        normalizer?.process(interleaved: samples, emit: emit, nonFinite: nonFinite)
    }
    normalizer?.finish(emit: emit)
    let declared = reader.declaredFrameCount
    if reader.framesRead != frames { fatalError("framesRead \(reader.framesRead) ≠ \(frames) delivered") }
    if declared != Int.max && frames > declared { fatalError("read \(frames) frames, header declares \(declared)") }
    if declared != Int.max && frames < declared && reader.truncation == nil {
        fatalError("read \(frames) of \(declared) declared frames without a truncation error")
    }
    if let truncation = reader.truncation, truncation.description.isEmpty { fatalError("empty truncation message") }
    do { try reader.checkComplete(); if reader.truncation != nil { fatalError("checkComplete did not throw") } } catch {
        if reader.truncation == nil { fatalError("checkComplete threw without a truncation") }
    }
    guard normalizer != nil else { return }
    let expected = (frames * 16_000 + format.sampleRate - 1) / format.sampleRate
    if emitted != expected { fatalError("normaliser emitted \(emitted) samples for \(frames) at \(format.sampleRate) Hz, expected \(expected)") }
    if ranges > 0 && !sawNonFinite { fatalError("non-finite ranges reported for finite input") }
}

/// Whether the resampler's filter for `sampleRate` → 16 kHz is cheap to design: at most 4096
/// coefficients (16 kHz itself, 8, 12, 24, 32, 48, 64, 96 kHz …). `PolyphaseResampler` designs its
/// table in `init` (Kaiser-windowed sinc, one Bessel I0 per coefficient): 51 200 coefficients for
/// 44.1 kHz (3.5 ms per execution under ASan, 8× the rest of the execution) and up to 2²¹ for
/// odd rates such as 16 001 Hz (> 100 ms), which the fuzzer would otherwise spend its time on.
/// Files at other rates are decoded and checked but not normalised.
private func hasSmallFilter(sampleRate: Int) -> Bool {
    let design = ResamplerDesign(inputRate: sampleRate, outputRate: 16_000)
    return design.isIdentity || design.upFactor * design.tapsPerPhase <= 4_096
}

private func check(_ value: Double?, _ what: String) {
    if let value, !value.isFinite { fatalError("non-finite \(what) in report: \(value)") }
}

private func analyse(_ bytes: UnsafeBufferPointer<UInt8>) {
    var options = FileAnalysis.Options()
    options.keepFrames = true
    do {
        let report = try FileAnalysis.analyze(bytes: bytes, name: name, options: options)
        check(report.durationS, "duration")
        let s = report.summary
        for (v, what) in [(s.pitch.meanHz, "mean f0"), (s.pitch.medianHz, "median f0"), (s.pitch.rangeSt, "f0 range"),
                          (s.pitch.stddevSt, "f0 stddev"), (s.loudness.mean, "loudness"), (s.energyDBFS.mean, "energy"),
                          (s.leadingSilenceS, "leading silence"), (s.speechS, "speech"), (s.pauses.totalS, "pauses")] {
            check(v, what)
        }
        if let frames = report.frames {
            for i in frames.f0Hz.indices {
                if !frames.f0Hz[i].isFinite || !frames.voicing[i].isFinite || !frames.energyDBFS[i].isFinite
                    || !frames.loudness[i].isFinite {
                    fatalError("non-finite frame value at frame \(i)")
                }
                if !(0...1).contains(frames.voicing[i]) { fatalError("voicing \(frames.voicing[i]) outside 0…1") }
            }
        }
        _ = ReportEncoding.json(report)
    } catch {
        if error.description.isEmpty { fatalError("empty error message") }
    }
}
