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

    /// Whether this record names the record of `kind` under `id`: a claim its ends or the
    /// sources of its citations (retracted ones too, and their `via`), a source those it cites.
    public func refers(to kind: Kind, id: String) -> Bool {
        switch (self, kind) {
        case (.claim(let claim), .entity): claim.subject == id || claim.object == id
        case (.claim(let claim), .source): claim.citations.contains { $0.source == id || $0.via == id }
        case (.source(let source), .source): source.cites.contains(id)
        default: false
        }
    }

    /// The values of the `record` field.
    public enum Kind: String, CaseIterable, Sendable {
        case entity, source, claim
    }
}
