/// Merging entities (`isnad merge`, `unmerge`) and finding candidates (`isnad duplicates`).
extension GraphStore {
    /// The ids of every claim an entity takes part in, retracted claims included, in id order.
    func claimIDs(of entityID: String) throws -> [String] {
        var ids: [String] = []
        try database.prepare(
            """
            SELECT id FROM claim WHERE subject = ?1 OR object = ?1
            UNION
            SELECT id FROM retracted_claim
            WHERE \(database.jsonMember("record", "subject")) = ?1 OR \(database.jsonMember("record", "object")) = ?1
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

    /// How `id` came to be merged, as far as this store's history knows it.
    public struct Merging: Sendable, Equatable {
        /// The entry that merged it.
        public var entry: Int
        /// Whether that entry came from another store's history (`import --from history`):
        /// unmerge, an undo, cannot take it back here.
        public var isFromAnotherStore: Bool
    }

    /// The history entry that merged `id` into another entity and is not undone, or nil (a store
    /// made from a backup's records knows the merge, not the entry that made it). A merge removes
    /// the entity and changes the one kept; a delete, which removes it alone, is not one.
    public func merging(of id: String) throws -> Merging? {
        guard
            let row = try database.prepare(
                """
                SELECT r.change, c.travelled FROM change_record AS r JOIN change AS c ON c.id = r.change
                WHERE r.record = ?1 AND r.kind = 'entity' AND r.action = 'removed' AND c.undone_by IS NULL AND c.undoes IS NULL
                  AND EXISTS (SELECT 1 FROM change_record AS k WHERE k.change = r.change AND k.kind = 'entity' AND k.action = 'changed')
                ORDER BY r.change DESC LIMIT 1
                """
            ).firstRow([.text(id)], { ($0.int(0), $0.int(1) != 0) })
        else { return nil }
        return Merging(entry: row.0, isFromAnotherStore: row.1)
    }

    /// The entity a merge's entry kept, as its id was then: the one entity the entry changed,
    /// when it removed others (a delete removes one alone). Nil for an entry that is no merge.
    public func keeperOfMerge(in entry: Int) throws -> String? {
        let number: Statement.Value = .integer(Int64(entry))
        // A merge's command: an import that added an entity and changed another, undone, removes
        // one and changes the other too.
        guard let command = try database.cached("SELECT command FROM change WHERE id = ?1").scalarText([number]),
            HistoryMark.commandName(of: command) == "isnad merge",
            try database.cached(
                "SELECT 1 FROM change_record WHERE change = ?1 AND kind = 'entity' AND action = 'removed' LIMIT 1"
            )
            .scalarInteger([number]) != nil
        else { return nil }
        var changed: [String] = []
        try database.cached(
            "SELECT record FROM change_record WHERE change = ?1 AND kind = 'entity' AND action = 'changed' LIMIT 2"
        ).forEachRow([number]) { changed.append($0.string(0)) }
        return changed.count == 1 ? changed[0] : nil
    }

    /// A pair of entities that may be one, why, and how likely (0–1).
    public struct DuplicateCandidate: Sendable, Equatable {
        public var first: String
        public var second: String
        public var reason: String
        public var score: Double
    }

    /// Pairs of entities of one type that may be the same: a name or alias that is the same once
    /// folded (case, diacritics, Arabic letter and transliteration variants), a name in Arabic
    /// letters and one in Latin letters with the same consonants (``NameKey/consonants(ofFolded:)``),
    /// two close spellings in Latin letters (or two written alike but for French and English
    /// conventions: ``NameKey/transcriptionKey(ofFolded:)``), or many shared neighbours. Best first.
    public func duplicateCandidates(minimumSharedNeighbours: Int = 2) throws -> [DuplicateCandidate] {
        // The types compared through subqueries: joined as tables, SQLite paired every name
        // with every entity of its type first (a quarter of an hour at a million claims).
        // A name, or a name's consonants, that more than `namesakesPairedAtMost` entities bear
        // is a common name, not a sign of one actor twice: its entities are not paired (2,000
        // Muhammad Alis made two million pairs, 23 s and 1.5 GB), and ``commonNames()`` lists it.
        let most = GraphStore.namesakesPairedAtMost
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
            WHERE (SELECT type FROM entity WHERE id = a.entity) = (SELECT type FROM entity WHERE id = b.entity)
              AND a.search_key NOT IN (
                SELECT search_key FROM entity_name GROUP BY search_key HAVING count(DISTINCT entity) > \(most))
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
        // One actor entered twice, once in each script: the same consonants (at least three, as
        // two are shared by too many names), one name in Arabic letters and the other not.
        try database.prepare(
            """
            SELECT a.entity, b.entity, a.name, b.name, a.position, b.position
            FROM entity_name AS a JOIN entity_name AS b ON b.consonant_key = a.consonant_key AND b.entity <> a.entity
            WHERE \(arabicLettersCondition("a.search_key")) AND NOT \(arabicLettersCondition("b.search_key"))
              AND length(a.consonant_key) >= 3
              AND (SELECT type FROM entity WHERE id = a.entity) = (SELECT type FROM entity WHERE id = b.entity)
              AND a.consonant_key NOT IN (
                SELECT consonant_key FROM entity_name WHERE consonant_key IS NOT NULL
                GROUP BY consonant_key HAVING count(DISTINCT entity) > \(most))
            """
        ).forEachRow { row in
            let isPrimary = row.int(4) == 0 && row.int(5) == 0
            let (arabic, latin) = (row.string(0), row.string(1))
            keep(
                DuplicateCandidate(
                    first: min(arabic, latin), second: max(arabic, latin),
                    reason: "written in two scripts: \"\(row.string(2))\" and \"\(row.string(3))\"",
                    score: 0.7 + (isPrimary ? 0.05 : 0)))
        }
        // One actor entered twice in Latin letters, transliterated two ways the folding does not
        // join (Haniya, Haniye; Okacha, Okasha): distinct keys of the same consonants compared
        // first, each with the few that share its consonants, then the entities of the close ones
        // paired. Keys written alike by French and English conventions (Ghaly, Ghali) are found by
        // their ``NameKey/transcriptionKey(ofFolded:)``, whatever their consonants (two at least)
        // and however many keys share them. Otherwise a key spelt more than 100 ways, or held by
        // more than 20 names, is too common to say anything (as a hub's neighbours are): compared,
        // it made pairs by the million; and so are fewer than four consonants.
        var closeKeys: [(String, String)] = []
        var group: (consonants: String, keys: [String]) = ("", [])
        func compareGroup() {
            guard group.keys.count > 1 else { return }
            var transcribed: [String: [String]] = [:]
            for key in group.keys { transcribed[NameKey.transcriptionKey(ofFolded: key), default: []].append(key) }
            for keys in transcribed.values where keys.count > 1 && keys.count <= 100 {
                for (index, key) in keys.enumerated() {
                    for other in keys[(index + 1)...] where NameKey.areCloseSpellings(folded: key, other) {
                        closeKeys.append((key, other))
                    }
                }
            }
            guard group.consonants.count >= 4, group.keys.count <= 100 else { return }
            for (index, key) in group.keys.enumerated() {
                let transcription = NameKey.transcriptionKey(ofFolded: key)
                for other in group.keys[(index + 1)...]
                where NameKey.transcriptionKey(ofFolded: other) != transcription && NameKey.areCloseSpellings(folded: key, other)
                {
                    closeKeys.append((key, other))
                }
            }
        }
        try database.prepare(
            """
            SELECT consonant_key, search_key FROM entity_name
            WHERE length(consonant_key) >= 2 AND NOT \(arabicLettersCondition("search_key"))
            GROUP BY consonant_key, search_key HAVING count(*) <= 20 ORDER BY consonant_key, search_key
            """
        ).forEachRow { row in
            let consonants = row.string(0)
            if consonants != group.consonants {
                compareGroup()
                group = (consonants, [])
            }
            group.keys.append(row.string(1))
        }
        compareGroup()
        let holders = try database.prepare(
            """
            SELECT a.entity, b.entity, a.name, b.name, a.position, b.position
            FROM entity_name AS a JOIN entity_name AS b ON b.search_key = ?2 AND b.entity <> a.entity
            WHERE a.search_key = ?1 AND (SELECT type FROM entity WHERE id = a.entity) = (SELECT type FROM entity WHERE id = b.entity)
            """)
        for (key, other) in closeKeys {
            try holders.forEachRow([.text(key), .text(other)]) { row in
                let isPrimary = row.int(4) == 0 && row.int(5) == 0
                let (first, second) = (row.string(0), row.string(1))
                let names = first < second ? (row.string(2), row.string(3)) : (row.string(3), row.string(2))
                let isTranscribed = NameKey.transcriptionKey(ofFolded: key) == NameKey.transcriptionKey(ofFolded: other)
                keep(
                    DuplicateCandidate(
                        first: min(first, second), second: max(first, second),
                        reason: isTranscribed
                            ? "transliterated two ways \"\(names.0)\" and \"\(names.1)\""
                            : "close spellings \"\(names.0)\" and \"\(names.1)\"",
                        score: (isTranscribed ? 0.75 : 0.65) + (isPrimary ? 0.05 : 0)))
            }
        }
        for candidate in try sharedNeighbourCandidates(minimum: minimumSharedNeighbours) { keep(candidate) }
        return found.values.sorted { ($1.score, $0.first, $0.second) < ($0.score, $1.first, $1.second) }
    }

    /// How many entities bearing one name ``duplicateCandidates(minimumSharedNeighbours:)`` pairs at most.
    public static let namesakesPairedAtMost = 20

    /// The names (folded) that more than ``namesakesPairedAtMost`` entities bear, each with one of
    /// its spellings and how many entities bear it, the most borne first: those `duplicates`
    /// does not pair.
    public func commonNames() throws -> [(name: String, entities: Int)] {
        var names: [(name: String, entities: Int)] = []
        try database.prepare(
            """
            SELECT min(name), count(DISTINCT entity) AS borne FROM entity_name GROUP BY search_key
            HAVING count(DISTINCT entity) > \(GraphStore.namesakesPairedAtMost) ORDER BY borne DESC, min(name)
            """
        ).forEachRow { names.append(($0.string(0), $0.int(1))) }
        return names
    }
}

extension GraphStore {
    /// Pairs of entities of one type linked to many of the same others: at least `minimum`
    /// shared neighbours, and at least half of all their neighbours (the two themselves left
    /// out). A neighbour linked to more than 200 entities (a hub) says nothing and is not
    /// counted.
    ///
    /// Entities are numbered and their neighbours kept as sorted arrays of numbers; the shared
    /// neighbours of each entity with every later one are counted in one array, reset after
    /// each: memory grows with the entities and claims, never with the pairs (tens of millions
    /// at a million claims), and no pair is hashed.
    fileprivate func sharedNeighbourCandidates(minimum: Int) throws -> [DuplicateCandidate] {
        var numbers: [String: Int32] = [:]
        var ids: [String] = []
        var types: [Int32] = []
        var typeNumbers: [String: Int32] = [:]
        func number(_ id: String) -> Int {
            if let known = numbers[id] { return Int(known) }
            numbers[id] = Int32(ids.count)
            ids.append(id)
            // An end the entity table does not hold (a store another program edited) has no type.
            types.append(-1)
            return ids.count - 1
        }
        try database.prepare("SELECT id, type FROM entity").forEachRow { row in
            let entity = number(row.string(0))
            let type = row.string(1)
            types[entity] = typeNumbers[type] ?? Int32(typeNumbers.count)
            typeNumbers[type] = types[entity]
        }
        // Each link in its role: the neighbour, the predicate and the direction, as one number.
        // A gunman and the officer he killed share the attack and the police, but not in the
        // same roles (killed in it on both sides, yes; killed by the police, a member of it).
        var links: [[Int64]] = Array(repeating: [], count: ids.count)
        var predicateNumbers: [String: Int64] = [:]
        try database.prepare("SELECT subject, predicate, object FROM claim").forEachRow { row in
            let (subject, object) = (number(row.string(0)), number(row.string(2)))
            let predicate = row.string(1)
            let role = (predicateNumbers[predicate] ?? Int64(predicateNumbers.count)) << 1
            predicateNumbers[predicate] = role >> 1
            while links.count < ids.count { links.append([]) }
            links[subject].append(Int64(object) << 24 | role)
            links[object].append(Int64(subject) << 24 | role | 1)
        }
        // Sorted, each link once; the neighbours, each once, read off them (the high bits).
        var neighbours: [[Int32]] = Array(repeating: [], count: links.count)
        for entity in links.indices {
            links[entity].sort()
            var distinct: [Int64] = []
            distinct.reserveCapacity(links[entity].count)
            for link in links[entity] where distinct.last != link {
                distinct.append(link)
                let neighbour = Int32(link >> 24)
                if neighbours[entity].last != neighbour { neighbours[entity].append(neighbour) }
            }
            links[entity] = distinct
        }
        // Who is linked to each entity, among those with enough neighbours to be a candidate: in
        // number order, since entities are taken in that order.
        var linked: [[Int32]] = Array(repeating: [], count: ids.count)
        for entity in neighbours.indices where neighbours[entity].count >= minimum {
            for other in neighbours[entity] { linked[Int(other)].append(Int32(entity)) }
        }
        var shared = [Int32](repeating: 0, count: ids.count)
        var touched: [Int] = []
        var candidates: [DuplicateCandidate] = []
        for first in neighbours.indices where neighbours[first].count >= minimum {
            for neighbour in neighbours[first] where linked[Int(neighbour)].count <= 200 {
                for second in linked[Int(neighbour)] where Int(second) > first && types[Int(second)] == types[first] {
                    if shared[Int(second)] == 0 { touched.append(Int(second)) }
                    shared[Int(second)] += 1
                }
            }
            for second in touched {
                let sharedNeighbours = Int(shared[second])
                shared[second] = 0
                guard sharedNeighbours >= minimum else { continue }
                // Counted again in their roles; links to each other left out (two linked entities
                // share the link itself). A pair whose lists differ too much in length to share
                // half their links is passed over unmerged: a hub's list against each of its
                // partners' was most of the time.
                let (shorter, longer) =
                    links[first].count <= links[second].count ? (links[first], links[second]) : (links[second], links[first])
                let leftOutOfLonger = GraphStore.linkCount(longer, to: first) + GraphStore.linkCount(longer, to: second)
                guard 2 * shorter.count >= longer.count - leftOutOfLonger else { continue }
                let (count, union) = GraphStore.overlap(links[first], links[second], leavingOut: [first, second]) {
                    linked[$0].count > 200
                }
                guard count >= minimum else { continue }
                let jaccard = Double(count) / Double(max(union, 1))
                guard jaccard >= 0.5 else { continue }
                let pair = ids[first] < ids[second] ? (ids[first], ids[second]) : (ids[second], ids[first])
                candidates.append(
                    DuplicateCandidate(
                        first: pair.0, second: pair.1, reason: "\(count) shared links of \(union)",
                        score: (0.8 * jaccard * 100).rounded() / 100))
            }
            touched.removeAll(keepingCapacity: true)
        }
        return candidates
    }

    /// How many links of a sorted list (``sharedNeighbourCandidates(minimum:)``'s numbers) go to
    /// `neighbour`: a range of the list, found by two binary searches.
    private static func linkCount(_ links: [Int64], to neighbour: Int) -> Int {
        func firstIndex(atLeast value: Int64) -> Int {
            var (low, high) = (0, links.count)
            while low < high {
                let middle = (low + high) / 2
                if links[middle] < value { low = middle + 1 } else { high = middle }
            }
            return low
        }
        return firstIndex(atLeast: Int64(neighbour + 1) << 24) - firstIndex(atLeast: Int64(neighbour) << 24)
    }

    /// How many links two sorted lists (``sharedNeighbourCandidates(minimum:)``'s numbers:
    /// a neighbour above the 24 low bits) have in common and in all, links to a neighbour in
    /// `leavingOut` aside; a link to a hub counts in all, never in common.
    private static func overlap(
        _ a: [Int64], _ b: [Int64], leavingOut: [Int], isHub: (Int) -> Bool
    ) -> (shared: Int, union: Int) {
        var (i, j, shared, union) = (0, 0, 0, 0)
        while i < a.count || j < b.count {
            let next: Int64
            var isShared = false
            if j == b.count || (i < a.count && a[i] < b[j]) {
                next = a[i]
                i += 1
            } else if i == a.count || b[j] < a[i] {
                next = b[j]
                j += 1
            } else {
                next = a[i]
                i += 1
                j += 1
                isShared = true
            }
            let neighbour = Int(next >> 24)
            guard !leavingOut.contains(neighbour) else { continue }
            union += 1
            if isShared, !isHub(neighbour) { shared += 1 }
        }
        return (shared, union)
    }
}

extension ChangeSession {
    /// Merges the entities `others` into `keep`, in this change: their names become aliases of
    /// `keep` (a name with language `ar` when in Arabic script, else `en`; every spelling it
    /// does not have, case and spacing aside), their ids (and the
    /// ids merged into them) keep naming `keep`, their claims move to `keep` (a claim that becomes
    /// identical to one of `keep`'s — same predicate, ends and dates — gives it its citations),
    /// and they are deleted. Returns `keep` as it is now, and what moved of each, in order.
    ///
    /// `keep` is written once, with every name, and each relationship's standing claims are
    /// read once: merged one by one, a thousand entities rewrote `keep`'s names a thousand times
    /// (30 s), and a thousand dated claims of one pair read the pair's claims a thousand times.
    public func merge(_ others: [Entity], into keep: Entity) throws -> (Entity, [GraphStore.MergeOutcome]) {
        var kept = keep
        // A spelling is kept unless the entity has it already, case and spacing aside: the ways
        // the sources write a name are evidence (al-Haddad beside Haddad, خالد الحداد beside
        // خالد حداد), which search's folding, meant to find them, must not merge away.
        func spelling(_ name: String) -> String {
            name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        var known = Set(([kept.name] + kept.aliases.map(\.name)).map(spelling))
        var claimsOfOthers: [[String]] = []
        for other in others {
            guard other.id != keep.id else { throw MergeError.sameEntity(keep.id) }
            guard other.type == keep.type else {
                throw MergeError.differentTypes(
                    keep: keep.id, keepType: keep.type.rawValue, other: other.id, otherType: other.type.rawValue)
            }
            let names = [Alias(name: other.name, lang: NameLanguage.of(other.name))] + other.aliases
            for alias in names where known.insert(spelling(alias.name)).inserted { kept.aliases.append(alias) }
            kept.merged += [other.id] + other.merged
            claimsOfOthers.append(try store.claimIDs(of: other.id))
            try remove(.entity, id: other.id)
        }
        try put(.entity(kept))
        var twins = TwinFinder(store: store)
        var outcomes: [GraphStore.MergeOutcome] = []
        for (other, claims) in zip(others, claimsOfOthers) {
            outcomes.append(try moveClaims(claims, of: other, to: kept, twins: &twins))
        }
        return (kept, outcomes)
    }

    /// Moves the claims (by id) of `other` to `kept`, combining each with its twin if `kept`
    /// has one.
    private func moveClaims(
        _ claims: [String], of other: Entity, to kept: Entity, twins: inout TwinFinder
    ) throws -> GraphStore.MergeOutcome {
        var outcome = GraphStore.MergeOutcome()
        for id in claims {
            guard case .claim(var claim)? = try record(.claim, id: id) else { continue }
            if claim.subject == other.id { claim.subject = kept.id }
            if claim.object == other.id { claim.object = kept.id }
            if claim.subject == claim.object {
                throw MergeError.selfLink(claim: claim.id, keep: kept.id, other: other.id, isRetracted: claim.retraction != nil)
            }
            let twinID = try twins.twin(of: claim)
            if let twinID, case .claim(var twin)? = try record(.claim, id: twinID) {
                // A key may be held twice on either claim, a retracted citation beside its standing
                // twin (``CitationRepeats``): a citation meets the twin's of its own kind first.
                var placesByKey: [Int64: [Int]] = [:]
                for (index, held) in twin.citations.enumerated() { placesByKey[held.key, default: []].append(index) }
                let heldBefore = twin.citations.count
                let standingOnClaim = Set(claim.citations.filter { $0.retraction == nil }.map(\.key))
                for (position, citation) in claim.citations.enumerated() {
                    let key = citation.key
                    let places = placesByKey[key] ?? []
                    let isRetracted = citation.retraction != nil
                    // Retracted with the claim alone, a passage the twin holds retracted adds nothing.
                    if claim.retraction != nil, places.contains(where: { twin.citations[$0].retraction != nil }) { continue }
                    let sameKind = places.first { (twin.citations[$0].retraction != nil) == isRetracted }
                    // The claim's own retracted copy beside its standing one joins as the twin's
                    // retracted copy: both claims have the citation standing. A copy this merge
                    // added is the claim's own, never a conflict with it.
                    let otherKind =
                        isRetracted && standingOnClaim.contains(key) ? nil : places.first { $0 < heldBefore }
                    guard let index = sameKind ?? otherKind else {
                        placesByKey[key, default: []].append(twin.citations.count)
                        // A retracted claim's citations join its twin retracted, each with the
                        // claim's reason where it has none of its own: restored, one relationship
                        // would otherwise stand as two claims.
                        var joining = citation
                        if joining.retraction == nil { joining.retraction = claim.retraction }
                        twin.citations.append(joining)
                        continue
                    }
                    // The twin holds the passage already: retracted with the claim alone, its
                    // copy adds nothing, and the twin's stands as it does.
                    if claim.retraction != nil, citation.retraction == nil { continue }
                    // The same citation standing on one claim and retracted on the other: which
                    // stands is the analyst's call, not the merge's.
                    switch (twin.citations[index].retraction, citation.retraction) {
                    case (.some, nil):
                        throw MergeError.retractedTwin(retracted: twin.id, number: index + 1, standing: claim.id)
                    case (nil, .some):
                        throw MergeError.retractedTwin(retracted: claim.id, number: position + 1, standing: twin.id)
                    // Retracted on both: neither reading counts, the twin's is kept with its reason.
                    case (.some, .some): continue
                    case (nil, nil): break
                    }
                    // The same passage given with another stance or grade: keeping either would
                    // drop the other's reading without a word, as an import refuses to.
                    let held = twin.citations[index]
                    if held.stance != citation.stance || held.credibility != citation.credibility
                        || held.quoteEnglish != citation.quoteEnglish || held.locator != citation.locator
                    {
                        throw MergeError.differingTwin(
                            claim: claim.id, number: position + 1, twin: twin.id, twinNumber: index + 1)
                    }
                }
                try put(.claim(twin))
                try remove(.claim, id: claim.id)
                outcome.combined += 1
            } else {
                try put(.claim(claim))
                if claim.retraction == nil { twins.add(claim) }
                outcome.moved += 1
            }
        }
        return outcome
    }
}

/// The standing claims of each relationship a merge moves claims into, read from the store once
/// and kept up to date as claims move, by relationship and dates: a claim's twin is one of them
/// with its dates. A symmetric relationship is one either way round (as `add claim` finds it).
private struct TwinFinder {
    let store: GraphStore
    /// The relationships read from the store.
    private var read: Set<String> = []
    /// The ids of the standing claims of each relationship and dates, in id order, then as they moved.
    private var ids: [String: [String]] = [:]

    init(store: GraphStore) { self.store = store }

    private func relationship(_ claim: Claim) -> String {
        let isSymmetric = store.vocabulary[claim.predicate]?.isSymmetric ?? false
        let ends = isSymmetric ? [claim.subject, claim.object].sorted() : [claim.subject, claim.object]
        return [ends[0], claim.predicate, ends[1]].joined(separator: "\u{0}")
    }

    private func key(_ relationship: String, _ start: PartialDate?, _ end: PartialDate?) -> String {
        [relationship, start?.description ?? "", end?.description ?? ""].joined(separator: "\u{0}")
    }

    /// The id of a standing claim other than `claim` that states what it states with its dates.
    mutating func twin(of claim: Claim) throws -> String? {
        let relationship = relationship(claim)
        if read.insert(relationship).inserted {
            for found in try store.claimsStatingEitherWay(
                subject: claim.subject, predicate: claim.predicate, object: claim.object)
            {
                ids[key(relationship, found.start, found.end), default: []].append(found.id)
            }
        }
        return ids[key(relationship, claim.start, claim.end)]?.first { $0 != claim.id }
    }

    /// A claim just written standing: a twin for the claims that move after it.
    mutating func add(_ claim: Claim) {
        let relationship = relationship(claim)
        guard read.contains(relationship) else { return }
        ids[key(relationship, claim.start, claim.end), default: []].append(claim.id)
    }
}

/// Why entities cannot be merged.
public enum MergeError: Error, Equatable, CustomStringConvertible {
    case sameEntity(String)
    case differentTypes(keep: String, keepType: String, other: String, otherType: String)
    case selfLink(claim: String, keep: String, other: String, isRetracted: Bool)
    case notMerged(String)
    case mergedBeforeHistory(String, keep: String)
    case mergedInAnotherStore(String, keep: String, entry: Int)
    /// Merged, two claims become one, and a citation both make stands on one and is retracted on
    /// the other.
    case retractedTwin(retracted: String, number: Int, standing: String)
    /// Merged, two claims become one, and a citation both make (its source, via and quote) is
    /// given on each with another stance, credibility, translation or locator.
    case differingTwin(claim: String, number: Int, twin: String, twinNumber: Int)

    public var description: String {
        switch self {
        case .sameEntity(let id): "\"\(id)\" is named twice: an entity cannot be merged into itself"
        case .differentTypes(let keep, let keepType, let other, let otherType):
            "cannot merge \(otherType) \"\(other)\" into \(keepType) \"\(keep)\": entities of different types are not one"
        case .selfLink(let claim, let keep, let other, let isRetracted):
            "\(isRetracted ? "retracted claim" : "claim") \"\(claim)\" links \"\(keep)\" and \"\(other)\": merged, it would link \"\(keep)\" with itself, which no claim may; a claim stays in the store retracted or not, so the two cannot be merged while one names both"
        case .notMerged(let id): "\"\(id)\" is not merged into another entity (see isnad log \(id))"
        case .mergedBeforeHistory(let id, let keep):
            "\"\(id)\" was merged into \"\(keep)\" before this store's history (its records came from a backup or an export, which keep the merge but not \"\(id)\"'s own record): unmerge cannot put it back here; unmerge it in the store that made the merge, and carry the records over again"
        case .mergedInAnotherStore(let id, let keep, let entry):
            "\"\(id)\" was merged into \"\(keep)\" by entry \(entry), which came from another store's history: unmerge cannot put it back here; unmerge it in the store that made the merge, and carry the records over again"
        case .retractedTwin(let retracted, let number, let standing):
            "merged, claims \"\(retracted)\" and \"\(standing)\" become one, and citation \(number) of \"\(retracted)\" is retracted where \"\(standing)\" has it standing: isnad restore \(retracted) --citation \(number), or retract it on \"\(standing)\", first"
        case .differingTwin(let claim, let number, let twin, let twinNumber):
            "merged, claims \"\(claim)\" and \"\(twin)\" become one, and citation \(number) of \"\(claim)\" is citation \(twinNumber) of \"\(twin)\" (the same source, via and quote) with another stance, credibility, translation or locator: make them agree (isnad edit \(claim) or isnad edit \(twin)), or retract the citation on both, first"
        }
    }
}

extension GraphStore {
    /// ``claimsStating(subject:predicate:object:)``, and, when the predicate is symmetric
    /// (`linked_to`), the claims stating it the other way round (`isReversed`): one relationship
    /// either way, for `add claim`, a claims sheet and `merge` to find it as the same.
    public func claimsStatingEitherWay(subject: String, predicate: String, object: String) throws -> [(
        id: String, start: PartialDate?, end: PartialDate?, isReversed: Bool
    )] {
        let forward = try claimsStating(subject: subject, predicate: predicate, object: object)
            .map { (id: $0.id, start: $0.start, end: $0.end, isReversed: false) }
        guard vocabulary[predicate]?.isSymmetric == true, subject != object else { return forward }
        return try forward
            + claimsStating(subject: object, predicate: predicate, object: subject)
            .map { (id: $0.id, start: $0.start, end: $0.end, isReversed: true) }
    }

    /// The standing claims other than `claim` that state what it states (either way round, as
    /// ``claimsStatingEitherWay(subject:predicate:object:)``) with other dates that may be the
    /// days of one relationship with `claim`'s (``ClaimPeriod/mayBeOneRelationship(with:)``): each
    /// is weighed apart from it, its sources as channels of their own, so `add claim` and a
    /// claims sheet note them. Two periods apart (two terms of one office) are left out.
    public func claimsMaybeOneRelationship(with claim: Claim) throws -> [(
        id: String, start: PartialDate?, end: PartialDate?, isReversed: Bool
    )] {
        let temporal = vocabulary[claim.predicate]?.temporal ?? .state
        let period = ClaimPeriod(claim, temporal: temporal)
        return try claimsStatingEitherWay(subject: claim.subject, predicate: claim.predicate, object: claim.object)
            .filter { other in
                other.id != claim.id
                    && period.mayBeOneRelationship(with: ClaimPeriod(start: other.start, end: other.end, temporal: temporal))
            }
    }

    /// The standing claims of one relationship (either way round, as
    /// ``claimsStatingEitherWay(subject:predicate:object:)``) in the groups whose dates may be
    /// one relationship's: each claim's period shares a day with another's of its group
    /// (``ClaimPeriod/mayBeOneRelationship(with:)``), a chain of them one group. Only groups of
    /// two or more, each in the order read; a sheet's import notes them. One read, then a sort:
    /// thousands of claims of one relationship (an attack a day) are grouped at once.
    func claimsMaybeOneRelationship(subject: String, predicate: String, object: String) throws -> [[(
        id: String, start: PartialDate?, end: PartialDate?
    )]] {
        let temporal = vocabulary[predicate]?.temporal ?? .state
        let claims = try claimsStatingEitherWay(subject: subject, predicate: predicate, object: object)
            .enumerated().map { read in
                (
                    order: read.offset, claim: (id: read.element.id, start: read.element.start, end: read.element.end),
                    period: ClaimPeriod(start: read.element.start, end: read.element.end, temporal: temporal)
                )
            }
            .sorted { ($0.period.from ?? .min, $0.order) < ($1.period.from ?? .min, $1.order) }
        // Sorted by first day, a claim overlaps one before it when it starts by the latest last
        // day so far: the groups are the runs of such claims.
        var groups: [[(order: Int, claim: (id: String, start: PartialDate?, end: PartialDate?))]] = []
        var latestDay: Int32 = .min
        for read in claims {
            if groups.isEmpty || (read.period.from ?? .min) > latestDay {
                groups.append([])
                latestDay = .min
            }
            groups[groups.count - 1].append((read.order, read.claim))
            latestDay = max(latestDay, read.period.to ?? .max)
        }
        return groups.filter { $0.count > 1 }.map { $0.sorted { $0.order < $1.order }.map(\.claim) }
    }

    /// The id of a standing claim other than `claim` that states what it states with its dates
    /// (either way round, for a symmetric predicate), or nil: `claim` put back among the evidence
    /// would stand beside it, one relationship as two claims.
    public func standingTwin(of claim: Claim) throws -> String? {
        try standingTwins(of: claim).first
    }

    /// Every standing claim other than `claim` that states what it states with its dates
    /// (``standingTwin(of:)``), in id order.
    func standingTwins(of claim: Claim) throws -> [String] {
        try claimsStatingEitherWay(subject: claim.subject, predicate: claim.predicate, object: claim.object)
            .filter { $0.id != claim.id && $0.start == claim.start && $0.end == claim.end }.map(\.id)
    }

    /// The claims (standing, not retracted) with this subject, predicate and object: their ids
    /// and dates, in id order. One index lookup, however many claims the two entities share.
    public func claimsStating(subject: String, predicate: String, object: String) throws -> [(
        id: String, start: PartialDate?, end: PartialDate?
    )] {
        var found: [(id: String, start: PartialDate?, end: PartialDate?)] = []
        try database.cached(
            "SELECT id, start_date, end_date FROM claim WHERE subject = ?1 AND object = ?3 AND predicate = ?2 ORDER BY id"
        ).forEachRow([.text(subject), .text(predicate), .text(object)]) { row in
            // A date another program damaged is an error, not "undated": read so, a citation
            // would join another claim than the one it dates.
            let id = row.string(0)
            found.append(
                (
                    id, try StoredValue.date(row, 1, path: path, record: "claim \"\(id)\"", field: "start"),
                    try StoredValue.date(row, 2, path: path, record: "claim \"\(id)\"", field: "end")
                ))
        }
        return found
    }
}
