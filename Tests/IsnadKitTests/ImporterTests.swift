import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

@Suite("Import", .temporaryFolder)
struct ImporterTests {
    /// The errors an import of `text` into the basic store reports.
    private func errors(importing text: String) throws -> [String] {
        return try withTemporaryFolder { folder in
            let store = try Fixtures.store(in: folder)
            do {
                try Fixtures.importText(text, into: store, folder: folder, name: "bad.jsonl")
                return []
            } catch let failure as Importer.Failure {
                return failure.errors.map { $0.description.replacingOccurrences(of: folder.url.path + "/", with: "") }
            }
        }
    }

    @Test("a source read without its text is the stored source but for the text; its length is read alone")
    func sourceWithoutText() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(in: folder)
        let text = "Police said\nضدّ جنود e\u{0301}"
        let escaped = text.replacingOccurrences(of: "\n", with: "\\n")
        _ = try Fixtures.importText(
            #"{"record":"source","id":"long","type":"leaked-document","title":"Archive","reliability":"C","text":""# + escaped
                + #"","cites":["long-cited"]}"#
                + "\n" + #"{"record":"source","id":"long-cited","type":"news-article","title":"Cited","reliability":"B"}"#,
            into: store, folder: folder)
        let whole = try #require(try store.source(id: "long"))
        var withoutText = try #require(try store.source(id: "long", withText: false))
        #expect(withoutText.text == nil && whole.text == text && withoutText.cites == ["long-cited"])
        withoutText.text = whole.text
        #expect(withoutText == whole)
        var listed: [String: String?] = [:]
        try store.forEachSource(withText: false) { listed[$0.id] = $0.text }
        #expect(listed.count >= 2 && listed.values.allSatisfy { $0 == nil })
        #expect(try store.storedTextLength(ofSource: "long") == text.unicodeScalars.count)
        #expect(try store.storedTextLength(ofSource: "long-cited") == nil)
    }

    @Test(
        "every kind of bad record is refused with its line, record and field",
        arguments: [
            ("{\"record\":", "bad.jsonl:1: invalid JSON"),
            (#"{"record":"person","id":"x"}"#, #"bad.jsonl:1: record: unknown record kind "person""#),
            (#"{"id":"x"}"#, "bad.jsonl:1: record: missing"),
            (#"["record"]"#, "a record is a JSON object, not an array"),
            (#"{"record":"entity","id":"x","type":"organization"}"#, #"entity "x": name: missing"#),
            (
                #"{"record":"entity","id":"x","type":"organization","name":7}"#,
                #"entity "x": name: expected a string, found a number"#
            ),
            (
                #"{"record":"entity","id":"x","type":"group","name":"X"}"#,
                #"entity "x": type: "group" is not one of person, organization, event, place"#
            ),
            (#"{"record":"entity","id":"Hamas","type":"organization","name":"X"}"#, #"id: "Hamas" is not a slug"#),
            (#"{"record":"entity","id":"a--b","type":"organization","name":"X"}"#, "hyphens only between letters or digits"),
            (
                #"{"record":"entity","id":"a--\u001b[31m","type":"organization","name":"X"}"#,
                #"id: "a--\u{1B}[31m" is not a slug: hyphens only"#
            ),
            (#"{"record":"entity","id":"a\u001b-","type":"organization","name":"X"}"#, #"id: "a\u{1B}-" is not a slug"#),
            (
                #"{"record":"entity","id":"x","type":"organization","name":"X","nmae":"y"}"#,
                #"nmae: unknown field (did you mean "name"?)"#
            ),
            (
                #"{"record":"entity","id":"x","type":"organization","name":"X","aliases":[{"name":"y","lang":"arabic!"}]}"#,
                #"aliases[0].lang: "arabic!" is not a BCP-47 language tag"#
            ),
            (
                #"{"record":"entity","id":"x","type":"organization","name":"a\u0007b"}"#,
                "name: contains the control character U+0007"
            ),
            (
                #"{"record":"entity","id":"x","type":"organization","name":"X","description":"\u0000"}"#,
                "description: contains the control character U+0000"
            ),
            (
                #"{"record":"entity","id":"x","type":"organization","name":"X","attributes":{"rank\u001b[31m":"1"}}"#,
                #"attributes.rank\u{1B}[31m: contains the control character U+001B"#
            ),
            (
                #"{"record":"source","id":"s","type":"blog","title":"T","reliability":"B"}"#,
                #"source "s": type: "blog" is not one of"#
            ),
            (
                #"{"record":"source","id":"s","type":"statement","title":"T","reliability":"b"}"#,
                #"reliability: "b" is not one of A, B, C, D, E, F (did you mean "B"?)"#
            ),
            (
                #"{"record":"source","id":"s","type":"statement","title":"T","reliability":"B","published":"2014-13"}"#,
                #"published: "2014-13" is not a valid date: month 13 does not exist"#
            ),
            (
                #"{"record":"source","id":"s","type":"statement","title":"T","reliability":"B","cites":["s"]}"#,
                "cites: a source cannot cite itself"
            ),
            (
                #"{"record":"source","id":"s","type":"statement","title":"T","reliability":"B","cites":["nowhere"]}"#,
                #"source "s": cites[0]: unknown source "nowhere""#
            ),
            (
                #"{"record":"claim","id":"c","subject":"hamass","predicate":"praised","object":"isis","citations":[{"source":"police","quote":"q","stance":"asserts","credibility":2}]}"#,
                #"claim "c": subject: unknown entity "hamass" (did you mean "hamas"?)"#
            ),
            (
                #"{"record":"claim","id":"c","subject":"hamas","predicate":"praysed","object":"isis","citations":[{"source":"police","quote":"q","stance":"asserts","credibility":2}]}"#,
                #"predicate: unknown predicate "praysed" (did you mean "praised"?)"#
            ),
            (
                #"{"record":"claim","id":"c","subject":"hamas","predicate":"child_of","object":"isis","citations":[{"source":"police","quote":"q","stance":"asserts","credibility":2}]}"#,
                "subject: child_of takes a subject of type person, not organization"
            ),
            (
                #"{"record":"claim","id":"c","subject":"abu-maram","predicate":"member_of","object":"hadera-attack","citations":[{"source":"police","quote":"q","stance":"asserts","credibility":2}]}"#,
                "object: member_of takes an object of type organization, not event"
            ),
            (
                #"{"record":"claim","id":"c","subject":"hamas","predicate":"praised","object":"isis","start":"2014-02-30","citations":[{"source":"police","quote":"q","stance":"asserts","credibility":2}]}"#,
                #"start: "2014-02-30" is not a valid date: day 30 does not exist in 2014-02"#
            ),
            (
                #"{"record":"claim","id":"c","subject":"hamas","predicate":"allied_with","object":"isis","start":"2015","end":"2014-06","citations":[{"source":"police","quote":"q","stance":"asserts","credibility":2}]}"#,
                "end: 2014-06 is before start 2015"
            ),
            (
                #"{"record":"claim","id":"c","subject":"hamas","predicate":"praised","object":"isis","citations":[]}"#,
                "citations: a claim needs at least one citation"
            ),
            (#"{"record":"claim","id":"c","subject":"hamas","predicate":"praised","object":"isis"}"#, "citations: missing"),
            (
                #"{"record":"claim","id":"c","subject":"hamas","predicate":"praised","object":"isis","citations":[{"source":"police","quote":"q","stance":"asserts","credibility":7}]}"#,
                "citations[0].credibility: expected an integer from 1 (confirmed) to 6 (cannot be judged), found 7"
            ),
            (
                #"{"record":"claim","id":"c","subject":"hamas","predicate":"praised","object":"isis","citations":[{"source":"police","quote":"q","stance":"asserts","credibility":2.5}]}"#,
                "citations[0].credibility: expected an integer"
            ),
            (
                #"{"record":"claim","id":"c","subject":"hamas","predicate":"praised","object":"isis","citations":[{"source":"police","quote":"q","stance":"claims","credibility":2}]}"#,
                #"citations[0].stance: "claims" is not one of asserts, reports, denies"#
            ),
            (
                #"{"record":"claim","id":"c","subject":"hamas","predicate":"praised","object":"isis","citations":[{"source":"polise","quote":"q","stance":"asserts","credibility":2}]}"#,
                #"citations[0].source: unknown source "polise" (did you mean "police"?)"#
            ),
            (
                #"{"record":"claim","id":"c","subject":"hamas","predicate":"praised","object":"isis","citations":[{"source":"police","via":"artcle","quote":"q","stance":"asserts","credibility":2}]}"#,
                #"citations[0].via: unknown source "artcle" (did you mean "article"?)"#
            ),
            (
                #"{"record":"claim","id":"c","subject":"hamas","predicate":"praised","object":"isis","citations":[{"source":"police","via":"police","quote":"q","stance":"asserts","credibility":2}]}"#,
                "citations[0].via: names the claimant again"
            ),
            (
                #"{"record":"claim","id":"c","subject":"hamas","predicate":"praised","object":"isis","citations":[{"source":"police","quote":"q","stance":"asserts","credibility":2},{"source":"police","quote":"q","stance":"denies","credibility":3}]}"#,
                "citations[1]: repeats citations[0]"
            ),
            (
                #"{"record":"claim","id":"c","subject":"hamas","predicate":"praised","object":"isis","citations":[{"source":"police","quote":"q","stance":"asserts","credibility":2,"retracted":"x"},{"source":"police","quote":"q","stance":"denies","credibility":3,"retracted":"y"},{"source":"article","quote":"r","stance":"asserts","credibility":2}]}"#,
                "citations[1]: repeats citations[0]"
            ),
            (
                #"{"record":"claim","id":"c","subject":"hamas","predicate":"praised","object":"isis","citations":[{"source":"police","quote":"q","stance":"asserts","credibility":2,"retracted":"x"},{"source":"police","quote":"q","stance":"denies","credibility":3},{"source":"police","quote":"q","stance":"asserts","credibility":2}]}"#,
                "citations[2]: repeats citations[0]"
            ),
            (
                #"{"record":"claim","id":"c","subject":"hamas","predicate":"praised","object":"hamas","citations":[{"source":"police","quote":"q","stance":"asserts","credibility":2}]}"#,
                "object: a claim links two different entities"
            ),
            (
                #"{"record":"claim","id":"c","subject":"hamas","predicate":"praised","object":"isis","citations":[{"source":"police","quote":" ","stance":"asserts","credibility":2}]}"#,
                "citations[0].quote: cannot be empty"
            ),
        ])
    func badRecord(_ line: String, _ expected: String) throws {
        let reported = try errors(importing: line + "\n")
        #expect(reported.count == 1, "\(reported)")
        #expect(reported.first?.contains(expected) == true, "\(reported)")
    }

    @Test("an end dated as coarsely as its year is not before a start within that year: it may be the same day or later")
    func coarseEndAfterFinerStart() throws {
        let decoder = RecordDecoder()
        for (start, end) in [("2015-06", "2015"), ("2015-06-30", "2015-06"), ("2015-06-30", "2015-06-30")] {
            let line =
                #"{"record":"claim","id":"c","subject":"hamas","predicate":"allied_with","object":"isis","start":"\#(start)","end":"\#(end)","citations":[{"source":"police","quote":"q","stance":"asserts","credibility":2}]}"#
            #expect(decoder.problems(inLine: Array(line.utf8)).isEmpty, "\(start) to \(end)")
        }
    }

    @Test("an id reused with other content in one import is refused, naming both lines")
    func conflictingDefinitions() throws {
        let reported = try errors(
            importing: """
                {"record":"entity","id":"x","type":"organization","name":"X"}
                {"record":"entity","id":"x","type":"organization","name":"Y"}

                """)
        #expect(
            reported == [#"bad.jsonl:2: entity "x": the id is already used in this import for a different entity at bad.jsonl:1"#]
        )
    }

    @Test(
        "a claim repeated in one import with other citations gains them; with other ends or dates, or a citation given again differently, it is refused"
    )
    func claimRepeatedWithOtherCitations() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(in: folder)
        let first =
            #"{"record":"claim","id":"c-new","subject":"hamas","predicate":"praised","object":"isis","citations":[{"source":"police","quote":"one","stance":"asserts","credibility":2}]}"#
        let second =
            #"{"record":"claim","id":"c-new","subject":"hamas","predicate":"praised","object":"isis","citations":[{"source":"article","quote":"two","stance":"reports","credibility":4},{"source":"police","quote":"one","stance":"asserts","credibility":2}]}"#
        let summary = try Fixtures.importText(first + "\n" + second + "\n", into: store, folder: folder, name: "twice.jsonl")
        #expect(summary.repeated == 1)
        let claim = try #require(try store.claim(id: "c-new"))
        #expect(claim.citations.map(\.citation.quote) == ["one", "two"])
        #expect(claim.citations.first?.citation.credibility == .probablyTrue)

        // Records may come in any order: which of two credibilities would be kept depended on it.
        let regraded = second.replacingOccurrences(of: #""asserts","credibility":2"#, with: #""asserts","credibility":3"#)
        #expect(
            try errors(importing: first + "\n" + regraded + "\n") == [
                #"bad.jsonl:2: claim "c-new": citations[1]: the claim's record came first at bad.jsonl:1, and this citation (its source, via and quote) is held there or in the store with another stance, credibility, translation or locator: give each citation once"#
            ])

        let redated =
            #"{"record":"claim","id":"c-new","subject":"hamas","predicate":"praised","object":"isis","start":"2020","citations":[{"source":"police","quote":"one","stance":"asserts","credibility":2}]}"#
        let reported = try errors(importing: first + "\n" + redated + "\n")
        #expect(
            reported == [
                #"bad.jsonl:2: claim "c-new": the id is already used in this import for a different claim at bad.jsonl:1"#
            ])
    }

    @Test(
        "new claims held back while a store keeps its indexes: written in the subject index's order, found again by a repeat and a retype"
    )
    func heldClaims() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(in: folder)
        func claim(_ id: String, _ quote: String, subject: String = "hamas", object: String = "isis", retracted: Bool = false)
            -> String
        {
            let mark = retracted ? #","retracted":"withdrawn by the source""# : ""
            return
                #"{"record":"claim","id":"\#(id)","subject":"\#(subject)","predicate":"praised","object":"\#(object)"\#(mark),"citations":[{"source":"police","quote":"\#(quote)","stance":"asserts","credibility":2}]}"#
        }
        let lines = [
            claim("held-6", "six", subject: "isis", object: "hamas"), claim("held-3", "three"), claim("held-1", "one"),
            claim("held-2", "two", retracted: true), claim("held-1", "one again"), claim("held-4", "four"),
            claim("held-7", "seven", subject: "abu-maram"), claim("held-8", "eight", object: "hadera-attack"),
        ]
        try Fixtures.importText(lines.joined(separator: "\n") + "\n", into: store, folder: folder, name: "held.jsonl")
        let order = try store.database.prepare("SELECT id FROM claim WHERE id LIKE 'held-%' ORDER BY rowid")
        var ids: [String] = []
        try order.forEachRow { ids.append($0.string(0)) }
        // Each batch by subject, then object, claims alike there in input order. The repeat of
        // held-1 wrote the first batch (hamas–isis: held-3, held-1; isis–hamas: held-6); the end of
        // the import the rest (abu-maram, hamas–hadera-attack, hamas–isis).
        #expect(ids == ["held-3", "held-1", "held-6", "held-7", "held-8", "held-4"])
        #expect(try store.claim(id: "held-1")?.citations.map(\.citation.quote) == ["one", "one again"])
        #expect(try store.database.prepare("SELECT count(*) FROM retracted_claim WHERE id = 'held-2'").scalarInteger() == 1)

        // An entity retyped later in the same import is checked against the claims held before it.
        let held =
            #"{"record":"claim","id":"held-5","subject":"isis","predicate":"claimed_responsibility_for","object":"hadera-attack","citations":[{"source":"police","quote":"five","stance":"asserts","credibility":2}]}"#
        let reported = try errors(
            importing: held + "\n" + #"{"record":"entity","id":"hadera-attack","type":"place","name":"Hadera"}"# + "\n")
        #expect(reported.contains { $0.contains(#"claim "held-5": object: claimed_responsibility_for takes"#) }, "\(reported)")
    }

    @Test("held claims are ordered by the bytes of subject, object and predicate, as SQLite's index orders them")
    func subjectOrder() {
        func key(_ subject: String, _ object: String, _ predicate: String = "praised") -> [UInt8] {
            ImportSession.subjectOrderKey(Claim(id: "id", subject: subject, predicate: predicate, object: object, citations: []))
        }
        // "é" precomposed (C3 A9) and decomposed (65 CC 81) are one string to Swift's `==`, two keys to
        // SQLite; "b" sorts before "bb" whatever follows it.
        let keys = [
            key("\u{E9}", "x"), key("e\u{301}", "x"), key("b", "x"), key("\u{E9}", "a"), key("b", "x", "funded"),
            key("b", "x"), key("bb", "a"),
        ]
        #expect(ImportSession.inSubjectOrder(keys) == [4, 2, 5, 6, 1, 3, 0])
    }

    @Test("the same record twice in one import is written once")
    func identicalRepeat() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store("", in: folder)
        let summary = try Fixtures.importText(Fixtures.basic + Fixtures.basic, into: store, folder: folder)
        #expect(summary.repeated == 10)
        #expect(try store.counts().claims == 3)
    }

    @Test("records may come in any order: claims before the entities and sources they name")
    func anyOrder() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store("", in: folder)
        let reversed = Fixtures.basic.split(separator: "\n").reversed().joined(separator: "\n")
        try Fixtures.importText(reversed, into: store, folder: folder)
        #expect(try store.counts() == (entities: 4, sources: 3, claims: 3, citations: 3))
        // The import checks references itself; SQLite agrees, and enforces them again afterwards.
        #expect(try store.database.prepare("PRAGMA foreign_key_check").scalarText() == nil)
        #expect(try store.database.integerPragma("foreign_keys") == 1)
    }

    @Test("a type check waits for an entity defined later in the input")
    func lateTypeCheck() throws {
        let reported = try errors(
            importing: """
                {"record":"claim","id":"c","subject":"newcomer","predicate":"child_of","object":"abu-maram","citations":[{"source":"police","quote":"q","stance":"asserts","credibility":2}]}
                {"record":"entity","id":"newcomer","type":"organization","name":"Newcomer"}

                """)
        #expect(reported == [#"bad.jsonl:1: claim "c": subject: child_of takes a subject of type person, not organization"#])
    }

    @Test("changing an entity's type is refused when a stored claim no longer fits")
    func retypeBreaksClaims() throws {
        let reported = try errors(importing: #"{"record":"entity","id":"hadera-attack","type":"place","name":"Hadera"}"# + "\n")
        // praised takes any object; claimed_responsibility_for takes an event only.
        #expect(
            reported == [
                #"bad.jsonl:1: entity "hadera-attack": type: the new type breaks the stored claim "isis-claimed-attack": claimed_responsibility_for takes an object of type event, not place"#
            ])
    }

    @Test("a bad record leaves no trace, and errors in the rest of the file are listed too")
    func allOrNothing() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(in: folder)
        let before = try Fixtures.export(store)
        let text = """
            {"record":"entity","id":"new-one","type":"person","name":"New"}
            {"record":"entity","id":"x","type":"organization"}
            {"record":"entity","id":"new-two","type":"person","name":"New two"}
            {"record":"claim","subject":"new-one","predicate":"member_of","object":"hamass","citations":[{"source":"police","quote":"q","stance":"asserts","credibility":2}]}

            """
        #expect(throws: Importer.Failure.self) { try Fixtures.importText(text, into: store, folder: folder, name: "bad.jsonl") }
        #expect(try Fixtures.export(store) == before)
        do {
            try Fixtures.importText(text, into: store, folder: folder, name: "bad.jsonl")
        } catch let failure as Importer.Failure {
            #expect(failure.errors.map(\.line) == [2, 4])
            #expect(failure.description.hasSuffix("nothing was imported: the store is unchanged"))
        }
    }

    @Test("a 10,000-line import whose line 9,000 is bad leaves the store file byte for byte as it was")
    func largeImportWithOneBadLine() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(in: folder)
        var lines: [String] = []
        for index in 1...10_000 {
            if index == 9_000 {
                lines.append(#"{"record":"entity","id":"bad","type":"organisation","name":"Bad"}"#)
            } else {
                lines.append(#"{"record":"entity","id":"e\#(index)","type":"person","name":"Person \#(index)"}"#)
            }
        }
        let databasePath = folder.path("isnad.db")
        try store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        let before = try Data(contentsOf: URL(fileURLWithPath: databasePath))
        do {
            try Fixtures.importText(lines.joined(separator: "\n"), into: store, folder: folder, name: "big.jsonl")
            Issue.record("the import was accepted")
        } catch let failure as Importer.Failure {
            #expect(failure.totalCount == 1)
            #expect(
                failure.errors.first?.description.contains(#"big.jsonl:9000: entity "bad": type: "organisation" is not one of"#)
                    == true)
        }
        try store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: databasePath)) == before)
        #expect(try store.counts().entities == 4)
    }

    @Test("import, export, import, export is byte-identical")
    func roundTrip() throws {
        let exported = try Fixtures.export(try Fixtures.store(in: try TemporaryFolder.scoped))
        let again = try withTemporaryFolder { second in try Fixtures.export(try Fixtures.store(exported, in: second)) }
        #expect(exported == again)
        #expect(exported.split(separator: "\n").count == 10)
    }

    @Test("a claim imported again gains the citations it lacked and updates the ones it has")
    func citationsAccumulate() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(in: folder)
        try Fixtures.importText(
            #"{"record":"claim","id":"hamas-armed-isis","subject":"hamas","predicate":"supplied_weapons_to","object":"isis","citations":[{"source":"leak","via":"article","quote":"قدمت أسلحة","quote_en":"provided weapons","stance":"asserts","credibility":3},{"source":"police","quote":"new","stance":"denies","credibility":2}]}"#,
            into: store, folder: folder, name: "second.jsonl")
        let claim = try #require(try store.claim(id: "hamas-armed-isis"))
        #expect(claim.citations.map(\.citation.source) == ["leak", "police"])
        #expect(claim.citations.first?.citation.credibility == .possiblyTrue)
        #expect(claim.evidence?.status == .disputed)

        var options = Importer.Options()
        options.replacingCitations = true
        try Fixtures.importText(
            #"{"record":"claim","id":"hamas-armed-isis","subject":"hamas","predicate":"supplied_weapons_to","object":"isis","citations":[{"source":"police","quote":"new","stance":"denies","credibility":2}]}"#,
            into: store, folder: folder, name: "third.jsonl", options: options)
        #expect(try store.claim(id: "hamas-armed-isis")?.citations.map(\.citation.source) == ["police"])
    }

    @Test(
        "a claim id keeps its subject, predicate and object: another one is refused, or replaces the claim whole with --replace")
    func claimEndsAreItsIdentity() throws {
        let moved =
            #"{"record":"claim","id":"hamas-armed-isis","subject":"hamas","predicate":"supplied_weapons_to","object":"police-org","citations":[{"source":"police","quote":"new","stance":"denies","credibility":2}]}"#
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(in: folder)
        try Fixtures.importText(
            #"{"record":"entity","id":"police-org","type":"organization","name":"Police"}"#, into: store, folder: folder,
            name: "police.jsonl")
        let before = try #require(try store.claim(id: "hamas-armed-isis"))
        do {
            try Fixtures.importText(moved, into: store, folder: folder, name: "moved.jsonl")
            Issue.record("a claim that changes its object was imported")
        } catch let failure as Importer.Failure {
            #expect(
                failure.errors.map(\.description).map { $0.replacingOccurrences(of: folder.url.path + "/", with: "") } == [
                    #"moved.jsonl:1: claim "hamas-armed-isis": object: the stored claim has object "isis": a claim id keeps its subject, predicate and object"#
                ])
            // The CLI adds "(give this claim another id, or import with --replace …)": CLITests check it.
            #expect(failure.errors.map(\.problem.remedy) == [.replacingStoredClaim])
        }
        #expect(try store.claim(id: "hamas-armed-isis") == before)

        var options = Importer.Options()
        options.replacingCitations = true
        try Fixtures.importText(moved, into: store, folder: folder, name: "moved.jsonl", options: options)
        let replaced = try #require(try store.claim(id: "hamas-armed-isis"))
        #expect(replaced.claim.object == "police-org")
        #expect(replaced.citations.map(\.citation.source) == ["police"])
    }

    @Test("a record with a retraction joins the stored claim's citations and keeps its ends, as any claim record does")
    func retractingRecordsAddToTheStoredClaim() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(in: folder)
        try Fixtures.importText(
            #"{"record":"claim","id":"hamas-armed-isis","subject":"hamas","predicate":"supplied_weapons_to","object":"isis","citations":[{"source":"police","quote":"new","stance":"denies","credibility":2,"retracted":"misread"}]}"#,
            into: store, folder: folder, name: "citation.jsonl")
        guard case .claim(let withCitation)? = try store.record(.claim, id: "hamas-armed-isis") else {
            Issue.record("the claim is gone")
            return
        }
        #expect(withCitation.citations.map(\.source) == ["leak", "police"])
        #expect(withCitation.citations.map(\.retraction) == [nil, "misread"])

        try Fixtures.importText(
            #"{"record":"claim","id":"hamas-armed-isis","subject":"hamas","predicate":"supplied_weapons_to","object":"isis","retracted":"a duplicate","citations":[{"source":"police","quote":"other","stance":"reports","credibility":3}]}"#,
            into: store, folder: folder, name: "claim.jsonl")
        guard case .claim(let retracted)? = try store.record(.claim, id: "hamas-armed-isis") else {
            Issue.record("the claim is gone")
            return
        }
        #expect(retracted.retraction == "a duplicate")
        #expect(retracted.citations.map(\.source) == ["leak", "police", "police"])
        // Its citations left the citation table with it: the import writes with SQLite's foreign
        // keys off, where no cascade runs, and citations of no claim made check and copy refuse the store.
        #expect(
            try store.database.cached("SELECT count(*) FROM citation WHERE claim = 'hamas-armed-isis'").scalarInteger([]) == 0)
        #expect(try store.database.cached("SELECT count(*) FROM pragma_foreign_key_check").scalarInteger([]) == 0)

        #expect(
            try errors(
                importing:
                    #"{"record":"claim","id":"hamas-armed-isis","subject":"hamas","predicate":"praised","object":"isis","citations":[{"source":"police","quote":"x","stance":"asserts","credibility":2,"retracted":"r"}]}"#
            ) == [
                #"bad.jsonl:1: claim "hamas-armed-isis": predicate: the stored claim has predicate "supplied_weapons_to": a claim id keeps its subject, predicate and object"#
            ])
    }

    @Test(
        "the same claim record again in one import, retracting its only citation, is refused as a second import would refuse it")
    func repeatedRecordRetractingItsOnlyCitation() throws {
        let line =
            #"{"record":"claim","id":"once","subject":"hamas","predicate":"praised","object":"isis","citations":[{"source":"police","quote":"x","stance":"asserts","credibility":2}]}"#
        let retracting = line.replacingOccurrences(of: #""credibility":2}"#, with: #""credibility":2,"retracted":"r"}"#)
        #expect(
            try errors(importing: line + "\n" + retracting) == [
                #"bad.jsonl:2: claim "once": citations: every citation of the claim would be retracted while the claim stands: retract the claim itself ("retracted" on the claim) or leave a citation standing"#
            ])
    }

    @Test("a claim that would stand with every citation retracted is refused: check and the export would refuse the store")
    func standingClaimNeedsAStandingCitation() throws {
        #expect(
            try errors(
                importing:
                    #"{"record":"claim","id":"new-claim","subject":"hamas","predicate":"praised","object":"isis","citations":[{"source":"police","quote":"x","stance":"asserts","credibility":2,"retracted":"r"}]}"#
            ) == [
                #"bad.jsonl:1: claim "new-claim": citations: every citation of the claim would be retracted while the claim stands: retract the claim itself ("retracted" on the claim) or leave a citation standing"#
            ])
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(in: folder)
        // The stored claim's one citation retracted by a record that names it.
        let before = try store.record(.claim, id: "hamas-armed-isis")
        let line =
            #"{"record":"claim","id":"hamas-armed-isis","subject":"hamas","predicate":"supplied_weapons_to","object":"isis","citations":[{"source":"leak","via":"article","quote":"قدمت أسلحة","stance":"asserts","credibility":4,"retracted":"r"}]}"#
        #expect(throws: Importer.Failure.self) { try Fixtures.importText(line, into: store, folder: folder, name: "r.jsonl") }
        #expect(try store.record(.claim, id: "hamas-armed-isis") == before)
    }

    @Test("a claim without an id gets one derived from what it says, so importing it twice never duplicates it")
    func derivedIDs() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(in: folder)
        let claim =
            #"{"record":"claim","subject":"hamas","predicate":"allied_with","object":"isis","start":"2017-07","citations":[{"source":"police","quote":"q","stance":"reports","credibility":3}]}"#
        try Fixtures.importText(claim, into: store, folder: folder, name: "one.jsonl")
        try Fixtures.importText(claim, into: store, folder: folder, name: "two.jsonl")
        #expect(try store.counts().claims == 4)
        let id = Claim.derivedID(
            subject: "hamas", predicate: "allied_with", object: "isis", start: try PartialDate(parsing: "2017-07"), end: nil)
        #expect(id.hasPrefix("c-") && id.count == 18)
        #expect(try store.claim(id: id) != nil)
    }

    @Test("a record whose id was derived from its dates is refused when the stored claim of that id was given other dates since")
    func derivedIDAfterTheDatesChanged() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(in: folder)
        let claim =
            #"{"record":"claim","subject":"hamas","predicate":"allied_with","object":"isis","start":"2017-07","citations":[{"source":"police","quote":"q","stance":"reports","credibility":3}]}"#
        try Fixtures.importText(claim, into: store, folder: folder, name: "one.jsonl")
        let id = Claim.derivedID(
            subject: "hamas", predicate: "allied_with", object: "isis", start: try PartialDate(parsing: "2017-07"), end: nil)
        // The dates corrected, as `isnad set` does: a record that names the id with other dates.
        try Fixtures.importText(
            #"{"record":"claim","id":"\#(id)","subject":"hamas","predicate":"allied_with","object":"isis","start":"2016","citations":[{"source":"police","quote":"q","stance":"reports","credibility":3}]}"#,
            into: store, folder: folder, name: "corrected.jsonl")
        #expect(try store.claim(id: id)?.claim.start?.description == "2016")
        do {
            try Fixtures.importText(claim, into: store, folder: folder, name: "again.jsonl")
            Issue.record("the old dates were put back")
        } catch let failure as Importer.Failure {
            #expect(
                failure.errors.map(\.description).map { $0.replacingOccurrences(of: folder.url.path + "/", with: "") } == [
                    #"again.jsonl:1: claim "\#(id)": start: the stored claim has start "2016", not "2017-07": its id was derived from this record's dates, and its dates were changed since (isnad set); give the record the stored dates, or an id of its own for a claim of these dates"#
                ])
        }
        #expect(try store.claim(id: id)?.claim.start?.description == "2016")
    }

    @Test("files joined by cat, each with a byte order mark, import as one: the mark starts the next file's first line")
    func byteOrderMarksOfJoinedFiles() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(in: folder)
        let mark = "\u{FEFF}"
        try Fixtures.importText(
            mark + #"{"record":"entity","id":"joined-one","type":"person","name":"One"}"# + "\n" + mark
                + #"{"record":"entity","id":"joined-two","type":"person","name":"Two"}"# + "\n",
            into: store, folder: folder, name: "joined.jsonl")
        #expect(try store.record(.entity, id: "joined-two") != nil)
    }

    @Test("a dry run checks everything and writes nothing")
    func dryRun() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store("", in: folder)
        var options = Importer.Options()
        options.dryRun = true
        let summary = try Fixtures.importText(Fixtures.basic, into: store, folder: folder, options: options)
        #expect(summary.recordCount == 10)
        #expect(try store.counts().entities == 0)
    }

    @Test("a name or an alias longer than 500 characters is refused at its field: a PostgreSQL store indexes names whole")
    func nameLengthLimit() throws {
        let limit = Entity.maximumNameLength
        // Four bytes a character: the most a PostgreSQL index entry would hold.
        let longest = String(repeating: "\u{1F600}", count: limit)
        let tooLong = String(repeating: "ب", count: limit + 1)
        #expect(
            try errors(importing: #"{"record":"entity","id":"x","type":"person","name":"\#(tooLong)"}"#) == [
                #"bad.jsonl:1: entity "x": name: 501 characters, more than the 500 a name may have (a PostgreSQL store indexes names whole): put the rest in the description"#
            ])
        #expect(
            try errors(
                importing:
                    #"{"record":"entity","id":"x","type":"person","name":"X","aliases":[{"name":"\#(tooLong)","lang":"ar"}]}"#)
                == [
                    #"bad.jsonl:1: entity "x": aliases[0].name: 501 characters, more than the 500 a name may have (a PostgreSQL store indexes names whole): put the rest in the description"#
                ])
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(in: folder)
        try Fixtures.importText(
            #"{"record":"entity","id":"longest","type":"person","name":"\#(longest)"}"#, into: store, folder: folder,
            name: "ok.jsonl")
        #expect(try store.entity(id: "longest")?.name == longest)
    }

    @Test("a line longer than the limit is refused without being read into memory")
    func lineLimit() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store("", in: folder)
        var options = Importer.Options()
        options.maximumLineLength = 100
        let long = #"{"record":"entity","id":"x","type":"person","name":""# + String(repeating: "y", count: 200) + #""}"#
        do {
            try Fixtures.importText(long, into: store, folder: folder, name: "long.jsonl", options: options)
            Issue.record("accepted")
        } catch let failure as Importer.Failure {
            #expect(
                failure.errors.first?.description.hasSuffix(
                    "long.jsonl:1: line of 254 bytes is longer than the limit of 100 bytes") == true)
            // The CLI adds "(see --max-line-bytes)": CLITests check it.
            #expect(failure.errors.first?.problem.remedy == .longerLineLimit)
        }
    }

    @Test("a missing input is refused before anything is opened")
    func missingInput() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store("", in: folder)
        #expect(throws: Importer.InputError.self) { try Importer(store: store).run([.file(folder.path("nope.jsonl"))]) }
    }
}

@Suite("Import on a full store", .temporaryFolder)
struct FullStoreTests {
    @Test("when the store cannot grow, the import fails as disk full and the store is unchanged")
    func maxPageCount() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(in: folder)
        let before = try Fixtures.export(store)
        let pages = try store.database.integerPragma("page_count")
        try store.database.execute("PRAGMA max_page_count = \(pages + 2)")
        let many = (0..<3000).map { #"{"record":"entity","id":"e\#($0)","type":"person","name":"Person \#($0)"}"# }
        do {
            try Fixtures.importText(many.joined(separator: "\n"), into: store, folder: folder, name: "many.jsonl")
            Issue.record("the import fitted")
        } catch let error as DatabaseError {
            #expect(error.kind == .diskFull)
            #expect(error.description.contains("disk full"))
            #expect(error.description.hasSuffix("the store was left as it was before this command"))
        }
        #expect(try Fixtures.export(store) == before)
        #expect(try store.database.prepare("PRAGMA integrity_check").scalarText() == "ok")
    }
}

@Suite("Import of a large batch: indexes built after the rows", .temporaryFolder)
struct DeferredIndexTests {
    /// Records many times the size of an empty store: entities, a source, and claims between them.
    private static func largeBatch(entities: Int = 1500) -> String {
        var lines = [#"{"record":"source","id":"report","type":"news-article","title":"Report","reliability":"C"}"#]
        for index in 0..<entities {
            lines.append(
                #"{"record":"entity","id":"org-\#(index)","type":"organization","name":"Organization \#(index)","aliases":[{"name":"منظمة \#(index)","lang":"ar"}]}"#
            )
        }
        for index in 1..<entities {
            lines.append(
                #"{"record":"claim","id":"c-\#(index)","subject":"org-\#(index)","predicate":"allied_with","object":"org-\#(index - 1)","citations":[{"source":"report","quote":"q \#(index)","stance":"asserts","credibility":3}]}"#
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every schema object with its root page: an index built again has a new one.
    private func schema(of store: GraphStore) throws -> [String] {
        var rows: [String] = []
        try store.database.prepare("SELECT type, name, tbl_name, rootpage, sql FROM sqlite_schema ORDER BY name").forEachRow {
            rows.append("\($0.string(0)) \($0.string(1)) \($0.string(2)) \($0.int(3)) \($0.string(4))")
        }
        return rows
    }

    private func withoutRootPages(_ rows: [String]) -> [String] {
        rows.map {
            $0.split(separator: " ", omittingEmptySubsequences: false).enumerated().filter { $0.offset != 3 }.map(\.element)
                .joined(separator: " ")
        }
    }

    @Test("the secondary indexes are built again, as the store defined them, and the store reopens")
    func rebuilt() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store("", in: folder)
        let before = try schema(of: store)
        try Fixtures.importText(Self.largeBatch(), into: store, folder: folder)
        let after = try schema(of: store)
        #expect(withoutRootPages(after) == withoutRootPages(before))
        #expect(
            after.first { $0.hasPrefix("index claim_by_subject ") } != before.first { $0.hasPrefix("index claim_by_subject ") })
        #expect(try store.database.prepare("PRAGMA integrity_check").scalarText() == "ok")
        let reopened = try GraphStore(path: folder.path("isnad.db"), access: .read)
        #expect(try reopened.claims(of: "org-7").map(\.claim.id) == ["c-7", "c-8"])
        #expect(try reopened.counts().claims == 1499)
    }

    @Test("a refused import and a dry run leave the indexes as they were", arguments: [false, true])
    func untouched(dryRun: Bool) throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store("", in: folder)
        let before = try schema(of: store)
        var options = Importer.Options()
        options.dryRun = dryRun
        let text = Self.largeBatch() + (dryRun ? "" : #"{"record":"entity","id":"x","type":"group","name":"X"}"#)
        do {
            try Fixtures.importText(text, into: store, folder: folder, options: options)
            #expect(dryRun)
        } catch is Importer.Failure {
            #expect(!dryRun)
        }
        #expect(try schema(of: store) == before)
        #expect(try store.counts().claims == 0)
    }

    @Test("a small import into a larger store keeps its indexes")
    func small() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store("", in: folder)
        try Fixtures.importText(Self.largeBatch(entities: 3000), into: store, folder: folder, name: "large.jsonl")
        let before = try schema(of: store)
        try Fixtures.importText(
            #"{"record":"claim","id":"c-new","subject":"org-1","predicate":"allied_with","object":"org-5","citations":[{"source":"report","quote":"q","stance":"asserts","credibility":3}]}"#,
            into: store, folder: folder)
        #expect(try schema(of: store) == before)
    }
}
