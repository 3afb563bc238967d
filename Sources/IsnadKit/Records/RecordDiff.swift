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

    /// The citations a change took out of a claim, each by its number before and whether it
    /// was retracted then: a citation is known by its source and quote, not its place, since
    /// those after it move up one (``marks``).
    let removedCitations: [RemovedCitation]

    /// A citation a change took out of its claim: its number before (1, 2 …), and whether it was
    /// retracted then.
    struct RemovedCitation: Sendable, Equatable {
        var number: Int
        var wasRetracted: Bool
    }

    /// The difference from `before` to `after`; either may be nil (an added or a removed record:
    /// every field of the other one).
    public init(before: String?, after: String?) {
        var oldRecord = before.flatMap { try? JSONParser.parse($0) }
        var newRecord = after.flatMap { try? JSONParser.parse($0) }
        removedCitations = RecordDiff.removedCitations(from: oldRecord, to: newRecord)
        // A list of names or ids that lost or gained items is said item by item: compared by
        // position, the alias taken out of the front read as every alias after it renamed.
        var listFields: [Field] = []
        if case .object(var oldObject)? = oldRecord, case .object(var newObject)? = newRecord {
            for key in RecordDiff.listsOfItems {
                let (oldItems, newItems) = (oldObject[key]?.arrayValue ?? [], newObject[key]?.arrayValue ?? [])
                guard oldItems.count != newItems.count, !oldItems.isEmpty, !newItems.isEmpty else { continue }
                listFields += RecordDiff.itemChanges(key, from: oldItems, to: newItems)
                // Taken out of what is compared field by field, with the lists taken out before it.
                oldObject = JSONObject(members: oldObject.members.filter { $0.key != key })
                newObject = JSONObject(members: newObject.members.filter { $0.key != key })
            }
            (oldRecord, newRecord) = (.object(oldObject), .object(newObject))
        }
        let old = oldRecord.map(RecordDiff.flatten) ?? []
        let new = newRecord.map(RecordDiff.flatten) ?? []
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
        self.fields = fields + listFields
    }

    /// The citations of the claim `old` that `new`, the same claim changed, no longer has (see
    /// ``removedCitations``); none when either is not a claim, or no citation was taken out.
    static func removedCitations(from old: JSONValue?, to new: JSONValue?) -> [RemovedCitation] {
        guard case .object(let oldObject)? = old, case .object(let newObject)? = new else { return [] }
        let (oldItems, newItems) = (oldObject["citations"]?.arrayValue ?? [], newObject["citations"]?.arrayValue ?? [])
        guard newItems.count < oldItems.count else { return [] }
        func key(_ citation: JSONValue) -> String {
            guard case .object(let object) = citation else { return JSONValue.inline(citation) }
            return [object["source"], object["quote"]].map { $0.map(JSONValue.inline) ?? "" }.joined(separator: "\u{0}")
        }
        func isRetracted(_ citation: JSONValue) -> Bool {
            if case .object(let object) = citation, let reason = object["retracted"], reason != .null { return true }
            return false
        }
        var kept: [String: Int] = [:]
        for item in newItems { kept[key(item), default: 0] += 1 }
        var removed: [RemovedCitation] = []
        for (index, item) in oldItems.enumerated() {
            if let count = kept[key(item)], count > 0 {
                kept[key(item)] = count - 1
            } else {
                removed.append(RemovedCitation(number: index + 1, wasRetracted: isRetracted(item)))
            }
        }
        return removed
    }

    /// The lists whose items stand on their own (a citation is numbered by its place, and keeps it).
    static let listsOfItems = ["aliases", "merged", "cites"]

    /// The items of `key` taken out (under their index before) and put in (under their index
    /// after), the longest run of items both lists keep in order left out.
    static func itemChanges(_ key: String, from oldItems: [JSONValue], to newItems: [JSONValue]) -> [Field] {
        // Each item as its JSON text, compared byte for byte as every field is: an alias written
        // again in another normal form is another alias.
        let old = oldItems.map(JSONValue.inline)
        let new = newItems.map(JSONValue.inline)
        // The items kept at both ends are left out first: a merge adds a few aliases at the end
        // of an entity's 25,000, and the table over the whole lists took 5 GB.
        var (first, oldEnd, newEnd) = (0, old.count, new.count)
        while first < oldEnd, first < newEnd, sameBytes(old[first], new[first]) { first += 1 }
        while oldEnd > first, newEnd > first, sameBytes(old[oldEnd - 1], new[newEnd - 1]) {
            (oldEnd, newEnd) = (oldEnd - 1, newEnd - 1)
        }
        let (oldMiddle, newMiddle) = (old[first..<oldEnd], new[first..<newEnd])
        guard oldMiddle.count * newMiddle.count <= largestTable else {
            return unorderedChanges(key, from: oldMiddle, to: newMiddle)
        }
        // What is left is a few names: the quadratic table of the longest common subsequence is small.
        // Indexed from `first`: lengths[i][j] is of old[first + i...] and new[first + j...].
        var lengths = Array(repeating: Array(repeating: 0, count: newMiddle.count + 1), count: oldMiddle.count + 1)
        for i in stride(from: oldMiddle.count - 1, through: 0, by: -1) {
            for j in stride(from: newMiddle.count - 1, through: 0, by: -1) {
                lengths[i][j] =
                    sameBytes(old[first + i], new[first + j])
                    ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var fields: [Field] = []
        var (i, j) = (first, first)
        while i < oldEnd || j < newEnd {
            if i < oldEnd, j < newEnd, sameBytes(old[i], new[j]) {
                (i, j) = (i + 1, j + 1)
            } else if j < newEnd, i == oldEnd || lengths[i - first][j + 1 - first] >= lengths[i + 1 - first][j - first] {
                fields.append(Field(path: "\(key)[\(j)]", before: nil, after: new[j]))
                j += 1
            } else {
                fields.append(Field(path: "\(key)[\(i)]", before: old[i], after: nil))
                i += 1
            }
        }
        return fields
    }

    /// How many cells the table of ``itemChanges(_:from:to:)`` holds at most (8 MB).
    static let largestTable = 1 << 20

    /// The items of `key` taken out and put in, found by their bytes in linear time, for lists
    /// too long to align: those taken out, then those put in, each in its list's order. An item
    /// moved within the list is not said.
    static func unorderedChanges(_ key: String, from old: ArraySlice<String>, to new: ArraySlice<String>) -> [Field] {
        var balance: [[UInt8]: Int] = [:]
        for item in new { balance[Array(item.utf8), default: 0] += 1 }
        for item in old { balance[Array(item.utf8), default: 0] -= 1 }
        var fields: [Field] = []
        var removed = balance.filter { $0.value < 0 }.mapValues { -$0 }
        for (index, item) in zip(old.indices, old) {
            let bytes = Array(item.utf8)
            guard let count = removed[bytes], count > 0 else { continue }
            removed[bytes] = count - 1
            fields.append(Field(path: "\(key)[\(index)]", before: item, after: nil))
        }
        var added = balance.filter { $0.value > 0 }
        for (index, item) in zip(new.indices, new) {
            let bytes = Array(item.utf8)
            guard let count = added[bytes], count > 0 else { continue }
            added[bytes] = count - 1
            fields.append(Field(path: "\(key)[\(index)]", before: nil, after: item))
        }
        return fields
    }

    static func sameBytes(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let a?, let b?): a.utf8.elementsEqual(b.utf8)
        default: false
        }
    }

    /// Every leaf of a JSON value, with its path and its value as JSON text.
    static func flatten(_ value: JSONValue) -> [(path: String, value: String)] {
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
                writer.shownString(text)
                leaves.append((path, String(decoding: writer.bytes, as: UTF8.self)))
            }
        }
        walk(value, "")
        return leaves
    }
}
