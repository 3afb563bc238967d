import Foundation

/// Who is central in the graph: degree, betweenness and PageRank over the claims that pass a
/// filter and that some citation supports.
///
/// The one analysis that needs the whole graph: it streams the claims from the store once into
/// compact integer adjacency arrays (a few bytes per claim), never into objects per claim.
/// Betweenness is exact on graphs of up to ``exactBetweennessLimit`` entities; above that it is
/// estimated from a fixed sample of sources (Brandes–Pich), deterministic for a given store.
public struct Centrality: Sendable {
    /// One entity's scores.
    public struct Score: Sendable, Equatable {
        public let id: String
        /// Claims it takes part in (as subject or object).
        public let degree: Int
        /// Share of shortest paths between other entities that pass through it, 0–1
        /// (the graph taken as undirected).
        public let betweenness: Double
        /// PageRank with damping 0.85 over claims as directed links (symmetric ones both ways).
        public let pageRank: Double
    }

    public static let exactBetweennessLimit = 2_000

    public let scores: [Score]
    /// Sources of the betweenness estimate, or nil when it is exact.
    public let betweennessSamples: Int?

    /// The links centrality is worked out on, gathered one claim at a time: each end numbered
    /// as first met, a few bytes a claim.
    public struct Links: Sendable {
        let vocabulary: Vocabulary
        private var numbers: [String: Int32] = [:]
        fileprivate private(set) var ids: [String] = []
        fileprivate private(set) var subjects: [Int32] = []
        fileprivate private(set) var objects: [Int32] = []
        fileprivate private(set) var symmetric: [Bool] = []

        public init(vocabulary: Vocabulary) { self.vocabulary = vocabulary }

        /// Adds a claim as a link from its subject to its object (both ways when its predicate is
        /// symmetric).
        public mutating func add(subject: String, predicate: String, object: String) {
            subjects.append(number(subject))
            objects.append(number(object))
            symmetric.append(vocabulary[predicate]?.isSymmetric ?? false)
        }

        private mutating func number(_ id: String) -> Int32 {
            if let known = numbers[id] { return known }
            let next = Int32(ids.count)
            numbers[id] = next
            ids.append(id)
            return next
        }
    }

    /// The scores of the claims that pass `filter`, read from the store in id order.
    public init(
        store: GraphStore, filter: GraphFilter = GraphFilter(), betweennessSamples: Int = 256, graph: TransmissionGraph? = nil
    ) throws {
        let graph = try graph ?? TransmissionGraph(store: store)
        var links = Links(vocabulary: store.vocabulary)
        try store.forEachClaim { claim in
            // A claim that only denials stand behind links nobody (as for `path`).
            guard let kept = filter.apply(claim, vocabulary: store.vocabulary, graph: graph),
                kept.citations.contains(where: { $0.citation.stance != .denies })
            else { return }
            links.add(subject: claim.claim.subject, predicate: claim.claim.predicate, object: claim.claim.object)
        }
        self.init(links: links, betweennessSamples: betweennessSamples)
    }

    /// The scores of these links: the same as read from the store when the links were added
    /// in the same order (entities are numbered as met, and the betweenness sample is drawn by
    /// number).
    public init(links: Links, betweennessSamples: Int = 256) {
        let count = links.ids.count
        let (subjects, objects) = (links.subjects, links.objects)
        var degree = [Int](repeating: 0, count: count)
        for edge in subjects.indices {
            degree[Int(subjects[edge])] += 1
            degree[Int(objects[edge])] += 1
        }
        let pageRank = Centrality.pageRank(count: count, subjects: subjects, objects: objects, symmetric: links.symmetric)
        let samples = count <= Centrality.exactBetweennessLimit ? nil : min(count, max(1, betweennessSamples))
        let betweenness = Centrality.betweenness(count: count, subjects: subjects, objects: objects, samples: samples)
        scores = (0..<count).map {
            Score(id: links.ids[$0], degree: degree[$0], betweenness: betweenness[$0], pageRank: pageRank[$0])
        }
        self.betweennessSamples = samples
    }

    /// The `count` highest-scoring entities by one score, ties broken by id.
    public func top(_ count: Int, by score: (Score) -> Double) -> [Score] {
        Array(scores.sorted { (score($1), $0.id) < (score($0), $1.id) }.prefix(count))
    }

    static func pageRank(count: Int, subjects: [Int32], objects: [Int32], symmetric: [Bool]) -> [Double] {
        guard count > 0 else { return [] }
        var outDegree = [Int](repeating: 0, count: count)
        for edge in subjects.indices {
            outDegree[Int(subjects[edge])] += 1
            if symmetric[edge] { outDegree[Int(objects[edge])] += 1 }
        }
        let damping = 0.85
        var rank = [Double](repeating: 1 / Double(count), count: count)
        for _ in 0..<100 {
            var next = [Double](repeating: 0, count: count)
            var dangling = 0.0
            for node in 0..<count where outDegree[node] == 0 { dangling += rank[node] }
            for edge in subjects.indices {
                let from = Int(subjects[edge])
                let to = Int(objects[edge])
                next[to] += damping * rank[from] / Double(outDegree[from])
                if symmetric[edge] { next[from] += damping * rank[to] / Double(outDegree[to]) }
            }
            let base = (1 - damping) / Double(count) + damping * dangling / Double(count)
            var change = 0.0
            for node in 0..<count {
                next[node] += base
                change += abs(next[node] - rank[node])
            }
            rank = next
            if change < 1e-10 { break }
        }
        return rank
    }

    /// Brandes' algorithm on the undirected simple graph (parallel claims count once), from
    /// every source or from `samples` of them spread evenly over the entities.
    /// - Parameter splitWork: the work (sources × adjacency entries) from which the sum is
    ///   made in two halves on two threads.
    static func betweenness(
        count: Int, subjects: [Int32], objects: [Int32], samples: Int?, splitWork: Int = Centrality.splitWork
    ) -> [Double] {
        guard count > 2 else { return [Double](repeating: 0, count: count) }
        // Compressed adjacency, duplicates removed.
        var pairs: [Int64] = []
        pairs.reserveCapacity(subjects.count)
        for edge in subjects.indices where subjects[edge] != objects[edge] {
            let (a, b) = (Int64(min(subjects[edge], objects[edge])), Int64(max(subjects[edge], objects[edge])))
            pairs.append(a << 32 | b)
        }
        // Sorted, then each pair once: a set of a million pairs costs more to fill than to sort.
        pairs.sort()
        var unique = 0
        for index in pairs.indices where unique == 0 || pairs[unique - 1] != pairs[index] {
            pairs[unique] = pairs[index]
            unique += 1
        }
        pairs.removeLast(pairs.count - unique)
        var adjacencyCount = [Int](repeating: 0, count: count + 1)
        for pair in pairs {
            adjacencyCount[Int(pair >> 32) + 1] += 1
            adjacencyCount[Int(pair & 0xFFFF_FFFF) + 1] += 1
        }
        for node in 0..<count { adjacencyCount[node + 1] += adjacencyCount[node] }
        var fill = adjacencyCount
        var adjacency = [Int32](repeating: 0, count: adjacencyCount[count])
        for pair in pairs {
            let a = Int(pair >> 32)
            let b = Int(pair & 0xFFFF_FFFF)
            adjacency[fill[a]] = Int32(b)
            fill[a] += 1
            adjacency[fill[b]] = Int32(a)
            fill[b] += 1
        }
        let sources: [Int]
        if let samples {
            let step = Double(count) / Double(samples)
            sources = (0..<samples).map { Int(Double($0) * step) }
        } else {
            sources = Array(0..<count)
        }
        // A large graph's sources are shared between two threads, each summing its half, the
        // halves then added: by the size of the work, not the machine's cores, so that a store
        // gets the same scores everywhere (the order of the sums decides the last bits).
        let halves =
            sources.count * adjacency.count >= splitWork
            ? [sources[..<(sources.count / 2)], sources[(sources.count / 2)...]] : [sources[...]]
        let sums = Sums(count: halves.count)
        let (adjacencyStart, adjacencyLists) = (adjacencyCount, adjacency)
        DispatchQueue.concurrentPerform(iterations: halves.count) { half in
            sums.set(
                half,
                Centrality.dependencies(
                    from: halves[half], count: count, adjacencyStart: adjacencyStart, adjacency: adjacencyLists))
        }
        var centrality = sums.values[0]
        for other in sums.values.dropFirst() {
            for node in 0..<count { centrality[node] += other[node] }
        }
        // Undirected: each pair counted from both ends; scale a sample up to all sources; then
        // normalise by the number of pairs of other entities.
        let scale = Double(count) / Double(sources.count) / 2
        let pairsOfOthers = Double(count - 1) * Double(count - 2) / 2
        return centrality.map { $0 * scale / pairsOfOthers }
    }

    /// The work (sources × adjacency entries) from which betweenness runs on two threads: about
    /// a second of one thread's time.
    static let splitWork = 100_000_000

    /// The dependencies accumulated from each of `sources` (Brandes), summed in their order.
    private static func dependencies(
        from sources: ArraySlice<Int>, count: Int, adjacencyStart: [Int], adjacency: [Int32]
    ) -> [Double] {
        // Buffers of its own, indexed without checks: every index below is a node or an
        // adjacency position, in range by construction, a billion times at a million claims.
        let distance = UnsafeMutableBufferPointer<Int32>.allocate(capacity: count)
        let paths = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
        let dependency = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
        // Once every node reached is taken, the queue is the order they were reached in.
        let queue = UnsafeMutableBufferPointer<Int32>.allocate(capacity: count)
        let centrality = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
        defer {
            for buffer in [
                UnsafeMutableRawBufferPointer(distance), .init(paths), .init(dependency), .init(queue), .init(centrality),
            ] {
                buffer.deallocate()
            }
        }
        centrality.initialize(repeating: 0)
        adjacencyStart.withUnsafeBufferPointer { start in
            adjacency.withUnsafeBufferPointer { adjacency in
                for source in sources {
                    distance.initialize(repeating: -1)
                    paths.initialize(repeating: 0)
                    dependency.initialize(repeating: 0)
                    distance[source] = 0
                    paths[source] = 1
                    var head = 0
                    var tail = 0
                    queue[tail] = Int32(source)
                    tail += 1
                    while head < tail {
                        let node = Int(queue[head])
                        head += 1
                        for position in start[node]..<start[node + 1] {
                            let next = Int(adjacency[position])
                            if distance[next] < 0 {
                                distance[next] = distance[node] + 1
                                queue[tail] = Int32(next)
                                tail += 1
                            }
                            if distance[next] == distance[node] + 1 { paths[next] += paths[node] }
                        }
                    }
                    var taken = tail
                    while taken > 0 {
                        taken -= 1
                        let current = Int(queue[taken])
                        for position in start[current]..<start[current + 1] {
                            let previous = Int(adjacency[position])
                            if distance[previous] == distance[current] - 1 {
                                dependency[previous] += paths[previous] / paths[current] * (1 + dependency[current])
                            }
                        }
                        if current != source { centrality[current] += dependency[current] }
                    }
                }
            }
        }
        return Array(centrality)
    }

    /// The sums of each thread, kept apart: each thread sets its own slot once.
    private final class Sums: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var values: [[Double]]
        init(count: Int) { values = Array(repeating: [], count: count) }
        func set(_ slot: Int, _ sums: [Double]) {
            lock.lock()
            defer { lock.unlock() }
            values[slot] = sums
        }
    }
}
