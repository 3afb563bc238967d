/// Writes a whole store in the record format, streamed: entities, then sources, then claims,
/// each in id order. See ``RecordWriter`` for the canonical form.
public enum StoreExporter {
    public static func writeJSONLines(of store: GraphStore, to sink: ByteSink) throws {
        var writer = RecordWriter()
        try store.forEachEntity { try writer.write(.entity($0), to: sink) }
        try store.forEachSource { try writer.write(.source($0), to: sink) }
        try store.forEachClaim { try writer.write(.claim($0.claim), to: sink) }
    }
}
