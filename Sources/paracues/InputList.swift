import Foundation

/// Expands the command line's inputs into the list of audio files to analyse.
enum InputList {
    /// Extensions treated as audio when walking a directory (what libsndfile reads).
    static let audioExtensions: Set<String> = [
        "wav", "wave", "flac", "ogg", "oga", "opus", "aif", "aiff", "aifc", "au", "snd", "caf", "w64",
        "rf64", "mp3", "voc", "sd2", "htk", "sf", "mat", "pvf", "xi", "ircam",
    ]

    /// An input file and the name its output takes inside an output directory.
    struct Item: Sendable {
        var path: String
        var outputStem: String
    }

    /// Files and directories (walked recursively, sorted) plus the lines of `filesFrom`, then
    /// keeping shard `shard.index` of `shard.count` (1-based) by position.
    static func expand(_ arguments: [String], filesFrom: String?, shard: (index: Int, count: Int)?) throws -> [Item] {
        var items: [Item] = []
        var listed = arguments
        if let filesFrom {
            guard let text = try? String(contentsOfFile: filesFrom, encoding: .utf8) else {
                throw InputListError("cannot read the file list \(filesFrom)")
            }
            listed += text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        }
        for argument in listed {
            var isDirectory: ObjCBool = false
            if argument != "-", FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue {
                let found = walk(argument)
                if found.isEmpty { Diagnostics.write("paracues: \(argument): no audio files in this directory\n") }
                items += found
            } else {
                items.append(Item(path: argument, outputStem: argument == "-" ? "stdin" : URL(fileURLWithPath: argument).deletingPathExtension().lastPathComponent))
            }
        }
        if let shard {
            items = items.enumerated().filter { $0.offset % shard.count == shard.index - 1 }.map(\.element)
        }
        return items
    }

    private static func walk(_ directory: String) -> [Item] {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var paths: [String] = []
        for case let url as URL in enumerator where audioExtensions.contains(url.pathExtension.lowercased()) {
            paths.append(url.standardizedFileURL.path)
        }
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return paths.sorted().map { path in
            let relative = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : URL(fileURLWithPath: path).lastPathComponent
            return Item(path: path, outputStem: (relative as NSString).deletingPathExtension)
        }
    }
}

/// A problem with the list of inputs (usage error).
struct InputListError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
