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

    /// When the link makes no citation of its own side of the claim and is the `via` of some
    /// (a wire that only quotes an unnamed source, which outlets `cite`): whose words it carries
    /// there. Nil when it is a claimant, or is in the chains only through `cites`.
    public let carried: CarriedWords?

    /// What a common link that is only a `via` of its channel carries: the claimants read in it.
    public struct CarriedWords: Hashable, Sendable {
        /// The carried claimant with the best grade once read in the link (then the smaller id).
        public let claimant: String
        /// That claimant's grade as its citation is capped by the link and the relays between
        /// them: the best grade the link's words on the claim can have.
        public let reliability: Reliability
        /// How many distinct claimants the link carries.
        public let claimants: Int

        public init(claimant: String, reliability: Reliability, claimants: Int) {
            (self.claimant, self.reliability, self.claimants) = (claimant, reliability, claimants)
        }
    }

    public init(source: String, reliability: Reliability, distance: Int, carried: CarriedWords? = nil) {
        self.source = source
        self.reliability = reliability
        self.distance = distance
        self.carried = carried
    }

    /// The grade that caps its channel: its own, and no better than the best of the words it
    /// carries when it says nothing of its own. What a wire relays of one unnamed source is
    /// that source's, however the wire is graded; what outlets took from the wire can be no better.
    public var ceiling: Reliability { max(reliability, carried?.reliability ?? reliability) }

    /// The one claimant whose words it carries when it says nothing of its own: if that
    /// claimant is wrong, so is the whole channel.
    public var carriesOnly: String? { carried.flatMap { $0.claimants == 1 ? $0.claimant : nil } }

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

    /// `hadera-2022-article (E)`; `wire (B) carrying anon (F)` when the words it carries cap
    /// its channel below its own grade.
    public var label: String {
        var text = "\(source) (\(reliability.rawValue))"
        if let lowering = lowering {
            text += " carrying \(lowering.claimant) (\(lowering.reliability.rawValue))"
            if lowering.claimants > 1 { text += " and \(lowering.claimants - 1) more" }
        }
        return text
    }

    /// What it carries, when that caps its channel below the link's own grade: what a label says.
    public var lowering: CarriedWords? { carried.flatMap { $0.reliability > reliability ? $0 : nil } }
}
