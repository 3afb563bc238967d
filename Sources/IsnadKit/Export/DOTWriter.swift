/// Writes the graph as Graphviz DOT (https://graphviz.org/doc/info/lang.html), streamed.
///
/// A node shape per entity type (organization: rounded box, person: ellipse, event: octagon,
/// place: house); an edge colour per predicate family; solid lines for asserted claims, dashed
/// for alleged ones, dotted with a bar head for disputed ones; the line's width by independent
/// channels of support (one channel is thin, whatever the citation count); symmetric
/// predicates without arrowheads. Edge labels, in near-black type whatever the line's colour
/// (``ExportStyle/edgeLabelColor``), carry the predicate, the dates, the
/// evidence, who says the claim (and who denies it) and the common link, so that a picture
/// pasted anywhere never shows a claim as a fact; quotes go to tooltips, which SVG viewers show
/// on hover. A legend explains all of it: it is part of the graph's own label (an
/// HTML-like label, with the title), not nodes or edges, so layouts and readers (neato, sfdp,
/// networkx) see only the data. ``writePairs(_:)`` draws one edge per pair of entities and
/// direction, for overviews. The font list names Noto Sans and Noto Sans Arabic, so Arabic
/// renders joined and right to left.
public struct DOTWriter: GraphWriter {
    /// How many entities Graphviz lays out readably, give or take: past it, the command line
    /// says before writing that the layout may never finish.
    public static let largeGraph = 1_000

    /// What a `--pairs` tooltip keeps free for the line that says how many claims it left out.
    static let tooltipTrailerRoom = 600

    /// Which way ranks run (`rankdir`, https://graphviz.org/docs/attr-types/rankdir/): the
    /// raw values are DOT's.
    public enum RankDirection: String, CaseIterable, Sendable {
        case leftToRight = "LR"
        case rightToLeft = "RL"
        case topToBottom = "TB"
        case bottomToTop = "BT"
    }

    /// What a `--pairs` edge's label says: ``short``, the family of the claims when they share
    /// one over the number of claims and the strongest status and best grade (`support`,
    /// `4 claims · ALLEGED F3`), over who says that claim, for a picture
    /// that reads when fitted to a screen; ``full``, every predicate with its status, grade and
    /// who says it, one a line. The tooltip lists every claim either way.
    public enum PairLabels: String, CaseIterable, Sendable {
        case short
        case full
    }

    public struct Options: Sendable {
        public var language = ExportStyle.Language.both
        public var rankdir = RankDirection.leftToRight
        public var showsLegend = true
        /// The labels of ``DOTWriter/writePairs(_:)``'s edges; short ones also make the picture an
        /// overview (``DOTWriter/overviewAttributes``).
        public var pairLabels = PairLabels.short
        /// Set by ``DOTWriter/writePairs(_:)`` with short labels: entity names wrapped and set
        /// larger, and the legend reads the short label.
        var isOverview = false
        /// Set by ``DOTWriter/writePairs(_:)``: one edge per pair, and the legend says how a pair
        /// holding a disputed claim is drawn.
        var drawsPairs = false
        /// The title's lines (``ExportStyle/title(focus:depth:filter:collapsed:language:)``).
        public var title: String?
        /// The id of the entity whose neighbourhood is drawn (`--focus`): drawn with a bold
        /// outline and a larger name (``focusPenWidth``, ``focusFontSize``), and the legend says so.
        public var focus: String?
        /// Whether the graph's label ends with the key to the sources its edge labels name
        /// (``writeSourceKey(reading:size:)``): on by default, since a published figure is read by
        /// people who cannot look an id up.
        public var showsSourceKey = true
        /// Which state of the store the picture shows: said under the title
        /// (``StoreState/caption(language:)``).
        public var storeState: StoreState?

        public init() {}
    }

    public static let fontName = "Noto Sans,Noto Sans Arabic"
    public let options: Options
    public let sink: ByteSink
    /// What has been drawn so far, for the label written last: a writer writes one graph (a
    /// second would key the first one's sources too).
    let drawn = Drawn()

    public init(sink: ByteSink, options: Options = Options()) {
        self.sink = sink
        self.options = options
    }

    public func head() -> String {
        let font = DOTEscaping.quoted(DOTWriter.fontName)
        var head = "digraph \"isnad\" {\n"
        head += "  graph [charset=\"UTF-8\", rankdir=\(DOTEscaping.quoted(options.rankdir.rawValue)), fontname=\(font)"
        if let title = options.title {
            head += ", fontsize=16, label=\(DOTEscaping.quoted(DOTWriter.heldLeftToRight(title))), labelloc=\"t\""
        } else {
            head += ", fontsize=12"
        }
        head += ", nodesep=0.35, ranksep=0.9, newrank=true];\n"
        head += "  node [fontname=\(font), fontsize=11, style=\"filled\", color=\"#4d4d4d\", penwidth=1, margin=\"0.12,0.06\"];\n"
        // Every edge is labelled, and dot places a label where there is room, at times nearer
        // another edge than its own (an ISIS → Hamas label read as Hamas → Wilayat Sinai's):
        // decorate underlines each label and ties it to its edge with a thin line.
        head +=
            "  edge [fontname=\(font), fontsize=9, fontcolor=\"\(ExportStyle.edgeLabelColor)\", arrowsize=0.8, decorate=true];\n"
        return head
    }

    /// The graph's label, written after the edges, once the entities' number and the sources
    /// the edge labels name are known: the title, the state of the store it shows
    /// (``Options/storeState``), the legend and the key to the sources
    /// (``writeSourceKey(reading:size:)``) in one HTML-like label, its type sized so that it stays
    /// readable when a picture of that many entities is fitted to a screen. Graphviz takes a graph's
    /// attributes wherever they are set. Written to the sink in pieces: the key of a whole store
    /// names thousands of sources.
    func writeGraphLabel(entities count: Int, reading store: GraphStore) throws {
        let caption = options.storeState?.caption(language: options.language)
        let hasKey = showsSourceKey
        guard options.title != nil || caption != nil || options.showsLegend || hasKey else { return }
        let size = min(28, 12 + count / 3)
        var label = "  graph [labelloc=\"t\", labeljust=\"l\", label=<<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\">"
        // Under the title, before the state of the store: when every claim drawn rests on one
        // channel through one source, many lines are not much evidence (as `show` says it).
        let lines =
            (options.title ?? "").split(separator: "\n").map(String.init) + [drawn.channels.oneLinkCaveat].compactMap { $0 }
            + (caption.map { [$0] } ?? [])
        for (index, line) in lines.enumerated() {
            let text = XMLEscaping.escapedKeepingIsolates(BidiText.heldLeftToRight(line))
            label += "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"\(index == 0 ? size * 3 / 2 : size)\">"
            label += index == 0 ? "<B>\(text)</B>" : text
            label += "</FONT></TD></TR>"
        }
        // The key beside the legend, not under it: the picture is as wide as the graph, which is
        // wider than the legend, and under it the key made the whole store's overview taller,
        // which fitted to 1920×1080 drew every name smaller.
        if options.showsLegend || hasKey {
            label += "<TR><TD ALIGN=\"LEFT\"><TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR>"
            if options.showsLegend { label += "<TD ALIGN=\"LEFT\" VALIGN=\"TOP\">\(legend(size: size))</TD>" }
            if options.showsLegend && hasKey { label += "<TD WIDTH=\"8\"></TD>" }
            if hasKey {
                try sink.write(label + "<TD ALIGN=\"LEFT\" VALIGN=\"TOP\">")
                try writeSourceKey(reading: store, size: size)
                label = "</TD>"
            }
            label += "</TR></TABLE></TD></TR>"
        }
        try sink.write(label + "</TABLE>>];\n")
    }

    public func tail() -> String { "}\n" }

    /// The graph's label (``writeGraphLabel(entities:reading:)``), then the end of the graph.
    public func writeTail(reading store: GraphStore) throws {
        try writeGraphLabel(entities: drawn.entities, reading: store)
        try sink.write(tail())
    }

    /// Each line of a title or legend text ``BidiText/heldLeftToRight(_:)``: written left to
    /// right, it is drawn so in a PNG too, whatever its first letter.
    static func heldLeftToRight(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { BidiText.heldLeftToRight(String($0)) }
            .joined(separator: "\n")
    }

    /// Text that follows a closing tag in an HTML-like label (`</I>`), written left to right,
    /// escaped for the label: held so (``BidiText/heldLeftToRight(_:)``) when its first letter is
    /// Arabic. Graphviz lays out each run of text between tags by itself, taking its direction
    /// from its first letter, so the source key's ` · ⁨الجريدة⁩, 2025-01-20 · reliability C` after
    /// an italic title came out right to left, the publisher after the reliability. Held before
    /// it is escaped: an escape's letters (`&amp;`) are not what Graphviz reads.
    static func spanAfterTag(_ text: String) -> String {
        XMLEscaping.escapedKeepingIsolates(BidiText.heldLeftToRight(text))
    }

    public func appendNode(_ entity: Entity, position: Int, count: Int, vocabulary: Vocabulary, to bytes: inout [UInt8]) {
        drawn.entities = count
        let shape: String
        var style = "filled"
        switch entity.type {
        case .organization:
            shape = "box"
            style = "rounded,filled"
        case .person: shape = "ellipse"
        case .event: shape = "octagon"
        case .place: shape = "house"
        }
        // Names are isolated where other text shares their line, so that a right-to-left
        // override in a name cannot reorder the id and type after it.
        var tooltip = ["\(BidiText.isolated(entity.name)) (\(entity.id)) · \(entity.type.rawValue)"]
        if !entity.aliases.isEmpty {
            tooltip.append("also: " + entity.aliases.map { BidiText.isolated($0.name) }.joined(separator: " · "))
        }
        if let description = entity.description {
            tooltip.append("\(ExportStyle.descriptionLabel): \(BidiText.isolated(description))")
        }
        bytes.appendUTF8("  ")
        DOTEscaping.appendQuoted(entity.id, to: &bytes)
        bytes.appendUTF8(" [id=")
        DOTEscaping.appendQuoted("entity:" + entity.id, to: &bytes)
        bytes.appendUTF8(", label=")
        var label = ExportStyle.drawnLabel(entity, language: options.language)
        if options.isOverview { label = label.flatMap { DOTWriter.wrapped($0, width: DOTWriter.overviewNameWidth) } }
        DOTEscaping.appendQuoted(label.joined(separator: "\n"), to: &bytes)
        bytes.appendUTF8(", shape=\(shape), style=\"\(style)\", fillcolor=\"\(ExportStyle.fill(for: entity.type))\"")
        if entity.id == options.focus {
            bytes.appendUTF8(", penwidth=\(DOTWriter.focusPenWidth), fontsize=\(focusFontSize)")
        }
        bytes.appendUTF8(", tooltip=")
        DOTEscaping.appendQuoted(tooltip.joined(separator: "\n"), as: .tooltip, to: &bytes)
        bytes.appendUTF8("];\n")
    }

    public func appendEdge(_ edge: ExportGraph.Edge, vocabulary: Vocabulary, to bytes: inout [UInt8]) {
        // A retracted claim (drawn only on request) is grey, dashed and says so first.
        let color =
            edge.retraction == nil ? ExportStyle.color(forPredicate: edge.predicate, vocabulary: vocabulary) : "#9e9e9e"
        let isSymmetric = vocabulary[edge.predicate]?.isSymmetric ?? false
        bytes.appendUTF8("  ")
        DOTEscaping.appendQuoted(edge.subject, to: &bytes)
        bytes.appendUTF8(" -> ")
        DOTEscaping.appendQuoted(edge.object, to: &bytes)
        bytes.appendUTF8(" [id=")
        DOTEscaping.appendQuoted("claim:" + edge.id, to: &bytes)
        bytes.appendUTF8(", label=")
        var text: [UInt8] = []
        text.reserveCapacity(512)
        // Who says it and who denies it, on the label and in the tooltip: chosen once.
        let (support, denial) = (edge.bestSupport, edge.bestDenial)
        if options.showsSourceKey { drawn.note(edge, support: support, denial: denial) }
        drawn.channels.add(edge.weight)
        ExportStyle.appendEdgeLabel(
            edge, support: support, denial: denial, language: options.language, vocabulary: vocabulary, to: &text)
        text.withUnsafeBufferPointer { DOTEscaping.appendQuoted(utf8: $0, to: &bytes) }
        bytes.appendUTF8(", color=\"\(color)\", ")
        bytes.appendUTF8(
            edge.retraction == nil
                ? DOTWriter.style(of: edge.evidence.status, isSymmetric: isSymmetric)
                : "style=\"dashed\"" + (isSymmetric ? ", dir=\"none\"" : ""))
        bytes.appendUTF8(", penwidth=\(DOTWriter.penWidth(channels: edge.weight.supportingChannels))")
        bytes.appendUTF8(", tooltip=")
        // The same tooltip on the line and on its label: escaped once, copied.
        text.removeAll(keepingCapacity: true)
        ExportStyle.appendEdgeTooltip(edge, support: support, denial: denial, to: &text)
        let tooltipStart = bytes.count
        text.withUnsafeBufferPointer { DOTEscaping.appendQuoted(utf8: $0, as: .tooltip, to: &bytes) }
        let tooltip = Array(bytes[tooltipStart...])
        bytes.appendUTF8(", labeltooltip=")
        bytes.append(contentsOf: tooltip)
        bytes.appendUTF8("];\n")
    }

    /// The line of an edge: solid for asserted, dashed for alleged, dotted with a bar head for
    /// disputed; no arrowhead for a symmetric predicate (bars at both ends if disputed). Its
    /// width is ``penWidth(channels:)``.
    static func style(of status: Evidence.Status, isSymmetric: Bool) -> String {
        switch status {
        case .asserted: "style=\"solid\"" + (isSymmetric ? ", dir=\"none\"" : "")
        case .alleged: "style=\"dashed\"" + (isSymmetric ? ", dir=\"none\"" : "")
        case .disputed:
            "style=\"dotted\", arrowhead=\"tee\"" + (isSymmetric ? ", dir=\"both\", arrowtail=\"tee\"" : "")
        }
    }

    /// The outline of the focus entity, in points: bold beside the others' 1, so that the entity
    /// whose neighbourhood is drawn is found at a glance.
    static let focusPenWidth = 3

    /// The size of the focus entity's name: twice the others' 11 pt (in an overview, half as large
    /// again as their 26).
    var focusFontSize: Int { options.isOverview ? 39 : 22 }

    /// The width of an edge's line, by its independent channels of support: one (or none) is
    /// thin, however many citations share it; two are plain; three or more are heavy.
    static func penWidth(channels: Int) -> String {
        switch channels {
        case ...1: "0.6"
        case 2: "1.8"
        default: "3.2"
        }
    }

    /// The width of the legend's sample of a line of that many channels: ``penWidth(channels:)``
    /// rounded to whole points (a table border's unit in Graphviz), at least 1: 1, 2 and 3.
    static func legendWidth(channels: Int) -> Int {
        max(1, Int((Double(penWidth(channels: channels)) ?? 1).rounded()))
    }

    /// What the grades' letters and digits mean, a column of the legend: in English each grade
    /// in the scale's own words (``Reliability/meaning``, ``Credibility/meaning``), one a line
    /// (a column no taller than the edge label's, so the picture does not grow); in Arabic the
    /// scales' ends, as the HTML view gives them. A reader of a printed figure cannot look `E3`
    /// up, and a larger digit is weaker, the opposite of a star rating.
    static func gradeScales(language: ExportStyle.Language) -> [String] {
        if language == .ar {
            return [
                BidiText.rightToLeft("الموثوقية A–F، للمصدر: من A (موثوق تمامًا) إلى F (لا يمكن الحكم)"),
                BidiText.rightToLeft("المصداقية 1–6، للمعلومة: من 1 (مؤكد) إلى 6 (لا يمكن الحكم)"),
            ]
        }
        return ["A–F, the source's reliability:"] + Reliability.allCases.map { "\($0.rawValue) \($0.meaning)" }
            + ["1–6, the item's credibility:"] + Credibility.allCases.map { "\($0.rawValue) \($0.meaning)" }
    }

    /// The legend, as a table of an HTML-like label: shapes and fills of the entity types (and the
    /// focus's bold outline, with `--focus`), a drawn sample of each status's line at the width of
    /// one channel and of each width solid, colours of the predicate families, how an edge label
    /// reads, and what the statuses and grades mean. With `--lang ar` every line is Arabic, and
    /// reads right to left; otherwise English, written left to right (a sample, then what it
    /// means) and held so (``BidiText/heldLeftToRight(_:)``) when an Arabic word comes first.
    func legend(size: Int) -> String {
        let arabic = options.language == .ar
        // `both` keeps the legend English, as it was: its labels carry the Arabic.
        func say(_ english: String, _ arabicText: String) -> String { arabic ? arabicText : english }
        // An English line that starts with an Arabic word is held left to right (Pango drew
        // "سرايا القدس, 2 hops" as "hops 2 ,سرايا القدس"); an Arabic line reads right to left, as
        // its first letter makes it.
        func held(_ text: String) -> String { arabic ? text : BidiText.heldLeftToRight(text) }
        let small = max(size - 2, 8)
        func cell(_ text: String, background: String? = nil) -> String {
            let fill = background.map { " BGCOLOR=\"\($0)\"" } ?? ""
            return "<TD ALIGN=\"LEFT\"\(fill)><FONT POINT-SIZE=\"\(small)\">\(held(text))</FONT></TD>"
        }
        func heading(_ text: String, columns: Int) -> String {
            let span = columns > 1 ? " COLSPAN=\"\(columns)\"" : ""
            return "<TR><TD ALIGN=\"LEFT\"\(span)><FONT POINT-SIZE=\"\(size)\"><B>\(text)</B></FONT></TD></TR>"
        }
        func column(_ title: String, _ rows: [String], columns: Int = 1) -> String {
            "<TD VALIGN=\"TOP\"><TABLE BORDER=\"0\" CELLSPACING=\"1\" CELLPADDING=\"2\">" + heading(title, columns: columns)
                + rows.map { "<TR>\($0)</TR>" }.joined() + "</TABLE></TD>"
        }
        let shapes: [(EntityType, String)] = [
            (.organization, say("rounded box", "مستطيل مدوَّر الزوايا")), (.person, say("ellipse", "شكل بيضاوي")),
            (.event, say("octagon", "مثمَّن")), (.place, say("house", "شكل بيت")),
        ]
        var types = shapes.map { type, shape in
            cell("\(ExportStyle.typeName(type, language: options.language)): \(shape)", background: ExportStyle.fill(for: type))
        }
        if let focus = options.focus {
            types.append(
                "<TD ALIGN=\"LEFT\" BORDER=\"\(DOTWriter.focusPenWidth)\" COLOR=\"#4d4d4d\"><FONT POINT-SIZE=\"\(small)\">"
                    + held(
                        say("bold outline, larger name: the focus", "إطار عريض واسم أكبر: محور الرسم")
                            + " (\(XMLEscaping.escapedKeepingIsolates(focus)))") + "</FONT></TD>")
        }
        // Each line is drawn, not typed (box-drawing glyphs do not join, and a row of them read as
        // dashes): a cell's bottom border, at the width of a one-channel edge for the statuses, solid
        // for the widths.
        func line(_ text: String, style: String? = nil, width: Int = DOTWriter.legendWidth(channels: 1)) -> String {
            let length = small * 2
            // Graphviz counts a fixed-size cell's border on both sides, even drawn on one: a cell
            // lower than twice the widest border warns "cell size too small for content".
            let half = max(small / 2, 2 * DOTWriter.legendWidth(channels: 3))
            let style = style.map { " STYLE=\"\($0)\"" } ?? ""
            let sample =
                "<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\">"
                + "<TR><TD BORDER=\"\(width)\" SIDES=\"B\" COLOR=\"#000000\"\(style) FIXEDSIZE=\"TRUE\" WIDTH=\"\(length)\" HEIGHT=\"\(half)\"></TD></TR>"
                + "<TR><TD FIXEDSIZE=\"TRUE\" WIDTH=\"\(length)\" HEIGHT=\"\(half)\"></TD></TR></TABLE>"
            return
                "<TD>\(sample)</TD><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"\(small)\">\(held(text))</FONT></TD>"
        }
        let lines = [
            line(say("asserted: solid", "مؤيَّد: خط متصل")),
            line(say("alleged: dashed", "مزعوم: خط متقطع"), style: "dashed"),
            line(
                options.drawsPairs
                    ? say(
                        "⊣ disputed, or a pair holding a disputed claim: dotted, bar head",
                        "⊣ متنازع عليه، أو زوج فيه ادعاء متنازع عليه: خط منقَّط ورأس عارضة")
                    : say("⊣ disputed: dotted, bar head", "⊣ متنازع عليه: خط منقَّط ورأس عارضة"), style: "dotted"),
            "<TD></TD>" + cell(say("no arrowhead: the predicate reads the same both ways", "بلا رأس سهم: المحمول متماثل")),
            "<TD></TD>"
                + cell(say("a label is underlined and tied to its edge by a thin line", "التسمية مسطَّرة وموصولة برابطها بخط رفيع")),
            line(
                say("thin: 1 independent channel, however many citations", "رفيع: قناة مستقلة واحدة، مهما كثرت الاستشهادات"),
                width: DOTWriter.legendWidth(channels: 1)),
            line(say("thicker: 2 channels", "أعرض: قناتان"), width: DOTWriter.legendWidth(channels: 2)),
            line(say("thickest: 3 or more channels", "الأعرض: 3 قنوات أو أكثر"), width: DOTWriter.legendWidth(channels: 3)),
        ]
        // The sample line in the family's colour, its name in the legend's dark type: at the
        // legend's small size a colour of 3:1, enough for a line, is too pale for words.
        let colours = ExportStyle.families.map {
            let name = " " + ExportStyle.familyName($0.name, language: options.language)
            return cell("<FONT COLOR=\"\($0.color)\">━━</FONT>" + (arabic ? name : DOTWriter.spanAfterTag(name)))
        }
        let example =
            arabic
            ? [
                ("عضو في", "المحمول"),
                (
                    BidiText.rightToLeft("منذ \(BidiText.leftToRight("2019")) · مزعوم E3 · القنوات: 1"),
                    "التواريخ · الحالة وأقوى تقييم · القنوات"
                ),
                (
                    BidiText.rightToLeft("يؤكده \(BidiText.leftToRight("police-statement")) (B3) · مصادر أخرى: 1"),
                    "من يقوله وتقييمه: الأقوى، وعدد غيره"
                ),
                (BidiText.rightToLeft("ينفيه \(BidiText.leftToRight("party-statement")) (D4)"), "من ينفيه، إن وُجد"),
                (BidiText.rightToLeft("كلها عبر \(BidiText.leftToRight("article-x (E)"))"), "الحلقة المشتركة"),
            ]
            : [
                ("member of", "the predicate"),
                ("since 2019 · ALLEGED E3 · 1 channel", "dates · status and best grade · channels"),
                ("police-statement (asserts B3) and 1 more", "who says it (stance, its own grade), how many more"),
                ("party-statement (denies D4)", "who denies it, if anyone does"),
                ("all through article-x (E)", "the common link"),
            ]
        let pairExample =
            arabic
            ? [
                ("دعم", "عائلة الادعاءات إن كانت واحدة"),
                (BidiText.rightToLeft("الادعاءات: 4 · مزعوم F3"), "الادعاءات بين الطرفين · أقوى حالة وتقييم"),
                (BidiText.rightToLeft("يؤكده (F3)"), "من يقول أقوى ادعاء، وتقييمه"),
                // A RIGHT-TO-LEFT MARK first: a row that began with the Latin id was laid out left to right.
                ("\u{200F}leaked-document", "معرّف المصدر"),
                (BidiText.rightToLeft("الادعاءات التي يقولها: 1 من 4"), "إن لم يقلها كلها"),
                (BidiText.rightToLeft("المتنازع عليها: 1"), "الادعاءات التي ينفيها مصدر ما؛ ثم من ينفيها"),
            ]
            : [
                ("support", "the claims' predicate family, if they share one"),
                ("4 claims · ALLEGED F3", "claims between the two · the strongest status and grade"),
                ("leaked-document", "who says the strongest claim …"),
                ("(asserts F3)", "… how, and its own grade"),
                ("on 1 of 4 claims", "… when it does not say them all"),
                ("1 DISPUTED:", "claims some source denies; then who, how, on how many"),
            ]
        let reading =
            (options.isOverview ? pairExample : example).map { cell("\($0.0)   ← \($0.1)") } + [
                cell(say("asserted: an A–C source asserts it with credibility 1–3", "مؤيَّد: مصدر A–C يؤكده بمصداقية 1–3")),
                cell(say("alleged: only weaker sources, or sources that report it", "مزعوم: مصادر أضعف فقط، أو مصادر تنقله")),
                // Any denial makes a line dotted, an accused group's own E5 statement too: the
                // reader is told that a dotted line can be the best supported of all.
                // One line: a taller legend shrinks the names of an overview fitted to a screen.
                cell(
                    say(
                        "disputed: some source denies it, whoever; a dotted line may still be well supported",
                        "متنازع عليه: مصدر ما ينفيه، أيًّا كان؛ وقد يكون الخط المنقَّط مدعومًا بقوة")),
                cell(
                    say(
                        "best C3: one citation's reliability (A–F) and credibility (1–6), the strongest",
                        "أقوى تقييم C3: موثوقية المصدر (A–F) ومصداقية المعلومة (1–6) لأقوى استشهاد")),
                cell(
                    say(
                        "channels: groups of citations whose chains of transmission share no source",
                        "القنوات: مجموعات من الاستشهادات لا تشترك سلاسل نقلها في أي مصدر")),
                cell(
                    say(
                        "common link: the source every channel passes through; status and grade",
                        "الحلقة المشتركة: المصدر الذي تمر به كل القنوات؛ الحالة والتقييم")),
                cell(
                    say(
                        "are capped by its reliability (an E article makes everything it relays E at best)",
                        "لا يتجاوزان موثوقيته (مقال بتقييم E يجعل كل ما ينقله E في أحسن الأحوال)")),
                cell(
                    options.isOverview
                        ? say(
                            "in SVG, hover over an edge for every claim: predicate, dates, sources, quote and any denial",
                            "في SVG، مرِّر المؤشر فوق رابط لترى كل ادعاء: المحمول والتواريخ والمصادر والاقتباس وأي نفي")
                        : say(
                            "in SVG, hover over an edge for its claims, sources, quote and any denial",
                            "في SVG، مرِّر المؤشر فوق رابط لترى ادعاءاته ومصادره واقتباسه وأي نفي")),
            ]
        return "<TABLE BORDER=\"1\" COLOR=\"#999999\" CELLBORDER=\"0\" CELLSPACING=\"6\" CELLPADDING=\"0\"><TR>"
            + column(say("Legend: shapes", "المفتاح: الأشكال"), types)
            + column(say("lines: status and channels", "الخطوط: الحالة والقنوات"), lines, columns: 2)
            + column(say("colours: predicate family", "الألوان: عائلات المحمولات"), colours)
            + column(
                say("grades: lower is stronger", "التقييم: الأصغر أقوى"),
                DOTWriter.gradeScales(language: options.language).map { cell($0) })
            + column(
                options.isOverview
                    ? say("edge label", "تسمية الرابط") : say("edge label, line by line", "تسمية الرابط، سطرًا سطرًا"),
                reading) + "</TR></TABLE>"
    }
}
