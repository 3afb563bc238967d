import IsnadKit

enum SourceCommand: Command {
    static let name = "source"
    static let spec = CommandSpec(
        name: name,
        abstract:
            "A source: what it is, how reliable, its chain of transmission, and every claim it makes (asserts, reports or denies) or relays.",
        discussion: """
            Shows the source's record and reliability, then its chain: the sources it relays (cites), recursively,
            and the sources that relay it, recursively; then the claims it makes (as claimant) and the claims of
            others quoted in it (as via), each with its status. The filters narrow the claims (the chain is shown
            whole): with --known-by 2017, only what this source had made public by the end of 2017.

            With --impact, what would change if the source were discredited, over the whole store (no filters): the
            claims that rest on it alone (it is their common link, or all their support came through it: as claimant,
            as via, or as the only way a via had the claimant's words), the
            claims that would lose some support (WITHOUT IT: how each would read without it, as
            --exclude-common-link weighs it; the heading counts those whose status or best grade would fall), the
            claims that reach it only through cites, and the entity pairs
            left with no supported claim between them. JSON is one document, ending with how many there are of each.
            """,
        arguments: [
            ArgumentSpec(
                name: "source", help: "Its id, its title, the start of either, or its publisher or author (as any name of them).")
        ],
        options: [impact, ListingLimit.claims, format] + FilterOptions.all,
        examples: [
            "isnad source hadera-2022-article", "isnad source abu-maram --format json",
            "isnad source hadera-2022-article --predicate supplied_weapons_to,funded",
            "isnad source hadera-2022-article --impact",
        ])

    static let format = OutputFormat.option(json: "json (the record format; with --impact, one document)")
    static let impact = Flag("impact", help: "What would change if this source were discredited (takes no filters).")

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        // The source is looked up before the filters are read (an unknown source is named first).
        var looked: Source?
        let query = try QueryPreamble(
            arguments, context: context, format: format, options: { try ListingLimit.value(arguments, format: format) }
        ) { store in
            looked = try SourceLookup.source(arguments.positionals[0], in: store, context: context)
        }
        let source = try looked ?? SourceLookup.source(arguments.positionals[0], in: query.store, context: context)
        let store = query.store
        if arguments.isSet(impact) {
            guard query.filter.isEmpty else {
                throw UsageError(message: "--impact weighs the whole store: it takes no filters", command: spec.name)
            }
            let report = ImpactReport(
                source: source, impact: try query.graph.impact(of: source.id, in: store), store: store, graph: query.graph,
                limit: query.options)
            try query.print(report.printout(), context: context)
            return
        }
        let cited = try TransmissionChain(of: source.id, .relays, in: store).links
        let citing = try TransmissionChain(of: source.id, .relayedBy, in: store).links
        guard let limit = query.options else {
            try printAll(source, cited: cited, citing: citing, query: query, context: context)
            return
        }
        // Up to a limit: the first claims, those it makes then those quoted in it, each in id order,
        // read until the limit and no further; how many there are in all is counted through the
        // citation indexes. Under a filter, how many pass it is not known without reading them all.
        var claims: [(role: GraphStore.SourceRole, claim: GradedClaim)] = []
        var cutShort: Set<GraphStore.SourceRole> = []
        for role in [GraphStore.SourceRole.claimant, .via] {
            let hasMore = try ListingLimit.forFirst(
                limit - claims.count,
                of: { each in
                    try store.forEachClaim(citing: source.id, as: role) { claim in
                        if let kept = query.apply(claim, from: source, as: role) { try each(kept) }
                    }
                }, { claims.append((role, $0)) })
            if hasMore { cutShort.insert(role) }
        }
        let totals = query.filter.isEmpty ? try store.countClaims(citing: source.id) : nil
        // The trailer counts claims, each once: a claim both made and quoted in the source is
        // listed under each role.
        let total = totals == nil ? nil : try store.countClaims(citingEitherWay: source.id)
        let shown = Set(claims.map(\.claim.claim.id)).count
        // Every claim shown, under one role if not both: the role's heading says what its list
        // leaves out.
        let leftOut =
            cutShort.isEmpty || total == shown
            ? nil : total.map { ListingLimit.note(showing: shown, of: $0) } ?? ListingLimit.note(showingFirst: shown)
        query.noteListed(claims.map(\.claim))
        try query.print(
            Printout(
                reading: {
                    .init(
                        text: try reading(
                            source, claims: claims, cited: cited, citing: citing, store: store, graph: query.graph,
                            totals: totals ?? [:], cutShort: cutShort),
                        trailer: leftOut)
                },
                json: .records { sink in
                    var set = RecordSet(store: store)
                    set.add(source: source.id)
                    for link in cited + citing { set.add(source: link.id) }
                    claims.forEach { set.add($0.claim) }
                    try set.write(to: sink)
                },
                rows: ClaimPresentation.rows(store: store, graph: query.graph, leading: ["role"]) { body in
                    for (role, claim) in claims { try body([role.rawValue], claim) }
                },
                leftOut: { [leftOut].compactMap { $0 } }),
            context: context)
    }

    /// Every claim the source supports or relays (`--limit 0`, and JSON and CSV by default),
    /// streamed: a table reads them twice, once to count each role's, once to print them; memory
    /// holds one claim at a time (and, for JSON records, the ids of what they name).
    static func printAll(
        _ source: Source, cited: [TransmissionChain.Link], citing: [TransmissionChain.Link], query: QueryPreamble<Int?>,
        context: Context
    ) throws {
        let store = query.store
        func forEachClaim(as role: GraphStore.SourceRole?, _ body: (GradedClaim) throws -> Void) throws {
            try store.forEachClaim(citing: source.id, as: role) { claim in
                if let kept = query.apply(claim, from: source, as: role) { try body(kept) }
            }
        }
        try query.print(
            Printout(
                reading: {
                    .init(
                        text: try heading(source, cited: cited, citing: citing, store: store),
                        stream: { write in
                            for role in [GraphStore.SourceRole.claimant, .via] {
                                var total = 0
                                try forEachClaim(as: role) { _ in total += 1 }
                                try write(
                                    "\n" + (role == .claimant ? "Claims it makes" : "Claims of others quoted in it")
                                        + " (\(total))\n")
                                guard total > 0 else { continue }
                                _ = try ClaimTable.stream(
                                    store: store, graph: query.graph,
                                    claims: { body in
                                        try forEachClaim(as: role) {
                                            query.noteListed($0)
                                            try body($0)
                                        }
                                    }, write: write)
                            }
                        })
                },
                json: .records { sink in
                    try RecordSet.write(store: store, to: sink, sources: [source.id] + (cited + citing).map(\.id)) { body in
                        try forEachClaim(as: nil, body)
                    }
                },
                rows: ClaimPresentation.rows(store: store, graph: query.graph, leading: ["role"]) { body in
                    for role in [GraphStore.SourceRole.claimant, .via] {
                        try forEachClaim(as: role) { try body([role.rawValue], $0) }
                    }
                }),
            context: context)
    }

    static func reading(
        _ source: Source, claims: [(role: GraphStore.SourceRole, claim: GradedClaim)], cited: [TransmissionChain.Link],
        citing: [TransmissionChain.Link], store: GraphStore, graph: TransmissionGraph,
        totals: [GraphStore.SourceRole: Int], cutShort: Set<GraphStore.SourceRole>
    ) throws -> String {
        var output = try heading(source, cited: cited, citing: citing, store: store)
        for role in [GraphStore.SourceRole.claimant, .via] {
            let group = claims.filter { $0.role == role }.map(\.claim)
            output += "\n" + (role == .claimant ? "Claims it makes" : "Claims of others quoted in it")
            if let total = totals[role], total > group.count {
                output += " (\(group.count) of \(total) shown)\n"
            } else if cutShort.contains(role) {
                output += group.isEmpty ? " (none shown; more match)\n" : " (the first \(group.count) shown; more match)\n"
            } else {
                output += " (\(group.count))\n"
            }
            if !group.isEmpty { output += (try ClaimTable(group, store: store, graph: graph)).render() }
        }
        return output
    }

    /// The source's record and its chain of transmission, before its claims.
    static func heading(
        _ source: Source, cited: [TransmissionChain.Link], citing: [TransmissionChain.Link], store: GraphStore
    ) throws -> String {
        var lines = [Bidi.line(Bidi.isolate(Text.printable(source.title)) + Text.printable(" (\(source.id))"))]
        var facts = [
            "type \(source.type.rawValue)", "reliability \(source.reliability.rawValue) (\(source.reliability.meaning))",
        ]
        if let published = source.published { facts.append("published \(published)") }
        if let lang = source.lang { facts.append("language \(lang)") }
        lines.append("  " + facts.joined(separator: " · "))
        for (label, value) in [("publisher", source.publisher), ("author", source.author), ("url", source.url)] {
            if let value { lines.append(Bidi.line("  \(label): " + Bidi.isolate(Text.printable(value)))) }
        }
        if let length = try store.storedTextLength(ofSource: source.id) {
            lines.append("  full text stored (\(length) characters): quotes from it can be checked")
        }
        // A regrade weighs every claim the source makes anew: said where the grade is, as `show`
        // marks an entity's changes.
        let changes = try store.changes(of: .source, id: source.id)
        if !changes.isEmpty { lines.append(Text.printable("  changed: " + HistoryMark.line(changes))) }
        lines.append("")
        lines.append("Chain of transmission")
        lines.append(cited.isEmpty ? "  relays no other source" : "  relays:")
        lines += try chainLines(cited, from: source, store)
        lines.append(citing.isEmpty ? "  relayed by no other source" : "  relayed by:")
        lines += try chainLines(citing, from: source, store)
        return lines.joined(separator: "\n") + "\n"
    }

    /// How many links of a chain, each way, the table lists at most: a relay chain 100,000 deep
    /// printed 8 MB (JSON lists every source of the chain: its records name each other).
    static let chainLinksShown = 20

    /// The first ``chainLinksShown`` links, in the chain's order, then how many more and where
    /// they are listed.
    static func chainLines(_ links: [TransmissionChain.Link], from source: Source, _ store: GraphStore) throws -> [String] {
        var lines = try links.prefix(chainLinksShown).map { try chainLine($0, from: source.id, store) }
        let more = links.count - chainLinksShown
        if more > 0 {
            lines.append(
                "  and \(counted(more, "more source")) in the chain: "
                    + Text.printable("isnad source \(source.id) --format json") + " lists them")
        }
        return lines
    }

    /// How deep a chain is drawn by indentation; a link further down is drawn at that depth with
    /// its own depth written out, so that a chain thousands of relays long prints in lines of
    /// the same width, not lines that grow with it (the output was quadratic in the chain).
    static let deepestIndentedLink = 12

    static func chainLine(_ link: TransmissionChain.Link, from start: String, _ store: GraphStore) throws -> String {
        var indent = String(repeating: "  ", count: min(link.depth, deepestIndentedLink) + 1)
        if link.depth > deepestIndentedLink { indent += "(depth \(link.depth)) " }
        guard let source = try store.source(id: link.id, withText: false) else { return indent + link.id }
        let date = source.published.map { ", \($0)" } ?? ""
        // Met already: named, its own links not listed again.
        let again =
            !link.isRepeat
            ? "" : link.id == start ? " (the source itself: cites makes a cycle)" : " (again: its chain is listed above)"
        return Bidi.line(
            Text.printable("\(indent)\(source.id) — \(source.type.rawValue), \(source.reliability.rawValue)\(date): ")
                + Bidi.isolate(Text.printable(source.title)) + again)
    }
}
