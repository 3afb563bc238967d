import Foundation

/// What makes a name look like another that it is not: the tricks of spoofed names
/// (https://www.unicode.org/reports/tr39/, "Mixed-Script Detection" and "Confusable
/// Detection"), in the few forms `isnad check` reports.
public enum NameLookAlike {
    /// One line per trick found in `name`, none for a plain name.
    public static func problems(in name: String) -> [String] {
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return [] }
        var problems: [String] = []
        for word in name.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            let scripts = Set(word.unicodeScalars.compactMap(script(of:)))
            if scripts.count > 1 {
                problems.append(
                    "mixes \(scripts.sorted().joined(separator: " and ")) letters in the word \"\(Text.printable(String(word)))\" (a look-alike: write the word in one script)"
                )
            }
        }
        let invisible = name.unicodeScalars.filter(isInvisible)
        if let first = invisible.first {
            problems.append(
                "contains the invisible character \(codePoint(first))\(invisible.count > 1 ? " and \(invisible.count - 1) more" : "") (remove it: it makes the name differ from one that looks the same)"
            )
        }
        let letters = name.unicodeScalars.filter { $0.properties.isAlphabetic }
        if !letters.isEmpty, letters.allSatisfy({ $0.value == 0x0640 }) {
            problems.append("is only tatweel (Arabic elongation), which shows as a line and spells nothing")
        }
        let compatible = name.precomposedStringWithCompatibilityMapping
        if compatible != name.precomposedStringWithCanonicalMapping {
            problems.append(
                "is written in compatibility forms (fullwidth letters, ligatures, presentation forms): it reads \"\(Text.printable(compatible))\""
            )
        }
        return problems
    }

    /// Latin, Greek or Cyrillic for a letter of those scripts (the ones whose letters are
    /// mistaken for one another); nil for any other character.
    static func script(of scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: "Latin"
        case 0x370...0x3FF, 0x1F00...0x1FFF: "Greek"
        case 0x400...0x52F: "Cyrillic"
        default: nil
        }
    }

    /// Characters that take no space and show nothing: zero-width space, non-joiner and joiner,
    /// word joiner, a byte order mark inside text, soft hyphen, Mongolian vowel separator.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x180E: true
        default: false
        }
    }

    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
    }
}
