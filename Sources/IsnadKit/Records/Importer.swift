#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads record files into a store: streaming, in one transaction, all or nothing.
///
/// Records may come in any order (a claim before the entities it names); every reference and
/// every type rule is checked once the whole input is read. Any problem in any record means
/// nothing is written, and each problem is reported with its file, line, record and field.
public struct Importer {
    /// The most problems an import lists, `--max-errors 0` included: past it they are counted.
    public static let mostListedProblems = 100_000

    /// What follows `… and 54 more` in a failure that left problems out: the option that lists
    /// them, as a listing names the command that lists what it left out.
    public static func listingMoreHint(totalCount: Int) -> String {
        totalCount <= mostListedProblems
            ? " (--max-errors 0 lists them all)" : " (--max-errors 0 lists the first \(mostListedProblems))"
    }

    /// One file to read, or standard input.
    public enum Input: Sendable, Equatable {
        case file(String)
        case standardInput

        /// The name used in messages.
        public var name: String {
            switch self {
            case .file(let path): path
            case .standardInput: "<stdin>"
            }
        }
    }

    public struct Options: Sendable {
        /// Validate everything, write nothing.
        public var dryRun = false
        /// A claim's citations replace those it has, instead of being added to them.
        public var replacingCitations = false
        /// Longer lines are refused (and skipped without being held in memory).
        public var maximumLineLength = LineReader.defaultMaximumLineLength
        /// How many problems to keep for the report; the rest are only counted.
        public var maximumReportedErrors = 20
        /// The inputs' format; nil: recognised from each input's content (a STIX bundle, FtM
        /// entities, else Isnad's records).
        public var format: ExchangeFormat?
        /// Refuse the import when anything of a foreign format would be skipped.
        public var isStrict = false
        /// Who imports, and with which command: the import's entry in the store's history
        /// (none when nil).
        public var change: ChangeDescription?
        /// How many of the records already stored that the import changes to return as the
        /// history holds them (``Summary/storedRecordChanges``): what a dry run lists.
        public var storedChangesListed = 0
        /// The last history entry this store shares with the store the records were exported
        /// from (a copy made by `isnad copy`): the records are merged with this store's changes
        /// since, field by field (``ChangeSession/keepChanges(since:)``). Nil: they replace what
        /// is stored.
        public var baseEntry: Int?

        public init() {}
    }

    /// What an import read.
    public struct Summary: Sendable, Equatable {
        public var records: [Record.Kind: Int] = [:]
        /// Records that repeated an identical record earlier in the same import.
        public var repeated = 0
        /// Records of entities merged into others (`isnad merge`), skipped.
        public var merged = 0
        /// Claims naming merged entities, their own ids not stored, that say what a stored claim
        /// of the entities kept says: their citations went to that claim, as `isnad merge` sends them.
        public var combined = 0
        /// Records this store deleted after the base entry (``Options/baseEntry``) that the file
        /// held as they were then: they stay deleted, not imported.
        public var keptDeleted = 0
        public var lines = 0
        /// Objects of foreign formats (STIX, FtM) that have no Isnad counterpart, in input order.
        public var skipped: [SkippedObject] = []
        /// What a user should know of how foreign objects were read (a role that names no
        /// predicate, markings not kept), each a whole line, in input order.
        public var notes: [ImportNote] = []
        /// Retracted claims and citations that records gave as standing: they stay retracted.
        public var keptRetractions: [KeptRetraction] = []
        /// Whether every record was in the store as it is: the import changed nothing and kept no
        /// history entry.
        public var changedNothing = false
        /// How many records already stored the import changed (a record given anew, say after a
        /// `set` of it), or would change (a dry run), and the history entry that says how.
        public var storedRecordsChanged = 0
        /// The first ``Options/storedChangesListed`` of those records, before and after.
        public var storedRecordChanges: [RecordChange] = []
        public var entry: Int?

        public var recordCount: Int { records.values.reduce(0, +) }
    }

    /// A retracted claim, or a retracted citation of a claim that stands, that a record gave as
    /// standing (an export made before the retraction, say). A retraction is an analyst's
    /// judgement, undone by `isnad restore` or `isnad undo`: an import that brought the record
    /// back would undo it unseen, so the record's claim or citation is left out and listed.
    public struct KeptRetraction: Sendable, Hashable, CustomStringConvertible {
        public let claim: String
        /// The retracted citation's source; nil when the whole claim is retracted.
        public let citationSource: String?

        public var description: String {
            let what =
                citationSource.map { "a citation of claim \"\(Text.printable(claim))\" (source \"\(Text.printable($0))\")" }
                ?? "claim \"\(Text.printable(claim))\""
            return "kept retracted: \(what), given as standing in the input (isnad restore brings it back)"
        }
    }

    /// How far an import has come, for a progress line.
    public struct Progress: Sendable {
        public var input: String
        public var bytesRead: Int
        public var totalBytes: Int?
        public var records: Int
    }

    /// An input file that cannot be read at all.
    public struct InputError: Error, CustomStringConvertible {
        /// What is wrong with the input.
        public enum Kind: Sendable {
            /// There is no such file.
            case missing
            /// The path names a folder, not a file.
            case notAFile
            /// The file exists but may not be read (permission denied).
            case unreadable
            /// Opening the file failed for another reason.
            case cannotOpen
            /// Reading failed midway.
            case readFailed
        }

        public let input: String
        public let reason: String
        public let kind: Kind
        public var description: String { "\(Text.printableFileName(input)): \(reason)" }

        public init(input: String, reason: String, kind: Kind) {
            self.input = input
            self.reason = reason
            self.kind = kind
        }

        /// Whether the file does not exist (not: exists but cannot be read).
        public var isMissing: Bool { kind == .missing }
    }

    /// The import was refused: every problem found (up to the report limit), in input order.
    public struct Failure: Error, CustomStringConvertible {
        public let errors: [RecordError]
        public let totalCount: Int
        /// The foreign objects skipped while reading (without `--strict`): a record refused for
        /// naming an unknown entity may name one of them (an FtM person with no name).
        public var skipped: [SkippedObject] = []

        /// How many skipped objects a failure lists at most.
        static let skippedShown = 10

        public var description: String { description(describing: \.description) }

        /// The report, each error written by `describe` (a program adds what its user can do
        /// about an error's ``RecordProblem/remedy``).
        public func description(describing describe: (RecordError) -> String) -> String {
            var lines = errors.map(describe)
            if totalCount > errors.count {
                lines.append(
                    "… and \(totalCount - errors.count) more problems (\(totalCount) in all)"
                        + Importer.listingMoreHint(totalCount: totalCount))
            }
            if !skipped.isEmpty {
                lines.append("skipped while reading, which records above may name:")
                lines += skipped.prefix(Failure.skippedShown).map { "  \($0.description)" }
                if skipped.count > Failure.skippedShown {
                    lines.append("  … and \(skipped.count - Failure.skippedShown) more")
                }
            }
            lines.append("nothing was imported: the store is unchanged")
            return lines.joined(separator: "\n")
        }
    }

    public let store: GraphStore
    public let options: Options
    private let decoder: RecordDecoder

    public init(store: GraphStore, options: Options = Options()) {
        self.store = store
        self.options = options
        self.decoder = RecordDecoder(vocabulary: store.vocabulary)
    }

    /// Refuses inputs that are missing or unreadable before anything is opened or created.
    public static func checkInputs(_ inputs: [Input]) throws {
        for case .file(let path) in inputs {
            if !FileSystem.exists(path) {
                throw InputError(input: path, reason: "no such file", kind: .missing)
            }
            if FileSystem.isDirectory(path) {
                throw InputError(input: path, reason: "is a folder, not a record file", kind: .notAFile)
            }
            if !FileSystem.isReadable(path) {
                throw InputError(input: path, reason: "cannot be read (permission denied)", kind: .unreadable)
            }
        }
    }

    /// Imports every input in one transaction. Throws ``Failure`` when any record is bad.
    public func run(_ inputs: [Input], progress: ((Progress) -> Void)? = nil) throws -> Summary {
        try Importer.checkInputs(inputs)
        var summary = Summary()
        let outcome = try store.importing(options.change, listingChanges: options.storedChangesListed) { session in
            var run = Run(session: session, inputs: inputs, options: options, decoder: decoder, progress: progress)
            let inputBytes = inputs.reduce(0) { total, input in
                if case .file(let path) = input { total + (FileSystem.regularFileSize(path) ?? 0) } else { total }
            }
            try session.deferIndexes(inputBytes: inputBytes)
            for (index, input) in inputs.enumerated() { try run.read(input, index: index) }
            try HeldSignals.checkPending()
            // The checks below find claims by their ends: through the indexes.
            try session.buildDeferredIndexes()
            // On PostgreSQL, claims written a batch at a time report a change of their ends now.
            for changed in try session.takeChangedEnds() { run.report(changed.change, of: changed.claim, at: changed.location) }
            for finding in run.requoted.remaining { run.report(RequotedPassages.problem(finding), at: finding.location) }
            // The merged records are the ones stored: the checks below see them, not the file's
            // (the file's source citing nothing, this store's citing back would be a cycle).
            if let base = options.baseEntry, run.errors.isEmpty {
                // A record that stays deleted was read, not imported: counted apart.
                for record in try session.mergeChanges(since: base) {
                    run.summary.records[record.kind, default: 0] -= 1
                    run.summary.keptDeleted += 1
                }
            }
            try run.checkReferences()
            if options.isStrict {
                for object in run.summary.skipped {
                    let file = inputs.firstIndex { $0.name == object.file } ?? 0
                    run.report(
                        RecordProblem(
                            message: "\(Text.printable(object.objectID)): would be skipped (--strict): \(object.reason)"),
                        at: ImportSession.Location(file: file, line: object.line))
                }
                // What was read with a value left out, or not as another tool wrote it, is not
                // read whole either.
                for note in run.summary.notes {
                    let file = inputs.firstIndex { $0.name == note.file } ?? 0
                    run.report(
                        RecordProblem(
                            record: note.subject.map { Text.printable($0) }, message: "refused (--strict): \(note.text)"),
                        at: ImportSession.Location(file: file, line: note.line))
                }
            }
            if !run.errors.isEmpty {
                var failure = Failure(errors: run.reportedErrors(), totalCount: run.errorCount)
                if !options.isStrict { failure.skipped = run.summary.skipped }
                throw failure
            }
            try HeldSignals.checkPending()
            summary = run.summary
            summary.keptRetractions = session.keptRetractions
            return options.dryRun ? .rollback : .commit
        }
        summary.changedNothing = !outcome.changed
        summary.storedRecordsChanged = outcome.storedRecordsChanged
        summary.storedRecordChanges = outcome.changes
        summary.entry = options.dryRun ? nil : outcome.entry
        return summary
    }
}

/// The state of one import while it reads.
private struct Run {
    let session: ImportSession
    let inputs: [Importer.Input]
    let options: Importer.Options
    let decoder: RecordDecoder
    let progress: ((Importer.Progress) -> Void)?
    var summary = Importer.Summary()
    var errors: [RecordError] = []
    var errorCount = 0
    /// Ids of records that were refused, so that references to them are not reported again.
    var refusedIDs: Set<String> = []
    /// The inputs (by place) read as FollowTheMoney entities.
    var ftmFiles: Set<Int> = []
    private var errorOrder: [ImportSession.Location] = []
    private var writer = RecordWriter()
    /// Citations given anew beside a stored one of the same passage (an edited quote).
    var requoted = RequotedPassages()

    init(
        session: ImportSession, inputs: [Importer.Input], options: Importer.Options, decoder: RecordDecoder,
        progress: ((Importer.Progress) -> Void)?
    ) {
        self.session = session
        self.inputs = inputs
        self.options = options
        self.decoder = decoder
        self.progress = progress
    }

    mutating func read(_ input: Importer.Input, index: Int) throws {
        let descriptor: Int32
        switch input {
        case .standardInput:
            // Closed (`<&-`), it would read as empty: "no records, nothing changed", exit 0.
            if StandardStreams.closedAtStart.contains(STDIN_FILENO) {
                throw Importer.InputError(input: input.name, reason: "standard input is closed", kind: .missing)
            }
            descriptor = STDIN_FILENO
        case .file(let path):
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            if descriptor < 0 {
                throw Importer.InputError(
                    input: path, reason: FileSystem.describe(errorCode: errno),
                    kind: errno == ENOENT ? .missing : .cannotOpen)
            }
        }
        defer { if case .file = input { close(descriptor) } }
        let isSTIX = try options.format == .stix || (options.format == nil && Run.peekIsSTIX(input, descriptor))
        if isSTIX {
            try readSTIX(input, descriptor: descriptor, index: index)
            return
        }
        let totalBytes: Int? = if case .file(let path) = input { FileSystem.regularFileSize(path) } else { nil }
        // The lines are read and decoded on a second thread while this one writes those before.
        let (format, maximumLineLength, decoder) = (options.format, options.maximumLineLength, decoder)
        var bytesRead = 0
        do {
            try Handoff<[DecodedLine]>.pipeline(capacity: DecodedLine.batchesAhead) { handoff in
                try DecodedLine.read(
                    descriptor: descriptor, format: format, maximumLineLength: maximumLineLength, decoder: decoder,
                    into: handoff)
            } consume: { batch in
                try HeldSignals.checkPending()
                for line in batch {
                    summary.lines += 1
                    bytesRead += line.length + 1
                    let location = ImportSession.Location(file: index, line: line.number)
                    switch line.content {
                    case .blank: break
                    case .tooLong:
                        report(
                            RecordProblem(
                                message: LineReader.overLimit(
                                    length: line.length, limit: options.maximumLineLength, isEnded: true),
                                remedy: .longerLineLimit
                            ), at: location)
                    case .unended:
                        report(
                            RecordProblem(
                                message: LineReader.overLimit(
                                    length: line.length, limit: options.maximumLineLength, isEnded: false)), at: location)
                    case .foreign(let format): try refuse(input, as: format, at: location)
                    case .followTheMoney(let bytes):
                        try bytes.withUnsafeBufferPointer { try handleFtM($0, of: input, at: location) }
                    case .record(let decoded): try accept(decoded, of: input, at: location)
                    }
                    if let progress, line.number % 4096 == 0 {
                        progress(
                            Importer.Progress(
                                input: input.name, bytesRead: bytesRead, totalBytes: totalBytes, records: summary.recordCount))
                    }
                }
            }
        } catch is StopReading {
            return
        } catch let readError as LineReader.ReadError {
            throw Importer.InputError(input: input.name, reason: "read failed: \(readError)", kind: .readFailed)
        }
    }

    /// Whether a file's first bytes open a STIX bundle (standard input is not peeked at: it
    /// takes `--from stix`). `pread` leaves the file's offset where it was.
    /// A file that cannot be peeked at (a FIFO named as a file) is read as records; one whose
    /// device fails the read is an error, not a file of another format.
    static func peekIsSTIX(_ input: Importer.Input, _ descriptor: Int32) throws -> Bool {
        guard case .file = input else { return false }
        var buffer = [UInt8](repeating: 0, count: ExchangeFormat.peekLength)
        var count = -1
        while count < 0 {
            count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
            guard count < 0 else { break }
            let code = errno
            if code == EINTR { continue }
            if code == ESPIPE { return false }
            throw Importer.InputError(
                input: input.name, reason: "read failed: \(FileSystem.describe(errorCode: code))", kind: .readFailed)
        }
        guard count > 0 else { return false }
        return ExchangeFormat.isSTIXBundle(buffer[..<count])
    }

    /// Reads a whole STIX bundle (up to ``STIXReader/maximumBundleSize``) and imports its
    /// records; the location of each is the object's position in `objects`.
    private mutating func readSTIX(_ input: Importer.Input, descriptor: Int32, index: Int) throws {
        var data: [UInt8]
        do {
            data = try FileSystem.readToEnd(descriptor, limit: STIXReader.maximumBundleSize)
        } catch {
            throw Importer.InputError(input: input.name, reason: "read failed: \(error.description)", kind: .readFailed)
        }
        if data.count > STIXReader.maximumBundleSize {
            report(
                RecordProblem(
                    message:
                        "the STIX bundle is larger than the limit of \(STIXReader.maximumBundleSize >> 20) MiB (a bundle is read whole)"
                ), at: ImportSession.Location(file: index, line: 0))
            return
        }
        let location = ImportSession.Location(file: index, line: 0)
        // A UTF-8 byte order mark at the start is accepted, as in every file Isnad reads.
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
        let value: JSONValue
        do {
            value = try data.withUnsafeBufferPointer { try JSONParser.parse($0) }
        } catch let error as JSONParser.SyntaxError {
            // The bundle is parsed whole: its byte column becomes the line and column an editor shows.
            let before = data.prefix(max(0, error.byteColumn - 1))
            let line = before.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            // Counted in characters, as an editor counts them: a UTF-8 byte 10xxxxxx continues one.
            let column = before[(before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0)...].filter { $0 & 0xC0 != 0x80 }.count + 1
            report(
                RecordProblem(message: "not a STIX bundle: invalid JSON at column \(column): \(error.message)"),
                at: ImportSession.Location(file: index, line: line))
            return
        } catch {
            report(RecordProblem(message: "not a STIX bundle: \(error)"), at: location)
            return
        }
        guard let (records, skipped, refused, notes) = STIXReader(vocabulary: decoder.vocabulary).read(value, file: input.name)
        else {
            report(RecordProblem(message: "not a STIX bundle: a bundle is an object whose type is \"bundle\""), at: location)
            return
        }
        data = []
        summary.skipped += skipped
        summary.notes += notes
        for refusal in refused { report(refusal.problem, at: ImportSession.Location(file: index, line: refusal.index)) }
        for (position, mapped) in records.enumerated() {
            if position % 256 == 0 { try HeldSignals.checkPending() }
            summary.lines += 1
            try handleMapped(mapped.record, at: ImportSession.Location(file: index, line: mapped.index), of: input)
        }
    }

    /// One line of FollowTheMoney entities: its records, or a note that it was skipped.
    private mutating func handleFtM(
        _ bytes: UnsafeBufferPointer<UInt8>, of input: Importer.Input, at location: ImportSession.Location
    ) throws {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            report(RecordProblem(message: error.description), at: location)
            return
        }
        // Not an entity at all is a wrong file (or a wrong --from), not an entity Isnad has no
        // counterpart for: refused, not listed as skipped.
        guard let object = value.objectValue, object.string("schema") != nil, object.string("id") != nil,
            object["properties"]?.objectValue != nil
        else {
            let isRecord = value.objectValue?.string("record") != nil
            report(
                RecordProblem(
                    message: isRecord
                        ? "an Isnad record line, not a FollowTheMoney entity: import it without --from ftm"
                        : "not a FollowTheMoney entity: an entity is an object with id, schema and properties"),
                at: location)
            return
        }
        let id = value.objectValue?.string("id") ?? "line \(location.line)"
        ftmFiles.insert(location.file)
        switch FtMReader(vocabulary: decoder.vocabulary).read(value, file: input.name) {
        case .success(let mapped):
            for note in mapped.notes {
                summary.notes.append(ImportNote(file: input.name, line: location.line, subject: id, note))
            }
            for record in mapped.records {
                if case .claim(let claim) = record,
                    let stored = try session.storedNotesAndLocators(ofClaim: claim.id, keys: claim.citations.map(\.key)),
                    !claim.citations.contains(where: { $0.retraction != nil })
                {
                    let kept = FtMReader.keepingWhatFtMCannotCarry(claim, notes: stored.notes, locators: stored.locators)
                    try handleMapped(.claim(kept), at: location, of: input)
                    continue
                }
                let stored = try session.storedRecord(record.kind, id: record.id)
                try handleMapped(FtMReader.keepingWhatFtMCannotCarry(record, stored: stored), at: location, of: input)
            }
        case .failure(let unmapped):
            summary.skipped.append(
                SkippedObject(file: input.name, objectID: id, reason: unmapped.message, line: location.line))
        }
    }

    /// A record mapped from a foreign format, checked exactly as if it had been read as a line.
    private mutating func handleMapped(_ record: Record, at location: ImportSession.Location, of input: Importer.Input) throws {
        let bytes = writer.encode(record)
        try bytes.dropLast().withUnsafeBufferPointer { try handle($0, of: input, at: location) }
    }

    /// Thrown to stop reading an input that is not JSON Lines, once that was reported.
    private struct StopReading: Error {}

    /// Reports that the input is not JSON Lines, in one line, and stops reading it: every
    /// line after this one would be refused for the same reason.
    private mutating func refuse(_ input: Importer.Input, as format: ForeignFormat, at location: ImportSession.Location) throws {
        report(format.problem(input: input.name, isStandardInput: input == .standardInput), at: location)
        throw StopReading()
    }

    /// A line of records read and decoded elsewhere, checked as if it had been read as a line.
    private mutating func handle(
        _ bytes: UnsafeBufferPointer<UInt8>, of input: Importer.Input, at location: ImportSession.Location
    ) throws {
        try accept(DecodedLine.decode(bytes, decoder: decoder, writer: &writer), of: input, at: location)
    }

    private mutating func accept(
        _ decoded: DecodedLine.Decoded, of input: Importer.Input, at location: ImportSession.Location
    ) throws {
        var record: Record
        var identity: UInt64
        let keys: DecodedLine.StoredKeys
        // The stored claim that `isnad merge` combined this claim with, whose citations it adds to.
        var combinedInto: Claim?
        switch decoded {
        case .record(let decodedRecord, let decodedIdentity, let decodedKeys):
            record = decodedRecord
            identity = decodedIdentity
            keys = decodedKeys
        case .refused(let problems, let id, let references):
            if let id { refusedIDs.insert(id) }
            for problem in problems { report(problem, at: location) }
            let label = problems.first?.record ?? "claim"
            for reference in references where try !isKnown(reference) {
                try session.addPending(
                    .init(location: location, record: label, field: reference.field, target: reference.target, id: reference.id))
            }
            return
        case .unparsable(let message, let opensObject):
            if opensObject { try refuse(input, as: .multilineObject, at: location) }
            report(RecordProblem(message: message), at: location)
            return
        }
        switch record {
        case .entity(let entity) where try session.mergedInto(entity.id) != nil:
            if let merging = session.mergedInThisImport(entity.id) {
                // Both in one import: the same contradiction as the other order, which
                // `mergedIDsAreFree` refuses; refused here too, rather than dropped in silence.
                refusedIDs.insert(entity.id)
                report(
                    RecordProblem(
                        record: "entity \"\(entity.id)\"",
                        message:
                            "entity \"\(merging.entity)\" lists it as merged at \(name(merging.location.file)):\(merging.location.line): an entity merged into another is gone from the store, and its record cannot come with the record that merged it"
                    ),
                    at: location)
                return
            }
            // Merged into another entity by `isnad merge`: that one stands for it now.
            summary.merged += 1
            return
        case .claim(var claim):
            // A merged entity's id names the entity it was merged into.
            let keptSubject = try session.mergedInto(claim.subject)
            let keptObject = try session.mergedInto(claim.object)
            if keptSubject != nil || keptObject != nil {
                claim.subject = keptSubject ?? claim.subject
                claim.object = keptObject ?? claim.object
                record = .claim(claim)
                identity = DecodedLine.identityDigest(of: record, writer: &writer)
                combinedInto = try claimCombinedByMerge(claim)
            }
        default: break
        }
        let label = "\(record.kind.rawValue) \"\(record.id)\""
        switch try session.register(kind: record.kind, id: record.id, digest: identity, at: location) {
        case .repeated(let earlier):
            if case .claim(let claim) = record {
                // The same claim again may add citations; one it gives again differently
                // contradicts the earlier record, and neither is the one to keep.
                let citationKeys = keys.citationKeys
                if let index = try session.firstCitationDiffering(in: claim, keys: citationKeys) {
                    refusedIDs.insert(record.id)
                    report(
                        RecordProblem(
                            record: label, field: "citations[\(index)]",
                            message:
                                "the claim's record came first at \(name(earlier.file)):\(earlier.line), and this citation (its source, via and quote) is held there or in the store with another stance, credibility, translation or locator: give each citation once"
                        ), at: location)
                    return
                }
                try checkCitations(of: claim, label: label, at: location)
                try readRequotedPassages(of: claim, keys: citationKeys, isFirst: false, at: location)
                if let refusal = try session.write(
                    claim, citationKeys: citationKeys, replacingCitations: false, reportingAt: location)
                {
                    refusedIDs.insert(record.id)
                    report(refusal, of: claim.id, at: location)
                    return
                }
            }
            summary.repeated += 1
            return
        case .conflict(let earlier):
            refusedIDs.insert(record.id)
            report(
                RecordProblem(
                    record: label,
                    message:
                        "the id is already used in this import for a different \(record.kind.rawValue) at \(name(earlier.file)):\(earlier.line)"
                        // FtM streams give an entity in fragments, one id on several lines.
                        + (ftmFiles.contains(location.file)
                            ? " (an FtM entity in fragments? merge them first: ftm aggregate -i FILE -o merged.ftm.jsonl)" : "")
                ),
                at: location)
            return
        case .new:
            // A record under an id a rename took away would bring the old id back beside the new
            // one (a source's real name beside its pseudonym, its citations twice).
            if let renamed = try session.renamedAway(record.kind, record.id) {
                refusedIDs.insert(record.id)
                report(
                    RecordProblem(
                        record: label, field: "id",
                        message:
                            "\(renamed.sentence): write the new id in the file, or undo the rename first"
                    ), at: location)
                return
            }
        }
        summary.records[record.kind, default: 0] += 1
        switch record {
        case .entity(let entity):
            guard try mergedIDsAreFree(entity, label: label, at: location) else {
                refusedIDs.insert(entity.id)
                return
            }
            try session.write(entity, searchKeys: keys.searchKeys, at: location)
        case .source(let source):
            for (index, cited) in source.cites.enumerated() where !(try session.sourceExists(cited)) {
                try session.addPending(
                    .init(location: location, record: label, field: "cites[\(index)]", target: .source, id: cited))
            }
            try session.write(source)
        case .claim(let claim):
            try checkClaim(claim, label: label, at: location)
            // Joined to the claim a merge combined it with, its citations are that claim's anew.
            if combinedInto == nil {
                try readRequotedPassages(of: claim, keys: keys.citationKeys, isFirst: true, at: location)
            }
            var written = claim
            if var twin = combinedInto {
                // The twin keeps what it says itself (dates, notes); the record's citations join it.
                twin.citations = claim.citations
                written = twin
                summary.combined += 1
            }
            if let changed = try session.write(
                written, citationKeys: keys.citationKeys, replacingCitations: options.replacingCitations && combinedInto == nil,
                reportingAt: location)
            {
                report(changed, of: written.id, at: location)
            }
        }
    }

    /// Whether every id an entity record lists as `merged` is free to name it: not the id of an
    /// entity that stands (in the store or earlier in this import), nor merged into another. A
    /// merged id takes over every claim that names it, so a record that listed a standing
    /// entity's id would silently move that entity's future claims to itself. Reports each one
    /// that is not.
    private mutating func mergedIDsAreFree(_ entity: Entity, label: String, at location: ImportSession.Location) throws
        -> Bool
    {
        var isFree = true
        for (index, id) in entity.merged.enumerated() {
            let problem: String
            if id == entity.id {
                problem = "\"\(id)\" is this entity's own id"
            } else if try session.entityType(id) != nil {
                problem = "\"\(id)\" is an entity that stands: only `isnad merge` merges one entity into another"
            } else if let other = try session.mergedInto(id), other != entity.id {
                problem = "\"\(id)\" is merged into \"\(other)\" already"
            } else {
                continue
            }
            isFree = false
            report(RecordProblem(record: label, field: "merged[\(index)]", message: problem), at: location)
        }
        return isFree
    }

    /// The stored claim a merge combined `claim` with: `claim` names a merged entity (its ends
    /// already rewritten to the kept one), its own id is no longer stored, and a stored claim
    /// says the same (predicate, ends and dates), as ``GraphStore/merge(_:into:)`` finds them —
    /// standing, or retracted since (it then stays retracted, as an import keeps every retraction).
    /// Without it, importing a file made before the merge would write the combined claim again
    /// beside its twin: the same quotes as evidence twice.
    private func claimCombinedByMerge(_ claim: Claim) throws -> Claim? {
        guard try session.storedRecord(.claim, id: claim.id) == nil else { return nil }
        guard let twinID = try session.storedClaim(sayingTheSameAs: claim),
            case .claim(let twin)? = try session.storedRecord(.claim, id: twinID)
        else { return nil }
        return twin
    }

    /// Notes the record's citations that quote anew the passage of a stored citation it leaves
    /// out (``RequotedPassages``), before the record is written. With --replace the record's
    /// citations are taken as they are: none stands beside one it leaves out.
    private mutating func readRequotedPassages(
        of claim: Claim, keys: [Int64], isFirst: Bool, at location: ImportSession.Location
    ) throws {
        // With a base entry the merge decides citations field by field: a citation the file
        // holds as it was then is no edit of the file's, whatever this store re-quoted since.
        // Into a store that held no claim, nothing is compared, and nothing need be noted: 1.7%
        // of the instructions of 10,000 claims imported into a new store went to the notes.
        guard !options.replacingCitations, options.baseEntry == nil, try session.heldClaimsBefore() else { return }
        let session = session
        let keys = keys.count == claim.citations.count ? keys : claim.citations.map(\.key)
        try requoted.read(claim, keys: keys, isFirst: isFirst, at: location) { keys in
            try session.storedClaim(id: claim.id, unlessHoldingAll: keys)
        }
    }

    /// A claim record that was not written.
    mutating func report(_ refusal: ImportSession.ClaimRefusal, of claim: String, at location: ImportSession.Location) {
        switch refusal {
        case .changedEnd(let field, let stored):
            report(
                RecordProblem(
                    record: "claim \"\(claim)\"", field: field,
                    message: "the stored claim has \(field) \"\(stored)\": a claim id keeps its subject, predicate and object",
                    remedy: .replacingStoredClaim
                ),
                at: location)
        case .changedDate(let field, let stored, let given):
            report(
                RecordProblem(
                    record: "claim \"\(claim)\"", field: field,
                    message:
                        "the stored claim has \(field) \(stored.map { "\"\($0)\"" } ?? "none"), not \(given.map { "\"\($0)\"" } ?? "none"): its id was derived from this record's dates, and its dates were changed since (isnad set); give the record the stored dates, or an id of its own for a claim of these dates"
                ),
                at: location)
        case .noStandingCitation:
            report(
                RecordProblem(
                    record: "claim \"\(claim)\"", field: "citations",
                    message:
                        "every citation of the claim would be retracted while the claim stands: retract the claim itself (\"retracted\" on the claim) or leave a citation standing"
                ),
                at: location)
        }
    }

    /// Whether a refused record's reference names a record the store or this import holds (or
    /// an entity merged into one).
    private func isKnown(_ reference: DecodedLine.Reference) throws -> Bool {
        switch reference.target {
        case .entity: try session.entityType(reference.id) != nil || session.mergedInto(reference.id) != nil
        default: try session.sourceExists(reference.id)
        }
    }

    /// Checks what can be checked now; what names records not yet read is checked at the end.
    private mutating func checkClaim(_ claim: Claim, label: String, at location: ImportSession.Location) throws {
        let subjectType = try session.entityType(claim.subject)
        let objectType = try session.entityType(claim.object)
        let ends: [(ImportSession.PendingReference.Role, String, EntityType?)] = [
            (.subject, claim.subject, subjectType), (.object, claim.object, objectType),
        ]
        // A retracted claim names entities that must exist, but may keep ends whose types
        // changed since it was retracted (`restore` checks it when it comes back): the backup
        // of such a store imports.
        let isRetracted = claim.retraction != nil
        for (role, id, type) in ends where type == nil {
            try session.addPending(
                .init(
                    location: location, record: label, field: role.rawValue, target: .entity, id: id,
                    predicate: isRetracted ? nil : claim.predicate, role: isRetracted ? nil : role))
        }
        // One the store keeps retracted stays so, whatever the record says: looked up only
        // for a claim that does not fit.
        if !isRetracted,
            let problem = decoder.vocabulary.problem(
                predicate: claim.predicate, subjectType: subjectType, objectType: objectType),
            !(try session.isRetractedInStore(claim.id))
        {
            report(RecordProblem(record: label, field: problem.field, message: problem.message), at: location)
        }
        try checkCitations(of: claim, label: label, at: location)
    }

    /// Notes the sources a claim's citations name that are not known yet, and refuses one
    /// passage the record gives for the claim and against it (``SelfDispute``).
    private mutating func checkCitations(of claim: Claim, label: String, at location: ImportSession.Location) throws {
        // One passage for the claim and against it, given by the record itself.
        if let dispute = SelfDispute.first(in: claim.citations) {
            report(
                RecordProblem(
                    record: label, field: "citations[\(dispute.later)]",
                    message: SelfDispute.description(
                        claim.citations[dispute.later], claim.citations[dispute.earlier],
                        earlierPlace: "citations[\(dispute.earlier)]") + "; " + SelfDispute.importRemedy), at: location)
        }
        for (index, citation) in claim.citations.enumerated() {
            if !(try session.sourceExists(citation.source)) {
                try session.addPending(
                    .init(
                        location: location, record: label, field: "citations[\(index)].source", target: .source,
                        id: citation.source))
            }
            if let via = citation.via, !(try session.sourceExists(via)) {
                try session.addPending(
                    .init(location: location, record: label, field: "citations[\(index)].via", target: .source, id: via))
            }
        }
    }

    /// Once everything is read: references to records that never came, types that no longer
    /// fit because an entity changed type, and chains of transmission made into cycles or too deep.
    mutating func checkReferences() throws {
        // A cycle already in the store is check's to report; one through a source read here is refused.
        let cites = try session.citesProblemsThroughImportedSources()
        for (cycle, location) in cites.cycles {
            guard let first = cycle.first else { continue }
            report(
                RecordProblem(record: "source \"\(first)\"", field: "cites", message: CitesCycles.message(cycle)), at: location)
        }
        for (source, message, location) in cites.tooDeep {
            report(RecordProblem(record: "source \"\(source)\"", field: "cites", message: message), at: location)
        }
        var missing: [(ImportSession.PendingReference)] = []
        try session.resolvePending { reference, found, type in
            if !found {
                if !refusedIDs.contains(reference.id) { missing.append(reference) }
                return
            }
            guard let predicate = reference.predicate, let role = reference.role else { return }
            let problem = decoder.vocabulary.problem(
                predicate: predicate, subjectType: role == .subject ? type : nil, objectType: role == .object ? type : nil)
            if let problem {
                report(
                    RecordProblem(record: reference.record, field: problem.field, message: problem.message),
                    at: reference.location)
            }
        }
        try reportMissing(missing)
        try session.claimsOfRetypedEntities {
            entity, entityLocation, claim, predicate, subjectType, objectType, claimLocation in
            guard let problem = decoder.vocabulary.problem(predicate: predicate, subjectType: subjectType, objectType: objectType)
            else { return }
            if let claimLocation {
                report(
                    RecordProblem(record: "claim \"\(claim)\"", field: problem.field, message: problem.message), at: claimLocation
                )
            } else {
                report(
                    RecordProblem(
                        record: "entity \"\(entity)\"", field: "type",
                        message:
                            "the new type breaks the stored claim \"\(claim)\": \(problem.message)"
                    ),
                    at: entityLocation)
            }
        }
    }

    /// Reports unknown ids, each with the nearest known id of its kind when one is close.
    private mutating func reportMissing(_ references: [ImportSession.PendingReference]) throws {
        guard !references.isEmpty else { return }
        // Only the reported ones need a suggestion; the scan over all ids is the costly part.
        let room = max(0, options.maximumReportedErrors - errors.count)
        var suggestions: [String: String] = [:]
        for kind in [Record.Kind.entity, .source] {
            let wanted = Set(references.prefix(room).filter { $0.target == kind }.map(\.id))
            guard !wanted.isEmpty else { continue }
            var best: [String: (String, Int)] = [:]
            try session.forEachID(of: kind) { candidate in
                for id in wanted {
                    let limit = min(4, max(1, max(id.count, candidate.count) / 3))
                    let bound = min(limit, (best[id]?.1 ?? Int.max) - 1)
                    guard bound >= 0,
                        let distance = Suggestion.editDistance(
                            Array(id.unicodeScalars), Array(candidate.unicodeScalars), atMost: bound)
                    else { continue }
                    best[id] = (candidate, distance)
                }
            }
            for (id, match) in best { suggestions[id] = match.0 }
        }
        for reference in references {
            // An id a rename took away is named with the id it has now, not taken for a misspelling.
            let renamed = try session.renamedAway(reference.target, reference.id).map {
                ": it was renamed \"\($0.current)\" (history entry \($0.entry)); write the new id in the file, or undo the rename first"
            }
            let message =
                "unknown \(reference.target.rawValue) \"\(reference.id)\""
                + (renamed ?? Suggestion.phrase(suggestions[reference.id]))
            report(RecordProblem(record: reference.record, field: reference.field, message: message), at: reference.location)
        }
    }

    /// Counts a problem and keeps it if it is among the first ones in input order.
    mutating func report(_ problem: RecordProblem, at location: ImportSession.Location) {
        errorCount += 1
        errors.append(RecordError(file: name(location.file), line: location.line, problem: problem))
        errorOrder.append(location)
        if errors.count > options.maximumReportedErrors * 2 { keepFirstErrors() }
    }

    /// The first problems in input order (file by file, line by line).
    mutating func reportedErrors() -> [RecordError] {
        keepFirstErrors()
        return errors
    }

    private mutating func keepFirstErrors() {
        let kept = zip(errors, errorOrder).enumerated()
            .sorted { ($0.element.1.file, $0.element.1.line, $0.offset) < ($1.element.1.file, $1.element.1.line, $1.offset) }
            .prefix(options.maximumReportedErrors)
        errors = kept.map(\.element.0)
        errorOrder = kept.map(\.element.1)
    }

    func name(_ file: Int) -> String { inputs.indices.contains(file) ? inputs[file].name : "?" }
}
