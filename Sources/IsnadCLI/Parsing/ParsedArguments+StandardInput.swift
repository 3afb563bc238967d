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

    /// The option or argument whose text a command read from standard input (one a command
    /// line may have); nil until one is read.
    final class Record {
        var reader: StandardInput.Reader?
    }
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
    /// The option or argument read is noted in `context`, for the error that refuses its value.
    func readingStandardInput(_ context: Context) throws -> ParsedArguments {
        var read = self
        for option in spec.options where option.standardInput == .text && given[option.name]?.last == "-" {
            let reader = StandardInput.Reader(label: "--\(option.name) -", field: "--\(option.name)")
            read.given[option.name] = [try StandardInput.text(for: reader.label)]
            context.standardInputReading.reader = reader
        }
        for index in positionals.indices where positionals[index] == "-" && !spec.arguments.isEmpty {
            let argument = spec.arguments[min(index, spec.arguments.count - 1)]
            guard argument.standardInput == .text else { continue }
            // Named as typed, the field it sets before it: `set hamas description -`.
            let reader = StandardInput.Reader(
                label: ([spec.name] + positionals[...index].map { Text.printable($0) }).joined(separator: " "),
                field: index > 0 ? positionals[index - 1] : "<\(argument.name)>")
            read.positionals[index] = try StandardInput.text(for: reader.label)
            context.standardInputReading.reader = reader
        }
        return read
    }
}

/// Standard input read as one text.
enum StandardInput {
    /// The most read from standard input as one value: 16 MiB, the longest line an import reads
    /// by default (``LineReader/defaultMaximumLineLength``), so the longest record a value can
    /// be part of and still be backed up and imported back. Reading stops past it: a wrong pipe
    /// (`yes | isnad set ID notes -`) does not fill memory.
    static let maximumLength = LineReader.defaultMaximumLineLength

    /// `error`, or, when it is a usage error refusing the value read from standard input (its
    /// message begins with that option or field), the same as bad input data (65), as a bad value
    /// in an imported file is, named as typed with its `-` (`--notes -: …`, `set hamas name -: …`):
    /// the command line was right, what came through the pipe was not.
    static func refusalAsData(_ error: any Error, reading: StandardInputReading.Record?) -> any Error {
        guard let error = error as? UsageError, let reader = reading?.reader, error.message.hasPrefix(reader.field) else {
            return error
        }
        let rest = error.message.dropFirst(reader.field.count)
        if rest.hasPrefix(":") { return LookupError(description: reader.label + rest) }
        // A part of the field (`aliases[1].name` of `set ID aliases[1] -`): named whole.
        guard rest.hasPrefix(".") || rest.hasPrefix("[") else { return error }
        return LookupError(description: "\(reader.label): \(error.message)")
    }

    /// An option or argument that read its text from standard input.
    struct Reader: Sendable {
        /// As typed, for messages: `--notes -`, `set hamas description -`.
        let label: String
        /// What a message refusing its value begins with: `--notes`, `description`.
        let field: String
    }

    /// Standard input read whole as UTF-8 text, without a byte order mark: bytes in another
    /// encoding are refused (65), as `--text-file` and an import refuse them, not stored as U+FFFD;
    /// so is more than ``maximumLength`` bytes, the rest not read. A standard input that was
    /// closed is a missing input (66). `label` names what reads it in messages (`--quote -`).
    static func whole(for label: String) throws -> String {
        if StandardStreams.closedAtStart.contains(STDIN_FILENO) {
            throw Importer.InputError(input: label, reason: "standard input is closed (<&-): nothing to read", kind: .missing)
        }
        var data: [UInt8]
        do {
            data = try FileSystem.readToEnd(STDIN_FILENO, limit: maximumLength)
        } catch {
            throw Importer.InputError(
                input: label, reason: "standard input cannot be read: \(error.description)", kind: .readFailed)
        }
        if data.count > maximumLength {
            throw LookupError(
                description:
                    "\(label): standard input holds more than \(maximumLength >> 20) MiB (\(maximumLength) bytes), the most a value read from it may be (the longest record an import reads): nothing changed"
            )
        }
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw LookupError(description: "\(label): standard input is not UTF-8 text (save or convert it as UTF-8)")
        }
        return text
    }

    /// A value read from standard input: ``whole(for:)`` without white space at either end;
    /// one that shows nothing, or with a control character Isnad does not store, is refused as
    /// bad input data (65): the command line was right, what fed it (`gen | isnad set X notes -`,
    /// a generator that failed) was not.
    static func text(for label: String) throws -> String {
        let text = try whole(for: label).trimmingWhitespace
        if Text.showsNothing(text) { throw LookupError(description: "\(label): standard input was empty: nothing changed") }
        if let problem = Text.problem(with: text) { throw LookupError(description: "\(label): \(problem)") }
        return text
    }
}
