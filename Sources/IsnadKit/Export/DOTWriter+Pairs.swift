extension DOTWriter {
    /// Writes the graph with one edge per pair of entities and direction (`--pairs`), for
    /// overviews: its label lists the predicates between the two, each with its status, best
    /// grade, channels and who says it, strongest first (status, then more channels, then grade,
    /// as everywhere);
    /// its colour, line and width (by channels) are those of the strongest claim, but a pair
    /// holding a disputed claim is drawn disputed; its tooltip lists every claim. Symmetric claims make their own edge, without arrowhead, whichever
    /// way they were recorded.
    ///
    /// With short labels (``Options/pairLabels``, the default) the picture is an overview: each
    /// label is the predicate family when every claim of the pair is of one, the number of claims
    /// with the strongest one's status and grade, and who says that claim (`support`,
    /// `4 claims · ALLEGED F3`, `abu-maram-document`, `(asserts F3)`), on how many claims that
    /// source is when not on all, and how many claims are disputed and by whom
    /// (``voiceLines(of:language:)``); entity names and edge labels are set larger, names
    /// wrapped, and the layout is packed towards 16:9 (``overviewAttributes(entities:)``), so
    /// that names read when the picture is fitted to a 1920×1080 screen; the tooltips still list
    /// every claim.
    ///
    /// Entities stream as in ``GraphWriter/write(_:)``; the edges are gathered by pair first
    /// (``PairAggregate``), so memory holds a few numbers per pair, not the claims: the text of
    /// each claim that its pair's tooltip or label shows waits in a temporary file (in
    /// ``FileSystem/sqliteTemporaryFolder``, at most about as large as the export's edges).
    public func writePairs(_ graph: ExportGraph, onCount: (Int) -> Void = { _ in }) throws {
        if !options.drawsPairs {
            var pairs = options
            pairs.drawsPairs = true
            pairs.isOverview = options.pairLabels == .short
            return try DOTWriter(sink: sink, options: pairs).writePairs(graph, onCount: onCount)
        }
        try sink.write(head())
        let vocabulary = graph.store.vocabulary
        let spill = try SpillFile()
        var count = 0
        var position = 0
        var bytes: [UInt8] = []
        var pairs: [String: PairAggregate] = [:]
        // Sources by number: a pair counts the claims each is on without keeping its name.
        var sourceNumbers: [String: Int32] = [:]
        func number(_ source: String) -> Int32 {
            if let number = sourceNumbers[source] { return number }
            let number = Int32(truncatingIfNeeded: sourceNumbers.count)
            sourceNumbers[source] = number
            return number
        }
        try graph.stream(
            count: {
                count = $0
                onCount($0)
                if options.isOverview { try sink.write(DOTWriter.overviewAttributes(entities: $0)) }
            },
            nodes: { entity in
                bytes.removeAll(keepingCapacity: true)
                appendNode(entity, position: position, count: count, vocabulary: vocabulary, to: &bytes)
                try sink.write(bytes)
                position += 1
            },
            edges: { edge in
                drawn.channels.add(edge.weight)
                let isSymmetric = vocabulary[edge.predicate]?.isSymmetric ?? false
                let ends = isSymmetric ? [edge.subject, edge.object].sorted() : [edge.subject, edge.object]
                // The claim's text, spilled unless the pair's edge cannot show it.
                bytes.removeAll(keepingCapacity: true)
                let (support, denial) = (edge.bestSupport, edge.bestDenial)
                ExportStyle.appendEdgeTooltip(edge, support: support, denial: denial, to: &bytes)
                let tooltipLength = bytes.count
                bytes.appendUTF8(pairLine(edge, support: support, denial: denial, vocabulary: vocabulary))
                let claim = PairAggregate.Shown(
                    rank: .init(
                        status: edge.evidence.status, channels: edge.weight.supportingChannels,
                        strength: ClaimStrength(edge.evidence)),
                    id: edge.id, offset: spill.count, tooltipLength: tooltipLength, lineLength: bytes.count - tooltipLength)
                // A short label says how many claims its source is on, and names a disputed
                // claim's denier whichever claim is the strongest: who speaks on each is counted.
                let voices =
                    options.isOverview
                    ? PairAggregate.Voices(
                        supporters: edge.evidence.supportingSources.map(number),
                        named: support.map { number($0.citation.source) },
                        deniers: edge.evidence.denyingSources.map(number), denier: denial.map { number($0.citation.source) },
                        denialLines: denial == nil
                            ? []
                            : ExportStyle.claimantLines(
                                support: nil, denial: denial, otherSupporters: 0, otherDeniers: 0, language: options.language,
                                isNarrow: true))
                    : nil
                let key = ends.joined(separator: "\u{0}") + (isSymmetric ? "\u{0}" : "")
                let isKept = pairs[key, default: PairAggregate(showsLines: !options.isOverview)].add(
                    claim, predicate: edge.predicate, family: vocabulary[edge.predicate]?.family, voices: voices)
                if isKept {
                    try spill.append(bytes)
                    // A full label shows the line of each claim kept (unless a pair's lines outgrow
                    // a DOT string, when the key may name a source of one cut off); an overview's
                    // names are known once every claim is counted, below.
                    if !options.isOverview {
                        if let support { drawn.namedSources.insert(support.citation.source) }
                        if let denial { drawn.namedSources.insert(denial.citation.source) }
                    }
                }
            })
        // An overview's label names who says the strongest claim and who denies the strongest
        // disputed one: known once every claim is counted.
        if options.isOverview {
            var names = [String](repeating: "", count: sourceNumbers.count)
            for (source, number) in sourceNumbers { names[Int(number)] = source }
            for pair in pairs.values {
                for number in pair.namedSourceNumbers { drawn.namedSources.insert(names[Int(number)]) }
            }
        }
        // A pair's label names only sources that say or deny its claims (never a common link):
        // each is cited, and no claim's citations need be gathered for the key.
        drawn.citedSources = drawn.namedSources
        for key in pairs.keys.sorted() {
            guard let pair = pairs[key] else { continue }
            bytes.removeAll(keepingCapacity: true)
            let ends = key.split(separator: "\u{0}", omittingEmptySubsequences: false)
            try appendPair(
                pair, from: String(ends[0]), to: String(ends[1]), isSymmetric: ends.count == 3,
                isFiltered: !graph.options.filter.isEmpty, spill: spill, vocabulary: vocabulary, to: &bytes)
            try sink.write(bytes)
        }
        try writeTail(reading: graph.store)
    }

    /// A claim's line in a pair's full label, who says it last:
    /// `allied with · ALLEGED B2 · 2 channels · police-statement (asserts B2) and 1 more`. In an
    /// overview, who says it alone, the id over its stance and grade (`police-statement`,
    /// `(asserts B2)`), which the pair's label shows under its count for its strongest claim: how
    /// many other sources say that claim is left to the tooltip, where the label's count is of
    /// claims; who denies a claim the label says apart (``PairAggregate/Voices``).
    private func pairLine(
        _ edge: ExportGraph.Edge, support: GradedCitation?, denial: GradedCitation?, vocabulary: Vocabulary
    ) -> String {
        let language = options.language
        let evidence = edge.evidence
        guard !options.isOverview else {
            return ExportStyle.claimantLines(
                support: support, denial: nil, otherSupporters: 0, otherDeniers: 0, language: language, isNarrow: true
            ).joined(separator: "\n")
        }
        let claimants = ExportStyle.claimantLines(
            support: support, denial: denial, otherSupporters: evidence.supportingSources.count - 1,
            otherDeniers: evidence.denyingSources.count - 1, language: language
        ).map { " · " + $0 }.joined()
        let predicate = ExportStyle.predicateLabel(edge.predicate, language: language, vocabulary: vocabulary)
        let status = EvidenceText.statusWord(evidence.status, language: language)
        let channels = edge.weight.supportingChannels
        return language == .ar
            ? BidiText.rightToLeft("\(predicate) · \(status) \(evidence.bestGrade) · القنوات: \(channels)\(claimants)")
            : "\(predicate) · \(status) \(evidence.bestGrade) · \(channels) \(channels == 1 ? "channel" : "channels")\(claimants)"
    }

    /// One pair's edge, `from` and `to` its ends as its key holds them (a symmetric pair's in
    /// order); `isFiltered`: the export was given filters, which the command its tooltip names
    /// for the claims it left out must be given too.
    func appendPair(
        _ pair: PairAggregate, from: String, to: String, isSymmetric: Bool, isFiltered: Bool, spill: SpillFile,
        vocabulary: Vocabulary, to bytes: inout [UInt8]
    ) throws {
        guard let first = pair.shown.first else { return }
        let color = ExportStyle.color(forPredicate: pair.strongestPredicate, vocabulary: vocabulary)
        let language = options.language
        let status = first.rank.status
        let channels = first.rank.channels
        var lines: [String] = []
        var tooltip = ""
        // The tooltip lists whole claims while they fit in a DOT string, then says how many it
        // left out and where they are: cut mid-claim by the escaping, it said neither.
        var tooltipBytes = 0
        var listed = 0
        var isListing = true
        for claim in pair.shown {
            let text = try spill.read(at: claim.offset, length: claim.tooltipLength + claim.lineLength)
            lines.append(String(decoding: text[claim.tooltipLength...], as: UTF8.self))
            guard isListing else { continue }
            let part = String(decoding: text[..<claim.tooltipLength], as: UTF8.self)
            let escaped = DOTEscaping.quoted(part, as: .tooltip).utf8.count - 2 + (listed == 0 ? 0 : 4)
            if listed > 0, tooltipBytes + escaped > DOTEscaping.longestString - DOTWriter.tooltipTrailerRoom {
                isListing = false
                continue
            }
            tooltip += (listed == 0 ? "" : "\n\n") + part
            tooltipBytes += escaped
            listed += 1
        }
        if listed < pair.claimCount {
            let ways = isSymmetric ? [(from, to), (to, from)] : [(from, to)]
            tooltip += "\n\n… " + ClaimsBetween.more(pair.claimCount - listed, ways: ways, isFiltered: isFiltered)
        }
        if options.isOverview {
            let statusWord = EvidenceText.statusWord(status, language: language)
            // Evidence.bestGrade, which the rank's strength holds.
            let grade = "\(first.rank.strength.reliability.rawValue)\(first.rank.strength.credibility.rawValue)"
            let count = pair.claimCount
            // Over the count, the family in words when every claim is of one, as the legend
            // names it: a greyscale print, or a reader who cannot tell the colours apart, still
            // knows it (a full label's predicates name it already). A line of its own (in Arabic
            // a word alone, as a full label's Arabic predicate is): on the count's line it
            // widened the labels, and the whole seed store fitted to a screen drew its names
            // 10.9 px high, not 11.2.
            let family = pair.sharedFamily.map { [ExportStyle.familyName($0, language: language)] } ?? []
            // Under the count, who says the strongest claim: its spilled line.
            lines =
                family
                + [
                    language == .ar
                        ? BidiText.rightToLeft("الادعاءات: \(count) · \(statusWord) \(grade)")
                        : "\(count) \(count == 1 ? "claim" : "claims") · \(statusWord) \(grade)"
                ] + lines.prefix(1).filter { !$0.isEmpty }
            lines += DOTWriter.voiceLines(of: pair, language: language)
        }
        bytes.appendUTF8("  ")
        DOTEscaping.appendQuoted(from, to: &bytes)
        bytes.appendUTF8(" -> ")
        DOTEscaping.appendQuoted(to, to: &bytes)
        bytes.appendUTF8(" [id=")
        DOTEscaping.appendQuoted("pair:\(from)--\(to)" + (isSymmetric ? "--symmetric" : ""), to: &bytes)
        bytes.appendUTF8(", label=")
        DOTEscaping.appendQuoted(lines.joined(separator: "\n"), to: &bytes)
        bytes.appendUTF8(", color=\"\(color)\", ")
        // A pair holding a disputed claim is drawn as one: its line must not read stronger than
        // its weakest claim where a source denies it, and a printed figure has no tooltip.
        bytes.appendUTF8(DOTWriter.style(of: pair.disputedCount > 0 ? .disputed : status, isSymmetric: isSymmetric))
        bytes.appendUTF8(", penwidth=\(DOTWriter.penWidth(channels: channels))")
        bytes.appendUTF8(", tooltip=")
        DOTEscaping.appendQuoted(tooltip, as: .tooltip, to: &bytes)
        bytes.appendUTF8("];\n")
    }

    /// What a short label says under who says the pair's strongest claim, so that a printed
    /// figure (no tooltip) neither lends that source's name to the other claims nor hides a
    /// dispute: that the source is on some of the claims only (`on 1 of 3 claims`), how many
    /// claims some source denies (`1 DISPUTED:`; a pair of one claim says it in its status), and
    /// who denies the strongest of them, as a single claim's label names a denier
    /// (`hadera-2022-article`, `(denies E3)`), and on how many of them when not on all.
    static func voiceLines(of pair: PairAggregate, language: ExportStyle.Language) -> [String] {
        func on(_ claims: Int, of count: Int, saying: Bool) -> [String] {
            guard claims < count else { return [] }
            return [
                language == .ar
                    ? BidiText.rightToLeft("\(saying ? "الادعاءات التي يقولها" : "الادعاءات التي ينفيها"): \(claims) من \(count)")
                    : "on \(claims) of \(count) \(count == 1 ? "claim" : "claims")"
            ]
        }
        var lines: [String] = []
        if let named = pair.strongestNamed {
            lines += on(pair.claims(supportedBy: named), of: pair.claimCount, saying: true)
        }
        guard let dispute = pair.strongestDispute else { return lines }
        let disputed = pair.disputedCount
        if pair.claimCount > 1 {
            lines.append(
                language == .ar
                    ? BidiText.rightToLeft("المتنازع عليها: \(disputed)")
                    : "\(disputed) \(EvidenceText.statusWord(.disputed, language: language)):")
        }
        lines += dispute.lines
        if let denier = dispute.denier { lines += on(pair.claims(deniedBy: denier), of: disputed, saying: false) }
        return lines
    }

    /// The overview's layout (https://graphviz.org/docs/attrs/ratio/): ranks packed towards the
    /// 16:9 of a screen (`ratio=compress` within `size`, which also makes a renderer scale the
    /// picture to 20×11.25 inches, 1920×1080 pixels at 96 dpi), closer ranks and nodes, entity
    /// names in 26 point type, wrapped at ``overviewNameWidth`` characters, and edge labels in
    /// ``overviewEdgeFontSize(entities:)``. Measured on the seed dataset (38 entities, 73 pairs):
    /// names are drawn 11.2 px high when the picture is fitted to 1920×1080, against 4 px with
    /// full labels.
    static func overviewAttributes(entities count: Int) -> String {
        "  graph [ratio=\"compress\", size=\"20,11.25\", ranksep=0.4, nodesep=0.15];\n  node [fontsize=26];\n"
            + "  edge [fontsize=\(overviewEdgeFontSize(entities: count))];\n"
    }

    /// The type of an overview's edge labels, in points: 18 up to 20 entities, a point less for
    /// each two more, and from 38 on the 9 of the other pictures. `size` scales the drawing down,
    /// the more the larger it is: at 9 pt the labels of `--focus hamas --pairs` (15 entities) were
    /// drawn 6.4 px high fitted to 1920×1080, and at 18 pt they are 11; but larger labels widen
    /// the picture, and past some 35 entities (the whole seed store, 38) they shrink the names
    /// below 11 px while their own stay too small to read (6.6 px at 18 pt): there the tooltips
    /// and zooming in read them.
    static func overviewEdgeFontSize(entities count: Int) -> Int {
        max(9, min(18, 28 - count / 2))
    }

    /// The longest line, in characters, of an entity's name in an overview.
    static let overviewNameWidth = 16

    /// `text` broken into lines of at most `width` characters at spaces (a longer word keeps its
    /// own line). The space French typography sets inside « » and before : ; ! ? is not broken
    /// at: `« Abou Houzeifa »` is `« Abou` and `Houzeifa »`, never a lone `»`.
    static func wrapped(_ text: String, width: Int) -> [String] {
        var words: [String] = []
        var joinsNext = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if let last = words.last, joinsNext || ["»", "›", ":", ";", "!", "?"].contains(word) {
                words[words.count - 1] = last + " " + word
            } else {
                words.append(String(word))
            }
            joinsNext = word == "«" || word == "‹"
        }
        var lines: [String] = []
        var line = ""
        for word in words {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
