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

    /// A partial date from a foreign date or timestamp: `2014-05-01T…` and `2014-05-01` to the
    /// day, `2014-05`, `2014`. Any other value (a day that does not exist, `next week`) is no
    /// date, and `left` is told what was left out — a phrase naming `field` — rather than the
    /// date cut to its month or dropped without a word.
    static func date(_ text: String?, field: String, left: inout [String]) -> PartialDate? {
        guard let text else { return nil }
        let bytes = Array(text.utf8)
        let length =
            bytes.count >= 10 && (bytes.count == 10 || [UInt8(ascii: "T"), UInt8(ascii: " ")].contains(bytes[10]))
            ? 10 : [7, 4].contains(bytes.count) ? bytes.count : 0
        if length > 0, let date = try? PartialDate(parsing: String(decoding: bytes[..<length], as: UTF8.self)) {
            return date
        }
        left.append(
            "\(field): \"\(Text.printable(text))\" is not a date Isnad reads (YYYY, YYYY-MM, YYYY-MM-DD or a timestamp): left out"
        )
        return nil
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
