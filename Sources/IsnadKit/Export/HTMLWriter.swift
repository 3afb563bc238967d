/// Writes the graph as one self-contained HTML page (HTML Living Standard,
/// https://html.spec.whatwg.org/): its style sheet, its script and its data inside, no request
/// to the network or to any other file (its Content-Security-Policy forbids them).
///
/// The page, style sheet and script are `Export/HTML/page.html`, `view.css` and `view.js`,
/// embedded at build time. The data are three script elements the page reads: the entities
/// (one JSON object a line, with their boxes from a ``GraphLayout``), the claims (one a line,
/// with every citation), and a document of what both need (predicates, sources, colours, line
/// styles, words in English and Arabic). Every `<` in the data is written `\u003c`, so no
/// text can close a script element.
///
/// Use ``HTMLView/write(_:options:to:)``, which surveys the graph, refuses one too large for a
/// browser, lays it out and then streams it through this writer.
public struct HTMLWriter: GraphWriter {
    public struct Options: Sendable {
        /// The language the page opens in (labels, panel, legend); the reader can switch.
        public var language = ExportStyle.Language.en
        public var title: [String] = []
        public var layout = GraphLayout(engine: "isnad", boxes: [:], width: 0, height: 0)
        /// The JSON document of what entities and claims refer to (``HTMLView``).
        public var context = "{}"
        /// Whether the claims' notes are written (and shown in the panel): the analyst's working
        /// remarks, left out of a page that may be published, as every other graph export leaves them;
        /// and with them the reasons `add claim --unverified` wrote into locators (without, a locator
        /// says `(unverified)`, as a copy `--without-notes` does).
        public var includesNotes = false

        public init() {}
    }

    public let options: Options
    public let sink: ByteSink

    public init(sink: ByteSink, options: Options) {
        self.sink = sink
        self.options = options
    }

    /// The page around the data: `page.html` split at its `{{DATA}}` mark.
    private static var page: (head: String, tail: String) {
        let text = EmbeddedHTML.files["page.html"] ?? "{{DATA}}"
        let parts = text.components(separatedBy: "{{DATA}}")
        return (parts[0], parts.count > 1 ? parts[1] : "")
    }

    public func head() -> String {
        let language = options.language == .ar ? "ar" : "en"
        return HTMLWriter.filling(
            HTMLWriter.page.head,
            with: [
                "LANG": language, "DIR": language == "ar" ? "rtl" : "ltr",
                "TITLE": XMLEscaping.escaped(options.title.first ?? "Isnad"),
                "CSS": EmbeddedHTML.files["view.css"] ?? "",
            ]) + "<script type=\"application/x-ndjson\" id=\"isnad-entities\">\n"
    }

    /// `template` with each `{{NAME}}` replaced by `values[NAME]`, in one pass: a value is never
    /// read for marks itself, so a title holding `{{CSS}}` (an entity's name) stays as written.
    static func filling(_ template: String, with values: [String: String]) -> String {
        var result = ""
        var rest = template[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            let name = String(rest[open.upperBound..<close.lowerBound])
            result += rest[..<open.lowerBound]
            result += values[name] ?? String(rest[open.lowerBound..<close.upperBound])
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    public func tail() -> String {
        var bytes: [UInt8] = []
        HTMLWriter.appendScriptSafe(options.context, to: &bytes)
        return "</script>\n<script type=\"application/json\" id=\"isnad-context\">\n" + String(decoding: bytes, as: UTF8.self)
            + "\n</script>\n<script>\n" + (EmbeddedHTML.files["view.js"] ?? "") + "</script>" + HTMLWriter.page.tail
    }

    public func appendNode(_ entity: Entity, position: Int, count: Int, vocabulary: Vocabulary, to bytes: inout [UInt8]) {
        var json = JSONWriter(capacity: 512)
        json.beginObject()
        json.member("id", entity.id)
        json.member("type", entity.type.rawValue)
        json.member("name", entity.name)
        // The Arabic and English labels, chosen as every export chooses them.
        json.member("name_ar", ExportStyle.arabicName(of: entity))
        json.member("name_en", ExportStyle.englishName(of: entity))
        json.key("aliases")
        json.beginArray()
        for alias in entity.aliases {
            json.beginObject()
            json.member("name", alias.name)
            json.member("lang", alias.lang)
            json.endObject()
        }
        json.endArray()
        json.member("description", entity.description)
        if let box = options.layout.boxes[entity.id] {
            json.key("box")
            json.beginArray()
            for value in [box.x, box.y, box.width, box.height] { json.number(HTMLWriter.decimal(value)) }
            json.endArray()
        }
        json.endObject()
        HTMLWriter.appendScriptSafe(json.bytes, to: &bytes)
        bytes.append(0x0A)
        if position == count - 1 {
            bytes.appendUTF8("</script>\n<script type=\"application/x-ndjson\" id=\"isnad-claims\">\n")
        }
    }

    public func appendEdge(_ edge: ExportGraph.Edge, vocabulary: Vocabulary, to bytes: inout [UInt8]) {
        var json = JSONWriter(capacity: 2048)
        json.beginObject()
        json.member("id", edge.id)
        json.member("subject", edge.subject)
        json.member("predicate", edge.predicate)
        json.member("object", edge.object)
        json.nullableMember("start", edge.start?.description)
        json.nullableMember("end", edge.end?.description)
        json.member("dates", DateText.dates(edge.period, language: .en))
        json.member("datesAr", DateText.dates(edge.period, language: .ar))
        json.member("notes", !options.includesNotes || edge.notes.isEmpty ? nil : edge.notes.joined(separator: "\n"))
        json.member("status", edge.evidence.status.rawValue)
        json.member("best", edge.evidence.bestGrade)
        json.member("channels", edge.weight.supportingChannels)
        json.nullableMember(
            "commonLink", edge.weight.commonLink.map { "\($0.source) (\($0.reliability.rawValue))" })
        json.member("color", ExportStyle.color(forPredicate: edge.predicate, vocabulary: vocabulary))
        json.key("line")
        HTMLWriter.appendLine(DOTWriter.style(of: edge.evidence.status, isSymmetric: false), to: &json)
        json.key("citations")
        json.beginArray()
        let capped = edge.weight.strength?.cappedCitations
        for (position, graded) in edge.citations.enumerated() {
            let citation = graded.citation
            json.beginObject()
            json.member("source", citation.source)
            json.member("via", citation.via)
            json.member("quote", citation.quote)
            json.member("quoteEn", citation.quoteEnglish)
            json.member("stance", citation.stance.rawValue)
            json.member("reliability", graded.reliability.rawValue)
            json.member("credibility", citation.credibility.rawValue)
            // The grades the status is judged on: capped by the channel's common link (Evidence/SupportStrength).
            if let capped, capped.count == edge.citations.count {
                json.member("weighed", capped[position].reliability.rawValue + String(capped[position].credibility.rawValue))
            }
            // The citation's chain, nearest first, as [source, distance] pairs: the page weighs
            // again the citations its filters leave, as the command line does.
            if position < edge.weight.chains.count {
                let depths = edge.weight.chains[position].depths
                json.key("chain")
                json.beginArray()
                for source in edge.weight.chains[position].sources {
                    json.beginArray()
                    json.string(source)
                    json.number(String(depths[source] ?? 0))
                    json.endArray()
                }
                json.endArray()
            }
            // The sources that carried the claimant's words to the via: the page caps by them too.
            if let carriers = edge.weight.strength?.carriers[position] {
                json.key("carriers")
                json.beginArray()
                for carrier in carriers { json.string(carrier) }
                json.endArray()
            }
            json.member("publicSince", graded.publicSince?.description)
            // A reason `--unverified` wrote into the locator is a note too.
            json.member(
                "locator", options.includesNotes ? citation.locator : citation.locator.map(QuoteLocator.withoutUnverifiedReason))
            json.endObject()
        }
        json.endArray()
        json.endObject()
        HTMLWriter.appendScriptSafe(json.bytes, to: &bytes)
        bytes.append(0x0A)
    }

    /// A DOT line style (`style="dashed", penwidth=1.2`), the one ``DOTWriter`` draws, as a
    /// JSON object the page draws from (`{"style":"dashed","penwidth":"1.2"}`).
    static func appendLine(_ attributes: String, to json: inout JSONWriter) {
        json.beginObject()
        for pair in attributes.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = parts[0].trimmingCharacters(in: .whitespaces)
            let value = parts[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["\""])
            json.member(key, value)
        }
        json.endObject()
    }

    /// JSON text with every `<` written `\u003c` (inside strings, the only place JSON text
    /// holds one), so that nothing in the data ends the script element around it.
    static func appendScriptSafe<S: Sequence<UInt8>>(_ json: S, to bytes: inout [UInt8]) {
        for byte in json {
            if byte == UInt8(ascii: "<") { bytes.append(contentsOf: Array("\\u003c".utf8)) } else { bytes.append(byte) }
        }
    }

    static func appendScriptSafe(_ json: String, to bytes: inout [UInt8]) { appendScriptSafe(json.utf8, to: &bytes) }

    /// A coordinate with one decimal (`12.5`, `40.0`), the same text on every platform.
    static func decimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }
}
