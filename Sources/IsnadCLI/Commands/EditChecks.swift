import IsnadKit

/// Checks a whole record written by `set` (or `edit`) beyond what the record format checks:
/// what it names exists, a claim's predicate fits its ends' types, a claim keeps its ends and
/// predicate (as an import keeps them), and an entity's merged ids are those `isnad merge` left.
enum EditChecks {
    static func claimKeepsItsEnds(field: String) -> LookupError {
        LookupError(
            description:
                "\(field): a claim keeps its subject, predicate and object (its citations speak of that relationship): retract it (isnad retract) and add the new one"
        )
    }

    static func check(_ record: Record, replacing stored: Record, store: GraphStore) throws {
        if let missing = try store.firstMissingReference(of: record) {
            throw LookupError(
                description: "\(record.kind.rawValue) \"\(record.id)\" would name \(missing), which is not in the store")
        }
        switch record {
        case .claim(let claim):
            // Its citations speak of the stored relationship, and an id made from the ends would
            // no longer be the one an import or `add claim` works out for them.
            // Retracted or not: a retracted claim restored later speaks of its relationship too.
            if case .claim(let stored) = stored, let changed = claim.changedEnd(from: stored) {
                throw claimKeepsItsEnds(field: changed.field)
            }
            // A retracted claim may keep ends whose types changed since: restore checks it.
            guard claim.retraction == nil else { break }
            let types = try store.entityTypes([claim.subject, claim.object])
            if let problem = store.vocabulary.problem(
                predicate: claim.predicate, subjectType: types[claim.subject], objectType: types[claim.object])
            {
                throw LookupError(description: "\(problem.field): \(problem.message)")
            }
        case .entity(let entity):
            // A merged id takes over every claim that names it: only merge and unmerge, which
            // move the claims with it, change them.
            if case .entity(let before) = stored, entity.merged != before.merged {
                throw LookupError(
                    description: "merged: the ids merged into an entity change only by isnad merge and isnad unmerge")
            }
            // Only a new type can break a claim: a hub's hundred thousand claims are not read
            // for its description.
            guard case .entity(let before) = stored, entity.type != before.type else { break }
            if let misfit = try store.firstClaimOutsideVocabulary(namingEntities: [entity.id], assuming: [entity.id: entity.type])
            {
                throw LookupError(
                    description:
                        "type: the new type breaks claim \"\(misfit.claim)\": \(misfit.message) (retract the claim first, if the type is why it is wrong)"
                )
            }
        case .source(let source):
            // An import refuses a cycle it would make; a source changed in place is checked here.
            guard case .source(let before) = stored, source.cites != before.cites,
                let cycle = try store.citesCycle(ifSource: source.id, cited: source.cites)
            else { break }
            throw LookupError(description: "cites: \(cycle)")
        }
    }
}
