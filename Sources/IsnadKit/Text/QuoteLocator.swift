/// Finds a quote in a source's stored text, so that a citation can be checked and its locator
/// filled in (`isnad add claim`, claim sheets, `check`): the quote must stand in the text word
/// for word. Runs of white space (line breaks included) count as one space on both sides, and
/// text is compared composed (NFC). What Arabic and Hebrew writing may leave out need not be
/// typed: a vowel mark, shadda, sukun or Hebrew point of the text that the quote leaves out is
/// passed over («ضد» stands in «ضدّ»), as are tatweel, the hamza of أ إ آ (a bare ا in the quote
/// stands for them) and invisible format characters (bidirectional marks, zero-width spaces and
/// joiners, soft hyphens); a mark or hamza the quote does give must be the text's («قُتِلَ» does
/// not stand in «قَتَلَ»). A match never ends inside a character («cafe» does not stand in
/// «café», nor 👍 in 👍🏽 or 👨 in 👨‍👩‍👧), nor starts inside one (👩‍👧 in 👨‍👩‍👧, 🇸 in 🇵🇸). Lines are counted at LF, CR LF, a lone CR, and the line and paragraph separators.
public enum QuoteLocator {
    /// A text made ready to look quotes up in, once for many quotes.
    public struct SearchableText: Sendable {
        fileprivate let scalars: [Unicode.Scalar]
        fileprivate let lines: [Int]

        public init(_ text: String) { (scalars, lines) = QuoteLocator.fold(text) }
    }

    /// The lines (1-based) where the quote starts and ends in `text`, or nil when it is not there.
    public static func lines(of quote: String, in text: String) -> (first: Int, last: Int)? {
        lines(of: quote, in: SearchableText(text))
    }

    /// The lines (1-based) where the quote starts and ends in `text`, or nil when it is not there.
    public static func lines(of quote: String, in text: SearchableText) -> (first: Int, last: Int)? {
        let (needle, _) = fold(quote)
        guard let first = needle.first, !isOptionalMark(first) else { return nil }
        let haystack = text.scalars
        for start in haystack.indices where stands(first, for: haystack[start]) && startsCharacter(at: start, in: haystack) {
            if let last = lastMatched(needle, in: haystack, from: start) { return (text.lines[start], text.lines[last]) }
        }
        return nil
    }

    /// Whether a character of the text starts at `index`: not after the joiner of an emoji
    /// sequence (👩 in 👨‍👩‍👧), nor at the second half of a flag (🇸 in 🇵🇸).
    private static func startsCharacter(at index: Int, in haystack: [Unicode.Scalar]) -> Bool {
        if index > 0, haystack[index - 1] == "\u{200D}" { return false }
        return !isRegionalIndicator(haystack[index]) || regionalIndicators(before: index, in: haystack) % 2 == 0
    }

    /// How many flag letters (regional indicators) run up to `index`, not counting it.
    private static func regionalIndicators(before index: Int, in haystack: [Unicode.Scalar]) -> Int {
        var count = 0
        while index - count > 0, isRegionalIndicator(haystack[index - count - 1]) { count += 1 }
        return count
    }

    private static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool { (0x1F1E6...0x1F1FF).contains(scalar.value) }

    /// A tag of an emoji tag sequence (the flag of England: 🏴 and the tags g b e n g, cancel).
    private static func isTag(_ scalar: Unicode.Scalar) -> Bool { (0xE0020...0xE007F).contains(scalar.value) }

    /// Where the quote's last scalar matched, the quote read from `start` of the text, or nil when
    /// it does not stand there: the text's optional marks that the quote leaves out are passed
    /// over, and the match may not be followed by a mark of the character it ends in.
    private static func lastMatched(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], from start: Int) -> Int? {
        var position = start
        var last = start
        for scalar in needle {
            while position < haystack.count, haystack[position] != scalar, isOptionalMark(haystack[position]) {
                position += 1
            }
            guard position < haystack.count, stands(scalar, for: haystack[position]) else { return nil }
            last = position
            position += 1
        }
        if position < haystack.count, extendsCharacter(haystack[position]), !isOptionalMark(haystack[position]) { return nil }
        // The first half of a flag: an odd count of flag letters ends the match, and another follows.
        if position < haystack.count, isRegionalIndicator(haystack[last]), isRegionalIndicator(haystack[position]),
            regionalIndicators(before: position, in: haystack) % 2 == 1
        {
            return nil
        }
        return last
    }

    /// A locator that says why a quote is not in its source's text word for word (`unverified:
    /// my translation`, or `line 4 (unverified: …)` as `isnad add claim --unverified` writes it):
    /// the analyst has vouched for it, and `check` does not report it.
    /// The word alone is not enough: `p. 4, not unverified` vouches for nothing.
    public static func isUnverified(_ locator: String?) -> Bool {
        guard let locator else { return false }
        return locator.hasPrefix("unverified:") || locator.contains("(unverified:")
    }

    /// Whether `locator` is one ``locator(_:)`` writes (`line 31`, `lines 37-38`), or that
    /// `--unverified` does: the command's own, which it may write again, not the analyst's.
    public static func isWrittenByIsnad(_ locator: String) -> Bool {
        if isUnverified(locator) { return true }
        let words = locator.split(separator: " ")
        guard words.count == 2, words[0] == "line" || words[0] == "lines" else { return false }
        let numbers = words[1].split(separator: "-", omittingEmptySubsequences: false)
        return (1...2).contains(numbers.count) && numbers.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil }
    }

    /// The locator for those lines, as the seed dataset writes them: `line 31`, `lines 37-38`.
    public static func locator(_ lines: (first: Int, last: Int)) -> String {
        lines.first == lines.last ? "line \(lines.first)" : "lines \(lines.first)-\(lines.last)"
    }

    /// Whether a scalar of the quote stands for one of the text: itself, or a bare alif for an
    /// alif with hamza or madda.
    private static func stands(_ quoted: Unicode.Scalar, for text: Unicode.Scalar) -> Bool {
        if quoted == text { return true }
        guard quoted == "\u{0627}" else { return false }
        switch text.value {
        case 0x0622, 0x0623, 0x0625: return true
        default: return false
        }
    }

    /// The text's scalars, composed, with white space runs made one space, the ends trimmed,
    /// tatweel and invisible format characters left out, and for each scalar kept the line it
    /// came from.
    private static func fold(_ text: String) -> (scalars: [Unicode.Scalar], lines: [Int]) {
        var scalars: [Unicode.Scalar] = []
        var lines: [Int] = []
        var line = 1
        var pendingSpace = false
        var previous: Unicode.Scalar = " "
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            defer { previous = scalar }
            if scalar.properties.isWhitespace {
                pendingSpace = !scalars.isEmpty
                switch scalar {
                case "\n": if previous != "\r" { line += 1 }
                case "\r", "\u{2028}", "\u{2029}", "\u{0085}": line += 1
                default: break
                }
                continue
            }
            // A joiner inside an emoji sequence (👨‍👩‍👧), and the tags of a flag such as England's,
            // are part of the character, not invisible extras.
            let joinsEmoji = (scalar == "\u{200D}" || isTag(scalar)) && (Text.isEmojiPart(previous) || isTag(previous))
            if scalar == "\u{0640}" || (scalar.properties.generalCategory == .format && !joinsEmoji) { continue }
            if pendingSpace {
                scalars.append(" ")
                lines.append(line)
                pendingSpace = false
            }
            scalars.append(scalar)
            lines.append(line)
        }
        return (scalars, lines)
    }

    /// The marks of the Arabic and Hebrew scripts that a writer may leave out: short vowels,
    /// shadda, sukun, hamza above and below, Quranic signs, Hebrew points and cantillation.
    private static func isOptionalMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0591...0x05C7, 0x0610...0x061A, 0x064B...0x065F, 0x0670, 0x06D6...0x06ED:
            return Text.isMark(scalar)
        default: return false
        }
    }

    /// Whether a scalar belongs to the character before it: a mark, a skin tone (👍🏽), or the
    /// joiner of an emoji sequence.
    private static func extendsCharacter(_ scalar: Unicode.Scalar) -> Bool {
        Text.isMark(scalar) || scalar.properties.isEmojiModifier || scalar == "\u{200D}" || isTag(scalar)
    }

    /// An emoji, or the variation selector that asks for one (❤️): what a joiner follows in an
    /// emoji sequence. Digits, # and * are emoji too, in keycaps, and are left out.
}
