extension SupportStrength {
    /// Whether strength `a` is stronger than `b`; a claim with no citation (nil) is the weakest.
    /// The one ranking of claims: `path` ranks hops and chains by it, `claims --sort strength`
    /// lists by it.
    public static func isStronger(_ a: SupportStrength?, than b: SupportStrength?) -> Bool {
        switch (a, b) {
        case (let a?, let b?): a < b
        case (.some, nil): true
        case (nil, _): false
        }
    }
}

/// The strongest (or weakest) claims of a stream, by ``SupportStrength/isStronger(_:than:)``
/// (capped status, then independent channels of support, then best grade), ties in claim id
/// order: what `claims --sort strength` lists. With a limit it keeps only that many claims, in a
/// heap whose root is the one it would drop first, so that ranking a million claims to show 200
/// holds 200 of them, and each claim costs a comparison with the root (a log of the limit when
/// it is kept); without one it keeps every claim and sorts them at the end.
public struct StrongestClaims {
    public enum Order: Sendable {
        case strongestFirst
        case weakestFirst
    }

    public let order: Order
    /// How many claims it keeps; nil: every one.
    public let limit: Int?
    /// How many claims were offered: all of those that passed, however many are kept.
    public private(set) var offered = 0
    /// The kept claims, a heap whose root ranks last (the first to drop) when limited.
    private var kept: [Ranked] = []

    private struct Ranked {
        let claim: GradedClaim
        let strength: SupportStrength?
    }

    public init(order: Order = .strongestFirst, limit: Int?) {
        self.order = order
        self.limit = limit
    }

    /// Offers a claim with its weight (``TransmissionGraph/weigh(_:)``).
    public mutating func offer(_ claim: GradedClaim, weight: ClaimWeight) {
        offered += 1
        let ranked = Ranked(claim: claim, strength: weight.strength)
        guard let limit else { return kept.append(ranked) }
        guard limit > 0 else { return }
        if kept.count < limit {
            kept.append(ranked)
            siftUp(kept.count - 1)
        } else if ranksBefore(ranked, kept[0]) {
            kept[0] = ranked
            siftDown(0)
        }
    }

    /// Whether more claims were offered than are kept.
    public var hasMore: Bool { offered > kept.count }

    /// The kept claims, first-ranked first.
    public func ranked() -> [GradedClaim] {
        kept.sorted(by: ranksBefore).map(\.claim)
    }

    /// Whether `a` is listed before `b`: stronger (weaker, weakest first), then by claim id.
    private func ranksBefore(_ a: Ranked, _ b: Ranked) -> Bool {
        let (first, second) = order == .strongestFirst ? (a.strength, b.strength) : (b.strength, a.strength)
        if SupportStrength.isStronger(first, than: second) { return true }
        if SupportStrength.isStronger(second, than: first) { return false }
        return a.claim.claim.id < b.claim.claim.id
    }

    // The heap: a parent ranks after its children, so the root is the last of those kept.
    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard ranksBefore(kept[parent], kept[child]) else { return }
            kept.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            var last = parent
            for child in (2 * parent + 1)...(2 * parent + 2) where child < kept.count {
                if ranksBefore(kept[last], kept[child]) { last = child }
            }
            guard last != parent else { return }
            kept.swapAt(parent, last)
            parent = last
        }
    }
}
