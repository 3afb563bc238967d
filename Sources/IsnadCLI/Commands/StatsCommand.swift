import Foundation
import IsnadKit

enum StatsCommand: Command {
    static let name = "stats"
    static let spec = CommandSpec(
        name: name,
        abstract: "Counts by type, predicate, grade and status, and the most central actors.",
        discussion: """
            Claim and citation counts follow the filter options; entity and source counts are of the whole store. The
            top actors are ranked over the claims that pass the filters: by degree (claims they take part in), by
            betweenness (how many shortest chains between others pass through them, 0–1) and by PageRank (claims as
            links from subject to object). The counts and the centrality share one read of the claims (read on one
            core, weighed on another), the links kept in compact arrays; betweenness is exact up to 2,000 actors and
            estimated from --betweenness-samples sources above that. --format json prints one JSON object (not
            records); csv prints section,key,count,score rows: each key of a section with its count (score empty),
            then the top actors (section top_degree, top_betweenness, top_pagerank), each id with its score (count
            empty). A store made by isnad copy says which entry of its source's history it was copied as of.
            """,
        options: [top, betweennessSamples, format] + FilterOptions.all,
        examples: ["isnad stats", "isnad stats --min-reliability C --top 5", "isnad stats --format json"])

    static let top = Option<Int>(
        "top", value: "n", in: 0...10_000, help: "How many top actors to list per measure (default: 10; 0 skips centrality).")
    static let betweennessSamples = Option<Int>(
        "betweenness-samples", value: "k", in: 1...1_000_000,
        help: "Sources sampled for betweenness on large graphs (default: 256).")
    static let format = OutputFormat.option(json: "json (one object: the counts and the top actors)")

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let query = try QueryPreamble(arguments, context: context, format: format)
        let (store, filter) = (query.store, query.filter)
        let top = try arguments.value(Self.top, default: 10)
        let samples = try arguments.value(betweennessSamples, default: 256)
        // One pass over the claims for both: reading a million claims whole is most of the work.
        var links = top == 0 ? nil : Centrality.Links(vocabulary: store.vocabulary)
        let statistics = try Statistics(store: store, filter: filter) { links?.add(subject: $0, predicate: $1, object: $2) }
        // Left out of every count, as of every query: said, so that the totals do not read as the whole store.
        let retracted = try store.retractedCounts()
        let copiedAsOfEntry = try StoreCopy.copiedAsOfEntry(of: store)
        let centrality = links.map { Centrality(links: $0, betweennessSamples: samples) }
        let measures: [(name: String, title: String, value: (Centrality.Score) -> Double, text: (Centrality.Score) -> String)] = [
            ("degree", "TOP BY DEGREE (CLAIMS)", { Double($0.degree) }, { String($0.degree) }),
            ("betweenness", "TOP BY BETWEENNESS", { $0.betweenness }, { String(format: "%.4f", $0.betweenness) }),
            ("pagerank", "TOP BY PAGERANK", { $0.pageRank }, { String(format: "%.4f", $0.pageRank) }),
        ]
        let sections: [(String, String, Int, [Statistics.Count])] = [
            ("entities", "ENTITY TYPE", statistics.entities, statistics.entitiesByType),
            ("sources", "SOURCE TYPE", statistics.sources, statistics.sourcesByType),
            ("source_reliability", "SOURCE RELIABILITY", statistics.sources, statistics.sourcesByReliability),
            ("claims", "PREDICATE", statistics.claims, statistics.claimsByPredicate),
            ("claim_status", "CLAIM STATUS", statistics.claims, statistics.claimsByStatus),
            ("citation_stance", "CITATION STANCE", statistics.citations, statistics.citationsByStance),
            ("citation_credibility", "CITATION CREDIBILITY", statistics.citations, statistics.citationsByCredibility),
        ]
        try query.print(
            Printout(
                reading: {
                    var output =
                        "\(counted(statistics.entities, "entity", "entities")), \(counted(statistics.sources, "source")), \(counted(statistics.claims, "claim")), \(counted(statistics.citations, "citation"))"
                        + (retracted.claims + retracted.citations == 0
                            ? ""
                            : " (left out, retracted: \(counted(retracted.claims, "claim")), \(counted(retracted.citations, "citation")))")
                        + "\n"
                    // The state of the store a copy was made from (isnad copy): what is built from
                    // the copy is traced to it, and corrections since are listed there.
                    if let entry = copiedAsOfEntry {
                        output +=
                            "a copy of another store as of entry \(entry) of its history (isnad log --after \(entry) there lists what changed since)\n"
                    }
                    for (_, title, total, counts) in sections where total > 0 {
                        var table = TextTable([
                            .init(header: title), .init(header: "COUNT", alignsRight: true),
                            .init(header: "SHARE", alignsRight: true),
                        ])
                        for count in counts where count.count > 0 {
                            table.append([label(count.key, in: title), String(count.count), share(count.count, of: total)])
                        }
                        output += "\n" + table.render()
                    }
                    if let centrality, !centrality.scores.isEmpty {
                        var presentation = ClaimPresentation(store: store, graph: query.graph)
                        for measure in measures {
                            var table = TextTable([
                                .init(header: measure.title, maximumWidth: 50), .init(header: "ID", maximumWidth: 40),
                                .init(header: "SCORE", alignsRight: true),
                            ])
                            for score in centrality.top(top, by: measure.value) {
                                table.append([try presentation.name(score.id), score.id, measure.text(score)])
                            }
                            output += "\n" + table.render()
                        }
                        if let sampled = centrality.betweennessSamples {
                            output += "(betweenness estimated from \(sampled) of \(centrality.scores.count) actors)\n"
                        }
                    }
                    return .init(text: output)
                },
                json: .document { json in
                    json.beginObject()
                    for (name, _, total, counts) in sections {
                        json.key(name)
                        json.beginObject()
                        json.member("total", total)
                        json.key("counts")
                        json.beginObject()
                        for count in counts { json.member(count.key, count.count) }
                        json.endObject()
                        json.endObject()
                    }
                    json.key("retracted")
                    json.beginObject()
                    json.member("claims", retracted.claims)
                    json.member("citations", retracted.citations)
                    json.endObject()
                    if let centrality {
                        json.key("top")
                        json.beginObject()
                        for measure in measures {
                            json.key(measure.name)
                            json.beginArray()
                            for score in centrality.top(top, by: measure.value) {
                                json.beginObject()
                                json.member("id", score.id)
                                json.key("score")
                                json.number(measure.text(score))
                                json.endObject()
                            }
                            json.endArray()
                        }
                        json.endObject()
                    }
                    json.endObject()
                },
                rows: Printout.Rows(header: ["section", "key", "count", "score"]) { row in
                    for (name, _, total, counts) in sections {
                        try row([name, "total", String(total), ""])
                        for count in counts { try row([name, count.key, String(count.count), ""]) }
                    }
                    try row(["retracted", "claims", String(retracted.claims), ""])
                    try row(["retracted", "citations", String(retracted.citations), ""])
                    if let centrality {
                        for measure in measures {
                            for score in centrality.top(top, by: measure.value) {
                                try row(["top_" + measure.name, score.id, "", measure.text(score)])
                            }
                        }
                    }
                }),
            context: context)
    }

    /// A percentage rounded to the nearest whole number; "<1%" rather than "0%" for a few.
    static func share(_ count: Int, of total: Int) -> String {
        let percent = (count * 200 + max(1, total)) / (2 * max(1, total))
        return count > 0 && percent == 0 ? "<1%" : "\(percent)%"
    }

    private static func label(_ key: String, in section: String) -> String {
        switch section {
        case "SOURCE RELIABILITY": Reliability(rawValue: key).map { "\(key) \($0.meaning)" } ?? key
        case "CITATION CREDIBILITY": Int(key).flatMap(Credibility.init(rawValue:)).map { "\(key) \($0.meaning)" } ?? key
        default: key
        }
    }
}
