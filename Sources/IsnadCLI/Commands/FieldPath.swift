import IsnadKit

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
            // Digits and hyphens for an attribute's key (attributes.founded-in), which
            // add --attribute takes as these.
            guard !key.isEmpty, key.allSatisfy(FieldPath.isKeyCharacter) else {
                throw UsageError(
                    message: "field \"\(Text.printable(text))\": expected a path such as name or citations[0].credibility",
                    command: "set")
            }
            steps.append(Step(key: key, index: index))
        }
        self.steps = steps
    }

    /// Whether a character may stand in a step of a path (and in an attribute's key, which
    /// add --attribute takes only as a path can name it).
    static func isKeyCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "-"
    }

    /// The records' dates (the record format's `optionalPartialDate` fields: a source's
    /// `published`, a claim's `start` and `end`), where digits typed on an Arabic keyboard are
    /// read as digits, as `add` reads them; every other text is kept as typed.
    static let dateFields: Set<String> = ["published", "start", "end"]
    /// Fields whose value is a word of a fixed set, read without regard to case as `add` and
    /// the filters read them (`stance Denies`), and stored as the format spells them.
    static let wordFields: [String: @Sendable (String) -> String] = [
        "type": { $0.lowercased() }, "stance": { $0.lowercased() },
    ]
    /// The Admiralty grades, read as `add` and the filters read them (`b`, `٣`) and refused in
    /// the same words (`expected a grade from A to F, got "G"`).
    static let gradeFields: [String: @Sendable (String) throws(InvalidArgument) -> JSONValue] = [
        "reliability": { (text: String) throws(InvalidArgument) in .string(try Reliability(argument: text).rawValue) },
        "credibility": { (text: String) throws(InvalidArgument) in .number(String(try Credibility(argument: text).rawValue)) },
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
        } else if step.key == "attributes", steps.count == self.steps.count {
            // Typed as JSON, the whole object would be one string.
            throw UsageError(
                message:
                    "\(text): an entity's attributes are set one at a time, as attributes.KEY VALUE (attributes.size 200); null removes them all",
                command: "set")
        } else if current != nil, let grade = FieldPath.gradeFields[step.key] {
            do {
                new = try grade(value)
            } catch {
                throw UsageError(message: "\(text): \(error.message)", command: "set")
            }
        } else if case .number? = current {
            guard let number = Int(Text.withWesternDigits(value)) else {
                throw UsageError(
                    message: "\(text): expected a whole number, got \"\(Text.printable(value))\"", command: "set")
            }
            new = .number(String(number))
        } else if steps.count == self.steps.count, FieldPath.dateFields.contains(step.key) {
            if let note = PartialDate.leadingZeroYearNote(forTyped: value) {
                throw UsageError(message: "\(text): \"\(Text.printable(value))\" is not a valid date: \(note)", command: "set")
            }
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
