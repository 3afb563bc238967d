import Foundation
import TestHelpers
import Testing

/// The store's latest history entry, as `export history` writes it.
func latestEntry(_ cli: CLIHarness, environment: [String: String]) throws -> [String: Any] {
    let history = try cli.run(["export", "history"], environment: environment).standardOutput
    let last = try #require(history.split(separator: "\n").last)
    return try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
}

/// Importing again records the store holds: those the file leaves as they are cost no write and
/// no history, on both engines; those it changes, even byte by byte, are written as before.
@Suite("Importing records the store holds", .temporaryStore)
struct ReimportTests {
    static func claim(_ id: String, _ subject: String, _ object: String, _ citations: String, extra: String = "") -> String {
        #"{"record":"claim","id":"\#(id)","subject":"\#(subject)","predicate":"funded","object":"\#(object)","citations":[\#(citations)]\#(extra)}"#
    }

    static func citation(_ source: String, _ quote: String, credibility: Int = 2, extra: String = "") -> String {
        #"{"source":"\#(source)","quote":"\#(quote)","stance":"asserts","credibility":\#(credibility)\#(extra)}"#
    }

    static func entity(_ id: String, _ name: String, extra: String = "") -> String {
        #"{"record":"entity","id":"\#(id)","type":"organization","name":"\#(name)"\#(extra)}"#
    }

    static let sources = [
        #"{"record":"source","id":"s-0","type":"news-article","title":"Zero","reliability":"B"}"#,
        #"{"record":"source","id":"s-1","type":"news-article","title":"One","reliability":"C","cites":["s-0"]}"#,
    ]

    static let base =
        [
            entity("o-0", "Group zero"), entity("o-1", "Group one", extra: #","aliases":[{"name":"المجموعة","lang":"ar"}]"#),
            entity("o-2", "Group two", extra: #","merged":["old-2"]"#), entity("o-3", "Café"), entity("o-4", "Group four"),
        ] + sources + [
            claim("c-1", "o-0", "o-1", citation("s-0", "a") + "," + citation("s-1", "b", credibility: 3)),
            claim("c-2", "o-1", "o-2", citation("s-0", "c")),
            claim("c-3", "o-2", "o-3", citation("s-0", "d"), extra: #","notes":"n""#),
            claim("c-4", "o-3", "o-4", citation("s-0", "e"), extra: #","retracted":"wrong""#),
            claim("c-5", "o-4", "o-0", citation("s-0", "f", extra: #","retracted":"misread""#) + "," + citation("s-1", "g")),
            claim("c-6", "o-0", "o-2", citation("s-1", "h")),
        ]

    static let again =
        [
            entity("o-0", "Group zero"), entity("o-1", "Group one", extra: #","aliases":[{"name":"المجموعة","lang":"ar"}]"#),
            // Merged ids are added to, never taken away: left as it is.
            entity("o-2", "Group two"),
            // The same name in NFD: another name byte for byte, which the history keeps.
            entity("o-3", #"Cafe\u0301"#), entity("o-4", "Group four", extra: #","merged":["old-4"]"#),
            sources[0], sources[1].replacingOccurrences(of: #""C""#, with: #""D""#),
            claim("c-1", "o-0", "o-1", citation("s-0", "a") + "," + citation("s-1", "b", credibility: 3)),
            claim("c-6", "o-0", "o-2", citation("s-1", "h")),
            // The same claim again with a citation more, then with one it holds: what the store
            // held before the batch is no longer what it holds.
            claim("c-1", "o-0", "o-1", citation("s-1", "b2")),
            claim("c-1", "o-0", "o-1", citation("s-0", "a")),
            claim("c-2", "o-1", "o-2", citation("s-1", "c2")),
            claim("c-3", "o-2", "o-3", citation("s-0", "d")),
            // Retracted in the store: kept so, and said.
            claim("c-4", "o-3", "o-4", citation("s-0", "e")),
            claim("c-5", "o-4", "o-0", citation("s-0", "f") + "," + citation("s-1", "g")),
        ]

    static func check(_ cli: CLIHarness, environment: [String: String]) throws {
        try cli.write("base.jsonl", base.joined(separator: "\n") + "\n")
        try cli.write("again.jsonl", again.joined(separator: "\n") + "\n")
        let first = try cli.run(["import", "base.jsonl"], environment: environment)
        try #require(first.status == 0, "\(first.standardError)")
        let before = try cli.run(["export", "jsonl"], environment: environment).standardOutput
        // Merged ids are written by the first import (a batch on PostgreSQL once left them out).
        #expect(before.contains(#""merged":["old-2"]"#))
        let same = try cli.run(["import", "base.jsonl"], environment: environment)
        #expect(same.status == 0, "\(same.standardError)")
        #expect(same.standardError.contains("the store holds them as they are; nothing changed"), "\(same.standardError)")
        #expect(try cli.run(["export", "jsonl"], environment: environment).standardOutput == before)

        let imported = try cli.run(["import", "again.jsonl"], environment: environment)
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardError.contains(#"claim "c-4""#), "\(imported.standardError)")
        #expect(imported.standardError.contains(#"claim "c-5""#), "\(imported.standardError)")
        let entry = try latestEntry(cli, environment: environment)
        #expect(entry["entry"] as? Int == 2, "the import of the same file kept no entry")
        let records = try #require(entry["records"] as? [[String: Any]])
        let changed = Set(records.map { "\($0["action"] ?? "") \($0["kind"] ?? "") \($0["id"] ?? "")" })
        #expect(
            changed == [
                "changed entity o-3", "changed entity o-4", "changed source s-1", "changed claim c-1", "changed claim c-2",
                "changed claim c-3",
            ])
        let after = try cli.run(["export", "jsonl"], environment: environment).standardOutput
        func line(_ id: String, in export: String) -> Substring? {
            export.split(separator: "\n").first { $0.contains(#""id":"\#(id)""#) }
        }
        #expect(try #require(line("c-1", in: after)).contains(#""quote":"b2""#))
        #expect(try #require(line("c-6", in: after)) == line("c-6", in: before))
        #expect(try #require(line("o-3", in: after)).unicodeScalars.contains("\u{301}"))
        #expect(try #require(line("o-2", in: after)).contains(#""merged":["old-2"]"#))
        #expect(try #require(line("c-2", in: after)).contains(#""quote":"c2""#))

        // The record of an id merged earlier in the same file is refused, as on a file.
        try cli.write(
            "merged.jsonl", entity("o-5", "Five", extra: #","merged":["old-5"]"#) + "\n" + entity("old-5", "Old") + "\n")
        let refused = try cli.run(["import", "merged.jsonl"], environment: environment)
        #expect(refused.status == 65)
        #expect(refused.standardError.hasPrefix(#"isnad: merged.jsonl:2: entity "old-5": entity "o-5" lists it as merged"#))
    }

    @Test("a store file: records left as they are are not written, each change is, the same claim twice in a file too")
    func onAFile() throws {
        try ReimportTests.check(try CLIHarness.scoped, environment: [:])
    }

    @Test(
        "a store on PostgreSQL: the batch's stored records are compared in a few reads, with the same outcome as on a file",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func onPostgreSQL() throws {
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        try ReimportTests.check(try CLIHarness.scoped, environment: ["ISNAD_DB": PostgreSQLServer.storeURI(name)])
    }
}

/// Undoing an import takes the records it added away many at once, each kept in the undo's
/// entry as it was: on both engines the same entry, whatever the records hold.
@Suite("Undoing an import", .temporaryStore)
struct UndoImportTests {
    static func check(_ cli: CLIHarness, environment: [String: String]) throws {
        try cli.write("base.jsonl", ReimportTests.base.joined(separator: "\n") + "\n")
        let imported = try cli.run(["import", "base.jsonl"], environment: environment)
        try #require(imported.status == 0, "\(imported.standardError)")
        let records = try cli.run(["export", "jsonl", "--include-retracted"], environment: environment).standardOutput
        let undone = try cli.run(["undo", "--yes"], environment: environment)
        #expect(undone.status == 0, "\(undone.standardError)")
        #expect(undone.standardError.contains("13 records it added removed"), "\(undone.standardError)")
        #expect(try cli.run(["stats", "--format", "csv"], environment: environment).standardOutput.contains("entities,total,0,"))
        let removed = try #require(try latestEntry(cli, environment: environment)["records"] as? [[String: Any]])
        #expect(removed.allSatisfy { $0["action"] as? String == "removed" && $0["after"] is NSNull })
        // Each record as it was, byte for byte: what export jsonl wrote of it.
        let before = Set(removed.compactMap { $0["before"] as? String })
        #expect(before == Set(records.split(separator: "\n").map(String.init)))
        // Nothing is left that names them, and the store checks out.
        let checked = try cli.run(["check"], environment: environment)
        #expect(checked.status == 0, "\(checked.standardOutput)")
    }

    @Test("a store file: the records an import added are removed, each kept in the undo's entry as it was")
    func onAFile() throws {
        try UndoImportTests.check(try CLIHarness.scoped, environment: [:])
    }

    @Test(
        "a store on PostgreSQL: the same, in a few statements a batch of records",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func onPostgreSQL() throws {
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        try UndoImportTests.check(try CLIHarness.scoped, environment: ["ISNAD_DB": PostgreSQLServer.storeURI(name)])
    }
}
