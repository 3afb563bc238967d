import Foundation
import TestHelpers
import Testing

/// `isnad copy --without-source S --without-notes`: a copy to hand on that leaves a source that
/// must not be named out of the records themselves, and the analysts' notes, with the weighing of
/// what stays unchanged.
@Suite("A copy to hand on withholds a source and the notes", .temporaryStore)
struct WithholdingTests {
    static let dataset = Repository.root.appendingPathComponent("Datasets/hadera-2022/hadera-2022.jsonl").path
    static let sharing = ["--without-history", "--without-retractions"]

    /// The seed dataset, imported into the harness's store.
    private func seed() throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        #expect(try cli.run(["import", Self.dataset]).status == 0)
        return cli
    }

    @Test(
        "the seed without the leaked document: none of its words, id or title in the copy or any export of it; the claims that stay weigh as before, the document a nameless stub in the article's chain"
    )
    func seedWithoutTheDocument() throws {
        let cli = try seed()
        let copied = try cli.run(
            ["copy"] + Self.sharing + ["--without-source", "abu-maram-document", "--without-notes", "isnad.db", "share.db"])
        #expect(copied.status == 0, "\(copied.standardError)")
        #expect(
            copied.standardError
                == "copied isnad.db to share.db as of entry 1 of its history: 36 entities, 12 sources, 71 claims, 89 citations, no history, no retraction, no note\n"
                + "withheld 1 source: 31 citations, 21 claims known only from them, 2 entities known only from those claims; 1 kept nameless (withheld-source-N) in the chains of sources that relay them\n"
                // The document's author is an actor, and the article quotes its title (across a
                // line break): pointed out, not changed.
                + "isnad: note: what the copy keeps still names a withheld source (its id, title, author or url) in 4 fields: entity abu-maram-al-jazairi (id), entity abu-maram-al-jazairi (name), source hadera-2022-article (text), claim abu-maram-leader-in-isis's citation of hadera-2022-article (quote_en); read them before the copy is handed on, and change what must go in isnad.db, then copy again (a change in the copy goes into its history)\n"
        )
        #expect(try cli.run(["--db", "share.db", "check"]).status == 0)
        let title = "Response to the correspondence between the brothers in Sinai"
        for format in ["jsonl", "dot", "graphml", "gexf", "html", "stix", "ftm", "history"] {
            let export = try cli.run(["--db", "share.db", "export", format])
            #expect(export.status == 0, "\(format): \(export.standardError)")
            #expect(!export.standardOutput.contains("abu-maram-document"), "\(format)")
            #expect(!export.standardOutput.contains(title), "\(format)")
        }
        let file = String(decoding: try cli.read("share.db"), as: UTF8.self)
        #expect(!file.contains("abu-maram-document"))
        #expect(!file.contains(title))

        // Each claim that kept all its citations weighs as it did: its common link, where it was
        // the document, is the stub in its place.
        let before = try weights(cli, "isnad.db")
        let after = try weights(cli, "share.db")
        #expect(after.count == 71)
        var compared = 0
        for (claim, weight) in after where before[claim]?.citations == weight.citations {
            #expect(
                before[claim]?.evidence.replacingOccurrences(of: "abu-maram-document", with: "withheld-source-1")
                    == weight.evidence, "\(claim)")
            compared += 1
        }
        #expect(compared > 50)
        let records = try cli.run(["--db", "share.db", "export", "jsonl"]).standardOutput
        #expect(
            records.contains(
                #"{"record":"source","id":"withheld-source-1","type":"other","title":"A withheld source","reliability":"F","cites":["sinai-hamas-correspondence"]}"#
            ))
    }

    /// Each claim's weighed evidence (status, sources, grade, channels, common link) and how many
    /// citations it has, from `timeline --format json` (a line a claim, undated ones too).
    private func weights(_ cli: CLIHarness, _ store: String) throws -> [String: (evidence: String, citations: Int)] {
        let run = try cli.run(["--db", store, "timeline", "--format", "json"])
        #expect(run.status == 0, "\(run.standardError)")
        var weights: [String: (String, Int)] = [:]
        for line in run.standardOutput.split(separator: "\n") {
            let claim = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            let evidence = ["status", "sources", "best", "channels", "common_link"].map { "\(claim[$0] ?? "-")" }
            weights[claim["claim"] as? String ?? ""] = (
                evidence.joined(separator: " "), (claim["citations"] as? [Any])?.count ?? 0
            )
        }
        return weights
    }

    static let records = """
        {"record":"entity","id":"hamas","type":"organization","name":"Hamas"}
        {"record":"entity","id":"isis","type":"organization","name":"ISIS"}
        {"record":"entity","id":"courier","type":"person","name":"Abu Yusuf"}
        {"record":"entity","id":"jenin","type":"place","name":"Jenin"}
        {"record":"source","id":"wire","type":"news-article","title":"A wire","reliability":"C"}
        {"record":"source","id":"informant","type":"intelligence-report","title":"Debrief of Khaled Nasser","author":"Khaled Nasser","reliability":"B","cites":["wire"],"text":"Khaled Nasser said the courier works for Hamas."}
        {"record":"source","id":"memo","type":"other","title":"Internal memo","reliability":"D","cites":["informant"]}
        {"record":"source","id":"tip","type":"other","title":"Phone tip from Omar","reliability":"E"}
        {"record":"source","id":"paper","type":"news-article","title":"A paper","reliability":"A"}
        {"record":"claim","id":"courier-member","subject":"courier","predicate":"member_of","object":"hamas","citations":[{"source":"informant","quote":"the courier works for Hamas","stance":"asserts","credibility":2},{"source":"tip","quote":"Omar says so","stance":"reports","credibility":4}],"notes":"KN is our only source: do not share his name"}
        {"record":"claim","id":"hamas-hostile","subject":"hamas","predicate":"hostile_to","object":"isis","citations":[{"source":"informant","via":"memo","quote":"hostile","stance":"asserts","credibility":3},{"source":"paper","quote":"enemies","stance":"asserts","credibility":2},{"source":"memo","quote":"hostile too","stance":"reports","credibility":3}],"notes":"cross-check with the phone logs"}
        {"record":"claim","id":"isis-hostile","subject":"isis","predicate":"hostile_to","object":"hamas","citations":[{"source":"paper","quote":"enemies","stance":"asserts","credibility":2,"locator":"p. 4 (unverified: KN oral statement)"},{"source":"wire","quote":"foes","stance":"asserts","credibility":3,"locator":"unverified: memo not transcribed"}]}

        """

    @Test(
        "a withheld source goes with its citations as claimant or via (the others renumbered from 1), the claims and entities only they knew, and the notes; a source that relays it keeps a stub with its grade and what it relays, one no one relays goes whole"
    )
    func whatGoesAndWhatStays() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", Self.records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let copied = try cli.run(
            ["copy"] + Self.sharing + ["--without-source", "informant,tip", "--without-notes", "isnad.db", "share.db"])
        #expect(copied.status == 0, "\(copied.standardError)")
        #expect(
            copied.standardError.hasSuffix(
                "withheld 2 sources: 3 citations, 1 claim known only from them, 1 entity known only from those claims; 1 kept nameless (withheld-source-N) in the chains of sources that relay them\n"
            ), "\(copied.standardError)")
        #expect(!copied.standardError.contains("still names"))
        let records = try cli.run(["--db", "share.db", "export", "jsonl"]).standardOutput
        for gone in [
            "informant", "Khaled", "Nasser", "tip", "Omar", "courier", "Abu Yusuf", "do not share", "phone logs", "KN oral",
            "transcribed",
        ] {
            #expect(!records.contains(gone), "\(gone) in \(records)")
        }
        // Jenin took part in no claim: it stays, as every entity not known only from what went.
        #expect(records.contains(#""id":"jenin""#))
        #expect(
            records.contains(
                #"{"record":"source","id":"withheld-source-1","type":"other","title":"A withheld source","reliability":"B","cites":["wire"]}"#
            ), "\(records)")
        #expect(
            records.contains(
                #""id":"memo","type":"other","title":"Internal memo","reliability":"D","cites":["withheld-source-1"]"#))
        #expect(
            records.contains(
                #"{"record":"claim","id":"hamas-hostile","subject":"hamas","predicate":"hostile_to","object":"isis","start":null,"end":null,"citations":[{"source":"paper","quote":"enemies","stance":"asserts","credibility":2},{"source":"memo","quote":"hostile too","stance":"reports","credibility":3}]}"#
            ), "\(records)")
        // The reasons given for unverified quotes are the analysts' words too: the locator keeps
        // that the quote is unverified.
        #expect(records.contains(#""locator":"p. 4 (unverified)""#), "\(records)")
        #expect(records.contains(#""locator":"unverified""#))
        #expect(try cli.run(["--db", "share.db", "check"]).status == 0)
        // A copy of the copy withholding another source relayed: its stub takes the next name.
        let again = try cli.run(["copy"] + Self.sharing + ["--without-source", "wire", "share.db", "again.db"])
        #expect(again.status == 0, "\(again.standardError)")
        let twice = try cli.run(["--db", "again.db", "export", "jsonl"]).standardOutput
        #expect(
            twice.contains(
                #"{"record":"source","id":"withheld-source-1","type":"other","title":"A withheld source","reliability":"B","cites":["withheld-source-2"]}"#
            ), "\(twice)")
        #expect(
            twice.contains(
                #"{"record":"source","id":"withheld-source-2","type":"other","title":"A withheld source","reliability":"C"}"#))
        // The citation numbers are the copy's own: its second citation is number 2.
        let shown = try cli.run(["--db", "share.db", "retract", "hamas-hostile", "--citation", "2", "--reason", "test"])
        #expect(shown.status == 0, "\(shown.standardError)")
        // Numbered from 0 as a store numbers them: there is no third.
        #expect(
            try cli.run(["--db", "share.db", "retract", "hamas-hostile", "--citation", "3", "--reason", "test"]).status == 65)
    }

    @Test(
        "free text that names a withheld source as words of its own (its author across a line break, in another case) is pointed out, not within a longer word"
    )
    func mentionsPointedOut() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "records.jsonl",
            """
            {"record":"entity","id":"hamas","type":"organization","name":"Hamas"}
            {"record":"entity","id":"isis","type":"organization","name":"ISIS"}
            {"record":"source","id":"informant","type":"intelligence-report","title":"Debrief K","author":"Khaled Nasser","reliability":"B"}
            {"record":"source","id":"paper","type":"news-article","title":"A paper","reliability":"A"}
            {"record":"claim","id":"named","subject":"hamas","predicate":"hostile_to","object":"isis","citations":[{"source":"paper","quote":"enemies","stance":"asserts","credibility":2,"locator":"as KHALED\\nNasser told us, p. 2"}]}
            {"record":"claim","id":"khaled-nasser-says","subject":"hamas","predicate":"allied_with","object":"isis","citations":[{"source":"paper","quote":"allies","stance":"asserts","credibility":2}]}
            {"record":"claim","id":"unnamed","subject":"isis","predicate":"hostile_to","object":"hamas","citations":[{"source":"paper","quote":"the Khaled Nassers of this world","stance":"asserts","credibility":2},{"source":"informant","quote":"hostile","stance":"asserts","credibility":2}]}

            """)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let copied = try cli.run(["copy"] + Self.sharing + ["--without-source", "informant", "isnad.db", "share.db"])
        #expect(copied.status == 0, "\(copied.standardError)")
        #expect(
            copied.standardError.hasSuffix(
                "isnad: note: what the copy keeps still names a withheld source (its id, title, author or url) in 2 fields: claim khaled-nasser-says (id), claim named's citation of paper (locator); read them before the copy is handed on, and change what must go in isnad.db, then copy again (a change in the copy goes into its history)\n"
            ), "\(copied.standardError)")
    }

    @Test(
        "a withheld author's surname alone or initials are not looked for, as the guarantees say: only the name whole, the note being for what surely names it"
    )
    func surnameAndInitialsLeftToTheReader() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "records.jsonl",
            """
            {"record":"entity","id":"org-a","type":"organization","name":"Org A"}
            {"record":"entity","id":"org-b","type":"organization","name":"Org B"}
            {"record":"source","id":"debrief-7","type":"other","title":"Debrief seven","author":"Khaled Nasser","reliability":"B"}
            {"record":"source","id":"paper","type":"news-article","title":"A paper","reliability":"C"}
            {"record":"claim","id":"a-funded-b","subject":"org-a","predicate":"funded","object":"org-b","notes":"Nasser said so in March; K.N. again in April; per KN","citations":[{"source":"debrief-7","quote":"A pays B","stance":"asserts","credibility":2},{"source":"paper","quote":"A funds B","stance":"reports","credibility":3}]}
            {"record":"claim","id":"b-funded-a","subject":"org-b","predicate":"funded","object":"org-a","notes":"as Khaled Nasser told us","citations":[{"source":"paper","quote":"B funds A","stance":"reports","credibility":3}]}

            """)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let copied = try cli.run(["copy"] + Self.sharing + ["--without-source", "debrief-7", "isnad.db", "share.db"])
        #expect(copied.status == 0, "\(copied.standardError)")
        #expect(
            copied.standardError.contains(
                "still names a withheld source (its id, title, author or url) in 1 field: claim b-funded-a (notes);"),
            "\(copied.standardError)")
    }

    @Test(
        "a claim only the withheld source supports goes even when a kept source denies it, with the person only it named; the citations kept are numbered from 0 as a store's are, and check passes"
    )
    func deniedClaimGoes() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "records.jsonl",
            """
            {"record":"entity","id":"org-x","type":"organization","name":"Org X"}
            {"record":"entity","id":"org-y","type":"organization","name":"Org Y"}
            {"record":"entity","id":"abu-zaid","type":"person","name":"Abu Zaid al-Halabi"}
            {"record":"source","id":"debrief-7","type":"intelligence-report","title":"Debrief of Khaled Nasser","reliability":"B"}
            {"record":"source","id":"org-x-spokesman","type":"statement","title":"Org X spokesman","reliability":"D"}
            {"record":"claim","id":"c1","subject":"abu-zaid","predicate":"member_of","object":"org-x","citations":[{"source":"debrief-7","quote":"Abu Zaid is their courier","stance":"asserts","credibility":2},{"source":"org-x-spokesman","quote":"we have nobody of that name","stance":"denies","credibility":4}]}
            {"record":"claim","id":"c2","subject":"org-x","predicate":"hostile_to","object":"org-y","citations":[{"source":"debrief-7","quote":"they fight","stance":"asserts","credibility":2},{"source":"org-x-spokesman","quote":"we fight them","stance":"asserts","credibility":3}]}

            """)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let copied = try cli.run(["copy"] + Self.sharing + ["--without-source", "debrief-7", "isnad.db", "share.db"])
        #expect(copied.status == 0, "\(copied.standardError)")
        #expect(
            copied.standardError.contains(
                "withheld 1 source: 3 citations, 1 claim known only from them, 1 entity known only from those claims\n"),
            "\(copied.standardError)")
        let records = try cli.run(["--db", "share.db", "export", "jsonl"]).standardOutput
        for gone in ["c1", "abu-zaid", "nobody of that name", "debrief", "Khaled"] {
            #expect(!records.contains(gone), "\(gone)")
        }
        #expect(records.contains(#""id":"c2""#))
        let check = try cli.run(["--db", "share.db", "check"])
        #expect(check.status == 0, "\(check.standardOutput)")
    }

    @Test(
        "a grade 1 (confirmed) that only the withheld source bore out is named, as check would: the grade tells a partner that something withheld confirmed it"
    )
    func confirmationThatWent() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "records.jsonl",
            """
            {"record":"entity","id":"org-x","type":"organization","name":"Org X"}
            {"record":"entity","id":"org-y","type":"organization","name":"Org Y"}
            {"record":"source","id":"debrief-7","type":"intelligence-report","title":"Debrief K","reliability":"B"}
            {"record":"source","id":"paper-a","type":"news-article","title":"Paper A","reliability":"C"}
            {"record":"claim","id":"c1","subject":"org-x","predicate":"funded","object":"org-y","citations":[{"source":"paper-a","quote":"q1","stance":"asserts","credibility":1},{"source":"debrief-7","quote":"q2","stance":"asserts","credibility":2}]}

            """)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        #expect(try cli.run(["check"]).status == 0)
        let copied = try cli.run(["copy"] + Self.sharing + ["--without-source", "debrief-7", "isnad.db", "share.db"])
        #expect(copied.status == 0, "\(copied.standardError)")
        #expect(
            copied.standardError.hasSuffix(
                "isnad: note: 1 citation graded 1 (confirmed) is no longer borne out by what the copy keeps, which tells that something withheld confirmed it: claim c1 (paper-a); grade it 2 in isnad.db (isnad set) and copy again\n"
            ), "\(copied.standardError)")
    }

    @Test(
        "a claim the copy keeps that reads weaker without the source is named, before and after, with source --impact for the whole list: asserted only by the informant, alleged in the copy"
    )
    func claimsThatReadWeaker() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", QueryCommandTests.informantRecords)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let copied = try cli.run(["copy"] + Self.sharing + ["--without-source", "informant-k", "isnad.db", "share.db"])
        #expect(copied.status == 0, "\(copied.standardError)")
        #expect(
            copied.standardError
                == "copied isnad.db to share.db as of entry 1 of its history: 2 entities, 2 sources, 1 claim, 2 citations, no history, no retraction\n"
                + "withheld 1 source: 2 citations, 1 claim known only from them, 0 entities known only from those claims\n"
                + "1 claim kept reads weaker without it: smuggled ASSERTED C3, 3 channels → ALLEGED B4, 2 channels (isnad --db isnad.db source informant-k --impact lists each claim that would lose support, and how it would read)\n",
            "\(copied.standardError)")
        // What the copy holds reads as the line says.
        let kept = try cli.run(["--db", "share.db", "claims", "--id", "smuggled"])
        #expect(kept.standardOutput.contains("ALLEGED  B4    2"), "\(kept.standardOutput)")
        // A claim that loses a channel and keeps its status and grade is not named.
        let withoutDocument = try cli.run(["copy"] + Self.sharing + ["--without-source", "document", "isnad.db", "share-2.db"])
        #expect(withoutDocument.status == 0, "\(withoutDocument.standardError)")
        #expect(!withoutDocument.standardError.contains("weaker"), "\(withoutDocument.standardError)")
    }

    @Test(
        "the read-weaker line's command runs when pasted (the store's path one shell word), and says a disputed claim's channels as claims does: 3 channels (1 denying)"
    )
    func claimsThatReadWeakerInAStoreWithASpace() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", QueryCommandTests.disputedInformantRecords)
        #expect(try cli.run(["--db", "my store.db", "import", "records.jsonl"]).status == 0)
        let copied = try cli.run(["copy"] + Self.sharing + ["--without-source", "informant-k", "my store.db", "share.db"])
        #expect(copied.status == 0, "\(copied.standardError)")
        #expect(
            copied.standardError.hasSuffix(
                "1 claim kept reads weaker without it: smuggled DISPUTED A2, 3 channels (1 denying) → DISPUTED B4, 2 channels (1 denying) (isnad --db 'my store.db' source informant-k --impact lists each claim that would lose support, and how it would read)\n"
            ), "\(copied.standardError)")
        // The copy's claims table writes the same channels.
        let kept = try cli.run(["--db", "share.db", "claims", "--id", "smuggled"])
        #expect(kept.standardOutput.contains("DISPUTED by D3  B4    2 (1 denying)  "), "\(kept.standardOutput)")
        // The command, pasted into a shell, reads the store copied.
        let hint = try #require(copied.standardError.firstMatch(of: /\((isnad --db .* --impact) lists/)?.1)
        let pasted = try ExternalTool.run(
            "/bin/sh", ["-c", "isnad() { \"$ISNAD\" \"$@\"; }; " + hint], directory: cli.directory,
            environment: ["ISNAD": CLIHarness.binary, "PATH": "/usr/bin:/bin"])
        #expect(pasted.status == 0, "\(hint): \(pasted.standardError)")
        #expect(pasted.standardOutput.hasPrefix("If informant-k (A) were discredited:"), "\(pasted.standardOutput)")
        // A refusal's hint quotes the store and what was given as an id alike.
        let refused = try cli.run(["copy"] + Self.sharing + ["--without-source", "Debrief Seven", "my store.db", "share-2.db"])
        #expect(refused.status == 65)
        #expect(
            refused.standardError
                == "isnad: my store.db holds no source with the id \"Debrief Seven\" (isnad --db 'my store.db' source 'Debrief Seven' finds one by its title)\n",
            "\(refused.standardError)")
    }

    @Test(
        "names are looked for as search folds them: diacritics, tatweel and an Arabic prefix letter aside, an id's hyphens as spaces, initials of two letters"
    )
    func mentionsFoldedAsSearch() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "records.jsonl",
            """
            {"record":"entity","id":"org-x","type":"organization","name":"Org X"}
            {"record":"entity","id":"org-y","type":"organization","name":"Org Y"}
            {"record":"source","id":"debrief-7","type":"intelligence-report","title":"KN","author":"خالد نصر","reliability":"B"}
            {"record":"source","id":"paper-a","type":"news-article","title":"Paper A","reliability":"C"}
            {"record":"source","id":"paper-b","type":"news-article","title":"Paper B","reliability":"C"}
            {"record":"claim","id":"c1","subject":"org-x","predicate":"funded","object":"org-y","citations":[{"source":"paper-a","quote":"قال وخَالـد نصر","stance":"asserts","credibility":2,"locator":"per KN, p. 2"},{"source":"paper-b","quote":"as in debrief 7","stance":"asserts","credibility":2},{"source":"debrief-7","quote":"q","stance":"asserts","credibility":2}]}
            {"record":"claim","id":"c2","subject":"org-y","predicate":"funded","object":"org-x","citations":[{"source":"paper-a","quote":"knowing nothing","stance":"asserts","credibility":2}]}

            """)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let copied = try cli.run(["copy"] + Self.sharing + ["--without-source", "debrief-7", "isnad.db", "share.db"])
        #expect(copied.status == 0, "\(copied.standardError)")
        for field in [
            "claim c1's citation of paper-a (quote)", "claim c1's citation of paper-a (locator)",
            "claim c1's citation of paper-b (quote)",
        ] {
            #expect(copied.standardError.contains(field), "\(copied.standardError)")
        }
        #expect(!copied.standardError.contains("c2"), "\(copied.standardError)")
    }

    @Test(
        "the names a withheld source had before a rename and set (its history's) are looked for too: a text quoting its first title still names it"
    )
    func earlierNamesLookedFor() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "records.jsonl",
            """
            {"record":"entity","id":"org-x","type":"organization","name":"Org X"}
            {"record":"entity","id":"org-y","type":"organization","name":"Org Y"}
            {"record":"source","id":"debrief-of-khaled-nasser","type":"intelligence-report","title":"Debrief of Khaled Nasser","reliability":"B"}
            {"record":"source","id":"memo","type":"other","title":"Memo","reliability":"C","text":"As the Debrief of Khaled Nasser says, X funds Y."}
            {"record":"claim","id":"c1","subject":"org-x","predicate":"funded","object":"org-y","citations":[{"source":"memo","quote":"X funds Y","stance":"asserts","credibility":3},{"source":"debrief-of-khaled-nasser","quote":"q","stance":"asserts","credibility":2}]}

            """)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        #expect(try cli.run(["rename", "debrief-of-khaled-nasser", "source-k"]).status == 0)
        #expect(try cli.run(["set", "source-k", "title", "Debrief K"]).status == 0)
        let copied = try cli.run(["copy"] + Self.sharing + ["--without-source", "source-k", "isnad.db", "share.db"])
        #expect(copied.status == 0, "\(copied.standardError)")
        #expect(copied.standardError.contains("in 1 field: source memo (text);"), "\(copied.standardError)")
    }

    @Test(
        "withholding in a copy that keeps the history or the retractions is refused (64), an unknown source too (65), and nothing is written"
    )
    func refusals() throws {
        let cli = try seed()
        let cases: [([String], Int32, String)] = [
            (
                ["--without-source", "abu-maram-document"], 64,
                "isnad: --without-source needs --without-history: the history holds the withheld records as they were\n"
            ),
            (
                ["--without-history", "--without-notes"], 64,
                "isnad: --without-notes needs --without-retractions: the retractions hold the notes as they were\n"
            ),
            (
                Self.sharing + ["--without-source", "abu-maram"], 65,
                "isnad: isnad.db holds no source with the id \"abu-maram\" (isnad --db isnad.db source abu-maram finds one by its title)\n"
            ),
        ]
        for (options, status, message) in cases {
            let result = try cli.run(["copy"] + options + ["isnad.db", "share.db"])
            #expect(result.status == status, "\(options): \(result.standardError)")
            #expect(result.standardError == message, "\(options)")
            #expect(!FileManager.default.fileExists(atPath: cli.path("share.db")))
        }
    }

    @Test(
        "a copy to PostgreSQL withholds as a copy to a file does: the same records",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func toPostgreSQL() throws {
        let cli = try seed()
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        let uri = PostgreSQLServer.storeURI(name)
        let options = Self.sharing + ["--without-source", "abu-maram-document,site-intelligence-hadera", "--without-notes"]
        #expect(try cli.run(["copy"] + options + ["isnad.db", "share.db"]).status == 0)
        let copied = try cli.run(["copy"] + options + ["isnad.db", uri])
        #expect(copied.status == 0, "\(copied.standardError)")
        let file = try cli.run(["--db", "share.db", "export", "jsonl"]).standardOutput
        #expect(try cli.run(["--db", uri, "export", "jsonl"]).standardOutput == file)
        // And back: a PostgreSQL store withholds as a file does.
        let back = try cli.run(["copy"] + Self.sharing + ["--without-source", "hamas-statement-hadera", uri, "again.db"])
        #expect(back.status == 0, "\(back.standardError)")
        let again = try cli.run(["--db", "again.db", "export", "jsonl"]).standardOutput
        #expect(!again.contains("hamas-statement-hadera"))
        #expect(again.contains(#""id":"withheld-source-2""#))
    }
}
