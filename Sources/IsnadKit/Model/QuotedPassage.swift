/// A quote as one passage is compared with another (``Citation/quotesTheSamePassage(as:)``): its
/// passage key (``QuoteLocator/passageKey(of:)``: marks, spaces, typeset characters and Unicode
/// form aside) as scalars, worked out once. A claim's citations are compared pair by pair, and
/// working the key out again for each pair made an import of a claim's citations one a line, or
/// `check` of a claim citing one source many times, quadratic in keys (1,000 citations: 28 s).
public struct QuotedPassage: Sendable {
    private let scalars: [Unicode.Scalar]

    public init(_ quote: String) {
        scalars = Array(QuoteLocator.passageKey(of: quote).unicodeScalars)
    }

    /// How many citations of one claimant in one claim a citation is compared with at most: a
    /// real claim has a few by one claimant, and past this many the pairs, not the passages,
    /// would cost the time (a hostile file's 4,000 citations of one source in one claim).
    public static let comparedAtMost = 256

    /// Whether one of the two holds the other whole, from word boundary to word boundary: a quote
    /// and that quote with its hedge cut off do; two sentences of one text do not.
    public func holdsOrIsWithin(_ other: QuotedPassage) -> Bool {
        let (shorter, longer) = scalars.count <= other.scalars.count ? (scalars, other.scalars) : (other.scalars, scalars)
        guard !shorter.isEmpty else { return false }
        // A quote of one word stands inside another word ("Hamas" in "Hamastan") only by chance.
        func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
        // Every place of the shorter in the longer, as Knuth, Morris and Pratt find them: linear,
        // where comparing at each place took the product of two long quotes' lengths.
        var fallback = [0]
        var matched = 0
        for scalar in shorter.dropFirst() {
            while matched > 0 && shorter[matched] != scalar { matched = fallback[matched - 1] }
            if shorter[matched] == scalar { matched += 1 }
            fallback.append(matched)
        }
        matched = 0
        for (index, scalar) in longer.enumerated() {
            while matched > 0 && shorter[matched] != scalar { matched = fallback[matched - 1] }
            if shorter[matched] == scalar { matched += 1 }
            guard matched == shorter.count else { continue }
            let (start, end) = (index + 1 - shorter.count, index + 1)
            let opensAWord = start == 0 || !isWordScalar(longer[start - 1]) || !isWordScalar(shorter[0])
            let closesAWord = end == longer.count || !isWordScalar(longer[end]) || !isWordScalar(shorter[shorter.count - 1])
            if opensAWord && closesAWord { return true }
            matched = fallback[matched - 1]
        }
        return false
    }
}
