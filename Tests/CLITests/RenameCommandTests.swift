import Foundation
import TestHelpers
import Testing

/// `isnad rename`, run as the built binary.
@Suite("rename end to end", .temporaryStore)
struct RenameCommandTests {
    /// The core records, plus a source that cites the article, a retracted claim and a
    /// retracted citation that name the article, and an entity merged into isis.
    static let records =
        CoreCommandTests.records
            + """
            {"record":"source","id":"relay","type":"news-article","title":"Relay","reliability":"C","cites":["article"]}
            {"record":"entity","id":"daesh","type":"organization","name":"Daesh"}
            {"record":"claim","id":"hamas-hostile-to-isis","subject":"hamas","predicate":"hostile_to","object":"isis","start":null,"end":null,"citations":[{"source":"article","quote":"عداء","stance":"asserts","credibility":4},{"source":"relay","via":"article","quote":"خصومة","stance":"reports","credibility":4}]}
            {"record":"claim","id":"isis-praised-attack","subject":"isis","predicate":"praised","object":"hadera-attack","start":null,"end":null,"citations":[{"source":"article","quote":"أشاد","stance":"asserts","credibility":5}]}

            """

    private func importedStore(environment: [String: String] = [:]) throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", Self.records)
        for arguments in [
            ["import", "records.jsonl"], ["retract", "isis-praised-attack", "--reason", "misread"],
            ["retract", "hamas-hostile-to-isis", "--citation", "2", "--reason", "a copy"], ["merge", "isis", "daesh"],
        ] {
            let result = try cli.run(arguments, environment: environment)
            #expect(result.status == 0, "\(arguments): \(result.standardError)")
        }
        return cli
    }

    /// Renames the article and then isis, on either engine: every record that named them names
    /// the new ids, retracted ones included; the old ids name nothing; undo puts back the
    /// records as they were, byte for byte.
    private func renameFollowsEveryReference(environment: [String: String]) throws {
        let cli = try importedStore(environment: environment)
        let before = try cli.run(["export", "jsonl", "--include-retracted"], environment: environment).standardOutput
        let source = try cli.run(["rename", "article", "source-a"], environment: environment)
        #expect(source.status == 0, "\(source.standardError)")
        #expect(
            source.standardError
                == "renamed source \"article\" to \"source-a\", and in 4 claims and 1 source that name it (history entry 5)\n"
                + "isnad: note: its title is as it was: isnad set source-a FIELD changes one (null removes it); isnad copy --without-history --without-retractions --without-source source-a leaves the whole source out of a copy\n"
                + "isnad: note: the store's history still holds \"article\" (isnad log article); isnad copy --without-history --without-retractions makes a copy without it to hand on\n"
        )
        let entity = try cli.run(["rename", "isis", "islamic-state"], environment: environment)
        #expect(
            entity.standardError.hasPrefix(
                "renamed entity \"isis\" to \"islamic-state\", and in 3 claims that name it (history entry 6)\n"
                    + "isnad: note: 3 claims keep an id that holds \"isis\" (hamas-hostile-to-isis, isis-claimed-attack, isis-praised-attack): isnad rename gives each another\n"
                    + "isnad: note: the ids merged into it name it still, in copies too: daesh\n"), "\(entity.standardError)")
        let after = try cli.run(["export", "jsonl", "--include-retracted"], environment: environment).standardOutput
        #expect(!after.contains(#""article""#) && !after.contains(#""isis""#), "\(after)")
        #expect(after.contains(#""cites":["source-a"]"#))
        #expect(after.contains(#""source":"relay","via":"source-a""#))
        #expect(after.contains(#""merged":["daesh"]"#), "the ids merged into it go with it")
        #expect(try cli.run(["show", "daesh"], environment: environment).standardOutput.contains("(islamic-state)"))
        #expect(try cli.run(["check"], environment: environment).status == 0)
        // The old id names nothing (a query still finds the source by its title, "Article").
        let gone = try cli.run(["set", "article", "reliability", "C"], environment: environment)
        #expect(gone.status == 65, "\(gone.standardError)")
        #expect(
            gone.standardError == "isnad: source \"article\" was renamed \"source-a\" (history entry 5): name it by its new id\n",
            "\(gone.standardError)")
        for _ in 0..<2 {
            let undone = try cli.run(["undo", "--yes"], environment: environment)
            #expect(undone.status == 0, "\(undone.standardError)")
        }
        #expect(try cli.run(["export", "jsonl", "--include-retracted"], environment: environment).standardOutput == before)
    }

    @Test(
        "rename gives a source and an entity new ids that every claim, citation, cites link and merged id follows; undo takes it back"
    )
    func renameOnSQLite() throws {
        try renameFollowsEveryReference(environment: [:])
    }

    @Test(
        "rename follows every reference on PostgreSQL too (retracted claims are read from their JSON)",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func renameOnPostgreSQL() throws {
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        try renameFollowsEveryReference(environment: ["ISNAD_DB": PostgreSQLServer.storeURI(name)])
    }

    /// After renames, `add` refuses the ids taken away (given or made from a name), and `log`
    /// of the id a record has now brings the entries of the ids it had before.
    private func addAndLogAfterRenames(environment: [String: String]) throws {
        let cli = try importedStore(environment: environment)
        for arguments in [
            ["set", "police", "reliability", "A"], ["rename", "police", "source-b"], ["rename", "source-b", "source-c"],
            ["rename", "hamas", "h2"],
        ] {
            let result = try cli.run(arguments, environment: environment)
            #expect(result.status == 0, "\(arguments): \(result.standardError)")
        }
        let log = try cli.run(["log", "source-c"], environment: environment)
        let heads = log.standardOutput.split(separator: "\n").filter { $0.hasPrefix("entry ") }.map { $0.prefix(7) }
        #expect(heads == ["entry 7", "entry 6", "entry 5", "entry 1"], "\(log.standardOutput)")
        #expect(
            log.standardOutput.contains("  removed source \"police\" · renamed to \"source-b\"\n"), "\(log.standardOutput)")
        #expect(log.standardOutput.contains("  added source \"source-c\" · renamed from \"source-b\"\n"))
        #expect(log.standardOutput.contains("  changed source \"police\"\n    reliability: \"B\" → \"A\""))
        // show marks the entity as changed by its rename, and by what changed it before under its old id.
        #expect(try cli.run(["set", "h2", "description", "Renamed"], environment: environment).status == 0)
        let shown = try cli.run(["show", "h2"], environment: environment).standardOutput
        #expect(shown.contains("  changed: entry 8 (isnad rename, "), "\(shown)")
        #expect(shown.contains(" · entry 9 (isnad set, "), "\(shown)")
        let before = try cli.run(["export", "jsonl", "--include-retracted"], environment: environment).outputBytes
        for (arguments, message) in [
            (
                ["add", "source", "--id", "police", "--title", "Police", "--type", "official-statement"],
                #"isnad: source "police" was renamed "source-c" (history entry 6): give another --id, or undo the rename first"#
            ),
            (
                ["add", "source", "--id", "source-b", "--title", "B", "--type", "other"],
                #"isnad: source "source-b" was renamed "source-c" (history entry 7)"#
            ),
            (
                ["add", "entity", "--name", "Hamas", "--type", "organization"],
                #"isnad: entity "hamas" was renamed "h2" (history entry 8): give another --id"#
            ),
        ] {
            let refused = try cli.run(arguments, environment: environment)
            #expect(refused.status == 65, "\(arguments)")
            #expect(refused.standardError.hasPrefix(message), "\(arguments): \(refused.standardError)")
        }
        // A citation, a sheet's row and a rename that name an old id are told the new one.
        let citing = try cli.run(
            [
                "add", "claim", "h2", "praised", "hadera-attack", "--source", "police", "--quote", "q", "--stance", "asserts",
                "--credibility", "3",
            ], environment: environment)
        #expect(citing.status == 65)
        #expect(
            citing.standardError.contains(
                #"--source: source "police" was renamed "source-c" (history entry 6): name it by its new id"#),
            "\(citing.standardError)")
        try cli.write(
            "old.csv", "subject,predicate,object,source,quote,stance,credibility\nh2,praised,hadera-attack,police,q,asserts,3\n")
        let sheet = try cli.run(["import", "old.csv"], environment: environment)
        #expect(sheet.status == 65)
        #expect(
            sheet.standardError.contains(
                #"old.csv:2:4: source: source "police" was renamed "source-c" (history entry 6): name it by its new id"#),
            "\(sheet.standardError)")
        let reuse = try cli.run(["rename", "article", "source-b"], environment: environment)
        #expect(reuse.status == 65)
        #expect(reuse.standardError.contains(#"NEW: source "source-b" was renamed "source-c" (history entry 7)"#))
        #expect(try cli.run(["export", "jsonl", "--include-retracted"], environment: environment).outputBytes == before)
    }

    @Test("after a rename, add refuses the old id and log of the new id follows it back to the old")
    func addAndLogOnSQLite() throws {
        try addAndLogAfterRenames(environment: [:])
    }

    @Test(
        "add and log after a rename on PostgreSQL", .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func addAndLogOnPostgreSQL() throws {
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        try addAndLogAfterRenames(environment: ["ISNAD_DB": PostgreSQLServer.storeURI(name)])
    }

    @Test("a store given another's history and records follows its renames in log too")
    func travelledRenameFollowed() throws {
        let cli = try importedStore()
        #expect(try cli.run(["set", "police", "reliability", "A"]).status == 0)
        #expect(try cli.run(["rename", "police", "source-b"]).status == 0)
        try cli.write("records-b.jsonl", try cli.run(["export", "jsonl", "--include-retracted"]).standardOutput)
        try cli.write("history.jsonl", try cli.run(["export", "history"]).standardOutput)
        #expect(try cli.run(["--db", "other.db", "import", "--from", "history", "history.jsonl"]).status == 0)
        #expect(try cli.run(["--db", "other.db", "import", "records-b.jsonl"]).status == 0)
        let log = try cli.run(["--db", "other.db", "log", "source-b"]).standardOutput
        let heads = log.split(separator: "\n").filter { $0.hasPrefix("entry ") }.map { $0.prefix(7) }
        // Entry 7 is the import of the history itself, which touched no record.
        #expect(heads == ["entry 8", "entry 6", "entry 5", "entry 1"], "\(log)")
        #expect(log.contains("  changed source \"police\"\n    reliability: \"B\" → \"A\""), "\(log)")
    }

    @Test("a claim is renamed alone; --dry-run writes nothing")
    func renameClaim() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes
        let dry = try cli.run(["rename", "hamas-praised-attack", "hamas-blessed-attack", "--dry-run"])
        #expect(dry.status == 0)
        #expect(
            dry.standardError
                == "dry run: would have renamed claim \"hamas-praised-attack\" to \"hamas-blessed-attack\"; nothing written\n")
        #expect(try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes == before)
        #expect(try cli.run(["rename", "hamas-praised-attack", "hamas-blessed-attack"]).status == 0)
        let shown = try cli.run(["claims", "--format", "csv"]).standardOutput
        #expect(shown.contains("hamas-blessed-attack") && !shown.contains("hamas-praised-attack"))
    }

    @Test(
        "rename refuses, writing nothing: an id that is not a slug (64), one another record of the kind has (65), a merged id (65), the same id, an id of two kinds without --kind (64), an unknown id"
    )
    func refusals() throws {
        let cli = try importedStore()
        try cli.write(
            "agency.jsonl", #"{"record":"source","id":"hamas","type":"statement","title":"Hamas","reliability":"B"}"# + "\n")
        #expect(try cli.run(["import", "agency.jsonl"]).status == 0)
        let before = try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes
        let entries = try cli.run(["log"]).standardOutput
        for (arguments, status, message) in [
            (
                ["rename", "article", "Source A"], Int32(64),
                "isnad: NEW: \"Source A\" is not a slug: use lowercase a-z, 0-9 and '-'"
            ),
            (["rename", "article", "police"], 65, "isnad: another source has the id \"police\": ids are unique within a kind"),
            (
                ["rename", "hamas", "daesh", "--kind", "entity"], 65,
                "isnad: \"daesh\" is the id of an entity merged into isis, and names it still: choose another id (isnad unmerge daesh takes the merge apart)"
            ),
            (["rename", "article", "article"], 65, "isnad: source \"article\" has that id already"),
            (
                ["rename", "hamas", "harakat-hamas"], 64,
                "isnad: \"hamas\" is the id of an entity and a source: say which with --kind entity or --kind source"
            ),
            (["rename", "hamass", "x"], 65, "isnad: no entity, source or claim \"hamass\" (did you mean \"hamas\"?)"),
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == status, "\(arguments): \(result.standardError)")
            #expect(result.standardError.split(separator: "\n").first.map(String.init) == message, "\(arguments)")
        }
        #expect(try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes == before)
        #expect(try cli.run(["log"]).standardOutput == entries)
    }

    @Test("the tour's section on rename prints what it shows, on a store of the bundled dataset")
    func tourSection() throws {
        let steps = try TourTests.steps(of: "## rename: another id, a pseudonym for a source")
        #expect(steps.count == 8, "the tour section was not found, or lost its commands")
        let cli = try CLIHarness.scoped
        let dataset = Repository.root.appendingPathComponent("Datasets/hadera-2022/hadera-2022.jsonl").path
        #expect(try cli.run(["import", dataset]).status == 0)
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "ISNAD_DB")
        environment["PATH"] = URL(fileURLWithPath: CLIHarness.binary).deletingLastPathComponent().path + ":/usr/bin:/bin"
        for step in steps {
            let result = try ExternalTool.run(
                "/bin/bash", ["-c", step.command], directory: cli.directory, environment: environment)
            // The old claim id is refused, naming the new one.
            let isRefused = step.command.hasPrefix("isnad claims --id ")
            #expect(result.status == (isRefused ? 65 : 0), "\(step.command)\n\(result.standardError)")
            #expect(result.standardOutput + result.standardError == step.output.joined(separator: "\n") + "\n", "\(step.command)")
        }
        let copied = try cli.run(["--db", "for-the-desk.db", "export", "jsonl"]).standardOutput
        #expect(copied.contains(#""id":"document-a""#) && !copied.contains("abu-maram-document"))
    }

    @Test(
        "an entity's claims whose ids were derived from what they say take the id derived anew (the old one hashes the old id), and add finds them after"
    )
    func derivedClaimIDs() throws {
        let cli = try importedStore()
        for arguments in [
            ["add", "entity", "--type", "person", "--name", "Informant One", "--id", "informant-one"],
            [
                "add", "claim", "informant-one", "member_of", "hamas", "--source", "police", "--quote", "q1", "--stance",
                "asserts", "--credibility", "3", "--unverified", "t",
            ],
        ] {
            #expect(try cli.run(arguments).status == 0, "\(arguments)")
        }
        let derived = try cli.run(["claims", "--format", "csv"]).standardOutput
        let oldID = try #require(
            derived.split(whereSeparator: \.isNewline).first { $0.contains("Informant One") }?.split(separator: ",").first)
        let renamed = try cli.run(["rename", "informant-one", "person-17"])
        #expect(
            renamed.standardError.hasPrefix(
                "renamed entity \"informant-one\" to \"person-17\", and in 1 claim that names it (1 claim given the id derived anew) (history entry 7)\n"
            ), "\(renamed.standardError)")
        let after = try cli.run(["export", "jsonl"]).standardOutput
        #expect(!after.contains(String(oldID)) && !after.contains("informant-one"))
        let log = try cli.run(["log", "--all"]).standardOutput
        #expect(log.contains("  removed claim \"\(oldID)\" · id derived anew as \"c-"), "\(log)")
        // The relationship given again joins the claim, under its new id.
        let added = try cli.run([
            "add", "claim", "person-17", "member_of", "hamas", "--source", "article", "--quote", "q2", "--stance", "reports",
            "--credibility", "4", "--unverified", "t",
        ])
        #expect(added.standardError.hasPrefix("added citation 2 to claim \"c-"), "\(added.standardError)")
        #expect(try cli.run(["undo"]).status == 0)
        #expect(try cli.run(["undo"]).status == 0)
        #expect(try cli.run(["export", "jsonl"]).standardOutput.contains(#""id":"\#(oldID)","subject":"informant-one""#))
    }

    /// A claim of a derived id and its twin (the same relationship under `-2`, imported so), their
    /// entity renamed twice: a command given an old id is told the id the claim has now, log
    /// pairs the ids in each rename's entry, and an undone rename leads nowhere.
    private func oldDerivedIDsLeadToNewOnes(environment: [String: String]) throws {
        let cli = try importedStore(environment: environment)
        func run(_ arguments: [String]) throws -> ExternalTool.Result { try cli.run(arguments, environment: environment) }
        #expect(try run(["add", "entity", "--type", "person", "--name", "Informant One", "--id", "informant-one"]).status == 0)
        let added = try run([
            "add", "claim", "informant-one", "member_of", "hamas", "--source", "police", "--quote", "q1", "--stance",
            "asserts", "--credibility", "3", "--unverified", "t",
        ])
        let old = try #require(added.standardError.split(separator: "\"").dropFirst().first.map(String.init))
        try cli.write(
            "twin.jsonl",
            #"{"record":"claim","id":"\#(old)-2","subject":"informant-one","predicate":"member_of","object":"hamas","start":null,"end":null,"citations":[{"source":"article","quote":"q2","stance":"reports","credibility":4}]}"#
                + "\n")
        #expect(try run(["import", "twin.jsonl"]).status == 0)
        #expect(
            try run(["rename", "informant-one", "person-17"]).standardError.contains(
                "(2 claims given the id derived anew) (history entry 8)"))
        /// The id log says the claim removed under `id` was given.
        func derivedAnew(from id: String) throws -> String? {
            let mark = "  removed claim \"\(id)\" · id derived anew as \""
            let line = try run(["log", id]).standardOutput.split(separator: "\n").first { $0.hasPrefix(mark) }
            return line.map { String($0.dropFirst(mark.count).dropLast()) }
        }
        let new = try #require(try derivedAnew(from: old))
        #expect(new.hasPrefix("c-") && new.count == old.count && new != old)
        let all = try run(["log", "--limit", "1", "--all"]).standardOutput
        for line in [
            "  added claim \"\(new)\" · id derived anew from \"\(old)\"",
            "  added claim \"\(new)-2\" · id derived anew from \"\(old)-2\"",
            "  removed claim \"\(old)-2\" · id derived anew as \"\(new)-2\"",
        ] {
            #expect(all.contains(line + "\n"), "\(all)")
        }
        // Each twin kept its own citation under its own id.
        #expect(try run(["claims", "--id", new + "-2", "--format", "csv"]).standardOutput.contains("q2"))
        let renamed =
            "was renamed \"\(new)\" by history entry 8 (isnad rename informant-one person-17), which derived its id anew"
        for (arguments, prefix) in [
            (["set", old, "notes", "x"], "isnad: "), (["claims", "--id", old], "isnad: --id: "),
            (["retract", old, "--reason", "x"], "isnad: "),
        ] {
            let refused = try run(arguments)
            #expect(refused.status == 65, "\(arguments)")
            #expect(refused.standardError == "\(prefix)claim \"\(old)\" \(renamed): name it by its new id\n", "\(arguments)")
        }
        // Renamed again: the latest id.
        #expect(try run(["rename", "person-17", "person-18"]).status == 0)
        let newer = try #require(try derivedAnew(from: new))
        #expect(newer != new)
        #expect(
            try run(["set", old + "-2", "notes", "x"]).standardError
                == "isnad: claim \"\(old)-2\" was renamed \"\(newer)-2\" by history entry 8 (isnad rename informant-one person-17), which derived its id anew as \"\(new)-2\", and later renames: name it by its new id\n"
        )
        // An undone rename counts for nothing: undo both, and the old id is the claim's again.
        #expect(try run(["undo"]).status == 0)
        #expect(try run(["set", old, "notes", "x"]).standardError.hasPrefix("isnad: claim \"\(old)\" \(renamed): "))
        #expect(try run(["undo"]).status == 0)
        #expect(try run(["set", old, "notes", "x"]).status == 0)
    }

    @Test(
        "an old claim id an entity's rename derived anew leads to the id the claim has now, after two renames too; an undone rename does not"
    )
    func oldDerivedIDsOnSQLite() throws {
        try oldDerivedIDsLeadToNewOnes(environment: [:])
    }

    @Test(
        "an old claim id derived anew leads to the new one on PostgreSQL too",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func oldDerivedIDsOnPostgreSQL() throws {
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        try oldDerivedIDsLeadToNewOnes(environment: ["ISNAD_DB": PostgreSQLServer.storeURI(name)])
    }

    @Test("an import that would bring back an id a rename took away is refused (65), naming the new id; after undo it imports")
    func importOfRenamedID() throws {
        let cli = try importedStore()
        #expect(try cli.run(["rename", "police", "source-b"]).status == 0)
        let before = try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes
        let again = try cli.run(["import", "records.jsonl"])
        #expect(again.status == 65)
        #expect(
            again.standardError.contains(
                #"records.jsonl:5: source "police": id: source "police" was renamed "source-b" (history entry 5): write the new id in the file, or undo the rename first"#
            ), "\(again.standardError)")
        #expect(try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes == before)
        // Renamed on: the id it has now is named.
        #expect(try cli.run(["rename", "source-b", "source-c"]).status == 0)
        #expect(try cli.run(["import", "records.jsonl"]).standardError.contains(#"was renamed "source-c" (history entry 5)"#))
        #expect(try cli.run(["undo"]).status == 0)
        #expect(try cli.run(["undo"]).status == 0)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
    }

    @Test(
        "an id a rename took away is not given to another record by a rename, one renamed back is no rename, and a file that names a renamed id without its record is told the new id"
    )
    func renamedIDsFollowed() throws {
        let cli = try importedStore()
        // police → source-b; then article → police is refused: a file from before would be taken for the article.
        #expect(try cli.run(["rename", "police", "source-b"]).status == 0)
        let reuse = try cli.run(["rename", "article", "police"])
        #expect(reuse.status == 65)
        #expect(
            reuse.standardError
                == "isnad: NEW: source \"police\" was renamed \"source-b\" (history entry 5), and a file written before would be taken for this record: choose another id\n"
        )
        #expect(try cli.run(["rename", "article", "source-a"]).status == 0)
        let again = try cli.run(["import", "records.jsonl"])
        #expect(again.status == 65)
        #expect(
            again.standardError.contains(#"source "article" was renamed "source-a" (history entry 6)"#), "\(again.standardError)")
        // A claim that names the id alone.
        try cli.write(
            "cites.jsonl",
            #"{"record":"claim","id":"new-claim","subject":"hamas","predicate":"praised","object":"hadera-attack","citations":[{"source":"article","quote":"q","stance":"asserts","credibility":3}]}"#
                + "\n")
        let citing = try cli.run(["import", "cites.jsonl"])
        #expect(
            citing.standardError.contains(
                #"source: unknown source "article": it was renamed "source-a" (history entry 6); write the new id in the file, or undo the rename first"#
            ), "\(citing.standardError)")
        // Renamed and renamed back: nothing was taken away.
        let other = try CLIHarness()
        try other.write("records.jsonl", Self.records)
        #expect(try other.run(["import", "records.jsonl"]).status == 0)
        #expect(try other.run(["rename", "hamas", "h2"]).status == 0)
        let unmerge = try other.run(["unmerge", "hamas"])
        #expect(unmerge.status == 65)
        #expect(unmerge.standardError.contains(#"entity "hamas" was renamed "h2""#), "\(unmerge.standardError)")
        #expect(try other.run(["rename", "h2", "hamas"]).status == 0)
        let back = try other.run(["import", "records.jsonl"])
        #expect(back.status == 0, "\(back.standardError)")
    }

    @Test(
        "a claim's old id stays away as an entity's does: an import, a sheet, add --id and a rename are refused, a lookup is told the new id, and log follows it"
    )
    func renamedClaimID() throws {
        let cli = try importedStore()
        let listing = try cli.run(["claims", "--format", "csv", "--subject", "hamas"]).standardOutput
        try cli.write("listing.csv", listing)
        #expect(try cli.run(["rename", "hamas-praised-attack", "hp-attack"]).status == 0)
        let before = try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes
        let renamed = #"claim "hamas-praised-attack" was renamed "hp-attack" (history entry 5)"#
        let again = try cli.run(["import", "records.jsonl"])
        #expect(again.status == 65)
        #expect(
            again.standardError.contains("id: \(renamed): write the new id in the file, or undo the rename first"),
            "\(again.standardError)")
        let sheet = try cli.run(["import", "listing.csv"])
        #expect(sheet.status == 65)
        #expect(
            sheet.standardError.contains("claim: \(renamed): write the new id in the sheet, or undo the rename first"),
            "\(sheet.standardError)")
        let added = try cli.run([
            "add", "claim", "hamas", "praised", "hadera-attack", "--id", "hamas-praised-attack", "--source", "article",
            "--quote", "أشاد", "--stance", "asserts", "--credibility", "3", "--unverified", "test",
        ])
        #expect(added.status == 65)
        #expect(added.standardError.contains("\(renamed): give another --id, or undo the rename first"), "\(added.standardError)")
        let reuse = try cli.run(["rename", "hamas-hostile-to-isis", "hamas-praised-attack"])
        #expect(reuse.status == 65)
        #expect(reuse.standardError.contains("NEW: \(renamed), and a file written before"), "\(reuse.standardError)")
        for arguments in [
            ["set", "hamas-praised-attack", "notes", "x"], ["retract", "hamas-praised-attack", "--reason", "x"],
            ["restore", "hamas-praised-attack"],
        ] {
            let refused = try cli.run(arguments)
            #expect(refused.status == 65, "\(arguments)")
            #expect(refused.standardError == "isnad: \(renamed): name it by its new id\n", "\(arguments)")
        }
        #expect(try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes == before)
        let log = try cli.run(["log", "hp-attack"]).standardOutput
        #expect(log.contains("entry 1 ") && log.contains("renamed"), "\(log)")
        // Renamed back, the old id is its own again.
        #expect(try cli.run(["rename", "hp-attack", "hamas-praised-attack"]).status == 0)
        #expect(try cli.run(["set", "hamas-praised-attack", "notes", "x"]).status == 0)
    }

    @Test("a claim is not renamed to the id derived from another relationship")
    func derivedFormOfAnother() throws {
        let cli = try importedStore()
        let result = try cli.run(["rename", "hamas-praised-attack", "c-0123456789abcdef"])
        #expect(result.status == 65)
        #expect(
            result.standardError
                == "isnad: NEW: \"c-0123456789abcdef\" has the form of an id derived from what a claim says, and is not this claim's: choose an id of another form\n"
        )
    }

    @Test(
        "a copy without history numbers its names and claims afresh, in the order of what they hold: a renamed entity's names are not last",
        .enabled(if: ExternalTool.path("sqlite3") != nil, "needs the sqlite3 shell (apt: sqlite3) to read the rows' order")
    )
    func copyRenumbers() throws {
        let cli = try importedStore()
        #expect(try cli.run(["rename", "hamas", "harakat-hamas"]).status == 0)
        #expect(try cli.run(["copy", "--without-history", "isnad.db", "desk.db"]).status == 0)
        let sqlite = try #require(ExternalTool.path("sqlite3"))
        let order = try ExternalTool.run(
            sqlite,
            [
                cli.path("desk.db"),
                "SELECT (SELECT group_concat(entity) FROM (SELECT entity FROM entity_name ORDER BY rowid)) = (SELECT group_concat(entity) FROM (SELECT entity FROM entity_name ORDER BY entity, position)), (SELECT max(rowid) = count(*) FROM claim)",
            ])
        #expect(order.standardOutput == "1|1\n", "\(order.standardOutput)")
        #expect(try cli.run(["--db", "desk.db", "search", "Hamas"]).standardOutput.contains("harakat-hamas"))
    }
}
