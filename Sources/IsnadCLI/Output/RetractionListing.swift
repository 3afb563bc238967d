import IsnadKit

/// How retracted claims and citations read where a listing includes them (`show` and `claims`
/// `--include-retracted`): marked, with why, and the history entry that retracted them (who,
/// when), apart from what stands. Never weighed: a retracted claim has no status, grade or
/// channels; a retracted citation counts for nothing in its claim's.
struct RetractionListing {
    let store: GraphStore
    private var reliabilities: [String: Reliability] = [:]

    init(store: GraphStore) { self.store = store }

    /// The heading of the section a table lists them under, and its line when there are none.
    static let heading = "RETRACTED"
    static let none = "RETRACTED: none"

    /// The lines of one claim's retractions, under ``heading``: each retracted claim or citation
    /// with why, and who retracted it when, then what it cited (stance, grades, claimant, via,
    /// quote: a retracted denial must not read as an assertion).
    mutating func lines(_ retraction: Retraction) throws -> [String] {
        let claim = retraction.claim
        let head = "\(claim.id) · \(claim.subject) \(claim.predicate) \(claim.object)"
        var lines: [String] = []
        if let reason = claim.retraction {
            lines.append(Text.printable("  [retracted] \(head) — \(reason)" + Self.entry(retraction.claimEntry)))
            lines += ClaimPresentation.citationLines(try graded(claim, claim.citations), indent: "      ")
        }
        for (index, citation) in retraction.retractedCitations {
            guard let reason = citation.retraction else { continue }
            lines.append(
                Text.printable(
                    "  [retracted] \(head), citation \(index + 1) (\(citation.source)) — \(reason)"
                        + Self.entry(retraction.citationEntries[index])))
            if claim.retraction == nil {
                lines += ClaimPresentation.citationLines(try graded(claim, [citation]), indent: "      ")
            }
        }
        return lines
    }

    /// ` · entry 3 (isnad retract, bilal, 2026-12-01)`, or nothing when no entry of this store's
    /// history retracted it.
    static func entry(_ mark: HistoryMark?) -> String {
        mark.map { " · \($0.summary)" } ?? ""
    }

    /// The citations graded by their sources as they are now, for the lines that show them.
    mutating func graded(_ claim: Claim, _ citations: [Citation]) throws -> GradedClaim {
        var cited: [GradedCitation] = []
        for citation in citations { cited.append(try graded(citation)) }
        return GradedClaim(claim: claim, citations: cited)
    }

    mutating func graded(_ citation: Citation) throws -> GradedCitation {
        if reliabilities[citation.source] == nil {
            reliabilities[citation.source] = try store.source(id: citation.source, withText: false)?.reliability ?? .f
        }
        return GradedCitation(citation: citation, reliability: reliabilities[citation.source] ?? .f, publicSince: nil)
    }

    /// The CSV column that says why a row's claim or citation is retracted (empty for what
    /// stands), after a listing's columns of the claim and citation, before those of its
    /// sources (``ClaimSheet/listingSourceColumns``, added after it), the capped grades
    /// (``ClaimSheet/listingCappedColumns``, empty on a retracted citation: it is not weighed) and
    /// the sources' further fields (``ClaimSheet/listingMoreSourceColumns``).
    static let csvColumn = "retracted"

    /// A retraction's CSV rows, one per retracted citation (every citation of a retracted claim),
    /// with why last. A retracted claim's status is `retracted`, and it has no sources, grade or
    /// channels: it is not weighed. A standing claim's retracted citation is under the claim's
    /// evidence as `standing` weighs it, without that citation.
    mutating func csvRows(
        _ retraction: Retraction, standing: GradedClaim?, presentation: inout ClaimPresentation
    ) throws -> [[String]] {
        let claim = retraction.claim
        if let reason = claim.retraction {
            let head = try presentation.csvHead(of: claim, evidence: ["retracted", "", "", "", "", ""])
            var rows: [[String]] = []
            for citation in claim.citations {
                rows.append(
                    head + ClaimPresentation.csvCells(try graded(citation), notes: claim.notes) + [citation.retraction ?? reason]
                        + (try presentation.sourceCells(of: citation)) + ClaimPresentation.notCapped
                        + (try presentation.moreSourceCells(of: citation)) + ClaimPresentation.denialCells(nil))
            }
            return rows
        }
        guard let standing, let head = try presentation.csvHead(of: standing) else { return [] }
        let denial = ClaimPresentation.denialCells(presentation.graph.weigh(standing).strength?.evidence)
        var rows: [[String]] = []
        for (_, citation) in retraction.retractedCitations {
            rows.append(
                head + ClaimPresentation.csvCells(try graded(citation), notes: claim.notes) + [citation.retraction ?? ""]
                    + (try presentation.sourceCells(of: citation)) + ClaimPresentation.notCapped
                    + (try presentation.moreSourceCells(of: citation)) + denial)
        }
        return rows
    }
}
