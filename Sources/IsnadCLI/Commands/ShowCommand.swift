import IsnadKit

enum ShowCommand: Command {
    static let spec = CommandSpec(
        name: "show",
        abstract: "Show an entity: its names, and every claim about it with who says it and how strongly.",
        discussion: """
            Claims are grouped by predicate: first those where the entity is the subject (→), then those where it is
            the object (←); ↔ marks a symmetric predicate. Each claim shows its dates, its status (ASSERTED,
            ALLEGED or DISPUTED, see 'isnad help evidence'), its number of sources and best grades, then every
            citation: stance, grades (reliability letter, credibility digit), the claimant, the source it is read
            in (via), the quote and its English translation. What the history changed is marked: "changed: entry N
            (command, author, day)" under an entity or claim edited, retracted in part or merged since it was added,
            "merged into it:" for the ids merged into the entity; the retracted claims and citations left out are
            counted (--include-retracted lists them).
            """,
        arguments: [ArgumentSpec(name: "entity", help: "An id, or any name or alias, in Arabic or English.")],
        options: [OutputFormat.option, Timing.option, includesRetracted] + FilterOptions.all,
        examples: [
            "isnad show hamas", "isnad show \"حماس\"", "isnad show \"Abu Bakr al-Baghdadi\" --format json",
            "isnad show hamas --min-reliability C",
        ])

    static let includesRetracted = Flag(
        "include-retracted", help: "Also list the entity's retracted claims and citations, marked, with why (text only).")

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let query = try QueryPreamble(arguments, context: context)
        let (entity, claims) = try context.measure(arguments.isSet(Timing.option)) {
            let entity = try query.entity(arguments.positionals[0])
            return (entity, try query.store.claims(of: entity.id).compactMap(query.apply))
        }
        let store = query.store
        try query.format.print(
            Printout(
                reading: {
                    var presentation = ClaimPresentation(store: store, graph: query.graph)
                    var text = try table(
                        entity, claims: claims, presentation: &presentation, store: store,
                        isFilteredByDate: query.filter.asOf != nil || query.filter.between != nil,
                        isListingRetracted: arguments.isSet(includesRetracted))
                    if arguments.isSet(includesRetracted) { text += try retracted(of: entity, store: store) }
                    return .init(text: text)
                },
                json: ClaimPresentation.records(claims, entities: [entity.id], store: store),
                rows: ClaimPresentation.rows(claims, store: store, graph: query.graph)),
            context: context)
    }

    /// The entity's retracted claims and citations, marked, each with why; a line saying there
    /// are none otherwise.
    static func retracted(of entity: Entity, store: GraphStore) throws -> String {
        let claims = try store.retractions(of: entity.id)
        guard !claims.isEmpty else { return "\nRETRACTED: none\n" }
        var lines = ["", "RETRACTED"]
        for claim in claims {
            let head = "\(claim.id) · \(claim.subject) \(claim.predicate) \(claim.object)"
            if let reason = claim.retraction {
                lines.append(Text.printable("  [retracted] \(head) — \(reason)"))
            }
            for (index, citation) in claim.citations.enumerated() {
                guard let reason = citation.retraction else { continue }
                lines.append(
                    Text.printable("  [retracted] \(head), citation \(index + 1) (\(citation.source)) — \(reason)"))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What the history says of the entity itself: the ids merged into it, and the entries
    /// that changed it since it was added (see ``GraphStore/changes(of:id:)``).
    static func historyMarks(of entity: Entity, store: GraphStore) throws -> [String] {
        var lines: [String] = []
        for merged in entity.merged {
            let entry = try store.mergeEntry(of: merged).map { "entry \($0); " } ?? ""
            lines.append(Text.printable("  merged into it: \(merged) (\(entry)isnad unmerge \(merged) takes it back)"))
        }
        let changes = try store.changes(of: .entity, id: entity.id)
        if !changes.isEmpty { lines.append(Text.printable("  changed: " + HistoryMark.line(changes))) }
        return lines
    }

    /// The entity and its claims, for reading. `isFilteredByDate`: --as-of or --between kept
    /// the undated claims (taken as timeless), and the count line says how many they are.
    static func table(
        _ entity: Entity, claims: [GradedClaim], presentation: inout ClaimPresentation, store: GraphStore,
        isFilteredByDate: Bool = false, isListingRetracted: Bool = false
    ) throws -> String {
        let retractions = try store.retractions(of: entity.id)
        let whereRetracted = isListingRetracted ? "listed under RETRACTED below" : "isnad show --include-retracted"
        var lines: [String] = []
        lines.append(Text.printable("\(entity.name) (\(entity.id)) · \(entity.type.rawValue)"))
        let languages = entity.aliases.reduce(into: [String]()) { if !$0.contains($1.lang) { $0.append($1.lang) } }
        for language in languages {
            let names = entity.aliases.filter { $0.lang == language }.map { Text.printable($0.name) }
            lines.append(Bidi.line("  \(language): " + names.map(Bidi.isolateCell).joined(separator: " · ")))
        }
        if let description = entity.description { lines.append("  " + Text.printable(description)) }
        for key in entity.attributes.keys.sorted() {
            lines.append(Text.printable("  \(key): \(entity.attributes[key] ?? "")"))
        }
        lines += try historyMarks(of: entity, store: store)
        lines.append("")
        let weights = claims.map(presentation.graph.weigh)
        let statuses = Evidence.Status.allCases.compactMap { status -> String? in
            let count = weights.filter { $0.strength?.evidence.status == status }.count
            return count == 0 ? nil : "\(count) \(status.rawValue)"
        }
        lines.append(counted(claims.count, "claim") + (statuses.isEmpty ? "" : ": " + statuses.joined(separator: ", ")))
        let undated = claims.filter { $0.claim.start == nil && $0.claim.end == nil }.count
        if isFilteredByDate, undated > 0 {
            lines.append(
                "(\(undated) of them \(undated == 1 ? "is" : "are") undated: kept because an undated claim is taken as timeless, not because it is known to hold then)"
            )
        }
        let retractedClaims = retractions.filter { $0.retraction != nil }.count
        if retractedClaims > 0 {
            lines.append("(\(counted(retractedClaims, "retracted claim")) left out: \(whereRetracted))")
        }
        if let channels = ClaimPresentation.channelSummary(weights) { lines.append(channels) }
        var currentGroup = ""
        for graded in claims {
            let claim = graded.claim
            let predicate = store.vocabulary[claim.predicate]
            let isOutgoing = claim.subject == entity.id
            let group = "\(isOutgoing ? "out" : "in") \(claim.predicate)"
            if group != currentGroup {
                currentGroup = group
                let label = predicate.map { "\($0.labelEnglish) · \($0.labelArabic)" } ?? claim.predicate
                let heading = isOutgoing || predicate?.isSymmetric == true ? label : "\(label) (of \(entity.name))"
                lines.append("")
                lines.append(Bidi.line(Text.printable(heading)))
            }
            let arrow = predicate?.isSymmetric == true ? "↔" : isOutgoing ? "→" : "←"
            let other = isOutgoing ? claim.object : claim.subject
            let otherName = try presentation.name(other)
            let evidence = presentation.evidenceLine(graded)
            lines.append(
                Bidi.line(
                    Text.printable("  \(arrow) \(otherName)") + Bidi.leftToRightMark
                        + " (\(other))  \(ExportStyle.dates(of: claim, vocabulary: store.vocabulary))  \(evidence)  [\(claim.id)]"
                ))
            if let notes = claim.notes { lines.append("      note: " + Text.printable(notes)) }
            let changes = try store.changes(of: .claim, id: claim.id)
            if !changes.isEmpty { lines.append(Text.printable("      changed: " + HistoryMark.line(changes))) }
            if let retracted = retractions.first(where: { $0.id == claim.id }) {
                let count = retracted.citations.filter { $0.retraction != nil }.count
                lines.append("      \(counted(count, "retracted citation")) left out: \(whereRetracted)")
            }
            lines += ClaimPresentation.citationLines(graded, indent: "      ")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
