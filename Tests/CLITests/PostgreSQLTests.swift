import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

/// Stores on PostgreSQL: naming them, never showing a password, creating and refusing them,
/// and copying stores between engines. The tests that need a server use the one
/// `ISNAD_TEST_POSTGRES` names, and are skipped without it.
@Suite("PostgreSQL stores", .temporaryStore)
struct PostgreSQLTests {
    static let dataset = Repository.root.appendingPathComponent("Datasets/hadera-2022/hadera-2022.jsonl").path

    // MARK: Without a server

    @Test("the store's name comes from --store, else the URI's store parameter, which libpq never sees")
    func storeName() throws {
        let named = try PostgreSQLLocation(uri: "postgresql://db.example/team?sslmode=require&store=syria")
        #expect(named.storeName == "syria")
        #expect(named.connectionURI == "postgresql://db.example/team?sslmode=require")
        let plain = try PostgreSQLLocation(uri: "postgres://db.example/team")
        #expect(plain.storeName == PostgreSQLLocation.defaultStoreName)
        #expect(plain.connectionURI == "postgres://db.example/team")
        let flag = try PostgreSQLLocation(uri: "postgresql:///team", storeName: "iraq")
        #expect(flag.storeName == "iraq")
        #expect(flag.connectionURI == "postgresql:///team")
        #expect(try StoreLocation("team.db") == .file(path: "team.db"))
    }

    @Test("a URI's scheme is read in any case, and given to libpq in lowercase")
    func schemeInAnyCase() throws {
        let location = try PostgreSQLLocation(uri: "POSTGRESQL://alice@db.example/team?store=syria")
        #expect(location.connectionURI == "postgresql://alice@db.example/team")
        #expect(
            try StoreLocation("Postgres://db.example/team")
                == .postgreSQL(try PostgreSQLLocation(uri: "postgres://db.example/team")))
    }

    @Test("two names for one store are refused (64): the URI's store= twice, or --store beside it, unless they agree")
    func twoStoreNames() throws {
        #expect(throws: PostgreSQLLocation.LocationError.self) {
            try PostgreSQLLocation(uri: "postgresql:///team?store=a&store=b")
        }
        #expect(throws: PostgreSQLLocation.LocationError.self) {
            try PostgreSQLLocation(uri: "postgresql:///team?store=scratch", storeName: "syria")
        }
        #expect(
            try PostgreSQLLocation(uri: "postgresql:///team?store=syria&store=syria", storeName: "syria").storeName == "syria")
        let cli = try CLIHarness.scoped
        let result = try cli.run([
            "--db", "postgresql://alice:hunter2-secret@127.0.0.1:1/team?store=scratch", "--store", "syria", "stats",
        ])
        #expect(result.status == 64)
        #expect(
            result.standardError
                == "isnad: --store syria and the URI's store=scratch name two stores: give one of them, in postgresql://alice@127.0.0.1:1/team?store=scratch\n(see 'isnad help')\n"
        )
    }

    @Test(
        "libpq's keyword connection string is refused (64) as neither a path nor a URI, and never echoed: it may hold a password")
    func keywordString() throws {
        let cli = try CLIHarness.scoped
        let text = "host=/tmp dbname=team user=alice password=hunter2-secret"
        for arguments in [
            ["--db", text, "stats"], ["copy", text, "copy.db"], ["stats"],
            ["--db", "keepalives=1 host=h password=hunter2-secret", "init"], ["--db", "password=hunter2-secret", "stats"],
        ] {
            let result = try cli.run(arguments, environment: ["ISNAD_DB": text])
            #expect(result.status == 64, "\(arguments): \(result.standardError)")
            #expect(result.standardError.contains("reads no keyword connection string"), "\(result.standardError)")
            #expect(!result.standardError.contains("hunter2"))
        }
        #expect(!FileManager.default.fileExists(atPath: cli.path(text)))
        #expect(!FileManager.default.fileExists(atPath: cli.path("keepalives=1 host=h password=hunter2-secret")))
        // One word with a folder in it is a path, as a Hive-style folder name is.
        #expect(!PostgreSQLLocation.isKeywordString("user=alice/isnad.db"))
        #expect(!PostgreSQLLocation.isKeywordString("a=b.db"))
        #expect(PostgreSQLLocation.isKeywordString("sslrootcert=/x host=h"))
    }

    @Test(
        "a store name that is not a plain schema name is refused (exit 64)",
        arguments: ["", "Syria", "1st", "a-b", "a;drop", "pg_catalog", "public", String(repeating: "a", count: 64)])
    func badStoreName(name: String) throws {
        let cli = try CLIHarness.scoped
        let result = try cli.run(["--db", "postgresql://alice:hunter2-secret@127.0.0.1:1/team", "--store", name, "init"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("store name"))
        #expect(!result.standardError.contains("hunter2-secret"))
    }

    @Test(
        "the longest name a record may have, in characters of four bytes that do not compress, is stored and found on PostgreSQL, as on a file",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func longestNameOnPostgreSQL() throws {
        let cli = try CLIHarness.scoped
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        let environment = ["ISNAD_DB": PostgreSQLServer.storeURI(name)]
        // Random ideographs of CJK Extension B, letters of four bytes each: 2,000 bytes of search
        // key that pglz cannot shrink (700 of them exceed PostgreSQL's 2,704 bytes an index entry).
        var generator = SystemRandomNumberGenerator()
        let longest = String(
            String.UnicodeScalarView(
                (0..<500).map { _ in UnicodeScalar(UInt32.random(in: 0x20000...0x2A6DF, using: &generator))! }))
        #expect(longest.unicodeScalars.count == 500)
        try cli.write("long.jsonl", #"{"record":"entity","id":"longest","type":"person","name":"\#(longest)"}"# + "\n")
        let imported = try cli.run(["import", "long.jsonl"], environment: environment)
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(try cli.run(["show", "longest"], environment: environment).status == 0)
    }

    @Test("init --roles with a store name too long for its roles is refused (64) before anything is made")
    func rolesNameTooLong() throws {
        let cli = try CLIHarness.scoped
        let name = String(repeating: "d", count: 57)
        let result = try cli.run(["--db", "postgresql://alice@127.0.0.1:1/team", "--store", name, "init", "--roles"])
        #expect(result.status == 64)
        #expect(
            result.standardError.hasPrefix(
                "isnad: --roles: the role \(name)_writer would be longer than PostgreSQL's 63 bytes: a store with roles has a name of at most 56 bytes\n"
            ))
    }

    @Test(
        "a password is never shown, whether in the user part or as a parameter",
        arguments: [
            (
                "postgresql://alice:hunter2-secret@db.example:5433/team?sslmode=require",
                "postgresql://alice@db.example:5433/team?sslmode=require"
            ),
            (
                "postgres://alice:hunter2-secret@db.example/team?password=hunter2-secret&store=x",
                "postgres://alice@db.example/team?store=x"
            ),
            ("postgresql://db.example/team?password=hunter2-secret", "postgresql://db.example/team"),
            ("postgresql://alice:hunter2-secret@/team?host=/run/postgresql", "postgresql://alice@/team?host=/run/postgresql"),
            // The client key's passphrase, and names libpq reads percent-decoded.
            (
                "postgresql://alice@db.example/team?sslpassword=hunter2-secret&sslmode=require",
                "postgresql://alice@db.example/team?sslmode=require"
            ),
            (
                "postgresql://db.example/team?pass%77ord=hunter2-secret&connect_timeout=2&%73slpassword=hunter2-secret",
                "postgresql://db.example/team?connect_timeout=2"
            ),
            ("postgresql://db.example/team?sslpassword", "postgresql://db.example/team"),
        ])
    func passwordRemoved(uri: String, shown: String) throws {
        #expect(PostgreSQLLocation.withoutPassword(uri) == shown)
        let location = try PostgreSQLLocation(uri: uri)
        #expect(!location.description.contains("hunter2"))
    }

    @Test(
        "what libpq quotes of a URI is masked for an sslpassword or a percent-encoded password= as for a password",
        arguments: [
            "postgresql://alice@db.example/team?sslpassword=hunter2-secret",
            "postgresql://alice@db.example/team?SSLPassword=hunter2%2Dsecret",
            "postgresql://alice@db.example/team?pass%77ord=hunter2-secret",
        ])
    func passwordMaskedInMessages(uri: String) throws {
        let location = try PostgreSQLLocation(uri: uri)
        let masked = location.maskingPasswords(in: #"invalid value "hunter2-secret"; in "\#(uri)""#)
        #expect(masked == #"invalid value "***"; in "postgresql://alice@db.example/team""#)
    }

    @Test("a client key's passphrase (sslpassword) is never shown either, however its name is spelt")
    func keyPassphraseNotShown() throws {
        let cli = try CLIHarness.scoped
        let uri = "postgresql://alice@127.0.0.1:1/team?sslpassword=hunter2-secret&pass%77ord=hunter2-secret&connect_timeout=2"
        for arguments in [["--db", uri, "init"], ["--db=" + uri, "stats"], ["copy", uri, "copy.db"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 69, "\(arguments): \(result.standardError)")
            #expect(result.standardError.hasPrefix("isnad: cannot connect to postgresql://alice@127.0.0.1:1/team"))
            #expect(!result.standardError.contains("hunter2"), "\(result.standardError)")
        }
    }

    @Test("a server that cannot be reached: exit 69, one line, no password")
    func unreachable() throws {
        let cli = try CLIHarness.scoped
        let uri = "postgresql://alice:hunter2-secret@127.0.0.1:1/team?password=hunter2-secret&connect_timeout=2"
        for arguments in [["--db", uri, "init"], ["copy", uri, "copy.db"]] {
            let result = try cli.run(arguments, environment: ["PGPASSWORD": "hunter2-secret"])
            #expect(result.status == 69, "\(arguments)")
            #expect(result.standardError.hasPrefix("isnad: cannot connect to postgresql://alice@127.0.0.1:1/team"))
            #expect(!result.standardError.contains("hunter2"))
            #expect(result.standardError.split(separator: "\n").count == 1)
        }
        #expect(!FileManager.default.fileExists(atPath: cli.path("copy.db")))
    }

    @Test(
        "a URI libpq cannot read is a usage error (64), one line, the password masked even where libpq quotes it",
        arguments: [
            ("postgresql://alice:hunter2%zzsecret@127.0.0.1:1/team", "invalid percent-encoded token"),
            ("postgresql://alice@127.0.0.1:1/team?password=hunter2-secret&nosuch=1", "invalid URI query parameter: \"nosuch\""),
            ("postgresql://alice:hunter2-secret@[::1/team", "IPv6 host address"),
            // Values libpq checks before it reaches for a server.
            ("postgresql://alice:hunter2-secret@127.0.0.1:1/team?sslmode=bogus", "invalid sslmode value"),
            ("postgresql://alice:hunter2-secret@127.0.0.1:99x/team", "invalid integer value"),
            // A one-letter password masks nothing of libpq's own words.
            ("postgresql://alice:a@127.0.0.1:1/%zzteam", "(invalid percent-encoded token: \"%zzteam\")"),
        ])
    func unreadableURI(uri: String, reason: String) throws {
        let cli = try CLIHarness.scoped
        for arguments in [["--db", uri, "stats"], ["copy", uri, "copy.db"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 64, "\(arguments): \(result.standardError)")
            #expect(result.standardError.hasPrefix("isnad: postgresql://alice@"), "\(result.standardError)")
            #expect(result.standardError.contains("is not a connection URI libpq can read"))
            #expect(result.standardError.contains(reason), "\(result.standardError)")
            #expect(!result.standardError.contains("hunter2"), "\(result.standardError)")
            #expect(result.standardError.split(separator: "\n").count == 1)
        }
        #expect(!FileManager.default.fileExists(atPath: cli.path("copy.db")))
    }

    @Test("--store with a store file is a usage error (exit 64)")
    func storeWithFile() throws {
        let cli = try CLIHarness.scoped
        let result = try cli.run(["--db", "team.db", "--store", "syria", "init"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("--store names a store in a PostgreSQL database"))
    }

    @Test(
        "--store with copy, which names its stores in FROM and TO, points to ?store= there (exit 64); commands that read no store pass it by"
    )
    func storeWithCopy() throws {
        let cli = try CLIHarness.scoped
        let result = try cli.run(["--store", "zzz", "copy", "a.db", "postgresql:///team"])
        #expect(result.status == 64)
        #expect(
            result.standardError
                == "isnad: copy reads no --store: name a PostgreSQL store in FROM or TO, as postgresql://…?store=NAME\n(see 'isnad copy --help')\n"
        )
        // Nor a --db, which may have been meant as the target.
        let withDB = try cli.run(["--db", "team.db", "copy", "a.db", "b.db"])
        #expect(withDB.status == 64)
        #expect(
            withDB.standardError
                == "isnad: copy reads no --db (team.db): name both stores as FROM and TO, isnad copy FROM TO\n(see 'isnad copy --help')\n"
        )
        #expect(!FileManager.default.fileExists(atPath: cli.path("b.db")))
        // Commands that read no store pass --store by, as they pass --db by: a team's alias
        // `isnad --db postgresql://… --store NAME` works for them too.
        for command in [["predicates"], ["help", "show"], ["template", "claims.csv"]] {
            let result = try cli.run(["--db", "postgresql:///team", "--store", "zzz"] + command)
            #expect(result.status == 0, "\(command): \(result.standardError)")
        }
    }

    @Test("PostgreSQL's migrations reach the same schema version as SQLite's")
    func versionsAgree() {
        #expect(Migrations.currentPostgreSQLVersion == Migrations.currentVersion)
        #expect(!Migrations.postgreSQL.isEmpty)
    }

    @Test("the copy moves every table of a store (a table added by a migration must be added to it)")
    func copyCoversEveryTable() {
        let expected = StoreSchema.expected(version: Migrations.currentVersion).values
            .filter { $0.type == "table" && !$0.name.hasPrefix("entity_name_search") && $0.name != "meta" }
            .map(\.name).sorted()
        #expect(StoreCopy.tables.map(\.name).sorted() == expected)
    }

    @Test("copy between store files: export jsonl is the same on both sides; a store with records is never a target")
    func copyBetweenFiles() throws {
        let cli = try CLIHarness.scoped
        try #require(try cli.run(["import", PostgreSQLTests.dataset]).status == 0)
        try #require(try cli.run(["retract", "hamas-funded-wilayat-sinai", "--reason", "test"]).status == 0)
        let copied = try cli.run(["copy", "isnad.db", "copy.db"])
        #expect(copied.status == 0, "\(copied.standardError)")
        #expect(copied.standardError.contains("38 entities, 12 sources, 91 claims"))
        for export in [["export", "jsonl"], ["export", "history"], ["log"]] {
            let original = try cli.run(export)
            let copy = try cli.run(["--db", "copy.db"] + export)
            #expect(original.status == 0)
            #expect(copy.outputBytes == original.outputBytes, "\(export)")
        }
        let again = try cli.run(["copy", "isnad.db", "copy.db"])
        #expect(again.status == 73)
        #expect(again.standardError.contains("already holds records"))
        #expect(try cli.run(["copy", "isnad.db", "isnad.db"]).status == 64)
        let missing = try cli.run(["copy", "none.db", "other.db"])
        #expect(missing.status == 66)
        #expect(!FileManager.default.fileExists(atPath: cli.path("other.db")))
    }

    @Test(
        "copy --without-history --without-retractions: the graph the same, and what was changed or retracted nowhere in the copy's bytes"
    )
    func copyForSomeoneElse() throws {
        let cli = try CLIHarness.scoped
        try #require(try cli.run(["import", PostgreSQLTests.dataset]).status == 0)
        try #require(
            try cli.run([
                "add", "source", "--id", "informant", "--type", "other", "--title", "Interview with Khaled Abu-Rashed",
                "--reliability", "B",
            ]).status == 0)
        try #require(try cli.run(["set", "informant", "title", "Confidential source A"]).status == 0)
        try #require(
            try cli.run([
                "retract", "hamas-funded-wilayat-sinai", "--reason", "the informant asked us to", "--author", "desk-editor-zq",
            ]).status == 0)
        let copied = try cli.run(["copy", "--without-history", "--without-retractions", "isnad.db", "clean.db"])
        #expect(copied.status == 0, "\(copied.standardError)")
        #expect(
            copied.standardError.contains("13 sources, 91 claims, 118 citations, no history, no retraction"),
            "\(copied.standardError)")
        #expect(try cli.run(["--db", "clean.db", "export", "jsonl"]).outputBytes == cli.run(["export", "jsonl"]).outputBytes)
        let jsonl = try cli.run(["--db", "clean.db", "export", "jsonl", "--include-retracted"])
        #expect(!jsonl.standardOutput.contains("hamas-funded-wilayat-sinai"))
        #expect(try cli.run(["--db", "clean.db", "log"]).standardError.contains("no history entries"))
        #expect(try cli.run(["--db", "clean.db", "check"]).status == 0)
        let bytes = try #require(try cli.read("clean.db"))
        let original = try #require(try cli.read("isnad.db"))
        for removed in ["Khaled Abu-Rashed", "the informant asked us to", "desk-editor-zq", PostgreSQLTests.dataset] {
            #expect(original.range(of: Data(removed.utf8)) != nil, "\(removed)")
            #expect(bytes.range(of: Data(removed.utf8)) == nil, "\(removed)")
        }
        // The history alone: the retraction stays, with its reason.
        #expect(try cli.run(["copy", "--without-history", "isnad.db", "history-less.db"]).status == 0)
        let kept = try cli.run(["--db", "history-less.db", "export", "jsonl", "--include-retracted"]).standardOutput
        #expect(kept.contains("the informant asked us to"))
    }

    // MARK: With a server

    @Test(
        "init creates a store once, even when several clients start at once",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func initOnce() async throws {
        let cli = try CLIHarness.scoped
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        let uri = PostgreSQLServer.storeURI(name)
        let results = try await Self.initAtOnce(cli, Array(repeating: uri, count: 4))
        #expect(results.allSatisfy { $0.status == 0 }, "\(results.map(\.standardError))")
        #expect(results.filter { $0.standardError.contains("created an empty Isnad store") }.count == 1)
        #expect(results.filter { $0.standardError.contains("is already an Isnad store") }.count == 3)
    }

    @Test(
        "init --roles refuses a role of its names that is on the server already (another store's, or anyone's) unless --reuse-roles, then says what it may do; not when it is this store's own",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func rolesFoundExisting() throws {
        let cli = try CLIHarness.scoped
        let name = PostgreSQLServer.uniqueStoreName()
        defer {
            PostgreSQLServer.dropStore(name)
            for role in [name + "_reader", name + "_writer"] {
                _ = try? PostgreSQLServer.psql("DROP OWNED BY \(role); DROP ROLE IF EXISTS \(role)")
            }
        }
        try #require(try PostgreSQLServer.psql("CREATE ROLE \(name)_writer LOGIN")?.status == 0)
        let uri = PostgreSQLServer.storeURI(name)
        let refused = try cli.run(["--db", uri, "init", "--roles"])
        #expect(refused.status == 73, "\(refused.standardError)")
        #expect(
            refused.standardError.hasSuffix(
                "(store \(name)): the role \(name)_writer is on the server already, granted no part of this store (roles are shared by every database: another database's store of this name, or made by hand), and every role that holds it would get this store too; nothing was made: give the store another name (its roles are named for it), or run init --roles --reuse-roles to grant it to those roles as they are\n"
            ), "\(refused.standardError)")
        #expect(
            try PostgreSQLServer.psql("SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = '\(name)'")?.standardOutput
                == "0\n")
        #expect(try cli.run(["--db", uri, "init", "--reuse-roles"]).status == 64)
        let made = try cli.run(["--db", uri, "init", "--roles", "--reuse-roles"])
        #expect(made.status == 0, "\(made.standardError)")
        #expect(
            made.standardError.contains(
                "isnad: role \(name)_writer was on the server already, and was given this store's grants as it is (can log in): every role that holds it, in any database, may now use this store"
            ), "\(made.standardError)")
        #expect(!made.standardError.contains("role \(name)_reader was"))
        let again = try cli.run(["--db", uri, "init", "--roles"])
        #expect(again.status == 0)
        #expect(!again.standardError.contains("was on the server already"), "\(again.standardError)")
    }

    @Test(
        "a store named by a word SQL reserves (select, user, authorization) is made, shared with roles, written and read",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func reservedWordStoreName() throws {
        let cli = try CLIHarness.scoped
        let database = PostgreSQLServer.uniqueStoreName()
        let names = ["select", "user", "authorization"]
        try #require(try PostgreSQLServer.psql("CREATE DATABASE \(database)")?.status == 0)
        // The database first, with the grants its schemas hold; then the roles, which are the
        // server's (one left by another run is taken as it is).
        defer {
            _ = try? PostgreSQLServer.psql("DROP DATABASE IF EXISTS \(database)")
            for name in names {
                _ = try? PostgreSQLServer.psql("DROP ROLE IF EXISTS \(name)_reader; DROP ROLE IF EXISTS \(name)_writer")
            }
        }
        for name in names {
            let uri = PostgreSQLServer.storeURI(name, database: database)
            // Roles left by a run that stopped before its clean-up are taken as they are.
            let made = try cli.run(["--db", uri, "init", "--roles", "--reuse-roles"])
            #expect(made.status == 0, "\(name): \(made.standardError)")
            #expect(try cli.run(["--db", uri, "import", PostgreSQLTests.dataset]).status == 0)
            #expect(try cli.run(["--db", uri, "show", "hamas"]).standardOutput.hasPrefix("Hamas (hamas)"))
        }
    }

    @Test(
        "stores created at once in a database without pg_trgm all succeed: one creates the extension, the others wait",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func extensionCreatedOnce() async throws {
        let cli = try CLIHarness.scoped
        let database = PostgreSQLServer.uniqueStoreName()
        try #require(try PostgreSQLServer.psql("CREATE DATABASE \(database)")?.status == 0)
        defer { _ = try? PostgreSQLServer.psql("DROP DATABASE IF EXISTS \(database)") }
        let uris = (0..<4).map { PostgreSQLServer.storeURI("store\($0)", database: database) }
        let results = try await Self.initAtOnce(cli, uris)
        #expect(results.allSatisfy { $0.status == 0 }, "\(results.map(\.standardError))")
        #expect(results.filter { $0.standardError.contains("created an empty Isnad store") }.count == 4)
    }

    /// `isnad init` on each store at the same moment, one process each.
    static func initAtOnce(_ cli: CLIHarness, _ uris: [String]) async throws -> [ExternalTool.Result] {
        try await withThrowingTaskGroup(of: ExternalTool.Result.self) { group in
            for uri in uris { group.addTask { try cli.run(["--db", uri, "init"]) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test(
        "search with a word of two letters finds the same entities on PostgreSQL as on SQLite, whatever order the names were imported in",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func shortWordSearchIndependentOfImportOrder() throws {
        let cli = try CLIHarness.scoped
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        let uri = PostgreSQLServer.storeURI(name)
        var records = (0..<250).map { #"{"record":"entity","id":"mohammed-\#($0)","type":"person","name":"Mohammed"}"# }
        records += (0..<30).map { #"{"record":"entity","id":"mona-\#($0)","type":"person","name":"Mona \#($0)"}"# }
        try cli.write("mo.jsonl", records.joined(separator: "\n") + "\n")
        try cli.write("mo.reversed.jsonl", records.reversed().joined(separator: "\n") + "\n")
        try #require(try cli.run(["import", "mo.jsonl"]).status == 0)
        try #require(try cli.run(["--db", uri, "import", "mo.reversed.jsonl"]).status == 0)
        for arguments in [["search", "mo", "--limit", "0", "--format", "csv"], ["search", "mo"], ["search", "m o"]] {
            let sqlite = try cli.run(arguments)
            let postgreSQL = try cli.run(["--db", uri] + arguments)
            #expect(postgreSQL.standardOutput == sqlite.standardOutput, "\(arguments)")
            #expect(postgreSQL.standardError == sqlite.standardError, "\(arguments)")
        }
    }

    @Test(
        "names folded another way are keyed again on opening, in one statement: search finds them, across scripts too",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func searchKeysRefreshed() throws {
        let cli = try CLIHarness.scoped
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        let uri = PostgreSQLServer.storeURI(name)
        try #require(try cli.run(["--db", uri, "init"]).status == 0)
        for entity in ["سرايا القدس", "Hezbollah"] {
            try #require(try cli.run(["--db", uri, "add", "entity", "--type", "organization", "--name", entity]).status == 0)
        }
        try #require(
            try PostgreSQLServer.psql(
                """
                UPDATE \(name).entity_name SET search_key = 'x', consonant_key = NULL;
                UPDATE \(name).meta SET value = '2' WHERE key = 'name_key_version'
                """) != nil)
        let found = try cli.run(["--db", uri, "search", "Saraya al-Quds", "--format", "csv"])
        #expect(found.status == 0, "\(found.standardError)")
        #expect(found.standardOutput.contains("sraya-alqds,سرايا القدس,organization"))
        #expect(try cli.run(["--db", uri, "search", "Hezbolah"]).standardOutput.contains("hezbollah"))
        let keys = try #require(
            try PostgreSQLServer.psql("SELECT string_agg(consonant_key, ',' ORDER BY rowid) FROM \(name).entity_name"))
        #expect(keys.standardOutput.contains("srkds,zbl"))
    }

    @Test(
        "a grade changed with psql to another valid one is found by check against the history, which a change through Isnad is not",
        .enabled(if: PostgreSQLServer.isAvailableWithPSQL, PostgreSQLServer.psqlSkipReason))
    func historyCheckFindsAnEditOutsideIsnad() throws {
        let cli = try CLIHarness.scoped
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        let uri = PostgreSQLServer.storeURI(name)
        try #require(try cli.run(["--db", uri, "init"]).status == 0)
        for id in ["alpha", "beta"] {
            try #require(
                try cli.run(["--db", uri, "add", "entity", "--type", "organization", "--id", id, "--name", id]).status == 0)
        }
        try #require(
            try cli.run([
                "--db", uri, "add", "source", "--type", "report", "--id", "panel", "--title", "Panel", "--reliability", "B",
            ]).status == 0)
        try #require(
            try cli.run([
                "--db", uri, "add", "claim", "alpha", "praised", "beta", "--id", "c1", "--source", "panel", "--quote", "q",
                "--stance", "asserts", "--credibility", "4", "--unverified", "excerpt",
            ]).status == 0)
        try #require(try cli.run(["--db", uri, "set", "c1", "citations[0].credibility", "3"]).status == 0)
        #expect(try cli.run(["--db", uri, "check"]).status == 0)
        try #require(try PostgreSQLServer.psql("UPDATE \(name).citation SET credibility = 2 WHERE claim = 'c1'") != nil)
        let check = try cli.run(["--db", uri, "check"])
        #expect(check.status == 65)
        #expect(
            check.standardOutput.contains(
                #"claim "c1": citations[0].credibility is 2 in the store; history entry 5 left it 3 — changed outside Isnad?"#),
            "\(check.standardOutput)")
    }

    @Test(
        "the views' evidence columns are named uncapped on PostgreSQL as on SQLite, and the views' comments say it is not Isnad's weighing",
        .enabled(if: PostgreSQLServer.isAvailableWithPSQL, PostgreSQLServer.psqlSkipReason))
    func uncappedEvidenceViews() throws {
        let cli = try CLIHarness.scoped
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        try #require(try cli.run(["--db", PostgreSQLServer.storeURI(name), "import", PostgreSQLTests.dataset]).status == 0)
        let praise = try PostgreSQLServer.psql(
            """
            SELECT uncapped_status, citing_sources, uncapped_best_reliability || uncapped_best_credibility
            FROM \(name).claim_summary WHERE claim = 'hamas-praised-hadera-attack'
            """)
        #expect(praise?.standardOutput == "asserted|2|B2\n", "\(praise?.standardError ?? "")")
        let statuses = try PostgreSQLServer.psql(
            "SELECT uncapped_status, count(*) FROM \(name).claim_evidence GROUP BY 1 ORDER BY 1")
        #expect(statuses?.standardOutput == "alleged|74\nasserted|16\ndisputed|2\n")
        for view in ["claim_evidence", "claim_summary"] {
            let comment = try PostgreSQLServer.psql("SELECT obj_description('\(name).\(view)'::regclass, 'pg_class')")
            #expect(comment?.standardOutput.contains("NOT Isnad's weighing") == true, "\(view)")
            #expect(comment?.standardOutput.contains("isnad claims --format csv --limit 0") == true, "\(view)")
        }
        #expect(try PostgreSQLServer.psql("SELECT status FROM \(name).claim_summary")?.status != 0)
    }

    @Test(
        "keys another program wrote (an older Isnad after an upgrade) are found by check and written again by reindex, no record or entry changed",
        .enabled(if: PostgreSQLServer.isAvailableWithPSQL, PostgreSQLServer.psqlSkipReason))
    func reindexMendsKeys() throws {
        let cli = try CLIHarness.scoped
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        let uri = PostgreSQLServer.storeURI(name)
        try #require(try cli.run(["--db", uri, "init"]).status == 0)
        try #require(try cli.run(["--db", uri, "add", "entity", "--type", "organization", "--name", "سرايا القدس"]).status == 0)
        try #require(
            try PostgreSQLServer.psql("UPDATE \(name).entity_name SET search_key = 'x', consonant_key = NULL") != nil)
        let check = try cli.run(["--db", uri, "check"])
        #expect(check.status == 65)
        #expect(check.standardOutput.contains("isnad reindex writes them again from the names"), "\(check.standardOutput)")
        let history = try cli.run(["--db", uri, "log"]).standardOutput
        let reindex = try cli.run(["--db", uri, "reindex"])
        #expect(reindex.status == 0, "\(reindex.standardError)")
        #expect(reindex.standardError == "wrote the search keys of 1 name again (1 name in all)\n")
        #expect(try cli.run(["--db", uri, "check"]).status == 0)
        #expect(try cli.run(["--db", uri, "log"]).standardOutput == history)
        #expect(
            try cli.run(["--db", uri, "search", "Saraya al-Quds", "--format", "csv"]).standardOutput.contains("سرايا القدس"))
    }

    @Test(
        "a store written by a newer Isnad, or a schema that is no store, is refused",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func refused() throws {
        let cli = try CLIHarness.scoped
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        let uri = PostgreSQLServer.storeURI(name)
        try #require(try cli.run(["--db", uri, "init"]).status == 0)
        try #require(try PostgreSQLServer.psql("UPDATE \(name).meta SET value = '99' WHERE key = 'schema_version'") != nil)
        let newer = try cli.run(["--db", uri, "init"])
        #expect(newer.status == 65)
        #expect(newer.standardError.contains("newer Isnad (schema version 99"))

        let other = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(other) }
        try PostgreSQLServer.psql("CREATE SCHEMA \(other); CREATE TABLE \(other).payroll (id int)")
        let foreign = try cli.run(["--db", PostgreSQLServer.storeURI(other), "init"])
        #expect(foreign.status == 65)
        #expect(
            foreign.standardError.hasSuffix(
                " (store \(other)) is a PostgreSQL schema that holds other tables, not an Isnad store: name another store (--store, or store= in the URI)\n"
            ), "\(foreign.standardError)")
        #expect(!foreign.standardError.contains("SQLite"))
    }

    @Test(
        "a client key's passphrase (sslpassword) in the URI goes into no history, log, export or copy summary",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func keyPassphraseKeptOutOfHistory() throws {
        let cli = try CLIHarness.scoped
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        // libpq uses sslpassword only to open a client key, so a connection without TLS ignores it.
        let uri = PostgreSQLServer.storeURI(name) + "&sslpassword=KEYPASS-SECRET&%73slpassword=KEYPASS-SECRET"
        var outputs: [ExternalTool.Result] = []
        outputs.append(try cli.run(["--db", uri, "init"]))
        outputs.append(try cli.run(["--db=" + uri, "add", "entity", "--type", "person", "--name", "Keyed"]))
        outputs.append(try cli.run(["--db", uri, "log"]))
        outputs.append(try cli.run(["--db", uri, "export", "history"]))
        outputs.append(try cli.run(["copy", uri, "copy.db"]))
        outputs.append(try cli.run(["--db", "copy.db", "log"]))
        for output in outputs {
            #expect(output.status == 0, "\(output.standardError)")
            #expect(!(output.standardOutput + output.standardError).contains("KEYPASS"), "\(output.standardOutput)")
        }
        #expect(outputs[2].standardOutput.contains("add entity --type person --name Keyed"), "\(outputs[2].standardOutput)")
    }

    @Test(
        "the seed store copied to PostgreSQL and back: export jsonl, history and log byte-identical",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func roundTrip() throws {
        let cli = try CLIHarness.scoped
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        let uri = PostgreSQLServer.storeURI(name)
        try #require(try cli.run(["import", PostgreSQLTests.dataset]).status == 0)
        try #require(try cli.run(["retract", "hamas-funded-wilayat-sinai", "--reason", "test"]).status == 0)
        try #require(try cli.run(["merge", "hadera-attacker-1", "hadera-attacker-2"]).status == 0)
        let up = try cli.run(["copy", "isnad.db", uri])
        #expect(up.status == 0, "\(up.standardError)")
        #expect(!up.standardError.contains("NOTICE"))
        let down = try cli.run(["copy", uri, "back.db"])
        #expect(down.status == 0, "\(down.standardError)")
        let clean = try cli.run(["copy", "--without-history", "--without-retractions", uri, "clean.db"])
        #expect(clean.standardError.contains("no history, no retraction"), "\(clean.standardError)")
        #expect(try cli.run(["--db", "clean.db", "export", "jsonl"]).outputBytes == cli.run(["export", "jsonl"]).outputBytes)
        #expect(try cli.run(["--db", "clean.db", "export", "history"]).standardOutput.isEmpty)
        for export in [["export", "jsonl"], ["export", "history"], ["log"], ["search", "Bagdadi"], ["stats"]] {
            let original = try cli.run(export)
            var copy = try cli.run(["--db", "back.db"] + export).standardOutput
            // A copy says which entry of its source's history it was made as of (the PostgreSQL
            // store's, which it kept from the file's): the one line stats adds.
            if export == ["stats"] {
                let asOf =
                    "a copy of another store as of entry 3 of its history (isnad log --after 3 there lists what changed since)\n"
                #expect(copy.contains(asOf))
                copy = copy.replacingOccurrences(of: asOf, with: "")
            }
            #expect(original.status == 0)
            #expect(copy == original.standardOutput, "\(export)")
        }
        // The PostgreSQL store keeps it too, and a copy of it without history.
        #expect(try cli.run(["--db", uri, "stats", "--top", "0"]).standardOutput.contains("as of entry 3 of its history"))
        #expect(clean.standardError.contains(" as of entry 3 of its history: "), "\(clean.standardError)")
        // A store that holds records is never a target, and is left as it was.
        let again = try cli.run(["copy", "isnad.db", uri])
        #expect(again.status == 73)
        #expect(try PostgreSQLServer.psql("SELECT count(*) FROM \(name).claim")?.standardOutput == "86\n")
        // Names added after a copy continue its rowids.
        #expect(
            try PostgreSQLServer.psql(
                "SELECT nextval(pg_get_serial_sequence('\(name).entity_name', 'rowid')) > max(rowid) FROM \(name).entity_name")?
                .standardOutput == "t\n")
    }

    /// The commands whose outputs must be the same bytes on both engines, on the seed dataset.
    static let seedCommands: [[String]] = [
        ["show", "hamas"], ["show", "isis", "--format", "json"], ["stats"], ["search", "Bagdadi"],
        ["search", "ابو بكر البغدادى"], ["search", "hamass"], ["search", "al"], ["claims"], ["claims", "--format", "csv"],
        ["claims", "--min-reliability", "E", "--format", "json"], ["neighbors", "hamas", "--depth", "2"],
        ["neighbors", "Abu Maram"], ["path", "hamas", "isis", "--all"], ["path", "hamas", "Wilayat Sinai"], ["timeline"],
        ["source", "hadera-2022-article"], ["check"], ["disputes"], ["log"], ["duplicates"],
        ["export", "jsonl"], ["export", "history"], ["export", "dot"], ["export", "dot", "--focus", "hamas", "--depth", "2"],
        ["export", "dot", "--pairs"], ["export", "graphml"], ["export", "gexf"], ["export", "stix"], ["export", "ftm"],
        ["export", "html"], ["show", "hamas", "--limit", "3"], ["show", "hamas", "--include-retracted"],
        ["neighbors", "hamas", "--depth", "2", "--limit", "5"], ["claims", "--limit", "5"], ["timeline", "--limit", "3"],
        ["export", "dot", "--include-retracted"], ["export", "graphml", "--include-retracted"],
        ["timeline", "hamas", "--limit", "0"], ["timeline", "isis", "--format", "json"], ["timeline", "hamas", "--limit", "2"],
        ["timeline", "isis", "--limit", "1", "--format", "csv"],
        ["source", "hadera-2022-article", "--limit", "0"], ["source", "hadera-2022-article", "--format", "json"],
        ["claims", "--subject", "hamas", "--limit", "3"], ["claims", "--object", "isis", "--predicate", "praised,funded"],
        ["claims", "--id", "wilayat-sinai-communicated-with-hamas,wilayat-sinai-in-sinai", "--format", "csv"],
        ["claims", "--id", "wilayat-sinai-communicated-with-hama"],
        ["stats", "--min-channels", "1", "--format", "json"],
        // Under --known-by or --source, claims and timeline find their claims through the citation indexes.
        ["claims", "--known-by", "2017"], ["claims", "--known-by", "2010"], ["timeline", "--known-by", "2022-03"],
        ["timeline", "--source", "hadera-2022-article", "--limit", "0", "--format", "csv"],
        // A filter on evidence walks whole claims, which the engines return in the order asked for.
        ["neighbors", "hamas", "--min-reliability", "E"], ["neighbors", "isis", "--depth", "2", "--min-reliability", "D"],
    ]

    /// Runs each command on the store file and on its copy on PostgreSQL, and expects the same
    /// exit status, output and messages.
    static func expectSameOutputs(_ cli: CLIHarness, _ uri: String, _ commands: [[String]]) throws {
        for command in commands {
            let file = try cli.run(command)
            let server = try cli.run(["--db", uri] + command)
            #expect(server.status == file.status, "\(command): \(server.standardError)")
            #expect(asOnFile(server, command) == file.outputBytes, "\(command)")
            #expect(server.standardError == file.standardError, "\(command)")
        }
    }

    /// The output of a command on PostgreSQL, where `check` names the two checks that differ
    /// between engines (IntegrityCheck.title(of:)) as they are named for a file, and `stats` and
    /// an export's caption say the server's store is a copy: every other byte is the same.
    static func asOnFile(_ result: ExternalTool.Result, _ command: [String]) -> Data {
        // The store on the server is a copy of the file, and its stats says so in one line.
        if command.first == "stats" {
            return Data(
                result.standardOutput.replacingOccurrences(
                    of:
                        #"a copy of another store as of entry \d+ of its history \(isnad log --after \d+ there lists what changed since\)\n"#,
                    with: "", options: .regularExpression
                ).utf8)
        }
        // A picture's caption says so too (StoreState), after the entry it shows.
        if command.first == "export" {
            return Data(
                String(decoding: result.outputBytes, as: UTF8.self)
                    .replacingOccurrences(
                        of: #"; the store is a copy of another as of entry \d+ of its history"#, with: " (isnad log)",
                        options: .regularExpression
                    )
                    // The HTML view's Arabic caption, in its JSON (isolates written \u2066 … \u2069; a
                    // template's backslash doubled).
                    .replacingOccurrences(
                        of: #"، وهو نسخة من مخزن آخر بحسب القيد \d+ من سجله"#, with: #" (\\u2066isnad log\\u2069)"#,
                        options: .regularExpression
                    ).utf8)
        }
        guard command.first == "check" else { return result.outputBytes }
        return Data(
            result.standardOutput
                .replacingOccurrences(of: "PostgreSQL: every table read whole", with: "SQLite integrity")
                .replacingOccurrences(
                    of: "the schema's version (its objects are not compared on PostgreSQL)",
                    with: "the schema Isnad creates, and nothing else"
                ).utf8)
    }

    @Test(
        "every query command and export gives the same bytes on PostgreSQL as on SQLite: the seed dataset",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func sameOutputsOnSeed() throws {
        let cli = try CLIHarness.scoped
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        let uri = PostgreSQLServer.storeURI(name)
        try #require(try cli.run(["import", PostgreSQLTests.dataset]).status == 0)
        try #require(try cli.run(["retract", "hamas-funded-wilayat-sinai", "--reason", "test"]).status == 0)
        try #require(try cli.run(["copy", "isnad.db", uri]).status == 0)
        try PostgreSQLTests.expectSameOutputs(cli, uri, PostgreSQLTests.seedCommands)
    }

    @Test(
        "check reads one voice written two ways alike on PostgreSQL: a url's variants, a publisher's full stop, a quote's",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func oneVoiceWrittenTwoWays() throws {
        let cli = try CLIHarness.scoped
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        let uri = PostgreSQLServer.storeURI(name)
        try cli.write(
            "voices.jsonl",
            """
            {"record":"entity","id":"a","type":"organization","name":"Alpha"}
            {"record":"entity","id":"b","type":"organization","name":"Bravo"}
            {"record":"source","id":"u1","type":"news-article","title":"Story","url":"https://example.org/story/1","reliability":"B"}
            {"record":"source","id":"u2","type":"news-article","title":"Story","url":"http://www.example.org/story/1/?utm_source=tw","reliability":"B"}
            {"record":"source","id":"sky","type":"news-article","title":"Sky","publisher":"Sky News Arabia","reliability":"B"}
            {"record":"source","id":"sky-again","type":"news-article","title":"Sky again","publisher":"sky news arabia.","reliability":"B"}
            {"record":"source","id":"q1","type":"news-article","title":"Q1","reliability":"C"}
            {"record":"source","id":"q2","type":"news-article","title":"Q2","reliability":"C"}
            {"record":"claim","id":"ab","subject":"a","predicate":"funded","object":"b","citations":[{"source":"sky","quote":"Alpha funded Bravo.","stance":"asserts","credibility":2},{"source":"sky-again","quote":"Alpha paid Bravo.","stance":"asserts","credibility":2}]}
            {"record":"claim","id":"ba","subject":"b","predicate":"funded","object":"a","citations":[{"source":"q1","quote":"Bravo paid Alpha…","stance":"asserts","credibility":2},{"source":"q2","quote":"Bravo paid Alpha","stance":"asserts","credibility":2}]}

            """)
        try #require(try cli.run(["import", "voices.jsonl"]).status == 0)
        try #require(try cli.run(["copy", "isnad.db", uri]).status == 0)
        let check = try cli.run(["--db", uri, "check"])
        #expect(check.standardOutput.contains("one claim stored twice): 3 problems"), "\(check.standardOutput)")
        try PostgreSQLTests.expectSameOutputs(cli, uri, [["check"], ["source", "https://EXAMPLE.org/story/1#top"]])
    }

    /// A generated store of 10,000 claims, as JSON Lines (Benchmarks/generate.py, seed 1).
    static func generatedRecords() throws -> Data {
        let generator = Repository.root.appendingPathComponent("Benchmarks/generate.py").path
        let records = try ExternalTool.run(
            try #require(ExternalTool.path("python3")), [generator, "--claims", "10000", "--seed", "1"])
        try #require(records.status == 0)
        return records.outputBytes
    }

    @Test(
        "every query command and export gives the same bytes on PostgreSQL as on SQLite: a generated 10k-claim store",
        .enabled(if: PostgreSQLServer.isAvailable && ExternalTool.path("python3") != nil, PostgreSQLServer.skipReason))
    func sameOutputsOnGenerated() throws {
        let cli = try CLIHarness.scoped
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        let uri = PostgreSQLServer.storeURI(name)
        let records = try PostgreSQLTests.generatedRecords()
        try #require(try cli.run(["import", "-"], input: records).status == 0)
        try #require(try cli.run(["copy", "isnad.db", uri]).status == 0)
        try PostgreSQLTests.expectSameOutputs(
            cli, uri,
            [
                ["show", "org-1"], ["show", "eve-1021", "--format", "json"], ["stats"], ["search", "org"], ["search", "org 2"],
                ["claims", "--format", "csv"], ["neighbors", "org-1", "--depth", "2"],
                ["neighbors", "org-22", "--format", "json"], ["neighbors", "org-1", "--depth", "2", "--min-reliability", "C"],
                ["path", "org-1", "org-22", "--all", "--max-depth", "3"], ["path", "org-1", "eve-1000"], ["timeline"],
                ["source", "src-0"], ["check"], ["disputes"], ["duplicates"], ["export", "jsonl"], ["export", "dot"],
                ["export", "dot", "--focus", "org-1", "--depth", "2"], ["export", "graphml"], ["export", "gexf"],
                ["export", "stix"], ["export", "ftm"],
            ])
    }

    @Test(
        "a large import, and a copy, leave the planner's statistics fresh: the store's tables are analysed before commit",
        .enabled(if: PostgreSQLServer.isAvailable && ExternalTool.path("python3") != nil, PostgreSQLServer.skipReason))
    func statisticsAfterBulkImport() throws {
        let cli = try CLIHarness.scoped
        let imported = PostgreSQLServer.uniqueStoreName()
        let copied = PostgreSQLServer.uniqueStoreName()
        defer {
            PostgreSQLServer.dropStore(imported)
            PostgreSQLServer.dropStore(copied)
        }
        let records = try PostgreSQLTests.generatedRecords()
        let result = try cli.run(["--db", PostgreSQLServer.storeURI(imported), "import", "-"], input: records)
        try #require(result.status == 0, "\(result.standardError)")
        try #require(
            try cli.run(["copy", PostgreSQLServer.storeURI(imported), "copied.db"])
                .status == 0)
        try #require(try cli.run(["copy", "copied.db", PostgreSQLServer.storeURI(copied)]).status == 0)
        for store in [imported, copied] {
            let analysed = try PostgreSQLServer.psql(
                "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_stat_user_tables WHERE schemaname = '\(store)' AND last_analyze IS NOT NULL AND relname IN ('claim', 'citation', 'entity')"
            )
            #expect(analysed?.standardOutput == "citation,claim,entity\n", "\(store)")
        }
    }

    // MARK: Writing

    /// Commands that change a store, run in turn on a store file and on a store on PostgreSQL
    /// that hold the same records.
    static let writeCommands: [[String]] = [
        ["add", "entity", "--type", "organization", "--name", "Arab states", "--alias", "ar:الدول العربية"],
        [
            "add", "source", "--type", "news-article", "--title", "Police statement", "--published", "2022-03-28",
            "--reliability", "B",
        ],
        [
            "add", "claim", "Hamas", "praised", "Hadera attack", "--source", "hadera-2022-article", "--quote",
            "حماس باركت العملية",
            "--stance",
            "asserts", "--credibility", "3", "--unverified", "paraphrase",
        ],
        ["retract", "abm-joined-isis", "--reason", "the quote is about another group"],
        ["retract", "hamas-cooperated-with-isis", "--citation", "2", "--reason", "misread the source"],
        ["restore", "abm-joined-isis"], ["merge", "hadera-attacker-1", "hadera-attacker-2"], ["unmerge", "hadera-attacker-2"],
        ["merge", "hadera-victim-1", "hadera-victim-2", "--author", "ana"],
        ["set", "hamas-praised-hadera-attack", "citations[0].credibility", "3"],
        ["set", "hadera-2022-article", "reliability", "D", "--author", "ana"], ["delete", "hamas"],
        ["delete", "hadera-2022-article", "--author", "ana"], ["undo", "--author", "ana"], ["undo", "3"],
        ["import", "bad.jsonl"],
        ["import", "sheet.csv", "--dry-run"], ["import", "sheet.csv"], ["import", "bad.csv"],
        ["import", PostgreSQLTests.dataset], ["export", "jsonl"], ["claims"], ["show", "hamas"], ["check"], ["duplicates"],
        ["search", "arab states"],
    ]

    @Test(
        "on a shared store a plain undo takes back only its author's own latest change; undo N takes a colleague's, and says whose",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func undoOfAColleaguesChange() throws {
        let cli = try CLIHarness.scoped
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        let environment = ["ISNAD_DB": PostgreSQLServer.storeURI(name)]
        #expect(try cli.run(["import", PostgreSQLTests.dataset, "--author", "bob"], environment: environment).status == 0)
        #expect(try cli.run(["set", "hamas", "description", "bob's", "--author", "bob"], environment: environment).status == 0)
        #expect(try cli.run(["set", "isis", "description", "carol", "--author", "carol"], environment: environment).status == 0)
        let before = try cli.run(["export", "jsonl"], environment: environment).outputBytes
        let refused = try cli.run(["undo", "--author", "bob"], environment: environment)
        #expect(refused.status == 65)
        // Names given are recorded beside the role that connected (here the same for both).
        let role = try #require(try PostgreSQLServer.role())
        let (bob, carol) = ("bob (as \(role))", "carol (as \(role))")
        #expect(
            refused.standardError
                == "isnad: the latest change, entry 3 (isnad set isis description carol --author carol), is \(carol)'s, not \(bob)'s: a plain undo takes back only its author's latest change; \(bob)'s latest is entry 2 (isnad undo 2); isnad undo 3 takes back \(carol)'s by its number\n"
        )
        #expect(try cli.run(["export", "jsonl"], environment: environment).outputBytes == before)
        let named = try cli.run(["undo", "3", "--author", "bob"], environment: environment)
        #expect(named.status == 0, "\(named.standardError)")
        #expect(named.standardError.hasPrefix("undid entry 3 (isnad set isis description carol --author carol, by \(carol)): "))
        // Carol's own undo needs no number.
        #expect(try cli.run(["set", "isis", "description", "again", "--author", "carol"], environment: environment).status == 0)
        #expect(try cli.run(["undo", "--author", "carol"], environment: environment).status == 0)
    }

    @Test(
        "imports and every edit give the same outputs and leave the same records on PostgreSQL as on SQLite",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func sameWrites() throws {
        let cli = try CLIHarness.scoped
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        let uri = PostgreSQLServer.storeURI(name)
        try cli.write("bad.jsonl", #"{"record":"entity","id":"isis","type":"organization","name":"ISIS"}"# + "\n")
        let header = "subject,predicate,object,source,quote,stance,credibility,locator\n"
        try cli.write(
            "sheet.csv",
            header + "Hamas,praised,Hadera attack,hadera-2022-article,\"باركت\",asserts,3,unverified: paraphrase\n"
                + "isis,claimed_responsibility_for,Hadera attack,isis-claim-hadera,a second quote,asserts,2,\n")
        try cli.write("bad.csv", header + "Hamas,praised,Nowhere,hadera-2022-article,q,asserts,3,\n")
        // The role's own name: on PostgreSQL another would be recorded beside it (analyst (as role)).
        let author = ["ISNAD_AUTHOR": try #require(try PostgreSQLServer.role())]
        let imported = try cli.run(["import", PostgreSQLTests.dataset], environment: author)
        let importedThere = try cli.run(
            ["import", PostgreSQLTests.dataset], environment: author.merging(["ISNAD_DB": uri]) { $1 })
        #expect(importedThere.status == 0, "\(importedThere.standardError)")
        #expect(importedThere.standardOutput == imported.standardOutput)
        let shown = PostgreSQLLocation.withoutPassword(try PostgreSQLLocation(uri: uri).description)
        for command in PostgreSQLTests.writeCommands {
            let file = try cli.run(command, environment: author)
            let server = try cli.run(command, environment: author.merging(["ISNAD_DB": uri]) { $1 })
            #expect(server.status == file.status, "\(command): \(server.standardError)")
            #expect(PostgreSQLTests.asOnFile(server, command) == file.outputBytes, "\(command)")
            #expect(server.standardError.replacingOccurrences(of: shown, with: "isnad.db") == file.standardError, "\(command)")
        }
    }

    @Test(
        "init --roles: a reader's write is refused (exit 77) and nothing is written; a writer's history names its role",
        .enabled(if: PostgreSQLServer.isAvailableWithPSQL, PostgreSQLServer.psqlSkipReason))
    func roles() throws {
        let cli = try CLIHarness.scoped
        let name = PostgreSQLServer.uniqueStoreName()
        let reader = name + "_alice"
        let writer = name + "_bob"
        defer {
            PostgreSQLServer.dropStore(name)
            for role in [reader, writer, name + "_reader", name + "_writer"] {
                _ = try? PostgreSQLServer.psql("DROP OWNED BY \(role); DROP ROLE IF EXISTS \(role)")
            }
        }
        let uri = PostgreSQLServer.storeURI(name)
        try #require(try cli.run(["import", PostgreSQLTests.dataset]).status == 0)
        try #require(try cli.run(["copy", "isnad.db", uri]).status == 0)
        let made = try cli.run(["--db", uri, "init", "--roles"])
        #expect(made.status == 0, "\(made.standardError)")
        #expect(made.standardError.contains("roles \(name)_reader (reads) and \(name)_writer (reads and writes)"))
        let logins = try #require(
            try PostgreSQLServer.psql(
                "CREATE ROLE \(reader) LOGIN; GRANT \(name)_reader TO \(reader); CREATE ROLE \(writer) LOGIN; GRANT \(name)_writer TO \(writer)"
            ))
        try #require(logins.status == 0, "\(logins.standardError)")
        let asReader = uri + "&user=\(reader)"
        let asWriter = uri + "&user=\(writer)"
        #expect(try cli.run(["--db", asReader, "show", "hamas"]).status == 0)
        let refused = try cli.run(["--db", asReader, "retract", "hamas-praised-hadera-attack", "--reason", "x"])
        #expect(refused.status == 77)
        #expect(refused.standardError.contains("may not do that"))
        #expect(try cli.run(["--db", asReader, "import", "bad.jsonl"]).status != 0)
        #expect(try PostgreSQLServer.psql("SELECT count(*) FROM \(name).retracted_claim")?.standardOutput == "0\n")
        let written = try cli.run(["--db", asWriter, "retract", "hamas-praised-hadera-attack", "--reason", "x"])
        #expect(written.status == 0, "\(written.standardError)")
        let log = try cli.run(["--db", asWriter, "log"])
        #expect(log.standardOutput.contains(" · \(writer)\n"), "\(log.standardOutput)")
        // A writer may start sharing: copy a file into an empty store made for it by the owner.
        let shared = PostgreSQLServer.uniqueStoreName()
        defer {
            PostgreSQLServer.dropStore(shared)
            for role in [shared + "_reader", shared + "_writer"] {
                _ = try? PostgreSQLServer.psql("DROP OWNED BY \(role); DROP ROLE IF EXISTS \(role)")
            }
        }
        let sharedURI = PostgreSQLServer.storeURI(shared)
        #expect(try cli.run(["--db", sharedURI, "init", "--roles"]).status == 0)
        #expect(try PostgreSQLServer.psql("GRANT \(shared)_writer TO \(writer)") != nil)
        let copied = try cli.run(["copy", "isnad.db", sharedURI + "&user=\(writer)"])
        #expect(copied.status == 0, "\(copied.standardError)")
    }

    @Test(
        "init --roles by a role that may not create roles is refused (77) and leaves no store behind",
        .enabled(if: PostgreSQLServer.isAvailableWithPSQL, PostgreSQLServer.psqlSkipReason))
    func rolesWithoutCreateRole() throws {
        let cli = try CLIHarness.scoped
        let name = PostgreSQLServer.uniqueStoreName()
        let owner = name + "_owner"
        defer {
            PostgreSQLServer.dropStore(name)
            _ = try? PostgreSQLServer.psql("DROP OWNED BY \(owner); DROP ROLE IF EXISTS \(owner)")
        }
        let login = try #require(
            try PostgreSQLServer.psql(
                "CREATE ROLE \(owner) LOGIN NOCREATEROLE; DO $$ BEGIN EXECUTE format('GRANT CREATE ON DATABASE %I TO \(owner)', current_database()); END $$"
            ))
        try #require(login.status == 0, "\(login.standardError)")
        let result = try cli.run(["--db", PostgreSQLServer.storeURI(name) + "&user=\(owner)", "init", "--roles"])
        #expect(result.status == 77, "\(result.standardError)")
        #expect(
            result.standardError.contains(
                "this database role may not create roles (permission denied to create role); nothing was made: init --roles needs a role with CREATEROLE (owning the database is not enough); without --roles, init makes the store alone\n"
            ), "\(result.standardError)")
        #expect(!result.standardError.contains("created an empty Isnad store"))
        #expect(
            try PostgreSQLServer.psql("SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = '\(name)'")?.standardOutput
                == "0\n")
    }

    @Test(
        "a lock the server gives up waiting for (lock_timeout) is exit 75, nothing committed, run again",
        .enabled(if: PostgreSQLServer.isAvailableWithPSQL, PostgreSQLServer.psqlSkipReason))
    func serverTimeout() throws {
        let cli = try CLIHarness.scoped
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        let uri = PostgreSQLServer.storeURI(name)
        #expect(try cli.run(["--db", uri, "init"]).status == 0)
        let psql = try #require(PostgreSQLServer.psqlPath)
        let server = try #require(PostgreSQLServer.uri)
        // Another client holds the store's write lock for a while.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: psql)
        holder.arguments = [
            "-X", "-q", server, "-c", "SELECT pg_advisory_lock(\(0x4953_4E44), hashtext('\(name)')), pg_sleep(3)",
        ]
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        defer { holder.terminate() }
        for _ in 0..<100 {
            let held = try PostgreSQLServer.psql(
                "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%pg_sleep%' AND query LIKE '%\(name)%' AND pid <> pg_backend_pid()"
            )
            if held?.standardOutput != "0\n" { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let result = try cli.run(
            ["--db", uri, "import", PostgreSQLTests.dataset], environment: ["PGOPTIONS": "-c lock_timeout=200"])
        #expect(result.status == 75, "\(result.standardError)")
        #expect(
            result.standardError.contains(
                "the server cancelled the command (canceling statement due to lock timeout: a lock or statement timeout, or an administrator); nothing of this command was committed: run it again"
            ), "\(result.standardError)")
        holder.terminate()
        holder.waitUntilExit()
        #expect(try cli.run(["--db", uri, "stats"]).standardOutput.hasPrefix("0 entities, 0 sources, 0 claims"))
    }

    @Test(
        "writers at once: each is all or nothing, none is lost",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func concurrentWriters() async throws {
        let cli = try CLIHarness.scoped
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        let uri = PostgreSQLServer.storeURI(name)
        try #require(try cli.run(["--db", uri, "import", PostgreSQLTests.dataset]).status == 0)
        let results = try await withThrowingTaskGroup(of: ExternalTool.Result.self) { group in
            for index in 0..<4 {
                group.addTask {
                    try cli.run(["--db", uri, "add", "entity", "--type", "person", "--name", "Analyst Person \(index)"])
                }
                group.addTask {
                    try cli.run(["--db", uri, "set", "hamas-praised-hadera-attack", "notes", "note \(index)"])
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0.status == 0 }, "\(results.map(\.standardError))")
        let stats = try cli.run(["--db", uri, "stats", "--format", "json"])
        #expect(stats.standardOutput.hasPrefix("{\"entities\":{\"total\":42,"), "\(stats.standardOutput)")
        // 4 added entities and 4 notes: every change kept, each with its history entry.
        #expect(try PostgreSQLServer.psql("SELECT count(*) FROM \(name).change")?.standardOutput == "9\n")
    }

    @Test(
        "imports sent in batches (COPY) merge, repeat and refuse records as on SQLite, across batches too",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func batchedImports() throws {
        let cli = try CLIHarness.scoped
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        let uri = PostgreSQLServer.storeURI(name)
        func claim(_ id: String, _ subject: String, _ object: String, _ source: String, _ quote: String, credibility: Int = 2)
            -> String
        {
            #"{"record":"claim","id":"\#(id)","subject":"\#(subject)","predicate":"funded","object":"\#(object)","citations":[{"source":"\#(source)","quote":"\#(quote)","stance":"asserts","credibility":\#(credibility)}]}"#
        }
        func entity(_ id: String, _ type: String = "organization") -> String {
            #"{"record":"entity","id":"\#(id)","type":"\#(type)","name":"Group \#(id)"}"#
        }
        // More records than one batch holds (PostgreSQLImportBatch.capacity), so that records
        // repeat and merge across batches as well as within one.
        let filler = (0..<6_000).map { claim("f-\($0)", "o-\($0 % 50)", "o-\($0 % 50 + 1)", "s-0", "q \($0)") }
        let base =
            (0...60).map { entity("o-\($0)") } + [
                #"{"record":"source","id":"s-0","type":"news-article","title":"Zero","reliability":"B"}"#,
                #"{"record":"source","id":"s-1","type":"news-article","title":"One","reliability":"C"}"#,
                claim("stored-1", "o-0", "o-1", "s-0", "a"),
            ]
        let merging =
            [
                claim("stored-1", "o-0", "o-1", "s-1", "b"), claim("new-1", "o-2", "o-3", "s-0", "x"),
                claim("new-1", "o-2", "o-3", "s-1", "y"), claim("new-1", "o-2", "o-3", "s-0", "x", credibility: 5),
                entity("o-1", "event"), entity("o-61"),
            ] + filler + [
                claim("new-1", "o-2", "o-3", "s-1", "z"), claim("f-10", "o-10", "o-11", "s-1", "again"),
                #"{"record":"source","id":"s-2","type":"report","title":"Two","reliability":"A","cites":["s-0","s-1"]}"#,
            ]
        let refused =
            [claim("stored-1", "o-0", "o-3", "s-0", "a"), entity("o-70")]
            + filler.map { $0.replacingOccurrences(of: "f-", with: "g-") }
            + [claim("stored-1", "o-0", "o-3", "s-0", "a"), entity("o-70", "person"), claim("h-1", "o-2", "o-99", "s-9", "h")]
        try cli.write("base.jsonl", base.joined(separator: "\n") + "\n")
        try cli.write("merging.jsonl", merging.joined(separator: "\n") + "\n")
        try cli.write("refused.jsonl", refused.joined(separator: "\n") + "\n")
        let shown = PostgreSQLLocation.withoutPassword(try PostgreSQLLocation(uri: uri).description)
        let commands: [[String]] = [
            ["import", "base.jsonl"], ["import", "merging.jsonl"], ["import", "refused.jsonl"], ["export", "jsonl"],
            ["claims", "--format", "csv"], ["show", "o-1"], ["export", "history"],
        ]
        // The role's own name: on PostgreSQL another would be recorded beside it (analyst (as role)).
        let author = ["ISNAD_AUTHOR": try #require(try PostgreSQLServer.role())]
        // The history's entries differ only in when they were written.
        let time = try Regex(#""at":"[^"]*""#)
        // A store made at the default path says where it is; a URI is where it is.
        let whereMade = try Regex(#"created isnad\.db \([^)]*\)"#)
        for command in commands {
            let file = try cli.run(command, environment: author)
            let server = try cli.run(command, environment: author.merging(["ISNAD_DB": uri]) { $1 })
            #expect(server.status == file.status, "\(command): \(server.standardError)")
            #expect(
                server.standardOutput.replacing(time, with: "") == file.standardOutput.replacing(time, with: ""), "\(command)")
            #expect(
                server.standardError.replacingOccurrences(of: shown, with: "isnad.db")
                    == file.standardError.replacing(whereMade, with: "created isnad.db"), "\(command)")
        }
    }

    @Test(
        "a connection cut in the middle of an import (the server restarting): exit 75, nothing written",
        .enabled(if: PostgreSQLServer.isAvailable && ExternalTool.path("python3") != nil, PostgreSQLServer.skipReason))
    func connectionLost() throws {
        let cli = try CLIHarness.scoped
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        let uri = PostgreSQLServer.storeURI(name) + "&application_name=\(name)"
        let created = try cli.run(["--db", uri, "init"])
        try #require(created.status == 0, "\(created.standardError)")
        let generator = Repository.root.appendingPathComponent("Benchmarks/generate.py").path
        // Large enough that the import, sent through COPY, is still running when its server process is ended.
        let records = try ExternalTool.run(
            try #require(ExternalTool.path("python3")), [generator, "--claims", "40000", "--seed", "1"])
        _ = try cli.write("big.jsonl", records.standardOutput)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIHarness.binary)
        process.arguments = ["--db", uri, "import", "big.jsonl"]
        process.currentDirectoryURL = cli.directory
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Once the import has written for a while, its server process is ended, as a restart ends it.
        Thread.sleep(forTimeInterval: 2)
        try PostgreSQLServer.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '\(name)'")
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 75, "\(message)")
        #expect(message.contains("nothing of this command was committed"), "\(message)")
        #expect(try PostgreSQLServer.psql("SELECT count(*) FROM \(name).claim")?.standardOutput == "0\n")
    }

    @Test(
        "a refused first import into a missing store on PostgreSQL takes the store it created away again",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func refusedFirstImport() throws {
        let cli = try CLIHarness.scoped
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        try cli.write("bad.jsonl", #"{"record":"claim","id":"c","subject":"a","predicate":"funded","object":"b"}"# + "\n")
        let result = try cli.run(["--db", PostgreSQLServer.storeURI(name), "import", "bad.jsonl"])
        #expect(result.status == 65, "\(result.standardError)")
        #expect(!result.standardError.contains("left empty"), "\(result.standardError)")
        #expect(try PostgreSQLServer.psql("SELECT count(*) FROM pg_namespace WHERE nspname = '\(name)'")?.standardOutput == "0\n")
    }

    @Test(
        "import --dry-run into a missing store on PostgreSQL checks against an empty one and creates nothing",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func dryRun() throws {
        let cli = try CLIHarness.scoped
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        let result = try cli.run(["--db", PostgreSQLServer.storeURI(name), "import", "--dry-run", PostgreSQLTests.dataset])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try PostgreSQLServer.psql("SELECT count(*) FROM pg_namespace WHERE nspname = '\(name)'")?.standardOutput == "0\n")
    }
}
