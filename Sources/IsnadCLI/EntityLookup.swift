import IsnadKit

/// An entity named on the command line, through ``EntityResolver``.
enum EntityLookup {
    /// The entity `text` names. When it was taken for another spelling of a name, or for the
    /// words of one, the line `isnad: "hamass" taken as Hamas (hamas)` goes to standard error.
    /// `forWriting`: the command changes the store, and takes no part of a name for a whole one
    /// (``EntityResolver/resolution(_:forWriting:)``).
    ///
    /// Where one entity is named, a text with a comma that is not a name as written (an id
    /// never holds one) reads as a list (`hamas,isis`): refused, not taken for a third entity
    /// whose name holds those words.
    static func entity(_ text: String, resolver: EntityResolver, context: Context, forWriting: Bool = false) throws
        -> Entity
    {
        let (entity, tier) = try resolver.resolution(text, forWriting: forWriting)
        let typed = text.trimmingWhitespace
        if typed.contains(","), tier > .variant {
            throw LookupError(
                description:
                    "\"\(Text.printable(typed))\" is no entity's name, and this takes one entity, not a list (its words are in the name of \(Text.printable(Text.nameWithinLimit(entity.name))): if that is the one meant, give its id, \(entity.id))"
            )
        }
        if tier == .id, typed != entity.id {
            // The id of an entity merged into another: what is written goes to that one, and an
            // unmerge later leaves it there.
            context.message(
                "isnad: \"\(Text.printable(typed))\" was merged into \(entity.id): taken as \(Text.printable(Text.nameWithinLimit(entity.name))) (\(entity.id))"
            )
        } else if tier > .exact {
            context.message(
                "isnad: \"\(Text.printable(text.trimmingWhitespace))\" taken as \(Text.printable(Text.nameWithinLimit(entity.name))) (\(entity.id))"
            )
        }
        return entity
    }

    /// The entities a list option names (`--subject hamas,isis`), each taken as ``entity(_:resolver:context:forWriting:)``
    /// takes one, without repeats. A comma always separates names, as in every list option; an
    /// id never holds one, so an entity whose name does is named by its id: a value that is such
    /// a name as written is refused, with the id, rather than split into names of others.
    static func entities(
        _ option: ListOption<String>, in arguments: ParsedArguments, resolver: EntityResolver, context: Context
    ) throws -> [Entity] {
        let name = option.spec.name
        for given in arguments.valuesHoldingCommas(option) {
            guard let (entity, tier) = try? resolver.resolution(given), tier <= .variant else { continue }
            throw LookupError(
                description:
                    "--\(name): \"\(Text.printable(given.trimmingWhitespace))\" is the name of \(entity.id), and a comma separates entities here: give its id (--\(name) \(entity.id))"
            )
        }
        var entities: [Entity] = []
        for text in try arguments.values(option) {
            let entity: Entity
            do {
                entity = try self.entity(text, resolver: resolver, context: context)
            } catch let error as EntityResolver.ResolutionError {
                throw LookupError(description: "--\(name): " + ErrorMessage.text(for: error))
            }
            if !entities.contains(where: { $0.id == entity.id }) { entities.append(entity) }
        }
        return entities
    }
}
