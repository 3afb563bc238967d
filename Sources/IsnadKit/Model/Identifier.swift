import Foundation

/// The rules for ids of entities, sources and claims: slugs of lowercase `a-z`, `0-9` and
/// single hyphens between groups, at most 200 characters (`hamas`, `hadera-attack-2022`).
public enum Identifier {
    public static let maximumLength = 200

    /// Why `text` is not a valid id, or nil when it is one.
    public static func problem(with text: String) -> String? {
        if text.isEmpty { return "an id cannot be empty" }
        if text.utf8.count > maximumLength { return "an id is at most \(maximumLength) characters" }
        var previousWasHyphen = true
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                previousWasHyphen = false
            case UInt8(ascii: "-"):
                if previousWasHyphen {
                    return "\"\(Text.printable(text))\" is not a slug: hyphens only between letters or digits"
                }
                previousWasHyphen = true
            default:
                return "\"\(Text.printable(text))\" is not a slug: use lowercase a-z, 0-9 and '-'"
            }
        }
        if previousWasHyphen { return "\"\(Text.printable(text))\" is not a slug: it ends with a hyphen" }
        return nil
    }

    public static func isValid(_ text: String) -> Bool { problem(with: text) == nil }

    /// A slug made from any name: `Abu Bakr al-Baghdadi` → `abu-bakr-al-baghdadi`.
    public static func slug(from name: String) -> String {
        var result = ""
        for scalar in name.lowercased().strippingCombiningMarks.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else if !result.isEmpty, result.last != "-" {
                result.append("-")
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return String(result.prefix(maximumLength))
    }

    /// The id of a new record named `name`: the slug of its Latin letters and digits, or, for a
    /// name with none (written in the Arabic or Hebrew script, say), of its transliteration into
    /// Latin letters: `سرايا القدس` → `sraya-alqds`. Empty when nothing is left. Ids of foreign
    /// objects keep ``slug(from:)``, so that a file imported again makes the same ids.
    public static func derived(fromName name: String) -> String {
        let plain = slug(from: name)
        guard plain.isEmpty else { return plain }
        // Ta marbuta ends a word as -a, as most romanizations write it (ICU writes t: "hrkt").
        let name = name.replacingOccurrences(of: "\u{0629}", with: "a")
        let latin = name.applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false) ?? ""
        // Ain and hamza come out as marks (ʿ, ʼ) or apostrophes: inside a word, not between two.
        return slug(from: String(String.UnicodeScalarView(latin.unicodeScalars.filter { !wordMarks.contains($0) })))
    }

    /// Marks that transliteration puts inside words.
    private static let wordMarks: Set<Unicode.Scalar> = [
        "'", "`", "\u{2018}", "\u{2019}", "\u{02BB}", "\u{02BC}", "\u{02BD}", "\u{02BE}", "\u{02BF}",
    ]
}
