/// What the exchange formats (STIX, FollowTheMoney) ask of the store beyond reading records.
extension GraphStore {
    /// The predicates whose subject is taken to be an armed group (see ``isArmedGroup(_:)``).
    public static let armedGroupPredicates = [
        "attacked", "carried_out", "claimed_responsibility_for", "killed", "supplied_weapons_to", "smuggled_weapons_for",
        "military_wing_of",
    ]

    /// Whether the organization `id` is, by the claims about it, an armed group: the subject of
    /// a claim of violence (`attacked`, `carried_out`, `claimed_responsibility_for`, `killed`),
    /// of arms (`supplied_weapons_to`, `smuggled_weapons_for`) or of `military_wing_of`, or the
    /// object of `military_wing_of` (it has one). Two index lookups, no memory kept.
    public func isArmedGroup(_ id: String) throws -> Bool {
        let placeholders = GraphStore.armedGroupPredicates.indices.map { "?\($0 + 2)" }.joined(separator: ", ")
        let select = try database.cached(
            """
            SELECT EXISTS (SELECT 1 FROM claim WHERE subject = ?1 AND predicate IN (\(placeholders)))
                OR EXISTS (SELECT 1 FROM claim WHERE object = ?1 AND predicate = 'military_wing_of')
            """)
        let values: [Statement.Value] = [.text(id)] + GraphStore.armedGroupPredicates.map { .text($0) }
        return try select.firstRow(values) { $0.int(0) != 0 } ?? false
    }

    /// The ids of the claims that cite `source`, as claimant or as `via`, in id order, streamed.
    public func forEachClaimID(citing source: String, _ body: (String) throws -> Void) throws {
        let select = try database.cached(
            """
            SELECT claim FROM citation WHERE source = ?1
            UNION SELECT claim FROM citation WHERE via = ?1
            ORDER BY 1
            """)
        try select.forEachRow([.text(source)]) { try body($0.string(0)) }
    }
}
