/// The history carried between stores: `isnad export history` writes every entry as one JSON
/// line, oldest first; `isnad import --from history` appends them to another store's history,
/// numbered after its own entries, so that `isnad log` shows them there.
extension GraphStore {
    /// Writes every entry of the history to `sink`, oldest first, each as one JSON line
    /// (``HistoryEntry/write(to:)``). An import's line lists a million records: they are read
    /// and written a few at a time, so that neither the entry nor its line is held whole.
    public func writeHistory(to sink: ByteSink) throws { try writeHistory(to: sink, writingEvery: 1 << 16) }

    /// ``writeHistory(to:)``, its line handed to `sink` whenever `bytes` of it are ready.
    func writeHistory(to sink: ByteSink, writingEvery bytes: Int) throws {
        var json = JSONWriter()
        for entry in try history(recordLimit: 0).reversed() {
            json.reset()
            entry.writeHead(to: &json)
            try forEachRecord(of: entry.number) { record in
                record.write(to: &json)
                if json.bytes.count >= bytes {
                    try sink.write(json.bytes)
                    json.removeWritten()
                }
                return true
            }
            HistoryEntry.writeTail(to: &json)
            json.newline()
            try sink.write(json.bytes)
        }
    }

    /// The entries of `entries` that this store's history already holds — the same time,
    /// author, command and records, before and after: a history imported again, or grown since
    /// it was — by their number in `entries`, with the number each has here. The history is
    /// read once, each entry reduced to a hash of what it holds, and a hash found is compared
    /// whole, so the cost is one pass over the store's history and one over `entries`.
    public func keptEntries(among entries: [HistoryEntry]) throws -> [Int: Int] {
        var byHash: [UInt64: [Int]] = [:]
        // Read a row at a time, each entry's records summed into its hash as they come: an
        // import's entry may list a million records.
        var current: (id: Int, hash: UInt64)?
        func finish() { if let current { byHash[current.hash, default: []].append(current.id) } }
        try database.prepare(
            """
            SELECT c.id, c.at, c.author, c.command, r.kind, r.record, r.action, r.before, r.after
            FROM change AS c LEFT JOIN change_record AS r ON r.change = c.id ORDER BY c.id
            """
        ).forEachRow { row in
            let id = row.int(0)
            if current?.id != id {
                finish()
                current = (id, HistoryEntry.hash(head: [row.string(1), row.string(2), row.string(3)]))
            }
            if !row.isNull(4) {
                current?.hash &+= HistoryEntry.hash(
                    record: row.string(4), row.string(5), row.string(6), before: row.text(7), after: row.text(8))
            }
        }
        finish()
        var kept: [Int: Int] = [:]
        for entry in entries {
            var hash = HistoryEntry.hash(head: [entry.timestamp, entry.author, entry.command])
            for item in entry.records {
                hash &+= HistoryEntry.hash(
                    record: item.kind.rawValue, item.id, item.action.rawValue, before: item.before, after: item.after)
            }
            for candidate in byHash[hash] ?? []
            where try isEntry(candidate, repeating: entry) {
                kept[entry.number] = candidate
                break
            }
        }
        return kept
    }

    /// Whether the store's entry `number` holds what `entry` holds (its time, author, command
    /// and records), read whole.
    private func isEntry(_ number: Int, repeating entry: HistoryEntry) throws -> Bool {
        guard
            let head = try database.cached("SELECT at, author, command FROM change WHERE id = ?1").firstRow(
                [.integer(Int64(number))], { [$0.string(0), $0.string(1), $0.string(2)] }),
            head == [entry.timestamp, entry.author, entry.command]
        else { return false }
        var kept: [RecordChange] = []
        try database.cached("SELECT kind, record, action, before, after FROM change_record WHERE change = ?1").forEachRow([
            .integer(Int64(number))
        ]) { row in kept.append(RecordChange(row: row)) }
        func ordered(_ records: [RecordChange]) -> [RecordChange] {
            records.sorted { ($0.kind.rawValue, $0.id) < ($1.kind.rawValue, $1.id) }
        }
        return ordered(kept) == ordered(entry.records)
    }

    /// Appends `entries` (numbered as in the store they came from) after this store's own, in
    /// one transaction, marked as travelled (undo refuses them), but for those `kept` gives the
    /// number they already have here (see ``keptEntries(among:)``). The others are numbered on
    /// from the last entry, in order; an `undoes` or `undone_by` follows the entry it names, to
    /// its new number or to the one it has here, and a kept entry that one of them undoes is
    /// marked undone by it. When any is appended and `description` is given, an entry of this
    /// store's own follows them, in the same transaction: the import itself (who ran it, when,
    /// its command line, which names the file), changing no record, so that whoever appended
    /// another store's entries is recorded beside them (``entriesAppended(by:)``). Returns the
    /// number the first appended entry was given, or nil when none was. A dry run (`isDryRun`)
    /// writes all of it, as an import would, and rolls the transaction back, as a dry run of an
    /// import of records does: what an import would do is checked, and nothing is kept.
    @discardableResult
    public func appendHistory(
        _ entries: [HistoryEntry], kept: [Int: Int] = [:], by description: ChangeDescription?, isDryRun: Bool = false
    ) throws -> Int? {
        let appended = entries.filter { kept[$0.number] == nil }
        guard !appended.isEmpty else { return nil }
        // Renumbered, a repeated number would take another entry's place, and an undo naming an
        // entry that did not come would name one of this store's own, or none.
        var numbers = Set(kept.keys)
        for entry in appended where !numbers.insert(entry.number).inserted {
            throw UnlinkedHistory(description: "entry \(entry.number) is given twice")
        }
        for entry in appended {
            for (field, number) in [("undoes", entry.undoes), ("undone_by", entry.undoneBy)] {
                if let number, !numbers.contains(number) {
                    throw UnlinkedHistory(
                        description: "entry \(entry.number): \(field): entry \(number) is not among the entries appended")
                }
            }
        }
        var first: Int?
        try inWriteTransaction {
            let last = Int(try database.cached("SELECT coalesce(max(id), 0) FROM change").scalarInteger([]) ?? 0)
            var numbers = kept
            for (position, entry) in appended.enumerated() { numbers[entry.number] = last + 1 + position }
            first = last + 1
            func linked(_ number: Int?) -> Statement.Value { number.flatMap { numbers[$0] }.map { .integer(Int64($0)) } ?? .null }
            let change = try database.cached(
                "INSERT INTO change (id, at, author, command, undoes, undone_by, travelled) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1)")
            let record = try database.cached(
                "INSERT INTO change_record (change, kind, record, action, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            let undone = try database.cached("UPDATE change SET undone_by = ?2 WHERE id = ?1 AND undone_by IS NULL")
            for entry in appended {
                let number = linked(entry.number)
                try change.run([
                    number, .text(entry.timestamp), .text(entry.author), .text(entry.command), linked(entry.undoes),
                    linked(entry.undoneBy),
                ])
                if let undoes = entry.undoes, let here = kept[undoes] { try undone.run([.integer(Int64(here)), number]) }
                for item in entry.records {
                    try record.run([
                        number, .text(item.kind.rawValue), .text(item.id), .text(item.action.rawValue),
                        item.before.map(Statement.Value.text) ?? .null, item.after.map(Statement.Value.text) ?? .null,
                    ])
                }
            }
            if let description {
                try database.cached(
                    "INSERT INTO change (id, at, author, command, travelled) VALUES (?1, ?2, ?3, ?4, ?5)"
                ).run([
                    .integer(Int64(last + appended.count + 1)), .text(description.timestamp),
                    .text(try recordedAuthor(of: description)), .text(description.command),
                    .integer(Int64(HistoryEntry.Origin.importOfHistory.rawValue)),
                ])
            }
            return isDryRun ? .rollback : .commit
        }
        return first
    }

    /// The entries the import of history `number` appended (the travelled entries just before
    /// it: ``appendHistory(_:kept:by:isDryRun:)`` writes them and it at once, numbered in a row), or nil
    /// when `number` is no such import.
    public func entriesAppended(by number: Int) throws -> ClosedRange<Int>? {
        let origin = try database.cached("SELECT travelled FROM change WHERE id = ?1").scalarInteger([
            .integer(Int64(number))
        ])
        guard origin == Int64(HistoryEntry.Origin.importOfHistory.rawValue) else { return nil }
        let before =
            try database.cached("SELECT coalesce(max(id), 0) FROM change WHERE id < ?1 AND travelled <> ?2")
            .scalarInteger([.integer(Int64(number)), .integer(Int64(HistoryEntry.Origin.travelled.rawValue))]) ?? 0
        let first = Int(before) + 1
        return first < number ? first...(number - 1) : nil
    }

    /// The import of history that appended the travelled entry `number` here (the first entry
    /// after it that is not travelled, when it is such an import), or nil: the entry is not
    /// travelled, or it was appended before imports of history were recorded.
    public func importOfHistory(appending number: Int) throws -> Int? {
        let travelled = Int64(HistoryEntry.Origin.travelled.rawValue)
        guard
            try database.cached("SELECT travelled FROM change WHERE id = ?1").scalarInteger([.integer(Int64(number))])
                == travelled,
            let next = try database.cached(
                "SELECT id, travelled FROM change WHERE id > ?1 AND travelled <> ?2 ORDER BY id LIMIT 1"
            ).firstRow([.integer(Int64(number)), .integer(travelled)], { ($0.int(0), $0.int(1)) }),
            next.1 == HistoryEntry.Origin.importOfHistory.rawValue
        else { return nil }
        return next.0
    }
}

extension HistoryEntry {
    /// A hash of an entry's time, author and command; each of its records' hashes (kind, id,
    /// action, before, after: ``hash(record:_:_:before:after:)``) is added to it, so that the records' order
    /// does not count (an entry changes a record once, so no two cancel).
    static func hash(head: [String]) -> UInt64 { FNV1a.hash(head) }

    /// A hash of one record an entry changed (its kind, id and action, and its lines before and
    /// after, a missing one hashed apart from any text), to add to the entry's.
    static func hash(record kind: String, _ id: String, _ action: String, before: String?, after: String?) -> UInt64 {
        FNV1a.hash([kind, id, action, before ?? "\u{1}", after ?? "\u{1}"]) &* 0x9E37_79B9_7F4A_7C15
    }

    /// The entry as one JSON object (the line `isnad export history` writes): `entry`, `at`,
    /// `author`, `command`, `undoes`, `undone_by`, `travelled` (true, only for an entry that
    /// came from another store's history), and `records`, each with `kind`, `id`, `action`, and
    /// `before` and `after` as the canonical record lines they are stored as.
    public func write(to json: inout JSONWriter) {
        writeHead(to: &json)
        for record in records { record.write(to: &json) }
        Self.writeTail(to: &json)
    }

    /// The line ``write(to:)`` writes up to its records: the object opened, its members up to
    /// `"records":[`. Each record follows (``RecordChange/write(to:)``), then ``writeTail(to:)``.
    func writeHead(to json: inout JSONWriter) {
        json.beginObject()
        json.member("entry", number)
        json.member("at", timestamp)
        json.member("author", author)
        json.member("command", command)
        json.key("undoes")
        if let undoes { json.integer(undoes) } else { json.null() }
        json.key("undone_by")
        if let undoneBy { json.integer(undoneBy) } else { json.null() }
        // Written only when true: the line of an entry made in the store is as it always was,
        // and one that travelled says so in every store it travels on to.
        if isTravelled {
            json.key("travelled")
            json.boolean(true)
        }
        json.key("records")
        json.beginArray()
    }

    /// The records' array and the entry's object closed.
    static func writeTail(to json: inout JSONWriter) {
        json.endArray()
        json.endObject()
    }

    /// An entry read back from its JSON line, or a message saying what is wrong with it.
    public init(json value: JSONValue) throws(HistoryLineError) {
        func field(_ value: JSONValue?, _ key: String) -> JSONValue? {
            if case .object(let object)? = value { object[key] } else { nil }
        }
        func text(_ object: JSONValue?, _ key: String) throws(HistoryLineError) -> String {
            guard case .string(let text)? = field(object, key) else {
                throw HistoryLineError(message: "\"\(key)\": expected a string")
            }
            return text
        }
        func optionalText(_ object: JSONValue?, _ key: String) throws(HistoryLineError) -> String? {
            switch field(object, key) {
            case nil, .null?: return nil
            case .string(let text)?: return text
            default: throw HistoryLineError(message: "\"\(key)\": expected a string or null")
            }
        }
        func integer(_ key: String) throws(HistoryLineError) -> Int? {
            switch field(value, key) {
            case nil, .null?: return nil
            case .number(let text)?:
                guard let number = Int(text), number > 0 else {
                    throw HistoryLineError(message: "\"\(key)\": expected an entry number")
                }
                return number
            default: throw HistoryLineError(message: "\"\(key)\": expected an entry number or null")
            }
        }
        guard case .object = value, let number = try integer("entry") else {
            throw HistoryLineError(message: "expected an object with \"entry\" (a line of isnad export history)")
        }
        var records: [RecordChange] = []
        guard case .array(let items)? = field(value, "records") else {
            throw HistoryLineError(message: "\"records\": expected an array")
        }
        // What another store's history says is shown by `isnad log` and kept: it is held to what
        // Isnad itself writes, so that no control character or malformed record enters the store.
        func storable(_ text: String, _ key: String) throws(HistoryLineError) -> String {
            if let problem = Text.problem(with: text) { throw HistoryLineError(message: "\"\(key)\": \(problem)") }
            return text
        }
        let decoder = RecordDecoder()
        var positions: [String: Int] = [:]
        for (position, item) in items.enumerated() {
            let place = "\"records\"[\(position)]"
            guard let kind = Record.Kind(rawValue: try text(item, "kind")) else {
                throw HistoryLineError(message: "\(place).kind: expected entity, source or claim")
            }
            guard let action = RecordChange.Action(rawValue: try text(item, "action")) else {
                throw HistoryLineError(message: "\(place).action: expected added, changed or removed")
            }
            let id = try text(item, "id")
            if let problem = Identifier.problem(with: id) { throw HistoryLineError(message: "\(place).id: \(problem)") }
            var versions: [String?] = []
            for key in ["before", "after"] {
                let line = try optionalText(item, key)
                if let line {
                    do {
                        _ = try decoder.decode(keptLine: line, kind: kind, id: id)
                    } catch {
                        throw HistoryLineError(message: "\(place).\(key): \(error)")
                    }
                }
                versions.append(line)
            }
            // An entry changes a record once (the store keeps one row for each); looked up, not
            // searched for: an import's entry lists every record it added.
            if let first = positions.updateValue(position, forKey: "\(kind.rawValue)\u{0}\(id)") {
                throw HistoryLineError(
                    message: "\(place): \(kind.rawValue) \"\(id)\" is listed twice (first at \"records\"[\(first)])")
            }
            records.append(RecordChange(kind: kind, id: id, action: action, before: versions[0], after: versions[1]))
        }
        let timestamp = try text(value, "at")
        guard HistoryEntry.isTimestamp(timestamp) else {
            throw HistoryLineError(message: "\"at\": expected a time in UTC as YYYY-MM-DDTHH:MM:SSZ")
        }
        let undoes = try integer("undoes")
        let undoneBy = try integer("undone_by")
        // Every entry appended is marked travelled here; the field is read so that a line that
        // gives it as anything but true or false is refused, not taken unread.
        switch field(value, "travelled") {
        case nil, .null?, .bool?: break
        default: throw HistoryLineError(message: "\"travelled\": expected true or false")
        }
        for (key, other) in [("undoes", undoes), ("undone_by", undoneBy)] where other == number {
            throw HistoryLineError(message: "\"\(key)\": entry \(number) cannot undo itself")
        }
        self.init(
            number: number, timestamp: timestamp, author: try storable(try text(value, "author"), "author"),
            command: try storable(try text(value, "command"), "command"), undoes: undoes,
            undoneBy: undoneBy, records: records, recordCount: records.count)
    }

    /// Whether `text` is a time as the history keeps it: `2026-12-03T16:16:16Z`.
    static func isTimestamp(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 20 else { return false }
        for (index, byte) in bytes.enumerated() {
            switch index {
            case 4, 7: guard byte == UInt8(ascii: "-") else { return false }
            case 10: guard byte == UInt8(ascii: "T") else { return false }
            case 13, 16: guard byte == UInt8(ascii: ":") else { return false }
            case 19: guard byte == UInt8(ascii: "Z") else { return false }
            default: guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return false }
            }
        }
        // A time that is: its day in its month (the date's own rules), hours, minutes and seconds in range.
        func number(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } }
        guard (try? PartialDate(parsing: String(decoding: bytes[0..<10], as: UTF8.self))) != nil else { return false }
        return number(11..<13) < 24 && number(14..<16) < 60 && number(17..<19) < 60
    }
}

extension RecordChange {
    /// The record as an item of a history line's `records`: `kind`, `id`, `action`, `before`, `after`.
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.member("kind", kind.rawValue)
        json.member("id", id)
        json.member("action", action.rawValue)
        json.nullableMember("before", before)
        json.nullableMember("after", after)
        json.endObject()
    }
}

/// A line of `isnad export history` that cannot be read.
public struct HistoryLineError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// History entries that cannot be appended as they are (``GraphStore/appendHistory(_:kept:)``):
/// one number given twice, or an `undoes` or `undone_by` naming an entry that did not come.
public struct UnlinkedHistory: Error, CustomStringConvertible, Sendable {
    public let description: String
}
