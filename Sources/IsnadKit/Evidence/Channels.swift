/// One group of a claim's citations that are not independent of each other: citations whose
/// chains share a source, and the citations those share sources with, and so on (a connected
/// component). Citations in different channels share no source at all.
public struct Channel: Hashable, Sendable {
    /// Positions of the channel's citations in the claim's `citations`, in order.
    public let citations: [Int]
    /// The chains of the channel's citations, each distinct chain once.
    private let chains: [Chain]
    /// The source every chain of the channel passes through, nearest to the reader; nil when
    /// the chains overlap pairwise but no single source is in all of them.
    public let commonLink: CommonLink?
    /// For each citation (by position) whose chain overlaps another chain of the channel, the
    /// weakest grade among the sources nearest to the reader that it shares with each of them
    /// (``TransmissionGraph/sharedCeilings(of:distinct:slots:)``): a citation is never graded
    /// above what it shares with the rest of its channel, whether or not one source is in all.
    public let sharedCeilings: [Int: Reliability]

    init(citations: [Int], chains: [Chain], commonLink: CommonLink?, sharedCeilings: [Int: Reliability] = [:]) {
        self.citations = citations
        self.chains = chains
        self.commonLink = commonLink
        self.sharedCeilings = sharedCeilings
    }

    /// Every source in any of the channel's chains.
    public var sources: Set<String> { Set(chains.flatMap(\.depths.keys)) }

    public static func == (lhs: Channel, rhs: Channel) -> Bool {
        lhs.citations == rhs.citations && lhs.commonLink == rhs.commonLink && lhs.sources == rhs.sources
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(citations)
        hasher.combine(commonLink)
    }
}

/// What a claim's citations add up to once their chains are followed: how many independent
/// channels support it and deny it, the source all its support passes through, and its
/// strength with that source's grade as a ceiling.
public struct ClaimWeight: Hashable, Sendable {
    public let claimID: String
    /// Channels of the asserting and reporting citations, in order of their first citation.
    public let supporting: [Channel]
    /// Channels of the denying citations, counted apart: a denial never joins a channel of support.
    public let denying: [Channel]
    /// The chain of each citation, by position in the claim's `citations`.
    public let chains: [Chain]
    /// The strength of the claim with each channel capped by its common link; nil when the
    /// claim has no citation.
    public let strength: SupportStrength?

    /// The number of independent channels of support.
    public var supportingChannels: Int { supporting.count }
    /// The number of independent channels of denial.
    public var denyingChannels: Int { denying.count }

    /// The source present in every supporting chain, nearest to the reader: the supporting
    /// channel's common link when there is exactly one channel, nil otherwise (two channels
    /// share no source, by definition).
    public var commonLink: CommonLink? { supporting.count == 1 ? supporting[0].commonLink : nil }

    /// Whether some supporting chain contains `source`.
    public func isSupported(through source: String) -> Bool {
        supporting.contains { channel in channel.citations.contains { chains[$0].contains(source) } }
    }
}

extension TransmissionGraph {
    /// The claim's channels, common links and capped strength.
    public func weigh(_ claim: GradedClaim) -> ClaimWeight {
        var chains: [Chain] = []
        chains.reserveCapacity(claim.citations.count)
        var supportPositions: [Int] = []
        var denialPositions: [Int] = []
        for (position, cited) in claim.citations.enumerated() {
            chains.append(chain(of: cited.citation))
            if cited.citation.stance == .denies {
                denialPositions.append(position)
            } else {
                supportPositions.append(position)
            }
        }
        let supporting = channels(of: supportPositions, chains: chains)
        let denying = channels(of: denialPositions, chains: chains)
        let strength = SupportStrength(
            claim: claim, supporting: supporting, denying: denying, reliability: reliability(of:),
            carriers: carriers(of:to:))
        return ClaimWeight(
            claimID: claim.claim.id, supporting: supporting, denying: denying, chains: chains, strength: strength)
    }

    /// Connected components of the citations at `positions`, joined when their chains share a source.
    func channels(of positions: [Int], chains: [Chain]) -> [Channel] {
        guard let first = positions.first else { return [] }
        // The common case: one citation, or citations that all share one claimant and via. A
        // chain is never empty (it holds its claimant), so they make one channel, whose common
        // link is the chain's nearest source.
        let serial = chains[first].serial
        if positions.count == 1 || (serial >= 0 && positions.allSatisfy { chains[$0].serial == serial }) {
            let chain = chains[first]
            return [Channel(citations: positions, chains: [chain], commonLink: commonLink(alone: chain))]
        }
        // The distinct chains, in order of first citation, and which one each position has.
        var distinct: [Chain] = []
        var chainOf: [Int] = []
        chainOf.reserveCapacity(positions.count)
        // Looked up in the list while it is short, by serial once it is long (a claim with tens
        // of thousands of claimants otherwise took seconds).
        var indexBySerial: [Int: Int]?
        func index(ofSerial serial: Int) -> Int? {
            if let indexBySerial { return indexBySerial[serial] }
            return distinct.firstIndex { $0.serial == serial }
        }
        for position in positions {
            let chain = chains[position]
            if chain.serial >= 0, let index = index(ofSerial: chain.serial) {
                chainOf.append(index)
            } else {
                // A chain not made by this graph (serial -1) is numbered here.
                distinct.append(
                    chain.serial >= 0 ? chain : Chain(serial: -1, numbered: numbered(chain.depths)))
                chainOf.append(distinct.count - 1)
                if chain.serial >= 0 { indexBySerial?[chain.serial] = distinct.count - 1 }
                if indexBySerial == nil, distinct.count > 16 {
                    var built: [Int: Int] = [:]
                    for (index, held) in distinct.enumerated() where held.serial >= 0 && built[held.serial] == nil {
                        built[held.serial] = index
                    }
                    indexBySerial = built
                }
            }
        }
        // Held locally while the claim is weighed: one array, no exclusivity check per access.
        var slots = self.slots
        self.slots = []
        defer { self.slots = slots }
        // Union–find over the distinct chains; each source joins the first chain that reached it.
        var parent = Array(distinct.indices)
        func root(_ index: Int) -> Int {
            var current = index
            while parent[current] != current { current = parent[current] }
            var walk = index
            while parent[walk] != current {
                let next = parent[walk]
                parent[walk] = current
                walk = next
            }
            return current
        }
        for (index, chain) in distinct.enumerated() {
            for source in chain.numbered {
                let owner = slots[Int(source.number)].owner
                if owner == 0 {
                    slots[Int(source.number)].owner = Int32(index + 1)
                } else {
                    let (a, b) = (root(Int(owner) - 1), root(index))
                    if a != b { parent[max(a, b)] = min(a, b) }
                }
            }
        }
        for chain in distinct { for source in chain.numbered { slots[Int(source.number)].owner = 0 } }
        // Groups in order of their first citation; a group's members in position order.
        var groupOfRoot = [Int](repeating: -1, count: distinct.count)
        var members: [[Int]] = []
        var groupChains: [[Chain]] = []
        for (offset, position) in positions.enumerated() {
            let chainIndex = chainOf[offset]
            let group = root(chainIndex)
            if groupOfRoot[group] < 0 {
                groupOfRoot[group] = members.count
                members.append([])
                groupChains.append([])
            }
            members[groupOfRoot[group]].append(position)
        }
        var groupDistinct: [[Int]] = Array(repeating: [], count: members.count)
        for (index, chain) in distinct.enumerated() {
            groupChains[groupOfRoot[root(index)]].append(chain)
            groupDistinct[groupOfRoot[root(index)]].append(index)
        }
        var distinctOfPosition: [Int: Int] = [:]
        for (offset, position) in positions.enumerated() { distinctOfPosition[position] = chainOf[offset] }
        return members.indices.map { group in
            let memberChains = groupChains[group]
            guard memberChains.count > 1 else {
                return Channel(citations: members[group], chains: memberChains, commonLink: commonLink(alone: memberChains[0]))
            }
            let link = commonLink(ofAll: memberChains, slots: &slots)
            let ceilingOfChain = sharedCeilings(of: groupDistinct[group], distinct: distinct, slots: &slots)
            var ceilings: [Int: Reliability] = [:]
            for position in members[group] {
                if let chain = distinctOfPosition[position], let ceiling = ceilingOfChain[chain] { ceilings[position] = ceiling }
            }
            return Channel(citations: members[group], chains: memberChains, commonLink: link, sharedCeilings: ceilings)
        }
    }

    /// The most distinct chains whose every two are compared; in a larger channel (thousands of
    /// outlets relaying one wire) a chain is capped by every source another chain holds, which
    /// is never stronger than the pairwise cap, so that crossing the bound lowers nothing.
    static let pairwiseChainsAtMost = 64

    /// For each of the `indices` (distinct chains of one channel), the weakest grade among the
    /// common links it has with each other chain it overlaps: so that two chains that meet in
    /// a weak source stay capped by it when a third chain joins the channel elsewhere and no
    /// single source is in all (one more citation never lifts a grade). Over
    /// ``pairwiseChainsAtMost`` chains, the weakest of all the sources another chain holds.
    func sharedCeilings(of indices: [Int], distinct: [Chain], slots: inout [Slot]) -> [Int: Reliability] {
        var ceilings: [Int: Reliability] = [:]
        func cap(_ index: Int, _ reliability: Reliability) {
            ceilings[index] = max(ceilings[index] ?? reliability, reliability)
        }
        if indices.count <= TransmissionGraph.pairwiseChainsAtMost {
            for (offset, a) in indices.enumerated() {
                for b in indices[(offset + 1)...] {
                    guard let link = commonLink(ofAll: [distinct[a], distinct[b]], slots: &slots) else { continue }
                    cap(a, link.reliability)
                    cap(b, link.reliability)
                }
            }
            return ceilings
        }
        for index in indices { for source in distinct[index].numbered { slots[Int(source.number)].count += 1 } }
        for index in indices {
            for source in distinct[index].numbered where slots[Int(source.number)].count > 1 {
                cap(index, reliability(of: source.id))
            }
        }
        for index in indices { for source in distinct[index].numbered { slots[Int(source.number)] = Slot() } }
        return ceilings
    }

    /// The common link of one chain: its nearest source.
    private func commonLink(alone chain: Chain) -> CommonLink? {
        chain.nearest.map { CommonLink(source: $0.source, reliability: reliability(of: $0.source), distance: $0.distance) }
    }

    /// ``CommonLink/nearest(in:reliability:)`` for distinct numbered chains: the sources every
    /// chain reaches, at their largest distance, nearest first, then the least reliable, then by
    /// id. `slots` are left zeroed, as they came.
    private func commonLink(ofAll chains: [Chain], slots: inout [Slot]) -> CommonLink? {
        for chain in chains {
            for source in chain.numbered {
                let number = Int(source.number)
                slots[number].count += 1
                slots[number].distance = max(slots[number].distance, source.distance)
            }
        }
        var best: CommonLink?
        for source in chains[0].numbered {
            let slot = slots[Int(source.number)]
            guard slot.count == Int32(chains.count) else { continue }
            // Nearer wins without a look at the grade, which only a tie needs.
            if let known = best, Int(slot.distance) > known.distance { continue }
            let candidate = CommonLink(source: source.id, reliability: reliability(of: source.id), distance: Int(slot.distance))
            if best.map({ candidate.isPreferred(to: $0) }) ?? true { best = candidate }
        }
        for chain in chains { for source in chain.numbered { slots[Int(source.number)] = Slot() } }
        return best
    }
}
