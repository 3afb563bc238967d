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

            With --text, the source's stored text instead, each line after its number as a locator counts it
            (line 31, lines 60-62); --lines 60-62 prints only those (the locator as written works too: --lines
            'lines 60-62'). CSV has the columns line and text, JSON a line {"line": 60, "text": "…"} for each. A
            source without a stored text says so (exit 65), as do lines past the end of its text.
            """,
        arguments: [
            ArgumentSpec(
                name: "source",
                help: "Its id, its title, the start of either, its url, or its publisher or author (as any name of them).")
        ],
        options: [impact, text, lines, ListingLimit.claims, format] + FilterOptions.all,
        examples: [
            "isnad source hadera-2022-article", "isnad source abu-maram --format json",
            "isnad source hadera-2022-article --predicate supplied_weapons_to,funded",
            "isnad source hadera-2022-article --impact",
            "isnad source hadera-2022-article --lines 60-62",
        ])

    static let format = OutputFormat.option(
        json: "json (the record format; with --impact, one document; with --text or --lines, a line of JSON each)")
    static let impact = Flag("impact", help: "What would change if this source were discredited (takes no filters).")
    static let text = Flag(
        "text", help: "The source's stored text, each line numbered as locators count them (takes no filters).")
    static let lines = Option<LineRange>(
        "lines", value: "a-b", help: "With or without --text: only these lines of the text (60-62, or one: 31).")

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
        if arguments.isSet(text) || arguments.isGiven(lines) {
            try printText(of: source, lines: try arguments.value(lines), arguments: arguments, query: query, context: context)
            return
        }
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

    /// The lines a `--lines` option names: one (`31`), a range (`60-62`), or a locator as isnad
    /// writes it (`line 31`, `lines 60-62`), copied from a citation.
    struct LineRange: ArgumentValue {
        let lines: ClosedRange<Int>

        init(argument: String) throws(InvalidArgument) {
            let typed = Text.withWesternDigits(argument.trimmingWhitespace)
            let numbers = typed.split(separator: "-", omittingEmptySubsequences: false)
            if let lines = QuoteLocator.lines(of: typed) {
                self.lines = lines
            } else if (1...2).contains(numbers.count), numbers.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
                let first = Int(numbers[0]), let last = Int(numbers[numbers.count - 1])
            {
                guard first <= last else {
                    throw InvalidArgument(message: "\(first)-\(last): the first line comes after the last")
                }
                self.lines = first...last
            } else {
                throw InvalidArgument(
                    message: "expected a line (31) or lines (60-62), as a locator names them, got \"\(Text.printable(argument))\""
                )
            }
            guard self.lines.lowerBound >= 1 else {
                throw InvalidArgument(message: "lines count from 1, got \"\(Text.printable(argument))\"")
            }
        }
    }

    /// `--text` and `--lines`: the stored text, a line at a time, each after its number right-aligned
    /// (as `cat -n`), numbered as locators count lines (``QuoteLocator/forEachLine(of:_:)``). Each
    /// line is made printable and held in its own direction (``Bidi``), as a quote is.
    static func printText(
        of source: Source, lines: LineRange?, arguments: ParsedArguments, query: QueryPreamble<Int?>, context: Context
    ) throws {
        let given = arguments.isSet(text) ? "--text" : "--lines"
        guard query.filter.isEmpty, !arguments.isSet(impact), !arguments.isGiven(ListingLimit.claims) else {
            throw UsageError(
                message: "\(given) prints the source's text: it takes no filters, --impact or --limit", command: spec.name)
        }
        guard let stored = try query.store.storedText(ofSource: source.id) else {
            throw LookupError(
                description:
                    "source \"\(Text.printable(source.id))\" has no stored text: nothing to print (isnad set \(Text.printable(source.id)) text - < FILE stores one)"
            )
        }
        var count = 0
        QuoteLocator.forEachLine(of: stored) { _, _ in
            count += 1
            return true
        }
        guard count > 0 else {
            throw LookupError(description: "source \"\(Text.printable(source.id))\": its stored text is empty: nothing to print")
        }
        let wanted = lines?.lines ?? 1...count
        guard wanted.lowerBound <= count else {
            let asked = QuoteLocator.locator((wanted.lowerBound, wanted.upperBound))
            throw LookupError(
                description:
                    "source \"\(Text.printable(source.id))\": its text has \(counted(count, "line")): \(asked) \(wanted.count == 1 ? "is" : "are") past its end"
            )
        }
        let shown = wanted.clamped(to: 1...count)
        let width = String(shown.upperBound).count
        func forEachLine(_ body: (Int, String) throws -> Void) throws {
            try QuoteLocator.forEachLine(of: stored) { number, line in
                if number >= shown.lowerBound { try body(number, line) }
                return number < shown.upperBound
            }
        }
        // Said, not refused: the lines there are may be the ones a locator meant.
        let pastTheEnd =
            wanted.upperBound > count
            ? "note: the text of \(Text.printable(source.id)) ends at line \(count), before line \(wanted.upperBound)" : nil
        try query.format.print(
            Printout(
                reading: {
                    .init(
                        text: "", note: pastTheEnd.map { "isnad: " + $0 },
                        stream: { write in
                            // A line the terminal is too narrow for goes on under its text, not
                            // under the numbers, where its words could read as a line's number.
                            let underText = String(repeating: " ", count: width + 2)
                            try forEachLine { number, line in
                                let padded = String(repeating: " ", count: width - String(number).count) + String(number)
                                let numbered = Bidi.line(padded + (line.isEmpty ? "" : "  " + Bidi.isolate(Text.printable(line))))
                                for piece in ReadingLayout.current.wrap(numbered, continuationIndent: underText) {
                                    try write(piece + "\n")
                                }
                            }
                        })
                },
                json: .lines { each in
                    try forEachLine { number, line in
                        try each { json in
                            json.beginObject()
                            json.member("line", number)
                            json.member("text", line)
                            json.endObject()
                        }
                    }
                },
                rows: Printout.Rows(header: ["line", "text"]) { body in try forEachLine { try body([String($0), $1]) } },
                leftOut: { [pastTheEnd].compactMap { $0 } }),
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
            lines.append(
                "  full text stored (\(length) characters): quotes from it can be checked; --text prints it, --lines 3-4 the lines a locator names"
            )
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
