import IsnadKit

/// The claims table of every listing command: one row per claim, with its dates, status and best
/// grades (capped by the common link), its independent channels and common link, and who says
/// it, after the command's own leading columns.
struct ClaimTable {
    /// How wide each column may grow. They differ between commands, and each command's tables
    /// keep the widths they have always had.
    struct Widths {
        /// The command's leading columns (HOP, WHEN …; a CLAIM id is never cut).
        var leading = 24
        /// SUBJECT and OBJECT.
        var names = 30

        /// `show`, `neighbors`, `timeline`, `source`.
        static let standard = Widths()
        /// `claims` (its one leading column, CLAIM, is never cut): names a little narrower.
        static let claimListing = Widths(names: 28)
    }

    private var table: TextTable
    private var presentation: ClaimPresentation
    private let leading: [ClaimColumn]
    /// The command's own columns after CHANNELS (`source --impact`'s WITHOUT IT).
    private let following: [ClaimColumn]
    /// Whether SAID BY names every claimant, not the first ``ClaimPresentation/claimantsShown``:
    /// claims asked for by id (`claims --id`).
    private let namesEveryClaimant: Bool
    /// How wide each column is at least in a table written in parts: the first part fixes the
    /// widths, and a later `undated`, `supplied_weapons_to` or `DISPUTED by F6` must not be cut.
    private let streamedMinimumWidths: [Int]

    init(
        store: GraphStore, graph: TransmissionGraph, leading: [ClaimColumn] = [], following: [ClaimColumn] = [],
        widths: Widths = .standard, namesEveryClaimant: Bool = false
    ) {
        self.leading = leading
        self.following = following
        self.namesEveryClaimant = namesEveryClaimant
        presentation = ClaimPresentation(store: store, graph: graph)
        let longestPredicate = store.vocabulary.predicates.map(\.id.count).max() ?? 0
        streamedMinimumWidths =
            leading.map { ClaimTable.streamedMinimumWidth(ofLeading: $0.header) } + [
                0, min(28, longestPredicate), 0, 24, "DISPUTED by F6".count, 0, "99 (99 denying)".count,
            ] + following.map { _ in 0 } + [0, 0]
        table = TextTable(
            leading.map {
                $0.header == "CLAIM" ? .identifiers($0.header) : TextTable.Column(header: $0.header, maximumWidth: widths.leading)
            } + [
                .init(header: "SUBJECT", maximumWidth: widths.names), .init(header: "PREDICATE", maximumWidth: 28),
                .init(header: "OBJECT", maximumWidth: widths.names), .init(header: "DATES", maximumWidth: 24),
                .init(header: "STATUS"), .init(header: "BEST"), .init(header: "CHANNELS"),
            ] + following.map { TextTable.Column(header: $0.header) } + [
                .identifiers("ALL THROUGH"),
                // Who says the claim, whole: the last column, so it widens no other.
                .identifiers("SAID BY (STANCE GRADE)"),
            ])
    }

    /// How wide a command's leading column is at least when written in parts: a date (`WHEN`)
    /// as wide as a day's or `undated`.
    static func streamedMinimumWidth(ofLeading header: String) -> Int {
        header == "WHEN" ? "2014-05-12".count : 0
    }

    /// The claims in a table with the standard widths.
    init(
        _ claims: [GradedClaim], store: GraphStore, graph: TransmissionGraph, leading: [ClaimColumn] = [],
        following: [ClaimColumn] = []
    ) throws {
        self.init(store: store, graph: graph, leading: leading, following: following)
        for claim in claims { try append(claim) }
    }

    /// Adds the claim's row (none for a claim with no citation left).
    mutating func append(_ claim: GradedClaim) throws {
        let weight = presentation.graph.weigh(claim)
        guard let evidence = weight.strength?.evidence else { return }
        let store = presentation.store
        let channels = String(weight.supportingChannels) + EvidenceText.denyingChannels(weight.denyingChannels)
        table.append(
            leading.map { $0.value(claim) } + [
                try presentation.name(claim.claim.subject), claim.claim.predicate, try presentation.name(claim.claim.object),
                DateText.dates(of: claim.claim, vocabulary: store.vocabulary), EvidenceText.status(evidence),
                evidence.bestGrade, channels,
            ] + following.map { $0.value(claim) } + [
                weight.commonLink?.label ?? "",
                ClaimPresentation.claimants(claim, shown: namesEveryClaimant ? nil : ClaimPresentation.claimantsShown),
            ])
    }

    /// How many claims the table shows.
    var count: Int { table.rows.count }

    /// Writes a claims table of any length in flat memory, in parts of `part` rows: the columns
    /// are as wide as the first part needs (a wider cell later is cut to it, but an id or the claimants, which widen their line). Returns how many
    /// claims it wrote.
    static func stream(
        store: GraphStore, graph: TransmissionGraph, leading: [ClaimColumn] = [], widths: Widths = .standard,
        namesEveryClaimant: Bool = false, part: Int = 1000,
        claims forEachClaim: ((GradedClaim) throws -> Void) throws -> Void, write: (String) throws -> Void
    ) throws -> Int {
        try withoutActuallyEscaping(write) { write in
            try stream(
                store: store, graph: graph, leading: leading, widths: widths, namesEveryClaimant: namesEveryClaimant,
                part: part, claims: forEachClaim, escapingWrite: write)
        }
    }

    private static func stream(
        store: GraphStore, graph: TransmissionGraph, leading: [ClaimColumn], widths: Widths, namesEveryClaimant: Bool,
        part: Int, claims forEachClaim: ((GradedClaim) throws -> Void) throws -> Void,
        escapingWrite write: @escaping (String) throws -> Void
    ) throws -> Int {
        var table = ClaimTable(
            store: store, graph: graph, leading: leading, widths: widths, namesEveryClaimant: namesEveryClaimant)
        var columnWidths: [Int]?
        var written = 0
        func flush(isPartFull: Bool = false) throws {
            let isFirst = columnWidths == nil
            var widths = columnWidths ?? table.table.columnWidths()
            // More parts may follow the first: wide enough for what they may hold.
            if isFirst, isPartFull { widths = zip(widths, table.streamedMinimumWidths).map { max($0, $1) } }
            columnWidths = widths
            try table.table.forEachLine(widths: widths, includesHeader: isFirst) { try write($0 + "\n") }
            written += table.count
            table.table.removeAllRows()
        }
        try forEachClaim { claim in
            try table.append(claim)
            if table.count >= part { try flush(isPartFull: true) }
        }
        // No rows, no header: a script counting lines counts none, and the count is said on standard error.
        if table.count > 0 { try flush() }
        return written
    }

    func render() -> String { table.render() }

    /// The lines of ``render()``, one at a time, without their line feeds.
    func forEachLine(_ body: (String) throws -> Void) rethrows { try table.forEachLine(body) }
}
