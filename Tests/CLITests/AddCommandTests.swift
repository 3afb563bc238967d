import Foundation
import IsnadKit
import TestHelpers
import Testing

/// `isnad add entity|source|claim`, run as the built binary.
@Suite("add end to end", .temporaryStore)
struct AddCommandTests {
    static let text = """
        Police said the attackers came from Umm al-Fahm.
        Hamas blessed the operation
        in Hadera on Sunday.

        """

    /// The core records, plus a source whose text is stored (`police-text`).
    private func importedStore() throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        try cli.write("police.txt", AddCommandTests.text)
        let source = try cli.run([
            "add", "source", "--type", "official-statement", "--title", "Police text", "--id", "police-text",
            "--reliability", "B", "--text-file", "police.txt", "--published", "2022-03-28",
        ])
        #expect(source.status == 0, "\(source.standardError)")
        return cli
    }

    @Test("add entity derives the id from the name, prints it, and is one history entry; undo removes it byte for byte")
    func addEntity() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let result = try cli.run([
            "add", "entity", "--type", "organization", "--name", "Arab states", "--alias", "ar:الدول العربية",
            "--description", "as the article groups them", "--author", "ana",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "arab-states\n")
        #expect(result.standardError == "added entity \"arab-states\" (history entry 3)\n")
        let export = try cli.run(["export", "jsonl"]).standardOutput
        #expect(
            export.contains(
                #"{"record":"entity","id":"arab-states","type":"organization","name":"Arab states","aliases":[{"name":"الدول العربية","lang":"ar"}],"description":"as the article groups them"}"#
            ))
        #expect(try cli.run(["show", "الدول العربية"]).standardOutput.hasPrefix("Arab states (arab-states)"))
        #expect(try cli.run(["log", "arab-states"]).standardOutput.contains(" · ana\n  isnad add entity"))
        #expect(try cli.run(["undo", "--author", "ana"]).status == 0)
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }

    @Test("add entity --attribute KEY=VALUE, repeated, stores the entity's attributes; set changes one by attributes.KEY")
    func attributes() throws {
        let cli = try importedStore()
        let result = try cli.run([
            "add", "entity", "--type", "organization", "--name", "Red Valley Brigades", "--attribute",
            "size=a few hundred fighters", "--attribute", "founded-in=2023", "--attribute", "motto=a=b",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let line = { try cli.run(["export", "jsonl"]).standardOutput.split(separator: "\n").first { $0.contains("red-valley") } }
        #expect(
            try line()
                == #"{"record":"entity","id":"red-valley-brigades","type":"organization","name":"Red Valley Brigades","attributes":{"founded-in":"2023","motto":"a=b","size":"a few hundred fighters"}}"#
        )
        #expect(try cli.run(["set", "red-valley-brigades", "attributes.founded-in", "2022"]).status == 0)
        #expect(try cli.run(["set", "red-valley-brigades", "attributes.motto", "null"]).status == 0)
        #expect(try line()?.contains(#""attributes":{"founded-in":"2022","size":"a few hundred fighters"}"#) == true)
        let whole = try cli.run(["set", "red-valley-brigades", "attributes", #"{"size":"200"}"#])
        #expect(whole.status == 64)
        #expect(
            whole.standardError
                == "isnad: attributes: an entity's attributes are set one at a time, as attributes.KEY VALUE (attributes.size 200); null removes them all\n(see 'isnad set --help')\n"
        )
    }

    @Test(
        "a UN panel's report, a kidnapping, a rename, a clash and an attack on an army post are encoded; attacked refuses the event it is"
    )
    func sahelEncodings() throws {
        let cli = try CLIHarness.scoped
        #expect(try cli.run(["init"]).status == 0)
        for (type, id) in [
            ("organization", "jnim"), ("organization", "eigs"), ("organization", "fama"), ("organization", "gspc"),
            ("organization", "aqim"), ("person", "hostage"), ("place", "camp-boulkessi"), ("event", "boulkessi-attack"),
        ] {
            #expect(try cli.run(["add", "entity", "--type", type, "--id", id, "--name", id]).status == 0)
        }
        let report = try cli.run([
            "add", "source", "--type", "report", "--id", "un-panel", "--title", "Panel of Experts on Mali", "--reliability", "B",
        ])
        #expect(report.status == 0, "\(report.standardError)")
        let citation = [
            "--source", "un-panel", "--quote", "q", "--stance", "asserts", "--credibility", "2", "--unverified", "excerpt",
        ]
        for (subject, predicate, object) in [
            ("jnim", "kidnapped", "hostage"), ("jnim", "held_hostage", "hostage"), ("gspc", "renamed_to", "aqim"),
            ("jnim", "clashed_with", "eigs"), ("boulkessi-attack", "located_in", "camp-boulkessi"),
            ("boulkessi-attack", "targeted", "fama"), ("jnim", "carried_out", "boulkessi-attack"), ("jnim", "killed", "fama"),
            ("jnim", "attacked", "camp-boulkessi"),
        ] {
            let added = try cli.run(["add", "claim", subject, predicate, object] + citation)
            #expect(added.status == 0, "\(predicate): \(added.standardError)")
        }
        let refused = try cli.run(["add", "claim", "jnim", "attacked", "boulkessi-attack"] + citation)
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("attacked takes an object of type person or organization or place, not event"))
    }

    @Test("add --help lists every entity and source type, and says which to use for a Telegram statement and an unnamed official")
    func helpListsTypes() throws {
        let help = try CLIHarness.scoped.run(["add", "--help"]).standardOutput.replacingOccurrences(of: "\n", with: " ")
        for type in EntityType.allCases.map(\.rawValue) + SourceType.allCases.map(\.rawValue) {
            #expect(help.contains(" \(type),") || help.contains(" \(type)."), "\(type)")
        }
        #expect(help.contains("statement on its Telegram channel is a statement"))
        #expect(help.contains("quotes without a name is other"))
    }

    @Test(
        "a claim's source is not taken from words of a title: the sources whose titles hold them are listed; a query still takes them"
    )
    func sourceByWordsOfItsTitle() throws {
        let cli = try importedStore()
        #expect(
            try cli.run([
                "add", "source", "--id", "police-report-hadera", "--type", "official-statement", "--title",
                "Israel Police report on Hadera", "--reliability", "B",
            ]).status == 0)
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let added = try cli.run([
            "add", "claim", "hamas", "praised", "hadera-attack", "--source", "report", "--quote", "q", "--unverified", "test",
            "--stance", "asserts", "--credibility", "3",
        ])
        #expect(added.status == 65, "\(added.standardError)")
        #expect(
            added.standardError.contains(
                "--source: \"report\" is only words of the title of a source: a command that writes takes a source by its id, its title, the start of either, or its publisher or author:\n  police-report-hadera"
            ), "\(added.standardError)")
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        let query = try cli.run(["claims", "--source", "report"])
        #expect(query.status == 0, "\(query.standardError)")
        #expect(query.standardError.contains("\"report\" taken as source police-report-hadera"))
        // The start of an id or a title is a name of the source, for writing too.
        let byStart = try cli.run([
            "add", "claim", "hamas", "praised", "hadera-attack", "--source", "police-rep", "--quote", "q", "--unverified", "test",
            "--stance", "asserts", "--credibility", "3",
        ])
        #expect(byStart.status == 0, "\(byStart.standardError)")
    }

    @Test(
        "add source takes the source's author, publisher and url; --author, who makes the change, given alone is said to be that"
    )
    func sourceFields() throws {
        let cli = try importedStore()
        let added = try cli.run([
            "add", "source", "--type", "other", "--id", "interview", "--title", "Interview", "--source-author", "Khaled",
            "--publisher", "Desk", "--url", "https://example.org/a", "--author", "ana",
        ])
        #expect(added.status == 0, "\(added.standardError)")
        #expect(!added.standardError.contains("--source-author"))
        let record = try cli.run(["export", "jsonl"]).standardOutput.split(separator: "\n").first {
            $0.contains(#""id":"interview""#)
        }
        #expect(
            record?.contains(#""publisher":"Desk","author":"Khaled","url":"https://example.org/a""#) == true, "\(record ?? "")")
        #expect(try cli.run(["log", "interview"]).standardOutput.contains(" · ana\n"))
        let alone = try cli.run(["add", "source", "--type", "other", "--title", "Other", "--author", "Khaled"])
        #expect(alone.status == 0)
        #expect(
            alone.standardError.hasPrefix(
                "isnad: --author names who makes this change, kept in the history; the source's own author is --source-author\n"))
    }

    @Test("a citation given again keeps the locator the analyst wrote; one add wrote (a line, unverified) is found again")
    func locatorKept() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "records.jsonl",
            """
            {"record":"entity","id":"a","type":"organization","name":"Alpha"}
            {"record":"entity","id":"b","type":"organization","name":"Bravo"}
            {"record":"source","id":"s","type":"news-article","title":"S","reliability":"C","text":"first line\\nAlpha funds Bravo\\n"}
            {"record":"claim","id":"k","subject":"a","predicate":"funded","object":"b","citations":[{"source":"s","quote":"Alpha funds Bravo","stance":"asserts","credibility":3,"locator":"page 2, the box"}]}

            """)
        try #require(try cli.run(["import", "records.jsonl"]).status == 0)
        func add(_ more: [String]) throws -> ExternalTool.Result {
            try cli.run(
                [
                    "add", "claim", "a", "funded", "b", "--source", "s", "--quote", "Alpha funds Bravo", "--stance", "asserts",
                    "--credibility", "3",
                ] + more)
        }
        #expect(try add(["--quote-en", "A funds B"]).status == 0)
        #expect(try cli.run(["export", "jsonl"]).standardOutput.contains(#""locator":"page 2, the box""#))
        #expect(try add(["--locator", "page 3"]).status == 0)
        #expect(try cli.run(["export", "jsonl"]).standardOutput.contains(#""locator":"page 3""#))
        // One as add writes it (a line, since moved in the text) is found again.
        #expect(try add(["--locator", "line 9"]).status == 0)
        #expect(try add([]).status == 0)
        #expect(try cli.run(["export", "jsonl"]).standardOutput.contains(#""locator":"line 2""#))
    }

    @Test("a name written in Arabic letters only makes its id from its transliteration, printed")
    func arabicName() throws {
        let cli = try importedStore()
        let result = try cli.run(["add", "entity", "--type", "organization", "--name", "سرايا القدس"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "sraya-alqds\n")
        #expect(try cli.run(["show", "سرايا القدس"]).standardOutput.hasPrefix("سرايا القدس (sraya-alqds)"))
        let source = try cli.run(["add", "source", "--type", "news-article", "--title", "بيان الشرطة"])
        #expect(source.standardOutput == "byan-alshrta\n", "\(source.standardError)")
        // Typed in Latin letters, it is offered by its consonants, not taken (Homs has those of حماس).
        let shown = try cli.run(["show", "Saraya al-Quds"])
        #expect(shown.status == 65)
        #expect(
            shown.standardError
                == "isnad: no entity matches \"Saraya al-Quds\"; did you mean:\n  sraya-alqds  سرايا القدس (organization)\n")
        // The same actor added again in Latin letters: added, with a note on the other.
        let twice = try cli.run(["add", "entity", "--type", "organization", "--name", "Saraya al-Quds"])
        #expect(twice.status == 0)
        #expect(
            twice.standardError.hasSuffix(
                "isnad: note: \"Saraya al-Quds\" may be سرايا القدس (sraya-alqds) in the other script: if they are one actor, isnad merge sraya-alqds saraya-al-quds\n"
            ), "\(twice.standardError)")
    }

    @Test(
        "add source names a source that may be the same one: its title in the other script, spelt another way, or its url; a source named by its url is found"
    )
    func sourceNamedTwice() throws {
        let cli = try importedStore()
        func add(_ options: [String]) throws -> ExternalTool.Result {
            try cli.run(["add", "source", "--type", "news-article", "--reliability", "C"] + options)
        }
        #expect(try add(["--title", "al-Modon"]).standardError == "added source \"al-modon\" (history entry 3)\n")
        let arabic = try add(["--title", "المدن"])
        #expect(arabic.status == 0)
        #expect(
            arabic.standardError
                == "added source \"almdn\" (history entry 4)\n"
                + "isnad: note: \"المدن\" may be al-Modon (al-modon) in the other script: if they are one, cite al-modon instead and take this one out (isnad delete almdn)\n"
        )
        #expect(try add(["--title", "Enab Baladi"]).status == 0)
        let again = try add(["--title", "enab baladi.", "--id", "enab", "--dry-run"])
        #expect(
            again.standardError.hasSuffix(
                "isnad: note: \"enab baladi.\" is also the title of Enab Baladi (enab-baladi): if they are one, cite enab-baladi instead\n"
            ), "\(again.standardError)")
        #expect(
            try add(["--title", "Story", "--id", "story", "--url", "https://www.example.org/story/1"]).standardError
                == "added source \"story\" (history entry 6)\n")
        let sameURL = try add(["--title", "Wire copy", "--url", "http://example.org/story/1/?utm_source=tw"])
        #expect(
            sameURL.standardError.hasSuffix(
                "isnad: note: \"Wire copy\" has the url of Story (story): if they are one, cite story instead and take this one out (isnad delete wire-copy)\n"
            ), "\(sameURL.standardError)")
        // Unlike titles in one script, another page of one site, or one title of two publishers, are no note.
        #expect(try add(["--title", "Annual report", "--publisher", "Amnesty"]).status == 0)
        #expect(
            try add(["--title", "Annual report", "--id", "hrw-report", "--publisher", "HRW."]).standardError
                == "added source \"hrw-report\" (history entry 9)\n")
        #expect(
            try add(["--title", "Hezbollah statement"]).standardError
                == "added source \"hezbollah-statement\" (history entry 10)\n")
        #expect(
            try add(["--title", "Other story", "--url", "https://www.example.org/story/2"]).standardError
                == "added source \"other-story\" (history entry 11)\n")
        // A web address names the source stored with it, as a sheet's source column does.
        let shown = try cli.run(["source", "https://EXAMPLE.org/story/2#top"])
        #expect(shown.status == 0)
        #expect(
            shown.standardError == "isnad: \"https://EXAMPLE.org/story/2#top\" taken as source other-story (Other story)\n")
        // A placeholder names no document: neither a note nor a match.
        #expect(
            try add(["--title", "Form one", "--url", "http://"]).standardError
                == "added source \"form-one\" (history entry 12)\n")
        #expect(
            try add(["--title", "Form two", "--url", "http://"]).standardError
                == "added source \"form-two\" (history entry 13)\n")
        #expect(try cli.run(["source", "http://"]).status != 0)
    }

    @Test("a French quote typed with ' \" ... oe is found in typeset text (’ « » … œ), kept as typed, and passes check")
    func typesetFrenchQuote() throws {
        let cli = try importedStore()
        try cli.write("rfi.txt", "Le groupe affirme avoir «\u{202F}pris d’assaut la base\u{202F}» au cœur du Gourma…\n")
        #expect(
            try cli.run([
                "add", "source", "--type", "news-article", "--title", "RFI", "--id", "rfi", "--text-file", "rfi.txt", "--lang",
                "FR",
            ])
            .status == 0)
        let result = try cli.run([
            "add", "claim", "hamas", "praised", "Hadera attack", "--source", "rfi",
            "--quote", "avoir \"pris d'assaut la base\" au coeur du Gourma...", "--stance", "affirme", "--credibility", "3",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let export = try cli.run(["export", "jsonl"]).standardOutput
        #expect(
            export.contains(
                #""quote":"avoir \"pris d'assaut la base\" au coeur du Gourma...","stance":"asserts","credibility":3,"locator":"line 1""#
            ),
            "\(export)")
        #expect(export.contains(#""lang":"fr""#))
        // A quote that carries its own guillemets is shown in them, not framed again. Another
        // outlet's: the same outlet quoting a passage of the quote above would be one passage
        // cited twice, which check finds.
        #expect(
            try cli.run([
                "add", "source", "--type", "news-article", "--title", "RFI Afrique", "--id", "rfi-afrique", "--text-file",
                "rfi.txt", "--lang", "FR",
            ])
            .status == 0)
        let guillemets = try cli.run([
            "add", "claim", "hamas", "praised", "Hadera attack", "--source", "rfi-afrique", "--quote", "«pris d’assaut la base»",
            "--stance", "rapporte", "--credibility", "3",
        ])
        #expect(guillemets.status == 0, "\(guillemets.standardError)")
        let shown = try cli.run(["show", "hamas"]).standardOutput
        #expect(shown.contains("    «pris d’assaut la base»\n") && !shown.contains("««"), "\(shown)")
        let check = try cli.run(["check"])
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
    }

    @Test("a quote typed without the text's shadda or vowels is found, located, and passes check")
    func arabicQuoteWithoutMarks() throws {
        let cli = try importedStore()
        try cli.write("ar.txt", "بيان\nنفّذت العملية ضدّ جنود اسرائيليين\n")
        #expect(
            try cli.run([
                "add", "source", "--type", "statement", "--title", "Arabic text", "--id", "ar-text", "--text-file", "ar.txt",
            ])
            .status == 0)
        let result = try cli.run([
            "add", "claim", "hamas", "praised", "Hadera attack", "--source", "ar-text", "--quote", "نفذت العملية ضد جنود",
            "--stance", "asserts", "--credibility", "3",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(
            try cli.run(["export", "jsonl"]).standardOutput.contains(
                #""quote":"نفذت العملية ضد جنود","stance":"asserts","credibility":3,"locator":"line 2""#))
        let check = try cli.run(["check"])
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
    }

    @Test(
        "a predicate named by its Arabic label is taken as its id, and said so; Arabic-Indic digits read as digits; a stance by its Arabic verb"
    )
    func arabicPredicate() throws {
        let cli = try importedStore()
        let result = try cli.run([
            "add", "claim", "hamas", "موّل", "isis", "--source", "Police text", "--quote", "Hamas blessed the operation",
            "--stance", "يَنقُل", "--credibility", "٥", "--start", "٢٠٢٢-٠٣",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("isnad: \"موّل\" taken as funded\n"))
        let id = result.standardOutput.trimmingCharacters(in: .newlines)
        let export = try cli.run(["export", "jsonl"]).standardOutput
        #expect(export.contains(#""id":"\#(id)","subject":"hamas","predicate":"funded","object":"isis","start":"2022-03""#))
        #expect(export.contains(#""stance":"reports","credibility":5"#))
        let claims = try cli.run(["claims", "--predicate", "مول"])
        #expect(claims.standardOutput.contains(id))
        #expect(try cli.run(["claims", "--predicate", "funded", "--stance", "ينقل"]).standardOutput.contains(id))
        // Letters and marks only, as the English words are read: a full stop is refused.
        #expect(try cli.run(["claims", "--stance", "ينفي."]).status == 64)
        #expect(try cli.run(["claims", "--stance", "ينفي,ينقل"]).status == 0)
        let wrong = try cli.run([
            "add", "claim", "hamas", "funded", "isis", "--source", "Police text", "--quote", "x", "--stance", "يقول",
            "--credibility", "3",
        ])
        #expect(wrong.status == 64)
        #expect(
            wrong.standardError.hasPrefix(
                "isnad: --stance: \"يقول\" is not one of asserts, reports, denies (in French: affirme, rapporte, dément; in Arabic: يؤكد, ينقل, ينفي)"
            ),
            "\(wrong.standardError)")
        #expect(claims.standardError.contains("isnad: \"مول\" taken as funded\n"))
    }

    @Test("add claim resolves names, finds the quote in the source's text and fills the locator; undo restores the store")
    func addClaim() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let result = try cli.run([
            "add", "claim", "داعش", "praised", "Hadera attack", "--source", "Police text", "--quote",
            "Hamas blessed the operation in Hadera", "--stance", "reports", "--credibility", "3", "--start", "2022-03-27",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("c-"))
        let id = result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(result.standardError.contains("added claim \"\(id)\" (history entry 3)"))
        let line = try cli.run(["export", "jsonl"]).standardOutput.split(separator: "\n").first { $0.contains(id) } ?? ""
        #expect(line.contains(#""locator":"lines 2-3""#))
        #expect(line.contains(#""subject":"isis","predicate":"praised","object":"hadera-attack""#))
        #expect(try cli.run(["undo"]).status == 0)
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }

    @Test(
        "add claim that updates a citation says what it changed, and whose citation it was when another author wrote it; a dry run says so too"
    )
    func updateSaysWhatAndWhose() throws {
        let cli = try importedStore()
        let arguments = [
            "add", "claim", "hamas", "praised", "hadera-attack", "--id", "hamas-praised-attack", "--source", "police",
            "--quote", "praised", "--stance", "reports",
        ]
        #expect(try cli.run(arguments + ["--credibility", "4", "--author", "alice"]).status == 0)
        let kims = try cli.run(
            arguments.dropLast() + ["denies", "--credibility", "6", "--quote-en", "praised", "--author", "kim"])
        #expect(kims.status == 0, "\(kims.standardError)")
        let lines = kims.standardError.split(separator: "\n")
        #expect(
            lines.first
                == #"updated citation 2 of claim "hamas-praised-attack": stance reports → denies, credibility 4 → 6, quote_en (none) → "praised" (history entry 4)"#,
            "\(kims.standardError)")
        #expect(
            lines.last?.hasPrefix(
                "isnad: note: citation 2 was written by alice (entry 3, isnad add, ") == true
                && lines.last?.hasSuffix("), not by kim: this changes their assessment; isnad undo takes it back") == true,
            "\(kims.standardError)")
        // Kim's own citation again: no note.
        let again = try cli.run(arguments.dropLast() + ["denies", "--credibility", "5", "--author", "kim"])
        #expect(!again.standardError.contains("was written by"), "\(again.standardError)")
        // A dry run names the author too, and says nothing of an undo.
        let dry = try cli.run(arguments + ["--credibility", "3", "--author", "alice", "--dry-run"])
        #expect(
            dry.standardError.contains(
                "would have updated citation 2 of claim \"hamas-praised-attack\": stance denies → reports, credibility 5 → 3"),
            "\(dry.standardError)")
        #expect(dry.standardError.contains("citation 2 was written by kim (entry 5, isnad add, "), "\(dry.standardError)")
        #expect(dry.standardError.hasSuffix("), not by alice: this changes their assessment\n"), "\(dry.standardError)")
    }

    @Test("add claim for a relationship that exists adds a citation; the same source and quote again updates it")
    func addCitation() throws {
        let cli = try importedStore()
        let arguments = [
            "add", "claim", "hamas", "praised", "hadera-attack", "--id", "hamas-praised-attack", "--source", "police",
            "--quote", "praised", "--stance", "reports",
        ]
        let first = try cli.run(arguments + ["--credibility", "4"])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardError == "added citation 2 to claim \"hamas-praised-attack\" (history entry 3)\n\(Self.unchecked)")
        let second = try cli.run(arguments + ["--credibility", "3"])
        #expect(
            second.standardError
                == "updated citation 2 of claim \"hamas-praised-attack\": credibility 4 → 3 (history entry 4)\n\(Self.unchecked)")
        let log = try cli.run(["log", "hamas-praised-attack"]).standardOutput
        #expect(log.contains("    citations[1].credibility: 4 → 3"))
        // What the command was not given (the translation) stays; a retracted citation is not taken back.
        #expect(try cli.run(["set", "hamas-praised-attack", "citations[1].quote_en", "praised it"]).status == 0)
        #expect(try cli.run(arguments + ["--credibility", "2"]).status == 0)
        let kept = try cli.run(["export", "jsonl"]).standardOutput
        #expect(kept.contains(#""quote":"praised","quote_en":"praised it","stance":"reports","credibility":2"#), "\(kept)")
        #expect(try cli.run(["retract", "hamas-praised-attack", "--citation", "2", "--reason", "misread"]).status == 0)
        let retracted = try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes
        let again = try cli.run(arguments + ["--credibility", "3"])
        #expect(again.status == 65)
        #expect(
            again.standardError
                == "isnad: citation 2 of claim \"hamas-praised-attack\" is the same (source, via and quote) and is retracted (misread): isnad restore hamas-praised-attack --citation 2 first\n"
        )
        #expect(try cli.run(["export", "jsonl", "--include-retracted"]).outputBytes == retracted)
    }

    @Test("a record longer than an import reads back (16 MiB) is refused (65), and nothing changes")
    func recordTooLong() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        // 9 MB read (standard input gives at most 16 MiB), 18 MB as JSON: each " is written \".
        let quote = Data(String(repeating: "\"", count: 9_000_000).utf8)
        let result = try cli.run(
            [
                "add", "claim", "hamas", "praised", "isis", "--source", "article", "--quote", "-", "--unverified", "long",
                "--stance", "asserts", "--credibility", "3",
            ], input: quote)
        #expect(result.status == 65)
        #expect(result.standardError.contains("longer than the 16777216 an import reads by default"), "\(result.standardError)")
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        // One let in by an import with --max-line-bytes can still be changed: retracted, above all.
        let long = String(repeating: "ب", count: 9_000_000)
        try cli.write(
            "long.jsonl",
            #"{"record":"claim","id":"long","subject":"hamas","predicate":"praised","object":"isis","start":null,"end":null,"citations":[{"source":"article","quote":"\#(long)","stance":"asserts","credibility":3}]}"#
                + "\n")
        #expect(try cli.run(["import", "long.jsonl", "--max-line-bytes", "20000000"]).status == 0)
        let retract = try cli.run(["retract", "long", "--reason", "too long to keep"])
        #expect(retract.status == 0, "\(retract.standardError)")
    }

    @Test("add source --text-file that is missing or a folder is a missing input (66), named")
    func missingTextFile() throws {
        let cli = try importedStore()
        for (path, reason) in [("nowhere.txt", "no such file"), (".", "is a folder, not a text file")] {
            let result = try cli.run(["add", "source", "--type", "news-article", "--title", "T", "--text-file", path])
            #expect(result.status == 66)
            #expect(result.standardError == "isnad: \(path): \(reason) (--text-file)\n")
        }
    }

    @Test("without --id, a citation of a relationship stored under another id goes to that claim")
    func sameRelationship() throws {
        let cli = try importedStore()
        let result = try cli.run([
            "add", "claim", "Hamas", "praised", "hadera-attack", "--source", "police", "--quote", "praised", "--stance",
            "reports", "--credibility", "4",
        ])
        #expect(result.standardOutput == "hamas-praised-attack\n")
        #expect(
            result.standardError
                == "added citation 2 to claim \"hamas-praised-attack\" (2022-03-27: dates this citation did not give; give --start/--end to keep it apart) (history entry 3)\n\(Self.unchecked)"
        )
    }

    @Test("--start and --end given with --id of a claim must be its dates: others are refused (64), naming set; the same pass")
    func datesOfAClaimNamedByID() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let arguments = [
            "add", "claim", "hamas", "praised", "hadera-attack", "--id", "hamas-praised-attack", "--source", "police",
            "--quote", "praised", "--stance", "reports", "--credibility", "3",
        ]
        let other = try cli.run(arguments + ["--start", "2021", "--end", "2022"])
        #expect(other.status == 64)
        #expect(
            other.standardError
                == "isnad: --start 2021 --end 2022: claim \"hamas-praised-attack\" is dated 2022-03-27, and a citation takes its claim's dates: to change them, isnad set hamas-praised-attack start 2021 and isnad set hamas-praised-attack end 2022; for a claim of its own with these dates, leave out --id\n(see 'isnad add --help')\n"
        )
        let end = try cli.run(arguments + ["--end", "2022"])
        #expect(end.status == 64)
        #expect(end.standardError.hasPrefix("isnad: --end 2022: claim \"hamas-praised-attack\" is dated 2022-03-27,"))
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        let same = try cli.run(arguments + ["--start", "2022-03-27"])
        #expect(same.status == 0, "\(same.standardError)")
        #expect(same.standardError == "added citation 2 to claim \"hamas-praised-attack\" (history entry 3)\n\(Self.unchecked)")
    }

    @Test("--notes for a claim already in the store is refused (64), naming set, not dropped; the claim's own notes pass")
    func notesOfAClaimThatExists() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let arguments = [
            "add", "claim", "hamas", "praised", "hadera-attack", "--source", "police", "--quote", "praised", "--stance",
            "reports", "--credibility", "3",
        ]
        let typed = try cli.run(arguments + ["--notes", "the pledge was read aloud"])
        #expect(typed.status == 64)
        #expect(
            typed.standardError
                == "isnad: --notes: claim \"hamas-praised-attack\" is already in the store, and a citation added to it does not change its notes: isnad set hamas-praised-attack notes - (or isnad edit hamas-praised-attack) does; nothing changed\n(see 'isnad add --help')\n"
        )
        let piped = try cli.run(arguments + ["--notes", "-"], input: Data("read aloud\n".utf8))
        // Read from standard input, named as typed, and refused as what came through the pipe is.
        #expect(piped.status == 65)
        #expect(piped.standardError.hasPrefix("isnad: --notes -: claim \"hamas-praised-attack\" is already in the store"))
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        #expect(try cli.run(["set", "hamas-praised-attack", "notes", "read aloud"]).status == 0)
        let same = try cli.run(arguments + ["--notes", "read aloud"])
        #expect(same.status == 0, "\(same.standardError)")
    }

    @Test(
        "a new claim of a relationship other claims state with other dates is added, with a note naming them, their dates and --id"
    )
    func otherClaimsOfTheRelationship() throws {
        let cli = try importedStore()
        let claim = { (quote: String, dates: [String]) in
            [
                "add", "claim", "hamas", "praised", "hadera-attack", "--source", "police", "--quote", quote, "--stance",
                "asserts", "--credibility", "2", "--unverified", "typed for the test",
            ] + dates
        }
        // Praise of March 2022 may be the praise of 2022-03-27: a partial date is taken as its whole month.
        let dated = try cli.run(claim("in March", ["--start", "2022-03"]))
        #expect(dated.status == 0, "\(dated.standardError)")
        let id = dated.standardOutput.trimmingCharacters(in: .newlines)
        #expect(
            dated.standardError
                == "added claim \"\(id)\" (history entry 3)\nisnad: note: claim \"hamas-praised-attack\" (2022-03-27) also states hamas praised hadera-attack, weighed apart from this one: if they are one relationship, isnad undo, isnad set hamas-praised-attack start 2022-03, then cite it with --id hamas-praised-attack\n"
        )
        let dryRun = try cli.run(claim("in 2022", ["--start", "2022", "--end", "2022", "--dry-run"]))
        #expect(dryRun.status == 0, "\(dryRun.standardError)")
        #expect(
            dryRun.standardError.hasSuffix(
                "isnad: note: claims \"\(id)\" (2022-03) and \"hamas-praised-attack\" (2022-03-27) also state hamas praised hadera-attack, weighed apart from this one: if one of them is this relationship, cite it with --id CLAIM\n"
            ), "\(dryRun.standardError)")
        // Praise of 2021 is another event: two periods apart get no note.
        let apart = try cli.run(claim("in 2021", ["--start", "2021", "--dry-run"]))
        #expect(apart.status == 0, "\(apart.standardError)")
        #expect(!apart.standardError.contains("weighed apart"), "\(apart.standardError)")
        // The same dates again join the claim they name, without a note.
        let again = try cli.run(claim("March again", ["--start", "2022-03"]))
        #expect(again.standardError == "added citation 2 to claim \"\(id)\" (history entry 4)\n")
    }

    @Test(
        "a citation added without dates to the one claim of its ends names the dates it now supports; advice to redate an earlier-sourced claim warns of --known-by"
    )
    func inheritedDatesAndLaterSource() throws {
        let cli = try importedStore()
        let claim = { (quote: String, dates: [String]) in
            [
                "add", "claim", "hamas", "praised", "hadera-attack", "--source", "police", "--quote", quote, "--stance",
                "asserts", "--credibility", "2", "--unverified", "typed for the test",
            ] + dates
        }
        let undated = try cli.run(claim("they praised it", []))
        #expect(
            undated.standardError
                == "added citation 2 to claim \"hamas-praised-attack\" (2022-03-27: dates this citation did not give; give --start/--end to keep it apart) (history entry 3)\n",
            "\(undated.standardError)")
        #expect(try cli.run(["undo"]).status == 0)
        // A later source's dates set on a claim its earlier sources date otherwise would show
        // in --known-by answers from before it was public.
        #expect(
            try cli.run([
                "add", "source", "--type", "news-article", "--title", "Later", "--id", "later", "--reliability", "C",
                "--published", "2030-01",
            ]).status == 0)
        var later = claim("in March 2022", ["--start", "2022-03"])
        later[later.firstIndex(of: "police")!] = "later"
        let note = try cli.run(later).standardError
        #expect(
            note.contains(
                "then cite it with --id hamas-praised-attack (but set so, hamas-praised-attack's dates would show in --known-by answers from "
            ), "\(note)")
        #expect(note.contains(" on, before \"later\" was public (2030-01): kept apart, they do not)\n"), "\(note)")
        // The same source: no warning.
        #expect(try cli.run(["undo"]).status == 0)
        let same = try cli.run(claim("in March 2022", ["--start", "2022-03"])).standardError
        #expect(same.contains("then cite it with --id hamas-praised-attack\n"), "\(same)")
    }

    @Test(
        "a citation dated as a claim was before set changed its dates goes to a claim of its own (id -2), from add and from a sheet, found again next time"
    )
    func derivedIDOfRedatedClaim() throws {
        let cli = try importedStore()
        let claim = { (quote: String) in
            [
                "add", "claim", "hamas", "allied_with", "isis", "--source", "police", "--quote", quote, "--stance", "reports",
                "--credibility", "3", "--start", "2022-03", "--unverified", "typed for the test",
            ]
        }
        let first = try cli.run(claim("first"))
        let id = first.standardOutput.trimmingCharacters(in: .newlines)
        #expect(try cli.run(["set", id, "start", "2021-07"]).status == 0)
        let second = try cli.run(claim("second"))
        #expect(second.standardOutput == "\(id)-2\n", "\(second.standardError)")
        #expect(try cli.run(claim("third")).standardOutput == "\(id)-2\n")
        try cli.write(
            "sheet.csv",
            "subject,predicate,object,start,source,quote,stance,credibility,locator\nhamas,allied_with,isis,2022-03,police,fourth,reports,3,unverified: typed\n"
        )
        #expect(try cli.run(["import", "sheet.csv"]).status == 0)
        let claims = try cli.run(["claims", "--predicate", "allied_with", "--format", "csv"]).standardOutput
        // claim, its dates, and the quote of each citation row.
        let rows = claims.split(separator: "\r\n").dropFirst().map { row in
            let cells = row.split(separator: ",", omittingEmptySubsequences: false)
            return "\(cells[0]) \(cells[6]) \(cells[19])"
        }
        #expect(
            rows.sorted() == [
                "\(id) 2021-07 first", "\(id)-2 2022-03 fourth", "\(id)-2 2022-03 second", "\(id)-2 2022-03 third",
            ], "\(claims)")
    }

    @Test(
        "with a symmetric predicate, a citation typed the other way round goes to the claim stored either way, from add and from a sheet"
    )
    func symmetricEitherWay() throws {
        let cli = try importedStore()
        let first = try cli.run([
            "add", "claim", "hamas", "linked_to", "isis", "--source", "article", "--quote", "باركت", "--stance", "asserts",
            "--credibility", "4",
        ])
        #expect(first.status == 0, "\(first.standardError)")
        let id = first.standardOutput.trimmingCharacters(in: .newlines)
        let denial = try cli.run([
            "add", "claim", "isis", "linked_to", "hamas", "--source", "police", "--quote", "praised", "--stance", "denies",
            "--credibility", "3",
        ])
        #expect(denial.standardOutput == "\(id)\n")
        #expect(denial.standardError.hasPrefix("added citation 2 to claim \"\(id)\""), "\(denial.standardError)")
        try cli.write(
            "sheet.csv",
            "subject,predicate,object,source,quote,stance,credibility,locator\nisis,linked_to,hamas,police,Hamas blessed,reports,4,\n"
        )
        #expect(try cli.run(["import", "sheet.csv"]).status == 0)
        let byID = try cli.run([
            "add", "claim", "isis", "linked_to", "hamas", "--id", id, "--source", "police", "--quote", "Hamas blessed",
            "--stance", "asserts", "--credibility", "4",
        ])
        #expect(byID.status == 0, "\(byID.standardError)")
        let claims = try cli.run(["claims", "--predicate", "linked_to", "--format", "csv"]).standardOutput
        let rows = claims.split(separator: "\r\n").dropFirst()
        #expect(rows.count == 3 && rows.allSatisfy { $0.hasPrefix("\(id),hamas,") }, "\(claims)")
    }

    @Test("--quote - reads the quote from standard input")
    func quoteFromStandardInput() throws {
        let cli = try importedStore()
        let result = try cli.run(
            [
                "add", "claim", "hamas", "praised", "hadera-attack", "--source", "police-text", "--quote", "-", "--stance",
                "reports", "--credibility", "3",
            ], input: Data("the attackers came\nfrom Umm al-Fahm\n".utf8))
        #expect(result.status == 0, "\(result.standardError)")
        let export = try cli.run(["export", "jsonl"]).standardOutput
        #expect(
            export.contains(
                #""quote":"the attackers came\nfrom Umm al-Fahm","stance":"reports","credibility":3,"locator":"line 1""#))
    }

    @Test("standard input that is not UTF-8 is refused, as a file is; a byte order mark is not kept; --text-file - reads it")
    func standardInputEncoding() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        // "حماس باركت" in Windows-1256, as an Arabic Windows clipboard may hand it over.
        let windows1256 = Data([0xCD, 0xE3, 0xC7, 0xD3, 0x20, 0xC8, 0xC7, 0xD1, 0xDF, 0xCA])
        let claim = [
            "add", "claim", "hamas", "praised", "hadera-attack", "--source", "police-text", "--quote", "-", "--stance",
            "reports", "--credibility", "3", "--unverified", "typed",
        ]
        let refused = try cli.run(claim, input: windows1256)
        #expect(refused.status == 65)
        #expect(refused.standardError == "isnad: --quote -: standard input is not UTF-8 text (save or convert it as UTF-8)\n")
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        #expect(try cli.run(claim, input: Data([0xEF, 0xBB, 0xBF]) + Data("the attackers came".utf8)).status == 0)
        #expect(try cli.run(["export", "jsonl"]).standardOutput.contains(#""quote":"the attackers came","#))
        let source = try cli.run(
            ["add", "source", "--type", "statement", "--title", "Piped", "--text-file", "-"],
            input: Data([0xEF, 0xBB, 0xBF]) + Data("نص البيان".utf8))
        #expect(source.status == 0, "\(source.standardError)")
        #expect(try cli.run(["export", "jsonl"]).standardOutput.contains(#""text":"نص البيان""#))
        let piped = try cli.run(
            ["add", "source", "--type", "statement", "--title", "Piped again", "--text-file", "-"], input: windows1256)
        #expect(piped.status == 65)
        #expect(piped.standardError.hasPrefix("isnad: --text-file -: standard input is not UTF-8 text"))
    }

    /// A text option given `-`, the command line it is given on, and what the record exported then holds.
    static let optionsReadingStandardInput: [(option: String, arguments: [String], exported: String)] = [
        ("--name", ["add", "entity", "--type", "person"], #""name":"Piped Words""#),
        ("--description", ["add", "entity", "--type", "person", "--name", "Described"], #""description":"Piped Words""#),
        ("--title", ["add", "source", "--type", "statement"], #""title":"Piped Words""#),
        ("--source-author", ["add", "source", "--type", "statement", "--title", "T1"], #""author":"Piped Words""#),
        ("--publisher", ["add", "source", "--type", "statement", "--title", "T2"], #""publisher":"Piped Words""#),
        ("--url", ["add", "source", "--type", "statement", "--title", "T3"], #""url":"Piped Words""#),
        (
            "--quote-en",
            [
                "add", "claim", "hamas", "praised", "isis", "--source", "police", "--quote", "q", "--stance", "asserts",
                "--credibility", "3",
            ], #""quote_en":"Piped Words""#
        ),
        (
            "--unverified",
            [
                "add", "claim", "hamas", "praised", "isis", "--source", "police-text", "--quote", "not in it", "--stance",
                "asserts", "--credibility", "3",
            ], #""locator":"unverified: Piped Words""#
        ),
        (
            "--notes",
            [
                "add", "claim", "hamas", "praised", "isis", "--source", "police", "--quote", "q", "--stance", "asserts",
                "--credibility", "3",
            ], #""notes":"Piped Words""#
        ),
    ]

    @Test(
        "- reads a text option's value from standard input, as --quote - does (the line feed echo ends it with dropped); the history records the -",
        arguments: optionsReadingStandardInput.indices)
    func textOptionFromStandardInput(_ index: Int) throws {
        let (option, arguments, exported) = Self.optionsReadingStandardInput[index]
        let cli = try importedStore()
        let result = try cli.run(arguments + [option, "-"], input: Data("Piped Words\n".utf8))
        #expect(result.status == 0, "\(result.standardError)")
        let export = try cli.run(["export", "jsonl"]).standardOutput
        #expect(export.contains(exported), "\(export)")
        #expect(!export.contains(#":"-""#))
        let log = try cli.run(["log", "--limit", "1"]).standardOutput
        #expect(log.contains("\(option) -"), "\(log)")
    }

    @Test("two options given - are refused (64) before anything is read or written, --text-file - among them; so is empty input")
    func twoReadersOfStandardInput() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let claim = try cli.run(
            [
                "add", "claim", "hamas", "praised", "isis", "--source", "police", "--quote", "-", "--stance", "asserts",
                "--credibility", "3", "--notes", "-",
            ], input: Data("words\n".utf8))
        #expect(claim.status == 64)
        #expect(
            claim.standardError
                == "isnad: --quote - and --notes - would both read standard input, which holds one text: give - to one of them, the others on the command line (or isnad edit ID afterwards)\n(see 'isnad add --help')\n"
        )
        let source = try cli.run(
            ["add", "source", "--type", "statement", "--title", "-", "--url", "-", "--text-file", "-"],
            input: Data("words\n".utf8))
        #expect(source.status == 64)
        #expect(source.standardError.hasPrefix("isnad: --title -, --url - and --text-file - would all read standard input"))
        let empty = try cli.run(
            [
                "add", "claim", "hamas", "praised", "isis", "--source", "police", "--quote", "q", "--stance", "asserts",
                "--credibility", "3", "--notes", "-",
            ], input: Data("\n".utf8))
        #expect(empty.status == 65)
        #expect(empty.standardError == "isnad: --notes -: standard input was empty: nothing changed\n")
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }

    @Test(
        "a value read from standard input that the record refuses is bad input data (65), named with its -; a closed standard input is said (66)"
    )
    func badValueFromStandardInput() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let claim = [
            "add", "claim", "hamas", "praised", "isis", "--source", "police", "--quote", "q", "--stance", "asserts",
            "--credibility", "3",
        ]
        for option in ["--notes", "--unverified"] {
            let result = try cli.run(claim + [option, "-"], input: Data("a\u{0}b".utf8))
            #expect(result.status == 65, "\(result.standardError)")
            #expect(
                result.standardError
                    == "isnad: \(option) -: contains the control character U+0000, which Isnad does not store\n")
        }
        let name = try cli.run(
            ["add", "entity", "--type", "person", "--name", "-"], input: Data(String(repeating: "x", count: 600).utf8))
        #expect(name.status == 65, "\(name.standardError)")
        #expect(name.standardError.hasPrefix("isnad: --name -: 600 characters, more than the 500 a name may have"))
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "ISNAD_DB")
        let closed = try ExternalTool.run(
            "/bin/sh", ["-c", #""$0" "$@" <&-"#, CLIHarness.binary] + claim + ["--unverified", "-"], directory: cli.directory,
            environment: environment)
        #expect(closed.status == 66)
        #expect(closed.standardError == "isnad: --unverified -: standard input is closed (<&-): nothing to read\n")
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }

    @Test("--dry-run checks everything, says what it would have done, prints no id and writes nothing, history included")
    func dryRun() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let log = try cli.run(["log"]).standardOutput
        let entity = try cli.run(["add", "entity", "--type", "person", "--name", "Dry Person", "--dry-run"])
        #expect(entity.status == 0 && entity.standardOutput.isEmpty)
        #expect(entity.standardError == "dry run: would have added entity \"dry-person\"; nothing written\n")
        let claim = try cli.run([
            "add", "claim", "hamas", "praised", "isis", "--source", "police-text", "--quote", "q", "--unverified", "test",
            "--stance", "asserts", "--credibility", "3", "--dry-run",
        ])
        #expect(claim.status == 0 && claim.standardError.hasPrefix("dry run: would have added claim"), "\(claim.standardError)")
        // Its notes are those of the run it stands for: a grade of 1 with one channel.
        let confirmed = try cli.run([
            "add", "claim", "hamas", "praised", "isis", "--source", "police-text", "--quote", "q", "--unverified", "test",
            "--stance", "asserts", "--credibility", "1", "--dry-run",
        ])
        #expect(confirmed.standardError.contains("isnad: note: citation 1 is graded 1"), "\(confirmed.standardError)")
        // What would be refused is refused as without it.
        let bad = try cli.run([
            "add", "claim", "hamas", "praised", "nobody", "--source", "police-text", "--quote", "q",
            "--unverified", "test", "--stance", "asserts", "--credibility", "3", "--dry-run",
        ])
        #expect(bad.status == 65)
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        #expect(try cli.run(["log"]).standardOutput == log)
        // A citation given again as it stands changes nothing, and says so, dry run or not.
        let again = [
            "add", "claim", "hamas", "praised", "isis", "--id", "again", "--source", "police-text", "--quote", "q",
            "--unverified", "test", "--stance", "asserts", "--credibility", "3",
        ]
        #expect(try cli.run(again).status == 0)
        let same = try cli.run(again)
        #expect(same.standardError == "citation 1 of claim \"again\" is there already, unchanged\n", "\(same.standardError)")
        let sameDry = try cli.run(again + ["--dry-run"])
        #expect(
            sameDry.standardError
                == "dry run: citation 1 of claim \"again\" is there already, unchanged; nothing written\n",
            "\(sameDry.standardError)")
    }

    @Test("a quote --unverified lets in that is found word for word is noted; so is a quote of a source with no stored text")
    func quotesNotedAsChecked() throws {
        let cli = try importedStore()
        let found = try cli.run([
            "add", "claim", "hamas", "praised", "isis", "--source", "police-text", "--quote", "Hamas blessed the operation",
            "--unverified", "paraphrase", "--stance", "asserts", "--credibility", "3",
        ])
        #expect(found.status == 0, "\(found.standardError)")
        #expect(
            found.standardError.hasSuffix(
                "isnad: note: the quote is in the text of source \"police-text\" word for word (line 2): --unverified was not needed, and the locator says unverified all the same\n"
            ), "\(found.standardError)")
        let unchecked = try cli.run([
            "add", "claim", "isis", "praised", "hadera-attack", "--source", "police", "--quote", "words",
            "--stance", "asserts", "--credibility", "3",
        ])
        #expect(unchecked.status == 0, "\(unchecked.standardError)")
        #expect(
            unchecked.standardError.hasSuffix(
                "isnad: note: source \"police\" has no stored text, so the quote was not checked against it\n"),
            "\(unchecked.standardError)")
        // --unverified says so already: no note.
        let vouched = try cli.run([
            "add", "claim", "isis", "praised", "hamas", "--source", "police", "--quote", "words", "--unverified", "a note",
            "--stance", "asserts", "--credibility", "3",
        ])
        #expect(!vouched.standardError.contains("note"), "\(vouched.standardError)")
    }

    @Test(
        "a date after today, or a claim starting after every source that speaks of it, is warned of as check says it; still written"
    )
    func datesWarnedOf() throws {
        let cli = try importedStore()
        let source = try cli.run([
            "add", "source", "--type", "statement", "--title", "Soon", "--id", "soon", "--published", "2999-01",
        ])
        #expect(source.status == 0)
        #expect(
            source.standardError.hasSuffix(
                "isnad: warning: source \"soon\": published 2999-01, after today (\(Self.today) in UTC+14, where the day comes first): a date to come is a mistake\n"
            ), "\(source.standardError)")
        let claim = try cli.run([
            "add", "claim", "hamas", "allied_with", "isis", "--source", "police", "--quote", "q", "--unverified", "test",
            "--stance", "asserts", "--credibility", "3", "--start", "2023", "--dry-run",
        ])
        #expect(claim.status == 0)
        #expect(
            claim.standardError.contains(
                "isnad: warning: claim \"c-"), "\(claim.standardError)")
        #expect(
            claim.standardError.contains(
                "starts 2023, after every source that speaks of it was public (the latest 2022-03-27): its start, or a source's date, is wrong"
            ), "\(claim.standardError)")
        // A date that can be right says nothing.
        let right = try cli.run([
            "add", "source", "--type", "statement", "--title", "Then", "--published", "2022-03-28",
        ])
        #expect(right.standardError == "added source \"then\" (history entry 4)\n")
    }

    /// What add claim says of a quote of `police`, whose text is not stored.
    static let unchecked = "isnad: note: source \"police\" has no stored text, so the quote was not checked against it\n"

    /// Today where it is latest (UTC+14), as check reads it.
    static var today: String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(secondsFromGMT: 14 * 3600)
        return formatter.string(from: Date())
    }

    @Test("the words of a fixed set are read without regard to case, as the filters read them, and stored as spelt")
    func wordsOfAFixedSet() throws {
        let cli = try importedStore()
        #expect(try cli.run(["add", "entity", "--type", "Person", "--name", "Abu Test"]).status == 0)
        #expect(try cli.run(["add", "source", "--type", "News-Article", "--title", "Paper", "--reliability", "b"]).status == 0)
        let claim = try cli.run([
            "add", "claim", "abu-test", "member_of", "hamas", "--id", "abu-test-in-hamas", "--source", "paper", "--quote", "q",
            "--unverified", "test", "--stance", "Asserts", "--credibility", "٣",
        ])
        #expect(claim.status == 0, "\(claim.standardError)")
        #expect(try cli.run(["set", "paper", "reliability", "c"]).status == 0)
        #expect(try cli.run(["set", "abu-test-in-hamas", "citations[0].stance", "REPORTS"]).status == 0)
        let export = try cli.run(["export", "jsonl"]).standardOutput
        #expect(export.contains(#""id":"abu-test","type":"person""#))
        #expect(export.contains(#""id":"paper","type":"news-article","title":"Paper","reliability":"C""#), "\(export)")
        #expect(export.contains(#""stance":"reports","credibility":3"#))
    }

    @Test("a quote not in the source's text is refused, unless --unverified says why (noted in the locator)")
    func unverified() throws {
        let cli = try importedStore()
        let arguments = [
            "add", "claim", "hamas", "praised", "hadera-attack", "--source", "police-text", "--quote", "Hamas praised it",
            "--stance", "reports", "--credibility", "3",
        ]
        let refused = try cli.run(arguments)
        #expect(refused.status == 65)
        #expect(
            refused.standardError
                == "isnad: --quote: not found in the text of source \"police-text\" (word for word; give --unverified REASON to add it anyway): the text has \"Hamas\" (line 2) from the start of the quote; then the quote has \"praised\" where the text has \"blessed\"\n"
        )
        let accepted = try cli.run(arguments + ["--unverified", "paraphrased by the desk"])
        #expect(accepted.status == 0, "\(accepted.standardError)")
        #expect(try cli.run(["export", "jsonl"]).standardOutput.contains(#""locator":"unverified: paraphrased by the desk""#))
        // Vouched for, it does not fail check ever after; it is listed to review, a warning: exit 0.
        let check = try cli.run(["check"])
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        #expect(check.standardOutput.contains("ok   quotes not found in their source's text: ok"), "\(check.standardOutput)")
        #expect(
            check.standardOutput.contains(
                "warn quotes let in unverified though their source has text (to review): 1 to review\n       claim \"hamas-praised-attack\" citation 2: quote «Hamas praised it» was let in unverified (unverified: paraphrased by the desk), though police-text has text: read it against the text, and correct the quote or keep the reason\n"
            ), "\(check.standardOutput)")
        let csv = try cli.run(["check", "--format", "csv"])
        #expect(csv.status == 0)
        #expect(
            csv.standardOutput
                == "check,subject,message\r\nunverified-quote,\"claim \"\"hamas-praised-attack\"\" citation 2\",\"quote «Hamas praised it» was let in unverified (unverified: paraphrased by the desk), though police-text has text: read it against the text, and correct the quote or keep the reason\"\r\n",
            "\(csv.standardOutput)")
    }

    @Test(
        "add refuses bad input with one line naming the option, and changes nothing",
        arguments: [
            (["add", "person"], 64, "isnad: add what? \"person\" is not entity, source or claim\n(see 'isnad add --help')\n"),
            (["add", "entity", "--type", "person"], 64, "isnad: add entity needs --name\n(see 'isnad add --help')\n"),
            (["add", "entity", "--name", "X Y"], 64, "isnad: add entity needs --type\n(see 'isnad add --help')\n"),
            (
                ["add", "entity", "--name", "X Y", "--type", "persn"], 64,
                "isnad: --type: \"persn\" is not one of person, organization, event, place (did you mean \"person\"?)\n(see 'isnad add --help')\n"
            ),
            (
                ["add", "entity", "--name", "X Y", "--type", "person", "--alias", "حماس"], 64,
                "isnad: --alias: expected LANG:NAME (ar:حماس), got \"حماس\"\n(see 'isnad add --help')\n"
            ),
            (
                ["add", "entity", "--name", "X Y", "--type", "person", "--attribute", "size"], 64,
                "isnad: --attribute: expected KEY=VALUE (size=200), got \"size\"\n(see 'isnad add --help')\n"
            ),
            (
                ["add", "entity", "--name", "X Y", "--type", "person", "--attribute", "=200"], 64,
                "isnad: --attribute: expected KEY=VALUE (size=200), got \"=200\"\n(see 'isnad add --help')\n"
            ),
            (
                ["add", "entity", "--name", "X Y", "--type", "person", "--attribute", "founded in=1987"], 64,
                "isnad: --attribute: a key is letters, digits, _ and - (as set names it: attributes.KEY), got \"founded in\"\n(see 'isnad add --help')\n"
            ),
            (
                ["add", "entity", "--name", "X Y", "--type", "person", "--attribute", "size=1", "--attribute", "size=2"], 64,
                "isnad: --attribute: \"size\" is given twice\n(see 'isnad add --help')\n"
            ),
            (
                ["add", "entity", "--name", "Hamas", "--type", "organization"], 65,
                "isnad: entity \"hamas\" exists already (Hamas): give another --id\n"
            ),
            (
                ["add", "entity", "--name", " ", "--type", "organization"], 64,
                "isnad: --name is empty: --name <name>\n(see 'isnad add --help')\n"
            ),
            (
                ["add", "entity", "--name", "★ ★", "--type", "organization"], 64,
                "isnad: --name: no id can be made from \"★ ★\" (no letters that have a Latin spelling): give --id\n(see 'isnad add --help')\n"
            ),
            (
                ["add", "entity", "--name", "X", "--type", "person", "--quote", "q"], 64,
                "isnad: --quote does not apply to add entity, only to add claim\n(see 'isnad add --help')\n"
            ),
            (
                ["add", "source", "--title", "T", "--type", "news-article", "--reliability", "G"], 64,
                "isnad: --reliability: expected a grade from A to F, got \"G\"\n(see 'isnad add --help')\n"
            ),
            (
                ["add", "claim", "hamas", "praised"], 64,
                "isnad: add claim needs SUBJECT PREDICATE OBJECT, got 2 arguments\n(see 'isnad add --help')\n"
            ),
            (
                [
                    "add", "claim", "hamas", "praised", "hadera-attack", "--source", "police", "--quote", "q", "--stance",
                    "asserts",
                ],
                64, "isnad: add claim needs --credibility\n(see 'isnad add --help')\n"
            ),
            (
                [
                    "add", "claim", "hamas", "praysed", "hadera-attack", "--source", "police", "--quote", "q", "--stance",
                    "asserts", "--credibility", "2",
                ], 64, "isnad: PREDICATE: unknown predicate \"praysed\" (did you mean \"praised\"?)\n(see 'isnad add --help')\n"
            ),
            (
                [
                    "add", "claim", "hamas", "praised", "hadera-attack", "--source", "police", "--quote", "q", "--stance",
                    "claims", "--credibility", "2",
                ], 64,
                "isnad: --stance: \"claims\" is not one of asserts, reports, denies (in French: affirme, rapporte, dément; in Arabic: يؤكد, ينقل, ينفي)\n(see 'isnad add --help')\n"
            ),
            (
                [
                    "add", "claim", "hamas", "praised", "hadera-attack", "--source", "police", "--quote", "q", "--stance",
                    "asserts", "--credibility", "7",
                ], 64,
                "isnad: --credibility: expected a grade from 1 to 6, got \"7\"\n(see 'isnad add --help')\n"
            ),
            (
                [
                    "add", "claim", "hamas", "praised", "hadera-attack", "--source", "police", "--quote", "q", "--stance",
                    "asserts", "--credibility", "2", "--start", "2022-02-30",
                ], 64,
                "isnad: --start: \"2022-02-30\" is not a valid date: day 30 does not exist in 2022-02\n(see 'isnad add --help')\n"
            ),
            (
                [
                    "add", "claim", "hamas", "praised", "hadera-attack", "--source", "police", "--quote", "q", "--stance",
                    "asserts", "--credibility", "2", "--start", "2022", "--end", "2021",
                ], 64, "isnad: --end: 2021 is before start 2022\n(see 'isnad add --help')\n"
            ),
            (
                [
                    "add", "claim", "hadera-attack", "member_of", "hamas", "--source", "police", "--quote", "q", "--stance",
                    "asserts", "--credibility", "2",
                ], 65, "isnad: SUBJECT: member_of takes a subject of type person or organization, not event\n"
            ),
            (
                [
                    "add", "claim", "hamas", "praised", "hadera-attack", "--source", "polise", "--quote", "q", "--stance",
                    "asserts", "--credibility", "2",
                ], 65, nil
            ),
            (
                [
                    "add", "claim", "hamas", "praised", "isis", "--id", "hamas-praised-attack", "--source", "police", "--quote",
                    "q", "--stance", "asserts", "--credibility", "2",
                ], 65,
                "isnad: --id: claim \"hamas-praised-attack\" has object \"hadera-attack\": a claim id keeps its subject, predicate and object\n"
            ),
        ] as [([String], Int32, String?)])
    func badAdd(arguments: [String], status: Int32, message: String?) throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let result = try cli.run(arguments)
        #expect(result.status == status, "\(result.standardError)")
        if let message {
            #expect(result.standardError == message)
        } else {
            #expect(result.standardError.hasPrefix("isnad: --source: "))
        }
        #expect(result.standardOutput.isEmpty)
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        #expect(!(try cli.run(["log"]).standardOutput.contains("entry 3")))
    }

    @Test("a citation cannot be added to a retracted claim")
    func retractedClaim() throws {
        let cli = try importedStore()
        #expect(try cli.run(["retract", "hamas-praised-attack", "--reason", "wrong"]).status == 0)
        let result = try cli.run([
            "add", "claim", "hamas", "praised", "hadera-attack", "--id", "hamas-praised-attack", "--source", "police",
            "--quote", "q", "--stance", "asserts", "--credibility", "2",
        ])
        #expect(result.status == 65)
        #expect(result.standardError == "isnad: claim \"hamas-praised-attack\" is retracted: isnad restore it first\n")
    }

    @Test("a claim about a merged id is said to go to the entity it was merged into")
    func mergedEnd() throws {
        let cli = try importedStore()
        try cli.write(
            "more.jsonl", #"{"record":"entity","id":"daesh","type":"organization","name":"Daesh group"}"# + "\n")
        #expect(try cli.run(["import", "more.jsonl"]).status == 0)
        #expect(try cli.run(["merge", "isis", "daesh"]).status == 0)
        let result = try cli.run([
            "add", "claim", "daesh", "praised", "hadera-attack", "--source", "police", "--quote", "q", "--unverified", "test",
            "--stance", "asserts", "--credibility", "3",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(
            result.standardError.hasPrefix("isnad: \"daesh\" was merged into isis: taken as Islamic State (isis)\n"),
            "\(result.standardError)")
    }

    @Test("a citation graded 1 (confirmed) on a claim with one channel: add says it is read as 2")
    func unconfirmedGrade() throws {
        let cli = try importedStore()
        let result = try cli.run([
            "add", "claim", "isis", "praised", "hadera-attack", "--source", "police", "--quote", "q", "--unverified", "test",
            "--stance", "asserts", "--credibility", "1",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(
            result.standardError.contains(
                "isnad: note: citation 1 is graded 1 (confirmed by other independent sources), but the claim's support has 1 independent channel: its grades are read as 2"
            ), "\(result.standardError)")
        let graded2 = try cli.run([
            "add", "claim", "hamas", "praised", "isis", "--source", "police", "--quote", "q", "--unverified", "test",
            "--stance", "asserts", "--credibility", "2",
        ])
        #expect(graded2.status == 0, "\(graded2.standardError)")
        #expect(!graded2.standardError.contains("note:"), "\(graded2.standardError)")
    }

    @Test("add claim lists every problem of its command line at once, one line each, as an import lists a record's")
    func everyProblem() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let result = try cli.run([
            "add", "claim", "Nobody Known", "leads", "hamas", "--source", "police-text", "--quote", "not in the text",
            "--stance", "asserts", "--credibility", "3",
        ])
        #expect(result.status == 65)
        #expect(
            result.standardError == """
                isnad: SUBJECT: no entity matches "Nobody Known" (try fewer words of the name)
                isnad: PREDICATE: unknown predicate "leads"
                isnad: --quote: not found in the text of source "police-text" (word for word; give --unverified REASON to add it anyway)

                """, "\(result.standardError)")
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        // A --via that names nothing: the quote is not looked for in the claimant's text instead.
        let via = try cli.run([
            "add", "claim", "hamas", "praised", "hadera-attack", "--source", "police", "--via", "police-txt", "--quote",
            "not in the text", "--stance", "asserts", "--credibility", "3",
        ])
        #expect(via.status == 65)
        #expect(via.standardError.hasPrefix("isnad: --via: no source matches \"police-txt\""), "\(via.standardError)")
        #expect(!via.standardError.contains("--quote"), "\(via.standardError)")
    }
}
