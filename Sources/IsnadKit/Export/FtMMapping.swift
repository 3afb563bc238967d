import Foundation

/// How Isnad's records map onto FollowTheMoney (https://followthemoney.tech/explorer/), both
/// ways: schemata, entity ids, and the notes that carry what FtM has no property for. The
/// README's FtM section is this file as a table.
public enum FtMMapping {
    /// The FtM id of an entity, a source, or a claim's `index`-th citation (from 1). One id
    /// space holds every schema, so a prefix keeps an entity and a source of the same Isnad id
    /// apart. No `.`: FtM reads what follows an id's last `.` as a signature (`Namespace.sign`,
    /// as Aleph signs every id by collection), so `entity.hamas` and `entity.isis` would both be
    /// signed `entity.<hash>`, one entity, and `ftm aggregate` merges them.
    /// FtM ids are at most 200 characters: a longer one keeps its first 175 and a hash of the
    /// rest (the Isnad id then does not come back whole; see the README).
    public static func entityID(_ id: String) -> String { fitted(entityPrefix + id) }
    public static func sourceID(_ id: String) -> String { fitted(sourcePrefix + id) }
    public static func citationID(claim: String, index: Int) -> String { fitted("\(claimPrefix)\(claim)-\(index)") }

    static let entityPrefix = "isnad-entity-"
    static let sourcePrefix = "isnad-source-"
    static let claimPrefix = "isnad-claim-"
    /// The prefixes of files written before ids lost their `.`, read back as Isnad's too.
    static let formerPrefixes = (entity: "entity.", source: "source.", claim: "claim.")

    static let maximumIDLength = 200

    private static func fitted(_ id: String) -> String {
        guard id.utf8.count > maximumIDLength else { return id }
        return String(id.prefix(175)) + "-" + String(FNV1a.hash([id]), radix: 16).leftPadded(to: 16)
    }

    /// FtM's longest values, in Unicode scalars, by property type (`registry.name.max_length` …):
    /// longer ones fail validation.
    public static let maximumNameLength = 384
    public static let maximumStringLength = 1024
    public static let maximumTextLength = 65000

    /// The note that keeps a value cut to FtM's length limit whole: `Full name: …`.
    public static func fullValueNote(_ property: String) -> String { "Full \(property): " }

    /// The first `limit` Unicode scalars of `value`, and whether it was cut.
    public static func cut(_ value: String, to limit: Int) -> (String, Bool) {
        let scalars = value.unicodeScalars
        guard let end = scalars.index(scalars.startIndex, offsetBy: limit, limitedBy: scalars.endIndex),
            end < scalars.endIndex
        else { return (value, false) }
        return (String(Substring(scalars[..<end])), true)
    }

    /// `value` in pieces of at most `limit` Unicode scalars (FtM text values), joined back by the reader.
    public static func pieces(_ value: String, of limit: Int) -> [String] {
        // Cut at scalar indices and copied as bytes: a view made scalar by scalar took 14 s for
        // a 10 MB text.
        var pieces: [String] = []
        let scalars = value.unicodeScalars
        var start = scalars.startIndex
        while start < scalars.endIndex {
            let end = scalars.index(start, offsetBy: limit, limitedBy: scalars.endIndex) ?? scalars.endIndex
            pieces.append(String(Substring(scalars[start..<end])))
            start = end
        }
        return pieces
    }

    /// The FtM schema of an entity type.
    public static func schema(of type: EntityType) -> String {
        switch type {
        case .person: "Person"
        case .organization: "Organization"
        case .event: "Event"
        case .place: "Address"
        }
    }

    /// The FtM schema of a source: news and opinion articles are `Article`, the rest `Document`.
    public static func schema(of type: SourceType) -> String {
        type == .newsArticle || type == .opinionArticle ? "Article" : "Document"
    }

    /// An interval schema and the properties that hold a claim's subject and object.
    public struct Link: Sendable, Equatable {
        public let schema: String
        public let subject: String
        public let object: String
        /// The property that says which relationship it is (`role`, or Family's `relationship`).
        public let kind: String
        /// Whether the schema has `status` (Family has not).
        public var hasStatus: Bool { schema != "Family" }
    }

    /// The interval schema a predicate is written as: `Membership` for member_of, branch_of
    /// and military_wing_of; `Directorship` for leader_of; `Family` for child_of; `UnknownLink`
    /// for the rest. Their ranges accept every entity type the vocabulary allows on each side.
    public static func link(for predicate: String) -> Link {
        switch predicate {
        case "member_of", "branch_of", "military_wing_of":
            Link(schema: "Membership", subject: "member", object: "organization", kind: "role")
        case "leader_of": Link(schema: "Directorship", subject: "director", object: "organization", kind: "role")
        case "child_of": Link(schema: "Family", subject: "person", object: "relative", kind: "relationship")
        default: Link(schema: "UnknownLink", subject: "subject", object: "object", kind: "role")
        }
    }

    /// The interval a denying citation is written as, whatever the predicate: an `UnknownLink`
    /// whose role is ``deniedRole`` and the label. A `Membership` would tell every FtM tool that
    /// the membership exists, what the source denies.
    public static func link(for predicate: String, stance: Stance) -> Link {
        stance == .denies ? Link(schema: "UnknownLink", subject: "subject", object: "object", kind: "role") : link(for: predicate)
    }

    /// What begins a denial's role: `denied: member of`.
    public static let deniedRole = "denied: "

    /// What `role` (or Family's `relationship`) says for a predicate: its English label, except
    /// for child_of, whose Family relationship is from the subject's side: the object is its `parent`.
    public static func role(of predicate: String, vocabulary: Vocabulary) -> String {
        predicate == "child_of" ? "parent" : vocabulary[predicate]?.labelEnglish ?? predicate
    }

    /// A citation's stance and credibility, in the interval's `status`:
    /// `asserts; credibility 2 (probably true); claimant: police (B); via: hadera-article (E)`: the
    /// stance, the grade, and who says it in what, each with its reliability letter, so that an
    /// FtM tool shows how far the source is trusted beside what it says. `proof` lists both
    /// sources, but FtM's values are sets, which Aleph's statements do not keep in order: the
    /// roles are named here.
    public static func status(_ citation: Citation, claimant: Reliability, via: Reliability?) -> String {
        "\(citation.stance.rawValue); credibility \(citation.credibility.rawValue) (\(citation.credibility.meaning)); claimant: \(citation.source) (\(claimant.rawValue))"
            + (citation.via.map { "; via: \($0) (\((via ?? .f).rawValue))" } ?? "")
    }

    /// The claim's weighing, written on each of its citations' intervals (a second `status`
    /// value; Family's: a `summary` value before the status): `claim hamas-funded-isis: ALLEGED ·
    /// 1 source, 1 citation · best F3 · 1 channel, all through hadera-2022-article (E)`, in the
    /// words STIX's `description` and the command line use (``EvidenceText/weighedLine(_:citations:)``):
    /// one interval per citation must not read as so many links, nor an alleged one as a fact.
    /// Nil for a claim without citation. Isnad reads it back as nothing: it weighs the citations again.
    public static func weighing(claim: String, _ weight: ClaimWeight, citations: Int) -> String? {
        EvidenceText.weighedLine(weight, citations: citations).map {
            cut("\(weighingPrefix(claim: claim))\($0)", to: maximumStringLength).0
        }
    }

    /// What begins a claim's ``weighing(claim:_:citations:)``: `claim hamas-funded-isis: `.
    static func weighingPrefix(claim: String) -> String { "claim \(claim): " }

    /// Whether `value` reads as the ``weighing(claim:_:citations:)`` of the claim `id`: its
    /// prefix, then a status word and ` · `.
    public static func isWeighing(_ value: String, claim id: String) -> Bool {
        let prefix = weighingPrefix(claim: id)
        guard value.hasPrefix(prefix) else { return false }
        let rest = value.dropFirst(prefix.count)
        return ["ASSERTED · ", "ALLEGED · ", "DISPUTED · "].contains { rest.hasPrefix($0) }
    }

    /// ``status(_:claimant:via:)`` read back: the stance, the credibility, and the claimant and
    /// via when it names them (a file written before it did gives neither), without their
    /// reliability letters (a file written before it gave them has none). Other parts are
    /// passed over.
    public static func stanceAndCredibility(status: String) -> (Stance, Credibility, claimant: String?, via: String?)? {
        let parts = status.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count >= 2, let stance = Stance(rawValue: parts[0]), parts[1].hasPrefix("credibility "),
            let digit = parts[1].dropFirst("credibility ".count).first, let value = Int(String(digit)),
            let credibility = Credibility(rawValue: value)
        else { return nil }
        /// A source id without the ` (B)` after it.
        func id(_ named: Substring) -> String {
            if named.count > 4, named.hasSuffix(")"), let open = named.lastIndex(of: "("),
                named.index(open, offsetBy: 3) == named.endIndex,
                named[named.index(before: open)] == " ",
                Reliability(rawValue: String(named[named.index(after: open)])) != nil
            {
                return String(named[..<named.index(before: open)])
            }
            return String(named)
        }
        var claimant: String?
        var via: String?
        for part in parts.dropFirst(2) {
            if part.hasPrefix("claimant: ") { claimant = id(part.dropFirst("claimant: ".count)) }
            if part.hasPrefix("via: ") { via = id(part.dropFirst("via: ".count)) }
        }
        return (stance, credibility, claimant, via)
    }

    /// The note lines on a source that carry what FtM has no property for.
    public static let sourceTypeNote = "Isnad source type: "
    public static let reliabilityNote = "Admiralty reliability: "
    public static let citesNote = "Cites: "
    /// A url FtM would not keep as written (no `http://` or `https://`, a `javascript:` url, spaces
    /// or control characters: FtM rewrites the first and refuses the others): a note, not `sourceUrl`.
    public static let urlNote = "URL: "

    /// Whether FtM keeps `url` unchanged as a `sourceUrl`.
    static func isPlainWebURL(_ url: String) -> Bool {
        let lowered = url.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://"), url.count > 8 else { return false }
        return url.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) }
    }
    /// The note on an entity that holds its attributes, as a JSON object.
    public static let attributesNote = "Attributes: "
    /// The note that lists the ids merged into an entity (`isnad merge`), comma-separated.
    public static let mergedNote = "Merged ids: "

    /// BCP-47 primary language subtags and the ISO 639-3 codes FtM writes for them.
    static let languages: [(String, String)] = [
        ("ar", "ara"), ("en", "eng"), ("he", "heb"), ("fr", "fra"), ("de", "deu"), ("es", "spa"), ("ru", "rus"),
        ("fa", "fas"), ("tr", "tur"), ("ur", "urd"), ("ku", "kur"), ("it", "ita"), ("nl", "nld"), ("pt", "por"),
    ]

    /// FtM's code for a language tag, nil when the table above does not have it (then lost).
    public static func ftmLanguage(_ tag: String) -> String? {
        guard !tag.contains("-") else { return nil }
        return languages.first { $0.0 == tag.lowercased() }?.1
    }

    /// The language tag for FtM's code.
    public static func languageTag(_ code: String) -> String? {
        languages.first { $0.1 == code.lowercased() }?.0
    }
}
