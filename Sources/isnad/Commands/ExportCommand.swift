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
        options: [
            OptionSpec("output", short: "o", value: "file", help: "Write to this file instead of standard output."),
            OptionSpec("focus", value: "entity", help: "dot, graphml: only the neighbourhood of this entity."),
            OptionSpec("depth", value: "n", help: "dot, graphml: with --focus, how many hops (default: 1, at most 6)."),
            OptionSpec(
                "collapse", help: "dot, graphml: one edge per subject, predicate and object, with all its claims' evidence."),
            OptionSpec("lang", value: "lang", help: "dot, graphml: labels in en, ar or both (default: both)."),
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
                message:
                    "unknown export format \"\(Text.printable(formatName))\"; expected one of \(Format.allCases.map(\.rawValue).joined(separator: ", "))"
                    + Suggestion.phrase(Suggestion.nearest(to: formatName, among: Format.allCases.map(\.rawValue))),
                command: spec.name)
        }
        try refuseOptionsNotFor(format, arguments)
        let store = try context.openStore(.read)
        if format == .jsonl {
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
                dot.rankdir = try arguments.choice("rankdir", of: DOTWriter.RankDirection.self, default: .leftToRight)
                dot.showsLegend = !arguments.flag("no-legend")
                let focus = try options.focus.flatMap { try store.entity(id: $0) }
                dot.title = ExportStyle.title(
                    focus: focus, depth: options.depth, filter: options.filter, collapsed: options.collapse, language: language
                ).joined(separator: "\n")
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

    /// The formats each option applies to; options not listed apply to every format.
    static let formatsOfOption: [String: [Format]] = {
        var formats: [String: [Format]] = ["rankdir": [.dot], "no-legend": [.dot], "yed": [.graphml]]
        for name in ["focus", "depth", "collapse", "lang"] + FilterOptions.specs.map(\.name) { formats[name] = [.dot, .graphml] }
        return formats
    }()

    /// Refuses, as a usage error, the first option given (in the order of `--help`) that does
    /// not apply to the format, naming the formats it applies to.
    static func refuseOptionsNotFor(_ format: Format, _ arguments: ParsedArguments) throws {
        for option in spec.options where arguments.values[option.name] != nil {
            guard let formats = formatsOfOption[option.name], !formats.contains(format) else { continue }
            var message = "--\(option.name) does not apply to export \(format.rawValue), only to export "
            message += formats.map(\.rawValue).joined(separator: " and ")
            if format == .jsonl {
                message += "; jsonl writes the whole store (for a filtered subset: isnad claims … --format json)"
            }
            throw UsageError(message: message, command: spec.name)
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
