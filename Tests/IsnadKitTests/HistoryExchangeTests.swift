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
}
