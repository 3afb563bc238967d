extension NameKey {
    /// Whether two names in Latin letters are likely one name transliterated twice: their
    /// folded keys (``fold(_:)``) differ, by at most one edit in eight letters (at least one),
    /// and hold the same digits. `Ismail Haniya` and `Ismaïl Haniyé`, `Abu Obeida` and `Abu
    /// Ubeida` are; `Person 1` and `Person 2`, `Mohammed Abbas` and `Mahmoud Abbas` are not.
    ///
    /// Names in Arabic letters are never paired this way: one edit there is most often another
    /// name (محمد and محمود), and the spelling variants of the script are folded already.
    public static func areCloseSpellings(folded a: String, _ b: String) -> Bool {
        guard a != b, !isInArabicLetters(a), !isInArabicLetters(b) else { return false }
        let (first, second) = (Array(a.unicodeScalars), Array(b.unicodeScalars))
        let letters = min(first.count, second.count)
        guard letters >= 6, first.filter(isDigit) == second.filter(isDigit) else { return false }
        return Suggestion.editDistance(first, second, atMost: max(1, letters / 8)) != nil
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
}
