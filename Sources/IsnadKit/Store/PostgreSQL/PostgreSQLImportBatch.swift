/// The records an import on PostgreSQL has read and not yet written: they go to the server a
/// batch at a time, through `COPY … FROM STDIN`, instead of one round trip per statement.
///
/// An import still decides record by record what the store would answer (is this id new in
/// the import, is this entity or source known), but without asking the server: this import's
/// own records are answered from the batch and from a fixed-size filter of every id registered
/// so far, so that a record new to the import costs no round trip. Whether a batched record is
/// already in the store is asked once per batch (``ImportSession``'s flush): the new ones are
/// copied, the stored ones written row by row as before, so that merges (a claim gaining a
/// citation), retypes and history are the same as on SQLite. Memory stays flat in the input:
/// one batch of records, and the filter's 8 MiB.
final class PostgreSQLImportBatch {
    /// A record read and not yet written, in input order.
    enum Operation {
        case entity(Entity, searchKeys: [String], ImportSession.Location)
        case source(Source)
        /// `reportingAt`: where a change of the stored claim's ends is reported, or nil when it is not.
        case claim(Claim, replacingCitations: Bool, reportingAt: ImportSession.Location?)
    }

    /// How many records and pending references a batch holds before it is sent.
    static let capacity = 5_000

    private(set) var operations: [Operation] = []
    /// This batch's registrations (see ``ImportSession/register(kind:id:digest:at:)``), by kind and id.
    private(set) var registrations: [String: (digest: UInt64, location: ImportSession.Location)] = [:]
    /// Rows for `import_record` and `import_pending`, in the order they were made.
    private(set) var registrationRows: [[String?]] = []
    private(set) var pendingRows: [[String?]] = []
    /// The entities, sources and claims in ``operations``.
    private(set) var entityTypes: [String: EntityType] = [:]
    private(set) var sources: Set<String> = []
    private(set) var claims: Set<String> = []
    private var registered = IDFilter()

    var isEmpty: Bool { operations.isEmpty && registrationRows.isEmpty && pendingRows.isEmpty }
    var isFull: Bool { operations.count + registrationRows.count + pendingRows.count >= PostgreSQLImportBatch.capacity }

    static func registrationKey(_ kind: Record.Kind, _ id: String) -> String { kind.rawValue + "\u{0}" + id }

    /// This batch's registration of the id, if any.
    func registration(_ kind: Record.Kind, _ id: String) -> (digest: UInt64, location: ImportSession.Location)? {
        registrations[PostgreSQLImportBatch.registrationKey(kind, id)]
    }

    /// Whether an earlier batch may have registered the id (false: it certainly did not).
    func mayHaveRegistered(_ kind: Record.Kind, _ id: String) -> Bool {
        registered.mayContain(PostgreSQLImportBatch.registrationKey(kind, id))
    }

    func register(_ kind: Record.Kind, _ id: String, digest: UInt64, at location: ImportSession.Location) {
        let key = PostgreSQLImportBatch.registrationKey(kind, id)
        registrations[key] = (digest, location)
        registered.insert(key)
        registrationRows.append([
            kind.rawValue, id, String(Int64(bitPattern: digest)), String(location.file), String(location.line),
        ])
    }

    func addPending(_ reference: ImportSession.PendingReference) {
        pendingRows.append([
            String(reference.location.file), String(reference.location.line), reference.record, reference.field,
            reference.target.rawValue, reference.id, reference.predicate, reference.role?.rawValue,
        ])
    }

    func add(_ operation: Operation) {
        switch operation {
        case .entity(let entity, _, _): entityTypes[entity.id] = entity.type
        case .source(let source): sources.insert(source.id)
        case .claim(let claim, _, _): claims.insert(claim.id)
        }
        operations.append(operation)
    }

    /// Empties the batch once it is sent; the filter keeps every id registered.
    func removeAll() {
        operations.removeAll(keepingCapacity: true)
        registrations.removeAll(keepingCapacity: true)
        registrationRows.removeAll(keepingCapacity: true)
        pendingRows.removeAll(keepingCapacity: true)
        entityTypes.removeAll(keepingCapacity: true)
        sources.removeAll(keepingCapacity: true)
        claims.removeAll(keepingCapacity: true)
    }

    /// `ids` as a PostgreSQL array of text, for `= ANY (…::text[])`
    /// (https://www.postgresql.org/docs/15/arrays.html#ARRAYS-IO).
    static func textArray(_ ids: some Sequence<String>) -> String {
        var literal = "{"
        for (index, id) in ids.enumerated() {
            if index > 0 { literal += "," }
            literal += "\""
            for character in id.unicodeScalars {
                if character == "\"" || character == "\\" { literal += "\\" }
                literal.unicodeScalars.append(character)
            }
            literal += "\""
        }
        return literal + "}"
    }
}

/// A Bloom filter of ids: answers "certainly not added" or "maybe added", in a fixed 8 MiB.
/// At a million ids, fewer than one lookup in five thousand is a false "maybe" (which costs one
/// round trip to the server to settle, never a wrong answer).
private struct IDFilter {
    private static let bitCount = 1 << 26
    private var words = [UInt64](repeating: 0, count: IDFilter.bitCount / 64)

    private static func positions(_ key: String) -> [Int] {
        let hash = FNV1a.hash([key])
        let first = hash & 0xFFFF_FFFF
        let step = (hash >> 32) | 1
        return (0..<3).map { Int((first &+ UInt64($0) &* step) % UInt64(bitCount)) }
    }

    mutating func insert(_ key: String) {
        for position in IDFilter.positions(key) { words[position / 64] |= 1 << UInt64(position % 64) }
    }

    func mayContain(_ key: String) -> Bool {
        IDFilter.positions(key).allSatisfy { words[$0 / 64] & (1 << UInt64($0 % 64)) != 0 }
    }
}
