import IsnadKit

enum RetractCommand: Command {
    static let name = "retract"
    static let spec = CommandSpec(
        name: name,
        abstract: "Retract a claim, or one of its citations, saying why: it stays in the store, out of queries.",
        discussion: """
            A retracted claim or citation stays in the store and in its history, and is left out of every query and
            export (a retracted citation no longer counts as evidence); isnad show and isnad export jsonl show it with
            --include-retracted, marked. isnad restore puts it back; so does isnad undo. --citation N retracts the
            claim's Nth citation (1 is the first, as export jsonl lists them); a claim's last standing citation is
            not retracted alone: retract the claim. Restoring the claim later leaves the citations retracted on
            their own retracted. A reason typed on the command line is visible to other users in ps and stays in
            your shell history; give --reason - to read it from standard input (white space at either end dropped;
            the history records the -).
            """,
        arguments: [ArgumentSpec(name: "claim", help: "The claim's id.")],
        options: [citation, reason, HistoryOptions.author, isDryRun],
        examples: [
            "isnad retract abm-joined-isis --reason \"the quote is about another group\"",
            "isnad retract hamas-cooperated-with-isis --citation 3 --reason \"misread the source\"",
        ])

    static let citation = Option<Int>(
        "citation", value: "n", in: 1...100_000, help: "Retract only the claim's Nth citation (1 is the first).")
    static let reason = Option<String>(
        "reason", value: "text", help: "Why (required): kept with the retraction (- reads standard input)."
    ).readingStandardInput()
    static let isDryRun = HistoryOptions.dryRun("retracted")

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let arguments = try arguments.readingStandardInput(context)
        let id = arguments.positionals[0]
        let why = try ClaimEditing.reason(arguments.value(reason), command: spec.name)
        let number = try arguments.value(citation)
        let store = try context.openStore(arguments.isSet(isDryRun) ? .dryRun : .write)
        let (claim, entry) = try store.changing(
            context.change(author: try arguments.value(HistoryOptions.author)), isDryRun: arguments.isSet(isDryRun)
        ) { session in
            var claim = try ClaimEditing.claim(id, in: session, store: store)
            if let retraction = claim.retraction {
                throw LookupError(description: "claim \"\(claim.id)\" is retracted already (\(retraction))")
            }
            if let number {
                let index = try ClaimEditing.citationIndex(number, of: claim)
                if let retraction = claim.citations[index].retraction {
                    throw LookupError(
                        description: "citation \(number) of claim \"\(claim.id)\" is retracted already (\(retraction))")
                }
                if claim.citations.filter({ $0.retraction == nil }).count == 1 {
                    throw LookupError(
                        description:
                            "citation \(number) is the last standing citation of claim \"\(claim.id)\": retract the claim (without --citation)"
                    )
                }
                claim.citations[index].retraction = why
            } else {
                claim.retraction = why
            }
            try session.put(.claim(claim))
            return claim
        }
        let what = number.map { "citation \($0) of claim \"\(id)\"" } ?? "claim \"\(id)\""
        let relays = number.map { relayNotes(of: claim, retracted: $0 - 1, store: store) } ?? []
        if arguments.isSet(isDryRun) {
            context.message(HistoryOptions.dryRunMessage("retracted \(what)"))
            return relays.forEach(context.message)
        }
        context.message(
            "retracted \(what)" + (entry.map { " (history entry \($0); isnad restore or isnad undo puts it back)" } ?? ""))
        relays.forEach(context.message)
        context.message(HistoryOptions.retractedStillHeldNote(claim.id))
    }

    /// How many standing citations that relay the retracted one a retraction names, one a line.
    static let relaysNamed = 10

    /// A note for each citation of `claim` left standing whose claimant or via `cites`
    /// (transitively) the claimant or via of its citation at `index`, just retracted: a paper's
    /// A2, asserting in its own voice what it had from a leak shown forged, is not weighed
    /// against the leak any more, and stands stronger than what it relayed.
    static func relayNotes(of claim: Claim, retracted index: Int, store: GraphStore) -> [String] {
        let retracted = claim.citations[index]
        let roots = [retracted.source] + (retracted.via.map { $0 == retracted.source ? [] : [$0] } ?? [])
        let standing = claim.citations.indices.filter { claim.citations[$0].retraction == nil }
        let graph = TransmissionGraph(readingOnDemandFrom: store)
        let found = graph.relays(of: roots, among: standing.map { claim.citations[$0] })
        var notes = found.prefix(relaysNamed).map { relay in
            let citation = relay.citation
            let number = standing[relay.position] + 1
            let grade = "\(graph.reliability(of: citation.source).rawValue)\(citation.credibility.rawValue)"
            let who = citation.via.map { "\(citation.source) via \($0)" } ?? citation.source
            let side = relay.relay == citation.source ? "" : "its via "
            // Whether the retracted source's whole word on the claim is gone, or it still stands
            // in another citation (then the relay is still weighed beside it).
            let stillStands = standing.contains {
                claim.citations[$0].source == relay.retracted || claim.citations[$0].via == relay.retracted
            }
            return Text.printable(
                "isnad: note: citation \(number) (\(who), \(citation.stance.rawValue) \(grade)) stands, and \(side)\(relay.reach)"
                    + (stillStands
                        ? ", which still stands in another citation of this claim"
                        : ", whose every citation of this claim is retracted now: its \(grade) stands without it; if \(relay.relay) had the claim from \(relay.retracted), retract citation \(number) too (isnad retract \(claim.id) --citation \(number) --reason TEXT)")
            )
        }
        if found.count > relaysNamed {
            let root = found[relaysNamed].retracted
            notes.append(
                "isnad: note: and \(counted(found.count - relaysNamed, "more standing citation")) relaying what was retracted: "
                    + Text.printable("isnad source \(root)") + " shows what relays it")
        }
        // The retraction is made: a source that could not be read for a note leaves the note
        // out (the graph takes it for one the store does not hold), it does not fail the command.
        return graph.readFailure == nil ? notes : []
    }
}
