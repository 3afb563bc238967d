/// Counts that describe a store: how many of each kind of thing, and how strong its evidence.
public struct Statistics: Sendable {
    /// A labelled count, in a fixed order.
    public struct Count: Sendable, Equatable {
        public let key: String
        public let count: Int
    }

    public var entitiesByType: [Count] = []
    public var sourcesByType: [Count] = []
    public var sourcesByReliability: [Count] = []
    /// Claims that pass the filter.
    public var claims = 0
    public var claimsByPredicate: [Count] = []
    public var claimsByStatus: [Count] = []
    public var citations = 0
    public var citationsByStance: [Count] = []
    public var citationsByCredibility: [Count] = []

    /// Reads the counts. Claims and citations are counted as `filter` shows them; statuses are
    /// the capped ones (``SupportStrength``), as every output shows them. The ends and predicate
    /// of every claim the filter takes that some citation supports are also given to `eachLink`, in id
    /// order, so that another summary of the claims (``Centrality/Links``) is gathered in the
    /// same pass instead of a second one.
    /// - Parameter graph: the store's transmission graph (``TransmissionGraph/init(store:)``),
    ///   when the caller has read it already. A graph that reads on demand is not used: a pass
    ///   over every claim reads every source anyway, and it could be used by one thread only.
    public init(
        store: GraphStore, filter: GraphFilter = GraphFilter(), graph: TransmissionGraph? = nil,
        eachLink: (_ subject: String, _ predicate: String, _ object: String) -> Void = { _, _, _ in }
    ) throws {
        let graph = try graph.flatMap { $0.readsOnDemand ? nil : $0 } ?? TransmissionGraph(store: store)
        entitiesByType = Statistics.ordered(try store.countsByValue(of: .entityType), EntityType.allCases.map(\.rawValue))
        sourcesByType = Statistics.ordered(try store.countsByValue(of: .sourceType), SourceType.allCases.map(\.rawValue))
        sourcesByReliability = Statistics.ordered(
            try store.countsByValue(of: .sourceReliability), Reliability.allCases.map(\.rawValue))
        var predicates: [String: Int] = [:]
        var statuses: [Evidence.Status: Int] = [:]
        var stances: [Stance: Int] = [:]
        var credibilities: [Credibility: Int] = [:]
        try store.forEachWeighedClaim(filter: filter, graph: graph) { kept, weight in
            // A link for centrality only where some citation supports it (as for `path`).
            if weight.supportingChannels > 0 { eachLink(kept.claim.subject, kept.claim.predicate, kept.claim.object) }
            guard let evidence = weight.strength?.evidence else { return }
            claims += 1
            predicates[kept.claim.predicate, default: 0] += 1
            statuses[evidence.status, default: 0] += 1
            for cited in kept.citations {
                citations += 1
                stances[cited.citation.stance, default: 0] += 1
                credibilities[cited.citation.credibility, default: 0] += 1
            }
        }
        claimsByPredicate = predicates.map { Count(key: $0.key, count: $0.value) }
            .sorted { ($1.count, $0.key) < ($0.count, $1.key) }
        claimsByStatus = Evidence.Status.allCases.map { Count(key: $0.rawValue, count: statuses[$0] ?? 0) }
        citationsByStance = Stance.allCases.map { Count(key: $0.rawValue, count: stances[$0] ?? 0) }
        citationsByCredibility = Credibility.allCases.map { Count(key: String($0.rawValue), count: credibilities[$0] ?? 0) }
    }

    public var entities: Int { entitiesByType.reduce(0) { $0 + $1.count } }
    public var sources: Int { sourcesByType.reduce(0) { $0 + $1.count } }

    /// Known keys in their natural order, with zeros, then any other keys.
    private static func ordered(_ counts: [String: Int], _ order: [String]) -> [Count] {
        order.map { Count(key: $0, count: counts[$0] ?? 0) }
            + counts.keys.filter { !order.contains($0) }.sorted().map { Count(key: $0, count: counts[$0] ?? 0) }
    }
}
