import IsnadKit

enum SourcesCommand: Command {
    static let name = "sources"
    static let spec = CommandSpec(
        name: name,
        abstract:
            "List the sources of the store, in id order, with their reliability, date, title and how many claims each supports.",
        discussion: """
            Every source, or those of the types and reliability grades given, in id order: its reliability (Admiralty
            A–F), type, date published, title, publisher and the claims that cite it, as claimant or as the source
            they were read in (via), each once. A table shows the first \(ListingLimit.tableDefault) and says under
            itself how many there are; JSON (records, each source whole, its text included) and CSV list them all,
            streamed, unless given a limit. isnad source SOURCE shows one: its chain of transmission and every claim
            it makes or relays.
            """,
        options: [type, reliability, limit, format],
        examples: ["isnad sources", "isnad sources --reliability A,B", "isnad sources --type leaked-document --format csv"])

    static let type = ListOption<SourceType>(
        "type", value: "type", group: .filter,
        help:
            "Only sources of these types: \(SourceType.allCases.map(\.rawValue).joined(separator: ", ")) (repeat, or separate with commas)."
    )
    static let reliability = ListOption<Reliability>(
        "reliability", value: "A-F", group: .filter,
        help: "Only sources graded one of these: A to F (repeat, or separate with commas).")
    static let limit = ListingLimit.option(
        help: "At most n sources; 0: all, streamed. Default: \(ListingLimit.tableDefault) in a table, all in json and csv.")
    static let format = OutputFormat.option(json: "json (the record format, each source whole: importable)")

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let format = try arguments.value(Self.format, default: .table)
        let limit = try ListingLimit.value(arguments, option: Self.limit, format: Self.format)
        let types = try arguments.values(Self.type)
        let grades = try arguments.values(Self.reliability)
        let store = try context.openStore(.read)
        let total = try store.countSources(ofTypes: types, graded: grades)
        let leftOut = limit.flatMap { $0 < total ? ListingLimit.note(showing: $0, of: total, "source") : nil }
        if total == 0, format.isForReading {
            context.message(types.isEmpty && grades.isEmpty ? "the store holds no source" : "no source passes the filters")
            return
        }
        let header = ["id", "reliability", "type", "published", "title", "publisher", "author", "url", "claims"]
        func row(_ listed: GraphStore.ListedSource) -> [String] {
            let source = listed.source
            return [
                source.id, source.reliability.rawValue, source.type.rawValue, source.published?.description ?? "",
                source.title, source.publisher ?? "", source.author ?? "", source.url ?? "", String(listed.claims),
            ]
        }
        try format.print(
            Printout(
                reading: {
                    let columns: [TextTable.Column] = [
                        .identifiers("ID"), .init(header: "RELIABILITY"), .init(header: "TYPE"), .init(header: "PUBLISHED"),
                        .init(header: "TITLE", maximumWidth: 40), .init(header: "PUBLISHER", maximumWidth: 24),
                        .init(header: "CLAIMS", alignsRight: true),
                    ]
                    return .init(
                        text: "", note: leftOut == nil ? counted(total, "source") : nil, trailer: leftOut,
                        stream: { write in
                            try TextTable.streamed(columns, write: write) { append in
                                try store.forEachSource(ofTypes: types, graded: grades, limit: limit) { listed in
                                    let cells = row(listed)
                                    try append([cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[8]])
                                }
                            }
                        })
                },
                json: .records { sink in
                    var writer = RecordWriter()
                    // Each source whole, its text read with it: a record without it would import
                    // as a source that lost its text.
                    try store.forEachSource(ofTypes: types, graded: grades, limit: limit, withText: true) {
                        try writer.write(.source($0.source), to: sink)
                    }
                },
                rows: Printout.Rows(header: header) { body in
                    try store.forEachSource(ofTypes: types, graded: grades, limit: limit) { try body(row($0)) }
                },
                leftOut: { [leftOut].compactMap { $0 } }),
            context: context)
    }
}
