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
        // Cut to the longest id first: the cut may end on a hyphen.
        result = String(result.prefix(maximumLength))
        while result.hasSuffix("-") { result.removeLast() }
        return result
    }

    /// The id of a new record named `name`: the slug of its transliteration into Latin letters
    /// (`سرايا القدس` → `sraya-alqds`, `Abu Bakr al-Baghdadi` → `abu-bakr-al-baghdadi`). Vowel
    /// marks, shadda and tatweel are left out, so a name written with them or without makes one
    /// id. Empty when nothing is left. Ids of foreign objects keep ``slug(from:)``, so that a file
    /// imported again makes the same ids.
    public static func derived(fromName name: String) -> String {
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return slug(from: name) }
        var letters = String.UnicodeScalarView()
        for scalar in name.strippingCombiningMarks.unicodeScalars {
            switch scalar {
            // Ta marbuta ends a word as -a, as most romanizations write it (ICU writes t: "hrkt").
            case "\u{0629}": letters.append("a")
            // Ain as a, not dropped as a mark: سعيد and سيد are two names.
            case "\u{0639}": letters.append("a")
            // Alif wasla is an alif; the Urdu heh that ICU leaves as it is, a heh.
            case "\u{0671}": letters.append("\u{0627}")
            case "\u{06BE}": letters.append("\u{0647}")
            default: letters.append(scalar)
            }
        }
        let latin = String(letters).applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false) ?? ""
        // Hamza comes out as a mark (ʼ) or an apostrophe: inside a word, not between two.
        return slug(from: String(String.UnicodeScalarView(latin.unicodeScalars.filter { !Text.isWordMark($0) })))
    }
}
