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
                    + "  changed claim \"hamas-praised-attack\"\n    citations[0].credibility: 2 → 3\n"
                    + "a value changed here since the file's store was copied is taken back to the file's: --base-entry N keeps it, and refuses a field both changed (isnad import --help)\n"
            ),
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
        #expect(dry.standardError.contains("\n  … and 10 more records\n"), "\(dry.standardError)")
    }

    /// Runs `arguments` on `store` by "reporter" or another author, expecting success.
    private func change(_ cli: CLIHarness, _ store: String, _ arguments: [String], author: String) throws {
        let result = try cli.run(["--db", store] + arguments + ["--author", author])
        #expect(result.status == 0, "\(arguments): \(result.standardError)")
    }

    /// The team's store as JSON Lines.
    private func team(_ cli: CLIHarness) throws -> String { try cli.run(["--db", "team.db", "export", "jsonl"]).standardOutput }

    @Test(
        "with --base-entry, a field both stores changed since is a conflict: listed, with the entry and author of this store's value, and nothing imported (65)"
    )
    func conflictRefusesTheImport() throws {
        let cli = try teamAndCopy()
        try change(cli, "team.db", ["set", "police", "reliability", "C"], author: "samir")
        try change(cli, "team.db", ["set", "hamas-praised-attack", "citations[0].credibility", "4"], author: "samir")
        try change(cli, "field.db", ["set", "police", "reliability", "A"], author: "reporter")
        try change(cli, "field.db", ["set", "hamas-praised-attack", "citations[0].credibility", "3"], author: "reporter")
        try change(cli, "field.db", ["set", "hamas", "description", "field notes"], author: "reporter")
        #expect(try cli.run(["--db", "field.db", "export", "jsonl", "-o", "field.jsonl"]).status == 0)
        let before = try team(cli)
        for dryRun in [["--dry-run"], []] {
            let refused = try cli.run(["--db", "team.db", "import", "field.jsonl", "--base-entry", "1"] + dryRun)
            #expect(refused.status == 65)
            #expect(
                refused.standardError
                    == "isnad: --base-entry 1: 2 conflicts between this store's changes since entry 1 and the file:\n"
                    + "  source \"police\" reliability: this store has \"C\" (entry 2, samir), the file \"A\"\n"
                    + "  claim \"hamas-praised-attack\" citations[0].credibility: this store has 4 (entry 3, samir), the file 3\n"
                    + "nothing was imported: isnad set the value wanted, in this store or in the file's store (then export it again), and import again\n",
                "\(refused.standardError)")
        }
        #expect(try team(cli) == before)
        // Set alike in both, the field is no conflict, and the rest lands.
        try change(cli, "team.db", ["set", "police", "reliability", "A"], author: "editor")
        try change(cli, "team.db", ["set", "hamas-praised-attack", "citations[0].credibility", "3"], author: "editor")
        let merged = try cli.run(["--db", "team.db", "import", "field.jsonl", "--base-entry", "1", "--author", "editor"])
        #expect(merged.status == 0, "\(merged.standardError)")
        #expect(try team(cli).contains(#""description":"field notes""#))
    }

    @Test(
        "with --base-entry, a field the file holds as it was at the base keeps this store's newer value: a change refused (undone) in a vetted copy does not take the team's back"
    )
    func vettedCopyDoesNotRevert() throws {
        let cli = try teamAndCopy()
        try change(cli, "team.db", ["set", "hamas-praised-attack", "citations[0].credibility", "4"], author: "samir")
        try change(cli, "team.db", ["set", "police", "reliability", "C"], author: "samir")
        try change(cli, "field.db", ["set", "hamas-praised-attack", "citations[0].credibility", "1"], author: "reporter")
        try change(cli, "field.db", ["set", "article", "reliability", "E"], author: "reporter")
        // The editor refuses the regrade in a review copy.
        #expect(try cli.run(["copy", "field.db", "review.db"]).status == 0)
        #expect(try cli.run(["--db", "review.db", "undo", "2", "--author", "editor"]).status == 0)
        #expect(try cli.run(["--db", "review.db", "export", "jsonl", "-o", "review.jsonl"]).status == 0)
        let dry = try cli.run(["--db", "team.db", "import", "review.jsonl", "--base-entry", "1", "--dry-run"])
        #expect(dry.status == 0, "\(dry.standardError)")
        #expect(
            dry.standardError.hasSuffix(
                "1 record already in the store would be changed by it (each field: the store's value → the file's):\n"
                    + "  changed source \"article\"\n    reliability: \"F\" → \"E\"\n"), "\(dry.standardError)")
        let merged = try cli.run(["--db", "team.db", "import", "review.jsonl", "--base-entry", "1", "--author", "editor"])
        #expect(merged.status == 0, "\(merged.standardError)")
        let records = try team(cli)
        #expect(records.contains(#""credibility":4"#), "\(records)")
        #expect(
            records.contains(
                #""id":"police","type":"official-statement","title":"Police","published":"2022-03-27","reliability":"C""#))
        #expect(records.contains(#""reliability":"E""#))
        // Without the base, the same file takes samir's values back to the stale ones.
        #expect(try cli.run(["--db", "team.db", "undo", "--author", "editor"]).status == 0)
        let stale = try cli.run(["--db", "team.db", "import", "review.jsonl", "--author", "editor"])
        #expect(stale.status == 0, "\(stale.standardError)")
        #expect(try team(cli).contains(#""reliability":"B""#))
    }

    @Test(
        "with --base-entry, changes to different fields or records in the two stores all land, and the import is one entry undo takes back"
    )
    func noConflictMerges() throws {
        let cli = try teamAndCopy()
        try change(cli, "team.db", ["set", "isis", "description", "team notes"], author: "samir")
        try change(cli, "team.db", ["set", "hamas-praised-attack", "citations[0].stance", "reports"], author: "samir")
        try change(cli, "field.db", ["set", "hamas", "description", "field notes"], author: "reporter")
        try change(cli, "field.db", ["set", "hamas-praised-attack", "citations[0].credibility", "3"], author: "reporter")
        #expect(try cli.run(["--db", "field.db", "export", "jsonl", "-o", "field.jsonl"]).status == 0)
        let merged = try cli.run(["--db", "team.db", "import", "field.jsonl", "--base-entry", "1", "--author", "editor"])
        #expect(merged.status == 0, "\(merged.standardError)")
        let records = try team(cli)
        for kept in [#""description":"team notes""#, #""description":"field notes""#, #""stance":"reports","credibility":3"#] {
            #expect(records.contains(kept), "\(kept): \(records)")
        }
        let log = try cli.run(["--db", "team.db", "log", "--limit", "1"]).standardOutput
        #expect(log.contains("citations[0].credibility: 2 → 3") && !log.contains("stance"), "\(log)")
    }

    @Test(
        "with --base-entry, the merged records are checked as import checks the file's: this store's source citing the file's, which cites it back, is a cycle refused (65)"
    )
    func mergedCitesCycleIsRefused() throws {
        let cli = try teamAndCopy()
        try change(cli, "team.db", ["set", "police", "cites[0]", "article"], author: "samir")
        try change(cli, "field.db", ["set", "article", "cites[0]", "police"], author: "reporter")
        #expect(try cli.run(["--db", "field.db", "export", "jsonl", "-o", "field.jsonl"]).status == 0)
        let before = try team(cli)
        for dryRun in [["--dry-run"], []] {
            let refused = try cli.run(["--db", "team.db", "import", "field.jsonl", "--base-entry", "1"] + dryRun)
            #expect(refused.status == 65)
            #expect(
                refused.standardError
                    == "isnad: field.jsonl:4: source \"article\": cites: cites itself through article → police → article (a source cannot relay what relays it)\n"
                    + "nothing was imported: the store is unchanged\n",
                "\(refused.standardError)")
        }
        #expect(try team(cli) == before)
    }

    @Test(
        "with --base-entry, a quote this store edited since, which the file holds as it was, is no edited quote of the file's: the import keeps this store's quote, once"
    )
    func quoteEditedHereIsKept() throws {
        let cli = try teamAndCopy()
        try change(cli, "team.db", ["set", "hamas-praised-attack", "citations[0].quote", "باركت الحركة"], author: "samir")
        try change(cli, "field.db", ["set", "hamas", "description", "field notes"], author: "reporter")
        #expect(try cli.run(["--db", "field.db", "export", "jsonl", "-o", "field.jsonl"]).status == 0)
        let merged = try cli.run(["--db", "team.db", "import", "field.jsonl", "--base-entry", "1", "--author", "editor"])
        #expect(merged.status == 0, "\(merged.standardError)")
        let records = try team(cli)
        #expect(records.contains(#""description":"field notes""#), "\(records)")
        let claim = records.split(separator: "\n").first { $0.contains(#""id":"hamas-praised-attack""#) } ?? ""
        #expect(claim.contains(#""citations":[{"source":"article","quote":"باركت الحركة""#), "\(claim)")
        #expect(claim.components(separatedBy: #""source":"#).count == 2, "\(claim)")
    }

    @Test("a record this store deleted after the base entry, which the file holds, is a conflict, not put back unseen")
    func deletedHereIsAConflict() throws {
        let cli = try teamAndCopy()
        // An entity no claim names: claims are retracted, not deleted.
        try cli.write("new.jsonl", #"{"record":"entity","id":"new-man","type":"person","name":"New Man"}"# + "\n")
        try change(cli, "team.db", ["import", "new.jsonl"], author: "desk")
        #expect(try cli.run(["copy", "team.db", "field2.db"]).status == 0)
        try change(cli, "team.db", ["delete", "new-man"], author: "samir")
        #expect(try cli.run(["--db", "field2.db", "export", "jsonl", "-o", "field.jsonl"]).status == 0)
        let refused = try cli.run(["--db", "team.db", "import", "field.jsonl", "--base-entry", "1"])
        #expect(refused.status == 65)
        #expect(
            refused.standardError.contains(
                "  entity \"new-man\": deleted in this store by entry 3 (samir); the file holds it\n"
                    + "nothing was imported: for a record this store deleted, delete it in the file's store too, or merge or rename it there as this store did (then export it again), or take its line out of the file, and import again\n"
            ),
            "\(refused.standardError)")
    }

    @Test(
        "a record this store deleted after the base entry, which the file holds as it was then, stays deleted; one a claim of the file names is a conflict naming the claim"
    )
    func deletedHereUnchangedInTheFileStaysDeleted() throws {
        let cli = try teamAndCopy()
        try cli.write("new.jsonl", #"{"record":"entity","id":"new-man","type":"person","name":"New Man"}"# + "\n")
        try change(cli, "team.db", ["import", "new.jsonl"], author: "desk")
        #expect(try cli.run(["copy", "team.db", "field2.db"]).status == 0)
        try change(cli, "team.db", ["delete", "new-man"], author: "samir")
        try change(cli, "field2.db", ["set", "hamas", "description", "field notes"], author: "reporter")
        #expect(try cli.run(["--db", "field2.db", "export", "jsonl", "-o", "field.jsonl"]).status == 0)
        // Read, not imported: the summary counts it apart, in a dry run as in the import.
        let keptDeleted =
            "(3 entities, 2 sources, 2 claims; 1 record kept deleted, as this store deleted it after entry 2 and the file holds it as it was then)"
        let dry = try cli.run(["--db", "team.db", "import", "field.jsonl", "--base-entry", "2", "--dry-run"])
        #expect(dry.status == 0, "\(dry.standardError)")
        #expect(
            dry.standardError.hasPrefix("field.jsonl: 7 valid records \(keptDeleted); nothing written (--dry-run)\n"),
            "\(dry.standardError)")
        let merged = try cli.run(["--db", "team.db", "import", "field.jsonl", "--base-entry", "2", "--author", "editor"])
        #expect(merged.status == 0, "\(merged.standardError)")
        #expect(
            merged.standardError.hasPrefix("imported 7 records from field.jsonl \(keptDeleted)\n"), "\(merged.standardError)")
        var records = try team(cli)
        #expect(records.contains(#""description":"field notes""#) && !records.contains("new-man"), "\(records)")
        let log = try cli.run(["--db", "team.db", "log", "--limit", "1"]).standardOutput
        #expect(!log.contains("new-man"), "\(log)")
        #expect(try cli.run(["--db", "team.db", "check"]).status == 0)
        // A claim of the file that names it keeps it from staying deleted unseen.
        try cli.write(
            "claim.jsonl",
            #"{"record":"claim","id":"new-man-praised-attack","subject":"new-man","predicate":"praised","object":"hadera-attack","citations":[{"source":"article","quote":"q","stance":"asserts","credibility":2}]}"#
                + "\n")
        try change(cli, "field2.db", ["import", "claim.jsonl"], author: "reporter")
        #expect(try cli.run(["--db", "field2.db", "export", "jsonl", "-o", "field.jsonl"]).status == 0)
        records = try team(cli)
        let refused = try cli.run(["--db", "team.db", "import", "field.jsonl", "--base-entry", "2"])
        #expect(refused.status == 65)
        #expect(
            refused.standardError.contains(
                "  entity \"new-man\": deleted in this store by entry 3 (samir); the file holds it as it was at entry 2, but claim \"new-man-praised-attack\" refers to it\n"
            ), "\(refused.standardError)")
        #expect(try team(cli) == records)
    }

    @Test(
        "with --base-entry, a conflict over a field of a citation one side no longer has names it at its place when the copy was made (not after this store's citations, where the import put it), and that side as having no such citation"
    )
    func conflictOverACitationOneSideTookOut() throws {
        let cli = try teamAndCopy()
        // This store edited the quote (another citation now), the copy regraded the citation: in
        // the record the import wrote, the file's citation came after this store's, at 1.
        try change(cli, "team.db", ["set", "hamas-praised-attack", "citations[0].quote", "باركت الحركة"], author: "samir")
        try change(cli, "field.db", ["set", "hamas-praised-attack", "citations[0].credibility", "4"], author: "reporter")
        #expect(try cli.run(["--db", "field.db", "export", "jsonl", "-o", "field.jsonl"]).status == 0)
        let refused = try cli.run(["--db", "team.db", "import", "field.jsonl", "--base-entry", "1"])
        #expect(refused.status == 65)
        // No set command for this store, which has no such citation: the remedy is the file's store's.
        #expect(
            refused.standardError
                == "isnad: --base-entry 1: 1 conflict between this store's changes since entry 1 and the file:\n"
                + "  claim \"hamas-praised-attack\" citations[0].credibility: this store has no such citation (entry 2, samir), the file 4\n"
                + "nothing was imported: for a citation this store no longer has, set the field back as it was at entry 1 in the file's store, or take the citation out there (then export it again), and import again\n",
            "\(refused.standardError)")
        // The other way: this store regraded a citation whose quote the copy edited; under
        // --replace the claim's citations are the file's, which has no such citation.
        try change(cli, "team.db", ["set", "isis-claimed-attack", "citations[0].credibility", "5"], author: "samir")
        try change(cli, "field.db", ["set", "isis-claimed-attack", "citations[0].quote", "اعلان تنظيم داعش"], author: "reporter")
        #expect(try cli.run(["--db", "field.db", "export", "jsonl", "-o", "field.jsonl"]).status == 0)
        let replaced = try cli.run(["--db", "team.db", "import", "field.jsonl", "--base-entry", "1", "--replace"])
        #expect(replaced.status == 65)
        #expect(
            replaced.standardError.contains(
                "  claim \"isis-claimed-attack\" citations[0].credibility: this store has 5 (entry 3, samir), the file has no such citation\n"
            ), "\(replaced.standardError)")
        // Each remedy followed (the copy's regrade set back there, this store's here), the import lands.
        try change(cli, "field.db", ["set", "hamas-praised-attack", "citations[0].credibility", "2"], author: "reporter")
        try change(cli, "team.db", ["set", "isis-claimed-attack", "citations[0].credibility", "2"], author: "editor")
        #expect(try cli.run(["--db", "field.db", "export", "jsonl", "-o", "field.jsonl"]).status == 0)
        let merged = try cli.run([
            "--db", "team.db", "import", "field.jsonl", "--base-entry", "1", "--replace", "--author", "editor",
        ])
        #expect(merged.status == 0, "\(merged.standardError)")
        let records = try team(cli)
        #expect(
            records.contains("باركت الحركة") && records.contains("اعلان تنظيم داعش\"") && !records.contains("مسؤوليته"),
            "\(records)")
    }

    @Test(
        "with --base-entry, a conflict names the citation at its place at the base entry, found by its source, via and quote: not where it moved once either side took out an earlier citation",
        arguments: [false, true])
    func conflictNamesTheCitationAsItWasAtTheBase(storeTookItOut: Bool) throws {
        let cli = try CLIHarness.scoped
        // The claim of the core records, cited twice: "article" at 0, "police" at 1.
        try cli.write(
            "records.jsonl",
            CoreCommandTests.records.replacingOccurrences(
                of: #""credibility":2}]}"# + "\n" + #"{"record":"claim","id":"isis-claimed-attack""#,
                with: #""credibility":2},{"source":"police","quote":"صرحت الشرطة","stance":"asserts","credibility":2}]}"#
                    + "\n" + #"{"record":"claim","id":"isis-claimed-attack""#))
        try change(cli, "team.db", ["import", "records.jsonl"], author: "desk")
        #expect(try cli.run(["copy", "team.db", "field.db"]).status == 0)
        // One side takes out citation 0, and regrades citation 1, now at 0; the other regrades citation 1.
        let (removing, other) = storeTookItOut ? ("team.db", "field.db") : ("field.db", "team.db")
        try change(cli, removing, ["set", "hamas-praised-attack", "citations[0]", "null"], author: "samir")
        try change(cli, removing, ["set", "hamas-praised-attack", "citations[0].credibility", "4"], author: "samir")
        try change(cli, other, ["set", "hamas-praised-attack", "citations[1].credibility", "5"], author: "samir")
        #expect(try cli.run(["--db", "field.db", "export", "jsonl", "-o", "field.jsonl"]).status == 0)
        let before = try team(cli)
        let refused = try cli.run(["--db", "team.db", "import", "field.jsonl", "--base-entry", "1"])
        #expect(refused.status == 65)
        // Where this store took it out, the citation is at 0 here now: the conflict names that
        // place too, and the remedy sends the user there (at 1 is no citation here, or another).
        #expect(
            refused.standardError
                == "isnad: --base-entry 1: 1 conflict between this store's changes since entry 1 and the file:\n"
                + (storeTookItOut
                    ? "  claim \"hamas-praised-attack\" citations[1].credibility (at entry 1; citations[0].credibility in this store now): this store has 4 (entry 3, samir), the file 5\n"
                        + "nothing was imported: isnad set the value wanted, in this store (a citation that moved: at its place named \"in this store now\") or in the file's store (then export it again), and import again\n"
                    : "  claim \"hamas-praised-attack\" citations[1].credibility: this store has 5 (entry 2, samir), the file 4\n"
                        + "nothing was imported: isnad set the value wanted, in this store or in the file's store (then export it again), and import again\n"),
            "\(refused.standardError)")
        #expect(try team(cli) == before)
        // Following the remedy in this store, at the place it names here, resolves the conflict.
        let (place, wanted) = storeTookItOut ? ("citations[0].credibility", "5") : ("citations[1].credibility", "4")
        let set = try cli.run(["--db", "team.db", "set", "hamas-praised-attack", place, wanted, "--author", "editor"])
        #expect(
            set.standardError.hasPrefix(
                "set \(place) of claim \"hamas-praised-attack\" (citation \(storeTookItOut ? 1 : 2): police)"),
            "\(set.standardError)")
        let merged = try cli.run(["--db", "team.db", "import", "field.jsonl", "--base-entry", "1", "--author", "editor"])
        #expect(merged.status == 0, "\(merged.standardError)")
        #expect(try team(cli).contains(#"{"source":"police","quote":"صرحت الشرطة","stance":"asserts","credibility":\#(wanted)}"#))
    }

    @Test(
        "--base-entry that is not a whole number is a usage error (64); one past the store's last entry is refused (65) in one line",
        arguments: [
            (
                ["x"], Int32(64),
                "isnad: --base-entry: expected a whole number from 1 to 2147483647, got \"x\"\n(see 'isnad import --help')\n"
            ),
            (
                ["0"], 64,
                "isnad: --base-entry: expected a whole number from 1 to 2147483647, got \"0\"\n(see 'isnad import --help')\n"
            ),
            (
                ["7"], 65,
                "isnad: --base-entry 7: this store's history ends at entry 1: give the last entry this store and the file's store share (isnad log --limit 1 in the copy, before work on it began); nothing was imported\n"
            ),
        ])
    func badBaseEntry(value: [String], status: Int32, message: String) throws {
        let cli = try teamAndCopy()
        #expect(try cli.run(["--db", "field.db", "export", "jsonl", "-o", "field.jsonl"]).status == 0)
        let refused = try cli.run(["--db", "team.db", "import", "field.jsonl", "--base-entry"] + value)
        #expect(refused.status == status)
        #expect(refused.standardError == message)
    }
}
