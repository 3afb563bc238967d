extension DOTWriter {
    /// What the picture drew, gathered as its entities and edges are written, for the graph's
    /// label, which is written after them (``writeTail(reading:)``): how many entities (the label's
    /// type size follows them), the sources its edge labels name by id, and the sources its
    /// claims cite. A class: the writer is a value, and its appends do not mutate it.
    final class Drawn {
        var entities = 0
        /// The sources an edge label names: who says a claim, who denies it, the common link.
        var namedSources: Set<String> = []
        /// Every source a drawn claim cites, as claimant or via.
        var citedSources: Set<String> = []
        /// What the drawn claims' channels rest on, for the caveat under the title
        /// (``ChannelTally/oneLinkCaveat``): a count per common link, not the claims.
        var channels = ChannelTally()

        /// Notes what `edge`'s label names (`support`, `denial`: its best supporting and denying
        /// citations, which the label shows, and its common link) and what its claims cite.
        func note(_ edge: ExportGraph.Edge, support: GradedCitation?, denial: GradedCitation?) {
            if let support { namedSources.insert(support.citation.source) }
            if let denial { namedSources.insert(denial.citation.source) }
            if let link = edge.weight.commonLink { namedSources.insert(link.source) }
            for cited in edge.citations {
                citedSources.insert(cited.citation.source)
                if let via = cited.citation.via { citedSources.insert(via) }
            }
        }
    }

    /// The key to the sources the edge labels name by id (``Options/showsSourceKey``), as a
    /// table of an HTML-like label: each id with the source's title, publisher and date of
    /// publication where the store has them, so that a reader of a printed figure can tell what
    /// `police-statement (asserts B3)` is. A source no drawn claim cites (a common link met only
    /// up a chain) is given with its grade alone, as the HTML view gives it: its title may name
    /// what the analyst keeps out of view (an informant behind a cited report). Nothing when the
    /// labels name no source (``showsSourceKey``). Written to the sink a few rows at a time: at a
    /// million claims the key of the whole store named 25,000 sources, 4 MB held three times over
    /// as one string.
    func writeSourceKey(reading store: GraphStore, size: Int) throws {
        guard showsSourceKey else { return }
        let arabic = options.language == .ar
        let small = max(size - 2, 8)
        // Stored text is shown as the HTML view and the command line show it (an override as its
        // escape, `\u{202E}`, not obeyed), isolated so that an Arabic title keeps its own order
        // beside the id, then escaped for an HTML-like label.
        func isolated(_ stored: String) -> String { BidiText.isolated(Text.printable(stored)) }
        func text(_ stored: String) -> String { XMLEscaping.escapedKeepingIsolates(isolated(stored)) }
        let heading = arabic ? "المصادر المذكورة على الروابط" : "Sources named on the edges"
        var rows =
            "<TABLE BORDER=\"1\" COLOR=\"#999999\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\">"
            + "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"\(size)\"><B>\(heading)</B></FONT></TD></TR>"
        for id in drawn.namedSources.sorted() {
            let source = try store.source(id: id, withText: false)
            var described: [String] = []
            if let source, drawn.citedSources.contains(id) {
                var after: [String] = []
                let published = [source.publisher.map(isolated), source.published.map { isolated($0.description) }]
                    .compactMap { $0 }
                if !published.isEmpty { after.append(published.joined(separator: ", ")) }
                after.append(
                    arabic ? "الموثوقية \(source.reliability.rawValue)" : "reliability \(source.reliability.rawValue)")
                described.append("<I>\(text(source.title))</I>" + DOTWriter.spanAfterTag(" · " + after.joined(separator: " · ")))
            } else if let source {
                described.append(
                    arabic
                        ? "مصدر في سلسلة النقل، غير مستشهد به هنا؛ الموثوقية \(source.reliability.rawValue)"
                        : "up a chain of transmission, not cited here; reliability \(source.reliability.rawValue)")
            }
            // One cell a source: in two columns, Graphviz spread the legend's width over both, and
            // the titles stood far from their ids. The id is a slug, which needs no isolating. The
            // row is left to right in an Arabic picture too: Graphviz sets each run of a font (the
            // bold id, the italic title, what follows it) apart, each in its own direction, and
            // ``DOTWriter/spanAfterTag(_:)`` holds the run after the title left to right.
            rows +=
                "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"\(small)\"><B>\(XMLEscaping.escaped(id))</B>   "
                + described.joined() + "</FONT></TD></TR>"
            if rows.utf8.count >= 1 << 16 {
                try sink.write(rows)
                rows.removeAll(keepingCapacity: true)
            }
        }
        try sink.write(rows + "</TABLE>")
    }

    /// Whether the picture gets a key to its sources: asked for, and its labels name some.
    var showsSourceKey: Bool { options.showsSourceKey && !drawn.namedSources.isEmpty }
}

extension DOTWriter.PairAggregate {
    /// The sources a short (overview) label of the pair names, by their number in the export:
    /// who says its strongest claim, and who denies the strongest disputed one.
    var namedSourceNumbers: [Int32] {
        [strongestNamed, strongestDispute?.denier].compactMap { $0 }
    }
}
