import IsnadKit

/// How every query command starts, in this order: the output format, the command's own options,
/// the store (read, one snapshot), the filters; then names resolved to entities when the command
/// asks (its errors come in that order too).
struct QueryPreamble<Options> {
    let format: OutputFormat
    /// The command's own options, read before the store is opened.
    let options: Options
    let store: GraphStore
    let filter: GraphFilter
    /// The store's chains of transmission, shared by the whole command: every claim shown is
    /// weighed with it (channels, common link, capped status). It reads only the sources the
    /// weighed citations reach, when first needed, so that a query's start costs nothing that
    /// grows with the store; ``print(_:context:)`` reports a source it could not read.
    let graph: TransmissionGraph
    private let resolver: EntityResolver
    private let context: Context
    /// The claims a table listed that the date filters keep only possibly, by id: a claim listed
    /// twice (made and quoted in one source) is one claim.
    private let possiblyHeld = ClaimIDs()
    /// The claims a table listed that the date filters keep only for the open side of their
    /// period (``GraphFilter/keepsOnlyForItsOpenSide(_:vocabulary:)``): no start, no end.
    private let keptForNoStart = ClaimIDs()
    private let keptForNoEnd = ClaimIDs()
    /// The dated claims a table listed under `--known-by` that it leaves citations of out
    /// (``GraphFilter/leavesOutCitationsThatMayHaveDated(_:)``).
    private let datedMaybeLater = ClaimIDs()
    /// The claims ``apply(_:)`` left out under `--known-by` only because the citations that
    /// would keep them have no publication date.
    private let leftOutUndated = ClaimIDs()
    /// How far the listing went, for what the notes can say they count.
    private let progress = ListingProgress()

    /// - Parameters:
    ///   - format: the command's `--format` option.
    ///   - readOptions: reads the command's own options.
    ///   - beforeFilter: what the command looks up in the store before the filters are read.
    init(
        _ arguments: ParsedArguments, context: Context, format: Option<OutputFormat> = OutputFormat.option,
        options readOptions: () throws -> Options, beforeFilter: (GraphStore) throws -> Void = { _ in }
    ) throws {
        self.format = try arguments.value(format, default: .table)
        options = try readOptions()
        store = try context.openStore(.read)
        try beforeFilter(store)
        filter = try FilterOptions.filter(from: arguments, store: store, context: context)
        graph = TransmissionGraph(readingOnDemandFrom: store)
        resolver = EntityResolver(store: store)
        self.context = context
    }

    /// The entity an id, name or alias given on the command line names. A name taken for
    /// another spelling of it, or for a part of it, is said on standard error.
    func entity(_ name: String) throws -> Entity { try EntityLookup.entity(name, resolver: resolver, context: context) }

    /// The entities a list option names (``EntityLookup/entities(_:in:resolver:context:)``).
    func entities(_ option: ListOption<String>, in arguments: ParsedArguments) throws -> [Entity] {
        try EntityLookup.entities(option, in: arguments, resolver: resolver, context: context)
    }

    /// Prints the command's answer, then fails if a source its claims were weighed with could not
    /// be read (weighing does not throw: the graph keeps the error, and the exit code tells).
    /// A table under `--as-of` or `--between` says, under it, that undated claims stayed in
    /// (`show` says how many, itself: `saysUndatedKept` false), and how many of the claims it
    /// listed (``noteListed(_:)``) are there only because their dates, less precise than the
    /// period asked, overlap it, or only because their period is open; under `--known-by`, how
    /// many it left out (``apply(_:)``) only for want of publication dates, and how many listed
    /// lost citations to it that may have given their dates. Footnotes (`--format cite`) get the
    /// same notes, and the one a table of `claims` gives under a citation filter (a footnote
    /// shows its claim weighed on the citations kept: a denial left out is gone), all on
    /// standard error. A listing cut short (``noteCutShort()``) says what its counts cover.
    /// - Parameter readingLeftOut: run after the answer is printed, before the notes: reads (with
    ///   ``apply(_:)``) claims the listing left out unread, for the notes to count them.
    func print(
        saysUndatedKept: Bool = true, _ printout: consuming Printout, context: Context,
        readingLeftOut: () throws -> Void = {}
    ) throws {
        try format.print(printout, context: context)
        try readingLeftOut()
        if format == .cite, progress.listed > 0, let note = FilterOptions.weighingNote(filter) { context.message(note) }
        // `show`'s own count of its undated claims is in its table, which footnotes do not print.
        if saysUndatedKept || format == .cite, format.saysWhatFiltersDid, filter.keepsUndatedAsTimeless {
            context.message(
                "(undated claims are kept by \(dateOptions(valued: false)): an undated claim is taken as timeless, not known to hold then; --dated leaves them out)"
            )
        }
        if format.saysWhatFiltersDid, !leftOutUndated.ids.isEmpty, let knownBy = filter.knownBy {
            let count = leftOutUndated.ids.count
            // Cut short, the listing stopped reading claims where it stopped listing them; reading
            // on to count the rest would read up to the whole store, which the limit is there to spare.
            let isCut = progress.isCutShort && !progress.hasReadAllLeftOut
            let isAtLeast = isCut || progress.hasReadLeftOutInPart || progress.triedOnly != nil
            context.message(
                "(\(isAtLeast ? "at least " : "")\(counted(count, "claim")) \(count == 1 ? "is" : "are") left out by --known-by \(knownBy) only because the sources that would keep \(count == 1 ? "it" : "them") have no published date, nor a dated via: a citation with neither is not known by any date"
                    + (isCut
                        ? "; counted among the claims read before the listing stopped at its limit: --limit 0 counts them all)"
                        : progress.triedOnly.map { "; counted among the first \($0) claims tried: --limit 0 counts them all)" }
                            ?? (isAtLeast
                                ? "; counted among the first \(counted(Self.leftOutReadAtMost, "claim")) of undated sources: --limit 0 counts them all)"
                                : ")"))
            )
        }
        if format.saysWhatFiltersDid, !datedMaybeLater.ids.isEmpty, let knownBy = filter.knownBy {
            let count = datedMaybeLater.ids.count
            context.message(
                "(\(claimsListed(count)) kept by --known-by \(knownBy) \(count == 1 ? "has" : "have") citations it leaves out, public later or undated: a claim's dates are its own as they stand now, which such a citation, or a later edit, may have given)"
            )
        }
        let noStart = keptForNoStart.ids.count
        let noEnd = keptForNoEnd.ids.count
        if format.saysWhatFiltersDid, noStart + noEnd > 0 {
            // Counted by side when both come up: "1 has no start …, 2 have no end …".
            func who(_ count: Int) -> String {
                noStart == 0 || noEnd == 0 ? (count == 1 ? "it has" : "they have") : "\(count) \(count == 1 ? "has" : "have")"
            }
            let sides = [
                noStart > 0
                    ? "\(who(noStart)) no start (\"until …\"), so \(noStart == 1 ? "it is" : "they are") taken to hold from any date before \(noStart == 1 ? "its" : "their") end"
                    : nil,
                noEnd > 0 ? "\(who(noEnd)) no end (\"since …\"), so \(noEnd == 1 ? "it is" : "they are") taken to hold on" : nil,
            ].compactMap { $0 }
            context.message(
                "(\(claimsListed(noStart + noEnd)) \(noStart + noEnd == 1 ? "is" : "are") kept by \(dateOptions(valued: true)) only because \(noStart + noEnd == 1 ? "its" : "their") period is open: \(sides.joined(separator: ", and ")); --dated does not leave \(noStart + noEnd == 1 ? "it" : "them") out)"
            )
        }
        let possible = possiblyHeld.ids.count
        if format.saysWhatFiltersDid, possible > 0 {
            let (they, them) = possible == 1 ? ("it", "it") : ("they", "them")
            context.message(
                "(\(claimsListed(possible)) \(possible == 1 ? "is" : "are") kept by \(dateOptions(valued: true)) though dated less precisely: \(possible == 1 ? "its" : "their") dates overlap the \(filter.asOf != nil && filter.between != nil ? "periods" : "period") asked, so \(they) may have held within \(filter.asOf != nil && filter.between != nil ? "both" : "it"), or not; --dated does not leave \(them) out)"
            )
        }
        try graph.throwReadFailure()
    }

    /// `53 claims`, or, in a listing cut short (``noteCutShort()``), `53 of the 200 claims
    /// listed`: the notes on the claims listed count those, not all that pass, which the
    /// listing did not read.
    private func claimsListed(_ count: Int) -> String {
        progress.isCutShort ? "\(count) of the \(counted(progress.listed, "claim")) listed" : counted(count, "claim")
    }

    /// Notes that the listing stopped at its limit with more claims to come: the notes count
    /// what it read, and say so (``claimsListed(_:)``).
    func noteCutShort() { progress.isCutShort = true }

    /// Notes that the listing tried its filters on its first `tried` claims only
    /// (``NeighborhoodSurvey/claimsTriedAtMost``, or its limit): the notes count among those.
    func noteTriedInPart(_ tried: Int) { progress.triedOnly = tried }

    /// The date filters given, as typed on the command line (with their dates when `valued`):
    /// `--as-of 2022-03-04`, `--as-of 2023 and --between 2020 2021`. Both must hold.
    private func dateOptions(valued: Bool) -> String {
        var options: [String] = []
        if let asOf = filter.asOf { options.append("--as-of" + (valued ? " \(asOf)" : "")) }
        if let between = filter.between { options.append("--between" + (valued ? " \(between.from) \(between.to)" : "")) }
        return options.joined(separator: " and ")
    }

    /// Notes a claim a table lists, for the note under it on the claims that the date filters keep
    /// only possibly (``GraphFilter/keepsOnlyPossibly(_:vocabulary:)``). Every listing under
    /// ``print(saysUndatedKept:_:context:)`` calls it for each claim it shows, when it shows it
    /// (footnotes too); a claim listed twice is counted twice.
    func noteListed(_ claim: GradedClaim) {
        guard format.saysWhatFiltersDid else { return }
        progress.listed += 1
        if filter.keepsOnlyPossibly(claim.claim, vocabulary: store.vocabulary) { possiblyHeld.ids.insert(claim.claim.id) }
        switch filter.keepsOnlyForItsOpenSide(claim.claim, vocabulary: store.vocabulary) {
        case .start?: keptForNoStart.ids.insert(claim.claim.id)
        case .end?: keptForNoEnd.ids.insert(claim.claim.id)
        case nil: break
        }
        // The claim listed holds only the citations kept: those left out are read again. A claim
        // that cannot be read again (it was read a moment ago, in this snapshot) goes without the
        // note rather than failing the answer.
        if filter.knownBy != nil, claim.claim.start != nil || claim.claim.end != nil,
            !datedMaybeLater.ids.contains(claim.claim.id),
            let stored = (try? store.claim(id: claim.claim.id)) ?? nil,
            filter.leavesOutCitationsThatMayHaveDated(stored)
        {
            datedMaybeLater.ids.insert(claim.claim.id)
        }
    }

    /// ``noteListed(_:)`` for each of `claims`.
    func noteListed(_ claims: some Sequence<GradedClaim>) {
        for claim in claims { noteListed(claim) }
    }

    /// The claims that sources with no published date cite, under `--known-by` in a table, for a
    /// listing that found its claims through the sources public by then
    /// (``GraphStore/citingSources(admittedBy:)``), to count those left out only for want of a
    /// date; `rows` finds them, given those sources. A listing with a limit (`listsAll` false)
    /// reads at most ``leftOutReadAtMost`` of them, and its note says "at least": a store whose
    /// sources are mostly undated would otherwise be read whole for a note under a short table
    /// (`claims --known-by 1990 --limit 20` at a million claims, no source public by then, read
    /// 294,505 claims: 20 s in a debug build, against 0.04 s before the note). `rows` finds them
    /// given the sources and how many rows at most.
    func readClaimsOfUndatedSources(listsAll: Bool, _ rows: (Set<String>, _ limit: Int?) throws -> [Int64]) throws {
        guard format.saysWhatFiltersDid, filter.knownBy != nil, filter.sources.isEmpty else { return }
        let undated = try store.sourcesWithoutPublishedDate()
        // One row past the bound says whether there were more.
        let found = undated.isEmpty ? [] : try rows(undated, listsAll ? nil : Self.leftOutReadAtMost + 1)
        let read = listsAll ? found : Array(found.prefix(Self.leftOutReadAtMost))
        if !read.isEmpty { try store.forEachClaim(rows: read) { _ = apply($0) } }
        progress.hasReadAllLeftOut = read.count == found.count
        progress.hasReadLeftOutInPart = !progress.hasReadAllLeftOut && !progress.isCutShort
    }

    /// How many claims of undated sources a listing cut at its limit reads for its note.
    static var leftOutReadAtMost: Int { 1_000 }

    /// The claim, with only the citations that pass the filters; nil when it does not pass.
    /// Under `--known-by`, a table notes a claim left out only for want of publication dates.
    func apply(_ claim: GradedClaim) -> GradedClaim? {
        let kept = filter.apply(claim, vocabulary: store.vocabulary, graph: graph)
        if kept == nil, format.saysWhatFiltersDid,
            filter.leavesOutOnlyForWantOfPublicationDates(claim, vocabulary: store.vocabulary, graph: graph)
        {
            leftOutUndated.ids.insert(claim.claim.id)
        }
        return kept
    }

    /// The claim as the filters leave it, when `source` still stands in `role` in a citation they
    /// keep (``GraphFilter/apply(_:from:as:vocabulary:graph:)``).
    func apply(_ claim: GradedClaim, from source: Source, as role: GraphStore.SourceRole?) -> GradedClaim? {
        filter.apply(claim, from: source, as: role, vocabulary: store.vocabulary, graph: graph)
    }
}

extension QueryPreamble where Options == Void {
    init(
        _ arguments: ParsedArguments, context: Context, format: Option<OutputFormat> = OutputFormat.option,
        beforeFilter: (GraphStore) throws -> Void = { _ in }
    ) throws {
        try self.init(arguments, context: context, format: format, options: {}, beforeFilter: beforeFilter)
    }
}

/// Claim ids gathered while a command prints, by a preamble it holds by value.
private final class ClaimIDs {
    var ids: Set<String> = []
}

/// How far a listing went, learnt while a command prints.
private final class ListingProgress {
    /// How many claims it listed (``QueryPreamble/noteListed(_:)``).
    var listed = 0
    /// Whether it stopped at its limit with more to come (``QueryPreamble/noteCutShort()``).
    var isCutShort = false
    /// Whether every claim left out only for want of publication dates was read, the listing cut
    /// short or not (``QueryPreamble/readClaimsOfUndatedSources(_:)``).
    var hasReadAllLeftOut = false
    /// Whether a listing not cut short read only some of the claims of undated sources.
    var hasReadLeftOutInPart = false
    /// How many claims the listing tried its filters on, when only its first ones
    /// (``QueryPreamble/noteTriedInPart(_:)``); nil when it tried them all.
    var triedOnly: Int?
}
