import Foundation

/// Finds the entity a user means by what they typed: an id, a name or an alias, in Arabic or
/// in Latin letters, however it is spelled. Every command names entities through it.
public struct EntityResolver {
    /// An entity that a name may refer to.
    public struct Candidate: Hashable, Sendable {
        public let id: String
        public let name: String
        public let type: EntityType
        /// The name or alias that matched.
        public let matchedName: String
    }

    /// The name matches no entity, or several.
    public struct ResolutionError: Error, CustomStringConvertible {
        public let text: String
        /// Several entities match equally well.
        public let candidates: [Candidate]
        /// No entity matches; these come close.
        public let suggestions: [Candidate]

        public var description: String {
            if !candidates.isEmpty {
                return "\"\(Text.printable(text))\" matches \(candidates.count) entities; name one by its id:\n"
                    + EntityResolver.list(candidates)
            }
            if suggestions.isEmpty { return "no entity matches \"\(Text.printable(text))\"" }
            return "no entity matches \"\(Text.printable(text))\"; did you mean:\n" + EntityResolver.list(suggestions)
        }
    }

    public let store: GraphStore

    public init(store: GraphStore) { self.store = store }

    /// The one entity `text` names, or an error listing the candidates.
    public func resolve(_ text: String) throws -> Entity {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if Identifier.isValid(trimmed), let entity = try store.entity(id: trimmed) { return entity }
        let matches = try store.entitiesNamed(foldedAs: NameKey.fold(trimmed))
        var candidates = matches
        if candidates.count > 1 {
            // Prefer names equal up to case and diacritics over looser transliteration matches.
            let normalized = NameKey.normalize(trimmed)
            let exact = candidates.filter { NameKey.normalize($0.matchedName) == normalized }
            if !exact.isEmpty { candidates = exact }
            if Set(candidates.map(\.id)).count > 1 {
                throw ResolutionError(text: trimmed, candidates: candidates, suggestions: [])
            }
        }
        if let only = candidates.first, let entity = try store.entity(id: only.id) { return entity }
        throw ResolutionError(text: trimmed, candidates: [], suggestions: try store.entitiesNamedLike(trimmed, limit: 5))
    }

    static func list(_ candidates: [Candidate]) -> String {
        let width = candidates.map(\.id.count).max() ?? 0
        return candidates.map { candidate in
            let alias = candidate.matchedName == candidate.name ? "" : " — as \(Text.printable(candidate.matchedName))"
            return "  \(candidate.id.padding(toLength: width, withPad: " ", startingAt: 0))  \(Text.printable(candidate.name)) (\(candidate.type.rawValue))\(alias)"
        }.joined(separator: "\n")
    }
}

extension GraphStore {
    /// Entities with a name or alias whose search key is exactly `key`, one candidate each.
    func entitiesNamed(foldedAs key: String) throws -> [EntityResolver.Candidate] {
        guard !key.isEmpty else { return [] }
        var seen: Set<String> = []
        var result: [EntityResolver.Candidate] = []
        try database.cached(
            """
            SELECT e.id, e.name, e.type, n.name FROM entity_name AS n JOIN entity AS e ON e.id = n.entity
            WHERE n.search_key = ?1 ORDER BY e.id, n.position
            """
        ).forEachRow([.text(key)]) { row in
            if seen.insert(row.string(0)).inserted {
                result.append(
                    .init(id: row.string(0), name: row.string(1), type: EntityType(rawValue: row.string(2)) ?? .organization,
                          matchedName: row.string(3)))
            }
        }
        return result
    }

    /// The entities whose names come closest to `text` by edit distance of their search keys.
    func entitiesNamedLike(_ text: String, limit: Int) throws -> [EntityResolver.Candidate] {
        let key = Array(NameKey.fold(text).unicodeScalars)
        guard !key.isEmpty else { return [] }
        var best: [String: (distance: Int, candidate: EntityResolver.Candidate)] = [:]
        let bound = max(2, key.count / 3)
        try database.prepare(
            "SELECT e.id, e.name, e.type, n.name, n.search_key FROM entity_name AS n JOIN entity AS e ON e.id = n.entity"
        ).forEachRow { row in
            let candidateKey = Array(row.string(4).unicodeScalars)
            guard let distance = Suggestion.editDistance(key, candidateKey, atMost: bound) else { return }
            let id = row.string(0)
            if let existing = best[id], existing.distance <= distance { return }
            best[id] = (
                distance,
                .init(id: id, name: row.string(1), type: EntityType(rawValue: row.string(2)) ?? .organization, matchedName: row.string(3))
            )
        }
        return best.values.sorted { ($0.distance, $0.candidate.id) < ($1.distance, $1.candidate.id) }.prefix(limit).map(\.candidate)
    }
}
