/// Why a store cannot be used, in the words a user needs.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    /// No file at the path (query commands never create one).
    case missing(path: String)
    /// The file is an SQLite database that another program made.
    case notAnIsnadStore(path: String)
    /// The store was written by a newer Isnad.
    case newerSchema(path: String, found: Int, supported: Int)
    /// A new store cannot be created there (a missing or write-protected folder).
    case cannotCreate(path: String, reason: String)
    /// The store's file (or its folder) cannot be written, and the command must write.
    case readOnly(path: String)
    /// The store needs an upgrade that this read-only access cannot make.
    case needsUpgrade(path: String, found: Int, supported: Int)

    public var description: String {
        switch self {
        case .missing(let path):
            "no store at \(path) (create one with 'isnad init' or 'isnad import FILE', or name another with --db)"
        case .notAnIsnadStore(let path):
            "\(path) is an SQLite database but not an Isnad store"
        case .newerSchema(let path, let found, let supported):
            "\(path) was written by a newer Isnad (schema version \(found); this isnad reads up to \(supported)): upgrade isnad"
        case .cannotCreate(let path, let reason):
            "cannot create a store at \(path) (\(reason)): check that the folder exists and can be written"
        case .readOnly(let path):
            "\(path) is read-only: this command must write to the store (check the file's and its folder's permissions)"
        case .needsUpgrade(let path, let found, let supported):
            "\(path) uses schema version \(found) and needs upgrading to \(supported), but it cannot be written here"
        }
    }
}
