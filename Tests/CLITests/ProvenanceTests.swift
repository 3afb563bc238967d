import Foundation
import TestHelpers
import Testing

/// What ties a published piece to the state of the store it was built from: the entry a copy was
/// made as of (said by `copy`, kept in the copy, shown by `stats`), and the entries after it
/// (`log --after N`), or one of them (`log --entry N`).
@Suite("Provenance of what is built from a store", .temporaryStore)
struct ProvenanceTests {
    /// A store of three entries: the import (1), then two changes by the editor (2, 3).
    private func store() throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", PublicationCheckTests.records)
        for arguments in [
            ["import", "records.jsonl"], ["set", "blog", "reliability", "D"], ["set", "paper", "reliability", "C"],
        ] {
            let result = try cli.run(arguments + ["--author", "editor"])
            #expect(result.status == 0, "\(arguments): \(result.standardError)")
        }
        return cli
    }

    /// The entries' heads and command lines of a log, without their times.
    private func heads(_ log: String) -> [String] {
        log.split(separator: "\n").filter { $0.hasPrefix("entry ") }.map { String($0.prefix { $0 != "·" }) }
    }

    @Test("log --after N lists the entries after entry N, newest first; past the latest it says so in one line")
    func after() throws {
        let cli = try store()
        let after1 = try cli.run(["log", "--after", "1"])
        #expect(after1.status == 0, "\(after1.standardError)")
        #expect(heads(after1.standardOutput) == ["entry 3 ", "entry 2 "])
        #expect(after1.standardOutput.contains("  changed source \"paper\"\n    reliability: \"B\" → \"C\"\n"))
        #expect(heads(try cli.run(["log", "--after", "0"]).standardOutput) == ["entry 3 ", "entry 2 ", "entry 1 "])
        // With an id: only the entries after N that touched it.
        #expect(heads(try cli.run(["log", "blog", "--after", "1"]).standardOutput) == ["entry 2 "])
        for (n, said) in [
            ("3", "no history entries after entry 3: it is the latest\n"),
            ("7", "no history entries after entry 7: the latest is entry 3\n"),
        ] {
            let past = try cli.run(["log", "--after", n])
            #expect(past.status == 0)
            #expect(past.standardOutput == "")
            #expect(past.standardError == said)
        }
    }

    @Test("log --after takes an entry's number: anything else is a usage error (64)", arguments: ["x", "-1", "2026-12-07", "#7"])
    func afterNotANumber(_ value: String) throws {
        let cli = try store()
        let result = try cli.run(["log", "--after", value])
        #expect(result.status == 64)
        #expect(
            result.standardError
                == "isnad: --after: expected a whole number from 0 to 2147483647, got \"\(value)\"\n(see 'isnad log --help')\n")
    }

    @Test("log --entry N shows that entry alone; a number past the latest is not found (65)")
    func entry() throws {
        let cli = try store()
        let second = try cli.run(["log", "--entry", "2", "--all"])
        #expect(second.status == 0, "\(second.standardError)")
        #expect(heads(second.standardOutput) == ["entry 2 "])
        #expect(
            second.standardOutput.hasSuffix(
                "  isnad set blog reliability D --author editor\n  changed source \"blog\"\n    reliability: \"E\" → \"D\"\n"))
        // An entry's number given as log's id: not a record, and said where it goes.
        let asID = try cli.run(["log", "2"])
        #expect(asID.status == 65)
        #expect(
            asID.standardError
                == "isnad: no record \"2\" in the store or its history: log takes an id; entry 2 is isnad log --entry 2, the entries after it isnad log --after 2\n"
        )
        let past = try cli.run(["log", "--entry", "4"])
        #expect(past.status == 65)
        #expect(past.standardError == "isnad: no history entry 4: the latest is entry 3\n")
    }

    @Test("copy says which entry of the store's history it was made as of, keeps it, and stats in the copy shows it")
    func copyAsOfEntry() throws {
        let cli = try store()
        let withHistory = try cli.run(["copy", "isnad.db", "backup.db"])
        #expect(withHistory.status == 0, "\(withHistory.standardError)")
        #expect(
            withHistory.standardError
                == "copied isnad.db to backup.db as of entry 3 of its history: 4 entities, 3 sources, 4 claims, 5 citations, 3 history entries\n"
        )
        let without = try cli.run(["copy", "--without-history", "--without-retractions", "isnad.db", "share.db"])
        #expect(without.status == 0, "\(without.standardError)")
        #expect(
            without.standardError
                == "copied isnad.db to share.db as of entry 3 of its history: 4 entities, 3 sources, 4 claims, 5 citations, no history, no retraction\n"
        )
        let line = "a copy of another store as of entry 3 of its history (isnad log --after 3 there lists what changed since)"
        for copy in ["backup.db", "share.db"] {
            let stats = try cli.run(["--db", copy, "stats", "--top", "0"])
            #expect(stats.status == 0, "\(stats.standardError)")
            #expect(stats.standardOutput.hasPrefix("4 entities, 3 sources, 4 claims, 5 citations\n\(line)\n"))
            // A meta key the schema's checks tolerate: the copy checks clean.
            let check = try cli.run(["--db", copy, "check"])
            #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        }
        // The store copied is no copy; a copy of a store with no history keeps no entry.
        #expect(!(try cli.run(["stats", "--top", "0"]).standardOutput.contains("a copy of")))
        let fromNoHistory = try cli.run(["copy", "share.db", "again.db"])
        #expect(
            fromNoHistory.standardError
                == "copied share.db to again.db: 4 entities, 3 sources, 4 claims, 5 citations, 0 history entries\n")
        #expect(!(try cli.run(["--db", "again.db", "stats", "--top", "0"]).standardOutput.contains("a copy of")))
    }

    @Test("show's channel summary agrees with one claim: 1 of 2 supported claims rests on one channel, through its source")
    func oneClaimOfSeveralRestsOnOneChannel() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", PublicationCheckTests.records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let show = try cli.run(["show", "a"])
        #expect(show.status == 0, "\(show.standardError)")
        #expect(
            show.standardOutput.contains("\n1 of 2 supported claims rests on one channel, through blog (E)\n"),
            "\(show.standardOutput)")
    }
}
