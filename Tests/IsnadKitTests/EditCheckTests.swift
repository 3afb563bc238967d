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
}
