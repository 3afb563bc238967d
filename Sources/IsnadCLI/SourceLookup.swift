import IsnadKit

/// A source named on the command line: by its id, or an error that suggests the nearest one.
enum SourceLookup {
    /// The stored source `id`; `option` names the option it came from, for the message.
    static func source(_ id: String, in store: GraphStore, option: String? = nil) throws -> Source {
        if let source = try store.source(id: id) { return source }
        throw LookupError(
            description: (option.map { "--\($0): " } ?? "") + "no source \"\(Text.printable(id))\" in the store"
                + Suggestion.phrase(try store.nearestSourceID(to: id)))
    }
}
