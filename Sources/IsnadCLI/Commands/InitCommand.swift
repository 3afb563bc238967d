import IsnadKit

enum InitCommand: Command {
    static let name = "init"
    static let spec = CommandSpec(
        name: name,
        abstract: "Create an empty store.",
        discussion:
            "Creates the store file (./isnad.db unless --db or ISNAD_DB names another), or, for --db postgresql://…, the store's schema in that database (see docs/postgresql.md). Running it on an existing store only reports its version.",
        options: [roles, reusesRoles],
        examples: ["isnad init", "isnad --db syria.db init"])

    static let roles = Flag(
        "roles",
        help:
            "On PostgreSQL: also create the roles STORE_reader (reads) and STORE_writer (reads and writes), granted the store.")

    static let reusesRoles = Flag(
        "reuse-roles",
        help:
            "With --roles: grant the store to roles of those names that are on the server already (roles are shared by every database), whose members then all get it; without it they are refused."
    )

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        if case .postgreSQL(let location) = context.storeLocation {
            // Checked before the store is made: a store left without the roles asked for is half done.
            if arguments.isSet(roles), (location.storeName + "_writer").utf8.count > 63 {
                throw UsageError(
                    message:
                        "--roles: the role \(location.storeName)_writer would be longer than PostgreSQL's 63 bytes: a store with roles has a name of at most 56 bytes",
                    command: spec.name)
            }
            // The roles are made with a new store, in its transaction: a role that may not create
            // roles leaves no store behind that says it was not written.
            if arguments.isSet(reusesRoles), !arguments.isSet(roles) {
                throw UsageError(message: "--reuse-roles goes with --roles", command: spec.name)
            }
            let store = try context.openPostgreSQLStore(
                location, .create, withRoles: arguments.isSet(roles), reusingRoles: arguments.isSet(reusesRoles))
            context.message(
                store.wasCreated
                    ? "created an empty Isnad store at \(location) (schema version \(Migrations.currentPostgreSQLVersion), \(store.engineDescription))"
                    : "\(location) is already an Isnad store (schema version \(Migrations.currentPostgreSQLVersion))"
                        + (arguments.isSet(roles) ? "" : "; nothing to do"))
            if arguments.isSet(roles) {
                if !store.wasCreated { try store.createRoles(reusingExisting: arguments.isSet(reusesRoles)) }
                let (reader, writer) = store.roleNames
                context.message(
                    "roles \(reader) (reads) and \(writer) (reads and writes) may use it: GRANT \(reader) TO <login role>, or \(writer)"
                )
                // Roles are the server's: one of these names may be another store's, or anyone's.
                for (role, beyond) in store.rolesFoundExisting {
                    context.message(
                        "isnad: role \(role) was on the server already, and was given this store's grants as it is"
                            + (beyond.isEmpty ? "" : " (\(beyond.joined(separator: ", ")))")
                            + ": every role that holds it, in any database, may now use this store (\\du \(role) in psql lists them)"
                    )
                }
            }
            return
        }
        if arguments.isSet(roles) {
            throw UsageError(
                message:
                    "--roles creates roles on a PostgreSQL server, and \(context.shownDatabasePath) is a store file: give --db a postgresql:// URI",
                command: spec.name)
        }
        // A store there already is read, not opened to write: one the user may only read is
        // reported as one, not refused as unwritable (an older one is upgraded, as any reader does).
        if case .file(let path) = context.storeLocation, FileSystem.exists(path) {
            do {
                _ = try context.openStore(.read)
                context.message(
                    "\(context.shownDatabasePath) is already an Isnad store (schema version \(Migrations.currentVersion)); nothing to do"
                )
                return
            } catch StoreError.emptyFile {
                // An empty file (made by touch): the store is made in it, below.
            }
        }
        let store = try context.openStore(.create)
        if !store.wasCreated {
            context.message(
                "\(context.shownDatabasePath) is already an Isnad store (schema version \(Migrations.currentVersion)); nothing to do"
            )
        } else {
            context.message(
                "created an empty Isnad store at \(context.shownDatabasePath) (\(context.storeDetails.map { "\($0); " } ?? "")schema version \(Migrations.currentVersion))"
            )
        }
    }
}
