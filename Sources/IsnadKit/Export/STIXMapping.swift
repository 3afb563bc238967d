/// How Isnad's records map onto STIX 2.1 (OASIS, https://docs.oasis-open.org/cti/stix/v2.1/),
/// both ways: object types, relationship types, dates, confidence and ids. The README's STIX
/// section is this file as a table.
public enum STIXMapping {
    /// The `published` of a report whose source has no date: STIX requires one, and the epoch
    /// is what Isnad writes (and what other producers write for "unknown"); read back as no date.
    static let unknownPublished = "1970-01-01T00:00:00Z"

    /// Every object's `created`: fixed, so that the same store always gives the same bytes (Isnad
    /// keeps no record's creation time apart from the history). STIX requires millisecond precision.
    public static let timestamp = "1970-01-01T00:00:00.000Z"

    /// Every object's `modified`: the time of the store's latest change, so that an object that
    /// changed since the last export (a claim regraded, a source's new claims, a weighing moved by
    /// another source's grade) is a new version to a STIX consumer, which keeps a version per
    /// (`id`, `modified`) and takes an unchanged `modified` as the object unchanged. One version
    /// for the whole store: a claim's confidence changes with other records than its own. A store
    /// without history has the fixed ``timestamp``.
    static func modified(lastChange: String?) -> String {
        guard let lastChange, lastChange.hasSuffix("Z"), lastChange.count == 20 else { return timestamp }
        return String(lastChange.dropLast()) + ".000Z"
    }
    /// The producer: an identity of class `system`, every object's `created_by_ref`.
    public static let producerID = "identity--" + uuid("producer")
    /// The extension-definition that declares Isnad's own properties (`isnad_…`).
    public static let extensionID = "extension-definition--" + uuid("extension")
    public static let bundleID = "bundle--" + uuid("bundle")
    /// The properties the extension declares (top-level properties on Isnad's objects).
    public static let extensionProperties = [
        "isnad_id", "isnad_type", "isnad_aliases", "isnad_attributes", "isnad_merged", "isnad_predicate", "isnad_start",
        "isnad_end", "isnad_status", "isnad_grade", "isnad_channels", "isnad_common_link", "isnad_notes", "isnad_citations",
        "isnad_source",
    ]

    /// The properties Isnad writes on an object of `type`, besides its `isnad_…` ones. Reading
    /// Isnad's own objects back, any other (what another tool added: `labels`,
    /// `x_opencti_aliases`) is named as left out, not dropped unseen.
    static func writtenProperties(of type: String) -> Set<String> {
        let common: Set<String> = ["type", "spec_version", "id", "created_by_ref", "created", "modified", "extensions"]
        let own: Set<String> =
            switch type {
            case "identity": ["name", "description", "identity_class"]
            case "threat-actor": ["name", "description", "aliases"]
            case "location": ["name", "description", "region", "country", "latitude", "longitude"]
            case "incident": ["name", "description"]
            case "report": ["name", "description", "published", "report_types", "object_refs"]
            case "relationship":
                [
                    "relationship_type", "description", "source_ref", "target_ref", "start_time", "stop_time", "confidence",
                    "external_references",
                ]
            default: []
            }
        return common.union(own)
    }

    /// What a relationship's `description` ends with: the claim in words (`hamas praised
    /// hadera-attack`), after its weighed strength.
    static func relation(_ claim: Claim, vocabulary: Vocabulary) -> String {
        "\(claim.subject) \(vocabulary[claim.predicate]?.labelEnglish ?? claim.predicate) \(claim.object)"
    }

    /// A deterministic STIX UUID for `name` (`entity:hamas`, `claim:c-…`, `source:…`): SHA-1
    /// name-based as UUIDv5 is, in Isnad's namespace, stamped version 4 (see the README: the
    /// STIX validator's `--strict` refuses any id that is not version 4, check 103).
    public static func uuid(_ name: String) -> String { NameBasedUUID.uuid(name, version: 4) }

    /// The STIX type an entity is written as.
    public enum EntityKind: String, Sendable {
        case threatActor = "threat-actor"
        case identity
        case location
        case incident
    }

    /// The STIX object type for an entity: people are `identity` (individual); armed groups
    /// (``GraphStore/isArmedGroup(_:)``) `threat-actor`; other organizations `identity`
    /// (organization); events `incident`; places `location` when they have a `country`,
    /// `region` or `latitude` and `longitude` attribute (STIX requires one), else `identity`
    /// of class `unknown`.
    public static func kind(of type: EntityType, isArmedGroup: Bool, hasPlaceData: Bool) -> EntityKind {
        switch type {
        case .person: .identity
        case .organization: isArmedGroup ? .threatActor : .identity
        case .event: .incident
        case .place: hasPlaceData ? .location : .identity
        }
    }

    /// Whether a place's attributes give STIX `location` what it requires.
    public static func hasPlaceData(_ attributes: [String: String]) -> Bool {
        attributes["country"] != nil || attributes["region"] != nil
            || (attributes["latitude"].flatMap(Double.init) != nil && attributes["longitude"].flatMap(Double.init) != nil)
    }

    public static func entityID(_ id: String, kind: EntityKind) -> String { "\(kind.rawValue)--\(uuid("entity:\(id)"))" }
    public static func relationshipID(_ claimID: String) -> String { "relationship--" + uuid("claim:\(claimID)") }
    public static func reportID(_ sourceID: String) -> String { "report--" + uuid("source:\(sourceID)") }
    public static func opinionID(claim: String, citation: Citation) -> String {
        "opinion--" + uuid("opinion:\(claim):\(citation.source):\(citation.via ?? ""):\(citation.quote)")
    }

    /// The STIX relationship type of a predicate between two kinds of object: the spec's own
    /// type where the spec suggests it for that pair (so `stix2_validator --strict` passes,
    /// check 202), else `related-to`. The predicate itself is always in `isnad_predicate`.
    /// A claim no source supports (only denied) is `related-to` whatever its predicate: a STIX
    /// tool shows the type as what is known ("Beta Front targets City Z"), and the denials are
    /// its opinions.
    public static func relationshipType(
        predicate: String, from source: EntityKind, to target: EntityKind, isSupported: Bool = true
    ) -> String {
        guard isSupported else { return "related-to" }
        return switch (predicate, source, target) {
        case ("attacked", .threatActor, .identity), ("attacked", .threatActor, .location), ("killed", .threatActor, .identity):
            "targets"
        case ("located_in", .threatActor, .location), ("located_in", .identity, .location):
            "located-at"
        default:
            "related-to"
        }
    }

    /// The predicate for a relationship from a bundle Isnad did not write (no `isnad_predicate`).
    public static func predicate(relationshipType: String) -> String? {
        switch relationshipType {
        case "targets": "attacked"
        case "located-at", "originates-from": "located_in"
        case "attributed-to", "related-to": "linked_to"
        default: nil
        }
    }

    /// STIX 2.1 Appendix A: Admiralty credibility 1–5 → 90, 70, 50, 30, 10; 6 → no confidence.
    public static func confidence(_ credibility: Credibility) -> Int? {
        credibility == .cannotBeJudged ? nil : 110 - 20 * credibility.rawValue
    }

    /// A relationship's `confidence`: its claim's best credibility by Appendix A, and no more
    /// than 50 ("possibly true") when a source denies it. A STIX tool reads `confidence` and the
    /// relationship's type, not `isnad_status`: a claim one source asserts and two deny must not
    /// reach it as probably true.
    public static func confidence(_ credibility: Credibility, isDisputed: Bool) -> Int? {
        confidence(credibility).map { isDisputed ? min($0, disputedConfidence) : $0 }
    }

    /// The most a disputed claim's relationship is given: credibility 3, "possibly true".
    static let disputedConfidence = 50

    /// STIX 2.1 Appendix A, read back: 80–100 → 1, 60–79 → 2, 40–59 → 3, 20–39 → 4, 0–19 → 5,
    /// none → 6.
    public static func credibility(confidence: Int?) -> Credibility {
        guard let confidence else { return .cannotBeJudged }
        return Credibility(rawValue: 5 - min(4, max(0, confidence / 20))) ?? .cannotBeJudged
    }

    /// A partial date's first instant: `2014-05` → `2014-05-01T00:00:00Z`.
    public static func startTime(_ date: PartialDate) -> String { date.firstDay + "T00:00:00Z" }
    /// A partial date's last second: `2014-05` → `2014-05-31T23:59:59Z`.
    public static func stopTime(_ date: PartialDate) -> String { date.lastDay + "T23:59:59Z" }
}
