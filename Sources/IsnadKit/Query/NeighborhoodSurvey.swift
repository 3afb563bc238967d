/// A bounded look at a neighbourhood, however large: the claims reached, counted per hop, predicate
/// and direction, with the evidence of a sample of them, and the strongest claims of that sample.
///
/// The walk is ``Neighborhood``'s (breadth-first through the indexes, the filter applied to each
/// hop), but it stops after reading `linkBudget` links: past that, every count is a lower bound
/// (``isComplete`` is false). Through the indexes, an entity's links where it is the subject come
/// half of the budget left first, then those where it is the object, so that both its roles are
/// counted (under a filter, or in one direction, they come as ``Adjacency`` gives them). Of the claims counted, at most `evidenceBudget` are read whole,
/// taken in turn from each group so that every group has some read, and weighed: the groups'
/// evidence and ``strongest`` come from those alone. Under a filter on evidence, which the
/// indexes cannot answer, the walk reads claims whole to try it, at most `examineBudget` of them
/// (``stoppedExamining``). So the cost is bounded by the budgets, never by the size of the
/// neighbourhood or of the store.
public struct NeighborhoodSurvey: Sendable {
    /// The claims reached at one hop through one predicate, one way.
    public struct Group: Sendable {
        /// The hop at which the walk reached the claims (``Neighborhood/hop(of:)``).
        public let hop: Int
        public let predicate: String
        /// Whether the entity the claims were followed from is their subject (→); false when it is
        /// their object (←). Symmetric predicates count as outgoing.
        public let isOutgoing: Bool
        /// The claims counted.
        public fileprivate(set) var claims = 0
        /// The entities first reached through these claims (each entity is counted once, in the
        /// group of the claim that reached it first).
        public fileprivate(set) var entities = 0
        /// How many of the claims were read whole and weighed.
        public fileprivate(set) var claimsRead = 0
        /// How many of the claims read have each status (capped by their common link).
        public fileprivate(set) var statuses: [Evidence.Status: Int] = [:]
        /// The strongest claim read, and its strength.
        public fileprivate(set) var strongest: SupportStrength?
        /// The id of that claim: of claims equally strong, the first by id, so that the summary
        /// does not hang on the order the store wrote them in (which differs between engines).
        fileprivate var strongestClaim = ""
        /// The claims followed, as rows (read through the indexes) or whole (under a filter on
        /// evidence): one of the two stays empty.
        fileprivate var followedRows: [Int64] = []
        fileprivate var followedWhole: [GradedClaim] = []
    }

    /// The entity explored from.
    public let center: String
    public let depth: Int
    /// The groups, hop by hop; within a hop the strongest evidence read first, then the most claims.
    public private(set) var groups: [Group] = []
    /// Whether the walk read every link within `depth` hops: when false, every count is at least
    /// what it says.
    public private(set) var isComplete = true
    /// Whether the walk stopped because it had read `examineBudget` claims whole to try the
    /// filter on them (a filter on evidence, which the indexes cannot answer): the counts are
    /// then those of the claims that passed among those read.
    public private(set) var stoppedExamining = false
    /// How many claims the walk read whole to try a filter on evidence (0 under any other filter).
    public private(set) var claimsExamined = 0
    /// The hop whose claims the walk was counting when it stopped (nil when it read every link):
    /// the walk is breadth first, so the hops before it are counted whole.
    public private(set) var stoppedAtHop: Int?
    /// The claims read whole, strongest first (capped status, then more channels, then grade),
    /// then by id: at most `limit` of them.
    public private(set) var strongest: [GradedClaim] = []
    /// How many claims were read whole and weighed.
    public private(set) var claimsRead = 0
    private var hops: [String: Int] = [:]

    /// The hop at which a claim of ``strongest`` was reached.
    public func hop(of claim: GradedClaim) -> Int { hops[claim.claim.id] ?? 0 }

    /// The claims counted.
    public var claims: Int { groups.reduce(0) { $0 + $1.claims } }
    /// The entities reached, the center left out.
    public var entities: Int { groups.reduce(0) { $0 + $1.entities } }
    /// Whether the counts of this hop are lower bounds: the walk stopped at it or before.
    public func isCounted(wholeAtHop hop: Int) -> Bool { stoppedAtHop.map { hop < $0 } ?? true }

    /// Claims and entities reached at each hop, from 1.
    public func count(atHop hop: Int) -> (claims: Int, entities: Int) {
        groups.filter { $0.hop == hop }.reduce((0, 0)) { ($0.0 + $1.claims, $0.1 + $1.entities) }
    }

    /// How many claims a listing with a limit reads whole at most to try a filter on evidence
    /// on them, before it answers with what passed (``init(store:center:depth:direction:filter:graph:linkBudget:examineBudget:evidenceBudget:limit:)``'s
    /// default, and `timeline` of an entity's).
    public static let claimsTriedAtMost = 10_000

    /// Surveys up to `depth` hops from `center`, as ``Neighborhood/init(store:center:depth:direction:filter:graph:)``
    /// explores them.
    /// - Parameters:
    ///   - linkBudget: how many links the walk reads at most before it stops.
    ///   - examineBudget: under a filter on evidence, how many claims the walk reads whole at most,
    ///     to try the filter on them, before it stops (reading a claim whole costs a hundred times
    ///     what following its link does: a hub's 94,612 claims took 1.4 s to find none passed).
    ///   - evidenceBudget: how many claims are read whole at most (default: `limit`, and 100 at least). Reading a
    ///     claim whole costs a hundred times what counting it through the indexes does.
    ///   - limit: how many of the strongest claims read are kept in ``strongest``.
    public init(
        store: GraphStore, center: String, depth: Int, direction: GraphStore.Direction = .both,
        filter: GraphFilter = GraphFilter(), graph: TransmissionGraph, linkBudget: Int = 10_000,
        examineBudget: Int = NeighborhoodSurvey.claimsTriedAtMost, evidenceBudget: Int? = nil, limit: Int = 200
    ) throws {
        let evidenceBudget = evidenceBudget ?? max(limit, 100)
        self.center = center
        self.depth = depth
        let adjacency = Adjacency(
            store: store, filter: filter, direction: direction,
            transmission: TransmissionGraph.Deferred(store: store, graph: graph))
        var walk = Walk(
            center: center, linkBudget: linkBudget, depth: depth,
            seenRows: RowBits(largest: adjacency.readsWholeClaims ? 0 : try store.largestClaimRow(), bound: 1 << 24))
        var frontier = [center]
        struct BudgetSpent: Error {}
        struct ExaminationSpent: Error {}
        var examined = 0
        walking: for hop in 0..<max(0, depth) {
            walk.next = []
            for entity in frontier {
                do {
                    // Half of what is left first to the links where the entity is the subject,
                    // then to those where it is the object, then the rest: a hub's budget is not
                    // spent before its other role is seen (the members of an organisation, not
                    // only what it did), and an entity within the budget is read whole.
                    if adjacency.readsWholeClaims {
                        try adjacency.forEachWholeStep(
                            from: entity, outgoingLimit: (examineBudget - examined + 1) / 2,
                            examined: {
                                guard examined < examineBudget else { throw ExaminationSpent() }
                                examined += 1
                            }
                        ) { step in
                            var (other, predicate) = (step.other, step.predicate)
                            try other.withUTF8 { other in
                                try predicate.withUTF8 { predicate in
                                    let view = Adjacency.StepView(
                                        other: other, isOutgoing: step.isOutgoing, predicate: predicate, claim: step.claim)
                                    guard walk.follow(view, hop: hop, vocabulary: store.vocabulary) else { throw BudgetSpent() }
                                }
                            }
                        }
                    } else {
                        try adjacency.forEachStepView(from: entity, outgoingLimit: (linkBudget - walk.linksRead + 1) / 2) {
                            step in
                            guard walk.follow(step, hop: hop, vocabulary: store.vocabulary) else { throw BudgetSpent() }
                        }
                    }
                } catch let stop where stop is BudgetSpent || stop is ExaminationSpent {
                    isComplete = false
                    stoppedExamining = stop is ExaminationSpent
                    stoppedAtHop = hop + 1
                    break walking
                }
            }
            // The ends reached at the last hop are counted, never walked from: no string is made of them.
            if walk.next.isEmpty || hop + 1 == depth { break }
            frontier = walk.next.map { walk.reached.id($0) }.sorted()
        }
        groups = walk.groups
        claimsExamined = examined
        try weigh(
            store: store, graph: graph, evidenceBudget: evidenceBudget, limit: limit,
            withEntityTypes: filter.needsEntityTypes)
    }

    /// The walk so far. The walk hashes as little as it can: it meets up to `linkBudget` links and
    /// runs once per command. Rows are bits, predicates small numbers (the one before checked
    /// first), a group a slot of a table by predicate, hop and direction, and whether an entity
    /// was reached is looked up only when the other end changes (links come ordered by their other end). Ends
    /// and predicates are compared as the store's bytes, ends reached kept as bytes
    /// (``ReachedIDs``): a string is made only of an end walked from at the next hop and of a
    /// predicate's first spelling. One value, changed by one call a link:
    /// the walk's variables captured one by one cost an exclusivity check each, every link.
    private struct Walk {
        let linkBudget: Int
        let slotsPerPredicate: Int
        /// The entities reached so far, the center included.
        var reached: ReachedIDs
        /// The entities first reached at this hop, by their number in `reached`.
        var next: [Int] = []
        var seenRows: RowBits
        var seenClaims: Set<String> = []
        var predicates: [(name: String, isSymmetric: Bool)] = []
        var predicateNumbers: [String: Int] = [:]
        /// Each spelling met, as bytes, with its predicate's number: equal strings spelt with other
        /// bytes (canonically equivalent) are one predicate, as they are one key of `predicateNumbers`.
        var spellings: [(bytes: [UInt8], predicate: Int)] = []
        var lastSpelling = -1
        var groupOfSlot: [Int] = []
        /// The other end of the link before (empty before the first: no id is empty).
        var lastOther: [UInt8] = []
        var linksRead = 0
        var groups: [Group] = []

        init(center: String, linkBudget: Int, depth: Int, seenRows: RowBits) {
            self.linkBudget = linkBudget
            slotsPerPredicate = (max(0, depth) + 1) * 2
            reached = ReachedIDs(minimumCapacity: min(linkBudget, 4096))
            reached.insert(center)
            self.seenRows = seenRows
        }

        /// Counts a step taken at `hop`; false when the budget was spent before it.
        mutating func follow(_ step: Adjacency.StepView, hop: Int, vocabulary: Vocabulary) -> Bool {
            if linksRead >= linkBudget { return false }
            linksRead += 1
            let isNew: Bool
            switch step.claim {
            case .row(let row): isNew = seenRows.insert(row)
            case .whole(let claim): isNew = seenClaims.insert(claim.claim.id).inserted
            }
            var reachedNow = false
            if lastOther.isEmpty || !NeighborhoodSurvey.equal(step.other, lastOther) {
                let (inserted, number) = reached.insert(step.other)
                reachedNow = inserted
                if inserted { next.append(number) }
                lastOther.removeAll(keepingCapacity: true)
                lastOther.append(contentsOf: step.other)
            }
            guard isNew else { return true }
            let claimHop = hop + 1
            if lastSpelling < 0 || !NeighborhoodSurvey.equal(step.predicate, spellings[lastSpelling].bytes) {
                if let known = spellings.firstIndex(where: { NeighborhoodSurvey.equal(step.predicate, $0.bytes) }) {
                    lastSpelling = known
                } else {
                    let name = String(decoding: step.predicate, as: UTF8.self)
                    let number: Int
                    if let known = predicateNumbers[name] {
                        number = known
                    } else {
                        number = predicates.count
                        predicateNumbers[name] = number
                        predicates.append((name, vocabulary[name]?.isSymmetric == true))
                        groupOfSlot.append(contentsOf: repeatElement(-1, count: slotsPerPredicate))
                    }
                    lastSpelling = spellings.count
                    spellings.append((Array(step.predicate), number))
                }
            }
            let predicate = spellings[lastSpelling].predicate
            let isOutgoing = step.isOutgoing || predicates[predicate].isSymmetric
            let slot = predicate * slotsPerPredicate + claimHop * 2 + (isOutgoing ? 1 : 0)
            var index = groupOfSlot[slot]
            if index < 0 {
                index = groups.count
                groupOfSlot[slot] = index
                groups.append(Group(hop: claimHop, predicate: predicates[predicate].name, isOutgoing: isOutgoing))
            }
            groups[index].claims += 1
            if reachedNow { groups[index].entities += 1 }
            switch step.claim {
            case .row(let row): groups[index].followedRows.append(row)
            case .whole(let claim): groups[index].followedWhole.append(claim)
            }
            return true
        }
    }

    /// Whether two runs of bytes are the same.
    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ other: [UInt8]) -> Bool {
        other.withUnsafeBufferPointer { bytes.hasSameBytes(as: $0) }
    }

    /// Reads whole up to `evidenceBudget` claims, in turn from each group, and weighs them.
    /// The types of the claims' ends are read only when the filter needs them (`withEntityTypes`).
    private mutating func weigh(
        store: GraphStore, graph: TransmissionGraph, evidenceBudget: Int, limit: Int, withEntityTypes: Bool
    ) throws {
        // Room made once: growing these by doubling rehashes their keys (a strength hashes
        // slowly) every time.
        var rows: [Int64] = []
        rows.reserveCapacity(evidenceBudget)
        var groupOfRow: [Int64: Int] = [:]
        groupOfRow.reserveCapacity(evidenceBudget)
        var read: [(claim: GradedClaim, group: Int)] = []
        read.reserveCapacity(evidenceBudget)
        var taken = 0
        var round = 0
        var isLeft = true
        while taken < evidenceBudget, isLeft {
            isLeft = false
            for index in groups.indices where round < groups[index].followedRows.count + groups[index].followedWhole.count {
                isLeft = true
                guard taken < evidenceBudget else { break }
                taken += 1
                if groups[index].followedWhole.isEmpty {
                    let row = groups[index].followedRows[round]
                    rows.append(row)
                    groupOfRow[row] = index
                } else {
                    read.append((groups[index].followedWhole[round], index))
                }
            }
            round += 1
        }
        if !rows.isEmpty {
            // In row order: neighbouring rows share pages.
            rows.sort()
            var position = 0
            try store.forEachClaim(rows: rows, withEntityTypes: withEntityTypes) { claim in
                let index = groupOfRow[rows[position]] ?? 0
                position += 1
                read.append((claim, index))
            }
        }
        graph.readChains(of: read.lazy.map(\.claim))
        let weights = read.map { graph.weigh($0.claim) }
        for (entry, weight) in zip(read, weights) {
            groups[entry.group].claimsRead += 1
            guard let strength = weight.strength else { continue }
            groups[entry.group].statuses[strength.evidence.status, default: 0] += 1
            if let best = groups[entry.group].strongest {
                if best < strength { continue }
                if !(strength < best), groups[entry.group].strongestClaim < entry.claim.claim.id { continue }
            }
            groups[entry.group].strongest = strength
            groups[entry.group].strongestClaim = entry.claim.claim.id
        }
        claimsRead = read.count
        let hopOfGroup = groups.map(\.hop)
        for index in groups.indices {
            groups[index].followedRows = []
            groups[index].followedWhole = []
        }
        // Each group's strongest ranked once, as `SupportStrength` orders them: comparing two
        // strengths works out both claim strengths every time. Strongest claims that rank alike
        // are a tie, broken by the number of claims.
        let ranks = groups.map { group in group.strongest.map(\.rank) }
        let groupOrder = groups.indices.sorted { a, b in
            if groups[a].hop != groups[b].hop { return groups[a].hop < groups[b].hop }
            switch (ranks[a], ranks[b]) {
            case (let r?, let s?) where r != s: return r < s
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            if groups[a].claims != groups[b].claims { return groups[a].claims > groups[b].claims }
            if groups[a].predicate != groups[b].predicate { return groups[a].predicate < groups[b].predicate }
            return groups[a].isOutgoing && !groups[b].isOutgoing
        }
        groups = groupOrder.map { groups[$0] }
        // Positions sorted, not the claims: a claim and its weight are large values to move. Each
        // claim ranked once, as `SupportStrength` orders them; claims that rank alike, by id.
        var positions: [Int] = []
        positions.reserveCapacity(weights.count)
        var claimRanks: [SupportStrength.Rank] = []
        claimRanks.reserveCapacity(weights.count)
        for (position, weight) in weights.enumerated() {
            guard let strength = weight.strength else { continue }
            positions.append(position)
            claimRanks.append(strength.rank)
        }
        let order = positions.indices.sorted { a, b in
            if claimRanks[a] != claimRanks[b] { return claimRanks[a] < claimRanks[b] }
            return read[positions[a]].claim.claim.id < read[positions[b]].claim.claim.id
        }
        let ranked = order.map { positions[$0] }
        strongest = ranked.prefix(limit).map { read[$0].claim }
        for position in ranked.prefix(limit) { hops[read[position].claim.claim.id] = hopOfGroup[read[position].group] }
    }
}
