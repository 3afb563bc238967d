import CPostgreSQL

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// One connection to a PostgreSQL server, through libpq. The only type that calls libpq.
///
/// Statements are sent with their values as parameters (`$1`, `$2` …), never written into the
/// SQL; results come back as text, as libpq gives them by default, and are read by column.
/// Not thread-safe: one connection per thread.
final class PostgreSQLConnection {
    private let handle: OpaquePointer
    let location: PostgreSQLLocation

    /// Connects with the location's URI and libpq's own settings (environment, `~/.pgpass`,
    /// service file), and makes the store's schema the first place names are looked up.
    init(location: PostgreSQLLocation) throws(PostgreSQLError) {
        self.location = location
        guard isnad_pq_load() == 1 else {
            let reason = String(cString: isnad_pq_load_error())
            throw PostgreSQLError(
                kind: .cannotConnect,
                message: "the PostgreSQL client library could not be loaded (\(reason)): install libpq5", location: location)
        }
        try PostgreSQLConnection.requireReadable(location)
        guard let connection = isnad_PQconnectdb(location.connectionURI) else {
            throw PostgreSQLError(kind: .cannotConnect, message: "libpq could not allocate a connection", location: location)
        }
        handle = connection
        // The server's notices ("schema … does not exist, skipping") are not for the user, and
        // libpq would print them on standard error as they come, escapes and all.
        isnad_PQsetNoticeProcessor(connection, { _, _ in }, nil)
        guard isnad_PQstatus(connection) == CONNECTION_OK else {
            // libpq checks the options' values before it reaches for a server, and says so as
            // "invalid …" ("invalid sslmode value", "invalid integer value … for connection option
            // "port""); a server's refusals come as "connection to server … failed: …".
            let message = location.maskingPasswords(in: lastErrorMessage)
            throw PostgreSQLError(
                kind: message.hasPrefix("invalid ") ? .unreadableURI : .cannotConnect, message: message, location: location)
        }
        // Text in and out is UTF-8 whatever the server's or the client's locale.
        guard isnad_PQsetClientEncoding(connection, "UTF8") == 0 else {
            throw PostgreSQLError(kind: .cannotConnect, message: lastErrorMessage, location: location)
        }
        // The store's schema first; public for the pg_trgm operators that its name index uses.
        try execute("SET search_path TO \(location.quotedStoreName), public")
    }

    deinit { isnad_PQfinish(handle) }

    /// Throws when libpq cannot read the URI at all (a bad percent escape, a parameter it does
    /// not know): a mistake in what the user typed, not a server out of reach. libpq's message
    /// may quote the token it stopped at, which can be the password: the password is masked.
    private static func requireReadable(_ location: PostgreSQLLocation) throws(PostgreSQLError) {
        var problem: UnsafeMutablePointer<CChar>?
        if let options = isnad_PQconninfoParse(location.connectionURI, &problem) {
            isnad_PQconninfoFree(options)
            return
        }
        var message = "libpq could not read it"
        if let problem {
            message = PostgreSQLError.oneLine(location.maskingPasswords(in: String(cString: problem)))
            isnad_PQfreemem(problem)
        }
        throw PostgreSQLError(kind: .unreadableURI, message: message, location: location)
    }

    /// libpq's message for the last failure, on one line.
    private var lastErrorMessage: String {
        guard let message = isnad_PQerrorMessage(handle) else { return "unknown error" }
        return PostgreSQLError.oneLine(String(cString: message))
    }

    /// Runs SQL that takes no parameters (one or more statements) and returns no rows we need.
    func execute(_ sql: String) throws(PostgreSQLError) {
        let result = isnad_PQexec(handle, sql)
        defer { isnad_PQclear(result) }
        try check(result, sql: sql)
    }

    /// Runs one statement with `values` as its parameters `$1`, `$2` …, and returns its rows.
    ///
    /// Given a `plan` (``PreparedPlan``), the server parses and plans the statement once, the
    /// first time, and each later run sends only the plan's name and the values: a command that
    /// runs one statement thousands of times (a rename, an undo, a walk) paid for parsing and
    /// planning it every time.
    @discardableResult
    func query(
        _ sql: String, _ values: [Statement.Value] = [], plan: PreparedPlan? = nil
    ) throws(PostgreSQLError) -> PostgreSQLRows {
        if let plan, !plan.isPrepared {
            let prepared = isnad_PQprepare(handle, plan.name, sql, Int32(values.count), nil)
            defer { isnad_PQclear(prepared) }
            try check(prepared, sql: sql)
            plan.isPrepared = true
        }
        // The texts must stay alive while libpq reads them: keep them as C strings until the call returns.
        let texts: [[CChar]?] = values.map { value in
            switch value {
            case .null: nil
            case .integer(let number): Array(String(number).utf8CString)
            case .text(let text): Array(text.utf8CString)
            }
        }
        let result = withParameterPointers(texts) { pointers in
            if let plan {
                isnad_PQexecPrepared(handle, plan.name, Int32(values.count), pointers, nil, nil, 0)
            } else {
                isnad_PQexecParams(handle, sql, Int32(values.count), nil, pointers, nil, nil, 0)
            }
        }
        do throws(PostgreSQLError) {
            try check(result, sql: sql)
        } catch {
            isnad_PQclear(result)
            throw error
        }
        return PostgreSQLRows(result: result)
    }

    private func withParameterPointers<T>(
        _ texts: [[CChar]?], _ body: ([UnsafePointer<CChar>?]) -> T
    ) -> T {
        var pointers: [UnsafePointer<CChar>?] = []
        pointers.reserveCapacity(texts.count)
        func next(_ index: Int) -> T {
            if index == texts.count { return body(pointers) }
            guard let text = texts[index] else {
                pointers.append(nil)
                return next(index + 1)
            }
            return text.withUnsafeBufferPointer { buffer in
                pointers.append(buffer.baseAddress)
                return next(index + 1)
            }
        }
        return next(0)
    }

    /// Streams rows into `table`'s `columns` with `COPY … FROM STDIN`
    /// (https://www.postgresql.org/docs/15/sql-copy.html): `produce` adds the rows to the copy
    /// it is given, each value text or NULL. Rows are sent in chunks, so memory stays flat.
    func copy(into table: String, columns: [String], _ produce: (PostgreSQLCopy) throws -> Void) throws {
        let sql = "COPY \(table) (\(columns.joined(separator: ", "))) FROM STDIN"
        let start = isnad_PQexec(handle, sql)
        guard isnad_PQresultStatus(start) == PGRES_COPY_IN else {
            defer { isnad_PQclear(start) }
            try check(start, sql: sql)
            throw PostgreSQLError(kind: .other, message: "the server did not start copying", location: location, sql: sql)
        }
        isnad_PQclear(start)
        let copy = PostgreSQLCopy(connection: self, sql: sql)
        do {
            try produce(copy)
            try copy.send()
        } catch {
            _ = isnad_PQputCopyEnd(handle, "isnad stopped copying")
            while let result = isnad_PQgetResult(handle) { isnad_PQclear(result) }
            throw error
        }
        guard isnad_PQputCopyEnd(handle, nil) == 1 else {
            throw PostgreSQLError(kind: kindOfLostConnection, message: lastErrorMessage, location: location, sql: sql)
        }
        var failure: PostgreSQLError?
        while let result = isnad_PQgetResult(handle) {
            do throws(PostgreSQLError) { try check(result, sql: sql) } catch { failure = failure ?? error }
            isnad_PQclear(result)
        }
        if let failure { throw failure }
    }

    /// Sends COPY data; throws when the connection fails.
    fileprivate func sendCopyData(_ bytes: [UInt8], sql: String) throws(PostgreSQLError) {
        let sent = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { isnad_PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
        }
        guard sent == 1 else {
            throw PostgreSQLError(kind: kindOfLostConnection, message: lastErrorMessage, location: location, sql: sql)
        }
    }

    /// `text` in COPY's text format: backslash, tab, line feed and carriage return escaped.
    static func appendCopyText(_ text: String, to buffer: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x09: buffer += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x0A: buffer += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: buffer += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            default: buffer.append(byte)
            }
        }
    }

    /// A lost connection, or another failure.
    private var kindOfLostConnection: PostgreSQLError.Kind {
        isnad_PQstatus(handle) == CONNECTION_BAD ? .connectionLost : .other
    }

    /// Throws the error a result reports, if it reports one.
    private func check(_ result: OpaquePointer?, sql: String) throws(PostgreSQLError) {
        let status = result.map { isnad_PQresultStatus($0) } ?? PGRES_FATAL_ERROR
        switch status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: return
        default: break
        }
        let state = result.flatMap { isnad_PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }.map { String(cString: $0) }
        let message =
            result.flatMap { isnad_PQresultErrorField($0, Int32(UInt8(ascii: "M"))) }.map { String(cString: $0) }
            ?? lastErrorMessage
        var kind = PostgreSQLError.Kind(sqlState: state)
        if isnad_PQstatus(handle) == CONNECTION_BAD { kind = .connectionLost }
        throw PostgreSQLError(
            kind: kind, message: PostgreSQLError.oneLine(message), location: location, sql: sql, sqlState: state)
    }

    private var cursorCount = 0
    private var planCount = 0

    /// A name for a statement kept prepared on the server, unique on this connection.
    func nextPlan() -> PreparedPlan {
        planCount += 1
        return PreparedPlan(name: "isnad_plan_\(planCount)")
    }

    /// A name for a new cursor, unique on this connection.
    func nextCursorName() -> String {
        cursorCount += 1
        return "isnad_rows_\(cursorCount)"
    }

    /// Whether no transaction is open.
    var isIdle: Bool { isnad_PQtransactionStatus(handle) == PQTRANS_IDLE }

    /// The advisory lock's first key: "ISND", as SQLite stores carry it in their header.
    static let lockClass: Int64 = 0x4953_4E44

    /// Begins a transaction that holds the store's advisory lock, which every writer takes
    /// first: writers to one store run one after the other, as on SQLite, so that none loses
    /// another's update. Waiting for the lock calls `onWait` once.
    func beginWriteTransaction(waitingAtMost limit: Int? = nil, onWait: WriteLockWait?) throws(PostgreSQLError) {
        try execute("BEGIN ISOLATION LEVEL READ COMMITTED")
        let key: [Statement.Value] = [.integer(PostgreSQLConnection.lockClass), .text(location.storeName)]
        // Tried for a second before saying that it waits, as on SQLite: two writers' moments
        // meeting are not worth a line.
        let tries = limit.map { min(10, $0 * 10 + 1) } ?? 10
        for attempt in 0..<tries {
            if try query("SELECT pg_try_advisory_xact_lock($1::int4, hashtext($2))", key).int64(0, 0) == 1 {
                if let limit { try execute("SET LOCAL lock_timeout = \(max(1, limit * 1000))") }
                return
            }
            if attempt < tries - 1 { usleep(100_000) }
        }
        if let limit {
            // The rest of the limit, as the server counts a lock's wait (SQLSTATE 55P03, timedOut).
            let rest = limit * 1000 - (tries - 1) * 100
            guard rest > 0 else {
                throw PostgreSQLError(
                    kind: .timedOut, message: "the store's write lock was held by another session", location: location,
                    sqlState: "55P03")
            }
            onWait?(onWait == nil ? nil : lockHolder(key))
            try execute("SET LOCAL lock_timeout = \(rest)")
            try query("SELECT pg_advisory_xact_lock($1::int4, hashtext($2))", key)
            // Kept for the transaction: a row another session holds locked (a psql session left
            // in an UPDATE) waits no longer than the limit either.
            try execute("SET LOCAL lock_timeout = \(limit * 1000)")
            return
        }
        onWait?(onWait == nil ? nil : lockHolder(key))
        try query("SELECT pg_advisory_xact_lock($1::int4, hashtext($2))", key)
    }

    /// Who holds the store's write lock: the role of the session holding it, and since when its
    /// transaction runs when the server shows that to this role (it shows other roles' start
    /// times only to those allowed to read every session's statistics). Nil when it cannot tell.
    private func lockHolder(_ key: [Statement.Value]) -> String? {
        // Two int4 keys: classid is the first, objid the second (as an unsigned oid), objsubid 2.
        let sql = """
            SELECT a.usename, to_char(a.xact_start AT TIME ZONE 'UTC', 'HH24:MI:SS') FROM pg_locks AS l
            JOIN pg_stat_activity AS a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 AND l.classid::bigint = $1::bigint
              AND l.objid::bigint = (hashtext($2)::bigint & 4294967295) AND l.pid <> pg_backend_pid()
            LIMIT 1
            """
        // Asked inside the transaction just begun: a failure must not abort it.
        guard (try? execute("SAVEPOINT isnad_lock_holder")) != nil else { return nil }
        guard let rows = try? query(sql, key) else {
            _ = try? execute("ROLLBACK TO SAVEPOINT isnad_lock_holder")
            return nil
        }
        _ = try? execute("RELEASE SAVEPOINT isnad_lock_holder")
        guard rows.count > 0, let role = rows.text(0, 0) else { return nil }
        let since = rows.text(0, 1).map { ", writing since \($0) UTC" } ?? ""
        return Text.printable(role) + since
    }

    /// The server's version, such as `15.18`.
    var serverVersion: String {
        let number = Int(isnad_PQserverVersion(handle))
        return "\(number / 10000).\(number % 10000)"
    }
}

/// One `COPY … FROM STDIN` under way: rows are added one at a time, and sent in chunks.
final class PostgreSQLCopy {
    private unowned let connection: PostgreSQLConnection
    private let sql: String
    private var buffer: [UInt8] = []

    fileprivate init(connection: PostgreSQLConnection, sql: String) {
        self.connection = connection
        self.sql = sql
        buffer.reserveCapacity(1 << 16)
    }

    /// Adds one row, each value text or NULL, in the copy's column order.
    func append(_ row: [String?]) throws(PostgreSQLError) {
        for (index, value) in row.enumerated() {
            if index > 0 { buffer.append(0x09) }
            guard let value else {
                buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "N")])
                continue
            }
            PostgreSQLConnection.appendCopyText(value, to: &buffer)
        }
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { try send() }
    }

    /// Sends what is buffered.
    fileprivate func send() throws(PostgreSQLError) {
        guard !buffer.isEmpty else { return }
        try connection.sendCopyData(buffer, sql: sql)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The rows a query returned, all received. Columns are read as text, as the server sent them.
final class PostgreSQLRows {
    private let result: OpaquePointer?
    let count: Int
    let columnCount: Int

    init(result: OpaquePointer?) {
        self.result = result
        count = Int(result.map { isnad_PQntuples($0) } ?? 0)
        columnCount = Int(result.map { isnad_PQnfields($0) } ?? 0)
    }

    deinit { isnad_PQclear(result) }

    func isNull(_ row: Int, _ column: Int) -> Bool { isnad_PQgetisnull(result, Int32(row), Int32(column)) == 1 }

    /// The value's bytes (empty when it is NULL), without making a string: valid while these rows
    /// are.
    func bytes(_ row: Int, _ column: Int) -> UnsafeBufferPointer<UInt8> {
        guard let value = isnad_PQgetvalue(result, Int32(row), Int32(column)) else {
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        let length = Int(isnad_PQgetlength(result, Int32(row), Int32(column)))
        return UnsafeBufferPointer(start: UnsafeRawPointer(value).assumingMemoryBound(to: UInt8.self), count: length)
    }

    /// The value as text, or nil when it is NULL. A boolean is `t` or `f`, as the server sends it.
    func text(_ row: Int, _ column: Int) -> String? {
        guard !isNull(row, column), let value = isnad_PQgetvalue(result, Int32(row), Int32(column)) else { return nil }
        let length = Int(isnad_PQgetlength(result, Int32(row), Int32(column)))
        return value.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    /// Whether the column is of an integer type (and the value not NULL).
    func isInteger(_ row: Int, _ column: Int) -> Bool {
        guard !isNull(row, column) else { return false }
        // int8, int2, int4 (pg_type.oid: https://www.postgresql.org/docs/15/catalog-pg-type.html)
        return [20, 21, 23].contains(isnad_PQftype(result, Int32(column)))
    }

    /// The rows an INSERT, UPDATE or DELETE changed.
    var changedRows: Int {
        guard let result, let text = isnad_PQcmdTuples(result) else { return 0 }
        return Int(String(cString: text)) ?? 0
    }

    /// The value as an integer: a boolean is 1 or 0; NULL or text is 0, as in SQLite.
    func int64(_ row: Int, _ column: Int) -> Int64 {
        guard let text = text(row, column) else { return 0 }
        if text == "t" { return 1 }
        return Int64(text) ?? 0
    }
}

/// A statement kept prepared on the server under a name, for as long as the connection lasts: a
/// prepared statement is the session's, not a transaction's, so a rollback keeps it.
final class PreparedPlan {
    let name: String
    /// Whether the server holds it yet: it is prepared when it first runs, where the tables it
    /// names exist (a command's temporary tables are made on the way).
    var isPrepared = false

    init(name: String) { self.name = name }
}
