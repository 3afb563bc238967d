/// `isnad check`: everything that can be wrong with a store, found and explained.
///
/// A store written only by `isnad import` passes every check but those about the data rather
/// than the file: quotes that cannot be found in their source's stored text, entities that are
/// probably the same, grades of 1 that the chains do not bear out, one voice counted twice, and
/// dates that cannot all be right. Stores edited by other tools (the sqlite3
/// shell, a script) can fail any of them.
public struct IntegrityCheck {
    public enum Kind: String, CaseIterable, Sendable {
        case schema = "schema"
        case integrity = "sqlite-integrity"
        case foreignKey = "foreign-key"
        case invalidValue = "invalid-value"
        case vocabulary = "vocabulary"
        case noCitation = "no-citation"
        case quoteNotFound = "quote-not-found"
        case unverifiedQuote = "unverified-quote"
        case quoteInAnotherForm = "quote-in-another-form"
        case passageQuotedTwice = "passage-quoted-twice"
        case passageForAndAgainst = "passage-for-and-against"
        case citesCycle = "cites-cycle"
        case citesTooDeep = "cites-too-deep"
        case probableDuplicate = "probable-duplicate"
        case lookAlikeName = "look-alike-name"
        case nameKey = "name-key"
        case unconfirmedGrade = "unconfirmed-grade"
        case oneVoiceTwice = "one-voice-twice"
        case relaysRetracted = "relays-retracted"
        case datesInConflict = "dates-in-conflict"
        case notAsHistoryLeftThem = "not-as-history-left-them"

        /// Whether what the check finds is to be looked at rather than wrong: listed as a warning,
        /// not counted among the problems (`check` exits 0 for it). A quote let in `--unverified`
        /// was let in on purpose, with a reason; but it counts in full, and a reviewer must read it.
        /// One passage cited twice is told by the quotes' words and line locators alone: two
        /// sentences of a text without locators, one holding the other's words, look the same.
        /// A citation that relays a retracted one may have its own grounds: the analyst decides.
        public var isWarning: Bool { self == .unverifiedQuote || self == .passageQuotedTwice || self == .relaysRetracted }

        /// What the check looks for, in a few words.
        public var title: String {
            switch self {
            case .schema: "the schema Isnad creates, and nothing else"
            case .integrity: "SQLite integrity"
            case .foreignKey: "references to missing rows"
            case .invalidValue: "values the record format does not allow"
            case .vocabulary: "predicates and types outside the vocabulary"
            case .noCitation: "claims with no citation"
            case .quoteNotFound: "quotes not found in their source's text"
            case .unverifiedQuote: "quotes let in unverified though their source has text (to review)"
            case .quoteInAnotherForm: "one quote cited twice, typed two ways (marks, spaces, typeset characters, Unicode form)"
            case .passageQuotedTwice: "one passage cited twice by one claimant, one quote within the other (to review)"
            case .passageForAndAgainst: "one passage cited by one claimant both for a claim and against it"
            case .citesCycle: "cycles in chains of transmission"
            case .citesTooDeep: "chains of transmission deeper than weighing follows (\(CitesDepth.stepsAtMost) cites steps)"
            case .probableDuplicate: "entities that are probably the same"
            case .lookAlikeName: "names with look-alike or invisible characters"
            case .nameKey: "search keys and index entries that are not their names' own"
            case .unconfirmedGrade: "credibility 1 (confirmed) that no other channel bears out"
            case .oneVoiceTwice:
                "one voice counted twice (one url, one publisher or one quote in independent channels, one claim stored twice)"
            case .relaysRetracted:
                "standing citations relaying a source whose every citation of the claim is retracted (to review)"
            case .datesInConflict: "dates that cannot all be right (relays, claims and their sources, dates to come)"
            case .notAsHistoryLeftThem: "records not as their history left them"
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

    /// What was found, in the order found: every finding, or the first of each check as many
    /// as ``init(store:keepingPerCheck:found:)`` was told to keep (``counts`` has them all).
    public private(set) var findings: [Finding] = []
    /// How many things each check found; a check that found nothing is not here.
    public private(set) var counts: [Kind: Int] = [:]
    /// How many findings of each check ``findings`` keeps; nil: all.
    private let keptPerCheck: Int?
    /// Given each finding as it is found, while the checks run (only then: see the initialiser).
    private var report: ((Finding) throws -> Void)?
    /// The records (`claim "c7"`) and the subjects of the value check's findings so far, for
    /// ``checkRecordsAsImported(_:)`` not to name a record twice: each subject with every part
    /// of it that ends before a space.
    private var recordsWithInvalidValue: Set<String> = []
    /// Claims with two citations by one claimant in one `via` (``checkValues(_:)`` finds them).
    private var claimsCitingOneSourceTwice: [String] = []
    /// Whether the store is on PostgreSQL, where two checks are other checks: see ``title(of:)``.
    private var isPostgreSQL = false
    /// How many items each check looked at; a check missing here was not run (every check but
    /// the schema's, when the schema was changed by another program).
    public private(set) var examined: [Kind: Int] = [:]

    /// The names (folded) more than ``GraphStore/namesakesPairedAtMost`` entities bear, which the
    /// check of probable duplicates passes over as common names, as `duplicates` does.
    public private(set) var commonNamesPassedOver = 0

    /// Whether the store keeps no history entry of its own (a copy made without it, a store from
    /// before it, one whose history was deleted): the history check had nothing to hold the
    /// records against.
    public private(set) var hasNoHistory = false

    /// Whether the only history the store keeps was imported from another store's (`import
    /// --from history`), which the history check does not hold its records against.
    public private(set) var hasOnlyImportedHistory = false

    /// Whether the check of `kind` ran: "ok" means something only for a check that did.
    public func hasRun(_ kind: Kind) -> Bool { examined[kind] != nil }

    /// Checks the store, giving `found` each finding as it is found and keeping the first
    /// `keepingPerCheck` of each check in ``findings`` (nil: every one), so that a store with a
    /// million findings is checked in the memory its checks take, not its findings' (each
    /// check's findings come out in its own order, the checks in ``Kind``'s but for those run
    /// together: vocabulary and citations; look-alike names and search keys; quotes not found
    /// and those let in unverified). One opened with
    /// ``GraphStore/Access/examine`` whose schema another program changed gets its differences
    /// reported and no other check: those would read the store through the objects that were
    /// changed.
    public init(store: GraphStore, keepingPerCheck kept: Int? = nil, found: (Finding) throws -> Void = { _ in }) throws {
        try self.init(store: store, today: PartialDate.today, keepingPerCheck: kept, found: found)
    }

    /// Checks the store as of `today` (a date to come is one after it).
    init(
        store: GraphStore, today: PartialDate, keepingPerCheck kept: Int? = nil, found: (Finding) throws -> Void = { _ in }
    ) throws {
        keptPerCheck = kept
        // `found` is held while the checks run and let go before this returns.
        try withoutActuallyEscaping(found) { found in
            report = found
            defer { report = nil }
            try run(store, today: today)
        }
    }

    /// The dates that cannot all be right (``Kind/datesInConflict``) among what history entry
    /// `entry` wrote: its sources and claims, the claims that cite its sources, and the relays
    /// between them; as `check` finds them, so that `add`, `set` and `import` can say so when the
    /// date is typed. Read in the change's transaction, a dry run's entry is there too. Keeps
    /// the first `keeping` findings (nil: all); ``counts`` has how many there are.
    /// `onlyDatesToCome`: only the sources and claims dated after today (an index range each),
    /// not the pairs of dates that conflict, which read every citation the entry wrote again.
    public static func datesInConflict(
        writtenBy entry: Int, in store: GraphStore, today: PartialDate = .today, keeping kept: Int? = nil,
        onlyDatesToCome: Bool = false
    ) throws -> IntegrityCheck {
        var check = IntegrityCheck(keepingPerCheck: kept)
        if onlyDatesToCome {
            try check.checkDatesToCome(store, today: today, inEntry: entry)
        } else {
            try check.checkDates(store, today: today, inEntry: entry)
        }
        return check
    }

    private init(keepingPerCheck kept: Int?) { keptPerCheck = kept }

    private mutating func run(_ store: GraphStore, today: PartialDate) throws {
        isPostgreSQL = store.database.isPostgreSQL
        for difference in store.schemaDifferences {
            try add(
                .schema, "store",
                difference
                    + " (another program changed this store: undo that change in the sqlite3 shell, such as DROP INDEX for an index it added, or restore a backup)"
            )
        }
        examined[.schema] = 1
        guard store.schemaDifferences.isEmpty else { return }
        try checkIntegrity(store)
        try checkForeignKeys(store)
        try checkValues(store)
        try checkClaims(store)
        try checkQuotes(store)
        try checkQuoteForms(store)
        try checkCycles(store)
        try checkDuplicates(store)
        try checkNames(store)
        // Built once for both checks that weigh claims. A source whose stored grade is out of
        // range (found above) leaves nothing to weigh with; a store that fails to be read (a
        // lock, a lost server) fails the check, which must not say "ok" of what it could not read.
        let graph = try Self.unlessInvalidValue { try TransmissionGraph(store: store) }
        try checkConfirmations(store, graph: graph)
        try checkEchoes(store, graph: graph)
        try checkRelaysOfRetracted(store, graph: graph)
        try checkDates(store, today: today)
        try checkRecordsAgainstHistory(store)
    }

    public var isClean: Bool { counts.keys.allSatisfy(\.isWarning) }

    /// How many problems the checks found, all told (warnings aside: ``Kind/isWarning``).
    public var problemCount: Int { counts.filter { !$0.key.isWarning }.values.reduce(0, +) }

    /// How many findings the checks made, warnings included.
    public var findingCount: Int { counts.values.reduce(0, +) }

    /// What `read` gives, or nil where it meets a stored value out of its vocabulary or range
    /// (another check names it): the checks go on past such a record. Any other failure is thrown.
    private static func unlessInvalidValue<Value>(_ read: () throws -> Value) throws -> Value? {
        do {
            return try read()
        } catch StoreError.invalidValue {
            return nil
        }
    }

    /// What the check of `kind` looked for on this store. On PostgreSQL the engine's check is
    /// reading every table whole (the server checks each page it reads), and the schema is
    /// checked by its version only: its objects are not compared with `Schemas/postgresql/`.
    public func title(of kind: Kind) -> String {
        switch kind {
        case .integrity where isPostgreSQL: "PostgreSQL: every table read whole"
        case .schema where isPostgreSQL: "the schema's version (its objects are not compared on PostgreSQL)"
        default: kind.title
        }
    }

    private mutating func add(_ kind: Kind, _ subject: String, _ message: String) throws {
        let finding = Finding(kind: kind, subject: subject, message: message)
        let count = counts[kind, default: 0]
        counts[kind] = count + 1
        if keptPerCheck.map({ count < $0 }) ?? true { findings.append(finding) }
        if kind == .invalidValue {
            recordsWithInvalidValue.insert(subject)
            for space in subject.indices where subject[space] == " " {
                recordsWithInvalidValue.insert(String(subject[..<space]))
            }
        }
        try report?(finding)
    }

    private mutating func checkIntegrity(_ store: GraphStore) throws {
        for line in try store.storageIntegrityProblems() {
            try add(.integrity, "store", line + " (restore a backup, or export what can be read and import it anew)")
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
                try add(
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
        case .mergedEntity: ("merged id", "entity", "entity")
        case .retractedCitationClaim: ("retracted citation of claim", "claim", "claim")
        case .retractedCitationSource: ("claim", "retracted citations.source", "source")
        case .retractedCitationVia: ("claim", "retracted citations.via", "source")
        case .changedRecordEntry: ("history record", "entry", "history entry")
        }
    }

    /// Values that an import would have refused, written by another tool: entity and source
    /// types, dates, an end before its start. Reading such a value falls back to a default
    /// (an unknown type reads as organization or other, a bad date as no date), so it is
    /// reported here rather than shown silently wrong.
    private mutating func checkValues(_ store: GraphStore) throws {
        var count = 0
        func date(_ text: String?, _ subject: String, _ field: String) throws -> PartialDate? {
            guard let text else { return nil }
            do {
                return try PartialDate(parsing: text)
            } catch {
                try add(.invalidValue, subject, "\(field): \(error)")
                return nil
            }
        }
        try store.forEachStoredEntityType { id, type, attributes in
            count += 1
            let subject = "entity \"\(Text.printable(id))\""
            if EntityType(rawValue: type) == nil {
                try add(
                    .invalidValue, subject,
                    "type: \"\(Text.printable(type))\" is not one of \(EntityType.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            if !IntegrityCheck.isAttributesObject(attributes) {
                try add(
                    .invalidValue, subject,
                    "attributes: \"\(Text.printable(String(attributes.prefix(40))))\" is not a JSON object of strings")
            } else if let problem = IntegrityCheck.attributesProblem(attributes) {
                try add(.invalidValue, subject, problem)
            }
        }
        try store.forEachStoredSourceType { id, type, published, reliability in
            count += 1
            let subject = "source \"\(Text.printable(id))\""
            if SourceType(rawValue: type) == nil {
                try add(
                    .invalidValue, subject,
                    "type: \"\(Text.printable(type))\" is not one of \(SourceType.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            if Reliability(rawValue: reliability) == nil {
                try add(.invalidValue, subject, "reliability: \"\(Text.printable(reliability))\" is not a grade from A to F")
            }
            _ = try date(published, subject, "published")
        }
        // The claims where one claimant (in one via) stands twice, gathered in the same pass for
        // ``checkQuoteForms(_:)``: only their quotes are read again.
        var claimant: (claim: String, seen: Set<String>)?
        for retracted in [false, true] {
            try store.forEachStoredCitationGrade(retracted: retracted) { claim, position, stance, credibility, source, via in
                count += 1
                if !retracted {
                    if claimant?.claim != claim { claimant = (claim, []) }
                    if claimant?.seen.insert(source + "\u{0}" + (via ?? "")).inserted == false,
                        claimsCitingOneSourceTwice.last != claim
                    {
                        claimsCitingOneSourceTwice.append(claim)
                    }
                }
                let subject =
                    "claim \"\(Text.printable(claim))\" \(retracted ? "retracted citation" : "citation") \(CitationNumber.shown(position))"
                if Stance(rawValue: stance) == nil {
                    try add(.invalidValue, subject, "stance: \"\(Text.printable(stance))\" is not asserts, reports or denies")
                }
                if credibility.flatMap(Credibility.init(rawValue:)) == nil {
                    try add(.invalidValue, subject, "credibility: the stored value is not an integer from 1 to 6")
                }
            }
        }
        try store.forEachStoredTextProblem { record, field, problem in try add(.invalidValue, record, "\(field): \(problem)") }
        try store.forEachBrokenRecordRule { record, field, problem in try add(.invalidValue, record, "\(field): \(problem)") }
        try store.forEachBrokenHistoryLink { entry, field, problem in
            try add(.invalidValue, "history entry \(entry)", "\(field): \(problem)")
        }
        let decoder = RecordDecoder(vocabulary: store.vocabulary)
        try store.forEachStoredRecordLine { place, field, kind, id, line in
            count += 1
            guard let kind = Record.Kind(rawValue: kind) else {
                try add(.invalidValue, place, "kind: \"\(Text.printable(kind))\" is not entity, source or claim")
                return
            }
            do {
                _ = try decoder.decode(keptLine: line, kind: kind, id: id)
            } catch {
                try add(.invalidValue, place, "\(field): \(error)")
            }
        }
        try store.forEachStoredClaimDates { id, startText, endText in
            count += 1
            let subject = "claim \"\(Text.printable(id))\""
            let start = try date(startText, subject, "start")
            let end = try date(endText, subject, "end")
            if let start, let end, end.lastDayNumber < start.firstDayNumber {
                try add(.invalidValue, subject, "end: \(end) is before start \(start)")
            }
        }
        try checkRecordsAsImported(store)
        examined[.invalidValue] = count
    }

    /// Every record as `export jsonl` writes it, read back by the import's own rules
    /// (``RecordDecoder``): what no rule above names (an empty name, a language tag that is not
    /// one, a merged id that is not a slug) is found here, so that a store whose backup would not
    /// import is never called clean. A record with a finding already is not reported again; a
    /// value that keeps the records from being read ends the pass (it is reported above).
    private mutating func checkRecordsAsImported(_ store: GraphStore) throws {
        // Those found before this pass (its own findings are of records it reads once).
        let alreadyFound = recordsWithInvalidValue
        func isFound(_ record: String) -> Bool { alreadyFound.contains(record) }
        do {
            try StoreExporter.forEachLine(of: store, includingRetracted: true, readingEachClaimAsStored: true) { _, problem in
                guard let problem, let subject = problem.record, !isFound(subject) else { return }
                try add(
                    .invalidValue, subject,
                    "\(problem.field.map { "\($0): " } ?? "")\(problem.message)\(IntegrityCheck.correctionHint)")
            }
        } catch let error as StoreError {
            guard case .invalidValue(_, let record, let field, let problem) = error, !isFound(record) else { return }
            try add(.invalidValue, record, "\(field): \(problem)\(IntegrityCheck.correctionHint)")
        }
    }

    /// What to do of a record an import would refuse: it can be corrected in place, and until it
    /// is, its backup cannot be made (an older Isnad may have taken what today's rules refuse).
    static let correctionHint =
        " (isnad set or isnad edit corrects it; until then a backup, export jsonl --include-retracted, refuses the store)"

    /// What makes an attributes object's keys or values text an import refuses (a control
    /// character written as a JSON escape passes the column's own check), or nil.
    static func attributesProblem(_ text: String) -> String? {
        guard case .object(let object)? = try? JSONParser.parse(text) else { return nil }
        for member in object.members {
            if let problem = Text.problem(with: member.key) { return "attributes: a key \(problem)" }
            if case .string(let value) = member.value, let problem = Text.problem(with: value) {
                return "attributes.\(Text.printable(member.key)): \(problem)"
            }
        }
        return nil
    }

    static func isAttributesObject(_ text: String) -> Bool {
        guard case .object(let object)? = try? JSONParser.parse(text) else { return false }
        return object.members.allSatisfy { if case .string = $0.value { true } else { false } }
    }

    private mutating func checkClaims(_ store: GraphStore) throws {
        var count = 0
        try store.forEachClaimShape { id, predicate, subjectType, objectType, hasCitation in
            count += 1
            if let problem = store.vocabulary.problem(
                predicate: predicate, subjectType: subjectType.flatMap(EntityType.init(rawValue:)),
                objectType: objectType.flatMap(EntityType.init(rawValue:)))
            {
                try add(.vocabulary, "claim \"\(id)\"", "\(problem.field): \(problem.message)")
            }
            if !hasCitation {
                try add(
                    .noCitation, "claim \"\(id)\"", "has no citation: nothing says who makes it (add one, or delete the claim)")
            }
        }
        examined[.noCitation] = count
        examined[.vocabulary] = count
    }

    /// Quotes are looked for in the stored text of the source they stand in (`via`, else the
    /// claimant), as `add claim` looks for them (``QuoteLocator``). Sources without text are not checked, nor
    /// quotes whose locator says why they are not word for word (``QuoteLocator/isUnverified(_:)``):
    /// what `add claim --unverified` and a sheet let in, `check` does not hold against the store,
    /// but lists, in the same pass, as warnings to review: it counts in full in the grades.
    private mutating func checkQuotes(_ store: GraphStore) throws {
        examined[.quoteNotFound] = try store.forEachQuoteNotFound(
            unverified: { holder, claim, position, quote, locator in
                let shown = Text.printable(Text.excerpt(quote))
                try add(
                    .unverifiedQuote, "claim \"\(claim)\" citation \(CitationNumber.shown(position))",
                    "quote «\(shown)» was let in unverified (\(Text.printable(locator))), though \(holder) has text: read it against the text, and correct the quote or keep the reason"
                )
            }
        ) { holder, claim, position, quote, text in
            // Where it breaks off, as an import or an edit says it: the word that differs is
            // what the analyst looks for.
            let brokenOff = QuoteLocator.partialMatch(of: quote, in: text).map { ": " + Text.printable($0.description) } ?? ""
            try add(
                .quoteNotFound, "claim \"\(claim)\" citation \(CitationNumber.shown(position))",
                "quote «\(Text.printable(Text.excerpt(quote)))» is not in the text of \(holder)"
                    + brokenOff
            )
        }
        examined[.unverifiedQuote] = examined[.quoteNotFound]
    }

    /// Two citations of one claim by one claimant, in one `via`, whose quotes are one passage
    /// typed two ways, as the quote matcher reads them (``QuoteLocator/passageKey(of:)``): in two
    /// Unicode forms (composed and decomposed: أ, or ا and a hamza mark), with and without a
    /// mark the text has, other runs of spaces, typographic quotation marks or plain ones. One
    /// citation typed twice, which an import keys apart (its key is the quote's bytes) and so
    /// counts as two: with two stances, a claim disputed by its own source.
    private mutating func checkQuoteForms(_ store: GraphStore) throws {
        for claim in claimsCitingOneSourceTwice {
            // Keyed by the passage key's bytes: it is composed already, and a String is hashed
            // composed again, in time quadratic in a long run of marks (zalgo text).
            var quotes: [String: [[UInt8]: (position: Int, quote: String, reading: String)]] = [:]
            var passages: [(position: Int, citation: Citation, stance: String)] = []
            try store.forEachCitationReading(ofClaim: claim) { position, source, via, quote, reading, locator in
                let claimant = source + "\u{0}" + (via ?? "")
                let key = Array(QuoteLocator.passageKey(of: quote).utf8)
                guard let twin = quotes[claimant]?[key] else {
                    quotes[claimant, default: [:]][key] = (position, quote, reading)
                    // Which passage a citation quotes is its claimant's and its quote's; of its reading
                    // (which begins with it) only the stance counts.
                    let stance = String(reading.prefix { $0 != " " })
                    let citation = Citation(
                        source: source, via: via, quote: quote, stance: Stance(rawValue: stance) ?? .reports,
                        credibility: .cannotBeJudged, locator: locator)
                    passages.append((position, citation, stance))
                    return
                }
                let subject = "claim \"\(claim)\" citation \(CitationNumber.shown(position))"
                // Equal composed, they differ in Unicode form only (as Swift's String compares,
                // but in time linear in a run of marks).
                let how =
                    QuoteLocator.composed(twin.quote.unicodeScalars).utf8.elementsEqual(
                        QuoteLocator.composed(quote.unicodeScalars).utf8)
                    ? "in another Unicode form"
                    : "with other marks, spaces or typeset characters (quotation marks, dashes, ligatures)"
                let repeats = "repeats the quote of citation \(CitationNumber.shown(twin.position)) \(how)"
                if twin.reading == reading {
                    try add(
                        .quoteInAnotherForm, subject,
                        "\(repeats): one citation typed twice (take one out: isnad set \(claim) 'citations[\(position)]' null)")
                } else {
                    try add(
                        .quoteInAnotherForm, subject,
                        "\(repeats), read otherwise (stance, credibility, translation or locator): one citation given two readings; keep the right one, take the other out (isnad set \(claim) 'citations[\(twin.position)]' null takes out citation \(CitationNumber.shown(twin.position)), 'citations[\(position)]' null this one)"
                    )
                }
            }
            try checkPassagesQuotedTwice(claim, passages)
            // As an import refuses it (``SelfDispute``): one finding a claim, its first pair.
            if let dispute = SelfDispute.first(in: passages.map(\.citation)) {
                let (earlier, later) = (passages[dispute.earlier], passages[dispute.later])
                let (first, second) = (CitationNumber.shown(earlier.position), CitationNumber.shown(later.position))
                try add(
                    .passageForAndAgainst, "claim \"\(Text.printable(claim))\" citation \(second)",
                    SelfDispute.description(later.citation, earlier.citation, earlierPlace: "citation \(first)")
                        + "; keep the right one, take the other out (isnad set \(claim) 'citations[\(earlier.position)]' null takes out citation \(first), 'citations[\(later.position)]' null this one), or tell two sentences apart by their line locators (isnad set \(claim) 'citations[\(later.position)].locator' 'line N')"
                )
            }
        }
        examined[.quoteInAnotherForm] = claimsCitingOneSourceTwice.count
        examined[.passageQuotedTwice] = claimsCitingOneSourceTwice.count
        examined[.passageForAndAgainst] = claimsCitingOneSourceTwice.count
    }

    /// Two citations of one claim by one claimant, in one `via`, one of whose quotes holds the
    /// other (``Citation/quotesTheSamePassage(as:)``; one passage typed two ways is the finding
    /// above): a quote edited in another store, its hedge cut off, say, which an import keyed
    /// apart and added beside the one it was edited from. The passage counts twice, and with two
    /// stances the claimant disputes itself.
    private mutating func checkPassagesQuotedTwice(
        _ claim: String, _ passages: [(position: Int, citation: Citation, stance: String)]
    ) throws {
        // Each passage worked out once, and compared only with the claimant's own, the first
        // ``QuotedPassage/comparedAtMost`` of them: pair by pair, a claim citing one source
        // thousands of times took minutes.
        var byClaimant: [String: [(index: Int, passage: QuotedPassage)]] = [:]
        for (index, later) in passages.enumerated() {
            let claimant = later.citation.source + "\u{0}" + (later.citation.via ?? "")
            let passage = QuotedPassage(later.citation.quote)
            let before = byClaimant[claimant, default: []]
            if before.count < QuotedPassage.comparedAtMost { byClaimant[claimant, default: []].append((index, passage)) }
            for (earlierIndex, earlierPassage) in before where earlierPassage.holdsOrIsWithin(passage) {
                let earlier = passages[earlierIndex]
                guard earlier.citation.mayStandAtThePlaceOf(later.citation) else { continue }
                // For the claim and against it: a problem, not a warning (``SelfDispute``, below).
                guard (earlier.citation.stance == .denies) == (later.citation.stance == .denies) else { continue }
                func described(_ passage: (position: Int, citation: Citation, stance: String)) -> String {
                    let quote = passage.citation.quote
                    return
                        "\(Text.printable(passage.stance)) «\(Text.printable(Text.excerpt(quote)))»"
                }
                let (first, second) = (CitationNumber.shown(earlier.position), CitationNumber.shown(later.position))
                try add(
                    .passageQuotedTwice, "claim \"\(Text.printable(claim))\" citation \(second)",
                    "quotes (\(described(later))) the passage of \"\(Text.printable(later.citation.source))\" that citation \(first) quotes (\(described(earlier))), one quote within the other: one passage cited twice, an edited quote beside its original, say; keep the right one, take the other out (isnad set \(claim) 'citations[\(earlier.position)]' null takes out citation \(first), 'citations[\(later.position)]' null this one)"
                )
            }
        }
    }

    /// A source that relays, through its chain, a source that relays it back.
    private mutating func checkCycles(_ store: GraphStore) throws {
        var edges: [String: [String]] = [:]
        try store.forEachCitesLink { source, cited in edges[source, default: []].append(cited) }
        for cycle in CitesCycles.find(in: edges) {
            guard let first = cycle.first else { continue }
            try add(.citesCycle, "source \"\(first)\"", CitesCycles.message(cycle))
        }
        examined[.citesCycle] = edges.count
        // Written by another program (an import refuses them): weighing stops at the limit.
        let longest = CitesDepth.longest(in: edges)
        for (top, chain) in CitesDepth.tooDeep(in: edges, longest: longest) {
            try add(
                .citesTooDeep, "source \"\(top)\"",
                CitesDepth.message(steps: chain.steps, chain: CitesDepth.shown(from: top, in: longest)))
        }
        examined[.citesTooDeep] = edges.count
    }

    /// A chain of sources as `a → b → c`; a long one with its middle left out, so that a
    /// finding stays one readable line.
    static func chain(_ sources: [String]) -> String {
        guard sources.count > 12 else { return sources.joined(separator: " → ") }
        return (sources.prefix(6) + ["… (\(sources.count - 9) more) …"] + sources.suffix(3)).joined(separator: " → ")
    }

    /// Different entities with a name or alias that folds to the same search key; not a name
    /// more than ``GraphStore/namesakesPairedAtMost`` entities bear, which `duplicates` does not
    /// pair either (``GraphStore/commonNames()``).
    private mutating func checkDuplicates(_ store: GraphStore) throws {
        var count = 0
        try store.forEachSearchKeyShared { key, ids in
            // A key another program left empty is a finding of the search keys' check, not a name.
            guard !key.isEmpty else { return }
            // A name more entities bear than `duplicates` pairs is a common name, not one actor
            // twice (10,000 Mohammed Ahmeds failed check on one line of 408 KB): by the same rule,
            // a finding names 20 entities at most.
            guard ids.count <= GraphStore.namesakesPairedAtMost else {
                commonNamesPassedOver += 1
                return
            }
            count += 1
            let entities = ids.map { "\"\($0)\"" }.joined(separator: ", ")
            // The names as written: the key itself is a folded form nobody wrote (ى as ي, ال dropped).
            let named = try store.namesWithSearchKey(key).map {
                "\($0.entity) \"\(Text.printable(Text.nameWithinLimit($0.name)))\""
            }
            // merge takes entities of one type only: two types are advised what can be done.
            let types = Set(try ids.compactMap { try store.entity(id: $0)?.type.rawValue }).sorted()
            let advice =
                types.count > 1
                ? "they are of different types (\(types.joined(separator: ", "))), which merge refuses: give them names that tell them apart, or correct a wrong type (isnad set ID type TYPE) before merging"
                : "merge them, or give them names that tell them apart"
            try add(
                .probableDuplicate, "entities \(entities)",
                "have names that are one once case, diacritics and spelling variants are set aside (\(named.joined(separator: ", "))): \(advice)"
            )
        }
        examined[.probableDuplicate] = try store.counts().entities
        _ = count
    }

    /// Names that look like another name but are not the same text, so that a reader (and
    /// search) takes them for what they imitate: letters of two scripts in one word ("Hаmas" with
    /// a Cyrillic а), invisible characters, compatibility forms (fullwidth "Ｈａｍａｓ").
    ///
    /// And names whose stored search keys are not what this Isnad makes of them: search goes by
    /// the keys, so a key planted in a store (another entity's) makes a command take that name for
    /// this entity.
    private mutating func checkNames(_ store: GraphStore) throws {
        var count = 0
        try store.forEachStoredName { entity, position, name, searchKey, consonantKey in
            count += 1
            let subject = "entity \"\(Text.printable(entity))\"" + (position == 0 ? " name" : " aliases[\(position - 1)]")
            for problem in NameLookAlike.problems(in: name) {
                try add(.lookAlikeName, subject, "\"\(Self.shown(name))\" \(problem)")
            }
            let folded = NameKey.fold(name)
            if searchKey != folded || consonantKey != NameKey.consonants(ofFolded: folded) {
                try add(
                    .nameKey, subject,
                    "\"\(Self.shown(name))\" is searched for by keys that are not its own (another program wrote them): search may take another name for it; isnad reindex writes them again from the names"
                )
            }
        }
        do {
            try checkSearchIndex(store)
        } catch let error as DatabaseError {
            // A damaged index fails the statements that read it: that is the finding.
            try add(
                .nameKey, "store",
                "the name search index cannot be read (\(Text.printable(error.message))): search fails or misses names; try isnad reindex, which builds it again; where SQLite cannot, export the records and import them into a new store"
            )
        }
        examined[.lookAlikeName] = count
        examined[.nameKey] = count
    }

    /// A stored name as a finding quotes it: cut as reading output cuts it (a planted name of
    /// 20 MB made one finding of 20 MB), then escaped when it holds only invisible characters.
    private static func shown(_ name: String) -> String {
        let cut = Text.nameWithinLimit(name)
        return Text.invisibleEscaped(cut) ?? Text.printable(cut)
    }

    /// The name search index against the names' keys: its entries, name by name (the first ten
    /// named, the rest counted), and its terms, by looking a sample of names up by their own keys.
    private mutating func checkSearchIndex(_ store: GraphStore) throws {
        let mend = "isnad reindex builds the index again"
        let (unindexed, unindexedCount, entriesOfNoName) = try store.namesOutOfSearchIndex(shown: 10)
        for (entity, position, name) in unindexed {
            try add(
                .nameKey, "entity \"\(Text.printable(entity))\"" + (position == 0 ? " name" : " aliases[\(position - 1)]"),
                "\"\(Self.shown(name))\" is not in the name search index as its key is (another program wrote or damaged the index): search may miss it or take another name for it; \(mend)"
            )
        }
        if unindexedCount > unindexed.count {
            try add(
                .nameKey, "store",
                "and \(counted(unindexedCount - unindexed.count, "more name")) not in the name search index as their keys are; \(mend)"
            )
        }
        if entriesOfNoName > 0 {
            try add(
                .nameKey, "store",
                "the name search index holds \(counted(entriesOfNoName, "entry", "entries")) of names that are not in the store (another program wrote or damaged the index): search may take another name for them; \(mend)"
            )
        }
        // The index's terms, which a search reads and the entries above are not: looked at when
        // the entries are sound, since damaged entries fail the lookups too.
        guard unindexedCount == 0, entriesOfNoName == 0 else { return }
        let (missed, sampled) = try store.namesNotFoundBySearch()
        if missed > 0 {
            try add(
                .nameKey, "store",
                "the name search index does not find \(missed) of \(sampled) names looked up by their own keys (its terms were changed or damaged): search misses names; \(mend)"
            )
        }
    }

    /// Dates that cannot all be right, each a mistake of one of them (or a claim that is a
    /// forecast, which no claim is meant to be): a source that relays one published after it (a
    /// citation read in it is then public before its claimant spoke, and passes --known-by
    /// wrongly); a claim that starts after every source that speaks of it was public; a source
    /// published, or a claim starting, after today.
    /// With `entry`, of what that history entry wrote, the dates to come first: the dates the
    /// change wrote itself, before those of other records it conflicts with (a source relayed
    /// by hundreds), which a warning that lists the first few would otherwise hide.
    private mutating func checkDates(_ store: GraphStore, today: PartialDate, inEntry entry: Int? = nil) throws {
        if entry != nil { try checkDatesToCome(store, today: today, inEntry: entry) }
        var count = 0
        try store.forEachDatedRelay(inEntry: entry) { relay, relayPublished, relayed, relayedPublished in
            count += 1
            guard let relayDate = try? PartialDate(parsing: relayPublished),
                let relayedDate = try? PartialDate(parsing: relayedPublished),
                relayDate.lastDayNumber < relayedDate.firstDayNumber
            else { return }
            try add(
                .datesInConflict, "source \"\(Text.printable(relay))\"",
                "published \(relayDate), relays \(Text.printable(relayed)), published \(relayedDate): one of the two dates is wrong (isnad set \(Text.printable(relay)) published …)"
            )
        }
        var claim = ""
        var start: PartialDate?
        var latestPublic: PartialDate?
        var isEveryCitationDated = true
        func finishClaim() throws {
            defer {
                latestPublic = nil
                isEveryCitationDated = true
            }
            // A start after today is said below, once.
            guard let start, let latestPublic, isEveryCitationDated, start.firstDayNumber > latestPublic.lastDayNumber,
                start.firstDayNumber <= today.lastDayNumber
            else { return }
            try add(
                .datesInConflict, "claim \"\(Text.printable(claim))\"",
                "starts \(start), after every source that speaks of it was public (the latest \(latestPublic)): its start, or a source's date, is wrong (isnad set \(Text.printable(claim)) start …)"
            )
        }
        try store.forEachDatedClaimCitation(inEntry: entry) { id, startText, sourcePublished, viaPublished in
            if id != claim {
                try finishClaim()
                claim = id
                start = try? PartialDate(parsing: startText)
                count += 1
            }
            // A citation is public from the earlier of its claimant's and its relay's dates, as
            // --known-by reads it; one with neither date could have spoken at any time.
            let parsed = [sourcePublished, viaPublished].map { $0.flatMap { try? PartialDate(parsing: $0) } }
            guard let since = GradedCitation.earlier(parsed[0], parsed[1]) else {
                isEveryCitationDated = false
                return
            }
            // Of two dates that end on one day (2000 and 2000-12), the narrower: the engines read
            // citations in different orders, and the message must not depend on it.
            if latestPublic.map({ (since.lastDayNumber, since.firstDayNumber) > ($0.lastDayNumber, $0.firstDayNumber) }) ?? true {
                latestPublic = since
            }
        }
        try finishClaim()
        if entry == nil { try checkDatesToCome(store, today: today, inEntry: nil) }
        examined[.datesInConflict] = count
    }

    /// A source published, or a claim starting, after today.
    private mutating func checkDatesToCome(_ store: GraphStore, today: PartialDate, inEntry entry: Int?) throws {
        try store.forEachDatedAfter(today.description, inEntry: entry) { kind, id, date in
            try add(
                .datesInConflict, "\(kind.rawValue) \"\(Text.printable(id))\"",
                "\(kind == .source ? "published" : "starts") \(Text.printable(date)), after today (\(today) in UTC+14, where the day comes first): a date to come is a mistake"
            )
        }
    }

    /// Every credibility 1 ("confirmed by other independent sources") that no other independent
    /// channel of its side bears out (``UnconfirmedGrade``).
    private mutating func checkConfirmations(_ store: GraphStore, graph: TransmissionGraph?) throws {
        guard let graph else { return }
        func weigh(_ claim: GradedClaim) throws {
            for found in graph.unconfirmedGrades(of: claim) {
                try add(
                    .unconfirmedGrade, "claim \"\(Text.printable(found.claimID))\"",
                    Text.printable(
                        "citation \(CitationNumber.shown(found.position)) (\(found.via.map { "\(found.source) via \($0)" } ?? found.source)) is graded 1 (confirmed) but no other independent channel of its \(found.stance == .denies ? "denial" : "support") \(found.stance == .denies ? "denies" : "asserts") it from an A–C source graded 1–3 (A–C once capped by the via and common link it is read through; it has \(counted(found.channels, "independent channel"))): grade it 2, or add the independent source that confirms it"
                    ))
            }
        }
        // Only a claim with a citation graded 1 can have one unconfirmed: found through the
        // citations first, the others are not read whole (a million claims read for none, in a
        // store where no source is graded 1, was a fifth of `check`).
        let rows = try store.claimRowsCitingConfirmedGrade()
        var passedOver = 0
        if counts[.invalidValue] != nil {
            // Claims read one by one, so that a claim holding a value found above is passed over
            // rather than ending the check.
            for row in rows {
                var claim: GradedClaim?
                do { try store.forEachClaim(rows: [row]) { claim = $0 } } catch { claim = nil }
                if let claim { try weigh(claim) } else { passedOver += 1 }
            }
        } else {
            try store.forEachClaim(rows: rows) { try weigh($0) }
        }
        // Every claim was looked at (those without a grade 1 through the query): as many as the
        // claims' check counted, less those passed over.
        examined[.unconfirmedGrade] = (examined[.noCitation] ?? 0) - passedOver
    }

    /// Weighing counts as independent what no `cites` joins; two things say that one voice was
    /// entered twice: two sources with one url (one article under two ids), and one claim's words
    /// given word for word by citations in different channels (one copied the other, or both a
    /// third). Each is a question for the analyst, not an error: `cites`, or one id, answers it.
    private mutating func checkEchoes(_ store: GraphStore, graph: TransmissionGraph?) throws {
        for (urls, sharing) in try store.sourcesSharingURL() {
            // Versions of one page (the original, its update, its correction), the later citing
            // the earlier, are one channel already: what the finding asks for is done. Only
            // sources that no `cites` joins to another of them (either way, transitively) are
            // counted twice.
            let ids = graph.map { Self.unjoinedByCites(sharing, graph: $0) } ?? sharing
            guard ids.count > 1 else { continue }
            // Urls that differ only in what ``SameVoice/url(_:)`` sets aside are shown as written.
            let shown =
                urls.count == 1
                ? "one url (\(urls[0]))" : "one url written \(urls.count) ways (\(urls.prefix(5).joined(separator: ", ")))"
            try add(
                .oneVoiceTwice, "sources " + ids.prefix(5).map { "\"\(Text.printable($0))\"" }.joined(separator: ", "),
                Text.printable(
                    "have \(shown): one document under \(ids.count) ids weighs as \(ids.count) independent voices; keep one (isnad set CLAIM 'citations[N].source' ID moves a citation), or say which relays which with cites"
                ))
        }
        if let graph {
            for id in try store.claimsQuotingOneWordingFromSeveralSources() {
                guard let claim = try Self.unlessInvalidValue({ try store.claim(id: id) }) ?? nil else { continue }
                let stored = try Self.storedPositions(of: claim, store: store)
                let weight = graph.weigh(claim)
                var channelOf: [Int: Int] = [:]
                for (index, channel) in (weight.supporting + weight.denying).enumerated() {
                    for position in channel.citations { channelOf[position] = index }
                }
                var firstOfQuote: [String: Int] = [:]
                for (position, cited) in claim.citations.enumerated() {
                    let quote = SameVoice.quote(cited.citation.quote)
                    guard let first = firstOfQuote[quote] else {
                        firstOfQuote[quote] = position
                        continue
                    }
                    let earlier = claim.citations[first].citation
                    guard earlier.source != cited.citation.source, channelOf[first] != channelOf[position] else { continue }
                    // One past the last of its cites adds one.
                    let next = try store.publisherAndCitesCount(ofSource: cited.citation.source)?.cites ?? 0
                    try add(
                        .oneVoiceTwice, "claim \"\(Text.printable(id))\"",
                        Text.printable(
                            "citations \(CitationNumber.shown(stored[first])) (\(earlier.source)) and \(CitationNumber.shown(stored[position])) (\(cited.citation.source)) give the same words, in channels no cites joins: weighed as two independent voices; if one took them from the other, say so (isnad set \(cited.citation.source) 'cites[\(next)]' \(earlier.source))"
                        ))
                }
            }
        }
        if let graph { try checkOnePublisherTwice(store, graph: graph) }
        try checkOneRelationshipTwice(store)
        examined[.oneVoiceTwice] = (examined[.noCitation] ?? 0)
    }

    /// Each standing citation whose claimant or via `cites` (transitively) a source whose every
    /// citation of the claim was retracted (``RelayOfRetracted``): a paper asserting in its own
    /// voice what it had from a leak shown forged stands alone once the leak's citations are
    /// retracted, stronger than what it relayed. Only claims with a retracted citation are read.
    private mutating func checkRelaysOfRetracted(_ store: GraphStore, graph: TransmissionGraph?) throws {
        guard let graph else { return }
        for (id, retracted) in try store.retractedCitationSources() {
            guard let claim = try Self.unlessInvalidValue({ try store.claim(id: id) }) ?? nil else { continue }
            let standing = claim.citations.map(\.citation)
            // A source still named by a standing citation still speaks to the claim.
            let gone = retracted.filter { source in !standing.contains { $0.source == source || $0.via == source } }
            let found = graph.relays(of: gone, among: standing)
            guard !found.isEmpty else { continue }
            let stored = try Self.storedPositions(of: claim, store: store)
            for relay in found {
                let citation = relay.citation
                let number = CitationNumber.shown(stored[relay.position])
                let grade = "\(claim.citations[relay.position].reliability.rawValue)\(citation.credibility.rawValue)"
                let who = citation.via.map { "\(citation.source) via \($0)" } ?? citation.source
                let side = relay.relay == citation.source ? "" : "its via "
                try add(
                    .relaysRetracted, "claim \"\(Text.printable(id))\"",
                    Text.printable(
                        "citation \(number) (\(who), \(citation.stance.rawValue) \(grade)) stands, and \(side)\(relay.reach), whose every citation of this claim is retracted: its \(grade) stands without it; if \(relay.relay) had the claim from \(relay.retracted), retract citation \(number) too (isnad retract \(id) --citation \(number) --reason TEXT)"
                    ))
            }
        }
        examined[.relaysRetracted] = (examined[.noCitation] ?? 0)
    }

    /// Of sources that share a url, one of each group that `cites` joins (one reaching another,
    /// transitively, either way): several only when some are not joined. In their order.
    static func unjoinedByCites(_ ids: [String], graph: TransmissionGraph) -> [String] {
        // Each id's group, the first id of it, asked pairwise: a few ids share a url. Many (a
        // site's home page given as the url of each of its articles) are reported as they are.
        guard ids.count <= 32 else { return ids }
        var group = Array(ids.indices)
        func root(_ index: Int) -> Int {
            var index = index
            while group[index] != index { index = group[index] }
            return index
        }
        for first in ids.indices {
            for second in ids.indices where second > first {
                let (a, b) = (ids[first], ids[second])
                guard graph.reaches(a, from: b) || graph.reaches(b, from: a) else { continue }
                let (x, y) = (root(first), root(second))
                if x != y { group[max(x, y)] = min(x, y) }
            }
        }
        return ids.indices.filter { root($0) == $0 }.map { ids[$0] }
    }

    /// Two claimants of one claim from one publisher (two statements of one ministry, two
    /// articles of one outlet), in channels of one side that no `cites` joins: weighed as two
    /// independent voices, where an analyst would often hear one. A question, as the others: the
    /// publisher is free text, and two desks of one outlet may well be independent.
    private mutating func checkOnePublisherTwice(_ store: GraphStore, graph: TransmissionGraph) throws {
        for id in try store.claimsCitingOnePublisherTwice() {
            guard let claim = try Self.unlessInvalidValue({ try store.claim(id: id) }) ?? nil else { continue }
            let stored = try Self.storedPositions(of: claim, store: store)
            let weight = graph.weigh(claim)
            var channelOf: [Int: (side: Int, channel: Int)] = [:]
            for (side, channels) in [weight.supporting, weight.denying].enumerated() {
                for (index, channel) in channels.enumerated() {
                    for position in channel.citations { channelOf[position] = (side, index) }
                }
            }
            // Each source read once, without its text.
            var sources: [String: (publisher: String?, cites: Int)] = [:]
            func read(_ source: String) throws -> (publisher: String?, cites: Int) {
                if let known = sources[source] { return known }
                let found = try store.publisherAndCitesCount(ofSource: source) ?? (nil, 0)
                sources[source] = found
                return found
            }
            func publisher(of source: String) throws -> String? {
                try read(source).publisher.map(SameVoice.publisher)
            }
            // The first citation of each publisher, side and channel; a later citation of another
            // source of that publisher, on the same side in another channel, is the finding.
            var firstOf: [String: (position: Int, channel: Int)] = [:]
            var said: Set<String> = []
            for (position, cited) in claim.citations.enumerated() {
                guard let place = channelOf[position], let name = try publisher(of: cited.citation.source) else { continue }
                let key = "\(place.side)\u{0}\(name)"
                guard let first = firstOf[key] else {
                    firstOf[key] = (position, place.channel)
                    continue
                }
                let earlier = claim.citations[first.position].citation
                guard earlier.source != cited.citation.source, first.channel != place.channel,
                    said.insert(key + "\u{0}" + cited.citation.source).inserted
                else { continue }
                // Named as the first source spells it, cut as a name is (a planted one may be
                // megabytes); one past the last of the later's cites adds one.
                let shown = try read(earlier.source).publisher ?? name
                let next = try read(cited.citation.source).cites
                try add(
                    .oneVoiceTwice, "claim \"\(Text.printable(id))\"",
                    Text.printable(
                        "citations \(CitationNumber.shown(stored[first.position])) (\(earlier.source)) and \(CitationNumber.shown(stored[position])) (\(cited.citation.source)) are both published by \"\(Text.nameWithinLimit(shown.trimmingCharacters(in: .whitespaces)))\", in channels no cites joins: weighed as two independent voices; if they are one, say which relays which (isnad set \(cited.citation.source) 'cites[\(next)]' \(earlier.source))"
                    ))
            }
        }
    }

    /// The stored position of each of the claim's standing citations, as `set` and `retract
    /// --citation` count them (a retracted citation keeps its number); the claim's own order when
    /// the two reads disagree (another program's change between them).
    private static func storedPositions(of claim: GradedClaim, store: GraphStore) throws -> [Int] {
        let positions = try store.citationPositions(ofClaim: claim.claim.id)
        return positions.count == claim.citations.count ? positions : Array(claim.citations.indices)
    }

    /// One relationship stored as two claims or more over the same dates (either way round, for
    /// a symmetric predicate: two stores exchanged records, each having taken the direction its
    /// first citation gave), holding one citation with one stance: its words back the
    /// relationship twice. Claims that share no citation may be kept apart on purpose (a sheet
    /// keeps a listing's ids); a source that says it in one and denies it in the other is a
    /// contradiction, not an echo.
    private mutating func checkOneRelationshipTwice(_ store: GraphStore) throws {
        for (ids, isBothWays) in try store.claimGroupsSharingACitation() {
            let (first, others) = (ids[0], ids.dropFirst())
            try add(
                .oneVoiceTwice,
                "claims " + ids.prefix(5).map { "\"\(Text.printable($0))\"" }.joined(separator: ", ")
                    + (ids.count > 5 ? " and \(ids.count - 5) more" : ""),
                Text.printable(
                    "state one relationship\(isBothWays ? " (not all the same way round)" : "") over the same dates, and hold the same citation: its words are counted for it \(ids.count == 2 ? "twice" : "\(ids.count) times"); if they are one, move what only \(others.count == 1 ? others[1] : "the others") \(others.count == 1 ? "holds" : "hold") to \(first) (isnad edit \(first)) and retract \(others.count == 1 ? "it" : "them") (isnad retract \(others[1]) --reason \"the claim \(first) again\")"
                ))
        }
    }

    /// Every record as this store's own history last left it: the line its latest entry wrote
    /// must be the record as stored, and a record that entry removed must be absent; and the
    /// history's entries numbered without a gap, none deleted. A change made outside Isnad (the
    /// sqlite3 shell, a script) that leaves valid values — another phrase of the same text as a
    /// quote, another grade, stance or date, a retraction or a claim deleted — passes every
    /// other check; here it differs from the history. Not found: a change that also rewrote the
    /// history to match, or a history deleted whole.
    ///
    /// Records the history never speaks of (a store from before it, a copy made without it) and
    /// those an import added by id alone are not held against anything. Entries appended from
    /// another store's history (`import --from history`) are not either: they describe that
    /// store's records as they were there, numbered after this store's own entries whatever
    /// their time, so that a record this store changed before the import would read as changed
    /// here against them; and a history may travel without its records, or with an export of
    /// them taken at another time.
    ///
    /// The history's line and the record are compared byte for byte, then, when they differ,
    /// as records: the line read back by the import's rules and written again, so that a line an
    /// older Isnad wrote (a field it did not know, in another order) is not a difference.
    private mutating func checkRecordsAgainstHistory(_ store: GraphStore) throws {
        guard try store.hasOwnHistory() else {
            hasNoHistory = true
            hasOnlyImportedHistory = try store.hasAnyHistory()
            examined[.notAsHistoryLeftThem] = 0
            return
        }
        let decoder = RecordDecoder(vocabulary: store.vocabulary)
        var writer = RecordWriter()
        func line(_ record: Record) -> String {
            var bytes = writer.encode(record)
            if bytes.last == 0x0A { bytes.removeLast() }
            return String(decoding: bytes, as: UTF8.self)
        }
        typealias Left = (kind: Record.Kind, id: String, entry: Int, isRemoval: Bool, after: String?)
        var batch: [Left] = []
        var batchBytes = 0
        var count = 0
        func compare() throws {
            defer {
                batch.removeAll(keepingCapacity: true)
                batchBytes = 0
            }
            guard !batch.isEmpty else { return }
            var ids: [Record.Kind: [String]] = [:]
            for left in batch { ids[left.kind, default: []].append(left.id) }
            // A batch holding a value another check names is read again record by record, each
            // unreadable one passed over.
            let read = try Self.unlessInvalidValue {
                try store.storedRecords(
                    entities: ids[.entity] ?? [], sources: ids[.source] ?? [], claims: ids[.claim] ?? [],
                    includingRetractedClaims: true)
            }
            for left in batch {
                let stored: Record?
                if let read {
                    stored = read.record(left.kind, id: left.id)
                } else {
                    // Nil: a value the value check names keeps this record from being read.
                    guard let one = try Self.unlessInvalidValue({ try store.record(left.kind, id: left.id) }) else {
                        continue
                    }
                    stored = one
                }
                count += 1
                try compare(left, with: stored.map(line))
            }
        }
        func compare(_ left: Left, with stored: String?) throws {
            let subject = "\(left.kind.rawValue) \"\(Text.printable(left.id))\""
            let log = "isnad log \(Text.printable(left.id)) shows its entries"
            guard let after = left.after, !left.isRemoval else {
                guard stored != nil else { return }
                try add(
                    .notAsHistoryLeftThem, subject,
                    "the store holds it; history entry \(left.entry) removed it — added outside Isnad? (\(log))")
                return
            }
            guard let stored else {
                let retracted = Self.isRetractedClaimLine(after)
                try add(
                    .notAsHistoryLeftThem, subject,
                    "the store does not hold it; history entry \(left.entry) left it \(retracted ? "retracted" : "in the store") — deleted outside Isnad\(retracted ? ", or a copy made --without-retractions" : "")? (\(log))"
                )
                return
            }
            if RecordDiff.sameBytes(after, stored) { return }
            // Written again by today's writer: a line of an older Isnad compares as its record.
            // One that is no record line is the value check's finding.
            guard let record = try? decoder.decode(keptLine: after, kind: left.kind, id: left.id) else { return }
            let history = line(record)
            if RecordDiff.sameBytes(history, stored) { return }
            // The history's retracted citations, and nothing else, missing: what a copy made
            // --without-retractions (history kept) leaves, not a value set back by `isnad set`.
            if case .claim(var claim) = record, claim.citations.contains(where: { $0.retraction != nil }) {
                let retracted = claim.citations.indices.filter { claim.citations[$0].retraction != nil }
                claim.citations.removeAll { $0.retraction != nil }
                if RecordDiff.sameBytes(line(.claim(claim)), stored) {
                    let paths = Self.listed(retracted.map { "citations[\($0)]" })
                    try add(
                        .notAsHistoryLeftThem, subject,
                        "the store does not hold \(paths); history entry \(left.entry) left \(retracted.count == 1 ? "it" : "them") retracted — deleted outside Isnad, or a copy made --without-retractions? (\(log))"
                    )
                    return
                }
            }
            let fields = RecordDiff(before: history, after: stored).fields
            guard !fields.isEmpty else { return }
            func value(_ text: String?) -> String {
                guard let text else { return "absent" }
                return Text.printable(Text.excerpt(text))
            }
            let shown = fields.prefix(3)
            let more = fields.count > shown.count ? " (and \(counted(fields.count - shown.count, "field")) more)" : ""
            let inStore = Self.listed(shown.map { "\(Text.printable($0.path)) is \(value($0.after))" })
            let inHistory = Self.listed(shown.map { value($0.before) })
            try add(
                .notAsHistoryLeftThem, subject,
                "\(inStore) in the store\(more); history entry \(left.entry) left \(shown.count == 1 ? "it" : "them") \(inHistory) — changed outside Isnad? (\(log)\(Self.areSettable(fields, stored: stored) ? "; isnad set puts a value back" : ""))"
            )
        }
        try store.forEachRecordAsHistoryLeftIt { kind, id, entry, isRemoval, after in
            // A kind that is none is the value check's finding.
            guard let kind = Record.Kind(rawValue: kind) else { return }
            batch.append((kind, id, entry, isRemoval, after))
            batchBytes += after?.utf8.count ?? 0
            // A few megabytes a batch: a source's text may be megabytes, kept in its line too.
            if batch.count == GraphStore.batchSize || batchBytes > 1 << 23 { try compare() }
        }
        try compare()
        try store.forEachGapInHistory { first, last in
            try add(
                .notAsHistoryLeftThem, "history",
                (first == last ? "entry \(first) is missing" : "entries \(first) to \(last) are missing")
                    + ": Isnad numbers its entries without a gap — deleted outside Isnad? (what \(first == last ? "it" : "they") changed is not accounted for; isnad log shows the entries around \(first == last ? "it" : "them"))"
            )
        }
        examined[.notAsHistoryLeftThem] = count
    }

    /// Whether `isnad set` can write each field back as the history left it: not `merged`
    /// (merge and unmerge change it), nor an element the store's list lacks (set adds none, but
    /// an alias or a cite one past the last), such as a citation deleted.
    private static func areSettable(_ fields: [RecordDiff.Field], stored: String) -> Bool {
        var top: JSONObject?
        for field in fields {
            let key = field.path.prefix { $0 != "[" && $0 != "." }
            if key == "merged" { return false }
            guard field.after == nil, field.path.dropFirst(key.count).first == "[",
                key != "aliases", key != "cites"
            else { continue }
            // Absent in the store: a field of an element it holds, or the element itself.
            let index = Int(field.path.dropFirst(key.count + 1).prefix { $0 != "]" }) ?? 0
            if top == nil, case .object(let object)? = try? JSONParser.parse(stored) { top = object }
            guard case .array(let items)? = top?.members.first(where: { $0.key == key })?.value,
                items.indices.contains(index)
            else { return false }
        }
        return true
    }

    /// `a`, `a and b`, `a, b and c`.
    private static func listed(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }

    /// Whether a history line is that of a retracted claim (it holds `"retracted"` at its top).
    private static func isRetractedClaimLine(_ line: String) -> Bool {
        guard case .object(let object)? = try? JSONParser.parse(line) else { return false }
        return object.members.contains { $0.key == "retracted" }
    }
}
