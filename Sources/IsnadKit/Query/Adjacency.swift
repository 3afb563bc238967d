/// The claims that can be followed from an entity, given a filter and a direction: what
/// neighbourhoods, paths and focus exports walk through, each keeping only its own algorithm.
///
/// A step reads the store's subject and object indexes only (ids and predicates; the claim rows
/// too when the filter looks at dates or entity types), so the cost follows the entity's
/// degree, never the size of the store. When the filter looks at citations or evidence, every
/// claim of the entity is read whole instead, and filtered as ``GraphFilter/apply(_:vocabulary:)``
/// shows it.
struct Adjacency {
    /// One claim followed from an entity.
    struct Step {
        /// The claim's other end.
        let other: String
        /// Whether the entity walked from is the claim's subject.
        let isOutgoing: Bool
        let predicate: String
        /// The claim, as far as the step read it.
        let claim: FollowedClaim
    }

    /// A claim followed, read only as far as the filter needed.
    enum FollowedClaim {
        /// Its row (``GraphStore/Link/row``), to read it whole later with
        /// ``GraphStore/forEachClaim(rows:_:)``.
        case row(Int64)
        /// Read whole, as the filter shows it (citations left out by the filter are gone).
        /// (Boxed, so that a step is a few words to copy: a walk copies each of its thousands of
        /// steps, and few of them are whole.)
        indirect case whole(GradedClaim)
    }

    let store: GraphStore
    let filter: GraphFilter
    /// `.out` follows claims from subject to object, `.in` from object to subject, `.both`
    /// either way; symmetric predicates are always followed both ways.
    let direction: GraphStore.Direction
    /// The store's chains of transmission, for filters that weigh claims.
    let transmission: TransmissionGraph.Deferred

    /// Whether steps carry whole claims (``FollowedClaim/whole(_:)``) rather than rows: the
    /// filter looks at citations or evidence, which the indexes do not hold.
    var readsWholeClaims: Bool { filter.needsEvidence }

    /// Whether a claim is followed from the entity that is its subject (`isOutgoing`) or its
    /// object.
    func follows(isOutgoing: Bool, predicate: String) -> Bool {
        if direction == .both || store.vocabulary[predicate]?.isSymmetric == true { return true }
        return (direction == .out) == isOutgoing
    }

    /// A ``Step`` with its text as bytes, valid only within the call it is given to.
    struct StepView {
        let other: UnsafeBufferPointer<UInt8>
        let isOutgoing: Bool
        let predicate: UnsafeBufferPointer<UInt8>
        let claim: FollowedClaim
    }

    /// ``forEachStep(from:_:)``, the same steps in the same order, with their text as bytes:
    /// without a filter or a direction, straight from the indexes without making a string per
    /// link (``GraphStore/forEachLinkView(of:subjectSideLimit:_:)``).
    ///
    /// - Parameter outgoingLimit: straight from the indexes, the steps where the entity is the
    ///   subject come this many first, then those where it is the object, then the rest
    ///   (``GraphStore/forEachLinkView(of:subjectSideLimit:_:)``). Read whole or in one direction,
    ///   the steps come as they always do.
    func forEachStepView(from entity: String, outgoingLimit: Int? = nil, _ body: (StepView) throws -> Void) throws {
        guard !readsWholeClaims, direction == .both, filter.predicates.isEmpty, !filter.needsLinkDetails else {
            try forEachStep(from: entity) { step in
                var (other, predicate) = (step.other, step.predicate)
                try other.withUTF8 { other in
                    try predicate.withUTF8 { predicate in
                        try body(StepView(other: other, isOutgoing: step.isOutgoing, predicate: predicate, claim: step.claim))
                    }
                }
            }
            return
        }
        try store.forEachLinkView(of: entity, subjectSideLimit: outgoingLimit) { link in
            try body(StepView(other: link.other, isOutgoing: link.isSubject, predicate: link.predicate, claim: .row(link.row)))
        }
    }

    /// The steps of ``forEachStep(from:_:)`` under a filter that reads claims whole, read as they
    /// can be stopped: the entity's rows through the indexes (where it is the subject, at most
    /// `outgoingLimit` first, then where it is the object, then the rest), each batch of them read
    /// whole and filtered. `examined` is called for every claim read, before the filter; what it
    /// throws ends the walk. The whole reading of ``forEachStep(from:_:)`` sorts every claim of
    /// the entity by date before its first one: 1.4 s and 160 MB for a hub at a million, to
    /// find that none of its claims passed.
    func forEachWholeStep(
        from entity: String, outgoingLimit: Int? = nil, examined: () throws -> Void, _ body: (Step) throws -> Void
    ) throws {
        let graph = try transmission.graph()
        var rows: [Int64] = []
        rows.reserveCapacity(Adjacency.wholeBatch)
        func readBatch() throws {
            defer { rows.removeAll(keepingCapacity: true) }
            try store.forEachClaim(rows: rows, withEntityTypes: filter.needsEntityTypes) { claim in
                try examined()
                if let step = wholeStep(from: entity, along: claim, graph: graph) { try body(step) }
            }
        }
        try store.forEachLinkView(of: entity, subjectSideLimit: outgoingLimit) { link in
            rows.append(link.row)
            if rows.count == Adjacency.wholeBatch { try readBatch() }
        }
        if !rows.isEmpty { try readBatch() }
    }

    /// How many claims ``forEachWholeStep(from:outgoingLimit:examined:_:)`` reads whole at once.
    static let wholeBatch = 256

    /// The step from `entity` along a claim read whole, as the filter shows it; nil when the
    /// filter leaves it out or it is not followed in the direction.
    private func wholeStep(from entity: String, along claim: GradedClaim, graph: TransmissionGraph) -> Step? {
        guard let kept = filter.apply(claim, vocabulary: store.vocabulary, graph: graph) else { return nil }
        let isOutgoing = kept.claim.subject == entity
        guard follows(isOutgoing: isOutgoing, predicate: kept.claim.predicate) else { return nil }
        return Step(
            other: isOutgoing ? kept.claim.object : kept.claim.subject, isOutgoing: isOutgoing,
            predicate: kept.claim.predicate, claim: .whole(kept))
    }

    /// Calls `body` for each claim of `entity` that passes the filter and is followed in the
    /// direction. Read through the indexes, the claims where the entity is the subject come
    /// first, in the order of their objects' ids, then those where it is the object, in the
    /// order of their subjects' ids; read whole, they come in no particular order.
    func forEachStep(from entity: String, _ body: (Step) throws -> Void) throws {
        if readsWholeClaims {
            let graph = try transmission.graph()
            try store.forEachClaim(of: entity) { claim in
                if let step = wholeStep(from: entity, along: claim, graph: graph) { try body(step) }
            }
            return
        }
        try store.forEachLink(of: entity, withDates: filter.needsLinkDetails) { link in
            guard follows(isOutgoing: link.isSubject, predicate: link.predicate),
                try filter.admitsShape(of: link, from: entity, in: store)
            else { return }
            try body(
                Step(other: link.other, isOutgoing: link.isSubject, predicate: link.predicate, claim: .row(link.row)))
        }
    }
}
