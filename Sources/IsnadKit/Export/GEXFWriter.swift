/// Writes the graph as GEXF 1.3 (https://gexf.net/, schema `http://gexf.net/1.3/gexf.xsd`),
/// streamed, valid against the official XSD, for Gephi and networkx.
///
/// The graph is dynamic with `timeformat="date"`: an edge whose claim (or, collapsed, claims)
/// has dates carries one `<spell>` from the first day of its start to the last day of its end,
/// so that Gephi's timeline shows relationships appearing and ending; an edge without dates
/// has no spell and is always there, as are the nodes. Attributes are declared with GEXF's
/// types (`string`, `integer`, `boolean`) and mirror the GraphML export's keys; lists are JSON
/// arrays in a string. No `viz:` data (the 1.3 XSD rejects it, see ../shared/formats/gexf).
public struct GEXFWriter: GraphWriter {
    public struct Options: Sendable {
        public var language = ExportStyle.Language.both
        /// What the file shows, with the filters that chose it
        /// (``ExportStyle/title(focus:depth:filter:collapsed:language:)``), first in its
        /// `<meta><description>`: a filtered file is weighed again from what the filters left.
        public var title: String?

        public init() {}
    }

    /// A declared attribute: its id (also its title), whom it is for, and its GEXF type.
    struct Attribute {
        let id: String
        let forNodes: Bool
        let type: String
    }

    static let attributes: [Attribute] = [
        Attribute(id: "name", forNodes: true, type: "string"),
        Attribute(id: "name_ar", forNodes: true, type: "string"),
        Attribute(id: "name_en", forNodes: true, type: "string"),
        Attribute(id: "type", forNodes: true, type: "string"),
        Attribute(id: "aliases", forNodes: true, type: "string"),
        Attribute(id: "description", forNodes: true, type: "string"),
        Attribute(id: "attributes", forNodes: true, type: "string"),
        Attribute(id: "predicate", forNodes: false, type: "string"),
        Attribute(id: "label_ar", forNodes: false, type: "string"),
        Attribute(id: "start", forNodes: false, type: "string"),
        Attribute(id: "end", forNodes: false, type: "string"),
        Attribute(id: "temporal", forNodes: false, type: "string"),
        Attribute(id: "status", forNodes: false, type: "string"),
        Attribute(id: "sources", forNodes: false, type: "string"),
        Attribute(id: "source_count", forNodes: false, type: "integer"),
        Attribute(id: "supporting_source_count", forNodes: false, type: "integer"),
        Attribute(id: "denying_source_count", forNodes: false, type: "integer"),
        Attribute(id: "best_reliability", forNodes: false, type: "string"),
        Attribute(id: "best_credibility", forNodes: false, type: "integer"),
        Attribute(id: "symmetric", forNodes: false, type: "boolean"),
        Attribute(id: "claims", forNodes: false, type: "string"),
        Attribute(id: "citation_count", forNodes: false, type: "integer"),
        Attribute(id: "quote", forNodes: false, type: "string"),
        Attribute(id: "quote_en", forNodes: false, type: "string"),
        Attribute(id: "quote_source", forNodes: false, type: "string"),
        Attribute(id: "independent_channels", forNodes: false, type: "integer"),
        Attribute(id: "common_link", forNodes: false, type: "string"),
        Attribute(id: "denial_quote", forNodes: false, type: "string"),
        Attribute(id: "denial_quote_en", forNodes: false, type: "string"),
        Attribute(id: "denial_source", forNodes: false, type: "string"),
    ]

    /// What the file cannot carry, stated in its `<meta><description>`.
    public static let carriageNote =
        "Isnad export. Nodes are entities, edges claims (or, collapsed, the claims of one subject, predicate and "
        + "object), with their evidence summarised: status, sources, best grades, independent channels and the "
        + "common link they pass through, the strongest supporting quote and the strongest denial. A node's "
        + "description is the store's own note on the entity, not a sourced or weighed claim. Spells run "
        + "from the first day of a claim's start to the last day of its end (partial dates widened; the exact "
        + "dates are in start and end). Not carried: the other citations (their quotes, stances, grades, via "
        + "and locators), the sources' records, and alias languages other than Arabic and English."

    public let sink: ByteSink
    public let options: Options

    public init(sink: ByteSink, options: Options = Options()) {
        self.sink = sink
        self.options = options
    }

    /// Writes the whole document; `</nodes><edges>` goes between the last node and the first edge.
    /// `onCount` is told how many entities it draws, before the first.
    public func write(_ graph: ExportGraph, onCount: (Int) -> Void = { _ in }) throws {
        try sink.write(head())
        let vocabulary = graph.store.vocabulary
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 14)
        var isFirstEdge = true
        try graph.streamOnTwoThreads(
            count: onCount,
            nodes: { entity in
                bytes.removeAll(keepingCapacity: true)
                appendNode(entity, position: 0, count: 0, vocabulary: vocabulary, to: &bytes)
                try sink.write(bytes)
            },
            edges: { edge in
                bytes.removeAll(keepingCapacity: true)
                if isFirstEdge {
                    bytes.appendUTF8("    </nodes>\n    <edges>\n")
                    isFirstEdge = false
                }
                appendEdge(edge, vocabulary: vocabulary, to: &bytes)
                try sink.write(bytes)
            })
        // The 1.3 schema requires <edges>, even empty.
        try sink.write(isFirstEdge ? "    </nodes>\n    <edges>\n    </edges>\n" + tail() : "    </edges>\n" + tail())
    }

    public func head() -> String {
        var head = """
            <?xml version="1.0" encoding="UTF-8"?>
            <gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">
              <meta>
                <creator>Isnad</creator>
                <description>\(XMLEscaping.escaped((options.title.map { $0 + "\n" } ?? "") + GEXFWriter.carriageNote))</description>
              </meta>
              <graph mode="dynamic" defaultedgetype="directed" timeformat="date">

            """
        for forNodes in [true, false] {
            head += "    <attributes class=\"\(forNodes ? "node" : "edge")\" mode=\"static\">\n"
            for attribute in GEXFWriter.attributes where attribute.forNodes == forNodes {
                head += "      <attribute id=\"\(attribute.id)\" title=\"\(attribute.id)\" type=\"\(attribute.type)\"/>\n"
            }
            head += "    </attributes>\n"
        }
        head += "    <nodes>\n"
        return head
    }

    /// After `</nodes>` or `</edges>`, which ``write(_:)`` closes.
    public func tail() -> String { "  </graph>\n</gexf>\n" }

    private func appendAttribute(_ name: String, _ value: String, to bytes: inout [UInt8]) {
        bytes.appendUTF8(" \(name)=\"")
        XMLEscaping.append(value, to: &bytes)
        bytes.appendUTF8("\"")
    }

    /// `<attvalue for="…" value="…"/>`, or nothing for a missing value.
    private func appendValue(_ id: String, _ value: String?, to bytes: inout [UInt8]) {
        guard let value else { return }
        bytes.appendUTF8("          <attvalue for=\"\(id)\"")
        appendAttribute("value", value, to: &bytes)
        bytes.appendUTF8("/>\n")
    }

    private func appendValue(_ id: String, list values: [String], to bytes: inout [UInt8]) {
        var json = JSONWriter()
        json.beginArray()
        for value in values { json.string(value) }
        json.endArray()
        appendValue(id, String(decoding: json.bytes, as: UTF8.self), to: &bytes)
    }

    public func appendNode(_ entity: Entity, position: Int, count: Int, vocabulary: Vocabulary, to bytes: inout [UInt8]) {
        bytes.appendUTF8("      <node")
        appendAttribute("id", entity.id, to: &bytes)
        appendAttribute("label", ExportStyle.nodeLabel(entity, language: options.language).joined(separator: "\n"), to: &bytes)
        bytes.appendUTF8(">\n        <attvalues>\n")
        appendValue("name", entity.name, to: &bytes)
        appendValue("name_ar", ExportStyle.arabicName(of: entity), to: &bytes)
        appendValue("name_en", ExportStyle.englishName(of: entity), to: &bytes)
        appendValue("type", entity.type.rawValue, to: &bytes)
        if !entity.aliases.isEmpty { appendValue("aliases", list: entity.aliases.map(\.name), to: &bytes) }
        appendValue("description", entity.description, to: &bytes)
        appendValue("attributes", entity.attributes.isEmpty ? nil : AttributesJSON.encode(entity.attributes), to: &bytes)
        bytes.appendUTF8("        </attvalues>\n      </node>\n")
    }

    /// `<attvalue for="…" value="src-3 via src-9 (asserts B2)"/>`: who makes a citation.
    private func appendValue(_ id: String, citedBy cited: GradedCitation, to bytes: inout [UInt8]) {
        bytes.appendUTF8("          <attvalue for=\"\(id)\" value=\"")
        XMLEscaping.appendCitedBy(cited, to: &bytes)
        bytes.appendUTF8("\"/>\n")
    }

    public func appendEdge(_ edge: ExportGraph.Edge, vocabulary: Vocabulary, to bytes: inout [UInt8]) {
        let predicate = vocabulary[edge.predicate]
        let evidence = edge.evidence
        bytes.appendUTF8("      <edge")
        appendAttribute("id", edge.id, to: &bytes)
        appendAttribute("source", edge.subject, to: &bytes)
        appendAttribute("target", edge.object, to: &bytes)
        appendAttribute("label", ExportStyle.edgeLabel(edge, vocabulary: vocabulary), to: &bytes)
        bytes.appendUTF8(">\n        <attvalues>\n")
        appendValue("predicate", edge.predicate, to: &bytes)
        appendValue("label_ar", predicate?.labelArabic, to: &bytes)
        appendValue("start", edge.start?.description, to: &bytes)
        appendValue("end", edge.end?.description, to: &bytes)
        appendValue("temporal", (predicate?.temporal ?? .state).rawValue, to: &bytes)
        appendValue("status", evidence.status.rawValue, to: &bytes)
        appendValue("sources", list: evidence.sources, to: &bytes)
        appendValue("source_count", String(evidence.sources.count), to: &bytes)
        appendValue("supporting_source_count", String(evidence.supportingSources.count), to: &bytes)
        appendValue("denying_source_count", String(evidence.denyingSources.count), to: &bytes)
        appendValue("best_reliability", evidence.bestReliability.rawValue, to: &bytes)
        appendValue("best_credibility", String(evidence.bestCredibility.rawValue), to: &bytes)
        appendValue("symmetric", (predicate?.isSymmetric ?? false) ? "true" : "false", to: &bytes)
        appendValue("claims", list: edge.claimIDs, to: &bytes)
        appendValue("citation_count", String(edge.citations.count), to: &bytes)
        let (support, denial) = (edge.bestSupport, edge.bestDenial)
        if let best = support {
            appendValue("quote", best.citation.quote, to: &bytes)
            appendValue("quote_en", best.citation.quoteEnglish, to: &bytes)
            appendValue("quote_source", citedBy: best, to: &bytes)
        }
        appendValue("independent_channels", String(edge.weight.supportingChannels), to: &bytes)
        appendValue("common_link", edge.weight.commonLink?.source ?? "", to: &bytes)
        if let denial {
            appendValue("denial_quote", denial.citation.quote, to: &bytes)
            appendValue("denial_quote_en", denial.citation.quoteEnglish, to: &bytes)
            appendValue("denial_source", citedBy: denial, to: &bytes)
        }
        bytes.appendUTF8("        </attvalues>\n")
        // One spell a claim, when every claim is dated: two meetings are two moments, not the
        // months between them (an event with a start and no end happened within its start; a
        // state holds on). An undated claim held at some time unknown: the edge is always there.
        let periods = edge.period.undatedClaims == 0 ? GEXFWriter.disjoint(edge.period.claimPeriods) : []
        if !periods.isEmpty {
            bytes.appendUTF8("        <spells>\n")
            for period in periods {
                bytes.appendUTF8("          <spell")
                if let start = period.start { appendAttribute("start", start.firstDay, to: &bytes) }
                if let end = period.end { appendAttribute("end", end.lastDay, to: &bytes) }
                bytes.appendUTF8("/>\n")
            }
            bytes.appendUTF8("        </spells>\n")
        }
        bytes.appendUTF8("      </edge>\n")
    }

    /// The claims' periods as GEXF takes them: spells that do not overlap (Gephi refuses an
    /// edge's overlapping intervals), each overlapping run made one, in time order. A missing
    /// start reaches back without limit, a missing end on without limit.
    static func disjoint(_ periods: [ExportGraph.Period.ClaimDates]) -> [ExportGraph.Period.ClaimDates] {
        guard periods.count > 1 else { return periods }
        let sorted = periods.sorted { ($0.start?.firstDayNumber ?? Int32.min) < ($1.start?.firstDayNumber ?? Int32.min) }
        var merged: [ExportGraph.Period.ClaimDates] = []
        for period in sorted {
            if let last = merged.last,
                last.end.map({ end in (period.start?.firstDayNumber ?? Int32.min) <= end.lastDayNumber }) ?? true
            {
                let end: PartialDate? =
                    switch (last.end, period.end) {
                    case (let a?, let b?): a.lastDayNumber >= b.lastDayNumber ? a : b
                    default: nil
                    }
                merged[merged.count - 1] = ExportGraph.Period.ClaimDates(start: last.start, end: end)
            } else {
                merged.append(period)
            }
        }
        return merged
    }
}
