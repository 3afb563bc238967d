/// What exports read besides entities and claims.
extension GraphStore {
    /// The number of entities marked in `table` (one column, `id`), as made by
    /// ``withMarkedEntities(_:read:)`` or ``withNeighborhoodMarked(center:depth:adjacent:read:)``.
    func countEntities(in table: String) throws -> Int {
        Int(try database.prepare("SELECT count(*) FROM \(table)").scalarInteger() ?? 0)
    }
}
