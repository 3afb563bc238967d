/// `isnad check`: everything that can be wrong with a store, found and explained.
///
/// A store written only by `isnad import` passes every check but the last three kinds, which are
/// about the data rather than the file: quotes that cannot be found in their source's stored
/// text, entities that are probably the same, and grades of 1 that the chains do not bear out. Stores edited by other tools (the sqlite3
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
        case unconfirmedGrade = "unconfirmed-grade"

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
            case .unconfirmedGrade: "credibility 1 (confirmed) without two independent channels"
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
        try checkConfirmations(store)
    }

    public var isClean: Bool { findings.isEmpty }

    private mutating func add(_ kind: Kind, _ subject: String, _ message: String) {
        findings.append(Finding(kind: kind, subject: subject, message: message))
    }

    private mutating func checkIntegrity(_ store: GraphStore) throws {
        for line in try store.storageIntegrityProblems() {
            add(.integrity, "store", line + " (restore a backup, or export what can be read and import it anew)")
        }
        examined[.integrity] = 1
    }

    /// Each reference the schema declares, checked by name so that a finding says which record
    /// and field point where (PRAGMA foreign_key_check only gives row numbers, and none for
    /// tables without rowids).
    private mutating func checkForeignKeys(_ store: GraphStore) throws {
        for reference in GraphStore.Reference.allCases {
            let (record, field, target) = IntegrityCheck.describe(reference)
            try store.forEachDanglingReference(reference) { holder, missing in
                add(
                    .foreignKey, "\(record) \"\(Text.printable(holder))\"",
                    "\(field): no \(target) \"\(Text.printable(missing))\" in the store (import it, or fix the reference)"
                )
            }
        }
        examined[.foreignKey] = try store.counts().claims
    }

    /// How a finding names a reference: the record that holds it, its field, and what it names.
    private static func describe(_ reference: GraphStore.Reference) -> (record: String, field: String, target: String) {
        switch reference {
        case .claimSubject: ("claim", "subject", "entity")
        case .claimObject: ("claim", "object", "entity")
        case .citationClaim: ("citation of claim", "claim", "claim")
        case .citationSource: ("claim", "citations.source", "source")
        case .citationVia: ("claim", "citations.via", "source")
        case .nameEntity: ("name of entity", "entity", "entity")
        case .citingSource: ("cites of source", "source", "source")
        case .citedSource: ("source", "cites", "source")
        }
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
        try store.forEachStoredEntityType { id, type in
            count += 1
            if EntityType(rawValue: type) == nil {
                add(
                    .invalidValue, "entity \"\(Text.printable(id))\"",
                    "type: \"\(Text.printable(type))\" is not one of \(EntityType.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
        }
        try store.forEachStoredSourceType { id, type, published in
            count += 1
            let subject = "source \"\(Text.printable(id))\""
            if SourceType(rawValue: type) == nil {
                add(
                    .invalidValue, subject,
                    "type: \"\(Text.printable(type))\" is not one of \(SourceType.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            _ = date(published, subject, "published")
        }
        try store.forEachStoredClaimDates { id, startText, endText in
            count += 1
            let subject = "claim \"\(Text.printable(id))\""
            let start = date(startText, subject, "start")
            let end = date(endText, subject, "end")
            if let start, let end, end.lastDay < start.firstDay {
                add(.invalidValue, subject, "end: \(end) is before start \(start)")
            }
        }
        examined[.invalidValue] = count
    }

    private mutating func checkClaims(_ store: GraphStore) throws {
        var count = 0
        try store.forEachClaimShape { id, predicate, subjectType, objectType, hasCitation in
            count += 1
            if let problem = store.vocabulary.problem(
                predicate: predicate, subjectType: subjectType.flatMap(EntityType.init(rawValue:)),
                objectType: objectType.flatMap(EntityType.init(rawValue:)))
            {
                add(.vocabulary, "claim \"\(id)\"", "\(problem.field): \(problem.message)")
            }
            if !hasCitation {
                add(.noCitation, "claim \"\(id)\"", "has no citation: nothing says who makes it (add one, or delete the claim)")
            }
        }
        examined[.vocabulary] = count
        examined[.noCitation] = count
    }

    /// Quotes are looked for in the stored text of the source they stand in (`via`, else the
    /// claimant), whitespace collapsed on both sides. Sources without text are not checked.
    private mutating func checkQuotes(_ store: GraphStore) throws {
        var currentHolder = ""
        var currentText = ""
        var count = 0
        try store.forEachQuoteInSourceWithText { holder, claim, position, quote in
            if holder != currentHolder {
                currentHolder = holder
                currentText = IntegrityCheck.collapsed(try store.storedText(ofSource: holder) ?? "")
            }
            count += 1
            if !currentText.contains(IntegrityCheck.collapsed(quote)) {
                add(
                    .quoteNotFound, "claim \"\(claim)\" citation \(position + 1)",
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
        try store.forEachCitesLink { source, cited in edges[source, default: []].append(cited) }
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
        try store.forEachSearchKeyShared { key, ids in
            count += 1
            let entities = ids.map { "\"\($0)\"" }.joined(separator: ", ")
            add(
                .probableDuplicate, "entities \(entities)",
                "share the name \"\(Text.printable(key))\" (after folding case, diacritics and spelling variants): merge them, or give them names that tell them apart"
            )
        }
        examined[.probableDuplicate] = try store.counts().entities
        _ = count
    }

    /// Every credibility 1 ("confirmed by other independent sources") on a claim whose side
    /// (support or denial) has fewer than two independent channels (``UnconfirmedGrade``).
    private mutating func checkConfirmations(_ store: GraphStore) throws {
        let graph = try TransmissionGraph(store: store)
        var count = 0
        try store.forEachClaim { claim in
            count += 1
            for found in graph.unconfirmedGrades(of: claim) {
                add(
                    .unconfirmedGrade, "claim \"\(Text.printable(found.claimID))\"",
                    Text.printable(
                        "citation \(found.position + 1) (\(found.via.map { "\(found.source) via \($0)" } ?? found.source)) is graded 1 (confirmed) but its \(found.stance == .denies ? "denial" : "support") has \(counted(found.channels, "independent channel")) (grade it 2, or add the independent source that confirms it)"
                    ))
            }
        }
        examined[.unconfirmedGrade] = count
    }
}
