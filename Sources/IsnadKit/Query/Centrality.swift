/// Who is central in the graph: degree, betweenness and PageRank over the claims that pass a
/// filter.
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

    public init(
        store: GraphStore, filter: GraphFilter = GraphFilter(), betweennessSamples: Int = 256, graph: TransmissionGraph? = nil
    ) throws {
        let graph = try graph ?? TransmissionGraph(store: store)
        var index: [String: Int32] = [:]
        var ids: [String] = []
        var subjects: [Int32] = []
        var objects: [Int32] = []
        var symmetric: [Bool] = []
        func number(_ id: String) -> Int32 {
            if let known = index[id] { return known }
            let next = Int32(ids.count)
            index[id] = next
            ids.append(id)
            return next
        }
        try store.forEachClaim { claim in
            guard filter.apply(claim, vocabulary: store.vocabulary, graph: graph) != nil else { return }
            subjects.append(number(claim.claim.subject))
            objects.append(number(claim.claim.object))
            symmetric.append(store.vocabulary[claim.claim.predicate]?.isSymmetric ?? false)
        }
        let count = ids.count
        var degree = [Int](repeating: 0, count: count)
        for edge in subjects.indices {
            degree[Int(subjects[edge])] += 1
            degree[Int(objects[edge])] += 1
        }
        let pageRank = Centrality.pageRank(count: count, subjects: subjects, objects: objects, symmetric: symmetric)
        let samples = count <= Centrality.exactBetweennessLimit ? nil : min(count, max(1, betweennessSamples))
        let betweenness = Centrality.betweenness(count: count, subjects: subjects, objects: objects, samples: samples)
        scores = (0..<count).map { Score(id: ids[$0], degree: degree[$0], betweenness: betweenness[$0], pageRank: pageRank[$0]) }
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
    static func betweenness(count: Int, subjects: [Int32], objects: [Int32], samples: Int?) -> [Double] {
        guard count > 2 else { return [Double](repeating: 0, count: count) }
        // Compressed adjacency, duplicates removed.
        var pairs = Set<Int64>()
        for edge in subjects.indices where subjects[edge] != objects[edge] {
            let (a, b) = (Int64(min(subjects[edge], objects[edge])), Int64(max(subjects[edge], objects[edge])))
            pairs.insert(a << 32 | b)
        }
        var adjacencyCount = [Int](repeating: 0, count: count + 1)
        for pair in pairs {
            adjacencyCount[Int(pair >> 32) + 1] += 1
            adjacencyCount[Int(pair & 0xFFFF_FFFF) + 1] += 1
        }
        for node in 0..<count { adjacencyCount[node + 1] += adjacencyCount[node] }
        var fill = adjacencyCount
        var adjacency = [Int32](repeating: 0, count: adjacencyCount[count])
        for pair in pairs.sorted() {
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
        var centrality = [Double](repeating: 0, count: count)
        var distance = [Int32](repeating: -1, count: count)
        var paths = [Double](repeating: 0, count: count)
        var dependency = [Double](repeating: 0, count: count)
        var order: [Int32] = []
        order.reserveCapacity(count)
        var queue = [Int32](repeating: 0, count: count)
        for source in sources {
            order.removeAll(keepingCapacity: true)
            for node in 0..<count {
                distance[node] = -1
                paths[node] = 0
                dependency[node] = 0
            }
            distance[source] = 0
            paths[source] = 1
            var head = 0
            var tail = 0
            queue[tail] = Int32(source)
            tail += 1
            while head < tail {
                let node = Int(queue[head])
                head += 1
                order.append(Int32(node))
                for position in adjacencyCount[node]..<adjacencyCount[node + 1] {
                    let next = Int(adjacency[position])
                    if distance[next] < 0 {
                        distance[next] = distance[node] + 1
                        queue[tail] = Int32(next)
                        tail += 1
                    }
                    if distance[next] == distance[node] + 1 { paths[next] += paths[node] }
                }
            }
            for node in order.reversed() {
                let current = Int(node)
                for position in adjacencyCount[current]..<adjacencyCount[current + 1] {
                    let previous = Int(adjacency[position])
                    if distance[previous] == distance[current] - 1 {
                        dependency[previous] += paths[previous] / paths[current] * (1 + dependency[current])
                    }
                }
                if current != source { centrality[current] += dependency[current] }
            }
        }
        // Undirected: each pair counted from both ends; scale a sample up to all sources; then
        // normalise by the number of pairs of other entities.
        let scale = Double(count) / Double(sources.count) / 2
        let pairsOfOthers = Double(count - 1) * Double(count - 2) / 2
        return centrality.map { $0 * scale / pairsOfOthers }
    }
}
