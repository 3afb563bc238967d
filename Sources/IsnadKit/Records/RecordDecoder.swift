/// Turns one parsed JSON line into a validated ``Record``.
///
/// Every rule that a record can be checked against on its own lives here: field types,
/// unknown fields, slugs, dates, grades, the predicate vocabulary, storable text. Rules that
/// need other records (does the entity exist, does its type fit the predicate) are the
/// importer's, once the whole input is read.
public struct RecordDecoder: Sendable {
    public let vocabulary: Vocabulary

    public init(vocabulary: Vocabulary = .standard) { self.vocabulary = vocabulary }

    public func decode(_ value: JSONValue) throws(RecordProblem) -> Record {
        guard case .object(let object) = value else {
            throw RecordProblem(message: "a record is a JSON object, not \(value.typeName)")
        }
        guard let kindValue = object["record"] else {
            throw RecordProblem(field: "record", message: "missing; expected \"entity\", \"source\" or \"claim\"")
        }
        guard case .string(let kindName) = kindValue, let kind = Record.Kind(rawValue: kindName) else {
            let shown = if case .string(let text) = kindValue { "\"\(Text.printable(text))\"" } else { kindValue.typeName }
            let suggestion =
                if case .string(let text) = kindValue {
                    Suggestion.phrase(Suggestion.nearest(to: text, among: Record.Kind.allCases.map(\.rawValue)))
                } else { "" }
            throw RecordProblem(
                field: "record",
                message: "unknown record kind \(shown); expected \"entity\", \"source\" or \"claim\"\(suggestion)")
        }
        let fields = Fields(object: object, label: RecordDecoder.label(kind: kind, object: object))
        switch kind {
        case .entity: return .entity(try decodeEntity(fields))
        case .source: return .source(try decodeSource(fields))
        case .claim: return .claim(try decodeClaim(fields))
        }
    }

    /// How to name the record in a message, from whatever of it is readable.
    static func label(kind: Record.Kind, object: JSONObject) -> String {
        if case .string(let id) = object["id"], Identifier.isValid(id) { return "\(kind.rawValue) \"\(id)\"" }
        if kind == .claim, case .string(let subject) = object["subject"], case .string(let predicate) = object["predicate"],
            case .string(let target) = object["object"]
        {
            return "claim (\(Text.printable(subject)) \(Text.printable(predicate)) \(Text.printable(target)))"
        }
        return kind.rawValue
    }

    // MARK: Records

    private static let entityFields: Set<String> = ["record", "id", "type", "name", "aliases", "description", "attributes"]
    private static let sourceFields: Set<String> = [
        "record", "id", "type", "title", "publisher", "author", "url", "published", "lang", "reliability", "cites", "text",
    ]
    private static let claimFields: Set<String> = [
        "record", "id", "subject", "predicate", "object", "start", "end", "citations", "notes",
    ]
    private static let citationFields: Set<String> = [
        "source", "via", "quote", "quote_en", "stance", "credibility", "locator",
    ]
    private static let aliasFields: Set<String> = ["name", "lang"]

    private func decodeEntity(_ fields: Fields) throws(RecordProblem) -> Entity {
        try fields.refuseUnknown(allowed: RecordDecoder.entityFields)
        let id = try fields.identifier("id")
        let type: EntityType = try fields.enumeration("type")
        let name = try fields.text("name")
        var aliases: [Alias] = []
        for (index, element) in try fields.array("aliases").enumerated() {
            let alias = try fields.nested(element, at: "aliases[\(index)]")
            try alias.refuseUnknown(allowed: RecordDecoder.aliasFields)
            aliases.append(Alias(name: try alias.text("name"), lang: try alias.languageTag("lang")))
        }
        return Entity(
            id: id, type: type, name: name, aliases: aliases, description: try fields.optionalText("description"),
            attributes: try fields.stringDictionary("attributes"))
    }

    private func decodeSource(_ fields: Fields) throws(RecordProblem) -> Source {
        try fields.refuseUnknown(allowed: RecordDecoder.sourceFields)
        let id = try fields.identifier("id")
        let cites = try fields.identifierList("cites")
        if cites.contains(id) { throw fields.problem("cites", "a source cannot cite itself") }
        return Source(
            id: id, type: try fields.enumeration("type"), title: try fields.text("title"),
            publisher: try fields.optionalText("publisher"), author: try fields.optionalText("author"),
            url: try fields.optionalText("url"), published: try fields.optionalDate("published"),
            lang: try fields.optionalLanguageTag("lang"), reliability: try fields.enumeration("reliability"),
            cites: cites, text: try fields.optionalText("text"))
    }

    private func decodeClaim(_ fields: Fields) throws(RecordProblem) -> Claim {
        try fields.refuseUnknown(allowed: RecordDecoder.claimFields)
        let id = try fields.optionalIdentifier("id")
        let subject = try fields.identifier("subject")
        let predicate = try fields.text("predicate")
        if let problem = vocabulary.problem(predicate: predicate, subjectType: nil, objectType: nil) {
            throw fields.problem(problem.field, problem.message)
        }
        let object = try fields.identifier("object")
        if object == subject {
            throw fields.problem("object", "a claim links two different entities; subject and object are both \"\(subject)\"")
        }
        let start = try fields.optionalDate("start")
        let end = try fields.optionalDate("end")
        if let start, let end, end.lastDay < start.firstDay {
            throw fields.problem("end", "\(end) is before start \(start)")
        }
        let elements = try fields.array("citations", required: true)
        if elements.isEmpty { throw fields.problem("citations", "a claim needs at least one citation") }
        var citations: [Citation] = []
        var keys: [Int64: Int] = [:]
        for (index, element) in elements.enumerated() {
            let path = "citations[\(index)]"
            let citation = try fields.nested(element, at: path)
            try citation.refuseUnknown(allowed: RecordDecoder.citationFields)
            let source = try citation.identifier("source")
            let via = try citation.optionalIdentifier("via")
            if via == source {
                throw citation.problem(
                    "via", "names the claimant again; leave via out when the quote stands in the source itself")
            }
            let decoded = Citation(
                source: source, via: via, quote: try citation.text("quote"),
                quoteEnglish: try citation.optionalText("quote_en"), stance: try citation.enumeration("stance"),
                credibility: try citation.credibility("credibility"), locator: try citation.optionalText("locator"))
            if let earlier = keys.updateValue(index, forKey: decoded.key) {
                throw fields.problem(path, "repeats citations[\(earlier)] (same source, via and quote)")
            }
            citations.append(decoded)
        }
        return Claim(
            id: id, subject: subject, predicate: predicate, object: object, start: start, end: end,
            citations: citations, notes: try fields.optionalText("notes"))
    }
}

/// Typed access to the fields of one JSON object, with errors that name the field's path.
private struct Fields {
    let object: JSONObject
    let label: String
    var prefix = ""

    init(object: JSONObject, label: String, prefix: String = "") {
        self.object = object
        self.label = label
        self.prefix = prefix
    }

    func problem(_ field: String, _ message: String) -> RecordProblem {
        RecordProblem(record: label, field: prefix + field, message: message)
    }

    func nested(_ value: JSONValue, at path: String) throws(RecordProblem) -> Fields {
        guard case .object(let inner) = value else {
            throw RecordProblem(record: label, field: prefix + path, message: "expected an object, found \(value.typeName)")
        }
        return Fields(object: inner, label: label, prefix: prefix + path + ".")
    }

    func refuseUnknown(allowed: Set<String>) throws(RecordProblem) {
        for member in object.members where !allowed.contains(member.key) {
            let suggestion = Suggestion.nearest(to: member.key, among: allowed.sorted())
            throw problem(Text.printable(member.key), "unknown field" + Suggestion.phrase(suggestion))
        }
    }

    /// The value, or nil when absent or null.
    private func value(_ key: String) -> JSONValue? {
        switch object[key] {
        case .none, .null?: nil
        case let value?: value
        }
    }

    func optionalText(_ key: String) throws(RecordProblem) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else { throw problem(key, "expected a string, found \(value.typeName)") }
        if let trouble = Text.problem(with: text) { throw problem(key, trouble) }
        return text
    }

    func text(_ key: String) throws(RecordProblem) -> String {
        guard let text = try optionalText(key) else { throw problem(key, "missing") }
        if text.allSatisfy(\.isWhitespace) { throw problem(key, "cannot be empty") }
        return text
    }

    func optionalIdentifier(_ key: String) throws(RecordProblem) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else { throw problem(key, "expected an id (a string), found \(value.typeName)") }
        if let trouble = Identifier.problem(with: text) { throw problem(key, trouble) }
        return text
    }

    func identifier(_ key: String) throws(RecordProblem) -> String {
        guard let id = try optionalIdentifier(key) else { throw problem(key, "missing") }
        return id
    }

    func identifierList(_ key: String) throws(RecordProblem) -> [String] {
        var ids: [String] = []
        for (index, element) in try array(key).enumerated() {
            guard case .string(let text) = element else {
                throw problem("\(key)[\(index)]", "expected an id (a string), found \(element.typeName)")
            }
            if let trouble = Identifier.problem(with: text) { throw problem("\(key)[\(index)]", trouble) }
            if ids.contains(text) { throw problem("\(key)[\(index)]", "\"\(text)\" is listed twice") }
            ids.append(text)
        }
        return ids
    }

    func array(_ key: String, required: Bool = false) throws(RecordProblem) -> [JSONValue] {
        guard let value = value(key) else {
            if required { throw problem(key, "missing") }
            return []
        }
        guard case .array(let elements) = value else { throw problem(key, "expected an array, found \(value.typeName)") }
        return elements
    }

    func enumeration<T: RawRepresentable & CaseIterable>(_ key: String) throws(RecordProblem) -> T
    where T.RawValue == String {
        guard let value = value(key) else { throw problem(key, "missing") }
        if case .string(let text) = value, let result = T(rawValue: text) { return result }
        let allowed = T.allCases.map(\.rawValue)
        guard case .string(let text) = value else {
            throw problem(key, "expected one of \(allowed.joined(separator: ", ")), found \(value.typeName)")
        }
        let suggestion = Suggestion.nearest(to: text, among: allowed)
        throw problem(
            key, "\"\(Text.printable(text))\" is not one of \(allowed.joined(separator: ", "))\(Suggestion.phrase(suggestion))")
    }

    func credibility(_ key: String) throws(RecordProblem) -> Credibility {
        guard let value = value(key) else { throw problem(key, "missing") }
        guard case .number(let text) = value, let number = Int(text), let grade = Credibility(rawValue: number) else {
            let shown = if case .number(let text) = value { text } else { value.typeName }
            throw problem(key, "expected an integer from 1 (confirmed) to 6 (cannot be judged), found \(Text.printable(shown))")
        }
        return grade
    }

    func optionalDate(_ key: String) throws(RecordProblem) -> PartialDate? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else {
            throw problem(key, "expected a date (YYYY, YYYY-MM or YYYY-MM-DD), found \(value.typeName)")
        }
        do throws(PartialDateError) {
            return try PartialDate(parsing: text)
        } catch {
            throw problem(key, "\"\(Text.printable(error.text))\" is not a valid date: \(error.reason)")
        }
    }

    func optionalLanguageTag(_ key: String) throws(RecordProblem) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else { throw problem(key, "expected a language tag, found \(value.typeName)") }
        if !Fields.isLanguageTag(text) {
            throw problem(key, "\"\(Text.printable(text))\" is not a BCP-47 language tag (such as ar, en or ar-Latn)")
        }
        return text
    }

    func languageTag(_ key: String) throws(RecordProblem) -> String {
        guard let tag = try optionalLanguageTag(key) else { throw problem(key, "missing") }
        return tag
    }

    func stringDictionary(_ key: String) throws(RecordProblem) -> [String: String] {
        guard let value = value(key) else { return [:] }
        guard case .object(let inner) = value else {
            throw problem(key, "expected an object of strings, found \(value.typeName)")
        }
        var result: [String: String] = [:]
        for member in inner.members {
            let path = "\(key).\(Text.printable(member.key))"
            if let trouble = Text.problem(with: member.key) { throw problem(path, trouble) }
            guard case .string(let text) = member.value else {
                throw problem(path, "expected a string, found \(member.value.typeName)")
            }
            if let trouble = Text.problem(with: text) { throw problem(path, trouble) }
            result[member.key] = text
        }
        return result
    }

    /// A language subtag of 2–3 letters, then subtags of 1–8 letters or digits.
    static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count),
            first.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic })
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count)
                && part.unicodeScalars.allSatisfy { $0.isASCII && $0.properties.isAlphabetic || ("0"..."9").contains($0) }
        }
    }
}
