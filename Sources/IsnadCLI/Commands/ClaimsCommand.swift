import IsnadKit

enum ClaimsCommand: Command {
    static let name = "claims"
    static let spec = CommandSpec(
        name: name,
        abstract: "List claims, with their status, best grades and who says them.",
        discussion: """
            Without options, every claim in the store, by id. --subject and --object take ids or names, several as \
            every list option does (a comma always separates them: an entity whose name holds one is given by its \
            id). --entity takes them as well, for claims with one of them at either end, subject or object: \
            everything said about it. Like every option it narrows what the others select (--entity hamas \
            --object isis: claims of hamas about isis, or of isis about itself), so that adding an option never \
            lists more. --id lists claims by id, each with every claimant in the table (past 10 they are counted \
            otherwise), and combines with the other options as they do with each other: a claim is listed when it \
            passes them all.

            --sort strength lists the strongest claims first, ranked as path ranks claims: by status once capped \
            (asserted, alleged, disputed), then by independent channels of support (more first), then by best \
            grade; ties, and claims with no citation left (last), by id. --sort weakest lists the same ranking \
            the other way round. Every claim that passes the filters is weighed, to find the first --limit of \
            them, but only those are held: in every format the first \(ListingLimit.tableDefault) unless --limit \
            says otherwise (--limit 0 holds every claim that passes). The table's note says what it sorted by. \
            --sort id (the default) lists them by id, streamed.

            Retracted claims are left out, and so are retracted citations. --include-retracted lists them too, apart
            and never weighed: a table under RETRACTED after the claims, each with why and the history entry that
            retracted it (who, when); JSON as records marked "retracted", as isnad export jsonl --include-retracted
            writes them; CSV with a last column, retracted, that says why (a retracted claim's status is retracted,
            with no sources, grade or channels). --only-retracted lists only them. --id, --subject, --object and
            --predicate select them too; the other filters weigh evidence, and --limit cuts the claims that stand:
            neither applies to what is retracted.
            """,
        options: [
            id, subject, object, entity, sort, ListingLimit.claims, OutputFormat.citingOption, includesRetracted,
            onlyRetracted,
        ]
            + FilterOptions.all,
        examples: [
            "isnad claims --subject hamas",
            "isnad claims --entity \"Wilayat Sinai\" --sort strength",
            "isnad claims --entity hamas,isis --sort weakest --limit 3 --format csv",
            "isnad claims --subject hamas,isis --object \"Hadera attack\"",
            "isnad claims --id wilayat-sinai-communicated-with-hamas --format csv",
            "isnad claims --predicate supplied_weapons_to,funded --status alleged",
            "isnad claims --source israeli-police --format csv",
            "isnad claims --subject \"Wilayat Sinai\" --format cite",
            "isnad claims --only-retracted --format csv",
        ])

    static let includesRetracted = Flag(
        "include-retracted", help: "Also list retracted claims and citations, marked, with why, who and when.")
    static let onlyRetracted = Flag(
        "only-retracted", help: "List only the retracted claims and citations, as --include-retracted does.")

    static let id = ListOption<String>(
        "id", value: "claim", help: "Only these claims, by id (repeat, or separate with commas).")
    static let subject = ListOption<String>(
        "subject", value: "entity", help: "Only claims whose subject is one of these (repeat, or separate with commas).")
    static let object = ListOption<String>(
        "object", value: "entity", help: "Only claims whose object is one of these (repeat, or separate with commas).")
    static let entity = ListOption<String>(
        "entity", value: "entity",
        help: "Only claims with one of these as subject or object (repeat, or separate with commas).")
    static let sort: Option<ClaimOrder> = {
        var option = Option<ClaimOrder>(
            "sort", value: "order", group: .output,
            help:
                "id (the default), strength (strongest first: status, then independent channels, then best grade, as path ranks) or weakest (weakest first)."
        )
        option.spec.choices = ClaimOrder.allCases.map(\.rawValue)
        return option
    }()

    /// The order of `--sort`.
    enum ClaimOrder: String, ArgumentChoice {
        case id, strength, weakest

        /// How ``StrongestClaims`` ranks them; nil: by id, as they are read.
        var ranking: StrongestClaims.Order? {
            switch self {
            case .id: nil
            case .strength: .strongestFirst
            case .weakest: .weakestFirst
            }
        }

        /// What the table's note says it sorted by.
        var note: String? {
            switch self {
            case .id: nil
            case .strength:
                "sorted strongest first: by status once capped, then independent channels of support, then best grade (ties by id)"
            case .weakest:
                "sorted weakest first: by status once capped, then independent channels of support, then best grade (ties by id)"
            }
        }
    }

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        if arguments.isSet(onlyRetracted), arguments.isSet(includesRetracted) {
            throw UsageError(
                message:
                    "--only-retracted lists the retracted claims alone; --include-retracted lists them beside the others: give one",
                command: name)
        }
        // A footnote cites evidence that stands; what is retracted is listed, never cited.
        if try arguments.value(OutputFormat.citingOption) == .cite,
            let retracted = [includesRetracted, onlyRetracted].first(where: { arguments.isSet($0) })
        {
            throw UsageError(
                message:
                    "--\(retracted.spec.name) does not apply to --format cite, which cites the evidence that stands: give table, list, json or csv",
                command: name)
        }
        let query = try QueryPreamble(arguments, context: context) {
            // Ranked, the claims listed are held until the last is weighed: the table's default
            // in every format, unless a limit is given (0: every claim that passes, held).
            guard try arguments.value(Self.sort, default: .id) != .id else { return try ListingLimit.value(arguments) }
            let limit = try arguments.value(ListingLimit.claims, default: ListingLimit.tableDefault)
            return limit == 0 ? nil : limit
        }
        let limit = query.options
        let store = query.store
        let subjects = Set(try query.entities(Self.subject, in: arguments).map(\.id))
        let objects = Set(try query.entities(Self.object, in: arguments).map(\.id))
        let entities = Set(try query.entities(Self.entity, in: arguments).map(\.id))
        let order = try arguments.value(Self.sort, default: .id)
        let ids = try arguments.values(Self.id)
        let isListingRetracted = arguments.isSet(includesRetracted) || arguments.isSet(onlyRetracted)
        let isOnlyRetracted = arguments.isSet(onlyRetracted)
        for id in ids { try refuseUnlisted(id, store: store, isListingRetracted: isListingRetracted) }
        // What is retracted of the claims the selectors name, in claim id order: few, read whole.
        var retractions: [Retraction] = []
        if isListingRetracted {
            try store.forEachRetraction(
                ids: Set(ids), subjects: subjects, objects: objects, predicates: query.filter.predicates,
                entities: entities
            ) { retractions.append($0) }
        }
        // The standing claims' retracted citations, listed with their claims (JSON, CSV).
        let retractedCitations = Dictionary(
            retractions.filter { !$0.isClaimRetracted }.map { ($0.claim.id, $0) }, uniquingKeysWith: { first, _ in first })
        // Every claim that passes, in id order, up to the limit: streamed, so that the whole store
        // can be listed in flat memory. Under a condition on subject, object or predicate, the
        // matching claims' rows come first, in order, and are counted.
        // So does one on sources or on what was known by a date, through the citation indexes
        // (their claims are still filtered: a retracted citation may be among them).
        let citingSources = try store.citingSources(admittedBy: query.filter)
        let isConditioned =
            !ids.isEmpty || !subjects.isEmpty || !objects.isEmpty || !entities.isEmpty || !query.filter.predicates.isEmpty
            || citingSources != nil
        // The rows counted are the claims listed when no other filter drops some of them.
        var otherFilters = query.filter
        otherFilters.predicates = []
        var matching: Int?
        // Every claim that passes, in id order; `limit`: the listing reads no row past it.
        func forEachPassing(listedUpTo limit: Int?, _ each: (GradedClaim) throws -> Void) throws {
            let kept = { (claim: GradedClaim) in
                if let kept = query.apply(claim) { try each(kept) }
            }
            guard isConditioned else { return try store.forEachClaim(kept) }
            let rows = try store.claimRows(
                ids: Set(ids), subjects: subjects, objects: objects, predicates: query.filter.predicates,
                entities: entities, citedBy: citingSources)
            matching = rows.count
            try store.forEachClaim(rows: ListingLimit.rows(rows, listedUpTo: limit, allListed: otherFilters.isEmpty), kept)
        }
        @discardableResult
        func forEachClaim(_ body: (GradedClaim) throws -> Void) throws -> Bool {
            if isOnlyRetracted { return false }
            guard let ranking = order.ranking else {
                return try ListingLimit.forFirst(limit, of: { try forEachPassing(listedUpTo: limit, $0) }, body)
            }
            // Ranked: every claim that passes is weighed, the first `limit` of them held.
            var strongest = StrongestClaims(order: ranking, limit: limit)
            try forEachPassing(listedUpTo: nil) { strongest.offer($0, weight: query.graph.weigh($0)) }
            rankedTotal = strongest.offered
            for claim in strongest.ranked() { try body(claim) }
            return strongest.hasMore
        }
        // How many passed, when the listing was ranked: it weighed them all, so it counted them.
        var rankedTotal: Int?
        let claimColumn: ClaimColumn = (header: "CLAIM", value: { $0.claim.id })
        var cut = ListingLimit.Cut()
        // The claims JSON, CSV and footnotes write, counted for what the limit left out (and
        // noted, for the notes footnotes get).
        func forEachListed(_ body: (GradedClaim) throws -> Void) throws {
            cut.shown = 0
            cut.hasMore = try forEachClaim { claim in
                cut.shown += 1
                query.noteListed(claim)
                try body(claim)
            }
            if cut.hasMore { query.noteCutShort() }
        }
        try query.print(
            Printout(
                reading: {
                    var hasMore = false
                    return .init(
                        text: "",
                        stream: { write in
                            func writeRetractions(afterTable: Bool) throws {
                                guard isListingRetracted else { return }
                                // Apart from a table of standing claims, after a blank line.
                                let gap = afterTable ? "\n" : ""
                                guard !retractions.isEmpty else { return try write(gap + RetractionListing.none + "\n") }
                                try write(gap + RetractionListing.heading + "\n")
                                var listing = RetractionListing(store: store)
                                for retraction in retractions {
                                    for line in try listing.lines(retraction) { try write(line + "\n") }
                                }
                            }
                            if isOnlyRetracted { return try writeRetractions(afterTable: false) }
                            let count = try ClaimTable.stream(
                                store: store, graph: query.graph, leading: [claimColumn], widths: .claimListing,
                                namesEveryClaimant: !ids.isEmpty,
                                claims: { body in
                                    hasMore = try forEachClaim {
                                        query.noteListed($0)
                                        try body($0)
                                    }
                                }, write: write)
                            if hasMore {
                                query.noteCutShort()
                                if let total = rankedTotal ?? (otherFilters.isEmpty ? matching : nil) {
                                    try write(ListingLimit.note(showing: count, of: total) + "\n")
                                } else {
                                    try write(ListingLimit.note(showingFirst: count) + "\n")
                                }
                            }
                            // "0 claims" alone reads as nothing known; it is what the filters left
                            // (the claims --id names are there: the other options left none).
                            let filtered = count == 0 && !(ids.isEmpty && query.filter.isEmpty && otherFilters.isEmpty)
                            if !hasMore {
                                // Once the table is written: not before a failed write's error.
                                try context.output.flush()
                                context.message(counted(count, "claim") + (filtered ? " pass the filters" : ""))
                            }
                            if count > 0, let note = FilterOptions.weighingNote(query.filter) { context.message(note) }
                            if count > 0, let note = order.note { context.message(note) }
                            try writeRetractions(afterTable: count > 0)
                        })
                },
                json: .records { sink in
                    try RecordSet.write(store: store, to: sink) { (body: (Claim) throws -> Void) in
                        try forEachListed { claim in
                            try body(retractedCitations[claim.claim.id]?.record(beside: claim) ?? claim.claim)
                        }
                        // As stored: a retracted claim whole, a standing one with every citation.
                        for retraction in retractions where isOnlyRetracted || retraction.isClaimRetracted {
                            try body(retraction.claim)
                        }
                    }
                },
                rows: isListingRetracted
                    ? rowsWithRetractions(
                        retractions, besideStanding: !isOnlyRetracted, query: query, claims: { try forEachListed($0) })
                    : ClaimPresentation.rows(store: store, graph: query.graph, listsEachClaimOnce: true) { body in
                        try forEachListed { try body([], $0) }
                    },
                leftOut: { cut.leftOut(total: rankedTotal ?? (otherFilters.isEmpty ? matching : nil)) }),
            context: context,
            readingLeftOut: {
                guard citingSources != nil, !isOnlyRetracted else { return }
                try query.readClaimsOfUndatedSources(listsAll: limit == nil) { undated, rowLimit in
                    try store.claimRows(
                        ids: Set(ids), subjects: subjects, objects: objects, predicates: query.filter.predicates,
                        entities: entities, citedBy: undated,
                        limit: rowLimit)
                }
            })
    }

    /// The CSV of a listing with what is retracted: the claims' rows with a column,
    /// ``RetractionListing/csvColumn``, empty, before the sources' and the capped grades' columns (and the sources' further ones); each standing claim's retracted citations after
    /// its rows; then the retracted claims. `besideStanding` false: only what is retracted (a
    /// standing claim's retracted citations under its evidence as it stands, unfiltered).
    static func rowsWithRetractions(
        _ retractions: [Retraction], besideStanding: Bool, query: QueryPreamble<Int?>,
        claims forEachClaim: @escaping (_ body: (GradedClaim) throws -> Void) throws -> Void
    ) -> Printout.Rows {
        let store = query.store
        let byClaim = Dictionary(retractions.map { ($0.claim.id, $0) }, uniquingKeysWith: { first, _ in first })
        let trailing =
            ClaimSheet.listingSourceColumns + ClaimSheet.listingCappedColumns + ClaimSheet.listingMoreSourceColumns
            + ClaimSheet.listingDenialColumns
        let header = ClaimSheet.listingClaimColumns + [RetractionListing.csvColumn] + trailing
        return Printout.Rows(header: header) { body in
            var presentation = ClaimPresentation(store: store, graph: query.graph)
            var listing = RetractionListing(store: store)
            try forEachClaim { claim in
                for row in try presentation.csvRows(claim) {
                    try body(Array(row.dropLast(trailing.count)) + [""] + row.suffix(trailing.count))
                }
                if let retraction = byClaim[claim.claim.id] {
                    for row in try listing.csvRows(retraction, standing: claim, presentation: &presentation) { try body(row) }
                }
            }
            for retraction in retractions where !besideStanding || retraction.isClaimRetracted {
                let standing = retraction.isClaimRetracted ? nil : try store.claim(id: retraction.claim.id)
                for row in try listing.csvRows(retraction, standing: standing, presentation: &presentation) { try body(row) }
            }
        }
    }

    /// Refuses an id `--id` names that no standing claim has: mistyped (the nearest is suggested),
    /// renamed or removed by the history, or retracted (unless `isListingRetracted`). Listing
    /// nothing would read as a claim that passes none of the filters.
    static func refuseUnlisted(_ id: String, store: GraphStore, isListingRetracted: Bool = false) throws {
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
        if let retraction = claim.retraction, !isListingRetracted {
            throw LookupError(
                description:
                    "--id: claim \"\(claim.id)\" is retracted (\(Text.printable(retraction))): isnad claims --id \(claim.id) --include-retracted lists it, with why"
            )
        }
    }
}
