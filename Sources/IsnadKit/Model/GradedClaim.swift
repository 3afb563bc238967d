/// A citation together with what its sources tell about it: the claimant's reliability and
/// the first date on which it was public.
public struct GradedCitation: Hashable, Sendable {
    public var citation: Citation
    /// The reliability of the claimant (`citation.source`).
    public var reliability: Reliability
    /// The earlier `published` date of the claimant and of `via`: a 2017 press conference
    /// relayed by a 2022 article was public in 2017. Nil when neither has a date.
    /// "Earlier" means certainly public sooner: of `2017` and `2017-07`, `2017-07` (public by
    /// 31 July 2017 at the latest, where `2017` only promises 31 December).
    public var publicSince: PartialDate?

    public init(citation: Citation, reliability: Reliability, publicSince: PartialDate?) {
        self.citation = citation
        self.reliability = reliability
        self.publicSince = publicSince
    }

    /// The earlier of two optional dates, by the last day each could mean (the day by which it
    /// had certainly happened); between equal last days, the one that could be earlier.
    public static func earlier(_ a: PartialDate?, _ b: PartialDate?) -> PartialDate? {
        guard let a else { return b }
        guard let b else { return a }
        return (b.lastDayNumber, b.firstDayNumber) < (a.lastDayNumber, a.firstDayNumber) ? b : a
    }

    var evidenceItem: Evidence.Item {
        Evidence.Item(
            source: citation.source, reliability: reliability, stance: citation.stance, credibility: citation.credibility)
    }
}

/// A claim as read from a store: its citations graded by their sources, and the types of
/// the entities at its two ends.
public struct GradedClaim: Hashable, Sendable {
    /// The claim; `claim.citations` are the citations of ``citations``, in the same order.
    public private(set) var claim: Claim
    public private(set) var citations: [GradedCitation]
    public var subjectType: EntityType?
    public var objectType: EntityType?

    public init(claim: Claim, citations: [GradedCitation], subjectType: EntityType? = nil, objectType: EntityType? = nil) {
        var claim = claim
        claim.citations = citations.map(\.citation)
        self.claim = claim
        self.citations = citations
        self.subjectType = subjectType
        self.objectType = objectType
    }

    /// What the citations add up to; nil only when there are none.
    public var evidence: Evidence? { Evidence(citations.map(\.evidenceItem)) }

    /// The same claim with only the citations that pass `isIncluded`; nil when none does.
    public func keepingCitations(where isIncluded: (GradedCitation) -> Bool) -> GradedClaim? {
        let kept = citations.filter(isIncluded)
        if kept.isEmpty { return nil }
        if kept.count == citations.count { return self }
        return GradedClaim(claim: claim, citations: kept, subjectType: subjectType, objectType: objectType)
    }

    /// The earliest date on which one of the claim's citations was surely public before `date`
    /// was (by the last day it could mean, before the first day `date` could): nil when none was.
    /// With no `date`, the earliest of all: what has no date is public by none. What `--known-by`
    /// answers show of the claim, its dates included, from then on.
    public func earliestPublicSince(before date: PartialDate?) -> PartialDate? {
        citations.compactMap(\.publicSince)
            .filter { published in date.map { published.lastDayNumber < $0.firstDayNumber } ?? true }
            .min { $0.lastDayNumber < $1.lastDayNumber }
    }

    /// The citation to show first: the supporting one whose grade is the claim's best grade
    /// (``Evidence/Item/gradeRank``), or the strongest denial if nothing supports it.
    /// Of citations equally strong, the first by source, via and quote: which quote stands for
    /// the claim depends on the evidence, not on the order it was entered in (a sheet's rows,
    /// two record lines, a merge's arguments).
    public var bestCitation: GradedCitation? { GradedClaim.bestCitation(of: citations) }

    /// The citation to show first once the claim is weighed: ``bestCitation`` with each
    /// citation's grades as `weight` caps them (by its `via` and common links, a 1 no other
    /// channel bears out as 2), so that the quote beside "ASSERTED B2" is one that weighs B2, not
    /// a B source's words read in an E article.
    public func bestCitation(weighed weight: ClaimWeight) -> GradedCitation? {
        GradedClaim.bestCitation(of: citations, capped: weight.strength?.cappedCitations)
    }

    /// The `count` strongest citations, strongest first: support before denials, then by their
    /// own grades (``Evidence/Item/gradeRank``), of equals the first recorded; and the strongest
    /// denial always among them when the claim has one and two places or more are asked for (in
    /// the last place, when the support would have filled them all): ten accusing quotes and none
    /// of the accused's own denial is not the claim. One place is the claim's face, its strongest
    /// support. What a table lists of a claim cited too often to list every citation.
    public func strongestCitations(_ count: Int) -> [GradedCitation] {
        func rank(_ index: Int) -> (Int, Evidence.GradeRank) {
            let own = citations[index].evidenceItem
            return (own.stance == .denies ? 1 : 0, own.gradeRank)
        }
        let ranked = citations.indices.sorted { a, b in
            let (x, y) = (rank(a), rank(b))
            return x != y ? x < y : a < b
        }
        var listed = Array(ranked.prefix(count))
        if count > 1, ranked.count > count, let last = listed.last, citations[last].citation.stance != .denies,
            let denial = ranked.dropFirst(count).first(where: { citations[$0].citation.stance == .denies })
        {
            listed[listed.count - 1] = denial
        }
        return listed.map { citations[$0] }
    }

    /// Of the claim's citations, how many are denials that ``strongestCitations(_:)`` with this
    /// count leaves out: what the line saying how many more there are adds, so that a denial cut
    /// is told.
    public func denialsLeftOut(listing count: Int) -> Int {
        let denials = citations.count { $0.citation.stance == .denies }
        let listed = strongestCitations(count).count { $0.citation.stance == .denies }
        return denials - listed
    }

    /// ``bestCitation`` of a claim with these citations; with `capped` (the grades of each, by
    /// position, once weighed: ``SupportStrength/cappedCitations``), ranked by those first, then
    /// by their own: of two citations an E article caps alike, the police it quotes (B) before
    /// its own words (E).
    static func bestCitation(of citations: [GradedCitation], capped: [Evidence.Item]? = nil) -> GradedCitation? {
        let capped = capped?.count == citations.count ? capped : nil
        // Support before denials, then as ``Evidence`` chooses the grade it shows: the quote
        // beside "ASSERTED B2" is that of the citation graded B2.
        func rank(_ index: Int) -> (Int, Evidence.GradeRank, Evidence.GradeRank) {
            let own = citations[index].evidenceItem
            return (own.stance == .denies ? 1 : 0, (capped?[index] ?? own).gradeRank, own.gradeRank)
        }
        return citations.indices.min { a, b in
            let (x, y) = (rank(a), rank(b))
            return x != y ? x < y : citations[a].citation.isShownBefore(citations[b].citation)
        }.map { citations[$0] }
    }
}
