import ArgumentParser
import Foundation
import Paracues
import Synchronization

/// Where reports go: stdout, one file, or one file per input in a directory.
final class OutputSink: Sendable {
    private enum Target: Sendable { case standardOutput, file(String), directory(String) }
    private let target: Target
    private let failures = Mutex(0)
    private let fileHandle: Mutex<FileHandle?>

    /// - Parameters:
    ///   - batch: several inputs (or `-o` names an existing directory): one output per input.
    ///   - oneRowPerInput: CSV with one row per input (eGeMAPS functionals): a batch can share one file.
    init(path: String?, batch: Bool, format: Analyze.Format, oneRowPerInput: Bool = false) throws {
        guard let path else { target = .standardOutput; fileHandle = Mutex(nil); return }
        if batch && ((format == .csv && !oneRowPerInput) || Analyze.isDirectory(path) || path.hasSuffix("/")) {
            do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
            catch { throw Self.fail(.outputFailed(path: path, reason: "cannot create the directory")) }
            target = .directory(path)
            fileHandle = Mutex(nil)
        } else {
            // robustness: open(2) in place, not FileManager.createFile (which writes a temporary file and
            // renames it over `path`: as root that replaced device nodes such as /dev/full or /dev/stdout).
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else {
                let reason = String(cString: strerror(errno))
                throw Self.fail(.outputFailed(path: path, reason: "cannot create the file: \(reason) (does the directory exist and is it writable?)"))
            }
            target = .file(path)
            fileHandle = Mutex(FileHandle(fileDescriptor: fd, closeOnDealloc: true))
        }
    }

    /// Writes `data` to `path` in place with open(2)/write(2) (creating or truncating it); false on
    /// any error. Unlike `FileManager.createFile` it never renames over `path`, so devices and
    /// symlinks (/dev/stdout, named pipes) receive the data instead of being replaced.
    static func writeInPlace(_ data: Data, to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return false }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        return (try? handle.write(contentsOf: data)) != nil
    }

    private static func fail(_ error: ParacuesError) -> Error {
        Diagnostics.write("paracues: \(error.description)\n")
        return ExitCode.failure
    }

    private let wroteHeader = Mutex(false)

    /// A rendered report: its text and, for one-row-per-file CSV, the header line that goes before
    /// the first row of each output.
    struct Rendered: Sendable {
        var header: String?
        var body: String
    }

    /// Number of outputs that could not be written.
    var writeFailures: Int { failures.withLock { $0 } }

    func render(_ report: AnalysisReport, format: Analyze.Format, pretty: Bool) -> Rendered {
        switch format {
        case .json: return Rendered(body: ReportEncoding.json(report, pretty: pretty) + "\n")
        case .csv:
            if let egemaps = report.egemaps {
                return Rendered(header: ReportEncoding.egemapsCSVHeader(egemaps),
                                body: ReportEncoding.egemapsCSV(file: report.file, egemaps, header: false))
            }
            return Rendered(body: ReportEncoding.csv(report.frames ?? .init()))
        }
    }

    /// The text to write: the header goes before the first row written to a shared target (decided
    /// here, in output order — rendering runs in parallel and out of order), and before every
    /// per-input file's row.
    private func text(of rendered: Rendered) -> String {
        guard let header = rendered.header else { return rendered.body }
        if case .directory = target { return header + rendered.body }
        let first = wroteHeader.withLock { w in defer { w = true }; return !w }
        return first ? header + rendered.body : rendered.body
    }

    private func path(for item: InputList.Item, format: Analyze.Format, in directory: String) -> String {
        (directory as NSString).appendingPathComponent(item.outputStem + (format == .json ? ".json" : ".csv"))
    }

    /// Whether the output for `item` already exists (for `--resume`).
    func outputExists(for item: InputList.Item, format: Analyze.Format) -> Bool {
        guard case .directory(let dir) = target else { return false }
        return FileManager.default.fileExists(atPath: path(for: item, format: format, in: dir))
    }

    /// Writes one rendered report; a failure is reported on stderr and counted.
    func write(_ rendered: Rendered, for item: InputList.Item, format: Analyze.Format) throws {
        let text = text(of: rendered)
        switch target {
        case .standardOutput:
            // robustness: the throwing write; the non-throwing one traps on a full disk or closed pipe.
            do { try FileHandle.standardOutput.write(contentsOf: Data(text.utf8)) }
            catch { report(.outputFailed(path: "standard output", reason: "\(error.localizedDescription)")) }
        case .file(let path):
            do { try fileHandle.withLock { try $0?.write(contentsOf: Data(text.utf8)) } }
            catch { report(.outputFailed(path: path, reason: "\(error.localizedDescription)")) }
        case .directory(let dir):
            let out = path(for: item, format: format, in: dir)
            let parent = (out as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            // Write to a temporary name and rename, so --resume never sees a half-written file.
            let partial = out + ".partial"
            if FileManager.default.createFile(atPath: partial, contents: Data(text.utf8)),
               (try? FileManager.default.removeItem(atPath: out)) != nil || !FileManager.default.fileExists(atPath: out),
               (try? FileManager.default.moveItem(atPath: partial, toPath: out)) != nil {
                return
            }
            report(.outputFailed(path: out, reason: "cannot create the file"))
        }
    }

    private func report(_ error: ParacuesError) {
        failures.withLock { $0 += 1 }
        Diagnostics.write("paracues: \(error.description)\n")
    }
}

/// Runs per-input output actions in input order, whatever order the inputs finish in.
final class OrderedWriter: Sendable {
    private struct State { var next = 0; var waiting: [Int: @Sendable () -> Void] = [:] }
    private let state = Mutex(State())

    /// Hands over input `index`'s action; runs every action that is now due, in order.
    func deliver(_ index: Int, _ action: @escaping @Sendable () -> Void) {
        state.withLock { s in
            s.waiting[index] = action
            while let due = s.waiting.removeValue(forKey: s.next) {
                due()
                s.next += 1
            }
        }
    }
}
