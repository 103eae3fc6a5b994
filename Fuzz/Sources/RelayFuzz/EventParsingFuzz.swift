// libFuzzer harness (c′): the relay's event parsing alone, at ~100× the executions of the
// conversation harness (`RelayFuzz.swift`). Selected with RELAY_FUZZ_TARGET=parsing
// (`Fuzz/run.sh relay-parsing`).
//
// Input: any bytes, read as UTF-8 text (invalid sequences replaced, as a WebSocket text frame
// would never carry them). Checks:
//  - `FlatEventScanner` (the no-parse path for appends and audio deltas) answers only for text the
//    full parser reads as an object, and then with the same `type` and field value — so the fast
//    path can never change what the relay does;
//  - for every object the full parser reads, each dialect's readers (`turnDetection(in:)`,
//    `inputRate(in:)`) return without trapping, on the event and on its `session` member, and
//    `setTurnDetection` gives a valid JSON object from which `turnDetection(in:)` reads back what
//    was set (the relay's own `create_response: false` rewrite).
import Foundation
@testable import ParacuesRelay

@_cdecl("RelayEventParsingTestOneInput")
public func fuzzRelayEventParsing(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) as? [String: Any]
    for scan in [FlatEventScanner(text, field: "audio").map { ($0, "audio") },
                 FlatEventScanner(text, field: "delta").map { ($0, "delta") }] {
        guard let (scan, field) = scan else { continue }
        guard let object else { fatalError("scanner read an event the full parser rejects: \(text.debugDescription)") }
        guard scan.type.map(String.init) == object["type"] as? String,
              scan.field.map(String.init) == object[field] as? String else {
            fatalError("scanner and full parser disagree on \(text.debugDescription)")
        }
    }
    guard let object else { return 0 }
    let rewrite: [String: Any] = ["type": "server_vad", "create_response": false]
    for dialect in RealtimeDialect.allCases {
        for session in [object, object["session"] as? [String: Any]].compactMap({ $0 }) {
            _ = dialect.turnDetection(in: session)
            if let rate = dialect.inputRate(in: session), rate < 0 { fatalError("negative input rate \(rate) from \(text.debugDescription)") }
            let updated = dialect.setTurnDetection(rewrite, in: session)
            guard JSONSerialization.isValidJSONObject(updated),
                  case .object(let read) = dialect.turnDetection(in: updated),
                  read["create_response"] as? Bool == false else {
                fatalError("\(dialect): turn_detection set but not read back from \(text.debugDescription)")
            }
        }
    }
    return 0
}
