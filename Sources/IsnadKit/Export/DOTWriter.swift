/// Writes the graph as Graphviz DOT (https://graphviz.org/doc/info/lang.html), streamed.
///
/// A node shape per entity type (organization: rounded box, person: ellipse, event: octagon,
/// place: house); an edge colour per predicate family; solid lines for asserted claims, dashed
/// for alleged ones, dotted with a bar head and a red label for disputed ones; symmetric
/// predicates without arrowheads. Edge labels carry the predicate, the dates and the evidence;
/// quotes go to tooltips, which SVG viewers show on hover. A legend explains all of it. The font
/// list names Noto Sans and Noto Sans Arabic, so Arabic renders joined and right to left.
public struct DOTWriter {
    public struct Options: Sendable {
        public var language = ExportStyle.Language.both
        /// `LR`, `RL`, `TB` or `BT`.
        public var rankdir = "LR"
        public var showsLegend = true
        public var title: String?

        public init() {}
    }

    public static let fontName = "Noto Sans,Noto Sans Arabic"
    public let options: Options
    private let sink: ByteSink

    public init(sink: ByteSink, options: Options = Options()) {
        self.sink = sink
        self.options = options
    }

    /// Writes the whole document.
    public func write(_ graph: ExportGraph) throws {
        let font = DOTEscaping.quoted(DOTWriter.fontName)
        var head = "digraph \"isnad\" {\n"
        head += "  graph [charset=\"UTF-8\", rankdir=\(DOTEscaping.quoted(options.rankdir)), fontname=\(font), fontsize=12"
        if let title = options.title { head += ", label=\(DOTEscaping.quoted(title)), labelloc=\"t\"" }
        head += ", nodesep=0.35, ranksep=0.9, newrank=true];\n"
        head += "  node [fontname=\(font), fontsize=11, style=\"filled\", color=\"#4d4d4d\", penwidth=1, margin=\"0.12,0.06\"];\n"
        head += "  edge [fontname=\(font), fontsize=9, arrowsize=0.8];\n"
        try sink.write(head)
        if options.showsLegend { try sink.write(legend()) }
        try graph.stream(nodes: { try sink.write(node($0)) }, edges: { try sink.write(edge($0)) })
        try sink.write("}\n")
    }

    func node(_ entity: Entity) -> String {
        let shape: String
        var style = "filled"
        switch entity.type {
        case .organization:
            shape = "box"
            style = "rounded,filled"
        case .person: shape = "ellipse"
        case .event: shape = "octagon"
        case .place: shape = "house"
        }
        var tooltip = ["\(entity.name) (\(entity.id)) · \(entity.type.rawValue)"]
        if !entity.aliases.isEmpty { tooltip.append("also: " + entity.aliases.map(\.name).joined(separator: " · ")) }
        if let description = entity.description { tooltip.append(description) }
        return "  \(DOTEscaping.quoted(entity.id)) [id=\(DOTEscaping.quoted("entity:" + entity.id)), "
            + "label=\(DOTEscaping.label(lines: ExportStyle.nodeLabel(entity, language: options.language))), "
            + "shape=\(shape), style=\"\(style)\", fillcolor=\"\(ExportStyle.fill(for: entity.type))\", "
            + "tooltip=\(DOTEscaping.quoted(tooltip.joined(separator: "\n")))];\n"
    }

    func edge(_ edge: ExportGraph.Edge) -> String {
        let color = ExportStyle.color(forPredicate: edge.predicate)
        let isSymmetric = Vocabulary.standard[edge.predicate]?.isSymmetric ?? false
        var attributes = ["id=\(DOTEscaping.quoted("claim:" + edge.id))"]
        let dates = ExportStyle.dates(edge.period)
        let evidence = edge.evidence
        let label = [
            ExportStyle.predicateLabel(edge.predicate, language: options.language),
            "\(dates) · \(evidence.status.rawValue.uppercased())",
            "\(counted(evidence.sources.count, "source")) · best \(evidence.bestGrade)",
        ]
        attributes.append("label=\(DOTEscaping.label(lines: label))")
        attributes.append("color=\"\(color)\"")
        switch evidence.status {
        case .asserted:
            attributes += ["style=\"solid\"", "penwidth=2.2", "fontcolor=\"\(color)\""]
            if isSymmetric { attributes.append("dir=\"none\"") }
        case .alleged:
            attributes += ["style=\"dashed\"", "penwidth=1.2", "fontcolor=\"\(color)\""]
            if isSymmetric { attributes.append("dir=\"none\"") }
        case .disputed:
            attributes += ["style=\"dotted\"", "penwidth=2.2", "fontcolor=\"#000000\"", "arrowhead=\"tee\""]
            if isSymmetric { attributes += ["dir=\"both\"", "arrowtail=\"tee\""] }
        }
        attributes.append("tooltip=\(DOTEscaping.quoted(ExportStyle.edgeTooltip(edge)))")
        attributes.append("labeltooltip=\(DOTEscaping.quoted(ExportStyle.edgeTooltip(edge)))")
        return "  \(DOTEscaping.quoted(edge.subject)) -> \(DOTEscaping.quoted(edge.object)) [\(attributes.joined(separator: ", "))];\n"
    }

    /// A cluster that explains the shapes, line styles and colours.
    func legend() -> String {
        var lines = ["  subgraph \"cluster_legend\" {", "    label=\"Legend\"; fontsize=12; style=\"rounded\"; color=\"#999999\";"]
        let types: [(EntityType, String, String)] = [
            (.organization, "box", "rounded,filled"), (.person, "ellipse", "filled"), (.event, "octagon", "filled"),
            (.place, "house", "filled"),
        ]
        for (type, shape, style) in types {
            lines.append(
                "    \"legend:\(type.rawValue)\" [label=\"\(type.rawValue)\", shape=\(shape), style=\"\(style)\", fillcolor=\"\(ExportStyle.fill(for: type))\", fontsize=9];")
        }
        let statuses: [(String, String)] = [
            ("asserted", "style=\"solid\", penwidth=2.2"), ("alleged", "style=\"dashed\", penwidth=1.2"),
            ("disputed", "style=\"dotted\", penwidth=2.2, arrowhead=\"tee\""),
        ]
        for (status, style) in statuses {
            lines.append("    \"legend:\(status)-from\" [label=\"\", shape=point, width=0.06];")
            lines.append("    \"legend:\(status)-to\" [label=\"\", shape=point, width=0.06];")
            lines.append("    \"legend:\(status)-from\" -> \"legend:\(status)-to\" [label=\"\(status)\", \(style), fontsize=9];")
        }
        var table = "<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"1\"><TR><TD ALIGN=\"LEFT\"><B>edge colour</B></TD></TR>"
        for family in ExportStyle.families {
            table += "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"\(family.color)\">━━ \(family.name)</FONT></TD></TR>"
        }
        table += "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"8\">asserted: an A–C source asserts it, credibility 1–3</FONT></TD></TR>"
        table += "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"8\">alleged: only weaker or reported citations</FONT></TD></TR>"
        table += "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"8\">disputed: some source denies it</FONT></TD></TR>"
        table += "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"8\">best B2: strongest reliability (A–F) and credibility (1–6)</FONT></TD></TR></TABLE>>"
        lines.append("    \"legend:colours\" [shape=plaintext, style=\"\", fontsize=9, label=\(table)];")
        lines.append("  }")
        return lines.joined(separator: "\n") + "\n"
    }
}
