import Foundation

/// An Isnad store: entities, sources and claims in one SQLite file.
///
/// Opening a store checks that the file is an Isnad store, refuses one written by a newer
/// Isnad, and upgrades an older one in a single transaction. Any number of processes may open
/// the same store at once, even one that does not exist yet or needs upgrading: the schema is
/// created or upgraded by exactly one of them, under the write lock.
///
/// A store opened for reading (``Access/read``) reads one snapshot: the store as it was when
/// it was opened, whatever other processes commit meanwhile, until it is released.
public final class GraphStore {
    /// How a command uses the store.
    public enum Access: Sendable {
        /// Queries: the store must exist; it is opened read-only, in one read transaction.
        case read
        /// Changes: the store must exist.
        case write
        /// Changes, creating the store if it is missing.
        case create
        /// Changes that are rolled back (a dry run): the store must exist. As ``write``: the
        /// change is made in the store's own transaction and taken back, so a store this process
        /// may only read is refused (``StoreError/dryRunOnReadOnly(path:)``), with the way round.
        case dryRun
        /// Inspection (`isnad check`): like ``read``, but a store whose schema another program
        /// changed is opened all the same, read only and never upgraded, with what differs in
        /// ``schemaDifferences``. Nothing planted in it runs: it is only read, and its triggers
        /// and views may call no function with side effects.
        case examine
    }

    /// Marks the file as an Isnad store (`PRAGMA application_id`, "ISND").
    public static let applicationID: Int64 = 0x4953_4E44

    /// The connection: internal, so that everything above the store reads and writes through
    /// the store's own methods.
    let database: Database
    /// False on a PostgreSQL hot standby, where no table can be made, not even a temporary one:
    /// the marking that focused exports do (GraphStore+Marking) is refused there.
    private(set) var canMarkEntities = true
    public let path: String
    public let vocabulary: Vocabulary
    /// The storage engine and its version, such as `SQLite 3.40.1`.
    public static var engineDescription: String { "SQLite \(Database.libraryVersion)" }
    /// The path of a store that lives in memory only, for as long as it is open.
    public static let inMemory = ":memory:"
    /// How large the write-ahead log (`-wal`) is left, in bytes, once a change starts it over
    /// (`PRAGMA journal_size_limit`): 4 MiB, room for the changes of a few hundred small commands.
    static let writeAheadLogKept = 4 << 20

    /// The page cache of a reading connection, as `PRAGMA cache_size` takes it: 2 MiB. A command
    /// reads most pages once (a neighbourhood's claims, a listing, an export), and every page
    /// the cache grows by is memory the process touches for the first time, which costs about
    /// what reading the page again from the system's file cache does. With 32 MiB a survey at a
    /// million claims took 4,300 page faults and reads, with 2 MiB 3,100, and a fifth less time;
    /// paths, which come back to index pages, took as long (Benchmarks/RESULTS.md).
    static let readingPageCache = -2000
    /// The page cache of a writing connection: 32 MiB, so that a large change is not written
    /// into the write-ahead log before its commit (an import sets its own, larger).
    static let writingPageCache = -32768

    /// Whether opening the store created it: this connection wrote the schema into a file that
    /// held no store (a missing file, or an empty one), so the command that opened it made it.
    public private(set) var wasCreated = false
    /// Whether opening made the store's file: false for a file that was there, if empty, before
    /// (one a user made with `touch`, with the owner and permissions they chose), which
    /// ``removeCreatedStore()`` never deletes. On PostgreSQL, where there is no file, the same as
    /// ``wasCreated``: the store's tables are all there is of it.
    public private(set) var madeItsFile = false
    /// The schema version an older store was upgraded from when it was opened.
    public private(set) var upgradedFrom: Int?
    /// How the schema differs from the one Isnad creates, one line each: empty unless the store
    /// was opened with ``Access/examine`` and another program changed its schema.
    public private(set) var schemaDifferences: [String] = []
    /// The history entries this connection committed (``changing(_:isDryRun:_:)``), in order: a
    /// command whose output fails after them says that its change was made all the same.
    public internal(set) var committedEntries: [Int] = []
    /// The store's write-ahead log (its `-wal` file) when it may still hold data of a change
    /// this connection rolled back (a refused import, a dry run), nil otherwise: another
    /// connection reading the store kept the log from being emptied
    /// (``clearLogOfRolledBackChange(after:)``). It stays in the file until the store is next
    /// changed with no other connection reading it.
    public private(set) var logHoldingRolledBackChange: String?
    /// Called once when a write must wait for another process's write to finish.
    public var onWaitingForWriteLock: WriteLockWait?
    /// Entity types and source grades, remembered while reading claims.
    let rowMemo = RowMemo()

    /// Opens the store at `path`. `onWaitingForWriteLock` is called once if creating or
    /// upgrading the store, or a later write, must wait for another process; such a wait ends
    /// in an error after `writeLockWaitLimit` seconds (``DatabaseError/writeLockWaitLimit``),
    /// and lasts as long as it takes when that is nil.
    public init(
        path: String, access: Access, vocabulary: Vocabulary = .standard, writeLockWaitLimit: Int? = nil,
        onWaitingForWriteLock: WriteLockWait? = nil
    ) throws {
        self.path = path
        self.vocabulary = vocabulary
        self.onWaitingForWriteLock = onWaitingForWriteLock
        let exists = FileSystem.exists(path)
        if !exists, access != .create { throw StoreError.missing(path: path) }
        if !exists, path != GraphStore.inMemory { try GraphStore.checkNameForNewStore(path) }
        // A database's log or index named as the store (an SQLite database by that name, a store
        // once copied there, is read: only a write would put it at risk, and is refused below).
        // Where SQLite keeps them: beside the file a link leads to, not beside the link's name.
        if exists, access == .read || access == .examine, path != GraphStore.inMemory {
            let file = FileSystem.resolvedPath(path) ?? path
            if let database = GraphStore.databaseTakingAsItsOwn(file),
                !GraphStore.isSQLiteDatabase(file)
            {
                throw StoreError.companionRead(path: path, database: GraphStore.databaseTakingAsItsOwn(path) ?? database)
            }
        }
        if access == .create || access == .write || access == .dryRun, path != GraphStore.inMemory {
            // Even when the file is there, and through a link: a database's own log or journal,
            // opened to be written as a store.
            if let database = GraphStore.databaseTakingAsItsOwn(FileSystem.resolvedPath(path) ?? path) {
                throw StoreError.companionName(path: path, database: database)
            }
            if exists, let names = FileSystem.linkCount(path), names > 1 {
                throw StoreError.severalNames(path: path, names: names)
            }
        }
        // Before SQLite opens it: opening a FIFO would wait for a writer, and a folder fails as an I/O error.
        if exists, path != GraphStore.inMemory, let kind = FileSystem.kindOfNonRegularFile(path) {
            throw StoreError.notAFile(path: path, kind: kind)
        }
        // Beside the file a link leads to, where SQLite looks for them (with O_NOFOLLOW: a link
        // there failed as "unable to open database file", and a FIFO named -journal hung the read).
        if exists, path != GraphStore.inMemory {
            let file = FileSystem.isSymbolicLink(path) ? FileSystem.resolvedPath(path) ?? path : path
            for companion in GraphStore.files(at: file).dropFirst() {
                if let kind = FileSystem.kindOfNonRegularEntry(companion) {
                    throw StoreError.companionNotAFile(path: path, companion: companion, kind: kind)
                }
            }
        }
        // A dry run makes its change in the store's transaction, and takes it back.
        if access == .dryRun, GraphStore.cannotWrite(path) { throw StoreError.dryRunOnReadOnly(path: path) }
        // Made before SQLite makes it: SQLite gives a new store 0644 whatever the umask, and its
        // -wal and -shm the store's own permissions, so a group sharing a folder (umask 002) got a
        // store only its maker could write. (Not made here, SQLite says why as it opens it.) A
        // file another process made meanwhile is not this one's to remove on failure.
        madeItsFile =
            !exists && path != GraphStore.inMemory && (FileSystem.makeEmptyFile(path) || errno != EEXIST)
        do {
            database = try GraphStore.connect(path: path, access: access, exists: exists)
            database.writeLockWaitLimit = writeLockWaitLimit
        } catch {
            // SQLite makes the file on opening; a first read that then fails (a failing device)
            // must not leave an empty file that the next command takes for a store someone made.
            if !exists, path != GraphStore.inMemory, FileSystem.regularFileSize(path) == 0 {
                for file in [path, path + "-wal", path + "-shm"] { FileSystem.remove(file) }
            }
            if !exists, let error = error as? DatabaseError, error.kind == .cannotOpen {
                throw StoreError.cannotCreate(path: path, reason: error.message)
            }
            throw error
        }
        do {
            // SQLite opens a write-protected file read-only without a word; say it now, not at the first write.
            if access == .write || access == .create || access == .dryRun, database.isReadOnly {
                throw StoreError.readOnly(path: path)
            }
            let isReading = access == .read || access == .examine
            let pageCache = isReading ? GraphStore.readingPageCache : GraphStore.writingPageCache
            try database.execute("PRAGMA foreign_keys = ON; PRAGMA cache_size = \(pageCache)")
            try database.registerTextFunction("isnad_fold", NameKey.fold)
            try database.registerTextFunction("isnad_consonant_key") { NameKey.consonants(ofFolded: NameKey.fold($0)) }
            if isReading {
                try beginReading(toleratingChangedSchema: access == .examine)
            } else {
                // What a change removes (a source's name made a pseudonym, a retracted reason, an
                // undone import) is zeroed in the file, not left in its free pages for `strings` to
                // find in a store handed on; SQLite's default depends on how it was built.
                try database.execute("PRAGMA secure_delete = ON")
                try prepareSchema(mayCreate: access == .create)
                // The write-ahead log grows with the largest change since it was last emptied (an
                // import of a million claims: gigabytes), and stays that size on disk while
                // another connection keeps the store open (a DB browser, a teammate's query):
                // cut back when a change next starts it over.
                try database.execute("PRAGMA synchronous = FULL; PRAGMA journal_size_limit = \(GraphStore.writeAheadLogKept)")
            }
        } catch {
            // A store this command was making when it failed is not left behind.
            if !exists { _ = GraphStore.removeUnused(database, path: path) }
            throw error
        }
    }

    /// Refuses `path` as the name of a new store: a link to nothing (the store would be made
    /// where the user never named), a companion file of an SQLite database there, or a name
    /// beside a log or journal left by another store, which SQLite would take for the new
    /// store's own and roll in or delete. A journal whose store is there by now is another
    /// process's, creating the same store at the same moment: no reason to refuse.
    static func checkNameForNewStore(_ path: String) throws {
        if FileSystem.isSymbolicLink(path) { throw StoreError.danglingLink(path: path) }
        if let database = GraphStore.databaseTakingAsItsOwn(path) {
            throw StoreError.companionName(path: path, database: database)
        }
        if let companion = GraphStore.files(at: path).dropFirst().first(where: FileSystem.exists), !FileSystem.exists(path) {
            throw StoreError.companionExists(path: path, companion: companion)
        }
    }

    /// Folds the write-ahead log into the store's file and empties it (a checkpoint that waits
    /// for nobody): for a store made under another name, whose log would not follow it when it
    /// is renamed. Throws when the log could not be folded in whole.
    func foldLogIntoFile() throws {
        let checkpoint = try database.prepare("PRAGMA wal_checkpoint(TRUNCATE)")
        // One row: whether another connection kept it from finishing, the log's frames, and those folded in.
        guard try checkpoint.step(), checkpoint.int64(0) == 0, checkpoint.int64(1) == checkpoint.int64(2) else {
            throw DatabaseError(
                resultCode: .busy, message: "another connection kept the log from being folded into the file", path: path)
        }
    }

    /// Opens the store on PostgreSQL at `location`. For reading (``Access/read``,
    /// ``Access/examine``): one snapshot (`REPEATABLE READ, READ ONLY`) for every query, from
    /// when it opens until it is released. For writing: each write transaction first takes the
    /// store's advisory lock, so that writers to one store run one after the other, as on SQLite
    /// (none loses another's update). A missing store is created with ``Access/create``, an older
    /// one upgraded, under that lock.
    public init(
        postgreSQL location: PostgreSQLLocation, access: Access, vocabulary: Vocabulary = .standard,
        writeLockWaitLimit: Int? = nil, onWaitingForWriteLock: WriteLockWait? = nil
    ) throws {
        let store = try PostgreSQLStore(location: location, access: access, onWaitingForWriteLock: onWaitingForWriteLock)
        path = location.description
        self.vocabulary = vocabulary
        self.onWaitingForWriteLock = onWaitingForWriteLock
        upgradedFrom = store.upgradedFrom
        wasCreated = store.wasCreated
        madeItsFile = store.wasCreated
        let isReading = access == .read || access == .examine
        database = Database(postgreSQL: store.connection, isReadOnly: isReading)
        database.writeLockWaitLimit = writeLockWaitLimit
        // A hot standby (a read replica) creates no table, not even a temporary one: there every
        // query runs but the exports that mark a set of entities first (`--focus`), which need the primary.
        canMarkEntities = try !isReading || database.prepare("SELECT pg_is_in_recovery()").scalarInteger() != 1
        if canMarkEntities { try database.execute(GraphStore.postgreSQLTemporaryTables) }
        guard isReading else { return }
        try database.beginTransaction(.deferred)
        // The snapshot is taken at the first statement: now, not at the first query.
        try database.execute("SELECT 1")
    }

    /// Throws ``StoreError/changedWhileRead(path:)`` when the store was read as immutable (its
    /// folder is read-only to this process) and its file changed since it was opened: whoever
    /// owns the folder wrote to it, and what was read may mix two states. A command checks it
    /// before an output file appears, and once it is done.
    public func checkReadWasWhole() throws {
        if database.fileChangedSinceOpened { throw StoreError.changedWhileRead(path: path) }
    }

    /// SQLite makes the log and its index (`-wal`, `-shm`) with the store's permissions, and a
    /// reader cannot remove them: from a store made read-only (chmod 444) they stayed read-only
    /// after it was made writable again, and refused every write. Its owner may write them:
    /// beside the file the path resolves to, where SQLite keeps them (not beside a link's name),
    /// and only files this process owns.
    private static func letOwnerWriteLog(of path: String) {
        guard path != inMemory else { return }
        let file = FileSystem.resolvedPath(path) ?? path
        for suffix in ["-wal", "-shm"] { FileSystem.letOwnerWrite(file + suffix) }
    }

    /// Whether this process may not write the store at `path`: its file, its folder (where SQLite
    /// makes its write-ahead log) or a log or index there is read-only to it.
    static func cannotWrite(_ path: String) -> Bool {
        guard path != inMemory, FileSystem.exists(path) else { return false }
        let file = FileSystem.resolvedPath(path) ?? path
        return !FileSystem.isWritable(file) || !FileSystem.isWritable(FileSystem.folder(of: file))
            || ["-wal", "-shm"].contains { FileSystem.exists(file + $0) && !FileSystem.isWritable(file + $0) }
    }

    /// Opens the connection. A store in WAL mode is read through a shared-memory index next to
    /// it; when its folder cannot be written, that index cannot be created, and the store is
    /// read as immutable instead. Its owner may still write to it meanwhile: that is told by
    /// ``checkReadWasWhole()``.
    private static func connect(path: String, access: Access, exists: Bool) throws -> Database {
        // Left so by a reader of the store while it was read-only, before this Isnad (below);
        // before the connection opens them, which a later writer in this process shares.
        if exists { letOwnerWriteLog(of: path) }
        guard access == .read || access == .examine else {
            return try Database(path: path, access: exists ? .readWrite : .create)
        }
        // Before SQLite makes a log and an index this process may then not write either.
        let mayWrite = !cannotWrite(path)
        let database = try Database(path: path, access: .readOnly)
        database.removesEmptyLogOnClose = mayWrite
        let problem: DatabaseError
        do throws(DatabaseError) {
            _ = try database.integerPragma("user_version")
            // Made by this first read with the store's permissions: read-only only when the
            // store is (so a query of a writable store pays nothing more here).
            if !FileSystem.isWritable(path) { letOwnerWriteLog(of: path) }
            return database
        } catch {
            problem = error
        }
        // Immutable reading skips the write-ahead log, so it is only right when there is none.
        // Reached when the index cannot be made: the folder is read-only to this process, or
        // its disk is full (so that a store can still be read, and copied off that disk). The
        // folder and the log are the file's, where a link leads: SQLite keeps them there.
        let file = FileSystem.resolvedPath(path) ?? path
        let isFolderReadOnly =
            (problem.kind == .readOnly || problem.kind == .cannotOpen) && !FileSystem.isWritable(FileSystem.folder(of: file))
        guard isFolderReadOnly || problem.kind == .diskFull else { throw problem }
        if (FileSystem.regularFileSize(file + "-wal") ?? 0) > 0 {
            if isFolderReadOnly, !FileSystem.exists(file + "-shm") { throw StoreError.logWithoutIndex(path: path) }
            throw problem
        }
        return try Database(path: path, access: .immutable)
    }

    // MARK: Schema

    /// What opening found in the file.
    private enum Schema: Equatable {
        /// A new, empty file.
        case empty
        /// This Isnad's schema and search keys.
        case current
        /// An older schema (`version`), or search keys folded by an older Isnad.
        case outdated(version: Int)
        /// A schema that another program changed, opened for ``Access/examine``.
        case changed
    }

    /// Looks at the file's header and meta table. In a transaction, what it finds is what the
    /// transaction sees.
    ///
    /// The schema is compared with the one the store's version should have before anything else
    /// is read from its tables, and before any migration writes to them: a store with another
    /// schema throws ``StoreError/alteredSchema(path:difference:count:)``, unless
    /// `toleratingChangedSchema`, when its differences are kept in ``schemaDifferences``.
    private func inspectSchema(toleratingChangedSchema: Bool = false) throws -> Schema {
        // The version and the schema must come from one snapshot: another process may upgrade the store in between.
        if database.isAutocommit {
            try database.beginTransaction(.deferred)
            defer { database.rollbackIfOpen() }
            return try inspectSchema(toleratingChangedSchema: toleratingChangedSchema)
        }
        let version = Int(try database.integerPragma("user_version"))
        let application = try database.integerPragma("application_id")
        if try database.integerPragma("page_count") == 0 || (version == 0 && application == 0 && isBlank()) { return .empty }
        if application != GraphStore.applicationID { throw StoreError.notAnIsnadStore(path: path) }
        if version > Migrations.currentVersion {
            throw StoreError.newerSchema(path: path, found: version, supported: Migrations.currentVersion)
        }
        // The schema first: the name keys' version is read from the meta table, which another
        // program may have dropped (said as the change it is, not as SQLite's "no such table").
        let differences = try StoreSchema.differences(in: database, version: version)
        if let first = differences.first {
            guard toleratingChangedSchema else {
                throw StoreError.alteredSchema(path: path, difference: first.description, count: differences.count)
            }
            schemaDifferences = differences.map(\.description)
            database.mayNameIndexes = false
            return .changed
        }
        if version >= 2, let keys = try storedNameKeyVersion(), keys > NameKey.version {
            throw StoreError.newerNameKeys(path: path, found: keys, supported: NameKey.version)
        }
        if try version < Migrations.currentVersion || storedNameKeyVersion() != NameKey.version {
            return .outdated(version: version)
        }
        return .current
    }

    private func isBlank() throws -> Bool {
        try database.prepare("SELECT count(*) FROM sqlite_schema").scalarInteger() == 0
    }

    private func storedNameKeyVersion() throws -> Int? {
        let text = try database.prepare("SELECT value FROM meta WHERE key = 'name_key_version'").scalarText()
        return text.flatMap { Int($0) }
    }

    /// For writing: creates or upgrades the schema if needed. Another process may be doing the
    /// same at the same moment, so the decision is taken again under the write lock, and the
    /// schema, the upgrade and the new search keys are committed together.
    private func prepareSchema(mayCreate: Bool) throws {
        var schema = try inspectSchema()
        // An empty file where a store should be (emptied by a copy onto a full disk, say) is said
        // to be so, not quietly made a new store that hides the loss; but first the write lock is
        // waited for, since another process (an import, init) may be creating the store right now.
        if schema == .empty, !mayCreate {
            try inWriteTransaction {
                schema = try inspectSchema()
                return .rollback
            }
            if schema == .empty { throw StoreError.emptyFile(path: path) }
        }
        // The schema is now known to be Isnad's own (or the file is empty, and the migrations will
        // write it): its triggers, which keep the name index (an FTS5 table) in step, may run.
        // SQLite lets a trigger write to a virtual table only when the schema is trusted.
        try database.execute("PRAGMA trusted_schema = ON")
        // A store another tool left in a rollback journal (a `VACUUM INTO` copy, `PRAGMA
        // journal_mode = DELETE`) locks its readers out while it is written, and its writers out
        // while it is read: back to WAL, which takes a moment when nobody else has it open, and
        // is tried again by the next writer when somebody has.
        if schema != .empty, path != GraphStore.inMemory,
            try database.prepare("PRAGMA journal_mode").scalarText()?.lowercased() != "wal"
        {
            _ = try? database.prepare("PRAGMA journal_mode = WAL").scalarText()
        }
        if schema == .current { return }
        // Outside a transaction, as SQLite requires; a no-op when another process did it first.
        if schema == .empty {
            try database.retryingWhileBusy { () throws(DatabaseError) in
                try database.execute("PRAGMA journal_mode = WAL")
            }
        }
        // Only what fails once the write lock is held is a failed upgrade; `found` is nil before.
        var found: Schema?
        do {
            try inWriteTransaction {
                found = schema
                found = try inspectSchema()
                guard found != .current else { return .commit }
                let keysAreCurrent = try searchKeysAreCurrent(in: found)
                try Migrations.migrate(database)
                if !keysAreCurrent { try refreshSearchKeys() }
                return .commit
            }
        } catch {
            if case .outdated(let version)? = found, let cause = error as? DatabaseError {
                throw StoreError.upgradeFailed(path: path, from: version, to: Migrations.currentVersion, cause: cause)
            }
            throw error
        }
        switch found {
        case .empty?: wasCreated = path != GraphStore.inMemory
        case .outdated(let version)? where version < Migrations.currentVersion: upgradedFrom = version
        default: break
        }
    }

    /// For reading: starts the read transaction that every query of this store runs in, and
    /// that stays open as long as the store (one snapshot for all its queries; it is not a
    /// scoped ``Database/inTransaction(_:onWait:_:)`` for that reason). An older store is first
    /// upgraded through a writable connection, when the file allows it; an empty file is no store.
    private func beginReading(toleratingChangedSchema: Bool) throws {
        var schema = Schema.empty
        for attempt in 0..<2 {
            // A deferred transaction takes no lock: the snapshot starts with the first read, just below.
            try database.beginTransaction(.deferred)
            do {
                schema = try inspectSchema(toleratingChangedSchema: toleratingChangedSchema)
            } catch {
                database.rollbackIfOpen()
                throw error
            }
            if schema == .current || schema == .changed { return }
            database.rollbackIfOpen()
            // An empty file (one that a writer has just created, say) holds no store yet, and a
            // query makes none: said as a write says it, with why.
            if schema == .empty { throw StoreError.emptyFile(path: path) }
            if attempt > 0 { break }
            do {
                let writer = try GraphStore(
                    path: path, access: .write, vocabulary: vocabulary, onWaitingForWriteLock: onWaitingForWriteLock)
                upgradedFrom = writer.upgradedFrom
            } catch let error as StoreError {
                guard case .readOnly = error else { throw error }
                throw needsUpgrade(schema, reason: writeProblem())
            } catch let error as DatabaseError where error.kind == .readOnly || error.kind == .cannotOpen {
                throw needsUpgrade(schema, reason: writeProblem(error))
            }
        }
        throw needsUpgrade(schema, reason: "another program changed it while this isnad upgraded it")
    }

    private func needsUpgrade(_ schema: Schema, reason: String) -> StoreError {
        let version = if case .outdated(let version) = schema { version } else { 0 }
        return StoreError.needsUpgrade(path: path, found: version, supported: Migrations.currentVersion, reason: reason)
    }

    /// Why the store cannot be written, in a few words.
    private func writeProblem(_ error: DatabaseError? = nil) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        if !FileSystem.isWritable(path) { return "the file is read-only" }
        if !FileSystem.isWritable(folder.isEmpty ? "." : folder) { return "its folder cannot be written" }
        for suffix in ["-wal", "-shm"] where FileSystem.exists(path + suffix) && !FileSystem.isWritable(path + suffix) {
            return "its \(suffix) file is read-only"
        }
        return error?.message ?? "it cannot be written"
    }

    /// Whether the names' search keys in a store of `schema` are made as this Isnad makes them,
    /// so that an upgrade need not write every name again (12 s at a million claims): they
    /// exist from schema version 2, and the store says which folding made them.
    private func searchKeysAreCurrent(in schema: Schema?) throws -> Bool {
        guard case .outdated(let version)? = schema, version >= 2 else { return false }
        return try storedNameKeyVersion() == NameKey.version
    }

    /// Recomputes every search key, for a new store, or when Isnad's name folding changed since
    /// they were written (and for ``reindexNames()``). Runs in the caller's transaction. Returns
    /// how many names' keys changed; with `rebuildingIndex`, the name search index is built
    /// again from every key, whatever changed.
    @discardableResult
    func refreshSearchKeys(rebuildingIndex: Bool = false) throws -> Int {
        // Only the keys that change are written: a new rule of folding changes few names (the
        // Latin names of the 1M-claim benchmark store, none), and writing all 312,550 of them
        // again, the trigram index rebuilt, takes 18 s. Each name is folded once, here; past a
        // few thousand changes, every key is written again in one statement.
        let most = 5_000
        var changed: [(row: Int64, key: String, consonants: String?)] = []
        var changes = 0
        try database.prepare("SELECT rowid, name, search_key, consonant_key FROM entity_name").forEachRow { row in
            let key = NameKey.fold(row.string(1))
            let consonants = NameKey.consonants(ofFolded: key)
            guard !row.hasText(2, equalTo: key) || row.text(3) != consonants else { return }
            changes += 1
            if changes <= most { changed.append((row.int64(0), key, consonants)) }
        }
        // Row by row, the trigger keeps the trigram index in step; past a few thousand it would
        // leave the index in as many segments as names (a search at a million claims a third
        // slower): then it is dropped for the update, and the index rebuilt whole after.
        let trigger =
            changes > most
            ? try database.prepare(
                "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'entity_name_search_update'"
            ).scalarText() : nil
        if trigger != nil { try database.execute("DROP TRIGGER entity_name_search_update") }
        if changes > most {
            try database.execute(
                "UPDATE entity_name SET search_key = isnad_fold(name), consonant_key = isnad_consonant_key(name)")
        } else {
            let update = try database.prepare("UPDATE entity_name SET search_key = ?2, consonant_key = ?3 WHERE rowid = ?1")
            for (row, key, consonants) in changed {
                try update.run([.integer(row), .text(key), consonants.map(Statement.Value.text) ?? .null])
            }
        }
        if let trigger { try database.execute(trigger) }
        if trigger != nil || rebuildingIndex {
            try database.execute("INSERT INTO entity_name_search (entity_name_search) VALUES ('rebuild')")
        }
        if try storedNameKeyVersion() != NameKey.version {
            try database.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('name_key_version', ?)")
                .run([.text(String(NameKey.version))])
        }
        return changes
    }

    // MARK: Writing

    /// Runs `body` in a write transaction, then commits or rolls back as it says; an error rolls
    /// back. The transaction starts by taking the write lock (BEGIN IMMEDIATE), waiting as long
    /// as another process writes (telling ``onWaitingForWriteLock`` once), and checks that the
    /// file is still the store at ``path``.
    /// A transaction rolled back after some of its pages went into the write-ahead log has the
    /// log emptied (``clearLogOfRolledBackChange(after:)``).
    func inWriteTransaction(_ body: () throws -> Database.TransactionCompletion) throws {
        let spilledBefore = database.pagesSpilled
        var completion = Database.TransactionCompletion.rollback
        do {
            try database.inTransaction(.immediate, onWait: onWaitingForWriteLock) {
                if database.hasMoved { throw StoreError.moved(path: path) }
                try refuseUpgradedMeanwhile()
                writeTransactionsBegun += 1
                openWriteTransaction = writeTransactionsBegun
                defer { openWriteTransaction = nil }
                completion = try body()
                return completion
            }
        } catch {
            if database.pagesSpilled > spilledBefore { clearLogOfRolledBackChange(after: error) }
            throw error
        }
        if completion == .rollback, database.pagesSpilled > spilledBefore { clearLogOfRolledBackChange(after: nil) }
    }

    /// How long emptying the log after a rollback waits for another connection that reads pages
    /// in it, in milliseconds: a moment, not as long as the reader reads (an export, a DB browser
    /// left open), which a refused import would otherwise seem to hang behind.
    static let rolledBackLogClearingWait: Int32 = 500

    /// Empties the write-ahead log and cuts it to nothing, after a rollback (`error` its cause,
    /// if any) of a transaction that outgrew the page cache: SQLite wrote some of its pages into
    /// the log before its end ("spilled" them), and a rollback leaves them in the file, past the
    /// end SQLite reads, where `strings` finds the records of a refused import or a dry run until
    /// later changes overwrite them (`secure_delete` never reaches the log). When another
    /// connection reads pages in the log (not those that read only the file), the log cannot be
    /// emptied: said by ``logHoldingRolledBackChange``. Not on a damaged store or failing device,
    /// whose log is not folded into the file (``Database/leaveLogOnClose()``), nor on a moved one.
    /// The bytes cut off go where a deleted file's go: see docs/guarantees.md.
    private func clearLogOfRolledBackChange(after error: Error?) {
        guard !database.isPostgreSQL, path != GraphStore.inMemory else { return }
        // Where SQLite keeps it: beside the file a link leads to.
        let log = (FileSystem.isSymbolicLink(path) ? FileSystem.resolvedPath(path) ?? path : path) + "-wal"
        let isFileInDoubt = [.corrupt, .deviceFailed, .inputOutput].contains((error as? DatabaseError)?.kind)
        guard !isFileInDoubt, !database.hasMoved else {
            logHoldingRolledBackChange = log
            return
        }
        database.setBusyTimeout(milliseconds: GraphStore.rolledBackLogClearingWait)
        defer { database.setBusyTimeout(milliseconds: Database.defaultBusyTimeout) }
        do {
            try foldLogIntoFile()
            logHoldingRolledBackChange = nil
        } catch {
            logHoldingRolledBackChange = log
        }
    }

    /// Refuses, under the write lock, a store a newer Isnad upgraded after this connection looked
    /// at it: a writer queued behind the upgrade would otherwise fill the newer schema as this
    /// version knows it (search keys of the older kind, rows the newer schema keeps elsewhere).
    /// The same refusal as at opening (``StoreError/newerSchema(path:found:supported:)``,
    /// ``StoreError/newerNameKeys(path:found:supported:)``), one read of the header or meta table.
    private func refuseUpgradedMeanwhile() throws {
        let version: Int?
        let keys: Int?
        let supported: Int
        if database.isPostgreSQL {
            var meta: [String: Int] = [:]
            try database.prepare("SELECT key, value FROM meta WHERE key IN ('schema_version', 'name_key_version')")
                .forEachRow { row in meta[row.string(0)] = Int(row.string(1)) }
            (version, keys, supported) = (meta["schema_version"], meta["name_key_version"], Migrations.currentPostgreSQLVersion)
        } else {
            version = Int(try database.integerPragma("user_version"))
            // A store being created has no meta table yet.
            keys = version ?? 0 >= 2 ? try storedNameKeyVersion() : nil
            supported = Migrations.currentVersion
        }
        if let version, version > supported { throw StoreError.newerSchema(path: path, found: version, supported: supported) }
        if let keys, keys > NameKey.version {
            throw StoreError.newerNameKeys(path: path, found: keys, supported: NameKey.version)
        }
    }

    /// How many write transactions this connection has begun.
    private var writeTransactionsBegun = 0
    /// The number of the write transaction under way (``inWriteTransaction(_:)``), or nil: what
    /// was read under it holds until it ends, as no other connection writes meanwhile.
    private(set) var openWriteTransaction: Int?

    /// Deletes the store's files (the store, its `-wal` and `-shm`), for a command that created
    /// the store and then failed, so that it leaves nothing behind. Only a store that this
    /// `GraphStore` created, that holds no entity, source or claim, and that no other connection
    /// has open is deleted: a process that opened it meanwhile keeps it. The store cannot be used
    /// afterwards. Returns whether the files were deleted.
    @discardableResult
    public func removeCreatedStore() -> Bool {
        guard wasCreated, madeItsFile else { return false }
        return GraphStore.removeUnused(database, path: path)
    }

    /// Deletes an empty store that no other connection has open; see ``removeCreatedStore()``.
    private static func removeUnused(_ database: Database, path: String) -> Bool {
        if database.isPostgreSQL { return removeUnusedPostgreSQLStore(database) }
        guard path != GraphStore.inMemory, !path.isEmpty else { return false }
        database.rollbackIfOpen()
        // A WAL store's first transaction in exclusive locking mode locks the file itself, which
        // fails at once while any other connection has it open; no one can open it meanwhile.
        database.setBusyTimeout(milliseconds: 0)
        defer {
            database.rollbackIfOpen()
            // Back to normal locking; the exclusive lock goes with the next read.
            try? database.execute("PRAGMA locking_mode = NORMAL; SELECT count(*) FROM sqlite_schema")
            database.setBusyTimeout(milliseconds: Database.defaultBusyTimeout)
        }
        var isRemoved = false
        do {
            try database.execute("PRAGMA locking_mode = EXCLUSIVE")
            try database.inTransaction(.exclusive) {
                let hasSchema =
                    try database.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'entity'").scalarInteger() == 1
                let isEmpty =
                    try !hasSchema
                    || database.prepare(
                        "SELECT NOT EXISTS (SELECT 1 FROM entity) AND NOT EXISTS (SELECT 1 FROM source) AND NOT EXISTS (SELECT 1 FROM claim)"
                    ).scalarInteger() == 1
                guard isEmpty, !database.hasMoved else { return .rollback }
                // Closing must not delete, by name, a log that another store created there by then.
                database.keepWriteAheadLogOnClose()
                for file in [path, path + "-wal", path + "-shm"] { FileSystem.remove(file) }
                isRemoved = true
                // Nothing was written: the lock only kept everyone out while the files went.
                return .rollback
            }
        } catch {
            // A full disk leaves no room for the shared-memory index, so no lock to be had: a
            // file still empty, with no log, holds nothing of anyone's, and was this command's
            // own. (Another process's lock is no such reason: the file may be its store by now.)
            if !isRemoved, (error as? DatabaseError)?.kind == .diskFull, FileSystem.regularFileSize(path) == 0,
                (FileSystem.regularFileSize(path + "-wal") ?? 0) == 0
            {
                database.keepWriteAheadLogOnClose()
                for file in [path, path + "-wal", path + "-shm"] { FileSystem.remove(file) }
                return true
            }
            return isRemoved
        }
        return isRemoved
    }
}
