/// Every source's `cites` and reliability, held in memory, with each source's transitive
/// closure worked out once and kept: weighing every claim of a store reads each source's
/// chain as often as it is cited but walks it only once.
///
/// It mirrors ``TransmissionChain`` (`.relays`), which asks the store at every step; this one
/// answers from memory, for passes over many claims.
public final class TransmissionGraph {
    private let cites: [String: [String]]
    private let reliabilities: [String: Reliability]
    /// Source id → (source id → fewest `cites` steps from it; itself at 0).
    private var closures: [String: [String: Int]] = [:]
    /// (claimant, via) → chain: many citations share a claimant and a via, and their chain is
    /// worked out once. Bounded (it starts over past ``chainMemoLimit`` pairs): a pass over a
    /// whole store stays in flat memory however many pairs its citations use.
    private var chains: [ChainKey: Chain] = [:]
    static let chainMemoLimit = 1 << 13
    /// The chain asked for last: a claim's citations often follow one another with the same
    /// claimant and via, and then their chain is found without hashing.
    private var lastChain: (key: ChainKey, chain: Chain)?
    /// Each chain worked out gets the next serial: two chains with one serial are one chain.
    private var nextSerial = 0
    /// Source id → its number in ``Chain/numbered`` (given when first met in a chain), and back.
    private var numbers: [String: Int32] = [:]
    private(set) var numberedIDs: [String] = []
    /// Room for weighing, one slot per source number; every slot is back to zero between claims,
    /// so that weighing a claim allocates nothing that grows with its chains.
    var slots: [Slot] = []

    /// What weighing one claim notes about one source (see ``channels(of:chains:)``).
    struct Slot {
        /// 1 + the first distinct chain that reached the source; 0 when none has.
        var owner: Int32 = 0
        /// How many chains of the channel being judged reach the source.
        var count: Int32 = 0
        /// The largest distance at which they reach it.
        var distance: Int32 = 0
    }

    private struct ChainKey: Hashable {
        let source: String
        let via: String?
    }

    /// A graph of these sources; a source cited but not given is a dead end graded F.
    public init(sources: some Sequence<Source>) {
        var cites: [String: [String]] = [:]
        var reliabilities: [String: Reliability] = [:]
        for source in sources {
            cites[source.id] = source.cites
            reliabilities[source.id] = source.reliability
        }
        self.cites = cites
        self.reliabilities = reliabilities
    }

    /// Every source of a store (read once, in id order).
    public convenience init(store: GraphStore) throws {
        var sources: [Source] = []
        try store.forEachSource { source in
            var source = source
            source.text = nil  // the graph needs only cites and grades; full texts can be large
            sources.append(source)
        }
        self.init(sources: sources)
    }

    /// The source's reliability; F (cannot be judged) for a source the graph does not hold.
    public func reliability(of id: String) -> Reliability { reliabilities[id] ?? .f }

    /// The sources `id` relays, transitively, each with its fewest `cites` steps from `id`
    /// (`id` itself at 0). A cycle in `cites` ends where it closes: every source on it is
    /// reached once, at its shortest distance.
    public func closure(of id: String) -> [String: Int] {
        if let known = closures[id] { return known }
        // Breadth first with a queue of its own, not recursion: a chain may be as long as the data.
        var depths: [String: Int] = [id: 0]
        var queue = [id]
        var index = 0
        while index < queue.count {
            let current = queue[index]
            index += 1
            let depth = depths[current] ?? 0
            for cited in cites[current] ?? [] where depths[cited] == nil {
                depths[cited] = depth + 1
                queue.append(cited)
            }
        }
        closures[id] = depths
        return depths
    }

    /// A citation's chain: see ``Chain``.
    public func chain(of citation: Citation) -> Chain {
        let key = ChainKey(source: citation.source, via: citation.via)
        if let last = lastChain, last.key == key { return last.chain }
        if let known = chains[key] {
            lastChain = (key, known)
            return known
        }
        var depths: [String: Int] = [:]
        func merge(_ closure: [String: Int], at offset: Int) {
            for (id, depth) in closure { depths[id] = min(depths[id] ?? Int.max, depth + offset) }
        }
        if let via = citation.via, via != citation.source {
            merge(closure(of: via), at: 0)
            merge(closure(of: citation.source), at: 1)
        } else {
            merge(closure(of: citation.source), at: 0)
        }
        let chain = Chain(depths: depths, serial: nextSerial, numbered: numbered(depths))
        nextSerial += 1
        if chains.count >= TransmissionGraph.chainMemoLimit { chains.removeAll(keepingCapacity: true) }
        chains[key] = chain
        lastChain = (key, chain)
        return chain
    }

    /// The sources of `depths` by number, ascending (numbers given to sources met for the first
    /// time, with a slot each).
    func numbered(_ depths: [String: Int]) -> [Chain.NumberedSource] {
        var numbered: [Chain.NumberedSource] = []
        numbered.reserveCapacity(depths.count)
        for (id, depth) in depths {
            let number: Int32
            if let known = numbers[id] {
                number = known
            } else {
                number = Int32(numberedIDs.count)
                numbers[id] = number
                numberedIDs.append(id)
                slots.append(Slot())
            }
            numbered.append(Chain.NumberedSource(number: number, distance: Int32(clamping: depth)))
        }
        numbered.sort { $0.number < $1.number }
        return numbered
    }
}

/// The sources a citation reaches us through, each with its distance from the reader.
///
/// A citation's chain is its claimant (`source`), the document we read it in (`via`, when
/// given), and every source those two `cites`, transitively. Distance counts hops from the
/// reader: the `via` is at 0 (it is what we hold), the claimant at 1 when there is a `via` and
/// at 0 when there is none, and each `cites` step adds 1; a source reached several ways keeps
/// its shortest distance.
public struct Chain: Hashable, Sendable {
    /// Source id → distance from the reader.
    public let depths: [String: Int]
    /// The source nearest to the reader (smallest distance, then smallest id): the chain's own
    /// common link. Nil only for an empty chain.
    let nearest: (source: String, distance: Int)?
    /// Which chain of its ``TransmissionGraph`` this is (-1 when not made by one): equal
    /// serials, equal chains.
    let serial: Int
    /// The sources as their graph numbers them, ascending (empty when not made by a graph).
    let numbered: [NumberedSource]

    /// A source of a chain, as its graph numbers it.
    struct NumberedSource: Sendable {
        let number: Int32
        let distance: Int32
    }

    public init(depths: [String: Int]) { self.init(depths: depths, serial: -1, numbered: []) }

    init(depths: [String: Int], serial: Int, numbered: [NumberedSource]) {
        self.depths = depths
        self.serial = serial
        self.numbered = numbered
        var nearest: (source: String, distance: Int)?
        for (id, depth) in depths where nearest.map({ (depth, id) < ($0.distance, $0.source) }) ?? true {
            nearest = (id, depth)
        }
        self.nearest = nearest
    }

    public func contains(_ source: String) -> Bool { depths[source] != nil }

    /// The source ids, nearest first, then by id.
    public var sources: [String] {
        depths.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map(\.key)
    }

    public static func == (lhs: Chain, rhs: Chain) -> Bool { lhs.depths == rhs.depths }

    public func hash(into hasher: inout Hasher) { hasher.combine(depths) }
}
