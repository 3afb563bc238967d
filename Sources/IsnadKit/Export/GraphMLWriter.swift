/// Writes the graph as GraphML 1.0 (http://graphml.graphdrawing.org/primer/graphml-primer.html),
/// streamed, valid against the official schema.
///
/// Every edge is directed; symmetric predicates say so in the `symmetric` attribute instead of
/// mixing edge directions. Node ids are the entities' slugs (ASCII); edge ids are the claims'
/// ids, or `subject--predicate--object` when collapsed, unique in the file. Every key is declared
/// for nodes or for edges with a name and a type from GraphML's own set; there are no defaults:
/// a missing value is a missing `<data>`. Lists (aliases, sources, claims) are JSON arrays in a
/// string. The keys Gephi (`label`, whose key id is `label` too), Cytoscape (`name`, `interaction`) and Neo4j's APOC
/// (`labels`) look for are there. With `yed`, yFiles graphics (shapes, colours, labels, line
/// styles, a grid of starting positions) make yEd show a readable chart at once; such a file is
/// GraphML as yFiles extends it, since the plain schema keeps `<data>` to text.
public struct GraphMLWriter: GraphWriter {
    public struct Options: Sendable {
        public var yed = false
        public var language = ExportStyle.Language.both
        /// What the file shows, with the filters that chose it
        /// (``ExportStyle/title(focus:depth:filter:collapsed:language:)``): the graph's `title`
        /// (networkx: `G.graph["title"]`). A filtered file is weighed again from what the
        /// filters left, and says so.
        public var title: String?

        public init() {}
    }

    /// A declared attribute: its name (`attr.name`; see ``keyID(_:)`` for its id), whom it is
    /// for, and its type.
    struct Key {
        let id: String
        let forNodes: Bool
        let type: String
        let description: String
    }

    static let keys: [Key] = [
        Key(id: "label", forNodes: true, type: "string", description: "the entity's label (English name, Arabic name, or both)"),
        Key(id: "name", forNodes: true, type: "string", description: "the entity's primary name"),
        Key(
            id: "name_ar", forNodes: true, type: "string",
            description: "the entity's Arabic name: its name when written in Arabic, else its first Arabic alias"),
        Key(
            id: "name_en", forNodes: true, type: "string",
            description: "the entity's English name: its name when written in Latin letters, else its first English alias"),
        Key(id: "type", forNodes: true, type: "string", description: "person, organization, event or place"),
        Key(id: "labels", forNodes: true, type: "string", description: "Neo4j labels: :Person, :Organization, :Event, :Place"),
        Key(id: "aliases", forNodes: true, type: "string", description: "JSON array of the entity's other names"),
        Key(
            id: "description", forNodes: true, type: "string",
            description: "the entity's description: the store's own note, not a sourced or weighed claim"),
        Key(id: "attributes", forNodes: true, type: "string", description: "JSON object of the entity's attributes"),
        Key(id: "predicate", forNodes: false, type: "string", description: "the predicate's id"),
        Key(id: "interaction", forNodes: false, type: "string", description: "the predicate's id, for Cytoscape"),
        Key(
            id: "label", forNodes: false, type: "string",
            description: "the predicate's English label, the claim's status and best grade: supplied weapons to · ALLEGED E3"),
        Key(id: "label_ar", forNodes: false, type: "string", description: "the predicate's Arabic label"),
        Key(
            id: "start", forNodes: false, type: "string",
            description:
                "partial date YYYY, YYYY-MM or YYYY-MM-DD: the claim's start, or the earliest of the claims' behind a collapsed edge; missing when a claim has none"
        ),
        Key(
            id: "end", forNodes: false, type: "string",
            description:
                "partial date YYYY, YYYY-MM or YYYY-MM-DD: the claim's end, or the latest of the claims' behind a collapsed edge (an event's its start); missing when a state holds on, a claim has no date, or events all fall within the start"
        ),
        Key(
            id: "temporal", forNodes: false, type: "string",
            description:
                "state (the relationship holds from start to end; no end: it holds on) or event (it happened at start; an end is the last of several dates), as the predicate vocabulary says"
        ),
        Key(
            id: "status", forNodes: false, type: "string",
            description: "asserted, alleged or disputed, with grades capped by the common link"),
        Key(id: "sources", forNodes: false, type: "string", description: "JSON array of the claimants' source ids"),
        Key(id: "source_count", forNodes: false, type: "int", description: "number of distinct claimants"),
        Key(
            id: "supporting_source_count", forNodes: false, type: "int",
            description: "number of distinct claimants that assert or report it"),
        Key(id: "denying_source_count", forNodes: false, type: "int", description: "number of distinct claimants that deny it"),
        Key(
            id: "best_reliability", forNodes: false, type: "string",
            description: "the best grade's source grade, A to F (one citation's), no stronger than the common link's"),
        Key(
            id: "best_credibility", forNodes: false, type: "int",
            description: "the best grade's information grade, 1 to 6, of the same citation"),
        Key(id: "symmetric", forNodes: false, type: "boolean", description: "the predicate reads the same both ways"),
        Key(id: "claims", forNodes: false, type: "string", description: "JSON array of the claim ids behind the edge"),
        Key(id: "citation_count", forNodes: false, type: "int", description: "number of citations"),
        Key(
            id: "quote", forNodes: false, type: "string",
            description:
                "the strongest supporting citation's quote, verbatim; missing when nothing supports the claim (only denied)"
        ),
        Key(id: "quote_en", forNodes: false, type: "string", description: "its English translation"),
        Key(
            id: "quote_source", forNodes: false, type: "string",
            description:
                "who asserts or reports the claim, with its own grades as said (the claim's, once weighed: best_reliability, best_credibility)"
        ),
        Key(
            id: "independent_channels", forNodes: false, type: "int",
            description: "supporting citations in groups whose chains of transmission share no source"),
        Key(
            id: "common_link", forNodes: false, type: "string",
            description: "the source id every supporting chain passes through; empty when none"),
        Key(
            id: "denial_quote", forNodes: false, type: "string",
            description: "the strongest denying citation's quote, whether or not another supports the claim"),
        Key(id: "denial_quote_en", forNodes: false, type: "string", description: "its English translation"),
        Key(id: "denial_source", forNodes: false, type: "string", description: "who denies the claim, with grades"),
        Key(
            id: "retracted", forNodes: false, type: "string",
            description: "why the claim was retracted (only with --include-retracted; its status is then retracted)"),
    ]

    public let options: Options
    public let sink: ByteSink

    public init(sink: ByteSink, options: Options = Options()) {
        self.sink = sink
        self.options = options
    }

    /// The key's id in the file. Ids are unique in a file, so node and edge keys of the same
    /// name get distinct ids: `n_name`, `e_predicate` … except the node label, whose id is
    /// `label`, where Gephi looks for it.
    static func keyID(_ key: Key) -> String {
        guard key.forNodes else { return "e_\(key.id)" }
        return key.id == "label" ? "label" : "n_\(key.id)"
    }

    public func head() -> String {
        var head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        head += "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
        if options.yed {
            head += " xmlns:y=\"http://www.yworks.com/xml/graphml\""
            head +=
                " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd\">\n"
        } else {
            head +=
                " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
        }
        head += "  <!-- Isnad export. Every edge is a claim, never a fact: status, sources and grades are its data. -->\n"
        for key in GraphMLWriter.keys {
            head +=
                "  <key id=\"\(GraphMLWriter.keyID(key))\" for=\"\(key.forNodes ? "node" : "edge")\" attr.name=\"\(key.id)\" attr.type=\"\(key.type)\">"
            head += "<desc>\(XMLEscaping.escaped(key.description))</desc></key>\n"
        }
        if options.title != nil {
            head +=
                "  <key id=\"g_title\" for=\"graph\" attr.name=\"title\" attr.type=\"string\"><desc>what the file shows: the whole store or a neighbourhood, with the filters that chose its claims (their status, grades and channels are weighed again from what the filters left)</desc></key>\n"
        }
        if options.yed {
            head += "  <key id=\"y_node\" for=\"node\" yfiles.type=\"nodegraphics\"/>\n"
            head += "  <key id=\"y_edge\" for=\"edge\" yfiles.type=\"edgegraphics\"/>\n"
        }
        head += "  <graph id=\"isnad\" edgedefault=\"directed\">\n"
        if let title = options.title { head += "    <data key=\"g_title\">\(XMLEscaping.escaped(title))</data>\n" }
        return head
    }

    public func tail() -> String { "  </graph>\n</graphml>\n" }

    /// yEd's starting positions: a square grid, in id order.
    public func appendNode(_ entity: Entity, position: Int, count: Int, vocabulary: Vocabulary, to bytes: inout [UInt8]) {
        let columns = max(1, Int(Double(count).squareRoot().rounded(.up)))
        appendNode(entity, column: position % columns, row: position / columns, to: &bytes)
    }

    /// `<data key="…">value</data>`, or nothing for a missing value; `open` is the indented
    /// opening tag, written whole (a few static copies an element rather than one a part).
    private func appendData(_ open: StaticString, _ value: String?, to bytes: inout [UInt8]) {
        guard let value else { return }
        bytes.appendStatic(open)
        XMLEscaping.append(value, to: &bytes)
        bytes.appendStatic("</data>\n")
    }

    /// `<data key="…">42</data>`.
    private func appendData(_ open: StaticString, number: Int, to bytes: inout [UInt8]) {
        bytes.appendStatic(open)
        bytes.appendDecimal(number)
        bytes.appendStatic("</data>\n")
    }

    /// A list as `<data>` holding a JSON array of strings (GraphML has no lists).
    private func appendData(_ open: StaticString, list values: [String], to bytes: inout [UInt8]) {
        bytes.appendStatic(open)
        if !GraphMLWriter.appendPlainList(values, to: &bytes) {
            var json = JSONWriter()
            json.array(values)
            json.bytes.withUnsafeBufferPointer { XMLEscaping.append(utf8: $0, to: &bytes) }
        }
        bytes.appendStatic("</data>\n")
    }

    /// A JSON array of strings, XML-escaped, written straight when every value is printable
    /// ASCII that neither JSON nor XML escapes (ids, as a rule): the same bytes as ``JSONWriter``
    /// and ``XMLEscaping`` would give. False, with nothing appended, when some value is not.
    static func appendPlainList(_ values: [String], to bytes: inout [UInt8]) -> Bool {
        let start = bytes.count
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.appendStatic("&quot;")
            var value = value
            let isPlain = value.withUTF8 { utf8 in
                guard utf8.allSatisfy(isPlainInList) else { return false }
                bytes.append(contentsOf: utf8)
                return true
            }
            guard isPlain else {
                bytes.removeSubrange(start...)
                return false
            }
            bytes.appendStatic("&quot;")
        }
        bytes.append(UInt8(ascii: "]"))
        return true
    }

    /// Printable ASCII but the quotes, the backslash and XML's markup characters.
    private static func isPlainInList(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"),
            UInt8(ascii: "'"):
            false
        default: (0x20...0x7E).contains(byte)
        }
    }

    /// `<data key="…">2014-03</data>`, or nothing for a missing date.
    private func appendData(_ open: StaticString, date: PartialDate?, to bytes: inout [UInt8]) {
        guard let date else { return }
        bytes.appendStatic(open)
        bytes.appendDate(date)
        bytes.appendStatic("</data>\n")
    }

    /// Who makes a citation, with its grades: `src-3 via src-9 (asserts B2)`.
    private func appendData(_ open: StaticString, citedBy cited: GradedCitation, to bytes: inout [UInt8]) {
        bytes.appendStatic(open)
        XMLEscaping.appendCitedBy(cited, to: &bytes)
        bytes.appendStatic("</data>\n")
    }

    /// Markup of our own, or text already escaped.
    private func append(_ markup: String, to bytes: inout [UInt8]) {
        bytes.appendUTF8(markup)
    }

    func appendNode(_ entity: Entity, column: Int, row: Int, to bytes: inout [UInt8]) {
        bytes.appendStatic("    <node id=\"")
        XMLEscaping.append(entity.id, to: &bytes)
        bytes.appendStatic("\">\n")
        let label = ExportStyle.nodeLabel(entity, language: options.language).joined(separator: "\n")
        appendData("      <data key=\"label\">", label, to: &bytes)
        appendData("      <data key=\"n_name\">", entity.name, to: &bytes)
        appendData("      <data key=\"n_name_ar\">", ExportStyle.arabicName(of: entity), to: &bytes)
        appendData("      <data key=\"n_name_en\">", ExportStyle.englishName(of: entity), to: &bytes)
        appendData("      <data key=\"n_type\">", entity.type.rawValue, to: &bytes)
        appendData(
            "      <data key=\"n_labels\">", ":" + entity.type.rawValue.prefix(1).uppercased() + entity.type.rawValue.dropFirst(),
            to: &bytes)
        if !entity.aliases.isEmpty { appendData("      <data key=\"n_aliases\">", list: entity.aliases.map(\.name), to: &bytes) }
        appendData("      <data key=\"n_description\">", entity.description, to: &bytes)
        appendData(
            "      <data key=\"n_attributes\">", entity.attributes.isEmpty ? nil : AttributesJSON.encode(entity.attributes),
            to: &bytes)
        if options.yed {
            var text = ""
            let shape: String
            switch entity.type {
            case .organization: shape = "roundrectangle"
            case .person: shape = "ellipse"
            case .event: shape = "octagon"
            case .place: shape = "trapezoid"
            }
            let width = max(80, (label.split(separator: "\n").map(\.count).max() ?? 8) * 8 + 20)
            let height = 22 * max(1, label.split(separator: "\n").count) + 8
            text += "      <data key=\"y_node\"><y:ShapeNode>"
            text += "<y:Geometry x=\"\(column * 260)\" y=\"\(row * 110)\" width=\"\(width)\" height=\"\(height)\"/>"
            text += "<y:Fill color=\"\(ExportStyle.fill(for: entity.type).uppercased())\" transparent=\"false\"/>"
            text += "<y:BorderStyle color=\"#4D4D4D\" type=\"line\" width=\"1.0\"/>"
            text += "<y:NodeLabel fontFamily=\"Noto Sans\" fontSize=\"12\">\(XMLEscaping.escaped(label))</y:NodeLabel>"
            text += "<y:Shape type=\"\(shape)\"/></y:ShapeNode></data>\n"
            append(text, to: &bytes)
        }
        bytes.appendStatic("    </node>\n")
    }

    public func appendEdge(_ edge: ExportGraph.Edge, vocabulary: Vocabulary, to bytes: inout [UInt8]) {
        let predicate = vocabulary[edge.predicate]
        let evidence = edge.evidence
        bytes.appendStatic("    <edge id=\"")
        XMLEscaping.append(edge.id, to: &bytes)
        bytes.appendStatic("\" source=\"")
        XMLEscaping.append(edge.subject, to: &bytes)
        bytes.appendStatic("\" target=\"")
        XMLEscaping.append(edge.object, to: &bytes)
        bytes.appendStatic("\" directed=\"true\">\n")
        appendData("      <data key=\"e_predicate\">", edge.predicate, to: &bytes)
        appendData("      <data key=\"e_interaction\">", edge.predicate, to: &bytes)
        appendData("      <data key=\"e_label\">", ExportStyle.edgeLabel(edge, vocabulary: vocabulary), to: &bytes)
        appendData("      <data key=\"e_label_ar\">", predicate?.labelArabic, to: &bytes)
        appendData("      <data key=\"e_start\">", date: edge.start, to: &bytes)
        appendData("      <data key=\"e_end\">", date: edge.end, to: &bytes)
        appendData("      <data key=\"e_temporal\">", (predicate?.temporal ?? .state).rawValue, to: &bytes)
        appendData("      <data key=\"e_status\">", edge.retraction == nil ? evidence.status.rawValue : "retracted", to: &bytes)
        appendData("      <data key=\"e_sources\">", list: evidence.sources, to: &bytes)
        appendData("      <data key=\"e_source_count\">", number: evidence.sources.count, to: &bytes)
        appendData("      <data key=\"e_supporting_source_count\">", number: evidence.supportingSources.count, to: &bytes)
        appendData("      <data key=\"e_denying_source_count\">", number: evidence.denyingSources.count, to: &bytes)
        appendData("      <data key=\"e_best_reliability\">", evidence.bestReliability.rawValue, to: &bytes)
        appendData("      <data key=\"e_best_credibility\">", number: evidence.bestCredibility.rawValue, to: &bytes)
        appendData("      <data key=\"e_symmetric\">", (predicate?.isSymmetric ?? false) ? "true" : "false", to: &bytes)
        appendData("      <data key=\"e_claims\">", list: edge.claimIDs, to: &bytes)
        appendData("      <data key=\"e_citation_count\">", number: edge.citations.count, to: &bytes)
        let (support, denial) = (edge.bestSupport, edge.bestDenial)
        if let best = support {
            appendData("      <data key=\"e_quote\">", best.citation.quote, to: &bytes)
            appendData("      <data key=\"e_quote_en\">", best.citation.quoteEnglish, to: &bytes)
            appendData("      <data key=\"e_quote_source\">", citedBy: best, to: &bytes)
        }
        appendData("      <data key=\"e_independent_channels\">", number: edge.weight.supportingChannels, to: &bytes)
        appendData("      <data key=\"e_common_link\">", edge.weight.commonLink?.source ?? "", to: &bytes)
        if let denial {
            appendData("      <data key=\"e_denial_quote\">", denial.citation.quote, to: &bytes)
            appendData("      <data key=\"e_denial_quote_en\">", denial.citation.quoteEnglish, to: &bytes)
            appendData("      <data key=\"e_denial_source\">", citedBy: denial, to: &bytes)
        }
        appendData("      <data key=\"e_retracted\">", edge.retraction, to: &bytes)
        if options.yed {
            var text = ""
            let style: String
            var target = predicate?.isSymmetric == true ? "none" : "standard"
            switch evidence.status {
            case .asserted: style = "line"
            case .alleged: style = "dashed"
            case .disputed:
                style = "dotted"
                target = "t_shape"
            }
            let width = DOTWriter.penWidth(channels: edge.weight.supportingChannels)
            let dates = DateText.dates(edge.period)
            let status = edge.retraction == nil ? evidence.status.rawValue.uppercased() : "RETRACTED"
            // Who says it under what, as on a DOT edge: a drawing never shows a claim as a fact.
            let claimants = ExportStyle.claimantLines(
                support: support, denial: denial, otherSupporters: evidence.supportingSources.count - 1,
                otherDeniers: evidence.denyingSources.count - 1, language: .en)
            let label =
                (["\(predicate?.labelEnglish ?? edge.predicate)", "\(dates) · \(status) · \(evidence.bestGrade)"] + claimants)
                .joined(separator: "\n")
            text += "      <data key=\"y_edge\"><y:PolyLineEdge>"
            text +=
                "<y:LineStyle color=\"\(edge.retraction == nil ? ExportStyle.color(forPredicate: edge.predicate, vocabulary: vocabulary).uppercased() : "#9E9E9E")\" type=\"\(style)\" width=\"\(width)\"/>"
            text += "<y:Arrows source=\"none\" target=\"\(target)\"/>"
            text += "<y:EdgeLabel fontFamily=\"Noto Sans\" fontSize=\"10\">\(XMLEscaping.escaped(label))</y:EdgeLabel>"
            text += "</y:PolyLineEdge></data>\n"
            append(text, to: &bytes)
        }
        bytes.appendStatic("    </edge>\n")
    }
}
