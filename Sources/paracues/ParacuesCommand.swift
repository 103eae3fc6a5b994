import ArgumentParser
import Foundation

@main
struct ParacuesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paracues",
        abstract: "Hear how something is said: pitch, loudness, voice quality, rate, pauses and events.",
        version: "0.1.0",
        subcommands: [Analyze.self, StreamCommand.self, RelayCommand.self, Train.self, Bench.self])

    /// Runs the command, mapping usage errors to exit status 2 (ArgumentParser's default is 64).
    static func main() {
        // robustness: with stderr closed (`2>&-`, some daemons) every diagnostic write would trap;
        // send diagnostics to /dev/null instead. (A closed stdout stays an error: reports must not vanish.)
        if fcntl(2, F_GETFD) == -1 {
            let null = open("/dev/null", O_WRONLY)
            if null >= 0 && null != 2 { dup2(null, 2); close(null) }
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                Diagnostics.write(fullMessage(for: error) + "\n")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
