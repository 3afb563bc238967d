import IsnadKit

enum InitCommand: Command {
    static let spec = CommandSpec(
        name: "init",
        abstract: "Create an empty store.",
        discussion:
            "Creates the store file (./isnad.db unless --db or ISNAD_DB names another), or, for --db postgresql://…, the store's schema in that database (see docs/postgresql.md). Running it on an existing store only reports its version.",
        examples: ["isnad init", "isnad --db syria.db init"])

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        if case .postgreSQL(let location) = context.storeLocation {
            let store = try context.openPostgreSQLStore(location, .create)
            context.message(
                store.wasCreated
                    ? "created an empty Isnad store at \(location) (schema version \(Migrations.currentPostgreSQLVersion), \(store.engineDescription))"
                    : "\(location) is already an Isnad store (schema version \(Migrations.currentPostgreSQLVersion)); nothing to do"
            )
            return
        }
        let store = try context.openStore(.create)
        if !store.wasCreated {
            context.message(
                "\(context.databasePath) is already an Isnad store (schema version \(Migrations.currentVersion)); nothing to do")
        } else {
            context.message(
                "created an empty Isnad store at \(context.databasePath) (schema version \(Migrations.currentVersion))")
        }
    }
}
