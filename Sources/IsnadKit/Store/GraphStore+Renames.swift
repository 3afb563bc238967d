/// The ids that `isnad rename` took away, as the history tells them.
extension GraphStore {
    /// An id a rename took away, and what names the record now.
    public struct RenamedID: Sendable, Equatable {
        public let kind: Record.Kind
        public let old: String
        /// The id the record has now: the rename's, or a later rename's of that one.
        public let current: String
        /// The history entry of the (first) rename.
        public let entry: Int

        /// `source "x" was renamed "y" (history entry 3)`, for a message that refuses the old id.
        public var sentence: String { "\(kind.rawValue) \"\(old)\" was renamed \"\(current)\" (history entry \(entry))" }
    }

    /// The rename that took `id` away, when no record of the kind holds it now: a record put
    /// under it would bring the old id back beside the new one (a source's real name beside its
    /// pseudonym).
    public func renameThatTookAway(_ kind: Record.Kind, _ id: String) throws -> RenamedID? {
        try RenamedIDs(store: self).took(kind, id)
    }

    /// One id a record went by, and the entries between which it did: from the rename that gave
    /// it (0: from the start) to the one that took it away (`Int.max`: it has it still).
    public struct HeldID: Sendable, Equatable {
        public let id: String
        public let from: Int
        public let until: Int
    }

    /// The ids the record of `kind` under `id` went by, the id itself first, then the older ones:
    /// walked back one rename at a time, each before the last, so that an id in the middle of a
    /// chain has its own past, and rows under an id before the rename that gave it to this
    /// record (another record's, in a store where a rename reused an id) are not its own. A
    /// claim follows its own renames, not the ids an entity's rename derived anew for it.
    public func heldIDs(of id: String, kind: Record.Kind) throws -> [HeldID] {
        var renamesTo: [String: [(old: String, entry: Int)]] = [:]
        // Another store's renames too (its history imported): its records came from there.
        for rename in try standingRenames(includingTravelled: true) where rename.kind == kind {
            renamesTo[rename.new, default: []].append((rename.old, rename.entry))
        }
        var held: [HeldID] = []
        var (name, until) = (id, Int.max)
        while let rename = renamesTo[name]?.filter({ $0.entry < until }).max(by: { $0.entry < $1.entry }) {
            held.append(HeldID(id: name, from: rename.entry, until: until))
            (name, until) = (rename.old, rename.entry)
        }
        held.append(HeldID(id: name, from: 0, until: until))
        return held
    }

    /// Every id a rename of this store that stands (not undone; not another store's history)
    /// took away, keyed by kind and id, with the id the record has now (``standingRenames(includingTravelled:)``).
    public func renamedIDs() throws -> [String: RenamedID] {
        var next: [String: (kind: Record.Kind, new: String, entry: Int)] = [:]
        for rename in try standingRenames() {
            next[Self.renameKey(rename.kind, rename.old)] = (rename.kind, rename.new, rename.entry)
        }
        guard !next.isEmpty else { return [:] }
        // Followed only through renames made after: `rename a b` then `rename c a` does not send
        // c on to b. The latest renames first, so that each id's end of the chain is known when
        // an earlier rename reaches it (a chain of a thousand renames is not walked a thousand times).
        var current: [String: String] = [:]
        var renamed: [String: RenamedID] = [:]
        for (key, rename) in next.sorted(by: { $0.value.entry > $1.value.entry }) {
            let newKey = Self.renameKey(rename.kind, rename.new)
            let end =
                if let later = next[newKey], later.entry > rename.entry, let laterEnd = current[newKey] {
                    laterEnd
                } else {
                    rename.new
                }
            current[key] = end
            let old = String(key.split(separator: "\u{0}", maxSplits: 1)[1])
            // Renamed back to itself, it was not taken away.
            guard end != old else { continue }
            renamed[key] = RenamedID(kind: rename.kind, old: old, current: end, entry: rename.entry)
        }
        return renamed
    }

    /// The renames that stand, in entry order: entries of `isnad rename` that removed one record
    /// of a kind and added one of the same kind (entities first, then sources, then claims). A
    /// claim's own rename counts, as an entity's does: a file written before it names the old
    /// id, and would bring the claim back beside itself, its evidence counted twice. The ids an
    /// entity's rename derived anew for its claims do not: a record without an id derives its id
    /// again, and a line that names the old derived id names the old entity too, and is refused
    /// for it.
    /// A rename that stands: the record of `kind` under `old` was given `new` by history entry `entry`.
    typealias StandingRename = (kind: Record.Kind, old: String, new: String, entry: Int)

    private func standingRenames(includingTravelled: Bool = false) throws -> [StandingRename] {
        try rowMemo.validate(database)
        if let known = rowMemo.standingRenames[includingTravelled] { return known }
        let renames = try readStandingRenames(includingTravelled: includingTravelled)
        rowMemo.standingRenames[includingTravelled] = renames
        return renames
    }

    private func readStandingRenames(includingTravelled: Bool) throws -> [StandingRename] {
        // The command line's name, not its words: an import of /data/renamed/x.jsonl is no
        // rename, and its rows (a million) are not read. The words are found through the index
        // `change_renames` (schema version 15): the few entries it holds, not every command line.
        var entries: [Int] = []
        try database.prepare(
            Self.renameEntriesQuery(includingTravelled: includingTravelled, onPostgreSQL: database.isPostgreSQL)
        ).forEachRow { row in
            if HistoryMark.commandName(of: row.string(1)) == "isnad rename" { entries.append(row.int(0)) }
        }
        var rows: [Int: RemovedAndAdded] = [:]
        try readRecordsRemovedAndAdded(by: entries, kinds: [.entity, .source], into: &rows)
        // A claim's own rename: an entry that renamed no entity or source. Its claims' rows are
        // read apart, and only for such entries: an entity's rename gives each of its claims
        // whose id was derived from the entity's id the id derived anew, thousands of rows.
        let claimRenames = entries.filter { Self.rename(in: rows[$0] ?? [:], kinds: [.entity, .source]) == nil }
        try readRecordsRemovedAndAdded(by: claimRenames, kinds: [.claim], into: &rows)
        var renames: [StandingRename] = []
        for entry in entries {
            if let rename = Self.rename(in: rows[entry] ?? [:], kinds: [.entity, .source, .claim]) {
                renames.append((rename.kind, rename.old, rename.new, entry))
            }
        }
        return renames
    }

    /// The entries whose command line says rename, not undone, nor undos (nor another store's,
    /// unless `includingTravelled`), in entry order, with their command lines. The condition on
    /// the words is the one of each engine's index `change_renames`, word for word: SQLite's
    /// `instr` (not `LIKE`, which a program may redefine, as the ICU extension does, and then
    /// could not read a store whose schema uses it), PostgreSQL's `strpos`.
    static func renameEntriesQuery(includingTravelled: Bool, onPostgreSQL: Bool) -> String {
        """
        SELECT id, command FROM change
        WHERE undone_by IS NULL AND undoes IS NULL\(includingTravelled ? "" : " AND travelled = 0")
          AND \(onPostgreSQL ? "strpos(command, 'rename') > 0" : "instr(command, 'rename') > 0")
        ORDER BY id
        """
    }

    /// The ids of `kinds` that each of `entries` removed and added, into `rows`: in one query
    /// for a few hundred entries (their numbers are integers, written into the statement), not
    /// one query each.
    private func readRecordsRemovedAndAdded(
        by entries: [Int], kinds: [Record.Kind], into rows: inout [Int: RemovedAndAdded]
    ) throws {
        let kindList = kinds.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        for chunk in stride(from: 0, to: entries.count, by: 500).map({ entries[$0..<min($0 + 500, entries.count)] }) {
            try database.prepare(
                """
                SELECT change, kind, record, action FROM change_record
                WHERE change IN (\(chunk.map(String.init).joined(separator: ", "))) AND kind IN (\(kindList)) AND action <> 'changed'
                """
            ).forEachRow { row in
                guard let kind = Record.Kind(rawValue: row.string(1)) else { return }
                if row.string(3) == "removed" {
                    rows[row.int(0), default: [:]][kind, default: ([], [])].removed.append(row.string(2))
                } else {
                    rows[row.int(0), default: [:]][kind, default: ([], [])].added.append(row.string(2))
                }
            }
        }
    }

    /// The record a rename's entry gave another id, of the first of `kinds` that the entry
    /// removed one record of and added one: nil for an entry that is no `isnad rename`, or that
    /// renamed no record of those kinds.
    public func renameIn(entry: Int, kinds: [Record.Kind] = Record.Kind.allCases) throws -> (
        kind: Record.Kind, old: String, new: String
    )? {
        guard let command = try database.cached("SELECT command FROM change WHERE id = ?1").scalarText([.integer(Int64(entry))]),
            HistoryMark.commandName(of: command) == "isnad rename"
        else { return nil }
        let records = try database.cached(
            "SELECT record, action FROM change_record WHERE change = ?1 AND kind = ?2 AND action <> 'changed' ORDER BY record")
        var rows: RemovedAndAdded = [:]
        for kind in kinds {
            try records.forEachRow([.integer(Int64(entry)), .text(kind.rawValue)]) { row in
                if row.string(1) == "removed" {
                    rows[kind, default: ([], [])].removed.append(row.string(0))
                } else {
                    rows[kind, default: ([], [])].added.append(row.string(0))
                }
            }
        }
        return Self.rename(in: rows, kinds: kinds)
    }

    /// The ids an entry removed and added, by kind.
    private typealias RemovedAndAdded = [Record.Kind: (removed: [String], added: [String])]

    /// The rename of a rename's entry: the first of `kinds` of which it removed one record and
    /// added one (an entity's rename also gives claims ids derived anew: the entity is the one
    /// renamed).
    private static func rename(in rows: RemovedAndAdded, kinds: [Record.Kind]) -> (kind: Record.Kind, old: String, new: String)? {
        for kind in kinds {
            if let records = rows[kind], records.removed.count == 1, records.added.count == 1 {
                return (kind, records.removed[0], records.added[0])
            }
        }
        return nil
    }

    /// The key of `renamedIDs()`'s dictionary.
    public static func renameKey(_ kind: Record.Kind, _ id: String) -> String { kind.rawValue + "\u{0}" + id }
}

/// The ids renames took away, read from the history once, when first asked: a resolver asks
/// for every name of a sheet's rows that is not an id, an import for every new record.
final class RenamedIDs {
    private let store: GraphStore
    private var ids: [String: GraphStore.RenamedID]?

    /// `ids` when the caller read them already (an import, before its rows are sent).
    init(store: GraphStore, ids: [String: GraphStore.RenamedID]? = nil) {
        self.store = store
        self.ids = ids
    }

    /// The rename that took `id` away, when no record of the kind holds it now.
    func took(_ kind: Record.Kind, _ id: String) throws -> GraphStore.RenamedID? {
        if ids == nil { ids = try store.renamedIDs() }
        // None in most stores: no key made, no record looked up.
        guard let ids, !ids.isEmpty, let renamed = ids[GraphStore.renameKey(kind, id)] else { return nil }
        return try store.record(kind, id: id) == nil ? renamed : nil
    }
}

/// The claim ids an entity's rename derived anew (a claim's id derived from what it says is a
/// hash of its ends' ids), read back from the rename's history entry: the entry holds each such
/// claim removed under its old id and added under its new one, and nothing more is recorded.
extension GraphStore {
    /// A claim id an entity's rename took away by deriving the claim's id anew.
    public struct ClaimIDDerivedAnew: Sendable, Equatable {
        public let old: String
        /// The id the entity's rename gave the claim.
        public let given: String
        /// The last id it was given: `given`, or a later rename's (of another entity it names, or
        /// its own).
        public let current: String
        /// No claim holds `current`: a change since removed it (a merge that combined it with
        /// another, an undo of the add), as the history tells.
        public let isGone: Bool
        /// The history entry of the entity's rename, and its command line.
        public let entry: Int
        public let command: String

        /// `claim "c-1" was renamed "c-2" by history entry 5 (isnad rename a b), which derived its
        /// id anew`, for a message that refuses the old id.
        public var sentence: String {
            "claim \"\(old)\" was renamed \"\(current)\" by history entry \(entry) (\(Text.printable(command))), which derived its id anew"
                + (current == given ? "" : " as \"\(given)\", and later renames")
        }
    }

    /// The entity's rename that derived anew the id of the claim that `id` named, when no claim
    /// holds `id` now and that rename stands (an undone one put the claim back under it), with
    /// the id the claim has now.
    public func claimIDDerivedAnew(from id: String) throws -> ClaimIDDerivedAnew? {
        guard Claim.derivedBase(of: id) != nil, try claimStatement(id: id) == nil,
            let first = try renameDerivingAnew(claim: id, after: 0)
        else { return nil }
        // Followed through later renames, each after the one before: another entity's, or the claim's own.
        var (current, entry) = (first.new, first.entry)
        var seen: Set<String> = [id]
        while try claimStatement(id: current) == nil, seen.insert(current).inserted {
            if let renamed = try renameThatTookAway(.claim, current), renamed.entry > entry {
                (current, entry) = (renamed.current, renamed.entry)
            } else if let derived = try renameDerivingAnew(claim: current, after: entry) {
                (current, entry) = (derived.new, derived.entry)
            } else {
                break
            }
        }
        return ClaimIDDerivedAnew(
            old: id, given: first.new, current: current, isGone: try claimStatement(id: current) == nil, entry: first.entry,
            command: first.command)
    }

    /// The standing rename of an entity, later than entry `after`, that removed the claim `id`
    /// last and gave it the id derived anew.
    private func renameDerivingAnew(claim id: String, after: Int) throws -> (entry: Int, command: String, new: String)? {
        guard let removal = try lastRemoval(of: .claim, id: id), removal.entry > after,
            HistoryMark.commandName(of: removal.command) == "isnad rename",
            try database.cached("SELECT count(*) FROM change WHERE id = ?1 AND undone_by IS NULL").scalarInteger([
                .integer(Int64(removal.entry))
            ]) == 1,
            let new = try claimIDDerivedAnew(in: removal.entry, removed: id)
        else { return nil }
        return (removal.entry, removal.command, new)
    }

    /// The id that history entry `entry`, an entity's rename, derived anew for the claim it
    /// removed under `id`; nil when it gave that claim no id derived anew.
    public func claimIDDerivedAnew(in entry: Int, removed id: String) throws -> String? {
        try pairDerivedAnew(in: entry, id: id, isRemoved: true)
    }

    /// The id of the claim that history entry `entry`, an entity's rename, added under `id`, the
    /// id derived anew for it, had before; nil when `id` was not derived anew by it.
    public func claimIDDerivedAnew(in entry: Int, added id: String) throws -> String? {
        try pairDerivedAnew(in: entry, id: id, isRemoved: false)
    }

    /// The claim the rename's entry added for the one it removed under `id`, or the other way
    /// round. The claim added says what the one removed said with the renamed entity's new id
    /// for its old one, and is the first of the new derived id, `-2`, `-3` … that says it. Claims
    /// that say the same under several ids (twins, `c-…` and `c-…-2`, imported so) were given
    /// ids in the order of their old ids, each the next free one: the n-th of the old ids in byte
    /// order is paired with the n-th of the new ones by number.
    private func pairDerivedAnew(in entry: Int, id: String, isRemoved: Bool) throws -> String? {
        guard let base = Claim.derivedBase(of: id), let rename = try renameIn(entry: entry, kinds: [.entity]) else {
            return nil
        }
        let (from, to) = isRemoved ? (rename.old, rename.new) : (rename.new, rename.old)
        let here = try claimsDerived(in: entry, base: base, isRemoved: isRemoved)
        guard let claim = here.first(where: { $0.id == id }) else { return nil }
        var other = claim
        if other.subject == from { other.subject = to }
        if other.object == from { other.object = to }
        let there = try claimsDerived(in: entry, base: Claim.derivedID(other), isRemoved: !isRemoved)
        func twins(_ claims: [Claim], of claim: Claim, removed: Bool) -> [String] {
            let ids = claims.filter { $0.statesTheSame(as: claim) }.map(\.id)
            return removed ? ids : ids.sorted { Self.derivedSuffix(of: $0) < Self.derivedSuffix(of: $1) }
        }
        let mine = twins(here, of: claim, removed: isRemoved)
        let theirs = twins(there, of: other, removed: !isRemoved)
        // A rename made before twins were told apart gave them one id: each old id leads to it.
        guard let index = mine.firstIndex(of: id), !theirs.isEmpty else { return nil }
        return theirs[min(index, theirs.count - 1)]
    }

    /// The claims of derived ids on `base` (`c-…`, `c-…-2` …) that history entry `entry`
    /// removed (as they were before) or added (as they were after), in id order, read through
    /// the history's key.
    private func claimsDerived(in entry: Int, base: String, isRemoved: Bool) throws -> [Claim] {
        let decoder = RecordDecoder(vocabulary: vocabulary)
        var claims: [Claim] = []
        // `c-…` then `c-…-…`: every id that starts with the base and a hyphen sorts before the base and a full stop.
        try database.cached(
            """
            SELECT record, \(isRemoved ? "before" : "after") FROM change_record
            WHERE change = ?1 AND kind = 'claim' AND record >= ?2 AND record < ?3 AND action = ?4
            ORDER BY record
            """
        ).forEachRow([.integer(Int64(entry)), .text(base), .text(base + "."), .text(isRemoved ? "removed" : "added")]) { row in
            let id = row.string(0)
            guard Claim.derivedBase(of: id) == base, let line = row.text(1),
                case .claim(let claim)? = try? decoder.decode(keptLine: line, kind: .claim, id: id),
                Claim.derivedID(claim) == base
            else { return }
            claims.append(claim)
        }
        return claims
    }

    /// The number of a derived id: 1 for `c-…`, n for `c-…-n`.
    private static func derivedSuffix(of id: String) -> Int {
        guard let base = Claim.derivedBase(of: id), id.count > base.count else { return 1 }
        return Int(id.dropFirst(base.count + 1)) ?? 1
    }
}
