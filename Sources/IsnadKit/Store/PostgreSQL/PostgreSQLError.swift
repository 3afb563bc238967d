import Foundation

/// A failure PostgreSQL or libpq reports, sorted into what a user can do about it. Its message
/// names the store by its URI without the password (``PostgreSQLLocation/description``): libpq's
/// own messages never hold the password.
///
/// Error codes: https://www.postgresql.org/docs/15/errcodes-appendix.html
public struct PostgreSQLError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// The server cannot be reached, or refused the connection (address, authentication,
        /// a missing database).
        case cannotConnect
        /// libpq cannot read the connection URI (a bad percent escape, an unknown parameter).
        case unreadableURI
        /// The connection was lost during the command (a server restart, a network failure):
        /// what the command was writing was not committed.
        case connectionLost
        /// The role may not do this (SQLSTATE class 42501, or a read-only transaction).
        case permissionDenied
        /// Another client changed the same rows at the same time (SQLSTATE 40001, 40P01).
        case concurrentChange
        /// The server gave up waiting: a lock not granted in time, a statement or lock timeout
        /// (SQLSTATE 55P03, 57014), set by the server, the role or `PGOPTIONS`.
        case timedOut
        /// Anything else.
        case other

        init(sqlState: String?) {
            switch sqlState {
            case "42501", "25006": self = .permissionDenied
            case "40001", "40P01": self = .concurrentChange
            case "55P03", "57014": self = .timedOut
            case let state? where state.hasPrefix("08") || state == "57P01" || state == "57P02" || state == "57P03":
                self = .connectionLost
            default: self = .other
            }
        }
    }

    public let kind: Kind
    /// The server's or libpq's message, on one line.
    public let message: String
    let location: PostgreSQLLocation
    /// The statement that failed, for debugging; never shown.
    let sql: String?
    /// The five-character SQLSTATE, when the server sent one.
    public let sqlState: String?

    init(kind: Kind, message: String, location: PostgreSQLLocation, sql: String? = nil, sqlState: String? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
        self.sql = sql
        self.sqlState = sqlState
    }

    public var description: String {
        switch kind {
        case .cannotConnect: "cannot connect to \(location): \(message)"
        case .unreadableURI:
            "\(location) is not a connection URI libpq can read (\(message)): see https://www.postgresql.org/docs/15/libpq-connect.html#LIBPQ-CONNSTRING"
        case .connectionLost:
            "the connection to \(location) was lost (\(message)); nothing of this command was committed: run it again once the server is back"
        case .permissionDenied where message.contains("temporary tables"):
            "\(location): this database role may not make temporary tables (\(message)), which every command uses; nothing was written: the database's owner grants them, GRANT TEMPORARY ON DATABASE … TO \(location.storeName)_reader, \(location.storeName)_writer"
        case .permissionDenied where sql?.hasPrefix("CREATE ROLE") == true:
            "\(location): this database role may not create roles (\(message)); nothing was made: init --roles needs a role with CREATEROLE (owning the database is not enough); without --roles, init makes the store alone"
        case .permissionDenied:
            "\(location): this database role may not do that (\(message)); nothing was written: a store's reader role only reads, and its writer role changes records, not the schema"
        case .concurrentChange:
            "\(location): another analyst changed the same records at the same time, and nothing of this command was written: run it again"
        case .timedOut:
            "\(location): the server cancelled the command (\(message): a lock or statement timeout, or an administrator); nothing of this command was committed: run it again (another client may hold the store's write lock)"
        case .other: "\(location): \(message)"
        }
    }

    /// libpq's multi-line messages ("connection to server … failed: …\n\tIs the server running…")
    /// as one line, control characters escaped.
    static func oneLine(_ text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        return Text.printable(lines.filter { !$0.isEmpty }.joined(separator: "; "))
    }
}
