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

    static let format = OutputFormat.citingOption(json: "json (JSON Lines: one claim a line, in date order; not records)")

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
        // The whole store's listing under --known-by reads through the sources public by then,
        // when they are few (and its note then reads the claims of undated sources too).
        let citingSources = entity == nil ? try store.citingSources(admittedBy: query.filter) : nil
        let isTimed = arguments.isSet(Timing.option)
        // One name for the column in every format: `when`, as the table's WHEN and the JSON's key.
        let date: ClaimColumn = (header: "when", value: { Timeline.placement(of: $0.claim)?.description ?? "" })
        let when: ClaimColumn = (header: "WHEN", value: { Timeline.placement(of: $0.claim)?.description ?? "undated" })
        // Every listing is streamed in date order, up to the limit, in flat memory: an entity's
        // claims by their rows, read in date order from the indexes (8 bytes a claim; without a
        // filter only as many as are listed, and a table cut short counts the rest in the
        // indexes); the whole store's through the date index. Streamed output is part of the
        // query here: the time includes writing it.
        var entityClaims: Int?
        var cut = ListingLimit.Cut()
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
                        // Under a filter, how many rows make `limit` claims is not known: all are read.
                        let rowLimit = ListingLimit.rowsToRead(listedUpTo: limit, allListed: query.filter.isEmpty)
                        var rows = try store.claimRowsInTimeOrder(of: entity.id, limit: rowLimit)
                        let isCutShort = rowLimit.map { rows.count >= $0 } ?? false
                        entityClaims = isCutShort ? try store.claimCount(of: entity.id) : rows.count
                        // With a limit, the filter is tried on so many claims at most, as `show`
                        // tries it: a hub's 94,612 claims, none known by 1990, took 1.5 s to read.
                        // A larger limit tries as many as it may list.
                        let tried = max(NeighborhoodSurvey.claimsTriedAtMost, limit ?? 0)
                        if limit != nil, !query.filter.isEmpty, rows.count > tried {
                            rows = Array(rows.prefix(tried))
                            cut.triedOnly = tried
                            query.noteTriedInPart(tried)
                        }
                        try store.forEachClaim(rows: rows, kept)
                    } else if let sources = citingSources {
                        try store.forEachClaim(rows: try store.claimRowsInTimeOrder(citedBy: sources), kept)
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
                                    claims: { body in
                                        hasMore = try forEachClaim {
                                            query.noteListed($0)
                                            try body($0)
                                        }
                                    }, write: write)
                            }
                            if let tried = cut.triedOnly, !hasMore {
                                try context.output.flush()
                                context.message(ListingLimit.Cut.stoppedTrying(passed: count, tried: tried))
                            } else if hasMore {
                                query.noteCutShort()
                                // Under a filter, how many pass it is not known without reading them all.
                                if let entityClaims, query.filter.isEmpty {
                                    try write(ListingLimit.note(showing: count, of: entityClaims) + "\n")
                                } else {
                                    try write(ListingLimit.note(showingFirst: count) + "\n")
                                }
                            } else {
                                // Once the table is written: not before a failed write's error.
                                try context.output.flush()
                                context.message(counted(count, "claim"))
                            }
                        })
                },
                json: .lines { line in
                    var presentation = ClaimPresentation(store: store, graph: query.graph)
                    var rank = 0
                    try context.measure(isTimed) {
                        cut.shown = 0
                        cut.hasMore = try forEachClaim { claim in
                            rank += 1
                            cut.shown += 1
                            try line { try writeLine(claim, rank: rank, presentation: &presentation, to: &$0) }
                        }
                    }
                },
                rows: ClaimPresentation.rows(
                    store: store, graph: query.graph, leading: [date.header], listsEachClaimOnce: true
                ) { body in
                    try context.measure(isTimed) {
                        cut.shown = 0
                        cut.hasMore = try forEachClaim { claim in
                            cut.shown += 1
                            query.noteListed(claim)
                            try body([date.value(claim)], claim)
                        }
                        if cut.hasMore { query.noteCutShort() }
                    }
                },
                leftOut: { cut.leftOut(total: query.filter.isEmpty ? entityClaims : nil) }),
            context: context,
            readingLeftOut: {
                guard citingSources != nil else { return }
                try query.readClaimsOfUndatedSources(listsAll: limit == nil) { try store.claimRows(citedBy: $0, limit: $1) }
            })
    }
}
