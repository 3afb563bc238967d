extension GraphStore {
    /// The files SQLite keeps for the store at `path`: the store itself, its write-ahead log,
    /// the log's index and its rollback journal. Nothing else may ever be written over them.
    public static func files(at path: String) -> [String] {
        [path, path + "-wal", path + "-shm", path + "-journal"]
    }

    /// Whether an SQLite database (by its header) is at `path`, links followed.
    public static func isSQLiteDatabase(_ path: String) -> Bool {
        FileSystem.regularFile(path, beginsWith: Array("SQLite format 3\0".utf8))
    }

    /// The SQLite database that would take a file at `path` for one of its own, when `path` is
    /// that database's name and `-wal`, `-shm` or `-journal`: SQLite rolls a "journal" back into
    /// its database and then deletes it, and reads a "log" as its database's latest pages. So no
    /// file Isnad makes, a store or an export, takes such a name. Nil when no SQLite database
    /// (by its header) is there.
    public static func databaseTakingAsItsOwn(_ path: String) -> String? {
        for suffix in ["-wal", "-shm", "-journal"] where path.hasSuffix(suffix) {
            let database = String(path.dropLast(suffix.count))
            if !database.isEmpty, isSQLiteDatabase(database) {
                return database
            }
        }
        return nil
    }
}
