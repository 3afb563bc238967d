/// Chains of claims between two entities: the shortest, or every simple one up to a depth,
/// ranked by evidence: the capped status first, then independent channels, then grade
/// (``SupportStrength``). Explores through the store's subject and object indexes, one entity at a
/// time, from both ends at once; only claims that pass the filter are followed.
public final class PathFinder {
    /// One step of a path: all the claims that link two entities, the strongest first.
    public struct Hop: Sendable {
        public let from: String
        public let to: String
        /// The claims between `from` and `to` that pass the filter: those the path may follow,
        /// strongest first, then (a directed path) those it may not, strongest first: the claims
        /// back from `to` to `from` are still evidence about the pair.
        public let claims: [GradedClaim]
        /// What each claim's citations add up to, in the order of ``claims``.
        public let weights: [ClaimWeight]
        /// How many of ``claims``, from the first, the path may follow.
        public var followed: Int

        public var best: GradedClaim { claims[0] }
        /// Whether some claim the path may follow has a citation that supports it. Ranked by
        /// capped status, then channels of support, a claim that only denials stand behind
        /// (disputed, with no channel) comes last: such a
        /// hop links nobody, and no chain passes it.
        public var isLink: Bool { followed > 0 && (weights.first?.supportingChannels ?? 0) > 0 }
        public var bestWeight: ClaimWeight { weights[0] }
        /// The strongest claim's strength: capped status first, then channels, then grade.
        public var strength: SupportStrength? { bestWeight.strength }
    }

    /// A chain of hops from the first entity to the last.
    public struct Path: Sendable {
        public let hops: [Hop]

        /// A path is as strong as its weakest hop (a hop with no citation is the weakest).
        public var weakest: SupportStrength? {
            hops.map(\.strength).max { PathFinder.isStronger($0, than: $1) } ?? nil
        }

        public var entities: [String] { (hops.first.map { [$0.from] } ?? []) + hops.map(\.to) }
    }

    public let store: GraphStore
    public let filter: GraphFilter
    /// Follow claims from subject to object only (symmetric predicates both ways).
    public let isDirected: Bool
    /// Partial paths explored by ``allPaths(from:to:maxDepth:limit:)`` before it stops.
    public static let explorationLimit = 200_000
    /// Claims followed from their subject (both ways when undirected), and from their object.
    private let forward: Adjacency
    private let backward: Adjacency
    /// The entities one claim away, by direction and entity (see ``adjacent(to:forward:)``).
    private var adjacencyCache: [String: [String]] = [:]
    /// The hops between two entities met so far: a pair shared by many chains is read once.
    private var hopCache: [HopKey: Hop] = [:]
    /// The strength of the strongest claim between two entities, for ranking chains: kept
    /// without the claims, for the thousands of pairs the chains found pass through.
    /// A pair whose claims have no support is remembered as nil (`.some(nil)`), not left out.
    private var strengthCache: [HopKey: HopStrength?] = [:]

    private struct HopStrength {
        let value: SupportStrength?
    }
    /// The store's chains of transmission, read once, to weigh the claims of every hop.
    private let transmission: TransmissionGraph.Deferred

    private struct HopKey: Hashable {
        let from: String
        let to: String
    }

    /// - Parameter graph: the store's transmission graph when the caller has read it already
    ///   (else it is read on first use).
    public init(
        store: GraphStore, filter: GraphFilter = GraphFilter(), directed: Bool = false, graph: TransmissionGraph? = nil
    ) {
        self.store = store
        self.filter = filter
        self.isDirected = directed
        transmission = TransmissionGraph.Deferred(store: store, graph: graph)
        forward = Adjacency(store: store, filter: filter, direction: directed ? .out : .both, transmission: transmission)
        backward = Adjacency(store: store, filter: filter, direction: directed ? .in : .both, transmission: transmission)
    }

    /// Whether strength `a` is stronger than `b`; a claim with no citation (nil) is the weakest
    /// (``SupportStrength/isStronger(_:than:)``, which `claims --sort strength` ranks by too).
    static func isStronger(_ a: SupportStrength?, than b: SupportStrength?) -> Bool {
        SupportStrength.isStronger(a, than: b)
    }

    /// The entities one claim away, in id order: forward follows a claim from its subject (or
    /// either end when undirected or symmetric), backward from its object. Without evidence
    /// filters only the indexes are read, and only the hops of the chains found are read whole.
    func adjacent(to entity: String, forward isForward: Bool) throws -> [String] {
        // Undirected, forward and backward are the same walk.
        let key = isDirected ? (isForward ? ">" : "<") + entity : entity
        if let cached = adjacencyCache[key] { return cached }
        let merged = try readAdjacent(to: entity, forward: isForward)
        adjacencyCache[key] = merged
        return merged
    }

    /// ``adjacent(to:forward:)`` read from the store, not remembered.
    private func readAdjacent(to entity: String, forward isForward: Bool) throws -> [String] {
        let adjacency = isForward ? forward : backward
        var outgoing: [String] = []
        var incoming: [String] = []
        try adjacency.forEachStep(from: entity) { step in
            if step.isOutgoing {
                if outgoing.last != step.other { outgoing.append(step.other) }
            } else if incoming.last != step.other {
                incoming.append(step.other)
            }
        }
        // Through the indexes each side arrives in id order, so two sorted lists merge without
        // hashing or sorting; whole claims arrive in no particular order, an entity's claims with
        // the same other end not one after the other (each would be a chain of its own).
        if adjacency.readsWholeClaims {
            outgoing = PathFinder.sortedWithoutRepeats(outgoing)
            incoming = PathFinder.sortedWithoutRepeats(incoming)
        }
        return PathFinder.mergedWithoutRepeats(outgoing, incoming)
    }

    /// The list sorted, each value once.
    static func sortedWithoutRepeats(_ values: [String]) -> [String] {
        var result: [String] = []
        result.reserveCapacity(values.count)
        for value in values.sorted() where result.last != value { result.append(value) }
        return result
    }

    /// The union of two sorted lists without repeats, sorted.
    static func mergedWithoutRepeats(_ first: [String], _ second: [String]) -> [String] {
        if second.isEmpty { return first }
        if first.isEmpty { return second }
        var result: [String] = []
        result.reserveCapacity(first.count + second.count)
        var (i, j) = (0, 0)
        while i < first.count || j < second.count {
            let next: String
            if j == second.count || (i < first.count && first[i] <= second[j]) {
                next = first[i]
                i += 1
            } else {
                next = second[j]
                j += 1
            }
            if result.last != next { result.append(next) }
        }
        return result
    }

    /// The shortest chain (fewest hops) from `start` to `goal`, at most `maxDepth` hops; among
    /// chains of that length, the one met first, by the order of ids. A chain only follows claims
    /// that some citation supports: the indexes cannot tell a claim that only a denial stands
    /// behind, so a chain found through one is searched again without that pair, a few times;
    /// past that (many pairs only denied on the way), the search reads the claims it passes whole
    /// and follows the supported ones alone, as it does under an evidence filter.
    public func shortestPath(from start: String, to goal: String, maxDepth: Int) throws -> Path? {
        var severed: Set<HopKey> = []
        for _ in 0..<PathFinder.searchesThroughTheIndexes {
            guard let found = try shortestPath(from: start, to: goal, maxDepth: maxDepth, avoiding: severed) else { return nil }
            let unsupported = found.hops.filter { !$0.isLink }
            if unsupported.isEmpty { return found }
            for hop in unsupported {
                severed.insert(HopKey(from: hop.from, to: hop.to))
                if !isDirected { severed.insert(HopKey(from: hop.to, to: hop.from)) }
            }
        }
        var supported = filter
        supported.minimumChannels = max(filter.minimumChannels ?? 1, 1)
        let reading = PathFinder(store: store, filter: supported, directed: isDirected, graph: try transmission.graph())
        guard let found = try reading.shortestPath(from: start, to: goal, maxDepth: maxDepth, avoiding: []) else { return nil }
        // Its hops as every other chain's: with the claims only denied among the others.
        return Path(hops: try hops(along: found.entities))
    }

    /// How many searches through the indexes find a chain through a pair only denied before the
    /// search reads claims whole: a few such pairs are common, thousands are a hub's.
    static let searchesThroughTheIndexes = 8

    private func shortestPath(from start: String, to goal: String, maxDepth: Int, avoiding severed: Set<HopKey>) throws
        -> Path?
    {
        if start == goal { return nil }
        var forwardParents: [String: String] = [start: start]
        var backwardParents: [String: String] = [goal: goal]
        var forwardFrontier = [start]
        var backwardFrontier = [goal]
        var depth = 0
        while depth < maxDepth, !forwardFrontier.isEmpty, !backwardFrontier.isEmpty {
            depth += 1
            let expandForward = forwardFrontier.count <= backwardFrontier.count
            var next: [String] = []
            // The first meeting in id order ends the search: the rest of the level cannot give
            // a shorter chain, nor one met earlier.
            for entity in (expandForward ? forwardFrontier : backwardFrontier).sorted() {
                for other in try adjacent(to: entity, forward: expandForward) {
                    if !severed.isEmpty,
                        severed.contains(expandForward ? HopKey(from: entity, to: other) : HopKey(from: other, to: entity))
                    {
                        continue
                    }
                    if expandForward {
                        guard forwardParents[other] == nil else { continue }
                        forwardParents[other] = entity
                        if backwardParents[other] != nil { return try path(through: other, forwardParents, backwardParents) }
                    } else {
                        guard backwardParents[other] == nil else { continue }
                        backwardParents[other] = entity
                        if forwardParents[other] != nil { return try path(through: other, forwardParents, backwardParents) }
                    }
                    next.append(other)
                }
            }
            if expandForward { forwardFrontier = next } else { backwardFrontier = next }
        }
        return nil
    }

    /// Claims strongest first (capped status, then channels, then grade), then by id, with their
    /// weights; each claim is weighed once, not at every comparison (two hubs can share
    /// thousands of claims).
    static func strongestFirst(_ claims: [GradedClaim], graph: TransmissionGraph) -> (
        claims: [GradedClaim], weights: [ClaimWeight]
    ) {
        let weights = claims.map(graph.weigh)
        let order = claims.indices.sorted { a, b in
            let (x, y) = (weights[a].strength, weights[b].strength)
            // Two strengths that differ can rank alike (another common link of the same grade):
            // those go by id too.
            if isStronger(x, than: y) { return true }
            if isStronger(y, than: x) { return false }
            return claims[a].claim.id < claims[b].claim.id
        }
        return (order.map { claims[$0] }, order.map { weights[$0] })
    }

    private func path(through meeting: String, _ forward: [String: String], _ backward: [String: String]) throws -> Path {
        var entities = [meeting]
        var node = meeting
        while let parent = forward[node], parent != node {
            entities.insert(parent, at: 0)
            node = parent
        }
        node = meeting
        while let parent = backward[node], parent != node {
            entities.append(parent)
            node = parent
        }
        return Path(hops: try hops(along: entities))
    }

    private func hops(along entities: [String]) throws -> [Hop] {
        try (0..<(entities.count - 1)).map { try hop(from: entities[$0], to: entities[$0 + 1]) }
    }

    /// The claims between two entities that pass the filter: those a chain may follow from
    /// `from` to `to`, strongest first, then the others; read once per pair.
    private func hop(from: String, to: String) throws -> Hop {
        let key = HopKey(from: from, to: to)
        if let known = hopCache[key] { return known }
        let graph = try transmission.graph()
        var followed: [GradedClaim] = []
        var others: [GradedClaim] = []
        for claim in try store.claims(between: from, and: to) {
            guard let kept = filter.apply(claim, vocabulary: store.vocabulary, graph: graph) else { continue }
            if forward.follows(isOutgoing: kept.claim.subject == from, predicate: kept.claim.predicate) {
                followed.append(kept)
            } else {
                others.append(kept)
            }
        }
        let ranked = PathFinder.strongestFirst(followed, graph: graph)
        let rankedOthers = PathFinder.strongestFirst(others, graph: graph)
        let hop = Hop(
            from: from, to: to, claims: ranked.claims + rankedOthers.claims, weights: ranked.weights + rankedOthers.weights,
            followed: ranked.claims.count)
        hopCache[key] = hop
        return hop
    }

    /// The strength of the strongest claim a chain may follow from `from` to `to` (``hop(from:to:)``'s
    /// first), remembered without the claims; nil when no claim there has support.
    private func strength(from: String, to: String) throws -> HopStrength? {
        let key = HopKey(from: from, to: to)
        if let known = hopCache[key] { return known.isLink ? HopStrength(value: known.strength) : nil }
        if let known = strengthCache[key] { return known }
        let graph = try transmission.graph()
        var strongest: HopStrength?
        for claim in try store.claims(between: from, and: to) {
            guard let kept = filter.apply(claim, vocabulary: store.vocabulary, graph: graph),
                forward.follows(isOutgoing: kept.claim.subject == from, predicate: kept.claim.predicate)
            else { continue }
            let weight = graph.weigh(kept)
            guard weight.supportingChannels > 0 else { continue }
            if strongest.map({ PathFinder.isStronger(weight.strength, than: $0.value) }) ?? true {
                strongest = HopStrength(value: weight.strength)
            }
        }
        strengthCache[key] = .some(strongest)
        return strongest
    }

    /// Every simple chain from `start` to `goal` of at most `maxDepth` hops, strongest first: a
    /// chain is as strong as its weakest hop (capped status first, then channels, then grade);
    /// then shorter first. At most `limit` are returned (nil: all), with how many were `found`;
    /// `isComplete` is false when the exploration stopped at ``explorationLimit``.
    public func allPaths(from start: String, to goal: String, maxDepth: Int, limit: Int?) throws -> (
        paths: [Path], found: Int, isComplete: Bool
    ) {
        // The exploration stops after a number of partial chains, but each looks at every entity
        // next to its last: between hubs, hundreds of millions of looks. So the entities in reach
        // are numbered, and looked at through arrays, not by hashing their ids (5 s of 6 at 100k),
        // and the entities next to each are held as numbers, not ids.
        var numbers: [String: Int32] = [:]
        var ids: [String] = []
        // Distances to the goal bound the search: a chain only enters entities from which the
        // goal is still within reach. Only entities in reach are numbered.
        var distanceToGoal: [UInt8] = []
        // The entities next to each one, in id order, those in reach of the goal only.
        var neighbours: [[Int32]?] = []
        func number(_ id: String) -> Int {
            if let known = numbers[id] { return Int(known) }
            numbers[id] = Int32(ids.count)
            ids.append(id)
            distanceToGoal.append(UInt8.max)
            neighbours.append(nil)
            return ids.count - 1
        }
        let goalNumber = number(goal)
        distanceToGoal[goalNumber] = 0
        var frontier = [goalNumber]
        for depth in 1...max(1, maxDepth) {
            var next: [Int] = []
            for entity in frontier {
                var around: [Int32] = []
                for other in try readAdjacent(to: ids[entity], forward: false) {
                    let known = numbers[other] != nil
                    let otherNumber = number(other)
                    around.append(Int32(otherNumber))
                    if !known {
                        distanceToGoal[otherNumber] = UInt8(depth)
                        next.append(otherNumber)
                    }
                }
                // Undirected, the walk from an entity reads what the search from the goal did.
                if !isDirected { neighbours[entity] = around }
            }
            frontier = next
        }
        guard let startNumber = numbers[start].map(Int.init), distanceToGoal[startNumber] <= maxDepth else {
            return ([], 0, true)
        }
        func neighboursInReach(of entity: Int) throws -> [Int32] {
            if let known = neighbours[entity] { return known }
            let found = try readAdjacent(to: ids[entity], forward: true).compactMap { numbers[$0] }
            neighbours[entity] = found
            return found
        }
        // The strongest claim a chain may follow between two entities, by their numbers; nil
        // when none has support: no chain passes such a pair.
        var strengths: [Int: SupportStrength?] = [:]
        func strength(from: Int, to: Int) throws -> SupportStrength? {
            let key = from << 32 | to
            if let known = strengths[key] { return known }
            let strength = try self.strength(from: ids[from], to: ids[to])?.value
            strengths[key] = .some(strength)
            return strength
        }
        // Ranked as they are found, only the strongest `limit` kept: a hub's thousands of
        // chains are counted, not held, and only the chains shown are read whole.
        var kept: [(entities: [String], weakest: SupportStrength?)] = []
        var found = 0
        func precedes(_ a: (entities: [String], weakest: SupportStrength?), _ b: (entities: [String], weakest: SupportStrength?))
            -> Bool
        {
            if PathFinder.isStronger(a.weakest, than: b.weakest) { return true }
            if PathFinder.isStronger(b.weakest, than: a.weakest) { return false }
            if a.entities.count != b.entities.count { return a.entities.count < b.entities.count }
            return a.entities.lexicographicallyPrecedes(b.entities)
        }
        func keep(_ entities: [Int]) throws {
            var weakest: SupportStrength?
            for index in 0..<(entities.count - 1) {
                // A pair that only denied claims join is no link: no chain passes it.
                guard let strength = try strength(from: entities[index], to: entities[index + 1]) else { return }
                if index == 0 || PathFinder.isStronger(weakest, than: strength) { weakest = strength }
            }
            found += 1
            if let limit, kept.count >= limit {
                guard let last = kept.last,
                    precedes((entities: entities.map { ids[$0] }, weakest: weakest), last)
                else { return }
                kept.removeLast()
            }
            let chain = (entities: entities.map { ids[$0] }, weakest: weakest)
            var low = 0
            var high = kept.count
            while low < high {
                let middle = (low + high) / 2
                if precedes(kept[middle], chain) { low = middle + 1 } else { high = middle }
            }
            kept.insert(chain, at: low)
        }
        var explored = 0
        var isComplete = true
        var trail = [startNumber]
        var onTrail = Array(repeating: false, count: ids.count)
        onTrail[startNumber] = true
        func walk(_ entity: Int) throws {
            if explored >= PathFinder.explorationLimit {
                isComplete = false
                return
            }
            explored += 1
            let remaining = maxDepth - (trail.count - 1)
            for next in try neighboursInReach(of: entity) {
                let other = Int(next)
                guard !onTrail[other], Int(distanceToGoal[other]) <= remaining - 1 else { continue }
                if other == goalNumber {
                    try keep(trail + [goalNumber])
                    continue
                }
                trail.append(other)
                onTrail[other] = true
                try walk(other)
                trail.removeLast()
                onTrail[other] = false
            }
        }
        try walk(startNumber)
        if limit == 0 { return ([], found, isComplete) }
        return (try kept.map { Path(hops: try hops(along: $0.entities)) }, found, isComplete)
    }
}

extension ClaimStrength {
    /// Weaker than any real claim: for claims without citations.
    static let weakest = ClaimStrength(status: .disputed, reliability: .f, credibility: .cannotBeJudged)

    init(status: Evidence.Status, reliability: Reliability, credibility: Credibility) {
        self.status = status
        self.reliability = reliability
        self.credibility = credibility
    }
}
