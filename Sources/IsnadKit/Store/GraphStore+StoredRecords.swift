/// Many stored records read at once by id, a few statements a batch: what an import on
/// PostgreSQL compares a batch of records the store holds already with. Read one by one, as
/// ``GraphStore/record(_:id:)`` does, each would cost several round trips to the server.
struct StoredRecords {
    var entities: [String: Entity] = [:]
    var sources: [String: Source] = [:]
    /// Standing claims, each with all its citations, retracted ones included; retracted claims
    /// too, when asked for.
    var claims: [String: Claim] = [:]

    /// The record of that kind and id, if read.
    func record(_ kind: Record.Kind, id: String) -> Record? {
        switch kind {
        case .entity: entities[id].map(Record.entity)
        case .source: sources[id].map(Record.source)
        case .claim: claims[id].map(Record.claim)
        }
    }
}

extension GraphStore {
    /// The entities, sources and standing claims of these ids, each as ``record(_:id:)`` reads
    /// it; ids the store does not hold are left out, and so are retracted claims unless
    /// `includingRetractedClaims`.
    /// `withCitations: false` reads the claims without their citations (``storedCitations(_:)``
    /// reads those by key): a claim of many citations given a line each is then never read whole
    /// for each line.
    func storedRecords(
        entities: some Collection<String>, sources: some Collection<String>, claims: some Collection<String>,
        includingRetractedClaims: Bool = false, withCitations: Bool = true
    ) throws -> StoredRecords {
        var found = StoredRecords()
        let list = GraphStore.inList(database, of: .text)
        try inBatches(entities) { ids in
            try database.cached("SELECT id, type, name, description, attributes FROM entity WHERE id \(list)")
                .forEachRow([ids], atOnce: true) { row in
                    let entity = try entity(from: row)
                    found.entities[entity.id] = entity
                }
            try database.cached(
                "SELECT entity, name, lang FROM entity_name WHERE entity \(list) AND position > 0 ORDER BY entity, position"
            ).forEachRow([ids], atOnce: true) { row in
                let owner = row.string(0)
                try StoredValue.requireStorableText(
                    row, GraphStore.listedAliasFields, path: path, record: "entity \"\(owner)\"")
                found.entities[owner]?.aliases.append(Alias(name: row.string(1), lang: row.string(2)))
            }
            try database.cached("SELECT entity, merged FROM entity_merged WHERE entity \(list) ORDER BY entity, position")
                .forEachRow([ids], atOnce: true) { row in found.entities[row.string(0)]?.merged.append(row.string(1)) }
        }
        try inBatches(sources) { ids in
            try database.cached(
                "SELECT id, type, title, publisher, author, url, published, lang, reliability, full_text FROM source WHERE id \(list)"
            ).forEachRow([ids], atOnce: true) { row in
                let source = try source(from: row)
                found.sources[source.id] = source
            }
            try database.cached("SELECT source, cited FROM source_cites WHERE source \(list) ORDER BY source, position")
                .forEachRow([ids], atOnce: true) { row in found.sources[row.string(0)]?.cites.append(row.string(1)) }
        }
        try inBatches(claims) { ids in
            try database.cached(
                "SELECT id, subject, predicate, object, start_date, end_date, notes FROM claim WHERE id \(list)"
            ).forEachRow([ids], atOnce: true) { row in
                let id = row.string(0)
                found.claims[id] = try plainClaim(id: id, from: row, at: 1)
            }
            guard withCitations else { return }
            try database.cached(
                """
                SELECT claim, source, via, quote, quote_en, stance, credibility, locator, NULL, position FROM citation
                WHERE claim \(list)
                UNION ALL
                SELECT claim, source, via, quote, quote_en, stance, credibility, locator, reason, position FROM retracted_citation
                WHERE claim \(list)
                ORDER BY 1, 10
                """
            ).forEachRow([ids], atOnce: true) { row in
                // Counted, not copied: a copy of the claim held here would copy its citations at each append.
                let id = row.string(0)
                guard let count = found.claims[id]?.citations.count else { return }
                let citation = try plainCitation(number: count + 1, ofClaim: id, from: row, at: 1)
                found.claims[id]?.citations.append(citation)
            }
            guard includingRetractedClaims else { return }
            try database.cached("SELECT id, record FROM retracted_claim WHERE id \(list)").forEachRow([ids], atOnce: true) {
                row in
                let id = row.string(0)
                if let claim = try retractedClaim(id: id, line: row.string(1)) { found.claims[id] = claim }
            }
        }
        return found
    }

    /// The standing citations stored under these claims' ids and citation keys
    /// (``Citation/key``), by claim and key: one index lookup each, a statement for each
    /// ``batchSize`` of them.
    func storedCitations(_ keys: [(claim: String, key: Int64)]) throws -> [String: [Int64: Citation]] {
        let select = try database.cached(
            database.dialect(
                """
                SELECT c.claim, c.citation_key, c.source, c.via, c.quote, c.quote_en, c.stance, c.credibility, c.locator, NULL
                FROM json_each(?1) AS p JOIN citation AS c
                ON c.claim = json_extract(p.value, '$[0]') AND c.citation_key = json_extract(p.value, '$[1]')
                """,
                // One index lookup a pair: a LATERAL subquery the planner cannot flatten (LIMIT 1;
                // a claim holds one citation a key). Flattened into a join, a generic plan that
                // guesses 100 pairs scanned the whole table at each of many small batches.
                postgreSQL: """
                    SELECT c.claim, c.citation_key, c.source, c.via, c.quote, c.quote_en, c.stance, c.credibility, c.locator, NULL
                    FROM json_array_elements(?1::json) AS p(value) CROSS JOIN LATERAL (
                        SELECT * FROM citation WHERE claim = p.value->>0 AND citation_key = (p.value->>1)::bigint LIMIT 1
                    ) AS c
                    """))
        var found: [String: [Int64: Citation]] = [:]
        var start = 0
        while start < keys.count {
            var pairs = JSONWriter()
            pairs.beginArray()
            for (claim, key) in keys[start..<min(start + GraphStore.batchSize, keys.count)] {
                pairs.beginArray()
                pairs.string(claim)
                pairs.number(String(key))
                pairs.endArray()
            }
            pairs.endArray()
            start += GraphStore.batchSize
            try select.forEachRow([.text(String(decoding: pairs.bytes, as: UTF8.self))], atOnce: true) { row in
                let claim = row.string(0)
                found[claim, default: [:]][row.int64(1)] = try plainCitation(number: 1, ofClaim: claim, from: row, at: 2)
            }
        }
        return found
    }

    /// `body` with the ids as ``jsonArray(_:)`` values of at most ``batchSize`` ids each.
    private func inBatches(_ ids: some Collection<String>, _ body: (Statement.Value) throws -> Void) throws {
        var batch: [String] = []
        batch.reserveCapacity(min(ids.count, GraphStore.batchSize))
        for id in ids {
            batch.append(id)
            if batch.count == GraphStore.batchSize {
                try body(GraphStore.jsonArray(batch))
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try body(GraphStore.jsonArray(batch)) }
    }
}
