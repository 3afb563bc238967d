/// The entities or the sources of a store, in id order, streamed, with how many claims each takes
/// part in or supports: what `isnad entities` and `isnad sources` list.
extension GraphStore {
    /// An entity as a listing shows it.
    public struct ListedEntity {
        public let entity: Entity
        /// The claims it is the subject or the object of (a retracted claim is not among them), as
        /// `search` counts them.
        public let claims: Int
    }

    /// A source as a listing shows it: without its text (which may be an archive) unless asked.
    public struct ListedSource {
        public let source: Source
        /// The claims that cite it as claimant or as `via`, each once (a retracted claim or citation
        /// is not among them).
        public let claims: Int
    }

    /// How many entities are of one of `types` (every entity when empty).
    public func countEntities(ofTypes types: [EntityType]) throws -> Int {
        try count("entity", where: types.map(\.rawValue), in: "type")
    }

    /// How many sources are of one of `types` and graded one of `grades` (each: any when empty).
    public func countSources(ofTypes types: [SourceType], graded grades: [Reliability]) throws -> Int {
        try count(
            "source", where: types.map(\.rawValue), in: "type", and: grades.map(\.rawValue), in: "reliability")
    }

    /// The entities of one of `types` (every one when empty), in id order, the first `limit`
    /// (every one when nil): read through the entity cursor, a page at a time, so that memory stays
    /// flat however many there are.
    public func forEachEntity(ofTypes types: [EntityType], limit: Int?, _ body: (ListedEntity) throws -> Void) throws {
        let wanted = Set(types)
        var listed = 0
        try stopping {
            try forEachEntity { entity in
                guard wanted.isEmpty || wanted.contains(entity.type) else { return }
                if let limit, listed >= limit { throw ListingStopped() }
                listed += 1
                try body(ListedEntity(entity: entity, claims: try claimCount(of: entity.id)))
            }
        }
    }

    /// The sources of one of `types`, graded one of `grades` (each: any when empty), in id order,
    /// the first `limit` (every one when nil), with their texts only when `withText`: streamed, as
    /// entities are.
    public func forEachSource(
        ofTypes types: [SourceType], graded grades: [Reliability], limit: Int?, withText: Bool = false,
        _ body: (ListedSource) throws -> Void
    ) throws {
        let wantedTypes = Set(types)
        let wantedGrades = Set(grades)
        var listed = 0
        try stopping {
            try forEachSource(withText: withText) { source in
                guard wantedTypes.isEmpty || wantedTypes.contains(source.type),
                    wantedGrades.isEmpty || wantedGrades.contains(source.reliability)
                else { return }
                if let limit, listed >= limit { throw ListingStopped() }
                listed += 1
                try body(ListedSource(source: source, claims: try countClaims(citingEitherWay: source.id)))
            }
        }
    }

    /// Thrown past the cursor once a listing has what it asked for: the statements reset.
    private struct ListingStopped: Error {}

    private func stopping(_ body: () throws -> Void) throws {
        do { try body() } catch is ListingStopped {}
    }

    private func count(
        _ table: String, where values: [String], in column: String, and others: [String] = [], in otherColumn: String = ""
    ) throws -> Int {
        var conditions: [String] = []
        var bindings: [Statement.Value] = []
        for (values, column) in [(values, column), (others, otherColumn)] where !values.isEmpty {
            let first = bindings.count + 1
            conditions.append(
                "\(column) IN (\(values.indices.map { "?\(first + $0)" }.joined(separator: ", ")))")
            bindings += values.map { .text($0) }
        }
        let condition = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return Int(try database.prepare("SELECT count(*) FROM \(table)\(condition)").scalarInteger(bindings) ?? 0)
    }
}
