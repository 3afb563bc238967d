/// One command's change to the store, as it is written: a single write transaction that also
/// writes the command's history entry (the `change` and `change_record` tables).
///
/// A session exists only inside ``GraphStore/changing(_:_:)`` (or an import): every record it
/// touches is noted before it is written, so that the entry keeps it as it was; when the body
/// is done, each noted record is read again for its state after. Records left as they were are
/// dropped from the entry, and an entry that is left empty is not kept.
public final class ChangeSession {
    let store: GraphStore
    /// The entry's number (`change.id`).
    public let number: Int
    private var database: Database { store.database }
    private var writer = RecordWriter()

    init(store: GraphStore, description: ChangeDescription) throws {
        self.store = store
        let author = try store.recordedAuthor(of: description)
        let values: [Statement.Value] = [
            .text(description.timestamp), .text(author), .text(description.command),
        ]
        if store.database.isPostgreSQL {
            // One more than the last, as SQLite numbers an INTEGER PRIMARY KEY (an identity would
            // skip the numbers of rolled-back and dropped entries): writers hold the store's lock.
            number = Int(
                try store.database.cached(
                    "INSERT INTO change (id, at, author, command) SELECT coalesce(max(id), 0) + 1, ?1, ?2, ?3 FROM change RETURNING id"
                ).scalarInteger(values) ?? 0)
        } else {
            try store.database.cached("INSERT INTO change (at, author, command) VALUES (?1, ?2, ?3)").run(values)
            number = Int(store.database.lastInsertedRowID)
        }
    }

    /// The record as it is now, or nil.
    public func record(_ kind: Record.Kind, id: String) throws -> Record? { try store.record(kind, id: id) }

    /// The id under which `claim`, whose id was derived from what it says, is stored or is to be
    /// added: its derived id, unless a stored claim holds that id and says something else (its
    /// dates changed since, by `set`), then the first of `-2`, `-3` … that is free or says the
    /// same. The citation of a claim dated 2022-03 never lands on the claim re-dated 2021-07
    /// that was derived from those dates, and adding it again finds the same claim.
    /// - Parameter taken: ids that are not the claim's even when their claim says the same (its
    ///   twins, given ids already by the same rename of an entity).
    public func claimID(forDerived claim: Claim, besides taken: Set<String> = []) throws -> String {
        var candidate = claim.id
        var suffix = 1
        while case .claim(let stored)? = try record(.claim, id: candidate),
            taken.contains(candidate) || !stored.statesTheSame(as: claim)
        {
            suffix += 1
            candidate = "\(claim.id)-\(suffix)"
        }
        return candidate
    }

    /// Gives `claim`, the claim a new citation was given for (by `add claim`, or a claims
    /// sheet's row), the id of the standing claim that states its relationship, either way round
    /// for a symmetric predicate (its ends then turned to that claim's way); when none does, the
    /// id a new claim of it is added under (``claimID(forDerived:)``, for a derived id; an id
    /// given stays). The citation is then added to the claim of that id, or updated there.
    /// - Parameters:
    ///   - matchingDates: whether only a claim with `claim`'s dates states it (a sheet's row,
    ///     whose empty dates mean undated), rather than one with any dates (`add claim` given
    ///     no dates takes the one claim of those ends).
    ///   - preferringItsID: whether, of several that state it, the one with `claim`'s id is it
    ///     (a sheet's row that names its claim).
    /// - Returns: which it is; when several claims state it, their ids, and `claim` is left as it was.
    public func join(_ claim: inout Claim, matchingDates: Bool, preferringItsID: Bool) throws -> ClaimJoined {
        var same = try store.claimsStatingEitherWay(subject: claim.subject, predicate: claim.predicate, object: claim.object)
        if matchingDates { same = same.filter { $0.start == claim.start && $0.end == claim.end } }
        if preferringItsID, same.count > 1, let named = same.first(where: { $0.id == claim.id }) { same = [named] }
        guard same.count <= 1 else { return .several(same.map(\.id)) }
        guard let match = same.first else {
            if claim.hasDerivedID { claim.id = try claimID(forDerived: claim) }
            return .new
        }
        if match.isReversed { swap(&claim.subject, &claim.object) }
        claim.id = match.id
        return .standing
    }

    /// What ``join(_:matchingDates:preferringItsID:)`` found.
    public enum ClaimJoined: Equatable, Sendable {
        /// A standing claim states the relationship: the citation joins it.
        case standing
        /// None does: the claim is new.
        case new
        /// These claims state it (in id order, those stated the other way round after): which one
        /// is meant is not guessed.
        case several([String])
    }

    /// Writes `record` whole, replacing the stored one of the same kind and id.
    ///
    /// A record whose line would become longer than an import reads by default is refused
    /// (``RecordTooLong``): its backup (`export jsonl`) would not import back as written. One
    /// that is that long already (an import with `--max-line-bytes` let it in) can still be
    /// changed, retracted above all; an undo puts back what the store held (`checkingLength: false`).
    public func put(_ record: Record, checkingLength: Bool = true) throws {
        if checkingLength {
            let length = lineLength(of: record)
            if length > LineReader.defaultMaximumLineLength,
                try store.record(record.kind, id: record.id).map(lineLength) ?? 0 <= LineReader.defaultMaximumLineLength
            {
                throw RecordTooLong(kind: record.kind, id: record.id, length: length)
            }
        }
        try note(record.kind, id: record.id)
        try store.put(record)
    }

    /// The length of the record's line in `export jsonl`, without its line feed (as an import
    /// counts a line's length).
    private func lineLength(of record: Record) -> Int { writer.encode(record).count - 1 }

    /// A record too long for an import to read back by default.
    public struct RecordTooLong: Error, CustomStringConvertible, Sendable {
        public let kind: Record.Kind
        public let id: String
        public let length: Int

        public var description: String {
            "\(kind.rawValue) \"\(Text.printable(id))\" would be a line of \(length) bytes, longer than the \(LineReader.defaultMaximumLineLength) an import reads by default: its backup (export jsonl) would not import back as written; nothing changed"
        }
    }

    /// Deletes the record.
    public func remove(_ kind: Record.Kind, id: String) throws {
        try note(kind, id: id)
        try store.remove(kind, id: id)
    }

    /// The records ``remove(_:)`` took away, by ``key(_:_:)``: ``finish(addedByID:keepingEmpty:)``
    /// need not read them again.
    private var removedRecords: Set<String> = []

    private func key(_ kind: Record.Kind, _ id: String) -> String { kind.rawValue + "\u{0}" + id }

    /// Deletes these records, each kept in the entry as it is now, many at once: one read of
    /// their states and one statement a table for each batch of ids. One by one, an undo of a
    /// large import took a dozen statements a record (12–28 s for 23,000 records on PostgreSQL).
    /// The change must not write these records again.
    public func remove(_ records: [(kind: Record.Kind, id: String)]) throws {
        // Once the change has noted a record, one of these may be among them: each is then
        // removed as one is (an undo removes first, before it notes anything).
        let hasNoted =
            try database.cached("SELECT EXISTS (SELECT 1 FROM change_record WHERE change = ?1)")
            .scalarInteger([.integer(Int64(number))]) == 1
        if hasNoted {
            for record in records { try remove(record.kind, id: record.id) }
            return
        }
        var start = 0
        while start < records.count {
            let batch = records[start..<min(start + GraphStore.batchSize, records.count)]
            start += GraphStore.batchSize
            var ids: [Record.Kind: [String]] = [:]
            for record in batch { ids[record.kind, default: []].append(record.id) }
            let held = try store.storedRecords(
                entities: ids[.entity] ?? [], sources: ids[.source] ?? [], claims: ids[.claim] ?? [],
                includingRetractedClaims: true)
            var rows: [[String?]] = []
            for record in batch {
                let recordKey = key(record.kind, record.id)
                // Not in the store: nothing to remove, nothing to keep.
                guard let stored = held.record(record.kind, id: record.id), removedRecords.insert(recordKey).inserted
                else { continue }
                rows.append([
                    String(number), record.kind.rawValue, record.id, RecordChange.Action.removed.rawValue, canonical(stored),
                ])
                storedRecordsChanged += 1
            }
            if let connection = database.postgreSQL {
                try connection.copy(into: "change_record", columns: ["change", "kind", "record", "action", "before"]) { copy in
                    for row in rows { try copy.append(row) }
                }
            } else {
                let insert = try database.cached(
                    "INSERT INTO change_record (change, kind, record, action, before) VALUES (?1, ?2, ?3, ?4, ?5)")
                for row in rows { try insert.run([.integer(Int64(number))] + row.dropFirst().map { .text($0 ?? "") }) }
            }
            // Claims first, then what they name.
            for kind in [Record.Kind.claim, .source, .entity] {
                let removed = (ids[kind] ?? []).filter { removedRecords.contains(key(kind, $0)) }
                if !removed.isEmpty { try store.remove(kind, ids: removed) }
            }
        }
    }

    /// How many records of `kind` this change has written so far: those it added, and those
    /// that were in the store before it (changed or not).
    public func touched(_ kind: Record.Kind) throws -> (added: Int, changed: Int) {
        var counts = (added: 0, changed: 0)
        try database.cached("SELECT action, count(*) FROM change_record WHERE change = ?1 AND kind = ?2 GROUP BY action")
            .forEachRow([.integer(Int64(number)), .text(kind.rawValue)]) { row in
                if row.string(0) == RecordChange.Action.added.rawValue {
                    counts.added += row.int(1)
                } else {
                    counts.changed += row.int(1)
                }
            }
        return counts
    }

    /// Keeps the record as it is now, the first time this change touches it.
    func note(_ kind: Record.Kind, id: String) throws {
        let noted = try database.cached("SELECT 1 FROM change_record WHERE change = ?1 AND kind = ?2 AND record = ?3")
            .scalarInteger([.integer(Int64(number)), .text(kind.rawValue), .text(id)])
        guard noted == nil else { return }
        let before = try store.record(kind, id: id).map(canonical)
        try database.cached("INSERT INTO change_record (change, kind, record, action, before) VALUES (?1, ?2, ?3, ?4, ?5)")
            .run([
                .integer(Int64(number)), .text(kind.rawValue), .text(id), .text(before == nil ? "added" : "changed"),
                before.map(Statement.Value.text) ?? .null,
            ])
    }

    /// Notes a record that an import adds: by id only, without reading anything.
    func noteAdded(_ kind: Record.Kind, id: String) throws {
        try database.cached(
            database.dialect(
                "INSERT OR IGNORE INTO change_record (change, kind, record, action) VALUES (?1, ?2, ?3, 'added')",
                postgreSQL:
                    "INSERT INTO change_record (change, kind, record, action) VALUES (?1, ?2, ?3, 'added') ON CONFLICT DO NOTHING"
            )
        ).run([.integer(Int64(number)), .text(kind.rawValue), .text(id)])
    }

    /// Whether the change has noted a record that was stored before it (not one it added).
    func hasNotedStoredRecords() throws -> Bool {
        try database.cached("SELECT EXISTS (SELECT 1 FROM change_record WHERE change = ?1 AND action <> 'added')")
            .scalarInteger([.integer(Int64(number))]) == 1
    }

    /// How many records that were stored before the change it changed or removed, once
    /// ``finish(addedByID:keepingEmpty:)`` has compared them.
    public private(set) var storedRecordsChanged = 0

    /// Once the body is done: the state after of every noted record (only of those that were
    /// not added, when `addedByID`, as an import keeps them), records left as they were dropped,
    /// and the entry itself dropped when it holds nothing (unless `keepingEmpty`: an undo is
    /// always kept). Returns whether the entry is kept.
    func finish(addedByID: Bool = false, keepingEmpty: Bool = false) throws -> Bool {
        // The records' keys first, each one's state before read as it comes: holding every
        // before at once took memory as large as the records an import touched.
        var noted: [(Record.Kind, String)] = []
        let select = try database.prepare(
            "SELECT kind, record FROM change_record WHERE change = ?1\(addedByID ? " AND action <> 'added'" : "")")
        try select.forEachRow([.integer(Int64(number))]) { row in
            noted.append((Record.Kind(rawValue: row.string(0)) ?? .entity, row.string(1)))
        }
        let readBefore = try database.cached(
            "SELECT before FROM change_record WHERE change = ?1 AND kind = ?2 AND record = ?3")
        let update = try database.cached(
            "UPDATE change_record SET after = ?4, action = ?5 WHERE change = ?1 AND kind = ?2 AND record = ?3")
        let drop = try database.cached("DELETE FROM change_record WHERE change = ?1 AND kind = ?2 AND record = ?3")
        for (kind, id) in noted where !removedRecords.contains(key(kind, id)) {
            let key: [Statement.Value] = [.integer(Int64(number)), .text(kind.rawValue), .text(id)]
            let before = try readBefore.firstRow(key) { $0.text(0) } ?? nil
            let after = try store.record(kind, id: id).map(canonical)
            // Byte for byte: Swift's `==` holds canonically equivalent text equal, and a name
            // rewritten from NFC to NFD would change the store with no entry to undo it.
            if RecordDiff.sameBytes(after, before) {
                try drop.run(key)
                continue
            }
            let action: RecordChange.Action = before == nil ? .added : after == nil ? .removed : .changed
            if action != .added { storedRecordsChanged += 1 }
            try update.run(key + [after.map(Statement.Value.text) ?? .null, .text(action.rawValue)])
        }
        let isEmpty =
            try database.cached("SELECT NOT EXISTS (SELECT 1 FROM change_record WHERE change = ?1)")
            .scalarInteger([.integer(Int64(number))]) == 1
        if isEmpty, !keepingEmpty { try database.cached("DELETE FROM change WHERE id = ?1").run([.integer(Int64(number))]) }
        return !isEmpty || keepingEmpty
    }

    /// The record as one canonical JSON line, without its line feed.
    func canonical(_ record: Record) -> String {
        var bytes = writer.encode(record)
        if bytes.last == 0x0A { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
