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
    /// The claims followed (and, when `induced`, those between entities at the outer edge), in
    /// the order they were found.
    public private(set) var claims: [GradedClaim]

    /// Entities in the order they were reached: by depth, then id.
    public var entitiesByDepth: [(id: String, depth: Int)] {
        depths.map { (id: $0.key, depth: $0.value) }.sorted { ($0.depth, $0.id) < ($1.depth, $1.id) }
    }

    /// Explores up to `depth` hops from `center`.
    /// - Parameters:
    ///   - direction: `.out` follows claims from subject to object, `.in` from object to subject,
    ///     `.both` either way (symmetric predicates are always followed both ways).
    ///   - induced: also include the claims between two entities at the outer edge, so that the
    ///     result is the whole subgraph among the entities reached (what a picture should show).
    public init(
        store: GraphStore, center: String, depth: Int, direction: GraphStore.Direction = .both,
        filter: GraphFilter = GraphFilter(), induced: Bool = false
    ) throws {
        self.center = center
        depths = [center: 0]
        claims = []
        if filter.needsEvidence {
            try exploreReadingClaims(store, depth, direction, filter, induced)
        } else {
            try exploreThroughIndexes(store, depth, direction, filter, induced)
        }
    }

    /// Whether a claim from `entity` to `other` is followed at this hop.
    private func follows(
        isOutgoing: Bool, predicate: String, to other: String, isOuterEdge: Bool, _ direction: GraphStore.Direction,
        _ store: GraphStore
    ) -> Bool {
        // At the outer edge, only claims among entities already reached.
        if isOuterEdge { return depths[other] != nil }
        if direction == .both || store.vocabulary[predicate]?.isSymmetric == true { return true }
        return (direction == .out) == isOutgoing
    }

    /// When the filter needs no citation, the exploration reads the subject and object indexes
    /// only; each claim reached is then read whole once, by its row. A claim between two
    /// entities of the neighbourhood is met from both ends but read once.
    private mutating func exploreThroughIndexes(
        _ store: GraphStore, _ depth: Int, _ direction: GraphStore.Direction, _ filter: GraphFilter, _ induced: Bool
    ) throws {
        var rows: [Int64] = []
        var seenRows: Set<Int64> = []
        var frontier = [center]
        for hop in 0...max(0, depth) {
            let isOuterEdge = hop == depth
            if isOuterEdge, !induced { break }
            var next: [String] = []
            for entity in frontier {
                try store.forEachLink(of: entity, withDates: filter.needsLinkDetails) { link in
                    guard
                        follows(
                            isOutgoing: link.isSubject, predicate: link.predicate, to: link.other, isOuterEdge: isOuterEdge,
                            direction, store),
                        try filter.admitsShape(of: link, from: entity, in: store)
                    else { return }
                    if seenRows.insert(link.row).inserted { rows.append(link.row) }
                    if depths[link.other] == nil {
                        depths[link.other] = hop + 1
                        next.append(link.other)
                    }
                }
            }
            frontier = next.sorted()
            if frontier.isEmpty { break }
        }
        claims.reserveCapacity(rows.count)
        for row in rows {
            if let claim = try store.claim(row: row) { claims.append(claim) }
        }
    }

    /// Evidence filters decide which claims are followed, so every claim met is read whole.
    private mutating func exploreReadingClaims(
        _ store: GraphStore, _ depth: Int, _ direction: GraphStore.Direction, _ filter: GraphFilter, _ induced: Bool
    ) throws {
        var seenClaims: Set<String> = []
        var frontier = [center]
        for hop in 0...max(0, depth) {
            let isOuterEdge = hop == depth
            if isOuterEdge, !induced { break }
            var next: [String] = []
            for entity in frontier {
                for claim in try store.claims(of: entity, direction: .both, ordered: false) {
                    guard let kept = filter.apply(claim, vocabulary: store.vocabulary) else { continue }
                    let isOutgoing = kept.claim.subject == entity
                    let other = isOutgoing ? kept.claim.object : kept.claim.subject
                    guard
                        follows(
                            isOutgoing: isOutgoing, predicate: kept.claim.predicate, to: other, isOuterEdge: isOuterEdge,
                            direction, store)
                    else { continue }
                    if seenClaims.insert(kept.claim.id).inserted { claims.append(kept) }
                    if depths[other] == nil {
                        depths[other] = hop + 1
                        next.append(other)
                    }
                }
            }
            frontier = next.sorted()
            if frontier.isEmpty { break }
        }
    }
}
