/// The relationships the store's retracted claims state, read once: a claim written again that
/// a retracted claim states is refused (restore it first), whatever the retracted claim's id.
/// Without it, a sheet or `add claim` stating it again would bring the retracted evidence back
/// under a new id.
public struct RetractedRelationships {
    private let keys: RelationshipKey
    private let ids: [Int64: String]

    public init(store: GraphStore) throws {
        let keys = RelationshipKey(vocabulary: store.vocabulary)
        var ids: [Int64: String] = [:]
        try store.forEachRetractedClaim { ids[keys.key($0.claim)] = $0.claim.id }
        self.keys = keys
        self.ids = ids
    }

    /// The retracted claim that states what `claim` states, with its dates.
    public func retractedClaim(stating claim: Claim) -> String? { ids[keys.key(claim)] }
}

/// What a claim states (its ends, predicate and dates; either way round for a symmetric
/// predicate) as one value, and a citation of it.
public struct RelationshipKey: Sendable {
    let vocabulary: Vocabulary

    public init(vocabulary: Vocabulary) { self.vocabulary = vocabulary }

    public func key(_ claim: Claim) -> Int64 { Int64(bitPattern: FNV1a.hash(parts(claim))) }

    public func key(_ claim: Claim, _ citation: Citation) -> Int64 {
        Int64(bitPattern: FNV1a.hash(parts(claim) + [citation.source, citation.via ?? "", citation.quote]))
    }

    private func parts(_ claim: Claim) -> [String] {
        let isSymmetric = vocabulary[claim.predicate]?.isSymmetric ?? false
        let ends = isSymmetric ? [claim.subject, claim.object].sorted() : [claim.subject, claim.object]
        return ends + [claim.predicate, claim.start?.description ?? "", claim.end?.description ?? ""]
    }
}
