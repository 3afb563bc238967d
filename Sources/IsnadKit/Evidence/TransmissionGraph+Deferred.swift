extension TransmissionGraph {
    /// A store's transmission graph, read the first time a walk needs it and then kept: the
    /// walks of one query (forward and backward, hop after hop) share it, and a walk that never
    /// weighs a claim never reads the sources.
    final class Deferred {
        private let store: GraphStore
        private var loaded: TransmissionGraph?

        /// `graph`, when given, is the store's graph already read.
        init(store: GraphStore, graph: TransmissionGraph? = nil) {
            self.store = store
            loaded = graph
        }

        /// The graph, read from the store on first use.
        func graph() throws -> TransmissionGraph {
            if let loaded { return loaded }
            let graph = try TransmissionGraph(store: store)
            loaded = graph
            return graph
        }
    }
}
