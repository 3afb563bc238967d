import CSQLite

/// An SQLite result code, primary or extended (https://www.sqlite.org/rescode.html): the named
/// codes that Isnad tells apart, so that no code is written as a number. Only constants:
/// the calls into SQLite stay in `Database.swift` and `Statement.swift`.
public struct ResultCode: RawRepresentable, Hashable, Sendable {
    public let rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The primary code of an extended one (its low byte): `busy` for `busySnapshot`
    /// (https://www.sqlite.org/rescode.html#pve).
    public var primary: ResultCode { ResultCode(rawValue: rawValue & 0xFF) }

    /// SQLITE_OK (https://www.sqlite.org/rescode.html#ok).
    public static let ok = ResultCode(rawValue: SQLITE_OK)
    /// SQLITE_ROW: a step produced a row (https://www.sqlite.org/rescode.html#row).
    public static let row = ResultCode(rawValue: SQLITE_ROW)
    /// SQLITE_DONE: a step finished the statement (https://www.sqlite.org/rescode.html#done).
    public static let done = ResultCode(rawValue: SQLITE_DONE)
    /// SQLITE_ERROR: a generic error (https://www.sqlite.org/rescode.html#error).
    public static let error = ResultCode(rawValue: SQLITE_ERROR)
    /// SQLITE_BUSY: another connection holds a lock (https://www.sqlite.org/rescode.html#busy).
    public static let busy = ResultCode(rawValue: SQLITE_BUSY)
    /// SQLITE_BUSY_SNAPSHOT: a read transaction's snapshot is too old to start writing in
    /// (https://www.sqlite.org/rescode.html#busy_snapshot). A macro that Swift does not import.
    public static let busySnapshot = ResultCode(rawValue: SQLITE_BUSY | (2 << 8))
    /// SQLITE_LOCKED: a conflict within this connection (https://www.sqlite.org/rescode.html#locked).
    public static let locked = ResultCode(rawValue: SQLITE_LOCKED)
    /// SQLITE_READONLY (https://www.sqlite.org/rescode.html#readonly).
    public static let readOnly = ResultCode(rawValue: SQLITE_READONLY)
    /// SQLITE_IOERR: the operating system reported an error (https://www.sqlite.org/rescode.html#ioerr).
    public static let inputOutput = ResultCode(rawValue: SQLITE_IOERR)
    /// SQLITE_CORRUPT (https://www.sqlite.org/rescode.html#corrupt).
    public static let corrupt = ResultCode(rawValue: SQLITE_CORRUPT)
    /// SQLITE_FULL: the disk, or the database's size limit, is full (https://www.sqlite.org/rescode.html#full).
    public static let full = ResultCode(rawValue: SQLITE_FULL)
    /// SQLITE_CANTOPEN (https://www.sqlite.org/rescode.html#cantopen).
    public static let cannotOpen = ResultCode(rawValue: SQLITE_CANTOPEN)
    /// SQLITE_CONSTRAINT (https://www.sqlite.org/rescode.html#constraint).
    public static let constraint = ResultCode(rawValue: SQLITE_CONSTRAINT)
    /// SQLITE_NOTADB: the file is not a database (https://www.sqlite.org/rescode.html#notadb).
    public static let notADatabase = ResultCode(rawValue: SQLITE_NOTADB)
}
