import IsnadKit

/// A source named on the command line — by its id, title, the start of either, its url, its
/// publisher or author (``SourceResolver``) — or an error that lists the candidates or suggests the nearest.
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

    /// The sources a list option names (`--source a,b`), each taken as ``source(_:in:option:context:forWriting:)``
    /// takes one, without repeats. A comma always separates them, as in every list option: a
    /// value that is a source's whole title holding a comma is refused, with its id, rather than
    /// split into the starts of other titles.
    static func sources(
        _ option: ListOption<String>, in arguments: ParsedArguments, store: GraphStore, context: Context? = nil,
        forWriting: Bool = false
    ) throws -> [Source] {
        let name = option.spec.name
        let resolver = SourceResolver(store: store)
        for given in arguments.valuesHoldingCommas(option) {
            guard let found = try? resolver.resolve(given), found.tier <= .exact else { continue }
            throw LookupError(
                description:
                    "--\(name): \"\(Text.printable(given.trimmingWhitespace))\" is the title of source \(found.source.id), and a comma separates sources here: give its id (--\(name) \(found.source.id))"
            )
        }
        var sources: [Source] = []
        for text in try arguments.values(option) {
            let source = try self.source(text, in: store, option: name, context: context, forWriting: forWriting)
            if !sources.contains(where: { $0.id == source.id }) { sources.append(source) }
        }
        return sources
    }
}
