import IsnadKit

/// What retract and restore share: finding the claim, the citation and the reason.
enum ClaimEditing {
    static func claim(_ id: String, in session: ChangeSession, store: GraphStore) throws -> Claim {
        guard case .claim(let claim)? = try session.record(.claim, id: id) else {
            try RecordLookup.refuseRenamedAway(.claim, id, store: store)
            throw LookupError(
                description: "unknown claim \"\(Text.printable(id))\""
                    + Suggestion.phrase(try store.nearestID(to: id, of: .claim)))
        }
        return claim
    }

    static func citationIndex(_ number: Int, of claim: Claim) throws -> Int {
        guard number <= claim.citations.count else {
            // What the claim holds, as set's citations[N] says it: the data, not the command line.
            throw LookupError(
                description: "--citation: claim \"\(claim.id)\" has \(counted(claim.citations.count, "citation")), not \(number)")
        }
        return number - 1
    }

    static func reason(_ text: String?, command: String) throws -> String {
        // An empty one is refused by the parser, as for every option.
        guard let text else {
            throw UsageError(message: "--reason is required: say why, in a few words", command: command)
        }
        if let problem = Text.problem(with: text) { throw UsageError(message: "--reason: \(problem)", command: command) }
        return text
    }
}
