/// Escaping for XML 1.0 text and attribute values (https://www.w3.org/TR/xml/#syntax).
///
/// `&`, `<`, `>`, `"` and `'` become entity references, everywhere, so one function serves
/// both text and attributes. Characters XML 1.0 cannot carry never reach a file: the store
/// refuses them at import (see ``Text/isStorable(_:)``); should one come from a store written
/// by another tool, it becomes U+FFFD rather than an unreadable file.
public enum XMLEscaping {
    public static func escaped(_ text: String) -> String {
        // Markup characters are ASCII and scanned as bytes; only text with a character XML
        // cannot carry (never written by isnad import) takes the slow path.
        if text.unicodeScalars.contains(where: { !Text.isStorable($0) }) {
            return escaped(String(String.UnicodeScalarView(text.unicodeScalars.map { Text.isStorable($0) ? $0 : "\u{FFFD}" })))
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes += Array("&amp;".utf8)
            case UInt8(ascii: "<"): bytes += Array("&lt;".utf8)
            case UInt8(ascii: ">"): bytes += Array("&gt;".utf8)
            case UInt8(ascii: "\""): bytes += Array("&quot;".utf8)
            case UInt8(ascii: "'"): bytes += Array("&apos;".utf8)
            // Line breaks in attribute values would be normalised to spaces by readers.
            case 0x0A: bytes += Array("&#10;".utf8)
            case 0x0D: bytes += Array("&#13;".utf8)
            case 0x09: bytes += Array("&#9;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
