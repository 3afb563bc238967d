import IsnadKit

enum NeighborsCommand: Command {
    static let name = "neighbors"
    static let spec = CommandSpec(
        name: name,
        abstract: "The actors within N hops of an entity, with the claims that link them.",
        discussion: """
            Explores from the entity through the claims that pass the filters, hop by hop: --direction out follows
            claims from subject to object, in from object to subject, both (the default) either way; symmetric
            predicates are followed both ways. Each claim is listed once, at the hop that reached it (hop N: the claims
            of the entities N - 1 hops away that no earlier hop held), with its status, best grade and who says it.

            A neighbourhood with more claims than --limit (default 200 in a table) is summarised: the claims counted
            per hop, predicate and direction, each group with the evidence of the claims read from it, then the
            strongest claims read. The count stops after reading 10,000 links (the counts then say "at least").
            --limit 0 lists every claim, streamed; JSON and CSV list every claim unless given a limit.
            """,
        arguments: [ArgumentSpec(name: "entity", help: "An id, or any name or alias.")],
        options: [depth, direction, ListingLimit.surveyedClaims, OutputFormat.citingOption, Timing.option] + FilterOptions.all,
        examples: [
            "isnad neighbors hamas", "isnad neighbors \"Wilayat Sinai\" --depth 2 --min-reliability E",
            "isnad neighbors hamas --direction out --predicate supplied_weapons_to,funded",
        ])

    static let depth = Option<Int>("depth", value: "n", in: 1...6, help: "How many hops (default: 1, at most 6).")
    static let direction = Option<GraphStore.Direction>(
        "direction", value: "direction", help: "out, in or both (default: both).")

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let query = try QueryPreamble(arguments, context: context) {
            (
                depth: try arguments.value(Self.depth, default: 1),
                direction: try arguments.value(Self.direction, default: .both),
                limit: try ListingLimit.value(arguments)
            )
        }
        let (depth, direction, store) = (query.options.depth, query.options.direction, query.store)
        let entity = try query.entity(arguments.positionals[0])
        let isTimed = arguments.isSet(Timing.option)
        let directionText =
            direction == .both
            ? "either direction" : direction == .out ? "following claims outward" : "following claims inward"
        guard let limit = query.options.limit else {
            // Streamed: writing the claims is part of the query, and of its time.
            try context.measure(isTimed) {
                let listing = try NeighborhoodListing(
                    store: store, center: entity.id, depth: depth, direction: direction, filter: query.filter,
                    graph: query.graph)
                try printAll(
                    listing, of: entity, heading: heading(entity, listing.entities, listing.claims, depth, directionText),
                    query: query, context: context)
            }
            return
        }
        // A survey first, within a budget: a neighbourhood within the limit is then listed whole,
        // a larger one summarised.
        let (survey, neighborhood) = try context.measure(isTimed) {
            let survey = try NeighborhoodSurvey(
                store: store, center: entity.id, depth: depth, direction: direction, filter: query.filter,
                graph: query.graph, limit: limit)
            guard survey.isComplete, survey.claims <= limit else { return (survey, nil as Neighborhood?) }
            return (
                survey,
                try Neighborhood(
                    store: store, center: entity.id, depth: depth, direction: direction, filter: query.filter,
                    graph: query.graph)
            )
        }
        if let neighborhood {
            try printWhole(neighborhood, of: entity, depth: depth, directionText: directionText, query: query, context: context)
        } else {
            try printSummary(survey, of: entity, limit: limit, directionText: directionText, query: query, context: context)
        }
    }

    static func heading(_ entity: Entity, _ entities: Int, _ claims: Int, _ depth: Int, _ directionText: String) -> String {
        Bidi.heading(
            naming: entity,
            ": \(counted(entities, "entity", "entities")) within \(counted(depth, "hop")), \(directionText), linked by \(counted(claims, "claim"))"
        ) + "\n"
    }

    /// A neighbourhood within the limit, whole: by hop, then predicate, then id.
    static func printWhole(
        _ neighborhood: Neighborhood, of entity: Entity, depth: Int, directionText: String,
        query: QueryPreamble<(depth: Int, direction: GraphStore.Direction, limit: Int?)>, context: Context
    ) throws {
        let store = query.store
        // Sorted by keys computed once: the claims themselves are large values, costly to move around.
        let hops = neighborhood.claims.map { neighborhood.hop(of: $0.claim) }
        let order = neighborhood.claims.indices.sorted { a, b in
            let (x, y) = (neighborhood.claims[a].claim, neighborhood.claims[b].claim)
            return (hops[a], x.predicate, x.id) < (hops[b], y.predicate, y.id)
        }
        let claims = order.map { neighborhood.claims[$0] }
        let hopOf = Dictionary(uniqueKeysWithValues: order.map { (neighborhood.claims[$0].claim.id, hops[$0]) })
        let hopColumn: ClaimColumn = (header: "HOP", value: { String(hopOf[$0.claim.id] ?? 0) })
        let reached = neighborhood.depths.count - 1
        query.noteListed(claims)
        try query.print(
            Printout(
                reading: {
                    let output = heading(entity, reached, claims.count, depth, directionText)
                    guard !claims.isEmpty else { return .init(text: output) }
                    let table = try ClaimTable(claims, store: store, graph: query.graph, leading: [hopColumn])
                    return .init(text: output + "\n", table: table)
                },
                json: .records { sink in
                    try RecordSet.write(store: store, to: sink, entities: [entity.id]) { body in try claims.forEach(body) }
                },
                rows: ClaimPresentation.rows(
                    claims, leading: [(header: "hop", value: hopColumn.value)], store: store, graph: query.graph)),
            context: context)
    }

    /// Every claim, streamed (`--limit 0`, and JSON and CSV by default): memory holds one claim at a
    /// time besides the walk's rows.
    static func printAll(
        _ listing: NeighborhoodListing, of entity: Entity, heading: String,
        query: QueryPreamble<(depth: Int, direction: GraphStore.Direction, limit: Int?)>, context: Context
    ) throws {
        let store = query.store
        var hop = 0
        let hopColumn: ClaimColumn = (header: "HOP", value: { _ in String(hop) })
        func forEachClaim(_ body: (GradedClaim) throws -> Void) throws {
            try listing.forEach { claim, claimHop in
                hop = claimHop
                try body(claim)
            }
        }
        try query.print(
            Printout(
                reading: {
                    guard listing.claims > 0 else { return .init(text: heading) }
                    return .init(
                        text: heading + "\n",
                        stream: { write in
                            _ = try ClaimTable.stream(
                                store: store, graph: query.graph, leading: [hopColumn],
                                claims: { body in
                                    try forEachClaim {
                                        query.noteListed($0)
                                        try body($0)
                                    }
                                }, write: write)
                        })
                },
                json: .records { sink in
                    try RecordSet.write(store: store, to: sink, entities: [entity.id]) { try forEachClaim($0) }
                },
                rows: ClaimPresentation.rows(store: store, graph: query.graph, leading: ["hop"]) { body in
                    try forEachClaim {
                        query.noteListed($0)
                        try body([String(hop)], $0)
                    }
                }),
            context: context)
    }

    /// A neighbourhood past the limit: counts per hop, predicate and direction, with the evidence
    /// of the claims read, then the strongest claims read.
    static func printSummary(
        _ survey: NeighborhoodSurvey, of entity: Entity, limit: Int, directionText: String,
        query: QueryPreamble<(depth: Int, direction: GraphStore.Direction, limit: Int?)>, context: Context
    ) throws {
        let store = query.store
        let claims = survey.strongest
        var hopOf: [String: Int] = [:]
        for claim in claims { hopOf[claim.claim.id] = survey.hop(of: claim) }
        let hopColumn: ClaimColumn = (header: "HOP", value: { String(hopOf[$0.claim.id] ?? 0) })
        let leftOut = ListingLimit.note(showing: claims.count, of: survey.claims, isAtLeast: !survey.isComplete)
        query.noteListed(claims)
        query.noteCutShort()
        try query.print(
            Printout(
                reading: {
                    var text = summaryText(survey, of: entity, limit: limit, directionText: directionText, store: store)
                    guard !claims.isEmpty else { return .init(text: text) }
                    text += "\n"
                    let table = try ClaimTable(claims, store: store, graph: query.graph, leading: [hopColumn])
                    return .init(
                        text: text, table: table,
                        trailer: leftOut)
                },
                json: .records { sink in
                    try RecordSet.write(store: store, to: sink, entities: [entity.id]) { body in try claims.forEach(body) }
                },
                rows: ClaimPresentation.rows(
                    claims, leading: [(header: "hop", value: hopColumn.value)], store: store, graph: query.graph),
                leftOut: { [survey.claims == 0 && survey.stoppedExamining ? noneTried(survey) : leftOut] }),
            context: context)
    }

    /// What a survey says when the filters passed none of the claims it tried before it stopped.
    static func noneTried(_ survey: NeighborhoodSurvey, within place: String? = nil) -> String {
        "no claim passed the filters among the first \(survey.claimsExamined) claims tried"
            + (place.map { " within \($0)" } ?? "") + ", to answer at once (--limit 0 tries them all)"
    }

    /// The summary's heading and its table of groups.
    static func summaryText(
        _ survey: NeighborhoodSurvey, of entity: Entity, limit: Int, directionText: String, store: GraphStore
    ) -> String {
        if survey.claims == 0, survey.stoppedExamining {
            return Bidi.heading(
                naming: entity, ": " + noneTried(survey, within: "\(counted(survey.depth, "hop")), \(directionText)"))
                + "\n"
        }
        let atLeast = survey.isComplete ? "" : "at least "
        var lines = [
            Bidi.heading(
                naming: entity,
                ": \(atLeast)\(counted(survey.entities, "entity", "entities")) within \(counted(survey.depth, "hop")), \(directionText), linked by \(atLeast)\(counted(survey.claims, "claim"))"
            )
        ]
        if survey.stoppedExamining {
            lines.append(
                "(the filters were tried on the first \(survey.claimsExamined) claims reached only, to answer at once: the counts are lower bounds; --limit 0 tries them all)"
            )
        } else if !survey.isComplete {
            lines.append("(counting stopped after a bounded walk, to answer at once: the counts are lower bounds)")
        }
        for hop in 1...max(1, survey.depth) {
            let count = survey.count(atHop: hop)
            guard count.claims > 0 else { continue }
            let atLeastHere = survey.isCounted(wholeAtHop: hop) ? "" : "at least "
            lines.append(
                "  hop \(hop): \(atLeastHere)\(counted(count.claims, "claim")), reaching \(atLeastHere)\(counted(count.entities, "entity", "entities"))"
            )
        }
        var text = lines.joined(separator: "\n") + "\n\n"
        text += SurveyTable.text(survey, store: store, showsHop: true)
        text += "\nThe \(counted(survey.strongest.count, "strongest claim")) of those read (--limit 0 lists every claim):\n"
        return text
    }
}
