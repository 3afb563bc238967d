import Foundation
import IsnadKit

// isnad [--db PATH] COMMAND [ARGUMENTS] [OPTIONS]
// Data goes to standard output, messages to standard error; exit codes follow sysexits(3).

/// The `isnad` command line as a library: `main.swift` calls ``main(_:)``; tests call
/// ``parse(_:environment:)`` and ``run(_:environment:output:standardError:)`` in-process.
public enum IsnadCLI {
    static let version = "0.1.0"

    /// What a command line asks for, once parsed.
    enum Invocation {
        /// Text to print as it is (help, the overview, the version).
        case text(String)
        /// Text for standard error, and exit 64: `isnad` alone prints its help there.
        case usage(String)
        /// A command to run on the store at `location`, named as `origin` says.
        case command(RegisteredCommand, ParsedArguments, location: StoreLocation, origin: StoreOrigin)
    }

    /// Runs the command line with the process's standard output and error, and returns the
    /// exit code.
    public static func main(_ arguments: [String]) -> Int32 {
        let output = FileSink.standardOutput()
        let isStandardOutputTerminal = isatty(STDOUT_FILENO) == 1
        return run(
            arguments, environment: processEnvironment(), output: output,
            isStandardOutputTerminal: isStandardOutputTerminal, isStandardErrorTerminal: isatty(STDERR_FILENO) == 1,
            terminalWidth: isStandardOutputTerminal ? terminalWidth(of: STDOUT_FILENO) : nil,
            standardErrorTerminalWidth: { terminalWidth(of: STDERR_FILENO) },
            standardError: writeToStandardError
        ).rawValue
    }

    /// How many cells wide the terminal on `descriptor` is, as the terminal tells; nil when it
    /// does not.
    @Sendable static func terminalWidth(of descriptor: Int32) -> Int? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// The width reading output is laid out for on a terminal: `$COLUMNS` where it holds a
    /// width (as `ls` reads it; it lets a user or a test choose), else the terminal's own; nil
    /// off a terminal, whatever `$COLUMNS` says, so that a script reads one row a line.
    static func readingWidth(
        isStandardOutputTerminal: Bool, terminalWidth: Int?, environment: [String: String]
    ) -> Int? {
        guard isStandardOutputTerminal else { return nil }
        return columns(in: environment) ?? terminalWidth
    }

    /// The width `$COLUMNS` gives, where it holds one.
    static func columns(in environment: [String: String]) -> Int? {
        environment["COLUMNS"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
    }

    /// How wide the terminal on standard error is, for the import's progress line: `$COLUMNS`
    /// where it holds a width, else the terminal's own, asked at each update (a window made
    /// narrower during an import is followed); nil off a terminal.
    static func progressWidth(
        isStandardErrorTerminal: Bool, environment: [String: String],
        terminalWidth: @escaping @Sendable () -> Int?
    ) -> @Sendable () -> Int? {
        guard isStandardErrorTerminal else { return { nil } }
        if let columns = columns(in: environment) { return { columns } }
        return terminalWidth
    }

    /// Writes a message to the process's standard error, all of it or as much as it takes. A
    /// standard error that is closed, full or a pipe nobody reads is no reason to fail: the work
    /// is done by then (a change committed, a file written), and the exit code must say so.
    /// (`FileHandle.write(_:)` stops the process when the write fails.)
    /// A pipe nobody reads any more (`2>&1 | head -1`) raises SIGPIPE, which would end the
    /// process as surely: held back around the write, and taken if it came.
    @Sendable static func writeToStandardError(_ text: String) {
        var pipe = sigset_t()
        var previous = sigset_t()
        sigemptyset(&pipe)
        sigaddset(&pipe, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipe, &previous)
        defer {
            var pending = sigset_t()
            if sigismember(&previous, SIGPIPE) == 0, sigpending(&pending) == 0, sigismember(&pending, SIGPIPE) == 1 {
                var none = timespec(tv_sec: 0, tv_nsec: 0)
                _ = sigtimedwait(&pipe, nil, &none)
            }
            pthread_sigmask(SIG_SETMASK, &previous, nil)
        }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }

    /// ``main(_:)`` with the process's own arguments, each read as UTF-8. The system hands them
    /// over as bytes: Swift's `CommandLine.arguments` puts U+FFFD in place of bytes that are not
    /// UTF-8, so `-o` of a Latin-1 name would write another file, one that may exist. Such an
    /// argument is refused (exit 64); such a value of an environment variable Isnad reads, only
    /// by a command that reads it (``environmentValue(_:in:)``).
    public static func main() -> Int32 {
        // Before anything opens a file, which would take a closed standard stream's descriptor.
        StandardStreams.holdClosedOnes()
        // A file grown past `ulimit -f` fails its write (EFBIG), said as any failed write is,
        // instead of ending the process with a core dump halfway through.
        signal(SIGXFSZ, SIG_IGN)
        var arguments: [String] = []
        for index in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { break }
            guard let text = String(validatingCString: pointer) else {
                return refuseNonUTF8("argument \(index), \"\(Text.printable(String(cString: pointer)))\",")
            }
            arguments.append(text)
        }
        return main(arguments)
    }

    private static func refuseNonUTF8(_ what: String) -> Int32 {
        let message =
            "isnad: \(what) is not UTF-8 text (a word in another encoding?): isnad reads its arguments as UTF-8 whatever the locale, and read so it would be another word (another file, another name to look for)\n"
        writeToStandardError(message)
        return ExitCode.usage.rawValue
    }

    /// The environment variables the command line reads, through ``Context/environment``.
    /// (TERM is only compared with "dumb", for the progress line: never refused for its bytes.)
    static let environmentVariables = [
        "ISNAD_DB", "ISNAD_AUTHOR", ChangeDescription.changeTimeVariable, "VISUAL", "EDITOR", "TERM", "COLUMNS",
    ]

    /// The process's values of ``environmentVariables``, and no others: Foundation's dictionary
    /// of the whole environment cost a tenth of `isnad --version`'s instructions. A value that is
    /// not UTF-8 is left out, and its name listed under ``notUTF8Key``: a `$VISUAL` in Latin-1
    /// stops `edit`, which would run another program, not `stats`.
    static func processEnvironment() -> [String: String] {
        var environment: [String: String] = [:]
        var notUTF8: [String] = []
        for name in environmentVariables {
            guard let value = getenv(name) else { continue }
            // TERM is only compared with "dumb", COLUMNS read as a number: never refused for their bytes.
            if let text = String(validatingCString: value) {
                environment[name] = text
            } else if name == "TERM" || name == "COLUMNS" {
                environment[name] = String(cString: value)
            } else {
                notUTF8.append(name)
            }
        }
        if !notUTF8.isEmpty { environment[notUTF8Key] = notUTF8.joined(separator: " ") }
        return environment
    }

    /// The key, never a variable's name, under which ``processEnvironment()`` lists the
    /// variables whose values are not UTF-8.
    static let notUTF8Key = "=not UTF-8"

    /// The value of the environment variable `name`, nil when unset; refused (exit 64) when it
    /// is not UTF-8 text, which read with U+FFFD would name another file or program.
    static func environmentValue(_ name: String, in environment: [String: String]) throws(UsageError) -> String? {
        if let listed = environment[notUTF8Key], listed.split(separator: " ").contains(Substring(name)) {
            let reading = name == "ISNAD_AUTHOR" ? "it would be another name" : "it would name another file or program"
            throw UsageError(message: "$\(name) is not UTF-8 text (a name in another encoding?): read as UTF-8 \(reading)")
        }
        return environment[name]
    }

    /// Runs the command line: data to `output`, messages to `standardError`.
    ///
    /// Every message goes through ``Text/printable(_:keepingLineBreaks:)`` here, on its way
    /// out, whoever wrote it: a file name, a store's SQLite message or a stored string in an
    /// error cannot drive the terminal, even where the error's description forgot to escape it
    /// (escaping twice changes nothing).
    static func run(
        _ arguments: [String], environment: [String: String], output: OutputSink, isStandardOutputTerminal: Bool = false,
        isStandardErrorTerminal: Bool = false, terminalWidth: Int? = nil,
        standardErrorTerminalWidth: @escaping @Sendable () -> Int? = { nil },
        standardError rawStandardError: @escaping @Sendable (String) -> Void
    ) -> ExitCode {
        let standardError: @Sendable (String) -> Void = { message in
            let printable = Text.printable(message, keepingLineBreaks: true)
            // On a terminal, a line that holds Arabic (a file named in Arabic at the start of an
            // import's error) is held left to right, as table lines are: file, line and field in order.
            rawStandardError(isStandardErrorTerminal ? Bidi.linesHeldLeftToRight(printable) : printable)
        }
        defer { try? output.flush() }
        var opened: Context.OpenedStores?
        var namesStoresWithDB = true
        var standardInputReading: StandardInputReading.Record?
        var store: (location: StoreLocation, origin: StoreOrigin)?
        do {
            switch try parse(arguments, environment: environment) {
            case .text(let text):
                let width = readingWidth(
                    isStandardOutputTerminal: isStandardOutputTerminal, terminalWidth: terminalWidth, environment: environment)
                // Flushed here, not by the defer that swallows its error: `--version >&-` fails (74).
                try output.write(HelpLayout.laidOut(text, width: width))
                try output.flush()
            case .usage(let text):
                standardError(text)
                return .usage
            case .command(let command, let parsed, let location, let origin):
                namesStoresWithDB = command.spec.takesStoreOptions
                store = (location, origin)
                let marks = try parsed.value(CommandSpec.bidiMarks, default: .auto)
                var context = Context(
                    storeLocation: location, writeLockWaitLimit: try parsed.value(CommandSpec.writeLockWait), output: output,
                    showsBidiMarks: marks.areShown(isStandardOutputTerminal: isStandardOutputTerminal),
                    footnotesShowBidiMarks: marks.areShown(
                        isStandardOutputTerminal: isStandardOutputTerminal, isForDocument: true),
                    isStandardOutputTerminal: isStandardOutputTerminal, isStandardErrorTerminal: isStandardErrorTerminal,
                    standardError: standardError, rawStandardError: rawStandardError)
                context.writesByteOrderMark = try OutputFormat.checkByteOrderMark(parsed, command: command.name)
                if !OutputFormat.isTableGiven(parsed) {
                    context.readingWidth = readingWidth(
                        isStandardOutputTerminal: isStandardOutputTerminal, terminalWidth: terminalWidth,
                        environment: environment)
                }
                context.progressWidth = progressWidth(
                    isStandardErrorTerminal: isStandardErrorTerminal, environment: environment,
                    terminalWidth: standardErrorTerminalWidth)
                context.arguments = arguments
                context.environment = environment
                context.storeOrigin = origin
                opened = context.openedStores
                standardInputReading = context.standardInputReading
                try command.run(parsed, context: context)
                try output.flush()
                try context.checkReadsWereWhole()
                noteLogsHoldingRolledBackChanges(of: context.openedStores, standardError: standardError)
            }
            return .success
        } catch {
            try? output.flush()
            // A store read without a snapshot and written meanwhile can fail in any way (a page
            // of the new state read as the old one's is "malformed"): the change is the cause.
            var cause = StandardInput.refusalAsData(error, reading: standardInputReading)
            for store in opened?.stores ?? [] {
                do { try store.checkReadWasWhole() } catch { cause = error }
            }
            // Output that failed once a change was committed (add's id on a full standard
            // output): the change stands, and running the command again would be refused.
            let committed = opened?.stores.flatMap(\.committedEntries) ?? []
            if let failure = cause as? OutputError, failure.refusal == nil, !committed.isEmpty {
                cause = OutputFailedAfterChange(output: failure, entries: committed)
            }
            let storePath: String? = if case .file(let path)? = store?.location { path } else { nil }
            let storeDetails =
                namesStoresWithDB ? storePath.flatMap { path in store?.origin.details(of: path).map { (path, $0) } } : nil
            standardError(
                "isnad: \(ErrorMessage.text(for: cause, namesStoresWithDB: namesStoresWithDB, storeDetails: storeDetails))\n")
            if let opened { noteLogsHoldingRolledBackChanges(of: opened, standardError: standardError) }
            return ExitCode(for: cause)
        }
    }

    /// Says of each store whose write-ahead log still holds data of a change that was not made
    /// (a refused import, a dry run: ``GraphStore/logHoldingRolledBackChange``; another program
    /// was reading the store) that it does, and until when: a backup or a sync of the store takes
    /// the log with it.
    static func noteLogsHoldingRolledBackChanges(
        of opened: Context.OpenedStores, standardError: @Sendable (String) -> Void
    ) {
        for log in opened.stores.compactMap(\.logHoldingRolledBackChange) {
            standardError(
                "isnad: note: \(log) still holds data of the change that was not made, until the store is next changed with no other program reading it\n"
            )
        }
    }

    /// A store path that can name no store file: SQLite would open an empty one (a temporary
    /// database, or one in memory) that keeps nothing once isnad exits. Usage errors (exit 64).
    static func checkStorePath(_ path: String) throws {
        if path.isEmpty { throw UsageError(message: "--db needs a path: --db <path>") }
        if path == "-" {
            throw UsageError(
                message: "\"-\" names no store: a store is a file, not standard input or output (./- is a file named -)")
        }
        if path == GraphStore.inMemory || path.hasPrefix("file:") && path.contains("mode=memory") {
            throw UsageError(
                message:
                    "--db \(Text.printableFileName(path)) names a database in memory, which keeps nothing once isnad exits: name a store file"
            )
        }
    }

    /// The store `--db` (or `ISNAD_DB`) and `--store` name. Usage errors (exit 64).
    static func storeLocation(_ text: String, storeName: String?) throws -> StoreLocation {
        guard PostgreSQLLocation.isURI(text) else {
            // Not echoed: such a string may hold a password.
            if PostgreSQLLocation.isKeywordString(text) {
                throw UsageError(
                    message:
                        "--db takes a store file's path or a postgresql:// URI, and reads no keyword connection string (host=… dbname=…): write it as postgresql:///DBNAME?host=…&user=… (the password in PGPASSWORD or ~/.pgpass)"
                )
            }
            if storeName != nil {
                throw UsageError(
                    message:
                        "--store names a store in a PostgreSQL database, and --db \(Text.printable(text)) is a file: give --db a postgresql:// URI, or leave out --store"
                )
            }
            try checkStorePath(text)
            return .file(path: text)
        }
        do {
            return try StoreLocation(text, storeName: storeName)
        } catch {
            throw UsageError(
                message: "\(error.message), in \(PostgreSQLLocation.withoutPassword(text))")
        }
    }

    /// The value of `--NAME VALUE` or `--NAME=VALUE` at `index`, both taken out of `arguments`;
    /// nil when another word stands there.
    private static func takeGlobalOption(
        _ name: String, at index: Int, from arguments: inout [String], needs: String
    ) throws -> String? {
        let word = arguments[index]
        if word.hasPrefix("--\(name)=") {
            arguments.remove(at: index)
            return String(word.dropFirst(name.count + 3))
        }
        guard word == "--\(name)" else { return nil }
        guard index + 1 < arguments.count else { throw UsageError(message: "--\(name) needs \(needs)") }
        guard !arguments[index + 1].hasPrefix("--") else {
            throw UsageError(message: "--\(name) needs \(needs) (one that starts with -- is given as --\(name)=…)")
        }
        let value = arguments[index + 1]
        arguments.removeSubrange(index...(index + 1))
        return value
    }

    private static func givenTwice(_ name: String) -> UsageError {
        // Not echoed: a URI may hold a password.
        UsageError(message: "--\(name) is given twice, with two values: give it once")
    }

    /// Parses the command line: which command, with which arguments, on which store.
    static func parse(_ arguments: [String], environment: [String: String] = [:]) throws -> Invocation {
        var rest = arguments
        var databasePath: String?
        var storeName: String?
        var leadingOptions: [String] = []
        // --db and --store may stand anywhere; take them out before the command parses its own options.
        var index = 0
        while index < rest.count {
            if rest[index] == "--" { break }
            if let value = try takeGlobalOption(
                "store", at: index, from: &rest, needs: "a name: --store <name> (a store in a PostgreSQL database)")
            {
                if let storeName, storeName != value { throw givenTwice("store") }
                storeName = value
            } else if let value = try takeGlobalOption("db", at: index, from: &rest, needs: "a path: --db <path>") {
                if let databasePath,
                    URL(fileURLWithPath: databasePath).standardized.path != URL(fileURLWithPath: value).standardized.path
                {
                    throw givenTwice("db")
                }
                databasePath = value
            } else if index == 0,
                let name = ["bidi-marks", "wait"].first(where: { rest[index] == "--\($0)" || rest[index].hasPrefix("--\($0)=") })
            {
                // Before the command, as --db may be, before or after it: moved after the command
                // once that is known, where the command's parser reads it.
                let isJoined = rest[index].hasPrefix("--\(name)=")
                let end = min(rest.count, index + (isJoined ? 1 : 2))
                leadingOptions += rest[index..<end]
                rest.removeSubrange(index..<end)
            } else {
                index += 1
            }
        }
        // `isnad --help show` as `isnad help show`: a command, a topic, or an error with a suggestion.
        if rest.first == "--help" || rest.first == "-h", rest.count > 1, !rest[1].hasPrefix("-") {
            return try parse(["help", rest[1]], environment: environment)
        }
        if !rest.isEmpty { rest.insert(contentsOf: leadingOptions, at: 1) }
        guard let name = rest.first else {
            // `isnad --bidi-marks never` with no command, or `isnad --bidi-marks stats`, the
            // command taken for the option's value.
            if !leadingOptions.isEmpty {
                throw UsageError(
                    message:
                        "\(leadingOptions.joined(separator: " ")): a command must follow \(leadingOptions[0].hasPrefix("--wait") ? "--wait and its value (seconds): isnad --wait <seconds> <command>" : "--bidi-marks and its value (auto, always or never): isnad --bidi-marks <when> <command>")"
                )
            }
            return .usage(HelpCommand.overview)
        }
        if name == "--version" || name.lowercased() == "version" {
            return .text(
                "isnad \(version) (schema version \(Migrations.currentVersion), name keys \(NameKey.version), \(GraphStore.engineDescription))\n"
            )
        }
        if name == "--help" || name == "-h" { return .text(HelpCommand.overview) }
        // Command names in any case, as the words of options are read (`isnad Show`).
        guard let command = commands.first(where: { $0.name == name.lowercased() }) else {
            let suggestion = Suggestion.nearest(to: name, among: commands.map(\.name))
            throw UsageError(message: "unknown command \"\(Text.printable(name))\"" + Suggestion.phrase(suggestion))
        }
        let parsed = try CommandLineParser.parse(Array(rest.dropFirst()), as: command.spec)
        if parsed.isSet(CommandSpec.showsHelp) { return .text(command.spec.help) }
        // copy names its two stores in FROM and TO, where a --store would mislead. help, template
        // and predicates read none and pass it by, as they pass --db by: a team's alias
        // `isnad --db postgresql://… --store syria` works for every command.
        if storeName != nil, command.name == CopyCommand.name {
            throw UsageError(
                message: "copy reads no --store: name a PostgreSQL store in FROM or TO, as postgresql://…?store=NAME",
                command: command.name)
        }
        // Nor a --db, which a user may have meant as the target: copy FROM TO names both.
        if let databasePath, command.name == CopyCommand.name {
            throw UsageError(
                message:
                    "copy reads no --db (\(Text.printableFileName(databasePath))): name both stores as FROM and TO, isnad copy FROM TO",
                command: command.name)
        }
        // $ISNAD_DB only when no --db was given, and only for a command that works on the store:
        // a value of it that is not UTF-8 stops no one else.
        let fromEnvironment =
            databasePath == nil && command.usesTheStore ? try environmentValue("ISNAD_DB", in: environment) : nil
        let environmentPath = fromEnvironment.flatMap { $0.isEmpty ? nil : $0 }
        let path = databasePath ?? environmentPath ?? "isnad.db"
        let origin: StoreOrigin = databasePath != nil ? .option : environmentPath != nil ? .environment : .defaultPath
        return .command(command, parsed, location: try storeLocation(path, storeName: storeName), origin: origin)
    }
}
