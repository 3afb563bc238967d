/// A stored value read back as the model's value, or the error that says it is not one.
///
/// `isnad import` stores only values in the vocabulary and their range, so a value that is not
/// one was written by another program. Nothing is shown or exported as something else: such a
/// value is a ``StoreError/invalidValue(path:record:field:problem:)`` where it is read, naming
/// the record and field (`isnad check` lists them all). The good path costs no allocation: a
/// record's name is only built for the error.
enum StoredValue {
    /// A value of a closed vocabulary (stance, reliability, entity or source type).
    static func vocabulary<Value: RawRepresentable & CaseIterable>(
        _ text: String, path: String, record: @autoclosure () -> String, field: String
    ) throws(StoreError) -> Value where Value.RawValue == String {
        if let value = Value(rawValue: text) { return value }
        throw StoreError.invalidValue(
            path: path, record: record(), field: field, problem: notOneOf(text, Value.allCases.map(\.rawValue)))
    }

    /// An information grade: an integer from 1 to 6.
    static func credibility(
        _ row: Statement, _ column: Int32, path: String, record: @autoclosure () -> String
    ) throws(StoreError) -> Credibility {
        if row.isInteger(column), let value = Credibility(rawValue: row.int(column)) { return value }
        throw StoreError.invalidValue(
            path: path, record: record(), field: "credibility",
            problem: "stored value \(quoted(row.string(column))) is not an integer from 1 to 6")
    }

    /// A partial date, or nil when the column is NULL.
    static func date(
        _ row: Statement, _ column: Int32, path: String, record: @autoclosure () -> String, field: String
    ) throws(StoreError) -> PartialDate? {
        guard !row.isNull(column) else { return nil }
        do {
            return try PartialDate(utf8: row.bytes(column))
        } catch {
            throw StoreError.invalidValue(path: path, record: record(), field: field, problem: "stored value \(error)")
        }
    }

    /// An entity's attributes: a JSON object of string values.
    static func attributes(_ text: String, path: String, record: @autoclosure () -> String) throws(StoreError) -> [String: String]
    {
        if text == "{}" { return [:] }
        guard case .object(let object)? = try? JSONParser.parse(text) else {
            throw StoreError.invalidValue(
                path: path, record: record(), field: "attributes",
                problem: "stored value \(quoted(String(text.prefix(40)))) is not a JSON object")
        }
        var result: [String: String] = [:]
        for member in object.members {
            guard case .string(let value) = member.value else {
                throw StoreError.invalidValue(
                    path: path, record: record(), field: "attributes.\(Text.printable(member.key))",
                    problem: "stored value is not a string")
            }
            result[member.key] = value
        }
        return result
    }

    /// Checks that each column named in `fields` holds text Isnad stores (see
    /// ``Text/isStorable(_:)``): an import refuses control characters, so a stored one was
    /// written by another program.
    static func requireStorableText(
        _ row: Statement, _ fields: [(column: Int32, name: String)], path: String, record: @autoclosure () -> String
    ) throws(StoreError) {
        for field in fields where !row.isStorableText(field.column) {
            throw StoreError.invalidValue(
                path: path, record: record(), field: field.name,
                problem: "stored value " + (Text.problem(with: row.string(field.column)) ?? "is not text Isnad stores"))
        }
    }

    /// `stored value "maybe" is not asserts, reports or denies`.
    static func notOneOf(_ text: String, _ allowed: [String]) -> String {
        let list =
            allowed.count > 1 ? allowed.dropLast().joined(separator: ", ") + " or " + (allowed.last ?? "") : allowed.joined()
        return "stored value \(quoted(text)) is not \(list)"
    }

    static func quoted(_ text: String) -> String { "\"\(Text.printable(text))\"" }
}
