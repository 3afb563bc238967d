/// How deep chains of transmission go, and the depth past which weighing stops following them.
///
/// Weighing a claim holds each claimant's whole chain, so that N claimants along one chain of
/// N sources cost N²/2 (a 1 MB file of 6,000 relays took half a minute and 460 MB to `show`).
/// A real chain of relays has a handful of links: ``stepsAtMost`` is far beyond any, and a
/// chain deeper than it is refused by an import, `add`, `set`, `edit` and `undo`, and reported
/// by `check`, so that weighing stops there without changing any answer a store written by Isnad
/// gives. On a store another program wrote, weighing still stops there: its cost stays linear.
public enum CitesDepth {
    /// The most `cites` steps a chain of transmission may take, from a source to the last one
    /// it relays (a source that cites none is 0 deep); and how far weighing follows one.
    public static let stepsAtMost = 100

    /// Where a source's longest chain of `cites` leads: how many steps it takes, the source
    /// next on it (nil at its end) and the source it ends at.
    struct Longest {
        let steps: Int
        let next: String?
        let end: String
    }

    /// For every source of `edges` (each source's cited sources, in order), its longest chain;
    /// the first of equally long ones as the sources list what they cite. A depth-first search
    /// with a stack of its own (a chain may be millions long); a `cites` link that closes a
    /// cycle is not followed (the cycle is ``CitesCycles``'s to report).
    static func longest(in edges: [String: [String]]) -> [String: Longest] {
        var longest: [String: Longest] = [:]
        var onPath: Set<String> = []
        var path: [(source: String, next: Int)] = []
        for root in edges.keys.sorted() where longest[root] == nil {
            onPath.insert(root)
            path.append((root, 0))
            while let top = path.last {
                let cited = edges[top.source] ?? []
                if top.next < cited.count {
                    path[path.count - 1].next += 1
                    let next = cited[top.next]
                    if longest[next] == nil, !onPath.contains(next) {
                        onPath.insert(next)
                        path.append((next, 0))
                    }
                    continue
                }
                var best = Longest(steps: 0, next: nil, end: top.source)
                for next in cited {
                    guard let below = longest[next], below.steps + 1 > best.steps else { continue }
                    best = Longest(steps: below.steps + 1, next: next, end: below.end)
                }
                longest[top.source] = best
                onPath.remove(top.source)
                path.removeLast()
            }
        }
        return longest
    }

    /// The chains deeper than ``stepsAtMost``, each from a source no other source on a chain
    /// too deep cites (the top of one), in id order; `longest` is ``longest(in:)`` of `edges`.
    static func tooDeep(in edges: [String: [String]], longest: [String: Longest]) -> [(top: String, longest: Longest)] {
        var cited: Set<String> = []
        for (source, targets) in edges where (longest[source]?.steps ?? 0) > stepsAtMost {
            for target in targets where target != source { cited.insert(target) }
        }
        return longest.filter { $0.value.steps > stepsAtMost && !cited.contains($0.key) }
            .sorted { $0.key < $1.key }.map { (top: $0.key, longest: $0.value) }
    }

    /// The first sources of the chain from `top` (as many as a one-line chain shows) and its
    /// end: a chain millions long is not walked to say it.
    static func shown(from top: String, in longest: [String: Longest]) -> String {
        var sources = [top]
        while sources.count < 7, let next = longest[sources[sources.count - 1]]?.next { sources.append(next) }
        guard let chain = longest[top], chain.steps + 1 > sources.count else { return IntegrityCheck.chain(sources) }
        return (sources.prefix(6) + ["… (\(chain.steps - 6) more) …", chain.end]).joined(separator: " → ")
    }

    /// What `check` and an import say of a chain too deep (`chain`, from its top); `isChange`
    /// for one that `add`, `set`, `edit` or `undo` would make.
    static func message(steps: Int, chain: String, isChange: Bool = false) -> String {
        (isChange ? "would make" : "is the top of")
            + " a chain of transmission \(steps) cites steps deep (\(chain)): weighing follows a chain \(stepsAtMost) steps at most (a real chain of relays has a handful of links)"
    }
}

extension CitesDepth {
    /// What ``message(steps:chain:isChange:)`` says of the deepest chain of `edges` through
    /// the first of `sources` (in id order) on a chain deeper than ``stepsAtMost``; nil when
    /// none is.
    static func firstMessage(in edges: [String: [String]], through sources: Set<String>) -> String? {
        var citing: [String: [String]] = [:]
        for (from, targets) in edges { for to in targets { citing[to, default: []].append(from) } }
        let below = longest(in: edges)
        let above = longest(in: citing)
        for source in sources.sorted() {
            let steps = (below[source]?.steps ?? 0) + (above[source]?.steps ?? 0)
            guard steps > stepsAtMost else { continue }
            // The chain from its top down to the source, then on to its end.
            var top: [String] = []
            var step = above[source]?.next
            while let current = step {
                top.append(current)
                step = above[current]?.next
            }
            var down = [source]
            while let next = below[down[down.count - 1]]?.next { down.append(next) }
            return message(steps: steps, chain: IntegrityCheck.chain(top.reversed() + down), isChange: true)
        }
        return nil
    }
}
