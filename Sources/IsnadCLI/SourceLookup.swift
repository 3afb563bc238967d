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

/// An entity named on the command line, through ``EntityResolver``.
enum EntityLookup {
    /// The entity `text` names. When it was taken for another spelling of a name, or for the
    /// words of one, the line `isnad: "hamass" taken as Hamas (hamas)` goes to standard error.
    /// `forWriting`: the command changes the store, and takes no part of a name for a whole one
    /// (``EntityResolver/resolution(_:forWriting:)``).
    static func entity(_ text: String, resolver: EntityResolver, context: Context, forWriting: Bool = false) throws
        -> Entity
    {
        let (entity, tier) = try resolver.resolution(text, forWriting: forWriting)
        let typed = text.trimmingWhitespace
        if tier == .id, typed != entity.id {
            // The id of an entity merged into another: what is written goes to that one, and an
            // unmerge later leaves it there.
            context.message(
                "isnad: \"\(Text.printable(typed))\" was merged into \(entity.id): taken as \(Text.printable(entity.name)) (\(entity.id))"
            )
        } else if tier > .exact {
            context.message(
                "isnad: \"\(Text.printable(text.trimmingWhitespace))\" taken as \(Text.printable(entity.name)) (\(entity.id))"
            )
        }
        return entity
    }
}

/// A predicate named on the command line: its id, or a label (``Vocabulary/predicate(named:)``).
/// Named by a label, the line `isnad: "موّل" taken as funded` goes to standard error.
enum PredicateLookup {
    static func predicate(_ text: String, vocabulary: Vocabulary, context: Context?) -> Predicate? {
        guard let predicate = vocabulary.predicate(named: text) else { return nil }
        if predicate.id != text { context?.message("isnad: \"\(Text.printable(text))\" taken as \(predicate.id)") }
        return predicate
    }
}
