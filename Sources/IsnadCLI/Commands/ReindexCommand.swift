import IsnadKit

enum ReindexCommand: Command {
    static let name = "reindex"
    static let spec = CommandSpec(
        name: name,
        abstract: "Write the names' search keys again from the names, where check finds keys that are not their own.",
        discussion: """
            Search finds an entity by keys made from its names (folded case, diacritics and spellings, and the \
            consonants of a transliteration). A name whose keys another program wrote (or an older Isnad that kept \
            writing to the store after a newer one upgraded it) is missed by search, or taken for another: isnad \
            check says so ("search keys and index entries that are not their names' own"). reindex writes every \
            such key again as this Isnad makes it, and on a store file builds the name search index again from \
            every key, in one transaction. No record changes, so the history has no entry, and undo has nothing to \
            take back.
            """,
        options: [],
        examples: ["isnad reindex", "isnad reindex && isnad check"])

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let store = try context.openStore(.write)
        let (changed, names) = try store.reindexNames()
        let what =
            changed == 0
            ? "every name's search keys were its own" : "wrote the search keys of \(counted(changed, "name")) again"
        let index: String
        if case .file = context.storeLocation { index = "; the name search index was built again" } else { index = "" }
        context.message("\(what) (\(counted(names, "name")) in all)\(index)")
    }
}
