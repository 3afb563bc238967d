/// Writes records in the canonical form of the record format: one JSON object per line, keys
/// in a fixed order, absent optional fields left out (a claim's `start` and `end` are always
/// written, null when unknown), attribute keys sorted, non-ASCII text as UTF-8. The same
/// store always gives the same bytes, so import → export → import → export is byte-identical.
public struct RecordWriter {
    private var line: [UInt8] = []

    public init() { line.reserveCapacity(4096) }

    /// The record as one line, with its line feed.
    public mutating func encode(_ record: Record) -> [UInt8] {
        line.removeAll(keepingCapacity: true)
        switch record {
        case .entity(let entity): encode(entity)
        case .source(let source): encode(source)
        case .claim(let claim): encode(claim)
        }
        line.append(UInt8(ascii: "\n"))
        return line
    }

    public mutating func write(_ record: Record, to sink: ByteSink) throws {
        let bytes = encode(record)
        try sink.write(bytes)
    }

    private mutating func encode(_ entity: Entity) {
        open("entity")
        field("id", entity.id)
        field("type", entity.type.rawValue)
        field("name", entity.name)
        if !entity.aliases.isEmpty {
            key("aliases")
            line.append(UInt8(ascii: "["))
            for (index, alias) in entity.aliases.enumerated() {
                if index > 0 { line.append(UInt8(ascii: ",")) }
                line.append(contentsOf: #"{"name":"#.utf8)
                string(alias.name)
                line.append(contentsOf: #","lang":"#.utf8)
                string(alias.lang)
                line.append(UInt8(ascii: "}"))
            }
            line.append(UInt8(ascii: "]"))
        }
        field("description", entity.description)
        if !entity.attributes.isEmpty {
            key("attributes")
            line.append(UInt8(ascii: "{"))
            for (index, name) in entity.attributes.keys.sorted(by: RecordWriter.byUTF8).enumerated() {
                if index > 0 { line.append(UInt8(ascii: ",")) }
                string(name)
                line.append(UInt8(ascii: ":"))
                string(entity.attributes[name] ?? "")
            }
            line.append(UInt8(ascii: "}"))
        }
        line.append(UInt8(ascii: "}"))
    }

    private mutating func encode(_ source: Source) {
        open("source")
        field("id", source.id)
        field("type", source.type.rawValue)
        field("title", source.title)
        field("publisher", source.publisher)
        field("author", source.author)
        field("url", source.url)
        field("published", source.published?.description)
        field("lang", source.lang)
        field("reliability", source.reliability.rawValue)
        if !source.cites.isEmpty {
            key("cites")
            line.append(UInt8(ascii: "["))
            for (index, cited) in source.cites.enumerated() {
                if index > 0 { line.append(UInt8(ascii: ",")) }
                string(cited)
            }
            line.append(UInt8(ascii: "]"))
        }
        field("text", source.text)
        line.append(UInt8(ascii: "}"))
    }

    private mutating func encode(_ claim: Claim) {
        open("claim")
        field("id", claim.id)
        field("subject", claim.subject)
        field("predicate", claim.predicate)
        field("object", claim.object)
        nullableField("start", claim.start?.description)
        nullableField("end", claim.end?.description)
        key("citations")
        line.append(UInt8(ascii: "["))
        for (index, citation) in claim.citations.enumerated() {
            if index > 0 { line.append(UInt8(ascii: ",")) }
            line.append(contentsOf: #"{"source":"#.utf8)
            string(citation.source)
            field("via", citation.via)
            field("quote", citation.quote)
            field("quote_en", citation.quoteEnglish)
            field("stance", citation.stance.rawValue)
            line.append(contentsOf: #","credibility":"#.utf8)
            line.append(UInt8(ascii: "0") + UInt8(citation.credibility.rawValue))
            field("locator", citation.locator)
            line.append(UInt8(ascii: "}"))
        }
        line.append(UInt8(ascii: "]"))
        field("notes", claim.notes)
        line.append(UInt8(ascii: "}"))
    }

    // MARK: Pieces

    private mutating func open(_ kind: String) {
        line.append(contentsOf: #"{"record":"#.utf8)
        string(kind)
    }

    private mutating func key(_ name: String) {
        line.append(UInt8(ascii: ","))
        string(name)
        line.append(UInt8(ascii: ":"))
    }

    private mutating func field(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    private mutating func nullableField(_ name: String, _ value: String?) {
        key(name)
        if let value { string(value) } else { line.append(contentsOf: "null".utf8) }
    }

    private mutating func string(_ value: String) {
        line.append(UInt8(ascii: "\""))
        JSONEscaping.append(value, to: &line)
        line.append(UInt8(ascii: "\""))
    }

    /// Code-point order, the same on every platform and locale.
    static func byUTF8(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
}
