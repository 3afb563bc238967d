/// Writes the whole store as FollowTheMoney entities (https://followthemoney.tech/), one JSON
/// object a line (`{"id", "schema", "properties"}`), streamed: entities, then sources, then
/// one interval entity per citation of each claim, each carrying its claim's weighing (status,
/// best grade once capped by the common link, channels: ``FtMMapping/weighing(claim:_:citations:)``).
/// See ``FtMMapping`` and the FtM section of docs/exporting.md; every line loads in the
/// `followthemoney` library without a value being dropped.
public struct FtMWriter {
    public let store: GraphStore
    public let sink: ByteSink

    public init(store: GraphStore, sink: ByteSink) {
        self.store = store
        self.sink = sink
    }

    public func write() throws {
        var json = JSONWriter(capacity: 1 << 14)
        try store.forEachEntity { entity in
            writeEntity(entity, &json)
            try emit(&json)
        }
        try store.forEachSource { source in
            writeSource(source, &json)
            try emit(&json)
        }
        let vocabulary = store.vocabulary
        // Every source's grade and cites, read once: the claims are weighed as STIX weighs them.
        let graph = try TransmissionGraph(store: store)
        try store.forEachClaim { graded in
            let weighing = FtMMapping.weighing(
                claim: graded.claim.id, graph.weigh(graded), citations: graded.claim.citations.count)
            for (index, cited) in graded.citations.enumerated() {
                let status = FtMMapping.status(
                    cited.citation, claimant: cited.reliability, via: cited.citation.via.map(graph.reliability(of:)))
                writeCitation(
                    cited.citation, index: index + 1, of: graded.claim, status: status, weighing: weighing,
                    vocabulary: vocabulary, &json)
                try emit(&json)
            }
        }
    }

    private func emit(_ json: inout JSONWriter) throws {
        json.newline()
        try sink.write(json.bytes)
        json.reset()
    }

    private func open(id: String, schema: String, _ json: inout JSONWriter) {
        json.beginObject()
        json.member("id", id)
        json.member("schema", schema)
        json.key("properties")
        json.beginObject()
    }

    private func close(_ json: inout JSONWriter) {
        json.endObject()
        json.endObject()
    }

    /// A property with its values, left out when there are none (FtM values are lists).
    private func property(_ name: String, _ values: [String], _ json: inout JSONWriter) {
        guard !values.isEmpty else { return }
        json.key(name)
        json.beginArray()
        for value in values { json.string(value) }
        json.endArray()
    }

    private func property(_ name: String, _ value: String?, _ json: inout JSONWriter) {
        property(name, value.map { [$0] } ?? [], &json)
    }

    private func writeEntity(_ entity: Entity, _ json: inout JSONWriter) {
        open(id: FtMMapping.entityID(entity.id), schema: FtMMapping.schema(of: entity.type), &json)
        var notes: [String] = []
        /// A name cut to FtM's limit, the whole kept in a note.
        func fitted(_ name: String) -> String {
            let (cut, isCut) = FtMMapping.cut(name, to: FtMMapping.maximumNameLength)
            if isCut { notes.append(FtMMapping.fullValueNote("name") + name) }
            return cut
        }
        let name = fitted(entity.name)
        property("name", name, &json)
        // FtM keeps a property's values as a set: a name that repeats is written once.
        var seen: Set<String> = [name]
        property("alias", entity.aliases.map { fitted($0.name) }.filter { seen.insert($0).inserted }, &json)
        property("description", entity.description.map { FtMMapping.cut($0, to: FtMMapping.maximumTextLength).0 }, &json)
        if !entity.attributes.isEmpty { notes.append(FtMMapping.attributesNote + AttributesJSON.encode(entity.attributes)) }
        if !entity.merged.isEmpty { notes.append(FtMMapping.mergedNote + entity.merged.joined(separator: ", ")) }
        property("notes", notes, &json)
        close(&json)
    }

    private func writeSource(_ source: Source, _ json: inout JSONWriter) {
        let schema = FtMMapping.schema(of: source.type)
        open(id: FtMMapping.sourceID(source.id), schema: schema, &json)
        var notes: [String] = []
        /// A string cut to FtM's limit, the whole kept in a note.
        func fitted(_ value: String?, _ name: String) -> String? {
            guard let value else { return nil }
            let (cut, isCut) = FtMMapping.cut(value, to: FtMMapping.maximumStringLength)
            if isCut { notes.append(FtMMapping.fullValueNote(name) + value) }
            return cut
        }
        property("title", fitted(source.title, "title"), &json)
        if schema == "Document" { property("fileName", fitted(source.id, "fileName"), &json) }
        property("author", fitted(source.author, "author"), &json)
        property("publisher", fitted(source.publisher, "publisher"), &json)
        property("sourceUrl", source.url.flatMap { FtMMapping.isPlainWebURL($0) ? $0 : nil }, &json)
        if let url = source.url, !FtMMapping.isPlainWebURL(url) { notes.append(FtMMapping.urlNote + url) }
        property("publishedAt", source.published?.description, &json)
        property("language", source.lang.flatMap(FtMMapping.ftmLanguage), &json)
        property("bodyText", source.text.map { FtMMapping.pieces($0, of: FtMMapping.maximumTextLength) } ?? [], &json)
        notes += [
            FtMMapping.sourceTypeNote + source.type.rawValue,
            FtMMapping.reliabilityNote + "\(source.reliability.rawValue) (\(source.reliability.meaning))",
        ]
        if !source.cites.isEmpty { notes.append(FtMMapping.citesNote + source.cites.joined(separator: ", ")) }
        property("notes", notes, &json)
        close(&json)
    }

    /// One citation as an interval: `status` is the citation's (``FtMMapping/status(_:claimant:via:)``),
    /// `weighing` its claim's, written after it.
    private func writeCitation(
        _ citation: Citation, index: Int, of claim: Claim, status: String, weighing: String?, vocabulary: Vocabulary,
        _ json: inout JSONWriter
    ) {
        let link = FtMMapping.link(for: claim.predicate, stance: citation.stance)
        open(id: FtMMapping.citationID(claim: claim.id, index: index), schema: link.schema, &json)
        property(link.subject, FtMMapping.entityID(claim.subject), &json)
        property(link.object, FtMMapping.entityID(claim.object), &json)
        let role =
            citation.stance == .denies
            ? vocabulary[claim.predicate]?.labelEnglish ?? claim.predicate
            : FtMMapping.role(of: claim.predicate, vocabulary: vocabulary)
        property(link.kind, (citation.stance == .denies ? FtMMapping.deniedRole : "") + role, &json)
        property("startDate", claim.start?.description, &json)
        property("endDate", claim.end?.description, &json)
        property("description", FtMMapping.cut(citation.quote, to: FtMMapping.maximumTextLength).0, &json)
        let quoteEnglish = citation.quoteEnglish.map { FtMMapping.cut($0, to: FtMMapping.maximumTextLength).0 }
        // The citation's status, then the claim's weighing. Family has no status: there both
        // follow the translation in summary, the status last (the reader finds them by place).
        let weighed = weighing.map { [$0] } ?? []
        if link.hasStatus {
            property("summary", quoteEnglish, &json)
            property("status", [status] + weighed, &json)
        } else {
            property("summary", (quoteEnglish.map { [$0] } ?? []) + weighed + [status], &json)
        }
        property("recordId", claim.id, &json)
        property("proof", [FtMMapping.sourceID(citation.source)] + (citation.via.map { [FtMMapping.sourceID($0)] } ?? []), &json)
        close(&json)
    }
}
