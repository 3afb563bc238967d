/// How strong a claim's evidence is, as one comparable value: status first (asserted, then
/// alleged, then disputed); then its best grade, taken as the sum of its two ranks (A1 = 2 is
/// the strongest, F6 = 12 the weakest: F2 is stronger than E5); then reliability alone.
/// Smaller is stronger. Paths are ranked by their weakest hop, hops by their strongest claim.
public struct ClaimStrength: Comparable, Hashable, Sendable, CustomStringConvertible {
    public let status: Evidence.Status
    public let reliability: Reliability
    public let credibility: Credibility

    public init(_ evidence: Evidence) {
        status = evidence.status
        reliability = evidence.bestReliability
        credibility = evidence.bestCredibility
    }

    public static func < (lhs: ClaimStrength, rhs: ClaimStrength) -> Bool {
        (lhs.status, lhs.gradeSum, lhs.reliability, lhs.credibility) < (
            rhs.status, rhs.gradeSum, rhs.reliability, rhs.credibility
        )
    }

    /// Reliability A–F as 1–6, plus credibility 1–6.
    public var gradeSum: Int { Self.gradeSum(reliability, credibility) }

    /// Reliability A–F as 1–6, plus credibility 1–6: A1 = 2, F6 = 12.
    static func gradeSum(_ reliability: Reliability, _ credibility: Credibility) -> Int {
        (Reliability.allCases.firstIndex(of: reliability) ?? 5) + 1 + credibility.rawValue
    }

    /// `ALLEGED F3`.
    public var description: String { "\(status.rawValue.uppercased()) \(reliability.rawValue)\(credibility.rawValue)" }
}

extension GradedClaim {
    /// The claim's strength, or nil when it has no citation.
    public var strength: ClaimStrength? { evidence.map(ClaimStrength.init) }
}
