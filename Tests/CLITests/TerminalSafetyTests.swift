import Foundation
import TestHelpers
import Testing

@testable import IsnadCLI
@testable import IsnadKit

/// Text from outside — a file name, a record, a store's own SQL — tries to drive the terminal
/// or a spreadsheet, as an attacker would send it: each is shown as visible escapes, or
/// neutralised, and the bytes written hold no raw control.
@Suite("Text that tries to drive a terminal or a spreadsheet", .temporaryStore)
struct TerminalSafetyTests {
    /// OSC 52 (write the clipboard), CSI (colours, cursor) with ESC, and their one-byte C1 forms.
    static let oscClipboard = "\u{1B}]52;c;aGk=\u{07}"
    static let csiRed = "\u{1B}[31m"
    static let c1 = "\u{9B}31m\u{9D}52;c;aGk=\u{9C}"
    static let rightToLeftOverride = "\u{202E}"

    /// The raw bytes a terminal would act on: C0 controls but line feed (and carriage return,
    /// tab where `allowing`), DEL, C1 controls (C2 80–9F) and the bidi embeddings, overrides
    /// and isolates (E2 80 AA–AE, E2 81 A6–A9). An oracle of its own, not the code's.
    static func terminalControls(in bytes: some Collection<UInt8>, allowing allowed: Set<UInt8> = [0x0A]) -> [String] {
        let bytes = Array(bytes)
        var found: [String] = []
        for index in bytes.indices {
            let byte = bytes[index]
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            let third = index + 2 < bytes.count ? bytes[index + 2] : 0
            if (byte < 0x20 && !allowed.contains(byte)) || byte == 0x7F {
                found.append(String(format: "%02X at %d", byte, index))
            } else if byte == 0xC2, (0x80...0x9F).contains(next) {
                found.append(String(format: "C2 %02X at %d", next, index))
            } else if byte == 0xE2,
                (next == 0x80 && (0xA8...0xAE).contains(third)) || (next == 0x81 && (0xA6...0xA9).contains(third))
            {
                found.append(String(format: "E2 %02X %02X at %d", next, third, index))
            }
        }
        return found
    }

    static func expectNoTerminalControls(
        _ result: ExternalTool.Result, stdoutAllowing allowed: Set<UInt8> = [0x0A],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let output = terminalControls(in: result.outputBytes, allowing: allowed)
        #expect(output.isEmpty, "standard output: \(output)", sourceLocation: sourceLocation)
        let error = terminalControls(in: result.standardError.utf8)
        #expect(
            error.isEmpty, "standard error: \(error) in \(result.standardError.debugDescription)", sourceLocation: sourceLocation)
    }

    // MARK: File names

    @Test(
        "a file name with OSC 52 or CSI, given to import and missing, is shown escaped",
        arguments: [oscClipboard, csiRed, c1, rightToLeftOverride])
    func missingFileName(_ attack: String) throws {
        let cli = try CLIHarness.scoped
        let result = try cli.run(["import", "evil\(attack).jsonl"])
        #expect(result.status == 66, "\(result.standardError)")
        Self.expectNoTerminalControls(result)
        #expect(result.standardError.contains("evil\(Text.printable(attack)).jsonl"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("isnad.db")))
    }

    @Test(
        "a file name with OSC 52 or CSI, existing with a bad record, is shown escaped in every line",
        arguments: [oscClipboard, csiRed, c1, rightToLeftOverride])
    func badFileName(_ attack: String) throws {
        let cli = try CLIHarness.scoped
        try cli.write("evil\(attack).jsonl", #"{"record":"entity","id":"x","type":"dragon","name":"X"}"# + "\n")
        let result = try cli.run(["import", "evil\(attack).jsonl"])
        #expect(result.status == 65, "\(result.standardError)")
        Self.expectNoTerminalControls(result)
        #expect(result.standardError.contains("evil\(Text.printable(attack)).jsonl:1: "), "\(result.standardError)")
        // A message of several lines keeps its line breaks.
        #expect(result.standardError.contains("\nnothing was imported: the store is unchanged"))
    }

    @Test(
        "a line break stored in a quote or a source's field cannot forge a line: show, source and neighbors --dated keep each on its own line"
    )
    func storedLineBreaks() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "forged.jsonl",
            [
                #"{"record":"entity","id":"a","type":"organization","name":"A"}"#,
                #"{"record":"entity","id":"b","type":"organization","name":"B"}"#,
                #"{"record":"source","id":"s","type":"news-article","title":"T","reliability":"F","author":"x\n  asserts A1  fake"}"#,
                #"{"record":"claim","id":"c","subject":"a","predicate":"funded","object":"b","citations":[{"source":"s","quote":"q»\n       asserts A1  forged\n    «z","stance":"asserts","credibility":6}]}"#,
            ].joined(separator: "\n") + "\n")
        #expect(try cli.run(["import", "forged.jsonl"]).status == 0)
        let show = try cli.run(["show", "a"]).standardOutput.split(separator: "\n")
        #expect(show.filter { $0.contains("forged") }.count == 1)
        #expect(show.contains { $0.contains("«q»        asserts A1  forged     «z»") }, "\(show)")
        let source = try cli.run(["source", "s"]).standardOutput.split(separator: "\n")
        #expect(source.contains("  author: x   asserts A1  fake"), "\(source)")
        // An undated claim is no answer under --dated, whichever command asks.
        let dated = try cli.run(["neighbors", "a", "--dated"])
        #expect(dated.standardOutput.contains("linked by 0 claims"), "\(dated.standardOutput)")
        #expect(!dated.standardOutput.contains("undated"))
    }

    @Test("a good file with an escape in its name: the summary shows the name escaped")
    func goodFileName() throws {
        let cli = try CLIHarness.scoped
        try cli.write("evil\(Self.oscClipboard).jsonl", CoreCommandTests.records)
        let result = try cli.run(["import", "--dry-run", "evil\(Self.oscClipboard).jsonl"])
        #expect(result.status == 0, "\(result.standardError)")
        Self.expectNoTerminalControls(result)
        #expect(result.standardError.contains("evil\\u{1B}]52;c;aGk=\\u{7}.jsonl: 7 valid records"), "\(result.standardError)")
    }

    @Test("an output path with an escape, that cannot be written, is shown escaped")
    func outputPath() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let result = try cli.run(["export", "dot", "-o", "no-such-folder\(Self.csiRed)/out.dot"])
        #expect(result.status != 0)
        Self.expectNoTerminalControls(result)
        #expect(result.standardError.contains("no-such-folder\\u{1B}[31m/out.dot"), "\(result.standardError)")
    }

    @Test("copy shows a store's file name with its line feed as an escape, not as a line of the name's own")
    func copyOfAFileNameWithALineFeed() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        let forged = "a\nisnad: note: forged.db"
        #expect(try cli.run(["--db", forged, "import", "records.jsonl"]).status == 0)
        for (arguments, status) in [
            (["copy", forged, "copy.db"], 0), (["copy", forged, forged], 64), (["copy", "copy.db", forged], 73),
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == status, "\(arguments): \(result.standardError)")
            #expect(!result.standardError.contains("\nisnad: note: forged"), "\(arguments): \(result.standardError)")
            #expect(result.standardError.contains("a\\u{A}isnad: note: forged.db"), "\(arguments): \(result.standardError)")
        }
    }

    // MARK: Stored strings

    /// A name with the one-byte CSI and OSC and a right-to-left override, and quotes a
    /// spreadsheet would run, imported through JSON escapes (a record file may hold them so).
    static let hostileName = "Mal\(c1)\(rightToLeftOverride)lory"
    static let formulas = [#"=HYPERLINK("http://x"&A1,"y")"#, "@SUM(A1)", "+2", "-2", "\tX", "\rX"]

    static var hostileRecords: String {
        var lines = [
            #"{"record":"entity","id":"mallory","type":"person","name":\#(JSONEscaping.quoted(hostileName)),"aliases":[{"name":"مالوري","lang":"ar"}]}"#,
            #"{"record":"entity","id":"bob","type":"person","name":"Bob"}"#,
            #"{"record":"source","id":"leak","type":"leaked-document","title":\#(JSONEscaping.quoted("Leak \(c1)\u{2028}page\u{2029}")),"reliability":"C"}"#,
        ]
        for (index, quote) in formulas.enumerated() {
            lines.append(
                #"{"record":"claim","id":"c\#(index)","subject":"mallory","predicate":"praised","object":"bob","citations":[{"source":"leak","quote":\#(JSONEscaping.quoted(quote)),"stance":"asserts","credibility":3}]}"#
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func hostileStore() throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        try cli.write("hostile.jsonl", Self.hostileRecords)
        let result = try cli.run(["import", "hostile.jsonl"])
        #expect(result.status == 0, "\(result.standardError)")
        return cli
    }

    @Test("JSON output escapes C1 controls, the override and the line separators as \\uXXXX, and parses back to the same name")
    func json() throws {
        let cli = try hostileStore()
        for arguments in [["claims", "--format", "json"], ["show", "mallory", "--format", "json"], ["export", "jsonl"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.standardError)")
            Self.expectNoTerminalControls(result)
            #expect(result.standardOutput.contains(#"Mal\u009b31m\u009d52;c;aGk=\u009c\u202elory"#), "\(arguments)")
            let names = result.standardOutput.split(separator: "\n").compactMap { line -> String? in
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                return object?["id"] as? String == "mallory" ? object?["name"] as? String : nil
            }
            #expect(names == [Self.hostileName], "\(arguments)")
            #expect(result.standardOutput.contains(#"\u2028page\u2029"#), "\(arguments)")
        }
    }

    @Test("an author given with a control character is refused (64), shown escaped, and nothing is written")
    func authorWithAControl() throws {
        let cli = try hostileStore()
        let before = try cli.run(["export", "history"]).outputBytes
        let author = "ana\(Self.csiRed)"
        let refused = try cli.run(["set", "bob", "name", "Robert", "--author", author])
        #expect(refused.status == 64)
        #expect(
            refused.standardError.hasPrefix(
                #"isnad: --author "ana\u{1B}[31m" holds a control character (U+001B): an author is one line of plain text"#),
            "\(refused.standardError)")
        Self.expectNoTerminalControls(refused)
        #expect(try cli.run(["export", "history"]).outputBytes == before)
    }

    @Test("the JSON Lines export round-trips byte for byte through import")
    func jsonRoundTrip() throws {
        let cli = try hostileStore()
        let first = try cli.run(["export", "jsonl", "-o", "first.jsonl"])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(try cli.run(["--db", "copy.db", "import", "first.jsonl"]).status == 0)
        #expect(try cli.run(["--db", "copy.db", "export", "jsonl", "-o", "second.jsonl"]).status == 0)
        #expect(try cli.read("first.jsonl") == cli.read("second.jsonl"))
    }

    @Test("tables and messages show the stored name as escapes, Arabic as it is")
    func tables() throws {
        let cli = try hostileStore()
        for arguments in [["show", "mallory"], ["search", "Mal"], ["claims"], ["neighbors", "mallory"], ["source", "leak"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.standardError)")
            Self.expectNoTerminalControls(result)
        }
        let show = try cli.run(["show", "mallory"])
        #expect(show.standardOutput.contains("Mal\\u{9B}31m\\u{9D}52;c;aGk=\\u{9C}\\u{202E}lory"))
        #expect(show.standardOutput.contains("مالوري"))
        // A name that matches nothing, in an error message.
        let missing = try cli.run(["show", "Mal\(Self.c1)x"])
        #expect(missing.status == 65)
        Self.expectNoTerminalControls(missing)
    }

    @Test("CSV neutralises formulas: a single quote before the cell, the cell quoted; JSON keeps the raw value")
    func csvFormulas() throws {
        let cli = try hostileStore()
        let result = try cli.run(["claims", "--format", "csv"])
        #expect(result.status == 0, "\(result.standardError)")
        let csv = result.standardOutput
        #expect(csv.contains(#","'=HYPERLINK(""http://x""&A1,""y"")","#))
        #expect(csv.contains(#","'@SUM(A1)","#))
        #expect(csv.contains(#","'+2","#))
        #expect(csv.contains(#","'-2","#))
        #expect(csv.contains(",\"'\tX\","))
        #expect(csv.contains(",\"'\rX\","))
        // No cell starts with a formula character unquoted and unneutralised.
        for formula in Self.formulas { #expect(!csv.contains(",\(formula)"), "\(formula.debugDescription)") }
        // Our own values are untouched: dates, grades, counts.
        #expect(csv.contains(",asserts,3,"))
        let json = try cli.run(["claims", "--format", "json"])
        for formula in Self.formulas { #expect(json.standardOutput.contains(JSONEscaping.quoted(formula))) }
    }

    @Test("CSV to a terminal shows control characters as escapes; to a file or pipe, the value as stored")
    func csvOnTerminal() throws {
        let cli = try hostileStore()
        let output = MemorySink()
        let code = IsnadCLI.run(
            ["claims", "--format", "csv"], environment: ["ISNAD_DB": cli.path("isnad.db")], output: output,
            isStandardOutputTerminal: true, standardError: { _ in })
        #expect(code == .success)
        #expect(Self.terminalControls(in: output.bytes, allowing: [0x0A, 0x0D]).isEmpty, "\(output.text.debugDescription)")
        #expect(output.text.contains("Mal\\u{9B}31m\\u{9D}52;c;aGk=\\u{9C}\\u{202E}lory"))
        #expect(output.text.contains(#","'=HYPERLINK(""http://x""&A1,""y"")","#))
        // Piped: the cells hold what is stored (see the README), formulas still neutralised.
        let piped = try cli.run(["claims", "--format", "csv"])
        #expect(piped.standardOutput.contains(Self.hostileName))
    }

    @Test(
        "DOT and GraphML write C1 controls as numeric references, decoded back by their readers; GraphML keeps an override, DOT draws its escape"
    )
    func graphExports() throws {
        let cli = try hostileStore()
        let dot = try cli.run(["export", "dot"])
        #expect(dot.status == 0, "\(dot.standardError)")
        // DOT keeps tabs, and its own directional isolates around names (E2 81 A6–A9): allowed
        // here, the rest not.
        let dotControls = Self.terminalControls(in: dot.outputBytes, allowing: [0x09, 0x0A]).filter { !$0.hasPrefix("E2 81") }
        #expect(dotControls.isEmpty, "\(dotControls)")
        #expect(dot.standardOutput.contains("Mal&#155;31m&#157;52;c;aGk=&#156;\\\\u{202E}lory"))
        let graphML = try cli.run(["export", "graphml"])
        #expect(graphML.status == 0, "\(graphML.standardError)")
        Self.expectNoTerminalControls(graphML)
        #expect(graphML.standardOutput.contains("Mal&#155;31m&#157;52;c;aGk=&#156;&#8238;lory"))
        if let dotTool = ExternalTool.path("dot") {
            try cli.write("hostile.dot", dot.standardOutput)
            let canon = try ExternalTool.run(dotTool, ["-Tsvg", cli.path("hostile.dot")])
            #expect(canon.status == 0)
            #expect(canon.standardOutput.contains("Mal\u{9B}31m\u{9D}52;c;aGk=\u{9C}\\u{202E}lory"))
        }
    }

    // MARK: Stores

    @Test(
        "a trigger planted in a store RAISEs a message with escapes: the message is printed escaped",
        .enabled(if: ExternalTool.path("sqlite3") != nil, "needs the sqlite3 shell (apt: sqlite3) to plant the trigger"))
    func triggerMessage() throws {
        let sqlite3 = try #require(ExternalTool.path("sqlite3"))
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let before = try cli.run(["export", "jsonl"]).outputBytes
        // The message is a literal holding the raw bytes (RAISE takes no expression before SQLite
        // 3.48); the trigger's name carries an escape too, for whoever names it in a message.
        let plant = try ExternalTool.run(
            sqlite3,
            [
                cli.path("isnad.db"),
                "CREATE TRIGGER \"t\u{1B}[2J\" BEFORE INSERT ON citation BEGIN "
                    + "SELECT RAISE(ABORT, '\u{1B}[31mred\u{9B}2J\u{202E}'); END;",
            ])
        #expect(plant.status == 0, "\(plant.standardError)")
        let more =
            #"{"record":"claim","id":"more","subject":"hamas","predicate":"praised","object":"isis","citations":[{"source":"police","quote":"q","stance":"asserts","credibility":3}]}"#
        try cli.write("more.jsonl", more + "\n")
        let result = try cli.run(["import", "more.jsonl"])
        #expect(result.status != 0)
        #expect(!result.standardError.isEmpty)
        Self.expectNoTerminalControls(result)
        let after = try cli.run(["export", "jsonl"])
        Self.expectNoTerminalControls(after)
        if after.status == 0 { #expect(after.outputBytes == before) }
    }
}

/// ``Text/printable(_:keepingLineBreaks:)`` is the one function for the terminal.
@Suite("Text for the terminal")
struct PrintableTextTests {
    @Test("controls, DEL, C1 and bidi overrides and isolates are escaped; line breaks kept only when asked")
    func escapes() {
        #expect(Text.printable("a\u{1B}[31mb\u{7F}\u{9B}\u{202E}\u{2066}c") == "a\\u{1B}[31mb\\u{7F}\\u{9B}\\u{202E}\\u{2066}c")
        #expect(Text.printable("one\ntwo\tthree\r") == "one two three ")
        #expect(Text.printable("one\ntwo\r\n", keepingLineBreaks: true) == "one\ntwo \n")
    }

    @Test("Arabic, Hebrew and the directional marks stay readable")
    func rightToLeft() {
        for text in ["حماس", "עברית", "\u{200F}حماس\u{200E} (hamas)", "Ｈａｍａｓ", "café"] {
            #expect(Text.printable(text) == text)
            #expect(Text.printable(text, keepingLineBreaks: true) == text)
        }
    }

    @Test("emoji take the two cells terminals draw them in, wherever their block; Arabic and marks as before")
    func emojiWidths() {
        for emoji in ["🚀", "🚨", "⚡", "✅", "🫡", "❤\u{FE0F}", "😀", "🤝"] {
            #expect(DisplayWidth.of(emoji) == 2, "\(emoji.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(DisplayWidth.of("❤") == 1)
        // A flag is two regional indicators, one picture; a skin tone takes no cell of its own.
        #expect(DisplayWidth.of("🇵🇸") == 2)
        #expect(DisplayWidth.of("Sabereen 🇵🇸 News") == 16)
        #expect(DisplayWidth.of("🇵🇸🇱🇧") == 4)
        #expect(DisplayWidth.of("👍🏽") == 2)
        #expect(DisplayWidth.of("Thumb 👍🏽 News") == 13)
        #expect(DisplayWidth.of("Victory ✌🏽 News") == 14)
        #expect(DisplayWidth.of("Alerts 🚀 channel") == 17)
        #expect(DisplayWidth.of("حَمَاس") == 4)
        #expect(DisplayWidth.of("\u{200F}حماس\u{200E}") == 4)
        #expect(DisplayWidth.of("Ｈａｍａｓ") == 10)
        #expect(DisplayWidth.truncate("🚨 قناة العاجل", to: 6) == "🚨 قن…")
    }

    @Test(
        "a text written right to left keeps what has no direction (…, !, », digits, an emoji) inside its run, at both ends, whatever stands there"
    )
    func rightToLeftCellEnds() {
        let (lrm, rlm) = ("\u{200E}", "\u{200F}")
        #expect(Bidi.isolate("جبهة النصرة!") == lrm + rlm + "جبهة النصرة!" + rlm + lrm)
        #expect(Bidi.isolate("🚨 قناة العاجل") == lrm + rlm + "🚨 قناة العاجل" + rlm + lrm)
        #expect(Bidi.isolate("الجبهة الشعبية …") == lrm + rlm + "الجبهة الشعبية …" + rlm + lrm)
        // Written right to left (its first letter with a direction is Arabic): both marks, whatever
        // ends it — punctuation, a guillemet, digits, a Latin word.
        #expect(Bidi.isolate("«هاجمنا!»") == lrm + rlm + "«هاجمنا!»" + rlm + lrm)
        #expect(Bidi.isolate("الجناح العسكري (تأسس 1981).") == lrm + rlm + "الجناح العسكري (تأسس 1981)." + rlm + lrm)
        #expect(Bidi.isolate("3 شهداء") == lrm + rlm + "3 شهداء" + rlm + lrm)
        #expect(Bidi.isolate("\"بيان رقم 3!\"") == lrm + rlm + "\"بيان رقم 3!\"" + rlm + lrm)
        #expect(Bidi.isolate("حماس (hamas)") == lrm + rlm + "حماس (hamas)" + rlm + lrm)
        #expect(Bidi.isolate("اتفاق ٢٠١٧") == lrm + rlm + "اتفاق ٢٠١٧" + rlm + lrm)
        // Written left to right (an English sentence ending in an Arabic word): no RLM, so that its
        // full stop and closing quote stay at its own right end; Latin alone: nothing at all.
        #expect(Bidi.isolate("Hamas حماس") == "Hamas حماس" + lrm)
        #expect(Bidi.isolate("Hamas (حماس).") == "Hamas (حماس)." + lrm)
        #expect(Bidi.isolate("\"Hamas cooperates with داعش\".") == "\"Hamas cooperates with داعش\"." + lrm)
        #expect(Bidi.isolate("Hamas (حماس) said") == "Hamas (حماس) said" + lrm)
        #expect(Bidi.isolate("Hamas") == "Hamas")
        // Messages on a terminal: each line that holds Arabic held left to right, the others as they are.
        #expect(
            Bidi.linesHeldLeftToRight("isnad: x\nبيانات.jsonl:2: claim\nnothing\n")
                == "isnad: x\n" + lrm + "بيانات.jsonl:2: claim\nnothing\n")
        // Off a terminal both marks go, and only they.
        #expect(Bidi.removingMarks(Bidi.line(Bidi.isolate("جبهة النصرة!")) + " x") == "جبهة النصرة! x")
        #expect(Bidi.removingMarks(Bidi.line("  note: " + Bidi.isolate("3 شهداء.")) + " x") == "  note: 3 شهداء. x")
        // A mark stored in a name, alone, stays.
        #expect(Bidi.removingMarks(Bidi.isolate("Group" + rlm + " X")) == "Group" + rlm + " X")
    }

    @Test("escaping twice changes nothing", arguments: ["\u{1B}]52;c;aGk=\u{07}", "\u{9B}x\u{202E}", "a\\u{1B}b", "x\ny"])
    func idempotent(_ text: String) {
        let once = Text.printable(text, keepingLineBreaks: true)
        #expect(Text.printable(once, keepingLineBreaks: true) == once)
        #expect(Text.printable(Text.printable(text)) == Text.printable(text))
    }

    @Test("every message on standard error goes through it, line breaks kept")
    func messages() {
        let errors = InProcessTests.Collected()
        let code = IsnadCLI.run(
            ["show", "x\u{1B}]0;owned\u{07}"], environment: ["ISNAD_DB": "/nonexistent/\u{9B}2J/isnad.db"],
            output: MemorySink(), standardError: { errors.append($0) })
        #expect(code != .success)
        #expect(TerminalSafetyTests.terminalControls(in: errors.value.utf8).isEmpty, "\(errors.value.debugDescription)")
        #expect(errors.value.contains("\\u{9B}2J"))
    }
}

/// JSON escaping: what a terminal could act on becomes `\uXXXX`; the value read back is the same.
@Suite("JSON escaping of controls")
struct JSONControlEscapingTests {
    @Test(
        "controls and bidi overrides are \\u escapes, and parse back to the same string",
        arguments: [
            ("\u{1B}[31m", #""\u001b[31m""#), ("\u{9B}\u{9D}\u{80}\u{9F}", #""\u009b\u009d\u0080\u009f""#),
            ("\u{7F}", #""\u007f""#), ("a\u{202A}\u{202E}\u{2066}\u{2069}b", #""a\u202a\u202e\u2066\u2069b""#),
            ("\u{200E}حماس\u{200F} é « » — …", "\"\u{200E}حماس\u{200F} é « » — …\""), ("\"\\\n\t", #""\"\\\n\t""#),
        ])
    func escapes(_ value: String, _ expected: String) throws {
        let quoted = JSONEscaping.quoted(value)
        #expect(quoted == expected)
        let parsed = try JSONSerialization.jsonObject(with: Data(quoted.utf8), options: .fragmentsAllowed) as? String
        #expect(parsed == value)
        #expect(try JSONParser.parse(quoted) == .string(value))
    }

    @Test(
        "a table shows a teammate's huge quote, translation or description cut at 2,000 characters, saying how much more; JSON keeps it whole",
        .temporaryStore
    )
    func hugeTextsCut() throws {
        let cli = try CLIHarness.scoped
        let quote = String(repeating: "Q ", count: 3_000)
        let line =
            #"{"record":"claim","id":"huge","subject":"hamas","predicate":"praised","object":"hadera-attack","citations":[{"source":"article","quote":"\#(quote)","quote_en":"\#(quote)","stance":"reports","credibility":4}]}"#
        try cli.write(
            "records.jsonl",
            CoreCommandTests.records.replacingOccurrences(
                of: #""name":"Hamas","#, with: #""name":"Hamas","description":"\#(quote)","#) + line + "\n")
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let shown = try cli.run(["show", "hamas"]).standardOutput
        let cut = " … (4000 more characters; --format json gives the whole text)"
        #expect(shown.components(separatedBy: cut).count == 4, "\(shown.prefix(3000))")
        // Said after the quote's marks, not inside them.
        #expect(shown.contains("»" + cut), "\(shown.prefix(3000))")
        #expect(shown.utf8.count < 12_000)
        #expect(try cli.run(["show", "hamas", "--format", "json"]).standardOutput.contains(quote))
    }
}
