extension NameKey {
    /// Whether two names in Latin letters are likely one name transliterated twice: their
    /// folded keys (``fold(_:)``) differ, by at most one edit in eight letters (at least one),
    /// with the same consonants (``consonants(ofFolded:)``, four at least) and the same digits.
    /// `Ismail Haniya` and `Ismaïl Haniyé`, `Abu Obeida` and `Abu Ubeida` are; `Person 1` and
    /// `Person 2`, `Mohammed Abbas` and `Mahmoud Abbas`, `Mary Jones` and `Mark Jones` are not;
    /// nor a name and its feminine (`Samir`, `Samira`: a word ending in a consonant and the same
    /// with `a` or `ah` after it), which are two people.
    ///
    /// Names in Arabic letters are never paired this way: one edit there is most often another
    /// name (محمد and محمود), and the spelling variants of the script are folded already.
    public static func areCloseSpellings(folded a: String, _ b: String) -> Bool {
        guard a != b, !isInArabicLetters(a), !isInArabicLetters(b) else { return false }
        let (first, second) = (Array(a.unicodeScalars), Array(b.unicodeScalars))
        let letters = min(first.count, second.count)
        guard letters >= 6, first.filter(isDigit) == second.filter(isDigit) else { return false }
        guard let consonants = NameKey.consonants(ofFolded: a), consonants.count >= 4,
            consonants == NameKey.consonants(ofFolded: b)
        else { return false }
        guard Suggestion.editDistance(first, second, atMost: max(1, letters / 8)) != nil else { return false }
        let (wordsOfA, wordsOfB) = (a.split(separator: " "), b.split(separator: " "))
        guard wordsOfA.count == wordsOfB.count else { return true }
        return !zip(wordsOfA, wordsOfB).contains { isFeminine($0, of: $1) || isFeminine($1, of: $0) }
    }

    /// `Samira` of `Samir`: the word ending in a consonant, with `a` or `ah` after it.
    private static func isFeminine(_ word: Substring, of other: Substring) -> Bool {
        guard word.hasPrefix(other), let last = other.last, !"aeiouy".contains(last) else { return false }
        let ending = word.dropFirst(other.count)
        return ending == "a" || ending == "ah"
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
}
