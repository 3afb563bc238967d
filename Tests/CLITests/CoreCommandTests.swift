import Foundation
import TestHelpers
import Testing

/// The core commands, run as the built binary, as a user runs them.
@Suite("Core commands end to end", .temporaryStore)
struct CoreCommandTests {
    /// `count` people and nothing else, as JSON Lines: a store past a limit of the command line.
    static func people(_ count: Int) -> String {
        (0..<count).map { #"{"record":"entity","id":"e\#($0)","type":"person","name":"Person \#($0)"}"# }
            .joined(separator: "\n")
    }

    static let records = """
        {"record":"entity","id":"hamas","type":"organization","name":"Hamas","aliases":[{"name":"حماس","lang":"ar"},{"name":"Islamic Resistance Movement","lang":"en"}]}
        {"record":"entity","id":"isis","type":"organization","name":"Islamic State","aliases":[{"name":"داعش","lang":"ar"},{"name":"ISIS","lang":"en"}]}
        {"record":"entity","id":"hadera-attack","type":"event","name":"Hadera attack","aliases":[{"name":"عملية الخضيرة","lang":"ar"}]}
        {"record":"source","id":"article","type":"opinion-article","title":"Article","published":"2022-03","lang":"ar","reliability":"F"}
        {"record":"source","id":"police","type":"official-statement","title":"Police","published":"2022-03-27","reliability":"B"}
        {"record":"claim","id":"hamas-praised-attack","subject":"hamas","predicate":"praised","object":"hadera-attack","start":"2022-03-27","end":null,"citations":[{"source":"article","quote":"باركت","quote_en":"blessed","stance":"asserts","credibility":2}]}
        {"record":"claim","id":"isis-claimed-attack","subject":"isis","predicate":"claimed_responsibility_for","object":"hadera-attack","start":"2022-03-27","end":null,"citations":[{"source":"police","via":"article","quote":"اعلان تنظيم داعش مسؤوليته","quote_en":"ISIS announced its responsibility","stance":"asserts","credibility":2}]}

        """

    private func importedStore() throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        let result = try cli.run(["import", "records.jsonl"])
        #expect(result.status == 0, "\(result.standardError)")
        return cli
    }

    @Test("init creates an empty store once, and says so")
    func initialize() throws {
        let cli = try CLIHarness.scoped
        let first = try cli.run(["init"])
        #expect(first.status == 0)
        #expect(first.standardError.contains("created an empty Isnad store at isnad.db"))
        #expect(FileManager.default.fileExists(atPath: cli.path("isnad.db")))
        let second = try cli.run(["init"])
        #expect(second.status == 0)
        #expect(second.standardError.contains("already an Isnad store"))
    }

    @Test("import reports what it read on stderr and nothing on stdout")
    func importSummary() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        let result = try cli.run(["import", "records.jsonl"])
        #expect(result.status == 0)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("imported 7 records from records.jsonl (3 entities, 2 sources, 2 claims)"))
        #expect(result.standardError.contains("the store now holds 3 entities, 2 sources, 2 claims, 2 citations"))
        // The same file again changes nothing, says so, and keeps no history entry.
        let again = try cli.run(["import", "records.jsonl"])
        #expect(again.status == 0)
        #expect(
            again.standardError
                == "read 7 records from records.jsonl (3 entities, 2 sources, 2 claims): the store holds them as they are; nothing changed\n"
                + "the store holds 3 entities, 2 sources, 2 claims, 2 citations\n")
        #expect(try cli.run(["log"]).standardOutput.components(separatedBy: "\nentry ").count == 1)
        try cli.write("empty.jsonl", "")
        #expect(try cli.run(["import", "empty.jsonl"]).standardError.hasPrefix("no records in empty.jsonl: nothing changed\n"))
    }

    @Test("a bad import exits 65, prints file:line: record: field: message, and writes nothing")
    func badImport() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        try cli.write(
            "bad.jsonl",
            #"{"record":"claim","id":"c7","subject":"hamass","predicate":"praised","object":"isis","citations":[{"source":"police","quote":"q","stance":"asserts","credibility":2}]}"#
                + "\n")
        let result = try cli.run(["import", "bad.jsonl"])
        #expect(result.status == 65)
        #expect(
            result.standardError.contains(#"bad.jsonl:1: claim "c7": subject: unknown entity "hamass" (did you mean "hamas"?)"#))
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }

    @Test("every problem of a record at once: an unknown subject and source beside a bad date")
    func everyProblemOfARecord() throws {
        let cli = try importedStore()
        try cli.write(
            "bad.jsonl",
            #"{"record":"claim","id":"c7","subject":"hamass","predicate":"praised","object":"isis","start":"2014-02-30","citations":[{"source":"polise","quote":"q","stance":"asserts","credibility":2}]}"#
                + "\n")
        let result = try cli.run(["import", "bad.jsonl"])
        #expect(result.status == 65)
        let lines = result.standardError.split(separator: "\n").map(String.init)
        #expect(
            lines == [
                #"isnad: bad.jsonl:1: claim "c7": start: "2014-02-30" is not a valid date: day 30 does not exist in 2014-02"#,
                #"bad.jsonl:1: claim "c7": subject: unknown entity "hamass" (did you mean "hamas"?)"#,
                #"bad.jsonl:1: claim "c7": citations[0].source: unknown source "polise" (did you mean "police"?)"#,
                "nothing was imported: the store is unchanged",
            ], "\(result.standardError)")
    }

    @Test("a missing input exits 66 and creates no store")
    func missingInput() throws {
        let cli = try CLIHarness.scoped
        let result = try cli.run(["import", "nowhere.jsonl"])
        #expect(result.status == 66)
        #expect(result.standardError.contains("nowhere.jsonl: no such file"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("isnad.db")))
    }

    @Test("a query on a missing store exits 66 and creates nothing")
    func missingStore() throws {
        let cli = try CLIHarness.scoped
        let result = try cli.run(["show", "hamas"])
        #expect(result.status == 66)
        #expect(result.standardError.contains("no store at isnad.db"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("isnad.db")))
    }

    @Test("a dry run with no store checks the input and creates nothing")
    func dryRun() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        let result = try cli.run(["import", "--dry-run", "records.jsonl"])
        #expect(result.status == 0)
        #expect(result.standardError.contains("7 valid records"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("isnad.db")))
    }

    @Test("a failed import into a missing store leaves no store behind, dry run or not")
    func failedImportCreatesNothing() throws {
        let cli = try CLIHarness.scoped
        try cli.write("bad.jsonl", CoreCommandTests.records + #"{"record":"entity","id":"x""# + "\n")
        for arguments in [["--db", "new.db", "import", "bad.jsonl"], ["--db", "new.db", "import", "--dry-run", "bad.jsonl"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 65, "\(result.standardError)")
            #expect(result.standardError.contains("bad.jsonl:8: invalid JSON"))
            #expect(!result.standardError.contains("created"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: cli.directory.path) == ["bad.jsonl"])
        }
        try cli.write("good.jsonl", CoreCommandTests.records)
        let result = try cli.run(["--db", "new.db", "import", "good.jsonl"])
        #expect(result.status == 0)
        let folder = cli.directory.resolvingSymlinksInPath().path
        #expect(result.standardError.hasPrefix("created new.db (\(folder)/new.db)\nimported 7 records"))
    }

    @Test("import reads standard input with -")
    func standardInput() throws {
        let cli = try CLIHarness.scoped
        let result = try cli.run(["import", "-"], input: Data(CoreCommandTests.records.utf8))
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("from <stdin>"))
    }

    @Test("import - holds no write lock while its input has not begun: other writers go on")
    func standardInputNotBegun() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let records = Pipe()
        let importer = cli.process(["import", "-"])
        importer.standardInput = records
        try importer.run()
        usleep(300_000)
        let writer = cli.process(["add", "entity", "--type", "person", "--name", "Not Held Back"])
        try writer.run()
        let deadline = Date().addingTimeInterval(10)
        while writer.isRunning, Date() < deadline { usleep(20_000) }
        let wasHeld = writer.isRunning
        // Ended either way, so that a failure does not leave the test waiting.
        records.fileHandleForWriting.write(Data(CoreCommandTests.records.utf8))
        try records.fileHandleForWriting.close()
        importer.waitUntilExit()
        writer.waitUntilExit()
        #expect(!wasHeld, "the writer waited behind an import whose input had not begun")
        #expect(writer.terminationStatus == 0)
        #expect(importer.terminationStatus == 0)
        #expect(try cli.run(["search", "Not Held Back"]).status == 0)
    }

    @Test(
        "import - says what is wrong with the store before it waits for input: a store it cannot create, one of a newer Isnad"
    )
    func standardInputStoreCheckedFirst() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(try cli.run(["--db", "newer.db", "import", "records.jsonl"]).status == 0)
        let shell = try #require(ExternalTool.path("sqlite3"), "the sqlite3 shell makes a store of a newer Isnad")
        #expect(try ExternalTool.run(shell, [cli.path("newer.db"), "PRAGMA user_version = 99"]).status == 0)
        for (store, status) in [("missing-folder/x.db", Int32(73)), ("newer.db", 65)] {
            let records = Pipe()
            let importer = cli.process(["--db", store, "import", "-"])
            importer.standardInput = records
            try importer.run()
            let deadline = Date().addingTimeInterval(10)
            while importer.isRunning, Date() < deadline { usleep(20_000) }
            let waited = importer.isRunning
            try records.fileHandleForWriting.close()
            importer.waitUntilExit()
            #expect(!waited, "\(store): the import waited for input before saying what is wrong with the store")
            #expect(importer.terminationStatus == status, "\(store)")
        }
        // An empty file is made a store, as by import FILE; a dry run makes none, wherever it is named.
        try cli.write("empty.db", "")
        let records = Data(CoreCommandTests.records.utf8)
        #expect(try cli.run(["--db", "empty.db", "import", "-"], input: records).status == 0)
        let dry = try cli.run(["--db", "missing-folder/x.db", "import", "--dry-run", "-"], input: records)
        #expect(dry.status == 0, "\(dry.standardError)")
    }

    @Test("import --dry-run into an empty file (touch) writes nothing: the file stays empty, and nothing is said to be created")
    func dryRunIntoEmptyFile() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        try cli.write("empty.db", "")
        for arguments in [["import", "records.jsonl", "--dry-run"], ["import", "-", "--dry-run"]] {
            let result = try cli.run(["--db", "empty.db"] + arguments, input: Data(CoreCommandTests.records.utf8))
            #expect(result.status == 0, "\(result.standardError)")
            #expect(!result.standardError.contains("created"), "\(result.standardError)")
            #expect(result.standardError.hasSuffix("nothing written (--dry-run)\n"), "\(result.standardError)")
            #expect((try FileManager.default.attributesOfItem(atPath: cli.path("empty.db"))[.size] as? Int) == 0)
            for companion in ["-wal", "-shm"] {
                #expect(!FileManager.default.fileExists(atPath: cli.path("empty.db" + companion)))
            }
        }
        // The import itself makes a store there, as before.
        let result = try cli.run(["--db", "empty.db", "import", "records.jsonl"])
        #expect(result.standardError.hasPrefix("created empty.db ("), "\(result.standardError)")
    }

    @Test("--db and ISNAD_DB choose the store")
    func storeLocation() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(try cli.run(["--db", "a.db", "import", "records.jsonl"]).status == 0)
        #expect(try cli.run(["show", "hamas", "--db=a.db"]).status == 0)
        #expect(try cli.run(["show", "hamas"], environment: ["ISNAD_DB": "a.db"]).status == 0)
        #expect(try cli.run(["show", "hamas"]).status == 66)
    }

    @Test(
        "a store created or missing is named with its absolute path and where its path came from ($ISNAD_DB, the default), and a ~ no shell expanded is said"
    )
    func storeOrigin() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        let folder = cli.directory.resolvingSymlinksInPath().path
        let fromVariable = try cli.run(["import", "records.jsonl"], environment: ["ISNAD_DB": "case.db"])
        #expect(fromVariable.standardError.hasPrefix("created case.db (\(folder)/case.db, from $ISNAD_DB)\n"))
        let byDefault = try cli.run(["import", "records.jsonl"])
        #expect(
            byDefault.standardError.hasPrefix(
                "created isnad.db (\(folder)/isnad.db, the default, as neither --db nor $ISNAD_DB names a store)\n"))
        let absolute = try cli.run(["--db", folder + "/given.db", "import", "records.jsonl"])
        #expect(absolute.standardError.hasPrefix("created \(folder)/given.db\nimported"))
        let missing = try cli.run(["show", "hamas"], environment: ["ISNAD_DB": "stores/case.db"])
        #expect(missing.status == 66)
        #expect(
            missing.standardError
                == "isnad: no store at stores/case.db (\(folder)/stores/case.db, from $ISNAD_DB; create one with 'isnad init' or 'isnad import FILE', or name another with --db)\n"
        )
        // As a crontab's variable leaves it: a folder named ~ here, not the home folder.
        let tilde = try cli.run(["show", "hamas"], environment: ["ISNAD_DB": "~/case.db"])
        #expect(tilde.status == 66)
        #expect(
            tilde.standardError.contains(
                "no store at ~/case.db (\(folder)/~/case.db, from $ISNAD_DB, no shell expanded the ~, as a crontab or quotes leave it: write $HOME/… or the whole path; create one"
            ), "\(tilde.standardError)")
        let nowhere = try cli.run(["--db", "no-folder/x.db", "import", "records.jsonl"])
        #expect(nowhere.status == 73)
        #expect(
            nowhere.standardError.hasPrefix(
                "isnad: cannot create a store at no-folder/x.db (\(folder)/no-folder/x.db; "), "\(nowhere.standardError)")
    }

    @Test("show names an entity by id, by name or by alias in Arabic, and shows every claim with its evidence")
    func show() throws {
        let cli = try importedStore()
        for name in ["hadera-attack", "Hadera Attack", "عملية الخضيرة"] {
            let result = try cli.run(["show", name])
            #expect(result.status == 0, "\(name): \(result.standardError)")
            #expect(result.standardOutput.contains("Hadera attack (hadera-attack) · event"))
            // The police (B) are read in the article (F): capped by it, the claim is alleged, F2.
            #expect(result.standardOutput.contains("2 claims: 2 alleged"))
            #expect(result.standardOutput.contains("all 2 supported claims rest on one channel, all through article (F)"))
            #expect(
                result.standardOutput.contains(
                    "ALLEGED · 1 source, 1 citation · best F2 · 1 channel, all through article (F)"))
            #expect(result.standardOutput.contains("asserts B2  police, via article"))
            #expect(result.standardOutput.contains("\"ISIS announced its responsibility\""))
        }
    }

    @Test(
        "show labels an entity's description as the store's note, not a weighed claim: bare, it read as fact right above the claims graded ALLEGED"
    )
    func showLabelsDescription() throws {
        let cli = try importedStore()
        let added = try cli.run([
            "add", "entity", "--type", "person", "--name", "Abu Test", "--description",
            "Hamas commander who funded ISIS in Sinai",
        ])
        #expect(added.status == 0, "\(added.standardError)")
        let claim = try cli.run([
            "add", "claim", "Abu Test", "member_of", "hamas", "--source", "article", "--quote", "x", "--stance", "asserts",
            "--credibility", "4", "--unverified", "test",
        ])
        #expect(claim.status == 0, "\(claim.standardError)")
        for format in ["table", "list"] {
            let shown = try cli.run(["show", "abu-test", "--format", format])
            #expect(
                shown.standardOutput.hasPrefix(
                    """
                    Abu Test (abu-test) · person
                      Description (the store's note, not a weighed claim): Hamas commander who funded ISIS in Sinai

                    1 claim: 1 alleged

                    """), "\(format): \(shown.standardOutput)")
        }
        // The record keeps the description as it was given: the label is the reading's.
        let json = try cli.run(["show", "abu-test", "--format", "json"]).standardOutput
        #expect(json.contains(#""description":"Hamas commander who funded ISIS in Sinai""#))
    }

    @Test("an unknown name exits 65 and lists what comes close")
    func unknownName() throws {
        let cli = try importedStore()
        let result = try cli.run(["show", "Hamaz"])
        #expect(result.status == 65)
        #expect(result.standardError.contains(#"no entity matches "Hamaz"; did you mean:"#))
        #expect(result.standardError.contains("hamas  Hamas (organization)"))
    }

    @Test("show --format json is the record format: it imports into a new store on its own")
    func showJSON() throws {
        let cli = try importedStore()
        let result = try cli.run(["show", "hamas", "--format", "json"])
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 4)  // two entities, the article, the claim
        try cli.write("subset.jsonl", result.standardOutput)
        let reimport = try cli.run(["--db", "subset.db", "import", "subset.jsonl"])
        #expect(reimport.status == 0, "\(reimport.standardError)")
    }

    @Test("show --format csv has one row per citation with the claim's evidence")
    func showCSV() throws {
        let cli = try importedStore()
        let result = try cli.run(["show", "hadera-attack", "--format", "csv"])
        let rows = result.standardOutput.split(separator: "\r\n")
        #expect(rows.first?.hasPrefix("claim,subject,subject_name,predicate,object,object_name,start,end,status") == true)
        #expect(rows.count == 3)
        #expect(
            rows.contains {
                $0.hasPrefix(
                    "isis-claimed-attack,isis,Islamic State,claimed_responsibility_for,hadera-attack,Hadera attack,2022-03-27,,alleged,1,F,2,1,article,police,B,article,asserts,2,"
                )
            })
    }

    @Test("an import of records says which quotes are not in their source's stored text (a sheet and add claim refuse them)")
    func importNotesQuotesNotFound() throws {
        let cli = try importedStore()
        let records = """
            {"record":"source","id":"statement","type":"statement","title":"Statement","reliability":"C","text":"سطر أول\\nباركت حماس العملية"}
            {"record":"claim","id":"found","subject":"hamas","predicate":"praised","object":"hadera-attack","citations":[{"source":"statement","quote":"باركت حماس","stance":"asserts","credibility":3}]}
            {"record":"claim","id":"vouched","subject":"isis","predicate":"praised","object":"hadera-attack","citations":[{"source":"statement","quote":"هنأت","stance":"asserts","credibility":3,"locator":"unverified: my transcription"}]}
            {"record":"claim","id":"missing","subject":"hamas","predicate":"claimed_responsibility_for","object":"hadera-attack","citations":[{"source":"article","quote":"q","stance":"reports","credibility":4},{"source":"statement","quote":"تبنت","stance":"asserts","credibility":3}]}

            """
        try cli.write("more.jsonl", records)
        let result = try cli.run(["import", "more.jsonl"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(
            result.standardError.hasSuffix(
                "isnad: note: 1 quote imported is not in the text of the source it is read in (claim \"missing\" citation 2, in \"statement\"): isnad check lists it; correct the words, or give the locator \"unverified: REASON\"\n"
            ), "\(result.standardError)")
        // Imported again, nothing changes and nothing is said again.
        #expect(!(try cli.run(["import", "more.jsonl"]).standardError.contains("note:")))
    }

    @Test(
        "an import warns of the dates to come it brought: one line each, or a count and the first three; the conflicts between dates are check's"
    )
    func importWarnsOfDates() throws {
        let cli = try importedStore()
        let source = { (id: String, published: String) in
            #"{"record":"source","id":"\#(id)","type":"other","title":"\#(id)","published":"\#(published)","reliability":"C"}"#
        }
        try cli.write("one.jsonl", source("soon", "2999") + "\n")
        let one = try cli.run(["import", "one.jsonl"])
        #expect(one.status == 0)
        #expect(
            one.standardError.hasSuffix(
                "isnad: warning: source \"soon\": published 2999, after today (\(AddCommandTests.today) in UTC+14, where the day comes first): a date to come is a mistake\n"
            ), "\(one.standardError)")
        let late =
            #"{"record":"claim","id":"late","subject":"hamas","predicate":"praised","object":"isis","start":"2023","citations":[{"source":"police","quote":"q","stance":"asserts","credibility":3}]}"#
        try cli.write("many.jsonl", ([late] + (1...4).map { source("later-\($0)", "300\($0)") }).joined(separator: "\n") + "\n")
        let many = try cli.run(["import", "many.jsonl"])
        #expect(many.status == 0)
        #expect(
            many.standardError.hasSuffix(
                """
                isnad: warning: isnad check finds 4 problems with the dates imported; the first 3:
                  source "later-1": published 3001, after today (\(AddCommandTests.today) in UTC+14, where the day comes first): a date to come is a mistake
                  source "later-2": published 3002, after today (\(AddCommandTests.today) in UTC+14, where the day comes first): a date to come is a mistake
                  source "later-3": published 3003, after today (\(AddCommandTests.today) in UTC+14, where the day comes first): a date to come is a mistake

                """), "\(many.standardError)")
        // The claim that starts after its only source was public is check's to find, in one pass.
        #expect(!many.standardError.contains("\"late\""))
        #expect(try cli.run(["check"]).standardOutput.contains("claim \"late\": starts 2023, after every source"))
    }

    @Test("claims lists claims with status, best grade and who says them; filters narrow it")
    func claims() throws {
        let cli = try importedStore()
        let all = try cli.run(["claims"])
        #expect(all.status == 0)
        #expect(all.standardOutput.contains("SAID BY (STANCE GRADE)"))
        #expect(all.standardOutput.contains("article (asserts F2)"))
        #expect(!all.standardError.contains("note:"))
        let reliable = try cli.run(["claims", "--min-reliability", "C"])
        #expect(!reliable.standardOutput.contains("hamas-praised-attack"))
        #expect(reliable.standardOutput.contains("isis-claimed-attack"))
        // Weighed on the citations kept: said, so that the line is not read as the claim's whole weight.
        #expect(
            reliable.standardError.hasSuffix(
                "isnad: note: status, grade and channels weigh only the citations the filters keep; unfiltered, a claim may read otherwise (isnad show, isnad source)\n"
            ), "\(reliable.standardError)")
        let bySubject = try cli.run(["claims", "--subject", "داعش"])
        #expect(!bySubject.standardError.contains("note:"))
        #expect(bySubject.standardOutput.contains("isis-claimed-attack"))
        #expect(!bySubject.standardOutput.contains("hamas-praised-attack"))
    }

    @Test("stats counts by type, grade and status")
    func stats() throws {
        let cli = try importedStore()
        let result = try cli.run(["stats"])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("3 entities, 2 sources, 2 claims, 2 citations"))
        #expect(result.standardOutput.contains("F reliability cannot be judged"))
        let json = try cli.run(["stats", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: json.outputBytes) as? [String: Any]
        #expect((object?["claims"] as? [String: Any])?["total"] as? Int == 2)
        #expect(object?["retracted"] as? [String: Int] == ["claims": 0, "citations": 0])
        // What is retracted is left out of the counts, and said so.
        let claim = try #require(
            try cli.run(["claims", "--format", "csv"]).standardOutput.split(separator: "\r\n").dropFirst().first?
                .split(separator: ",").first)
        #expect(try cli.run(["retract", String(claim), "--reason", "misread"]).status == 0)
        let after = try cli.run(["stats"])
        #expect(
            after.standardOutput.hasPrefix(
                "3 entities, 2 sources, 1 claim, 1 citation (left out, retracted: 1 claim, 0 citations)\n"))
        let afterJSON =
            try JSONSerialization.jsonObject(with: try cli.run(["stats", "--format", "json"]).outputBytes) as? [String: Any]
        #expect(afterJSON?["retracted"] as? [String: Int] == ["claims": 1, "citations": 0])
    }

    @Test("export jsonl -o writes the file whole, and export → import → export is byte-identical")
    func exportRoundTrip() throws {
        let cli = try importedStore()
        #expect(try cli.run(["export", "jsonl", "-o", "first.jsonl"]).status == 0)
        #expect(try cli.run(["--db", "copy.db", "import", "first.jsonl"]).status == 0)
        #expect(try cli.run(["--db", "copy.db", "export", "jsonl", "-o", "second.jsonl"]).status == 0)
        #expect(try cli.read("first.jsonl") == cli.read("second.jsonl"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).filter { $0.contains("partial") }
        #expect(leftovers.isEmpty)
    }

    @Test(
        "usage errors exit 64 with the reason and a pointer to help",
        arguments: [
            (["shwo", "hamas"], "unknown command \"shwo\" (did you mean \"show\"?)"),
            (["show"], "missing <entity>"),
            (["show", "hamas", "--formt", "json"], "unknown option '--formt' (did you mean '--format'?)"),
            (["show", "hamas", "--format", "xml"], "--format: \"xml\" is not one of table, list, json, csv, cite"),
            (["claims", "--min-reliability", "Z"], "--min-reliability: expected a grade from A to F"),
            (["claims", "--predicate", "praisd"], "unknown predicate \"praisd\" (did you mean \"praised\"?)"),
            (["claims", "--as-of", "2014-13"], "--as-of: \"2014-13\" is not a valid date"),
            (["export", "pdf"], "unknown export format \"pdf\""),
            (["import"], "missing <file>"),
            (["show", "a", "b"], "unexpected argument 'b'"),
        ])
    func usageErrors(_ arguments: [String], _ message: String) throws {
        let cli = try importedStore()
        let result = try cli.run(arguments)
        #expect(result.status == 64, "\(arguments): \(result.standardError)")
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(result.standardError.contains("--help") || result.standardError.contains("isnad help"))
    }

    @Test("every command has help with examples")
    func help() throws {
        let cli = try CLIHarness.scoped
        for command in ["init", "import", "export", "show", "claims", "stats", "predicates", "help"] {
            let result = try cli.run([command, "--help"])
            #expect(result.status == 0)
            #expect(result.standardOutput.contains("USAGE: isnad \(command)"))
            #expect(result.standardOutput.contains("EXAMPLES:"))
        }
        #expect(try cli.run(["help", "evidence"]).standardOutput.contains("DISPUTED   some citation denies it"))
    }

    @Test("names that carry terminal control characters cannot move the cursor in a table")
    func terminalSafety() throws {
        let cli = try importedStore()
        try cli.write(
            "hostile.jsonl",
            #"{"record":"entity","id":"evil","type":"person","name":"Evil\u009b2J\u202eName"}"# + "\n"
                + #"{"record":"claim","subject":"evil","predicate":"praised","object":"hamas","citations":[{"source":"police","quote":"x\u009b31m","stance":"asserts","credibility":2}]}"#
                + "\n")
        #expect(try cli.run(["import", "hostile.jsonl"]).status == 0)
        for arguments in [["show", "evil"], ["claims"], ["show", "hamas"]] {
            let output = try cli.run(arguments).standardOutput
            #expect(
                !output.unicodeScalars.contains { $0.value == 0x9B || $0.value == 0x1B || $0.value == 0x202E }, "\(arguments)")
            #expect(output.contains(#"\u{9B}"#))
        }
    }

    @Test(
        "a store another tool left in a rollback journal is back in WAL after the next write",
        .enabled(if: ExternalTool.path("sqlite3") != nil, "needs the sqlite3 shell (apt: sqlite3) to change the journal"))
    func journalModeRestored() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let sqlite3 = try #require(ExternalTool.path("sqlite3"))
        let store = cli.path("isnad.db")
        #expect(try ExternalTool.run(sqlite3, [store, "PRAGMA journal_mode = DELETE"]).standardOutput == "delete\n")
        #expect(try cli.run(["stats"]).status == 0)
        #expect(try ExternalTool.run(sqlite3, [store, "PRAGMA journal_mode"]).standardOutput == "delete\n")
        #expect(try cli.run(["add", "entity", "--type", "person", "--name", "Back In WAL"]).status == 0)
        #expect(try ExternalTool.run(sqlite3, [store, "PRAGMA journal_mode"]).standardOutput == "wal\n")
    }

    /// Another program (the sqlite3 shell) holding the store's write lock for as long as its
    /// input stays open: write `ROLLBACK;` to it, or close it, to let go.
    static func holdWriteLock(of cli: CLIHarness) throws -> (Process, Pipe) {
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: try #require(ExternalTool.path("sqlite3")))
        holder.arguments = [cli.path("isnad.db")]
        let commands = Pipe()
        holder.standardInput = commands
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        commands.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\nSELECT 1;\n".utf8))
        usleep(300_000)
        return (holder, commands)
    }

    @Test(
        "a writer queued behind another says so at once, not after the busy timeout, then writes",
        .enabled(if: ExternalTool.path("sqlite3") != nil, "needs the sqlite3 shell (apt: sqlite3) to hold the write lock"))
    func waitingWriterSaysSo() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let (holder, commands) = try Self.holdWriteLock(of: cli)
        let writer = cli.process(["add", "entity", "--type", "person", "--name", "Queued Writer"])
        let errors = try cli.write("writer.err", "")
        writer.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        try writer.run()
        let deadline = Date().addingTimeInterval(5)
        var said = ""
        while Date() < deadline, !said.contains("waiting") {
            usleep(50_000)
            said = String(decoding: try cli.read("writer.err"), as: UTF8.self)
        }
        #expect(said == "waiting for another program or process to finish writing to isnad.db…\n")
        #expect(writer.isRunning)
        commands.fileHandleForWriting.write(Data("ROLLBACK;\n".utf8))
        try commands.fileHandleForWriting.close()
        holder.waitUntilExit()
        writer.waitUntilExit()
        #expect(writer.terminationStatus == 0)
        #expect(try cli.run(["search", "Queued Writer"]).status == 0)
    }

    @Test(
        "--wait gives up on a write lock another program keeps (exit 75, nothing written), before or after the command",
        .enabled(if: ExternalTool.path("sqlite3") != nil, "needs the sqlite3 shell (apt: sqlite3) to hold the write lock"))
    func writeGivesUpAfterWait() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let (holder, commands) = try Self.holdWriteLock(of: cli)
        defer {
            try? commands.fileHandleForWriting.close()
            holder.waitUntilExit()
        }
        let atOnce = try cli.run(["--wait", "0", "add", "entity", "--type", "person", "--name", "Queued Writer"])
        #expect(atOnce.status == 75)
        #expect(
            atOnce.standardError
                == "isnad: isnad.db: another program or process held the store's write lock (--wait 0): nothing was written; run it again\n"
        )
        let started = Date()
        let later = try cli.run(["import", "records.jsonl", "--wait=2"])
        #expect(Date().timeIntervalSince(started) >= 2)
        #expect(later.status == 75)
        #expect(
            later.standardError
                == "waiting for another program or process to finish writing to isnad.db…\nisnad: isnad.db: another program or process held the store's write lock for more than 2 s (--wait 2): nothing was written; run it again\n"
        )
        // A query does not wait for a writer's lock, whatever --wait says.
        #expect(try cli.run(["--wait", "0", "search", "Hamas"]).status == 0)
        commands.fileHandleForWriting.write(Data("ROLLBACK;\n".utf8))
        usleep(200_000)
        #expect(try cli.run(["add", "entity", "--type", "person", "--name", "Queued Writer", "--wait", "0"]).status == 0)
    }
}
