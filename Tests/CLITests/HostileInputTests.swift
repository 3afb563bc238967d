import Foundation
import TestHelpers
import Testing

/// Input made to break the importer: each one is a clear error with its file and line, exit
/// 65, and nothing written.
@Suite("Hostile input", .temporaryStore)
struct HostileInputTests {
    static let good = #"{"record":"entity","id":"fine","type":"person","name":"Fine"}"#

    @Test("sources that cite each other in a cycle are refused at a source of the import; a cycle already stored is check's")
    func citesCycle() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "cycle.jsonl",
            """
            {"record":"source","id":"sa","type":"statement","title":"A","reliability":"C","cites":["sb"]}
            {"record":"source","id":"sb","type":"statement","title":"B","reliability":"C","cites":["sc"]}
            {"record":"source","id":"sc","type":"statement","title":"C","reliability":"C","cites":["sa"]}

            """)
        let result = try cli.run(["import", "cycle.jsonl"])
        #expect(result.status == 65)
        #expect(
            result.standardError.hasPrefix(
                "isnad: cycle.jsonl:1: source \"sa\": cites: cites itself through sa → sb → sc → sa (a source cannot relay what relays it)\n"
            ), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("isnad.db")))
    }

    @Test(
        "a letter carrying 100,000 marks out of canonical order (zalgo text) in a source's text and its quotes imports and checks in seconds, found; real text with marks still matches"
    )
    func longRunOfMarks() throws {
        let cli = try CLIHarness.scoped
        // Composed whole, the run's sort by class took minutes (a review's 400 KB file ran past 60 s).
        let zalgo = "a" + String(repeating: "\u{0301}\u{0316}", count: 50_000)
        let arabic = "قَتَلَ الجنديُّ رجلًا"
        let vietnamese = "Tie\u{0302}\u{0301}ng Vie\u{0323}\u{0302}t"  // decomposed; the quote is composed
        try cli.write(
            "marks.jsonl",
            """
            {"record":"entity","id":"a","type":"organization","name":"Alpha"}
            {"record":"entity","id":"b","type":"organization","name":"Beta"}
            {"record":"source","id":"s","type":"other","title":"t","reliability":"C","text":"x \(zalgo) y\\n\(arabic)\\n\(vietnamese)"}
            {"record":"claim","id":"c","subject":"a","predicate":"funded","object":"b","citations":[{"source":"s","quote":"x \(zalgo) y","stance":"asserts","credibility":3},{"source":"s","quote":"قتل الجنديُّ","stance":"asserts","credibility":3},{"source":"s","quote":"Tiếng Việt","stance":"asserts","credibility":3},{"source":"s","quote":"x  \(zalgo) y","stance":"asserts","credibility":3}]}

            """)
        let imported = try cli.run(["import", "marks.jsonl"])
        #expect(imported.status == 0, "\(imported.standardError.prefix(300))")
        // The zalgo quote stands byte for byte; the Arabic and Vietnamese ones only folded (marks
        // left out, another form), and the zalgo one typed again with two spaces.
        #expect(
            imported.standardError.contains(
                "isnad: note: 3 quotes imported stand in the text of the source they are read in only with marks, spaces, typeset characters (quotation marks, dashes, ligatures) or Unicode form set aside (the first: claim \"c\" citation 2: "
            ), "\(imported.standardError.prefix(300))")
        // One passage cited twice is found by its passage key, hashed as bytes (as a String it is
        // composed again: minutes).
        let check = try cli.run(["check"])
        #expect(check.status == 65, "\(check.standardError.prefix(300))")
        #expect(check.standardOutput.contains("ok   quotes not found in their source's text: ok\n"))
        #expect(
            check.standardOutput.contains(
                """
                FAIL one quote cited twice, typed two ways (marks, spaces, typeset characters, Unicode form): 1 problem
                       claim "c" citation 4: repeats the quote of citation 1 with other marks, spaces or typeset characters (quotation marks, dashes, ligatures): one citation typed twice (take one out: isnad set c 'citations[3]' null)

                """), "\(check.standardOutput.suffix(600))")
    }

    @Test(
        "a chain of cites deeper than weighing follows (100 steps) is refused at its top, on one line; one exactly 100 deep is imported"
    )
    func citesTooDeep() throws {
        let cli = try CLIHarness.scoped
        func chain(steps: Int) -> String {
            (0...steps).map { index in
                let cites = index == 0 ? "" : #","cites":["r\#(index - 1)"]"#
                return #"{"record":"source","id":"r\#(index)","type":"other","title":"Relay","reliability":"C"\#(cites)}"#
            }.joined(separator: "\n") + "\n"
        }
        try cli.write("deep.jsonl", chain(steps: 101))
        let result = try cli.run(["import", "deep.jsonl"])
        #expect(result.status == 65)
        #expect(
            result.standardError.hasPrefix(
                "isnad: deep.jsonl:102: source \"r101\": cites: is the top of a chain of transmission 101 cites steps deep (r101 → r100 → r99 → r98 → r97 → r96 → … (95 more) … → r0): weighing follows a chain 100 steps at most (a real chain of relays has a handful of links)\n"
            ), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("isnad.db")))
        try cli.write("limit.jsonl", chain(steps: 100))
        #expect(try cli.run(["import", "limit.jsonl"]).status == 0)
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test("a value of megabytes that a message quotes is cut to its start and end, not written to the terminal whole")
    func longValueInAMessage() throws {
        let cli = try CLIHarness.scoped
        let predicate = String(repeating: "x", count: 1 << 20)
        let claim =
            #"{"record":"claim","id":"c","subject":"a","predicate":"\#(predicate)","object":"b","citations":[{"source":"s","quote":"q","stance":"asserts","credibility":2}]}"#
        try cli.write("long.jsonl", Self.good + "\n" + claim + "\n")
        let result = try cli.run(["import", "long.jsonl"])
        #expect(result.status == 65)
        #expect(result.standardError.hasPrefix(#"isnad: long.jsonl:2: claim "c": "#), "\(result.standardError.prefix(200))")
        #expect(result.standardError.contains(" bytes left out) … xxx"))
        #expect(result.standardError.utf8.count < 2_000, "\(result.standardError.utf8.count)")
    }

    @Test("a line that never ends (/dev/zero) is given up, not read forever", arguments: ["jsonl", "ftm"])
    func endlessLine(format: String) throws {
        let cli = try CLIHarness.scoped
        let result = try cli.run(["import", "--from", format, "--max-line-bytes", "10", "/dev/zero"])
        #expect(result.status == 65)
        #expect(
            result.standardError.hasPrefix(
                "isnad: /dev/zero:1: line is longer than the limit of 10 bytes and had not ended after "),
            "\(result.standardError)")
        #expect(result.standardError.contains("bytes: the rest of the file is not read\n"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("isnad.db")))
    }

    @Test("a file name that would forge lines or read as an option is neither, in the summary and in the hint to convert")
    func fileNamesInMessages() throws {
        let cli = try CLIHarness.scoped
        let forged = "evil.jsonl (0 entities)\nnothing was imported: the store is unchanged\nx.jsonl"
        try cli.write(forged, CoreCommandTests.records)
        let imported = try cli.run(["import", forged])
        #expect(imported.status == 0)
        #expect(!imported.standardError.contains("\nnothing was imported"), "\(imported.standardError)")
        let utf16 = Data([0xFF, 0xFE] + Array(#"{"record":"entity"}"#.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        try utf16.write(to: cli.directory.appendingPathComponent("-o.bashrc.u16"))
        let hint = try cli.run(["import", "--", "-o.bashrc.u16"])
        #expect(hint.status == 65)
        #expect(
            hint.standardError.contains("convert it with iconv -f UTF-16 -t UTF-8 ./-o.bashrc.u16 > ./-o.bashrc.u16.jsonl"),
            "\(hint.standardError)")
    }

    @Test("an argument or $ISNAD_DB that is not UTF-8 is refused: read with U+FFFD it named another file, which -o overwrote")
    func nonUTF8Arguments() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        // "out\u{FFFD}.jsonl" is what Swift would read "out\xff.jsonl" as.
        try cli.write("out\u{FFFD}.jsonl", "precious\n")
        let script = #"exec "$0" export jsonl -o "$(printf 'out\377.jsonl')""#
        let result = try ExternalTool.run("/bin/sh", ["-c", script, CLIHarness.binary], directory: cli.directory)
        #expect(result.status == 64)
        #expect(
            result.standardError
                == "isnad: argument 4, \"out\u{FFFD}.jsonl\", is not UTF-8 text (a word in another encoding?): isnad reads its arguments as UTF-8 whatever the locale, and read so it would be another word (another file, another name to look for)\n"
        )
        // Not only a file's name: a Latin-1 search term is another name, not another file.
        let term = try ExternalTool.run(
            "/bin/sh", ["-c", #"exec "$0" search "$(printf 'Ba\357dadi')""#, CLIHarness.binary], directory: cli.directory)
        #expect(term.status == 64)
        #expect(
            term.standardError
                == "isnad: argument 2, \"Ba\u{FFFD}dadi\", is not UTF-8 text (a word in another encoding?): isnad reads its arguments as UTF-8 whatever the locale, and read so it would be another word (another file, another name to look for)\n"
        )
        #expect(try String(contentsOfFile: cli.path("out\u{FFFD}.jsonl"), encoding: .utf8) == "precious\n")
        let environment = try ExternalTool.run(
            "/bin/sh", ["-c", #"ISNAD_DB="$(printf 'y\377.isnad')" exec "$0" stats"#, CLIHarness.binary],
            directory: cli.directory)
        #expect(environment.status == 64)
        #expect(environment.standardError.hasPrefix("isnad: $ISNAD_DB is not UTF-8 text"))
    }

    @Test("a variable that is not UTF-8 stops only the commands that read it")
    func nonUTF8VariablesStopOnlyTheirReaders() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        func run(_ assignment: String, _ command: String) throws -> ExternalTool.Result {
            try ExternalTool.run(
                "/bin/sh", ["-c", "\(assignment) exec \"$0\" \(command) </dev/null", CLIHarness.binary],
                directory: cli.directory)
        }
        let latin1 = #""$(printf 'caf\351')""#
        for variable in ["VISUAL", "EDITOR", "ISNAD_AUTHOR"] {
            #expect(try run("\(variable)=\(latin1)", "stats").status == 0, "\(variable)")
        }
        let editor = try run("VISUAL=\(latin1)", "edit hamas")
        #expect(editor.status == 64)
        #expect(editor.standardError.hasPrefix("isnad: $VISUAL is not UTF-8 text"), "\(editor.standardError)")
        // $EDITOR is not read when $VISUAL names the editor.
        #expect(try run("VISUAL=false EDITOR=\(latin1)", "edit hamas").standardError.contains("$EDITOR") == false)
        let author = try run("ISNAD_AUTHOR=\(latin1)", "retract hamas-praised-attack --reason misread")
        #expect(author.status == 64)
        #expect(author.standardError.hasPrefix("isnad: $ISNAD_AUTHOR is not UTF-8 text"), "\(author.standardError)")
        #expect(try run("ISNAD_AUTHOR=\(latin1)", "retract hamas-praised-attack --reason misread --author Lina").status == 0)
        #expect(try cli.run(["log"]).standardOutput.contains("Lina"))
        // $ISNAD_DB is not read when --db names the store, nor by commands that open no store of theirs.
        #expect(try run("ISNAD_DB=\(latin1)", "--db isnad.db stats").status == 0)
        #expect(try run("ISNAD_DB=\(latin1)", "help show").status == 0)
        #expect(try run("ISNAD_DB=\(latin1)", "template -").status == 0)
        #expect(try run("ISNAD_DB=\(latin1)", "predicates").status == 0)
        #expect(try run("ISNAD_DB=\(latin1)", "copy isnad.db copied.isnad").status == 0)
        #expect(try run("ISNAD_DB=\(latin1)", "show hamas").status == 64)
    }

    /// Writes `bytes` as the second line of a file after a good record, imports it into a store
    /// that already holds data, and checks the outcome.
    private func refuses(_ bytes: [UInt8], expecting message: String, line: Int = 2) throws {
        // A store of its own for each call: some tests call this several times.
        try withTemporaryStore { cli in
            try cli.write("records.jsonl", CoreCommandTests.records)
            #expect(try cli.run(["import", "records.jsonl"]).status == 0)
            let before = try cli.run(["export", "jsonl"]).outputBytes
            let file = cli.directory.appendingPathComponent("hostile.jsonl")
            try Data(Array((HostileInputTests.good + "\n").utf8) + bytes).write(to: file)
            let result = try cli.run(["import", "hostile.jsonl"])
            #expect(result.status == 65, "\(result.standardError)")
            #expect(result.standardError.contains("hostile.jsonl:\(line): "), "\(result.standardError)")
            #expect(result.standardError.contains(message), "\(result.standardError)")
            #expect(result.standardError.contains("nothing was imported: the store is unchanged"))
            #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        }
    }

    @Test("a truncated line") func truncated() throws {
        try refuses(Array(#"{"record":"entity","id":"x","type":"per"#.utf8), expecting: "unterminated string")
    }

    @Test("invalid UTF-8 in a string") func invalidUTF8() throws {
        try refuses(
            Array(#"{"record":"entity","id":"x","type":"person","name":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8),
            expecting: "invalid UTF-8 in a string")
    }

    @Test("invalid UTF-8 outside strings") func strayBytes() throws {
        try refuses([0xC3, 0x28] + Array("{}".utf8), expecting: "invalid JSON at column 1: unexpected '0xC3'")
    }

    @Test("a line longer than the limit (20 MB against 16 MiB)") func hugeLine() throws {
        let huge =
            Array(#"{"record":"entity","id":"x","type":"person","name":""#.utf8) + [UInt8](repeating: 0x61, count: 20_000_000)
            + Array(#""}"#.utf8)
        try refuses(huge, expecting: "longer than the limit of 16777216 bytes (see --max-line-bytes)")
    }

    @Test("a line over --max-line-bytes is refused, however short") func smallLimit() throws {
        let cli = try CLIHarness.scoped
        let line = #"{"record":"entity","id":"x","type":"person","name":""# + String(repeating: "a", count: 150) + #""}"#
        try cli.write("long.jsonl", HostileInputTests.good + "\n" + line + "\n")
        let result = try cli.run(["import", "--max-line-bytes", "100", "long.jsonl"])
        #expect(result.status == 65, "\(result.standardError)")
        let message = "long.jsonl:2: line of \(line.utf8.count) bytes is longer than the limit of 100 bytes"
        #expect(result.standardError.contains(message))
        #expect(!FileManager.default.fileExists(atPath: cli.path("isnad.db")))
    }

    @Test("deeply nested JSON") func deepNesting() throws {
        try refuses(
            Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8),
            expecting: "nested deeper than 32 levels")
    }

    @Test("huge numbers") func hugeNumbers() throws {
        try refuses(
            Array(
                (#"{"record":"claim","subject":"a","predicate":"praised","object":"b","citations":[{"source":"s","quote":"q","stance":"asserts","credibility":1"#
                    + String(repeating: "0", count: 400) + "}]}").utf8),
            expecting: "number longer than 64 characters")
        try refuses(
            Array(
                #"{"record":"claim","subject":"hamas","predicate":"praised","object":"isis","citations":[{"source":"police","quote":"q","stance":"asserts","credibility":1e308}]}"#
                    .utf8),
            expecting: "credibility: expected an integer from 1 (confirmed) to 6 (cannot be judged), found 1e308")
        try refuses(
            Array(
                #"{"record":"claim","subject":"hamas","predicate":"praised","object":"isis","citations":[{"source":"police","quote":"q","stance":"asserts","credibility":99999999999999999999}]}"#
                    .utf8),
            expecting: "found 99999999999999999999")
    }

    @Test("a raw NUL byte") func rawNUL() throws {
        try refuses(
            Array(#"{"record":"entity","id":"x","type":"person","name":"a"#.utf8) + [0x00] + Array(#"b"}"#.utf8),
            expecting: "raw control character 0x00 in a string")
    }

    @Test("an escaped NUL and other control characters") func escapedControls() throws {
        try refuses(
            Array(#"{"record":"entity","id":"x","type":"person","name":"a\u0000b"}"#.utf8),
            expecting: "name: contains the control character U+0000")
        try refuses(
            Array(#"{"record":"entity","id":"x","type":"person","name":"a","description":"\u001b[31m"}"#.utf8),
            expecting: "description: contains the control character U+001B")
    }

    @Test("duplicate keys") func duplicateKeys() throws {
        try refuses(
            Array(#"{"record":"entity","id":"x","id":"y","type":"person","name":"a"}"#.utf8), expecting: #"duplicate key "id""#)
    }

    @Test("a byte order mark in the middle of a line (at a line's start it begins a file joined on, and is taken)")
    func strayBOM() throws {
        let good = Array(HostileInputTests.good.utf8)
        try refuses(Array(good.prefix(1)) + [0xEF, 0xBB, 0xBF] + good.dropFirst(), expecting: "found U+FEFF")
    }

    @Test("a byte order mark at the start and CRLF line ends are accepted")
    func bomAndCRLF() throws {
        let cli = try CLIHarness.scoped
        let text = CoreCommandTests.records.replacingOccurrences(of: "\n", with: "\r\n")
        try Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)).write(to: cli.directory.appendingPathComponent("windows.jsonl"))
        let result = try cli.run(["import", "windows.jsonl"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("imported 7 records"))
    }

    @Test("SQL, DOT and XML metacharacters are data, stored and shown as written")
    func metacharacters() throws {
        let cli = try CLIHarness.scoped
        // The name as JSON text: Robert'); DROP TABLE entity;-- "digraph" <b>&amp;</b> \n
        let name = #""Robert'); DROP TABLE entity;-- \"digraph\" <b>&amp;</b> \\n""#
        try cli.write("sql.jsonl", #"{"record":"entity","id":"bobby","type":"person","name":"# + name + "}\n")
        #expect(try cli.run(["import", "sql.jsonl"]).status == 0)
        let shown = try cli.run(["show", "bobby", "--format", "json"])
        #expect(shown.standardOutput.contains(name))
        #expect(
            try cli.run(["show", "bobby"]).standardOutput.hasPrefix(
                #"Robert'); DROP TABLE entity;-- "digraph" <b>&amp;</b> \n (bobby)"#))
        #expect(try cli.run(["stats", "--format", "json"]).status == 0)
    }

    @Test("a line break in a file's or store's name cannot split a one-line message or plant a line of its own")
    func lineBreakInNames() throws {
        let cli = try CLIHarness.scoped
        let name = "bad\nimported 142 records: the store is fine\n.jsonl"
        try cli.write(name, #"{"record":"entity","id":"x","type":"organization"}"# + "\n")
        let bad = try cli.run(["--db", "a.db", "import", name])
        #expect(bad.status == 65)
        #expect(bad.standardError.split(separator: "\n").count == 2, "\(bad.standardError)")
        #expect(bad.standardError.hasPrefix("isnad: bad\\u{A}imported 142 records: the store is fine\\u{A}.jsonl:1: "))
        let missing = try cli.run(["--db", "a.db", "import", "gone\nisnad: the store is damaged"])
        #expect(missing.status == 66)
        #expect(missing.standardError.split(separator: "\n").count == 1, "\(missing.standardError)")
        try cli.write("good.jsonl", HostileInputTests.good + "\n")
        let created = try cli.run(["--db", "n\nisnad: store damaged.db", "import", "good.jsonl"])
        #expect(created.status == 0)
        #expect(created.standardError.hasPrefix("created n\\u{A}isnad: store damaged.db ("), "\(created.standardError)")
        // The history's command names the same store, as a shell reads it back.
        let log = try cli.run(["--db", "n\nisnad: store damaged.db", "log", "--limit", "1"])
        #expect(
            log.standardOutput.contains(#"  isnad --db $'n\nisnad: store damaged.db' import good.jsonl"#), "\(log.standardOutput)"
        )
        // A tab is named, not shown as the space of another file that exists.
        try cli.write("no such.jsonl", HostileInputTests.good + "\n")
        let tab = try cli.run(["--db", "a.db", "import", "no\tsuch.jsonl"])
        #expect(tab.status == 66)
        #expect(tab.standardError == "isnad: no\\u{9}such.jsonl: no such file\n")
        let empty = try cli.run(["--db", "a.db", "export", "jsonl", "-o", ""])
        #expect(empty.status == 64)
        #expect(empty.standardError.hasPrefix("isnad: --output is empty: --output <file>"))
        // Direction marks alone name nothing either, as an import refuses such a name.
        let marks = try cli.run(["--db", "a.db", "add", "entity", "--name", "\u{200F}\u{202B}\u{202C}", "--type", "person"])
        #expect(marks.status == 64)
        #expect(marks.standardError.hasPrefix("isnad: --name is empty: --name <name>"), "\(marks.standardError)")
    }
}
