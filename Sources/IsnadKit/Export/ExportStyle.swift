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
    /// when open both ways, and `and undated` when some of them have no date. In Arabic with
    /// `.ar` (`منذ`, `حتى`, `بلا تاريخ`); the dates stay ISO, each ``leftToRight(_:)``.
    public static func dates(_ period: ExportGraph.Period, language: Language = .en) -> String {
        let arabic = language == .ar
        guard let anyDate = period.earliestStart ?? period.latestEnd else { return arabic ? "بلا تاريخ" : "undated" }
        let (since, until) = arabic ? ("منذ", "حتى") : ("since", "until")
        // Among Arabic words an ISO date would be laid out right to left (2017-07 as 07-2017):
        // each date is isolated left to right.
        func written(_ date: PartialDate) -> String { arabic ? leftToRight(date.description) : date.description }
        let text: String
        switch (period.isOpenAtStart ? nil : period.earliestStart, period.isOpenAtEnd ? nil : period.latestEnd) {
        case (let start?, let end?): text = start == end ? written(start) : "\(written(start)) – \(written(end))"
        case (let start?, nil): text = "\(since) \(written(start))"
        case (nil, let end?): text = "\(until) \(written(end))"
        case (nil, nil):
            let end = written(period.latestEnd ?? anyDate)
            let start = written(period.earliestStart ?? anyDate)
            text = arabic ? "حتى \(end) ومنذ \(start)" : "until \(end) and since \(start)"
        }
        guard period.undatedClaims > 0 else { return text }
        return text + (arabic ? "، وبعضها بلا تاريخ" : " and undated")
    }

    /// One claim's dates, as ``dates(_:language:)`` writes a range: `2014-05 – 2017`,
    /// `since 2014` (a state with no end), `until 2017`, `2022-03-27`, or `undated`.
    public static func dates(of claim: Claim, vocabulary: Vocabulary = .standard) -> String {
        dates(ExportGraph.Period([claim], temporal: vocabulary[claim.predicate]?.temporal ?? .state))
    }

    /// The status as edge labels write it: `ASSERTED`, `ALLEGED`, `DISPUTED`; in Arabic
    /// (`.ar`) مؤيَّد (supported by a source), مزعوم (alleged), متنازع عليه (disputed).
    public static func statusWord(_ status: Evidence.Status, language: Language = .en) -> String {
        guard language == .ar else { return status.rawValue.uppercased() }
        switch status {
        case .asserted: return "مؤيَّد"
        case .alleged: return "مزعوم"
        case .disputed: return "متنازع عليه"
        }
    }

    /// An edge label's lines: the predicate, then dates and status, then the number of sources
    /// and the best grade (`2 sources · best B2`). With `.ar` every word is Arabic and the last
    /// two lines are isolated right to left (``rightToLeft(_:)``), so that a viewer that lays
    /// lines out left to right (SVG's default) still reads them in order; with `.both` the
    /// predicate is in both languages and the rest in English.
    public static func edgeLabel(_ edge: ExportGraph.Edge, language: Language) -> [String] {
        let evidence = edge.evidence
        let status = "\(dates(edge.period, language: language)) · \(statusWord(evidence.status, language: language))"
        guard language == .ar else {
            return [
                predicateLabel(edge.predicate, language: language), status,
                "\(counted(evidence.sources.count, "source")) · best \(evidence.bestGrade)",
            ]
        }
        return [
            predicateLabel(edge.predicate, language: .ar), rightToLeft(status),
            rightToLeft("المصادر: \(evidence.sources.count) · أقوى تقييم \(evidence.bestGrade)"),
        ]
    }

    /// User text (a name, a quote) set inside a line of other text: each of its lines between
    /// FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE (U+2068, U+2069), so that its direction,
    /// and any right-to-left override or embedding it holds, stays inside it instead of
    /// reordering the text around it (https://www.unicode.org/reports/tr9/#Explicit_Directional_Isolates).
    public static func isolated(_ text: String) -> String {
        // Line breaks and isolates are ASCII controls or start with C2 or E2: text whose bytes
        // hold none of those is one plain line (the usual case, taken without decoding).
        if !text.utf8.contains(where: { (0x0A...0x0D).contains($0) || $0 == 0xC2 || $0 == 0xE2 }) {
            return "\u{2068}" + text + "\u{2069}"
        }
        var result = String.UnicodeScalarView()
        // Isolates the text opens and has not closed: they are closed at the end of its line, and
        // a closing one it has not opened is dropped, so that ours always pair up.
        var openIsolates = 0
        func endLine() {
            result.append(contentsOf: repeatElement("\u{2069}", count: openIsolates + 1))
            openIsolates = 0
        }
        result.append("\u{2068}")
        var afterCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { afterCarriageReturn = scalar == "\r" }
            switch scalar {
            case "\n" where afterCarriageReturn: continue  // CR LF is one line break
            case "\n", "\u{0B}", "\u{0C}", "\r", "\u{85}", "\u{2028}", "\u{2029}":
                endLine()
                result.append(contentsOf: "\n\u{2068}".unicodeScalars)
            case "\u{2066}", "\u{2067}", "\u{2068}":
                openIsolates += 1
                result.append(scalar)
            case "\u{2069}":
                guard openIsolates > 0 else { continue }
                openIsolates -= 1
                result.append(scalar)
            default: result.append(scalar)
            }
        }
        endLine()
        return String(result)
    }

    /// An Arabic line between RIGHT-TO-LEFT ISOLATE and POP DIRECTIONAL ISOLATE (U+2067,
    /// U+2069): read right to left wherever it is shown, even where lines are laid out left to
    /// right by default (SVG), grades in their places.
    public static func rightToLeft(_ line: String) -> String { "\u{2067}\(line)\u{2069}" }

    /// Text between LEFT-TO-RIGHT ISOLATE and POP DIRECTIONAL ISOLATE (U+2066, U+2069): an ISO
    /// date kept in its order inside a right-to-left line.
    public static func leftToRight(_ text: String) -> String { "\u{2066}\(text)\u{2069}" }

    /// A picture's title, as lines: what it shows (the whole store, or an entity's
    /// neighbourhood, with the filters that apply), and that its edges are claims as their
    /// sources state them, not facts. In English, Arabic (filters stay in English) or both.
    public static func title(focus: Entity?, depth: Int, filter: GraphFilter, collapsed: Bool, language: Language) -> [String] {
        var conditions = filterSummary(filter)
        if collapsed { conditions.append("one edge per subject, predicate and object") }
        let english = "Claims as their sources state them, not established facts"
        let arabic = rightToLeft("ادعاءات كما تنقلها مصادرها، لا حقائق ثابتة")
        switch language {
        case .ar:
            let subject = focus.map { "\(isolated(arabicName(of: $0) ?? $0.name))، العمق \(depth)" } ?? "كل الكيانات والادعاءات"
            return [rightToLeft(subject), arabic] + (conditions.isEmpty ? [] : [conditions.joined(separator: " · ")])
        case .en, .both:
            var subject = "The whole store"
            if let focus {
                let names = nodeLabel(focus, language: language).map(isolated).joined(separator: " · ")
                subject = "\(names), \(counted(depth, "hop"))"
            }
            subject += conditions.map { " · " + $0 }.joined()
            return [subject, english] + (language == .both ? [arabic] : [])
        }
    }

    /// The filters that are set, in words: `sources graded C or better`, `as of 2017` …
    public static func filterSummary(_ filter: GraphFilter) -> [String] {
        var parts: [String] = []
        if !filter.predicates.isEmpty { parts.append("predicates: " + filter.predicates.sorted().joined(separator: ", ")) }
        if !filter.entityTypes.isEmpty {
            parts.append("types: " + filter.entityTypes.map(\.rawValue).sorted().joined(separator: ", "))
        }
        if let asOf = filter.asOf { parts.append("as of \(asOf)") }
        if let between = filter.between { parts.append("between \(between.from) and \(between.to)") }
        if let knownBy = filter.knownBy { parts.append("as known by \(knownBy)") }
        if let grade = filter.minimumReliability { parts.append("sources graded \(grade.rawValue) or better") }
        if let grade = filter.minimumCredibility { parts.append("credibility \(grade.rawValue) or better") }
        if !filter.stances.isEmpty { parts.append("stances: " + filter.stances.map(\.rawValue).sorted().joined(separator: ", ")) }
        if !filter.sources.isEmpty { parts.append("sources: " + filter.sources.sorted().joined(separator: ", ")) }
        if !filter.statuses.isEmpty {
            parts.append("status: " + filter.statuses.sorted().map(\.rawValue).joined(separator: ", "))
        }
        if filter.excludesDisputed { parts.append("disputed claims left out") }
        return parts
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

    /// The tooltip of an edge: its claims, status and strongest citation with its quote (the
    /// quote ``isolated(_:)``).
    ///
    /// Appended to `bytes` as UTF-8, unescaped: what the DOT writer quotes, built without
    /// intermediate strings (it is the longest text of every edge).
    static func appendEdgeTooltip(_ edge: ExportGraph.Edge, to bytes: inout [UInt8]) {
        func list(_ values: [String]) {
            for (index, value) in values.enumerated() {
                if index > 0 { bytes.appendUTF8(", ") }
                bytes.appendUTF8(value)
            }
        }
        for part in [edge.subject, " ", edge.predicate, " ", edge.object, "\n", evidenceLine(edge.evidence), "\nclaims: "] {
            bytes.appendUTF8(part)
        }
        list(edge.claimIDs)
        bytes.appendUTF8("\nsources: ")
        list(edge.evidence.sources)
        if let best = edge.bestCitation {
            let citation = best.citation
            for part in [
                "\n", citation.stance.rawValue, " ", best.reliability.rawValue, String(citation.credibility.rawValue), ": ",
                citation.source,
            ] {
                bytes.appendUTF8(part)
            }
            if let via = citation.via {
                bytes.appendUTF8(", via ")
                bytes.appendUTF8(via)
            }
            bytes.appendUTF8("\n«")
            bytes.appendUTF8(isolated(citation.quote))
            bytes.appendUTF8("»")
            if let english = citation.quoteEnglish {
                bytes.appendUTF8("\n\"")
                bytes.appendUTF8(isolated(english))
                bytes.appendUTF8("\"")
            }
        }
    }
}
