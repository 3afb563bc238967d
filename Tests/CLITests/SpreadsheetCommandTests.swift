import Foundation
import TestHelpers
import Testing

/// `--format csv --bom`, `isnad template claims.csv` and `isnad import FILE.csv`, run as the built binary.
@Suite("spreadsheets end to end", .temporaryStore)
struct SpreadsheetCommandTests {
    private func importedStore() throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        return cli
    }

    @Test("a stored quote holding a bare carriage return is quoted in CSV: one row, one cell")
    func carriageReturnInCSV() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "records.jsonl",
            #"{"record":"entity","id":"a","type":"organization","name":"Alpha"}"# + "\n"
                + #"{"record":"entity","id":"b","type":"organization","name":"Bravo"}"# + "\n"
                + #"{"record":"source","id":"s","type":"news-article","title":"S","reliability":"C"}"# + "\n"
                + #"{"record":"claim","id":"c","subject":"a","predicate":"funded","object":"b","citations":[{"source":"s","quote":"one\rtwo","stance":"asserts","credibility":3}]}"#
                + "\n")
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let csv = try cli.run(["claims", "--format", "csv"]).standardOutput
        #expect(csv.contains(",\"one\rtwo\","), "\(csv)")
        #expect(csv.split(separator: "\r\n").count == 2)
    }

    @Test(
        "a French desk's sheet: stances as French verbs, quotes typed with ' where the text has ’, and a quote not found says where it parts from the text"
    )
    func frenchSheet() throws {
        let cli = try importedStore()
        try cli.write("rfi.txt", "Le groupe affirme avoir « pris d’assaut la base des forces maliennes ».\n")
        #expect(
            try cli.run(["add", "source", "--type", "news-article", "--title", "RFI", "--id", "rfi", "--text-file", "rfi.txt"])
                .status == 0)
        try cli.write(
            "fr.csv",
            "\u{FEFF}subject;predicate;object;source;quote;stance;credibility\r\n"
                + "hamas;praised;hadera-attack;rfi;pris d'assaut la base;affirme;3\r\n"
                + "hamas;praised;hadera-attack;rfi;pris d'assaut la caserne;dément;3\r\n")
        let refused = try cli.run(["import", "fr.csv"])
        #expect(refused.status == 65)
        #expect(
            refused.standardError.contains(
                #"fr.csv:3:5: quote: not found in the text of source "rfi" (word for word; or say why in the locator: "unverified: REASON"): the text has "pris d’assaut la" (line 1) from the start of the quote; then the quote has "caserne" where the text has "base""#
            ), "\(refused.standardError)")
        // The stance is read, not refused: the quote is the row's only problem.
        #expect(!refused.standardError.contains("stance"), "\(refused.standardError)")
        try cli.write(
            "fr.csv",
            "\u{FEFF}subject;predicate;object;source;quote;stance;credibility\r\n"
                + "hamas;praised;hadera-attack;rfi;pris d'assaut la base;affirme;3\r\n"
                + "hamas;praised;hadera-attack;rfi;forces maliennes\";Dement;3\r\n")
        let imported = try cli.run(["import", "fr.csv"])
        #expect(imported.status == 0, "\(imported.standardError)")
        let export = try cli.run(["export", "jsonl"]).standardOutput
        #expect(export.contains(#""quote":"pris d'assaut la base","stance":"asserts""#), "\(export)")
        #expect(export.contains(#""quote":"forces maliennes\"","stance":"denies""#), "\(export)")
    }

    @Test(
        "a sheet typed by hand takes a predicate's label and digits from an Arabic keyboard, as the command line does; a record file names them strictly, and says how"
    )
    func typedByHand() throws {
        let cli = try importedStore()
        try cli.write(
            "typed.csv",
            """
            subject,predicate,object,start,end,source,via,quote,quote_en,stance,credibility,locator
            hamas,أشاد ب,hadera-attack,٢٠٢٢-٠٣,,police,,نص,,ينفي,٣,unverified: typed for the test
            hamas,praised,isis,2017,,police,,as a spreadsheet saves a number column,,reports,2.0,unverified: typed for the test

            """)
        let sheet = try cli.run(["import", "typed.csv"])
        #expect(sheet.status == 0, "\(sheet.standardError)")
        let claims = try cli.run(["claims", "--subject", "hamas", "--predicate", "praised", "--format", "json"]).standardOutput
        #expect(claims.contains(#""start":"2022-03""#), "\(claims)")
        #expect(claims.contains(#""stance":"denies","credibility":3"#), "\(claims)")
        let saved = try cli.run([
            "claims", "--subject", "hamas", "--object", "isis", "--predicate", "praised", "--format", "json",
        ])
        #expect(saved.standardOutput.contains(#""credibility":2"#), "\(saved.standardOutput)")
        try cli.write(
            "typed.jsonl",
            #"{"record":"claim","subject":"hamas","predicate":"member of","object":"isis","start":"٢٠١٧","citations":[{"source":"police","quote":"x","stance":"asserts","credibility":3}]}"#
                + "\n")
        let records = try cli.run(["import", "typed.jsonl"])
        #expect(records.status == 65)
        #expect(
            records.standardError.contains(
                #"predicate: "member of" is a label of the predicate member_of: a record names its predicate by its id ("member_of")"#
            ),
            "\(records.standardError)")
        // An id misspelt with an underscore too many is no label: it is said as unknown, with the id.
        try cli.write(
            "typo.jsonl",
            #"{"record":"claim","subject":"hamas","predicate":"member_of_","object":"isis","citations":[{"source":"police","quote":"x","stance":"asserts","credibility":3}]}"#
                + "\n")
        #expect(
            try cli.run(["import", "typo.jsonl"]).standardError.contains(
                #"predicate: unknown predicate "member_of_" (did you mean "member_of"?)"#))
        #expect(
            records.standardError.contains(
                #"start: "٢٠١٧" is not a valid date: a record writes it with the digits 0-9 ("2017")"#),
            "\(records.standardError)")
    }

    @Test(
        "a year typed in Arabic digits that reads as Hijri (١٤٤٣) is refused, not stored as Gregorian 1443, wherever it is typed")
    func hijriYears() throws {
        let cli = try importedStore()
        let note = "the year 1443 reads as a Hijri year (1443 AH is 2021–2022); dates are Gregorian, written with the digits 0-9"
        let added = try cli.run([
            "add", "claim", "hamas", "praised", "isis", "--source", "police", "--quote", "x", "--stance", "asserts",
            "--credibility", "٣", "--start", "١٤٤٣-٠٨-٢٤",
        ])
        #expect(added.status != 0)
        #expect(added.standardError.contains(#""١٤٤٣-٠٨-٢٤" is not a valid date: \#(note)"#), "\(added.standardError)")
        let query = try cli.run(["claims", "--as-of", "١٤٤٣"])
        #expect(query.status == 64)
        #expect(query.standardError.contains(note), "\(query.standardError)")
        try cli.write(
            "hijri.csv",
            "subject,predicate,object,source,quote,stance,credibility,start\nhamas,praised,isis,police,x,asserts,3,١٤٤٣\n")
        let sheet = try cli.run(["import", "hijri.csv"])
        #expect(sheet.status == 65)
        #expect(sheet.standardError.contains(note), "\(sheet.standardError)")
        try cli.write(
            "hijri.jsonl",
            #"{"record":"source","id":"x","type":"statement","title":"X","published":"١٤٤٣-٠٨","reliability":"C"}"# + "\n"
                + #"{"record":"source","id":"y","type":"statement","title":"Y","published":"٢٠٢٢-٠٢-٣٠","reliability":"C"}"#
                + "\n")
        let records = try cli.run(["import", "hijri.jsonl"])
        #expect(records.status == 65)
        #expect(
            records.standardError.contains(#"published: "١٤٤٣-٠٨" is not a valid date: \#(note)"#), "\(records.standardError)")
        // What is wrong with a date typed in Arabic digits is said as for the digits 0-9.
        #expect(records.standardError.contains(#""٢٠٢٢-٠٢-٣٠" is not a valid date: day 30 does not exist in 2022-02"#))
        // A Gregorian year in Arabic digits, and 1443 typed in the digits 0-9, are taken as written.
        #expect(try cli.run(["claims", "--as-of", "٢٠٢٢"]).status == 0)
        #expect(try cli.run(["claims", "--as-of", "1443"]).status == 0)
        #expect(try cli.run(["claims", "--as-of", "1443-٠٨"]).status == 0)
        // Persian digits: the Persian solar year.
        let persian = try cli.run(["claims", "--as-of", "۱۴۰۰"])
        #expect(persian.status == 64)
        #expect(persian.standardError.contains("the year 1400 reads as a Persian solar year (1400 SH is 2021–2022)"))
        // A bad date is quoted as typed, in add as in an option.
        let month = try cli.run([
            "add", "claim", "hamas", "praised", "isis", "--source", "police", "--quote", "x", "--stance", "asserts",
            "--credibility", "3", "--start", "2022-۱۳",
        ])
        #expect(
            month.standardError.contains(#""2022-۱۳" is not a valid date: month 13 does not exist"#), "\(month.standardError)")
        #expect(
            try cli.run(["claims", "--as-of", "٢٠٢٢-٠٢-٣٠"]).standardError.contains(
                #""٢٠٢٢-٠٢-٣٠" is not a valid date: day 30 does not exist in 2022-02"#))
    }

    @Test("a row that gives a stored citation another stance is said apart from more citations; a retracted one stays retracted")
    func changedCitation() throws {
        let cli = try importedStore()
        let header = "subject,predicate,object,source,via,quote,stance,credibility\n"
        try cli.write(
            "first.csv", header + "hamas,linked_to,isis,article,,حماس,asserts,3\nhamas,linked_to,isis,article,,باركت,asserts,4\n")
        try cli.write("flip.csv", header + "hamas,linked_to,isis,article,,حماس,denies,3\n")
        #expect(try cli.run(["import", "first.csv"]).status == 0)
        let dryRun = try cli.run(["import", "flip.csv", "--dry-run"])
        #expect(
            dryRun.standardError
                == "flip.csv: 1 citation of 1 claim, all valid; 1 citation the store held given with another stance, credibility, translation or locator, which would be updated; nothing written (--dry-run)\n"
        )
        // Given two ways within one sheet, rows apart (a sheet sorted by another column): refused
        // as when the rows are together, not the last row taken.
        try cli.write(
            "back.csv",
            header + "hamas,linked_to,isis,article,,حماس,denies,3\nhamas,praised,hadera-attack,article,,باركت,asserts,3\n"
                + "hamas,linked_to,isis,article,,حماس,asserts,3\n")
        let back = try cli.run(["import", "back.csv", "--dry-run"])
        #expect(back.status == 65, "\(back.standardError)")
        #expect(
            back.standardError.contains(
                "back.csv:4:7: stance: an earlier row gives this citation (its source, via and quote) with another stance"),
            "\(back.standardError)")
        let flipped = try cli.run(["import", "flip.csv"])
        #expect(
            flipped.standardError.contains(
                "; 1 citation the store held given with another stance, credibility, translation or locator, and updated (isnad log shows how) (history entry"
            ), "\(flipped.standardError)")
        let id = try #require(
            try cli.run(["claims", "--predicate", "linked_to", "--format", "csv"]).standardOutput.split(separator: "\r\n")
                .dropFirst().first?.split(separator: ",").first)
        #expect(try cli.run(["retract", String(id), "--citation", "1", "--reason", "misread"]).status == 0)
        #expect(try cli.run(["import", "first.csv"]).status == 0)
        let all = try cli.run(["export", "jsonl", "--include-retracted"]).standardOutput
        #expect(all.contains(#""stance":"asserts","credibility":3,"retracted":"misread"}"#), "\(all)")
    }

    @Test(
        "rows giving one relationship with dates of other precision make claims weighed apart: the import notes them with their rows, as add claim does"
    )
    func splitRelationship() throws {
        let cli = try importedStore()
        try cli.write(
            "split.csv",
            """
            subject,predicate,object,start,end,source,via,quote,quote_en,stance,credibility,locator
            hamas,praised,isis,2019-03,,police,,one,,asserts,3,unverified: typed for the test
            hamas,praised,isis,2019-03-05,,police,,two,,asserts,3,unverified: typed for the test
            hamas,praised,isis,2019-03,,police,,three,,asserts,3,unverified: typed for the test

            """)
        let dryRun = try cli.run(["import", "split.csv", "--dry-run"])
        #expect(dryRun.status == 0, "\(dryRun.standardError)")
        let note = try #require(dryRun.standardError.split(separator: "\n").first { $0.contains("weighed apart") })
        #expect(note.hasPrefix("isnad: note: claims \""), "\(note)")
        #expect(note.contains("(2019-03; split.csv:2, 4)"), "\(note)")
        #expect(note.contains("(2019-03-05; split.csv:3)"), "\(note)")
        #expect(note.contains("state hamas praised isis, weighed apart"), "\(note)")
        #expect(!note.contains("isnad undo"), "\(note)")
        let imported = try cli.run(["import", "split.csv"])
        #expect(imported.standardError.contains("if they are one relationship, isnad undo, then give their rows the same dates"))
        // One relationship given with one date throughout gives no note.
        try cli.write(
            "one.csv",
            """
            subject,predicate,object,start,end,source,via,quote,quote_en,stance,credibility,locator
            hamas,praised,hadera-attack,2022-03-27,,police,,one,,asserts,3,unverified: typed for the test
            hamas,praised,hadera-attack,2022-03-27,,police,,two,,asserts,3,unverified: typed for the test

            """)
        let one = try cli.run(["import", "one.csv", "--dry-run"])
        #expect(!one.standardError.contains("weighed apart"), "\(one.standardError)")
    }

    @Test(
        "rows of one relationship over periods apart (two terms) make no note; an undated row's claim may be either; past 20 relationships the notes are counted in one line"
    )
    func splitRelationshipPeriods() throws {
        let cli = try importedStore()
        let header = "subject,predicate,object,start,end,source,via,quote,quote_en,stance,credibility,locator\n"
        try cli.write(
            "terms.csv",
            header + """
                hamas,member_of,isis,2010,2012,police,,one,,asserts,3,unverified: typed for the test
                hamas,member_of,isis,2018,2020,police,,two,,asserts,3,unverified: typed for the test

                """)
        let terms = try cli.run(["import", "terms.csv", "--dry-run"])
        #expect(terms.status == 0, "\(terms.standardError)")
        #expect(!terms.standardError.contains("weighed apart"), "\(terms.standardError)")
        // Partial dates taken whole: 2011-05 falls within 2010 – 2012; an undated claim is timeless.
        try cli.write(
            "within.csv",
            header + """
                hamas,member_of,isis,2010,2012,police,,one,,asserts,3,unverified: typed for the test
                hamas,member_of,isis,2018,2020,police,,two,,asserts,3,unverified: typed for the test
                hamas,member_of,isis,,,police,,three,,asserts,3,unverified: typed for the test
                hamas,praised,isis,2011,,police,,four,,asserts,3,unverified: typed for the test
                hamas,praised,isis,2012-05,,police,,five,,asserts,3,unverified: typed for the test
                hamas,praised,isis,2011-05,,police,,six,,asserts,3,unverified: typed for the test

                """)
        let within = try cli.run(["import", "within.csv", "--dry-run"])
        #expect(within.status == 0, "\(within.standardError)")
        let notes = within.standardError.split(separator: "\n").filter { $0.contains("weighed apart") }
        #expect(notes.count == 2, "\(within.standardError)")
        // The undated claim may be either term: the three are named together, in row order.
        #expect(notes[0].contains("(2010 – 2012; within.csv:2), \""), "\(notes[0])")
        #expect(notes[0].contains("(2018 – 2020; within.csv:3) and \""), "\(notes[0])")
        #expect(notes[0].contains("(undated; within.csv:4) state hamas member_of isis"), "\(notes[0])")
        // An event of 2012-05 is not one of 2011: only 2011 and 2011-05 may be one, in row order.
        #expect(notes[1].contains("(2011; within.csv:5) and \""), "\(notes[1])")
        #expect(notes[1].contains("(2011-05; within.csv:7) state hamas praised isis"), "\(notes[1])")
        #expect(!within.standardError.contains("2012-05;"), "\(within.standardError)")
        // 25 relationships, each given as 2015 and as a day of it: 20 named, then one line.
        let predicates = [
            "praised", "opposed", "hostile_to", "funded", "supplied_weapons_to", "attacked", "provided_logistics_to",
            "provided_assistance_to", "smuggled_weapons_for", "affiliated_with", "branch_of", "member_of",
        ]
        let relationships =
            predicates.flatMap { [("hamas", $0, "isis"), ("isis", $0, "hamas")] } + [("hamas", "opposed", "hadera-attack")]
        var many = header
        for (subject, predicate, object) in relationships {
            many += "\(subject),\(predicate),\(object),2015,,police,,a,,asserts,3,unverified: typed for the test\n"
            many += "\(subject),\(predicate),\(object),2015-06-01,,police,,b,,asserts,3,unverified: typed for the test\n"
        }
        try cli.write("many.csv", many)
        let capped = try cli.run(["import", "many.csv", "--dry-run"])
        #expect(capped.status == 0, "\(capped.standardError)")
        let lines = capped.standardError.split(separator: "\n")
        #expect(lines.filter { $0.contains("weighed apart, each with its own sources") }.count == 20, "\(capped.standardError)")
        #expect(
            lines.contains(
                "isnad: note: and 5 more relationships stated by claims weighed apart, with dates that may be one relationship's, as above"
            ), "\(capped.standardError)")
    }

    @Test(
        "after a cell with a line break, a problem names the spreadsheet's row beside the file's line, in every kind of message"
    )
    func rowAfterLineBreak() throws {
        let cli = try importedStore()
        try cli.write(
            "rows.csv",
            """
            subject,predicate,object,start,end,source,via,quote,quote_en,stance,credibility,locator,notes
            hamas,praised,isis,,,police,,"two
            lines",,asserts,3,unverified: typed for the test,first
            hamas,praised,isis,,,police,,other,,asserts,3,unverified: typed for the test,second
            hamas,praised,isis,,,police,,third,,asserts,9,unverified: typed for the test,

            """)
        let refused = try cli.run(["import", "rows.csv"])
        #expect(refused.status == 65)
        #expect(
            refused.standardError.contains("rows.csv:5:11 (row 4): credibility: expected"), "\(refused.standardError)")
        #expect(
            refused.standardError.contains("rows.csv:4:13 (row 3): notes: line 2 gives this claim other notes"),
            "\(refused.standardError)")
    }

    @Test(
        "a source written as its stored title, case and spacing aside, is taken without a note; an approximation is noted; credibility may be the scale's words, B2 is told how to split"
    )
    func sourceTitlesAndGradeWords() throws {
        let cli = try importedStore()
        #expect(
            try cli.run(["add", "source", "--type", "news-article", "--title", "Syria Direct", "--id", "sd"]).status == 0)
        try cli.write(
            "titles.csv",
            """
            subject,predicate,object,source,quote,stance,credibility,locator
            hamas,praised,isis,Syria Direct,one,asserts,Probably True,unverified: typed for the test
            hamas,praised,isis, syria  DIRECT ,two,asserts,doubtful,unverified: typed for the test
            hamas,praised,isis,Syria Dir,three,asserts,2,unverified: typed for the test

            """)
        let result = try cli.run(["import", "titles.csv"])
        #expect(result.status == 0, "\(result.standardError)")
        let notes = result.standardError.split(separator: "\n").filter { $0.contains("taken as") }
        #expect(notes == [#"isnad: titles.csv:4:4: "Syria Dir" taken as source sd (Syria Direct)"#], "\(result.standardError)")
        let claims = try cli.run(["claims", "--subject", "hamas", "--object", "isis", "--format", "json"]).standardOutput
        #expect(claims.contains(#""quote":"one","stance":"asserts","credibility":2"#), "\(claims)")
        #expect(claims.contains(#""quote":"two","stance":"asserts","credibility":4"#), "\(claims)")
        try cli.write(
            "b2.csv",
            "subject,predicate,object,source,quote,stance,credibility,locator\nhamas,praised,isis,sd,four,asserts,b2,unverified: x\n"
        )
        let combined = try cli.run(["import", "b2.csv"])
        #expect(combined.status == 65)
        #expect(
            combined.standardError.contains(
                "(a combined code: the letter is the source's reliability, graded once for the source: isnad set sd reliability B; write 2 here)"
            ), "\(combined.standardError)")
    }

    @Test(
        "a year typed with a leading zero is refused in a sheet and on the command line; a byte order mark at a cell's start is dropped, inside a quote refused"
    )
    func typedYearsAndStrayMarks() throws {
        let cli = try importedStore()
        try cli.write(
            "years.csv",
            "subject,predicate,object,start,end,source,quote,stance,credibility,locator\n"
                + "hamas,praised,isis,0022,,police,x,asserts,3,unverified: x\n")
        let sheet = try cli.run(["import", "years.csv"])
        #expect(sheet.status == 65)
        #expect(
            sheet.standardError.contains(
                #"years.csv:2:4: start: "0022" is not a valid date: the year 0022 is the year 22, typed with leading zeros: write the year whole (2022? or 1922?)"#
            ), "\(sheet.standardError)")
        let added = try cli.run([
            "add", "claim", "hamas", "praised", "isis", "--source", "police", "--quote", "x", "--stance", "asserts",
            "--credibility", "3", "--start", "0022-03",
        ])
        #expect(added.status == 64)
        #expect(
            added.standardError.contains(#"--start: "0022-03" is not a valid date: the year 0022 is the year 22"#),
            "\(added.standardError)")
        let set = try cli.run(["set", "hamas-praised-attack", "start", "0022"])
        #expect(set.status == 64)
        #expect(set.standardError.contains("the year 0022 is the year 22"), "\(set.standardError)")
        try cli.write(
            "marks.csv",
            "subject,predicate,object,source,quote,stance,credibility,locator\n"
                + "\u{FEFF}hamas,praised,isis,police,\u{FEFF}bom test,asserts,3,unverified: x\n")
        let marked = try cli.run(["import", "marks.csv"])
        #expect(marked.status == 0, "\(marked.standardError)")
        let claims = try cli.run(["claims", "--subject", "hamas", "--object", "isis", "--format", "json"]).standardOutput
        #expect(claims.contains(#""quote":"bom test""#), "\(claims)")
        #expect(!claims.contains("\u{FEFF}"))
        try cli.write(
            "inside.csv",
            "subject,predicate,object,source,quote,stance,credibility,locator\n"
                + "hamas,praised,isis,police,bom\u{FEFF} test,asserts,3,unverified: x\n")
        let inside = try cli.run(["import", "inside.csv"])
        #expect(inside.status == 65)
        #expect(
            inside.standardError.contains("inside.csv:2:5: quote: holds an invisible byte order mark (U+FEFF)"),
            "\(inside.standardError)")
    }

    @Test("--bom puts EF BB BF before the CSV, and only there")
    func byteOrderMark() throws {
        let cli = try importedStore()
        let plain = try cli.run(["claims", "--format", "csv"])
        let marked = try cli.run(["claims", "--format", "csv", "--bom"])
        #expect(marked.status == 0, "\(marked.standardError)")
        #expect(Array(marked.outputBytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(Array(marked.outputBytes.dropFirst(3)) == Array(plain.outputBytes))
        #expect(marked.standardOutput.contains("باركت"))
    }

    @Test("--bom with another format is a usage error (exit 64)", arguments: [["--format", "json"], []])
    func byteOrderMarkRefused(format: [String]) throws {
        let cli = try importedStore()
        let result = try cli.run(["claims", "--bom"] + format)
        #expect(result.status == 64)
        #expect(result.standardError.contains("--bom does not apply to --format"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test("--bom is listed in the help of the commands that take --format")
    func byteOrderMarkHelp() throws {
        let cli = try CLIHarness.scoped
        #expect(try cli.run(["claims", "--help"]).standardOutput.contains("--bom"))
        #expect(try cli.run(["search", "--help"]).standardOutput.contains("--bom"))
    }

    static let header = "subject,predicate,object,start,end,source,via,quote,quote_en,stance,credibility,locator,notes"

    @Test("template writes the header line with a BOM, refuses an existing file, and reads back as an empty sheet")
    func template() throws {
        let cli = try importedStore()
        let result = try cli.run(["template", "claims.csv"])
        #expect(result.status == 0, "\(result.standardError)")
        let bytes = try cli.read("claims.csv")
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self) == Self.header + "\r\n")
        #expect(try cli.run(["template", "claims.csv"]).status == 73)
        let empty = try cli.run(["import", "claims.csv"])
        #expect(empty.status == 0, "\(empty.standardError)")
        #expect(empty.standardError == "no citations in claims.csv: nothing changed\n")
    }

    @Test(
        "import FILE.csv in Excel's dialect (BOM, semicolons, CRLF, quotes): names resolved, one history entry, undo takes it back"
    )
    func importExcel() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let sheet =
            "\u{FEFF}subject;predicate;object;start;end;source;via;quote;quote_en;stance;credibility;locator\r\n"
            + "حماس;praised;Hadera attack;2022-03-27;;police;;\"قال \"\"نعم\"\"; وذلك\";yes;reports;3;\r\n"
            + "Islamic State;praised;hadera-attack;;;Police;article;\"two\r\nlines\";;asserts;2;p. 2\r\n"
            + ";;;;;;;;;;;\r\n"
        try cli.write("excel.csv", sheet)
        let result = try cli.run(["import", "excel.csv", "--author", "ana"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(
            result.standardError.contains(
                "imported 2 citations from excel.csv: 1 new claim, 1 claim with more citations (history entry 2)"))
        let claims = try cli.run(["claims", "--format", "json"]).standardOutput
        #expect(claims.contains(#"قال \"نعم\"; وذلك"#))
        #expect(claims.contains(#""quote":"two\nlines""#))
        let log = try cli.run(["log"]).standardOutput
        #expect(log.contains("isnad import excel.csv"))
        // The same sheet again changes nothing and says so.
        let again = try cli.run(["import", "excel.csv"])
        #expect(
            again.standardError.hasSuffix("read 2 citations from excel.csv: the store holds them as they are; nothing changed\n"))
        #expect(try cli.run(["undo", "--author", "ana"]).status == 0)
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }

    @Test("a citation given again in the next row is counted once; given again differently, the sheet is refused at that row")
    func repeatedRows() throws {
        let cli = try importedStore()
        let header = "subject,predicate,object,source,quote,stance,credibility\n"
        try cli.write("same.csv", header + "hamas,praised,isis,article,q,asserts,3\nhamas,praised,isis,article,q,asserts,3\n")
        let same = try cli.run(["import", "same.csv"])
        #expect(same.standardError.hasPrefix("imported 1 citation from same.csv"), "\(same.standardError)")
        let before = try cli.run(["export", "jsonl"]).outputBytes
        try cli.write("other.csv", header + "hamas,praised,isis,article,r,asserts,3\nhamas,praised,isis,article,r,denies,6\n")
        let other = try cli.run(["import", "other.csv"])
        #expect(other.status == 65)
        #expect(
            other.standardError.contains(
                "other.csv:3:6: stance: an earlier row gives this citation (its source, via and quote) with another stance"),
            "\(other.standardError)")
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }

    @Test("a claim record given twice in one import cannot give one citation two ways: refused, not the last one kept")
    func repeatedClaimRecords() throws {
        let cli = try importedStore()
        let record = { (stance: String, credibility: Int) in
            #"{"record":"claim","id":"cx","subject":"hamas","predicate":"praised","object":"isis","citations":[{"source":"article","quote":"q","stance":"\#(stance)","credibility":\#(credibility)}]}"#
        }
        try cli.write("twice.jsonl", record("asserts", 2) + "\n" + record("denies", 5) + "\n")
        let result = try cli.run(["import", "twice.jsonl"])
        #expect(result.status == 65)
        #expect(
            result.standardError.contains(
                #"twice.jsonl:2: claim "cx": citations[0]: the claim's record came first at twice.jsonl:1"#),
            "\(result.standardError)")
        try cli.write("same.jsonl", record("asserts", 2) + "\n" + record("asserts", 2) + "\n")
        #expect(try cli.run(["import", "same.jsonl"]).status == 0)
    }

    @Test("import in LibreOffice's dialect (commas, LF, no BOM), and --from csv for another name")
    func importLibreOffice() throws {
        let cli = try importedStore()
        try cli.write(
            "sheet.txt",
            "subject,predicate,object,source,quote,stance,credibility\nhamas,praised,isis,article,\"a, b\",asserts,4\n")
        let result = try cli.run(["import", "--from", "csv", "sheet.txt"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try cli.run(["claims", "--format", "json"]).standardOutput.contains(#""quote":"a, b""#))
    }

    @Test("--dry-run reads and checks the whole sheet, counts its claims, and writes nothing, history included")
    func dryRun() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let history = try cli.run(["log"]).standardOutput
        try cli.write(
            "sheet.csv",
            "subject,predicate,object,source,quote,stance,credibility\nhamas,praised,isis,article,one,asserts,4\n"
                + "hamas,praised,isis,article,two,reports,3\nisis,praised,hamas,article,three,asserts,4\n")
        let result = try cli.run(["import", "sheet.csv", "--dry-run"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError == "sheet.csv: 3 citations of 2 claims, all valid; nothing written (--dry-run)\n")
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        #expect(try cli.run(["log"]).standardOutput == history)
    }

    @Test("a sheet larger than one read: rows of one claim in a row gather, a later row for it finds it in the store")
    func manyRows() throws {
        let cli = try importedStore()
        var text = "subject,predicate,object,source,quote,stance,credibility\n"
        for row in 1...1000 {
            let (subject, object) = row <= 500 ? ("hamas", "isis") : ("isis", "hamas")
            text += "\(subject),praised,\(object),article,\"quote number \(row), long enough to fill blocks\",asserts,4\n"
        }
        text += "hamas,praised,isis,article,\"quote number 1001\",reports,3\n"
        try cli.write("many.csv", text)
        let result = try cli.run(["import", "many.csv"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(
            result.standardError.hasPrefix("imported 1001 citations from many.csv: 2 new claims, 0 claims with more citations"))
        let claims = try cli.run(["claims", "--format", "json"]).standardOutput
        #expect(claims.contains("quote number 1000, long enough"))
        #expect(claims.contains("quote number 1001"))
        #expect(claims.components(separatedBy: "quote number ").count == 1002)
    }

    @Test(
        "rows that go back and forth between claims, over more claims than are held at once, give each claim its citations in row order"
    )
    func interleavedRows() throws {
        let cli = try importedStore()
        // 300 claims (one a year), each cited in three rounds: more claims than an import holds
        // before it writes, so some are written, then found in the store and extended.
        var text = "subject,predicate,object,start,source,quote,stance,credibility\n"
        for round in 1...3 {
            for year in 1701...2000 {
                text += "hamas,praised,isis,\(year),article,\"year \(year) round \(round)\",asserts,4\n"
            }
        }
        try cli.write("interleaved.csv", text)
        let result = try cli.run(["import", "interleaved.csv"])
        #expect(result.status == 0, "\(result.standardError)")
        // 300 praises a year apart are 300 events, not one relationship: no note.
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(result.standardError)")
        #expect(
            lines.last?.hasPrefix("imported 900 citations from interleaved.csv: 300 new claims, 0 claims with more citations")
                == true,
            "\(result.standardError)")
        let claim = try cli.run([
            "claims", "--subject", "hamas", "--object", "isis", "--predicate", "praised", "--format", "json",
        ])
        .standardOutput
        let quotes = claim.components(separatedBy: "\"quote\":\"year 1850 round ").dropFirst().map { $0.prefix(1) }
        #expect(quotes == ["1", "2", "3"], "\(quotes)")
        #expect(claim.components(separatedBy: "round 3").count == 301)
        // Imported again, every row gives a citation the store has: nothing new, nothing changed.
        let again = try cli.run(["import", "interleaved.csv"])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(
            again.standardError.hasPrefix(
                "read 900 citations from interleaved.csv: the store holds them as they are; nothing changed"),
            "\(again.standardError)")
    }

    @Test(
        "a sheet's source given as a url names the source stored with that url, written with tracking parameters or without www.")
    func sourceByURL() throws {
        let cli = try importedStore()
        let added = try cli.run([
            "add", "source", "--type", "news-article", "--id", "lwj", "--title", "Long War Journal", "--reliability", "B",
            "--url", "https://www.longwarjournal.org/archives/2017/01/al-nusrah-front-rebrands.php",
        ])
        #expect(added.status == 0, "\(added.standardError)")
        try cli.write(
            "links.csv",
            "subject,predicate,object,source,quote,stance,credibility\n"
                + "hamas,praised,isis,https://www.longwarjournal.org/archives/2017/01/al-nusrah-front-rebrands.php,q,asserts,3\n"
                + "isis,praised,hamas,http://longwarjournal.org/archives/2017/01/al-nusrah-front-rebrands.php/?utm_source=tw,r,asserts,3\n"
        )
        let result = try cli.run(["import", "links.csv"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(
            try cli.run(["claims", "--source", "lwj", "--format", "csv"]).standardOutput.split(whereSeparator: \.isNewline).count
                == 3)
        // Another page of that site is no source of the store.
        try cli.write(
            "other.csv",
            "subject,predicate,object,source,quote,stance,credibility\n"
                + "hamas,praised,isis,https://www.longwarjournal.org/archives/2017/02/other.php,q,asserts,3\n")
        let other = try cli.run(["import", "other.csv"])
        #expect(other.status == 65)
        #expect(other.standardError.contains("source: no source matches"), "\(other.standardError)")
    }

    @Test("unknown names are listed with file:line:column and suggestions, exit 65, nothing imported")
    func unknownNames() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        try cli.write(
            "bad.csv",
            "subject,predicate,object,source,quote,stance,credibility\nhamas,praised,hadera-attack,article,ok,asserts,3\n"
                + "Islamic Stat,praised,Nowhere Land,nosuchsource,q,asserts,3\n,praised,isis,article,q,asserts,3\n"
                + "hamaz,praised,isis,article,q,asserts,3\n")
        let result = try cli.run(["import", "bad.csv"])
        #expect(result.status == 65)
        // Each problem on one line, its suggestions too, as a record file's problems are.
        let suggested = result.standardError.split(separator: "\n").filter {
            $0.hasPrefix("bad.csv:5:1:") || $0.hasPrefix("isnad: bad.csv:5:1:")
        }
        #expect(
            suggested.count == 1 && suggested[0].contains("did you mean: hamas (Hamas, organization)"), "\(result.standardError)")
        #expect(!result.standardError.contains("\n  "), "\(result.standardError)")
        #expect(result.standardError.contains("nothing imported"))
        #expect(result.standardError.contains("bad.csv:3:3: object: no entity matches \"Nowhere Land\""))
        #expect(result.standardError.contains("bad.csv:3:4: source: no source matches \"nosuchsource\""))
        #expect(result.standardError.contains("bad.csv:4:1: subject: empty"))
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        #expect(try cli.run(["log"]).standardOutput.components(separatedBy: "entry ").count == 2)
    }

    @Test("a name that matches nothing does not hide the row's other problems; a name taken as another says where")
    func everyProblemOfARow() throws {
        let cli = try importedStore()
        try cli.write(
            "bad.csv",
            "subject,predicate,object,start,source,quote,stance,credibility\nhamass,praised,isis,2014-02-30,nosuchsource,q,assert,3\n"
        )
        let result = try cli.run(["import", "bad.csv"])
        #expect(result.status == 65)
        #expect(
            result.standardError.hasPrefix("isnad: bad.csv:2:1: \"hamass\" taken as Hamas (hamas)\n"), "\(result.standardError)")
        #expect(result.standardError.contains("bad.csv:2:5: source: no source matches \"nosuchsource\""))
        #expect(result.standardError.contains("bad.csv:2:4: start: \"2014-02-30\" is not a valid date"))
        // A sheet takes the words the command line takes, and says so.
        #expect(
            result.standardError.contains(
                "bad.csv:2:7: stance: \"assert\" is not one of asserts, reports, denies (in French: affirme, rapporte, dément; in Arabic: يؤكد, ينقل, ينفي) (did you mean \"asserts\"?)"
            ), "\(result.standardError)")
        // Names that match nothing stand in for nothing: no problem is made of the stand-ins.
        try cli.write(
            "both.csv",
            "subject,predicate,object,source,quote,stance,credibility\nNobody,funded,Also Nobody,article,q,asserts,2\n")
        let both = try cli.run(["import", "both.csv"])
        #expect(both.status == 65)
        #expect(both.standardError.contains("isnad: 2 problems in both.csv"), "\(both.standardError)")
        #expect(!both.standardError.contains("unresolved"))
    }

    @Test(
        "a name given in two rows says the same on both, suggestions included, however many problems are listed",
        arguments: [
            (
                [String](),
                """
                twice.csv:2:1: subject: no entity matches "hamaz"; did you mean: hamas (Hamas, organization)
                twice.csv:2:4: source: no source matches "articel"; did you mean: article (Article)
                twice.csv:3:1: subject: no entity matches "hamaz"; did you mean: hamas (Hamas, organization)
                twice.csv:3:4: source: no source matches "articel"; did you mean: article (Article)

                """
            ),
            (
                ["--max-errors", "3"],
                """
                twice.csv:2:1: subject: no entity matches "hamaz"; did you mean: hamas (Hamas, organization)
                twice.csv:2:4: source: no source matches "articel"; did you mean: article (Article)
                twice.csv:3:1: subject: no entity matches "hamaz"; did you mean: hamas (Hamas, organization)
                … and 1 more (--max-errors 0 lists them all)

                """
            ),
            (
                ["--max-errors", "0"],
                """
                twice.csv:2:1: subject: no entity matches "hamaz"; did you mean: hamas (Hamas, organization)
                twice.csv:2:4: source: no source matches "articel"; did you mean: article (Article)
                twice.csv:3:1: subject: no entity matches "hamaz"; did you mean: hamas (Hamas, organization)
                twice.csv:3:4: source: no source matches "articel"; did you mean: article (Article)

                """
            ),
            (
                ["--max-errors", "1"],
                """
                twice.csv:2:1: subject: no entity matches "hamaz"; did you mean: hamas (Hamas, organization)
                … and 3 more (--max-errors 0 lists them all)

                """
            ),
        ])
    func nameGivenTwice(options: [String], problems: String) throws {
        // Each name is looked up once per import, and suggestions only for the problems listed:
        // the lines are those each row's own lookup gave.
        let cli = try importedStore()
        try cli.write(
            "twice.csv",
            "subject,predicate,object,source,quote,stance,credibility\n"
                + "hamaz,praised,isis,articel,q,asserts,3\nhamaz,praised,isis,articel,q,asserts,3\n"
                + "hamass,praised,isis,article,q,asserts,3\nhamass,praised,isis,article,q,asserts,3\n")
        let result = try cli.run(["import", "twice.csv"] + options)
        #expect(result.status == 65)
        // A near match is said on every row that gives it.
        #expect(
            result.standardError
                == """
                isnad: twice.csv:4:1: "hamass" taken as Hamas (hamas)
                isnad: twice.csv:5:1: "hamass" taken as Hamas (hamas)
                isnad: 4 problems in twice.csv; nothing imported:

                """ + problems, "\(result.standardError)")
    }

    @Test(
        "bad sheets: unknown or missing column, bad grade, not UTF-8, mixed with records",
        arguments: [
            ("subject,predicate,object,source,quote,stance,credibility,colour\n", "bad.csv:1:8: unknown column \"colour\""),
            // A header cell's line break would forge a line of the report (a fuzzer's finding).
            (
                "subject,predicate,object,source,quote,stance,credibility,\"x\nisnad: imported 12 citations\"\n",
                "bad.csv:1:8: unknown column \"x isnad: imported 12 citations\""
            ),
            // Named as the sheet writes it, to be found there.
            (
                "subject,predicate,object,source,quote,stance,credibility,Colour Code\n",
                "bad.csv:1:8: unknown column \"Colour Code\""
            ),
            ("subject,predicate,object,source,quote,stance\n", "bad.csv:1:7: no column \"credibility\""),
            (
                "subject,predicate,object,source,quote,stance,credibility\nhamas,praised,isis,article,q,asserts,9\n",
                "bad.csv:2:7: credibility"
            ),
            (
                "subject,predicate,object,source,quote,stance,credibility\nhamas,praised,isis,article,q,shouts,3\n",
                "bad.csv:2:6: stance"
            ),
        ])
    func badSheets(text: String, message: String) throws {
        let cli = try importedStore()
        try cli.write("bad.csv", text)
        let result = try cli.run(["import", "bad.csv"])
        #expect(result.status == 65)
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }

    @Test("a sheet that is not UTF-8 is refused; CSV and record files together are a usage error")
    func notUTF8() throws {
        let cli = try importedStore()
        try Data([0x73, 0x75, 0x62, 0xE9, 0x0A]).write(to: URL(fileURLWithPath: cli.path("latin1.csv")))
        let result = try cli.run(["import", "latin1.csv"])
        #expect(result.status == 65)
        #expect(result.standardError.contains("not UTF-8"))
        #expect(try cli.run(["import", "latin1.csv", "records.jsonl"]).status == 64)
    }

    @Test(
        "export history writes one JSON line per entry; import --from history appends them to another store, where log shows them"
    )
    func historyTravels() throws {
        let cli = try importedStore()
        #expect(try cli.run(["set", "hamas", "description", "a movement", "--author", "ana"]).status == 0)
        let history = try cli.run(["export", "history"])
        #expect(history.status == 0, "\(history.standardError)")
        let lines = history.standardOutput.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix(#"{"entry":1,"#))
        #expect(lines[1].contains(#""author":"ana""#))
        try cli.write("history.jsonl", history.standardOutput)
        try cli.write("state.jsonl", try cli.run(["export", "jsonl"]).standardOutput)
        #expect(try cli.run(["--db", "other.db", "import", "state.jsonl"]).status == 0)
        let imported = try cli.run(["--db", "other.db", "import", "--from", "history", "history.jsonl"])
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardError.contains("imported 2 history entries as entries 2 to 3"))
        let log = try cli.run(["--db", "other.db", "log", "hamas"]).standardOutput
        #expect(log.contains("entry 3"))
        #expect(log.contains("a movement"))
        #expect(log.contains("ana"))
        // Exported again, the travelled entries read as they did, renumbered and marked travelled,
        // and the import that appended them follows, as an entry of this store's own.
        let again = try cli.run(["--db", "other.db", "export", "history"]).standardOutput.split(separator: "\n")
        #expect(again.count == 4)
        #expect(
            again[2].replacingOccurrences(of: #"{"entry":3,"#, with: #"{"entry":2,"#)
                .replacingOccurrences(of: #","travelled":true"#, with: "") == lines[1])
        #expect(again[3].contains(#"{"entry":4,"#) && again[3].contains("import --from history"), "\(again)")
        // They describe the other store's changes: log says so, undo N refuses them, and a plain
        // undo passes over them to this store's own import.
        #expect(log.contains(" · from another store's history, appended by entry 4\n"), "\(log)")
        let undo = try cli.run(["--db", "other.db", "undo", "3"])
        #expect(undo.status == 65)
        #expect(
            undo.standardError
                == "isnad: cannot undo entry 3: it came from another store's history (isnad import --from history) and describes that store's change; undo it there, or make the change again here (isnad set, isnad edit); this store's own latest change is entry 1: isnad undo 1\n"
        )
        let plain = try cli.run(["--db", "other.db", "undo"])
        #expect(plain.status == 0, "\(plain.standardError)")
        #expect(plain.standardError.hasPrefix("undid entry 1 "), "\(plain.standardError)")
        #expect(try cli.run(["--db", "other.db", "export", "jsonl"]).standardOutput.isEmpty)
        let nothing = try cli.run(["--db", "other.db", "undo", "2"])
        #expect(nothing.status == 65)
        #expect(nothing.standardError.hasSuffix("; this store has no change of its own to undo\n"), "\(nothing.standardError)")
    }

    @Test("a history whose undo names an entry it does not bring, or that gives an entry twice, is refused")
    func historyReferencesItsOwnEntries() throws {
        let cli = try importedStore()
        #expect(try cli.run(["set", "hamas", "description", "a movement"]).status == 0)
        let lines = try cli.run(["export", "history"]).standardOutput.split(separator: "\n").map(String.init)
        try cli.write(
            "undoes.jsonl", lines[0] + "\n" + lines[1].replacingOccurrences(of: #""undoes":null"#, with: #""undoes":7"#) + "\n")
        let undoes = try cli.run(["--db", "other.db", "import", "--from", "history", "undoes.jsonl"])
        #expect(undoes.status == 65)
        #expect(undoes.standardError.hasSuffix("\nundoes.jsonl:2: undoes: entry 7 is not among the entries imported\n"))
        try cli.write("twice.jsonl", (lines + lines).joined(separator: "\n") + "\n")
        let twice = try cli.run(["--db", "other.db", "import", "--from", "history", "twice.jsonl"])
        #expect(twice.status == 65)
        #expect(twice.standardError.contains("twice.jsonl:3: entry: 1 is given twice (first at twice.jsonl:1)"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("other.db")))
    }

    @Test(
        "options that do not apply to a spreadsheet or to history are refused, not ignored",
        arguments: [
            (
                ["import", "claims.csv", "--strict"],
                "--strict does not apply to an import of csv, only to an import of jsonl, stix and ftm"
            ),
            (
                ["import", "claims.csv", "--replace"],
                "--replace does not apply to an import of csv, only to an import of jsonl, stix and ftm"
            ),
            (
                ["import", "claims.csv", "--max-line-bytes", "10"],
                "--max-line-bytes does not apply to an import of csv, only to an import of jsonl, stix, ftm and history"
            ),
            (
                ["import", "--from", "history", "h.jsonl", "--strict"],
                "--strict does not apply to an import of history, only to an import of jsonl, stix and ftm"
            ),
            (
                ["import", "--from", "history", "h.jsonl", "--max-errors", "3"],
                "--max-errors does not apply to an import of history, only to an import of jsonl, stix, ftm and csv"
            ),
        ])
    func optionsThatDoNotApply(arguments: [String], message: String) throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let result = try cli.run(arguments)
        #expect(result.status == 64)
        #expect(result.standardError == "isnad: \(message)\n(see 'isnad import --help')\n")
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }

    @Test("import --from history refuses a line that is not one, and writes nothing")
    func badHistory() throws {
        let cli = try importedStore()
        try cli.write("bad.jsonl", #"{"record":"entity","id":"x"}"# + "\n")
        let result = try cli.run(["import", "--from", "history", "bad.jsonl"])
        #expect(result.status == 65)
        #expect(result.standardError.contains("bad.jsonl:1:"))
        #expect(try cli.run(["log"]).standardOutput.components(separatedBy: "entry ").count == 2)
    }
}
