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
public struct GraphMLWriter {
    public struct Options: Sendable {
        public var yed = false
        public var language = ExportStyle.Language.both

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
        Key(id: "label", forNodes: true, type: "string", description: "the entity's label (name, Arabic name, or both)"),
        Key(id: "name", forNodes: true, type: "string", description: "the entity's primary name"),
        Key(id: "name_ar", forNodes: true, type: "string", description: "the entity's first Arabic name"),
        Key(id: "type", forNodes: true, type: "string", description: "person, organization, event or place"),
        Key(id: "labels", forNodes: true, type: "string", description: "Neo4j labels: :Person, :Organization, :Event, :Place"),
        Key(id: "aliases", forNodes: true, type: "string", description: "JSON array of the entity's other names"),
        Key(id: "description", forNodes: true, type: "string", description: "free text"),
        Key(id: "attributes", forNodes: true, type: "string", description: "JSON object of the entity's attributes"),
        Key(id: "predicate", forNodes: false, type: "string", description: "the predicate's id"),
        Key(id: "interaction", forNodes: false, type: "string", description: "the predicate's id, for Cytoscape"),
        Key(id: "label", forNodes: false, type: "string", description: "the predicate's English label"),
        Key(id: "label_ar", forNodes: false, type: "string", description: "the predicate's Arabic label"),
        Key(
            id: "start", forNodes: false, type: "string",
            description: "partial date YYYY, YYYY-MM or YYYY-MM-DD; missing when a claim behind the edge has no start"),
        Key(
            id: "end", forNodes: false, type: "string",
            description: "partial date YYYY, YYYY-MM or YYYY-MM-DD; missing when a claim behind the edge has no end"),
        Key(id: "status", forNodes: false, type: "string", description: "asserted, alleged or disputed"),
        Key(id: "sources", forNodes: false, type: "string", description: "JSON array of the claimants' source ids"),
        Key(id: "source_count", forNodes: false, type: "int", description: "number of distinct claimants"),
        Key(id: "best_reliability", forNodes: false, type: "string", description: "strongest source grade, A to F"),
        Key(id: "best_credibility", forNodes: false, type: "int", description: "strongest information grade, 1 to 6"),
        Key(id: "symmetric", forNodes: false, type: "boolean", description: "the predicate reads the same both ways"),
        Key(id: "claims", forNodes: false, type: "string", description: "JSON array of the claim ids behind the edge"),
        Key(id: "citation_count", forNodes: false, type: "int", description: "number of citations"),
        Key(id: "quote", forNodes: false, type: "string", description: "the strongest citation's quote, verbatim"),
        Key(id: "quote_en", forNodes: false, type: "string", description: "its English translation"),
        Key(id: "quote_source", forNodes: false, type: "string", description: "who makes that claim, with grades"),
    ]

    public let options: Options
    private let sink: ByteSink

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

    public func write(_ graph: ExportGraph) throws {
        var head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        head += "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
        if options.yed {
            head += " xmlns:y=\"http://www.yworks.com/xml/graphml\""
            head += " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd\">\n"
        } else {
            head += " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
        }
        head += "  <!-- Isnad export. Every edge is a claim, never a fact: status, sources and grades are its data. -->\n"
        for key in GraphMLWriter.keys {
            head += "  <key id=\"\(GraphMLWriter.keyID(key))\" for=\"\(key.forNodes ? "node" : "edge")\" attr.name=\"\(key.id)\" attr.type=\"\(key.type)\">"
            head += "<desc>\(XMLEscaping.escaped(key.description))</desc></key>\n"
        }
        if options.yed {
            head += "  <key id=\"y_node\" for=\"node\" yfiles.type=\"nodegraphics\"/>\n"
            head += "  <key id=\"y_edge\" for=\"edge\" yfiles.type=\"edgegraphics\"/>\n"
        }
        head += "  <graph id=\"isnad\" edgedefault=\"directed\">\n"
        try sink.write(head)
        var position = 0
        var columns = 1
        try graph.stream(
            count: { columns = max(1, Int(Double($0).squareRoot().rounded(.up))) },
            nodes: { entity in
                try sink.write(node(entity, column: position % columns, row: position / columns))
                position += 1
            },
            edges: { try sink.write(edge($0)) })
        try sink.write("  </graph>\n</graphml>\n")
    }

    private func data(_ key: String, _ value: String?) -> String {
        guard let value else { return "" }
        return "      <data key=\"\(key)\">\(XMLEscaping.escaped(value))</data>\n"
    }

    func node(_ entity: Entity, column: Int, row: Int) -> String {
        var text = "    <node id=\"\(XMLEscaping.escaped(entity.id))\">\n"
        let label = ExportStyle.nodeLabel(entity, language: options.language).joined(separator: "\n")
        text += data("label", label)
        text += data("n_name", entity.name)
        text += data("n_name_ar", ExportStyle.arabicName(of: entity))
        text += data("n_type", entity.type.rawValue)
        text += data("n_labels", ":" + entity.type.rawValue.prefix(1).uppercased() + entity.type.rawValue.dropFirst())
        text += data("n_aliases", entity.aliases.isEmpty ? nil : GraphMLWriter.jsonArray(entity.aliases.map(\.name)))
        text += data("n_description", entity.description)
        text += data("n_attributes", entity.attributes.isEmpty ? nil : AttributesJSON.encode(entity.attributes))
        if options.yed {
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
        }
        return text + "    </node>\n"
    }

    func edge(_ edge: ExportGraph.Edge) -> String {
        let predicate = Vocabulary.standard[edge.predicate]
        let evidence = edge.evidence
        var text = "    <edge id=\"\(XMLEscaping.escaped(edge.id))\" source=\"\(XMLEscaping.escaped(edge.subject))\" target=\"\(XMLEscaping.escaped(edge.object))\" directed=\"true\">\n"
        text += data("e_predicate", edge.predicate)
        text += data("e_interaction", edge.predicate)
        text += data("e_label", predicate?.labelEnglish ?? edge.predicate)
        text += data("e_label_ar", predicate?.labelArabic)
        text += data("e_start", edge.start?.description)
        text += data("e_end", edge.end?.description)
        text += data("e_status", evidence.status.rawValue)
        text += data("e_sources", GraphMLWriter.jsonArray(evidence.sources))
        text += data("e_source_count", String(evidence.sources.count))
        text += data("e_best_reliability", evidence.bestReliability.rawValue)
        text += data("e_best_credibility", String(evidence.bestCredibility.rawValue))
        text += data("e_symmetric", (predicate?.isSymmetric ?? false) ? "true" : "false")
        text += data("e_claims", GraphMLWriter.jsonArray(edge.claimIDs))
        text += data("e_citation_count", String(edge.citations.count))
        if let best = edge.bestCitation {
            text += data("e_quote", best.citation.quote)
            text += data("e_quote_en", best.citation.quoteEnglish)
            let via = best.citation.via.map { " via \($0)" } ?? ""
            text += data(
                "e_quote_source",
                "\(best.citation.source)\(via) (\(best.citation.stance.rawValue) \(best.reliability.rawValue)\(best.citation.credibility.rawValue))")
        }
        if options.yed {
            let style: String
            var target = predicate?.isSymmetric == true ? "none" : "standard"
            switch evidence.status {
            case .asserted: style = "line"
            case .alleged: style = "dashed"
            case .disputed:
                style = "dotted"
                target = "t_shape"
            }
            let width = evidence.status == .alleged ? "1.0" : "2.0"
            let dates = ExportStyle.dates(edge.period)
            let status = evidence.status.rawValue.uppercased()
            let label = "\(predicate?.labelEnglish ?? edge.predicate)\n\(dates) · \(status) · \(evidence.bestGrade)"
            text += "      <data key=\"y_edge\"><y:PolyLineEdge>"
            text += "<y:LineStyle color=\"\(ExportStyle.color(forPredicate: edge.predicate).uppercased())\" type=\"\(style)\" width=\"\(width)\"/>"
            text += "<y:Arrows source=\"none\" target=\"\(target)\"/>"
            text += "<y:EdgeLabel fontFamily=\"Noto Sans\" fontSize=\"10\">\(XMLEscaping.escaped(label))</y:EdgeLabel>"
            text += "</y:PolyLineEdge></data>\n"
        }
        return text + "    </edge>\n"
    }

    /// A list as a JSON array of strings (GraphML has no lists).
    static func jsonArray(_ values: [String]) -> String {
        "[" + values.map(JSONEscaping.quoted).joined(separator: ",") + "]"
    }
}
