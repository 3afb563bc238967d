/// An actor or thing that claims are about: an organization, a person, an event or a place.
public struct Entity: Hashable, Sendable {
    /// The most characters (Unicode scalars) a name or an alias may have: what PostgreSQL's index
    /// of names holds whole, at four bytes a character, under its 2,704 bytes an entry; a store
    /// is one store on either engine. The record schema's `entityName` says the same.
    public static let maximumNameLength = 500

    /// The entity's slug, unique in the store (see ``Identifier``).
    public var id: String
    public var type: EntityType
    /// The name shown by default, usually in English.
    public var name: String
    /// Other names, each with its language: the Arabic spelling, transliterations, acronyms.
    public var aliases: [Alias]
    public var description: String?
    /// Free-form facts that have no field of their own, such as `{"founded": "1987"}`.
    public var attributes: [String: String]
    /// The ids of the entities merged into this one (`isnad merge`), which keep naming it on the
    /// command line and in imports; `isnad unmerge` splits one out again.
    public var merged: [String]

    public init(
        id: String, type: EntityType, name: String, aliases: [Alias] = [], description: String? = nil,
        attributes: [String: String] = [:], merged: [String] = []
    ) {
        self.id = id
        self.type = type
        self.name = name
        self.aliases = aliases
        self.description = description
        self.attributes = attributes
        self.merged = merged
    }

    /// The first alias in `language` (a BCP-47 primary subtag such as `ar`), if any.
    public func alias(in language: String) -> String? {
        aliases.first { $0.language == language }?.name
    }
}

/// Another name an entity goes by, in one language.
public struct Alias: Hashable, Sendable {
    public var name: String
    /// A BCP-47 language tag: `ar`, `en`, `ar-Latn`.
    public var lang: String

    public init(name: String, lang: String) {
        self.name = name
        self.lang = lang
    }

    /// The primary language subtag, lowercased: `ar` for `ar-Latn`.
    public var language: String {
        String(lang.prefix { $0 != "-" }).lowercased()
    }
}
