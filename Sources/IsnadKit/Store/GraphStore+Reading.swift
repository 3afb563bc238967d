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
        guard var entity = try select.firstRow([.text(id)], entity(from:)) else { return nil }
        entity.aliases = try aliases(of: id)
        entity.merged = try mergedIDs(of: id)
        return entity
    }

    /// The ids merged into an entity (`isnad merge`), in order.
    func mergedIDs(of id: String) throws -> [String] {
        var ids: [String] = []
        try database.cached("SELECT merged FROM entity_merged WHERE entity = ?1 ORDER BY position").forEachRow(
            [.text(id)], atOnce: true
        ) {
            ids.append($0.string(0))
        }
        return ids
    }

    /// The entity that `id` was merged into (`isnad merge`), or nil.
    public func entityMergedInto(_ id: String) throws -> String? {
        try database.cached("SELECT entity FROM entity_merged WHERE merged = ?1").scalarText([.text(id)])
    }

    /// Of the ids merged into an entity, the nearest to `id`, for "did you mean" where only a
    /// merged id will do (`unmerge`), or nil.
    public func nearestMergedID(to id: String) throws -> String? {
        var merged: [String] = []
        try database.prepare("SELECT merged FROM entity_merged ORDER BY merged").forEachRow { merged.append($0.string(0)) }
        return Suggestion.nearest(to: id, among: merged)
    }

    /// The types of many entities at once (ids not in the store are left out).
    public func entityTypes(_ ids: some Sequence<String>) throws -> [String: EntityType] {
        try rowMemo.validate(database)
        var types: [String: EntityType] = [:]
        for id in ids where types[id] == nil {
            if let type = try rowMemo.entityType(id, database) { types[id] = type }
        }
        return types
    }

    private func aliases(of id: String) throws -> [Alias] {
        let select = try database.cached(
            "SELECT name, lang FROM entity_name WHERE entity = ?1 AND position > 0 ORDER BY position")
        var aliases: [Alias] = []
        try select.forEachRow([.text(id)], atOnce: true) { row in
            try StoredValue.requireStorableText(row, GraphStore.aliasFields, path: path, record: "entity \"\(id)\"")
            aliases.append(Alias(name: row.string(0), lang: row.string(1)))
        }
        return aliases
    }

    /// Every entity in id order, streamed (two cursors merged, so memory stays flat).
    public func forEachEntity(_ body: (Entity) throws -> Void) throws {
        try forEachEntity(in: nil, body)
    }

    /// The entities whose ids are in `table` (one column, `id`; every entity when nil), in id
    /// order, streamed: two cursors merged, so memory stays flat.
    func forEachEntity(in table: String?, _ body: (Entity) throws -> Void) throws {
        // Driven by the marked ids, when there are some: a neighbourhood is read through the indexes.
        let (entities, names) =
            table.map { ("\($0) AS m JOIN entity AS e ON e.id = m.id", "\($0) AS m JOIN entity_name AS n ON n.entity = m.id") }
            ?? ("entity AS e", "entity_name AS n")
        let entityRows = try database.prepare(
            "SELECT e.id, e.type, e.name, e.description, e.attributes FROM \(entities) ORDER BY e.id")
        let nameRows = try database.prepare(
            "SELECT n.entity, n.name, n.lang FROM \(names) WHERE n.position > 0 ORDER BY n.entity, n.position")
        var hasName = try nameRows.step()
        let hasMerged = try database.prepare("SELECT EXISTS (SELECT 1 FROM entity_merged)").scalarInteger() == 1
        while try entityRows.step() {
            var entity = try entity(from: entityRows)
            while hasName, let owner = nameRows.text(0), owner <= entity.id {
                if owner == entity.id {
                    try StoredValue.requireStorableText(
                        nameRows, GraphStore.listedAliasFields, path: path, record: "entity \"\(owner)\"")
                    entity.aliases.append(Alias(name: nameRows.string(1), lang: nameRows.string(2)))
                }
                hasName = try nameRows.step()
            }
            if hasMerged { entity.merged = try mergedIDs(of: entity.id) }
            try body(entity)
        }
    }

    private static let entityFields: [(column: Int32, name: String)] = [
        (0, "id"), (2, "name"), (3, "description"), (4, "attributes"),
    ]
    private static let aliasFields: [(column: Int32, name: String)] = [(0, "aliases.name"), (1, "aliases.lang")]
    static let listedAliasFields: [(column: Int32, name: String)] = [(1, "aliases.name"), (2, "aliases.lang")]

    /// An entity from columns id, type, name, description, attributes; a stored value Isnad
    /// never writes is an error.
    func entity(from row: Statement) throws -> Entity {
        let id = row.string(0)
        try StoredValue.requireStorableText(row, GraphStore.entityFields, path: path, record: "entity \"\(id)\"")
        return Entity(
            id: id, type: try StoredValue.vocabulary(row.string(1), path: path, record: "entity \"\(id)\"", field: "type"),
            name: row.string(2), description: row.text(3),
            attributes: try StoredValue.attributes(row.string(4), path: path, record: "entity \"\(id)\""))
    }

    // MARK: Sources

    /// The source of that id, or nil. `withText: false` leaves its stored text out (`text` is
    /// nil): a text may be a leaked archive of hundreds of megabytes, which SQLite reads only
    /// when the column is asked for, and most readers want a source's grade, title or cites.
    /// Such a source is for reading, never to be written back.
    public func source(id: String, withText: Bool = true) throws -> Source? {
        let select = try database.cached(
            "SELECT id, type, title, publisher, author, url, published, lang, reliability, \(withText ? "full_text" : "NULL") FROM source WHERE id = ?1"
        )
        guard var source = try select.firstRow([.text(id)], source(from:)) else { return nil }
        let cites = try database.cached("SELECT cited FROM source_cites WHERE source = ?1 ORDER BY position")
        try cites.forEachRow([.text(id)], atOnce: true) { source.cites.append($0.string(0)) }
        return source
    }

    /// The ids of the sources that cite (relay) this one.
    public func sourcesCiting(_ id: String) throws -> [String] {
        var ids: [String] = []
        try database.cached("SELECT source FROM source_cites WHERE cited = ?1 ORDER BY source")
            .forEachRow([.text(id)]) { ids.append($0.string(0)) }
        return ids
    }

    /// Every source in id order, streamed; without their texts when not `withText`, as
    /// ``source(id:withText:)`` reads them.
    public func forEachSource(withText: Bool = true, _ body: (Source) throws -> Void) throws {
        let sources = try database.prepare(
            "SELECT id, type, title, publisher, author, url, published, lang, reliability, \(withText ? "full_text" : "NULL") FROM source ORDER BY id"
        )
        let cites = try database.prepare("SELECT source, cited FROM source_cites ORDER BY source, position")
        var hasCite = try cites.step()
        while try sources.step() {
            var source = try source(from: sources)
            while hasCite, let owner = cites.text(0), owner <= source.id {
                if owner == source.id { source.cites.append(cites.string(1)) }
                hasCite = try cites.step()
            }
            try body(source)
        }
    }

    /// Every source's id, reliability and the sources it cites, in id order: what a chain of
    /// transmission needs, without reading the rest of each source (titles, full texts). A
    /// reliability Isnad never writes is an error, as in ``forEachSource(withText:_:)``.
    func forEachSourceGrade(_ body: (_ id: String, _ reliability: Reliability, _ cites: [String]) throws -> Void) throws {
        let sources = try database.prepare("SELECT id, reliability FROM source ORDER BY id")
        let cites = try database.prepare("SELECT source, cited FROM source_cites ORDER BY source, position")
        var hasCite = try cites.step()
        while try sources.step() {
            let id = sources.string(0)
            let record = "source \"\(id)\""
            try StoredValue.requireStorableText(sources, [(0, "id")], path: path, record: record)
            let reliability: Reliability = try StoredValue.vocabulary(
                sources.string(1), path: path, record: record, field: "reliability")
            var cited: [String] = []
            while hasCite, let owner = cites.text(0), owner <= id {
                if owner == id { cited.append(cites.string(1)) }
                hasCite = try cites.step()
            }
            try body(id, reliability, cited)
        }
    }

    /// A query of sources' grades by id with what each cites: `columns` of `source AS s`, then
    /// `c.cited` (NULL for a source that cites none), a row per source cited, by source and in
    /// order, for the sources that `condition` (on `s.id`) takes.
    ///
    /// On SQLite the sources are read through the index of ids and grades (schema version 9),
    /// which holds what a grade needs (reliability and date). Left to itself SQLite takes the
    /// primary key's index, which is unique, and then reads the row from the table, title and text
    /// and all: twice the pages (a survey at a million claims reads 670 sources). The rows are
    /// ordered as that index holds them (its columns, then the row), which SQLite then reads in
    /// order; by `s.id` alone, an index it does not know to be unique by id, it sorted them.
    /// PostgreSQL plans an index-only scan on its own.
    static func sourceGradeQuery(_ database: Database, columns: String, condition: String) -> String {
        let index = database.indexed(by: "source_grade")
        let order = index.isEmpty ? "s.id" : "s.id, s.reliability, s.published, s.rowid"
        return """
            SELECT \(columns), c.cited FROM source AS s\(index) LEFT JOIN source_cites AS c ON c.source = s.id
            WHERE s.id \(condition) ORDER BY \(order), c.position
            """
    }

    /// One source's reliability and the sources it cites (in order), or nil when the store does
    /// not hold it: what ``forEachSourceGrade(_:)`` gives for every source, for one.
    func sourceGrade(id: String) throws -> (reliability: Reliability, cites: [String])? {
        // One statement, not two: a query reads hundreds of sources this way.
        let select = try database.cached(GraphStore.sourceGradeQuery(database, columns: "s.reliability", condition: "= ?1"))
        var text: String?
        var cited: [String] = []
        try select.forEachRow([.text(id)], atOnce: true) { row in
            text = row.string(0)
            if let source = row.text(1) { cited.append(source) }
        }
        guard let text else { return nil }
        let reliability: Reliability = try StoredValue.vocabulary(
            text, path: path, record: "source \"\(id)\"", field: "reliability")
        return (reliability, cited)
    }

    /// ``sourceGrade(id:)`` for many sources at once, in one statement per ``batchSize`` ids:
    /// the sources the store holds, by id.
    func sourceGrades(ids: some Collection<String>) throws -> [String: (reliability: Reliability, cites: [String])] {
        let select = try database.cached(
            GraphStore.sourceGradeQuery(
                database, columns: "s.id, s.reliability", condition: GraphStore.inList(database, of: .text)))
        var grades: [String: (reliability: Reliability, cites: [String])] = [:]
        // Claims just read have put their sources in the memo, with what they cite.
        try rowMemo.validate(database)
        let ids = ids.filter { id in
            switch rowMemo.knownSource(id) {
            case .some(.some(let known)):
                guard let cites = known.cites else { return true }
                grades[id] = (known.reliability, cites)
                return false
            case .some(.none): return false
            case .none: return true
            }
        }
        var start = 0
        while start < ids.count {
            let batch = ids[start..<min(start + GraphStore.batchSize, ids.count)]
            start = batch.endIndex
            var current: (id: String, reliability: Reliability, cites: [String])?
            try select.forEachRow([GraphStore.jsonArray(batch)], atOnce: true) { row in
                let id = row.string(0)
                if current?.id != id {
                    if let done = current { grades[done.id] = (done.reliability, done.cites) }
                    current = (
                        id,
                        try StoredValue.vocabulary(row.string(1), path: path, record: "source \"\(id)\"", field: "reliability"),
                        []
                    )
                }
                if let cited = row.text(2) { current?.cites.append(cited) }
            }
            if let done = current { grades[done.id] = (done.reliability, done.cites) }
        }
        return grades
    }

    private static let sourceFields: [(column: Int32, name: String)] = [
        (0, "id"), (2, "title"), (3, "publisher"), (4, "author"), (5, "url"), (7, "lang"), (9, "text"),
    ]

    /// A source from columns id, type, title, publisher, author, url, published, lang,
    /// reliability, full_text; a stored value Isnad never writes is an error.
    func source(from row: Statement) throws -> Source {
        let id = row.string(0)
        try StoredValue.requireStorableText(row, GraphStore.sourceFields, path: path, record: "source \"\(id)\"")
        return Source(
            id: id, type: try StoredValue.vocabulary(row.string(1), path: path, record: "source \"\(id)\"", field: "type"),
            title: row.string(2), publisher: row.text(3), author: row.text(4), url: row.text(5),
            published: try StoredValue.date(row, 6, path: path, record: "source \"\(id)\"", field: "published"),
            lang: row.text(7),
            reliability: try StoredValue.vocabulary(row.string(8), path: path, record: "source \"\(id)\"", field: "reliability"),
            text: row.text(9))
    }

    // MARK: Claims

    /// One claim seen from one of its ends, without its citations.
    public struct Link: Sendable {
        public let other: String
        public let predicate: String
        public let start: PartialDate?
        public let end: PartialDate?
        /// Whether the entity asked about is the claim's subject.
        public let isSubject: Bool
        /// The claim's row in its table, to read it whole later (``forEachClaim(rows:_:)``): valid while
        /// the store is read in one transaction.
        public let row: Int64
    }

    /// The claims an entity takes part in, as links to the other end: two index range scans,
    /// no citations read. Without dates the scans read the subject and object indexes alone
    /// (they hold both ends and the predicate), never the claim rows. The claims where the
    /// entity is the subject come first, in the order of their objects' ids; then those where it
    /// is the object, in the order of their subjects' ids.
    public func forEachLink(of entity: String, withDates: Bool = true, _ body: (Link) throws -> Void) throws {
        for (sql, isSubject) in linkSelects(withDates: withDates) {
            try database.cached(sql).forEachRow([.text(entity)]) { row in
                let record = { "claim at row \(row.int64(2)) of entity \"\(entity)\"" }
                try body(
                    Link(
                        other: row.string(0), predicate: row.string(1),
                        start: withDates ? try StoredValue.date(row, 3, path: path, record: record(), field: "start") : nil,
                        end: withDates ? try StoredValue.date(row, 4, path: path, record: record(), field: "end") : nil,
                        isSubject: isSubject, row: row.int64(2)))
            }
        }
    }

    /// The two statements a walk reads an entity's links with: where it is the subject, then where
    /// it is the object, each in the order of the other end (columns: other end, predicate, rowid,
    /// then the dates when asked).
    private func linkSelects(withDates: Bool) -> [(sql: String, isSubject: Bool)] {
        let dates = withDates ? ", start_date, end_date" : ""
        // SQLite reads the index in (object, predicate, rowid) order; PostgreSQL is told so.
        let ties = database.isPostgreSQL ? ", predicate, rowid" : ""
        return [
            ("SELECT object, predicate, rowid\(dates) FROM claim WHERE subject = ?1 ORDER BY object\(ties)", true),
            ("SELECT subject, predicate, rowid\(dates) FROM claim WHERE object = ?1 ORDER BY subject\(ties)", false),
        ]
    }

    /// One claim seen from one of its ends, as ``Link`` without dates, its text as the store's
    /// bytes: valid only within the call it is given to.
    struct LinkView {
        let other: UnsafeBufferPointer<UInt8>
        let predicate: UnsafeBufferPointer<UInt8>
        let isSubject: Bool
        let row: Int64
    }

    /// ``forEachLink(of:withDates:_:)`` without dates, making no string: the same statements, in the
    /// same order. For walks that meet thousands of links and keep a few of their ends.
    ///
    /// - Parameter subjectSideLimit: the links where the entity is the subject come this many
    ///   first, then those where it is the object, then the rest of the first: a walk on a budget
    ///   (which ends by throwing from `body`) sees both roles of a hub, and one that is not cut
    ///   short sees every link, as without a limit.
    func forEachLinkView(of entity: String, subjectSideLimit: Int? = nil, _ body: (LinkView) throws -> Void) throws {
        struct SideCut: Error {}
        let selects = linkSelects(withDates: false)
        var taken = 0
        var isCut = false
        for (sql, isSubject) in selects {
            do {
                try database.cached(sql).forEachRow([.text(entity)]) { row in
                    if isSubject {
                        if let subjectSideLimit, taken >= subjectSideLimit { throw SideCut() }
                        taken += 1
                    }
                    try body(LinkView(other: row.bytes(0), predicate: row.bytes(1), isSubject: isSubject, row: row.int64(2)))
                }
            } catch is SideCut {
                isCut = true
            }
        }
        guard isCut, let (sql, isSubject) = selects.first else { return }
        // The rest of the subject side: the rows taken before are stepped over in SQLite.
        var skipped = 0
        try database.cached(sql).forEachRow([.text(entity)]) { row in
            guard skipped >= taken else {
                skipped += 1
                return
            }
            try body(LinkView(other: row.bytes(0), predicate: row.bytes(1), isSubject: isSubject, row: row.int64(2)))
        }
    }

    /// The claims at rows found by ``forEachLink(of:withDates:_:)``, in the order given, with
    /// their graded citations. Read in batches of ``batchSize`` rows, one statement each, and the
    /// types of their ends and the grades of their sources not yet in the memo in one statement
    /// each per batch: a row at a time, the lookups of a claim cost more than the claim. The types
    /// are read only when asked (`withEntityTypes`), as for ``forEachClaim(withEntityTypes:_:)``.
    public func forEachClaim(rows: [Int64], withEntityTypes: Bool = true, _ body: (GradedClaim) throws -> Void) throws {
        try rowMemo.validate(database)
        let select = try database.cached(
            "\(GraphStore.claimColumns), c.rowid FROM claim AS c \(GraphStore.claimJoins) WHERE c.rowid "
                + "\(GraphStore.inList(database, of: .integer)) ORDER BY c.rowid, ci.position")
        var start = 0
        while start < rows.count {
            let batch = rows[start..<min(start + GraphStore.batchSize, rows.count)]
            start = batch.endIndex
            var read: [(claim: Claim, citations: [Citation])] = []
            var positionOfRow: [Int64: Int] = [:]
            var lastRow: Int64?
            try select.forEachRow([GraphStore.jsonArray(batch)], atOnce: true) { row in
                let rowID = row.int64(14)
                if rowID != lastRow {
                    lastRow = rowID
                    positionOfRow[rowID] = read.count
                    read.append((try claim(from: row), []))
                }
                if !row.isNull(7) {
                    read[read.count - 1].citations.append(
                        try citation(from: row, at: 7, number: read[read.count - 1].citations.count + 1))
                }
            }
            var entities: [String] = []
            var sources: [String] = []
            for (claim, citations) in read {
                if withEntityTypes {
                    entities.append(claim.subject)
                    entities.append(claim.object)
                }
                for citation in citations {
                    sources.append(citation.source)
                    if let via = citation.via { sources.append(via) }
                }
            }
            try rowMemo.prefetch(entities: entities, sources: sources, database)
            for row in batch {
                guard let position = positionOfRow[row] else { continue }
                let (claim, citations) = read[position]
                try body(
                    GradedClaim(
                        claim: claim, citations: try citations.map(graded),
                        subjectType: withEntityTypes ? try rowMemo.entityType(claim.subject, database) : nil,
                        objectType: withEntityTypes ? try rowMemo.entityType(claim.object, database) : nil))
            }
        }
    }

    /// How many rows or ids a statement given a list (``inList(_:of:)``) reads at most.
    static let batchSize = 500

    /// `IN` a list of values bound to `?1` (or `?parameter`) as a JSON array (``jsonArray(_:)``):
    /// a list of any length in one statement, prepared once.
    static func inList(_ database: Database, of type: ListedType, parameter: Int = 1) -> String {
        switch type {
        case .text:
            database.dialect(
                "IN (SELECT value FROM json_each(?\(parameter)))",
                postgreSQL: "IN (SELECT json_array_elements_text(?\(parameter)::json))")
        case .integer:
            database.dialect(
                "IN (SELECT value FROM json_each(?\(parameter)))",
                postgreSQL: "IN (SELECT json_array_elements_text(?\(parameter)::json)::bigint)")
        }
    }

    /// What an ``inList(_:of:)`` holds.
    enum ListedType { case text, integer }

    /// The ids as a JSON array, for ``inList(_:of:)``.
    static func jsonArray(_ ids: some Sequence<String>) -> Statement.Value {
        var writer = JSONWriter()
        writer.beginArray()
        for id in ids { writer.string(id) }
        writer.endArray()
        return .text(String(decoding: writer.bytes, as: UTF8.self))
    }

    /// The rows as a JSON array, for ``inList(_:of:)``.
    static func jsonArray(_ rows: some Sequence<Int64>) -> Statement.Value {
        .text("[" + rows.map { String($0) }.joined(separator: ",") + "]")
    }

    /// The largest row a claim has (0 when there is none): rows found by
    /// ``forEachLink(of:withDates:_:)`` are at most this.
    public func largestClaimRow() throws -> Int64 {
        try database.cached("SELECT max(rowid) FROM claim").scalarInteger() ?? 0
    }

    /// The id of the claim at a row found by ``forEachLink(of:withDates:_:)``; nil when no claim is
    /// there.
    public func claimID(row: Int64) throws -> String? {
        try database.cached("SELECT id FROM claim WHERE rowid = ?1").scalarText([.integer(row)])
    }

    /// Calls `body` with each of these rows that holds a claim, and the claim's id, in the rows'
    /// order. On PostgreSQL a batch a statement, one round trip for hundreds of claims instead of
    /// one each; SQLite looks each row up faster than it reads a batch's JSON array (a hub's two
    /// hops as JSON at 20k claims: 0.50 s by row, 0.72 s by batch). Memory holds a batch at most.
    public func forEachClaimID(rows: some Sequence<Int64>, _ body: (_ row: Int64, _ id: String) throws -> Void) throws {
        guard database.isPostgreSQL else {
            for row in rows { if let id = try claimID(row: row) { try body(row, id) } }
            return
        }
        let select = try database.cached(
            "SELECT rowid, id FROM claim WHERE rowid \(GraphStore.inList(database, of: .integer))")
        var batch: [Int64] = []
        batch.reserveCapacity(GraphStore.batchSize)
        func flush() throws {
            guard !batch.isEmpty else { return }
            var ids: [Int64: String] = [:]
            try select.forEachRow([GraphStore.jsonArray(batch)], atOnce: true) { ids[$0.int64(0)] = $0.string(1) }
            for row in batch { if let id = ids[row] { try body(row, id) } }
            batch.removeAll(keepingCapacity: true)
        }
        for row in rows {
            batch.append(row)
            if batch.count == GraphStore.batchSize { try flush() }
        }
        try flush()
    }

    /// Claim columns 0–6, then citation columns 7–13 (NULL when a claim has none). The types of
    /// the claim's ends and the grades of its sources come from ``RowMemo``, not from joins:
    /// the same few entities and sources recur in claim after claim.
    static let claimSelect = "\(claimColumns) FROM claim AS c \(claimJoins)"

    /// The columns of ``claimSelect``, for queries that reach `claim AS c` another way.
    static let claimColumns = """
        SELECT c.id, c.subject, c.predicate, c.object, c.start_date, c.end_date, c.notes,
               ci.source, ci.via, ci.quote, ci.quote_en, ci.stance, ci.credibility, ci.locator
        """

    /// What ``claimSelect`` joins to `claim AS c`: its citations.
    static let claimJoins = """
        LEFT JOIN citation AS ci ON ci.claim = c.id
        """

    public func claim(id: String) throws -> GradedClaim? {
        try readClaims(try database.cached("\(GraphStore.claimSelect) WHERE c.id = ?1 ORDER BY ci.position"), [.text(id)]).first
    }

    /// The claims an entity takes part in (as subject, object or either), ordered by predicate,
    /// then the other entity, then date (undated first). One indexed query per side.
    public func claims(of entityID: String, direction: Direction = .both) throws -> [GradedClaim] {
        var result: [GradedClaim] = []
        try forEachClaimByPredicate(of: entityID, direction: direction) { result.append($0) }
        return result
    }

    /// The claims of ``claims(of:direction:)``, in its order, streamed: memory holds one claim at a
    /// time and the rows in order (8 bytes a claim), however many claims the entity has. Only
    /// the sort keys are sorted (SQLite's sorter would hold every citation's quote otherwise);
    /// the claims are then read by row.
    public func forEachClaimByPredicate(
        of entityID: String, direction: Direction = .both, _ body: (GradedClaim) throws -> Void
    ) throws {
        for (side, other) in [("subject", "object"), ("object", "subject")] {
            guard side == "subject" ? direction != .in : direction != .out else { continue }
            var rows: [Int64] = []
            try database.cached(
                "SELECT rowid FROM claim WHERE \(side) = ?1 ORDER BY predicate, \(other), start_date NULLS FIRST, id"
            ).forEachRow([.text(entityID)]) { rows.append($0.int64(0)) }
            // On PostgreSQL a batch of rows a statement (one round trip for hundreds of claims); SQLite
            // reads a claim by its row faster than it reads a batch's JSON array.
            if database.isPostgreSQL {
                try forEachClaim(rows: rows, body)
                continue
            }
            try rowMemo.validate(database)
            let select = try database.cached("\(GraphStore.claimSelect) WHERE c.rowid = ?1 ORDER BY ci.position")
            for row in rows { try groupClaims(select, [.integer(row)], validating: false, atOnce: true, body) }
        }
    }

    /// The claims an entity takes part in, streamed: those where it is the subject, then those
    /// where it is the object (a claim of an entity with itself comes twice), each side by date
    /// (`coalesce(start, end)`, undated first) and id. Memory holds one claim at a time, however
    /// many the entity has.
    ///
    /// The order is stated, not left to the plan: SQLite follows `claim_by_subject_date` (or
    /// `_object_`), PostgreSQL a hash join in no order at all, and a neighbourhood walked from
    /// these claims would differ from one engine to the other.
    public func forEachClaim(of entityID: String, _ body: (GradedClaim) throws -> Void) throws {
        for side in ["subject", "object"] {
            let select = try database.cached(
                "\(GraphStore.claimSelect) WHERE c.\(side) = ?1 ORDER BY coalesce(c.start_date, c.end_date) NULLS FIRST, c.id, ci.position"
            )
            try groupClaims(select, [.text(entityID)]) { try body($0) }
        }
    }

    /// The claims between two entities, either way round, in id order.
    public func claims(between first: String, and second: String) throws -> [GradedClaim] {
        try readClaims(
            try database.cached(
                "\(GraphStore.claimSelect) WHERE (c.subject = ?1 AND c.object = ?2) OR (c.subject = ?2 AND c.object = ?1) ORDER BY c.id, ci.position"
            ),
            [.text(first), .text(second)])
    }

    /// The rows of the claims matching simple conditions, in id order (the `claims` command):
    /// found through the indexes of subject, object or predicate and sorted by the engine, 8
    /// bytes a claim, for ``forEachClaim(rows:withEntityTypes:_:)`` to read whole as far as they
    /// are listed. Sorting the claims read whole instead (quotes and all) took 0.7 s for a hub's
    /// 59,000 claims at a million, to list 200 of them.
    /// `citedBy`: only claims that one of these sources makes or relays (a citation whose claimant
    /// or `via` it is), found through the citation indexes (``citingSources(admittedBy:)``); a
    /// retracted citation may be among them, so the claims are still to be filtered. Nil: no such
    /// condition; an empty set: no claim. `ids`, `subjects`, `objects`, `predicates`: only the
    /// claims with one of these (none: no such condition); `entities`: only the claims with one
    /// of these at either end, subject or object, found through the same two indexes. `limit`:
    /// the first so many rows only;
    /// with a limit, sources with many citations are tested claim by claim in id order
    /// (``citesOneOf(_:parameter:)``), so that the reading stops at the limit.
    public func claimRows(
        ids: Set<String> = [], subjects: Set<String> = [], objects: Set<String> = [], predicates: Set<String> = [],
        entities: Set<String> = [], citedBy sources: Set<String>? = nil, limit: Int? = nil
    ) throws -> [Int64] {
        let testsEachClaim = try limit != nil && sources.map { try !hasFewCitations($0) } ?? false
        return try claimRows(
            ids: ids, subjects: subjects, objects: objects, predicates: predicates, entities: entities, citedBy: sources,
            limit: limit, testsEachClaim: testsEachClaim)
    }

    /// ``claimRows(ids:subjects:objects:predicates:entities:citedBy:limit:)`` with its way of finding the
    /// claims `citedBy` sources given: tested claim by claim in id order
    /// (``citesOneOf(_:parameter:)``), or gathered through the citation indexes first.
    func claimRows(
        ids: Set<String>, subjects: Set<String>, objects: Set<String>, predicates: Set<String>,
        entities: Set<String> = [], citedBy sources: Set<String>?, limit: Int?, testsEachClaim: Bool
    ) throws -> [Int64] {
        if sources?.isEmpty == true { return [] }
        var conditions: [String] = []
        var values: [Statement.Value] = []
        if !ids.isEmpty {
            values.append(GraphStore.jsonArray(ids.sorted()))
            conditions.append("c.id \(GraphStore.inList(database, of: .text, parameter: values.count))")
        }
        // A few values each, written out: the index of the column serves `IN (?1, ?2)` as it
        // serves `= ?1`.
        for (column, wanted) in [("subject", subjects), ("object", objects), ("predicate", predicates)] where !wanted.isEmpty {
            let placeholders = wanted.sorted().map { value -> String in
                values.append(.text(value))
                return "?\(values.count)"
            }
            conditions.append("c.\(column) IN (\(placeholders.joined(separator: ", ")))")
        }
        // Either end: an OR of the two columns, each served by its own index (SQLite's OR
        // optimisation, PostgreSQL's bitmap OR), the values bound once for both.
        if !entities.isEmpty {
            let placeholders = entities.sorted().map { value -> String in
                values.append(.text(value))
                return "?\(values.count)"
            }.joined(separator: ", ")
            conditions.append("(c.subject IN (\(placeholders)) OR c.object IN (\(placeholders)))")
        }
        if let sources {
            values.append(GraphStore.jsonArray(sources.sorted()))
            if testsEachClaim {
                conditions.append(GraphStore.citesOneOf(database, parameter: values.count))
            } else {
                conditions.append("c.id IN \(GraphStore.claimsCiting(database, parameter: values.count))")
            }
        }
        let condition = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        var rows: [Int64] = []
        let limited = limit.map { " LIMIT \(max(0, $0))" } ?? ""
        try database.prepare("SELECT c.rowid FROM claim AS c \(condition) ORDER BY c.id\(limited)").forEachRow(values) {
            rows.append($0.int64(0))
        }
        return rows
    }

    /// Every claim in id order with its graded citations, streamed: rows arrive grouped by
    /// claim, so memory holds one claim at a time.
    public func forEachClaim(_ body: (GradedClaim) throws -> Void) throws {
        try forEachClaim(withEntityTypes: true, body)
    }

    /// Every claim in id order, as ``forEachClaim(_:)``, with the ends' entity types looked up
    /// only when asked (`withEntityTypes`): an export whose filter takes no types needs none.
    func forEachClaim(withEntityTypes: Bool, _ body: (GradedClaim) throws -> Void) throws {
        let select = try database.prepare("\(GraphStore.claimSelect) ORDER BY c.id, ci.position")
        try groupClaims(select, [], withEntityTypes: withEntityTypes) { try body($0) }
    }

    /// Every claim ordered by subject, predicate, object, then id: claims of one edge together;
    /// `withEntityTypes` as for ``forEachClaim(withEntityTypes:_:)``.
    func forEachClaimByEndpoints(withEntityTypes: Bool = true, _ body: (GradedClaim) throws -> Void) throws {
        let select = try database.prepare(
            "\(GraphStore.claimSelect) ORDER BY c.subject, c.predicate, c.object, c.id, ci.position")
        try groupClaims(select, [], withEntityTypes: withEntityTypes) { try body($0) }
    }

    /// Every claim in id order as weighing and the filters see it, for a summary of the whole
    /// store: the columns of ``claimSelect`` but the claim's notes and each citation's quotes
    /// and locator, which are left empty (not read, not checked). Reading a citation's quotes
    /// was a fifth of a million-claim pass that shows none of them.
    func forEachClaimForWeighing(withEntityTypes: Bool, _ body: (GradedClaim) throws -> Void) throws {
        let select = try database.prepare(
            """
            SELECT c.id, c.subject, c.predicate, c.object, c.start_date, c.end_date, NULL,
                   ci.source, ci.via, '', NULL, ci.stance, ci.credibility, NULL
            FROM claim AS c \(GraphStore.claimJoins) ORDER BY c.id, ci.position
            """)
        try groupClaims(select, [], withEntityTypes: withEntityTypes, body)
    }

    /// Runs a statement built on `claimSelect` and groups its rows into claims, in row order.
    func readClaims(_ statement: Statement, _ values: [Statement.Value]) throws -> [GradedClaim] {
        var claims: [GradedClaim] = []
        try groupClaims(statement, values, atOnce: true) { claims.append($0) }
        return claims
    }

    /// Runs a statement built on `claimSelect` and hands over its claims one by one, graded.
    /// `validating: false` when the caller has just checked the memo for a batch of reads; `atOnce`
    /// as for ``Statement/forEachRow(_:atOnce:_:)``; `withEntityTypes: false` leaves the claims'
    /// ``GradedClaim/subjectType`` and ``GradedClaim/objectType`` nil, unread.
    func groupClaims(
        _ statement: Statement, _ values: [Statement.Value], validating: Bool = true, atOnce: Bool = false,
        withEntityTypes: Bool = true, _ body: (GradedClaim) throws -> Void
    ) throws {
        if validating { try rowMemo.validate(database) }
        var current: (claim: Claim, subjectType: EntityType?, objectType: EntityType?)?
        var citations: [GradedCitation] = []
        func flush() throws {
            if let done = current {
                try body(
                    GradedClaim(
                        claim: done.claim, citations: citations, subjectType: done.subjectType, objectType: done.objectType))
            }
            citations.removeAll(keepingCapacity: true)
        }
        try statement.forEachRow(values, atOnce: atOnce) { row in
            // Most rows continue the claim before: compared in place, no string made for them.
            if current.map({ !row.hasText(0, equalTo: $0.claim.id) }) ?? true {
                try flush()
                let claim = try claim(from: row)
                current =
                    withEntityTypes
                    ? (claim, try rowMemo.entityType(claim.subject, database), try rowMemo.entityType(claim.object, database))
                    : (claim, nil, nil)
            }
            if !row.isNull(7) { citations.append(try gradedCitation(from: row, at: 7, number: citations.count + 1)) }
        }
        try flush()
    }

    /// Every claim in id order without its citations, with whether some citation supports it
    /// and some denies it (`isSupported`, `isDenied`): what finding contradictions needs, read
    /// without making a citation's quotes. A stance Isnad never writes is an error, as when the
    /// claim is read whole.
    func forEachClaimOutline(_ body: (_ claim: Claim, _ isSupported: Bool, _ isDenied: Bool) throws -> Void) throws {
        try database.cached(
            """
            SELECT c.id, c.subject, c.predicate, c.object, c.start_date, c.end_date, c.notes,
                   CASE WHEN EXISTS (SELECT 1 FROM citation AS ci WHERE ci.claim = c.id AND ci.stance IN ('asserts', 'reports')) THEN 1 ELSE 0 END,
                   CASE WHEN EXISTS (SELECT 1 FROM citation AS ci WHERE ci.claim = c.id AND ci.stance = 'denies') THEN 1 ELSE 0 END,
                   CASE WHEN EXISTS (SELECT 1 FROM citation AS ci WHERE ci.claim = c.id AND ci.stance NOT IN ('asserts', 'reports', 'denies')) THEN 1 ELSE 0 END
            FROM claim AS c ORDER BY c.id
            """
        ).forEachRow { row in
            if row.int64(9) != 0 {
                // Read whole, the claim says which citation, as every other command does.
                _ = try claim(id: row.string(0))
                throw StoreError.invalidValue(
                    path: path, record: "claim \"\(row.string(0))\"", field: "stance",
                    problem: "a stored value is not asserts, reports or denies")
            }
            try body(try claim(from: row), row.int64(7) != 0, row.int64(8) != 0)
        }
    }

    /// Every claim with a date (a start, an end or both), in the order they are stored (the table read once, from
    /// end to end, without their citations), handed to `body` when `isWanted` takes its
    /// subject, predicate and object. For a pass over many entities' claims at once: one scan
    /// instead of a lookup of each claim through an index.
    func forEachDatedClaim(
        where isWanted: (_ subject: String, _ predicate: String, _ object: String) -> Bool, _ body: (Claim) throws -> Void
    ) throws {
        try database.cached(
            "SELECT c.id, c.subject, c.predicate, c.object, c.start_date, c.end_date, c.notes FROM claim AS c WHERE c.start_date IS NOT NULL OR c.end_date IS NOT NULL"
        ).forEachRow { row in
            guard isWanted(row.string(1), row.string(2), row.string(3)) else { return }
            try body(try claim(from: row))
        }
    }

    private static let claimFields: [(column: Int32, name: String)] = [
        (0, "id"), (1, "subject"), (2, "predicate"), (3, "object"), (6, "notes"),
    ]
    private static let citationFields: [(column: Int32, name: String)] = [
        (7, "source"), (8, "via"), (9, "quote"), (10, "quote_en"), (13, "locator"),
    ]

    /// A claim from ``claimColumns`` 0–6; a stored value Isnad never writes (a predicate outside
    /// the vocabulary, a date that is not one) is an error.
    private func claim(from row: Statement) throws -> Claim {
        let id = row.string(0)
        try StoredValue.requireStorableText(row, GraphStore.claimFields, path: path, record: "claim \"\(id)\"")
        let predicate = row.string(2)
        if vocabulary[predicate] == nil {
            throw StoreError.invalidValue(
                path: path, record: "claim \"\(id)\"", field: "predicate",
                problem: "stored value \(StoredValue.quoted(predicate)) is not a predicate of the vocabulary")
        }
        return Claim(
            id: id, subject: row.string(1), predicate: predicate, object: row.string(3),
            start: try StoredValue.date(row, 4, path: path, record: "claim \"\(id)\"", field: "start"),
            end: try StoredValue.date(row, 5, path: path, record: "claim \"\(id)\"", field: "end"),
            citations: [], notes: row.text(6))
    }

    /// Citation `number` (from 1) of the claim in column 0, from ``claimColumns`` 7–13, graded.
    private func gradedCitation(from row: Statement, at first: Int32, number: Int) throws -> GradedCitation {
        try graded(try citation(from: row, at: first, number: number))
    }

    /// Citation `number` (from 1) of the claim in column 0, from ``claimColumns`` 7–13.
    private func citation(from row: Statement, at first: Int32, number: Int) throws -> Citation {
        let record = { "citation \(number) of claim \"\(row.string(0))\"" }
        try StoredValue.requireStorableText(row, GraphStore.citationFields, path: path, record: record())
        let citation = Citation(
            source: row.string(first), via: row.text(first + 1), quote: row.string(first + 2), quoteEnglish: row.text(first + 3),
            stance: try StoredValue.vocabulary(row.string(first + 4), path: path, record: record(), field: "stance"),
            credibility: try StoredValue.credibility(row, first + 5, path: path, record: record()),
            locator: row.text(first + 6))
        return citation
    }

    /// The citation with its claimant's grade and the date it was public from (its claimant's
    /// or its via's publication, the earlier), from the bounded memo of sources.
    func graded(_ citation: Citation) throws -> GradedCitation {
        let source = try rowMemo.source(citation.source, database)
        let via = try citation.via.flatMap { try rowMemo.source($0, database) }
        return GradedCitation(
            citation: citation, reliability: source?.reliability ?? .f,
            publicSince: GradedCitation.earlier(source?.published, via?.published))
    }
}
