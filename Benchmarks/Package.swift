// swift-tools-version:6.1
//
// paracues benchmarks: their own package, so the benchmark harness (ordo-one/benchmark and its
// dependencies) stays out of the main build and of CI's test build.
//
//   cd Benchmarks && swift package benchmark                      # run, print instructions/mallocs
//   swift package benchmark thresholds check                      # compare with Thresholds/*.p90.json
//   swift package --allow-writing-to-package-directory benchmark thresholds update   # after a deliberate change
// See docs/performance.md.
import PackageDescription
import class Foundation.NSString

// SwiftPM names a path dependency after its folder; the checkout's folder name is not fixed.
let root = ((#filePath as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
let paracues = (root as NSString).lastPathComponent.lowercased()

let package = Package(
    name: "paracues-benchmarks",
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "EngineBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Paracues", package: paracues),
                .product(name: "ParacuesDSP", package: paracues),
                .product(name: "ParacuesTestSupport", package: paracues),
            ],
            path: "Benchmarks/EngineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
