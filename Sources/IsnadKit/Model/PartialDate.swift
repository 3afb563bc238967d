#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// A calendar date known to the year, the month or the day: `2014`, `2014-05`, `2014-05-12`.
///
/// Written and read as ISO 8601 calendar dates of reduced precision. The text form sorts in
/// time order (`2014` < `2014-05` < `2014-05-12` < `2014-06`), which the store relies on.
public struct PartialDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// How much of the date is known.
    public enum Precision: Int, Sendable { case year = 1, month, day }

    public let year: Int
    public let month: Int?
    public let day: Int?

    public var precision: Precision { day != nil ? .day : month != nil ? .month : .year }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, refusing days that do not exist.
    public init(parsing text: String) throws(PartialDateError) {
        var text = text
        // A date's text is a small string: its bytes are lent from the stack, not copied to the heap.
        let parsed = text.withUTF8 { bytes in Result { () throws(PartialDateError) in try PartialDate(utf8: bytes) } }
        self = try parsed.get()
    }

    /// ``init(parsing:)`` from the text's UTF-8 bytes, as a store's column holds them: dates are
    /// parsed for every claim and citation read.
    /// `hinting`: whether a failure suggests how to write the date (a suggestion is only made of
    /// a date that parses, checked without hints: a hint of a hint never ends).
    init(utf8: UnsafeBufferPointer<UInt8>, hinting: Bool = true) throws(PartialDateError) {
        func failure(_ reason: String) -> PartialDateError {
            PartialDateError(text: String(decoding: utf8, as: UTF8.self), reason: reason)
        }
        func hint() -> String { hinting ? PartialDate.hint(for: String(decoding: utf8, as: UTF8.self)) : "" }
        guard [4, 7, 10].contains(utf8.count) else {
            throw failure("expected YYYY, YYYY-MM or YYYY-MM-DD" + hint())
        }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = utf8[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        let hasMonth = utf8.count >= 7
        let hasDay = utf8.count == 10
        guard let year = number(0..<4),
            !hasMonth || (utf8[4] == UInt8(ascii: "-") && number(5..<7) != nil),
            !hasDay || (utf8[7] == UInt8(ascii: "-") && number(8..<10) != nil)
        else {
            throw failure("expected YYYY, YYYY-MM or YYYY-MM-DD" + hint())
        }
        self.year = year
        month = hasMonth ? number(5..<7) : nil
        day = hasDay ? number(8..<10) : nil
        if year == 0 { throw failure("there is no year 0000") }
        if let month, !(1...12).contains(month) {
            throw failure("month \(String(month).leftPadded(to: 2)) does not exist")
        }
        if let month, let day {
            let last = PartialDate.daysIn(month: month, year: year)
            guard (1...last).contains(day) else {
                throw failure(
                    "day \(String(day).leftPadded(to: 2)) does not exist in \(String(year).leftPadded(to: 4))-\(String(month).leftPadded(to: 2))"
                )
            }
        }
    }

    /// What to say of a date typed by hand (an option, a sheet's cell) whose year is one of the
    /// first hundred (`0022`): ISO reads it as the year 22, which no one studying armed groups
    /// means, where `2022` was meant and digits lost; nil for any other text. A year of the
    /// first millennium past those (`0622`, the hijra) is a date historians give, and a CSV
    /// listing of a store that holds one is imported back; a record file may hold any year (a
    /// store's dates are read back as written): only typing the first hundred is refused.
    public static func leadingZeroYearNote(forTyped text: String) -> String? {
        let year = Text.withWesternDigits(String(text.prefix { $0 != "-" }))
        guard year.utf8.count == 4, year.hasPrefix("00"), let number = Int(year), number > 0 else { return nil }
        return
            "the year \(year) is the year \(number), typed with leading zeros: write the year whole (\(2000 + number)? or \(1900 + number)?); a date in the first hundred years goes in a record file"
    }

    /// The ISO text, as written.
    public var description: String {
        var text = String(year).leftPadded(to: 4)
        if let month { text += "-" + String(month).leftPadded(to: 2) }
        if let day { text += "-" + String(day).leftPadded(to: 2) }
        return text
    }

    /// The first day of the period this date names, as `YYYY-MM-DD`.
    public var firstDay: String {
        "\(String(year).leftPadded(to: 4))-\(String(month ?? 1).leftPadded(to: 2))-\(String(day ?? 1).leftPadded(to: 2))"
    }

    /// The last day of the period this date names, as `YYYY-MM-DD`.
    public var lastDay: String {
        let lastMonth = month ?? 12
        let lastDay = day ?? PartialDate.daysIn(month: lastMonth, year: year)
        return "\(String(year).leftPadded(to: 4))-\(String(lastMonth).leftPadded(to: 2))-\(String(lastDay).leftPadded(to: 2))"
    }

    /// ``firstDay`` as a number, `YYYYMMDD`: days compare as their numbers do (and as their
    /// text does), without making the text, which hot paths compare for every claim.
    var firstDayNumber: Int32 { Int32(year * 10_000 + (month ?? 1) * 100 + (day ?? 1)) }

    /// ``lastDay`` as a number, `YYYYMMDD`.
    var lastDayNumber: Int32 {
        let lastMonth = month ?? 12
        return Int32(year * 10_000 + lastMonth * 100 + (day ?? PartialDate.daysIn(month: lastMonth, year: year)))
    }

    /// Whether every day of `other`'s period is a day of this one (2022-03 contains 2022-03-31).
    func contains(_ other: PartialDate) -> Bool {
        firstDayNumber <= other.firstDayNumber && other.lastDayNumber <= lastDayNumber
    }

    public static func < (lhs: PartialDate, rhs: PartialDate) -> Bool { lhs.description < rhs.description }

    /// Today's date where it is latest, in the easternmost time zone (UTC+14, Kiribati): a date
    /// after it is after today everywhere on Earth. In UTC, an article an analyst east of
    /// Greenwich enters on the evening it appeared would be dated after today.
    public static var today: PartialDate {
        var seconds = time(nil) + 14 * 3600
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return PartialDate(existing: Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    }

    /// A day known to exist: the system clock's, the day before or after one.
    private init(existing year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day `days` (−1, 0 or 1) from this day; nil past 0001-01-01 or 9999-12-31, or for a
    /// date not known to the day.
    func adding(days: Int) -> PartialDate? {
        guard let month, let day, (-1...1).contains(days) else { return nil }
        var (year, nextMonth, nextDay) = (year, month, day + days)
        if nextDay > PartialDate.daysIn(month: month, year: year) {
            (nextMonth, nextDay) = (month + 1, 1)
            if nextMonth > 12 { (year, nextMonth) = (year + 1, 1) }
        } else if nextDay < 1 {
            nextMonth = month - 1
            if nextMonth < 1 { (year, nextMonth) = (year - 1, 12) }
            nextDay = PartialDate.daysIn(month: nextMonth, year: year)
        }
        guard (1...9999).contains(year) else { return nil }
        return PartialDate(existing: year, nextMonth, nextDay)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// A date that is not a valid partial date.
extension PartialDate {
    private static let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]

    /// How to write a date that a spreadsheet or a habit wrote otherwise, after "expected
    /// YYYY…": `27/03/2022` as `2022-03-27`, a day number (`44647`, what a spreadsheet keeps of a
    /// date cell), `Mar-22`, `30 septembre 2019` (``monthNameHint(for:)``); empty when the text
    /// looks like none of them.
    static func hint(for text: String) -> String {
        let parts = text.split(whereSeparator: { "/.-".contains($0) }).map(String.init)
        let numbers = parts.compactMap { Int($0) }
        // Only a date that exists is suggested (31/02/2022 gets none).
        func exists(_ text: String) -> Bool {
            var text = text
            return text.withUTF8 { bytes in (try? PartialDate(utf8: bytes, hinting: false)) != nil }
        }
        if parts.count == 3, numbers.count == 3, parts[2].count == 4 {
            let (first, second, year) = (numbers[0], numbers[1], parts[2])
            func day(_ month: Int, _ day: Int) -> String {
                "\(year)-\(String(month).leftPadded(to: 2))-\(String(day).leftPadded(to: 2))"
            }
            let dayFirst = day(second, first)
            let monthFirst = day(first, second)
            switch (exists(dayFirst), exists(monthFirst)) {
            case (true, true) where dayFirst != monthFirst:
                return " (write \(dayFirst) if the day comes first, \(monthFirst) if the month does)"
            case (true, true): return " (write \(dayFirst))"
            case (true, false): return " (day first? write \(dayFirst))"
            case (false, true): return " (month first? write \(monthFirst))"
            case (false, false): return ""
            }
        }
        if (2...3).contains(parts.count), numbers.count == parts.count, parts[0].count == 4,
            parts.dropFirst().allSatisfy({ (1...2).contains($0.count) })
        {
            let written = ([parts[0]] + parts.dropFirst().map { $0.leftPadded(to: 2) }).joined(separator: "-")
            return exists(written) ? " (write \(written))" : ""
        }
        if parts.count == 1, numbers.count == 1, (20_000...80_000).contains(numbers[0]) {
            return " (a spreadsheet's day number? format the column as text and write YYYY-MM-DD)"
        }
        if parts.count == 2, let month = months.firstIndex(of: String(parts[0].lowercased().prefix(3))), numbers.count == 1,
            [2, 4].contains(parts[1].count)
        {
            let written = (parts[1].count == 2 ? "20" + parts[1] : parts[1]) + "-" + String(month + 1).leftPadded(to: 2)
            return exists(written) ? " (a spreadsheet's month? write \(written))" : ""
        }
        return monthNameHint(for: text)
    }
}

public struct PartialDateError: Error, Equatable, CustomStringConvertible {
    public let text: String
    public let reason: String
    public var description: String { "\"\(text)\" is not a valid date: \(reason)" }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
