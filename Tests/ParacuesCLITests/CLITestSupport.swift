import Foundation

/// Runs the built `paracues` executable and captures its output.
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String

    /// The directory holding the built products (next to the test bundle).
    static var productsDirectory: URL {
        var url = Bundle.main.bundleURL
        while url.pathComponents.count > 1 {
            if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("paracues").path) { return url }
            url.deleteLastPathComponent()
        }
        return Bundle.main.bundleURL
    }

    /// The package root (for TestAudio paths).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func sample(_ relative: String) -> String { packageRoot.appendingPathComponent(relative).path }

    /// Runs `paracues args…`, optionally feeding `stdin`.
    static func run(_ arguments: [String], stdin: Data? = nil) throws -> CLIRun {
        let process = Process()
        process.executableURL = productsDirectory.appendingPathComponent("paracues")
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin == nil ? FileHandle.nullDevice : inPipe
        try process.run()
        if let stdin {
            DispatchQueue.global().async {
                inPipe.fileHandleForWriting.write(stdin)
                try? inPipe.fileHandleForWriting.close()
            }
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIRun(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("paracues-cli-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
