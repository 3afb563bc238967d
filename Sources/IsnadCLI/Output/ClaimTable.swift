import IsnadKit

/// The claims table of every listing command: one row per claim, with its dates, status and best
/// grades (capped by the common link), its independent channels and common link, and who says
/// it, after the command's own leading columns.
struct ClaimTable {
    /// How wide each column may grow. They differ between commands, and each command's tables
    /// keep the widths they have always had.
    struct Widths {
        /// The command's leading columns.
        var leading = 24
        /// SUBJECT and OBJECT.
        var names = 30
        /// SAID BY (STANCE GRADE).
        var claimants = 70

        /// `show`, `neighbors`, `timeline`, `source`.
        static let standard = Widths()
        /// `claims`: a wide CLAIM id column first, names a little narrower, claimants wider.
        static let claimListing = Widths(leading: 48, names: 28, claimants: 80)
    }

    private var table: TextTable
    private var presentation: ClaimPresentation
    private let leading: [ClaimColumn]

    init(store: GraphStore, graph: TransmissionGraph, leading: [ClaimColumn] = [], widths: Widths = .standard) {
        self.leading = leading
        presentation = ClaimPresentation(store: store, graph: graph)
        table = TextTable(
            leading.map { TextTable.Column(header: $0.header, maximumWidth: widths.leading) } + [
                .init(header: "SUBJECT", maximumWidth: widths.names), .init(header: "PREDICATE", maximumWidth: 28),
                .init(header: "OBJECT", maximumWidth: widths.names), .init(header: "DATES", maximumWidth: 24),
                .init(header: "STATUS"), .init(header: "BEST"), .init(header: "CHANNELS"),
                .init(header: "ALL THROUGH", maximumWidth: 40),
                .init(header: "SAID BY (STANCE GRADE)", maximumWidth: widths.claimants),
            ])
    }

    /// The claims in a table with the standard widths.
    init(_ claims: [GradedClaim], store: GraphStore, graph: TransmissionGraph, leading: [ClaimColumn] = []) throws {
        self.init(store: store, graph: graph, leading: leading)
        for claim in claims { try append(claim) }
    }

    /// Adds the claim's row (none for a claim with no citation left).
    mutating func append(_ claim: GradedClaim) throws {
        let weight = presentation.graph.weigh(claim)
        guard let evidence = weight.strength?.evidence else { return }
        let store = presentation.store
        var channels = String(weight.supportingChannels)
        if weight.denyingChannels > 0 { channels += " (\(weight.denyingChannels) denying)" }
        table.append(
            leading.map { $0.value(claim) } + [
                try presentation.name(claim.claim.subject), claim.claim.predicate, try presentation.name(claim.claim.object),
                ExportStyle.dates(of: claim.claim, vocabulary: store.vocabulary), evidence.status.rawValue.uppercased(),
                evidence.bestGrade, channels, weight.commonLink?.label ?? "", ClaimPresentation.claimants(claim),
            ])
    }

    /// How many claims the table shows.
    var count: Int { table.rows.count }

    func render() -> String { table.render() }

    /// The lines of ``render()``, one at a time, without their line feeds.
    func forEachLine(_ body: (String) throws -> Void) rethrows { try table.forEachLine(body) }
}
