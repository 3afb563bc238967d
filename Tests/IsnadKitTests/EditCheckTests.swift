import TestHelpers
import Testing

@testable import IsnadKit

@Suite("Checking and writing a record changed in place", .temporaryFolder)
struct EditCheckTests {
    /// The basic fixture, the article given a text of two lines.
    static let records = Fixtures.basic.replacingOccurrences(
        of: #""reliability":"F","cites":["leak"]"#, with: #""reliability":"F","cites":["leak"],"text":"باركت\nقدمت أسلحة""#)

    struct Unexpected: Error {}

    static func claim(_ id: String, in store: GraphStore) throws -> Claim {
        guard case .claim(let claim)? = try store.record(.claim, id: id) else { throw Unexpected() }
        return claim
    }

    @Test("a claim keeps its ends, its quotes stand in their source's text, and a locator isnad wrote follows its quote")
    func claimEdits() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(Self.records, in: folder)
        let stored = try Self.claim("hamas-praised-attack", in: store)

        var moved = stored
        moved.object = "isis"
        #expect(throws: EditError.changedEnd(field: "object")) { try store.checkedEdit(.claim(moved), replacing: .claim(stored)) }
        #expect(throws: EditError.changedEnd(field: "subject")) { try Record.claim(stored).checkSetting("subject", to: "isis") }
        try Record.claim(stored).checkSetting("subject", to: "hamas")
        try Record.claim(stored).checkSetting("notes", to: "anything")

        var requoted = stored
        requoted.citations[0].quote = "not in the text"
        #expect(throws: EditError.quoteNotInText(citation: 0, source: "article")) {
            try store.checkedEdit(.claim(requoted), replacing: .claim(stored))
        }
        requoted.citations[0].quote = "قدمت أسلحة"
        requoted.citations[0].locator = "line 1"
        let edit = try store.checkedEdit(.claim(requoted), replacing: .claim(stored))
        guard case .claim(let written) = edit.record else { throw Unexpected() }
        #expect(written.citations[0].locator == "line 2")
        // Its translation was the old words'.
        #expect(edit.staleTranslations == [0])

        var unnamed = stored
        unnamed.citations[0].source = "nowhere"
        #expect(throws: EditError.missingReference(kind: .claim, id: stored.id, missing: "source \"nowhere\"")) {
            try store.checkedEdit(.claim(unnamed), replacing: .claim(stored))
        }
    }

    @Test("a checked edit is written in the change, with the quotes a source's new text lost")
    func writing() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(Self.records, in: folder)
        guard case .source(let stored)? = try store.record(.source, id: "article") else { throw Unexpected() }
        var source = stored
        source.text = "باركت"
        let edit = try store.checkedEdit(.source(source), replacing: .source(stored))
        let (lost, entry) = try store.changing(ChangeDescription(author: "test", command: "isnad set")) { try $0.put(edit) }
        #expect(lost.map(\.claim) == ["hamas-armed-isis"])
        #expect(entry != nil)
        #expect(try store.record(.source, id: "article") == .source(source))

        guard case .entity(let attack)? = try store.record(.entity, id: "hadera-attack") else { throw Unexpected() }
        var retyped = attack
        retyped.type = .place
        #expect(
            throws: EditError.typeBreaksClaim(
                claim: "isis-claimed-attack", message: "claimed_responsibility_for takes an object of type event, not place")
        ) { try store.checkedEdit(.entity(retyped), replacing: .entity(attack)) }
        guard case .entity(let hamas)? = try store.record(.entity, id: "hamas") else { throw Unexpected() }
        var merged = hamas
        merged.merged = ["hamas-movement"]
        #expect(throws: EditError.mergedChanged) { try store.checkedEdit(.entity(merged), replacing: .entity(hamas)) }
    }

    @Test(
        "an edit checked before the write lock is checked again under it: another process's change meanwhile is not written over, nor a check it made stale"
    )
    func checkedAgainUnderTheLock() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(Self.records, in: folder)
        let colleague = try GraphStore(path: folder.path("isnad.db"), access: .write)
        let description = ChangeDescription(author: "test", command: "isnad edit")
        let stored = try Self.claim("hamas-armed-isis", in: store)
        var requoted = stored
        requoted.citations[0].quote = "باركت"

        // The words stood in the article's text when checked; a colleague corrected the text since.
        let edit = try store.checkedEdit(.claim(requoted), replacing: .claim(stored))
        guard case .source(var article)? = try colleague.record(.source, id: "article") else { throw Unexpected() }
        article.text = "قدمت أسلحة"
        _ = try colleague.changing(description) { try $0.put(.source(article)) }
        #expect(throws: EditError.quoteNotInText(citation: 0, source: "article")) {
            try store.changing(description) { try $0.put(edit) }
        }

        // The claim itself changed since the check: the colleague's change stands.
        let renoted = try store.checkedEdit(.claim(stored), replacing: .claim(stored))
        var noted = stored
        noted.notes = "a colleague's note"
        _ = try colleague.changing(description) { try $0.put(.claim(noted)) }
        #expect(throws: EditError.storedChanged(kind: .claim, id: stored.id)) {
            try store.changing(description) { try $0.put(renoted) }
        }
        #expect(try store.record(.claim, id: stored.id) == .claim(noted))

        // Checked in the transaction that writes it, an edit is written as checked.
        var annotated = noted
        annotated.notes = "mine"
        _ = try store.changing(description) { session in
            try session.put(try store.checkedEdit(.claim(annotated), replacing: .claim(noted)))
        }
        #expect(try store.record(.claim, id: stored.id) == .claim(annotated))
    }
}
