/// The history carried between stores: `isnad export history` writes every entry as one JSON
/// line, oldest first; `isnad import --from history` appends them to another store's history,
/// numbered after its own entries, so that `isnad log` shows them there.
extension GraphStore {
    /// Every entry of the history, oldest first, each with all its records.
    public func forEachHistoryEntry(_ body: (HistoryEntry) throws -> Void) throws {
        for entry in try history(recordLimit: Int(Int32.max)).reversed() { try body(entry) }
    }

    /// The entry of this store's history that `entry` repeats — the same time, author, command
    /// and records, before and after — or nil: a history imported a second time.
    public func keptEntry(repeating entry: HistoryEntry) throws -> Int? {
        func ordered(_ records: [RecordChange]) -> [RecordChange] {
            records.sorted { ($0.kind.rawValue, $0.id) < ($1.kind.rawValue, $1.id) }
        }
        let wanted = ordered(entry.records)
        let records = try database.cached(
            "SELECT kind, record, action, before, after FROM change_record WHERE change = ?1")
        var candidates: [Int] = []
        try database.cached("SELECT id FROM change WHERE at = ?1 AND author = ?2 AND command = ?3 ORDER BY id").forEachRow([
            .text(entry.timestamp), .text(entry.author), .text(entry.command),
        ]) { candidates.append($0.int(0)) }
        for candidate in candidates {
            var kept: [RecordChange] = []
            try records.forEachRow([.integer(Int64(candidate))]) { row in
                kept.append(
                    RecordChange(
                        kind: Record.Kind(rawValue: row.string(0)) ?? .entity, id: row.string(1),
                        action: RecordChange.Action(rawValue: row.string(2)) ?? .changed, before: row.text(3),
                        after: row.text(4)))
            }
            if ordered(kept) == wanted { return candidate }
        }
        return nil
    }

    /// Appends `entries` (numbered as in the store they came from) after this store's own,
    /// in one transaction, marked as travelled (undo refuses them); an entry's `undoes` and
    /// `undone_by` follow it. Returns the number
    /// the first entry was given, or nil when there was none.
    @discardableResult
    public func appendHistory(_ entries: [HistoryEntry]) throws -> Int? {
        guard !entries.isEmpty else { return nil }
        var first: Int?
        try inWriteTransaction {
            let last = try database.cached("SELECT coalesce(max(id), 0) FROM change").scalarInteger([]) ?? 0
            let offset = Int(last) + 1 - (entries.map(\.number).min() ?? 1)
            first = (entries.map(\.number).min() ?? 1) + offset
            let change = try database.cached(
                "INSERT INTO change (id, at, author, command, undoes, undone_by, travelled) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1)")
            let record = try database.cached(
                "INSERT INTO change_record (change, kind, record, action, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            for entry in entries {
                let number = Statement.Value.integer(Int64(entry.number + offset))
                try change.run([
                    number, .text(entry.timestamp), .text(entry.author), .text(entry.command),
                    entry.undoes.map { .integer(Int64($0 + offset)) } ?? .null,
                    entry.undoneBy.map { .integer(Int64($0 + offset)) } ?? .null,
                ])
                for item in entry.records {
                    try record.run([
                        number, .text(item.kind.rawValue), .text(item.id), .text(item.action.rawValue),
                        item.before.map(Statement.Value.text) ?? .null, item.after.map(Statement.Value.text) ?? .null,
                    ])
                }
            }
            return .commit
        }
        return first
    }
}

extension HistoryEntry {
    /// The entry as one JSON object (the line `isnad export history` writes): `entry`, `at`,
    /// `author`, `command`, `undoes`, `undone_by`, and `records`, each with `kind`, `id`,
    /// `action`, and `before` and `after` as the canonical record lines they are stored as.
    public func write(to json: inout JSONWriter) {
        json.beginObject()
        json.member("entry", number)
        json.member("at", timestamp)
        json.member("author", author)
        json.member("command", command)
        json.key("undoes")
        if let undoes { json.integer(undoes) } else { json.null() }
        json.key("undone_by")
        if let undoneBy { json.integer(undoneBy) } else { json.null() }
        json.key("records")
        json.beginArray()
        for record in records {
            json.beginObject()
            json.member("kind", record.kind.rawValue)
            json.member("id", record.id)
            json.member("action", record.action.rawValue)
            json.nullableMember("before", record.before)
            json.nullableMember("after", record.after)
            json.endObject()
        }
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
            // An entry changes a record once (the store keeps one row for each).
            if let first = records.firstIndex(where: { $0.kind == kind && $0.id == id }) {
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

/// A line of `isnad export history` that cannot be read.
public struct HistoryLineError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
