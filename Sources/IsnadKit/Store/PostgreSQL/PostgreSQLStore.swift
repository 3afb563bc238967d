import Foundation

/// An Isnad store in a PostgreSQL database: one schema (``PostgreSQLLocation/storeName``) holding
/// the tables of `Schemas/postgresql/`.
///
/// Opening refuses a store written by a newer Isnad and upgrades an older one in one
/// transaction. Any number of clients may open the same store at once, even one that does not
/// exist yet or needs upgrading: each takes the store's advisory lock first
/// (https://www.postgresql.org/docs/15/explicit-locking.html#ADVISORY-LOCKS), so that exactly
/// one creates or upgrades it while the others wait, then find it done.
public final class PostgreSQLStore {
    public let location: PostgreSQLLocation
    let connection: PostgreSQLConnection
    /// Whether opening the store created it.
    public private(set) var wasCreated = false
    /// The schema version an older store was upgraded from when it was opened.
    public private(set) var upgradedFrom: Int?
    /// Called once when the store's lock is held by another client and this one waits for it.
    public var onWaitingForWriteLock: WriteLockWait?

    /// Opens the store: `.create` creates it when the schema is missing or empty (with its
    /// roles, ``createRoles(reusingExisting:)``, in the same transaction when `withRoles`, roles
    /// of their names that are another's refused unless `reusingRoles`: a role that may not
    /// create roles leaves no store behind); `.read` and `.examine` read it; `.write` needs it to
    /// exist.
    public init(
        location: PostgreSQLLocation, access: GraphStore.Access, withRoles: Bool = false, reusingRoles: Bool = false,
        onWaitingForWriteLock: WriteLockWait? = nil
    ) throws {
        self.location = location
        self.onWaitingForWriteLock = onWaitingForWriteLock
        connection = try PostgreSQLConnection(location: location)
        // A store that needs nothing is opened without the lock (writers take it for each write).
        var schema = Schema.missing
        try inSnapshot { schema = try inspect() }
        if schema == .current { return }
        if schema == .missing, access != .create { throw StoreError.missing(path: location.description) }
        if schema == .missing { try ensureTrigramExtension() }
        try inWriteTransaction { () throws in
            switch try inspect() {
            case .current: break
            case .missing:
                guard access == .create else { throw StoreError.missing(path: location.description) }
                try create()
                if withRoles { try makeRoles(reusingExisting: reusingRoles) }
                wasCreated = true
            case .outdated(let version):
                try requireOwner(toUpgradeFrom: version)
                try upgrade(from: version)
                upgradedFrom = version
            }
        }
    }

    /// The server, such as `PostgreSQL 15.18`.
    public var engineDescription: String { "PostgreSQL \(connection.serverVersion)" }

    // MARK: Schema

    /// What is at the store's schema.
    enum Schema: Equatable {
        /// No schema of that name, or one without a table: a store may be created there.
        case missing
        case current
        case outdated(version: Int)
    }

    /// Looks at the store's schema, in the caller's transaction.
    func inspect() throws -> Schema {
        let name = Statement.Value.text(location.storeName)
        let tables = try connection.query(
            """
            SELECT count(*) FROM pg_catalog.pg_class AS c JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
            WHERE n.nspname = $1
            """, [name]
        ).int64(0, 0)
        if tables == 0 { return .missing }
        let hasMeta = try connection.query("SELECT to_regclass(quote_ident($1) || '.meta') IS NOT NULL", [name]).int64(0, 0)
        let rows =
            hasMeta == 1
            ? try connection.query(
                "SELECT key, value FROM meta WHERE key IN ('application', 'schema_version', 'name_key_version') ORDER BY key")
            : nil
        var meta: [String: String] = [:]
        for row in 0..<(rows?.count ?? 0) {
            if let key = rows?.text(row, 0), let value = rows?.text(row, 1) { meta[key] = value }
        }
        guard meta["application"] == "isnad", let version = meta["schema_version"].flatMap({ Int($0) }) else {
            throw StoreError.notAnIsnadSchema(path: location.description)
        }
        let current = Migrations.currentPostgreSQLVersion
        if version > current { throw StoreError.newerSchema(path: location.description, found: version, supported: current) }
        if let keys = meta["name_key_version"].flatMap({ Int($0) }), keys > NameKey.version {
            throw StoreError.newerNameKeys(path: location.description, found: keys, supported: NameKey.version)
        }
        if version < current || meta["name_key_version"] != String(NameKey.version) { return .outdated(version: version) }
        return .current
    }

    /// Throws ``StoreError/needsOwnersUpgrade(path:found:supported:owner:)`` unless the role that
    /// connected may upgrade the store: it owns (or is a member of the role that owns) each of
    /// its tables, which a migration may alter. A reader or writer would otherwise meet the
    /// server's "must be owner of table …" midway, and be told it may not write.
    private func requireOwner(toUpgradeFrom version: Int) throws {
        let owners = try connection.query(
            """
            SELECT c.relowner::regrole::text FROM pg_catalog.pg_class AS c
            JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relkind IN ('r', 'v', 'p')
              AND NOT pg_catalog.pg_has_role(current_user, c.relowner, 'USAGE')
            ORDER BY c.relname = 'meta' DESC LIMIT 1
            """, [.text(location.storeName)])
        guard owners.count > 0, let owner = owners.text(0, 0) else { return }
        throw StoreError.needsOwnersUpgrade(
            path: location.description, found: version, supported: Migrations.currentPostgreSQLVersion, owner: owner)
    }

    /// Creates the schema and runs every migration: inside the caller's transaction.
    private func create() throws {
        try connection.execute("CREATE SCHEMA IF NOT EXISTS \(location.quotedStoreName)")
        try upgrade(from: 0)
    }

    /// Creates pg_trgm, whose operators serve every store of the database, when it is missing: in
    /// a short transaction of its own, before the store's. Two clients creating the extension at
    /// once would not wait for each other's `IF NOT EXISTS`: the second fails on the catalog's
    /// unique index once the first commits, and when the first is a store created by a long
    /// import, only after it. A database-wide advisory lock makes the second wait for the first
    /// and then find the extension made.
    private func ensureTrigramExtension() throws {
        let present = "SELECT count(*) FROM pg_catalog.pg_extension WHERE extname = 'pg_trgm'"
        if try connection.query(present).int64(0, 0) == 1 { return }
        try connection.execute("BEGIN")
        try committing {
            try connection.query(
                "SELECT pg_advisory_xact_lock($1::int4, hashtext('extension pg_trgm'))",
                [.integer(PostgreSQLConnection.lockClass)])
            try connection.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public")
        }
    }

    /// Runs the migrations after `version`, and refreshes the search keys where they were made
    /// another way (or not at all): inside the caller's transaction.
    private func upgrade(from version: Int) throws {
        // Writing every name again costs a whole pass over the names; only a new folding needs it.
        let keysAreCurrent =
            try version > 0
            && connection.query("SELECT value FROM meta WHERE key = 'name_key_version'").text(0, 0)
                == String(NameKey.version)
        for migration in Migrations.postgreSQL where migration.version > version {
            try connection.execute(migration.sql)
        }
        try connection.query(
            """
            INSERT INTO meta (key, value) VALUES ('schema_version', $1)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """, [.text(String(Migrations.currentPostgreSQLVersion))])
        if !keysAreCurrent { try PostgreSQLStore.refreshSearchKeys(on: connection) }
    }

    /// Recomputes every search key with this Isnad's folding (a new store has none), in the
    /// caller's transaction, and returns how many names' keys changed.
    @discardableResult
    static func refreshSearchKeys(on connection: PostgreSQLConnection) throws -> Int {
        // The new keys copied into a table of the transaction, then written by one UPDATE: a
        // statement a name took 19 s at 100,000 names on a local socket.
        let names = try connection.query("SELECT rowid, name, search_key, consonant_key FROM entity_name ORDER BY rowid")
        try connection.execute(
            """
            CREATE TEMP TABLE refreshed_name (rowid BIGINT PRIMARY KEY, search_key TEXT COLLATE "C" NOT NULL,
                consonant_key TEXT COLLATE "C") ON COMMIT DROP
            """)
        var changes = 0
        try connection.copy(into: "pg_temp.refreshed_name", columns: ["rowid", "search_key", "consonant_key"]) { copy in
            for row in 0..<names.count {
                let key = NameKey.fold(names.text(row, 1) ?? "")
                let consonants = NameKey.consonants(ofFolded: key)
                if key != names.text(row, 2) || consonants != names.text(row, 3) {
                    try copy.append([String(names.int64(row, 0)), key, consonants])
                    changes += 1
                }
            }
        }
        try connection.execute(
            """
            UPDATE entity_name AS n SET search_key = r.search_key, consonant_key = r.consonant_key
            FROM pg_temp.refreshed_name AS r WHERE n.rowid = r.rowid
            """)
        try connection.execute("DROP TABLE pg_temp.refreshed_name")
        // Written only when it changes: a writer role may mend keys, not mark the store's version.
        let stored = try connection.query("SELECT value FROM meta WHERE key = 'name_key_version'")
        if stored.count == 0 || stored.text(0, 0) != String(NameKey.version) {
            try connection.query(
                """
                INSERT INTO meta (key, value) VALUES ('name_key_version', $1)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """, [.text(String(NameKey.version))])
        }
        return changes
    }

    // MARK: Roles

    /// The roles ``createRoles(reusingExisting:)`` found on the server already and granted the store to as they
    /// are (roles are the server's, shared by every database), each with what it may do beyond
    /// the grants: "can log in", "superuser".
    public private(set) var rolesFoundExisting: [(name: String, beyond: [String])] = []

    /// The two roles ``createRoles(reusingExisting:)`` makes for this store: one that reads, one that writes.
    public var roleNames: (reader: String, writer: String) {
        (location.storeName + "_reader", location.storeName + "_writer")
    }

    /// Creates the store's reader and writer roles when missing (group roles, without login:
    /// `GRANT NAME_reader TO alice` lets alice read), and grants them the store's tables, now and
    /// as later migrations create them. The reader may only read; the writer may change records,
    /// not the schema (upgrades are for the store's owner), and set the row counters, which
    /// `isnad copy` into the store moves past the rows it copies. Of the history it may update
    /// only the columns Isnad's commands update (an entry's `undoes` and `undone_by`, a record's
    /// `action` and `after`), and the store's triggers let it change or delete only what its own
    /// transaction wrote (`Schemas/postgresql/0014-history-kept.sql`). Needs the CREATEROLE privilege.
    ///
    /// Roles are the server's, shared by every database, and named for the store alone: a role
    /// of these names that holds no grant on this store yet (another database's store of the
    /// same name, or one made by hand) is refused, nothing made
    /// (``StoreError/rolesExist(path:roles:)``), unless `reusingExisting`: then it is granted
    /// the store as it is, and every role that holds it may use the store
    /// (``rolesFoundExisting``).
    public func createRoles(reusingExisting: Bool = false) throws {
        try inWriteTransaction { try makeRoles(reusingExisting: reusingExisting) }
    }

    /// ``createRoles(reusingExisting:)``'s work, in the caller's transaction.
    private func makeRoles(reusingExisting: Bool) throws {
        let (reader, writer) = roleNames
        guard writer.utf8.count <= 63 else {
            throw StoreError.cannotCreate(path: location.description, reason: "the role name \(writer) is longer than 63 bytes")
        }
        let schema = location.quotedStoreName
        rolesFoundExisting = []
        for role in [reader, writer] {
            // One that uses this store already is its own, made by an earlier init --roles.
            let found = try connection.query(
                """
                SELECT r.rolcanlogin::int, r.rolsuper::int, EXISTS (
                    SELECT 1 FROM pg_catalog.pg_namespace AS n, aclexplode(n.nspacl) AS a
                    WHERE n.nspname = $2 AND a.grantee = r.oid)::int
                FROM pg_catalog.pg_roles AS r WHERE r.rolname = $1
                """, [.text(role), .text(location.storeName)])
            if found.count == 0 {
                try connection.execute("CREATE ROLE \(role) NOLOGIN")
            } else if found.int64(0, 2) == 0 {
                let beyond = [found.int64(0, 0) == 1 ? "can log in" : nil, found.int64(0, 1) == 1 ? "superuser" : nil]
                rolesFoundExisting.append((role, beyond.compactMap { $0 }))
            }
        }
        if !reusingExisting, !rolesFoundExisting.isEmpty {
            throw StoreError.rolesExist(path: location.description, roles: rolesFoundExisting.map(\.name))
        }
        try connection.execute(
            """
            GRANT USAGE ON SCHEMA \(schema) TO \(reader), \(writer);
            GRANT SELECT ON ALL TABLES IN SCHEMA \(schema) TO \(reader);
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA \(schema) TO \(writer);
            REVOKE UPDATE ON \(schema).change, \(schema).change_record FROM \(writer);
            GRANT UPDATE (undoes, undone_by) ON \(schema).change TO \(writer);
            GRANT UPDATE (action, after) ON \(schema).change_record TO \(writer);
            GRANT USAGE, UPDATE ON ALL SEQUENCES IN SCHEMA \(schema) TO \(writer);
            ALTER DEFAULT PRIVILEGES IN SCHEMA \(schema) GRANT SELECT ON TABLES TO \(reader);
            ALTER DEFAULT PRIVILEGES IN SCHEMA \(schema) GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO \(writer);
            ALTER DEFAULT PRIVILEGES IN SCHEMA \(schema) GRANT USAGE, UPDATE ON SEQUENCES TO \(writer)
            """)
    }

    // MARK: Transactions

    /// Runs `body` in one transaction holding the store's advisory lock, which every writer
    /// takes first: writers to one store run one after the other, as on SQLite, so that none
    /// loses another's update. Waiting for the lock calls ``onWaitingForWriteLock`` once. An
    /// error rolls everything back; a lost connection is not retried.
    func inWriteTransaction(_ body: () throws -> Void) throws {
        try connection.beginWriteTransaction(onWait: onWaitingForWriteLock)
        try committing(body)
    }

    /// Runs `body` in one read-only snapshot of the store (`REPEATABLE READ, READ ONLY`).
    func inSnapshot(_ body: () throws -> Void) throws {
        try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try committing(body)
    }

    /// Runs `body` in the transaction just begun: commits after it, rolls back when it throws.
    private func committing(_ body: () throws -> Void) throws {
        do {
            try body()
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }
}

extension GraphStore {
    /// Drops the schema of a store that this command created, once the command failed: under the
    /// store's lock, and only while it holds no row (no record, no history), so that a client that
    /// wrote to it meanwhile keeps what it wrote. Returns whether it was dropped.
    static func removeUnusedPostgreSQLStore(_ database: Database) -> Bool {
        guard let connection = database.postgreSQL else { return false }
        database.rollbackIfOpen()
        do {
            try connection.beginWriteTransaction(onWait: nil)
            for table in StoreCopy.tables.map(\.name)
            where try connection.query("SELECT EXISTS (SELECT 1 FROM \(table))").int64(0, 0) == 1 {
                try connection.execute("ROLLBACK")
                return false
            }
            // The name is a checked store name (PostgreSQLLocation): letters, digits and _.
            try connection.execute("DROP SCHEMA \(connection.location.quotedStoreName) CASCADE; COMMIT")
            return true
        } catch {
            try? connection.execute("ROLLBACK")
            return false
        }
    }
}
