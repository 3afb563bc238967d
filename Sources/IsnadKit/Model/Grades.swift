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
        if let whole = Int(text) {
            self.init(rawValue: whole)
        } else if text.utf8.allSatisfy({ UInt8(ascii: "0") <= $0 && $0 <= UInt8(ascii: "9") || "+-.eE".utf8.contains($0) }),
            let value = Double(text), value.rounded() == value, let whole = Int(exactly: value)
        {
            self.init(rawValue: whole)
        } else {
            return nil
        }
    }
}
