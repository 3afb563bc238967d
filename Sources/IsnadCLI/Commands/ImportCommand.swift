import Foundation
import IsnadKit

enum ImportCommand: Command {
    static let name = "import"
    static let spec = CommandSpec(
        name: name,
        abstract:
            "Import records (JSON Lines), a CSV claims sheet, a STIX 2.1 bundle, FollowTheMoney entities or a store's history, all or nothing.",
        discussion: """
            Reads entity, source and claim records, one JSON object per line, from each FILE (or - for standard
            input), in one transaction: if any record is bad, nothing is written and every problem is listed with
            its file, line and field. Records may come in any order. A record whose id exists replaces it; a
            claim's citations are added to those it already has (same source, via and quote: updated). One that
            quotes anew, from the same source and via, the passage of a stored citation the claim's record leaves
            out (one quote within the other, at lines of its text that overlap if both say: a quote edited in another
            store) is refused, as it would stand beside that one; --replace takes the record's citations as they are
            (under --base-entry the merge decides instead, field by field). A claim id keeps its subject, predicate
            and object: a record that changes them is refused, unless --replace. A claim may come twice in one
            import with other citations (two files that cite it): they add up.
            Creates the store if it does not exist; if the import then fails, no store is left behind. The import
            is one entry of the store's history (isnad log), which isnad undo takes back. --dry-run lists what the
            import would change in records already stored, field by field as isnad log shows a change.
            A STIX 2.1 bundle (one JSON object, read whole, at most 256 MiB) and FollowTheMoney entities (JSON Lines)
            are recognised by their content, or named with --from; they are mapped to entities, sources and claims
            (docs/exporting.md has the tables), and each object that has no Isnad counterpart is listed as skipped
            (file, object id, reason), and so is a value left out. With --strict, a file from which anything would be skipped or left out is refused whole.
            Standard input is recognised as STIX only with --from stix.
            A CSV claims sheet (FILE.csv, or --from csv; isnad template writes its header) holds one citation a row;
            every row is checked (a row that quotes anew the passage of a stored citation no row gives is refused, as
            a record is), and the sheet is imported in one transaction or not at all.
            With --base-entry N (the last entry of this store's history that the file's store shares, a copy made by
            isnad copy), the records are merged field by field with this store's changes after entry N: a field the file
            holds as it was at N keeps this store's value, a field both changed to different values is a conflict, and
            any conflict refuses the import, each listed (docs/postgresql.md, Bringing field work back).
            --from history appends the lines of isnad export history to this store's history (isnad log), not
            its records, and records the import itself as an entry of its own (who, when, which file). An entry
            carries the records as they were then, a record refused since included: --without-source S keeps a
            source out of them (its record, its citations, the command lines that name it); --dry-run says what
            it would append, and which kept fields still name the source, and writes nothing.
            """,
        arguments: [ArgumentSpec(name: "file", help: "A record file, or - for standard input.", isVariadic: true)],
        options: [
            isDryRun, replaces, baseEntry, format, isStrict, maximumLineBytes, maximumErrors, withoutSource,
            HistoryOptions.author,
        ],
        examples: [
            "isnad import Datasets/hadera-2022/hadera-2022.jsonl",
            "isnad import --dry-run Datasets/hadera-2022/hadera-2022.jsonl",
            "cat Datasets/hadera-2022/*.jsonl | isnad import -",
            "isnad --db from-stix.db import --strict Exports/hadera-2022.stix.json",
            "isnad --db from-ftm.db import --from ftm Exports/hadera-2022.ftm.jsonl",
        ])

    /// The formats read as records (JSON Lines, STIX, FtM), which the record options apply to.
    static let recordFormats: [ExchangeFormat] = [.jsonl, .stix, .ftm]

    static let isDryRun = Flag("dry-run", help: "Check everything, write nothing.").only(for: recordFormats + [.csv, .history])
    static let replaces = Flag(
        "replace",
        help: "A claim replaces the stored one whole, citations included (even with another subject, predicate or object)."
    ).only(for: recordFormats)
    static let baseEntry = Option<Int>(
        "base-entry", value: "n", in: 1...Int(Int32.max),
        help:
            "The last history entry this store shares with the file's store (a copy made by isnad copy): keep this store's changes since, refuse conflicts."
    ).only(for: [ExchangeFormat.jsonl])
    static let format = Option<ExchangeFormat>(
        "from", value: "format",
        help:
            "Read the inputs as jsonl (Isnad's records), stix, ftm, csv or history (default: csv for FILE.csv, else by content).")
    static let isStrict = Flag(
        "strict", help: "Refuse the import when anything in a STIX bundle or FtM file would be skipped or left out."
    ).only(for: recordFormats)
    static let maximumLineBytes = Option<Int>(
        "max-line-bytes", value: "n", in: 1...(1 << 30), help: "Refuse lines longer than this (default: 16777216, 16 MiB)."
    ).only(for: recordFormats + [.history])
    static let withoutSource = ListOption<String>(
        "without-source", value: "source",
        help:
            "Keep this source out of the history imported (its id; repeat or separate with commas): its record lines, its citations as claimant or via, and the command lines of the entries that touched them or name it."
    ).only(for: [ExchangeFormat.history])
    static let maximumErrors = Option<Int>(
        "max-errors", value: "n", in: 0...Importer.mostListedProblems,
        help: "List at most this many problems (default: 20; 0: all of them, up to 100000)."
    ).only(for: recordFormats + [.csv])

    /// How many problems `--max-errors` lists, 0 read as all of them (as many as an import lists).
    static func listedProblems(_ arguments: ParsedArguments) throws -> Int? {
        try arguments.value(maximumErrors).map { $0 == 0 ? Importer.mostListedProblems : $0 }
    }

    /// A store that cannot be opened or created is said before an import from standard input
    /// waits for its first bytes, not once a producer has begun to send them: opened to read
    /// (which upgrades an old one), or, where there is none (or an empty file, which the import
    /// makes a store), its folder looked at, unless a dry run, which makes none.
    static func checkStoreBeforeWaiting(_ context: Context, isDryRun: Bool) throws {
        switch context.storeLocation {
        case .file(let path):
            if FileSystem.exists(path), FileSystem.regularFileSize(path) != 0 {
                _ = try GraphStore(path: path, access: .read)
            } else if !isDryRun {
                let folder = FileSystem.folder(of: path)
                guard FileSystem.exists(folder) else {
                    throw StoreError.cannotCreate(path: path, reason: "no folder \(Text.printable(folder))")
                }
                guard FileSystem.isWritable(folder) else {
                    throw StoreError.cannotCreate(path: path, reason: "its folder cannot be written")
                }
            }
        case .postgreSQL: _ = try context.storeExists()
        }
    }

    /// The store a dry run writes into and rolls back: the store opened for a dry run, or,
    /// where there is none, an empty one in memory, which the input is checked against. An empty
    /// file (touch) is checked against as no store is, and left empty, not made a store.
    static func storeForDryRun(_ context: Context) throws -> GraphStore {
        let isEmptyFile =
            if case .file(let path) = context.storeLocation {
                FileSystem.regularFileSize(path) == 0 && (FileSystem.regularFileSize(path + "-wal") ?? 0) == 0
            } else {
                false
            }
        return try context.storeExists() && !isEmptyFile
            ? try context.openStore(.dryRun) : try GraphStore(path: GraphStore.inMemory, access: .create)
    }

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        // Standard input can be read once: a second `-` would read nothing, and say it was read.
        if arguments.positionals.filter({ $0 == "-" }).count > 1 {
            throw UsageError(message: "- (standard input) is given twice: it can be read once", command: spec.name)
        }
        // JSON Lines, STIX and FtM are told apart by content later; history and spreadsheets now.
        if try arguments.value(format) == .history {
            try arguments.refuseOptionsNotFor(ExchangeFormat.history.rawValue, subject: "an import of")
            return try importHistory(
                arguments.positionals, maximumLineLength: try arguments.value(maximumLineBytes),
                withholding: Set(try arguments.values(withoutSource)),
                author: try arguments.value(HistoryOptions.author), isDryRun: arguments.isSet(isDryRun), context: context)
        }
        if try isSheet(arguments.positionals, format: try arguments.value(format)) {
            try arguments.refuseOptionsNotFor(ExchangeFormat.csv.rawValue, subject: "an import of")
            return try importSheets(arguments.positionals, arguments: arguments, context: context)
        }
        // Records are told apart by content later: the one option for history alone is refused
        // here, not ignored (a source the user means to keep out would come in).
        if try !arguments.values(withoutSource).isEmpty {
            throw UsageError(
                message:
                    "--without-source does not apply to an import of records, only to an import of history (--from history); isnad copy --without-source keeps a source out of a store's records",
                command: spec.name)
        }
        let inputs = arguments.positionals.map { $0 == "-" ? Importer.Input.standardInput : .file($0) }
        var options = Importer.Options()
        options.dryRun = arguments.isSet(isDryRun)
        options.replacingCitations = arguments.isSet(replaces)
        options.maximumLineLength = try arguments.value(maximumLineBytes) ?? options.maximumLineLength
        options.maximumReportedErrors = try listedProblems(arguments) ?? options.maximumReportedErrors
        options.format = try arguments.value(format)
        options.isStrict = arguments.isSet(isStrict)
        options.baseEntry = try arguments.value(baseEntry)
        options.change = try context.change(author: arguments.value(HistoryOptions.author))
        if options.dryRun { options.storedChangesListed = changesListed }
        // A missing input is refused before the store is opened, so nothing is created for it.
        try Importer.checkInputs(inputs)
        // The store's write lock is taken when the records begin to come, not before; what is
        // wrong with the store is said before they are waited for.
        if inputs.contains(.standardInput) {
            try checkStoreBeforeWaiting(context, isDryRun: options.dryRun)
            StandardStreams.awaitStandardInput()
        }
        let progress = ProgressLine(
            isEnabled: context.isStandardErrorTerminal, erasesByEscape: context.environment["TERM"] != "dumb",
            width: context.progressWidth, write: context.rawStandardError)
        func importing() throws -> (GraphStore, Importer.Summary) {
            let store = options.dryRun ? try storeForDryRun(context) : try context.openStore(.create)
            do {
                let summary = try Importer(store: store, options: options).run(inputs, progress: progress.update)
                progress.clear()
                return (store, summary)
            } catch var error {
                progress.clear()
                // A store this import created is taken away again, unless another process opened it meanwhile.
                if store.wasCreated, !store.madeItsFile {
                    // The user's own empty file (made by touch, say) is theirs to keep. A full
                    // disk's line would say the store was left as it was: it says this instead.
                    if var failure = error as? DatabaseError {
                        failure.madeEmptyFileAStore = true
                        error = failure
                    } else {
                        context.message("\(context.shownDatabasePath) was an empty file, and is left an empty store")
                    }
                } else if store.wasCreated, !store.removeCreatedStore() {
                    context.message(
                        "\(context.shownDatabasePath) was created for this import and is left empty: another program or process has it open"
                    )
                }
                if let interrupted = error as? HeldSignals.Interrupted {
                    context.message("isnad: \(interrupted): nothing was imported")
                }
                throw error
            }
        }
        // Ctrl-C (SIGTERM, SIGHUP, SIGQUIT) during an import ends the import by its own path, and
        // only then the process: held from before the store is opened (HeldSignals). One that
        // created its store takes it away again, and any says that nothing was imported (SQLite
        // rolls back an import into a store that was there by itself, but a job killed by
        // `timeout` or a user's Ctrl-C at 44% was left to guess). Not while it reads standard
        // input, where it may wait on a reader that never writes: there Ctrl-C must end it at once.
        let readsStandardInput = inputs.contains { if case .standardInput = $0 { true } else { false } }
        var lateSignal: Int32?
        let (store, summary): (GraphStore, Importer.Summary)
        if readsStandardInput {
            (store, summary) = try importing()
        } else {
            ((store, summary), lateSignal) = try HeldSignals.holding(importing)
        }
        if store.wasCreated { context.message("created \(context.shownDatabasePathWithOrigin)") }
        for object in summary.skipped { context.message(Text.printable(object.description)) }
        for note in summary.notes { context.message(note.description) }
        for kept in summary.keptRetractions { context.message(kept.description) }
        let kinds = [
            counted(summary.records[.entity] ?? 0, "entity", "entities"), counted(summary.records[.source] ?? 0, "source"),
            counted(summary.records[.claim] ?? 0, "claim"),
        ]
        var repeated =
            (summary.repeated > 0
                ? "; \(counted(summary.repeated, "record")) repeating an earlier one (a claim's further citations joined it)"
                : "")
            + (summary.merged > 0 ? "; \(counted(summary.merged, "record")) of merged entities skipped" : "")
            + (summary.combined > 0
                ? "; \(counted(summary.combined, "claim")) naming merged entities went to the same claims of the entities kept"
                : "")
            + (summary.keptDeleted > 0
                ? "; \(counted(summary.keptDeleted, "record")) kept deleted, as this store deleted \(summary.keptDeleted == 1 ? "it" : "them") after entry \(options.baseEntry ?? 0) and the file holds \(summary.keptDeleted == 1 ? "it as it was" : "them as they were") then"
                : "")
        if !summary.skipped.isEmpty { repeated += "; \(counted(summary.skipped.count, "object")) skipped (listed above)" }
        let names = inputs.map { Text.printableFileName($0.name) }.joined(separator: ", ")
        if options.dryRun {
            context.message(
                "\(names): \(counted(summary.recordCount, "valid record")) (\(kinds.joined(separator: ", "))\(repeated)); nothing written (--dry-run)"
            )
            if summary.storedRecordsChanged > 0 {
                context.message(overwritingLines(summary, isMerging: options.baseEntry != nil, context: context))
            }
        } else {
            // The import is committed: a count that then fails to be read (a failing device) is
            // said, and fails nothing.
            let holds: (String) -> String
            do {
                let counts = try store.counts()
                let held =
                    "\(counted(counts.entities, "entity", "entities")), \(counted(counts.sources, "source")), \(counted(counts.claims, "claim")), \(counted(counts.citations, "citation"))"
                holds = { "the store \($0) \(held)" }
            } catch {
                holds = { _ in "the store's records could not be counted now: \(error)" }
            }
            let read = "\(counted(summary.recordCount, "record")) from \(names) (\(kinds.joined(separator: ", "))\(repeated))"
            // A file imported again reads as a change unless it says that it made none.
            if !summary.changedNothing {
                // A record given anew overwrites what was stored (a set made since, say): said,
                // so that it is not lost without a word.
                let overwritten =
                    summary.storedRecordsChanged > 0
                    ? "\n\(counted(summary.storedRecordsChanged, "record")) already in the store \(summary.storedRecordsChanged == 1 ? "was" : "were") changed by it (isnad log shows how; isnad undo\(summary.entry.map { " \($0)" } ?? "") takes the import back)"
                    : ""
                context.message("imported \(read)\(overwritten)\n" + holds("now holds"))
                // Records are taken as written (a sheet's rows and add claim refuse such a quote):
                // said, so that words not in their source do not pass for verbatim unseen; so are
                // words found there only with marks, spaces, typeset characters or Unicode form set aside.
                if let entry = summary.entry, let notes = try? Self.quoteNotes(store: store, entry: entry) {
                    for note in notes { context.message(note) }
                }
                if let entry = summary.entry {
                    let resolver = SourceResolver(store: store)
                    if let replaced = try? resolver.sourcesReadAsAnother(changedBy: entry) {
                        for line in Self.replacedSourceNotes(replaced, entry: entry) { context.message(line) }
                    }
                    if let namesakes = try? resolver.namesakes(ofSourcesAddedBy: entry) {
                        for line in Self.addedNamesakeNotes(namesakes) { context.message(line) }
                    }
                }
                // Said, not refused, as check says them: a file of many dates may hold a few typos.
                // Only dates to come: the conflicts between dates are check's (see DateWarnings).
                if let entry = summary.entry,
                    let warnings = try? DateWarnings.lines(
                        writtenBy: entry, store: store, what: "imported", onlyDatesToCome: true)
                {
                    for warning in warnings { context.message(warning) }
                }
            } else if summary.recordCount == 0 {
                context.message("no records in \(names): nothing changed\n" + holds("holds"))
            } else {
                context.message("read \(read): the store holds them as they are; nothing changed\n" + holds("holds"))
            }
        }
        if let lateSignal {
            context.message("isnad: \(HeldSignals.name(of: lateSignal)) came as the import was committing: it is complete")
        }
    }
}

extension ImportCommand {
    /// How many of the stored records a dry run would change it lists, field by field: enough to
    /// read a colleague's week, not a million lines for a dataset imported anew.
    static let changesListed = 50

    /// What a dry run would change in records already stored, as `isnad log` would show the
    /// import's entry: `7 records already in the store would be changed by it:`, then each record
    /// and its fields (before → after), the first ``changesListed``, then how many more.
    static func overwritingLines(_ summary: Importer.Summary, isMerging: Bool, context: Context) -> String {
        let count = summary.storedRecordsChanged
        var lines = [
            "\(counted(count, "record")) already in the store would be changed by it (each field: the store's value → the file's):"
        ]
        for record in summary.storedRecordChanges {
            let diff = RecordDiff(before: record.before, after: record.after)
            let marks = record.action == .changed ? diff.marks : []
            lines += LogCommand.lines(of: record, diff: diff, marks: marks, itemsShown: LogCommand.itemsShown)
        }
        if count > summary.storedRecordChanges.count {
            lines.append("  … and \(counted(count - summary.storedRecordChanges.count, "more record"))")
        }
        // Without a base the file's values win whole: a colleague's change made here since the
        // file's store was copied would be taken back unseen among the intended ones.
        if !isMerging {
            lines.append(
                "a value changed here since the file's store was copied is taken back to the file's: --base-entry N keeps it, and refuses a field both changed (isnad import --help)"
            )
        }
        let text = lines.joined(separator: "\n")
        return context.isStandardErrorTerminal ? text : Bidi.removingMarks(text)
    }

    /// How many sources an import's notes name before they count the rest.
    static let sourcesNamed = 5

    /// A note for each stored source (the first ``sourcesNamed``) the import replaced with one that
    /// reads as another document, and what to do if they are two: said, not refused, since a
    /// title corrected is a normal change (`--dry-run` lists every change before).
    static func replacedSourceNotes(_ replaced: [SourceResolver.ReplacedSource], entry: Int) -> [String] {
        guard let first = replaced.first else { return [] }
        var lines = replaced.prefix(sourcesNamed).map { source in
            let fields = source.fields.map {
                "\($0.name) '\(Text.printable($0.before))' → '\(Text.printable($0.after))'"
            }
            return
                "isnad: note: source \"\(Text.printable(source.id))\" was replaced by one that reads as another document: \(fields.joined(separator: ", "))"
        }
        if replaced.count > sourcesNamed {
            lines.append("isnad: note: and \(counted(replaced.count - sourcesNamed, "more source")) like it")
        }
        lines.append(
            "isnad: note: if \(replaced.count == 1 ? "these are two documents" : "any are two documents"), undo the import (isnad undo \(entry)) and give one of them another id (isnad rename \(Text.shellWord(first.id)) NEW-ID, in the file's store) before importing again"
        )
        return lines
    }

    /// A note for each source the import added (the first ``sourcesNamed`` pairs) that may be one
    /// stored under another id: one document under two ids weighs as two independent voices.
    static func addedNamesakeNotes(_ namesakes: [SourceResolver.AddedNamesake]) -> [String] {
        var lines = namesakes.prefix(sourcesNamed).map { pair in
            let shared = pair.likeness == .sameURL ? "one url" : "one title"
            return
                "isnad: note: source \(Text.printable(pair.added.id)) (added) and \(Text.printable(pair.stored.id)) (stored) have \(shared): one document under two ids weighs as two independent voices; isnad check lists them"
        }
        if namesakes.count > sourcesNamed {
            lines.append("isnad: note: and \(counted(namesakes.count - sourcesNamed, "more pair")) like them")
        }
        return lines
    }

    /// `isnad: note: 2 quotes imported are not in the text of the source they are read in (the
    /// first: claim "x" citation 1, in "article") …`, and a note for the quotes found there only
    /// folded (``QuoteLocator/looseMatch(of:_:in:)``); none when every quote is there byte for byte.
    static func quoteNotes(store: GraphStore, entry: Int) throws -> [String] {
        var missing: [(claim: String, position: Int, holder: String)] = []
        // The text's words only for the first: the others are counted.
        var (looseCount, firstLoose) = (0, nil as (claim: String, position: Int, holder: String, match: QuoteLocator.LooseMatch)?)
        try store.forEachQuoteNotFound(
            inEntry: entry,
            loose: { holder, claim, position, textHas in
                looseCount += 1
                if firstLoose == nil, let match = textHas() { firstLoose = (claim, position, holder, match) }
            }
        ) { holder, claim, position, _, _ in
            missing.append((claim, position, holder))
        }
        var notes: [String] = []
        if let first = missing.first {
            let named =
                "claim \"\(Text.printable(first.claim))\" citation \(first.position + 1), in \"\(Text.printable(first.holder))\""
            let which =
                missing.count == 1
                ? "1 quote imported is not in the text of the source it is read in (\(named))"
                : "\(missing.count) quotes imported are not in the text of the source they are read in (the first: \(named))"
            notes.append(
                "isnad: note: \(which): isnad check lists \(missing.count == 1 ? "it" : "them"); correct the words, or give the locator \"unverified: REASON\""
            )
        }
        if let first = firstLoose {
            let named =
                "claim \"\(Text.printable(first.claim))\" citation \(first.position + 1): "
                + Text.printable(first.match.description(ofSource: first.holder))
            notes.append(
                looseCount == 1
                    ? "isnad: note: \(named)"
                    : "isnad: note: \(looseCount) quotes imported stand in the text of the source they are read in only with \(QuoteLocator.setAside) set aside (the first: \(named))"
            )
        }
        return notes
    }
}

extension ExchangeFormat: ArgumentChoice {}
