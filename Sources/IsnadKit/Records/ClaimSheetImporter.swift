/// `isnad import FILE.csv`: claims spreadsheets (``ClaimSheet``), their entities and sources
/// named as on the command line, every row one citation, all of them one transaction and one
/// history entry. The sheets are read row by row (``ClaimSheetReader``) and each row written as
/// it is read, so memory does not grow with the sheet; a row that cites a relationship an
/// earlier row (or the store) has adds its citation to that claim.
public struct ClaimSheetImporter {
    public struct Options {
        /// Read and check everything, then roll the transaction back.
        public var isDryRun = false
        /// How many problems the failure lists (it counts them all).
        public var maximumReportedProblems = 20
        public var change: ChangeDescription

        public init(change: ChangeDescription) { self.change = change }
    }

    public struct Summary: Sendable {
        public var citations = 0
        /// Claims the sheets brought that the store did not have.
        public var addedClaims = 0
        /// Claims the store had that gained or updated a citation.
        public var extendedClaims = 0
        /// Citations the store had (the same source, via and quote) that a row gave with another
        /// stance, credibility, translation or locator, and updated: said apart, since an update
        /// can turn a denial into support.
        public var changedCitations = 0
        /// The history entry, nil for a dry run or when nothing changed.
        public var entry: Int?
    }

    /// The sheets were refused, nothing imported: the problems found (file, line, column,
    /// column name and message), at most the number asked for, and how many there were.
    public struct Failure: Error, CustomStringConvertible {
        public let names: [String]
        public let problems: [String]
        public let totalCount: Int

        public var description: String {
            let more = totalCount > problems.count ? "\n… and \(totalCount - problems.count) more" : ""
            return
                "\(totalCount) problem\(totalCount == 1 ? "" : "s") in \(names.joined(separator: ", ")); nothing imported:\n"
                + problems.joined(separator: "\n") + more
        }
    }

    /// A refusal that stops the import at once (the store's state forbids the row).
    public struct Refusal: Error, CustomStringConvertible {
        public let description: String
    }

    private let store: GraphStore
    private let options: Options
    /// Told of each name taken as a near match, as a whole line: `isnad: FILE:LINE:COLUMN: "hamass"
    /// taken as Hamas (hamas)`.
    private let notice: (String) -> Void

    public init(store: GraphStore, options: Options, notice: @escaping (String) -> Void) {
        self.store = store
        self.options = options
        self.notice = notice
    }

    /// Opens every sheet and checks its header before anything is written. `paths` holds file
    /// paths, nil for standard input.
    public static func open(_ paths: [String?]) throws -> [(name: String, reader: ClaimSheetReader)] {
        var sheets: [(name: String, reader: ClaimSheetReader)] = []
        var problems: [String] = []
        for path in paths {
            let name = path ?? "<stdin>"
            do {
                sheets.append((name, try ClaimSheetReader(path: path)))
            } catch let problem as ClaimSheet.Problem {
                problems.append("\(Text.printable(name)):\(problem.description)")
            }
        }
        if !problems.isEmpty {
            throw Failure(names: paths.map { Text.printable($0 ?? "<stdin>") }, problems: problems, totalCount: problems.count)
        }
        return sheets
    }

    public func run(_ sheets: [(name: String, reader: ClaimSheetReader)]) throws -> Summary {
        var summary = Summary()
        var problems: [String] = []
        var problemCount = 0
        func report(_ problem: String) {
            problemCount += 1
            if problems.count < options.maximumReportedProblems { problems.append(problem) }
        }
        let names = sheets.map { Text.printable($0.name) }
        let (counts, entry) = try store.changing(options.change, isDryRun: options.isDryRun) {
            session -> (added: Int, changed: Int) in
            let rows = RowImporter(store: store, session: session, notice: notice)
            for (name, reader) in sheets {
                let name = Text.printable(name)
                rows.sheetName = name
                do {
                    while let row = try reader.nextRow() {
                        let rowProblems = try rows.importRow(row, header: reader.header, isWriting: problemCount == 0)
                        if rowProblems.isEmpty {
                            summary.citations += 1
                        }
                        for problem in rowProblems { report("\(name):\(problem)") }
                    }
                } catch let problem as ClaimSheet.Problem {
                    report("\(name):\(problem.description)")
                }
            }
            if problemCount > 0 { throw Failure(names: names, problems: problems, totalCount: problemCount) }
            try rows.finish()
            summary.citations -= rows.repeatedCitations
            summary.changedCitations = rows.changedCitations
            return try session.touched(.claim)
        }
        summary.addedClaims = counts.added
        summary.extendedClaims = counts.changed

        summary.entry = entry
        return summary
    }
}

/// One row at a time: checked, its names resolved, and written as a citation. Rows that follow
/// one another with the same relationship are gathered first (a sheet sorted by claim writes
/// each claim once), so that at most one claim is held.
private final class RowImporter {
    let store: GraphStore
    let session: ChangeSession
    let notice: (String) -> Void
    let entities: EntityResolver
    let sources: SourceResolver
    let decoder: RecordDecoder
    /// The claim of the last rows, not yet written.
    private var pending: Claim?
    /// The sheet being read, as notes name it.
    var sheetName = ""

    init(store: GraphStore, session: ChangeSession, notice: @escaping (String) -> Void) {
        self.store = store
        self.session = session
        self.notice = notice
        entities = EntityResolver(store: store)
        sources = SourceResolver(store: store)
        decoder = RecordDecoder(vocabulary: store.vocabulary)
    }

    /// Rows that gave a citation of the row before again, word for word: not counted.
    var repeatedCitations = 0
    /// Citations of the store's claims that rows gave again with other values (see
    /// ``ClaimSheetImporter/Summary/changedCitations``): those whose last row differs from what
    /// the store held before the import, each counted once, however many rows gave it.
    var changedCitations: Int {
        lastGiven.reduce(0) { count, claim in
            count + claim.value.filter { key, citation in heldBefore[claim.key]?[key].map { $0 != citation } ?? false }.count
        }
    }
    /// The citations of the store's claims as the store held them before this import, taken when
    /// a row first touches each claim; and what the rows gave last for each of them.
    private var heldBefore: [String: [Int64: Citation]] = [:]
    private var lastGiven: [String: [Int64: Citation]] = [:]
    private var addedClaims: Set<String> = []
    /// The stored texts quotes were looked up in, by source id, folded once: a sheet cites the
    /// same article row after row.
    private var searchableTexts: [String: QuoteLocator.SearchableText] = [:]

    private func searchableText(of source: Source, _ text: String) -> QuoteLocator.SearchableText {
        if let folded = searchableTexts[source.id] { return folded }
        let folded = QuoteLocator.SearchableText(text)
        searchableTexts[source.id] = folded
        return folded
    }

    /// The row's problems ("line:column: column: message"), none when it was taken; it is
    /// written only when `isWriting` (once a row has failed, the rest are only checked).
    func importRow(_ row: ClaimSheet.Row, header: [String], isWriting: Bool) throws -> [String] {
        var problems: [String] = []
        func at(_ column: String) -> String {
            let cell = row.cells[column]
            let line = cell?.line ?? row.line
            let number = cell?.column ?? (header.firstIndex(of: column).map { $0 + 1 } ?? 1)
            return "\(line):\(number)"
        }
        func fail(_ column: String, _ message: String) { problems.append("\(at(column)): \(column): \(message)") }
        // A lookup's candidates, listed a line each on the command line, on the problem's one line
        // here, as an import of records says every problem in one line.
        func oneLine(_ error: Error) -> String {
            (error as? EntityResolver.ResolutionError)?.oneLine ?? (error as? SourceResolver.ResolutionError)?.oneLine
                ?? "\(error)"
        }
        for column in ClaimSheet.requiredColumns where row.value(column) == nil { fail(column, "empty") }
        if !problems.isEmpty { return problems }
        func entity(_ column: String) -> Entity? {
            let text = row.value(column) ?? ""
            do {
                let (entity, tier) = try entities.resolution(text, forWriting: true)
                if tier > .exact {
                    notice(
                        "isnad: \(sheetName):\(at(column)): \"\(Text.printable(text))\" taken as \(Text.printable(entity.name)) (\(entity.id))"
                    )
                }
                return entity
            } catch {
                fail(column, oneLine(error))
                return nil
            }
        }
        func source(_ column: String) -> Source? {
            guard let text = row.value(column) else { return nil }
            do {
                let found = try sources.resolve(text, forWriting: true)
                if found.tier != .id {
                    notice(
                        "isnad: \(sheetName):\(at(column)): \"\(Text.printable(text))\" taken as source \(found.source.id) (\(Text.printable(found.source.title)))"
                    )
                }
                return found.source
            } catch {
                fail(column, oneLine(error))
                return nil
            }
        }
        let subject = entity("subject")
        let object = entity("object")
        let claimant = source("source")
        let relay = source("via")
        // A name that matches nothing is one problem of the row: the other cells are still read,
        // so that every problem of the row is listed at once (with a stand-in id where a name
        // did not resolve, and without the checks that need what it names).
        let quote = row.value("quote") ?? ""
        var locator = row.value("locator")
        if problems.isEmpty, let quoted = relay ?? claimant, let text = quoted.text {
            if let lines = QuoteLocator.lines(of: quote, in: searchableText(of: quoted, text)) {
                if locator == nil { locator = QuoteLocator.locator(lines) }
            } else if !QuoteLocator.isUnverified(locator) {
                fail(
                    "quote",
                    "not found in the text of source \"\(quoted.id)\" (word for word; or say why in the locator: \"unverified: REASON\")"
                )
            }
        }
        var citation: [(String, JSONValue)] = [("source", .string(claimant?.id ?? "unresolved-source"))]
        if let relay { citation.append(("via", .string(relay.id))) }
        citation.append(("quote", .string(quote)))
        if let english = row.value("quote_en") { citation.append(("quote_en", .string(english))) }
        citation.append(("stance", .string(row.value("stance") ?? "")))
        // Typed by hand, as on the command line: digits from an Arabic keyboard, a predicate's label.
        let credibility = Text.withWesternDigits(row.value("credibility") ?? "")
        // A number as the record's decoder reads one (`2.0` from a spreadsheet is grade 2).
        citation.append(("credibility", Credibility(number: credibility) != nil ? .number(credibility) : .string(credibility)))
        if let locator { citation.append(("locator", .string(locator))) }
        let typedPredicate = row.value("predicate") ?? ""
        let predicate = store.vocabulary.predicate(named: typedPredicate)?.id ?? typedPredicate
        var members: [(String, JSONValue)] = [
            ("record", .string("claim")), ("subject", .string(subject?.id ?? "unresolved-subject")),
            ("predicate", .string(predicate)), ("object", .string(object?.id ?? "unresolved-object")),
        ]
        if let start = row.value("start") { members.append(("start", .string(Text.withWesternDigits(date: start)))) }
        if let end = row.value("end") { members.append(("end", .string(Text.withWesternDigits(date: end)))) }
        members.append(("citations", .array([jsonObject(citation)])))
        let claim: Claim
        do {
            guard case .claim(let decoded) = try decoder.decode(jsonObject(members)) else { return problems }
            claim = decoded
        } catch {
            for problem in error.problems { fail(columnName(problem.field), problem.message) }
            return problems
        }
        guard let subject, let object, problems.isEmpty else { return problems }
        if let problem = store.vocabulary.problem(
            predicate: claim.predicate, subjectType: subject.type, objectType: object.type)
        {
            fail(columnName(problem.field), problem.message)
            return problems
        }
        // Rows of one claim come together: the same citation in two of them must say the same,
        // and is counted once.
        if let pending, pending.statesTheSame(as: claim),
            let earlier = pending.citations.first(where: { $0.key == claim.citations.first?.key }),
            let given = claim.citations.first
        {
            guard earlier.saysTheSame(as: given) else {
                fail(
                    "stance",
                    "an earlier row gives this citation (its source, via and quote) with another stance, credibility, translation or locator: give it once"
                )
                return problems
            }
            repeatedCitations += 1
        }
        if isWriting { try gather(claim) }
        return problems
    }

    /// Writes the claim the last rows gathered.
    func finish() throws {
        if let pending { try write(pending) }
        pending = nil
    }

    private func gather(_ claim: Claim) throws {
        if var same = pending, same.statesTheSame(as: claim) {
            same.join(claim.citations)
            pending = same
            return
        }
        try finish()
        pending = claim
    }

    /// Adds the claim's citations to the claim that states the same relationship with the
    /// same dates (of the store, or of earlier rows), or adds the claim. With a symmetric
    /// predicate the relationship may be stored either way round.
    private func write(_ claim: Claim) throws {
        var new = claim
        let same = try store.claimsStatingEitherWay(subject: new.subject, predicate: new.predicate, object: new.object)
            .filter { $0.start == new.start && $0.end == new.end }
        if same.count == 1, same[0].isReversed { swap(&new.subject, &new.object) }
        if same.count > 1 {
            throw ClaimSheetImporter.Refusal(
                description:
                    "\(same.count) claims say \(new.subject) \(new.predicate) \(new.object) with the same dates (\(same.prefix(5).map(\.id).joined(separator: ", "))): nothing imported"
            )
        }
        if let match = same.first {
            new.id = match.id
        } else if new.hasDerivedID {
            new.id = try session.claimID(forDerived: new)
        }
        guard case .claim(var stored)? = try session.record(.claim, id: new.id) else {
            try session.put(.claim(new))
            addedClaims.insert(new.id)
            return
        }
        if !addedClaims.contains(stored.id), heldBefore[stored.id] == nil {
            heldBefore[stored.id] = Dictionary(stored.citations.map { ($0.key, $0) }) { first, _ in first }
        }
        if stored.retraction != nil {
            throw ClaimSheetImporter.Refusal(
                description: "claim \"\(new.id)\" is retracted: isnad restore it first; nothing imported")
        }
        for var citation in new.citations {
            guard let index = stored.citations.firstIndex(where: { $0.key == citation.key }) else {
                stored.citations.append(citation)
                continue
            }
            // A retraction is taken back only by restore or undo, as an import of records keeps it.
            citation.retraction = stored.citations[index].retraction
            if heldBefore[stored.id]?[citation.key] != nil { lastGiven[stored.id, default: [:]][citation.key] = citation }
            stored.citations[index] = citation
        }
        try session.put(.claim(stored))
    }

    private func jsonObject(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(members: members.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }

    /// The column a record field came from.
    private func columnName(_ field: String?) -> String {
        guard let field else { return "subject" }
        let leaf = field.split(separator: ".").last.map(String.init) ?? field
        let name = leaf.split(separator: "[").first.map(String.init) ?? leaf
        return ClaimSheet.columns.contains(name) ? name : "subject"
    }
}

extension Citation {
    /// Whether `other`, of the same source, via and quote, says the same of it.
    fileprivate func saysTheSame(as other: Citation) -> Bool {
        (quoteEnglish, stance, credibility, locator) == (other.quoteEnglish, other.stance, other.credibility, other.locator)
    }
}
