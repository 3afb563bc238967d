/// What is retracted of one claim: the whole claim, or some of its citations while it stands,
/// with the history entries that retracted them, when this store's history has them.
///
/// A retraction is listed, never weighed: a retracted claim has no status, and a retracted
/// citation counts for nothing in its claim's.
public struct Retraction: Equatable, Sendable {
    /// The claim as stored: its retraction and its citations' marked (``Claim/retraction``,
    /// ``Citation/retraction``), every citation in its place (citation N is `citations[N - 1]`).
    public var claim: Claim
    /// The entry that retracted the claim (nil while it stands, or when no entry of this store's
    /// says: it came retracted in an import, or before the history).
    public var claimEntry: HistoryMark?
    /// The entry that retracted each retracted citation, by its index in `claim.citations`.
    public var citationEntries: [Int: HistoryMark]

    public init(claim: Claim, claimEntry: HistoryMark? = nil, citationEntries: [Int: HistoryMark] = [:]) {
        self.claim = claim
        self.claimEntry = claimEntry
        self.citationEntries = citationEntries
    }

    /// Whether the whole claim is retracted (else only some of its citations).
    public var isClaimRetracted: Bool { claim.retraction != nil }

    /// The retracted citations, with their indexes in `claim.citations`.
    public var retractedCitations: [(index: Int, citation: Citation)] {
        claim.citations.enumerated().filter { $0.element.retraction != nil }.map { ($0.offset, $0.element) }
    }

    /// The standing claim as a listing keeps it (`standing`: its citations a filter left), with
    /// its retracted citations in their places, marked: the record a listing writes of it.
    public func record(beside standing: GradedClaim) -> Claim {
        var kept: [Citation: Int] = [:]
        for citation in standing.claim.citations { kept[citation, default: 0] += 1 }
        var record = claim
        record.citations = claim.citations.filter { citation in
            if citation.retraction != nil { return true }
            guard let count = kept[citation], count > 0 else { return false }
            kept[citation] = count - 1
            return true
        }
        return record
    }
}
