/// Turns one parsed JSON line into a validated ``Record``.
///
/// Every rule that a record can be checked against on its own lives here: field types,
/// unknown fields, slugs, dates, grades, the predicate vocabulary, storable text. Rules that
/// need other records (does the entity exist, does its type fit the predicate) are the
/// importer's, once the whole input is read.
public struct RecordDecoder: Sendable {
    public let vocabulary: Vocabulary
    /// Whether a blank `retracted` reason is taken: not in input (it is refused there), but in
    /// the store's own kept lines, which an older Isnad wrote when its imports took one, so that
    /// such a claim can still be restored and undone.
    private var takesBlankRetractionReasons = false
    /// Whether a name longer than ``Entity/maximumNameLength`` is taken: not in input, but in
    /// the store's own kept lines, written before names had a limit (a history entry's state of
    /// such a name), so that the history still checks, travels and undoes.
    private var takesLongNames = false
    /// Whether a text of invisible characters or direction marks alone is taken: not in input,
    /// but in the store's own kept lines, which an Isnad before such text was refused wrote (a
    /// name of U+200B), so that the history still checks and undoes what it kept.
    private var takesInvisibleText = false

    public init(vocabulary: Vocabulary = .standard) { self.vocabulary = vocabulary }

    /// The record, or every problem found in it: each field is checked even when an earlier
    /// one is bad, so that one run lists all that must be fixed in the record.
    public func decode(_ value: JSONValue) throws(RecordProblems) -> Record {
        guard case .object(let object) = value else {
            throw RecordProblems(RecordProblem(message: "a record is a JSON object, not \(value.typeName)"))
        }
        guard let kindValue = object["record"] else {
            throw RecordProblems(RecordProblem(field: "record", message: "missing; expected \"entity\", \"source\" or \"claim\""))
        }
        guard case .string(let kindName) = kindValue, let kind = Record.Kind(rawValue: kindName) else {
            let shown = if case .string(let text) = kindValue { "\"\(Text.printable(text))\"" } else { kindValue.typeName }
            let suggestion =
                if case .string(let text) = kindValue {
                    Suggestion.phrase(Suggestion.nearest(to: text, among: Record.Kind.allCases.map(\.rawValue)))
                } else { "" }
            throw RecordProblems(
                RecordProblem(
                    field: "record",
                    message: "unknown record kind \(shown); expected \"entity\", \"source\" or \"claim\"\(suggestion)"))
        }
        let fields = Fields(
            object: object, label: RecordDecoder.label(kind: kind, object: object), takesInvisibleText: takesInvisibleText)
        var found = ProblemList()
        let record: Record? =
            switch kind {
            case .entity: decodeEntity(fields, &found).map(Record.entity)
            case .source: decodeSource(fields, &found).map(Record.source)
            case .claim: decodeClaim(fields, &found).map(Record.claim)
            }
        guard let record, found.problems.isEmpty else { throw found.failure(label: fields.label) }
        return record
    }

    /// The first problem an import finds in a record line, or nil when it would take it: for
    /// lines made from the store (an export, an edit), whose values another program may have
    /// written.
    public func firstProblem(inLine line: [UInt8]) -> RecordProblem? { problems(inLine: line).first }

    /// Every problem an import finds in a record line, in the order it finds them (none when it
    /// would take it).
    public func problems(inLine line: [UInt8]) -> [RecordProblem] {
        do {
            let value = try line.withUnsafeBufferPointer { try JSONParser.parse($0) }
            _ = try decode(value)
            return []
        } catch let problems as RecordProblems {
            return problems.problems
        } catch {
            return [RecordProblem(message: "\(error)")]
        }
    }

    /// A record kept whole as its line (a retracted claim's `record`, a history entry's `before`
    /// and `after`, or a history file's): the record, or why the line is not that of the `kind`
    /// `id` it is kept for.
    public func decode(keptLine line: String, kind: Record.Kind, id: String) throws(KeptLineProblem) -> Record {
        let record: Record
        var lenient = self
        lenient.takesBlankRetractionReasons = true
        lenient.takesLongNames = true
        lenient.takesInvisibleText = true
        do {
            record = try lenient.decode(try JSONParser.parse(line))
        } catch let problems as RecordProblems {
            let first = problems.problems[0]
            throw KeptLineProblem(description: "not a record line: \(first.field.map { "\($0): " } ?? "")\(first.message)")
        } catch {
            throw KeptLineProblem(description: "not a record line: \(error)")
        }
        guard record.kind == kind, record.id == id else {
            throw KeptLineProblem(
                description: "the line of another record, \(record.kind.rawValue) \"\(Text.printable(record.id))\"")
        }
        return record
    }

    /// Why a kept record line is not the record it is kept for.
    public struct KeptLineProblem: Error, CustomStringConvertible {
        public let description: String
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

    private static let entityFields: Set<String> = [
        "record", "id", "type", "name", "aliases", "description", "attributes", "merged",
    ]
    private static let sourceFields: Set<String> = [
        "record", "id", "type", "title", "publisher", "author", "url", "published", "lang", "reliability", "cites", "text",
    ]
    private static let claimFields: Set<String> = [
        "record", "id", "subject", "predicate", "object", "start", "end", "citations", "notes", "retracted",
    ]
    private static let citationFields: Set<String> = [
        "source", "via", "quote", "quote_en", "stance", "credibility", "locator", "retracted",
    ]
    private static let aliasFields: Set<String> = ["name", "lang"]

    private func retractionReason(_ fields: Fields) throws(RecordProblem) -> String? {
        takesBlankRetractionReasons ? try fields.optionalText("retracted") : try fields.optionalNonBlankText("retracted")
    }

    private func decodeEntity(_ fields: Fields, _ found: inout ProblemList) -> Entity? {
        found.note(fields.unknownFields(allowed: RecordDecoder.entityFields))
        let id = found.check { () throws(RecordProblem) in try fields.identifier("id") }
        let type = found.check { () throws(RecordProblem) -> EntityType in try fields.enumeration("type") }
        let name = found.check { () throws(RecordProblem) in try fields.name("name", limited: !takesLongNames) }
        var aliases: [Alias] = []
        let elements = found.check { () throws(RecordProblem) in try fields.array("aliases") } ?? []
        for (index, element) in elements.enumerated() {
            guard let alias = found.check({ () throws(RecordProblem) in try fields.nested(element, at: "aliases[\(index)]") })
            else { continue }
            found.note(alias.unknownFields(allowed: RecordDecoder.aliasFields))
            let aliasName = found.check { () throws(RecordProblem) in try alias.name("name", limited: !takesLongNames) }
            let lang = found.check { () throws(RecordProblem) in try alias.languageTag("lang") }
            if let aliasName, let lang { aliases.append(Alias(name: aliasName, lang: lang)) }
        }
        let description = found.check { () throws(RecordProblem) in try fields.optionalText("description") }
        let attributes = found.check { () throws(RecordProblem) in try fields.stringDictionary("attributes") }
        let merged = found.check { () throws(RecordProblem) in try fields.identifierList("merged") }
        guard let id, let type, let name, let description, let attributes, let merged else { return nil }
        return Entity(
            id: id, type: type, name: name, aliases: aliases, description: description, attributes: attributes, merged: merged)
    }

    private func decodeSource(_ fields: Fields, _ found: inout ProblemList) -> Source? {
        found.note(fields.unknownFields(allowed: RecordDecoder.sourceFields))
        let id = found.check { () throws(RecordProblem) in try fields.identifier("id") }
        let type = found.check { () throws(RecordProblem) -> SourceType in try fields.enumeration("type") }
        let title = found.check { () throws(RecordProblem) in try fields.text("title") }
        let publisher = found.check { () throws(RecordProblem) in try fields.optionalText("publisher") }
        let author = found.check { () throws(RecordProblem) in try fields.optionalText("author") }
        let url = found.check { () throws(RecordProblem) in try fields.optionalText("url") }
        let published = found.check { () throws(RecordProblem) in try fields.optionalDate("published") }
        let lang = found.check { () throws(RecordProblem) in try fields.optionalLanguageTag("lang") }
        let reliability = found.check { () throws(RecordProblem) -> Reliability in try fields.enumeration("reliability") }
        var cites = found.check { () throws(RecordProblem) in try fields.identifierList("cites") }
        if let id, let listed = cites, listed.contains(id) {
            found.note(fields.problem("cites", "a source cannot cite itself"))
            cites = nil
        }
        let text = found.check { () throws(RecordProblem) in try fields.optionalText("text") }
        guard let id, let type, let title, let publisher, let author, let url, let published, let lang, let reliability,
            let cites, let text
        else { return nil }
        return Source(
            id: id, type: type, title: title, publisher: publisher, author: author, url: url, published: published,
            lang: lang, reliability: reliability, cites: cites, text: text)
    }

    private func decodeClaim(_ fields: Fields, _ found: inout ProblemList) -> Claim? {
        found.note(fields.unknownFields(allowed: RecordDecoder.claimFields))
        let id = found.check { () throws(RecordProblem) in try fields.optionalIdentifier("id") }
        let subject = found.check { () throws(RecordProblem) in try fields.identifier("subject") }
        var predicate = found.check { () throws(RecordProblem) in try fields.text("predicate") }
        if let name = predicate, let problem = vocabulary.problem(predicate: name, subjectType: nil, objectType: nil) {
            found.note(fields.problem(problem.field, problem.message))
            predicate = nil
        }
        var object = found.check { () throws(RecordProblem) in try fields.identifier("object") }
        if let subject, object == subject {
            found.note(
                fields.problem("object", "a claim links two different entities; subject and object are both \"\(subject)\""))
            object = nil
        }
        let start = found.check { () throws(RecordProblem) in try fields.optionalDate("start") }
        var end = found.check { () throws(RecordProblem) in try fields.optionalDate("end") }
        if let start = start ?? nil, let last = end ?? nil, last.lastDayNumber < start.firstDayNumber {
            found.note(fields.problem("end", "\(last) is before start \(start)"))
            end = nil
        }
        var citations: [Citation]? = nil
        if let elements = found.check({ () throws(RecordProblem) in try fields.array("citations", required: true) }) {
            citations = decodeCitations(elements, of: fields, &found)
        }
        let notes = found.check { () throws(RecordProblem) in try fields.optionalText("notes") }
        let retraction = found.check { () throws(RecordProblem) in try retractionReason(fields) }
        guard let id, let subject, let predicate, let object, let start, let end, let citations, let notes, let retraction
        else { return nil }
        return Claim(
            id: id, subject: subject, predicate: predicate, object: object, start: start, end: end,
            citations: citations, notes: notes, retraction: retraction)
    }

    /// A claim's citations, or nil when any of them is bad (every problem noted).
    private func decodeCitations(_ elements: [JSONValue], of fields: Fields, _ found: inout ProblemList) -> [Citation]? {
        if elements.isEmpty {
            found.note(fields.problem("citations", "a claim needs at least one citation"))
            return nil
        }
        var citations: [Citation] = []
        var isComplete = true
        var repeats = CitationRepeats()
        for (index, element) in elements.enumerated() {
            let path = "citations[\(index)]"
            guard let citation = found.check({ () throws(RecordProblem) in try fields.nested(element, at: path) }) else {
                isComplete = false
                continue
            }
            found.note(citation.unknownFields(allowed: RecordDecoder.citationFields))
            let source = found.check { () throws(RecordProblem) in try citation.identifier("source") }
            var via = found.check { () throws(RecordProblem) in try citation.optionalIdentifier("via") }
            if let source, via == source {
                found.note(
                    citation.problem(
                        "via", "names the claimant again; leave via out when the quote stands in the source itself"))
                via = nil
            }
            let quote = found.check { () throws(RecordProblem) in try citation.text("quote") }
            let quoteEnglish = found.check { () throws(RecordProblem) in try citation.optionalText("quote_en") }
            let stance = found.check { () throws(RecordProblem) -> Stance in try citation.enumeration("stance") }
            let credibility = found.check { () throws(RecordProblem) in try citation.credibility("credibility") }
            let locator = found.check { () throws(RecordProblem) in try citation.optionalText("locator") }
            let retraction = found.check { () throws(RecordProblem) in try retractionReason(citation) }
            guard let source, let via, let quote, let quoteEnglish, let stance, let credibility, let locator, let retraction
            else {
                isComplete = false
                continue
            }
            let decoded = Citation(
                source: source, via: via, quote: quote, quoteEnglish: quoteEnglish, stance: stance,
                credibility: credibility, locator: locator, retraction: retraction)
            if let earlier = repeats.admit(decoded, at: index) {
                found.note(fields.problem(path, "repeats citations[\(earlier)] (same source, via and quote)"))
                isComplete = false
                continue
            }
            citations.append(decoded)
        }
        return isComplete ? citations : nil
    }
}

/// The problems found so far in one record: every field is read even after a bad one.
struct ProblemList {
    var problems: [RecordProblem] = []

    /// The field's value, or nil when it is bad (and the problem noted).
    mutating func check<T>(_ read: () throws(RecordProblem) -> T) -> T? {
        do {
            return try read()
        } catch {
            problems.append(error)
            return nil
        }
    }

    mutating func note(_ problem: RecordProblem) { problems.append(problem) }
    mutating func note(_ more: [RecordProblem]) { problems += more }

    /// What to throw; never empty, so that a refused record is always reported.
    func failure(label: String) -> RecordProblems {
        if let first = problems.first { return RecordProblems(first, Array(problems.dropFirst())) }
        return RecordProblems(RecordProblem(record: label, message: "cannot be read"))
    }
}

/// Typed access to the fields of one JSON object, with errors that name the field's path.
struct Fields {
    let object: JSONObject
    let label: String
    var prefix = ""
    /// Whether text of invisible characters alone passes (``RecordDecoder``'s kept lines).
    var takesInvisibleText = false

    init(object: JSONObject, label: String, prefix: String = "", takesInvisibleText: Bool = false) {
        self.object = object
        self.label = label
        self.prefix = prefix
        self.takesInvisibleText = takesInvisibleText
    }

    /// Whether the text is refused as empty: it shows nothing, and is not the invisible text a
    /// kept line may hold.
    private func isRefusedAsEmpty(_ text: String) -> Bool {
        Text.showsNothing(text) && !(takesInvisibleText && Text.holdsOnlyInvisible(text))
    }

    func problem(_ field: String, _ message: String) -> RecordProblem {
        RecordProblem(record: label, field: prefix + field, message: message)
    }

    func nested(_ value: JSONValue, at path: String) throws(RecordProblem) -> Fields {
        guard case .object(let inner) = value else {
            throw RecordProblem(record: label, field: prefix + path, message: "expected an object, found \(value.typeName)")
        }
        return Fields(object: inner, label: label, prefix: prefix + path + ".", takesInvisibleText: takesInvisibleText)
    }

    /// One problem for each field that the record kind does not have, in the record's order.
    func unknownFields(allowed: Set<String>) -> [RecordProblem] {
        object.members.filter { !allowed.contains($0.key) }.map { member in
            let suggestion = Suggestion.nearest(to: member.key, among: allowed.sorted())
            return problem(Text.printable(member.key), "unknown field" + Suggestion.phrase(suggestion))
        }
    }

    /// The value, or nil when absent or null.
    private func value(_ key: String) -> JSONValue? {
        switch object[key] {
        case .none, .null?: nil
        case let value?: value
        }
    }

    /// Text that may be absent, but not blank when given (a retraction's reason).
    func optionalNonBlankText(_ key: String) throws(RecordProblem) -> String? {
        guard let text = try optionalText(key) else { return nil }
        if isRefusedAsEmpty(text) { throw problem(key, Text.emptyProblem(text) + ": give the reason, or leave the field out") }
        return text
    }

    func optionalText(_ key: String) throws(RecordProblem) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else { throw problem(key, "expected a string, found \(value.typeName)") }
        if let trouble = Text.problem(with: text) { throw problem(key, trouble) }
        return text
    }

    func text(_ key: String) throws(RecordProblem) -> String {
        guard let text = try optionalText(key) else { throw problem(key, "missing") }
        if isRefusedAsEmpty(text) { throw problem(key, Text.emptyProblem(text)) }
        return text
    }

    /// An entity's name or alias: text of at most ``Entity/maximumNameLength`` characters, without
    /// the spaces around it. They are a sheet's cell's or a typing's, never the name's, and a name
    /// with them differs from the same name without (`check` reports such a name in a store).
    func name(_ key: String, limited: Bool = true) throws(RecordProblem) -> String {
        let text = try text(key)
        // A kept name of invisible characters alone goes back as it was kept, not trimmed to nothing.
        let name = takesInvisibleText && Text.holdsOnlyInvisible(text) ? text : text.trimmingWhitespace
        let length = name.unicodeScalars.count
        if limited, length > Entity.maximumNameLength {
            throw problem(
                key,
                "\(length) characters, more than the \(Entity.maximumNameLength) a name may have (a PostgreSQL store indexes names whole): put the rest in the description"
            )
        }
        return name
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
        // A set for the repeats once the list is long (a hostile store's source citing 64,000
        // took seconds on every read of it); most lists are a few ids.
        var seen: Set<String>?
        for (index, element) in try array(key).enumerated() {
            guard case .string(let text) = element else {
                throw problem("\(key)[\(index)]", "expected an id (a string), found \(element.typeName)")
            }
            if let trouble = Identifier.problem(with: text) { throw problem("\(key)[\(index)]", trouble) }
            let isRepeated: Bool
            if let inserted = seen?.insert(text).inserted {
                isRepeated = !inserted
            } else {
                isRepeated = ids.contains(text)
                if !isRepeated, ids.count >= 16 { seen = Set(ids + [text]) }
            }
            if isRepeated { throw problem("\(key)[\(index)]", "\"\(text)\" is listed twice") }
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
        guard case .number(let text) = value, let grade = Credibility(number: text) else {
            let shown = if case .number(let text) = value { text } else { value.typeName }
            throw problem(key, "expected an integer from 1 (confirmed) to 6 (cannot be judged), found \(Text.printable(shown))")
        }
        return grade
    }

    /// A STIX `confidence`: an integer from 0 to 100 (STIX 2.1, 3.2), or nil when absent.
    func optionalConfidence(_ key: String) throws(RecordProblem) -> Int? {
        guard let value = value(key) else { return nil }
        guard case .number(let text) = value, let number = Int(text), (0...100).contains(number) else {
            let shown = if case .number(let text) = value { text } else { value.typeName }
            throw problem(key, "expected an integer from 0 to 100, found \(Text.printable(shown))")
        }
        return number
    }

    func optionalDate(_ key: String) throws(RecordProblem) -> PartialDate? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else {
            throw problem(key, "expected a date (YYYY, YYYY-MM or YYYY-MM-DD), found \(value.typeName)")
        }
        do throws(PartialDateError) {
            return try PartialDate(parsing: text)
        } catch {
            let western = Text.withWesternDigits(text)
            guard western != text else {
                throw problem(key, "\"\(Text.printable(error.text))\" is not a valid date: \(error.reason)")
            }
            // Typed on an Arabic keyboard: what is wrong with the date read in the digits 0-9, if
            // anything (day 30 of February), else how to write it.
            do throws(PartialDateError) {
                _ = try PartialDate(parsing: western)
            } catch {
                throw problem(key, "\"\(Text.printable(text))\" is not a valid date: \(error.reason)")
            }
            if let note = Text.hijriNote(forDate: text) {
                throw problem(key, "\"\(Text.printable(text))\" is not a valid date: \(note)")
            }
            throw problem(
                key, "\"\(Text.printable(text))\" is not a valid date: a record writes it with the digits 0-9 (\"\(western)\")")
        }
    }

    func optionalLanguageTag(_ key: String) throws(RecordProblem) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else { throw problem(key, "expected a language tag, found \(value.typeName)") }
        if !Fields.isLanguageTag(text) {
            throw problem(key, "\"\(Text.printable(text))\" is not a BCP-47 language tag (such as ar, en or ar-Latn)")
        }
        return LanguageTag.canonicalCase(text)
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
