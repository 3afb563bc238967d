/// Quoting for the DOT language (https://graphviz.org/doc/info/lang.html).
///
/// Every ID is written as a double-quoted string, so keywords (`node`, `edge`, `graph`,
/// `digraph`, `subgraph`, `strict`, in any case), leading digits, spaces and Arabic need no
/// special case. Inside a quoted string a quote is `\"`; a backslash is doubled, because in
/// labels a backslash followed by a letter is an escape (`\n`, `\l`, `\N` …); a line break (LF,
/// CR or CR LF) becomes the `\n` escape, which centres the line in a label. Graphviz decodes
/// HTML entities (`&amp;`, `&#65;`, `&copy;`) in every string it draws, so `&` is written
/// `&amp;`: text shows as written, `&amp;` included, in SVG, PNG and every other output.
/// (`dot -Tcanon` and `-Tjson` print strings as written, so there `&` reads `&amp;`.) For the
/// same reason, control characters other than tab and line breaks — C0, DEL and the C1 controls
/// such as CSI (U+009B) and OSC (U+009D) — and the bidirectional embeddings and overrides
/// (U+202A–U+202E) are written as numeric references (`&#155;`, `&#8238;`): the drawing holds
/// the same text, and the file shown on a terminal cannot drive it. (The directional isolates
/// U+2066–U+2069 stay: the labels use them, ``ExportStyle/isolated(_:)``, and keep each piece of
/// user text's own isolates paired.)
public enum DOTEscaping {
    /// The text as a quoted DOT ID.
    public static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendQuoted(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the text as a quoted DOT ID: the writer builds its output as bytes.
    public static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendQuoted(utf8: $0, to: &bytes) }
    }

    /// The same, for text already in UTF-8.
    static func appendQuoted(utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        _ = bytes.appendEscaped(utf8, kinds: kinds) { byte, index in
            switch byte {
            case UInt8(ascii: "\""): "\\\""
            case UInt8(ascii: "\\"): "\\\\"
            case UInt8(ascii: "&"): "&amp;"
            // CR LF: one line break, written at the CR.
            case 0x0A where index > 0 && utf8[index - 1] == 0x0D: nil
            default: "\\n"
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Tab stays; the other controls are references; quotes, backslashes, `&` and line breaks
    /// are replaced.
    private static let kinds = ByteKind.table { byte in
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "&"), 0x0A, 0x0D: .replaced
        case 0x09: .plain
        case 0x00..<0x20, 0x7F: .referenced
        case 0xC2: .c1Lead
        case 0xE2: .bidiLead
        default: .plain
        }
    }
}
