extension GraphStore {
    /// Every claim `filter` takes, in id order, with its weight: for a summary of the whole
    /// store, which shows no quote. The claims come as ``forEachClaimForWeighing(withEntityTypes:_:)``
    /// reads them: without notes, quotes and locators.
    ///
    /// The claims are read and filtered on a second thread while the calling thread weighs them
    /// and runs `body`; at a million claims reading and weighing cost about the same, so the pass
    /// takes about as long as the slower of the two. The reading thread filters with `graph`
    /// (the store's, ``TransmissionGraph/init(store:)``) and the calling thread weighs with a copy
    /// of it. A graph that reads on demand may be used by one thread only: then both happen on
    /// the calling thread. The store is not used on the calling thread until this returns.
    func forEachWeighedClaim(
        filter: GraphFilter, graph: TransmissionGraph, _ body: (GradedClaim, ClaimWeight) throws -> Void
    ) throws {
        let withEntityTypes = filter.needsEntityTypes
        guard let weighing = graph.copyForAnotherThread() else {
            try forEachClaimForWeighing(withEntityTypes: withEntityTypes) { claim in
                guard let kept = filter.apply(claim, vocabulary: vocabulary, graph: graph) else { return }
                try body(kept, graph.weigh(kept))
            }
            return
        }
        try Handoff<[GradedClaim]>.pipeline(capacity: 4) { handoff in
            var batches = HandoffBatches(into: handoff, count: 256)
            try self.forEachClaimForWeighing(withEntityTypes: withEntityTypes) { claim in
                guard let kept = filter.apply(claim, vocabulary: self.vocabulary, graph: graph) else { return }
                try batches.add(kept)
            }
            try batches.flush()
        } consume: { batch in
            for claim in batch { try body(claim, weighing.weigh(claim)) }
        }
    }
}
