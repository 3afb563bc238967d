/// An import of records from a copy of this store (`isnad copy`, worked on elsewhere) merged
/// field by field against this store's history since the last entry the two share: a value this
/// store changed since is kept where the file did not change it, and refused where both did.
extension ChangeSession {
    /// Merges what this import wrote into records this store's own history changed after entry
    /// `base`, record by record, field by field (``MergedFields``):
    /// - a field the file holds as it was at `base` keeps this store's value (the file did not
    ///   change it: it is not taken back);
    /// - a field this store holds as it was at `base` is the file's (as without a base);
    /// - a field both changed to different values is a conflict: every one is listed, and the
    ///   import refused (``ImportConflicts``).
    /// A record this store deleted after `base` that the file changed is a conflict too; one the
    /// file holds as it was at `base` stays deleted (unless a record refers to it). Records
    /// this store did not change after `base` are the file's, as without a base. Entries from
    /// another store's history (`import --from history`) changed no record here: they are not
    /// this store's changes.
    ///
    /// Returns the records the file held as they were at `base` that this store deleted since:
    /// they stay deleted, so the import did not bring them (its summary says so).
    func keepChanges(since base: Int) throws -> [(kind: Record.Kind, id: String)] {
        let database = store.database
        let last = try database.cached("SELECT max(id) FROM change WHERE id <> ?1").scalarInteger([.integer(Int64(number))])
        guard let last, base <= Int(last) else { throw BaseEntryBeyondHistory(base: base, last: last.map { Int($0) }) }
        var touched: [(kind: Record.Kind, id: String, before: String?)] = []
        try database.cached("SELECT kind, record, before FROM change_record WHERE change = ?1 ORDER BY record")
            .forEachRow([.integer(Int64(number))]) { row in
                touched.append((Record.Kind(rawValue: row.string(0)) ?? .entity, row.string(1), row.text(2)))
            }
        // Conflicts in the history's order: entities, sources, claims, each kind by id.
        let kinds = Record.Kind.allCases
        touched.sort { (kinds.firstIndex(of: $0.kind) ?? 0, $0.id) < (kinds.firstIndex(of: $1.kind) ?? 0, $1.id) }
        // This store's changes after `base` to the records this import wrote, read in one pass: a
        // query per record would scan every history row after `base` each time (no index leads
        // with the record), quadratic in the records changed.
        var changedSince: [String: [(number: Int, before: String?, author: String)]] = [:]
        try database.prepare(
            """
            SELECT r.kind, r.record, r.change, r.before, c.author FROM change_record AS r JOIN change AS c ON c.id = r.change
            WHERE r.change > ?1 AND r.change <> ?2 AND c.travelled = 0
            AND EXISTS (SELECT 1 FROM change_record AS t WHERE t.change = ?2 AND t.kind = r.kind AND t.record = r.record)
            ORDER BY r.change
            """
        ).forEachRow([.integer(Int64(base)), .integer(Int64(number))]) { row in
            changedSince[row.string(0) + "\u{0}" + row.string(1), default: []].append((row.int(2), row.text(3), row.string(4)))
        }
        var conflicts: [ImportConflicts.Conflict] = []
        var unchangedDeleted:
            [(kind: Record.Kind, id: String, name: String, deleter: (number: Int, before: String?, author: String))] = []
        let decoder = RecordDecoder(vocabulary: store.vocabulary)
        for record in touched {
            let entries = changedSince[record.kind.rawValue + "\u{0}" + record.id] ?? []
            guard let first = entries.first else { continue }
            let name = "\(record.kind.rawValue) \"\(Text.printable(record.id))\""
            // Deleted here since (the last entry that touched it took it away): not put back
            // unseen, nor its references checked anew.
            guard let current = record.before else {
                let deleter = entries.last ?? first
                // Held by the file as it was at `base` (a full export holds every record): the
                // file did not work on it, and it stays deleted, once nothing refers to it.
                if let atBase = first.before, let written = try store.record(record.kind, id: record.id),
                    MergedFields(canonical(written)).values == MergedFields(atBase).values
                {
                    unchangedDeleted.append((record.kind, record.id, name, deleter))
                    continue
                }
                conflicts.append(
                    .init(
                        text:
                            "\(name): deleted in this store by entry \(deleter.number) (\(Text.printable(deleter.author))); the file holds it",
                        remedy: .deleteInTheFilesStore))
                continue
            }
            guard let written = try store.record(record.kind, id: record.id) else { continue }
            // The states the record went through here since `base`: before each entry, then now.
            let states = entries.map(\.before) + [current]
            let fields = states.map(MergedFields.init)
            let file = MergedFields(canonical(written))
            let (baseFields, currentFields) = (fields[0], fields[fields.count - 1])
            var kept: [String] = []
            for key in currentFields.keys.union(file.keys).sorted() {
                let (ours, theirs, shared) = (currentFields.values[key], file.values[key], baseFields.values[key])
                if RecordDiff.sameBytes(ours, theirs) || RecordDiff.sameBytes(ours, shared) { continue }
                if RecordDiff.sameBytes(theirs, shared) {
                    kept.append(key)
                    continue
                }
                // The entry that last set this store's value.
                let setter =
                    entries.indices.last { !RecordDiff.sameBytes(fields[$0].values[key], fields[$0 + 1].values[key]) }
                    .map { entries[$0] } ?? first
                // A citation is named at its place at `base`, found by its key (source, via,
                // quote): where both stores had it when the copy was made, not where either has it
                // now (one took out an earlier citation: it moved up; this store no longer has it:
                // in the record the import wrote, it follows this store's citations). One added
                // since is named where this store has it, else the file. A side without it is
                // said to have no such citation, not to lack the field.
                let theirsShown = file.hasCitation(of: key) ? MergedFields.shown(theirs) : "has \(MergedFields.noSuchCitation)"
                let shownPath = baseFields.path(of: key, elseAsIn: currentFields, file)
                // The remedy sets the field where this store has it now: a citation that moved
                // here since `base` is named at both places, so that `isnad set` is given the
                // current one (the place at `base` is another citation here). One this store no
                // longer has cannot be set here.
                let isHere = currentFields.hasCitation(of: key)
                let herePath = currentFields.path(of: key)
                let place =
                    isHere && herePath != shownPath ? "\(shownPath) (at entry \(base); \(herePath) in this store now)" : shownPath
                conflicts.append(
                    .init(
                        text:
                            "\(name) \(place): this store has \(isHere ? MergedFields.shown(ours) : MergedFields.noSuchCitation) (entry \(setter.number), \(Text.printable(setter.author))), the file \(theirsShown)",
                        remedy: isHere ? (herePath != shownPath ? .setAtItsPlaceHere : .set) : .setInTheFilesStore))
            }
            guard !kept.isEmpty, conflicts.isEmpty else { continue }
            let merged = file.keeping(kept, from: currentFields)
            do {
                try put(try decoder.decode(keptLine: merged, kind: record.kind, id: record.id), checkingLength: false)
            } catch {
                conflicts.append(
                    .init(text: "\(name): this store's values and the file's do not make a valid record together (\(error))"))
            }
        }
        if !conflicts.isEmpty { throw ImportConflicts(base: base, conflicts: conflicts) }
        // Taken out again, claims first, then what they name; this import's line for it goes
        // too (it had added the record: the entry changes nothing of it).
        let forget = try database.cached("DELETE FROM change_record WHERE change = ?1 AND kind = ?2 AND record = ?3")
        var keptDeleted: [(kind: Record.Kind, id: String)] = []
        for kind in [Record.Kind.claim, .source, .entity] {
            for record in unchangedDeleted where record.kind == kind {
                if let reference = try store.firstReference(to: kind, id: record.id) {
                    conflicts.append(
                        .init(
                            text:
                                "\(record.name): deleted in this store by entry \(record.deleter.number) (\(Text.printable(record.deleter.author))); the file holds it as it was at entry \(base), but \(reference) refers to it",
                            remedy: .deleteInTheFilesStore))
                    continue
                }
                try store.remove(kind, id: record.id)
                try forget.run([.integer(Int64(number)), .text(kind.rawValue), .text(record.id)])
                keptDeleted.append((kind, record.id))
            }
        }
        if !conflicts.isEmpty { throw ImportConflicts(base: base, conflicts: conflicts) }
        return keptDeleted
    }
}

/// `--base-entry N` past the last entry of this store's history.
public struct BaseEntryBeyondHistory: Error, CustomStringConvertible, Sendable {
    public let base: Int
    public let last: Int?

    public var description: String {
        "--base-entry \(base): "
            + (last.map { "this store's history ends at entry \($0)" } ?? "this store has no history")
            + ": give the last entry this store and the file's store share (isnad log --limit 1 in the copy, before work on it began); nothing was imported"
    }
}

/// Fields both this store (after the base entry) and the file changed, to different values:
/// the import is refused whole.
public struct ImportConflicts: Error, CustomStringConvertible, Sendable {
    public struct Conflict: Sendable, Equatable {
        public let text: String
        public var remedy: Remedy = .set
    }

    /// What resolves a conflict, as the refusal's last line says.
    public enum Remedy: Sendable, Equatable {
        /// `isnad set` the value wanted, here or in the file's store, at the place the conflict names.
        case set
        /// As `set`, but here at the citation's current place, which the conflict names apart
        /// (it moved since the base entry).
        case setAtItsPlaceHere
        /// A field of a citation this store no longer has: nothing to set here, so set it back
        /// (or take the citation out) in the file's store.
        case setInTheFilesStore
        /// A record this store took away (deleted, merged into another, renamed): no value
        /// to set, so another remedy.
        case deleteInTheFilesStore
    }

    /// The base entry the import was given.
    public let base: Int
    public let conflicts: [Conflict]

    public var description: String {
        let count = conflicts.count
        let remedies = Set(conflicts.map(\.remedy))
        let setHere = remedies.contains(.set) || remedies.contains(.setAtItsPlaceHere)
        return
            ([
                "--base-entry \(base): \(count) \(count == 1 ? "conflict" : "conflicts") between this store's changes since entry \(base) and the file:"
            ] + conflicts.map { "  " + $0.text }
            + [
                "nothing was imported: "
                    + [
                        setHere
                            ? "isnad set the value wanted, in this store"
                                + (remedies.contains(.setAtItsPlaceHere)
                                    ? " (a citation that moved: at its place named \"in this store now\")" : "")
                                + " or in the file's store (then export it again)" : nil,
                        remedies.contains(.setInTheFilesStore)
                            ? "for a citation this store no longer has, set the field back as it was at entry \(base) in the file's store, or take the citation out there (then export it again)"
                            : nil,
                        remedies.contains(.deleteInTheFilesStore)
                            ? "for a record this store deleted, delete it in the file's store too, or merge or rename it there as this store did (then export it again), or take its line out of the file"
                            : nil,
                    ].compactMap { $0 }.joined(separator: "; ") + ", and import again"
            ]).joined(separator: "\n")
    }
}

/// A record's fields as a merge compares them: each top-level field whole (a list of aliases is
/// one field), and each citation's fields apart, the citation known by its source, via and
/// quote, as an import matches citations (not by its place, which moves when one is taken out),
/// and its presence a field of its own. Values are JSON text, compared byte for byte.
struct MergedFields {
    /// The record as parsed; nil when there was none (added since, or deleted).
    let object: JSONObject?
    var values: [String: String] = [:]
    /// Each citation's key and its place in the record.
    var citationPlaces: [String: Int] = [:]

    var keys: Set<String> { Set(values.keys) }

    init(_ line: String?) {
        guard let line, case .object(let object)? = try? JSONParser.parse(line) else {
            self.object = nil
            return
        }
        self.object = object
        for member in object.members where member.key != "record" && member.key != "citations" {
            values[member.key] = JSONValue.inline(member.value)
        }
        for (place, citation) in (object["citations"]?.arrayValue ?? []).enumerated() {
            guard case .object(let fields) = citation else { continue }
            let key = MergedFields.citationKey(fields)
            citationPlaces[key] = place
            values[key] = MergedFields.present
            for member in fields.members where !["source", "via", "quote"].contains(member.key) {
                values[key + "\u{0}" + member.key] = JSONValue.inline(member.value)
            }
        }
    }

    /// The value of a citation's own key: it is there (its fields are keys of their own).
    static let present = "(the citation)"

    /// A value as a conflict names it: its JSON text, `(none)` when the field is not there.
    static func shown(_ value: String?) -> String { value.map { Text.printable($0) } ?? "(none)" }

    /// What a conflict says of a citation's field where the record has no such citation.
    static let noSuchCitation = "no such citation"

    /// Whether the record has the citation whose field `key` is; true for a top-level field.
    func hasCitation(of key: String) -> Bool {
        let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false)
        guard parts.count > 4, parts[0] == "citations" else { return true }
        return values[parts[0...3].joined(separator: "\u{0}")] != nil
    }

    /// `citations` then the citation's source, via and quote, apart.
    static func citationKey(_ citation: JSONObject) -> String {
        (["citations"] + ["source", "via", "quote"].map { citation[$0].map(JSONValue.inline) ?? "null" })
            .joined(separator: "\u{0}")
    }

    /// The field as `isnad log` names it (`reliability`, `citations[1].credibility`, `citations[1]`),
    /// a citation at its place in this record, else at its place in the first of `others` that has it.
    func path(of key: String, elseAsIn others: MergedFields...) -> String {
        let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0] == "citations" else { return key }
        let citation = parts[0...3].joined(separator: "\u{0}")
        let place = ([self] + others).lazy.compactMap { $0.citationPlaces[citation] }.first.map(String.init) ?? "?"
        return parts.count > 4 ? "citations[\(place)].\(parts[4])" : "citations[\(place)]"
    }

    /// These fields, with those of `keys` as `other` has them: a JSON line.
    func keeping(_ keys: [String], from other: MergedFields) -> String {
        var members = object?.members ?? []
        var citations = object?["citations"]?.arrayValue ?? []
        let otherCitations = other.object?["citations"]?.arrayValue ?? []
        // Each citation's place, found once: a claim may keep thousands of this store's
        // citation fields, and a search of the list for each would be quadratic. The first of
        // two alike is the one changed, as a search would find it.
        var places: [String: Int] = [:]
        for (place, citation) in citations.enumerated() {
            guard case .object(let fields) = citation else { continue }
            let key = MergedFields.citationKey(fields)
            if places[key] == nil { places[key] = place }
        }
        // Taken out at the end, so that the places found stay true.
        var takenOut: Set<Int> = []
        for key in keys {
            let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 4, parts[0] == "citations" else {
                let value = other.object?[key]
                if let index = members.firstIndex(where: { $0.key == key }) {
                    if let value { members[index] = .init(key: key, value: value) } else { members.remove(at: index) }
                } else if let value {
                    members.append(.init(key: key, value: value))
                }
                continue
            }
            let citationKey = parts[0...3].joined(separator: "\u{0}")
            let theirs = other.citationPlaces[citationKey].flatMap {
                otherCitations.indices.contains($0) ? otherCitations[$0] : nil
            }
            let index = places[citationKey]
            if parts.count == 4 {
                // The citation itself: taken out, or put back, as `other` has it.
                if let index, theirs == nil {
                    takenOut.insert(index)
                    places[citationKey] = nil
                }
                if index == nil, let theirs {
                    places[citationKey] = citations.count
                    citations.append(theirs)
                }
                continue
            }
            guard let index, case .object(let fields) = citations[index] else { continue }
            var citationMembers = fields.members
            var value: JSONValue?
            if case .object(let otherFields)? = theirs { value = otherFields[parts[4]] }
            if let at = citationMembers.firstIndex(where: { $0.key == parts[4] }) {
                if let value { citationMembers[at] = .init(key: parts[4], value: value) } else { citationMembers.remove(at: at) }
            } else if let value {
                citationMembers.append(.init(key: parts[4], value: value))
            }
            citations[index] = .object(JSONObject(members: citationMembers))
        }
        if !takenOut.isEmpty {
            citations = citations.indices.filter { !takenOut.contains($0) }.map { citations[$0] }
        }
        if let index = members.firstIndex(where: { $0.key == "citations" }) {
            members[index] = .init(key: "citations", value: .array(citations))
        }
        return JSONValue.inline(.object(JSONObject(members: members)))
    }
}
