import IsnadKit

enum RestoreCommand: Command {
    static let name = "restore"
    static let spec = CommandSpec(
        name: name,
        abstract: "Put a retracted claim, or its retracted citations, back among the evidence.",
        discussion: """
            Undoes isnad retract. A retracted claim stands again as it was when it was retracted: a citation
            retracted on its own before stays retracted, with its reason (--citation N restores it). A claim that
            stands gets every retracted citation back. --citation N restores only its Nth citation.
            """,
        arguments: [ArgumentSpec(name: "claim", help: "The claim's id.")],
        options: [citation, HistoryOptions.author, isDryRun],
        examples: [
            "isnad retract abm-joined-isis --reason \"the quote is about another group\"",
            "isnad restore abm-joined-isis",
            "isnad retract hamas-cooperated-with-isis --citation 3 --reason \"misread the source\"",
            "isnad restore hamas-cooperated-with-isis --citation 3",
        ])

    static let citation = Option<Int>(
        "citation", value: "n", in: 1...100_000, help: "Restore only the claim's Nth citation (1 is the first).")
    static let isDryRun = HistoryOptions.dryRun("restored")

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let id = arguments.positionals[0]
        let number = try arguments.value(citation)
        let store = try context.openStore(arguments.isSet(isDryRun) ? .dryRun : .write)
        var stillRetracted: [Int] = []
        var claimStaysRetracted = false
        var restoredCitations: [Int] = []
        var isClaimRestored = false
        let (_, entry) = try store.changing(
            context.change(author: try arguments.value(HistoryOptions.author)), isDryRun: arguments.isSet(isDryRun)
        ) { session in
            var claim = try ClaimEditing.claim(id, in: session, store: store)
            let retracted = claim
            let twins = CitationRepeats.retractedTwins(in: claim.citations)
            if let number {
                let index = try ClaimEditing.citationIndex(number, of: claim)
                guard claim.citations[index].retraction != nil else {
                    throw LookupError(description: "citation \(number) of claim \"\(claim.id)\" is not retracted")
                }
                claim.citations[index].retraction = nil
                claimStaysRetracted = claim.retraction != nil
            } else {
                guard claim.retraction != nil || claim.citations.contains(where: { $0.retraction != nil }) else {
                    throw LookupError(description: "claim \"\(claim.id)\" is not retracted, nor any of its citations")
                }
                if claim.retraction != nil {
                    isClaimRestored = true
                    // Retracted, it was left beside a claim that states the same since (one
                    // added, or a merge that moved it): restored, one relationship would stand twice.
                    if let twin = try store.standingTwin(of: claim) {
                        throw LookupError(
                            description:
                                "claim \"\(claim.id)\" cannot be restored: claim \"\(twin)\" stands, stating the same with the same dates, and one relationship is one claim; give its citations to \"\(twin)\" (isnad edit \(twin)), or retract that one first"
                        )
                    }
                    // Retracting the claim left its citations' own retractions as they were: the
                    // analyst discredited those on their own, and the claim's return does not vouch for them.
                    claim.retraction = nil
                    stillRetracted = claim.citations.indices.filter {
                        claim.citations[$0].retraction != nil && !twins.contains($0)
                    }.map { $0 + 1 }
                } else {
                    restoredCitations = claim.citations.indices.filter { claim.citations[$0].retraction != nil }.map { $0 + 1 }
                    for index in claim.citations.indices { claim.citations[index].retraction = nil }
                }
            }
            // A retracted citation beside its standing twin (an early Isnad imported it again as a
            // new one): restored, the claim would hold one citation twice.
            if let repeated = CitationRepeats.first(in: claim.citations) {
                let (standing, restored) =
                    retracted.citations[repeated.earlier].retraction == nil
                    ? (repeated.earlier, repeated.index) : (repeated.index, repeated.earlier)
                let others = claim.citations.indices.filter {
                    $0 != restored && retracted.citations[$0].retraction != nil && claim.citations[$0].retraction == nil
                        && !twins.contains($0)
                }
                throw LookupError(
                    description:
                        "claim \"\(Text.printable(claim.id))\": citation \(restored + 1) stands already as citation \(standing + 1) (same source, via and quote): nothing to restore"
                        + (number == nil && !others.isEmpty ? " (--citation N restores one of the others)" : ""))
            }
            try session.put(.claim(claim))
            // Its ends' types may have changed since it was retracted (the type may be why it
            // was): back among the evidence, it must fit them. A citation restored leaves the
            // claim as it stood, or as retracted as it was.
            if isClaimRestored, let misfit = try store.firstClaimOutsideVocabulary(claims: [claim.id]) {
                throw LookupError(
                    description: "claim \"\(claim.id)\" cannot be restored: \(misfit)"
                        + (misfit.entity.map {
                            " (set the type of \"\($0)\" first, or leave the claim retracted)"
                        } ?? ""))
            }
        }
        // A claim that stood, its retracted citations restored, is said as what changed.
        let citations = number.map { [$0] } ?? restoredCitations
        let what =
            citations.isEmpty
            ? "claim \"\(id)\""
            : "\(citations.count == 1 ? "citation" : "citations") \(citations.map(String.init).joined(separator: ", ")) of claim \"\(id)\""
        var note = ""
        if !stillRetracted.isEmpty {
            let list = stillRetracted.map(String.init).joined(separator: ", ")
            note =
                "; \(stillRetracted.count == 1 ? "citation \(list), retracted on its own, stays" : "citations \(list), retracted on their own, stay") retracted (--citation N restores one)"
        }
        if claimStaysRetracted {
            note = "; the claim itself stays retracted (isnad restore \(Text.printable(id)) brings it back)"
        }
        if arguments.isSet(isDryRun) { return context.message(HistoryOptions.dryRunMessage("restored \(what)" + note)) }
        context.message("restored \(what)" + (entry.map { " (history entry \($0))" } ?? "") + note)
    }
}
