/// An export format: how a document begins and ends, and how it writes one entity and one
/// edge. ``write(_:)`` streams the graph in between (every entity in id order, then every
/// edge, see ``ExportGraph/stream(count:nodes:edges:)``), so adding a format is one writer.
///
/// Each entity and edge is built as bytes in one reused buffer, then handed to the sink, while
/// a second thread reads the next ones from the store
/// (``ExportGraph/streamOnTwoThreads(count:nodes:edges:)``): memory holds a few batches of them
/// at a time, however large the graph.
public protocol GraphWriter {
    /// Where the document goes.
    var sink: ByteSink { get }
    /// Everything before the first entity.
    func head() -> String
    /// Appends one entity, the `position`-th (from 0) of the `count` written.
    func appendNode(_ entity: Entity, position: Int, count: Int, vocabulary: Vocabulary, to bytes: inout [UInt8])
    /// Appends one edge; its predicate is read in `vocabulary`, the store's.
    func appendEdge(_ edge: ExportGraph.Edge, vocabulary: Vocabulary, to bytes: inout [UInt8])
    /// Everything after the last edge.
    func tail() -> String
    /// Writes everything after the last edge, for a writer that reads the store for it (the DOT
    /// writer's key to the sources its labels name); ``tail()`` by default.
    func writeTail(reading store: GraphStore) throws
}

extension GraphWriter {
    public func writeTail(reading store: GraphStore) throws { try sink.write(tail()) }

    /// Writes the whole document; `onCount` is told how many entities it draws, before the first.
    public func write(_ graph: ExportGraph, onCount: (Int) -> Void = { _ in }) throws {
        try sink.write(head())
        let vocabulary = graph.store.vocabulary
        var count = 0
        var position = 0
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 14)
        try graph.streamOnTwoThreads(
            count: {
                count = $0
                onCount($0)
            },
            nodes: { entity in
                bytes.removeAll(keepingCapacity: true)
                appendNode(entity, position: position, count: count, vocabulary: vocabulary, to: &bytes)
                try sink.write(bytes)
                position += 1
            },
            edges: { edge in
                bytes.removeAll(keepingCapacity: true)
                appendEdge(edge, vocabulary: vocabulary, to: &bytes)
                try sink.write(bytes)
            })
        try writeTail(reading: graph.store)
    }
}
