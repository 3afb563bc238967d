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
            if line != "ok" { add(.integrity, "store", line + " (restore a backup, or export what can be read and import it anew)") }
        }
        examined[.integrity] = 1
    }

    private mutating func checkForeignKeys(_ store: GraphStore) throws {
        var count = 0
        try store.database.prepare("PRAGMA foreign_key_check").forEachRow { row in
            count += 1
            let table = row.string(0)
            let parent = row.string(2)
            add(.foreignKey, "\(table) row \(row.int(1))", "refers to a \(parent) that does not exist")
        }
        examined[.foreignKey] = try store.counts().claims
        _ = count
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
                    "quote «\(Text.printable(String(quote.prefix(60))))\(quote.count > 60 ? "…" : "")» is not in the text of \(holder)")
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
                                "cites itself through " + (cycle + [cited]).joined(separator: " → ") + " (a source cannot relay what relays it)")
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
                "share the name \"\(Text.printable(row.string(0)))\" (after folding case, diacritics and spelling variants): merge them, or give them names that tell them apart")
        }
        examined[.probableDuplicate] = try store.counts().entities
        _ = count
    }
}
