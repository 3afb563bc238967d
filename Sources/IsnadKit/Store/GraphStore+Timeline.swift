extension GraphStore {
    /// Every claim in time order (dated ones through the `claim_by_date` index, then the
    /// undated ones), streamed.
    public func forEachClaimInTimeOrder(_ body: (GradedClaim) throws -> Void) throws {
        for sql in [
            "\(GraphStore.claimSelect) WHERE coalesce(c.start_date, c.end_date) IS NOT NULL ORDER BY coalesce(c.start_date, c.end_date), c.id, ci.position",
            "\(GraphStore.claimSelect) WHERE c.start_date IS NULL AND c.end_date IS NULL ORDER BY c.id, ci.position",
        ] {
            try groupClaims(try database.prepare(sql), []) { try body($0) }
        }
    }

    /// One entity's claims (as subject or object) in time order, as ``forEachClaimInTimeOrder(_:)``
    /// orders every claim, streamed: the engine sorts them (spilling to disk when they are many),
    /// so memory does not grow with the entity's claims.
    public func forEachClaimInTimeOrder(of entityID: String, _ body: (GradedClaim) throws -> Void) throws {
        for order in [
            "coalesce(c.start_date, c.end_date) IS NOT NULL ORDER BY coalesce(c.start_date, c.end_date), c.id, ci.position",
            "c.start_date IS NULL AND c.end_date IS NULL ORDER BY c.id, ci.position",
        ] {
            let sql = "\(GraphStore.claimSelect) WHERE (c.subject = ?1 OR c.object = ?1) AND \(order)"
            try groupClaims(try database.cached(sql), [.text(entityID)]) { try body($0) }
        }
    }
}
