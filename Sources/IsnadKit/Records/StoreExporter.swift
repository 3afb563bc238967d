/// Writes a whole store in the record format, streamed: entities, then sources, then claims,
/// each in id order. See ``RecordWriter`` for the canonical form. Retracted claims and
/// citations are left out, unless `includingRetracted` (then marked `"retracted"`).
public enum StoreExporter {
    public static func writeJSONLines(of store: GraphStore, to sink: ByteSink, includingRetracted: Bool = false) throws {
        var writer = RecordWriter()
        try store.forEachEntity { try writer.write(.entity($0), to: sink) }
        try store.forEachSource { try writer.write(.source($0), to: sink) }
        if includingRetracted {
            try store.forEachClaimIncludingRetracted { try writer.write(.claim($0), to: sink) }
        } else {
            try store.forEachClaim { try writer.write(.claim($0.claim), to: sink) }
        }
    }
}
