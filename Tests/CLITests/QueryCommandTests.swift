import Foundation
import TestHelpers
import Testing

/// The query commands on the seed dataset, run as the built binary.
@Suite("Query commands end to end", .temporaryStore)
struct QueryCommandTests {
    private func datasetStore() throws -> CLIHarness { try CLIHarness.withDataset }

    @Test("how is Hamas linked to Wilayat Sinai, according to whom: every hop names its source")
    func analystQuestion() throws {
        let cli = try datasetStore()
        let shortest = try cli.run(["path", "hamas", "Wilayat Sinai"])
        #expect(shortest.status == 0)
        #expect(shortest.standardOutput.contains("Hamas → Wilayat Sinai  (1 hop"))
        let all = try cli.run(["path", "hamas", "ولاية سيناء", "--all", "--max-depth", "3"])
        #expect(all.standardOutput.contains(": Hamas → Islamic State → Wilayat Sinai  (2 hops"))
        // Every hop says it rests on one channel, through the article: the web is one voice.
        for line in all.standardOutput.split(separator: "\n") where line.contains("—[") {
            #expect(line.contains("source") && line.contains("best"), "a hop without its evidence: \(line)")
            #expect(line.contains("1 channel, all through hadera-2022-article (E)"), "\(line)")
        }
        let before2018 = try cli.run(["path", "hamas", "wilayat-sinai", "--all", "--known-by", "2017"])
        #expect(before2018.status == 0)
        #expect(
            before2018.standardError.contains(
                "no chain of claims links Hamas (hamas) and Wilayat Sinai (wilayat-sinai) within 4 hops under these filters"))
        let known = try cli.run(["show", "hamas", "--known-by", "2017"])
        #expect(known.standardOutput.contains("essam-salih-press-conference-2017"))
        #expect(!known.standardOutput.contains("abu-maram-document"))
    }

    @Test(
        "a chain's weakest hop is its disputed or alleged one, and rumours in two channels do not outrank a ministry's assertions"
    )
    func weakestHopByStatus() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "records.jsonl",
            """
            {"record":"entity","id":"kay","type":"person","name":"Kay Kappa"}
            {"record":"entity","id":"org-m","type":"organization","name":"Org M"}
            {"record":"entity","id":"org-n","type":"organization","name":"Org N"}
            {"record":"entity","id":"org-p","type":"organization","name":"Org P"}
            {"record":"source","id":"gov","type":"official-statement","title":"Ministry statement","published":"2020","reliability":"A"}
            {"record":"source","id":"ngo-1","type":"intelligence-report","title":"NGO one","published":"2021","reliability":"A"}
            {"record":"source","id":"ngo-2","type":"intelligence-report","title":"NGO two","published":"2021","reliability":"A"}
            {"record":"source","id":"court","type":"official-statement","title":"Court ruling","published":"2022","reliability":"A"}
            {"record":"source","id":"rumour-1","type":"social-media-post","title":"Rumour one","published":"2021","reliability":"F"}
            {"record":"source","id":"rumour-2","type":"social-media-post","title":"Rumour two","published":"2021","reliability":"F"}
            {"record":"claim","id":"kay-member-m","subject":"kay","predicate":"member_of","object":"org-m","start":null,"end":null,"citations":[{"source":"gov","quote":"Kay is a member of M","stance":"asserts","credibility":2}]}
            {"record":"claim","id":"m-funded-n","subject":"org-m","predicate":"funded","object":"org-n","start":null,"end":null,"citations":[{"source":"ngo-1","quote":"M funds N","stance":"asserts","credibility":2},{"source":"ngo-2","quote":"M pays N","stance":"asserts","credibility":2},{"source":"court","quote":"M never funded N","stance":"denies","credibility":1}]}
            {"record":"claim","id":"m-rumoured-p","subject":"org-m","predicate":"funded","object":"org-p","start":null,"end":null,"citations":[{"source":"rumour-1","quote":"M funds P","stance":"asserts","credibility":6},{"source":"rumour-2","quote":"M pays P","stance":"reports","credibility":6}]}
            {"record":"claim","id":"m-allied-p","subject":"org-m","predicate":"allied_with","object":"org-p","start":null,"end":null,"citations":[{"source":"gov","quote":"M and P are allies","stance":"asserts","credibility":2}]}

            """)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let disputed = try cli.run(["path", "kay", "org-n"]).standardOutput
        #expect(disputed.contains("(2 hops; weakest hop DISPUTED by A2 · best A2 · 2 channels"), "\(disputed)")
        // Between M and P the ministry's assertion is the hop's claim; the two rumours come after.
        let allied = try cli.run(["path", "kay", "org-p"]).standardOutput
        #expect(allied.contains("weakest hop ASSERTED A2 · 1 channel"), "\(allied)")
        #expect(allied.contains("2. Org M —[allied with]— Org P"), "\(allied)")
        #expect(allied.contains("other claims between them (→ Org M to Org P, ← back): → funded [ALLEGED F6, 2 channels]"))
    }

    @Test(
        "claims --source, found through the citation indexes, lists the claims a source makes or relays, as the whole listing holds them"
    )
    func claimsBySource() throws {
        let cli = try datasetStore()
        let whole = try cli.run(["claims", "--format", "csv"]).standardOutput.split(separator: "\r\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let header = try #require(whole.first)
        let (claim, source, via) = (
            try #require(header.firstIndex(of: "claim")), try #require(header.firstIndex(of: "citation_source")),
            try #require(header.firstIndex(of: "via"))
        )
        // Quotes hold commas: only rows whose leading columns parse alike are compared, by claim id.
        let sources = Set(whole.dropFirst().compactMap { $0.count > source ? $0[source] : nil }.filter { !$0.isEmpty })
        #expect(sources.count > 5)
        for id in sources {
            let expected = Set(
                whole.dropFirst().filter { $0.count > via && ($0[source] == id || $0[via] == id) }.map { $0[claim] })
            let listed = try cli.run(["claims", "--source", id, "--format", "csv"]).standardOutput.split(separator: "\r\n")
                .dropFirst().map { String($0.split(separator: ",", maxSplits: 1)[0]) }
            #expect(Set(listed) == expected, "\(id)")
            #expect(listed == listed.sorted(), "\(id): in id order")
        }
    }

    @Test("source under a filter lists only the claims in which the filters keep its own citation, not another's")
    func sourceUnderAFilter() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "records.jsonl",
            """
            {"record":"entity","id":"a","type":"organization","name":"Alpha"}
            {"record":"entity","id":"b","type":"organization","name":"Beta"}
            {"record":"source","id":"late","type":"news-article","title":"Late article","reliability":"B","published":"2020"}
            {"record":"source","id":"early","type":"statement","title":"Early statement","reliability":"C","published":"2010"}
            {"record":"claim","id":"c1","subject":"a","predicate":"funded","object":"b","start":null,"end":null,"citations":[{"source":"late","quote":"q1","stance":"asserts","credibility":2},{"source":"early","quote":"q2","stance":"denies","credibility":3}]}

            """)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let knownBy = try cli.run(["source", "late", "--known-by", "2015"])
        #expect(knownBy.status == 0, "\(knownBy.standardError)")
        #expect(knownBy.standardOutput.contains("Claims it makes (0)"), "\(knownBy.standardOutput)")
        #expect(
            try cli.run(["source", "late", "--known-by", "2015", "--format", "csv"]).standardOutput.split(separator: "\n").count
                == 1)
        #expect(
            try cli.run(["source", "late", "--stance", "denies", "--limit", "10"]).standardOutput.contains("Claims it makes (0)"))
        #expect(
            try cli.run(["source", "early", "--stance", "denies", "--limit", "10"]).standardOutput.contains("Claims it makes (1)")
        )
        #expect(try cli.run(["source", "late", "--known-by", "2021"]).standardOutput.contains("Claims it makes (1)"))
        // A relay published after the date had quoted nothing by then, though what it quotes was public.
        try cli.write(
            "relay.jsonl",
            """
            {"record":"source","id":"relay","type":"news-article","title":"Relay","reliability":"B","published":"2022"}
            {"record":"claim","id":"c1","subject":"a","predicate":"funded","object":"b","start":null,"end":null,"citations":[{"source":"early","via":"relay","quote":"q3","stance":"asserts","credibility":3}]}

            """)
        #expect(try cli.run(["import", "relay.jsonl"]).status == 0)
        #expect(
            try cli.run(["source", "relay", "--known-by", "2021"]).standardOutput.contains("Claims of others quoted in it (0)"))
        #expect(
            try cli.run(["source", "relay", "--known-by", "2022"]).standardOutput.contains("Claims of others quoted in it (1)"))
    }

    @Test("a claim cited by many sources names the first ten in a table's SAID BY, and counts the rest")
    func manyClaimants() throws {
        let cli = try CLIHarness.scoped
        let sources = (0..<15).map {
            #"{"record":"source","id":"s-\#($0)","type":"statement","title":"S \#($0)","reliability":"C"}"#
        }
        let citations = (0..<15).map { #"{"source":"s-\#($0)","quote":"q\#($0)","stance":"asserts","credibility":3}"# }
        try cli.write(
            "records.jsonl",
            ([
                #"{"record":"entity","id":"a","type":"organization","name":"Alpha"}"#,
                #"{"record":"entity","id":"b","type":"organization","name":"Beta"}"#,
            ] + sources + [
                #"{"record":"claim","id":"c1","subject":"a","predicate":"funded","object":"b","citations":[\#(citations.joined(separator: ","))]}"#
            ]).joined(separator: "\n") + "\n")
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let table = try cli.run(["claims"]).standardOutput
        #expect(table.contains("s-9 (asserts C3), … 5 more (--format csv lists each)"), "\(table)")
        #expect(!table.contains("s-10 (asserts"))
        #expect(try cli.run(["claims", "--format", "csv"]).standardOutput.contains("s-14"))
        // Asked for by id, the claim's SAID BY names every claimant.
        let byID = try cli.run(["claims", "--id", "c1"]).standardOutput
        #expect(byID.contains("s-9 (asserts C3), s-10 (asserts C3)") && byID.contains("s-14 (asserts C3)"), "\(byID)")
        #expect(!byID.contains("more (--format csv lists each)"))
    }

    /// Two claims of one predicate between the same entities, of other dates, and a third.
    private func claimsOfOnePairStore() throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        try cli.write(
            "records.jsonl",
            """
            {"record":"entity","id":"a","type":"organization","name":"Alpha"}
            {"record":"entity","id":"b","type":"organization","name":"Beta"}
            {"record":"source","id":"wire","type":"statement","title":"Wire","reliability":"C"}
            {"record":"source","id":"paper","type":"statement","title":"Paper","reliability":"B"}
            {"record":"claim","id":"funded-2014","subject":"a","predicate":"funded","object":"b","start":"2014","end":"2014","citations":[{"source":"wire","quote":"q1","stance":"asserts","credibility":3},{"source":"paper","quote":"q2","stance":"asserts","credibility":2}]}
            {"record":"claim","id":"funded-2016","subject":"a","predicate":"funded","object":"b","start":"2016","citations":[{"source":"wire","quote":"q3","stance":"asserts","credibility":3}]}
            {"record":"claim","id":"b-funded-a","subject":"b","predicate":"funded","object":"a","citations":[{"source":"paper","quote":"q4","stance":"asserts","credibility":2}]}

            """)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        return cli
    }

    @Test("claims --id lists the claims of those ids alone, repeated or separated with commas, in id order")
    func claimsByID() throws {
        let cli = try claimsOfOnePairStore()
        let one = try cli.run(["claims", "--id", "funded-2014"])
        #expect(one.status == 0)
        #expect(
            one.standardOutput.contains("funded-2014") && !one.standardOutput.contains("funded-2016"), "\(one.standardOutput)")
        #expect(one.standardError == "1 claim\n")
        for arguments in [["--id", "funded-2016,b-funded-a"], ["--id", "funded-2016", "--id", "b-funded-a"]] {
            let lines = try cli.run(["claims"] + arguments).standardOutput.split(separator: "\n")
            #expect(lines.map { $0.prefix(while: { $0 != " " }) } == ["CLAIM", "b-funded-a", "funded-2016"], "\(lines)")
        }
    }

    @Test("claims --id combines with the other options: a claim is listed when it passes them all")
    func claimsByIDWithFilters() throws {
        let cli = try claimsOfOnePairStore()
        let other = try cli.run(["claims", "--id", "funded-2014", "--subject", "b"])
        #expect(other.status == 0 && other.standardOutput.isEmpty)
        #expect(other.standardError == "0 claims pass the filters\n", "\(other.standardError)")
        let kept = try cli.run(["claims", "--id", "funded-2014,funded-2016,b-funded-a", "--subject", "a", "--as-of", "2016"])
        #expect(
            kept.standardOutput.contains("funded-2016") && !kept.standardOutput.contains("funded-2014"), "\(kept.standardOutput)")
        // A filter on citations keeps the claim's citations that pass it.
        let rows = try cli.run(["claims", "--id", "funded-2014", "--source", "paper", "--format", "csv"]).standardOutput
        #expect(rows.split(separator: "\r\n").count == 2, "\(rows)")
        #expect(rows.contains(",paper,") && !rows.contains(",wire,"))
    }

    @Test("claims --subject and --object take lists, as every other selector of claims: repeated or separated with commas")
    func claimsBySubjectsAndObjects() throws {
        let cli = try claimsOfOnePairStore()
        for arguments in [["--subject", "a,b"], ["--subject", "a", "--subject", "Beta"], ["--subject", "alpha, b"]] {
            let listed = try cli.run(["claims"] + arguments)
            #expect(listed.status == 0, "\(listed.standardError)")
            let lines = listed.standardOutput.split(separator: "\n")
            #expect(
                lines.map { $0.prefix(while: { $0 != " " }) } == ["CLAIM", "b-funded-a", "funded-2014", "funded-2016"], "\(lines)"
            )
        }
        let objects = try cli.run(["claims", "--object", "b,a", "--subject", "b"]).standardOutput.split(separator: "\n")
        #expect(objects.map { $0.prefix(while: { $0 != " " }) } == ["CLAIM", "b-funded-a"], "\(objects)")
        // Each name is looked up alone: one that names nothing is refused, with the option.
        let unknown = try cli.run(["claims", "--subject", "a,gamma"])
        #expect(unknown.status == 65 && unknown.standardOutput.isEmpty)
        #expect(unknown.standardError == "isnad: --subject: no entity matches \"gamma\"\n", "\(unknown.standardError)")
    }

    /// Claims of each strength about a, b and c: `two-channels` (asserted by two independent
    /// voices) is the strongest, then `asserted` (one), `alleged`, `disputed` and `also-alleged`
    /// (alleged as `alleged` is, after it by id).
    private func claimsOfEachStrengthStore() throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        try cli.write(
            "records.jsonl",
            """
            {"record":"entity","id":"a","type":"organization","name":"Alpha"}
            {"record":"entity","id":"b","type":"organization","name":"Beta"}
            {"record":"entity","id":"c","type":"organization","name":"Gamma"}
            {"record":"source","id":"panel","type":"report","title":"Panel","reliability":"A"}
            {"record":"source","id":"paper","type":"statement","title":"Paper","reliability":"B"}
            {"record":"source","id":"blog","type":"statement","title":"Blog","reliability":"E"}
            {"record":"claim","id":"two-channels","subject":"b","predicate":"funded","object":"c","citations":[{"source":"paper","quote":"q1","stance":"asserts","credibility":2},{"source":"panel","quote":"q2","stance":"asserts","credibility":3}]}
            {"record":"claim","id":"asserted","subject":"a","predicate":"funded","object":"b","citations":[{"source":"panel","quote":"q3","stance":"asserts","credibility":2}]}
            {"record":"claim","id":"alleged","subject":"c","predicate":"attacked","object":"a","citations":[{"source":"blog","quote":"q4","stance":"asserts","credibility":4}]}
            {"record":"claim","id":"also-alleged","subject":"c","predicate":"attacked","object":"b","citations":[{"source":"blog","quote":"q5","stance":"asserts","credibility":4}]}
            {"record":"claim","id":"disputed","subject":"a","predicate":"met_with","object":"c","citations":[{"source":"panel","quote":"q6","stance":"asserts","credibility":2},{"source":"paper","quote":"q7","stance":"denies","credibility":2}]}

            """)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        return cli
    }

    /// The first column of a table or CSV, each claim once (CSV has a row for each citation).
    private func claimColumn(_ output: String) -> [String] {
        var column: [String] = []
        for line in output.split(whereSeparator: \.isNewline) {
            let claim = String(line.prefix(while: { $0 != " " && $0 != "," }))
            if column.last != claim { column.append(claim) }
        }
        return column
    }

    @Test(
        "claims --entity lists the claims with one of them at either end, and narrows the other selectors as they narrow each other"
    )
    func claimsByEntity() throws {
        let cli = try claimsOfEachStrengthStore()
        // Where --subject a --object a finds nothing, --entity a finds what is said about it.
        #expect(try cli.run(["claims", "--subject", "a", "--object", "a"]).standardError == "0 claims\n")
        for arguments in [["--entity", "a"], ["--entity", "Alpha"]] {
            let listed = try cli.run(["claims"] + arguments)
            #expect(listed.status == 0, "\(listed.standardError)")
            #expect(claimColumn(listed.standardOutput) == ["CLAIM", "alleged", "asserted", "disputed"])
        }
        for arguments in [["--entity", "a,b"], ["--entity", "a", "--entity", "Beta"]] {
            #expect(
                claimColumn(try cli.run(["claims"] + arguments).standardOutput) == [
                    "CLAIM", "alleged", "also-alleged", "asserted", "disputed", "two-channels",
                ])
        }
        // With --object: claims about a whose object is c.
        #expect(claimColumn(try cli.run(["claims", "--entity", "a", "--object", "c"]).standardOutput) == ["CLAIM", "disputed"])
        #expect(
            claimColumn(try cli.run(["claims", "--entity", "b", "--predicate", "funded"]).standardOutput) == [
                "CLAIM", "asserted", "two-channels",
            ])
        let unknown = try cli.run(["claims", "--entity", "a,delta"])
        #expect(unknown.status == 65 && unknown.standardOutput.isEmpty)
        #expect(unknown.standardError == "isnad: --entity: no entity matches \"delta\"\n", "\(unknown.standardError)")
    }

    @Test("claims --sort strength lists the strongest first, as path ranks claims; weakest the other way round; id as before")
    func claimsByStrength() throws {
        let cli = try claimsOfEachStrengthStore()
        let strongest = ["two-channels", "asserted", "alleged", "also-alleged", "disputed"]
        let byStrength = try cli.run(["claims", "--sort", "strength"])
        #expect(byStrength.status == 0)
        #expect(claimColumn(byStrength.standardOutput) == ["CLAIM"] + strongest)
        #expect(
            byStrength.standardError
                == "5 claims\nsorted strongest first: by status once capped, then independent channels of support, then best grade (ties by id)\n",
            "\(byStrength.standardError)")
        // Weakest first: the ranking reversed, ties still by id.
        let weakest = try cli.run(["claims", "--sort", "weakest", "--format", "csv"])
        #expect(
            claimColumn(weakest.standardOutput).dropFirst() == [
                "disputed", "alleged", "also-alleged", "asserted", "two-channels",
            ])
        #expect(
            claimColumn(try cli.run(["claims", "--sort", "id"]).standardOutput)
                == claimColumn(try cli.run(["claims"]).standardOutput))
        // A limit keeps the first of the ranking, and counts every claim that passed.
        for limit in 1...5 {
            let cut = try cli.run(["claims", "--sort", "strength", "--limit", "\(limit)"])
            #expect(
                Array(claimColumn(cut.standardOutput).dropFirst().prefix(limit)) == Array(strongest.prefix(limit)))
            if limit < 5 {
                #expect(
                    cut.standardOutput.hasSuffix("showing \(limit) of 5 claims; --limit 0 for all\n"), "\(cut.standardOutput)")
            }
        }
        let csvCut = try cli.run(["claims", "--entity", "a", "--sort", "weakest", "--limit", "1", "--format", "csv"])
        #expect(claimColumn(csvCut.standardOutput).dropFirst() == ["disputed"])
        #expect(csvCut.standardError == "isnad: showing 1 of 3 claims; --limit 0 for all\n", "\(csvCut.standardError)")
        // A bad order is refused, naming the ones there are.
        for bad in ["strongest", ""] {
            let refused = try cli.run(["claims", "--sort", bad])
            #expect(refused.status == 64 && refused.standardOutput.isEmpty)
            #expect(refused.standardError.hasPrefix("isnad: --sort"), "\(refused.standardError)")
        }
        #expect(
            try cli.run(["claims", "--sort", "strongest"]).standardError.hasPrefix(
                "isnad: --sort: \"strongest\" is not one of id, strength, weakest"))
    }

    @Test("a comma always separates names in a list; a whole name that holds one is refused with its id, not split")
    func namesHoldingCommas() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "records.jsonl",
            """
            {"record":"entity","id":"isis","type":"organization","name":"Islamic State"}
            {"record":"entity","id":"wilayat-sinai","type":"organization","name":"Islamic State, Sinai Province"}
            {"record":"entity","id":"sinai","type":"place","name":"Sinai Province"}
            {"record":"entity","id":"agreement","type":"event","name":"Hamas–ISIS agreement"}
            {"record":"entity","id":"hamas","type":"organization","name":"Hamas"}
            {"record":"source","id":"wire","type":"statement","title":"Wire, evening edition","reliability":"C"}
            {"record":"claim","id":"c1","subject":"wilayat-sinai","predicate":"located_in","object":"sinai","citations":[{"source":"wire","quote":"q","stance":"asserts","credibility":3}]}
            {"record":"claim","id":"c2","subject":"isis","predicate":"cooperated_with","object":"hamas","citations":[{"source":"wire","quote":"q","stance":"asserts","credibility":3}]}

            """)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        // Split, the name would be two other entities' names: refused, naming the id that means it.
        let whole = try cli.run(["claims", "--subject", "Islamic State, Sinai Province"])
        #expect(whole.status == 65 && whole.standardOutput.isEmpty)
        #expect(
            whole.standardError
                == "isnad: --subject: \"Islamic State, Sinai Province\" is the name of wilayat-sinai, and a comma separates entities here: give its id (--subject wilayat-sinai)\n"
        )
        #expect(try cli.run(["claims", "--subject", "wilayat-sinai"]).standardOutput.contains("c1"))
        let title = try cli.run(["claims", "--source", "Wire, evening edition"])
        #expect(title.status == 65)
        #expect(
            title.standardError
                == "isnad: --source: \"Wire, evening edition\" is the title of source wire, and a comma separates sources here: give its id (--source wire)\n"
        )
        // Where one entity is named, "hamas,isis" is not taken for the event whose name holds both words.
        for command in [["show"], ["timeline"], ["neighbors"]] {
            let listed = try cli.run(command + ["hamas,isis"])
            #expect(listed.status == 65 && listed.standardOutput.isEmpty, "\(command)")
            #expect(
                listed.standardError
                    == "isnad: \"hamas,isis\" is no entity's name, and this takes one entity, not a list (its words are in the name of Hamas–ISIS agreement: if that is the one meant, give its id, agreement)\n",
                "\(listed.standardError)")
        }
        // A name as written, comma and all, is that entity.
        let named = try cli.run(["show", "Islamic State, Sinai Province"])
        #expect(named.status == 0 && named.standardOutput.contains("wilayat-sinai"), "\(named.standardError)")
    }

    @Test("claims --id in JSON and CSV: that claim's records and a row for each of its citations")
    func claimsByIDAsJSONAndCSV() throws {
        let cli = try claimsOfOnePairStore()
        let rows = try cli.run(["claims", "--id", "funded-2014", "--format", "csv"]).standardOutput.split(separator: "\r\n")
        #expect(rows.count == 3, "\(rows)")
        #expect(rows.dropFirst().allSatisfy { $0.hasPrefix("funded-2014,") })
        let records = try cli.run(["claims", "--id", "funded-2014", "--format", "json"]).standardOutput
        let claims = records.split(separator: "\n").filter { $0.contains(#""record":"claim""#) }
        #expect(claims.count == 1 && claims[0].contains(#""id":"funded-2014""#) && claims[0].contains("q2"), "\(records)")
    }

    @Test("claims --id refuses an id no standing claim has, naming it, exit 65")
    func claimsByUnknownID() throws {
        let cli = try claimsOfOnePairStore()
        let mistyped = try cli.run(["claims", "--id", "funded-2014,fundd-2016"])
        #expect(mistyped.status == 65 && mistyped.standardOutput.isEmpty)
        #expect(
            mistyped.standardError
                == "isnad: --id: unknown claim \"fundd-2016\" (did you mean \"funded-2016\"?)\n", "\(mistyped.standardError)")
        #expect(try cli.run(["retract", "funded-2016", "--reason", "misdated"]).status == 0)
        let retracted = try cli.run(["claims", "--id", "funded-2016"])
        #expect(retracted.status == 65)
        #expect(
            retracted.standardError
                == "isnad: --id: claim \"funded-2016\" is retracted (misdated): isnad claims --id funded-2016 --include-retracted lists it, with why\n",
            "\(retracted.standardError)")
        #expect(try cli.run(["rename", "funded-2014", "funded-early"]).status == 0)
        let renamed = try cli.run(["claims", "--id", "funded-2014"])
        #expect(renamed.status == 65 && renamed.standardError.hasPrefix("isnad: --id: "), "\(renamed.standardError)")
        #expect(renamed.standardError.contains("funded-early"), "\(renamed.standardError)")
    }

    @Test("neighbors lists each claim at its hop, with status and who says it")
    func neighbors() throws {
        let cli = try datasetStore()
        let result = try cli.run(["neighbors", "Abu Maram", "--format", "csv"])
        #expect(result.status == 0)
        let rows = result.standardOutput.split(separator: "\r\n")
        #expect(rows.first?.hasPrefix("hop,claim,subject") == true)
        #expect(rows.count == 7)
        let deeper = try cli.run(["neighbors", "abu-maram-al-jazairi", "--depth", "2", "--direction", "out"])
        #expect(deeper.standardOutput.contains("HOP"))
        #expect(try cli.run(["neighbors", "hamas", "--direction", "sideways"]).status == 64)
        #expect(try cli.run(["neighbors", "hamas", "--depth", "9"]).status == 64)
    }

    @Test("timeline orders by partial dates and puts undated claims last")
    func timeline() throws {
        let cli = try datasetStore()
        let result = try cli.run(["timeline", "--format", "csv"])
        // The column is named as the table's WHEN and the JSON's `when`.
        #expect(result.standardOutput.hasPrefix("when,"))
        let dates = result.standardOutput.split(separator: "\r\n").dropFirst().map {
            String($0.split(separator: ",", omittingEmptySubsequences: false).first ?? "")
        }
        let dated = dates.filter { !$0.isEmpty }
        #expect(dated == dated.sorted())
        #expect(dates.firstIndex(of: "") ?? 0 > dates.lastIndex(where: { !$0.isEmpty }) ?? 0)
        #expect(dated.first == "2014-05")
    }

    @Test("search ranks names typed in any spelling, and every command takes them")
    func search() throws {
        let cli = try datasetStore()
        let result = try cli.run(["search", "ابو بكر البغدادى"])
        #expect(
            result.standardOutput.split(separator: "\n").dropFirst().first?.contains("abu-bakr-al-baghdadi  Abu Bakr") == true)
        let typo = try cli.run(["search", "Bagdadi", "--format", "csv"])
        #expect(typo.standardOutput.contains("abu-bakr-al-baghdadi,Abu Bakr al-Baghdadi,person"))
        #expect(try cli.run(["neighbors", "Abou Bakr el-Baghdadi"]).status == 0)
        let ambiguous = try cli.run(["show", "abu"])
        #expect(ambiguous.status == 65)
        #expect(ambiguous.standardError.contains(#""abu" matches 2 entities; name one by its id:"#))
    }

    @Test(
        "search with a word of two letters says when it read only the first 200 names beginning with it, under the table and on standard error"
    )
    func searchSaysShortWordCut() throws {
        let cli = try CLIHarness.scoped
        var records = (0..<250).map { #"{"record":"entity","id":"mohammed-\#($0)","type":"person","name":"Mohammed"}"# }
        records += (0..<30).map { #"{"record":"entity","id":"mona-\#($0)","type":"person","name":"Mona \#($0)"}"# }
        try cli.write("mo.jsonl", records.joined(separator: "\n") + "\n")
        try #require(try cli.run(["import", "mo.jsonl"]).status == 0)
        let all = try cli.run(["search", "mo", "--limit", "0"])
        #expect(all.status == 0)
        #expect(
            all.standardOutput.hasSuffix(
                "\n200 entities found in the first 200 names beginning with \"mo\"; more names begin with it: type more letters to narrow the search\n"
            ))
        #expect(all.standardError == "")
        let first = try cli.run(["search", "mo"])
        #expect(
            first.standardOutput.hasSuffix(
                "\nshowing the first 10 entities found in the first 200 names beginning with \"mo\"; more names begin with it: type more letters to narrow the search\n"
            ))
        let csv = try cli.run(["search", "mo", "--limit", "0", "--format", "csv"])
        #expect(csv.standardOutput.split(whereSeparator: \.isNewline).count == 201)
        #expect(
            csv.standardError
                == "isnad: 200 entities found in the first 200 names beginning with \"mo\"; more names begin with it: type more letters to narrow the search\n"
        )
        // Below the cut: the count, as before.
        let monas = try cli.run(["search", "mon", "--limit", "0"])
        #expect(monas.standardError == "30 entities found\n")
    }

    @Test("the whole store listed by claims as JSON is the store's own export; csv has a row per citation")
    func wholeStoreListings() throws {
        let cli = try datasetStore()
        // Every entity of the dataset takes part in a claim, so the claims and what they name are the store.
        let export = try cli.run(["export", "jsonl"]).standardOutput
        #expect(try cli.run(["claims", "--format", "json"]).standardOutput == export)
        // timeline's JSON is its own (one claim a line, in date order): every claim once.
        let timeline = try cli.run(["timeline", "--format", "json"]).standardOutput.split(separator: "\n")
        #expect(timeline.count == export.split(separator: "\n").filter { $0.hasPrefix(#"{"record":"claim""#) }.count)
        let citations = export.split(separator: "\n").filter { $0.hasPrefix(#"{"record":"claim""#) }
            .map { $0.components(separatedBy: #""quote":"#).count - 1 }.reduce(0, +)
        for command in ["claims", "timeline"] {
            let csv = try cli.run([command, "--format", "csv"]).standardOutput.split(separator: "\r\n")
            #expect(csv.count == citations + 1, "\(command)")
        }
        let dated = try cli.run(["timeline", "--format", "csv"]).standardOutput.split(separator: "\r\n").dropFirst()
            .map { String($0.prefix { $0 != "," }) }
        let placed = dated.filter { !$0.isEmpty }
        #expect(placed == placed.sorted() && dated.last == "", "dated claims in order, then the undated")
    }

    @Test("timeline's and path's JSON and the STIX export weigh a claim as the tables do: never stronger than its common link")
    func documentsAreCapped() throws {
        let cli = try datasetStore()
        // The CSV's columns are the table's: status and best grade capped, then channels and common link.
        var capped: [String: [String]] = [:]
        for row in Self.csvRows(try cli.run(["claims", "--format", "csv"]).standardOutput).dropFirst() {
            capped[row[0]] = [row[8], row[10] + row[11], row[12], row[13]]
        }
        // The seed's telling case: two sources, one graded B, but both reach us through the article graded E.
        #expect(capped["hamas-praised-hadera-attack"] == ["alleged", "E2", "1", "hadera-2022-article"])
        func weighed(_ object: [String: Any]) -> [String] {
            [
                object["status"] as? String ?? "", object["best"] as? String ?? "",
                String(object["channels"] as? Int ?? -1), object["common_link"] as? String ?? "",
            ]
        }
        let timeline = try cli.run(["timeline", "--format", "json"]).standardOutput.split(separator: "\n")
        #expect(timeline.count == capped.count)
        for line in timeline {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let id = object["claim"] as? String ?? ""
            #expect(weighed(object) == capped[id], "\(id)")
        }
        let path = try cli.run(["path", "hamas", "Wilayat Sinai", "--all", "--max-depth", "2", "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: path.outputBytes) as? [String: Any])
        var hopsSeen = 0
        for chain in document["chains"] as? [[String: Any]] ?? [] {
            for hop in chain["hops"] as? [[String: Any]] ?? [] {
                hopsSeen += 1
                #expect(weighed(hop) == capped[hop["claim"] as? String ?? ""])
                for other in hop["other_claims"] as? [[String: Any]] ?? [] {
                    #expect(weighed(other) == capped[other["claim"] as? String ?? ""])
                }
            }
        }
        #expect(hopsSeen > 1)
        let bundle = try cli.run(["export", "stix"])
        let stix = try #require(try JSONSerialization.jsonObject(with: bundle.outputBytes) as? [String: Any])
        let relationships = (stix["objects"] as? [[String: Any]] ?? []).filter { $0["type"] as? String == "relationship" }
        #expect(relationships.count == capped.count)
        for relationship in relationships {
            let id = relationship["isnad_id"] as? String ?? ""
            let expected = try #require(capped[id])
            #expect(relationship["isnad_status"] as? String == expected[0], "\(id)")
            #expect(relationship["isnad_grade"] as? String == expected[1], "\(id)")
            #expect(String(relationship["isnad_channels"] as? Int ?? -1) == expected[2], "\(id)")
            #expect(relationship["isnad_common_link"] as? String ?? "" == expected[3], "\(id)")
        }
        let praised = try #require(relationships.first { $0["isnad_id"] as? String == "hamas-praised-hadera-attack" })
        #expect(praised["confidence"] as? Int == 70, "credibility 2, capped at the article's E2")
    }

    /// The rows of RFC 4180 CSV, as the CSV output writes it (CRLF, fields quoted when they must be).
    static func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var isQuoted = false
        var characters = Array(text).makeIterator()
        var pending: Character? = nil
        while let character = pending ?? characters.next() {
            pending = nil
            if isQuoted {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" { field.append("\"") } else { isQuoted = false; pending = next }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"": isQuoted = true
            case ",": row.append(field); field = ""
            case "\r\n", "\n": row.append(field); field = ""; rows.append(row); row = []
            default: field.append(character)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    @Test("hop 1 reads the same at every depth: a claim between two entities one hop away is at hop 2")
    func hopsAreStable() throws {
        let cli = try datasetStore()
        let one = try cli.run(["neighbors", "wilayat-sinai", "--depth", "1", "--limit", "3"]).standardOutput
        let two = try cli.run(["neighbors", "wilayat-sinai", "--depth", "2", "--limit", "3"]).standardOutput
        #expect(one.contains("\n  hop 1: 14 claims, reaching 8 entities\n"), "\(one)")
        #expect(two.contains("\n  hop 1: 14 claims, reaching 8 entities\n  hop 2: "), "\(two)")
        // The whole listing places each claim as the survey counts it.
        let whole = try cli.run(["neighbors", "wilayat-sinai", "--depth", "2", "--limit", "0", "--format", "json"])
        #expect(whole.status == 0)
        let listed = try cli.run(["neighbors", "wilayat-sinai", "--depth", "2", "--limit", "0"]).standardOutput
        let rows = listed.split(separator: "\n")
        #expect(rows.filter { $0.hasPrefix("1  ") }.count == 14 && rows.filter { $0.hasPrefix("2  ") }.count == 49, "\(listed)")
    }

    @Test("the table, the CSV and the summary place each claim at the same hop, whatever the direction")
    func hopsAgreeUnderDirection() throws {
        let cli = try CLIHarness.scoped
        let citation = #"[{"source":"s","quote":"q","stance":"asserts","credibility":3}]"#
        let claims = [("c", "y"), ("c", "z"), ("z", "x"), ("x", "y")].map { subject, object in
            #"{"record":"claim","id":"\#(subject)-funded-\#(object)","subject":"\#(subject)","predicate":"funded","object":"\#(object)","citations":\#(citation)}"#
        }
        let entities = ["c", "x", "y", "z"].map {
            #"{"record":"entity","id":"\#($0)","type":"organization","name":"\#($0.uppercased())"}"#
        }
        let source = #"{"record":"source","id":"s","type":"news-article","title":"S","reliability":"C"}"#
        try cli.write("n.jsonl", (entities + [source] + claims).joined(separator: "\n") + "\n")
        #expect(try cli.run(["import", "n.jsonl"]).status == 0)
        for (center, direction, expected) in [
            ("c", "out", ["c-funded-y": "1", "c-funded-z": "1", "z-funded-x": "2", "x-funded-y": "3"]),
            ("y", "in", ["c-funded-y": "1", "x-funded-y": "1", "z-funded-x": "2", "c-funded-z": "3"]),
            ("c", "both", ["c-funded-y": "1", "c-funded-z": "1", "z-funded-x": "2", "x-funded-y": "2"]),
        ] {
            let arguments = ["neighbors", center, "--depth", "3", "--direction", direction]
            let csv = Self.csvRows(try cli.run(arguments + ["--format", "csv"]).standardOutput).dropFirst()
            #expect(Dictionary(csv.map { ($0[1], $0[0]) }, uniquingKeysWith: { a, _ in a }) == expected, "\(direction)")
            let table = try cli.run(arguments).standardOutput.split(separator: "\n").filter { $0.contains(" funded ") }
            let hops = table.map { String($0.prefix { $0 != " " }) }.sorted()
            #expect(hops == expected.values.sorted(), "\(direction): \(table)")
            let summary = try cli.run(arguments + ["--limit", "1"]).standardOutput
            for hop in Set(expected.values) {
                let count = expected.values.filter { $0 == hop }.count
                #expect(summary.contains("  hop \(hop): \(count) claim"), "\(direction): \(summary)")
            }
        }
    }

    @Test("show under a date filter says undated claims are kept, summarised or whole")
    func undatedKeptNote() throws {
        let cli = try datasetStore()
        let whole = try cli.run(["show", "hamas", "--as-of", "2022"]).standardOutput
        #expect(whole.contains(" of them are undated: kept because an undated claim is taken as timeless"), "\(whole)")
        let summarised = try cli.run(["show", "hamas", "--as-of", "2022", "--limit", "1"]).standardOutput
        #expect(
            summarised.contains(
                "(undated claims among them are kept because an undated claim is taken as timeless, not because it is known to hold then; --limit 0 counts them)"
            ), "\(summarised)")
    }

    @Test("source shows the chain of transmission both ways and the claims it carries")
    func source() throws {
        let cli = try datasetStore()
        let result = try cli.run(["source", "abu-maram-document"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("reliability F (reliability cannot be judged)"))
        #expect(result.standardOutput.contains("sinai-hamas-correspondence"))
        #expect(result.standardOutput.contains("relayed by:"))
        #expect(result.standardOutput.contains("hadera-2022-article"))
        #expect(result.standardOutput.contains("Claims it makes (22)"))
        // The filters narrow the claims: by the end of 2017 the article (2022) had said nothing,
        // nor quoted anything, though what it quotes from the 2017 press conference was public
        // (claims --known-by 2017 lists that).
        let known = try cli.run(["source", "hadera-2022-article", "--known-by", "2017"])
        #expect(known.status == 0)
        #expect(known.standardOutput.contains("Claims it makes (0)"))
        #expect(known.standardOutput.contains("Claims of others quoted in it (0)"))
        #expect(known.standardOutput.contains("essam-salih-press-conference-2017"))
        #expect(
            try cli.run(["claims", "--source", "essam-salih-press-conference-2017", "--known-by", "2017"]).standardOutput
                .contains("agreement"))
        let missing = try cli.run(["source", "abu-maram-documnet"])
        #expect(missing.status == 65)
        #expect(missing.standardError.contains("no source matches \"abu-maram-documnet\"; did you mean:\n  abu-maram-document"))
        let csv = try cli.run(["source", "hadera-2022-article", "--format", "csv"]).standardOutput.split(separator: "\r\n")
        #expect(csv.first?.hasPrefix("role,claim,") == true)
        #expect(csv.contains { $0.hasPrefix("claimant,") } && csv.contains { $0.hasPrefix("via,") })
        let json = try cli.run(["source", "hadera-2022-article", "--format", "json"])
        try cli.write("article.jsonl", json.standardOutput)
        #expect(try cli.run(["--db", "copy.db", "import", "article.jsonl"]).status == 0)
    }

    @Test(
        "source lists every cites link: a source relayed both directly and through another stands at both places, its chain listed once"
    )
    func chainWithTwoPaths() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "chain.jsonl",
            """
            {"record":"source","id":"d","type":"statement","title":"D","reliability":"B"}
            {"record":"source","id":"c","type":"statement","title":"C","reliability":"B","cites":["d"]}
            {"record":"source","id":"b","type":"news-article","title":"B","reliability":"C","cites":["c"]}
            {"record":"source","id":"a","type":"news-article","title":"A","reliability":"C","cites":["b","c"]}

            """)
        #expect(try cli.run(["import", "chain.jsonl"]).status == 0)
        func chain(_ id: String) throws -> String? {
            try cli.run(["source", id]).standardOutput.components(separatedBy: "Chain of transmission\n").last?
                .components(separatedBy: "\n\n").first
        }
        #expect(
            try chain("a") == """
                  relays:
                    b — news-article, C: B
                      c — statement, B: C
                        d — statement, B: D
                    c — statement, B: C (again: its chain is listed above)
                  relayed by no other source
                """)
        #expect(
            try chain("d") == """
                  relays no other source
                  relayed by:
                    c — statement, B: C
                      a — news-article, C: A
                      b — news-article, C: B
                        a — news-article, C: A (again: its chain is listed above)
                """)
    }

    @Test("source draws a long chain of transmission in lines of bounded width: deep links give their depth, not more indent")
    func longChain() throws {
        let cli = try CLIHarness.scoped
        let depth = 40
        var lines = (0...depth).map { level in
            let cites = level < depth ? #","cites":["r\#(level + 1)"]"# : ""
            return #"{"record":"source","id":"r\#(level)","type":"other","title":"Relay \#(level)","reliability":"C"\#(cites)}"#
        }
        lines.append("")
        try cli.write("chain.jsonl", lines.joined(separator: "\n"))
        #expect(try cli.run(["import", "chain.jsonl"]).status == 0)
        let output = try cli.run(["source", "r0"]).standardOutput
        let chain = output.split(separator: "\n").filter { $0.contains(" — other, C: Relay ") }
        // The first 20 links are drawn, the rest counted.
        #expect(chain.count == 20, "\(output)")
        #expect(Set(chain.map { $0.prefix { $0 == " " }.count }).max() == 2 * 13, "\(output)")
        #expect(chain.contains { $0.hasSuffix("(depth 20) r20 — other, C: Relay 20") }, "\(output)")
        #expect(output.contains("  and 20 more sources in the chain: isnad source r0 --format json lists them"), "\(output)")
        #expect(chain.contains { $0.hasSuffix("    r1 — other, C: Relay 1") && !$0.contains("depth") }, "\(output)")
    }

    @Test("check passes on the dataset and fails with 65 when something is wrong")
    func check() throws {
        let cli = try datasetStore()
        let clean = try cli.run(["check"])
        #expect(clean.status == 0)
        #expect(clean.standardOutput.contains("ok   quotes not found in their source's text: ok"))
        try cli.write(
            "dup.jsonl", #"{"record":"entity","id":"hamas-2","type":"organization","name":"HAMAS"}"# + "\n")
        #expect(try cli.run(["import", "dup.jsonl"]).status == 0)
        let found = try cli.run(["check", "--format", "json"])
        #expect(found.status == 65)
        #expect(found.standardOutput.contains(#""check":"probable-duplicate""#))
        #expect(found.standardOutput.contains("merge them, or give them names that tell them apart"))
        // Of two types, which merge refuses: advised what can be done.
        try cli.write("person.jsonl", #"{"record":"entity","id":"isis-person","type":"person","name":"Islamic State"}"# + "\n")
        #expect(try cli.run(["import", "person.jsonl"]).status == 0)
        #expect(
            try cli.run(["check"]).standardOutput.contains(
                "they are of different types (organization, person), which merge refuses: give them names that tell them apart, or correct a wrong type (isnad set ID type TYPE) before merging"
            ))
    }

    @Test("stats lists the top actors by degree, betweenness and PageRank")
    func centrality() throws {
        let cli = try datasetStore()
        let result = try cli.run(["stats", "--top", "3"])
        #expect(result.standardOutput.contains("TOP BY DEGREE (CLAIMS)"))
        #expect(result.standardOutput.contains("TOP BY BETWEENNESS"))
        #expect(result.standardOutput.contains("TOP BY PAGERANK"))
        let json = try cli.run(["stats", "--format", "json", "--top", "1"])
        let object = try JSONSerialization.jsonObject(with: json.outputBytes) as? [String: Any]
        let top = object?["top"] as? [String: [[String: Any]]]
        #expect(top?["degree"]?.first?["id"] as? String == "hamas")
    }

    @Test("--timing prints the in-process query time on standard error")
    func timing() throws {
        let cli = try datasetStore()
        for arguments in [
            ["show", "hamas"], ["neighbors", "hamas", "--depth", "2"], ["path", "hamas", "isis"], ["search", "hamas"],
        ] {
            let result = try cli.run(arguments + ["--timing"])
            #expect(
                result.standardError.range(of: #"isnad: query took [0-9.]+ ms"#, options: .regularExpression) != nil,
                "\(arguments)")
        }
    }

    @Test("source --impact says what falls with the article: every supported claim, and the pairs it alone joins")
    func impact() throws {
        let cli = try datasetStore()
        let table = try cli.run(["source", "hadera-2022-article", "--impact"])
        #expect(table.status == 0, "\(table.standardError)")
        #expect(
            table.standardOutput.hasPrefix(
                "If hadera-2022-article (E) were discredited: 91 claims would fall, 0 claims would lose some support, 0 claims would no longer be disputed, 68 entity pairs would be left with nothing between them."
            ))
        #expect(table.standardOutput.contains("Hamas — Islamic State  (hamas, isis)"))
        let json = try cli.run(["source", "abu-maram-document", "--impact", "--format", "json"])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect((document["rests_on_it"] as? [Any])?.count == 20)
        #expect(
            ((document["loses_support"] as? [[String: Any]])?.map { $0["claim"] as? String }) == [
                "wilayat-sinai-communicated-with-hamas"
            ])
        #expect((document["isolated_pairs"] as? [[String]])?.contains(["qassam-brigades", "wilayat-sinai"]) == true)
        // The document alone denies a claim nothing supports: without it that claim has no evidence
        // either way, not "no longer disputed".
        #expect((document["loses_denial"] as? [Any])?.isEmpty == true)
        // The article both supports and denies hamas-cooperated-with-isis: it falls, and is not
        // also listed as no longer disputed.
        let article = try cli.run(["source", "hadera-2022-article", "--impact", "--format", "json"])
        let articleDocument = try #require(
            try JSONSerialization.jsonObject(with: Data(article.standardOutput.utf8)) as? [String: Any])
        #expect((articleDocument["loses_denial"] as? [Any])?.isEmpty == true)
        let filtered = try cli.run(["source", "hadera-2022-article", "--impact", "--min-reliability", "C"])
        #expect(filtered.status == 64)
        #expect(filtered.standardError.contains("--impact weighs the whole store: it takes no filters"))
    }

    @Test("source --impact: a claim with support that the source alone denies would no longer be disputed")
    func impactOnADenial() throws {
        let cli = try CLIHarness.scoped
        let records = """
            {"record":"entity","id":"a","type":"organization","name":"Alpha"}
            {"record":"entity","id":"b","type":"organization","name":"Beta"}
            {"record":"source","id":"police","type":"official-statement","title":"Police","reliability":"B"}
            {"record":"source","id":"group","type":"statement","title":"Group","reliability":"D"}
            {"record":"claim","id":"supported","subject":"a","predicate":"funded","object":"b","start":null,"end":null,"citations":[{"source":"police","quote":"A funded B.","stance":"asserts","credibility":2},{"source":"group","quote":"A never funded B.","stance":"denies","credibility":5}]}
            {"record":"claim","id":"only-denied","subject":"b","predicate":"funded","object":"a","start":null,"end":null,"citations":[{"source":"group","quote":"B never funded A.","stance":"denies","credibility":5}]}

            """
        let file = try cli.write("denials.jsonl", records)
        #expect(try cli.run(["import", file]).status == 0)
        let json = try cli.run(["source", "group", "--impact", "--format", "json"])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(((document["loses_denial"] as? [[String: Any]])?.map { $0["claim"] as? String }) == ["supported"])
        #expect((document["rests_on_it"] as? [Any])?.isEmpty == true)
        let table = try cli.run(["source", "group", "--impact"])
        #expect(
            table.standardOutput.contains(
                "0 claims would fall, 0 claims would lose some support, 1 claim would no longer be disputed"))
        #expect(table.standardOutput.contains("1 claim with support is denied by it alone: it would no longer be disputed"))
    }

    /// A claim asserted only by a confidential informant (C3), beside a UN report that merely
    /// reports it (B4) and a leaked document (F3); and a claim the informant alone makes.
    static let informantRecords = """
        {"record":"entity","id":"hamas","type":"organization","name":"Hamas"}
        {"record":"entity","id":"sinai","type":"organization","name":"Wilayat Sinai"}
        {"record":"source","id":"informant-k","type":"intelligence-report","title":"Debrief","reliability":"C"}
        {"record":"source","id":"un-report","type":"official-statement","title":"UN report","reliability":"B"}
        {"record":"source","id":"document","type":"other","title":"Leaked document","reliability":"F"}
        {"record":"claim","id":"smuggled","subject":"hamas","predicate":"smuggled_weapons_for","object":"sinai","citations":[{"source":"document","quote":"weapons went to Sinai","stance":"asserts","credibility":3},{"source":"un-report","quote":"reportedly smuggled","stance":"reports","credibility":4},{"source":"informant-k","quote":"we smuggled them","stance":"asserts","credibility":3}]}
        {"record":"claim","id":"met","subject":"hamas","predicate":"communicated_with","object":"sinai","citations":[{"source":"informant-k","quote":"they met","stance":"asserts","credibility":3}]}

        """

    /// ``informantRecords``'s claim denied by a D source, the informant graded A2: disputed, and
    /// weaker without the informant.
    static let disputedInformantRecords =
        informantRecords
        .replacingOccurrences(
            of: #""title":"Debrief","reliability":"C"}"#,
            with: #""title":"Debrief","reliability":"A"}"# + "\n"
                + #"{"record":"source","id":"denier","type":"other","title":"Denial","reliability":"D"}"#
        )
        .replacingOccurrences(
            of: #"{"source":"informant-k","quote":"we smuggled them","stance":"asserts","credibility":3}]}"#,
            with:
                #"{"source":"informant-k","quote":"we smuggled them","stance":"asserts","credibility":2},{"source":"denier","quote":"no weapons","stance":"denies","credibility":3}]}"#
        )

    @Test("source --impact's WITHOUT IT writes a disputed claim's channels as CHANNELS does: 2 channels (1 denying)")
    func impactSaysDenyingChannels() throws {
        let cli = try CLIHarness.scoped
        let file = try cli.write("informant.jsonl", Self.disputedInformantRecords)
        let imported = try cli.run(["import", file])
        #expect(imported.status == 0, "\(imported.standardError)")
        let table = try cli.run(["source", "informant-k", "--impact"])
        #expect(
            table.standardOutput.contains(
                """
                CLAIM     SUBJECT  PREDICATE             OBJECT         DATES    STATUS          BEST  CHANNELS       WITHOUT IT                           ALL THROUGH  SAID BY (STANCE GRADE)
                smuggled  Hamas    smuggled_weapons_for  Wilayat Sinai  undated  DISPUTED by D3  A2    3 (1 denying)  DISPUTED B4, 2 channels (1 denying)               document (asserts F3), un-report (reports B4), informant-k (asserts A2), denier (denies D3)

                """), "\(table.standardOutput)")
    }

    @Test(
        "source --impact says how each claim that keeps some support would read without the source, as --exclude-common-link weighs it: asserted only by the informant, alleged without it"
    )
    func impactSaysHowAClaimReadsAfter() throws {
        let cli = try CLIHarness.scoped
        let file = try cli.write("informant.jsonl", Self.informantRecords)
        #expect(try cli.run(["import", file]).status == 0)
        let table = try cli.run(["source", "informant-k", "--impact"])
        #expect(table.status == 0, "\(table.standardError)")
        #expect(
            table.standardOutput.contains(
                """
                1 claim would lose some support (and keep the rest): 1 would read weaker (WITHOUT IT)
                CLAIM     SUBJECT  PREDICATE             OBJECT         DATES    STATUS    BEST  CHANNELS  WITHOUT IT              ALL THROUGH  SAID BY (STANCE GRADE)
                smuggled  Hamas    smuggled_weapons_for  Wilayat Sinai  undated  ASSERTED  C3    3         ALLEGED B4, 2 channels               document (asserts F3), un-report (reports B4), informant-k (asserts C3)

                """), "\(table.standardOutput)")
        // The claim that rests on it alone has no WITHOUT IT: it would have nothing left.
        #expect(
            table.standardOutput.contains(
                "1 claim rests on it alone: it would be left with no support\nCLAIM  SUBJECT  PREDICATE          OBJECT         DATES    STATUS    BEST  CHANNELS  ALL THROUGH      SAID BY (STANCE GRADE)\n"
            ), "\(table.standardOutput)")
        let json = try cli.run(["source", "informant-k", "--impact", "--format", "json"])
        #expect(
            json.standardOutput.contains(
                #""loses_support":[{"claim":"smuggled","channels":3,"common_link":null,"status":"asserted","best":"C3","after":{"status":"alleged","best":"B4","channels":2},"reads_weaker":true}]"#
            ), "\(json.standardOutput)")
        #expect(
            json.standardOutput.contains(
                #""rests_on_it":[{"claim":"met","channels":1,"common_link":"informant-k","status":"asserted","best":"C3"}]"#))
        // The same weighing as what is left when the informant is wrong.
        let left = try cli.run(["claims", "--id", "smuggled", "--exclude-common-link", "informant-k"])
        #expect(left.standardOutput.contains("  ALLEGED  B4    2         "), "\(left.standardOutput)")
        // A claim that loses support and reads as it did is said to read no weaker.
        let document = try cli.run(["source", "document", "--impact"])
        #expect(
            document.standardOutput.contains(
                "1 claim would lose some support (and keep the rest): none would read weaker (WITHOUT IT)\n"),
            "\(document.standardOutput)")
        #expect(
            document.standardOutput.contains("ASSERTED  C3    3         ASSERTED C3, 2 channels"), "\(document.standardOutput)")
    }

    @Test("disputes lists the disputed claim with both quotes, and the claims that cannot both hold; exit 0")
    func disputes() throws {
        let cli = try datasetStore()
        let result = try cli.run(["disputes"])
        #expect(result.status == 0)
        // The same claims as `claims --status disputed`: the one only denied among them.
        #expect(result.standardOutput.hasPrefix("2 disputed claims: 1 both supported and denied, 1 only denied\n"))
        #expect(result.standardOutput.contains("[wilayat-sinai-leader-hostile-to-qassam]\n"))
        #expect(result.standardOutput.contains("    supported by: no source\n"))
        let disputed = try cli.run(["claims", "--status", "disputed", "--format", "json"])
        #expect(disputed.standardOutput.components(separatedBy: "{\"record\":\"claim\"").count - 1 == 2)
        #expect(result.standardOutput.contains("which feeds the claim that Hamas cooperates with ISIS"))
        #expect(result.standardOutput.contains("However, this assessment greatly exaggerates"))
        // Each side says since when it was public: when each spoke.
        #expect(result.standardOutput.contains("      denies  E3  hadera-2022-article (lines 33-35) · public since 2022-03\n"))
        #expect(result.standardOutput.contains("2 pairs of claims that cannot both hold"))
        let json = try cli.run(["disputes", "--format", "json"])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let pair = try #require((document["incompatibilities"] as? [[String: Any]])?.first)
        #expect(pair["kind"] as? String == "opposed-predicates")
        // A pair is two claims, each with how strong it is, never two facts.
        #expect((pair["first_evidence"] as? [String: Any])?["status"] as? String == "disputed")
        #expect((pair["second_evidence"] as? [String: Any])?["common_link"] as? String == "hadera-2022-article")
        #expect((document["disputes"] as? [[String: Any]])?.first?["status"] as? String == "disputed")
        #expect((document["counts"] as? [String: Any])?["only_denied"] as? Int == 1)
        let denial = try #require(((document["disputes"] as? [[String: Any]])?.first?["denying"] as? [[String: Any]])?.first)
        #expect(
            denial["reliability"] as? String == "E" && denial["credibility"] as? Int == 3 && denial["grade"] as? String == "E3")
        #expect(denial["public_since"] as? String == "2022-03")
        #expect((document["counts"] as? [String: Any])?["disputes"] as? Int == 2)
        #expect(
            result.standardOutput.contains(
                "      hamas-cooperated-with-isis: DISPUTED by E3 · best E3 · 1 channel, all through hadera-2022-article (E) · denied by 1 source in 1 channel (a source that also supports it); hamas-hostile-to-isis-until-2017: ALLEGED E3"
            ))
        // The disputed claim's dates, as the table gives them.
        let firstDispute = try #require((document["disputes"] as? [[String: Any]])?.first)
        #expect(firstDispute.keys.contains("start") && firstDispute["start"] is NSNull && firstDispute["end"] is NSNull)
        let csv = try cli.run(["disputes", "--format", "csv"])
        #expect(
            csv.standardOutput.hasPrefix(
                "kind,claim,other_claim,certain,detail,claim_evidence,other_claim_evidence,start,end\r\ndispute,hamas-cooperated-with-isis,"
            ))
        // timeline's citations say when they were public, as disputes' do.
        let first = try cli.run(["timeline", "--format", "json"]).standardOutput.split(separator: "\n").first ?? ""
        #expect(first.contains(#""locator":"line 28","public_since":"2014-05"}"#), "\(first)")
    }

    @Test("source --limit counts each claim once, though the article both makes and quotes some of them")
    func sourceLimitCountsClaimsOnce() throws {
        let cli = try datasetStore()
        let result = try cli.run(["source", "hadera-2022-article", "--limit", "1"])
        #expect(result.standardOutput.contains("Claims it makes (1 of 47 shown)"))
        #expect(result.standardOutput.contains("Claims of others quoted in it (0 of 50 shown)"))
        // 47 + 50 listings, 92 claims: five are both.
        #expect(result.standardOutput.hasSuffix("showing 1 of 92 claims; --limit 0 for all\n"))
    }

    @Test("a table under --as-of or --between says that undated claims stayed in; show counts them itself; CSV says nothing")
    func undatedKeptNoteUnderTables() throws {
        let cli = try datasetStore()
        let note =
            "(undated claims are kept by --as-of: an undated claim is taken as timeless, not known to hold then; --dated leaves them out)\n"
        for command in [["claims"], ["timeline", "hamas"], ["neighbors", "hamas"], ["source", "hadera-2022-article"]] {
            let result = try cli.run(command + ["--as-of", "2017"])
            #expect(result.status == 0)
            #expect(result.standardError.contains(note), "\(command): \(result.standardError)")
        }
        #expect(try cli.run(["claims", "--between", "2014", "2016"]).standardError.contains("kept by --between"))
        #expect(!(try cli.run(["show", "hamas", "--as-of", "2017"]).standardError.contains("kept by --as-of")))
        #expect(try cli.run(["claims", "--as-of", "2017", "--format", "csv"]).standardError.isEmpty)
        // --dated leaves them out, and the note with them: 6 dated claims held in 2015, where 85
        // listed with the undated ones; 13 of the 92 are dated at all.
        let dated = try cli.run(["timeline", "--as-of", "2015", "--dated", "--format", "csv"]).standardOutput
        #expect(dated.split(separator: "\r\n").dropFirst().allSatisfy { !$0.hasPrefix(",") }, "\(dated)")
        let datedTable = try cli.run(["timeline", "--as-of", "2015", "--dated"])
        // Each of the 6 only for an open side: "until 2017-07", "since 2014-11".
        #expect(
            datedTable.standardError
                == "6 claims\n(6 claims are kept by --as-of 2015 only because their period is open: 3 have no start (\"until …\"), so they are taken to hold from any date before their end, and 3 have no end (\"since …\"), so they are taken to hold on; --dated does not leave them out)\n",
            "\(datedTable.standardError)")
        #expect(try cli.run(["claims", "--dated"]).standardError.hasPrefix("13 claims"))
        #expect(
            try cli.run(["show", "hamas", "--as-of", "2017", "--dated"]).standardOutput.contains("undated") == false)
    }

    @Test(
        "a table under --as-of or --between counts the claims kept only because their dates, less precise than the period asked, overlap it"
    )
    func looselyDatedKeptNote() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "records.jsonl",
            """
            {"record":"entity","id":"a","type":"organization","name":"Alpha"}
            {"record":"entity","id":"b","type":"organization","name":"Beta"}
            {"record":"source","id":"s1","type":"news-article","title":"S1","published":"2022-03","reliability":"C"}
            {"record":"claim","id":"y","subject":"a","predicate":"met_with","object":"b","start":"2022","citations":[{"source":"s1","quote":"Alpha met Beta.","stance":"asserts","credibility":2}]}
            {"record":"claim","id":"m","subject":"a","predicate":"attacked","object":"b","start":"2022-03","citations":[{"source":"s1","quote":"Alpha attacked Beta.","stance":"asserts","credibility":2}]}
            {"record":"claim","id":"d","subject":"b","predicate":"attacked","object":"a","start":"2022-03-04","citations":[{"source":"s1","quote":"Beta attacked Alpha.","stance":"asserts","credibility":3}]}
            {"record":"claim","id":"st","subject":"a","predicate":"funded","object":"b","start":"2020","end":"2023","citations":[{"source":"s1","quote":"Alpha funded Beta.","stance":"asserts","credibility":2}]}
            {"record":"claim","id":"und","subject":"a","predicate":"linked_to","object":"b","citations":[{"source":"s1","quote":"Alpha met Beta.","stance":"asserts","credibility":4}]}
            """)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        // The attack of March and the meeting of 2022 may have been on 4 March, or not; the
        // attack of 4 March and the funding of 2020 to 2023 surely were.
        let two =
            "(2 claims are kept by --as-of 2022-03-04 though dated less precisely: their dates overlap the period asked, so they may have held within it, or not; --dated does not leave them out)\n"
        for command in [
            ["claims"], ["timeline"], ["timeline", "a"], ["show", "a"], ["show", "a", "--limit", "0"], ["neighbors", "a"],
            ["source", "s1"],
        ] {
            let result = try cli.run(command + ["--as-of", "2022-03-04", "--dated"])
            #expect(result.status == 0)
            #expect(result.standardError.hasSuffix(two), "\(command): \(result.standardError)")
        }
        // Beside the note on undated claims, after it; in Arabic digits, the date as it is read.
        let undated = try cli.run(["claims", "--as-of", "٢٠٢٢-٠٣-٠٤"]).standardError
        #expect(
            undated
                == "5 claims\n(undated claims are kept by --as-of: an undated claim is taken as timeless, not known to hold then; --dated leaves them out)\n"
                + two, "\(undated)")
        // Only what is listed is counted, and a listing cut short says so: the claims past the
        // limit are not read.
        #expect(
            try cli.run(["claims", "--as-of", "2022-03-04", "--dated", "--limit", "2"]).standardError.hasPrefix(
                "(1 of the 2 claims listed is kept by --as-of 2022-03-04 though dated less precisely: its dates overlap the period asked, so it may have held within it, or not; --dated does not leave it out)"
            ))
        // Both options: both must hold, and both are named.
        let both = try cli.run(["claims", "--as-of", "2022", "--between", "2022-03-04", "2022-03-05"]).standardError
        #expect(both.contains("(undated claims are kept by --as-of and --between: "), "\(both)")
        #expect(
            both.contains(
                "(2 claims are kept by --as-of 2022 and --between 2022-03-04 2022-03-05 though dated less precisely: their dates overlap the periods asked, so they may have held within both, or not;"
            ), "\(both)")
        let disjoint = try cli.run(["claims", "--as-of", "2023", "--between", "2020", "2021", "--format", "csv"]).standardOutput
        #expect(disjoint.split(separator: "\r\n").dropFirst().map { $0.prefix { $0 != "," } } == ["st", "und"], "\(disjoint)")
        // A period wide enough for every date, or CSV: no note.
        for arguments in [["--as-of", "2022"], ["--between", "2021", "2022"], ["--as-of", "2022-03-04", "--format", "csv"]] {
            let result = try cli.run(["claims", "--dated"] + arguments)
            #expect(!result.standardError.contains("less precisely"), "\(arguments): \(result.standardError)")
        }
    }

    @Test(
        "a table under --as-of or --between counts the claims kept only because their period is open: no start (until …), or a state with no end"
    )
    func openPeriodKeptNote() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "records.jsonl",
            """
            {"record":"entity","id":"a","type":"organization","name":"Alpha"}
            {"record":"entity","id":"b","type":"organization","name":"Beta"}
            {"record":"source","id":"s1","type":"news-article","title":"S1","published":"2018","reliability":"C"}
            {"record":"claim","id":"until","subject":"a","predicate":"hostile_to","object":"b","end":"2017-07","citations":[{"source":"s1","quote":"Alpha was hostile to Beta until July 2017.","stance":"asserts","credibility":2}]}
            {"record":"claim","id":"since","subject":"a","predicate":"funded","object":"b","start":"2017","citations":[{"source":"s1","quote":"Alpha has funded Beta since 2017.","stance":"asserts","credibility":2}]}
            {"record":"claim","id":"once","subject":"a","predicate":"attacked","object":"b","start":"2017-03","citations":[{"source":"s1","quote":"Alpha attacked Beta in March 2017.","stance":"asserts","credibility":2}]}
            """)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        // 1990: only the claim with no start reaches back so far.
        let early = try cli.run(["claims", "--as-of", "1990", "--dated"])
        #expect(
            early.standardError
                == "1 claim\n(1 claim is kept by --as-of 1990 only because its period is open: it has no start (\"until …\"), so it is taken to hold from any date before its end; --dated does not leave it out)\n",
            "\(early.standardError)")
        // 2030: only the state with no end; the attack happened within its start.
        let late = try cli.run(["claims", "--as-of", "2030", "--dated"])
        #expect(
            late.standardError
                == "1 claim\n(1 claim is kept by --as-of 2030 only because its period is open: it has no end (\"since …\"), so it is taken to hold on; --dated does not leave it out)\n",
            "\(late.standardError)")
        // Both, counted by side, in every listing; none where their dates reach the period asked.
        for command in [["claims"], ["timeline"], ["timeline", "a"], ["show", "a"], ["neighbors", "a"], ["source", "s1"]] {
            let both = try cli.run(command + ["--between", "1990", "2030"]).standardError
            #expect(!both.contains("period is open"), "\(command): \(both)")
            let result = try cli.run(command + ["--between", "2000", "2001", "--dated"]).standardError
            #expect(
                result.hasSuffix(
                    "(1 claim is kept by --between 2000 2001 only because its period is open: it has no start (\"until …\"), so it is taken to hold from any date before its end; --dated does not leave it out)\n"
                ), "\(command): \(result)")
        }
        let sides = try cli.run(["claims", "--as-of", "2017", "--between", "1990", "2030"]).standardError
        #expect(!sides.contains("period is open"), "\(sides)")
        let twoSides = try cli.run(["claims", "--as-of", "2017-07"]).standardError
        #expect(!twoSides.contains("period is open"), "\(twoSides)")
        #expect(try cli.run(["claims", "--as-of", "1990", "--format", "csv"]).standardError.isEmpty)
    }

    @Test(
        "under --known-by, a listing with a limit reads at most 1000 claims of undated sources for its note, and says the count is a floor; --limit 0 reads them all"
    )
    func knownByNoteReadsBounded() throws {
        let cli = try CLIHarness.scoped
        var records = """
            {"record":"entity","id":"a","type":"organization","name":"Alpha"}
            {"record":"entity","id":"b","type":"organization","name":"Beta"}
            {"record":"source","id":"undated","type":"report","title":"Undated","reliability":"B"}

            """
        for number in 0..<1_002 {
            records += """
                {"record":"claim","id":"c\(number)","subject":"a","predicate":"funded","object":"b","start":null,"end":null,"citations":[{"source":"undated","quote":"q\(number)","stance":"asserts","credibility":2}]}

                """
        }
        try cli.write("records.jsonl", records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let note =
            "1002 claims are left out by --known-by 2030 only because the sources that would keep them have no published date, nor a dated via: a citation with neither is not known by any date"
        let bounded = try cli.run(["claims", "--known-by", "2030", "--limit", "5"])
        #expect(
            bounded.standardError.hasSuffix(
                "(at least 1000 claims are left out by --known-by 2030 only because the sources that would keep them have no published date, nor a dated via: a citation with neither is not known by any date; counted among the first 1000 claims of undated sources: --limit 0 counts them all)\n"
            ), "\(bounded.standardError)")
        for command in [["claims"], ["timeline"]] {
            let all = try cli.run(command + ["--known-by", "2030", "--limit", "0"])
            #expect(all.standardError.hasSuffix("(\(note))\n"), "\(command): \(all.standardError)")
        }
    }

    @Test(
        "a table under --known-by counts the claims left out only for want of a published date, and the dated claims kept that lost citations to it"
    )
    func knownByNotes() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "records.jsonl",
            """
            {"record":"entity","id":"a","type":"organization","name":"Alpha"}
            {"record":"entity","id":"b","type":"organization","name":"Beta"}
            {"record":"source","id":"early","type":"news-article","title":"Early","published":"2015","reliability":"C"}
            {"record":"source","id":"late","type":"news-article","title":"Late","published":"2024-05-10","reliability":"C"}
            {"record":"source","id":"undated","type":"report","title":"Undated","reliability":"B"}
            {"record":"claim","id":"allied","subject":"a","predicate":"linked_to","object":"b","start":"2014-11","citations":[{"source":"early","quote":"Alpha and Beta are linked.","stance":"asserts","credibility":2},{"source":"late","quote":"linked since November 2014","stance":"asserts","credibility":2}]}
            {"record":"claim","id":"funds","subject":"a","predicate":"funded","object":"b","start":"2016","citations":[{"source":"undated","quote":"Alpha funded Beta.","stance":"asserts","credibility":2}]}
            {"record":"claim","id":"met","subject":"a","predicate":"met_with","object":"b","citations":[{"source":"early","quote":"They met.","stance":"asserts","credibility":2},{"source":"late","quote":"They met again.","stance":"asserts","credibility":2}]}
            """)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let leftOut =
            "(1 claim is left out by --known-by 2030 only because the sources that would keep it have no published date, nor a dated via: a citation with neither is not known by any date)\n"
        for command in [["claims"], ["claims", "--subject", "a"], ["timeline"], ["timeline", "a"], ["show", "a"]] {
            let result = try cli.run(command + ["--known-by", "2030"])
            #expect(result.status == 0)
            #expect(result.standardError.hasSuffix(leftOut), "\(command): \(result.standardError)")
            #expect(!result.standardError.contains("citations it leaves out"), "\(command): \(result.standardError)")
        }
        // Left out by its date too: not for want of one alone.
        #expect(!(try cli.run(["claims", "--known-by", "2030", "--min-reliability", "A"]).standardError.contains("left out by")))
        #expect(try cli.run(["claims", "--known-by", "2030", "--format", "csv"]).standardError.isEmpty)
        // 2016: the dated claim kept lost the 2024 citation, which may have dated it; the undated
        // claim has no dates to have been given.
        let earlier = try cli.run(["claims", "--known-by", "2016"]).standardError
        #expect(
            earlier.contains("(1 claim kept by --known-by 2016 has citations it leaves out, public later or undated: "),
            "\(earlier)")
        #expect(earlier.contains("(1 claim is left out by --known-by 2016 only because"), "\(earlier)")
        for command in [["show", "a"], ["neighbors", "a"], ["timeline", "a"]] {
            let result = try cli.run(command + ["--known-by", "2016"]).standardError
            #expect(result.contains("(1 claim kept by --known-by 2016 has citations it leaves out"), "\(command): \(result)")
        }
        // Footnotes get the notes too, on standard error.
        let cited = try cli.run(["claims", "--known-by", "2030", "--format", "cite"])
        #expect(cited.standardOutput.hasPrefix("[1] Alpha — linked to → Beta"))
        #expect(cited.standardError.hasSuffix(leftOut), "\(cited.standardError)")
        // Cut short, a listing that found its claims through the sources public by then reads
        // the undated sources' claims whole: the count is all of them. One that read the claims
        // in order stopped where it stopped listing them: its count is a lower bound, and says so.
        let cut = try cli.run(["claims", "--known-by", "2030", "--limit", "1"])
        #expect(cut.standardOutput.hasSuffix("showing the first 1 claim; more match: --limit 0 for all\n"))
        #expect(cut.standardError.hasSuffix(leftOut), "\(cut.standardError)")
        for format in ["table", "cite"] {
            let partial = try cli.run(["timeline", "a", "--known-by", "2030", "--limit", "1", "--format", format])
            #expect(
                partial.standardError.hasSuffix(
                    "(at least 1 claim is left out by --known-by 2030 only because the sources that would keep it have no published date, nor a dated via: a citation with neither is not known by any date; counted among the claims read before the listing stopped at its limit: --limit 0 counts them all)\n"
                ), "\(format): \(partial.standardError)")
        }
    }

    @Test("a table cut at its limit counts, in its notes on open periods, the claims it lists, and says so")
    func openPeriodNoteOfCutTable() throws {
        let cli = try datasetStore()
        let cut = try cli.run(["claims", "--as-of", "2030", "--limit", "5"])
        #expect(cut.standardOutput.hasSuffix("showing the first 5 claims; more match: --limit 0 for all\n"))
        #expect(
            cut.standardError.hasSuffix(
                "(2 of the 5 claims listed are kept by --as-of 2030 only because their period is open: they have no end (\"since …\"), so they are taken to hold on; --dated does not leave them out)\n"
            ), "\(cut.standardError)")
        // Whole: the count is of every claim that passes.
        #expect(
            try cli.run(["claims", "--as-of", "2030", "--limit", "0"]).standardError.contains(
                "(8 claims are kept by --as-of 2030"))
    }

    @Test("disputes --limit: the first n of each list, each cut short saying how many there are; the JSON keeps the counts")
    func disputesLimit() throws {
        let cli = try datasetStore()
        let table = try cli.run(["disputes", "--limit", "1"])
        #expect(table.status == 0)
        #expect(table.standardOutput.contains("2 pairs of claims that cannot both hold (2 opposed-predicates)\n"))
        #expect(table.standardOutput.contains("hamas-hostile-to-isis-until-2017"))
        #expect(!table.standardOutput.contains("isis-hostile-to-hamas-until-2017"))
        #expect(table.standardOutput.hasSuffix("  showing 1 of 2 opposed-predicates pairs; --limit 0 for all\n"))
        // Two disputed claims (one only denied): the list cut short says so.
        #expect(table.standardOutput.contains("\nshowing 1 of 2 disputed claims; --limit 0 for all\n"))
        let json = try cli.run(["disputes", "--format", "json", "--limit", "1"])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect((document["incompatibilities"] as? [Any])?.count == 1)
        #expect(
            document["counts"] as? [String: Int] == [
                "disputes": 2, "only_denied": 1, "opposed-predicates": 2, "exclusive-in-time": 0, "acts-after-death": 0,
            ])
        let csv = try cli.run(["disputes", "--format", "csv", "--limit", "1"])
        #expect(csv.standardOutput.split(separator: "\r\n").count == 3)
        // Cut, JSON and CSV say so on standard error, a line for each list, as the table does under each.
        for cut in [json, csv] {
            #expect(
                cut.standardError
                    == "isnad: showing 1 of 2 disputed claims; --limit 0 for all\n"
                    + "isnad: showing 1 of 2 opposed-predicates pairs; --limit 0 for all\n", "\(cut.standardError)")
        }
        for format in ["json", "csv"] {
            let all = try cli.run(["disputes", "--format", format])
            #expect(all.status == 0 && all.standardError.isEmpty, "\(format): \(all.standardError)")
        }
        let whole = try cli.run(["disputes", "--limit", "0"])
        #expect(whole.standardOutput.contains("isis-hostile-to-hamas-until-2017"))
        #expect(!whole.standardOutput.contains("--limit 0 for all"))
        let negative = try cli.run(["disputes", "--limit", "-1"])
        #expect(negative.status == 64)
    }

    @Test("a claimant read in a paper that has it only through an E agency weighs E, and show names the agency")
    func carriedThroughARelay() throws {
        let cli = try CLIHarness.scoped
        try cli.write("weighed.jsonl", HTMLViewTests.weighedRecords)
        #expect(try cli.run(["import", "weighed.jsonl"]).status == 0)
        let claim = try cli.run(["claims", "--id", "k7", "--format", "csv"])
        #expect(claim.standardOutput.contains(",alleged,1,E,2,1,paper,"), "\(claim.standardOutput)")
        let show = try cli.run(["show", "a", "--predicate", "linked_to"])
        #expect(show.standardOutput.contains("asserts A2  ministry, via paper through agency\n"), "\(show.standardOutput)")
        // If the agency is wrong, the ministry's words as the paper gives them fall with it.
        let impact = try cli.run(["source", "agency", "--impact"])
        #expect(impact.standardOutput.contains("1 claim would fall"), "\(impact.standardOutput)")
        #expect(try cli.run(["claims", "--id", "k7", "--exclude-common-link", "agency"]).standardError.contains("0 claims"))
    }

    @Test("--exclude-common-link and --min-channels: without the article nothing is left of Hamas's claims")
    func channelFilters() throws {
        let cli = try datasetStore()
        let without = try cli.run(["show", "hamas", "--exclude-common-link", "hadera-2022-article"])
        #expect(without.status == 0)
        // Said as what the filters left, not as nothing known of Hamas.
        #expect(without.standardOutput.contains("\n0 claims (the filters leave out all 33 of its claims)\n"))
        let withoutDocument = try cli.run(["claims", "--subject", "hamas", "--exclude-common-link", "abu-maram-document"])
        // The article cites the document, so the document is in the chain of all the article
        // says; what came to the article from elsewhere (Hamas's statement, the press conference)
        // or in its own voice stays, as `source abu-maram-document --impact` says.
        #expect(!withoutDocument.standardOutput.contains("hamas-supplied-weapons-to-wilayat-sinai"))
        #expect(withoutDocument.standardOutput.contains("hamas-praised-hadera-attack "))
        #expect(withoutDocument.standardError.contains("13 claims"), "\(withoutDocument.standardError)")
        let nothing = try cli.run(["claims", "--subject", "hamas", "--exclude-common-link", "hadera-2022-article"])
        #expect(nothing.standardError.contains("0 claims pass the filters"))
        // No rows, no header: a script counting lines counts none.
        #expect(nothing.standardOutput.isEmpty, "\(nothing.standardOutput)")
        #expect(
            try cli.run(["timeline", "hamas", "--exclude-common-link", "hadera-2022-article"]).standardOutput.isEmpty)
        // A retracted claim is counted on its own line, not taken from those the filters left out.
        #expect(try cli.run(["retract", "hamas-praised-hadera-attack", "--reason", "misread"]).status == 0)
        let afterRetraction = try cli.run(["show", "hamas", "--exclude-common-link", "hadera-2022-article"])
        #expect(
            afterRetraction.standardOutput.contains(
                "\n0 claims (the filters leave out all 32 of its claims)\n(1 retracted claim left out: isnad show --include-retracted)\n"
            ), "\(afterRetraction.standardOutput)")
        let two = try cli.run(["claims", "--min-channels", "2"])
        #expect(two.standardError.contains("0 claims"))
        let unknown = try cli.run(["show", "hamas", "--exclude-common-link", "hadera-2022-artcle"])
        #expect(unknown.status != 0)
        #expect(unknown.standardError.contains("--exclude-common-link: no source matches \"hadera-2022-artcle\""))
        let csv = try cli.run(["claims", "--subject", "hamas", "--format", "csv"])
        #expect(csv.standardOutput.contains(",best_reliability,best_credibility,channels,common_link,"))
        #expect(csv.standardOutput.contains(",1,hadera-2022-article,"))
        let table = try cli.run(["neighbors", "hamas"])
        #expect(table.standardOutput.contains("CHANNELS"))
        #expect(table.standardOutput.contains("hadera-2022-article (E)"))
    }
}
