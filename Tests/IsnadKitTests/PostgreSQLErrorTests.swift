import Testing

@testable import IsnadKit

/// What a user is told of each kind of server failure, and the exit it leads to.
@Suite("PostgreSQL failures in words")
struct PostgreSQLErrorTests {
    @Test("timeouts are their own kind (run again); a role without temporary tables is told who grants them")
    func kinds() throws {
        #expect(PostgreSQLError.Kind(sqlState: "55P03") == .timedOut)
        #expect(PostgreSQLError.Kind(sqlState: "57014") == .timedOut)
        #expect(PostgreSQLError.Kind(sqlState: "42501") == .permissionDenied)
        let location = try PostgreSQLLocation(uri: "postgresql://alice:secret@db.example/team?store=syria")
        let temporary = PostgreSQLError(
            kind: .permissionDenied, message: "permission denied to create temporary tables in database \"team\"",
            location: location)
        #expect(
            temporary.description
                == "postgresql://alice@db.example/team (store syria): this database role may not make temporary tables (permission denied to create temporary tables in database \"team\"), which every command uses; nothing was written: the database's owner grants them, GRANT TEMPORARY ON DATABASE … TO syria_reader, syria_writer"
        )
    }
}
