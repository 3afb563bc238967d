/// Two standing citations of one claim by one claimant, in one `via`, of one passage
/// (``Citation/quotesTheSamePassage(as:)``: one quote within the other, or one typed otherwise),
/// one denying the claim and the other asserting or reporting it: the claim would dispute itself
/// on the strength of one passage, which a source cannot mean. An import of records or of a sheet
/// refuses a claim its input gives so, `add claim` refuses any second citation of a passage, `set`
/// and `edit` refuse a change that makes one (``EditError/selfDispute(later:earlier:description:)``), and
/// `check` finds one a store holds (``IntegrityCheck/Kind/passageForAndAgainst``).
public struct SelfDispute: Sendable, Equatable {
    /// The places of the two citations in the claim, the earlier first.
    public let earlier: Int
    public let later: Int

    /// The first such pair among the standing citations of `citations` that `isCompared` takes
    /// (an import compares the citations its input gave, not those the store held before it),
    /// each compared with the claimant's first ``QuotedPassage/comparedAtMost``; of those, only
    /// pairs of which `isNew` takes one (a sheet's claim, written once a batch, has its earlier
    /// pairs compared when they were written).
    public static func first(
        in citations: [Citation], comparing isCompared: (Int) -> Bool = { _ in true },
        new isNew: (Int) -> Bool = { _ in true }
    ) -> SelfDispute? {
        // Only a claim with a standing denial can dispute itself: most have none, and cost a scan.
        guard citations.contains(where: { $0.stance == .denies && $0.retraction == nil }) else { return nil }
        // The claimants that deny and also assert or report, found before any passage is worked
        // out: a sheet's claim is looked at each time a batch writes it, and most denials are
        // another source's.
        var sides: [String: (denies: Bool, supports: Bool)] = [:]
        func claimantKey(_ citation: Citation) -> String { citation.source + "\u{0}" + (citation.via ?? "") }
        for (index, citation) in citations.enumerated() where citation.retraction == nil && isCompared(index) {
            let denies = citation.stance == .denies
            let held = sides[claimantKey(citation)] ?? (false, false)
            sides[claimantKey(citation)] = (held.denies || denies, held.supports || !denies)
        }
        guard sides.values.contains(where: { $0.denies && $0.supports }) else { return nil }
        var byClaimant: [String: [(index: Int, passage: QuotedPassage)]] = [:]
        for (index, citation) in citations.enumerated() where citation.retraction == nil && isCompared(index) {
            let claimant = claimantKey(citation)
            guard let side = sides[claimant], side.denies && side.supports else { continue }
            let earlier = byClaimant[claimant, default: []]
            guard earlier.count < QuotedPassage.comparedAtMost else { continue }
            let passage = QuotedPassage(citation.quote)
            let isLaterNew = isNew(index)
            for (earlierIndex, earlierPassage) in earlier {
                let other = citations[earlierIndex]
                guard isLaterNew || isNew(earlierIndex),
                    (other.stance == .denies) != (citation.stance == .denies), other.key != citation.key,
                    other.mayStandAtThePlaceOf(citation), earlierPassage.holdsOrIsWithin(passage)
                else { continue }
                return SelfDispute(earlier: earlierIndex, later: index)
            }
            byClaimant[claimant, default: []].append((index, passage))
        }
        return nil
    }

    /// What the pair is, as a problem's message goes on after naming the later citation: its
    /// stance and quote, the earlier one's (named `earlierPlace`: `citations[0]`, `line 2`), and
    /// what it makes of the claim. Quotes cut to their first 60 characters.
    public static func description(_ later: Citation, _ earlier: Citation, earlierPlace: String) -> String {
        func described(_ citation: Citation) -> String {
            "\(citation.stance.rawValue) «\(Text.printable(Text.excerpt(citation.quote)))»"
        }
        return
            "quotes (\(described(later))) the passage of \"\(Text.printable(later.source))\" that \(earlierPlace) quotes (\(described(earlier))), one quote within the other: one passage for the claim and against it, the claim disputing itself"
    }

    /// The way on an import gives: the input mended, as nothing was written.
    public static let importRemedy =
        "give the passage once, with the stance it takes (two sentences of the text, one holding the other's words, are told apart by their line locators: line N)"
}
