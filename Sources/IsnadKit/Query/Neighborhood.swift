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
                    let isSymmetric = store.vocabulary[kept.claim.predicate]?.isSymmetric ?? false
                    let other = isOutgoing ? kept.claim.object : kept.claim.subject
                    if isOuterEdge {
                        // Only edges among entities already reached.
                        guard depths[other] != nil else { continue }
                    } else if !isSymmetric {
                        if direction == .out, !isOutgoing { continue }
                        if direction == .in, isOutgoing { continue }
                    }
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
