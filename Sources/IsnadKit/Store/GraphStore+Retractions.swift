extension GraphStore {
    /// Every retracted claim, and every standing claim with a retracted citation, in claim id
    /// order, each with who retracted what and when (``Retraction``): what `claims
    /// --include-retracted` lists. `ids`, `subjects`, `objects`, `predicates`: only the claims with
    /// one of these (none: no such condition); `entities`: with one of these at either end; as
    /// ``claimRows(ids:subjects:objects:predicates:entities:citedBy:limit:)``
    /// selects standing ones. Read one by one; retractions are few, and are found through their
    /// own tables, so a store with none answers at once.
    public func forEachRetraction(
        ids: Set<String> = [], subjects: Set<String> = [], objects: Set<String> = [], predicates: Set<String> = [],
        entities: Set<String> = [], _ body: (Retraction) throws -> Void
    ) throws {
        let select = try database.prepare(
            "SELECT id FROM retracted_claim UNION SELECT claim FROM retracted_citation ORDER BY 1")
        try select.forEachRow { row in
            let id = row.string(0)
            guard ids.isEmpty || ids.contains(id) else { return }
            guard case .claim(let claim)? = try record(.claim, id: id) else { return }
            guard subjects.isEmpty || subjects.contains(claim.subject), objects.isEmpty || objects.contains(claim.object),
                predicates.isEmpty || predicates.contains(claim.predicate),
                entities.isEmpty || entities.contains(claim.subject) || entities.contains(claim.object)
            else { return }
            try body(try retraction(of: claim))
        }
    }

    /// The claim's retraction marks with the entries of this store's history that made them:
    /// the latest `retract` of the whole claim, and for each citation the latest `retract
    /// --citation N` of its number.
    public func retraction(of claim: Claim) throws -> Retraction {
        var retraction = Retraction(claim: claim)
        for mark in try changes(of: .claim, id: claim.id) where mark.commandName == "isnad retract" {
            let words = HistoryMark.shellWords(mark.command)
            // `--citation 3` or `--citation=3`, as the parser takes either.
            let number = words.indices.lazy.compactMap { index -> String? in
                if words[index] == "--citation" { return index + 1 < words.count ? words[index + 1] : "" }
                return words[index].hasPrefix("--citation=") ? String(words[index].dropFirst("--citation=".count)) : nil
            }.first
            if let number {
                if let number = Int(number), claim.citations.indices.contains(number - 1),
                    claim.citations[number - 1].retraction != nil
                {
                    retraction.citationEntries[number - 1] = mark
                }
            } else if claim.retraction != nil {
                retraction.claimEntry = mark
            }
        }
        return retraction
    }
}
