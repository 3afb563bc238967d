/// A standing citation whose chain reaches a source whose own citation of the claim was
/// retracted: a paper that `cites` a leak shown forged, asserting in its own voice what it
/// had from the leak. Retracting the leak's citation takes the leak's grade out of the weighing,
/// and the paper's stands alone, stronger than what it relayed; `retract` says so, and `check`
/// warns while the whole of the source's word on the claim is retracted.
public struct RelayOfRetracted: Sendable, Equatable {
    /// The standing citation's position among the claim's citations as given.
    public let position: Int
    public let citation: Citation
    /// Which of the citation's sources relays the retracted one: its claimant, or its `via`.
    public let relay: String
    /// The retracted citation's claimant or via that `relay` `cites` (transitively).
    public let retracted: String
    /// The sources between `relay` and `retracted` on the way weighing reads it, nearest the relay
    /// first; empty when the relay cites it itself.
    public let through: [String]

    /// `o17 cites wire`, or `o17 relays wire (o17 → o16 → o03 → wire)`: how the relay reaches it.
    public var reach: String {
        through.isEmpty
            ? "\(relay) cites \(retracted)"
            : "\(relay) relays \(retracted) (\(([relay] + through + [retracted]).joined(separator: " → ")))"
    }
}

extension TransmissionGraph {
    /// Of `citations` (the standing ones), those whose claimant or `via` `cites` one of
    /// `sources`, directly or through others, as far as weighing follows a chain
    /// (``CitesDepth/stepsAtMost`` steps): each once, with the nearest of `sources` it reaches (of
    /// equals, the first given), in the order given. Being one of them is not relaying it: another citation of the retracted
    /// source, or one read in the same article, stands on its own.
    public func relays(of sources: [String], among citations: [Citation]) -> [RelayOfRetracted] {
        guard !sources.isEmpty else { return [] }
        var found: [RelayOfRetracted] = []
        for (position, citation) in citations.enumerated() {
            let relays = [citation.source] + (citation.via.map { $0 == citation.source ? [] : [$0] } ?? [])
            // The claimant before its via; of the sources it reaches, the nearest (an outlet that
            // cites the wire, which cites the ministry: it relays the wire first).
            search: for relay in relays {
                let reached = closure(of: relay)
                let nearest = sources.filter { $0 != citation.source && $0 != relay && reached[$0] != nil }
                    .min { (reached[$0] ?? 0) < (reached[$1] ?? 0) }
                if let nearest {
                    found.append(
                        RelayOfRetracted(
                            position: position, citation: citation, relay: relay, retracted: nearest,
                            through: carriers(of: nearest, to: relay)))
                    break search
                }
            }
        }
        return found
    }
}
