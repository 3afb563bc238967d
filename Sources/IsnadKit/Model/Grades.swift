/// The Admiralty (NATO) source grade: how reliable a source has proven to be.
///
/// See the Admiralty code (STANAG 2511 / AJP-2.1): A is completely reliable, F cannot be judged.
/// `A` is the strongest grade; comparison orders from strongest to weakest.
public enum Reliability: String, CaseIterable, Sendable, Comparable, Codable {
    case a = "A", b = "B", c = "C", d = "D", e = "E", f = "F"

    /// What the grade means, in the scale's own words.
    public var meaning: String {
        switch self {
        case .a: "completely reliable"
        case .b: "usually reliable"
        case .c: "fairly reliable"
        case .d: "not usually reliable"
        case .e: "unreliable"
        case .f: "reliability cannot be judged"
        }
    }

    /// Stronger grades sort first: `.a < .b`.
    public static func < (lhs: Reliability, rhs: Reliability) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The Admiralty information grade: how credible one piece of information is, 1 (confirmed)
/// to 6 (cannot be judged). Comparison orders from strongest to weakest.
public enum Credibility: Int, CaseIterable, Sendable, Comparable, Codable {
    case confirmed = 1, probablyTrue, possiblyTrue, doubtful, improbable, cannotBeJudged

    /// What the grade means, in the scale's own words.
    public var meaning: String {
        switch self {
        case .confirmed: "confirmed by other sources"
        case .probablyTrue: "probably true"
        case .possiblyTrue: "possibly true"
        case .doubtful: "doubtful"
        case .improbable: "improbable"
        case .cannotBeJudged: "truth cannot be judged"
        }
    }

    /// Stronger grades sort first: `.confirmed < .probablyTrue`.
    public static func < (lhs: Credibility, rhs: Credibility) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The grade a JSON number spells: `2`, and any spelling of the same integer (`2.0`, `2e0`),
    /// as JSON Schema's `integer` reads them and as Python writes a float column (pandas, after
    /// a missing value).
    public init?(number text: String) {
        guard let whole = Int(text) ?? Self.exactWhole(text) else { return nil }
        self.init(rawValue: whole)
    }

    /// The whole number a JSON number's text spells exactly (`2.0`, `2e0`, `20e-1`), or nil:
    /// read as a double, `0.99999999999999999999` was 1, the strongest grade, and
    /// `2.0000000000000000000000000001` was 2. Small numbers only: a grade is 1 to 6.
    static func exactWhole(_ text: String) -> Int? {
        var rest = Substring(text)
        let isNegative = rest.first == "-"
        if isNegative { rest = rest.dropFirst() }
        var exponent = 0
        if let mark = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            let power = rest[rest.index(after: mark)...]
            guard let value = Int(power.hasPrefix("+") ? power.dropFirst() : power), abs(value) <= 100 else { return nil }
            exponent = value
            rest = rest[..<mark]
        }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let (whole, fraction) = (parts[0], parts.count > 1 ? parts[1] : "")
        guard !whole.isEmpty, parts.count == 1 || !fraction.isEmpty,
            (whole + fraction).allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        // The digits, and where the point stands in them once the exponent has moved it.
        var digits = Array((whole + fraction).drop { $0 == "0" })
        var scale = exponent - fraction.count
        while scale < 0, digits.last == "0" {
            digits.removeLast()
            scale += 1
        }
        if digits.isEmpty { return 0 }
        guard scale >= 0, digits.count + scale <= 18, let value = Int(String(digits) + String(repeating: "0", count: scale))
        else { return nil }
        return isNegative ? -value : value
    }
}
