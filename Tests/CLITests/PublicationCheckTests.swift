import Foundation
import TestHelpers
import Testing

@testable import IsnadCLI

/// What a journalist checks the day before publication: which claims rest on a single voice
/// (`--max-channels`), the lines a locator names (`source ID --text`, `--lines`), and the
/// citations' sources for footnotes (the listing CSV's last columns).
@Suite("Checks before publication", .temporaryStore)
struct PublicationCheckTests {
    /// Four claims: one voice, two independent voices, only denied (no voice), and one read in
    /// another source (a via).
    static let records = """
        {"record":"entity","id":"a","type":"organization","name":"Alpha"}
        {"record":"entity","id":"b","type":"organization","name":"Beta"}
        {"record":"entity","id":"c","type":"organization","name":"Gamma"}
        {"record":"entity","id":"d","type":"organization","name":"Delta"}
        {"record":"source","id":"wire","type":"news-article","title":"Alpha pays Gamma, says the wire","author":"Jo Writer","publisher":"Wire Agency","url":"https://wire.example/alpha","published":"2021-05-02","reliability":"A"}
        {"record":"source","id":"paper","type":"news-article","title":"The paper's report","publisher":"Daily Paper","url":"https://paper.example/report","published":"2021-06","reliability":"B"}
        {"record":"source","id":"blog","type":"social-media-post","title":"A blog","reliability":"E"}
        {"record":"claim","id":"one-voice","subject":"a","predicate":"funded","object":"b","start":null,"end":null,"citations":[{"source":"blog","quote":"Alpha funds Beta","stance":"asserts","credibility":3}]}
        {"record":"claim","id":"two-voices","subject":"a","predicate":"funded","object":"c","start":null,"end":null,"citations":[{"source":"wire","quote":"Alpha pays Gamma","stance":"asserts","credibility":2},{"source":"paper","quote":"Alpha funds Gamma","stance":"asserts","credibility":2}]}
        {"record":"claim","id":"only-denied","subject":"a","predicate":"funded","object":"d","start":null,"end":null,"citations":[{"source":"paper","quote":"Alpha never funded Delta","stance":"denies","credibility":2}]}
        {"record":"claim","id":"read-in-paper","subject":"b","predicate":"funded","object":"c","start":null,"end":null,"citations":[{"source":"wire","via":"paper","quote":"Beta funds Gamma","stance":"reports","credibility":3,"locator":"p. 4"}]}

        """

    private func store() throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", Self.records)
        let result = try cli.run(["import", "records.jsonl"])
        #expect(result.status == 0, "\(result.standardError)")
        return cli
    }

    private func datasetStore() throws -> CLIHarness { try CLIHarness.withDataset }

    /// The claim ids of a listing's CSV, in its order.
    private func ids(_ csv: String) -> [String] {
        csv.split(separator: "\r\n").dropFirst().map { String($0.prefix { $0 != "," }) }
    }

    // MARK: the strength of a denial

    @Test("show's count says how many disputed claims an A–C source denies: the paper's B2 denial, not the accused's E5")
    func disputedByStrongSources() throws {
        let cli = try store()
        let shown = try cli.run(["show", "a"])
        #expect(shown.status == 0, "\(shown.standardError)")
        #expect(
            shown.standardOutput.contains("\n3 claims: 1 asserted, 1 alleged, 1 disputed (1 by an A–C source)\n"),
            "\(shown.standardOutput)")
        #expect(shown.standardOutput.contains("DISPUTED by B2 · 0 sources, 1 citation · best F6"), "\(shown.standardOutput)")
        // A disputed claim that only an E source denies is counted disputed, and no more.
        let weak = try cli.write(
            "weak.jsonl",
            #"{"record":"source","id":"accused","type":"statement","title":"Denial","reliability":"E"}"# + "\n"
                + #"{"record":"claim","id":"one-voice","subject":"a","predicate":"funded","object":"b","citations":[{"source":"blog","quote":"Alpha funds Beta","stance":"asserts","credibility":3},{"source":"accused","quote":"We fund no one","stance":"denies","credibility":5}]}"#
                + "\n")
        #expect(try cli.run(["import", weak]).status == 0)
        let again = try cli.run(["show", "a"]).standardOutput
        #expect(again.contains("\n3 claims: 1 asserted, 2 disputed (1 by an A–C source)\n"), "\(again)")
    }

    // MARK: --max-channels

    @Test("--max-channels 1 lists what rests on a single voice, and what no voice supports; with --min-channels, a band")
    func maximumChannels() throws {
        let cli = try store()
        let single = try cli.run(["claims", "--max-channels", "1"])
        #expect(single.status == 0, "\(single.standardError)")
        #expect(
            single.standardOutput == """
                CLAIM          SUBJECT  PREDICATE  OBJECT  DATES    STATUS          BEST  CHANNELS       ALL THROUGH  SAID BY (STANCE GRADE)
                one-voice      Alpha    funded     Beta    undated  ALLEGED         E3    1              blog (E)     blog (asserts E3)
                only-denied    Alpha    funded     Delta   undated  DISPUTED by B2  F6    0 (1 denying)               paper (denies B2)
                read-in-paper  Beta     funded     Gamma   undated  ALLEGED         B3    1              paper (B)    wire (reports A3)

                """)
        let band = try cli.run(["claims", "--min-channels", "2", "--max-channels", "2", "--format", "csv"])
        #expect(ids(band.standardOutput) == ["two-voices", "two-voices"])
        // Every command and exporter takes it with the other filters, and a graph's title names it.
        #expect(
            ids(try cli.run(["show", "alpha", "--max-channels", "1", "--format", "csv"]).standardOutput) == [
                "one-voice", "only-denied",
            ])
        let dot = try cli.run(["export", "dot", "--max-channels", "1"])
        #expect(
            dot.standardOutput.contains("label=\"The whole store · at most 1 independent channel\\n"), "\(dot.standardOutput)")
        #expect(dot.standardOutput.contains("id=\"claim:read-in-paper\""), "\(dot.standardOutput)")
        #expect(!dot.standardOutput.contains("id=\"claim:two-voices\""), "\(dot.standardOutput)")
    }

    @Test("every command that takes --min-channels takes --max-channels")
    func everyCommandTakesBoth() {
        let taking = commands.filter { $0.spec.allOptions.contains { $0.name == "min-channels" } }.map(\.name)
        #expect(taking.count >= 8, "\(taking)")
        for command in commands where command.spec.allOptions.contains(where: { $0.name == "min-channels" }) {
            #expect(command.spec.allOptions.contains { $0.name == "max-channels" }, "\(command.name)")
        }
    }

    @Test(
        "--max-channels below 1, or below --min-channels, is a usage error",
        arguments: [
            (["--max-channels", "0"], "isnad: --max-channels: expected a whole number from 1 to 1000, got \"0\""),
            (["--max-channels", "one"], "isnad: --max-channels: expected a whole number from 1 to 1000, got \"one\""),
            (["--min-channels", "2", "--max-channels", "1"], "isnad: --max-channels: 1 is below --min-channels 2"),
        ])
    func maximumChannelsRefused(_ options: [String], _ message: String) throws {
        let cli = try store()
        for command in [["claims"], ["show", "alpha"], ["export", "graphml"]] {
            let result = try cli.run(command + options)
            #expect(result.status == 64, "\(command)")
            #expect(result.standardOutput.isEmpty)
            #expect(result.standardError == message + "\n(see 'isnad \(command[0]) --help')\n", "\(command)")
        }
    }

    @Test("on the seed dataset every claim rests on a single voice: --max-channels 1 lists all 92, one of the piece's among them")
    func seedSingleVoice() throws {
        let cli = try datasetStore()
        let all = try cli.run(["claims", "--max-channels", "1", "--format", "csv"])
        #expect(Set(ids(all.standardOutput)).count == 92)
        let one = try cli.run(["claims", "--id", "hamas-praised-hadera-attack", "--max-channels", "1", "--format", "csv"])
        #expect(Set(ids(one.standardOutput)) == ["hamas-praised-hadera-attack"])
        let none = try cli.run(["claims", "--min-channels", "2"])
        #expect(none.standardOutput.isEmpty)
    }

    // MARK: source --text, --lines

    @Test("source --lines prints the lines a locator names, numbered as the locator counts them")
    func linesOfTheArticle() throws {
        let cli = try datasetStore()
        let lines = try cli.run(["source", "hadera-2022-article", "--lines", "60-62"])
        #expect(lines.status == 0, "\(lines.standardError)")
        #expect(
            lines.standardOutput == """
                60  وعدد القيادي في "داعش" أنواع المساعدات التي تقدمها "حماس"
                61  إلى "ولاية سيناء"، بقوله إنها تقدم لهم التنسيق فيما يتعلق بنقل الأسلحة
                62  من وإلى سيناء، والدعم اللوجيستي، والدعم المالي، وتوريد الذخيرة، ونقل الجرحى إلى

                """)
        // The locator as a citation writes it, copied whole.
        let locator = try cli.run(["source", "hadera-2022-article", "--lines", "lines 3-4"])
        #expect(
            locator.standardOutput == """
                3  وأكدت "حماس" أن العملية "رد طبيعي ومشروع على الاحتلال وجرائمه
                4  ضد شعبنا ومقدساتنا".

                """)
        // The line `show` cites for the quote holds it.
        let show = try cli.run(["show", "hamas", "--predicate", "supplied_weapons_to"]).standardOutput
        #expect(show.contains("via hadera-2022-article (line 62)\n          «وتوريد الذخيرة»"))
        #expect(try cli.run(["source", "hadera-2022-article", "--lines", "62"]).standardOutput.contains("وتوريد الذخيرة"))
        // The whole text: 86 lines, numbers right-aligned.
        let text = try cli.run(["source", "hadera-2022-article", "--text"])
        let printed = text.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(printed.count == 87 && printed.last == "")
        #expect(printed[0].hasPrefix(" 1  ") && printed[85].hasPrefix("86  الفلسطيني."), "\(printed.prefix(1))")
        let csv = try cli.run(["source", "hadera-2022-article", "--lines", "85-86", "--format", "csv"])
        #expect(
            csv.standardOutput
                == "line,text\r\n85,بمصالح الشعب الفلسطيني في علاقة لاتخدم القضية الفلسطينية ومصالح الشعب\r\n86,الفلسطيني.\r\n")
        let json = try cli.run(["source", "hadera-2022-article", "--lines", "86", "--format", "json"])
        #expect(json.standardOutput == "{\"line\":86,\"text\":\"الفلسطيني.\"}\n")
    }

    @Test("lines past the text's end: those there are, and a note; none there is exit 65; a source without text says so")
    func linesMissing() throws {
        let cli = try datasetStore()
        let partly = try cli.run(["source", "hadera-2022-article", "--lines", "86-90"])
        #expect(partly.status == 0)
        #expect(partly.standardOutput == "86  الفلسطيني.\n")
        #expect(partly.standardError == "isnad: note: the text of hadera-2022-article ends at line 86, before line 90\n")
        let past = try cli.run(["source", "hadera-2022-article", "--lines", "90-100"])
        #expect(past.status == 65)
        #expect(past.standardOutput.isEmpty)
        #expect(
            past.standardError == "isnad: source \"hadera-2022-article\": its text has 86 lines: lines 90-100 are past its end\n")
        let none = try cli.run(["source", "abu-maram-document", "--text"])
        #expect(none.status == 65)
        #expect(none.standardOutput.isEmpty)
        #expect(
            none.standardError
                == "isnad: source \"abu-maram-document\" has no stored text: nothing to print (isnad set abu-maram-document text - < FILE stores one)\n"
        )
    }

    @Test(
        "--lines takes a line, a range or a locator; anything else, and --text with filters, is a usage error",
        arguments: [
            (["--lines", "5-3"], "isnad: --lines: 5-3: the first line comes after the last"),
            (["--lines", "0"], "isnad: --lines: lines count from 1, got \"0\""),
            (
                ["--lines", "p. 4"],
                "isnad: --lines: expected a line (31) or lines (60-62), as a locator names them, got \"p. 4\""
            ),
            (
                ["--text", "--min-reliability", "B"],
                "isnad: --text prints the source's text: it takes no filters, --impact or --limit"
            ),
            (["--lines", "3", "--impact"], "isnad: --lines prints the source's text: it takes no filters, --impact or --limit"),
            (["--text", "--limit", "3"], "isnad: --text prints the source's text: it takes no filters, --impact or --limit"),
        ])
    func linesRefused(_ options: [String], _ message: String) throws {
        let cli = try datasetStore()
        let result = try cli.run(["source", "hadera-2022-article"] + options)
        #expect(result.status == 64)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError == message + "\n(see 'isnad source --help')\n")
    }

    @Test("a stored text's line breaks of every kind count as a quote's locator counts them")
    func lineBreaksAgree() throws {
        let cli = try store()
        // CR LF, a lone CR, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR, a blank line, no break at the end.
        try cli.write("text.txt", "one\r\ntwo\rthree\u{85}four\u{2028}five\u{2029}six\n\nحماس")
        let added = try cli.run([
            "add", "source", "--type", "news-article", "--id", "texted", "--title", "A text", "--text-file", "text.txt",
        ])
        #expect(added.status == 0, "\(added.standardError)")
        for quote in ["four", "حماس"] {
            let claim = try cli.run([
                "add", "claim", "beta", "funded", "delta", "--source", "texted", "--quote", quote, "--stance", "asserts",
                "--credibility", "3",
            ])
            #expect(claim.status == 0, "\(claim.standardError)")
        }
        let locators = try cli.run(["claims", "--source", "texted", "--format", "json"]).standardOutput
        #expect(
            locators.contains("\"quote\":\"four\",\"stance\":\"asserts\",\"credibility\":3,\"locator\":\"line 4\""), "\(locators)"
        )
        #expect(
            locators.contains("\"quote\":\"حماس\",\"stance\":\"asserts\",\"credibility\":3,\"locator\":\"line 8\""), "\(locators)"
        )
        let text = try cli.run(["source", "texted", "--text"])
        #expect(text.status == 0, "\(text.standardError)")
        #expect(text.standardOutput == "1  one\n2  two\n3  three\n4  four\n5  five\n6  six\n7\n8  حماس\n")
    }

    @Test("a stored text planted by another program is printed harmless: what could command a terminal is an escape")
    func hostileText() throws {
        let cli = try store()
        let shell = try #require(ExternalTool.path("sqlite3"), "the sqlite3 shell plants what isnad would not store")
        // An OSC 52 (write the clipboard), a BEL, a tab, an RLO (reverses what follows).
        let text =
            "'a' || char(27) || ']52;c;aGk=' || char(7) || 'b' || char(9) || 'c' || char(8238) || 'd' || char(10) || 'حماس'"
        let planted = try ExternalTool.run(
            shell, [cli.path("isnad.db"), "UPDATE source SET full_text = \(text) WHERE id = 'blog';"])
        #expect(planted.status == 0, "\(planted.standardError)")
        let result = try cli.run(["source", "blog", "--text"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "1  a\\u{1B}]52;c;aGk=\\u{7}b c\\u{202E}d\n2  حماس\n")
    }

    // MARK: the listing CSV's sources

    @Test(
        "a listing's CSV ends with the citation's sources (claimant title, publisher, date and URL, the via's title), then its capped grades, then the via's publisher, date and URL and the claimant's author, then the claim's strongest denial"
    )
    func footnoteColumns() throws {
        let cli = try store()
        let csv = try cli.run(["claims", "--format", "csv"])
        let rows = csv.standardOutput.split(separator: "\r\n")
        #expect(
            rows.first
                == "claim,subject,subject_name,predicate,object,object_name,start,end,status,sources,best_reliability,best_credibility,channels,common_link,citation_source,citation_reliability,via,stance,credibility,quote,quote_en,locator,notes,citation_source_title,citation_source_publisher,citation_source_published,citation_source_url,via_title,citation_capped_reliability,citation_capped_credibility,via_publisher,via_published,via_url,citation_source_author,best_denial"
        )
        #expect(
            rows.dropFirst().map(String.init) == [
                "one-voice,a,Alpha,funded,b,Beta,,,alleged,1,E,3,1,blog,blog,E,,asserts,3,Alpha funds Beta,,,,A blog,,,,,E,3,,,,,",
                "only-denied,a,Alpha,funded,d,Delta,,,disputed,0,F,6,0,,paper,B,,denies,2,Alpha never funded Delta,,,,The paper's report,Daily Paper,2021-06,https://paper.example/report,,B,2,,,,,B2",
                "read-in-paper,b,Beta,funded,c,Gamma,,,alleged,1,B,3,1,paper,wire,A,paper,reports,3,Beta funds Gamma,,p. 4,,\"Alpha pays Gamma, says the wire\",Wire Agency,2021-05-02,https://wire.example/alpha,The paper's report,B,3,Daily Paper,2021-06,https://paper.example/report,Jo Writer,",
                "two-voices,a,Alpha,funded,c,Gamma,,,asserted,2,A,2,2,,wire,A,,asserts,2,Alpha pays Gamma,,,,\"Alpha pays Gamma, says the wire\",Wire Agency,2021-05-02,https://wire.example/alpha,,A,2,,,,Jo Writer,",
                "two-voices,a,Alpha,funded,c,Gamma,,,asserted,2,A,2,2,,paper,B,,asserts,2,Alpha funds Gamma,,,,The paper's report,Daily Paper,2021-06,https://paper.example/report,,B,2,,,,,",
            ])
        // The claim only the paper (B2) denies names that denial last, for every row of the claim:
        // what tells a ministry's finding from the accused's own word, as the table's STATUS does.
        #expect(try cli.run(["claims", "--id", "only-denied"]).standardOutput.contains("  DISPUTED by B2  F6  "))
        // Last, each citation's grades as the weighing counts them: the wire (A) read in the paper
        // (B) is B3 there (citation_reliability keeps the wire's own A).
        // The columns before them are where they were: `retracted` too, in a listing with it; a
        // retracted citation, not weighed, has no capped grades.
        #expect(try cli.run(["retract", "read-in-paper", "--reason", "misread"]).status == 0)
        let retracted = try cli.run(["claims", "--only-retracted", "--format", "csv"]).standardOutput
        #expect(
            retracted == """
                claim,subject,subject_name,predicate,object,object_name,start,end,status,sources,best_reliability,best_credibility,channels,common_link,citation_source,citation_reliability,via,stance,credibility,quote,quote_en,locator,notes,retracted,citation_source_title,citation_source_publisher,citation_source_published,citation_source_url,via_title,citation_capped_reliability,citation_capped_credibility,via_publisher,via_published,via_url,citation_source_author,best_denial\r
                read-in-paper,b,Beta,funded,c,Gamma,,,retracted,,,,,,wire,A,paper,reports,3,Beta funds Gamma,,p. 4,,misread,"Alpha pays Gamma, says the wire",Wire Agency,2021-05-02,https://wire.example/alpha,The paper's report,,,Daily Paper,2021-06,https://paper.example/report,Jo Writer,\r

                """)
        let standing = try cli.run(["claims", "--include-retracted", "--id", "one-voice", "--format", "csv"]).standardOutput
        #expect(
            standing.hasSuffix(
                "\r\none-voice,a,Alpha,funded,b,Beta,,,alleged,1,E,3,1,blog,blog,E,,asserts,3,Alpha funds Beta,,,,,A blog,,,,,E,3,,,,,\r\n"
            ))
    }

    @Test(
        "the CSV's capped grades are the weighing's: Hamas's statement (B) read in the E article is E2 there, as the table's BEST; its own B stays"
    )
    func cappedByVia() throws {
        let cli = try datasetStore()
        let csv = try cli.run(["claims", "--id", "hamas-praised-hadera-attack", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.standardError)")
        let rows = QueryCommandTests.csvRows(csv.standardOutput)
        let header = try #require(rows.first)
        func cells(_ row: [String], _ names: String...) -> [String] {
            names.map { name in header.firstIndex(of: name).map { row[$0] } ?? "no column \(name)" }
        }
        #expect(
            rows.dropFirst().map {
                cells(
                    $0, "citation_source", "citation_reliability", "via", "credibility", "citation_capped_reliability",
                    "citation_capped_credibility")
            } == [
                ["hamas-statement-hadera", "B", "hadera-2022-article", "2", "E", "2"],
                ["hadera-2022-article", "E", "", "3", "E", "3"],
                ["hadera-2022-article", "E", "", "3", "E", "3"],
            ])
        let table = try cli.run(["claims", "--id", "hamas-praised-hadera-attack", "--format", "table"])
        #expect(table.standardOutput.contains("  ALLEGED  E2  "), "\(table.standardOutput)")
    }

    @Test("a listing's CSV, with the sources' columns, still imports back as a sheet: they are passed over")
    func listingReadBack() throws {
        let cli = try datasetStore()
        let csv = try cli.run(["claims", "--format", "csv", "--limit", "0"])
        try cli.write("claims.csv", csv.standardOutput)
        let back = try cli.run(["import", "claims.csv", "--dry-run"])
        #expect(back.status == 0, "\(back.standardError)")
        #expect(back.standardError.contains("claims.csv: 120 citations of 92 claims, all valid; nothing written (--dry-run)"))
    }
}
