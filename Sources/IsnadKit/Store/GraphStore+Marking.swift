/// Sets of entities kept in temporary SQLite tables, and the claims among them, streamed: what
/// lets an export of any size, or of any neighbourhood, run in flat memory.
///
/// The tables live in SQLite's temporary database (a file of its own, with a bounded cache),
/// never in the store, so a store opened read-only can be exported. Each is emptied before use
/// and dropped when its work is done (if a statement still reading keeps SQLite from dropping
/// it, the next use empties it).
extension GraphStore {
    /// The temporary tables on PostgreSQL, made when a store is opened for reading: a READ ONLY
    /// transaction may fill temporary tables but not create them. Their text is byte-ordered, as
    /// SQLite's is.
    static let postgreSQLTemporaryTables = """
        CREATE TEMP TABLE IF NOT EXISTS export_entity (id TEXT COLLATE "C" PRIMARY KEY);
        CREATE TEMP TABLE IF NOT EXISTS export_reached (id TEXT COLLATE "C" PRIMARY KEY, depth BIGINT NOT NULL);
        CREATE TEMP TABLE IF NOT EXISTS export_frontier (id TEXT COLLATE "C" PRIMARY KEY);
        CREATE TEMP TABLE IF NOT EXISTS export_claim_by_endpoints (id TEXT COLLATE "C" NOT NULL,
            subject TEXT COLLATE "C" NOT NULL, predicate TEXT COLLATE "C" NOT NULL, object TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (subject, predicate, object, id));
        CREATE TEMP TABLE IF NOT EXISTS export_claim_by_id (id TEXT COLLATE "C" NOT NULL,
            subject TEXT COLLATE "C" NOT NULL, predicate TEXT COLLATE "C" NOT NULL, object TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (id))
        """

    /// A temporary table's qualified name: `temp.NAME` in SQLite, `pg_temp.NAME` in PostgreSQL.
    private func temporary(_ name: String) -> String { (database.isPostgreSQL ? "pg_temp." : "temp.") + name }

    /// Empties the temporary tables `names` (on SQLite, first made by `create`); returns what drops them afterwards.
    private func prepareTemporary(_ names: [String], create: String) throws -> () -> Void {
        if database.isPostgreSQL {
            guard canMarkEntities else { throw StoreError.cannotMarkOnStandby(path: path) }
            // Kept for the session; emptied before each use.
            try database.execute(names.map { "DELETE FROM pg_temp.\($0)" }.joined(separator: "; "))
            return {}
        }
        try database.execute(create + "; " + names.map { "DELETE FROM temp.\($0)" }.joined(separator: "; "))
        return { [database] in
            try? database.execute(names.map { "DROP TABLE IF EXISTS temp.\($0)" }.joined(separator: "; "))
        }
    }

    /// `INSERT OR IGNORE INTO table (columns) VALUES (values)` in the engine's words.
    private func insertIgnoring(into table: String, _ columnsAndValues: String) -> String {
        database.isPostgreSQL
            ? "INSERT INTO \(table) \(columnsAndValues) ON CONFLICT DO NOTHING"
            : "INSERT OR IGNORE INTO \(table) \(columnsAndValues)"
    }

    /// Runs `mark` to note entity ids in a temporary table, then `read` with the table's name;
    /// the table is dropped afterwards. Memory stays flat however many entities are marked.
    func withMarkedEntities(_ mark: ((String) throws -> Void) throws -> Void, read: (String) throws -> Void) throws {
        let drop = try prepareTemporary(
            ["export_entity"], create: "CREATE TEMP TABLE IF NOT EXISTS export_entity (id TEXT PRIMARY KEY) WITHOUT ROWID")
        defer { drop() }
        let insert = try database.prepare(insertIgnoring(into: temporary("export_entity"), "(id) VALUES (?1)"))
        try mark { id in try insert.run([.text(id)]) }
        try read(temporary("export_entity"))
    }

    /// Marks the entities within `depth` hops of `center` in a temporary table, breadth-first,
    /// then runs `read` with the table's name (one column `id`, and `depth`, the hops from
    /// `center`). `adjacent(entity, reach)` must call `reach` with the other end of every claim
    /// of `entity` that may be followed. Only ids are held, and only by SQLite: memory stays flat
    /// however large the neighbourhood.
    func withNeighborhoodMarked(
        center: String, depth: Int, adjacent: (String, (String) throws -> Void) throws -> Void, read: (String) throws -> Void
    ) throws {
        let drop = try prepareTemporary(
            ["export_reached", "export_frontier"],
            create: """
                CREATE TEMP TABLE IF NOT EXISTS export_reached (id TEXT PRIMARY KEY, depth INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TEMP TABLE IF NOT EXISTS export_frontier (id TEXT PRIMARY KEY) WITHOUT ROWID
                """)
        defer { drop() }
        let reached = temporary("export_reached")
        let frontierTable = temporary("export_frontier")
        let insert = try database.prepare(insertIgnoring(into: reached, "(id, depth) VALUES (?1, ?2)"))
        try insert.run([.text(center), .integer(0)])
        // The frontier is copied out of export_reached, so that reading it never meets rows
        // being written into the table it reads.
        let fill = try database.prepare("INSERT INTO \(frontierTable) (id) SELECT id FROM \(reached) WHERE depth = ?1")
        let frontier = try database.prepare("SELECT id FROM \(frontierTable) ORDER BY id")
        for hop in 0..<max(0, depth) {
            try database.execute("DELETE FROM \(frontierTable)")
            try fill.run([.integer(Int64(hop))])
            if database.changes == 0 { break }
            let next = Statement.Value.integer(Int64(hop + 1))
            try frontier.forEachRow { row in
                try adjacent(row.string(0)) { other in try insert.run([.text(other), next]) }
            }
        }
        try read(reached)
    }

    /// Every claim whose two ends are both in `table` (one column, `id`), with its graded
    /// citations, streamed: in id order, or `byEndpoints` ordered by subject, predicate, object,
    /// then id (the claims of one edge together). The claims' keys are gathered first in a
    /// temporary table, through the subject index; then the claims are read in that table's
    /// order, so nothing is sorted in memory.
    func forEachClaim(among table: String, byEndpoints: Bool, _ body: (GradedClaim) throws -> Void) throws {
        let name = byEndpoints ? "export_claim_by_endpoints" : "export_claim_by_id"
        let claims = temporary(name)
        let drop = try prepareTemporary(
            [name],
            create: """
                CREATE TEMP TABLE IF NOT EXISTS \(name) (id TEXT NOT NULL, subject TEXT NOT NULL, predicate TEXT NOT NULL,
                    object TEXT NOT NULL, PRIMARY KEY (\(byEndpoints ? "subject, predicate, object, id" : "id"))) WITHOUT ROWID
                """)
        defer { drop() }
        // CROSS JOIN makes SQLite join in the order written; PostgreSQL's planner chooses its own.
        let join = database.isPostgreSQL ? "JOIN" : "CROSS JOIN"
        try database.execute(
            """
            INSERT INTO \(claims) (id, subject, predicate, object)
            SELECT c.id, c.subject, c.predicate, c.object
            FROM \(table) AS m \(join) claim AS c ON c.subject = m.id \(join) \(table) AS o ON o.id = c.object
            """)
        let select = try database.prepare(
            """
            \(GraphStore.claimColumns)
            FROM \(claims) AS k \(join) claim AS c ON c.id = k.id
            \(GraphStore.claimJoins)
            ORDER BY \(byEndpoints ? "k.subject, k.predicate, k.object, k.id" : "k.id"), ci.position
            """)
        try groupClaims(select, []) { try body($0) }
    }
}
