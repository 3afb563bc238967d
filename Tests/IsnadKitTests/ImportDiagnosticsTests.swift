import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

/// What an import says about input that is not what it expects: every problem of a record at
/// once, and files that are not JSON Lines at all (a JSON array, pretty-printed objects,
/// compressed files, UTF-16 and UTF-32 text).
@Suite("Import diagnostics")
struct ImportDiagnosticsTests {
    /// The messages an import of `bytes`, written to a file called `name`, is refused with
    /// (file names relative to the test's folder), and whether the store was left unchanged.
    private func refusal(
        of bytes: [UInt8], name: String = "bad.jsonl", maximumErrors: Int = 20
    ) throws -> (errors: [String], unchanged: Bool) {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
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

    @Test("a source's and an alias's problems are all listed")
    func everyProblemOfASourceAndAnAlias() throws {
        let text = """
            {"record":"source","id":"s","type":"blog","reliability":"b","published":"2014-13","cites":["s"]}
            {"record":"entity","id":"e","type":"person","name":"E","aliases":[{"name":"","lang":"arabic!","script":"x"}]}

            """
        let result = try refusal(of: text)
        #expect(
            result.errors == [
                #"bad.jsonl:1: source "s": type: "blog" is not one of news-article, opinion-article, statement, leaked-document, press-conference, intelligence-report, official-statement, social-media-post, photo, other"#,
                #"bad.jsonl:1: source "s": title: missing"#,
                #"bad.jsonl:1: source "s": published: "2014-13" is not a valid date: month 13 does not exist"#,
                #"bad.jsonl:1: source "s": reliability: "b" is not one of A, B, C, D, E, F"#,
                #"bad.jsonl:1: source "s": cites: a source cannot cite itself"#,
                #"bad.jsonl:2: entity "e": aliases[0].script: unknown field"#,
                #"bad.jsonl:2: entity "e": aliases[0].name: cannot be empty"#,
                #"bad.jsonl:2: entity "e": aliases[0].lang: "arabic!" is not a BCP-47 language tag (such as ar, en or ar-Latn)"#,
            ])
    }

    @Test("--max-errors counts each problem of a record, and the rest are counted")
    func problemsOfARecordRespectTheLimit() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
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
            #expect(failure.description.contains("… and 4 more problems (6 in all)"))
        }
    }
}
