import Foundation
import TestHelpers
import Testing

/// `isnad log` and `isnad undo`, run as the built binary: every change is one history entry,
/// and undo puts the store back byte for byte.
@Suite("History and undo end to end", .temporaryStore)
struct HistoryCommandTests {
    static let records = CoreCommandTests.records

    /// A store with the core records imported by "ana".
    private func importedStore() throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", HistoryCommandTests.records)
        let result = try cli.run(["import", "records.jsonl", "--author", "ana"])
        #expect(result.status == 0, "\(result.standardError)")
        return cli
    }

    /// The claim hamas-praised-attack with another credibility, as a one-line import.
    private func regrade(_ cli: CLIHarness, to credibility: Int, author: [String] = []) throws -> ExternalTool.Result {
        let line = HistoryCommandTests.records.split(separator: "\n").first { $0.contains("hamas-praised-attack") } ?? ""
        try cli.write(
            "regrade.jsonl", line.replacingOccurrences(of: "\"credibility\":2", with: "\"credibility\":\(credibility)") + "\n")
        return try cli.run(["import", "regrade.jsonl"] + author)
    }

    @Test(
        "on a file too, a plain undo takes back only its author's latest change: a nightly import's or another terminal's is refused, undo N takes it"
    )
    func undoLeavesAnothersChange() throws {
        let cli = try importedStore()
        #expect(try cli.run(["set", "hamas", "description", "mine", "--author", "ana"]).status == 0)
        #expect(try cli.run(["set", "isis", "description", "nightly", "--author", "cron"]).status == 0)
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let refused = try cli.run(["undo", "--author", "ana"])
        #expect(refused.status == 65)
        #expect(
            refused.standardError
                == "isnad: the latest change, entry 3 (isnad set isis description nightly --author cron), is cron's, not ana's: a plain undo takes back only its author's latest change; ana's latest is entry 2 (isnad undo 2); isnad undo 3 takes back cron's by its number\n"
        )
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        // The author is one without case, in any script, as log --author takes it.
        #expect(try cli.run(["undo", "--author", "CRON"]).status == 0)
        #expect(
            try cli.run(["log", "--author", "CRON"]).standardOutput.contains("isnad set isis description nightly --author cron"))
        #expect(try cli.run(["set", "isis", "description", "nightly", "--author", "Émile"]).status == 0)
        #expect(try cli.run(["log", "--author", "émile"]).standardOutput.contains("--author 'Émile'"))
        // And as it reads: fullwidth, a Cyrillic о, a zero-width space (a history written before
        // such authors were refused holds some).
        for lookAlike in ["\u{FF23}\u{FF32}\u{FF2F}\u{FF2E}", "cr\u{43E}n", "cron\u{200B}"] {
            #expect(
                try cli.run(["log", "--author", lookAlike]).standardOutput.contains(
                    "isnad set isis description nightly --author cron"), "\(lookAlike)")
        }
        #expect(try cli.run(["undo", "--author", "ÉMILE"]).status == 0)
        let named = try cli.run(["undo", "2", "--author", "ana"])
        #expect(named.status == 0, "\(named.standardError)")
        #expect(!(try cli.run(["show", "hamas"]).standardOutput.contains("mine")))
        #expect(!(try cli.run(["show", "isis"]).standardOutput.contains("nightly")))
    }

    @Test(
        "an import that changes records already stored says how many, so that a set made since is not overwritten without a word")
    func importSaysWhatItOverwrote() throws {
        let cli = try importedStore()
        #expect(try cli.run(["set", "hamas-praised-attack", "start", "2022-03", "--author", "ana"]).status == 0)
        // A dry run says it first, and writes nothing.
        let dry = try cli.run(["import", "records.jsonl", "--dry-run"])
        #expect(dry.status == 0, "\(dry.standardError)")
        #expect(
            dry.standardError.hasSuffix(
                "nothing written (--dry-run)\n1 record already in the store would be changed by it (each field: the store's value → the file's):\n"
                    + "  changed claim \"hamas-praised-attack\"\n    start: \"2022-03\" → \"2022-03-27\"\n"
                    + "a value changed here since the file's store was copied is taken back to the file's: --base-entry N keeps it, and refuses a field both changed (isnad import --help)\n"
            ), "\(dry.standardError)")
        let again = try cli.run(["import", "records.jsonl", "--author", "ana"])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(
            again.standardError.contains(
                "\n1 record already in the store was changed by it (isnad log shows how; isnad undo 3 takes the import back)\n"),
            "\(again.standardError)")
        // Only records added: nothing to say.
        try cli.write("new.jsonl", #"{"record":"entity","id":"new-one","type":"person","name":"New One"}"# + "\n")
        let added = try cli.run(["import", "new.jsonl", "--author", "ana"])
        #expect(!added.standardError.contains("already in the store"), "\(added.standardError)")
    }

    @Test("an undo that takes a record away says, as delete does, that the history still holds it; its dry run does not")
    func undoRemovingARecordSaysTheHistoryKeepsIt() throws {
        let cli = try importedStore()
        #expect(try cli.run(["add", "entity", "--type", "person", "--name", "Zorblax Informant", "--author", "ana"]).status == 0)
        let dryRun = try cli.run(["undo", "--dry-run", "--author", "ana"])
        #expect(!dryRun.standardError.contains("note:"), "\(dryRun.standardError)")
        let undone = try cli.run(["undo", "--author", "ana"])
        #expect(undone.status == 0, "\(undone.standardError)")
        #expect(
            undone.standardError.hasSuffix(
                ": 1 record it added removed; recorded as entry 3\n"
                    + "isnad: note: the store's history still holds \"zorblax-informant\" (isnad log zorblax-informant); isnad copy --without-history --without-retractions makes a copy without it to hand on\n"
            ), "\(undone.standardError)")
    }

    @Test("undo of an entry whose record a later one refers to is refused, naming that one and its entry")
    func undoBlockedByAReference() throws {
        let cli = try importedStore()
        #expect(try cli.run(["add", "entity", "--type", "person", "--name", "New Man", "--author", "ana"]).status == 0)
        let added = try cli.run([
            "add", "claim", "new-man", "praised", "hamas", "--source", "police", "--quote", "q", "--unverified", "test",
            "--stance", "asserts", "--credibility", "3", "--author", "ana",
        ])
        #expect(added.status == 0, "\(added.standardError)")
        let claim = added.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let refused = try cli.run(["undo", "2", "--author", "ana"])
        #expect(refused.status == 65)
        #expect(
            refused.standardError
                == "isnad: cannot undo entry 2: claim \"\(claim)\" refers to entity \"new-man\", which it added, since entry 3; undo that first\n",
            "\(refused.standardError)")
    }

    @Test(
        "a reference written since it was made names every entry to undo, newest first, and never an undo, which undo refuses"
    )
    func undoBlockedByAReferenceChangedSince() throws {
        let cli = try importedStore()
        #expect(try cli.run(["add", "entity", "--type", "person", "--name", "New Man", "--author", "ana"]).status == 0)
        let added = try cli.run([
            "add", "claim", "new-man", "praised", "hamas", "--source", "police", "--quote", "q", "--unverified", "test",
            "--stance", "asserts", "--credibility", "3", "--author", "ana",
        ])
        #expect(added.status == 0, "\(added.standardError)")
        let claim = added.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try cli.run(["set", claim, "notes", "one", "--author", "ana"]).status == 0)
        let both = try cli.run(["undo", "2", "--author", "ana"])
        #expect(both.status == 65)
        #expect(
            both.standardError
                == "isnad: cannot undo entry 2: claim \"\(claim)\" refers to entity \"new-man\", which it added, since entry 3; undo those first, in this order: entry 4, entry 3\n",
            "\(both.standardError)")
        // Entry 5 is the undo of entry 4, the latest to write the claim: the entry to undo is still 3.
        #expect(try cli.run(["undo", "4", "--author", "ana"]).status == 0)
        let afterUndo = try cli.run(["undo", "2", "--author", "ana"])
        #expect(afterUndo.status == 65)
        #expect(
            afterUndo.standardError
                == "isnad: cannot undo entry 2: claim \"\(claim)\" refers to entity \"new-man\", which it added, since entry 3; undo that first\n",
            "\(afterUndo.standardError)")
        #expect(try cli.run(["undo", "3", "--author", "ana"]).status == 0)
        #expect(try cli.run(["undo", "2", "--author", "ana"]).status == 0)
    }

    @Test("an import is one entry: who, when, the command, and the records it added by id")
    func importEntry() throws {
        let cli = try importedStore()
        let log = try cli.run(["log"])
        #expect(log.status == 0)
        let lines = log.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("entry 1 · ") == true)
        #expect(lines.first?.hasSuffix(" · ana") == true)
        #expect(lines.dropFirst().first == "  isnad import records.jsonl --author ana")
        #expect(lines.contains("  added entity \"hamas\" (imported)"))
        #expect(lines.contains("  added claim \"hamas-praised-attack\" (imported)"))
    }

    @Test(
        "$ISNAD_CHANGE_TIME that is not a whole number of seconds to the end of 9999 is refused (64), naming it and its value, before anything is written",
        arguments: ["1e9", "abc", "-1", "1.5", " 1700000000", "1700000000 ", "+1700000000", "", "٢٠٢٢", "253402300800"])
    func changeTimeRefused(_ value: String) throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", HistoryCommandTests.records)
        // An import into a new store: refused before the store is created.
        let imported = try cli.run(["import", "records.jsonl"], environment: ["ISNAD_CHANGE_TIME": value])
        #expect(imported.status == 64)
        #expect(
            imported.standardError.hasPrefix(
                "isnad: $ISNAD_CHANGE_TIME is \"\(value)\": it fixes the time of changes as a whole number of seconds since 1970 (UTC), from 0 to 253402300799 (the end of 9999), in the digits 0-9 alone; unset it for the present time\n"
            ), "\(imported.standardError)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("isnad.db")))
        // A change to a store: no entry, the record as it was; edit refuses before the editor opens.
        #expect(try cli.run(["import", "records.jsonl"], environment: ["ISNAD_CHANGE_TIME": "1648425600"]).status == 0)
        for command in [
            ["set", "hamas", "description", "x"], ["retract", "hamas-praised-attack", "--reason", "r"], ["edit", "hamas"],
        ] {
            let result = try cli.run(command, environment: ["ISNAD_CHANGE_TIME": value, "EDITOR": "false", "VISUAL": ""])
            #expect(result.status == 64, "\(command): \(result.standardError)")
        }
        let log = try cli.run(["log"]).standardOutput
        #expect(log.hasPrefix("entry 1 · 2022-03-28T00:00:00Z · ") && !log.contains("entry 2"), "\(log)")
    }

    @Test(
        "$ISNAD_CHANGE_TIME dates changes as given, from 1970 to the last second of 9999, before the latest entry too; milliseconds are named"
    )
    func changeTimeTaken() throws {
        let cli = try importedStore()
        for (seconds, shown) in [
            ("253402300799", "9999-12-31T23:59:59Z"), ("0", "1970-01-01T00:00:00Z"), ("01700000000", "2023-11-14T22:13:20Z"),
        ] {
            #expect(
                try cli.run(["set", "hamas", "description", shown], environment: ["ISNAD_CHANGE_TIME": seconds]).status == 0)
            #expect(try cli.run(["log", "--limit", "1"]).standardOutput.contains(" · \(shown) · "))
        }
        let milliseconds = try cli.run(["set", "hamas", "description", "y"], environment: ["ISNAD_CHANGE_TIME": "1700000000000"])
        #expect(milliseconds.status == 64)
        #expect(
            milliseconds.standardError.hasPrefix(
                "isnad: $ISNAD_CHANGE_TIME is \"1700000000000\" (milliseconds? those are 1700000000 seconds): "),
            "\(milliseconds.standardError)")
    }

    @Test(
        "an author that would read as more of log's line is refused (64), not rewritten: a line break, a tab, a dot set apart as log sets its fields, (as ; a dot inside a word is a name's",
        arguments: [
            (
                "eve\nentry 99 · 2019-01-01T00:00:00Z · alice",
                #""eve\u{A}entry 99 · 2019-01-01T00:00:00Z · alice" holds a line break (U+000A)"#
            ),
            ("a\tb", #""a\u{9}b" holds a tab (U+0009)"#),
            (
                "alice · 2020-01-01T00:00:00Z",
                #""alice · 2020-01-01T00:00:00Z" holds "·" set apart, as isnad log sets apart an entry's fields"#
            ),
            ("alice ∙2020", #""alice ∙2020" holds "∙" set apart"#),
            ("carol (as bob)", #""carol (as bob)" holds "(as ", which Isnad writes itself for a PostgreSQL role"#),
            ("a\u{202E}b", #""a\u{202E}b" holds a bidirectional control (U+202E)"#),
            // What check calls a look-alike in an entity's name: it would read as bob's in the log.
            ("b\u{43E}b", "\"b\u{43E}b\" mixes Cyrillic and Latin letters in the word"),
            ("bob\u{200B}", "\"bob\u{200B}\" contains the invisible character U+200B"),
            ("bob\u{A0}", "\"bob\u{A0}\" starts or ends with a space"),
            ("\u{FF22}\u{FF2F}\u{FF22}", "\"\u{FF22}\u{FF2F}\u{FF22}\" is written in compatibility forms"),
        ])
    func authorImitatingLogFields(author: String, message: String) throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "history"]).outputBytes
        let given = try cli.run(["set", "hamas", "description", "d", "--author", author])
        #expect(given.status == 64)
        #expect(given.standardError.hasPrefix("isnad: --author " + message), "\(given.standardError)")
        let environment = try cli.run(["set", "hamas", "description", "d"], environment: ["ISNAD_AUTHOR": author])
        #expect(environment.status == 64)
        #expect(environment.standardError.hasPrefix("isnad: $ISNAD_AUTHOR " + message), "\(environment.standardError)")
        // Help says nothing of $ISNAD_AUTHOR: the message says what to do instead.
        #expect(
            environment.standardError.hasSuffix("\n(set $ISNAD_AUTHOR to a name alone, or give --author NAME)\n"),
            "\(environment.standardError)")
        #expect(try cli.run(["export", "history"]).outputBytes == before)
    }

    @Test(
        "import --from history refuses an author the --author rule refuses (65, naming its line), nothing imported; carol (as bob), as PostgreSQL records, is taken, and so is a look-alike an earlier version recorded",
        arguments: [
            ("root · undone by entry 3", #"author: "root · undone by entry 3" holds "·" set apart"#),
            ("a\nb", #"author: "a\u{A}b" holds a line break (U+000A)"#),
            ("a\u{202E}b", #"author: "a\u{202E}b" holds a bidirectional control (U+202E)"#),
            ("x (as y) (as z)", #"author: "x (as y) (as z)" holds "(as ""#),
            ("carol (as bob)", nil), ("bob ", nil), ("b\u{43E}b", nil),
        ] as [(String, String?)])
    func importedAuthorRule(author: String, problem: String?) throws {
        let cli = try importedStore()
        let first = String(try cli.run(["export", "history"]).standardOutput.split(separator: "\n")[0])
        let quoted = String(
            decoding: try JSONSerialization.data(withJSONObject: author, options: .fragmentsAllowed), as: UTF8.self)
        try cli.write("h.jsonl", first.replacingOccurrences(of: #""author":"ana""#, with: #""author":"# + quoted) + "\n")
        #expect(try cli.run(["--db", "b.db", "init"]).status == 0)
        let result = try cli.run(["--db", "b.db", "import", "--from", "history", "h.jsonl"])
        if let problem {
            #expect(result.status == 65)
            #expect(result.standardError.contains("\nh.jsonl:1: " + problem), "\(result.standardError)")
            #expect(try cli.run(["--db", "b.db", "log"]).standardOutput == "")
        } else {
            #expect(result.status == 0, "\(result.standardError)")
            #expect(
                try cli.run(["--db", "b.db", "log"]).standardOutput.contains(
                    " · \(author) · from another store's history"))
        }
    }

    @Test("a middle dot inside a name (Catalan Gal·la) is a letter's, and is recorded")
    func authorWithMiddleDotInAWord() throws {
        let cli = try importedStore()
        #expect(try cli.run(["set", "hamas", "description", "d", "--author", "Gal·la"]).status == 0)
        #expect(try cli.run(["log", "--limit", "1"]).standardOutput.contains(" · Gal·la\n"))
    }

    @Test("a changed record shows field by field; the author comes from $ISNAD_AUTHOR, else the login name")
    func fieldByField() throws {
        let cli = try importedStore()
        var environment = ["ISNAD_AUTHOR": "bilal"]
        let line = HistoryCommandTests.records.split(separator: "\n").first { $0.contains("hamas-praised-attack") } ?? ""
        try cli.write("regrade.jsonl", line.replacingOccurrences(of: "\"credibility\":2", with: "\"credibility\":4") + "\n")
        #expect(try cli.run(["import", "regrade.jsonl"], environment: environment).status == 0)
        let log = try cli.run(["log", "hamas-praised-attack"]).standardOutput
        #expect(
            log.contains(
                " · bilal\n  isnad import regrade.jsonl\n  changed claim \"hamas-praised-attack\"\n    citations[0].credibility: 2 → 4\n"
            ))
        environment["ISNAD_AUTHOR"] = ""
        try cli.write("regrade.jsonl", line.replacingOccurrences(of: "\"credibility\":2", with: "\"credibility\":5") + "\n")
        #expect(try cli.run(["import", "regrade.jsonl"], environment: environment).status == 0)
        let latest = try cli.run(["log", "--author", "BILAL"]).standardOutput
        #expect(latest.hasPrefix("entry 2 · "))
        #expect(!latest.contains("entry 3"))
        let first = try cli.run(["log"]).standardOutput.split(separator: "\n").first ?? ""
        #expect(first.hasPrefix("entry 3 · ") && !first.hasSuffix(" · bilal") && !first.hasSuffix(" · "))
        // A blank one too: recorded, it would be an author the log shows as nothing.
        environment["ISNAD_AUTHOR"] = "  "
        #expect(try cli.run(["set", "hamas", "description", "blank author"], environment: environment).status == 0)
        let blank = try cli.run(["log"]).standardOutput.split(separator: "\n").first ?? ""
        #expect(blank.hasPrefix("entry 4 · ") && !blank.hasSuffix(" ") && !blank.hasSuffix(" · "), "\(blank)")
    }

    @Test("a long value changed past its first words is shown around where it changed, not as two equal beginnings")
    func longValueShownAroundItsChange() throws {
        let cli = try importedStore()
        let text = "Daily Courier, 13 March 2023. Police spokesman Sami Nour said that two gunmen opened fire at the checkpoint."
        #expect(try cli.run(["set", "article", "title", text]).status == 0)
        #expect(try cli.run(["set", "article", "title", text + " Correction: three gunmen."]).status == 0)
        let log = try cli.run(["log", "article"]).standardOutput
        #expect(
            log.contains(
                #"    title: "…opened fire at the checkpoint." → "…opened fire at the checkpoint. Correction: three gunmen.""#
            ), "\(log)")
        #expect(try cli.run(["set", "article", "title", "Short"]).status == 0)
        // Different early on: as before, each cut to its first 80 characters.
        #expect(
            try cli.run(["log", "article"]).standardOutput.contains(
                #"    title: "Daily Courier, 13 March 2023. Police spokesman Sami Nour said that two gunmen …" → "Short""#))
    }

    @Test("log --all shows every value whole, so that what an edit took out of a long quote can be read")
    func allShowsValuesWhole() throws {
        let cli = try importedStore()
        let text = "Daily Courier, 13 March 2023. Police spokesman Sami Nour said that two gunmen opened fire at the checkpoint."
        #expect(try cli.run(["set", "article", "title", text]).status == 0)
        #expect(try cli.run(["set", "article", "title", "Daily Courier"]).status == 0)
        let all = try cli.run(["log", "article", "--limit", "1", "--all"])
        #expect(all.status == 0)
        #expect(all.standardOutput.contains("    title: \"\(text)\" → \"Daily Courier\"\n"), "\(all.standardOutput)")
        // Added whole too; without --all, cut as before.
        #expect(try cli.run(["log", "article", "--limit", "2", "--all"]).standardOutput.contains(" → \"\(text)\"\n"))
        #expect(!(try cli.run(["log", "article", "--limit", "1"]).standardOutput.contains(text)))
    }

    @Test("a record's long list is cut in log to its first 20 items, saying how many more and how to see each; --all shows them")
    func longListCut() throws {
        let cli = try CLIHarness.scoped
        let aliases = (0..<50).map { #"{"name":"Alias \#($0)","lang":"en"}"# }
        try cli.write(
            "records.jsonl",
            """
            {"record":"entity","id":"big","type":"organization","name":"Big","aliases":[\(aliases.joined(separator: ","))]}
            {"record":"entity","id":"small","type":"organization","name":"Small"}
            {"record":"source","id":"wire","type":"statement","title":"Wire","reliability":"C"}
            {"record":"claim","id":"c1","subject":"big","predicate":"funded","object":"small","citations":[{"source":"wire","quote":"q","stance":"asserts","credibility":3}]}

            """)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        #expect(try cli.run(["rename", "big", "bigger"]).status == 0)
        let log = try cli.run(["log", "--limit", "1"]).standardOutput
        let lines = log.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0.hasPrefix("    aliases[") }.count == 2 * 2 * 20, "\(log)")
        #expect(lines.contains("    aliases[19].lang: \"en\"") && !lines.contains("    aliases[20].name: \"Alias 20\""))
        #expect(lines.contains("    … and 30 more aliases (isnad log big --all)"), "\(log)")
        #expect(lines.contains("    … and 30 more aliases (isnad log bigger --all)"), "\(log)")
        // The fields after a cut list are shown, and a record without a long list is whole.
        #expect(log.contains("  changed claim \"c1\"\n    subject: \"big\" → \"bigger\"\n"), "\(log)")
        let all = try cli.run(["log", "bigger", "--all"]).standardOutput
        #expect(all.contains("    aliases[49].name: \"Alias 49\"") && !all.contains("more aliases"), "\(all)")
    }

    @Test("an import that changes nothing writes no entry; a dry run neither")
    func noChangeNoEntry() throws {
        let cli = try importedStore()
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        #expect(try cli.run(["import", "--dry-run", "records.jsonl"]).status == 0)
        let log = try cli.run(["log"]).standardOutput
        #expect(!log.contains("entry 2"))
    }

    @Test(
        "a name typed decomposed (NFD) over the same name composed: the new bytes in the history, field by field; undo puts the old ones back"
    )
    func decomposedTextIsRecorded() throws {
        let cli = try importedStore()
        // إ composed, as typed on most keyboards; decomposed, an alef and a hamza mark below.
        let composed =
            #"{"record":"entity","id":"israel","type":"organization","name":"Israel","aliases":[{"name":"إسرائيل","lang":"ar"}]}"#
        try cli.write("composed.jsonl", composed + "\n")
        #expect(try cli.run(["import", "composed.jsonl"]).status == 0)
        let before = try cli.run(["export", "jsonl"]).outputBytes
        #expect(composed.decomposedStringWithCanonicalMapping.utf8.count > composed.utf8.count)
        try cli.write("decomposed.jsonl", composed.decomposedStringWithCanonicalMapping + "\n")
        #expect(try cli.run(["import", "decomposed.jsonl"]).status == 0)
        // Swift's == holds the two forms equal; the bytes changed, and the history says so.
        #expect(try cli.run(["export", "jsonl"]).outputBytes != before)
        let log = try cli.run(["log"]).standardOutput
        #expect(log.contains("changed entity \"israel\""), "\(log)")
        #expect(log.contains("aliases[0].name:"), "\(log)")
        #expect(try cli.run(["undo"]).status == 0)
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        // One quote in both forms in one claim is two citations (keyed by bytes): check says so.
        let quote = "أعلنت الحركة"
        let claim =
            #"{"record":"claim","id":"twice","subject":"hamas","predicate":"hostile_to","object":"israel","citations":[{"source":"article","quote":"\#(quote)","stance":"asserts","credibility":3},{"source":"article","quote":"\#(quote.decomposedStringWithCanonicalMapping)","stance":"asserts","credibility":3}]}"#
        try cli.write("twice.jsonl", claim + "\n")
        #expect(try cli.run(["import", "twice.jsonl"]).status == 0)
        let check = try cli.run(["check"])
        #expect(check.status == 65)
        #expect(
            check.standardOutput.contains(
                "claim \"twice\" citation 2: repeats the quote of citation 1 in another Unicode form: one citation typed twice (take one out: isnad set twice 'citations[1]' null)"
            ), "\(check.standardOutput)")
        #expect(try cli.run(["set", "twice", "citations[1]", "null"]).status == 0)
        #expect(try cli.run(["check"]).status == 0)
        // Two readings of the quote (one asserts, one reports) are not one typed twice: no blind
        // advice. (One asserting and one denying is refused on import: SelfDisputeTests.)
        try cli.write(
            "readings.jsonl",
            claim.replacingOccurrences(of: "twice", with: "readings").replacingOccurrences(
                of: #""stance":"asserts","credibility":3}]}"#, with: #""stance":"reports","credibility":3}]}"#) + "\n")
        #expect(try cli.run(["import", "readings.jsonl"]).status == 0)
        let readings = try cli.run(["check"]).standardOutput
        #expect(
            readings.contains(
                "claim \"readings\" citation 2: repeats the quote of citation 1 in another Unicode form, read otherwise (stance, credibility, translation or locator): one citation given two readings"
            ), "\(readings)")
    }

    @Test("undo of an import, then of the first import: export jsonl is byte-identical at each step")
    func undoImports() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        #expect(try regrade(cli, to: 5).status == 0)
        #expect(try cli.run(["export", "jsonl"]).outputBytes != before)
        let undo = try cli.run(["undo"])
        #expect(undo.status == 0, "\(undo.standardError)")
        #expect(
            undo.standardError.contains(
                "undid entry 2 (isnad import regrade.jsonl): 1 record put back as before it; recorded as entry 3"))
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        let log = try cli.run(["log"]).standardOutput
        #expect(
            log.contains(
                " · undo of entry 2\n  isnad undo\n  changed claim \"hamas-praised-attack\"\n    citations[0].credibility: 5 → 2")
        )
        #expect(log.contains(" · undone by entry 3\n  isnad import regrade.jsonl\n"))
        // The first import added every record: put back as before it, they are removed, said so.
        let first = try cli.run(["undo", "--author", "ana"])
        #expect(first.status == 0)
        #expect(first.standardError.contains("records it added removed; recorded as entry 4"), "\(first.standardError)")
        #expect(first.standardError.contains("isnad: note: the store's history still holds the "), "\(first.standardError)")
        #expect(
            first.standardError.hasSuffix(
                " records undo removed (isnad log); isnad copy --without-history --without-retractions makes a copy without them to hand on\n"
            ), "\(first.standardError)")
        #expect(try cli.run(["export", "jsonl"]).outputBytes.isEmpty)
        let none = try cli.run(["undo"])
        #expect(none.status == 65)
        #expect(none.standardError == "isnad: nothing to undo: every change in the history is undone already, or there is none\n")
    }

    @Test("undo of an entry of more than 1,000 records (a whole import) needs --yes: told, it changes nothing and exits 64")
    func largeEntryNeedsYes() throws {
        let cli = try CLIHarness.scoped
        try cli.write("many.jsonl", CoreCommandTests.people(1001))
        #expect(try cli.run(["import", "many.jsonl"]).status == 0)
        let told = try cli.run(["undo"])
        #expect(told.status == 64)
        #expect(
            told.standardError
                == "isnad: entry 1 (isnad import many.jsonl) changed 1001 records: undoing it puts every one of them back as before it (a record it added is deleted); isnad undo 1 --yes if that is meant\n"
        )
        #expect(try cli.run(["stats"]).standardOutput.hasPrefix("1001 entities"))
        #expect(try cli.run(["undo", "1"]).status == 64)
        let confirmed = try cli.run(["undo", "--yes"])
        #expect(confirmed.status == 0, "\(confirmed.standardError)")
        #expect(try cli.run(["export", "jsonl"]).outputBytes.isEmpty)
    }

    @Test("undo of an earlier entry is refused while a later one changed the same record, and allowed once that is undone")
    func blockedByLaterChange() throws {
        let cli = try importedStore()
        #expect(try regrade(cli, to: 4).status == 0)
        #expect(try regrade(cli, to: 5).status == 0)
        let blocked = try cli.run(["undo", "2"])
        #expect(blocked.status == 65)
        #expect(
            blocked.standardError
                == "isnad: cannot undo entry 2: entry 3 (isnad import regrade.jsonl) changed claim \"hamas-praised-attack\" since; undo that first\n"
        )
        #expect(try cli.run(["undo"]).status == 0)
        #expect(try cli.run(["undo", "2"]).status == 0)
        let export = try cli.run(["export", "jsonl"]).standardOutput
        #expect(export.contains("\"credibility\":2"))
    }

    @Test("undo of an import is refused while a later import's claim names an entity it added")
    func blockedByReference() throws {
        let cli = try CLIHarness.scoped
        let lines = HistoryCommandTests.records.split(separator: "\n")
        try cli.write("entities.jsonl", lines.filter { !$0.contains("\"record\":\"claim\"") }.joined(separator: "\n") + "\n")
        try cli.write("claims.jsonl", lines.filter { $0.contains("\"record\":\"claim\"") }.joined(separator: "\n") + "\n")
        #expect(try cli.run(["import", "entities.jsonl"]).status == 0)
        #expect(try cli.run(["import", "claims.jsonl"]).status == 0)
        let blocked = try cli.run(["undo", "1"])
        #expect(blocked.status == 65)
        #expect(blocked.standardError.hasPrefix("isnad: cannot undo entry 1: claim \""))
        #expect(try cli.run(["export", "jsonl"]).standardOutput.contains("hamas-praised-attack"))
    }

    @Test(
        "undo of a delete is refused when an id the entity held has named another record since, so that one id never names two",
        arguments: [
            // The merged id added as an entity of its own since.
            (
                [["add", "entity", "--type", "organization", "--name", "Oh Other Org", "--id", "oh-other"]], 5,
                "entity \"kay-keep\" would list \"oh-other\" as merged into it, and \"oh-other\" stands as an entity of its own (entry 6)"
            ),
            // Another entity renamed to it.
            (
                [["rename", "isis", "oh-other"]], 5,
                "entity \"kay-keep\" would list \"oh-other\" as merged into it, and \"oh-other\" stands as an entity of its own (entry 6)"
            ),
            // Added again, then merged into another entity.
            (
                [
                    ["add", "entity", "--type", "person", "--name", "Oh Other"],
                    ["add", "entity", "--type", "person", "--name", "Fay Far"], ["merge", "fay-far", "oh-other"],
                ], 5,
                "entity \"kay-keep\" would list \"oh-other\" as merged into it, and \"oh-other\" is merged into entity \"fay-far\" (entry 8)"
            ),
            // Added again, then renamed: the old id stands for the new one.
            (
                [["add", "entity", "--type", "person", "--name", "Oh Other"], ["rename", "oh-other", "oh-new"]], 5,
                "entity \"kay-keep\" would list \"oh-other\" as merged into it, an id that entry 7 renamed \"oh-new\""
            ),
            // The entity's own id: added again and deleted, the keeper's delete undone, then this delete.
            (
                [["add", "entity", "--type", "person", "--name", "Oh Other"], ["delete", "oh-other"], ["undo", "5"]], 7,
                "entity \"oh-other\" would stand, and \"oh-other\" is merged into entity \"kay-keep\" (entry 8)"
            ),
        ])
    func undoRefusesAnIDTakenSince(since: [[String]], entry: Int, reason: String) throws {
        let cli = try importedStore()
        for command in [
            ["add", "entity", "--type", "person", "--name", "Kay Keep"],
            ["add", "entity", "--type", "person", "--name", "Oh Other"],
            ["merge", "kay-keep", "oh-other"], ["delete", "kay-keep"],
        ] + since {
            let result = try cli.run(command)
            #expect(result.status == 0, "\(command): \(result.standardError)")
        }
        let before = try cli.run(["export", "jsonl", "--include-retracted"]).standardOutput
        let refused = try cli.run(["undo", String(entry)])
        #expect(refused.status == 65)
        #expect(refused.standardError == "isnad: cannot undo entry \(entry): \(reason); undo that first\n")
        #expect(try cli.run(["export", "jsonl", "--include-retracted"]).standardOutput == before)
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test(
        "undo refuses bad entries, each with its own message",
        arguments: [
            (["undo", "9"], 65, "isnad: no history entry 9 (see isnad log)\n"),
            (
                ["undo", "two"], 64,
                "isnad: expected a history entry's number (isnad log), got \"two\"\n(see 'isnad undo --help')\n"
            ),
            (["undo", "0"], 64, "isnad: expected a history entry's number (isnad log), got \"0\"\n(see 'isnad undo --help')\n"),
        ])
    func badUndo(arguments: [String], status: Int32, message: String) throws {
        let cli = try importedStore()
        let result = try cli.run(arguments)
        #expect(result.status == status)
        #expect(result.standardError == message)
    }

    @Test("undo of an undo, or of an entry undone already, is refused")
    func undoOfUndo() throws {
        let cli = try importedStore()
        #expect(try regrade(cli, to: 4).status == 0)
        #expect(try cli.run(["undo"]).status == 0)
        let again = try cli.run(["undo", "2"])
        #expect(again.standardError == "isnad: entry 2 was undone already, by entry 3\n")
        let undoUndo = try cli.run(["undo", "3"])
        #expect(
            undoUndo.standardError
                == "isnad: entry 3 is the undo of entry 2: to make that change again, run its command again\n")
    }

    @Test(
        "undo N of another author's entry says so (a note, and in log's head), and show marks the record changed by the undo"
    )
    func undoOfAnothersEntry() throws {
        let cli = try importedStore()
        #expect(try cli.run(["set", "hamas", "description", "x", "--author", "bob"]).status == 0)
        let undo = try cli.run(["undo", "2", "--author", "mallory"])
        #expect(undo.status == 0, "\(undo.standardError)")
        #expect(
            undo.standardError.hasSuffix(
                "\nisnad: note: entry 2 was written by bob, not by mallory: this takes back their change (isnad log shows it: undo of entry 2, bob's)\n"
            ), "\(undo.standardError)")
        #expect(
            try cli.run(["log", "--limit", "1"]).standardOutput.split(separator: "\n")[0].hasSuffix(
                " · mallory · undo of entry 2, bob's"))
        // The record is as it was before entry 2, but came back through the undo: show says which.
        let show = try cli.run(["show", "hamas"]).standardOutput
        #expect(show.contains("\n  changed: entry 3 (isnad undo of entry 2, mallory, "), "\(show)")
        // One's own undo is no one else's: no note, no name in log's head.
        #expect(try cli.run(["set", "hamas", "description", "y", "--author", "bob"]).status == 0)
        let own = try cli.run(["undo", "4", "--author", "bob"])
        #expect(!own.standardError.contains("note:"), "\(own.standardError)")
        #expect(
            try cli.run(["log", "--limit", "1"]).standardOutput.split(separator: "\n")[0].hasSuffix(" · bob · undo of entry 4"))
    }

    @Test("an entry listed in part counts what it did and lists the records it changed before those it added")
    func importChangingAStoredRecord() throws {
        let cli = try importedStore()
        // 25 new places around a regrade of a source already stored, as a bulk import hides one.
        var lines = (0..<25).map { #"{"record":"entity","id":"place-\#($0)","type":"place","name":"Place \#($0)"}"# }
        let source = HistoryCommandTests.records.split(separator: "\n").first { $0.contains(#""record":"source""#) } ?? ""
        let regraded = source.replacing(#/"reliability":"[A-F]"/#, with: #""reliability":"A""#)
        #expect(regraded != source)
        lines.insert(String(regraded), at: 12)
        try cli.write("bulk.jsonl", lines.joined(separator: "\n") + "\n")
        #expect(try cli.run(["import", "bulk.jsonl"]).status == 0)
        let log = try cli.run(["log", "--limit", "1"]).standardOutput.split(separator: "\n").map(String.init)
        #expect(log[2] == "  26 records: 1 changed, 25 added", "\(log)")
        #expect(log[3].hasPrefix("  changed source "), "\(log)")
        #expect(log[4].hasPrefix("    reliability: "), "\(log)")
        #expect(log.contains("  … and 6 more records (isnad log --all)"), "\(log)")
        let all = try cli.run(["log", "--limit", "1", "--all"]).standardOutput.split(separator: "\n").map(String.init)
        #expect(all[2].hasPrefix("  changed source "), "\(all)")
        // Listed whole, an entry needs no count.
        #expect(!(try cli.run(["log", "--entry", "1"]).standardOutput.contains(" records: ")))
    }

    @Test(
        "an entry dated before the one made before it (ISNAD_CHANGE_TIME, a clock set back) is tagged in log; --since, which leaves it out, says so and how to list by number"
    )
    func entryDatedBack() throws {
        let cli = try importedStore()
        #expect(try cli.run(["set", "hamas", "description", "x"]).status == 0)
        // 2023-11-14: before entries 1 and 2, made today.
        let back = try cli.run(["set", "hamas", "description", "y"], environment: ["ISNAD_CHANGE_TIME": "1700000000"])
        #expect(back.status == 0, "\(back.standardError)")
        let log = try cli.run(["log"]).standardOutput
        #expect(log.hasPrefix("entry 3 · 2023-11-14T22:13:20Z · "), "\(log)")
        #expect(log.split(separator: "\n")[0].hasSuffix(" · dated before entry 2"), "\(log)")
        #expect(!log.contains("dated before entry 1"), "\(log)")
        let since = try cli.run(["log", "--since", "2024"])
        #expect(!since.standardOutput.contains("entry 3 · "), "\(since.standardOutput)")
        #expect(since.standardOutput.contains("entry 2 · "), "\(since.standardOutput)")
        #expect(
            since.standardError
                == "isnad: note: entry 3 is dated before 2024 though made after entry 1: left out by --since; isnad log --after 0 lists the entries by number\n"
        )
        #expect(try cli.run(["log", "--after", "1"]).standardOutput.hasPrefix("entry 3 · "))
        // Nothing runs back after entry 3: no note.
        #expect(try cli.run(["log", "--since", "2023"]).standardError.isEmpty)
        // Past ten, the rest counted.
        for number in 0..<10 {
            #expect(
                try cli.run(["set", "hamas", "description", "z\(number)"], environment: ["ISNAD_CHANGE_TIME": "1700000000"])
                    .status
                    == 0)
        }
        #expect(
            try cli.run(["log", "--since", "2024"]).standardError.hasPrefix(
                "isnad: note: entries 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 and 1 more are dated before 2024"))
    }

    @Test("log filters: a record, --since, --author; a bad date is a usage error; nothing found says so")
    func logFilters() throws {
        let cli = try importedStore()
        #expect(try cli.run(["log", "--since", "1999"]).standardOutput.hasPrefix("entry 1 · "))
        let future = try cli.run(["log", "--since", "2999-01"])
        #expect(future.status == 0)
        #expect(future.standardOutput.isEmpty)
        #expect(future.standardError == "no history entries\n")
        #expect(try cli.run(["log", "--author", "nobody"]).standardOutput.isEmpty)
        let unknown = try cli.run(["log", "no-such-record"])
        #expect(unknown.status == 65)
        #expect(unknown.standardError.hasPrefix("isnad: no record \"no-such-record\" in the store or its history"))
        let bad = try cli.run(["log", "--since", "yesterday"])
        #expect(bad.status == 64)
        #expect(bad.standardError.hasPrefix("isnad: --since: \"yesterday\" is not a valid date"))
        // Told as every date option tells it, which month or day is wrong.
        let month = try cli.run(["log", "--since", "2017-13"])
        #expect(month.status == 64)
        #expect(month.standardError.hasPrefix("isnad: --since: \"2017-13\" is not a valid date: month 13 does not exist"))
        #expect(try cli.run(["log", "--since", "١٩٩٩"]).standardOutput.hasPrefix("entry 1 · "))
        // --until takes in its whole period (the entry made today is within this year).
        let year = String(try #require(try cli.run(["log"]).standardOutput.split(separator: " ").dropFirst(3).first).prefix(4))
        #expect(try cli.run(["log", "--until", year]).standardOutput.hasPrefix("entry 1 · "))
        #expect(try cli.run(["log", "--until", "1999"]).standardError == "no history entries\n")
        let backwards = try cli.run(["log", "--since", "2020", "--until", "2019-12"])
        #expect(backwards.status == 64)
        #expect(backwards.standardError.hasPrefix("isnad: --until 2019-12 is before --since 2020"))
    }

    @Test("log of an id that names nothing, now or in the history, is an error with what comes close")
    func logOfUnknownID() throws {
        let cli = try importedStore()
        let result = try cli.run(["log", "hamass"])
        #expect(result.status == 65)
        #expect(result.standardError == "isnad: no record \"hamass\" in the store or its history (did you mean \"hamas\"?)\n")
        let filtered = try cli.run(["log", "hamas", "--since", "2999"])
        #expect(filtered.status == 0)
        #expect(filtered.standardError == "no history entries for \"hamas\"\n")
    }

    @Test("the command is kept with control characters escaped, and log prints it so")
    func escapedCommand() throws {
        let cli = try importedStore()
        let line = HistoryCommandTests.records.split(separator: "\n").first { $0.contains("hamas-praised-attack") } ?? ""
        let name = "re\u{1B}[31mgrade file.jsonl"
        try cli.write(name, line.replacingOccurrences(of: "\"credibility\":2", with: "\"credibility\":4") + "\n")
        #expect(try cli.run(["import", name]).status == 0)
        let log = try cli.run(["log"]).standardOutput
        #expect(!log.contains("\u{1B}"))
        // Spelled as a shell reads it back ($'…'), naming the file imported.
        #expect(log.contains("  isnad import $'re\\x1B[31mgrade file.jsonl'\n"), "\(log)")
    }

    @Test(
        "another store's history is held to what Isnad writes: a time as Isnad keeps it, no control character, record lines that are records",
        arguments: [
            (
                #""at":"2026-12-03T16:16:16Z\u001b]52;c;aGk=\u0007""#, #""author":"eve""#, "null",
                #"evil.jsonl:1: "at": expected a time in UTC as YYYY-MM-DDTHH:MM:SSZ"#
            ),
            (#""at":"yesterday""#, #""author":"eve""#, "null", #""at": expected a time in UTC"#),
            (#""at":"2026-02-30T00:00:00Z""#, #""author":"eve""#, "null", #""at": expected a time in UTC"#),
            (#""at":"2026-12-03T25:61:61Z""#, #""author":"eve""#, "null", #""at": expected a time in UTC"#),
            (
                #""at":"2026-12-03T16:16:16Z""#, #""author":"eve\u001b[31m""#, "null",
                #""author": contains the control character U+001B"#
            ),
            (
                #""at":"2026-12-03T16:16:16Z""#, #""author":"eve""#, #""{\"record\":\"entity\",\"id\":\"hamas\"}""#,
                #""records"[0].before: not a record line: type: missing"#
            ),
        ])
    func hostileHistory(at: String, author: String, before: String, message: String) throws {
        let cli = try importedStore()
        try cli.write(
            "evil.jsonl",
            #"{"entry":1,\#(at),\#(author),"command":"isnad","undoes":null,"undone_by":null,"records":[{"kind":"entity","id":"hamas","action":"changed","before":\#(before),"after":null}]}"#
                + "\n")
        let result = try cli.run(["import", "--from", "history", "evil.jsonl"])
        #expect(result.status == 65)
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(try cli.run(["log"]).standardOutput.split(separator: "\n").filter { $0.hasPrefix("entry ") }.count == 1)
    }

    @Test("a history entry that lists a record twice, or undoes itself, is refused at its line, not by SQLite")
    func historyEntryShapes() throws {
        let cli = try importedStore()
        let record = #"{"kind":"entity","id":"hamas","action":"changed","before":null,"after":null}"#
        try cli.write(
            "twice.jsonl",
            #"{"entry":1,"at":"2026-12-03T16:16:16Z","author":"e","command":"isnad","undoes":null,"undone_by":null,"records":[\#(record),\#(record)]}"#
                + "\n")
        let twice = try cli.run(["import", "--from", "history", "twice.jsonl"])
        #expect(twice.status == 65)
        #expect(
            twice.standardError.contains(#"twice.jsonl:1: "records"[1]: entity "hamas" is listed twice (first at "records"[0])"#),
            "\(twice.standardError)")
        try cli.write(
            "self.jsonl",
            #"{"entry":1,"at":"2026-12-03T16:16:16Z","author":"e","command":"isnad","undoes":1,"undone_by":null,"records":[]}"#
                + "\n")
        let selfUndo = try cli.run(["import", "--from", "history", "self.jsonl"])
        #expect(selfUndo.status == 65)
        #expect(
            selfUndo.standardError.contains(#"self.jsonl:1: "undoes": entry 1 cannot undo itself"#), "\(selfUndo.standardError)")
    }

    @Test("log shows the latest entries up to --limit (200 by default), and says how many it left out; --limit 0 shows all")
    func logLimit() throws {
        let cli = try importedStore()
        for index in 1...3 { #expect(try cli.run(["set", "hamas", "description", "d\(index)"]).status == 0) }
        let two = try cli.run(["log", "--limit", "2"])
        #expect(two.status == 0)
        #expect(two.standardOutput.hasPrefix("entry 4 · ") && two.standardOutput.contains("\nentry 3 · "))
        #expect(!two.standardOutput.contains("entry 2 · "))
        // Under the entries, on standard output, as every table says what its limit left out.
        #expect(two.standardOutput.hasSuffix("\n\nshowing 2 of 4 entries; --limit 0 for all\n"), "\(two.standardOutput)")
        #expect(two.standardError.isEmpty, "\(two.standardError)")
        let all = try cli.run(["log", "--limit", "0"])
        #expect(all.standardOutput.contains("\nentry 1 · ") && all.standardError.isEmpty)
        #expect(!all.standardOutput.contains("showing"))
        let ofHamas = try cli.run(["log", "hamas", "--limit", "1"])
        #expect(
            ofHamas.standardOutput.hasSuffix("\nshowing 1 of 4 entries; --limit 0 for all\n") && ofHamas.standardError.isEmpty)
        #expect(try cli.run(["log", "--limit", "-1"]).status == 64)
        // A name that no record has as its id, taken as the query commands take it, and said so.
        let named = try cli.run(["log", "Hamas", "--limit", "1"])
        #expect(named.standardOutput.hasPrefix("entry 4 · "), "\(named.standardOutput)")
        #expect(named.standardError.hasPrefix("isnad: \"Hamas\" taken as entity hamas\n"), "\(named.standardError)")
    }

    @Test(
        "import --from history --without-source withholds a source under every id it went by: the entries from before its rename hold the old one"
    )
    func historyImportWithholdsARenamedSource() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "a.jsonl",
            """
            {"record":"entity","id":"h","type":"organization","name":"H"}
            {"record":"entity","id":"e","type":"event","name":"E"}
            {"record":"source","id":"secret","type":"statement","title":"SECRETTITLE informant","reliability":"B"}
            {"record":"source","id":"pub","type":"news-article","title":"Public","reliability":"C","cites":["secret"]}
            {"record":"claim","id":"c","subject":"h","predicate":"praised","object":"e","citations":[{"source":"secret","quote":"SECRETQUOTE words","quote_en":"SECRETEN","stance":"asserts","credibility":2},{"source":"pub","quote":"public words","stance":"asserts","credibility":3,"via":"secret"}],"notes":"SECRETNOTE from secret"}

            """)
        #expect(try cli.run(["--db", "a.db", "import", "a.jsonl"]).status == 0)
        #expect(try cli.run(["--db", "a.db", "set", "secret", "title", "SECRETTITLE2"]).status == 0)
        let retracted = try cli.run(["--db", "a.db", "retract", "c", "--citation", "1", "--reason", "SECRETREASON about secret"])
        #expect(retracted.status == 0, "\(retracted.standardError)")
        #expect(try cli.run(["--db", "a.db", "rename", "secret", "hidden"]).status == 0)
        #expect(try cli.run(["--db", "a.db", "set", "hidden", "title", "SECRETTITLE3"]).status == 0)
        try cli.write("a.hist.jsonl", try cli.run(["--db", "a.db", "export", "history"]).standardOutput)
        // The id the store shows now, the id it had before, or both: nothing of it travels.
        for (store, withheld) in [("bhidden.db", "hidden"), ("bsecret.db", "secret"), ("bboth.db", "hidden,secret")] {
            let imported = try cli.run([
                "--db", store, "import", "--from", "history", "a.hist.jsonl", "--without-source", withheld,
            ])
            #expect(imported.status == 0, "\(imported.standardError)")
            let log = try cli.run(["--db", store, "log", "--all"]).standardOutput
            let history = try cli.run(["--db", store, "export", "history"]).standardOutput
            for text in [log, history] {
                #expect(!text.contains("SECRET") && !text.contains("\"secret\"") && !text.contains("\"hidden\""), "\(text)")
            }
            // The import's own command keeps the database's name whole.
            #expect(log.contains("isnad --db \(store) import --from history a.hist.jsonl --without-source "), "\(log)")
        }
    }

    @Test(
        "import --from history --without-source withholds the source that had the id, not another given its old id after a rename"
    )
    func historyImportWithholdsAnIDUsedAgain() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "a.jsonl",
            """
            {"record":"entity","id":"h","type":"organization","name":"H"}
            {"record":"entity","id":"e","type":"event","name":"E"}
            {"record":"source","id":"secret","type":"statement","title":"SECRETTITLE informant","reliability":"B"}
            {"record":"source","id":"pub","type":"news-article","title":"Public","reliability":"C"}
            {"record":"claim","id":"c","subject":"h","predicate":"praised","object":"e","citations":[{"source":"secret","quote":"SECRETQUOTE words","stance":"asserts","credibility":2}]}

            """)
        #expect(try cli.run(["--db", "a.db", "import", "a.jsonl"]).status == 0)
        #expect(try cli.run(["--db", "a.db", "rename", "secret", "hidden"]).status == 0)
        try cli.write("a.hist.jsonl", try cli.run(["--db", "a.db", "export", "history"]).standardOutput)
        try cli.write("a.records.jsonl", try cli.run(["--db", "a.db", "export", "jsonl"]).standardOutput)
        // A store that took a's history and records is not held to a's rename: it gives "secret" to another source.
        #expect(try cli.run(["--db", "b.db", "import", "--from", "history", "a.hist.jsonl"]).status == 0)
        #expect(try cli.run(["--db", "b.db", "import", "a.records.jsonl"]).status == 0)
        let added = try cli.run([
            "--db", "b.db", "add", "source", "--id", "secret", "--type", "news-article", "--title", "Open report",
            "--reliability", "C",
        ])
        #expect(added.status == 0, "\(added.standardError)")
        #expect(try cli.run(["--db", "b.db", "set", "pub", "cites[0]", "secret"]).status == 0)
        #expect(try cli.run(["--db", "b.db", "set", "secret", "title", "Open report 2"]).status == 0)
        try cli.write("b.hist.jsonl", try cli.run(["--db", "b.db", "export", "history"]).standardOutput)

        let hidden = try cli.run(["--db", "c.db", "import", "--from", "history", "b.hist.jsonl", "--without-source", "hidden"])
        #expect(hidden.status == 0, "\(hidden.standardError)")
        #expect(
            hidden.standardError.contains(
                "withheld 1 source from 3 entries, their command lines with it\nisnad: note: \"secret\", an id the withheld source went by, was another source's too, \"secret\" now, which is not withheld (--without-source secret withholds it too)\n"
            ), "\(hidden.standardError)")
        let log = try cli.run(["--db", "c.db", "log", "--all"]).standardOutput
        #expect(!log.contains("SECRET") && !log.contains("\"hidden\""), "\(log)")
        for kept in [
            "  isnad --db b.db set secret title 'Open report 2'\n  changed source \"secret\"\n    title: \"Open report\" → \"Open report 2\"\n",
            "  isnad --db b.db set pub 'cites[0]' secret\n  changed source \"pub\"\n    cites[0]: (none) → \"secret\"\n",
        ] {
            #expect(log.contains(kept), "\(log)")
        }

        // The id both sources went by may mean either: each is withheld, and the import says so.
        let secret = try cli.run(["--db", "d.db", "import", "--from", "history", "b.hist.jsonl", "--without-source", "secret"])
        #expect(secret.status == 0, "\(secret.standardError)")
        #expect(
            secret.standardError.contains(
                "\nisnad: note: \"secret\" was the id of 2 sources in this history (\"hidden\" and \"secret\" now): each is withheld; name a source by its id now to keep the others\n"
            ), "\(secret.standardError)")
        let other = try cli.run(["--db", "d.db", "log", "--all"]).standardOutput
        #expect(
            !other.contains("Open report") && !other.contains("SECRET") && !other.contains("rename secret hidden"), "\(other)")
    }

    @Test("import --from history --without-source: a source that cited the withheld one shows in log only what changed")
    func historyImportWithholdsACitedSource() throws {
        let cli = try CLIHarness.scoped
        #expect(try cli.run(["--db", "a.db", "init"]).status == 0)
        for (id, title) in [("secret", "Informant"), ("pub", "Public")] {
            let added = try cli.run([
                "--db", "a.db", "add", "source", "--id", id, "--type", "other", "--title", title, "--reliability", "C",
            ])
            #expect(added.status == 0, "\(added.standardError)")
        }
        #expect(try cli.run(["--db", "a.db", "set", "pub", "cites[0]", "secret"]).status == 0)
        #expect(try cli.run(["--db", "a.db", "set", "pub", "title", "Public 2"]).status == 0)
        try cli.write("a.hist.jsonl", try cli.run(["--db", "a.db", "export", "history"]).standardOutput)
        let imported = try cli.run(["--db", "b.db", "import", "--from", "history", "a.hist.jsonl", "--without-source", "secret"])
        #expect(imported.status == 0, "\(imported.standardError)")
        let log = try cli.run(["--db", "b.db", "log", "--all"]).standardOutput
        #expect(!log.contains("cites") && !log.contains("secret"), "\(log)")
        #expect(log.contains("  changed source \"pub\"\n    title: \"Public\" → \"Public 2\"\n\n"), "\(log)")
    }

    @Test("import --from history --without-source: the import's own command and the others are matched by whole words")
    func historyImportWithholdsWholeWords() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "data.jsonl",
            """
            {"record":"source","id":"pub","type":"other","title":"Import","reliability":"C"}
            {"record":"entity","id":"h","type":"organization","name":"H"}

            """)
        #expect(try cli.run(["--db", "w.db", "import", "data.jsonl"]).status == 0)
        try cli.write("more.jsonl", #"{"record":"entity","id":"e","type":"event","name":"E"}"# + "\n")
        #expect(try cli.run(["--db", "w.db", "import", "more.jsonl"]).status == 0)
        try cli.write("public-records.jsonl", try cli.run(["--db", "w.db", "export", "history"]).standardOutput)
        let imported = try cli.run([
            "--db", "bank.db", "import", "--from", "history", "public-records.jsonl", "--without-source", "pub",
            "--author", "pubkeeper",
        ])
        #expect(imported.status == 0, "\(imported.standardError)")
        let log = try cli.run(["--db", "bank.db", "log", "--limit", "0"]).standardOutput
        // A title "Import" does not hide an import that did not touch the source.
        #expect(log.contains("  isnad --db w.db import more.jsonl\n"), "\(log)")
        #expect(
            log.contains(
                "  isnad --db bank.db import --from history public-records.jsonl --without-source withheld-source --author pubkeeper\n"
            ), "\(log)")
    }

    /// A store whose history names an informant's debrief, "debrief-7" (by "Kamāl Nasser", at an
    /// intranet url), and two records that name it still: an entity written "KAMAL NASSER" and
    /// another source at the same url; its history written to `debrief-7.hist`.
    private func historyNamingAWithheldSource() throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        // Added one by one: an import's entry names its records, and holds no line of them.
        #expect(try cli.run(["--db", "w.db", "init"]).status == 0)
        for command in [
            [
                "add", "source", "--id", "debrief-7", "--type", "other", "--title", "Nightjar Debrief", "--source-author",
                "Kamāl Nasser", "--url", "https://intranet.test/nightjar", "--reliability", "B",
            ],
            ["add", "entity", "--type", "person", "--name", "KAMAL NASSER"],
            ["add", "source", "--type", "other", "--title", "Intranet mirror", "--url", "https://intranet.test/nightjar"],
        ] {
            let added = try cli.run(["--db", "w.db"] + command)
            #expect(added.status == 0, "\(added.standardError)")
        }
        try cli.write("debrief-7.hist", try cli.run(["--db", "w.db", "export", "history"]).standardOutput)
        return cli
    }

    /// The fields of `historyNamingAWithheldSource`'s records that still name the source.
    private static let fieldsNamingTheSource =
        #"3 fields: entry 2: entity "kamal-nasser" id, entry 2: entity "kamal-nasser" name, entry 3: source "intranet-mirror" url; "#

    @Test(
        "import --from history --without-source lists the kept records that still name the withheld source, found as copy finds them (case and accents folded), and a file named after it loses the id in the import's own line"
    )
    func historyImportNotesWhatStillNamesTheSource() throws {
        let cli = try historyNamingAWithheldSource()
        let imported = try cli.run([
            "--db", "bank.db", "import", "--from", "history", "debrief-7.hist", "--without-source", "debrief-7",
        ])
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(
            imported.standardError.contains(
                "isnad: note: what the import keeps still names a withheld source (its id, title, author or url) in "
                    + Self.fieldsNamingTheSource
                    + "read them (isnad log): an imported entry is not taken out again, nor undone; isnad import --from history --dry-run lists such fields before an import\n"
            ), "\(imported.standardError)")
        let log = try cli.run(["--db", "bank.db", "log", "--limit", "0"]).standardOutput
        #expect(log.contains("import --from history withheld-source.hist --without-source withheld-source\n"), "\(log)")
        #expect(!log.contains("debrief-7"), "\(log)")
        // The copy's scan of its records finds the same fields: one search for both.
        let copied = try cli.run([
            "copy", "w.db", "copy.db", "--without-source", "debrief-7", "--without-history", "--without-retractions",
        ])
        #expect(copied.status == 0, "\(copied.standardError)")
        #expect(
            copied.standardError.contains(
                "in 3 fields: entity kamal-nasser (id), entity kamal-nasser (name), source intranet-mirror (url); "),
            "\(copied.standardError)")
    }

    @Test(
        "import --from history --dry-run says what the import would append and the notes it would give, and writes nothing: no store made, a store's history left as it was"
    )
    func historyImportDryRun() throws {
        let cli = try historyNamingAWithheldSource()
        let arguments = ["import", "--from", "history", "debrief-7.hist", "--without-source", "debrief-7"]
        // No store: none is made.
        let intoNone = try cli.run(["--db", "bank.db"] + arguments + ["--dry-run"])
        #expect(intoNone.status == 0, "\(intoNone.standardError)")
        #expect(
            intoNone.standardError
                == "withheld 1 source from 2 entries, their command lines with it\n"
                + "isnad: note: what the import would keep still names a withheld source (its id, title, author or url) in "
                + Self.fieldsNamingTheSource
                + "an imported entry is not taken out again, nor undone: to read them whole before an import, import into a new store first (isnad --db scratch.db import --from history …)\n"
                + "would import 3 history entries as entries 1 to 3 (and this import as entry 4); a history holds no records, and this store holds none: its records come from isnad export jsonl, imported as any file; nothing written (--dry-run)\n",
            "\(intoNone.standardError)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("bank.db")))
        // A store with a history: the dry run numbers the entries after its own, and leaves it as it was.
        #expect(try cli.run(["--db", "bank.db", "init"]).status == 0)
        #expect(
            try cli.run(["--db", "bank.db", "add", "entity", "--type", "person", "--name", "Zed", "--id", "zed"]).status == 0)
        let before = try cli.run(["--db", "bank.db", "export", "history"]).outputBytes
        let dry = try cli.run(["--db", "bank.db"] + arguments + ["--dry-run"])
        #expect(dry.status == 0, "\(dry.standardError)")
        #expect(dry.standardError.contains(" in 3 fields: entry 3: entity "), "\(dry.standardError)")
        #expect(
            dry.standardError.hasSuffix(
                "would import 3 history entries as entries 2 to 4 (and this import as entry 5); nothing written (--dry-run)\n"),
            "\(dry.standardError)")
        #expect(try cli.run(["--db", "bank.db", "export", "history"]).outputBytes == before)
        // The import itself then does what the dry run said.
        let imported = try cli.run(["--db", "bank.db"] + arguments)
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(
            imported.standardError.hasSuffix(
                "imported 3 history entries as entries 2 to 4 (isnad log shows them, and this import as entry 5)\n"),
            "\(imported.standardError)")
        // Run again, a dry run finds every entry here already.
        let again = try cli.run(["--db", "bank.db"] + arguments + ["--dry-run"])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(
            again.standardError.hasSuffix(
                "every entry is already in this store's history (3 entries): nothing imported\n"), "\(again.standardError)")
    }

    @Test(
        "import --from history --without-source keeps a refused source out of the entries: its record, its citations, the command lines naming it, and the import's own"
    )
    func historyImportWithholdsASource() throws {
        let cli = try importedStore()
        #expect(try cli.run(["copy", "isnad.db", "b.db"]).status == 0)
        try cli.write("memo.txt", "Interview notes: the smuggler saw the money.\n")
        let source = try cli.run([
            "add", "source", "--id", "secret-man", "--type", "other", "--title", "Talk with a tunnel smuggler",
            "--source-author", "Abu Khaled", "--reliability", "B", "--text-file", "memo.txt", "--author", "rep",
        ])
        #expect(source.status == 0, "\(source.standardError)")
        let claim = try cli.run([
            "add", "claim", "hamas", "praised", "isis", "--source", "secret-man", "--quote", "saw the money",
            "--stance", "asserts", "--credibility", "3", "--author", "rep",
        ])
        #expect(claim.status == 0, "\(claim.standardError)")
        #expect(try cli.run(["set", "hamas", "description", "kept", "--author", "rep"]).status == 0)
        #expect(try cli.run(["undo", "3", "--author", "ed"]).status == 0)
        #expect(try cli.run(["undo", "2", "--author", "ed"]).status == 0)
        try cli.write("a.jsonl", try cli.run(["export", "history"]).standardOutput)

        let mistyped = try cli.run(["--db", "b.db", "import", "--from", "history", "a.jsonl", "--without-source", "secret"])
        #expect(mistyped.status == 65)
        #expect(
            mistyped.standardError
                == "isnad: no entry of the history names a source \"secret\" (--without-source takes a source's id): nothing imported\n",
            "\(mistyped.standardError)")

        let imported = try cli.run([
            "--db", "b.db", "import", "--from", "history", "a.jsonl", "--without-source", "secret-man",
        ])
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(
            imported.standardError.hasPrefix("withheld 1 source from 4 entries, their command lines with it\n"),
            "\(imported.standardError)")
        let history = try cli.run(["--db", "b.db", "export", "history"]).standardOutput
        for name in ["secret-man", "Abu Khaled", "smuggler", "saw the money"] {
            #expect(!history.contains(name), "\(name) in \(history)")
        }
        let log = try cli.run(["--db", "b.db", "log", "--limit", "0"]).standardOutput
        #expect(log.contains("  (command withheld: it named a source withheld on import)\n"), "\(log)")
        // What did not touch it travels whole, and the undos still name what they undid.
        #expect(log.contains("  isnad set hamas description kept --author rep\n"), "\(log)")
        #expect(log.contains(" · ed · undo of entry "), "\(log)")
        #expect(log.contains("import --from history a.jsonl --without-source withheld-source"), "\(log)")
        // Not for records: refused, not ignored.
        let records = try cli.run(["--db", "b.db", "import", "records.jsonl", "--without-source", "secret-man"])
        #expect(records.status == 64)
        #expect(
            records.standardError
                == "isnad: --without-source does not apply to an import of records, only to an import of history (--from history); isnad copy --without-source keeps a source out of a store's records\n(see 'isnad import --help')\n",
            "\(records.standardError)")
    }

    @Test("show marks a record changed by this store's entries only, not by those of another store's history imported")
    func travelledEntriesMarkNothing() throws {
        let cli = try importedStore()
        #expect(try cli.run(["copy", "isnad.db", "b.db"]).status == 0)
        #expect(try cli.run(["set", "hamas", "description", "changed in a"]).status == 0)
        #expect(try cli.run(["--db", "b.db", "set", "isis", "description", "changed in b"]).status == 0)
        #expect(try cli.run(["add", "entity", "--type", "organization", "--name", "Zed", "--id", "zed"]).status == 0)
        #expect(try cli.run(["delete", "zed"]).status == 0)
        try cli.write("a.jsonl", try cli.run(["export", "history"]).standardOutput)
        #expect(try cli.run(["--db", "b.db", "import", "--from", "history", "a.jsonl"]).status == 0)
        let hamas = try cli.run(["--db", "b.db", "show", "hamas"]).standardOutput
        #expect(!hamas.contains("changed: entry"), "\(hamas)")
        #expect(try cli.run(["--db", "b.db", "show", "isis"]).standardOutput.contains("changed: entry 2 (isnad set, "))
        #expect(try cli.run(["show", "hamas"]).standardOutput.contains("changed: entry 2 (isnad set, "))
        // An id another store's history removed was never in this one: unknown here, as any.
        let zed = try cli.run(["--db", "b.db", "set", "zed", "name", "X"])
        #expect(zed.status == 65)
        #expect(zed.standardError.hasPrefix("isnad: no entity, source or claim \"zed\""), "\(zed.standardError)")
    }

    @Test(
        "a plain undo passes over the entries of another store's history to this store's own latest; undo N of one names that"
    )
    func plainUndoPassesOverTravelledEntries() throws {
        let cli = try importedStore()
        #expect(try cli.run(["copy", "isnad.db", "b.db"]).status == 0)
        #expect(try cli.run(["set", "hamas", "description", "A1"]).status == 0)
        try cli.write("a.jsonl", try cli.run(["export", "history"]).standardOutput)
        #expect(try cli.run(["--db", "b.db", "set", "hamas", "description", "B1"]).status == 0)
        let before = try cli.run(["--db", "b.db", "export", "jsonl"]).standardOutput
        #expect(try cli.run(["--db", "b.db", "import", "--from", "history", "a.jsonl"]).status == 0)
        let travelled = try cli.run(["--db", "b.db", "undo", "3"])
        #expect(travelled.status == 65)
        #expect(travelled.standardError.hasSuffix("; this store's own latest change is entry 2: isnad undo 2\n"))
        let plain = try cli.run(["--db", "b.db", "undo"])
        #expect(plain.status == 0, "\(plain.standardError)")
        #expect(plain.standardError.hasPrefix("undid entry 2 (isnad --db b.db set hamas description B1)"))
        #expect(try cli.run(["--db", "b.db", "export", "jsonl"]).standardOutput != before)
        #expect(!(try cli.run(["--db", "b.db", "export", "jsonl"]).standardOutput.contains("B1")))
        // Then the store's import, passing over the undo too.
        let next = try cli.run(["--db", "b.db", "undo", "--author", "ana"])
        #expect(next.status == 0, "\(next.standardError)")
        #expect(next.standardError.hasPrefix("undid entry 1 "), "\(next.standardError)")
    }

    @Test(
        "a history imported again is kept once: the entries already there are left as they are, those added since are appended, an undo of a kept one marks it"
    )
    func historyImportedTwice() throws {
        let cli = try importedStore()
        #expect(try cli.run(["set", "hamas", "description", "changed"]).status == 0)
        try cli.write("h.jsonl", try cli.run(["export", "history"]).standardOutput)
        let fresh = try cli.run(["--db", "other.db", "import", "--from", "history", "h.jsonl"])
        #expect(fresh.status == 0)
        // A store left with no record is told where records come from.
        #expect(
            fresh.standardError.hasSuffix(
                "imported 2 history entries as entries 1 to 2 (isnad log shows them, and this import as entry 3); a history holds no records, and this store holds none: its records come from isnad export jsonl, imported as any file\n"
            ), "\(fresh.standardError)")
        // Only another store's entries: a plain undo has nothing of this store's to take back.
        let undo = try cli.run(["--db", "other.db", "undo"])
        #expect(undo.status == 65)
        #expect(undo.standardError.hasSuffix("; this store has no change of its own to undo\n"), "\(undo.standardError)")
        let again = try cli.run(["--db", "other.db", "import", "--from", "history", "h.jsonl"])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(
            again.standardError == "every entry is already in this store's history (2 entries): nothing imported\n",
            "\(again.standardError)")
        // Its own history, into itself: already there.
        #expect(try cli.run(["import", "--from", "history", "h.jsonl"]).standardError.contains("nothing imported"))
        // Grown since: an undo of the kept set, and one more change.
        #expect(try cli.run(["undo"]).status == 0)
        #expect(try cli.run(["set", "isis", "description", "changed"]).status == 0)
        try cli.write("grown.jsonl", try cli.run(["export", "history"]).standardOutput)
        let grown = try cli.run(["--db", "other.db", "import", "--from", "history", "grown.jsonl"])
        #expect(grown.status == 0, "\(grown.standardError)")
        #expect(
            grown.standardError
                == "imported 2 history entries as entries 4 to 5; 2 entries already in this store's history left as they were (isnad log shows them, and this import as entry 6); a history holds no records, and this store holds none: its records come from isnad export jsonl, imported as any file\n",
            "\(grown.standardError)")
        // One entry kept: its own grammar.
        try cli.write("h1.jsonl", String(decoding: try cli.read("h.jsonl"), as: UTF8.self).split(separator: "\n")[0] + "\n")
        #expect(try cli.run(["--db", "one.db", "import", "--from", "history", "h1.jsonl"]).status == 0)
        let oneKept = try cli.run(["--db", "one.db", "import", "--from", "history", "grown.jsonl"])
        #expect(
            oneKept.standardError.hasPrefix(
                "imported 3 history entries as entries 3 to 5; 1 entry already in this store's history left as it was ("),
            "\(oneKept.standardError)")
        let log = try cli.run(["--db", "other.db", "export", "history"]).standardOutput.split(separator: "\n")
        // Each import is an entry of other.db's own, after the entries it appended.
        #expect(log.count == 6)
        #expect(log[1].contains(#""entry":2,"#) && log[1].contains(#""undone_by":4"#), "\(log)")
        #expect(log[3].contains(#""undoes":2"#), "\(log)")
        #expect(log[2].contains(#""entry":3,"#) && log[2].contains("import --from history h.jsonl"), "\(log)")
        #expect(log[5].contains(#""entry":6,"#) && log[5].contains("import --from history grown.jsonl"), "\(log)")
    }

    @Test(
        "an import of history is an entry of its own, naming who appended which entries from which file; export history keeps the travelled mark, and an import of that export keeps it"
    )
    func importOfHistoryIsRecorded() throws {
        let cli = try importedStore()
        #expect(try cli.run(["set", "hamas", "description", "changed", "--author", "alice"]).status == 0)
        try cli.write("h.jsonl", try cli.run(["export", "history"]).standardOutput)
        #expect(try cli.run(["--db", "b.db", "import", "--from", "history", "h.jsonl", "--author", "mallory"]).status == 0)
        // Whoever appended another store's entries is named, and the entries know it.
        let byMallory = try cli.run(["--db", "b.db", "log", "--author", "mallory"]).standardOutput
        #expect(byMallory.contains("entry 3 · "), "\(byMallory)")
        #expect(byMallory.contains("  isnad --db b.db import --from history h.jsonl --author mallory\n"), "\(byMallory)")
        #expect(byMallory.contains("  appended entries 1 to 2 from another store's history"), "\(byMallory)")
        let hamas = try cli.run(["--db", "b.db", "log", "hamas"]).standardOutput
        #expect(hamas.contains(" · alice · from another store's history, appended by entry 3\n"), "\(hamas)")
        // It changed no record: undo names what it is, and the plain undo passes over it.
        let undo = try cli.run(["--db", "b.db", "undo", "3"])
        #expect(undo.status == 65)
        #expect(
            undo.standardError
                == "isnad: cannot undo entry 3: it is an import of another store's history, which changed no record; the entries it appended (entries 1 to 2) stay in the history, as every entry does\n",
            "\(undo.standardError)")
        #expect(try cli.run(["--db", "b.db", "undo"]).standardError.hasSuffix("this store has no change of its own to undo\n"))
        // Exported, the travelled entries say so and the import's own entry does not; carried on
        // to a third store, the mark stays, and the store's own import is there as an entry.
        try cli.write("b.jsonl", try cli.run(["--db", "b.db", "export", "history"]).standardOutput)
        let lines = String(decoding: try cli.read("b.jsonl"), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].contains(#""undone_by":null,"travelled":true,"records""#), "\(lines)")
        #expect(lines[1].contains(#""travelled":true"#), "\(lines)")
        #expect(!lines[2].contains("travelled"), "\(lines)")
        #expect(try cli.run(["--db", "c.db", "import", "--from", "history", "b.jsonl"]).status == 0)
        let carried = try cli.run(["--db", "c.db", "export", "history"]).standardOutput.split(separator: "\n")
        #expect(carried.count == 4)
        #expect(carried.prefix(3).allSatisfy { $0.contains(#""travelled":true"#) }, "\(carried)")
        #expect(carried[3].contains("import --from history b.jsonl") && !carried[3].contains("travelled"), "\(carried)")
        // A line that gives the mark as anything but a boolean is refused.
        try cli.write(
            "bad.jsonl", String(lines[0]).replacingOccurrences(of: #""travelled":true"#, with: #""travelled":1"#) + "\n")
        let bad = try cli.run(["--db", "d.db", "import", "--from", "history", "bad.jsonl"])
        #expect(bad.status == 65)
        #expect(bad.standardError.contains(#"bad.jsonl:1: "travelled": expected true or false"#), "\(bad.standardError)")
    }

    @Test("an entry longer than the line limit (a large import's) is refused with the option that lets it in, and taken with it")
    func historyLineLimit() throws {
        let cli = try importedStore()
        let history = try cli.run(["export", "history"]).standardOutput
        try cli.write("h.jsonl", history)
        let entryBytes = history.utf8.split(separator: UInt8(ascii: "\n")).first?.count ?? 0
        let refused = try cli.run(["--db", "other.db", "import", "--from", "history", "--max-line-bytes", "100", "h.jsonl"])
        #expect(refused.status == 65)
        #expect(
            refused.standardError.contains(
                "h.jsonl:1: line of \(entryBytes) bytes is longer than the limit of 100 bytes (see --max-line-bytes)"),
            "\(refused.standardError)")
        let taken = try cli.run([
            "--db", "other.db", "import", "--from", "history", "--max-line-bytes", String(entryBytes), "h.jsonl",
        ])
        #expect(taken.status == 0, "\(taken.standardError)")
        // The entry appended, and the import's own.
        #expect(try cli.run(["--db", "other.db", "export", "history"]).standardOutput.split(separator: "\n").count == 2)
    }

    @Test("a history is read a line at a time: from a pipe as from a file, and a line that never ends is given up")
    func historyFromPipes() throws {
        let cli = try importedStore()
        try cli.write("h.jsonl", try cli.run(["export", "history"]).standardOutput)
        let piped = try ExternalTool.run(
            "/bin/sh", ["-c", #"cat h.jsonl | exec "$0" --db other.db import --from history /dev/stdin"#, CLIHarness.binary],
            directory: cli.directory)
        #expect(piped.status == 0, "\(piped.standardError)")
        let endless = try cli.run(["--db", "zero.db", "import", "--from", "history", "/dev/zero"])
        #expect(endless.status == 65)
        #expect(endless.standardError.contains("/dev/zero:1: line is longer than the limit of 16777216 bytes and had not ended"))
    }

    @Test("a history line that is not UTF-8 is refused, not kept with U+FFFD in place of its bytes")
    func historyNotUTF8() throws {
        let cli = try importedStore()
        let line =
            Array(#"{"entry":1,"at":"2026-12-03T16:16:16Z","author":"e"#.utf8) + [0xFF]
            + Array(#"","command":"isnad","undoes":null,"undone_by":null,"records":[]}"#.utf8) + [0x0A]
        try Data(line).write(to: cli.directory.appendingPathComponent("bytes.jsonl"))
        let result = try cli.run(["import", "--from", "history", "bytes.jsonl"])
        #expect(result.status == 65)
        #expect(result.standardError.contains("bytes.jsonl:1: the line is not UTF-8 text"), "\(result.standardError)")
    }

    @Test("log escapes every stored field of an entry, the time and the command too, in a store another program wrote")
    func hostileStoredTime() throws {
        let cli = try importedStore()
        guard let sqlite = ExternalTool.path("sqlite3") else { return }
        let planted = try ExternalTool.run(
            sqlite,
            [
                cli.path("isnad.db"),
                "UPDATE change SET at = at || char(27) || ']52;c;aGk=' || char(7), "
                    + "command = command || char(10) || '  removed claim \"hamas-praised-attack\"'",
            ])
        #expect(planted.status == 0)
        let log = try cli.run(["log"]).standardOutput
        #expect(!log.contains("\u{1B}") && !log.contains("\u{07}"))
        // A line break in the command would forge a line of the entry's own.
        #expect(!log.split(separator: "\n").contains("  removed claim \"hamas-praised-attack\""), "\(log)")
        #expect(log.contains("\\u{1B}]52;c;aGk=\\u{7}") || log.contains("\\u{1B}]52;c;aGk=\\u{07}"), "\(log)")
    }

    @Test("the history tables are readable with SQL: one change row and one row per record")
    func tables() throws {
        let cli = try importedStore()
        #expect(try regrade(cli, to: 4, author: ["--author", "ana"]).status == 0)
        guard let sqlite = ExternalTool.path("sqlite3") else { return }
        let result = try ExternalTool.run(
            sqlite,
            [
                cli.path("isnad.db"),
                "SELECT c.id, c.author, r.action, r.kind, r.record FROM change AS c JOIN change_record AS r ON r.change = c.id WHERE c.id = 2",
            ]
        )
        #expect(result.standardOutput == "2|ana|changed|claim|hamas-praised-attack\n")
    }

    @Test(
        "a plain undo that waits for the store while another change lands takes back neither: it says which to name",
        .enabled(if: ExternalTool.path("python3") != nil, "needs python3 to hold the store's write lock"))
    func undoWhileAnotherLands() throws {
        let cli = try importedStore()
        #expect(try cli.run(["set", "isis", "description", "mine", "--author", "ana"]).status == 0)
        let result = try HistoryCommandTests.undoWhileAnEntryLands(cli)
        #expect(
            result.standardOutput.hasPrefix("65 waiting for another program or process to finish writing to "),
            "\(result.standardOutput)")
        #expect(
            result.standardOutput.contains(
                "isnad: entry 3 (isnad set x) landed while this undo waited for the store: a plain undo takes back the latest change as it was typed (entry 2); nothing changed: isnad undo 2 or isnad undo 3 says which"
            ), "\(result.standardOutput)")
        #expect(try cli.run(["export", "jsonl"]).standardOutput.contains(#""description":"mine""#))
    }

    @Test(
        "a plain undo typed when there was nothing to undo takes back nothing that lands while it waits",
        .enabled(if: ExternalTool.path("python3") != nil, "needs python3 to hold the store's write lock"))
    func undoOfNothingWhileAnotherLands() throws {
        let cli = try importedStore()
        #expect(try cli.run(["undo", "--yes", "--author", "ana"]).status == 0)
        let result = try HistoryCommandTests.undoWhileAnEntryLands(cli)
        #expect(
            result.standardOutput.contains(
                "isnad: entry 3 (isnad set x) landed while this undo waited for the store, when there was nothing to undo: nothing changed; isnad undo 3 takes it back"
            ), "\(result.standardOutput)")
    }

    /// Holds the store's write lock, starts a plain undo by ana (which waits), lands an entry of
    /// hers, lets go: the undo's exit status and standard error.
    static func undoWhileAnEntryLands(_ cli: CLIHarness) throws -> ExternalTool.Result {
        let script = """
            import sqlite3, subprocess, sys, time
            db = sqlite3.connect(sys.argv[2], isolation_level=None)
            db.execute("BEGIN IMMEDIATE")
            undo = subprocess.Popen([sys.argv[1], "--db", sys.argv[2], "undo", "--author", "ana"], stderr=subprocess.PIPE, text=True)
            time.sleep(1.5)
            db.execute("INSERT INTO change (at, author, command) VALUES ('2026-01-01T00:00:00Z', 'ana', 'isnad set x')")
            db.execute("COMMIT")
            print(undo.wait(), undo.stderr.read(), end="")
            """
        return try ExternalTool.run(
            try #require(ExternalTool.path("python3")), ["-c", script, CLIHarness.binary, cli.path("isnad.db")])
    }

    /// Runs `sql` on the store with the `sqlite3` shell: what an earlier Isnad stored, or a line damaged.
    static func plant(_ sql: String, in cli: CLIHarness) throws {
        let shell = try #require(ExternalTool.path("sqlite3"), "the sqlite3 shell plants what an earlier Isnad stored")
        let planted = try ExternalTool.run(shell, [cli.path("isnad.db"), sql])
        #expect(planted.status == 0, "\(planted.standardError)")
    }

    @Test(
        "a value of invisible characters or direction marks alone (an earlier Isnad stored it) is shown as its escapes in log and show, not as \"\" or nothing"
    )
    func invisibleValuesShownEscaped() throws {
        let cli = try importedStore()
        try Self.plant(
            "UPDATE source SET title = char(8207, 8206) WHERE id = 'article'; UPDATE entity_name SET name = char(8203) WHERE entity = 'hamas' AND position = 1",
            in: cli)
        #expect(try cli.run(["set", "article", "title", "Article"]).status == 0)
        let log = try cli.run(["log", "article"]).standardOutput
        #expect(log.contains(#"title: "\u200f\u200e" → "Article""#), "\(log)")
        let show = try cli.run(["show", "hamas"]).standardOutput
        #expect(show.contains(#"ar: "\u200b""#), "\(show)")
    }

    @Test(
        "an entry whose kept record holds text an earlier Isnad took and today's rules refuse (a name of U+200B alone) still undoes, putting it back as kept, and check passes the history; a kept line that is no record says why undo refuses"
    )
    func keptInvisibleTextUndoes() throws {
        let cli = try importedStore()
        try Self.plant("UPDATE entity_name SET name = char(8203) WHERE entity = 'hamas' AND position = 1", in: cli)
        let refused = try cli.run(["check"])
        #expect(
            refused.standardOutput.contains("isnad set or isnad edit corrects it; until then a backup"),
            "\(refused.standardOutput)")
        // The name that shows nothing is written as its escapes, not as "" on a terminal.
        #expect(
            refused.standardOutput.contains(#"aliases[0]: "\u200b" contains the invisible character U+200B"#),
            "\(refused.standardOutput)")
        #expect(try cli.run(["set", "hamas", "aliases[0]", "null"]).status == 0)
        let clean = try cli.run(["check"])
        #expect(clean.status == 0, "\(clean.standardOutput)")
        let undo = try cli.run(["undo"])
        #expect(undo.status == 0, "\(undo.standardError)")
        let shell = try #require(ExternalTool.path("sqlite3"))
        let alias = try ExternalTool.run(
            shell,
            [cli.path("isnad.db"), "SELECT unicode(name), length(name) FROM entity_name WHERE entity = 'hamas' AND position = 1"])
        #expect(alias.standardOutput == "8203|1\n", "put back as kept, not trimmed to nothing")
        #expect(try cli.run(["set", "article", "title", "Another title"]).status == 0)
        try Self.plant(
            "UPDATE change_record SET before = json_set(before, '$.bogus', 1) WHERE change = (SELECT max(id) FROM change)",
            in: cli)
        let unreadable = try cli.run(["undo"])
        #expect(unreadable.status != 0)
        #expect(
            unreadable.standardError.contains("is no longer a valid record (not a record line: bogus: unknown field"),
            "\(unreadable.standardError)")
    }

    @Test(
        "undo --dry-run says what it would take back, is refused as undo is, and writes nothing: the real undo takes the same entry"
    )
    func undoDryRun() throws {
        let cli = try importedStore()
        #expect(try regrade(cli, to: 4, author: ["--author", "ana"]).status == 0)
        let before = try cli.storeState()
        let dry = try cli.run(["undo", "--dry-run", "--author", "ana"])
        #expect(dry.status == 0, "\(dry.standardError)")
        #expect(
            dry.standardError
                == "dry run: would have undone entry 2 (isnad import regrade.jsonl --author ana): 1 record put back as before it; nothing written\n"
        )
        let first = try cli.run(["undo", "1", "--dry-run"])
        let firstReal = try cli.run(["undo", "1"])
        #expect(first.status == 65 && first.standardError == firstReal.standardError)
        #expect(try cli.storeState() == before)
        // The history holds nothing of it: the real undo takes back the same entry, as entry 3.
        let real = try cli.run(["undo", "--author", "ana"])
        #expect(
            real.standardError
                == "undid entry 2 (isnad import regrade.jsonl --author ana): 1 record put back as before it; recorded as entry 3\n"
        )
    }

    @Test("undo --dry-run of an entry of more than 1,000 records is refused without --yes, as undo is (64); with it, says so")
    func largeEntryDryRun() throws {
        let large = try CLIHarness.scoped
        try large.write("many.jsonl", CoreCommandTests.people(1001))
        #expect(try large.run(["import", "many.jsonl"]).status == 0)
        let imported = try large.storeState()
        let told = try large.run(["undo", "--dry-run"])
        let toldReal = try large.run(["undo"])
        #expect(told.status == 64 && told.standardError == toldReal.standardError)
        let confirmed = try large.run(["undo", "--yes", "--dry-run"])
        #expect(confirmed.status == 0)
        #expect(
            confirmed.standardError
                == "dry run: would have undone entry 1 (isnad import many.jsonl): 1001 records it added removed; nothing written\n"
        )
        #expect(try large.storeState() == imported)
    }
}
