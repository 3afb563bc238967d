/// The fields that differ between two versions of a record, each given as canonical JSON
/// lines (``RecordWriter``): what `isnad log` shows for a change.
public struct RecordDiff: Sendable, Equatable {
    /// One field that differs: its path (`name`, `aliases[1].name`, `citations[0].credibility`)
    /// and its value before and after, as JSON text (nil when the field is absent).
    public struct Field: Sendable, Equatable {
        public var path: String
        public var before: String?
        public var after: String?
    }

    public let fields: [Field]

    /// The difference from `before` to `after`; either may be nil (an added or a removed record:
    /// every field of the other one).
    public init(before: String?, after: String?) {
        let old = before.map(RecordDiff.flatten) ?? []
        let new = after.map(RecordDiff.flatten) ?? []
        let oldValues = Dictionary(old.map { ($0.path, $0.value) }, uniquingKeysWith: { first, _ in first })
        let newValues = Dictionary(new.map { ($0.path, $0.value) }, uniquingKeysWith: { first, _ in first })
        var fields: [Field] = []
        var seen: Set<String> = []
        // In the order of the record after, then the fields only the record before had.
        for (path, _) in new + old where path != "record" && seen.insert(path).inserted {
            // Byte for byte: Swift's `!=` holds a name in NFC and in NFD equal, and the history
            // keeps the change (ChangeSession).
            if !RecordDiff.sameBytes(oldValues[path], newValues[path]) {
                fields.append(Field(path: path, before: oldValues[path], after: newValues[path]))
            }
        }
        self.fields = fields
    }

    static func sameBytes(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let a?, let b?): a.utf8.elementsEqual(b.utf8)
        default: false
        }
    }

    /// Every leaf of a JSON record, with its path and its value as JSON text.
    static func flatten(_ line: String) -> [(path: String, value: String)] {
        guard let value = try? JSONParser.parse(line) else { return [] }
        var leaves: [(String, String)] = []
        func walk(_ value: JSONValue, _ path: String) {
            switch value {
            case .object(let object):
                for member in object.members { walk(member.value, path.isEmpty ? member.key : "\(path).\(member.key)") }
            case .array(let items):
                if items.isEmpty { leaves.append((path, "[]")) }
                for (index, item) in items.enumerated() { walk(item, "\(path)[\(index)]") }
            case .null: leaves.append((path, "null"))
            case .bool(let flag): leaves.append((path, flag ? "true" : "false"))
            case .number(let text): leaves.append((path, text))
            case .string(let text):
                var writer = JSONWriter()
                writer.string(text)
                leaves.append((path, String(decoding: writer.bytes, as: UTF8.self)))
            }
        }
        walk(value, "")
        return leaves
    }
}
