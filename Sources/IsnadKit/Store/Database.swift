import CSQLite
import CSQLiteMemory

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One connection to an SQLite file, or to a store on PostgreSQL. The only type besides
/// ``Statement`` that calls SQLite; on PostgreSQL it hands the SQL to ``PostgreSQLConnection``.
///
/// Not thread-safe: use one connection per thread, as SQLite's default build expects.
///
/// Internal to IsnadKit: everything above the store speaks to ``GraphStore`` in domain terms.

/// Called once when a write must wait for another connection's write lock, with who holds it
/// when the engine can tell (the role of a PostgreSQL session), nil otherwise: said to the user
/// once, so that a store that waits does not look hung.
public typealias WriteLockWait = (_ holder: String?) -> Void

final class Database {
    /// How to open the file.
    enum Access: Sendable {
        /// Read only; the file must exist.
        case readOnly
        /// Read only, promising SQLite that nobody changes the file meanwhile: for a store in a
        /// folder this process cannot write, where SQLite cannot create its WAL index.
        case immutable
        /// Read and write; the file must exist.
        case readWrite
        /// Read and write, creating the file if it is missing.
        case create
    }

    /// How long a statement waits for another connection's lock, in milliseconds.
    static let defaultBusyTimeout: Int32 = 10_000
    /// How long a writer waits for another's write lock before saying that it waits, in milliseconds.
    static let quietWait: Int32 = 1_000
    /// How long, in seconds, a write waits for another connection's write lock before failing
    /// (busy, with ``DatabaseError/writeLockWaitLimit`` set); nil: for as long as it takes, as
    /// a writer queued behind another's long import must. An unattended job sets it: a session
    /// of another tool left open in a transaction would otherwise hold it for ever.
    var writeLockWaitLimit: Int?

    /// The SQLite connection; nil on PostgreSQL.
    let handle: OpaquePointer?
    /// The PostgreSQL connection; nil on SQLite.
    let postgreSQL: PostgreSQLConnection?
    let path: String
    private var statementCache: [String: Statement] = [:]
    /// On PostgreSQL: whether the connection reads one snapshot and cannot write.
    private var isPostgreSQLReadOnly = false
    /// On PostgreSQL: the rows the last statement changed.
    var postgreSQLChanges = 0
    /// Opened `.immutable`: the file as it was just before, which SQLite was promised would not
    /// change (see ``fileChangedSinceOpened``).
    private var immutableFile: FileSystem.Identity?

    /// A connection to the store on PostgreSQL that `connection` reaches; `isReadOnly` when it
    /// only reads (its transactions are `READ ONLY`).
    init(postgreSQL connection: PostgreSQLConnection, isReadOnly: Bool) {
        handle = nil
        postgreSQL = connection
        path = connection.location.description
        isPostgreSQLReadOnly = isReadOnly
    }

    /// Opens `path`. A missing file is an error unless `access` is `.create`.
    init(path: String, access: Access) throws(DatabaseError) {
        _ = Database.memory
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        var location = path
        switch access {
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        case .immutable:
            flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
            location = "file:" + Database.uriEscaped(path) + "?immutable=1"
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
        // Taken before SQLite reads a page: a change after it shows, one before it is read whole.
        let immutableFile = access == .immutable ? FileSystem.identity(of: path) : nil
        var connection: OpaquePointer?
        let code = sqlite3_open_v2(location, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let lastCallError = errno
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            let systemError = connection.map { sqlite3_system_errno($0) } ?? 0
            sqlite3_close_v2(connection)
            // The process's or the system's limit on open files: no missing store, said as such
            // (exit 1: nor a failing disk).
            if [EMFILE, ENFILE].contains(systemError) {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: SQLITE_ERROR),
                    message: "cannot open the store (\(String(cString: strerror(systemError))))", path: path)
            }
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: message, path: path,
                isDeviceFailure: [SQLITE_IOERR, SQLITE_CORRUPT].contains(code & 0xff)
                    && (systemError == EIO || lastCallError == EIO))
        }
        self.handle = connection
        self.postgreSQL = nil
        self.path = path
        self.immutableFile = immutableFile
        sqlite3_extended_result_codes(connection, 1)
        // A store may come from anyone: what its schema holds (a trigger, a view, an index on an
        // expression) may not call functions with side effects, nor be used to corrupt the file
        // (https://www.sqlite.org/security.html#untrusted_sqlite_database_files).
        let trust = isnad_db_config_flag(connection, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0)
        let defence = isnad_db_config_flag(connection, SQLITE_DBCONFIG_DEFENSIVE, 1)
        guard trust == SQLITE_OK, defence == SQLITE_OK else {
            sqlite3_close_v2(connection)
            throw DatabaseError(
                resultCode: ResultCode(rawValue: trust != SQLITE_OK ? trust : defence),
                message: "this SQLite cannot open files defensively (it needs SQLite 3.31 or later)", path: path)
        }
        // Before the first statement: even reading the header can meet another process's lock.
        sqlite3_busy_timeout(connection, Database.defaultBusyTimeout)
    }

    /// SQLite's allocator, installed before the first connection opens: pages of the stores'
    /// size (4 KiB) and their cache headers come from one region of 8 MiB marked for transparent
    /// huge pages, taken as used, the rest from malloc (`CSQLiteMemory`). A command that reads a
    /// thousand pages once otherwise takes a fault for each fresh 4 KiB its page cache grows by,
    /// which on a virtual machine costs as much as reading the page (Benchmarks/RESULTS.md). The
    /// region holds a reading connection's cache (``GraphStore``'s `readingPageCache`) four times
    /// over; an import's larger cache takes the rest of its pages from malloc.
    private static let memory: Int32 = isnad_sqlite_memory_install(4096, 8 << 20)

    /// How many page blocks of the region (``memory``) were in use at most in this process: 0
    /// where none was set aside.
    static var pageBlocksHighest: Int { isnad_sqlite_memory_page_blocks_highest() }

    /// A name as an SQL identifier, in double quotes (https://www.sqlite.org/lang_keywords.html).
    static func quotedName(_ name: String) -> String {
        "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// A path as the path part of an SQLite URI (https://www.sqlite.org/uri.html).
    static func uriEscaped(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"), 0..<0x20, 0x7F...:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            default:
                result.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return result
    }

    /// Whether closing this read-only connection also removes the store's empty log and index
    /// (``removeEmptyLog(of:)``): set for a store whose file, folder, log and index this process
    /// may write.
    var removesEmptyLogOnClose = false

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
        if removesEmptyLogOnClose { Database.removeEmptyLog(of: path) }
    }

    /// Removes the store's `-wal` and `-shm` when the log is empty and no other connection has
    /// the store open, as SQLite does when the last connection that may write closes: it takes
    /// the file's exclusive lock to know it is the last, which a read-only descriptor cannot, so
    /// a query left both behind, owned by whoever ran it, and on a shared server the store's
    /// owner could not write them (exit 73) until someone removed them. A connection that may
    /// write is opened for the moment it takes to read the header and close: it waits for no
    /// lock, and, the log being empty, its checkpoint writes nothing to the store's file.
    static func removeEmptyLog(of path: String) {
        let file = FileSystem.resolvedPath(path) ?? path
        guard FileSystem.regularFileSize(file + "-wal") == 0,
            let writer = try? Database(path: path, access: .readWrite)
        else { return }
        writer.setBusyTimeout(milliseconds: 0)
        // The header read opens the log and its index, which the close then removes.
        _ = try? writer.integerPragma("user_version")
    }

    /// Runs one or more SQL statements that take no parameters and return no rows we need.
    func execute(_ sql: String) throws(DatabaseError) {
        if let postgreSQL {
            do throws(PostgreSQLError) {
                return try postgreSQL.execute(sql)
            } catch {
                throw DatabaseError(error)
            }
        }
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if code != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? lastErrorMessage
            sqlite3_free(errorMessage)
            throw failure(code, message: message, sql: sql)
        }
    }

    /// Compiles a statement. Values are always bound, never written into `sql`.
    func prepare(_ sql: String) throws(DatabaseError) -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// A statement compiled once per connection and reused: for the hot paths.
    func cached(_ sql: String) throws(DatabaseError) -> Statement {
        if let statement = statementCache[sql] {
            statement.reset()
            return statement
        }
        let statement = try prepare(sql)
        statement.keepPlan()
        statementCache[sql] = statement
        return statement
    }

    /// Runs `body` until it does not fail for another connection's lock. Each attempt waits up to
    /// the busy timeout, but SQLite fails at once where waiting could deadlock (two connections
    /// that both read the file and both want to change it: https://www.sqlite.org/c3ref/busy_handler.html);
    /// the next attempt then comes after the other connection is done. `onWait` is called once,
    /// before the second attempt. With ``writeLockWaitLimit``, it gives up that long after
    /// `since` (by default, now).
    func retryingWhileBusy<T>(
        since start: UInt64 = Database.monotonicMilliseconds(), onWait: WriteLockWait? = nil,
        _ body: () throws(DatabaseError) -> T
    ) throws(DatabaseError) -> T {
        var hasWaited = false
        while true {
            let remaining = writeLockWaitLimit.map { Database.millisecondsLeft(of: $0, since: start) }
            if let remaining { setBusyTimeout(milliseconds: min(Database.defaultBusyTimeout, remaining)) }
            do throws(DatabaseError) {
                defer { if remaining != nil { setBusyTimeout(milliseconds: Database.defaultBusyTimeout) } }
                return try body()
            } catch {
                guard error.isWorthRetrying else { throw error }
                try giveUpIfWaitedPastLimit(since: start, error)
                if !hasWaited {
                    hasWaited = true
                    onWait?(nil)
                }
                // Let the other connection finish what it holds the lock for.
                sqlite3_sleep(1)
            }
        }
    }

    /// Throws `error` marked with the limit once ``writeLockWaitLimit`` has passed since `start`.
    private func giveUpIfWaitedPastLimit(since start: UInt64, _ error: DatabaseError) throws(DatabaseError) {
        guard let limit = writeLockWaitLimit, Database.millisecondsLeft(of: limit, since: start) == 0 else { return }
        var waited = error
        waited.writeLockWaitLimit = limit
        throw waited
    }

    static func monotonicMilliseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1000 + UInt64(now.tv_nsec) / 1_000_000
    }

    private static func millisecondsLeft(of seconds: Int, since start: UInt64) -> Int32 {
        let elapsed = monotonicMilliseconds() &- start
        let limit = UInt64(seconds) * 1000
        return elapsed >= limit ? 0 : Int32(clamping: limit - elapsed)
    }

    /// Whether the file was removed or renamed since it was opened, so that what this connection
    /// writes would go to a file that nobody else finds under its name
    /// (https://www.sqlite.org/c3ref/c_fcntl_begin_atomic_write.html#sqlitefcntlhasmoved).
    var hasMoved: Bool {
        guard postgreSQL == nil else { return false }
        var moved: Int32 = 0
        return sqlite3_file_control(handle, "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK && moved != 0
    }

    /// Keeps the write-ahead log file when the connection closes, instead of deleting it by name
    /// (https://www.sqlite.org/c3ref/c_fcntl_begin_atomic_write.html#sqlitefcntlpersistwal): for a
    /// connection to a file that was removed, whose name may belong to another store by then.
    func keepWriteAheadLogOnClose() {
        guard postgreSQL == nil else { return }
        var keep: Int32 = 1
        _ = sqlite3_file_control(handle, "main", SQLITE_FCNTL_PERSIST_WAL, &keep)
    }

    /// How long a statement waits for another connection's lock before failing with busy.
    func setBusyTimeout(milliseconds: Int32) {
        guard postgreSQL == nil else { return }
        sqlite3_busy_timeout(handle, milliseconds)
    }

    /// How many changed pages this connection has written out before their transaction ended,
    /// since it opened, because they outgrew its page cache
    /// (https://www.sqlite.org/c3ref/c_dbstatus_options.html#sqlitedbstatuscachespill): into the
    /// write-ahead log, or into the temporary file of temporary tables. 0 on PostgreSQL.
    var pagesSpilled: Int {
        guard postgreSQL == nil else { return 0 }
        var current: Int32 = 0
        var highest: Int32 = 0
        guard sqlite3_db_status(handle, SQLITE_DBSTATUS_CACHE_SPILL, &current, &highest, 0) == SQLITE_OK else { return 0 }
        return Int(current)
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { postgreSQL == nil ? Int(sqlite3_changes(handle)) : postgreSQLChanges }

    /// The rowid of the last row this connection inserted. See https://www.sqlite.org/c3ref/last_insert_rowid.html.
    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Whether the store is on PostgreSQL: for the few statements whose SQL differs by engine.
    var isPostgreSQL: Bool { postgreSQL != nil }

    /// SQL for a member of a JSON object stored as text, as text: `column ->> '$.key'` in
    /// SQLite, `column::jsonb ->> 'key'` in PostgreSQL. `key` is Isnad's own, never input. In
    /// SQLite, NULL when the text is not JSON (a store another program wrote), instead of an
    /// error that would name no record: ``jsonIsInvalid(_:)`` finds such rows, for the reader
    /// that says which record it is.
    func jsonMember(_ column: String, _ key: String) -> String {
        isPostgreSQL
            ? "\(column)::jsonb ->> '\(key)'" : "CASE WHEN json_valid(\(column)) THEN \(column) ->> '$.\(key)' END"
    }

    /// SQL true for a row whose JSON text is not JSON: SQLite only (PostgreSQL stores hold what
    /// Isnad's writers, under the store's roles, wrote).
    func jsonIsInvalid(_ column: String) -> String { isPostgreSQL ? "false" : "NOT json_valid(\(column))" }

    /// The SQL for this connection's engine: `sqlite` or `postgreSQL`.
    func dialect(_ sqlite: String, postgreSQL: String) -> String { isPostgreSQL ? postgreSQL : sqlite }

    /// Whether a query may name the index SQLite reads a table through (`INDEXED BY`): not in a
    /// store whose schema another program changed, where the index may be missing or another.
    var mayNameIndexes = true

    /// ` INDEXED BY index`, to follow a table's name in a query, where SQLite would otherwise plan
    /// a worse read and ``mayNameIndexes``; empty on PostgreSQL, which has no such clause.
    func indexed(by index: String) -> String { !isPostgreSQL && mayNameIndexes ? " INDEXED BY \(index)" : "" }

    /// Whether the connection cannot write (opened read-only, or the file is read-only).
    /// Whether the file opened `.immutable` changed since: its owner, who can write in the folder
    /// this process cannot, wrote to it (a checkpoint of their write-ahead log). SQLite took no
    /// lock and held no snapshot, so what was read may mix the states before and after.
    var fileChangedSinceOpened: Bool {
        guard let immutableFile else { return false }
        return FileSystem.identity(of: path) != immutableFile
    }

    var isReadOnly: Bool { postgreSQL == nil ? sqlite3_db_readonly(handle, "main") == 1 : isPostgreSQLReadOnly }

    var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// The error SQLite reports for `code`, a failure of `sql`.
    func error(code: Int32, sql: String?) -> DatabaseError {
        failure(code, message: lastErrorMessage, sql: sql)
    }

    /// The error for `code` and SQLite's `message`, said as the user needs it.
    private func failure(_ code: Int32, message: String, sql: String?) -> DatabaseError {
        // SQLite keeps the errno of a failed call only for an I/O error; a read the device failed
        // reaches the caller as a damaged file, and then only errno itself still tells (EIO is
        // rare enough not to linger from another call).
        let lastCallError = errno
        let systemError = sqlite3_system_errno(handle)
        // The process's or the system's limit on open files (the store's log or index could not
        // be opened): no missing store, said as such.
        if sqlite3_extended_errcode(handle) & 0xff == SQLITE_CANTOPEN, [EMFILE, ENFILE].contains(systemError) {
            return DatabaseError(
                resultCode: ResultCode(rawValue: SQLITE_ERROR),
                message: "cannot open the store (\(String(cString: strerror(systemError))))", path: path, sql: sql)
        }
        let failedCall = lastFailedCallError(errnoAfterward: lastCallError)
        let resultCode = lastResultCode(code, failedCall: failedCall)
        let isInputOutput = [SQLITE_IOERR, SQLITE_CORRUPT].contains(resultCode.rawValue & 0xff)
        return DatabaseError(
            resultCode: resultCode, message: message, path: path, sql: sql,
            isPastFileSizeLimit: failedPastFileSizeLimit,
            isDeviceFailure: isInputOutput && (systemError == EIO || lastCallError == EIO || failedCall == EIO),
            systemError: isInputOutput || resultCode.primary == .full ? failedCall : 0)
    }

    /// The errno of the system call behind the last I/O error, 0 when none is known. Each file
    /// keeps its own last failure: the log's first (a commit writes and syncs it, and SQLite
    /// sets no errno of its own for a failed commit), then the store file's (a checkpoint
    /// writes it), then SQLite's, then `errno` just after the call.
    private func lastFailedCallError(errnoAfterward: Int32) -> Int32 {
        guard postgreSQL == nil, sqlite3_extended_errcode(handle) & 0xff == SQLITE_IOERR else { return 0 }
        for candidate in [
            isnad_last_file_errno(handle, 1), isnad_last_file_errno(handle, 0), sqlite3_system_errno(handle), errnoAfterward,
        ] where candidate != 0 {
            return candidate
        }
        return 0
    }

    /// The extended result code of the last failure (`code` when SQLite has none). An I/O
    /// error that is a full disk (no room for the shared-memory index, say), a quota, or a
    /// file past its size limit is SQLITE_FULL; `failedCall` is its errno.
    private func lastResultCode(_ code: Int32, failedCall: Int32) -> ResultCode {
        let extended = sqlite3_extended_errcode(handle)
        let resultCode = extended != 0 ? extended : code
        if resultCode & 0xff == SQLITE_IOERR, [ENOSPC, EDQUOT, EFBIG].contains(failedCall) || failedPastFileSizeLimit {
            return ResultCode(rawValue: SQLITE_FULL)
        }
        if [SQLITE_CORRUPT, SQLITE_NOTADB].contains(resultCode & 0xff) { leaveLogOnClose() }
        return ResultCode(rawValue: resultCode)
    }

    /// Whether the last failure was a write past the size limit for files (`ulimit -f`): SQLite
    /// reports EFBIG as an I/O error, and the errno it keeps is often another call's by then, so
    /// the store's files are measured against the limit.
    private var failedPastFileSizeLimit: Bool {
        guard postgreSQL == nil, sqlite3_extended_errcode(handle) & 0xff == SQLITE_IOERR else { return false }
        var limit = rlimit()
        #if canImport(Glibc)
            let resource = __rlimit_resource_t(RLIMIT_FSIZE.rawValue)
        #else
            let resource = RLIMIT_FSIZE
        #endif
        // No limit is the largest value (Linux) or 2^63 - 1 (macOS).
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur < rlim_t(Int64.max) else { return false }
        // Within the largest write SQLite makes (a page and its frame header) of the limit.
        let largest = [path, path + "-wal", path + "-journal"].compactMap(FileSystem.regularFileSize).max() ?? 0
        return UInt64(largest) + 65_560 >= UInt64(limit.rlim_cur)
    }

    /// Closes without folding the write-ahead log into the file
    /// (https://www.sqlite.org/c3ref/c_dbconfig_defensive.html#sqlitedbconfignockptonclose): for a
    /// store found damaged, whose log may be another store's, left beside a file copied over it
    /// (a backup restored with `cp`). Folded in, it would damage the copy for good, where moving
    /// the log away mends it; and a command that refuses a store writes nothing to it.
    func leaveLogOnClose() {
        guard postgreSQL == nil else { return }
        _ = isnad_db_config_flag(handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1)
    }

    /// An integer pragma's value (`user_version`, `application_id`, `page_count` …).
    func integerPragma(_ name: String) throws(DatabaseError) -> Int64 {
        guard postgreSQL == nil else { return 0 }
        let statement = try prepare("PRAGMA \(name)")
        guard try statement.step() else { return 0 }
        return statement.int64(0)
    }

    /// The SQLite library's version, such as `3.40.1`.
    static var libraryVersion: String { String(cString: sqlite3_libversion()) }
}

extension Database {
    /// Makes `transform` callable from SQL as a deterministic one-argument text function,
    /// for example `isnad_fold(name)`. NULL stays NULL, and so does text `transform` returns nil for.
    func registerTextFunction(_ name: String, _ transform: @escaping (String) -> String?) throws(DatabaseError) {
        // On PostgreSQL, Isnad computes what it would call the function for (search keys) itself.
        guard postgreSQL == nil else { return }
        let box = Unmanaged.passRetained(TextFunctionBox(transform)).toOpaque()
        let code = sqlite3_create_function_v2(
            handle, name, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, box,
            { context, _, arguments in
                guard let context, let arguments, let argument = arguments[0], let userData = sqlite3_user_data(context),
                    let text = sqlite3_value_text(argument)
                else {
                    sqlite3_result_null(context)
                    return
                }
                let count = Int(sqlite3_value_bytes(argument))
                let box = Unmanaged<TextFunctionBox>.fromOpaque(userData).takeUnretainedValue()
                guard let result = box.transform(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
                else {
                    sqlite3_result_null(context)
                    return
                }
                sqlite3_result_text(context, result, -1, sqliteTransientDestructor)
            }, nil, nil,
            { userData in
                if let userData { Unmanaged<TextFunctionBox>.fromOpaque(userData).release() }
            })
        if code != SQLITE_OK {
            Unmanaged<TextFunctionBox>.fromOpaque(box).release()
            throw error(code: code, sql: nil)
        }
    }
}

// MARK: Transactions

extension Database {
    /// How a transaction takes its locks (https://www.sqlite.org/lang_transaction.html).
    enum TransactionKind: Sendable {
        /// `BEGIN DEFERRED`: no lock until the first read (which fixes the snapshot) or write.
        case deferred
        /// `BEGIN IMMEDIATE`: the write lock at once. Beginning waits as long as another
        /// connection writes: see ``Database/retryingWhileBusy(onWait:_:)``.
        case immediate
        /// `BEGIN EXCLUSIVE`: the write lock at once, and no reader either in exclusive locking
        /// mode. Beginning waits up to the busy timeout, once.
        case exclusive
    }

    /// What to do with a transaction whose work is done.
    enum TransactionCompletion: Sendable {
        case commit
        case rollback
    }

    /// Starts a transaction of `kind`. `onWait` is called once if an immediate transaction
    /// must wait for another connection's write lock.
    func beginTransaction(_ kind: TransactionKind, onWait: WriteLockWait? = nil) throws(DatabaseError) {
        if let postgreSQL {
            do throws(PostgreSQLError) {
                switch kind {
                case .deferred: try postgreSQL.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                case .immediate, .exclusive:
                    try postgreSQL.beginWriteTransaction(waitingAtMost: writeLockWaitLimit, onWait: onWait)
                }
                return
            } catch {
                var failure = DatabaseError(error)
                if error.kind == .timedOut, kind != .deferred { failure.writeLockWaitLimit = writeLockWaitLimit }
                throw failure
            }
        }
        switch kind {
        case .deferred: try execute("BEGIN DEFERRED")
        case .immediate:
            // A first try that waits a second, so that a writer queued behind another says so
            // then, not after the busy timeout's ten seconds of silence — and not for the
            // moments two writers' commits meet (a cron log would fill with such lines).
            let start = Database.monotonicMilliseconds()
            if let onWait {
                let limit = writeLockWaitLimit.map { Int32(clamping: $0 * 1000) } ?? Int32.max
                setBusyTimeout(milliseconds: min(Database.quietWait, limit))
                do throws(DatabaseError) {
                    try execute("BEGIN IMMEDIATE")
                    setBusyTimeout(milliseconds: Database.defaultBusyTimeout)
                    return
                } catch {
                    setBusyTimeout(milliseconds: Database.defaultBusyTimeout)
                    guard error.isWorthRetrying else { throw error }
                    try giveUpIfWaitedPastLimit(since: start, error)
                    onWait(nil)
                }
            }
            try retryingWhileBusy(since: start) { () throws(DatabaseError) in try execute("BEGIN IMMEDIATE") }
        case .exclusive: try execute("BEGIN EXCLUSIVE")
        }
    }

    /// Makes the open transaction's changes visible to other connections, all at once.
    func commit() throws(DatabaseError) { try execute("COMMIT") }

    /// Ends the open transaction, if any, without keeping its changes.
    func rollbackIfOpen() {
        if !isAutocommit { try? execute("ROLLBACK") }
    }

    /// Whether no transaction is open.
    var isAutocommit: Bool { postgreSQL?.isIdle ?? (sqlite3_get_autocommit(handle) != 0) }

    /// Runs `body` in a transaction of `kind`, then commits or rolls back as `body` says. An
    /// error thrown by `body` (or by the commit) rolls the transaction back and is rethrown.
    /// Modelled on GRDB's `Database.inTransaction`.
    func inTransaction(
        _ kind: TransactionKind, onWait: WriteLockWait? = nil, _ body: () throws -> TransactionCompletion
    ) throws {
        try beginTransaction(kind, onWait: onWait)
        do {
            switch try body() {
            case .commit: try commit()
            case .rollback: rollbackIfOpen()
            }
        } catch {
            rollbackIfOpen()
            throw error
        }
    }
}

private final class TextFunctionBox {
    let transform: (String) -> String?
    init(_ transform: @escaping (String) -> String?) { self.transform = transform }
}

/// SQLite copies results and bound text before the call returns (SQLITE_TRANSIENT).
let sqliteTransientDestructor = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
