/// The actors within a number of hops of one entity, and the claims that link them.
///
/// Explored breadth-first through the store's subject and object indexes, one entity at a
/// time: the cost follows the size of the neighbourhood, never the size of the store. Only
/// claims that pass the filter are followed.
public struct Neighborhood: Sendable {
    /// The entity explored from.
    public let center: String
    /// Every entity reached, with its distance in hops (the center at 0).
    public private(set) var depths: [String: Int]

    /// The hop at which the walk reached each claim, by id.
    private var hops: [String: Int] = [:]

    /// The hop at which the walk reached a claim: one more than the distance of the entity it
    /// was followed from (its nearer end, or under `--direction` the end it may be followed
    /// from). Hop N holds the claims of the entities N − 1 hops away that no earlier hop held,
    /// those between two of them included, so that hop 1 is the same at every depth.
    public func hop(of claim: Claim) -> Int { hops[claim.id] ?? 1 }
    /// The claims followed, in the order they were found.
    public private(set) var claims: [GradedClaim]

    /// Explores up to `depth` hops from `center`.
    /// - Parameters:
    ///   - direction: `.out` follows claims from subject to object, `.in` from object to subject,
    ///     `.both` either way (symmetric predicates are always followed both ways).
    ///   - graph: the store's transmission graph, when the caller has read it already (filters
    ///     that weigh claims need it; else it is read when first needed).
    public init(
        store: GraphStore, center: String, depth: Int, direction: GraphStore.Direction = .both,
        filter: GraphFilter = GraphFilter(), graph: TransmissionGraph? = nil
    ) throws {
        self.center = center
        let adjacency = Adjacency(
            store: store, filter: filter, direction: direction,
            transmission: TransmissionGraph.Deferred(store: store, graph: graph))
        // A claim between two entities of the neighbourhood is met from both ends but kept
        // once. Claims met by their rows are read whole at the end, in one batch.
        var followed: [GradedClaim] = []
        var hops: [String: Int] = [:]
        var rows: [Int64] = []
        var hopOfRow: [Int64: Int] = [:]
        depths = try Neighborhood.breadthFirst(from: center, depth: depth) { entity, hop, reach in
            try adjacency.forEachStep(from: entity) { step in
                switch step.claim {
                // The first hop that meets a claim is its hop: breadth first, the nearest.
                case .row(let row):
                    if hopOfRow[row] == nil {
                        hopOfRow[row] = hop
                        rows.append(row)
                    }
                case .whole(let claim):
                    if hops[claim.claim.id] == nil {
                        hops[claim.claim.id] = hop
                        followed.append(claim)
                    }
                }
                reach(step.other)
            }
        }
        if !rows.isEmpty {
            followed.reserveCapacity(rows.count)
            var position = 0
            // In the rows' order, as they were asked for.
            try store.forEachClaim(rows: rows) { claim in
                hops[claim.claim.id] = hopOfRow[rows[position]]
                position += 1
                followed.append(claim)
            }
        }
        claims = followed
        self.hops = hops
    }

    /// Breadth-first from `center`, `depth` hops at most: `expand(entity, hop, reach)` must call
    /// `reach` with the other end of each claim of `entity` that it follows, which the walk
    /// reaches at `hop` (from 1). The entities of one hop are expanded in id order. Returns every
    /// entity reached with its distance.
    private static func breadthFirst(
        from center: String, depth: Int,
        _ expand: (_ entity: String, _ hop: Int, _ reach: (String) -> Void) throws -> Void
    ) throws -> [String: Int] {
        var depths = [center: 0]
        var frontier = [center]
        for hop in 0..<max(0, depth) {
            var next: [String] = []
            for entity in frontier {
                try expand(entity, hop + 1) { other in
                    if depths[other] == nil {
                        depths[other] = hop + 1
                        next.append(other)
                    }
                }
            }
            frontier = next.sorted()
            if frontier.isEmpty { break }
        }
        return depths
    }
}

/// Every claim of a neighbourhood, for a listing of any size in flat memory: the walk keeps, per
/// claim, only its row (or its id, under a filter that reads claims whole), its hop and its
/// predicate; ``forEach(_:)`` then reads the claims whole one at a time, in the order of the
/// listing: by hop, then predicate, then id (the ids of one hop and predicate are read and sorted
/// together).
public struct NeighborhoodListing {
    /// 16 bytes a claim: a million claims take 16 MB. `key` is the claim's row, or, when it is
    /// negative, `-(index + 1)` in ``ids`` (claims read whole, under a filter on evidence).
    private struct Entry {
        var hop: Int32
        var predicate: Int32
        let key: Int64
    }

    private let store: GraphStore
    private let filter: GraphFilter
    private let graph: TransmissionGraph
    private var entries: [Entry] = []
    private var ids: [String] = []
    /// The entities reached, the center left out.
    public private(set) var entities = 0
    /// The claims the listing holds.
    public var claims: Int { entries.count }

    /// Walks up to `depth` hops from `center` as ``Neighborhood`` does.
    public init(
        store: GraphStore, center: String, depth: Int, direction: GraphStore.Direction = .both,
        filter: GraphFilter = GraphFilter(), graph: TransmissionGraph
    ) throws {
        self.store = store
        self.filter = filter
        self.graph = graph
        let adjacency = Adjacency(
            store: store, filter: filter, direction: direction,
            transmission: TransmissionGraph.Deferred(store: store, graph: graph))
        var depths = [center: 0]
        var frontier = [center]
        var predicates: [String: Int32] = [:]
        // One bit a row (125 KB for a million claims), where a set of rows would take 16 MB.
        var seenRows = RowBits(largest: try store.largestClaimRow())
        var seenClaims: Set<String> = []
        for hop in 0..<max(0, depth) {
            var next: [String] = []
            for entity in frontier {
                try adjacency.forEachStep(from: entity) { step in
                    if depths[step.other] == nil {
                        depths[step.other] = hop + 1
                        next.append(step.other)
                    }
                    let key: Int64
                    switch step.claim {
                    case .row(let row):
                        guard seenRows.insert(row) else { return }
                        key = row
                    case .whole(let claim):
                        guard seenClaims.insert(claim.claim.id).inserted else { return }
                        ids.append(claim.claim.id)
                        key = -Int64(ids.count)
                    }
                    let predicate = predicates[step.predicate] ?? Int32(predicates.count)
                    predicates[step.predicate] = predicate
                    // The hop that reached it (see ``Neighborhood/hop(of:)``).
                    entries.append(Entry(hop: Int32(hop + 1), predicate: predicate, key: key))
                }
            }
            frontier = next.sorted()
            if frontier.isEmpty { break }
        }
        entities = depths.count - 1
        seenRows = RowBits(largest: 0)
        seenClaims = []
        depths = [:]
        // Predicates by name: the walk numbered them as met. Renumbered in place, sorted in place.
        var rank = [Int32](repeating: 0, count: predicates.count)
        for (position, entry) in predicates.sorted(by: { $0.key < $1.key }).enumerated() {
            rank[Int(entry.value)] = Int32(position)
        }
        for index in entries.indices { entries[index].predicate = rank[Int(entries[index].predicate)] }
        entries.sort { ($0.hop, $0.predicate) < ($1.hop, $1.predicate) }
    }

    /// Calls `body` with each claim, whole, and its hop, in the listing's order.
    public func forEach(_ body: (_ claim: GradedClaim, _ hop: Int) throws -> Void) throws {
        var start = 0
        while start < entries.count {
            var end = start
            while end < entries.count, entries[end].hop == entries[start].hop,
                entries[end].predicate == entries[start].predicate
            {
                end += 1
            }
            var wholeIDs: [String] = []
            for entry in entries[start..<end] where entry.key < 0 { wholeIDs.append(ids[Int(-entry.key - 1)]) }
            var rows: [(id: String, row: Int64)] = []
            try store.forEachClaimID(rows: entries[start..<end].lazy.filter { $0.key >= 0 }.map(\.key)) { row, id in
                rows.append((id, row))
            }
            let hop = Int(entries[start].hop)
            rows.sort { $0.id < $1.id }
            try store.forEachClaim(rows: rows.map(\.row)) { try body($0, hop) }
            for id in wholeIDs.sorted() {
                guard let claim = try store.claim(id: id),
                    let kept = filter.apply(claim, vocabulary: store.vocabulary, graph: graph)
                else { continue }
                try body(kept, hop)
            }
            start = end
        }
    }
}
