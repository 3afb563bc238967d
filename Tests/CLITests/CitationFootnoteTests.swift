import Foundation
import TestHelpers
import Testing

@testable import IsnadCLI
@testable import IsnadKit

/// `--format cite`: a numbered footnote for each citation of each claim listed, for a write-up,
/// which says the claim's status and who says it before anything it quotes.
@Suite("Footnotes for a write-up (--format cite)", .temporaryStore)
struct CitationFootnoteTests {
    /// The footnotes' lines, without the marks that hold Arabic in order (invisible), and
    /// without the key to the grades under them.
    private static func lines(_ text: String) -> [Substring] {
        Array(unmarked(text).split(separator: "\n").filter { !$0.hasPrefix("Grades (Admiralty scale)") })
    }

    /// The text without LEFT-TO-RIGHT and RIGHT-TO-LEFT MARKs.
    static func unmarked(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "\u{200E}" && $0 != "\u{200F}" }))
    }

    @Test("claims --format cite: one footnote a citation, numbered, each with its claim's status and the citation's stance")
    func onePerCitation() throws {
        let cli = try CLIHarness.withDataset
        let cited = try cli.run(["claims", "--subject", "hamas", "--format", "cite"])
        #expect(cited.status == 0, "\(cited.standardError)")
        let footnotes = Self.lines(cited.standardOutput)
        let claims = try cli.run(["claims", "--subject", "hamas", "--format", "json"]).standardOutput
        let citations = claims.components(separatedBy: "\"stance\":").count - 1
        #expect(footnotes.count == citations && citations > 20)
        for (index, line) in footnotes.enumerated() {
            #expect(line.hasPrefix("[\(index + 1)] "), "\(line)")
            // A status before the quote, capped by the one channel every Hamas claim rests on.
            #expect(
                ["ALLEGED", "DISPUTED", "ASSERTED"].contains { line.contains("; \($0) ") }
                    && line.contains("all through hadera-2022-article (E)"), "\(line)")
            #expect(
                ["asserts it (", "reports it without vouching for it (", "DENIES it ("].contains { line.contains($0) }, "\(line)")
            // The claimant named as a reader cites it, not by its id in the store.
            #expect(!line.contains("hadera-2022-article DENIES") && !line.contains("-hadera asserts"), "\(line)")
        }
        // A denial reads as one, under its disputed claim, with where its words stand.
        let denial = try #require(footnotes.first { $0.contains("DENIES it") })
        #expect(denial.contains("Hamas — cooperated with → Islamic State (undated; DISPUTED by E3 · best E3 · 1 channel"))
        // The article has no publisher or author: its title names it.
        #expect(
            denial.contains("علاقات ارهابية .. تساؤلات حول مباركة حماس عملية داعش في الخضيرة DENIES it (E3): «بيد أن هذا التقويم")
        )
        #expect(denial.hasSuffix("2022-03, lines 33-35"))
        // A claimant read in another source, named by its author (it has no publisher): its own
        // reference, with the author, then the one its words are quoted in.
        let relayed = try #require(footnotes.first { $0.contains("Essam Salih asserts it") })
        #expect(
            relayed.contains(
                "— Essam Salih, Essam Salih's press conference on the end of the Hamas–ISIS dispute, 2017-07; quoted in علاقات ارهابية"
            ))
        // One named by its publisher; one that reports a claim says it does not vouch for it.
        #expect(footnotes.contains { $0.contains("): Hamas asserts it (B2): «") })
        #expect(footnotes.contains { $0.contains("reports it without vouching for it (E4): «") })
        // Under the footnotes, the key to their grades, so that a block lifted into a piece keeps it.
        #expect(
            cited.standardOutput.hasSuffix(
                "\nGrades (Admiralty scale), as in B2: the letter is the source's reliability (A completely reliable, B usually reliable, C fairly reliable, D not usually reliable, E unreliable, F reliability cannot be judged), the number the information's credibility (1 confirmed by other sources, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 truth cannot be judged); the nearer the letter to A and the lower the number, the stronger.\n"
            ))
    }

    @Test(
        "cite lists what a limit keeps, as CSV does, and says what it left out under the footnotes themselves (a file of them does not read as whole), and on standard error"
    )
    func limit() throws {
        let cli = try CLIHarness.withDataset
        let cited = try cli.run(["claims", "--subject", "hamas", "--limit", "1", "--format", "cite"])
        let lines = Self.lines(cited.standardOutput)
        #expect(lines.count == 2)
        #expect(Self.unmarked(cited.standardOutput).hasPrefix("[1] Hamas — arrested → Islamic State"))
        #expect(cited.standardOutput.hasSuffix(" the stronger.\nshowing 1 of 20 claims; --limit 0 for all\n"))
        #expect(cited.standardError == "isnad: showing 1 of 20 claims; --limit 0 for all\n")
        // Whole, nothing said.
        let whole = try cli.run(["claims", "--subject", "hamas", "--limit", "20", "--format", "cite"])
        #expect(whole.standardOutput.hasSuffix(" the stronger.\n") && whole.standardError.isEmpty)
    }

    @Test(
        "footnotes keep the marks that hold Arabic in order wherever they go (a file, to paste into a document), unless --bidi-marks never; tables only on a terminal"
    )
    func bidiMarks() throws {
        let cli = try CLIHarness.withDataset
        let arguments = ["claims", "--subject", "Wilayat Sinai", "--predicate", "attacked"]
        // Off a terminal, as into a file: the marks (the title and date after an Arabic title
        // stay in order in a word processor: `…الخضيرة, 2022-03`).
        let cited = try cli.run(arguments + ["--format", "cite"])
        #expect(cited.status == 0, "\(cited.standardError)")
        #expect(cited.standardOutput.contains("الخضيرة\u{200F}\u{200E}, 2022-03, line 50"), "\(cited.standardOutput)")
        let always = try cli.run(["--bidi-marks", "always"] + arguments + ["--format", "cite"])
        #expect(always.standardOutput == cited.standardOutput)
        let plain = try cli.run(["--bidi-marks", "never"] + arguments + ["--format", "cite"])
        #expect(!plain.standardOutput.unicodeScalars.contains { $0 == "\u{200E}" || $0 == "\u{200F}" })
        #expect(plain.standardOutput == Self.unmarked(cited.standardOutput))
        #expect(plain.standardOutput.contains("الخضيرة, 2022-03, line 50"))
        // A table off a terminal stays plain, for grep, awk and cut.
        let table = try cli.run(["source", "hadera-2022-article"])
        #expect(table.standardOutput.hasPrefix("علاقات ارهابية") && !table.standardOutput.unicodeScalars.contains("\u{200E}"))
    }

    @Test("cite says on standard error what the filters did, as a table does: a denial left out is not gone without a word")
    func filterNotes() throws {
        let cli = try CLIHarness.withDataset
        let weighing =
            "isnad: note: status, grade and channels weigh only the citations the filters keep; unfiltered, a claim may read otherwise (isnad show, isnad source)\n"
        // Disputed by the article's own denial, which --stance asserts leaves out: ALLEGED, and the note.
        let asserted = try cli.run([
            "claims", "--id", "hamas-cooperated-with-isis", "--stance", "asserts", "--format", "cite",
        ])
        #expect(asserted.status == 0)
        #expect(
            Self.unmarked(asserted.standardOutput).hasPrefix("[1] Hamas — cooperated with → Islamic State (undated; ALLEGED E3 "))
        #expect(Self.lines(asserted.standardOutput).count == 1)
        #expect(asserted.standardError == weighing)
        for command in [
            ["claims", "--min-reliability", "B"], ["claims", "--known-by", "2017"], ["show", "hamas", "--stance", "asserts"],
            ["timeline", "--stance", "asserts"], ["neighbors", "hamas", "--stance", "asserts"],
            ["path", "hamas", "isis", "--stance", "asserts"],
        ] {
            let result = try cli.run(command + ["--format", "cite"])
            #expect(
                result.status == 0 && Self.unmarked(result.standardOutput).hasPrefix("[1] "),
                "\(command): \(result.standardError)")
            #expect(result.standardError == weighing, "\(command): \(result.standardError)")
        }
        // The date filters' notes, as the table gives them (show's table counts its undated
        // claims itself; its footnotes take the table's note of the other listings).
        let undatedKept =
            "(undated claims are kept by --as-of: an undated claim is taken as timeless, not known to hold then; --dated leaves them out)\n"
        let openPeriod = { (count: Int) in
            "(\(count) claims are kept by --as-of 2030 only because their period is open: they have no end (\"since …\"), so they are taken to hold on; --dated does not leave them out)\n"
        }
        #expect(try cli.run(["claims", "--as-of", "2030", "--format", "cite"]).standardError == undatedKept + openPeriod(8))
        #expect(
            try cli.run(["show", "hamas", "--as-of", "2030", "--format", "cite"]).standardError == undatedKept + openPeriod(2))
        let possibly = try cli.run(["timeline", "--as-of", "2017-07", "--dated", "--format", "cite"])
        #expect(
            possibly.standardError
                == "(3 claims are kept by --as-of 2017-07 only because their period is open: they have no end (\"since …\"), so they are taken to hold on; --dated does not leave them out)\n"
                + "(2 claims are kept by --as-of 2017-07 though dated less precisely: their dates overlap the period asked, so they may have held within it, or not; --dated does not leave them out)\n"
        )
        // Unfiltered, or in CSV and JSON (data, whose filters the script chose): nothing.
        #expect(try cli.run(["claims", "--subject", "hamas", "--format", "cite"]).standardError.isEmpty)
        for format in ["csv", "json"] {
            #expect(try cli.run(["claims", "--stance", "asserts", "--as-of", "2030", "--format", format]).standardError.isEmpty)
        }
        // A filter that leaves nothing to cite says nothing of how it weighed.
        #expect(
            try cli.run(["claims", "--stance", "denies", "--min-reliability", "A", "--format", "cite"]).standardError.isEmpty)
    }

    @Test("a claim path gives on two chains is cited once; timeline and show cite too")
    func otherListings() throws {
        let cli = try CLIHarness.withDataset
        let path = try cli.run(["path", "hamas", "Wilayat Sinai", "--all", "--max-depth", "3", "--format", "cite"])
        #expect(path.status == 0, "\(path.standardError)")
        let cited = Self.lines(path.standardOutput).map { $0.drop { $0 != " " } }
        #expect(!cited.isEmpty && Set(cited).count == cited.count)
        for command in [["timeline", "hamas"], ["show", "hamas"], ["neighbors", "hamas"]] {
            let result = try cli.run(command + ["--format", "cite"])
            #expect(
                result.status == 0 && Self.unmarked(result.standardOutput).hasPrefix("[1] "),
                "\(command): \(result.standardError)")
        }
    }

    @Test("cite is refused where nothing lists claims, and beside what is retracted")
    func refused() throws {
        let cli = try CLIHarness.withDataset
        let search = try cli.run(["search", "hamas", "--format", "cite"])
        #expect(search.status == 64)
        #expect(search.standardError.contains("--format: \"cite\" is not one of table, list, json, csv"))
        let retracted = try cli.run(["claims", "--include-retracted", "--format", "cite"])
        #expect(retracted.status == 64)
        #expect(retracted.standardError.contains("--include-retracted does not apply to --format cite"))
    }

    @Test(
        "a name, a title, a quote or a locator that would reorder the line (planted by another program) is shown escaped, and a footnote keeps to one line"
    )
    func hostileText() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "records.jsonl",
            """
            {"record":"entity","id":"org-a","type":"organization","name":"Org A"}
            {"record":"entity","id":"org-b","type":"organization","name":"Org B"}
            {"record":"source","id":"blog","type":"social-media-post","title":"Blog","url":"https://example.org/x","reliability":"E"}
            {"record":"claim","id":"a-funded-b","subject":"org-a","predicate":"funded","object":"org-b","start":null,"end":null,"citations":[{"source":"blog","quote":"A funds B","stance":"denies","credibility":4,"locator":"p. 2"}]}

            """)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        // A store that another program wrote: a bidi override (Isnad refuses control characters
        // on reading, and stores neither) and a line break, which would end a footnote's line.
        do {
            let database = try Database(path: cli.path("isnad.db"), access: .readWrite)
            try database.execute("UPDATE entity SET name = 'Org B' || char(8238) || 'x' WHERE id = 'org-b'")
            try database.execute("UPDATE source SET title = 'Blog' || char(8238) || 'y'")
            try database.execute(
                "UPDATE citation SET quote = 'A funds B' || char(10) || 'line two' || char(8238) || 'x', locator = 'p. 2' || char(8238)"
            )
        }
        let cited = try cli.run(["claims", "--format", "cite"])
        #expect(cited.status == 0, "\(cited.standardError)")
        #expect(TerminalSafetyTests.terminalControls(in: cited.outputBytes).isEmpty)
        #expect(
            cited.standardOutput
                == "[1] Org A — funded → Org B\\u{202E}x (undated; DISPUTED by E4 · best F6 · 0 channels · denied by 1 source in 1 channel): "
                + "Blog\\u{202E}y DENIES it (E4): «A funds B line two\\u{202E}x» — Blog\\u{202E}y, https://example.org/x, p. 2\\u{202E}\n"
                + ClaimPresentation.gradeKey + "\n",
            "\(cited.standardOutput)")
    }
}
