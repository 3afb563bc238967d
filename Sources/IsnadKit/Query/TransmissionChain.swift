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
        var links: [Link] = []
        var seen: Set<String> = [start]
        func visit(_ id: String, _ depth: Int) throws {
            let next = direction == .relays ? try store.source(id: id)?.cites ?? [] : try store.sourcesCiting(id)
            for other in next where seen.insert(other).inserted {
                links.append(Link(id: other, depth: depth))
                try visit(other, depth + 1)
            }
        }
        try visit(start, 1)
        self.links = links
    }
}
