/// "Did you mean …?" for ids, predicates and command-line options.
public enum Suggestion {
    /// The candidate closest to `text` by edit distance, if it is close enough to be a typo:
    /// at most a third of the longer string's length, and never more than 4 edits.
    public static func nearest<S: Sequence<String>>(to text: String, among candidates: S) -> String? {
        // Compared without regard to case: typed with the caps lock on, HAMAZ is a typo of hamas.
        let folded = text.lowercased()
        let target = Array(folded.unicodeScalars)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let candidateFolded = candidate.lowercased()
            // Typed in another case (HAMAS-FUNDED-ISIS): no typo at all.
            if candidateFolded == folded { return candidate }
            // A suggestion must keep something of what was typed: "G" is no typo of "A".
            let limit = min(4, max(1, max(target.count, candidate.unicodeScalars.count) / 3), target.count - 1)
            let bound = min(limit, (best?.distance ?? Int.max) - 1)
            guard bound >= 0, let distance = editDistance(target, Array(candidateFolded.unicodeScalars), atMost: bound)
            else { continue }
            best = (candidate, distance)
        }
        return best?.candidate
    }

    /// ` (did you mean "x"?)`, or nothing.
    public static func phrase(_ suggestion: String?) -> String {
        suggestion.map { " (did you mean \"\($0)\"?)" } ?? ""
    }

    /// Edit distance counting insertions, deletions, substitutions and swaps of two neighbours
    /// (optimal string alignment), or nil as soon as it must exceed `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], atMost limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        var previousRowMinimum = 0
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j - 1] + cost, previous[j] + 1, current[j - 1] + 1)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, beforePrevious[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            // A swap reaches back two rows, so give up only when two rows in a row are over.
            if rowMinimum > limit, previousRowMinimum > limit { return nil }
            previousRowMinimum = rowMinimum
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}
