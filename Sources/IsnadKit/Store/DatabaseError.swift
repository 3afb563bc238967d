import CSQLite

/// An error reported by SQLite, with the one-line meaning a user needs.
///
/// Mirrors SQLite's result codes (https://www.sqlite.org/rescode.html); ``kind`` groups the
/// ones Isnad treats differently.
public struct DatabaseError: Error, CustomStringConvertible, Sendable {
    /// The extended result code (https://www.sqlite.org/rescode.html#extrc).
    public let code: Int32
    /// SQLite's own message.
    public let message: String
    /// The store's path, when known.
    public let path: String?

    public enum Kind: Sendable {
        /// SQLITE_FULL: the disk (or the store's size limit) is full.
        case diskFull
        /// SQLITE_BUSY / SQLITE_LOCKED: another process holds the lock for too long.
        case busy
        /// SQLITE_READONLY: the file or its folder cannot be written.
        case readOnly
        /// SQLITE_CANTOPEN: the file cannot be opened or created.
        case cannotOpen
        /// SQLITE_CORRUPT / SQLITE_NOTADB: the file is damaged or not an SQLite database.
        case corrupt
        /// SQLITE_CONSTRAINT: a schema constraint refused a row (a bug if it reaches a user).
        case constraint
        /// SQLITE_IOERR and anything else.
        case other
    }

    public var kind: Kind {
        switch code & 0xFF {
        case SQLITE_FULL: .diskFull
        case SQLITE_BUSY, SQLITE_LOCKED: .busy
        case SQLITE_READONLY: .readOnly
        case SQLITE_CANTOPEN: .cannotOpen
        case SQLITE_CORRUPT, SQLITE_NOTADB: .corrupt
        case SQLITE_CONSTRAINT: .constraint
        default: .other
        }
    }

    /// Whether waiting and trying again can succeed: another connection holds the lock
    /// (SQLITE_BUSY). Not a stale snapshot (SQLITE_BUSY_SNAPSHOT: only ending the read
    /// transaction helps) nor SQLITE_LOCKED (a conflict within this connection).
    public var isWorthRetrying: Bool {
        code & 0xFF == SQLITE_BUSY && code != SQLITE_BUSY | (2 << 8)  // SQLITE_BUSY_SNAPSHOT, a macro Swift does not import
    }

    public init(code: Int32, message: String, path: String? = nil) {
        self.code = code
        self.message = message
        self.path = path
    }

    public var description: String {
        let place = path.map { "\($0): " } ?? ""
        switch kind {
        case .diskFull: return "\(place)disk full: the store was left as it was before this command"
        case .busy: return "\(place)the store is busy: another isnad process kept it locked too long (\(message))"
        case .readOnly: return "\(place)the store is read-only (\(message))"
        case .cannotOpen: return "\(place)cannot open the store (\(message))"
        case .corrupt: return "\(place)the file is damaged or is not an Isnad store (\(message))"
        case .constraint, .other: return "\(place)\(message)"
        }
    }
}
