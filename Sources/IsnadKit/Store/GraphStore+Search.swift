import Foundation

extension GraphStore {
    /// A name or alias of an entity, with its folded search key.
    public struct NameCandidate: Sendable {
        public let entity: String
        public let name: String
        public let searchKey: String
    }

    private func nameCandidates(_ sql: String, _ values: [Statement.Value]) throws -> [NameCandidate] {
        var result: [NameCandidate] = []
        try database.cached(sql).forEachRow(values) { row in
            result.append(NameCandidate(entity: row.string(0), name: row.string(1), searchKey: row.string(2)))
        }
        return result
    }

    /// Names whose search key is exactly `key` (the search-key index).
    func names(withSearchKey key: String) throws -> [NameCandidate] {
        try nameCandidates(
            "SELECT entity, name, search_key FROM entity_name WHERE search_key = ?1 ORDER BY entity, position", [.text(key)])
    }

    /// Names whose consonant key is `key` (``NameKey/consonants(ofFolded:)``, its index), written
    /// in Arabic letters or not as `inArabicLetters` says (``NameKey/isInArabicLetters(_:)``).
    func names(withConsonantKey key: String, inArabicLetters: Bool) throws -> [NameCandidate] {
        try nameCandidates(
            """
            SELECT entity, name, search_key FROM entity_name
            WHERE consonant_key = ?1 AND \(inArabicLetters ? "" : "NOT ")\(arabicLettersCondition("search_key"))
            ORDER BY entity, position LIMIT 200
            """,
            [.text(key)])
    }

    /// SQL that is true when `column` holds a letter of the Arabic script, as
    /// ``NameKey/isInArabicLetters(_:)`` says.
    func arabicLettersCondition(_ column: String) -> String {
        // A bracket of ranges, such as [ؠ-يٮ-ۓ], for GLOB and for PostgreSQL's regular expressions.
        let letters = NameKey.arabicLetters.compactMap { range -> String? in
            guard let first = Unicode.Scalar(range.lowerBound), let last = Unicode.Scalar(range.upperBound) else { return nil }
            return "\(first)-\(last)"
        }.joined()
        return database.isPostgreSQL ? "\(column) ~ '[\(letters)]'" : "\(column) GLOB '*[\(letters)]*'"
    }

    /// How many names ``names(containing:)`` reads for each word when every word typed is
    /// shorter than three characters.
    public static let shortWordCandidateLimit = 200

    /// Names whose search key may have a word that starts with each of `words` (the caller
    /// checks each word), and the words whose names were cut short. With a word of three
    /// characters or more, the trigram index finds every name holding those words: a list cut at
    /// some number, in the order of the rows, would leave out names imported later, whatever they
    /// rank (a common word starts 14,000 names of the 1M-claim benchmark store: 0.1 s). With
    /// shorter words only, the trigram index cannot help: the first 200 names whose key starts
    /// with each word, by key, then by entity id and the name's position (not in the order the
    /// store wrote them, which differs between two imports of the same records and after an
    /// `undo`), in any order the words were typed ("Ma Ab" finds Abu Maram, as "Ab Ma" does).
    func names(containing words: [String]) throws -> (names: [NameCandidate], wordsCut: [String]) {
        let long = words.filter { $0.count >= 3 }
        if long.isEmpty {
            let limit = GraphStore.shortWordCandidateLimit
            var found: [NameCandidate] = []
            var wordsCut: [String] = []
            var seen: Set<String> = []
            var taken: Set<[String]> = []
            for word in words where !word.isEmpty && seen.insert(word).inserted {
                // One more than are taken, to know whether more begin with the word.
                var candidates = try nameCandidates(
                    """
                    SELECT entity, name, search_key FROM entity_name
                    WHERE search_key >= ?1 AND search_key < ?1 || \(database.isPostgreSQL ? "chr" : "char")(1114111)
                    ORDER BY search_key, entity, position LIMIT \(limit + 1)
                    """,
                    [.text(word)])
                if candidates.count > limit {
                    candidates.removeLast()
                    wordsCut.append(word)
                }
                for candidate in candidates where taken.insert([candidate.entity, candidate.name]).inserted {
                    found.append(candidate)
                }
            }
            return (found, wordsCut)
        }
        if database.isPostgreSQL {
            // pg_trgm's index answers LIKE '%word%' (https://www.postgresql.org/docs/15/pgtrgm.html#PGTRGM-INDEX).
            // By entity and position on both engines, not in the order the rows were written.
            let conditions = long.indices.map { "search_key LIKE ?\($0 + 1)" }
            let starts = words.indices.map { "(' ' || search_key) LIKE ?\(long.count + $0 + 1)" }
            return (
                try nameCandidates(
                    "SELECT entity, name, search_key FROM entity_name WHERE \((conditions + starts).joined(separator: " AND ")) ORDER BY entity, position",
                    long.map { .text("%" + GraphStore.escapedForLike($0) + "%") }
                        + words.map { .text("% " + GraphStore.escapedForLike($0) + "%") }), []
            )
        }
        let expression = long.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" }.joined(separator: " ")
        let starts = words.indices.map { " AND (' ' || n.search_key) GLOB ?\($0 + 2)" }.joined()
        return (
            try nameCandidates(
                """
                SELECT n.entity, n.name, n.search_key FROM entity_name_search AS s JOIN entity_name AS n ON n.rowid = s.rowid
                WHERE entity_name_search MATCH ?1\(starts) ORDER BY n.entity, n.position
                """, [.text(expression)] + words.map { .text("* " + GraphStore.escapedForGlob($0) + "*") }), []
        )
    }

    /// How many names ``names(sharingTrigramsWith:)`` gives at most.
    static let trigramCandidateLimit = 300

    /// Names that share the most trigrams with `key`, best first (the trigram index): the names
    /// holding the most of its distinct trigrams, then by entity id and the name's position, on
    /// both engines (not in the order the store wrote them, which differs between them).
    func names(sharingTrigramsWith key: String) throws -> [NameCandidate] {
        let scalars = Array(key.unicodeScalars)
        guard scalars.count >= 3 else { return [] }
        var trigrams: [String] = []
        for start in 0...(scalars.count - 3) {
            var trigram = String.UnicodeScalarView()
            trigram.append(contentsOf: scalars[start..<start + 3])
            let text = String(trigram)
            if !trigrams.contains(text) { trigrams.append(text) }
        }
        let limit = GraphStore.trigramCandidateLimit
        if database.isPostgreSQL {
            let matches = trigrams.indices.map { "(search_key LIKE ?\($0 + 1))::int" }.joined(separator: " + ")
            let any = trigrams.indices.map { "search_key LIKE ?\($0 + 1)" }.joined(separator: " OR ")
            return try nameCandidates(
                "SELECT entity, name, search_key FROM entity_name WHERE \(any) ORDER BY \(matches) DESC, entity, position LIMIT \(limit)",
                trigrams.map { .text("%" + GraphStore.escapedForLike($0) + "%") })
        }
        // Each trigram's names from the index, counted here. FTS5's own ranking (bm25, over one
        // query of every trigram) scored every name holding any of them: for a common syllable in
        // a store of a million claims, tens of thousands of names and 0.2 s.
        var shared: [Int64: Int] = [:]
        let select = try database.cached("SELECT rowid FROM entity_name_search WHERE entity_name_search MATCH ?1")
        for trigram in trigrams {
            try select.forEachRow([.text("\"" + trigram.replacingOccurrences(of: "\"", with: "\"\"") + "\"")]) { row in
                shared[row.int64(0), default: 0] += 1
            }
        }
        var byCount = [[Int64]](repeating: [], count: trigrams.count + 1)
        for (row, count) in shared { byCount[count].append(row) }
        var chosen: [Int64] = []
        for count in byCount.indices.reversed() where chosen.count < limit {
            let room = limit - chosen.count
            if byCount[count].count <= room {
                chosen += byCount[count]
            } else {
                // Names that tie at the cut are taken by entity and position, not by the order
                // the store wrote them in, which differs between engines and imports.
                chosen += try firstInEntityOrder(room, of: byCount[count])
            }
        }
        var found: [(shared: Int, position: Int, candidate: NameCandidate)] = []
        try database.cached(
            "SELECT rowid, entity, name, search_key, position FROM entity_name WHERE rowid \(GraphStore.inList(database, of: .integer))"
        ).forEachRow([GraphStore.jsonArray(chosen)]) { row in
            found.append(
                (
                    shared[row.int64(0)] ?? 0, row.int(4),
                    NameCandidate(entity: row.string(1), name: row.string(2), searchKey: row.string(3))
                ))
        }
        // As PostgreSQL's query above orders them.
        found.sort { (-$0.shared, $0.candidate.entity, $0.position) < (-$1.shared, $1.candidate.entity, $1.position) }
        return found.map(\.candidate)
    }

    /// The first `count` of these rows of `entity_name` by entity id and the name's position
    /// (sorted by SQLite: no string is made for the rows left out).
    private func firstInEntityOrder(_ count: Int, of rows: [Int64]) throws -> [Int64] {
        var first: [Int64] = []
        try database.cached(
            "SELECT rowid FROM entity_name WHERE rowid \(GraphStore.inList(database, of: .integer)) ORDER BY entity, position LIMIT ?2"
        ).forEachRow([GraphStore.jsonArray(rows), .integer(Int64(count))]) { first.append($0.int64(0)) }
        return first
    }

    /// `text` for a GLOB pattern, its `*`, `?` and `[` matched as themselves. Read by scalars,
    /// as the engines read a pattern: a `*` that a combining mark follows is one character to
    /// Swift, and would be left a wildcard.
    static func escapedForGlob(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "*" || scalar == "?" || scalar == "[" {
                result.append(contentsOf: ["[", scalar, "]"])
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// `text` for a LIKE pattern, its `%`, `_` and `\\` matched as themselves (by scalars, as
    /// ``escapedForGlob(_:)``).
    static func escapedForLike(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "%" || scalar == "_" || scalar == "\\" { result.append("\\") }
            result.append(scalar)
        }
        return String(result)
    }

    /// The number of claims an entity takes part in (a claim of the entity with itself once),
    /// counted in the indexes of subject and object.
    public func claimCount(of id: String) throws -> Int {
        let subject = try database.cached("SELECT count(*) FROM claim WHERE subject = ?1").scalarInteger([.text(id)]) ?? 0
        let object = try database.cached("SELECT count(*) FROM claim WHERE object = ?1").scalarInteger([.text(id)]) ?? 0
        let itself =
            try database.cached("SELECT count(*) FROM claim WHERE subject = ?1 AND object = ?1").scalarInteger([.text(id)]) ?? 0
        return Int(subject + object - itself)
    }
}
