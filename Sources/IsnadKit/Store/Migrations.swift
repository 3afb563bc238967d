/// The store's schema, as the ordered SQL migrations in `Schemas/migrations/`.
///
/// Each file `NNNN-name.sql` brings a store from version NNNN−1 to NNNN; the version is kept
/// in `PRAGMA user_version`. Pending migrations run together inside the opener's write
/// transaction: a store is either fully upgraded or left as it was.
public enum Migrations {
    public struct Migration: Sendable {
        public let version: Int
        public let name: String
        public let sql: String
    }

    /// Every migration, in order.
    public static let all: [Migration] = migrations(in: "migrations/")

    /// Every migration of a store on PostgreSQL (`Schemas/postgresql/`), in order: the same
    /// versions as SQLite's, from the first that PostgreSQL stores have.
    public static let postgreSQL: [Migration] = migrations(in: "postgresql/")

    private static func migrations(in folder: String) -> [Migration] {
        EmbeddedSchemas.files.compactMap { path, sql -> Migration? in
            guard path.hasPrefix(folder), path.hasSuffix(".sql") else { return nil }
            let file = path.dropFirst(folder.count).dropLast(".sql".count)
            guard let dash = file.firstIndex(of: "-"), let version = Int(file[..<dash]) else { return nil }
            return Migration(version: version, name: String(file[file.index(after: dash)...]), sql: sql)
        }
        .sorted { $0.version < $1.version }
    }

    /// The schema version this build of Isnad writes.
    public static var currentVersion: Int { all.last?.version ?? 0 }

    /// The schema version this build of Isnad writes on PostgreSQL: the same as on SQLite,
    /// which a test checks.
    public static var currentPostgreSQLVersion: Int { postgreSQL.last?.version ?? 0 }

    /// Brings the database to ``currentVersion``. Returns the migrations run.
    ///
    /// Runs inside the caller's write transaction, and reads the version it starts from in that
    /// same transaction: whatever another process did before the lock was taken, the migrations
    /// run are exactly the ones missing, once, and the caller's commit or rollback makes them all
    /// or nothing.
    @discardableResult
    static func migrate(_ database: Database) throws(DatabaseError) -> [Migration] {
        assert(!database.isAutocommit, "migrations run inside the caller's write transaction")
        let version = Int(try database.integerPragma("user_version"))
        let pending = all.filter { $0.version > version }
        for migration in pending {
            try database.execute(migration.sql)
        }
        if !pending.isEmpty { try database.execute("PRAGMA user_version = \(currentVersion)") }
        return pending
    }
}
