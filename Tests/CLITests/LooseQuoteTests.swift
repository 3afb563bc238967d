import Foundation
import TestHelpers
import Testing

/// A quote found in its source's text only once marks, spaces, typeset characters and Unicode form
/// are set aside is taken, and said, with the text's own words (the review's finding 3).
@Suite("a quote that matches its text only loosely is taken and said", .temporaryStore)
struct LooseQuoteTests {
    /// A Telegram statement: a damma, a run of two spaces, CR LF, an em dash, typographic quotes.
    static let text = "بيان\r\nقامت الكتيبةُ  بتسليم الأسلحة\r\nEnd  —  “quoted”\n"
    static let arabicNote =
        "the quote matches the text of \"article\" only with marks, spaces, typeset characters (quotation marks, dashes, ligatures) or Unicode form set aside; the text has «قامت الكتيبةُ  بتسليم» (line 2)"
    static let englishNote =
        "the quote matches the text of \"article\" only with marks, spaces, typeset characters (quotation marks, dashes, ligatures) or Unicode form set aside; the text has «End  —  “quoted”» (line 3)"

    private func store() throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let text = try cli.run(["set", "article", "text", Self.text])
        #expect(text.status == 0, "\(text.standardError)")
        return cli
    }

    @Test("add claim takes it with a note naming the citation; words there byte for byte, or with other line ends, have none")
    func add() throws {
        let cli = try store()
        let claim = ["add", "claim", "hamas", "praised", "hadera-attack", "--source", "article", "--stance", "asserts"]
        let loose = try cli.run(claim + ["--quote", "قامت الكتيبة  بتسليم", "--credibility", "3"])
        #expect(loose.status == 0, "\(loose.standardError)")
        #expect(
            loose.standardError.contains("isnad: note: claim \"hamas-praised-attack\" citation 2: \(Self.arabicNote)\n"),
            "\(loose.standardError)")
        #expect(try cli.run(["export", "jsonl"]).standardOutput.contains(#""quote":"قامت الكتيبة  بتسليم""#))
        // Passages apart: one quote holding another of the claimant's is refused (an edited quote).
        for verbatim in ["End  —  “quoted”", "بيان\nقامت", "الأسلحة\r\nEnd"] {
            let exact = try cli.run(claim + ["--quote", verbatim, "--credibility", "2"])
            #expect(exact.status == 0, "\(exact.standardError)")
            #expect(!exact.standardError.contains("set aside"), "\(exact.standardError)")
        }
    }

    @Test("set and edit say a new quote that matches only loosely, and not a quote they did not change")
    func setAndEdit() throws {
        let cli = try store()
        let set = try cli.run(["set", "hamas-praised-attack", "citations[0].quote", "End - \"quoted\""])
        #expect(set.status == 0, "\(set.standardError)")
        #expect(
            set.standardError.hasSuffix("isnad: note: claim \"hamas-praised-attack\" citation 1: \(Self.englishNote)\n"),
            "\(set.standardError)")
        let other = try cli.run(["set", "hamas-praised-attack", "citations[0].credibility", "4"])
        #expect(other.status == 0 && !other.standardError.contains("set aside"), "\(other.standardError)")

        let path = try cli.write("editor.sh", #"sed -i 's/"quote": "End - \\"quoted\\""/"quote": "قامت الكتيبة  بتسليم"/' "$1""#)
        try FileManager.default.createDirectory(atPath: cli.path("tmp"), withIntermediateDirectories: true)
        let edit = try cli.run(
            ["edit", "hamas-praised-attack"], environment: ["EDITOR": "sh \(path)", "VISUAL": "", "TMPDIR": cli.path("tmp")])
        #expect(edit.status == 0, "\(edit.standardError)")
        #expect(
            edit.standardError.contains("isnad: note: claim \"hamas-praised-attack\" citation 1: \(Self.arabicNote)\n"),
            "\(edit.standardError)")
    }

    @Test("a claims sheet notes the row's quote cell; an import of records counts them and names the first")
    func imports() throws {
        let cli = try store()
        try cli.write(
            "loose.csv",
            "subject,predicate,object,source,quote,stance,credibility\n"
                + "hamas,praised,hadera-attack,article,\"End - \"\"quoted\"\"\",asserts,3\n")
        let sheet = try cli.run(["import", "loose.csv"])
        #expect(sheet.status == 0, "\(sheet.standardError)")
        #expect(sheet.standardError.contains("isnad: loose.csv:2:5: note: \(Self.englishNote)\n"), "\(sheet.standardError)")

        let claim =
            #"{"record":"claim","id":"ID","subject":"isis","predicate":"praised","object":"hadera-attack","citations":[{"source":"article","quote":"QUOTE","stance":"asserts","credibility":3}]}"#
        func line(_ id: String, _ quote: String) -> String {
            claim.replacingOccurrences(of: "ID", with: id).replacingOccurrences(of: "QUOTE", with: quote) + "\n"
        }
        try cli.write("one.jsonl", line("a1", "قامت الكتيبة  بتسليم") + line("a2", "End  —  “quoted”"))
        let one = try cli.run(["import", "one.jsonl"])
        #expect(one.status == 0, "\(one.standardError)")
        #expect(one.standardError.hasSuffix("isnad: note: claim \"a1\" citation 1: \(Self.arabicNote)\n"), "\(one.standardError)")
        try cli.write("two.jsonl", line("b1", "قامت الكتيبة  بتسليم") + line("b2", #"End - \"quoted\""#))
        let two = try cli.run(["import", "two.jsonl"])
        #expect(
            two.standardError.contains(
                "isnad: note: 2 quotes imported stand in the text of the source they are read in only with marks, spaces, typeset characters (quotation marks, dashes, ligatures) or Unicode form set aside (the first: claim \"b1\" citation 1: \(Self.arabicNote))\n"
            ), "\(two.standardError)")
    }

    @Test(
        "check finds one passage cited twice by one source in two spellings (a claim disputing itself), as the matcher reads them"
    )
    func oneQuoteTypedTwoWays() throws {
        let cli = try store()
        let claim = ["add", "claim", "hamas", "praised", "hadera-attack", "--id", "hamas-praised-attack", "--source", "article"]
        let first = try cli.run(claim + ["--quote", "قامت الكتيبةُ  بتسليم الأسلحة", "--stance", "asserts", "--credibility", "3"])
        #expect(first.status == 0, "\(first.standardError)")
        // add claim refuses the passage typed otherwise, naming the citation it is (set's index from 0).
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let twin = ["--quote", "قامت الكتيبة بتسليم الأسلحة", "--stance", "denies", "--credibility", "6"]
        let refused = try cli.run(claim + twin)
        #expect(refused.status == 65)
        #expect(
            refused.standardError.hasPrefix(
                "isnad: --quote: citation 2 of claim \"hamas-praised-attack\" quotes the same passage of \"article\", typed otherwise («قامت الكتيبةُ  بتسليم الأسلحة»): a second citation of it would count it twice (with another stance, the claim disputing itself); change that one instead (isnad set hamas-praised-attack 'citations[1].stance' VALUE, or 'citations[1].quote' - to type it as here); nothing changed"
            ), "\(refused.standardError)")
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        // Given on a line of records of its own, after one giving the citation it twins (lines
        // are compared apart, where add claim, set and edit refuse it), the twin is there for
        // check to find, at citation 3.
        let line =
            #"{"record":"claim","id":"hamas-praised-attack","subject":"hamas","predicate":"praised","object":"hadera-attack","start":"2022-03-27","end":null,"citations":[CITATION]}"#
        try cli.write(
            "twin.jsonl",
            line.replacingOccurrences(
                of: "CITATION",
                with: #"{"source":"article","quote":"قامت الكتيبةُ  بتسليم الأسلحة","stance":"asserts","credibility":3}"#)
                + "\n"
                + line.replacingOccurrences(
                    of: "CITATION",
                    with: #"{"source":"article","quote":"قامت الكتيبة بتسليم الأسلحة","stance":"denies","credibility":6}"#)
                + "\n")
        let imported = try cli.run(["import", "twin.jsonl"])
        #expect(imported.status == 0, "\(imported.standardError)")
        let check = try cli.run(["check"])
        #expect(check.status == 65)
        #expect(
            check.standardOutput.contains(
                "claim \"hamas-praised-attack\" citation 3: repeats the quote of citation 2 with other marks, spaces or typeset characters (quotation marks, dashes, ligatures), read otherwise (stance, credibility, translation or locator): one citation given two readings; keep the right one, take the other out (isnad set hamas-praised-attack 'citations[1]' null takes out citation 2, 'citations[2]' null this one)"
            ), "\(check.standardOutput)")
        // The command it gives takes out the citation it names.
        let takenOut = try cli.run(["set", "hamas-praised-attack", "citations[2]", "null"])
        #expect(takenOut.status == 0, "\(takenOut.standardError)")
        #expect(!(try cli.run(["export", "jsonl"]).standardOutput.contains(#""stance":"denies""#)))
        // Other words of the same source are not one passage.
        #expect(
            try cli.run(claim + ["--quote", "End  —  “quoted”", "--stance", "denies", "--credibility", "6"]).status == 0)
        let clean = try cli.run(["check"])
        #expect(
            clean.standardOutput.contains(
                "ok   one quote cited twice, typed two ways (marks, spaces, typeset characters, Unicode form): ok"),
            "\(clean.standardOutput)")
    }
}
