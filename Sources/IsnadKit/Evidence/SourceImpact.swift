/// What would change if a source were discredited: the answer to `isnad source ID --impact`.
public struct SourceImpact: Sendable {
    /// Two entities, in id order.
    public struct EntityPair: Hashable, Sendable, Comparable {
        public let first: String
        public let second: String

        public init(_ a: String, _ b: String) { (first, second) = a <= b ? (a, b) : (b, a) }

        public static func < (lhs: EntityPair, rhs: EntityPair) -> Bool {
            (lhs.first, lhs.second) < (rhs.first, rhs.second)
        }
    }

    public let source: String
    /// Claims with support, every supporting chain of which contains the source: they would
    /// be left without support (the source is their common link, or lies behind it). By id.
    public let restingOnIt: [ClaimWeight]
    /// Claims some but not all of whose supporting chains contain the source: they would
    /// keep some support, and lose some channels or citations. By id.
    public let losingSupport: [ClaimWeight]
    /// Pairs of entities between which every claim with support rests on the source: they
    /// would be left with no supported claim between them at all.
    public let isolatedPairs: [EntityPair]
}

extension TransmissionGraph {
    /// The impact of discrediting `source`. Reads only the claims whose citations name the
    /// source or a source that relays it (directly or not), then the claims between their entities.
    public func impact(of source: String, in store: GraphStore) throws -> SourceImpact {
        // A chain contains `source` only if its claimant or via is `source` or relays it.
        var starts: Set<String> = [source]
        for link in try TransmissionChain(of: source, .relayedBy, in: store).links { starts.insert(link.id) }
        var examined: Set<String> = []
        var resting: [ClaimWeight] = []
        var losing: [ClaimWeight] = []
        var pairs: Set<SourceImpact.EntityPair> = []
        for start in starts.sorted() {
            for (_, claim) in try store.claims(citing: start) where examined.insert(claim.claim.id).inserted {
                let weight = weigh(claim)
                if weight.restsEntirely(on: source) {
                    resting.append(weight)
                    pairs.insert(SourceImpact.EntityPair(claim.claim.subject, claim.claim.object))
                } else if weight.isSupported(through: source) {
                    losing.append(weight)
                }
            }
        }
        var isolated: [SourceImpact.EntityPair] = []
        for pair in pairs.sorted() {
            let survives = try store.claims(between: pair.first, and: pair.second).contains { claim in
                let weight = weigh(claim)
                return weight.supportingChannels > 0 && !weight.restsEntirely(on: source)
            }
            if !survives { isolated.append(pair) }
        }
        return SourceImpact(
            source: source, restingOnIt: resting.sorted { $0.claimID < $1.claimID },
            losingSupport: losing.sorted { $0.claimID < $1.claimID }, isolatedPairs: isolated)
    }
}
