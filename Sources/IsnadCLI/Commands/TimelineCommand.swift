import IsnadKit

enum TimelineCommand: Command {
    static let name = "timeline"
    static let spec = CommandSpec(
        name: name,
        abstract: "Claims in date order, for one entity or the whole store.",
        discussion: """
            A claim is placed at its start date, or at its end when only that is known; dates are printed as given.
            Partial dates sort before the more precise dates they contain (2014, then 2014-05, then 2014-05-12);
            undated claims come last.
            """,
        arguments: [ArgumentSpec(name: "entity", help: "An id, or any name or alias (default: every claim).", isOptional: true)],
        options: [ListingLimit.claims, format, Timing.option] + FilterOptions.all,
        examples: ["isnad timeline hamas", "isnad timeline --between 2014 2017", "isnad timeline isis --format json"])

    static let format = OutputFormat.option(json: "json (JSON Lines: one claim a line, in date order; not records)")

    /// The claim as one line of the timeline's JSON: its rank, date, and the claim.
    static func writeLine(
        _ claim: GradedClaim, rank: Int, presentation: inout ClaimPresentation, to json: inout JSONWriter
    ) throws {
        json.beginObject()
        json.member("rank", rank)
        json.nullableMember("when", Timeline.placement(of: claim.claim)?.description)
        try presentation.writeMembers(of: claim, to: &json)
        json.endObject()
    }

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let query = try QueryPreamble(arguments, context: context, format: format) {
            try ListingLimit.value(arguments, format: format)
        }
        let limit = query.options
        let store = query.store
        let entity = try arguments.positionals.first.map { try query.entity($0) }
        let isTimed = arguments.isSet(Timing.option)
        let date: ClaimColumn = (header: "date", value: { Timeline.placement(of: $0.claim)?.description ?? "" })
        let when: ClaimColumn = (header: "WHEN", value: { Timeline.placement(of: $0.claim)?.description ?? "undated" })
        func reading(_ claims: [GradedClaim]) throws -> Printout.Reading {
            let shown = limit.map { Array(claims.prefix($0)) } ?? claims
            let table = try ClaimTable(shown, store: store, graph: query.graph, leading: [when])
            guard shown.count < claims.count else { return .init(text: table.render(), note: counted(table.count, "claim")) }
            return .init(text: table.render(), trailer: ListingLimit.note(showing: shown.count, of: claims.count))
        }
        guard let entity, limit != nil else {
            // The whole store, or every claim of one entity (--limit 0, and JSON and CSV by
            // default): streamed, in flat memory. Streamed output is part of the query here: the
            // time includes writing it.
            // Up to the limit: reading stops there. Returns whether more claims came.
            @discardableResult
            func forEachClaim(_ body: (GradedClaim) throws -> Void) throws -> Bool {
                try ListingLimit.forFirst(
                    limit,
                    of: { each in
                        let kept = { (claim: GradedClaim) in
                            if let kept = query.apply(claim) { try each(kept) }
                        }
                        if let entity {
                            try store.forEachClaimInTimeOrder(of: entity.id, kept)
                        } else {
                            try store.forEachClaimInTimeOrder(kept)
                        }
                    }, body)
            }
            try query.print(
                Printout(
                    reading: {
                        .init(
                            text: "",
                            stream: { write in
                                var hasMore = false
                                let count = try context.measure(isTimed) {
                                    try ClaimTable.stream(
                                        store: store, graph: query.graph, leading: [when],
                                        claims: { hasMore = try forEachClaim($0) }, write: write)
                                }
                                if hasMore {
                                    try write(ListingLimit.note(showingFirst: count) + "\n")
                                } else {
                                    context.message(counted(count, "claim"))
                                }
                            })
                    },
                    json: .lines { line in
                        var presentation = ClaimPresentation(store: store, graph: query.graph)
                        var rank = 0
                        try context.measure(isTimed) {
                            _ = try forEachClaim { claim in
                                rank += 1
                                try line { try writeLine(claim, rank: rank, presentation: &presentation, to: &$0) }
                            }
                        }
                    },
                    rows: ClaimPresentation.rows(store: store, graph: query.graph, leading: [date.header]) { body in
                        try context.measure(isTimed) {
                            _ = try forEachClaim { claim in try body([date.value(claim)], claim) }
                        }
                    }),
                context: context)
            return
        }
        // Up to a limit, one entity's claims are sorted in memory (as many as the entity has), so
        // that the table can say how many it leaves out.
        var claims = try context.measure(isTimed) {
            Timeline.sorted(try store.claims(of: entity.id).compactMap(query.apply))
        }
        if let limit, query.format != .table, claims.count > limit { claims.removeSubrange(limit...) }
        try query.print(
            Printout(
                reading: { try reading(claims) },
                json: .lines { line in
                    var presentation = ClaimPresentation(store: store, graph: query.graph)
                    for (index, claim) in claims.enumerated() {
                        try line { try writeLine(claim, rank: index + 1, presentation: &presentation, to: &$0) }
                    }
                },
                rows: ClaimPresentation.rows(claims, leading: [date], store: store, graph: query.graph)),
            context: context)
    }
}
