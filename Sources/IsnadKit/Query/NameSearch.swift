import Foundation

/// Finds entities by what a user types: an id, a name or an alias, in Arabic or in Latin
/// letters, however it is spelled or misspelt. Every command names entities through it (see
/// ``EntityResolver``), and `isnad search` shows its ranking.
///
/// Matches come in tiers, each better than the next:
/// 1. **id**: the text is an entity's id;
/// 2. **exact**: a name equal to the text up to case, diacritics, Arabic letter variants and
///    punctuation (``NameKey/normalize(_:)``);
/// 3. **variant**: equal up to transliteration variants too (``NameKey/fold(_:)``: al-/el-,
///    Abu/Abou, doubled letters …);
/// 4. **words**: a name that contains every word typed (`Baghdadi`, `قسام`);
/// 5. **otherScript**: a name in the other script with the same consonants
///    (``NameKey/consonants(ofFolded:)``): `Saraya al-Quds` finds «سرايا القدس», and «حزب الله»
///    finds Hezbollah, where no name is the text;
/// 6. **typo**: a name a few edits away, as a whole, from its start, or in as many of its words
///    as were typed, the spellings French and English transliterations differ by not counted
///    (``NameKey/transcriptionKey(ofFolded:)``: Okacha, Okasha), found through the trigram index
///    and ranked by edit distance; or, when
///    nothing else matches, a name whose every word was typed among others ("Hamas movement").
/// Within a tier, names closer to the text come first, then entities with more claims.
public struct NameSearch {
    public enum Tier: Int, Comparable, Sendable, CaseIterable {
        case id = 0, exact, variant, words, otherScript, typo

        public static func < (lhs: Tier, rhs: Tier) -> Bool { lhs.rawValue < rhs.rawValue }

        public var label: String {
            switch self {
            case .id: "id"
            case .exact: "exact"
            case .variant: "spelling variant"
            case .words: "contains the words"
            case .otherScript: "other script"
            case .typo: "close spelling"
            }
        }
    }

    /// One entity found, with the name of it that matched best.
    public struct Match: Hashable, Sendable {
        public let id: String
        public let name: String
        public let type: EntityType
        public let matchedName: String
        public let tier: Tier
        /// 0 (unrelated) to 1 (identical), between the folded text and the folded name.
        public let similarity: Double
        /// How many claims the entity takes part in.
        public let claims: Int
    }

    public let store: GraphStore

    public init(store: GraphStore) { self.store = store }

    /// The best matches, at most `limit`, best first. `fuzzy` adds the other-script and typo
    /// tiers: what is offered, never taken, for a name (two names in different scripts may share
    /// their consonants: Homs and حماس).
    public func search(_ text: String, limit: Int = 10, fuzzy: Bool = true) throws -> [Match] {
        try search(text, limit: limit, fuzzy: fuzzy, countsClaims: true)
    }

    /// The same, and when `countsClaims` is false every match's `claims` is 0 and matches equally
    /// close are ordered by id alone: for a caller that wants only the best tier, since counting
    /// a hub's claims reads its 100,000 index entries.
    public func search(_ text: String, limit: Int, fuzzy: Bool, countsClaims: Bool) throws -> [Match] {
        try find(text, limit: limit, fuzzy: fuzzy, countsClaims: countsClaims).matches
    }

    /// What ``search(_:limit:fuzzy:countsClaims:)`` found, and how far it looked.
    public struct Found: Sendable {
        /// The best matches, best first.
        public let matches: [Match]
        /// The words typed, all shorter than three characters, of which more names begin with one
        /// than ``GraphStore/shortWordCandidateLimit`` (by key, entity id and position): the
        /// names past those were not looked at, and may match as well or better.
        public let wordsCut: [String]
    }

    /// The same as ``search(_:limit:fuzzy:countsClaims:)``, saying which short words' names were cut.
    public func find(_ text: String, limit: Int, fuzzy: Bool = true, countsClaims: Bool = true) throws -> Found {
        var wordsCut: [String] = []
        let query = text.trimmingWhitespace
        let normalized = NameKey.normalize(query)
        let folded = NameKey.fold(query)
        var best: [String: (tier: Tier, similarity: Double, name: String)] = [:]
        func consider(_ candidate: GraphStore.NameCandidate, tier: Tier, similarity given: Double? = nil) {
            let similarity = given ?? NameSearch.similarity(folded, candidate.searchKey)
            if let current = best[candidate.entity],
                (current.tier, -current.similarity) <= (tier, -similarity)
            {
                return
            }
            best[candidate.entity] = (tier, similarity, candidate.name)
        }
        if Identifier.isValid(query) {
            if try store.entity(id: query) != nil {
                best[query] = (.id, 1, query)
            } else if let kept = try store.entityMergedInto(query) {
                // The id of an entity merged into another names that one, as on every command.
                best[kept] = (.id, 1, query)
            }
        }
        if !folded.isEmpty {
            for candidate in try store.names(withSearchKey: folded) {
                consider(candidate, tier: NameKey.normalize(candidate.name) == normalized ? .exact : .variant)
            }
            let words = folded.split(separator: " ").map(String.init)
            // Initials typed apart are one word of the key (G W Bush is gw bush) and the starts of
            // a name's words too (R S of Raed Salah): both are looked for.
            let apart = NameKey.fold(query, joiningInitials: false).split(separator: " ").map(String.init)
            for typed in apart == words ? [words] : [words, apart] {
                let found = try store.names(containing: typed)
                wordsCut += found.wordsCut.filter { !wordsCut.contains($0) }
                for candidate in found.names where NameSearch.containsWords(typed, in: candidate.searchKey) {
                    consider(candidate, tier: .words, similarity: NameSearch.wordCoverage(typed, of: candidate.searchKey))
                }
            }
            if fuzzy, !best.values.contains(where: { $0.tier <= .variant }) {
                // Only across scripts, and only when no name is the text: within one script the
                // tiers above and the typo tier are closer, and a name found as typed is the one
                // meant. The text's construct-state readings only when it is not found as it is.
                let typedInArabic = NameKey.isInArabicLetters(folded)
                for consonants in NameKey.consonantKeys(ofTyped: folded) where consonants.count >= 2 {
                    var found = false
                    for candidate in try store.names(withConsonantKey: consonants, inArabicLetters: !typedInArabic) {
                        consider(candidate, tier: .otherScript)
                        found = true
                    }
                    if found { break }
                }
                // Across scripts the edit distance says nothing (about 0 for every name): each
                // entity so found is ranked by the closest of its own names to the text instead,
                // so that "Muhammad Abbas" puts Mohammed Abbas before Mahmoud Abbas, whose Arabic
                // names share their consonants.
                for (id, found) in best where found.tier == .otherScript {
                    guard let entity = try store.entity(id: id) else { continue }
                    let closest =
                        ([entity.name] + entity.aliases.map(\.name)).map {
                            NameSearch.similarity(folded, NameKey.fold($0))
                        }.max() ?? found.similarity
                    best[id] = (found.tier, max(found.similarity, closest), found.name)
                }
            }
            if fuzzy, best.isEmpty, words.count >= 2 {
                // A word more than the name ("Hamas movement", "General Soleimani"): names whose
                // every word was typed, offered as close spellings.
                let typedWords = Set(words)
                for word in typedWords where word.count >= 3 {
                    for candidate in try store.names(containing: [word]).names {
                        let nameWords = candidate.searchKey.split(separator: " ").map(String.init)
                        guard nameWords.allSatisfy(typedWords.contains) else { continue }
                        consider(candidate, tier: .typo, similarity: NameSearch.wordCoverage(nameWords, of: folded))
                    }
                }
            }
            if fuzzy, best.count < limit {
                // Compared as French and English transliterations write them alike (Djamel Okacha,
                // Jamal Okasha), as duplicates compares them: what is not an edit is not counted.
                let typed = Array(NameKey.transcriptionKey(ofFolded: folded).unicodeScalars)
                let range = max(1, folded.count / 3)
                for candidate in try store.names(sharingTrigramsWith: folded)
                where NameSearch.isCloseSpelling(
                    typed, wordCount: words.count, of: NameKey.transcriptionKey(ofFolded: candidate.searchKey), within: range)
                {
                    consider(candidate, tier: .typo)
                }
            }
        }
        // A common word starts the names of thousands of entities: only those that can be among
        // the first `limit` are read and their claims counted (those as close as the last one
        // too, since claims break their tie).
        var ranked = best.map { (id: $0.key, found: $0.value) }
        ranked.sort { ($0.found.tier, -$0.found.similarity, $0.id) < ($1.found.tier, -$1.found.similarity, $1.id) }
        if ranked.count > limit, limit > 0 {
            let last = ranked[limit - 1].found
            let end = ranked[limit...].firstIndex { ($0.found.tier, $0.found.similarity) != (last.tier, last.similarity) }
            ranked.removeSubrange((end ?? ranked.endIndex)...)
        }
        var matches: [Match] = []
        for (id, found) in ranked {
            guard let entity = try store.entity(id: id) else { continue }
            matches.append(
                Match(
                    id: id, name: entity.name, type: entity.type, matchedName: found.name, tier: found.tier,
                    similarity: found.similarity, claims: countsClaims ? try store.claimCount(of: id) : 0))
        }
        matches.sort { ($0.tier, -$0.similarity, -$0.claims, $0.id) < ($1.tier, -$1.similarity, -$1.claims, $1.id) }
        return Found(matches: Array(matches.prefix(limit)), wordsCut: wordsCut)
    }

    /// Whether `typed` (folded, `wordCount` words) is at most `range` edits from the name's key, from
    /// the start of the key, or from as many consecutive words of the key as were typed, or their
    /// start: `Muqawma` and `Hsur` are close spellings of `Harakat al-Muqawama al-Islamiya` and of
    /// `Husur Farfar`, as `Harakat Muqawma` and `Hamaz` are of it and of `Hamas`.
    static func isCloseSpelling(_ typed: [Unicode.Scalar], wordCount: Int, of key: String, within range: Int) -> Bool {
        let scalars = Array(key.unicodeScalars)
        if Suggestion.editDistance(typed, scalars, atMost: range) != nil { return true }
        if Suggestion.editDistance(typed, Array(scalars.prefix(typed.count)), atMost: range) != nil { return true }
        let keyWords = scalars.split(separator: " ")
        guard wordCount >= 1, keyWords.count > wordCount else { return false }
        for start in 0...(keyWords.count - wordCount) {
            let window = Array(keyWords[start..<start + wordCount].joined(separator: [" "]))
            if Suggestion.editDistance(typed, window, atMost: range) != nil
                || Suggestion.editDistance(typed, Array(window.prefix(typed.count)), atMost: range) != nil
            {
                return true
            }
        }
        return false
    }

    /// How much of a name the words typed are, each a word of it or the start of one: 1 when they
    /// are its words in any order ("Salah Raed" of Raed Salah), else the share of its letters
    /// typed, under 1. So the name that is the words comes before the longer one that holds them
    /// ("Man photographed with Raed Salah"), and the order of the words does not count, as the
    /// edit distance of the whole name would make it.
    static func wordCoverage(_ words: [String], of key: String) -> Double {
        let nameWords = key.split(separator: " ").map(String.init)
        if words.sorted() == nameWords.sorted() { return 1 }
        let typed = words.reduce(0) { $0 + $1.unicodeScalars.count }
        let letters = nameWords.reduce(0) { $0 + $1.unicodeScalars.count }
        return min(0.99, Double(typed) / Double(max(1, letters)))
    }

    /// Whether every word typed is a word of the name, or the start of one.
    static func containsWords(_ words: [String], in key: String) -> Bool {
        let nameWords = key.split(separator: " ")
        return words.allSatisfy { word in nameWords.contains { $0.hasPrefix(word) } }
    }

    /// 1 − edit distance ÷ the longer length, on folded keys.
    static func similarity(_ a: String, _ b: String) -> Double {
        let x = Array(a.unicodeScalars)
        let y = Array(b.unicodeScalars)
        let longest = max(x.count, y.count)
        guard longest > 0 else { return 1 }
        let distance = Suggestion.editDistance(x, y, atMost: longest) ?? longest
        return 1 - Double(distance) / Double(longest)
    }
}
