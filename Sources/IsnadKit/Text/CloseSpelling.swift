extension NameKey {
    /// Whether two names in Latin letters are likely one name transliterated twice: their
    /// folded keys (``fold(_:)``) differ, but not their ``transcriptionKey(ofFolded:)`` (two
    /// consonants at least: `Iyad Ag Ghaly` and `Iyad ag Ghali`, `Abou Zeid` and `Abu Zayd`), or
    /// that differs by at most one edit in eight letters (at least one), with the same consonants
    /// (``consonants(ofFolded:)``, four at least) and the same digits. `Ismail Haniya` and
    /// `Ismaïl Haniyé`, `Abu Obeida` and `Abu Ubeida`, `Djamel Okacha` and `Jamal Okasha` are; `Person 1` and
    /// `Person 2`, `Mohammed Abbas` and `Mahmoud Abbas`, `Mary Jones` and `Mark Jones` are not;
    /// nor a name and its feminine (`Samir`, `Samira`: a word ending in a consonant and the same
    /// with `a` or `ah` after it), which are two people.
    ///
    /// Names in Arabic letters are never paired this way: one edit there is most often another
    /// name (محمد and محمود), and the spelling variants of the script are folded already.
    public static func areCloseSpellings(folded a: String, _ b: String) -> Bool {
        guard a != b, !isInArabicLetters(a), !isInArabicLetters(b) else { return false }
        let (first, second) = (
            Array(transcriptionKey(ofFolded: a).unicodeScalars), Array(transcriptionKey(ofFolded: b).unicodeScalars)
        )
        let letters = min(first.count, second.count)
        guard letters >= 6, first.filter(isDigit) == second.filter(isDigit) else { return false }
        guard let consonants = NameKey.consonants(ofFolded: a), consonants == NameKey.consonants(ofFolded: b) else {
            return false
        }
        // Written by two conventions and nothing else (Iyad Ag Ghaly, Iyad ag Ghali): as sure with
        // two consonants as with four. Otherwise four at least, as fewer are shared by too many names.
        if first == second { return consonants.count >= 2 }
        guard consonants.count >= 4, Suggestion.editDistance(first, second, atMost: max(1, letters / 8)) != nil else {
            return false
        }
        let (wordsOfA, wordsOfB) = (a.split(separator: " "), b.split(separator: " "))
        guard wordsOfA.count == wordsOfB.count else { return true }
        return !zip(wordsOfA, wordsOfB).contains { isFeminine($0, of: $1) || isFeminine($1, of: $0) }
    }

    /// A folded name in Latin letters (``fold(_:)``) with the letters French and English
    /// transliterations write differently made one, so that the names of one person in an RFI
    /// article and in a UN report meet: `dj` is `j` (Djouadi, Jawadi), `ch` is `sh` (Okacha,
    /// Okasha), `y` is `i` (Ghaly, Ghali) and `w` is `u`, as `ou` already is (Ouahid, Wahid); `ay`
    /// not before a vowel is `i`, as `ei` already is (Zeid, Zayd), and so is `ai` after a word's
    /// first vowel (Houzeifa, Huzaifa; in the first syllable it is most often two vowels: Said,
    /// Saïd, not Sid); `a` before a `u` read as `w`
    /// is left out (Jawadi, Djouadi); then doubled letters once. Names with Arabic letters are
    /// returned as they are.
    ///
    /// Not stored: `duplicates`, the note of `add entity` and search's close spellings compare
    /// names by it (``areCloseSpellings(folded:_:)``, ``NameSearch``), and the HTML view's
    /// `transcriptionKey` does the same.
    public static func transcriptionKey(ofFolded folded: String) -> String {
        guard !isInArabicLetters(folded) else { return folded }
        let letters = Array(folded.unicodeScalars)
        var respelled: [Unicode.Scalar] = []
        respelled.reserveCapacity(letters.count)
        for (index, scalar) in letters.enumerated() {
            let next = index + 1 < letters.count ? letters[index + 1] : nil
            switch scalar {
            case "d" where next == "j": continue
            // English ay where French writes ei (Zayd, Zeid; Maychou, Mayshu): a y not before a vowel.
            case "a" where next == "y" && !isVowel(index + 2 < letters.count ? letters[index + 2] : nil): continue
            case "c" where next == "h": respelled.append("s")
            case "y": respelled.append("i")
            case "w": respelled.append("u")
            default: respelled.append(scalar)
            }
        }
        var result = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        var isAfterVowelOfWord = false
        for (index, scalar) in respelled.enumerated() {
            let next = index + 1 < respelled.count ? respelled[index + 1] : nil
            defer { isAfterVowelOfWord = scalar != " " && (isAfterVowelOfWord || isVowel(scalar)) }
            // English ai where French writes ei (Huzaifa, Houzeifa), but not in a word's first
            // syllable, where it is most often two vowels French writes aï: Said and Sid, Saïdi
            // and Sidi, Raïs and Ris are other names (folding has lost the tréma).
            if scalar == "a", next == "i", isAfterVowelOfWord { continue }
            if scalar == "a", next == "u", index + 2 < respelled.count, "aiu".unicodeScalars.contains(respelled[index + 2]) {
                continue
            }
            if scalar != previous || isDigit(scalar) { result.append(scalar) }
            previous = scalar
        }
        return String(result)
    }

    /// `Samira` of `Samir`: the word ending in a consonant, with `a` or `ah` after it.
    private static func isFeminine(_ word: Substring, of other: Substring) -> Bool {
        guard word.hasPrefix(other), let last = other.last, !"aeiouy".contains(last) else { return false }
        let ending = word.dropFirst(other.count)
        return ending == "a" || ending == "ah"
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// A vowel of a folded name (where `e` is `i` and `o` is `u`), `y` with them.
    private static func isVowel(_ scalar: Unicode.Scalar?) -> Bool { scalar.map { "aiuy".unicodeScalars.contains($0) } ?? false }
}
