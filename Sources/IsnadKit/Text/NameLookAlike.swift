import Foundation

/// What makes a name look like another that it is not: the tricks of spoofed names
/// (https://www.unicode.org/reports/tr39/, "Mixed-Script Detection" and "Confusable
/// Detection"), in the few forms `isnad check` reports.
public enum NameLookAlike {
    /// One line per trick found in `name`, none for a plain name.
    public static func problems(in name: String) -> [String] {
        var problems: [String] = []
        let controls = name.unicodeScalars.filter { $0.properties.generalCategory == .control }
        if let first = controls.first {
            problems.append(
                "contains the control character \(codePoint(first))\(controls.count > 1 ? " and \(controls.count - 1) more" : "") (remove it: it is no letter, and a terminal may act on it)"
            )
        }
        if let first = name.unicodeScalars.first, let last = name.unicodeScalars.last,
            first.properties.isWhitespace || last.properties.isWhitespace
        {
            problems.append(
                "starts or ends with a space (remove it: the name differs from the same name without it)"
            )
        }
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return problems }
        for word in name.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            let scripts = Set(word.unicodeScalars.compactMap(script(of:)))
            if scripts.count > 1 {
                problems.append(
                    "mixes \(scripts.sorted().joined(separator: " and ")) letters in the word \"\(Text.printable(String(word)))\" (a look-alike: write the word in one script)"
                )
            }
        }
        let scalars = Array(name.unicodeScalars)
        let invisible = scalars.indices.filter { isInvisible(scalars[$0]) && !isJoinerInUse(at: $0, in: scalars) }.map {
            scalars[$0]
        }
        if let first = invisible.first {
            problems.append(
                "contains the invisible character \(codePoint(first))\(invisible.count > 1 ? " and \(invisible.count - 1) more" : "") (remove it: it makes the name differ from one that looks the same)"
            )
        }
        let directional = name.unicodeScalars.filter(isDirectionalControl)
        if let first = directional.first {
            problems.append(
                "contains the directional control \(codePoint(first))\(directional.count > 1 ? " and \(directional.count - 1) more" : "") (remove it: it changes the order in which the name's letters are shown, or hides in it)"
            )
        }
        let letters = name.unicodeScalars.filter { $0.properties.isAlphabetic }
        if !letters.isEmpty, letters.allSatisfy({ $0.value == 0x0640 }) {
            problems.append("is only tatweel (Arabic elongation), which shows as a line and spells nothing")
        }
        let compatible = name.precomposedStringWithCompatibilityMapping
        if compatible != name.precomposedStringWithCanonicalMapping {
            // Named by its code point: a no-break space or hyphen reads the same as the plain one.
            let first = name.unicodeScalars.first {
                String($0).precomposedStringWithCompatibilityMapping != String($0).precomposedStringWithCanonicalMapping
            }
            problems.append(
                "is written in compatibility forms (fullwidth letters, ligatures, presentation forms, a no-break space or hyphen\(first.map { ": \(codePoint($0))" } ?? "")): it reads \"\(Text.printable(compatible))\""
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

    /// The Latin small letter that the Cyrillic or Greek small letter `scalar` is mistaken for
    /// (Cyrillic о for o, Greek ο for o, Cyrillic р for p …), from Unicode's confusables
    /// (https://www.unicode.org/reports/tr39/); nil for any other character.
    static func latinLookAlike(of scalar: Unicode.Scalar) -> Unicode.Scalar? {
        latinLookAlikes[scalar.value].flatMap(Unicode.Scalar.init)
    }

    private static let latinLookAlikes: [UInt32: UInt32] = [
        // Cyrillic а е о р с у х і ј ѕ ԁ һ ӏ ԛ ԝ
        0x0430: 0x61, 0x0435: 0x65, 0x043E: 0x6F, 0x0440: 0x70, 0x0441: 0x63, 0x0443: 0x79, 0x0445: 0x78,
        0x0456: 0x69, 0x0458: 0x6A, 0x0455: 0x73, 0x0501: 0x64, 0x04BB: 0x68, 0x04CF: 0x6C, 0x051B: 0x71,
        0x051D: 0x77,
        // Greek α ι κ ν ο ρ υ χ ϲ ϳ
        0x03B1: 0x61, 0x03B9: 0x69, 0x03BA: 0x6B, 0x03BD: 0x76, 0x03BF: 0x6F, 0x03C1: 0x70, 0x03C5: 0x75,
        0x03C7: 0x78, 0x03F2: 0x63, 0x03F3: 0x6A,
    ]

    /// Characters that take no space and show nothing: zero-width space, non-joiner and joiner,
    /// word joiner, a byte order mark inside text, soft hyphen, Mongolian vowel separator.
    /// Whether the scalar at `index` is a zero-width non-joiner or joiner doing its work: between
    /// two letters of a script that spells with it (Persian می‌خواهم, Urdu, the Indic scripts), or
    /// joining emoji into one (👩‍👩‍👧). Removed, it would change how the name is shown. Between two
    /// Latin letters it does nothing but make the name differ, and is still found.
    static func isJoinerInUse(at index: Int, in scalars: [Unicode.Scalar]) -> Bool {
        guard scalars[index].value == 0x200C || scalars[index].value == 0x200D, index > 0, index + 1 < scalars.count
        else { return false }
        let (before, after) = (scalars[index - 1], scalars[index + 1])
        func isLetterOrMark(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isAlphabetic || Text.isMark(scalar) }
        // Arabic, Syriac, Thaana, the Indic scripts and Sinhala, and the Arabic presentation forms.
        func spellsWithJoiners(_ scalar: Unicode.Scalar) -> Bool {
            (0x0600...0x0DFF).contains(scalar.value) || (0xFB50...0xFDFF).contains(scalar.value)
                || (0xFE70...0xFEFF).contains(scalar.value)
        }
        if isLetterOrMark(before), isLetterOrMark(after), spellsWithJoiners(before) || spellsWithJoiners(after) {
            return true
        }
        return scalars[index].value == 0x200D && Text.isEmojiPart(before) && Text.isEmojiPart(after)
    }

    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x180E: true
        default: false
        }
    }

    /// Characters that steer the direction text is shown in and show nothing themselves:
    /// embeddings and overrides (U+202A–202E, the override being the classic spoofing trick),
    /// isolates (U+2066–2069), and the left-to-right, right-to-left and Arabic letter marks.
    static func isDirectionalControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
    }
}
