/// What an export writes: the entities and the edges (claims, or claims collapsed by subject,
/// predicate and object) that pass a filter, in a fixed order, streamed from the store.
///
/// The whole graph is read in two passes over the claims, so that memory does not grow with
/// it: the first marks the entities that take part in a claim that passes the filter (in a
/// temporary SQLite table, not in memory), the second writes the edges. Unfiltered, every
/// entity is written and the first pass is skipped. A `--focus` neighbourhood is small by
/// nature and is read through ``Neighborhood``.
public struct ExportGraph {
    /// Which part of the graph, and how.
    public struct Options: Sendable {
        public var filter = GraphFilter()
        /// Only the neighbourhood of this entity …
        public var focus: String?
        /// … up to this many hops.
        public var depth = 1
        /// One edge per subject, predicate and object, with the evidence of all its claims.
        public var collapse = false

        public init() {}
    }

    /// One edge: a claim, or the claims of one subject, predicate and object together.
    public struct Edge: Sendable {
        /// Unique in the file: the claim's id, or `subject--predicate--object` when collapsed.
        public let id: String
        public let subject: String
        public let predicate: String
        public let object: String
        /// The earliest start and the latest end among the claims (nil when none has one).
        public let start: PartialDate?
        public let end: PartialDate?
        public let claimIDs: [String]
        /// All the citations of the claims, in claim order.
        public let citations: [GradedCitation]
        public let evidence: Evidence

        init?(claims: [GradedClaim], collapsed: Bool) {
            guard let first = claims.first else { return nil }
            let citations = claims.flatMap(\.citations)
            guard let evidence = Evidence(citations.map(\.evidenceItem)) else { return nil }
            self.id = collapsed ? "\(first.claim.subject)--\(first.claim.predicate)--\(first.claim.object)" : first.claim.id
            subject = first.claim.subject
            predicate = first.claim.predicate
            object = first.claim.object
            start = claims.compactMap(\.claim.start).min { $0.firstDay < $1.firstDay }
            end = claims.compactMap(\.claim.end).max { $0.lastDay < $1.lastDay }
            claimIDs = claims.map(\.claim.id)
            self.citations = citations
            self.evidence = evidence
        }

        /// The citation to show first (see ``GradedClaim/bestCitation``).
        public var bestCitation: GradedCitation? {
            GradedClaim(claim: Claim(id: id, subject: subject, predicate: predicate, object: object, citations: []), citations: citations)
                .bestCitation
        }
    }

    public let store: GraphStore
    public let options: Options

    public init(store: GraphStore, options: Options) {
        self.store = store
        self.options = options
    }

    /// Calls `count` with the number of entities to draw, `nodes` for each of them in id order,
    /// then `edges` for every edge, in id order (collapsed: by subject, predicate, object).
    public func stream(
        count: (Int) throws -> Void = { _ in }, nodes: (Entity) throws -> Void, edges: (Edge) throws -> Void
    ) throws {
        if let focus = options.focus {
            let neighborhood = try Neighborhood(store: store, center: focus, depth: options.depth, filter: options.filter, induced: true)
            try count(neighborhood.depths.count)
            for id in neighborhood.depths.keys.sorted() {
                if let entity = try store.entity(id: id) { try nodes(entity) }
            }
            try emit(neighborhood.claims.sorted { $0.claim.id < $1.claim.id }, edges)
            return
        }
        if options.filter.isEmpty {
            try count(try store.counts().entities)
            try store.forEachEntity(nodes)
        } else {
            try store.withMarkedEntities { mark in
                try store.forEachClaim { claim in
                    guard options.filter.apply(claim, vocabulary: store.vocabulary) != nil else { return }
                    try mark(claim.claim.subject)
                    try mark(claim.claim.object)
                }
            } read: { marked in
                try count(Int(try store.database.prepare("SELECT count(*) FROM \(marked)").scalarInteger() ?? 0))
                try store.forEachEntity(in: marked, nodes)
            }
        }
        if options.collapse {
            var group: [GradedClaim] = []
            try store.forEachClaimByEndpoints { claim in
                guard let kept = options.filter.apply(claim, vocabulary: store.vocabulary) else { return }
                if let first = group.first,
                    (first.claim.subject, first.claim.predicate, first.claim.object) != (kept.claim.subject, kept.claim.predicate, kept.claim.object)
                {
                    if let edge = Edge(claims: group, collapsed: true) { try edges(edge) }
                    group.removeAll(keepingCapacity: true)
                }
                group.append(kept)
            }
            if let edge = Edge(claims: group, collapsed: true) { try edges(edge) }
        } else {
            try store.forEachClaim { claim in
                guard let kept = options.filter.apply(claim, vocabulary: store.vocabulary),
                    let edge = Edge(claims: [kept], collapsed: false)
                else { return }
                try edges(edge)
            }
        }
    }

    /// Edges of claims already in memory (a neighbourhood), collapsed if asked.
    private func emit(_ claims: [GradedClaim], _ edges: (Edge) throws -> Void) throws {
        guard options.collapse else {
            for claim in claims { if let edge = Edge(claims: [claim], collapsed: false) { try edges(edge) } }
            return
        }
        var groups: [String: [GradedClaim]] = [:]
        for claim in claims {
            groups["\(claim.claim.subject)--\(claim.claim.predicate)--\(claim.claim.object)", default: []].append(claim)
        }
        for key in groups.keys.sorted() {
            if let edge = Edge(claims: groups[key] ?? [], collapsed: true) { try edges(edge) }
        }
    }
}

extension GraphStore {
    /// Runs `mark` to note entity ids in a temporary table, then `read` with the table's name;
    /// the table is dropped afterwards. Memory stays flat however many entities are marked.
    func withMarkedEntities(_ mark: ((String) throws -> Void) throws -> Void, read: (String) throws -> Void) throws {
        try database.execute("CREATE TEMP TABLE IF NOT EXISTS export_entity (id TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM temp.export_entity")
        defer { try? database.execute("DROP TABLE IF EXISTS temp.export_entity") }
        let insert = try database.prepare("INSERT OR IGNORE INTO temp.export_entity (id) VALUES (?1)")
        try mark { id in try insert.run([.text(id)]) }
        try read("temp.export_entity")
    }

    /// The entities whose ids are in `table` (one column, `id`), in id order, streamed.
    func forEachEntity(in table: String, _ body: (Entity) throws -> Void) throws {
        let entities = try database.prepare(
            "SELECT e.id, e.type, e.name, e.description, e.attributes FROM \(table) AS m JOIN entity AS e ON e.id = m.id ORDER BY e.id")
        let names = try database.prepare(
            "SELECT n.entity, n.name, n.lang FROM \(table) AS m JOIN entity_name AS n ON n.entity = m.id WHERE n.position > 0 ORDER BY n.entity, n.position")
        var hasName = try names.step()
        while try entities.step() {
            var entity = Entity(
                id: entities.string(0), type: EntityType(rawValue: entities.string(1)) ?? .organization, name: entities.string(2),
                description: entities.text(3), attributes: AttributesJSON.decode(entities.string(4)))
            while hasName, let owner = names.text(0), owner <= entity.id {
                if owner == entity.id { entity.aliases.append(Alias(name: names.string(1), lang: names.string(2))) }
                hasName = try names.step()
            }
            try body(entity)
        }
    }

    /// Every claim ordered by subject, predicate, object, then id: claims of one edge together.
    func forEachClaimByEndpoints(_ body: (GradedClaim) throws -> Void) throws {
        let select = try database.prepare(
            "\(GraphStore.claimSelect) ORDER BY c.subject, c.predicate, c.object, c.id, ci.position")
        try groupClaims(select, []) { try body($0) }
    }
}
