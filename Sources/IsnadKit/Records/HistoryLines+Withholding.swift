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
/// An id given withholds every source that went by it; one of the withheld sources' other ids,
/// given to another source after a rename (where a store took the history from another), names
/// that source there, and its entries stay.
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
        /// Each id a withheld source went by that another source had too (a rename took it away,
        /// and it was given again), with the ids those sources have now: they stay.
        public var otherSourcesOfIDs: [String: [String]] = [:]
        /// Each id given that more than one source went by, with the ids they have now: all withheld.
        public var severalSources: [String: [String]] = [:]
        /// What names the withheld sources, as a command line is matched against: their ids, and
        /// the titles, authors and urls of their lines (``mentions(in:of:limit:)`` looks for them
        /// in the records kept).
        public var names: Set<String> = []
    }

    /// Where the kept record lines of `entries` still name a withheld source (`names`, looked
    /// for as `isnad copy --without-source` looks for them in a copy's records: folded, as words
    /// of their own, ``WithheldNames``): `entity "kamal-nasser" name`, a field of a record
    /// line, each once an entry, with the entry's number as `number` gives it (nil: left out,
    /// an entry the store holds already). The first `limit` are listed, the rest counted, so a
    /// large history holds no more than that in memory.
    public static func mentions(
        in entries: [HistoryEntry], of names: Set<String>, number: (Int) -> Int?, limit: Int = 20
    ) -> (listed: [String], beyond: Int) {
        var listed: [String] = []
        var beyond = 0
        let names = WithheldNames(names)
        guard !names.isEmpty else { return ([], 0) }
        for (index, entry) in entries.enumerated() {
            guard let shown = number(index) else { continue }
            for change in entry.records {
                var fields: [String] = []
                for line in [change.before, change.after].compactMap({ $0 }) {
                    guard case .object(let object)? = try? JSONParser.parse(line) else { continue }
                    for member in object.members where !fields.contains(member.key) {
                        if strings(in: member.value).contains(where: names.isNamed(in:)) {
                            fields.append(member.key)
                        }
                    }
                }
                for field in fields {
                    if listed.count < limit {
                        listed.append("entry \(shown): \(change.kind.rawValue) \"\(change.id)\" \(field)")
                    } else {
                        beyond += 1
                    }
                }
            }
        }
        return (listed, beyond)
    }

    /// Every string `value` holds, in arrays and objects too (a citation's quote, an alias).
    private static func strings(in value: JSONValue) -> [String] {
        switch value {
        case .string(let text): [text]
        case .array(let elements): elements.flatMap(strings)
        case .object(let object): object.members.flatMap { strings(in: $0.value) }
        default: []
        }
    }

    /// `entries` without the sources `given` (ids), as the type says.
    public static func withholding(_ given: Set<String>, from entries: [HistoryEntry]) -> Withheld {
        // Which source each id named when, and the names each source went by: an id given is the
        // source that had it last (the store shows it so), withheld under every id it went by
        // and no other, so a source given one of its ids after a rename keeps its entries.
        var lineage = SourceLineage()
        // Where each source's lines are, read once the sources withheld are known.
        var linesOfSource: [Int: [String]] = [:]
        for entry in entries {
            let after = lineage.begin(entry)
            for change in entry.records where change.kind == .source {
                let sides = [
                    (change.before, lineage.source(of: change.id)),
                    (change.after, after[change.id] ?? lineage.source(of: change.id)),
                ]
                for case (let line?, let source?) in sides { linesOfSource[source, default: []].append(line) }
            }
            lineage.end(after)
        }
        // Every source that went by an id given: an id two sources had (one renamed away, the
        // id given again) may mean either, and a protected source let through cannot be taken
        // back, so both go, and the import names both. An id the withheld sources went by that
        // was not given names only them: another source given it since stays.
        let withheld = Set(lineage.everyID.indices.filter { !lineage.everyID[$0].isDisjoint(with: given) })
        var severalSources: [String: [String]] = [:]
        for id in given {
            let sources = withheld.filter { lineage.everyID[$0].contains(id) }
            if sources.count > 1 { severalSources[id] = sources.map { lineage.currentID[$0] }.sorted() }
        }
        // An id no source record has: withheld wherever it stands, as the user gave it.
        let unseen = given.filter { lineage.lastSource[$0] == nil }
        // The names the command lines may hold: each source's ids, title, author and url, as any
        // of its lines gave them.
        var names: Set<String> = []
        for line in withheld.flatMap({ linesOfSource[$0] ?? [] }) {
            guard case .object(let object)? = try? JSONParser.parse(line) else { continue }
            for key in ["title", "author", "url"] {
                if case .string(let name)? = object[key], name.count >= 3 { names.insert(name) }
            }
        }
        let withheldIDs = withheld.reduce(into: Set<String>()) { $0.formUnion(lineage.everyID[$1]) }
        var named = given.subtracting(unseen)
        var otherSourcesOfIDs: [String: [String]] = [:]
        for id in withheldIDs {
            let others = lineage.everyID.indices.filter { !withheld.contains($0) && lineage.everyID[$0].contains(id) }
            if !others.isEmpty { otherSourcesOfIDs[id] = others.map { lineage.currentID[$0] }.sorted() }
        }

        var replay = SourceLineage(firstSources: lineage.firstSource)
        // The withheld ids that a record of another kind has (an entity given one after a rename).
        var otherRecords: Set<String> = []
        var result: [HistoryEntry] = []
        var changedEntries = 0
        for var entry in entries {
            let after = replay.begin(entry)
            // A line before the entry names the sources as they were, one after it as it left them.
            func isWithheld(_ id: String, after isAfter: Bool) -> Bool {
                guard let source = (isAfter ? after[id] : nil) ?? replay.source(of: id) else { return unseen.contains(id) }
                return withheld.contains(source)
            }
            var touched = false
            var records: [RecordChange] = []
            for var change in entry.records {
                let before = change.before.map { line in withheldLine(line, kind: change.kind) { isWithheld($0, after: false) } }
                let after = change.after.map { line in withheldLine(line, kind: change.kind) { isWithheld($0, after: true) } }
                let isWithheldSource = change.kind == .source && isWithheld(change.id, after: change.action == .added)
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
            let othersBefore = otherRecords
            for change in entry.records where change.kind != .source && withheldIDs.contains(change.id) {
                if change.action == .added { otherRecords.insert(change.id) }
                if change.action == .removed { otherRecords.remove(change.id) }
            }
            // An id a withheld source went by names another record in a command when, before
            // the entry or after it, another source has it, or a record of another kind while
            // no withheld source does.
            func isAnothers(_ id: String) -> Bool {
                let sides = [
                    (replay.currentSource(of: id), othersBefore),
                    (after[id] ?? replay.currentSource(of: id), otherRecords),
                ]
                return sides.contains { source, others in
                    source.map { !withheld.contains($0) } ?? others.contains(id)
                }
            }
            let words = Set(HistoryMark.shellWords(entry.command))
            func isNamed(_ name: String) -> Bool { words.contains(name) || holds(entry.command, word: name) }
            let unseenNamed = unseen.filter(isNamed)
            named.formUnion(unseenNamed)
            if touched || !unseenNamed.isEmpty || withheldIDs.contains(where: { isNamed($0) && !isAnothers($0) })
                || names.contains(where: isNamed)
            {
                entry.command = withheldCommand
                touched = true
            }
            if touched {
                changedEntries += 1
                entry.records = records
                entry.recordCount = records.count
            }
            result.append(entry)
            replay.end(after)
        }
        return Withheld(
            entries: result, changedEntries: changedEntries, unknownSources: given.subtracting(named).sorted(),
            otherSourcesOfIDs: otherSourcesOfIDs, severalSources: severalSources, names: names.union(withheldIDs).union(unseen))
    }

    /// Which source each id of a history's entries named, entry by entry, each source numbered.
    /// A source keeps its number through a rename (an entry that removes it under one id and
    /// adds it under another: `isnad rename`'s, or any whose record is alike but for its id, as
    /// an undo of one), and through its removal and return under the same id (an undo, an
    /// import again); an id given to another source after a rename took it away (a store that
    /// took this history from another is not held to the rename) names that source from then on.
    struct SourceLineage {
        /// The source each id was given to last.
        private(set) var lastSource: [String: Int] = [:]
        /// Every id each source went by, by its number.
        private(set) var everyID: [Set<String>] = []
        /// The source each id was first given to, from an earlier pass over the entries: a line
        /// may name a source before the first entry that holds its record (a history that
        /// starts after it was added).
        private(set) var firstSource: [String: Int]
        /// The id each source has now (its last, once removed), by its number.
        private(set) var currentID: [String] = []

        init(firstSources: [String: Int] = [:]) { firstSource = firstSources }

        /// The source `id` names as the entry begins: the last it was given to (the first, before it is given).
        func source(of id: String) -> Int? { lastSource[id] ?? firstSource[id] }

        /// The source that has `id` now: none once a rename took it away.
        func currentSource(of id: String) -> Int? {
            lastSource[id].flatMap { currentID[$0] == id ? $0 : nil }
        }

        /// Begins `entry`: the sources its records add, by the ids they have after it
        /// (``end(_:)`` gives them those).
        mutating func begin(_ entry: HistoryEntry) -> [String: Int] {
            let sources = entry.records.filter { $0.kind == .source }
            // A source met first changed or removed was there before the entries begin.
            for change in sources where change.action != .added && lastSource[change.id] == nil {
                give(change.id, to: newSource())
            }
            let removed = sources.filter { $0.action == .removed }.map { (id: $0.id, record: recordWithoutID($0.before)) }
            let added = sources.filter { $0.action == .added }
            let isRename =
                HistoryMark.commandName(of: entry.command) == "isnad rename" && removed.count == 1 && added.count == 1
            var after: [String: Int] = [:]
            for new in added {
                let record = removed.isEmpty ? nil : recordWithoutID(new.after)
                let renamed = removed.first { isRename || $0.record != nil && $0.record == record }
                if let renamed, let source = lastSource[renamed.id] {
                    after[new.id] = source
                } else if let source = lastSource[new.id], currentID[source] == new.id {
                    after[new.id] = source
                } else {
                    after[new.id] = newSource()
                }
            }
            return after
        }

        /// Ends the entry begun: the sources it added have their ids.
        mutating func end(_ after: [String: Int]) {
            for (id, source) in after { give(id, to: source) }
        }

        private mutating func newSource() -> Int {
            currentID.append("")
            everyID.append([])
            return currentID.count - 1
        }

        private mutating func give(_ id: String, to source: Int) {
            lastSource[id] = source
            currentID[source] = id
            everyID[source].insert(id)
            if firstSource[id] == nil { firstSource[id] = source }
        }
    }

    /// A record line's members but its id, to tell the same record under another id.
    private static func recordWithoutID(_ line: String?) -> [JSONObject.Member]? {
        guard let line, case .object(let object)? = try? JSONParser.parse(line) else { return nil }
        return object.members.filter { $0.key != "id" }
    }

    /// `command` with each of `ids` where it stands as a word of its own (see
    /// ``holds(_:word:)``), or as a file's name before its extension, written `withheld-source`:
    /// `--without-source pub` goes, and so does the file `pub.hist` (a file named after the
    /// source gives its id whole), while the file `public-records.jsonl` and the author
    /// `pubkeeper` stay as typed.
    public static func command(_ command: String, withholding ids: Set<String>) -> String {
        var command = command
        for id in ids.sorted(by: { $0.count > $1.count }) where !id.isEmpty {
            var result = ""
            var rest = command[...]
            while let range = rest.range(of: id) {
                result += rest[..<range.lowerBound]
                let before = range.lowerBound == command.startIndex ? nil : command[command.index(before: range.lowerBound)]
                let after = range.upperBound == command.endIndex ? nil : command[range.upperBound]
                // A `.` after it starts an extension: the id is the file's name.
                let endsName = after == "." || !isIDCharacter(after)
                result += isIDCharacter(before) || !endsName ? String(rest[range]) : "withheld-source"
                rest = rest[range.upperBound...]
            }
            command = result + rest
        }
        return command
    }

    /// The record `line` of `kind` without the sources `isWithheld` names, with whether it
    /// changed; a nil line when nothing of it stays (a claim with no citation left). A line that
    /// is not an object is left as it is: it is not one a store writes.
    private static func withheldLine(_ line: String, kind: Record.Kind, isWithheld: (String) -> Bool)
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
                        if case .string(let source)? = fields[key] { isWithheld(source) } else { false }
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
                let kept = cited.filter { if case .string(let source) = $0 { !isWithheld(source) } else { true } }
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
