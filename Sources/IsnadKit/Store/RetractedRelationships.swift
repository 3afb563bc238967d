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
