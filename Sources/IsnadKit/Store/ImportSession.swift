import CSQLite

/// One import's writes: a single transaction on the store, plus the bookkeeping that lets the
/// importer accept records in any order and still report every problem with its line.
///
/// A session exists only inside ``GraphStore/importing(_:)``: nothing is visible to other
/// connections until its body returns `.commit`; `.rollback`, an error (or a crash) leaves the
/// store exactly as it was.
final class ImportSession {
    /// Where a record was read: an index into the importer's list of inputs, and a line.
    struct Location: Hashable, Sendable {
        var file: Int
        var line: Int
        init(file: Int, line: Int) {
            self.file = file
            self.line = line
        }
    }

    /// What registering a record's id found.
    enum Registration: Equatable {
        /// First time in this import: write it.
        case new
        /// The same record again in this import, first read at that location: nothing to do
        /// (a claim's citations may still add to it).
        case repeated(Location)
        /// The id was already used in this import for other content.
        case conflict(Location)
    }

    /// A reference to an entity or a source that was not in the store when the record naming
    /// it was written: checked again once the whole input is read.
    struct PendingReference: Sendable {
        var location: Location
        var record: String
        var field: String
        var target: Record.Kind
        var id: String
        /// For a claim's subject or object: the predicate and the side, to check the type.
        var predicate: String?
        var role: Role?

        /// Which end of a claim names the entity.
        enum Role: String, Sendable {
            case subject, object
        }
    }

    private let store: GraphStore
    private var database: Database { store.database }
    /// The import's history entry, when it keeps one: records it adds are listed by id, the
    /// ones it changes are kept as they were.
    fileprivate var change: ChangeSession?
    /// The secondary indexes and name-search triggers dropped for this import (name, CREATE
    /// statement as the store held it), to be made again before it commits: see
    /// ``deferIndexes(inputBytes:)``.
    private var deferredIndexes: [(name: String, sql: String)] = []
    private var deferredTriggers: [(name: String, sql: String)] = []
    /// Whether the store holds merged ids (`isnad merge`) or retracted claims: when it holds
    /// none, and this import wrote none, no record needs looking them up.
    private var mayHoldMergedIDs = true
    private var mayHoldRetractedClaims = true
    /// Whether the store held a claim before the import wrote one (``storedClaim(id:unlessHoldingAll:)``).
    private var storeHeldClaims: Bool?
    /// What ``storedClaim(id:unlessHoldingAll:)`` found of the claim it was asked of last, taken
    /// by the write of that claim, which comes next, instead of looking its id up again: one
    /// B-tree descent for each new claim of a batch into a store that holds claims (3.4% of the
    /// instructions of 10,000 new claims into a store of 100,000). Forgotten when held claims
    /// are written: a held claim is in no table until then.
    private var lastClaimLookup: (id: String, isInClaimTable: Bool, isRetracted: Bool?)?
    /// The ids `isnad rename` took away (none in most stores): a record that would bring one
    /// back is refused.
    private var renames: RenamedIDs?
    private var mayHoldRetractedCitations = true
    /// The retracted claims and citations that records gave as standing, and that stay retracted.
    private(set) var keptRetractions: [Importer.KeptRetraction] = []
    private var keptRetractionSet: Set<Importer.KeptRetraction> = []
    private var entityTypes: [String: EntityType] = [:]
    private var knownSources: Set<String> = []
    private var recordWriter = RecordWriter()
    private static let cacheLimit = 1 << 19
    /// On PostgreSQL, the records read and not yet sent (nil on SQLite): see ``flushBatch()``.
    private var batch: PostgreSQLImportBatch?
    /// How many rows the batches copied into the store's tables (PostgreSQL).
    private var copiedRows = 0
    /// The rows copied past which the import has the server sample the tables again before it
    /// commits (``refreshStatistics()``).
    static let analyzedAfterRows = 10_000
    /// Claims of the batches sent whose stored claim has other ends: see ``takeChangedEnds()``.
    private var changedEnds: [(location: Location, claim: String, change: ClaimRefusal)] = []
    /// The page cache during an import, as `PRAGMA cache_size` takes it: 64 MiB.
    private static let cacheSize = -65536
    /// On SQLite, while the store keeps its indexes: the rows of new claims, written to the claim
    /// table a batch at a time by ``writeHeldClaims()`` (nil when claims are written as they come).
    private var heldClaims: [(order: [UInt8], values: [Statement.Value])]?
    /// The ids of ``heldClaims``.
    private var heldClaimIDs: Set<String> = []
    /// How many new claims are held before they are written: their values are kept in memory.
    private static let heldClaimLimit = 1 << 16

    /// Prepares the connection for an import; ``finish()`` undoes it. The transaction is the caller's.
    fileprivate init(store: GraphStore) throws {
        self.store = store
        // PostgreSQL checks its deferred foreign keys at commit, and manages its own memory.
        if store.database.isPostgreSQL { return }
        // A big page cache keeps a large import's pages in memory until commit: a small one
        // spills them into the write-ahead log again and again. The work tables (one row per
        // record read) live in a temporary file with a 16 MiB cache, so memory stays bounded
        // however long the input: 127 MB at a million claims.
        try store.database.execute(
            "PRAGMA cache_size = \(ImportSession.cacheSize); PRAGMA temp_store = FILE; PRAGMA temp.cache_size = -16384")
        // The import checks every reference itself, with messages that name the line (see
        // Importer: references not yet known are kept in import_pending and checked at the
        // end), so SQLite's own foreign-key checks would only repeat the same lookups. They are
        // off for this connection during the import only; every other write keeps them. (Outside
        // the transaction: SQLite ignores this pragma inside one.)
        try store.database.execute("PRAGMA foreign_keys = OFF")
    }

    /// Creates the work tables, in the import's transaction.
    fileprivate func createWorkTables() throws {
        if database.isPostgreSQL {
            batch = PostgreSQLImportBatch()
            // Ids ordered byte by byte, as in SQLite; rowid keeps the order pending references were met in.
            try database.execute(
                """
                CREATE TEMP TABLE IF NOT EXISTS import_record (
                    kind TEXT COLLATE "C" NOT NULL, id TEXT COLLATE "C" NOT NULL, digest BIGINT NOT NULL,
                    file BIGINT NOT NULL, line BIGINT NOT NULL, PRIMARY KEY (kind, id));
                CREATE TEMP TABLE IF NOT EXISTS import_pending (
                    rowid BIGINT GENERATED ALWAYS AS IDENTITY, file BIGINT NOT NULL, line BIGINT NOT NULL,
                    record TEXT COLLATE "C" NOT NULL, field TEXT COLLATE "C" NOT NULL, target TEXT COLLATE "C" NOT NULL,
                    id TEXT COLLATE "C" NOT NULL, predicate TEXT COLLATE "C", role TEXT COLLATE "C");
                CREATE TEMP TABLE IF NOT EXISTS import_retyped (id TEXT COLLATE "C" PRIMARY KEY, file BIGINT NOT NULL,
                    line BIGINT NOT NULL);
                DELETE FROM pg_temp.import_record; DELETE FROM pg_temp.import_pending; DELETE FROM pg_temp.import_retyped
                """)
        } else {
            try database.execute(
                """
                CREATE TEMP TABLE IF NOT EXISTS import_record (
                    kind TEXT NOT NULL, id TEXT NOT NULL, digest INTEGER NOT NULL,
                    file INTEGER NOT NULL, line INTEGER NOT NULL, PRIMARY KEY (kind, id)) WITHOUT ROWID;
                CREATE TEMP TABLE IF NOT EXISTS import_pending (
                    file INTEGER NOT NULL, line INTEGER NOT NULL, record TEXT NOT NULL, field TEXT NOT NULL,
                    target TEXT NOT NULL, id TEXT NOT NULL, predicate TEXT, role TEXT);
                CREATE TEMP TABLE IF NOT EXISTS import_retyped (id TEXT PRIMARY KEY NOT NULL, file INTEGER NOT NULL,
                    line INTEGER NOT NULL) WITHOUT ROWID;
                DELETE FROM import_record; DELETE FROM import_pending; DELETE FROM import_retyped;
                """)
        }
        // On both engines: an import into a store without merged ids or retractions looks none up.
        mayHoldMergedIDs = try database.prepare("SELECT EXISTS (SELECT 1 FROM entity_merged)").scalarInteger() != 0
        // Read now, not at the first record: on PostgreSQL the rows may be on their way (COPY) then.
        renames = RenamedIDs(store: store, ids: try store.renamedIDs())
        mayHoldRetractedClaims = try database.prepare("SELECT EXISTS (SELECT 1 FROM retracted_claim)").scalarInteger() != 0
        mayHoldRetractedCitations =
            try database.prepare("SELECT EXISTS (SELECT 1 FROM retracted_citation)").scalarInteger() != 0
    }

    /// After the transaction ended, either way: drops the work tables and turns the
    /// foreign-key checks back on.
    fileprivate func finish() {
        if database.isPostgreSQL {
            try? database.execute(
                "DROP TABLE IF EXISTS pg_temp.import_record, pg_temp.import_pending, pg_temp.import_retyped")
            return
        }
        try? database.execute(
            "DROP TABLE IF EXISTS temp.import_record; DROP TABLE IF EXISTS temp.import_pending; DROP TABLE IF EXISTS temp.import_retyped"
        )
        // Not thrown: it runs after the import committed, which an error here must not deny; and
        // outside a transaction, where the pragma does not fail.
        try? database.execute("PRAGMA foreign_keys = ON")
    }

    // MARK: Indexes

    /// The tables an import fills row by row, whose secondary indexes it may build afterwards.
    private static let bulkTables = ["entity", "entity_name", "source_cites", "claim", "citation"]

    /// When the input is large against the store (at least a quarter of the store's size in
    /// bytes, an empty store included), drops the secondary indexes of the tables an import
    /// fills, and the triggers that keep the name search's full-text index in step, for
    /// ``buildDeferredIndexes()`` to build them again once every row is in: a B-tree built from
    /// sorted keys costs a fraction of one grown by a million random inserts, and the full-text
    /// index, written name by name, flushed a segment of its own at every name. The primary
    /// keys and unique constraints stay, so every lookup the import makes (by id) is still
    /// indexed. Both happen inside the import's transaction: a crash or a rollback leaves the
    /// store with its indexes, as it was.
    /// SQLite only: a PostgreSQL import keeps its indexes (its bulk path is its own). A smaller
    /// input keeps them, and holds its new claims back instead (``holdNewClaim(_:values:)``).
    func deferIndexes(inputBytes: Int) throws {
        guard !database.isPostgreSQL, deferredIndexes.isEmpty, deferredTriggers.isEmpty else { return }
        let storeBytes = try database.integerPragma("page_count") * database.integerPragma("page_size")
        guard Int64(inputBytes) * 4 >= storeBytes else {
            heldClaims = []
            return
        }
        let tables = ImportSession.bulkTables.map { "'\($0)'" }.joined(separator: ", ")
        // `sql` is NULL for the indexes SQLite makes for PRIMARY KEY and UNIQUE: those stay.
        try database.prepare(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (\(tables)) ORDER BY name"
        ).forEachRow { row in deferredIndexes.append((row.string(0), row.string(1))) }
        try database.prepare(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'entity_name' ORDER BY name"
        ).forEachRow { row in deferredTriggers.append((row.string(0), row.string(1))) }
        for index in deferredIndexes { try database.execute("DROP INDEX \(Database.quotedName(index.name))") }
        for trigger in deferredTriggers { try database.execute("DROP TRIGGER \(Database.quotedName(trigger.name))") }
    }

    /// Builds what ``deferIndexes(inputBytes:)`` dropped, each from the CREATE statement the store
    /// held, so that the schema is the same object for object, and the name search's index
    /// again from every name. Idempotent.
    func buildDeferredIndexes() throws {
        try flushBatch()
        guard !deferredIndexes.isEmpty || !deferredTriggers.isEmpty else { return }
        // The build is the import's peak of memory; the reading thread's malloc arena still
        // holds what it freed (30 MB at a million claims).
        isnad_release_free_memory()
        // SQLite sorts an index's keys in as much memory as the page cache may hold: with both
        // at full size a million-claim import peaked at 191 MB. Half each, meanwhile.
        try database.execute("PRAGMA cache_size = \(ImportSession.cacheSize / 2)")
        defer { try? database.execute("PRAGMA cache_size = \(ImportSession.cacheSize)") }
        for index in deferredIndexes { try database.execute(index.sql) }
        deferredIndexes = []
        guard !deferredTriggers.isEmpty else { return }
        for trigger in deferredTriggers { try database.execute(trigger.sql) }
        deferredTriggers = []
        try database.execute("INSERT INTO entity_name_search (entity_name_search) VALUES ('rebuild')")
    }

    /// After a large bulk copy on PostgreSQL, samples the tables the import filled (`ANALYZE`,
    /// inside the import's transaction), so that the next query is planned for the rows the
    /// store now holds. Without it the planner kept the empty store's statistics until
    /// autovacuum came round: a path at a million claims read every citation (a hash join
    /// instead of the index), 600 ms instead of 20.
    func refreshStatistics() throws {
        guard database.isPostgreSQL, copiedRows >= ImportSession.analyzedAfterRows else { return }
        try database.execute("ANALYZE entity, entity_name, source, source_cites, claim, citation, change_record")
    }

    // MARK: Bookkeeping

    /// Notes that this import defines `id`, so that a second, different definition is caught.
    func register(kind: Record.Kind, id: String, digest: UInt64, at location: Location) throws -> Registration {
        if let batch { return try register(kind: kind, id: id, digest: digest, at: location, in: batch) }
        let insert = try database.cached(
            database.dialect(
                "INSERT OR IGNORE INTO temp.import_record (kind, id, digest, file, line) VALUES (?1, ?2, ?3, ?4, ?5)",
                postgreSQL:
                    "INSERT INTO pg_temp.import_record (kind, id, digest, file, line) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING"
            ))
        try insert.run([
            .text(kind.rawValue), .text(id), .integer(Int64(bitPattern: digest)), .integer(Int64(location.file)),
            .integer(Int64(location.line)),
        ])
        if database.changes == 1 { return .new }
        let select = try database.cached(
            "SELECT digest, file, line FROM \(temporary("import_record")) WHERE kind = ?1 AND id = ?2")
        let found = try select.firstRow([.text(kind.rawValue), .text(id)]) { row in
            (digest: UInt64(bitPattern: row.int64(0)), location: Location(file: row.int(1), line: row.int(2)))
        }
        guard let found else { return .new }
        return found.digest == digest ? .repeated(found.location) : .conflict(found.location)
    }

    /// The type of an entity in the store (written before, or earlier in this import).
    func entityType(_ id: String) throws -> EntityType? {
        if let type = batch?.entityTypes[id] ?? entityTypes[id] { return type }
        let select = try database.cached("SELECT type FROM entity WHERE id = ?1")
        guard let text = try select.scalarText([.text(id)]), let type = EntityType(rawValue: text) else { return nil }
        remember(entity: id, type: type)
        return type
    }

    /// Ids that records of this import list as merged, not merged before: the entity that lists
    /// each, and where.
    private var mergedHere: [String: (entity: String, location: Location)] = [:]

    /// The entity that a record of this import lists `id` as merged into, and where, when no
    /// merge had done so before the import.
    func mergedInThisImport(_ id: String) -> (entity: String, location: Location)? { mergedHere[id] }

    /// The rename that took `id` away, when no record of the kind holds it now.
    func renamedAway(_ kind: Record.Kind, _ id: String) throws -> GraphStore.RenamedID? { try renames?.took(kind, id) }

    /// The entity a merged id now names (`isnad merge`), or nil.
    func mergedInto(_ id: String) throws -> String? { mayHoldMergedIDs ? try store.entityMergedInto(id) : nil }

    /// Whether a source is in the store (written before, or earlier in this import).
    func sourceExists(_ id: String) throws -> Bool {
        if knownSources.contains(id) || batch?.sources.contains(id) == true { return true }
        let select = try database.cached("SELECT 1 FROM source WHERE id = ?1")
        guard try select.scalarInteger([.text(id)]) != nil else { return false }
        if knownSources.count >= ImportSession.cacheLimit { knownSources.removeAll(keepingCapacity: true) }
        knownSources.insert(id)
        return true
    }

    /// A work table's qualified name: `temp.NAME` in SQLite, `pg_temp.NAME` in PostgreSQL.
    private func temporary(_ name: String) -> String { (database.isPostgreSQL ? "pg_temp." : "temp.") + name }

    private func remember(entity id: String, type: EntityType) {
        if entityTypes.count >= ImportSession.cacheLimit { entityTypes.removeAll(keepingCapacity: true) }
        entityTypes[id] = type
    }

    func addPending(_ reference: PendingReference) throws {
        if let batch {
            batch.addPending(reference)
            if batch.isFull { try flushBatch() }
            return
        }
        let insert = try database.cached(
            "INSERT INTO \(temporary("import_pending")) (file, line, record, field, target, id, predicate, role) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
        )
        try insert.run([
            .integer(Int64(reference.location.file)), .integer(Int64(reference.location.line)), .text(reference.record),
            .text(reference.field), .text(reference.target.rawValue), .text(reference.id),
            optional(reference.predicate), optional(reference.role?.rawValue),
        ])
    }

    /// Every pending reference, whether what it names now exists and, for an entity, its type,
    /// in input order.
    func resolvePending(_ body: (PendingReference, _ found: Bool, _ type: EntityType?) throws -> Void) throws {
        try flushBatch()
        let select = try database.prepare(
            """
            SELECT p.file, p.line, p.record, p.field, p.target, p.id, p.predicate, p.role,
                   CASE p.target WHEN 'entity' THEN (SELECT type FROM entity WHERE id = p.id)
                                 ELSE (SELECT 'source' FROM source WHERE id = p.id) END
            FROM \(temporary("import_pending")) AS p ORDER BY p.file, p.line, p.rowid
            """)
        try select.forEachRow { row in
            let reference = PendingReference(
                location: Location(file: row.int(0), line: row.int(1)), record: row.string(2), field: row.string(3),
                target: Record.Kind(rawValue: row.string(4)) ?? .entity, id: row.string(5), predicate: row.text(6),
                role: row.text(7).flatMap(PendingReference.Role.init(rawValue:)))
            let found = row.text(8)
            try body(reference, found != nil, found.flatMap(EntityType.init(rawValue:)))
        }
    }

    /// Merges what this import wrote with this store's own changes since entry `base`
    /// (``ChangeSession/keepChanges(since:)``), once every record is written and before the
    /// checks that read more than one record (cycles, depth, references), so that they check
    /// the records as they will be stored. Without a history entry there is nothing to merge.
    /// Returns the records of the file that stay deleted, as this store deleted them since.
    func mergeChanges(since base: Int) throws -> [(kind: Record.Kind, id: String)] {
        guard let change else { return [] }
        try buildDeferredIndexes()
        return try change.keepChanges(since: base)
    }

    /// The cycles in the store's chains of transmission (``CitesCycles``) that pass through a
    /// source this import wrote, each from that source, with where its record was read; and the
    /// chains deeper than ``CitesDepth/stepsAtMost`` it made, each as
    /// ``CitesDepth/message(steps:chain:isChange:)`` says it, from the first source on its
    /// longest chain this import wrote.
    func citesProblemsThroughImportedSources() throws -> (
        cycles: [(cycle: [String], location: Location)],
        tooDeep: [(source: String, message: String, location: Location)]
    ) {
        try flushBatch()
        // Most imports after the first bring claims only: the chains are not read for them.
        let sources = "SELECT EXISTS (SELECT 1 FROM \(temporary("import_record")) WHERE kind = 'source')"
        guard try database.prepare(sources).scalarInteger() == 1 else { return ([], []) }
        var edges: [String: [String]] = [:]
        try store.forEachCitesLink { source, cited in edges[source, default: []].append(cited) }
        let select = try database.cached(
            "SELECT file, line FROM \(temporary("import_record")) WHERE kind = 'source' AND id = ?1")
        func location(of source: String) throws -> Location? {
            try select.firstRow([.text(source)], { Location(file: $0.int(0), line: $0.int(1)) })
        }
        var cycles: [(cycle: [String], location: Location)] = []
        for cycle in CitesCycles.find(in: edges) {
            for (index, source) in cycle.enumerated() {
                if let location = try location(of: source) {
                    cycles.append((Array(cycle[index...] + cycle[..<index]), location))
                    break
                }
            }
        }
        var tooDeep: [(source: String, message: String, location: Location)] = []
        let longest = CitesDepth.longest(in: edges)
        for (top, chain) in CitesDepth.tooDeep(in: edges, longest: longest) {
            // A chain too deep already in the store is check's to report: walked no further
            // than the limit, where a source this import wrote must be if it made the chain too deep.
            var step: String? = top
            var steps = 0
            while let source = step, steps <= CitesDepth.stepsAtMost {
                if let location = try location(of: source) {
                    let message = CitesDepth.message(
                        steps: longest[source]?.steps ?? chain.steps, chain: CitesDepth.shown(from: source, in: longest))
                    tooDeep.append((source, message, location))
                    break
                }
                step = longest[source]?.next
                steps += 1
            }
        }
        return (cycles, tooDeep)
    }

    /// For each entity whose type this import changed, every claim it takes part in, with the
    /// location of the claim's record in this import if it has one.
    func claimsOfRetypedEntities(
        _ body: (
            _ entity: String, _ entityLocation: Location, _ claim: String, _ predicate: String,
            _ subjectType: EntityType?, _ objectType: EntityType?, _ claimLocation: Location?
        ) throws -> Void
    ) throws {
        try flushBatch()
        // Most imports retype nothing; the join below would still scan the claims once.
        guard try database.prepare("SELECT EXISTS (SELECT 1 FROM \(temporary("import_retyped")))").scalarInteger() == 1 else {
            return
        }
        // Standing claims only: a retracted one may keep ends whose types changed since
        // (`restore` checks it when it comes back).
        let select = try database.prepare(
            """
            SELECT r.id, r.file, r.line, c.id, c.predicate, s.type, o.type, ir.file, ir.line
            FROM \(temporary("import_retyped")) AS r
            JOIN claim AS c ON c.subject = r.id OR c.object = r.id
            JOIN entity AS s ON s.id = c.subject
            JOIN entity AS o ON o.id = c.object
            LEFT JOIN \(temporary("import_record")) AS ir ON ir.kind = 'claim' AND ir.id = c.id
            ORDER BY r.file, r.line, c.id
            """)
        try select.forEachRow { row in
            let claimLocation = row.isNull(7) ? nil : Location(file: row.int(7), line: row.int(8))
            try body(
                row.string(0), Location(file: row.int(1), line: row.int(2)), row.string(3), row.string(4),
                EntityType(rawValue: row.string(5)), EntityType(rawValue: row.string(6)), claimLocation)
        }
    }

    /// Every id of a kind in the store, for "did you mean" suggestions.
    func forEachID(of kind: Record.Kind, _ body: (String) -> Void) throws {
        try flushBatch()
        let table = kind == .entity ? "entity" : kind == .source ? "source" : "claim"
        // In id order on both engines: the first of two equally near ids is the one suggested.
        try database.prepare("SELECT id FROM \(table) ORDER BY id").forEachRow { body($0.string(0)) }
    }

    // MARK: Writes
    //
    // Each write is a plain INSERT when the row is new and an UPDATE when it exists, never an
    // upsert: SQLite opens a statement journal for every upsert that may abort, which copies
    // each page it touches and cost more than half of a large import.

    /// - Parameter searchKeys: ``NameKey/searchKeys(of:)``, worked out where it costs the writer nothing.
    func write(_ entity: Entity, searchKeys: [String], at location: Location) throws {
        // Not known to be stored (an entity is written once per import): batched, and settled when
        // sent. One with merged ids is written at once, as on SQLite: the import skips later records
        // of those ids (``mergedInThisImport(_:)``), and a batch copies no merged ids.
        if let batch, entityTypes[entity.id] == nil, entity.merged.isEmpty {
            batch.add(.entity(entity, searchKeys: searchKeys, location))
            remember(entity: entity.id, type: entity.type)
            if batch.isFull { try flushBatch() }
            return
        }
        let previousType = try entityType(entity.id)
        if let previousType, let stored = try store.entity(id: entity.id), leaves(stored, as: entity) {
            remember(entity: entity.id, type: previousType)
            if !stored.merged.isEmpty { mayHoldMergedIDs = true }
            return
        }
        try writeRowByRow(entity, searchKeys: searchKeys, at: location, previousType: previousType)
    }

    private func writeRowByRow(
        _ entity: Entity, searchKeys: [String], at location: Location, previousType: EntityType?
    ) throws {
        let values: [Statement.Value] = [
            .text(entity.id), .text(entity.type.rawValue), .text(entity.name), optional(entity.description),
            .text(AttributesJSON.encode(entity.attributes)),
        ]
        if previousType == nil {
            try change?.noteAdded(.entity, id: entity.id)
            try database.cached("INSERT INTO entity (id, type, name, description, attributes) VALUES (?1, ?2, ?3, ?4, ?5)")
                .run(values)
        } else {
            try change?.note(.entity, id: entity.id)
            try database.cached("UPDATE entity SET type = ?2, name = ?3, description = ?4, attributes = ?5 WHERE id = ?1")
                .run(values)
            try database.cached("DELETE FROM entity_name WHERE entity = ?1").run([.text(entity.id)])
        }
        try store.insertNames(of: entity, searchKeys: searchKeys)
        if previousType != nil || !entity.merged.isEmpty {
            // An import adds merged ids, never takes them away: the ids of entities merged into this
            // one since the record was written keep naming it.
            var merged = entity
            let stored = try store.mergedIDs(of: entity.id)
            let added = entity.merged.filter { !stored.contains($0) }
            for id in added { mergedHere[id] = (entity.id, location) }
            merged.merged = stored + added
            try store.writeMerged(merged)
            if !merged.merged.isEmpty { mayHoldMergedIDs = true }
        }
        if let previousType, previousType != entity.type {
            try database.cached(
                database.dialect(
                    "INSERT OR REPLACE INTO temp.import_retyped (id, file, line) VALUES (?1, ?2, ?3)",
                    postgreSQL: """
                        INSERT INTO pg_temp.import_retyped (id, file, line) VALUES (?1, ?2, ?3)
                        ON CONFLICT (id) DO UPDATE SET file = excluded.file, line = excluded.line
                        """)
            )
            .run([.text(entity.id), .integer(Int64(location.file)), .integer(Int64(location.line))])
        }
        remember(entity: entity.id, type: entity.type)
    }

    func write(_ source: Source) throws {
        if let batch, !knownSources.contains(source.id) {
            batch.add(.source(source))
            knownSources.insert(source.id)
            if batch.isFull { try flushBatch() }
            return
        }
        let exists = try sourceExists(source.id)
        if exists, let stored = try store.source(id: source.id), sameBytes(.source(stored), .source(source)) { return }
        try writeRowByRow(source, exists: exists)
    }

    private func writeRowByRow(_ source: Source, exists: Bool) throws {
        let values: [Statement.Value] = [
            .text(source.id), .text(source.type.rawValue), .text(source.title), optional(source.publisher),
            optional(source.author), optional(source.url), optional(source.published?.description), optional(source.lang),
            .text(source.reliability.rawValue), optional(source.text),
        ]
        if exists {
            try change?.note(.source, id: source.id)
            try database.cached(
                """
                UPDATE source SET type = ?2, title = ?3, publisher = ?4, author = ?5, url = ?6, published = ?7, lang = ?8,
                    reliability = ?9, full_text = ?10 WHERE id = ?1
                """
            ).run(values)
            try database.cached("DELETE FROM source_cites WHERE source = ?1").run([.text(source.id)])
        } else {
            try change?.noteAdded(.source, id: source.id)
            try database.cached(
                """
                INSERT INTO source (id, type, title, publisher, author, url, published, lang, reliability, full_text)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                """
            ).run(values)
        }
        let insertCite = try database.cached("INSERT INTO source_cites (source, position, cited) VALUES (?1, ?2, ?3)")
        for (index, cited) in source.cites.enumerated() {
            try insertCite.run([.text(source.id), .integer(Int64(index)), .text(cited)])
        }
        knownSources.insert(source.id)
    }

    /// Writes a claim. Its citations are added to those the claim already has (a citation
    /// with the same source, via and quote is updated in place), unless `replacingCitations`.
    ///
    /// A claim id names one relationship: a record that gives a stored claim another subject,
    /// predicate or object would leave the stored citations, which speak of the old one,
    /// supporting the new one. Such a record is not written and the change is returned, unless
    /// `replacingCitations`, which replaces the claim whole.
    /// On PostgreSQL the claim may be batched: a change of its ends is then returned later, by
    /// ``takeChangedEnds()``, when `reportingAt` is given.
    /// - Parameter citationKeys: the citations' ``Citation/key``s when worked out already.
    func write(
        _ claim: Claim, citationKeys: [Int64]? = nil, replacingCitations: Bool, reportingAt location: Location? = nil
    ) throws -> ClaimRefusal? {
        let isRetracted = claim.retraction != nil || claim.citations.contains { $0.retraction != nil }
        if let batch {
            // The write compares at a flush, and the lookup may no longer hold by then.
            lastClaimLookup = nil
            if !isRetracted {
                batch.add(.claim(claim, replacingCitations: replacingCitations, reportingAt: location))
                if batch.isFull { try flushBatch() }
                return nil
            }
            // Written whole, after what the batch holds of the same claim.
            if batch.claims.contains(claim.id) { try flushBatch() }
        }
        return try writeRowByRow(
            claim, citationKeys: citationKeys, replacingCitations: replacingCitations, isRetracted: isRetracted)
    }

    /// Whether the store holds the claim retracted (an import keeps it so, whatever the record says).
    func isRetractedInStore(_ id: String) throws -> Bool {
        try mayHoldRetractedClaims
            && database.cached("SELECT 1 FROM retracted_claim WHERE id = ?1").scalarInteger([.text(id)]) != nil
    }

    private func writeRowByRow(
        _ claim: Claim, citationKeys: [Int64]? = nil, replacingCitations: Bool, isRetracted: Bool
    ) throws -> ClaimRefusal? {
        // The same claim again: what follows reads and changes it in the claim table.
        if heldClaimIDs.contains(claim.id) { try writeHeldClaims() }
        let lookup = lastClaimLookup?.id == claim.id ? lastClaimLookup : nil
        lastClaimLookup = nil
        let isRetractedInStore = try lookup?.isRetracted ?? isRetractedInStore(claim.id)
        // A claim whose citations the record replaces, and that holds a retracted citation: the
        // citations are written whole in the record's order, each retracted one at its place
        // (below, in the citation table, the standing ones would go after every retracted one,
        // renumbered: `restore --citation N` would miss, and `log` mark retractions never made).
        let isReplacingBesideRetractedCitations =
            try replacingCitations && !isRetracted && !isRetractedInStore && mayHoldRetractedCitations
            && database.cached("SELECT 1 FROM retracted_citation WHERE claim = ?1 LIMIT 1").scalarInteger([.text(claim.id)])
                != nil
        // A retracted claim (in the record, or in the store) is written whole, out of the claim
        // table, with every retraction the store made of it kept. As for any other claim, a
        // stored one keeps its ends and its citations, the record's joining them: written whole,
        // the record alone would have taken the stored citations away.
        if isRetracted || isRetractedInStore || isReplacingBesideRetractedCitations {
            try change?.note(.claim, id: claim.id)
            var written = claim
            if !replacingCitations, case .claim(let stored)? = try store.record(.claim, id: claim.id) {
                if let changed = claim.changedEnd(from: stored) {
                    return .changedEnd(field: changed.field, stored: changed.stored)
                }
                if let changed = Self.changedDates(
                    of: claim, storedStart: stored.start?.description, storedEnd: stored.end?.description)
                {
                    return changed
                }
                written.citations = stored.citations
                written.join(claim.citations)
            }
            written = try keepingStoredRetractions(of: written)
            // A claim that stands needs a citation that stands: `retract --citation` refuses to
            // take the last one, and a store with such a claim fails `check` and its own export.
            if !written.keepsAStandingCitation { return .noStandingCitation }
            try store.put(.claim(written))
            mayHoldRetractedClaims = true
            mayHoldRetractedCitations = true
            return nil
        }
        let values: [Statement.Value] = [
            .text(claim.id), .text(claim.subject), .text(claim.predicate), .text(claim.object),
            optional(claim.start?.description), optional(claim.end?.description), optional(claim.notes),
        ]
        let exists: Bool
        if heldClaims != nil {
            exists =
                try lookup?.isInClaimTable
                ?? (database.cached("SELECT 1 FROM claim WHERE id = ?1").scalarInteger([.text(claim.id)]) != nil)
            if !exists { try holdNewClaim(claim, values: values) }
        } else {
            try database.cached(
                database.dialect(
                    "INSERT OR IGNORE INTO claim (id, subject, predicate, object, start_date, end_date, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    postgreSQL:
                        "INSERT INTO claim (id, subject, predicate, object, start_date, end_date, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING"
                )
            ).run(values)
            exists = database.changes == 0
        }
        // On PostgreSQL a batch compared its stored claims already (``flushBatch()``).
        if exists, !database.isPostgreSQL, !replacingCitations,
            let stored = try store.plainClaim(id: claim.id, withCitations: false),
            try leaves(
                stored, as: claim, replacingCitations: false,
                storedCitation: { key in
                    try storedCitation(ofClaim: claim.id, key: key)
                })
        {
            return nil
        }
        if exists { try change?.note(.claim, id: claim.id) } else { try change?.noteAdded(.claim, id: claim.id) }
        if exists, !replacingCitations {
            let stored = try database.cached("SELECT subject, predicate, object, start_date, end_date FROM claim WHERE id = ?1")
                .firstRow([.text(claim.id)]) { [$0.text(0), $0.text(1), $0.text(2), $0.text(3), $0.text(4)] }
            for (index, (field, value)) in [("subject", claim.subject), ("predicate", claim.predicate), ("object", claim.object)]
                .enumerated()
            where stored.map({ $0[index] != value }) ?? false {
                return .changedEnd(field: field, stored: stored?[index] ?? "")
            }
            if let stored, let changed = Self.changedDates(of: claim, storedStart: stored[3], storedEnd: stored[4]) {
                return changed
            }
        }
        if exists {
            try database.cached(
                "UPDATE claim SET subject = ?2, predicate = ?3, object = ?4, start_date = ?5, end_date = ?6, notes = ?7 WHERE id = ?1"
            ).run(values)
            if replacingCitations {
                try database.cached("DELETE FROM citation WHERE claim = ?1").run([.text(claim.id)])
            }
        }
        let insert = try database.cached(
            """
            INSERT INTO citation (claim, position, citation_key, source, via, quote, quote_en, stance, credibility, locator)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """)
        // A new claim numbers its citations from 0; a stored one appends after its citations,
        // retracted ones included (after them alone when its citations were just removed), or
        // updates those it repeats.
        var nextPosition: Int64 = 0
        let hasCitations = exists && !replacingCitations
        if exists {
            nextPosition =
                try database.cached(
                    // Each table's largest position from its primary key: the union of every position read
                    // all of a claim's citations for each record of it (20,000 records of one claim, 22 s).
                    "SELECT coalesce(max(last) + 1, 0) FROM (SELECT max(position) AS last FROM citation WHERE claim = ?1 UNION ALL SELECT max(position) FROM retracted_citation WHERE claim = ?1) AS positions"
                )
                .scalarInteger([.text(claim.id)]) ?? 0
        }
        let keys = citationKeys ?? claim.citations.map(\.key)
        for (citation, key) in zip(claim.citations, keys) {
            let details: [Statement.Value] = [
                .text(citation.source), optional(citation.via), .text(citation.quote), optional(citation.quoteEnglish),
                .text(citation.stance.rawValue), .integer(Int64(citation.credibility.rawValue)), optional(citation.locator),
            ]
            if hasCitations {
                let update = try database.cached(
                    """
                    UPDATE citation SET source = ?3, via = ?4, quote = ?5, quote_en = ?6, stance = ?7, credibility = ?8, locator = ?9
                    WHERE claim = ?1 AND citation_key = ?2
                    """)
                try update.run([.text(claim.id), .integer(key)] + details)
                if database.changes > 0 { continue }
            }
            // Retracted in the store: it stays so (``Importer/KeptRetraction``), --replace or not.
            if exists, mayHoldRetractedCitations,
                try database.cached(
                    database.dialect(
                        "SELECT 1 FROM retracted_citation WHERE claim = ?1 AND source = ?2 AND via IS ?3 AND quote = ?4",
                        postgreSQL:
                            "SELECT 1 FROM retracted_citation WHERE claim = ?1 AND source = ?2 AND via IS NOT DISTINCT FROM ?3 AND quote = ?4"
                    )
                ).scalarInteger([.text(claim.id), .text(citation.source), optional(citation.via), .text(citation.quote)]) != nil
            {
                keep(Importer.KeptRetraction(claim: claim.id, citationSource: citation.source))
                continue
            }
            try insert.run([.text(claim.id), .integer(nextPosition), .integer(key)] + details)
            nextPosition += 1
        }
        return nil
    }

    /// The first of `claim`'s citations that the store already holds under the same source,
    /// via and quote (its `keys`, ``Citation/key``) with another translation, stance,
    /// credibility or locator: written now, it would replace that one.
    func firstCitationDiffering(in claim: Claim, keys: [Int64]) throws -> Int? {
        try flushBatch()
        if heldClaimIDs.contains(claim.id) { try writeHeldClaims() }
        let select = try database.cached(
            "SELECT quote_en, stance, credibility, locator FROM citation WHERE claim = ?1 AND citation_key = ?2")
        for (index, (citation, key)) in zip(claim.citations, keys).enumerated() {
            let differs = try select.firstRow([.text(claim.id), .integer(key)]) { row in
                row.text(0) != citation.quoteEnglish || row.string(1) != citation.stance.rawValue
                    || row.int(2) != citation.credibility.rawValue || row.text(3) != citation.locator
            }
            if differs == true { return index }
        }
        return nil
    }

    /// Of the standing claim `id` as the store holds it now, its notes and the locators of those
    /// of `keys` (``Citation/key``) it holds, each read by index; nil when no standing claim has
    /// the id. An FtM file gives a claim's citations a line each: reading the claim whole for
    /// each line made its import grow with the square of the claim's citations.
    func storedNotesAndLocators(ofClaim id: String, keys: [Int64]) throws -> (notes: String?, locators: [Int64: String])? {
        guard
            let notes = try database.cached("SELECT notes FROM claim WHERE id = ?1").firstRow([.text(id)], { $0.text(0) })
        else { return nil }
        var locators: [Int64: String] = [:]
        let select = try database.cached("SELECT locator FROM citation WHERE claim = ?1 AND citation_key = ?2")
        for key in keys {
            if let locator = try select.firstRow([.text(id), .integer(key)], { $0.text(0) }) ?? nil { locators[key] = locator }
        }
        return (notes, locators)
    }

    /// The claim `id` as the store holds it now, when it holds it and its standing citations
    /// lack one of `keys` (``Citation/key``); else nil. A record that gives only citations the
    /// claim has costs one index lookup each, and the claim is read whole only for one it lacks.
    func storedClaim(id: String, unlessHoldingAll keys: [Int64]) throws -> Claim? {
        guard try heldClaimsBefore() else { return nil }
        // A claim new to the store, as most of a batch are, costs one lookup of its id (the
        // statement the write of a new claim runs next, its pages then read already), not one of
        // its first citation and a read of the claim that is not there: 8% more instructions to
        // import 10,000 new claims into a store of 100,000.
        let isInClaimTable = try database.cached("SELECT 1 FROM claim WHERE id = ?1").scalarInteger([.text(id)]) != nil
        let isRetracted = isInClaimTable ? nil : try isRetractedInStore(id)
        lastClaimLookup = (id, isInClaimTable, isRetracted)
        guard isInClaimTable || isRetracted == true else { return nil }
        let select = try database.cached("SELECT 1 FROM citation WHERE claim = ?1 AND citation_key = ?2")
        for key in keys where try select.scalarInteger([.text(id), .integer(key)]) == nil {
            guard case .claim(let stored)? = try store.record(.claim, id: id) else { return nil }
            return stored
        }
        return nil
    }

    /// Whether the store held a claim before this import wrote one: asked first before any claim
    /// of the import is written, and remembered. Into a store without claims (a new one), a
    /// record's citations have no stored ones to be compared with.
    func heldClaimsBefore() throws -> Bool {
        if storeHeldClaims == nil {
            storeHeldClaims = try database.cached("SELECT 1 FROM claim LIMIT 1").scalarInteger() != nil
        }
        return storeHeldClaims == true
    }

    /// The standing citation of claim `id` under `key` (``Citation/key``), or nil: one index lookup.
    private func storedCitation(ofClaim id: String, key: Int64) throws -> Citation? {
        try database.cached(
            "SELECT source, via, quote, quote_en, stance, credibility, locator, NULL FROM citation WHERE claim = ?1 AND citation_key = ?2"
        ).firstRow([.text(id), .integer(key)]) { row in
            try store.plainCitation(number: 1, ofClaim: id, from: row, at: 0)
        }
    }

    /// The record of that kind and id as the store holds it now, or nil.
    func storedRecord(_ kind: Record.Kind, id: String) throws -> Record? {
        try store.record(kind, id: id)
    }

    /// The id of a stored claim, other than `claim`, with its predicate, ends and dates: a standing
    /// one first, else a retracted one (a claim a merge combined with one retracted since).
    func storedClaim(sayingTheSameAs claim: Claim) throws -> String? {
        if let standing = try store.claimsStating(subject: claim.subject, predicate: claim.predicate, object: claim.object)
            .first(where: { $0.id != claim.id && $0.start == claim.start && $0.end == claim.end })
        {
            return standing.id
        }
        return try store.retractions(of: claim.subject).first { retracted in
            retracted.retraction != nil && retracted.id != claim.id && retracted.subject == claim.subject
                && retracted.predicate == claim.predicate && retracted.object == claim.object && retracted.start == claim.start
                && retracted.end == claim.end
        }?.id
    }

    /// `claim` with the retractions the store holds for it carried over where the record gives
    /// the claim or a citation as standing (each listed as kept): an import never takes one back.
    private func keepingStoredRetractions(of claim: Claim) throws -> Claim {
        guard case .claim(let stored)? = try store.record(.claim, id: claim.id) else { return claim }
        var kept = claim
        if kept.retraction == nil, let reason = stored.retraction {
            kept.retraction = reason
            keep(Importer.KeptRetraction(claim: claim.id, citationSource: nil))
        }
        // The stored citations' retractions by key: none when one of the key stands (a retracted
        // citation may stand beside its standing twin, ``CitationRepeats``).
        var storedRetraction: [Int64: String] = [:]
        var storedStanding: Set<Int64> = []
        for citation in stored.citations {
            if let reason = citation.retraction {
                if storedRetraction[citation.key] == nil { storedRetraction[citation.key] = reason }
            } else {
                storedStanding.insert(citation.key)
            }
        }
        // A citation the record gives standing beside its retracted twin, whose key the store
        // holds retracted alone, stays retracted: as the twin already is, so it is one citation.
        let recordRetracted = Set(kept.citations.filter { $0.retraction != nil }.map(\.key))
        var keptAsTwin: [Int] = []
        for index in kept.citations.indices where kept.citations[index].retraction == nil {
            let key = kept.citations[index].key
            guard !storedStanding.contains(key), let reason = storedRetraction[key] else { continue }
            keep(Importer.KeptRetraction(claim: claim.id, citationSource: kept.citations[index].source))
            if recordRetracted.contains(key) {
                keptAsTwin.append(index)
            } else {
                kept.citations[index].retraction = reason
            }
        }
        for index in keptAsTwin.reversed() { kept.citations.remove(at: index) }
        // A retracted citation the record leaves out (its citations replace the stored ones)
        // stays, at its number as far as the record's citations leave it one.
        let keys = Set(kept.citations.map(\.key))
        for (position, citation) in stored.citations.enumerated() where citation.retraction != nil && !keys.contains(citation.key)
        {
            kept.citations.insert(citation, at: min(position, kept.citations.count))
        }
        return kept
    }

    /// Lists a retraction a record would have undone, once however often the record comes.
    private func keep(_ retraction: Importer.KeptRetraction) {
        if keptRetractionSet.insert(retraction).inserted { keptRetractions.append(retraction) }
    }

    /// Keeps a new claim's row to write it with others, after its citations. A large store keeps
    /// its indexes during a smaller import, and each row goes to a random place in every one of
    /// them: written record by record, the claim's four indexes and the citations' take turns
    /// in the page cache and evict each other's pages; claims written together find theirs.
    private func holdNewClaim(_ claim: Claim, values: [Statement.Value]) throws {
        heldClaims?.append((ImportSession.subjectOrderKey(claim), values))
        heldClaimIDs.insert(claim.id)
        if heldClaimIDs.count >= ImportSession.heldClaimLimit { try writeHeldClaims() }
    }

    /// Writes the claims ``holdNewClaim(_:values:)`` kept, in the order of the subject index
    /// (``inSubjectOrder(_:)``), which gives them their rowids.
    private func writeHeldClaims() throws {
        guard let held = heldClaims, !held.isEmpty else { return }
        let insert = try database.cached(
            "INSERT INTO claim (id, subject, predicate, object, start_date, end_date, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        for position in ImportSession.inSubjectOrder(held.map(\.order)) { try insert.run(held[position].values) }
        heldClaims = []
        heldClaimIDs = []
        lastClaimLookup = nil
    }

    /// What a held claim is ordered by: its subject, object and predicate as SQLite compares
    /// text (byte by byte), joined by a zero byte, which no stored text holds and which sorts
    /// before every other.
    static func subjectOrderKey(_ claim: Claim) -> [UInt8] {
        var key: [UInt8] = []
        key.reserveCapacity(claim.subject.utf8.count + claim.object.utf8.count + claim.predicate.utf8.count + 2)
        key.append(contentsOf: claim.subject.utf8)
        key.append(0)
        key.append(contentsOf: claim.object.utf8)
        key.append(0)
        key.append(contentsOf: claim.predicate.utf8)
        return key
    }

    /// The positions of held claims ordered by their keys (``subjectOrderKey(_:)``), then as
    /// read. In that order the inserts walk the two indexes that lead with the subject from one
    /// end to the other, each page once, instead of landing on random pages that the page cache
    /// cannot all hold: the claim rows of 100,000 claims went into a store of a million in a
    /// quarter less time, the whole import in a tenth less (Benchmarks/RESULTS.md). The object's
    /// indexes stay in random order. Claims alike in all three keep the order read, which is the
    /// order a walk reads them in (by rowid), as after a large import or on PostgreSQL.
    static func inSubjectOrder(_ keys: [[UInt8]]) -> [Int] {
        keys.indices.sorted { a, b in
            let order = keys[a].withUnsafeBufferPointer { x in
                keys[b].withUnsafeBufferPointer { y in
                    for index in 0..<min(x.count, y.count) where x[index] != y[index] {
                        return x[index] < y[index] ? -1 : 1
                    }
                    return x.count - y.count
                }
            }
            return order != 0 ? order < 0 : a < b
        }
    }

    /// The refusal of a record whose id was derived from its dates (it gave none, or the one
    /// derived) when the stored claim of that id holds other dates: they were changed since
    /// (`isnad set`), and the record speaks of the dates its id came from, not of the claim that
    /// holds them now. Written, it would have put the old dates back without a word.
    private static func changedDates(of claim: Claim, storedStart: String?, storedEnd: String?) -> ClaimRefusal? {
        let start = claim.start?.description
        let end = claim.end?.description
        guard (start, end) != (storedStart, storedEnd), claim.hasDerivedID else { return nil }
        return start != storedStart
            ? .changedDate(field: "start", stored: storedStart, given: start)
            : .changedDate(field: "end", stored: storedEnd, given: end)
    }

    /// Why a claim record was not written.
    enum ClaimRefusal: Equatable, Sendable {
        /// The record would change the stored claim's `field` (`subject`, `predicate` or
        /// `object`), which holds `stored`.
        case changedEnd(field: String, stored: String)
        /// The record's id was derived from its dates, and the stored claim of that id holds
        /// other ones in `field` (`start` or `end`): `stored`, where the record gives `given`.
        case changedDate(field: String, stored: String?, given: String?)
        /// The claim would stand with every citation retracted.
        case noStandingCitation
    }

    private func optional(_ text: String?) -> Statement.Value { text.map(Statement.Value.text) ?? .null }

    // MARK: Batches (PostgreSQL)

    /// ``register(kind:id:digest:at:)`` on PostgreSQL: this batch answers for its own records, the
    /// filter for earlier batches' (the server is asked only when the filter says "maybe").
    private func register(
        kind: Record.Kind, id: String, digest: UInt64, at location: Location, in batch: PostgreSQLImportBatch
    ) throws -> Registration {
        var found = batch.registration(kind, id)
        if found == nil, batch.mayHaveRegistered(kind, id) {
            found = try database.cached("SELECT digest, file, line FROM pg_temp.import_record WHERE kind = ?1 AND id = ?2")
                .firstRow([.text(kind.rawValue), .text(id)]) { row in
                    (digest: UInt64(bitPattern: row.int64(0)), location: Location(file: row.int(1), line: row.int(2)))
                }
        }
        guard let found else {
            batch.register(kind, id, digest: digest, at: location)
            if batch.isFull { try flushBatch() }
            return .new
        }
        return found.digest == digest ? .repeated(found.location) : .conflict(found.location)
    }

    /// The claims of the batches sent whose stored claim has other ends, with where each was
    /// read (those written with `reportingAt`), in input order; and forgets them. On SQLite,
    /// ``write(_:replacingCitations:reportingAt:)`` returns them at once and this is empty.
    func takeChangedEnds() throws -> [(location: Location, claim: String, change: ClaimRefusal)] {
        try flushBatch()
        defer { changedEnds = [] }
        return changedEnds
    }

    // MARK: Records left as they are

    /// Whether writing `entity` over the stored one would leave it as it is, byte for byte (the
    /// merged ids the store adds to it included).
    func leaves(_ stored: Entity, as entity: Entity) -> Bool {
        var written = entity
        written.merged = stored.merged + entity.merged.filter { !stored.merged.contains($0) }
        return sameBytes(.entity(stored), .entity(written))
    }

    /// Whether writing `claim` (standing, and not replacing the stored citations) over the stored
    /// standing claim `stored` (read without its citations is enough) would leave it as it is,
    /// byte for byte: the same statement and notes, and each citation the same as the one the
    /// store holds under its key (``Citation/key``, one a claim), which the write would update in
    /// place. `storedCitation` gives that one, or nil: asked by key, so that a claim of many
    /// citations given a line each is never read whole for each line. A citation the store does
    /// not hold standing under its key (new, or retracted there: kept so, and said) is a change.
    func leaves(
        _ stored: Claim, as claim: Claim, replacingCitations: Bool, storedCitation: (Int64) throws -> Citation?
    ) rethrows -> Bool {
        guard !replacingCitations, stored.retraction == nil, claim.retraction == nil,
            Self.same(stored.subject, claim.subject), Self.same(stored.predicate, claim.predicate),
            Self.same(stored.object, claim.object), stored.start?.description == claim.start?.description,
            stored.end?.description == claim.end?.description, Self.same(stored.notes, claim.notes)
        else { return false }
        for citation in claim.citations {
            guard let held = try storedCitation(citation.key), held.retraction == nil,
                Self.same(held.source, citation.source), Self.same(held.via, citation.via),
                Self.same(held.quote, citation.quote), Self.same(held.quoteEnglish, citation.quoteEnglish),
                held.stance == citation.stance, held.credibility == citation.credibility,
                Self.same(held.locator, citation.locator)
            else { return false }
        }
        return true
    }

    /// Texts compared byte for byte: Swift's `==` holds canonically equivalent text equal, and a
    /// quote rewritten from NFC to NFD is a change the history keeps.
    private static func same(_ first: String?, _ second: String?) -> Bool { RecordDiff.sameBytes(first, second) }

    /// Whether two records are the same line of `export jsonl`: byte for byte, as a change's
    /// history compares them (``ChangeSession/finish(addedByID:keepingEmpty:)``).
    private func sameBytes(_ first: Record, _ second: Record) -> Bool {
        recordWriter.encode(first) == recordWriter.encode(second)
    }

    /// Sends the batch: asks the server once which of its records are stored already, writes
    /// those row by row (merging citations, noting history, checking ends and types as on
    /// SQLite), and copies the new ones into their tables with `COPY`, with their history lines
    /// and the import's work rows. A claim read several times in the batch is copied once, its
    /// citations merged as the row-by-row writes would have merged them. On SQLite: writes the
    /// claims held back (``writeHeldClaims()``), before anything reads the claim table.
    private func flushBatch() throws {
        try writeHeldClaims()
        guard let batch, !batch.isEmpty, let connection = database.postgreSQL else { return }
        self.batch = nil
        defer {
            batch.removeAll()
            self.batch = batch
        }
        var storedEntityTypes: [String: EntityType] = [:]
        var storedSources: Set<String> = []
        var storedClaims: Set<String> = []
        if !batch.operations.isEmpty {
            try database.prepare(
                """
                SELECT 'entity', id, type FROM entity WHERE id = ANY (?1::text[])
                UNION ALL SELECT 'source', id, NULL FROM source WHERE id = ANY (?2::text[])
                UNION ALL SELECT 'claim', id, NULL FROM claim WHERE id = ANY (?3::text[])
                UNION ALL SELECT 'claim', id, NULL FROM retracted_claim WHERE id = ANY (?3::text[])
                """
            ).forEachRow([
                .text(PostgreSQLImportBatch.textArray(batch.entityTypes.keys)),
                .text(PostgreSQLImportBatch.textArray(batch.sources)), .text(PostgreSQLImportBatch.textArray(batch.claims)),
            ]) { row in
                switch row.string(0) {
                case "entity": storedEntityTypes[row.string(1)] = EntityType(rawValue: row.string(2))
                case "source": storedSources.insert(row.string(1))
                default: storedClaims.insert(row.string(1))
                }
            }
        }
        // What the store holds of the batch's stored records, to leave those the batch would not
        // change: an import of a file the store holds already costs a few reads a batch, not a
        // dozen round trips a record. Claims without their citations, and of those only the ones
        // under the keys the batch gives: a claim of many citations given a line each may be sent
        // a line a batch (an import compares a repeated claim's citations with the store's first).
        let held = try store.storedRecords(
            entities: storedEntityTypes.keys, sources: storedSources, claims: storedClaims, withCitations: false)
        var citationKeys: [(claim: String, key: Int64)] = []
        for operation in batch.operations {
            guard case .claim(let claim, false, _) = operation, storedClaims.contains(claim.id) else { continue }
            for citation in claim.citations { citationKeys.append((claim.id, citation.key)) }
        }
        let heldCitations = try store.storedCitations(citationKeys)
        // Those this batch has written: what `held` says of them is no longer so.
        var rewritten: Set<String> = []
        var entityRows: [[String?]] = []
        var nameRows: [[String?]] = []
        var sourceRows: [[String?]] = []
        var citeRows: [[String?]] = []
        var addedRows: [[String?]] = []
        var newClaims: [Claim] = []
        var newClaimIndex: [String: Int] = [:]
        let number = change.map { String($0.number) }
        func added(_ kind: Record.Kind, _ id: String) {
            if let number { addedRows.append([number, kind.rawValue, id, "added"]) }
        }
        for operation in batch.operations {
            switch operation {
            case .entity(let entity, let searchKeys, let location):
                if let type = storedEntityTypes[entity.id] {
                    let key = PostgreSQLImportBatch.registrationKey(.entity, entity.id)
                    if !rewritten.contains(key), let stored = held.entities[entity.id], leaves(stored, as: entity) {
                        remember(entity: entity.id, type: type)
                        if !stored.merged.isEmpty { mayHoldMergedIDs = true }
                        continue
                    }
                    rewritten.insert(key)
                    try writeRowByRow(entity, searchKeys: searchKeys, at: location, previousType: type)
                    continue
                }
                added(.entity, entity.id)
                entityRows.append([
                    entity.id, entity.type.rawValue, entity.name, entity.description, AttributesJSON.encode(entity.attributes),
                ])
                nameRows += GraphStore.nameRows(of: entity, searchKeys: searchKeys)
            case .source(let source):
                if storedSources.contains(source.id) {
                    let key = PostgreSQLImportBatch.registrationKey(.source, source.id)
                    if !rewritten.contains(key), let stored = held.sources[source.id], sameBytes(.source(stored), .source(source))
                    {
                        continue
                    }
                    rewritten.insert(key)
                    try writeRowByRow(source, exists: true)
                    continue
                }
                added(.source, source.id)
                sourceRows.append([
                    source.id, source.type.rawValue, source.title, source.publisher, source.author, source.url,
                    source.published?.description, source.lang, source.reliability.rawValue, source.text,
                ])
                for (index, cited) in source.cites.enumerated() { citeRows.append([source.id, String(index), cited]) }
            case .claim(let claim, let replacingCitations, let location):
                if storedClaims.contains(claim.id) {
                    let key = PostgreSQLImportBatch.registrationKey(.claim, claim.id)
                    if !rewritten.contains(key), let stored = held.claims[claim.id],
                        leaves(
                            stored, as: claim, replacingCitations: replacingCitations,
                            storedCitation: { heldCitations[claim.id]?[$0] })
                    {
                        continue
                    }
                    rewritten.insert(key)
                    let changed = try writeRowByRow(claim, replacingCitations: replacingCitations, isRetracted: false)
                    if let changed, let location { changedEnds.append((location, claim.id, changed)) }
                    continue
                }
                guard let index = newClaimIndex[claim.id] else {
                    added(.claim, claim.id)
                    newClaimIndex[claim.id] = newClaims.count
                    newClaims.append(claim)
                    continue
                }
                // As the row-by-row write of a claim read again: its values, and each citation
                // updating those with its key or added after them (or all replaced).
                var merged = claim
                merged.citations = replacingCitations ? claim.citations : newClaims[index].citations
                if !replacingCitations {
                    for citation in claim.citations {
                        let same = merged.citations.indices.filter { merged.citations[$0].key == citation.key }
                        if same.isEmpty { merged.citations.append(citation) }
                        for position in same { merged.citations[position] = citation }
                    }
                }
                newClaims[index] = merged
            }
        }
        try connection.copy(into: "pg_temp.import_record", columns: ["kind", "id", "digest", "file", "line"]) { copy in
            for row in batch.registrationRows { try copy.append(row) }
        }
        try connection.copy(
            into: "pg_temp.import_pending", columns: ["file", "line", "record", "field", "target", "id", "predicate", "role"]
        ) { copy in
            for row in batch.pendingRows { try copy.append(row) }
        }
        let tables: [(String, [String], [[String?]])] = [
            ("entity", ["id", "type", "name", "description", "attributes"], entityRows),
            ("entity_name", ["entity", "position", "name", "lang", "search_key", "consonant_key"], nameRows),
            (
                "source", ["id", "type", "title", "publisher", "author", "url", "published", "lang", "reliability", "full_text"],
                sourceRows
            ),
            ("source_cites", ["source", "position", "cited"], citeRows),
            ("change_record", ["change", "kind", "record", "action"], addedRows),
        ]
        for (table, columns, rows) in tables where !rows.isEmpty {
            try connection.copy(into: table, columns: columns) { copy in
                for row in rows { try copy.append(row) }
            }
            copiedRows += rows.count
        }
        guard !newClaims.isEmpty else { return }
        copiedRows += newClaims.count + newClaims.reduce(0) { $0 + $1.citations.count }
        // In the order they were first read: the claim's rowid, which walks read ties in.
        try connection.copy(
            into: "claim", columns: ["id", "subject", "predicate", "object", "start_date", "end_date", "notes"]
        ) { copy in
            for claim in newClaims {
                try copy.append([
                    claim.id, claim.subject, claim.predicate, claim.object, claim.start?.description, claim.end?.description,
                    claim.notes,
                ])
            }
        }
        try connection.copy(
            into: "citation",
            columns: [
                "claim", "position", "citation_key", "source", "via", "quote", "quote_en", "stance", "credibility", "locator",
            ]
        ) { copy in
            for claim in newClaims {
                for (position, citation) in claim.citations.enumerated() {
                    try copy.append([
                        claim.id, String(position), String(citation.key), citation.source, citation.via, citation.quote,
                        citation.quoteEnglish, citation.stance.rawValue, String(citation.credibility.rawValue), citation.locator,
                    ])
                }
            }
        }
    }
}

extension GraphStore {
    /// Runs an import: `body` writes through the session in one write transaction, which holds
    /// the write lock until it commits or rolls back as `body` says (an error rolls back).
    /// With a `description`, the import is one entry of the store's history (kept only when
    /// it changed something). Returns false when it was to keep an entry and changed nothing.
    /// With how many records stored before it the import changed or removed (0 without a
    /// `description`), the first `listingChanges` of them as the history holds them (what a dry
    /// run shows), and the number of its history entry. With a `baseEntry`, what it wrote is
    /// merged by `body` with this store's own changes since that entry
    /// (``ImportSession/mergeChanges(since:)``).
    @discardableResult
    func importing(
        _ description: ChangeDescription? = nil, listingChanges: Int = 0,
        _ body: (ImportSession) throws -> Database.TransactionCompletion
    ) throws -> (changed: Bool, storedRecordsChanged: Int, changes: [RecordChange], entry: Int?) {
        let session = try ImportSession(store: self)
        defer { session.finish() }
        var changed = true
        var changes: [RecordChange] = []
        try inWriteTransaction {
            try session.createWorkTables()
            session.change = try description.map { try ChangeSession(store: self, description: $0) }
            let completion = try body(session)
            // A dry run compares too, before its rollback, what it would change in records stored
            // before it: none when it only adds (into a new store, say), and then it need not.
            if try completion == .commit || session.change?.hasNotedStoredRecords() == true {
                try session.buildDeferredIndexes()
                changed = try session.change?.finish(addedByID: true) ?? true
                // Read before a dry run's rollback takes them away.
                if listingChanges > 0, let change = session.change {
                    changes = try storedRecordChanges(inEntry: change.number, limit: listingChanges)
                }
            }
            if completion == .commit { try session.refreshStatistics() }
            return completion
        }
        return (changed, session.change?.storedRecordsChanged ?? 0, changes, changed ? session.change?.number : nil)
    }
}
