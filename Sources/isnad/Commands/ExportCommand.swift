import IsnadKit

enum ExportCommand: Command {
    /// The formats `isnad export` writes.
    enum Format: String, CaseIterable {
        case jsonl, dot, graphml
    }

    enum RankDirection: String, CaseIterable {
        case LR, RL, TB, BT
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
            Both graph formats take the query commands' filters, and write the same bytes for the same store.
            With -o the file is written under a temporary name and renamed into place once complete.
            """,
        arguments: [ArgumentSpec(name: "format", help: "jsonl, dot or graphml")],
        options: [
            OptionSpec("output", short: "o", value: "file", help: "Write to this file instead of standard output."),
            OptionSpec("focus", value: "entity", help: "Only the neighbourhood of this entity (dot, graphml)."),
            OptionSpec("depth", value: "n", help: "With --focus, how many hops (default: 1, at most 6)."),
            OptionSpec("collapse", help: "One edge per subject, predicate and object, with all its claims' evidence."),
            OptionSpec("lang", value: "lang", help: "Node labels in en, ar or both (default: both)."),
            OptionSpec("rankdir", value: "dir", help: "dot: layout direction LR, RL, TB or BT (default: LR)."),
            OptionSpec("no-legend", help: "dot: leave the legend out."),
            OptionSpec("yed", help: "graphml: add yFiles graphics so yEd shows shapes, colours and labels at once."),
        ] + FilterOptions.specs,
        examples: [
            "isnad export jsonl -o backup.jsonl",
            "isnad export dot --focus hamas --depth 2 | dot -Tsvg > hamas.svg",
            "isnad export graphml --min-reliability C -o graph.graphml",
            "isnad export graphml --yed --collapse -o for-yed.graphml",
        ])

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let formatName = arguments.positionals[0]
        guard let format = Format(rawValue: formatName) else {
            throw UsageError(
                message: "unknown export format \"\(Text.printable(formatName))\"; expected one of \(Format.allCases.map(\.rawValue).joined(separator: ", "))"
                    + Suggestion.phrase(Suggestion.nearest(to: formatName, among: Format.allCases.map(\.rawValue))),
                command: spec.name)
        }
        let store = try context.openStore(.read)
        if format == .jsonl {
            let graphOptions = ["focus", "depth", "collapse", "lang", "rankdir", "no-legend", "yed"] + FilterOptions.specs.map(\.name)
            if let used = graphOptions.first(where: { arguments.values[$0] != nil }) {
                throw UsageError(
                    message: "--\(used) does not apply to export jsonl, which writes the whole store (for a filtered subset: isnad claims … --format json)",
                    command: spec.name)
            }
            try withOutput(arguments.value("output"), context: context) { try StoreExporter.writeJSONLines(of: store, to: $0) }
            return
        }
        var options = ExportGraph.Options()
        options.filter = try FilterOptions.filter(from: arguments, store: store)
        options.collapse = arguments.flag("collapse")
        options.depth = try arguments.integer("depth", in: 1...6) ?? 1
        if arguments.value("depth") != nil, arguments.value("focus") == nil {
            throw UsageError(message: "--depth needs --focus: the neighbourhood of which entity?", command: spec.name)
        }
        options.focus = try arguments.value("focus").map { try EntityResolver(store: store).resolve($0).id }
        let language = try arguments.choice("lang", of: ExportStyle.Language.self, default: .both)
        let graph = ExportGraph(store: store, options: options)
        try withOutput(arguments.value("output"), context: context) { sink in
            switch format {
            case .dot:
                var dot = DOTWriter.Options()
                dot.language = language
                dot.rankdir = try arguments.choice("rankdir", of: RankDirection.self, default: .LR).rawValue
                dot.showsLegend = !arguments.flag("no-legend")
                try DOTWriter(sink: sink, options: dot).write(graph)
            case .graphml:
                var graphML = GraphMLWriter.Options()
                graphML.yed = arguments.flag("yed")
                graphML.language = language
                try GraphMLWriter(sink: sink, options: graphML).write(graph)
            case .jsonl:
                break
            }
        }
    }

    /// Runs `body` with standard output, or with a file that appears only once complete.
    static func withOutput(_ path: String?, context: Context, _ body: (ByteSink) throws -> Void) throws {
        guard let path else {
            try body(context.output)
            return
        }
        let file = try AtomicFileSink(path: path)
        do {
            try body(file)
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }
}
