/// The single source that every chain of a group of citations passes through: if it is
/// wrong, the whole group falls with it. (Hadith criticism's *madār*: the transmitter on whom
/// every chain of a report turns.)
///
/// When several sources are in every chain, the common link is the one **nearest to the
/// reader**: the smallest *distance*, where a source's distance is its largest distance from
/// the reader over the chains (see ``Chain``: the `via` at 0, its claimant at 1, each `cites`
/// step 1 more); among sources equally near, the least reliable (so that the cap never hangs on
/// how ids sort, and errs low), then the smaller id. So for a
/// leaked document relayed by an article
/// the common link is the article (distance 0), not the document (1) nor what the document
/// cites (2): the article is the point that all of it reaches us through.
public struct CommonLink: Hashable, Sendable {
    public let source: String
    public let reliability: Reliability
    /// The largest distance from the reader at which it stands in the chains.
    public let distance: Int

    public init(source: String, reliability: Reliability, distance: Int) {
        self.source = source
        self.reliability = reliability
        self.distance = distance
    }

    /// The common link of these chains, or nil when no source is in all of them (or there
    /// are no chains).
    public static func nearest(in chains: [Chain], reliability: (String) -> Reliability) -> CommonLink? {
        guard let first = chains.first else { return nil }
        var best: CommonLink?
        for (id, depth) in first.depths {
            var distance = depth
            var isInAll = true
            for chain in chains.dropFirst() {
                guard let other = chain.depths[id] else {
                    isInAll = false
                    break
                }
                distance = max(distance, other)
            }
            guard isInAll else { continue }
            let candidate = CommonLink(source: id, reliability: reliability(id), distance: distance)
            if best.map({ candidate.isPreferred(to: $0) }) ?? true { best = candidate }
        }
        return best
    }

    /// Whether this link is the common link rather than `other`, both in every chain: the
    /// nearer, then the less reliable, then the smaller id.
    func isPreferred(to other: CommonLink) -> Bool {
        if distance != other.distance { return distance < other.distance }
        if reliability != other.reliability { return reliability > other.reliability }
        return source < other.source
    }

    /// `hadera-2022-article (E)`.
    public var label: String { "\(source) (\(reliability.rawValue))" }
}
