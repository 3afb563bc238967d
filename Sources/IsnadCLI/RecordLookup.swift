import IsnadKit

/// The record an id names, for the commands that take a record of any kind (`set`, `edit`,
/// `delete`). Ids are unique within a kind, not across kinds: an agency can be an actor and a
/// source under the same id (`reuters`, as `add` makes them from their names). Such an id is
/// refused until `--kind` says which record is meant, rather than one of them being changed.
enum RecordLookup {
    static let kind = Option<Record.Kind>(
        "kind", value: "kind", help: "entity, source or claim: which record, when records of several kinds share the id.")
    /// `--kind` as `delete` takes it: claims are retracted, not deleted.
    static let deletableKind = Option<Record.Kind>(
        "kind", value: "kind", help: "entity or source: which record, when an entity and a source share the id.")

    /// The record of one of `kinds` (or of `--kind`) that `id` names.
    /// - Parameters:
    ///   - record: the stored record of a kind with this id, or nil.
    ///   - ids: every id of a kind, for suggesting one when none matches.
    /// - Throws: ``UsageError`` when `id` names records of several kinds and `--kind` is not
    ///   given, or `--kind` is not one of `kinds`; ``LookupError`` when it names none.
    static func record(
        _ id: String, kinds: [Record.Kind], arguments: ParsedArguments, command: String, store: GraphStore,
        record: (Record.Kind) throws -> Record?
    ) throws -> Record {
        let searched: [Record.Kind]
        if let chosen = try arguments.value(kind) {
            guard kinds.contains(chosen) else {
                throw UsageError(message: "--kind: \(command) takes \(listed(kinds, "or"))", command: command)
            }
            searched = [chosen]
        } else {
            searched = kinds
        }
        let found = try searched.compactMap { try record($0) }
        if found.count > 1 {
            let found = found.map(\.kind)
            throw UsageError(
                message:
                    "\"\(Text.printable(id))\" is the id of \(listed(found, "and")): say which with "
                    + found.map { "--kind \($0.rawValue)" }.joined(separator: " or "),
                command: command)
        }
        if let only = found.first { return only }
        // The id of an entity merged into another: every query follows it, a change names the
        // entity kept (merge moved the records), or takes the merge apart.
        if searched.contains(.entity), let kept = try store.entityMergedInto(id) {
            throw LookupError(
                description:
                    "entity \"\(Text.printable(id))\" was merged into \(kept): name \(kept) to change the entity kept (isnad unmerge \(Text.printable(id)) takes the merge apart)"
            )
        }
        for kind in searched { try refuseRenamedAway(kind, id, store: store) }
        if let named = try recordNamed(id, kinds: searched, store: store) {
            throw LookupError(
                description:
                    "no \(listed(searched, "or")) has the id \"\(Text.printable(id))\": \(command) takes an id, and that is a name of \(named.kind.rawValue) \(named.id)"
            )
        }
        var known: [String] = []
        for kind in searched { try store.forEachID(of: kind) { known.append($0) } }
        throw LookupError(
            description: "no \(listed(searched, "or")) \"\(Text.printable(id))\""
                + Suggestion.phrase(Suggestion.nearest(to: id, among: known)))
    }

    /// Refuses an id a rename took away from a record of `kind`, naming the id it has now: a
    /// command that names an old id is told the new one, not offered a record spelt alike.
    /// A claim id that an entity's rename derived anew is refused so too, naming the id the claim
    /// has now: as for a renamed id, a command is not carried over to another id unasked.
    /// An id whose record a change of the history removed (a delete, a claim a merge combined
    /// with the kept entity's same claim, an undone add) is refused naming that change.
    static func refuseRenamedAway(_ kind: Record.Kind, _ id: String, store: GraphStore) throws {
        if let renamed = try store.renameThatTookAway(kind, id) {
            throw LookupError(description: "\(renamed.sentence): name it by its new id")
        }
        if kind == .claim, let derived = try store.claimIDDerivedAnew(from: id) {
            guard derived.isGone else { throw LookupError(description: "\(derived.sentence): name it by its new id") }
            do {
                try refuseRenamedAway(.claim, derived.current, store: store)
            } catch let gone as LookupError {
                throw LookupError(description: "\(derived.sentence); \(gone.description)")
            }
            throw LookupError(description: "\(derived.sentence); no claim holds \"\(derived.current)\" now")
        }
        guard try store.record(kind, id: id) == nil, let removal = try store.lastRemoval(of: kind, id: id) else { return }
        let how =
            kind == .claim && HistoryMark.commandName(of: removal.command) == "isnad merge"
            ? "combined it with the same claim of the entity kept"
            : "removed it"
        throw LookupError(
            description:
                "\(kind.rawValue) \"\(Text.printable(id))\" is no longer in the store: history entry \(removal.entry) (\(Text.printable(removal.command))) \(how); isnad log \(Text.printable(id)) shows it"
        )
    }

    /// The one entity or source that `text` is a name of (its name, an alias, its title, in any
    /// spelling the query commands take as the same), for a command given a name where it takes
    /// an id.
    static func recordNamed(_ text: String, kinds: [Record.Kind], store: GraphStore) throws -> (
        kind: Record.Kind, id: String
    )? {
        // Names only: an id tier would be a merged id, which names the entity kept, not a name of it.
        // A text that names no record, or several, is no name of one; a store that fails to
        // answer is said as such (a read error is not "no such record").
        if kinds.contains(.entity) {
            do {
                let found = try EntityResolver(store: store).resolution(text)
                if found.tier == .exact { return (.entity, found.entity.id) }
            } catch is EntityResolver.ResolutionError {}
        }
        if kinds.contains(.source) {
            do {
                let found = try SourceResolver(store: store).resolve(text)
                if found.tier == .exact { return (.source, found.source.id) }
            } catch is SourceResolver.ResolutionError {}
        }
        return nil
    }

    /// `an entity and a source`, `entity, source or claim`.
    private static func listed(_ kinds: [Record.Kind], _ conjunction: String) -> String {
        let words = kinds.map { conjunction == "and" ? "\($0 == .entity ? "an" : "a") \($0.rawValue)" : $0.rawValue }
        guard let last = words.last, words.count > 1 else { return words.joined() }
        return words.dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }
}

extension Record.Kind: ArgumentChoice {}
