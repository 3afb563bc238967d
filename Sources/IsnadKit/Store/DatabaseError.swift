import Foundation

/// An error reported by SQLite, with the one-line meaning a user needs.
///
/// Mirrors SQLite's result codes (https://www.sqlite.org/rescode.html); ``kind`` groups the
/// ones Isnad treats differently.
public struct DatabaseError: Error, CustomStringConvertible, Sendable {
    /// The extended result code (https://www.sqlite.org/rescode.html#extrc).
    public let resultCode: ResultCode
    /// SQLite's own message.
    public let message: String
    /// The store's path, when known.
    public let path: String?
    /// The SQL of the statement that failed, when a statement failed (not opening the file).
    public let sql: String?
    /// What PostgreSQL or libpq reported, for a store on PostgreSQL (``resultCode`` is then
    /// SQLITE_ERROR, which means nothing).
    public let postgreSQL: PostgreSQLError?
    /// A write past the size limit for files (`ulimit -f`, EFBIG): SQLITE_FULL, said as such.
    public let isPastFileSizeLimit: Bool
    /// The errno of the system call behind an I/O error or a full disk, 0 when none is known:
    /// what tells a quota (EDQUOT), a file system's limit on a file's size (EFBIG) or one
    /// remounted read-only (EROFS) from a failing device.
    public let systemError: Int32
    /// The command made an empty file (one the user made, with `touch`) an empty store before
    /// it failed: said so, not as a store left as it was.
    public var madeEmptyFileAStore = false
    /// The device failed a read or write of the store's files (EIO): SQLite reports a failed
    /// read as a damaged file (SQLITE_CORRUPT) too, and the file is sound.
    public let isDeviceFailure: Bool
    /// A write gave up waiting for another connection's write lock after this many seconds, the
    /// limit it was given (``Database/writeLockWaitLimit``); nil for any other error.
    public internal(set) var writeLockWaitLimit: Int?

    public enum Kind: Sendable {
        /// SQLITE_FULL: the disk (or the store's size limit) is full; and SQLITE_IOERR from a
        /// quota (EDQUOT) or a file past the largest its file system or `ulimit -f` allows (EFBIG).
        case diskFull
        /// SQLITE_BUSY / SQLITE_LOCKED: another connection holds the lock for too long.
        case busy
        /// SQLITE_READONLY: the file or its folder cannot be written; and SQLITE_IOERR from a
        /// file system that became read-only (EROFS: remounted so after an error, say).
        case readOnly
        /// SQLITE_CANTOPEN: the file cannot be opened or created.
        case cannotOpen
        /// SQLITE_CORRUPT / SQLITE_NOTADB: the file is damaged or not an SQLite database.
        case corrupt
        /// SQLITE_IOERR or SQLITE_CORRUPT from a device that failed a read or write (EIO).
        case deviceFailed
        /// SQLITE_CONSTRAINT: a schema constraint refused a row (a bug if it reaches a user).
        case constraint
        /// SQLITE_IOERR for any other reason (``systemError`` says which, when known).
        case inputOutput
        /// Anything else.
        case other
    }

    public var kind: Kind {
        if isDeviceFailure { return .deviceFailed }
        return switch resultCode.primary {
        case .full: .diskFull
        case .inputOutput where [ENOSPC, EDQUOT, EFBIG].contains(systemError): .diskFull
        case .inputOutput where systemError == EROFS: .readOnly
        case .inputOutput: .inputOutput
        case .busy, .locked: .busy
        case .readOnly: .readOnly
        case .cannotOpen: .cannotOpen
        case .corrupt, .notADatabase: .corrupt
        case .constraint: .constraint
        case .error where isDamagedSearchIndex: .corrupt
        default: .other
        }
    }

    /// The name search index (an FTS5 table) cannot be read as one: FTS5 says so with a generic
    /// SQLITE_ERROR ("invalid fts5 file format (found 99, expected 4)"), which is a damaged file
    /// all the same, not a failure of the command.
    private var isDamagedSearchIndex: Bool {
        postgreSQL == nil && (message.hasPrefix("invalid fts5 file format") || message.hasPrefix("fts5: corruption"))
    }

    /// Whether waiting and trying again can succeed: another connection holds the lock
    /// (SQLITE_BUSY). Not a stale snapshot (SQLITE_BUSY_SNAPSHOT: only ending the read
    /// transaction helps) nor SQLITE_LOCKED (a conflict within this connection).
    public var isWorthRetrying: Bool {
        resultCode.primary == .busy && resultCode != .busySnapshot
    }

    public init(
        resultCode: ResultCode, message: String, path: String? = nil, sql: String? = nil, isPastFileSizeLimit: Bool = false,
        isDeviceFailure: Bool = false, systemError: Int32 = 0
    ) {
        self.resultCode = resultCode
        self.message = message
        self.path = path
        self.sql = sql
        self.postgreSQL = nil
        self.isPastFileSizeLimit = isPastFileSizeLimit
        self.isDeviceFailure = isDeviceFailure
        self.systemError = systemError
    }

    /// A failure on PostgreSQL.
    init(_ error: PostgreSQLError) {
        resultCode = ResultCode(rawValue: 1)
        message = error.message
        path = error.location.description
        sql = error.sql
        postgreSQL = error
        isPastFileSizeLimit = false
        isDeviceFailure = false
        systemError = 0
    }

    /// The same error, its store named `path`: for a store made under a temporary name and
    /// renamed into place once whole, said by the name the user gave.
    func named(_ path: String) -> DatabaseError {
        var named = DatabaseError(
            resultCode: resultCode, message: message, path: path, sql: sql, isPastFileSizeLimit: isPastFileSizeLimit,
            isDeviceFailure: isDeviceFailure, systemError: systemError)
        named.writeLockWaitLimit = writeLockWaitLimit
        named.madeEmptyFileAStore = madeEmptyFileAStore
        return named
    }

    /// Which disk is full, when it is not the store's: SQLite sorts a large import in temporary
    /// files, in a folder of its own (``FileSystem/sqliteTemporaryFolder``), often on another disk.
    private var fullFolder: String? {
        guard let path else { return nil }
        let temporary = FileSystem.sqliteTemporaryFolder
        return DatabaseError.fullFolderNote(
            storeFolderFree: FileSystem.availableBytes(at: FileSystem.folder(of: path)),
            temporaryFolderFree: FileSystem.availableBytes(at: temporary), temporaryFolder: temporary)
    }

    /// The temporary folder named only when its disk is short of room now and the store's is not:
    /// measured after the failure, the store's disk has the room a failed copy just gave back, and
    /// the temporary folder the room SQLite's deleted sort files gave back.
    static func fullFolderNote(storeFolderFree: Int?, temporaryFolderFree: Int?, temporaryFolder: String) -> String? {
        guard let storeFolderFree, storeFolderFree >= 64 << 20, let temporaryFolderFree, temporaryFolderFree < 64 << 20
        else { return nil }
        return
            "the store's disk has room: the full one may be that of the temporary folder SQLite sorts in, \(Text.printable(temporaryFolder)); set SQLITE_TMPDIR to a folder on a disk with room"
    }

    /// What a failed command left of the store: SQLite rolled its transaction back.
    private var outcome: String {
        madeEmptyFileAStore
            ? "the file was empty before this command, and is left an empty store"
            : "the store was left as it was before this command"
    }

    /// SQLite's message on one line: it may quote names from the file (a table's, in "malformed
    /// database schema (…)"), and a hostile store's line feed must not start a line of its own.
    /// FTS5's advice to "run 'rebuild'" is left out: only SQL typed into the store can, and the
    /// user is told what Isnad can do (isnad check).
    private var shownMessage: String {
        var shown = message
        if isDamagedSearchIndex, let advice = shown.range(of: " - run 'rebuild'") { shown.removeSubrange(advice) }
        return Text.printable(shown)
    }

    public var description: String {
        if let postgreSQL { return postgreSQL.description }
        let place = path.map { "\($0): " } ?? ""
        switch kind {
        case .diskFull:
            if isPastFileSizeLimit { return "\(place)File too large (past the size limit for files: ulimit -f): \(outcome)" }
            if systemError == EFBIG { return "\(place)File too large (past the largest file its file system holds): \(outcome)" }
            if systemError == EDQUOT { return "\(place)disk full (Disk quota exceeded): \(outcome)" }
            return "\(place)disk full\(fullFolder.map { " (\($0))" } ?? ""): \(outcome)"
        case .readOnly where resultCode.primary == .inputOutput:
            return "\(place)the store's file system is read-only (Read-only file system): \(outcome)"
        case .busy: return "\(place)the store is busy: another connection kept it locked too long (\(shownMessage))"
        case .readOnly:
            // Not a read-only store: a file beside it that another user's query left.
            if let advice = path.flatMap(FileSystem.anotherUsersLog(ofStore:)) {
                return "\(place)cannot write to the store: \(advice)"
            }
            let part = path.flatMap { FileSystem.unwritablePart(ofStore: $0) }
            return "\(place)the store is read-only (\(shownMessage)\(part.map { "; \($0)" } ?? ""))"
        case .cannotOpen: return "\(place)cannot open the store (\(shownMessage))"
        case .deviceFailed:
            // Not "damaged": the advice for a damaged file (move a log away) would throw away
            // this store's own latest changes, which its log may hold.
            return
                "\(place)the device failed to read or write the store (Input/output error; SQLite: \(shownMessage)): the file may be sound; copy the store with isnad copy when the device reads again, and leave its -wal beside it"
        case .corrupt where isDamagedSearchIndex:
            return
                "\(place)the name search index is damaged (\(shownMessage)): export the records (isnad export jsonl) and import them into a new store"
        case .corrupt:
            // A log beside the file may be another's: a backup copied over a store whose log stayed.
            let log = path.map { $0 + "-wal" }
            let hint =
                log.flatMap(FileSystem.regularFileSize).map { $0 > 0 } == true
                ? "; if the file was copied over another store, the write-ahead log beside it (\(Text.printable(log ?? ""))) may be that store's: with no isnad running, copy all three files aside first (the log may hold this store's latest changes), then move it and \(Text.printable((path ?? "") + "-shm")) away"
                : ""
            return "\(place)the file is damaged or is not an Isnad store (\(shownMessage))\(hint)"
        case .inputOutput:
            let cause = systemError != 0 ? " (\(String(cString: strerror(systemError))))" : ""
            return "\(place)\(shownMessage)\(cause): \(outcome)"
        case .constraint, .other: return "\(place)\(shownMessage)"
        }
    }
}
