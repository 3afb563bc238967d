import IsnadKit

enum ClaimsCommand: Command {
    static let name = "claims"
    static let spec = CommandSpec(
        name: name,
        abstract: "List claims, with their status, best grades and who says them.",
        discussion: "Without options, every claim in the store, by id. --subject and --object take ids or names.",
        options: [subject, object, ListingLimit.claims, OutputFormat.option] + FilterOptions.all,
        examples: [
            "isnad claims --subject hamas",
            "isnad claims --predicate supplied_weapons_to,funded --status alleged",
            "isnad claims --source israeli-police --format csv",
        ])

    static let subject = Option<String>("subject", value: "entity", help: "Only claims with this subject.")
    static let object = Option<String>("object", value: "entity", help: "Only claims with this object.")

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let query = try QueryPreamble(arguments, context: context) { try ListingLimit.value(arguments) }
        let limit = query.options
        let store = query.store
        let subject = try arguments.value(Self.subject).map { try query.entity($0).id }
        let object = try arguments.value(Self.object).map { try query.entity($0).id }
        // Every claim that passes, in id order, up to the limit: streamed, so that the whole store
        // can be listed in flat memory. Under a condition on subject, object or predicate, the
        // matching claims' rows come first, in order, and are counted.
        // So does one on sources or on what was known by a date, through the citation indexes
        // (their claims are still filtered: a retracted citation may be among them).
        let citingSources = try store.citingSources(admittedBy: query.filter)
        let isConditioned = subject != nil || object != nil || !query.filter.predicates.isEmpty || citingSources != nil
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
                        subject: subject, object: object, predicates: query.filter.predicates,
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
                                claims: { hasMore = try forEachClaim($0) }, write: write)
                            if hasMore {
                                if let total = otherFilters.isEmpty ? matching : nil {
                                    try write(ListingLimit.note(showing: count, of: total) + "\n")
                                } else {
                                    try write(ListingLimit.note(showingFirst: count) + "\n")
                                }
                            }
                            // "0 claims" alone reads as nothing known; it is what the filters left.
                            let filtered = count == 0 && !(query.filter.isEmpty && otherFilters.isEmpty)
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
                leftOut: { cut.note(total: otherFilters.isEmpty ? matching : nil) }),
            context: context)
    }
}
