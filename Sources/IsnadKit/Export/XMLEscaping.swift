/// Escaping for XML 1.0 text and attribute values (https://www.w3.org/TR/xml/#syntax).
///
/// `&`, `<`, `>`, `"` and `'` become entity references, everywhere, so one function serves
/// both text and attributes. Characters XML 1.0 cannot carry never reach a file: the store
/// refuses them at import (see ``Text/isStorable(_:)``); should one come from a store written
/// by another tool, it becomes U+FFFD rather than an unreadable file.
public enum XMLEscaping {
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsWork) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            // Line breaks in attribute values would be normalised to spaces by readers.
            case "\n": result += "&#10;"
            case "\r": result += "&#13;"
            case "\t": result += "&#9;"
            default: result.unicodeScalars.append(Text.isStorable(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return result
    }

    private static func needsWork(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "&", "<", ">", "\"", "'", "\n", "\r", "\t": true
        default: !Text.isStorable(scalar)
        }
    }
}
