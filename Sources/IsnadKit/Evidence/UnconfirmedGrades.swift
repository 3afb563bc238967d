/// A citation graded 1 ("confirmed by other sources") on a claim whose chains do not bear it
/// out: no other independent channel of its side (support, or denial) asserts it (denies it)
/// graded 1–3 from a source that weighs A–C once capped (``SupportStrength/Confirmations``).
public struct UnconfirmedGrade: Hashable, Sendable, CustomStringConvertible {
    public let claimID: String
    /// Position of the citation in the claim's citations (0-based).
    public let position: Int
    public let source: String
    public let via: String?
    public let stance: Stance
    /// The independent channels on the citation's side.
    public let channels: Int

    /// `claim "x": citation 1 (leak via article) is graded 1 (confirmed) but its support has 1 independent channel`.
    public var description: String {
        let side = stance == .denies ? "denial" : "support"
        let cited = via.map { "\(source) via \($0)" } ?? source
        return
            "claim \"\(claimID)\": citation \(CitationNumber.shown(position)) (\(cited)) is graded 1 (confirmed) but its \(side) has \(channels) independent \(channels == 1 ? "channel" : "channels")"
            + (channels < 2
                ? "; 1 takes at least 2"
                : "; 1 takes another A–C source (once capped) that \(stance == .denies ? "denies" : "asserts") it graded 1–3")
    }
}

extension TransmissionGraph {
    /// The citations of `claim` graded 1 that its channels do not bear out, in order.
    /// `weighed`: the claim's weight, when the caller has it already.
    public func unconfirmedGrades(of claim: GradedClaim, weighed: ClaimWeight? = nil) -> [UnconfirmedGrade] {
        guard claim.citations.contains(where: { $0.citation.credibility == .confirmed }) else { return [] }
        let weight = weighed ?? weigh(claim)
        let sides = [weight.supporting, weight.denying]
        let reliabilities = weight.strength?.cappedCitations.map(\.reliability) ?? claim.citations.map(\.reliability)
        let confirmations = sides.map {
            SupportStrength.Confirmations(of: claim, side: $0, reliabilities: reliabilities)
        }
        // The channel each citation is in, on its side.
        var channelOf = [Int](repeating: -1, count: claim.citations.count)
        for side in sides {
            for (index, channel) in side.enumerated() {
                for position in channel.citations { channelOf[position] = index }
            }
        }
        return claim.citations.indices.compactMap { position in
            let citation = claim.citations[position].citation
            guard citation.credibility == .confirmed else { return nil }
            let sideIndex = citation.stance == .denies ? 1 : 0
            let side = sides[sideIndex]
            let channel = channelOf[position]
            guard channel >= 0, !confirmations[sideIndex].bearOut(channel: channel) else { return nil }
            let channels = side.count
            return UnconfirmedGrade(
                claimID: claim.claim.id, position: position, source: citation.source, via: citation.via,
                stance: citation.stance, channels: channels)
        }
    }

    /// Every grade 1 in the store that the chains do not bear out, by claim id.
    public func unconfirmedGrades(in store: GraphStore) throws -> [UnconfirmedGrade] {
        var found: [UnconfirmedGrade] = []
        try store.forEachClaim { found += unconfirmedGrades(of: $0) }
        return found
    }
}
