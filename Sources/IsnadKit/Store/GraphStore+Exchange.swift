/// What the exchange formats (STIX, FollowTheMoney) ask of the store beyond reading records.
extension GraphStore {
    /// The predicates whose subject is taken to be an armed group (see ``isArmedGroup(_:)``):
    /// only what armed groups do. Police and armies also attack, kill, carry out operations,
    /// and states supply weapons: typing them threat actors for it would say, in every tool
    /// that reads the STIX, what no source says.
    public static let armedGroupPredicates = ["claimed_responsibility_for", "smuggled_weapons_for", "military_wing_of"]

    /// Whether the organization `id` is, by the claims about it, an armed group: the subject of
    /// a claim that it claimed responsibility for an attack, smuggled weapons for another, or is
    /// the armed wing of another; or the object of `military_wing_of` (it has one) or of
    /// `smuggled_weapons_for` (weapons are smuggled for it). Such a claim counts only when its
    /// evidence, weighed (`graph`), is *asserted*: the type is what every STIX tool shows of the
    /// entity, unattributed, so one anonymous post, a doubtful sentence or a disputed claim does
    /// not make a threat actor. Not a branch of one: a political movement is the branch of a
    /// movement that has an armed wing. Index lookups; the candidate claims are read one by one.
    public func isArmedGroup(_ id: String, weighedBy graph: TransmissionGraph) throws -> Bool {
        let supported = "EXISTS (SELECT 1 FROM citation AS ci WHERE ci.claim = c.id AND ci.stance <> 'denies')"
        let doing = GraphStore.armedGroupPredicates.map { "'\($0)'" }.joined(separator: ", ")
        let select = try database.cached(
            """
            SELECT c.id FROM claim AS c WHERE c.subject = ?1 AND c.predicate IN (\(doing)) AND \(supported)
            UNION SELECT c.id FROM claim AS c WHERE c.object = ?1
                AND c.predicate IN ('military_wing_of', 'smuggled_weapons_for') AND \(supported)
            """)
        var candidates: [String] = []
        try select.forEachRow([.text(id)]) { candidates.append($0.string(0)) }
        for candidate in candidates {
            guard let claim = try claim(id: candidate) else { continue }
            if graph.weigh(claim).strength?.evidence.status == .asserted { return true }
        }
        return false
    }

    /// The ids of the claims that cite `source`, as claimant or as `via`, in id order, streamed.
    public func forEachClaimID(citing source: String, _ body: (String) throws -> Void) throws {
        let select = try database.cached(
            """
            SELECT claim FROM citation WHERE source = ?1
            UNION SELECT claim FROM citation WHERE via = ?1
            ORDER BY 1
            """)
        try select.forEachRow([.text(source)]) { try body($0.string(0)) }
    }
}
