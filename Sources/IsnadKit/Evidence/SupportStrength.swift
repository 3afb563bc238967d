/// How strong a claim's evidence is once its chains are followed: ``Evidence``'s rule applied
/// to the citations with their grades capped, and the number of independent channels.
///
/// The rule, per citation, before ``Evidence`` combines them as it always does:
///
/// 1. **Reliability** is the weakest of the claimant's grade, the grade of the `via` it is read
///    in (what we hold of the claimant is what the `via` says it said), of the relays the `via`
///    had the claimant's words through (the best route of `cites` between them:
///    ``TransmissionGraph/carriers(of:to:)``), and the grade of its
///    channel's common link (see ``CommonLink``), and of the common link its chain has with each
///    other chain of the channel it overlaps (``Channel/sharedCeilings``): with or without a
///    source in all, a citation is never graded above what it shares with the rest of its
///    channel, so one more citation never lifts a claim.
/// 2. **Credibility 1** (confirmed by other sources) counts as 2 unless another independent
///    channel of its side bears it out: holds a citation of an A–C source that asserts it (or,
///    for a denial, denies it) graded 1–3, what would make it asserted on its own
///    (``Confirmations``). A post that only reports a rumour, an
///    F source, or a source that calls it improbable confirms nothing.
///
/// So a claim whose one channel has an E-graded common link is never better than E,
/// however its claimants are graded, and is never *asserted* (which takes A–C). With two or
/// more channels each channel is capped by its own common link and the best one counts.
/// Strengths compare by status first (asserted, alleged, disputed), then by supporting channels
/// (more is stronger), then by best grade (``ClaimStrength``). Smaller is stronger. Status
/// comes first so that no number of voices lifts a rumour above what the grades assert, nor a
/// disputed claim above an undisputed one: five anonymous posts are not an A-graded finding.
public struct SupportStrength: Comparable, Hashable, Sendable, CustomStringConvertible {
    public let supportingChannels: Int
    public let denyingChannels: Int
    /// The common link of the support, when it has exactly one channel and that has one.
    public let commonLink: CommonLink?
    /// The claim's evidence with the capped grades.
    public let evidence: Evidence
    /// Each citation's grades once capped, in the claim's order: what ``evidence`` is made of.
    public let cappedCitations: [Evidence.Item]
    /// By citation position, for the citations that have some: the relays the `via` had the
    /// claimant's words through (``TransmissionGraph/carriers(of:to:)``), nearest the `via` first.
    public let carriers: [Int: [String]]

    /// The capped evidence as one comparable value (status, then best grade).
    public var claimStrength: ClaimStrength { ClaimStrength(evidence) }

    /// Nil when the claim has no citation.
    init?(
        claim: GradedClaim, supporting: [Channel], denying: [Channel], reliability: (String) -> Reliability,
        carriers: (_ claimant: String, _ via: String) -> [String]
    ) {
        var items = claim.citations.map(\.evidenceItem)
        var carriedBy: [Int: [String]] = [:]
        for (position, cited) in claim.citations.enumerated() {
            if let via = cited.citation.via {
                items[position].reliability = max(items[position].reliability, reliability(via))
                let carriers = carriers(cited.citation.source, via)
                guard !carriers.isEmpty else { continue }
                carriedBy[position] = carriers
                for carrier in carriers {
                    items[position].reliability = max(items[position].reliability, reliability(carrier))
                }
            }
        }
        for channel in supporting + denying {
            let ceiling = channel.commonLink?.reliability
            for position in channel.citations {
                if let ceiling { items[position].reliability = max(items[position].reliability, ceiling) }
                if let shared = channel.sharedCeilings[position] {
                    items[position].reliability = max(items[position].reliability, shared)
                }
            }
        }
        // A confirmation is weighed as what it is once capped: a B source read only in an E blog
        // is E here, and confirms nothing.
        let reliabilities = items.map(\.reliability)
        for side in [supporting, denying] {
            let confirmations = Confirmations(of: claim, side: side, reliabilities: reliabilities)
            for (index, channel) in side.enumerated() where !confirmations.bearOut(channel: index) {
                for position in channel.citations {
                    items[position].credibility = max(items[position].credibility, .probablyTrue)
                }
            }
        }
        guard let evidence = Evidence(items) else { return nil }
        self.evidence = evidence
        cappedCitations = items
        self.carriers = carriedBy
        supportingChannels = supporting.count
        denyingChannels = denying.count
        commonLink = supporting.count == 1 ? supporting[0].commonLink : nil
    }

    public static func < (lhs: SupportStrength, rhs: SupportStrength) -> Bool { lhs.rank < rhs.rank }

    /// Which channels of one side (the claim's supporting or denying channels) bear out a grade
    /// 1 in another: those holding a citation that asserts the claim (a denial: denies it)
    /// graded 1–3, of an A–C source once capped (`reliabilities`, by the claim's citation
    /// positions: the claimant's grade, no better than its `via` and its channel's common
    /// links). One that only reports it, a citation graded D–F once capped, or a grade of
    /// doubtful or worse, is no confirmation. Found once per side: asked of every channel, the
    /// question looked through every other channel, and a claim with forty thousand independent
    /// claimants took minutes.
    public struct Confirmations {
        /// The first two confirming channels: enough to tell whether one other than any given
        /// channel confirms.
        private var first: Int?
        private var second: Int?

        public init(of claim: GradedClaim, side: [Channel], reliabilities: [Reliability]) {
            for (index, channel) in side.enumerated()
            where channel.citations.contains(where: { position in
                let cited = claim.citations[position]
                return cited.citation.stance != .reports && cited.citation.credibility <= .possiblyTrue
                    && reliabilities[position] <= .c
            }) {
                if first == nil {
                    first = index
                } else {
                    second = index
                    break
                }
            }
        }

        /// Whether a grade 1 in the channel at `index` is borne out by another channel.
        public func bearOut(channel index: Int) -> Bool {
            second != nil || (first.map { $0 != index } ?? false)
        }
    }

    /// The order of ``<`` as one value, for sorting many: each claim's strength worked out once.
    public var rank: Rank {
        Rank(status: evidence.status, channels: supportingChannels, strength: claimStrength, denyingChannels: denyingChannels)
    }

    public struct Rank: Comparable, Hashable, Sendable, CustomStringConvertible {
        public let status: Evidence.Status
        /// The supporting channels.
        public let channels: Int
        public let strength: ClaimStrength
        /// Said in ``description``, not compared: equal ranks order alike (the status already
        /// says a claim is disputed), and a sort that breaks ties by id keeps doing so.
        public let denyingChannels: Int

        /// `denyingChannels` left out by an order key that only sorts (a DOT pair's claims).
        init(status: Evidence.Status, channels: Int, strength: ClaimStrength, denyingChannels: Int = 0) {
            (self.status, self.channels, self.strength, self.denyingChannels) = (status, channels, strength, denyingChannels)
        }

        /// `ALLEGED B4, 2 channels`, `DISPUTED A2, 2 channels (1 denying)`: what a claims table's
        /// STATUS, BEST and CHANNELS say.
        public var description: String {
            "\(strength), \(channels) \(channels == 1 ? "channel" : "channels")"
                + EvidenceText.denyingChannels(denyingChannels)
        }

        public static func < (lhs: Rank, rhs: Rank) -> Bool {
            (lhs.status, -lhs.channels, lhs.strength) < (rhs.status, -rhs.channels, rhs.strength)
        }

        public static func == (lhs: Rank, rhs: Rank) -> Bool {
            (lhs.status, lhs.channels, lhs.strength) == (rhs.status, rhs.channels, rhs.strength)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(status)
            hasher.combine(channels)
            hasher.combine(strength)
        }
    }

    /// `ALLEGED E3 · 1 channel, all through hadera-2022-article (E)`; a disputed claim with its
    /// strongest denial's grade, then its best (``EvidenceText/status(_:)``): `DISPUTED by E5 ·
    /// best A2 · 3 channels · denied by 1 source in 1 channel`.
    public var description: String {
        let strength =
            evidence.strongestDenial == nil
            ? "\(claimStrength)" : "\(EvidenceText.status(evidence)) · best \(evidence.bestGrade)"
        var text = "\(strength) · \(supportingChannels) \(supportingChannels == 1 ? "channel" : "channels")"
        if let commonLink { text += ", all through \(commonLink.label)" }
        if denyingChannels > 0 { text += EvidenceText.denial(evidence, channels: denyingChannels) }
        return text
    }
}

extension ClaimStrength {
    /// The strength of a weighed claim: its evidence with each channel capped by its common
    /// link (see ``SupportStrength``); nil when it has no citation.
    public init?(_ weight: ClaimWeight) {
        guard let strength = weight.strength else { return nil }
        self.init(strength.evidence)
    }
}
