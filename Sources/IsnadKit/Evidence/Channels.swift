/// One group of a claim's citations that are not independent of each other: citations whose
/// chains share a source, and the citations those share sources with, and so on (a connected
/// component). Citations in different channels share no source at all.
public struct Channel: Hashable, Sendable {
    /// Positions of the channel's citations in the claim's `citations`, in order.
    public let citations: [Int]
    /// Every source in any of the channel's chains.
    public let sources: Set<String>
    /// The source every chain of the channel passes through, nearest to the reader; nil when
    /// the chains overlap pairwise but no single source is in all of them.
    public let commonLink: CommonLink?
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

    /// Whether every supporting chain contains `source` (the claim has support and all of it
    /// passes through `source`, perhaps only because a source in it `cites` that one).
    public func restsEntirely(on source: String) -> Bool {
        !supporting.isEmpty && supporting.allSatisfy { channel in channel.citations.allSatisfy { chains[$0].contains(source) } }
    }

    /// Whether some supporting chain contains `source`.
    public func isSupported(through source: String) -> Bool {
        supporting.contains { channel in channel.citations.contains { chains[$0].contains(source) } }
    }
}

extension TransmissionGraph {
    /// The claim's channels, common links and capped strength.
    public func weigh(_ claim: GradedClaim) -> ClaimWeight {
        let chains = claim.citations.map { chain(of: $0.citation) }
        let supportPositions = claim.citations.indices.filter { claim.citations[$0].citation.stance != .denies }
        let denialPositions = claim.citations.indices.filter { claim.citations[$0].citation.stance == .denies }
        let supporting = channels(of: supportPositions, chains: chains)
        let denying = channels(of: denialPositions, chains: chains)
        let strength = SupportStrength(
            claim: claim, supporting: supporting, denying: denying, reliability: reliability(of:))
        return ClaimWeight(
            claimID: claim.claim.id, supporting: supporting, denying: denying, chains: chains, strength: strength)
    }

    /// Connected components of the citations at `positions`, joined when their chains share a source.
    func channels(of positions: [Int], chains: [Chain]) -> [Channel] {
        // One citation, one channel: the common case, without the union–find's tables.
        if positions.count <= 1 {
            return positions.map { position in
                Channel(
                    citations: [position], sources: Set(chains[position].depths.keys),
                    commonLink: CommonLink.nearest(in: [chains[position]], reliability: reliability(of:)))
            }
        }
        // Union–find over the positions; each source joins the first citation that reached it.
        var parent = Dictionary(uniqueKeysWithValues: positions.map { ($0, $0) })
        func root(_ position: Int) -> Int {
            var current = position
            while let next = parent[current], next != current { current = next }
            var walk = position
            while let next = parent[walk], next != current {
                parent[walk] = current
                walk = next
            }
            return current
        }
        var owner: [String: Int] = [:]
        for position in positions {
            for source in chains[position].depths.keys {
                if let first = owner[source] {
                    let (a, b) = (root(first), root(position))
                    if a != b { parent[max(a, b)] = min(a, b) }
                } else {
                    owner[source] = position
                }
            }
        }
        var groups: [Int: [Int]] = [:]
        var order: [Int] = []
        for position in positions {
            let group = root(position)
            if groups[group] == nil { order.append(group) }
            groups[group, default: []].append(position)
        }
        return order.map { group in
            let members = groups[group] ?? []
            let memberChains = members.map { chains[$0] }
            return Channel(
                citations: members, sources: Set(memberChains.flatMap(\.depths.keys)),
                commonLink: CommonLink.nearest(in: memberChains, reliability: reliability(of:)))
        }
    }
}
