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
        /// The scalars as ``QuoteLocator/skeleton(_:)`` keeps them, and where each stands in
        /// `scalars`: a quote's skeleton is found in it in time linear in both.
        fileprivate let skeleton: [UInt32]
        fileprivate let skeletonPlaces: [Int]

        public init(_ text: String) {
            (scalars, lines) = QuoteLocator.fold(text)
            var skeleton: [UInt32] = []
            var places: [Int] = []
            skeleton.reserveCapacity(scalars.count)
            places.reserveCapacity(scalars.count)
            for (index, scalar) in scalars.enumerated() {
                guard let key = QuoteLocator.skeletonKey(scalar) else { continue }
                skeleton.append(key)
                places.append(index)
            }
            (self.skeleton, skeletonPlaces) = (skeleton, places)
        }
    }

    /// The lines (1-based) where the quote starts and ends in `text`, or nil when it is not there.
    public static func lines(of quote: String, in text: String) -> (first: Int, last: Int)? {
        lines(of: quote, in: SearchableText(text))
    }

    /// The lines (1-based) where the quote starts and ends in `text`, or nil when it is not there.
    ///
    /// Where the quote can stand is found first by its skeleton (its letters, without the marks
    /// a writer may leave out, a hamza's alif as a bare one), in time linear in the text and the
    /// quote: tried at every place of the text, a quote of a few thousand letters in a text of a
    /// few hundred thousand that repeat (a hostile file) took minutes. Each place found is then
    /// read as the rules above say; a text and a quote made so that their skeletons meet at
    /// every place and their marks part at the end have their reading bounded, and are said not
    /// to match past it.
    public static func lines(of quote: String, in text: SearchableText) -> (first: Int, last: Int)? {
        let (needle, _) = fold(quote)
        guard let first = needle.first, !isOptionalArabicOrHebrewMark(first) else { return nil }
        let haystack = text.scalars
        let pattern = needle.compactMap(skeletonKey)
        // Tens of milliseconds of reading at most: what the old reading of every place took for
        // a text of 100,000 letters and a quote of 500, a real article's sizes many times over.
        var budget = max(64 * (haystack.count + needle.count), 50_000_000)
        var found: (first: Int, last: Int)?
        forEachPlace(of: pattern, in: text.skeleton) { place in
            let start = text.skeletonPlaces[place]
            guard stands(first, for: haystack[start]), startsCharacter(at: start, in: haystack) else { return true }
            if let last = lastMatched(needle, in: haystack, from: start, budget: &budget) {
                found = (text.lines[start], text.lines[last])
                return false
            }
            return budget > 0
        }
        return found
    }

    /// What a scalar is in a skeleton: nil for a mark a writer may leave out, a bare alif for an
    /// alif with hamza or madda, else itself.
    fileprivate static func skeletonKey(_ scalar: Unicode.Scalar) -> UInt32? {
        if isOptionalArabicOrHebrewMark(scalar) { return nil }
        switch scalar.value {
        case 0x0622, 0x0623, 0x0625: return 0x0627
        default: return scalar.value
        }
    }

    /// Calls `body` with each place where `pattern` starts in `text`, in order, until it returns
    /// false (Knuth, Morris and Pratt: linear in both).
    private static func forEachPlace(of pattern: [UInt32], in text: [UInt32], _ body: (Int) -> Bool) {
        guard !pattern.isEmpty, pattern.count <= text.count else { return }
        var border = [Int](repeating: 0, count: pattern.count)
        var length = 0
        for index in 1..<pattern.count {
            while length > 0, pattern[index] != pattern[length] { length = border[length - 1] }
            if pattern[index] == pattern[length] { length += 1 }
            border[index] = length
        }
        var matched = 0
        for (index, key) in text.enumerated() {
            while matched > 0, key != pattern[matched] { matched = border[matched - 1] }
            if key == pattern[matched] { matched += 1 }
            if matched == pattern.count {
                guard body(index - pattern.count + 1) else { return }
                matched = border[matched - 1]
            }
        }
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
    private static func lastMatched(
        _ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], from start: Int, budget: inout Int
    ) -> Int? {
        var position = start
        var last = start
        for scalar in needle {
            budget -= 1
            if budget < 0 { return nil }
            while position < haystack.count, haystack[position] != scalar, isOptionalArabicOrHebrewMark(haystack[position]) {
                position += 1
            }
            guard position < haystack.count, stands(scalar, for: haystack[position]) else { return nil }
            last = position
            position += 1
        }
        if position < haystack.count, extendsCharacter(haystack[position]), !isOptionalArabicOrHebrewMark(haystack[position]) {
            return nil
        }
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
    /// shadda, sukun, hamza above and below, Quranic signs, Hebrew points and cantillation. Only
    /// these two scripts': a quote that leaves out a Latin accent is not found ("resume" is not
    /// "résumé"), where a name written without one is (``Text/isOptionalMark(_:)``, every block's).
    private static func isOptionalArabicOrHebrewMark(_ scalar: Unicode.Scalar) -> Bool {
        arabicAndHebrewOptionalMarks.contains { $0.contains(scalar.value) } && Text.isMark(scalar)
    }

    /// The ranges of ``Text/optionalMarks`` in the Hebrew and Arabic blocks (U+0590 to U+06FF).
    static let arabicAndHebrewOptionalMarks = Text.optionalMarks.filter {
        $0.lowerBound >= 0x0590 && $0.upperBound <= 0x06FF
    }

    /// Whether a scalar belongs to the character before it: a mark, a skin tone (👍🏽), or the
    /// joiner of an emoji sequence.
    private static func extendsCharacter(_ scalar: Unicode.Scalar) -> Bool {
        Text.isMark(scalar) || scalar.properties.isEmojiModifier || scalar == "\u{200D}" || isTag(scalar)
    }

    /// An emoji, or the variation selector that asks for one (❤️): what a joiner follows in an
    /// emoji sequence. Digits, # and * are emoji too, in keycaps, and are left out.
}
