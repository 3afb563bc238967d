/// A source's chain of transmission: the sources it relays (`cites`), and those they relay,
/// recursively; or the sources that relay it, and those that relay them.
public struct TransmissionChain: Sendable {
    /// Which way to follow `cites`.
    public enum Direction: Sendable {
        /// The sources this one relays, then theirs.
        case relays
        /// The sources that relay this one, then theirs.
        case relayedBy
    }

    /// A source reached, with its distance from the start (1 for a direct link).
    public struct Link: Sendable, Equatable {
        public let id: String
        public let depth: Int
    }

    /// The sources reached, depth first, each once (a cycle in `cites` ends where it closes).
    public let links: [Link]

    public init(of start: String, _ direction: Direction, in store: GraphStore) throws {
        func next(_ id: String) throws -> [String] {
            direction == .relays ? try store.source(id: id)?.cites ?? [] : try store.sourcesCiting(id)
        }
        var links: [Link] = []
        var seen: Set<String> = [start]
        // Depth first with a stack of its own, not recursion: a chain may be as long as the data.
        var stack: [(next: [String], index: Int, depth: Int)] = [(try next(start), 0, 1)]
        while let top = stack.last {
            guard top.index < top.next.count else {
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].index += 1
            let other = top.next[top.index]
            guard seen.insert(other).inserted else { continue }
            links.append(Link(id: other, depth: top.depth))
            stack.append((try next(other), 0, top.depth + 1))
        }
        self.links = links
    }
}
