import IsnadKit

enum ClaimsCommand: Command {
    static let name = "claims"
    static let spec = CommandSpec(
        name: name,
        abstract: "List claims, with their status, best grades and who says them.",
        discussion: """
            Without options, every claim in the store, by id. --subject and --object take ids or names, several as \
            every list option does (a comma always separates them: an entity whose name holds one is given by its \
            id). --id lists claims by id, each with every claimant in the table (past 10 they are counted \
            otherwise), and combines with the other options as they do with each other: a claim is listed when it \
            passes them all.
            """,
        options: [id, subject, object, ListingLimit.claims, OutputFormat.option] + FilterOptions.all,
        examples: [
            "isnad claims --subject hamas",
            "isnad claims --subject hamas,isis --object \"Hadera attack\"",
            "isnad claims --id wilayat-sinai-communicated-with-hamas --format csv",
            "isnad claims --predicate supplied_weapons_to,funded --status alleged",
            "isnad claims --source israeli-police --format csv",
        ])

    static let id = ListOption<String>(
        "id", value: "claim", help: "Only these claims, by id (repeat, or separate with commas).")
    static let subject = ListOption<String>(
        "subject", value: "entity", help: "Only claims whose subject is one of these (repeat, or separate with commas).")
    static let object = ListOption<String>(
        "object", value: "entity", help: "Only claims whose object is one of these (repeat, or separate with commas).")

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let query = try QueryPreamble(arguments, context: context) { try ListingLimit.value(arguments) }
        let limit = query.options
        let store = query.store
        let subjects = Set(try query.entities(Self.subject, in: arguments).map(\.id))
        let objects = Set(try query.entities(Self.object, in: arguments).map(\.id))
        let ids = try arguments.values(Self.id)
        for id in ids { try refuseUnlisted(id, store: store) }
        // Every claim that passes, in id order, up to the limit: streamed, so that the whole store
        // can be listed in flat memory. Under a condition on subject, object or predicate, the
        // matching claims' rows come first, in order, and are counted.
        // So does one on sources or on what was known by a date, through the citation indexes
        // (their claims are still filtered: a retracted citation may be among them).
        let citingSources = try store.citingSources(admittedBy: query.filter)
        let isConditioned =
            !ids.isEmpty || !subjects.isEmpty || !objects.isEmpty || !query.filter.predicates.isEmpty || citingSources != nil
        // The rows counted are the claims listed when no other filter drops some of them.
        var otherFilters = query.filter
        otherFilters.predicates = []
        var matching: Int?
        @discardableResult
        func forEachClaim(_ body: (GradedClaim) throws -> Void) throws -> Bool {
            try ListingLimit.forFirst(
                limit,
                of: { each in
                    let kept = { (claim: GradedClaim) in
                        if let kept = query.apply(claim) { try each(kept) }
                    }
                    guard isConditioned else { return try store.forEachClaim(kept) }
                    let rows = try store.claimRows(
                        ids: Set(ids), subjects: subjects, objects: objects, predicates: query.filter.predicates,
                        citedBy: citingSources)
                    matching = rows.count
                    try store.forEachClaim(
                        rows: ListingLimit.rows(rows, listedUpTo: limit, allListed: otherFilters.isEmpty), kept)
                }, body)
        }
        let claimColumn: ClaimColumn = (header: "CLAIM", value: { $0.claim.id })
        var cut = ListingLimit.Cut()
        try query.print(
            Printout(
                reading: {
                    var hasMore = false
                    return .init(
                        text: "",
                        stream: { write in
                            let count = try ClaimTable.stream(
                                store: store, graph: query.graph, leading: [claimColumn], widths: .claimListing,
                                namesEveryClaimant: !ids.isEmpty, claims: { hasMore = try forEachClaim($0) }, write: write)
                            if hasMore {
                                if let total = otherFilters.isEmpty ? matching : nil {
                                    try write(ListingLimit.note(showing: count, of: total) + "\n")
                                } else {
                                    try write(ListingLimit.note(showingFirst: count) + "\n")
                                }
                            }
                            // "0 claims" alone reads as nothing known; it is what the filters left
                            // (the claims --id names are there: the other options left none).
                            let filtered = count == 0 && !(ids.isEmpty && query.filter.isEmpty && otherFilters.isEmpty)
                            if !hasMore { context.message(counted(count, "claim") + (filtered ? " pass the filters" : "")) }
                            if count > 0, let note = FilterOptions.weighingNote(query.filter) { context.message(note) }
                        })
                },
                json: .records { sink in
                    try RecordSet.write(store: store, to: sink) { body in
                        cut.shown = 0
                        cut.hasMore = try forEachClaim { claim in
                            cut.shown += 1
                            try body(claim)
                        }
                    }
                },
                rows: ClaimPresentation.rows(store: store, graph: query.graph) { body in
                    cut.shown = 0
                    cut.hasMore = try forEachClaim { claim in
                        cut.shown += 1
                        try body([], claim)
                    }
                },
                leftOut: { cut.leftOut(total: otherFilters.isEmpty ? matching : nil) }),
            context: context)
    }

    /// Refuses an id `--id` names that no standing claim has: mistyped (the nearest is suggested),
    /// renamed or removed by the history, or retracted. Listing nothing would read as a claim
    /// that passes none of the filters.
    static func refuseUnlisted(_ id: String, store: GraphStore) throws {
        let claim: Claim?
        do {
            claim = try store.claimStatement(id: id)
            if claim == nil { try RecordLookup.refuseRenamedAway(.claim, id, store: store) }
        } catch let error as LookupError {
            throw LookupError(description: "--id: " + error.description)
        }
        guard let claim else {
            throw LookupError(
                description: "--id: unknown claim \"\(Text.printable(id))\""
                    + Suggestion.phrase(try store.nearestID(to: id, of: .claim)))
        }
        if let retraction = claim.retraction {
            throw LookupError(
                description:
                    "--id: claim \"\(claim.id)\" is retracted (\(Text.printable(retraction))): isnad show \(claim.subject) --include-retracted lists it"
            )
        }
    }
}
