/// Writes the whole store as one STIX 2.1 bundle (https://docs.oasis-open.org/cti/stix/v2.1/),
/// streamed: the bundle's `objects` array is written one object at a time (one a line), so
/// memory stays flat however large the store. See ``STIXMapping`` and the README's STIX section.
///
/// Objects, in this order: the producer (`identity`, class `system`), the extension-definition
/// of Isnad's properties, every entity (id order), every claim as a `relationship` followed by
/// an `opinion` per denying citation (id order), every source as a `report` (id order).
/// Valid under `stix2_validator --strict` and `stix2.parse`.
public struct STIXWriter {
    public let store: GraphStore
    public let sink: ByteSink

    public init(store: GraphStore, sink: ByteSink) {
        self.store = store
        self.sink = sink
    }

    /// What a STIX consumer that does not read Isnad's extension cannot see, stated in the
    /// bundle itself (the extension-definition's description).
    public static let carriageNote = """
        Isnad export. In STIX terms: entities as identity (people, organizations), threat-actor (armed groups, by an asserted claim), \
        incident (events), location (places with a country, region or coordinates; others as identity of class \
        unknown); claims as relationship (spec types where the spec suggests them for the pair, else related-to), \
        with start_time/stop_time widened from partial dates to whole days, confidence from the claim's best \
        Admiralty credibility once capped by its common link (STIX 2.1 Appendix A; credibility 6 leaves it out), each citation's quote as an \
        external reference (source_name: the Isnad source id; external_id: the locator); denials as opinion \
        (disagree); sources as report (published widened to the last second of its period, by which it was certainly public; 1970-01-01 when unknown) whose \
        object_refs are the claims they make or relay and the reports they cite. Only in this extension's \
        isnad_ properties: Isnad ids and types, predicates, the partial dates with their precision, letter \
        grades (source reliability A-F), stances asserts/reports, via, English translations, claim notes, \
        alias languages, entity attributes, and the sources' publisher, author, url, language, cites and text. \
        Not carried: retracted claims and citations (the evidence that stands is carried whole, and \
        Isnad reads its own bundles back whole).
        """

    /// The STIX kinds of the entities seen last, so that a hub's kind is not looked up again for
    /// each of its thousands of claims. Bounded: it starts over when full.
    private final class KindMemo {
        static let limit = 1 << 16
        var kinds: [String: STIXMapping.EntityKind] = [:]
        /// The store's chains, for weighing the claims that make an armed group.
        var graph: TransmissionGraph?
    }

    private let memo = KindMemo()
    /// Every object's `modified`: the store's version (see ``STIXMapping/modified(lastChange:)``).
    private let modifiedBox = ModifiedBox()

    private final class ModifiedBox {
        var value = STIXMapping.timestamp
    }

    public func write() throws {
        modifiedBox.value = STIXMapping.modified(lastChange: try store.lastChangeTimestamp())
        var json = JSONWriter(capacity: 1 << 14)
        try sink.write("{\"type\":\"bundle\",\"id\":\"\(STIXMapping.bundleID)\",\"objects\":[\n")
        writeProducer(&json)
        try emit(&json, first: true)
        writeExtensionDefinition(&json)
        try emit(&json)
        let graph = try TransmissionGraph(store: store)
        memo.graph = graph
        try store.forEachEntity { entity in
            try writeEntity(entity, &json)
            try emit(&json)
        }
        try store.forEachClaim { claim in
            try writeRelationship(claim, weight: graph.weigh(claim), &json)
            try emit(&json)
            for citation in claim.claim.citations where citation.stance == .denies {
                writeOpinion(citation, of: claim.claim, &json)
                try emit(&json)
            }
        }
        try store.forEachSource { source in
            try writeReport(source, &json)
            try emit(&json)
        }
        try sink.write("\n]}\n")
    }

    private func emit(_ json: inout JSONWriter, first: Bool = false) throws {
        if !first { try sink.write(",\n") }
        try sink.write(json.bytes)
        json.reset()
    }

    /// `type`, `spec_version`, `id`, `created_by_ref`, `created`, `modified`.
    private func open(_ type: String, id: String, _ json: inout JSONWriter, createdBy: Bool = true) {
        json.beginObject()
        json.member("type", type)
        json.member("spec_version", "2.1")
        json.member("id", id)
        if createdBy { json.member("created_by_ref", STIXMapping.producerID) }
        json.member("created", STIXMapping.timestamp)
        json.member("modified", modifiedBox.value)
    }

    /// The `extensions` member that declares the `isnad_…` properties used, then the end.
    private func close(_ json: inout JSONWriter) {
        json.key("extensions")
        json.beginObject()
        json.key(STIXMapping.extensionID)
        json.beginObject()
        json.member("extension_type", "toplevel-property-extension")
        json.endObject()
        json.endObject()
        json.endObject()
    }

    private func writeProducer(_ json: inout JSONWriter) {
        open("identity", id: STIXMapping.producerID, &json, createdBy: false)
        json.member("name", "Isnad")
        json.member("description", "The Isnad store this bundle was exported from.")
        json.member("identity_class", "system")
        json.endObject()
    }

    private func writeExtensionDefinition(_ json: inout JSONWriter) {
        open("extension-definition", id: STIXMapping.extensionID, &json)
        json.member("name", "Isnad source attribution")
        json.member("description", STIXWriter.carriageNote)
        json.member(
            "schema",
            "Plain-text definition (the README's STIX section): isnad_id (string, the Isnad id), isnad_type (string, "
                + "the entity or source type), isnad_aliases (list of {name, lang}), isnad_attributes (object of "
                + "strings), isnad_merged (list of the ids merged into the entity), isnad_predicate (string), isnad_start and isnad_end (partial dates YYYY, YYYY-MM or "
                + "YYYY-MM-DD), isnad_status (string: asserted, alleged or disputed), isnad_grade (string, the claim's best "
                + "Admiralty grade, e.g. B2), both capped by the common link all its support passes through, "
                + "isnad_channels (integer, independent channels of support), isnad_common_link (string, the source "
                + "id of that common link, when there is one channel), isnad_notes "
                + "(string), isnad_citations (list of {source, via, quote, quote_en, stance, credibility, locator}), "
                + "isnad_source (object: publisher, author, url, published, lang, reliability, cites, text).")
        json.member("version", "1.0.0")
        json.key("extension_types")
        json.beginArray()
        json.string("toplevel-property-extension")
        json.endArray()
        json.key("extension_properties")
        json.beginArray()
        for property in STIXMapping.extensionProperties { json.string(property) }
        json.endArray()
        json.endObject()
    }

    /// The STIX kind of the entity `id`, of type `type`, as the relationship refs name it.
    private func kind(of id: String, type: EntityType?) throws -> STIXMapping.EntityKind {
        if let known = memo.kinds[id] { return known }
        if memo.kinds.count >= KindMemo.limit { memo.kinds.removeAll(keepingCapacity: true) }
        let kind = try lookUpKind(of: id, type: type)
        memo.kinds[id] = kind
        return kind
    }

    private func lookUpKind(of id: String, type: EntityType?) throws -> STIXMapping.EntityKind {
        guard let type else { return .identity }
        switch type {
        case .organization:
            let graph = try memo.graph ?? TransmissionGraph(store: store)
            memo.graph = graph
            return STIXMapping.kind(of: type, isArmedGroup: try store.isArmedGroup(id, weighedBy: graph), hasPlaceData: false)
        case .place:
            let attributes = try store.entity(id: id)?.attributes ?? [:]
            return STIXMapping.kind(of: type, isArmedGroup: false, hasPlaceData: STIXMapping.hasPlaceData(attributes))
        case .person, .event: return STIXMapping.kind(of: type, isArmedGroup: false, hasPlaceData: false)
        }
    }

    private func writeEntity(_ entity: Entity, _ json: inout JSONWriter) throws {
        let kind = try kind(of: entity.id, type: entity.type)
        open(kind.rawValue, id: STIXMapping.entityID(entity.id, kind: kind), &json)
        json.member("name", entity.name)
        json.member("description", entity.description)
        switch kind {
        case .identity:
            json.member(
                "identity_class",
                entity.type == .person ? "individual" : entity.type == .organization ? "organization" : "unknown")
        case .threatActor:
            if !entity.aliases.isEmpty {
                json.key("aliases")
                json.beginArray()
                var seen: Set<String> = [entity.name]
                for alias in entity.aliases where seen.insert(alias.name).inserted { json.string(alias.name) }
                json.endArray()
            }
        case .location:
            json.member("region", entity.attributes["region"])
            json.member("country", entity.attributes["country"])
            if let latitude = entity.attributes["latitude"].flatMap(Double.init),
                let longitude = entity.attributes["longitude"].flatMap(Double.init)
            {
                json.key("latitude")
                json.number(String(latitude))
                json.key("longitude")
                json.number(String(longitude))
            }
        case .incident:
            break
        }
        json.member("isnad_id", entity.id)
        json.member("isnad_type", entity.type.rawValue)
        if !entity.aliases.isEmpty {
            json.key("isnad_aliases")
            json.beginArray()
            for alias in entity.aliases {
                json.beginObject()
                json.member("name", alias.name)
                json.member("lang", alias.lang)
                json.endObject()
            }
            json.endArray()
        }
        if !entity.attributes.isEmpty {
            json.key("isnad_attributes")
            json.beginObject()
            for key in entity.attributes.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                json.member(key, entity.attributes[key])
            }
            json.endObject()
        }
        if !entity.merged.isEmpty {
            json.key("isnad_merged")
            json.beginArray()
            for id in entity.merged { json.string(id) }
            json.endArray()
        }
        close(&json)
    }

    /// The claim as a relationship. Its `confidence` and `isnad_grade` are the claim's best grade
    /// once weighed (capped by its common link, as every Isnad output shows it), not the best
    /// citation's own: a claim that reaches us through one weak source never reads stronger.
    private func writeRelationship(_ graded: GradedClaim, weight: ClaimWeight, _ json: inout JSONWriter) throws {
        let claim = graded.claim
        let sourceKind = try kind(of: claim.subject, type: graded.subjectType)
        let targetKind = try kind(of: claim.object, type: graded.objectType)
        let predicate = store.vocabulary[claim.predicate]
        open("relationship", id: STIXMapping.relationshipID(claim.id), &json)
        json.member(
            "relationship_type",
            STIXMapping.relationshipType(
                predicate: claim.predicate, from: sourceKind, to: targetKind, isSupported: weight.supportingChannels > 0))
        // What a STIX tool shows of a relationship: the claim's strength first, so that it never
        // reads as a fact there either (`ALLEGED · 1 source, 1 citation · best E2 · 1 channel, all
        // through …: hamas praised hadera-attack`).
        let relation = STIXMapping.relation(claim, vocabulary: store.vocabulary)
        json.member(
            "description",
            EvidenceText.weighedLine(weight, citations: claim.citations.count).map { "\($0): \(relation)" } ?? relation)
        json.member("source_ref", STIXMapping.entityID(claim.subject, kind: sourceKind))
        json.member("target_ref", STIXMapping.entityID(claim.object, kind: targetKind))
        // An event with a start and no end happened within its start; a state holds on.
        let end = claim.end ?? (predicate?.temporal == .event ? claim.start : nil)
        json.member("start_time", claim.start.map(STIXMapping.startTime))
        json.member("stop_time", end.map(STIXMapping.stopTime))
        let evidence = weight.strength?.evidence
        if let evidence,
            let confidence = STIXMapping.confidence(evidence.bestCredibility, isDisputed: evidence.status == .disputed)
        {
            json.member("confidence", confidence)
        }
        if !claim.citations.isEmpty {
            json.key("external_references")
            json.beginArray()
            for citation in claim.citations {
                json.beginObject()
                json.member("source_name", citation.source)
                json.member("description", citation.quote)
                json.member("external_id", citation.locator)
                json.endObject()
            }
            json.endArray()
        }
        json.member("isnad_id", claim.id)
        json.member("isnad_predicate", claim.predicate)
        json.member("isnad_start", claim.start?.description)
        json.member("isnad_end", claim.end?.description)
        if let evidence {
            json.member("isnad_status", evidence.status.rawValue)
            json.member("isnad_grade", evidence.bestGrade)
            json.member("isnad_channels", weight.supportingChannels)
            json.member("isnad_common_link", weight.commonLink?.source)
        }
        json.member("isnad_notes", claim.notes)
        json.key("isnad_citations")
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
            json.endObject()
        }
        json.endArray()
        close(&json)
    }

    private func writeOpinion(_ citation: Citation, of claim: Claim, _ json: inout JSONWriter) {
        open("opinion", id: STIXMapping.opinionID(claim: claim.id, citation: citation), &json)
        json.member("explanation", citation.quoteEnglish.map { "\(citation.quote) (\($0))" } ?? citation.quote)
        json.key("authors")
        json.beginArray()
        json.string(citation.source)
        json.endArray()
        json.member("opinion", "disagree")
        json.key("object_refs")
        json.beginArray()
        json.string(STIXMapping.relationshipID(claim.id))
        json.endArray()
        json.endObject()
    }

    private func writeReport(_ source: Source, _ json: inout JSONWriter) throws {
        open("report", id: STIXMapping.reportID(source.id), &json)
        json.member("name", source.title)
        let by = [source.author, source.publisher].compactMap { $0 }.joined(separator: ", ")
        json.member(
            "description", "\(source.type.rawValue)\(by.isEmpty ? "" : " by \(by)"), reliability \(source.reliability.rawValue)")
        json.key("report_types")
        json.beginArray()
        json.string("threat-report")
        json.endArray()
        // The last second of its period: the time by which it was certainly public, as --known-by
        // reads a partial date (the first would have a consumer know in March what was public in May).
        json.member("published", source.published.map(STIXMapping.stopTime) ?? STIXMapping.unknownPublished)
        json.key("object_refs")
        json.beginArray()
        var isEmpty = true
        try store.forEachClaimID(citing: source.id) { id in
            json.string(STIXMapping.relationshipID(id))
            isEmpty = false
        }
        for cited in source.cites {
            json.string(STIXMapping.reportID(cited))
            isEmpty = false
        }
        // STIX requires at least one reference: a source that supports no claim names the producer.
        if isEmpty { json.string(STIXMapping.producerID) }
        json.endArray()
        json.member("isnad_id", source.id)
        json.member("isnad_type", source.type.rawValue)
        json.key("isnad_source")
        json.beginObject()
        RecordWriter.appendDetails(of: source, to: &json)
        json.endObject()
        close(&json)
    }
}
