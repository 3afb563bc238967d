/// What reading claims looks up again and again — the type of each entity at a claim's ends,
/// the reliability and date of each source cited — remembered after the first lookup, so that
/// a claim is read with two index lookups (its row, its citations) instead of a dozen joins.
///
/// Forgotten whenever the store may have changed: after a write through this connection, or,
/// outside a transaction, a commit by another one (`PRAGMA data_version`). Bounded: it starts
/// over when it holds too many entries, so memory stays flat however large the store.
final class RowMemo {
    /// A source as its citations need it.
    struct SourceGrade {
        let reliability: Reliability
        let published: PartialDate?
    }

    private static let limit = 1 << 19
    private var entityTypes: [String: EntityType?] = [:]
    private var sources: [String: SourceGrade?] = [:]
    private var stamp: (changes: Int64, dataVersion: Int64)?

    /// Forgets everything if the store may have changed since the last call.
    func validate(_ database: Database) throws {
        // Inside a transaction the snapshot cannot change under us, only through our own writes.
        let dataVersion = database.isAutocommit ? try database.cached("PRAGMA data_version").scalarInteger() ?? 0 : stamp?.dataVersion ?? 0
        let now = (changes: database.totalChanges, dataVersion: dataVersion)
        if let stamp, stamp == now { return }
        forget()
        stamp = now
    }

    func forget() {
        entityTypes.removeAll(keepingCapacity: true)
        sources.removeAll(keepingCapacity: true)
        stamp = nil
    }

    func entityType(_ id: String, _ database: Database) throws -> EntityType? {
        if let known = entityTypes[id] { return known }
        if entityTypes.count >= RowMemo.limit { entityTypes.removeAll(keepingCapacity: true) }
        let type = try database.cached("SELECT type FROM entity WHERE id = ?1").scalarText([.text(id)]).flatMap(EntityType.init(rawValue:))
        entityTypes[id] = type
        return type
    }

    func source(_ id: String, _ database: Database) throws -> SourceGrade? {
        if let known = sources[id] { return known }
        if sources.count >= RowMemo.limit { sources.removeAll(keepingCapacity: true) }
        let select = try database.cached("SELECT reliability, published FROM source WHERE id = ?1")
        try select.bind([.text(id)])
        let grade =
            try select.step()
            ? SourceGrade(
                reliability: Reliability(rawValue: select.string(0)) ?? .f,
                published: select.text(1).flatMap { try? PartialDate(parsing: $0) }) : nil
        sources[id] = grade
        return grade
    }
}
