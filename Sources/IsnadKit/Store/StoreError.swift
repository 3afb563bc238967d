/// Why a store cannot be used, in the words a user needs. The messages name no command or
/// option: a program adds what its user can do about it (the CLI names `--db`, `isnad init` …).
public enum StoreError: Error, CustomStringConvertible, Sendable {
    /// No file at the path (query commands never create one).
    case missing(path: String)
    /// The file is an SQLite database that another program made.
    case notAnIsnadStore(path: String)
    /// The PostgreSQL schema a store name names holds tables that are not an Isnad store's.
    case notAnIsnadSchema(path: String)
    /// The store was written by a newer Isnad.
    case newerSchema(path: String, found: Int, supported: Int)
    /// The names' search keys were made by a newer Isnad, whose name folding this one does not
    /// know: its search would miss names, and its writes would leave keys of two foldings.
    case newerNameKeys(path: String, found: Int, supported: Int)
    /// A new store cannot be created there (a missing or write-protected folder).
    case cannotCreate(path: String, reason: String)
    /// A store is not made or written at this path: it names a companion file of the SQLite database
    /// `database` (``GraphStore/databaseTakingAsItsOwn(_:)``), which SQLite would roll into that
    /// database or delete.
    case companionName(path: String, database: String)
    /// The file to read is a log, index or journal SQLite keeps beside `database`, not a store.
    case companionRead(path: String, database: String)
    /// A new store is not made through a symbolic link to nothing: it would appear somewhere
    /// the user never named.
    case danglingLink(path: String)
    /// A new store is not made where a file by its companion's name (`-wal`, `-shm`,
    /// `-journal`) is already there: SQLite would take that file for the new store's own.
    case companionExists(path: String, companion: String)
    /// A file SQLite keeps beside the store (`-wal`, `-shm`, `-journal`) is there but is not a
    /// regular file: a symbolic link (SQLite follows none, and a link could lead it to write into
    /// another file), a FIFO (reading it would wait for ever), a folder or a device. A store
    /// handed on in a folder may come with one.
    case companionNotAFile(path: String, companion: String, kind: String)
    /// The store's file has other names (hard links): SQLite keeps a write-ahead log beside the
    /// name it opened, so writers through two names each keep their own and corrupt the file.
    case severalNames(path: String, names: Int)
    /// The store's file (or its folder) cannot be written, and the command must write.
    case readOnly(path: String)
    /// The store needs an upgrade (an older schema, or search keys folded by an older Isnad)
    /// that cannot be written: `reason` says why.
    case needsUpgrade(path: String, found: Int, supported: Int, reason: String)
    /// A store on PostgreSQL that needs an upgrade (an older schema, or search keys folded by an
    /// older Isnad) which only `owner`, the role owning its tables, can make: the role that
    /// connected owns none of them (a reader or writer after Isnad was upgraded).
    case needsOwnersUpgrade(path: String, found: Int, supported: Int, owner: String)
    /// `init --roles` found roles of the store's role names on the server that hold no grant on
    /// this store (another database's store of the same name, or roles made by hand): granted
    /// the store, every role that holds them could use it.
    case rolesExist(path: String, roles: [String])
    /// Upgrading the store failed; it was left as it was, at version `from`.
    case upgradeFailed(path: String, from: Int, to: Int, cause: DatabaseError)
    /// The file was removed or replaced while this command waited to write to it.
    case moved(path: String)
    /// The path names something that is not a file: a folder, a FIFO, a device (`kind`).
    case notAFile(path: String, kind: String)
    /// The store's schema is not the one Isnad creates (a trigger, a view, an index or a column
    /// that another program added or changed): `difference` is the first difference found,
    /// `count` how many there are.
    case alteredSchema(path: String, difference: String, count: Int)
    /// A stored value that Isnad never writes (outside its vocabulary or range, or text with a
    /// control character): `record` names the record, `field` its field.
    case invalidValue(path: String, record: String, field: String, problem: String)

    /// A PostgreSQL hot standby, where an export that marks a neighbourhood first cannot run.
    case cannotMarkOnStandby(path: String)
    /// A store read without a snapshot (its folder is read-only to this process) that its
    /// owner wrote to meanwhile.
    case changedWhileRead(path: String)
    /// A dry run on a store this process may only read: it makes its change in the store's own
    /// write transaction and takes it back, which needs the write access the real run needs.
    case dryRunOnReadOnly(path: String)
    /// A store whose write-ahead log holds changes, with no index of it beside it (a copy
    /// made without it, or a crash that lost it), in a folder this process cannot write: SQLite
    /// reads the log only through that index, which it would have to create there.
    case logWithoutIndex(path: String)
    /// The file is empty (or an SQLite database with nothing in it): no store, which a command
    /// that reads or changes one needs.
    case emptyFile(path: String)

    public var description: String {
        switch self {
        case .missing(let path):
            "no store at \(Text.printableFileName(path))"
        case .notAnIsnadStore(let path):
            "\(Text.printableFileName(path)) is an SQLite database but not an Isnad store"
        case .notAnIsnadSchema(let path):
            "\(Text.printableFileName(path)) is a PostgreSQL schema that holds other tables, not an Isnad store: name another store (--store, or store= in the URI)"
        case .newerSchema(let path, let found, let supported):
            "\(Text.printableFileName(path)) was written by a newer Isnad (schema version \(found); this isnad reads up to \(supported)): upgrade isnad"
        case .newerNameKeys(let path, let found, let supported):
            "\(Text.printableFileName(path)) was written by a newer Isnad (its names are searched by keys of version \(found); this isnad makes version \(supported)): upgrade isnad"
        case .cannotCreate(let path, let reason):
            "cannot create a store at \(Text.printableFileName(path)) (\(reason)): check that the folder exists and can be written"
        case .companionName(let path, let database):
            "\(Text.printableFileName(path)) would be taken by SQLite for a file of the database \(Text.printableFileName(database)) (its -wal, -shm or -journal), which would overwrite it, roll it into that database or delete it: name the store otherwise"
        case .companionRead(let path, let database):
            "\(Text.printableFileName(path)) is a file SQLite keeps beside the database \(Text.printableFileName(database)) (its -wal, -shm or -journal), not a store: name \(Text.printableFileName(database)) itself"
        case .companionExists(let path, let companion):
            "\(Text.printableFileName(companion)) is there already, and SQLite would take it for a file of a new store at \(Text.printableFileName(path)) and overwrite or delete it: move it away, or name the new store otherwise"
        case .companionNotAFile(let path, let companion, let kind):
            "\(Text.printableFileName(path)) cannot be opened: \(Text.printableFileName(companion)) is \(kind), where SQLite keeps the store's log, index or journal as a file of its own; it would wait, fail or write through it: move it away"
        case .danglingLink(let path):
            "\(Text.printableFileName(path)) is a symbolic link to a file that does not exist; name the new store's file itself"
        case .severalNames(let path, let names):
            "\(Text.printableFileName(path)) is one file under \(names) names (hard links: ln, cp -al, rsync --link-dest): SQLite keeps a store's log beside the name it opens, so writers through two names would corrupt it, and a change through one changes the others: write to a copy of its own (isnad copy, or cp without -l); a symbolic link is safe"
        case .cannotMarkOnStandby(let path):
            "\(Text.printableFileName(path)) is a read replica (a hot standby), where no temporary table can be made: an export with --focus needs the primary"
        case .dryRunOnReadOnly(let path):
            "\(Text.printableFileName(path)) may only be read ("
                + (FileSystem.anotherUsersLog(ofStore: path) ?? FileSystem.unwritablePart(ofStore: path)
                    ?? "check the file's and its folder's permissions")
                + "): a dry run makes its change in the store, checks it and takes it back, so it needs the write access the real run needs; dry-run a copy (isnad copy \(Text.printableFileName(path)) COPY.db, then --db COPY.db)"
        case .readOnly(let path):
            if let advice = FileSystem.anotherUsersLog(ofStore: path) {
                "\(Text.printableFileName(path)): cannot write to the store: \(advice)"
            } else {
                "\(Text.printableFileName(path)) is read-only: this command must write to the store ("
                    + (FileSystem.unwritablePart(ofStore: path) ?? "check the file's and its folder's permissions") + ")"
            }
        case .needsUpgrade(let path, let found, let supported, let reason):
            (found < supported
                ? "\(Text.printableFileName(path)) is schema version \(found); upgrading it to \(supported) needs write access"
                : "\(Text.printableFileName(path)) holds search keys made by an older Isnad; remaking them needs write access")
                + ": \(reason)"
        case .needsOwnersUpgrade(let path, let found, let supported, let owner):
            (found < supported
                ? "\(Text.printableFileName(path)) is at schema version \(found), and this isnad needs \(supported)"
                : "\(Text.printableFileName(path)) holds search keys made by an older Isnad, which this isnad must remake")
                + ": only the store's owner, \(Text.printable(owner)), can upgrade it, which any isnad command run as \(Text.printable(owner)) does; nothing was read or written"
        case .rolesExist(let path, let roles):
            "\(Text.printableFileName(path)): the role\(roles.count == 1 ? "" : "s") \(roles.map { Text.printable($0) }.joined(separator: " and ")) \(roles.count == 1 ? "is" : "are") on the server already, granted no part of this store (roles are shared by every database: another database's store of this name, or made by hand), and every role that holds \(roles.count == 1 ? "it" : "them") would get this store too"
        case .upgradeFailed(let path, let from, let to, let cause):
            "upgrading \(Text.printableFileName(path)) from schema version \(from) to \(to) failed, and the store was left as it was (version \(from)): \(cause.message)"
        case .notAFile(let path, let kind):
            "\(Text.printableFileName(path)) is \(kind), not a store file"
        case .alteredSchema(let path, let difference, let count):
            "\(Text.printableFileName(path)): \(difference)"
                + (count > 1 ? " (and \(count - 1) other difference\(count > 2 ? "s" : ""))" : "")
                + ": this store was changed by another program"
        case .invalidValue(let path, let record, let field, let problem):
            "\(Text.printableFileName(path)): \(record): \(field): \(problem)"
        case .changedWhileRead(let path):
            "\(Text.printableFileName(path)) was written by another process while this command read it: its folder is read-only to you, so no snapshot of it could be held, and what was read may mix the store before and after; run the command again (or read a copy: isnad copy)"
        case .logWithoutIndex(let path):
            "\(Text.printableFileName(path)) cannot be read here: its write-ahead log (\(Text.printable(path + "-wal"))) holds changes not yet in the file, and SQLite reads them only through an index (\(Text.printable(path + "-shm"))) that it must create in \(Text.printable(FileSystem.folder(of: path))), which you cannot write; whoever can write there can open the store once with Isnad (any command), which makes that index"
        case .emptyFile(let path):
            "no store at \(Text.printableFileName(path)): the file is empty (isnad init or isnad import makes a store there)"
        case .moved(let path):
            "\(Text.printableFileName(path)) was removed or replaced while this command waited to write to it; nothing was written: run the command again"
        }
    }
}

extension StoreError {
    /// A record read from the store that an import would refuse (``RecordDecoder/firstProblem(inLine:)``),
    /// as ``invalidValue(path:record:field:problem:)``: `stored value "x" is not a slug`, or, for a
    /// rule that names no value, `… (as stored)`.
    public static func unimportable(_ problem: RecordProblem, path: String, record: @autoclosure () -> String) -> StoreError {
        let message =
            problem.message.hasPrefix("\"") ? "stored value \(problem.message)" : "\(problem.message) (as stored)"
        return .invalidValue(path: path, record: problem.record ?? record(), field: problem.field ?? "record", problem: message)
    }
}
