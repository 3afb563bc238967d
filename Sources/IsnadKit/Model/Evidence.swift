/// How strongly a claim is supported, derived from its citations by one rule used in every
/// output (tables, DOT, GraphML) and, citation by citation without the common link's cap, by the
/// `claim_evidence` view of the store (its `uncapped_…` columns):
///
/// - **disputed**: some citation denies it;
/// - **asserted**: otherwise, a source graded A–C asserts it with credibility 1–3;
/// - **alleged**: otherwise (only weaker sources, or sources that merely report it).
///
/// The best grade is one citation's, of those that support it (assert or report it), never the
/// best reliability of one beside the best credibility of another (B5 and E2 are not "B2"): the
/// first by ``Item/gradeRank``, a citation that makes the claim asserted on its own before any
/// other, then the strongest grade. A claim that nothing supports has none to show, F6 (cannot be
/// judged): a denial's grade says how strongly the claim is contradicted, never how strongly it
/// is held.
public struct Evidence: Hashable, Sendable {
    public enum Status: String, CaseIterable, Sendable, Comparable {
        case asserted, alleged, disputed

        /// Asserted sorts before alleged before disputed: strongest first.
        public static func < (lhs: Status, rhs: Status) -> Bool { lhs.rank < rhs.rank }

        private var rank: Int {
            switch self {
            case .asserted: 0
            case .alleged: 1
            case .disputed: 2
            }
        }
    }

    /// One citation, reduced to what the rule needs.
    public struct Item: Hashable, Sendable {
        public var source: String
        public var reliability: Reliability
        public var stance: Stance
        public var credibility: Credibility

        public init(source: String, reliability: Reliability, stance: Stance, credibility: Credibility) {
            self.source = source
            self.reliability = reliability
            self.stance = stance
            self.credibility = credibility
        }

        /// Whether this citation alone makes a claim asserted.
        public var isStrongAssertion: Bool {
            stance == .asserts && reliability <= .c && credibility <= .possiblyTrue
        }

        /// Where the citation ranks as the one whose grade a claim shows, smaller first: one that
        /// makes the claim asserted on its own, then the sum of its two grades' ranks (A1 = 2, F6 =
        /// 12: F2 before E5, as ``ClaimStrength`` ranks claims), then reliability, then
        /// credibility. So an asserted claim shows the grade that makes it so, and an alleged one
        /// its strongest citation's whole grade.
        public var gradeRank: GradeRank {
            GradeRank(
                isStrongAssertion: isStrongAssertion, reliability: reliability, credibility: credibility)
        }
    }

    /// ``Item/gradeRank``, as one comparable value.
    public struct GradeRank: Comparable, Hashable, Sendable {
        let isStrongAssertion: Bool
        let reliability: Reliability
        let credibility: Credibility

        public static func < (lhs: GradeRank, rhs: GradeRank) -> Bool {
            lhs.key < rhs.key
        }

        private var key: (Int, Int, Reliability, Credibility) {
            (isStrongAssertion ? 0 : 1, ClaimStrength.gradeSum(reliability, credibility), reliability, credibility)
        }
    }

    public let status: Status
    /// The distinct claimants, in the order of their first citation.
    public let sources: [String]
    /// The distinct claimants of the citations that support it (assert or report it): how many
    /// voices hold it, which is what "N sources" says. A claimant that only denies it is not one.
    public let supportingSources: [String]
    /// The distinct claimants of the citations that deny it.
    public let denyingSources: [String]
    public let bestReliability: Reliability
    public let bestCredibility: Credibility
    /// The strongest citation that denies it, ranked as ``bestGrade``'s citation is among those
    /// that support it (``Item/gradeRank``): the grade that says how much its disputed status
    /// weighs. Nil when nothing denies it.
    public let strongestDenial: Item?

    /// The evidence of a claim with these citations; nil when there are none (a claim with no
    /// citation left after filtering is not shown at all).
    public init?<S: Sequence<Item>>(_ items: S) {
        var status = Status.alleged
        var sources = DistinctSources()
        var supportingSources = DistinctSources()
        var denyingSources = DistinctSources()
        var best: Item?
        var strongestDenial: Item?
        var isEmpty = true
        for item in items {
            isEmpty = false
            if item.stance == .denies {
                status = .disputed
                denyingSources.insert(item.source)
                if strongestDenial.map({ item.gradeRank < $0.gradeRank }) ?? true { strongestDenial = item }
            } else {
                if status == .alleged, item.isStrongAssertion { status = .asserted }
                if best.map({ item.gradeRank < $0.gradeRank }) ?? true { best = item }
                supportingSources.insert(item.source)
            }
            sources.insert(item.source)
        }
        if isEmpty { return nil }
        self.status = status
        self.sources = sources.ordered
        self.supportingSources = supportingSources.ordered
        self.denyingSources = denyingSources.ordered
        self.bestReliability = best?.reliability ?? .f
        self.bestCredibility = best?.credibility ?? .cannotBeJudged
        self.strongestDenial = strongestDenial
    }

    /// `B2`: the best citation's reliability and credibility together, as analysts write them.
    public var bestGrade: String { "\(bestReliability.rawValue)\(bestCredibility.rawValue)" }

    /// `E5`: the strongest denial's grade (``strongestDenial``); nil when nothing denies it.
    public var strongestDenialGrade: String? {
        strongestDenial.map { "\($0.reliability.rawValue)\($0.credibility.rawValue)" }
    }
}

/// Distinct sources in the order first given: looked for in the list while it is short (most
/// claims have a few citations, and a set for each would cost more than it saves), in a set once
/// it is long, so that a claim with tens of thousands of claimants is weighed in linear time.
private struct DistinctSources {
    private(set) var ordered: [String] = []
    private var seen: Set<String>?
    private static let listLimit = 16

    mutating func insert(_ source: String) {
        if seen == nil {
            guard !ordered.contains(source) else { return }
            ordered.append(source)
            if ordered.count > Self.listLimit { seen = Set(ordered) }
        } else if seen!.insert(source).inserted {
            ordered.append(source)
        }
    }
}
