import Foundation
import TestHelpers
import Testing

/// `isnad retract`, `restore` and `delete`, run as the built binary.
@Suite("Retract, restore and delete end to end", .temporaryStore)
struct RetractionCommandTests {
    static let records =
        CoreCommandTests.records
            + """
            {"record":"entity","id":"lonely","type":"person","name":"Nobody In Particular"}
            {"record":"source","id":"unused","type":"intelligence-report","title":"Unused report","reliability":"C"}
            {"record":"claim","id":"isis-praised-attack","subject":"isis","predicate":"praised","object":"hadera-attack","start":"2022-03-27","end":null,"citations":[{"source":"article","quote":"أشاد","stance":"asserts","credibility":3},{"source":"police","quote":"praised it","stance":"reports","credibility":4}]}

            """

    private func importedStore() throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", RetractionCommandTests.records)
        let result = try cli.run(["import", "records.jsonl"])
        #expect(result.status == 0, "\(result.standardError)")
        return cli
    }

    @Test("a retracted claim leaves queries and exports, stays in the store, and restore brings it back byte for byte")
    func retractAndRestore() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let retract = try cli.run(["retract", "hamas-praised-attack", "--reason", "wrong attack"])
        #expect(retract.status == 0, "\(retract.standardError)")
        #expect(retract.standardError.hasPrefix("retracted claim \"hamas-praised-attack\" (history entry 2"))
        // As delete says it: what was taken out of sight is not out of the file.
        #expect(
            retract.standardError.hasSuffix(
                "\nisnad: note: the store and its history still hold what was retracted (isnad log hamas-praised-attack); isnad copy --without-history --without-retractions makes a copy without it to hand on\n"
            ), "\(retract.standardError)")
        #expect(!(try cli.run(["export", "jsonl"]).standardOutput.contains("hamas-praised-attack")))
        #expect(!(try cli.run(["show", "hamas"]).standardOutput.contains("hamas-praised-attack")))
        #expect(!(try cli.run(["claims"]).standardOutput.contains("hamas-praised-attack")))
        let all = try cli.run(["export", "jsonl", "--include-retracted"]).standardOutput
        #expect(all.contains(#""notes":"#) || all.contains(#""retracted":"wrong attack"}"#))
        let shown = try cli.run(["show", "hamas", "--include-retracted"]).standardOutput
        // With what it cited: a retracted denial must not read as an assertion.
        #expect(
            shown.contains(
                "  [retracted] hamas-praised-attack · hamas praised hadera-attack — wrong attack · entry 2 (isnad retract, "
            ), "\(shown)")
        let restore = try cli.run(["restore", "hamas-praised-attack"])
        #expect(restore.status == 0, "\(restore.standardError)")
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }

    @Test("retract --reason - reads the reason from standard input, as --quote - does; the history records the -")
    func reasonFromStandardInput() throws {
        let cli = try importedStore()
        let result = try cli.run(
            ["retract", "isis-praised-attack", "--citation", "2", "--reason", "-"], input: Data("secret reason\n".utf8))
        #expect(result.status == 0, "\(result.standardError)")
        let all = try cli.run(["export", "jsonl", "--include-retracted"]).standardOutput
        #expect(all.contains(#""retracted":"secret reason"}"#), "\(all)")
        let log = try cli.run(["log", "--limit", "1"]).standardOutput
        #expect(log.contains("isnad retract isis-praised-attack --citation 2 --reason -\n"), "\(log)")
    }

    @Test(
        "claims --include-retracted lists what is retracted apart, with why, who and when, in table, JSON and CSV, never weighed")
    func claimsIncludingRetracted() throws {
        let cli = try importedStore()
        #expect(try cli.run(["retract", "hamas-praised-attack", "--reason", "wrong attack", "--author", "bilal"]).status == 0)
        #expect(
            try cli.run(["retract", "isis-praised-attack", "--citation", "2", "--reason", "misread", "--author", "mona"]).status
                == 0)
        let table = try cli.run(["claims", "--include-retracted"])
        #expect(table.status == 0, "\(table.standardError)")
        let (standing, retracted) = try #require(table.standardOutput.split(separator: "\nRETRACTED\n").pairIfTwo)
        // The standing claim is weighed without its retracted citation: police is no longer said.
        let row = try #require(standing.split(separator: "\n").first { $0.hasPrefix("isis-praised-attack ") })
        #expect(!row.contains("police") && !standing.contains("hamas-praised-attack"), "\(standing)")
        let day = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        #expect(
            retracted.contains(
                "  [retracted] hamas-praised-attack · hamas praised hadera-attack — wrong attack · entry 2 (isnad retract, bilal, \(day) UTC)\n      asserts F2  article\n          «باركت»"
            ), "\(retracted)")
        #expect(
            retracted.contains(
                "  [retracted] isis-praised-attack · isis praised hadera-attack, citation 2 (police) — misread · entry 3 (isnad retract, mona, \(day) UTC)\n      reports B4  police"
            ), "\(retracted)")
        // Only them: the selectors apply; nothing retracted reads as a line, not as silence.
        let only = try cli.run(["claims", "--only-retracted", "--subject", "hamas"]).standardOutput
        #expect(only.hasPrefix("RETRACTED\n  [retracted] hamas-praised-attack") && !only.contains("isis-praised"), "\(only)")
        #expect(try cli.run(["claims", "--only-retracted", "--subject", "lonely"]).standardOutput == "RETRACTED: none\n")
        // JSON: records marked as export jsonl --include-retracted writes them, the citation in its place.
        let json = try cli.run(["claims", "--include-retracted", "--format", "json"]).standardOutput
        let exported = try cli.run(["export", "jsonl", "--include-retracted"]).standardOutput
        for id in ["hamas-praised-attack", "isis-praised-attack"] {
            let line = try #require(json.split(separator: "\n").first { $0.contains("\"id\":\"\(id)\"") })
            #expect(exported.contains(line), "\(line)")
        }
        // CSV: a column after notes says why (the citation's sources after it, last, as in every
        // listing); a retracted claim has status retracted, with no grade or channels.
        let csv = try cli.run(["claims", "--only-retracted", "--format", "csv"]).standardOutput.split(whereSeparator: \.isNewline)
        #expect(
            csv.first?.hasSuffix(
                ",locator,notes,retracted,citation_source_title,citation_source_publisher,citation_source_published,citation_source_url,via_title"
                    + ",citation_capped_reliability,citation_capped_credibility,via_publisher,via_published,via_url,citation_source_author,best_denial"
            ) == true)
        #expect(
            csv.contains {
                $0.hasPrefix("hamas-praised-attack,hamas,Hamas,praised,hadera-attack,")
                    && $0.contains(",retracted,,,,,,article,F,") && $0.hasSuffix(",wrong attack,Article,,2022-03,,,,,,,,,")
            }, "\(csv)")
        #expect(
            csv.contains {
                $0.hasPrefix("isis-praised-attack,") && $0.contains(",police,")
                    && $0.hasSuffix(",misread,Police,,2022-03-27,,,,,,,,,")
            }, "\(csv)"
        )
        #expect(csv.count == 3, "\(csv)")
        let beside = try cli.run(["claims", "--include-retracted", "--format", "csv"]).standardOutput
        // A retracted citation is not weighed: no capped grades; the police (B) read in the F
        // article, standing, weigh F.
        #expect(beside.contains(",misread,Police,,2022-03-27,,,,,,,,,\r\n"), "\(beside)")
        // Then the via's publisher (none), date and URL (none), and the claimant's author (none), then the strongest denial (none).
        #expect(beside.contains(",police,B,article,asserts,2,") && beside.contains(",Article,F,2,,2022-03,,,\r\n"), "\(beside)")
        // --id names a retracted claim: listed with the flag, and the refusal without it says so.
        let refused = try cli.run(["claims", "--id", "hamas-praised-attack"])
        #expect(refused.status == 65)
        #expect(
            refused.standardError
                == "isnad: --id: claim \"hamas-praised-attack\" is retracted (wrong attack): isnad claims --id hamas-praised-attack --include-retracted lists it, with why\n"
        )
        let byID = try cli.run(["claims", "--id", "hamas-praised-attack", "--include-retracted"])
        #expect(
            byID.status == 0 && byID.standardOutput.hasPrefix("RETRACTED\n  [retracted] hamas-praised-attack"),
            "\(byID.standardOutput)")
        // Imported back into an empty store, the JSON keeps every retraction.
        try cli.write("only.jsonl", try cli.run(["claims", "--only-retracted", "--format", "json"]).standardOutput)
        let other = try cli.run(["--db", "other.db", "import", "only.jsonl"])
        #expect(other.status == 0, "\(other.standardError)")
        let back = try cli.run(["--db", "other.db", "claims", "--only-retracted"]).standardOutput
        #expect(back.contains("— wrong attack\n") && back.contains("(police) — misread\n"), "\(back)")
    }

    @Test("DOT and GraphML leave a retracted claim out unless asked; asked, it is grey, dashed and marked retracted")
    func graphExports() throws {
        let cli = try importedStore()
        #expect(try cli.run(["retract", "hamas-praised-attack", "--reason", "wrong attack"]).status == 0)
        #expect(!(try cli.run(["export", "dot"]).standardOutput.contains("hamas-praised-attack")))
        #expect(!(try cli.run(["export", "graphml"]).standardOutput.contains("hamas-praised-attack")))
        let dot = try cli.run(["export", "dot", "--include-retracted"]).standardOutput
        let edge = try #require(dot.split(separator: "\n").first { $0.contains("id=\"claim:hamas-praised-attack\"") })
        // Its label says so where a standing claim's gives its status, before the grade.
        #expect(edge.contains(#" · RETRACTED "#) && edge.contains("color=\"#9e9e9e\", style=\"dashed\""))
        #expect(edge.contains(#"tooltip="RETRACTED: wrong attack\n"#))
        #expect(dot.contains("Retracted claims included: grey, marked RETRACTED"))
        // Only the neighbourhood's: a focus elsewhere leaves it out.
        let elsewhere = try cli.run(["export", "dot", "--focus", "lonely", "--include-retracted"]).standardOutput
        #expect(!elsewhere.contains("claim:hamas-praised"))
        #expect(try cli.run(["export", "dot", "--focus", "hamas", "--include-retracted"]).standardOutput.contains("RETRACTED"))
        let graphML = try cli.run(["export", "graphml", "--include-retracted", "-o", "graph.graphml"])
        #expect(graphML.status == 0, "\(graphML.standardError)")
        let text = try String(contentsOfFile: cli.path("graph.graphml"), encoding: .utf8)
        #expect(text.contains("<data key=\"e_status\">retracted</data>"))
        #expect(text.contains("<data key=\"e_retracted\">wrong attack</data>"))
        if let xmllint = ExternalTool.path("xmllint"), Repository.hasShared {
            let schema = Repository.shared.appendingPathComponent("formats/graphml/graphml.xsd").path
            let check = try ExternalTool.run(xmllint, ["--noout", "--schema", schema, cli.path("graph.graphml")])
            #expect(check.status == 0, "\(check.standardError)")
        }
        let pairs = try cli.run(["export", "dot", "--pairs", "--include-retracted"])
        #expect(pairs.status == 64)
        #expect(pairs.standardError.hasPrefix("isnad: --include-retracted draws each retracted claim as an edge of its own"))
        let gexf = try cli.run(["export", "gexf", "--include-retracted"])
        #expect(gexf.status == 64)
        #expect(gexf.standardError.hasPrefix("isnad: --include-retracted does not apply to export gexf"))
    }

    @Test("STIX and FtM, which carry only the evidence that stands, say what they left out, as export jsonl does")
    func exchangeSaysWhatItLeftOut() throws {
        let cli = try importedStore()
        for format in ["stix", "ftm"] { #expect(try cli.run(["export", format]).standardError.isEmpty) }
        #expect(try cli.run(["retract", "hamas-praised-attack", "--reason", "wrong attack"]).status == 0)
        for format in ["stix", "ftm"] {
            let result = try cli.run(["export", format])
            #expect(result.status == 0)
            #expect(result.standardError.hasPrefix("left out 1 retracted claim ("), "\(result.standardError)")
            #expect(!result.standardOutput.contains("باركت"))
        }
    }

    @Test("a retracted citation set to null is logged as removed, retracted, never as restored; a standing one as removed")
    func retractedCitationDeletedIsNoRestoration() throws {
        let cli = try importedStore()
        #expect(try cli.run(["retract", "isis-praised-attack", "--citation", "2", "--reason", "misread"]).status == 0)
        #expect(try cli.run(["set", "isis-praised-attack", "citations[1]", "null", "--author", "ivan"]).status == 0)
        let log = try cli.run(["log", "isis-praised-attack", "--limit", "1"]).standardOutput
        #expect(log.contains(#"changed claim "isis-praised-attack" · retracted citation 2 removed"#), "\(log)")
        #expect(!log.contains("restored"), "\(log)")
        #expect(
            try cli.run([
                "add", "claim", "isis", "praised", "hadera-attack", "--source", "police", "--quote", "praised it", "--stance",
                "reports", "--credibility", "4",
            ]).status == 0)
        #expect(try cli.run(["set", "isis-praised-attack", "citations[0]", "null"]).status == 0)
        let standing = try cli.run(["log", "isis-praised-attack", "--limit", "1"]).standardOutput
        #expect(standing.contains(#"changed claim "isis-praised-attack" · citation 1 removed"#), "\(standing)")
    }

    @Test("retract, then undo: export jsonl is byte-identical to before")
    func retractUndo() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        #expect(try cli.run(["retract", "isis-praised-attack", "--citation", "2", "--reason", "misread"]).status == 0)
        #expect(try cli.run(["export", "jsonl"]).outputBytes != before)
        #expect(try cli.run(["undo"]).status == 0)
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        #expect(try cli.run(["retract", "isis-praised-attack", "--reason", "gone"]).status == 0)
        #expect(try cli.run(["undo"]).status == 0)
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }

    @Test("undo of a retraction is refused while a claim added since states the same with the same dates, as restore is")
    func undoRetractionBesideTwin() throws {
        let cli = try importedStore()
        #expect(try cli.run(["retract", "hamas-praised-attack", "--reason", "wrong attack"]).status == 0)
        // `add claim` would refuse it (the retracted claim says it); a record with an id of its own is taken.
        try cli.write(
            "twin.jsonl",
            #"{"record":"claim","id":"twin","subject":"hamas","predicate":"praised","object":"hadera-attack","start":"2022-03-27","end":null,"citations":[{"source":"police","quote":"praised","stance":"reports","credibility":3}]}"#
                + "\n")
        #expect(try cli.run(["import", "twin.jsonl"]).status == 0)
        let twin = "twin"
        let before = try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes
        let undo = try cli.run(["undo", "2"])
        #expect(undo.status == 65)
        #expect(
            undo.standardError
                == "isnad: cannot undo entry 2: claim \"\(twin)\" (entry 3) stands since, stating what claim \"hamas-praised-attack\" states with the same dates, and one relationship is one claim; undo that first\n"
        )
        #expect(try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes == before)
        // With the twin taken back, the retraction's undo goes through.
        #expect(try cli.run(["undo"]).status == 0)
        #expect(try cli.run(["undo", "2"]).status == 0)
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test("undo of a retraction goes through when the claim that states the same stood beside it before, as imported")
    func undoRetractionBesideEarlierTwin() throws {
        let cli = try importedStore()
        try cli.write(
            "twin.jsonl",
            #"{"record":"claim","id":"twin","subject":"hamas","predicate":"praised","object":"hadera-attack","start":"2022-03-27","end":null,"citations":[{"source":"police","quote":"praised","stance":"reports","credibility":3}]}"#
                + "\n")
        #expect(try cli.run(["import", "twin.jsonl"]).status == 0)
        let before = try cli.run(["export", "jsonl"]).outputBytes
        #expect(try cli.run(["retract", "hamas-praised-attack", "--reason", "wrong attack"]).status == 0)
        // Changed since, it still stood beside the claim when the claim was retracted.
        #expect(try cli.run(["set", "twin", "notes", "kept"]).status == 0)
        let undo = try cli.run(["undo", "3"])
        #expect(undo.status == 0, "\(undo.standardError)")
        #expect(try cli.run(["undo"]).status == 0)
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }

    @Test("an import of records made before a retraction keeps the claim and the citation retracted, and says so")
    func importKeepsRetractions() throws {
        let cli = try importedStore()
        try cli.write("old.jsonl", try cli.run(["export", "jsonl"]).standardOutput)
        #expect(try cli.run(["retract", "isis-praised-attack", "--citation", "2", "--reason", "misread"]).status == 0)
        #expect(try cli.run(["retract", "hamas-praised-attack", "--reason", "wrong attack"]).status == 0)
        let retracted = try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes
        for round in ["first", "again"] {
            let again = try cli.run(["import", "old.jsonl"])
            #expect(again.status == 0, "\(round): \(again.standardError)")
            #expect(
                again.standardError.hasPrefix(
                    "kept retracted: claim \"hamas-praised-attack\", given as standing in the input (isnad restore brings it back)\n"
                        + "kept retracted: a citation of claim \"isis-praised-attack\" (source \"police\"), given as standing in the input (isnad restore brings it back)\n"
                ), "\(again.standardError)")
            #expect(try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes == retracted)
            #expect(try cli.run(["check"]).status == 0)
        }
    }

    @Test("a record that retracts something of its own, or an import --replace, keeps the store's retractions too")
    func importWithRetractionsKeepsTheStores() throws {
        let cli = try importedStore()
        let old = try cli.run(["export", "jsonl"]).standardOutput
        #expect(try cli.run(["retract", "hamas-praised-attack", "--reason", "wrong attack"]).status == 0)
        #expect(try cli.run(["retract", "isis-praised-attack", "--citation", "2", "--reason", "misread"]).status == 0)
        // The old lines, each with a citation of its own added and retracted.
        let added = #"},{"source":"police","quote":"other words","stance":"reports","credibility":4,"retracted":"own"}]"#
        let changed = old.split(separator: "\n")
            .filter { $0.contains(#""id":"hamas-praised-attack""#) || $0.contains(#""id":"isis-praised-attack""#) }
            .map { $0.replacingOccurrences(of: "}]", with: added) }
        try cli.write("changed.jsonl", changed.joined(separator: "\n") + "\n")
        let imported = try cli.run(["import", "changed.jsonl"])
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardError.contains("kept retracted: claim \"hamas-praised-attack\""))
        #expect(
            imported.standardError.contains("kept retracted: a citation of claim \"isis-praised-attack\" (source \"police\")"))
        let all = try cli.run(["export", "jsonl", "--include-retracted"]).standardOutput
        #expect(all.contains(#""retracted":"misread""#) && all.contains(#""retracted":"wrong attack""#), "\(all)")
        #expect(try cli.run(["check"]).status == 0)
        try cli.write("old.jsonl", old)
        let replaced = try cli.run(["import", "--replace", "old.jsonl"])
        #expect(replaced.status == 0, "\(replaced.standardError)")
        #expect(try cli.run(["check"]).status == 0, "a live copy beside the retracted citation")
        #expect(try cli.run(["export", "jsonl", "--include-retracted"]).standardOutput.contains(#""retracted":"misread""#))
    }

    @Test(
        "import --replace keeps a retracted citation at its number: the record the claim holds changes nothing, one that leaves it out keeps it in place"
    )
    func replaceKeepsCitationNumbers() throws {
        let cli = try importedStore()
        let citations = [
            #"{"source":"article","quote":"أشاد","stance":"asserts","credibility":3}"#,
            #"{"source":"police","quote":"praised it","stance":"reports","credibility":4}"#,
            #"{"source":"police","quote":"praised it again","stance":"asserts","credibility":3}"#,
        ]
        func record(_ citations: [String]) -> String {
            #"{"record":"claim","id":"isis-praised-attack","subject":"isis","predicate":"praised","object":"hadera-attack","start":"2022-03-27","end":null,"citations":["#
                + citations.joined(separator: ",") + "]}\n"
        }
        try cli.write("three.jsonl", record(citations))
        #expect(try cli.run(["import", "--replace", "three.jsonl"]).status == 0)
        #expect(try cli.run(["retract", "isis-praised-attack", "--citation", "2", "--reason", "r1"]).status == 0)
        let retracted = try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes
        let again = try cli.run(["import", "--replace", "three.jsonl"])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(again.standardError.contains("nothing changed"), "\(again.standardError)")
        #expect(try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes == retracted)
        #expect(!(try cli.run(["log"]).standardOutput.contains("entry 4")))
        #expect(try cli.run(["restore", "isis-praised-attack", "--citation", "2"]).status == 0)
        #expect(try cli.run(["undo"]).status == 0)
        // Left out and the others reordered: the retracted one keeps number 2.
        try cli.write("two.jsonl", record([citations[2], citations[0]]))
        #expect(try cli.run(["import", "--replace", "two.jsonl"]).status == 0)
        let claim = try cli.run(["export", "jsonl", "--include-retracted"]).standardOutput.split(separator: "\n")
            .first { $0.contains(#""id":"isis-praised-attack""#) }
        #expect(
            claim?.contains(
                #""quote":"praised it again","stance":"asserts","credibility":3},{"source":"police","quote":"praised it","stance":"reports","credibility":4,"retracted":"r1"},{"source":"article""#
            ) == true, "\(claim ?? "")")
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test("restoring a claim brings it back as it was retracted: a citation retracted on its own before stays retracted")
    func restoreKeepsCitationRetractions() throws {
        let cli = try importedStore()
        #expect(try cli.run(["retract", "isis-praised-attack", "--citation", "1", "--reason", "misread"]).status == 0)
        let citationRetracted = try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes
        #expect(try cli.run(["retract", "isis-praised-attack", "--reason", "wrong group"]).status == 0)
        let restore = try cli.run(["restore", "isis-praised-attack"])
        #expect(restore.status == 0, "\(restore.standardError)")
        #expect(
            restore.standardError
                == "restored claim \"isis-praised-attack\" (history entry 4); citation 1, retracted on its own, stays retracted (--citation N restores one)\n"
        )
        #expect(try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes == citationRetracted)
        // A citation restored on a claim that is retracted: the claim stays so, and the message says it.
        #expect(try cli.run(["retract", "isis-praised-attack", "--reason", "again"]).status == 0)
        #expect(
            try cli.run(["restore", "isis-praised-attack", "--citation", "1"]).standardError
                == "restored citation 1 of claim \"isis-praised-attack\" (history entry 6); the claim itself stays retracted (isnad restore isis-praised-attack brings it back)\n"
        )
        #expect(try cli.run(["undo"]).status == 0)
        #expect(try cli.run(["undo"]).status == 0)
        // A claim that stands gets its retracted citations back, and the message names them.
        #expect(
            try cli.run(["restore", "isis-praised-attack"]).standardError
                == "restored citation 1 of claim \"isis-praised-attack\" (history entry 9)\n")
        #expect(!(try cli.run(["export", "jsonl", "--include-retracted"]).standardOutput.contains("\"retracted\"")))
    }

    @Test("a retracted citation no longer counts, keeps its place, and travels through export --include-retracted and import")
    func retractedCitation() throws {
        let cli = try importedStore()
        #expect(try cli.run(["retract", "isis-praised-attack", "--citation", "1", "--reason", "misread"]).status == 0)
        let export = try cli.run(["export", "jsonl"]).standardOutput
        let line = export.split(separator: "\n").first { $0.contains("isis-praised-attack") } ?? ""
        #expect(!line.contains("أشاد") && line.contains("praised it"))
        let all = try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes
        let full = String(decoding: all, as: UTF8.self)
        #expect(full.contains(#""quote":"أشاد","stance":"asserts","credibility":3,"retracted":"misread"},{"source":"police""#))
        try cli.write("all.jsonl", full)
        #expect(try cli.run(["--db", "copy.db", "import", "all.jsonl"]).status == 0)
        #expect(try cli.run(["--db", "copy.db", "export", "jsonl", "--include-retracted"]).outputBytes == all)
        #expect(try cli.run(["--db", "copy.db", "export", "jsonl"]).standardOutput == export)
        let log = try cli.run(["log", "isis-praised-attack"]).standardOutput
        #expect(log.contains("    citations[0].retracted: (none) → \"misread\""))
    }

    @Test(
        "retract and restore refuse bad input, each with its own message",
        arguments: [
            (
                ["retract", "hamas-praised-atack", "--reason", "x"], 65,
                "isnad: unknown claim \"hamas-praised-atack\" (did you mean \"hamas-praised-attack\"?)\n"
            ),
            (
                ["retract", "hamas-praised-attack"], 64,
                "isnad: --reason is required: say why, in a few words\n(see 'isnad retract --help')\n"
            ),
            (
                ["retract", "hamas-praised-attack", "--reason", "  "], 64,
                "isnad: --reason is empty: --reason <text>\n(see 'isnad retract --help')\n"
            ),
            (
                ["retract", "isis-praised-attack", "--citation", "3", "--reason", "x"], 65,
                "isnad: --citation: claim \"isis-praised-attack\" has 2 citations, not 3\n"
            ),
            (
                ["retract", "hamas-praised-attack", "--citation", "1", "--reason", "x"], 65,
                "isnad: citation 1 is the last standing citation of claim \"hamas-praised-attack\": retract the claim (without --citation)\n"
            ),
            (
                ["restore", "hamas-praised-attack"], 65,
                "isnad: claim \"hamas-praised-attack\" is not retracted, nor any of its citations\n"
            ),
            (
                ["restore", "isis-praised-attack", "--citation", "1"], 65,
                "isnad: citation 1 of claim \"isis-praised-attack\" is not retracted\n"
            ),
        ])
    func badRetract(arguments: [String], status: Int32, message: String) throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let result = try cli.run(arguments)
        #expect(result.status == status)
        #expect(result.standardError == message)
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        #expect(!(try cli.run(["log"]).standardOutput.contains("entry 2")))
    }

    @Test("show says what was retracted and left out, and log marks the retraction and the restoration")
    func marks() throws {
        let cli = try importedStore()
        #expect(try cli.run(["retract", "hamas-praised-attack", "--reason", "wrong group"]).status == 0)
        let show = try cli.run(["show", "hamas"]).standardOutput
        #expect(show.contains("\n(1 retracted claim left out: isnad show --include-retracted)\n"))
        let listed = try cli.run(["show", "hamas", "--include-retracted"]).standardOutput
        #expect(listed.contains("\n(1 retracted claim left out: listed under RETRACTED below)\n"))
        #expect(try cli.run(["log"]).standardOutput.contains("\n  changed claim \"hamas-praised-attack\" · retracted\n"))
        #expect(try cli.run(["restore", "hamas-praised-attack"]).status == 0)
        #expect(try cli.run(["log"]).standardOutput.contains("\n  changed claim \"hamas-praised-attack\" · restored\n"))
        #expect(!(try cli.run(["show", "hamas"]).standardOutput.contains("retracted")))
    }

    @Test("retracting twice says it is retracted already, with why")
    func retractTwice() throws {
        let cli = try importedStore()
        #expect(try cli.run(["retract", "hamas-praised-attack", "--reason", "wrong"]).status == 0)
        let again = try cli.run(["retract", "hamas-praised-attack", "--reason", "again"])
        #expect(again.status == 65)
        #expect(again.standardError == "isnad: claim \"hamas-praised-attack\" is retracted already (wrong)\n")
    }

    @Test("delete removes an entity or a source that nothing refers to, and undo brings it back")
    func delete() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let entity = try cli.run(["delete", "lonely"])
        #expect(entity.status == 0, "\(entity.standardError)")
        #expect(
            entity.standardError == "deleted entity \"lonely\" (history entry 2)\n"
                + "isnad: note: the store's history still holds \"lonely\" (isnad log lonely); isnad copy --without-history --without-retractions makes a copy without it to hand on\n"
        )
        #expect(
            try cli.run(["delete", "unused"]).standardError == "deleted source \"unused\" (history entry 3)\n"
                + "isnad: note: the store's history still holds \"unused\" (isnad log unused); isnad copy --without-history --without-retractions makes a copy without it to hand on\n"
        )
        #expect(try cli.run(["undo"]).status == 0)
        #expect(try cli.run(["undo"]).status == 0)
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }

    @Test(
        "delete refuses what something refers to, claims, and unknown ids",
        arguments: [
            (["delete", "hamas"], "isnad: cannot delete entity \"hamas\": claim \"hamas-praised-attack\" refers to it\n"),
            (["delete", "police"], "isnad: cannot delete source \"police\": claim \"isis-claimed-attack\" refers to it\n"),
            (
                ["delete", "hamas-praised-attack"],
                "isnad: \"hamas-praised-attack\" is a claim: claims are retracted (isnad retract), not deleted\n"
            ),
            (["delete", "lonley"], "isnad: no entity or source \"lonley\" (did you mean \"lonely\"?)\n"),
            (
                ["delete", "Islamic State"],
                "isnad: no entity or source has the id \"Islamic State\": delete takes an id, and that is a name of entity isis\n"
            ),
        ])
    func badDelete(arguments: [String], message: String) throws {
        let cli = try importedStore()
        let result = try cli.run(arguments)
        #expect(result.status == 65)
        #expect(result.standardError == message)
    }

    @Test(
        "a retracted claim does not hold its ends' types: the type changes, the backup imports, and the claim comes back (restore, undo) only once it fits again"
    )
    func retractedClaimsFollowTheirEndsTypes() throws {
        let cli = try importedStore()
        #expect(try cli.run(["retract", "isis-claimed-attack", "--reason", "misread", "--author", "ana"]).status == 0)
        // praised takes a place; claimed_responsibility_for, of the retracted claim, takes only an event.
        let set = try cli.run(["set", "hadera-attack", "type", "place", "--author", "ana"])
        #expect(set.status == 0, "\(set.standardError)")
        // Its record given again, standing, is kept retracted, not judged on today's types.
        let original = try #require(
            CoreCommandTests.records.split(separator: "\n").first { $0.contains(#""id":"isis-claimed-attack""#) })
        try cli.write("again.jsonl", original + "\n")
        let again = try cli.run(["import", "again.jsonl", "--author", "ana"])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(again.standardError.contains("kept retracted: claim \"isis-claimed-attack\""), "\(again.standardError)")
        #expect(try cli.run(["export", "jsonl", "--include-retracted", "-o", "backup.jsonl"]).status == 0)
        let copy = try cli.run(["--db", "copy.db", "import", "backup.jsonl"])
        #expect(copy.status == 0, "\(copy.standardError)")
        #expect(try cli.run(["check"]).status == 0)

        let before = try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes
        let restore = try cli.run(["restore", "isis-claimed-attack", "--author", "ana"])
        #expect(restore.status == 65, "\(restore.standardError)")
        #expect(
            restore.standardError
                == "isnad: claim \"isis-claimed-attack\" cannot be restored: object: claimed_responsibility_for takes an object of type event, not place (set the type of \"hadera-attack\" first, or leave the claim retracted)\n"
        )
        let undo = try cli.run(["undo", "2", "--author", "ana"])
        #expect(undo.status == 65, "\(undo.standardError)")
        #expect(
            undo.standardError
                == "isnad: cannot undo entry 2: it puts claim \"isis-claimed-attack\" back among the evidence, and the claim no longer fits its ends' types (object: claimed_responsibility_for takes an object of type event, not place); set the type of \"hadera-attack\" first (isnad log hadera-attack shows its changes)\n"
        )
        #expect(try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes == before)
        #expect(try cli.run(["set", "hadera-attack", "type", "event", "--author", "ana"]).status == 0)
        #expect(try cli.run(["undo", "2", "--author", "ana"]).status == 0)
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test(
        "undo of a type change that a claim added since depends on is refused, naming the claim and its entry; retracted, the claim no longer stops it"
    )
    func undoKeepsTypesTheClaimsSinceTake() throws {
        let cli = try importedStore()
        #expect(
            try cli.run(["add", "entity", "--type", "organization", "--name", "Camp X", "--id", "camp-x", "--author", "ana"])
                .status == 0)
        #expect(try cli.run(["set", "camp-x", "type", "place", "--author", "ana"]).status == 0)
        let added = try cli.run([
            "add", "claim", "hamas", "located_in", "camp-x", "--source", "police", "--quote", "q", "--unverified", "test",
            "--stance", "asserts", "--credibility", "3", "--author", "ana",
        ])
        #expect(added.status == 0, "\(added.standardError)")
        let claim = added.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let before = try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes
        let undo = try cli.run(["undo", "3", "--author", "ana"])
        #expect(undo.status == 65, "\(undo.standardError)")
        #expect(
            undo.standardError
                == "isnad: cannot undo entry 3: the type it puts back does not fit claim \"\(claim)\" (object: located_in takes an object of type place, not organization), written by entry 4: retract that claim first (isnad retract), or undo entry 4\n",
            "\(undo.standardError)")
        #expect(try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes == before)
        #expect(try cli.run(["check"]).status == 0)
        #expect(try cli.run(["retract", claim, "--reason", "the camp is a group", "--author", "ana"]).status == 0)
        let again = try cli.run(["undo", "3", "--author", "ana"])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test(
        "a citation restored, or its retraction undone, is not refused over a claim that stood all along outside the vocabulary (another program's store)"
    )
    func citationOfAClaimAlreadyOutsideTheVocabulary() throws {
        let cli = try importedStore()
        let shell = try #require(ExternalTool.path("sqlite3"), "the sqlite3 shell plants what another program could store")
        #expect(
            try ExternalTool.run(shell, [cli.path("isnad.db"), "UPDATE entity SET type = 'event' WHERE id = 'isis'"])
                .status == 0)
        #expect(try cli.run(["retract", "isis-praised-attack", "--citation", "1", "--reason", "x"]).status == 0)
        let restore = try cli.run(["restore", "isis-praised-attack", "--citation", "1"])
        #expect(restore.status == 0, "\(restore.standardError)")
        #expect(try cli.run(["retract", "isis-praised-attack", "--citation", "1", "--reason", "x"]).status == 0)
        let undo = try cli.run(["undo"])
        #expect(undo.status == 0, "\(undo.standardError)")
    }

    @Test("a retracted claim still holds its entity: delete refuses it")
    func retractedStillRefers() throws {
        let cli = try importedStore()
        #expect(try cli.run(["retract", "hamas-praised-attack", "--reason", "wrong"]).status == 0)
        let result = try cli.run(["delete", "hamas"])
        #expect(result.standardError == "isnad: cannot delete entity \"hamas\": claim \"hamas-praised-attack\" refers to it\n")
    }

    /// A claim that holds a citation retracted and its standing twin (an Isnad before schema
    /// version 7 imported a retracted citation again as a new one).
    static let twinRecords =
        CoreCommandTests.records
            + """
            {"record":"claim","id":"isis-praised-attack","subject":"isis","predicate":"praised","object":"hadera-attack","citations":[{"source":"article","quote":"أشاد","stance":"asserts","credibility":3},{"source":"police","quote":"praised it","stance":"reports","credibility":4,"retracted":"a duplicate"},{"source":"police","quote":"praised it","stance":"asserts","credibility":2}]}

            """

    @Test(
        "a retracted citation beside its standing twin round-trips through export and import, passes check, and restore refuses it in words"
    )
    func retractedCitationBesideItsStandingTwin() throws {
        let cli = try CLIHarness.scoped
        try cli.write("twins.jsonl", RetractionCommandTests.twinRecords)
        let imported = try cli.run(["import", "twins.jsonl"])
        #expect(imported.status == 0, "\(imported.standardError)")
        let backup = try cli.run(["export", "jsonl", "--include-retracted"])
        #expect(backup.status == 0, "\(backup.standardError)")
        #expect(backup.standardOutput.contains(#""retracted":"a duplicate"}"#))
        try cli.write("backup.jsonl", backup.standardOutput)
        #expect(try cli.run(["--db", "copy.db", "import", "backup.jsonl"]).status == 0)
        #expect(try cli.run(["--db", "copy.db", "export", "jsonl", "--include-retracted"]).outputBytes == backup.outputBytes)
        // Imported again into its own store, it changes nothing: the twin stays retracted, the other stands.
        #expect(try cli.run(["import", "backup.jsonl"]).status == 0)
        #expect(try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes == backup.outputBytes)
        let check = try cli.run(["check"])
        #expect(check.status == 0, "\(check.standardOutput)")
        let message =
            "isnad: claim \"isis-praised-attack\": citation 2 stands already as citation 3 (same source, via and quote): nothing to restore\n"
        for arguments in [["restore", "isis-praised-attack"], ["restore", "isis-praised-attack", "--citation", "2"]] {
            let restore = try cli.run(arguments)
            #expect(restore.status == 65)
            #expect(restore.standardError == message, "\(restore.standardError)")
        }
        let retract = try cli.run(["retract", "isis-praised-attack", "--citation", "3", "--reason", "x"])
        #expect(retract.status == 65)
        #expect(
            retract.standardError
                == "isnad: claim \"isis-praised-attack\": citations 2 and 3 have the same source, via and quote and would both be retracted: a claim holds a citation once (isnad set isis-praised-attack 'citations[2]' null removes the second); nothing changed\n",
            "\(retract.standardError)")
        #expect(try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes == backup.outputBytes)
        // The remedy the messages name.
        #expect(try cli.run(["set", "isis-praised-attack", "citations[2]", "null"]).status == 0)
        #expect(try cli.run(["restore", "isis-praised-attack"]).status == 0)
    }

    /// The claim of ``twinRecords`` with `citations`, as a line of a record file.
    static func twinClaim(_ citations: [String]) -> String {
        #"{"record":"claim","id":"isis-praised-attack","subject":"isis","predicate":"praised","object":"hadera-attack","citations":["#
            + citations.joined(separator: ",") + "]}\n"
    }

    static let policeRetracted =
        #"{"source":"police","quote":"praised it","stance":"reports","credibility":4,"retracted":"a duplicate"}"#
    static let policeStanding = #"{"source":"police","quote":"praised it","stance":"asserts","credibility":2}"#
    static let article = #"{"source":"article","quote":"أشاد","stance":"asserts","credibility":3}"#

    /// The citations of the twins' claim, as `export jsonl --include-retracted` writes them: source, stance, retracted.
    static func twinCitations(_ cli: CLIHarness, db: String) throws -> [String] {
        let export = try cli.run(["--db", db, "export", "jsonl", "--include-retracted"]).standardOutput
        let line = try #require(export.split(separator: "\n").first { $0.contains(#""id":"isis-praised-attack""#) })
        let claim = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        let citations = claim?["citations"] as? [[String: Any]] ?? []
        return citations.map { citation in
            "\(citation["source"] as? String ?? "?") \(citation["stance"] as? String ?? "?")\(citation["retracted"] == nil ? "" : " retracted")"
        }
    }

    @Test(
        "a record holding the twins, in either order, keeps both onto a claim that holds one copy or none; onto the copy retracted alone, the one given standing stays retracted, as that copy"
    )
    func twinsImportedInEitherOrder() throws {
        for (number, (stored, order, expected)) in [
            (
                [Self.policeStanding], [Self.policeRetracted, Self.policeStanding],
                ["police asserts", "police reports retracted"]
            ),
            (
                [Self.policeStanding], [Self.policeStanding, Self.policeRetracted],
                ["police asserts", "police reports retracted"]
            ),
            (
                [Self.article], [Self.policeStanding, Self.policeRetracted],
                ["article asserts", "police asserts", "police reports retracted"]
            ),
            (
                [Self.article], [Self.policeRetracted, Self.policeStanding],
                ["article asserts", "police reports retracted", "police asserts"]
            ),
            (
                [Self.article, Self.policeRetracted], [Self.article, Self.policeStanding, Self.policeRetracted],
                ["article asserts", "police reports retracted"]
            ),
        ].enumerated() {
            let cli = try CLIHarness.scoped
            let db = "order\(number).db"
            try cli.write("stored.jsonl", CoreCommandTests.records + Self.twinClaim(stored))
            #expect(try cli.run(["--db", db, "import", "stored.jsonl"]).status == 0)
            try cli.write("twins.jsonl", Self.twinClaim(order))
            let imported = try cli.run(["--db", db, "import", "twins.jsonl"])
            #expect(imported.status == 0, "\(imported.standardError)")
            let citations = try Self.twinCitations(cli, db: db)
            #expect(citations == expected, "\(citations)")
            #expect(try cli.run(["--db", db, "check"]).status == 0)
        }
    }

    @Test("merge carries a claim's twins: into a claim holding the same citation standing, or holding other citations alone")
    func mergeCarriesTwins() throws {
        for (number, (kept, other, expected)) in [
            (
                [Self.article], [Self.policeRetracted, Self.policeStanding],
                ["article asserts", "police reports retracted", "police asserts"]
            ),
            (
                [Self.policeStanding], [Self.article, Self.policeStanding, Self.policeRetracted],
                ["police asserts", "article asserts", "police reports retracted"]
            ),
            (
                [Self.policeRetracted, Self.policeStanding], [Self.policeStanding],
                ["police reports retracted", "police asserts"]
            ),
        ].enumerated() {
            let cli = try CLIHarness.scoped
            let db = "merge\(number).db"
            let otherClaim = Self.twinClaim(other)
                .replacingOccurrences(
                    of: #""id":"isis-praised-attack","subject":"isis""#,
                    with: #""id":"isis-alt-praised-attack","subject":"isis-alt""#)
            try cli.write(
                "records.jsonl",
                CoreCommandTests.records + #"{"record":"entity","id":"isis-alt","type":"organization","name":"ISIS too"}"# + "\n"
                    + Self.twinClaim(kept) + otherClaim)
            let imported = try cli.run(["--db", db, "import", "records.jsonl"])
            #expect(imported.status == 0, "\(imported.standardError)")
            let merged = try cli.run(["--db", db, "merge", "isis", "isis-alt"])
            #expect(merged.status == 0, "\(merged.standardError)")
            let citations = try Self.twinCitations(cli, db: db)
            #expect(citations == expected, "\(citations)")
            #expect(try cli.run(["--db", db, "check"]).status == 0)
        }
    }

    @Test("restore never offers a retracted citation beside its standing twin: it cannot be restored")
    func restoreOffersNoTwin() throws {
        let cli = try CLIHarness.scoped
        try cli.write("twins.jsonl", RetractionCommandTests.twinRecords)
        #expect(try cli.run(["--db", "whole.db", "import", "twins.jsonl"]).status == 0)
        #expect(try cli.run(["--db", "whole.db", "retract", "isis-praised-attack", "--reason", "whole"]).status == 0)
        let restored = try cli.run(["--db", "whole.db", "restore", "isis-praised-attack"])
        #expect(restored.status == 0, "\(restored.standardError)")
        #expect(!(restored.standardOutput + restored.standardError).contains("--citation N"), "\(restored.standardOutput)")
    }

    @Test("--dry-run of retract, restore and delete says what each would do, refuses what each refuses, and writes nothing")
    func dryRun() throws {
        let cli = try importedStore()
        let before = try cli.storeState()
        let cases: [([String], String)] = [
            (
                ["retract", "hamas-praised-attack", "--reason", "wrong attack"],
                "dry run: would have retracted claim \"hamas-praised-attack\"; nothing written\n"
            ),
            (
                ["retract", "isis-praised-attack", "--citation", "2", "--reason", "misread"],
                "dry run: would have retracted citation 2 of claim \"isis-praised-attack\"; nothing written\n"
            ),
            (["delete", "lonely"], "dry run: would have deleted entity \"lonely\"; nothing written\n"),
            (["delete", "unused"], "dry run: would have deleted source \"unused\"; nothing written\n"),
        ]
        for (arguments, said) in cases {
            let dry = try cli.run(arguments + ["--dry-run"])
            #expect(dry.status == 0 && dry.standardOutput.isEmpty, "\(dry.standardError)")
            #expect(dry.standardError == said)
        }
        for refused in [
            ["restore", "hamas-praised-attack"], ["delete", "hamas"], ["delete", "hamas-praised-attack"],
            ["retract", "hamas-praised-attack", "--citation", "1", "--reason", "r"], ["retract", "nothing", "--reason", "r"],
        ] {
            let real = try cli.run(refused)
            let dry = try cli.run(refused + ["--dry-run"])
            #expect(real.status == 65 && dry.status == 65, "\(dry.standardError)")
            #expect(dry.standardError == real.standardError)
        }
        #expect(try cli.storeState() == before)
        #expect(try cli.run(["retract", "isis-praised-attack", "--reason", "wrong attack"]).status == 0)
        #expect(try cli.run(["retract", "hamas-praised-attack", "--citation", "1", "--reason", "r"]).status == 65)
        let retracted = try cli.storeState()
        let restore = try cli.run(["restore", "isis-praised-attack", "--dry-run"])
        #expect(restore.status == 0)
        #expect(restore.standardError == "dry run: would have restored claim \"isis-praised-attack\"; nothing written\n")
        #expect(try cli.storeState() == retracted)
    }
}

extension Array {
    /// The two elements of a two-element array.
    fileprivate var pairIfTwo: (Element, Element)? { count == 2 ? (self[0], self[1]) : nil }
}
