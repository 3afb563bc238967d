/// What reading claims looks up again and again — the type of each entity at a claim's ends,
/// the reliability and date of each source cited — remembered after the first lookup, so that
/// a claim is read with two index lookups (its row, its citations) instead of a dozen joins.
///
/// Only a read-only connection keeps what it learnt from one call to the next: it cannot change
/// the store itself, and `PRAGMA data_version` tells when another connection has committed
/// (within a read transaction it stays put, as the snapshot does). A connection that can write
/// starts afresh at every call, since its own changes, committed or rolled back, leave no mark
/// it could check cheaply. Bounded: it starts over when it holds too many entries, so memory
/// stays flat however large the store.
final class RowMemo {
    /// A source as its citations need it.
    struct SourceGrade {
        let reliability: Reliability
        let published: PartialDate?
        /// The sources it cites, in order, when read with it (``prefetch(entities:sources:_:)``);
        /// nil when not read.
        var cites: [String]? = nil
    }

    private static let limit = 1 << 19
    /// The history's standing renames (``GraphStore/standingRenames(includingTravelled:)``), by
    /// whether another store's are included: read once a command, not once for each claim
    /// whose history `show` marks (a hub's hundreds, each reading every rename).
    var standingRenames: [Bool: [GraphStore.StandingRename]] = [:]
    private var entityTypes: [String: EntityType?] = [:]
    private var sources: [String: SourceGrade?] = [:]
    private var dataVersion: Int64?

    /// Forgets everything that may have changed since the last call.
    func validate(_ database: Database) throws {
        guard database.isReadOnly else {
            forget()
            return
        }
        // A reader on PostgreSQL reads one snapshot (REPEATABLE READ) for as long as it is open.
        if database.isPostgreSQL { return }
        let version = try database.cached("PRAGMA data_version").scalarInteger() ?? 0
        if version != dataVersion {
            forget()
            dataVersion = version
        }
    }

    func forget() {
        standingRenames.removeAll()
        entityTypes.removeAll(keepingCapacity: true)
        sources.removeAll(keepingCapacity: true)
        dataVersion = nil
    }

    /// What the memo knows of a source: nil when it has not looked it up, `.some(nil)` when the
    /// store does not hold it.
    func knownSource(_ id: String) -> SourceGrade?? { sources[id] }

    func entityType(_ id: String, _ database: Database) throws -> EntityType? {
        if let known = entityTypes[id] { return known }
        if entityTypes.count >= RowMemo.limit { entityTypes.removeAll(keepingCapacity: true) }
        let type: EntityType? = try database.cached("SELECT type FROM entity WHERE id = ?1").scalarText([.text(id)]).map {
            text throws(StoreError) in
            try StoredValue.vocabulary(text, path: database.path, record: "entity \"\(id)\"", field: "type")
        }
        entityTypes[id] = type
        return type
    }

    func source(_ id: String, _ database: Database) throws -> SourceGrade? {
        if let known = sources[id] { return known }
        if sources.count >= RowMemo.limit { sources.removeAll(keepingCapacity: true) }
        let grade = try database.cached("SELECT reliability, published FROM source WHERE id = ?1").firstRow([.text(id)]) { row in
            SourceGrade(
                reliability: try StoredValue.vocabulary(
                    row.string(0), path: database.path, record: "source \"\(id)\"", field: "reliability"),
                published: try StoredValue.date(row, 1, path: database.path, record: "source \"\(id)\"", field: "published"))
        }
        sources[id] = grade
        return grade
    }

    /// Looks up, one statement for each, the types of the entities and the grades of the sources
    /// not remembered yet, so that the claims about to be read find them all here: a batch of
    /// claims costs two lookups, not one per entity and source met for the first time.
    func prefetch(entities: some Collection<String>, sources: some Collection<String>, _ database: Database) throws {
        // Each id is hashed twice: once to mark it not found while listing the new ones, once to
        // record it when the statement finds it. A failure leaves no mark behind.
        do {
            try lookUp(entities: entities, sources: sources, database)
        } catch {
            forget()
            throw error
        }
    }

    private func lookUp(entities: some Collection<String>, sources: some Collection<String>, _ database: Database) throws {
        if entityTypes.count + entities.count > RowMemo.limit { entityTypes.removeAll(keepingCapacity: true) }
        var newEntities: [String] = []
        for id in entities { RowMemo.markUnknown(&entityTypes[id], id, in: &newEntities) }
        if !newEntities.isEmpty {
            try database.cached("SELECT id, type FROM entity WHERE id \(GraphStore.inList(database, of: .text))")
                .forEachRow([GraphStore.jsonArray(newEntities)], atOnce: true) { row in
                    let id = row.string(0)
                    entityTypes.updateValue(
                        try StoredValue.vocabulary(row.string(1), path: database.path, record: "entity \"\(id)\"", field: "type"),
                        forKey: id)
                }
        }
        if self.sources.count + sources.count > RowMemo.limit { self.sources.removeAll(keepingCapacity: true) }
        var newSources: [String] = []
        for id in sources { RowMemo.markUnknown(&self.sources[id], id, in: &newSources) }
        if !newSources.isEmpty {
            // With what each cites: a transmission graph reading on demand finds it here.
            var current: (id: String, grade: SourceGrade)?
            try database.cached(
                GraphStore.sourceGradeQuery(
                    database, columns: "s.id, s.reliability, s.published", condition: GraphStore.inList(database, of: .text))
            ).forEachRow([GraphStore.jsonArray(newSources)], atOnce: true) { row in
                let id = row.string(0)
                if current?.id != id {
                    if let done = current { self.sources.updateValue(done.grade, forKey: done.id) }
                    current = (
                        id,
                        SourceGrade(
                            reliability: try StoredValue.vocabulary(
                                row.string(1), path: database.path, record: "source \"\(id)\"", field: "reliability"),
                            published: try StoredValue.date(
                                row, 2, path: database.path, record: "source \"\(id)\"", field: "published"),
                            cites: [])
                    )
                }
                if let cited = row.text(3) { current?.grade.cites?.append(cited) }
            }
            if let done = current { self.sources.updateValue(done.grade, forKey: done.id) }
        }
    }

    /// Lists `id` in `unknown` and remembers it as not in the store, when the memo does not know
    /// it yet: what the statement about to run finds replaces that.
    private static func markUnknown<Value>(_ entry: inout Value??, _ id: String, in unknown: inout [String]) {
        guard entry == nil else { return }
        entry = .some(nil)
        unknown.append(id)
    }
}
