import Foundation

/// Maps a STIX 2.1 bundle back to Isnad records (see the README's STIX section).
///
/// A bundle is one JSON document, so it is read whole: up to ``maximumBundleSize`` bytes,
/// parsed into memory (about ten times the file's size at peak). Objects Isnad wrote carry
/// `isnad_…` properties and come back exactly; others are mapped from their STIX properties,
/// and those that have no Isnad counterpart are listed as skipped.
public struct STIXReader {
    /// The largest bundle the import reads (256 MiB); a larger one is refused, not truncated.
    public static let maximumBundleSize = 256 << 20

    /// STIX types that become entities.
    static let entityTypes: Set<String> = ["identity", "threat-actor", "intrusion-set", "location", "incident"]

    /// A record made from the object at `index` in `objects` (from 1).
    public struct Mapped: Sendable {
        public let record: Record
        public let index: Int
    }

    public let vocabulary: Vocabulary
    public init(vocabulary: Vocabulary) { self.vocabulary = vocabulary }

    /// A value of an `isnad_…` property that Isnad would not have written (a credibility of 9,
    /// a stance `maybe`, a date that does not exist): refused, as the same value in a record line
    /// is, rather than read as something else.
    public struct Refusal: Sendable {
        public let problem: RecordProblem
        /// The object's place in `objects` (from 1).
        public let index: Int
    }

    /// The records, the skipped objects, the refused values of a parsed bundle, and what the user
    /// should be told of how it was read (each a whole line); nil when it is not a bundle.
    public func read(_ bundle: JSONValue, file: String) -> (
        records: [Mapped], skipped: [SkippedObject], refused: [Refusal], notes: [ImportNote]
    )? {
        guard let root = bundle.objectValue, root.string("type") == "bundle" else { return nil }
        // STIX 2.1 lets a bundle leave `objects` out; what it holds must be an array of objects.
        var refused: [Refusal] = []
        if let listed = root["objects"], listed.arrayValue.isEmpty, listed != .array([]) {
            refused.append(
                Refusal(
                    problem: RecordProblem(
                        field: "objects", message: "expected an array of STIX objects, found \(listed.typeName)"),
                    index: 1))
        }
        for (position, element) in (root["objects"]?.arrayValue ?? []).enumerated() where element.objectValue == nil {
            refused.append(
                Refusal(
                    problem: RecordProblem(
                        field: "objects[\(position)]", message: "expected a STIX object, found \(element.typeName)"),
                    index: position + 1))
        }
        // Each object with its place in `objects` (from 1), which messages give.
        let placed = (root["objects"]?.arrayValue ?? []).enumerated().compactMap { position, element in
            element.objectValue.map { (index: position + 1, object: $0) }
        }
        // An object given in several versions (one id) is its newest: the latest `modified`, the
        // later in the file of two alike, as STIX has a consumer read versions.
        var newest: [String: (index: Int, modified: String)] = [:]
        for (index, object) in placed {
            guard let id = object.string("id") else { continue }
            let modified = object.string("modified") ?? object.string("created") ?? ""
            if let known = newest[id], STIXReader.isEarlier(modified, than: known.modified) { continue }
            newest[id] = (index, modified)
        }
        let objects = placed.filter { each in each.object.string("id").map { newest[$0]?.index == each.index } ?? true }
            .map(\.object)
        var byID: [String: JSONObject] = [:]
        for object in objects { if let id = object.string("id") { byID[id] = object } }
        var skipped: [SkippedObject] = []
        var records: [Mapped] = []
        var notes: [ImportNote] = []
        // An Isnad object edited in another tool: its own isnad_ property is read, so an edit to
        // the STIX property beside it is said, not dropped unseen.
        func edited(
            _ object: JSONObject, at index: Int, _ record: String, _ field: String, _ isnadField: String, found: String?,
            written: String?
        ) {
            notes.append(
                ImportNote(
                    file: file, line: index, subject: record,
                    "\(field) was changed outside Isnad (\(Text.printable(found ?? "none")), where Isnad wrote \(Text.printable(written ?? "none"))): \(isnadField) is read; change that to change the record"
                ))
        }
        // What Isnad derives from a claim for STIX tools (its confidence, its description, its
        // citations as external references) is written again from the claim on export, never
        // read: an edit there (a confidence lowered in OpenCTI, a reference added) is said.
        func derivedEdits(of object: JSONObject, claim: Claim, at index: Int) {
            let record = "claim \"\(claim.id)\""
            let grade = object.string("isnad_grade")
            let credibility = grade?.last.flatMap { Int(String($0)) }.flatMap(Credibility.init(rawValue:))
            let isDisputed = object.string("isnad_status") == Evidence.Status.disputed.rawValue
            let confidence = credibility.flatMap { STIXMapping.confidence($0, isDisputed: isDisputed) }
            let found: Int? = if case .number(let text)? = object["confidence"] { Int(text) } else { nil }
            if found != confidence || (object["confidence"] != nil && found == nil) {
                edited(
                    object, at: index, record, "confidence", "isnad_citations' credibility",
                    found: object["confidence"].map { found.map(String.init) ?? $0.typeName },
                    written: confidence.map(String.init))
            }
            let relation = STIXMapping.relation(claim, vocabulary: vocabulary)
            if let description = object.string("description"), description != relation,
                !description.hasSuffix(": " + relation)
            {
                notes.append(
                    ImportNote(
                        file: file, line: index, subject: record,
                        "description was changed outside Isnad (\(Text.printable(description))): left out (Isnad writes it from the claim's weighing; an analyst's words go in isnad_notes)"
                    ))
            }
            let references = (object["external_references"]?.arrayValue ?? []).map(WrittenReference.init(value:))
            let writtenReferences = claim.citations.map(WrittenReference.init(citation:))
            if references != writtenReferences {
                let what =
                    references.first { !writtenReferences.contains($0) }
                    .map { ", the first not Isnad's \"\($0.sourceName ?? "?")\": \($0.description ?? "")" } ?? ""
                notes.append(
                    ImportNote(
                        file: file, line: index, subject: record,
                        "external_references was changed outside Isnad (\(references.count) where Isnad wrote \(writtenReferences.count)\(what)): isnad_citations is read; add a citation there (with its source) to change the record"
                    ))
            }
        }
        // Properties another tool added to an Isnad object (`labels`, `x_opencti_aliases`): not
        // kept, and said so, one line an object. Markings are said once for the file, above.
        func added(_ object: JSONObject, at index: Int, _ record: String) {
            guard let type = object.string("type") else { return }
            let written = STIXMapping.writtenProperties(of: type)
            let others = object.members.map(\.key).filter {
                !$0.hasPrefix("isnad_") && !written.contains($0) && $0 != "object_marking_refs"
            }
            guard !others.isEmpty else { return }
            notes.append(
                ImportNote(
                    file: file, line: index, subject: record,
                    "\(others.joined(separator: ", ")) \(others.count == 1 ? "was" : "were") added outside Isnad: left out (Isnad keeps no such field\(others.count == 1 ? "" : "s"))"
                ))
        }
        func skip(_ object: JSONObject, _ reason: String, at index: Int) {
            skipped.append(
                SkippedObject(file: file, objectID: object.string("id") ?? "(no id)", reason: reason, line: index))
        }
        // Identities that only author other objects (`created_by_ref`) are the bundle's producers,
        // not actors: a report's is its publisher. One that a relationship links, or a report
        // lists, is an actor all the same.
        var named: Set<String> = []
        for object in objects {
            named.formUnion([object.string("source_ref"), object.string("target_ref")].compactMap { $0 })
            named.formUnion(object.strings("object_refs"))
        }
        let authors = Set(objects.compactMap { $0.string("created_by_ref") }).subtracting(named)
        // Data markings (TLP and others) have no place in a store: said once, not dropped unseen.
        var marked = 0
        var markings: [String] = []
        for object in objects where !object.strings("object_marking_refs").isEmpty {
            marked += 1
            for ref in object.strings("object_marking_refs") {
                let name = STIXReader.markingName(ref, byID[ref])
                if !markings.contains(name) { markings.append(name) }
            }
        }
        if marked > 0 {
            notes.append(
                ImportNote(
                    file: file,
                    "\(marked == 1 ? "1 object carries" : "\(marked) objects carry") data markings (\(Text.printable(markings.joined(separator: ", ")))) that Isnad does not keep: the store and its exports will not carry them"
                ))
        }
        // Isnad ids for every entity and report, and which reports refer to each relationship.
        var isnadIDs: [String: String] = [:]
        var reportsOf: [String: [String]] = [:]
        for object in objects {
            guard let id = object.string("id"), let type = object.string("type") else { continue }
            // What is skipped below names nothing: a relationship to it, or a citation of it, is
            // skipped too (a revoked report's claims are no one's), never read as pointing elsewhere.
            if STIXReader.isRevoked(object) { continue }
            if type == "identity", object["isnad_id"] == nil,
                authors.contains(id) || STIXReader.foreignEntityType(object, type: type) == nil
            {
                continue
            }
            if STIXReader.entityTypes.contains(type) || type == "report" {
                if let isnadID = object.string("isnad_id"), Identifier.isValid(isnadID) {
                    isnadIDs[id] = isnadID
                } else {
                    let uuid = id.components(separatedBy: "--").last?.filter { $0 != "-" } ?? ""
                    isnadIDs[id] = ForeignID.slug(STIXReader.name(of: object) ?? type, suffix: String(uuid.prefix(8)))
                }
            }
            if type == "report" {
                for ref in object.strings("object_refs") where ref.hasPrefix("relationship--") {
                    reportsOf[ref, default: []].append(id)
                }
            }
        }
        for (index, object) in placed {
            guard let id = object.string("id"), let type = object.string("type") else {
                skip(object, "an object without an id or type", at: index)
                continue
            }
            if id == STIXMapping.producerID || id == STIXMapping.extensionID { continue }
            if let current = newest[id], current.index != index {
                skip(
                    object,
                    "an older version of an object the bundle gives again (the newest, modified \(Text.printable(current.modified)), is read)",
                    at: index)
                continue
            }
            if STIXReader.isRevoked(object) {
                skip(object, "revoked by its producer: withdrawn, so not read", at: index)
                continue
            }
            if type == "identity", authors.contains(id), object["isnad_id"] == nil {
                skip(
                    object,
                    "the author of objects in the bundle (created_by_ref), not an actor in it: a report's author is its publisher",
                    at: index)
                continue
            }
            var problems = ProblemList()
            defer { refused += problems.problems.map { Refusal(problem: $0, index: index) } }
            if STIXReader.entityTypes.contains(type) || type == "report", object["isnad_id"] != nil {
                let kind = type == "report" ? "source" : "entity"
                let fields = Fields(object: object, label: "\(kind) \"\(Text.printable(object.string("isnad_id") ?? id))\"")
                if problems.check({ () throws(RecordProblem) in try fields.optionalIdentifier("isnad_id") }) == nil { continue }
            }
            switch type {
            case _ where STIXReader.entityTypes.contains(type):
                let producer = object.string("created_by_ref").map { ref in byID[ref].flatMap(STIXReader.name(of:)) ?? ref }
                if let entity = entity(
                    object, type: type, id: isnadIDs[id] ?? id, producer: producer, file: file, problems: &problems)
                {
                    records.append(Mapped(record: .entity(entity), index: index))
                    if object["isnad_id"] != nil { added(object, at: index, "entity \"\(entity.id)\"") }
                    if object["isnad_aliases"] != nil, type == "threat-actor" {
                        var seen: Set<String> = [entity.name]
                        let written = entity.aliases.map(\.name).filter { seen.insert($0).inserted }
                        if object.strings("aliases") != written {
                            edited(
                                object, at: index, "entity \"\(entity.id)\"", "aliases", "isnad_aliases",
                                found: object.strings("aliases").joined(separator: ", "),
                                written: written.joined(separator: ", "))
                        }
                    }
                    if object["isnad_id"] != nil, type == "location" {
                        for key in ["region", "country"] where object.string(key) != entity.attributes[key] {
                            edited(
                                object, at: index, "entity \"\(entity.id)\"", key, "isnad_attributes",
                                found: object.string(key), written: entity.attributes[key])
                        }
                        // Written only as a pair, as the writer does.
                        let coordinates = ["latitude", "longitude"].compactMap { entity.attributes[$0].flatMap(Double.init) }
                        for key in ["latitude", "longitude"] {
                            let found: Double? = if case .number(let text)? = object[key] { Double(text) } else { nil }
                            let written = coordinates.count == 2 ? entity.attributes[key].flatMap(Double.init) : nil
                            if found != written {
                                edited(
                                    object, at: index, "entity \"\(entity.id)\"", key, "isnad_attributes",
                                    found: found.map { String($0) }, written: written.map { String($0) })
                            }
                        }
                    }
                } else {
                    skip(
                        object,
                        "an identity of class \(object.string("identity_class") ?? "?") is not a person, organization or place",
                        at: index)
                }
            case "report":
                var left: [String] = []
                let source = source(
                    object, id: isnadIDs[id] ?? id, isnadIDs: isnadIDs,
                    author: object.string("created_by_ref").flatMap { $0 == STIXMapping.producerID ? nil : byID[$0] },
                    problems: &problems, left: &left)
                for phrase in left { notes.append(ImportNote(file: file, line: index, subject: id, phrase)) }
                if object["isnad_id"] != nil { added(object, at: index, "source \"\(source.id)\"") }
                if object["isnad_source"] != nil {
                    let written = source.published.map(STIXMapping.stopTime) ?? STIXMapping.unknownPublished
                    // Earlier Isnad bundles gave the first instant of the period.
                    let writtenBefore = source.published.map(STIXMapping.startTime)
                    if object.string("published") != written, object.string("published") != writtenBefore {
                        edited(
                            object, at: index, "source \"\(source.id)\"", "published", "isnad_source.published",
                            found: object.string("published"), written: written)
                    }
                }
                records.append(Mapped(record: .source(source), index: index))
            case "relationship":
                var left: [String] = []
                defer {
                    for phrase in left { notes.append(ImportNote(file: file, line: index, subject: id, phrase)) }
                }
                switch claim(
                    object, isnadIDs: isnadIDs, reports: reportsOf[id] ?? [], byID: byID, problems: &problems, left: &left)
                {
                case .success(let claim):
                    records.append(Mapped(record: .claim(claim), index: index))
                    if object["isnad_id"] != nil {
                        let temporal = vocabulary[claim.predicate]?.temporal
                        let end = claim.end ?? (temporal == .event ? claim.start : nil)
                        for (field, isnadField, written) in [
                            ("start_time", "isnad_start", claim.start.map(STIXMapping.startTime)),
                            ("stop_time", "isnad_end", end.map(STIXMapping.stopTime)),
                        ] where object.string(field) != written {
                            edited(
                                object, at: index, "claim \"\(claim.id)\"", field, isnadField, found: object.string(field),
                                written: written)
                        }
                        derivedEdits(of: object, claim: claim, at: index)
                        added(object, at: index, "claim \"\(claim.id)\"")
                    }
                case .failure(let reason): skip(object, reason.message, at: index)
                }
            case "opinion":
                // Isnad's own opinions repeat a denying citation that the relationship carries;
                // another producer's on an Isnad relationship is listed as skipped like any other.
                let refs = object.strings("object_refs")
                if object.string("created_by_ref") == STIXMapping.producerID,
                    refs.allSatisfy({ byID[$0]?["isnad_citations"] != nil }), !refs.isEmpty
                {
                    continue
                }
                skip(object, "an opinion names no source Isnad could cite for it", at: index)
            default:
                skip(object, "\(type) has no Isnad counterpart", at: index)
            }
        }
        return (records, skipped, refused, notes)
    }

    /// The Isnad type of a STIX object another producer wrote; nil for an identity of a class
    /// Isnad has no type for.
    static func foreignEntityType(_ object: JSONObject, type: String) -> EntityType? {
        switch type {
        case "identity":
            switch object.string("identity_class") {
            case "individual": .person
            case "organization", "group": .organization
            default: nil
            }
        case "location": .place
        case "incident": .event
        default: .organization
        }
    }

    private func entity(
        _ object: JSONObject, type: String, id: String, producer: String?, file: String, problems: inout ProblemList
    ) -> Entity? {
        let fields = Fields(object: object, label: "entity \"\(Text.printable(id))\"")
        let entityType: EntityType
        if object["isnad_type"] != nil,
            let stored = problems.check({ () throws(RecordProblem) -> EntityType in
                try fields.enumeration("isnad_type")
            })
        {
            entityType = stored
        } else {
            guard let foreign = STIXReader.foreignEntityType(object, type: type) else { return nil }
            entityType = foreign
        }
        let name = STIXReader.name(of: object) ?? id
        var aliases: [Alias]
        if let stored = object["isnad_aliases"] {
            aliases = stored.arrayValue.compactMap(\.objectValue).compactMap { alias in
                alias.string("name").map {
                    Alias(name: $0, lang: alias.string("lang").map(LanguageTag.canonicalCase) ?? NameLanguage.of($0))
                }
            }
        } else {
            // OpenCTI writes an identity's other names (STIX gives identities no aliases) as x_opencti_aliases.
            var seen: Set<String> = [name]
            aliases = (object.strings("aliases") + object.strings("x_opencti_aliases")).filter { seen.insert($0).inserted }
                .map { Alias(name: $0, lang: NameLanguage.of($0)) }
        }
        var attributes: [String: String] = [:]
        if let stored = object["isnad_attributes"]?.objectValue {
            for member in stored.members { if let value = member.value.stringValue { attributes[member.key] = value } }
        } else if object["isnad_id"] == nil {
            // What Isnad has no field for (a threat actor's first_seen and roles, a location's
            // city) is kept as attributes under its STIX name, not dropped without a word.
            for member in object.members where !STIXReader.readProperties.contains(member.key) {
                switch member.value {
                case .string(let value): attributes[member.key] = value
                case .number(let value): attributes[member.key] = value
                case .array(let values):
                    let texts = values.compactMap(\.stringValue)
                    if !texts.isEmpty { attributes[member.key] = texts.joined(separator: "; ") }
                default: break
                }
            }
            // Whose these attributes are: the producer's word, not the analyst's, and no claim
            // with a source says them (a threat actor's "terrorist" is OpenCTI's label).
            if let producer { attributes[ExchangeFormat.producerAttribute] = producer }
            attributes = ExchangeFormat.withProvenance(attributes, file: file)
            let references = (object["external_references"]?.arrayValue ?? []).compactMap(\.objectValue).compactMap {
                reference -> String? in
                let parts = [reference.string("source_name"), reference.string("url") ?? reference.string("description")]
                    .compactMap { $0 }
                return parts.isEmpty ? nil : parts.joined(separator: ": ")
            }
            if !references.isEmpty { attributes["external_references"] = references.joined(separator: "; ") }
        }
        // Another producer's blank alias or description names nothing: left out, not a reason to
        // refuse the file (Isnad's own, read from isnad_aliases, is checked as a record's).
        let isForeign = object["isnad_aliases"] == nil
        aliases = aliases.filter { !$0.name.isEmpty && !(isForeign && Text.showsNothing($0.name)) }
        let description = object.string("description").flatMap { object["isnad_id"] == nil && Text.showsNothing($0) ? nil : $0 }
        // Checked as the record's `merged` is, when the record is read.
        let merged = object.strings("isnad_merged")
        return Entity(
            id: id, type: entityType, name: name, aliases: aliases, description: description, attributes: attributes,
            merged: merged)
    }

    /// An external reference of a relationship as Isnad writes one for each citation: the source's
    /// id, the quote, the locator, and nothing else (``hasOtherFields``, or a value that is no
    /// object, marks one another tool wrote or changed).
    private struct WrittenReference: Equatable {
        var sourceName: String?
        var description: String?
        var externalID: String?
        var hasOtherFields = false

        init(citation: Citation) {
            (sourceName, description, externalID) = (citation.source, citation.quote, citation.locator)
        }

        init(value: JSONValue) {
            guard case .object(let reference) = value else {
                hasOtherFields = true
                return
            }
            (sourceName, description, externalID) = (
                reference.string("source_name"), reference.string("description"), reference.string("external_id")
            )
            hasOtherFields = reference.members.contains { !["source_name", "description", "external_id"].contains($0.key) }
        }
    }

    /// Whether one STIX timestamp is before another, as instants: `…00:00:00Z` is before
    /// `…00:00:00.500Z`, which text comparison puts the other way round (a fraction is optional,
    /// of any length).
    static func isEarlier(_ first: String, than second: String) -> Bool {
        func instant(_ text: String) -> (String, Double) {
            let seconds = String(text.prefix(19))
            let rest = text.dropFirst(19)
            guard rest.first == "." else { return (seconds, 0) }
            return (seconds, Double("0." + rest.dropFirst().prefix { $0.isASCII && $0.isNumber }) ?? 0)
        }
        let (a, b) = (instant(first), instant(second))
        return a.0 != b.0 ? a.0 < b.0 : a.1 < b.1
    }

    /// Whether the object's producer withdrew it (`revoked: true`).
    static func isRevoked(_ object: JSONObject) -> Bool {
        if case .bool(true) = object["revoked"] { true } else { false }
    }

    /// An object's name; a location's, when it has none, is its address (`Aleppo Governorate, SY`).
    static func name(of object: JSONObject) -> String? {
        if let name = object.string("name") { return name }
        guard object.string("type") == "location" else { return nil }
        let address = ["street_address", "city", "administrative_area", "region", "country"].compactMap { object.string($0) }
        return address.isEmpty ? nil : address.joined(separator: ", ")
    }

    /// The properties the import reads, or that say nothing of the entity itself (when the
    /// object was made, its markings): the others are kept as attributes (`labels`, `confidence`,
    /// and its producer and references under `created_by` and `external_references`).
    static let readProperties: Set<String> = [
        "type", "spec_version", "id", "created", "modified", "created_by_ref", "revoked", "lang", "external_references",
        "object_marking_refs", "granular_markings", "extensions", "name", "description", "aliases", "x_opencti_aliases",
        "identity_class",
    ]

    /// A marking's name: the definition's own in the bundle, else the TLP level of the spec's
    /// fixed ids, else its id.
    static func markingName(_ ref: String, _ definition: JSONObject?) -> String {
        if let name = definition?.string("name") { return name }
        if let tlp = definition?["definition"]?.objectValue?.string("tlp") { return "TLP:" + tlp.uppercased() }
        let levels = [
            "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9": "TLP:WHITE",
            "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da": "TLP:GREEN",
            "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82": "TLP:AMBER",
            "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed": "TLP:RED",
        ]
        return levels[ref] ?? ref
    }

    private func source(
        _ object: JSONObject, id: String, isnadIDs: [String: String], author: JSONObject?, problems: inout ProblemList,
        left: inout [String]
    ) -> Source {
        let stored = object["isnad_source"]?.objectValue
        let label = "source \"\(Text.printable(id))\""
        let fields = Fields(object: object, label: label)
        let storedFields = stored.map { Fields(object: $0, label: label, prefix: "isnad_source.") }
        let type =
            (object["isnad_type"] == nil
                ? nil : problems.check { () throws(RecordProblem) -> SourceType in try fields.enumeration("isnad_type") })
            ?? (object.strings("report_types").contains("threat-report") ? .intelligenceReport : .other)
        let published: PartialDate? =
            if let storedFields {
                problems.check { () throws(RecordProblem) in try storedFields.optionalDate("published") } ?? nil
            } else if object.string("published") == STIXMapping.unknownPublished {
                // A report of unknown date, as Isnad writes one: not a source of 1970.
                nil
            } else {
                ForeignID.date(object.string("published"), field: "published", left: &left)
            }
        let reliability: Reliability? =
            if let storedFields, stored?["reliability"] != nil {
                problems.check { () throws(RecordProblem) -> Reliability in try storedFields.enumeration("reliability") }
            } else { nil }
        let cites =
            stored.map { $0.strings("cites") }
            ?? object.strings("object_refs").filter { $0.hasPrefix("report--") }.compactMap { isnadIDs[$0] }
        return Source(
            id: id, type: type, title: object.string("name") ?? id,
            publisher: stored == nil ? author?.string("name") : stored?.string("publisher"),
            author: stored?.string("author"),
            url: stored == nil
                ? (object["external_references"]?.arrayValue ?? []).compactMap({ $0.objectValue?.string("url") }).first
                : stored?.string("url"),
            published: published,
            lang: (stored?.string("lang") ?? object.string("lang")).map(LanguageTag.canonicalCase),
            reliability: reliability ?? .f, cites: cites,
            text: stored?.string("text"))
    }

    typealias Unmapped = FtMReader.Unmapped

    private func claim(
        _ object: JSONObject, isnadIDs: [String: String], reports: [String], byID: [String: JSONObject],
        problems: inout ProblemList, left: inout [String]
    ) -> Result<Claim, Unmapped> {
        guard let sourceRef = object.string("source_ref"), let targetRef = object.string("target_ref") else {
            return .failure(Unmapped(message: "a relationship without source_ref or target_ref"))
        }
        for ref in [sourceRef, targetRef] where isnadIDs[ref] == nil || byID[ref].map({ $0.string("type") == "report" }) == true {
            let type = byID[ref]?.string("type") ?? "an object not in the bundle"
            let why = byID[ref].map(STIXReader.isRevoked) == true ? "which its producer revoked" : "which is not imported"
            return .failure(Unmapped(message: "it links \(ref) (\(type)), \(why)"))
        }
        guard let subject = isnadIDs[sourceRef], let objectID = isnadIDs[targetRef] else {
            return .failure(Unmapped(message: "it links objects that are not imported"))
        }
        let relationshipType = object.string("relationship_type") ?? ""
        guard let predicate = object.string("isnad_predicate") ?? STIXMapping.predicate(relationshipType: relationshipType)
        else { return .failure(Unmapped(message: "relationship type \(relationshipType) has no Isnad predicate")) }
        let label = "claim \"\(Text.printable(object.string("isnad_id") ?? object.string("id") ?? "?"))\""
        let fields = Fields(object: object, label: label)
        let start = problems.check { () throws(RecordProblem) in try fields.optionalDate("isnad_start") } ?? nil
        let end = problems.check { () throws(RecordProblem) in try fields.optionalDate("isnad_end") } ?? nil
        if object["isnad_id"] != nil {
            _ = problems.check { () throws(RecordProblem) in try fields.optionalIdentifier("isnad_id") }
        }
        let isIsnad = object["isnad_citations"] != nil
        var citations: [Citation] = []
        if isIsnad {
            for (position, element) in (object["isnad_citations"]?.arrayValue ?? []).enumerated() {
                guard
                    let cited = problems.check({ () throws(RecordProblem) in
                        try fields.nested(element, at: "isnad_citations[\(position)]")
                    })
                else { continue }
                let source = problems.check { () throws(RecordProblem) in try cited.identifier("source") }
                let stance = problems.check { () throws(RecordProblem) -> Stance in try cited.enumeration("stance") }
                let credibility = problems.check { () throws(RecordProblem) in try cited.credibility("credibility") }
                guard let source, let stance, let credibility else { continue }
                citations.append(
                    Citation(
                        source: source, via: cited.object.string("via"), quote: cited.object.string("quote") ?? "",
                        quoteEnglish: cited.object.string("quote_en"), stance: stance, credibility: credibility,
                        locator: cited.object.string("locator")))
            }
        } else {
            // Another producer's link between types the predicate does not join (an incident
            // attributed to a group, read as linked_to) is listed as skipped, not refused.
            let endTypes = [sourceRef, targetRef].map { ref in
                byID[ref].flatMap { end in
                    end.string("isnad_type").flatMap(EntityType.init(rawValue:))
                        ?? end.string("type").flatMap { STIXReader.foreignEntityType(end, type: $0) }
                }
            }
            if let problem = vocabulary.problem(predicate: predicate, subjectType: endTypes[0], objectType: endTypes[1]) {
                return .failure(Unmapped(message: "read as \(predicate): \(problem.field): \(problem.message)"))
            }
            guard let confidence = problems.check({ () throws(RecordProblem) in try fields.optionalConfidence("confidence") })
            else { return .failure(Unmapped(message: "refused")) }
            let credibility = STIXMapping.credibility(confidence: confidence)
            let references = (object["external_references"]?.arrayValue ?? []).compactMap(\.objectValue)
            for report in reports {
                guard let source = isnadIDs[report] else { continue }
                let name = byID[report]?.string("name")
                // A citation's quote is words the object carries, never words made up for it.
                guard
                    let quote = [
                        references.first(where: { $0.string("source_name") == name })?.string("description"),
                        object.string("description"),
                    ].compactMap { $0 }.first(where: { !Text.showsNothing($0) })
                else { continue }
                citations.append(Citation(source: source, quote: quote, stance: .reports, credibility: credibility))
            }
            if citations.isEmpty {
                // Words under another name than a report's (an outlet OpenCTI attached them to)
                // have no source in the bundle to cite: said, so that the reader can add its report.
                let elsewhere = references.first { $0.string("description") != nil }?.string("source_name")
                let unmatched =
                    elsewhere.map {
                        " (its external reference \"\(Text.printable($0))\" has words, but names no report of the bundle: add a report of that name that refers to the relationship)"
                    } ?? ""
                return .failure(
                    Unmapped(
                        message: reports.isEmpty
                            ? "no report refers to it, and a claim needs a source that makes it"
                            : "no description, here or in its report's reference\(unmatched): a claim needs the words its source used"
                    ))
            }
        }
        // Refused above: the problems are the import's errors, and no record stands for the object.
        if !problems.problems.isEmpty { return .failure(Unmapped(message: "refused")) }
        let id = object.string("isnad_id").flatMap { Identifier.isValid($0) ? $0 : nil }
        let period =
            isIsnad
            ? (start: start, end: end)
            : ForeignID.period(
                start: (object.string("start_time"), "start_time"), end: (object.string("stop_time"), "stop_time"), left: &left)
        return .success(
            Claim(
                id: id, subject: subject, predicate: predicate, object: objectID, start: period.start, end: period.end,
                citations: citations,
                notes: object.string("isnad_notes")))
    }
}
