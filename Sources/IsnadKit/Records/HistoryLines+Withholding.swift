/// Sources kept out of another store's history as it is imported (`isnad import --from history
/// --without-source S`), as `isnad copy --without-source S` keeps them out of a copy's records:
/// an entry that travels carries the records as they were then, a source refused since included
/// (its title, author and text), and once imported no entry is taken out again.
///
/// In every record line of the entries, the source's own line goes, and with it every citation
/// of which it is the claimant or the `via` (its words, and where they were read), as the copy
/// leaves them out; a claim left with no citation goes, and the source from the `cites` of any
/// other. A record change left with nothing before or after it goes from its entry, and the
/// command of an entry that touched what went, or that names the source, is withheld too (it
/// holds the title and author as typed). The entry itself stays, with its time and author: an
/// undo names it, and it says that someone changed something then.
///
/// A source is withheld under every id it went by: the user names the one the store shows now,
/// and the entries from before an `isnad rename` hold the old one, with its title and quotes.
extension HistoryLines {
    /// The command an entry is given in the place of one that named a withheld source.
    public static let withheldCommand = "(command withheld: it named a source withheld on import)"

    /// A source to withhold (`--without-source`) that no entry names: a mistyped id, most likely.
    public struct UnknownWithheldSource: Error, CustomStringConvertible {
        public let id: String
        public init(id: String) { self.id = id }
        public var description: String {
            "no entry of the history names a source \"\(Text.printable(id))\" (--without-source takes a source's id): nothing imported"
        }
    }

    /// What ``withholding(_:from:)`` did.
    public struct Withheld: Sendable, Equatable {
        /// The entries, the withheld records' lines and commands taken out.
        public var entries: [HistoryEntry]
        /// How many entries it changed.
        public var changedEntries: Int
        /// The sources asked for that no entry names: likely a mistyped id.
        public var unknownSources: [String]
    }

    /// `entries` without the sources `withheld` (ids), as the type says.
    public static func withholding(_ given: Set<String>, from entries: [HistoryEntry]) -> Withheld {
        let withheld = idsWentBy(given, in: entries)
        // The names the command lines may hold: each source's id, title, author and url, as any
        // of its lines gave them.
        var names: Set<String> = []
        var named: Set<String> = []
        for entry in entries {
            for change in entry.records where change.kind == .source && withheld.contains(change.id) {
                named.insert(change.id)
                for line in [change.before, change.after].compactMap({ $0 }) {
                    guard case .object(let object)? = try? JSONParser.parse(line) else { continue }
                    for key in ["title", "author", "url"] {
                        if case .string(let name)? = object[key], name.count >= 3 { names.insert(name) }
                    }
                }
            }
        }
        var result: [HistoryEntry] = []
        var changedEntries = 0
        for var entry in entries {
            var touched = false
            var records: [RecordChange] = []
            for var change in entry.records {
                let before = change.before.map { withheldLine($0, kind: change.kind, id: change.id, withheld) }
                let after = change.after.map { withheldLine($0, kind: change.kind, id: change.id, withheld) }
                let isWithheldSource = change.kind == .source && withheld.contains(change.id)
                guard before?.changed == true || after?.changed == true || isWithheldSource else {
                    records.append(change)
                    continue
                }
                touched = true
                if isWithheldSource { continue }
                change.before = before?.line
                change.after = after?.line
                // Before and after alike once withheld: the change was to what went.
                if change.before == nil && change.after == nil || change.before == change.after { continue }
                if change.before == nil { change.action = .added }
                if change.after == nil && change.action != .added { change.action = .removed }
                records.append(change)
            }
            let words = Set(HistoryMark.shellWords(entry.command))
            func isNamed(_ name: String) -> Bool { words.contains(name) || holds(entry.command, word: name) }
            let idsNamed = withheld.filter(isNamed)
            named.formUnion(idsNamed)
            if touched || !idsNamed.isEmpty || names.contains(where: isNamed) {
                entry.command = withheldCommand
                touched = true
            }
            if touched {
                changedEntries += 1
                entry.records = records
                entry.recordCount = records.count
            }
            result.append(entry)
        }
        return Withheld(entries: result, changedEntries: changedEntries, unknownSources: given.subtracting(named).sorted())
    }

    /// `ids` with every id their sources went by in `entries`, before and after: a rename's
    /// entry (or its undo's) removes the source under one id and adds it under the other, the
    /// record alike but for its id. Followed whether the entry was undone or not, and over ids
    /// used again since: more withheld, never less.
    static func idsWentBy(_ ids: Set<String>, in entries: [HistoryEntry]) -> Set<String> {
        var linked: [String: Set<String>] = [:]
        for entry in entries {
            let removed = entry.records.filter { $0.kind == .source && $0.action == .removed }
            let added = entry.records.filter { $0.kind == .source && $0.action == .added }
            guard !removed.isEmpty, !added.isEmpty else { continue }
            let isRename = HistoryMark.commandName(of: entry.command) == "isnad rename"
            for old in removed {
                for new in added
                where isRename && removed.count == 1 && added.count == 1
                    || recordWithoutID(old.before) != nil && recordWithoutID(old.before) == recordWithoutID(new.after)
                {
                    linked[old.id, default: []].insert(new.id)
                    linked[new.id, default: []].insert(old.id)
                }
            }
        }
        var all = ids
        var next = Array(ids)
        while let id = next.popLast() {
            for other in linked[id] ?? [] where all.insert(other).inserted { next.append(other) }
        }
        return all
    }

    /// A record line's members but its id, to tell the same record under another id.
    private static func recordWithoutID(_ line: String?) -> [JSONObject.Member]? {
        guard let line, case .object(let object)? = try? JSONParser.parse(line) else { return nil }
        return object.members.filter { $0.key != "id" }
    }

    /// `command` with each of `ids` where it stands as a word of its own (see
    /// ``holds(_:word:)``) written `withheld-source`: `--without-source pub` goes, the file
    /// `public-records.jsonl` and the author `pubkeeper` stay as typed.
    public static func command(_ command: String, withholding ids: Set<String>) -> String {
        var command = command
        for id in ids.sorted(by: { $0.count > $1.count }) where !id.isEmpty {
            var result = ""
            var rest = command[...]
            while let range = rest.range(of: id) {
                result += rest[..<range.lowerBound]
                let before = range.lowerBound == command.startIndex ? nil : command[command.index(before: range.lowerBound)]
                let after = range.upperBound == command.endIndex ? nil : command[range.upperBound]
                result += isIDCharacter(before) || isIDCharacter(after) ? String(rest[range]) : "withheld-source"
                rest = rest[range.upperBound...]
            }
            command = result + rest
        }
        return command
    }

    /// The record `line` of `kind` `id` without what `withheld` names, with whether it changed;
    /// a nil line when nothing of it stays (a claim with no citation left). A line that is not
    /// an object is left as it is: it is not one a store writes.
    private static func withheldLine(_ line: String, kind: Record.Kind, id: String, _ withheld: Set<String>)
        -> (line: String?, changed: Bool)
    {
        guard kind != .entity, case .object(let object)? = try? JSONParser.parse(line) else { return (line, false) }
        var changed = false
        var members: [JSONObject.Member] = []
        for member in object.members {
            switch (kind, member.key, member.value) {
            case (.claim, "citations", .array(let citations)):
                let kept = citations.filter { citation in
                    guard case .object(let fields) = citation else { return true }
                    return !["source", "via"].contains { key in
                        if case .string(let source)? = fields[key] { withheld.contains(source) } else { false }
                    }
                }
                if kept.count == citations.count {
                    members.append(member)
                    continue
                }
                changed = true
                if kept.isEmpty { return (nil, true) }
                members.append(.init(key: member.key, value: .array(kept)))
            case (.source, "cites", .array(let cited)):
                let kept = cited.filter { if case .string(let source) = $0 { !withheld.contains(source) } else { true } }
                changed = changed || kept.count != cited.count
                // None left, no list: a store writes a source that cites none so, and a line that
                // had none beside one that cited only what went would read as a change.
                if !kept.isEmpty { members.append(.init(key: member.key, value: .array(kept))) }
            default:
                members.append(member)
            }
        }
        guard changed else { return (line, false) }
        var writer = JSONWriter()
        write(.object(JSONObject(members: members)), to: &writer)
        return (String(decoding: writer.bytes, as: UTF8.self), true)
    }

    /// Whether `command` holds `word` (an id, a title) as a word of its own, case as it is
    /// (`informant-rafah`, not in `informant-rafah-2`; a title `Import`, not in `import`): bounded
    /// by what cannot be in an id, which is letters, digits, `-`, `_` and `.`.
    private static func holds(_ command: String, word: String) -> Bool {
        var searched = command[...]
        while let range = searched.range(of: word) {
            let before = range.lowerBound == command.startIndex ? nil : command[command.index(before: range.lowerBound)]
            let after = range.upperBound == command.endIndex ? nil : command[range.upperBound]
            if !isIDCharacter(before), !isIDCharacter(after) { return true }
            searched = command[range.upperBound...]
        }
        return false
    }

    private static func isIDCharacter(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber || "-_.".contains(character)
    }

    /// `value` as a store writes a record line: compact, members in their order.
    private static func write(_ value: JSONValue, to writer: inout JSONWriter) {
        switch value {
        case .null: writer.null()
        case .bool(let flag): writer.boolean(flag)
        case .number(let text): writer.number(text)
        case .string(let text): writer.string(text)
        case .array(let elements):
            writer.beginArray()
            for element in elements { write(element, to: &writer) }
            writer.endArray()
        case .object(let object):
            writer.beginObject()
            for member in object.members {
                writer.key(member.key)
                write(member.value, to: &writer)
            }
            writer.endObject()
        }
    }
}
