// libFuzzer harness (c): the relay's event handling (`RelaySession`), with no sockets.
//
// Input: byte 0 picks the dialect, injection policy and maximumCueItems; byte 1 options (a session
// log, the slow-context interval). Then records, each a tag byte (low 4 bits: the operation, high
// 4 bits: a count or time step) and its operands:
//   0  client raw text     (length byte + bytes)        1  upstream raw text (length byte + bytes)
//   2  client event        (structured generator)       3  upstream event   (structured generator)
//   4  upstream event (again: the upstream speaks most)  5  client speaks: 1…16 appends of 6.7 ms tone
//   6  tick after 0…0.75 s 7  analyseDeferredAudio      8  clock += 0…3.75 s
//   9  client event mutated  10 upstream event mutated  11…15  upstream event
// Every message the session sends is checked by `ForwardingOracle` (docs/robustness.md).
// Appends are short (160 samples at 24 kHz): the annotator's audio analysis is what costs time per
// execution, and the relay's logic only needs an annotator that has heard something (the engine's
// own behaviour on audio is StreamingFuzz's job).
import Foundation
@testable import ParacuesRelay

final class FuzzClock: @unchecked Sendable {
    var now = 1_000.0
}

let sessionId = "fz"

/// Samples per generated append (24 kHz PCM16): 160 (6.7 ms, the default) gives turns real audio to
/// analyse and annotate; `RELAY_FUZZ_APPEND_SAMPLES=2` (what `Fuzz/run.sh relay-events` sets) keeps
/// every event path but makes the annotator's audio analysis — 95 % of an execution's time —
/// negligible, so the event handling gets ~50× the executions.
let appendSamples = ProcessInfo.processInfo.environment["RELAY_FUZZ_APPEND_SAMPLES"].flatMap(Int.init).map { max(0, min($0, 4_800)) } ?? 160

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRelay(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var r = ByteReader(bytes: UnsafeBufferPointer(start: data, count: size))
    let setting = r.next(), options = r.next()
    var configuration = RelaySessionConfiguration()
    configuration.dialect = RealtimeDialect.allCases[Int(setting % 3)]
    configuration.policy = InjectionPolicy.allCases[Int(setting / 3 % 3)]
    configuration.maximumCueItems = 1 + Int(setting / 9 % 4)
    configuration.contextInterval = options & 2 == 0 ? 10 : 0.5
    let clock = FuzzClock()
    let log = options & 1 == 0 ? nil : try? SessionLog(path: nil)
    let session = RelaySession(id: sessionId, configuration: configuration, log: log, clock: { clock.now })
    var oracle = ForwardingOracle(sessionId: sessionId, configuration: configuration)
    var phase = 0.0
    func client(_ text: String) { oracle.check(.client(text), session.fromClient(text), session: session) }
    func upstream(_ text: String) { oracle.check(.upstream(text), session.fromUpstream(text), session: session) }
    func raw() -> String { String(decoding: r.take(Int(r.next())), as: UTF8.self) }

    while !r.atEnd {
        let tag = r.next()
        let step = Double(tag >> 4)
        switch tag & 15 {
        case 0: client(raw())
        case 1: upstream(raw())
        case 2: client(EventGenerators.client(&r, ids: oracle.ids, phase: &phase).text)
        case 5:
            let f0 = r.next()
            for _ in 0...(tag >> 4) {
                let audio = EventGenerators.toneAudio(f0Byte: f0, levelByte: 12, samples: appendSamples, phase: &phase)
                client("{\"type\":\"input_audio_buffer.append\",\"audio\":\"\(audio)\"}")
            }
        case 6:
            clock.now += step * 0.05
            oracle.check(.tick, session.tick(), session: session)
        case 7: session.analyseDeferredAudio()
        case 8: clock.now += step * 0.25
        case 9: client(EventGenerators.mutate(EventGenerators.client(&r, ids: oracle.ids, phase: &phase).text, &r))
        case 10: upstream(EventGenerators.mutate(EventGenerators.upstream(&r, ids: oracle.ids).text, &r))
        default: upstream(EventGenerators.upstream(&r, ids: oracle.ids).text)
        }
    }
    return 0
}
