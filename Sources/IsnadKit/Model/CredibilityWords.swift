extension Credibility {
    /// The grade a person typed in a sheet's credibility cell: its number (`2`, `2.0` as a
    /// spreadsheet saves a number column, Arabic digits), or the scale's words for it in any case
    /// and spacing (`probably true`, `Doubtful`; `confirmed` and `cannot be judged` as the short
    /// forms messages use), as a stance is read from its word.
    public init?(cell: String) {
        let text = Text.withWesternDigits(cell)
        if let grade = Credibility(number: text) {
            self = grade
            return
        }
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        if let grade = Credibility.allCases.first(where: { $0.words.contains(words) }) {
            self = grade
            return
        }
        // A French desk's words, with or without accents, as a stance's French verb is read.
        let folded = NameKey.normalize(words)
        guard
            let grade = Credibility.allCases.first(where: { grade in
                Credibility.frenchWords[grade]?.contains { NameKey.normalize($0) == folded } == true
            })
        else { return nil }
        self = grade
    }

    /// The French cotation's words for each grade (of "une information", so feminine, and the
    /// masculine a desk also writes).
    public static let frenchWords: [Credibility: [String]] = [
        .confirmed: ["confirmée", "confirmé", "confirmée par d'autres sources"],
        .probablyTrue: ["probablement vraie", "probablement vrai"],
        .possiblyTrue: ["possiblement vraie", "possiblement vrai"],
        .doubtful: ["douteuse", "douteux"],
        .improbable: ["improbable"],
        .cannotBeJudged: ["ne peut être jugée", "ne peut être jugé"],
    ]

    /// The words ``init(cell:)`` takes for the grade: the scale's, and the short form.
    var words: [String] {
        switch self {
        case .confirmed: [meaning, "confirmed"]
        case .cannotBeJudged: [meaning, "cannot be judged"]
        default: [meaning]
        }
    }

    /// What to say of a credibility cell that is no grade: the numbers and words taken, and for
    /// a combined Admiralty code (`B2`), that its letter is the source's reliability, graded once
    /// for the source (`source` names it in the command that sets it).
    public static func unknownCellProblem(_ cell: String, source: String?) -> String {
        let words = Credibility.allCases.compactMap { $0.words.last }
        var problem =
            "expected an integer from 1 (confirmed) to 6 (cannot be judged), or its words (\(words.joined(separator: ", "))), found \"\(Text.printable(cell))\""
        // B2 as the Admiralty code writes it, or B-2, B 2, 2B as a desk may.
        let scalars = Array(cell.unicodeScalars.filter { $0 != "-" && $0 != " " })
        let (letterFirst, digitFirst) =
            scalars.count == 2 ? ((scalars[0], scalars[1]), (scalars[1], scalars[0])) : (("?", "?"), ("?", "?"))
        if let (letter, grade) = [letterFirst, digitFirst].lazy.compactMap({ pair -> (Reliability, Credibility)? in
            guard let letter = Reliability(rawValue: String(pair.0).uppercased()),
                let grade = Credibility(number: String(pair.1))
            else { return nil }
            return (letter, grade)
        }).first {
            problem +=
                " (a combined code: the letter is the source's reliability, graded once for the source: isnad set \(source.map { Text.printable($0) } ?? "SOURCE") reliability \(letter.rawValue); write \(grade.rawValue) here)"
        }
        return problem
    }
}
