// swift-tools-version:6.1
//
// paracues: hears *how* something is said. See README.md.
//
// Modules follow the data flow (DEVELOPERS.md):
//   CFFTW / CSndFile  system libraries (the only targets that touch C)
//   ParacuesDSP       pure numeric kernels: FFT, windows, resampling, reductions
//   Paracues          the streaming engine: input, normalize, frames, features,
//                     detectors, functionals, cues, report
//   paracues          the command-line front end
//   ParacuesTestSupport  deterministic signal generators shared by tests and benchmarks
import PackageDescription

let package = Package(
    name: "paracues",
    products: [
        .library(name: "Paracues", targets: ["Paracues"]),
        .library(name: "ParacuesDSP", targets: ["ParacuesDSP"]),
        .library(name: "ParacuesTestSupport", targets: ["ParacuesTestSupport"]),
        .library(name: "ParacuesRelay", targets: ["ParacuesRelay"]),
        .executable(name: "paracues", targets: ["paracues"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Relay only (ParacuesRelay): the core library stays dependency-free.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket", from: "1.6.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CFFTW",
            pkgConfig: "fftw3f",
            providers: [.apt(["libfftw3-dev"])]
        ),
        .systemLibrary(
            name: "CSndFile",
            pkgConfig: "sndfile",
            providers: [.apt(["libsndfile1-dev"])]
        ),
        .target(
            name: "ParacuesDSP",
            dependencies: ["CFFTW"]
        ),
        .target(
            name: "Paracues",
            dependencies: ["ParacuesDSP", "CSndFile"]
        ),
        .target(
            name: "ParacuesTestSupport",
            dependencies: ["ParacuesDSP"]
        ),
        .target(
            name: "ParacuesRelay",
            dependencies: [
                "Paracues",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "WSCore", package: "swift-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .executableTarget(
            name: "paracues",
            dependencies: [
                "Paracues",
                "ParacuesRelay",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "paracues-example",
            dependencies: ["Paracues"],
            path: "Examples/StreamingExample"
        ),
        .testTarget(
            name: "ParacuesDSPTests",
            dependencies: ["ParacuesDSP", "ParacuesTestSupport"]
        ),
        .testTarget(
            name: "ParacuesTests",
            dependencies: ["Paracues", "ParacuesTestSupport"],
            exclude: ["Fixtures"]  // data read through #filePath (fixtures, fuzz regression corpus), not resources
        ),
        .testTarget(
            name: "ParacuesRelayTests",
            dependencies: ["ParacuesRelay", "Paracues", "ParacuesTestSupport"]
        ),
        .testTarget(
            name: "ParacuesCLITests",
            dependencies: ["Paracues", "ParacuesTestSupport"]
        ),
    ]
)
