/// One line of the record format: an entity, a source or a claim.
public enum Record: Hashable, Sendable {
    case entity(Entity)
    case source(Source)
    case claim(Claim)

    /// The record kind, as written in the `record` field.
    public var kind: Kind {
        switch self {
        case .entity: .entity
        case .source: .source
        case .claim: .claim
        }
    }

    public var id: String {
        switch self {
        case .entity(let entity): entity.id
        case .source(let source): source.id
        case .claim(let claim): claim.id
        }
    }

    /// The values of the `record` field.
    public enum Kind: String, CaseIterable, Sendable {
        case entity, source, claim
    }
}
