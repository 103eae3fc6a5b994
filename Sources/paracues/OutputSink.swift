import ArgumentParser
import Foundation
import Paracues

/// Where reports go: stdout, one file, or one file per input in a directory.
struct OutputSink {
    private enum Target { case standardOutput, file(FileHandle, String), directory(String) }
    private let target: Target

    init(path: String?, inputCount: Int, format: Analyze.Format) throws {
        guard let path else { target = .standardOutput; return }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if (exists && isDirectory.boolValue) || (inputCount > 1 && format == .csv) {
            do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
            catch { throw Self.fail(ParacuesError.outputFailed(path: path, reason: error.localizedDescription)) }
            target = .directory(path)
        } else {
            guard FileManager.default.createFile(atPath: path, contents: nil),
                  let handle = FileHandle(forWritingAtPath: path) else {
                throw Self.fail(ParacuesError.outputFailed(path: path, reason: "cannot create the file"))
            }
            target = .file(handle, path)
        }
    }

    private static func fail(_ error: ParacuesError) -> Error {
        FileHandle.standardError.write(Data("paracues: \(error.description)\n".utf8))
        return ExitCode.failure
    }

    func write(report: AnalysisReport, format: Analyze.Format, pretty: Bool) throws {
        let text: String
        switch format {
        case .json: text = ReportEncoding.json(report, pretty: pretty) + "\n"
        case .csv: text = ReportEncoding.csv(report.frames ?? .init())
        }
        switch target {
        case .standardOutput:
            FileHandle.standardOutput.write(Data(text.utf8))
        case .file(let handle, _):
            handle.write(Data(text.utf8))
        case .directory(let dir):
            let base = URL(fileURLWithPath: report.file).deletingPathExtension().lastPathComponent
            let path = (dir as NSString).appendingPathComponent(base + (format == .json ? ".json" : ".csv"))
            guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
                throw ParacuesError.outputFailed(path: path, reason: "cannot create the file")
            }
        }
    }
}
