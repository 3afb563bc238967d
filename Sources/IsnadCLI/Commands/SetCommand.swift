import IsnadKit

enum SetCommand: Command {
    static let name = "set"
    static let spec = CommandSpec(
        name: name,
        abstract: "Change one field of an entity, source or claim, for scripts.",
        discussion: """
            FIELD is a path into the record as export jsonl writes it, the way isnad log shows changes: name,
            description, reliability, start, citations[0].credibility, aliases[1].name … VALUE is text, or a whole
            number where the field holds one; null removes an optional field. The record is checked
            as import checks it (the field named in the message) and written in one transaction, one history entry.
            Ids are not changed here: isnad merge does that; nor a claim's subject, predicate or object (retract
            it and add the new one), nor an entity's merged ids (isnad merge and unmerge). An item of a list of ids
            is set whole: cites[0] hadera-2022-article, or null to take it out; so is an alias, as LANG:NAME
            (aliases[1] ar:حماس). One past the last item adds one: aliases[2] when there are two.
            """,
        arguments: [
            ArgumentSpec(name: "id", help: "The record's id."), ArgumentSpec(name: "field", help: "The field's path."),
            ArgumentSpec(name: "value", help: "The new value."),
        ],
        options: [RecordLookup.kind, HistoryOptions.author],
        examples: [
            "isnad set hamas-praised-hadera-attack 'citations[0].credibility' 3",
            "isnad set hadera-2022-article reliability D --author ana",
            "isnad set hamas 'aliases[5]' 'en:Hamas movement'",
        ])

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let (id, field, value) = (arguments.positionals[0], arguments.positionals[1], arguments.positionals[2])
        let path = try FieldPath(field)
        if path.steps.first?.key == "id" || path.steps.first?.key == "record" {
            throw UsageError(
                message: "set does not change \(field): ids stay (isnad merge joins two entities)", command: spec.name)
        }
        let store = try context.openStore(.write)
        let (outcome, entry) = try store.changing(context.change(author: try arguments.value(HistoryOptions.author))) {
            session -> String in
            let record = try RecordLookup.record(
                id, kinds: Record.Kind.allCases, arguments: arguments, command: spec.name, store: store,
                record: { try session.record($0, id: id) })
            var writer = RecordWriter()
            let line = writer.encode(record)
            // A value another program stored that no import takes is said as the store's (65),
            // not as the value typed (64), unless it is in the field set: setting it is the fix
            // (a name stored before names had a limit), and the new value is checked below.
            if let problem = RecordDecoder(vocabulary: store.vocabulary).problems(inLine: line).first(where: {
                !$0.isFixed(bySetting: field)
            }) {
                throw StoreError.unimportable(
                    problem, path: store.path, record: "\(record.kind.rawValue) \"\(Text.printable(record.id))\"")
            }
            let json = try JSONParser.parse(String(decoding: line, as: UTF8.self))
            // Said before the record format's rules, which a new end could break first (a claim of
            // an entity with itself) and would then be the wrong reason given.
            if case .claim(let claim) = record, path.steps.count == 1,
                let current = ["subject": claim.subject, "predicate": claim.predicate, "object": claim.object][path.steps[0].key],
                value != current
            {
                throw EditChecks.claimKeepsItsEnds(field: path.steps[0].key)
            }
            let changed = try path.setting(value, in: json, record: "\(record.kind.rawValue) \"\(record.id)\"")
            let updated: Record
            do throws(RecordProblems) {
                updated = try RecordDecoder(vocabulary: store.vocabulary).decode(changed)
            } catch {
                // A value the record format refuses, as a bad value of an option is: a usage error (64).
                let problem = error.problems[0]
                throw UsageError(message: "\(problem.field ?? field): \(problem.message)", command: spec.name)
            }
            try EditChecks.check(updated, replacing: record, store: store)
            try session.put(updated)
            return "set \(field) of \(record.kind.rawValue) \"\(record.id)\""
        }
        context.message(entry == nil ? "\(outcome): unchanged" : outcome + " (history entry \(entry ?? 0))")
    }
}

/// Checks a whole record written by `set` (or `edit`) beyond what the record format checks:
/// what it names exists, a claim's predicate fits its ends' types, a claim keeps its ends and
/// predicate (as an import keeps them), and an entity's merged ids are those `isnad merge` left.
enum EditChecks {
    static func claimKeepsItsEnds(field: String) -> LookupError {
        LookupError(
            description:
                "\(field): a claim keeps its subject, predicate and object (its citations speak of that relationship): retract it (isnad retract) and add the new one"
        )
    }

    static func check(_ record: Record, replacing stored: Record, store: GraphStore) throws {
        if let missing = try store.firstMissingReference(of: record) {
            throw LookupError(
                description: "\(record.kind.rawValue) \"\(record.id)\" would name \(missing), which is not in the store")
        }
        switch record {
        case .claim(let claim):
            // Its citations speak of the stored relationship, and an id made from the ends would
            // no longer be the one an import or `add claim` works out for them.
            // Retracted or not: a retracted claim restored later speaks of its relationship too.
            if case .claim(let stored) = stored, let changed = claim.changedEnd(from: stored) {
                throw claimKeepsItsEnds(field: changed.field)
            }
            // A retracted claim may keep ends whose types changed since: restore checks it.
            guard claim.retraction == nil else { break }
            let types = try store.entityTypes([claim.subject, claim.object])
            if let problem = store.vocabulary.problem(
                predicate: claim.predicate, subjectType: types[claim.subject], objectType: types[claim.object])
            {
                throw LookupError(description: "\(problem.field): \(problem.message)")
            }
        case .entity(let entity):
            // A merged id takes over every claim that names it: only merge and unmerge, which
            // move the claims with it, change them.
            if case .entity(let before) = stored, entity.merged != before.merged {
                throw LookupError(
                    description: "merged: the ids merged into an entity change only by isnad merge and isnad unmerge")
            }
            // Only a new type can break a claim: a hub's hundred thousand claims are not read
            // for its description.
            guard case .entity(let before) = stored, entity.type != before.type else { break }
            if let misfit = try store.firstClaimOutsideVocabulary(namingEntities: [entity.id], assuming: [entity.id: entity.type])
            {
                throw LookupError(
                    description:
                        "type: the new type breaks claim \"\(misfit.claim)\": \(misfit.message) (retract the claim first, if the type is why it is wrong)"
                )
            }
        case .source(let source):
            // An import refuses a cycle it would make; a source changed in place is checked here.
            guard case .source(let before) = stored, source.cites != before.cites,
                let cycle = try store.citesCycle(ifSource: source.id, cited: source.cites)
            else { break }
            throw LookupError(description: "cites: \(cycle)")
        }
    }
}

/// A path into a record's JSON: `name`, `citations[0].credibility`, `aliases[1].lang`.
struct FieldPath {
    struct Step {
        var key: String
        var index: Int?
    }

    let steps: [Step]
    let text: String

    init(_ text: String) throws {
        self.text = text
        var steps: [Step] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            var key = String(part)
            var index: Int?
            if let open = key.firstIndex(of: "["), key.hasSuffix("]") {
                guard let number = Int(key[key.index(after: open)..<key.index(before: key.endIndex)]), number >= 0 else {
                    throw UsageError(message: "field \"\(Text.printable(text))\": expected an index such as [0]", command: "set")
                }
                index = number
                key = String(key[..<open])
            }
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0 == "_" }) else {
                throw UsageError(
                    message: "field \"\(Text.printable(text))\": expected a path such as name or citations[0].credibility",
                    command: "set")
            }
            steps.append(Step(key: key, index: index))
        }
        self.steps = steps
    }

    /// The records' dates (the record format's `optionalPartialDate` fields: a source's
    /// `published`, a claim's `start` and `end`), where digits typed on an Arabic keyboard are
    /// read as digits, as `add` reads them; every other text is kept as typed.
    static let dateFields: Set<String> = ["published", "start", "end"]
    /// Fields whose value is a word of a fixed set, read without regard to case as `add` and
    /// the filters read them (`reliability b`, `stance Denies`), and stored as the format spells them.
    static let wordFields: [String: @Sendable (String) -> String] = [
        "reliability": { $0.uppercased() }, "type": { $0.lowercased() }, "stance": { $0.lowercased() },
    ]

    /// An alias as `--alias` and `set ID aliases[N]` take it, `LANG:NAME` (`ar:حماس`), as the
    /// record's object; nil when the text is not one.
    static func alias(_ text: String) -> JSONValue? {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex, text.index(after: colon) != text.endIndex else {
            return nil
        }
        // Spaces around either part are the typing's, not the name's (`en: Hamas movement`).
        let name = String(text[text.index(after: colon)...]).trimmingWhitespace
        let lang = String(text[..<colon]).trimmingWhitespace
        guard !name.isEmpty, !lang.isEmpty else { return nil }
        return .object(JSONObject(members: [.init(key: "name", value: .string(name)), .init(key: "lang", value: .string(lang))]))
    }

    /// `json` with the field at this path set to `value` (removed when `value` is empty or null).
    func setting(_ value: String, in json: JSONValue, record: String) throws -> JSONValue {
        try set(value, in: json, at: steps[...], record: record)
    }

    private func set(_ value: String, in json: JSONValue, at steps: ArraySlice<Step>, record: String) throws -> JSONValue {
        guard let step = steps.first, case .object(let object) = json else {
            throw LookupError(description: "\(text): \(record) has no such field")
        }
        var members = object.members
        let position = members.firstIndex { $0.key == step.key }
        let current = position.map { members[$0].value }
        var new: JSONValue?
        if let index = step.index {
            var items: [JSONValue] = []
            if case .array(let list)? = current { items = list }
            // One past the last: a new element of a list whose elements are set whole (an alias,
            // an id of cites), never a field of one.
            let isAppendable = steps.count == 1 && (step.key == "aliases" || step.key == "cites")
            let isAppended = isAppendable && index == items.count && !(value.isEmpty || value == "null")
            guard items.indices.contains(index) || isAppended else {
                let adding = isAppendable && index > items.count ? " (\(step.key)[\(items.count)] adds one)" : ""
                throw LookupError(description: "\(text): \(record) has \(items.count) \(step.key), no [\(index)]\(adding)")
            }
            if isAppended { items.append(step.key == "aliases" ? .object(JSONObject(members: [])) : .string("")) }
            if steps.count == 1 {
                if value.isEmpty || value == "null" {
                    // Taken out: an id of a list (cites, merged), or a whole alias.
                    items.remove(at: index)
                } else if step.key == "aliases" {
                    guard let alias = FieldPath.alias(value) else {
                        throw UsageError(
                            message: "\(text): an alias is LANG:NAME (ar:حماس), got \"\(Text.printable(value))\"", command: "set")
                    }
                    items[index] = alias
                } else if case .string = items[index] {
                    items[index] = .string(value)
                } else {
                    throw LookupError(description: "\(text): set one of its fields, as \(step.key)[\(index)].FIELD")
                }
            } else {
                items[index] = try set(value, in: items[index], at: steps.dropFirst(), record: record)
            }
            new = .array(items)
        } else if steps.count > 1 {
            new = try set(value, in: current ?? .object(JSONObject(members: [])), at: steps.dropFirst(), record: record)
        } else if value.isEmpty || value == "null" {
            new = nil
        } else if case .number? = current {
            guard let number = Int(Text.withWesternDigits(value)) else {
                throw UsageError(
                    message: "\(text): expected a whole number, got \"\(Text.printable(value))\"", command: "set")
            }
            new = .number(String(number))
        } else if steps.count == self.steps.count, FieldPath.dateFields.contains(step.key) {
            new = .string(Text.withWesternDigits(date: value))
        } else if let spelling = FieldPath.wordFields[step.key] {
            new = .string(spelling(value))
        } else {
            new = .string(value)
        }
        if let position {
            if let new { members[position] = .init(key: step.key, value: new) } else { members.remove(at: position) }
        } else if let new {
            members.append(.init(key: step.key, value: new))
        }
        return .object(JSONObject(members: members))
    }
}
