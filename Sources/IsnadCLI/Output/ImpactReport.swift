import IsnadKit

/// What `isnad source ID --impact` prints: the claims that would fall with a source, those that
/// would lose some support, those that only reach it through `cites`, and the entity pairs left
/// with no supported claim between them (``SourceImpact``).
struct ImpactReport {
    let source: Source
    let impact: SourceImpact
    let store: GraphStore
    let graph: TransmissionGraph

    /// Each group of claims, with what it means, in the order the report lists them.
    private var groups: [(key: String, title: String, weights: [ClaimWeight])] {
        [
            ("rests_on_it", "rest on it alone: they would be left with no support", impact.restingOnIt),
            ("loses_support", "would lose some support (and keep the rest)", impact.losingSupport),
            (
                "relays_it", "reach it only through cites: a source they rest on relays it, and may or may not owe them to it",
                impact.relayingIt
            ),
        ]
    }

    /// The claims of a group, read whole.
    private func claims(_ weights: [ClaimWeight]) throws -> [GradedClaim] {
        try weights.compactMap { try store.claim(id: $0.claimID) }
    }

    func printout() -> Printout {
        Printout(reading: { .init(text: try reading()) }, json: .document(json), rows: rows())
    }

    func reading() throws -> String {
        var output =
            Text.printable(
                "If \(source.id) (\(source.reliability.rawValue)) were discredited: \(counted(impact.restingOnIt.count, "claim")) would fall, \(counted(impact.losingSupport.count, "claim")) would lose some support, \(counted(impact.isolatedPairs.count, "entity pair")) would be left with nothing between them."
            ) + "\n"
        for group in groups {
            output += "\n" + "\(counted(group.weights.count, "claim")) \(group.title)\n"
            guard !group.weights.isEmpty else { continue }
            output +=
                (try ClaimTable(
                    claims(group.weights), store: store, graph: graph, leading: [(header: "CLAIM", value: { $0.claim.id })]
                )).render()
        }
        output +=
            "\n"
            + "\(counted(impact.isolatedPairs.count, "entity pair")) with every supported claim between them resting on it alone\n"
        var presentation = ClaimPresentation(store: store, graph: graph)
        for pair in impact.isolatedPairs {
            output +=
                Bidi.line(
                    "  " + Bidi.isolateCell(Text.printable(try presentation.name(pair.first))) + " — "
                        + Bidi.isolateCell(Text.printable(try presentation.name(pair.second)))
                        + "  (\(pair.first), \(pair.second))")
                + "\n"
        }
        return output
    }

    func json(_ json: inout JSONWriter) {
        json.beginObject()
        json.member("source", source.id)
        for group in groups {
            json.key(group.key)
            json.beginArray()
            for weight in group.weights {
                json.beginObject()
                json.member("claim", weight.claimID)
                json.member("channels", weight.supportingChannels)
                json.nullableMember("common_link", weight.commonLink?.source)
                json.nullableMember("status", weight.strength?.evidence.status.rawValue)
                json.nullableMember("best", weight.strength?.evidence.bestGrade)
                json.endObject()
            }
            json.endArray()
        }
        json.key("isolated_pairs")
        json.beginArray()
        for pair in impact.isolatedPairs {
            json.beginArray()
            json.string(pair.first)
            json.string(pair.second)
            json.endArray()
        }
        json.endArray()
        json.endObject()
    }

    /// One row per claim (`effect`, `claim`, its channels and common link) and per pair
    /// (`isolated_pair`, no claim, the two entities).
    func rows() -> Printout.Rows {
        Printout.Rows(header: ["effect", "claim", "channels", "common_link", "first", "second"]) { body in
            for group in groups {
                for weight in group.weights {
                    try body([
                        group.key, weight.claimID, String(weight.supportingChannels), weight.commonLink?.source ?? "", "", "",
                    ])
                }
            }
            for pair in impact.isolatedPairs { try body(["isolated_pair", "", "", "", pair.first, pair.second]) }
        }
    }
}
