// swift-tools-version:6.1
//
// paracues fuzz harnesses (libFuzzer): their own package, outside the main build and CI's test build.
//
//   Fuzz/run.sh decoder 600      # build with -sanitize=fuzzer,address and fuzz for 600 s
//   Fuzz/run.sh streaming 600
//   Fuzz/run.sh relay 600
//
// See docs/robustness.md for what each harness checks and what has been run.
import PackageDescription
import class Foundation.NSString

// SwiftPM names a path dependency after its folder; the checkout's folder name is not fixed.
let root = ((#filePath as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
let paracues = (root as NSString).lastPathComponent.lowercased()

let package = Package(
    name: "paracues-fuzz",
    dependencies: [
        .package(path: ".."),
    ],
    targets: [
        // Bytes → AudioFileReader(bytes:) (libsndfile virtual I/O) → SignalNormalizer; asserts reader invariants.
        .executableTarget(
            name: "DecoderFuzz",
            dependencies: [.product(name: "Paracues", package: paracues), .product(name: "ParacuesDSP", package: paracues)],
            path: "Sources/DecoderFuzz"
        ),
        // Bytes → chunk sizes + Float bit patterns → StreamingAnalyzer; asserts output invariants.
        .executableTarget(
            name: "StreamingFuzz",
            dependencies: [.product(name: "Paracues", package: paracues)],
            path: "Sources/StreamingFuzz"
        ),
        // Bytes → a sequence of client/upstream messages and ticks → RelaySession; asserts forwarding invariants.
        .executableTarget(
            name: "RelayFuzz",
            dependencies: [.product(name: "ParacuesRelay", package: paracues)],
            path: "Sources/RelayFuzz"
        ),
    ]
)
