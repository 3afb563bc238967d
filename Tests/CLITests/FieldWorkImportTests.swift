import Foundation
import TestHelpers
import Testing

/// Field work brought back into the team's store: a copy (`isnad copy`) worked on, then its
/// records exported and imported. What the import would change is listed before it is made.
@Suite("Field work brought back by import", .temporaryStore)
struct FieldWorkImportTests {
    /// The team's store (`team.db`, the core records imported by "desk") and the reporter's
    /// copy of it (`field.db`), made before either changed anything.
    private func teamAndCopy() throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        let imported = try cli.run(["--db", "team.db", "import", "records.jsonl", "--author", "desk"])
        #expect(imported.status == 0, "\(imported.standardError)")
        let copied = try cli.run(["copy", "team.db", "field.db"])
        #expect(copied.status == 0, "\(copied.standardError)")
        return cli
    }

    @Test("a dry run lists each record already stored that it would change, field by field, as log shows a change")
    func dryRunListsTheFields() throws {
        let cli = try teamAndCopy()
        #expect(try cli.run(["--db", "field.db", "set", "police", "reliability", "A", "--author", "reporter"]).status == 0)
        #expect(
            try cli.run([
                "--db", "field.db", "set", "hamas-praised-attack", "citations[0].credibility", "3", "--author", "reporter",
            ]).status == 0)
        #expect(try cli.run(["--db", "field.db", "export", "jsonl", "-o", "field.jsonl"]).status == 0)
        let before = try cli.run(["--db", "team.db", "export", "jsonl"]).outputBytes
        let dry = try cli.run(["--db", "team.db", "import", "field.jsonl", "--dry-run"])
        #expect(dry.status == 0, "\(dry.standardError)")
        #expect(
            dry.standardError.hasSuffix(
                "nothing written (--dry-run)\n2 records already in the store would be changed by it (each field: the store's value → the file's):\n"
                    + "  changed source \"police\"\n    reliability: \"B\" → \"A\"\n"
                    + "  changed claim \"hamas-praised-attack\"\n    citations[0].credibility: 2 → 3\n"),
            "\(dry.standardError)")
        #expect(try cli.run(["--db", "team.db", "export", "jsonl"]).outputBytes == before)
    }

    @Test("a dry run that would change many stored records lists the first 50, then how many more")
    func dryRunListIsBounded() throws {
        let cli = try CLIHarness.scoped
        let entities = (0..<60).map { #"{"record":"entity","id":"person-\#($0)","type":"person","name":"Person \#($0)"}"# }
        try cli.write("people.jsonl", entities.joined(separator: "\n") + "\n")
        #expect(try cli.run(["import", "people.jsonl"]).status == 0)
        try cli.write(
            "renamed.jsonl", entities.map { $0.replacingOccurrences(of: "Person", with: "Man") }.joined(separator: "\n") + "\n")
        let dry = try cli.run(["import", "renamed.jsonl", "--dry-run"])
        #expect(dry.status == 0, "\(dry.standardError)")
        #expect(dry.standardError.contains("60 records already in the store would be changed by it"), "\(dry.standardError)")
        #expect(dry.standardError.components(separatedBy: "  changed entity").count - 1 == 50, "\(dry.standardError)")
        #expect(dry.standardError.hasSuffix("  … and 10 more records\n"), "\(dry.standardError)")
    }
}
