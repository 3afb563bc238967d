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
        let (retracted, entry) = try store.changing(
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
            return claim.id
        }
        let what = number.map { "citation \($0) of claim \"\(id)\"" } ?? "claim \"\(id)\""
        if arguments.isSet(isDryRun) { return context.message(HistoryOptions.dryRunMessage("retracted \(what)")) }
        context.message(
            "retracted \(what)" + (entry.map { " (history entry \($0); isnad restore or isnad undo puts it back)" } ?? ""))
        context.message(HistoryOptions.retractedStillHeldNote(retracted))
    }
}
