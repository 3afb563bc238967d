import Foundation

/// The formats `isnad import` reads: Isnad's records, a STIX 2.1 bundle, FollowTheMoney
/// entities. Recognised from an input's first bytes, or named with `--from`.
public enum ExchangeFormat: String, Sendable, CaseIterable {
    /// `csv`: a claims spreadsheet (`isnad template claims.csv`), read by the command line, which
    /// resolves its names as it resolves them in arguments; never by ``Importer``.
    case jsonl, stix, ftm, csv
    /// `history`: the lines of `isnad export history`, appended to the store's history; never by ``Importer``.
    case history

    /// Whether the first bytes of a file (at most ``peekLength``) open a STIX bundle: a JSON
    /// object, pretty-printed or not, whose `"type"` is `"bundle"` (whitespace ignored).
    public static func isSTIXBundle(_ bytes: ArraySlice<UInt8>) -> Bool {
        let compact = bytes.filter { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        var start = compact.startIndex
        if compact.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        guard compact[start...].first == UInt8(ascii: "{") else { return false }
        let text = compact[start...]
        return !text.starts(with: Array(#"{"record""#.utf8)) && contains(text, Array(#""type":"bundle""#.utf8))
    }

    /// How much of a file ``isSTIXBundle(_:)`` looks at.
    public static let peekLength = 1 << 16

    /// Whether one parsed line is a FollowTheMoney entity: an object with `schema` and
    /// `properties` and no `record`.
    public static func isFtMEntity(_ value: JSONValue) -> Bool {
        guard case .object(let object) = value, object["record"] == nil, case .string? = object["schema"],
            case .object? = object["properties"]
        else { return false }
        return true
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for index in 0...(haystack.count - needle.count) where haystack[index..<index + needle.count].elementsEqual(needle) {
            return true
        }
        return false
    }

    private static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        contains(Array(haystack), needle)
    }
}

/// An object of a foreign format that the import leaves out, and why.
public struct SkippedObject: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// The STIX id or FtM id.
    public var objectID: String
    public var reason: String
    /// Where it is: the FtM line, or the STIX object's place in `objects` (from 1).
    public var line: Int

    /// `reason` quotes the object's own values (its type, its schema): made printable here, for
    /// every line that says it (a line break in a type forged a line of the import's report).
    public init(file: String, objectID: String, reason: String, line: Int) {
        self.file = file
        self.objectID = objectID
        self.reason = Text.printable(reason)
        self.line = line
    }

    public var description: String { SkippedObject.line(file: file, line: line, subject: objectID, "skipped: \(reason)") }

    /// A line of an import's output about one foreign object: `FILE:LINE: SUBJECT: TEXT` (the
    /// line left out when unknown), the file and subject made printable.
    static func line(file: String, line: Int, subject: String, _ text: String) -> String {
        "\(Text.printableFileName(file))\(line > 0 ? ":\(line)" : ""): \(Text.printable(subject)): \(text)"
    }
}

/// What a user should know of how a foreign object was read: a value left out (a date Isnad
/// cannot read), a field changed outside Isnad, markings not kept. `--strict` refuses an import
/// that has any.
public struct ImportNote: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// Where it is: the FtM line, or the STIX object's place in `objects` (from 1); 0 for the
    /// whole file.
    public var line: Int
    /// The object or record it is about; nil for the whole file.
    public var subject: String?
    public var text: String

    public init(file: String, line: Int = 0, subject: String? = nil, _ text: String) {
        self.file = file
        self.line = line
        self.subject = subject
        self.text = Text.printable(text)
    }

    public var description: String {
        guard let subject else { return "\(Text.printableFileName(file))\(line > 0 ? ":\(line)" : ""): \(text)" }
        return SkippedObject.line(file: file, line: line, subject: subject, text)
    }
}

/// Reading JSON values of foreign formats.
extension JSONValue {
    var stringValue: String? { if case .string(let text) = self { text } else { nil } }
    var arrayValue: [JSONValue] { if case .array(let elements) = self { elements } else { [] } }
    var objectValue: JSONObject? { if case .object(let object) = self { object } else { nil } }
}

extension JSONObject {
    func string(_ key: String) -> String? { self[key]?.stringValue }
    func strings(_ key: String) -> [String] { (self[key]?.arrayValue ?? []).compactMap(\.stringValue) }
}

extension ExchangeFormat {
    /// The attribute naming a STIX object's producer (`created_by_ref`, by name).
    public static let producerAttribute = "created_by"
    /// The attribute naming an FtM entity's datasets.
    public static let datasetsAttribute = "datasets"
    /// The attribute naming the file a foreign entity with attributes came from.
    public static let fileAttribute = "imported_from"

    /// The attributes that say whose an imported entity's other attributes are. What a foreign
    /// file states of an entity (a threat actor's `threat_actor_types: terrorist`, an
    /// OpenSanctions `topics: sanction`) is its producer's word, not a claim with a source: `show`
    /// says so before them.
    public static let provenanceAttributes = [producerAttribute, datasetsAttribute, fileAttribute]

    /// `attributes` of a foreign entity, with the file they came from when there are any.
    static func withProvenance(_ attributes: [String: String], file: String?) -> [String: String] {
        guard let file, !attributes.isEmpty else { return attributes }
        var marked = attributes
        // A file's name is the user's or an adversary's: its controls are kept as visible
        // escapes, which the store takes (a raw ESC in the name refused the whole import).
        marked[fileAttribute] = Text.printable((file as NSString).lastPathComponent)
        return marked
    }
}
