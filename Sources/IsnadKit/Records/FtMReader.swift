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

    /// What an FtM entity maps to: its records, and what the user should be told of how it was
    /// read (each a phrase, without the file or the id).
    public struct Mapped: Sendable {
        public var records: [Record]
        public var notes: [String] = []
    }

    /// The records an entity maps to, or why it is skipped.
    /// `file`: the file it is read from, kept as the `imported_from` attribute of a foreign
    /// entity with attributes (whose word they are).
    public func read(_ value: JSONValue, file: String? = nil) -> Result<Mapped, Unmapped> {
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
            // Without a name, what FtM would caption it by: an alias or a former name.
            guard
                let name = names.first ?? properties.strings("full").first ?? properties.strings("alias").first
                    ?? properties.strings("weakAlias").first ?? properties.strings("previousName").first
            else {
                // FtM streams give an entity in fragments, and only the first often names it.
                return .failure(
                    .init(
                        message:
                            "a \(schema) without a name or an alias (a fragment of one named on another line? merge the fragments first: ftm aggregate -i FILE -o merged.ftm.jsonl)"
                    ))
            }
            var seen: Set<String> = [name]
            let aliases =
                (names.dropFirst()
                + properties.strings("alias").map { FtMReader.restored($0, from: whole, limit: FtMMapping.maximumNameLength) }
                + properties.strings("weakAlias") + properties.strings("previousName"))
                .filter { seen.insert($0).inserted }
                .map { Alias(name: $0, lang: NameLanguage.of($0)) }
            // What Isnad has no field for (a country, a birth date, a registration number) is kept
            // as attributes under FtM's property names, not dropped without a word.
            var attributes = FtMReader.unmapped(properties, besides: FtMReader.entityProperties)
            var merged: [String] = []
            var otherNotes: [String] = []
            for note in properties.strings("notes") {
                if note.hasPrefix(FtMMapping.attributesNote) {
                    attributes.merge(AttributesJSON.decode(String(note.dropFirst(FtMMapping.attributesNote.count)))) { $1 }
                } else if note.hasPrefix(FtMMapping.mergedNote),
                    ftmID.hasPrefix(FtMMapping.entityPrefix) || ftmID.hasPrefix(FtMMapping.formerPrefixes.entity)
                {
                    merged = note.dropFirst(FtMMapping.mergedNote.count).split(separator: ",").map {
                        String($0.drop { $0 == " " })
                    }
                } else if !note.hasPrefix(FtMMapping.fullValueNote("name")) {
                    otherNotes.append(note)
                }
            }
            // Another tool's notes on the entity: Isnad's entity has none of its own to hold them.
            if !otherNotes.isEmpty { attributes["notes"] = otherNotes.joined(separator: "; ") }
            // Whose these attributes are (an OpenSanctions `topics: sanction` is the dataset's
            // word, and no claim with a source says it), and when the dataset saw the entity.
            let datasets = object.strings("datasets")
            if !datasets.isEmpty { attributes[ExchangeFormat.datasetsAttribute] = datasets.joined(separator: "; ") }
            for key in ["first_seen", "last_seen"] { if let seen = object.string(key) { attributes[key] = seen } }
            let isForeign = FtMReader.isnadID(ftmID, kind: .entity).hasPrefix(FtMReader.foreignPrefix)
            if isForeign { attributes = ExchangeFormat.withProvenance(attributes, file: file) }
            let entity = Entity(
                id: FtMReader.isnadID(ftmID, kind: .entity), type: type, name: name, aliases: aliases,
                description: properties.strings("description").first, attributes: attributes, merged: merged)
            return .success(Mapped(records: [.entity(entity)]))
        case _ where FtMReader.documents.contains(schema):
            var left: [String] = []
            let source = source(ftmID, schema: schema, properties, left: &left)
            return .success(Mapped(records: [.source(source)], notes: left))
        case "Membership", "Directorship", "Family", "UnknownLink", "Associate", "Employment", "Payment":
            return claims(ftmID, schema: schema, properties)
        default:
            return .failure(.init(message: "FtM schema \(schema) has no Isnad counterpart"))
        }
    }

    /// An Isnad id for an FtM id: Isnad's own without its prefix, any other as `ftm-` and its
    /// slug, so that another tool's id (`Hamas`) never lands on a record of the store (`hamas`)
    /// and replaces it, while the same file imported again updates what it made the first time.
    static func isnadID(_ ftmID: String, kind: Record.Kind) -> String {
        let prefixes =
            kind == .entity
            ? [FtMMapping.entityPrefix, FtMMapping.formerPrefixes.entity]
            : [FtMMapping.sourcePrefix, FtMMapping.formerPrefixes.source]
        for prefix in prefixes where ftmID.hasPrefix(prefix) {
            let id = String(ftmID.dropFirst(prefix.count))
            if Identifier.isValid(id) { return id }
        }
        return ForeignID.slug(ftmID, prefix: foreignPrefix)
    }

    /// What a foreign FtM id's slug is given in front.
    static let foreignPrefix = "ftm-"

    /// The properties an entity's mapping reads.
    static let entityProperties: Set<String> = ["name", "full", "alias", "weakAlias", "previousName", "notes", "description"]

    /// The properties a link's mapping reads, besides its two ends.
    static let linkProperties: Set<String> = [
        "role", "relationship", "summary", "status", "proof", "description", "startDate", "endDate", "date", "recordId",
    ]

    /// Every property not in `read`, its values joined by "; ", by property name: FtM's lists of
    /// strings, and what another tool wrote in their place (a lone string, a number).
    static func unmapped(_ properties: JSONObject, besides read: Set<String>) -> [String: String] {
        func text(_ value: JSONValue) -> String? {
            switch value {
            case .string(let text): text
            case .number(let number): number
            case .bool(let flag): flag ? "true" : "false"
            default: nil
            }
        }
        var kept: [String: String] = [:]
        for member in properties.members where !read.contains(member.key) {
            let values =
                member.value.arrayValue.isEmpty
                ? [text(member.value)].compactMap { $0 } : member.value.arrayValue.compactMap(text)
            if !values.isEmpty { kept[member.key] = values.joined(separator: "; ") }
        }
        return kept
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

    private func source(_ ftmID: String, schema: String, _ properties: JSONObject, left: inout [String]) -> Source {
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
            id: FtMReader.isnadID(ftmID, kind: .source), type: type, title: title,
            publisher: FtMReader.first("publisher", properties), author: FtMReader.first("author", properties),
            url: url,
            published: properties.strings("publishedAt").isEmpty
                ? ForeignID.date(properties.strings("date").first, field: "date", left: &left)
                : ForeignID.date(properties.strings("publishedAt").first, field: "publishedAt", left: &left),
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

    private func claims(_ ftmID: String, schema: String, _ properties: JSONObject) -> Result<Mapped, Unmapped> {
        guard let ends = FtMReader.ends[schema], let subjectID = properties.strings(ends.subject).first,
            let objectID = properties.strings(ends.object).first
        else { return .failure(.init(message: "a \(schema) without both ends")) }
        var subject = FtMReader.isnadID(subjectID, kind: .entity)
        var object = FtMReader.isnadID(objectID, kind: .entity)
        var predicate = ends.predicate
        if schema == "Family" {
            switch properties.strings("relationship").first?.lowercased() {
            case "parent", "father", "mother": predicate = "child_of"
            case "child", "son", "daughter":
                predicate = "child_of"
                swap(&subject, &object)
            default: break
            }
        }
        // A role that names no predicate is kept in the claim's notes: "rival of", read as the
        // interval's own predicate (linked_to), would otherwise pass for ties of any kind.
        var notes: [String] = []
        var unmatchedRole: String?
        if schema != "Family", var role = properties.strings("role").first {
            // Isnad's denial of a relationship: the label after `denied: ` (the status says denies).
            if role.hasPrefix(FtMMapping.deniedRole) { role.removeFirst(FtMMapping.deniedRole.count) }
            if let match = vocabulary.predicates.first(where: { $0.labelEnglish == role || $0.id == role }) {
                predicate = match.id
            } else {
                notes.append("FtM role: \(role) (no predicate of Isnad's is called so; read as \(predicate))")
                unmatchedRole = role
            }
        }
        var id: String?
        if ftmID.hasPrefix(FtMMapping.claimPrefix) || ftmID.hasPrefix(FtMMapping.formerPrefixes.claim),
            let recorded = properties.strings("recordId").first, Identifier.isValid(recorded)
        {
            id = recorded
        }
        let claimID = id ?? ForeignID.slug(ftmID, prefix: FtMReader.foreignPrefix)
        // Isnad's own: stance and credibility in status, the first value that reads as one (the
        // claim's weighing beside it is not: Isnad weighs the citations again); Family: the last
        // summary, after the translation and the weighing.
        var summaries = properties.strings("summary")
        var graded = properties.strings("status").lazy.compactMap(FtMMapping.stanceAndCredibility(status:)).first
        if graded == nil, let last = summaries.last, let parsed = FtMMapping.stanceAndCredibility(status: last) {
            graded = parsed
            summaries.removeLast()
            // The weighing: one value, the last that reads as this claim's (written after the
            // translation, which is then not taken for it even if its words look alike).
            if let weighing = summaries.lastIndex(where: { FtMMapping.isWeighing($0, claim: claimID) }) {
                summaries.remove(at: weighing)
            }
        }
        let proofs = properties.strings("proof").map { FtMReader.isnadID($0, kind: .source) }
        guard !proofs.isEmpty else { return .failure(.init(message: "no proof: a claim needs a source that makes it")) }
        // A citation's quote is the source's own words: a link that carries none is not made into one.
        guard let quote = properties.strings("description").first ?? summaries.first else {
            return .failure(.init(message: "no description or summary: a claim needs the words its source used"))
        }
        var citations: [Citation] = []
        if let (stance, credibility, claimant, via) = graded {
            // The roles as the status names them, when they are among the proofs; else (a file
            // from before they were named) the order of `proof`, which FtM need not keep.
            // The status names the sources by their Isnad ids, `proof` by their FtM ids, which a
            // long id shortens with a hash: compared as `proof` reads back.
            func asProof(_ id: String?) -> String? {
                id.map { FtMReader.isnadID(FtMMapping.sourceID($0), kind: .source) }.flatMap { proofs.contains($0) ? $0 : nil }
            }
            let named = asProof(claimant)
            let source = named ?? proofs[0]
            let relay: String? =
                if named == nil {
                    proofs.count > 1 ? proofs[1] : nil
                } else if via == nil {
                    nil
                } else {
                    asProof(via) ?? proofs.first { $0 != source }
                }
            citations.append(
                Citation(
                    source: source, via: relay, quote: quote, quoteEnglish: summaries.first, stance: stance,
                    credibility: credibility))
        } else {
            for proof in proofs {
                citations.append(Citation(source: proof, quote: quote, stance: .reports, credibility: .cannotBeJudged))
            }
        }
        // FtM's `date` is when the link was so. For an event (a meeting) or a payment (one
        // transaction) that is when it happened: its start and end. A state (a membership) is only
        // known to hold then: its start, the date also kept in the notes, and no end the source
        // never gave.
        var left: [String] = []
        let pointDate = ForeignID.date(properties.strings("date").first, field: "date", left: &left)
        let isEvent = schema == "Payment" || vocabulary[predicate]?.temporal == .event
        let period = ForeignID.period(
            start: (properties.strings("startDate").first, "startDate"), end: (properties.strings("endDate").first, "endDate"),
            left: &left)
        let periodIsUnread = period == (nil, nil) && !(properties.strings("startDate") + properties.strings("endDate")).isEmpty
        let start = periodIsUnread ? nil : period.start ?? pointDate
        let end = periodIsUnread ? nil : period.end ?? (properties.strings("startDate").isEmpty && isEvent ? pointDate : nil)
        if let pointDate, !isEvent, properties.strings("startDate").isEmpty {
            notes.append("FtM date: \(pointDate) (when the link was said to hold; read as its start)")
        }
        let more = FtMReader.unmapped(properties, besides: FtMReader.linkProperties.union([ends.subject, ends.object]))
        notes += more.sorted { $0.key < $1.key }.map { "FtM \($0.key): \($0.value)" }
        let descriptions = properties.strings("description")
        if descriptions.count > 1 { notes += descriptions.dropFirst().map { "FtM description: \($0)" } }
        if graded == nil {
            // The first summary stood in for a missing description as the quote.
            notes += summaries.dropFirst(descriptions.isEmpty ? 1 : 0).map { "FtM summary: \($0)" }
        }
        let claim = Claim(
            id: claimID, subject: subject, predicate: predicate,
            object: object, start: start, end: end, citations: citations,
            notes: notes.isEmpty ? nil : notes.joined(separator: "\n"))
        return .success(
            Mapped(
                records: [.claim(claim)],
                notes: left
                    + (unmatchedRole.map {
                        [
                            "role \"\(Text.printable($0))\" is no predicate of Isnad's: read as \(predicate), the role kept in the claim's notes"
                        ]
                    } ?? [])))
    }
}

extension FtMReader {
    /// `record` with what FtM cannot carry taken from `stored`, the store's record of the same id:
    /// a citation's locator, a claim's notes, an alias's language. Read back from FtM, those come
    /// empty (or guessed from the script), and an import of the store's own FtM export would
    /// otherwise erase them.
    static func keepingWhatFtMCannotCarry(_ record: Record, stored: Record?) -> Record {
        switch (record, stored) {
        case (.claim(let claim), .claim(let kept)?):
            var locators: [Int64: String] = [:]
            for citation in kept.citations {
                if locators[citation.key] == nil, let locator = citation.locator { locators[citation.key] = locator }
            }
            return .claim(keepingWhatFtMCannotCarry(claim, notes: kept.notes, locators: locators))
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

    /// `claim` with the stored claim's notes where it has none, and its citations without a
    /// locator given the stored citation's of the same key (``Citation/key``).
    static func keepingWhatFtMCannotCarry(_ claim: Claim, notes: String?, locators: [Int64: String]) -> Claim {
        var claim = claim
        claim.notes = claim.notes ?? notes
        for index in claim.citations.indices where claim.citations[index].locator == nil {
            claim.citations[index].locator = locators[claim.citations[index].key]
        }
        return claim
    }
}
