/// Reading what sources support: the claims they make, and the claims quoted in them.
extension GraphStore {
    /// How a source stands in a claim's citations.
    public enum SourceRole: String, Sendable {
        /// The source makes the claim.
        case claimant
        /// The claim is quoted in this source, which relays another's claim.
        case via

        /// Whether `source` stands in this role in the citation.
        public func isHeld(by source: String, in citation: Citation) -> Bool {
            switch self {
            case .claimant: citation.source == source
            case .via: citation.via == source
            }
        }
    }

    /// How many claims `source` supports as claimant and relays as `via`: counted through the
    /// citation indexes, no claim read.
    public func countClaims(citing source: String) throws -> [SourceRole: Int] {
        var counts: [SourceRole: Int] = [:]
        for (role, column) in [(SourceRole.claimant, "source"), (.via, "via")] {
            counts[role] =
                try database.cached("SELECT count(DISTINCT claim) FROM citation WHERE \(column) = ?1")
                .scalarInteger([.text(source)]).map(Int.init) ?? 0
        }
        return counts
    }

    /// The ids of the claims that cite `source` in either role, each once.
    func claimIDs(citingEitherWay source: String) throws -> [String] {
        var ids: [String] = []
        try database.cached(
            "SELECT claim FROM citation WHERE source = ?1 UNION SELECT claim FROM citation WHERE via = ?1 ORDER BY 1"
        ).forEachRow([.text(source)]) { ids.append($0.string(0)) }
        return ids
    }

    /// How many claims cite `source` in either role, each once (a claim can cite it as claimant
    /// in one citation and as `via` in another): counted through the citation indexes.
    public func countClaims(citingEitherWay source: String) throws -> Int {
        Int(
            try database.cached(
                "SELECT count(*) FROM (SELECT claim FROM citation WHERE source = ?1 UNION SELECT claim FROM citation WHERE via = ?1) AS cited"
            ).scalarInteger([.text(source)]) ?? 0)
    }

    /// The claims that `source` supports as claimant (`role` `.claimant`), relays as `via`
    /// (`.via`) or either (nil), each once, in id order, streamed.
    public func forEachClaim(citing source: String, as role: SourceRole?, _ body: (GradedClaim) throws -> Void) throws {
        let condition =
            switch role {
            case .claimant: "source = ?1"
            case .via: "via = ?1"
            case nil: "source = ?1 OR via = ?1"
            }
        let select = try database.cached(
            "\(GraphStore.claimSelect) WHERE c.id IN (SELECT claim FROM citation WHERE \(condition)) ORDER BY c.id, ci.position")
        try groupClaims(select, [.text(source)]) { try body($0) }
    }
}
