import TestHelpers
import Testing

@testable import IsnadKit

@Suite("A renamed record's history", .temporaryFolder)
struct RenameHistoryTests {
    @Test("the history of a record renamed hundreds of times follows every id it had, and only ids of its kind")
    func longChainOfOneKind() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(
            """
            {"record":"source","id":"s-0","type":"statement","title":"S","reliability":"C"}
            {"record":"entity","id":"e-0","type":"person","name":"E"}

            """, in: folder)
        let change = ChangeDescription(author: "test", command: "isnad rename")
        // More renames than SQLite's expression depth (1,000) took as a chain of ORs (two levels each).
        for index in 1...600 {
            _ = try store.changing(change) { try $0.rename(.source, from: "s-\(index - 1)", to: "s-\(index)") }
        }
        let entries = try store.history(of: "s-600")
        #expect(entries.count == 600)
        #expect(entries.last?.records.map(\.id) == ["s-0", "s-1"])
        #expect(try store.changes(of: .source, id: "s-600").count == 600)
        // An id in the middle of the chain has its own past, up to the rename that took it away.
        let middle = try store.history(of: "s-300")
        #expect(middle.map(\.number) == Array((1...301).reversed()))
        #expect(middle.first?.records.map(\.id) == ["s-300"])
        // An entity given an id a source once had is not followed into the source's entries.
        _ = try store.changing(change) { try $0.rename(.entity, from: "e-0", to: "s-0") }
        _ = try store.changing(change) { try $0.rename(.entity, from: "s-0", to: "x") }
        let entity = try store.history(of: "x")
        #expect(entity.map(\.number) == [602, 601])
        #expect(entity.last?.records.map(\.id) == ["e-0", "s-0"])
    }

    /// A person and an organisation, with a claim of a derived id and, `withTwin`, its twin (the
    /// same relationship under `-2`, with another citation, as an import takes it).
    private static func derivedClaims(in folder: TemporaryFolder, withTwin: Bool = true) throws -> (GraphStore, old: String) {
        let old = Claim.derivedID(subject: "e-1", predicate: "member_of", object: "org", start: nil, end: nil)
        let store = try Fixtures.store(
            """
            {"record":"source","id":"s","type":"statement","title":"S","reliability":"C"}
            {"record":"entity","id":"e-1","type":"person","name":"E"}
            {"record":"entity","id":"org","type":"organization","name":"O"}
            {"record":"claim","subject":"e-1","predicate":"member_of","object":"org","citations":[{"source":"s","quote":"q1","stance":"asserts","credibility":3}]}

            """
                + (withTwin
                    ? #"{"record":"claim","id":"\#(old)-2","subject":"e-1","predicate":"member_of","object":"org","citations":[{"source":"s","quote":"q2","stance":"reports","credibility":4}]}"#
                        + "\n" : ""),
            in: folder)
        return (store, old)
    }

    @Test(
        "an entity's rename keeps twins apart, and its entry pairs each claim id it derived anew with the old one, both ways"
    )
    func derivedAnewPaired() throws {
        let folder = try TemporaryFolder.scoped
        let (store, old) = try Self.derivedClaims(in: folder)
        let new = Claim.derivedID(subject: "e-2", predicate: "member_of", object: "org", start: nil, end: nil)
        let (_, entry) = try store.changing(ChangeDescription(author: "test", command: "isnad rename e-1 e-2")) {
            try $0.rename(.entity, from: "e-1", to: "e-2")
        }
        let number = try #require(entry)
        // Each twin keeps its own citation under its own new id, as before the rename.
        #expect(try store.claim(id: new)?.claim.citations.map(\.quote) == ["q1"])
        #expect(try store.claim(id: new + "-2")?.claim.citations.map(\.quote) == ["q2"])
        #expect(try store.claimIDDerivedAnew(in: number, removed: old) == new)
        #expect(try store.claimIDDerivedAnew(in: number, removed: old + "-2") == new + "-2")
        #expect(try store.claimIDDerivedAnew(in: number, added: new + "-2") == old + "-2")
        #expect(try store.claimIDDerivedAnew(in: number, removed: "c-0000000000000000") == nil)
        #expect(try store.claimIDDerivedAnew(from: old + "-2")?.current == new + "-2")
    }

    @Test(
        "a claim id derived anew by two renames leads to the latest; an undone rename counts for nothing, and a claim renamed on leads to its own new id"
    )
    func derivedAnewFollowed() throws {
        let folder = try TemporaryFolder.scoped
        let (store, old) = try Self.derivedClaims(in: folder, withTwin: false)
        let ids = (2...3).map { Claim.derivedID(subject: "e-\($0)", predicate: "member_of", object: "org", start: nil, end: nil) }
        for (from, to) in [("e-1", "e-2"), ("e-2", "e-3")] {
            _ = try store.changing(ChangeDescription(author: "test", command: "isnad rename \(from) \(to)")) {
                try $0.rename(.entity, from: from, to: to)
            }
        }
        let twice = try #require(try store.claimIDDerivedAnew(from: old))
        #expect((twice.given, twice.current, twice.isGone, twice.entry) == (ids[0], ids[1], false, 1))
        #expect(twice.sentence.hasSuffix(#"which derived its id anew as "\#(ids[0])", and later renames"#))
        #expect(try store.claimIDDerivedAnew(from: ids[0])?.current == ids[1])
        #expect(try store.claimIDDerivedAnew(from: ids[1]) == nil, "the claim holds it")
        let undo = ChangeDescription(author: "test", command: "isnad undo")
        _ = try store.undo(as: undo)
        let once = try #require(try store.claimIDDerivedAnew(from: old))
        #expect((once.given, once.current) == (ids[0], ids[0]))
        #expect(
            once.sentence
                == #"claim "\#(old)" was renamed "\#(ids[0])" by history entry 1 (isnad rename e-1 e-2), which derived its id anew"#
        )
        _ = try store.changing(ChangeDescription(author: "test", command: "isnad rename \(ids[0]) kept-claim")) {
            try $0.rename(.claim, from: ids[0], to: "kept-claim")
        }
        #expect(try store.claimIDDerivedAnew(from: old)?.current == "kept-claim")
        _ = try store.undo(as: undo)
        _ = try store.undo(as: undo)
        #expect(try store.claimIDDerivedAnew(from: old) == nil, "the claim has its id again")
    }
}
