import Foundation
import IsnadKit

/// What `-` given to an option or argument reads from standard input.
enum StandardInputReading: Sendable {
    /// Standard input's text is the value (`--notes -`, `--quote -`, `set ID FIELD -`): text
    /// typed on the command line is seen by other users in `ps` and kept in the shell's history,
    /// and `-` keeps it off both (the store's history records the `-`).
    case text
    /// The value names a file, standard input for `-` (`--text-file -`), which the command reads.
    case file
}

extension ParsedArguments {
    /// The options and arguments given `-` that read standard input, as they were typed
    /// (`--quote -`, `<value> -`).
    var readersOfStandardInput: [String] {
        let options = spec.options.filter { $0.standardInput != nil && given[$0.name]?.last == "-" }.map { "--\($0.name) -" }
        let arguments = positionals.indices.compactMap { index -> String? in
            guard positionals[index] == "-", !spec.arguments.isEmpty else { return nil }
            let argument = spec.arguments[min(index, spec.arguments.count - 1)]
            return argument.standardInput == nil ? nil : "<\(argument.name)> -"
        }
        return options + arguments
    }

    /// The same arguments with the `-` of the one option or argument that takes standard input's
    /// text replaced by that text, read whole, without white space at either end (the line feed
    /// `echo` ends with), as `--quote -` has always read it. Read when the command runs, once its
    /// own usage errors are said, not when the command line is parsed.
    func readingStandardInput() throws -> ParsedArguments {
        var read = self
        for option in spec.options where option.standardInput == .text && given[option.name]?.last == "-" {
            read.given[option.name] = [try StandardInput.text(for: "--\(option.name) -", command: spec.name)]
        }
        for index in positionals.indices where positionals[index] == "-" && !spec.arguments.isEmpty {
            let argument = spec.arguments[min(index, spec.arguments.count - 1)]
            guard argument.standardInput == .text else { continue }
            read.positionals[index] = try StandardInput.text(for: "<\(argument.name)> -", command: spec.name)
        }
        return read
    }
}

/// Standard input read as one text.
enum StandardInput {
    /// Standard input read whole as UTF-8 text, without a byte order mark: bytes in another
    /// encoding are refused (65), as `--text-file` and an import refuse them, not stored as U+FFFD.
    /// `label` names what reads it in messages (`--quote -`).
    static func whole(for label: String) throws -> String {
        var data: [UInt8]
        do {
            data = try FileSystem.readToEnd(STDIN_FILENO)
        } catch {
            throw Importer.InputError(input: "<stdin>", reason: "read failed: \(error.description)", kind: .readFailed)
        }
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw LookupError(description: "\(label): standard input is not UTF-8 text (save or convert it as UTF-8)")
        }
        return text
    }

    /// A value read from standard input: ``whole(for:)`` without white space at either end;
    /// one that shows nothing is refused as an empty value on the command line is (64).
    static func text(for label: String, command: String) throws -> String {
        let text = try whole(for: label).trimmingWhitespace
        if Text.showsNothing(text) { throw UsageError(message: "\(label): standard input was empty", command: command) }
        return text
    }
}
