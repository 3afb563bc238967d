import IsnadKit

enum NeighborsCommand: Command {
    static let spec = CommandSpec(
        name: "neighbors",
        abstract: "The actors within N hops of an entity, with the claims that link them.",
        discussion: """
            Explores from the entity through the claims that pass the filters, hop by hop: --direction out follows
            claims from subject to object, in from object to subject, both (the default) either way; symmetric
            predicates are followed both ways. Each claim is listed once, at the hop where it was reached, with its
            status, best grade and who says it.
            """,
        arguments: [ArgumentSpec(name: "entity", help: "An id, or any name or alias.")],
        options: [
            OptionSpec("depth", value: "n", help: "How many hops (default: 1, at most 6)."),
            OptionSpec("direction", value: "direction", help: "out, in or both (default: both)."), OutputFormat.option,
            Timing.option,
        ] + FilterOptions.specs,
        examples: [
            "isnad neighbors hamas", "isnad neighbors \"Wilayat Sinai\" --depth 2 --min-reliability D",
            "isnad neighbors hamas --direction out --predicate supplied_weapons_to,funded",
        ])

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let format = try arguments.choice("format", of: OutputFormat.self, default: .table)
        let depth = try arguments.integer("depth", in: 1...6) ?? 1
        let direction = try arguments.choice("direction", of: GraphStore.Direction.self, default: .both)
        let store = try context.openStore(.read)
        let filter = try FilterOptions.filter(from: arguments, store: store)
        let entity = try EntityResolver(store: store).resolve(arguments.positionals[0])
        let neighborhood = try Timing.measure(arguments.flag("timing")) {
            try Neighborhood(store: store, center: entity.id, depth: depth, direction: direction, filter: filter)
        }
        // A claim is reached at the hop of its farther end. Sorted by keys computed once: the
        // claims themselves are large values, costly to move around.
        let hops = neighborhood.claims.map {
            max(neighborhood.depths[$0.claim.subject] ?? 0, neighborhood.depths[$0.claim.object] ?? 0)
        }
        let order = neighborhood.claims.indices.sorted { a, b in
            let (x, y) = (neighborhood.claims[a].claim, neighborhood.claims[b].claim)
            return (hops[a], x.predicate, x.id) < (hops[b], y.predicate, y.id)
        }
        let claims = order.map { neighborhood.claims[$0] }
        let hopOf = Dictionary(uniqueKeysWithValues: order.map { (neighborhood.claims[$0].claim.id, hops[$0]) })
        func hop(_ claim: GradedClaim) -> Int { hopOf[claim.claim.id] ?? 0 }
        var presentation = ClaimPresentation(store: store)
        switch format {
        case .json:
            try presentation.writeRecords(claims, entities: [entity.id], to: context.output)
        case .csv:
            try presentation.writeCSV(claims, leading: [("hop", { String(hop($0)) })], to: context.output)
        case .table:
            let reached = neighborhood.depths.count - 1
            var output =
                Text.printable(
                    "\(entity.name) (\(entity.id)): \(counted(reached, "entity", "entities")) within \(counted(depth, "hop")), \(direction == .both ? "either direction" : direction == .out ? "following claims outward" : "following claims inward"), linked by \(counted(claims.count, "claim"))"
                ) + "\n"
            if !claims.isEmpty {
                output += "\n" + (try presentation.table(claims, leading: [("HOP", { String(hop($0)) })])).render()
            }
            try context.print(output)
        }
    }
}
