/// Writes the graph as Graphviz DOT (https://graphviz.org/doc/info/lang.html), streamed.
///
/// A node shape per entity type (organization: rounded box, person: ellipse, event: octagon,
/// place: house); an edge colour per predicate family; solid lines for asserted claims, dashed
/// for alleged ones, dotted with a bar head and a red label for disputed ones; the line's width
/// by independent channels of support (one channel is thin, whatever the citation count);
/// symmetric predicates without arrowheads. Edge labels carry the predicate, the dates, the
/// evidence and the common link; quotes (and a disputed edge's denial) go to tooltips, which SVG
/// viewers show on hover. A legend explains all of it. The font
/// list names Noto Sans and Noto Sans Arabic, so Arabic renders joined and right to left.
public struct DOTWriter: GraphWriter {
    /// Which way ranks run (`rankdir`, https://graphviz.org/docs/attr-types/rankdir/): the
    /// raw values are DOT's.
    public enum RankDirection: String, CaseIterable, Sendable {
        case leftToRight = "LR"
        case rightToLeft = "RL"
        case topToBottom = "TB"
        case bottomToTop = "BT"
    }

    public struct Options: Sendable {
        public var language = ExportStyle.Language.both
        public var rankdir = RankDirection.leftToRight
        public var showsLegend = true
        public var title: String?

        public init() {}
    }

    public static let fontName = "Noto Sans,Noto Sans Arabic"
    public let options: Options
    public let sink: ByteSink

    public init(sink: ByteSink, options: Options = Options()) {
        self.sink = sink
        self.options = options
    }

    public func head() -> String {
        let font = DOTEscaping.quoted(DOTWriter.fontName)
        var head = "digraph \"isnad\" {\n"
        head += "  graph [charset=\"UTF-8\", rankdir=\(DOTEscaping.quoted(options.rankdir.rawValue)), fontname=\(font)"
        if let title = options.title {
            head += ", fontsize=16, label=\(DOTEscaping.quoted(title)), labelloc=\"t\""
        } else {
            head += ", fontsize=12"
        }
        head += ", nodesep=0.35, ranksep=0.9, newrank=true];\n"
        head += "  node [fontname=\(font), fontsize=11, style=\"filled\", color=\"#4d4d4d\", penwidth=1, margin=\"0.12,0.06\"];\n"
        head += "  edge [fontname=\(font), fontsize=9, arrowsize=0.8];\n"
        return options.showsLegend ? head + legend() : head
    }

    public func tail() -> String { "}\n" }

    public func appendNode(_ entity: Entity, position: Int, count: Int, vocabulary: Vocabulary, to bytes: inout [UInt8]) {
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
        // Names are isolated where other text shares their line, so that a right-to-left
        // override in a name cannot reorder the id and type after it.
        var tooltip = ["\(BidiText.isolated(entity.name)) (\(entity.id)) · \(entity.type.rawValue)"]
        if !entity.aliases.isEmpty {
            tooltip.append("also: " + entity.aliases.map { BidiText.isolated($0.name) }.joined(separator: " · "))
        }
        if let description = entity.description { tooltip.append(description) }
        bytes.appendUTF8("  ")
        DOTEscaping.appendQuoted(entity.id, to: &bytes)
        bytes.appendUTF8(" [id=")
        DOTEscaping.appendQuoted("entity:" + entity.id, to: &bytes)
        bytes.appendUTF8(", label=")
        DOTEscaping.appendQuoted(ExportStyle.nodeLabel(entity, language: options.language).joined(separator: "\n"), to: &bytes)
        bytes.appendUTF8(", shape=\(shape), style=\"\(style)\", fillcolor=\"\(ExportStyle.fill(for: entity.type))\", tooltip=")
        DOTEscaping.appendQuoted(tooltip.joined(separator: "\n"), to: &bytes)
        bytes.appendUTF8("];\n")
    }

    public func appendEdge(_ edge: ExportGraph.Edge, vocabulary: Vocabulary, to bytes: inout [UInt8]) {
        let color = ExportStyle.color(forPredicate: edge.predicate, vocabulary: vocabulary)
        let isSymmetric = vocabulary[edge.predicate]?.isSymmetric ?? false
        bytes.appendUTF8("  ")
        DOTEscaping.appendQuoted(edge.subject, to: &bytes)
        bytes.appendUTF8(" -> ")
        DOTEscaping.appendQuoted(edge.object, to: &bytes)
        bytes.appendUTF8(" [id=")
        DOTEscaping.appendQuoted("claim:" + edge.id, to: &bytes)
        bytes.appendUTF8(", label=")
        DOTEscaping.appendQuoted(
            ExportStyle.edgeLabel(edge, language: options.language, vocabulary: vocabulary).joined(separator: "\n"), to: &bytes)
        bytes.appendUTF8(", color=\"\(color)\", ")
        bytes.appendUTF8(DOTWriter.style(of: edge.evidence.status, isSymmetric: isSymmetric))
        bytes.appendUTF8(", penwidth=\(DOTWriter.penWidth(channels: edge.weight.supportingChannels))")
        bytes.appendUTF8(", fontcolor=\"\(edge.evidence.status == .disputed ? "#000000" : color)\", tooltip=")
        // The same tooltip on the line and on its label: escaped once, copied.
        var text: [UInt8] = []
        ExportStyle.appendEdgeTooltip(edge, to: &text)
        let tooltipStart = bytes.count
        text.withUnsafeBufferPointer { DOTEscaping.appendQuoted(utf8: $0, to: &bytes) }
        let tooltip = Array(bytes[tooltipStart...])
        bytes.appendUTF8(", labeltooltip=")
        bytes.append(contentsOf: tooltip)
        bytes.appendUTF8("];\n")
    }

    /// The line of an edge: solid for asserted, dashed for alleged, dotted with a bar head for
    /// disputed; no arrowhead for a symmetric predicate (bars at both ends if disputed). Its
    /// width is ``penWidth(channels:)``.
    static func style(of status: Evidence.Status, isSymmetric: Bool) -> String {
        switch status {
        case .asserted: "style=\"solid\"" + (isSymmetric ? ", dir=\"none\"" : "")
        case .alleged: "style=\"dashed\"" + (isSymmetric ? ", dir=\"none\"" : "")
        case .disputed:
            "style=\"dotted\", arrowhead=\"tee\"" + (isSymmetric ? ", dir=\"both\", arrowtail=\"tee\"" : "")
        }
    }

    /// The width of an edge's line, by its independent channels of support: one (or none) is
    /// thin, however many citations share it; two are plain; three or more are heavy.
    static func penWidth(channels: Int) -> String {
        switch channels {
        case ...1: "0.6"
        case 2: "1.8"
        default: "3.2"
        }
    }

    /// A cluster that explains the shapes, the lines, the colours and how an edge label reads.
    func legend() -> String {
        let arabic = options.language == .ar
        var lines = [
            "  subgraph \"cluster_legend\" {", "    label=\"Legend\"; fontsize=12; style=\"rounded\"; color=\"#999999\";",
        ]
        let types: [(EntityType, String, String)] = [
            (.organization, "box", "rounded,filled"), (.person, "ellipse", "filled"), (.event, "octagon", "filled"),
            (.place, "house", "filled"),
        ]
        for (type, shape, style) in types {
            lines.append(
                "    \"legend:\(type.rawValue)\" [label=\"\(type.rawValue)\", shape=\(shape), style=\"\(style)\", fillcolor=\"\(ExportStyle.fill(for: type))\", fontsize=9];"
            )
        }
        // Sample lines: short, level, one under the other (heavy weights keep them straight).
        // Status samples at the width of two channels, then the three widths.
        let plain = ", penwidth=\(DOTWriter.penWidth(channels: 2))"
        let samples: [(name: String, label: String, style: String)] = [
            ("asserted", "asserted" + (arabic ? " · مؤيَّد" : ""), DOTWriter.style(of: .asserted, isSymmetric: false) + plain),
            ("alleged", "alleged" + (arabic ? " · مزعوم" : ""), DOTWriter.style(of: .alleged, isSymmetric: false) + plain),
            (
                "disputed", "disputed" + (arabic ? " · متنازع عليه" : ""),
                DOTWriter.style(of: .disputed, isSymmetric: false) + plain
            ),
            ("symmetric", "no arrowhead: symmetric", DOTWriter.style(of: .asserted, isSymmetric: true) + plain),
            (
                "one-channel", "thin: 1 independent channel",
                DOTWriter.style(of: .asserted, isSymmetric: false) + ", penwidth=\(DOTWriter.penWidth(channels: 1))"
            ),
            ("two-channels", "2 channels", DOTWriter.style(of: .asserted, isSymmetric: false) + plain),
            (
                "three-channels", "3 or more channels",
                DOTWriter.style(of: .asserted, isSymmetric: false) + ", penwidth=\(DOTWriter.penWidth(channels: 3))"
            ),
        ]
        for sample in samples {
            let from = DOTEscaping.quoted("legend:\(sample.name)-from")
            let to = DOTEscaping.quoted("legend:\(sample.name)-to")
            lines.append("    \(from) [label=\"\", shape=point, width=0.05, color=\"#999999\", group=\"legend-\(sample.name)\"];")
            lines.append("    \(to) [label=\"\", shape=point, width=0.05, color=\"#999999\", group=\"legend-\(sample.name)\"];")
            let label = DOTEscaping.quoted(sample.label)
            lines.append("    \(from) -> \(to) [label=\(label), \(sample.style), fontsize=9, weight=100];")
        }
        lines.append("    \"legend:key\" [shape=plaintext, style=\"\", fontsize=9, label=\(legendTable())];")
        lines.append("  }")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The legend's table: colours of the predicate families, how an edge label reads, and
    /// what the statuses and grades mean.
    private func legendTable() -> String {
        let arabic = options.language == .ar
        func row(_ text: String, size: Int = 8) -> String {
            "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"2\"><FONT POINT-SIZE=\"\(size)\">\(text)</FONT></TD></TR>"
        }
        var table = "<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"1\" CELLPADDING=\"1\">"
        table += "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"2\"><B>edge colour: family of the predicate</B></TD></TR>"
        for family in ExportStyle.families {
            table += "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"2\"><FONT COLOR=\"\(family.color)\">━━ \(family.name)</FONT></TD></TR>"
        }
        table += "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"2\"> </TD></TR>"
        table += "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"2\"><B>edge label, line by line</B></TD></TR>"
        let example =
            arabic
            ? [
                ("عضو في", "the predicate"),
                (BidiText.rightToLeft("منذ \(BidiText.leftToRight("2019")) · مزعوم"), "dates · status"),
                (BidiText.rightToLeft("المصادر: 2 · القنوات: 1 · أقوى تقييم E3"), "sources · channels · best grade"),
                (BidiText.rightToLeft("كلها عبر \(BidiText.leftToRight("article-x (E)"))"), "the common link"),
            ]
            : [
                ("member of", "the predicate"), ("since 2019 · ALLEGED", "dates · status"),
                ("2 sources · 1 channel · best E3", "sources · channels · best grade"),
                ("all through article-x (E)", "the common link"),
            ]
        for (sample, meaning) in example {
            table += "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"8\">\(sample)</FONT></TD>"
            table += "<TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"8\" COLOR=\"#666666\">← \(meaning)</FONT></TD></TR>"
        }
        table += "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"2\"> </TD></TR>"
        table += "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"2\"><B>status and grades, from the citations</B></TD></TR>"
        table += row("asserted: an A–C source asserts it with credibility 1–3")
        table += row("alleged: only weaker sources, or sources that report it")
        table += row("disputed: some source denies it")
        table += row("no arrowhead: the predicate reads the same both ways")
        table += row("best C3: strongest source reliability (A–F) and credibility (1–6)")
        table += row("channels: groups of citations whose chains of transmission share no source")
        table += row("common link: the source every channel passes through; status and grade")
        table += row("are capped by its reliability (an E article makes everything it relays E at best)")
        table += row("line width: independent channels (thin = one, however many citations)")
        table += row("in SVG, hover over an edge for its claims, sources, quote and any denial")
        return table + "</TABLE>>"
    }
}
