extension NameKey {
    /// The consonants of a folded name as Latin letters: the key on which a name written in
    /// Arabic letters and its transliterations meet, so that `Hezbollah`, `Hizbullah` and
    /// «حزب الله» all give `zbl`, and `Saraya al-Quds` and «سرايا القدس» give `srkds`. Stored as
    /// `entity_name.consonant_key`; search compares it only across scripts (a Latin text with
    /// names in Arabic letters, and the other way round), where no other tier can match.
    ///
    /// Transliterations disagree on vowels, on the letters that have no Latin twin and on the
    /// endings, so the key keeps only what they share:
    /// - vowels, long vowels and the letters written as vowels are left out (a e i o u w y;
    ///   ا و ي ى), and so are h and the letters transliterated with an h or not at all
    ///   (ح ه ة ع ء), which also makes sh, kh, th, dh and gh their first letter;
    /// - letters written alike are one: ث ت ط → t, ذ د ض → d, ظ ز → z, ش ص س → s, ق ك خ → k,
    ///   ج غ → j (with Latin g, dj), ف → f (with Latin v), ب → b (with Latin p), c → k (ch → s);
    /// - the article (ال, al-, el- …) is left out, and a letter doubled (by shadda, or by the
    ///   spelling, or next to itself once mapped) is one; two alike with a vowel between are two
    ///   (Mohammed, محمد `mmd`; Ahmed, أحمد `md`).
    /// - Parameter folded: the name's ``fold(_:)``.
    /// - Returns: nil when nothing of the name is left (a name of vowels only).
    public static func consonants(ofFolded folded: String) -> String? {
        // A name of no letter (🚀) is its own key, and has no consonants.
        guard hasLetterOrDigit(folded) else { return nil }
        // Written for every name an import writes: one pass, no array a word.
        var key = Collapsing()
        for word in folded.unicodeScalars.split(separator: " ") { forEachConsonant(of: word) { key.append($0) } }
        return key.result.isEmpty ? nil : String(key.result)
    }

    /// Whether the key holds a letter (not a tatweel, which stretches letters and is none) or a
    /// digit: a key of neither is a name's own text (``NameKey/fold(_:)``), with no consonants.
    private static func hasLetterOrDigit(_ folded: String) -> Bool {
        folded.unicodeScalars.contains {
            ($0.properties.isAlphabetic && $0.value != 0x0640) || $0.properties.numericType != nil
        }
    }

    /// The keys to look a typed text up by: its ``consonants(ofFolded:)`` first, then the same
    /// with its words read as transliterations write them and Arabic does not, eight keys at most:
    /// - the construct state: the t of `Jabhat al-Nusra` that جبهة النصرة writes as ة (left out
    ///   of the key), and the other way round (جبهة read as Jabhat); a t that Arabic writes as ت
    ///   (Beirut, بيروت) is in the first key;
    /// - dh for ظ (Abu Dhabi, أبو ظبي), where it is more often ذ;
    /// - g or gh for ق (Gaddafi, القذافي; Ghasem, قاسم), where they are more often ج and غ.
    public static func consonantKeys(ofTyped folded: String) -> [String] {
        guard hasLetterOrDigit(folded) else { return [] }
        var keys: [[Unicode.Scalar]] = [[]]
        for word in folded.unicodeScalars.split(separator: " ") {
            let letters = consonantLetters(of: word)
            let forms = [letters] + otherReadings(of: word, letters: letters)
            keys = Array(keys.flatMap { key in forms.map { key + $0 } }.prefix(8))
        }
        var result: [String] = []
        for letters in keys {
            var key = Collapsing()
            for letter in letters { key.append(letter) }
            let text = String(key.result)
            if !text.isEmpty, !result.contains(text) { result.append(text) }
        }
        return result
    }

    /// A key's letters with a letter doubled next to itself, within a word or across two (Abd
    /// al-Dayim), made one; not when a vowel stood between (Mohammed mmd, Ahmed md); digits are
    /// no letters.
    private struct Collapsing {
        var result = String.UnicodeScalarView()
        private var previous: Unicode.Scalar?

        mutating func append(_ scalar: Unicode.Scalar) {
            let isDigit = scalar.value < 0x80 ? (0x30...0x39).contains(scalar.value) : scalar.properties.numericType != nil
            if scalar != previous || isDigit, scalar != NameKey.leftOut { result.append(scalar) }
            previous = scalar
        }
    }

    /// What ``consonantLetters(of:)`` writes where it leaves a letter out, so that the letters on
    /// either side are not taken for one doubled.
    fileprivate static let leftOut: Unicode.Scalar = "\u{0}"

    /// A word's consonants as Latin letters, before doubled letters are made one, with
    /// ``leftOut`` where a letter was left out.
    private static func consonantLetters(of word: Substring.UnicodeScalarView) -> [Unicode.Scalar] {
        var letters: [Unicode.Scalar] = []
        forEachConsonant(of: word) { letters.append($0) }
        return letters
    }

    /// Calls `body` with each of the word's consonants as Latin letters, and ``leftOut`` where a
    /// letter is left out.
    private static func forEachConsonant(of word: Substring.UnicodeScalarView, _ body: (Unicode.Scalar) -> Void) {
        var index = word.startIndex
        while index < word.endIndex {
            let scalar = word[index]
            index = word.index(after: index)
            let next = index < word.endIndex ? word[index] : nil
            if scalar.value < 0x80 {
                switch scalar {
                case "a", "e", "i", "o", "u", "w", "y", "h": body(leftOut)
                case "c": body(next == "h" ? "s" : "k")
                case "d" where next == "j": continue
                case "g": body("j")
                case "p": body("b")
                case "q": body("k")
                case "v": body("f")
                case "x":
                    body("k")
                    body("s")
                default: body(scalar)
                }
            } else if let latin = arabicConsonant(scalar) {
                body(latin ?? leftOut)
            } else {
                body(scalar)
            }
        }
    }

    /// The word's consonants read as ``consonantKeys(ofTyped:)`` says, each different from
    /// `letters`: without the final t of a Latin word that ends in a vowel and t (fold has made e
    /// and o i and u), with a t after an Arabic word that ends in ه (ة, folded), with z for dh and
    /// q for g.
    private static func otherReadings(of word: Substring.UnicodeScalarView, letters: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        var readings: [[Unicode.Scalar]] = []
        let last = word.last
        if last == "\u{0647}", word.count >= 2 { readings.append(letters + ["t"]) }
        if last == "t", let vowel = word.dropLast().last, "aiu".unicodeScalars.contains(vowel), letters.last == "t" {
            readings.append(Array(letters.dropLast()))
        }
        let scalars = Array(word)
        for (written, read) in [("d", "z"), ("g", "q")] as [(Unicode.Scalar, Unicode.Scalar)] where scalars.contains(written) {
            var respelled = String.UnicodeScalarView()
            var index = 0
            while index < scalars.count {
                let next = index + 1 < scalars.count ? scalars[index + 1] : nil
                if scalars[index] == written, written == "g" || next == "h" {
                    respelled.append(read)
                    index += written == "d" ? 2 : 1
                } else {
                    respelled.append(scalars[index])
                    index += 1
                }
            }
            let reading = consonantLetters(of: Substring(String(respelled)).unicodeScalars)
            if reading != letters { readings.append(reading) }
        }
        return readings
    }

    /// Whether a folded name or text is written, at least in part, in Arabic letters.
    public static func isInArabicLetters(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isArabicLetter)
    }

    /// The Latin letter an Arabic letter's transliterations share: `.some(nil)` for one they leave
    /// out or write as a vowel, nil for a scalar that is no Arabic letter. Covers the letters
    /// ``normalize(_:)`` leaves (its variants are already folded: أ → ا, ة → ه, ى → ي …) and the
    /// Persian and Urdu ones.
    private static func arabicConsonant(_ scalar: Unicode.Scalar) -> Unicode.Scalar?? {
        switch scalar {
        case "\u{0627}", "\u{0648}", "\u{064A}", "\u{0649}", "\u{06CC}", "\u{06D2}": .some(nil)  // ا و ي ى ی ے
        case "\u{062D}", "\u{0647}", "\u{0629}", "\u{0639}", "\u{0621}", "\u{06C1}", "\u{06BE}": .some(nil)  // ح ه ة ع ء ہ ھ
        case "\u{0623}", "\u{0625}", "\u{0622}", "\u{0624}", "\u{0626}", "\u{0671}": .some(nil)  // أ إ آ ؤ ئ ٱ
        case "\u{0628}", "\u{067E}": "b"  // ب پ
        case "\u{062A}", "\u{062B}", "\u{0637}", "\u{0679}": "t"  // ت ث ط ٹ
        case "\u{062C}", "\u{063A}", "\u{06AF}", "\u{0698}": "j"  // ج غ گ ژ
        case "\u{062E}", "\u{0642}", "\u{0643}", "\u{06A9}": "k"  // خ ق ك ک
        case "\u{062F}", "\u{0630}", "\u{0636}", "\u{0688}": "d"  // د ذ ض ڈ
        case "\u{0631}", "\u{0691}": "r"  // ر ڑ
        case "\u{0632}", "\u{0638}": "z"  // ز ظ
        case "\u{0633}", "\u{0634}", "\u{0635}", "\u{0686}": "s"  // س ش ص چ
        case "\u{0641}", "\u{06A4}": "f"  // ف ڤ
        case "\u{0644}": "l"
        case "\u{0645}": "m"
        case "\u{0646}", "\u{06BA}": "n"  // ن ں
        default: nil
        }
    }
}
