/// Writing whole records, one at a time, outside an import: what `undo`, `add` and the other
/// editing commands are made of. Each runs in the caller's write transaction (see
/// ``GraphStore/changing(_:_:)``); foreign keys are checked at its commit.
extension GraphStore {
    /// The record of `kind` with `id` as the store holds it, or nil.
    public func record(_ kind: Record.Kind, id: String) throws -> Record? {
        switch kind {
        case .entity: return try entity(id: id).map(Record.entity)
        case .source: return try source(id: id).map(Record.source)
        case .claim: return try plainClaim(id: id).map(Record.claim)
        }
    }

    /// A claim and its citations, in citation order, without grading them.
    func plainClaim(id: String) throws -> Claim? {
        let select = try database.cached(
            "SELECT subject, predicate, object, start_date, end_date, notes FROM claim WHERE id = ?1")
        guard
            var claim = try select.firstRow(
                [.text(id)],
                { row in
                    Claim(
                        id: id, subject: row.string(0), predicate: row.string(1), object: row.string(2),
                        start: row.text(3).flatMap { try? PartialDate(parsing: $0) },
                        end: row.text(4).flatMap { try? PartialDate(parsing: $0) }, citations: [], notes: row.text(5))
                })
        else { return nil }
        let citations = try database.cached(
            "SELECT source, via, quote, quote_en, stance, credibility, locator FROM citation WHERE claim = ?1 ORDER BY position")
        try citations.forEachRow([.text(id)]) { row in
            claim.citations.append(
                Citation(
                    source: row.string(0), via: row.text(1), quote: row.string(2), quoteEnglish: row.text(3),
                    stance: Stance(rawValue: row.string(4)) ?? .reports,
                    credibility: Credibility(rawValue: row.int(5)) ?? .cannotBeJudged, locator: row.text(6)))
        }
        return claim
    }

    /// Writes `record` whole: it replaces the stored record of the same kind and id, if any
    /// (a claim's citations included, numbered in the order given).
    func put(_ record: Record) throws {
        switch record {
        case .entity(let entity):
            let values: [Statement.Value] = [
                .text(entity.id), .text(entity.type.rawValue), .text(entity.name), optional(entity.description),
                .text(AttributesJSON.encode(entity.attributes)),
            ]
            try database.cached("DELETE FROM entity_name WHERE entity = ?1").run([.text(entity.id)])
            try database.cached("UPDATE entity SET type = ?2, name = ?3, description = ?4, attributes = ?5 WHERE id = ?1")
                .run(values)
            if database.changes == 0 {
                try database.cached("INSERT INTO entity (id, type, name, description, attributes) VALUES (?1, ?2, ?3, ?4, ?5)")
                    .run(values)
            }
            let insertName = try database.cached(
                "INSERT INTO entity_name (entity, position, name, lang, search_key) VALUES (?1, ?2, ?3, ?4, ?5)")
            try insertName.run([.text(entity.id), .integer(0), .text(entity.name), .null, .text(NameKey.fold(entity.name))])
            for (index, alias) in entity.aliases.enumerated() {
                try insertName.run([
                    .text(entity.id), .integer(Int64(index + 1)), .text(alias.name), .text(alias.lang),
                    .text(NameKey.fold(alias.name)),
                ])
            }
        case .source(let source):
            let values: [Statement.Value] = [
                .text(source.id), .text(source.type.rawValue), .text(source.title), optional(source.publisher),
                optional(source.author), optional(source.url), optional(source.published?.description), optional(source.lang),
                .text(source.reliability.rawValue), optional(source.text),
            ]
            try database.cached("DELETE FROM source_cites WHERE source = ?1").run([.text(source.id)])
            try database.cached(
                """
                UPDATE source SET type = ?2, title = ?3, publisher = ?4, author = ?5, url = ?6, published = ?7, lang = ?8,
                    reliability = ?9, full_text = ?10 WHERE id = ?1
                """
            ).run(values)
            if database.changes == 0 {
                try database.cached(
                    """
                    INSERT INTO source (id, type, title, publisher, author, url, published, lang, reliability, full_text)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                    """
                ).run(values)
            }
            let insertCite = try database.cached("INSERT INTO source_cites (source, position, cited) VALUES (?1, ?2, ?3)")
            for (index, cited) in source.cites.enumerated() {
                try insertCite.run([.text(source.id), .integer(Int64(index)), .text(cited)])
            }
        case .claim(let claim):
            let values: [Statement.Value] = [
                .text(claim.id), .text(claim.subject), .text(claim.predicate), .text(claim.object),
                optional(claim.start?.description), optional(claim.end?.description), optional(claim.notes),
            ]
            try database.cached("DELETE FROM citation WHERE claim = ?1").run([.text(claim.id)])
            try database.cached(
                "UPDATE claim SET subject = ?2, predicate = ?3, object = ?4, start_date = ?5, end_date = ?6, notes = ?7 WHERE id = ?1"
            ).run(values)
            if database.changes == 0 {
                try database.cached(
                    "INSERT INTO claim (id, subject, predicate, object, start_date, end_date, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                ).run(values)
            }
            let insert = try database.cached(
                """
                INSERT INTO citation (claim, position, citation_key, source, via, quote, quote_en, stance, credibility, locator)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                """)
            for (index, citation) in claim.citations.enumerated() {
                try insert.run([
                    .text(claim.id), .integer(Int64(index)), .integer(citation.key), .text(citation.source),
                    optional(citation.via), .text(citation.quote), optional(citation.quoteEnglish),
                    .text(citation.stance.rawValue), .integer(Int64(citation.credibility.rawValue)), optional(citation.locator),
                ])
            }
        }
        rowMemo.forget()
    }

    /// Deletes a record (an entity's names, a source's cites and a claim's citations with it).
    func remove(_ kind: Record.Kind, id: String) throws {
        let table = kind == .entity ? "entity" : kind == .source ? "source" : "claim"
        try database.prepare("DELETE FROM \(table) WHERE id = ?1").run([.text(id)])
        rowMemo.forget()
    }

    /// The first record that refers to the entity or source `id` (a claim, a citation, a
    /// source that cites it), described for the user, or nil when nothing does.
    public func firstReference(to kind: Record.Kind, id: String) throws -> String? {
        switch kind {
        case .entity:
            let claim = try database.cached("SELECT id FROM claim WHERE subject = ?1 OR object = ?1 ORDER BY id LIMIT 1")
                .scalarText([.text(id)])
            return claim.map { "claim \"\($0)\"" }
        case .source:
            if let claim = try database.cached(
                "SELECT claim FROM citation WHERE source = ?1 OR via = ?1 ORDER BY claim LIMIT 1"
            ).scalarText([.text(id)]) {
                return "claim \"\(claim)\""
            }
            let citing = try database.cached("SELECT source FROM source_cites WHERE cited = ?1 ORDER BY source LIMIT 1")
                .scalarText([.text(id)])
            return citing.map { "source \"\($0)\"" }
        case .claim:
            return nil
        }
    }

    /// The first entity or source that `record` names and the store does not hold, as
    /// `entity "x"`, or nil.
    func firstMissingReference(of record: Record) throws -> String? {
        switch record {
        case .entity: return nil
        case .source(let source):
            for cited in source.cites where try self.source(id: cited) == nil { return "source \"\(cited)\"" }
        case .claim(let claim):
            for end in [claim.subject, claim.object] where try entity(id: end) == nil { return "entity \"\(end)\"" }
            for citation in claim.citations {
                for id in [citation.source, citation.via].compactMap({ $0 }) where try source(id: id) == nil {
                    return "source \"\(id)\""
                }
            }
        }
        return nil
    }

    private func optional(_ text: String?) -> Statement.Value { text.map(Statement.Value.text) ?? .null }
}
