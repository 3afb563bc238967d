/// What a claim states (its ends, predicate and dates; either way round for a symmetric
/// predicate) as one value, and a citation of it.
public struct RelationshipKey: Sendable {
    let vocabulary: Vocabulary

    public init(vocabulary: Vocabulary) { self.vocabulary = vocabulary }

    public func key(_ claim: Claim) -> Int64 { Int64(bitPattern: FNV1a.hash(parts(claim))) }

    public func key(_ claim: Claim, _ citation: Citation) -> Int64 {
        Int64(bitPattern: FNV1a.hash(parts(claim) + [citation.source, citation.via ?? "", citation.quote]))
    }

    private func parts(_ claim: Claim) -> [String] {
        let isSymmetric = vocabulary[claim.predicate]?.isSymmetric ?? false
        let ends = isSymmetric ? [claim.subject, claim.object].sorted() : [claim.subject, claim.object]
        return ends + [claim.predicate, claim.start?.description ?? "", claim.end?.description ?? ""]
    }
}
