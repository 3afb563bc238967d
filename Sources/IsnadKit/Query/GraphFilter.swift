/// The filters that every query command and every exporter share.
///
/// Claims are filtered in three steps, always in this order:
/// 1. by shape and time: predicate, entity types of both ends, `--as-of`, `--between`;
/// 2. citation by citation: `--min-reliability`, `--min-credibility`, `--stance`, `--source`,
///    `--known-by`, `--exclude-common-link` — a claim with no citation left is dropped;
/// 3. by the evidence of the citations left, weighed by their chains (``ClaimWeight``):
///    `--status` (the capped status, as outputs show it), `--exclude-disputed`, `--min-channels`,
///    `--max-channels`.
/// So `--min-reliability B` shows the graph as B-or-better sources describe it: a claim that
/// only a D source denies is not disputed there; and `--exclude-common-link article` shows
/// what is left if the article is wrong.
public struct GraphFilter: Sendable, Equatable {
    public var predicates: Set<String> = []
    /// Both ends of a claim must be of one of these types.
    public var entityTypes: Set<EntityType> = []
    /// Claims that held at some time within this date's period.
    public var asOf: PartialDate?
    /// Claims that held at some time between the first day of the first date and the last day
    /// of the second.
    public var between: (from: PartialDate, to: PartialDate)? {
        get { betweenDates.map { ($0.from, $0.to) } }
        set { betweenDates = newValue.map { DateSpan(from: $0.from, to: $0.to) } }
    }
    /// ``between``, stored as a value that compares equal field by field (a tuple does not).
    private var betweenDates: DateSpan?
    /// Leaves out claims with no date at all, which `asOf` and `between` keep (an undated claim
    /// is taken as timeless there, not as known to hold then).
    public var excludesUndated = false
    /// Citations that were certainly public by the last day of this date's period.
    public var knownBy: PartialDate?
    public var minimumReliability: Reliability?
    public var minimumCredibility: Credibility?
    public var stances: Set<Stance> = []
    /// Citations whose claimant or `via` is one of these sources.
    public var sources: Set<String> = []
    /// What is left if this source is wrong: the citations that did not reach us through it,
    /// applied last in step 2 (``GradedClaim/leavingOut(whatCameThrough:graph:)``).
    public var excludedCommonLink: String?
    public var statuses: Set<Evidence.Status> = []
    public var excludesDisputed = false
    /// Claims with at least this many independent channels of support.
    public var minimumChannels: Int?
    /// Claims with at most this many independent channels of support: `1` finds what rests on a
    /// single voice. A claim only denied has none, and is kept.
    public var maximumChannels: Int?

    public init() {}

    /// Whether no filter is set. `==` is synthesised from every stored field, so a field added
    /// later counts here without further change.
    public var isEmpty: Bool { self == GraphFilter() }

    /// Two dates, the first no later than the second.
    private struct DateSpan: Sendable, Equatable {
        let from: PartialDate
        let to: PartialDate
    }

    /// Whether any citation-level filter is set (step 2): a claim is then weighed on the
    /// citations it keeps, and may read otherwise than unfiltered.
    public var filtersCitations: Bool {
        knownBy != nil || minimumReliability != nil || minimumCredibility != nil || !stances.isEmpty || !sources.isEmpty
            || excludedCommonLink != nil
    }

    /// Whether a step-3 filter is set (the claim is weighed to apply it).
    var filtersEvidence: Bool {
        !statuses.isEmpty || excludesDisputed || minimumChannels != nil || maximumChannels != nil
    }

    /// Whether the filter looks at citations or evidence (steps 2 and 3), so that a claim's
    /// citations must be read to apply it.
    public var needsEvidence: Bool { filtersCitations || filtersEvidence }

    /// Step 1: whether a claim's shape and dates pass.
    public func admitsShape(
        of claim: Claim, subjectType: EntityType?, objectType: EntityType?, vocabulary: Vocabulary = .standard
    ) -> Bool {
        if !predicates.isEmpty, !predicates.contains(claim.predicate) { return false }
        if !entityTypes.isEmpty {
            guard let subjectType, let objectType, entityTypes.contains(subjectType), entityTypes.contains(objectType)
            else { return false }
        }
        if excludesUndated, claim.start == nil, claim.end == nil { return false }
        if asOf != nil || between != nil {
            let held = ClaimPeriod(claim, temporal: vocabulary[claim.predicate]?.temporal ?? .state)
            if let asOf, !held.overlaps(from: asOf.firstDayNumber, to: asOf.lastDayNumber) { return false }
            if let between, !held.overlaps(from: between.from.firstDayNumber, to: between.to.lastDayNumber) { return false }
        }
        return true
    }

    /// Whether step 1 looks at the types of a claim's ends: only then must a reader of claims
    /// look them up (nothing else shows them).
    var needsEntityTypes: Bool { !entityTypes.isEmpty }

    /// Whether the shape filters (step 1) need a link's dates or its ends' types, which the
    /// subject and object indexes do not hold.
    var needsLinkDetails: Bool { asOf != nil || between != nil || excludesUndated || needsEntityTypes }

    /// Whether a date filter keeps undated claims, as timeless: what a listing says under it.
    public var keepsUndatedAsTimeless: Bool { (asOf != nil || between != nil) && !excludesUndated }

    /// Whether a dated claim that `asOf` and `between` keep is kept only because its dates, less
    /// precise than the period asked, overlap it: it may have held within that period, or not (an
    /// attack of 2022-03 under `asOf` 2022-03-04, a state that began some time in 2022 under `asOf`
    /// 2022-06). False for a claim whose dates say it held within every period asked (one that
    /// held from 2020 to 2023, under 2022-03-04), for an undated claim (``keepsUndatedAsTimeless``),
    /// and without a date filter.
    public func keepsOnlyPossibly(_ claim: Claim, vocabulary: Vocabulary = .standard) -> Bool {
        guard asOf != nil || between != nil, claim.start != nil || claim.end != nil else { return false }
        let held = ClaimPeriod(claim, temporal: vocabulary[claim.predicate]?.temporal ?? .state)
        if let asOf, !held.surelyOverlaps(from: asOf.firstDayNumber, to: asOf.lastDayNumber) { return true }
        if let between, !held.surelyOverlaps(from: between.from.firstDayNumber, to: between.to.lastDayNumber) {
            return true
        }
        return false
    }

    /// The open side of a claim's period that alone makes `asOf` and `between` keep it, if one
    /// does: a claim with only an end (`until 2017-07`) is taken to hold from any date before it,
    /// and a state with only a start (`since 2017-07`) to hold on, so `asOf 1990` keeps the one and
    /// `asOf 2030` the other though no source speaks of those years. Nil when the claim would be
    /// kept with that side closed at its other date, when both sides are given or neither, for
    /// an event with only a start (it happens within that start), and without a date filter.
    public func keepsOnlyForItsOpenSide(_ claim: Claim, vocabulary: Vocabulary = .standard) -> OpenSide? {
        guard asOf != nil || between != nil else { return nil }
        var closed = claim
        let side: OpenSide
        switch (claim.start, claim.end) {
        case (nil, let end?):
            side = .start
            closed.start = end
        case (let start?, nil) where (vocabulary[claim.predicate]?.temporal ?? .state) == .state:
            side = .end
            closed.end = start
        default:
            return nil
        }
        func isHeld(_ claim: Claim) -> Bool {
            let held = ClaimPeriod(claim, temporal: vocabulary[claim.predicate]?.temporal ?? .state)
            if let asOf, !held.overlaps(from: asOf.firstDayNumber, to: asOf.lastDayNumber) { return false }
            if let between, !held.overlaps(from: between.from.firstDayNumber, to: between.to.lastDayNumber) {
                return false
            }
            return true
        }
        return isHeld(claim) && !isHeld(closed) ? side : nil
    }

    /// The side of a claim's period that has no date.
    public enum OpenSide: Sendable {
        /// No start: the claim is taken to hold from any date before its end.
        case start
        /// No end: the state is taken to hold on.
        case end
    }

    /// Whether a claim this filter leaves out would be kept were its citations with no
    /// publication date (neither their claimant's nor their via's) public by ``knownBy``: left out
    /// by `--known-by` only for want of a date, which nothing in the answer shows. Call it on a
    /// claim ``apply(_:vocabulary:graph:)`` left out.
    public func leavesOutOnlyForWantOfPublicationDates(
        _ claim: GradedClaim, vocabulary: Vocabulary = .standard, graph: TransmissionGraph
    ) -> Bool {
        guard let knownBy, claim.citations.contains(where: { $0.publicSince == nil }) else { return false }
        let dated = claim.citations.map { citation in
            var dated = citation
            dated.publicSince = citation.publicSince ?? knownBy
            return dated
        }
        let datedClaim = GradedClaim(
            claim: claim.claim, citations: dated, subjectType: claim.subjectType, objectType: claim.objectType)
        return apply(datedClaim, vocabulary: vocabulary, graph: graph) != nil
    }

    /// Whether ``knownBy`` leaves out a citation of a dated claim (one public later, or never
    /// dated): the claim's dates are its own as they stand now, shared by every citation, so a
    /// citation or an edit later than ``knownBy`` may have given them.
    public func leavesOutCitationsThatMayHaveDated(_ claim: GradedClaim) -> Bool {
        guard knownBy != nil, claim.claim.start != nil || claim.claim.end != nil else { return false }
        return claim.citations.contains { !isPublicByKnownBy($0.publicSince) }
    }

    /// Step 1 on a claim seen from `entity` as a link (``GraphStore/forEachLink(of:withDates:_:)``),
    /// read with dates when ``needsLinkDetails``. For explorations that do not need evidence.
    func admitsShape(of link: GraphStore.Link, from entity: String, in store: GraphStore) throws -> Bool {
        if !predicates.isEmpty, !predicates.contains(link.predicate) { return false }
        guard needsLinkDetails else { return true }
        let claim = Claim(
            id: "", subject: link.isSubject ? entity : link.other, predicate: link.predicate,
            object: link.isSubject ? link.other : entity, start: link.start, end: link.end, citations: [])
        let types = needsEntityTypes ? try store.entityTypes([claim.subject, claim.object]) : [:]
        return admitsShape(
            of: claim, subjectType: types[claim.subject], objectType: types[claim.object], vocabulary: store.vocabulary)
    }

    /// Step 2 but `excludedCommonLink` (which weighs the claim's chains): whether one citation passes.
    public func admits(_ citation: GradedCitation) -> Bool {
        if let minimumReliability, citation.reliability > minimumReliability { return false }
        if let minimumCredibility, citation.citation.credibility > minimumCredibility { return false }
        if !stances.isEmpty, !stances.contains(citation.citation.stance) { return false }
        if !sources.isEmpty, !sources.contains(citation.citation.source), !(citation.citation.via.map(sources.contains) ?? false)
        {
            return false
        }
        return isPublicByKnownBy(citation.publicSince)
    }

    /// Whether what was published on `date` was public by ``knownBy`` (always, without it; never,
    /// undated: nothing says it was).
    public func isPublicByKnownBy(_ date: PartialDate?) -> Bool {
        guard let knownBy else { return true }
        guard let date else { return false }
        return date.lastDayNumber <= knownBy.lastDayNumber
    }

    /// All three steps: the claim as the filter shows it, or nil when it is filtered out.
    /// `graph` follows the citations' chains (the store's: ``TransmissionGraph/init(store:)``),
    /// for `--exclude-common-link`, `--min-channels`, `--max-channels` and the capped status.
    public func apply(_ claim: GradedClaim, vocabulary: Vocabulary = .standard, graph: TransmissionGraph) -> GradedClaim? {
        guard admitsShape(of: claim.claim, subjectType: claim.subjectType, objectType: claim.objectType, vocabulary: vocabulary)
        else { return nil }
        var kept = claim
        if filtersCitations {
            guard let admitted = claim.keepingCitations(where: admits) else { return nil }
            kept = admitted
            if let excludedCommonLink {
                guard let left = kept.leavingOut(whatCameThrough: excludedCommonLink, graph: graph) else { return nil }
                kept = left
            }
        }
        if filtersEvidence {
            let weight = graph.weigh(kept)
            guard let status = weight.strength?.evidence.status else { return nil }
            if excludesDisputed, status == .disputed { return nil }
            if !statuses.isEmpty, !statuses.contains(status) { return nil }
            if let minimumChannels, weight.supportingChannels < minimumChannels { return nil }
            if let maximumChannels, weight.supportingChannels > maximumChannels { return nil }
        }
        return kept
    }

    /// The claim as the filter leaves it, seen from one source: nil unless `source` still stands
    /// in `role` (either, when nil) in a citation the filter keeps. Another source's citation that
    /// passes the filter does not make the claim one this source makes. Under ``knownBy``, only
    /// what the source had itself made public by then: an article of 2022 that quotes a statement
    /// of 2017 had quoted nothing in 2021.
    public func apply(
        _ claim: GradedClaim, from source: Source, as role: GraphStore.SourceRole?, vocabulary: Vocabulary = .standard,
        graph: TransmissionGraph
    ) -> GradedClaim? {
        guard isPublicByKnownBy(source.published), let kept = apply(claim, vocabulary: vocabulary, graph: graph) else {
            return nil
        }
        let roles = role.map { [$0] } ?? [.claimant, .via]
        let isHeld = kept.claim.citations.contains { citation in roles.contains { $0.isHeld(by: source.id, in: citation) } }
        return isHeld ? kept : nil
    }
}

/// The days over which a claim held, from its partial dates: a claim dated 2014 holds for all
/// of 2014. A `state` with only a start holds from then on; an `event` with only a start
/// happens within that start's period. A claim with no date is timeless and holds always.
struct ClaimPeriod {
    /// First and last day, `YYYYMMDD` (``PartialDate/firstDayNumber``); nil for an open side.
    let from: Int32?
    let to: Int32?
    /// The days over which the claim surely held, whatever day within their periods its dates
    /// stand for: from the last day of its start to the first day of its end. Empty (`surelyFrom`
    /// after `surelyTo`) when they leave it open: an event of 2022-03 held on some day of March,
    /// none of which is sure.
    let surelyFrom: Int32?
    let surelyTo: Int32?

    init(_ claim: Claim, temporal: Predicate.Temporal) {
        self.init(start: claim.start, end: claim.end, temporal: temporal)
    }

    init(start: PartialDate?, end: PartialDate?, temporal: Predicate.Temporal) {
        from = start?.firstDayNumber
        surelyFrom = start?.lastDayNumber
        if let end {
            to = end.lastDayNumber
            surelyTo = end.firstDayNumber
        } else if temporal == .event, let start {
            to = start.lastDayNumber
            surelyTo = start.firstDayNumber
        } else {
            to = nil
            surelyTo = nil
        }
    }

    func overlaps(from start: Int32, to end: Int32) -> Bool {
        (from.map { $0 <= end } ?? true) && (to.map { $0 >= start } ?? true)
    }

    /// Whether this period and `other` may be the days of one relationship: they share a day once
    /// each partial date is taken as its whole period (2022-10 and 2022-10-12; since 2018 and
    /// 2019 – 2020), or one of them is undated (timeless, it holds on every day). Two terms of one
    /// office (2010 – 2012 and 2018 – 2020) are not.
    func mayBeOneRelationship(with other: ClaimPeriod) -> Bool {
        overlaps(from: other.from ?? .min, to: other.to ?? .max)
    }

    /// Whether the claim held within the days from `start` to `end` whatever days its dates stand
    /// for: it surely held on one of them, or it held only within them.
    func surelyOverlaps(from start: Int32, to end: Int32) -> Bool {
        let sureFrom = surelyFrom ?? .min
        let sureTo = surelyTo ?? .max
        if sureFrom <= sureTo, sureFrom <= end, sureTo >= start { return true }
        guard let from, let to else { return false }
        return from >= start && to <= end
    }
}
