import Foundation
import IsnadKit

/// Where a command's data goes: standard output, or a buffer in tests.
protocol OutputSink: ByteSink {
    func flush() throws
}

extension FileSink: OutputSink {}

extension MemorySink: OutputSink {
    func flush() {}
}

/// What every command gets: where the store is, and where to write.
struct Context {
    /// The store: --db, else $ISNAD_DB, else ./isnad.db; a PostgreSQL URI with --store.
    let storeLocation: StoreLocation
    /// `--wait`: how long a change waits for another's write lock, in seconds; nil: as long as it takes.
    var writeLockWaitLimit: Int? = nil
    /// The store as messages name it: its path, or its URI without the password.
    var databasePath: String { storeLocation.description }
    /// ``databasePath`` as a message shows it: a line break or control character in a file's
    /// name cannot split a one-line message or reach the terminal.
    var shownDatabasePath: String { Text.printableFileName(databasePath) }
    /// Where the store's path came from: `--db`, `$ISNAD_DB` or the default.
    var storeOrigin = StoreOrigin.option
    /// ``shownDatabasePath`` with, for a file, its absolute path and where it came from
    /// (``StoreOrigin/details(of:)``): for a store a command created.
    var shownDatabasePathWithOrigin: String {
        storeDetails.map { "\(shownDatabasePath) (\($0))" } ?? shownDatabasePath
    }
    /// What ``shownDatabasePathWithOrigin`` says in parentheses; nil for a store on PostgreSQL,
    /// or one named by an absolute `--db`.
    var storeDetails: String? {
        guard case .file(let path) = storeLocation else { return nil }
        return storeOrigin.details(of: path)
    }
    let output: OutputSink
    /// Whether tables keep the LEFT-TO-RIGHT MARKs that hold lines with Arabic in order on a
    /// terminal (`--bidi-marks`; by default only when standard output is a terminal).
    var showsBidiMarks = false
    /// Whether footnotes (`--format cite`) keep those marks: by default wherever they go, to be
    /// pasted into a document (``BidiMarks/areShown(isStandardOutputTerminal:isForDocument:)``).
    var footnotesShowBidiMarks = false
    /// `--bom`: CSV starts with a UTF-8 byte order mark.
    var writesByteOrderMark = false
    /// Standard output is a terminal: CSV shows control characters as escapes.
    let isStandardOutputTerminal: Bool
    /// How wide the terminal is that reading output is laid out for (``ReadingLayout``): nil off
    /// a terminal, and where `--format table` asks for tables as they are.
    var readingWidth: Int? = nil
    let isStandardErrorTerminal: Bool
    /// How wide the terminal on standard error is now, in cells, for the progress line
    /// (``IsnadCLI/progressWidth(isStandardErrorTerminal:environment:terminalWidth:)``): nil off a
    /// terminal, or when it does not say.
    var progressWidth: @Sendable () -> Int? = { nil }
    /// Writes text to standard error, through ``Text/printable(_:keepingLineBreaks:)``: every
    /// control character escaped, line feeds kept.
    let standardError: @Sendable (String) -> Void
    /// Writes text to standard error as it is: only for the progress line's own cursor
    /// controls, the text in it escaped by the caller.
    let rawStandardError: @Sendable (String) -> Void
    /// The command line as given (without the program's name), for the history.
    var arguments: [String] = []
    /// The process's environment ($ISNAD_AUTHOR, $VISUAL, $EDITOR …).
    var environment: [String: String] = [:]
    /// The stores the command opened, for ``checkReadsWereWhole()``.
    let openedStores = OpenedStores()

    /// What the command read from standard input as a value, for the error that refuses it
    /// (``StandardInput/refusalAsData(_:reading:)``).
    let standardInputReading = StandardInputReading.Record()

    /// The stores a command opened: a store read as immutable is checked when the command is
    /// done, and before an output file appears (``GraphStore/checkReadWasWhole()``).
    final class OpenedStores {
        fileprivate(set) var stores: [GraphStore] = []
    }

    /// Throws when a store the command read without a snapshot (its folder is read-only to
    /// this process) was written meanwhile: what was read may mix two states.
    func checkReadsWereWhole() throws {
        for store in openedStores.stores { try store.checkReadWasWhole() }
    }

    /// Opens the store. Query commands (`.read`) never create one, and read one snapshot of it.
    func openStore(_ access: GraphStore.Access) throws -> GraphStore {
        let databasePath: String
        switch storeLocation {
        case .file(let path): databasePath = path
        case .postgreSQL(let location): return try openPostgreSQLGraph(location, access)
        }
        let store = try GraphStore(path: databasePath, access: access, writeLockWaitLimit: writeLockWaitLimit) {
            [databasePath, standardError] _ in
            standardError(
                "waiting for another program or process to finish writing to \(Text.printableFileName(databasePath))…\n")
        }
        if let version = store.upgradedFrom {
            message(
                "upgraded \(Text.printableFileName(databasePath)) from schema version \(version) to \(Migrations.currentVersion)")
        }
        openedStores.stores.append(store)
        return store
    }

    private func openPostgreSQLGraph(_ location: PostgreSQLLocation, _ access: GraphStore.Access) throws -> GraphStore {
        let store = try GraphStore(postgreSQL: location, access: access, writeLockWaitLimit: writeLockWaitLimit) {
            [standardError] holder in
            standardError(Context.waitingLine(for: holder, writingTo: "\(location)"))
        }
        if let version = store.upgradedFrom {
            message("upgraded \(location) from schema version \(version) to \(Migrations.currentPostgreSQLVersion)")
        }
        return store
    }

    /// Whether the store exists: its file, or its schema on the PostgreSQL server (asked without
    /// creating it).
    func storeExists() throws -> Bool {
        switch storeLocation {
        case .file(let path): return FileSystem.exists(path)
        case .postgreSQL(let location):
            do {
                _ = try PostgreSQLStore(location: location, access: .read)
                return true
            } catch StoreError.missing {
                return false
            }
        }
    }

    /// Opens a store on a PostgreSQL server, creating it with `.create`.
    func openPostgreSQLStore(
        _ location: PostgreSQLLocation, _ access: GraphStore.Access, withRoles: Bool = false, reusingRoles: Bool = false
    ) throws -> PostgreSQLStore {
        let store = try PostgreSQLStore(
            location: location, access: access, withRoles: withRoles, reusingRoles: reusingRoles
        ) { [standardError] holder in
            standardError(Context.waitingLine(for: holder, writingTo: "\(location)"))
        }
        if let version = store.upgradedFrom {
            message("upgraded \(location) from schema version \(version) to \(Migrations.currentPostgreSQLVersion)")
        }
        return store
    }

    /// What a write waiting for a colleague's on a shared store says, once: who holds the store
    /// when the server tells (`rev_bob, writing since 08:01:02 UTC`), so that it does not look hung.
    static func waitingLine(for holder: String?, writingTo store: String) -> String {
        guard let holder else { return "waiting for another client to finish writing to \(store)…\n" }
        return
            "waiting for another client (\(holder)) to finish writing to \(store)… (Ctrl-C stops waiting; nothing is written)\n"
    }

    /// A line for the user on standard error (never mixed into the data on standard output).
    /// What was printed before it is flushed first, so that a terminal shows both in order.
    func message(_ text: String) {
        try? output.flush()
        standardError(text + "\n")
    }

    /// Who changes the store, and how, for its history: `--author`, else `$ISNAD_AUTHOR`, else
    /// the login name (on PostgreSQL the store records the database role, with a name given
    /// beside it: ``GraphStore/recordedAuthor(of:)``); the command line as given.
    func change(author: String?) throws(UsageError) -> ChangeDescription {
        let fromEnvironment = author?.isEmpty == false ? nil : try IsnadCLI.environmentValue("ISNAD_AUTHOR", in: environment)
        // A blank $ISNAD_AUTHOR is no name, as an empty one is (a blank --author is refused):
        // recorded, it would be an author nobody sees in the log, nor can select with --author.
        let named = [author, fromEnvironment].compactMap { $0 }.first {
            !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        let name = named ?? Context.loginName
        // Refused, not rewritten: a line break made a space let an author write more of log's
        // line than a name (ChangeDescription.authorProblem).
        if let problem = ChangeDescription.authorProblem(name) {
            let whence = named == nil ? "the login name" : named == author ? "--author" : "$ISNAD_AUTHOR"
            // Shown with its line breaks and tabs escaped too: the message is one line.
            // Help says nothing of $ISNAD_AUTHOR or the login name: say what gives another author.
            let hint: String? =
                switch whence {
                case "$ISNAD_AUTHOR": "(set $ISNAD_AUTHOR to a name alone, or give --author NAME)"
                case "the login name": "(give the author with --author NAME or $ISNAD_AUTHOR)"
                default: nil
                }
            throw UsageError(message: "\(whence) \"\(ChangeDescription.shownAuthor(name))\" \(problem)", hint: hint)
        }
        // A password in a PostgreSQL URI never goes into the history.
        let shown = arguments.map { argument in
            if PostgreSQLLocation.isURI(argument) { return PostgreSQLLocation.withoutPassword(argument) }
            if argument.hasPrefix("--db="), PostgreSQLLocation.isURI(String(argument.dropFirst(5))) {
                return "--db=" + PostgreSQLLocation.withoutPassword(String(argument.dropFirst(5)))
            }
            return argument
        }
        return ChangeDescription(
            author: Text.printable(name), command: ChangeDescription.commandLine(shown), date: try changeTime() ?? Date(),
            isDefaultAuthor: named == nil)
    }

    /// The time `$ISNAD_CHANGE_TIME` fixes for the changes (``ChangeDescription/time(fixedBy:)``),
    /// nil when it is not set. Any other value is refused (exit 64), before anything is changed:
    /// a mistyped one taken for the present time would quietly make a store meant to be
    /// reproducible another each time it is built.
    func changeTime() throws(UsageError) -> Date? {
        let name = ChangeDescription.changeTimeVariable
        guard let text = try IsnadCLI.environmentValue(name, in: environment) else { return nil }
        guard let date = ChangeDescription.time(fixedBy: text) else {
            // A time in milliseconds (JavaScript's Date.now(), 13 digits since 2001) is a thousand
            // times too late.
            let seconds =
                text.utf8.count >= 13 && text.allSatisfy(\.isASCII) && !text.dropLast(3).hasPrefix("0")
                ? ChangeDescription.time(fixedBy: String(text.dropLast(3))) : nil
            let milliseconds = seconds.map { _ in " (milliseconds? those are \(text.dropLast(3)) seconds)" } ?? ""
            throw UsageError(
                message:
                    "$\(name) is \"\(Text.printable(text))\"\(milliseconds): it fixes the time of changes as a whole number of seconds since 1970 (UTC), from 0 to \(ChangeDescription.latestChangeTime) (the end of 9999), in the digits 0-9 alone; unset it for the present time"
            )
        }
        return date
    }

    /// The user's login name, from the system's user database; `$USER` when it has none.
    static var loginName: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
            let text = String(cString: name)
            if !text.isEmpty { return text }
        }
        return getenv("USER").map { String(cString: $0) } ?? "unknown"
    }

    /// Writes text to standard output.
    func print(_ text: String) throws {
        try output.write(text)
    }

    /// Runs `body`, and with `--timing` reports how long it took on standard error.
    func measure<T>(_ isEnabled: Bool, _ body: () throws -> T) rethrows -> T {
        try Timing.measure(isEnabled, report: standardError, body)
    }
}
