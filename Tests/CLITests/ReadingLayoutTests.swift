import Foundation
import TestHelpers
import Testing

@testable import IsnadCLI
@testable import IsnadKit

/// Reading output laid out for the terminal's width (``ReadingLayout``): tables too wide for it
/// one field a line, longer lines wrapped under their indentation; off a terminal, as it was.
@Suite("Reading output on a narrow terminal", .temporaryStore)
struct ReadingLayoutTests {
    let lrm = "\u{200E}"
    let rlm = "\u{200F}"

    /// What `isnad ARGUMENTS` prints on standard output, on a terminal `columns` wide (through
    /// `$COLUMNS`), or off a terminal when nil.
    func printed(_ arguments: [String], database: String, columns: Int?) -> (status: ExitCode, text: String) {
        let output = MemorySink()
        var environment = ["ISNAD_DB": database]
        if let columns { environment["COLUMNS"] = String(columns) }
        let status = IsnadCLI.run(
            arguments, environment: environment, output: output, isStandardOutputTerminal: columns != nil,
            standardError: { _ in })
        return (status, output.text)
    }

    func lines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    @Test("a claims table wider than the terminal prints one field a line, each value whole, within the width")
    func tableBecomesList() throws {
        let database = try InProcessTests.datasetStore()
        let shown = printed(["claims", "--subject", "hamas", "--limit", "3"], database: database, columns: 100)
        #expect(shown.status == .success)
        let lines = lines(shown.text)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 100 }, "\(lines)")
        let records = lines.filter { $0.hasPrefix("CLAIM ") }
        #expect(records.count == 3, "\(lines)")
        #expect(lines.contains("CLAIM                   hamas-cooperated-with-isis"), "\(lines)")
        #expect(lines.contains("STATUS                  DISPUTED by E3"))
        #expect(lines.contains("CHANNELS                1 (1 denying)"))
        // The claimants wrap under the value, not under the label.
        let saidBy = try #require(lines.firstIndex { $0.hasPrefix("SAID BY (STANCE GRADE)  hadera-2022-article (reports E4)") })
        #expect(lines[saidBy + 1].hasPrefix(String(repeating: " ", count: 24) + "hadera-2022-article"), "\(lines)")
        // A blank line between claims, and the limit's line after the last.
        #expect(lines.filter(\.isEmpty).count == 3, "\(lines)")
        #expect(lines.last(where: { !$0.isEmpty }) == "showing 3 of 20 claims; --limit 0 for all")
    }

    @Test("a value a table cuts is whole in the list")
    func listShowsWholeValues() throws {
        let database = try InProcessTests.datasetStore()
        let table = printed(["claims", "--subject", "abu-maram"], database: database, columns: nil).text
        #expect(table.contains("Leader of Wilayat Sinai (un…"))
        let list = printed(["claims", "--subject", "abu-maram", "--format", "list"], database: database, columns: nil).text
        #expect(list.contains("OBJECT                  Leader of Wilayat Sinai (unnamed)\n"), "\(list)")
    }

    @Test("--format table keeps the table on a terminal; off a terminal nothing changes, whatever $COLUMNS says")
    func tableKeptWhereAsked() throws {
        let database = try InProcessTests.datasetStore()
        let offTerminal = printed(["claims", "--subject", "hamas"], database: database, columns: nil).text
        #expect(offTerminal.hasPrefix("CLAIM  "))
        #expect(lines(offTerminal).contains { DisplayWidth.of($0) > 200 })
        let output = MemorySink()
        _ = IsnadCLI.run(
            ["claims", "--subject", "hamas"], environment: ["ISNAD_DB": database, "COLUMNS": "80"], output: output,
            standardError: { _ in })
        #expect(output.text == offTerminal)
        for format in [["--format", "table"], ["--format=table"]] {
            let kept = printed(["claims", "--subject", "hamas"] + format, database: database, columns: 80).text
            #expect(kept.replacingOccurrences(of: lrm, with: "").replacingOccurrences(of: rlm, with: "") == offTerminal)
        }
        // A terminal wide enough for the table: the table, with the terminal's marks.
        let wide = printed(["claims", "--subject", "hamas"], database: database, columns: 1000).text
        #expect(wide == printed(["claims", "--subject", "hamas", "--format", "table"], database: database, columns: 80).text)
    }

    @Test("--format list off a terminal: one field a line, never wrapped, for grep and screen readers")
    func listOffTerminal() throws {
        let database = try InProcessTests.datasetStore()
        let list = lines(printed(["claims", "--format", "list"], database: database, columns: nil).text)
        #expect(list.filter { $0.hasPrefix("CLAIM ") }.count == 92)
        #expect(
            list.contains(
                "SAID BY (STANCE GRADE)  hadera-2022-article (reports E4), hadera-2022-article (denies E3), hadera-2022-article (asserts E3)"
            ))
        #expect(!list.joined().contains(lrm))
        // Every listing command takes it; a table of its own (stats, predicates, search) as well.
        for arguments in [
            ["show", "hamas"], ["neighbors", "hamas"], ["timeline", "hamas"], ["source", "abu-maram-document"],
            ["disputes"], ["path", "hamas", "isis"], ["stats"], ["search", "hamas"], ["predicates"], ["duplicates"],
            ["check"],
        ] {
            let shown = printed(arguments + ["--format", "list"], database: database, columns: nil)
            #expect(shown.status == .success, "\(arguments)")
        }
        let predicates = lines(printed(["predicates", "--format", "list"], database: database, columns: nil).text)
        #expect(predicates.contains("PREDICATE  member_of"), "\(predicates.prefix(12))")
        #expect(printed(["claims", "--format", "list", "--bom"], database: database, columns: nil).status == .usage)
    }

    @Test("show on an 80-column terminal: long lines wrap at spaces under their own indentation, Arabic held in order")
    func showWraps() throws {
        let database = try InProcessTests.datasetStore()
        let wide = lines(printed(["show", "hamas", "--format", "table"], database: database, columns: 80).text)
        let narrow = lines(printed(["show", "hamas"], database: database, columns: 80).text)
        #expect(narrow.count > wide.count)
        #expect(narrow.allSatisfy { DisplayWidth.of($0) <= 80 }, "\(narrow.filter { DisplayWidth.of($0) > 80 })")
        // Each line as wide as it was becomes the lines it wraps to, which hold its words, in order.
        #expect(narrow == wide.flatMap { LineWrapping.wrap($0, width: 80) })
        func words(_ lines: [String]) -> [Substring] {
            lines.flatMap {
                $0.replacingOccurrences(of: lrm, with: "").replacingOccurrences(of: rlm, with: "").split(separator: " ")
            }
        }
        for line in wide where DisplayWidth.of(line) > 80 {
            let pieces = LineWrapping.wrap(line, width: 80)
            #expect(pieces.count > 1)
            #expect(words(pieces) == words([line]))
            let indentation = line.drop { $0 == Character(lrm) }.prefix { $0 == " " }.count
            for piece in pieces.dropFirst() {
                #expect(piece.drop { $0 == Character(lrm) }.prefix { $0 == " " }.count == indentation + 2, "\(piece)")
            }
        }
        // The denial's Arabic quote, three lines long: each line held left to right, the quote
        // closed at each line's end and opened again at the next one's start.
        let quote = try #require(narrow.firstIndex { $0.contains("بيد أن هذا التقويم") })
        #expect(narrow[quote].hasPrefix(lrm + "          " + lrm + rlm + "«بيد أن"), "\(narrow[quote].debugDescription)")
        #expect(narrow[quote].hasSuffix(rlm + lrm))
        #expect(narrow[quote + 1].hasPrefix(lrm + "            " + lrm + rlm), "\(narrow[quote + 1].debugDescription)")
    }

    @Test("a word is never cut; one too wide to go on under its line starts further out, where it fits")
    func longWords() {
        let path = "/srv/" + String(repeating: "b", count: 27)
        #expect(LineWrapping.wrap("    path: \(path) and more", width: 40) == ["    path:", "      \(path)", "      and more"])
        #expect(LineWrapping.wrap("short", width: 40) == ["short"])
        // Too wide under the line: at its start, else at the first column.
        let source = "essam-salih-press-conference-2017,"
        #expect(
            LineWrapping.wrap("      asserts D3  \(source) via hadera", width: 40) == [
                "      asserts D3", "      \(source)", "        via hadera",
            ])
        let id = "[hamas-arrested-isis-members-until-2017]"
        #expect(LineWrapping.wrap("    hadera-2022-article (E)  \(id)", width: 40) == ["    hadera-2022-article (E)", id])
        // Wider than any line: from the first column, where the terminal cuts it least; a line's
        // first word stays where it is.
        let url = "https://example.org/" + String(repeating: "a", count: 60)
        #expect(LineWrapping.wrap("    url: \(url) and more", width: 40) == ["    url:", url, "      and more"])
        #expect(LineWrapping.wrap(String(repeating: "x", count: 50), width: 40) == [String(repeating: "x", count: 50)])
        // Runs of spaces inside a line (a table's gaps) are kept where the line does not break.
        #expect(
            LineWrapping.wrap("a  b  " + String(repeating: "c", count: 37), width: 40) == [
                "a  b", "  " + String(repeating: "c", count: 37),
            ])
        // A list's value too wide for its column goes two spaces in, under its label.
        let label = "CLAIM" + String(repeating: " ", count: 19)
        let claim = "hamas-arrested-isis-members-until-2017"
        #expect(
            LineWrapping.wrap(label + claim, width: 60, continuationIndent: String(repeating: " ", count: 24)) == [
                "CLAIM", "  " + claim,
            ])
        // Arabic broken across lines stays held in order on the line it moved out to.
        let quote = Bidi.isolate("«" + String(repeating: "حماس ", count: 3) + String(repeating: "ع", count: 30) + "»")
        let held = LineWrapping.wrap(Bidi.line("        note: " + quote), width: 40)
        #expect(held.count == 2, "\(held.map(\.debugDescription))")
        #expect(held[0].hasSuffix(rlm + lrm), "\(held[0].debugDescription)")
        #expect(
            held[1].hasPrefix(lrm + "        " + lrm + rlm + String(repeating: "ع", count: 30)), "\(held[1].debugDescription)")
        #expect(held.allSatisfy { DisplayWidth.of($0) <= 40 })
    }

    @Test("log wraps a long change on a terminal, and not off one")
    func logWraps() throws {
        let database = try InProcessTests.datasetStore()
        let description = String(repeating: "a long description ", count: 12)
        #expect(printed(["set", "hamas", "description", description], database: database, columns: nil).status == .success)
        let narrow = lines(printed(["log", "hamas"], database: database, columns: 60).text)
        // All but the command line, which stays whole to be copied.
        #expect(narrow.filter { !$0.hasPrefix("  isnad ") }.allSatisfy { DisplayWidth.of($0) <= 60 }, "\(narrow)")
        #expect(narrow.contains { $0.hasPrefix("  isnad set hamas description") && DisplayWidth.of($0) > 60 })
        let plain = lines(printed(["log", "hamas"], database: database, columns: nil).text)
        #expect(plain.contains { DisplayWidth.of($0) > 200 })
    }

    @Test("help on a terminal: prose set to its width, descriptions under themselves, examples whole")
    func helpWraps() throws {
        let spec = ClaimsCommand.spec
        for arguments in [["claims", "--help"], ["help", "claims"]] {
            #expect(printed(arguments, database: "/nonexistent/isnad.db", columns: nil).text == spec.help)
            let narrow = lines(printed(arguments, database: "/nonexistent/isnad.db", columns: 80).text)
            let examples = try #require(narrow.firstIndex(of: "EXAMPLES:"))
            #expect(narrow[..<examples].allSatisfy { DisplayWidth.of($0) <= 80 }, "\(narrow.filter { DisplayWidth.of($0) > 80 })")
            #expect(
                Array(narrow[examples...])
                    == lines(spec.help).suffix(from: try #require(lines(spec.help).firstIndex(of: "EXAMPLES:"))).map { $0 })
            // --format's description goes on under itself, at the description column.
            let format = try #require(narrow.firstIndex { $0.hasPrefix("  --format <format>") })
            #expect(
                narrow[format + 1].hasPrefix(String(repeating: " ", count: HelpLayout.descriptionColumn) + "than a table"),
                "\(narrow[format + 1])")
            // The prose says the same words.
            func words(_ lines: some Sequence<String>) -> [Substring] { lines.flatMap { $0.split(separator: " ") } }
            #expect(words(narrow) == words(lines(spec.help)))
        }
        let evidence = lines(printed(["help", "evidence"], database: "/nonexistent/isnad.db", columns: 80).text)
        #expect(evidence.allSatisfy { DisplayWidth.of($0) <= 80 })
        // A row of the grades' table wraps under its own description.
        let reliability = try #require(evidence.firstIndex { $0.hasPrefix("  reliability of the source") })
        #expect(
            evidence[reliability + 1].hasPrefix(String(repeating: " ", count: 30) + "fairly reliable"),
            "\(evidence[reliability + 1])")
    }

    @Test("help at 40 columns: a description under its option's name, not in a 12-column strip")
    func helpUnderNames() throws {
        for arguments in [["show", "--help"], ["help"], ["help", "evidence"], ["add", "--help"]] {
            let plain = lines(printed(arguments, database: "/nonexistent/isnad.db", columns: nil).text)
            let narrow = lines(printed(arguments, database: "/nonexistent/isnad.db", columns: 40).text)
            let examples = narrow.firstIndex(of: "EXAMPLES:") ?? narrow.endIndex
            #expect(
                narrow[..<examples].allSatisfy { DisplayWidth.of($0) <= 40 },
                "\(arguments): \(narrow.filter { DisplayWidth.of($0) > 40 })")
            func words(_ lines: some Sequence<String>) -> [Substring] { lines.flatMap { $0.split(separator: " ") } }
            #expect(words(narrow) == words(plain), "\(arguments)")
        }
        let show = lines(printed(["show", "--help"], database: "/nonexistent/isnad.db", columns: 40).text)
        let limit = try #require(show.firstIndex(of: "  --limit <n>"))
        #expect(show[limit + 1] == "      At most n claims; 0: all,", "\(show[limit...].prefix(6))")
        #expect(show.contains("      (a large neighbourhood is"), "\(show[limit...].prefix(6))")
        // A description that was under a name too long for the column moves out with the rest.
        let add = lines(printed(["add", "--help"], database: "/nonexistent/isnad.db", columns: 40).text)
        let ends = try #require(add.firstIndex(of: "  <subject predicate object>"))
        #expect(add[ends + 1] == "      For a claim: its ends and", "\(add[ends...].prefix(3))")
        // At 80 columns the column stays.
        let wide = lines(printed(["show", "--help"], database: "/nonexistent/isnad.db", columns: 80).text)
        #expect(wide.contains { $0.hasPrefix("  --limit <n>               At most n claims") })
    }

    @Test("show at 60 columns: an entity's description wraps under its label, which stays whole at the line's start")
    func showDescriptionWraps() throws {
        let database = try InProcessTests.datasetStore()
        let narrow = lines(printed(["show", "jaish-al-islam"], database: database, columns: 60).text)
        #expect(
            Array(narrow[3...6]) == [
                "  Description (the store's note, not a weighed claim): A",
                "    jihadist group based in Gaza according to the article",
                "    (line 76), which describes it as affiliated with ISIS.",
                "",
            ], "\(narrow.prefix(7))")
    }

    @Test("show at 40 columns: a claim's [id] and a long source id fit on a line of their own, whole")
    func showAtForty() throws {
        let database = try InProcessTests.datasetStore()
        let narrow = lines(printed(["show", "hamas"], database: database, columns: 40).text)
        // Only an id wider than the terminal goes past it, alone on its line from the first column.
        for line in narrow where DisplayWidth.of(line) > 40 {
            #expect(line.hasPrefix("[") && line.hasSuffix("]") && !line.contains(" "), "\(line)")
        }
        #expect(narrow.contains("[hamas-arrested-isis-members-until-2017]"), "\(narrow.prefix(30))")
        let arrested = try #require(narrow.firstIndex(of: "[hamas-arrested-isis-members-until-2017]"))
        #expect(narrow[arrested - 1] == "    hadera-2022-article (E)")
        #expect(narrow.contains("      asserts D3"))
        #expect(narrow.contains("      essam-salih-press-conference-2017,"))
        // Every claim's id is there whole, in brackets, as off a terminal.
        let plain = printed(["show", "hamas"], database: database, columns: nil).text
        func ids(_ lines: [String]) -> [Substring] {
            lines.flatMap { $0.split(separator: " ").filter { $0.hasPrefix("[") && $0.hasSuffix("]") } }
        }
        #expect(ids(narrow) == ids(self.lines(plain)))
        #expect(ids(narrow).count == 33)
    }

    @Test("help keeps its items and commands on lines of their own when it wraps")
    func helpKeepsItems() throws {
        let export = lines(printed(["export", "--help"], database: "/nonexistent/isnad.db", columns: 80).text)
        for start in ["jsonl: every entity", "dot: a Graphviz graph", "graphml: GraphML 1.0", "html: one self-contained page"] {
            #expect(export.contains { $0.hasPrefix(start) }, "\(start)")
        }
        // A command to copy is never broken, even past the edge.
        #expect(export.contains { $0.hasPrefix("isnad export dot --focus hamas | dot -Tsvg > hamas.svg") })
        #expect(
            export.contains("filtered subset, use 'isnad claims … --format json'.)")
                || export.contains { $0.hasSuffix("'isnad claims … --format json'.)") })
    }

    @Test("a row a streamed table's first part did not foresee wraps under its last column, or prints as a list")
    func overlongRowOfStreamedTable() {
        var table = TextTable([.identifiers("CLAIM"), .init(header: "STATUS"), .identifiers("SAID BY")])
        table.append(["c1", "ALLEGED", "src-1 (asserts B2)"])
        let widths = table.columnWidths()
        table.removeAllRows()
        let claimants = (1...6).map { "src-\($0) (asserts B2)" }.joined(separator: ", ")
        table.append(["c2", "ALLEGED", claimants])
        var printed: [String] = []
        ReadingLayout.$current.withValue(ReadingLayout(width: 60)) {
            table.forEachLine(widths: widths, includesHeader: false) { printed.append($0) }
        }
        #expect(printed.count > 1)
        #expect(printed.allSatisfy { DisplayWidth.of($0) <= 60 }, "\(printed)")
        #expect(printed[0].hasPrefix("c2     ALLEGED  src-1"), "\(printed)")
        for line in printed.dropFirst() { #expect(line.hasPrefix(String(repeating: " ", count: 16) + "src-"), "\(line)") }
        // With no room left under the last column: the row as a list, between blank lines.
        table.removeAllRows()
        table.append([String(repeating: "c", count: 15), "ALLEGED", claimants])
        printed = []
        ReadingLayout.$current.withValue(ReadingLayout(width: 40)) {
            table.forEachLine(widths: [15, 7, 12], includesHeader: false) { printed.append($0) }
        }
        #expect(printed.first == "" && printed.last == "", "\(printed)")
        #expect(printed.contains("STATUS   ALLEGED"), "\(printed)")
    }

    @Test("log keeps the command line an entry records whole, to copy")
    func logKeepsCommandLine() throws {
        let database = try InProcessTests.datasetStore()
        let narrow = lines(printed(["log", "--limit", "1"], database: database, columns: 40).text)
        #expect(narrow.contains { $0.hasPrefix("  isnad import ") && $0.hasSuffix("hadera-2022.jsonl") }, "\(narrow)")
    }
}
