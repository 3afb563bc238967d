import Foundation

extension PartialDate {
    /// The months' names in French and English, in the year's order, for ``monthNameHint(for:)``.
    private static let monthNames: [[String]] = [
        ["janvier", "january"], ["fevrier", "february"], ["mars", "march"], ["avril", "april"], ["mai", "may"],
        ["juin", "june"], ["juillet", "july"], ["aout", "august"], ["septembre", "september"],
        ["octobre", "october"], ["novembre", "november"], ["decembre", "december"],
    ]

    /// How to write a date as French and English analysts write it in prose, after "expected
    /// YYYY…": `30 septembre 2019` as `2019-09-30`, `sept. 2019` as `2019-09`, `September 30,
    /// 2019` too; empty when the text is not a day, a month name and a year (a month name is
    /// written whole or cut after three letters or more, with or without its accent and dot).
    static func monthNameHint(for text: String) -> String {
        let words = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split(whereSeparator: { $0.isWhitespace || $0 == "," })
            .map { $0.hasSuffix(".") ? $0.dropLast() : $0 }
        guard (2...3).contains(words.count), let yearWord = words.last, yearWord.count == 4, let year = Int(yearWord)
        else { return "" }
        var (month, day): (Int?, Int?) = (nil, nil)
        for word in words.dropLast() {
            if word.count <= 2, word.allSatisfy(\.isASCII), let number = Int(word) {
                day = number
            } else if word == "1er" {  // le premier du mois
                day = 1
            } else if word.count >= 3 {
                let months = Set(monthNames.indices.filter { index in monthNames[index].contains { $0.hasPrefix(word) } })
                guard months.count == 1 else { return "" }
                month = months.first.map { $0 + 1 }
            } else {
                return ""
            }
        }
        guard let month, words.count == 2 || day != nil else { return "" }
        var written = "\(yearWord)-\(String(month).leftPadded(to: 2))"
        if let day { written += "-\(String(day).leftPadded(to: 2))" }
        var candidate = written
        let exists = candidate.withUTF8 { bytes in (try? PartialDate(utf8: bytes, hinting: false)) != nil }
        return exists && year > 0 ? " (write \(written))" : ""
    }
}
