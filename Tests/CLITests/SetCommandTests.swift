import Foundation
import TestHelpers
import Testing

/// `isnad set ID FIELD VALUE`, run as the built binary.
@Suite("set end to end", .temporaryStore)
struct SetCommandTests {
    private func importedStore() throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        return cli
    }

    @Test("an empty value is refused (64), saying that null removes an optional field")
    func emptyValue() throws {
        let cli = try importedStore()
        let result = try cli.run(["set", "hamas", "description", ""])
        #expect(result.status == 64)
        #expect(
            result.standardError.hasPrefix("isnad: <value> is empty (null removes an optional field): isnad set "),
            "\(result.standardError)")
    }

    @Test("set ID FIELD - reads the value from standard input, as --quote - does; the history records the -")
    func valueFromStandardInput() throws {
        let cli = try importedStore()
        let result = try cli.run(["set", "hamas-praised-attack", "notes", "-"], input: Data("told by KN at the cafe\n".utf8))
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try cli.run(["export", "jsonl"]).standardOutput.contains(#""notes":"told by KN at the cafe"}"#))
        let log = try cli.run(["log", "--limit", "1"]).standardOutput
        #expect(log.contains("isnad set hamas-praised-attack notes -\n"), "\(log)")
        let empty = try cli.run(["set", "hamas", "description", "-"], input: Data())
        #expect(empty.status == 65)
        #expect(empty.standardError == "isnad: set hamas description -: standard input was empty: nothing changed\n")
    }

    /// Runs `isnad ARGUMENTS` through sh, after `redirection` (`<&-`), or with `pipe` feeding it.
    private func shell(_ cli: CLIHarness, _ arguments: [String], redirection: String = "", pipe: String? = nil) throws
        -> ExternalTool.Result
    {
        let command = (pipe.map { "\($0) | " } ?? "") + #""$0" "$@" "# + redirection
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "ISNAD_DB")
        return try ExternalTool.run(
            "/bin/sh", ["-c", command, CLIHarness.binary] + arguments, directory: cli.directory, environment: environment)
    }

    @Test(
        "a value read from standard input that the record refuses is bad input data (65), named as typed; more than 16 MiB is refused without reading the rest; a closed standard input is said (66)"
    )
    func badValueFromStandardInput() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let refused: [(field: String, input: [UInt8], message: String)] = [
            (
                "name", Array(String(repeating: "x", count: 600).utf8),
                "set hamas name -: 600 characters, more than the 500 a name may have"
            ),
            ("description", Array("a\u{0}b".utf8), "set hamas description -: contains the control character U+0000"),
            ("description", [0x61, 0xC3], "set hamas description -: standard input is not UTF-8 text"),
            (
                "description", Array(repeating: 0x61, count: (16 << 20) + 1),
                "set hamas description -: standard input holds more than 16 MiB (16777216 bytes)"
            ),
        ]
        for (field, input, message) in refused {
            let result = try cli.run(["set", "hamas", field, "-"], input: Data(input))
            #expect(result.status == 65, "\(field): \(result.standardError)")
            #expect(result.standardError.hasPrefix("isnad: \(message)"), "\(result.standardError)")
            #expect(!result.standardError.contains("(see 'isnad set --help')"))
        }
        let grade = try cli.run(["set", "hamas-praised-attack", "citations[0].credibility", "-"], input: Data("9".utf8))
        #expect(grade.status == 65, "\(grade.standardError)")
        #expect(
            grade.standardError
                == "isnad: set hamas-praised-attack citations[0].credibility -: expected a grade from 1 to 6, got \"9\"\n")
        // Typed on the command line, the same value is a usage error still.
        #expect(try cli.run(["set", "hamas", "name", String(repeating: "x", count: 600)]).status == 64)
        // Endless input: read up to the bound, not until memory runs out.
        let endless = try shell(cli, ["set", "hamas", "description", "-"], pipe: "yes")
        #expect(endless.status == 65, "\(endless.standardError)")
        #expect(endless.standardError.contains("standard input holds more than 16 MiB"))
        let closed = try shell(cli, ["set", "hamas", "description", "-"], redirection: "<&-")
        #expect(closed.status == 66)
        #expect(closed.standardError == "isnad: set hamas description -: standard input is closed (<&-): nothing to read\n")
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }

    @Test("set changes one field, shows in log field by field, and undo restores the store byte for byte")
    func setAndUndo() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let result = try cli.run(["set", "hamas-praised-attack", "citations[0].credibility", "4", "--author", "ana"])
        #expect(result.status == 0, "\(result.standardError)")
        // The path counts from 0, the message names the citation as messages count it, from 1.
        #expect(
            result.standardError
                == "set citations[0].credibility of claim \"hamas-praised-attack\" (citation 1: article) (history entry 2)\n")
        #expect(try cli.run(["log", "hamas-praised-attack"]).standardOutput.contains("    citations[0].credibility: 2 → 4\n"))
        #expect(try cli.run(["set", "article", "reliability", "D"]).status == 0)
        #expect(try cli.run(["set", "hamas", "description", "a movement"]).status == 0)
        #expect(try cli.run(["set", "hamas", "description", "null"]).status == 0)
        for _ in 0..<3 { #expect(try cli.run(["undo"]).status == 0) }
        #expect(try cli.run(["undo", "--author", "ana"]).status == 0)
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }

    @Test("set citations[N] null names the citation it took out, not the one that took its place")
    func citationTakenOut() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "records.jsonl",
            CoreCommandTests.records
                + """
                {"record":"claim","id":"two","subject":"hamas","predicate":"praised","object":"isis","citations":[{"source":"article","quote":"one","stance":"asserts","credibility":2,"locator":"unverified: test"},{"source":"police","via":"article","quote":"two","stance":"reports","credibility":3,"locator":"unverified: test"}]}

                """)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let first = try cli.run(["set", "two", "citations[0]", "null"])
        #expect(
            first.standardError
                == "set citations[0] of claim \"two\" (took out citation 1: article; those after it are numbered one less) (history entry 2)\n"
        )
        #expect(try cli.run(["undo"]).status == 0)
        let last = try cli.run(["set", "two", "citations[1]", "null"])
        #expect(
            last.standardError
                == "set citations[1] of claim \"two\" (took out citation 2: police via article) (history entry 4)\n")
    }

    @Test(
        "set and edit hold a changed quote to its source's text as add claim does; a locator isnad wrote follows it; a new text that loses quotes is said"
    )
    func changedQuoteStandsInItsText() throws {
        let cli = try importedStore()
        let text = "سطر أول\nباركت حماس العملية\nاعلان تنظيم داعش مسؤوليته\nقالت الشرطة"
        #expect(try cli.run(["set", "article", "text", text]).status == 0)
        #expect(try cli.run(["set", "hamas-praised-attack", "citations[0].locator", "line 2"]).status == 0)
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let missing = try cli.run(["set", "hamas-praised-attack", "citations[0].quote", "هنأت"])
        #expect(missing.status == 65)
        #expect(
            missing.standardError
                == "isnad: citations[0]: its quote is not in the text of source \"article\", where it is read (word for word; change the quote and its source together in isnad edit, or give the citation a locator \"unverified: REASON\")\n"
        )
        // Partly there: the message says how much of its start the text has, and what differs.
        let partly = try cli.run(["set", "hamas-praised-attack", "citations[0].quote", "باركت حماس الهجوم"])
        #expect(partly.status == 65)
        #expect(
            partly.standardError.hasSuffix(
                "unverified: REASON\"): the text has \"باركت حماس\" (line 2) from the start of the quote; then the quote has \"الهجوم\" where the text has \"العملية\"\n"
            ), "\(partly.standardError)")
        // Read in the article (its via), the police's words must stand in the article's text too.
        #expect(try cli.run(["set", "isis-claimed-attack", "citations[0].quote", "هنأت"]).status == 65)
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)

        // Found on another line: the locator isnad wrote moves with the quote; the analyst's own stays.
        let moved = try cli.run(["set", "hamas-praised-attack", "citations[0].quote", "قالت الشرطة"])
        #expect(moved.status == 0)
        #expect(
            moved.standardError
                == "set citations[0].quote of claim \"hamas-praised-attack\" (citation 1: article; its translation (quote_en) is the old words': set it too if it no longer fits) (history entry 4)\n"
        )
        #expect(
            try cli.run(["export", "jsonl"]).standardOutput.contains(
                #""quote":"قالت الشرطة","quote_en":"blessed","stance":"asserts","credibility":2,"locator":"line 4""#))
        #expect(try cli.run(["set", "hamas-praised-attack", "citations[0].locator", "para. 4"]).status == 0)
        #expect(try cli.run(["set", "hamas-praised-attack", "citations[0].quote", "باركت حماس"]).status == 0)
        #expect(try cli.run(["export", "jsonl"]).standardOutput.contains(#""locator":"para. 4""#))
        // A locator that says why the words are not the text's lets them in, as --unverified does.
        #expect(try cli.run(["set", "hamas-praised-attack", "citations[0].locator", "unverified: my transcription"]).status == 0)
        #expect(try cli.run(["set", "hamas-praised-attack", "citations[0].quote", "هنأت"]).status == 0)
        #expect(try cli.run(["check"]).status == 0)

        // edit reopens the record with the same error, and the store keeps what it had.
        let kept = try cli.run(["export", "jsonl"]).outputBytes
        let script = try cli.write(
            "editor.sh", #"sed -i 's/"quote": "اعلان تنظيم داعش مسؤوليته"/"quote": "تبنى"/' "$1"; cp "$1" last.json"#)
        #expect(try cli.run(["edit", "isis-claimed-attack"], environment: ["EDITOR": "sh \(script)", "VISUAL": ""]).status != 0)
        #expect(
            String(decoding: try cli.read("last.json"), as: UTF8.self).contains(
                "# error: citations[0]: its quote is not in the text of source \"article\", where it is read"))
        #expect(try cli.run(["export", "jsonl"]).outputBytes == kept)

        // Another claimant of words read in the same via: nothing to look for again, the locator stays.
        try cli.write(
            "wire.jsonl", #"{"record":"source","id":"wire","type":"news-article","title":"Wire","reliability":"C"}"# + "\n")
        #expect(try cli.run(["import", "wire.jsonl"]).status == 0)
        #expect(try cli.run(["set", "isis-claimed-attack", "citations[0].locator", "line 3"]).status == 0)
        #expect(try cli.run(["set", "isis-claimed-attack", "citations[0].source", "wire"]).status == 0)
        #expect(
            try cli.run(["export", "jsonl"]).standardOutput.contains(
                #""source":"wire","via":"article","quote":"اعلان تنظيم داعش مسؤوليته","quote_en":"ISIS announced its responsibility","stance":"asserts","credibility":2,"locator":"line 3""#
            ))
        #expect(try cli.run(["set", "isis-claimed-attack", "citations[0].source", "police"]).status == 0)
        // A text corrected is the analyst's to make: the change is made, and the quotes it loses are said.
        let corrected = try cli.run(["set", "article", "text", "سطر أول"])
        #expect(corrected.status == 0)
        #expect(
            corrected.standardError.hasSuffix(
                ")\nisnad: the quote of claim \"isis-claimed-attack\" citation 1 is no longer in the text of source \"article\": isnad check lists it\n"
            ), "\(corrected.standardError)")
        #expect(try cli.run(["check"]).status == 65)
        // A text taken away: nothing checks the quotes found in it any more, and that is said.
        #expect(try cli.run(["set", "article", "text", text]).status == 0)
        let removed = try cli.run(["set", "article", "text", "null"])
        #expect(
            removed.standardError.hasSuffix(
                "isnad: the quote of claim \"isis-claimed-attack\" citation 1 was found in the text source \"article\" no longer has: nothing checks it now\n"
            ), "\(removed.standardError)")
    }

    @Test(
        "set refuses to retract a standing claim's last standing citation, as retract and an import refuse it; the store is unchanged"
    )
    func lastStandingCitation() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes
        let claim = try #require(
            String(decoding: before, as: UTF8.self).split(separator: "\n").first {
                $0.contains(#""record":"claim""#) && $0.components(separatedBy: #""source":"#).count == 2
            })
        let id = try #require(claim.components(separatedBy: #""id":""#).dropFirst().first?.split(separator: "\"").first)
        let result = try cli.run(["set", String(id), "citations[0].retracted", "by set"])
        #expect(result.status == 65)
        #expect(
            result.standardError
                == "isnad: citations: every citation of the claim would be retracted while the claim stands: retract the claim itself (isnad retract \(id)) or leave a citation standing\n"
        )
        #expect(try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes == before)
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test("set, add and import take a name or alias without the spaces around it: check stays clean")
    func namesTrimmed() throws {
        let cli = try importedStore()
        #expect(try cli.run(["set", "hamas", "name", " Hamas movement "]).status == 0)
        #expect(try cli.run(["add", "entity", "--type", "person", "--name", " Spaced "]).status == 0)
        try cli.write(
            "spaced.jsonl",
            #"{"record":"entity","id":"sp","type":"person","name":" Sp ","aliases":[{"name":" al ","lang":"en"}]}"# + "\n")
        #expect(try cli.run(["import", "spaced.jsonl"]).status == 0)
        let records = try cli.run(["export", "jsonl"]).standardOutput
        #expect(records.contains(#""name":"Hamas movement""#), "\(records)")
        #expect(records.contains(#""id":"spaced","type":"person","name":"Spaced""#), "\(records)")
        #expect(records.contains(#""name":"Sp","aliases":[{"name":"al","lang":"en"}]"#), "\(records)")
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test(
        "add, set, edit and undo refuse a cites that makes a chain deeper than weighing follows (100 steps), as an import does; the store keeps its chains"
    )
    func citesTooDeepRefused() throws {
        let cli = try CLIHarness.scoped
        // r99 → … → r0: 99 steps of cites.
        let chain = (0...99).map { index in
            let cites = index == 0 ? "" : #","cites":["r\#(index - 1)"]"#
            return #"{"record":"source","id":"r\#(index)","type":"other","title":"Relay","reliability":"C"\#(cites)}"#
        }
        try cli.write("chain.jsonl", chain.joined(separator: "\n") + "\n")
        #expect(try cli.run(["import", "chain.jsonl"]).status == 0)
        for id in ["x", "y"] {
            #expect(
                try cli.run(["add", "source", "--id", id, "--type", "other", "--title", id, "--reliability", "C"]).status == 0)
        }
        #expect(try cli.run(["set", "r0", "cites[0]", "x"]).status == 0)  // 100 steps: at the limit
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let limit = "weighing follows a chain 100 steps at most (a real chain of relays has a handful of links)"
        let added = try cli.run(["add", "source", "--id", "r100", "--type", "other", "--title", "t", "--cites", "r99"])
        #expect(added.status == 65)
        #expect(
            added.standardError
                == "isnad: cites: would make a chain of transmission 101 cites steps deep (r100 → r99 → r98 → r97 → r96 → r95 → … (93 more) … → r1 → r0 → x): \(limit)\n"
        )
        let set = try cli.run(["set", "x", "cites[0]", "y"])
        #expect(set.status == 65)
        #expect(
            set.standardError
                == "isnad: cites: would make a chain of transmission 101 cites steps deep (r99 → r98 → r97 → r96 → r95 → r94 → … (93 more) … → r0 → x → y): \(limit)\n"
        )
        let script = try cli.write(
            "editor.sh",
            #"grep -q '"cites"' "$1" || sed -i 's/"reliability": "C"/"reliability": "C", "cites": ["y"]/' "$1"; cp "$1" last.json"#
        )
        let edited = try cli.run(["edit", "x"], environment: ["EDITOR": "sh \(script)", "VISUAL": ""])
        #expect(edited.status != 0)
        #expect(
            String(decoding: try cli.read("last.json"), as: UTF8.self).contains(
                "# error: cites: would make a chain of transmission 101 cites steps deep"))
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        // Nor does undo put back a cites that a later change made too deep: r0 → x taken out
        // (entry 5), x → y (entry 6), then entry 5 undone.
        #expect(try cli.run(["set", "r0", "cites[0]", "null"]).status == 0)
        #expect(try cli.run(["set", "x", "cites[0]", "y"]).status == 0)
        let undo = try cli.run(["undo", "5"])
        #expect(undo.status == 65)
        #expect(
            undo.standardError
                == "isnad: cannot undo entry 5: the source it would put back would make a chain of transmission 101 cites steps deep (r99 → r98 → r97 → r96 → r95 → r94 → … (93 more) … → r0 → x → y): \(limit); change the cites first (isnad set)\n"
        )
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test("set and edit refuse a cites that closes a cycle, as an import does; the store keeps its chains")
    func citesCycleRefused() throws {
        let cli = try importedStore()
        #expect(try cli.run(["set", "article", "cites[0]", "police"]).status == 0)
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let result = try cli.run(["set", "police", "cites[0]", "article"])
        #expect(result.status == 65)
        #expect(
            result.standardError
                == "isnad: cites: cites itself through police → article → police (a source cannot relay what relays it)\n")
        // The editor adds the cites once; reopened with the error, it saves it unchanged, and edit gives up.
        let script = try cli.write(
            "editor.sh",
            #"grep -q '"cites"' "$1" || sed -i 's/"reliability": "B"/"reliability": "B", "cites": ["article"]/' "$1"; cp "$1" last.json"#
        )
        let edited = try cli.run(["edit", "police"], environment: ["EDITOR": "sh \(script)", "VISUAL": ""])
        #expect(edited.status != 0)
        #expect(
            String(decoding: try cli.read("last.json"), as: UTF8.self).contains(
                "# error: cites: cites itself through police → article → police"))
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        #expect(try cli.run(["check"]).status == 0)
        // Nor does undo put back a cites that a later change turned into a cycle.
        #expect(try cli.run(["set", "article", "cites[0]", "null"]).status == 0)
        #expect(try cli.run(["set", "police", "cites[0]", "article"]).status == 0)
        let undo = try cli.run(["undo", "3"])
        #expect(undo.status == 65)
        #expect(
            undo.standardError
                == "isnad: cannot undo entry 3: the source it would put back cites itself through article → police → article (a source cannot relay what relays it); change the cites first (isnad set)\n"
        )
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test(
        "undo checks for a cycle only the sources whose cites it changes: a cycle another program made does not block it",
        .enabled(if: ExternalTool.path("sqlite3") != nil, "needs the sqlite3 shell (apt: sqlite3) to make the cycle"))
    func undoAroundAnotherProgramsCycle() throws {
        let cli = try importedStore()
        #expect(try cli.run(["set", "article", "cites[0]", "police"]).status == 0)
        #expect(try cli.run(["set", "article", "title", "Article 2"]).status == 0)
        // Another program closes the cycle behind isnad's back; check says so.
        let sqlite3 = try #require(ExternalTool.path("sqlite3"))
        let planted = try ExternalTool.run(
            sqlite3, [cli.path("isnad.db"), "INSERT INTO source_cites VALUES ('police', 0, 'article')"])
        #expect(planted.status == 0, "\(planted.standardError)")
        #expect(try cli.run(["check"]).status == 65)
        // Taking back the title puts article's cites back unchanged: not refused.
        let undone = try cli.run(["undo"])
        #expect(undone.status == 0, "\(undone.standardError)")
        #expect(
            try cli.run(["export", "jsonl"]).standardOutput.contains(
                #""id":"article","type":"opinion-article","title":"Article""#))
    }

    @Test("set warns of a date that cannot be right with the others, as check says it, and sets it all the same")
    func datesWarnedOf() throws {
        let cli = try importedStore()
        // Dated before the claim it alone makes public, the claim starts after every source.
        let earlier = try cli.run(["set", "police", "published", "2021"])
        #expect(earlier.status == 0)
        #expect(
            earlier.standardError
                == """
                set published of source "police" (history entry 2)
                isnad: warning: claim "isis-claimed-attack": starts 2022-03-27, after every source that speaks of it was public (the latest 2021): its start, or a source's date, is wrong (isnad set isis-claimed-attack start …)

                """)
        let later = try cli.run(["set", "police", "published", "2999"])
        #expect(later.status == 0)
        #expect(
            later.standardError == """
                set published of source "police" (history entry 3)
                isnad: warning: source "police": published 2999, after today (\(AddCommandTests.today) in UTC+14, where the day comes first): a date to come is a mistake
                isnad: warning: source "article": published 2022-03, relays police, published 2999: one of the two dates is wrong (isnad set article published …)

                """, "\(later.standardError)")
        // A field that dates nothing says nothing of the conflict it did not bring.
        #expect(
            try cli.run(["set", "police", "title", "The police"]).standardError
                == "set title of source \"police\" (history entry 4)\n")
        #expect(
            try cli.run(["set", "police", "published", "2022-03-27"]).standardError
                == "set published of source \"police\" (history entry 5)\n")
    }

    @Test("digits typed on an Arabic keyboard are read as digits in dates and numbers, kept as typed in text")
    func arabicIndicDigits() throws {
        let cli = try importedStore()
        #expect(try cli.run(["set", "hamas-praised-attack", "start", "٢٠٢٢-٠٣"]).status == 0)
        #expect(try cli.run(["set", "hamas-praised-attack", "citations[0].credibility", "٤"]).status == 0)
        #expect(try cli.run(["set", "article", "published", "۲۰۲۲"]).status == 0)
        #expect(try cli.run(["set", "hamas", "description", "٢٠٢٢"]).status == 0)
        let export = try cli.run(["export", "jsonl"]).standardOutput
        #expect(export.contains(#""start":"2022-03""#))
        #expect(export.contains(#""credibility":4"#))
        #expect(export.contains(#""published":"2022""#))
        #expect(export.contains(#""description":"٢٠٢٢""#))
    }

    @Test("show marks an edited claim and entity with the entries that changed them, the latest three")
    func marks() throws {
        let cli = try importedStore()
        for credibility in ["3", "4", "5", "6"] {
            #expect(
                try cli.run(["set", "hamas-praised-attack", "citations[0].credibility", credibility, "--author", "bilal"]).status
                    == 0)
        }
        #expect(try cli.run(["set", "hamas", "description", "a movement", "--author", "ana"]).status == 0)
        let show = try cli.run(["show", "hamas"]).standardOutput
        let day = String(try cli.run(["log"]).standardOutput.split(separator: " ")[3].prefix(10))
        #expect(show.contains("\n  changed: entry 6 (isnad set, ana, \(day) UTC)\n"))
        #expect(
            show.contains(
                "[hamas-praised-attack]\n      changed: 1 earlier · entry 3 (isnad set, bilal, \(day) UTC) · entry 4 (isnad set, bilal, \(day) UTC) · entry 5 (isnad set, bilal, \(day) UTC)\n"
            ))
        // A source regraded says so beside its grade: every claim it makes is weighed anew.
        #expect(try cli.run(["set", "article", "reliability", "D", "--author", "ana"]).status == 0)
        let source = try cli.run(["source", "article"]).standardOutput
        #expect(source.contains("\n  changed: entry 7 (isnad set, ana, "), "\(source)")
    }

    @Test("a retracted claim keeps its ends too: restored, it would speak of another relationship with the old quotes")
    func retractedClaimKeepsItsEnds() throws {
        let cli = try importedStore()
        #expect(try cli.run(["retract", "hamas-praised-attack", "--reason", "wrong"]).status == 0)
        let result = try cli.run(["set", "hamas-praised-attack", "subject", "isis"])
        #expect(result.status == 65)
        #expect(result.standardError.hasPrefix("isnad: subject: a claim keeps its subject, predicate and object"))
    }

    @Test("an item of a list of ids is set whole, or taken out with null")
    func idListItem() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "records.jsonl",
            CoreCommandTests.records
                + #"{"record":"source","id":"relay","type":"other","title":"Relay","reliability":"C","cites":["article"]}"#
                + "\n")
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        #expect(try cli.run(["set", "relay", "cites[0]", "police"]).status == 0)
        #expect(
            try cli.run(["export", "jsonl"]).standardOutput.contains(
                #""id":"relay","type":"other","title":"Relay","reliability":"C","cites":["police"]"#))
        let missing = try cli.run(["set", "relay", "cites[0]", "nowhere"])
        #expect(missing.status == 65)
        #expect(missing.standardError == "isnad: source \"relay\" would name source \"nowhere\", which is not in the store\n")
        #expect(try cli.run(["set", "relay", "cites[0]", "null"]).status == 0)
        #expect(!(try cli.run(["export", "jsonl"]).standardOutput.contains(#""cites":["#)))
    }

    @Test("an id that an entity and a source share is changed, edited or deleted only once --kind says which")
    func sharedID() throws {
        let cli = try importedStore()
        // The title makes the id of the entity Hamas: a movement's own statements as a source.
        #expect(try cli.run(["add", "source", "--type", "statement", "--title", "Hamas"]).standardOutput == "hamas\n")
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let ambiguous = "\"hamas\" is the id of an entity and a source: say which with --kind entity or --kind source"
        for arguments in [["set", "hamas", "reliability", "B"], ["edit", "hamas"], ["delete", "hamas"]] {
            let result = try cli.run(arguments, environment: ["EDITOR": "true"])
            #expect(result.status == 64)
            #expect(result.standardError.hasPrefix("isnad: " + ambiguous + "\n"), "\(result.standardError)")
        }
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        let set = try cli.run(["set", "hamas", "reliability", "B", "--kind", "source"])
        #expect(set.standardError == "set reliability of source \"hamas\" (history entry 3)\n")
        #expect(try cli.run(["set", "hamas", "description", "a movement", "--kind", "entity"]).status == 0)
        let claim = try cli.run(["set", "hamas", "description", "x", "--kind", "claim"])
        #expect((claim.status, claim.standardError) == (65, "isnad: no claim \"hamas\"\n"))
        let deleteClaim = try cli.run(["delete", "hamas", "--kind", "claim"])
        #expect(deleteClaim.status == 64)
        #expect(deleteClaim.standardError.hasPrefix("isnad: --kind: delete takes entity or source\n"))
        #expect(
            try cli.run(["delete", "--help"]).standardOutput.contains(
                "--kind <kind>             entity or source: which record, when an entity and a source share the id."))
        let delete = try cli.run(["delete", "hamas", "--kind", "source"])
        #expect(
            delete.standardError == "deleted source \"hamas\" (history entry 5)\n"
                + "isnad: note: the store's history still holds \"hamas\" (isnad log hamas); isnad copy --without-history --without-retractions makes a copy without it to hand on\n"
        )
        // One record left with the id: no --kind needed.
        #expect(try cli.run(["set", "hamas", "description", "null"]).status == 0)
    }

    @Test("an alias is set, added one past the last, and taken out whole, as LANG:NAME")
    func aliases() throws {
        let cli = try importedStore()
        #expect(try cli.run(["set", "hamas", "aliases[2]", "en:Hamas movement"]).status == 0)
        var record = try cli.run(["export", "jsonl"]).standardOutput
        #expect(record.contains(#"{"name":"Islamic Resistance Movement","lang":"en"},{"name":"Hamas movement","lang":"en"}]"#))
        #expect(try cli.run(["set", "hamas", "aliases[2]", "ar:حركة حماس"]).status == 0)
        record = try cli.run(["export", "jsonl"]).standardOutput
        #expect(record.contains(#"{"name":"حركة حماس","lang":"ar"}]"#))
        #expect(try cli.run(["set", "hamas", "aliases[2]", "null"]).status == 0)
        #expect(!(try cli.run(["export", "jsonl"]).standardOutput.contains("حركة حماس")))
        let far = try cli.run(["set", "hamas", "aliases[7]", "en:X"])
        #expect(far.status == 65)
        #expect(far.standardError == "isnad: aliases[7]: entity \"hamas\" has 2 aliases, no [7] (aliases[2] adds one)\n")
        // Only a list set whole grows by one past its end.
        let citation = try cli.run(["set", "hamas-praised-attack", "citations[1]", "x"])
        #expect(citation.standardError == "isnad: citations[1]: claim \"hamas-praised-attack\" has 1 citations, no [1]\n")
        let bare = try cli.run(["set", "hamas", "aliases[1]", "Hamas"])
        #expect(bare.status == 64)
        #expect(bare.standardError.hasPrefix("isnad: aliases[1]: an alias is LANG:NAME (ar:حماس), got \"Hamas\"\n"))
    }

    @Test("set refuses a bad grade in the words add and the filters use, and reads a grade as they do")
    func gradesAsAddReadsThem() throws {
        let cli = try importedStore()
        func refusal(_ arguments: [String]) throws -> Substring {
            let run = try cli.run(arguments)
            #expect(run.status == 64)
            // After the field's or option's name.
            return run.standardError.dropFirst("isnad: ".count).drop { $0 != ":" }.dropFirst().prefix { $0 != "\n" }
        }
        let setReliability = try refusal(["set", "article", "reliability", "G"])
        #expect(setReliability == #" expected a grade from A to F, got "G""#)
        #expect(try refusal(["add", "source", "--type", "statement", "--title", "X", "--reliability", "G"]) == setReliability)
        #expect(try refusal(["claims", "--min-reliability", "G"]) == setReliability)
        let setCredibility = try refusal(["set", "hamas-praised-attack", "citations[0].credibility", "7"])
        #expect(setCredibility == #" expected a grade from 1 to 6, got "7""#)
        #expect(
            try refusal([
                "add", "claim", "hamas", "praised", "hadera-attack", "--source", "article", "--quote", "q", "--stance", "asserts",
                "--credibility", "7",
            ]) == setCredibility)
        #expect(try cli.run(["set", "article", "reliability", "d"]).status == 0)
        #expect(try cli.run(["set", "hamas-praised-attack", "citations[0].credibility", "٣"]).status == 0)
        let record = try cli.run(["export", "jsonl"]).standardOutput
        #expect(record.contains(#""reliability":"D""#) && record.contains(#""credibility":3"#), "\(record)")
    }

    @Test("setting a field to its value changes nothing and writes no entry")
    func unchanged() throws {
        let cli = try importedStore()
        let result = try cli.run(["set", "hamas", "name", "Hamas"])
        #expect(result.standardError == "set name of entity \"hamas\": unchanged\n")
        #expect(!(try cli.run(["log"]).standardOutput.contains("entry 2")))
    }

    @Test(
        "set refuses bad input, each with its own message, and changes nothing",
        arguments: [
            (["set", "hamass", "name", "X"], 65, "isnad: no entity, source or claim \"hamass\" (did you mean \"hamas\"?)\n"),
            (
                ["set", "حماس", "name", "X"], 65,
                "isnad: no entity, source or claim has the id \"حماس\": set takes an id, and that is a name of entity hamas\n"
            ),
            (
                ["set", "hamas", "id", "x"], 64,
                "isnad: set does not change id: isnad rename gives a record another id (isnad merge joins two entities)\n(see 'isnad set --help')\n"
            ),
            (
                ["set", "hamas", "na me", "x"], 64,
                "isnad: field \"na me\": expected a path such as name or citations[0].credibility\n(see 'isnad set --help')\n"
            ),
            (
                ["set", "hamas", "type", "persn"], 64,
                "isnad: type: \"persn\" is not one of person, organization, event, place (did you mean \"person\"?)\n(see 'isnad set --help')\n"
            ),
            (["set", "hamas", "type", "event"], 65, nil),
            (["set", "hamas", "colour", "green"], 64, "isnad: colour: unknown field\n(see 'isnad set --help')\n"),
            (
                ["set", "article", "reliability", "G"], 64,
                "isnad: reliability: expected a grade from A to F, got \"G\"\n(see 'isnad set --help')\n"
            ),
            (
                ["set", "hamas-praised-attack", "citations[0].credibility", "two"], 64,
                "isnad: citations[0].credibility: expected a grade from 1 to 6, got \"two\"\n(see 'isnad set --help')\n"
            ),
            (
                ["set", "hamas-praised-attack", "citations[5].quote", "q"], 65,
                "isnad: citations[5].quote: claim \"hamas-praised-attack\" has 1 citations, no [5]\n"
            ),
            (
                ["set", "hamas-praised-attack", "citations[0].source", "nowhere"], 65,
                "isnad: claim \"hamas-praised-attack\" would name source \"nowhere\", which is not in the store\n"
            ),
            (
                ["set", "hamas-praised-attack", "subject", "isis"], 65,
                "isnad: subject: a claim keeps its subject, predicate and object (its citations speak of that relationship): retract it (isnad retract) and add the new one\n"
            ),
            (
                // The object as the new subject: the rule that is broken is that a claim keeps its ends,
                // not that a claim links two entities.
                ["set", "hamas-praised-attack", "subject", "hadera-attack"], 65,
                "isnad: subject: a claim keeps its subject, predicate and object (its citations speak of that relationship): retract it (isnad retract) and add the new one\n"
            ),
            (
                ["set", "hamas-praised-attack", "predicate", "claimed_responsibility_for"], 65,
                "isnad: predicate: a claim keeps its subject, predicate and object (its citations speak of that relationship): retract it (isnad retract) and add the new one\n"
            ),
            (
                ["set", "hamas-praised-attack", "citations[0]", "x"], 65,
                "isnad: citations[0]: set one of its fields, as citations[0].FIELD\n"
            ),
        ] as [([String], Int32, String?)])
    func badSet(arguments: [String], status: Int32, message: String?) throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let result = try cli.run(arguments)
        #expect(result.status == status, "\(result.standardError)")
        if let message {
            #expect(result.standardError == message)
        } else {
            #expect(result.standardError.hasPrefix("isnad: type: the new type breaks claim"))
        }
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }

    @Test("--dry-run says what set would change, or that it changes nothing, refuses what set refuses, and writes nothing")
    func dryRun() throws {
        let cli = try importedStore()
        let before = try cli.storeState()
        let dry = try cli.run(["set", "hamas-praised-attack", "citations[0].credibility", "4", "--dry-run"])
        #expect(dry.status == 0 && dry.standardOutput.isEmpty, "\(dry.standardError)")
        #expect(
            dry.standardError
                == "dry run: would have set citations[0].credibility of claim \"hamas-praised-attack\" (citation 1: article); nothing written\n"
        )
        let same = try cli.run(["set", "hamas", "name", "Hamas", "--dry-run"])
        #expect(same.standardError == "dry run: set name of entity \"hamas\": unchanged; nothing written\n")
        // A refusal is the real run's, word for word and exit code.
        for refused in [["set", "hamas", "name", ""], ["set", "hamass", "name", "X"], ["set", "hamas", "id", "x"]] {
            let real = try cli.run(refused)
            let dryRefused = try cli.run(refused + ["--dry-run"])
            #expect(real.status != 0 && dryRefused.status == real.status)
            #expect(dryRefused.standardError == real.standardError)
        }
        #expect(try cli.storeState() == before)
        // The entry a dry run would have made is no entry: the real run takes its number.
        let real = try cli.run(["set", "hamas-praised-attack", "citations[0].credibility", "4"])
        #expect(real.standardError.hasSuffix("(history entry 2)\n"), "\(real.standardError)")
    }

    /// A claim of "art" citing one passage twice: asserted, and reported in words holding it.
    static let onePassageTwice = """
        {"record":"entity","id":"a","type":"organization","name":"Alpha"}
        {"record":"entity","id":"b","type":"organization","name":"Beta"}
        {"record":"source","id":"art","type":"opinion-article","title":"Art","published":"2022-03","lang":"en","reliability":"C"}
        {"record":"claim","id":"c1","subject":"a","predicate":"praised","object":"b","citations":[{"source":"art","quote":"Alpha praised Beta","stance":"asserts","credibility":3},{"source":"art","quote":"It is false that Alpha praised Beta","stance":"reports","credibility":3}]}

        """

    @Test(
        "set that would make one passage of one claimant cite the claim and deny it is refused (65) in one line, as an import refuses it, and nothing is written; a claim that held such a pair already is not stopped from another change"
    )
    func selfDisputeRefused() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", Self.onePassageTwice)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let refused = try cli.run(["set", "c1", "citations[1].stance", "denies"])
        #expect(refused.status == 65)
        #expect(
            refused.standardError
                == "isnad: citations[1]: quotes (denies «It is false that Alpha praised Beta») the passage of \"art\" that citations[0] quotes (asserts «Alpha praised Beta»), one quote within the other: one passage for the claim and against it, the claim disputing itself; nothing changed (give the passage the stance it takes, or tell two sentences apart by their line locators: line N)\n",
            "\(refused.standardError)")
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        #expect(try cli.run(["log"]).standardOutput.contains("entry 2") == false)
        // Two lines of one records file let the pair in (check reports it): a change to
        // something else, and the change that mends it, are not refused for it.
        let claim = #"{"record":"claim","id":"c1","subject":"a","predicate":"praised","object":"b","citations":["#
        try cli.write(
            "held.jsonl",
            Self.onePassageTwice.replacingOccurrences(
                of: #"3},{"source":"art","quote":"It is false that Alpha praised Beta","stance":"reports""#,
                with: "3}]}\n" + claim + #"{"source":"art","quote":"It is false that Alpha praised Beta","stance":"denies""#))
        #expect(try cli.run(["--db", "held.db", "import", "held.jsonl"]).status == 0)
        #expect(try cli.run(["--db", "held.db", "check"]).status == 65)
        #expect(try cli.run(["--db", "held.db", "set", "c1", "citations[0].credibility", "2"]).status == 0)
        // Mending may take more than one change: a line locator on one of the two is not yet
        // enough, and is not refused for it.
        let located = try cli.run(["--db", "held.db", "set", "c1", "citations[0].locator", "line 1"])
        #expect(located.status == 0, "\(located.standardError)")
        #expect(try cli.run(["--db", "held.db", "set", "c1", "citations[1].stance", "reports"]).status == 0)
        #expect(try cli.run(["--db", "held.db", "check"]).status == 0)
    }
}
