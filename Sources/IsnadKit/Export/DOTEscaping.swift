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
/// such as CSI (U+009B) and OSC (U+009D) — are written as numeric references (`&#155;`): the
/// drawing holds the same text, and the file shown on a terminal cannot drive it. The
/// bidirectional embeddings and overrides (U+202A–U+202E) are written as their escapes,
/// `\u{202E}`, as the command line and the HTML view show them: obeyed in a drawing, an
/// override turns the text after it around (a title `Channel \u{202E}gnp.exe` would read
/// "Channel exe.png"). (The directional isolates
/// U+2066–U+2069 stay: the labels use them, ``ExportStyle/isolated(_:)``, and keep each piece of
/// user text's own isolates paired.)
///
/// Graphviz reads a tooltip's backslashes twice (once as any string, once for its `\N`, `\E`,
/// `\G`, `\T`, `\H` and `\L` substitutions), so in a tooltip a backslash is written four
/// times. And it refuses a file holding a quoted string longer than 16,384 bytes, so a longer one
/// (a quote of a whole statement, in a tooltip) is cut short, at a character, with `…`.
public enum DOTEscaping {
    /// How Graphviz reads the string: a tooltip's backslashes are read twice.
    public enum Use: Sendable {
        case label
        case tooltip
    }

    /// The longest quoted string written, in bytes of the file, quotes and `…` included: under
    /// the 16,384 that Graphviz's scanner takes.
    static let longestString = 16_000

    /// The text as a quoted DOT ID.
    public static func quoted(_ text: String, as use: Use = .label) -> String {
        var bytes: [UInt8] = []
        appendQuoted(text, as: use, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the text as a quoted DOT ID: the writer builds its output as bytes.
    public static func appendQuoted(_ text: String, as use: Use = .label, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendQuoted(utf8: $0, as: use, to: &bytes) }
    }

    /// The same, for text already in UTF-8.
    static func appendQuoted(utf8: UnsafeBufferPointer<UInt8>, as use: Use = .label, to bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(UInt8(ascii: "\""))
        _ = bytes.appendEscaped(
            utf8, kinds: kinds,
            replacement: { byte, index in
                switch byte {
                case UInt8(ascii: "\""): "\\\""
                case UInt8(ascii: "\\"): use == .tooltip ? "\\\\\\\\" : "\\\\"
                case UInt8(ascii: "&"): "&amp;"
                // CR LF: one line break, written at the CR.
                case 0x0A where index > 0 && utf8[index - 1] == 0x0D: nil
                default: "\\n"
                }
            }, shown: { shownOverride($0, as: use) })
        if bytes.count - start + 1 > longestString { cutShort(&bytes, from: start, as: use) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Cuts the escaped string that starts at `start` (its opening quote) so that, closed, it
    /// fits ``longestString``: at the start of a character, never inside an escape or a
    /// character reference, then `…`.
    private static func cutShort(_ bytes: inout [UInt8], from start: Int, as use: Use) {
        let ellipsis: [UInt8] = [0xE2, 0x80, 0xA6]
        var end = start + longestString - 1 - ellipsis.count
        while end > start + 1, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        // Inside `&amp;` or `&#8238;`: before its `&`.
        var back = end - 1
        while back > start, end - back < 10, bytes[back] != UInt8(ascii: ";") {
            if bytes[back] == UInt8(ascii: "&") {
                end = back
                break
            }
            back -= 1
        }
        // A run of backslashes is whole escapes (`\\`, four in a tooltip), then perhaps the first
        // of `\"` or `\n`: what is left over was cut from one.
        var run = 0
        while end - run - 1 > start, bytes[end - run - 1] == UInt8(ascii: "\\") { run += 1 }
        end -= run % (use == .tooltip ? 4 : 2)
        bytes.removeSubrange(end...)
        bytes.append(contentsOf: ellipsis)
    }

    /// An embedding or override (U+202A–U+202E) as the drawing shows it: its escape,
    /// `\u{202E}`, the backslash doubled as the string's own (twice over in a tooltip). Nil for
    /// the other controls, written as references.
    private static func shownOverride(_ code: UInt32, as use: Use) -> [UInt8]? {
        guard (0x202A...0x202E).contains(code) else { return nil }
        return Array(((use == .tooltip ? "\\\\\\\\" : "\\\\") + "u{\(String(code, radix: 16, uppercase: true))}").utf8)
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
