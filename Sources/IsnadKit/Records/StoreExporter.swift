/// Writes a whole store in the record format, streamed: entities, then sources, then claims,
/// each in id order. See ``RecordWriter`` for the canonical form. Retracted claims and
/// citations are left out, unless `includingRetracted` (then marked `"retracted"`).
///
/// Every line is read back as an import reads it before it is written: a value another program
/// stored that no import accepts (an empty name, an id that is not a slug, a claim of an entity
/// with itself) is a ``StoreError/invalidValue(path:record:field:problem:)``, exit 65, rather than
/// a backup that cannot be imported. The export is the store's backup; it may not launder such a
/// value into one. `isnad check` reads every record the same way.
public enum StoreExporter {
    public static func writeJSONLines(of store: GraphStore, to sink: ByteSink, includingRetracted: Bool = false) throws {
        try forEachLine(of: store, includingRetracted: includingRetracted) { line, problem in
            if let problem { throw StoreError.unimportable(problem, path: store.path, record: "a record") }
            try sink.write(line)
        }
    }

    /// Every record of the store as its line, in the order an export writes them, with the first
    /// problem an import finds in it (by ``RecordDecoder``'s rules, those a record can be checked
    /// against on its own), or nil when an import would take it. The store is read and the lines
    /// made on a second thread while `body` reads each one back, on the calling thread: reading
    /// it back costs about what making it does.
    ///
    /// `readingEachClaimAsStored` (for `isnad check`): claims are read one by one, each as stored,
    /// so that a value the claim stream refuses (a control character, an unknown predicate) is
    /// found by the import's rules and the pass goes on to the claims after it.
    static func forEachLine(
        of store: GraphStore, includingRetracted: Bool, readingEachClaimAsStored: Bool = false,
        _ body: (_ line: [UInt8], _ problem: RecordProblem?) throws -> Void
    ) throws {
        let decoder = RecordDecoder(vocabulary: store.vocabulary)
        try Handoff<[[UInt8]]>.pipeline(capacity: 4) { handoff in
            var batches = HandoffBatches(into: handoff, count: 256, bytes: 1 << 20)
            // What was read before an error is written before it is thrown, as on one thread.
            defer { try? batches.flush() }
            var writer = RecordWriter()
            try forEachRecord(
                of: store, includingRetracted: includingRetracted, readingEachClaimAsStored: readingEachClaimAsStored
            ) { record in
                let line = writer.encode(record)
                try batches.add(line, bytes: line.count)
            }
        } consume: { lines in
            for line in lines { try body(line, decoder.firstProblem(inLine: line)) }
        }
    }

    /// Every record of the store, in the order an export writes them.
    private static func forEachRecord(
        of store: GraphStore, includingRetracted: Bool, readingEachClaimAsStored: Bool = false,
        _ body: (Record) throws -> Void
    ) throws {
        try store.forEachEntity { try body(.entity($0)) }
        try store.forEachSource { try body(.source($0)) }
        if includingRetracted {
            try store.forEachClaimIncludingRetracted(streamingWhenNothingIsRetracted: !readingEachClaimAsStored) {
                try body(.claim($0))
            }
        } else {
            try store.forEachClaim { try body(.claim($0.claim)) }
        }
    }
}
