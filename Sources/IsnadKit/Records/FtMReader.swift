/// Maps FollowTheMoney entities back to Isnad records, one JSON line at a time (see the
/// README's FtM section). Ids map by themselves (Isnad's `entity.`, `source.`, `claim.`
/// prefixes are taken off; other ids become slugs), so the file streams: a claim may come
/// before the entities it links, and a claim's citations on several lines add up.
public struct FtMReader {
    /// Why an entity is skipped.
    public struct Unmapped: Error, Sendable {
        public let message: String
    }

    public let vocabulary: Vocabulary
    public init(vocabulary: Vocabulary) { self.vocabulary = vocabulary }

    static let people: Set<String> = ["Person"]
    static let organizations: Set<String> = ["Organization", "Company", "PublicBody", "LegalEntity"]
    static let documents: Set<String> = ["Document", "Article", "PlainText", "HyperText", "Pages", "Page", "Email"]

    /// The records an entity maps to, or why it is skipped.
    public func read(_ value: JSONValue) -> Result<[Record], Unmapped> {
        guard let object = value.objectValue, let schema = object.string("schema"), let ftmID = object.string("id"),
            let properties = object["properties"]?.objectValue
        else { return .failure(.init(message: "not an FtM entity (id, schema and properties)")) }
        switch schema {
        case _
        where FtMReader.people.contains(schema) || FtMReader.organizations.contains(schema) || schema == "Event"
            || schema == "Address":
            let type: EntityType =
                FtMReader.people.contains(schema)
                ? .person : schema == "Event" ? .event : schema == "Address" ? .place : .organization
            let whole = FtMReader.fullValues("name", properties)
            let names = properties.strings("name").map {
                FtMReader.restored($0, from: whole, limit: FtMMapping.maximumNameLength)
            }
            guard let name = names.first ?? properties.strings("full").first else {
                return .failure(.init(message: "a \(schema) without a name"))
            }
            var seen: Set<String> = [name]
            let aliases =
                (names.dropFirst()
                + properties.strings("alias").map { FtMReader.restored($0, from: whole, limit: FtMMapping.maximumNameLength) }
                + properties.strings("weakAlias") + properties.strings("previousName"))
                .filter { seen.insert($0).inserted }
                .map { Alias(name: $0, lang: ForeignID.language(of: $0)) }
            var attributes: [String: String] = [:]
            for note in properties.strings("notes") where note.hasPrefix(FtMMapping.attributesNote) {
                attributes = AttributesJSON.decode(String(note.dropFirst(FtMMapping.attributesNote.count)))
            }
            let entity = Entity(
                id: FtMReader.isnadID(ftmID, prefix: "entity."), type: type, name: name, aliases: aliases,
                description: properties.strings("description").first, attributes: attributes)
            return .success([.entity(entity)])
        case _ where FtMReader.documents.contains(schema):
            return .success([.source(source(ftmID, schema: schema, properties))])
        case "Membership", "Directorship", "Family", "UnknownLink", "Associate", "Employment", "Payment":
            return claims(ftmID, schema: schema, properties)
        default:
            return .failure(.init(message: "FtM schema \(schema) has no Isnad counterpart"))
        }
    }

    /// An Isnad id for an FtM id: Isnad's own without its prefix, any other as a slug.
    static func isnadID(_ ftmID: String, prefix: String) -> String {
        if ftmID.hasPrefix(prefix), Identifier.isValid(String(ftmID.dropFirst(prefix.count))) {
            return String(ftmID.dropFirst(prefix.count))
        }
        return ForeignID.slug(ftmID)
    }

    /// The whole values that a property's notes keep (`Full name: …`).
    static func fullValues(_ property: String, _ properties: JSONObject) -> [String] {
        let prefix = FtMMapping.fullValueNote(property)
        return properties.strings("notes").filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    /// `value` whole again, when it was cut to `limit` and a note keeps the whole.
    static func restored(_ value: String, from whole: [String], limit: Int) -> String {
        guard value.unicodeScalars.count == limit else { return value }
        return whole.first { FtMMapping.cut($0, to: limit).0 == value } ?? value
    }

    /// A string property's first value, whole again if it was cut.
    static func first(_ property: String, _ properties: JSONObject) -> String? {
        properties.strings(property).first.map {
            restored($0, from: fullValues(property, properties), limit: FtMMapping.maximumStringLength)
        }
    }

    private func source(_ ftmID: String, schema: String, _ properties: JSONObject) -> Source {
        var type: SourceType = schema == "Article" ? .newsArticle : .other
        var reliability = Reliability.f
        var cites: [String] = []
        var url = properties.strings("sourceUrl").first
        for note in properties.strings("notes") {
            if note.hasPrefix(FtMMapping.urlNote) {
                url = String(note.dropFirst(FtMMapping.urlNote.count))
            } else if note.hasPrefix(FtMMapping.sourceTypeNote) {
                type = SourceType(rawValue: String(note.dropFirst(FtMMapping.sourceTypeNote.count))) ?? type
            } else if note.hasPrefix(FtMMapping.reliabilityNote) {
                reliability =
                    note.dropFirst(FtMMapping.reliabilityNote.count).first.flatMap { Reliability(rawValue: String($0)) }
                    ?? reliability
            } else if note.hasPrefix(FtMMapping.citesNote) {
                cites = note.dropFirst(FtMMapping.citesNote.count).split(separator: ",").map {
                    String($0.drop { $0 == " " })
                }
            }
        }
        let title =
            FtMReader.first("title", properties) ?? properties.strings("name").first ?? FtMReader.first("fileName", properties)
            ?? ftmID
        return Source(
            id: FtMReader.isnadID(ftmID, prefix: "source."), type: type, title: title,
            publisher: FtMReader.first("publisher", properties), author: FtMReader.first("author", properties),
            url: url,
            published: ForeignID.date(properties.strings("publishedAt").first ?? properties.strings("date").first),
            lang: properties.strings("language").first.flatMap(FtMMapping.languageTag), reliability: reliability,
            cites: cites, text: properties.strings("bodyText").isEmpty ? nil : properties.strings("bodyText").joined())
    }

    /// The ends of an interval schema and the predicate it maps to when nothing more precise is said.
    private static let ends: [String: (subject: String, object: String, predicate: String)] = [
        "Membership": ("member", "organization", "member_of"),
        "Directorship": ("director", "organization", "leader_of"),
        "Family": ("person", "relative", "linked_to"),
        "UnknownLink": ("subject", "object", "linked_to"),
        "Associate": ("person", "associate", "linked_to"),
        "Employment": ("employee", "employer", "member_of"),
        "Payment": ("payer", "beneficiary", "funded"),
    ]

    private func claims(_ ftmID: String, schema: String, _ properties: JSONObject) -> Result<[Record], Unmapped> {
        guard let ends = FtMReader.ends[schema], let subjectID = properties.strings(ends.subject).first,
            let objectID = properties.strings(ends.object).first
        else { return .failure(.init(message: "a \(schema) without both ends")) }
        var subject = FtMReader.isnadID(subjectID, prefix: "entity.")
        var object = FtMReader.isnadID(objectID, prefix: "entity.")
        var predicate = ends.predicate
        if schema == "Family" {
            switch properties.strings("relationship").first?.lowercased() {
            case "parent", "father", "mother": predicate = "child_of"
            case "child", "son", "daughter":
                predicate = "child_of"
                swap(&subject, &object)
            default: break
            }
        } else if let role = properties.strings("role").first,
            let match = vocabulary.predicates.first(where: { $0.labelEnglish == role || $0.id == role })
        {
            predicate = match.id
        }
        // Isnad's own: stance and credibility in status (Family: after the translation in summary).
        var summaries = properties.strings("summary")
        var graded = properties.strings("status").first.flatMap(FtMMapping.stanceAndCredibility(status:))
        if graded == nil, let last = summaries.last, let parsed = FtMMapping.stanceAndCredibility(status: last) {
            graded = parsed
            summaries.removeLast()
        }
        let proofs = properties.strings("proof").map { FtMReader.isnadID($0, prefix: "source.") }
        guard !proofs.isEmpty else { return .failure(.init(message: "no proof: a claim needs a source that makes it")) }
        // A citation's quote is the source's own words: a link that carries none is not made into one.
        guard let quote = properties.strings("description").first ?? summaries.first else {
            return .failure(.init(message: "no description or summary: a claim needs the words its source used"))
        }
        var citations: [Citation] = []
        if let (stance, credibility) = graded {
            citations.append(
                Citation(
                    source: proofs[0], via: proofs.count > 1 ? proofs[1] : nil, quote: quote, quoteEnglish: summaries.first,
                    stance: stance, credibility: credibility))
        } else {
            for proof in proofs {
                citations.append(Citation(source: proof, quote: quote, stance: .reports, credibility: .cannotBeJudged))
            }
        }
        let start = ForeignID.date(properties.strings("startDate").first ?? properties.strings("date").first)
        let end = ForeignID.date(properties.strings("endDate").first)
        var id: String?
        if ftmID.hasPrefix("claim."), let recorded = properties.strings("recordId").first, Identifier.isValid(recorded) {
            id = recorded
        }
        return .success([
            .claim(
                Claim(
                    id: id ?? ForeignID.slug(ftmID), subject: subject, predicate: predicate, object: object, start: start,
                    end: end, citations: citations))
        ])
    }
}

extension FtMReader {
    /// `record` with what FtM cannot carry taken from `stored`, the store's record of the same id:
    /// a citation's locator, a claim's notes, an alias's language. Read back from FtM, those come
    /// empty (or guessed from the script), and an import of the store's own FtM export would
    /// otherwise erase them.
    static func keepingWhatFtMCannotCarry(_ record: Record, stored: Record?) -> Record {
        switch (record, stored) {
        case (.claim(var claim), .claim(let kept)?):
            claim.notes = claim.notes ?? kept.notes
            for index in claim.citations.indices where claim.citations[index].locator == nil {
                let key = claim.citations[index].key
                claim.citations[index].locator = kept.citations.first { $0.key == key }?.locator
            }
            return .claim(claim)
        case (.entity(var entity), .entity(let kept)?):
            for index in entity.aliases.indices {
                if let same = kept.aliases.first(where: { $0.name == entity.aliases[index].name }) {
                    entity.aliases[index].lang = same.lang
                }
            }
            return .entity(entity)
        default:
            return record
        }
    }
}
