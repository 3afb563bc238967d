import IsnadKit

enum RestoreCommand: Command {
    static let name = "restore"
    static let spec = CommandSpec(
        name: name,
        abstract: "Put a retracted claim (and its retracted citations) back among the evidence.",
        discussion: """
            Undoes isnad retract: the claim, and every retracted citation of it, stand again, exactly as they were.
            --citation N restores only its Nth citation.
            """,
        arguments: [ArgumentSpec(name: "claim", help: "The claim's id.")],
        options: [citation, HistoryOptions.author],
        examples: ["isnad restore abm-joined-isis", "isnad restore hamas-cooperated-with-isis --citation 2"])

    static let citation = Option<Int>(
        "citation", value: "n", in: 1...100_000, help: "Restore only the claim's Nth citation (1 is the first).")

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let id = arguments.positionals[0]
        let number = try arguments.value(citation)
        let store = try context.openStore(.write)
        let (_, entry) = try store.changing(context.change(author: try arguments.value(HistoryOptions.author))) { session in
            var claim = try ClaimEditing.claim(id, in: session, store: store)
            if let number {
                let index = try ClaimEditing.citationIndex(number, of: claim)
                guard claim.citations[index].retraction != nil else {
                    throw LookupError(description: "citation \(number) of claim \"\(claim.id)\" is not retracted")
                }
                claim.citations[index].retraction = nil
            } else {
                guard claim.retraction != nil || claim.citations.contains(where: { $0.retraction != nil }) else {
                    throw LookupError(description: "claim \"\(claim.id)\" is not retracted, nor any of its citations")
                }
                claim.retraction = nil
                for index in claim.citations.indices { claim.citations[index].retraction = nil }
            }
            try session.put(.claim(claim))
        }
        let what = number.map { "citation \($0) of claim \"\(id)\"" } ?? "claim \"\(id)\""
        context.message("restored \(what)" + (entry.map { " (history entry \($0))" } ?? ""))
    }
}
