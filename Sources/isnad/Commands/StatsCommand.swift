import IsnadKit

enum StatsCommand: Command {
    static let spec = CommandSpec(
        name: "stats",
        abstract: "Count entities, sources, claims and citations, by type, predicate, grade and status.",
        discussion: "Claim and citation counts follow the filter options; entity and source counts are of the whole store. --format json prints one JSON object (not records); csv prints section,key,count rows.",
        options: [OutputFormat.option] + FilterOptions.specs,
        examples: ["isnad stats", "isnad stats --min-reliability C --format json"])

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let format = try arguments.choice("format", of: OutputFormat.self, default: .table)
        let store = try context.openStore(.read)
        let statistics = try Statistics(store: store, filter: try FilterOptions.filter(from: arguments, store: store))
        let sections: [(String, String, Int, [Statistics.Count])] = [
            ("entities", "ENTITY TYPE", statistics.entities, statistics.entitiesByType),
            ("sources", "SOURCE TYPE", statistics.sources, statistics.sourcesByType),
            ("source_reliability", "SOURCE RELIABILITY", statistics.sources, statistics.sourcesByReliability),
            ("claims", "PREDICATE", statistics.claims, statistics.claimsByPredicate),
            ("claim_status", "CLAIM STATUS", statistics.claims, statistics.claimsByStatus),
            ("citation_stance", "CITATION STANCE", statistics.citations, statistics.citationsByStance),
            ("citation_credibility", "CITATION CREDIBILITY", statistics.citations, statistics.citationsByCredibility),
        ]
        switch format {
        case .json:
            var parts: [String] = []
            for (name, _, total, counts) in sections {
                let members = counts.map { "\(JSONEscaping.quoted($0.key)):\($0.count)" }.joined(separator: ",")
                parts.append("\(JSONEscaping.quoted(name)):{\"total\":\(total),\"counts\":{\(members)}}")
            }
            try context.print("{" + parts.joined(separator: ",") + "}\n")
        case .csv:
            var csv = CSVWriter(header: ["section", "key", "count"])
            for (name, _, total, counts) in sections {
                csv.append([name, "total", String(total)])
                counts.forEach { csv.append([name, $0.key, String($0.count)]) }
            }
            try context.print(csv.text)
        case .table:
            var output =
                "\(counted(statistics.entities, "entity", "entities")), \(counted(statistics.sources, "source")), \(counted(statistics.claims, "claim")), \(counted(statistics.citations, "citation"))\n"
            for (_, title, total, counts) in sections where total > 0 {
                var table = TextTable([.init(header: title), .init(header: "COUNT", alignsRight: true), .init(header: "SHARE", alignsRight: true)])
                for count in counts where count.count > 0 {
                    table.append([label(count.key, in: title), String(count.count), "\(count.count * 100 / max(1, total))%"])
                }
                output += "\n" + table.render()
            }
            try context.print(output)
        }
    }

    private static func label(_ key: String, in section: String) -> String {
        switch section {
        case "SOURCE RELIABILITY": Reliability(rawValue: key).map { "\(key) \($0.meaning)" } ?? key
        case "CITATION CREDIBILITY": Int(key).flatMap(Credibility.init(rawValue:)).map { "\(key) \($0.meaning)" } ?? key
        default: key
        }
    }
}
