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
    /// the capped ones (``SupportStrength``), as every output shows them.
    public init(store: GraphStore, filter: GraphFilter = GraphFilter(), graph: TransmissionGraph? = nil) throws {
        let graph = try graph ?? TransmissionGraph(store: store)
        entitiesByType = Statistics.ordered(try store.countsByValue(of: .entityType), EntityType.allCases.map(\.rawValue))
        sourcesByType = Statistics.ordered(try store.countsByValue(of: .sourceType), SourceType.allCases.map(\.rawValue))
        sourcesByReliability = Statistics.ordered(
            try store.countsByValue(of: .sourceReliability), Reliability.allCases.map(\.rawValue))
        var predicates: [String: Int] = [:]
        var statuses: [String: Int] = [:]
        var stances: [String: Int] = [:]
        var credibilities: [String: Int] = [:]
        try store.forEachClaim { graded in
            guard let kept = filter.apply(graded, vocabulary: store.vocabulary, graph: graph),
                let evidence = graph.weigh(kept).strength?.evidence
            else { return }
            claims += 1
            predicates[kept.claim.predicate, default: 0] += 1
            statuses[evidence.status.rawValue, default: 0] += 1
            for cited in kept.citations {
                citations += 1
                stances[cited.citation.stance.rawValue, default: 0] += 1
                credibilities[String(cited.citation.credibility.rawValue), default: 0] += 1
            }
        }
        claimsByPredicate = predicates.map { Count(key: $0.key, count: $0.value) }
            .sorted { ($1.count, $0.key) < ($0.count, $1.key) }
        claimsByStatus = Statistics.ordered(statuses, Evidence.Status.allCases.map(\.rawValue))
        citationsByStance = Statistics.ordered(stances, Stance.allCases.map(\.rawValue))
        citationsByCredibility = Statistics.ordered(credibilities, Credibility.allCases.map { String($0.rawValue) })
    }

    public var entities: Int { entitiesByType.reduce(0) { $0 + $1.count } }
    public var sources: Int { sourcesByType.reduce(0) { $0 + $1.count } }

    /// Known keys in their natural order, with zeros, then any other keys.
    private static func ordered(_ counts: [String: Int], _ order: [String]) -> [Count] {
        order.map { Count(key: $0, count: counts[$0] ?? 0) }
            + counts.keys.filter { !order.contains($0) }.sorted().map { Count(key: $0, count: counts[$0] ?? 0) }
    }
}
