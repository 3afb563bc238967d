extension GraphStore {
    /// The files SQLite keeps for the store at `path`: the store itself, its write-ahead log,
    /// the log's index and its rollback journal. Nothing else may ever be written over them.
    public static func files(at path: String) -> [String] {
        [path, path + "-wal", path + "-shm", path + "-journal"]
    }
}
