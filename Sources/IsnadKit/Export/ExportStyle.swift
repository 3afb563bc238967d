/// What exports show, shared by DOT and GraphML: labels in English, Arabic or both, titles,
/// tooltips, and the colours of entity types and predicate families. Dates, evidence and
/// directional isolates, which the terminal shows too, are in `Presentation/` (``DateText``,
/// ``EvidenceText``, ``BidiText``).
public enum ExportStyle {
    /// Which names node labels show.
    public enum Language: String, CaseIterable, Sendable {
        case en, ar, both
    }

    /// The entity's Arabic name, if it has one: its name when that is written in Arabic, no
    /// Latin letter in it (an entity known by its Arabic name first), else its first alias in
    /// Arabic. The labels of `--lang ar`, GraphML's and GEXF's `name_ar`, and the HTML view's
    /// Arabic labels.
    public static func arabicName(of entity: Entity) -> String? { name(of: entity, in: .ar) }

    /// The entity's English name, if it has one: its name when that is written in Latin letters
    /// (an entity known by its English name first), else its first alias in English (`en` or
    /// `en-…`). The labels of `--lang en`, GraphML's and GEXF's `name_en`, and the HTML view's
    /// English labels.
    public static func englishName(of entity: Entity) -> String? { name(of: entity, in: .en) }

    /// The entity's name in `language` (en or ar; nil for both), one rule for each: its name when
    /// it is written in that language's letters (Arabic: Arabic letters only, not Persian or
    /// Urdu ones; English: any Latin letter), else its first alias tagged with the language
    /// (`ar`, `en-GB` …).
    static func name(of entity: Entity, in language: Language) -> String? {
        let hasLatinLetter = entity.name.unicodeScalars.contains(where: isLatinLetter)
        switch language {
        case .ar:
            return NameLanguage.of(entity.name) == "ar" && !hasLatinLetter ? entity.name : entity.alias(in: "ar")
        case .en: return hasLatinLetter ? entity.name : entity.alias(in: "en")
        case .both: return nil
        }
    }

    /// A letter of the Latin script: ASCII, Latin-1 and the Latin Extended blocks (`é`, `ḥ`).
    private static func isLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A: true
        case 0xC0...0x24F, 0x1E00...0x1EFF: scalar.properties.isAlphabetic && scalar.value != 0xD7 && scalar.value != 0xF7
        default: false
        }
    }

    /// The node label's lines: the name in the language (its name when it has none there); with
    /// both, the English name then the Arabic one, when they differ.
    public static func nodeLabel(_ entity: Entity, language: Language) -> [String] {
        switch language {
        case .en, .ar: return [name(of: entity, in: language) ?? entity.name]
        case .both:
            let english = englishName(of: entity) ?? entity.name
            return arabicName(of: entity).flatMap { $0 == english ? nil : [english, $0] } ?? [english]
        }
    }

    /// An edge's label in GraphML and GEXF, which Gephi, Cytoscape and yEd draw on it: the
    /// predicate with the claim's status and best grade (`supplied weapons to · ALLEGED E3`), so
    /// that a drawing never shows a claim as a bare fact; `predicate` keeps the predicate alone.
    public static func edgeLabel(_ edge: ExportGraph.Edge, vocabulary: Vocabulary) -> String {
        let status = edge.retraction == nil ? edge.evidence.status.rawValue.uppercased() : "RETRACTED"
        return "\(vocabulary[edge.predicate]?.labelEnglish ?? edge.predicate) · \(status) \(edge.evidence.bestGrade)"
    }

    /// What an entity's description is labelled with where an export shows it beside the claims
    /// (a DOT node's tooltip; the HTML view's panel says the same in its own words, view.js), and
    /// where `isnad show` prints it above them: it
    /// is the store's own free text, which no source, stance or grade weighs, and unlabelled it
    /// reads as fact beside the same relation drawn as a claim graded ALLEGED E2.
    public static let descriptionLabel = "Description (the store's note, not a weighed claim)"

    /// The longest line of a name a drawing writes on an entity, in characters, and the most
    /// lines: a name of thousands of letters would make one box wider than the rest of the graph
    /// together (the tooltip and the panel keep it whole). The HTML view's script shortens its
    /// labels to the same length.
    public static let longestDrawnName = 80
    static let mostDrawnNameLines = 4

    /// ``nodeLabel(_:language:)`` as a drawing writes it: each line of a name past
    /// ``longestDrawnName`` characters cut there with `…`, and lines past the fourth left out
    /// (the fourth ends with `…`).
    public static func drawnLabel(_ entity: Entity, language: Language) -> [String] {
        nodeLabel(entity, language: language).map(drawnName)
    }

    static func drawnName(_ name: String) -> String {
        let lines = name.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard lines.count > mostDrawnNameLines || lines.contains(where: { $0.count > longestDrawnName }) else { return name }
        var drawn = lines.prefix(mostDrawnNameLines).map { line in
            line.count > longestDrawnName ? line.prefix(longestDrawnName - 1) + "…" : String(line)
        }
        if lines.count > mostDrawnNameLines, let last = drawn.last, !last.hasSuffix("…") { drawn[drawn.count - 1] = last + " …" }
        return drawn.joined(separator: "\n")
    }

    /// An edge label's lines: the predicate; the dates, the status with the best grade and the
    /// independent channels (`since 2014-11 · ALLEGED E2 · 1 channel`); who says it
    /// (``claimantLines(support:denial:otherSupporters:otherDeniers:language:)``:
    /// `israel-police-statement-hadera (asserts B2) and 1 more`, and on a disputed claim who
    /// denies it); then what every channel passes through when one source does
    /// (`all through hadera-2022-article (E)`). The status and grade are capped by that source
    /// (``SupportStrength``), the claimants' grades their own, as the claims table gives them.
    /// With `.ar` every word is Arabic and the lines after the predicate are isolated right to
    /// left (``BidiText/BidiText.rightToLeft(_:)``), so that a viewer that lays lines out left to
    /// right (SVG's default) still reads them in order; with `.both` the predicate is in both
    /// languages and the rest in English.
    public static func edgeLabel(_ edge: ExportGraph.Edge, language: Language, vocabulary: Vocabulary) -> [String] {
        let evidence = edge.evidence
        let channels = edge.weight.supportingChannels
        // A retracted claim (drawn only on request) says so where a standing one gives its status.
        let word =
            edge.retraction == nil
            ? EvidenceText.statusWord(evidence.status, language: language) : language == .ar ? "مسحوب" : "RETRACTED"
        let dates = DateText.dates(edge.period, language: language)
        let claimants = claimantLines(
            support: edge.bestSupport, denial: edge.bestDenial, otherSupporters: evidence.supportingSources.count - 1,
            otherDeniers: evidence.denyingSources.count - 1, language: language)
        guard language == .ar else {
            var lines = [
                predicateLabel(edge.predicate, language: language, vocabulary: vocabulary),
                "\(dates) · \(word) \(evidence.bestGrade) · \(counted(channels, "channel"))",
            ]
            lines += claimants
            if let link = edge.weight.commonLink { lines.append("all through \(link.label)") }
            return lines
        }
        var lines = [
            predicateLabel(edge.predicate, language: .ar, vocabulary: vocabulary),
            BidiText.rightToLeft("\(dates) · \(word) \(evidence.bestGrade) · القنوات: \(channels)"),
        ]
        lines += claimants
        if let link = edge.weight.commonLink {
            lines.append(BidiText.rightToLeft("كلها عبر \(BidiText.leftToRight(link.label))"))
        }
        return lines
    }

    /// Who says a claim, a line a side, as the claims table's SAID BY names a claimant: the
    /// strongest supporting citation's source with its stance and its own grades, and how many
    /// other sources support the claim (`hamas-statement-hadera (asserts B2) and 1 more`); then
    /// the strongest denial and how many other sources deny it (`nrf-statement (denies D4)`). No
    /// line for a side no citation takes. With `.ar` the stance is an Arabic verb before the
    /// source (``arabicClaimVerbs``: `يؤكده police-statement (B3)`), the line isolated right to
    /// left and the source's id left to right. `isNarrow` gives each side two lines, the id on one
    /// and the stance and grade on the other: an overview's picture is scaled by its width, which
    /// its labels' longest lines set.
    static func claimantLines(
        support: GradedCitation?, denial: GradedCitation?, otherSupporters: Int, otherDeniers: Int, language: Language,
        isNarrow: Bool = false
    ) -> [String] {
        func lines(_ cited: GradedCitation, others: Int) -> [String] {
            let source = cited.citation.source
            let grade = "\(cited.reliability.rawValue)\(cited.citation.credibility.rawValue)"
            guard language == .ar else {
                let stance = "(\(cited.citation.stance.rawValue) \(grade))" + (others > 0 ? " and \(others) more" : "")
                return isNarrow ? [source, stance] : ["\(source) \(stance)"]
            }
            // The verb first, as Arabic puts it: a line that began with the Latin id was laid out
            // left to right beside other text (a legend's cell), by its first letter.
            let verb = arabicClaimVerbs[cited.citation.stance] ?? cited.citation.stance.rawValue
            let more = others > 0 ? " · مصادر أخرى: \(others)" : ""
            return isNarrow
                ? [BidiText.rightToLeft("\(verb) (\(grade))\(more)"), source]
                : [BidiText.rightToLeft("\(verb) \(BidiText.leftToRight(source)) (\(grade))\(more)")]
        }
        return (support.map { lines($0, others: otherSupporters) } ?? []) + (denial.map { lines($0, others: otherDeniers) } ?? [])
    }

    /// A stance as the verb of an Arabic label's claimant line, with the claim as its object:
    /// asserts it, reports it, denies it (يؤكده, ينقله, ينفيه, as the legend words them).
    static let arabicClaimVerbs: [Stance: String] = [.asserts: "يؤكده", .reports: "ينقله", .denies: "ينفيه"]

    /// ``claimantLines(support:denial:otherSupporters:otherDeniers:language:)`` in English,
    /// each line after a line break, appended as UTF-8.
    static func appendClaimantLines(
        support: GradedCitation?, denial: GradedCitation?, otherSupporters: Int, otherDeniers: Int, to bytes: inout [UInt8]
    ) {
        func line(_ cited: GradedCitation, others: Int) {
            bytes.append(UInt8(ascii: "\n"))
            bytes.appendUTF8(cited.citation.source)
            bytes.appendStatic(" (")
            bytes.appendUTF8(cited.citation.stance.rawValue)
            bytes.append(UInt8(ascii: " "))
            bytes.appendUTF8(cited.reliability.rawValue)
            bytes.appendDecimal(cited.citation.credibility.rawValue)
            bytes.append(UInt8(ascii: ")"))
            if others > 0 {
                bytes.appendStatic(" and ")
                bytes.appendDecimal(others)
                bytes.appendStatic(" more")
            }
        }
        if let support { line(support, others: otherSupporters) }
        if let denial { line(denial, others: otherDeniers) }
    }

    /// ``edgeLabel(_:language:vocabulary:)``, its lines joined by line breaks, appended as UTF-8;
    /// `support` and `denial` are the edge's ``ExportGraph/Edge/bestSupport`` and
    /// ``ExportGraph/Edge/bestDenial``, which its tooltip shows too.
    static func appendEdgeLabel(
        _ edge: ExportGraph.Edge, support: GradedCitation?, denial: GradedCitation?, language: Language,
        vocabulary: Vocabulary, to bytes: inout [UInt8]
    ) {
        // Arabic lines are isolated right to left as wholes: built as strings, as they are shown.
        guard language != .ar else {
            return bytes.appendUTF8(edgeLabel(edge, language: language, vocabulary: vocabulary).joined(separator: "\n"))
        }
        let evidence = edge.evidence
        if language == .both, let predicate = vocabulary[edge.predicate] {
            bytes.appendUTF8(predicate.labelEnglish)
            bytes.appendStatic(" · ")
            bytes.appendUTF8(predicate.labelArabic)
        } else {
            bytes.appendUTF8(predicateLabel(edge.predicate, language: language, vocabulary: vocabulary))
        }
        bytes.append(UInt8(ascii: "\n"))
        bytes.appendUTF8(DateText.dates(edge.period, language: language))
        bytes.appendStatic(" · ")
        if edge.retraction == nil {
            EvidenceText.appendStatusWord(evidence.status, to: &bytes)
        } else {
            bytes.appendStatic("RETRACTED")
        }
        bytes.append(UInt8(ascii: " "))
        EvidenceText.appendGrade(evidence, to: &bytes)
        bytes.appendStatic(" · ")
        EvidenceText.appendCounted(edge.weight.supportingChannels, "channel", to: &bytes)
        appendClaimantLines(
            support: support, denial: denial, otherSupporters: evidence.supportingSources.count - 1,
            otherDeniers: evidence.denyingSources.count - 1, to: &bytes)
        if let link = edge.weight.commonLink {
            bytes.appendStatic("\nall through ")
            EvidenceText.appendLabel(of: link, to: &bytes)
        }
    }

    /// A picture's title, as lines: what it shows (the whole store, or an entity's
    /// neighbourhood, with the filters that apply), and that its edges are claims as their
    /// sources state them, not facts. In English, Arabic (filters stay in English) or both.
    public static func title(focus: Entity?, depth: Int, filter: GraphFilter, collapsed: Bool, language: Language) -> [String] {
        var conditions = filterSummary(filter)
        if collapsed { conditions.append("one edge per subject, predicate and object") }
        let english = "Claims as their sources state them, not established facts"
        let arabic = BidiText.rightToLeft("ادعاءات كما تنقلها مصادرها، لا حقائق ثابتة")
        switch language {
        case .ar:
            let subject =
                focus.map { "\(BidiText.isolated(arabicName(of: $0) ?? $0.name))، العمق \(depth)" } ?? "كل الكيانات والادعاءات"
            return [BidiText.rightToLeft(subject), arabic] + (conditions.isEmpty ? [] : [conditions.joined(separator: " · ")])
        case .en, .both:
            var subject = "The whole store"
            if let focus {
                let names = nodeLabel(focus, language: language).map(BidiText.isolated).joined(separator: " · ")
                subject = "\(names), \(counted(depth, "hop"))"
            }
            subject += conditions.map { " · " + $0 }.joined()
            return [subject, english] + (language == .both ? [arabic] : [])
        }
    }

    /// The filters that are set, in words: `sources graded C or better`, `claims held in 2017` …
    public static func filterSummary(_ filter: GraphFilter) -> [String] {
        var parts: [String] = []
        if !filter.predicates.isEmpty { parts.append("predicates: " + filter.predicates.sorted().joined(separator: ", ")) }
        if !filter.entityTypes.isEmpty {
            parts.append("types: " + filter.entityTypes.map(\.rawValue).sorted().joined(separator: ", "))
        }
        // Not "as of": a figure's caption says which entry of the store's history it shows in those words.
        if let asOf = filter.asOf { parts.append("claims held \(asOf.precision == .day ? "on" : "in") \(asOf)") }
        if let between = filter.between { parts.append("between \(between.from) and \(between.to)") }
        if filter.excludesUndated { parts.append("undated claims left out") }
        if let knownBy = filter.knownBy { parts.append("as known by \(knownBy)") }
        if let grade = filter.minimumReliability { parts.append("sources graded \(grade.rawValue) or better") }
        if let grade = filter.minimumCredibility { parts.append("credibility \(grade.rawValue) or better") }
        if !filter.stances.isEmpty { parts.append("stances: " + filter.stances.map(\.rawValue).sorted().joined(separator: ", ")) }
        if !filter.sources.isEmpty { parts.append("sources: " + filter.sources.sorted().joined(separator: ", ")) }
        if !filter.statuses.isEmpty {
            parts.append("status: " + filter.statuses.sorted().map(\.rawValue).joined(separator: ", "))
        }
        if filter.excludesDisputed { parts.append("disputed claims left out") }
        if let source = filter.excludedCommonLink { parts.append("without what passes through \(source)") }
        if let channels = filter.minimumChannels { parts.append("at least \(counted(channels, "independent channel"))") }
        if let channels = filter.maximumChannels { parts.append("at most \(counted(channels, "independent channel"))") }
        return parts
    }

    /// The predicate's label in a language (both: English · Arabic).
    public static func predicateLabel(_ id: String, language: Language, vocabulary: Vocabulary) -> String {
        guard let predicate = vocabulary[id] else { return id }
        switch language {
        case .en: return predicate.labelEnglish
        case .ar: return predicate.labelArabic
        case .both: return "\(predicate.labelEnglish) · \(predicate.labelArabic)"
        }
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

    /// The predicate families in legend order, with their edge colours: each at least 3:1
    /// against white, WCAG's contrast for graphics (support was ColorBrewer's #ff7f00, 2.5:1, a
    /// line too pale to follow; #e66101 keeps its hue).
    public static let families: [(name: String, color: String)] = [
        ("structure", "#1f78b4"), ("alliance", "#33a02c"), ("hostility", "#e31a1c"), ("support", "#e66101"),
        ("communication", "#6a3d9a"), ("violence", "#b15928"), ("kinship", "#c51b7d"), ("location", "#737373"),
    ]

    /// The colour of every edge label's text in a DOT picture, whatever its line's colour: near
    /// black, 17.4:1 against white. In the family's colour small type fell below WCAG's 4.5:1
    /// for text (alliance's #33a02c is 3.4:1); the line keeps the colour, and the label names
    /// its status in words (a disputed one was already in black: now every one is alike).
    public static let edgeLabelColor = "#1a1a1a"

    /// Edge colour of a predicate, by its family.
    public static func color(forPredicate id: String, vocabulary: Vocabulary) -> String {
        let family = vocabulary[id]?.family
        return families.first { $0.name == family }?.color ?? "#000000"
    }

    /// The tooltip of an edge: its ends and predicate with its dates (`since 2017-07`), its
    /// claims, capped status, channels and common link, its
    /// strongest supporting citation with its quote (`support`, the edge's
    /// ``ExportGraph/Edge/bestSupport``), and on a disputed edge the strongest denial with its
    /// quote too (`denial`, its ``ExportGraph/Edge/bestDenial``; quotes ``BidiText.isolated(_:)``).
    ///
    /// Appended to `bytes` as UTF-8, unescaped: what the DOT writer quotes, built without
    /// intermediate strings (it is the longest text of every edge).
    static func appendEdgeTooltip(
        _ edge: ExportGraph.Edge, support: GradedCitation?, denial: GradedCitation?, to bytes: inout [UInt8]
    ) {
        func list(_ values: [String]) {
            for (index, value) in values.enumerated() {
                if index > 0 { bytes.appendStatic(", ") }
                bytes.appendUTF8(value)
            }
        }
        func appendCitation(_ cited: GradedCitation) {
            let citation = cited.citation
            bytes.append(UInt8(ascii: "\n"))
            bytes.appendUTF8(citation.stance.rawValue)
            bytes.append(UInt8(ascii: " "))
            bytes.appendUTF8(cited.reliability.rawValue)
            bytes.appendDecimal(citation.credibility.rawValue)
            bytes.appendStatic(": ")
            bytes.appendUTF8(citation.source)
            if let via = citation.via {
                bytes.appendStatic(", via ")
                bytes.appendUTF8(via)
            }
            // No frame of ours around a quote that has its own (``QuoteFrame``).
            let frame = QuoteFrame.marks(for: citation.quote, open: "«", close: "»")
            bytes.append(UInt8(ascii: "\n"))
            bytes.appendUTF8(frame.open)
            BidiText.appendIsolated(citation.quote, to: &bytes)
            bytes.appendUTF8(frame.close)
            if let english = citation.quoteEnglish {
                let frame = QuoteFrame.marks(for: english, open: "\"", close: "\"")
                bytes.append(UInt8(ascii: "\n"))
                bytes.appendUTF8(frame.open)
                BidiText.appendIsolated(english, to: &bytes)
                bytes.appendUTF8(frame.close)
            }
        }
        if let retraction = edge.retraction {
            bytes.appendStatic("RETRACTED: ")
            bytes.appendUTF8(retraction)
            bytes.append(UInt8(ascii: "\n"))
        }
        bytes.appendUTF8(edge.subject)
        bytes.append(UInt8(ascii: " "))
        bytes.appendUTF8(edge.predicate)
        bytes.append(UInt8(ascii: " "))
        bytes.appendUTF8(edge.object)
        // Its dates, as the claim's own label gives them: a pair's label has none, and its
        // tooltip is where a reader learns which period each claim speaks of.
        bytes.appendStatic(" · ")
        bytes.appendUTF8(DateText.dates(edge.period))
        bytes.append(UInt8(ascii: "\n"))
        if !EvidenceText.appendWeighedLine(edge.weight, citations: edge.citations.count, to: &bytes) {
            bytes.appendUTF8(EvidenceText.evidenceLine(edge.evidence))
        }
        bytes.appendStatic("\nclaims: ")
        list(edge.claimIDs)
        bytes.appendStatic("\nsources: ")
        list(edge.evidence.sources)
        if let support { appendCitation(support) }
        if let denial { appendCitation(denial) }
    }
}

extension ExportStyle {
    /// An entity type's name in a language (`.both`: English).
    public static func typeName(_ type: EntityType, language: Language) -> String {
        guard language == .ar else { return type.rawValue }
        switch type {
        case .organization: return "منظمة"
        case .person: return "شخص"
        case .event: return "حدث"
        case .place: return "مكان"
        }
    }

    /// A predicate family's name in a language (`.both`: English).
    public static func familyName(_ family: String, language: Language) -> String {
        guard language == .ar else { return family }
        let arabic = [
            "structure": "بنية", "alliance": "تحالف", "hostility": "عداء", "support": "دعم", "communication": "تواصل",
            "violence": "عنف", "kinship": "قرابة", "location": "موقع",
        ]
        return arabic[family] ?? family
    }
}
