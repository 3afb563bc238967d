import IsnadKit

enum TimelineCommand: Command {
    static let spec = CommandSpec(
        name: "timeline",
        abstract: "Claims in date order, for one entity or the whole store.",
        discussion: """
            A claim is placed at its start date, or at its end when only that is known; dates are printed as given.
            Partial dates sort before the more precise dates they contain (2014, then 2014-05, then 2014-05-12);
            undated claims come last.
            """,
        arguments: [ArgumentSpec(name: "entity", help: "An id, or any name or alias (default: every claim).", isOptional: true)],
        options: [OutputFormat.option, Timing.option] + FilterOptions.specs,
        examples: ["isnad timeline hamas", "isnad timeline --between 2014 2017", "isnad timeline isis --format csv"])

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let format = try arguments.choice("format", of: OutputFormat.self, default: .table)
        let store = try context.openStore(.read)
        let filter = try FilterOptions.filter(from: arguments, store: store)
        let entity = try arguments.positionals.first.map { try EntityResolver(store: store).resolve($0) }
        let date = { (claim: GradedClaim) in Timeline.placement(of: claim.claim)?.description ?? "" }
        var presentation = ClaimPresentation(store: store)
        guard let entity else {
            // The whole store: streamed for csv and json, in flat memory.
            func forEachClaim(inTimeOrder: Bool, _ body: (GradedClaim) throws -> Void) throws {
                let kept = { (claim: GradedClaim) in
                    if let kept = filter.apply(claim, vocabulary: store.vocabulary) { try body(kept) }
                }
                if inTimeOrder { try store.forEachClaimInTimeOrder(kept) } else { try store.forEachClaim(kept) }
            }
            var claims: [GradedClaim] = []
            // Streamed output is part of the query here: the time includes writing it.
            try Timing.measure(arguments.flag("timing")) {
                switch format {
                case .json:
                    try RecordSet.write(store: store, to: context.output) { try forEachClaim(inTimeOrder: false, $0) }
                case .csv:
                    var csv = try CSVWriter(header: ["date"] + ClaimPresentation.csvHeader, to: context.output)
                    try forEachClaim(inTimeOrder: true) { claim in
                        try presentation.appendCSV(claim, leading: [date(claim)], to: &csv)
                    }
                case .table:
                    try forEachClaim(inTimeOrder: true) { claims.append($0) }
                }
            }
            if format == .table { try printTable(claims, presentation: &presentation, context: context) }
            return
        }
        var claims: [GradedClaim] = []
        try Timing.measure(arguments.flag("timing")) {
            claims = Timeline.sorted(
                try store.claims(of: entity.id).compactMap { filter.apply($0, vocabulary: store.vocabulary) })
        }
        switch format {
        case .json:
            try presentation.writeRecords(claims, entities: [entity.id], to: context.output)
        case .csv:
            try presentation.writeCSV(claims, leading: [("date", date)], to: context.output)
        case .table:
            try printTable(claims, presentation: &presentation, context: context)
        }
    }

    private static func printTable(_ claims: [GradedClaim], presentation: inout ClaimPresentation, context: Context) throws {
        let table = try presentation.table(
            claims, leading: [("WHEN", { Timeline.placement(of: $0.claim)?.description ?? "undated" })])
        try context.print(table.render())
        context.message(counted(table.rows.count, "claim"))
    }
}
