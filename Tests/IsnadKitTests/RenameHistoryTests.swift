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
}
