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
        .executable(name: "paracues", targets: ["paracues"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
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
        .executableTarget(
            name: "paracues",
            dependencies: [
                "Paracues",
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
            exclude: ["Fixtures"]  // data read through #filePath (fuzz regression corpus), not resources
        ),
        .testTarget(
            name: "ParacuesCLITests",
            dependencies: ["Paracues", "ParacuesTestSupport"]
        ),
    ]
)
