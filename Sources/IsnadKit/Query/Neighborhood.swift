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

    /// Entities in the order they were reached: by depth, then id.
    public var entitiesByDepth: [(id: String, depth: Int)] {
        depths.map { (id: $0.key, depth: $0.value) }.sorted { ($0.depth, $0.id) < ($1.depth, $1.id) }
    }

    /// Explores up to `depth` hops from `center`.
    /// - Parameters:
    ///   - direction: `.out` follows claims from subject to object, `.in` from object to subject,
    ///     `.both` either way (symmetric predicates are always followed both ways).
    public init(
        store: GraphStore, center: String, depth: Int, direction: GraphStore.Direction = .both,
        filter: GraphFilter = GraphFilter()
    ) throws {
        self.center = center
        depths = [center: 0]
        claims = []
        if filter.needsEvidence {
            try exploreReadingClaims(store, depth, direction, filter)
        } else {
            try exploreThroughIndexes(store, depth, direction, filter)
        }
    }

    /// Whether a claim is followed from the entity that is its subject (`isOutgoing`) or object.
    private static func follows(isOutgoing: Bool, predicate: String, _ direction: GraphStore.Direction, _ store: GraphStore)
        -> Bool
    {
        if direction == .both || store.vocabulary[predicate]?.isSymmetric == true { return true }
        return (direction == .out) == isOutgoing
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

    /// When the filter needs no citation, the exploration reads the subject and object indexes
    /// only; each claim reached is then read whole once, by its row. A claim between two
    /// entities of the neighbourhood is met from both ends but read once.
    private mutating func exploreThroughIndexes(
        _ store: GraphStore, _ depth: Int, _ direction: GraphStore.Direction, _ filter: GraphFilter
    ) throws {
        var rows: [Int64] = []
        var seenRows: Set<Int64> = []
        depths = try Neighborhood.breadthFirst(from: center, depth: depth) { entity, reach in
            try store.forEachLink(of: entity, withDates: filter.needsLinkDetails) { link in
                guard Neighborhood.follows(isOutgoing: link.isSubject, predicate: link.predicate, direction, store),
                    try filter.admitsShape(of: link, from: entity, in: store)
                else { return }
                if seenRows.insert(link.row).inserted { rows.append(link.row) }
                reach(link.other)
            }
        }
        var read: [GradedClaim] = []
        read.reserveCapacity(rows.count)
        try store.forEachClaim(rows: rows) { read.append($0) }
        claims = read
    }

    /// Evidence filters decide which claims are followed, so every claim met is read whole.
    private mutating func exploreReadingClaims(
        _ store: GraphStore, _ depth: Int, _ direction: GraphStore.Direction, _ filter: GraphFilter
    ) throws {
        var seenClaims: Set<String> = []
        var followed: [GradedClaim] = []
        depths = try Neighborhood.breadthFirst(from: center, depth: depth) { entity, reach in
            try store.forEachClaim(of: entity) { claim in
                guard let kept = filter.apply(claim, vocabulary: store.vocabulary) else { return }
                let isOutgoing = kept.claim.subject == entity
                guard Neighborhood.follows(isOutgoing: isOutgoing, predicate: kept.claim.predicate, direction, store) else {
                    return
                }
                if seenClaims.insert(kept.claim.id).inserted { followed.append(kept) }
                reach(isOutgoing ? kept.claim.object : kept.claim.subject)
            }
        }
        claims = followed
    }
}
