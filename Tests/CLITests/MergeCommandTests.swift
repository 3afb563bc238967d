import Foundation
import TestHelpers
import Testing

/// `isnad merge`, `unmerge` and `duplicates`, run as the built binary.
@Suite("merge, unmerge and duplicates end to end", .temporaryStore)
struct MergeCommandTests {
    /// The core records, plus "Daesh", a duplicate of isis with one claim of its own and one that
    /// is the same as one of isis's (same predicate, ends and dates).
    static let records =
        CoreCommandTests.records
            + """
            {"record":"entity","id":"daesh","type":"organization","name":"Daesh","aliases":[{"name":"داعش","lang":"ar"}]}
            {"record":"claim","id":"daesh-praised-attack","subject":"daesh","predicate":"praised","object":"hadera-attack","start":"2022-03-27","end":null,"citations":[{"source":"article","quote":"مدح","stance":"asserts","credibility":3}]}
            {"record":"claim","id":"daesh-claimed-attack","subject":"daesh","predicate":"claimed_responsibility_for","object":"hadera-attack","start":"2022-03-27","end":null,"citations":[{"source":"article","quote":"تبنى","stance":"reports","credibility":4}]}

            """

    private func importedStore() throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", MergeCommandTests.records)
        let result = try cli.run(["import", "records.jsonl"])
        #expect(result.status == 0, "\(result.standardError)")
        return cli
    }

    @Test(
        "merge keeps a merged entity's name as an alias marked with the language its script tells: Arabic, Persian, Hebrew, else English"
    )
    func mergedNameLanguage() throws {
        let cli = try importedStore()
        for (id, name) in [("fa-name", "داعش پاکستان"), ("he-name", "דאעש"), ("ar-name", "الدولة"), ("en-name", "IS")] {
            #expect(try cli.run(["add", "entity", "--type", "organization", "--id", id, "--name", name]).status == 0)
        }
        #expect(try cli.run(["merge", "isis", "fa-name", "he-name", "ar-name", "en-name"]).status == 0)
        let isis =
            try cli.run(["export", "jsonl"]).standardOutput.split(separator: "\n").first { $0.contains(#""id":"isis""#) } ?? ""
        for alias in [
            #"{"name":"داعش پاکستان","lang":"fa"}"#, #"{"name":"דאעש","lang":"he"}"#, #"{"name":"الدولة","lang":"ar"}"#,
            #"{"name":"IS","lang":"en"}"#,
        ] {
            #expect(isis.contains(alias), "\(alias): \(isis)")
        }
    }

    @Test("merge keeps every spelling of the other's names that the kept entity lacks, though search folds them together")
    func mergeKeepsSpellings() throws {
        let cli = try CLIHarness.scoped
        #expect(try cli.run(["init"]).status == 0)
        #expect(
            try cli.run(["add", "entity", "--type", "person", "--name", "Khalid Haddad", "--alias", "ar:خالد حداد"]).status == 0)
        #expect(
            try cli.run([
                "add", "entity", "--id", "dup1", "--type", "person", "--name", "خالد الحداد", "--alias", "en:Khaled al-Haddad",
                "--alias", "en:KHALID  HADDAD",
            ]).status == 0)
        #expect(try cli.run(["merge", "khalid-haddad", "dup1"]).status == 0)
        let kept =
            try cli.run(["export", "jsonl"]).standardOutput.split(separator: "\n").first { $0.contains(#""id":"khalid-haddad""#) }
            ?? ""
        #expect(
            kept.contains(
                #""aliases":[{"name":"خالد حداد","lang":"ar"},{"name":"خالد الحداد","lang":"ar"},{"name":"Khaled al-Haddad","lang":"en"}]"#
            ), "\(kept)")
    }

    @Test(
        "merge takes no part of a name for the whole (State of Islamic State), and lists what it is part of; search finds a merged id's entity"
    )
    func mergeRefusesPartOfAName() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let refused = try cli.run(["merge", "State", "daesh"])
        #expect(refused.status == 65, "\(refused.standardError)")
        #expect(
            refused.standardError.hasPrefix(
                "isnad: \"State\" is only part of the name of an entity: a command that writes takes an entity by its id or its whole name:\n  isis"
            ), "\(refused.standardError)")
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        // A query takes it, and says how.
        let shown = try cli.run(["show", "State"])
        #expect(shown.status == 0)
        #expect(shown.standardError == "isnad: \"State\" taken as Islamic State (isis)\n")
        #expect(try cli.run(["merge", "isis", "daesh"]).status == 0)
        // set, edit and delete take ids: the merged one is said as such, not offered as a misspelling.
        for command in [["set", "daesh", "description", "x"], ["delete", "daesh"]] {
            let merged = try cli.run(command)
            #expect(merged.status == 65, "\(merged.standardError)")
            #expect(
                merged.standardError
                    == "isnad: entity \"daesh\" was merged into isis: name isis to change the entity kept (isnad unmerge daesh takes the merge apart)\n",
                "\(merged.standardError)")
        }
        let found = try cli.run(["search", "daesh", "--format", "csv"])
        #expect(
            found.standardOutput.hasPrefix(
                "id,name,type,matched_name,match,similarity,claims\r\nisis,Islamic State,organization,daesh,id,1.00,"),
            "\(found.standardOutput)")
    }

    @Test("a name borne by more than twenty entities is a common name: its entities are not paired, and the name is said")
    func commonNames() throws {
        let cli = try CLIHarness.scoped
        let namesakes = (0..<50).map { number in
            #"{"record":"entity","id":"ma-\#(number)","type":"person","name":"\#(number % 2 == 0 ? "Muhammad Ali" : "محمد علي")"}"#
        }
        let pair = [
            #"{"record":"entity","id":"abu-obeida-1","type":"person","name":"Abu Obeida"}"#,
            #"{"record":"entity","id":"abu-obeida-2","type":"person","name":"Abou Obeida"}"#,
        ]
        try cli.write("records.jsonl", (namesakes + pair).joined(separator: "\n") + "\n")
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let result = try cli.run(["duplicates", "--format", "csv"])
        #expect(result.status == 0, "\(result.standardError)")
        let rows = result.standardOutput.split(separator: "\r\n")
        #expect(rows.count == 2, "\(result.standardOutput)")
        #expect(rows.last?.hasPrefix("abu-obeida-1,abu-obeida-2,") == true)
        #expect(
            result.standardError.contains(
                "isnad: 2 names are borne by more than 20 entities each, whose entities are not paired (Muhammad Ali: 25; محمد علي: 25): a common name"
            ), "\(result.standardError)")
        // check applies the same rule: the 50 namesakes are not a finding, a pair of twins is.
        try cli.write(
            "twins.jsonl",
            #"{"record":"entity","id":"twin-1","type":"person","name":"Twin"}"# + "\n"
                + #"{"record":"entity","id":"twin-2","type":"person","name":"TWIN"}"# + "\n")
        #expect(try cli.run(["import", "twins.jsonl"]).status == 0)
        let check = try cli.run(["check"])
        #expect(check.standardOutput.contains(#"entities "twin-1", "twin-2""#), "\(check.standardOutput)")
        #expect(!check.standardOutput.contains("ma-0"), "\(check.standardOutput)")
        // It says what it passed over, as duplicates does: a check that is silent on it reads as none.
        #expect(
            check.standardOutput.contains(
                "       (2 names borne by more than 20 entities each passed over: a common name, not one actor twice; isnad duplicates names them)\n"
            ), "\(check.standardOutput)")
    }

    @Test("duplicates lists the pair with the shared name, and a score")
    func duplicates() throws {
        let cli = try importedStore()
        let result = try cli.run(["duplicates", "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains(#"daesh,isis,0.95,"same name ""داعش""""#))
        // JSON Lines of its own, the score a number: not records, and its help says so.
        let json = try cli.run(["duplicates", "--format", "json"])
        #expect(json.status == 0)
        let line = try #require(json.standardOutput.split(separator: "\n").first)
        let pair = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(pair["first"] as? String == "daesh" && pair["second"] as? String == "isis")
        #expect(pair["score"] as? Double == 0.95)
        let help = try cli.run(["duplicates", "--help"])
        #expect(help.standardOutput.contains("not records") && !help.standardOutput.contains("importable"))
    }

    @Test("duplicates pairs one actor entered in each script, by the consonants of its names")
    func duplicatesAcrossScripts() throws {
        let cli = try CLIHarness.scoped
        #expect(try cli.run(["init"]).status == 0)
        for name in ["سرايا القدس", "Saraya al-Quds", "Hamas", "موسى"] {
            let added = try cli.run(["add", "entity", "--type", "organization", "--name", name])
            #expect(added.status == 0, "\(added.standardError)")
        }
        let result = try cli.run(["duplicates", "--format", "csv"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(whereSeparator: \.isNewline)
        #expect(lines.count == 2, "\(result.standardOutput)")
        #expect(
            lines.last == #"saraya-al-quds,sraya-alqds,0.75,"written in two scripts: ""سرايا القدس"" and ""Saraya al-Quds""""#)
    }

    @Test("duplicates by shared neighbours: one type, a hub's links left out of the count, the pair named in id order")
    func sharedNeighbours() throws {
        let cli = try CLIHarness.scoped
        var lines = [#"{"record":"source","id":"s","type":"news-article","title":"s","reliability":"C"}"#]
        func entity(_ id: String, _ type: String) {
            lines.append(#"{"record":"entity","id":"\#(id)","type":"\#(type)","name":"\#(id)"}"#)
        }
        func claim(_ subject: String, _ object: String) {
            lines.append(
                #"{"record":"claim","id":"\#(subject)-in-\#(object)","subject":"\#(subject)","predicate":"located_in","object":"\#(object)","citations":[{"source":"s","quote":"q","stance":"asserts","credibility":3}]}"#
            )
        }
        // Met in this order, named the other way: the pair is still written "a-twin,b-twin".
        for (id, type) in [("b-twin", "person"), ("a-twin", "person"), ("c-other", "organization"), ("hub", "place")] {
            entity(id, type)
        }
        for place in ["p1", "p2", "p3"] {
            entity(place, "place")
            for twin in ["b-twin", "a-twin", "c-other"] { claim(twin, place) }
        }
        claim("a-twin", "hub")
        claim("b-twin", "hub")
        // 201 more in the hub, each with a place of its own: the hub links too many to say anything.
        for filler in 0..<201 {
            entity("filler-\(filler)", "person")
            entity("place-\(filler)", "place")
            claim("filler-\(filler)", "hub")
            claim("filler-\(filler)", "place-\(filler)")
        }
        try cli.write("records.jsonl", lines.joined(separator: "\n") + "\n")
        let imported = try cli.run(["import", "records.jsonl"])
        #expect(imported.status == 0, "\(imported.standardError)")
        let result = try cli.run(["duplicates", "--format", "csv"])
        #expect(result.status == 0, "\(result.standardError)")
        // The twins: three shared places of four neighbours (the hub among them, not counted as
        // shared); the places share the twins and c-other, which is paired with neither twin.
        #expect(
            result.standardOutput == """
                first,second,score,reason\r
                p1,p2,0.80,3 shared links of 3\r
                p1,p3,0.80,3 shared links of 3\r
                p2,p3,0.80,3 shared links of 3\r
                a-twin,b-twin,0.60,3 shared links of 4\r

                """)
    }

    @Test(
        "duplicates count shared neighbours in their roles: two gunmen killed by the police pair, a gunman and the officer he killed do not; close spellings pair"
    )
    func sharedRoles() throws {
        let cli = try CLIHarness.scoped
        var lines = [
            #"{"record":"source","id":"s","type":"news-article","title":"s","reliability":"C"}"#,
            #"{"record":"entity","id":"attack","type":"event","name":"Attack"}"#,
            #"{"record":"entity","id":"police","type":"organization","name":"Police"}"#,
        ]
        for (id, name) in [
            ("gunman-a", "First gunman"), ("gunman-b", "Second gunman"), ("officer", "Officer"),
            ("haniya", "Ismail Haniya"), ("haniye", "Ismaïl Haniyé"), ("mahmoud", "Mahmoud Abbas"),
            ("mohammed", "Mohammed Abbas"), ("samir", "Samir Haddad"), ("samira", "Samira Haddad"), ("mary", "Mary Jonesy"),
            ("mark", "Mark Jonesy"),
        ] {
            lines.append(#"{"record":"entity","id":"\#(id)","type":"person","name":"\#(name)"}"#)
        }
        for (subject, predicate, object) in [
            ("gunman-a", "killed_in", "attack"), ("gunman-b", "killed_in", "attack"), ("officer", "killed_in", "attack"),
            ("police", "killed", "gunman-a"), ("police", "killed", "gunman-b"), ("officer", "member_of", "police"),
        ] {
            lines.append(
                #"{"record":"claim","subject":"\#(subject)","predicate":"\#(predicate)","object":"\#(object)","citations":[{"source":"s","quote":"q","stance":"asserts","credibility":3}]}"#
            )
        }
        try cli.write("records.jsonl", lines.joined(separator: "\n") + "\n")
        let imported = try cli.run(["import", "records.jsonl"])
        #expect(imported.status == 0, "\(imported.standardError)")
        let result = try cli.run(["duplicates", "--format", "csv"])
        let expected = [
            "first,second,score,reason", "gunman-a,gunman-b,0.80,2 shared links of 2",
            #"haniya,haniye,0.70,"close spellings ""Ismail Haniya"" and ""Ismaïl Haniyé""""#,
        ]
        #expect(result.standardOutput == expected.map { $0 + "\r\n" }.joined(), "\(result.standardOutput)")
    }

    @Test(
        "duplicates pairs one person as French and English sources spell him (Ag Ghaly, ag Ghali; Okacha, Okasha), not other names; add entity notes the twin"
    )
    func frenchAndEnglishSpellings() throws {
        let cli = try CLIHarness.scoped
        var lines: [String] = []
        for (id, name) in [
            ("iyad-ag-ghaly", "Iyad Ag Ghaly"), ("iyad-ag-ghali", "Iyad ag Ghali"), ("djamel-okacha", "Djamel Okacha"),
            ("jamal-okasha", "Jamal Okasha"), ("yahia-djouadi", "Yahia Djouadi"), ("yahya-jawadi", "Yahya Jawadi"),
            ("abou-zeid", "Abou Zeid"), ("abu-zayd", "Abu Zayd"), ("ali-maychou", "Ali Maychou"), ("ali-mayshu", "Ali Mayshu"),
            ("ali-hamid", "Ali Hamid"), ("ali-hamad", "Ali Hamad"), ("samir", "Samir Haddad"), ("samira", "Samira Haddad"),
            // Said (Saïd) and Sid, Saïdi and Sidi (an honorific) are other names: not written alike.
            ("said-ali", "Said Ali"), ("sid-ali", "Sid Ali"), ("saidi-mohamed", "Saïdi Mohamed"),
            ("sidi-mohamed", "Sidi Mohamed"),
        ] {
            lines.append(#"{"record":"entity","id":"\#(id)","type":"person","name":"\#(name)"}"#)
        }
        // The same spellings for two types are two actors.
        lines.append(#"{"record":"entity","id":"abou-zeid-place","type":"place","name":"Abou Zeid"}"#)
        try cli.write("records.jsonl", lines.joined(separator: "\n") + "\n")
        let imported = try cli.run(["import", "records.jsonl"])
        #expect(imported.status == 0, "\(imported.standardError)")
        let result = try cli.run(["duplicates", "--format", "csv"])
        let expected = [
            "first,second,score,reason",
            #"abou-zeid,abu-zayd,0.80,"transliterated two ways ""Abou Zeid"" and ""Abu Zayd""""#,
            #"ali-maychou,ali-mayshu,0.80,"transliterated two ways ""Ali Maychou"" and ""Ali Mayshu""""#,
            #"iyad-ag-ghali,iyad-ag-ghaly,0.80,"transliterated two ways ""Iyad ag Ghali"" and ""Iyad Ag Ghaly""""#,
            #"yahia-djouadi,yahya-jawadi,0.80,"transliterated two ways ""Yahia Djouadi"" and ""Yahya Jawadi""""#,
            #"djamel-okacha,jamal-okasha,0.70,"close spellings ""Djamel Okacha"" and ""Jamal Okasha""""#,
            #"saidi-mohamed,sidi-mohamed,0.70,"close spellings ""Saïdi Mohamed"" and ""Sidi Mohamed""""#,
        ]
        #expect(result.standardOutput == expected.map { $0 + "\r\n" }.joined(), "\(result.standardOutput)")
        let added = try cli.run(["add", "entity", "--type", "person", "--name", "Iyad Ag Ghali", "--id", "iyad"])
        #expect(added.status == 0, "\(added.standardError)")
        #expect(
            added.standardError.contains(
                #"note: "Iyad Ag Ghali" is a close spelling of Iyad Ag Ghaly (iyad-ag-ghaly): if they are one actor, isnad merge iyad-ag-ghaly iyad"#
            ), "\(added.standardError)")
    }

    @Test("merge moves names and claims, combines identical claims, and the old id keeps resolving; undo restores the store")
    func mergeAndUndo() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let merge = try cli.run(["merge", "Islamic State", "daesh"])
        #expect(merge.status == 0, "\(merge.standardError)")
        #expect(
            merge.standardError
                == "merged \"daesh\" into \"isis\": 1 claim moved, 1 combined with identical claims (history entry 2)\n")
        let export = try cli.run(["export", "jsonl"]).standardOutput
        #expect(!export.contains(#""id":"daesh","#))
        #expect(export.contains(#"{"name":"Daesh","lang":"en"}],"merged":["daesh"]}"#))
        #expect(export.contains(#""id":"daesh-praised-attack","subject":"isis""#))
        #expect(!export.contains(#""id":"daesh-claimed-attack""#))
        #expect(export.contains(#""quote":"تبنى","stance":"reports","credibility":4}"#))
        #expect(try cli.run(["show", "daesh"]).standardOutput.hasPrefix("Islamic State (isis)"))
        #expect(try cli.run(["undo"]).status == 0)
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }

    @Test(
        "a retracted claim is combined with its twin as a standing one is, its citations joining retracted; restore refuses a claim whose twin stands"
    )
    func retractedClaimCombined() throws {
        let cli = try importedStore()
        let original = try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes
        #expect(try cli.run(["retract", "daesh-claimed-attack", "--reason", "misattributed"]).status == 0)
        let merged = try cli.run(["merge", "isis", "daesh"])
        #expect(merged.status == 0, "\(merged.standardError)")
        #expect(merged.standardError.contains("1 claim moved, 1 combined"), "\(merged.standardError)")
        let export = try cli.run(["export", "jsonl", "--include-retracted"]).standardOutput
        #expect(!export.contains(#""id":"daesh-claimed-attack""#))
        let twin = export.split(separator: "\n").first { $0.contains(#""id":"isis-claimed-attack""#) } ?? ""
        #expect(twin.contains(#""quote":"تبنى","stance":"reports","credibility":4,"retracted":"misattributed"}"#), "\(twin)")
        #expect(try cli.run(["check"]).status == 0)
        // The retraction is where it belongs: on the citation, which restore brings back to the one claim.
        #expect(try cli.run(["restore", "isis-claimed-attack", "--citation", "2"]).status == 0)
        let listed = try cli.run(["claims", "--subject", "isis", "--format", "csv"]).standardOutput
        #expect(listed.contains("\nisis-claimed-attack,") && !listed.contains("daesh-claimed-attack"), "\(listed)")
        #expect(try cli.run(["undo"]).status == 0)
        #expect(try cli.run(["undo"]).status == 0)
        #expect(try cli.run(["undo"]).status == 0)
        #expect(try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes == original)
        // Both retracted, the merge moves the one beside the other; restored, only one may stand.
        #expect(try cli.run(["retract", "daesh-claimed-attack", "--reason", "misattributed"]).status == 0)
        #expect(try cli.run(["retract", "isis-claimed-attack", "--reason", "wrong group"]).status == 0)
        #expect(try cli.run(["merge", "isis", "daesh"]).status == 0)
        #expect(try cli.run(["restore", "isis-claimed-attack"]).status == 0)
        let refused = try cli.run(["restore", "daesh-claimed-attack"])
        #expect(refused.status == 65)
        #expect(
            refused.standardError
                == "isnad: claim \"daesh-claimed-attack\" cannot be restored: claim \"isis-claimed-attack\" stands, stating the same with the same dates, and one relationship is one claim; give its citations to \"isis-claimed-attack\" (isnad edit isis-claimed-attack), or retract that one first\n"
        )
    }

    @Test("a merge that would join a citation standing on one claim with the same citation retracted on the other is refused")
    func retractedTwin() throws {
        let cli = try importedStore()
        // isis's claim of the attack gets daesh's citation, then has it retracted.
        try cli.write(
            "more.jsonl",
            #"{"record":"claim","id":"isis-claimed-attack","subject":"isis","predicate":"claimed_responsibility_for","object":"hadera-attack","start":"2022-03-27","end":null,"citations":[{"source":"article","quote":"تبنى","stance":"reports","credibility":4}]}"#
                + "\n")
        #expect(try cli.run(["import", "more.jsonl"]).status == 0)
        #expect(try cli.run(["retract", "isis-claimed-attack", "--citation", "2", "--reason", "misread"]).status == 0)
        let before = try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes
        let merge = try cli.run(["merge", "isis", "daesh"])
        #expect(merge.status == 65)
        #expect(
            merge.standardError
                == "isnad: merged, claims \"isis-claimed-attack\" and \"daesh-claimed-attack\" become one, and citation 2 of \"isis-claimed-attack\" is retracted where \"daesh-claimed-attack\" has it standing: isnad restore isis-claimed-attack --citation 2, or retract it on \"daesh-claimed-attack\", first\n"
        )
        #expect(try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes == before)
        #expect(try cli.run(["restore", "isis-claimed-attack", "--citation", "2"]).status == 0)
        #expect(try cli.run(["merge", "isis", "daesh"]).status == 0)
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test("a merge that would join one passage given with two stances (or grades) is refused, naming both citations")
    func differingTwin() throws {
        let cli = try importedStore()
        // isis's claim of the attack holds daesh's citation as a denial, graded otherwise.
        try cli.write(
            "more.jsonl",
            #"{"record":"claim","id":"isis-claimed-attack","subject":"isis","predicate":"claimed_responsibility_for","object":"hadera-attack","start":"2022-03-27","end":null,"citations":[{"source":"article","quote":"تبنى","stance":"denies","credibility":3}]}"#
                + "\n")
        #expect(try cli.run(["import", "more.jsonl"]).status == 0)
        let before = try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes
        let merge = try cli.run(["merge", "isis", "daesh"])
        #expect(merge.status == 65)
        #expect(
            merge.standardError
                == "isnad: merged, claims \"daesh-claimed-attack\" and \"isis-claimed-attack\" become one, and citation 1 of \"daesh-claimed-attack\" is citation 2 of \"isis-claimed-attack\" (the same source, via and quote) with another stance, credibility, translation or locator: make them agree (isnad edit daesh-claimed-attack or isnad edit isis-claimed-attack), or retract the citation on both, first\n"
        )
        #expect(try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes == before)
        #expect(try cli.run(["set", "isis-claimed-attack", "citations[1].stance", "reports"]).status == 0)
        #expect(try cli.run(["merge", "isis", "daesh"]).status == 65)  // the grade still differs
        #expect(try cli.run(["set", "isis-claimed-attack", "citations[1].credibility", "4"]).status == 0)
        #expect(try cli.run(["merge", "isis", "daesh"]).status == 0)
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test("a symmetric claim stored the other way round is the same relationship to merge: its citations join, no second claim")
    func symmetricTwin() throws {
        let cli = try importedStore()
        let citation = #"[{"source":"article","quote":"تبنى","stance":"reports","credibility":4}]"#
        try cli.write(
            "linked.jsonl",
            #"{"record":"claim","id":"hamas-linked-to-isis","subject":"hamas","predicate":"linked_to","object":"isis","start":null,"end":null,"citations":\#(citation)}"#
                + "\n"
                + #"{"record":"claim","id":"daesh-linked-to-hamas","subject":"daesh","predicate":"linked_to","object":"hamas","start":null,"end":null,"citations":[{"source":"police","quote":"praised it","stance":"denies","credibility":3}]}"#
                + "\n")
        #expect(try cli.run(["import", "linked.jsonl"]).status == 0)
        let merge = try cli.run(["merge", "isis", "daesh"])
        #expect(merge.status == 0, "\(merge.standardError)")
        #expect(merge.standardError.contains("2 combined with identical claims"), "\(merge.standardError)")
        let claims = try cli.run(["claims", "--predicate", "linked_to", "--format", "csv"]).standardOutput
        #expect(claims.split(separator: "\r\n").dropFirst().allSatisfy { $0.hasPrefix("hamas-linked-to-isis,") }, "\(claims)")
        #expect(claims.contains(",disputed,"))
        // The claim combined away: named by the change that took it, not offered one spelt alike.
        let log = try cli.run(["log", "daesh-linked-to-hamas"]).standardOutput
        #expect(
            log.contains("\n  removed claim \"daesh-linked-to-hamas\" · combined with the same claim of \"isis\"\n"), "\(log)")
        for command in [["retract", "daesh-linked-to-hamas", "--reason", "x"], ["set", "daesh-linked-to-hamas", "notes", "x"]] {
            let refused = try cli.run(command)
            #expect(refused.status == 65)
            #expect(
                refused.standardError.hasPrefix(
                    "isnad: claim \"daesh-linked-to-hamas\" is no longer in the store: history entry 3 (isnad merge isis daesh) combined it with the same claim of the entity kept; isnad log daesh-linked-to-hamas shows it"
                ), "\(refused.standardError)")
        }
    }

    @Test("show and log mark a merge: on the kept entity, on the merged one's entry, and on the claims it moved")
    func marks() throws {
        let cli = try importedStore()
        #expect(try cli.run(["merge", "Islamic State", "daesh", "--author", "ana"]).status == 0)
        let show = try cli.run(["show", "isis"]).standardOutput
        #expect(show.contains("\n  merged into it: daesh (entry 2; isnad unmerge daesh takes it back)\n"))
        #expect(show.contains("\n  changed: entry 2 (isnad merge, ana, "))
        #expect(show.contains("[daesh-praised-attack]\n      changed: entry 2 (isnad merge, ana, "))
        let log = try cli.run(["log"]).standardOutput
        #expect(log.contains("\n  removed entity \"daesh\" · merged into \"isis\"\n"))
        #expect(log.contains("\n  changed entity \"isis\" · daesh merged into it\n"))
        // The keeper renamed, then the rename and the merge undone: the log tags what each entry
        // did, under the ids of its time.
        #expect(try cli.run(["rename", "isis", "islamic-state"]).status == 0)
        #expect(try cli.run(["undo"]).status == 0)
        #expect(try cli.run(["undo", "2"]).status == 0)
        let history = try cli.run(["log"]).standardOutput
        #expect(history.contains("\n  removed entity \"daesh\" · merged into \"isis\"\n"), "\(history)")
        #expect(history.contains("\n  added entity \"daesh\" · merge undone\n"), "\(history)")
        #expect(history.contains("\n  removed entity \"islamic-state\" · rename undone\n"), "\(history)")
        // Undone, the merge marks no merge in show: the records are as they were added, back
        // through the undo, which show names (an undo is a change too).
        let after = try cli.run(["show", "isis"]).standardOutput
        #expect(!after.contains("merged into it"), "\(after)")
        #expect(after.contains("\n  changed: entry 5 (isnad undo of entry 2, "), "\(after)")
    }

    @Test("an undone import that added an entity and changed another is no merge in the log")
    func undoneImportIsNoMerge() throws {
        let cli = try importedStore()
        try cli.write(
            "more.jsonl",
            """
            {"record":"entity","id":"newco","type":"organization","name":"Newco"}
            {"record":"entity","id":"daesh","type":"organization","name":"Daesh","aliases":[{"name":"داعش","lang":"ar"}],"description":"x"}

            """)
        #expect(try cli.run(["import", "more.jsonl"]).status == 0)
        #expect(try cli.run(["undo"]).status == 0)
        let log = try cli.run(["log"]).standardOutput
        #expect(log.contains("\n  removed entity \"newco\"\n"), "\(log)")
        #expect(!log.contains("merge"), "\(log)")
    }

    @Test("an import naming the merged id writes the kept entity, and skips the merged entity's record")
    func importAfterMerge() throws {
        let cli = try importedStore()
        #expect(try cli.run(["merge", "isis", "daesh"]).status == 0)
        let again = try cli.run(["import", "records.jsonl"])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(again.standardError.contains("1 record of merged entities skipped"))
        let export = try cli.run(["export", "jsonl"]).standardOutput
        #expect(!export.contains(#""id":"daesh","#))
        #expect(!export.contains(#""subject":"daesh""#))
        // daesh-claimed-attack was combined with isis-claimed-attack by the merge: given again
        // under its own id, its citation joins that claim instead of standing beside it.
        #expect(
            again.standardError.contains(
                "; 1 claim naming merged entities went to the same claims of the entities kept"), "\(again.standardError)")
        #expect(!export.contains(#""id":"daesh-claimed-attack""#))
        let claimed = try cli.run(["claims", "--subject", "isis", "--predicate", "claimed_responsibility_for", "--format", "csv"])
        let claimIDs = Set(claimed.standardOutput.split(separator: "\r\n").dropFirst().map { $0.prefix { $0 != "," } })
        #expect(claimIDs == ["isis-claimed-attack"], "\(claimed.standardOutput)")
        #expect(export.components(separatedBy: "تبنى").count == 2)  // its quote, once
    }

    @Test(
        "a record cannot merge a standing entity by listing its id: import and edit refuse it (65), and nothing changes",
        arguments: [
            (
                #"{"record":"entity","id":"isis","type":"organization","name":"Islamic State","merged":["hamas"]}"#,
                #"isnad: grab.jsonl:1: entity "isis": merged[0]: "hamas" is an entity that stands: only `isnad merge` merges one entity into another"#
            ),
            (
                #"{"record":"entity","id":"isis","type":"organization","name":"Islamic State","merged":["isis"]}"#,
                #"isnad: grab.jsonl:1: entity "isis": merged[0]: "isis" is this entity's own id"#
            ),
            (
                #"{"record":"entity","id":"hamas","type":"organization","name":"Hamas","merged":["daesh"]}"#,
                #"isnad: grab.jsonl:1: entity "hamas": merged[0]: "daesh" is merged into "isis" already"#
            ),
        ])
    func mergedIDsAreTheMergesOwn(record: String, message: String) throws {
        let cli = try importedStore()
        #expect(try cli.run(["merge", "isis", "daesh"]).status == 0)
        let before = try cli.run(["export", "jsonl"]).outputBytes
        try cli.write("grab.jsonl", record + "\n")
        let result = try cli.run(["import", "grab.jsonl"])
        #expect(result.status == 65)
        #expect(result.standardError.hasPrefix(message + "\n"), "\(result.standardError)")
        let edit = try cli.run(["edit", "isis"], environment: ["EDITOR": "sed -i s/daesh/hamas/"])
        #expect(edit.status == 65)
        #expect(edit.standardError.contains("merged: the ids merged into an entity change only by isnad merge and isnad unmerge"))
        let set = try cli.run(["set", "isis", "merged[0]", "hamas"])
        #expect(set.status == 65)
        #expect(
            set.standardError == "isnad: merged: the ids merged into an entity change only by isnad merge and isnad unmerge\n")
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }

    @Test("an import after a merge whose combined claim was retracted since leaves it retracted, not standing twice")
    func importAfterMergeAndRetraction() throws {
        let cli = try importedStore()
        #expect(try cli.run(["merge", "isis", "daesh"]).status == 0)
        #expect(try cli.run(["retract", "isis-claimed-attack", "--reason", "wrong group"]).status == 0)
        let again = try cli.run(["import", "records.jsonl"])
        #expect(again.status == 0, "\(again.standardError)")
        let claimed = try cli.run(["claims", "--subject", "isis", "--predicate", "claimed_responsibility_for"])
        #expect(!claimed.standardOutput.contains("claimed-attack"), "\(claimed.standardOutput)")
        let retracted = try cli.run(["export", "jsonl", "--include-retracted"]).standardOutput
        #expect(retracted.contains("تبنى"))  // daesh's citation joined the retracted claim
        #expect(!retracted.contains(#""id":"daesh-claimed-attack""#))
    }

    @Test("an entity and a record listing it as merged, in one import, are refused in either order (65)")
    func mergedAndMergingInOneImport() throws {
        let cli = try CLIHarness.scoped
        let keeper = #"{"record":"entity","id":"k","type":"person","name":"K","merged":["a"]}"#
        let merged = #"{"record":"entity","id":"a","type":"person","name":"A"}"#
        for (lines, message) in [
            (
                [keeper, merged],
                #"isnad: both.jsonl:2: entity "a": entity "k" lists it as merged at both.jsonl:1: an entity merged into another is gone from the store, and its record cannot come with the record that merged it"#
            ),
            (
                [merged, keeper],
                #"isnad: both.jsonl:2: entity "k": merged[0]: "a" is an entity that stands: only `isnad merge` merges one entity into another"#
            ),
        ] {
            try cli.write("both.jsonl", lines.joined(separator: "\n") + "\n")
            let result = try cli.run(["--db", "new.db", "import", "both.jsonl"])
            #expect(result.status == 65)
            #expect(result.standardError.hasPrefix(message + "\n"), "\(result.standardError)")
            #expect(!FileManager.default.fileExists(atPath: cli.path("new.db")))
        }
    }

    @Test("unmerge restores exactly, after later unrelated changes, which stay")
    func unmergeAfterLaterChanges() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).standardOutput
        #expect(try cli.run(["merge", "isis", "daesh"]).status == 0)
        #expect(try cli.run(["retract", "hamas-praised-attack", "--reason", "unrelated"]).status == 0)
        let unmerge = try cli.run(["unmerge", "daesh"])
        #expect(unmerge.status == 0, "\(unmerge.standardError)")
        #expect(unmerge.standardError.hasPrefix("unmerged \"daesh\" from \"isis\": took back entry 2"))
        let after = try cli.run(["export", "jsonl"]).standardOutput
        let expected = before.split(separator: "\n").filter { !$0.contains("hamas-praised-attack") }
        #expect(after.split(separator: "\n") == expected)
    }

    @Test(
        "a store made from records says its merges are not its own to unmerge, and the records export says what it left out"
    )
    func mergedBeforeTheHistory() throws {
        let cli = try importedStore()
        #expect(try cli.run(["merge", "isis", "daesh"]).status == 0)
        #expect(
            try cli.run(["show", "isis"]).standardOutput.contains(
                "merged into it: daesh (entry 2; isnad unmerge daesh takes it back)"))
        #expect(try cli.run(["retract", "hamas-praised-attack", "--reason", "a test"]).status == 0)
        let backup = try cli.run(["export", "jsonl", "-o", "backup.jsonl"])
        #expect(
            backup.standardError == "left out 1 retracted claim (--include-retracted writes them, marked, as a backup needs)\n",
            "\(backup.standardError)")
        #expect(try cli.run(["export", "jsonl", "--include-retracted"]).standardError.isEmpty)
        #expect(try cli.run(["--db", "restored.db", "import", "backup.jsonl"]).status == 0)
        #expect(
            try cli.run(["--db", "restored.db", "show", "isis"]).standardOutput.contains(
                "merged into it: daesh (before this store's history: unmerge cannot take it back here)"))
        let unmerge = try cli.run(["--db", "restored.db", "unmerge", "daesh"])
        #expect(unmerge.status == 65)
        #expect(
            unmerge.standardError.hasPrefix(
                "isnad: \"daesh\" was merged into \"isis\" before this store's history (its records came from a backup or an export"
            ),
            "\(unmerge.standardError)")
        #expect(try cli.run(["export", "history", "-o", "history.jsonl"]).status == 0)
        #expect(try cli.run(["--db", "travelled.db", "import", "backup.jsonl"]).status == 0)
        #expect(try cli.run(["--db", "travelled.db", "import", "--from", "history", "history.jsonl"]).status == 0)
        #expect(
            try cli.run(["--db", "travelled.db", "show", "isis"]).standardOutput.contains(
                "merged into it: daesh (entry 3, from another store's history: undo it there)"))
        let travelled = try cli.run(["--db", "travelled.db", "unmerge", "daesh"])
        #expect(travelled.status == 65)
        #expect(
            travelled.standardError.hasPrefix(
                "isnad: \"daesh\" was merged into \"isis\" by entry 3, which came from another store's history: unmerge cannot put it back here"
            ),
            "\(travelled.standardError)")
        // A merged id names the entity kept: add entity does not make another of that id.
        let add = try cli.run(["add", "entity", "--type", "organization", "--name", "Daesh Again", "--id", "daesh"])
        #expect(add.status == 65)
        #expect(
            add.standardError.hasPrefix("isnad: \"daesh\" is merged into \"isis\" and names it: give another --id"),
            "\(add.standardError)")
    }

    @Test("an entity deleted, then listed as merged by a record, is not offered an unmerge that would undo the delete")
    func deleteIsNoMerge() throws {
        let cli = try importedStore()
        #expect(try cli.run(["add", "entity", "--type", "organization", "--name", "Zed"]).status == 0)
        let delete = try cli.run(["delete", "zed"])
        #expect(delete.status == 0, "\(delete.standardError)")
        // Named afterwards, it is said to be deleted, by which entry; added again, it is new.
        let named = try cli.run(["set", "zed", "description", "x"])
        #expect(named.status == 65)
        #expect(
            named.standardError
                == "isnad: entity \"zed\" is no longer in the store: history entry 3 (isnad delete zed) removed it; isnad log zed shows it\n",
            "\(named.standardError)")
        try cli.write(
            "isis.jsonl",
            #"{"record":"entity","id":"isis","type":"organization","name":"Islamic State","aliases":[{"name":"داعش","lang":"ar"},{"name":"ISIS","lang":"en"}],"merged":["zed"]}"#
                + "\n")
        let imported = try cli.run(["import", "isis.jsonl"])
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(
            try cli.run(["show", "isis"]).standardOutput.contains(
                "merged into it: zed (before this store's history: unmerge cannot take it back here)"))
        #expect(try cli.run(["unmerge", "zed"]).status == 65)
        #expect(!(try cli.run(["check"]).standardOutput.contains("stands as an entity of its own")))
    }
    @Test("a merge into an entity that is merged on in turn comes back, one unmerge after the other")
    func unmergeAChain() throws {
        let cli = try importedStore()
        for name in ["Org Aa", "Org Bb", "Org Cc"] {
            #expect(try cli.run(["add", "entity", "--type", "organization", "--name", name]).status == 0)
        }
        let before = try cli.run(["export", "jsonl"]).outputBytes
        #expect(try cli.run(["merge", "org-aa", "org-bb"]).status == 0)
        let between = try cli.run(["export", "jsonl"]).outputBytes
        #expect(try cli.run(["merge", "org-cc", "org-aa"]).status == 0)
        let first = try cli.run(["unmerge", "org-aa"])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(try cli.run(["export", "jsonl"]).outputBytes == between)
        #expect(try cli.run(["unmerge", "org-bb"]).status == 0)
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }

    @Test("unmerge is refused while a later change touched a record the merge changed")
    func unmergeBlocked() throws {
        let cli = try importedStore()
        #expect(try cli.run(["merge", "isis", "daesh"]).status == 0)
        #expect(try cli.run(["retract", "daesh-praised-attack", "--reason", "later"]).status == 0)
        let result = try cli.run(["unmerge", "daesh"])
        #expect(result.status == 65)
        #expect(result.standardError.hasPrefix("isnad: cannot undo entry 2: entry 3 (isnad retract daesh-praised-attack"))
    }

    @Test("after a merge, unmerge suggests the ids merged, never the entity kept, which it cannot take")
    func unmergeSuggestsMergedIDs() throws {
        let cli = try importedStore()
        #expect(try cli.run(["merge", "isis", "daesh"]).status == 0)
        let mistyped = try cli.run(["unmerge", "daesz"])
        #expect(mistyped.status == 65)
        #expect(mistyped.standardError == "isnad: no entity \"daesz\", and no id merged into one (did you mean \"daesh\"?)\n")
        let misspeltKept = try cli.run(["unmerge", "isiss"])
        #expect(misspeltKept.standardError == "isnad: no entity \"isiss\", and no id merged into one\n")
        let kept = try cli.run(["unmerge", "isis"])
        #expect(kept.status == 65)
        #expect(
            kept.standardError
                == "isnad: \"isis\" is not merged into another entity (see isnad log isis): it is the entity kept by a merge; unmerge takes the id merged into it (isnad unmerge daesh)\n"
        )
        #expect(try cli.run(["unmerge", "daesh"]).status == 0)
    }

    @Test(
        "merge and unmerge refuse bad input, each with its own message",
        arguments: [
            (
                ["merge", "isis", "isis"], 65,
                "isnad: \"isis\" names Islamic State (isis), the entity it would be merged into: an entity cannot be merged into itself\n"
            ),
            (
                ["merge", "Islamic State", "ISIS"], 65,
                "isnad: \"ISIS\" names Islamic State (isis), the entity it would be merged into: an entity cannot be merged into itself\n"
            ),
            (
                ["merge", "isis", "hadera-attack"], 65,
                "isnad: cannot merge event \"hadera-attack\" into organization \"isis\": entities of different types are not one\n"
            ),
            (
                ["merge", "isis", "daesh", "daesh"], 64,
                "isnad: \"daesh\" is named twice: name each entity once\n(see 'isnad merge --help')\n"
            ),
            (["merge", "isis"], 64, nil),
            (["merge", "isis", "no-such-entity"], 65, nil),
            (["unmerge", "daesh"], 65, "isnad: \"daesh\" is not merged into another entity (see isnad log daesh)\n"),
            // daesh stands, merged into nothing: no id to suggest that unmerge would take.
            (["unmerge", "daesz"], 65, "isnad: no entity \"daesz\", and no id merged into one\n"),
        ] as [([String], Int32, String?)])
    func badMerge(arguments: [String], status: Int32, message: String?) throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let result = try cli.run(arguments)
        #expect(result.status == status, "\(result.standardError)")
        if let message { #expect(result.standardError == message) }
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }

    @Test(
        "merging several entities at once: one entry, each one's claims said apart, twins across them combined, undone whole"
    )
    func mergeSeveral() throws {
        let cli = try CLIHarness.scoped
        let funded = { (id: String, subject: String, start: String, quote: String) in
            #"{"record":"claim","id":"\#(id)","subject":"\#(subject)","predicate":"funded","object":"x","start":"\#(start)","citations":[{"source":"paper","quote":"\#(quote)","stance":"reports","credibility":4}]}"#
        }
        try cli.write(
            "records.jsonl",
            ([
                #"{"record":"source","id":"paper","type":"news-article","title":"Paper","reliability":"C"}"#,
                #"{"record":"entity","id":"keep","type":"organization","name":"Keep"}"#,
                #"{"record":"entity","id":"x","type":"organization","name":"Ex"}"#,
            ]
                + (1...3).map { #"{"record":"entity","id":"d\#($0)","type":"organization","name":"Dup \#($0)"}"# }
                + [
                    funded("k1", "keep", "2021", "keep 2021"), funded("a1", "d1", "2020", "one 2020"),
                    funded("a2", "d1", "2019", "one 2019"), funded("b1", "d2", "2020", "two 2020"),
                    funded("c1", "d3", "2021", "three 2021"), funded("c2", "d3", "2020", "three 2020"),
                ]).joined(separator: "\n") + "\n")
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let merge = try cli.run(["merge", "keep", "d1", "d2", "d3"])
        #expect(merge.status == 0, "\(merge.standardError)")
        #expect(
            merge.standardError == """
                merged "d1" into "keep": 2 claims moved (history entry 2)
                merged "d2" into "keep": 0 claims moved, 1 combined with identical claims (history entry 2)
                merged "d3" into "keep": 0 claims moved, 2 combined with identical claims (history entry 2)

                """)
        let export = try cli.run(["export", "jsonl"]).standardOutput
        #expect(
            export.contains(
                #"{"name":"Dup 1","lang":"en"},{"name":"Dup 2","lang":"en"},{"name":"Dup 3","lang":"en"}],"merged":["d1","d2","d3"]"#
            ))
        // a1 (d1's 2020) took b1's and c2's citations; k1 (keep's 2021) took c1's.
        #expect(export.contains(#""quote":"one 2020","stance":"reports","credibility":4},{"source":"paper","quote":"two 2020""#))
        #expect(
            export.contains(#""quote":"two 2020","stance":"reports","credibility":4},{"source":"paper","quote":"three 2020""#))
        #expect(
            export.contains(#""quote":"keep 2021","stance":"reports","credibility":4},{"source":"paper","quote":"three 2021""#))
        #expect(export.components(separatedBy: #""record":"claim""#).count == 4)
        let unmerge = try cli.run(["unmerge", "d2"])
        #expect(unmerge.status == 0, "\(unmerge.standardError)")
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }

    @Test("merging two entities that a claim links is refused: it would link one with itself")
    func selfLink() throws {
        let cli = try importedStore()
        try cli.write(
            "link.jsonl",
            #"{"record":"claim","id":"daesh-allied-isis","subject":"daesh","predicate":"allied_with","object":"isis","citations":[{"source":"article","quote":"x","stance":"reports","credibility":5}]}"#
                + "\n")
        #expect(try cli.run(["import", "link.jsonl"]).status == 0)
        let result = try cli.run(["merge", "isis", "daesh"])
        #expect(result.status == 65)
        #expect(
            result.standardError
                == "isnad: claim \"daesh-allied-isis\" links \"isis\" and \"daesh\": merged, it would link \"isis\" with itself, which no claim may; a claim stays in the store retracted or not, so the two cannot be merged while one names both\n"
        )
        // Retracted, it still names both: the message says so, instead of asking for a retraction.
        #expect(try cli.run(["retract", "daesh-allied-isis", "--reason", "misread"]).status == 0)
        let again = try cli.run(["merge", "isis", "daesh"])
        #expect(again.status == 65)
        #expect(again.standardError.hasPrefix("isnad: retracted claim \"daesh-allied-isis\" links"))
    }

    @Test("--dry-run of merge and unmerge says what each would move or take back, refuses what each refuses, and writes nothing")
    func dryRun() throws {
        let cli = try importedStore()
        let before = try cli.storeState()
        let merge = try cli.run(["merge", "isis", "daesh", "--dry-run"])
        #expect(merge.status == 0, "\(merge.standardError)")
        #expect(
            merge.standardError
                == "dry run: would have merged \"daesh\" into \"isis\": 1 claim moved, 1 combined with identical claims; nothing written\n"
        )
        for refused in [["merge", "isis", "isis"], ["merge", "isis", "hadera-attack"], ["unmerge", "daesh"]] {
            let real = try cli.run(refused)
            let dry = try cli.run(refused + ["--dry-run"])
            #expect(real.status != 0 && dry.status == real.status, "\(dry.standardError)")
            #expect(dry.standardError == real.standardError)
        }
        #expect(try cli.storeState() == before)
        let real = try cli.run(["merge", "isis", "daesh"])
        #expect(real.standardError.hasPrefix(String(merge.standardError.dropFirst("dry run: would have ".count).prefix(40))))
        let merged = try cli.storeState()
        let unmerge = try cli.run(["unmerge", "daesh", "--dry-run"])
        #expect(unmerge.status == 0, "\(unmerge.standardError)")
        #expect(
            unmerge.standardError.hasPrefix("dry run: would have unmerged \"daesh\" from \"isis\", taking back entry 2: "),
            "\(unmerge.standardError)")
        #expect(unmerge.standardError.hasSuffix("; nothing written\n"))
        #expect(try cli.storeState() == merged)
        #expect(try cli.run(["unmerge", "daesh"]).status == 0)
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before[0])
    }
}
