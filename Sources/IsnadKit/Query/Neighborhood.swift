/// The actors within a number of hops of one entity, and the claims that link them.
///
/// Explored breadth-first through the store's subject and object indexes, one entity at a
/// time: the cost follows the size of the neighbourhood, never the size of the store. Only
/// claims that pass the filter are followed.
public struct Neighborhood: Sendable {
    /// The entity explored from.
    public let center: String
    /// Every entity reached, with its distance in hops (the center at 0).
    public private(set) var depths: [String: Int]
    /// The claims followed, in the order they were found.
    public private(set) var claims: [GradedClaim]

    /// Explores up to `depth` hops from `center`.
    /// - Parameters:
    ///   - direction: `.out` follows claims from subject to object, `.in` from object to subject,
    ///     `.both` either way (symmetric predicates are always followed both ways).
    ///   - graph: the store's transmission graph, when the caller has read it already (filters
    ///     that weigh claims need it; else it is read when first needed).
    public init(
        store: GraphStore, center: String, depth: Int, direction: GraphStore.Direction = .both,
        filter: GraphFilter = GraphFilter(), graph: TransmissionGraph? = nil
    ) throws {
        self.center = center
        let adjacency = Adjacency(
            store: store, filter: filter, direction: direction,
            transmission: TransmissionGraph.Deferred(store: store, graph: graph))
        // A claim between two entities of the neighbourhood is met from both ends but kept
        // once. Claims met by their rows are read whole at the end, in one batch.
        var followed: [GradedClaim] = []
        var seenClaims: Set<String> = []
        var rows: [Int64] = []
        var seenRows: Set<Int64> = []
        depths = try Neighborhood.breadthFirst(from: center, depth: depth) { entity, reach in
            try adjacency.forEachStep(from: entity) { step in
                switch step.claim {
                case .row(let row):
                    if seenRows.insert(row).inserted { rows.append(row) }
                case .whole(let claim):
                    if seenClaims.insert(claim.claim.id).inserted { followed.append(claim) }
                }
                reach(step.other)
            }
        }
        if !rows.isEmpty {
            followed.reserveCapacity(rows.count)
            try store.forEachClaim(rows: rows) { followed.append($0) }
        }
        claims = followed
    }

    /// Breadth-first from `center`, `depth` hops at most: `expand(entity, reach)` must call
    /// `reach` with the other end of each claim of `entity` that it follows. The entities of one
    /// hop are expanded in id order. Returns every entity reached with its distance.
    private static func breadthFirst(
        from center: String, depth: Int, _ expand: (_ entity: String, _ reach: (String) -> Void) throws -> Void
    ) throws -> [String: Int] {
        var depths = [center: 0]
        var frontier = [center]
        for hop in 0..<max(0, depth) {
            var next: [String] = []
            for entity in frontier {
                try expand(entity) { other in
                    if depths[other] == nil {
                        depths[other] = hop + 1
                        next.append(other)
                    }
                }
            }
            frontier = next.sorted()
            if frontier.isEmpty { break }
        }
        return depths
    }
}
