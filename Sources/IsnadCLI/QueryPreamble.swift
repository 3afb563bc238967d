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
    /// period asked, overlap it.
    func print(saysUndatedKept: Bool = true, _ printout: consuming Printout, context: Context) throws {
        try format.print(printout, context: context)
        if saysUndatedKept, format.isForReading, filter.keepsUndatedAsTimeless {
            context.message(
                "(undated claims are kept by \(dateOptions(valued: false)): an undated claim is taken as timeless, not known to hold then; --dated leaves them out)"
            )
        }
        let possible = possiblyHeld.ids.count
        if format.isForReading, possible > 0 {
            let (they, them) = possible == 1 ? ("it", "it") : ("they", "them")
            context.message(
                "(\(counted(possible, "claim")) \(possible == 1 ? "is" : "are") kept by \(dateOptions(valued: true)) though dated less precisely: \(possible == 1 ? "its" : "their") dates overlap the \(filter.asOf != nil && filter.between != nil ? "periods" : "period") asked, so \(they) may have held within \(filter.asOf != nil && filter.between != nil ? "both" : "it"), or not; --dated does not leave \(them) out)"
            )
        }
        try graph.throwReadFailure()
    }

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
    /// ``print(saysUndatedKept:_:context:)`` calls it for each claim it shows, when it shows it.
    func noteListed(_ claim: GradedClaim) {
        guard format.isForReading, filter.keepsOnlyPossibly(claim.claim, vocabulary: store.vocabulary) else { return }
        possiblyHeld.ids.insert(claim.claim.id)
    }

    /// ``noteListed(_:)`` for each of `claims`.
    func noteListed(_ claims: some Sequence<GradedClaim>) {
        for claim in claims { noteListed(claim) }
    }

    /// The claim, with only the citations that pass the filters; nil when it does not pass.
    func apply(_ claim: GradedClaim) -> GradedClaim? { filter.apply(claim, vocabulary: store.vocabulary, graph: graph) }

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
