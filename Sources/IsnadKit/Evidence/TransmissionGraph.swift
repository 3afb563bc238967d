/// Sources' `cites` and reliabilities, held in memory, with each source's transitive closure
/// worked out once and kept: weighing every claim of a store reads each source's chain as often
/// as it is cited but walks it only once.
///
/// It mirrors ``TransmissionChain`` (`.relays`), which asks the store at every step; this one
/// answers from memory, for passes over many claims. A graph made with
/// ``init(readingOnDemandFrom:)`` holds only the sources it was asked about and those they cite,
/// read from the store the first time each is needed: a query that shows a few claims of a large
/// store reads a few sources, not all of them.
///
/// Every walk stops ``CitesDepth/stepsAtMost`` steps of `cites` from where it starts: the
/// chains an import, `add`, `set` and `edit` let in are never deeper, and on a store another
/// program made deeper (`check` reports it) weighing stays linear in the store rather than
/// keeping every claimant's whole chain.
public final class TransmissionGraph {
    private var cites: [String: [String]]
    private var reliabilities: [String: Reliability]
    /// The store sources are read from when first needed; nil when every source was given.
    private let store: GraphStore?
    /// Sources asked about that the store does not hold (or could not be read): dead ends graded F.
    private var missing: Set<String> = []
    /// The first error met reading a source on demand (see ``throwReadFailure()``).
    public private(set) var readFailure: (any Error)?
    /// By source number: the source's closure as a chain's sources, ascending by number
    /// (worked out when the source is first the claimant or via of a citation).
    private var numberedClosures: [[Chain.NumberedSource]?] = []
    /// By source number: the chain of a citation with that claimant and no via.
    private var soloChains: [Chain?] = []
    /// The chain asked for last: a claim's citations often follow one another with the same
    /// claimant and via, and then their chain is found without hashing.
    private var lastChain: (source: String, via: String?, chain: Chain)?
    /// By via number: for each source it reaches, the source before it on its best route
    /// (``bestRoutes(from:)``), worked out only for a via that reaches a claimant through relays.
    private var routesByVia: [Int32: [Int32: Int32]] = [:]
    /// Source id → its number (given when first met in a chain), and back.
    private var numbers: [String: Int32] = [:]
    private(set) var numberedIDs: [String] = []
    /// Room for weighing, one slot per source number; every slot is back to zero between claims,
    /// so that weighing a claim allocates nothing that grows with its chains.
    var slots: [Slot] = []
    /// By source number: the last closure walk that reached the source (``walkNumberedClosure(of:)``).
    private var closureMarks: [Int] = []
    private var closureWalks = 0

    /// What weighing one claim notes about one source (see ``channels(of:chains:)``).
    struct Slot {
        /// 1 + the first distinct chain that reached the source; 0 when none has.
        var owner: Int32 = 0
        /// How many chains of the channel being judged reach the source.
        var count: Int32 = 0
        /// The largest distance at which they reach it.
        var distance: Int32 = 0
    }

    /// A graph of these sources; a source cited but not given is a dead end graded F.
    public convenience init(sources: some Sequence<Source>) {
        var cites: [String: [String]] = [:]
        var reliabilities: [String: Reliability] = [:]
        for source in sources {
            cites[source.id] = source.cites
            reliabilities[source.id] = source.reliability
        }
        self.init(cites: cites, reliabilities: reliabilities, store: nil)
    }

    private init(cites: [String: [String]], reliabilities: [String: Reliability], store: GraphStore?) {
        self.cites = cites
        self.reliabilities = reliabilities
        self.store = store
    }

    /// Whether the graph reads sources from the store as chains need them
    /// (``init(readingOnDemandFrom:)``) rather than holding every source.
    var readsOnDemand: Bool { store != nil }

    /// A graph of the same sources that shares nothing mutable with this one, for weighing on
    /// another thread at the same time (the chains and closures worked out are each graph's
    /// own); nil for a graph that reads the store on demand, which only one thread may use.
    func copyForAnotherThread() -> TransmissionGraph? {
        guard store == nil else { return nil }
        return TransmissionGraph(cites: cites, reliabilities: reliabilities, store: nil)
    }

    /// Every source of a store (read once, in id order): only its grade and what it cites,
    /// which at 25,000 sources is half the time of reading them whole. For passes over the
    /// whole store (exports, statistics).
    public convenience init(store: GraphStore) throws {
        var cites: [String: [String]] = [:]
        var reliabilities: [String: Reliability] = [:]
        try store.forEachSourceGrade { id, reliability, cited in
            cites[id] = cited
            reliabilities[id] = reliability
        }
        self.init(cites: cites, reliabilities: reliabilities, store: nil)
    }

    /// A graph that reads each source's grade and cites from the store the first time a chain
    /// needs it, and keeps it: its cost grows with the claims weighed, not with the store.
    ///
    /// Weighing does not throw, so a source that cannot be read is taken for one the store does
    /// not hold (graded F) and the error kept: ``throwReadFailure()`` throws it once the answer
    /// is written. The store is read in one snapshot, so every source read belongs to it.
    public convenience init(readingOnDemandFrom store: GraphStore) {
        self.init(cites: [:], reliabilities: [:], store: store)
    }

    /// Throws the first error met reading a source on demand, if any.
    public func throwReadFailure() throws {
        if let readFailure { throw readFailure }
    }

    /// Reads the source from the store when the graph reads on demand and has not read it yet.
    private func load(_ id: String) {
        guard let store, reliabilities[id] == nil, !missing.contains(id) else { return }
        do {
            if let grade = try store.sourceGrade(id: id) {
                reliabilities[id] = grade.reliability
                cites[id] = grade.cites
            } else {
                missing.insert(id)
            }
        } catch {
            if readFailure == nil { readFailure = error }
            missing.insert(id)
        }
    }

    /// Reads every source the chains of these claims reach that the graph has not read yet, one
    /// statement per step of `cites` (and per ``GraphStore/batchSize`` sources) rather than one
    /// per source. Only for a graph that reads on demand; an error is kept as ``load(_:)`` keeps
    /// it, and the sources left unread are then read one by one when weighed.
    func readChains(of claims: some Sequence<GradedClaim>) {
        guard let store else { return }
        var wanted: [String] = []
        var met: Set<String> = []
        func want(_ id: String) {
            if reliabilities[id] == nil, !missing.contains(id), met.insert(id).inserted { wanted.append(id) }
        }
        for claim in claims {
            for cited in claim.citations {
                want(cited.citation.source)
                if let via = cited.citation.via { want(via) }
            }
        }
        // Sources more steps away than a chain is followed are never weighed.
        var steps = 0
        while !wanted.isEmpty, steps <= CitesDepth.stepsAtMost {
            steps += 1
            let grades: [String: (reliability: Reliability, cites: [String])]
            do {
                grades = try store.sourceGrades(ids: wanted)
            } catch {
                if readFailure == nil { readFailure = error }
                return
            }
            let step = wanted
            wanted = []
            for id in step {
                guard let grade = grades[id] else {
                    missing.insert(id)
                    continue
                }
                reliabilities[id] = grade.reliability
                cites[id] = grade.cites
                for cited in grade.cites { want(cited) }
            }
        }
    }

    /// The source's reliability; F (cannot be judged) for a source the graph does not hold.
    public func reliability(of id: String) -> Reliability {
        load(id)
        return reliabilities[id] ?? .f
    }

    /// The sources `id` relays, transitively, each with its fewest `cites` steps from `id`
    /// (`id` itself at 0), up to ``CitesDepth/stepsAtMost`` steps. A cycle in `cites` ends where it closes: every source on it is
    /// reached once, at its shortest distance.
    ///
    /// Read from the walk and the memo that ``chain(of:)`` uses (``numberedClosure(of:)``).
    public func closure(of id: String) -> [String: Int] {
        var depths: [String: Int] = [:]
        for reached in numberedClosure(of: number(id)) { depths[reached.id] = Int(reached.distance) }
        return depths
    }

    /// Whether every path of `cites` from `relay` to `claimant` passes through `source`, and
    /// there is one: the relay knows the claimant's words only through the source (a column
    /// that cites only the article, quoting what the article quoted). Two relays side by side,
    /// each reaching the claimant, and neither carries it alone.
    public func reaches(_ claimant: String, from relay: String, onlyThrough source: String) -> Bool {
        guard relay != source, claimant != source else { return false }
        return reaches(claimant, from: relay) && !reaches(claimant, from: relay, avoiding: source)
    }

    /// The relays `via` can at best have had `claimant`'s words through: the sources between the
    /// two on the route of `cites` whose weakest source is the most reliable (of routes equally
    /// good, the shortest, then the first as the sources list what they cite), nearest the via
    /// first. An article that cites a wire agency that cites a ministry, and not the ministry
    /// itself, read the ministry in the wire, and what it says of the ministry is no better than
    /// the wire; citing two E wires, still E; citing an A wire beside the E one, it may have had
    /// them through the A. Empty when the via cites the claimant itself or reaches it not at all.
    ///
    /// Worked out once for each via, over its closure only, and only for a via that reaches some
    /// claimant two steps or more away.
    public func carriers(of claimant: String, to via: String) -> [String] {
        let claimantNumber = number(claimant)
        let viaNumber = number(via)
        let closure = numberedClosure(of: viaNumber)
        // The closure is sorted by number; the claimant's fewest steps from the via decide.
        var low = 0
        var high = closure.count
        while low < high {
            let middle = (low + high) / 2
            if closure[middle].number < claimantNumber { low = middle + 1 } else { high = middle }
        }
        guard low < closure.count, closure[low].number == claimantNumber, closure[low].distance >= 2 else { return [] }
        let routes = routesByVia[viaNumber] ?? bestRoutes(from: viaNumber)
        routesByVia[viaNumber] = routes
        var relays: [String] = []
        var step = routes[claimantNumber]
        while let current = step, current != viaNumber {
            relays.append(numberedIDs[Int(current)])
            step = routes[current]
        }
        return relays.reversed()
    }

    /// For every source the via reaches, the source before it on its best route from the via
    /// (``carriers(of:to:)``): one breadth-first walk for each grade, A first, in which only
    /// sources graded that or better pass the words on, each source kept at the walk that first
    /// reached it. So the walk is linear in the via's closure, however long its chains, and a
    /// cycle of `cites` (refused on import, reported by `check`) ends where it closes.
    private func bestRoutes(from via: Int32) -> [Int32: Int32] {
        var before: [Int32: Int32] = [:]
        for grade in Reliability.allCases {
            var seen: Set<Int32> = [via]
            var queue = [(number: via, steps: 0)]
            var index = 0
            while index < queue.count {
                let (current, steps) = queue[index]
                index += 1
                let id = numberedIDs[Int(current)]
                if current != via, reliability(of: id) > grade { continue }
                guard steps < CitesDepth.stepsAtMost else { continue }
                for cited in cites[id] ?? [] {
                    let number = number(cited)
                    guard seen.insert(number).inserted else { continue }
                    if before[number] == nil, number != via { before[number] = current }
                    queue.append((number, steps + 1))
                }
            }
        }
        return before
    }

    /// Whether some path of `cites` leads from `relay` to `claimant` (not through `avoided`), in
    /// ``CitesDepth/stepsAtMost`` steps at most.
    public func reaches(_ claimant: String, from relay: String, avoiding avoided: String? = nil) -> Bool {
        var seen: Set<String> = [relay]
        var queue = [(id: relay, steps: 0)]
        var index = 0
        while index < queue.count {
            let (current, steps) = queue[index]
            index += 1
            guard steps < CitesDepth.stepsAtMost else { continue }
            load(current)
            for cited in cites[current] ?? [] where cited != avoided && seen.insert(cited).inserted {
                if cited == claimant { return true }
                queue.append((cited, steps + 1))
            }
        }
        return false
    }

    /// A citation's chain: see ``Chain``.
    ///
    /// Nothing is kept per (claimant, via) pair, of which a large store has hundreds of
    /// thousands: each source's closure is numbered once, and a chain with a via is the merge
    /// of two such short sorted lists.
    public func chain(of citation: Citation) -> Chain {
        if let last = lastChain, last.source == citation.source, last.via == citation.via { return last.chain }
        let source = number(citation.source)
        let chain: Chain
        if let via = citation.via, via != citation.source {
            let viaNumber = number(via)
            chain = Chain(
                serial: Int(source) << 32 | Int(viaNumber + 1),
                numbered: Chain.merge(numberedClosure(of: viaNumber), numberedClosure(of: source), offset: 1))
        } else if let known = soloChains[Int(source)] {
            chain = known
        } else {
            chain = Chain(serial: Int(source) << 32, numbered: numberedClosure(of: source))
            soloChains[Int(source)] = chain
        }
        lastChain = (citation.source, citation.via, chain)
        return chain
    }

    /// The source's number, given when it is first met, with a slot.
    private func number(_ id: String) -> Int32 {
        var isNew = false
        let number = numbers.value(for: id, orPut: Int32(numberedIDs.count), isPut: &isNew)
        guard isNew else { return number }
        numberedIDs.append(id)
        slots.append(Slot())
        numberedClosures.append(nil)
        soloChains.append(nil)
        return number
    }

    /// The closure of the source numbered `number`, as a chain's sources.
    private func numberedClosure(of number: Int32) -> [Chain.NumberedSource] {
        if let known = numberedClosures[Int(number)] { return known }
        // Kept numbered only: a pass over a million claims would otherwise hold every source's
        // closure twice, as a dictionary and as this list.
        let numbered = walkNumberedClosure(of: number)
        numberedClosures[Int(number)] = numbered
        return numbered
    }

    /// ``closure(of:)`` by number, walked breadth first with a queue of its own, not recursion (a
    /// chain may be as long as the data): each source numbered as it is met, and marked in
    /// ``closureMarks`` rather than hashed into a dictionary. It stops ``CitesDepth/stepsAtMost``
    /// steps away, so that N claimants along one chain keep N short closures, not N²/2 entries.
    private func walkNumberedClosure(of start: Int32) -> [Chain.NumberedSource] {
        closureWalks += 1
        var reached = [Chain.NumberedSource(id: numberedIDs[Int(start)], number: start, distance: 0)]
        _ = mark(start)
        var index = 0
        while index < reached.count {
            let current = reached[index]
            index += 1
            guard current.distance < CitesDepth.stepsAtMost else { continue }
            load(current.id)
            for cited in cites[current.id] ?? [] {
                let number = number(cited)
                guard mark(number) else { continue }
                reached.append(Chain.NumberedSource(id: cited, number: number, distance: current.distance + 1))
            }
        }
        reached.sort { $0.number < $1.number }
        return reached
    }

    /// Marks the source as reached by the closure being walked; false when it was already.
    private func mark(_ number: Int32) -> Bool {
        let index = Int(number)
        if index >= closureMarks.count {
            closureMarks.append(contentsOf: repeatElement(0, count: index + 1 - closureMarks.count))
        }
        guard closureMarks[index] != closureWalks else { return false }
        closureMarks[index] = closureWalks
        return true
    }

    /// The sources of `depths` by number, ascending (numbers given to sources met for the first
    /// time, with a slot each).
    func numbered(_ depths: [String: Int]) -> [Chain.NumberedSource] {
        var numbered: [Chain.NumberedSource] = []
        numbered.reserveCapacity(depths.count)
        for (id, depth) in depths {
            numbered.append(Chain.NumberedSource(id: id, number: number(id), distance: Int32(clamping: depth)))
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
    /// The sources, as their graph numbers them, ascending by number (by id when not made by a
    /// graph, numbered -1), each with its distance.
    let numbered: [NumberedSource]
    /// The source nearest to the reader (smallest distance, then smallest id): the chain's own
    /// common link. Nil only for an empty chain.
    let nearest: (source: String, distance: Int)?
    /// Which chain of its ``TransmissionGraph`` this is (-1 when not made by one): equal
    /// serials, equal chains.
    let serial: Int

    /// A source of a chain: its id, its number in the graph, its distance from the reader.
    struct NumberedSource: Sendable {
        let id: String
        let number: Int32
        let distance: Int32
    }

    public init(depths: [String: Int]) {
        self.init(
            serial: -1,
            numbered: depths.sorted { $0.key < $1.key }.map {
                NumberedSource(id: $0.key, number: -1, distance: Int32(clamping: $0.value))
            })
    }

    init(serial: Int, numbered: [NumberedSource]) {
        self.serial = serial
        self.numbered = numbered
        var nearest: (source: String, distance: Int)?
        for source in numbered
        where nearest.map({ (Int(source.distance), source.id) < ($0.distance, $0.source) }) ?? true {
            nearest = (source.id, Int(source.distance))
        }
        self.nearest = nearest
    }

    /// Two numbered lists as one, ascending by number; `later`'s distances are `offset` further
    /// and a source in both keeps its shorter distance.
    static func merge(_ first: [NumberedSource], _ later: [NumberedSource], offset: Int32) -> [NumberedSource] {
        var merged: [NumberedSource] = []
        merged.reserveCapacity(first.count + later.count)
        var (i, j) = (0, 0)
        while i < first.count || j < later.count {
            if j == later.count || (i < first.count && first[i].number < later[j].number) {
                merged.append(first[i])
                i += 1
            } else {
                let shifted = NumberedSource(
                    id: later[j].id, number: later[j].number, distance: later[j].distance &+ offset)
                if i < first.count, first[i].number == shifted.number {
                    merged.append(first[i].distance <= shifted.distance ? first[i] : shifted)
                    i += 1
                } else {
                    merged.append(shifted)
                }
                j += 1
            }
        }
        return merged
    }

    /// Source id → distance from the reader.
    public var depths: [String: Int] {
        Dictionary(numbered.map { ($0.id, Int($0.distance)) }, uniquingKeysWith: min)
    }

    /// Whether the chain passes through `source`. (A chain holds a handful of sources: a
    /// scan beats hashing.)
    public func contains(_ source: String) -> Bool { numbered.contains { $0.id == source } }

    /// The source ids, nearest first, then by id.
    public var sources: [String] {
        numbered.sorted { (Int($0.distance), $0.id) < (Int($1.distance), $1.id) }.map(\.id)
    }

    public static func == (lhs: Chain, rhs: Chain) -> Bool { lhs.depths == rhs.depths }

    public func hash(into hasher: inout Hasher) { hasher.combine(depths) }
}
