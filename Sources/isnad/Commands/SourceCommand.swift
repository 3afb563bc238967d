import IsnadKit

enum SourceCommand: Command {
    static let spec = CommandSpec(
        name: "source",
        abstract: "A source: what it is, how reliable, its chain of transmission, and every claim it supports.",
        discussion: """
            Shows the source's record and reliability, then its chain: the sources it relays (cites), recursively,
            and the sources that relay it, recursively; then the claims it makes (as claimant) and the claims of
            others quoted in it (as via), each with its status.
            """,
        arguments: [ArgumentSpec(name: "id", help: "The source's id.")],
        options: [OutputFormat.option],
        examples: ["isnad source hadera-2022-article", "isnad source abu-maram-document --format json"])

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let format = try arguments.choice("format", of: OutputFormat.self, default: .table)
        let store = try context.openStore(.read)
        let id = arguments.positionals[0]
        guard let source = try store.source(id: id) else {
            var ids: [String] = []
            try store.forEachSource { ids.append($0.id) }
            throw LookupError(
                description: "no source \"\(Text.printable(id))\" in the store" + Suggestion.phrase(Suggestion.nearest(to: id, among: ids)))
        }
        let claims = try store.claims(citing: source.id)
        let cited = try chain(from: source.id, store: store) { try store.source(id: $0)?.cites ?? [] }
        let citing = try chain(from: source.id, store: store) { try store.sourcesCiting($0) }
        var presentation = ClaimPresentation(store: store)
        switch format {
        case .json:
            var set = RecordSet(store: store)
            set.add(source: source.id)
            for (id, _) in cited + citing { set.add(source: id) }
            claims.forEach { set.add($0.claim) }
            try set.write(to: context.output)
        case .csv:
            try context.print(try presentation.csv(claims.map { ([$0.role.rawValue], $0.claim) }, headers: ["role"]))
        case .table:
            var lines = [Bidi.line(Text.printable("\(source.title) (\(source.id))" + Bidi.leftToRightMark))]
            var facts = ["type \(source.type.rawValue)", "reliability \(source.reliability.rawValue) (\(source.reliability.meaning))"]
            if let published = source.published { facts.append("published \(published)") }
            if let lang = source.lang { facts.append("language \(lang)") }
            lines.append("  " + facts.joined(separator: " · "))
            for (label, value) in [("publisher", source.publisher), ("author", source.author), ("url", source.url)] {
                if let value { lines.append(Text.printable("  \(label): \(value)")) }
            }
            if let text = source.text { lines.append("  full text stored (\(text.count) characters): quotes from it can be checked") }
            lines.append("")
            lines.append("Chain of transmission")
            lines.append(cited.isEmpty ? "  relays no other source" : "  relays:")
            lines += try cited.map { id, depth in try chainLine(id, depth, store) }
            lines.append(citing.isEmpty ? "  relayed by no other source" : "  relayed by:")
            lines += try citing.map { id, depth in try chainLine(id, depth, store) }
            var output = lines.joined(separator: "\n") + "\n"
            for role in [GraphStore.SourceRole.claimant, .via] {
                let group = claims.filter { $0.role == role }.map(\.claim)
                output += "\n" + (role == .claimant ? "Claims it makes" : "Claims of others quoted in it")
                output += " (\(group.count))\n"
                if !group.isEmpty { output += (try presentation.table(group)).render() }
            }
            try context.print(output)
        }
    }

    /// Sources reached from `start` by `next`, depth first, each once, with its depth.
    static func chain(from start: String, store: GraphStore, next: (String) throws -> [String]) throws -> [(String, Int)] {
        var result: [(String, Int)] = []
        var seen: Set<String> = [start]
        func visit(_ id: String, _ depth: Int) throws {
            for other in try next(id) where seen.insert(other).inserted {
                result.append((other, depth))
                try visit(other, depth + 1)
            }
        }
        try visit(start, 1)
        return result
    }

    static func chainLine(_ id: String, _ depth: Int, _ store: GraphStore) throws -> String {
        let indent = String(repeating: "  ", count: depth + 1)
        guard let source = try store.source(id: id) else { return indent + id }
        let date = source.published.map { ", \($0)" } ?? ""
        return Bidi.line(Text.printable("\(indent)\(source.id) — \(source.type.rawValue), \(source.reliability.rawValue)\(date): \(source.title)") + Bidi.leftToRightMark)
    }
}
