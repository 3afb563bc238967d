import IsnadKit

/// What `isnad source ID --impact` prints: the claims that would fall with a source, those that
/// would lose some support, those that only reach it through `cites`, those it alone denies, and
/// the entity pairs left with no supported claim between them (``SourceImpact``).
struct ImpactReport {
    let source: Source
    let impact: SourceImpact
    let store: GraphStore
    let graph: TransmissionGraph
    /// How many claims of each group, and entity pairs, are listed at most (`--limit`); nil: all.
    let limit: Int?

    /// Each group of claims, with what it means (said of one claim, and of several), in the order
    /// the report lists them.
    private var groups: [(key: String, title: (one: String, several: String), weights: [SourceImpact.Claim])] {
        [
            (
                "rests_on_it",
                ("rests on it alone: it would be left with no support", "rest on it alone: they would be left with no support"),
                impact.restingOnIt
            ),
            (
                "loses_support",
                ("would lose some support (and keep the rest)", "would lose some support (and keep the rest)"),
                impact.losingSupport
            ),
            (
                "relays_it",
                (
                    "reaches it only through cites: a source it rests on relays it, and may or may not owe it to it",
                    "reach it only through cites: a source they rest on relays it, and may or may not owe them to it"
                ),
                impact.relayingIt
            ),
            (
                "loses_denial",
                (
                    "with support is denied by it alone: it would no longer be disputed",
                    "with support are denied by it alone: they would no longer be disputed"
                ),
                impact.losingDenial
            ),
        ]
    }

    /// What of `items` is listed: the first `limit`.
    private func listed<Item>(_ items: [Item]) -> ArraySlice<Item> { items.prefix(limit ?? items.count) }

    /// The line under a list cut short, or nothing.
    private func cutNote(_ listed: Int, of total: Int, _ noun: String) -> String {
        listed < total ? "  " + ListingLimit.note(showing: listed, of: total, noun) + "\n" : ""
    }

    /// The claims of a group, read whole.
    private func claims(_ weights: [SourceImpact.Claim]) throws -> [GradedClaim] {
        try weights.compactMap { try store.claim(id: $0.claimID) }
    }

    func printout() -> Printout {
        Printout(reading: { .init(text: try reading()) }, json: .document(json), rows: rows(), leftOut: leftOut)
    }

    /// After JSON or CSV, a line for each list the limit cut short, named as the JSON names it
    /// (`showing 2 of 91 rests_on_it claims; --limit 0 for all`), as the table says it under the list.
    func leftOut() -> [String] {
        var notes = groups.compactMap { group in
            let shown = listed(group.weights).count
            return shown < group.weights.count
                ? ListingLimit.note(showing: shown, of: group.weights.count, "\(group.key) claim") : nil
        }
        let pairs = listed(impact.isolatedPairs).count
        if pairs < impact.isolatedPairs.count {
            notes.append(ListingLimit.note(showing: pairs, of: impact.isolatedPairs.count, "isolated pair"))
        }
        return notes
    }

    /// The column of how a claim that keeps some support would read without the source.
    static let afterHeader = "WITHOUT IT"

    func reading() throws -> String {
        var output =
            Text.printable(
                "If \(source.id) (\(source.reliability.rawValue)) were discredited: \(counted(impact.restingOnIt.count, "claim")) would fall, \(counted(impact.losingSupport.count, "claim")) would lose some support, \(counted(impact.losingDenial.count, "claim")) would no longer be disputed, \(counted(impact.isolatedPairs.count, "entity pair")) would be left with nothing between them."
            ) + "\n"
        for group in groups {
            let count = group.weights.count
            output += "\n" + "\(counted(count, "claim")) \(count == 1 ? group.title.one : group.title.several)"
            // What the claims that keep some support would read as: an editor withholding the
            // source learns that "asserted" rests on it before the piece says so.
            let isLosingSupport = group.key == "loses_support"
            if isLosingSupport, count > 0 {
                let weaker = group.weights.filter(\.readsWeaker).count
                output += ": \(weaker == 0 ? "none" : String(weaker)) would read weaker (\(Self.afterHeader))"
            }
            output += "\n"
            guard !group.weights.isEmpty else { continue }
            let shown = listed(group.weights)
            let after = Dictionary(shown.map { ($0.claimID, $0.after) }, uniquingKeysWith: { first, _ in first })
            output +=
                (try ClaimTable(
                    claims(Array(shown)), store: store, graph: graph, leading: [(header: "CLAIM", value: { $0.claim.id })],
                    following: isLosingSupport
                        ? [(header: Self.afterHeader, value: { after[$0.claim.id]??.description ?? "" })] : []
                )).render()
            output += cutNote(shown.count, of: count, "claim")
        }
        output +=
            "\n"
            + "\(counted(impact.isolatedPairs.count, "entity pair")) with every supported claim between them resting on it alone\n"
        var presentation = ClaimPresentation(store: store, graph: graph)
        let pairs = listed(impact.isolatedPairs)
        for pair in pairs {
            output +=
                Bidi.line(
                    "  " + Bidi.isolate(Text.printable(try presentation.name(pair.first))) + " — "
                        + Bidi.isolate(Text.printable(try presentation.name(pair.second)))
                        + "  (\(pair.first), \(pair.second))")
                + "\n"
        }
        return output + cutNote(pairs.count, of: impact.isolatedPairs.count, "entity pair")
    }

    func json(_ json: inout JSONWriter) {
        json.beginObject()
        json.member("source", source.id)
        for group in groups {
            json.key(group.key)
            json.beginArray()
            for weight in listed(group.weights) {
                json.beginObject()
                json.member("claim", weight.claimID)
                json.member("channels", weight.supportingChannels)
                json.nullableMember("common_link", weight.commonLink)
                json.nullableMember("status", weight.status?.rawValue)
                json.nullableMember("best", weight.bestGrade)
                if group.key == "loses_support" {
                    json.key("after")
                    if let after = weight.after {
                        json.beginObject()
                        json.member("status", after.status.rawValue)
                        json.member("best", "\(after.strength.reliability.rawValue)\(after.strength.credibility.rawValue)")
                        json.member("channels", after.channels)
                        json.endObject()
                    } else {
                        json.null()
                    }
                    json.key("reads_weaker")
                    json.boolean(weight.readsWeaker)
                }
                json.endObject()
            }
            json.endArray()
        }
        json.key("isolated_pairs")
        json.beginArray()
        for pair in listed(impact.isolatedPairs) {
            json.beginArray()
            json.string(pair.first)
            json.string(pair.second)
            json.endArray()
        }
        json.endArray()
        // The totals, whatever the limit let through, as the table's first line gives them.
        json.key("counts")
        json.beginObject()
        for group in groups { json.member(group.key, group.weights.count) }
        json.member("isolated_pairs", impact.isolatedPairs.count)
        json.endObject()
        json.endObject()
    }

    /// One row per claim (`effect`, `claim`, its channels and common link) and per pair
    /// (`isolated_pair`, no claim, the two entities).
    func rows() -> Printout.Rows {
        Printout.Rows(header: ["effect", "claim", "channels", "common_link", "first", "second"]) { body in
            for group in groups {
                for weight in listed(group.weights) {
                    try body([
                        group.key, weight.claimID, String(weight.supportingChannels), weight.commonLink ?? "", "", "",
                    ])
                }
            }
            for pair in listed(impact.isolatedPairs) { try body(["isolated_pair", "", "", "", pair.first, pair.second]) }
        }
    }
}
