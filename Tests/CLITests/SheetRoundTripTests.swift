import Foundation
import TestHelpers
import Testing

/// A listing's CSV edited in a spreadsheet and imported back, as a team works: what nobody
/// edited stays as it was, and what a spreadsheet damaged is refused.
@Suite("spreadsheet round trips", .temporaryStore)
struct SheetRoundTripTests {
    /// Quotes a CSV guards against formulas, or gives back trimmed, or with LF for CRLF.
    static let records = """
        {"record":"entity","id":"unit-972","type":"organization","name":"+972 unit"}
        {"record":"entity","id":"alpha","type":"organization","name":"Alpha Brigade"}
        {"record":"entity","id":"beta","type":"organization","name":"Beta Front"}
        {"record":"source","id":"digest","type":"news-article","title":"Digest","reliability":"C","published":"2022-03-27"}
        {"record":"claim","id":"c1","subject":"unit-972","predicate":"allied_with","object":"alpha","start":"2022-03","end":null,"citations":[{"source":"digest","quote":"-they fought together","quote_en":"=together","stance":"asserts","credibility":2,"locator":"-p. 3"}],"notes":"Seen twice"}
        {"record":"claim","id":"w1","subject":"alpha","predicate":"funded","object":"unit-972","start":null,"end":null,"citations":[{"source":"digest","quote":" spaces around ","quote_en":"'-kept","stance":"asserts","credibility":2}]}
        {"record":"claim","id":"w2","subject":"unit-972","predicate":"funded","object":"beta","start":null,"end":null,"citations":[{"source":"digest","quote":"line one\\r\\nline two","stance":"asserts","credibility":2}],"notes":" a note\\r\\nacross lines "}

        """

    private func store() throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", Self.records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        return cli
    }

    @Test("a listing's CSV imports back as it was: the formula guard taken off, quotes matched as a cell gives them back")
    func unchangedListing() throws {
        let cli = try store()
        let before = try cli.run(["export", "jsonl"]).standardOutput
        let listing = try cli.run(["claims", "--format", "csv"]).standardOutput
        #expect(listing.contains(#""'-they fought together""#))
        // A text that starts with ' before a formula's sign is given one more, to come back whole.
        #expect(listing.contains(#""''-kept""#), "\(listing)")
        try cli.write("listing.csv", listing)
        let back = try cli.run(["import", "listing.csv"])
        #expect(back.status == 0, "\(back.standardError)")
        #expect(back.standardError.contains("the store holds them as they are; nothing changed"), "\(back.standardError)")
        #expect(try cli.run(["export", "jsonl"]).standardOutput == before)
    }

    @Test("a listing's rows name their claims: two claims that state the same with the same dates each keep their own citations")
    func namedAmongAlike() throws {
        let cli = try store()
        try cli.write(
            "twin.jsonl",
            #"{"record":"claim","id":"w1-twin","subject":"alpha","predicate":"funded","object":"unit-972","start":null,"end":null,"citations":[{"source":"digest","quote":"the twin","stance":"reports","credibility":3}]}"#
                + "\n")
        #expect(try cli.run(["import", "twin.jsonl"]).status == 0)
        let listing = try cli.run(["claims", "--format", "csv"]).standardOutput
        try cli.write("listing.csv", listing.replacingOccurrences(of: ",reports,3,the twin,", with: ",reports,4,the twin,"))
        let imported = try cli.run(["import", "listing.csv"])
        #expect(imported.status == 0, "\(imported.standardError)")
        let twin = try cli.run(["claims", "--subject", "alpha", "--predicate", "funded", "--format", "json"]).standardOutput
        #expect(twin.contains(#""quote":"the twin","stance":"reports","credibility":4"#), "\(twin)")
        #expect(imported.standardError.contains("0 new claims, 0 claims with more citations; 1 citation the store held"))
        // Into a store that holds the entities and sources but no claim: the ids come too, and
        // the two claims stay apart.
        try cli.write(
            "bare.jsonl",
            Self.records.split(separator: "\n").filter { !$0.contains(#""record":"claim""#) }.joined(separator: "\n") + "\n")
        #expect(try cli.run(["--db", "bare.isnad", "import", "bare.jsonl"]).status == 0)
        let other = try cli.run(["--db", "bare.isnad", "import", "listing.csv"])
        #expect(other.status == 0, "\(other.standardError)")
        let ids = try cli.run(["--db", "bare.isnad", "claims", "--format", "csv"]).standardOutput.split(separator: "\r\n")
            .dropFirst().compactMap { $0.split(separator: ",").first.map(String.init) }
        #expect(Set(ids) == ["c1", "w1", "w1-twin", "w2"], "\(ids)")
        // add claim with a new id brings back no retracted relationship either.
        #expect(try cli.run(["retract", "w1-twin", "--reason", "misread"]).status == 0)
        let added = try cli.run([
            "add", "claim", "alpha", "funded", "unit-972", "--id", "w1-again", "--source", "digest", "--quote", "x",
            "--stance", "asserts", "--credibility", "2",
        ])
        #expect(added.status == 65)
        #expect(added.standardError.contains("is retracted: isnad restore"), "\(added.standardError)")
    }

    @Test(
        "a claim's notes travel in a listing's CSV: into another store, edited in place, kept by an empty cell; rows that disagree are refused"
    )
    func notes() throws {
        let cli = try store()
        let listing = try cli.run(["claims", "--format", "csv"]).standardOutput
        #expect(listing.contains(#""'-p. 3",Seen twice"#), "\(listing)")
        // Into a store that has the entities and sources only: the claims come with their notes.
        let other = try CLIHarness()
        try other.write(
            "base.jsonl",
            Self.records.split(separator: "\n").filter { !$0.contains(#""record":"claim""#) }.joined(separator: "\n"))
        #expect(try other.run(["import", "base.jsonl"]).status == 0)
        try other.write("listing.csv", listing)
        #expect(try other.run(["import", "listing.csv"]).status == 0)
        let copied = try other.run(["export", "jsonl"]).standardOutput
        #expect(copied.contains(#""notes":"Seen twice""#) && copied.contains(#""notes":"a note\nacross lines""#), "\(copied)")
        // Edited in place: the notes replaced, said in the summary and the history.
        try cli.write("edited.csv", listing.replacingOccurrences(of: ",Seen twice", with: ",Seen three times"))
        let edited = try cli.run(["import", "edited.csv"])
        #expect(edited.status == 0, "\(edited.standardError)")
        #expect(
            edited.standardError.contains(
                "0 new claims, 0 claims with more citations; the notes of 1 claim the store held given otherwise, and replaced (isnad log shows how)"
            ), "\(edited.standardError)")
        #expect(try cli.run(["log", "c1"]).standardOutput.contains(#"notes: "Seen twice" → "Seen three times""#))
        // An empty cell keeps them.
        try cli.write("emptied.csv", listing.replacingOccurrences(of: ",Seen twice", with: ","))
        #expect(try cli.run(["import", "emptied.csv"]).standardError.contains("nothing changed"))
        // Two rows of one claim that give it two notes.
        let before = try cli.run(["export", "jsonl"]).outputBytes
        try cli.write(
            "notes.csv",
            """
            subject,predicate,object,start,source,quote,stance,credibility,notes
            unit-972,allied_with,alpha,2022-03,digest,q one,asserts,3,one
            unit-972,allied_with,alpha,2022-03,digest,q two,asserts,3,two

            """)
        let refused = try cli.run(["import", "notes.csv"])
        #expect(refused.status == 65)
        #expect(
            refused.standardError.contains(
                "notes.csv:3:9: notes: line 2 gives this claim other notes: a claim has one, give it once (or leave the cell empty)"
            ),
            "\(refused.standardError)")
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        // Notes that read as a spreadsheet's error value are the analyst's words: the listing imports back.
        #expect(try cli.run(["set", "w1", "notes", "#N/A"]).status == 0)
        try cli.write("na.csv", try cli.run(["claims", "--format", "csv"]).standardOutput)
        let back = try cli.run(["import", "na.csv"])
        #expect(back.status == 0 && back.standardError.contains("nothing changed"), "\(back.standardError)")
        // A notes cell edited into another Unicode form (é as e and a mark) is an edit.
        #expect(try cli.run(["set", "w1", "notes", "caf\u{E9}"]).status == 0)
        let composed = try cli.run(["claims", "--format", "csv"]).standardOutput
        try cli.write("decomposed.csv", composed.replacingOccurrences(of: "caf\u{E9}", with: "cafe\u{301}"))
        #expect(try cli.run(["import", "decomposed.csv"]).standardError.contains("the notes of 1 claim"))
    }

    @Test("one cell edited in a listing changes that field alone; an empty cell keeps what the store holds; the summary says so")
    func oneEdit() throws {
        let cli = try store()
        let listing = try cli.run(["claims", "--format", "csv"]).standardOutput
        // c1's credibility 2 → 4, and its translation and locator cells emptied.
        let edited = listing.replacingOccurrences(
            of: #"asserts,2,"'-they fought together","'=together","'-p. 3""#, with: #"asserts,4,"'-they fought together",,"#)
        #expect(edited != listing)
        try cli.write("edited.csv", edited)
        let imported = try cli.run(["import", "edited.csv"])
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(
            imported.standardError.contains(
                "0 new claims, 0 claims with more citations; 1 citation the store held given with another stance"),
            "\(imported.standardError)")
        let c1 = try cli.run(["claims", "--subject", "unit-972", "--predicate", "allied_with", "--format", "json"])
            .standardOutput
        #expect(c1.contains(#""credibility":4"#) && c1.contains(#""quote_en":"=together""#) && c1.contains(#""locator":"-p. 3""#))
        let log = try cli.run(["log"]).standardOutput.components(separatedBy: "\n\n").first ?? ""
        #expect(log.contains("citations[0].credibility: 2 → 4") && !log.contains("quote_en"), "\(log)")
    }

    @Test(
        "rows of one relationship are written in their order, however their ids and ends go: the last row wins, a claim added by a row is found by the next"
    )
    func rowsOfOneRelationshipInOrder() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "records.jsonl",
            """
            {"record":"entity","id":"orga","type":"organization","name":"Org A"}
            {"record":"entity","id":"orgb","type":"organization","name":"Org B"}
            {"record":"entity","id":"orgc","type":"organization","name":"Org C"}
            {"record":"source","id":"s1","type":"statement","title":"S one","reliability":"B"}
            {"record":"source","id":"s2","type":"statement","title":"S two","reliability":"C"}
            {"record":"source","id":"s3","type":"statement","title":"S three","reliability":"A"}
            {"record":"source","id":"s4","type":"statement","title":"S four","reliability":"D"}
            {"record":"claim","id":"yclaim","subject":"orga","predicate":"hostile_to","object":"orgb","citations":[{"source":"s2","quote":"q two","stance":"asserts","credibility":3}]}

            """)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        // A symmetric relationship given both ways round: its citations in row order.
        try cli.write(
            "ends.csv",
            """
            subject,predicate,object,source,quote,stance,credibility
            orga,allied_with,orgb,s1,q one,asserts,2
            orgb,allied_with,orga,s2,q two,asserts,3
            orga,allied_with,orgb,s3,q three,asserts,2

            """)
        #expect(try cli.run(["import", "ends.csv"]).status == 0)
        let allied = try cli.run(["claims", "--predicate", "allied_with", "--format", "json"]).standardOutput
        #expect(allied.contains(#""quote":"q one""#) && allied.contains(#""quote":"q three""#))
        #expect(allied.components(separatedBy: "q one")[1].contains("q two"))
        #expect(allied.components(separatedBy: "q two")[1].contains("q three"))
        // A row without an id and a later row naming the claim give one citation: the later wins.
        try cli.write(
            "last.csv",
            """
            claim,subject,predicate,object,source,quote,stance,credibility
            yclaim,orga,hostile_to,orgb,s3,q three,asserts,2
            ,orga,hostile_to,orgb,s1,q one,denies,3
            yclaim,orga,hostile_to,orgb,s1,q one,asserts,2

            """)
        #expect(try cli.run(["import", "last.csv"]).status == 0)
        let hostile = try cli.run(["export", "jsonl"]).standardOutput
        #expect(hostile.contains(#""source":"s1","quote":"q one","stance":"asserts","credibility":2"#), "\(hostile)")
        // Two claims added by rows that state one relationship: a later row without an id is
        // ambiguous between them, as when each row was written at once.
        try cli.write(
            "two.csv",
            """
            claim,subject,predicate,object,source,quote,stance,credibility
            xnew,orga,hostile_to,orgc,s1,q one,asserts,2
            ,orga,hostile_to,orgc,s2,q two,asserts,3
            ynew,orga,hostile_to,orgc,s3,q three,asserts,2
            ,orga,hostile_to,orgc,s4,q four,asserts,3

            """)
        let two = try cli.run(["import", "two.csv"])
        #expect(two.status == 65)
        #expect(
            two.standardError.contains("two.csv:5: 2 claims say orga hostile_to orgc with the same dates (xnew, ynew)"),
            "\(two.standardError)")
    }

    @Test("two rows that name one new claim and say two things of it are refused, not joined into one claim")
    func oneIDTwoRelationships() throws {
        let cli = try store()
        try cli.write(
            "named.csv",
            """
            claim,subject,predicate,object,start,source,quote,stance,credibility
            new-1,unit-972,allied_with,alpha,2022-03,digest,first words,asserts,2
            new-1,unit-972,allied_with,alpha,2023-01,digest,other words,asserts,2

            """)
        let named = try cli.run(["import", "named.csv"])
        #expect(named.status == 65)
        #expect(
            named.standardError.contains(
                "named.csv:3:1: claim: line 2 names claim \"new-1\" with another subject, predicate, object or dates"),
            "\(named.standardError)")
        #expect(try cli.run(["show", "new-1"]).status != 0)
        // The first row in another sheet of the same import: named with its file.
        let header = "claim,subject,predicate,object,start,source,quote,stance,credibility\n"
        try cli.write("a.csv", header + "new-1,unit-972,allied_with,alpha,2022-03,digest,first words,asserts,2\n")
        try cli.write("b.csv", header + "new-1,unit-972,allied_with,alpha,2023-01,digest,other words,asserts,2\n")
        let split = try cli.run(["import", "a.csv", "b.csv"])
        #expect(split.status == 65)
        #expect(split.standardError.contains("b.csv:2:1: claim: a.csv:2 names claim \"new-1\""), "\(split.standardError)")
    }

    @Test("a row that states a retracted claim, or names a claim and says something else of it, is refused with its line")
    func retractedAndMisnamed() throws {
        let cli = try store()
        let listing = try cli.run(["claims", "--format", "csv"]).standardOutput
        try cli.write("listing.csv", listing)
        // A date changed in the listing: the row names c1, which says 2022-03.
        try cli.write("dated.csv", listing.replacingOccurrences(of: ",Alpha Brigade,2022-03,", with: ",Alpha Brigade,2022-04,"))
        let dated = try cli.run(["import", "dated.csv"])
        #expect(dated.status == 65)
        #expect(
            dated.standardError.contains(
                "dated.csv:2:1: claim: claim \"c1\" says unit-972 allied_with alpha (from 2022-03), not what the row says"),
            "\(dated.standardError)")
        #expect(dated.standardError.contains("isnad set c1 FIELD VALUE changes a claim"))
        #expect(try cli.run(["retract", "c1", "--reason", "misread"]).status == 0)
        let named = try cli.run(["import", "listing.csv"])
        #expect(named.status == 65)
        #expect(named.standardError.contains("claim \"c1\" is retracted: isnad restore c1 first"), "\(named.standardError)")
        // Without the claim column, the same relationship and dates find the retracted claim.
        try cli.write(
            "sheet.csv",
            "subject,predicate,object,start,source,quote,stance,credibility\nunit-972,allied_with,alpha,2022-03,digest,other words,asserts,2\n"
        )
        let sheet = try cli.run(["import", "sheet.csv"])
        #expect(sheet.status == 65)
        #expect(
            sheet.standardError.contains("sheet.csv:2: claim \"c1\" says this and is retracted: isnad restore c1 first"),
            "\(sheet.standardError)")
        #expect(try cli.run(["claims", "--predicate", "allied_with"]).standardOutput.contains("c1") == false)
        // add claim, as the sheet: the relationship and its dates, whatever the retracted claim's id.
        let added = try cli.run([
            "add", "claim", "alpha", "allied_with", "unit-972", "--source", "digest", "--quote", "other words", "--stance",
            "asserts", "--credibility", "2", "--start", "2022-03",
        ])
        #expect(added.status != 0)
        #expect(
            added.standardError.contains("claim \"c1\" says this and is retracted: isnad restore c1 first"),
            "\(added.standardError)")
    }

    @Test(
        "text a spreadsheet damaged is refused: an error value, letters lost to question marks, mojibake, U+FFFD, a cell cut at 32,767",
        arguments: [
            ("#NAME?", "is a spreadsheet's error value"), ("?????? ???? ??", "its letters are question marks"),
            ("Ù‚Ø§ØªÙ„ÙˆØ§", "looks like UTF-8 read as Windows text"), ("ok \u{FFFD}\u{FFFD}", "holds U+FFFD"),
            (String(repeating: "a", count: 32_767), "exactly 32,767 characters"),
        ])
    func damaged(quote: String, message: String) throws {
        let cli = try store()
        try cli.write(
            "damaged.csv",
            "subject,predicate,object,source,quote,stance,credibility\nalpha,funded,beta,digest,\(quote),asserts,2\n")
        let result = try cli.run(["import", "damaged.csv"])
        #expect(result.status == 65)
        #expect(result.standardError.contains("damaged.csv:2:5: quote: "), "\(result.standardError.prefix(300))")
        #expect(result.standardError.contains(message), "\(result.standardError.prefix(300))")
    }

    @Test("Accented Latin text, an Arabic quote and a question are not taken for damage")
    func undamaged() throws {
        let cli = try store()
        try cli.write(
            "fine.csv",
            """
            subject,predicate,object,source,quote,stance,credibility
            alpha,funded,beta,digest,Élysée: voilà ce qu'a dit le général,asserts,2
            alpha,funded,beta,digest,قاتلوا معاً؟,asserts,2
            alpha,funded,beta,digest,Who pays them? Nobody knows?,asserts,2

            """)
        let result = try cli.run(["import", "fine.csv"])
        #expect(result.status == 0, "\(result.standardError)")
    }

    @Test("a header as people type it, Excel's sep= line, a stance in capitals; a credibility out of range is quoted")
    func typedHeaders() throws {
        let cli = try store()
        try cli.write(
            "typed.csv",
            "sep=;\nSubject;Predicate;Object;Source;Quote;Quote EN;Stance;Credibility\nalpha;funded;beta;digest;typed;typed;ASSERTS;3\n"
        )
        let typed = try cli.run(["import", "typed.csv"])
        #expect(typed.status == 0, "\(typed.standardError)")
        try cli.write(
            "nine.csv", "subject,predicate,object,source,quote,stance,credibility\nalpha,funded,beta,digest,x,asserts,9\n")
        let nine = try cli.run(["import", "nine.csv"])
        #expect(nine.status == 65)
        #expect(
            nine.standardError.contains(
                #"nine.csv:2:7: credibility: expected an integer from 1 (confirmed) to 6 (cannot be judged), or its words (confirmed, probably true, possibly true, doubtful, improbable, cannot be judged), found "9""#
            ),
            "\(nine.standardError)")
    }

    @Test("a sheet saved as .txt, or as Excel's UTF-16 \"Unicode text\", is named as a sheet; a sheet cannot make a store")
    func sheetUnderAnotherName() throws {
        let cli = try store()
        let header = "subject,predicate,object,source,quote,stance,credibility\n"
        try cli.write("sheet.txt", header + "alpha,funded,beta,digest,x,asserts,2\n")
        let text = try cli.run(["import", "sheet.txt"])
        #expect(text.status == 65)
        #expect(
            text.standardError.hasPrefix(
                "isnad: sheet.txt:1: this is a claims sheet (CSV), not records: import it with --from csv, or name it .csv"),
            "\(text.standardError)")
        #expect(try cli.run(["import", "sheet.txt", "--from", "csv"]).status == 0)
        try cli.write("excel.txt", "sep=,\n" + header + "alpha,funded,beta,digest,y,asserts,2\n")
        #expect(try cli.run(["import", "excel.txt"]).standardError.contains("this is a claims sheet (CSV)"))
        let wide =
            [UInt8]([0xFF, 0xFE]) + Array("subject\tpredicate\tobject\r\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        try Data(wide).write(to: cli.directory.appendingPathComponent("unicode.txt"))
        let unicode = try cli.run(["import", "unicode.txt"])
        #expect(unicode.status == 65)
        #expect(
            unicode.standardError.contains(
                #"this is a claims sheet in UTF-16 text (Excel's "Unicode text"): save it as "CSV UTF-8""#),
            "\(unicode.standardError)")
        let missing = try cli.run(["--db", "none.isnad", "import", "sheet.txt", "--from", "csv"])
        #expect(missing.status == 66)
        #expect(
            missing.standardError.contains("a sheet names entities and sources that a store holds"), "\(missing.standardError)")
    }
}
