/// Reading entities, sources and claims back from the store.
extension GraphStore {
    /// Which of an entity's claims to read.
    public enum Direction: String, Sendable, CaseIterable {
        /// Claims where the entity is the subject.
        case out
        /// Claims where the entity is the object.
        case `in`
        case both
    }

    // MARK: Entities

    public func entity(id: String) throws -> Entity? {
        let select = try database.cached("SELECT id, type, name, description, attributes FROM entity WHERE id = ?1")
        try select.bind([.text(id)])
        guard try select.step() else { return nil }
        var entity = GraphStore.entity(from: select)
        entity.aliases = try aliases(of: id)
        return entity
    }

    /// The types of many entities at once (ids not in the store are left out).
    public func entityTypes(_ ids: some Sequence<String>) throws -> [String: EntityType] {
        let select = try database.cached("SELECT type FROM entity WHERE id = ?1")
        var types: [String: EntityType] = [:]
        for id in ids where types[id] == nil {
            if let text = try select.scalarText([.text(id)]), let type = EntityType(rawValue: text) { types[id] = type }
        }
        return types
    }

    private func aliases(of id: String) throws -> [Alias] {
        let select = try database.cached(
            "SELECT name, lang FROM entity_name WHERE entity = ?1 AND position > 0 ORDER BY position")
        var aliases: [Alias] = []
        try select.forEachRow([.text(id)]) { row in aliases.append(Alias(name: row.string(0), lang: row.string(1))) }
        return aliases
    }

    /// Every entity in id order, streamed (two cursors merged, so memory stays flat).
    public func forEachEntity(_ body: (Entity) throws -> Void) throws {
        let entities = try database.prepare("SELECT id, type, name, description, attributes FROM entity ORDER BY id")
        let names = try database.prepare(
            "SELECT entity, name, lang FROM entity_name WHERE position > 0 ORDER BY entity, position")
        var hasName = try names.step()
        while try entities.step() {
            var entity = GraphStore.entity(from: entities)
            while hasName, let owner = names.text(0), owner <= entity.id {
                if owner == entity.id { entity.aliases.append(Alias(name: names.string(1), lang: names.string(2))) }
                hasName = try names.step()
            }
            try body(entity)
        }
    }

    private static func entity(from row: Statement) -> Entity {
        Entity(
            id: row.string(0), type: EntityType(rawValue: row.string(1)) ?? .organization, name: row.string(2),
            description: row.text(3), attributes: AttributesJSON.decode(row.string(4)))
    }

    // MARK: Sources

    public func source(id: String) throws -> Source? {
        let select = try database.cached(
            "SELECT id, type, title, publisher, author, url, published, lang, reliability, full_text FROM source WHERE id = ?1")
        try select.bind([.text(id)])
        guard try select.step() else { return nil }
        var source = GraphStore.source(from: select)
        let cites = try database.cached("SELECT cited FROM source_cites WHERE source = ?1 ORDER BY position")
        try cites.forEachRow([.text(id)]) { source.cites.append($0.string(0)) }
        return source
    }

    /// The ids of the sources that cite (relay) this one.
    public func sourcesCiting(_ id: String) throws -> [String] {
        var ids: [String] = []
        try database.cached("SELECT source FROM source_cites WHERE cited = ?1 ORDER BY source")
            .forEachRow([.text(id)]) { ids.append($0.string(0)) }
        return ids
    }

    /// Every source in id order, streamed.
    public func forEachSource(_ body: (Source) throws -> Void) throws {
        let sources = try database.prepare(
            "SELECT id, type, title, publisher, author, url, published, lang, reliability, full_text FROM source ORDER BY id")
        let cites = try database.prepare("SELECT source, cited FROM source_cites ORDER BY source, position")
        var hasCite = try cites.step()
        while try sources.step() {
            var source = GraphStore.source(from: sources)
            while hasCite, let owner = cites.text(0), owner <= source.id {
                if owner == source.id { source.cites.append(cites.string(1)) }
                hasCite = try cites.step()
            }
            try body(source)
        }
    }

    private static func source(from row: Statement) -> Source {
        Source(
            id: row.string(0), type: SourceType(rawValue: row.string(1)) ?? .other, title: row.string(2), publisher: row.text(3),
            author: row.text(4), url: row.text(5), published: row.text(6).flatMap { try? PartialDate(parsing: $0) },
            lang: row.text(7), reliability: Reliability(rawValue: row.string(8)) ?? .f, text: row.text(9))
    }

    // MARK: Claims

    private static let claimColumns = "c.id, c.subject, c.predicate, c.object, c.start_date, c.end_date, c.notes"
    private static let citationColumns = """
        ci.source, ci.via, ci.quote, ci.quote_en, ci.stance, ci.credibility, ci.locator, s.reliability, s.published, v.published
        """
    private static let citationJoins = "JOIN source AS s ON s.id = ci.source LEFT JOIN source AS v ON v.id = ci.via"

    public func claim(id: String) throws -> GradedClaim? {
        let select = try database.cached("SELECT \(GraphStore.claimColumns) FROM claim AS c WHERE c.id = ?1")
        try select.bind([.text(id)])
        guard try select.step() else { return nil }
        let claim = GraphStore.claim(from: select)
        return GradedClaim(claim: claim, citations: try citations(of: claim.id))
    }

    /// A claim's citations with their grades, in their stored order.
    public func citations(of claimID: String) throws -> [GradedCitation] {
        let select = try database.cached(
            "SELECT \(GraphStore.citationColumns) FROM citation AS ci \(GraphStore.citationJoins) WHERE ci.claim = ?1 ORDER BY ci.position")
        var citations: [GradedCitation] = []
        try select.forEachRow([.text(claimID)]) { citations.append(GraphStore.gradedCitation(from: $0, at: 0)) }
        return citations
    }

    /// The claims an entity takes part in, ordered by predicate, then the other entity, then date.
    public func claims(of entityID: String, direction: Direction = .both) throws -> [GradedClaim] {
        var result: [GradedClaim] = []
        if direction != .in {
            try database.cached(
                "SELECT \(GraphStore.claimColumns) FROM claim AS c WHERE c.subject = ?1 ORDER BY c.predicate, c.object, c.start_date, c.id"
            ).forEachRow([.text(entityID)]) { result.append(GradedClaim(claim: GraphStore.claim(from: $0), citations: [])) }
        }
        if direction != .out {
            try database.cached(
                "SELECT \(GraphStore.claimColumns) FROM claim AS c WHERE c.object = ?1 ORDER BY c.predicate, c.subject, c.start_date, c.id"
            ).forEachRow([.text(entityID)]) { result.append(GradedClaim(claim: GraphStore.claim(from: $0), citations: [])) }
        }
        return try result.map { GradedClaim(claim: $0.claim, citations: try citations(of: $0.claim.id)) }
    }

    /// Claims matching simple conditions, in id order (the `claims` command).
    public func claims(subject: String? = nil, object: String? = nil, predicates: Set<String> = []) throws -> [GradedClaim] {
        var conditions: [String] = []
        var values: [Statement.Value] = []
        if let subject {
            values.append(.text(subject))
            conditions.append("c.subject = ?\(values.count)")
        }
        if let object {
            values.append(.text(object))
            conditions.append("c.object = ?\(values.count)")
        }
        if !predicates.isEmpty {
            let placeholders = predicates.sorted().map { predicate -> String in
                values.append(.text(predicate))
                return "?\(values.count)"
            }
            conditions.append("c.predicate IN (\(placeholders.joined(separator: ", ")))")
        }
        let condition = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        var found: [Claim] = []
        try database.prepare("SELECT \(GraphStore.claimColumns) FROM claim AS c \(condition) ORDER BY c.id")
            .forEachRow(values) { found.append(GraphStore.claim(from: $0)) }
        return try found.map { GradedClaim(claim: $0, citations: try citations(of: $0.id)) }
    }

    /// Every claim in id order with its graded citations and the types of its two ends,
    /// streamed: two cursors in the same order, merged, so memory stays flat.
    public func forEachClaim(
        _ body: (GradedClaim, _ subjectType: EntityType?, _ objectType: EntityType?) throws -> Void
    ) throws {
        let claims = try database.prepare(
            """
            SELECT \(GraphStore.claimColumns), st.type, ot.type FROM claim AS c
            JOIN entity AS st ON st.id = c.subject JOIN entity AS ot ON ot.id = c.object ORDER BY c.id
            """)
        let citations = try database.prepare(
            "SELECT ci.claim, \(GraphStore.citationColumns) FROM citation AS ci \(GraphStore.citationJoins) ORDER BY ci.claim, ci.position")
        var hasCitation = try citations.step()
        while try claims.step() {
            let claim = GraphStore.claim(from: claims)
            var graded: [GradedCitation] = []
            while hasCitation, let owner = citations.text(0), owner <= claim.id {
                if owner == claim.id { graded.append(GraphStore.gradedCitation(from: citations, at: 1)) }
                hasCitation = try citations.step()
            }
            try body(
                GradedClaim(claim: claim, citations: graded), EntityType(rawValue: claims.string(7)),
                EntityType(rawValue: claims.string(8)))
        }
    }

    private static func claim(from row: Statement) -> Claim {
        Claim(
            id: row.string(0), subject: row.string(1), predicate: row.string(2), object: row.string(3),
            start: row.text(4).flatMap { try? PartialDate(parsing: $0) }, end: row.text(5).flatMap { try? PartialDate(parsing: $0) },
            citations: [], notes: row.text(6))
    }

    private static func gradedCitation(from row: Statement, at first: Int32) -> GradedCitation {
        let citation = Citation(
            source: row.string(first), via: row.text(first + 1), quote: row.string(first + 2), quoteEnglish: row.text(first + 3),
            stance: Stance(rawValue: row.string(first + 4)) ?? .reports,
            credibility: Credibility(rawValue: row.int(first + 5)) ?? .cannotBeJudged, locator: row.text(first + 6))
        let sourceDate = row.text(first + 8).flatMap { try? PartialDate(parsing: $0) }
        let viaDate = row.text(first + 9).flatMap { try? PartialDate(parsing: $0) }
        return GradedCitation(
            citation: citation, reliability: Reliability(rawValue: row.string(first + 7)) ?? .f,
            publicSince: GradedCitation.earlier(sourceDate, viaDate))
    }
}
