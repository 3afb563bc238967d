extension GraphStore {
    /// The number of rows in each main table, read in one statement (one snapshot).
    public func counts() throws -> (entities: Int, sources: Int, claims: Int, citations: Int) {
        let select = try database.prepare(
            "SELECT (SELECT count(*) FROM entity), (SELECT count(*) FROM source), (SELECT count(*) FROM claim), (SELECT count(*) FROM citation)"
        )
        guard try select.step() else { return (0, 0, 0, 0) }
        return (select.int(0), select.int(1), select.int(2), select.int(3))
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

    /// How many rows hold each value of `property`, as stored (a value that another tool wrote
    /// and Isnad does not know is counted under its own text).
    public func countsByValue(of property: CountedProperty) throws -> [String: Int] {
        let sql =
            switch property {
            case .entityType: "SELECT type, count(*) FROM entity GROUP BY type"
            case .sourceType: "SELECT type, count(*) FROM source GROUP BY type"
            case .sourceReliability: "SELECT reliability, count(*) FROM source GROUP BY reliability"
            }
        var counts: [String: Int] = [:]
        try database.prepare(sql).forEachRow { counts[$0.string(0)] = $0.int(1) }
        return counts
    }
}
