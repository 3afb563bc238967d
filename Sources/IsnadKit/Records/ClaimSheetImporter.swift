/// `isnad import FILE.csv`: claims spreadsheets (``ClaimSheet``), their entities and sources
/// named as on the command line, every row one citation, all of them one transaction and one
/// history entry. The sheets are read row by row (``ClaimSheetReader``), the claims of recent
/// rows held (a bounded number) and written together; memory holds a hash of each citation
/// given besides, not the rows. A row that cites a
/// relationship an earlier row (or the store) has adds its citation to that claim; a row that
/// gives a citation the claim has (its source, via and quote, the quote as a cell gives it
/// back) updates its stance and credibility, and its translation and locator where the cells
/// have text: an empty cell keeps what the store holds. A row that quotes anew the passage of a
/// stored citation no row gives (an edited quote, ``RequotedPassages``) is refused, as an import
/// of records refuses it: a sheet cannot change a stored quote.
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
        /// The claims the rows cite: added, or the store's.
        public var claims = 0
        /// Claims the sheets brought that the store did not have.
        public var addedClaims = 0
        /// Claims the store had that gained a citation.
        public var extendedClaims = 0
        /// Citations the store had (the same source, via and quote) that a row gave with another
        /// stance, credibility, translation or locator, and updated: said apart, since an update
        /// can turn a denial into support.
        public var changedCitations = 0
        /// Claims the store had whose notes a row gave otherwise, and replaced.
        public var changedNotes = 0
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
            let more =
                totalCount > problems.count
                ? "\n… and \(totalCount - problems.count) more\(Importer.listingMoreHint(totalCount: totalCount))" : ""
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
                if let failed = problem.inputError(name: name) { throw failed }
                problems.append("\(Text.printableFileName(name)):\(problem.description)")
            }
        }
        if !problems.isEmpty {
            throw Failure(names: paths.map { Text.printable($0 ?? "<stdin>") }, problems: problems, totalCount: problems.count)
        }
        return sheets
    }

    public func run(_ sheets: [(name: String, reader: ClaimSheetReader)]) throws -> Summary {
        var summary = Summary()
        // The first problems the rows gave, in the order read, each with its sheet and line; the
        // problems found as claims are written (edited quotes, a passage for and against a
        // claim) are put among them in that order once every row is read.
        var problems: [SheetProblem] = []
        var problemCount = 0
        func report(_ problem: SheetProblem) {
            problemCount += 1
            if problems.count < options.maximumReportedProblems { problems.append(problem) }
        }
        func failure(adding found: [SheetProblem]) -> Failure {
            let listed = (problems + found).enumerated()
                .sorted { ($0.element.sheet, $0.element.line, $0.offset) < ($1.element.sheet, $1.element.line, $1.offset) }
                .prefix(options.maximumReportedProblems).map(\.element.text)
            return Failure(names: names, problems: Array(listed), totalCount: problemCount + found.count)
        }
        let names = sheets.map { Text.printable($0.name) }
        let (counts, entry) = try store.changing(options.change, isDryRun: options.isDryRun) {
            session -> (added: Int, changed: Int) in
            let rows = RowImporter(store: store, session: session, notice: notice)
            // Rows are written (in the transaction, rolled back if anything failed) after a row
            // has failed too: the problems found only as a claim is written are listed with the
            // others, not once those are mended. A refusal that stops an import (a retracted claim,
            // two claims alike) stops the writing then, and comes up once the listed ones are mended.
            var isWriting = true
            for (index, (name, reader)) in sheets.enumerated() {
                let name = Text.printableFileName(name)
                rows.beginSheet(named: name, reader: reader)
                do {
                    while let row = try reader.nextRow() {
                        let rowProblems: [String]
                        do {
                            rowProblems = try rows.importRow(
                                row, header: reader.header, isWriting: isWriting,
                                listedProblems: options.maximumReportedProblems - problems.count)
                        } catch is Refusal where problemCount > 0 {
                            isWriting = false
                            continue
                        }
                        if rowProblems.isEmpty {
                            summary.citations += 1
                        }
                        for problem in rowProblems {
                            report(SheetProblem(sheet: index, line: row.line, text: "\(name):\(problem)"))
                        }
                    }
                } catch let problem as ClaimSheet.Problem {
                    if let failed = problem.inputError(name: name) { throw failed }
                    report(SheetProblem(sheet: index, line: problem.line, text: "\(name):\(problem.description)"))
                }
            }
            if isWriting {
                do {
                    try rows.finish()
                } catch is Refusal where problemCount > 0 {
                    isWriting = false
                }
            }
            // Known only once every row is written: a later row may give the stored citation.
            let found = isWriting ? rows.editedQuotes() + rows.selfDisputes : rows.selfDisputes
            if problemCount + found.count > 0 { throw failure(adding: found) }
            for note in try rows.splitRelationshipNotes(isDryRun: options.isDryRun) { notice(note) }
            summary.citations -= rows.repeatedCitations
            summary.changedCitations = rows.changedCitations
            summary.changedNotes = rows.changedNotes.count
            summary.claims = rows.citedClaims.count
            return (rows.addedClaims.count, rows.extendedClaims.count)
        }
        summary.addedClaims = counts.added
        summary.extendedClaims = counts.changed

        summary.entry = options.isDryRun ? nil : entry
        return summary
    }
}

/// A problem of a sheet, with where it is for the order problems are listed in.
struct SheetProblem {
    /// The sheet's place among those imported, and the line.
    let sheet: Int
    let line: Int
    let text: String
}

/// One row at a time: checked, its names resolved, and gathered under its claim. The claims of
/// recent rows are held and written together when a bound is reached (``PendingClaims``): a
/// sheet sorted by claim, or one whose rows go back and forth between a few claims, writes each
/// claim once per batch rather than once per row, which made such a sheet's import time grow
/// with the square of its rows. The rows of one relationship are written in their order, so
/// the outcome is the one rows written one by one give.
private final class RowImporter {
    let store: GraphStore
    let session: ChangeSession
    let notice: (String) -> Void
    let entities: EntityResolver
    let sources: SourceResolver
    let decoder: RecordDecoder
    /// The ids renames took away, for the claims rows name by id.
    private let renames: RenamedIDs
    /// The claims of the last rows, not yet written.
    private var pending = PendingClaims()
    /// Where the claim being written was first given (for a refusal).
    private var pendingPlace = ""
    /// The relationship each claim a row names by id (a listing's `claim` column) and the store
    /// does not hold states, by a hash of the id, and the first row naming it: two rows naming
    /// one claim must say the same.
    private var namedRelationships: [Int64: (relationship: Int64, sheet: Int, line: Int)] = [:]
    /// The sheet being read, as notes name it.
    private(set) var sheetName = ""
    /// The sheets read so far, in order, as problems name them, with the column of their
    /// quotes: where an edited quote, found once every row is written, is said to be.
    private var sheets: [(name: String, quoteColumn: Int, reader: ClaimSheetReader)] = []
    /// The rows' citations that quote anew the passage of a stored citation no row gives; what
    /// the rows of each claim gave is kept for all of them, since a claim's rows more than a batch
    /// apart are written apart (``PendingClaims``), and each run compared.
    private var requoted = RequotedPassages(keepingEveryClaim: true)
    /// The entity and the source each name cell resolved to, by the cell's text: a sheet names
    /// the same few row after row, and each lookup searches every name in the store.
    private var entityResolutions = Resolutions<(entity: Entity, tier: NameSearch.Tier), EntityResolver.ResolutionError>()
    private var sourceResolutions = Resolutions<SourceResolver.Resolution, SourceResolver.ResolutionError>()
    /// What rows gave of each citation, by its claim's relationship and its own source, via and
    /// quote (``givenKey(_:_:)``): a citation given twice must say the same wherever the rows are.
    private var given: [Int64: GivenCitation] = [:]
    /// The notes rows gave each claim (by its relationship, and its id when a row names it), as
    /// a hash, and the first row that gave them.
    private var givenNotes: [Int64: (notes: Int, sheet: Int, line: Int)] = [:]
    /// The store's claims whose notes rows replaced.
    private(set) var changedNotes: Set<String> = []
    /// The locators found by looking a quote up in its source's text, for rows that left the
    /// locator empty: used where the store holds none.
    private var foundLocators: [Int64: String] = [:]
    private let keys: RelationshipKey
    /// The retracted claims' relationships, read once when a row first states a relationship no
    /// standing claim has.
    private var retracted: RetractedRelationships?

    /// What a row gave of a citation, its texts as hashes: held for every citation of the sheet.
    private struct GivenCitation {
        var stance: Stance
        var credibility: Credibility
        var english: Int?
        var locator: Int?
        /// The quote cell of the first row that gave it: its sheet (by place) and line.
        var place: (sheet: Int, line: Int)

        /// Whether two rows may both have given the citation: an empty cell says nothing.
        func agrees(with other: GivenCitation) -> Bool {
            stance == other.stance && credibility == other.credibility
                && (english == nil || other.english == nil || english == other.english)
                && (locator == nil || other.locator == nil || locator == other.locator)
        }
    }

    /// Reads the rows of another sheet from now on.
    func beginSheet(named name: String, reader: ClaimSheetReader) {
        sheetName = name
        sheets.append((name, (reader.header.firstIndex(of: "quote") ?? 0) + 1, reader))
    }

    /// `21:4 (row 20)`: a place in a sheet, its row named where a cell with a line break
    /// before it makes it another than the line (``ClaimSheet/RowNumbers``).
    private func place(sheet: Int, line: Int, column: Int) -> String {
        sheets[sheet].reader.rowNumbers.place(line: line, column: column)
    }

    /// `line 21 (row 20)` in the sheet being read, `other.csv:21 (row 20)` in another: a row
    /// another message refers to.
    private func reference(sheet: Int, line: Int) -> String {
        let text = sheets[sheet].reader.rowNumbers.lineText(line)
        return sheet == sheets.count - 1 ? text : "\(sheets[sheet].name):" + text.dropFirst("line ".count)
    }

    /// The rows that give an edited quote (``RequotedPassages``), each as a problem of its quote
    /// cell: a sheet matches a row to a stored citation by source, via and quote, so a row whose
    /// quote was cut from a stored one (or that one from it) and no row giving the stored one
    /// would add the passage beside itself. A sheet cannot change a stored quote: `isnad set`
    /// or `isnad edit` does.
    func editedQuotes() -> [SheetProblem] {
        requoted.remaining.filter { finding in
            // A row that failed may give the stored citation: its problem is the one to mend first.
            let stored = finding.stored
            return !failedCitations.contains(stored.key)
                && !failedCitations.contains(
                    Citation.key(source: stored.source, via: stored.via, quote: ClaimSheet.asRead(stored.quote)))
        }.map { finding in
            let sheet = sheets[finding.location.file]
            let claim = Text.printable(finding.claim)
            let field = "'citations[\(finding.storedPosition)].quote'"
            return SheetProblem(
                sheet: finding.location.file, line: finding.location.line,
                text:
                    "\(sheet.name):\(place(sheet: finding.location.file, line: finding.location.line, column: sheet.quoteColumn)): quote: claim \"\(claim)\": \(RequotedPassages.twoQuotes(finding)), and no row gives that one: an edited quote, say; a row is matched to a stored citation by source, via and quote, so it would be added beside it, the passage cited twice; a sheet does not change a stored quote: to change it, isnad set \(claim) \(field) - (or isnad edit \(claim)), then import the sheet; to keep both, give the stored citation in a row too"
            )
        }
    }

    /// The claims whose rows give one passage for the claim and against it (``SelfDispute``),
    /// each as a problem of the later row's quote cell naming the earlier row; found as claims
    /// are written, with every row the claim had so far, in this batch or an earlier one.
    private(set) var selfDisputes: [SheetProblem] = []
    /// The claims ``selfDisputes`` names, each once however many batches write it.
    private var disputedClaims: Set<String> = []
    /// The citations (source, via and quote) of rows that failed: a stored citation one of them
    /// gives is not said to be left out, since the row, mended, gives it.
    private var failedCitations: Set<Int64> = []

    /// Notes the first pair of citations of `claim` (as it is to be written) that the rows gave,
    /// one passage for the claim and against it. `rowClaim` is the claim as the rows gave it.
    /// `written` holds the places of the citations this write gave (nil: all of them).
    private func readSelfDispute(of claim: Claim, as rowClaim: Claim, written: Set<Int>? = nil) {
        // Most claims have no denial, and need no row's place looked up.
        guard !disputedClaims.contains(claim.id),
            claim.citations.contains(where: { $0.stance == .denies && $0.retraction == nil })
        else { return }
        let places = claim.citations.map { given[givenKey(rowClaim, $0)]?.place }
        guard
            let dispute = SelfDispute.first(
                in: claim.citations, comparing: { places[$0] != nil }, new: { written?.contains($0) ?? true }),
            let first = places[dispute.earlier], let second = places[dispute.later]
        else { return }
        disputedClaims.insert(claim.id)
        // Said at the row read later, naming the one before: a claim's citations are in the
        // order the store gained them, not the sheet's.
        var (earlierIndex, laterIndex, earlier, later) = (dispute.earlier, dispute.later, first, second)
        if (first.sheet, first.line) > (second.sheet, second.line) {
            (earlierIndex, laterIndex, earlier, later) = (dispute.later, dispute.earlier, second, first)
        }
        let sheet = sheets[later.sheet]
        let earlierPlace =
            earlier.sheet == later.sheet
            ? sheets[earlier.sheet].reader.rowNumbers.lineText(earlier.line)
            : "\(sheets[earlier.sheet].name):\(sheets[earlier.sheet].reader.rowNumbers.lineText(earlier.line).dropFirst("line ".count))"
        selfDisputes.append(
            SheetProblem(
                sheet: later.sheet, line: later.line,
                text:
                    "\(sheet.name):\(place(sheet: later.sheet, line: later.line, column: sheet.quoteColumn)): quote: claim \"\(Text.printable(claim.id))\": "
                    + SelfDispute.description(
                        claim.citations[laterIndex], claim.citations[earlierIndex], earlierPlace: earlierPlace) + "; "
                    + SelfDispute.importRemedy))
    }

    init(store: GraphStore, session: ChangeSession, notice: @escaping (String) -> Void) {
        self.store = store
        self.session = session
        self.notice = notice
        // The store's renames, read once for the three that ask.
        renames = RenamedIDs(store: store)
        entities = EntityResolver(store: store, renames: renames)
        sources = SourceResolver(store: store, renames: renames)
        decoder = RecordDecoder(vocabulary: store.vocabulary)
        keys = RelationshipKey(vocabulary: store.vocabulary)
    }

    /// Rows that gave a citation of the row before again, word for word: not counted.
    var repeatedCitations = 0
    /// Citations of the store's claims that rows gave again with other values (see
    /// ``ClaimSheetImporter/Summary/changedCitations``): those whose last row differs from what
    /// the store held before the import, each counted once, however many rows gave it.
    var changedCitations: Int {
        lastGiven.reduce(0) { count, claim in
            count + claim.value.filter { key, reading in heldBefore[claim.key]?[key].map { $0 != reading } ?? false }.count
        }
    }
    /// The citations of the store's claims as the store held them before this import, taken when
    /// a row first touches each claim; and what the rows gave last for each of them: hashes of
    /// the whole citation, held for every claim a sheet touches.
    private var heldBefore: [String: [Int64: Int]] = [:]
    private var lastGiven: [String: [Int64: Int]] = [:]
    /// Claims the sheets added, and the store's claims that gained a citation.
    private(set) var addedClaims: Set<String> = []
    /// The claims that gained a citation, and those the rows cite, as hashes of their ids: counted only.
    private(set) var extendedClaims: Set<Int> = []
    private(set) var citedClaims: Set<Int> = []
    /// The stored texts quotes were looked up in, by source id, read and folded once (nil for a
    /// source without one): a sheet cites the same article row after row.
    private var searchableTexts: [String: QuoteLocator.SearchableText?] = [:]

    private func searchableText(of source: Source) throws -> QuoteLocator.SearchableText? {
        if let folded = searchableTexts[source.id] { return folded }
        let folded = try store.storedText(ofSource: source.id).map { QuoteLocator.SearchableText($0) }
        searchableTexts[source.id] = folded
        return folded
    }

    /// The row's problems ("line:column: column: message"), none when it was taken; it is
    /// written only when `isWriting` (once a claim's write is refused, the rest are only checked). The
    /// failure lists the first `listedProblems` of them and counts the rest: a name of those
    /// that matches nothing is not compared with every name in the store for a "did you mean".
    func importRow(_ row: ClaimSheet.Row, header: [String], isWriting: Bool, listedProblems: Int) throws -> [String] {
        var problems: [String] = []
        func at(_ column: String) -> String {
            let cell = row.cells[column]
            let line = cell?.line ?? row.line
            let number = cell?.column ?? (header.firstIndex(of: column).map { $0 + 1 } ?? 1)
            return place(sheet: sheets.count - 1, line: line, column: number)
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
        func entity(_ column: String) throws -> Entity? {
            let text = row.value(column) ?? ""
            do {
                let (entity, tier) = try entityResolutions.resolution(of: text, suggesting: problems.count < listedProblems) {
                    try entities.resolution(text, forWriting: true, suggesting: $0)
                }
                if tier > .exact {
                    notice(
                        "isnad: \(sheetName):\(at(column)): \"\(Text.printable(text))\" taken as \(Text.printable(entity.name)) (\(entity.id))"
                    )
                }
                return entity
            } catch let error as EntityResolver.ResolutionError {
                fail(column, oneLine(error))
                return nil
            }
        }
        func source(_ column: String) throws -> Source? {
            guard let text = row.value(column) else { return nil }
            do {
                let found = try sourceResolutions.resolution(of: text, suggesting: problems.count < listedProblems) {
                    try sources.resolve(text, forWriting: true, suggesting: $0)
                }
                // A cell that gives the title as stored, but for case and spacing, needs no note:
                // notes are for the names taken as another's, and must not drown among these.
                if found.tier != .id, !Self.givesAsStored(text, found.source) {
                    notice(
                        "isnad: \(sheetName):\(at(column)): \"\(Text.printable(text))\" taken as source \(found.source.id) (\(Text.printable(found.source.title)))"
                    )
                }
                return found.source
            } catch let error as SourceResolver.ResolutionError {
                fail(column, oneLine(error))
                return nil
            }
        }
        let subject = try entity("subject")
        let object = try entity("object")
        let claimant = try source("source")
        let relay = try source("via")
        // A name that matches nothing is one problem of the row: the other cells are still read,
        // so that every problem of the row is listed at once (with a stand-in id where a name
        // did not resolve, and without the checks that need what it names).
        let quote = row.value("quote") ?? ""
        let locator = row.value("locator")
        defer {
            if !problems.isEmpty, let claimant {
                failedCitations.insert(Citation.key(source: claimant.id, via: relay?.id, quote: quote))
            }
        }
        for column in ["quote", "quote_en", "locator", "notes"] {
            // A claim's notes are the analyst's words, not evidence: "#N/A" may be what was meant,
            // and the store's own listing must import back.
            if let text = row.value(column),
                let damage = SpreadsheetDamage.problem(in: text, allowingErrorValues: column == "notes")
            {
                fail(column, damage)
            }
        }
        var foundLocator: String?
        if problems.isEmpty, let quoted = relay ?? claimant, let text = try searchableText(of: quoted) {
            if let match = QuoteLocator.match(of: quote, in: text) {
                if locator == nil { foundLocator = QuoteLocator.locator(match.lines) }
                if let loose = QuoteLocator.looseMatch(of: quote, match, in: text) {
                    notice("isnad: \(sheetName):\(at("quote")): note: " + Text.printable(loose.description(ofSource: quoted.id)))
                }
            } else if !QuoteLocator.isUnverified(locator) {
                fail(
                    "quote",
                    "not found in the text of source \"\(quoted.id)\" (word for word; or say why in the locator: \"unverified: REASON\")"
                        + (QuoteLocator.partialMatch(of: quote, in: text).map { ": " + Text.printable($0.description) } ?? "")
                )
            }
        }
        var citation: [(String, JSONValue)] = [("source", .string(claimant?.id ?? "unresolved-source"))]
        if let relay { citation.append(("via", .string(relay.id))) }
        citation.append(("quote", .string(quote)))
        if let english = row.value("quote_en") { citation.append(("quote_en", .string(english))) }
        // Words of a fixed set, read in any case, or in Arabic, as on the command line.
        let stance = row.value("stance") ?? ""
        if Stance(word: stance) == nil { fail("stance", Stance.unknownWordProblem(stance)) }
        citation.append(("stance", .string(Stance(word: stance)?.rawValue ?? Stance.reports.rawValue)))
        // Typed by hand, as on the command line: digits from an Arabic keyboard, a predicate's label,
        // a grade's words (`probably true`).
        let credibilityCell = row.value("credibility") ?? ""
        let credibility = Credibility(cell: credibilityCell)
        if credibility == nil {
            fail("credibility", Credibility.unknownCellProblem(credibilityCell, source: claimant?.id))
        }
        citation.append(("credibility", .number(String((credibility ?? .cannotBeJudged).rawValue))))
        if let locator { citation.append(("locator", .string(locator))) }
        let typedPredicate = row.value("predicate") ?? ""
        let predicate = store.vocabulary.predicate(named: typedPredicate)?.id ?? typedPredicate
        var members: [(String, JSONValue)] = [
            ("record", .string("claim")), ("subject", .string(subject?.id ?? "unresolved-subject")),
            ("predicate", .string(predicate)), ("object", .string(object?.id ?? "unresolved-object")),
        ]
        // A listing's claim column names the claim: kept as its id (checked as the record's).
        if let id = row.value("claim") { members.insert(("id", .string(id)), at: 1) }
        for column in ["start", "end"] {
            guard let date = row.value(column) else { continue }
            // Typed by hand: a year with a leading zero lost a digit (0022 for 2022).
            if let note = PartialDate.leadingZeroYearNote(forTyped: date) {
                fail(column, "\"\(Text.printable(date))\" is not a valid date: \(note)")
                continue
            }
            members.append((column, .string(Text.withWesternDigits(date: date))))
        }
        members.append(("citations", .array([jsonObject(citation)])))
        if let notes = row.value("notes") { members.append(("notes", .string(notes))) }
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
        if let id = row.value("claim") {
            if let stored = try store.claimStatement(id: id) {
                if stored.retraction != nil {
                    fail("claim", "claim \"\(Text.printable(id))\" is retracted: isnad restore \(Text.printable(id)) first")
                    return problems
                }
                if relationshipKey(stored) != relationshipKey(claim) {
                    fail(
                        "claim",
                        "claim \"\(Text.printable(id))\" says \(stored.subject) \(stored.predicate) \(stored.object)\(datesText(stored)), not what the row says: a sheet adds and updates citations; isnad set \(Text.printable(id)) FIELD VALUE changes a claim"
                    )
                    return problems
                }
            } else {
                // An id a rename took away would bring the claim back beside itself, its
                // citations counted twice (a listing written before the rename).
                if let renamed = try renames.took(.claim, id) {
                    fail("claim", "\(renamed.sentence): write the new id in the sheet, or undo the rename first")
                    return problems
                }
                // A claim the sheet adds under its id: the rows that name it, wherever they are, state one relationship.
                let idKey = Int64(bitPattern: FNV1a.hash([id]))
                let relationship = relationshipKey(claim)
                if let earlier = namedRelationships[idKey] {
                    guard earlier.relationship == relationship else {
                        fail(
                            "claim",
                            "\(reference(sheet: earlier.sheet, line: earlier.line)) names claim \"\(Text.printable(id))\" with another subject, predicate, object or dates: one id, one relationship"
                        )
                        return problems
                    }
                } else {
                    namedRelationships[idKey] = (relationship, sheets.count - 1, row.line)
                }
            }
        }
        // A claim has one notes: the rows that give its notes, wherever they are, give the same.
        if let notes = claim.notes {
            let claimKey =
                claim.hasDerivedID
                ? relationshipKey(claim) : Int64(bitPattern: FNV1a.hash([String(relationshipKey(claim)), claim.id]))
            // Compared as Swift compares text: é as one letter or as e and a mark is one notes.
            let hash = notes.hashValue
            if let earlier = givenNotes[claimKey], earlier.notes != hash {
                fail(
                    "notes",
                    "\(reference(sheet: earlier.sheet, line: earlier.line)) gives this claim other notes: a claim has one, give it once (or leave the cell empty)"
                )
                return problems
            }
            if givenNotes[claimKey] == nil { givenNotes[claimKey] = (hash, sheets.count - 1, row.line) }
        }
        // The same citation in two rows, wherever they are, must say the same, and is counted once.
        guard let cited = claim.citations.first else { return problems }
        let key = givenKey(claim, cited)
        let values = GivenCitation(
            stance: cited.stance, credibility: cited.credibility, english: cited.quoteEnglish?.hashValue,
            locator: cited.locator?.hashValue, place: (sheets.count - 1, row.cells["quote"]?.line ?? row.line))
        if let earlier = given[key] {
            guard earlier.agrees(with: values) else {
                fail(
                    "stance",
                    "an earlier row gives this citation (its source, via and quote) with another stance, credibility, translation or locator: give it once"
                )
                return problems
            }
            repeatedCitations += 1
            given[key] = GivenCitation(
                stance: values.stance, credibility: values.credibility, english: values.english ?? earlier.english,
                locator: values.locator ?? earlier.locator, place: earlier.place)
        } else {
            given[key] = values
        }
        if let foundLocator { foundLocators[key] = foundLocator }
        if isWriting {
            let quoted = ImportSession.Location(file: sheets.count - 1, line: row.cells["quote"]?.line ?? row.line)
            try gather(
                claim,
                at: "\(sheetName):\(sheets[sheets.count - 1].reader.rowNumbers.lineText(row.line).dropFirst("line ".count))",
                quotedAt: quoted)
        }
        return problems
    }

    /// Whether a source cell gives the source's id or title as stored, case and spacing aside.
    private static func givesAsStored(_ text: String, _ source: Source) -> Bool {
        func folded(_ text: String) -> String {
            text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
        let cell = folded(text)
        return cell == folded(source.title) || cell == source.id.lowercased()
    }

    /// The claim's relationship as one value, either way round for a symmetric predicate.
    private func relationshipKey(_ claim: Claim) -> Int64 { keys.key(claim) }

    /// A citation of a relationship as one value: what ``given`` and ``foundLocators`` are keyed
    /// by. A claim a row names by id is told apart from another that states the same.
    private func givenKey(_ claim: Claim, _ citation: Citation) -> Int64 {
        let key = keys.key(claim, citation)
        return claim.hasDerivedID ? key : Int64(bitPattern: FNV1a.hash([String(key), claim.id]))
    }

    private func datesText(_ claim: Claim) -> String {
        switch (claim.start, claim.end) {
        case (nil, nil): " (undated)"
        case (let start?, nil): " (from \(start))"
        case (nil, let end?): " (until \(end))"
        case (let start?, let end?): " (\(start) to \(end))"
        }
    }

    /// Writes the claims the last rows gathered: relationship by relationship, each one's runs of
    /// rows in their order.
    func finish() throws {
        for (claim, place, quotePlaces) in pending.takeAll() {
            pendingPlace = place
            try write(claim, quotedAt: quotePlaces)
        }
    }

    /// Holds the row's claim; `quoted` is where its quote cell is (the sheet by its place).
    private func gather(_ claim: Claim, at place: String, quotedAt quoted: ImportSession.Location) throws {
        let relationship = relationshipKey(claim)
        if pending.give(claim, relationship: relationship, quotedAt: quoted) { return }
        if pending.isFull { try finish() }
        pending.hold(claim, relationship: relationship, at: place, quotedAt: quoted)
    }

    /// Adds the claim's citations to the claim that states the same relationship with the
    /// same dates (of the store, or of earlier rows), or adds the claim. With a symmetric
    /// predicate the relationship may be stored either way round. `quotePlaces` gives where
    /// each citation's quote cell is.
    private func write(_ claim: Claim, quotedAt quotePlaces: [ImportSession.Location]) throws {
        var new = claim
        // A claim a row names (a listing's claim column) that the store does not hold is added
        // under that id, not joined to another that states the same: a listing from another
        // store keeps its ids, and claims kept apart there stay apart.
        if !claim.hasDerivedID, try store.claimStatement(id: claim.id) == nil {
            if let retracted = try retractedClaim(stating: claim) {
                throw ClaimSheetImporter.Refusal(description: retractedRefusal(retracted))
            }
            fillFoundLocators(of: &new, as: claim)
            readSelfDispute(of: new, as: claim)
            try session.put(.claim(new))
            addedClaims.insert(new.id)
            noteRows(of: new, at: quotePlaces, isAdded: true)
            citedClaims.insert(new.id.hashValue)
            return
        }
        // A row's empty dates mean undated; a row that names its claim (a listing's `claim`
        // column) chooses among those alike.
        let joined = try session.join(&new, matchingDates: true, preferringItsID: true)
        if case .several(let same) = joined {
            throw ClaimSheetImporter.Refusal(
                description:
                    "\(pendingPlace): \(same.count) claims say \(new.subject) \(new.predicate) \(new.object) with the same dates (\(same.prefix(5).joined(separator: ", "))): nothing imported"
            )
        }
        if joined == .new, let retracted = try retractedClaim(stating: claim) {
            throw ClaimSheetImporter.Refusal(description: retractedRefusal(retracted))
        }
        fillFoundLocators(of: &new, as: claim)
        citedClaims.insert(new.id.hashValue)
        guard case .claim(var stored)? = try session.record(.claim, id: new.id) else {
            readSelfDispute(of: new, as: claim)
            try session.put(.claim(new))
            addedClaims.insert(new.id)
            noteRows(of: new, at: quotePlaces, isAdded: true)
            return
        }
        // The store's claim, not one this import added: its citations are compared with the rows'.
        let asStored = addedClaims.contains(stored.id) ? nil : stored
        let isFirstTouch = asStored != nil && heldBefore[stored.id] == nil
        if isFirstTouch {
            heldBefore[stored.id] = Dictionary(stored.citations.map { ($0.key, $0.hashValue) }) { first, _ in first }
        }
        if stored.retraction != nil { throw ClaimSheetImporter.Refusal(description: retractedRefusal(stored.id)) }
        // Notes given replace the stored ones; an empty cell keeps them. Stored notes are
        // compared as a cell gives them back (trimmed, LF line breaks).
        // Compared scalar by scalar: a notes cell edited into another Unicode form is an edit.
        if let notes = new.notes,
            stored.notes.map({ ClaimSheet.asRead($0).unicodeScalars.elementsEqual(notes.unicodeScalars) }) != true
        {
            stored.notes = notes
            if !addedClaims.contains(stored.id) { changedNotes.insert(stored.id) }
        }
        // The stored citations by their key, and by their quote as a cell gives it back (trimmed,
        // LF for CRLF): looked up once per row's citation, however many the claim has.
        var storedByKey: [Int64: Int] = [:]
        var storedByQuoteAsRead: [Int64: Int] = [:]
        for (index, held) in stored.citations.enumerated() {
            if storedByKey[held.key] == nil { storedByKey[held.key] = index }
            let asRead = Citation.key(source: held.source, via: held.via, quote: ClaimSheet.asRead(held.quote))
            if storedByQuoteAsRead[asRead] == nil { storedByQuoteAsRead[asRead] = index }
        }
        // The places of the citations this write gives, for the pairs a self-dispute is looked for in.
        var written: Set<Int> = []
        for (position, var citation) in new.citations.enumerated() {
            let index =
                storedByKey[citation.key]
                ?? storedByQuoteAsRead[citation.key].flatMap { index in
                    // Compared too: a hash names a stored citation, only its values make it the same.
                    let held = stored.citations[index]
                    let isSame =
                        held.source == citation.source && held.via == citation.via
                        && ClaimSheet.asRead(held.quote) == citation.quote
                    return isSame ? index : nil
                }
            guard let index else {
                written.insert(stored.citations.count)
                storedByKey[citation.key] = stored.citations.count
                stored.citations.append(citation)
                if !addedClaims.contains(stored.id) { extendedClaims.insert(stored.id.hashValue) }
                readRequoted(citation, of: asStored, isFirst: isFirstTouch && position == 0, at: quotePlaces[position])
                continue
            }
            let held = stored.citations[index]
            citation.quote = held.quote
            // An empty cell keeps what the store holds; a locator found in the text fills one only where it has none.
            citation.quoteEnglish = claim.citations[position].quoteEnglish ?? held.quoteEnglish
            if claim.citations[position].locator == nil { citation.locator = held.locator ?? citation.locator }
            // A retraction is taken back only by restore or undo, as an import of records keeps it.
            citation.retraction = held.retraction
            if heldBefore[stored.id]?[citation.key] != nil {
                lastGiven[stored.id, default: [:]][citation.key] = citation.hashValue
            }
            stored.citations[index] = citation
            written.insert(index)
            // The stored citation, its quote as stored: given by a row, it is not left out.
            readRequoted(citation, of: asStored, isFirst: isFirstTouch && position == 0, at: quotePlaces[position])
        }
        readSelfDispute(of: stored, as: claim, written: written)
        try session.put(.claim(stored))
        noteRows(of: stored, at: quotePlaces, isAdded: false)
    }

    /// The claims this import added, in the order written: their ids and what they state, all
    /// the notes on a split relationship need once every row is written (a sheet of 100,000
    /// claims holds no more of them).
    private var addedInOrder: [(id: String, subject: String, predicate: String, object: String)] = []
    /// The first rows that cite each claim, as the note on a split relationship names them.
    private var rowsOfClaim: [String: [ImportSession.Location]] = [:]

    private func noteRows(of claim: Claim, at places: [ImportSession.Location], isAdded: Bool) {
        if isAdded { addedInOrder.append((claim.id, claim.subject, claim.predicate, claim.object)) }
        var rows = rowsOfClaim[claim.id] ?? []
        for place in places where rows.count < 3 && !rows.contains(place) { rows.append(place) }
        rowsOfClaim[claim.id] = rows
    }

    /// How many relationships ``splitRelationshipNotes(isDryRun:)`` names one by one: the rest
    /// are counted in one line, as a sheet's problems are capped (`--max-errors`).
    static let splitRelationshipsNamed = 20

    /// A note for each relationship that a claim this import added states and other claims state
    /// too, with other dates that may be one relationship's (`2022-10` and `2022-10-12`, or none:
    /// ``GraphStore/claimsMaybeOneRelationship(subject:predicate:object:)``; two terms apart are
    /// not noted): each is weighed apart, its sources as channels of their own, as `add claim`
    /// notes for one claim (``ClaimNaming/claims(_:)``). Read in the import's transaction, so a
    /// dry run says them too; each names the rows that cite its claims, in row order. The first
    /// ``splitRelationshipsNamed`` are named, then how many more.
    func splitRelationshipNotes(isDryRun: Bool) throws -> [String] {
        let added = Set(addedInOrder.map(\.id))
        var read: Set<String> = []
        var notes: [String] = []
        var unnamed = 0
        for claim in addedInOrder {
            let isSymmetric = store.vocabulary[claim.predicate]?.isSymmetric ?? false
            let ends = isSymmetric ? [claim.subject, claim.object].sorted() : [claim.subject, claim.object]
            guard read.insert([ends[0], claim.predicate, ends[1]].joined(separator: "\u{0}")).inserted else { continue }
            for group in try store.claimsMaybeOneRelationship(
                subject: claim.subject, predicate: claim.predicate, object: claim.object)
            where group.contains(where: { added.contains($0.id) }) {
                guard notes.count < Self.splitRelationshipsNamed else {
                    unnamed += 1
                    continue
                }
                // In the order of their first rows; claims held before and cited by no row last.
                func firstRow(_ id: String, _ order: Int) -> (Int, Int, Int) {
                    let row = rowsOfClaim[id]?.first
                    return (row?.file ?? .max, row?.line ?? .max, order)
                }
                let all = group.enumerated()
                    .sorted { firstRow($0.element.id, $0.offset) < firstRow($1.element.id, $1.offset) }.map(\.element)
                let named = all.map { other in
                    let dated = Claim(
                        id: other.id, subject: claim.subject, predicate: claim.predicate, object: claim.object,
                        start: other.start, end: other.end, citations: [])
                    // `a.csv:2, 5 (row 4)`: each sheet named once.
                    var lastSheet: Int?
                    let rows = (rowsOfClaim[other.id] ?? []).map { place in
                        defer { lastSheet = place.file }
                        let line = sheets[place.file].reader.rowNumbers.lineText(place.line).dropFirst("line ".count)
                        return place.file == lastSheet ? String(line) : "\(sheets[place.file].name):\(line)"
                    }
                    let cited = rows.isEmpty ? "held before" : rows.joined(separator: ", ")
                    return (id: other.id, detail: "\(DateText.dates(of: dated, vocabulary: store.vocabulary)); \(cited)")
                }
                notes.append(
                    "isnad: note: \(ClaimNaming.claims(named)) state \(claim.subject) \(claim.predicate) \(claim.object), weighed apart, each with its own sources: if they are one relationship, \(isDryRun ? "" : "isnad undo, then ")give their rows the same dates (a claim held before: isnad set CLAIM start DATE) and import again"
                )
            }
        }
        if unnamed > 0 {
            notes.append(
                "isnad: note: and \(unnamed) more relationship\(unnamed == 1 ? "" : "s") stated by claims weighed apart, with dates that may be one relationship's, as above"
            )
        }
        return notes
    }

    /// Notes a row's citation of a stored claim for ``editedQuotes()``, as an import of records
    /// notes each record's (one a row, as FtM gives one a line): `claim` as the store held it
    /// when a row first touched it, nil for a claim this import added (nothing stored to compare).
    /// A claim's rows are written together unless more than a batch of other rows comes between
    /// them (``PendingClaims``); those written apart are compared too, with what every earlier
    /// row of the claim gave kept.
    private func readRequoted(_ citation: Citation, of claim: Claim?, isFirst: Bool, at location: ImportSession.Location) {
        guard let claim else { return }
        var given = claim
        given.citations = [citation]
        requoted.read(given, keys: [citation.key], isFirst: isFirst, at: location) { _ in claim }
    }

    /// Gives the citations without a locator the one found in their source's text, if any:
    /// taken once written, since a later row of the claim finds its locator again. `claim` is
    /// the claim as the rows gave it, before its ends were turned to the store's way round.
    private func fillFoundLocators(of new: inout Claim, as claim: Claim) {
        for index in new.citations.indices where new.citations[index].locator == nil {
            new.citations[index].locator = foundLocators.removeValue(forKey: givenKey(claim, new.citations[index]))
        }
    }

    private func retractedRefusal(_ id: String) -> String {
        "\(pendingPlace): claim \"\(Text.printable(id))\" says this and is retracted: isnad restore \(Text.printable(id)) first (or leave the row out); nothing imported"
    }

    /// The retracted claim that states the claim's relationship with its dates, if any.
    private func retractedClaim(stating claim: Claim) throws -> String? {
        if retracted == nil { retracted = try RetractedRelationships(store: store) }
        return retracted?.retractedClaim(stating: claim)
    }

    private func jsonObject(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(members: members.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }

    /// The column a record field came from.
    private func columnName(_ field: String?) -> String {
        guard let field else { return "subject" }
        let leaf = field.split(separator: ".").last.map(String.init) ?? field
        let name = leaf.split(separator: "[").first.map(String.init) ?? leaf
        if name == "id" { return "claim" }
        return ClaimSheet.columns.contains(name) ? name : "subject"
    }
}

/// What each name cell of an import resolved to, by the cell's text, held for the sheets'
/// distinct names: a name is looked up once however many rows give it (a sheet of near misses,
/// each looked up row after row, took minutes to be refused). A sheet adds claims only, never an
/// entity or a source, so a name resolves alike on every row. A name that
/// matched nothing is held with whether its suggestions were looked for, and looked up again
/// when a problem that is listed needs them.
private struct Resolutions<Found, Failure: Error> {
    private var held: [String: (result: Result<Found, Failure>, hasSuggestions: Bool)] = [:]

    /// What `text` resolves to, from `resolve` (given `suggesting`) the first time it is asked.
    mutating func resolution(
        of text: String, suggesting: Bool, _ resolve: (_ suggesting: Bool) throws -> Found
    ) throws -> Found {
        if let entry = held[text], entry.hasSuggestions || !suggesting { return try entry.result.get() }
        do {
            let found = try resolve(suggesting)
            held[text] = (.success(found), true)
            return found
        } catch let failure as Failure {
            held[text] = (.failure(failure), suggesting)
            throw failure
        }
    }
}

/// The claims recent rows gave, not yet written. Rows are gathered in runs: a row joins the
/// last run of its relationship (its ends, either way round for a symmetric predicate, its
/// predicate and dates) when that run states it the same way under the same id, else starts a
/// new run after it; the runs of one relationship are written in order, as rows written one by
/// one would be (a row naming a claim, one of the same relationship without an id, and the
/// same the other way round each find what the one before wrote). Held until a row starts a
/// run when either bound is reached: a few hundred runs or ten thousand citations, so memory
/// stays bounded for any sheet but one whose rows all cite one claim (held whole, as it is
/// written whole).
private struct PendingClaims {
    static let maximumRuns = 256
    static let maximumCitations = 10_000

    private struct Run {
        var claim: Claim
        let place: String
        /// The claim's citations by ``Citation/key``.
        var citationIndex: [Int64: Int]
        /// Where each citation's quote cell is, by its place in the claim: the first row's.
        var quotePlaces: [ImportSession.Location]
    }

    /// The runs of each relationship, in order, the relationships in the order rows first gave them.
    private var relationships: [[Run]] = []
    private var indexByRelationship: [Int64: Int] = [:]
    private var runCount = 0
    private var citationCount = 0

    var isFull: Bool { runCount >= Self.maximumRuns || citationCount >= Self.maximumCitations }

    /// Adds the claim's citations to the last run of its relationship if that one states it the
    /// same way under the same id: a citation of the same source, via and quote takes the new
    /// values, and keeps its translation and locator where the new one has none.
    mutating func give(_ claim: Claim, relationship: Int64, quotedAt quoted: ImportSession.Location) -> Bool {
        guard let group = indexByRelationship[relationship], let last = relationships[group].indices.last,
            relationships[group][last].claim.id == claim.id, relationships[group][last].claim.statesTheSame(as: claim)
        else { return false }
        if let notes = claim.notes { relationships[group][last].claim.notes = notes }
        for citation in claim.citations {
            if let index = relationships[group][last].citationIndex[citation.key] {
                var given = citation
                let held = relationships[group][last].claim.citations[index]
                given.quoteEnglish = given.quoteEnglish ?? held.quoteEnglish
                given.locator = given.locator ?? held.locator
                relationships[group][last].claim.citations[index] = given
            } else {
                relationships[group][last].citationIndex[citation.key] = relationships[group][last].claim.citations.count
                relationships[group][last].claim.citations.append(citation)
                relationships[group][last].quotePlaces.append(quoted)
                citationCount += 1
            }
        }
        return true
    }

    mutating func hold(_ claim: Claim, relationship: Int64, at place: String, quotedAt quoted: ImportSession.Location) {
        var citationIndex: [Int64: Int] = [:]
        for (index, citation) in claim.citations.enumerated() where citationIndex[citation.key] == nil {
            citationIndex[citation.key] = index
        }
        let run = Run(
            claim: claim, place: place, citationIndex: citationIndex,
            quotePlaces: Array(repeating: quoted, count: claim.citations.count))
        if let group = indexByRelationship[relationship] {
            relationships[group].append(run)
        } else {
            indexByRelationship[relationship] = relationships.count
            relationships.append([run])
        }
        runCount += 1
        citationCount += claim.citations.count
    }

    mutating func takeAll() -> [(claim: Claim, place: String, quotePlaces: [ImportSession.Location])] {
        defer {
            relationships = []
            indexByRelationship = [:]
            runCount = 0
            citationCount = 0
        }
        return relationships.flatMap { $0.map { ($0.claim, $0.place, $0.quotePlaces) } }
    }
}
