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
        var claims: [GradedClaim] = []
        let entity = try arguments.positionals.first.map { try EntityResolver(store: store).resolve($0) }
        try Timing.measure(arguments.flag("timing")) {
            if let entity {
                claims = Timeline.sorted(try store.claims(of: entity.id).compactMap { filter.apply($0, vocabulary: store.vocabulary) })
            } else {
                try store.forEachClaimInTimeOrder { claim in
                    if let kept = filter.apply(claim, vocabulary: store.vocabulary) { claims.append(kept) }
                }
            }
        }
        var presentation = ClaimPresentation(store: store)
        switch format {
        case .json:
            try presentation.writeRecords(claims, entities: entity.map { [$0.id] } ?? [], to: context.output)
        case .csv:
            try presentation.writeCSV(claims, leading: [("date", { Timeline.placement(of: $0.claim)?.description ?? "" })], to: context.output)
        case .table:
            let table = try presentation.table(
                claims, leading: [("WHEN", { Timeline.placement(of: $0.claim)?.description ?? "undated" })])
            try context.print(table.render())
            context.message(counted(table.rows.count, "claim"))
        }
    }
}
