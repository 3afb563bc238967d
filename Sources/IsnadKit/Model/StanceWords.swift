import Foundation

extension Stance {
    /// The Arabic verb for each stance, as the HTML view's Arabic labels write it.
    public static let arabicWords: [Stance: String] = [.asserts: "يؤكد", .reports: "ينقل", .denies: "ينفي"]

    /// The French verbs an analyst writes for each stance, the first of each as messages show
    /// it: a French desk's sheet says `affirme` or `dément`, not `asserts` or `denies`.
    public static let frenchWords: [Stance: [String]] = [
        .asserts: ["affirme"], .reports: ["rapporte"], .denies: ["dément", "nie"],
    ]

    /// The stance a person typed: its English word in any case, its French verb in any case,
    /// with or without accent (`dément`, `DEMENT`), or its Arabic verb, with or without vowel
    /// marks and in any of the spellings names are folded through (a colleague filling in a
    /// claims sheet in Arabic writes يؤكد, not `asserts`).
    public init?(word: String) {
        let trimmed = word.trimmingCharacters(in: .whitespaces)
        if let english = Stance(rawValue: trimmed.lowercased()) {
            self = english
            return
        }
        // Letters and marks only (tatweel is a letter): `ينفي.` is refused, as `denies.` is.
        guard
            trimmed.unicodeScalars.allSatisfy({
                $0.properties.isAlphabetic || $0.properties.generalCategory == .nonspacingMark
            })
        else { return nil }
        let folded = NameKey.normalize(trimmed)
        if let match = Stance.arabicWords.first(where: { NameKey.normalize($0.value) == folded }) {
            self = match.key
        } else if let match = Stance.frenchWords.first(where: { $0.value.contains { NameKey.normalize($0) == folded } }) {
            self = match.key
        } else {
            return nil
        }
    }

    /// What to say of a word that is no stance, wherever a person typed it (an option, a
    /// sheet's cell): every word ``init(word:)`` takes, in English, French and Arabic, and the
    /// English one it is nearest to.
    public static func unknownWordProblem(_ word: String) -> String {
        let english = Stance.allCases.map(\.rawValue)
        let french = Stance.allCases.compactMap { Stance.frenchWords[$0]?.first }
        let arabic = Stance.allCases.compactMap { Stance.arabicWords[$0] }
        return
            "\"\(Text.printable(word))\" is not one of \(english.joined(separator: ", ")) (in French: \(french.joined(separator: ", ")); in Arabic: \(arabic.joined(separator: ", ")))"
            + Suggestion.phrase(Suggestion.nearest(to: word, among: english))
    }
}
