/// Writes JSON (RFC 8259) into a byte buffer, value by value, with no whitespace: objects,
/// arrays, strings, numbers and null, the commas put in for the caller. The one writer of JSON
/// text: records, `stats --format json`, `check --format json`.
///
/// Keys are written in the order given, so a caller that gives them in a fixed order always
/// gets the same bytes. Strings are escaped by ``JSONEscaping``; everything else stays UTF-8.
public struct JSONWriter {
    /// What has been written so far.
    public private(set) var bytes: [UInt8] = []
    /// For each open object or array: whether it holds a value yet (and needs a comma before
    /// the next).
    private var hasValue: [Bool] = []
    /// A key was just written: its value takes no comma.
    private var isAfterKey = false

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Starts over with an empty buffer, keeping its memory.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        hasValue.removeAll(keepingCapacity: true)
        isAfterKey = false
    }

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        hasValue.append(false)
    }

    public mutating func endObject() {
        hasValue.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        hasValue.append(false)
    }

    public mutating func endArray() {
        hasValue.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// A member's key, in an object: its value comes next.
    public mutating func key(_ name: String) {
        separate()
        appendString(name)
        bytes.append(UInt8(ascii: ":"))
        isAfterKey = true
    }

    public mutating func string(_ value: String) {
        separate()
        appendString(value)
    }

    /// An array of strings, `["a","b"]`, written in one go.
    public mutating func array(_ values: [String]) {
        separate()
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendString(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    public mutating func integer(_ value: Int) {
        separate()
        if (0...9).contains(value) {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
        } else {
            bytes.append(contentsOf: String(value).utf8)
        }
    }

    /// A number already written as JSON text (`0.1250`), as it is.
    public mutating func number(_ text: String) {
        separate()
        bytes.append(contentsOf: text.utf8)
    }

    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
    }

    /// `"name":"value"`, or nothing when the value is nil (an optional field left out).
    public mutating func member(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    /// `"name":"value"`, or `"name":null` when the value is nil.
    public mutating func nullableMember(_ name: String, _ value: String?) {
        key(name)
        if let value { string(value) } else { null() }
    }

    public mutating func member(_ name: String, _ value: Int) {
        key(name)
        integer(value)
    }

    /// A line feed, after a top-level value (JSON Lines).
    public mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
    }

    private mutating func separate() {
        if isAfterKey {
            isAfterKey = false
            return
        }
        guard let last = hasValue.indices.last else { return }
        if hasValue[last] { bytes.append(UInt8(ascii: ",")) } else { hasValue[last] = true }
    }

    private mutating func appendString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        JSONEscaping.append(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }
}

/// JSON string escaping (RFC 8259 §7): quote, backslash and control characters; everything
/// else is written as UTF-8.
public enum JSONEscaping {
    public static func append(_ value: String, to output: inout [UInt8]) {
        // Most text needs no escape: copy it whole.
        let needsEscape = value.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        }
        if needsEscape == false {
            output.append(contentsOf: value.utf8)
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output.append(contentsOf: [
                    UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)],
                    hex[Int(byte & 0xF)],
                ])
            default: output.append(byte)
            }
        }
    }

    /// The value as a JSON string literal, quotes included.
    public static func quoted(_ value: String) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        append(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }
}
