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
        #expect(throws: UnlinkedHistory.self) { try store.appendHistory([entry(1), entry(1)]) }
        #expect(throws: UnlinkedHistory.self) { try store.appendHistory([entry(1), entry(2, undoes: 7)]) }
        #expect(try store.database.prepare("SELECT count(*) FROM change").scalarInteger() == before)
        // Named among those kept (already in the store) or appended, it is taken.
        #expect(try store.appendHistory([entry(1), entry(2, undoes: 1), entry(3, undoes: 9)], kept: [9: 1]) != nil)
    }
}
