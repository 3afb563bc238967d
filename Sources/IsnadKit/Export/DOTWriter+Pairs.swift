extension DOTWriter {
    /// Writes the graph with one edge per pair of entities and direction (`--pairs`), for
    /// overviews: its label lists the predicates between the two, each with its status and best
    /// grade, strongest first; its colour and line are those of the strongest claim; its tooltip
    /// lists every claim. Symmetric claims make their own edge, without arrowhead, whichever
    /// way they were recorded.
    ///
    /// Entities stream as in ``GraphWriter/write(_:)``; the edges are gathered by pair first, so
    /// memory holds the edges of the graph (not their entities).
    public func writePairs(_ graph: ExportGraph) throws {
        try sink.write(head())
        let vocabulary = graph.store.vocabulary
        var count = 0
        var position = 0
        var bytes: [UInt8] = []
        var pairs: [String: [ExportGraph.Edge]] = [:]
        try graph.stream(
            count: { count = $0 },
            nodes: { entity in
                bytes.removeAll(keepingCapacity: true)
                appendNode(entity, position: position, count: count, vocabulary: vocabulary, to: &bytes)
                try sink.write(bytes)
                position += 1
            },
            edges: { edge in
                let isSymmetric = vocabulary[edge.predicate]?.isSymmetric ?? false
                let ends = isSymmetric ? [edge.subject, edge.object].sorted() : [edge.subject, edge.object]
                pairs[ends.joined(separator: "\u{0}") + (isSymmetric ? "\u{0}" : ""), default: []].append(edge)
            })
        for key in pairs.keys.sorted() {
            guard let edges = pairs[key] else { continue }
            bytes.removeAll(keepingCapacity: true)
            appendPair(edges, isSymmetric: key.hasSuffix("\u{0}"), vocabulary: vocabulary, to: &bytes)
            try sink.write(bytes)
        }
        try sink.write(tail())
    }

    /// One pair's edge.
    func appendPair(_ edges: [ExportGraph.Edge], isSymmetric: Bool, vocabulary: Vocabulary, to bytes: inout [UInt8]) {
        let ordered = edges.sorted { a, b in
            let (x, y) = (ClaimStrength(a.evidence), ClaimStrength(b.evidence))
            return x != y ? x < y : a.id < b.id
        }
        guard let strongest = ordered.first else { return }
        let (from, to) =
            isSymmetric
            ? ([strongest.subject, strongest.object].min() ?? "", [strongest.subject, strongest.object].max() ?? "")
            : (strongest.subject, strongest.object)
        let color = ExportStyle.color(forPredicate: strongest.predicate, vocabulary: vocabulary)
        let language = options.language
        let lines = ordered.map { edge -> String in
            let predicate = ExportStyle.predicateLabel(edge.predicate, language: language, vocabulary: vocabulary)
            let status = EvidenceText.statusWord(edge.evidence.status, language: language)
            let line = "\(predicate) · \(status) \(edge.evidence.bestGrade)"
            return language == .ar ? BidiText.rightToLeft(line) : line
        }
        var tooltip = ""
        for edge in ordered {
            ExportStyle.appendEdgeTooltip(edge, to: &bytes)
            tooltip += String(decoding: bytes, as: UTF8.self) + "\n\n"
            bytes.removeAll(keepingCapacity: true)
        }
        bytes.appendUTF8("  ")
        DOTEscaping.appendQuoted(from, to: &bytes)
        bytes.appendUTF8(" -> ")
        DOTEscaping.appendQuoted(to, to: &bytes)
        bytes.appendUTF8(" [id=")
        DOTEscaping.appendQuoted("pair:\(from)--\(to)" + (isSymmetric ? "--symmetric" : ""), to: &bytes)
        bytes.appendUTF8(", label=")
        DOTEscaping.appendQuoted(lines.joined(separator: "\n"), to: &bytes)
        bytes.appendUTF8(", color=\"\(color)\", ")
        bytes.appendUTF8(DOTWriter.style(of: strongest.evidence.status, isSymmetric: isSymmetric))
        bytes.appendUTF8(", fontcolor=\"\(strongest.evidence.status == .disputed ? "#000000" : color)\", tooltip=")
        DOTEscaping.appendQuoted(String(tooltip.dropLast(2)), to: &bytes)
        bytes.appendUTF8("];\n")
    }
}
