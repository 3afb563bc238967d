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

    /// A claim the impact names, with what is shown of its weight. Not its ``ClaimWeight``,
    /// whose chains (a relayed source's are long) made a big source's impact hold a kilobyte
    /// or more per claim: 300 MB at a million claims.
    public struct Claim: Sendable {
        public let claimID: String
        public let supportingChannels: Int
        /// The source of its common link, when it has one.
        public let commonLink: String?
        /// Its evidence once its chains are followed (``SupportStrength``), when it has any.
        public let status: Evidence.Status?
        public let bestGrade: String?
        /// How it reads as it stands: status, channels and best grade, as ``SupportStrength``
        /// orders them; nil when it has no citation.
        public let before: SupportStrength.Rank?
        /// For a claim that loses some support: how it reads once what came through the source
        /// is gone (`--exclude-common-link`'s claim, weighed); nil for the other groups.
        public let after: SupportStrength.Rank?

        init(_ weight: ClaimWeight, after: SupportStrength.Rank? = nil) {
            claimID = weight.claimID
            supportingChannels = weight.supportingChannels
            commonLink = weight.commonLink?.source
            status = weight.strength?.evidence.status
            bestGrade = weight.strength?.evidence.bestGrade
            before = weight.strength?.rank
            self.after = after
        }

        /// Whether it reads weaker without the source: its status falls, or its best grade does
        /// (``ClaimStrength``: what a sentence calling it asserted or alleged rests on). Fewer
        /// channels alone is not counted: every claim that loses support may lose one, and
        /// ``after`` shows them.
        public var readsWeaker: Bool {
            guard let before, let after else { return false }
            return before.strength < after.strength
        }
    }

    public let source: String
    /// Claims whose support rests on the source alone: it is their common link, or the
    /// claimant or `via` of every supporting citation. They would be left without support. By id.
    public let restingOnIt: [Claim]
    /// Claims the source is the claimant or `via` of some supporting citations, but not all:
    /// they would keep some support, and lose those citations (and perhaps channels). By id.
    public let losingSupport: [Claim]
    /// Claims not above whose supporting chains reach the source only through `cites`: a
    /// source they rest on relays this one, and may owe them to it; `cites` does not say which
    /// of its words it took from where. (An article citing ten sources puts all ten in the
    /// chain of every claim it makes in its own voice; those claims do not fall with each.) By id.
    public let relayingIt: [Claim]
    /// Claims with support, not among those that fall with it, whose every denying citation the
    /// source makes or carries (claimant or `via`): they would no longer be disputed. By id.
    public let losingDenial: [Claim]
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
        var resting: [SourceImpact.Claim] = []
        var losing: [SourceImpact.Claim] = []
        var relaying: [SourceImpact.Claim] = []
        var undisputed: [SourceImpact.Claim] = []
        var pairs: Set<SourceImpact.EntityPair> = []
        for start in starts.sorted() {
            // By id first, each claim read once: a claim citing the source through thousands of
            // relays was read whole once for each of them.
            for id in try store.claimIDs(citingEitherWay: start) where examined.insert(id).inserted {
                guard let claim = try store.claim(id: id) else { continue }
                let weight = weigh(claim)
                let dependence = SourceImpact.dependence(of: claim, weight, on: source, in: self)
                switch dependence {
                case .whole:
                    resting.append(SourceImpact.Claim(weight))
                    pairs.insert(SourceImpact.EntityPair(claim.claim.subject, claim.claim.object))
                case .partial:
                    // What is left, weighed: the claim as `--exclude-common-link` shows it.
                    let left = claim.leavingOut(whatCameThrough: source, graph: self, weighed: weight)
                    losing.append(SourceImpact.Claim(weight, after: left.flatMap { weigh($0).strength?.rank }))
                case .throughCites: relaying.append(SourceImpact.Claim(weight))
                case .none: break
                }
                let denying = weight.denying.flatMap(\.citations)
                let isDeniedByItAlone =
                    !denying.isEmpty
                    && denying.allSatisfy { position in
                        let citation = claim.citations[position].citation
                        return citation.source == source || citation.via == source
                    }
                // A claim nothing supports is not disputed but unsupported: discrediting its only
                // denier leaves it with no evidence either way, not standing undisputed.
                if isDeniedByItAlone, dependence != .whole, weight.supportingChannels > 0 {
                    undisputed.append(SourceImpact.Claim(weight))
                }
            }
        }
        var isolated: [SourceImpact.EntityPair] = []
        for pair in pairs.sorted() {
            let survives = try store.claims(between: pair.first, and: pair.second).contains { claim in
                let weight = weigh(claim)
                return weight.supportingChannels > 0
                    && SourceImpact.dependence(of: claim, weight, on: source, in: self) != .whole
            }
            if !survives { isolated.append(pair) }
        }
        return SourceImpact(
            source: source, restingOnIt: resting.sorted { $0.claimID < $1.claimID },
            losingSupport: losing.sorted { $0.claimID < $1.claimID },
            relayingIt: relaying.sorted { $0.claimID < $1.claimID },
            losingDenial: undisputed.sorted { $0.claimID < $1.claimID }, isolatedPairs: isolated)
    }
}

extension SourceImpact {
    enum Dependence { case whole, partial, throughCites, none }

    /// How a claim's support depends on `source`: wholly when it is the common link, or when
    /// every supporting citation reached us through it
    /// (``TransmissionGraph/words(of:chain:cameThrough:carried:)``, the rule `--exclude-common-link`
    /// follows too); partly when some did.
    static func dependence(
        of claim: GradedClaim, _ weight: ClaimWeight, on source: String, in graph: TransmissionGraph
    ) -> Dependence {
        let supporting = weight.supporting.flatMap(\.citations)
        guard !supporting.isEmpty else { return .none }
        let carried = claim.claimantsRead(in: source).supporting
        let direct = supporting.filter { position in
            graph.words(
                of: claim.citations[position].citation, chain: weight.chains[position], cameThrough: source,
                carried: carried)
        }
        if weight.commonLink?.source == source || direct.count == supporting.count { return .whole }
        if !direct.isEmpty { return .partial }
        return weight.isSupported(through: source) ? .throughCites : .none
    }
}
