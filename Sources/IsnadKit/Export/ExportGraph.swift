/// What an export writes: the entities and the edges (claims, or claims collapsed by subject,
/// predicate and object) that pass a filter, in a fixed order, streamed from the store.
///
/// The whole graph is read in two passes over the claims, so that memory does not grow with
/// it: the first marks the entities that take part in a claim that passes the filter (in a
/// temporary SQLite table, not in memory), the second writes the edges. Unfiltered, every
/// entity is written and the first pass is skipped. A `--focus` neighbourhood is explored the
/// same way: breadth-first through the indexes, ids only, the entities reached kept in a
/// temporary table; then the claims among them are streamed. Memory never holds more than one
/// claim (collapsed: one edge's claims), or on two threads a few batches of them.
public struct ExportGraph {
    /// Which part of the graph, and how.
    public struct Options: Sendable {
        public var filter = GraphFilter()
        /// Only the neighbourhood of this entity …
        public var focus: String?
        /// … up to this many hops.
        public var depth = 1
        /// One edge per subject, predicate and object, with the evidence of all its claims.
        public var collapse = false
        /// Also the retracted claims (each an edge of its own, after the others, with
        /// ``Edge/retraction``), as the filter would take them if they stood; under a focus,
        /// those among the entities it reaches through the claims that stand (a retracted claim
        /// does not widen the neighbourhood: the tour says so).
        public var includesRetracted = false

        public init() {}
    }

    /// When the claims behind an edge held, by their dates, read as ``GraphFilter`` reads them:
    /// a partial date covers its whole period (`2014` is all of 2014); a state with a start and
    /// no end holds from then on, an event with a start and no end happens within its start.
    public struct Period: Sendable, Equatable {
        /// The earliest start among the claims that have one (of equally early ones, the most
        /// precise), nil when none has one.
        public let earliestStart: PartialDate?
        /// The latest end among the claims that have one, an event with only a start ending
        /// within it (of equally late ones, the most precise), nil when none has one.
        public let latestEnd: PartialDate?
        /// Some claim has an end but no start (`until 2016`): the range has no known beginning.
        public let isOpenAtStart: Bool
        /// Some state claim has a start but no end (`since 2019`): the range has no known end.
        public let isOpenAtEnd: Bool
        /// How many of the claims have no date at all.
        public let undatedClaims: Int
        /// For events (a meeting, an attack), how many distinct dates the dated claims give: two
        /// meetings, in 2020 and in 2021-07, are two moments, not a period from one to the other.
        public let eventDates: Int
        /// Each dated claim's start and end (an event's end its start when it has none), in
        /// claim order: the moments a collapsed edge held, one by one.
        public let claimPeriods: [ClaimDates]

        /// One claim's dates.
        public struct ClaimDates: Sendable, Hashable {
            public let start: PartialDate?
            public let end: PartialDate?
        }

        init(_ claims: [Claim], temporal: Predicate.Temporal) {
            var earliestStart: PartialDate?
            var latestEnd: PartialDate?
            var isOpenAtStart = false
            var isOpenAtEnd = false
            var undatedClaims = 0
            var claimPeriods: [ClaimDates] = []
            // Only a collapsed edge has more than one: a set keeps 80,000 claims of one pair linear.
            var seenPeriods: Set<ClaimDates> = []
            for claim in claims {
                if claim.start == nil, claim.end == nil {
                    undatedClaims += 1
                    continue
                }
                let dates = ClaimDates(start: claim.start, end: claim.end ?? (temporal == .event ? claim.start : nil))
                if claims.count == 1 || seenPeriods.insert(dates).inserted { claimPeriods.append(dates) }
                if let start = claim.start {
                    if earliestStart.map({ Period.isEarlier(start, than: $0) }) ?? true { earliestStart = start }
                } else {
                    isOpenAtStart = true
                }
                if let end = claim.end ?? (temporal == .event ? claim.start : nil) {
                    if latestEnd.map({ Period.isLater(end, than: $0) }) ?? true { latestEnd = end }
                } else {
                    isOpenAtEnd = true
                }
            }
            // Events within one date's period happened within it: 2022-03 and 2022-03-31 are two
            // attacks in March 2022 (as 2022-03 and 2022-03-27 are), not a span from the one to
            // the other, nor one that ends before it starts (2022-03-01 to 2022-03).
            if temporal == .event, let start = earliestStart, let end = latestEnd {
                if start.contains(end) {
                    latestEnd = start
                } else if end.contains(start) {
                    earliestStart = end
                }
            }
            self.earliestStart = earliestStart
            self.latestEnd = latestEnd
            self.isOpenAtStart = isOpenAtStart
            self.isOpenAtEnd = isOpenAtEnd
            self.undatedClaims = undatedClaims
            self.claimPeriods = claimPeriods
            eventDates = temporal == .event ? claimPeriods.count : 0
        }

        /// Whether `date` starts before `other`, or on the same day with more precision.
        static func isEarlier(_ date: PartialDate, than other: PartialDate) -> Bool {
            (date.firstDayNumber, other.precision.rawValue) < (other.firstDayNumber, date.precision.rawValue)
        }

        /// Whether `date` ends after `other`, or on the same day with more precision.
        static func isLater(_ date: PartialDate, than other: PartialDate) -> Bool {
            (date.lastDayNumber, date.precision.rawValue) > (other.lastDayNumber, other.precision.rawValue)
        }
    }

    /// One edge: a claim, or the claims of one subject, predicate and object together.
    public struct Edge: Sendable {
        /// Unique in the file: the claim's id, or `subject--predicate--object` when collapsed.
        public let id: String
        public let subject: String
        public let predicate: String
        public let object: String
        /// The claim's dates; collapsed, the range that covers every claim's period, as a
        /// claim's dates would say it: no start when some claim has none (undated claims
        /// included), no end when some state claim has none (undated included); an event whose
        /// claims all happen within the start has no end either.
        public let start: PartialDate?
        public let end: PartialDate?
        /// The claims' dates in detail, for labels.
        public let period: Period
        public let claimIDs: [String]
        /// All the citations of the claims, in claim order.
        public let citations: [GradedCitation]
        /// The citations' channels and common link (collapsed: of all the claims' citations together).
        public let weight: ClaimWeight
        /// The evidence with each channel capped by its common link (``SupportStrength``): what
        /// the edge's status and best grades show.
        public let evidence: Evidence
        /// The claims' notes (the analyst's, not a source's), of those that have one.
        public let notes: [String]
        /// Why the claim was retracted, for a retracted claim drawn on request
        /// (``Options/includesRetracted``); nil for a claim that stands.
        public let retraction: String?

        init?(
            claims: [GradedClaim], collapsed: Bool, temporal: Predicate.Temporal, graph: TransmissionGraph,
            retraction: String? = nil
        ) {
            guard let first = claims.first else { return nil }
            let citations = claims.count == 1 ? first.citations : claims.flatMap(\.citations)
            let id = collapsed ? "\(first.claim.subject)--\(first.claim.predicate)--\(first.claim.object)" : first.claim.id
            let together =
                claims.count == 1
                ? first
                : GradedClaim(
                    claim: Claim(
                        id: id, subject: first.claim.subject, predicate: first.claim.predicate, object: first.claim.object,
                        citations: []), citations: citations)
            let weight = graph.weigh(together)
            guard let evidence = weight.strength?.evidence else { return nil }
            self.id = id
            self.weight = weight
            subject = first.claim.subject
            predicate = first.claim.predicate
            object = first.claim.object
            period = Period(claims.map(\.claim), temporal: temporal)
            if claims.count == 1 {
                start = first.claim.start
                end = first.claim.end
            } else {
                let hasOpenStart = period.isOpenAtStart || period.undatedClaims > 0
                let hasOpenEnd = period.isOpenAtEnd || period.undatedClaims > 0
                start = hasOpenStart ? nil : period.earliestStart
                let end = hasOpenEnd ? nil : period.latestEnd
                self.end = temporal == .event && end == start ? nil : end
            }
            claimIDs = claims.map(\.claim.id)
            notes = claims.compactMap(\.claim.notes)
            self.citations = citations
            self.evidence = evidence
            self.retraction = retraction
        }

        /// The supporting citation to show first, by its grades once weighed (see
        /// ``GradedClaim/bestCitation(weighed:)``): who says the claim. Nil when nothing supports
        /// it (every citation denies it): a denial is never shown as the claim's support.
        public var bestSupport: GradedCitation? {
            // Support ranks before denials: the best citation is a denial only when all are.
            GradedClaim.bestCitation(of: citations, capped: weight.strength?.cappedCitations).flatMap {
                $0.citation.stance == .denies ? nil : $0
            }
        }

        /// The strongest denying citation (by the sum of its two grades' ranks, reliability, then
        /// credibility, once weighed as ``bestSupport`` is; of denials equally strong, the first by
        /// source, via and quote), when some citation denies the claim, whether or not another
        /// supports it: the other side of a disputed edge.
        public var bestDenial: GradedCitation? {
            guard citations.contains(where: { $0.citation.stance == .denies }) else { return nil }
            // The denials alone, ranked as bestSupport ranks (they share a stance).
            let denials = citations.indices.filter { citations[$0].citation.stance == .denies }
            let capped = (weight.strength?.cappedCitations).flatMap { capped in
                capped.count == citations.count ? denials.map { capped[$0] } : nil
            }
            return GradedClaim.bestCitation(of: denials.map { citations[$0] }, capped: capped)
        }
    }

    public let store: GraphStore
    public let options: Options
    /// The store's chains of transmission, read once per export: they weigh every edge.
    private let transmission: TransmissionGraph.Deferred

    /// - Parameter graph: the store's transmission graph, when the caller has read it already.
    ///   Else a focused export reads only the sources the chains of the claims it weighs reach
    ///   (``TransmissionGraph/init(readingOnDemandFrom:)``), as a query does, and a whole one
    ///   reads every source once.
    public init(store: GraphStore, options: Options, graph: TransmissionGraph? = nil) {
        self.store = store
        self.options = options
        transmission = TransmissionGraph.Deferred(
            store: store, graph: graph ?? (options.focus == nil ? nil : TransmissionGraph(readingOnDemandFrom: store)))
    }

    /// Calls `count` with the number of entities to draw, `nodes` for each of them in id order,
    /// then `edges` for every edge, in id order (collapsed: by subject, predicate, object).
    public func stream(
        count: (Int) throws -> Void = { _ in }, nodes: (Entity) throws -> Void, edges: (Edge) throws -> Void
    ) throws {
        let graph = try transmission.graph()
        try streamClaims(count: count, nodes: nodes) { claims in
            if let edge = claims.edge(graph: graph) { try edges(edge) }
        }
    }

    /// The claims behind one edge, weighed into an ``Edge`` by ``edge(graph:)``: what the
    /// store's reading hands over, so that the weighing may be done on another thread.
    struct EdgeClaims: Sendable {
        let claims: [GradedClaim]
        let collapsed: Bool
        let temporal: Predicate.Temporal
        let retraction: String?

        func edge(graph: TransmissionGraph) -> Edge? {
            Edge(claims: claims, collapsed: collapsed, temporal: temporal, graph: graph, retraction: retraction)
        }
    }

    /// ``stream(count:nodes:edges:)`` up to the claims of each edge, which `edges` weighs.
    private func streamClaims(
        count: (Int) throws -> Void, nodes: (Entity) throws -> Void, edges: (EdgeClaims) throws -> Void
    ) throws {
        let graph = try transmission.graph()
        if let focus = options.focus {
            let adjacency = Adjacency(store: store, filter: options.filter, direction: .both, transmission: transmission)
            try store.withNeighborhoodMarked(center: focus, depth: options.depth) { entity, reach in
                try adjacency.forEachStep(from: entity) { try reach($0.other) }
            } read: { reached in
                try count(try store.countEntities(in: reached))
                try store.forEachEntity(in: reached, nodes)
                try emit(.among(reached), graph: graph, edges)
                if options.includesRetracted { try emitRetracted(among: reached, graph: graph, edges) }
            }
            try graph.throwReadFailure()
            return
        }
        if options.filter.isEmpty {
            try count(try store.counts().entities)
            try store.forEachEntity(nodes)
        } else {
            try store.withMarkedEntities { mark in
                let markEnds = { (claim: GradedClaim) in
                    guard options.filter.apply(claim, vocabulary: store.vocabulary, graph: graph) != nil else { return }
                    try mark(claim.claim.subject)
                    try mark(claim.claim.object)
                }
                try store.forEachClaim(markEnds)
                if options.includesRetracted { try store.forEachRetractedClaim(markEnds) }
            } read: { marked in
                try count(try store.countEntities(in: marked))
                try store.forEachEntity(in: marked, nodes)
            }
        }
        try emit(.all, graph: graph, edges)
        if options.includesRetracted { try emitRetracted(among: nil, graph: graph, edges) }
    }

    /// What ``streamOnTwoThreads(count:nodes:edges:)`` hands from one thread to the other.
    private enum Streamed: Sendable {
        case count(Int)
        case node(Entity)
        /// An edge's claims, to be weighed by the receiving thread …
        case claims(EdgeClaims)
        /// … or weighed already, when the transmission graph reads the store on demand (which
        /// only the reading thread may do).
        case edge(Edge)
    }

    /// ``stream(count:nodes:edges:)`` with the store read and the claims filtered on a second
    /// thread, while the edges are weighed and the callbacks run on the calling thread: a
    /// writer formats one batch of edges while the next is read, so a whole export takes about
    /// as long as the slower of the two. Memory holds a few batches of 256 entities or edges in
    /// between. The callbacks are called in the same order, with the same values; an error from
    /// either side stops both and is thrown as it was. The store is not used on the calling
    /// thread until this returns.
    public func streamOnTwoThreads(
        count: (Int) throws -> Void = { _ in }, nodes: (Entity) throws -> Void, edges: (Edge) throws -> Void
    ) throws {
        // Read here, before the reading thread starts; each thread weighs with its own copy.
        let graph = try transmission.graph()
        let weighing = graph.copyForAnotherThread()
        let weighsHere = weighing != nil
        try Handoff<[Streamed]>.pipeline(capacity: 4) { handoff in
            var batches = HandoffBatches(into: handoff, count: 256)
            // What was read before an error is written before it is thrown, as on one thread.
            defer { try? batches.flush() }
            try streamClaims(count: { try batches.add(.count($0)) }, nodes: { try batches.add(.node($0)) }) { claims in
                if weighsHere {
                    try batches.add(.claims(claims))
                } else if let edge = claims.edge(graph: graph) {
                    try batches.add(.edge(edge))
                }
            }
        } consume: { batch in
            for item in batch {
                switch item {
                case .count(let number): try count(number)
                case .node(let entity): try nodes(entity)
                case .claims(let claims): if let weighing, let edge = claims.edge(graph: weighing) { try edges(edge) }
                case .edge(let edge): try edges(edge)
                }
            }
        }
    }

    /// The retracted claims as edges of their own, marked, in id order: those the filter takes,
    /// among the entities of `table` when given.
    private func emitRetracted(among table: String?, graph: TransmissionGraph, _ edges: (EdgeClaims) throws -> Void) throws {
        try store.forEachRetractedClaim(among: table) { claim in
            guard let kept = options.filter.apply(claim, vocabulary: store.vocabulary, graph: graph) else { return }
            try edges(
                EdgeClaims(
                    claims: [kept], collapsed: false, temporal: temporal(of: kept.claim.predicate),
                    retraction: claim.claim.retraction))
        }
    }

    /// Which claims ``emit(_:_:)`` reads: all of them, or those among the entities of a table.
    private enum Claims {
        case all
        case among(String)
    }

    /// Streams the claims, by subject, predicate and object when collapsing, else in id order.
    private func forEachClaim(_ claims: Claims, _ body: (GradedClaim) throws -> Void) throws {
        let withEntityTypes = options.filter.needsEntityTypes
        switch (claims, options.collapse) {
        case (.all, false): try store.forEachClaim(withEntityTypes: withEntityTypes, body)
        case (.all, true): try store.forEachClaimByEndpoints(withEntityTypes: withEntityTypes, body)
        case (.among(let table), let collapse): try store.forEachClaim(among: table, byEndpoints: collapse, body)
        }
    }

    /// The edges of the claims, filtered, and collapsed if asked.
    private func emit(_ claims: Claims, graph: TransmissionGraph, _ edges: (EdgeClaims) throws -> Void) throws {
        guard options.collapse else {
            try forEachClaim(claims) { claim in
                guard let kept = options.filter.apply(claim, vocabulary: store.vocabulary, graph: graph) else { return }
                try edges(
                    EdgeClaims(claims: [kept], collapsed: false, temporal: temporal(of: kept.claim.predicate), retraction: nil))
            }
            return
        }
        var group: [GradedClaim] = []
        try forEachClaim(claims) { claim in
            guard let kept = options.filter.apply(claim, vocabulary: store.vocabulary, graph: graph) else { return }
            if let first = group.first?.claim,
                (first.subject, first.predicate, first.object) != (kept.claim.subject, kept.claim.predicate, kept.claim.object)
            {
                try handOver(group)
                group.removeAll(keepingCapacity: true)
            }
            group.append(kept)
        }
        try handOver(group)
        func handOver(_ claims: [GradedClaim]) throws {
            guard let first = claims.first else { return }
            try edges(
                EdgeClaims(claims: claims, collapsed: true, temporal: temporal(of: first.claim.predicate), retraction: nil))
        }
    }

    private func temporal(of predicate: String) -> Predicate.Temporal {
        store.vocabulary[predicate]?.temporal ?? .state
    }
}
