/// Writes a self-contained set of records: the given claims and entities, plus every entity
/// and source they name, and the sources those cite, so that the output imports on its own
/// into an empty store. Entities, then sources, then claims, each in id order.
public struct RecordSet {
    public let store: GraphStore
    private var entityIDs: Set<String> = []
    private var claims: [String: Claim] = [:]
    private var sourceIDs: Set<String> = []

    public init(store: GraphStore) { self.store = store }

    public mutating func add(entity id: String) { entityIDs.insert(id) }

    public mutating func add(_ claim: GradedClaim) {
        claims[claim.claim.id] = claim.claim
        addReferences(of: claim.claim)
    }

    public mutating func add(source id: String) { sourceIDs.insert(id) }

    private mutating func addReferences(of claim: Claim) {
        entityIDs.insert(claim.subject)
        entityIDs.insert(claim.object)
        for citation in claim.citations {
            sourceIDs.insert(citation.source)
            if let via = citation.via { sourceIDs.insert(via) }
        }
    }

    public func write(to sink: ByteSink) throws {
        var writer = RecordWriter()
        try writeEntitiesAndSources(to: sink, with: &writer)
        for id in claims.keys.sorted() {
            if let claim = claims[id] { try writer.write(.claim(claim), to: sink) }
        }
    }

    /// Writes the claims that `enumerate` hands over as a self-contained set, streamed: it is
    /// called twice, once to learn which entities and sources the claims name (only their ids
    /// are kept), once to write the claims, in the order it gives them (twice the same).
    public static func write(
        store: GraphStore, to sink: ByteSink, entities: [String] = [], sources: [String] = [],
        claims enumerate: ((GradedClaim) throws -> Void) throws -> Void
    ) throws {
        try write(store: store, to: sink, entities: entities, sources: sources) { body in
            try withoutActuallyEscaping(body) { body in try enumerate { try body($0.claim) } }
        }
    }

    /// As ``write(store:to:entities:sources:claims:)``, of claims as records: a retracted claim,
    /// or a claim with its retracted citations, is written marked, as `export jsonl
    /// --include-retracted` writes it.
    public static func write(
        store: GraphStore, to sink: ByteSink, entities: [String] = [], sources: [String] = [],
        records enumerate: ((Claim) throws -> Void) throws -> Void
    ) throws {
        var set = RecordSet(store: store)
        entities.forEach { set.add(entity: $0) }
        sources.forEach { set.add(source: $0) }
        try enumerate { set.addReferences(of: $0) }
        var writer = RecordWriter()
        try set.writeEntitiesAndSources(to: sink, with: &writer)
        try enumerate { try writer.write(.claim($0), to: sink) }
    }

    private func writeEntitiesAndSources(to sink: ByteSink, with writer: inout RecordWriter) throws {
        for id in entityIDs.sorted() {
            if let entity = try store.entity(id: id) { try writer.write(.entity(entity), to: sink) }
        }
        // The chain of transmission: the sources cited by the sources included.
        var pending = Array(sourceIDs)
        var sources: [String: Source] = [:]
        while let id = pending.popLast() {
            guard sources[id] == nil, let source = try store.source(id: id) else { continue }
            sources[id] = source
            pending.append(contentsOf: source.cites)
        }
        for id in sources.keys.sorted() {
            if let source = sources[id] { try writer.write(.source(source), to: sink) }
        }
    }
}
