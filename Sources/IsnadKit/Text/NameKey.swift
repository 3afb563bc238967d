import Foundation

/// How Isnad folds names so that the ways people really type them meet: in Arabic and in
/// Latin transliteration, with or without diacritics, articles and doubled letters.
///
/// Two levels:
/// - ``normalize(_:)`` folds only what never changes a name: compatibility forms (NFKC:
///   fullwidth letters, ligatures), invisible characters, case, diacritics and Arabic short
///   vowels, tatweel, Arabic letter variants (أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي),
///   Arabic-Indic digits, punctuation and spacing. "Ḥamās" and "HAMAS" normalize alike; so do
///   «حَمَاس» and «حماس».
/// - ``fold(_:)`` also folds transliteration variants, for search: the article (al-, el-, ad-,
///   ash-…, ال), Abu/Abou, Abd/Abdul/Abdel (عبدالله/عبد الله), Ibn/Bin/Ben (ابن/بن), doubled letters, and the vowels and
///   consonants that transliterations swap (o/u, e/i, q/k, ph/f). "Abou Bakr el-Baghdadi" and
///   "Abu Bakr al Baghdaddi" fold alike. Stored as `entity_name.search_key`.
public enum NameKey {
    /// Bumped whenever ``fold(_:)`` changes, so that stores recompute their keys.
    ///
    /// 2: compatibility forms fold to their plain letters (NFKC: fullwidth "Ｈａｍａｓ" is
    /// "hamas"), invisible characters (zero-width space, joiners, BOM) are dropped, and doubled
    /// digits are kept ("person 11" is not "person 1").
    /// 3: every name also has its ``consonants(ofFolded:)`` (schema version 11); Abd glued to
    /// its article and name is two words (Abdelkader, Abd el-Kader); the article is
    /// left out of words of four letters too (الحق), and a word that begins with an alif bearing
    /// hamza or madda and a lam (إلهام, ألبانيا) has no article.
    /// 4: Abd glued to the article in Arabic letters is two words (عبدالله is عبد الله), and ابن
    /// is بن, as Ibn is Bin.
    /// 5: acronyms written with dots are one word (I.S.I.S. is ISIS); the Urdu letters heh goal, teh marbuta goal, heh doachashmee, ae (ہ ۃ ھ ە) are ه and
    /// yeh barree (ے) is ي, as Persian yeh and keheh were; a name glued to الله in Arabic letters
    /// is two words (نصرالله is نصر الله, حزبالله is حزب الله), as عبدالله was; "the" is an
    /// article, as al- is ("the Gaza Strip" is Gaza Strip).
    /// 6: initials written apart are one word, as those written with dots are (G. W. Bush is
    /// G.W. Bush is GW Bush); a name made only of articles keeps them ("The The").
    /// 7: only the marks a name may be written without are dropped (accents, Arabic vowels, Hebrew
    /// points): Indic vowel signs and viramas, Thai vowels and tone marks stay (राज is not राजू);
    /// a name of no letter (🚀) is its own key, not an empty one.
    public static let version = 7

    public static func normalize(_ name: String) -> String {
        let joined = name.utf8.contains(UInt8(ascii: ".")) ? joiningDottedInitials(name) : name
        if joined.utf8.allSatisfy({ $0 < 0x80 }) { return normalizeASCII(joined) }
        let name = joined.precomposedStringWithCompatibilityMapping
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty { tokens.append(String(current)) }
            current = String.UnicodeScalarView()
        }
        for scalar in name.lowercased().strippingOptionalMarks.unicodeScalars {
            switch scalar.value {
            case 0x0640: continue  // tatweel
            case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x180E: continue  // invisible: NameLookAlike.isInvisible
            case 0x0671, 0x0672, 0x0673, 0x0675: current.append("\u{0627}")  // alef variants → ا
            case 0x0649, 0x06CC, 0x06D2: current.append("\u{064A}")  // alef maqsura, Farsi yeh, yeh barree → ي
            case 0x0629, 0x06C1, 0x06C2, 0x06C3, 0x06BE, 0x06D5: current.append("\u{0647}")  // teh marbuta, Urdu heh forms → ه
            case 0x06A9: current.append("\u{0643}")  // keheh → ك
            case 0x0621: continue  // a lone hamza carries no letter
            case 0x0660...0x0669, 0x06F0...0x06F9: current.append(Text.westernDigit(scalar) ?? scalar)
            default:
                // Apostrophes and ayn/hamza signs inside a transliterated word: Ma'ruf, Shi‘a.
                if Text.isWordMark(scalar) { continue }
                // A mark left (a virama, a Thai tone mark) is part of its word.
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil || Text.isMark(scalar) {
                    current.append(scalar)
                } else {
                    flush()
                }
            }
        }
        flush()
        return tokens.joined(separator: " ")
    }

    /// The text with each acronym written with dots as one word: "I.S.I.S." is ISIS, "U.S." is US
    /// (single letters, each but the last followed by a dot, two at least). The dot before a
    /// letter that is not single is kept, as a word's end: "U.S.Army" is US Army. The HTML
    /// view's `normalizeName` does the same.
    static func joiningDottedInitials(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        var index = 0
        while index < characters.count {
            let startsWord = index == 0 || !(characters[index - 1].isLetter || characters[index - 1].isNumber)
            guard startsWord, characters[index].isLetter else {
                result.append(characters[index])
                index += 1
                continue
            }
            var end = index
            var letters: [Character] = []
            var isDotted = false
            while end < characters.count, characters[end].isLetter,
                end + 1 == characters.count || !characters[end + 1].isLetter
            {
                letters.append(characters[end])
                if end + 1 < characters.count, characters[end + 1] == "." {
                    if letters.count == 1 { isDotted = true }
                    end += 2
                } else {
                    end += 1
                    break
                }
            }
            if letters.count >= 2, isDotted {
                // A dot before a letter that begins a word of its own stays, as a separator.
                if characters[end - 1] == ".", end < characters.count, characters[end].isLetter { end -= 1 }
                result += String(letters)
                index = end
            } else {
                result.append(characters[index])
                index += 1
            }
        }
        return result
    }

    /// ``normalize(_:)`` for ASCII text, without Unicode tables: letters and digits lowercased,
    /// apostrophes and backquotes dropped, everything else separates words.
    private static func normalizeASCII(_ name: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        var pendingSpace = false
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if pendingSpace, !bytes.isEmpty { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if pendingSpace, !bytes.isEmpty { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(byte + 0x20)
            case UInt8(ascii: "'"), UInt8(ascii: "`"):
                continue
            default:
                pendingSpace = true
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The search keys of an entity's names, in their stored order: its name's, then each alias's.
    public static func searchKeys(of entity: Entity) -> [String] {
        [fold(entity.name)] + entity.aliases.map { fold($0.name) }
    }

    public static func fold(_ name: String) -> String { fold(name, joiningInitials: true) }

    /// ``fold(_:)``, with initials written apart left as words when `joiningInitials` is false:
    /// for the words a search looks for at the start of a name's words ("R S" of Raed Salah).
    public static func fold(_ name: String, joiningInitials: Bool) -> String {
        let folded = fold(name, keepingArticles: false, joiningInitials: joiningInitials)
        if !folded.isEmpty { return folded }
        // A name made only of articles ("The", "The The") is found by them; one of no letter at
        // all (🚀, ★★★) by what it is written with, its case and spacing folded.
        let articles = fold(name, keepingArticles: true, joiningInitials: joiningInitials)
        if !articles.isEmpty { return articles }
        return name.precomposedStringWithCompatibilityMapping.lowercased()
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    private static func fold(_ name: String, keepingArticles: Bool, joiningInitials isJoining: Bool) -> String {
        // Compatibility forms first, so that a fullwidth hyphen or letter meets the rules below.
        let name = name.utf8.allSatisfy({ $0 < 0x80 }) ? name : name.precomposedStringWithCompatibilityMapping
        // Articles joined by a hyphen (al-Baghdadi, ash-Shami, el-Sisi) go before tokenizing.
        var tokens: [String] = []
        let lowercased = name.lowercased()
        for token in normalize(protectingHamzaAlif(keepingArticles ? lowercased : removingHyphenatedArticles(lowercased)))
            .split(separator: " ")
        {
            var word = String(token)
            if !keepingArticles, latinArticles.contains(word) { continue }
            // Abd and its article written as one word with the name (Abdelkader, Abdullah): two
            // words, as in Abd el-Kader and Abd Allah.
            if let glued = gluedAbd.first(where: { word.hasPrefix($0) && word.count >= $0.count + 3 }) {
                tokens.append("abd")
                word = String(word.dropFirst(glued.count))
            }
            // The same in Arabic letters: عبدالله, عبدالرحمن are عبد الله, عبد الرحمن.
            if word.hasPrefix(arabicGluedAbd), word.unicodeScalars.count >= arabicGluedAbd.unicodeScalars.count + 2 {
                tokens.append("عبد")
                word = String(word.unicodeScalars.dropFirst(3))
            }
            // A name glued to الله: نصرالله, حزبالله, عطاالله are نصر الله, حزب الله, عطا الله.
            if word.hasSuffix(arabicAllah), word.unicodeScalars.count >= arabicAllah.unicodeScalars.count + 2 {
                let name = String(word.unicodeScalars.dropLast(arabicAllah.unicodeScalars.count))
                tokens.append(foldArabic(arabicParticles[name] ?? name))
                word = arabicAllah
            }
            if let replacement = latinParticles[word] ?? arabicParticles[word] { word = replacement }
            if word.unicodeScalars.first.map(isArabicLetter) == true {
                word = foldArabic(word)
            } else {
                word = foldLatin(word)
            }
            if !word.isEmpty { tokens.append(word) }
        }
        return (isJoining ? joiningInitials(tokens) : tokens).joined(separator: " ")
    }

    /// Runs of two or more one-letter words as one word: initials written apart (G. W. Bush,
    /// J R R Tolkien) are those written with dots, which ``normalize(_:)`` joins (G.W. Bush). A
    /// letter alone stays (Ahmad b. Ali), and so do digits.
    private static func joiningInitials(_ tokens: [String]) -> [String] {
        func isInitial(_ token: String) -> Bool {
            token.unicodeScalars.count == 1 && token.unicodeScalars.first.map { $0.properties.numericType == nil } == true
        }
        guard tokens.count >= 2, tokens.contains(where: isInitial) else { return tokens }
        var result: [String] = []
        var run = ""
        var runLength = 0
        func flush() {
            guard runLength > 0 else { return }
            // Folded as the word written with dots is (J.R.R. is jr, as doubled letters are one).
            result.append(
                runLength == 1 ? run : run.unicodeScalars.first.map(isArabicLetter) == true ? foldArabic(run) : foldLatin(run))
            run = ""
            runLength = 0
        }
        for token in tokens {
            if isInitial(token) {
                run += token
                runLength += 1
            } else {
                flush()
                result.append(token)
            }
        }
        flush()
        return result
    }

    // MARK: Rules

    /// `al-`, `el-`, and the sun-letter forms (ash-Shami, ad-Dawla), joined by a hyphen.
    private static let hyphenatedArticles: Set<String> = [
        "al", "el", "ul", "ad", "adh", "ar", "as", "ash", "at", "ath", "az", "an", "en", "ed", "es", "esh", "et", "ez",
    ]
    private static let hyphens: Set<Character> = ["-", "\u{2010}", "\u{2011}", "\u{2013}"]

    /// The text with every article that starts a word and is joined to it by a hyphen removed.
    private static func removingHyphenatedArticles(_ text: String) -> String {
        var result = ""
        var word = ""
        for character in text {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else if hyphens.contains(character), hyphenatedArticles.contains(word) {
                word = ""
                result.append(" ")
            } else {
                result += word
                result.append(character)
                word = ""
            }
        }
        return result + word
    }
    /// The text with the alif bearing hamza or madda that begins a word before a lam (إلهام,
    /// ألبانيا, آلاف) written as two bare alifs: normalizing makes it a bare alif, which would read
    /// as the article ال, and folding makes the two one again once the article is decided.
    private static func protectingHamzaAlif(_ text: String) -> String {
        // Most names have no such word: they are returned as they are, with no string made.
        var before: UInt32 = 0x20
        let hasHamzaAlifBeforeLam = text.unicodeScalars.contains { scalar in
            defer { before = scalar.value }
            return scalar == "\u{0644}" && (before == 0x0622 || before == 0x0623 || before == 0x0625)
        }
        guard hasHamzaAlifBeforeLam else { return text }
        var result = String.UnicodeScalarView()
        var previous: Unicode.Scalar = " "
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            let startsWord =
                !previous.properties.isAlphabetic && previous.properties.numericType == nil
                && previous.properties.generalCategory != .nonspacingMark
            if startsWord, ["\u{0622}", "\u{0623}", "\u{0625}"].contains(scalar), pending == "\u{0644}" {
                result.append(contentsOf: "\u{0627}\u{0627}".unicodeScalars)
            } else {
                result.append(scalar)
            }
            previous = scalar
        }
        return String(result)
    }

    /// Abd with the article, written as one word with the name that follows.
    private static let gluedAbd = ["abdel", "abdul", "abdal", "abdil"]
    /// Abd and the article ال, written as one word with the name (after ``normalize(_:)``).
    private static let arabicGluedAbd = "عبدال"
    /// The name of God, after ``normalize(_:)``: many names end with it.
    private static let arabicAllah = "الله"
    /// Particles spelled two ways in Arabic letters: ابن (and إبن) and بن, "son of".
    private static let arabicParticles: [String: String] = ["ابن": "بن"]
    /// Articles written as separate words (the English one too: "the Gaza Strip" is Gaza Strip).
    private static let latinArticles: Set<String> = ["al", "el", "ul", "the"]
    /// Name particles spelled many ways.
    private static let latinParticles: [String: String] = [
        "abou": "abu", "abo": "abu", "aboo": "abu", "abul": "abu",
        "abdul": "abd", "abdel": "abd", "abdal": "abd", "abdu": "abd",
        "ibn": "bin", "ben": "bin", "bn": "bin",
    ]

    /// The letters of the Arabic script (Persian and Urdu ones among them), as search tells a
    /// name's script: here, in ``isInArabicLetters(_:)``, and in SQL (`arabicLettersCondition`).
    static let arabicLetters: [ClosedRange<UInt32>] = [0x0620...0x064A, 0x066E...0x06D3]

    static func isArabicLetter(_ scalar: Unicode.Scalar) -> Bool {
        arabicLetters.contains { $0.contains(scalar.value) }
    }

    /// Drops the article ال from words long enough to keep a root, and doubled letters.
    private static func foldArabic(_ word: String) -> String {
        var scalars = Array(word.unicodeScalars)
        if scalars.count >= 4, scalars[0] == "\u{0627}", scalars[1] == "\u{0644}" { scalars.removeFirst(2) }
        return String(String.UnicodeScalarView(collapsingRuns(scalars)))
    }

    /// Transliteration variants: ph → f, o → u, e → i, q → k, then doubled letters once (so
    /// ou, oo and ee fold too).
    private static func foldLatin(_ word: String) -> String {
        var result = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        var scalars = word.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            var mapped = scalar
            switch scalar {
            case "p" where pending == "h":
                mapped = "f"
                pending = scalars.next()
            case "o": mapped = "u"
            case "e": mapped = "i"
            case "q": mapped = "k"
            default: break
            }
            // Doubled letters fold; doubled digits are part of a number ("11" is not "1").
            if mapped != previous || mapped.properties.numericType != nil { result.append(mapped) }
            previous = mapped
        }
        return String(result)
    }

    private static func collapsingRuns(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(scalars.count)
        for scalar in scalars where result.last != scalar || scalar.properties.numericType != nil { result.append(scalar) }
        return result
    }
}
