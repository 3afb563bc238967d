extension GraphStore {
    /// The number of rows in each main table, read in one statement (one snapshot). Each count
    /// reads a whole index once (SQLite keeps no count), so they are read through a reading
    /// connection's page cache: after an import, whose 64 MiB cache the connection keeps, the
    /// pages counted stayed in it for nothing (86 MB for a 3-record import at a million claims).
    public func counts() throws -> (entities: Int, sources: Int, claims: Int, citations: Int) {
        if !database.isPostgreSQL {
            let pageCache = try database.integerPragma("cache_size")
            if pageCache < GraphStore.readingPageCache {
                try database.execute("PRAGMA cache_size = \(GraphStore.readingPageCache)")
                defer { try? database.execute("PRAGMA cache_size = \(pageCache)") }
                return try countRows()
            }
        }
        return try countRows()
    }

    private func countRows() throws -> (entities: Int, sources: Int, claims: Int, citations: Int) {
        let select = try database.prepare(
            "SELECT (SELECT count(*) FROM entity), (SELECT count(*) FROM source), (SELECT count(*) FROM claim), (SELECT count(*) FROM citation)"
        )
        guard try select.step() else { return (0, 0, 0, 0) }
        return (select.int(0), select.int(1), select.int(2), select.int(3))
    }

    /// Whether the store holds no entity and no source (so no claim): asked without counting.
    public func holdsNoRecords() throws -> Bool {
        try database.prepare("SELECT CASE WHEN EXISTS (SELECT 1 FROM entity) OR EXISTS (SELECT 1 FROM source) THEN 0 ELSE 1 END")
            .scalarInteger() == 1
    }

    /// The retracted claims, and the retracted citations of claims that stand.
    public func retractedCounts() throws -> (claims: Int, citations: Int) {
        try database.prepare("SELECT (SELECT count(*) FROM retracted_claim), (SELECT count(*) FROM retracted_citation)")
            .firstRow { ($0.int(0), $0.int(1)) } ?? (0, 0)
    }

    /// A property of entities or sources whose stored values can be counted.
    public enum CountedProperty: Sendable {
        /// ``Entity/type``.
        case entityType
        /// ``Source/type``.
        case sourceType
        /// ``Source/reliability``.
        case sourceReliability
    }

    /// How many rows hold each value of `property`. A value Isnad never writes (another program
    /// wrote it) is an error naming the first row, by id, that holds it, as when that row is read.
    public func countsByValue(of property: CountedProperty) throws -> [String: Int] {
        let (table, column) =
            switch property {
            case .entityType: ("entity", "type")
            case .sourceType: ("source", "type")
            case .sourceReliability: ("source", "reliability")
            }
        var counts: [String: Int] = [:]
        try database.prepare("SELECT \(column), count(*) FROM \(table) GROUP BY \(column)").forEachRow {
            counts[$0.string(0)] = $0.int(1)
        }
        for value in counts.keys.sorted() {
            // Looked up only for the message, when the value is not one Isnad writes.
            let holder = {
                let id = try? self.database.prepare("SELECT id FROM \(table) WHERE \(column) = ?1 ORDER BY id LIMIT 1")
                    .scalarText([.text(value)])
                return "\(table) \"\((id ?? nil) ?? "")\""
            }
            switch property {
            case .entityType: _ = try StoredValue.vocabulary(value, path: path, record: holder(), field: column) as EntityType
            case .sourceType: _ = try StoredValue.vocabulary(value, path: path, record: holder(), field: column) as SourceType
            case .sourceReliability:
                _ = try StoredValue.vocabulary(value, path: path, record: holder(), field: column) as Reliability
            }
        }
        return counts
    }
}
