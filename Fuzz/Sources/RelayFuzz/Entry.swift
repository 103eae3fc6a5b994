// SwiftPM links executables with `main` aliased to `RelayFuzz_main` (testable executables), so the
// usual libFuzzer `main` is not used: this entry hands control to libFuzzer's driver instead.
// RELAY_FUZZ_TARGET=parsing fuzzes the event parsing alone (EventParsingFuzz.swift); otherwise a
// whole conversation per input (RelayFuzz.swift).
import Foundation

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32

@_cdecl("RelayFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    let parsing = ProcessInfo.processInfo.environment["RELAY_FUZZ_TARGET"] == "parsing"
    return LLVMFuzzerRunDriver(&count, &arguments, parsing ? fuzzRelayEventParsing : fuzzRelay)
}
