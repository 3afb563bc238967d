/// What exports show, shared by DOT and GraphML: labels in English, Arabic or both, date
/// ranges, evidence summaries, and the colours of entity types and predicate families.
public enum ExportStyle {
    /// Which names node labels show.
    public enum Language: String, CaseIterable, Sendable {
        case en, ar, both
    }

    /// The entity's first Arabic name, if it has one.
    public static func arabicName(of entity: Entity) -> String? { entity.alias(in: "ar") }

    /// The node label's lines.
    public static func nodeLabel(_ entity: Entity, language: Language) -> [String] {
        let arabic = arabicName(of: entity)
        switch language {
        case .en: return [entity.name]
        case .ar: return [arabic ?? entity.name]
        case .both: return arabic.map { [entity.name, $0] } ?? [entity.name]
        }
    }

    /// When an edge's claims held: `2014-05 – 2017`, `since 2014`, `until 2017`, `2022-03-27`, or
    /// `undated`. An event with only a start happened then; a state with only a start holds
    /// since. Collapsed claims read as one range that covers them all: open-ended if one of
    /// them is (`since 2019` and `2015 – 2016` read `since 2015`), `until 2016 and since 2019`
    /// when open both ways, and `and undated` when some of them have no date.
    public static func dates(_ period: ExportGraph.Period) -> String {
        guard let anyDate = period.earliestStart ?? period.latestEnd else { return "undated" }
        let text: String
        switch (period.isOpenAtStart ? nil : period.earliestStart, period.isOpenAtEnd ? nil : period.latestEnd) {
        case (let start?, let end?): text = start == end ? start.description : "\(start) – \(end)"
        case (let start?, nil): text = "since \(start)"
        case (nil, let end?): text = "until \(end)"
        case (nil, nil): text = "until \(period.latestEnd ?? anyDate) and since \(period.earliestStart ?? anyDate)"
        }
        return period.undatedClaims > 0 ? text + " and undated" : text
    }

    /// The predicate's label in a language (both: English · Arabic).
    public static func predicateLabel(_ id: String, language: Language) -> String {
        guard let predicate = Vocabulary.standard[id] else { return id }
        switch language {
        case .en: return predicate.labelEnglish
        case .ar: return predicate.labelArabic
        case .both: return "\(predicate.labelEnglish) · \(predicate.labelArabic)"
        }
    }

    /// `ALLEGED · 2 sources · best C3`.
    public static func evidenceLine(_ evidence: Evidence) -> String {
        "\(evidence.status.rawValue.uppercased()) · \(counted(evidence.sources.count, "source")) · best \(evidence.bestGrade)"
    }

    /// Fill colour of an entity type's nodes.
    public static func fill(for type: EntityType) -> String {
        switch type {
        case .organization: "#dbe9f6"
        case .person: "#fde9d0"
        case .event: "#f2dcdb"
        case .place: "#e2efda"
        }
    }

    /// The predicate families in legend order, with their edge colours.
    public static let families: [(name: String, color: String)] = [
        ("structure", "#1f78b4"), ("alliance", "#33a02c"), ("hostility", "#e31a1c"), ("support", "#ff7f00"),
        ("communication", "#6a3d9a"), ("violence", "#b15928"), ("kinship", "#c51b7d"), ("location", "#737373"),
    ]

    /// Edge colour of a predicate, by its family.
    public static func color(forPredicate id: String) -> String {
        let family = Vocabulary.standard[id]?.family
        return families.first { $0.name == family }?.color ?? "#000000"
    }

    /// The tooltip of an edge: its claims, status and strongest citation with its quote.
    public static func edgeTooltip(_ edge: ExportGraph.Edge) -> String {
        var lines = [
            "\(edge.subject) \(edge.predicate) \(edge.object)", evidenceLine(edge.evidence),
            "claims: " + edge.claimIDs.joined(separator: ", "), "sources: " + edge.evidence.sources.joined(separator: ", "),
        ]
        if let best = edge.bestCitation {
            let via = best.citation.via.map { ", via \($0)" } ?? ""
            lines.append(
                "\(best.citation.stance.rawValue) \(best.reliability.rawValue)\(best.citation.credibility.rawValue): \(best.citation.source)\(via)")
            lines.append("«\(best.citation.quote)»")
            if let english = best.citation.quoteEnglish { lines.append("\"\(english)\"") }
        }
        return lines.joined(separator: "\n")
    }
}
