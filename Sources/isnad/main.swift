import Foundation
import IsnadKit

// isnad [--db PATH] COMMAND [ARGUMENTS] [OPTIONS]
// Data goes to standard output, messages to standard error; exit codes follow sysexits(3).

let version = "0.1.0"

func runCommandLine(_ arguments: [String]) -> ExitCode {
    let output = FileSink.standardOutput()
    defer { try? output.flush() }
    var rest = arguments
    var databasePath = ProcessInfo.processInfo.environment["ISNAD_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "isnad.db"
    do {
        // --db may stand anywhere; take it out before the command parses its own options.
        var index = 0
        while index < rest.count {
            if rest[index] == "--" { break }
            if rest[index] == "--db" {
                guard index + 1 < rest.count else { throw UsageError(message: "--db needs a path: --db <path>") }
                databasePath = rest[index + 1]
                rest.removeSubrange(index...(index + 1))
            } else if rest[index].hasPrefix("--db=") {
                databasePath = String(rest[index].dropFirst("--db=".count))
                rest.remove(at: index)
            } else {
                index += 1
            }
        }
        guard let name = rest.first else {
            try output.write(HelpCommand.overview)
            return .success
        }
        if name == "--version" || name == "version" {
            try output.write(
                "isnad \(version) (schema version \(Migrations.currentVersion), \(GraphStore.engineDescription))\n")
            return .success
        }
        if name == "--help" || name == "-h" {
            try output.write(HelpCommand.overview)
            return .success
        }
        guard let command = commands.first(where: { $0.spec.name == name }) else {
            let suggestion = Suggestion.nearest(to: name, among: commands.map(\.spec.name))
            throw UsageError(message: "unknown command '\(Text.printable(name))'" + Suggestion.phrase(suggestion))
        }
        let parsed = try CommandLineParser.parse(Array(rest.dropFirst()), as: command.spec)
        if parsed.flag("help") {
            try output.write(command.spec.help)
            return .success
        }
        let context = Context(databasePath: databasePath, output: output, isStandardErrorTerminal: isatty(STDERR_FILENO) == 1)
        try command.run(parsed, context)
        try output.flush()
        return .success
    } catch {
        try? output.flush()
        FileHandle.standardError.write(Data("isnad: \(ErrorMessage.text(for: error))\n".utf8))
        return ExitCode(for: error)
    }
}

exit(runCommandLine(Array(CommandLine.arguments.dropFirst())).rawValue)
