import Foundation

/// Messages for the user on standard error.
///
/// A failing stderr (`2>/dev/full`, a full disk, a closed file) must not end a batch run or lose
/// its results: write errors are ignored (`FileHandle.write(_:)` traps on them). A closed fd 2 is
/// pointed at /dev/null first (`ParacuesCommand.main`).
enum Diagnostics {
    /// Writes `text` as is (add the newline yourself).
    static func write(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }
}
