/// Sources that relay, through their chains, a source that relays them back: a chain of
/// transmission that never reaches the one who first spoke. `check` lists them, and an import
/// refuses one it would make.
enum CitesCycles {
    /// Each cycle once, as the sources along it from the first one met (by id order), for
    /// `edges` from each source to the sources it cites, in order. A depth-first search with a
    /// stack of its own, not the call stack: a chain may be millions long.
    static func find(in edges: [String: [String]]) -> [[String]] {
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        // The path being explored: each source, and how many of its cited sources were visited.
        var path: [(source: String, next: Int)] = []
        var found: [[String]] = []
        var seen: Set<String> = []
        for root in edges.keys.sorted() where marks[root] == nil {
            marks[root] = .visiting
            path.append((root, 0))
            while let top = path.last {
                let cited = edges[top.source] ?? []
                guard top.next < cited.count else {
                    marks[top.source] = .done
                    path.removeLast()
                    continue
                }
                path[path.count - 1].next += 1
                let next = cited[top.next]
                switch marks[next] {
                case .visiting?:
                    if let start = path.firstIndex(where: { $0.source == next }) {
                        let cycle = path[start...].map(\.source)
                        if seen.insert(cycle.sorted().joined(separator: " ")).inserted { found.append(cycle) }
                    }
                case .done?: break
                case nil:
                    marks[next] = .visiting
                    path.append((next, 0))
                }
            }
        }
        return found
    }

    /// What `check` and an import say of a cycle, from its first source.
    static func message(_ cycle: [String]) -> String {
        "cites itself through " + IntegrityCheck.chain(cycle + cycle.prefix(1)) + " (a source cannot relay what relays it)"
    }
}

extension GraphStore {
    /// What is wrong with the store's chains of transmission if `source` cited `cited`: a cycle
    /// it would close (``CitesCycles/message(_:)``, from `source`), else a chain through it deeper
    /// than weighing follows (``CitesDepth/message(steps:chain:isChange:)``); nil when neither. For
    /// a source added or changed in place (`add`, `set`, `edit`), which an import's own check
    /// never sees. The links are read once for both.
    public func citesProblem(ifSource source: String, cited: [String]) throws -> String? {
        var edges: [String: [String]] = [:]
        try forEachCitesLink { from, to in
            if from != source { edges[from, default: []].append(to) }
        }
        edges[source] = cited
        return CitesCycles.firstMessage(in: edges, through: [source])
            ?? CitesDepth.firstMessage(in: edges, through: [source])
    }

    /// The same of the store's chains as they stand, through one of `sources` (a cycle from it):
    /// for sources an undo put back, read once whatever their number.
    public func citesProblem(through sources: Set<String>) throws -> String? {
        guard !sources.isEmpty else { return nil }
        var edges: [String: [String]] = [:]
        try forEachCitesLink { from, to in edges[from, default: []].append(to) }
        return CitesCycles.firstMessage(in: edges, through: sources) ?? CitesDepth.firstMessage(in: edges, through: sources)
    }
}

extension CitesCycles {
    /// The message of the first cycle in `edges` that passes through one of `sources`, told
    /// from that source.
    static func firstMessage(in edges: [String: [String]], through sources: Set<String>) -> String? {
        for cycle in find(in: edges) {
            if let start = cycle.firstIndex(where: sources.contains) {
                return message(Array(cycle[start...] + cycle[..<start]))
            }
        }
        return nil
    }
}
