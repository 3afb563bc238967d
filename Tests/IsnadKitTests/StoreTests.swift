import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

/// A store as schema version 1 left it: an entity with an Arabic alias, an event, a source and
/// a claim citing it (search keys as an older folding wrote them).
enum VersionOneStore {
    /// The same content in the record format, as this Isnad exports it.
    static let records = """
        {"record":"entity","id":"hadera-attack","type":"event","name":"Hadera attack"}
        {"record":"entity","id":"hamas","type":"organization","name":"Hamas","aliases":[{"name":"حماس","lang":"ar"}]}
        {"record":"source","id":"police","type":"official-statement","title":"Police","published":"2022-03-27","reliability":"B"}
        {"record":"claim","id":"hamas-praised-attack","subject":"hamas","predicate":"praised","object":"hadera-attack","start":"2022-03-27","end":null,"citations":[{"source":"police","quote":"q","stance":"asserts","credibility":2}]}

        """

    static func create(at path: String) throws {
        let database = try Database(path: path, access: .create)
        try database.execute("PRAGMA journal_mode = WAL")
        try database.execute(try #require(Migrations.all.first).sql)
        try database.execute(
            """
            PRAGMA user_version = 1;
            INSERT INTO entity (id, type, name) VALUES ('hamas', 'organization', 'Hamas'), ('hadera-attack', 'event', 'Hadera attack');
            INSERT INTO entity_name (entity, position, name, lang, search_key) VALUES
                ('hamas', 0, 'Hamas', NULL, 'HAMAS'), ('hamas', 1, 'حماس', 'ar', 'حماس'), ('hadera-attack', 0, 'Hadera attack', NULL, 'x');
            INSERT INTO source (id, type, title, published, reliability) VALUES ('police', 'official-statement', 'Police', '2022-03-27', 'B');
            INSERT INTO claim (id, subject, predicate, object, start_date) VALUES ('hamas-praised-attack', 'hamas', 'praised', 'hadera-attack', '2022-03-27');
            INSERT INTO citation (claim, position, citation_key, source, quote, stance, credibility)
                VALUES ('hamas-praised-attack', 0, 1, 'police', 'q', 'asserts', 2);
            """)
    }
}

@Suite("Schema upgrades", .temporaryFolder)
struct MigrationTests {
    @Test("an older store is upgraded in one transaction, its data intact and searchable")
    func upgrade() throws {
        let folder = try TemporaryFolder.scoped
        let path = folder.path("old.db")
        try VersionOneStore.create(at: path)
        let store = try GraphStore(path: path, access: .read)
        #expect(store.upgradedFrom == 1)
        #expect(try Database(path: path, access: .readOnly).integerPragma("user_version") == Int64(Migrations.currentVersion))
        #expect(try Fixtures.export(store) == VersionOneStore.records)
        #expect(try NameSearch(store: store).search("حماس").first?.id == "hamas")
        #expect(try NameSearch(store: store).search("Hamaz").first?.id == "hamas")
        #expect(try IntegrityCheck(store: store).findings.filter { $0.kind != .quoteNotFound } == [])
        #expect(try GraphStore(path: path, access: .read).upgradedFrom == nil)
    }

    @Test(
        "an upgrade writes the names' search keys again only when they were made another way",
        arguments: [false, true])
    func searchKeysKept(madeAnotherWay: Bool) throws {
        let folder = try TemporaryFolder.scoped
        let path = try Fixtures.store(in: folder).path
        // The store as version 8 left it (the version before the index of sources' grades, before
        // the best grades of the support, the consonant keys, the index of renames and the views'
        // uncapped names), with one key no folding makes, to see whether the upgrade wrote it again.
        try Database(path: path, access: .readWrite).execute(
            """
            PRAGMA trusted_schema = ON; DROP INDEX source_grade; DROP INDEX change_renames; PRAGMA user_version = 8;
            \(try Fixtures.historyTableBeforeVersion12())
            DROP INDEX entity_name_by_consonant_key; ALTER TABLE entity_name DROP COLUMN consonant_key;
            \(try Fixtures.view("claim_evidence", asMadeBy: 1))
            \(try Fixtures.view("claim_summary", asMadeBy: 3))
            UPDATE entity_name SET search_key = 'planted' WHERE entity = 'hamas' AND position = 0;
            \(madeAnotherWay ? "UPDATE meta SET value = '0' WHERE key = 'name_key_version';" : "")
            """)
        let store = try GraphStore(path: path, access: .read)
        #expect(store.upgradedFrom == 8)
        let key = try Database(path: path, access: .readOnly).prepare(
            "SELECT search_key FROM entity_name WHERE entity = 'hamas' AND position = 0"
        ).scalarText()
        #expect(key == (madeAnotherWay ? NameKey.fold("Hamas") : "planted"))
    }

    @Test(
        "an older store with a table in the way of its upgrade is refused before the upgrade runs, and left as it was, and usable"
    )
    func failedUpgrade() throws {
        let folder = try TemporaryFolder.scoped
        let path = folder.path("old.db")
        try VersionOneStore.create(at: path)
        // Something in the way of migration 2: it creates this table.
        try Database(path: path, access: .readWrite).execute("CREATE TABLE entity_name_by_rowid (x)")
        for access in [GraphStore.Access.write, .read] {
            do {
                _ = try GraphStore(path: path, access: access)
                Issue.record("opened")
            } catch let error as StoreError {
                #expect(
                    "\(error)"
                        == "\(path): unexpected table \"entity_name_by_rowid\": this store was changed by another program")
            }
        }
        let database = try Database(path: path, access: .readOnly)
        #expect(try database.integerPragma("user_version") == 1)
        #expect(try database.prepare("SELECT count(*) FROM entity_name").scalarInteger() == 3)
        #expect(try database.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'entity_name_search'").scalarInteger() == 0)
        try Database(path: path, access: .readWrite).execute("DROP TABLE entity_name_by_rowid")
        let store = try GraphStore(path: path, access: .write)
        #expect(store.upgradedFrom == 1)
        #expect(try Fixtures.export(store) == VersionOneStore.records)
    }

    @Test("many processes opening an older store at once: one upgrades it, every one reads and writes it")
    func concurrentUpgrade() throws {
        let folder = try TemporaryFolder.scoped
        let path = folder.path("old.db")
        try VersionOneStore.create(at: path)
        let outcomes = try StoreRace.run(count: 8, folder: folder) { index, records in
            if index % 2 == 0 {
                let store = try GraphStore(path: path, access: .read)
                _ = try store.counts()
                return store.upgradedFrom
            }
            let store = try GraphStore(path: path, access: .write)
            _ = try Importer(store: store).run([.file(records)])
            return store.upgradedFrom
        }
        #expect(outcomes.errors == [])
        #expect(outcomes.values.compactMap { $0 } == [1], "exactly one upgraded it")
        #expect(try GraphStore(path: path, access: .read).counts().entities == 2 + 4 * StoreRace.entitiesPerRecordFile)
    }
}

@Suite("Stores opened by many at once", .temporaryFolder)
struct StoreConcurrencyTests {
    @Test("many imports into a store that does not exist yet: one creates it, every import lands")
    func concurrentCreation() throws {
        let folder = try TemporaryFolder.scoped
        let path = folder.path("new.db")
        let outcomes = try StoreRace.run(count: 8, folder: folder) { _, records in
            let store = try GraphStore(path: path, access: .create)
            _ = try Importer(store: store).run([.file(records)])
            return store.wasCreated ? 1 : nil
        }
        #expect(outcomes.errors == [])
        #expect(outcomes.values.compactMap { $0 } == [1], "exactly one created it")
        #expect(try GraphStore(path: path, access: .read).counts().entities == 8 * StoreRace.entitiesPerRecordFile)
    }

    @Test(
        "a writer that opened the store before a newer Isnad upgraded it is refused at its write, under the lock, as at opening")
    func upgradedWhileOpen() throws {
        let folder = try TemporaryFolder.scoped
        try refusesUpgradeMeanwhile(newer: Migrations.currentVersion + 1, setVersion: { "PRAGMA user_version = \($0)" }) {
            try GraphStore(path: folder.path("isnad.db"), access: .create)
        }
    }

    @Test(
        "on PostgreSQL too, a writer queued behind a newer Isnad's upgrade is refused at its write",
        .enabled(if: PostgreSQLServer.isAvailable, PostgreSQLServer.skipReason))
    func upgradedWhileOpenOnPostgreSQL() throws {
        let name = PostgreSQLServer.uniqueStoreName()
        defer { PostgreSQLServer.dropStore(name) }
        try refusesUpgradeMeanwhile(
            newer: Migrations.currentPostgreSQLVersion + 1,
            setVersion: { "UPDATE meta SET value = '\($0)' WHERE key = 'schema_version'" }
        ) { try GraphStore(postgreSQL: PostgreSQLLocation(uri: PostgreSQLServer.storeURI(name)), access: .create) }
    }

    /// Opens a writer, has a second connection mark the store as a newer Isnad's (its schema
    /// version `newer`, then its search keys' version), and expects the writer's next change
    /// refused each time, and taken once the marks are back.
    private func refusesUpgradeMeanwhile(
        newer: Int, setVersion: (Int) -> String, open: () throws -> GraphStore
    ) throws {
        let writer = try open()
        let upgrader = try open()
        let description = ChangeDescription(author: "test", command: "isnad add")
        let entity = Entity(id: "newcomer", type: .person, name: "Newcomer")
        try upgrader.database.execute(setVersion(newer))
        #expect {
            try writer.changing(description) { try $0.put(.entity(entity)) }
        } throws: { error in
            guard case StoreError.newerSchema(_, let found, _) = error else { return false }
            return found == newer
        }
        try upgrader.database.execute(setVersion(newer - 1))
        try upgrader.database.execute("UPDATE meta SET value = '99' WHERE key = 'name_key_version'")
        #expect {
            try writer.changing(description) { try $0.put(.entity(entity)) }
        } throws: { error in
            guard case StoreError.newerNameKeys(_, let found, _) = error else { return false }
            return found == 99
        }
        try upgrader.database.execute("UPDATE meta SET value = '\(NameKey.version)' WHERE key = 'name_key_version'")
        _ = try writer.changing(description) { try $0.put(.entity(entity)) }
        #expect(try writer.entity(id: "newcomer") != nil)
    }

    @Test("a store opened for reading reads one snapshot, whatever is committed meanwhile")
    func snapshot() throws {
        let folder = try TemporaryFolder.scoped
        let writer = try Fixtures.store(in: folder)
        let reader = try GraphStore(path: writer.path, access: .read)
        let before = try Fixtures.export(reader)
        try Fixtures.importText(
            #"{"record":"entity","id":"newcomer","type":"person","name":"Newcomer"}"# + "\n", into: writer, folder: folder)
        #expect(try reader.counts().entities == 4)
        #expect(try reader.entity(id: "newcomer") == nil)
        #expect(try Fixtures.export(reader) == before)
        #expect(try GraphStore(path: writer.path, access: .read).counts().entities == 5)
    }

    @Test(
        "a query removes the empty log and index beside the store when it closes last, as a writer does, without writing the store's file; never while another connection has the store open"
    )
    func queryLeavesNoLog() throws {
        let folder = try TemporaryFolder.scoped
        let path = folder.path("isnad.db")
        do { _ = try Fixtures.store(in: folder) }
        let beside = { ["-wal", "-shm"].filter { FileSystem.exists(path + $0) } }
        #expect(beside() == [])
        let file = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            let first = try GraphStore(path: path, access: .read)
            #expect(beside() == ["-wal", "-shm"])
            do {
                let second = try GraphStore(path: path, access: .examine)
                #expect(try second.counts().entities == 4)
            }
            // The first still has them open: removing them would part its index from the next reader's.
            #expect(beside() == ["-wal", "-shm"])
            #expect(try first.counts().entities == 4)
        }
        #expect(beside() == [])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == file)
    }

    @Test(
        "a store refused as damaged is not written to: the log left beside it is not folded in, and the message says whose it may be"
    )
    func leftoverLogNotFoldedIntoARefusedFile() throws {
        let folder = try TemporaryFolder.scoped
        let path = folder.path("isnad.db")
        _ = try Fixtures.store(in: folder)
        do {
            // A change made while a query was open: the writer cannot fold its log in at its
            // close, nor the reader (read-only) at its own, so the log outlives both.
            let reader = try GraphStore(path: path, access: .read)
            _ = try reader.counts()
            let writer = try GraphStore(path: path, access: .write)
            try Fixtures.importText(
                #"{"record":"entity","id":"newcomer","type":"person","name":"Newcomer"}"# + "\n", into: writer, folder: folder)
        }
        let log = try Data(contentsOf: URL(fileURLWithPath: path + "-wal"))
        #expect(!log.isEmpty)
        // Another file put in the store's place (a damaged copy): refused, and neither it nor the log changes.
        let other = Data(repeating: 0x41, count: 8192)
        try other.write(to: URL(fileURLWithPath: path))
        for access in [GraphStore.Access.write, .read] {
            #expect {
                _ = try GraphStore(path: path, access: access)
            } throws: { error in
                "\(error)".contains("the write-ahead log beside it (\(path)-wal) may be that store's")
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == other)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path + "-wal")) == log)
        }
    }

    @Test(
        "a full disk that is not the store's (SQLite's temporary folder, where a large import sorts) is named as such, and only then"
    )
    func fullTemporaryFolder() throws {
        let note = DatabaseError.fullFolderNote(
            storeFolderFree: 50 << 30, temporaryFolderFree: 4096, temporaryFolder: "/var/tmp")
        #expect(
            note
                == "the store's disk has room: the full one may be that of the temporary folder SQLite sorts in, /var/tmp; set SQLITE_TMPDIR to a folder on a disk with room"
        )
        // The store's own disk short of room, or the temporary folder's with room: plain "disk full".
        #expect(
            DatabaseError.fullFolderNote(storeFolderFree: 4096, temporaryFolderFree: 4096, temporaryFolder: "/var/tmp") == nil)
        #expect(
            DatabaseError.fullFolderNote(storeFolderFree: 50 << 30, temporaryFolderFree: 50 << 30, temporaryFolder: "/var/tmp")
                == nil)
        // In this test's folder, with room on both disks.
        let folder = try TemporaryFolder.scoped
        let full = DatabaseError(
            resultCode: ResultCode(rawValue: 13), message: "database or disk is full", path: folder.path("x.db"))
        #expect(full.kind == .diskFull)
        #expect(full.description == "\(folder.path("x.db")): disk full: the store was left as it was before this command")
    }

    @Test(
        "an I/O error is said by the errno behind it: a quota or a file past its file system's limit as a full disk, a read-only file system in its own words, any other in the system's words"
    )
    func inputOutputErrors() {
        func failure(_ systemError: Int32) -> DatabaseError {
            // SQLITE_IOERR_WRITE, as a write to the log that failed.
            DatabaseError(
                resultCode: ResultCode(rawValue: 778), message: "disk I/O error", path: "x.db", systemError: systemError)
        }
        let left = "the store was left as it was before this command"
        for (systemError, kind, text) in [
            (EDQUOT, DatabaseError.Kind.diskFull, "x.db: disk full (Disk quota exceeded): \(left)"),
            (EFBIG, .diskFull, "x.db: File too large (past the largest file its file system holds): \(left)"),
            (EROFS, .readOnly, "x.db: the store's file system is read-only (Read-only file system): \(left)"),
            (EINVAL, .inputOutput, "x.db: disk I/O error (Invalid argument): \(left)"),
            (0, .inputOutput, "x.db: disk I/O error: \(left)"),
        ] {
            #expect(failure(systemError).kind == kind, "\(systemError)")
            #expect(failure(systemError).description == text)
        }
        // A file the user made empty (touch), made a store before the command failed, is not as it was.
        var onEmptyFile = failure(EDQUOT)
        onEmptyFile.madeEmptyFileAStore = true
        #expect(
            onEmptyFile.description
                == "x.db: disk full (Disk quota exceeded): the file was empty before this command, and is left an empty store")
        #expect(onEmptyFile.named("y.db").description.hasPrefix("y.db: disk full (Disk quota exceeded): the file was empty"))
    }

    @Test("SQLite's own check runs with a page cache of its own, and gives the connection's back")
    func integrityCheckPageCache() throws {
        let folder = try TemporaryFolder.scoped
        let writer = try Fixtures.store(in: folder)
        for store in [writer, try GraphStore(path: writer.path, access: .examine)] {
            let before = try store.database.integerPragma("cache_size")
            #expect(try store.storageIntegrityProblems() == [])
            #expect(try store.database.integerPragma("cache_size") == before)
        }
    }

    @Test(
        "grades are read through their index, and from the table where another program changed the schema",
        arguments: ["", "DROP INDEX source_grade", "DROP INDEX source_grade; CREATE INDEX source_grade ON source (title)"])
    func sourceGradesThroughTheirIndex(_ change: String) throws {
        let folder = try TemporaryFolder.scoped
        let path = try Fixtures.store(in: folder).path
        if !change.isEmpty { try Database(path: path, access: .readWrite).execute(change) }
        let store = try GraphStore(path: path, access: .examine)
        #expect(store.schemaDifferences.isEmpty == change.isEmpty)
        for condition in ["= ?1", GraphStore.inList(store.database, of: .text)] {
            let query = GraphStore.sourceGradeQuery(store.database, columns: "s.id, s.reliability", condition: condition)
            let plan = try store.database.prepare("EXPLAIN QUERY PLAN " + query)
            var steps: [String] = []
            try plan.forEachRow([.text(#"["leak"]"#)]) { steps.append($0.string(3)) }
            #expect(steps.contains { $0.contains("COVERING INDEX source_grade") } == change.isEmpty, "\(steps)")
            #expect(!steps.contains { $0.contains("TEMP B-TREE") }, "\(steps)")
        }
        let claim = try #require(try store.claim(id: "hamas-armed-isis"))
        // The claimant's grade, and the date of the article that relays it.
        #expect(claim.citations.map(\.reliability) == [.d])
        #expect(claim.citations.map { $0.publicSince?.description } == ["2022-03"])
        #expect(try store.sourceGrade(id: "article")?.reliability == .f)
        #expect(try store.sourceGrades(ids: ["leak", "article"]).mapValues(\.reliability) == ["leak": .d, "article": .f])
    }

    @Test("a writing connection cuts the write-ahead log back to 4 MiB when a change starts it over")
    func writeAheadLogKept() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(in: folder)
        #expect(try store.database.integerPragma("journal_size_limit") == Int64(GraphStore.writeAheadLogKept))
    }

    @Test("the renames are read through the index of the entries that say rename, not from every command line")
    func renamesThroughTheirIndex() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(in: folder)
        for includingTravelled in [false, true] {
            let plan = try store.database.prepare(
                "EXPLAIN QUERY PLAN " + GraphStore.renameEntriesQuery(includingTravelled: includingTravelled, onPostgreSQL: false)
            )
            var steps: [String] = []
            try plan.forEachRow { steps.append($0.string(3)) }
            #expect(steps == ["SCAN change USING INDEX change_renames"], "\(steps)")
        }
    }

    #if os(Linux)
        @Test("pages read come from the region set aside for SQLite's page caches")
        func pagesFromTheRegion() throws {
            let folder = try TemporaryFolder.scoped
            let writer = try Fixtures.store(in: folder)
            let reader = try GraphStore(path: writer.path, access: .read)
            #expect(try reader.counts().entities == 4)
            #expect(Database.pageBlocksHighest > 0)
        }

        @Test("a cache that outgrows the region takes its further pages from malloc, and reads back what it wrote")
        func pagesPastTheRegion() throws {
            let folder = try TemporaryFolder.scoped
            let database = try Database(path: folder.path("large.sqlite"), access: .create)
            // 16 MiB of rows in one transaction, held in a 64 MiB cache: twice what the region holds.
            try database.execute("PRAGMA cache_size = -65536; CREATE TABLE row (body BLOB)")
            try database.execute("BEGIN")
            try database.execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4096) "
                    + "INSERT INTO row SELECT randomblob(4096) FROM n")
            #expect(try database.prepare("SELECT sum(length(body)) FROM row").scalarInteger() == 4096 * 4096)
            try database.execute("COMMIT")
            #expect(Database.pageBlocksHighest > 1_000)
            #expect(try database.prepare("PRAGMA integrity_check").scalarText() == "ok")
            #expect(try database.prepare("SELECT count(DISTINCT body) FROM row").scalarInteger() == 4096)
        }
    #endif

    @Test("claims read after a change, kept or rolled back, show the grades and types as they are now")
    func gradesFollowChanges() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(in: folder)
        func grade() throws -> Reliability? { try store.claim(id: "hamas-armed-isis")?.citations.first?.reliability }
        let original = try #require(try grade())
        try store.database.execute("UPDATE source SET reliability = 'A' WHERE id = 'leak'")
        #expect(try grade() == .a)
        try store.database.execute("BEGIN; UPDATE source SET reliability = 'C' WHERE id = 'leak'")
        #expect(try grade() == .c)
        try store.database.execute("ROLLBACK")
        #expect(try grade() == .a)
        try store.database.execute("UPDATE source SET reliability = '\(original.rawValue)' WHERE id = 'leak'")
        try store.database.execute("UPDATE entity SET type = 'person' WHERE id = 'hamas'")
        #expect(try store.claim(id: "hamas-armed-isis")?.subjectType == .person)

        // A reader keeps its snapshot; a new reader sees the change.
        let reader = try GraphStore(path: store.path, access: .read)
        #expect(try reader.claim(id: "hamas-armed-isis")?.citations.first?.reliability == original)
        try store.database.execute("UPDATE source SET reliability = 'B' WHERE id = 'leak'")
        #expect(try reader.claim(id: "hamas-armed-isis")?.citations.first?.reliability == original)
        #expect(try GraphStore(path: store.path, access: .read).claim(id: "hamas-armed-isis")?.citations.first?.reliability == .b)
    }

    @Test("a store created for a command that then failed is removed, unless someone else has it open")
    func removeCreated() throws {
        let folder = try TemporaryFolder.scoped
        let path = folder.path("new.db")
        let created = try GraphStore(path: path, access: .create)
        #expect(created.wasCreated)
        #expect(throws: Importer.Failure.self) { try Fixtures.importText("{\n", into: created, folder: folder) }
        #expect(created.removeCreatedStore())
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.hasPrefix("new.db") } == [])

        let again = try GraphStore(path: path, access: .create)
        let reader = try GraphStore(path: path, access: .read)
        withExtendedLifetime(reader) {
            #expect(!again.removeCreatedStore(), "another connection has it open")
            #expect(FileManager.default.fileExists(atPath: path))
        }

        let withData = try Fixtures.store(in: folder)
        #expect(withData.wasCreated)
        #expect(!withData.removeCreatedStore(), "it holds data")
        let reopened = try GraphStore(path: withData.path, access: .write)
        #expect(!reopened.wasCreated)
        #expect(!reopened.removeCreatedStore())
        #expect(try reopened.counts().entities == 4)
    }

    @Test("a write to a store whose file was removed meanwhile is refused, not lost")
    func moved() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(in: folder)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store.path + suffix) }
        do {
            let record = #"{"record":"entity","id":"lost","type":"person","name":"Lost"}"#
            try Fixtures.importText(record + "\n", into: store, folder: folder)
            Issue.record("imported into a removed file")
        } catch let error as StoreError {
            #expect("\(error)".contains("was removed or replaced while this command waited to write to it; nothing was written"))
        }
    }
}

/// Several threads, each with its own connection, started at the same moment: as close as a
/// test gets to several processes opening a store at once (SQLite locks between connections
/// the same way).
enum StoreRace {
    static let entitiesPerRecordFile = 50

    struct Outcomes {
        var values: [Int?] = []
        var errors: [String] = []
    }

    /// Checked by hand: its state is touched only under `lock` (Synchronization's `Mutex`, which
    /// the compiler could check, needs macOS 15; the package supports macOS 13).
    private final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private var outcomes = Outcomes()

        func add(_ value: Int?) { lock.withLock { outcomes.values.append(value) } }
        func fail(_ error: any Error) { lock.withLock { outcomes.errors.append("\(error)") } }
        var result: Outcomes { lock.withLock { outcomes } }
    }

    /// Runs `body(index, recordFile)` on `count` threads at once; each gets a record file of
    /// its own that adds ``entitiesPerRecordFile`` new entities.
    static func run(count: Int, folder: TemporaryFolder, _ body: @escaping @Sendable (Int, String) throws -> Int?) throws
        -> Outcomes
    {
        let files = try (0..<count).map { index in
            let lines = (0..<entitiesPerRecordFile).map {
                #"{"record":"entity","id":"t\#(index)-e\#($0)","type":"person","name":"Thread \#(index) person \#($0)"}"#
            }
            return try folder.write("thread-\(index).jsonl", lines.joined(separator: "\n") + "\n")
        }
        let collector = Collector()
        let start = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for index in 0..<count {
            done.enter()
            let file = files[index]
            let thread = Thread {
                start.wait()
                do { collector.add(try body(index, file)) } catch { collector.fail(error) }
                done.leave()
            }
            thread.start()
        }
        for _ in 0..<count { start.signal() }
        done.wait()
        return collector.result
    }
}
