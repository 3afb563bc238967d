/// Escaping for XML 1.0 text and attribute values (https://www.w3.org/TR/xml/#syntax).
///
/// `&`, `<`, `>`, `"` and `'` become entity references, everywhere, so one function serves
/// both text and attributes. Characters XML 1.0 cannot carry never reach a file: the store
/// refuses them at import (see ``Text/isStorable(_:)``); should one come from a store written
/// by another tool, it becomes U+FFFD rather than an unreadable file. DEL and the C1 controls
/// (U+007F–U+009F), which XML allows, and the bidirectional embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069) are written as numeric references (`&#155;`, `&#8238;`): a
/// reader gets the same text, and the file shown on a terminal cannot drive it or reorder it.
public enum XMLEscaping {
    public static func escaped(_ text: String) -> String {
        var bytes: [UInt8] = []
        append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The same, with the directional isolates kept as they are: for DOT's HTML-like labels,
    /// which are built with them and keep them raw as the rest of a DOT file does
    /// (``DOTEscaping``).
    public static func escapedKeepingIsolates(_ text: String) -> String {
        var bytes: [UInt8] = []
        var text = text
        text.withUTF8 { append(utf8: $0, kinds: kindsKeepingIsolates, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text`, escaped, to `bytes`: the writers build their output as bytes, never as
    /// intermediate strings.
    public static func append(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { append(utf8: $0, to: &bytes) }
    }

    /// Who makes a citation, with its stance and grades, escaped: `src-3 via src-9 (asserts B2)`,
    /// as GraphML's and GEXF's `quote_source` and `denial_source` give it.
    static func appendCitedBy(_ cited: GradedCitation, to bytes: inout [UInt8]) {
        append(cited.citation.source, to: &bytes)
        if let via = cited.citation.via {
            bytes.appendStatic(" via ")
            append(via, to: &bytes)
        }
        bytes.appendStatic(" (")
        bytes.appendUTF8(cited.citation.stance.rawValue)
        bytes.append(UInt8(ascii: " "))
        bytes.appendUTF8(cited.reliability.rawValue)
        bytes.appendDecimal(cited.citation.credibility.rawValue)
        bytes.appendStatic(")")
    }

    /// The same for UTF-8 bytes, such as JSON text built from stored values.
    static func append(utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        append(utf8: utf8, kinds: kinds, to: &bytes)
    }

    private static func append(utf8: UnsafeBufferPointer<UInt8>, kinds: [ByteKind], to bytes: inout [UInt8]) {
        let start = bytes.count
        if appendStorable(utf8, kinds: kinds, to: &bytes) { return }
        bytes.removeSubrange(start...)
        let text = String(decoding: utf8, as: UTF8.self)
        var replaced = String(String.UnicodeScalarView(text.unicodeScalars.map { Text.isStorable($0) ? $0 : "\u{FFFD}" }))
        replaced.withUTF8 { _ = appendStorable($0, kinds: kinds, to: &bytes) }
    }

    private static let kinds = ByteKind.table { byte in
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0x09, 0x0A, 0x0D:
            .replaced
        case 0x7F: .referenced
        case 0xC2: .c1Lead
        case 0xE2: .bidiOrIsolateLead
        case 0x00..<0x20, 0xEF: .checked
        default: .plain
        }
    }

    private static let kindsKeepingIsolates = kinds.map { $0 == .bidiOrIsolateLead ? .bidiLead : $0 }

    /// Appends `utf8` escaped, in one pass; false (with part of it appended) when it holds a
    /// character XML cannot carry (``Text/isStorable(utf8:)``).
    private static func appendStorable(
        _ utf8: UnsafeBufferPointer<UInt8>, kinds: [ByteKind], to bytes: inout [UInt8]
    ) -> Bool {
        bytes.appendEscaped(utf8, kinds: kinds) { byte, _ in
            markup(byte)
        } refuses: { index in
            // C0 controls; U+FFFE and U+FFFF, encoded EF BF BE and EF BF BF.
            utf8[index] < 0x20 || (index + 2 < utf8.count && utf8[index + 1] == 0xBF && utf8[index + 2] >= 0xBE)
        }
    }

    private static func markup(_ byte: UInt8) -> StaticString {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&apos;"
        // Line breaks in attribute values would be normalised to spaces by readers.
        case 0x0A: "&#10;"
        case 0x0D: "&#13;"
        default: "&#9;"
        }
    }
}
