import IsnadKit

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
