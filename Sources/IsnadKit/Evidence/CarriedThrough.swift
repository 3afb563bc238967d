/// Whether a citation's words reached us through a given source: the one rule behind
/// `--exclude-common-link SOURCE` ("what is left if it is wrong") and `isnad source SOURCE
/// --impact` ("what would fall"), so that the two never give different answers.
///
/// A source is in a citation's chain when the citation's `via` or claimant relays it, however
/// far: an article that cites ten sources puts all ten in the chain of every citation read in
/// it. Being in the chain is not enough to carry the words: `cites` says what a source relays,
/// not which of its words it took from where. The words came through the source when
/// - the source is the citation's claimant or its `via`; or
/// - its `via` knows the claimant only through the source: every path of `cites` from the one to
///   the other passes through it (a column that cites only the article, quoting what the article
///   quoted); or
/// - no path of `cites` leads from the `via` to the claimant, and the claim reads that
///   claimant's words in the source itself (`carried`): the relay's copy came through the source
///   (an aggregator relaying a digest of the article that quoted the police).
///
/// A claim whose every supporting chain turns on the source (its common link) rests on it
/// whole, whatever its citations' words came through.
extension TransmissionGraph {
    /// Whether the words of `citation`, whose chain is `chain`, reached us through `source`.
    /// `carried`: the claimants whose words the same claim reads, on the same side (support or
    /// denial), in `source` itself.
    public func words(
        of citation: Citation, chain: Chain, cameThrough source: String, carried: Set<String>
    ) -> Bool {
        if citation.source == source || citation.via == source { return true }
        guard let via = citation.via, chain.contains(source) else { return false }
        if reaches(citation.source, from: via, onlyThrough: source) { return true }
        return carried.contains(citation.source) && !reaches(citation.source, from: via)
    }
}

extension GradedClaim {
    /// The claimants whose words this claim reads in `source` itself, its supporting citations'
    /// and its denials' apart: what ``TransmissionGraph/words(of:chain:cameThrough:carried:)`` takes.
    func claimantsRead(in source: String) -> (supporting: Set<String>, denying: Set<String>) {
        var supporting: Set<String> = []
        var denying: Set<String> = []
        for cited in citations where cited.citation.via == source {
            if cited.citation.stance == .denies {
                denying.insert(cited.citation.source)
            } else {
                supporting.insert(cited.citation.source)
            }
        }
        return (supporting, denying)
    }

    /// The claim as it stands if `source` is wrong (`--exclude-common-link`), or nil when no
    /// citation is left: its support goes whole when the source is its common link, as
    /// `isnad source --impact` says it rests on it; otherwise each citation goes that reached
    /// us through the source, support and denial alike. `weighed`: the claim's weight, when the
    /// caller has it already (`source --impact`).
    func leavingOut(whatCameThrough source: String, graph: TransmissionGraph, weighed: ClaimWeight? = nil)
        -> GradedClaim?
    {
        // Most claims of a large store have no chain through the source: they are kept whole
        // without being weighed (the export weighs each claim again).
        if weighed == nil, !citations.contains(where: { graph.chain(of: $0.citation).contains(source) }) { return self }
        let weight = weighed ?? graph.weigh(self)
        let restsOnIt = weight.commonLink?.source == source
        let carried = claimantsRead(in: source)
        var kept: [GradedCitation] = []
        for (position, cited) in citations.enumerated() {
            let isDenial = cited.citation.stance == .denies
            if restsOnIt, !isDenial { continue }
            if graph.words(
                of: cited.citation, chain: weight.chains[position], cameThrough: source,
                carried: isDenial ? carried.denying : carried.supporting)
            {
                continue
            }
            kept.append(cited)
        }
        if kept.isEmpty { return nil }
        if kept.count == citations.count { return self }
        return GradedClaim(claim: claim, citations: kept, subjectType: subjectType, objectType: objectType)
    }
}
