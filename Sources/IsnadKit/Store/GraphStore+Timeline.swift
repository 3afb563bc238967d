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
}
