/// Which citations of one claim repeat each other (the same source, via and quote: one
/// ``Citation/key``) in a way a claim cannot hold.
///
/// A citation is one per claim, with one exception: a retracted citation beside its standing
/// twin, the passage withdrawn once and cited again (an Isnad before schema version 7 made it by
/// importing a retracted citation again as a new one; a record, `set` or a merge may give it too).
/// A store keeps what it holds, and its backup must import as written; only the standing copy is
/// evidence. Two standing, two retracted, or a third are refused (by the record format, `check`,
/// and every change).
public struct CitationRepeats {
    private var seen: [Int64: (index: Int, isRetracted: Bool, hasTwin: Bool)] = [:]

    public init() {}

    /// Takes the citation at `index`; returns the index of the earlier one it repeats when the
    /// claim cannot hold both, or nil.
    public mutating func admit(_ citation: Citation, at index: Int) -> Int? {
        let key = citation.key
        let isRetracted = citation.retraction != nil
        guard let earlier = seen[key] else {
            seen[key] = (index, isRetracted, false)
            return nil
        }
        if earlier.hasTwin || earlier.isRetracted == isRetracted { return earlier.index }
        seen[key] = (earlier.index, earlier.isRetracted, true)
        return nil
    }

    /// The places of the retracted citations whose standing twin `citations` also hold: restored,
    /// the claim would hold one citation twice, so none is ever restored or offered.
    public static func retractedTwins(in citations: [Citation]) -> Set<Int> {
        let standing = Set(citations.lazy.filter { $0.retraction == nil }.map(\.key))
        return Set(citations.indices.filter { citations[$0].retraction != nil && standing.contains(citations[$0].key) })
    }

    /// The first citation of `citations` that repeats an earlier one in a way a claim cannot
    /// hold, with the index of that earlier one.
    public static func first(in citations: [Citation]) -> (index: Int, earlier: Int)? {
        var repeats = CitationRepeats()
        for (index, citation) in citations.enumerated() {
            if let earlier = repeats.admit(citation, at: index) { return (index, earlier) }
        }
        return nil
    }
}
