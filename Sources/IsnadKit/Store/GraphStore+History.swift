/// The store's history: every change as one entry (README, "History and undo"), read by
/// `isnad log` and taken back by `isnad undo`. The tables are described in
/// `Schemas/migrations/0004-history.sql`.
extension GraphStore {
    /// Runs `body` in one write transaction that also writes its history entry (see
    /// ``ChangeSession``). An error rolls everything back, and so does `isDryRun` once the body
    /// and its entry are written: a dry run does all the real run does, and keeps none of it.
    /// Returns what `body` returned, and the entry's number, or nil when nothing changed (no
    /// entry is kept then); for a dry run, the number the entry would have had, which nothing holds.
    public func changing<T>(
        _ description: ChangeDescription, isDryRun: Bool = false, _ body: (ChangeSession) throws -> T
    ) throws -> (result: T, entry: Int?) {
        var result: T?
        var entry: Int?
        try inWriteTransaction {
            let session = try ChangeSession(store: self, description: description)
            result = try body(session)
            entry = try session.finish() ? session.number : nil
            return isDryRun ? .rollback : .commit
        }
        guard let result else { preconditionFailure("the transaction ran its body or threw") }
        if !isDryRun, let entry { committedEntries.append(entry) }
        return (result, entry)
    }

    /// The history, newest first: every entry, or those that touched the record `id` (of any
    /// kind), made at or after `since` and at or before `until` (partial dates: `until` takes in
    /// its whole period; UTC) and by `author`. Each entry lists at most `recordLimit` records (with its ``HistoryEntry/recordCount``);
    /// with `id`, only that record unless `withOtherRecords`. An entity or source `id` that a
    /// rename gave brings the entries of the ids it went by before, each while it held it
    /// (``heldIDs(of:kind:)``), as `git log --follow` does.
    public func history(
        of id: String? = nil, since: String? = nil, until: String? = nil, author: String? = nil, recordLimit: Int = 20,
        withOtherRecords: Bool = false
    ) throws -> [HistoryEntry] {
        try history(
            of: id, since: since, until: until, author: author, recordLimit: recordLimit, withOtherRecords: withOtherRecords,
            limit: nil
        ).entries
    }

    /// ``history(of:since:until:author:recordLimit:withOtherRecords:)``, the newest `limit`
    /// entries of it (all when nil), and how many entries match: the records of the entries left
    /// out are not read. `after` keeps the entries numbered past it (what changed since the
    /// state a piece or a copy was made from: all of a day's entries share its date), `entry`
    /// the one entry of that number.
    public func history(
        of id: String? = nil, since: String? = nil, until: String? = nil, author: String? = nil, after: Int? = nil,
        entry: Int? = nil, recordLimit: Int = 20, withOtherRecords: Bool = false, limit: Int?
    ) throws -> (entries: [HistoryEntry], matching: Int) {
        var conditions: [String] = []
        var values: [Statement.Value] = []
        if let after {
            values.append(.integer(Int64(after)))
            conditions.append("c.id > ?\(values.count)")
        }
        if let entry {
            values.append(.integer(Int64(entry)))
            conditions.append("c.id = ?\(values.count)")
        }
        // The record's ids, of each kind, and the entries while it held each, as a table (VALUES)
        // joined to the history's rows by their key: each id is looked up, no entry's rows are
        // scanned (an import's are a million), and a chain of hundreds of renames stays one
        // table, not an expression deeper than the parsers take.
        let heldIDs = try id.map(allHeldIDs(of:))
        if let heldIDs {
            var rows: [String] = []
            for (kind, heldID) in heldIDs {
                values.append(.text(heldID.id))
                rows.append("('\(kind.rawValue)', ?\(values.count), \(heldID.from), \(Int64(heldID.until)))")
            }
            let held = "(VALUES \(rows.joined(separator: ", "))) AS held"
            conditions.append(
                """
                EXISTS (SELECT 1 FROM \(held) JOIN change_record AS r ON r.change = c.id AND r.kind = held.column1 AND r.record = held.column2
                        WHERE c.id BETWEEN held.column3 AND held.column4)
                """)
        }
        if let since {
            values.append(.text(since))
            conditions.append("c.at >= ?\(values.count)")
        }
        if let until {
            values.append(.text(until))
            // The time cut to the date's length: 2026-11 takes in every entry of November.
            conditions.append("substr(c.at, 1, \(until.utf8.count)) <= ?\(values.count)")
        }

        let condition = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        // The author is compared in Swift (below): without one, the entries past the limit are
        // counted, not read (a store of years holds tens of thousands).
        let sqlLimit = author == nil ? limit : nil
        var entries: [HistoryEntry] = []
        try database.prepare(
            "SELECT c.id, c.at, c.author, c.command, c.undoes, c.undone_by, c.travelled FROM change AS c \(condition) ORDER BY c.id DESC"
                + (sqlLimit.map { " LIMIT \($0)" } ?? "")
        ).forEachRow(values) { row in
            // The author compared here, without case in every script: SQLite's NOCASE folds ASCII
            // letters only, and PostgreSQL's lower() as the collation of each side says.
            if let author, !HistoryEntry.isRecorded(row.string(2), by: author) { return }
            entries.append(
                HistoryEntry(
                    number: row.int(0), timestamp: row.string(1), author: row.string(2), command: row.string(3),
                    undoes: row.isNull(4) ? nil : row.int(4), undoneBy: row.isNull(5) ? nil : row.int(5), records: [],
                    recordCount: 0, isTravelled: row.int(6) == HistoryEntry.Origin.travelled.rawValue,
                    isImportOfHistory: row.int(6) == HistoryEntry.Origin.importOfHistory.rawValue))
        }
        let matching =
            sqlLimit == nil || entries.count < sqlLimit ?? 0
            ? entries.count
            : Int(try database.prepare("SELECT count(*) FROM change AS c \(condition)").scalarInteger(values) ?? 0)
        if let limit, entries.count > limit { entries.removeSubrange(limit...) }
        let count = try database.cached("SELECT count(*) FROM change_record WHERE change = ?1")
        // Each entry's time against the one made here just before it: compared as text, as the
        // history writes every time in one form (YYYY-MM-DDTHH:MM:SSZ).
        let previous = try database.cached(
            "SELECT id, at FROM change WHERE id < ?1 AND travelled <> \(HistoryEntry.Origin.travelled.rawValue) ORDER BY id DESC LIMIT 1"
        )
        for index in entries.indices where !entries[index].isTravelled {
            try previous.forEachRow([.integer(Int64(entries[index].number))]) { row in
                if row.string(1) > entries[index].timestamp { entries[index].datedBeforeEntry = row.int(0) }
            }
        }
        for index in entries.indices {
            entries[index].recordCount = Int(try count.scalarInteger([.integer(Int64(entries[index].number))]) ?? 0)
            guard recordLimit > 0 else { continue }
            // An entry listed in part (an import of many records) lists what it changed or removed
            // first, and counts each: one record regraded among sixty added is not left to --all.
            let isCut = heldIDs == nil && entries[index].recordCount > recordLimit
            if isCut {
                entries[index].actionCounts = try actionCounts(
                    inEntry: entries[index].number, records: entries[index].recordCount)
            }
            var records: [RecordChange] = []
            try forEachRecord(
                of: entries[index].number, held: heldIDs, withOtherRecords: withOtherRecords, changedFirst: isCut
            ) { record in
                records.append(record)
                return records.count < recordLimit
            }
            entries[index].records = records
        }
        return (entries, matching)
    }

    /// The entries numbered after entry `number` and dated before `date` (`YYYY`, `YYYY-MM` or
    /// `YYYY-MM-DD`): the ones `log --since date` leaves out though they were made after an
    /// entry it shows (their time runs back: ``HistoryEntry/datedBeforeEntry``): the first 10 in
    /// order, and how many there are.
    public func entries(after number: Int, datedBefore date: String) throws -> (first: [Int], count: Int) {
        var numbers: [Int] = []
        var count = 0
        try database.prepare("SELECT id FROM change WHERE id > ?1 AND at < ?2 ORDER BY id").forEachRow([
            .integer(Int64(number)), .text(date),
        ]) { row in
            count += 1
            if numbers.count < 10 { numbers.append(row.int(0)) }
        }
        return (numbers, count)
    }

    /// How many records the history entry `number`, of `records` records, added, changed and
    /// removed. Those it changed or removed are counted through the index that holds only those
    /// (few, store-wide), the added ones are the rest: an import's million added records read one
    /// by one took 0.3 s of a `log` that took 0.05 s.
    public func actionCounts(inEntry number: Int, records: Int) throws -> [RecordChange.Action: Int] {
        var counts: [RecordChange.Action: Int] = [:]
        try database.cached(
            "SELECT action, count(*) FROM change_record\(Self.changedRecordsIndex(database)) WHERE change = ?1 AND action <> 'added' GROUP BY action"
        ).forEachRow([.integer(Int64(number))]) { row in
            if let action = RecordChange.Action(rawValue: row.string(0)) { counts[action] = row.int(1) }
        }
        let added = records - counts.values.reduce(0, +)
        if added > 0 { counts[.added] = added }
        return counts
    }

    /// The index of the history's records that an entry changed or removed (schema version 7),
    /// named so that SQLite reads them there rather than every record of a large entry, where
    /// it may name it (``Database/indexed(by:)``).
    static func changedRecordsIndex(_ database: Database) -> String {
        database.indexed(by: "change_record_changes_by_record")
    }

    /// The number of the latest entry of the history, nil when it has none.
    public func latestEntryNumber() throws -> Int? {
        try database.prepare("SELECT max(id) FROM change").scalarInteger().map { Int($0) }
    }

    /// Calls `body` with each record the history entry `number` touched, one at a time, until
    /// it returns false: in kind then id order, or, with `id`, the changes of that record (under
    /// each id it held while it held it: ``heldIDs(of:kind:)``) first, then the others unless
    /// not `withOtherRecords`. An import's entry lists a million records: none is held here,
    /// and each kind's are read in the order of the history's key, with no sort. With
    /// `changedFirst`, the records it changed or removed come before those it added (`log`).
    public func forEachRecord(
        of number: Int, about id: String? = nil, withOtherRecords: Bool = true, changedFirst: Bool = false,
        _ body: (RecordChange) throws -> Bool
    ) throws {
        try forEachRecord(
            of: number, held: id.map(allHeldIDs(of:)), withOtherRecords: withOtherRecords, changedFirst: changedFirst, body)
    }

    /// Every id of every kind that a record under `id` went by (``heldIDs(of:kind:)``).
    private func allHeldIDs(of id: String) throws -> [(kind: Record.Kind, id: HeldID)] {
        try Record.Kind.allCases.flatMap { kind in try heldIDs(of: id, kind: kind).map { (kind, $0) } }
    }

    /// The first `limit` records of entry `number` that were stored before it and that it
    /// changed or removed (not those it added), entities, then sources, then claims, each kind by id.
    public func storedRecordChanges(inEntry number: Int, limit: Int) throws -> [RecordChange] {
        let select = try database.cached(
            "SELECT kind, record, action, before, after FROM change_record WHERE change = ?1 AND kind = ?2 AND action <> 'added' ORDER BY record LIMIT ?3"
        )
        var changes: [RecordChange] = []
        for kind in Record.Kind.allCases where changes.count < limit {
            try select.forEachRow([.integer(Int64(number)), .text(kind.rawValue), .integer(Int64(limit - changes.count))]) {
                changes.append(RecordChange(row: $0))
            }
        }
        return changes
    }

    /// Each record of `kind` that the history entry `number` touched by `action`, in id order:
    /// the sources an import added or changed, without reading its other records.
    public func forEachRecord(
        of number: Int, kind: Record.Kind, action: RecordChange.Action, _ body: (RecordChange) throws -> Void
    ) throws {
        try database.cached(
            "SELECT kind, record, action, before, after FROM change_record WHERE change = ?1 AND kind = ?2 AND action = ?3 ORDER BY record"
        ).forEachRow([.integer(Int64(number)), .text(kind.rawValue), .text(action.rawValue)]) { try body(RecordChange(row: $0)) }
    }

    /// ``forEachRecord(of:about:withOtherRecords:_:)`` of a record whose ids are `held`.
    private func forEachRecord(
        of number: Int, held: [(kind: Record.Kind, id: HeldID)]?, withOtherRecords: Bool, changedFirst: Bool = false,
        _ body: (RecordChange) throws -> Bool
    ) throws {
        let entry: Statement.Value = .integer(Int64(number))
        var ownKeys: Set<String> = []
        if let held {
            var own: [RecordChange] = []
            let select = try database.cached(
                "SELECT kind, record, action, before, after FROM change_record WHERE change = ?1 AND kind = ?2 AND record = ?3")
            for (kind, heldID) in held where (heldID.from...heldID.until).contains(number) {
                try select.forEachRow([entry, .text(kind.rawValue), .text(heldID.id)]) { own.append(RecordChange(row: $0)) }
            }
            let kinds = Record.Kind.allCases
            own.sort { (kinds.firstIndex(of: $0.kind) ?? 0, $0.id) < (kinds.firstIndex(of: $1.kind) ?? 0, $1.id) }
            for record in own {
                guard try body(record) else { return }
            }
            guard withOtherRecords else { return }
            ownKeys = Set(own.map { "\($0.kind.rawValue)\u{0}\($0.id)" })
        }
        // Changed first: through the index of changed records, then the added ones in key order.
        let passes =
            changedFirst
            ? [(Self.changedRecordsIndex(database), " AND action <> 'added'"), ("", " AND action = 'added'")] : [("", "")]
        // Stopped by throwing, which resets the statement: a read left open pins the snapshot.
        struct Enough: Error {}
        do {
            for (index, action) in passes {
                let select = try database.cached(
                    "SELECT kind, record, action, before, after FROM change_record\(index) WHERE change = ?1 AND kind = ?2\(action) ORDER BY record"
                )
                // Record.Kind lists its cases in the history's order: entities, sources, claims.
                for kind in Record.Kind.allCases {
                    try select.forEachRow([entry, .text(kind.rawValue)]) { row in
                        let record = RecordChange(row: row)
                        if !ownKeys.isEmpty, ownKeys.contains("\(record.kind.rawValue)\u{0}\(record.id)") { return }
                        guard try body(record) else { throw Enough() }
                    }
                }
            }
        } catch is Enough {}
    }

    /// The entries that changed the record after it was added — an edit, a `set`, a retraction,
    /// a merge, an import that replaced it, an undo of one of those — and that are not undone
    /// (the undo that took one back is listed in its stead: the record came back through it,
    /// a teammate's citation taken out by another's undo too), nor another store's (its history
    /// imported: they describe changes made there), oldest first; empty when it stands as it was added.
    /// `isnad show` marks such a record. An entity or source a rename gave its id brings the
    /// changes under the ids it had before, and the renames themselves.
    public func changes(of kind: Record.Kind, id: String) throws -> [HistoryMark] {
        var marks: [HistoryMark] = []
        // `action <> 'added'` lets SQLite use change_record_changes_by_record (a partial index).
        // Under each id the record held, the changes while it held it, and the rename that took
        // it away (which removed the record under it).
        let select = try database.cached(
            """
            SELECT c.id, c.at, c.author, c.command, c.undoes FROM change_record AS r JOIN change AS c ON c.id = r.change
            WHERE r.record = ?1 AND r.kind = ?2 AND r.action <> 'added'
              AND (r.action = 'changed' AND r.change >= ?3 AND r.change <= ?4 OR r.action = 'removed' AND r.change = ?4)
              AND c.undone_by IS NULL AND c.travelled = 0
            ORDER BY r.change
            """)
        let held = try heldIDs(of: id, kind: kind)
        for heldID in held {
            let values: [Statement.Value] = [
                .text(heldID.id), .text(kind.rawValue), .integer(Int64(heldID.from)), .integer(Int64(heldID.until)),
            ]
            try select.forEachRow(values) { row in
                marks.append(
                    HistoryMark(
                        number: row.int(0), timestamp: row.string(1), author: row.string(2), command: row.string(3),
                        undoes: row.isNull(4) ? nil : row.int(4)))
            }
        }
        return held.count == 1 ? marks : marks.sorted { $0.number < $1.number }
    }

    /// The latest entry of this store's history that touched the record of `kind` under `id`,
    /// whatever it did (an undo too), or nil: what an edit that found the record changed names.
    public func lastChange(of kind: Record.Kind, id: String) throws -> HistoryMark? {
        try database.cached(
            """
            SELECT c.id, c.at, c.author, c.command FROM change_record AS r JOIN change AS c ON c.id = r.change
            WHERE r.record = ?1 AND r.kind = ?2 AND c.travelled = 0
            ORDER BY r.change DESC LIMIT 1
            """
        ).firstRow([.text(id), .text(kind.rawValue)]) {
            HistoryMark(number: $0.int(0), timestamp: $0.string(1), author: $0.string(2), command: $0.string(3))
        }
    }

    /// The latest history entry that removed the record of `kind` under `id` — a delete, a
    /// merge into another entity, a rename, an undo of the entry that added it — with the
    /// command it recorded; nil when no entry of this store's own did (another program removed
    /// it, or another store's history, imported, describes a removal there).
    public func lastRemoval(of kind: Record.Kind, id: String) throws -> (entry: Int, command: String)? {
        // `action <> 'added'` lets SQLite use change_record_changes_by_record (a partial index).
        try database.cached(
            """
            SELECT c.id, c.command FROM change_record AS r JOIN change AS c ON c.id = r.change
            WHERE r.record = ?1 AND r.kind = ?2 AND r.action <> 'added' AND r.action = 'removed' AND c.travelled = 0
            ORDER BY r.change DESC LIMIT 1
            """
        ).firstRow([.text(id), .text(kind.rawValue)]) { ($0.int(0), $0.string(1)) }
    }

    /// What ``undo(_:as:)`` did.
    public struct Undone: Sendable, Equatable {
        /// The entry taken back.
        public var entry: Int
        /// The command it had recorded.
        public var command: String
        /// The new entry that records the undo.
        public var undoEntry: Int
        /// How many records it put back.
        public var recordCount: Int
        /// How many of them the entry had added: put back as before it, they are removed.
        public var addedCount = 0
        /// The id of the record it removed, when it removed one alone (the history still holds it).
        public var removedID: String?
        /// The author of the entry taken back, when it is not the one who took it back.
        public var otherAuthor: String?
    }

    /// Takes back the history entry `number` (the latest entry not yet undone, when nil): every
    /// record it touched is put back as it was before, in one transaction recorded as an entry
    /// of its own. Refused, changing nothing, when a later entry (not undone, and made in this
    /// store: one from another store's history changed nothing here) touched one of the same
    /// records, or when the entry itself came from another store's history, or when putting
    /// them back would break a reference (a claim added since names an entity it added).
    ///
    /// - Parameter recordLimit: an entry that touched more records than this is refused
    ///   (``HistoryError/large(entry:command:records:)``) before anything is read: taking back a
    ///   whole import is meant, or mistyped.
    ///
    /// With `isDryRun`, everything is done and checked, and rolled back: the ``Undone`` says what
    /// the undo would have done (its `undoEntry` the number nothing holds).
    public func undo(
        _ number: Int? = nil, as description: ChangeDescription, refusingMoreThan recordLimit: Int? = nil,
        isDryRun: Bool = false
    ) throws -> Undone {
        var undone: Undone?
        // The latest change as the user typed a plain undo: the store's lock may keep the undo
        // waiting while another change lands, which it must not take back in its stead.
        let latestWhenAsked = try number == nil ? latestUndoableEntry() ?? 0 : nil
        try inWriteTransaction {
            let target = try undoTarget(number, by: description)
            if let latestWhenAsked, target.number != latestWhenAsked {
                throw HistoryError.landedMeanwhile(
                    latest: latestWhenAsked, now: target.number, command: Text.printable(target.command))
            }
            if let recordLimit {
                let records = Int(
                    try database.prepare("SELECT count(*) FROM change_record WHERE change = ?1").scalarInteger([
                        .integer(Int64(target.number))
                    ]) ?? 0)
                if records > recordLimit {
                    throw HistoryError.large(entry: target.number, command: target.command, records: records)
                }
            }
            if let blocker = try database.prepare(Self.laterEntryTouchingTheSameRecords).firstRow(
                [.integer(Int64(target.number))],
                { row in (row.int(0), "\(row.string(1)) \"\(Text.printable(row.string(2)))\"", Text.printable(row.string(3))) })
            {
                throw HistoryError.blocked(
                    entry: target.number, reason: "entry \(blocker.0) (\(blocker.2)) changed \(blocker.1) since")
            }
            var touched: [(kind: Record.Kind, id: String, before: String?)] = []
            try database.prepare("SELECT kind, record, before FROM change_record WHERE change = ?1").forEachRow([
                .integer(Int64(target.number))
            ]) { row in
                guard let kind = Record.Kind(rawValue: row.string(0)) else {
                    throw HistoryError.unreadable(entry: target.number, record: "record \"\(Text.printable(row.string(1)))\"")
                }
                touched.append((kind, row.string(1), row.text(2)))
            }
            let session = try ChangeSession(store: self, description: description)
            let decoder = RecordDecoder(vocabulary: vocabulary)
            var restored: [Record] = []
            try session.remove(touched.filter { $0.before == nil }.map { ($0.kind, $0.id) })
            for record in touched {
                guard let before = record.before else { continue }
                let value: Record
                do {
                    // As the store kept it: a name from before names had a limit goes back as it was.
                    value = try decoder.decode(keptLine: before, kind: record.kind, id: record.id)
                } catch {
                    throw HistoryError.unreadable(
                        entry: target.number, record: "\(record.kind.rawValue) \"\(Text.printable(record.id))\"",
                        problem: "\(error)")
                }
                // Another program's history could hold another record's line here: put back,
                // it would overwrite that record.
                guard value.kind == record.kind, value.id == record.id else {
                    throw HistoryError.unreadable(
                        entry: target.number, record: "\(record.kind.rawValue) \"\(Text.printable(record.id))\"")
                }
                restored.append(value)
            }
            // The records still in the store first, then those the change took away: an id merged
            // into an entity moves back from the entity that took it (B merged into A, then A into
            // C: C gives B up before A, made again, takes it).
            var isStored: [Bool] = []
            // Sources whose cites the undo changes: only those can close a cycle.
            var citingAnew: Set<String> = []
            // Entities whose type the undo changes: the claims that name them now must take it.
            var retyped: [String] = []
            // Claims the undo puts back among the evidence (absent or retracted now, or with
            // other ends): each must take the types its ends have now. One that stands now and
            // stays is not the undo's to judge (a citation's retraction taken back).
            var standingAnew: [String] = []
            for value in restored {
                let current = try session.record(value.kind, id: value.id)
                isStored.append(current != nil)
                if case .entity(let entity) = value, case .entity(let stored)? = current, stored.type != entity.type {
                    retyped.append(entity.id)
                }
                if case .claim(let claim) = value, claim.retraction == nil {
                    if case .claim(let stored)? = current, stored.retraction == nil, stored.changedEnd(from: claim) == nil {
                        continue
                    }
                    standingAnew.append(claim.id)
                }
                if case .source(let source) = value, !source.cites.isEmpty {
                    if case .source(let stored)? = current, stored.cites == source.cites { continue }
                    citingAnew.insert(source.id)
                }
            }
            // An id the undo puts back may have been given to another record since: it would then
            // name two (a merged id that stands again, an id a rename took away). Looked at before
            // the records are written: the store holds an id merged into one entity only.
            let touchedEntities = Set(touched.filter { $0.kind == .entity }.map(\.id))
            if let collision = try firstIDCollision(
                of: restored, besidesEntities: touchedEntities, undoing: target.number, undoEntry: session.number)
            {
                throw HistoryError.blocked(entry: target.number, reason: collision)
            }
            for (value, _) in zip(restored, isStored).filter({ $0.1 }) + zip(restored, isStored).filter({ !$0.1 }) {
                try session.put(value, checkingLength: false)
            }
            for record in touched where record.before == nil && record.kind != .claim {
                if let reference = try firstReference(to: record.kind, id: record.id) {
                    throw HistoryError.referredTo(
                        entry: target.number, reference: reference.description,
                        record: "\(record.kind.rawValue) \"\(Text.printable(record.id))\"",
                        entriesToUndo: try entriesMakingReference(
                            reference, referTo: record.kind, id: record.id, after: target.number, decoder: decoder))
                }
            }
            for record in restored {
                if let missing = try firstMissingReference(of: record) {
                    throw HistoryError.blocked(
                        entry: target.number,
                        reason: "\(record.kind.rawValue) \"\(record.id)\" would name \(missing), which is no longer in the store")
                }
            }
            // A claim put back among the evidence must take the types its ends have now, and a
            // type put back the claims that stand since.
            if let misfit = try firstClaimOutsideVocabulary(claims: standingAnew) {
                throw HistoryError.wouldRestoreMisfit(
                    entry: target.number, claim: misfit.claim, entity: misfit.entity, problem: misfit.description)
            }
            if let misfit = try firstClaimOutsideVocabulary(namingEntities: retyped) {
                throw HistoryError.wouldBreakVocabulary(
                    entry: target.number, claim: misfit.claim,
                    changedBy: try latestEntry(writing: .claim, id: misfit.claim, besides: [target.number, session.number]),
                    problem: misfit.description)
            }
            // A claim put back among the evidence beside one that states the same since (added, or
            // moved there by a merge) would make one relationship stand as two claims, as `restore`
            // refuses it. A twin that stood beside it before the entry (imported so: `check` flags
            // it), or that the undo itself puts back, is as the store was then.
            let touchedClaims = Set(touched.filter { $0.kind == .claim }.map(\.id))
            let standingAgain = Set(standingAnew)
            for case .claim(let claim) in restored where standingAgain.contains(claim.id) {
                for twin in try standingTwins(of: claim) where !touchedClaims.contains(twin) {
                    // The first entry after the one undone that wrote the twin, and the twin as it
                    // was before it: standing and stating the same, it stood beside the claim then.
                    guard
                        let (writtenBy, before) = try database.cached(
                            "SELECT change, before FROM change_record WHERE kind = 'claim' AND record = ?1 AND change > ?2 AND change <> ?3 ORDER BY change LIMIT 1"
                        ).firstRow(
                            [.text(twin), .integer(Int64(target.number)), .integer(Int64(session.number))],
                            { row in (row.int(0), row.text(1)) })
                    else { continue }
                    if let before, case .claim(let was)? = try? decoder.decode(keptLine: before, kind: .claim, id: twin),
                        was.retraction == nil,
                        was.statesTheSame(as: claim, symmetric: vocabulary[claim.predicate]?.isSymmetric == true)
                    {
                        continue
                    }
                    throw HistoryError.blocked(
                        entry: target.number,
                        reason:
                            "claim \"\(Text.printable(twin))\" (entry \(writtenBy)) stands since, stating what claim \"\(Text.printable(claim.id))\" states with the same dates, and one relationship is one claim"
                    )
                }
            }
            // A source's cites put back can close a cycle that a later change opened the way to
            // (a cited b, then not; b cites a since): refused, as import and set refuse it.
            if let problem = try citesProblem(through: citingAnew) {
                throw HistoryError.wouldCloseCycle(entry: target.number, cycle: problem)
            }
            _ = try session.finish(keepingEmpty: true)
            try database.cached("UPDATE change SET undoes = ?1 WHERE id = ?2").run([
                .integer(Int64(target.number)), .integer(Int64(session.number)),
            ])
            try database.cached("UPDATE change SET undone_by = ?2 WHERE id = ?1").run([
                .integer(Int64(target.number)), .integer(Int64(session.number)),
            ])
            let undoer = try recordedAuthor(of: description)
            undone = Undone(
                entry: target.number, command: target.command, undoEntry: session.number, recordCount: touched.count,
                addedCount: touched.filter { $0.before == nil }.count,
                removedID: touched.filter { $0.before == nil }.count == 1 ? touched.first { $0.before == nil }?.id : nil,
                otherAuthor: HistoryEntry.isSameAuthor(target.author, undoer) ? nil : Text.printable(target.author))
            return isDryRun ? .rollback : .commit
        }
        guard let undone else { preconditionFailure("the transaction ran its body or threw") }
        return undone
    }

    /// The first entry after ?1, not undone, not an undo and made here, that touched one of the
    /// records entry ?1 touched: while it stands, ?1 cannot be undone.
    private static let laterEntryTouchingTheSameRecords = """
        SELECT b.change, b.kind, b.record, c.command FROM change_record AS b JOIN change AS c ON c.id = b.change
        WHERE b.change > ?1 AND c.undone_by IS NULL AND c.undoes IS NULL AND c.travelled = 0
          AND EXISTS (SELECT 1 FROM change_record AS a WHERE a.change = ?1 AND a.kind = b.kind AND a.record = b.record)
        ORDER BY b.change LIMIT 1
        """

    /// Why putting back `restored`, the records an undo of entry `target` restores, would give an
    /// id to two records, or nil: an entity's id or one it lists as merged that another entity
    /// holds now, as its own or as merged into it (but the entities the undo puts back or removes
    /// itself: `touchedEntities`), or an id a rename since took away (but `target`'s own rename).
    /// Said as `HistoryError.blocked` says its reason, with the entry that took the id.
    private func firstIDCollision(
        of restored: [Record], besidesEntities touchedEntities: Set<String>, undoing target: Int, undoEntry: Int
    ) throws -> String? {
        let renamed = try renamedIDs().filter { $0.value.entry != target }
        let mergedInto = try database.cached("SELECT entity FROM entity_merged WHERE merged = ?1")
        func writer(of kind: Record.Kind, _ id: String) throws -> String {
            try latestEntry(writing: kind, id: id, besides: [target, undoEntry]).map { " (entry \($0))" } ?? ""
        }
        func took(_ kind: Record.Kind, _ id: String) -> String? {
            renamed[Self.renameKey(kind, id)].map {
                "an id that entry \($0.entry) renamed \"\(Text.printable($0.current))\""
            }
        }
        for record in restored {
            let name = "\(record.kind.rawValue) \"\(Text.printable(record.id))\""
            if let rename = took(record.kind, record.id), try self.record(record.kind, id: record.id) == nil {
                return "\(name) would come back under \(rename)"
            }
            guard case .entity(let entity) = record else { continue }
            if let owner = try mergedInto.scalarText([.text(entity.id)]), owner != entity.id,
                !touchedEntities.contains(owner)
            {
                let by = try writer(of: .entity, owner)
                return
                    "\(name) would stand, and \"\(Text.printable(entity.id))\" is merged into entity \"\(Text.printable(owner))\"\(by)"
            }
            for merged in entity.merged {
                let listing = "\(name) would list \"\(Text.printable(merged))\" as merged into it"
                if !touchedEntities.contains(merged), try self.entity(id: merged) != nil {
                    let by = try writer(of: .entity, merged)
                    return "\(listing), and \"\(Text.printable(merged))\" stands as an entity of its own\(by)"
                }
                if let owner = try mergedInto.scalarText([.text(merged)]), owner != entity.id,
                    !touchedEntities.contains(owner)
                {
                    let by = try writer(of: .entity, owner)
                    return "\(listing), and \"\(Text.printable(merged))\" is merged into entity \"\(Text.printable(owner))\"\(by)"
                }
                if let rename = took(.entity, merged) { return "\(listing), \(rename)" }
            }
        }
        return nil
    }

    /// The number of the first later entry that stops `entry` from being undone, or nil.
    private func laterEntry(touchingRecordsOf entry: Int) throws -> Int? {
        try database.prepare(Self.laterEntryTouchingTheSameRecords).firstRow([.integer(Int64(entry))]) { $0.int(0) }
    }

    /// The entries to undo, newest first, before `reference` no longer refers to the record of
    /// `kind` under `id`: the entry after `after` that made it refer to it, and those that wrote
    /// it since. Only entries an undo takes back count (made here, neither undone nor an undo,
    /// as the later-entry check counts them): the latest that wrote the reference is often an
    /// undo of some other change to it, which `undo` refuses. Empty when no such entry made it
    /// refer (another program wrote it).
    private func entriesMakingReference(
        _ reference: RecordReference, referTo kind: Record.Kind, id: String, after: Int, decoder: RecordDecoder
    ) throws -> [Int] {
        var writes: [(entry: Int, before: String?)] = []
        try database.prepare(
            """
            SELECT r.change, r.before FROM change_record AS r JOIN change AS c ON c.id = r.change
            WHERE r.kind = ?1 AND r.record = ?2 AND r.change > ?3 AND c.undone_by IS NULL AND c.undoes IS NULL AND c.travelled = 0
            ORDER BY r.change DESC
            """
        ).forEachRow([.text(reference.kind.rawValue), .text(reference.id), .integer(Int64(after))]) {
            writes.append(($0.int(0), $0.text(1)))
        }
        var entries: [Int] = []
        for write in writes {
            entries.append(write.entry)
            guard let before = write.before,
                let was = try? decoder.decode(keptLine: before, kind: reference.kind, id: reference.id),
                was.refers(to: kind, id: id)
            else { return entries }
        }
        return []
    }

    /// The latest history entry that wrote the record, but those in `entries` (the one undone, and
    /// the undo's own, rolled back with the refusal), or nil.
    private func latestEntry(writing kind: Record.Kind, id: String, besides entries: [Int]) throws -> Int? {
        try database.cached(
            "SELECT max(change) FROM change_record WHERE kind = ?1 AND record = ?2 AND change <> ?3 AND change <> ?4"
        )
        .scalarInteger([
            .text(kind.rawValue), .text(id), .integer(Int64(entries.first ?? 0)), .integer(Int64(entries.last ?? 0)),
        ]).map(Int.init)
    }

    /// The author a change made as `description` is recorded under: on PostgreSQL, the role the
    /// server knows the analyst by rather than the login name of a client machine, and beside a
    /// name given (`--author`, `ISNAD_AUTHOR`) that is not that role's: `carol (as bob)`. A
    /// shared store's history so names the role that really wrote, and a plain `undo` by bob
    /// as carol finds only the entries he made so, never carol's own.
    func recordedAuthor(of description: ChangeDescription) throws -> String {
        guard database.isPostgreSQL else { return description.author }
        guard let role = try database.cached("SELECT session_user").scalarText() else { return description.author }
        if description.isDefaultAuthor || HistoryEntry.isSameAuthor(description.author, role) { return role }
        return ChangeDescription.author(description.author, connectedAs: role)
    }

    /// The latest entry a plain undo looks at: neither undone nor an undo, and made in this store.
    private func latestUndoableEntry() throws -> Int? {
        try database.prepare("SELECT max(id) FROM change WHERE undone_by IS NULL AND undoes IS NULL AND travelled = 0")
            .scalarInteger()
            .map(Int.init)
    }

    private func undoTarget(_ number: Int?, by description: ChangeDescription) throws -> (
        number: Int, command: String, author: String
    ) {
        guard let number else {
            // Another store's entries (its history imported) are passed over: they describe
            // changes made there, and are undone there.
            let latest = try database.prepare(
                "SELECT id, command, author FROM change WHERE undone_by IS NULL AND undoes IS NULL AND travelled = 0 ORDER BY id DESC LIMIT 1"
            ).firstRow { ($0.int(0), $0.string(1), $0.string(2)) }
            guard let latest else {
                // Only another store's entries left: named, rather than said to be none.
                let travelled = try database.prepare(
                    "SELECT max(id) FROM change WHERE undone_by IS NULL AND undoes IS NULL AND travelled = 1"
                ).scalarInteger()
                throw travelled.map { HistoryError.travelled(entry: Int($0), latestOwn: nil) } ?? HistoryError.nothingToUndo
            }
            // The latest change may be another's: a colleague's on a server's store, a nightly
            // import's or a second terminal's on a file. Taken back by a plain undo, it would be
            // lost without a word to either; `undo N` names it.
            let author = try recordedAuthor(of: description)
            if !HistoryEntry.isSameAuthor(latest.2, author) {
                // The undoer's own latest change, which `undo N` takes back, is named beside it.
                var own: Int?
                try database.prepare(
                    "SELECT id, author FROM change WHERE undone_by IS NULL AND undoes IS NULL AND travelled = 0 ORDER BY id DESC"
                ).forEachRow { row in
                    if own == nil, HistoryEntry.isSameAuthor(row.string(1), author) { own = row.int(0) }
                }
                throw HistoryError.anotherAuthor(
                    entry: latest.0, author: Text.printable(latest.2), command: latest.1, undoer: Text.printable(author),
                    undoersLatest: own, blockedBy: try own.flatMap(laterEntry(touchingRecordsOf:)))
            }
            return latest
        }
        let found = try database.prepare("SELECT command, undoes, undone_by, travelled, author FROM change WHERE id = ?1")
            .firstRow([.integer(Int64(number))]) { row in
                (
                    row.string(0), row.isNull(1) ? nil : row.int(1), row.isNull(2) ? nil : row.int(2),
                    row.int(3) == HistoryEntry.Origin.travelled.rawValue, row.string(4),
                    row.int(3) == HistoryEntry.Origin.importOfHistory.rawValue
                )
            }
        guard let found else { throw HistoryError.noSuchEntry(number) }
        // It changed no record; what it appended stays, as every entry of the history does.
        if found.5 { throw HistoryError.importOfHistory(entry: number, appended: try entriesAppended(by: number)) }
        // Its records are that store's as they were there: putting them back here could undo
        // nothing, or overwrite this store's own changes.
        if found.3 {
            // This store's own latest change, which a plain `undo` takes back.
            let own = try database.prepare(
                "SELECT max(id) FROM change WHERE undone_by IS NULL AND undoes IS NULL AND travelled = 0"
            ).scalarInteger()
            throw HistoryError.travelled(entry: number, latestOwn: own.map { Int($0) })
        }
        if let undoes = found.1 { throw HistoryError.isUndo(entry: number, undoes: undoes) }
        if let undoneBy = found.2 { throw HistoryError.alreadyUndone(entry: number, by: undoneBy) }
        return (number, found.0, found.4)
    }
}

/// Why the history refused an undo.
public enum HistoryError: Error, Equatable, CustomStringConvertible {
    case nothingToUndo
    case noSuchEntry(Int)
    case alreadyUndone(entry: Int, by: Int)
    case isUndo(entry: Int, undoes: Int)
    case blocked(entry: Int, reason: String)
    /// A record the entry added that `reference` refers to now; `entriesToUndo`, newest first,
    /// the entries that made it refer to it (the last of them) and wrote it since: empty when
    /// no entry of this store's own did.
    case referredTo(entry: Int, reference: String, record: String, entriesToUndo: [Int])
    /// Putting the entry's sources back would close a cycle in the chains of transmission, or
    /// make one deeper than weighing follows (``CitesDepth/stepsAtMost``).
    case wouldCloseCycle(entry: Int, cycle: String)
    /// Putting the entry's records back would leave a claim (standing or retracted) whose
    /// predicate does not take its ends' types: `changedBy`, the entry that last wrote the claim.
    /// A type the undo puts back that a claim standing since does not take (standing claims only:
    /// a retracted one is checked when it comes back, ``wouldRestoreMisfit``).
    case wouldBreakVocabulary(entry: Int, claim: String, changedBy: Int?, problem: String)
    /// A claim the undo puts back among the evidence that no longer takes its ends' types.
    case wouldRestoreMisfit(entry: Int, claim: String, entity: String?, problem: String)
    case unreadable(entry: Int, record: String, problem: String? = nil)
    /// A plain undo waited for the store while the latest change became another: entry `now`
    /// landed (after `latest`, or when there was none: 0), or `latest` was undone by another undo.
    case landedMeanwhile(latest: Int, now: Int, command: String)
    /// An entry from another store's history (`undo N` of it); with the number of this store's
    /// latest own entry not undone, which a plain `undo` takes back, if any.
    case travelled(entry: Int, latestOwn: Int?)
    /// `undo N` of an import of another store's history, which changed no record: the entries
    /// it appended stay.
    case importOfHistory(entry: Int, appended: ClosedRange<Int>?)
    /// A plain `undo` whose latest change is another author's; with the undoer's own latest
    /// change not undone, if any.
    /// `blockedBy`: a later entry that touched one of the records of the undoer's latest, which
    /// `undo N` of it would be refused for.
    case anotherAuthor(entry: Int, author: String, command: String, undoer: String, undoersLatest: Int?, blockedBy: Int?)
    /// An entry larger than the caller allows without being told (`undo --yes`).
    case large(entry: Int, command: String, records: Int)

    /// Whether the command needs to be told again, with `--yes` (a usage matter, not bad data).
    public var needsConfirmation: Bool {
        if case .large = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .nothingToUndo: "nothing to undo: every change in the history is undone already, or there is none"
        case .landedMeanwhile(let latest, let now, let command):
            latest == 0
                ? "entry \(now) (\(command)) landed while this undo waited for the store, when there was nothing to undo: nothing changed; isnad undo \(now) takes it back"
                : now > latest
                    ? "entry \(now) (\(command)) landed while this undo waited for the store: a plain undo takes back the latest change as it was typed (entry \(latest)); nothing changed: isnad undo \(latest) or isnad undo \(now) says which"
                    : "entry \(latest) was undone while this undo waited for the store: nothing changed; isnad undo \(now) takes back the latest change now (\(command))"
        case .noSuchEntry(let number): "no history entry \(number) (see isnad log)"
        case .alreadyUndone(let entry, let by): "entry \(entry) was undone already, by entry \(by)"
        case .isUndo(let entry, let undoes):
            "entry \(entry) is the undo of entry \(undoes): to make that change again, run its command again"
        case .blocked(let entry, let reason): "cannot undo entry \(entry): \(reason); undo that first"
        case .referredTo(let entry, let reference, let record, let entriesToUndo):
            "cannot undo entry \(entry): \(reference) refers to \(record), which it added"
                + (entriesToUndo.last.map { ", since entry \($0)" } ?? "")
                + (entriesToUndo.count > 1
                    ? "; undo those first, in this order: " + entriesToUndo.map { "entry \($0)" }.joined(separator: ", ")
                    : entriesToUndo.isEmpty ? "; change or delete \(reference) first" : "; undo that first")
        case .wouldCloseCycle(let entry, let cycle):
            "cannot undo entry \(entry): the source it would put back \(cycle); change the cites first (isnad set)"
        case .wouldBreakVocabulary(let entry, let claim, let changedBy, let problem):
            "cannot undo entry \(entry): the type it puts back does not fit claim \"\(claim)\" (\(problem))"
                + (changedBy.map { ", written by entry \($0): retract that claim first (isnad retract), or undo entry \($0)" }
                    ?? ": retract that claim first (isnad retract)")
        case .wouldRestoreMisfit(let entry, let claim, let entity, let problem):
            "cannot undo entry \(entry): it puts claim \"\(claim)\" back among the evidence, and the claim no longer fits its ends' types (\(problem))"
                + (entity.map { "; set the type of \"\($0)\" first (isnad log \($0) shows its changes)" } ?? "")
        case .travelled(let entry, let latestOwn):
            "cannot undo entry \(entry): it came from another store's history (isnad import --from history) and describes that store's change; undo it there, or make the change again here (isnad set, isnad edit)"
                + (latestOwn.map { "; this store's own latest change is entry \($0): isnad undo \($0)" }
                    ?? "; this store has no change of its own to undo")
        case .importOfHistory(let entry, let appended):
            "cannot undo entry \(entry): it is an import of another store's history, which changed no record"
                + (appended.map {
                    "; the entries it appended (\($0.count == 1 ? "entry \($0.lowerBound)" : "entries \($0.lowerBound) to \($0.upperBound)")) stay in the history, as every entry does"
                } ?? "")
        case .anotherAuthor(let entry, let author, let command, let undoer, let undoersLatest, let blockedBy):
            "the latest change, entry \(entry) (\(Text.printable(command))), is \(Text.printable(author))'s, not \(undoer)'s: a plain undo takes back only its author's latest change; "
                + (undoersLatest.map { own in
                    blockedBy.map {
                        "\(undoer)'s latest is entry \(own), which entry \($0) changed a record of since: it can be undone only after that one; "
                    } ?? "\(undoer)'s latest is entry \(own) (isnad undo \(own)); "
                } ?? "")
                + "isnad undo \(entry) takes back \(author)'s by its number"
        case .unreadable(let entry, let record, let problem):
            "cannot undo entry \(entry): the history's copy of \(record) is no longer a valid record"
                + (problem.map { " (\($0))" } ?? "")
        case .large(let entry, let command, let records):
            "entry \(entry) (\(Text.printable(command))) changed \(records) records: undoing it puts every one of them back as before it (a record it added is deleted); isnad undo \(entry) --yes if that is meant"
        }
    }
}

extension RecordChange {
    /// The record change a `change_record` row holds, its columns read as `kind, record, action,
    /// before, after`.
    init(row: Statement) {
        self.init(
            kind: Record.Kind(rawValue: row.string(0)) ?? .entity, id: row.string(1),
            action: RecordChange.Action(rawValue: row.string(2)) ?? .changed, before: row.text(3), after: row.text(4))
    }
}

extension GraphStore {
    /// When the store last changed: the latest time of its history's entries
    /// (`YYYY-MM-DDTHH:MM:SSZ`, which sorts as time does), nil when it keeps no history (a copy made
    /// without it). The latest time, not the last entry's: entries appended from another store's
    /// history, or made by a clock set back, may be older than ones before them.
    public func lastChangeTimestamp() throws -> String? {
        try database.prepare("SELECT max(at) FROM change").scalarText()
    }
}
