extension JSONValue {
    /// The value as JSON laid out for a person to edit (`isnad edit`): an object's members one a
    /// line, indented by two spaces a level; an array's elements one a line; a small object of
    /// plain values (an alias: name and language) kept on one line. Strings are escaped as in a
    /// record line (``JSONWriter``), so the text parses back to the same value.
    public var indentedText: String {
        var lines: [String] = []
        Self.layout(self, prefix: "", indent: "", isLast: true, into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func layout(_ value: JSONValue, prefix: String, indent: String, isLast: Bool, into lines: inout [String]) {
        let comma = isLast ? "" : ","
        switch value {
        case .object(let object) where !object.members.isEmpty && !isCompact(object):
            lines.append(indent + prefix + "{")
            for (index, member) in object.members.enumerated() {
                layout(
                    member.value, prefix: inline(.string(member.key)) + ": ", indent: indent + "  ",
                    isLast: index == object.members.count - 1, into: &lines)
            }
            lines.append(indent + "}" + comma)
        case .array(let elements) where !elements.isEmpty:
            lines.append(indent + prefix + "[")
            for (index, element) in elements.enumerated() {
                layout(element, prefix: "", indent: indent + "  ", isLast: index == elements.count - 1, into: &lines)
            }
            lines.append(indent + "]" + comma)
        default:
            lines.append(indent + prefix + inline(value) + comma)
        }
    }

    /// An object short enough to read on one line: at most three members, none an object or array.
    private static func isCompact(_ object: JSONObject) -> Bool {
        object.members.count <= 3
            && object.members.allSatisfy {
                switch $0.value {
                case .object, .array: false
                default: true
                }
            }
    }

    /// A value on one line: `"text"`, `3`, `null`, `{"name": "حماس", "lang": "ar"}`.
    static func inline(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text): return text
        case .string(let text):
            var writer = JSONWriter()
            writer.shownString(text)
            return String(decoding: writer.bytes, as: UTF8.self)
        case .array(let elements): return "[" + elements.map(inline).joined(separator: ", ") + "]"
        case .object(let object):
            return "{" + object.members.map { inline(.string($0.key)) + ": " + inline($0.value) }.joined(separator: ", ") + "}"
        }
    }
}
