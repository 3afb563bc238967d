import IsnadKit

enum ClaimsCommand: Command {
    static let spec = CommandSpec(
        name: "claims",
        abstract: "List claims, with their status, best grades and who says them.",
        discussion: "Without options, every claim in the store, by id. --subject and --object take ids or names.",
        options: [
            OptionSpec("subject", value: "entity", help: "Only claims with this subject."),
            OptionSpec("object", value: "entity", help: "Only claims with this object."),
            OutputFormat.option,
        ] + FilterOptions.specs,
        examples: [
            "isnad claims --subject hamas",
            "isnad claims --predicate supplied_weapons_to,funded --status alleged",
            "isnad claims --source israeli-police --format csv",
        ])

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let format = try arguments.choice("format", of: OutputFormat.self, default: .table)
        let store = try context.openStore(.read)
        let filter = try FilterOptions.filter(from: arguments, store: store)
        let resolver = EntityResolver(store: store)
        let subject = try arguments.value("subject").map { try resolver.resolve($0).id }
        let object = try arguments.value("object").map { try resolver.resolve($0).id }
        // Every claim that passes, in id order: streamed for csv and json, so the whole store can
        // be listed in flat memory.
        func forEachClaim(_ body: (GradedClaim) throws -> Void) throws {
            try store.forEachClaim(subject: subject, object: object, predicates: filter.predicates) { claim in
                if let kept = filter.apply(claim, vocabulary: store.vocabulary) { try body(kept) }
            }
        }
        var presentation = ClaimPresentation(store: store)
        switch format {
        case .json:
            try RecordSet.write(store: store, to: context.output, claims: forEachClaim)
        case .csv:
            var csv = try CSVWriter(header: ClaimPresentation.csvHeader, to: context.output)
            try forEachClaim { claim in
                try presentation.appendCSV(claim, to: &csv)
            }
        case .table:
            var table = TextTable([
                .init(header: "CLAIM", maximumWidth: 48), .init(header: "SUBJECT", maximumWidth: 28),
                .init(header: "PREDICATE", maximumWidth: 28), .init(header: "OBJECT", maximumWidth: 28),
                .init(header: "DATES", maximumWidth: 24), .init(header: "STATUS"), .init(header: "BEST"),
                .init(header: "SAID BY (STANCE GRADE)", maximumWidth: 80),
            ])
            try forEachClaim { claim in
                guard let evidence = claim.evidence else { return }
                table.append([
                    claim.claim.id, try presentation.name(claim.claim.subject), claim.claim.predicate,
                    try presentation.name(claim.claim.object), ExportStyle.dates(of: claim.claim, vocabulary: store.vocabulary),
                    evidence.status.rawValue.uppercased(), evidence.bestGrade, ClaimPresentation.claimants(claim),
                ])
            }
            try context.print(table.render())
            context.message(counted(table.rows.count, "claim"))
        }
    }
}
