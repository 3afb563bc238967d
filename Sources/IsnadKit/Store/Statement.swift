import CSQLite

/// A compiled SQL statement with bound parameters. See https://www.sqlite.org/c3ref/stmt.html.
///
/// Every run binds all of the statement's parameters at once, as an array of values in order
/// (`?1`, `?2` …): a count that differs from the statement's is a programming error and stops
/// the program (a precondition), checked once per run, not per value.
///
/// On a store on PostgreSQL, the same statement runs through libpq (``PostgreSQLStatement``):
/// its `?N` parameters become `$N`, and its rows are received when it first steps.
final class Statement {
    /// The SQLite statement; nil on PostgreSQL.
    private let handle: OpaquePointer?
    /// The PostgreSQL statement; nil on SQLite.
    private let postgreSQL: PostgreSQLStatement?
    private unowned let database: Database
    let sql: String
    /// The number of parameters (https://www.sqlite.org/c3ref/bind_parameter_count.html).
    private let parameterCount: Int

    init(database: Database, sql: String) throws(DatabaseError) {
        self.database = database
        self.sql = sql
        if let connection = database.postgreSQL {
            let statement = PostgreSQLStatement(connection: connection, sql: sql)
            handle = nil
            postgreSQL = statement
            parameterCount = statement.parameterCount
            return
        }
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw database.error(code: code, sql: sql) }
        self.handle = statement
        self.postgreSQL = nil
        self.parameterCount = Int(sqlite3_bind_parameter_count(statement))
    }

    deinit { sqlite3_finalize(handle) }

    /// A value that can be bound to a parameter.
    enum Value: Sendable, Equatable {
        case null
        case integer(Int64)
        case text(String)
    }

    /// Keeps a statement that a connection reuses planned on a PostgreSQL server (SQLite's
    /// statement is compiled once already).
    func keepPlan() { postgreSQL?.keepPlan() }

    /// Resets the statement so it can run again, and clears its bindings.
    func reset() {
        if let postgreSQL { return postgreSQL.reset() }
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Ends the run, keeping the bindings: the rows read go (SQLite's `sqlite3_reset`).
    private func finish() {
        if let postgreSQL { return postgreSQL.finish() }
        sqlite3_reset(handle)
    }

    /// Binds `values` to parameters 1, 2, … in order: one value for each of the statement's
    /// parameters.
    private func bind(_ values: [Value]) throws(DatabaseError) {
        precondition(
            values.count == parameterCount, "\(values.count) values bound to \(parameterCount) parameters of: \(sql)")
        if let postgreSQL { return postgreSQL.bind(values) }
        for (offset, value) in values.enumerated() { try bind(value, at: Int32(offset + 1)) }
    }

    private func bind(_ value: Value, at index: Int32) throws(DatabaseError) {
        let code: Int32
        switch value {
        case .null: code = sqlite3_bind_null(handle, index)
        case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
        case .text(var text):
            // The string's own UTF-8, with its length: no C string made and measured for it.
            code = text.withUTF8 { utf8 in
                guard let bytes = utf8.baseAddress, !utf8.isEmpty else {
                    return sqlite3_bind_text(handle, index, "", 0, sqliteTransientDestructor)
                }
                return bytes.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                    sqlite3_bind_text64(
                        handle, index, $0, sqlite3_uint64(utf8.count), sqliteTransientDestructor, UInt8(SQLITE_UTF8))
                }
            }
        }
        if code != SQLITE_OK { throw database.error(code: code, sql: sql) }
    }

    /// Advances to the next row; false when there is none left.
    func step() throws(DatabaseError) -> Bool {
        if let postgreSQL {
            do throws(PostgreSQLError) {
                let hasRow = try postgreSQL.step()
                database.postgreSQLChanges = postgreSQL.changedRows
                return hasRow
            } catch {
                throw DatabaseError(error)
            }
        }
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error(code: code, sql: sql)
        }
    }

    /// Runs a statement that returns no rows, with these parameters.
    func run(_ values: [Value] = []) throws(DatabaseError) {
        reset()
        try bind(values)
        while try step() {}
    }

    /// Calls `body` for each row, with these parameters. The statement is reset afterwards,
    /// even when `body` throws, so that it holds no read open. On PostgreSQL the rows come
    /// through a cursor, a batch at a time, so that memory stays flat; `atOnce` says they are
    /// one record's (a source and what it cites, a claim and its citations) or held whole by the
    /// caller anyway, so they come at once: one round trip to the server instead of three
    /// (declare, fetch, close), which a walk pays for every record it reads.
    func forEachRow(_ values: [Value] = [], atOnce: Bool = false, _ body: (Statement) throws -> Void) throws {
        reset()
        if !atOnce { postgreSQL?.streamRows() }
        defer { finish() }
        try bind(values)
        while try step() { try body(self) }
    }

    /// What `read` makes of the first row, or nil when there is none. The statement is reset
    /// afterwards: a statement left on a row holds a read open, which pins this connection to an
    /// old snapshot, blocks its next write transaction and keeps tables from being dropped.
    func firstRow<T>(_ values: [Value] = [], _ read: (Statement) throws -> T) throws -> T? {
        reset()
        defer { finish() }
        try bind(values)
        return try step() ? try read(self) : nil
    }

    /// The first row's first column as an integer, if there is a row. The statement is reset
    /// afterwards, so that it holds no read open (an open read keeps SQLite from dropping a table).
    func scalarInteger(_ values: [Value] = []) throws(DatabaseError) -> Int64? {
        reset()
        try bind(values)
        let value = try step() ? (isNull(0) ? nil : int64(0)) : nil
        finish()
        return value
    }

    /// The first row's first column as text, if there is a row and it is not null; the
    /// statement is reset afterwards.
    func scalarText(_ values: [Value] = []) throws(DatabaseError) -> String? {
        reset()
        try bind(values)
        let value = try step() ? text(0) : nil
        finish()
        return value
    }

    // MARK: Columns of the current row

    func isNull(_ column: Int32) -> Bool {
        if let postgreSQL { return postgreSQL.isNull(column) }
        return sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    func int64(_ column: Int32) -> Int64 {
        if let postgreSQL { return postgreSQL.int64(column) }
        return sqlite3_column_int64(handle, column)
    }

    func int(_ column: Int32) -> Int { Int(int64(column)) }

    /// Whether the column holds an integer (not text, a real number or NULL).
    func isInteger(_ column: Int32) -> Bool {
        if let postgreSQL { return postgreSQL.isInteger(column) }
        return sqlite3_column_type(handle, column) == SQLITE_INTEGER
    }

    /// Whether the column's text is text Isnad stores (``Text/isStorable(_:)``), read from its
    /// bytes without making a string. NULL is.
    func isStorableText(_ column: Int32) -> Bool {
        if let postgreSQL {
            guard var text = postgreSQL.text(column) else { return true }
            return text.withUTF8(Text.isStorable(utf8:))
        }
        guard let pointer = sqlite3_column_text(handle, column) else { return true }
        return Text.isStorable(utf8: UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column))))
    }

    /// Whether the column's bytes are UTF-8 (NULL is): text another program wrote may not be,
    /// and reading it as a `String` would repair it silently.
    func isUTF8Text(_ column: Int32) -> Bool {
        if postgreSQL != nil { return true }  // the server keeps only valid UTF-8 in a UTF8 database
        guard let pointer = sqlite3_column_text(handle, column) else { return true }
        let bytes = UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column)))
        return String(decoding: bytes, as: UTF8.self).utf8.elementsEqual(bytes)
    }

    /// The column as text, or nil when it is NULL.
    func text(_ column: Int32) -> String? {
        if let postgreSQL { return postgreSQL.text(column) }
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// The column's text as UTF-8 bytes, without making a string (empty when it is NULL): valid
    /// until the statement steps, resets or reads the column another way. For walks that compare
    /// thousands of ids and keep few of them.
    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        if let postgreSQL { return postgreSQL.bytes(column) }
        // Text first, then its length: https://www.sqlite.org/c3ref/column_blob.html
        guard let pointer = sqlite3_column_text(handle, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column)))
    }

    /// Whether the column holds `value` as text, compared byte for byte without making a string
    /// (NULL holds no text).
    func hasText(_ column: Int32, equalTo value: String) -> Bool {
        guard !isNull(column) else { return false }
        let stored = bytes(column)
        var value = value
        return value.withUTF8 { stored.hasSameBytes(as: $0) }
    }

    /// The column as text; an empty string when it is NULL.
    func string(_ column: Int32) -> String { text(column) ?? "" }
}
