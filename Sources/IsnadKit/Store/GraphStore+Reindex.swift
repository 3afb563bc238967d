/// Mending the names' search keys where something other than this Isnad wrote them: another
/// program, or an older Isnad that kept writing to a store after a newer one upgraded it. `check`
/// finds such keys (search takes another name for the entity, or misses it); `isnad reindex`
/// writes them again from the names, which changes no record and no history.
extension GraphStore {
    /// Writes every name's search keys again as this Isnad makes them from the name, in one write
    /// transaction, and on SQLite builds the name search index again from every key (a damaged or
    /// planted index included). Records and history stay as they are: the keys are derived from
    /// the names. Returns how many names' keys changed, and how many names the store holds.
    public func reindexNames() throws -> (changed: Int, names: Int) {
        var changed = 0
        try inWriteTransaction {
            if let connection = database.postgreSQL {
                changed = try PostgreSQLStore.refreshSearchKeys(on: connection)
            } else {
                changed = try refreshSearchKeys(rebuildingIndex: true)
            }
            return .commit
        }
        let names = try database.prepare("SELECT count(*) FROM entity_name").scalarInteger() ?? 0
        return (changed, Int(names))
    }
}
