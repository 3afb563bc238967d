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

    @Test(
        "a store as one shell word that --db reads back: a path with a space quoted; a PostgreSQL store as its URI, quoted, without its password, store= naming any store but the default"
    )
    func storeAsShellWord() throws {
        #expect(StoreLocation.file(path: "my store.db").shellWord == "'my store.db'")
        #expect(StoreLocation.file(path: "isnad.db").shellWord == "isnad.db")
        let named = try StoreLocation("postgresql://alice:secret@db/team?host=/tmp/pg&user=postgres#x", storeName: "syria")
        #expect(named.shellWord == "'postgresql://alice@db/team?host=/tmp/pg&user=postgres&store=syria#x'")
        // Read back by --db: the same store, the password left to ~/.pgpass or PGPASSWORD.
        #expect(
            try PostgreSQLLocation(uri: String(named.shellWord.dropFirst().dropLast())).storeName == "syria")
        let plain = try StoreLocation("postgresql:///team?store=isnad")
        #expect(plain.shellWord == "postgresql:///team")
        #expect(try StoreLocation("postgresql:///team?password=x", storeName: "s2").shellWord == "'postgresql:///team?store=s2'")
    }
}
