import IsnadKit

enum DisputesCommand: Command {
    static let name = "disputes"
    static let spec = CommandSpec(
        name: name,
        abstract: "Claims that sources deny, and pairs of claims that cannot both hold.",
        discussion: """
            Lists every disputed claim, each side with its quotes: those both supported and denied, and those only
            denied (a source's denial recorded as a claim no source supports); then every pair
            of claims, each with some support, that cannot both hold: opposed predicates between the same entities
            over periods that may overlap (allied_with and hostile_to …, as Schemas/predicates.json declares them), a
            predicate exclusive in time held toward two objects at once (branch_of …), and a person killed at a date
            who acts after it. Each clash says whether the dates make it certain or only fail to rule it out, and how
            strong each of its two claims is. Reads
            the whole store (no filters). A listing: it exits 0 whatever it finds (use 'isnad check' to fail on
            defects).

            A table shows the first 200 disputed claims and the first 200 pairs of each kind (--limit), each list cut
            short saying how many there are; the pairs are counted, never all kept. JSON and CSV list everything
            unless given a limit, streamed, and say on standard error what a limit left out; the JSON document ends
            with the counts. The pairs grow with the square of the claims that clash: n allied_with and n hostile_to
            claims between the same two entities, all overlapping, are n × n pairs (4,000 of each, a 1.5 MB file, are
            16 million pairs and 6 GB of JSON): a script reading a store it did not build gives --limit.
            """,
        options: [limit, format],
        examples: ["isnad disputes", "isnad disputes --limit 20", "isnad disputes --format json"])

    static let format = OutputFormat.option(json: "json (one document: disputes and incompatibilities)")
    static let limit = ListingLimit.option(
        help:
            "At most n disputed claims, and n pairs of each kind; 0: all, streamed. Default: \(ListingLimit.tableDefault) in a table, all in json and csv."
    )

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let format = try arguments.value(Self.format, default: .table)
        let limit = try ListingLimit.value(arguments, option: Self.limit, format: Self.format)
        let store = try context.openStore(.read)
        let found = try Contradictions.find(in: store, vocabulary: store.vocabulary)
        let graph = try TransmissionGraph(store: store)
        let pairWeights = PairWeights(store: store, graph: graph)
        try format.print(
            Printout(
                reading: {
                    .init(
                        text: heading(found) + "\n",
                        stream: { write in
                            try reading(found, limit: limit, store: store, pairWeights: pairWeights, write: write)
                        })
                },
                json: .streamedDocument { json, flush in
                    try self.json(found, limit: limit, store: store, pairWeights: pairWeights, &json, flush: flush)
                },
                rows: Printout.Rows(
                    header: [
                        "kind", "claim", "other_claim", "certain", "detail", "claim_evidence", "other_claim_evidence", "start",
                        "end",
                    ]
                ) { row in
                    // start and end: the disputed claim's (a pair's explanation says how its periods meet).
                    try forEachDispute(found, limit: limit, store: store) { dispute in
                        try row([
                            "dispute", dispute.claim.claim.id, "", "",
                            "\(counted(dispute.supporting.count, "supporting citation")), \(counted(dispute.denying.count, "denying citation"))",
                            WeighedEvidence(graph.weigh(dispute.claim)).line, "", dispute.claim.claim.start?.description ?? "",
                            dispute.claim.claim.end?.description ?? "",
                        ])
                    }
                    try forEachIncompatibility(found, limit: limit) { clash in
                        try row([
                            clash.kind.rawValue, clash.first, clash.second, clash.isCertain ? "true" : "false", clash.explanation,
                            try pairWeights.line(of: clash.first), try pairWeights.line(of: clash.second), "", "",
                        ])
                    }
                },
                leftOut: { leftOut(found, limit: limit) }),
            context: context)
    }

    /// After JSON or CSV, a line for each list the limit cut short, as the table says it under
    /// the list: `showing 3 of 533 disputed claims; --limit 0 for all`, `showing 3 of 7732
    /// opposed-predicates pairs; --limit 0 for all`.
    static func leftOut(_ found: Contradictions, limit: Int?) -> [String] {
        guard let limit else { return [] }
        var notes: [String] = []
        if found.disputedClaims.count > limit {
            notes.append(ListingLimit.note(showing: limit, of: found.disputedClaims.count, "disputed claim"))
        }
        for kind in Contradictions.kinds {
            if let pairs = found.pairCounts[kind], pairs > limit {
                notes.append(ListingLimit.note(showing: limit, of: pairs, "\(kind.rawValue) pair"))
            }
        }
        return notes
    }

    /// How the claims of the pairs are weighed: the pairs name claims by id, and a pair is never
    /// shown without how strong each of its claims is. A claim recurs from pair to pair (a death
    /// with each act after it; an alliance with each hostility), so each is read and weighed once.
    /// What is kept per claim is a number: claims weighed alike share one ``WeighedEvidence``,
    /// so the memory grows like the facts ``Contradictions`` already keeps for the same claims,
    /// by a few bytes each.
    final class PairWeights {
        let store: GraphStore
        let graph: TransmissionGraph
        private var evidenceOfClaim: [String: Int32] = [:]
        private var distinct: [WeighedEvidence] = []
        private var numbers: [WeighedEvidence: Int32] = [:]

        init(store: GraphStore, graph: TransmissionGraph) {
            self.store = store
            self.graph = graph
        }

        /// Nil for a claim that is gone.
        func evidence(of id: String) throws -> WeighedEvidence? {
            if let number = evidenceOfClaim[id] { return number < 0 ? nil : distinct[Int(number)] }
            var number: Int32 = -1
            if let claim = try store.claim(id: id) {
                let evidence = WeighedEvidence(graph.weigh(claim))
                if let known = numbers[evidence] {
                    number = known
                } else {
                    number = Int32(distinct.count)
                    distinct.append(evidence)
                    numbers[evidence] = number
                }
            }
            evidenceOfClaim[id] = number
            return number < 0 ? nil : distinct[Int(number)]
        }

        /// The claim's strength in one line; empty for a claim gone or without citations.
        func line(of id: String) throws -> String { try evidence(of: id)?.line ?? "" }
    }

    /// The first `limit` disputed claims (all when nil); whether more came after them.
    @discardableResult
    static func forEachDispute(
        _ found: Contradictions, limit: Int?, store: GraphStore, _ body: (Dispute) throws -> Void
    ) throws -> Bool {
        try ListingLimit.forFirst(limit, of: { try found.forEachDispute(in: store, $0) }, body)
    }

    /// The first `limit` pairs of each kind (all when nil), in the listing's order; `cutShort` is
    /// called after the pairs of a kind that had more.
    static func forEachIncompatibility(
        _ found: Contradictions, limit: Int?, _ body: (Incompatibility) throws -> Void,
        cutShort: (Incompatibility.Kind) throws -> Void = { _ in }
    ) throws {
        var kind: Incompatibility.Kind?
        func finish() throws {
            if let kind, let limit, (found.pairCounts[kind] ?? 0) > limit { try cutShort(kind) }
        }
        try found.forEachIncompatibility(limitPerKind: limit) { clash in
            if clash.kind != kind {
                try finish()
                kind = clash.kind
            }
            try body(clash)
        }
        try finish()
    }

    /// `1 claim both supported and denied`, or with claims only denied, `3 disputed claims: 2 both
    /// supported and denied, 1 only denied`: the same claims as `claims --status disputed`.
    static func heading(_ found: Contradictions) -> String {
        let all = found.disputedClaims.count
        let onlyDenied = found.onlyDeniedClaims
        guard onlyDenied > 0 else { return "\(counted(all, "claim")) both supported and denied" }
        return "\(counted(all, "disputed claim")): \(all - onlyDenied) both supported and denied, \(onlyDenied) only denied"
    }

    static func reading(
        _ found: Contradictions, limit: Int?, store: GraphStore, pairWeights: PairWeights,
        write: (String) throws -> Void
    ) throws {
        var presentation = ClaimPresentation(store: store, graph: pairWeights.graph)
        var shown = 0
        try forEachDispute(found, limit: limit, store: store) { dispute in
            shown += 1
            let claim = dispute.claim.claim
            let arrow =
                store.vocabulary[claim.predicate]?.isSymmetric == true ? "—[\(claim.predicate)]—" : "—[\(claim.predicate)]→"
            var lines = [""]
            lines.append(
                Bidi.line(
                    Text.printable(
                        "\(Bidi.isolate(try presentation.name(claim.subject))) \(arrow) \(Bidi.isolate(try presentation.name(claim.object)))"
                    ) + "  \(DateText.dates(of: claim, vocabulary: store.vocabulary))  [\(claim.id)]"))
            lines.append("    " + presentation.evidenceLine(dispute.claim))
            for (title, side) in [("supported by", dispute.supporting), ("denied by", dispute.denying)] {
                if side.isEmpty {
                    lines.append("    \(title): no source")
                    continue
                }
                lines.append("    \(title):")
                lines += ClaimPresentation.citationLines(
                    GradedClaim(claim: claim, citations: side), indent: "      ", showsWhenPublic: true, graph: presentation.graph
                )
            }
            try write(lines.joined(separator: "\n") + "\n")
        }
        if shown < found.disputedClaims.count {
            try write("\n" + ListingLimit.note(showing: shown, of: found.disputedClaims.count, "disputed claim") + "\n")
        }
        var heading = "\n\(counted(found.pairCount, "pair")) of claims that cannot both hold"
        if found.pairCount > 0 {
            let kinds = Contradictions.kinds.compactMap { kind in found.pairCounts[kind].map { "\($0) \(kind.rawValue)" } }
            heading += " (\(kinds.joined(separator: ", ")))"
        }
        try write(heading + "\n")
        try forEachIncompatibility(found, limit: limit) { clash in
            let first = try pairWeights.line(of: clash.first)
            let second = try pairWeights.line(of: clash.second)
            try write(
                Text.printable(
                    "  \(clash.kind.rawValue) (\(clash.isCertain ? "certain" : "not ruled out")): \(clash.explanation)")
                    + "\n" + Text.printable("      \(clash.first): \(first); \(clash.second): \(second)") + "\n")
        } cutShort: { kind in
            try write(
                "  " + ListingLimit.note(showing: limit ?? 0, of: found.pairCounts[kind] ?? 0, "\(kind.rawValue) pair") + "\n")
        }
    }

    static func json(
        _ found: Contradictions, limit: Int?, store: GraphStore, pairWeights: PairWeights, _ json: inout JSONWriter,
        flush: (inout JSONWriter) throws -> Void
    ) throws {
        func citations(_ key: String, _ side: [GradedCitation]) {
            json.key(key)
            json.beginArray()
            for cited in side {
                json.beginObject()
                json.member("source", cited.citation.source)
                json.nullableMember("via", cited.citation.via)
                json.member("stance", cited.citation.stance.rawValue)
                // As path and timeline give them; `grade` (both in one) as before.
                json.member("reliability", cited.reliability.rawValue)
                json.member("credibility", cited.citation.credibility.rawValue)
                json.member("grade", "\(cited.reliability.rawValue)\(cited.citation.credibility.rawValue)")
                json.member("quote", cited.citation.quote)
                json.nullableMember("quote_en", cited.citation.quoteEnglish)
                json.nullableMember("locator", cited.citation.locator)
                // When each side spoke, as the table says it.
                json.nullableMember("public_since", cited.publicSince?.description)
                json.endObject()
            }
            json.endArray()
        }
        json.beginObject()
        json.key("disputes")
        json.beginArray()
        try forEachDispute(found, limit: limit, store: store) { dispute in
            let claim = dispute.claim.claim
            json.beginObject()
            json.member("claim", claim.id)
            json.member("subject", claim.subject)
            json.member("predicate", claim.predicate)
            json.member("object", claim.object)
            json.nullableMember("start", claim.start?.description)
            json.nullableMember("end", claim.end?.description)
            WeighedEvidence(pairWeights.graph.weigh(dispute.claim)).write(to: &json)
            citations("supporting", dispute.supporting)
            citations("denying", dispute.denying)
            json.endObject()
            try flush(&json)
        }
        json.endArray()
        json.key("incompatibilities")
        json.beginArray()
        var written = 0
        try forEachIncompatibility(found, limit: limit) { clash in
            json.beginObject()
            json.member("kind", clash.kind.rawValue)
            json.member("first", clash.first)
            json.member("second", clash.second)
            json.key("certain")
            json.number(clash.isCertain ? "true" : "false")
            json.member("explanation", clash.explanation)
            for (key, id) in [("first_evidence", clash.first), ("second_evidence", clash.second)] {
                json.key(key)
                if let evidence = try pairWeights.evidence(of: id) {
                    json.beginObject()
                    evidence.write(to: &json)
                    json.endObject()
                } else {
                    json.null()
                }
            }
            json.endObject()
            written += 1
            if written % 256 == 0 { try flush(&json) }
        }
        json.endArray()
        // The totals, whatever the limit let through.
        json.key("counts")
        json.beginObject()
        json.member("disputes", found.disputedClaims.count)
        json.member("only_denied", found.onlyDeniedClaims)
        for kind in Contradictions.kinds { json.member(kind.rawValue, found.pairCounts[kind] ?? 0) }
        json.endObject()
        json.endObject()
    }
}
