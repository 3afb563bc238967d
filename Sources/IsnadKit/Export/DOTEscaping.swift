/// Quoting for the DOT language (https://graphviz.org/doc/info/lang.html).
///
/// Every ID is written as a double-quoted string, so keywords (`node`, `edge`, `graph`,
/// `digraph`, `subgraph`, `strict`, in any case), leading digits, spaces and Arabic need no
/// special case. Inside a quoted string a quote is `\"`; a backslash is doubled, because in
/// labels a backslash followed by a letter is an escape (`\n`, `\l`, `\N` …); line breaks
/// become the `\n` escape, which centres the line in a label.
public enum DOTEscaping {
    /// The text as a quoted DOT ID.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// Several lines as one quoted label, each line centred.
    public static func label(lines: [String]) -> String {
        quoted(lines.joined(separator: "\n"))
    }
}
