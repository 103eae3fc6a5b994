// libFuzzer harness (a): arbitrary bytes as an audio file → FileAnalysis.analyze(path:).
//
// The bytes are written to one scratch file per process (in /dev/shm when present, so no disk I/O),
// then the whole pipeline runs: libsndfile decoding, format validation, truncation handling,
// normaliser/resampler, engine, report. Any ParacuesError is an accepted outcome; a crash, a
// sanitizer report, a hang (libFuzzer -timeout) or a report holding a non-finite number is a finding.
import Foundation
import Paracues

private let scratchPath: String = {
    let dir = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    return "\(dir)/paracues-fuzz-\(getpid()).wav"
}()

private func check(_ value: Double?, _ what: String) {
    if let value, !value.isFinite { fatalError("non-finite \(what) in report: \(value)") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let fd = open(scratchPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { fatalError("cannot create \(scratchPath)") }
    var written = 0
    while written < size {
        let n = write(fd, data + written, size - written)
        guard n > 0 else { fatalError("cannot write \(scratchPath)") }
        written += n
    }
    close(fd)
    var options = FileAnalysis.Options()
    options.keepFrames = true
    do {
        let report = try FileAnalysis.analyze(path: scratchPath, options: options)
        check(report.durationS, "duration")
        let s = report.summary
        for (v, name) in [(s.pitch.meanHz, "mean f0"), (s.pitch.medianHz, "median f0"), (s.pitch.rangeSt, "f0 range"),
                          (s.pitch.stddevSt, "f0 stddev"), (s.loudness.mean, "loudness"), (s.energyDBFS.mean, "energy"),
                          (s.leadingSilenceS, "leading silence"), (s.speechS, "speech"), (s.pauses.totalS, "pauses")] {
            check(v, name)
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
        // A typed error naming the file: the accepted outcome for bad input.
        if error.description.isEmpty { fatalError("empty error message") }
    }
    return 0
}
