/// Who wrote a citation as it stands: `add claim`, which updates a citation of the same source
/// and quote in place, says whose assessment it changed.
extension GraphStore {
    /// The latest entry of this store's own history, neither undone nor an undo, that wrote the
    /// citation of claim `claimID` keyed `key` (``Citation/key``): added it, or changed what it
    /// says; the import that added the claim when no later entry touched it. Nil when the
    /// history holds none (a copy made without it, records from another store's history).
    public func entryThatWrote(citation key: Int64, of claimID: String) throws -> HistoryMark? {
        let decoder = RecordDecoder()
        func citation(in line: String?) -> Citation? {
            guard let line, case .claim(let claim)? = try? decoder.decode(keptLine: line, kind: .claim, id: claimID) else {
                return nil
            }
            return claim.citations.first { $0.key == key }
        }
        for entry in try history(of: claimID, recordLimit: 1)
        where !entry.isTravelled && entry.undoneBy == nil && entry.undoes == nil {
            guard let record = entry.records.first, record.kind == .claim, record.id == claimID else { continue }
            let mark = HistoryMark(
                number: entry.number, timestamp: entry.timestamp, author: entry.author, command: entry.command)
            // An import lists the claims it added by id only: the citation came with it.
            if record.action == .added, record.after == nil { return mark }
            guard record.action != .removed, let after = citation(in: record.after) else { continue }
            if citation(in: record.before) != after { return mark }
        }
        return nil
    }
}
