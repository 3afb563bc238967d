import Foundation

/// An Isnad store: entities, sources and claims in one SQLite file.
///
/// Opening a store checks that the file is an Isnad store, refuses one written by a newer
/// Isnad, and upgrades an older one in a single transaction.
public final class GraphStore {
    /// How a command uses the store.
    public enum Access: Sendable {
        /// Queries: the store must exist; it is opened read-only.
        case read
        /// Changes: the store must exist.
        case write
        /// Changes, creating the store if it is missing.
        case create
    }

    /// Marks the file as an Isnad store (`PRAGMA application_id`, "ISND").
    public static let applicationID: Int64 = 0x4953_4E44

    public let database: Database
    public let path: String
    public let vocabulary: Vocabulary
    /// Whether opening the store created it.
    public private(set) var wasCreated = false
    /// Migrations run when opening (an older store upgraded).
    public private(set) var upgradedFrom: Int?
    /// Called once when a write must wait for another process's write to finish.
    public var onWaitingForWriteLock: (() -> Void)?
    /// Entity types and source grades, remembered while reading claims.
    let rowMemo = RowMemo()

    public init(path: String, access: Access, vocabulary: Vocabulary = .standard) throws {
        self.path = path
        self.vocabulary = vocabulary
        let exists = FileSystem.exists(path)
        if !exists, access != .create { throw StoreError.missing(path: path) }
        do {
            database = try GraphStore.connect(path: path, access: access, exists: exists)
        } catch let error as DatabaseError {
            if !exists, error.kind == .cannotOpen { throw StoreError.cannotCreate(path: path, reason: error.message) }
            throw error
        }
        wasCreated = !exists
        // SQLite opens a write-protected file read-only without a word; say it now, not at the first write.
        if access != .read, database.isReadOnly { throw StoreError.readOnly(path: path) }
        try database.execute("PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768")
        try database.registerTextFunction("isnad_fold", NameKey.fold)

        let version = Int(try database.integerPragma("user_version"))
        let application = try database.integerPragma("application_id")
        let isEmpty = try database.integerPragma("page_count") == 0 || (version == 0 && application == 0 && isBlank())
        if !isEmpty, application != GraphStore.applicationID { throw StoreError.notAnIsnadStore(path: path) }
        if version > Migrations.currentVersion {
            throw StoreError.newerSchema(path: path, found: version, supported: Migrations.currentVersion)
        }
        if try version < Migrations.currentVersion || NameKey.version != storedNameKeyVersion(isEmpty: isEmpty) {
            if access == .read {
                // Upgrade through a writable connection if the file allows it, then read.
                let writer = try GraphStore(path: path, access: .write, vocabulary: vocabulary)
                upgradedFrom = writer.upgradedFrom
            } else {
                if isEmpty { try database.execute("PRAGMA journal_mode = WAL") }
                try Migrations.migrate(database, from: version)
                if version > 0 { upgradedFrom = version }
                try refreshSearchKeys()
            }
        }
        try database.execute("PRAGMA synchronous = FULL")
    }

    /// Opens the connection. A store in WAL mode is read through a shared-memory index next to
    /// it; when its folder cannot be written, that index cannot be created, and the store is
    /// read as immutable instead (nobody can write it there either).
    private static func connect(path: String, access: Access, exists: Bool) throws -> Database {
        guard access == .read else { return try Database(path: path, access: exists ? .readWrite : .create) }
        let database = try Database(path: path, access: .readOnly)
        let problem: DatabaseError
        do throws(DatabaseError) {
            _ = try database.integerPragma("user_version")
            return database
        } catch {
            problem = error
        }
        // Immutable reading skips the write-ahead log, so it is only right when there is none.
        let folder = (path as NSString).deletingLastPathComponent
        guard problem.kind == .readOnly || problem.kind == .cannotOpen, !FileSystem.isWritable(folder.isEmpty ? "." : folder),
            (FileSystem.regularFileSize(path + "-wal") ?? 0) == 0
        else { throw problem }
        return try Database(path: path, access: .immutable)
    }

    private func isBlank() throws -> Bool {
        try database.prepare("SELECT count(*) FROM sqlite_schema").scalarInteger() == 0
    }

    private func storedNameKeyVersion(isEmpty: Bool) throws -> Int? {
        if isEmpty { return nil }
        let text = try database.prepare("SELECT value FROM meta WHERE key = 'name_key_version'").scalarText()
        return text.flatMap { Int($0) }
    }

    /// Recomputes every search key when Isnad's name folding changed since they were written.
    private func refreshSearchKeys() throws {
        try database.transaction {
            try database.execute("UPDATE entity_name SET search_key = isnad_fold(name)")
            try database.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('name_key_version', ?)")
                .run([.text(String(NameKey.version))])
        }
    }

    /// The number of rows in each main table.
    public func counts() throws -> (entities: Int, sources: Int, claims: Int, citations: Int) {
        func count(_ table: String) throws -> Int {
            Int(try database.prepare("SELECT count(*) FROM \(table)").scalarInteger() ?? 0)
        }
        return (try count("entity"), try count("source"), try count("claim"), try count("citation"))
    }
}
