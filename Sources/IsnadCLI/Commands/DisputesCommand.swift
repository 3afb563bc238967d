import IsnadKit

enum DisputesCommand: Command {
    static let name = "disputes"
    static let spec = CommandSpec(
        name: name,
        abstract: "Claims that sources both support and deny, and pairs of claims that cannot both hold.",
        discussion: """
            Lists every claim with both supporting and denying citations, each side with its quotes; then every pair
            of claims, each with some support, that cannot both hold: opposed predicates between the same entities
            over periods that may overlap (allied_with and hostile_to …, as Schemas/predicates.json declares them), a
            predicate exclusive in time held toward two objects at once (branch_of …), and a person killed at a date
            who acts after it. Each clash says whether the dates make it certain or only fail to rule it out. Reads
            the whole store (no filters). A listing: it exits 0 whatever it finds (use 'isnad check' to fail on
            defects).
            """,
        options: [format],
        examples: ["isnad disputes", "isnad disputes --format json"])

    static let format = OutputFormat.option(json: "json (one document: disputes and incompatibilities)")

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let format = try arguments.value(Self.format, default: .table)
        let store = try context.openStore(.read)
        let found = try Contradictions.find(in: store, vocabulary: store.vocabulary)
        let graph = try TransmissionGraph(store: store)
        try format.print(
            Printout(
                reading: { .init(text: try reading(found, store: store, graph: graph)) },
                json: .document { json(found, &$0) },
                rows: Printout.Rows(
                    header: ["kind", "claim", "other_claim", "certain", "detail"],
                    rows: found.disputes.map {
                        [
                            "dispute", $0.claim.claim.id, "", "",
                            "\(counted($0.supporting.count, "supporting citation")), \(counted($0.denying.count, "denying citation"))",
                        ]
                    }
                        + found.incompatibilities.map {
                            [$0.kind.rawValue, $0.first, $0.second, $0.isCertain ? "true" : "false", $0.explanation]
                        })),
            context: context)
    }

    static func reading(_ found: Contradictions, store: GraphStore, graph: TransmissionGraph) throws -> String {
        var presentation = ClaimPresentation(store: store, graph: graph)
        var lines = ["\(counted(found.disputes.count, "claim")) both supported and denied"]
        for dispute in found.disputes {
            let claim = dispute.claim.claim
            let arrow =
                store.vocabulary[claim.predicate]?.isSymmetric == true ? "—[\(claim.predicate)]—" : "—[\(claim.predicate)]→"
            lines.append("")
            lines.append(
                Bidi.line(
                    Text.printable(
                        "\(Bidi.isolateCell(try presentation.name(claim.subject))) \(arrow) \(Bidi.isolateCell(try presentation.name(claim.object)))"
                    ) + "  \(ExportStyle.dates(of: claim, vocabulary: store.vocabulary))  [\(claim.id)]"))
            lines.append("    " + presentation.evidenceLine(dispute.claim))
            for (title, side) in [("supported by", dispute.supporting), ("denied by", dispute.denying)] {
                lines.append("    \(title):")
                lines += ClaimPresentation.citationLines(GradedClaim(claim: claim, citations: side), indent: "      ")
            }
        }
        lines.append("")
        lines.append("\(counted(found.incompatibilities.count, "pair")) of claims that cannot both hold")
        for clash in found.incompatibilities {
            lines.append(
                Text.printable(
                    "  \(clash.kind.rawValue) (\(clash.isCertain ? "certain" : "not ruled out")): \(clash.explanation)"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ found: Contradictions, _ json: inout JSONWriter) {
        func citations(_ key: String, _ side: [GradedCitation]) {
            json.key(key)
            json.beginArray()
            for cited in side {
                json.beginObject()
                json.member("source", cited.citation.source)
                json.nullableMember("via", cited.citation.via)
                json.member("stance", cited.citation.stance.rawValue)
                json.member("grade", "\(cited.reliability.rawValue)\(cited.citation.credibility.rawValue)")
                json.member("quote", cited.citation.quote)
                json.nullableMember("quote_en", cited.citation.quoteEnglish)
                json.nullableMember("locator", cited.citation.locator)
                json.endObject()
            }
            json.endArray()
        }
        json.beginObject()
        json.key("disputes")
        json.beginArray()
        for dispute in found.disputes {
            let claim = dispute.claim.claim
            json.beginObject()
            json.member("claim", claim.id)
            json.member("subject", claim.subject)
            json.member("predicate", claim.predicate)
            json.member("object", claim.object)
            citations("supporting", dispute.supporting)
            citations("denying", dispute.denying)
            json.endObject()
        }
        json.endArray()
        json.key("incompatibilities")
        json.beginArray()
        for clash in found.incompatibilities {
            json.beginObject()
            json.member("kind", clash.kind.rawValue)
            json.member("first", clash.first)
            json.member("second", clash.second)
            json.key("certain")
            json.number(clash.isCertain ? "true" : "false")
            json.member("explanation", clash.explanation)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }
}
