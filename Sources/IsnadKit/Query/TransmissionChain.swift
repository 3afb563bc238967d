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

    /// A source reached, with its depth in the tree the walk draws (1 for a direct link; a
    /// source met again, down another path, is a link of that path too, not followed again).
    public struct Link: Sendable, Equatable {
        public let id: String
        public let depth: Int
        /// Met already, higher up or down an earlier path (its own links are listed there), or
        /// the start itself, where a cycle in `cites` closes.
        public var isRepeat = false
    }

    /// Every `cites` link reached from the start, depth first: a source's own links are followed
    /// where it is first met, and where it is met again it is listed without them. So a source
    /// cited both directly and through another shows at both places: A citing B and C, B citing
    /// C, lists B, C under B, then C again as A's own.
    public let links: [Link]

    public init(of start: String, _ direction: Direction, in store: GraphStore) throws {
        func next(_ id: String) throws -> [String] {
            direction == .relays ? try store.source(id: id, withText: false)?.cites ?? [] : try store.sourcesCiting(id)
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
            guard seen.insert(other).inserted else {
                links.append(Link(id: other, depth: top.depth, isRepeat: true))
                continue
            }
            links.append(Link(id: other, depth: top.depth))
            stack.append((try next(other), 0, top.depth + 1))
        }
        self.links = links
    }
}
