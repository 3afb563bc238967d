import IsnadKit

/// A column a command puts before the claim's own: its header, and its value for a claim.
typealias ClaimColumn = (header: String, value: (GradedClaim) -> String)

/// How claims read in every command's output, so that a claim never looks like a fact: its
/// status, its best grades, its independent channels and common link, and who says it always
/// travel with it. Status and grades are capped by the common link (``SupportStrength``).
struct ClaimPresentation {
    let store: GraphStore
    /// The store's chains of transmission, read once per command.
    let graph: TransmissionGraph
    private var names: [String: Entity] = [:]
    /// What a footnote names of each source read (``sourceCells(of:)``), and the bytes they hold.
    private var footnotes: [String: SourceReference] = [:]
    private var footnoteBytes = 0

    init(store: GraphStore, graph: TransmissionGraph) {
        self.store = store
        self.graph = graph
    }

    /// The claim's evidence in one line, weighed by its chains:
    /// `ALLEGED · 2 sources, 4 citations · best F3 · 1 channel, all through hadera-2022-article (E)`.
    func evidenceLine(_ claim: GradedClaim) -> String {
        EvidenceText.weighedLine(graph.weigh(claim), citations: claim.citations.count) ?? "NO CITATION"
    }

    /// The entity, read once (the memory starts over past 4,096 entities: listings of a
    /// whole store stay in flat memory), its name as shown (``Text/nameWithinLimit(_:)``): one
    /// over the record format's limit, planted by another program, is kept cut, not whole.
    mutating func entity(_ id: String) throws -> Entity? {
        if let entity = names[id] { return entity }
        if names.count >= 1 << 12 { names.removeAll(keepingCapacity: true) }
        var entity = try store.entity(id: id)
        if let name = entity?.name { entity?.name = Text.nameWithinLimit(name) }
        names[id] = entity
        return entity
    }

    mutating func name(_ id: String) throws -> String { try entity(id)?.name ?? id }

    /// What a footnote names of a source, each field empty when it is not stored.
    private struct SourceReference {
        var title = "", author = "", publisher = "", published = "", url = ""

        /// The fields as a reference gives them, in a bibliography's order: author, title,
        /// publisher, date of publication, URL.
        var cited: [String] { [author, title, publisher, published, url] }

        /// Who speaks, as a reader would name it: the publisher, else the author, else the title
        /// (nil without any: a source not stored).
        var speaker: String? { [publisher, author, title].first { !$0.isEmpty } }
    }

    /// A source's title, author, publisher, date of publication and URL (empty when it is not
    /// stored), read once: a hub's claims cite tens of thousands of sources (21,234 for 59,276
    /// claims at 1M), each many times, and a memory of 4,096 of them, starting over when full,
    /// read nearly every one again (a listing 50% slower). The memory starts over past 16 MiB of
    /// these fields (long titles) or 65,536 sources instead.
    private mutating func footnote(_ id: String) throws -> SourceReference {
        if let reference = footnotes[id] { return reference }
        let source = try store.source(id: id, withText: false)
        let reference = SourceReference(
            title: source?.title ?? "", author: source?.author ?? "", publisher: source?.publisher ?? "",
            published: source?.published?.description ?? "", url: source?.url ?? "")
        let bytes = reference.cited.reduce(id.utf8.count) { $0 + $1.utf8.count }
        if footnotes.count >= 1 << 16 || footnoteBytes + bytes > 16 << 20 {
            footnotes.removeAll(keepingCapacity: true)
            footnoteBytes = 0
        }
        footnotes[id] = reference
        footnoteBytes += bytes
        return reference
    }

    /// `police (asserts B2), hamas-statement (denies C3) ×2`: each claimant, stance and grade
    /// once, with how many citations say it that way; the first `shown` of them (nil: all).
    static func claimants(_ claim: GradedClaim, shown limit: Int? = claimantsShown) -> String {
        var entries: [(text: String, count: Int)] = []
        var positions: [String: Int] = [:]
        for cited in claim.citations {
            let text =
                "\(cited.citation.source) (\(cited.citation.stance.rawValue) \(cited.reliability.rawValue)\(cited.citation.credibility.rawValue))"
            if let index = positions[text] {
                entries[index].count += 1
            } else {
                positions[text] = entries.count
                entries.append((text, 1))
            }
        }
        // A claim cited thousands of times would make a line of thousands: the first are named,
        // the rest counted (CSV has a row for each citation, and `claims --id` names them all).
        let limit = limit ?? entries.count
        let shown = entries.prefix(limit).map { $0.count > 1 ? "\($0.text) ×\($0.count)" : $0.text }
        let rest = entries.dropFirst(limit).reduce(0) { $0 + $1.count }
        return shown.joined(separator: ", ") + (rest > 0 ? ", … \(rest) more (--format csv lists each)" : "")
    }

    /// How many claimants a claim's SAID BY cell names at most.
    static let claimantsShown = 10

    static let csvHeader = ClaimSheet.listingColumns

    /// The claims as records (the `--format json` of every listing command), for a ``Printout``:
    /// self-contained, with the entities and sources they name, and `entities` besides.
    static func records(_ claims: [GradedClaim], entities: [String] = [], store: GraphStore) -> Printout.JSON {
        .records { sink in
            var set = RecordSet(store: store)
            entities.forEach { set.add(entity: $0) }
            claims.forEach { set.add($0) }
            try set.write(to: sink)
        }
    }

    /// The claims as rows (the `--format csv` of every listing command): one row per citation,
    /// after the caller's `leading` columns, whose values `claims` gives with each claim.
    /// The same claims as footnotes for `--format cite` (``footnotes(store:graph:listsEachClaimOnce:claims:)``),
    /// without the leading columns.
    static func rows(
        store: GraphStore, graph: TransmissionGraph, leading: [String] = [], listsEachClaimOnce: Bool = false,
        claims forEachClaim: @escaping (_ body: (_ leading: [String], _ claim: GradedClaim) throws -> Void) throws -> Void
    ) -> Printout.Rows {
        var rows = Printout.Rows(header: leading + csvHeader) { body in
            var presentation = ClaimPresentation(store: store, graph: graph)
            try forEachClaim { leading, claim in
                for row in try presentation.csvRows(claim) { try body(leading + row) }
            }
        }
        rows.footnotes = footnotes(store: store, graph: graph, listsEachClaimOnce: listsEachClaimOnce) { body in
            try forEachClaim { _, claim in try body(claim) }
        }
        return rows
    }

    /// Claims at hand as rows, after `leading` columns of the caller's.
    static func rows(
        _ claims: [GradedClaim], leading: [ClaimColumn] = [], store: GraphStore, graph: TransmissionGraph
    ) -> Printout.Rows {
        rows(store: store, graph: graph, leading: leading.map(\.header)) { body in
            for claim in claims { try body(leading.map { $0.value(claim) }, claim) }
        }
    }

    /// One CSV row per citation, each carrying its claim's evidence (capped) and channels, what a
    /// footnote names of its sources (``footnote(_:of:strength:number:)`` names the same), and its
    /// own grades once capped, then the claim's strongest denial (``denialCells(_:)``).
    mutating func csvRows(_ graded: GradedClaim) throws -> [[String]] {
        let weight = graph.weigh(graded)
        guard let head = try csvHead(of: graded, weight: weight) else { return [] }
        let capped = weight.strength?.cappedCitations
        let denial = Self.denialCells(weight.strength?.evidence)
        return try graded.citations.enumerated().map { position, cited in
            head + Self.csvCells(cited, notes: graded.claim.notes) + (try sourceCells(of: cited.citation))
                + Self.cappedCells(capped, at: position) + (try moreSourceCells(of: cited.citation)) + denial
        }
    }

    /// The cells of ``ClaimSheet/listingDenialColumns``, last in a row: the grade of the claim's
    /// strongest denial once weighed, empty when nothing denies it (or it is not weighed).
    static func denialCells(_ evidence: Evidence?) -> [String] {
        [evidence?.strongestDenialGrade ?? ""]
    }

    /// What `--format cite` prints of claims as a listing gives them: a footnote a line for
    /// each citation of each claim, numbered from 1 (``footnote(_:of:strength:number:)``). A
    /// claim a listing gives twice (on two paths) is cited once; `listsEachClaimOnce` says that
    /// none comes twice, and the ids are not kept (a listing of the whole store in flat memory).
    static func footnotes(
        store: GraphStore, graph: TransmissionGraph, listsEachClaimOnce: Bool = false,
        claims forEachClaim: @escaping (_ body: (GradedClaim) throws -> Void) throws -> Void
    ) -> (_ line: (String) throws -> Void) throws -> Void {
        { line in
            var presentation = ClaimPresentation(store: store, graph: graph)
            var number = 0
            var citedClaims = Set<String>()
            try forEachClaim { graded in
                guard listsEachClaimOnce || citedClaims.insert(graded.claim.id).inserted,
                    let strength = graph.weigh(graded).strength
                else { return }
                for cited in graded.citations {
                    number += 1
                    try line(try presentation.footnote(cited, of: graded.claim, strength: strength, number: number))
                }
            }
            // The key goes with the footnotes, so that a block of them lifted into a piece keeps it.
            if number > 0 { try line(gradeKey) }
        }
    }

    /// The line under the footnotes that reads their grades (`(B2)`, `ALLEGED F3`): the two
    /// Admiralty scales, in the scales' own words.
    static let gradeKey =
        "Grades (Admiralty scale), as in B2: the letter is the source's reliability ("
        + Reliability.allCases.map { "\($0.rawValue) \($0.meaning)" }.joined(separator: ", ")
        + "), the number the information's credibility ("
        + Credibility.allCases.map { "\($0.rawValue) \($0.meaning)" }.joined(separator: ", ")
        + "); the nearer the letter to A and the lower the number, the stronger."

    /// One citation as a footnote, in words that never make the claim a fact: the claim, its
    /// status and best grade capped by its chains, then who says it, named as a reader would cite
    /// it (its publisher, else its author, else its title; the id is CSV's), and how (a denial in
    /// capitals), the quote, and the claimant's author, title, publisher, date and URL, then the
    /// source it is read in and where:
    /// `[1] Wilayat Sinai — attacked → Egyptian Army (undated; ALLEGED F2 · 1 channel, all through
    /// hadera-2022-article (E)): Abu Maram al-Jazairi asserts it (F2): «…» ("…") — Abu Maram
    /// al-Jazairi, (its title); quoted in (the article's title), 2022-03, line 50`. Every text made printable,
    /// held in its direction (``Bidi``), the quote cut as a table cuts it (``shown(_:)``).
    mutating func footnote(_ cited: GradedCitation, of claim: Claim, strength: SupportStrength, number: Int) throws
        -> String
    {
        func text(_ value: String) -> String { Bidi.isolate(Text.printable(value)) }
        let citation = cited.citation
        let predicate = store.vocabulary[claim.predicate]?.labelEnglish ?? claim.predicate
        var line =
            "[\(number)] \(text(try name(claim.subject))) — \(text(predicate)) → \(text(try name(claim.object)))"
            + " (\(DateText.dates(of: claim, vocabulary: store.vocabulary)); \(strength)): "
            + (try speaker(citation.source)) + " " + Self.footnoteStance[citation.stance, default: citation.stance.rawValue]
            + " (\(cited.reliability.rawValue)\(citation.credibility.rawValue)): "
        let quote = Self.shown(citation.quote)
        let marks = QuoteFrame.marks(for: citation.quote, open: "«", close: "»")
        line += text(marks.open + quote.text + marks.close) + quote.more
        if let translation = citation.quoteEnglish {
            let english = Self.shown(translation)
            let marks = QuoteFrame.marks(for: translation, open: "\"", close: "\"")
            line += " (" + text(marks.open + english.text + marks.close) + english.more + ")"
        }
        line += " — " + (try reference(citation.source))
        if let via = citation.via { line += "; quoted in " + (try reference(via)) }
        if let locator = citation.locator { line += ", " + text(locator) }
        return Bidi.line(line)
    }

    /// How a footnote says a stance: a denial stands out from the citations beside it, and a
    /// report says it is no endorsement ("Reuters reports it" alone reads as Reuters stating it).
    static let footnoteStance: [Stance: String] = [
        .asserts: "asserts it", .reports: "reports it without vouching for it", .denies: "DENIES it",
    ]

    /// Who makes a citation, as a footnote names it (``SourceReference/speaker``); its id when
    /// it is not stored.
    private mutating func speaker(_ id: String) throws -> String {
        guard let speaker = try footnote(id).speaker else { return Text.printable(id) }
        return Bidi.isolate(Text.printable(speaker))
    }

    /// A source as a footnote names it: its author, title, publisher, date of publication and
    /// URL, those it has; its id when it has none of them.
    private mutating func reference(_ id: String) throws -> String {
        let cells = try footnote(id).cited.filter { !$0.isEmpty }
        guard !cells.isEmpty else { return Text.printable(id) }
        return cells.map { Bidi.isolate(Text.printable($0)) }.joined(separator: ", ")
    }

    /// The cells of ``ClaimSheet/listingCappedColumns``, after the sources': the citation's reliability
    /// and credibility as the weighing counts them; empty for a citation that is not weighed (a
    /// retracted one).
    static func cappedCells(_ capped: [Evidence.Item]?, at position: Int) -> [String] {
        guard let capped, capped.indices.contains(position) else { return notCapped }
        return [capped[position].reliability.rawValue, String(capped[position].credibility.rawValue)]
    }

    /// ``cappedCells(_:at:)`` of a citation the weighing does not count.
    static let notCapped = ClaimSheet.listingCappedColumns.map { _ in "" }

    /// The cells of ``ClaimSheet/listingSourceColumns``: the claimant's title, publisher, date of
    /// publication and URL, and the via's title (empty without a via).
    mutating func sourceCells(of citation: Citation) throws -> [String] {
        let source = try footnote(citation.source)
        return [
            source.title, source.publisher, source.published, source.url, try citation.via.map { try footnote($0).title } ?? "",
        ]
    }

    /// The cells of ``ClaimSheet/listingMoreSourceColumns``, last in a row: the via's publisher,
    /// date of publication and URL (empty without a via), and the claimant's author.
    mutating func moreSourceCells(of citation: Citation) throws -> [String] {
        let via = try citation.via.map { try footnote($0) } ?? SourceReference()
        return [via.publisher, via.published, via.url, try footnote(citation.source).author]
    }

    /// The claim's cells of a CSV row, with its evidence (capped) and channels; nil for a claim
    /// with no citation left.
    mutating func csvHead(of graded: GradedClaim) throws -> [String]? {
        try csvHead(of: graded, weight: graph.weigh(graded))
    }

    /// The claim's cells of a CSV row, from its `weight`; nil for a claim with no citation left.
    mutating func csvHead(of graded: GradedClaim, weight: ClaimWeight) throws -> [String]? {
        guard let evidence = weight.strength?.evidence else { return nil }
        return try csvHead(
            of: graded.claim,
            evidence: [
                evidence.status.rawValue, String(evidence.supportingSources.count), evidence.bestReliability.rawValue,
                String(evidence.bestCredibility.rawValue), String(weight.supportingChannels), weight.commonLink?.source ?? "",
            ])
    }

    /// The claim's cells of a CSV row, with `evidence`: status, sources, best reliability and
    /// credibility, channels, common link.
    mutating func csvHead(of claim: Claim, evidence: [String]) throws -> [String] {
        [
            claim.id, claim.subject, try name(claim.subject), claim.predicate, claim.object, try name(claim.object),
            claim.start?.description ?? "", claim.end?.description ?? "",
        ] + evidence
    }

    /// A citation's cells of a CSV row, after its claim's, and the claim's notes (before the
    /// sources' cells, ``sourceCells(of:)``).
    static func csvCells(_ cited: GradedCitation, notes: String?) -> [String] {
        [
            cited.citation.source, cited.reliability.rawValue, cited.citation.via ?? "", cited.citation.stance.rawValue,
            String(cited.citation.credibility.rawValue), cited.citation.quote, cited.citation.quoteEnglish ?? "",
            cited.citation.locator ?? "", notes ?? "",
        ]
    }

    /// How many characters of a quote, a translation, a description or a note a table shows: a
    /// paragraph whole, a teammate's 6 MB quote not (JSON and CSV carry every text whole).
    static let shownLength = 2_000

    /// `text` as a table shows it: whole, or its first ``shownLength`` characters, with what says
    /// how many more there are, to write after the text's own marks («…»).
    static func shown(_ text: String) -> (text: String, more: String) {
        guard text.utf8.count > shownLength else { return (text, "") }
        let count = text.count
        guard count > shownLength else { return (text, "") }
        let more = count - shownLength
        return (
            String(text.prefix(shownLength)),
            " … (\(more) more character\(more == 1 ? "" : "s"); --format json gives the whole text)"
        )
    }

    /// How many citations of a claim a table lists at most: a claim repeated by 50,000 posts
    /// made 100,000 lines of `show` (JSON and CSV carry every citation).
    static let citationsShown = 10

    /// The citations a table lists of these: all, in their order, when there are at most
    /// ``citationsShown``; else the strongest that many, strongest first.
    static func citationsListed(_ graded: GradedClaim) -> [GradedCitation] {
        graded.citations.count > citationsShown ? graded.strongestCitations(citationsShown) : graded.citations
    }

    /// `and 49990 more citations, 3 of them denials (the 10 strongest shown): isnad claims --id c1
    /// --format csv lists each`: the line under a claim's citations cut short (``citationsListed(_:)``),
    /// with the denials it leaves out and the listing of that claim alone that has a row for each.
    static func moreCitations(of graded: GradedClaim, isFiltered: Bool = false) -> String {
        let claim = graded.claim
        let count = graded.citations.count - citationsListed(graded).count
        let denials = graded.denialsLeftOut(listing: citationsShown)
        let hasDenial = graded.citations.contains { $0.citation.stance == .denies }
        var more = "and \(counted(count, "more citation"))"
        if denials > 0 {
            more +=
                ", \(denials == count ? (count == 1 ? "a denial" : "all denials") : denials == 1 ? "1 of them a denial" : "\(denials) of them denials")"
        }
        more +=
            hasDenial && count > 0
            ? " (the \(citationsShown) strongest shown, a denial among them): "
            : " (the \(citationsShown) strongest shown): "
        // `claims` lists the evidence, which a retracted claim has left: its record holds each.
        guard claim.retraction == nil else {
            return more + Text.printable("isnad edit \(claim.id)") + " shows its record, with each (save it unchanged)"
        }
        return more + Text.printable("isnad claims --id \(claim.id) --format csv") + " lists each"
            + (isFiltered ? " (with the same filters)" : "")
    }

    /// The citations of a claim as indented lines: stance and grades, who, via whom (and, with
    /// `graph`, through which relays the via had it), the quote
    /// in its language and in English; with `showsWhenPublic`, since when each was public (the
    /// earlier of its source's and its relay's dates), so that a denial four days after the claim
    /// reads as one. Past ``citationsShown``, the strongest, then how many more and where they
    /// are listed (`isFiltered`: under the filters the table was given).
    static func citationLines(
        _ graded: GradedClaim, indent: String, showsWhenPublic: Bool = false, isFiltered: Bool = false,
        graph: TransmissionGraph? = nil
    ) -> [String] {
        var lines: [String] = []
        let listed = citationsListed(graded)
        for cited in listed {
            let citation = cited.citation
            var head =
                "\(indent)\(citation.stance.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(cited.reliability.rawValue)\(citation.credibility.rawValue)  \(citation.source)"
            if let via = citation.via {
                head += ", via \(via)"
                // The relays the via had the claimant's words from, which cap its grade.
                let carriers = graph?.carriers(of: citation.source, to: via) ?? []
                if !carriers.isEmpty { head += " through " + carriers.joined(separator: " through ") }
            }
            head = Text.printable(head)
            if let locator = citation.locator { head += " (" + Bidi.isolate(Text.printable(locator)) + ")" }
            if showsWhenPublic, let since = cited.publicSince { head += " · public since \(since)" }
            lines.append(Bidi.line(head))
            // The guillemets go inside: a quote written right to left begins and ends with them.
            // None when the quote has its own (a French quote copied with « »).
            let quote = shown(citation.quote)
            let frame = QuoteFrame.marks(for: citation.quote, open: "«", close: "»")
            lines.append(
                Bidi.line(indent + "    " + Bidi.isolate(frame.open + Text.printable(quote.text) + frame.close) + quote.more))
            if let translation = citation.quoteEnglish {
                let english = shown(translation)
                let frame = QuoteFrame.marks(for: translation, open: "\"", close: "\"")
                lines.append(
                    Bidi.line(
                        indent + "    " + Bidi.isolate(frame.open + Text.printable(english.text) + frame.close) + english.more))
            }
        }
        if listed.count < graded.citations.count {
            lines.append(
                indent
                    + moreCitations(of: graded, isFiltered: isFiltered))
        }
        return lines
    }

    /// What the claim's citations add up to once weighed, as members of a JSON object already
    /// begun (see ``WeighedEvidence``).
    func writeEvidence(of graded: GradedClaim, to json: inout JSONWriter) {
        WeighedEvidence(graph.weigh(graded)).write(to: &json)
    }

    /// The claim's members, in a JSON object already begun (the ordered JSON of `path` and
    /// `timeline`): id, ends with their names, predicate, dates, evidence, and the citations that
    /// passed the filters — the claim and what says it, without the sources' records.
    mutating func writeMembers(of graded: GradedClaim, to json: inout JSONWriter) throws {
        let claim = graded.claim
        json.member("claim", claim.id)
        json.member("subject", claim.subject)
        json.member("subject_name", try name(claim.subject))
        json.member("predicate", claim.predicate)
        json.member("object", claim.object)
        json.member("object_name", try name(claim.object))
        json.nullableMember("start", claim.start?.description)
        json.nullableMember("end", claim.end?.description)
        writeEvidence(of: graded, to: &json)
        json.key("citations")
        json.beginArray()
        for cited in graded.citations {
            let citation = cited.citation
            json.beginObject()
            json.member("source", citation.source)
            json.member("reliability", cited.reliability.rawValue)
            json.member("via", citation.via)
            json.member("stance", citation.stance.rawValue)
            json.member("credibility", citation.credibility.rawValue)
            json.member("quote", citation.quote)
            json.member("quote_en", citation.quoteEnglish)
            json.member("locator", citation.locator)
            // When the words were public, as disputes gives it and --known-by reads it.
            json.nullableMember("public_since", cited.publicSince?.description)
            json.endObject()
        }
        json.endArray()
    }
}

/// What a claim's citations add up to once weighed, as the documents of `path`, `timeline` and
/// `disputes` give it: status, number of sources and best grade capped by the common link, as
/// every table shows them, then the independent channels and the common link (null when there
/// are two or more channels, or none). Claims weighed alike are equal.
struct WeighedEvidence: Hashable {
    let status: String?
    let sources: Int
    let best: String?
    let channels: Int
    let commonLink: String?
    /// `ALLEGED F3 · 1 channel, all through hadera-2022-article (E)`; empty without citations.
    let line: String

    init(_ weight: ClaimWeight) {
        let evidence = weight.strength?.evidence
        status = evidence?.status.rawValue
        sources = evidence?.supportingSources.count ?? 0
        best = evidence?.bestGrade
        channels = weight.supportingChannels
        commonLink = weight.commonLink?.source
        line = weight.strength?.description ?? ""
    }

    func write(to json: inout JSONWriter) {
        json.nullableMember("status", status)
        json.member("sources", sources)
        json.nullableMember("best", best)
        json.member("channels", channels)
        json.nullableMember("common_link", commonLink)
    }
}
