import Foundation
import TestHelpers
import Testing

/// A quote edited in a copy of the store (its hedge cut off, the stance made firmer) and brought
/// back with `export jsonl` + `import`: citations are matched by source, via and quote, so the
/// edit would stand beside the citation it was edited from. The import refuses it, `--replace`
/// takes the file's citations as they are, and `check` finds a claim that holds both.
@Suite("A quote edited in another store, imported back", .temporaryStore)
struct EditedQuoteTests {
    static let team = """
        {"record":"entity","id":"hamas","type":"organization","name":"Hamas"}
        {"record":"entity","id":"isis","type":"organization","name":"ISIS"}
        {"record":"source","id":"article","type":"news-article","title":"Article","reliability":"C"}
        {"record":"claim","id":"hamas-isis","subject":"hamas","predicate":"cooperated_with","object":"isis","citations":[{"source":"article","quote":"which feeds the claim that Hamas cooperates with ISIS","stance":"reports","credibility":4},{"source":"article","quote":"Hamas denies any link","stance":"denies","credibility":3}]}

        """

    /// The claim's citations as `export jsonl` writes them, each as (quote, stance, credibility).
    static func citations(_ cli: CLIHarness, store: String) throws -> [[String]] {
        let export = try cli.run(["--db", store, "export", "jsonl"])
        #expect(export.status == 0, "\(export.standardError)")
        let line = try #require(export.standardOutput.split(separator: "\n").first { $0.contains(#""record":"claim""#) })
        let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let citations = try #require(record["citations"] as? [[String: Any]])
        return citations.map { ["\($0["quote"] ?? "")", "\($0["stance"] ?? "")", "\($0["credibility"] ?? "")"] }
    }

    /// The team's store, and the field's copy of it in which citation 1's quote lost its hedge,
    /// exported to field.jsonl.
    static func teamAndField() throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        try cli.write("team.jsonl", team)
        #expect(try cli.run(["--db", "team.db", "import", "team.jsonl"]).status == 0)
        #expect(try cli.run(["copy", "team.db", "field.db"]).status == 0)
        for (field, value) in [("quote", "Hamas cooperates with ISIS"), ("stance", "asserts"), ("credibility", "2")] {
            let set = try cli.run(["--db", "field.db", "set", "hamas-isis", "citations[0].\(field)", value])
            #expect(set.status == 0, "\(set.standardError)")
        }
        #expect(try cli.run(["--db", "field.db", "export", "jsonl", "-o", "field.jsonl"]).status == 0)
        return cli
    }

    @Test("the edited quote is refused in one line naming file, line, claim, both citations and the way on; nothing written")
    func refused() throws {
        let cli = try Self.teamAndField()
        let before = try cli.storeState(["--db", "team.db"])
        let result = try cli.run(["--db", "team.db", "import", "field.jsonl"])
        #expect(result.status == 65)
        #expect(
            result.standardError
                == """
                isnad: field.jsonl:4: claim "hamas-isis": citations[0]: quotes (asserts «Hamas cooperates with ISIS») the passage of "article" that stored citation 1 quotes (reports «which feeds the claim that Hamas cooperates with ISIS»), one quote within the other, and the claim's record leaves that one out: an edited quote, say; citations are matched by source, via and quote, so it would be added beside it, the passage cited twice (to take the file's citations as they are, the stored ones it leaves out dropped, import with --replace, which does so for every claim of the file; else edit the file)
                nothing was imported: the store is unchanged

                """)
        #expect(try cli.storeState(["--db", "team.db"]) == before)
        // The other formats that give records go the same way.
        for format in ["ftm", "stix"] {
            #expect(try cli.run(["--db", "field.db", "export", format, "-o", "field.\(format)"]).status == 0)
            let foreign = try cli.run(["--db", "team.db", "import", "field.\(format)"])
            #expect(foreign.status == 65)
            #expect(
                foreign.standardError.contains(#"stored citation 1 quotes (reports «which feeds"#), "\(foreign.standardError)")
        }
        #expect(try cli.storeState(["--db", "team.db"]) == before)
    }

    @Test(
        "on PostgreSQL, whose import writes claims in batches: refused the same, and taken with --replace",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func postgreSQL() throws {
        let cli = try Self.teamAndField()
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        let store = PostgreSQLServer.storeURI(name)
        #expect(try cli.run(["--db", store, "import", "team.jsonl"]).status == 0)
        let refused = try cli.run(["--db", store, "import", "field.jsonl"])
        #expect(refused.status == 65)
        #expect(refused.standardError.contains(#"field.jsonl:4: claim "hamas-isis": citations[0]: quotes (asserts"#))
        #expect(try cli.run(["--db", store, "import", "--replace", "field.jsonl"]).status == 0)
        #expect(
            try Self.citations(cli, store: store) == [
                ["Hamas cooperates with ISIS", "asserts", "2"], ["Hamas denies any link", "denies", "3"],
            ])
    }

    @Test("--replace takes the file's citations as they are: the edit replaces the citation it was edited from")
    func replaced() throws {
        let cli = try Self.teamAndField()
        let result = try cli.run(["--db", "team.db", "import", "--replace", "field.jsonl"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(
            try Self.citations(cli, store: "team.db") == [
                ["Hamas cooperates with ISIS", "asserts", "2"], ["Hamas denies any link", "denies", "3"],
            ])
        let check = try cli.run(["--db", "team.db", "check"])
        #expect(
            check.standardOutput.contains(
                "ok   one passage cited twice by one claimant, one quote within the other (to review): ok"))
    }

    @Test("a file that gives the stored citation on a later line of its claim leaves nothing out: both are kept")
    func givenOnALaterLine() throws {
        let cli = try Self.teamAndField()
        let original = try #require(Self.team.split(separator: "\n").last)
        try cli.write("both.jsonl", String(decoding: try cli.read("field.jsonl"), as: UTF8.self) + original + "\n")
        let result = try cli.run(["--db", "team.db", "import", "both.jsonl"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try Self.citations(cli, store: "team.db").count == 3)
    }

    @Test("check: one claimant quoting one passage twice in one claim, one quote within the other, is a finding")
    func checkFinding() throws {
        let cli = try CLIHarness.scoped
        // Into a new store, which holds nothing to compare them with, both come in.
        try cli.write(
            "both.jsonl",
            Self.team.replacingOccurrences(
                of: #"{"source":"article","quote":"Hamas denies any link","stance":"denies","credibility":3}"#,
                with: #"{"source":"article","quote":"Hamas cooperates with ISIS","stance":"asserts","credibility":2}"#))
        #expect(try cli.run(["--db", "both.db", "import", "both.jsonl"]).status == 0)
        // A warning, to review: told by words and line locators alone, it may be two sentences.
        let check = try cli.run(["--db", "both.db", "check"])
        #expect(check.status == 0)
        #expect(
            check.standardOutput.contains(
                """
                warn one passage cited twice by one claimant, one quote within the other (to review): 1 to review
                       claim "hamas-isis" citation 2: quotes (asserts «Hamas cooperates with ISIS») the passage of "article" that citation 1 quotes (reports «which feeds the claim that Hamas cooperates with ISIS»), one quote within the other: one passage cited twice, an edited quote beside its original, say; keep the right one, take the other out (isnad set hamas-isis 'citations[0]' null takes out citation 1, 'citations[1]' null this one)

                """), "\(check.standardOutput)")
    }

    @Test("two passages of one source in one claim, the second added by a later import: imported, and check passes")
    func twoPassages() throws {
        let cli = try CLIHarness.scoped
        try cli.write("team.jsonl", Self.team)
        #expect(try cli.run(["--db", "team.db", "import", "team.jsonl"]).status == 0)
        // Words of the stored quotes ("Hamas", "ISIS") stand in the new ones, not their passages.
        try cli.write(
            "more.jsonl",
            """
            {"record":"claim","id":"hamas-isis","subject":"hamas","predicate":"cooperated_with","object":"isis","citations":[{"source":"article","quote":"The meeting took place in Rafah","stance":"asserts","credibility":3},{"source":"article","quote":"Hamas and ISIS met twice","stance":"reports","credibility":4}]}

            """)
        let result = try cli.run(["--db", "team.db", "import", "more.jsonl"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try Self.citations(cli, store: "team.db").count == 4)
        let check = try cli.run(["--db", "team.db", "check"])
        #expect(check.status == 0, "\(check.standardOutput)")
    }

    @Test(
        "two sentences of one text at other lines, one holding the other's words, are two passages: imported beside each other, and check passes"
    )
    func twoSentencesAtOtherLines() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "x.jsonl",
            """
            {"record":"entity","id":"h","type":"organization","name":"H"}
            {"record":"entity","id":"e","type":"event","name":"E"}
            {"record":"source","id":"x","type":"statement","title":"X","reliability":"C","text":"قال المتحدث إن الحركة ترفض العملية وتدين استهداف المدنيين.\\nوفي بيان آخر، قال المتحدث إن الحركة ترفض العملية."}
            {"record":"claim","id":"c","subject":"h","predicate":"opposed","object":"e","citations":[{"source":"x","quote":"قال المتحدث إن الحركة ترفض العملية وتدين استهداف المدنيين","stance":"asserts","credibility":3,"locator":"line 1"}]}

            """)
        #expect(try cli.run(["import", "x.jsonl"]).status == 0)
        try cli.write(
            "y.jsonl",
            """
            {"record":"claim","id":"c","subject":"h","predicate":"opposed","object":"e","citations":[{"source":"x","quote":"قال المتحدث إن الحركة ترفض العملية","stance":"asserts","credibility":3,"locator":"line 2"}]}

            """)
        let second = try cli.run(["import", "y.jsonl"])
        #expect(second.status == 0, "\(second.standardError)")
        let check = try cli.run(["check"])
        #expect(
            check.standardOutput.contains(
                "ok   one passage cited twice by one claimant, one quote within the other (to review): ok\n"),
            "\(check.standardOutput)")
    }

    @Test(
        "a sheet row whose quote was cut from a stored one, no row giving that one, is refused at its quote cell; nothing written"
    )
    func sheetRefused() throws {
        let cli = try Self.teamAndField()
        let before = try cli.storeState(["--db", "team.db"])
        try cli.write(
            "edit.csv",
            """
            subject,predicate,object,source,quote,stance,credibility
            hamas,cooperated_with,isis,article,Hamas cooperates with ISIS,asserts,2

            """)
        for dryRun in [[], ["--dry-run"]] {
            let result = try cli.run(["--db", "team.db", "import"] + dryRun + ["edit.csv"])
            #expect(result.status == 65)
            #expect(
                result.standardError
                    == """
                    isnad: 1 problem in edit.csv; nothing imported:
                    edit.csv:2:5: quote: claim "hamas-isis": quotes (asserts «Hamas cooperates with ISIS») the passage of "article" that stored citation 1 quotes (reports «which feeds the claim that Hamas cooperates with ISIS»), one quote within the other, and no row gives that one: an edited quote, say; a row is matched to a stored citation by source, via and quote, so it would be added beside it, the passage cited twice; a sheet does not change a stored quote: to change it, isnad set hamas-isis 'citations[0].quote' - (or isnad edit hamas-isis), then import the sheet; to keep both, give the stored citation in a row too

                    """, "\(result.standardError)")
        }
        #expect(try cli.storeState(["--db", "team.db"]) == before)
        // The field copy's listing, its quote edited there: the same, at the row's quote column.
        let listing = try cli.run(["--db", "field.db", "claims", "--format", "csv"])
        #expect(listing.status == 0, "\(listing.standardError)")
        try cli.write("listing.csv", listing.standardOutput)
        let fromListing = try cli.run(["--db", "team.db", "import", "listing.csv"])
        #expect(fromListing.status == 65)
        #expect(
            fromListing.standardError.hasPrefix(
                """
                isnad: 1 problem in listing.csv; nothing imported:
                listing.csv:2:20: quote: claim "hamas-isis": quotes (asserts «Hamas cooperates with ISIS») the passage of "article" that stored citation 1 quotes (reports «which feeds the claim
                """), "\(fromListing.standardError)")
        #expect(try cli.storeState(["--db", "team.db"]) == before)
        // The way the message gives: the stored quote changed, the sheet updates that citation.
        let set = try cli.run(
            ["--db", "team.db", "set", "hamas-isis", "citations[0].quote", "-"], input: Data("Hamas cooperates with ISIS".utf8))
        #expect(set.status == 0, "\(set.standardError)")
        let again = try cli.run(["--db", "team.db", "import", "edit.csv"])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(
            try Self.citations(cli, store: "team.db") == [
                ["Hamas cooperates with ISIS", "asserts", "2"], ["Hamas denies any link", "denies", "3"],
            ])
    }

    @Test(
        "on PostgreSQL: a sheet's edited quote is refused the same, nothing written",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func sheetOnPostgreSQL() throws {
        let cli = try Self.teamAndField()
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        let store = PostgreSQLServer.storeURI(name)
        #expect(try cli.run(["--db", store, "import", "team.jsonl"]).status == 0)
        let before = try cli.storeState(["--db", store])
        let listing = try cli.run(["--db", "field.db", "claims", "--format", "csv"])
        try cli.write("listing.csv", listing.standardOutput)
        let refused = try cli.run(["--db", store, "import", "listing.csv"])
        #expect(refused.status == 65)
        #expect(
            refused.standardError.contains(
                #"listing.csv:2:20: quote: claim "hamas-isis": quotes (asserts «Hamas cooperates with ISIS») the passage of "article" that stored citation 1"#
            ), "\(refused.standardError)")
        #expect(try cli.storeState(["--db", store]) == before)
        // The edited quote given with the stored one, for the claim and against it: refused the same.
        try cli.write(
            "both.csv",
            """
            subject,predicate,object,source,quote,stance,credibility
            hamas,cooperated_with,isis,article,Hamas cooperates with ISIS,denies,2
            hamas,cooperated_with,isis,article,which feeds the claim that Hamas cooperates with ISIS,reports,4

            """)
        let disputed = try cli.run(["--db", store, "import", "both.csv"])
        #expect(disputed.status == 65)
        #expect(
            disputed.standardError.contains(
                #"both.csv:3:5: quote: claim "hamas-isis": quotes (reports «which feeds the claim that Hamas cooperates with ISIS») the passage of "article" that line 2 quotes (denies"#
            ), "\(disputed.standardError)")
        #expect(try cli.storeState(["--db", store]) == before)
    }

    @Test("a sheet that gives the stored citation too, in a later row, leaves nothing out: both are kept")
    func sheetGivingTheStoredOne() throws {
        let cli = try Self.teamAndField()
        try cli.write(
            "both.csv",
            """
            subject,predicate,object,source,quote,stance,credibility
            hamas,cooperated_with,isis,article,Hamas cooperates with ISIS,asserts,2
            hamas,cooperated_with,isis,article,Hamas denies any link,denies,3
            hamas,cooperated_with,isis,article,which feeds the claim that Hamas cooperates with ISIS,reports,4

            """)
        let result = try cli.run(["--db", "team.db", "import", "both.csv"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try Self.citations(cli, store: "team.db").count == 3)
    }

    @Test("add claim refuses a quote cut from a stored one of the same source, or one it was cut from; nothing written")
    func addRefused() throws {
        let cli = try CLIHarness.scoped
        try cli.write("team.jsonl", Self.team)
        #expect(try cli.run(["import", "team.jsonl"]).status == 0)
        let before = try cli.storeState()
        let add = [
            "add", "claim", "hamas", "cooperated_with", "isis", "--source", "article", "--stance", "asserts", "--credibility",
            "2",
        ]
        let shorter = try cli.run(add + ["--quote", "Hamas cooperates with ISIS"])
        #expect(shorter.status == 65)
        #expect(
            shorter.standardError
                == """
                isnad: --quote: citation 1 of claim "hamas-isis" quotes the same passage of "article", one quote within the other («which feeds the claim that Hamas cooperates with ISIS»): a second citation of it would count it twice (with another stance, the claim disputing itself); change that one instead (isnad set hamas-isis 'citations[0].quote' - to quote it as here, or 'citations[0].stance' VALUE; isnad edit hamas-isis); another sentence that holds these words is told apart by --locator with its line (line N); nothing changed

                """, "\(shorter.standardError)")
        let longer = try cli.run(add + ["--quote", "Hamas denies any link to ISIS"])
        #expect(longer.status == 65)
        #expect(
            longer.standardError.hasPrefix(
                "isnad: --quote: citation 2 of claim \"hamas-isis\" quotes the same passage of \"article\", one quote within the other («Hamas denies any link»)"
            ), "\(longer.standardError)")
        #expect(try cli.storeState() == before)
        // Another claimant's words, or other words of the same one, are no edit.
        let other = try cli.run(add + ["--quote", "Hamas met ISIS in Rafah"])
        #expect(other.status == 0, "\(other.standardError)")
    }

    @Test("add claim takes a quote within a stored one when line locators that share no line tell two sentences apart")
    func addTwoSentences() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "x.jsonl",
            """
            {"record":"entity","id":"h","type":"organization","name":"H"}
            {"record":"entity","id":"e","type":"event","name":"E"}
            {"record":"source","id":"x","type":"statement","title":"X","reliability":"C","text":"قال المتحدث إن الحركة ترفض العملية وتدين استهداف المدنيين.\\nوفي بيان آخر، قال المتحدث إن الحركة ترفض العملية."}
            {"record":"claim","id":"c","subject":"h","predicate":"opposed","object":"e","citations":[{"source":"x","quote":"قال المتحدث إن الحركة ترفض العملية وتدين استهداف المدنيين","stance":"asserts","credibility":3,"locator":"line 1"}]}

            """)
        #expect(try cli.run(["import", "x.jsonl"]).status == 0)
        let add = [
            "add", "claim", "h", "opposed", "e", "--source", "x", "--quote", "قال المتحدث إن الحركة ترفض العملية", "--stance",
            "asserts", "--credibility", "3",
        ]
        // Found first in line 1, inside the stored quote: the same passage.
        #expect(try cli.run(add).status == 65)
        let atLine2 = try cli.run(add + ["--locator", "line 2"])
        #expect(atLine2.status == 0, "\(atLine2.standardError)")
        #expect(atLine2.standardError.contains("added citation 2 to claim \"c\""), "\(atLine2.standardError)")
    }

    @Test(
        "a sheet's edited quote is listed with the sheet's other problems, in line order; not when a failed row gives the stored citation"
    )
    func sheetEditedQuoteWithOtherProblems() throws {
        let cli = try Self.teamAndField()
        let before = try cli.storeState(["--db", "team.db"])
        let header = "subject,predicate,object,source,quote,stance,credibility\n"
        try cli.write(
            "edit.csv",
            header + "hamas,cooperated_with,isis,article,Hamas met ISIS in Rafah,asserts,x\n"
                + "hamas,cooperated_with,isis,article,Hamas cooperates with ISIS,asserts,2\n"
                + "hamas,cooperated_with,isis,article,Hamas met ISIS in Gaza,asserts,y\n")
        let result = try cli.run(["--db", "team.db", "import", "edit.csv"])
        #expect(result.status == 65)
        let lines = result.standardError.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(result.standardError)")
        #expect(lines.first == "isnad: 3 problems in edit.csv; nothing imported:")
        #expect(lines.dropFirst().map { $0.prefix(12) } == ["edit.csv:2:7", "edit.csv:3:5", "edit.csv:4:7"])
        #expect(lines[2].hasPrefix(#"edit.csv:3:5: quote: claim "hamas-isis": quotes (asserts «Hamas cooperates with ISIS»)"#))
        #expect(try cli.storeState(["--db", "team.db"]) == before)
        // A row giving the stored citation that failed for another cell: mended, it keeps both.
        try cli.write(
            "both.csv",
            header + "hamas,cooperated_with,isis,article,Hamas cooperates with ISIS,asserts,2\n"
                + "hamas,cooperated_with,isis,article,which feeds the claim that Hamas cooperates with ISIS,reports,x\n")
        let failedRow = try cli.run(["--db", "team.db", "import", "both.csv"])
        #expect(failedRow.status == 65)
        #expect(
            failedRow.standardError
                == """
                isnad: 1 problem in both.csv; nothing imported:
                both.csv:3:7: credibility: expected an integer from 1 (confirmed) to 6 (cannot be judged), or its words (confirmed, probably true, possibly true, doubtful, improbable, cannot be judged), found "x"

                """, "\(failedRow.standardError)")
        #expect(try cli.storeState(["--db", "team.db"]) == before)
    }

    @Test("a sheet's rows of one stored claim more than a batch apart are compared: the edited quote in the later is refused")
    func sheetRowsBatchesApart() throws {
        let cli = try CLIHarness.scoped
        // 300 stored claims between the rows of hamas-isis: more than a batch (256 claims) of rows.
        let others = (1...300).map {
            #"{"record":"claim","id":"c\#($0)","subject":"hamas","predicate":"cooperated_with","object":"isis","start":"\#(1700 + $0)","citations":[{"source":"article","quote":"Stored \#($0)","stance":"asserts","credibility":3}]}"#
        }
        try cli.write("team.jsonl", Self.team + others.joined(separator: "\n") + "\n")
        #expect(try cli.run(["--db", "team.db", "import", "team.jsonl"]).status == 0)
        let before = try cli.storeState(["--db", "team.db"])
        let rows = (1...300).map { "hamas,cooperated_with,isis,article,Stored \($0),asserts,3,\(1700 + $0)" }
        try cli.write(
            "apart.csv",
            "subject,predicate,object,source,quote,stance,credibility,start\n"
                + "hamas,cooperated_with,isis,article,Hamas denies any link,denies,3,\n" + rows.joined(separator: "\n")
                + "\nhamas,cooperated_with,isis,article,Hamas cooperates with ISIS,asserts,2,\n")
        let result = try cli.run(["--db", "team.db", "import", "apart.csv"])
        #expect(result.status == 65)
        #expect(
            result.standardError.hasPrefix(
                """
                isnad: 1 problem in apart.csv; nothing imported:
                apart.csv:303:5: quote: claim "hamas-isis": quotes (asserts «Hamas cooperates with ISIS») the passage of "article" that stored citation 1 quotes
                """), "\(result.standardError)")
        #expect(try cli.storeState(["--db", "team.db"]) == before)
    }

    @Test(
        "a sheet giving one passage for a claim and against it is refused at the later row, naming the earlier; nothing written"
    )
    func sheetSelfDispute() throws {
        let cli = try Self.teamAndField()
        let before = try cli.storeState(["--db", "team.db"])
        // The edited quote with the stored one, which keeps both: here, for the claim and against it.
        try cli.write(
            "both.csv",
            """
            subject,predicate,object,source,quote,stance,credibility
            hamas,cooperated_with,isis,article,Hamas cooperates with ISIS,denies,2
            hamas,cooperated_with,isis,article,which feeds the claim that Hamas cooperates with ISIS,reports,4

            """)
        // Into a store holding the claim's entities and source, not the claim: the same.
        try cli.write("base.jsonl", Self.team.split(separator: "\n").prefix(3).joined(separator: "\n") + "\n")
        for store in ["new.db", "lines.db"] {
            #expect(try cli.run(["--db", store, "import", "base.jsonl"]).status == 0)
        }
        for store in ["team.db", "new.db"] {
            let result = try cli.run(["--db", store, "import", "both.csv"])
            #expect(result.status == 65)
            // A claim the sheet adds has an id made from what it says.
            let claim = store == "team.db" ? "hamas-isis" : "c-92a7507d7cda71a6"
            #expect(
                result.standardError
                    == """
                    isnad: 1 problem in both.csv; nothing imported:
                    both.csv:3:5: quote: claim "\(claim)": quotes (reports «which feeds the claim that Hamas cooperates with ISIS») the passage of "article" that line 2 quotes (denies «Hamas cooperates with ISIS»), one quote within the other: one passage for the claim and against it, the claim disputing itself; give the passage once, with the stance it takes (two sentences of the text, one holding the other's words, are told apart by their line locators: line N)

                    """, "\(result.standardError)")
        }
        #expect(try cli.storeState(["--db", "team.db"]) == before)
        // Line locators that share no line: two sentences, taken.
        try cli.write(
            "lines.csv",
            """
            subject,predicate,object,source,quote,stance,credibility,locator
            hamas,cooperated_with,isis,article,Hamas cooperates with ISIS,denies,2,line 4
            hamas,cooperated_with,isis,article,which feeds the claim that Hamas cooperates with ISIS,reports,4,line 1

            """)
        let lines = try cli.run(["--db", "lines.db", "import", "lines.csv"])
        #expect(lines.status == 0, "\(lines.standardError)")
    }

    @Test("a record giving one passage for its claim and against it is refused naming both citations; nothing written")
    func recordSelfDispute() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "both.jsonl",
            Self.team.replacingOccurrences(
                of: #"{"source":"article","quote":"Hamas denies any link","stance":"denies","credibility":3}"#,
                with: #"{"source":"article","quote":"Hamas  cooperates with ISIS","stance":"denies","credibility":3}"#))
        let result = try cli.run(["--db", "both.db", "import", "both.jsonl"])
        #expect(result.status == 65)
        #expect(
            result.standardError
                == """
                isnad: both.jsonl:4: claim "hamas-isis": citations[1]: quotes (denies «Hamas  cooperates with ISIS») the passage of "article" that citations[0] quotes (reports «which feeds the claim that Hamas cooperates with ISIS»), one quote within the other: one passage for the claim and against it, the claim disputing itself; give the passage once, with the stance it takes (two sentences of the text, one holding the other's words, are told apart by their line locators: line N)
                nothing was imported: the store is unchanged

                """, "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("both.db")))
    }

    @Test("check: a claim whose claimant cites one passage for it and against it is a problem, not a warning")
    func checkSelfDispute() throws {
        let cli = try CLIHarness.scoped
        // The claim given on two lines of one file: compared line by line, not across them (as
        // the record format says), so the store then holds what an import refuses on one line.
        try cli.write(
            "both.jsonl",
            Self.team.replacingOccurrences(
                of: #",{"source":"article","quote":"Hamas denies any link","stance":"denies","credibility":3}]}"#,
                with: "]}\n"
                    + #"{"record":"claim","id":"hamas-isis","subject":"hamas","predicate":"cooperated_with","object":"isis","citations":[{"source":"article","quote":"Hamas cooperates with ISIS","stance":"denies","credibility":2}]}"#
            ))
        #expect(try cli.run(["--db", "both.db", "import", "both.jsonl"]).status == 0)
        let check = try cli.run(["--db", "both.db", "check"])
        #expect(check.status == 65)
        #expect(
            check.standardOutput.contains(
                """
                ok   one passage cited twice by one claimant, one quote within the other (to review): ok
                FAIL one passage cited by one claimant both for a claim and against it: 1 problem
                       claim "hamas-isis" citation 2: quotes (denies «Hamas cooperates with ISIS») the passage of "article" that citation 1 quotes (reports «which feeds the claim that Hamas cooperates with ISIS»), one quote within the other: one passage for the claim and against it, the claim disputing itself; keep the right one, take the other out (isnad set hamas-isis 'citations[0]' null takes out citation 1, 'citations[1]' null this one), or tell two sentences apart by their line locators (isnad set hamas-isis 'citations[1].locator' 'line N')

                """), "\(check.standardOutput)")
    }
}
