import Foundation
import TestHelpers
import Testing

@testable import IsnadCLI
@testable import IsnadKit

/// IsnadKit's messages name no option or command; the CLI adds the hints that do. These
/// check that what a user reads is what it was before the hints moved.
@Suite("Error messages with the CLI's hints")
struct ErrorMessageTests {
    @Test("a store locked too long: the CLI names no culprit it cannot know")
    func busy() {
        let error = DatabaseError(resultCode: .busy, message: "database is locked", path: "isnad.db", sql: "BEGIN IMMEDIATE")
        #expect(
            ErrorMessage.text(for: error)
                == "isnad.db: the store is busy: another program or process held its lock too long (database is locked)")
        #expect(
            error.description == "isnad.db: the store is busy: another connection kept it locked too long (database is locked)")
    }

    @Test("a missing store and one that needs an upgrade: the CLI names --db and isnad init")
    func storeHints() {
        #expect(
            ErrorMessage.text(for: StoreError.missing(path: "x.db"))
                == "no store at x.db (create one with 'isnad init' or 'isnad import FILE', or name another with --db)")
        #expect(
            ErrorMessage.text(for: StoreError.needsUpgrade(path: "x.db", found: 1, supported: 2, reason: "the file is read-only"))
                == "x.db is schema version 1; upgrading it to 2 needs write access: the file is read-only (make it writable once, or query an upgraded copy: cp x.db copy.db && isnad --db copy.db …)"
        )
    }

    @Test(
        "a name that matches nothing and comes close to nothing: no hint to search, which found nothing either; fewer words for several"
    )
    func searchHint() {
        let unmatched = EntityResolver.ResolutionError(text: "zz", candidates: [], suggestions: [])
        #expect(unmatched.isUnmatched)
        #expect(unmatched.description == #"no entity matches "zz""#)
        #expect(ErrorMessage.text(for: unmatched) == #"no entity matches "zz""#)
        let words = EntityResolver.ResolutionError(text: "Hamas movement", candidates: [], suggestions: [])
        #expect(ErrorMessage.text(for: words) == #"no entity matches "Hamas movement" (try fewer words of the name)"#)
    }

    @Test("the id of a source or a claim given for an entity: the message names the command that shows it", .temporaryStore)
    func otherRecordHint() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let source = try cli.run(["show", "police"])
        #expect(source.status == 65)
        #expect(
            source.standardError == "isnad: no entity matches \"police\": it is the id of a source (isnad source police)\n")
        let claim = try cli.run(["neighbors", "hamas-praised-attack"])
        #expect(claim.status == 65)
        #expect(
            claim.standardError
                == "isnad: no entity matches \"hamas-praised-attack\": it is the id of a claim (isnad claims --subject hamas --object hadera-attack lists it; isnad log hamas-praised-attack shows its history)\n"
        )
    }

    @Test("a record that changes a stored claim's ends: the CLI names --replace", .temporaryStore)
    func replaceHint() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "first.jsonl",
            """
            {"record":"entity","id":"a","type":"organization","name":"A"}
            {"record":"entity","id":"b","type":"organization","name":"B"}
            {"record":"entity","id":"c","type":"organization","name":"C"}
            {"record":"source","id":"s","type":"official-statement","title":"S","reliability":"B"}
            {"record":"claim","id":"a-b","subject":"a","predicate":"praised","object":"b","citations":[{"source":"s","quote":"q","stance":"asserts","credibility":2}]}

            """)
        #expect(try cli.run(["import", "first.jsonl"]).status == 0)
        try cli.write(
            "moved.jsonl",
            """
            {"record":"claim","id":"a-b","subject":"a","predicate":"praised","object":"c","citations":[{"source":"s","quote":"q","stance":"asserts","credibility":2}]}

            """)
        let result = try cli.run(["import", "moved.jsonl"])
        #expect(result.status == 65)
        #expect(
            result.standardError.contains(
                #"moved.jsonl:1: claim "a-b": object: the stored claim has object "b": a claim id keeps its subject, predicate and object (give this claim another id, or import with --replace to replace the stored claim whole)"#
            ), "\(result.standardError)")
    }

    @Test("a long value echoed in an error is cut to its start and end, as a record's message is")
    func longEchoCut() {
        let long = String(repeating: "Q", count: 100_000)
        let text = ErrorMessage.text(for: EntityResolver.ResolutionError(text: long, candidates: [], suggestions: []))
        #expect(text.hasPrefix(#"no entity matches "QQQ"#) && text.hasSuffix(#"QQQ""#), "\(text)")
        #expect(text.contains(" bytes left out) … ") && text.utf8.count < 2_000, "\(text.utf8.count)")
    }

    @Test("a failed import's report keeps every line it lists: each line is bounded, not the report", .temporaryStore)
    func importReportWhole() throws {
        let cli = try CLIHarness.scoped
        let lines = (0..<30).map { number in
            #"{"record":"entity","id":"e\#(number)","type":"organisation","name":"Entity number \#(number) with a long enough name"}"#
        }
        try cli.write("a-file-with-a-long-enough-name-for-the-report.jsonl", lines.joined(separator: "\n") + "\n")
        let result = try cli.run(["import", "a-file-with-a-long-enough-name-for-the-report.jsonl"])
        #expect(result.status == 65)
        #expect(result.standardError.utf8.count > 2_000)
        #expect(!result.standardError.contains("bytes left out"), "\(result.standardError)")
        for number in 1...20 {
            #expect(
                result.standardError.contains("a-file-with-a-long-enough-name-for-the-report.jsonl:\(number): "),
                "line \(number): \(result.standardError)")
        }
    }
}
