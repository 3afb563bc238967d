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
        let flag = try PostgreSQLLocation(uri: "postgresql:///team?store=syria", storeName: "iraq")
        #expect(flag.storeName == "iraq")
        #expect(flag.connectionURI == "postgresql:///team")
        #expect(try StoreLocation("team.db") == .file(path: "team.db"))
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
        ])
    func passwordRemoved(uri: String, shown: String) throws {
        #expect(PostgreSQLLocation.withoutPassword(uri) == shown)
        let location = try PostgreSQLLocation(uri: uri)
        #expect(!location.description.contains("hunter2"))
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

    @Test("commands that write do not run on PostgreSQL yet, and say so (exit 69), through ISNAD_DB too")
    func unavailableCommand() throws {
        let cli = try CLIHarness.scoped
        let uri = "postgresql://alice:hunter2-secret@127.0.0.1:1/team"
        let result = try cli.run(["import", PostgreSQLTests.dataset], environment: ["ISNAD_DB": uri])
        #expect(result.status == 69)
        #expect(result.standardError.contains("which this isnad does not do on PostgreSQL yet"))
        #expect(!result.standardError.contains("hunter2"))
    }

    @Test("--store with a store file is a usage error (exit 64)")
    func storeWithFile() throws {
        let cli = try CLIHarness.scoped
        let result = try cli.run(["--db", "team.db", "--store", "syria", "init"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("--store names a store in a PostgreSQL database"))
    }

    @Test("PostgreSQL's migrations reach the same schema version as SQLite's")
    func versionsAgree() {
        #expect(Migrations.currentPostgreSQLVersion == Migrations.currentVersion)
        #expect(!Migrations.postgreSQL.isEmpty)
    }

    @Test("the copy moves every table of a store (a table added by a migration must be added to it)")
    func copyCoversEveryTable() {
        let expected = (StoreSchema.expected[Migrations.currentVersion] ?? [:]).values
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

    // MARK: With a server

    @Test(
        "init creates a store once, even when several clients start at once",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func initOnce() async throws {
        let cli = try CLIHarness.scoped
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        let uri = PostgreSQLServer.storeURI(name)
        let results = try await withThrowingTaskGroup(of: ExternalTool.Result.self) { group in
            for _ in 0..<4 { group.addTask { try cli.run(["--db", uri, "init"]) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0.status == 0 }, "\(results.map(\.standardError))")
        #expect(results.filter { $0.standardError.contains("created an empty Isnad store") }.count == 1)
        #expect(results.filter { $0.standardError.contains("is already an Isnad store") }.count == 3)
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
        #expect(newer.status == 1)
        #expect(newer.standardError.contains("newer Isnad (schema version 99"))

        let other = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(other) }
        try PostgreSQLServer.psql("CREATE SCHEMA \(other); CREATE TABLE \(other).payroll (id int)")
        let foreign = try cli.run(["--db", PostgreSQLServer.storeURI(other), "init"])
        #expect(foreign.status == 65)
        #expect(foreign.standardError.contains("not an Isnad store"))
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
        for export in [["export", "jsonl"], ["export", "history"], ["log"], ["search", "Bagdadi"], ["stats"]] {
            let original = try cli.run(export)
            let copy = try cli.run(["--db", "back.db"] + export)
            #expect(original.status == 0)
            #expect(copy.outputBytes == original.outputBytes, "\(export)")
        }
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
        ["export", "html"],
    ]

    /// Runs each command on the store file and on its copy on PostgreSQL, and expects the same
    /// exit status, output and messages.
    static func expectSameOutputs(_ cli: CLIHarness, _ uri: String, _ commands: [[String]]) throws {
        for command in commands {
            let file = try cli.run(command)
            let server = try cli.run(["--db", uri] + command)
            #expect(server.status == file.status, "\(command): \(server.standardError)")
            #expect(server.outputBytes == file.outputBytes, "\(command)")
            #expect(server.standardError == file.standardError, "\(command)")
        }
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
        "every query command and export gives the same bytes on PostgreSQL as on SQLite: a generated 10k-claim store",
        .enabled(if: PostgreSQLServer.isAvailable && ExternalTool.path("python3") != nil, PostgreSQLServer.skipReason))
    func sameOutputsOnGenerated() throws {
        let cli = try CLIHarness.scoped
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        let uri = PostgreSQLServer.storeURI(name)
        let generator = Repository.root.appendingPathComponent("Benchmarks/generate.py").path
        let records = try ExternalTool.run(
            try #require(ExternalTool.path("python3")), [generator, "--claims", "10000", "--seed", "1"])
        try #require(records.status == 0)
        try #require(try cli.run(["import", "-"], input: records.outputBytes).status == 0)
        try #require(try cli.run(["copy", "isnad.db", uri]).status == 0)
        try PostgreSQLTests.expectSameOutputs(
            cli, uri,
            [
                ["show", "org-1"], ["show", "eve-1021", "--format", "json"], ["stats"], ["search", "org"], ["search", "org 2"],
                ["claims", "--format", "csv"], ["neighbors", "org-1", "--depth", "2"],
                ["neighbors", "org-22", "--format", "json"],
                ["path", "org-1", "org-22", "--all", "--max-depth", "3"], ["path", "org-1", "eve-1000"], ["timeline"],
                ["source", "src-0"], ["check"], ["disputes"], ["duplicates"], ["export", "jsonl"], ["export", "dot"],
                ["export", "dot", "--focus", "org-1", "--depth", "2"], ["export", "graphml"], ["export", "gexf"],
                ["export", "stix"], ["export", "ftm"],
            ])
    }
}
