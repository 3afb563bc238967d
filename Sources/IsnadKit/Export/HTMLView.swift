/// The interactive HTML view of a graph: surveys what ``ExportGraph`` would draw, refuses a
/// view too large for a browser to draw responsively, lays it out (``GraphLayout``) and writes
/// it with ``HTMLWriter``.
public enum HTMLView {
    /// The largest view written. Measured in Chromium 156 (README, "The HTML view"): redrawing
    /// after a control changes grows with the claims drawn, and at 1,000 entities and 3,000
    /// claims already takes about a second on a busy two-core machine; beyond, a page stalls.
    public static let maximumEntities = 1_000
    public static let maximumClaims = 3_000
    /// The entities past which `dot`, when only the default, gives way to Isnad's own layout: its
    /// time grows far faster than the graph (generated stores of three claims an entity, on a
    /// two-core machine: 3.4 s at 250 entities, 35 s at 500, more than ten minutes at 1,000),
    /// and an export that sits silent for minutes looks hung.
    public static let dotDefaultLimit = 300
    /// The linked pairs (the edges `dot` is given, one a pair whichever claims link it) past which
    /// `dot`, when only the default, gives way to Isnad's own layout. Its time follows them far
    /// more than the entities (views of generated stores, on a loaded two-core machine: 0.2 s at
    /// 326 pairs, 1.3 to 3 s at 400 to 543, 14 s at 786, more than 45 s at 721 among 125
    /// entities), and the choice is made on the graph alone, before `dot` runs, so that the same
    /// view always gives the same file however busy the machine is.
    public static let dotDefaultLinks = 500
    /// The seconds the default gives `dot` on a view within those limits before the export fails
    /// (``LayoutError/isOverTime``): twenty times what such a view takes, so only a machine far
    /// busier than usual or a graph unlike any measured reaches it; the page is not laid out by
    /// Isnad's own layout instead, which would give another file for the same view.
    public static let dotDefaultSeconds = 60

    /// Which layout a page was drawn with.
    public enum Layout: Equatable, Sendable {
        case dot
        case own
        /// Isnad's own, `dot` being the default, for a graph of this many entities and linked pairs.
        case ownInsteadOfDot(entities: Int, links: Int)
        /// Isnad's own, `dot` being the default, because Graphviz failed (`reason`).
        case ownAfterDotFailed(reason: String)
    }

    public struct Options: Sendable {
        /// The language the page opens in.
        public var language = ExportStyle.Language.en
        /// The title's lines (``ExportStyle/title(focus:depth:filter:collapsed:language:)``).
        public var title: [String] = []
        /// The same in Arabic, shown when the reader switches.
        public var titleArabic: [String] = []
        /// Graphviz's `dot`, to lay the graph out; nil for Isnad's own layout.
        public var dotProgram: String?
        /// Whether `dot` was asked for by name: when it was not (it is only the default), a graph
        /// of more than ``dotDefaultLimit`` entities or ``dotDefaultLinks`` linked pairs is laid
        /// out by Isnad's own layout instead.
        public var isDotAskedFor = false
        /// The seconds a `dot` that is only the default is given (``dotDefaultSeconds``).
        public var dotDefaultSeconds = HTMLView.dotDefaultSeconds
        public var maximumEntities = HTMLView.maximumEntities
        public var maximumClaims = HTMLView.maximumClaims
        /// Whether the claims' notes are written (``HTMLWriter/Options/includesNotes``).
        public var includesNotes = false
        /// Which state of the store the page shows: said in its header, under the title
        /// (``StoreState/caption(language:)``), so that a screenshot of it says it too.
        public var storeState: StoreState?

        public init() {}
    }

    /// An entity's label as the page draws it, for the size of its box: each name with the
    /// characters the page shows as escapes (view.js, `shown`: those the command line escapes)
    /// written as their escapes, then cut as a drawing cuts it. Sized on the stored text, a
    /// box would be narrower than `Channel \u{202E}gnp.exe` drawn.
    static func shownLabel(_ entity: Entity) -> [String] {
        ExportStyle.nodeLabel(entity, language: .both).map {
            ExportStyle.drawnName(Text.printable($0, keepingLineBreaks: true))
        }
    }

    /// Writes the page of `graph` to `sink`, or throws ``HTMLViewError`` before writing anything.
    /// Returns the layout it was drawn with.
    @discardableResult
    public static func write(_ graph: ExportGraph, options: Options, to sink: ByteSink) throws -> Layout {
        let store = graph.store
        var nodes: [GraphLayout.Node] = []
        var links: [(String, String)] = []
        var linked: Set<[String]> = []
        var predicates: Set<String> = []
        var citedSources: Set<String> = []
        var chainSources: Set<String> = []
        var claims = 0
        var entityCount = 0
        var channels = ChannelTally()
        try graph.stream(
            count: { count in
                entityCount = count
                if count > options.maximumEntities {
                    throw HTMLViewError.tooManyEntities(
                        count, maximumEntities: options.maximumEntities, maximumClaims: options.maximumClaims)
                }
            },
            nodes: { entity in
                nodes.append(
                    GraphLayout.Node(id: entity.id, type: entity.type, lines: Self.shownLabel(entity)))
            },
            edges: { edge in
                claims += 1
                if claims > options.maximumClaims {
                    throw HTMLViewError.tooManyClaims(
                        entities: entityCount, maximumEntities: options.maximumEntities,
                        maximumClaims: options.maximumClaims)
                }
                let pair = [edge.subject, edge.object]
                if linked.insert(pair).inserted { links.append((edge.subject, edge.object)) }
                predicates.insert(edge.predicate)
                channels.add(edge.weight)
                for citation in edge.citations {
                    citedSources.insert(citation.citation.source)
                    if let via = citation.citation.via { citedSources.insert(via) }
                }
                // Every source of every chain: the page caps by their grades when it weighs again.
                for chain in edge.weight.chains { chainSources.formUnion(chain.sources) }
            })
        if nodes.isEmpty { throw HTMLViewError.empty }
        var used = Layout.own
        var dotProgram = options.dotProgram
        if dotProgram != nil {
            used = .dot
            if !options.isDotAskedFor, nodes.count > dotDefaultLimit || links.count > dotDefaultLinks {
                dotProgram = nil
                used = .ownInsteadOfDot(entities: nodes.count, links: links.count)
            }
        }
        let layout: GraphLayout
        do {
            layout =
                try dotProgram.map {
                    try GraphLayout.graphviz(
                        nodes, links: links, program: $0, seconds: options.isDotAskedFor ? nil : options.dotDefaultSeconds)
                }
                ?? GraphLayout.own(nodes, links: links)
        } catch let error as LayoutError where !options.isDotAskedFor && !error.isInterruption {
            // Over time, the export fails: Isnad's own layout in its place would make the file
            // depend on how busy the machine was.
            if error.isOverTime {
                throw LayoutError(
                    message:
                        "Graphviz's dot was still working after \(options.dotDefaultSeconds) s on \(counted(nodes.count, "entity", "entities")) and \(counted(links.count, "linked pair")), a view it lays out in seconds on a machine not this busy",
                    isOverTime: true)
            }
            // Graphviz is only the default's first choice: a broken or starved one (a process
            // limit) leaves the page to Isnad's own layout, not the export undone.
            layout = GraphLayout.own(nodes, links: links)
            used = .ownAfterDotFailed(reason: error.message)
        }
        var writer = HTMLWriter.Options()
        writer.language = options.language
        // The window's title in the language the page opens in, as the page's heading is.
        writer.title = options.language == .ar && !options.titleArabic.isEmpty ? options.titleArabic : options.title
        writer.layout = layout
        writer.includesNotes = options.includesNotes
        // The caption is the header's last line, after what the page shows and, when every claim
        // drawn rests on one channel through one source, `show`'s words for it (in English on the
        // Arabic page too, as the filters are).
        let caveat = [channels.oneLinkCaveat].compactMap { $0 }
        let title = options.title + caveat + [options.storeState?.caption(language: .en)].compactMap { $0 }
        let titleArabic =
            options.titleArabic + caveat.map(BidiText.leftToRight)
            + [options.storeState?.caption(language: .ar)].compactMap { $0 }
        writer.context = try context(
            store: store, title: title, titleArabic: titleArabic, layout: layout, predicates: predicates,
            citedSources: citedSources, chainSources: chainSources.subtracting(citedSources))
        try HTMLWriter(sink: sink, options: writer).write(graph)
        return used
    }

    /// The document the page reads beside entities and claims: title, layout size, the words
    /// and styles of entity types, predicate families and statuses, the line widths by
    /// independent channels (``DOTWriter/penWidth(channels:)``), the predicates and the
    /// sources used, each in English and Arabic (a cited source with its title, type, date,
    /// publisher, author, url and language). A source met only up a chain (one a cited source
    /// relays) is given by its grade alone, which the page weighs with: the page shows no more of
    /// it than its id, and carries no more (its title may name what the analyst keeps out of
    /// view: an informant behind a cited report).
    static func context(
        store: GraphStore, title: [String], titleArabic: [String], layout: GraphLayout, predicates: Set<String>,
        citedSources: Set<String>, chainSources: Set<String>
    ) throws -> String {
        var json = JSONWriter(capacity: 8192)
        json.beginObject()
        json.key("title")
        json.beginArray()
        for line in title { json.string(line) }
        json.endArray()
        json.key("titleAr")
        json.beginArray()
        for line in titleArabic { json.string(line) }
        json.endArray()
        json.key("layout")
        json.beginObject()
        json.member("engine", layout.engine)
        json.key("width")
        json.number(HTMLWriter.decimal(layout.width))
        json.key("height")
        json.number(HTMLWriter.decimal(layout.height))
        json.endObject()
        json.key("types")
        json.beginArray()
        for type in [EntityType.organization, .person, .event, .place] {
            json.beginObject()
            json.member("id", type.rawValue)
            json.member("en", ExportStyle.typeName(type, language: .en))
            json.member("ar", ExportStyle.typeName(type, language: .ar))
            json.member("shape", GraphLayout.shape(of: type))
            json.member("fill", ExportStyle.fill(for: type))
            json.endObject()
        }
        json.endArray()
        json.key("families")
        json.beginArray()
        for family in ExportStyle.families {
            json.beginObject()
            json.member("id", family.name)
            json.member("en", family.name)
            json.member("ar", ExportStyle.familyName(family.name, language: .ar))
            json.member("color", family.color)
            json.endObject()
        }
        json.endArray()
        json.key("statuses")
        json.beginArray()
        for status in Evidence.Status.allCases {
            json.beginObject()
            json.member("id", status.rawValue)
            json.member("en", status.rawValue)
            json.member("ar", EvidenceText.statusWord(status, language: .ar))
            json.key("line")
            HTMLWriter.appendLine(DOTWriter.style(of: status, isSymmetric: false), to: &json)
            json.endObject()
        }
        json.endArray()
        // The line widths by independent channels, for one, two, and three or more.
        json.key("widths")
        json.beginArray()
        for channels in 1...3 { json.string(DOTWriter.penWidth(channels: channels)) }
        json.endArray()
        json.key("predicates")
        json.beginObject()
        for id in predicates.sorted() {
            json.key(id)
            json.beginObject()
            let predicate = store.vocabulary[id]
            json.member("en", predicate?.labelEnglish ?? id)
            json.member("ar", predicate?.labelArabic ?? id)
            json.member("family", predicate?.family ?? "")
            json.key("symmetric")
            json.number(predicate?.isSymmetric == true ? "true" : "false")
            json.member("temporal", (predicate?.temporal ?? .state).rawValue)
            json.endObject()
        }
        json.endObject()
        json.key("sources")
        json.beginObject()
        for id in citedSources.union(chainSources).sorted() {
            guard let source = try store.source(id: id, withText: false) else { continue }
            json.key(id)
            json.beginObject()
            guard citedSources.contains(id) else {
                json.member("reliability", source.reliability.rawValue)
                json.endObject()
                continue
            }
            json.member("title", source.title)
            json.member("type", source.type.rawValue)
            json.member("reliability", source.reliability.rawValue)
            json.member("published", source.published?.description)
            // Who published it and where: what a reader of a published page needs to reach the
            // document itself (the page links a url only when it is http or https).
            json.member("publisher", source.publisher)
            json.member("author", source.author)
            json.member("url", source.url)
            json.member("lang", source.lang)
            json.endObject()
        }
        json.endObject()
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self)
    }
}

/// Why an HTML view was not written.
public enum HTMLViewError: Error, CustomStringConvertible, Equatable {
    /// More entities than a browser draws responsively.
    case tooManyEntities(Int, maximumEntities: Int, maximumClaims: Int)
    /// More claims than a browser draws responsively (the survey stops counting at the limit).
    case tooManyClaims(entities: Int, maximumEntities: Int, maximumClaims: Int)
    /// Nothing to draw: no entity passes.
    case empty

    public var description: String {
        switch self {
        case .tooManyEntities(let count, let maximumEntities, let maximumClaims):
            return
                "the view would draw \(count) entities; a browser stays responsive up to \(maximumEntities) entities and \(maximumClaims) claims, so no file was written"
        case .tooManyClaims(let entities, let maximumEntities, let maximumClaims):
            return
                "the view would draw more than \(maximumClaims) claims (among \(entities) entities); a browser stays responsive up to \(maximumEntities) entities and \(maximumClaims) claims, so no file was written"
        case .empty:
            return "nothing to draw: no entity passes these filters, so no file was written"
        }
    }
}
