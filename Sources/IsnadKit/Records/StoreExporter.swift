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
        var writer = RecordWriter()
        let decoder = RecordDecoder(vocabulary: store.vocabulary)
        try forEachRecord(of: store, includingRetracted: includingRetracted) { record in
            let line = writer.encode(record)
            if let problem = importProblem(of: line, decoder: decoder) {
                throw StoreError.invalidValue(
                    path: store.path, record: problem.record ?? "a record", field: problem.field ?? "record",
                    problem: "stored value \(problem.message)")
            }
            try sink.write(line)
        }
    }

    /// Every record of the store, in the order an export writes them.
    static func forEachRecord(of store: GraphStore, includingRetracted: Bool, _ body: (Record) throws -> Void) throws {
        try store.forEachEntity { try body(.entity($0)) }
        try store.forEachSource { try body(.source($0)) }
        if includingRetracted {
            try store.forEachClaimIncludingRetracted { try body(.claim($0)) }
        } else {
            try store.forEachClaim { try body(.claim($0.claim)) }
        }
    }

    /// The first problem an import finds in a record line (by ``RecordDecoder``'s rules, those
    /// a record can be checked against on its own), or nil when it would take it.
    static func importProblem(of line: [UInt8], decoder: RecordDecoder) -> RecordProblem? {
        do {
            let value = try line.withUnsafeBufferPointer { try JSONParser.parse($0) }
            _ = try decoder.decode(value)
            return nil
        } catch let problems as RecordProblems {
            return problems.problems[0]
        } catch {
            return RecordProblem(message: "\(error)")
        }
    }
}
