/// A BCP-47 language tag as a record stores it (RFC 5646, section 2.1.1): tags are read in any
/// case, `FR` and `fr` being one language, and written in the case the RFC recommends, so that
/// an alias typed `FR:Essai` is grouped with the `fr:` ones and `--lang FR` is stored `fr`.
public enum LanguageTag {
    /// `fr`, `fr-ML`, `ar-Latn`, `tzm-Tfng`, `es-419`: the language subtag in lower case, a
    /// script (four letters) in title case, a region (two letters) in upper case, the rest in
    /// lower case, and every subtag after a singleton (`x-`, `u-`) in lower case too.
    public static func canonicalCase(_ tag: String) -> String {
        var isAfterSingleton = false
        let subtags = tag.split(separator: "-", omittingEmptySubsequences: false).enumerated().map { index, subtag in
            let lower = subtag.lowercased()
            guard index > 0, !isAfterSingleton else { return lower }
            if subtag.count == 1 {
                isAfterSingleton = true
                return lower
            }
            let isLetters = subtag.allSatisfy(\.isLetter)
            if subtag.count == 2, isLetters { return lower.uppercased() }
            if subtag.count == 4, isLetters { return lower.prefix(1).uppercased() + lower.dropFirst() }
            return lower
        }
        return subtags.joined(separator: "-")
    }
}
