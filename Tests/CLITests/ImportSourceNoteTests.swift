import Foundation
import TestHelpers
import Testing

/// After an import, the notes on sources two stores hold apart: a stored source replaced by one
/// that reads as another document (two researchers' "field-notes"), and a source added that is
/// one already stored under another id (one Reuters article cited by both).
@Suite("import notes on sources", .temporaryStore)
struct ImportSourceNoteTests {
    static func source(_ id: String, _ title: String, url: String? = nil, publisher: String? = nil) -> String {
        let url = url.map { #","url":"\#($0)""# } ?? ""
        let publisher = publisher.map { #","publisher":"\#($0)""# } ?? ""
        return
            #"{"record":"source","id":"\#(id)","type":"news-article","title":"\#(title)","reliability":"C"\#(url)\#(publisher)}"#
    }

    static let stored = [
        source("field-notes", "Alice notes"),
        source("wire", "Wire copy", url: "https://example.org/a", publisher: "Reuters"),
        source("reuters-hadera", "Hadera attack: gunmen kill two", url: "https://reuters.com/x/hadera-1", publisher: "Reuters"),
        source("annual", "Annual report", publisher: "Amnesty"),
    ]

    @Test("a source replaced by another document is named, with what changed and how to undo it")
    func replacedSource() throws {
        let cli = try CLIHarness.scoped
        try cli.write("a.jsonl", Self.stored.joined(separator: "\n") + "\n")
        #expect(try cli.run(["import", "a.jsonl"]).status == 0)
        try cli.write(
            "b.jsonl",
            [
                Self.source("field-notes", "Bob interview"),
                // Another url and publisher: another document, said field by field.
                Self.source("wire", "Wire copy", url: "https://example.org/b", publisher: "AFP"),
                // A title spelt otherwise and a url given where there was none: corrections, not said.
                Self.source("annual", "ANNUAL REPORT.", url: "https://amnesty.org/r"),
            ].joined(separator: "\n") + "\n")
        let imported = try cli.run(["import", "b.jsonl"])
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardError.contains("3 records already in the store were changed by it"))
        #expect(
            imported.standardError.hasSuffix(
                """
                isnad: note: source "field-notes" was replaced by one that reads as another document: title 'Alice notes' → 'Bob interview'
                isnad: note: source "wire" was replaced by one that reads as another document: url 'https://example.org/a' → 'https://example.org/b', publisher 'Reuters' → 'AFP'
                isnad: note: if any are two documents, undo the import (isnad undo 2) and give one of them another id (isnad rename field-notes NEW-ID, in the file's store) before importing again

                """), "\(imported.standardError)")
        // A dry run lists every change already: no note there.
        let dry = try cli.run(["import", "a.jsonl", "--dry-run"])
        #expect(!dry.standardError.contains("reads as another document"), "\(dry.standardError)")
    }

    @Test("past five sources replaced, the rest are counted")
    func manyReplaced() throws {
        let cli = try CLIHarness.scoped
        try cli.write("a.jsonl", (1...6).map { Self.source("s-\($0)", "Notes \($0)") }.joined(separator: "\n") + "\n")
        #expect(try cli.run(["import", "a.jsonl"]).status == 0)
        try cli.write("b.jsonl", (1...6).map { Self.source("s-\($0)", "Interview \($0)") }.joined(separator: "\n") + "\n")
        let imported = try cli.run(["import", "b.jsonl"])
        #expect(imported.status == 0, "\(imported.standardError)")
        let notes = imported.standardError.split(separator: "\n").filter { $0.hasPrefix("isnad: note:") }
        #expect(notes.count == 7, "\(imported.standardError)")
        #expect(
            notes.first
                == "isnad: note: source \"s-1\" was replaced by one that reads as another document: title 'Notes 1' → 'Interview 1'"
        )
        #expect(notes.dropLast().last == "isnad: note: and 1 more source like it")
    }

    @Test("a source added under another id than a stored one of the same url or title is named")
    func addedNamesake() throws {
        let cli = try CLIHarness.scoped
        try cli.write("a.jsonl", Self.stored.joined(separator: "\n") + "\n")
        // Into an empty store: every source is added, none is stored before it.
        let first = try cli.run(["import", "a.jsonl"])
        #expect(!first.standardError.contains("note"), "\(first.standardError)")
        try cli.write(
            "b.jsonl",
            [
                Self.source(
                    "reuters-2022-hadera", "Hadera attack - gunmen kill two",
                    url: "http://www.reuters.com/x/hadera-1/?utm_source=x",
                    publisher: "Reuters"),
                Self.source("alice", "alice notes."),
                // The same title from another publisher: another document.
                Self.source("hrw-annual", "Annual report", publisher: "Human Rights Watch"),
                Self.source("other", "Something else", url: "https://reuters.com/x/hadera-2"),
            ].joined(separator: "\n") + "\n")
        let imported = try cli.run(["import", "b.jsonl"])
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(
            imported.standardError.hasSuffix(
                """
                isnad: note: source alice (added) and field-notes (stored) have one title: one document under two ids weighs as two independent voices; isnad check lists them
                isnad: note: source reuters-2022-hadera (added) and reuters-hadera (stored) have one url: one document under two ids weighs as two independent voices; isnad check lists them

                """), "\(imported.standardError)")
    }
}
