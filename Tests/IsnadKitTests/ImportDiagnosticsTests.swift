import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

/// What an import says about input that is not what it expects: every problem of a record at
/// once, and files that are not JSON Lines at all (a JSON array, pretty-printed objects,
/// compressed files, UTF-16 and UTF-32 text).
@Suite("Import diagnostics", .temporaryFolder)
struct ImportDiagnosticsTests {
    /// The messages an import of `bytes`, written to a file called `name`, is refused with
    /// (file names relative to the test's folder), and whether the store was left unchanged.
    private func refusal(
        of bytes: [UInt8], name: String = "bad.jsonl", maximumErrors: Int = 20
    ) throws -> (errors: [String], unchanged: Bool) {
        return try withTemporaryFolder { folder in
            let store = try Fixtures.store(in: folder)
            let before = try Fixtures.export(store)
            let path = folder.path(name)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            var options = Importer.Options()
            options.maximumReportedErrors = maximumErrors
            do {
                _ = try Importer(store: store, options: options).run([.file(path)])
                return ([], try Fixtures.export(store) == before)
            } catch let failure as Importer.Failure {
                #expect(failure.description.hasSuffix("nothing was imported: the store is unchanged"))
                let errors = failure.errors.map { $0.description.replacingOccurrences(of: folder.url.path + "/", with: "") }
                return (errors, try Fixtures.export(store) == before)
            }
        }
    }

    private func refusal(of text: String, name: String = "bad.jsonl", maximumErrors: Int = 20) throws -> (
        errors: [String], unchanged: Bool
    ) {
        try refusal(of: Array(text.utf8), name: name, maximumErrors: maximumErrors)
    }

    // MARK: Every problem of a record at once

    @Test("a record with a bad id, a bad type and an unknown field gets all three reported in one run")
    func everyProblemOfARecord() throws {
        let result = try refusal(
            of: #"{"record":"entity","id":"Bad Id","type":"group","name":"X","nmae":"y"}"# + "\n")
        #expect(
            result.errors == [
                #"bad.jsonl:1: entity: nmae: unknown field (did you mean "name"?)"#,
                #"bad.jsonl:1: entity: id: "Bad Id" is not a slug: use lowercase a-z, 0-9 and '-'"#,
                #"bad.jsonl:1: entity: type: "group" is not one of person, organization, event, place"#,
            ])
        #expect(result.unchanged)
    }

    @Test("an id listed twice in cites is named at its second place, in a short list and in a long one")
    func citesListedTwice() throws {
        for (count, repeated, at) in [(5, 2, 4), (40, 3, 30), (40, 16, 30), (40, 35, 39)] {
            var ids = (0..<count).map { "s\($0)" }
            ids[at] = ids[repeated]
            let list = ids.map { #""\#($0)""# }.joined(separator: ",")
            let result = try refusal(
                of: #"{"record":"source","id":"hub","type":"other","title":"Hub","reliability":"C","cites":[\#(list)]}"# + "\n")
            #expect(result.errors.first == #"bad.jsonl:1: source "hub": cites[\#(at)]: "s\#(repeated)" is listed twice"#)
            #expect(result.unchanged)
        }
    }

    @Test("a claim's problems are all listed: fields, dates, and each citation's fields")
    func everyProblemOfAClaim() throws {
        let line =
            #"{"record":"claim","id":"c","subject":"hamas","predicate":"praysed","object":"isis","start":"2014-02-30","colour":"red","citations":[{"source":"police","quote":" ","stance":"claims","credibility":9},{"source":"police","via":"police","quote":"q","stance":"asserts","credibility":2}]}"#
        let result = try refusal(of: line + "\n")
        #expect(
            result.errors == [
                #"bad.jsonl:1: claim "c": colour: unknown field"#,
                #"bad.jsonl:1: claim "c": predicate: unknown predicate "praysed" (did you mean "praised"?)"#,
                #"bad.jsonl:1: claim "c": start: "2014-02-30" is not a valid date: day 30 does not exist in 2014-02"#,
                #"bad.jsonl:1: claim "c": citations[0].quote: cannot be empty"#,
                #"bad.jsonl:1: claim "c": citations[0].stance: "claims" is not one of asserts, reports, denies"#,
                #"bad.jsonl:1: claim "c": citations[0].credibility: expected an integer from 1 (confirmed) to 6 (cannot be judged), found 9"#,
                #"bad.jsonl:1: claim "c": citations[1].via: names the claimant again; leave via out when the quote stands in the source itself"#,
            ])
        #expect(result.unchanged)
    }

    @Test("a name, alias or quote of invisible characters or direction marks alone is as empty as one of spaces")
    func invisibleTextIsEmpty() throws {
        let text = #"""
            {"record":"entity","id":"ghost","type":"person","name":"\u200f\u202b\u202c","aliases":[{"name":"\u200b\u00a0","lang":"ar"}]}
            {"record":"claim","id":"c","subject":"hamas","predicate":"praised","object":"isis","citations":[{"source":"police","quote":"\u2066\u2069","stance":"asserts","credibility":2}]}

            """#
        let result = try refusal(of: text)
        #expect(
            result.errors == [
                #"bad.jsonl:1: entity "ghost": name: cannot be empty: it holds only invisible characters or direction marks"#,
                #"bad.jsonl:1: entity "ghost": aliases[0].name: cannot be empty: it holds only invisible characters or direction marks"#,
                #"bad.jsonl:2: claim "c": citations[0].quote: cannot be empty: it holds only invisible characters or direction marks"#,
            ])
        #expect(result.unchanged)
    }

    @Test("a source's and an alias's problems are all listed")
    func everyProblemOfASourceAndAnAlias() throws {
        let text = """
            {"record":"source","id":"s","type":"blog","reliability":"b","published":"2014-13","cites":["s"]}
            {"record":"entity","id":"e","type":"person","name":"E","aliases":[{"name":"","lang":"arabic!","script":"x"}]}

            """
        let result = try refusal(of: text)
        #expect(
            result.errors == [
                #"bad.jsonl:1: source "s": type: "blog" is not one of news-article, opinion-article, statement, leaked-document, press-conference, intelligence-report, report, official-statement, social-media-post, photo, other"#,
                #"bad.jsonl:1: source "s": title: missing"#,
                #"bad.jsonl:1: source "s": published: "2014-13" is not a valid date: month 13 does not exist"#,
                #"bad.jsonl:1: source "s": reliability: "b" is not one of A, B, C, D, E, F (did you mean "B"?)"#,
                #"bad.jsonl:1: source "s": cites: a source cannot cite itself"#,
                #"bad.jsonl:2: entity "e": aliases[0].script: unknown field"#,
                #"bad.jsonl:2: entity "e": aliases[0].name: cannot be empty"#,
                #"bad.jsonl:2: entity "e": aliases[0].lang: "arabic!" is not a BCP-47 language tag (such as ar, en or ar-Latn)"#,
            ])
    }

    @Test("--max-errors counts each problem of a record, and the rest are counted")
    func problemsOfARecordRespectTheLimit() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(in: folder)
        var options = Importer.Options()
        options.maximumReportedErrors = 2
        let line = #"{"record":"entity","id":"Bad Id","type":"group","name":"X","nmae":"y"}"#
        do {
            try Fixtures.importText(line + "\n" + line + "\n", into: store, folder: folder, name: "bad.jsonl", options: options)
            Issue.record("accepted")
        } catch let failure as Importer.Failure {
            #expect(failure.errors.count == 2)
            #expect(failure.errors.allSatisfy { $0.line == 1 })
            #expect(failure.totalCount == 6)
            #expect(failure.description.contains("… and 4 more problems (6 in all) (--max-errors 0 lists them all)"))
        }
    }

    // MARK: Files that are not JSON Lines

    /// Two records of the basic fixture's kind, as JSON Lines.
    private static let records = """
        {"record":"entity","id":"new-one","type":"person","name":"New one"}
        {"record":"entity","id":"new-two","type":"person","name":"حماس"}

        """

    private static func encoded(_ text: String, _ encoding: String.Encoding, mark: [UInt8] = []) -> [UInt8] {
        mark + Array(text.data(using: encoding) ?? Data())
    }

    /// Each kind of file that is not JSON Lines: its bytes, its name, and the one message.
    static let foreignFiles: [(String, [UInt8], String, String)] = [
        (
            "gzip", [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x0A, 0x7B, 0xFF, 0x0A, 0x22],
            "records.jsonl.gz",
            "records.jsonl.gz:1: the file is gzip-compressed, not JSON Lines text: convert it with gunzip -c records.jsonl.gz > records.jsonl"
        ),
        (
            "lines that end with a carriage return alone",
            Array("{\"record\":\"entity\",\"id\":\"a\",\"type\":\"person\",\"name\":\"A\"}\r{\"record\":\"entity\"}\r".utf8),
            "records.jsonl",
            "records.jsonl:1: the file's lines end with a carriage return alone (classic Mac OS); records must be JSON Lines: convert it with tr '\\r' '\\n' < records.jsonl > records.lines.jsonl"
        ),
        (
            "an SQLite database", Array("SQLite format 3\u{00}\u{10}\u{00}\u{02}\u{02}\u{00}\n\u{00}".utf8), "isnad.db",
            "isnad.db:1: the file is an SQLite database (an Isnad store?), not records: query it with --db isnad.db, copy it with isnad copy isnad.db OTHER.db, or take its records with isnad --db isnad.db export jsonl"
        ),
        (
            "XML (a GraphML export)", Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml>\n".utf8), "graph.graphml",
            "graph.graphml:1: the file is XML (GraphML, GEXF?), not records: Isnad imports records (JSON Lines), STIX bundles, FollowTheMoney entities, claim sheets and histories; its own GraphML and GEXF exports are for other tools"
        ),
        (
            "zip", Array("PK\u{03}\u{04}\u{14}\u{00}\n{\"record\"\n".utf8), "records.zip",
            "records.zip:1: the file is a zip archive, not JSON Lines text: convert it with unzip -p records.zip > records.jsonl"
        ),
        (
            "UTF-16 with a byte order mark", encoded(records, .utf16LittleEndian, mark: [0xFF, 0xFE]), "records.jsonl",
            "records.jsonl:1: the file is UTF-16 text; records must be UTF-8 JSON Lines: convert it with iconv -f UTF-16 -t UTF-8 records.jsonl > records.lines.jsonl"
        ),
        (
            "UTF-16 whose name is shown escaped: no command that would name another file",
            encoded(records, .utf16LittleEndian, mark: [0xFF, 0xFE]), "a\u{1B}b.jsonl",
            "a\\u{1B}b.jsonl:1: the file is UTF-16 text; records must be UTF-8 JSON Lines: pipe it through iconv -f UTF-16 -t UTF-8"
        ),
        (
            "UTF-16 big-endian with a byte order mark", encoded(records, .utf16BigEndian, mark: [0xFE, 0xFF]), "records.json",
            "records.json:1: the file is UTF-16 text; records must be UTF-8 JSON Lines: convert it with iconv -f UTF-16 -t UTF-8 records.json > records.jsonl"
        ),
        (
            "UTF-16 little-endian, no mark", encoded(records, .utf16LittleEndian), "records.jsonl",
            "records.jsonl:1: the file is UTF-16LE text; records must be UTF-8 JSON Lines: convert it with iconv -f UTF-16LE -t UTF-8 records.jsonl > records.lines.jsonl"
        ),
        (
            "UTF-16 big-endian, no mark", encoded(records, .utf16BigEndian), "records.txt",
            "records.txt:1: the file is UTF-16BE text; records must be UTF-8 JSON Lines: convert it with iconv -f UTF-16BE -t UTF-8 records.txt > records.jsonl"
        ),
        (
            "UTF-32 with a byte order mark", encoded(records, .utf32LittleEndian, mark: [0xFF, 0xFE, 0x00, 0x00]),
            "records.jsonl",
            "records.jsonl:1: the file is UTF-32 text; records must be UTF-8 JSON Lines: convert it with iconv -f UTF-32 -t UTF-8 records.jsonl > records.lines.jsonl"
        ),
        (
            "UTF-32 big-endian, no mark", encoded(records, .utf32BigEndian), "records.jsonl",
            "records.jsonl:1: the file is UTF-32BE text; records must be UTF-8 JSON Lines: convert it with iconv -f UTF-32BE -t UTF-8 records.jsonl > records.lines.jsonl"
        ),
        (
            "a pretty-printed JSON array", Array("\n  [\n  {\n    \"record\": \"entity\",\n    \"id\": \"x\"\n  }\n]\n".utf8),
            "my records.json",
            "my records.json:2: the file is a JSON array; records must be JSON Lines (one record a line, no enclosing [ ]): convert it with jq -c '.[]' 'my records.json' > 'my records.jsonl'"
        ),
        (
            "a JSON array on one line", Array((#"[{"record":"entity","id":"x","type":"person","name":"X"}]"# + "\n").utf8),
            "records.json",
            "records.json:1: the file is a JSON array; records must be JSON Lines (one record a line, no enclosing [ ]): convert it with jq -c '.[]' records.json > records.jsonl"
        ),
        (
            "pretty-printed objects",
            Array("{\n  \"record\": \"entity\",\n  \"id\": \"x\"\n}\n{\n  \"record\": \"entity\"\n}\n".utf8),
            "records.jsonl",
            "records.jsonl:1: this line is just \"{\": a record spans several lines, but records must be JSON Lines (one record a line): convert it with jq -c . records.jsonl > records.lines.jsonl"
        ),
    ]

    @Test("a file that is not JSON Lines gets one line saying what it looks like and how to convert it", arguments: foreignFiles)
    func foreignFile(_ kind: String, _ bytes: [UInt8], _ name: String, _ expected: String) throws {
        let result = try refusal(of: bytes, name: name)
        #expect(result.errors == [expected], "\(kind)")
        #expect(result.errors.allSatisfy { !$0.contains("\n") })
        #expect(result.unchanged)
    }

    @Test("a pretty-printed record after good lines is reported at its first line, once; earlier problems stay listed")
    func prettyRecordAfterGoodLines() throws {
        let text = """
            {"record":"entity","id":"new-one","type":"person","name":"New one"}
            {"record":"entity","id":"bad","type":"group","name":"Bad"}
              {
              "record": "entity",
              "id": "x"
            }

            """
        let result = try refusal(of: text)
        #expect(
            result.errors == [
                #"bad.jsonl:2: entity "bad": type: "group" is not one of person, organization, event, place"#,
                #"bad.jsonl:3: this line is just "{": a record spans several lines, but records must be JSON Lines (one record a line): convert it with jq -c . bad.jsonl > bad.lines.jsonl"#,
            ])
        #expect(result.unchanged)
    }

    @Test("a pretty-printed record thousands of lines in stops the reading there, whatever follows")
    func prettyRecordFarIn() throws {
        // Past several of the reading thread's batches, with far more after it than its queue holds.
        let good = (1...3_000).map { #"{"record":"entity","id":"e\#($0)","type":"person","name":"E \#($0)"}"# }
        let pretty = (1...20_000).map { _ in "{\n  \"record\": \"entity\"\n}" }
        let result = try refusal(of: (good + pretty).joined(separator: "\n") + "\n")
        #expect(
            result.errors == [
                #"bad.jsonl:3001: this line is just "{": a record spans several lines, but records must be JSON Lines (one record a line): convert it with jq -c . bad.jsonl > bad.lines.jsonl"#
            ])
        #expect(result.unchanged)
    }

    @Test("standard input that is a JSON array is told to go through jq")
    func standardInputArray() throws {
        let problem = ForeignFormat.jsonArray.problem(input: "<stdin>", isStandardInput: true)
        #expect(problem.message.hasSuffix("pipe it through jq -c '.[]'"))
    }

    @Test("a broken line that merely starts with a brace is still an invalid-JSON error of its own")
    func ordinaryInvalidJSON() throws {
        let result = try refusal(of: "{\"record\":\n{ \"record\": \"entity\"\n")
        #expect(result.errors.count == 2)
        #expect(result.errors.allSatisfy { $0.contains("invalid JSON") })
    }

    @Test("a problem's message is kept to about a thousand bytes, cut at whole characters, whatever they are made of")
    func boundedMessages() {
        for value in [
            String(repeating: "x", count: 1 << 20), String(repeating: "🚀", count: 300_000),
            "a" + String(repeating: "\u{301}", count: 100_000),
        ] {
            let problem = RecordProblem(
                field: "predicate", message: "unknown predicate \"\(value)\" (did you mean \"\(value)\"?)")
            #expect(problem.message.utf8.count < 1_100, "\(problem.message.utf8.count)")
            #expect(problem.message.hasPrefix("unknown predicate \"") && problem.message.hasSuffix("\"?)"))
            #expect(problem.message.contains(" bytes left out) …"))
        }
        #expect(RecordProblem(message: "short").message == "short")
    }
}
