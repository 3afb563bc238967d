import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

/// `check` holds the records against their history: a change another program made that leaves
/// values an import would take (the review's table of tampering, each planted with SQL) differs
/// from what the store's own history last wrote.
@Suite("Records against their history", .temporaryFolder)
struct HistoryCheckTests {
    /// The basic fixture with a source text (imported without an entry: the history never speaks
    /// of its records), then changed the way the commands change a store, each change an entry:
    /// a claim regraded (entry 1), a source regraded (2), a claim retracted (3), a claim added (4).
    static func changedStore(in folder: TemporaryFolder) throws -> GraphStore {
        let store = try Fixtures.store(
            Fixtures.basic
                + #"{"record":"source","id":"statement","type":"official-statement","title":"Statement","reliability":"B","text":"The group armed the front. The spokesman said so."}"#
                + "\n"
                + #"{"record":"claim","id":"quoted","subject":"hamas","predicate":"supplied_weapons_to","object":"isis","citations":[{"source":"statement","quote":"The group armed the front.","stance":"asserts","credibility":3}]}"#
                + "\n", in: folder)
        func change(_ body: (inout Record) -> Void, _ kind: Record.Kind, _ id: String) throws {
            var record = try #require(try store.record(kind, id: id))
            body(&record)
            _ = try store.changing(ChangeDescription(author: "alice", command: "test \(id)")) { try $0.put(record) }
        }
        try change(
            {
                guard case .claim(var claim) = $0 else { return }
                claim.citations[0].credibility = .doubtful
                $0 = .claim(claim)
            }, .claim, "quoted")
        try change(
            {
                guard case .source(var source) = $0 else { return }
                source.reliability = .c
                $0 = .source(source)
            }, .source, "police")
        try change(
            {
                guard case .claim(var claim) = $0 else { return }
                claim.retraction = "misread"
                $0 = .claim(claim)
            }, .claim, "hamas-praised-attack")
        let added = Claim(
            id: "added", subject: "isis", predicate: "praised", object: "hadera-attack",
            start: try PartialDate(parsing: "2022-03-27"),
            citations: [Citation(source: "police", quote: "q", stance: .asserts, credibility: .probablyTrue)])
        _ = try store.changing(ChangeDescription(author: "alice", command: "test added")) { try $0.put(.claim(added)) }
        return store
    }

    /// The findings of the history check, as `subject: message`.
    static func found(_ store: GraphStore) throws -> [String] {
        try IntegrityCheck(store: store).findings.filter { $0.kind == .notAsHistoryLeftThem }.map {
            "\($0.subject): \($0.message)"
        }
    }

    @Test("a store changed only by Isnad, undo included, is as its history left it")
    func changedByIsnad() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Self.changedStore(in: folder)
        let check = try IntegrityCheck(store: store)
        #expect(check.isClean, "\(check.findings)")
        #expect(check.hasRun(.notAsHistoryLeftThem) && !check.hasNoHistory)
        // Four records have a line of the history to be held against (the rest none).
        #expect(check.examined[.notAsHistoryLeftThem] == 4)
        // The claim added, then undone: removed by the latest entry, and absent.
        _ = try store.undo(as: ChangeDescription(author: "alice", command: "test undo"))
        #expect(try IntegrityCheck(store: store).isClean)
        #expect(try store.record(.claim, id: "added") == nil)
    }

    @Test(
        "each change another program made that leaves valid values is found, naming the record, the field, both values and the entry",
        arguments: [
            // Another phrase of the same text as the quote: still found in it.
            (
                "UPDATE citation SET quote = 'The spokesman said so.' WHERE claim = 'quoted'",
                #"claim "quoted": citations[0].quote is "The spokesman said so." in the store; history entry 1 left it "The group armed the front." — changed outside Isnad? (isnad log quoted shows its entries; isnad set puts a value back)"#
            ),
            (
                "UPDATE citation SET stance = 'denies' WHERE claim = 'quoted'",
                #"claim "quoted": citations[0].stance is "denies" in the store; history entry 1 left it "asserts" — changed outside Isnad? (isnad log quoted shows its entries; isnad set puts a value back)"#
            ),
            (
                "UPDATE citation SET credibility = 2, stance = 'reports' WHERE claim = 'quoted'",
                #"claim "quoted": citations[0].stance is "reports" and citations[0].credibility is 2 in the store; history entry 1 left them "asserts" and 4 — changed outside Isnad? (isnad log quoted shows its entries; isnad set puts a value back)"#
            ),
            (
                "UPDATE claim SET start_date = '2021-01-01' WHERE id = 'added'",
                #"claim "added": start is "2021-01-01" in the store; history entry 4 left it "2022-03-27" — changed outside Isnad? (isnad log added shows its entries; isnad set puts a value back)"#
            ),
            (
                "UPDATE source SET reliability = 'A' WHERE id = 'police'",
                #"source "police": reliability is "A" in the store; history entry 2 left it "C" — changed outside Isnad? (isnad log police shows its entries; isnad set puts a value back)"#
            ),
            (
                "DELETE FROM retracted_claim",
                #"claim "hamas-praised-attack": the store does not hold it; history entry 3 left it retracted — deleted outside Isnad, or a copy made --without-retractions? (isnad log hamas-praised-attack shows its entries)"#
            ),
            (
                "DELETE FROM citation WHERE claim = 'added'; DELETE FROM claim WHERE id = 'added'",
                #"claim "added": the store does not hold it; history entry 4 left it in the store — deleted outside Isnad? (isnad log added shows its entries)"#
            ),
            // The history's line changed instead of the record.
            (
                "UPDATE change_record SET after = replace(after, '\"reliability\":\"C\"', '\"reliability\":\"A\"') WHERE change = 2",
                #"source "police": reliability is "C" in the store; history entry 2 left it "A" — changed outside Isnad? (isnad log police shows its entries; isnad set puts a value back)"#
            ),
            // An entry deleted: what it changed is accounted for by none.
            (
                "DELETE FROM change_record WHERE change = 3; DELETE FROM change WHERE id = 3",
                #"history: entry 3 is missing: Isnad numbers its entries without a gap — deleted outside Isnad? (what it changed is not accounted for; isnad log shows the entries around it)"#
            ),
        ])
    func plantedChange(sql: String, finding: String) throws {
        let folder = try TemporaryFolder.scoped
        let store = try Self.changedStore(in: folder)
        try store.database.execute(sql)
        let found = try Self.found(store)
        #expect(found == [finding], "\(found)")
        // Every other check passes it: the values are valid.
        let others = try IntegrityCheck(store: store).findings.filter { $0.kind != .notAsHistoryLeftThem }
        #expect(others.isEmpty, "\(others)")
    }

    @Test("a difference isnad set cannot write back (merged, a citation deleted) is found without advising it")
    func notSettable() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Self.changedStore(in: folder)
        var hamas = try #require(try store.entity(id: "hamas"))
        hamas.merged = ["hamas-dup"]
        guard case .claim(var added) = try #require(try store.record(.claim, id: "added")) else {
            Issue.record("the claim added is not a claim")
            return
        }
        added.citations.append(
            Citation(source: "statement", quote: "The spokesman said so.", stance: .asserts, credibility: .probablyTrue))
        _ = try store.changing(ChangeDescription(author: "alice", command: "test merged and citation")) {
            try $0.put(.entity(hamas))
            try $0.put(.claim(added))
        }
        #expect(try Self.found(store).isEmpty)
        try store.database.execute("DELETE FROM entity_merged; DELETE FROM citation WHERE claim = 'added' AND position = 1")
        #expect(
            try Self.found(store).sorted() == [
                #"claim "added": citations[1].source is absent, citations[1].quote is absent and citations[1].stance is absent in the store (and 1 field more); history entry 5 left them "statement", "The spokesman said so." and "asserts" — changed outside Isnad? (isnad log added shows its entries)"#,
                #"entity "hamas": merged[0] is absent in the store; history entry 5 left it "hamas-dup" — changed outside Isnad? (isnad log hamas shows its entries)"#,
            ])
    }

    @Test(
        "a copy made --without-retractions, history kept, is told apart from a value changed: the retracted claims and citations it dropped"
    )
    func copiedWithoutRetractions() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Self.changedStore(in: folder)
        // A retracted citation before a standing one: the copy's claim holds the standing one only.
        guard case .claim(var added) = try #require(try store.record(.claim, id: "added")) else {
            Issue.record("the claim added is not a claim")
            return
        }
        added.citations.insert(
            Citation(
                source: "statement", quote: "The spokesman said so.", stance: .asserts, credibility: .probablyTrue,
                retraction: "misread"), at: 0)
        _ = try store.changing(ChangeDescription(author: "alice", command: "test retracted citation")) {
            try $0.put(.claim(added))
        }
        #expect(try Self.found(store).isEmpty)
        let copy = folder.path("copy.db")
        _ = try StoreCopy.copy(from: .file(path: store.path), to: .file(path: copy), leaving: [.retractions])
        let copied = try GraphStore(path: copy, access: .read)
        #expect(try copied.claim(id: "added")?.citations.map(\.citation.source) == ["police"])
        let found = try Self.found(copied)
        #expect(
            found == [
                #"claim "added": the store does not hold citations[0]; history entry 5 left it retracted — deleted outside Isnad, or a copy made --without-retractions? (isnad log added shows its entries)"#,
                #"claim "hamas-praised-attack": the store does not hold it; history entry 3 left it retracted — deleted outside Isnad, or a copy made --without-retractions? (isnad log hamas-praised-attack shows its entries)"#,
            ], "\(found)")
    }

    @Test("a record put back by another program after the history removed it is found")
    func putBackOutsideIsnad() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Self.changedStore(in: folder)
        _ = try store.changing(ChangeDescription(author: "alice", command: "test delete")) {
            try $0.remove(.claim, id: "added")
        }
        #expect(try Self.found(store).isEmpty)
        try store.database.execute(
            """
            INSERT INTO claim (id, subject, predicate, object, start_date) VALUES ('added', 'isis', 'praised', 'hadera-attack', '2022-03-27');
            INSERT INTO citation (claim, position, citation_key, source, quote, stance, credibility) VALUES ('added', 0, 1, 'police', 'q', 'asserts', 3)
            """)
        #expect(
            try Self.found(store) == [
                #"claim "added": the store holds it; history entry 5 removed it — added outside Isnad? (isnad log added shows its entries)"#
            ])
    }

    @Test("a history line an older Isnad wrote, without a field it left at its default and in another order, is the same record")
    func olderLine() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Self.changedStore(in: folder)
        // Entry 4's claim, written with its keys in another order and without "end": null.
        try store.database.execute(
            #"""
            UPDATE change_record SET after = '{"record":"claim","id":"added","predicate":"praised","subject":"isis","object":"hadera-attack","start":"2022-03-27","citations":[{"source":"police","quote":"q","credibility":2,"stance":"asserts"}]}'
            WHERE change = 4
            """#)
        let check = try IntegrityCheck(store: store)
        #expect(check.isClean, "\(check.findings)")
    }

    @Test("a store without history of its own — copied without it, or from before it — raises nothing, and says it has none")
    func noHistory() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Self.changedStore(in: folder)
        let copy = folder.path("copy.db")
        _ = try StoreCopy.copy(from: .file(path: store.path), to: .file(path: copy), leaving: [.history, .retractions])
        let copied = try IntegrityCheck(store: try GraphStore(path: copy, access: .read))
        #expect(copied.isClean, "\(copied.findings)")
        #expect(copied.hasNoHistory && !copied.hasOnlyImportedHistory)
        // A store whose only history is another store's, imported (`import --from history`):
        // none of its own either, and the check says which.
        let imported = try GraphStore(path: folder.path("imported.db"), access: .create)
        _ = try imported.appendHistory(
            [
                HistoryEntry(
                    number: 1, timestamp: "2026-12-01T00:00:00Z", author: "a", command: "isnad set x", undoes: nil,
                    undoneBy: nil, records: [], recordCount: 0)
            ], by: ChangeDescription(author: "alice", command: "isnad import --from history h.jsonl"))
        let importedCheck = try IntegrityCheck(store: imported)
        #expect(importedCheck.isClean && importedCheck.hasNoHistory && importedCheck.hasOnlyImportedHistory)
        // A store whose history speaks of some records only (upgraded from before the history,
        // then changed): the others are not findings.
        try store.database.execute("DELETE FROM change_record WHERE change <> 1; DELETE FROM change WHERE id <> 1")
        try store.database.execute("UPDATE source SET reliability = 'A' WHERE id = 'police'")
        let upgraded = try IntegrityCheck(store: store)
        #expect(upgraded.isClean && !upgraded.hasNoHistory, "\(upgraded.findings)")
    }
}
