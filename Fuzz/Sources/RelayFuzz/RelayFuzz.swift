// libFuzzer harness (c): relay event parsing — STUB.
//
// The relay module (`Sources/ParacuesRelay/`) was still on branch `relay`, not on main, when the
// fuzz harnesses were written. When it lands: add `.product(name: "ParacuesRelay", package: paracues)`
// to this target in Fuzz/Package.swift and feed `data` to the relay's event parser here, asserting
// that it either returns a well-formed event or throws a typed error (never traps). Until then this
// harness only exercises libFuzzer plumbing (it accepts every input).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRelay(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = (data, size)
    return 0
}
