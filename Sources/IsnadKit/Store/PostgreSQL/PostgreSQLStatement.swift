/// A ``Statement`` on PostgreSQL: the SQL written for SQLite with `?N` parameters, sent as
/// PostgreSQL's `$N`. Its rows are received whole when it first steps; or, for a query read row
/// by row inside a transaction (``streamRows()``), through a cursor, a batch at a time, so that
/// memory stays flat however many rows it returns.
final class PostgreSQLStatement {
    private unowned let connection: PostgreSQLConnection
    /// The SQL with `$N` parameters.
    let sql: String
    /// The number of distinct parameters.
    let parameterCount: Int
    private var values: [Statement.Value] = []
    private var rows: PostgreSQLRows?
    private var row = -1
    /// Whether the next run reads its rows through a cursor.
    private var isStreaming = false
    /// The open cursor, while a streamed run has rows left to fetch.
    private var cursor: String?
    /// Whether the last batch fetched was full (more rows may follow).
    private var mayHaveMore = false
    private static let batchSize = 2_000
    /// What the last run changed, for ``Database/changes``.
    private(set) var changedRows = 0
    /// The server's plan of a statement that runs again and again (``keepPlan()``).
    private var plan: PreparedPlan?

    init(connection: PostgreSQLConnection, sql: String) {
        self.connection = connection
        (self.sql, self.parameterCount) = PostgreSQLStatement.numberedParameters(sql)
    }

    /// `sql` with SQLite's `?N` (and bare `?`, numbered in order) written as `$N`, outside
    /// quoted text and identifiers and comments; and the number of parameters.
    static func numberedParameters(_ sql: String) -> (String, Int) {
        var result = ""
        result.reserveCapacity(sql.utf8.count)
        var count = 0
        var nextBare = 1
        var quote: Character?
        var index = sql.startIndex
        while index < sql.endIndex {
            let character = sql[index]
            if let open = quote {
                result.append(character)
                if character == open { quote = nil }
                index = sql.index(after: index)
                continue
            }
            switch character {
            case "'", "\"":
                quote = character
                result.append(character)
                index = sql.index(after: index)
            case "-" where sql[index...].hasPrefix("--"):
                let end = sql[index...].firstIndex(of: "\n") ?? sql.endIndex
                result += sql[index..<end]
                index = end
            case "?":
                var end = sql.index(after: index)
                while end < sql.endIndex, sql[end].isASCII, sql[end].isNumber { end = sql.index(after: end) }
                let digits = sql[sql.index(after: index)..<end]
                let number = Int(digits) ?? nextBare
                if digits.isEmpty { nextBare += 1 }
                count = max(count, number)
                result += "$\(number)"
                index = end
            default:
                result.append(character)
                index = sql.index(after: index)
            }
        }
        return (result, count)
    }

    func reset() {
        finish()
        values = []
    }

    func finish() {
        rows = nil
        row = -1
        mayHaveMore = false
        if let cursor {
            self.cursor = nil
            // A transaction that failed has closed it already.
            if !connection.isIdle { try? connection.execute("CLOSE \(cursor)") }
        }
    }

    /// Keeps the statement prepared on the server from its first run: for statements a
    /// connection keeps (``Database/cached(_:)``). A statement run once gains nothing from it
    /// and would cost a round trip more.
    func keepPlan() {
        if plan == nil { plan = connection.nextPlan() }
    }

    /// Makes the next run read its rows in batches through a cursor, when it is a query inside a
    /// transaction (a cursor lives in its transaction).
    func streamRows() { isStreaming = true }

    func bind(_ values: [Statement.Value]) { self.values = values }

    /// Runs the statement at the first step; then moves to the next row.
    func step() throws(PostgreSQLError) -> Bool {
        if rows == nil {
            if isStreaming, !connection.isIdle, sql.prefix(7).uppercased() == "SELECT " {
                let name = connection.nextCursorName()
                try connection.query("DECLARE \(name) NO SCROLL CURSOR FOR \(sql)", values)
                cursor = name
                try fetch()
            } else {
                let received = try connection.query(sql, values, plan: plan)
                changedRows = received.changedRows
                rows = received
            }
            isStreaming = false
        }
        row += 1
        if let rows, row >= rows.count, mayHaveMore {
            try fetch()
            row = 0
        }
        return row < (rows?.count ?? 0)
    }

    /// The cursor's next batch.
    private func fetch() throws(PostgreSQLError) {
        guard let cursor else { return }
        let batch = try connection.query("FETCH \(PostgreSQLStatement.batchSize) FROM \(cursor)")
        mayHaveMore = batch.count == PostgreSQLStatement.batchSize
        rows = batch
        changedRows = 0
    }

    func isNull(_ column: Int32) -> Bool { rows?.isNull(row, Int(column)) ?? true }
    func int64(_ column: Int32) -> Int64 { rows?.int64(row, Int(column)) ?? 0 }
    func isInteger(_ column: Int32) -> Bool { rows?.isInteger(row, Int(column)) ?? false }
    func text(_ column: Int32) -> String? { rows?.text(row, Int(column)) }
    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        rows?.bytes(row, Int(column)) ?? UnsafeBufferPointer(start: nil, count: 0)
    }
}
