/// Quoting for the DOT language (https://graphviz.org/doc/info/lang.html).
///
/// Every ID is written as a double-quoted string, so keywords (`node`, `edge`, `graph`,
/// `digraph`, `subgraph`, `strict`, in any case), leading digits, spaces and Arabic need no
/// special case. Inside a quoted string a quote is `\"`; a backslash is doubled, because in
/// labels a backslash followed by a letter is an escape (`\n`, `\l`, `\N` …); a line break (LF,
/// CR or CR LF) becomes the `\n` escape, which centres the line in a label. Graphviz decodes
/// HTML entities (`&amp;`, `&#65;`, `&copy;`) in every string it draws, so `&` is written
/// `&amp;`: text shows as written, `&amp;` included, in SVG, PNG and every other output.
/// (`dot -Tcanon` and `-Tjson` print strings as written, so there `&` reads `&amp;`.)
public enum DOTEscaping {
    /// The text as a quoted DOT ID.
    public static func quoted(_ text: String) -> String {
        // Every character to escape is ASCII, so the UTF-8 bytes can be scanned directly.
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        bytes.reserveCapacity(text.utf8.count + 8)
        var afterCarriageReturn = false
        for byte in text.utf8 {
            defer { afterCarriageReturn = byte == 0x0D }
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "&"): bytes += Array("&amp;".utf8)
            case 0x0A where afterCarriageReturn: continue  // CR LF: one line break, written at the CR
            case 0x0A, 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Several lines as one quoted label, each line centred.
    public static func label(lines: [String]) -> String {
        quoted(lines.joined(separator: "\n"))
    }
}
