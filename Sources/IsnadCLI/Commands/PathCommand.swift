import IsnadKit

enum PathCommand: Command {
    static let name = "path"
    static let spec = CommandSpec(
        name: name,
        abstract: "How two entities are linked: the shortest chain of claims, or every chain ranked by evidence.",
        discussion: """
            Finds the chain with the fewest hops (through claims in either direction, or subject to object only with
            --directed). Each hop shows the claim it follows — the strongest of the claims between those two
            entities — with its dates, status and its best citation: who says it, their grades, the quote and its
            translation. With --all, every chain without repeated entities up to --max-depth hops, strongest first:
            a chain is as strong as its weakest hop, and a hop as its strongest claim. Claims rank by status
            (asserted before alleged before disputed), then by independent channels of support (more first), then by
            best grade as the sum of its two ranks (A1 strongest), then by reliability; status and grades are those
            capped by the claim's common link (isnad help evidence). Among equal chains, shorter first. The filters
            apply to every hop: with --known-by 2017, only what was public by the end of 2017. With --all, the JSON
            ends with how many chains were found, whatever --limit let through.
            """,
        arguments: [
            ArgumentSpec(name: "from", help: "An id, or any name or alias."),
            ArgumentSpec(name: "to", help: "An id, or any name or alias."),
        ],
        options: [maxDepth, isDirected, findsAll, limit, format, Timing.option] + FilterOptions.all,
        examples: [
            "isnad path hamas \"Wilayat Sinai\"", "isnad path hamas isis --all --known-by 2017",
            "isnad path \"Abu Bakr al-Baghdadi\" hamas --max-depth 3 --format json",
        ])

    static let format = OutputFormat.citingOption(json: "json (one object: the chains in order, hop by hop; not records)")
    static let maxDepth = Option<Int>(
        "max-depth", value: "n", in: 1...8, help: "The longest chain to look for, in hops (default: 4, at most 8).")
    static let isDirected = Flag("directed", help: "Follow claims from subject to object only (symmetric ones both ways).")
    static let findsAll = Flag("all", help: "Every chain up to --max-depth, strongest first, instead of the shortest.")
    static let limit = ListingLimit.option(
        help: "With --all, show at most n chains (default: 10 in a table, all in json and csv); 0: every chain found.")

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let query = try QueryPreamble(arguments, context: context, format: format) {
            let isForReading = try arguments.value(format, default: .table).isForReading
            return (
                maxDepth: try arguments.value(Self.maxDepth, default: 4),
                limit: try arguments.value(Self.limit, default: isForReading ? 10 : 0)
            )
        }
        if arguments.isGiven(limit), !arguments.isSet(findsAll) {
            throw UsageError(
                message: "--limit counts the chains of --all: without it, the one shortest chain is shown", command: spec.name)
        }
        let (maxDepth, store, filter) = (query.options.maxDepth, query.store, query.filter)
        // A chain follows claims that some citation supports: denials alone link nobody.
        if filter.stances == [.denies] {
            throw UsageError(
                message:
                    "--stance denies leaves no claim a chain can follow: a claim only denied links nobody (isnad claims --stance denies lists the denials)",
                command: spec.name)
        }
        let from = try query.entity(arguments.positionals[0])
        let to = try query.entity(arguments.positionals[1])
        guard from.id != to.id else {
            throw UsageError(message: "<from> and <to> are the same entity (\(from.id))", command: spec.name)
        }
        let finder = PathFinder(store: store, filter: filter, directed: arguments.isSet(isDirected), graph: query.graph)
        var paths: [PathFinder.Path] = []
        var found = 0
        var isComplete = true
        try context.measure(arguments.isSet(Timing.option)) {
            if arguments.isSet(findsAll) {
                let limit = query.options.limit
                (paths, found, isComplete) = try finder.allPaths(
                    from: from.id, to: to.id, maxDepth: maxDepth, limit: limit == 0 ? nil : limit)
            } else if let path = try finder.shortestPath(from: from.id, to: to.id, maxDepth: maxDepth) {
                paths = [path]
            }
        }
        let shown = paths
        // Past the exploration's bound, the chains found are some of those there are.
        let cutNote =
            shown.count < found ? ListingLimit.note(showing: shown.count, of: found, isAtLeast: !isComplete, "chain") : nil
        // With --all, the document says how many chains there are, whatever the limit let through.
        let total = arguments.isSet(findsAll) ? (found: found, isComplete: isComplete) : nil
        query.noteListed(shown.flatMap { $0.hops.map(\.best) })
        try query.print(
            Printout(
                reading: {
                    var presentation = ClaimPresentation(store: store, graph: query.graph)
                    return .init(
                        text: try table(
                            shown, from: from, to: to, presentation: &presentation, store: store, filter: filter)
                            + (cutNote.map { "\n" + $0 + "\n" } ?? ""))
                },
                json: .streamedDocument { json, flush in
                    var presentation = ClaimPresentation(store: store, graph: query.graph)
                    try document(
                        shown, from: from, to: to, total: total, presentation: &presentation, to: &json, flush: flush)
                },
                rows: ClaimPresentation.rows(store: store, graph: query.graph, leading: ["path", "hop", "from", "to"]) { body in
                    for (number, path) in shown.enumerated() {
                        for (index, hop) in path.hops.enumerated() {
                            try body([String(number + 1), String(index + 1), hop.from, hop.to], hop.best)
                        }
                    }
                },
                leftOut: { [cutNote].compactMap { $0 } }),
            context: context)
        if paths.isEmpty {
            context.message(
                "no chain of claims links \(Text.printable(from.name)) (\(from.id)) and \(Text.printable(to.name)) (\(to.id)) within \(counted(maxDepth, "hop"))\(filter.isEmpty ? "" : " under these filters")"
            )
        }
        if !isComplete {
            context.message(
                "stopped after exploring \(PathFinder.explorationLimit) partial chains: lower --max-depth or add filters to see them all"
            )
        }
    }

    /// The chains as one JSON object, in their order: each hop in chain order, with the claim it
    /// follows (its filtered citations, no source records) and the other claims between its ends.
    /// Written out chain by chain through `flush`: `--all --limit 0` may find 200,000 chains,
    /// whose document held whole took twice its size in memory. With `total` (`--all`), it ends
    /// with how many chains were found (`found`) and whether those are all there are
    /// (`complete`: false when the exploration stopped at its bound).
    static func document(
        _ paths: [PathFinder.Path], from: IsnadKit.Entity, to: IsnadKit.Entity, total: (found: Int, isComplete: Bool)?,
        presentation: inout ClaimPresentation, to json: inout JSONWriter, flush: (inout JSONWriter) throws -> Void
    ) throws {
        let vocabulary = presentation.store.vocabulary
        json.beginObject()
        json.member("from", from.id)
        json.member("to", to.id)
        json.key("chains")
        json.beginArray()
        for (number, path) in paths.enumerated() {
            json.beginObject()
            json.member("rank", number + 1)
            json.member("length", path.hops.count)
            json.nullableMember("weakest", path.weakest?.description)
            json.key("entities")
            json.beginArray()
            for id in path.entities { json.string(id) }
            json.endArray()
            json.key("hops")
            json.beginArray()
            for (index, hop) in path.hops.enumerated() {
                json.beginObject()
                json.member("hop", index + 1)
                json.member("from", hop.from)
                json.member("to", hop.to)
                json.member("direction", direction(of: hop.best.claim, from: hop.from, vocabulary: vocabulary).rawValue)
                try presentation.writeMembers(of: hop.best, to: &json)
                json.key("other_claims")
                json.beginArray()
                for other in hop.claims.dropFirst() {
                    json.beginObject()
                    json.member("claim", other.claim.id)
                    json.member("predicate", other.claim.predicate)
                    json.member("direction", direction(of: other.claim, from: hop.from, vocabulary: vocabulary).rawValue)
                    presentation.writeEvidence(of: other, to: &json)
                    json.endObject()
                }
                json.endArray()
                json.endObject()
            }
            json.endArray()
            json.endObject()
            try flush(&json)
        }
        json.endArray()
        if let total {
            json.member("found", total.found)
            json.key("complete")
            json.number(total.isComplete ? "true" : "false")
        }
        json.endObject()
    }

    static func table(
        _ paths: [PathFinder.Path], from: IsnadKit.Entity, to: IsnadKit.Entity, presentation: inout ClaimPresentation,
        store: GraphStore, filter: GraphFilter
    ) throws -> String {
        var lines: [String] = []
        for (number, path) in paths.enumerated() {
            let names = try path.entities.map { try presentation.name($0) }
            var heading = paths.count > 1 ? "Chain \(number + 1): " : ""
            heading += names.map(Bidi.isolate).joined(separator: " → ")
            heading += "  (\(counted(path.hops.count, "hop")); weakest hop \(path.weakest?.description ?? "none")"
            // Status ranks first, so a disputed C2 hop is the weakest beside an alleged F3 one: the
            // weakest grade — the least reliable source first, then the least credible — is said
            // too, with every hop that has it, when the weakest hop does not, so the F is not missed.
            let grades = path.hops.enumerated().compactMap { index, hop in
                hop.strength.map { (hop: index + 1, grade: ($0.claimStrength.reliability, $0.claimStrength.credibility)) }
            }
            if let weakest = path.weakest?.claimStrength, let lowest = grades.max(by: { $0.grade < $1.grade })?.grade,
                lowest != (weakest.reliability, weakest.credibility)
            {
                let hops = grades.filter { $0.grade == lowest }.map { String($0.hop) }
                heading +=
                    "; weakest grade \(lowest.0.rawValue)\(lowest.1.rawValue), \(hops.count == 1 ? "hop" : "hops") \(ListFormat.and(hops))"
            }
            heading += ")"
            if number > 0 { lines.append("") }
            lines.append(Bidi.line(Text.printable(heading)))
            for (index, hop) in path.hops.enumerated() {
                let claim = hop.best.claim
                let predicate = store.vocabulary[claim.predicate]
                let label = predicate?.labelEnglish ?? claim.predicate
                let subject = try presentation.name(claim.subject)
                let object = try presentation.name(claim.object)
                let arrow = predicate?.isSymmetric == true ? "—[\(label)]—" : "—[\(label)]→"
                let evidence = presentation.evidenceLine(hop.best)
                lines.append("")
                lines.append(
                    Bidi.line(
                        Text.printable("  \(index + 1). \(Bidi.isolate(subject)) \(arrow) \(Bidi.isolate(object))")
                            + "  \(DateText.dates(of: claim, vocabulary: store.vocabulary))  \(evidence)  [\(claim.id)]"))
                if let best = hop.best.bestCitation(weighed: hop.bestWeight) {
                    lines += ClaimPresentation.citationLines(
                        GradedClaim(claim: claim, citations: [best]), indent: "       ", graph: presentation.graph)
                    let others = hop.best.citations.count - 1
                    // A denial among those not shown is told, as `show` tells it.
                    let denials =
                        hop.best.citations.count { $0.citation.stance == .denies } - (best.citation.stance == .denies ? 1 : 0)
                    let ofThem = denials == 0 ? "" : denials == 1 ? ", 1 of them a denial" : ", \(denials) of them denials"
                    if others > 0 {
                        lines.append("       (and \(counted(others, "more citation"))\(ofThem): isnad show \(hop.from))")
                    }
                }
                if hop.claims.count > 1 {
                    let others = hop.claims.count - 1
                    let (entries, listed) = otherClaimEntries(of: hop, vocabulary: store.vocabulary)
                    let (first, second) = (try presentation.name(hop.from), try presentation.name(hop.to))
                    var line =
                        Text.printable(
                            "       other claims between them (→ \(Bidi.isolate(first)) to \(Bidi.isolate(second)), ← back): ")
                        + entries.joined(separator: ", ")
                    if others > listed {
                        line += ", " + moreClaims(others - listed, of: hop, filter: filter)
                    } else if others > otherClaimsShown {
                        line += " (" + ClaimsBetween.listedBy(ways: ways(of: hop), isFiltered: !filter.isEmpty) + ")"
                    }
                    lines.append(Bidi.line(line))
                }
            }
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// How many entries of the other claims between a hop's two entities a table lists,
    /// strongest first.
    static let otherClaimsShown = 10

    /// The other claims of a hop as a table lists them, strongest first: as in `show`, → from
    /// the hop's first entity to its second, ← back, ↔ symmetric, then the predicate and the
    /// evidence. Claims that read alike are one entry with how many (`→ funded [ASSERTED B3, 1
    /// channel] ×19999`): two entities joined by thousands of claims of one kind would otherwise
    /// fill the line with the same words. At most ``otherClaimsShown`` entries; `listed` is how
    /// many claims they hold.
    static func otherClaimEntries(of hop: PathFinder.Hop, vocabulary: Vocabulary) -> (entries: [String], listed: Int) {
        var entries: [String] = []
        var counts: [Int] = []
        var indexOfEntry: [String: Int] = [:]
        for (claim, weight) in zip(hop.claims, hop.weights).dropFirst() {
            let evidence = weight.strength.map { "\($0.claimStrength), \(counted(weight.supportingChannels, "channel"))" } ?? ""
            let entry =
                "\(direction(of: claim.claim, from: hop.from, vocabulary: vocabulary).arrow) \(claim.claim.predicate) [\(evidence)]"
            if let index = indexOfEntry[entry] {
                counts[index] += 1
            } else {
                indexOfEntry[entry] = entries.count
                entries.append(entry)
                counts.append(1)
            }
        }
        let shown = entries.indices.prefix(otherClaimsShown)
        return (
            shown.map { counts[$0] > 1 ? "\(entries[$0]) ×\(counts[$0])" : entries[$0] },
            shown.reduce(0) { $0 + counts[$1] }
        )
    }

    /// `and 3,994 more: isnad claims --subject per-0 --object org-1 --limit 0; …`: the claims of a
    /// hop past those listed, and the commands that list every claim between its two entities,
    /// one for each way the claims go (a symmetric claim is stored one way or the other).
    static func moreClaims(_ count: Int, of hop: PathFinder.Hop, filter: GraphFilter) -> String {
        ClaimsBetween.more(count, ways: ways(of: hop), isFiltered: !filter.isEmpty)
    }

    /// Each (subject, object) the claims of a hop have: one way, or both.
    static func ways(of hop: PathFinder.Hop) -> [(subject: String, object: String)] {
        [(hop.from, hop.to), (hop.to, hop.from)].filter { subject, _ in
            hop.claims.contains { $0.claim.subject == subject }
        }.map { (subject: $0, object: $1) }
    }

    /// Which way a claim goes along a hop that starts at `from`.
    enum HopDirection: String {
        case forward, backward, symmetric

        var arrow: String {
            switch self {
            case .forward: "→"
            case .backward: "←"
            case .symmetric: "↔"
            }
        }
    }

    static func direction(of claim: Claim, from: String, vocabulary: Vocabulary) -> HopDirection {
        if vocabulary[claim.predicate]?.isSymmetric == true { return .symmetric }
        return claim.subject == from ? .forward : .backward
    }
}
