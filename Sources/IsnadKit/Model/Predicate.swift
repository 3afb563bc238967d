import Foundation

/// A relationship type that claims may use, as defined in `Schemas/predicates.json`.
public struct Predicate: Hashable, Sendable, Decodable {
    /// How a claim's dates read when its end is missing.
    public enum Temporal: String, Sendable, Decodable {
        /// Holds from its start until its end; open-ended when the end is missing (membership).
        case state
        /// Happens within its start period when the end is missing (an attack, a statement).
        case event
    }

    public let id: String
    public let labelEnglish: String
    public let labelArabic: String
    /// Groups predicates for styling: structure, alliance, hostility, support, communication,
    /// violence, kinship, location.
    public let family: String
    /// The relation reads the same both ways; the claim is still stored once, as given.
    public let isSymmetric: Bool
    public let temporal: Temporal
    public let subjectTypes: [EntityType]
    public let objectTypes: [EntityType]
    public let description: String

    enum CodingKeys: String, CodingKey {
        case id, family, temporal, description
        case labelEnglish = "label_en"
        case labelArabic = "label_ar"
        case isSymmetric = "symmetric"
        case subjectTypes = "subject"
        case objectTypes = "object"
    }

    /// A predicate of Schemas/predicates.json as SchemaEmbedder read it when Isnad was built
    /// (`EmbeddedSchemas.predicates`), its temporal kind and entity types as the file spells
    /// them. One Isnad does not know stops the process, naming it: the build and this library
    /// disagree (a test reads every predicate).
    init(
        id: String, labelEnglish: String, labelArabic: String, family: String, isSymmetric: Bool, temporal: String,
        subjectTypes: [String], objectTypes: [String], description: String
    ) {
        func types(_ names: [String], _ field: String) -> [EntityType] {
            names.map { name in
                guard let type = EntityType(rawValue: name) else {
                    preconditionFailure("Schemas/predicates.json: \(id): \(field): no entity type \(name)")
                }
                return type
            }
        }
        guard let temporalKind = Temporal(rawValue: temporal) else {
            preconditionFailure("Schemas/predicates.json: \(id): temporal: no kind \(temporal)")
        }
        self.id = id
        self.labelEnglish = labelEnglish
        self.labelArabic = labelArabic
        self.family = family
        self.isSymmetric = isSymmetric
        self.temporal = temporalKind
        self.subjectTypes = types(subjectTypes, "subject")
        self.objectTypes = types(objectTypes, "object")
        self.description = description
    }
}

/// The set of predicates a store accepts.
public struct Vocabulary: Sendable {
    public let predicates: [Predicate]
    private let byID: [String: Predicate]

    public init(predicates: [Predicate]) {
        self.predicates = predicates
        self.byID = Dictionary(predicates.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public subscript(id: String) -> Predicate? { byID[id] }

    /// The predicate an analyst names: its id, or its English or Arabic label as `isnad
    /// predicates` lists them, compared as names are (case, vowel marks, hamza, tatweel and
    /// underscores aside): `funded`, `Supplied weapons to`, `موّل`, `مول`, `تابع ل`.
    public func predicate(named text: String) -> Predicate? {
        if let predicate = byID[text] { return predicate }
        // Vowel marks aside, as Arabic is mostly written: the labels have few, and a fully
        // vowelled verb (مَوَّلَ) names its predicate. A passive (قُتل, "was killed") reads as its
        // active label too: the "taken as killed" line the commands print shows it.
        let key = NameKey.normalize(text)
        guard !key.isEmpty else { return nil }
        return predicates.first { predicate in
            [predicate.id, predicate.labelEnglish, predicate.labelArabic].contains { NameKey.normalize($0) == key }
        }
    }

    /// What to say after "unknown predicate \"…\"": the nearest id or label, as the text was written.
    public func suggestion(forUnknownPredicate text: String) -> String {
        // The first words of one label (أشاد for أشاد بـ, "supplied" for "supplied weapons to").
        let key = NameKey.normalize(text)
        let labels = predicates.flatMap { [$0.labelEnglish, $0.labelArabic] }
        let started = labels.filter { NameKey.normalize($0).hasPrefix(key + " ") }
        if !key.isEmpty, started.count == 1 { return Suggestion.phrase(started[0]) }
        return Suggestion.phrase(Suggestion.nearest(to: text, among: predicates.map(\.id) + labels))
    }

    /// Isnad's vocabulary, Schemas/predicates.json's predicates as the build read them.
    ///
    /// Not parsed from the file's text as a command starts: every command reads the vocabulary,
    /// and parsing its 13 KB of JSON was a twelfth of a small query's instructions
    /// (`JSONDecoder`, before Isnad's own parser, more than half). A test decodes the file as
    /// `Predicate`s and compares.
    public static let standard = Vocabulary(predicates: EmbeddedSchemas.predicates)

    /// The objects of a vocabulary file's `predicates` array, or nil when it has none.
    static func entries(of text: String) -> [JSONObject]? {
        guard case .object(let file)? = try? JSONParser.parse(text), case .array(let items)? = file["predicates"] else {
            return nil
        }
        var entries: [JSONObject] = []
        for item in items {
            guard case .object(let entry) = item else { return nil }
            entries.append(entry)
        }
        return entries
    }

    /// The text of Schemas/predicates.json, as embedded in this build.
    public static var definitionText: String { EmbeddedSchemas.files["predicates.json"] ?? "" }

    /// Why a claim with these types breaks the vocabulary, or nil when it fits.
    public func problem(predicate id: String, subjectType: EntityType?, objectType: EntityType?) -> (
        field: String, message: String
    )? {
        guard let predicate = byID[id] else {
            if let labelled = self.predicate(named: id) {
                // Written with an underscore, it was meant as an id (member_of_), not as a label.
                let isLabel = !id.contains("_")
                return (
                    "predicate",
                    isLabel
                        ? "\"\(Text.printable(id))\" is a label of the predicate \(labelled.id): a record names its predicate by its id (\"\(labelled.id)\")"
                        : "unknown predicate \"\(Text.printable(id))\" (did you mean \"\(labelled.id)\"?)"
                )
            }
            return ("predicate", "unknown predicate \"\(Text.printable(id))\"" + suggestion(forUnknownPredicate: id))
        }
        if let subjectType, !predicate.subjectTypes.contains(subjectType) {
            return (
                "subject",
                "\(id) takes a subject of type \(predicate.subjectTypes.map(\.rawValue).joined(separator: " or ")), not \(subjectType.rawValue)"
            )
        }
        if let objectType, !predicate.objectTypes.contains(objectType) {
            return (
                "object",
                "\(id) takes an object of type \(predicate.objectTypes.map(\.rawValue).joined(separator: " or ")), not \(objectType.rawValue)"
            )
        }
        return nil
    }
}
