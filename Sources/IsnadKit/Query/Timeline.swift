/// Claims in time order. A claim is placed at its start, or at its end when only that is
/// known; partial dates sort before the more precise dates they contain (2014, then 2014-05,
/// then 2014-05-12), which is the order of their text; undated claims come last.
public enum Timeline {
    /// The date a claim is placed at, as written, or nil for an undated claim.
    public static func placement(of claim: Claim) -> PartialDate? { claim.start ?? claim.end }

    /// Orders claims by placement, undated last, then by id.
    public static func sorted(_ claims: [GradedClaim]) -> [GradedClaim] {
        claims.sorted { a, b in
            switch (placement(of: a.claim), placement(of: b.claim)) {
            case (let x?, let y?): x == y ? a.claim.id < b.claim.id : x < y
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): a.claim.id < b.claim.id
            }
        }
    }
}
