import Foundation
import IsnadKit

enum CopyCommand: Command {
    static let name = "copy"
    static let usesTheStore = false
    static let spec = CommandSpec(
        name: name,
        abstract: "Copy a whole store into a new or empty one, between SQLite and PostgreSQL.",
        discussion: """
            FROM and TO are store files or PostgreSQL URIs (postgresql://… or postgres://…, the store named by
            ?store=NAME, else isnad). Every record, its history, retractions and merged ids are copied, from one
            snapshot of FROM, in one transaction of TO: all or nothing. TO is created when missing; a TO that holds
            records is refused. SQLite to PostgreSQL starts sharing a store; PostgreSQL to SQLite takes a copy into
            the field. isnad export jsonl writes the same bytes on both sides.

            A store holds what was changed or removed in it: its history keeps every record before and after each
            change (a source's name made a pseudonym, a deleted entity, an undone import), who made it, when, and
            the command lines with their file paths; a retracted claim keeps its reason. Before handing a store to
            someone else, --without-history and --without-retractions leave those out. Every copy says, and keeps,
            which entry of FROM's history it was made as of (isnad stats shows it in the copy; isnad log --after N
            in FROM lists what changed since).

            The records themselves hold the rest: every source's title, author, url and text, each quote and
            locator, the analysts' notes on claims. --without-source S leaves a source that must not be named out
            of the copy: its record, every citation it makes or is read in (claimant or via), the claims it alone
            supported, and the entities only those claims spoke of. A source that stays and relays it keeps it in its
            chain as withheld-source-N, with its grade and nothing else, so that two citations that came through it
            still weigh as one channel. --without-notes leaves out the notes on claims, and the reasons given
            with add claim --unverified (the locator keeps "unverified"). Both need --without-history
            and --without-retractions, which hold every record as it was. Exports made from the copy carry no more
            than it holds. What names the source elsewhere (a quote, a locator, another source's text, an entity
            named as its author) stays: the copy lists each field where it finds its id, title, author or url, to
            be read before it goes out, each grade 1 (confirmed) that only what went bore out, and each claim kept
            that reads weaker without the source, its status or best grade fallen (source S --impact says how
            each claim it supports would read without it; docs/guarantees.md, Files you hand on).
            """,
        arguments: [
            ArgumentSpec(name: "from", help: "The store copied: a file or a postgresql:// URI."),
            ArgumentSpec(name: "to", help: "The new store: a file or a postgresql:// URI."),
        ],
        options: [withoutHistory, withoutRetractions, withoutSource, withoutNotes],
        examples: [
            "isnad copy isnad.db field-copy.db",
            "isnad copy --without-history --without-retractions isnad.db for-the-desk.db",
            "isnad copy --without-history --without-retractions --without-source abu-maram-document --without-notes isnad.db for-a-partner.db",
            "isnad copy isnad.db checked-copy.db && isnad --db checked-copy.db export jsonl | cmp - <(isnad export jsonl)",
        ], takesStoreOptions: false)

    static let withoutHistory = Flag(
        "without-history",
        help:
            "Leave the history out: the copy starts with no entry (nothing in log, nothing to undo), and holds no earlier state of a record, no author, time or command line."
    )
    static let withoutRetractions = Flag(
        "without-retractions",
        help:
            "Leave the retracted claims and citations out, with their reasons (the history holds them too, and what undo needs to bring them back: --without-history leaves that out)."
    )

    static let withoutSource = ListOption<String>(
        "without-source", value: "source",
        help:
            "Leave this source out (its id; repeat or separate with commas): its record, its citations as claimant or via, the claims it alone supported and the entities known only from those; kept as a nameless stub in the chains of the sources that relay it. Needs --without-history and --without-retractions."
    )
    static let withoutNotes = Flag(
        "without-notes",
        help:
            "Leave the notes on claims out (the analysts' working remarks), and the reasons given for unverified quotes. Needs --without-history and --without-retractions."
    )

    /// Names the citations graded 1 (confirmed) that the copy's chains no longer bear out
    /// (``StoreCopy/ThinnedClaims/unconfirmedGrades``), for the analyst to grade again.
    static func noteGradesBorneOutByWhatWent(
        _ grades: [UnconfirmedGrade], from source: StoreLocation, context: Context
    ) {
        let found = grades.map {
            // Named by its source, not its number: the copy numbers what it keeps afresh.
            "claim \(Text.printable($0.claimID)) (\(Text.printable($0.source))\($0.via.map { " via \(Text.printable($0))" } ?? ""))"
        }
        guard !found.isEmpty else { return }
        context.message(
            "isnad: note: \(counted(found.count, "citation")) graded 1 (confirmed) \(found.count == 1 ? "is" : "are") no longer borne out by what the copy keeps, which tells that something withheld confirmed \(found.count == 1 ? "it" : "them"): \(found.prefix(20).joined(separator: ", "))\(found.count > 20 ? ", …" : ""); grade \(found.count == 1 ? "it" : "them") 2 in \(source) (isnad set) and copy again"
        )
    }

    /// How many claims are named in the line of those that read weaker; `source --impact` lists them all.
    static let weakerClaimsShown = 3

    /// The summary's line for the claims the copy keeps that read weaker without the withheld
    /// sources (``StoreCopy/ThinnedClaims/weaker``): a claim called asserted in a piece may be
    /// so only by the source withheld. Nil when none does.
    static func weakerClaimsLine(_ weaker: [StoreCopy.WeakerClaim], withheld: [String], from source: StoreLocation)
        -> String?
    {
        guard !weaker.isEmpty else { return nil }
        let shown = weaker.prefix(weakerClaimsShown).map {
            "\(Text.printable($0.claimID)) \($0.before) → \($0.after)"
        }
        // Commands to paste: the store and the id each one shell word.
        let impact = withheld.map {
            "isnad --db \(source.shellWord) source \(Text.printable(Text.shellWord($0))) --impact"
        }
        return "\(counted(weaker.count, "claim")) kept \(weaker.count == 1 ? "reads" : "read") weaker without "
            + "\(withheld.count == 1 ? "it" : "them"): \(shown.joined(separator: "; "))\(weaker.count > shown.count ? "; …" : "")"
            + " (\(ListFormat.and(impact)) \(withheld.count == 1 ? "lists" : "list") each claim that would lose support, and how it would read)"
    }

    /// The state of the source the copy holds, as the summary says it: ` as of entry 7 of its
    /// history` (the copy keeps it in its meta table, and `isnad stats` shows it), so that what
    /// is built from the copy names the entry a correction is traced from (log --after 7).
    static func asOf(_ entry: Int?) -> String {
        entry.map { " as of entry \($0) of its history" } ?? ""
    }

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let source = try IsnadCLI.storeLocation(arguments.positionals[0], storeName: nil)
        let target = try IsnadCLI.storeLocation(arguments.positionals[1], storeName: nil)
        // Said as an output's folder is (73), not as a store named by --db, which copy's target is not.
        if case .file(let path) = target, FileSystem.isDirectory(path) { throw OutputError(path: path, code: EISDIR) }
        var leaving: StoreCopy.Leaving = []
        if arguments.isSet(withoutHistory) { leaving.insert(.history) }
        if arguments.isSet(withoutRetractions) { leaving.insert(.retractions) }
        let withholding = StoreCopy.Withholding(
            sources: Set(try arguments.values(withoutSource)), notes: arguments.isSet(withoutNotes))
        func copying() throws -> StoreCopy.Summary {
            do {
                return try StoreCopy.copy(
                    from: source, to: target, leaving: leaving, withholding: withholding,
                    writeLockWaitLimit: context.writeLockWaitLimit
                ) {
                    [standardError = context.standardError] holder in
                    standardError(Context.waitingLine(for: holder, writingTo: "\(target)"))
                }
            } catch let interrupted as HeldSignals.Interrupted {
                context.message("isnad: \(interrupted): nothing was copied")
                throw interrupted
            }
        }
        // Ctrl-C during a copy into a new file ends it by its own path, which takes the file away
        // again (a backup job stopped by a shutdown left an empty store that opened fine).
        let summary: StoreCopy.Summary
        var lateSignal: Int32?
        // From a file only: a PostgreSQL source may keep the copy waiting (a lock, a stalled
        // server), and Ctrl-C must end that wait at once.
        if case .file(let path) = target, !FileSystem.exists(path), case .file = source {
            (summary, lateSignal) = try HeldSignals.holding(copying)
        } else {
            summary = try copying()
        }
        context.message(
            "copied \(source) to \(target)\(asOf(summary.asOfEntry)): \(counted(summary.entities, "entity", "entities")), "
                + "\(counted(summary.sources, "source")), \(counted(summary.claims, "claim")), "
                + "\(counted(summary.citations, "citation")), "
                + (leaving.contains(.history)
                    ? "no history" : counted(summary.historyEntries, "history entry", "history entries"))
                + (leaving.contains(.retractions) ? ", no retraction" : "")
                + (withholding.notes ? ", no note" : "")
        )
        if !withholding.sources.isEmpty {
            context.message(
                "withheld \(counted(summary.withheldSources, "source")): "
                    + "\(counted(summary.withheldCitations, "citation")), "
                    + "\(counted(summary.withheldClaims, "claim")) known only from them, "
                    + "\(counted(summary.withheldEntities, "entity", "entities")) known only from those claims"
                    + (summary.stubbedSources == 0
                        ? ""
                        : "; \(summary.stubbedSources) kept nameless (withheld-source-N) in the chains of sources that relay them")
            )
        }
        // The copy is made: a failure to read it back is said, not made the copy's failure.
        var thinned = StoreCopy.ThinnedClaims()
        var readBackFailure: (any Error)?
        do {
            thinned = try StoreCopy.readBack(thinned: summary.thinnedClaims, from: source, in: target)
        } catch {
            readBackFailure = error
        }
        if let line = weakerClaimsLine(thinned.weaker, withheld: withholding.sources.sorted(), from: source) {
            context.message(line)
        }
        if !summary.mentions.isEmpty {
            let count = summary.mentions.count + summary.mentionsBeyond
            let shown = summary.mentions.prefix(20).map { Text.printable($0) }.joined(separator: ", ")
            context.message(
                "isnad: note: what the copy keeps still names a withheld source (its id, title, author or url) in \(counted(count, "field")): \(shown)\(count > 20 ? ", …" : ""); read \(count == 1 ? "it" : "them") before the copy is handed on, and change what must go in \(source), then copy again (a change in the copy goes into its history)"
            )
        }
        noteGradesBorneOutByWhatWent(thinned.unconfirmedGrades, from: source, context: context)
        if let readBackFailure {
            context.message(
                "isnad: note: the copy is complete, but its grades could not be read back (\(readBackFailure)): isnad --db \(target.shellWord) check looks at them"
            )
        }
        if let lateSignal {
            context.message("isnad: \(HeldSignals.name(of: lateSignal)) came as the copy was committing: it is complete")
        }
        // A copy into a new file is made under a temporary name beside it, as an export is.
        if case .file(let path) = target { ExportCommand.noteAbandonedTemporaryFiles(besides: path, context: context) }
    }
}
