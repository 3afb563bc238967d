/// Writing whole records, one at a time, outside an import: what `undo`, `add` and the other
/// editing commands are made of. Each runs in the caller's write transaction (see
/// ``GraphStore/changing(_:_:)``); foreign keys are checked at its commit.
extension GraphStore {
    /// The record of `kind` with `id` as the store holds it, or nil.
    public func record(_ kind: Record.Kind, id: String) throws -> Record? {
        switch kind {
        case .entity: return try entity(id: id).map(Record.entity)
        case .source: return try source(id: id).map(Record.source)
        case .claim:
            if let claim = try plainClaim(id: id) { return .claim(claim) }
            return try retractedClaim(id: id).map(Record.claim)
        }
    }

    /// The claim of `id` as ``record(_:id:)`` gives it, but a standing one without its
    /// citations: what it states, read by one index lookup however many citations it has (a
    /// sheet's rows that name a claim each check what it states). Nil when there is none.
    public func claimStatement(id: String) throws -> Claim? {
        if let claim = try plainClaim(id: id, withCitations: false) { return claim }
        return try retractedClaim(id: id)
    }

    /// A retracted claim, whole, or nil.
    func retractedClaim(id: String) throws -> Claim? {
        guard let line = try database.cached("SELECT record FROM retracted_claim WHERE id = ?1").scalarText([.text(id)])
        else { return nil }
        return try retractedClaim(id: id, line: line)
    }

    /// The retracted claim `id` from its stored record line, or nil when the line holds another kind of record.
    func retractedClaim(id: String, line: String) throws -> Claim? {
        // Written by Isnad as a record line; anything else was written by another program.
        do {
            guard case .claim(let claim) = try RecordDecoder(vocabulary: vocabulary).decode(keptLine: line, kind: .claim, id: id)
            else { return nil }
            return claim
        } catch {
            throw StoreError.invalidValue(
                path: database.path, record: "retracted claim \"\(Text.printable(id))\"", field: "record",
                problem: "stored value is \(error)")
        }
    }

    /// A standing claim whose predicate does not take its ends' types.
    public struct VocabularyMisfit: Sendable, CustomStringConvertible {
        public let claim: String
        public let field: String
        public let message: String
        /// The end whose type does not fit (nil when the predicate itself is unknown).
        public let entity: String?
        public var description: String { "\(field): \(message)" }
    }

    /// The first standing claim among `claims` (by id) and those that name one of `entities`,
    /// whose predicate does not take its ends' types: the stored ones, or those `assumed` for a
    /// change about to be written. For `set` and `edit` before they write a type, for `undo` and
    /// `restore` after they put records back. A retracted claim is out of the evidence and may
    /// keep ends whose types changed since (the type may be why it was retracted): `restore`
    /// checks it when it comes back.
    public func firstClaimOutsideVocabulary(
        claims: [String] = [], namingEntities entities: [String] = [], assuming assumed: [String: EntityType] = [:]
    ) throws -> VocabularyMisfit? {
        var checked: Set<String> = []
        func misfit(
            _ id: String, _ subject: String, _ predicate: String, _ object: String, types: (EntityType?, EntityType?)
        ) -> VocabularyMisfit? {
            guard checked.insert(id).inserted else { return nil }
            let problem = vocabulary.problem(
                predicate: predicate, subjectType: assumed[subject] ?? types.0, objectType: assumed[object] ?? types.1)
            return problem.map {
                VocabularyMisfit(
                    claim: id, field: $0.field, message: $0.message,
                    entity: $0.field == "subject" ? subject : $0.field == "object" ? object : nil)
            }
        }
        for id in claims {
            guard let claim = try plainClaim(id: id, withCitations: false) else { continue }
            let types = try entityTypes([claim.subject, claim.object])
            if let found = misfit(
                claim.id, claim.subject, claim.predicate, claim.object, types: (types[claim.subject], types[claim.object]))
            {
                return found
            }
        }
        for entity in entities {
            // Streamed, the ends' types read with each claim and nothing else: a hub's claims are
            // many, and only three words of each are looked at. By id, so that the claim named is
            // the same on both engines.
            for side in ["subject", "object"] {
                var found: VocabularyMisfit?
                struct Found: Error {}
                do {
                    try database.cached(
                        """
                        SELECT c.id, c.subject, c.predicate, c.object, s.type, o.type
                        FROM claim AS c JOIN entity AS s ON s.id = c.subject JOIN entity AS o ON o.id = c.object
                        WHERE c.\(side) = ?1 ORDER BY c.id
                        """
                    ).forEachRow([.text(entity)]) { row in
                        found = misfit(
                            row.string(0), row.string(1), row.string(2), row.string(3),
                            types: (EntityType(rawValue: row.string(4)), EntityType(rawValue: row.string(5))))
                        if found != nil { throw Found() }
                    }
                } catch is Found {}
                if let found { return found }
            }
        }
        return nil
    }

    /// A claim and its citations, in citation order, without grading them. A stored value Isnad
    /// never writes (a stance, a credibility, a date) is an error, as where claims are read: a
    /// change written from it would store a default in its place, and its history the default.
    func plainClaim(id: String, withCitations: Bool = true) throws -> Claim? {
        let select = try database.cached(
            "SELECT subject, predicate, object, start_date, end_date, notes FROM claim WHERE id = ?1")
        guard var claim = try select.firstRow([.text(id)], { try plainClaim(id: id, from: $0, at: 0) }) else { return nil }
        guard withCitations else { return claim }
        // Its citations that stand and those retracted, in the order they were given.
        let citations = try database.cached(
            """
            SELECT source, via, quote, quote_en, stance, credibility, locator, NULL, position FROM citation WHERE claim = ?1
            UNION ALL
            SELECT source, via, quote, quote_en, stance, credibility, locator, reason, position FROM retracted_citation
            WHERE claim = ?1
            ORDER BY 9
            """)
        // At once: the claim holds them all anyway, and a cursor costs PostgreSQL two round trips more.
        try citations.forEachRow([.text(id)], atOnce: true) { row in
            claim.citations.append(
                try plainCitation(number: claim.citations.count + 1, ofClaim: id, from: row, at: 0))
        }
        return claim
    }

    /// The claim `id` without its citations, from columns subject, predicate, object, start_date,
    /// end_date and notes, from `first` on.
    func plainClaim(id: String, from row: Statement, at first: Int32) throws -> Claim {
        let record = "claim \"\(Text.printable(id))\""
        return Claim(
            id: id, subject: row.string(first), predicate: row.string(first + 1), object: row.string(first + 2),
            start: try StoredValue.date(row, first + 3, path: path, record: record, field: "start"),
            end: try StoredValue.date(row, first + 4, path: path, record: record, field: "end"), citations: [],
            notes: row.text(first + 5))
    }

    /// Citation `number` (from 1) of claim `id`, from columns source, via, quote, quote_en,
    /// stance, credibility, locator and reason (NULL when it stands), from `first` on.
    func plainCitation(number: Int, ofClaim id: String, from row: Statement, at first: Int32) throws -> Citation {
        let cited = "citation \(number) of claim \"\(Text.printable(id))\""
        return Citation(
            source: row.string(first), via: row.text(first + 1), quote: row.string(first + 2),
            quoteEnglish: row.text(first + 3),
            stance: try StoredValue.vocabulary(row.string(first + 4), path: path, record: cited, field: "stance"),
            credibility: try StoredValue.credibility(row, first + 5, path: path, record: cited),
            locator: row.text(first + 6), retraction: row.text(first + 7))
    }

    /// Writes an entity's ``nameRows(of:searchKeys:)``.
    func insertNames(of entity: Entity, searchKeys: [String]) throws {
        let insertName = try database.cached(
            "INSERT INTO entity_name (entity, position, name, lang, search_key, consonant_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        for (position, row) in GraphStore.nameRows(of: entity, searchKeys: searchKeys).enumerated() {
            // The position bound as the number it is (PostgreSQL takes no text for an integer).
            var values: [Statement.Value] = row.map { $0.map { .text($0) } ?? .null }
            values[1] = .integer(Int64(position))
            try insertName.run(values)
        }
    }

    /// The `entity_name` rows of an entity (entity, position, name, lang, search_key,
    /// consonant_key): its name and aliases in their order, each with its search key
    /// (`searchKeys`: ``NameKey/searchKeys(of:)``) and the consonant key made from it.
    static func nameRows(of entity: Entity, searchKeys: [String]) -> [[String?]] {
        let names = [(entity.name, nil)] + entity.aliases.map { ($0.name, Optional($0.lang)) }
        return names.enumerated().map { position, name in
            [
                entity.id, String(position), name.0, name.1, searchKeys[position],
                NameKey.consonants(ofFolded: searchKeys[position]),
            ]
        }
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
            try insertNames(of: entity, searchKeys: NameKey.searchKeys(of: entity))
            try writeMerged(entity)
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
            // Before SQLite's constraint, in words: one citation may stand beside its retracted twin, no more.
            if let repeated = CitationRepeats.first(in: claim.citations) {
                throw EditError.repeatedCitation(
                    claim: claim.id, index: repeated.index, earlier: repeated.earlier,
                    isRetracted: claim.citations[repeated.index].retraction != nil)
            }
            try database.cached("DELETE FROM retracted_claim WHERE id = ?1").run([.text(claim.id)])
            try database.cached("DELETE FROM retracted_citation WHERE claim = ?1").run([.text(claim.id)])
            if let reason = claim.retraction {
                // Out of the claim and citation tables, whole, so that no query sees it. The
                // citations by name: an import writes with SQLite's foreign keys off, where no
                // cascade runs.
                try database.cached("DELETE FROM citation WHERE claim = ?1").run([.text(claim.id)])
                try database.cached("DELETE FROM claim WHERE id = ?1").run([.text(claim.id)])
                var writer = RecordWriter()
                var line = writer.encode(.claim(claim))
                if line.last == 0x0A { line.removeLast() }
                try database.cached("INSERT INTO retracted_claim (id, reason, record) VALUES (?1, ?2, ?3)").run([
                    .text(claim.id), .text(reason), .text(String(decoding: line, as: UTF8.self)),
                ])
                break
            }
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
            let insertRetracted = try database.cached(
                """
                INSERT INTO retracted_citation (claim, position, source, via, quote, quote_en, stance, credibility, locator, reason)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                """)
            for (index, citation) in claim.citations.enumerated() {
                let details: [Statement.Value] = [
                    .text(citation.source), optional(citation.via), .text(citation.quote), optional(citation.quoteEnglish),
                    .text(citation.stance.rawValue), .integer(Int64(citation.credibility.rawValue)), optional(citation.locator),
                ]
                if let reason = citation.retraction {
                    try insertRetracted.run([.text(claim.id), .integer(Int64(index))] + details + [.text(reason)])
                } else {
                    try insert.run([.text(claim.id), .integer(Int64(index)), .integer(citation.key)] + details)
                }
            }
        }
        rowMemo.forget()
    }

    /// Writes the ids merged into an entity, in place of those it had.
    func writeMerged(_ entity: Entity) throws {
        try database.cached("DELETE FROM entity_merged WHERE entity = ?1").run([.text(entity.id)])
        let insert = try database.cached("INSERT INTO entity_merged (merged, entity, position) VALUES (?1, ?2, ?3)")
        for (index, id) in entity.merged.enumerated() {
            try insert.run([.text(id), .text(entity.id), .integer(Int64(index))])
        }
    }

    /// Deletes a record (an entity's names, a source's cites and a claim's citations with it).
    /// What belongs to it is deleted by name, not left to the foreign keys' cascade, which does
    /// not run while an import writes with them off.
    func remove(_ kind: Record.Kind, id: String) throws {
        let dependents: [String]
        switch kind {
        case .entity: dependents = ["DELETE FROM entity_name WHERE entity = ?1", "DELETE FROM entity_merged WHERE entity = ?1"]
        case .source: dependents = ["DELETE FROM source_cites WHERE source = ?1"]
        case .claim:
            dependents = [
                "DELETE FROM citation WHERE claim = ?1", "DELETE FROM retracted_citation WHERE claim = ?1",
                "DELETE FROM retracted_claim WHERE id = ?1",
            ]
        }
        for statement in dependents { try database.cached(statement).run([.text(id)]) }
        let table = kind == .entity ? "entity" : kind == .source ? "source" : "claim"
        try database.prepare("DELETE FROM \(table) WHERE id = ?1").run([.text(id)])
        rowMemo.forget()
    }

    /// Deletes the records of `kind` with these ids, as ``remove(_:id:)`` deletes one, with one
    /// statement a table for each ``batchSize`` ids.
    func remove(_ kind: Record.Kind, ids: [String]) throws {
        let list = GraphStore.inList(database, of: .text)
        let statements: [String]
        switch kind {
        case .entity:
            statements = [
                "DELETE FROM entity_name WHERE entity \(list)", "DELETE FROM entity_merged WHERE entity \(list)",
                "DELETE FROM entity WHERE id \(list)",
            ]
        case .source: statements = ["DELETE FROM source_cites WHERE source \(list)", "DELETE FROM source WHERE id \(list)"]
        case .claim:
            statements = [
                "DELETE FROM citation WHERE claim \(list)", "DELETE FROM retracted_citation WHERE claim \(list)",
                "DELETE FROM retracted_claim WHERE id \(list)", "DELETE FROM claim WHERE id \(list)",
            ]
        }
        var start = 0
        while start < ids.count {
            let batch = GraphStore.jsonArray(ids[start..<min(start + GraphStore.batchSize, ids.count)])
            start += GraphStore.batchSize
            for statement in statements { try database.cached(statement).run([batch]) }
        }
        rowMemo.forget()
    }

    /// A record that refers to another; said as `claim "x"`.
    public struct RecordReference: Sendable, CustomStringConvertible {
        public let kind: Record.Kind
        public let id: String
        public var description: String { "\(kind.rawValue) \"\(id)\"" }
    }

    /// The first record that refers to the entity or source `id` (a claim, a citation, a
    /// source that cites it), or nil when nothing does.
    public func firstReference(to kind: Record.Kind, id: String) throws -> RecordReference? {
        switch kind {
        case .entity:
            let claim = try database.cached(
                """
                SELECT id FROM claim WHERE subject = ?1 OR object = ?1
                UNION ALL
                SELECT id FROM retracted_claim
                WHERE \(database.jsonMember("record", "subject")) = ?1 OR \(database.jsonMember("record", "object")) = ?1
                ORDER BY 1 LIMIT 1
                """
            ).scalarText([.text(id)])
            return claim.map { RecordReference(kind: .claim, id: $0) }
        case .source:
            if let claim = try database.cached(claimsNamingSource + " ORDER BY 1 LIMIT 1").scalarText([.text(id)]) {
                return RecordReference(kind: .claim, id: claim)
            }
            let citing = try database.cached("SELECT source FROM source_cites WHERE cited = ?1 ORDER BY source LIMIT 1")
                .scalarText([.text(id)])
            return citing.map { RecordReference(kind: .source, id: $0) }
        case .claim:
            return nil
        }
    }

    /// The ids of every claim with a citation whose source or `via` is `source`, retracted
    /// claims and citations included, in id order.
    func claimIDs(naming source: String) throws -> [String] {
        var ids: [String] = []
        try database.prepare(claimsNamingSource + " ORDER BY 1").forEachRow([.text(source)]) { ids.append($0.string(0)) }
        return ids
    }

    /// The ids of the claims with a citation whose source or `via` is `?1`, retracted claims
    /// and citations included (unordered).
    private var claimsNamingSource: String {
        """
        SELECT claim FROM citation WHERE source = ?1 OR via = ?1
        UNION
        SELECT claim FROM retracted_citation WHERE source = ?1 OR via = ?1
        UNION
        SELECT r.id FROM retracted_claim AS r, \(database.dialect(
            "json_each(CASE WHEN json_valid(r.record) THEN r.record ELSE '{}' END, '$.citations') AS c WHERE c.value ->> '$.source' = ?1 OR c.value ->> '$.via' = ?1",
            postgreSQL:
                "jsonb_array_elements(r.record::jsonb -> 'citations') AS c WHERE c ->> 'source' = ?1 OR c ->> 'via' = ?1"))
        """
    }

    /// The first entity or source that `record` names and the store does not hold, as
    /// `entity "x"`, or nil.
    public func firstMissingReference(of record: Record) throws -> String? {
        switch record {
        case .entity: return nil
        case .source(let source):
            for cited in source.cites where try self.source(id: cited, withText: false) == nil { return "source \"\(cited)\"" }
        case .claim(let claim):
            for end in [claim.subject, claim.object] where try entity(id: end) == nil { return "entity \"\(end)\"" }
            for citation in claim.citations {
                for id in [citation.source, citation.via].compactMap({ $0 }) where try source(id: id, withText: false) == nil {
                    return "source \"\(id)\""
                }
            }
        }
        return nil
    }

    private func optional(_ text: String?) -> Statement.Value { text.map(Statement.Value.text) ?? .null }
}

extension GraphStore {
    /// Every id of a kind in the store (retracted claims included), for "did you mean".
    public func forEachID(of kind: Record.Kind, _ body: (String) throws -> Void) throws {
        let sql =
            switch kind {
            case .entity: "SELECT id FROM entity"
            case .source: "SELECT id FROM source"
            case .claim: "SELECT id FROM claim UNION ALL SELECT id FROM retracted_claim"
            }
        try database.prepare(sql).forEachRow { try body($0.string(0)) }
    }

    /// The nearest id of `kind` to `id`, for "did you mean", or nil.
    public func nearestID(to id: String, of kind: Record.Kind) throws -> String? {
        var ids: [String] = []
        try forEachID(of: kind) { ids.append($0) }
        return Suggestion.nearest(to: id, among: ids)
    }
}

extension GraphStore {
    /// Every claim in id order, retracted ones and retracted citations included (marked), read
    /// one by one: for `export jsonl --include-retracted`.
    ///
    /// With `streamingWhenNothingIsRetracted` and nothing retracted, the claims come as every
    /// export streams them: on PostgreSQL, a statement for the whole store instead of two round
    /// trips a claim. (`isnad check` reads each as stored instead: the stream refuses a value
    /// that the check must report and go past.)
    public func forEachClaimIncludingRetracted(
        streamingWhenNothingIsRetracted: Bool = true, _ body: (Claim) throws -> Void
    ) throws {
        let isStreamed =
            try streamingWhenNothingIsRetracted
            && database.prepare(
                "SELECT EXISTS (SELECT 1 FROM retracted_claim) OR EXISTS (SELECT 1 FROM retracted_citation)"
            ).scalarInteger() == 0
        if isStreamed {
            try forEachClaim(withEntityTypes: false) { try body($0.claim) }
            return
        }
        let ids = try database.prepare("SELECT id FROM claim UNION ALL SELECT id FROM retracted_claim ORDER BY 1")
        try ids.forEachRow { row in
            if case .claim(let claim)? = try record(.claim, id: row.string(0)) { try body(claim) }
        }
    }

    /// What is retracted about an entity's claims: its retracted claims, and the retracted
    /// citations of its claims that stand, in claim id order.
    public func retractions(of entityID: String) throws -> [Claim] {
        var claims: [Claim] = []
        // CROSS JOIN keeps the retracted citations outermost: else SQLite reads every claim of
        // the entity (94,000 rows for a hub of a million-claim store, a second) to find a few.
        // PostgreSQL has no CROSS JOIN … ON, and its planner chooses the order itself.
        let select = try database.prepare(
            """
            SELECT id FROM retracted_claim
            WHERE \(database.jsonMember("record", "subject")) = ?1 OR \(database.jsonMember("record", "object")) = ?1
                OR \(database.jsonIsInvalid("record"))
            UNION
            SELECT r.claim FROM retracted_citation AS r \(database.isPostgreSQL ? "JOIN" : "CROSS JOIN") claim AS c ON c.id = r.claim
            WHERE c.subject = ?1 OR c.object = ?1
            ORDER BY 1
            """)
        try select.forEachRow([.text(entityID)]) { row in
            if case .claim(let claim)? = try record(.claim, id: row.string(0)) { claims.append(claim) }
        }
        return claims
    }
}

extension GraphStore {
    /// Every retracted claim in id order — only those whose two ends are in `table` (one column,
    /// `id`), when given — graded as if it stood (its sources as they are now; citations retracted
    /// one by one left out, unless all were): what `export dot|graphml --include-retracted` draws,
    /// marked. Read one by one, so memory stays flat.
    public func forEachRetractedClaim(among table: String? = nil, _ body: (GradedClaim) throws -> Void) throws {
        try rowMemo.validate(database)
        let ids = try database.prepare(
            table.map {
                """
                SELECT r.id FROM retracted_claim AS r
                WHERE EXISTS (SELECT 1 FROM \($0) WHERE id = \(database.jsonMember("r.record", "subject")))
                  AND EXISTS (SELECT 1 FROM \($0) WHERE id = \(database.jsonMember("r.record", "object")))
                   OR \(database.jsonIsInvalid("r.record"))
                ORDER BY r.id
                """
            } ?? "SELECT id FROM retracted_claim ORDER BY id")
        try ids.forEachRow { row in
            guard case .claim(let claim)? = try record(.claim, id: row.string(0)) else { return }
            let standing = claim.citations.filter { $0.retraction == nil }
            let citations = try (standing.isEmpty ? claim.citations : standing).map(graded)
            try body(
                GradedClaim(
                    claim: claim, citations: citations, subjectType: try rowMemo.entityType(claim.subject, database),
                    objectType: try rowMemo.entityType(claim.object, database)))
        }
    }
}
