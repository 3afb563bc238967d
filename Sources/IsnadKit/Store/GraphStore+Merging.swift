/// Merging entities (`isnad merge`, `unmerge`) and finding candidates (`isnad duplicates`).
extension GraphStore {
    /// The ids of every claim an entity takes part in, retracted claims included, in id order.
    func claimIDs(of entityID: String) throws -> [String] {
        var ids: [String] = []
        try database.prepare(
            """
            SELECT id FROM claim WHERE subject = ?1 OR object = ?1
            UNION
            SELECT id FROM retracted_claim WHERE record ->> '$.subject' = ?1 OR record ->> '$.object' = ?1
            ORDER BY 1
            """
        ).forEachRow([.text(entityID)]) { ids.append($0.string(0)) }
        return ids
    }

    /// What ``ChangeSession/merge(_:into:)`` did.
    public struct MergeOutcome: Sendable, Equatable {
        /// Claims that now name the kept entity.
        public var moved = 0
        /// Claims that became identical to one of the kept entity's, whose citations joined it.
        public var combined = 0
    }

    /// The history entry that merged `id` into another entity and is not undone, or nil.
    public func mergeEntry(of id: String) throws -> Int? {
        try database.prepare(
            """
            SELECT r.change FROM change_record AS r JOIN change AS c ON c.id = r.change
            WHERE r.record = ?1 AND r.kind = 'entity' AND r.action <> 'added' AND r.action = 'removed' AND c.undone_by IS NULL AND c.undoes IS NULL
            ORDER BY r.change DESC LIMIT 1
            """
        ).scalarInteger([.text(id)]).map(Int.init)
    }

    /// A pair of entities that may be one, why, and how likely (0–1).
    public struct DuplicateCandidate: Sendable, Equatable {
        public var first: String
        public var second: String
        public var reason: String
        public var score: Double
    }

    /// Pairs of entities of one type that may be the same: a name or alias that is the same once
    /// folded (case, diacritics, Arabic letter and transliteration variants), or many shared
    /// neighbours. Best first.
    public func duplicateCandidates(minimumSharedNeighbours: Int = 2) throws -> [DuplicateCandidate] {
        var found: [String: DuplicateCandidate] = [:]
        func keep(_ candidate: DuplicateCandidate) {
            let key = "\(candidate.first)\u{0}\(candidate.second)"
            if let known = found[key], known.score >= candidate.score { return }
            found[key] = candidate
        }
        try database.prepare(
            """
            SELECT a.entity, b.entity, a.name, b.name, a.position, b.position
            FROM entity_name AS a JOIN entity_name AS b ON b.search_key = a.search_key AND b.entity > a.entity
            JOIN entity AS ea ON ea.id = a.entity JOIN entity AS eb ON eb.id = b.entity AND eb.type = ea.type
            """
        ).forEachRow { row in
            let (first, second) = (row.string(2), row.string(3))
            let isPrimary = row.int(4) == 0 && row.int(5) == 0
            let sameSpelling = first.lowercased() == second.lowercased()
            let reason =
                sameSpelling
                ? "same name \"\(first)\"" : "transliteration or spelling variants \"\(first)\" and \"\(second)\""
            keep(
                DuplicateCandidate(
                    first: row.string(0), second: row.string(1), reason: reason,
                    score: (sameSpelling ? 0.95 : 0.85) + (isPrimary ? 0.05 : 0)))
        }
        // Shared neighbours: entities of one type linked to many of the same others.
        var neighbours: [String: Set<String>] = [:]
        var types: [String: String] = [:]
        try database.prepare("SELECT id, type FROM entity").forEachRow { types[$0.string(0)] = $0.string(1) }
        try database.prepare("SELECT subject, object FROM claim").forEachRow { row in
            neighbours[row.string(0), default: []].insert(row.string(1))
            neighbours[row.string(1), default: []].insert(row.string(0))
        }
        var byNeighbour: [String: [String]] = [:]
        for (entity, around) in neighbours where around.count >= minimumSharedNeighbours {
            for other in around { byNeighbour[other, default: []].append(entity) }
        }
        var shared: [String: Int] = [:]
        for (_, entities) in byNeighbour where entities.count <= 200 {
            let sorted = entities.sorted()
            for (index, first) in sorted.enumerated() {
                for second in sorted[(index + 1)...] where types[first] == types[second] {
                    shared["\(first)\u{0}\(second)", default: 0] += 1
                }
            }
        }
        for (key, count) in shared where count >= minimumSharedNeighbours {
            let ids = key.split(separator: "\u{0}").map(String.init)
            guard ids.count == 2, let a = neighbours[ids[0]], let b = neighbours[ids[1]] else { continue }
            // Not each other's neighbour only: two linked entities share the link itself.
            let union = a.union(b).subtracting(ids).count
            let jaccard = Double(count) / Double(max(union, 1))
            guard jaccard >= 0.5 else { continue }
            keep(
                DuplicateCandidate(
                    first: ids[0], second: ids[1], reason: "\(count) shared neighbours of \(union)",
                    score: (0.8 * jaccard * 100).rounded() / 100))
        }
        return found.values.sorted { ($1.score, $0.first, $0.second) < ($0.score, $1.first, $1.second) }
    }
}

extension ChangeSession {
    /// Merges the entity `other` into `keep`, in this change: `other`'s names become aliases of
    /// `keep` (its name with language `ar` when in Arabic script, else `en`), its id (and the ids
    /// merged into it) keep naming `keep`, its claims move to `keep` (a claim that becomes
    /// identical to one of `keep`'s — same predicate, ends and dates — gives it its citations),
    /// and `other` is deleted. Returns `keep` as it is now, and what moved.
    public func merge(_ other: Entity, into keep: Entity) throws -> (Entity, GraphStore.MergeOutcome) {
        guard other.id != keep.id else { throw MergeError.sameEntity(keep.id) }
        guard other.type == keep.type else {
            throw MergeError.differentTypes(
                keep: keep.id, keepType: keep.type.rawValue, other: other.id, otherType: other.type.rawValue)
        }
        var kept = keep
        let isArabic = other.name.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) }
        let names = [Alias(name: other.name, lang: isArabic ? "ar" : "en")] + other.aliases
        var known = Set(([kept.name] + kept.aliases.map(\.name)).map(NameKey.fold))
        for alias in names where known.insert(NameKey.fold(alias.name)).inserted { kept.aliases.append(alias) }
        kept.merged += [other.id] + other.merged
        var outcome = GraphStore.MergeOutcome()
        let claims = try store.claimIDs(of: other.id)
        try remove(.entity, id: other.id)
        try put(.entity(kept))
        for id in claims {
            guard case .claim(var claim)? = try record(.claim, id: id) else { continue }
            if claim.subject == other.id { claim.subject = kept.id }
            if claim.object == other.id { claim.object = kept.id }
            if claim.subject == claim.object { throw MergeError.selfLink(claim: claim.id, keep: kept.id, other: other.id) }
            let twinID = try store.claimsStating(subject: claim.subject, predicate: claim.predicate, object: claim.object)
                .first { $0.id != claim.id && $0.start == claim.start && $0.end == claim.end }?.id
            if let twinID, claim.retraction == nil, case .claim(var twin)? = try record(.claim, id: twinID) {
                for citation in claim.citations where !twin.citations.contains(where: { $0.key == citation.key }) {
                    twin.citations.append(citation)
                }
                try put(.claim(twin))
                try remove(.claim, id: claim.id)
                outcome.combined += 1
            } else {
                try put(.claim(claim))
                outcome.moved += 1
            }
        }
        return (kept, outcome)
    }
}

/// Why entities cannot be merged.
public enum MergeError: Error, Equatable, CustomStringConvertible {
    case sameEntity(String)
    case differentTypes(keep: String, keepType: String, other: String, otherType: String)
    case selfLink(claim: String, keep: String, other: String)
    case notMerged(String)

    public var description: String {
        switch self {
        case .sameEntity(let id): "\"\(id)\" is named twice: an entity cannot be merged into itself"
        case .differentTypes(let keep, let keepType, let other, let otherType):
            "cannot merge \(otherType) \"\(other)\" into \(keepType) \"\(keep)\": entities of different types are not one"
        case .selfLink(let claim, let keep, let other):
            "claim \"\(claim)\" links \"\(keep)\" and \"\(other)\": merged, it would link \"\(keep)\" with itself (retract it first)"
        case .notMerged(let id): "\"\(id)\" is not merged into another entity (see isnad log \(id))"
        }
    }
}

extension GraphStore {
    /// The claims (standing, not retracted) with this subject, predicate and object: their ids
    /// and dates, in id order. One index lookup, however many claims the two entities share.
    public func claimsStating(subject: String, predicate: String, object: String) throws -> [(
        id: String, start: PartialDate?, end: PartialDate?
    )] {
        var found: [(id: String, start: PartialDate?, end: PartialDate?)] = []
        try database.cached(
            "SELECT id, start_date, end_date FROM claim WHERE subject = ?1 AND object = ?3 AND predicate = ?2 ORDER BY id"
        ).forEachRow([.text(subject), .text(predicate), .text(object)]) { row in
            found.append(
                (
                    row.string(0), row.text(1).flatMap { try? PartialDate(parsing: $0) },
                    row.text(2).flatMap { try? PartialDate(parsing: $0) }
                ))
        }
        return found
    }
}
