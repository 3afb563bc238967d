import Foundation
import Testing

/// The PostgreSQL server the tests may use: the URI in `ISNAD_TEST_POSTGRES`
/// (`postgresql://…`, as `.ci/run` exports it). Tests start no server: without the variable,
/// the PostgreSQL tests are skipped, with ``skipReason``.
public enum PostgreSQLServer {
    /// The server's URI, if the environment names one.
    public static var uri: String? {
        ProcessInfo.processInfo.environment["ISNAD_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public static var isAvailable: Bool { uri != nil }

    public static let skipReason: Comment =
        "needs a PostgreSQL server: set ISNAD_TEST_POSTGRES=postgresql://… (.ci/run starts one)"

    /// The psql program, when installed: what ``psql(_:)`` runs.
    public static var psqlPath: String? {
        ExternalTool.path("psql") ?? ["/usr/bin/psql"].first(where: FileManager.default.isExecutableFile)
    }

    /// Whether a test may run SQL of its own on the server: a server, and psql.
    public static var isAvailableWithPSQL: Bool { isAvailable && psqlPath != nil }

    public static let psqlSkipReason: Comment =
        "needs a PostgreSQL server (set ISNAD_TEST_POSTGRES=postgresql://…, .ci/run starts one) and psql (apt: postgresql-client)"

    /// A store name no other test uses.
    public static func uniqueStoreName() -> String {
        "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }

    /// The server's URI naming the store `name`.
    public static func storeURI(_ name: String) -> String {
        guard let uri else { return "postgresql:///isnad-no-server" }
        return uri + (uri.contains("?") ? "&" : "?") + "store=\(name)"
    }

    /// The server's URI with another database in place of its own, naming the store `name`.
    public static func storeURI(_ name: String, database: String) -> String {
        guard var components = URLComponents(string: storeURI(name)) else { return storeURI(name) }
        components.path = "/" + database
        return components.string ?? storeURI(name)
    }

    /// Runs SQL on the server with psql, when it is installed: for setting up and removing what a
    /// test made. Returns psql's output, or nil without psql.
    @discardableResult
    public static func psql(_ sql: String) throws -> ExternalTool.Result? {
        guard let uri, let psql = psqlPath else { return nil }
        return try ExternalTool.run(psql, ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", uri, "-c", sql])
    }

    /// The role the server's URI connects as (`session_user`): the author of every change made
    /// through it, with a name given beside it (`analyst (as postgres)`) unless it is this one.
    public static func role() throws -> String? {
        try psql("SELECT session_user")?.standardOutput.trimmingCharacters(in: .newlines)
    }

    /// Removes a store a test made.
    public static func dropStore(_ name: String) {
        _ = try? psql("DROP SCHEMA IF EXISTS \(name) CASCADE")
    }
}
