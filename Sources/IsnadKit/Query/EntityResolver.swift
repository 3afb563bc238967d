import Foundation

/// Finds the entity a user means by what they typed, through ``NameSearch``: an id, a name or
/// an alias (exact, or a spelling variant), or the words of one name. A typo, or a name in the
/// other script with the same consonants, is never taken for a name: it is offered as a
/// suggestion instead (Homs has the consonants of حماس). Every command names entities this way.
public struct EntityResolver {
    /// The name matches no entity, or several equally well.
    public struct ResolutionError: Error, CustomStringConvertible {
        public let text: String
        /// Several entities match equally well.
        public let candidates: [NameSearch.Match]
        /// No entity matches; these come close.
        public var suggestions: [NameSearch.Match]
        /// The text is only part of the names of ``candidates`` (their words, or their start),
        /// and the command writes: it takes an entity by its id or a whole name.
        public var isPartOfName = false
        /// With ``isPartOfName``: the text is every word of those names, in another order ("Salah
        /// Raed" of Raed Salah, who may be another man): a command that writes takes the name as written.
        public var isInAnotherOrder = false
        /// ``candidates`` are the first found of more (the search stops at ``EntityResolver/candidateLimit``).
        public var hasMoreCandidates = false
        /// No entity matches, and the text is the id of a record of another kind.
        public var otherRecord: OtherRecord? = nil
        /// No entity matches, and the text is an id a rename took away.
        public var renamed: GraphStore.RenamedID? = nil

        /// A record of another kind that an id names, for a message that points to the
        /// command that shows it.
        public enum OtherRecord: Sendable {
            case source
            case claim(subject: String, object: String)
        }

        /// No entity matches, none comes close enough to suggest, and the text names no other record.
        public var isUnmatched: Bool {
            candidates.isEmpty && suggestions.isEmpty && otherRecord == nil && renamed == nil
        }

        /// The same in one line, each candidate as `id (name, type)`: for a problem among others,
        /// as an import lists them.
        public var oneLine: String {
            let listed = candidates.isEmpty ? suggestions : candidates
            guard !listed.isEmpty else { return description }
            return String(description.prefix { $0 != "\n" }) + " "
                + listed.map { "\($0.id) (\(Text.printable($0.name)), \($0.type.rawValue))" }.joined(separator: "; ")
        }

        public var description: String {
            if isPartOfName {
                let whose =
                    candidates.count == 1
                    ? "the name of an entity"
                    : "the names of \(hasMoreCandidates ? "more than " : "")\(candidates.count) entities"
                if isInAnotherOrder {
                    return
                        "\"\(Text.printable(text))\" is the words of \(whose) in another order: a command that writes takes an entity by its id or its name as written:\n"
                        + EntityResolver.list(candidates)
                }
                return
                    "\"\(Text.printable(text))\" is only part of \(whose): a command that writes takes an entity by its id or its whole name:\n"
                    + EntityResolver.list(candidates)
            }
            if !candidates.isEmpty {
                let count = hasMoreCandidates ? "more than \(candidates.count)" : "\(candidates.count)"
                return "\"\(Text.printable(text))\" matches \(count) entities; name one by its id:\n"
                    + EntityResolver.list(candidates)
            }
            if let renamed { return "no entity matches \"\(Text.printable(text))\": \(renamed.sentence)" }
            switch otherRecord {
            case .source?:
                return "no entity matches \"\(Text.printable(text))\": it is the id of a source (isnad source \(text))"
            case .claim(let subject, let object)?:
                return
                    "no entity matches \"\(Text.printable(text))\": it is the id of a claim (isnad claims --subject \(subject) --object \(object) lists it; isnad log \(text) shows its history)"
            case nil: break
            }
            if suggestions.isEmpty { return "no entity matches \"\(Text.printable(text))\"" }
            return "no entity matches \"\(Text.printable(text))\"; did you mean:\n" + EntityResolver.list(suggestions)
        }
    }

    public let store: GraphStore
    private let renames: RenamedIDs

    public init(store: GraphStore) {
        self.init(store: store, renames: RenamedIDs(store: store))
    }

    /// With the renames another reader of the command holds (a sheet's rows): read once.
    init(store: GraphStore, renames: RenamedIDs) {
        self.store = store
        self.renames = renames
    }

    /// How many candidates an ambiguous name lists at most.
    public static let candidateLimit = 20

    /// The one entity `text` names, or an error listing the candidates.
    public func resolve(_ text: String) throws -> Entity { try resolution(text).entity }

    /// The one entity `text` names, with how it matched (a spelling variant, the words of a
    /// name … : worth saying to the user), or an error listing the candidates.
    ///
    /// Names that fold alike (``NameKey/fold(_:)``) are one name however each is spelt: two
    /// entities that go by them are a tie, not the one spelt as typed (namesakes: "Abu Obeida"
    /// and "Abou Obeida" are two men). When `forWriting`, a text that is only part of a name (its
    /// words, or their start: "Am" of Amos Yadlin) is refused with the names it is part of: what
    /// a query would take with a note, a change would write to the wrong entity. So is the text
    /// of every word of a name in another order: Salah Raed may be another man than Raed Salah.
    /// Unless `suggesting`, a text that matches nothing is refused without the names spelt close
    /// to it (a search of every name, as long as the rest): for a problem counted, not shown.
    public func resolution(
        _ text: String, forWriting: Bool = false, suggesting: Bool = true
    ) throws -> (entity: Entity, tier: NameSearch.Tier) {
        let trimmed = text.trimmingWhitespace
        if Identifier.isValid(trimmed) {
            // An id names its entity whatever else matches (the id tier comes first): no search,
            // and no counting of a hub's claims to rank candidates.
            if let entity = try store.entity(id: trimmed) { return (entity, .id) }
            // The id of an entity merged into another names that one.
            if let keep = try store.entityMergedInto(trimmed) {
                return try resolution(keep, forWriting: forWriting, suggesting: suggesting)
            }
        }
        // Claims are counted only to order the candidates of an ambiguous name: the one entity
        // named is found without counting (a hub's count alone reads 100,000 index entries).
        let limit = EntityResolver.candidateLimit
        let matches = try NameSearch(store: store).search(trimmed, limit: limit + 1, fuzzy: false, countsClaims: false)
        if let best = matches.first {
            // Of names that hold the words typed, the one whose words they are (in any order)
            // is meant, not one that also holds others: "Salah Raed" is Raed Salah.
            let isWholeWords = best.tier == .words && best.similarity == 1
            func isTied(_ match: NameSearch.Match) -> Bool {
                if isWholeWords { return match.tier == .words && match.similarity == 1 }
                return match.tier == best.tier || (best.tier == .exact && match.tier == .variant)
            }
            let tied = matches.filter(isTied)
            let isPart = forWriting && best.tier == .words
            if !isPart, tied.count == 1 || best.tier == .id, let entity = try store.entity(id: best.id) {
                return (entity, best.tier)
            }
            let ranked = try NameSearch(store: store).search(trimmed, limit: limit + 1, fuzzy: false).filter(isTied)
            var error = ResolutionError(text: trimmed, candidates: Array(ranked.prefix(limit)), suggestions: [])
            error.isPartOfName = isPart
            error.isInAnotherOrder = isPart && isWholeWords
            error.hasMoreCandidates = ranked.count > limit
            throw error
        }
        let suggestions = suggesting ? try NameSearch(store: store).search(trimmed, limit: 5, fuzzy: true) : []
        var error = ResolutionError(text: trimmed, candidates: [], suggestions: suggestions)
        // The id of a source or a claim is what was meant, whatever names it comes close to.
        if Identifier.isValid(trimmed) {
            if try store.source(id: trimmed, withText: false) != nil {
                error.otherRecord = .source
            } else if let claim = try store.claim(id: trimmed)?.claim {
                error.otherRecord = .claim(subject: claim.subject, object: claim.object)
            } else if let renamed = try renames.took(.entity, trimmed) {
                error.renamed = renamed
                error.suggestions = []
            }
        }
        throw error
    }

    static func list(_ matches: [NameSearch.Match]) -> String {
        let width = matches.map(\.id.count).max() ?? 0
        return matches.map { match in
            let alias = match.matchedName == match.name || match.tier == .id ? "" : " — as \(Text.printable(match.matchedName))"
            return
                "  \(match.id.padding(toLength: width, withPad: " ", startingAt: 0))  \(Text.printable(match.name)) (\(match.type.rawValue))\(alias)"
        }.joined(separator: "\n")
    }
}
