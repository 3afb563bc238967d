/// Ids for records made from foreign objects.
enum ForeignID {
    /// A valid Isnad id from any text: `prefix` and its slug, cut to fit, or `x-` and a hash when
    /// nothing is left.
    static func slug(_ text: String, prefix: String = "", suffix: String = "") -> String {
        var slug = Identifier.slug(from: text)
        let room = Identifier.maximumLength - (suffix.isEmpty ? 0 : suffix.utf8.count + 1) - prefix.utf8.count
        if slug.utf8.count > room {
            slug = String(slug.prefix(room))
            while slug.hasSuffix("-") { slug.removeLast() }
        }
        if slug.isEmpty { slug = "x-" + String(FNV1a.hash([text]), radix: 16) }
        return prefix + (suffix.isEmpty ? slug : slug + "-" + suffix)
    }

    /// A partial date from a foreign date or timestamp: `2014-05-01` and a timestamp to the day,
    /// `2014-05`, `2014`. A timestamp's day is its UTC day when it gives its offset
    /// (`2022-03-06T01:00:00+05:00` is 20:00 on 5 March, UTC; `T24:00:00Z` is the next day's
    /// midnight), the day as written when it gives none (FtM's `2022-03-06T01:00`: the time where
    /// it was written). Any other value (a day that does not exist, a time that cannot be read,
    /// `next week`) is no date, and `left` is told what was left out — a phrase naming `field` —
    /// rather than the date cut to its month or dropped without a word.
    static func date(_ text: String?, field: String, left: inout [String]) -> PartialDate? {
        guard let text else { return nil }
        let bytes = Array(text.utf8)
        if [4, 7, 10].contains(bytes.count), let date = try? PartialDate(parsing: text) { return date }
        if bytes.count > 11, [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(bytes[10]),
            let day = try? PartialDate(parsing: String(decoding: bytes[..<10], as: UTF8.self)),
            let shift = utcDayShift(ofTime: bytes[11...]), let date = day.adding(days: shift)
        {
            return date
        }
        left.append(
            "\(field): \"\(Text.printable(text))\" is not a date Isnad reads (YYYY, YYYY-MM, YYYY-MM-DD or a timestamp): left out"
        )
        return nil
    }

    /// The days to add to a timestamp's day for its UTC day, from its time of day (ISO 8601,
    /// RFC 3339: `HH`, `HH:MM`, `HH:MM:SS`, with a fraction of a second and a zone, `Z` or
    /// `±HH:MM`, `±HHMM`, `±HH`): −1, 0 or 1; nil when the time cannot be read (an hour past 24,
    /// `24:00:01`, a minute past 59, an offset past 23:59, anything after the zone).
    private static func utcDayShift(ofTime time: ArraySlice<UInt8>) -> Int? {
        var rest = time[...]
        func digits(_ count: Int, atMost maximum: Int) -> Int? {
            guard rest.count >= count else { return nil }
            var value = 0
            for byte in rest.prefix(count) {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            rest = rest.dropFirst(count)
            return value <= maximum ? value : nil
        }
        func skip(_ character: Character) -> Bool {
            guard rest.first == character.asciiValue else { return false }
            rest = rest.dropFirst()
            return true
        }
        guard let hour = digits(2, atMost: 24) else { return nil }
        var minute = 0
        var isPastMidnight = false
        if skip(":") {
            guard let minutes = digits(2, atMost: 59) else { return nil }
            minute = minutes
            if skip(":") {
                // 60: a leap second.
                guard let second = digits(2, atMost: 60) else { return nil }
                isPastMidnight = second > 0
                if skip(".") || skip(",") {
                    guard let first = rest.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return nil }
                    while let byte = rest.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                        if byte != UInt8(ascii: "0") { isPastMidnight = true }
                        rest = rest.dropFirst()
                    }
                }
            }
        }
        // 24:00 is the end of the day, the next day's midnight; no later.
        if hour == 24, minute > 0 || isPastMidnight { return nil }
        var offset = 0
        if skip("Z") || skip("z") {
        } else if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            rest = rest.dropFirst()
            guard let hours = digits(2, atMost: 23) else { return nil }
            var minutes = 0
            if !rest.isEmpty {
                _ = skip(":")
                guard let given = digits(2, atMost: 59) else { return nil }
                minutes = given
            }
            offset = (hours * 60 + minutes) * (sign == UInt8(ascii: "+") ? 1 : -1)
        }
        guard rest.isEmpty else { return nil }
        let utcMinutes = hour * 60 + minute - offset
        return utcMinutes < 0 ? -1 : utcMinutes >= 24 * 60 ? 1 : 0
    }

    /// A claim's start and end, each read as ``date(_:field:left:)`` reads one, when both can be
    /// read; when one given cannot, neither: a membership whose end is unread would read as
    /// holding still (since its start), where undated says only that its time is unknown.
    static func period(
        start: (text: String?, field: String), end: (text: String?, field: String), left: inout [String]
    ) -> (start: PartialDate?, end: PartialDate?) {
        var unread: [String] = []
        let first = date(start.text, field: start.field, left: &unread)
        let last = date(end.text, field: end.field, left: &unread)
        left += unread
        guard !unread.isEmpty else { return (first, last) }
        for (field, date) in [(start.field, first), (end.field, last)] {
            guard let date else { continue }
            left.append("\(field): \(date) left out too: the claim is undated rather than open at one end")
        }
        return (nil, nil)
    }
}
