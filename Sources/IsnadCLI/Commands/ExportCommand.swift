import IsnadKit

enum ExportCommand: Command {
    /// The formats `isnad export` writes.
    enum Format: String, CaseIterable {
        case jsonl, dot, graphml, html, gexf, stix, ftm, history
    }

    static let name = "export"
    static let spec = CommandSpec(
        name: name,
        abstract:
            "Write the store as records (jsonl), a graph (dot, graphml, gexf), an interactive page (html), STIX 2.1 (stix), FtM (ftm), or its history.",
        discussion: """
            jsonl: every entity, source and claim in the record format, in a fixed order, so the same store always
            gives the same bytes and the output imports into an empty store. (For a filtered subset, use
            'isnad claims … --format json'.)
            dot: a Graphviz graph: a shape per entity type, a colour per family of predicates, solid lines for
            asserted claims, dashed for alleged, dotted with a bar for disputed; labels with the predicate, dates
            and evidence; quotes in tooltips; a legend, and a key with the title of each source a label names; the
            entry of the store's history it shows (isnad log); the --focus entity in bold. Pipe it into dot:
            isnad export dot --focus hamas | dot -Tsvg > hamas.svg (--pairs for a first picture that fits a screen)
            graphml: GraphML 1.0 for Gephi, Cytoscape, networkx, igraph and Neo4j; --yed adds yFiles graphics.
            html: one self-contained page (no network, no other file) to explore the graph in a browser: click an
            entity or an edge for its claims, citations and quotes; filter by status, grades, predicate family,
            date (--as-of) and --known-by; search names; English or Arabic. Laid out by Graphviz's dot when it is
            installed. A view too large for a browser is refused: narrow it with --focus or filters.
            gexf: GEXF 1.3 for Gephi, with typed attributes and each claim's period as a spell (Gephi's timeline).
            stix: one STIX 2.1 bundle (OpenCTI, MISP, TAXII): entities as identity, threat-actor, incident, location;
            claims as relationship; denials as opinion; sources as report; grades as confidence.
            ftm: FollowTheMoney entities as JSON Lines (Aleph, OpenSanctions, ftm): Person, Organization, Event,
            Address; one interval entity (Membership, Directorship, Family, UnknownLink) per citation; sources as
            Article or Document, through proof.
            history: the store's history (isnad log), one JSON line per entry, oldest first, each record before and
            after as its canonical line; isnad import --from history appends it to another store's history.
            stix and ftm write the whole store; docs/exporting.md maps every field and says what each cannot carry.
            The graph formats (dot, graphml, html, gexf) take the query commands' filters, and write the same bytes for the same
            store. An option that does not apply to the format chosen is refused.
            With -o the file is written under a temporary name and renamed into place once complete.
            """,
        arguments: [ArgumentSpec(name: "format", help: "jsonl, dot, graphml, html, gexf, stix, ftm or history")],
        options: [
            focus, depth, collapses, pairs, pairLabels, language, rankDirection, omitsLegend, omitsSourceKey, addsYEdGraphics,
            layout,
            includesNotes, includesRetracted, output,
        ]
            + FilterOptions.all.map { $0.only(for: graphFormats) },
        examples: [
            "isnad export jsonl --include-retracted -o backup.jsonl",
            "isnad export dot --focus hamas --depth 2 | dot -Tsvg > hamas.svg",
            "isnad export graphml --min-reliability C -o graph.graphml",
            "isnad export graphml --yed --collapse -o for-yed.graphml",
            "isnad export dot --pairs | dot -Tsvg > overview.svg",
            "isnad export html -o graph.html",
            "isnad export html --focus hamas --depth 2 --lang ar -o hamas.html",
            "isnad export gexf -o graph.gexf",
            "isnad export stix -o bundle.json",
            "isnad export ftm -o entities.ftm.jsonl",
        ])

    /// The formats that draw a graph, which take the filters and the graph options.
    static let graphFormats: [Format] = [.dot, .graphml, .html, .gexf]

    static let includesRetracted = Flag(
        "include-retracted",
        help:
            "jsonl: also the retracted claims and citations, marked \"retracted\" (so that an import brings them back); dot, graphml: also the retracted claims, marked (grey, RETRACTED; status retracted)."
    ).only(for: [Format.jsonl, .dot, .graphml])
    static let includesNotes = Flag(
        "include-notes",
        help:
            "html: also the claims' notes, shown when a claim is opened, and the reasons add claim --unverified wrote into locators (left out by default, as from every graph format: a page may be published, and notes are the analyst's working remarks; a locator says (unverified))."
    ).only(for: [Format.html])
    static let output = Option<String>(
        "output", short: "o", value: "file", group: .output, help: "Write to this file instead of standard output.")
    static let focus = Option<String>(
        "focus", value: "entity", help: "dot, graphml, html, gexf: only the neighbourhood of this entity."
    ).only(for: graphFormats)
    static let depth = Option<Int>(
        "depth", value: "n", in: 1...6, help: "dot, graphml, html, gexf: with --focus, how many hops (default: 1, at most 6)."
    ).only(for: graphFormats)
    static let collapses = Flag(
        "collapse", help: "dot, graphml, gexf: one edge per subject, predicate and object, with all its claims' evidence."
    ).only(for: [Format.dot, .graphml, .gexf])
    static let pairs = Flag(
        "pairs",
        help:
            "dot: one edge per pair of entities and direction, for overviews (see --labels); its tooltip lists every claim, the strongest first, up to 16,000 bytes, then how many more and the command that lists them."
    ).only(for: [Format.dot])
    static let pairLabels = Option<DOTWriter.PairLabels>(
        "labels", value: "kind",
        help:
            "dot --pairs: short (the default: the claims' predicate family when they share one, over '4 claims · ALLEGED F3', over who says the strongest claim, on how many claims when not on all, and how many are disputed and who denies them: an overview that reads fitted to a screen) or full (every predicate with who says it, one a line); the tooltip lists every claim either way, the strongest first, up to 16,000 bytes, then how many more and the command that lists them."
    ).only(for: [Format.dot])
    static let language = Option<ExportStyle.Language>(
        "lang", value: "lang",
        help: "dot, graphml, gexf: labels in en, ar or both (default: both); html: the language the page opens in (en or ar)."
    ).only(for: graphFormats)
    static let rankDirection = Option<DOTWriter.RankDirection>(
        "rankdir", value: "dir", help: "dot: layout direction LR, RL, TB or BT (default: LR)."
    ).only(for: [Format.dot])
    static let omitsLegend = Flag("no-legend", help: "dot: leave the legend out.").only(for: [Format.dot])
    static let omitsSourceKey = Flag(
        "no-source-key",
        help:
            "dot: leave out the key beside the legend that gives the title, publisher and date of each source an edge label names by id."
    ).only(for: [Format.dot])
    static let layout = Option<HTMLLayoutChoice>(
        "layout", value: "engine",
        help:
            "html: dot (Graphviz, waited for however long it takes) or own (Isnad's layout, with no external program); by default dot when installed and the view has up to 300 entities and 500 linked pairs, else own."
    ).only(for: [Format.html])
    static let addsYEdGraphics = Flag(
        "yed", help: "graphml: add yFiles graphics so yEd shows shapes, colours and labels at once."
    ).only(for: [Format.graphml])

    /// What to say on standard error of the retracted claims and citations a whole-store export
    /// left out, and why, when it left any: a file that leaves evidence out must not look whole.
    static func retractedLeftOut(of store: GraphStore, _ why: String) throws -> String? {
        let retracted = try store.retractedCounts()
        guard retracted.claims + retracted.citations > 0 else { return nil }
        let left = [
            retracted.claims > 0 ? counted(retracted.claims, "retracted claim") : nil,
            retracted.citations > 0 ? counted(retracted.citations, "retracted citation") : nil,
        ].compactMap { $0 }
        return "left out \(left.joined(separator: " and ")) (\(why))"
    }

    /// Writes a whole-store export with `write`, then says what retracted evidence it left out
    /// (when `leftOutBecause` gives why it may have). The count is read with the export, before
    /// its file is put in place: a read that failed after it would fail a command whose file is
    /// already there.
    static func writeWholeStore(
        _ store: GraphStore, to path: String?, context: Context, leftOutBecause why: String?,
        _ write: (ByteSink) throws -> Void
    ) throws {
        var leftOut: String?
        var isEmpty = false
        try withOutput(path, context: context) {
            try write($0)
            if let why { leftOut = try retractedLeftOut(of: store, why) }
            // Said as the graphs say it: a job exporting a store another is still creating
            // (whose first import has not committed) gets an empty file, not a silent one.
            isEmpty = try store.holdsNoRecords()
        }
        if isEmpty {
            context.message(
                "isnad: the store holds no records, so \(path == nil || path == "-" ? "what was written" : "the file written") has none"
            )
        }
        if let leftOut { context.message(leftOut) }
    }

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let formatName = arguments.positionals[0]
        guard let format = Format(rawValue: formatName.lowercased()) else {
            throw UsageError(
                message:
                    "unknown export format \"\(Text.printable(formatName))\"; expected one of \(Format.allCases.map(\.rawValue).joined(separator: ", "))"
                    + Suggestion.phrase(Suggestion.nearest(to: formatName, among: Format.allCases.map(\.rawValue))),
                command: spec.name)
        }
        // A filter or a focus refused: the listings give that part of the store as records.
        let filters = Set(FilterOptions.all.map(\.spec.name))
        try arguments.refuseOptionsNotFor(format.rawValue) { refused in
            guard [.jsonl, .stix, .ftm, .history].contains(format) else { return "" }
            if filters.contains(refused.name) {
                return "; \(format.rawValue) writes the whole store (for a filtered subset: isnad claims … --format json)"
            }
            if [focus.spec.name, depth.spec.name].contains(refused.name) {
                return
                    "; \(format.rawValue) writes the whole store (for a neighbourhood: isnad neighbors ENTITY --depth N --format json)"
            }
            return ""
        }
        if arguments.isSet(pairs), arguments.isSet(collapses) {
            throw UsageError(
                message:
                    "--pairs and --collapse do not go together: --pairs draws one edge per pair of entities already; leave one out",
                command: spec.name)
        }
        let path = try arguments.value(output)
        if path?.isEmpty == true { throw UsageError(message: "-o needs a file name (or - for standard output)") }
        let store = try context.openStore(.read)
        switch format {
        case .jsonl:
            let isIncludingRetracted = arguments.isSet(includesRetracted)
            // Records written for a backup would lose the retractions, and their reasons, unseen.
            try writeWholeStore(
                store, to: path, context: context,
                leftOutBecause: isIncludingRetracted ? nil : "--include-retracted writes them, marked, as a backup needs"
            ) { try StoreExporter.writeJSONLines(of: store, to: $0, includingRetracted: isIncludingRetracted) }
        case .stix:
            try writeWholeStore(
                store, to: path, context: context,
                leftOutBecause: "STIX carries the evidence that stands; export jsonl --include-retracted keeps them"
            ) { try STIXWriter(store: store, sink: $0).write() }
        case .ftm:
            try writeWholeStore(
                store, to: path, context: context,
                leftOutBecause: "FtM carries the evidence that stands; export jsonl --include-retracted keeps them"
            ) { try FtMWriter(store: store, sink: $0).write() }
        case .history:
            try withOutput(path, context: context) { try store.writeHistory(to: $0) }
        case .dot, .graphml, .html, .gexf:
            try writeGraph(format, arguments, store: store, path: path, context: context)
        }
    }

    private static func writeGraph(
        _ format: Format, _ arguments: ParsedArguments, store: GraphStore, path: String?, context: Context
    ) throws {
        var options = ExportGraph.Options()
        options.filter = try FilterOptions.filter(from: arguments, store: store, context: context)
        options.collapse = arguments.isSet(collapses)
        options.includesRetracted = arguments.isSet(includesRetracted)
        options.depth = try arguments.value(depth, default: 1)
        if arguments.isGiven(depth), !arguments.isGiven(focus) {
            throw UsageError(message: "--depth needs --focus: the neighbourhood of which entity?", command: spec.name)
        }
        options.focus = try arguments.value(focus).map {
            try EntityLookup.entity($0, resolver: EntityResolver(store: store), context: context).id
        }
        let language = try arguments.value(Self.language, default: .both)
        let graph = ExportGraph(store: store, options: options)
        if format == .html {
            var html = HTMLView.Options()
            if arguments.isGiven(Self.language), language == .both {
                throw UsageError(
                    message:
                        "--lang both does not apply to export html, which opens in en or ar (a switch on the page changes it)",
                    command: spec.name)
            }
            html.language = language == .ar ? .ar : .en
            html.includesNotes = arguments.isSet(includesNotes)
            // The page's title (the browser's tab too, which obeys what it is given) shows the focus's
            // names as the page shows stored text: what the command line escapes, escaped.
            let focus = try options.focus.flatMap { try store.entity(id: $0) }.map { entity in
                var shown = entity
                shown.name = Text.printable(entity.name)
                shown.aliases = entity.aliases.map { Alias(name: Text.printable($0.name), lang: $0.lang) }
                return shown
            }
            html.title = ExportStyle.title(
                focus: focus, depth: options.depth, filter: options.filter, collapsed: false, language: .en)
            html.titleArabic = ExportStyle.title(
                focus: focus, depth: options.depth, filter: options.filter, collapsed: false, language: .ar)
            html.storeState = try StoreState(of: store)
            switch try arguments.value(layout) {
            case .dot?:
                guard let dot = GraphLayout.program(named: "dot") else {
                    throw UsageError(
                        message: "--layout dot needs Graphviz's dot on PATH (apt-get install graphviz), or use --layout own",
                        command: spec.name)
                }
                html.dotProgram = dot
                html.isDotAskedFor = true
            case .own?: html.dotProgram = nil
            case nil: html.dotProgram = GraphLayout.program(named: "dot")
            }
            do {
                var used = HTMLView.Layout.own
                try withOutput(path, context: context) { used = try HTMLView.write(graph, options: html, to: $0) }
                switch used {
                case .ownInsteadOfDot(let entities, let links):
                    context.message(
                        "isnad: \(counted(entities, "entity", "entities")) and \(counted(links, "linked pair")) laid out by Isnad's own layout: Graphviz's dot can take minutes past \(HTMLView.dotDefaultLimit) entities or \(HTMLView.dotDefaultLinks) linked pairs (--layout dot to wait for it)"
                    )
                case .ownAfterDotFailed(let reason):
                    context.message("isnad: laid out by Isnad's own layout, since Graphviz failed (\(Text.printable(reason)))")
                case .dot, .own: break
                }
            } catch let error as LayoutError where error.isOverTime && !html.isDotAskedFor {
                throw LayoutOverTime(layoutError: error)
            } catch let error as HTMLViewError {
                let advice =
                    error == .empty
                    ? "widen or leave out the filters (isnad claims with the same filters lists what they leave)"
                    : "narrow it with --focus ENTITY --depth N, or with filters (--min-reliability, --status, --as-of, --predicate …)"
                throw UsageError(message: "\(error); \(advice)", command: spec.name)
            }
            return
        }
        // Written all the same (a script may expect the file), but said: an empty graph opened in
        // Gephi or Graphviz looks like a failure of the tool.
        var drawn = 0
        let noteDrawn = { (entities: Int) in drawn = entities }
        try withOutput(path, context: context) { sink in
            if format == .dot {
                var dot = DOTWriter.Options()
                dot.language = language
                dot.rankdir = try arguments.value(rankDirection, default: .leftToRight)
                dot.showsLegend = !arguments.isSet(omitsLegend)
                dot.showsSourceKey = !arguments.isSet(omitsSourceKey)
                dot.storeState = try StoreState(of: store)
                dot.focus = options.focus
                let focus = try options.focus.flatMap { try store.entity(id: $0) }
                dot.title =
                    ExportStyle.title(
                        focus: focus, depth: options.depth, filter: options.filter, collapsed: options.collapse,
                        language: language
                    ).joined(separator: "\n")
                    + (options.includesRetracted ? "\nRetracted claims included: grey, marked RETRACTED" : "")
                if arguments.isGiven(pairLabels), !arguments.isSet(pairs) {
                    throw UsageError(
                        message: "--labels applies to --pairs: add --pairs, or leave --labels out", command: spec.name)
                }
                dot.pairLabels = try arguments.value(pairLabels, default: .short)
                if arguments.isSet(pairs), options.includesRetracted {
                    throw UsageError(
                        message:
                            "--include-retracted draws each retracted claim as an edge of its own, which --pairs would count as evidence: leave one out",
                        command: spec.name)
                }
                // Said before the file is written, not after: Graphviz may never finish on it.
                let warnIfLarge = { (entities: Int) in
                    noteDrawn(entities)
                    guard entities > DOTWriter.largeGraph else { return }
                    // What narrows it further: not what was given already (--collapse and --pairs
                    // do not go together).
                    let ways =
                        arguments.isSet(pairs)
                        ? "--focus ENTITY --depth 1, --min-reliability, --predicate"
                        : "--focus ENTITY --depth 1, --min-reliability, --predicate, --collapse, --pairs"
                    context.message(
                        "isnad: this graph draws \(entities) entities; Graphviz lays out a few hundred readably and may not finish on "
                            + "thousands: narrow it (\(ways))"
                    )
                }
                if arguments.isSet(pairs) {
                    try DOTWriter(sink: sink, options: dot).writePairs(graph, onCount: warnIfLarge)
                } else {
                    try DOTWriter(sink: sink, options: dot).write(graph, onCount: warnIfLarge)
                }
            } else {
                // In English: the words of a file's metadata, which tools show as they are.
                let focus = try options.focus.flatMap { try store.entity(id: $0) }
                let title =
                    ExportStyle.title(
                        focus: focus, depth: options.depth, filter: options.filter, collapsed: options.collapse, language: .en
                    ).joined(separator: "\n") + (options.includesRetracted ? "\nRetracted claims included, marked retracted" : "")
                if format == .gexf {
                    var gexf = GEXFWriter.Options()
                    gexf.language = language
                    gexf.title = title
                    try GEXFWriter(sink: sink, options: gexf).write(graph, onCount: noteDrawn)
                } else {
                    var graphML = GraphMLWriter.Options()
                    graphML.yed = arguments.isSet(addsYEdGraphics)
                    graphML.language = language
                    graphML.title = title
                    try GraphMLWriter(sink: sink, options: graphML).write(graph, onCount: noteDrawn)
                }
            }
        }
        if drawn == 0 {
            context.message(
                options.filter.isEmpty
                    ? "isnad: the store holds no entities, so the graph written is empty"
                    : "isnad: no entity passes these filters, so the graph written is empty (isnad claims with the same filters lists what they leave)"
            )
        }
    }

    /// Runs `body` with standard output (no `-o`, or `-o -`), or with a file that appears only
    /// once complete and is never the store.
    static func withOutput(_ path: String?, context: Context, _ body: (ByteSink) throws -> Void) throws {
        guard let path, path != "-" else {
            try body(context.output)
            return
        }
        let file = try OutputFile(path: path, notOver: context.databasePath, madeFrom: context.storeLocation)
        do {
            try body(file)
            // No file made of a read that another process's write may have torn.
            try context.checkReadsWereWhole()
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
        if let narrowing = file.narrowing { noteNarrowed(path, narrowing, context: context) }
        noteAbandonedTemporaryFiles(besides: path, context: context)
    }

    /// Says that the file replaced at `path` lost some of its group and other permissions to the
    /// store's: a page made `0644` for a web server or a colleague was no longer readable to them
    /// after a re-export, with no hint why.
    static func noteNarrowed(_ path: String, _ narrowing: OutputFile.Narrowing, context: Context) {
        // As ls -l and umask show them: 0644, 0022.
        func octal(_ mode: some BinaryInteger) -> String {
            let digits = String(mode, radix: 8)
            return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        }
        let store = "the store \(context.shownDatabasePath) is \(octal(narrowing.storePermissions))"
        let why = narrowing.isNarrowedByUmask ? "\(store), less your umask \(octal(narrowing.umask))" : store
        let shown = Text.printableFileName(path)
        context.message(
            "isnad: note: \(shown) is now \(octal(narrowing.after)) (was \(octal(narrowing.before))): a file made from a store is no wider than it, and \(why); if it was meant to be shared, chmod \(String(narrowing.before, radix: 8)) \(Text.printable(Text.shellWord(path))) after each export"
        )
    }

    /// Names what exports and copies killed before they finished left beside the file just written: a job
    /// killed by `timeout -s KILL` or the OOM killer leaves a partial file that nothing removes,
    /// and that `git add -A` would commit.
    static func noteAbandonedTemporaryFiles(besides path: String, context: Context) {
        let (files, count) = OutputFile.abandonedTemporaryFiles(besides: path)
        for file in files {
            let size =
                file.bytes < 1_000_000
                ? "\(file.bytes) byte\(file.bytes == 1 ? "" : "s")" : String(format: "%.1f MB", Double(file.bytes) / 1_000_000)
            // A copy's leaves SQLite's log and index beside it.
            let companions = ["-wal", "-shm"].filter { FileSystem.exists(file.path + $0) }
            let alsoRemove = companions.isEmpty ? "" : " with its " + companions.joined(separator: " and ")
            context.message(
                "isnad: note: \(Text.printable(file.path)) (\(size), last written \(file.lastWritten)) is an export or a copy that was killed before it finished; no isnad is writing it: remove it\(alsoRemove)"
            )
        }
        if count > files.count {
            context.message("isnad: note: and \(count - files.count) more such files beside \(Text.printableFileName(path))")
        }
    }
}

extension DOTWriter.RankDirection: ArgumentChoice {}
extension DOTWriter.PairLabels: ArgumentChoice {}

/// The default's Graphviz took far longer than a view of its size does: the export fails (exit 1,
/// as a Graphviz asked for by name that fails), since Isnad's own layout in its place would give
/// another file for the same view, and says which layout to ask for.
struct LayoutOverTime: Error, CustomStringConvertible {
    let layoutError: LayoutError

    var description: String {
        "\(layoutError); no file was written: --layout own for Isnad's layout, or --layout dot to wait for Graphviz"
    }
}

/// Who lays out an HTML view.
enum HTMLLayoutChoice: String, CaseIterable, ArgumentChoice {
    case dot, own
}
