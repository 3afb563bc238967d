import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

/// History carried from one store to another (`export history`, `import --from history`).
@Suite("History carried between stores", .temporaryFolder)
struct HistoryExchangeTests {
    @Test("appendHistory refuses a number given twice, and an undo naming an entry that did not come, and appends nothing")
    func unlinkedHistory() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(in: folder)
        func entry(_ number: Int, undoes: Int? = nil) -> HistoryEntry {
            HistoryEntry(
                number: number, timestamp: "2026-12-01T00:00:00Z", author: "a", command: "isnad set x", undoes: undoes,
                undoneBy: nil, records: [], recordCount: 0)
        }
        let before = try store.database.prepare("SELECT count(*) FROM change").scalarInteger()
        #expect(throws: UnlinkedHistory.self) { try store.appendHistory([entry(1), entry(1)], by: nil) }
        #expect(throws: UnlinkedHistory.self) { try store.appendHistory([entry(1), entry(2, undoes: 7)], by: nil) }
        #expect(try store.database.prepare("SELECT count(*) FROM change").scalarInteger() == before)
        // Named among those kept (already in the store) or appended, it is taken.
        #expect(try store.appendHistory([entry(1), entry(2, undoes: 1), entry(3, undoes: 9)], kept: [9: 1], by: nil) != nil)
    }

    @Test(
        "withholding a source from history entries takes out its lines and citations, keeps the rest of each record as a store writes it, and drops a change left empty"
    )
    func withholdingFromHistory() throws {
        let kept = #"{"source":"wire","quote":"q","stance":"asserts","credibility":3}"#
        let secret = #"{"source":"secret","quote":"saw it","stance":"asserts","credibility":2}"#
        func claim(_ citations: String...) -> String {
            #"{"id":"c1","subject":"a","predicate":"funded","object":"b","citations":["# + citations.joined(separator: ",")
                + "]}"
        }
        let entries = [
            HistoryEntry(
                number: 1, timestamp: "2026-12-01T00:00:00Z", author: "rep",
                command: "isnad add source --title 'Talk with a smuggler' --id secret", undoes: nil, undoneBy: nil,
                records: [
                    RecordChange(
                        kind: .source, id: "secret", action: .added, before: nil,
                        after: #"{"id":"secret","type":"other","title":"Talk with a smuggler","reliability":"B"}"#)
                ], recordCount: 1),
            // A citation added to a claim that had another: nothing left to say.
            HistoryEntry(
                number: 2, timestamp: "2026-12-01T00:00:01Z", author: "rep", command: "isnad add claim a funded b --source x",
                undoes: nil, undoneBy: nil,
                records: [
                    RecordChange(kind: .claim, id: "c1", action: .changed, before: claim(kept), after: claim(kept, secret))
                ],
                recordCount: 1),
            // A claim added with both: added with the other alone.
            HistoryEntry(
                number: 3, timestamp: "2026-12-01T00:00:02Z", author: "rep", command: "isnad set b name B",
                undoes: nil, undoneBy: nil,
                records: [
                    RecordChange(kind: .claim, id: "c1", action: .changed, before: claim(secret), after: claim(secret, kept))
                ], recordCount: 1),
            HistoryEntry(
                number: 4, timestamp: "2026-12-01T00:00:03Z", author: "rep", command: "isnad set a name A", undoes: nil,
                undoneBy: nil, records: [], recordCount: 0),
        ]
        let withheld = HistoryLines.withholding(["secret"], from: entries)
        #expect(withheld.unknownSources == [])
        #expect(withheld.changedEntries == 3)
        #expect(withheld.entries.map(\.command).prefix(3).allSatisfy { $0 == HistoryLines.withheldCommand })
        #expect(withheld.entries[0].records == [] && withheld.entries[1].records == [])
        #expect(
            withheld.entries[2].records == [RecordChange(kind: .claim, id: "c1", action: .added, before: nil, after: claim(kept))]
        )
        #expect(withheld.entries[3] == entries[3])
        #expect(HistoryLines.withholding(["secre"], from: entries).unknownSources == ["secre"])
    }

    @Test(
        "withholding a cited source leaves no empty cites behind: a change that only cited it goes, another shows only what changed"
    )
    func withholdingLeavesNoEmptyCites() throws {
        func pub(_ title: String, cites: String = "") -> String {
            #"{"record":"source","id":"pub","type":"news-article","title":""# + title + #"","reliability":"C""#
                + (cites.isEmpty ? "" : #","cites":["# + cites + "]") + "}"
        }
        func entry(_ number: Int, _ change: RecordChange) -> HistoryEntry {
            HistoryEntry(
                number: number, timestamp: "2026-12-01T00:00:0\(number)Z", author: "rep", command: "isnad set pub x",
                undoes: nil, undoneBy: nil, records: [change], recordCount: 1)
        }
        let entries = [
            entry(1, RecordChange(kind: .source, id: "pub", action: .added, before: nil, after: pub("Public"))),
            entry(
                2,
                RecordChange(
                    kind: .source, id: "pub", action: .changed, before: pub("Public"),
                    after: pub("Public", cites: #""secret""#))),
            entry(
                3,
                RecordChange(
                    kind: .source, id: "pub", action: .changed, before: pub("Public", cites: #""secret","wire""#),
                    after: pub("Public 2", cites: #""secret""#))),
        ]
        let withheld = HistoryLines.withholding(["secret"], from: entries).entries
        #expect(withheld[0] == entries[0])
        // It cited only what went: nothing changed that may be told.
        #expect(withheld[1].records == [])
        #expect(
            withheld[2].records == [
                RecordChange(
                    kind: .source, id: "pub", action: .changed, before: pub("Public", cites: #""wire""#),
                    after: pub("Public 2"))
            ])
    }

    @Test(
        "withholding follows a source's renames, by the rename's records when its command line is gone; an import's own command loses only whole ids"
    )
    func withholdingFollowsRenames() throws {
        let old = #"{"record":"source","id":"secret","type":"other","title":"Talk","reliability":"B"}"#
        let new = #"{"record":"source","id":"hidden","type":"other","title":"Talk","reliability":"B"}"#
        let entries = [
            HistoryEntry(
                number: 1, timestamp: "2026-12-01T00:00:00Z", author: "rep", command: "isnad add source --id secret",
                undoes: nil, undoneBy: nil,
                records: [RecordChange(kind: .source, id: "secret", action: .added, before: nil, after: old)],
                recordCount: 1),
            // A rename whose command an earlier import withheld: its records still say it.
            HistoryEntry(
                number: 2, timestamp: "2026-12-01T00:00:01Z", author: "rep", command: HistoryLines.withheldCommand,
                undoes: nil, undoneBy: nil,
                records: [
                    RecordChange(kind: .source, id: "hidden", action: .added, before: nil, after: new),
                    RecordChange(kind: .source, id: "secret", action: .removed, before: old, after: nil),
                ], recordCount: 2),
        ]
        for given in ["hidden", "secret"] {
            let withheld = HistoryLines.withholding([given], from: entries)
            #expect(withheld.unknownSources == [])
            #expect(withheld.entries.allSatisfy { $0.records.isEmpty && $0.command == HistoryLines.withheldCommand })
        }
        #expect(
            HistoryLines.command(
                "isnad --db p.db import --from history p-history.jsonl --without-source p,q --author pkeeper",
                withholding: ["p", "q"])
                == "isnad --db withheld-source.db import --from history p-history.jsonl --without-source withheld-source,withheld-source --author pkeeper"
        )
        // A file named after the source gives its id whole: it goes, its extension stays (an
        // extension is not a name: `q` after `p.` stays).
        #expect(
            HistoryLines.command("isnad import --from history p.hist q.v2.jsonl p.q --without-source p", withholding: ["p", "q"])
                == "isnad import --from history withheld-source.hist withheld-source.v2.jsonl withheld-source.q --without-source withheld-source"
        )
    }

    @Test(
        "the records kept of withheld entries are searched for the withheld source's ids, title, author and url as copy searches its records (case and accents folded, whole words), each field listed once an entry, past the limit counted"
    )
    func mentionsOfAWithheldSource() throws {
        let entries = [
            HistoryEntry(
                number: 1, timestamp: "2026-12-01T00:00:00Z", author: "rep", command: "isnad add source --id secret",
                undoes: nil, undoneBy: nil,
                records: [
                    RecordChange(
                        kind: .source, id: "secret", action: .added, before: nil,
                        after:
                            #"{"id":"secret","type":"other","title":"Talk","author":"Kamal Nasser","url":"https://in.test/x","reliability":"B"}"#
                    )
                ], recordCount: 1),
            HistoryEntry(
                number: 2, timestamp: "2026-12-01T00:00:01Z", author: "rep", command: "isnad add entity --name 'Kamal Nasser'",
                undoes: nil, undoneBy: nil,
                records: [
                    RecordChange(
                        kind: .entity, id: "kamal-nasser", action: .added, before: nil,
                        after: #"{"id":"kamal-nasser","type":"person","name":"KAMĀL Nasser","names":[{"name":"Kamal Nasser"}]}"#),
                    // Within a longer word it is not the name: "Talkative" does not name "Talk".
                    RecordChange(
                        kind: .entity, id: "t", action: .added, before: nil,
                        after: #"{"id":"t","type":"person","name":"Talkative","description":"secretary"}"#),
                ], recordCount: 2),
            HistoryEntry(
                number: 3, timestamp: "2026-12-01T00:00:02Z", author: "rep", command: "isnad add source --title Mirror",
                undoes: nil, undoneBy: nil,
                records: [
                    RecordChange(
                        kind: .source, id: "mirror", action: .changed,
                        before: #"{"id":"mirror","type":"other","title":"Mirror","url":"https://in.test/x","reliability":"C"}"#,
                        after:
                            #"{"id":"mirror","type":"other","title":"Mirror of secret","url":"https://in.test/x","reliability":"C"}"#
                    )
                ], recordCount: 1),
        ]
        let withheld = HistoryLines.withholding(["secret"], from: entries)
        #expect(withheld.names == ["secret", "Talk", "Kamal Nasser", "https://in.test/x"])
        let all = HistoryLines.mentions(in: withheld.entries, of: withheld.names, number: { $0 + 10 })
        #expect(
            all.listed == [
                #"entry 11: entity "kamal-nasser" id"#, #"entry 11: entity "kamal-nasser" name"#,
                #"entry 11: entity "kamal-nasser" names"#,
                #"entry 12: source "mirror" url"#, #"entry 12: source "mirror" title"#,
            ])
        #expect(all.beyond == 0)
        // An entry the store holds already (no number) is not looked in; past the limit, counted.
        let limited = HistoryLines.mentions(in: withheld.entries, of: withheld.names, number: { $0 == 2 ? nil : $0 }, limit: 1)
        #expect(limited.listed == [#"entry 1: entity "kamal-nasser" id"#] && limited.beyond == 2)
    }

    @Test(
        "withholding a renamed source leaves the entries of another record given its old id after the rename, and the other way round"
    )
    func withholdingAnIDUsedAgain() throws {
        func source(_ id: String, _ title: String) -> String {
            #"{"record":"source","id":""# + id + #"","type":"other","title":""# + title + #"","reliability":"B"}"#
        }
        let pub = #"{"record":"source","id":"pub","type":"other","title":"Public","reliability":"C"}"#
        let pubCiting = #"{"record":"source","id":"pub","type":"other","title":"Public","reliability":"C","cites":["secret"]}"#
        let claim =
            #"{"id":"c2","subject":"a","predicate":"praised","object":"b","citations":[{"source":"secret","quote":"open words","stance":"asserts","credibility":3}]}"#
        let changes: [(String, [RecordChange])] = [
            (
                "isnad add source --id secret --title Informant",
                [RecordChange(kind: .source, id: "secret", action: .added, before: nil, after: source("secret", "Informant"))]
            ),
            (
                "isnad rename secret hidden",
                [
                    RecordChange(kind: .source, id: "hidden", action: .added, before: nil, after: source("hidden", "Informant")),
                    RecordChange(
                        kind: .source, id: "secret", action: .removed, before: source("secret", "Informant"), after: nil),
                ]
            ),
            // Another store's, which took the history above and is not held to its rename.
            (
                "isnad add source --id secret --title 'Open report'",
                [RecordChange(kind: .source, id: "secret", action: .added, before: nil, after: source("secret", "Open report"))]
            ),
            (
                "isnad set pub 'cites[0]' secret",
                [RecordChange(kind: .source, id: "pub", action: .changed, before: pub, after: pubCiting)]
            ),
            (
                "isnad add claim a praised b --source secret",
                [RecordChange(kind: .claim, id: "c2", action: .added, before: nil, after: claim)]
            ),
        ]
        let entries = changes.enumerated().map { number, change in
            HistoryEntry(
                number: number + 1, timestamp: "2026-12-01T00:00:0\(number)Z", author: "rep", command: change.0,
                undoes: nil, undoneBy: nil, records: change.1, recordCount: change.1.count)
        }
        func isWithheld(_ entry: HistoryEntry) -> Bool { entry.command == HistoryLines.withheldCommand && entry.records.isEmpty }
        // The source renamed: what came before its rename goes, what names its old id since stays.
        let hidden = HistoryLines.withholding(["hidden"], from: entries)
        #expect(hidden.entries.prefix(2).allSatisfy(isWithheld))
        #expect(Array(hidden.entries.suffix(3)) == Array(entries.suffix(3)))
        #expect(hidden.otherSourcesOfIDs == ["secret": ["secret"]])
        // The id two sources went by may mean either: both go (and it is said), never the protected one let through.
        let secret = HistoryLines.withholding(["secret"], from: entries)
        #expect(secret.entries.allSatisfy(isWithheld))
        #expect(secret.otherSourcesOfIDs == [:] && secret.severalSources == ["secret": ["hidden", "secret"]])
        let both = HistoryLines.withholding(["hidden", "secret"], from: entries)
        #expect(both.entries.allSatisfy(isWithheld) && both.otherSourcesOfIDs == [:])
        #expect(both.severalSources == ["secret": ["hidden", "secret"]])

        // An entity given the old id: the command lines that name it stay.
        let entity = #"{"record":"entity","id":"secret","type":"person","name":"S"}"#
        let entityEntries =
            Array(entries.prefix(2)) + [
                HistoryEntry(
                    number: 3, timestamp: "2026-12-01T00:00:09Z", author: "rep",
                    command: "isnad add entity --id secret --type person --name S", undoes: nil, undoneBy: nil,
                    records: [RecordChange(kind: .entity, id: "secret", action: .added, before: nil, after: entity)],
                    recordCount: 1)
            ]
        let withheld = HistoryLines.withholding(["hidden"], from: entityEntries)
        #expect(withheld.entries.prefix(2).allSatisfy(isWithheld))
        #expect(withheld.entries[2] == entityEntries[2])

        // A source removed under the id, and another renamed to it since: both are named by it.
        let removedEntries = [
            entries[0],
            HistoryEntry(
                number: 2, timestamp: "2026-12-01T00:00:01Z", author: "rep", command: "isnad delete secret", undoes: nil,
                undoneBy: nil,
                records: [
                    RecordChange(kind: .source, id: "secret", action: .removed, before: source("secret", "Informant"), after: nil)
                ], recordCount: 1),
            HistoryEntry(
                number: 3, timestamp: "2026-12-01T00:00:02Z", author: "rep", command: "isnad rename open secret", undoes: nil,
                undoneBy: nil,
                records: [
                    RecordChange(kind: .source, id: "secret", action: .added, before: nil, after: source("secret", "Open")),
                    RecordChange(kind: .source, id: "open", action: .removed, before: source("open", "Open"), after: nil),
                ], recordCount: 2),
        ]
        let removed = HistoryLines.withholding(["secret"], from: removedEntries)
        #expect(removed.entries.allSatisfy(isWithheld) && removed.otherSourcesOfIDs == [:])
        #expect(removed.severalSources == ["secret": ["secret", "secret"]])
    }

    @Test("HistoryLines reads the lines of export history back, and lists every problem of the files with its place")
    func historyLinesRead() throws {
        let folder = try TemporaryFolder.scoped
        func line(_ number: Int, undoes: Int? = nil, undoneBy: Int? = nil) -> String {
            var json = JSONWriter()
            HistoryEntry(
                number: number, timestamp: "2026-12-01T00:00:00Z", author: "a", command: "isnad set x", undoes: undoes,
                undoneBy: undoneBy, records: [], recordCount: 0
            ).write(to: &json)
            return String(decoding: json.bytes, as: UTF8.self)
        }
        let sound = try folder.write("sound.jsonl", line(1, undoneBy: 2) + "\n\n" + line(2, undoes: 1) + "\n")
        #expect(try HistoryLines.read([sound], maximumLineLength: nil).map(\.number) == [1, 2])
        let unsound = try folder.write(
            "unsound.jsonl",
            [line(1), line(1), line(3, undoes: 9), "{}", "\u{1B}[2J", line(5), line(6, undoes: 5)].joined(separator: "\n"))
        let refusal = try #require(throws: HistoryLines.Refusal.self) { try HistoryLines.read([unsound], maximumLineLength: nil) }
        #expect(
            refusal.problems.map { $0.replacingOccurrences(of: unsound, with: "F") } == [
                "F:4: expected an object with \"entry\" (a line of isnad export history)",
                "F:5: invalid JSON at column 1: unexpected '0x1B'",
                "F:2: entry: 1 is given twice (first at F:1): import one history at a time",
                "F:3: undoes: entry 9 is not among the entries imported",
                "F:7: undoes: entry 5 does not name this entry (6) as its undone_by",
            ])
        #expect(throws: Importer.InputError.self) {
            try HistoryLines.read([folder.path("missing.jsonl")], maximumLineLength: nil)
        }
    }

    @Test("an author the --author rule refuses is refused in history lines too; name (as role), as PostgreSQL records, is taken")
    func recordedAuthors() {
        #expect(ChangeDescription.recordedAuthorProblem("carol (as bob)") == nil)
        #expect(ChangeDescription.recordedAuthorProblem("Gal·la (as gal\\u{202E}la)") == nil)
        for forged in ["root · undone by entry 3", "x · y", "a\u{202E}b", "a\nb", "x (as y) (as z)", " (as bob)", "carol (as )"] {
            #expect(ChangeDescription.recordedAuthorProblem(forged) != nil, "\(forged)")
        }
        #expect(ChangeDescription.authorProblem("a\u{2067}b")?.hasPrefix("holds a bidirectional control (U+2067)") == true)
        #expect(ChangeDescription.authorProblem("a\u{1B}b")?.hasPrefix("holds a control character (U+001B)") == true)
    }

    @Test("log --author finds carol (as bob), as PostgreSQL records a name beside its role, under either name")
    func authorBesideRole() {
        #expect(HistoryEntry.isRecorded("carol (as bob)", by: "carol"))
        #expect(HistoryEntry.isRecorded("carol (as bob)", by: "BOB"))
        #expect(HistoryEntry.isRecorded("carol (as bob)", by: "carol (as bob)"))
        #expect(!HistoryEntry.isRecorded("carol (as bob)", by: "car"))
        #expect(!HistoryEntry.isRecorded("carol", by: "bob"))
        #expect(!HistoryEntry.isSameAuthor("carol (as bob)", "carol"), "undo keeps the two apart")
    }

    @Test(
        "a new author that would read as another's is refused: a space at an end, an invisible character, mixed scripts in a word, fullwidth forms; one a history recorded before is taken as it was",
        arguments: [
            ("b\u{43E}b", "mixes Cyrillic and Latin letters in the word"),
            ("bob\u{200B}", "contains the invisible character U+200B"),
            ("\u{FEFF}bob", "contains the invisible character U+FEFF"), ("bob ", "starts or ends with a space"),
            ("bob\u{A0}", "starts or ends with a space"), (" lead", "starts or ends with a space"),
            ("\u{FF22}\u{FF2F}\u{FF22}", "is written in compatibility forms"), ("b\u{3BF}b", "mixes Greek and Latin letters"),
        ])
    func lookAlikeAuthors(author: String, problem: String) {
        #expect(ChangeDescription.authorProblem(author)?.hasPrefix(problem) == true, "\(author)")
        // Recorded by an earlier version, it is history: import --from history takes it.
        #expect(ChangeDescription.recordedAuthorProblem(author) == nil, "\(author)")
        // A history written before they were refused: log --author bob finds them under bob.
        #expect(HistoryEntry.isSameAuthor(author.trimmingCharacters(in: .whitespaces), "bob") == (author != " lead"))
    }

    @Test(
        "an author name in one script is taken as typed, and matched without case only",
        arguments: ["سمير", "Gal·la", "José", "Jose\u{301}", "ana-maria", "Борис", "Ελένη"])
    func plainAuthors(author: String) {
        #expect(ChangeDescription.authorProblem(author) == nil, "\(author)")
        #expect(HistoryEntry.isSameAuthor(author, author.uppercased()))
        #expect(!HistoryEntry.isSameAuthor(author, "bob"))
    }

    @Test(
        "an author's key sets case aside where lowercasing keeps two letters: Greek's final sigma, Turkish dotted İ; other marks stay",
        arguments: [
            ("ΣΩΚΡΆΤΗΣ", "σωκράτης", true), ("Σωκράτης", "ΣΩΚΡΆΤΗΣ", true), ("İlkay", "ilkay", true), ("İLKAY", "ilkay", true),
            ("i\u{307}lkay", "ilkay", true), ("José", "Jose", false), ("Ilkay", "ılkay", false), ("ŞEX", "sex", false),
        ])
    func authorCaseAcrossScripts(typed: String, stored: String, isSame: Bool) {
        #expect(HistoryEntry.isSameAuthor(stored, typed) == isSame, "\(typed) \(stored)")
    }
}

@Suite("History written a record at a time", .temporaryFolder)
struct HistoryStreamingTests {
    static func store(in folder: TemporaryFolder) throws -> GraphStore {
        let store = try Fixtures.store("", in: folder)
        var options = Importer.Options()
        options.change = ChangeDescription(author: "test", command: "isnad import")
        try Fixtures.importText(
            """
            {"record":"source","id":"s-1","type":"statement","title":"S","reliability":"C"}
            {"record":"entity","id":"e-2","type":"person","name":"B"}
            {"record":"entity","id":"e-1","type":"person","name":"A"}
            {"record":"claim","id":"c-1","subject":"e-1","predicate":"met_with","object":"e-2","citations":[{"source":"s-1","quote":"q","stance":"asserts","credibility":3}]}

            """, into: store, folder: folder, options: options)
        _ = try store.changing(ChangeDescription(author: "test", command: "isnad rename")) {
            try $0.rename(.entity, from: "e-2", to: "e-0")
        }
        return store
    }

    @Test("export history writes each entry's line in pieces, the same bytes as the entry read whole")
    func linesWrittenInPieces() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Self.store(in: folder)
        var whole: [UInt8] = []
        for entry in try store.history(recordLimit: .max).reversed() {
            var json = JSONWriter()
            entry.write(to: &json)
            json.newline()
            whole += json.bytes
        }
        for bytes in [1, 1 << 16] {
            let sink = MemorySink()
            try store.writeHistory(to: sink, writingEvery: bytes)
            #expect(sink.bytes == whole)
        }
        #expect(
            try HistoryLines.read([try folder.write("h.jsonl", String(decoding: whole, as: UTF8.self))], maximumLineLength: nil)
                .count == 2)
    }

    @Test("an entry's records come one at a time, entities, sources then claims by id, the record asked about first")
    func recordsInOrder() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Self.store(in: folder)
        var ids: [String] = []
        func collect(_ record: RecordChange) -> Bool {
            ids.append(record.id)
            return true
        }
        try store.forEachRecord(of: 1, collect)
        #expect(ids == ["e-1", "e-2", "s-1", "c-1"])
        // Under the id it had then (e-2), and stopped when told.
        ids = []
        try store.forEachRecord(of: 1, about: "e-0") { record in
            ids.append(record.id)
            return ids.count < 2
        }
        #expect(ids == ["e-2", "e-1"])
        ids = []
        try store.forEachRecord(of: 2, about: "e-0", withOtherRecords: false, collect)
        #expect(ids == ["e-0", "e-2"])
    }
}
