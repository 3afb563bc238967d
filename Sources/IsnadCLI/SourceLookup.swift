import IsnadKit

/// A source named on the command line — by its id, title, the start of either, its publisher or
/// author (``SourceResolver``) — or an error that lists the candidates or suggests the nearest.
/// Every command and option that takes a source takes it this way.
enum SourceLookup {
    /// The source `text` names; `option` names the option it came from, for the messages. A
    /// source named by anything but its id is said on standard error, when `context` is given.
    /// `forWriting`: the command writes to it, and takes no words of a title for the source.
    static func source(
        _ text: String, in store: GraphStore, option: String? = nil, context: Context? = nil, forWriting: Bool = false
    ) throws -> Source {
        let prefix = option.map { "--\($0): " } ?? ""
        do {
            let found = try SourceResolver(store: store).resolve(text, forWriting: forWriting)
            if found.tier != .id {
                context?.message(
                    "isnad: \(prefix)\"\(Text.printable(text))\" taken as source \(found.source.id) (\(Text.printable(found.source.title)))"
                )
            }
            return found.source
        } catch let error as SourceResolver.ResolutionError {
            throw LookupError(description: prefix + error.description)
        }
    }
}
