import IsnadKit

enum ExportCommand: Command {
    /// The formats `isnad export` writes.
    enum Format: String, CaseIterable {
        case jsonl, dot, graphml
    }

    static let spec = CommandSpec(
        name: "export",
        abstract: "Write the store as records (jsonl), a Graphviz graph (dot) or GraphML (graphml).",
        discussion: """
            jsonl: every entity, source and claim in the record format, in a fixed order, so the same store always
            gives the same bytes and the output imports into an empty store. (For a filtered subset, use
            'isnad claims … --format json'.)
            dot: a Graphviz graph: a shape per entity type, a colour per family of predicates, solid lines for
            asserted claims, dashed for alleged, dotted with a bar for disputed; labels with the predicate, dates
            and evidence; quotes in tooltips; a legend. Pipe it into dot: isnad export dot --focus hamas | dot -Tsvg > hamas.svg
            graphml: GraphML 1.0 for Gephi, Cytoscape, networkx, igraph and Neo4j; --yed adds yFiles graphics.
            Both graph formats take the query commands' filters, and write the same bytes for the same store. An option
            that does not apply to the format chosen is refused.
            With -o the file is written under a temporary name and renamed into place once complete.
            """,
        arguments: [ArgumentSpec(name: "format", help: "jsonl, dot or graphml")],
        options: [focus, depth, collapses, language, rankDirection, omitsLegend, addsYEdGraphics, includesRetracted, output]
            + FilterOptions.all.map { $0.only(for: graphFormats) },
        examples: [
            "isnad export jsonl -o backup.jsonl",
            "isnad export dot --focus hamas --depth 2 | dot -Tsvg > hamas.svg",
            "isnad export graphml --min-reliability C -o graph.graphml",
            "isnad export graphml --yed --collapse -o for-yed.graphml",
        ])

    /// The formats that draw a graph, which take the filters and the graph options.
    static let graphFormats: [Format] = [.dot, .graphml]

    static let includesRetracted = Flag(
        "include-retracted",
        help: "jsonl: also the retracted claims and citations, marked \"retracted\" (so that an import brings them back)."
    ).only(for: [Format.jsonl])
    static let output = Option<String>(
        "output", short: "o", value: "file", group: .output, help: "Write to this file instead of standard output.")
    static let focus = Option<String>(
        "focus", value: "entity", help: "dot, graphml: only the neighbourhood of this entity."
    ).only(for: graphFormats)
    static let depth = Option<Int>(
        "depth", value: "n", in: 1...6, help: "dot, graphml: with --focus, how many hops (default: 1, at most 6)."
    ).only(for: graphFormats)
    static let collapses = Flag(
        "collapse", help: "dot, graphml: one edge per subject, predicate and object, with all its claims' evidence."
    ).only(for: graphFormats)
    static let language = Option<ExportStyle.Language>(
        "lang", value: "lang", help: "dot, graphml: labels in en, ar or both (default: both)."
    ).only(for: graphFormats)
    static let rankDirection = Option<DOTWriter.RankDirection>(
        "rankdir", value: "dir", help: "dot: layout direction LR, RL, TB or BT (default: LR)."
    ).only(for: [Format.dot])
    static let omitsLegend = Flag("no-legend", help: "dot: leave the legend out.").only(for: [Format.dot])
    static let addsYEdGraphics = Flag(
        "yed", help: "graphml: add yFiles graphics so yEd shows shapes, colours and labels at once."
    ).only(for: [Format.graphml])

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let formatName = arguments.positionals[0]
        guard let format = Format(rawValue: formatName) else {
            throw UsageError(
                message:
                    "unknown export format \"\(Text.printable(formatName))\"; expected one of \(Format.allCases.map(\.rawValue).joined(separator: ", "))"
                    + Suggestion.phrase(Suggestion.nearest(to: formatName, among: Format.allCases.map(\.rawValue))),
                command: spec.name)
        }
        try arguments.refuseOptionsNotFor(
            format.rawValue,
            note: format == .jsonl
                ? "; jsonl writes the whole store (for a filtered subset: isnad claims … --format json)" : "")
        let store = try context.openStore(.read)
        let path = try arguments.value(output)
        switch format {
        case .jsonl:
            let isIncludingRetracted = arguments.isSet(includesRetracted)
            try withOutput(path, context: context) {
                try StoreExporter.writeJSONLines(of: store, to: $0, includingRetracted: isIncludingRetracted)
            }
        case .dot, .graphml:
            try writeGraph(format, arguments, store: store, path: path, context: context)
        }
    }

    private static func writeGraph(
        _ format: Format, _ arguments: ParsedArguments, store: GraphStore, path: String?, context: Context
    ) throws {
        var options = ExportGraph.Options()
        options.filter = try FilterOptions.filter(from: arguments, store: store, context: context)
        options.collapse = arguments.isSet(collapses)
        options.depth = try arguments.value(depth, default: 1)
        if arguments.isGiven(depth), !arguments.isGiven(focus) {
            throw UsageError(message: "--depth needs --focus: the neighbourhood of which entity?", command: spec.name)
        }
        options.focus = try arguments.value(focus).map {
            try EntityLookup.entity($0, resolver: EntityResolver(store: store), context: context).id
        }
        let language = try arguments.value(Self.language, default: .both)
        let graph = ExportGraph(store: store, options: options)
        try withOutput(path, context: context) { sink in
            if format == .dot {
                var dot = DOTWriter.Options()
                dot.language = language
                dot.rankdir = try arguments.value(rankDirection, default: .leftToRight)
                dot.showsLegend = !arguments.isSet(omitsLegend)
                let focus = try options.focus.flatMap { try store.entity(id: $0) }
                dot.title = ExportStyle.title(
                    focus: focus, depth: options.depth, filter: options.filter, collapsed: options.collapse, language: language
                ).joined(separator: "\n")
                try DOTWriter(sink: sink, options: dot).write(graph)
            } else {
                var graphML = GraphMLWriter.Options()
                graphML.yed = arguments.isSet(addsYEdGraphics)
                graphML.language = language
                try GraphMLWriter(sink: sink, options: graphML).write(graph)
            }
        }
    }

    /// Runs `body` with standard output (no `-o`, or `-o -`), or with a file that appears only
    /// once complete and is never the store.
    static func withOutput(_ path: String?, context: Context, _ body: (ByteSink) throws -> Void) throws {
        guard let path, path != "-" else {
            try body(context.output)
            return
        }
        let file = try OutputFile(path: path, notOver: context.databasePath)
        do {
            try body(file)
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }
}

extension DOTWriter.RankDirection: ArgumentChoice {}
