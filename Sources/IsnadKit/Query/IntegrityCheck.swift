/// `isnad check`: everything that can be wrong with a store, found and explained.
///
/// A store written only by `isnad import` passes every check but the last two kinds, which are
/// about the data rather than the file: quotes that cannot be found in their source's stored
/// text, and entities that are probably the same. Stores edited by other tools (the sqlite3
/// shell, a script) can fail any of them.
public struct IntegrityCheck {
    public enum Kind: String, CaseIterable, Sendable {
        case integrity = "sqlite-integrity"
        case foreignKey = "foreign-key"
        case invalidValue = "invalid-value"
        case vocabulary = "vocabulary"
        case noCitation = "no-citation"
        case quoteNotFound = "quote-not-found"
        case citesCycle = "cites-cycle"
        case probableDuplicate = "probable-duplicate"

        /// What the check looks for, in a few words.
        public var title: String {
            switch self {
            case .integrity: "SQLite integrity"
            case .foreignKey: "references to missing rows"
            case .invalidValue: "values the record format does not allow"
            case .vocabulary: "predicates and types outside the vocabulary"
            case .noCitation: "claims with no citation"
            case .quoteNotFound: "quotes not found in their source's text"
            case .citesCycle: "cycles in chains of transmission"
            case .probableDuplicate: "entities that are probably the same"
            }
        }
    }

    /// One thing found wrong.
    public struct Finding: Sendable, Equatable {
        public let kind: Kind
        /// What it is about: `claim "c7"`, `source "x"`, `entities "a", "b"`.
        public let subject: String
        public let message: String
    }

    public private(set) var findings: [Finding] = []
    /// How many items each check looked at.
    public private(set) var examined: [Kind: Int] = [:]

    public init(store: GraphStore) throws {
        try checkIntegrity(store)
        try checkForeignKeys(store)
        try checkValues(store)
        try checkClaims(store)
        try checkQuotes(store)
        try checkCycles(store)
        try checkDuplicates(store)
    }

    public var isClean: Bool { findings.isEmpty }

    private mutating func add(_ kind: Kind, _ subject: String, _ message: String) {
        findings.append(Finding(kind: kind, subject: subject, message: message))
    }

    private mutating func checkIntegrity(_ store: GraphStore) throws {
        try store.database.prepare("PRAGMA integrity_check").forEachRow { row in
            let line = row.string(0)
            if line != "ok" {
                add(.integrity, "store", line + " (restore a backup, or export what can be read and import it anew)")
            }
        }
        examined[.integrity] = 1
    }

    /// Each reference the schema declares, checked by name so that a finding says which record
    /// and field point where (PRAGMA foreign_key_check only gives row numbers, and none for
    /// tables without rowids).
    private mutating func checkForeignKeys(_ store: GraphStore) throws {
        let references: [(sql: String, record: String, field: String, target: String)] = [
            ("SELECT id, subject FROM claim WHERE subject NOT IN (SELECT id FROM entity)", "claim", "subject", "entity"),
            ("SELECT id, object FROM claim WHERE object NOT IN (SELECT id FROM entity)", "claim", "object", "entity"),
            (
                "SELECT claim, claim FROM citation WHERE claim NOT IN (SELECT id FROM claim)", "citation of claim", "claim",
                "claim"
            ),
            (
                "SELECT claim, source FROM citation WHERE source NOT IN (SELECT id FROM source)", "claim", "citations.source",
                "source"
            ),
            ("SELECT claim, via FROM citation WHERE via NOT IN (SELECT id FROM source)", "claim", "citations.via", "source"),
            (
                "SELECT entity, entity FROM entity_name WHERE entity NOT IN (SELECT id FROM entity)", "name of entity", "entity",
                "entity"
            ),
            (
                "SELECT source, source FROM source_cites WHERE source NOT IN (SELECT id FROM source)", "cites of source",
                "source", "source"
            ),
            ("SELECT source, cited FROM source_cites WHERE cited NOT IN (SELECT id FROM source)", "source", "cites", "source"),
        ]
        for reference in references {
            try store.database.prepare(reference.sql).forEachRow { row in
                add(
                    .foreignKey, "\(reference.record) \"\(Text.printable(row.string(0)))\"",
                    "\(reference.field): no \(reference.target) \"\(Text.printable(row.string(1)))\" in the store (import it, or fix the reference)"
                )
            }
        }
        examined[.foreignKey] = try store.counts().claims
    }

    /// Values that an import would have refused, written by another tool: entity and source
    /// types, dates, an end before its start. Reading such a value falls back to a default
    /// (an unknown type reads as organization or other, a bad date as no date), so it is
    /// reported here rather than shown silently wrong.
    private mutating func checkValues(_ store: GraphStore) throws {
        var count = 0
        func date(_ text: String?, _ subject: String, _ field: String) -> PartialDate? {
            guard let text else { return nil }
            do {
                return try PartialDate(parsing: text)
            } catch {
                add(.invalidValue, subject, "\(field): \(error)")
                return nil
            }
        }
        try store.database.prepare("SELECT id, type FROM entity ORDER BY id").forEachRow { row in
            count += 1
            if EntityType(rawValue: row.string(1)) == nil {
                add(
                    .invalidValue, "entity \"\(Text.printable(row.string(0)))\"",
                    "type: \"\(Text.printable(row.string(1)))\" is not one of \(EntityType.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
        }
        try store.database.prepare("SELECT id, type, published FROM source ORDER BY id").forEachRow { row in
            count += 1
            let subject = "source \"\(Text.printable(row.string(0)))\""
            if SourceType(rawValue: row.string(1)) == nil {
                add(
                    .invalidValue, subject,
                    "type: \"\(Text.printable(row.string(1)))\" is not one of \(SourceType.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            _ = date(row.text(2), subject, "published")
        }
        try store.database.prepare(
            "SELECT id, start_date, end_date FROM claim WHERE start_date IS NOT NULL OR end_date IS NOT NULL ORDER BY id"
        ).forEachRow { row in
            count += 1
            let subject = "claim \"\(Text.printable(row.string(0)))\""
            let start = date(row.text(1), subject, "start")
            let end = date(row.text(2), subject, "end")
            if let start, let end, end.lastDay < start.firstDay {
                add(.invalidValue, subject, "end: \(end) is before start \(start)")
            }
        }
        examined[.invalidValue] = count
    }

    private mutating func checkClaims(_ store: GraphStore) throws {
        var count = 0
        let select = try store.database.prepare(
            """
            SELECT c.id, c.predicate, s.type, o.type,
                   NOT EXISTS (SELECT 1 FROM citation WHERE claim = c.id)
            FROM claim AS c LEFT JOIN entity AS s ON s.id = c.subject LEFT JOIN entity AS o ON o.id = c.object
            ORDER BY c.id
            """)
        try select.forEachRow { row in
            count += 1
            let id = row.string(0)
            if let problem = store.vocabulary.problem(
                predicate: row.string(1), subjectType: row.text(2).flatMap(EntityType.init(rawValue:)),
                objectType: row.text(3).flatMap(EntityType.init(rawValue:)))
            {
                add(.vocabulary, "claim \"\(id)\"", "\(problem.field): \(problem.message)")
            }
            if row.int(4) == 1 {
                add(.noCitation, "claim \"\(id)\"", "has no citation: nothing says who makes it (add one, or delete the claim)")
            }
        }
        examined[.vocabulary] = count
        examined[.noCitation] = count
    }

    /// Quotes are looked for in the stored text of the source they stand in (`via`, else the
    /// claimant), whitespace collapsed on both sides. Sources without text are not checked.
    private mutating func checkQuotes(_ store: GraphStore) throws {
        let select = try store.database.prepare(
            """
            SELECT coalesce(ci.via, ci.source) AS holder, ci.claim, ci.position, ci.quote
            FROM citation AS ci JOIN source AS s ON s.id = coalesce(ci.via, ci.source)
            WHERE s.full_text IS NOT NULL ORDER BY holder, ci.claim, ci.position
            """)
        let text = try store.database.prepare("SELECT full_text FROM source WHERE id = ?1")
        var currentHolder = ""
        var currentText = ""
        var count = 0
        try select.forEachRow { row in
            let holder = row.string(0)
            if holder != currentHolder {
                currentHolder = holder
                currentText = IntegrityCheck.collapsed(try text.scalarText([.text(holder)]) ?? "")
            }
            count += 1
            let quote = row.string(3)
            if !currentText.contains(IntegrityCheck.collapsed(quote)) {
                add(
                    .quoteNotFound, "claim \"\(row.string(1))\" citation \(row.int(2) + 1)",
                    "quote «\(Text.printable(String(quote.prefix(60))))\(quote.count > 60 ? "…" : "")» is not in the text of \(holder)"
                )
            }
        }
        examined[.quoteNotFound] = count
    }

    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// A source that relays, through its chain, a source that relays it back.
    private mutating func checkCycles(_ store: GraphStore) throws {
        var edges: [String: [String]] = [:]
        try store.database.prepare("SELECT source, cited FROM source_cites ORDER BY source, position").forEachRow { row in
            edges[row.string(0), default: []].append(row.string(1))
        }
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var stack: [String] = []
        var reported: Set<String> = []
        func visit(_ source: String) {
            marks[source] = .visiting
            stack.append(source)
            for cited in edges[source] ?? [] {
                switch marks[cited] {
                case .visiting?:
                    if let start = stack.firstIndex(of: cited) {
                        let cycle = Array(stack[start...])
                        let key = cycle.sorted().joined(separator: " ")
                        if reported.insert(key).inserted {
                            add(
                                .citesCycle, "source \"\(cited)\"",
                                "cites itself through " + (cycle + [cited]).joined(separator: " → ")
                                    + " (a source cannot relay what relays it)")
                        }
                    }
                case .done?: break
                case nil: visit(cited)
                }
            }
            stack.removeLast()
            marks[source] = .done
        }
        for source in edges.keys.sorted() where marks[source] == nil { visit(source) }
        examined[.citesCycle] = edges.count
    }

    /// Different entities with a name or alias that folds to the same search key.
    private mutating func checkDuplicates(_ store: GraphStore) throws {
        var count = 0
        try store.database.prepare(
            """
            SELECT search_key, group_concat(DISTINCT entity) FROM (SELECT search_key, entity FROM entity_name ORDER BY entity)
            GROUP BY search_key HAVING count(DISTINCT entity) > 1 ORDER BY search_key
            """
        ).forEachRow { row in
            count += 1
            let entities = row.string(1).split(separator: ",").map { "\"\($0)\"" }.joined(separator: ", ")
            add(
                .probableDuplicate, "entities \(entities)",
                "share the name \"\(Text.printable(row.string(0)))\" (after folding case, diacritics and spelling variants): merge them, or give them names that tell them apart"
            )
        }
        examined[.probableDuplicate] = try store.counts().entities
        _ = count
    }
}
