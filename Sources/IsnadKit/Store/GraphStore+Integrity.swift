import CSQLite

/// What `isnad check` reads: the store's rows as they are stored, including what a store
/// written by another tool may hold and an import would have refused (unknown types, bad dates,
/// references to missing rows). Every read is in a fixed order, so that findings are too.
extension GraphStore {
    /// The page cache of SQLite's own check, as `PRAGMA cache_size` takes it: 64 MiB, the
    /// connection's own given back when the check is done.
    static let integrityCheckPageCache = -65536

    /// The storage engine's own check of its files (SQLite's `PRAGMA integrity_check`): one
    /// line per problem found, none when the files are sound.
    public func storageIntegrityProblems() throws -> [String] {
        // PostgreSQL checks each page as it reads it (its header; its checksum where the cluster
        // has them): every table is read whole, and a damaged page fails the read. (amcheck,
        // which also checks the indexes, is for the server's administrator.)
        if database.isPostgreSQL {
            for table in StoreCopy.tables.map(\.name) + ["meta"] {
                _ = try database.prepare("SELECT count(*) FROM \(table)").scalarInteger()
            }
            return []
        }
        // SQLite checks each index against its table, looking rows up across the whole file: with
        // a reading connection's 2 MiB page cache it read pages again and again (58.6 s at a
        // million claims in the sqlite3 shell, 17.9 s with this cache; 463,616 reads at 100k).
        let pageCache = try database.integerPragma("cache_size")
        try database.execute("PRAGMA cache_size = \(GraphStore.integrityCheckPageCache)")
        defer { try? database.execute("PRAGMA cache_size = \(pageCache)") }
        var problems: [String] = []
        try database.prepare("PRAGMA integrity_check").forEachRow { row in
            let line = row.string(0)
            if line != "ok" { problems.append(line) }
        }
        // A page the device failed to read (`… unable to get the page. error code=8458`: an
        // I/O error) is no damage of the file: said as the device's failure, not "restore a backup".
        if let failedRead = problems.first(where: { GraphStore.ioErrorCode(inIntegrityLine: $0) != nil }) {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: GraphStore.ioErrorCode(inIntegrityLine: failedRead) ?? SQLITE_IOERR),
                message: failedRead.split(whereSeparator: \.isNewline).joined(separator: " "), path: path,
                isDeviceFailure: true)
        }
        return problems
    }

    /// The I/O error code (SQLITE_IOERR or one of its extended codes) a line of SQLite's
    /// integrity check gives as `error code=N`, or nil.
    static func ioErrorCode(inIntegrityLine line: String) -> Int32? {
        guard let range = line.range(of: "error code=") else { return nil }
        guard let code = Int32(line[range.upperBound...].prefix { $0.isASCII && $0.isNumber }), code & 0xff == SQLITE_IOERR
        else { return nil }
        return code
    }

    /// The rows of the claims with a citation graded 1 (confirmed), in id order: the only ones
    /// whose grade their channels may not bear out.
    public func claimRowsCitingConfirmedGrade() throws -> [Int64] {
        var rows: [Int64] = []
        try database.prepare(
            "SELECT c.rowid FROM claim AS c WHERE EXISTS (SELECT 1 FROM citation AS ci WHERE ci.claim = c.id AND ci.credibility = 1) ORDER BY c.id"
        ).forEachRow { rows.append($0.int64(0)) }
        return rows
    }

    /// A reference from one row to another, as the schema declares it.
    public enum Reference: CaseIterable, Sendable {
        /// A claim's subject, an entity.
        case claimSubject
        /// A claim's object, an entity.
        case claimObject
        /// A citation's claim.
        case citationClaim
        /// A citation's claimant, a source.
        case citationSource
        /// The source a citation was read in (`via`).
        case citationVia
        /// The entity a name or alias belongs to.
        case nameEntity
        /// The source that cites another.
        case citingSource
        /// The source that is cited.
        case citedSource
        /// The entity a merged id now names.
        case mergedEntity
        /// A retracted citation's claim (one that stands: a retracted claim keeps its citations
        /// in its record line).
        case retractedCitationClaim
        /// A retracted citation's claimant.
        case retractedCitationSource
        /// The source a retracted citation was read in.
        case retractedCitationVia
        /// The history entry a changed record belongs to.
        case changedRecordEntry

        /// Rows whose reference names no row: the id of the row that holds the reference (for
        /// a citation, its claim; for a name, its entity; for a cites link, its citing source)
        /// and the id it names.
        ///
        /// `NOT EXISTS`, not `NOT IN`: PostgreSQL makes an anti-join of it, where `NOT IN` over a
        /// list larger than its `work_mem` scans the whole list for every row (a check of 300,000
        /// claims did not end in six minutes).
        fileprivate var danglingSQL: String {
            func dangling(_ holder: String, _ column: String, from table: String, in target: String) -> String {
                "SELECT r.\(holder), r.\(column) FROM \(table) AS r WHERE r.\(column) IS NOT NULL "
                    + "AND NOT EXISTS (SELECT 1 FROM \(target) AS t WHERE t.id = r.\(column))"
            }
            switch self {
            case .claimSubject: return dangling("id", "subject", from: "claim", in: "entity")
            case .claimObject: return dangling("id", "object", from: "claim", in: "entity")
            case .citationClaim: return dangling("claim", "claim", from: "citation", in: "claim")
            case .citationSource: return dangling("claim", "source", from: "citation", in: "source")
            case .citationVia: return dangling("claim", "via", from: "citation", in: "source")
            case .nameEntity: return dangling("entity", "entity", from: "entity_name", in: "entity")
            case .citingSource: return dangling("source", "source", from: "source_cites", in: "source")
            case .citedSource: return dangling("source", "cited", from: "source_cites", in: "source")
            case .mergedEntity: return dangling("merged", "entity", from: "entity_merged", in: "entity")
            case .retractedCitationClaim: return dangling("claim", "claim", from: "retracted_citation", in: "claim")
            case .retractedCitationSource: return dangling("claim", "source", from: "retracted_citation", in: "source")
            case .retractedCitationVia: return dangling("claim", "via", from: "retracted_citation", in: "source")
            case .changedRecordEntry:
                return
                    "SELECT r.record, r.change FROM change_record AS r WHERE NOT EXISTS (SELECT 1 FROM change AS t WHERE t.id = r.change)"
            }
        }
    }

    /// Every row whose `reference` names a row that is not in the store: the holder's id (see
    /// ``Reference``) and the missing id, in storage order.
    public func forEachDanglingReference(
        _ reference: Reference, _ body: (_ holder: String, _ missing: String) throws -> Void
    ) throws {
        try database.prepare(reference.danglingSQL).forEachRow { row in try body(row.string(0), row.string(1)) }
    }

    /// Every entity's id, type and attributes as stored, in id order.
    public func forEachStoredEntityType(
        _ body: (_ id: String, _ type: String, _ attributes: String) throws -> Void
    ) throws {
        try database.prepare("SELECT id, type, attributes FROM entity ORDER BY id").forEachRow { row in
            try body(row.string(0), row.string(1), row.string(2))
        }
    }

    /// Every source's id, type, publication date and reliability as stored, in id order.
    public func forEachStoredSourceType(
        _ body: (_ id: String, _ type: String, _ published: String?, _ reliability: String) throws -> Void
    ) throws {
        try database.prepare("SELECT id, type, published, reliability FROM source ORDER BY id").forEachRow { row in
            try body(row.string(0), row.string(1), row.text(2), row.string(3))
        }
    }

    /// Every citation's claim, position (from 0), stance and credibility as stored (nil when
    /// the credibility is not an integer), in claim and position order.
    /// `retracted`: of the retracted citations of claims that stand.
    public func forEachStoredCitationGrade(
        retracted: Bool = false,
        _ body: (
            _ claim: String, _ position: Int, _ stance: String, _ credibility: Int?, _ source: String, _ via: String?
        ) throws -> Void
    ) throws {
        let table = retracted ? "retracted_citation" : "citation"
        try database.prepare("SELECT claim, position, stance, credibility, source, via FROM \(table) ORDER BY claim, position")
            .forEachRow { row in
                try body(
                    row.string(0), row.int(1), row.string(2), row.isInteger(3) ? row.int(3) : nil, row.string(4), row.text(5))
            }
    }

    /// Every stored text field that holds what an import refuses: a control character, bytes
    /// that are not UTF-8 (which reading would turn into U+FFFD, and an export carry on as if
    /// written so), or an id or reference that is not a slug (which no import takes back). The
    /// record (`entity "x"`, `claim "c" citation 2`), the field, and what is wrong, in a fixed order.
    public func forEachStoredTextProblem(_ body: (_ record: String, _ field: String, _ problem: String) throws -> Void)
        throws
    {
        let ids: Set<String> = ["id", "subject", "object", "source", "via", "entity"]
        let tables: [(sql: String, record: (Statement) -> String, fields: [String])] = [
            (
                "SELECT id, 0, id, type, name, description, attributes FROM entity ORDER BY id", { "entity \"\($0.string(0))\"" },
                ["id", "type", "name", "description", "attributes"]
            ),
            (
                "SELECT entity, position, entity, name, lang FROM entity_name ORDER BY entity, position",
                { "entity \"\($0.string(0))\" name \($0.int(1))" }, ["entity", "name", "lang"]
            ),
            (
                "SELECT id, 0, id, type, title, publisher, author, url, published, lang, reliability, full_text FROM source ORDER BY id",
                { "source \"\($0.string(0))\"" },
                ["id", "type", "title", "publisher", "author", "url", "published", "lang", "reliability", "text"]
            ),
            (
                "SELECT id, 0, id, subject, predicate, object, start_date, end_date, notes FROM claim ORDER BY id",
                { "claim \"\($0.string(0))\"" }, ["id", "subject", "predicate", "object", "start", "end", "notes"]
            ),
            (
                "SELECT claim, position, source, via, quote, quote_en, stance, locator FROM citation ORDER BY claim, position",
                { "claim \"\($0.string(0))\" citation \($0.int(1) + 1)" },
                ["source", "via", "quote", "quote_en", "stance", "locator"]
            ),
            (
                "SELECT claim, position, source, via, quote, quote_en, stance, locator, reason FROM retracted_citation ORDER BY claim, position",
                { "claim \"\($0.string(0))\" retracted citation \($0.int(1) + 1)" },
                ["source", "via", "quote", "quote_en", "stance", "locator", "reason"]
            ),
            (
                "SELECT id, 0, at, author, command FROM change ORDER BY id", { "history entry \($0.int(0))" },
                ["at", "author", "command"]
            ),
        ]
        for table in tables {
            try database.prepare(table.sql).forEachRow { row in
                for (offset, field) in table.fields.enumerated() {
                    let column = Int32(offset + 2)
                    let problem: String?
                    if !row.isStorableText(column) {
                        problem = Text.problem(with: row.string(column)) ?? "is not text Isnad stores"
                    } else if !row.isUTF8Text(column) {
                        problem = "is not UTF-8 text (bytes another program wrote; Isnad would show them as U+FFFD)"
                    } else if ids.contains(field), let id = row.text(column) {
                        problem = Identifier.problem(with: id)
                    } else {
                        problem = nil
                    }
                    if let problem { try body(Text.printable(table.record(row)), field, problem) }
                }
            }
        }
    }

    /// Every row that breaks a rule of the record format no column's type can hold: a claim that
    /// links an entity with itself, a citation whose `via` names its claimant again, an id merged into one entity that also stands as an entity. The record, the
    /// field, and what is wrong, in a fixed order; the wording is the import's.
    public func forEachBrokenRecordRule(_ body: (_ record: String, _ field: String, _ problem: String) throws -> Void)
        throws
    {
        try database.prepare("SELECT id, subject FROM claim WHERE subject = object ORDER BY id").forEachRow { row in
            try body(
                "claim \"\(Text.printable(row.string(0)))\"", "object",
                "a claim links two different entities; subject and object are both \"\(Text.printable(row.string(1)))\"")
        }
        for (table, label) in [("citation", "citation"), ("retracted_citation", "retracted citation")] {
            try database.prepare("SELECT claim, position FROM \(table) WHERE via = source ORDER BY claim, position")
                .forEachRow { row in
                    try body(
                        "claim \"\(Text.printable(row.string(0)))\" \(label) \(CitationNumber.shown(row.int64(1)))", "via",
                        "names the claimant again; leave via out when the quote stands in the source itself")
                }
        }
        try database.prepare(
            "SELECT m.entity, m.merged FROM entity_merged AS m JOIN entity AS e ON e.id = m.merged ORDER BY m.entity, m.position"
        ).forEachRow { row in
            try body(
                "entity \"\(Text.printable(row.string(0)))\"", "merged",
                "\"\(Text.printable(row.string(1)))\" stands as an entity of its own: an id is merged into one entity or stands, not both (isnad unmerge, or delete one)"
            )
        }
    }

    /// Every history entry's links that do not hold: a time that is not YYYY-MM-DDTHH:MM:SSZ, an
    /// `undoes` or `undone_by` that names no entry, or one that does not name this entry back.
    /// The entry, the field, and what is wrong, in entry order.
    public func forEachBrokenHistoryLink(_ body: (_ entry: Int64, _ field: String, _ problem: String) throws -> Void)
        throws
    {
        try database.prepare(
            """
            SELECT c.id, c.at, c.undoes, u.id, u.undone_by, c.undone_by, d.id, d.undoes
            FROM change AS c LEFT JOIN change AS u ON u.id = c.undoes LEFT JOIN change AS d ON d.id = c.undone_by
            ORDER BY c.id
            """
        ).forEachRow { row in
            let entry = row.int64(0)
            let at = row.string(1)
            if !HistoryEntry.isTimestamp(at) {
                try body(entry, "at", "\"\(Text.printable(at))\" is not a time in UTC as YYYY-MM-DDTHH:MM:SSZ")
            }
            for (field, link, found, back, backField) in [
                ("undoes", Int32(2), Int32(3), Int32(4), "undone_by"), ("undone_by", 5, 6, 7, "undoes"),
            ] where !row.isNull(link) {
                let other = row.int64(link)
                if other == entry {
                    try body(entry, field, "entry \(entry) cannot undo itself")
                } else if row.isNull(found) {
                    try body(entry, field, "no entry \(other) in the history")
                } else if row.isNull(back) || row.int64(back) != entry {
                    try body(entry, field, "entry \(other) does not name this entry as its \(backField)")
                }
            }
        }
    }

    /// Every record kept whole as a line of the record format: a retracted claim's `record`, and
    /// a history entry's `before` and `after`. The place (`retracted claim "c"`, `history entry 3
    /// claim "c"`), the field, and the line, in a fixed order.
    public func forEachStoredRecordLine(
        _ body: (_ place: String, _ field: String, _ kind: String, _ id: String, _ line: String) throws -> Void
    ) throws {
        try database.prepare("SELECT id, record FROM retracted_claim ORDER BY id").forEachRow { row in
            try body("retracted claim \"\(Text.printable(row.string(0)))\"", "record", "claim", row.string(0), row.string(1))
        }
        try database.prepare(
            "SELECT change, kind, record, before, after FROM change_record WHERE before IS NOT NULL OR after IS NOT NULL ORDER BY change, kind, record"
        ).forEachRow { row in
            let place = "history entry \(row.int(0)) \(Text.printable(row.string(1))) \"\(Text.printable(row.string(2)))\""
            for (column, field) in [(Int32(3), "before"), (4, "after")] {
                if let line = row.text(column) { try body(place, field, row.string(1), row.string(2), line) }
            }
        }
    }

    /// Of every record this store's own history speaks of, the latest of its own entries that
    /// touched it and what that entry left: the record's line after it (`after`), or nil when it
    /// removed the record (`isRemoval`). Left out: the records whose latest entry is an import
    /// that added them by id alone, which keeps no line (what it added is what the store held
    /// right after it), and every entry from another store's history (see
    /// ``IntegrityCheck``'s history check for why). In kind and id order.
    ///
    /// The database groups the history's rows to find each record's latest entry (an import's
    /// entry lists a million records: a sort that spills to disk, not a table in memory), and
    /// only that entry's row is read whole.
    public func forEachRecordAsHistoryLeftIt(
        _ body: (_ kind: String, _ id: String, _ entry: Int, _ isRemoval: Bool, _ after: String?) throws -> Void
    ) throws {
        try database.prepare(
            """
            SELECT r.kind, r.record, r.change, r.action, r.after
            FROM (SELECT cr.kind, cr.record, max(cr.change) AS latest
                  FROM change_record AS cr JOIN change AS c ON c.id = cr.change
                  WHERE c.travelled = 0 GROUP BY cr.kind, cr.record) AS l
            JOIN change_record AS r ON r.change = l.latest AND r.kind = l.kind AND r.record = l.record
            WHERE r.action <> 'added' OR r.after IS NOT NULL
            ORDER BY l.kind, l.record
            """
        ).forEachRow { row in
            try body(row.string(0), row.string(1), row.int(2), row.string(3) == "removed", row.text(4))
        }
    }

    /// The runs of entry numbers missing from the history, each as the first and last number
    /// missing, in order: entries are numbered 1, 2, 3 … as they are committed (an entry left
    /// empty is dropped before the next takes its number; appended ones follow the last), so a
    /// number missing is an entry deleted by another program.
    public func forEachGapInHistory(_ body: (_ first: Int, _ last: Int) throws -> Void) throws {
        try database.prepare(
            """
            SELECT coalesce((SELECT max(p.id) FROM change AS p WHERE p.id < c.id), 0) + 1, c.id - 1 FROM change AS c
            WHERE c.id > 1 AND NOT EXISTS (SELECT 1 FROM change AS p WHERE p.id = c.id - 1) ORDER BY c.id
            """
        ).forEachRow { row in try body(row.int(0), row.int(1)) }
    }

    /// Whether this store keeps history entries of its own (not only another store's, imported).
    public func hasOwnHistory() throws -> Bool {
        try database.prepare("SELECT EXISTS (SELECT 1 FROM change WHERE travelled = 0)").scalarInteger() == 1
    }

    /// Whether this store keeps any history entry, its own or another store's imported.
    public func hasAnyHistory() throws -> Bool {
        try database.prepare("SELECT EXISTS (SELECT 1 FROM change)").scalarInteger() == 1
    }

    /// Every name and alias as stored: the entity, the position (0 for the primary name), the
    /// name and its search and consonant keys, in entity and position order.
    public func forEachStoredName(
        _ body: (_ entity: String, _ position: Int, _ name: String, _ searchKey: String?, _ consonantKey: String?) throws -> Void
    ) throws {
        try database.prepare(
            "SELECT entity, position, name, search_key, consonant_key FROM entity_name ORDER BY entity, position"
        ).forEachRow { row in
            try body(row.string(0), row.int(1), row.string(2), row.text(3), row.text(4))
        }
    }

    /// The first `shown` names whose entries in the name search index (`entity_name_search`: the
    /// trigrams of each name's search key) are not the trigrams of their stored key, in entity and
    /// position order, how many such names there are, and how many entries belong to no name at all. SQLite's own check reads the index's
    /// pages, never what they hold, so an index another program wrote or damaged passes it, and
    /// search then misses a name or takes one for another. Read through `fts5vocab` in the
    /// connection's temporary schema: the store itself is only read. Empty on PostgreSQL, whose
    /// trigram index is the server's own.
    public func namesOutOfSearchIndex(
        shown: Int
    ) throws -> (names: [(entity: String, position: Int, name: String)], count: Int, entriesOfNoName: Int) {
        guard !database.isPostgreSQL else { return ([], 0, 0) }
        try database.execute(
            "CREATE VIRTUAL TABLE temp.isnad_check_index USING fts5vocab(main, entity_name_search, 'instance')")
        defer { try? database.execute("DROP TABLE temp.isnad_check_index") }
        // A first pass keeps a name under suspicion when an entry is not the key's trigram at its
        // offset, or the name has not one entry for each trigram; the trigram tokenizer folds
        // case as Swift's lowercasing does not (Greek's final sigma), so each suspect is then
        // tokenized again by SQLite into a table of the temporary schema and compared whole.
        var suspects = Set<Int64>()
        var entriesOfNoName = Set<Int64>()
        try database.prepare(
            """
            SELECT v.doc, n.rowid IS NULL FROM temp.isnad_check_index AS v LEFT JOIN entity_name AS n ON n.rowid = v.doc
            WHERE n.rowid IS NULL OR v.term <> substr(n.search_key, v.offset + 1, 3)
            """
        ).forEachRow { row in
            if row.int(1) != 0 { entriesOfNoName.insert(row.int64(0)) } else { suspects.insert(row.int64(0)) }
        }
        let entries = try database.prepare("SELECT count(*) FROM temp.isnad_check_index").scalarInteger() ?? 0
        let trigrams =
            try database.prepare("SELECT coalesce(sum(max(length(search_key) - 2, 0)), 0) FROM entity_name").scalarInteger() ?? 0
        if entries != trigrams || !entriesOfNoName.isEmpty {
            try database.prepare(
                """
                SELECT n.rowid FROM entity_name AS n
                LEFT JOIN (SELECT doc, count(*) AS found FROM temp.isnad_check_index GROUP BY doc) AS c ON c.doc = n.rowid
                WHERE coalesce(c.found, 0) <> max(length(n.search_key) - 2, 0)
                """
            ).forEachRow { suspects.insert($0.int64(0)) }
        }
        let entriesOfNoNameCount = try countEntries(ofDocuments: entriesOfNoName)
        guard !suspects.isEmpty else { return ([], 0, entriesOfNoNameCount) }
        try database.execute(
            """
            CREATE VIRTUAL TABLE temp.isnad_check_keys USING fts5 (search_key, tokenize = 'trigram');
            CREATE VIRTUAL TABLE temp.isnad_check_keys_index USING fts5vocab(temp, isnad_check_keys, 'instance');
            """)
        defer { try? database.execute("DROP TABLE temp.isnad_check_keys_index; DROP TABLE temp.isnad_check_keys") }
        let suspected = GraphStore.jsonArray(suspects.sorted())
        try database.prepare(
            "INSERT INTO temp.isnad_check_keys (rowid, search_key) SELECT rowid, search_key FROM entity_name WHERE rowid \(GraphStore.inList(database, of: .integer))"
        ).run([suspected])
        var names: [(entity: String, position: Int, name: String)] = []
        var count = 0
        try database.prepare(
            """
            WITH indexed AS (SELECT doc, term, offset FROM temp.isnad_check_index WHERE doc \(GraphStore.inList(database, of: .integer))),
            own AS (SELECT doc, term, offset FROM temp.isnad_check_keys_index),
            differing AS (SELECT doc FROM (SELECT * FROM indexed EXCEPT SELECT * FROM own)
                UNION SELECT doc FROM (SELECT * FROM own EXCEPT SELECT * FROM indexed))
            SELECT n.entity, n.position, n.name FROM entity_name AS n WHERE n.rowid IN differing ORDER BY n.entity, n.position
            """
        ).forEachRow([suspected]) { row in
            count += 1
            if names.count < shown { names.append((row.string(0), row.int(1), row.string(2))) }
        }
        return (names, count, entriesOfNoNameCount)
    }

    /// Of up to `sample` names spread over the store, how many the name search index does not find
    /// by their own key, and how many were looked for: the index's terms (`entity_name_search_idx`)
    /// are what a search goes through, and ``namesOutOfSearchIndex(shown:)`` reads the entries, not them.
    public func namesNotFoundBySearch(sample: Int = 64) throws -> (missed: Int, sampled: Int) {
        guard !database.isPostgreSQL else { return (0, 0) }
        let names = try database.prepare("SELECT count(*) FROM entity_name").scalarInteger() ?? 0
        let step = max(1, names / Int64(sample))
        var keys: [(row: Int64, key: String)] = []
        try database.prepare(
            "SELECT rowid, search_key FROM entity_name WHERE length(search_key) >= 3 AND rowid % ?1 = 0 ORDER BY rowid LIMIT ?2"
        ).forEachRow([.integer(step), .integer(Int64(sample))]) { keys.append(($0.int64(0), $0.string(1))) }
        let find = try database.prepare(
            "SELECT EXISTS (SELECT 1 FROM entity_name_search WHERE entity_name_search MATCH ?1 AND rowid = ?2)")
        var missed = 0
        for (row, key) in keys {
            // The whole key as one phrase: every trigram of it, in order.
            let phrase = "\"" + key.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            if try find.firstRow([.text(phrase), .integer(row)], { $0.int(0) }) != 1 { missed += 1 }
        }
        return (missed, keys.count)
    }

    /// How many entries of the name search index belong to the given documents.
    private func countEntries(ofDocuments documents: Set<Int64>) throws -> Int {
        guard !documents.isEmpty else { return 0 }
        return Int(
            try database.prepare(
                "SELECT count(*) FROM temp.isnad_check_index WHERE doc \(GraphStore.inList(database, of: .integer))"
            ).scalarInteger([GraphStore.jsonArray(documents.sorted())]) ?? 0)
    }

    /// Every dated claim's id, start and end as stored, in id order.
    public func forEachStoredClaimDates(_ body: (_ id: String, _ start: String?, _ end: String?) throws -> Void) throws {
        try database.prepare(
            "SELECT id, start_date, end_date FROM claim WHERE start_date IS NOT NULL OR end_date IS NOT NULL ORDER BY id"
        ).forEachRow { row in try body(row.string(0), row.text(1), row.text(2)) }
    }

    /// Every claim's id and predicate, the types of its ends (nil for an end that is missing),
    /// and whether it has a citation, in id order.
    public func forEachClaimShape(
        _ body: (
            _ id: String, _ predicate: String, _ subjectType: String?, _ objectType: String?, _ hasCitation: Bool
        ) throws -> Void
    ) throws {
        try database.prepare(
            """
            SELECT c.id, c.predicate, s.type, o.type,
                   NOT EXISTS (SELECT 1 FROM citation WHERE claim = c.id)
            FROM claim AS c LEFT JOIN entity AS s ON s.id = c.subject LEFT JOIN entity AS o ON o.id = c.object
            ORDER BY c.id
            """
        ).forEachRow { row in try body(row.string(0), row.string(1), row.text(2), row.text(3), row.int(4) == 0) }
    }

    /// The citations whose quote stands in the text of `source` (read in it: their via, else
    /// their claimant) and would not in `newText`: those found in its stored text, by
    /// ``QuoteLocator``, that a new text would lose. Quotes whose locator says why they are not
    /// word for word are left out, as `check` leaves them out. Empty when the source has no
    /// stored text (nothing was found in it) or when nothing is lost.
    public func quotesLost(ifSource source: String, hadText newText: String?) throws -> [(claim: String, position: Int)] {
        guard let oldText = try storedText(ofSource: source), oldText != newText else { return [] }
        let old = QuoteLocator.SearchableText(oldText)
        let new = newText.map { QuoteLocator.SearchableText($0) }
        var lost: [(claim: String, position: Int)] = []
        try database.prepare(
            """
            SELECT claim, position, quote, locator FROM citation WHERE via = ?1
            UNION ALL SELECT claim, position, quote, locator FROM citation WHERE source = ?1 AND via IS NULL
            ORDER BY claim, position
            """
        ).forEachRow([.text(source)]) { row in
            let quote = row.string(2)
            guard !QuoteLocator.isUnverified(row.text(3)) else { return }
            // The new text first: a correction keeps most quotes, which are then not looked for twice.
            if let new, QuoteLocator.lines(of: quote, in: new) != nil { return }
            if QuoteLocator.lines(of: quote, in: old) != nil { lost.append((row.string(0), row.int(1))) }
        }
        return lost
    }

    /// Looks for every quote whose holder (the source it is read in: its via, else its
    /// claimant) has a stored text in that text, as `add claim` looks for it (``QuoteLocator``),
    /// leaving out those whose locator says why they are not word for word (`unverified`, when
    /// given, gets each of those, in the same pass: the text is not read for them); `body` gets each
    /// not found, ordered by holder, claim and position (from 0), with the holder's text (to
    /// say where the quote breaks off in it: ``QuoteLocator/partialMatch(of:in:)``). Of the whole store (`check`),
    /// or of the claims history entry `entry` wrote (what an import of records, which does not
    /// refuse them, let in). `loose`, when given, gets each quote found only folded, and a way
    /// to the text's own words there (``QuoteLocator/looseMatch(of:_:in:)``): a byte search of
    /// the text is made for each quote found, the text is read back only when they are asked
    /// for (an import names the first of many). Returns how many quotes were looked for; none
    /// is read when no source has a stored text.
    @discardableResult
    public func forEachQuoteNotFound(
        inEntry entry: Int? = nil,
        unverified: (_ holder: String, _ claim: String, _ position: Int, _ quote: String, _ locator: String) throws -> Void = {
            _, _, _, _, _ in
        },
        loose: (
            (_ holder: String, _ claim: String, _ position: Int, _ textHas: () -> QuoteLocator.LooseMatch?) throws -> Void
        )? = nil,
        _ body: (_ holder: String, _ claim: String, _ position: Int, _ quote: String, _ text: QuoteLocator.SearchableText)
            throws -> Void
    ) throws -> Int {
        guard try database.prepare("SELECT EXISTS (SELECT 1 FROM source WHERE full_text IS NOT NULL)").scalarInteger() == 1
        else { return 0 }
        let ofEntry = entry == nil ? "" : "JOIN change_record AS r ON r.record = ci.claim AND r.change = ?1 AND r.kind = 'claim'"
        var (currentHolder, currentText, count) = ("", QuoteLocator.SearchableText(""), 0)
        try database.prepare(
            """
            SELECT coalesce(ci.via, ci.source) AS holder, ci.claim, ci.position, ci.quote, ci.locator
            FROM citation AS ci \(ofEntry) JOIN source AS s ON s.id = coalesce(ci.via, ci.source)
            WHERE s.full_text IS NOT NULL ORDER BY holder, ci.claim, ci.position
            """
        ).forEachRow(entry.map { [.integer(Int64($0))] } ?? []) { row in
            if let locator = row.text(4), QuoteLocator.isUnverified(locator) {
                try unverified(row.string(0), row.string(1), row.int(2), row.string(3), locator)
                return
            }
            let holder = row.string(0)
            if holder != currentHolder {
                currentHolder = holder
                currentText = QuoteLocator.SearchableText(try storedText(ofSource: holder) ?? "")
            }
            count += 1
            let quote = row.string(3)
            guard let match = QuoteLocator.match(of: quote, in: currentText) else {
                return try body(holder, row.string(1), row.int(2), quote, currentText)
            }
            if let loose, !currentText.isVerbatim(quote) {
                let text = currentText
                try loose(holder, row.string(1), row.int(2)) { QuoteLocator.looseMatch(of: quote, match, in: text) }
            }
        }
        return count
    }

    /// A source's publisher as stored and how many sources it cites, without its text (which
    /// may be megabytes): what `check`'s questions about one voice name. Nil when there is no
    /// such source.
    public func publisherAndCitesCount(ofSource id: String) throws -> (publisher: String?, cites: Int)? {
        var found: (publisher: String?, cites: Int)?
        try database.cached(
            "SELECT publisher, (SELECT count(*) FROM source_cites WHERE source = s.id) FROM source AS s WHERE id = ?1"
        ).forEachRow([.text(id)]) { found = ($0.text(0), $0.int(1)) }
        return found
    }

    /// The stored positions of a claim's standing citations, in order: what ``claim(id:)``'s
    /// citations are numbered by where a message names one (a retracted citation keeps its
    /// position, as `set` and `retract --citation` count it).
    public func citationPositions(ofClaim claim: String) throws -> [Int] {
        var positions: [Int] = []
        try database.cached("SELECT position FROM citation WHERE claim = ?1 ORDER BY position").forEachRow([.text(claim)]) {
            positions.append($0.int(0))
        }
        return positions
    }

    /// The citations of a claim, in position order, with the rest of each as one text
    /// (`reading`: stance, credibility, translation, locator), for ``IntegrityCheck``'s look at
    /// quotes cited twice in two Unicode forms.
    public func forEachCitationReading(
        ofClaim claim: String,
        _ body: (
            _ position: Int, _ source: String, _ via: String?, _ quote: String, _ reading: String, _ locator: String?
        ) throws -> Void
    ) throws {
        try database.cached(
            """
            SELECT position, source, via, quote,
                   stance || ' ' || credibility || ' ' || coalesce(quote_en, '') || ' ' || coalesce(locator, ''), locator
            FROM citation WHERE claim = ?1 ORDER BY position
            """
        ).forEachRow([.text(claim)]) { row in
            try body(row.int(0), row.string(1), row.text(2), row.string(3), row.string(4), row.text(5))
        }
    }

    /// How many characters (Unicode scalars) a source's stored text has, or nil when it has
    /// none: what `source` says of it, without the text in memory.
    public func storedTextLength(ofSource id: String) throws -> Int? {
        var length: Int?
        try database.cached("SELECT length(full_text) FROM source WHERE id = ?1 AND full_text IS NOT NULL")
            .forEachRow([.text(id)]) { length = $0.int(0) }
        return length
    }

    /// A source's stored text, or nil when it has none.
    public func storedText(ofSource id: String) throws -> String? {
        try database.cached("SELECT full_text FROM source WHERE id = ?1").scalarText([.text(id)])
    }

    /// Every link of a chain of transmission (a source and one it cites), ordered by source
    /// and then as the source lists them.
    /// The ids of the records of `kind` that the history entry bound to `?parameter` wrote, as
    /// SQL: the scope of a check of what one change wrote. `changedOnly`: those it changed, not
    /// those it added, for what names a record: a record added can be named only by records
    /// written with it or after it, which the entry holds or a later change writes. So an import
    /// into an empty store does not look up every citation of its sources once for each way a
    /// source is named (1.1 s more at 100k claims).
    private static func written(_ kind: Record.Kind, parameter: Int = 1, changedOnly: Bool = false) -> String {
        "SELECT record FROM change_record WHERE change = ?\(parameter)\(changedOnly ? " AND action = 'changed'" : "") AND kind = '\(kind.rawValue)'"
    }

    /// Every pair of a source and one it relays, both dated: through `cites`, and as a
    /// citation's `via` and claimant (each pair once), with their publication dates as stored.
    /// With `entry`, the pairs of the sources and claims that history entry wrote.
    func forEachDatedRelay(
        inEntry entry: Int? = nil,
        _ body: (_ relay: String, _ relayPublished: String, _ relayed: String, _ relayedPublished: String) throws -> Void
    ) throws {
        let (sources, claims) = (Self.written(.source), Self.written(.claim))
        let changedSources = Self.written(.source, changedOnly: true)
        // One indexed lookup each: an OR of them read every citation.
        let pairs =
            entry == nil
            ? """
            SELECT source AS relay, cited AS relayed FROM source_cites
            UNION SELECT via, source FROM citation WHERE via IS NOT NULL
            """
            : """
            SELECT source AS relay, cited AS relayed FROM source_cites WHERE source IN (\(sources))
            UNION SELECT source, cited FROM source_cites WHERE cited IN (\(changedSources))
            UNION SELECT via, source FROM citation WHERE via IN (\(changedSources))
            UNION SELECT via, source FROM citation WHERE via IS NOT NULL AND source IN (\(changedSources))
            UNION SELECT via, source FROM citation WHERE via IS NOT NULL AND claim IN (\(claims))
            """
        try database.prepare(
            """
            SELECT relay.id, relay.published, relayed.id, relayed.published FROM (\(pairs)) AS pair
            JOIN source AS relay ON relay.id = pair.relay
            JOIN source AS relayed ON relayed.id = pair.relayed
            WHERE relay.published IS NOT NULL AND relayed.published IS NOT NULL
            ORDER BY relay.id, relayed.id
            """
        ).forEachRow(entry.map { [.integer(Int64($0))] } ?? []) { row in
            try body(row.string(0), row.string(1), row.string(2), row.string(3))
        }
    }

    /// Every dated claim that stands with the publication dates of its citations' claimant and
    /// relay (nil when undated), a citation a row, in claim id order (what is found in them is
    /// listed as it is found). With `entry`, the claims that history entry wrote and those that
    /// cite a source it wrote.
    func forEachDatedClaimCitation(
        inEntry entry: Int? = nil,
        _ body: (_ claim: String, _ start: String, _ sourcePublished: String?, _ viaPublished: String?) throws -> Void
    ) throws {
        // Claims in id order, each one's citations through its key: SQLite's planner otherwise
        // walks the citations by source and sorts (1.4 s against 0.19 s at 100k claims).
        let claimsThenCitations = database.dialect(
            "claim CROSS JOIN citation ON citation.claim = claim.id",
            postgreSQL: "claim JOIN citation ON citation.claim = claim.id")
        let sources = Self.written(.source, changedOnly: true)
        let scope =
            entry == nil
            ? ""
            : """
            AND claim.id IN (\(Self.written(.claim))
                UNION SELECT claim FROM citation WHERE source IN (\(sources))
                UNION SELECT claim FROM citation WHERE via IN (\(sources)))
            """
        try database.prepare(
            """
            SELECT claim.id, claim.start_date, claimant.published, relay.published
            FROM \(claimsThenCitations)
            LEFT JOIN source AS claimant ON claimant.id = citation.source
            LEFT JOIN source AS relay ON relay.id = citation.via
            WHERE claim.start_date IS NOT NULL \(scope)
            ORDER BY claim.id
            """
        ).forEachRow(entry.map { [.integer(Int64($0))] } ?? []) { row in
            try body(row.string(0), row.string(1), row.text(2), row.text(3))
        }
    }

    /// Every source published, and every standing claim starting, after `day` (`YYYY-MM-DD`);
    /// with `entry`, of those that history entry wrote.
    func forEachDatedAfter(
        _ day: String, inEntry entry: Int? = nil, _ body: (_ kind: Record.Kind, _ id: String, _ date: String) throws -> Void
    ) throws {
        let (sources, claims) =
            entry == nil
            ? ("", "")
            : (
                " AND id IN (\(Self.written(.source, parameter: 2)))", " AND id IN (\(Self.written(.claim, parameter: 2)))"
            )
        // Partial dates sort as text in time order, and a date after the day sorts after it.
        try database.prepare(
            """
            SELECT 'source', id, published FROM source WHERE published > ?1\(sources)
            UNION ALL SELECT 'claim', id, start_date FROM claim WHERE start_date > ?1\(claims)
            ORDER BY 1, 2
            """
        ).forEachRow([.text(day)] + (entry.map { [.integer(Int64($0))] } ?? [])) { row in
            try body(row.string(0) == "source" ? .source : .claim, row.string(1), row.string(2))
        }
    }

    public func forEachCitesLink(_ body: (_ source: String, _ cited: String) throws -> Void) throws {
        try database.prepare("SELECT source, cited FROM source_cites ORDER BY source, position").forEachRow { row in
            try body(row.string(0), row.string(1))
        }
    }

    /// Every search key that names more than one entity, in key order, with those entities in
    /// id order.
    public func forEachSearchKeyShared(_ body: (_ key: String, _ entities: [String]) throws -> Void) throws {
        try database.prepare(
            database.isPostgreSQL
                ? """
                SELECT search_key, string_agg(DISTINCT entity, ',' ORDER BY entity) FROM entity_name
                GROUP BY search_key HAVING count(DISTINCT entity) > 1 ORDER BY search_key
                """
                : """
                SELECT search_key, group_concat(DISTINCT entity) FROM (SELECT search_key, entity FROM entity_name ORDER BY entity)
                GROUP BY search_key HAVING count(DISTINCT entity) > 1 ORDER BY search_key
                """
        ).forEachRow { row in try body(row.string(0), row.string(1).split(separator: ",").map(String.init)) }
    }

    /// Each entity's first name or alias (in its order) with this search key, in entity order:
    /// the names as written that ``forEachSearchKeyShared(_:)`` found folding to one key.
    public func namesWithSearchKey(_ key: String) throws -> [(entity: String, name: String)] {
        var names: [(entity: String, name: String)] = []
        try database.cached("SELECT entity, name FROM entity_name WHERE search_key = ?1 ORDER BY entity, position")
            .forEachRow([.text(key)]) { row in
                let entity = row.string(0)
                if names.last?.entity != entity { names.append((entity, row.string(1))) }
            }
        return names
    }

    /// Each standing claim with a retracted citation, in id order, with the claimants and vias
    /// of its retracted citations (each once, in the citations' order). Read through the
    /// retracted citations' own table, so a store with none answers at once.
    public func retractedCitationSources() throws -> [(claim: String, sources: [String])] {
        var found: [(claim: String, sources: [String])] = []
        try database.cached(
            """
            SELECT r.claim, r.source, r.via FROM retracted_citation AS r
            WHERE NOT EXISTS (SELECT 1 FROM retracted_claim AS c WHERE c.id = r.claim) ORDER BY r.claim, r.position
            """
        ).forEachRow([]) { row in
            let claim = row.string(0)
            if found.last?.claim != claim { found.append((claim, [])) }
            for source in [row.string(1), row.text(2)].compactMap({ $0 })
            where !found[found.count - 1].sources.contains(source) {
                found[found.count - 1].sources.append(source)
            }
        }
        return found
    }

    /// The urls that more than one source holds, read as one document (``SameVoice/url(_:)``:
    /// `http://www.example.org/a/?utm_source=x` is `https://example.org/a`), in the order of
    /// that reading, each with the urls as its sources write them (each once, in id order) and
    /// those sources in id order: one document entered under several ids.
    public func sourcesSharingURL() throws -> [(urls: [String], ids: [String])] {
        // Every url is held by its reading (a source a document: a few tens of thousands in the
        // largest stores), since the readings do not sort as the urls do.
        var byKey: [String: (urls: [String], ids: [String])] = [:]
        try database.cached("SELECT url, id FROM source WHERE url IS NOT NULL AND url <> '' ORDER BY id").forEachRow(
            []
        ) { row in
            let (url, id) = (row.string(0), row.string(1))
            let key = SameVoice.url(url)
            // A placeholder (`http://`) names no document: two of them are not one.
            guard !key.isEmpty else { return }
            var group = byKey[key] ?? ([], [])
            if !group.urls.contains(url) { group.urls.append(url) }
            group.ids.append(id)
            byKey[key] = group
        }
        return byKey.filter { $0.value.ids.count > 1 }.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            .map(\.value)
    }

    /// The claims, in id order, that hold one quote (``SameVoice/quote(_:)``: a final full stop
    /// set aside) cited from more than one source.
    public func claimsQuotingOneWordingFromSeveralSources() throws -> [String] {
        var repeated: [String] = []
        try database.cached(
            "SELECT claim FROM citation GROUP BY claim, rtrim(quote, '\(SameVoice.endPunctuation)') HAVING count(DISTINCT source) > 1 ORDER BY claim"
        ).forEachRow([]) { row in
            let claim = row.string(0)
            if repeated.last != claim { repeated.append(claim) }
        }
        return repeated
    }

    /// The claims two of whose citations have claimants that are different sources of one
    /// publisher (compared as ``SameVoice/publisher(_:)`` compares them, case only in ASCII
    /// letters), by id: the sources with a
    /// publisher first, so that a store that names none reads no citation.
    public func claimsCitingOnePublisherTwice() throws -> [String] {
        var found: [String] = []
        try database.prepare(
            """
            SELECT ci.claim FROM source AS s CROSS JOIN citation AS ci
            WHERE s.publisher IS NOT NULL AND ci.source = s.id
            GROUP BY ci.claim, lower(rtrim(trim(s.publisher), '\(SameVoice.endPunctuation)')) HAVING count(DISTINCT ci.source) > 1 ORDER BY ci.claim
            """
        ).forEachRow { row in
            let claim = row.string(0)
            if found.last != claim { found.append(claim) }
        }
        return found
    }

    /// The groups of claims that state one relationship over the same dates (either way round,
    /// for a symmetric predicate) and hold a citation in common with one stance, each in id
    /// order and with whether its claims state it both ways round; the groups in order of their
    /// ids.
    public func claimGroupsSharingACitation() throws -> [(ids: [String], isBothWays: Bool)] {
        // Linear, never pair by pair (a hub's pairs of entities hold hundreds of claims): the
        // relationships stated by more than one claim (a symmetric one's ends in byte order, as
        // both engines compare text), then their claims' citations counted by relationship,
        // dates, citation key and stance.
        let symmetric = vocabulary.predicates.filter(\.isSymmetric).map(\.id)
        let placeholders = symmetric.indices.map { "?\($0 + 1)" }.joined(separator: ", ")
        func isSymmetric(_ column: String) -> String { symmetric.isEmpty ? "FALSE" : "\(column) IN (\(placeholders))" }
        // CROSS JOIN keeps SQLite's order (the groups, then their claims through the subject
        // index); left to itself it read every symmetric claim against the groups (60 s at 1M).
        let sql = """
            WITH repeated AS MATERIALIZED (SELECT one, other, predicate FROM (SELECT \
            CASE WHEN \(isSymmetric("predicate")) AND object < subject THEN object ELSE subject END AS one, \
            CASE WHEN \(isSymmetric("predicate")) AND object < subject THEN subject ELSE object END AS other, predicate FROM claim) AS ends \
            GROUP BY one, other, predicate HAVING count(*) > 1), \
            stated AS (SELECT r.one, r.other, r.predicate, c.id, c.start_date, c.end_date FROM repeated r CROSS JOIN claim c \
            WHERE c.subject = r.one AND c.object = r.other AND c.predicate = r.predicate \
            UNION ALL SELECT r.one, r.other, r.predicate, c.id, c.start_date, c.end_date FROM repeated r CROSS JOIN claim c \
            WHERE c.subject = r.other AND c.object = r.one AND c.predicate = r.predicate AND r.one <> r.other \
            AND \(isSymmetric("r.predicate"))) \
            SELECT s.one, s.other, s.predicate, s.start_date, s.end_date, x.citation_key, x.stance \
            FROM stated s JOIN citation x ON x.claim = s.id \
            GROUP BY s.one, s.other, s.predicate, s.start_date, s.end_date, x.citation_key, x.stance HAVING count(*) > 1
            """
        var shared: [[Statement.Value]] = []
        try database.prepare(sql).forEachRow(symmetric.map { .text($0) }) { row in
            shared.append(
                (0..<7).map { column in
                    column == 5 ? .integer(row.int64(Int32(column))) : row.text(Int32(column)).map { .text($0) } ?? .null
                })
        }
        // The claims of each group (none in a sound store), in id order, and whether they state
        // it both ways round; several citations in common make one finding.
        var groups: [(ids: [String], isBothWays: Bool)] = []
        var named: Set<[String]> = []
        let members = """
            SELECT c.id, c.subject FROM claim c JOIN citation x ON x.claim = c.id AND x.citation_key = ?6 AND x.stance = ?7 \
            WHERE c.predicate = ?3 AND ((c.subject = ?1 AND c.object = ?2) OR (c.subject = ?2 AND c.object = ?1 AND ?1 <> ?2 AND ?8 = 1)) \
            AND c.start_date IS NOT DISTINCT FROM ?4 AND c.end_date IS NOT DISTINCT FROM ?5 ORDER BY c.id
            """
        for key in shared {
            guard case .text(let predicate) = key[2] else { continue }
            var ids: [String] = []
            var subjects: Set<String> = []
            let isSymmetricPredicate: Int64 = vocabulary[predicate]?.isSymmetric == true ? 1 : 0
            try database.prepare(members).forEachRow(key + [.integer(isSymmetricPredicate)]) { row in
                ids.append(row.string(0))
                subjects.insert(row.string(1))
            }
            if ids.count > 1, named.insert(ids).inserted { groups.append((ids, subjects.count > 1)) }
        }
        groups.sort { $0.ids.lexicographicallyPrecedes($1.ids) { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
        return groups
    }
}
