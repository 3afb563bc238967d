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
        options: [depth, direction, OutputFormat.option, Timing.option] + FilterOptions.all,
        examples: [
            "isnad neighbors hamas", "isnad neighbors \"Wilayat Sinai\" --depth 2 --min-reliability E",
            "isnad neighbors hamas --direction out --predicate supplied_weapons_to,funded",
        ])

    static let depth = Option<Int>("depth", value: "n", in: 1...6, help: "How many hops (default: 1, at most 6).")
    static let direction = Option<GraphStore.Direction>(
        "direction", value: "direction", help: "out, in or both (default: both).")

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let query = try QueryPreamble(arguments, context: context) {
            (depth: try arguments.value(Self.depth, default: 1), direction: try arguments.value(Self.direction, default: .both))
        }
        let (depth, direction, store) = (query.options.depth, query.options.direction, query.store)
        let entity = try query.entity(arguments.positionals[0])
        let neighborhood = try context.measure(arguments.isSet(Timing.option)) {
            try Neighborhood(
                store: store, center: entity.id, depth: depth, direction: direction, filter: query.filter, graph: query.graph)
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
        let hopColumn: ClaimColumn = (header: "HOP", value: { String(hop($0)) })
        let reached = neighborhood.depths.count - 1
        try query.format.print(
            Printout(
                reading: {
                    var output =
                        Text.printable(
                            "\(entity.name) (\(entity.id)): \(counted(reached, "entity", "entities")) within \(counted(depth, "hop")), \(direction == .both ? "either direction" : direction == .out ? "following claims outward" : "following claims inward"), linked by \(counted(claims.count, "claim"))"
                        ) + "\n"
                    guard !claims.isEmpty else { return .init(text: output) }
                    output += "\n"
                    let table = try ClaimTable(claims, store: store, graph: query.graph, leading: [hopColumn])
                    return .init(text: output, table: table)
                },
                json: ClaimPresentation.records(claims, entities: [entity.id], store: store),
                rows: ClaimPresentation.rows(
                    claims, leading: [(header: "hop", value: hopColumn.value)], store: store, graph: query.graph)),
            context: context)
    }
}
