import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

/// A store on PostgreSQL shared by a team through the roles `init --roles` makes: whose change
/// the history records, what a writer role may do to the history, and what a reader or writer
/// is told about a store they cannot use as it is. Skipped without `ISNAD_TEST_POSTGRES`.
@Suite("PostgreSQL team stores", .temporaryStore)
struct PostgreSQLTeamTests {
    /// A store made with `init --roles`, the seed dataset imported by its owner, and two login
    /// roles holding its writer role: `NAME_bob` and `NAME_carol`. Dropped with its roles by
    /// ``drop()``.
    struct TeamStore {
        let name = PostgreSQLServer.uniqueStoreName()
        var uri: String { PostgreSQLServer.storeURI(name) }
        var bob: String { name + "_bob" }
        var carol: String { name + "_carol" }
        func uri(as role: String) -> String { uri + "&user=\(role)" }

        init(_ cli: CLIHarness) throws {
            try #require(try cli.run(["--db", uri, "init", "--roles"]).status == 0)
            try #require(try cli.run(["--db", uri, "import", PostgreSQLTests.dataset]).status == 0)
            try #require(
                try PostgreSQLServer.psql(
                    "CREATE ROLE \(bob) LOGIN; GRANT \(name)_writer TO \(bob); CREATE ROLE \(carol) LOGIN; GRANT \(name)_writer TO \(carol)"
                )?.status == 0)
        }

        func drop() {
            PostgreSQLServer.dropStore(name)
            for role in [bob, carol, name + "_reader", name + "_writer"] {
                _ = try? PostgreSQLServer.psql("DROP OWNED BY \(role); DROP ROLE IF EXISTS \(role)")
            }
        }

        /// Runs `sql` on the server as `role` (SET ROLE): its privileges, the store's triggers.
        func psql(as role: String, _ sql: String) throws -> ExternalTool.Result? {
            try PostgreSQLServer.psql("SET ROLE \(role); \(sql)")
        }
    }

    @Test(
        "an author named on PostgreSQL is recorded with the role that connected (carol (as bob)), and a plain undo tells them apart",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func namedAuthorBesideRole() throws {
        let cli = try CLIHarness.scoped
        let team = try TeamStore(cli)
        defer { team.drop() }
        #expect(try cli.run(["--db", team.uri(as: team.carol), "set", "hamas", "description", "carol's"]).status == 0)
        let asCarol = ["ISNAD_AUTHOR": team.carol, "ISNAD_DB": team.uri(as: team.bob)]
        let forged = try cli.run(["set", "isis", "description", "bob's"], environment: asCarol)
        #expect(forged.status == 0, "\(forged.standardError)")
        let log = try cli.run(["--db", team.uri(as: team.carol), "log"])
        #expect(log.standardOutput.hasPrefix("entry 3 · "), "\(log.standardOutput)")
        #expect(log.standardOutput.contains(" · \(team.carol) (as \(team.bob))\n  isnad set isis"), "\(log.standardOutput)")
        #expect(log.standardOutput.contains(" · \(team.carol)\n  isnad --db"), "\(log.standardOutput)")
        // log --author finds carol (as bob) under either name.
        for name in [team.carol, team.bob] {
            let byName = try cli.run(["--db", team.uri(as: team.carol), "log", "--author", name]).standardOutput
            #expect(byName.hasPrefix("entry 3 · "), "\(name): \(byName)")
        }
        #expect(
            !(try cli.run(["--db", team.uri(as: team.carol), "log", "--author", team.bob]).standardOutput.contains(
                "entry 2 · ")))
        // carol's own latest is entry 2: entry 3 is bob's, though it names her.
        let carolsUndo = try cli.run(["--db", team.uri(as: team.carol), "undo"])
        #expect(carolsUndo.status == 65)
        #expect(
            carolsUndo.standardError.contains(
                "is \(team.carol) (as \(team.bob))'s, not \(team.carol)'s: a plain undo takes back only its author's latest change; \(team.carol)'s latest is entry 2 (isnad undo 2)"
            ), "\(carolsUndo.standardError)")
        // bob as carol takes back only what he wrote so, never carol's own change.
        #expect(try cli.run(["undo"], environment: asCarol).status == 0)
        let again = try cli.run(["undo"], environment: asCarol)
        #expect(again.status == 65)
        #expect(
            again.standardError.contains("is \(team.carol)'s, not \(team.carol) (as \(team.bob))'s"), "\(again.standardError)")
        // The role's own name, in any case, is the role: nothing beside it.
        let plain = try cli.run(
            ["--db", team.uri(as: team.bob), "set", "isis", "description", "bob's again", "--author", team.bob.uppercased()])
        #expect(plain.status == 0, "\(plain.standardError)")
        #expect(try cli.run(["--db", team.uri(as: team.bob), "log"]).standardOutput.contains(" · \(team.bob)\n"))
    }

    @Test(
        "a writer role's import of another store's history is an entry of its own, under the role, after the entries it appended",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func importOfHistoryByWriter() throws {
        let cli = try CLIHarness.scoped
        let team = try TeamStore(cli)
        defer { team.drop() }
        #expect(try cli.run(["init"]).status == 0)
        #expect(
            try cli.run(["add", "entity", "--type", "person", "--name", "Zed", "--id", "zed", "--author", "alice"]).status == 0)
        try cli.write("h.jsonl", try cli.run(["export", "history"]).standardOutput)
        // A dry run says the same, and writes nothing: its transaction is rolled back.
        let before = try cli.run(["--db", team.uri, "export", "history"]).outputBytes
        let dry = try cli.run(["--db", team.uri(as: team.bob), "import", "--from", "history", "h.jsonl", "--dry-run"])
        #expect(dry.status == 0, "\(dry.standardError)")
        #expect(
            dry.standardError.contains("would import 1 history entry as entry 2 (and this import as entry 3)")
                && dry.standardError.hasSuffix("; nothing written (--dry-run)\n"), "\(dry.standardError)")
        #expect(try cli.run(["--db", team.uri, "export", "history"]).outputBytes == before)
        let imported = try cli.run(["--db", team.uri(as: team.bob), "import", "--from", "history", "h.jsonl"])
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(
            imported.standardError.contains("as entry 2 (isnad log shows them, and this import as entry 3)"),
            "\(imported.standardError)")
        let log = try cli.run(["--db", team.uri(as: team.carol), "log", "--limit", "2"]).standardOutput
        #expect(log.hasPrefix("entry 3 · "), "\(log)")
        #expect(log.contains(" · \(team.bob)\n  isnad --db "), "\(log)")
        #expect(log.contains("  appended entry 2 from another store's history\n"), "\(log)")
        #expect(log.contains(" · alice · from another store's history, appended by entry 3\n"), "\(log)")
        let exported = try cli.run(["--db", team.uri, "export", "history"]).standardOutput.split(separator: "\n")
        #expect(exported.count == 3 && exported[1].contains(#""travelled":true"#) && !exported[2].contains("travelled"))
    }

    @Test(
        "a writer role may add to the history but not rewrite or erase it: psql's UPDATE and DELETE of earlier entries are refused",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func historyOnlyAddedTo() throws {
        let cli = try CLIHarness.scoped
        let team = try TeamStore(cli)
        defer { team.drop() }
        let store = team.name
        #expect(try cli.run(["--db", team.uri(as: team.carol), "set", "hamas", "description", "carol's"]).status == 0)
        for sql in [
            "UPDATE \(store).change SET author = 'x' WHERE id = 2",
            "UPDATE \(store).change SET undone_by = 1 WHERE id = 2",
            "DELETE FROM \(store).change WHERE id = 2",
            "DELETE FROM \(store).change_record WHERE change = 2",
            "UPDATE \(store).change_record SET after = 'x' WHERE change = 2",
            "INSERT INTO \(store).change_record (change, kind, record, action) VALUES (2, 'entity', 'x', 'added')",
            // A new entry may be written, and may mark an earlier one undone, but no more.
            """
            BEGIN; INSERT INTO \(store).change (id, at, author, command) VALUES (9, 'x', 'y', 'z');
            UPDATE \(store).change SET undone_by = 9 WHERE id = 2; UPDATE \(store).change SET command = 'q' WHERE id = 2; COMMIT
            """,
        ] {
            let result = try team.psql(as: team.bob, sql)
            #expect(result?.status != 0, "\(sql)")
            #expect(
                result?.standardError.contains("a store's history is only added to") == true
                    || result?.standardError.contains("permission denied for table") == true,
                "\(sql): \(result?.standardError ?? "")")
        }
        #expect(
            try PostgreSQLServer.psql("SELECT id, author, undone_by FROM \(store).change ORDER BY id")?.standardOutput
                == "1|postgres|\n2|\(team.carol)|\n")
        // The owner is held to it too, until it drops the triggers.
        #expect(try PostgreSQLServer.psql("DELETE FROM \(store).change_record WHERE change = 1")?.status != 0)
        // Isnad's own commands still write as before: an undo marks the entry it took back.
        let undone = try cli.run(["--db", team.uri(as: team.bob), "undo", "2"])
        #expect(undone.status == 0, "\(undone.standardError)")
        #expect(try cli.run(["--db", team.uri(as: team.bob), "check"]).status == 0)
    }

    @Test(
        "a store whose roles an older Isnad made: its owner's upgrade narrows the writer's grants on the history and adds the triggers",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func olderStoreTightened() throws {
        let cli = try CLIHarness.scoped
        let team = try TeamStore(cli)
        defer { team.drop() }
        let store = team.name
        // As version 13 left it: no triggers, the writer may update every column, no index of renames,
        // the views' evidence columns named as Isnad's own.
        let renamedColumns = [
            ("status", "uncapped_status"), ("sources", "citing_sources"), ("best_reliability", "uncapped_best_reliability"),
            ("best_credibility", "uncapped_best_credibility"),
        ]
        let viewsAsBefore = ["claim_evidence", "claim_summary"].flatMap { view in
            renamedColumns.map { "ALTER TABLE \(store).\(view) RENAME COLUMN \($0.1) TO \($0.0);" }
        }.joined(separator: " ")
        try #require(
            try PostgreSQLServer.psql(
                """
                \(viewsAsBefore)
                DROP TRIGGER change_written ON \(store).change; DROP TRIGGER change_kept ON \(store).change;
                DROP TRIGGER change_record_added ON \(store).change_record;
                DROP TRIGGER change_record_changed ON \(store).change_record;
                DROP TRIGGER change_record_removed ON \(store).change_record;
                DROP FUNCTION \(store).change_written(), \(store).change_kept(), \(store).change_record_kept();
                ALTER TABLE \(store).change DROP COLUMN written_in; DROP INDEX \(store).change_renames;
                GRANT UPDATE ON \(store).change, \(store).change_record TO \(store)_writer;
                UPDATE \(store).meta SET value = '13' WHERE key = 'schema_version'
                """)?.status == 0)
        let stats = try cli.run(["--db", team.uri, "stats"])
        #expect(stats.standardError.contains("from schema version 13 to \(Migrations.currentPostgreSQLVersion)"))
        let update = try team.psql(as: team.bob, "UPDATE \(store).change SET author = 'x' WHERE id = 1")
        #expect(update?.status != 0)
        #expect(update?.standardError.contains("permission denied for table change") == true, "\(update?.standardError ?? "")")
        let delete = try team.psql(as: team.bob, "DELETE FROM \(store).change_record")
        #expect(delete?.standardError.contains("a store's history is only added to") == true, "\(delete?.standardError ?? "")")
        #expect(try cli.run(["--db", team.uri(as: team.bob), "set", "hamas", "description", "bob's"]).status == 0)
        #expect(try cli.run(["--db", team.uri(as: team.bob), "undo"]).status == 0)
        // The views' columns renamed in place: the store's roles may still read them.
        let renamed = try team.psql(
            as: team.bob, "SELECT count(*) FROM \(store).claim_summary WHERE uncapped_status = 'asserted'")
        #expect(renamed?.standardOutput.hasSuffix("16\n") == true, "\(renamed?.standardError ?? "")")
    }

    @Test(
        "a store that needs upgrading, opened by a reader or writer: exit 77, saying the version and who can upgrade it",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func olderStoreForNonOwner() throws {
        let cli = try CLIHarness.scoped
        let team = try TeamStore(cli)
        let alice = team.name + "_alice"
        defer {
            team.drop()
            _ = try? PostgreSQLServer.psql("DROP ROLE IF EXISTS \(alice)")
        }
        let owner = try #require(try PostgreSQLServer.role())
        try #require(
            try PostgreSQLServer.psql(
                "CREATE ROLE \(alice) LOGIN; GRANT \(team.name)_reader TO \(alice); UPDATE \(team.name).meta SET value = '10' WHERE key = 'schema_version'"
            )?.status == 0)
        for (role, command) in [(alice, ["stats"]), (team.bob, ["add", "entity", "--type", "person", "--name", "Someone"])] {
            let result = try cli.run(["--db", team.uri(as: role)] + command)
            #expect(result.status == 77, "\(result.standardError)")
            #expect(
                result.standardError.hasSuffix(
                    "(store \(team.name)) is at schema version 10, and this isnad needs \(Migrations.currentPostgreSQLVersion): only the store's owner, \(owner), can upgrade it, which any isnad command run as \(owner) does; nothing was read or written\n"
                ), "\(result.standardError)")
        }
        // Search keys of an older folding: the same, said of the keys.
        try #require(
            try PostgreSQLServer.psql(
                "UPDATE \(team.name).meta SET value = '\(Migrations.currentPostgreSQLVersion)' WHERE key = 'schema_version'; UPDATE \(team.name).meta SET value = '1' WHERE key = 'name_key_version'"
            )?.status == 0)
        let keys = try cli.run(["--db", team.uri(as: alice), "stats"])
        #expect(keys.status == 77)
        #expect(
            keys.standardError.contains(
                "(store \(team.name)) holds search keys made by an older Isnad, which this isnad must remake: only the store's owner, \(owner), can upgrade it"
            ), "\(keys.standardError)")
        // The owner's command upgrades it; then the reader reads.
        #expect(try cli.run(["--db", team.uri, "stats"]).status == 0)
        #expect(try cli.run(["--db", team.uri(as: alice), "stats"]).status == 0)
    }

    @Test(
        "init --roles of a store named as one in another database is refused, nothing made, unless --reuse-roles: roles are the server's",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func sameNameInAnotherDatabase() throws {
        let cli = try CLIHarness.scoped
        let team = try TeamStore(cli)
        let database = PostgreSQLServer.uniqueStoreName()
        try #require(try PostgreSQLServer.psql("CREATE DATABASE \(database)")?.status == 0)
        defer {
            _ = try? PostgreSQLServer.psql("DROP DATABASE IF EXISTS \(database)")
            team.drop()
        }
        let there = PostgreSQLServer.storeURI(team.name, database: database)
        let refused = try cli.run(["--db", there, "init", "--roles"])
        #expect(refused.status == 73, "\(refused.standardError)")
        #expect(
            refused.standardError.contains(
                "the roles \(team.name)_reader and \(team.name)_writer are on the server already, granted no part of this store"),
            "\(refused.standardError)")
        // Nothing made: bob, a writer of the first store, cannot write there.
        let write = try cli.run(
            ["--db", there + "&user=\(team.bob)", "add", "entity", "--type", "person", "--name", "Elsewhere"])
        #expect(write.status == 66, "\(write.standardError)")
        let reused = try cli.run(["--db", there, "init", "--roles", "--reuse-roles"])
        #expect(reused.status == 0, "\(reused.standardError)")
        #expect(reused.standardError.contains("every role that holds it, in any database, may now use this store"))
    }

    @Test(
        "a plain undo refused for a colleague's later change suggests undo N only when N could be undone, else says what stops it",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func undoSuggestionChecked() throws {
        let cli = try CLIHarness.scoped
        let team = try TeamStore(cli)
        defer { team.drop() }
        #expect(try cli.run(["--db", team.uri(as: team.bob), "set", "isis", "description", "bob's"]).status == 0)
        #expect(try cli.run(["--db", team.uri(as: team.carol), "set", "isis", "description", "carol's"]).status == 0)
        let refused = try cli.run(["--db", team.uri(as: team.bob), "undo"])
        #expect(refused.status == 65)
        #expect(
            refused.standardError.contains(
                "\(team.bob)'s latest is entry 2, which entry 3 changed a record of since: it can be undone only after that one; isnad undo 3 takes back \(team.carol)'s by its number"
            ), "\(refused.standardError)")
        #expect(!refused.standardError.contains("isnad undo 2"))
        // Once carol's is taken back, bob's own is suggested, and it is undone.
        #expect(try cli.run(["--db", team.uri(as: team.carol), "undo"]).status == 0)
        #expect(try cli.run(["--db", team.uri(as: team.carol), "set", "hamas", "description", "carol's"]).status == 0)
        let suggested = try cli.run(["--db", team.uri(as: team.bob), "undo"])
        #expect(suggested.standardError.contains("\(team.bob)'s latest is entry 2 (isnad undo 2)"), "\(suggested.standardError)")
        #expect(try cli.run(["--db", team.uri(as: team.bob), "undo", "2"]).status == 0)
    }

    @Test(
        "a write that waits for a colleague's says who holds the store and since when, not only that it waits",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func waitingSaysWho() throws {
        let cli = try CLIHarness.scoped
        let team = try TeamStore(cli)
        defer { team.drop() }
        let psql = try #require(ExternalTool.path("psql") ?? "/usr/bin/psql")
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: psql)
        // The store's write lock, as every writer takes it (class "ISND", the store's name), held 4 s.
        holder.arguments = [
            "-X", "-q", "-c",
            "BEGIN; SELECT pg_advisory_xact_lock(1230196292, hashtext('\(team.name)')); SELECT pg_sleep(4); COMMIT;",
            try #require(PostgreSQLServer.uri),
        ]
        holder.standardOutput = FileHandle.nullDevice
        holder.standardError = FileHandle.nullDevice
        try holder.run()
        defer { holder.waitUntilExit() }
        // Until the server shows the lock held (psql may take a moment to start on a busy machine).
        for _ in 0..<100 {
            let held = try PostgreSQLServer.psql(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = 1230196292")
            if held?.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) != "0" { break }
            usleep(50_000)
        }
        // --wait gives up on it: at once, and after a second (the server's lock_timeout).
        for seconds in [0, 1] {
            let gaveUp = try cli.run([
                "--db", team.uri(as: team.bob), "--wait", "\(seconds)", "add", "entity", "--type", "person", "--name", "Waited",
            ])
            #expect(gaveUp.status == 75, "\(gaveUp.standardError)")
            #expect(
                gaveUp.standardError.hasSuffix(
                    "another program or process held the store's write lock\(seconds > 0 ? " for more than 1 s" : "") (--wait \(seconds)): nothing was written; run it again\n"
                ), "\(gaveUp.standardError)")
        }
        let added = try cli.run(["--db", team.uri(as: team.bob), "add", "entity", "--type", "person", "--name", "Waited"])
        #expect(added.status == 0, "\(added.standardError)")
        let role = try #require(try PostgreSQLServer.role())
        // The time its transaction began is shown only to roles that may read every session's
        // statistics: bob sees who, not since when.
        #expect(
            added.standardError.hasPrefix("waiting for another client (\(role)) to finish writing to "), "\(added.standardError)")
    }
}
