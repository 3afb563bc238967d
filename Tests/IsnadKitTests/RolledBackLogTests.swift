import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

/// A change too large for the page cache writes some of its pages into the write-ahead log
/// before it ends; refused or a dry run, what it wrote must not stay in the store's `-wal` for
/// `strings` to find (from the operational security review).
@Suite("What a rolled-back change wrote into the log")
struct RolledBackLogTests {
    /// An import larger than the import's 64 MiB page cache, whose last line is refused: each
    /// entity's description starts with `marker` and its number.
    static func refusedImport(marker: String, entities: Int = 7_500) -> String {
        let padding = String(repeating: "x", count: 9_000)
        var text = ""
        for number in 0..<entities {
            text +=
                #"{"record":"entity","id":"e\#(number)","type":"person","name":"Person \#(number)","description":"\#(marker)-\#(number) \#(padding)"}"#
                + "\n"
        }
        text +=
            #"{"record":"claim","id":"c","subject":"e0","predicate":"praised","object":"e1","citations":[{"source":"nosuch","quote":"q","stance":"asserts","credibility":2}]}"#
            + "\n"
        return text
    }

    /// How many times `marker` occurs in the file at `path` (none when there is no file).
    static func occurrences(of marker: String, in path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        let needle = Data(marker.utf8)
        var count = 0
        var start = data.startIndex
        while let found = data.range(of: needle, in: start..<data.endIndex) {
            count += 1
            start = found.upperBound
        }
        return count
    }

    @Test("a refused import that outgrew the page cache leaves none of its records in the -wal, a reader open")
    func refusedImportIsClearedFromTheLog() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        // The log folded in first: the reader then reads the file alone, as a query opened
        // between two changes does.
        try store.foldLogIntoFile()
        let reader = try GraphStore(path: folder.path("isnad.db"), access: .read)
        let spilledBefore = store.database.pagesSpilled
        #expect(throws: Importer.Failure.self) {
            try Fixtures.importText(Self.refusedImport(marker: "SPILLMARK"), into: store, folder: folder, name: "big.jsonl")
        }
        // The import did outgrow the page cache: its pages went into the log before the refusal.
        #expect(store.database.pagesSpilled > spilledBefore)
        #expect(store.logHoldingRolledBackChange == nil)
        #expect(FileSystem.regularFileSize(folder.path("isnad.db-wal")) == 0)
        #expect(Self.occurrences(of: "SPILLMARK", in: folder.path("isnad.db-wal")) == 0)
        #expect(Self.occurrences(of: "SPILLMARK", in: folder.path("isnad.db")) == 0)
        #expect(try reader.entity(id: "hamas") != nil)
    }

    /// A write transaction that writes rows of `marker` past a page cache of a few pages, then
    /// rolls back: a change that outgrows the cache, made small.
    static func spillAndRollBack(_ store: GraphStore, marker: String) throws {
        let pageCache = try store.database.integerPragma("cache_size")
        try store.database.execute("PRAGMA cache_size = 10")
        defer { try? store.database.execute("PRAGMA cache_size = \(pageCache)") }
        try store.inWriteTransaction {
            let insert = try store.database.prepare("INSERT INTO meta (key, value) VALUES (?, ?)")
            for number in 0..<400 {
                try insert.run([.text("k\(number)"), .text("\(marker)-\(number) " + String(repeating: "y", count: 2_000))])
            }
            return .rollback
        }
    }

    @Test("a reader of pages in the log keeps it from being cleared, for a moment only, and that is said")
    func readerInTheLogIsSaid() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        // A reader that started after a change not yet folded into the file reads its pages in the log.
        let reader = try GraphStore(path: folder.path("isnad.db"), access: .read)
        let spilledBefore = store.database.pagesSpilled
        let start = Date()
        try Self.spillAndRollBack(store, marker: "ROLLEDBACKMARK")
        #expect(store.database.pagesSpilled > spilledBefore)
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(store.logHoldingRolledBackChange == folder.path("isnad.db") + "-wal")
        // What it says is so.
        #expect(Self.occurrences(of: "ROLLEDBACKMARK", in: folder.path("isnad.db-wal")) > 0)
        _ = try reader.entity(id: "hamas")
    }

    @Test("a small spilled change rolled back beside a reader of the file alone is cleared from the log")
    func spilledRollbackIsCleared() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        try store.foldLogIntoFile()
        let reader = try GraphStore(path: folder.path("isnad.db"), access: .read)
        try Self.spillAndRollBack(store, marker: "ROLLEDBACKMARK")
        #expect(store.logHoldingRolledBackChange == nil)
        #expect(Self.occurrences(of: "ROLLEDBACKMARK", in: folder.path("isnad.db-wal")) == 0)
        _ = try reader.entity(id: "hamas")
    }
}
