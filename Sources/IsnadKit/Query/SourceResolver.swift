import Foundation

/// Finds the source a user means by what they typed, as ``EntityResolver`` finds entities. A
/// source is named, in this order of preference, by:
/// 1. **id**: its id, exactly;
/// 2. **exact**: its id up to case, its title (up to case, diacritics, Arabic letter variants
///    and punctuation, as names are compared: ``NameKey/normalize(_:)``), or its url (a web
///    address typed, read as one document is: ``SameVoice/url(_:)``);
/// 3. **prefix**: the start of its id or of its title;
/// 4. **publisher or author**: its publisher or author, as written or as any name of the
///    entity the text names (`israeli-police` names the entity Israel Police, whose statement
///    is the source `israel-police-statement-hadera`);
/// 5. **words**: words its title contains, or starts of them, in any spelling variant.
/// The first of these that finds sources decides: one source is the answer; several are listed
/// as candidates. A typo is never taken for a source: it is offered as a suggestion instead.
public struct SourceResolver {
    /// How the text named the source.
    public enum Tier: Int, Comparable, Sendable {
        case id = 0, exact, prefix, publisherOrAuthor, words

        public static func < (lhs: Tier, rhs: Tier) -> Bool { lhs.rawValue < rhs.rawValue }

        public var label: String {
            switch self {
            case .id: "id"
            case .exact: "exact"
            case .prefix: "prefix"
            case .publisherOrAuthor: "publisher or author"
            case .words: "words of the title"
            }
        }
    }

    /// The source found, and how.
    public struct Resolution {
        /// The source without its text (``GraphStore/source(id:withText:)``): a command that
        /// looks a quote up in it reads it with ``GraphStore/storedText(ofSource:)``.
        public let source: Source
        public let tier: Tier
    }

    /// The text names no source, or several equally well.
    public struct ResolutionError: Error, CustomStringConvertible {
        public let text: String
        /// Several sources match equally well.
        public let candidates: [GraphStore.SourceName]
        /// No source matches; these come close.
        public let suggestions: [GraphStore.SourceName]
        /// The text is only words of the titles of ``candidates``, and the command writes: it
        /// takes a source by its id, its title, the start of either, its publisher or author.
        public var isWordsOfTitle = false
        /// The text is an id a rename took away (``GraphStore/renameThatTookAway(_:_:)``).
        public var renamed: GraphStore.RenamedID? = nil

        /// The same in one line, each candidate as `id (title)`: for a problem among others.
        public var oneLine: String {
            let listed = candidates.isEmpty ? suggestions : candidates
            guard !listed.isEmpty else { return description }
            return String(description.prefix { $0 != "\n" }) + " "
                + listed.map { "\($0.id) (\(Text.printable($0.title)))" }.joined(separator: "; ")
        }

        public var description: String {
            let typed = Text.printable(text)
            if let renamed { return "\(renamed.sentence): name it by its new id" }
            if isWordsOfTitle {
                return
                    "\"\(typed)\" is only words of the title of \(candidates.count == 1 ? "a source" : "\(candidates.count) sources"): a command that writes takes a source by its id, its title, the start of either, or its publisher or author:\n"
                    + SourceResolver.list(candidates)
            }
            if !candidates.isEmpty {
                return "\"\(typed)\" matches \(candidates.count) sources; name one by its id:\n"
                    + SourceResolver.list(candidates)
            }
            if suggestions.isEmpty {
                return
                    "no source matches \"\(typed)\" (sources are named by id, title, the start of either, url, publisher, author, or words of the title)"
            }
            return "no source matches \"\(typed)\"; did you mean:\n" + SourceResolver.list(suggestions)
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

    /// The one source `text` names, or an error listing the candidates or suggestions. When
    /// `forWriting`, words of a title are not taken for the source ("police" of the Israel Police
    /// statement): a citation written to it would go to the wrong source when the one meant is not
    /// in the store yet, as ``EntityResolver`` takes no part of a name for a whole one. Unless
    /// `suggesting`, a text that matches nothing is refused without the sources spelt close to
    /// it: for a problem counted, not shown.
    public func resolve(_ text: String, forWriting: Bool = false, suggesting: Bool = true) throws -> Resolution {
        let typed = text.trimmingWhitespace
        if let source = try store.source(id: typed, withText: false) { return Resolution(source: source, tier: .id) }
        // An id a rename took away is that source, not words of another's title.
        if Identifier.isValid(typed), let renamed = try renames.took(.source, typed) {
            var error = ResolutionError(text: typed, candidates: [], suggestions: [])
            error.renamed = renamed
            throw error
        }
        let lowered = typed.lowercased()
        let key = NameKey.normalize(typed)
        let words = NameKey.fold(typed).split(separator: " ").map(String.init)
        let entityKeys = try namesOfEntities(named: typed)
        // A web address names the source stored with it, written with or without its tracking
        // parameters, `www.`, `#fragment` (a sheet's Source column often holds the link).
        let address = SameVoice.webAddress(typed).flatMap { $0.isEmpty ? nil : $0 }
        var found: [Tier: [GraphStore.SourceName]] = [:]
        var all: [GraphStore.SourceName] = []
        try store.forEachSourceName { name in
            all.append(name)
            let title = NameKey.normalize(name.title)
            let people = [name.publisher, name.author].compactMap { $0.map(NameKey.normalize) }
            let tier: Tier? =
                if name.id.lowercased() == lowered || (!key.isEmpty && title == key)
                    || (address != nil && name.url.map(SameVoice.url) == address)
                {
                    .exact
                } else if !lowered.isEmpty && name.id.lowercased().hasPrefix(lowered) || (!key.isEmpty && title.hasPrefix(key)) {
                    .prefix
                } else if people.contains(where: { $0 == key || entityKeys.contains($0) }) {
                    .publisherOrAuthor
                } else if !words.isEmpty, NameSearch.containsWords(words, in: NameKey.fold(name.title)) {
                    .words
                } else {
                    nil
                }
            if let tier { found[tier, default: []].append(name) }
        }
        if let best = found.keys.min(), let names = found[best] {
            if forWriting, best == .words {
                var error = ResolutionError(text: typed, candidates: names, suggestions: [])
                error.isWordsOfTitle = true
                throw error
            }
            if names.count == 1, let source = try store.source(id: names[0].id, withText: false) {
                return Resolution(source: source, tier: best)
            }
            throw ResolutionError(text: typed, candidates: names, suggestions: [])
        }
        throw ResolutionError(
            text: typed, candidates: [], suggestions: suggesting ? Self.suggestions(for: typed, among: all) : [])
    }

    /// The search keys of every name of the entities `text` names without a typo (id, exact or
    /// spelling variant).
    private func namesOfEntities(named text: String) throws -> Set<String> {
        var keys: Set<String> = []
        for match in try NameSearch(store: store).search(text, limit: 5, fuzzy: false) where match.tier <= .variant {
            guard let entity = try store.entity(id: match.id) else { continue }
            keys.insert(NameKey.normalize(entity.name))
            for alias in entity.aliases { keys.insert(NameKey.normalize(alias.name)) }
        }
        return keys
    }

    /// Up to three sources whose id or title (or its start) is spelt close to `text`.
    static func suggestions(for text: String, among names: [GraphStore.SourceName]) -> [GraphStore.SourceName] {
        let folded = NameKey.fold(text)
        guard !folded.isEmpty else { return [] }
        let scored = names.map { name -> (GraphStore.SourceName, Double) in
            let id = NameKey.fold(name.id)
            let title = NameKey.fold(name.title)
            let score =
                [id, String(id.prefix(folded.count)), title, String(title.prefix(folded.count))]
                .map { NameSearch.similarity(folded, $0) }.max() ?? 0
            return (name, score)
        }
        return scored.filter { $0.1 >= 0.6 }.sorted { ($0.1, $1.0.id) > ($1.1, $0.0.id) }.prefix(3).map(\.0)
    }

    static func list(_ names: [GraphStore.SourceName]) -> String {
        let width = names.map(\.id.count).max() ?? 0
        return names.map { name in
            "  \(name.id.padding(toLength: width, withPad: " ", startingAt: 0))  \(Text.printable(name.title))"
        }.joined(separator: "\n")
    }
}
