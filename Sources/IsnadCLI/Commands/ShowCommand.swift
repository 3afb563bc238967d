import IsnadKit

enum ShowCommand: Command {
    static let name = "show"
    static let spec = CommandSpec(
        name: name,
        abstract: "Show an entity: its names, and every claim about it with who says it and how strongly.",
        discussion: """
            Claims are grouped by predicate: first those where the entity is the subject (→), then those where it is
            the object (←); ↔ marks a symmetric predicate. Each claim shows its dates, its status (ASSERTED,
            ALLEGED or DISPUTED, see 'isnad help evidence'), its number of sources and best grades, then every
            citation: stance, grades (reliability letter, credibility digit), the claimant, the source it is read
            in (via), the quote and its English translation. What the history changed is marked: "changed: entry N
            (command, author, day)" under an entity or claim edited, retracted in part, merged or renamed since it
            was added (a renamed entity's changes under its old id too; a change undone since is named by its undo:
            "entry 4 (isnad undo of entry 3, …)"), "merged into it:" for the ids merged into the
            entity; the retracted claims and citations left out are
            counted (--include-retracted lists them).

            An entity with more claims than --limit (default 200 in a table) is summarised: its claims counted by
            predicate and direction with the evidence of those read, then the strongest claims read. --limit 0 shows
            every claim, streamed.
            """,
        arguments: [ArgumentSpec(name: "entity", help: "An id, or any name or alias, in Arabic or English.")],
        options: [ListingLimit.surveyedClaims, OutputFormat.citingOption, Timing.option, includesRetracted] + FilterOptions.all,
        examples: [
            "isnad show hamas", "isnad show \"حماس\"", "isnad show \"Abu Bakr al-Baghdadi\" --format json",
            "isnad show hamas --min-reliability C",
        ])

    static let includesRetracted = Flag(
        "include-retracted", help: "Also list the entity's retracted claims and citations, marked, with why (table or list only)."
    ).only(for: [OutputFormat.table, OutputFormat.list])

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        try arguments.refuseOptionsNotFor(
            try arguments.value(OutputFormat.option, default: .table).rawValue, subject: "show --format")
        let query = try QueryPreamble(arguments, context: context) { try ListingLimit.value(arguments) }
        let store = query.store
        let isTimed = arguments.isSet(Timing.option)
        let isFilteredByDate = query.filter.keepsUndatedAsTimeless
        guard let limit = query.options else {
            // Streamed: writing the claims is part of the query, and of its time.
            try context.measure(isTimed) {
                let entity = try query.entity(arguments.positionals[0])
                try printAll(entity, query: query, isFilteredByDate: isFilteredByDate, arguments: arguments, context: context)
            }
            return
        }
        // A survey first, within a budget: an entity within the limit is then shown whole, a
        // larger one summarised.
        let (entity, survey, claims) = try context.measure(isTimed) {
            let entity = try query.entity(arguments.positionals[0])
            let survey = try NeighborhoodSurvey(
                store: store, center: entity.id, depth: 1, filter: query.filter, graph: query.graph, limit: limit)
            guard survey.isComplete, survey.claims <= limit else { return (entity, survey, nil as [GradedClaim]?) }
            // None passed: nothing to read (reading every claim of a hub whole, to list none of
            // them, took 2.1 s and 160 MB at a million).
            if survey.claims == 0 { return (entity, survey, []) }
            return (entity, survey, try store.claims(of: entity.id).compactMap(query.apply))
        }
        guard let claims else {
            try printSummary(entity, survey: survey, limit: limit, query: query, arguments: arguments, context: context)
            return
        }
        query.noteListed(claims)
        try query.print(
            saysUndatedKept: false,
            Printout(
                reading: {
                    var presentation = ClaimPresentation(store: store, graph: query.graph)
                    var text = try table(
                        entity, claims: claims, presentation: &presentation, store: store, isFilteredByDate: isFilteredByDate,
                        isListingRetracted: arguments.isSet(includesRetracted), isFiltered: !query.filter.isEmpty)
                    if arguments.isSet(includesRetracted) { text += try retracted(of: entity, store: store) }
                    return .init(text: text)
                },
                json: .records { sink in
                    try RecordSet.write(store: store, to: sink, entities: [entity.id]) { body in try claims.forEach(body) }
                },
                rows: ClaimPresentation.rows(claims, store: store, graph: query.graph)),
            context: context)
    }

    /// An entity with more claims than the limit: its claims counted by predicate and direction,
    /// then the strongest of those read, grouped as usual.
    static func printSummary(
        _ entity: Entity, survey: NeighborhoodSurvey, limit: Int, query: QueryPreamble<Int?>, arguments: ParsedArguments,
        context: Context
    ) throws {
        let store = query.store
        // Without filters the total is exact, counted through the indexes.
        let total = query.filter.isEmpty ? try store.claimCount(of: entity.id) : nil
        // Shown as `show` always groups claims: as subject first, then by predicate, other end, date.
        func key(_ graded: GradedClaim) -> (Int, String, String, String, String) {
            let claim = graded.claim
            let isOutgoing = claim.subject == entity.id
            return (
                isOutgoing ? 0 : 1, claim.predicate, isOutgoing ? claim.object : claim.subject,
                claim.start?.description ?? "", claim.id
            )
        }
        let strongest = survey.strongest.sorted { key($0) < key($1) }
        let leftOut = ListingLimit.note(
            showing: strongest.count, of: total ?? survey.claims, isAtLeast: total == nil && !survey.isComplete)
        let noneTried =
            "no claim passed the filters among the first \(survey.claimsExamined) of its claims tried, to answer at once (--limit 0 tries them all)"
        query.noteListed(strongest)
        query.noteCutShort()
        try query.print(
            saysUndatedKept: false,
            Printout(
                reading: {
                    var lines = try headerLines(entity, store: store)
                    lines.append("")
                    if survey.claims == 0, survey.stoppedExamining {
                        lines.append(noneTried)
                        return .init(text: lines.joined(separator: "\n") + "\n")
                    }
                    if let total {
                        lines.append(counted(total, "claim"))
                    } else {
                        lines.append("\(survey.isComplete ? "" : "at least ")\(counted(survey.claims, "claim")) pass the filters")
                    }
                    if survey.stoppedExamining {
                        lines.append(
                            "(the filters were tried on the first \(survey.claimsExamined) of its claims only, to answer at once: those counts are lower bounds; --limit 0 tries them all)"
                        )
                    } else if !survey.isComplete {
                        lines.append(
                            "(counted below through the first \(survey.claims) only, to answer at once: those counts are lower bounds)"
                        )
                    }
                    // The undated claims the date filter kept are not counted apart here (that
                    // would read every claim); the note that they are kept stays.
                    let isFilteredByDate = query.filter.keepsUndatedAsTimeless
                    if isFilteredByDate {
                        lines.append(
                            "(undated claims among them are kept because an undated claim is taken as timeless, not because it is known to hold then; --limit 0 counts them)"
                        )
                    }
                    var text = lines.joined(separator: "\n") + "\n\n"
                    text += SurveyTable.text(survey, store: store, showsHop: false)
                    text +=
                        "\nThe \(counted(strongest.count, "strongest claim")) of those read, by predicate (--limit 0 lists every claim):\n"
                    var presentation = ClaimPresentation(store: store, graph: query.graph)
                    let marks = try RetractionMarks(
                        of: entity, store: store, isListingRetracted: arguments.isSet(includesRetracted))
                    var claimLines: [String] = []
                    var group = ""
                    for claim in strongest {
                        claimLines += try Self.lines(
                            of: claim, entity: entity, group: &group, presentation: &presentation, marks: marks, store: store,
                            isFiltered: !query.filter.isEmpty)
                    }
                    text += claimLines.joined(separator: "\n") + "\n"
                    if arguments.isSet(includesRetracted) { text += try retracted(of: entity, store: store) }
                    return .init(
                        text: text,
                        trailer: "\n" + leftOut)
                },
                json: .records { sink in
                    try RecordSet.write(store: store, to: sink, entities: [entity.id]) { body in try strongest.forEach(body) }
                },
                rows: ClaimPresentation.rows(strongest, store: store, graph: query.graph),
                leftOut: { [survey.claims == 0 && survey.stoppedExamining ? noneTried : leftOut] }),
            context: context)
    }

    /// Every claim, streamed (`--limit 0`, and JSON and CSV by default): read twice for a table,
    /// once to count, once to print; memory holds one claim at a time.
    static func printAll(
        _ entity: Entity, query: QueryPreamble<Int?>, isFilteredByDate: Bool, arguments: ParsedArguments, context: Context
    ) throws {
        let store = query.store
        func forEachClaim(_ body: (GradedClaim) throws -> Void) throws {
            try store.forEachClaimByPredicate(of: entity.id) { claim in
                if let kept = query.apply(claim) { try body(kept) }
            }
        }
        try query.print(
            saysUndatedKept: false,
            Printout(
                reading: {
                    var tally = ClaimTally()
                    try forEachClaim { tally.add($0, weight: query.graph.weigh($0)) }
                    let marks = try RetractionMarks(
                        of: entity, store: store, isListingRetracted: arguments.isSet(includesRetracted))
                    let unfiltered = try unfilteredCount(
                        of: entity, tally: tally, isFiltered: !query.filter.isEmpty, store: store)
                    let heading =
                        try headerLines(entity, store: store) + [""]
                        + tally.lines(isFilteredByDate: isFilteredByDate, marks: marks, unfiltered: unfiltered)
                    return .init(
                        text: heading.joined(separator: "\n") + "\n",
                        stream: { write in
                            var presentation = ClaimPresentation(store: store, graph: query.graph)
                            var group = ""
                            try forEachClaim { claim in
                                query.noteListed(claim)
                                for line in try Self.lines(
                                    of: claim, entity: entity, group: &group, presentation: &presentation, marks: marks,
                                    store: store, isFiltered: !query.filter.isEmpty)
                                {
                                    try write(line + "\n")
                                }
                            }
                            if arguments.isSet(includesRetracted) { try write(try retracted(of: entity, store: store)) }
                        })
                },
                json: .records { sink in
                    try RecordSet.write(store: store, to: sink, entities: [entity.id]) { try forEachClaim($0) }
                },
                rows: ClaimPresentation.rows(store: store, graph: query.graph, listsEachClaimOnce: true) { body in
                    try forEachClaim {
                        query.noteListed($0)
                        try body([], $0)
                    }
                }),
            context: context)
    }

    /// The entity's retracted claims and citations, marked, each with why, who and when (see
    /// ``RetractionListing``); a line saying there are none otherwise.
    static func retracted(of entity: Entity, store: GraphStore) throws -> String {
        let claims = try store.retractions(of: entity.id)
        guard !claims.isEmpty else { return "\n\(RetractionListing.none)\n" }
        var listing = RetractionListing(store: store)
        var lines = ["", RetractionListing.heading]
        for claim in claims { lines += try listing.lines(try store.retraction(of: claim)) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What the history says of the entity itself: the ids merged into it, and the entries
    /// that changed it since it was added (see ``GraphStore/changes(of:id:)``).
    static func historyMarks(of entity: Entity, store: GraphStore) throws -> [String] {
        var lines: [String] = []
        for merged in entity.merged {
            // unmerge is the undo of the entry that merged: said only where there is one to undo.
            let how =
                switch try store.merging(of: merged) {
                case let merging? where !merging.isFromAnotherStore:
                    "entry \(merging.entry); isnad unmerge \(merged) takes it back"
                case let merging?: "entry \(merging.entry), from another store's history: undo it there"
                case nil: "before this store's history: unmerge cannot take it back here"
                }
            lines.append(Text.printable("  merged into it: \(merged) (\(how))"))
        }
        let changes = try store.changes(of: .entity, id: entity.id)
        if !changes.isEmpty { lines.append(Text.printable("  changed: " + HistoryMark.line(changes))) }
        return lines
    }

    /// The entity's retracted claims and citations, left out of what is shown and counted there.
    struct RetractionMarks {
        let retractions: [Claim]
        /// Where they are: listed below (--include-retracted), or the command that lists them.
        let whereRetracted: String
        /// How many citations are retracted of each standing claim that has some, by claim id:
        /// looked up for every claim shown, which may be all of a hub's.
        let retractedCitationCounts: [String: Int]

        init(of entity: Entity, store: GraphStore, isListingRetracted: Bool) throws {
            retractions = try store.retractions(of: entity.id)
            whereRetracted = isListingRetracted ? "listed under RETRACTED below" : "isnad show --include-retracted"
            var counts: [String: Int] = [:]
            for claim in retractions where counts[claim.id] == nil {
                counts[claim.id] = claim.citations.filter { $0.retraction != nil }.count
            }
            retractedCitationCounts = counts
        }
    }

    /// How many aliases of each language the table names at most.
    static let aliasesShown = 20

    /// The entity's name, aliases by language (past ``aliasesShown``, counted), description
    /// (labelled ``ExportStyle/descriptionLabel``) and attributes, and what the history changed of it.
    static func headerLines(_ entity: Entity, store: GraphStore) throws -> [String] {
        var lines: [String] = []
        lines.append(Bidi.heading(naming: entity, " · \(entity.type.rawValue)"))
        let languages = entity.aliases.reduce(into: [String]()) { if !$0.contains($1.lang) { $0.append($1.lang) } }
        for language in languages {
            let names = entity.aliases.filter { $0.lang == language }.map { Text.shown(Text.nameWithinLimit($0.name)) }
            // 20,000 aliases made two lines of 378 KB: the first are named, the rest counted.
            let more = names.count - aliasesShown
            lines.append(
                Bidi.line(
                    "  \(language): " + names.prefix(aliasesShown).map(Bidi.isolate).joined(separator: " · ")
                        + (more > 0
                            ? " … and \(more) more (" + Text.printable("isnad show \(entity.id) --format json") + " lists them)"
                            : "")))
        }
        // Labelled as the exports label it: bare, the store's free text reads as fact right above
        // the claims, which say how far a source supports the same thing.
        if let description = entity.description.map(ClaimPresentation.shown) {
            lines.append(
                Bidi.line(
                    "  \(ExportStyle.descriptionLabel): " + Bidi.isolate(Text.printable(description.text)) + description.more))
        }
        // Attributes a foreign file gave (with its producer or datasets) are that file's word:
        // said so before them, as a claim is never shown as a fact.
        let provenance = ExchangeFormat.provenanceAttributes.compactMap { key in entity.attributes[key].map { "\(key) \($0)" } }
        if !provenance.isEmpty, entity.attributes.count > provenance.count {
            lines.append(
                Text.printable(
                    "  attributes as an imported file gives them (\(provenance.joined(separator: "; "))), not claims with sources:"
                ))
        }
        for key in entity.attributes.keys.sorted() {
            lines.append(
                Bidi.line(Text.printable("  \(key): ") + Bidi.isolate(Text.printable(entity.attributes[key] ?? ""))))
        }
        lines += try historyMarks(of: entity, store: store)
        return lines
    }

    /// How many claims the entity has (retracted ones are not in the claims' table), when the
    /// filters left none of them in `tally`; nil otherwise (and unread).
    static func unfilteredCount(of entity: Entity, tally: ClaimTally, isFiltered: Bool, store: GraphStore)
        throws -> Int?
    {
        guard isFiltered, tally.isEmpty else { return nil }
        // Retracted claims are counted apart (their own line says how many were left out).
        return try store.claimCount(of: entity.id)
    }

    /// The claims' count by status, and what their channels rest on, counted one claim at a time.
    struct ClaimTally {
        var isEmpty: Bool { claims == 0 }
        private var claims = 0
        private var statuses: [Evidence.Status: Int] = [:]
        /// The disputed claims whose strongest denial, once weighed, is an A–C source's: "disputed"
        /// alone reads the same for an accused group's E5 word and a ministry's B2 finding.
        private var deniedByStrongSources = 0
        private var undated = 0
        private var channels = ChannelTally()

        mutating func add(_ claim: GradedClaim, weight: ClaimWeight) {
            claims += 1
            if let status = weight.strength?.evidence.status { statuses[status, default: 0] += 1 }
            if let denial = weight.strength?.evidence.strongestDenial, denial.reliability <= .c { deniedByStrongSources += 1 }
            if claim.claim.start == nil && claim.claim.end == nil { undated += 1 }
            channels.add(weight)
        }

        /// `isFilteredByDate`: --as-of or --between kept the undated claims (taken as timeless),
        /// and a line says how many they are.
        ///
        /// `unfiltered`: how many claims the entity has without the filters, when they left none,
        /// so that "0 claims" is not read as nothing known of it.
        func lines(isFilteredByDate: Bool, marks: RetractionMarks, unfiltered: Int? = nil) -> [String] {
            var lines: [String] = []
            let counts = Evidence.Status.allCases.compactMap { status -> String? in
                let count = statuses[status] ?? 0
                guard count > 0 else { return nil }
                guard status == .disputed, deniedByStrongSources > 0 else { return "\(count) \(status.rawValue)" }
                let strong = deniedByStrongSources
                return "\(count) \(status.rawValue) (\(strong) by \(strong == 1 ? "an A–C source" : "A–C sources"))"
            }
            let all = unfiltered ?? 0
            let leftOut =
                claims > 0 || all == 0
                ? "" : " (the filters leave out \(all == 1 ? "its one claim" : "all \(all) of its claims"))"
            lines.append(counted(claims, "claim") + (counts.isEmpty ? leftOut : ": " + counts.joined(separator: ", ")))
            if isFilteredByDate, undated > 0 {
                lines.append(
                    "(\(undated) of them \(undated == 1 ? "is" : "are") undated: kept because an undated claim is taken as timeless, not because it is known to hold then)"
                )
            }
            let retractedClaims = marks.retractions.filter { $0.retraction != nil }.count
            if retractedClaims > 0 {
                lines.append("(\(counted(retractedClaims, "retracted claim")) left out: \(marks.whereRetracted))")
            }
            if let summary = channels.summary { lines.append(summary) }
            return lines
        }
    }

    /// The entity and its claims, for reading. `isFilteredByDate`: --as-of or --between kept
    /// the undated claims (taken as timeless), and the count line says how many they are.
    static func table(
        _ entity: Entity, claims: [GradedClaim], presentation: inout ClaimPresentation, store: GraphStore,
        isFilteredByDate: Bool = false, isListingRetracted: Bool = false, isFiltered: Bool = false
    ) throws -> String {
        let marks = try RetractionMarks(of: entity, store: store, isListingRetracted: isListingRetracted)
        var tally = ClaimTally()
        for claim in claims { tally.add(claim, weight: presentation.graph.weigh(claim)) }
        let unfiltered = try unfilteredCount(of: entity, tally: tally, isFiltered: isFiltered, store: store)
        var lines =
            try headerLines(entity, store: store) + [""]
            + tally.lines(isFilteredByDate: isFilteredByDate, marks: marks, unfiltered: unfiltered)
        var group = ""
        for graded in claims {
            lines += try self.lines(
                of: graded, entity: entity, group: &group, presentation: &presentation, marks: marks, store: store,
                isFiltered: isFiltered)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The claim's lines, after a heading when it starts a new group (a predicate, one way):
    /// `group` is the group of the claim before; `isFiltered`: under filters, which the listing
    /// of a claim's citations cut short needs too.
    static func lines(
        of graded: GradedClaim, entity: Entity, group currentGroup: inout String, presentation: inout ClaimPresentation,
        marks: RetractionMarks, store: GraphStore, isFiltered: Bool
    ) throws -> [String] {
        var lines: [String] = []
        let claim = graded.claim
        let predicate = store.vocabulary[claim.predicate]
        let isOutgoing = claim.subject == entity.id
        let group = "\(isOutgoing ? "out" : "in") \(claim.predicate)"
        if group != currentGroup {
            currentGroup = group
            let label =
                predicate.map { Text.printable($0.labelEnglish) + " · " + Bidi.isolate(Text.printable($0.labelArabic)) }
                ?? Text.printable(claim.predicate)
            let heading =
                isOutgoing || predicate?.isSymmetric == true
                ? label : "\(label) (of \(Bidi.isolate(Text.printable(Text.nameWithinLimit(entity.name)))))"
            lines.append("")
            lines.append(Bidi.line(heading))
        }
        let arrow = predicate?.isSymmetric == true ? "↔" : isOutgoing ? "→" : "←"
        let other = isOutgoing ? claim.object : claim.subject
        let otherName = try presentation.name(other)
        let evidence = presentation.evidenceLine(graded)
        lines.append(
            Bidi.line(
                "  \(arrow) " + Bidi.isolate(Text.printable(otherName))
                    + " (\(other))  \(DateText.dates(of: claim, vocabulary: store.vocabulary))  \(evidence)  [\(claim.id)]"
            ))
        if let notes = claim.notes.map(ClaimPresentation.shown) {
            lines.append(Bidi.line("      note: " + Bidi.isolate(Text.printable(notes.text)) + notes.more))
        }
        let changes = try store.changes(of: .claim, id: claim.id)
        if !changes.isEmpty { lines.append(Text.printable("      changed: " + HistoryMark.line(changes))) }
        if let count = marks.retractedCitationCounts[claim.id] {
            lines.append("      \(counted(count, "retracted citation")) left out: \(marks.whereRetracted)")
        }
        lines += ClaimPresentation.citationLines(
            graded, indent: "      ", isFiltered: isFiltered, graph: presentation.graph)
        return lines
    }
}
