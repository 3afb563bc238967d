/// Writes records in the canonical form of the record format: one JSON object per line, keys
/// in a fixed order, absent optional fields left out (a claim's `start` and `end` are always
/// written, null when unknown), attribute keys sorted, non-ASCII text as UTF-8. The same
/// store always gives the same bytes, so import → export → import → export is byte-identical.
public struct RecordWriter {
    private var json = JSONWriter(capacity: 4096)

    public init() {}

    /// The record as one line, with its line feed.
    public mutating func encode(_ record: Record) -> [UInt8] {
        json.reset()
        switch record {
        case .entity(let entity): encode(entity)
        case .source(let source): encode(source)
        case .claim(let claim): encode(claim)
        }
        json.newline()
        return json.bytes
    }

    public mutating func write(_ record: Record, to sink: ByteSink) throws {
        let bytes = encode(record)
        try sink.write(bytes)
    }

    private mutating func encode(_ entity: Entity) {
        open("entity")
        json.member("id", entity.id)
        json.member("type", entity.type.rawValue)
        json.member("name", entity.name)
        if !entity.aliases.isEmpty {
            json.key("aliases")
            json.beginArray()
            for alias in entity.aliases {
                json.beginObject()
                json.member("name", alias.name)
                json.member("lang", alias.lang)
                json.endObject()
            }
            json.endArray()
        }
        json.member("description", entity.description)
        if !entity.attributes.isEmpty {
            json.key("attributes")
            json.beginObject()
            for name in entity.attributes.keys.sorted(by: RecordWriter.byUTF8) {
                json.member(name, entity.attributes[name] ?? "")
            }
            json.endObject()
        }
        if !entity.merged.isEmpty {
            json.key("merged")
            json.beginArray()
            for id in entity.merged { json.string(id) }
            json.endArray()
        }
        json.endObject()
    }

    private mutating func encode(_ source: Source) {
        open("source")
        json.member("id", source.id)
        json.member("type", source.type.rawValue)
        json.member("title", source.title)
        RecordWriter.appendDetails(of: source, to: &json)
        json.endObject()
    }

    /// A source's members after its id, type and title, as the record format writes them (the
    /// STIX export carries the same members, in its own property).
    static func appendDetails(of source: Source, to json: inout JSONWriter) {
        json.member("publisher", source.publisher)
        json.member("author", source.author)
        json.member("url", source.url)
        json.member("published", source.published?.description)
        json.member("lang", source.lang)
        json.member("reliability", source.reliability.rawValue)
        if !source.cites.isEmpty {
            json.key("cites")
            json.beginArray()
            for cited in source.cites { json.string(cited) }
            json.endArray()
        }
        json.member("text", source.text)
    }

    private mutating func encode(_ claim: Claim) {
        open("claim")
        json.member("id", claim.id)
        json.member("subject", claim.subject)
        json.member("predicate", claim.predicate)
        json.member("object", claim.object)
        json.nullableMember("start", claim.start?.description)
        json.nullableMember("end", claim.end?.description)
        json.key("citations")
        json.beginArray()
        for citation in claim.citations {
            json.beginObject()
            json.member("source", citation.source)
            json.member("via", citation.via)
            json.member("quote", citation.quote)
            json.member("quote_en", citation.quoteEnglish)
            json.member("stance", citation.stance.rawValue)
            json.member("credibility", citation.credibility.rawValue)
            json.member("locator", citation.locator)
            json.member("retracted", citation.retraction)
            json.endObject()
        }
        json.endArray()
        json.member("notes", claim.notes)
        json.member("retracted", claim.retraction)
        json.endObject()
    }

    private mutating func open(_ kind: String) {
        json.beginObject()
        json.member("record", kind)
    }

    /// Code-point order, the same on every platform and locale.
    static func byUTF8(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
}
