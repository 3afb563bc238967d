/// Claims in time order. A claim is placed at its start, or at its end when only that is
/// known; partial dates sort before the more precise dates they contain (2014, then 2014-05,
/// then 2014-05-12), which is the order of their text; undated claims come last.
public enum Timeline {
    /// The date a claim is placed at, as written, or nil for an undated claim.
    public static func placement(of claim: Claim) -> PartialDate? { claim.start ?? claim.end }
}
