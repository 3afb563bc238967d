import IsnadKit

enum EntitiesCommand: Command {
    static let name = "entities"
    static let spec = CommandSpec(
        name: name,
        abstract: "List the entities of the store, in id order, with their names and how many claims each takes part in.",
        discussion: """
            Every entity, or those of the types given, in id order, each with its name, its other names (aliases, in
            Arabic and English) and the claims it is the subject or the object of. A table shows the first
            \(ListingLimit.tableDefault) and says under itself how many there are; JSON (records) and CSV list them all,
            streamed, unless given a limit. isnad search finds an entity by a name however it is spelled; isnad show
            ENTITY lists its claims with who says them; isnad stats ranks the most central.
            """,
        options: [type, limit, format],
        examples: ["isnad entities", "isnad entities --type person,organization", "isnad entities --format csv"])

    static let type = ListOption<EntityType>(
        "type", value: "type", group: .filter,
        help: "Only entities of these types: person, organization, event, place (repeat, or separate with commas).")
    static let limit = ListingLimit.option(
        help: "At most n entities; 0: all, streamed. Default: \(ListingLimit.tableDefault) in a table, all in json and csv.")
    static let format = OutputFormat.option

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let format = try arguments.value(Self.format, default: .table)
        let limit = try ListingLimit.value(arguments, option: Self.limit, format: Self.format)
        let types = try arguments.values(Self.type)
        let store = try context.openStore(.read)
        let total = try store.countEntities(ofTypes: types)
        let leftOut = limit.flatMap { $0 < total ? ListingLimit.note(showing: $0, of: total, "entity", "entities") : nil }
        if total == 0, format.isForReading {
            context.message(
                types.isEmpty
                    ? "the store holds no entity" : "no entity is of type \(types.map(\.rawValue).joined(separator: " or "))")
            return
        }
        let header = ["id", "type", "name", "other_names", "claims"]
        func row(_ listed: GraphStore.ListedEntity) -> [String] {
            let entity = listed.entity
            return [
                entity.id, entity.type.rawValue, entity.name, entity.aliases.map(\.name).joined(separator: " · "),
                String(listed.claims),
            ]
        }
        try format.print(
            Printout(
                reading: {
                    let columns: [TextTable.Column] = [
                        .identifiers("ID"), .init(header: "TYPE"), .init(header: "NAME", maximumWidth: 40),
                        .init(header: "OTHER NAMES", maximumWidth: 40), .init(header: "CLAIMS", alignsRight: true),
                    ]
                    return .init(
                        text: "", note: leftOut == nil ? counted(total, "entity", "entities") : nil, trailer: leftOut,
                        stream: { write in
                            try TextTable.streamed(columns, write: write) { append in
                                try store.forEachEntity(ofTypes: types, limit: limit) { try append(row($0)) }
                            }
                        })
                },
                json: .records { sink in
                    var writer = RecordWriter()
                    try store.forEachEntity(ofTypes: types, limit: limit) { try writer.write(.entity($0.entity), to: sink) }
                },
                rows: Printout.Rows(header: header) { body in
                    try store.forEachEntity(ofTypes: types, limit: limit) { try body(row($0)) }
                },
                leftOut: { [leftOut].compactMap { $0 } }),
            context: context)
    }
}
